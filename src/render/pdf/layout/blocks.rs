//! Blocks laid out as fragments: headings, paragraphs (and runs of figures, and display
//! math alone in its paragraph), figures, code, rules and what raw HTML keeps. Lists,
//! boxes and tables are their own modules.

use super::super::fonts::FaceKind;
use super::super::frame::Item;
use super::super::inline::{SpanStyle, StyledText};
use super::super::structure::{Role, Tag};
use super::context::{Column, Ctx};
use super::frag::{Frag, widows_and_orphans};
use super::lists::List;
use crate::model::{Align, Block, Inline, Span, plain_text};
use crate::render::raw_html;
use crate::render::shared::{expand_tabs, image_placeholder};

/// Points in an inch: the PDF's unit.
const POINTS_PER_INCH: f32 = 72.0;

impl Ctx<'_> {
    pub(super) fn blocks(&mut self, blocks: &[Block], column: Column, out: &mut Vec<Frag>) {
        self.blocks_in(blocks, column, false, out);
    }

    /// Lays out `blocks`; with `bare_paragraphs` (the items of a tight list, as HTML writes
    /// them), paragraphs are no elements of their own: their text is the enclosing one's.
    pub(super) fn blocks_in(
        &mut self,
        blocks: &[Block],
        column: Column,
        bare_paragraphs: bool,
        out: &mut Vec<Frag>,
    ) {
        for block in blocks {
            let start = out.len();
            self.block(block, column, bare_paragraphs, out);
            if out.len() > start && out[start].space_before == 0.0 {
                out[start].space_before = self.scale.paragraph_spacing;
            }
        }
    }

    pub(super) fn block(
        &mut self,
        block: &Block,
        column: Column,
        bare_paragraph: bool,
        out: &mut Vec<Frag>,
    ) {
        // An element left open in one block hides nothing of the next.
        self.script.reset();
        match block {
            Block::Heading {
                level, id, content, ..
            } => self.element(Role::Heading(*level), |ctx, _| {
                ctx.heading(*level, id, content, column, out)
            }),
            Block::Paragraph { content, span } => {
                self.paragraph(content, *span, column, !bare_paragraph, out)
            }
            Block::List {
                start,
                tight,
                items,
                ..
            } => {
                let list = List {
                    start: *start,
                    tight: *tight,
                    items,
                    note_ids: None,
                };
                self.list(list, column, out);
            }
            Block::Quote { blocks, .. } => {
                self.element(Role::BlockQuote, |ctx, _| ctx.quote(blocks, column, out))
            }
            Block::Callout {
                kind,
                title,
                blocks,
                ..
            } => self.element(Role::Div, |ctx, _| {
                ctx.callout(*kind, title.as_deref(), blocks, column, out)
            }),
            Block::Code { text, .. } => {
                self.element(Role::Code, |ctx, _| ctx.code(text, column, out))
            }
            Block::Math { tex, .. } => self.formula(tex, column, out),
            Block::Table {
                align, head, rows, ..
            } => self.table(align, head, rows, column, out),
            Block::DefinitionList { items, .. } => self.definitions(items, column, out),
            Block::Rule { .. } => {
                let rules = &self.measures().rules;
                let h = self.scale.paragraph_spacing * rules.height;
                out.push(Frag {
                    h,
                    items: vec![Item::hline(
                        column.x,
                        column.x + column.width,
                        h / 2.0,
                        self.colors().rule,
                        rules.width,
                    )],
                    ..Frag::default()
                });
            }
            Block::Html { raw, span } => {
                if raw_html::is_only_comments(raw) {
                    return;
                }
                self.html_lines.insert(span.line);
                // The markup goes; any prose inside it stays.
                let text = raw_html::text_content(raw);
                if !text.trim().is_empty() {
                    let mut st = StyledText::default();
                    st.push(text.trim(), &self.body_style());
                    let leading = self.leading();
                    let mut frags = self.element(Role::P, |ctx, _| {
                        ctx.text_frags(&st, column, Align::Left, leading)
                    });
                    widows_and_orphans(&mut frags);
                    out.extend(frags);
                }
            }
        }
    }

    pub(super) fn heading(
        &mut self,
        level: u8,
        id: &str,
        content: &[Inline],
        column: Column,
        out: &mut Vec<Frag>,
    ) {
        let size = self.scale.heading(level);
        let mut base = SpanStyle::plain(FaceKind::Bold, size, self.colors().heading);
        if level >= 4 {
            base.color = self.colors().text;
        }
        let m = &self.measures().headings;
        let mut st = StyledText::default();
        self.inlines(content, &base, &mut st);
        let mut frags = self.text_frags(&st, column, Align::Left, m.line_height);
        for f in &mut frags {
            f.keep_with_next = true;
        }
        if let Some(first) = frags.first_mut() {
            first.space_before = match level {
                1 => size * m.space_above_h1,
                2 => size * m.space_above_h2,
                _ => size * m.space_above,
            };
            first.anchors.push(id.to_string());
            first.outline = Some((level, plain_text(content).trim().to_string()));
        }
        if let Some(last) = frags.last_mut() {
            // A little air between a heading and its text, inside the heading's fragment.
            last.h += self.scale.paragraph_spacing * m.space_below;
        }
        out.extend(frags);
    }

    /// A paragraph (a P element unless `own_element` is false), a run of figures, or display
    /// math.
    pub(super) fn paragraph(
        &mut self,
        content: &[Inline],
        span: Span,
        column: Column,
        own_element: bool,
        out: &mut Vec<Frag>,
    ) {
        // A paragraph of images alone is a run of figures.
        let only_images = content.iter().all(|i| match i {
            Inline::Image { .. } => true,
            Inline::Text { text } => text.trim().is_empty(),
            Inline::SoftBreak | Inline::LineBreak => true,
            _ => false,
        }) && content.iter().any(|i| matches!(i, Inline::Image { .. }));
        // Display math alone in its paragraph is set like a code block.
        if let [Inline::Math { display: true, tex }] = content
            .iter()
            .filter(|i| {
                !matches!(i, Inline::SoftBreak)
                    && !matches!(i, Inline::Text { text } if text.trim().is_empty())
            })
            .collect::<Vec<_>>()
            .as_slice()
        {
            self.formula(tex, column, out);
            return;
        }
        if only_images {
            for inline in content {
                if let Inline::Image { url, alt, title } = inline {
                    self.figure(url, alt, title.as_deref(), column, out);
                }
            }
            return;
        }
        let base = self.body_style();
        let leading = self.leading();
        let text = |ctx: &mut Self| {
            let mut st = StyledText::default();
            ctx.inlines_checked(content, &base, &mut st, span);
            ctx.text_frags(&st, column, Align::Left, leading)
        };
        let mut frags = if own_element {
            self.element(Role::P, |ctx, _| text(ctx))
        } else {
            text(self)
        };
        widows_and_orphans(&mut frags);
        out.extend(frags);
    }

    /// Display math, set like a code block; a reader gets its TeX source as `/Alt`.
    pub(super) fn formula(&mut self, tex: &str, column: Column, out: &mut Vec<Frag>) {
        self.element(Role::Formula, |ctx, node| {
            ctx.set_alt(node, tex);
            ctx.code(tex.trim(), column, out);
        });
    }

    pub(super) fn figure(
        &mut self,
        url: &str,
        alt: &str,
        title: Option<&str>,
        column: Column,
        out: &mut Vec<Frag>,
    ) {
        let Some(&(px_w, px_h)) = self.input.images.get(url) else {
            // Not drawable (remote, or a format PDF cannot hold): say what it was.
            let mut st = StyledText::default();
            let mut style = self.body_style();
            style.face = FaceKind::Italic;
            style.color = self.colors().muted;
            let label = image_placeholder(alt, self.terms);
            st.push(&label, &style);
            let leading = self.leading();
            let frags = self.element(Role::Figure, |ctx, node| {
                let description = match alt.trim() {
                    "" => label.clone(),
                    alt => alt.to_string(),
                };
                ctx.set_alt(node, &description);
                ctx.text_frags(&st, column, Align::Left, leading)
            });
            out.extend(frags);
            return;
        };
        // (Local images that could not be used were reported when they were read.)
        // Natural size at the style's resolution (150 dpi: a sharp print), never wider than
        // the column nor taller than a share of a page, never enlarged beyond a limit.
        let m = &self.measures().figures;
        let (_, page_h) = self.input.style.page.size.dimensions();
        let max_h =
            (page_h - self.input.style.page.margin_top - self.input.style.page.margin_bottom)
                * m.max_height;
        let natural_w = px_w as f32 * POINTS_PER_INCH / m.dpi;
        let natural_h = px_h as f32 * POINTS_PER_INCH / m.dpi;
        let scale = (column.width / natural_w)
            .min(max_h / natural_h)
            .min(m.max_upscale);
        let (w, h) = (natural_w * scale, natural_h * scale);
        // Like pandoc's implicit figures: an image alone in its paragraph is captioned with
        // its description, which also serves readers of a black-and-white print.
        let caption = Some(alt)
            .filter(|a| !a.trim().is_empty())
            .or(title)
            .filter(|t| !t.trim().is_empty());
        let image = |tag| Frag {
            h,
            items: vec![Item::Image {
                key: url.to_string(),
                x: column.x,
                y: 0.0,
                w,
                h,
                tag,
            }],
            ..Frag::default()
        };
        let Some(caption) = caption else {
            // No description at all: decoration, as `alt=""` is in HTML.
            out.push(image(Tag::Artifact));
            return;
        };
        let mut style = self.body_style();
        style.size = self.scale.body * m.caption_size;
        style.face = FaceKind::Italic;
        style.color = self.colors().muted;
        let leading = self.leading();
        self.element(Role::Figure, |ctx, node| {
            ctx.set_alt(node, caption);
            let mut frag = image(Tag::Node(node));
            frag.keep_with_next = true;
            out.push(frag);
            let mut st = StyledText::default();
            st.push(caption.trim(), &style);
            let mut frags = ctx.element(Role::Caption, |ctx, _| {
                ctx.text_frags(&st, column, Align::Left, leading)
            });
            if let Some(f) = frags.first_mut() {
                f.space_before = m.caption_space;
            }
            out.extend(frags);
        });
    }

    pub(super) fn code(&mut self, text: &str, column: Column, out: &mut Vec<Frag>) {
        let m = &self.measures().code;
        let pad = self.scale.code * m.padding;
        let inner = Column {
            x: column.x + pad,
            width: column.width - 2.0 * pad,
        };
        let style = SpanStyle::plain(FaceKind::Mono, self.scale.code, self.colors().text);
        let text = text.strip_suffix('\n').unwrap_or(text);
        let mut frags = Vec::new();
        for source_line in text.split('\n') {
            // Code reads left to right in every language.
            let mut st = StyledText {
                ltr: true,
                ..StyledText::default()
            };
            st.push(&expand_tabs(source_line), &style);
            // Left-aligned on every page: a right-to-left page is mirrored after layout, so
            // its code is set flush right here.
            let align = if self.input.fonts.rtl() {
                Align::Right
            } else {
                Align::Left
            };
            let lines = self.text_frags(&st, inner, align, m.line_height);
            if lines.is_empty() {
                frags.push(Frag {
                    h: self.scale.code * m.line_height,
                    ..Frag::default()
                });
            } else {
                frags.extend(lines);
            }
        }
        widows_and_orphans(&mut frags);
        let count = frags.len();
        for (i, f) in frags.iter_mut().enumerate() {
            if i == 0 {
                f.shift(0.0, pad);
                f.h += pad;
            }
            if i + 1 == count {
                f.h += pad;
            }
            f.items.insert(
                0,
                Item::Rect {
                    x: column.x,
                    y: 0.0,
                    w: column.width,
                    h: f.h,
                    fill: Some(self.colors().code_background),
                    stroke: None,
                    tag: Tag::Artifact,
                },
            );
        }
        out.extend(frags);
    }
}

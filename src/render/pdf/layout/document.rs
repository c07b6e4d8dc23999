//! The whole handout laid out: the page furniture measured, the title block, the body, the
//! notes and, when it does not fit in the footer, the disclaimer; then pagination, and the
//! header and footer added to every page.

use std::collections::BTreeSet;

use super::super::fonts::FaceKind;
use super::super::frame::Item;
use super::super::inline::{SpanStyle, StyledText};
use super::super::structure::{Role, StructTree, Tag};
use super::context::{Column, Ctx, LayoutInput, LayoutResult};
use super::frag::{Frag, widows_and_orphans};
use super::lists::List;
use super::paginate::paginate;
use crate::diagnostics::Code;
use crate::model::{Align, ListItem};
use crate::render::anchors;
use crate::render::pdf::measures::LogoAlign;
use crate::render::raw_html;
use crate::render::shared::{BylinePart, TitleBlock, byline, byline_joint};
use crate::render::writer::Warnings;
use crate::terms::{self, Term};

/// Lays out the whole handout.
pub fn layout(input: &LayoutInput<'_>) -> LayoutResult {
    let style = input.style;
    let scale = style.scale(input.variant);
    let (page_width, page_height) = style.page.size.dimensions();
    let margin_left = style.page.margin_left;
    let full_width = page_width - margin_left - style.page.margin_right;
    let mut ctx = Ctx {
        input,
        scale,
        full_width,
        terms: terms::of(&input.doc.meta.language, &input.doc.meta.terms),
        missing: BTreeSet::new(),
        warnings: Warnings::new(input.doc),
        tables: Vec::new(),
        list_depth: 0,
        html_lines: BTreeSet::new(),
        script: raw_html::ScriptSkip::default(),
        disclaimer_in_footer: true,
        tree: StructTree::new(),
        current: StructTree::ROOT,
    };
    let column = Column {
        x: margin_left,
        width: full_width,
    };
    let mut frags = Vec::new();
    // A document that opens with its title as an H1 gets that heading as its title block
    // (subtitle and byline then follow it, not precede it).
    let title = TitleBlock::of(input.doc);
    // Header and footer may take at most half of the page between the margins: a disclaimer
    // too long for that is printed once, at the end, instead of on every page.
    let mut header = ctx.header(column);
    for item in &mut header.0 {
        item.set_tag(Tag::Header);
    }
    let mut footer_height = ctx.footer_height(column);
    let text_area = page_height - style.page.margin_top - style.page.margin_bottom;
    let measures = ctx.measures();
    if header.1 + footer_height > text_area * measures.footer.max_share && ctx.disclaimer_in_footer
    {
        ctx.disclaimer_in_footer = false;
        footer_height = ctx.footer_height(column);
        ctx.warnings.warn_with_help(
            Code::LongDisclaimer,
            0,
            "the disclaimer is too long for the page footer; it is printed once, at the end of the handout",
            "shorten the disclaimer to a sentence or two, so every page carries it",
        );
    }
    ctx.title_block(column, &title, &mut frags);
    for blocks in title.body {
        ctx.blocks(blocks, column, &mut frags);
    }
    ctx.footnotes(column, &mut frags);
    if !ctx.disclaimer_in_footer {
        ctx.closing_disclaimer(column, &mut frags);
    }

    let body_top = style.page.margin_top + header.1 + scale.small * measures.header.body_space;
    let footer_top = page_height - style.page.margin_bottom - footer_height;
    let body_bottom = footer_top - scale.small * measures.footer.body_space;
    let mut layout = paginate(
        &ctx.tables,
        frags,
        body_top,
        body_bottom,
        page_width,
        page_height,
    );
    let total = layout.pages.len();
    for (index, page) in layout.pages.iter_mut().enumerate() {
        let mut furniture = header.0.clone();
        furniture.extend(
            ctx.footer(column, index + 1, total, footer_top)
                .into_iter()
                .map(|mut item| {
                    item.set_tag(Tag::Footer);
                    item
                }),
        );
        // Header and footer first: painted under nothing, read before and after the body.
        let body = std::mem::take(&mut page.items);
        page.items = furniture;
        page.items.extend(body);
        if input.fonts.rtl() {
            for item in &mut page.items {
                item.mirror(page_width);
            }
        }
    }
    ctx.warnings
        .warn_lines(Code::RawHtml, &ctx.html_lines, |also| {
            format!(
                "raw HTML is not drawn in the PDF handout{also}; text inside HTML blocks is kept"
            )
        });
    if !ctx.missing.is_empty() {
        let list: Vec<String> = ctx
            .missing
            .iter()
            .take(12)
            .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
            .collect();
        let more = ctx.missing.len().saturating_sub(12);
        let message = format!(
            "no font has a glyph for {}{}; drawn as \u{FFFD} (the text is kept for copy and search)",
            list.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
        ctx.warnings.warn_with_help(
            Code::MissingGlyph,
            0,
            message,
            "put a font that has these characters in the project's fonts/ folder and name it in styles/handout.toml",
        );
    }
    layout.structure = std::mem::take(&mut ctx.tree);
    LayoutResult {
        layout,
        warnings: ctx.warnings.finish(),
    }
}

impl Ctx<'_> {
    /// Title, subtitle and byline. The title is the handout's H1 unless the body has level-1
    /// headings of its own ([`TitleBlock`]).
    /// The letterhead (`[project] logo`), if the handout has one: a figure described by the
    /// organization's name (decoration when it has none), sized and placed by `[logo]`.
    fn letterhead(&mut self, column: Column, out: &mut Vec<Frag>) {
        let Some(&(px_w, px_h)) = self.input.images.get(super::context::LOGO_KEY) else {
            return;
        };
        if px_w == 0 || px_h == 0 {
            return;
        }
        let m = &self.measures().logo;
        let mut h = self.scale.h1 * m.height;
        let mut w = h * px_w as f32 / px_h as f32;
        let max_w = column.width * m.max_width;
        if w > max_w {
            h *= max_w / w;
            w = max_w;
        }
        let x = match m.align {
            LogoAlign::Start => column.x,
            LogoAlign::Center => column.x + (column.width - w) / 2.0,
            LogoAlign::End => column.x + column.width - w,
        };
        let space_below = self.scale.paragraph_spacing * m.space_below;
        let image = |tag| Frag {
            h: h + space_below,
            items: vec![Item::Image {
                key: super::context::LOGO_KEY.to_string(),
                x,
                y: 0.0,
                w,
                h,
                tag,
            }],
            keep_with_next: true,
            ..Frag::default()
        };
        let organization = self
            .input
            .doc
            .meta
            .organization
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty());
        match organization {
            Some(name) => {
                let name = name.to_string();
                let frag = self.element(Role::Figure, |ctx, node| {
                    ctx.set_alt(node, &name);
                    vec![image(Tag::Node(node))]
                });
                out.extend(frag);
            }
            None => out.push(image(Tag::Artifact)),
        }
    }

    pub(super) fn title_block(&mut self, column: Column, title: &TitleBlock, out: &mut Vec<Frag>) {
        let meta = &self.input.doc.meta;
        let m = &self.measures().title;
        let anchor = title.anchor;
        let mut block = Vec::new();
        self.letterhead(column, &mut block);
        if !title.title.is_empty() {
            let mut st = StyledText::default();
            let style = SpanStyle::plain(FaceKind::Bold, self.scale.h1, self.colors().heading);
            st.push(title.title, &style);
            let role = if title.is_heading {
                Role::Heading(1)
            } else {
                Role::P
            };
            let mut frags = self.element(role, |ctx, _| {
                ctx.text_frags(&st, column, Align::Left, m.line_height)
            });
            for f in &mut frags {
                f.keep_with_next = true;
            }
            if let Some(first) = frags.first_mut() {
                first.outline = Some((1, title.title.to_string()));
                first.anchors.extend(anchor.map(str::to_string));
            }
            block.extend(frags);
        }
        if let Some(subtitle) = meta.subtitle.as_deref().filter(|s| !s.trim().is_empty()) {
            let mut st = StyledText::default();
            let style = SpanStyle::plain(FaceKind::Regular, self.scale.h3, self.colors().muted);
            st.push(subtitle.trim(), &style);
            let mut frags = self.element(Role::P, |ctx, _| {
                ctx.text_frags(&st, column, Align::Left, m.subtitle_line_height)
            });
            if let Some(f) = frags.first_mut() {
                f.space_before = self.scale.paragraph_spacing * m.subtitle_space;
            }
            for f in &mut frags {
                f.keep_with_next = true;
            }
            block.extend(frags);
        }
        let byline: Vec<String> = byline(meta, self.terms)
            .into_iter()
            .map(|part| match part {
                BylinePart::Authors(text) | BylinePart::Version(text) => text,
                BylinePart::Date(date) => self.terms.date(date),
            })
            .collect();
        if !byline.is_empty() {
            let mut st = StyledText::default();
            let style = SpanStyle::plain(FaceKind::Regular, self.scale.body, self.colors().muted);
            st.push(
                &byline.join(&byline_joint("  ", self.input.fonts.rtl())),
                &style,
            );
            let leading = self.leading();
            let mut frags = self.element(Role::P, |ctx, _| {
                ctx.text_frags(&st, column, Align::Left, leading)
            });
            if let Some(f) = frags.first_mut() {
                f.space_before = self.scale.paragraph_spacing * m.byline_space;
            }
            block.extend(frags);
        }
        if let Some(last) = block.last_mut() {
            last.keep_with_next = true;
            // A rule under the title block.
            let y = last.h + self.scale.paragraph_spacing * m.rule_space;
            last.items.push(Item::hline(
                column.x,
                column.x + column.width,
                y,
                self.colors().rule,
                m.rule_width,
            ));
            last.h = y + m.rule_width;
            last.keep_with_next = false;
        }
        out.extend(block);
    }

    pub(super) fn footnotes(&mut self, column: Column, out: &mut Vec<Frag>) {
        let notes: Vec<_> = self.input.doc.numbered_footnotes().collect();
        if notes.is_empty() {
            return;
        }
        let size = self.scale.h3;
        let m = &self.measures().notes;
        let title = self.terms.get(Term::Notes);
        let mut st = StyledText::default();
        st.push(
            title,
            &SpanStyle::plain(FaceKind::Bold, size, self.colors().heading),
        );
        let mut heading = self.element(Role::Heading(2), |ctx, _| {
            ctx.text_frags(&st, column, Align::Left, m.heading_line_height)
        });
        for f in &mut heading {
            f.keep_with_next = true;
        }
        if let Some(f) = heading.first_mut() {
            f.space_before = size * m.space_above;
            f.outline = Some((2, title.to_string()));
            f.items.insert(
                0,
                Item::hline(
                    column.x,
                    column.x + column.width * m.rule_length,
                    -size * m.rule_offset,
                    self.colors().rule,
                    m.rule_width,
                ),
            );
        }
        out.extend(heading);
        let items: Vec<ListItem> = notes
            .iter()
            .map(|(_, note)| ListItem {
                task: None,
                blocks: note.blocks.clone(),
                span: note.span,
            })
            .collect();
        let first_number = notes.first().map_or(1, |(n, _)| u64::from(*n));
        let ids: Vec<String> = notes.iter().map(|(n, _)| anchors::note(*n)).collect();
        let notes_list = List {
            start: Some(first_number),
            tight: true,
            items: &items,
            note_ids: Some(&ids),
        };
        let firsts = self.list(notes_list, column, out);
        // Each note's first fragment is where its references jump to.
        for ((number, _), first) in notes.iter().zip(firsts) {
            if let Some(f) = out.get_mut(first) {
                f.anchors.push(anchors::note(*number));
            }
        }
    }

    /// The disclaimer, once, at the end (when it is too long for the footer).
    pub(super) fn closing_disclaimer(&mut self, column: Column, out: &mut Vec<Frag>) {
        let m = &self.measures().footer;
        let Some(disclaimer) = self
            .input
            .doc
            .meta
            .disclaimer
            .clone()
            .filter(|d| !d.trim().is_empty())
        else {
            return;
        };
        let mut st = StyledText::default();
        let mut style = self.body_style();
        style.color = self.colors().muted;
        st.push(disclaimer.trim(), &style);
        let leading = self.leading();
        let mut frags = self.element(Role::P, |ctx, _| {
            ctx.text_frags(&st, column, Align::Left, leading)
        });
        widows_and_orphans(&mut frags);
        if let Some(first) = frags.first_mut() {
            first.space_before = self.scale.paragraph_spacing * m.closing_space;
            first.items.push(Item::hline(
                column.x,
                column.x + column.width,
                -self.scale.paragraph_spacing,
                self.colors().rule,
                m.closing_rule_width,
            ));
        }
        out.extend(frags);
    }
}

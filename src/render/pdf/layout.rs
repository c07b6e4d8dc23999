//! Layout: the document model and a style in, positioned pages out ([`Layout`]).
//!
//! Blocks become *fragments*: unbreakable horizontal slices (usually one line of text) that
//! know their height, the space wanted above them, and whether they must stay on the page
//! with the next one. Pagination then fills pages with fragments, honouring keep-with-next
//! (headings, the first two and last two lines of a paragraph, a table's header and first
//! row), repeating table headers on each new page, and finally adds the header and footer.
//!
//! Containers (quotes, callouts, code blocks, tables) paint their background on every
//! fragment they own, so a box that crosses a page break stays a box on both pages.
//!
//! Pure: no PDF bytes, no I/O. Images arrive as their pixel sizes.

use std::collections::{BTreeMap, BTreeSet};

use super::fonts::{FaceKind, FontSet};
use super::frame::{Item, Layout, LinkTarget, OutlineEntry, Page};
use super::inline::{LineBox, Shaped, SpanStyle, StyledText};
use super::structure::{NodeId, Role, StructTree, Tag};
use super::style::{Rgb, Style, TypeScale};
use crate::format::Variant;
use crate::model::{
    Align, Block, CalloutKind, Cell, Definition, Document, Inline, ListItem, Span, is_safe_url,
    plain_text,
};
use crate::render::raw_html;

/// What the layout needs to know about the handout besides its blocks.
#[derive(Debug, Clone, Default)]
pub struct Furniture {
    pub organization: Option<String>,
    pub disclaimer: Option<String>,
    pub review_date: Option<String>,
    pub reviewed_by: Option<String>,
}

/// Everything the layout reads.
pub struct LayoutInput<'a> {
    pub doc: &'a Document,
    pub style: &'a Style,
    pub variant: Variant,
    pub fonts: &'a FontSet,
    /// Pixel sizes of the images that can be drawn, by URL.
    pub images: &'a BTreeMap<String, (u32, u32)>,
    pub furniture: &'a Furniture,
}

/// The layout and what it had to say about the document.
#[derive(Debug)]
pub struct LayoutResult {
    pub layout: Layout,
    pub warnings: Vec<String>,
}

/// Nested lists, quotes and callouts stop indenting once the text column would be narrower
/// than this share of the page's text width: very deep nesting stays readable.
const MIN_COLUMN_SHARE: f32 = 0.45;

/// A horizontal slice of the flow.
#[derive(Debug, Clone, Default)]
struct Frag {
    h: f32,
    /// Items, with y relative to the fragment's top.
    items: Vec<Item>,
    /// Space wanted above; dropped at the top of a page.
    space_before: f32,
    keep_with_next: bool,
    /// Baseline of the first line, relative to the top (list markers align to it).
    first_baseline: Option<f32>,
    /// Ids that point here (headings, footnotes).
    anchors: Vec<String>,
    outline: Option<(u8, String)>,
    /// The table this row belongs to (its header is repeated after a page break).
    table: Option<usize>,
    is_table_header: bool,
}

impl Frag {
    fn shift(&mut self, dx: f32, dy: f32) {
        for item in &mut self.items {
            item.shift(dx, dy);
        }
        if let Some(b) = &mut self.first_baseline {
            *b += dy;
        }
    }
}

/// How a box (quote, callout) is drawn around its blocks.
#[derive(Debug, Clone, Copy)]
struct BoxFrame {
    /// Space on the left, besides `pad`.
    inset: f32,
    /// Padding on every side.
    pad: f32,
    fill: Option<Rgb>,
    /// A bar on the left edge: colour and width.
    bar: Option<(Rgb, f32)>,
}

/// The current text column.
#[derive(Debug, Clone, Copy)]
struct Column {
    x: f32,
    width: f32,
}

struct Ctx<'a> {
    input: &'a LayoutInput<'a>,
    scale: &'a TypeScale,
    full_width: f32,
    missing: BTreeSet<char>,
    warnings: Vec<String>,
    tables: Vec<Frag>,
    origin: String,
    /// Current list nesting, for bullet shapes.
    list_depth: usize,
    /// Lines of raw HTML left out, reported together.
    html_lines: Vec<u32>,
    /// Inline script and style content, left out with the tags.
    script: raw_html::ScriptSkip,
    /// Whether the disclaimer fits in the footer (else it closes the handout).
    disclaimer_in_footer: bool,
    /// The structure tree so far, and the element new content belongs to.
    tree: StructTree,
    current: NodeId,
}

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
        missing: BTreeSet::new(),
        warnings: Vec::new(),
        tables: Vec::new(),
        origin: input
            .doc
            .source
            .path
            .clone()
            .unwrap_or_else(|| "<stdin>".into()),
        list_depth: 0,
        html_lines: Vec::new(),
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
    let blocks = &input.doc.blocks;
    let (title_id, body) = match blocks.first() {
        Some(Block::Heading {
            level: 1,
            id,
            content,
            ..
        }) if plain_text(content).trim() == input.doc.meta.title.trim() => {
            (Some(id.as_str()), &blocks[1..])
        }
        _ => (None, &blocks[..]),
    };
    // Header and footer may take at most half of the page between the margins: a disclaimer
    // too long for that is printed once, at the end, instead of on every page.
    let mut header = ctx.header(column);
    for item in &mut header.0 {
        item.set_tag(Tag::Header);
    }
    let mut footer_height = ctx.footer_height(column);
    let text_area = page_height - style.page.margin_top - style.page.margin_bottom;
    if header.1 + footer_height > text_area * 0.5 && ctx.disclaimer_in_footer {
        ctx.disclaimer_in_footer = false;
        footer_height = ctx.footer_height(column);
        ctx.warnings.push(format!(
            "{}: the disclaimer is too long for the page footer; it is printed once, at the end of the handout",
            ctx.origin
        ));
    }
    ctx.title_block(column, title_id, &mut frags);
    ctx.blocks(body, column, &mut frags);
    ctx.footnotes(column, &mut frags);
    if !ctx.disclaimer_in_footer {
        ctx.closing_disclaimer(column, &mut frags);
    }

    let body_top = style.page.margin_top + header.1 + scale.small * 0.9;
    let footer_top = page_height - style.page.margin_bottom - footer_height;
    let body_bottom = footer_top - scale.small * 0.9;
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
    }
    if let Some(&first) = ctx.html_lines.first() {
        ctx.warnings.push(format!(
            "{}:{first}: raw HTML is not drawn in the PDF handout ({}); text inside HTML blocks is kept",
            ctx.origin,
            raw_html::line_list(&ctx.html_lines)
        ));
    }
    if !ctx.missing.is_empty() {
        let list: Vec<String> = ctx
            .missing
            .iter()
            .take(12)
            .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
            .collect();
        let more = ctx.missing.len().saturating_sub(12);
        ctx.warnings.push(format!(
            "{}: no font has a glyph for {}{}; drawn as \u{FFFD} (the text is kept for copy and search)",
            ctx.origin,
            list.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    layout.structure = std::mem::take(&mut ctx.tree);
    LayoutResult {
        layout,
        warnings: ctx.warnings,
    }
}

impl Ctx<'_> {
    fn colors(&self) -> &super::style::Colors {
        &self.input.style.colors
    }

    fn body_style(&self) -> SpanStyle {
        SpanStyle::plain(FaceKind::Regular, self.scale.body, self.colors().text)
    }

    fn leading(&self) -> f32 {
        self.scale.line_height
    }

    /// Adds a structure element of `role` under the current one and lays out its content
    /// (`f`) inside it: text drawn meanwhile is that element's.
    fn element<R>(&mut self, role: Role, f: impl FnOnce(&mut Self, NodeId) -> R) -> R {
        let node = self.tree.add(role, self.current);
        let outer = std::mem::replace(&mut self.current, node);
        let result = f(self, node);
        self.current = outer;
        result
    }

    /// Sets what a figure, formula or check box says (`/Alt`).
    fn set_alt(&mut self, node: NodeId, alt: &str) {
        if let Some(n) = self.tree.node_mut(node) {
            n.alt = Some(alt.trim().to_string());
        }
    }

    /// Shapes styled text and turns each of its lines into a fragment.
    fn text_frags(
        &mut self,
        text: &StyledText,
        column: Column,
        align: Align,
        line_height: f32,
    ) -> Vec<Frag> {
        let shaped = text.shape(self.input.fonts, &mut self.missing);
        let lines = shaped.break_lines(column.width, line_height);
        let tag = Tag::Node(self.current);
        lines
            .iter()
            .map(|line| line_frag(&shaped, line, column, align, tag))
            .collect()
    }

    // ----- title block ------------------------------------------------------------------

    /// Title, subtitle and byline. `anchor` is the id of the H1 this title stands for.
    fn title_block(&mut self, column: Column, anchor: Option<&str>, out: &mut Vec<Frag>) {
        let meta = &self.input.doc.meta;
        let mut block = Vec::new();
        if !meta.title.trim().is_empty() {
            let mut st = StyledText::default();
            let style = SpanStyle::plain(FaceKind::Bold, self.scale.h1, self.colors().heading);
            st.push(meta.title.trim(), &style);
            let mut frags = self.element(Role::Heading(1), |ctx, _| {
                ctx.text_frags(&st, column, Align::Left, 1.15)
            });
            for f in &mut frags {
                f.keep_with_next = true;
            }
            if let Some(first) = frags.first_mut() {
                first.outline = Some((1, meta.title.trim().to_string()));
                first.anchors.extend(anchor.map(str::to_string));
            }
            block.extend(frags);
        }
        if let Some(subtitle) = meta.subtitle.as_deref().filter(|s| !s.trim().is_empty()) {
            let mut st = StyledText::default();
            let style = SpanStyle::plain(FaceKind::Regular, self.scale.h3, self.colors().muted);
            st.push(subtitle.trim(), &style);
            let mut frags = self.element(Role::P, |ctx, _| {
                ctx.text_frags(&st, column, Align::Left, 1.25)
            });
            if let Some(f) = frags.first_mut() {
                f.space_before = self.scale.paragraph_spacing * 0.5;
            }
            for f in &mut frags {
                f.keep_with_next = true;
            }
            block.extend(frags);
        }
        let mut byline = Vec::new();
        if !meta.authors.is_empty() {
            byline.push(format!("By {}", join_names(&meta.authors)));
        }
        if let Some(date) = &meta.date {
            byline.push(date.clone());
        }
        if !byline.is_empty() {
            let mut st = StyledText::default();
            let style = SpanStyle::plain(FaceKind::Regular, self.scale.body, self.colors().muted);
            st.push(&byline.join("  ·  "), &style);
            let leading = self.leading();
            let mut frags = self.element(Role::P, |ctx, _| {
                ctx.text_frags(&st, column, Align::Left, leading)
            });
            if let Some(f) = frags.first_mut() {
                f.space_before = self.scale.paragraph_spacing * 0.6;
            }
            block.extend(frags);
        }
        if let Some(last) = block.last_mut() {
            last.keep_with_next = true;
            // A rule under the title block.
            let y = last.h + self.scale.paragraph_spacing * 0.8;
            last.items.push(Item::hline(
                column.x,
                column.x + column.width,
                y,
                self.colors().rule,
                0.75,
            ));
            last.h = y + 0.75;
            last.keep_with_next = false;
        }
        out.extend(block);
    }

    // ----- blocks -----------------------------------------------------------------------

    fn blocks(&mut self, blocks: &[Block], column: Column, out: &mut Vec<Frag>) {
        self.blocks_in(blocks, column, false, out);
    }

    /// Lays out `blocks`; with `bare_paragraphs` (the items of a tight list, as HTML writes
    /// them), paragraphs are no elements of their own: their text is the enclosing one's.
    fn blocks_in(
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

    fn block(&mut self, block: &Block, column: Column, bare_paragraph: bool, out: &mut Vec<Frag>) {
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
                self.list(*start, *tight, items, column, None, out);
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
                let h = self.scale.paragraph_spacing * 2.0;
                out.push(Frag {
                    h,
                    items: vec![Item::hline(
                        column.x,
                        column.x + column.width,
                        h / 2.0,
                        self.colors().rule,
                        1.0,
                    )],
                    ..Frag::default()
                });
            }
            Block::Html { raw, span } => {
                if raw_html::is_only_comments(raw) {
                    return;
                }
                self.html_lines.push(span.line);
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

    fn heading(
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
        let mut st = StyledText::default();
        self.inlines(content, &base, &mut st);
        let mut frags = self.text_frags(&st, column, Align::Left, 1.2);
        for f in &mut frags {
            f.keep_with_next = true;
        }
        if let Some(first) = frags.first_mut() {
            first.space_before = match level {
                1 => size * 0.9,
                2 => size * 1.0,
                _ => size * 0.9,
            };
            first.anchors.push(id.to_string());
            first.outline = Some((level, plain_text(content).trim().to_string()));
        }
        if let Some(last) = frags.last_mut() {
            // A little air between a heading and its text, inside the heading's fragment.
            last.h += self.scale.paragraph_spacing * 0.15;
        }
        out.extend(frags);
    }

    /// A paragraph (a P element unless `own_element` is false), a run of figures, or display
    /// math.
    fn paragraph(
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
    fn formula(&mut self, tex: &str, column: Column, out: &mut Vec<Frag>) {
        self.element(Role::Formula, |ctx, node| {
            ctx.set_alt(node, tex);
            ctx.code(tex.trim(), column, out);
        });
    }

    fn figure(
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
            let label = if alt.trim().is_empty() {
                format!("[Image: {url}]")
            } else {
                format!("[Image: {}]", alt.trim())
            };
            st.push(&label, &style);
            let leading = self.leading();
            let frags = self.element(Role::Figure, |ctx, node| {
                let description = match alt.trim() {
                    "" => format!("Image: {url}"),
                    alt => alt.to_string(),
                };
                ctx.set_alt(node, &description);
                ctx.text_frags(&st, column, Align::Left, leading)
            });
            out.extend(frags);
            return;
        };
        // (Local images that could not be used were reported when they were read.)
        // Natural size at 150 dpi (a sharp print), never wider than the column nor taller
        // than 60 % of a page, never upscaled beyond 1.5× that.
        let (page_w, page_h) = self.input.style.page.size.dimensions();
        let _ = page_w;
        let max_h =
            (page_h - self.input.style.page.margin_top - self.input.style.page.margin_bottom) * 0.6;
        let natural_w = px_w as f32 * 72.0 / 150.0;
        let natural_h = px_h as f32 * 72.0 / 150.0;
        let scale = (column.width / natural_w).min(max_h / natural_h).min(1.5);
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
        style.size = self.scale.body * 0.9;
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
                f.space_before = 3.0;
            }
            out.extend(frags);
        });
    }

    /// A list (L), each item an LI of a label (Lbl: bullet, number or check box) and a body
    /// (LBody). With `note_ids`, each body is a footnote (Note) with that id.
    fn list(
        &mut self,
        start: Option<u64>,
        tight: bool,
        items: &[ListItem],
        column: Column,
        note_ids: Option<&[String]>,
        out: &mut Vec<Frag>,
    ) -> Vec<usize> {
        self.element(Role::L, |ctx, _| {
            ctx.list_items(start, tight, items, column, note_ids, out)
        })
    }

    /// An item's blocks, inside its LBody (and Note).
    fn item_body(
        &mut self,
        blocks: &[Block],
        column: Column,
        tight: bool,
        note_id: Option<&String>,
        out: &mut Vec<Frag>,
    ) {
        // A tight list's items have no paragraphs of their own, as in HTML; an item (or
        // note) of several paragraphs keeps them apart.
        let paragraphs = blocks
            .iter()
            .filter(|b| matches!(b, Block::Paragraph { .. }))
            .count();
        let tight = tight && paragraphs <= 1;
        self.element(Role::LBody, |ctx, _| match note_id {
            Some(id) => ctx.element(Role::Note, |ctx, note| {
                if let Some(n) = ctx.tree.node_mut(note) {
                    n.id = Some(id.clone());
                }
                ctx.blocks_in(blocks, column, tight, out);
            }),
            None => ctx.blocks_in(blocks, column, tight, out),
        });
    }

    fn list_items(
        &mut self,
        start: Option<u64>,
        tight: bool,
        items: &[ListItem],
        column: Column,
        note_ids: Option<&[String]>,
        out: &mut Vec<Frag>,
    ) -> Vec<usize> {
        let list = self.current;
        let depth = self.list_depth;
        let body = self.body_style();
        let markers: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(i, _)| match start {
                Some(n) => format!("{}.", n.saturating_add(i as u64)),
                None => ["•", "◦", "▪"][depth % 3].to_string(),
            })
            .collect();
        let shaped_markers: Vec<Shaped> = markers
            .iter()
            .map(|m| {
                let mut st = StyledText::default();
                st.push(m, &body);
                st.shape(self.input.fonts, &mut self.missing)
            })
            .collect();
        let widest = shaped_markers
            .iter()
            .map(|s| s.min_max_width().1)
            .fold(0f32, f32::max);
        let has_tasks = items.iter().any(|i| i.task.is_some());
        let box_size = self.scale.body * 0.8;
        let gutter = self.scale.body * 0.5;
        let mut indent = (widest + gutter).max(self.scale.body * 1.4);
        if has_tasks {
            indent = indent.max(box_size + gutter * 1.5);
        }
        let inner = self.indented(column, indent);
        let item_gap = if tight {
            self.scale.paragraph_spacing * 0.35
        } else {
            self.scale.paragraph_spacing
        };
        self.list_depth += 1;
        // Too deep to indent further: the marker goes in front of the item's text instead of
        // in a gutter, so it never sits on top of a word.
        let inline_markers = inner.x <= column.x;
        let mut firsts = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let mut frags = Vec::new();
            self.current = self.tree.add(Role::LI, list);
            let note_id = note_ids.and_then(|ids| ids.get(index));
            if inline_markers {
                let marker = match item.task {
                    Some(true) => "☑".to_string(),
                    Some(false) => "☐".to_string(),
                    None => markers[index].clone(),
                };
                let mut blocks = item.blocks.clone();
                match blocks.first_mut() {
                    Some(Block::Paragraph { content, .. }) => {
                        content.insert(0, Inline::text(format!("{marker} ")));
                    }
                    _ => blocks.insert(
                        0,
                        Block::Paragraph {
                            content: vec![Inline::text(marker)],
                            span: item.span,
                        },
                    ),
                }
                // The marker is part of the first paragraph's text: no label of its own.
                self.item_body(&blocks, inner, tight, note_id, &mut frags);
                if let Some(f) = frags.first_mut() {
                    f.space_before = if index == 0 {
                        self.scale.paragraph_spacing
                    } else {
                        item_gap
                    };
                }
                firsts.push(out.len());
                out.extend(frags);
                continue;
            }
            let label = self.tree.add(Role::Lbl, self.current);
            self.item_body(&item.blocks, inner, tight, note_id, &mut frags);
            if frags.is_empty() {
                // An empty item still shows its marker.
                frags.push(Frag {
                    h: self.scale.body * self.leading(),
                    first_baseline: Some(self.scale.body * 0.95),
                    ..Frag::default()
                });
            }
            frags[0].space_before = if index == 0 {
                self.scale.paragraph_spacing
            } else {
                item_gap
            };
            let baseline = frags[0].first_baseline.unwrap_or(self.scale.body);
            match item.task {
                Some(checked) => {
                    self.set_alt(label, if checked { "Checked" } else { "Unchecked" });
                    let first = &mut frags[0];
                    let x = column.x + (indent - gutter - box_size).max(0.0) * 0.5;
                    let y = baseline - box_size * 0.9;
                    first.items.push(Item::Rect {
                        x,
                        y,
                        w: box_size,
                        h: box_size,
                        fill: None,
                        stroke: Some((self.colors().text, 1.0)),
                        tag: Tag::Node(label),
                    });
                    if checked {
                        first.items.push(Item::Polyline {
                            points: vec![
                                (x + box_size * 0.2, y + box_size * 0.5),
                                (x + box_size * 0.42, y + box_size * 0.78),
                                (x + box_size * 0.82, y + box_size * 0.2),
                            ],
                            color: self.colors().text,
                            width: 1.6,
                            tag: Tag::Node(label),
                        });
                    }
                }
                None => {
                    let marker = &shaped_markers[index];
                    if let Some(line) = marker.break_lines(f32::MAX, 1.0).first() {
                        // Numbers are right-aligned against the text, bullets centred.
                        let x = column.x + (indent - gutter - line.width).max(0.0);
                        let top = baseline - line.baseline;
                        frags[0]
                            .items
                            .extend(marker.line_items(line, x, top, Tag::Node(label)));
                    }
                }
            }
            firsts.push(out.len());
            out.extend(frags);
        }
        self.list_depth -= 1;
        firsts
    }

    fn indented(&self, column: Column, indent: f32) -> Column {
        if column.width - indent < self.full_width * MIN_COLUMN_SHARE {
            column
        } else {
            Column {
                x: column.x + indent,
                width: column.width - indent,
            }
        }
    }

    /// Lays out `blocks` inside a box: `inset` on the left, `pad` on the right, top and
    /// bottom, `fill` behind and an optional bar of `bar` colour on the left edge.
    fn boxed(
        &mut self,
        blocks: &[Block],
        label: Option<StyledText>,
        column: Column,
        frame: BoxFrame,
        out: &mut Vec<Frag>,
    ) {
        let BoxFrame {
            inset,
            pad,
            fill,
            bar,
        } = frame;
        let inner = self.indented(column, inset + pad);
        let inner = Column {
            x: inner.x,
            width: (inner.width - pad).max(self.full_width * MIN_COLUMN_SHARE * 0.8),
        };
        let mut frags = Vec::new();
        if let Some(label) = label {
            let mut label_frags = self.text_frags(&label, inner, Align::Left, 1.25);
            for f in &mut label_frags {
                f.keep_with_next = true;
            }
            frags.extend(label_frags);
        }
        let start = frags.len();
        self.blocks(blocks, inner, &mut frags);
        if let Some(f) = frags.get_mut(start)
            && start > 0
        {
            f.space_before = self.scale.paragraph_spacing * 0.3;
        }
        if frags.is_empty() {
            return;
        }
        // Space between children becomes part of the box.
        let count = frags.len();
        for (i, f) in frags.iter_mut().enumerate() {
            let mut top = if i == 0 { pad } else { f.space_before };
            if i == 0 && fill.is_none() {
                top = pad * 0.3;
            }
            f.shift(0.0, top);
            f.h += top;
            if i + 1 == count {
                f.h += if fill.is_none() { pad * 0.3 } else { pad };
            }
            f.space_before = 0.0;
            let mut decoration = Vec::new();
            if let Some(fill) = fill {
                decoration.push(Item::Rect {
                    x: column.x,
                    y: 0.0,
                    w: column.width,
                    h: f.h,
                    fill: Some(fill),
                    stroke: None,
                    tag: Tag::Artifact,
                });
            }
            if let Some((color, width)) = bar {
                decoration.push(Item::Rect {
                    x: column.x,
                    y: 0.0,
                    w: width,
                    h: f.h,
                    fill: Some(color),
                    stroke: None,
                    tag: Tag::Artifact,
                });
            }
            decoration.append(&mut f.items);
            f.items = decoration;
        }
        frags[0].space_before = self.scale.paragraph_spacing;
        out.extend(frags);
    }

    fn quote(&mut self, blocks: &[Block], column: Column, out: &mut Vec<Frag>) {
        let bar = (self.colors().rule, 3.0);
        let pad = self.scale.body * 0.9;
        let frame = BoxFrame {
            inset: 3.0,
            pad,
            fill: None,
            bar: Some(bar),
        };
        self.boxed(blocks, None, column, frame, out);
    }

    fn callout(
        &mut self,
        kind: CalloutKind,
        title: Option<&str>,
        blocks: &[Block],
        column: Column,
        out: &mut Vec<Frag>,
    ) {
        let colors = self.colors();
        let fill = match kind {
            CalloutKind::Note => colors.note,
            CalloutKind::Tip => colors.tip,
            CalloutKind::Important => colors.important,
            CalloutKind::Warning => colors.warning,
            CalloutKind::Caution => colors.caution,
        };
        // The bar and the label carry the meaning in black-and-white print.
        let bar = (colors.text, 4.0);
        let mut label = StyledText::default();
        let mut label_style = SpanStyle::plain(FaceKind::Bold, self.scale.body, colors.text);
        // The label ("WARNING: …") is the box's first paragraph.
        label_style.node = Some(self.tree.add(Role::P, self.current));
        label.push(&kind.label().to_uppercase(), &label_style);
        if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
            label.push(": ", &label_style);
            label.push(title.trim(), &label_style);
        }
        let pad = self.scale.body * 0.8;
        let frame = BoxFrame {
            inset: 4.0,
            pad,
            fill: Some(fill),
            bar: Some(bar),
        };
        self.boxed(blocks, Some(label), column, frame, out);
    }

    fn code(&mut self, text: &str, column: Column, out: &mut Vec<Frag>) {
        let pad = self.scale.code * 0.7;
        let inner = Column {
            x: column.x + pad,
            width: column.width - 2.0 * pad,
        };
        let style = SpanStyle::plain(FaceKind::Mono, self.scale.code, self.colors().text);
        let text = text
            .strip_suffix('\n')
            .unwrap_or(text)
            .replace('\t', "    ");
        let mut frags = Vec::new();
        for source_line in text.split('\n') {
            let mut st = StyledText::default();
            st.push(source_line, &style);
            let lines = self.text_frags(&st, inner, Align::Left, 1.3);
            if lines.is_empty() {
                frags.push(Frag {
                    h: self.scale.code * 1.3,
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

    /// A definition list, tagged as a list whose labels are the terms.
    fn definitions(&mut self, items: &[Definition], column: Column, out: &mut Vec<Frag>) {
        self.element(Role::L, |ctx, _| {
            for (index, item) in items.iter().enumerate() {
                ctx.element(Role::LI, |ctx, _| ctx.definition(index, item, column, out));
            }
        });
    }

    fn definition(&mut self, index: usize, item: &Definition, column: Column, out: &mut Vec<Frag>) {
        let indent = self.scale.body * 1.5;
        let inner = self.indented(column, indent);
        {
            let mut base = self.body_style();
            base.face = FaceKind::Bold;
            let leading = self.leading();
            let mut term = self.element(Role::Lbl, |ctx, _| {
                let mut st = StyledText::default();
                ctx.inlines_checked(&item.term, &base, &mut st, item.span);
                ctx.text_frags(&st, column, Align::Left, leading)
            });
            for f in &mut term {
                f.keep_with_next = true;
            }
            if let Some(f) = term.first_mut()
                && index > 0
            {
                f.space_before = self.scale.paragraph_spacing;
            }
            out.extend(term);
            self.element(Role::LBody, |ctx, _| {
                for details in &item.details {
                    let start = out.len();
                    ctx.blocks(details, inner, out);
                    if let Some(f) = out.get_mut(start) {
                        f.space_before = ctx.scale.paragraph_spacing * 0.3;
                    }
                }
            });
        }
    }

    fn table(
        &mut self,
        align: &[Align],
        head: &[Cell],
        rows: &[Vec<Cell>],
        column: Column,
        out: &mut Vec<Frag>,
    ) {
        let columns = rows
            .iter()
            .map(Vec::len)
            .chain(std::iter::once(head.len()))
            .max()
            .unwrap_or(0);
        if columns == 0 {
            return;
        }
        let mut pad_x = self.scale.body * 0.45;
        let pad_y = self.scale.body * 0.3;
        let mut size = self.scale.body * 0.92;
        // Many columns (a month of days): smaller type and padding before words break.
        if column.width / (columns as f32) < 2.0 * pad_x + size * 3.0 {
            pad_x *= 0.4;
            size = (size * 0.8).max(self.scale.body.min(9.0) * 0.75);
        }
        let leading = 1.22;
        let mut head_style = self.body_style();
        head_style.face = FaceKind::Bold;
        head_style.size = size;
        let mut cell_style = self.body_style();
        cell_style.size = size;
        // Table > THead > TR > TH and Table > TBody > TR > TD, a cell for every column.
        let shape_row = |ctx: &mut Self,
                         cells: &[Cell],
                         style: &SpanStyle,
                         role: Role|
         -> Vec<(Shaped, NodeId)> {
            ctx.element(Role::TR, |ctx, _| {
                (0..columns)
                    .map(|c| {
                        ctx.element(role, |ctx, node| {
                            let mut st = StyledText::default();
                            if let Some(cell) = cells.get(c) {
                                ctx.inlines(&cell.content, style, &mut st);
                            }
                            (st.shape(ctx.input.fonts, &mut ctx.missing), node)
                        })
                    })
                    .collect()
            })
        };
        let (head_shaped, body_shaped) = self.element(Role::Table, |ctx, _| {
            let head_shaped = (!head.is_empty()).then(|| {
                ctx.element(Role::THead, |ctx, _| {
                    shape_row(ctx, head, &head_style, Role::TH)
                })
            });
            let body_shaped: Vec<Vec<(Shaped, NodeId)>> = ctx.element(Role::TBody, |ctx, _| {
                rows.iter()
                    .map(|row| shape_row(ctx, row, &cell_style, Role::TD))
                    .collect()
            });
            (head_shaped, body_shaped)
        });
        // Column widths from content: each column gets its widest word, then the rest of
        // the room in proportion to how much more its longest line would like.
        let mut min = vec![0f32; columns];
        let mut max = vec![0f32; columns];
        for row in head_shaped.iter().chain(body_shaped.iter()) {
            for (c, (cell, _)) in row.iter().enumerate() {
                let (lo, hi) = cell.min_max_width();
                min[c] = min[c].max(lo + 2.0 * pad_x);
                max[c] = max[c].max(hi + 2.0 * pad_x);
            }
        }
        for c in 0..columns {
            min[c] = min[c].max(2.0 * pad_x + size);
            max[c] = max[c].max(min[c]);
        }
        let widths = column_widths(&min, &max, column.width);
        let table_id = self.tables.len();
        let rule = self.colors().rule;
        let make_row = |ctx: &mut Self, cells: &[(Shaped, NodeId)], header: bool| -> Frag {
            let mut items = Vec::new();
            let mut height = 0f32;
            let mut cell_items = Vec::new();
            let mut x = column.x;
            for (c, (cell, node)) in cells.iter().enumerate() {
                let width = widths[c] - 2.0 * pad_x;
                let lines = cell.break_lines(width, leading);
                let mut y = pad_y;
                let cell_align = align.get(c).copied().unwrap_or(Align::None);
                for line in &lines {
                    let offset = match cell_align {
                        Align::Right => width - line.width,
                        Align::Center => (width - line.width) / 2.0,
                        _ => 0.0,
                    };
                    cell_items.extend(cell.line_items(
                        line,
                        x + pad_x + offset.max(0.0),
                        y,
                        Tag::Node(*node),
                    ));
                    y += line.height;
                }
                height = height.max(y + pad_y);
                x += widths[c];
            }
            let _ = ctx;
            if header {
                items.push(Item::Rect {
                    x: column.x,
                    y: 0.0,
                    w: widths.iter().sum(),
                    h: height,
                    fill: Some(ctx.colors().table_header_background),
                    stroke: None,
                    tag: Tag::Artifact,
                });
            }
            items.extend(cell_items);
            let right = column.x + widths.iter().sum::<f32>();
            // Top, bottom and the vertical rules of this row: every row is a closed box, so
            // a table cut by a page break is closed on both pages.
            for y in [0.0, height] {
                items.push(Item::hline(
                    column.x,
                    right,
                    y,
                    rule,
                    if header && y > 0.0 { 1.2 } else { 0.6 },
                ));
            }
            let edges = std::iter::once(column.x).chain(widths.iter().scan(column.x, |x, w| {
                *x += w;
                Some(*x)
            }));
            for x in edges {
                items.push(Item::Line {
                    x1: x,
                    y1: 0.0,
                    x2: x,
                    y2: height,
                    color: rule,
                    width: 0.6,
                    tag: Tag::Artifact,
                });
            }
            Frag {
                h: height,
                items,
                table: Some(table_id),
                is_table_header: header,
                keep_with_next: header,
                ..Frag::default()
            }
        };
        let header_frag = head_shaped.map(|cells| make_row(self, &cells, true));
        let mut frags = Vec::new();
        if let Some(h) = &header_frag {
            frags.push(h.clone());
        }
        for row in &body_shaped {
            frags.push(make_row(self, row, false));
        }
        self.tables.push(header_frag.unwrap_or_default());
        out.extend(frags);
    }

    fn footnotes(&mut self, column: Column, out: &mut Vec<Frag>) {
        let notes: Vec<_> = self.input.doc.numbered_footnotes().collect();
        if notes.is_empty() {
            return;
        }
        let size = self.scale.h3;
        let mut st = StyledText::default();
        st.push(
            "Notes",
            &SpanStyle::plain(FaceKind::Bold, size, self.colors().heading),
        );
        let mut heading = self.element(Role::Heading(2), |ctx, _| {
            ctx.text_frags(&st, column, Align::Left, 1.2)
        });
        for f in &mut heading {
            f.keep_with_next = true;
        }
        if let Some(f) = heading.first_mut() {
            f.space_before = size * 1.2;
            f.outline = Some((2, "Notes".into()));
            f.items.insert(
                0,
                Item::hline(
                    column.x,
                    column.x + column.width * 0.3,
                    -size * 0.5,
                    self.colors().rule,
                    0.75,
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
        let ids: Vec<String> = notes.iter().map(|(n, _)| format!("fn{n}")).collect();
        let firsts = self.list(Some(first_number), true, &items, column, Some(&ids), out);
        // Each note's first fragment is where its references jump to.
        for ((number, _), first) in notes.iter().zip(firsts) {
            if let Some(f) = out.get_mut(first) {
                f.anchors.push(format!("fn{number}"));
            }
        }
    }

    /// The disclaimer, once, at the end (when it is too long for the footer).
    fn closing_disclaimer(&mut self, column: Column, out: &mut Vec<Frag>) {
        let Some(disclaimer) = self
            .input
            .furniture
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
            first.space_before = self.scale.paragraph_spacing * 3.0;
            first.items.push(Item::hline(
                column.x,
                column.x + column.width,
                -self.scale.paragraph_spacing,
                self.colors().rule,
                0.5,
            ));
        }
        out.extend(frags);
    }

    // ----- inlines ----------------------------------------------------------------------

    /// Inline content with raw HTML reported.
    fn inlines_checked(
        &mut self,
        content: &[Inline],
        base: &SpanStyle,
        out: &mut StyledText,
        span: Span,
    ) {
        if contains_html(content) {
            self.html_lines.push(span.line);
        }
        self.inlines(content, base, out);
    }

    fn inlines(&mut self, content: &[Inline], base: &SpanStyle, out: &mut StyledText) {
        for inline in content {
            if self.script.hides(inline) {
                continue;
            }
            match inline {
                Inline::Text { text } => out.push(text, base),
                Inline::Emph { content } => {
                    let mut s = base.clone();
                    s.face = with_italic(s.face);
                    self.inlines(content, &s, out);
                }
                Inline::Strong { content } => {
                    let mut s = base.clone();
                    s.face = with_bold(s.face);
                    self.inlines(content, &s, out);
                }
                Inline::Strike { content } => {
                    let mut s = base.clone();
                    s.strike = true;
                    self.inlines(content, &s, out);
                }
                Inline::Code { code } => {
                    let mut s = base.clone();
                    s.face = if matches!(base.face, FaceKind::Bold | FaceKind::BoldItalic) {
                        FaceKind::MonoBold
                    } else {
                        FaceKind::Mono
                    };
                    s.size = base.size * 0.9;
                    s.background = Some(self.colors().code_background);
                    out.push(code, &s);
                }
                Inline::Link { url, content, .. } => {
                    let mut s = base.clone();
                    s.link = link_target(url);
                    if s.link.is_some() {
                        s.color = self.colors().link;
                        s.underline = true;
                        let node = self.inline_element(Role::Link, base);
                        let text = plain_text(content);
                        if let Some(n) = self.tree.node_mut(node) {
                            // The annotation says what the link text says, or where it
                            // goes when it has none.
                            n.description = Some(match text.trim() {
                                "" => url.clone(),
                                text => text.to_string(),
                            });
                        }
                        s.node = Some(node);
                        s.link_node = Some(node);
                    }
                    self.inlines(content, &s, out);
                }
                Inline::Image { alt, .. } => {
                    let mut s = base.clone();
                    s.face = with_italic(s.face);
                    let alt = alt.trim();
                    out.push(
                        &if alt.is_empty() {
                            "[image]".to_string()
                        } else {
                            format!("[{alt}]")
                        },
                        &s,
                    );
                }
                Inline::FootnoteRef { label } => {
                    let number = self.input.doc.footnote_number(label);
                    let mut s = base.clone();
                    s.size = base.size * 0.68;
                    s.rise = base.size * 0.36;
                    match number {
                        Some(n) => {
                            // A narrow no-break space keeps the number off the word for
                            // copy and search ("took it 1", not "took it1") without
                            // letting a line break separate them.
                            let mut gap = base.clone();
                            gap.size = s.size;
                            out.push("\u{202F}", &gap);
                            s.link = Some(LinkTarget::Anchor(format!("fn{n}")));
                            let node = self.inline_element(Role::Link, base);
                            if let Some(link) = self.tree.node_mut(node) {
                                link.description = Some(format!("Note {n}"));
                            }
                            s.node = Some(node);
                            s.link_node = Some(node);
                            s.color = self.colors().link;
                            out.push(&n.to_string(), &s);
                        }
                        None => out.push(&format!("[^{label}]"), base),
                    }
                }
                Inline::SoftBreak => out.push(" ", base),
                // The space before the break is drawn (with no advance) at the line's end,
                // as a soft break's is: text taken from the page keeps the words apart.
                Inline::LineBreak => out.push(" \n", base),
                Inline::Math { tex, display } => {
                    let mut s = base.clone();
                    let node = self.inline_element(Role::Formula, base);
                    self.set_alt(node, tex);
                    s.node = Some(node);
                    s.face = FaceKind::Mono;
                    s.size = base.size * 0.9;
                    // Display math inside running text gets lines of its own.
                    if *display && !out.text.is_empty() && !out.text.ends_with('\n') {
                        out.push("\n", base);
                    }
                    out.push(tex.trim(), &s);
                    if *display {
                        out.push("\n", base);
                    }
                }
                Inline::Html { .. } => {}
            }
        }
    }

    /// A structure element for inline content (a link, a formula) inside the element the
    /// surrounding text belongs to. Inline code is not one: it is read as the words around
    /// it are, and an element for each of the hundreds a technical text has would make the
    /// tree a third of the file.
    fn inline_element(&mut self, role: Role, base: &SpanStyle) -> NodeId {
        self.tree.add(role, base.node.unwrap_or(self.current))
    }

    // ----- header and footer ------------------------------------------------------------

    /// The header's items and height (without the gap below it).
    fn header(&mut self, column: Column) -> (Vec<Item>, f32) {
        let meta = &self.input.doc.meta;
        let small = self.scale.small;
        let muted = self.colors().muted;
        let mut st = StyledText::default();
        if let Some(org) = self
            .input
            .furniture
            .organization
            .as_deref()
            .filter(|o| !o.trim().is_empty())
        {
            st.push(org.trim(), &SpanStyle::plain(FaceKind::Bold, small, muted));
            st.push("  |  ", &SpanStyle::plain(FaceKind::Regular, small, muted));
        }
        st.push(
            meta.title.trim(),
            &SpanStyle::plain(FaceKind::Regular, small, muted),
        );
        let top = self.input.style.page.margin_top;
        // Two lines at most: the title block shows the whole title anyway.
        let mut frags = self.text_frags(&st, column, Align::Left, 1.25);
        frags.truncate(2);
        let mut items = Vec::new();
        let mut y = top;
        for mut f in frags {
            f.shift(0.0, y);
            y += f.h;
            items.extend(f.items);
        }
        y += small * 0.3;
        items.push(Item::hline(
            column.x,
            column.x + column.width,
            y,
            self.colors().rule,
            0.5,
        ));
        (items, y - top)
    }

    fn footer_lines(&mut self, column: Column, page: usize, total: usize) -> Vec<Frag> {
        let small = self.scale.small;
        let muted = self.colors().muted;
        let plain = SpanStyle::plain(FaceKind::Regular, small, muted);
        let mut frags = Vec::new();
        if let Some(disclaimer) = self
            .input
            .furniture
            .disclaimer
            .as_deref()
            .filter(|d| !d.trim().is_empty() && self.disclaimer_in_footer)
        {
            let mut st = StyledText::default();
            st.push(disclaimer.trim(), &plain);
            frags.extend(self.text_frags(&st, column, Align::Left, 1.25));
        }
        // Last line: review information on the left, the page number on the right.
        let furniture = self.input.furniture.clone();
        let mut left = StyledText::default();
        match (&furniture.review_date, &furniture.reviewed_by) {
            (Some(date), Some(by)) => left.push(&format!("Reviewed {date} by {by}"), &plain),
            (Some(date), None) => left.push(&format!("Last reviewed {date}"), &plain),
            (None, Some(by)) => left.push(&format!("Reviewed by {by}"), &plain),
            (None, None) => {}
        }
        let mut right = StyledText::default();
        right.push(
            &format!("Page {page} of {total}"),
            &SpanStyle::plain(FaceKind::Bold, small, muted),
        );
        let right_shaped = right.shape(self.input.fonts, &mut self.missing);
        let right_line = right_shaped.break_lines(f32::MAX, 1.25);
        let right_width = right_line.first().map_or(0.0, |l| l.width);
        let left_column = Column {
            x: column.x,
            width: (column.width - right_width - small * 2.0).max(column.width * 0.3),
        };
        let mut left_frags = if left.is_blank() {
            Vec::new()
        } else {
            // Two lines at most: the footer must leave room for the page.
            let mut frags = self.text_frags(&left, left_column, Align::Left, 1.25);
            frags.truncate(2);
            frags
        };
        if let Some(line) = right_line.first() {
            let items = right_shaped.line_items(
                line,
                column.x + column.width - line.width,
                0.0,
                Tag::Footer,
            );
            match left_frags.first_mut() {
                Some(f) => f.items.extend(items),
                None => left_frags.push(Frag {
                    h: line.height,
                    items,
                    ..Frag::default()
                }),
            }
        }
        if let Some(f) = left_frags.first_mut() {
            f.space_before = small * 0.3;
        }
        frags.extend(left_frags);
        frags
    }

    fn footer_height(&mut self, column: Column) -> f32 {
        // The widest page number decides; "Page 999 of 999" is as wide as it gets.
        let frags = self.footer_lines(column, 999, 999);
        frags.iter().map(|f| f.h + f.space_before).sum::<f32>() + self.scale.small * 0.4
    }

    /// The footer of page `page` of `total`, its rule at `top`.
    fn footer(&mut self, column: Column, page: usize, total: usize, top: f32) -> Vec<Item> {
        let mut items = vec![Item::hline(
            column.x,
            column.x + column.width,
            top,
            self.colors().rule,
            0.5,
        )];
        let mut y = top + self.scale.small * 0.4;
        for mut f in self.footer_lines(column, page, total) {
            y += f.space_before;
            f.shift(0.0, y);
            y += f.h;
            items.extend(f.items);
        }
        items
    }
}

fn contains_html(content: &[Inline]) -> bool {
    content.iter().any(|i| match i {
        Inline::Html { raw } => !raw_html::is_only_comments(raw),
        Inline::Emph { content }
        | Inline::Strong { content }
        | Inline::Strike { content }
        | Inline::Link { content, .. } => contains_html(content),
        _ => false,
    })
}

fn with_italic(face: FaceKind) -> FaceKind {
    match face {
        FaceKind::Regular => FaceKind::Italic,
        FaceKind::Bold => FaceKind::BoldItalic,
        other => other,
    }
}

fn with_bold(face: FaceKind) -> FaceKind {
    match face {
        FaceKind::Regular => FaceKind::Bold,
        FaceKind::Italic => FaceKind::BoldItalic,
        FaceKind::Mono => FaceKind::MonoBold,
        other => other,
    }
}

/// Where a Markdown link may point in a PDF: the web, mail, or a heading of this handout.
fn link_target(url: &str) -> Option<LinkTarget> {
    if let Some(id) = url.strip_prefix('#') {
        return (!id.is_empty()).then(|| LinkTarget::Anchor(id.to_string()));
    }
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("http" | "https" | "mailto" | "tel" | "ftp") if is_safe_url(url, false) => {
            Some(LinkTarget::Uri(url.to_string()))
        }
        _ => None,
    }
}

fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// One line of shaped text as a fragment.
fn line_frag(shaped: &Shaped, line: &LineBox, column: Column, align: Align, tag: Tag) -> Frag {
    let offset = match align {
        Align::Right => column.width - line.width,
        Align::Center => (column.width - line.width) / 2.0,
        _ => 0.0,
    }
    .max(0.0);
    Frag {
        h: line.height,
        items: shaped.line_items(line, column.x + offset, 0.0, tag),
        first_baseline: Some(line.baseline),
        ..Frag::default()
    }
}

/// No paragraph leaves a single line alone at the foot (orphan) or head (widow) of a page.
fn widows_and_orphans(lines: &mut [Frag]) {
    let n = lines.len();
    if n >= 2 {
        lines[0].keep_with_next = true;
        lines[n - 2].keep_with_next = true;
    }
}

/// Column widths: every column gets its minimum; the room left is shared in proportion to
/// what each column would still like (max − min). If even the minimums do not fit, they are
/// scaled down (long words then break inside the cell).
fn column_widths(min: &[f32], max: &[f32], available: f32) -> Vec<f32> {
    let min_total: f32 = min.iter().sum();
    let max_total: f32 = max.iter().sum();
    if max_total <= available {
        return max.to_vec();
    }
    if min_total >= available {
        // Each column keeps up to an equal share; what is left goes to the columns that
        // wanted more than that, in proportion to how much more.
        let share = available / min.len() as f32;
        let floors: Vec<f32> = min.iter().map(|m| m.min(share)).collect();
        let left = available - floors.iter().sum::<f32>();
        let excess: f32 = min.iter().zip(&floors).map(|(m, f)| m - f).sum();
        return min
            .iter()
            .zip(&floors)
            .map(|(m, f)| {
                if excess > 0.0 {
                    f + (m - f) * left / excess
                } else {
                    *f
                }
            })
            .collect();
    }
    let room = available - min_total;
    let want = max_total - min_total;
    min.iter()
        .zip(max)
        .map(|(lo, hi)| lo + (hi - lo) * room / want)
        .collect()
}

/// Fills pages with fragments.
fn paginate(
    tables: &[Frag],
    frags: Vec<Frag>,
    body_top: f32,
    body_bottom: f32,
    page_width: f32,
    page_height: f32,
) -> Layout {
    let body_height = body_bottom - body_top;
    let mut pages: Vec<Page> = vec![Page::default()];
    let mut outline = Vec::new();
    let mut anchors = BTreeMap::new();
    let mut y = body_top;
    let mut at_top = true;
    // A table row that starts a page brings its table's header along.
    let repeated_header = |frag: &Frag| -> Option<&Frag> {
        let header = tables.get(frag.table?)?;
        (!frag.is_table_header && !header.items.is_empty()).then_some(header)
    };
    let mut frags = split_oversized(frags, |f| {
        body_height - repeated_header(f).map_or(0.0, |h| h.h)
    });
    let mut i = 0;
    while i < frags.len() {
        // The chain of fragments that must stay together with this one.
        let mut end = i;
        let mut chain_height = frags[i].h;
        while frags[end].keep_with_next && end + 1 < frags.len() && chain_height < body_height {
            end += 1;
            chain_height += frags[end].space_before + frags[end].h;
        }
        let header_height = repeated_header(&frags[i]).map_or(0.0, |h| h.h);
        let space = if at_top { 0.0 } else { frags[i].space_before };
        let fits = y + space + chain_height <= body_bottom + 0.01;
        if !fits && !at_top && chain_height + header_height <= body_height {
            new_page(&mut pages, &mut y, &mut at_top, body_top);
        }
        // Place the chain's first fragment (the rest follow in their own turns, and will
        // fit, since the whole chain did).
        let frag = &mut frags[i];
        let space = if at_top { 0.0 } else { frag.space_before };
        if !at_top && y + space + frag.h > body_bottom + 0.01 {
            new_page(&mut pages, &mut y, &mut at_top, body_top);
        }
        // A table row at the top of a page gets its table's header first.
        if at_top
            && pages.len() > 1
            && let Some(header) = repeated_header(frag)
        {
            // The repeat is a convenience for the eye; a reader met the header once. Its
            // links stay on the first page only: an annotation is part of one element.
            let items = header
                .items
                .iter()
                .filter(|item| !matches!(item, Item::Link { .. }))
                .map(|item| {
                    let mut item = item.clone();
                    item.set_tag(Tag::Artifact);
                    item
                })
                .collect();
            place(
                &mut pages,
                header,
                items,
                y,
                &mut outline,
                &mut anchors,
                true,
            );
            y += header.h;
        }
        let space = if at_top { 0.0 } else { frag.space_before };
        y += space;
        // Each fragment is placed once: its items move onto the page.
        let items = std::mem::take(&mut frag.items);
        place(
            &mut pages,
            frag,
            items,
            y,
            &mut outline,
            &mut anchors,
            false,
        );
        y += frag.h;
        at_top = false;
        i += 1;
    }
    Layout {
        page_width,
        page_height,
        pages,
        outline,
        anchors,
        structure: StructTree::new(),
    }
}

fn new_page(pages: &mut Vec<Page>, y: &mut f32, at_top: &mut bool, body_top: f32) {
    pages.push(Page::default());
    *y = body_top;
    *at_top = true;
}

fn place(
    pages: &mut [Page],
    frag: &Frag,
    items: Vec<Item>,
    y: f32,
    outline: &mut Vec<OutlineEntry>,
    anchors: &mut BTreeMap<String, (usize, f32)>,
    repeat: bool,
) {
    let page = pages.len() - 1;
    if !repeat {
        for id in &frag.anchors {
            anchors.entry(id.clone()).or_insert((page, y));
        }
        if let Some((level, title)) = &frag.outline {
            outline.push(OutlineEntry {
                level: *level,
                title: title.clone(),
                page,
                y,
            });
        }
    }
    pages[page].items.extend(items.into_iter().map(|mut item| {
        item.shift(0.0, y);
        item
    }));
}

/// Cuts fragments taller than a page (a table row with a very long cell) between lines of
/// text, so nothing is drawn past the foot of a page.
fn split_oversized(frags: Vec<Frag>, room: impl Fn(&Frag) -> f32) -> Vec<Frag> {
    let mut out = Vec::with_capacity(frags.len());
    for frag in frags {
        // At least a few points per piece, so the loop always ends.
        let limit = room(&frag).max(12.0);
        let mut rest = frag;
        while rest.h > limit {
            let cut = cut_point(&rest.items, limit).clamp(6.0, limit);
            let mut head = Frag {
                h: cut,
                space_before: rest.space_before,
                anchors: std::mem::take(&mut rest.anchors),
                outline: rest.outline.take(),
                table: rest.table,
                ..Frag::default()
            };
            let mut tail_items = Vec::new();
            for item in std::mem::take(&mut rest.items) {
                let (_, top, _, bottom) = item.bounds();
                match item {
                    Item::Rect {
                        x,
                        y,
                        w,
                        h,
                        fill,
                        stroke,
                        tag,
                    } if top < cut && bottom > cut => {
                        head.items.push(Item::Rect {
                            x,
                            y,
                            w,
                            h: cut - y,
                            fill,
                            stroke,
                            tag,
                        });
                        tail_items.push(Item::Rect {
                            x,
                            y: 0.0,
                            w,
                            h: y + h - cut,
                            fill,
                            stroke,
                            tag,
                        });
                    }
                    Item::Line {
                        x1,
                        y1: _,
                        x2,
                        y2: _,
                        color,
                        width,
                        tag,
                    } if top < cut && bottom > cut && (x1 - x2).abs() < 0.01 => {
                        head.items.push(Item::Line {
                            x1,
                            y1: top,
                            x2,
                            y2: cut,
                            color,
                            width,
                            tag,
                        });
                        tail_items.push(Item::Line {
                            x1,
                            y1: 0.0,
                            x2,
                            y2: bottom - cut,
                            color,
                            width,
                            tag,
                        });
                    }
                    mut item => {
                        if top < cut {
                            head.items.push(item);
                        } else {
                            item.shift(0.0, -cut);
                            tail_items.push(item);
                        }
                    }
                }
            }
            out.push(head);
            rest = Frag {
                h: rest.h - cut,
                items: tail_items,
                keep_with_next: rest.keep_with_next,
                table: rest.table,
                ..Frag::default()
            };
        }
        out.push(rest);
    }
    out
}

/// The lowest y ≤ `limit` that cuts through no line of text.
fn cut_point(items: &[Item], limit: f32) -> f32 {
    let texts: Vec<(f32, f32)> = items
        .iter()
        .filter(|i| matches!(i, Item::Text(_) | Item::Image { .. }))
        .map(|i| {
            let (_, top, _, bottom) = i.bounds();
            (top, bottom)
        })
        .collect();
    let mut candidates: Vec<f32> = texts.iter().map(|(t, _)| *t - 0.5).collect();
    candidates.push(limit);
    candidates
        .into_iter()
        .filter(|&c| c > 1.0 && c <= limit)
        .filter(|&c| texts.iter().all(|&(t, b)| c <= t || c >= b))
        .fold(None, |best: Option<f32>, c| {
            Some(best.map_or(c, |b| b.max(c)))
        })
        .unwrap_or(limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Flavour, read_str};

    struct Laid {
        layout: Layout,
        warnings: Vec<String>,
        style: Style,
    }

    fn lay_out(markdown: &str, variant: Variant, images: &[(&str, (u32, u32))]) -> Laid {
        let mut doc = read_str(markdown, "test.md", Flavour::Markdown).unwrap();
        doc.source.path = Some("test.md".into());
        let style = Style::builtin();
        let fonts = FontSet::builtin().unwrap();
        let images: BTreeMap<String, (u32, u32)> =
            images.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        let furniture = Furniture {
            organization: Some("Riverside Clinic".into()),
            disclaimer: Some("Not a substitute for advice from your own doctor.".into()),
            review_date: Some("2026-01-01".into()),
            reviewed_by: None,
        };
        let result = layout(&LayoutInput {
            doc: &doc,
            style: &style,
            variant,
            fonts: &fonts,
            images: &images,
            furniture: &furniture,
        });
        Laid {
            layout: result.layout,
            warnings: result.warnings,
            style,
        }
    }

    fn sentence(n: usize) -> String {
        (0..n)
            .map(|i| ["pain", "relief", "sleep", "movement", "doctor"][i % 5])
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Every item lies inside the page's margins.
    fn assert_inside_margins(laid: &Laid) {
        let p = &laid.style.page;
        let (w, h) = p.size.dimensions();
        for (n, page) in laid.layout.pages.iter().enumerate() {
            for item in &page.items {
                let (l, t, r, b) = item.bounds();
                assert!(
                    l >= p.margin_left - 1.0 && r <= w - p.margin_right + 1.0,
                    "page {}: {item:?} crosses a side margin",
                    n + 1
                );
                assert!(
                    t >= p.margin_top - 1.0 && b <= h - p.margin_bottom + 1.0,
                    "page {}: {item:?} crosses the top or bottom margin",
                    n + 1
                );
            }
        }
    }

    #[test]
    fn headings_are_never_left_alone_at_a_page_foot() {
        let mut md = String::new();
        for i in 0..40 {
            md.push_str(&format!(
                "## Section {i}\n\n{}\n\n",
                sentence(20 + i * 7 % 60)
            ));
        }
        let laid = lay_out(&md, Variant::Standard, &[]);
        assert!(laid.layout.pages.len() > 3);
        for entry in &laid.layout.outline {
            let page = &laid.layout.pages[entry.page];
            let body_lines_below = page
                .items
                .iter()
                .filter(|i| {
                    matches!(i, Item::Text(run) if run.face == FaceKind::Regular
                    && run.baseline > entry.y + 25.0
                    && run.baseline < laid.layout.page_height - 80.0)
                })
                .count();
            assert!(
                body_lines_below >= 2,
                "{:?} has fewer than two lines after it on its page",
                entry.title
            );
        }
    }

    #[test]
    fn hostile_content_stays_inside_the_margins() {
        let long_word = "x".repeat(400);
        let mut md = format!("# {}\n\n{long_word}\n\n", sentence(40));
        // Deep nesting, a wide table, long code lines, a huge image.
        for depth in 0..30 {
            md.push_str(&"  ".repeat(depth));
            md.push_str(&format!("- level {depth} {}\n", sentence(12)));
        }
        md.push_str("\n| a | b | c | d | e | f | g | h |\n|---|---|---|---|---|---|---|---|\n");
        for _ in 0..3 {
            md.push_str(&format!(
                "| {long_word} | {} | x | x | x | x | x | x |\n",
                sentence(30)
            ));
        }
        md.push_str(&format!("\n```\n{}\n```\n\n", "let x = 1; ".repeat(60)));
        md.push_str("![a huge picture](big.png)\n\n> > > > > > > > > > > > ");
        md.push_str(&sentence(50));
        md.push_str("\n\n> [!WARNING]\n> ");
        md.push_str(&sentence(400));
        md.push('\n');
        for variant in Variant::ALL {
            let laid = lay_out(&md, variant, &[("big.png", (5000, 9000))]);
            assert_inside_margins(&laid);
        }
    }

    #[test]
    fn a_table_row_taller_than_a_page_is_split_between_lines() {
        let md = format!("| a | b |\n|---|---|\n| {} | x |\n", sentence(3000));
        let laid = lay_out(&md, Variant::LargePrint, &[]);
        assert!(laid.layout.pages.len() >= 3);
        assert_inside_margins(&laid);
    }

    #[test]
    fn table_headers_repeat_on_every_page_the_table_crosses() {
        let mut md = String::from("| Day | What helped |\n|---|---|\n");
        for i in 0..120 {
            md.push_str(&format!("| day {i} | {} |\n", sentence(6)));
        }
        let laid = lay_out(&md, Variant::Standard, &[]);
        assert!(laid.layout.pages.len() >= 3);
        for (n, page) in laid.layout.pages.iter().enumerate() {
            let first_body_text = page
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(run) if run.baseline > 70.0 && run.baseline < 680.0 => {
                        Some((run.baseline, run.text()))
                    }
                    _ => None,
                })
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, text)| text);
            assert_eq!(first_body_text.as_deref(), Some("Day"), "page {}", n + 1);
        }
    }

    #[test]
    fn header_and_footer_carry_organization_review_date_and_page_numbers() {
        let laid = lay_out(
            &format!("{}\n\n{}", sentence(2000), sentence(2000)),
            Variant::Standard,
            &[],
        );
        let total = laid.layout.pages.len();
        assert!(total >= 2);
        for n in 0..total {
            let text = laid.layout.page_text(n);
            assert!(text.contains("Riverside Clinic"), "{text}");
            assert!(
                text.contains(&format!("Page {} of {total}", n + 1)),
                "{text}"
            );
            assert!(text.contains("Last reviewed 2026-01-01"), "{text}");
            assert!(text.contains("Not a substitute"), "{text}");
        }
    }

    #[test]
    fn large_print_sets_body_text_at_18_points_or_more() {
        let laid = lay_out(&sentence(300), Variant::LargePrint, &[]);
        let body_sizes: BTreeSet<u32> = laid.layout.pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(run)
                    if run.face == FaceKind::Regular
                        && run.baseline > 80.0
                        && run.baseline < 700.0 =>
                {
                    Some(run.size as u32)
                }
                _ => None,
            })
            .collect();
        assert_eq!(body_sizes.into_iter().collect::<Vec<_>>(), [18]);
    }

    #[test]
    fn orphans_and_widows_are_avoided() {
        let frag = |h: f32, keep: bool| Frag {
            h,
            keep_with_next: keep,
            items: vec![Item::Rect {
                x: 0.0,
                y: 0.0,
                w: 1.0,
                h,
                fill: None,
                stroke: None,
                tag: Tag::Artifact,
            }],
            ..Frag::default()
        };
        // Nine filler lines, then a five-line paragraph: the page holds ten lines.
        let mut frags: Vec<Frag> = (0..9).map(|_| frag(10.0, false)).collect();
        let mut para: Vec<Frag> = (0..5).map(|_| frag(10.0, false)).collect();
        widows_and_orphans(&mut para);
        frags.extend(para);
        let layout = paginate(&[], frags, 0.0, 100.0, 100.0, 100.0);
        let counts: Vec<usize> = layout.pages.iter().map(|p| p.items.len()).collect();
        // The paragraph's first line would be alone: it moves with the next.
        assert_eq!(counts, [9, 5]);
    }

    #[test]
    fn internal_links_and_headings_are_anchored() {
        let md = "- [Later](#later)\n\n## Later\n\nText.[^n]\n\n[^n]: A note.\n";
        let laid = lay_out(md, Variant::Standard, &[]);
        assert!(laid.layout.anchors.contains_key("later"));
        assert!(laid.layout.anchors.contains_key("fn1"));
        let links: Vec<&LinkTarget> = laid.layout.pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Link { target, .. } => Some(target),
                _ => None,
            })
            .collect();
        assert!(
            links.contains(&&LinkTarget::Anchor("later".into())),
            "{links:?}"
        );
        assert!(
            links.contains(&&LinkTarget::Anchor("fn1".into())),
            "{links:?}"
        );
        let titles: Vec<&str> = laid
            .layout
            .outline
            .iter()
            .map(|e| e.title.as_str())
            .collect();
        assert!(
            titles.contains(&"Later") && titles.contains(&"Notes"),
            "{titles:?}"
        );
    }

    #[test]
    fn raw_html_is_reported_once_with_its_lines_and_comments_are_not() {
        let md = "<!-- a comment -->\n\n<div>kept words</div>\n\nText <b>bold</b>.\n";
        let laid = lay_out(md, Variant::Standard, &[]);
        assert_eq!(laid.warnings.len(), 1, "{:?}", laid.warnings);
        assert!(
            laid.warnings[0].contains("test.md:3: raw HTML"),
            "{:?}",
            laid.warnings
        );
        assert!(
            laid.warnings[0].contains("lines 3, 5"),
            "{:?}",
            laid.warnings
        );
        assert!(laid.layout.page_text(0).contains("kept words"));
    }

    #[test]
    fn a_title_heading_comes_before_subtitle_and_byline_and_is_drawn_once() {
        let md = "---\ntitle: Pain Diary\nsubtitle: Track it\nauthors: [Ann]\n---\n# Pain Diary\n\nBody.\n";
        let laid = lay_out(md, Variant::Standard, &[]);
        // Body runs from top to bottom (the header and footer are left out).
        let mut runs: Vec<(f32, f32, String)> = laid.layout.pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(run) if run.size > laid.style.standard.small => {
                    Some((run.baseline, run.size, run.text()))
                }
                _ => None,
            })
            .collect();
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let texts: Vec<&str> = runs.iter().map(|r| r.2.as_str()).collect();
        assert_eq!(texts, ["Pain Diary", "Track it", "By Ann", "Body."]);
        assert_eq!(runs[0].1, laid.style.standard.h1);
        assert!(laid.layout.anchors.contains_key("pain-diary"));
    }

    #[test]
    fn display_math_gets_its_own_lines() {
        let laid = lay_out(
            "Before\n\n$$\nx^2\n$$\n\nAfter $$y$$ text.\n",
            Variant::Standard,
            &[],
        );
        let runs: Vec<(f32, String)> = laid.layout.pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(run) if run.face == FaceKind::Mono => Some((run.baseline, run.text())),
                _ => None,
            })
            .collect();
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!(runs[0].1, "x^2");
    }

    /// No two text runs on a page overlap (the header, body and footer included).
    fn assert_no_text_overlaps(laid: &Laid) {
        for (n, page) in laid.layout.pages.iter().enumerate() {
            let boxes: Vec<(f32, f32, f32, f32, String)> = page
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(run) if !run.text().trim().is_empty() => {
                        let (l, t, r, b) = i.bounds();
                        Some((l, t, r, b, run.text()))
                    }
                    _ => None,
                })
                .collect();
            for (a, x) in boxes.iter().enumerate() {
                for y in &boxes[a + 1..] {
                    let overlap_x = x.0 < y.2 && y.0 < x.2;
                    let overlap_y = x.1 + 1.0 < y.3 && y.1 + 1.0 < x.3;
                    assert!(
                        !(overlap_x && overlap_y),
                        "page {}: {:?} overlaps {:?}",
                        n + 1,
                        x.4,
                        y.4
                    );
                }
            }
        }
    }

    #[test]
    fn split_table_rows_and_repeated_headers_stay_clear_of_the_footer() {
        let md = format!(
            "| a | b |\n|---|---|\n| {} | x |\n| short | row |\n",
            sentence(3000)
        );
        for variant in Variant::ALL {
            let laid = lay_out(&md, variant, &[]);
            assert_no_text_overlaps(&laid);
        }
    }

    #[test]
    fn hostile_content_never_overlaps() {
        let mut md = String::new();
        for depth in 0..20 {
            md.push_str(&"  ".repeat(depth));
            md.push_str(&format!("{}. level {depth} {}\n", depth + 1, sentence(8)));
        }
        md.push_str("\n| ");
        md.push_str(
            &(0..40)
                .map(|i| format!("d{i}"))
                .collect::<Vec<_>>()
                .join(" | "),
        );
        md.push_str(" |\n|");
        md.push_str(&"---|".repeat(40));
        md.push_str("\n| ");
        md.push_str(
            &(0..40)
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(" | "),
        );
        md.push_str(" |\n");
        for variant in Variant::ALL {
            let laid = lay_out(&md, variant, &[]);
            assert_no_text_overlaps(&laid);
            assert_inside_margins(&laid);
        }
    }

    #[test]
    fn a_disclaimer_too_long_for_the_footer_closes_the_handout_instead() {
        let doc_md = format!("---\ndisclaimer: {}\n---\nBody text.\n", sentence(900));
        let mut doc = read_str(&doc_md, "d.md", Flavour::Markdown).unwrap();
        doc.source.path = Some("d.md".into());
        let style = Style::builtin();
        let fonts = FontSet::builtin().unwrap();
        let furniture = Furniture {
            disclaimer: doc.meta.disclaimer.clone(),
            ..Furniture::default()
        };
        let result = layout(&LayoutInput {
            doc: &doc,
            style: &style,
            variant: Variant::LargePrint,
            fonts: &fonts,
            images: &BTreeMap::new(),
            furniture: &furniture,
        });
        assert!(
            result
                .warnings
                .iter()
                .any(|w| w.contains("too long for the page footer")),
            "{:?}",
            result.warnings
        );
        let all: String = (0..result.layout.pages.len())
            .map(|p| result.layout.page_text(p))
            .collect();
        assert!(all.matches("relief sleep movement doctor pain").count() > 100);
    }

    #[test]
    fn every_footnote_link_lands_on_its_own_note() {
        let md =
            "One.[^a] Two.[^b]\n\n[^a]: First para.\n\n    Second para of a.\n\n[^b]: Note b.\n";
        let laid = lay_out(md, Variant::Standard, &[]);
        let (_, a) = laid.layout.anchors["fn1"];
        let (_, b) = laid.layout.anchors["fn2"];
        let baseline_of = |needle: &str| {
            laid.layout.pages[0]
                .items
                .iter()
                .find_map(|i| match i {
                    Item::Text(run) if run.text().contains(needle) => Some(run.baseline),
                    _ => None,
                })
                .unwrap()
        };
        assert!(a < baseline_of("First para") && baseline_of("First para") < b);
        assert!(b < baseline_of("Note b") && baseline_of("Second para") < b);
    }
}

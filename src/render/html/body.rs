//! The body of a document as HTML or XHTML: its blocks and inlines, in the order the model
//! has them. Footnotes are [`super::notes`]; the page around the body is [`super::page`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::options::{HtmlOptions, RawHtml, Xhtml};
use super::raw;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Align, Block, Cell, Document, Inline, ListItem, is_safe_url, plain_text};
use crate::render::anchors::{self, Targets};
use crate::render::assets::{Asset, Assets};
use crate::render::markup::{escape, escape_href, is_xml_char};
use crate::render::raw_html;
use crate::render::shared::{CalloutHeading, image_placeholder};
use crate::render::writer::Warnings;
use crate::render::xhtml::{self, RawHooks};
use crate::terms::{self, Term, Terms};

/// The body of the document (blocks, then footnotes) as an HTML fragment.
pub fn render_fragment(doc: &Document, assets: &Assets, opts: &HtmlOptions) -> String {
    render_blocks(doc, &[&doc.blocks], assets, opts)
}

/// The runs of blocks `parts` of `doc` (all of them, or its body under the title block),
/// then its footnotes, as HTML. Images in `assets` are inlined as `data:` URLs.
pub fn render_blocks(
    doc: &Document,
    parts: &[&[Block]],
    assets: &Assets,
    opts: &HtmlOptions,
) -> String {
    let mut body = Body::new(doc, assets, opts);
    for blocks in parts {
        body.blocks(blocks, false);
    }
    body.footnotes();
    let html = body.out;
    if opts.raw_html == RawHtml::Sanitize && doc.has_raw_html() {
        raw::sanitize(&html)
    } else {
        html
    }
}

/// The runs of blocks `parts` of `doc` and its footnotes as the body of an EPUB chapter,
/// well-formed XHTML (`opts.xhtml` should be set), and what could not be carried over
/// (links nowhere, images outside the package, inline raw HTML).
pub fn render_xhtml_blocks(
    doc: &Document,
    parts: &[&[Block]],
    opts: &HtmlOptions,
) -> (String, Vec<Diagnostic>) {
    static NO_ASSETS: Assets = Assets::new();
    let mut body = Body::new(doc, &NO_ASSETS, opts);
    for blocks in parts {
        body.blocks(blocks, false);
    }
    body.footnotes();
    let mut warnings = std::mem::replace(&mut body.warnings, Warnings::new(doc));
    warnings.warn_lines(Code::RawHtml, &body.dropped_inline_html, |also| {
        format!("inline raw HTML tags are left out of the EPUB{also}; their text is kept")
    });
    let mut out = body.out;
    out.retain(is_xml_char);
    (out, warnings.finish())
}

/// The body writer: the state of one rendering.
pub(super) struct Body<'a> {
    pub(super) doc: &'a Document,
    pub(super) opts: &'a HtmlOptions,
    /// Images to inline as `data:` URLs.
    assets: &'a Assets,
    pub(super) terms: &'static Terms,
    pub(super) out: String,
    /// How many times each footnote has been referenced so far (for unique reference ids).
    pub(super) footnote_refs: BTreeMap<u32, u32>,
    /// `" /"` in conformance mode (cmark writes `<br />`) and XHTML, empty otherwise.
    pub(super) void_end: &'static str,
    /// EPUB chapter settings, when writing XHTML.
    pub(super) xhtml: Option<&'a Xhtml>,
    /// Ids written so far (XHTML: raw HTML may not repeat one).
    ids: BTreeSet<String>,
    /// The source line of the block being written, for warnings.
    pub(super) line: u32,
    warnings: Warnings,
    /// Lines whose inline raw HTML tags XHTML output left out.
    dropped_inline_html: BTreeSet<u32>,
    /// Inline script and style content, which XHTML output leaves out with the tags.
    script: raw_html::ScriptSkip,
    /// A raw-text element (`<script>`, `<textarea>`…) the current block leaves open.
    raw_text: raw_html::RawTextGuard,
    /// The document is written right to left.
    rtl: bool,
}

impl<'a> Body<'a> {
    pub(super) fn new(doc: &'a Document, assets: &'a Assets, opts: &'a HtmlOptions) -> Self {
        Body {
            doc,
            opts,
            assets,
            terms: terms::of(&doc.meta.language, &doc.meta.terms),
            rtl: crate::language::Direction::of_document(&doc.meta).is_rtl(),
            out: String::with_capacity(8 * 1024),
            footnote_refs: BTreeMap::new(),
            void_end: if opts.conformance || opts.xhtml.is_some() {
                " /"
            } else {
                ""
            },
            xhtml: opts.xhtml.as_ref(),
            ids: opts
                .xhtml
                .as_ref()
                .map(|x| reserved_ids(doc, &x.id_prefix))
                .unwrap_or_default(),
            line: 0,
            warnings: Warnings::new(doc),
            dropped_inline_html: BTreeSet::new(),
            script: raw_html::ScriptSkip::default(),
            raw_text: raw_html::RawTextGuard::default(),
        }
    }

    /// An id as written: with the book's prefix in XHTML.
    pub(super) fn id(&self, id: &str) -> String {
        match self.xhtml {
            Some(x) => format!("{}{id}", x.id_prefix),
            None => id.to_string(),
        }
    }

    /// The id of a note, a reference or the notes heading, as [`anchors`] names them; in an
    /// EPUB chapter, in the chapter's form ([`anchors::in_chapter`]).
    pub(super) fn note_id(&self, id: &str) -> String {
        match self.xhtml {
            Some(x) => anchors::in_chapter(&x.id_prefix, id),
            None => id.to_string(),
        }
    }

    /// Where a link to `url` goes: as an EPUB chapter's resolver says (`None`, with a
    /// warning, when it leads nowhere the EPUB has), or as written.
    fn link_href(&mut self, url: &str) -> Option<String> {
        let Some(links) = self.xhtml.and_then(|x| x.links.as_ref()) else {
            let page = crate::translations::document_href(
                &self.opts.documents,
                self.doc.source.display_name(),
                url,
            );
            return Some(page.unwrap_or_else(|| url.to_string()));
        };
        match links.resolve(url) {
            Ok(href) => Some(href),
            Err(reason) => {
                self.warn(Code::LinkDropped, reason);
                None
            }
        }
    }

    fn warn(&mut self, code: Code, message: String) {
        self.warnings.warn(code, self.line, message);
    }

    pub(super) fn blocks(&mut self, blocks: &[Block], tight: bool) {
        for block in blocks {
            self.block(block, tight);
        }
    }

    pub(super) fn block(&mut self, block: &Block, tight: bool) {
        if block.span().line > 0 {
            self.line = block.span().line;
        }
        self.script.reset();
        self.block_content(block, tight);
        // Sanitized HTML is parsed as a whole: a `<script>` or `<textarea>` this block left
        // open would swallow every block after it.
        if let Some(close) = self.raw_text.close() {
            self.out.push_str(&close);
        }
    }

    fn block_content(&mut self, block: &Block, tight: bool) {
        match block {
            Block::Paragraph { content, .. } if tight => {
                self.inlines(content);
                self.out.push('\n');
            }
            Block::Paragraph { content, .. } => {
                self.out.push_str("<p>");
                self.inlines(content);
                self.out.push_str("</p>\n");
            }
            Block::Heading {
                level, id, content, ..
            } => {
                let level = (*level).clamp(1, 6);
                if self.opts.conformance || id.is_empty() {
                    let _ = write!(self.out, "<h{level}>");
                } else {
                    let id = self.id(id);
                    let _ = write!(self.out, "<h{level} id=\"{}\">", escape(&id));
                    self.ids.insert(id);
                }
                self.inlines(content);
                let _ = writeln!(self.out, "</h{level}>");
            }
            Block::List {
                start,
                tight,
                items,
                ..
            } => self.list(*start, *tight, items),
            Block::Quote { blocks, .. } => {
                self.out.push_str("<blockquote>\n");
                self.blocks(blocks, false);
                self.out.push_str("</blockquote>\n");
            }
            Block::Callout {
                kind,
                title,
                blocks,
                ..
            } => {
                let _ = writeln!(
                    self.out,
                    "<div class=\"callout callout-{}\" role=\"note\">",
                    kind.name()
                );
                let heading = CalloutHeading::of(*kind, title.as_deref(), self.terms);
                let text = match &heading.title {
                    Some(title) => {
                        self.terms
                            .fill_with(Term::CalloutTitled, escape, |slot| match slot {
                                "label" => format!(
                                    "<span class=\"callout-label\">{}</span>",
                                    escape(&heading.label)
                                ),
                                "title" => escape(title),
                                _ => String::new(),
                            })
                    }
                    None => escape(&heading.label),
                };
                let _ = writeln!(self.out, "<p class=\"callout-title\">{text}</p>");
                self.blocks(blocks, false);
                self.out.push_str("</div>\n");
            }
            Block::Code { lang, text, .. } => {
                // Code reads left to right, also in a right-to-left document.
                let pre = if self.rtl {
                    "<pre dir=\"ltr\">"
                } else {
                    "<pre>"
                };
                match lang {
                    Some(lang) => {
                        let _ = write!(self.out, "{pre}<code class=\"language-{}\">", escape(lang));
                    }
                    None => {
                        self.out.push_str(pre);
                        self.out.push_str("<code>");
                    }
                }
                self.out.push_str(&escape(text));
                self.out.push_str("</code></pre>\n");
            }
            Block::Math { tex, .. } => {
                let _ = writeln!(
                    self.out,
                    "<div class=\"math display\">\\[{}\\]</div>",
                    escape(tex.trim_end())
                );
            }
            Block::Table {
                align, head, rows, ..
            } => self.table(align, head, rows),
            Block::DefinitionList { items, .. } => {
                self.out.push_str("<dl>\n");
                for item in items {
                    self.out.push_str("<dt>");
                    self.inlines(&item.term);
                    self.out.push_str("</dt>\n");
                    for details in &item.details {
                        self.out.push_str("<dd>");
                        let single_paragraph =
                            matches!(details.as_slice(), [Block::Paragraph { .. }]);
                        self.blocks(details, single_paragraph);
                        self.trim_trailing_newline();
                        self.out.push_str("</dd>\n");
                    }
                }
                self.out.push_str("</dl>\n");
            }
            Block::Rule { .. } => {
                let _ = writeln!(self.out, "<hr{}>", self.void_end);
            }
            Block::Html { raw, .. } if self.xhtml.is_some() => {
                let converted = self.raw_html_block_as_xhtml(raw);
                self.out.push_str(&converted);
                if !converted.is_empty() && !converted.ends_with('\n') {
                    self.out.push('\n');
                }
            }
            Block::Html { raw, .. } => {
                self.raw_html(raw);
                if !raw.ends_with('\n') {
                    self.out.push('\n');
                }
            }
        }
    }

    fn trim_trailing_newline(&mut self) {
        if self.out.ends_with('\n') {
            self.out.pop();
        }
    }

    fn list(&mut self, start: Option<u64>, tight: bool, items: &[ListItem]) {
        let is_task_list = items.iter().any(|i| i.task.is_some());
        let tag = if start.is_some() { "ol" } else { "ul" };
        self.out.push('<');
        self.out.push_str(tag);
        if let Some(n) = start.filter(|&n| n != 1) {
            let _ = write!(self.out, " start=\"{n}\"");
        }
        if is_task_list && !self.opts.conformance {
            self.out.push_str(" class=\"contains-task-list\"");
        }
        self.out.push_str(">\n");
        for item in items {
            self.list_item(item, tight);
        }
        let _ = writeln!(self.out, "</{tag}>");
    }

    fn list_item(&mut self, item: &ListItem, tight: bool) {
        match (item.task, self.opts.conformance) {
            (None, _) => self.out.push_str("<li>"),
            (Some(done), true) => {
                let checked = if done { " checked=\"\"" } else { "" };
                let _ = write!(
                    self.out,
                    "<li><input type=\"checkbox\"{checked} disabled=\"\" /> "
                );
            }
            (Some(done), false) => {
                // A read-only box needs a name for screen readers: the item's own words.
                let label = item
                    .blocks
                    .iter()
                    .find_map(|b| match b {
                        Block::Paragraph { content, .. } => Some(plain_text(content)),
                        _ => None,
                    })
                    .unwrap_or_default();
                let state = self
                    .terms
                    .get(if done { Term::TaskDone } else { Term::TaskToDo });
                let name = self.terms.fill(
                    Term::TaskLabelled,
                    &[("state", state), ("item", label.trim())],
                );
                let (checked, disabled) = match (done, self.xhtml.is_some()) {
                    (true, true) => (" checked=\"checked\"", " disabled=\"disabled\""),
                    (false, true) => ("", " disabled=\"disabled\""),
                    (true, false) => (" checked", " disabled"),
                    (false, false) => ("", " disabled"),
                };
                let _ = write!(
                    self.out,
                    "<li class=\"task-list-item\"><input type=\"checkbox\"{disabled}{checked} aria-label=\"{}\"{}> ",
                    escape(&name),
                    self.void_end
                );
            }
        }
        // Tight items: paragraphs without <p>; a following block starts on a new line.
        let mut first = true;
        for block in &item.blocks {
            if !(tight && matches!(block, Block::Paragraph { .. })) && first {
                self.out.push('\n');
            }
            first = false;
            self.block(block, tight);
        }
        self.trim_trailing_newline();
        self.out.push_str("</li>\n");
    }

    fn table(&mut self, align: &[Align], head: &[Cell], rows: &[Vec<Cell>]) {
        self.out.push_str("<table>\n");
        if !head.is_empty() {
            self.out.push_str("<thead>\n<tr>\n");
            for (i, cell) in head.iter().enumerate() {
                self.cell("th", align.get(i).copied().unwrap_or(Align::None), cell);
            }
            self.out.push_str("</tr>\n</thead>\n");
        }
        if !rows.is_empty() {
            self.out.push_str("<tbody>\n");
            for row in rows {
                self.out.push_str("<tr>\n");
                for (i, cell) in row.iter().enumerate() {
                    self.cell("td", align.get(i).copied().unwrap_or(Align::None), cell);
                }
                self.out.push_str("</tr>\n");
            }
            self.out.push_str("</tbody>\n");
        }
        self.out.push_str("</table>\n");
    }

    fn cell(&mut self, tag: &str, align: Align, cell: &Cell) {
        let name = match align {
            Align::None => None,
            Align::Left => Some("left"),
            Align::Center => Some("center"),
            Align::Right => Some("right"),
        };
        match (name, self.opts.conformance) {
            (None, _) => {
                let _ = write!(self.out, "<{tag}");
            }
            (Some(a), true) => {
                let _ = write!(self.out, "<{tag} align=\"{a}\"");
            }
            // `align` is obsolete in HTML5; a class keeps the page free of inline styles.
            (Some(a), false) => {
                let _ = write!(self.out, "<{tag} class=\"align-{a}\"");
            }
        }
        if tag == "th" && !self.opts.conformance {
            self.out.push_str(" scope=\"col\"");
        }
        self.out.push('>');
        self.inlines(&cell.content);
        let _ = writeln!(self.out, "</{tag}>");
    }

    pub(super) fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    fn inline(&mut self, inline: &Inline) {
        if self.xhtml.is_some() && self.script.hides(inline) {
            return;
        }
        match inline {
            Inline::Text { text } if self.rtl => {
                // Phone numbers and ranges read left to right inside right-to-left text.
                let mut last = 0;
                for group in crate::language::number_groups(text) {
                    self.out.push_str(&escape(&text[last..group.start]));
                    self.out.push_str("<span dir=\"ltr\">");
                    self.out.push_str(&escape(&text[group.clone()]));
                    self.out.push_str("</span>");
                    last = group.end;
                }
                self.out.push_str(&escape(&text[last..]));
            }
            Inline::Text { text } => self.out.push_str(&escape(text)),
            Inline::Emph { content } => self.wrap("em", content),
            Inline::Strong { content } => self.wrap("strong", content),
            Inline::Strike { content } => self.wrap("del", content),
            Inline::Code { code } => {
                self.out.push_str("<code>");
                self.out.push_str(&escape(code));
                self.out.push_str("</code>");
            }
            Inline::Link {
                url,
                title,
                content,
            } => {
                if !self.opts.conformance && !is_safe_url(url, false) {
                    // Never emit a link that could run code; keep its words.
                    self.inlines(content);
                    return;
                }
                let Some(href) = self.link_href(url) else {
                    self.inlines(content);
                    return;
                };
                let _ = write!(self.out, "<a href=\"{}\"", escape_href(&href));
                if let Some(title) = title {
                    let _ = write!(self.out, " title=\"{}\"", escape(title));
                }
                self.out.push('>');
                self.inlines(content);
                self.out.push_str("</a>");
            }
            Inline::Image { url, alt, title } if self.xhtml.is_some() => {
                let packaged = self.xhtml.and_then(|x| x.images.get(url)).cloned();
                match packaged {
                    Some(src) => {
                        let _ = write!(
                            self.out,
                            "<img src=\"{}\" alt=\"{}\"",
                            escape_href(&src),
                            escape(alt)
                        );
                        if let Some(title) = title {
                            let _ = write!(self.out, " title=\"{}\"", escape(title));
                        }
                        self.out.push_str(" />");
                    }
                    None => {
                        // EPUB forbids remote images: the description stands in for it.
                        self.warn(
                            Code::ImageNotShown,
                            format!(
                                "image `{url}` cannot be packaged (a remote or WebP image), so the EPUB shows its description instead"
                            ),
                        );
                        let _ = write!(
                            self.out,
                            "<span class=\"image-alt\">{}</span>",
                            escape(&image_placeholder(alt, self.terms))
                        );
                    }
                }
            }
            Inline::Image { url, alt, title } => {
                let src = match self.assets.get(url) {
                    Some(asset) => data_url(asset),
                    None if !self.opts.conformance && !is_safe_url(url, true) => String::new(),
                    None => escape_href(url),
                };
                let _ = write!(self.out, "<img src=\"{src}\" alt=\"{}\"", escape(alt));
                if let Some(title) = title {
                    let _ = write!(self.out, " title=\"{}\"", escape(title));
                }
                let _ = write!(self.out, "{}>", self.void_end);
            }
            Inline::FootnoteRef { label } => self.footnote_ref(label),
            Inline::SoftBreak => self.out.push('\n'),
            Inline::LineBreak => {
                let _ = writeln!(self.out, "<br{}>", self.void_end);
            }
            Inline::Math { display, tex } => {
                let (class, open, close) = if *display {
                    ("math display", "\\[", "\\]")
                } else {
                    ("math inline", "\\(", "\\)")
                };
                let _ = write!(
                    self.out,
                    "<span class=\"{class}\">{open}{}{close}</span>",
                    escape(tex)
                );
            }
            Inline::Html { raw } if self.xhtml.is_some() => {
                // A tag alone cannot be made well-formed; a line break can be kept.
                let tag = raw.trim().to_ascii_lowercase();
                if matches!(tag.as_str(), "<br>" | "<br/>" | "<br />") {
                    self.out.push_str("<br />");
                } else if tag.starts_with("<img") {
                    // An image tag is whole on its own: packaged, or its description.
                    let converted = self.raw_html_block_as_xhtml(raw);
                    self.out.push_str(&converted);
                } else if let Some(id) = xhtml::anchor_id(raw) {
                    // An anchor: the target survives as an empty span.
                    let id = self.id(&id);
                    if self.ids.insert(id.clone()) {
                        let _ = write!(self.out, "<span id=\"{}\"></span>", escape(&id));
                    }
                } else if !tag.starts_with("</") && !raw_html::is_only_comments(raw) {
                    self.dropped_inline_html.insert(self.line);
                }
            }
            Inline::Html { raw } => self.raw_html(raw),
        }
    }

    /// A raw HTML block, sanitized and made well-formed; links, ids and images go through the
    /// chapter's rules.
    fn raw_html_block_as_xhtml(&mut self, raw: &str) -> String {
        struct Hooks<'w, 'a> {
            writer: &'w mut Body<'a>,
        }
        impl RawHooks for Hooks<'_, '_> {
            fn href(&mut self, url: &str) -> Option<String> {
                self.writer.link_href(url)
            }
            fn id(&mut self, id: &str) -> Option<String> {
                if !xhtml::is_valid_id(id) {
                    return None;
                }
                let id = self.writer.id(id);
                self.writer.ids.insert(id.clone()).then_some(id)
            }
            fn src(&mut self, src: &str) -> Option<String> {
                let found = self.writer.xhtml.and_then(|x| x.images.get(src)).cloned();
                if found.is_none() {
                    self.writer.warn(
                        Code::ImageNotShown,
                        format!(
                            "image `{src}` in raw HTML is not in the package, so the EPUB shows its description instead"
                        ),
                    );
                }
                found
            }
            fn image_text(&mut self, alt: &str) -> String {
                // Raw HTML marks a decorative image by leaving its alt out: nothing is lost.
                if alt.trim().is_empty() {
                    String::new()
                } else {
                    image_placeholder(alt, self.writer.terms)
                }
            }
        }
        xhtml::to_xhtml(raw, &mut Hooks { writer: self })
    }

    fn wrap(&mut self, tag: &str, content: &[Inline]) {
        let _ = write!(self.out, "<{tag}>");
        self.inlines(content);
        let _ = write!(self.out, "</{tag}>");
    }

    fn raw_html(&mut self, raw: &str) {
        if self.opts.raw_html == RawHtml::Sanitize && !self.opts.conformance {
            self.raw_text.feed(raw);
        }
        match self.opts.raw_html {
            // Sanitized once for the whole fragment, so tags split across inlines still pair up.
            RawHtml::Verbatim | RawHtml::Sanitize => self.out.push_str(raw),
            RawHtml::TagFilter => self.out.push_str(&raw::tag_filter(raw)),
        }
    }
}

/// The ids the writer itself gives out (headings, notes, references): raw HTML may not reuse
/// them.
fn reserved_ids(doc: &Document, prefix: &str) -> BTreeSet<String> {
    let targets = Targets::of(doc);
    let headings = targets.headings.iter().map(|id| format!("{prefix}{id}"));
    let notes = targets
        .notes
        .iter()
        .map(|id| anchors::in_chapter(prefix, id));
    let mut ids: BTreeSet<String> = headings.chain(notes).collect();
    ids.insert(anchors::in_chapter(prefix, anchors::NOTES_HEADING));
    ids
}

fn data_url(asset: &Asset) -> String {
    asset.data_url()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Flavour, read_str};
    use crate::render::assets::Asset;

    fn fragment(md: &str) -> String {
        let doc = read_str(md, "t.md", Flavour::Markdown).unwrap();
        render_fragment(&doc, &Assets::new(), &HtmlOptions::default())
    }

    #[test]
    fn embedded_images_survive_sanitizing_but_data_links_do_not() {
        let mut doc = read_str(
            "![A dot](a.png) Words <b>here</b> [page](x.html) <a href=\"data:text/html,x\">d</a>\n",
            "t.md",
            Flavour::Markdown,
        )
        .unwrap();
        doc.source.path = Some("t.md".into());
        let mut assets = Assets::new();
        assets.insert(
            "a.png".into(),
            Asset::new("image/png", b"\x89PNG\r\n\x1a\n".to_vec()),
        );
        let html = render_fragment(&doc, &assets, &HtmlOptions::default());
        assert!(html.contains("<img src=\"data:image/png;base64,"), "{html}");
        assert!(html.contains("<a href=\"x.html\">page</a>"), "{html}");
        assert!(!html.contains("data:text"), "{html}");
    }

    #[test]
    fn an_unclosed_raw_text_element_ends_with_its_block() {
        for tag in ["<script>", "<textarea>", "<iframe>", "<style>"] {
            let html = fragment(&format!("first {tag} inside\n\nsecond para\n\n# Heading\n"));
            assert!(html.contains("second para"), "{tag}: {html}");
            assert!(html.contains("Heading</h1>"), "{tag}: {html}");
        }
    }

    #[test]
    fn raw_images_get_an_alt() {
        let html = fragment("Hi <img src=\"x.png\" onerror=\"steal()\"> there\n");
        assert!(html.contains("<img src=\"x.png\" alt=\"\">"), "{html}");
    }

    #[test]
    fn escapes_text_and_attributes() {
        let html = fragment("a < b & \"c\" [x](/u?a=1&b='2' \"t\\\"q\")\n");
        assert!(html.contains("a &lt; b &amp; “c”"), "{html}");
        assert!(
            html.contains("href=\"/u?a=1&amp;b=&#x27;2&#x27;\""),
            "{html}"
        );
        assert!(html.contains("title=\"t&quot;q\""), "{html}");
    }

    #[test]
    fn raw_html_is_sanitized_by_default() {
        let html = fragment(
            "<script>alert(1)</script>\n\nHi <b onclick=\"x()\">bold</b> <a href=\"javascript:x()\">y</a>\n",
        );
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("<b>bold</b>"), "{html}");
    }

    #[test]
    fn markdown_links_with_unsafe_schemes_keep_words_only() {
        let html = fragment("[click](javascript:alert(1)) and [ok](https://example.org)\n");
        assert!(!html.contains("javascript"), "{html}");
        assert!(
            html.contains("click and <a href=\"https://example.org\">ok</a>"),
            "{html}"
        );
    }

    #[test]
    fn headings_get_ids_and_callouts_a_label() {
        let html = fragment("## Hello world\n\n> [!WARNING] Call now\n> Text\n");
        assert!(
            html.contains("<h2 id=\"hello-world\">Hello world</h2>"),
            "{html}"
        );
        assert!(
            html.contains("class=\"callout callout-warning\" role=\"note\""),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"callout-label\">Warning</span>: Call now"),
            "{html}"
        );
    }

    #[test]
    fn task_boxes_are_labelled_and_footnote_ids_unique() {
        let html = fragment("- [x] Bring diary\n\nA[^n] B[^n]\n\n[^n]: Note.\n");
        assert!(html.contains("aria-label=\"Done: Bring diary\""), "{html}");
        assert!(
            html.contains("id=\"fnref1\"") && html.contains("id=\"fnref1-2\""),
            "{html}"
        );
        assert!(html.contains("href=\"#fnref1-2\""), "{html}");
    }
}

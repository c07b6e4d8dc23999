//! HTML writer: a body fragment, or a standalone, self-contained HTML5 page.
//!
//! Two modes. The default writes accessible, valid HTML5 (heading ids, labelled task boxes,
//! callouts with a visible label, alignment by class, raw HTML sanitized, unsafe URL schemes
//! dropped). *Conformance* mode reproduces cmark's markup exactly, so the CommonMark and GFM
//! spec examples can be checked against our model and writer; it is what the `commonmark` and
//! `gfm` flavours use.
//!
//! The writer is a pure function of the model: images that should be embedded are handed in
//! already read (see [`Assets`]); it never touches the file system.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::sync::Arc;

use base64::Engine;

use crate::model::{
    Align, Block, Cell, Document, Footnote, Inline, ListItem, TocEntry, is_safe_url, plain_text,
};
use crate::render::markup::{escape, escape_href, html_text_char, time_element};
use crate::render::raw_html;
use crate::render::xhtml::{self, RawHooks};

/// What to do with raw HTML found in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RawHtml {
    /// Keep safe markup, remove scripts, event handlers and `javascript:` URLs (ammonia).
    #[default]
    Sanitize,
    /// Copy it verbatim (CommonMark conformance).
    Verbatim,
    /// Copy it, but neutralise the tags GFM's tagfilter names (`<script>`, `<title>`, …).
    TagFilter,
}

/// Images to embed, by their URL in the model: the build reads them, the writer inlines them.
pub type Assets = BTreeMap<String, Asset>;

/// A file read for embedding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub media_type: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct HtmlOptions {
    pub raw_html: RawHtml,
    /// Reproduce cmark's markup (no heading ids, `align` attributes, XHTML void tags).
    pub conformance: bool,
    /// Images to inline as `data:` URLs.
    pub assets: Assets,
    /// Write an EPUB chapter body (XHTML) instead of HTML.
    pub xhtml: Option<Xhtml>,
}

/// How an EPUB chapter differs from a web page: XML syntax, EPUB 3 footnotes, ids unique across
/// the book, images and links that point into the package.
#[derive(Clone, Default)]
pub struct Xhtml {
    /// Put before every id the writer makes or keeps, so ids stay unique across a book.
    pub id_prefix: String,
    /// The package path of each local image, by its URL in the model.
    pub images: BTreeMap<String, String>,
    /// Where links go. `None` keeps every safe URL as written.
    pub links: Option<Arc<dyn LinkResolver>>,
}

impl std::fmt::Debug for Xhtml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Xhtml")
            .field("id_prefix", &self.id_prefix)
            .field("images", &self.images)
            .field("links", &self.links.is_some())
            .finish()
    }
}

/// Decides the target of each link of an EPUB chapter (another chapter, a fragment, the web).
pub trait LinkResolver: Send + Sync {
    /// The href to write for `url`, or why the link cannot be followed in the package (the
    /// link's words are kept, the reason becomes a warning).
    fn resolve(&self, url: &str) -> Result<String, String>;
}

impl HtmlOptions {
    /// cmark's markup, raw HTML copied; with `tag_filter`, GFM's tagfilter applied to it.
    pub fn for_conformance(tag_filter: bool) -> HtmlOptions {
        HtmlOptions {
            raw_html: if tag_filter {
                RawHtml::TagFilter
            } else {
                RawHtml::Verbatim
            },
            conformance: true,
            assets: Assets::new(),
            xhtml: None,
        }
    }
}

/// Settings of the standalone page.
#[derive(Debug, Clone)]
pub struct PageOptions {
    /// CSS inlined into the page's `<style>`.
    pub stylesheet: String,
    /// A table of contents is shown when the document has at least this many headings.
    pub toc_min_headings: usize,
}

impl Default for PageOptions {
    fn default() -> Self {
        PageOptions {
            stylesheet: String::new(),
            toc_min_headings: 4,
        }
    }
}

/// The body of the document (blocks, then footnotes) as an HTML fragment.
pub fn render_fragment(doc: &Document, opts: &HtmlOptions) -> String {
    let mut writer = Writer::new(doc, opts);
    writer.blocks(&doc.blocks, false);
    writer.footnotes();
    let html = writer.out;
    if opts.raw_html == RawHtml::Sanitize && doc.has_raw_html() {
        sanitize(&html)
    } else {
        html
    }
}

/// The body of an EPUB chapter as well-formed XHTML (`opts.xhtml` should be set), and what
/// could not be carried over (links nowhere, images outside the package, inline raw HTML).
pub fn render_xhtml_fragment(doc: &Document, opts: &HtmlOptions) -> (String, Vec<String>) {
    let mut writer = Writer::new(doc, opts);
    writer.blocks(&doc.blocks, false);
    writer.footnotes();
    let mut warnings = std::mem::take(&mut writer.warnings);
    if !writer.dropped_inline_html.is_empty() {
        let lines: Vec<String> = writer
            .dropped_inline_html
            .iter()
            .map(u32::to_string)
            .collect();
        warnings.push(format!(
            "{}: inline raw HTML tags on line {} are left out of the EPUB; their text is kept",
            doc_origin(doc),
            lines.join(", ")
        ));
    }
    let mut out = writer.out;
    out.retain(crate::render::markup::is_xml_char);
    (out, warnings)
}

fn doc_origin(doc: &Document) -> &str {
    doc.source.path.as_deref().unwrap_or("<stdin>")
}

/// A complete HTML5 page: metadata, styles inlined, header, optional contents, body, footer.
pub fn render_page(doc: &Document, opts: &HtmlOptions, page: &PageOptions) -> String {
    let meta = &doc.meta;
    let mut out = String::with_capacity(page.stylesheet.len() + 16 * 1024);
    out.push_str("<!DOCTYPE html>\n");
    let _ = writeln!(out, "<html lang=\"{}\">", escape(&meta.language));
    out.push_str("<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&meta.title));
    if let Some(description) = description(doc) {
        let _ = writeln!(
            out,
            "<meta name=\"description\" content=\"{}\">",
            escape(&description)
        );
    }
    if !meta.authors.is_empty() {
        let _ = writeln!(
            out,
            "<meta name=\"author\" content=\"{}\">",
            escape(&meta.authors.join(", "))
        );
    }
    if !meta.keywords.is_empty() {
        let _ = writeln!(
            out,
            "<meta name=\"keywords\" content=\"{}\">",
            escape(&meta.keywords.join(", "))
        );
    }
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"folio {}\">",
        env!("CARGO_PKG_VERSION")
    );
    if !page.stylesheet.trim().is_empty() {
        // `</style` inside the stylesheet would end the element early.
        let css = page.stylesheet.replace("</style", "<\\/style");
        let _ = write!(out, "<style>\n{}\n</style>\n", css.trim_end());
    }
    out.push_str("</head>\n<body>\n");
    out.push_str("<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n");
    header(doc, &mut out);
    let toc = doc.toc();
    if toc.len() >= page.toc_min_headings.max(1) {
        table_of_contents(&toc, &mut out);
    }
    out.push_str("<main id=\"main\">\n");
    out.push_str(&render_fragment(doc, opts));
    out.push_str("</main>\n");
    footer(doc, &mut out);
    out.push_str("</body>\n</html>\n");
    out
}

/// The summary, or the start of the first paragraph: what search results and link previews show.
pub(crate) fn description(doc: &Document) -> Option<String> {
    if let Some(summary) = &doc.meta.summary {
        return Some(summary.clone());
    }
    let first = doc.blocks.iter().find_map(|b| match b {
        Block::Paragraph { content, .. } => Some(plain_text(content)),
        _ => None,
    })?;
    Some(truncate_words(first.trim(), 160))
}

fn truncate_words(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max_chars {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

/// The title block: organization, title (an `h1` unless the body has its own), subtitle,
/// authors, date and version.
pub(crate) fn header(doc: &Document, out: &mut String) {
    let meta = &doc.meta;
    out.push_str("<header class=\"doc-header\">\n");
    if let Some(org) = &meta.organization {
        let _ = writeln!(out, "<p class=\"organization\">{}</p>", escape(org));
    }
    // One h1 per page: if the body has its own, the title is shown but not as a heading.
    let body_has_h1 = doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { level: 1, .. }));
    if body_has_h1 {
        let _ = writeln!(out, "<p class=\"doc-title\">{}</p>", escape(&meta.title));
    } else {
        let _ = writeln!(out, "<h1>{}</h1>", escape(&meta.title));
    }
    if let Some(subtitle) = &meta.subtitle {
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", escape(subtitle));
    }
    let mut parts = Vec::new();
    if !meta.authors.is_empty() {
        parts.push(format!("By {}", escape(&meta.authors.join(", "))));
    }
    if let Some(date) = &meta.date {
        parts.push(time_element(date));
    }
    if let Some(version) = &meta.version {
        parts.push(format!("Version {}", escape(version)));
    }
    if !parts.is_empty() {
        let _ = writeln!(out, "<p class=\"doc-meta\">{}</p>", parts.join(" · "));
    }
    out.push_str("</header>\n");
}

fn table_of_contents(toc: &[TocEntry], out: &mut String) {
    out.push_str("<nav class=\"toc\" aria-labelledby=\"toc-title\">\n");
    out.push_str("<h2 id=\"toc-title\">Contents</h2>\n");
    let base = toc.iter().map(|e| e.level).min().unwrap_or(1);
    let mut depth = 0usize;
    for entry in toc {
        let level = usize::from(entry.level - base) + 1;
        if level > depth {
            for _ in depth..level {
                out.push_str("<ol>\n<li>");
            }
        } else {
            out.push_str("</li>\n");
            for _ in level..depth {
                out.push_str("</ol>\n</li>\n");
            }
            out.push_str("<li>");
        }
        depth = level;
        let _ = write!(
            out,
            "<a href=\"#{}\">{}</a>",
            escape_href(&entry.id),
            escape(&entry.text)
        );
    }
    for _ in 0..depth {
        out.push_str("</li>\n</ol>\n");
    }
    out.push_str("</nav>\n");
}

/// Who reviewed the document and when, and its disclaimer.
pub(crate) fn footer(doc: &Document, out: &mut String) {
    let meta = &doc.meta;
    let mut review = String::new();
    if let Some(by) = &meta.reviewed_by {
        let _ = write!(review, "Reviewed by {}", escape(by));
    }
    if let Some(date) = &meta.review_date {
        review.push_str(if review.is_empty() {
            "Last reviewed "
        } else {
            " on "
        });
        review.push_str(&time_element(date));
    }
    if review.is_empty() && meta.disclaimer.is_none() {
        return;
    }
    out.push_str("<footer class=\"doc-footer\">\n");
    if !review.is_empty() {
        let _ = writeln!(out, "<p class=\"review\">{review}.</p>");
    }
    if let Some(disclaimer) = &meta.disclaimer {
        let _ = writeln!(out, "<p class=\"disclaimer\">{}</p>", escape(disclaimer));
    }
    out.push_str("</footer>\n");
}

struct Writer<'a> {
    doc: &'a Document,
    opts: &'a HtmlOptions,
    out: String,
    /// How many times each footnote has been referenced so far (for unique reference ids).
    footnote_refs: BTreeMap<u32, u32>,
    /// `" /"` in conformance mode (cmark writes `<br />`) and XHTML, empty otherwise.
    void_end: &'static str,
    /// EPUB chapter settings, when writing XHTML.
    xhtml: Option<&'a Xhtml>,
    /// Ids written so far (XHTML: raw HTML may not repeat one).
    ids: BTreeSet<String>,
    /// The source line of the block being written, for warnings.
    line: u32,
    warnings: Vec<String>,
    /// Lines whose inline raw HTML tags XHTML output left out.
    dropped_inline_html: BTreeSet<u32>,
    /// Inline script and style content, which XHTML output leaves out with the tags.
    script: raw_html::ScriptSkip,
    /// A raw-text element (`<script>`, `<textarea>`…) the current block leaves open.
    raw_text: raw_html::RawTextGuard,
}

impl<'a> Writer<'a> {
    fn new(doc: &'a Document, opts: &'a HtmlOptions) -> Self {
        Writer {
            doc,
            opts,
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
            warnings: Vec::new(),
            dropped_inline_html: BTreeSet::new(),
            script: raw_html::ScriptSkip::default(),
            raw_text: raw_html::RawTextGuard::default(),
        }
    }

    /// An id as written: with the book's prefix in XHTML.
    fn id(&self, id: &str) -> String {
        match self.xhtml {
            Some(x) => format!("{}{id}", x.id_prefix),
            None => id.to_string(),
        }
    }

    /// The id of a note, a reference or the notes heading (`fn1`, `fnref1-2`,
    /// `footnotes-title`). In XHTML it holds a `.`, which heading ids never do, so a heading
    /// such as "Fn1" cannot take the same id.
    fn note_id(&self, id: &str) -> String {
        match self.xhtml {
            Some(x) => xhtml_note_id(&x.id_prefix, id),
            None => id.to_string(),
        }
    }

    fn warn(&mut self, message: String) {
        let line = self.line;
        self.warnings
            .push(format!("{}:{line}: {message}", doc_origin(self.doc)));
    }

    fn blocks(&mut self, blocks: &[Block], tight: bool) {
        for block in blocks {
            self.block(block, tight);
        }
    }

    fn block(&mut self, block: &Block, tight: bool) {
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
                let label = kind.label();
                match title {
                    Some(title) if title != label => {
                        let _ = writeln!(
                            self.out,
                            "<p class=\"callout-title\"><span class=\"callout-label\">{label}:</span> {}</p>",
                            escape(title)
                        );
                    }
                    _ => {
                        let _ = writeln!(self.out, "<p class=\"callout-title\">{label}</p>");
                    }
                }
                self.blocks(blocks, false);
                self.out.push_str("</div>\n");
            }
            Block::Code { lang, text, .. } => {
                match lang {
                    Some(lang) => {
                        let _ = write!(self.out, "<pre><code class=\"language-{}\">", escape(lang));
                    }
                    None => self.out.push_str("<pre><code>"),
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
                let state = if done { "Done" } else { "To do" };
                let (checked, disabled) = match (done, self.xhtml.is_some()) {
                    (true, true) => (" checked=\"checked\"", " disabled=\"disabled\""),
                    (false, true) => ("", " disabled=\"disabled\""),
                    (true, false) => (" checked", " disabled"),
                    (false, false) => ("", " disabled"),
                };
                let _ = write!(
                    self.out,
                    "<li class=\"task-list-item\"><input type=\"checkbox\"{disabled}{checked} aria-label=\"{state}: {}\"{}> ",
                    escape(label.trim()),
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

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    fn inline(&mut self, inline: &Inline) {
        if self.xhtml.is_some() && self.script.hides(inline) {
            return;
        }
        match inline {
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
                let href = match self.xhtml.and_then(|x| x.links.as_ref()) {
                    Some(links) => match links.resolve(url) {
                        Ok(href) => href,
                        Err(reason) => {
                            self.warn(reason);
                            self.inlines(content);
                            return;
                        }
                    },
                    None => url.clone(),
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
                        self.warn(format!(
                            "image `{url}` cannot be packaged (a remote or WebP image), so the EPUB shows its description instead"
                        ));
                        let _ =
                            write!(self.out, "<span class=\"image-alt\">{}</span>", escape(alt));
                    }
                }
            }
            Inline::Image { url, alt, title } => {
                let src = match self.opts.assets.get(url) {
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
            writer: &'w mut Writer<'a>,
        }
        impl RawHooks for Hooks<'_, '_> {
            fn href(&mut self, url: &str) -> Option<String> {
                let links = self.writer.xhtml.and_then(|x| x.links.clone());
                match links {
                    Some(links) => match links.resolve(url) {
                        Ok(href) => Some(href),
                        Err(reason) => {
                            self.writer.warn(reason);
                            None
                        }
                    },
                    None => Some(url.to_string()),
                }
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
                    self.writer.warn(format!(
                        "image `{src}` in raw HTML is not in the package, so the EPUB shows its description instead"
                    ));
                }
                found
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
            RawHtml::TagFilter => self.out.push_str(&tag_filter(raw)),
        }
    }

    fn footnote_ref(&mut self, label: &str) {
        let Some(number) = self.doc.footnote_number(label) else {
            // A reference to a note that does not exist: show what the author wrote.
            let _ = write!(self.out, "[^{}]", escape(label));
            return;
        };
        let count = self.footnote_refs.entry(number).or_insert(0);
        *count += 1;
        let nth = *count;
        let id = self.note_id(&ref_id(number, nth));
        if self.xhtml.is_some() {
            let note = self.note_id(&format!("fn{number}"));
            let _ = write!(
                self.out,
                "<sup class=\"footnote-ref\"><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#{note}\" id=\"{id}\">{number}</a></sup>"
            );
            return;
        }
        let _ = write!(
            self.out,
            "<sup class=\"footnote-ref\"><a href=\"#fn{number}\" id=\"{id}\">{number}</a></sup>"
        );
    }

    fn footnotes(&mut self) {
        let notes: Vec<(u32, &Footnote)> = self.doc.numbered_footnotes().collect();
        if notes.is_empty() {
            return;
        }
        if self.xhtml.is_some() {
            self.epub_footnotes(&notes);
            return;
        }
        if self.opts.conformance {
            self.out.push_str("<section class=\"footnotes\">\n<ol>\n");
        } else {
            self.out.push_str(
                "<section class=\"footnotes\" aria-labelledby=\"footnotes-title\">\n<h2 id=\"footnotes-title\" class=\"footnotes-title\">Notes</h2>\n<ol>\n",
            );
        }
        for (number, note) in notes {
            let _ = writeln!(self.out, "<li id=\"fn{number}\">");
            let refs = self.footnote_refs.get(&number).copied().unwrap_or(1).max(1);
            let backrefs: String = (1..=refs)
                .map(|n| self.backref(number, n))
                .collect::<Vec<_>>()
                .join(" ");
            match note.blocks.split_last() {
                Some((Block::Paragraph { content, .. }, rest)) => {
                    self.blocks(rest, false);
                    self.out.push_str("<p>");
                    self.inlines(content);
                    let _ = writeln!(self.out, " {backrefs}</p>");
                }
                _ => {
                    self.blocks(&note.blocks, false);
                    let _ = writeln!(self.out, "{backrefs}");
                }
            }
            self.out.push_str("</li>\n");
        }
        self.out.push_str("</ol>\n</section>\n");
    }

    /// EPUB 3 footnotes: one `aside` per note, which reading systems can show as a pop-up, each
    /// with its number and links back to its references.
    fn epub_footnotes(&mut self, notes: &[(u32, &Footnote)]) {
        let title_id = self.note_id("footnotes-title");
        let _ = writeln!(
            self.out,
            "<section class=\"footnotes\" aria-labelledby=\"{title_id}\">\n<h2 id=\"{title_id}\" class=\"footnotes-title\">Notes</h2>"
        );
        for &(number, note) in notes {
            if note.span.line > 0 {
                self.line = note.span.line;
            }
            let id = self.note_id(&format!("fn{number}"));
            let _ = writeln!(
                self.out,
                "<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"{id}\" class=\"footnote\">"
            );
            let refs = self.footnote_refs.get(&number).copied().unwrap_or(1).max(1);
            let backrefs: String = (1..=refs)
                .map(|n| self.backref(number, n))
                .collect::<Vec<_>>()
                .join(" ");
            let label = format!("<span class=\"footnote-number\">{number}.</span> ");
            match note.blocks.split_first() {
                Some((Block::Paragraph { content, .. }, rest)) => {
                    let _ = write!(self.out, "<p>{label}");
                    self.inlines(content);
                    if rest.is_empty() {
                        let _ = writeln!(self.out, " {backrefs}</p>");
                    } else {
                        self.out.push_str("</p>\n");
                        self.blocks(rest, false);
                        let _ = writeln!(self.out, "<p>{backrefs}</p>");
                    }
                }
                _ => {
                    let _ = writeln!(self.out, "<p>{label}</p>");
                    self.blocks(&note.blocks, false);
                    let _ = writeln!(self.out, "<p>{backrefs}</p>");
                }
            }
            self.out.push_str("</aside>\n");
        }
        self.out.push_str("</section>\n");
    }

    fn backref(&self, number: u32, nth: u32) -> String {
        let id = self.note_id(&ref_id(number, nth));
        if self.xhtml.is_some() {
            return format!(
                "<a href=\"#{id}\" class=\"footnote-backref\" role=\"doc-backlink\" aria-label=\"Back to reference {number}\">↩\u{fe0e}</a>"
            );
        }
        if self.opts.conformance {
            format!("<a href=\"#{id}\" class=\"footnote-backref\">↩</a>")
        } else {
            format!(
                "<a href=\"#{id}\" class=\"footnote-backref\" aria-label=\"Back to reference {number}\">↩\u{fe0e}</a>"
            )
        }
    }
}

/// The ids the writer itself gives out (headings, notes, references): raw HTML may not reuse
/// them.
fn reserved_ids(doc: &Document, prefix: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    doc.walk_blocks(&mut |block| {
        if let Block::Heading { id, .. } = block
            && !id.is_empty()
        {
            ids.insert(format!("{prefix}{id}"));
        }
    });
    let mut refs: BTreeMap<u32, u32> = BTreeMap::new();
    doc.walk_inlines(&mut |inline, _| {
        if let Inline::FootnoteRef { label } = inline
            && let Some(number) = doc.footnote_number(label)
        {
            *refs.entry(number).or_insert(0) += 1;
        }
    });
    for (number, count) in refs {
        ids.insert(xhtml_note_id(prefix, &format!("fn{number}")));
        for nth in 1..=count {
            ids.insert(xhtml_note_id(prefix, &ref_id(number, nth)));
        }
    }
    ids.insert(xhtml_note_id(prefix, "footnotes-title"));
    ids
}

/// `fn1` → `fn.1`, `fnref1-2` → `fnref.1-2`, `footnotes-title` → `footnotes.title`.
fn xhtml_note_id(prefix: &str, id: &str) -> String {
    let split = id
        .find(|c: char| c.is_ascii_digit())
        .or_else(|| id.find('-'))
        .unwrap_or(id.len());
    let rest = id[split..].strip_prefix('-').unwrap_or(&id[split..]);
    format!("{prefix}{}.{rest}", &id[..split])
}

/// `fnref1` for the first reference to note 1, `fnref1-2` for the second (ids stay unique).
fn ref_id(number: u32, nth: u32) -> String {
    if nth <= 1 {
        format!("fnref{number}")
    } else {
        format!("fnref{number}-{nth}")
    }
}

fn data_url(asset: &Asset) -> String {
    format!(
        "data:{};base64,{}",
        asset.media_type,
        base64::engine::general_purpose::STANDARD.encode(&asset.bytes)
    )
}

/// GFM's tagfilter: `<script>` and friends are written as text, not markup.
fn tag_filter(raw: &str) -> String {
    const FILTERED: [&str; 9] = [
        "title",
        "textarea",
        "style",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "script",
        "plaintext",
    ];
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let name_start = usize::from(after.starts_with('/'));
        let filtered = FILTERED.iter().any(|tag| {
            let candidate = &after[name_start..];
            candidate.len() >= tag.len()
                && candidate[..tag.len()].eq_ignore_ascii_case(tag)
                && candidate[tag.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_ascii_whitespace() || c == '>' || c == '/')
        });
        out.push_str(if filtered { "&lt;" } else { "<" });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Removes scripts, event handlers and dangerous URLs, keeping the markup folio itself writes.
fn sanitize(html: &str) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags([
            "input", "section", "nav", "sup", "sub", "time", "div", "span",
        ])
        .add_generic_attributes([
            "id",
            "class",
            "role",
            "aria-label",
            "aria-labelledby",
            "lang",
            "dir",
        ])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("th", ["scope"])
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("ol", ["start"])
        // `data:` for the images folio embeds (a standalone page carries its images inline);
        // the filter below keeps it to images.
        .url_schemes(
            ["http", "https", "mailto", "tel", "data"]
                .into_iter()
                .collect(),
        )
        .attribute_filter(|element, attribute, value| {
            let is_url = matches!(attribute, "href" | "src" | "cite" | "srcset" | "poster");
            let image = element == "img" && attribute == "src";
            (!is_url || is_safe_url(value, image)).then_some(value.into())
        })
        .link_rel(None)
        .strip_comments(true);
    let clean = with_image_alt(&builder.clean(html).to_string());
    // Raw HTML's text is not escaped by folio: characters HTML forbids go here, as escape()
    // treats them.
    clean.chars().filter_map(html_text_char).collect()
}

/// Gives every `<img>` of sanitized HTML an `alt`: raw HTML may leave it out, and HTML
/// requires one. An empty one marks the image as decorative, the only honest reading of an
/// image its author did not describe.
fn with_image_alt(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    // Serialized HTML escapes `<` in text, so every `<img` left is a tag.
    while let Some(start) = rest.find("<img") {
        out.push_str(&rest[..start]);
        let tag = &rest[start..];
        let mut in_quotes = false;
        let mut has_alt = false;
        let mut end = tag.len();
        for (i, c) in tag.char_indices() {
            match c {
                '"' => in_quotes = !in_quotes,
                '>' if !in_quotes => {
                    end = i;
                    break;
                }
                ' ' if !in_quotes && tag[i..].starts_with(" alt=") => has_alt = true,
                _ => {}
            }
        }
        let body = &tag[..end];
        let (body, closing) = match body.strip_suffix('/') {
            Some(b) => (b.trim_end(), " /"),
            None => (body, ""),
        };
        out.push_str(body);
        if !has_alt {
            out.push_str(" alt=\"\"");
        }
        out.push_str(closing);
        rest = &tag[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Flavour, read_str};

    fn fragment(md: &str) -> String {
        let doc = read_str(md, "t.md", Flavour::Markdown).unwrap();
        render_fragment(&doc, &HtmlOptions::default())
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
            Asset {
                media_type: "image/png".into(),
                bytes: b"\x89PNG\r\n\x1a\n".to_vec(),
            },
        );
        let opts = HtmlOptions {
            assets,
            ..HtmlOptions::default()
        };
        let html = render_fragment(&doc, &opts);
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
    fn raw_images_get_an_alt_and_keep_their_own() {
        assert_eq!(
            with_image_alt("<p><img src=\"a.png\"> <img alt=\"A cat\" src=\"b\"></p>"),
            "<p><img src=\"a.png\" alt=\"\"> <img alt=\"A cat\" src=\"b\"></p>"
        );
        assert_eq!(
            with_image_alt("<img title=\"x alt=y >\" src=\"c\">"),
            "<img title=\"x alt=y >\" src=\"c\" alt=\"\">"
        );
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
            html.contains("<span class=\"callout-label\">Warning:</span> Call now"),
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

    #[test]
    fn tagfilter_neutralises_listed_tags_only() {
        assert_eq!(
            tag_filter("<script>x</SCRIPT> <b>"),
            "&lt;script>x&lt;/SCRIPT> <b>"
        );
        assert_eq!(tag_filter("<scripts>"), "<scripts>");
    }

    #[test]
    fn page_is_complete_and_embeds_assets() {
        let doc = read_str(
            "---\ntitle: A & B\nsummary: Short.\nlanguage: es\nreview_date: 2026-01-02\ndisclaimer: Ask your doctor.\n---\n![Scale](s.png)\n",
            "t.md",
            Flavour::Markdown,
        )
        .unwrap();
        let mut opts = HtmlOptions::default();
        opts.assets.insert(
            "s.png".into(),
            Asset {
                media_type: "image/png".into(),
                bytes: vec![1, 2, 3],
            },
        );
        let page = render_page(
            &doc,
            &opts,
            &PageOptions {
                stylesheet: "p{}".into(),
                toc_min_headings: 4,
            },
        );
        assert!(
            page.starts_with("<!DOCTYPE html>\n<html lang=\"es\">"),
            "{page}"
        );
        assert!(page.contains("<title>A &amp; B</title>"));
        assert!(page.contains("<meta name=\"description\" content=\"Short.\">"));
        assert!(page.contains("src=\"data:image/png;base64,AQID\""));
        assert!(page.contains("<style>\np{}\n</style>"));
        assert!(page.contains("Last reviewed <time datetime=\"2026-01-02\">"));
        assert!(page.contains("<p class=\"disclaimer\">Ask your doctor.</p>"));
    }

    #[test]
    fn toc_nests_by_level() {
        let mut out = String::new();
        let e = |level, id: &str| TocEntry {
            level,
            id: id.into(),
            text: id.into(),
        };
        table_of_contents(&[e(2, "a"), e(3, "b"), e(2, "c")], &mut out);
        assert_eq!(
            out,
            "<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\">Contents</h2>\n<ol>\n<li><a href=\"#a\">a</a><ol>\n<li><a href=\"#b\">b</a></li>\n</ol>\n</li>\n<li><a href=\"#c\">c</a></li>\n</ol>\n</nav>\n"
        );
    }
}

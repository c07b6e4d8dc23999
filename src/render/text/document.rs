//! The plain-text writer's conventions (see [`super`]): the header, the blocks, links and
//! footnotes, drawn as lines of text by [`super::wrap`] and [`super::table`].

use std::collections::{BTreeMap, BTreeSet};

use unicode_width::UnicodeWidthStr;

use super::table::{self, Row};
use super::wrap::{
    BLOCK_INDENT, Flow, Unit, clean_url, collapse_whitespace, finish, hang_lines, indent_lines,
    inner, join_sections, labeled, max_width, nfc, pad_right, prefix_lines, text_units, wrap_lines,
};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{
    Align, Block, CalloutKind, Cell, Definition, Document, Footnote, Inline, ListItem, is_safe_url,
};
use crate::render::raw_html::is_only_comments;
use crate::render::shared::{self, CalloutHeading, TitleBlock, expand_tabs, image_placeholder};
use crate::render::writer::Warnings;
use crate::terms::{self, Term, Terms};

/// The line width used when none is asked for.
pub const DEFAULT_WIDTH: usize = 72;

/// The narrowest line the writer accepts; smaller widths (even 0) are raised to this.
pub const MIN_WIDTH: usize = 20;

/// Options of the plain-text writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextOptions {
    /// Maximum line width in display columns (clamped to at least [`MIN_WIDTH`]).
    pub width: usize,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            width: DEFAULT_WIDTH,
        }
    }
}

/// Render a document as plain text (see the module documentation for the conventions).
pub fn render(doc: &Document, opts: &TextOptions) -> String {
    render_reporting(doc, opts).0
}

/// [`render`], with the warnings a reader of the text should know: raw HTML left out.
pub fn render_reporting(doc: &Document, opts: &TextOptions) -> (String, Vec<Diagnostic>) {
    let mut writer = Writer::new(doc, opts.width.max(MIN_WIDTH));
    let title = TitleBlock::of(doc);
    let header = writer.header(&title);
    let mut body = Vec::new();
    for blocks in title.body {
        let lines = writer.blocks(blocks, writer.width, Spacing::Loose);
        if !body.is_empty() && !lines.is_empty() {
            body.push(String::new());
        }
        body.extend(lines);
    }
    // Notes before Links: links inside footnotes need their numbers before the list is printed.
    let notes = writer.notes();
    let links = writer.link_list();
    let text = finish(join_sections([header, body, notes, links]));
    let mut warnings = Warnings::new(doc);
    warnings.warn_lines(Code::RawHtml, &writer.html_lines, |also| {
        format!("raw HTML tags are left out of the plain text{also}; their text is kept")
    });
    (text, warnings.finish())
}

/// Whether sibling blocks are separated by a blank line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spacing {
    Loose,
    Tight,
}

/// Rendering state: the numbering of links happens as the flow is written, so it lives here.
struct Writer<'a> {
    doc: &'a Document,
    terms: &'static Terms,
    width: usize,
    links: LinkTable,
    /// Heading id → heading text, for internal links.
    sections: BTreeMap<String, String>,
    /// How many lists enclose the current block (chooses the bullet).
    list_depth: usize,
    /// The source line of the block being written.
    line: u32,
    /// Lines whose raw HTML tags were left out, reported together.
    html_lines: BTreeSet<u32>,
}

impl<'a> Writer<'a> {
    fn new(doc: &'a Document, width: usize) -> Self {
        let sections = doc
            .toc()
            .into_iter()
            .map(|entry| (entry.id, collapse_whitespace(&entry.text)))
            .collect();
        Writer {
            doc,
            terms: terms::of(&doc.meta.language, &doc.meta.terms),
            width,
            links: LinkTable::default(),
            sections,
            list_depth: 0,
            line: 0,
            html_lines: BTreeSet::new(),
        }
    }

    // ----- header and back matter -------------------------------------------------------------

    /// Title (between `=` rules), subtitle, then the metadata fields.
    fn header(&self, title: &TitleBlock) -> Vec<String> {
        let meta = &self.doc.meta;
        let mut out = Vec::new();
        let title = wrap_lines(&text_units(title.title), self.width, self.width);
        if !title.is_empty() {
            let rule = "=".repeat(max_width(&title).max(1));
            out.push(rule.clone());
            out.extend(title);
            out.push(rule);
        }
        if let Some(subtitle) = &meta.subtitle {
            out.extend(wrap_lines(&text_units(subtitle), self.width, self.width));
        }
        for block in [self.fields(), self.other_front_matter()] {
            if !block.is_empty() {
                if !out.is_empty() {
                    out.push(String::new());
                }
                out.extend(block);
            }
        }
        out
    }

    /// The front matter no other part of the archive shows (the summary, keywords, language,
    /// the author's own keys), as `key: value` lines under their front-matter names: an
    /// archive keeps everything the author wrote.
    fn other_front_matter(&self) -> Vec<String> {
        let meta = &self.doc.meta;
        let keywords = (!meta.keywords.is_empty()).then(|| meta.keywords.join(", "));
        let own = meta
            .extra
            .iter()
            .map(|(key, value)| (key.as_str(), Some(front_matter_value(value))));
        [
            ("summary", meta.summary.clone()),
            ("keywords", keywords),
            ("language", Some(meta.language.clone())),
            ("dir", meta.dir.clone()),
            ("translation_of", meta.translation_of.clone()),
        ]
        .into_iter()
        .chain(own)
        .filter_map(|(key, value)| {
            value
                .filter(|v| !v.trim().is_empty())
                .map(|v| labeled(key, &text_units(&v), self.width))
        })
        .flatten()
        .collect()
    }

    /// One `Label: value` line (wrapped) per metadata field that is present.
    fn fields(&self) -> Vec<String> {
        let meta = &self.doc.meta;
        let authors = shared::authors(&meta.authors, self.terms);
        let fields = [
            (Term::FieldAuthors, authors.as_deref()),
            (Term::FieldDate, meta.date.as_deref()),
            (Term::FieldOrganization, meta.organization.as_deref()),
            (Term::FieldReviewedBy, meta.reviewed_by.as_deref()),
            (Term::FieldReviewDate, meta.review_date.as_deref()),
            (Term::FieldVersion, meta.version.as_deref()),
            // A handout's disclaimer is part of what was published: archives keep it.
            (Term::FieldDisclaimer, meta.disclaimer.as_deref()),
            (Term::FieldSource, self.doc.source.path.as_deref()),
        ];
        fields
            .into_iter()
            .filter_map(|(label, value)| {
                value.map(|v| labeled(self.terms.get(label), &text_units(v), self.width))
            })
            .flatten()
            .collect()
    }

    /// The `Notes` section: referenced footnotes in number order, with hanging `[^n]` markers.
    fn notes(&mut self) -> Vec<String> {
        let doc = self.doc;
        let notes: Vec<(u32, &Footnote)> = doc.numbered_footnotes().collect();
        if notes.is_empty() {
            return Vec::new();
        }
        let markers: Vec<String> = notes.iter().map(|(n, _)| format!("[^{n}]")).collect();
        let hang = markers.iter().map(|m| m.width()).max().unwrap_or(0) + 1;
        let mut out = titled(self.terms.get(Term::Notes), '=', self.width);
        for ((_, note), marker) in notes.iter().zip(&markers) {
            out.push(String::new());
            let body = self.blocks(&note.blocks, inner(self.width, hang), Spacing::Loose);
            out.extend(hang_lines(body, &pad_right(marker, hang), hang));
        }
        out
    }

    /// The `Links` section: `[n] url`, then the link title in quotes if there is one.
    fn link_list(&self) -> Vec<String> {
        let entries = &self.links.entries;
        if entries.is_empty() {
            return Vec::new();
        }
        let markers: Vec<String> = (1..=entries.len()).map(|n| format!("[{n}]")).collect();
        let hang = markers.iter().map(|m| m.width()).max().unwrap_or(0) + 1;
        let mut out = titled(self.terms.get(Term::Links), '=', self.width);
        out.push(String::new());
        for (entry, marker) in entries.iter().zip(&markers) {
            // The URL is never wrapped: a locator must stay copyable in one piece.
            out.push(format!("{}{}", pad_right(marker, hang), entry.url));
            if let Some(title) = &entry.title {
                let w = inner(self.width, hang);
                let lines = wrap_lines(&text_units(&format!("\"{title}\"")), w, w);
                out.extend(indent_lines(lines, hang));
            }
        }
        out
    }

    // ----- blocks -----------------------------------------------------------------------------

    /// Render sibling blocks, skipping those that produce nothing.
    fn blocks(&mut self, blocks: &[Block], width: usize, spacing: Spacing) -> Vec<String> {
        let mut out = Vec::new();
        for block in blocks {
            let lines = self.block(block, width);
            if lines.is_empty() {
                continue;
            }
            if !out.is_empty() && spacing == Spacing::Loose {
                out.push(String::new());
            }
            out.extend(lines);
        }
        out
    }

    fn block(&mut self, block: &Block, width: usize) -> Vec<String> {
        self.line = block.span().line;
        match block {
            Block::Heading { level, content, .. } => {
                let lines = wrap_lines(&self.flow(content), width, width);
                underline(lines, heading_rule(*level))
            }
            Block::Paragraph { content, .. } => wrap_lines(&self.flow(content), width, width),
            Block::List {
                start,
                tight,
                items,
                ..
            } => self.list(*start, *tight, items, width),
            Block::Quote { blocks, .. } => {
                let body = self.blocks(blocks, inner(width, 2), Spacing::Loose);
                prefix_lines(body, "> ", "> ")
            }
            Block::Callout {
                kind,
                title,
                blocks,
                ..
            } => self.callout(*kind, title.as_deref(), blocks, width),
            Block::Code { text, .. } => verbatim(text),
            Block::Math { tex, .. } => verbatim(tex),
            Block::Table {
                align, head, rows, ..
            } => self.table(align, head, rows, width),
            Block::DefinitionList { items, .. } => self.definitions(items, width),
            Block::Rule { .. } => vec![rule(width)],
            Block::Html { raw, .. } => {
                if !is_only_comments(raw) {
                    self.html_lines.insert(self.line);
                }
                let mut flow = Flow::default();
                flow.html(raw);
                wrap_lines(&flow.finish(), width, width)
            }
        }
    }

    /// A list: each item's blocks hang under its marker.
    fn list(
        &mut self,
        start: Option<u64>,
        tight: bool,
        items: &[ListItem],
        width: usize,
    ) -> Vec<String> {
        let markers = list_markers(start, items, self.list_depth);
        let spacing = if tight {
            Spacing::Tight
        } else {
            Spacing::Loose
        };
        self.list_depth += 1;
        let mut out = Vec::new();
        for (item, marker) in items.iter().zip(&markers) {
            if !out.is_empty() && spacing == Spacing::Loose {
                out.push(String::new());
            }
            let hang = marker.width();
            let body = self.blocks(&item.blocks, inner(width, hang), spacing);
            out.extend(hang_lines(body, marker, hang));
        }
        self.list_depth -= 1;
        out
    }

    /// A callout: its label (and custom title) then its blocks, all prefixed with `| `.
    fn callout(
        &mut self,
        kind: CalloutKind,
        title: Option<&str>,
        blocks: &[Block],
        width: usize,
    ) -> Vec<String> {
        let heading = CalloutHeading::of(kind, title, self.terms).text(self.terms);
        let w = inner(width, 2);
        let mut lines = wrap_lines(&text_units(&heading), w, w);
        let body = self.blocks(blocks, w, Spacing::Loose);
        if !body.is_empty() {
            lines.push(String::new());
            lines.extend(body);
        }
        prefix_lines(lines, "| ", "| ")
    }

    /// A definition list: each term on its own line(s), each details part indented under it.
    fn definitions(&mut self, items: &[Definition], width: usize) -> Vec<String> {
        let mut out = Vec::new();
        for item in items {
            if !out.is_empty() {
                out.push(String::new());
            }
            out.extend(wrap_lines(&self.flow(&item.term), width, width));
            for (i, details) in item.details.iter().enumerate() {
                let body = self.blocks(details, inner(width, BLOCK_INDENT), Spacing::Loose);
                if body.is_empty() {
                    continue;
                }
                if i > 0 {
                    out.push(String::new());
                }
                out.extend(indent_lines(body, BLOCK_INDENT));
            }
        }
        out
    }

    // ----- tables -----------------------------------------------------------------------------

    fn table(
        &mut self,
        align: &[Align],
        head: &[Cell],
        rows: &[Vec<Cell>],
        width: usize,
    ) -> Vec<String> {
        let ncols = rows
            .iter()
            .map(Vec::len)
            .chain([head.len(), align.len()])
            .max()
            .unwrap_or(0);
        if ncols == 0 {
            return Vec::new();
        }
        // Cells are flowed in reading order (header first) so link numbers follow the text.
        let head: Option<Row> = (!head.is_empty()).then(|| self.row(head, ncols));
        let body: Vec<Row> = rows.iter().map(|row| self.row(row, ncols)).collect();
        let all_empty = head
            .iter()
            .chain(&body)
            .flatten()
            .all(|cell| cell.iter().all(Vec::is_empty));
        if all_empty {
            return Vec::new();
        }
        let aligns: Vec<Align> = (0..ncols)
            .map(|c| align.get(c).copied().unwrap_or(Align::None))
            .collect();
        table::layout(head.as_ref(), &body, &aligns, width)
    }

    /// One table row, padded with empty cells to `ncols`.
    fn row(&mut self, cells: &[Cell], ncols: usize) -> Row {
        (0..ncols)
            .map(|c| {
                cells
                    .get(c)
                    .map(|cell| self.flow(&cell.content))
                    .unwrap_or_default()
            })
            .collect()
    }

    // ----- inlines ----------------------------------------------------------------------------

    /// Flow inlines into wrap-ready lines of units (one line per hard break).
    fn flow(&mut self, inlines: &[Inline]) -> Vec<Vec<Unit>> {
        let mut flow = Flow::default();
        self.inlines(inlines, &mut flow);
        flow.finish()
    }

    fn inlines(&mut self, inlines: &[Inline], flow: &mut Flow) {
        for inline in inlines {
            self.inline(inline, flow);
        }
    }

    fn inline(&mut self, inline: &Inline, flow: &mut Flow) {
        // Inside an inline <script> or <style> element nothing but the closing tag counts.
        if flow.html.is_skipping() && !matches!(inline, Inline::Html { .. }) {
            return;
        }
        match inline {
            Inline::Text { text } => flow.text(text),
            Inline::Emph { content } | Inline::Strong { content } => self.inlines(content, flow),
            Inline::Strike { content } => {
                flow.text("~~");
                self.inlines(content, flow);
                flow.text("~~");
            }
            Inline::Code { code } => flow.text(code),
            Inline::Link {
                url,
                title,
                content,
            } => self.link(url, title.as_deref(), content, flow),
            Inline::Image { url, alt, title } => self.image(url, alt, title.as_deref(), flow),
            Inline::FootnoteRef { label } => {
                let marker = match self.doc.footnote_number(label) {
                    Some(n) => format!("[^{n}]"),
                    None => format!("[^{label}]"),
                };
                flow.text(&marker);
            }
            Inline::SoftBreak => flow.space(),
            Inline::LineBreak => flow.hard_break(),
            Inline::Math { display, tex } => {
                let fence = if *display { "$$" } else { "$" };
                flow.text(fence);
                flow.text(tex);
                flow.text(fence);
            }
            Inline::Html { raw } => {
                if !is_only_comments(raw) {
                    self.html_lines.insert(self.line);
                }
                flow.html(raw);
            }
        }
    }

    /// A link: its text, then a reference number unless the text already is the address.
    fn link(&mut self, url: &str, title: Option<&str>, content: &[Inline], flow: &mut Flow) {
        let url = clean_url(url);
        if !is_safe_url(&url, false) {
            // A `javascript:` or `file:` address is never passed on: its text is all there is.
            self.inlines(content, flow);
            return;
        }
        let before = flow.mark();
        self.inlines(content, flow);
        if flow.mark() == before {
            // No visible text: the address itself is the only thing to print.
            flow.text(&url);
            return;
        }
        let text = collapse_whitespace(&crate::model::plain_text(content));
        if url.is_empty() || is_autolink(&url, &text) {
            return;
        }
        if let Some(id) = url.strip_prefix('#') {
            if let Some(heading) = self.sections.get(id).filter(|h| **h != text) {
                // The reference stays on the line of the words it follows: its first word is
                // a marker, the rest (the heading's name) may wrap.
                let template = self.terms.get(Term::SeeSection);
                let (before, after) = template.split_once("{heading}").unwrap_or((template, ""));
                let first = before.split_whitespace().next().unwrap_or_default();
                flow.marker(first);
                flow.text(&before[before.find(first).map_or(0, |i| i + first.len())..]);
                flow.text(heading);
                flow.text(after);
            }
            return;
        }
        let n = self.links.number(&url, title);
        flow.marker(&format!("[{n}]"));
    }

    /// An image: `[Image: alt]` and a reference number for its URL.
    fn image(&mut self, url: &str, alt: &str, title: Option<&str>, flow: &mut Flow) {
        flow.text(&image_placeholder(alt, self.terms));
        let url = clean_url(url);
        // Never a `javascript:` address; nor a `data:` image: its own bytes, not an address a
        // reader could follow.
        let listable = is_safe_url(&url, false);
        if !url.is_empty() && listable {
            let n = self.links.number(&url, title);
            flow.marker(&format!("[{n}]"));
        }
    }
}

/// Markers for each item of a list: `- `, `* `, `+ ` by depth, or right-aligned `n. `,
/// followed by `[ ] ` / `[x] ` for task items.
fn list_markers(start: Option<u64>, items: &[ListItem], depth: usize) -> Vec<String> {
    let numbers: Vec<String> = match start {
        None => {
            let bullet = ['-', '*', '+'][depth % 3];
            items.iter().map(|_| bullet.to_string()).collect()
        }
        Some(first) => {
            let numbers: Vec<u64> = (0..items.len() as u64)
                .map(|i| first.saturating_add(i))
                .collect();
            let digits = numbers.last().map_or(1, |n| n.to_string().len());
            numbers.iter().map(|n| format!("{n:>digits$}.")).collect()
        }
    };
    numbers
        .into_iter()
        .zip(items)
        .map(|(number, item)| match item.task {
            Some(true) => format!("{number} [x] "),
            Some(false) => format!("{number} [ ] "),
            None => format!("{number} "),
        })
        .collect()
}

/// The underline character of a heading level (reStructuredText's usual order).
/// A front-matter value as one line of text: a list of plain values joined by commas,
/// anything deeper as compact JSON.
fn front_matter_value(value: &serde_json::Value) -> String {
    use serde_json::Value;
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(_) | Value::Bool(_) => Some(v.to_string()),
        _ => None,
    };
    match value {
        Value::Null => String::new(),
        Value::Array(items) => items
            .iter()
            .map(scalar)
            .collect::<Option<Vec<String>>>()
            .map_or_else(|| value.to_string(), |parts| parts.join(", ")),
        other => scalar(other).unwrap_or_else(|| other.to_string()),
    }
}

fn heading_rule(level: u8) -> char {
    match level {
        0 | 1 => '=',
        2 => '-',
        3 => '~',
        4 => '^',
        5 => '"',
        _ => '.',
    }
}

/// A heading made of plain text, for the writer's own sections.
fn titled(text: &str, rule: char, width: usize) -> Vec<String> {
    underline(wrap_lines(&text_units(text), width, width), rule)
}

/// Add a line of `rule` as wide as the widest line.
fn underline(mut lines: Vec<String>, rule: char) -> Vec<String> {
    if lines.is_empty() {
        return lines;
    }
    let width = max_width(&lines).max(1);
    lines.push(rule.to_string().repeat(width));
    lines
}

/// A thematic break: `* * *` centred in the available width.
fn rule(width: usize) -> String {
    let mark = "* * *";
    let pad = width.saturating_sub(mark.len()) / 2;
    format!("{}{mark}", " ".repeat(pad))
}

/// Code or display math: indented, verbatim except for tab expansion and trailing spaces.
fn verbatim(text: &str) -> Vec<String> {
    let text = nfc(text).replace("\r\n", "\n").replace('\r', "\n");
    let indent = " ".repeat(BLOCK_INDENT);
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let expanded = expand_tabs(line);
            let kept = expanded.trim_end();
            if kept.is_empty() {
                String::new()
            } else {
                format!("{indent}{kept}")
            }
        })
        .collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].to_vec(),
        _ => Vec::new(),
    }
}

/// Reference numbers for link and image URLs, in order of first use.
#[derive(Default)]
struct LinkTable {
    entries: Vec<LinkEntry>,
    index: BTreeMap<String, usize>,
}

struct LinkEntry {
    url: String,
    /// The first non-empty title given for this URL.
    title: Option<String>,
}

impl LinkTable {
    /// The 1-based number of `url`, assigning the next one on first use.
    fn number(&mut self, url: &str, title: Option<&str>) -> usize {
        let title = title.map(collapse_whitespace).filter(|t| !t.is_empty());
        if let Some(&i) = self.index.get(url) {
            let entry = &mut self.entries[i];
            if entry.title.is_none() {
                entry.title = title;
            }
            return i + 1;
        }
        self.index.insert(url.to_string(), self.entries.len());
        self.entries.push(LinkEntry {
            url: url.to_string(),
            title,
        });
        self.entries.len()
    }
}

/// Whether a link's text already shows its address, so a reference would only repeat it.
fn is_autolink(url: &str, text: &str) -> bool {
    url == text
        || ["mailto:", "http://", "https://"]
            .iter()
            .any(|scheme| url.strip_prefix(scheme) == Some(text))
}

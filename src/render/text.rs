//! Plain-text writer: the archival rendering of a document.
//!
//! The output is meant to be stored and diffed for years, so it is deterministic (same model,
//! same bytes), UTF-8 in Unicode NFC, wrapped at [`TextOptions::width`] display columns
//! (measured with `unicode-width`), free of trailing spaces and tabs, and ends with exactly one
//! newline. Every word of the source survives, in order, with its case unchanged; markup is
//! reduced to a few light conventions:
//!
//! * **Header.** The title between two lines of `=`, the subtitle under it, then one line per
//!   present field: `Authors:`, `Date:`, `Organization:`, `Reviewed by:`, `Review date:`,
//!   `Version:`, `Disclaimer:`, `Source:`. (Summary, keywords and unknown front-matter keys are
//!   not printed.)
//! * **Headings** are underlined to their display width, reStructuredText style: level 1 `=`,
//!   level 2 `-`, 3 `~`, 4 `^`, 5 `"`, 6 `.`; text is never re-cased.
//! * **Inline markup.** Emphasis, strong emphasis and inline code print as their bare words:
//!   markers glued to words would make them fail word-for-word comparisons, and a reader loses
//!   little. Strikethrough is the exception, printed `~~like this~~`, because struck text
//!   means the opposite of plain text. Math prints its TeX source between `$` (or `$$`).
//! * **Links** print their text followed by a reference number, `text [1]`, and a `Links`
//!   section at the end lists `[1] https://…` (one number per distinct URL, in order of first
//!   use; a link title follows its URL in quotes). Autolinks whose text is the address
//!   (`<https://x>`, `<a@b.c>`, `www.x.org`) print only the address. Links to a heading of the
//!   document (`#id`) print `text [see: Heading]` when the text differs from the heading, and
//!   no number. Images print `[Image: alt]` and their URL gets a reference number.
//! * **Footnotes** are referenced as `[^1]` (distinct from link numbers) and printed in number
//!   order under a `Notes` heading at the end; unreferenced footnotes are not printed.
//! * **Wrapping** breaks only at spaces (and, inside runs of East Asian wide characters, at the
//!   UAX #14 opportunities). A word longer than the line is split at character boundaries with
//!   no hyphen added; URL-like words (`scheme://…`, `www.…`, `mailto:…`) are never split and
//!   instead overflow on a line of their own, so they stay copyable.
//! * **Lists** indent by their marker width, with hanging indents: bullets cycle `-`, `*`, `+`
//!   by depth; ordered lists count from `start` with right-aligned numbers; task items add
//!   `[ ]` / `[x]`. Loose lists separate items with blank lines, tight lists do not.
//! * **Containers.** Quotes are prefixed `> ` (nested `> > `); callouts are prefixed `| ` and
//!   open with their label and custom title (`Warning: Stop here`); definition details are
//!   indented 4 columns under their term.
//! * **Code and display math** are indented 4 spaces and kept verbatim, never wrapped; tabs are
//!   expanded to 4-column tab stops; trailing spaces and leading/trailing blank lines are
//!   dropped.
//! * **Tables** are aligned grids (`a | b` rows, a `-+-` rule under the header, cells padded
//!   by display width and their column's alignment). If the grid does not fit, cells wrap
//!   inside their columns (rows are then separated by `-+-` rules and the header rule becomes
//!   `=+=`); if even the longest words cannot fit, each row prints as a record of
//!   `Header: value` lines.
//! * **Rules** print as a centred `* * *`.
//! * **Raw HTML** keeps only its text: tags and comments are dropped, `<script>`/`<style>`
//!   contents are dropped, `<br>` breaks the line, a few entities are decoded.
//!
//! Width is clamped to at least [`MIN_WIDTH`]. Nested containers never leave their text fewer
//! than 16 columns: past that depth the indentation keeps its structure and lines may exceed
//! the width rather than squeeze the text to nothing.

use super::raw_html::{HtmlEvent, HtmlStripper, is_only_comments};
use std::collections::{BTreeMap, BTreeSet};
use std::mem;

use textwrap::WordSeparator;
use unicode_normalization::UnicodeNormalization;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::model::{
    Align, Block, CalloutKind, Cell, Definition, Document, Footnote, Inline, ListItem, is_safe_url,
};

/// The line width used when none is asked for.
pub const DEFAULT_WIDTH: usize = 72;

/// The narrowest line the writer accepts; smaller widths (even 0) are raised to this.
pub const MIN_WIDTH: usize = 20;

/// The fewest columns nested content is given, however deep the nesting.
const MIN_TEXT: usize = 16;

/// Indentation of code, display math and definition details.
const BLOCK_INDENT: usize = 4;

/// Tab stops for expanding tabs in code.
const TAB_STOP: usize = 4;

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
pub fn render_reporting(doc: &Document, opts: &TextOptions) -> (String, Vec<String>) {
    let mut writer = Writer::new(doc, opts.width.max(MIN_WIDTH));
    let header = writer.header();
    let body = writer.blocks(&doc.blocks, writer.width, Spacing::Loose);
    // Notes before Links: links inside footnotes need their numbers before the list is printed.
    let notes = writer.notes();
    let links = writer.link_list();
    let text = finish(join_sections([header, body, notes, links]));
    let mut warnings = Vec::new();
    let lines: Vec<u32> = writer.html_lines.into_iter().collect();
    if let Some(&first) = lines.first() {
        warnings.push(format!(
            "{}:{first}: raw HTML tags are left out of the plain text ({}); their text is kept",
            doc.source.path.as_deref().unwrap_or("<stdin>"),
            super::raw_html::line_list(&lines)
        ));
    }
    (text, warnings)
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
    fn header(&self) -> Vec<String> {
        let meta = &self.doc.meta;
        let mut out = Vec::new();
        let title = wrap_lines(&text_units(&meta.title), self.width, self.width);
        if !title.is_empty() {
            let rule = "=".repeat(max_width(&title).max(1));
            out.push(rule.clone());
            out.extend(title);
            out.push(rule);
        }
        if let Some(subtitle) = &meta.subtitle {
            out.extend(wrap_lines(&text_units(subtitle), self.width, self.width));
        }
        let fields = self.fields();
        if !fields.is_empty() {
            if !out.is_empty() {
                out.push(String::new());
            }
            out.extend(fields);
        }
        out
    }

    /// One `Label: value` line (wrapped) per metadata field that is present.
    fn fields(&self) -> Vec<String> {
        let meta = &self.doc.meta;
        let authors: Vec<&str> = meta
            .authors
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
            .collect();
        let authors = (!authors.is_empty()).then(|| authors.join(", "));
        let fields = [
            ("Authors", authors.as_deref()),
            ("Date", meta.date.as_deref()),
            ("Organization", meta.organization.as_deref()),
            ("Reviewed by", meta.reviewed_by.as_deref()),
            ("Review date", meta.review_date.as_deref()),
            ("Version", meta.version.as_deref()),
            // A handout's disclaimer is part of what was published: archives keep it.
            ("Disclaimer", meta.disclaimer.as_deref()),
            ("Source", self.doc.source.path.as_deref()),
        ];
        fields
            .into_iter()
            .filter_map(|(label, value)| value.map(|v| labeled(label, &text_units(v), self.width)))
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
        let mut out = titled("Notes", '=', self.width);
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
        let mut out = titled("Links", '=', self.width);
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
        let label = kind.label();
        let heading = match title.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) if t.eq_ignore_ascii_case(label) => t.to_string(),
            Some(t) => format!("{label}: {t}"),
            None => label.to_string(),
        };
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
        match natural_widths(head.iter().chain(&body), ncols, width) {
            Some(widths) => grid(head.as_ref(), &body, &widths, &aligns),
            None => row_lines(head.as_ref(), &body, width),
        }
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
                flow.marker("[see:");
                flow.text(" ");
                flow.text(heading);
                flow.text("]");
            }
            return;
        }
        let n = self.links.number(&url, title);
        flow.marker(&format!("[{n}]"));
    }

    /// An image: `[Image: alt]` and a reference number for its URL.
    fn image(&mut self, url: &str, alt: &str, title: Option<&str>, flow: &mut Flow) {
        let alt = alt.trim();
        if alt.is_empty() {
            flow.text("[Image]");
        } else {
            flow.text("[Image: ");
            flow.text(alt);
            flow.text("]");
        }
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

/// Replace tabs with spaces up to the next multiple of [`TAB_STOP`] display columns.
fn expand_tabs(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut column = 0;
    for ch in line.chars() {
        if ch == '\t' {
            let spaces = TAB_STOP - column % TAB_STOP;
            out.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else {
            out.push(ch);
            column += ch.width().unwrap_or(0);
        }
    }
    out
}

// ----- tables -------------------------------------------------------------------------------

/// A table cell: lines (split at hard breaks) of wrap units.
type CellLines = Vec<Vec<Unit>>;
type Row = Vec<CellLines>;

/// Width of a cell on one line per hard break.
fn cell_natural(cell: &CellLines) -> usize {
    cell.iter().map(|line| line_width(line)).max().unwrap_or(0)
}

/// Column widths for an aligned grid, or `None` if the table does not fit in `width` with
/// every cell on one line.
///
/// A grid whose cells wrap inside their columns interleaves the words of neighbouring cells
/// line by line, so the text no longer reads in order (and a word-by-word comparison with the
/// source fails). Tables too wide for one-line cells use [`row_lines`] instead.
fn natural_widths<'r>(
    rows: impl Iterator<Item = &'r Row>,
    ncols: usize,
    width: usize,
) -> Option<Vec<usize>> {
    let mut natural = vec![1; ncols];
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            if cell.len() > 1 {
                // A hard line break inside a cell cannot be shown on one grid line.
                return None;
            }
            natural[c] = natural[c].max(cell_natural(cell));
        }
    }
    let avail = width.checked_sub(3 * (ncols - 1))?;
    (natural.iter().sum::<usize>() <= avail).then_some(natural)
}

/// An aligned grid: `a | b` rows, a rule under the header, and rules between rows when any
/// row takes more than one line (so wrapped cells cannot be mistaken for new rows).
fn grid(head: Option<&Row>, body: &[Row], widths: &[usize], aligns: &[Align]) -> Vec<String> {
    let head_lines = head.map(|row| grid_row(row, widths, aligns));
    let body_lines: Vec<Vec<String>> = body
        .iter()
        .map(|row| grid_row(row, widths, aligns))
        .collect();
    let multiline = head_lines.iter().chain(&body_lines).any(|l| l.len() > 1);
    let mut out = Vec::new();
    if let Some(lines) = head_lines {
        out.extend(lines);
        out.push(grid_rule(widths, if multiline { '=' } else { '-' }));
    }
    for (i, lines) in body_lines.into_iter().enumerate() {
        if i > 0 && multiline {
            out.push(grid_rule(widths, '-'));
        }
        out.extend(lines);
    }
    out
}

fn grid_row(row: &Row, widths: &[usize], aligns: &[Align]) -> Vec<String> {
    let cells: Vec<Vec<String>> = row
        .iter()
        .zip(widths)
        .map(|(cell, &w)| wrap_lines(cell, w, w))
        .collect();
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    (0..height)
        .map(|i| {
            let parts: Vec<String> = cells
                .iter()
                .zip(widths.iter().zip(aligns))
                .map(|(lines, (&w, &align))| pad(lines.get(i).map_or("", String::as_str), w, align))
                .collect();
            parts.join(" | ").trim_end().to_string()
        })
        .collect()
}

fn grid_rule(widths: &[usize], ch: char) -> String {
    let parts: Vec<String> = widths.iter().map(|&w| ch.to_string().repeat(w)).collect();
    parts.join(&format!("{ch}+{ch}"))
}

/// Pad `text` to `width` columns according to the column's alignment.
fn pad(text: &str, width: usize, align: Align) -> String {
    let room = width.saturating_sub(text.width());
    let (left, right) = match align {
        Align::None | Align::Left => (0, room),
        Align::Right => (room, 0),
        Align::Center => (room / 2, room - room / 2),
    };
    format!("{}{text}{}", " ".repeat(left), " ".repeat(right))
}

/// The layout for tables too wide for a grid: each row is one wrapped paragraph of its cells
/// separated by ` | ` (continuation lines indented two columns), the header row first and
/// underlined with `=`, rows separated by a blank line. Every cell reads whole and in order.
fn row_lines(head: Option<&Row>, body: &[Row], width: usize) -> Vec<String> {
    let paragraph = |row: &Row| -> Vec<String> {
        let mut units: Vec<Unit> = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                units.push(Unit {
                    text: "|".to_string(),
                    width: 1,
                    spaced: true,
                    url: false,
                });
            }
            for line in cell {
                for (i, unit) in line.iter().enumerate() {
                    let mut unit = unit.clone();
                    // A cell's first word, and the first after a hard break, follow a space.
                    unit.spaced |= i == 0;
                    units.push(unit);
                }
            }
        }
        let lines = wrap_lines(&[units], width, width.saturating_sub(2).max(MIN_TEXT));
        prefix_lines(lines, "", "  ")
    };
    let mut out = Vec::new();
    if let Some(row) = head {
        let lines = paragraph(row);
        let rule_width = max_width(&lines).min(width);
        out.extend(lines);
        out.push("=".repeat(rule_width));
    }
    for (i, row) in body.iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        out.extend(paragraph(row));
    }
    out
}

// ----- links --------------------------------------------------------------------------------

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

/// A URL fit for a line of text: NFC, no whitespace runs (never tabs or newlines).
fn clean_url(url: &str) -> String {
    collapse_whitespace(url)
}

/// Whether a word is an address that must not be split across lines.
fn looks_like_url(word: &str) -> bool {
    let word = word.trim_start_matches(['(', '[', '<', '"', '\'']);
    word.contains("://") || word.starts_with("www.") || word.starts_with("mailto:")
}

// ----- flowing and wrapping -----------------------------------------------------------------

/// What joins a word to the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Nothing, and no break allowed (`word` + `,`).
    Glue,
    /// A space where the line may break.
    Space,
    /// A space where the line may not break (`text [1]`).
    NoBreak,
    /// Nothing, but the line may break (between CJK ideographs).
    Join,
}

/// A whitespace-free piece of text and how it joins the previous one.
#[derive(Debug, Clone)]
struct Atom {
    text: String,
    gap: Gap,
}

/// The smallest thing the wrapper places on a line: atoms joined by `Glue`/`NoBreak`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Unit {
    text: String,
    width: usize,
    /// A breakable space precedes this unit (unless it starts a line).
    spaced: bool,
    /// Too precious to split: overflows on its own line instead.
    url: bool,
}

/// Collects inline text into atoms, one line per hard break, collapsing whitespace.
struct Flow {
    lines: Vec<Vec<Atom>>,
    word: String,
    gap: Gap,
    html: HtmlStripper,
}

impl Default for Flow {
    fn default() -> Self {
        Flow {
            lines: vec![Vec::new()],
            word: String::new(),
            gap: Gap::Glue,
            html: HtmlStripper::default(),
        }
    }
}

impl Flow {
    /// Append prose: whitespace separates words, anything else extends the current word.
    fn text(&mut self, text: &str) {
        for ch in text.chars() {
            if is_break_space(ch) {
                self.space();
            } else {
                self.word.push(ch);
            }
        }
    }

    /// A breakable space.
    fn space(&mut self) {
        self.flush();
        self.gap = Gap::Space;
    }

    /// A line break the source asked for.
    fn hard_break(&mut self) {
        self.flush();
        self.lines.push(Vec::new());
        self.gap = Gap::Glue;
    }

    /// A reference marker that must stay on the line of the text it follows.
    fn marker(&mut self, marker: &str) {
        self.flush();
        self.gap = Gap::NoBreak;
        self.word.push_str(marker);
    }

    /// Raw HTML: its text content only.
    fn html(&mut self, raw: &str) {
        for event in self.html.feed(raw) {
            match event {
                HtmlEvent::Text(text) => self.text(&text),
                HtmlEvent::Space => self.space(),
                HtmlEvent::Break => self.hard_break(),
            }
        }
    }

    /// A position that changes whenever visible text is added.
    fn mark(&self) -> (usize, usize, usize) {
        let atoms = self.lines.last().map_or(0, Vec::len);
        (self.lines.len(), atoms, self.word.len())
    }

    /// End the current word: normalize it and split it at UAX #14 opportunities if it is
    /// East Asian text (which has no spaces to break at).
    fn flush(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let word = nfc_owned(mem::take(&mut self.word));
        let gap = mem::replace(&mut self.gap, Gap::Glue);
        let line = match self.lines.last_mut() {
            Some(line) => line,
            None => return,
        };
        for (i, piece) in break_pieces(word).into_iter().enumerate() {
            let gap = if i == 0 { gap } else { Gap::Join };
            line.push(Atom { text: piece, gap });
        }
    }

    /// The collected lines as units, without leading or trailing empty lines.
    fn finish(mut self) -> Vec<Vec<Unit>> {
        self.flush();
        let mut lines: Vec<Vec<Unit>> = self.lines.iter().map(|l| units(l)).collect();
        while lines.last().is_some_and(Vec::is_empty) {
            lines.pop();
        }
        let leading = lines.iter().take_while(|l| l.is_empty()).count();
        lines.drain(..leading);
        lines
    }
}

/// Whitespace that separates words; no-break spaces belong to their word.
fn is_break_space(ch: char) -> bool {
    ch.is_whitespace() && !matches!(ch, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

/// Split a word containing wide (East Asian) characters at its UAX #14 break opportunities.
fn break_pieces(word: String) -> Vec<String> {
    let wide = !word.is_ascii() && word.chars().any(|c| c.width() == Some(2));
    if !wide || looks_like_url(&word) {
        return vec![word];
    }
    WordSeparator::UnicodeBreakProperties
        .find_words(&word)
        .map(|w| format!("{}{}", w.word, w.whitespace))
        .filter(|piece| !piece.is_empty())
        .collect()
}

/// Group atoms into units: a unit ends where the line may break.
fn units(atoms: &[Atom]) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    for atom in atoms {
        match (atom.gap, units.last_mut()) {
            (Gap::Glue, Some(unit)) => unit.text.push_str(&atom.text),
            (Gap::NoBreak, Some(unit)) => {
                unit.text.push(' ');
                unit.text.push_str(&atom.text);
            }
            (gap, _) => units.push(Unit {
                text: atom.text.clone(),
                width: 0,
                spaced: gap == Gap::Space,
                url: false,
            }),
        }
    }
    for unit in &mut units {
        unit.width = unit.text.width();
        unit.url = looks_like_url(&unit.text);
    }
    units
}

/// Plain text as wrap-ready lines.
fn text_units(text: &str) -> Vec<Vec<Unit>> {
    let mut flow = Flow::default();
    flow.text(text);
    flow.finish()
}

/// Width of units laid out on a single line.
fn line_width(units: &[Unit]) -> usize {
    units
        .iter()
        .enumerate()
        .map(|(i, u)| u.width + usize::from(i > 0 && u.spaced))
        .sum()
}

/// Wrap lines of units: the first output line may be `first` columns wide, the others `rest`.
fn wrap_lines(lines: &[Vec<Unit>], first: usize, rest: usize) -> Vec<String> {
    let mut builder = LineBuilder {
        lines: Vec::new(),
        current: String::new(),
        current_width: 0,
        first,
        rest,
    };
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            builder.break_line();
        }
        for unit in line {
            builder.place(unit);
        }
    }
    builder.finish()
}

/// Greedy first-fit line filling.
struct LineBuilder {
    lines: Vec<String>,
    current: String,
    current_width: usize,
    first: usize,
    rest: usize,
}

impl LineBuilder {
    fn limit(&self) -> usize {
        if self.lines.is_empty() {
            self.first
        } else {
            self.rest
        }
    }

    fn break_line(&mut self) {
        let line = mem::take(&mut self.current);
        self.lines.push(line.trim_end().to_string());
        self.current_width = 0;
    }

    fn push(&mut self, text: &str, width: usize) {
        self.current.push_str(text);
        self.current_width += width;
    }

    fn place(&mut self, unit: &Unit) {
        let sep = usize::from(unit.spaced && !self.current.is_empty());
        if self.current_width + sep + unit.width <= self.limit() {
            if sep == 1 {
                self.push(" ", 1);
            }
            self.push(&unit.text, unit.width);
            return;
        }
        if !self.current.is_empty() {
            self.break_line();
        }
        if unit.width <= self.limit() || unit.url {
            self.push(&unit.text, unit.width);
        } else {
            self.split(&unit.text);
        }
    }

    /// Place a word longer than a line, cutting it at character boundaries. Zero-width
    /// characters (combining marks) never start a piece, so they stay with their base.
    fn split(&mut self, text: &str) {
        for ch in text.chars() {
            let w = ch.width().unwrap_or(0);
            if w > 0 && !self.current.is_empty() && self.current_width + w > self.limit() {
                self.break_line();
                if ch == ' ' {
                    continue;
                }
            }
            self.current.push(ch);
            self.current_width += w;
        }
    }

    fn finish(mut self) -> Vec<String> {
        if !self.current.is_empty() {
            self.break_line();
        }
        self.lines
    }
}

/// `Label: value` with the value wrapped under itself; a label wider than half the line goes
/// on its own line(s) with the value indented below it. Nothing if the value is empty.
fn labeled(label: &str, value: &[Vec<Unit>], width: usize) -> Vec<String> {
    if value.iter().all(Vec::is_empty) {
        return Vec::new();
    }
    let head = format!("{label}: ");
    let hang = head.width();
    if hang * 2 <= width {
        let lines = wrap_lines(value, width - hang, width - hang);
        return prefix_lines(lines, &head, &" ".repeat(hang));
    }
    let mut out = wrap_lines(&text_units(&format!("{label}:")), width, width);
    let w = inner(width, BLOCK_INDENT);
    out.extend(indent_lines(wrap_lines(value, w, w), BLOCK_INDENT));
    out
}

// ----- line helpers -------------------------------------------------------------------------

/// Columns left for content inside a prefix, never fewer than [`MIN_TEXT`].
fn inner(width: usize, prefix: usize) -> usize {
    width.saturating_sub(prefix).max(MIN_TEXT)
}

/// Prefix the first line with `first` and the others with `rest`, trimming trailing spaces.
fn prefix_lines(lines: Vec<String>, first: &str, rest: &str) -> Vec<String> {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let prefix = if i == 0 { first } else { rest };
            format!("{prefix}{line}").trim_end().to_string()
        })
        .collect()
}

/// Hang lines under a marker; a marker with no content still gets its line.
fn hang_lines(lines: Vec<String>, marker: &str, hang: usize) -> Vec<String> {
    if lines.is_empty() {
        return vec![marker.trim_end().to_string()];
    }
    prefix_lines(lines, marker, &" ".repeat(hang))
}

fn indent_lines(lines: Vec<String>, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    prefix_lines(lines, &pad, &pad)
}

/// Pad with spaces on the right to `width` display columns.
fn pad_right(text: &str, width: usize) -> String {
    pad(text, width, Align::Left)
}

fn max_width(lines: &[String]) -> usize {
    lines.iter().map(|l| l.width()).max().unwrap_or(0)
}

fn nfc(text: &str) -> String {
    if is_nfc_already(text) {
        return text.to_string();
    }
    text.nfc().collect()
}

/// `text` in NFC, reusing it when it already is (almost always: checking is cheap,
/// normalising is not).
fn nfc_owned(text: String) -> String {
    if is_nfc_already(&text) {
        return text;
    }
    text.nfc().collect()
}

fn is_nfc_already(text: &str) -> bool {
    text.is_ascii()
        || unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// NFC text with every whitespace run turned into one space, trimmed.
fn collapse_whitespace(text: &str) -> String {
    let words: Vec<&str> = text
        .split(is_break_space)
        .filter(|w| !w.is_empty())
        .collect();
    nfc(&words.join(" "))
}

/// Join non-empty sections with one blank line.
fn join_sections<const N: usize>(sections: [Vec<String>; N]) -> Vec<String> {
    let mut out = Vec::new();
    for section in sections.into_iter().filter(|s| !s.is_empty()) {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(section);
    }
    out
}

/// The final bytes: NFC, no trailing whitespace, no blank lines at either end, one final
/// newline.
fn finish(lines: Vec<String>) -> String {
    let mut text = nfc_owned(lines.join("\n"));
    // Control characters (an escape sequence would reach the reader's terminal) are spaces:
    // they separate what they stood between, as in every other format.
    if text.contains(|c: char| c.is_control() && c != '\n') {
        text = text
            .chars()
            .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
            .collect();
    }
    let lines: Vec<&str> = text.split('\n').map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => {
            let mut out = lines[first..=last].join("\n");
            out.push('\n');
            out
        }
        _ => "\n".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, Source, Span};

    const S: Span = Span {
        line: 0,
        column: 0,
        end_line: 0,
        end_column: 0,
    };

    // ----- builders ----------------------------------------------------------------------------

    fn t(s: &str) -> Inline {
        Inline::text(s)
    }

    fn para(content: Vec<Inline>) -> Block {
        Block::Paragraph { content, span: S }
    }

    fn p(s: &str) -> Block {
        para(vec![t(s)])
    }

    fn heading(level: u8, id: &str, text: &str) -> Block {
        Block::Heading {
            level,
            id: id.into(),
            content: vec![t(text)],
            span: S,
        }
    }

    fn link(url: &str, text: &str) -> Inline {
        Inline::Link {
            url: url.into(),
            title: None,
            content: vec![t(text)],
        }
    }

    fn list(start: Option<u64>, tight: bool, items: Vec<ListItem>) -> Block {
        Block::List {
            start,
            tight,
            items,
            span: S,
        }
    }

    fn item(blocks: Vec<Block>) -> ListItem {
        ListItem {
            task: None,
            blocks,
            span: S,
        }
    }

    fn task(done: bool, text: &str) -> ListItem {
        ListItem {
            task: Some(done),
            blocks: vec![p(text)],
            span: S,
        }
    }

    fn cell(text: &str) -> Cell {
        Cell {
            content: if text.is_empty() {
                vec![]
            } else {
                vec![t(text)]
            },
        }
    }

    fn cells(texts: &[&str]) -> Vec<Cell> {
        texts.iter().map(|s| cell(s)).collect()
    }

    fn table(align: Vec<Align>, head: &[&str], rows: &[&[&str]]) -> Block {
        Block::Table {
            align,
            head: cells(head),
            rows: rows.iter().map(|r| cells(r)).collect(),
            span: S,
        }
    }

    fn footnote(label: &str, number: Option<u32>, blocks: Vec<Block>) -> Footnote {
        Footnote {
            label: label.into(),
            number,
            blocks,
            span: S,
        }
    }

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            meta: Meta::default(),
            blocks,
            footnotes: vec![],
            source: Source::default(),
        }
    }

    fn at(d: &Document, width: usize) -> String {
        render(d, &TextOptions { width })
    }

    /// A document exercising every block and inline kind.
    fn kitchen_sink() -> Document {
        let mut d = doc(vec![
            heading(1, "intro", "Introduction to\tthe guide"),
            para(vec![
                t("Take "),
                Inline::Strong {
                    content: vec![t("two")],
                },
                t(" pills "),
                link("https://example.org/dose", "as described"),
                Inline::FootnoteRef { label: "n".into() },
                Inline::SoftBreak,
                t("daily."),
                Inline::LineBreak,
                t("Then rest."),
            ]),
            list(
                Some(1),
                false,
                vec![
                    item(vec![p("first item with enough words to wrap the line")]),
                    item(vec![
                        p("second"),
                        list(None, true, vec![task(true, "nested done")]),
                    ]),
                ],
            ),
            Block::Quote {
                blocks: vec![
                    p("quoted words"),
                    Block::Quote {
                        blocks: vec![p("deeper quoted words")],
                        span: S,
                    },
                ],
                span: S,
            },
            Block::Callout {
                kind: CalloutKind::Caution,
                title: None,
                blocks: vec![p("careful now")],
                span: S,
            },
            Block::Code {
                lang: Some("rust".into()),
                text: "fn main() {\n\tprintln!(\"hi\");   \n}\n".into(),
                span: S,
            },
            Block::Math {
                tex: "a^2 + b^2 = c^2".into(),
                span: S,
            },
            table(
                vec![Align::Left, Align::Right],
                &["Drug", "Dose"],
                &[&["Aspirin", "100 mg"]],
            ),
            Block::DefinitionList {
                items: vec![Definition {
                    term: vec![t("Term")],
                    details: vec![vec![p("meaning of term")]],
                    span: S,
                }],
                span: S,
            },
            Block::Rule { span: S },
            Block::Html {
                raw: "<p>html words</p>".into(),
                span: S,
            },
        ]);
        d.meta.title = "Kitchen sink".into();
        d.meta.authors = vec!["Ann".into()];
        d.footnotes = vec![footnote("n", Some(1), vec![p("note words")])];
        d
    }

    // ----- header ------------------------------------------------------------------------------

    #[test]
    fn header_lists_present_fields_in_order() {
        let mut d = doc(vec![p("Body.")]);
        d.meta = Meta {
            title: "Aspirin guide".into(),
            subtitle: Some("For patients".into()),
            authors: vec!["Ana".into(), "Bo".into()],
            date: Some("2024-05-01".into()),
            organization: Some("Clinic".into()),
            reviewed_by: Some("Dr. X".into()),
            review_date: Some("2024-06-01".into()),
            version: Some("2".into()),
            summary: Some("not printed".into()),
            ..Meta::default()
        };
        d.source.path = Some("docs/aspirin.md".into());
        assert_eq!(
            at(&d, 72),
            "=============\n\
             Aspirin guide\n\
             =============\n\
             For patients\n\
             \n\
             Authors: Ana, Bo\n\
             Date: 2024-05-01\n\
             Organization: Clinic\n\
             Reviewed by: Dr. X\n\
             Review date: 2024-06-01\n\
             Version: 2\n\
             Source: docs/aspirin.md\n\
             \n\
             Body.\n"
        );
    }

    #[test]
    fn header_wraps_title_and_field_values() {
        let mut d = doc(vec![]);
        d.meta.title = "A rather long document title here".into();
        d.meta.authors = vec![
            "Alice Smith".into(),
            "Bob Jones".into(),
            "Carol White".into(),
        ];
        d.meta.date = Some("2024".into());
        assert_eq!(
            at(&d, 30),
            "============================\n\
             A rather long document title\n\
             here\n\
             ============================\n\
             \n\
             Authors: Alice Smith, Bob\n\
             \x20        Jones, Carol White\n\
             Date: 2024\n"
        );
        d.meta.title = "A rather long document title".into();
        d.meta.date = None;
        d.meta.authors.clear();
        assert_eq!(
            at(&d, 20),
            "==============\nA rather long\ndocument title\n==============\n"
        );
    }

    #[test]
    fn empty_document_is_one_newline() {
        assert_eq!(at(&doc(vec![]), 72), "\n");
        let mut d = doc(vec![]);
        d.meta.title = "T".into();
        assert_eq!(at(&d, 72), "=\nT\n=\n");
    }

    // ----- headings and paragraphs -------------------------------------------------------------

    #[test]
    fn headings_are_underlined_by_level() {
        let d = doc(vec![
            heading(1, "a", "One"),
            heading(2, "b", "Two"),
            heading(3, "c", "Three"),
            heading(4, "d", "Four"),
            heading(5, "e", "Five"),
            heading(6, "f", "Six"),
            heading(2, "g", "日本 Mixed Case"),
            p("Text."),
        ]);
        assert_eq!(
            at(&d, 72),
            "One\n===\n\nTwo\n---\n\nThree\n~~~~~\n\nFour\n^^^^\n\nFive\n\"\"\"\"\n\n\
             Six\n...\n\n日本 Mixed Case\n---------------\n\nText.\n"
        );
    }

    #[test]
    fn paragraphs_wrap_at_width_on_spaces() {
        let d = doc(vec![p(
            "The quick brown fox jumps over the lazy dog again and again.",
        )]);
        assert_eq!(
            at(&d, 20),
            "The quick brown fox\njumps over the lazy\ndog again and again.\n"
        );
        let wide = at(&d, 72);
        assert_eq!(
            wide,
            "The quick brown fox jumps over the lazy dog again and again.\n"
        );
    }

    #[test]
    fn long_words_are_split_but_urls_overflow_alone() {
        let d = doc(vec![p("a supercalifragilisticexpialidocious b")]);
        assert_eq!(at(&d, 20), "a\nsupercalifragilistic\nexpialidocious b\n");

        let d = doc(vec![p("see https://example.com/a/very/long/path ok")]);
        assert_eq!(
            at(&d, 20),
            "see\nhttps://example.com/a/very/long/path\nok\n"
        );
    }

    #[test]
    fn soft_breaks_are_spaces_and_hard_breaks_end_lines() {
        let d = doc(vec![para(vec![
            t("one"),
            Inline::SoftBreak,
            t("two  \t three"),
            Inline::LineBreak,
            t("four"),
            Inline::LineBreak,
        ])]);
        assert_eq!(at(&d, 72), "one two three\nfour\n");
    }

    #[test]
    fn inline_markup_is_light() {
        let d = doc(vec![para(vec![
            t("Take "),
            Inline::Strong {
                content: vec![t("two")],
            },
            t(" pills, "),
            Inline::Strike {
                content: vec![t("three")],
            },
            t(" not "),
            Inline::Emph {
                content: vec![t("four")],
            },
            t(", run "),
            Inline::Code {
                code: "ls -l".into(),
            },
            t(", "),
            Inline::Math {
                display: false,
                tex: "x^2".into(),
            },
            t(" and "),
            Inline::Math {
                display: true,
                tex: "y".into(),
            },
        ])]);
        assert_eq!(
            at(&d, 72),
            "Take two pills, ~~three~~ not four, run ls -l, $x^2$ and $$y$$\n"
        );
    }

    #[test]
    fn east_asian_text_breaks_between_ideographs() {
        let d = doc(vec![p("漢字漢字漢字漢字漢字漢字。")]);
        assert_eq!(at(&d, 20), "漢字漢字漢字漢字漢字\n漢字。\n");
    }

    // ----- lists -------------------------------------------------------------------------------

    #[test]
    fn nested_lists_hang_and_number_right_aligned() {
        let d = doc(vec![list(
            Some(9),
            true,
            vec![
                item(vec![p("nine")]),
                item(vec![
                    p("ten"),
                    list(
                        None,
                        true,
                        vec![item(vec![
                            p("alpha beta gamma delta epsilon"),
                            list(None, true, vec![item(vec![p("deep")])]),
                        ])],
                    ),
                ]),
            ],
        )]);
        assert_eq!(
            at(&d, 30),
            " 9. nine\n\
             10. ten\n\
             \x20   * alpha beta gamma delta\n\
             \x20     epsilon\n\
             \x20     + deep\n"
        );
    }

    #[test]
    fn task_items_hang_after_the_checkbox() {
        let d = doc(vec![list(
            None,
            true,
            vec![
                task(false, "buy milk and bread and butter and jam"),
                task(true, "done"),
                item(vec![]),
            ],
        )]);
        assert_eq!(
            at(&d, 30),
            "- [ ] buy milk and bread and\n      butter and jam\n- [x] done\n-\n"
        );
    }

    #[test]
    fn loose_lists_separate_items_and_blocks() {
        let d = doc(vec![list(
            Some(1),
            false,
            vec![item(vec![p("a"), p("b")]), item(vec![p("c")])],
        )]);
        assert_eq!(at(&d, 72), "1. a\n\n   b\n\n2. c\n");
    }

    #[test]
    fn deep_nesting_keeps_text_room_and_words() {
        let mut block = p("alpha beta gamma delta epsilon");
        for level in 0..40 {
            block = list(
                None,
                true,
                vec![item(vec![p(&format!("level{level}")), block])],
            );
        }
        let out = at(&doc(vec![block]), 30);
        for level in 0..40 {
            assert!(
                out.contains(&format!("level{level}\n")),
                "level{level} lost"
            );
        }
        let deepest: Vec<&str> = out.lines().rev().take(2).map(str::trim).collect();
        assert_eq!(deepest, ["delta epsilon", "alpha beta gamma"]);
        let innermost = out.lines().rev().nth(2).map(str::trim);
        assert_eq!(innermost, Some("- level0"));
    }

    // ----- quotes, callouts, code, math ------------------------------------------------------

    #[test]
    fn quotes_are_prefixed_and_wrapped_inside_the_prefix() {
        let d = doc(vec![Block::Quote {
            blocks: vec![
                p("one two three four five six seven"),
                Block::Quote {
                    blocks: vec![p("nested words here")],
                    span: S,
                },
            ],
            span: S,
        }]);
        assert_eq!(
            at(&d, 24),
            "> one two three four\n> five six seven\n>\n> > nested words here\n"
        );
    }

    fn callout(kind: CalloutKind, title: Option<&str>, blocks: Vec<Block>) -> Block {
        Block::Callout {
            kind,
            title: title.map(String::from),
            blocks,
            span: S,
        }
    }

    #[test]
    fn callouts_say_their_label_and_title() {
        let d = doc(vec![
            callout(CalloutKind::Note, None, vec![p("Read this.")]),
            callout(
                CalloutKind::Warning,
                Some("Stop here"),
                vec![p("a"), p("b")],
            ),
            callout(CalloutKind::Tip, Some("TIP"), vec![]),
            callout(CalloutKind::Important, None, vec![]),
        ]);
        assert_eq!(
            at(&d, 72),
            "| Note\n|\n| Read this.\n\n\
             | Warning: Stop here\n|\n| a\n|\n| b\n\n\
             | TIP\n\n\
             | Important\n"
        );
    }

    #[test]
    fn code_is_indented_verbatim_with_tabs_expanded() {
        let d = doc(vec![
            Block::Code {
                lang: None,
                text: "\nfn main() {\n\tlet x = 1;   \n\n\tprintln!(\"{x}\");\n}\n\n".into(),
                span: S,
            },
            Block::Code {
                lang: None,
                text: "a\tb\r\nlet very_long_identifier_name = another_long_identifier;".into(),
                span: S,
            },
        ]);
        assert_eq!(
            at(&d, 20),
            "    fn main() {\n        let x = 1;\n\n        println!(\"{x}\");\n    }\n\n\
             \x20   a   b\n\
             \x20   let very_long_identifier_name = another_long_identifier;\n"
        );
    }

    #[test]
    fn display_math_is_indented_tex() {
        let d = doc(vec![Block::Math {
            tex: "\\frac{a}{b}\n= c".into(),
            span: S,
        }]);
        assert_eq!(at(&d, 72), "    \\frac{a}{b}\n    = c\n");
    }

    #[test]
    fn rule_is_centred() {
        let d = doc(vec![p("a"), Block::Rule { span: S }, p("b")]);
        assert_eq!(at(&d, 20), "a\n\n       * * *\n\nb\n");
    }

    // ----- tables ------------------------------------------------------------------------------

    #[test]
    fn narrow_table_is_an_aligned_grid() {
        let d = doc(vec![table(
            vec![Align::Left, Align::Right, Align::Center],
            &["Name", "Dose", "When"],
            &[&["Tylenol", "500mg", "x"], &["Ibuprofène", "2g", "night"]],
        )]);
        assert_eq!(
            at(&d, 72),
            "Name       |  Dose | When\n\
             -----------+-------+------\n\
             Tylenol    | 500mg |   x\n\
             Ibuprofène |    2g | night\n"
        );
    }

    #[test]
    fn wide_table_prints_rows_in_reading_order() {
        let d = doc(vec![table(
            vec![],
            &["Drug", "Instructions"],
            &[
                &["Ibuprofen", "Take one tablet every six hours with food"],
                &["Aspirin", "Daily"],
            ],
        )]);
        assert_eq!(
            at(&d, 30),
            "Drug | Instructions\n\
             ===================\n\
             Ibuprofen | Take one tablet\n\
             \x20 every six hours with food\n\
             \n\
             Aspirin | Daily\n"
        );
    }

    #[test]
    fn ragged_wide_table_keeps_every_cell() {
        let d = doc(vec![table(
            vec![],
            &["Name", "Dose", "When", "Notes"],
            &[
                &["Tylenol", "500 mg", "morning", "with a full glass of water"],
                &["Advil", "", "night", "", "x"],
            ],
        )]);
        assert_eq!(
            at(&d, 20),
            "Name | Dose | When |\n\
             \x20 Notes |\n\
             ====================\n\
             Tylenol | 500 mg |\n\
             \x20 morning | with a\n\
             \x20 full glass of\n\
             \x20 water |\n\
             \n\
             Advil | | night | |\n\
             \x20 x\n"
        );
    }

    #[test]
    fn empty_tables_render_nothing() {
        let d = doc(vec![
            table(vec![], &[], &[]),
            table(vec![Align::Left, Align::Center], &[], &[]),
            table(vec![], &["", ""], &[&["", ""]]),
            p("after"),
        ]);
        assert_eq!(at(&d, 72), "after\n");
    }

    #[test]
    fn header_only_table_and_ragged_rows() {
        let d = doc(vec![table(
            vec![],
            &["A", "B"],
            &[&["1"], &["2", "3", "4"]],
        )]);
        assert_eq!(at(&d, 72), "A | B |\n--+---+--\n1 |   |\n2 | 3 | 4\n");
    }

    // ----- links and footnotes -----------------------------------------------------------------

    #[test]
    fn links_are_numbered_deduplicated_and_listed() {
        let d = doc(vec![
            para(vec![
                t("See "),
                link("https://a.example", "site A"),
                t(", "),
                Inline::Link {
                    url: "https://b.example".into(),
                    title: Some("Bee".into()),
                    content: vec![t("site B")],
                },
                t(" and "),
                link("https://a.example", "again"),
                t(". Mail "),
                link("mailto:x@y.org", "x@y.org"),
                t(" or "),
                link("https://c.example", "https://c.example"),
                t(" or "),
                link("https://www.d.example", "www.d.example"),
                t(". "),
                Inline::Image {
                    url: "pic.png".into(),
                    alt: "A cat".into(),
                    title: None,
                },
                t(" "),
                link("#dosage", "below"),
                t(" "),
                link("#dosage", "Dosage"),
                t(" "),
                link("#nowhere", "gone"),
                t(" "),
                link("https://e.example", ""),
            ]),
            heading(1, "dosage", "Dosage"),
        ]);
        assert_eq!(
            at(&d, 200),
            "See site A [1], site B [2] and again [1]. Mail x@y.org or https://c.example or \
             www.d.example. [Image: A cat] [3] below [see: Dosage] Dosage gone \
             https://e.example\n\
             \n\
             Dosage\n\
             ======\n\
             \n\
             Links\n\
             =====\n\
             \n\
             [1] https://a.example\n\
             [2] https://b.example\n\
             \x20   \"Bee\"\n\
             [3] pic.png\n"
        );
    }

    #[test]
    fn reference_markers_stay_with_their_text() {
        let d = doc(vec![para(vec![
            t("aaaaaaaaaaaaaa "),
            link("https://x.example", "link"),
            t(", b"),
        ])]);
        let out = at(&d, 20);
        assert!(out.starts_with("aaaaaaaaaaaaaa\nlink [1], b\n"), "{out}");
    }

    #[test]
    fn many_links_align_their_list() {
        let content: Vec<Inline> = (1..=10)
            .map(|n| link(&format!("https://e.x/{n}"), &format!("l{n}")))
            .collect();
        let out = at(&doc(vec![para(content)]), 72);
        assert!(out.contains("\n[1]  https://e.x/1\n"), "{out}");
        assert!(out.ends_with("\n[10] https://e.x/10\n"), "{out}");
    }

    #[test]
    fn footnotes_are_printed_in_number_order_under_notes() {
        let mut d = doc(vec![para(vec![
            t("Fact"),
            Inline::FootnoteRef { label: "b".into() },
            t(" and "),
            link("https://m.example", "more"),
            Inline::FootnoteRef { label: "a".into() },
            t(". Bad"),
            Inline::FootnoteRef { label: "zz".into() },
        ])]);
        d.footnotes = vec![
            footnote("a", Some(2), vec![p("Second note.")]),
            footnote(
                "b",
                Some(1),
                vec![
                    p("First note, long enough to wrap here."),
                    para(vec![t("See "), link("https://n.example", "this")]),
                ],
            ),
            footnote("c", None, vec![p("Orphan never shown.")]),
        ];
        assert_eq!(
            at(&d, 30),
            "Fact[^1] and more [1][^2].\n\
             Bad[^zz]\n\
             \n\
             Notes\n\
             =====\n\
             \n\
             [^1] First note, long enough\n\
             \x20    to wrap here.\n\
             \n\
             \x20    See this [2]\n\
             \n\
             [^2] Second note.\n\
             \n\
             Links\n\
             =====\n\
             \n\
             [1] https://m.example\n\
             [2] https://n.example\n"
        );
    }

    // ----- definition lists and HTML -----------------------------------------------------------

    #[test]
    fn definition_details_are_indented_under_the_term() {
        let d = doc(vec![Block::DefinitionList {
            items: vec![
                Definition {
                    term: vec![t("Term one")],
                    details: vec![vec![p("Details of the first term.")], vec![p("Second.")]],
                    span: S,
                },
                Definition {
                    term: vec![t("Term two")],
                    details: vec![vec![p("More words that need wrapping here.")]],
                    span: S,
                },
            ],
            span: S,
        }]);
        assert_eq!(
            at(&d, 30),
            "Term one\n    Details of the first term.\n\n    Second.\n\n\
             Term two\n    More words that need\n    wrapping here.\n"
        );
    }

    #[test]
    fn raw_html_blocks_keep_only_prose() {
        let d = doc(vec![
            Block::Html {
                raw: "<div class=\"a>b\">Hello &amp; welcome<br/>to <b>the</b> clinic</div>\n\
                      <!-- hidden comment -->\n<style>p { color: red }</style>\
                      <script>var a = 1 < 2;</script>\
                      <p>Tom &lt;3 &quot;Jerry&quot; &#39;s&#x21; &unknown; &nbsp;x</p>"
                    .into(),
                span: S,
            },
            Block::Html {
                raw: "1 < 2 and 3 > 2".into(),
                span: S,
            },
            Block::Html {
                raw: "<!-- only a comment -->".into(),
                span: S,
            },
        ]);
        assert_eq!(
            at(&d, 72),
            "Hello & welcome\nto the clinic Tom <3 \"Jerry\" 's! &unknown; \u{a0}x\n\n1 < 2 and 3 > 2\n"
        );
    }

    #[test]
    fn inline_html_drops_tags_and_script_contents() {
        let html = |raw: &str| Inline::Html { raw: raw.into() };
        let d = doc(vec![para(vec![
            t("Press "),
            html("<kbd>"),
            t("Ctrl"),
            html("</kbd>"),
            t(" now"),
            html("<script>"),
            t("evil()"),
            html("</script>"),
            t(" ok"),
            html("<br>"),
            t("next"),
        ])]);
        assert_eq!(at(&d, 72), "Press Ctrl now ok\nnext\n");
    }

    // ----- global guarantees -------------------------------------------------------------------

    #[test]
    fn output_is_nfc() {
        let mut d = doc(vec![
            heading(2, "x", "e\u{301}te\u{301}"),
            p("Cafe\u{301} cre\u{300}me"),
            Block::Code {
                lang: None,
                text: "ne\u{301}".into(),
                span: S,
            },
        ]);
        d.meta.title = "A\u{30a}".into();
        assert_eq!(
            at(&d, 72),
            "=\n\u{c5}\n=\n\n\u{e9}t\u{e9}\n---\n\nCaf\u{e9} cr\u{e8}me\n\n    n\u{e9}\n"
        );
    }

    #[test]
    fn no_trailing_whitespace_no_tabs_one_final_newline() {
        for width in [0, 20, 33, 72, 120] {
            let out = at(&kitchen_sink(), width);
            assert!(out.ends_with('\n') && !out.ends_with("\n\n"), "{out}");
            assert!(!out.contains('\t'), "{out}");
            assert!(!out.contains("\n\n\n"), "{out}");
            for line in out.lines() {
                assert_eq!(line, line.trim_end(), "trailing space in {line:?}");
            }
        }
    }

    #[test]
    fn lines_fit_the_width_except_unsplittable_urls() {
        let out = at(&kitchen_sink(), 24);
        for line in out.lines().filter(|line| !line.contains("://")) {
            assert!(line.width() <= 24, "too wide: {line:?}");
        }
    }

    #[test]
    fn every_source_word_survives_in_order() {
        let out = at(&kitchen_sink(), 24);
        let tokens: Vec<&str> = out.split_whitespace().collect();
        let words = "Introduction to the guide Take two pills as described daily. Then rest. \
                     first item with enough words to wrap the line second nested done \
                     quoted words deeper quoted words careful now println!(\"hi\"); \
                     a^2 + b^2 = c^2 Drug Dose Aspirin 100 mg Term meaning of term \
                     html words note words https://example.org/dose";
        let mut at_token = 0;
        for word in words.split_whitespace() {
            let found = tokens[at_token..].iter().position(|tok| tok.contains(word));
            match found {
                Some(i) => at_token += i,
                None => panic!("{word:?} missing or out of order in\n{out}"),
            }
        }
    }

    #[test]
    fn rendering_is_deterministic() {
        let first = at(&kitchen_sink(), 40);
        for _ in 0..5 {
            assert_eq!(at(&kitchen_sink(), 40), first);
        }
    }

    #[test]
    fn kitchen_sink_exact() {
        assert_eq!(
            at(&kitchen_sink(), 40),
            "============\n\
             Kitchen sink\n\
             ============\n\
             \n\
             Authors: Ann\n\
             \n\
             Introduction to the guide\n\
             =========================\n\
             \n\
             Take two pills as described [1][^1]\n\
             daily.\n\
             Then rest.\n\
             \n\
             1. first item with enough words to wrap\n\
             \x20  the line\n\
             \n\
             2. second\n\
             \n\
             \x20  * [x] nested done\n\
             \n\
             > quoted words\n\
             >\n\
             > > deeper quoted words\n\
             \n\
             | Caution\n\
             |\n\
             | careful now\n\
             \n\
             \x20   fn main() {\n\
             \x20       println!(\"hi\");\n\
             \x20   }\n\
             \n\
             \x20   a^2 + b^2 = c^2\n\
             \n\
             Drug    |   Dose\n\
             --------+-------\n\
             Aspirin | 100 mg\n\
             \n\
             Term\n\
             \x20   meaning of term\n\
             \n\
             \x20                * * *\n\
             \n\
             html words\n\
             \n\
             Notes\n\
             =====\n\
             \n\
             [^1] note words\n\
             \n\
             Links\n\
             =====\n\
             \n\
             [1] https://example.org/dose\n"
        );
    }

    #[test]
    fn width_is_clamped() {
        let d = doc(vec![p(
            "The quick brown fox jumps over the lazy dog again and again.",
        )]);
        let at_min = at(&d, MIN_WIDTH);
        assert_eq!(at(&d, 0), at_min);
        assert_eq!(at(&d, 5), at_min);
        assert_eq!(TextOptions::default().width, 72);
        assert_eq!(at_min.lines().count(), 3);
    }

    #[test]
    fn odd_models_do_not_panic() {
        let d = doc(vec![
            heading(0, "", ""),
            heading(200, "z", "deep"),
            para(vec![]),
            list(Some(u64::MAX), true, vec![item(vec![]), item(vec![])]),
            Block::Quote {
                blocks: vec![],
                span: S,
            },
            Block::Code {
                lang: None,
                text: String::new(),
                span: S,
            },
            Block::DefinitionList {
                items: vec![Definition {
                    term: vec![],
                    details: vec![vec![]],
                    span: S,
                }],
                span: S,
            },
            Block::Html {
                raw: "<script>never closed".into(),
                span: S,
            },
            Block::Html {
                raw: "<a href='x".into(),
                span: S,
            },
            para(vec![Inline::Image {
                url: String::new(),
                alt: String::new(),
                title: None,
            }]),
        ]);
        assert_eq!(
            at(&d, 0),
            "deep\n....\n\n18446744073709551615.\n18446744073709551615.\n\n<a href='x\n\n[Image]\n"
        );
    }
}

//! The document model: the one contract between readers and writers.
//!
//! A reader turns a source (Markdown, or JSON of this very model) into a [`Document`]; every
//! writer is a pure function of a `Document`. Nothing here knows about comrak or about any output
//! format. Everything derives `Serialize`/`Deserialize`, so `folio convert --to json` prints the
//! model and `--from json` feeds it back to any writer.
//!
//! Things several writers need (plain text of inlines, the table of contents, footnote numbers)
//! are computed here once, not re-derived by each writer.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One parsed document: its metadata, its body, and its footnote definitions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Document {
    pub meta: Meta,
    pub blocks: Vec<Block>,
    /// Footnote definitions, numbered in the order of their first reference; definitions that
    /// are never referenced follow with `number: None` (kept so a linter can report them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<Footnote>,
    #[serde(default)]
    pub source: Source,
}

/// Where a document came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Source {
    /// The path as given to folio (relative to the project when building), `None` for stdin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// How a source read from standard input is named in messages.
pub const STDIN_NAME: &str = "<stdin>";

impl Source {
    /// The source as messages name it: its path, or `<stdin>`.
    pub fn display_name(&self) -> &str {
        self.path.as_deref().unwrap_or(STDIN_NAME)
    }
}

/// Typed document metadata from front matter. Keys folio does not know are kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Meta {
    /// Always set by the reader: front matter, else the first level-1 heading, else the file name.
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// ISO 8601 date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally with a time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// BCP 47 language tag.
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// The publisher of a handout (a clinic, a health system).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_by: Option<String>,
    /// ISO 8601 date of the last clinical review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclaimer: Option<String>,
    /// The direction the text is written in, when the front matter says it: `ltr`, `rtl`
    /// or `auto` (the language's); see [`crate::language::Direction::of_document`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dir: Option<String>,
    /// The document this one translates, as a path relative to it (`pain-diary.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_of: Option<String>,
    /// The project's words for folio's terms in this document's language (folio.toml
    /// `[terms.<tag>]`), by term key; see [`crate::terms::of`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "arbitrary", arbitrary(default))]
    pub terms: BTreeMap<String, String>,
    /// Front-matter keys folio does not interpret, kept verbatim for templates and later tools.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "arbitrary", arbitrary(default))]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// The language assumed when neither front matter nor the project names one.
pub const DEFAULT_LANGUAGE: &str = "en";

/// What a project says about every document whose front matter does not say it itself
/// (folio.toml `[project]`). Applied once, by the reader, so every writer sees the same
/// metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct MetaDefaults {
    /// BCP 47 tag; [`DEFAULT_LANGUAGE`] when `None`.
    pub language: Option<String>,
    pub authors: Vec<String>,
    pub organization: Option<String>,
    pub disclaimer: Option<String>,
    /// The project's words for folio's terms, by language tag (folio.toml `[terms.<tag>]`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub terms: BTreeMap<String, BTreeMap<String, String>>,
}

impl Meta {
    /// Fills what the front matter left out from the project's defaults. An empty language
    /// means "not given" (the front-matter reader leaves it empty, like the title).
    pub fn apply_defaults(&mut self, defaults: &MetaDefaults) {
        if self.language.is_empty() {
            self.language = defaults
                .language
                .clone()
                .unwrap_or_else(|| DEFAULT_LANGUAGE.to_string());
        }
        if self.authors.is_empty() {
            self.authors.clone_from(&defaults.authors);
        }
        if self.organization.is_none() {
            self.organization.clone_from(&defaults.organization);
        }
        if self.disclaimer.is_none() {
            self.disclaimer.clone_from(&defaults.disclaimer);
        }
        self.terms = crate::terms::overrides_for(&defaults.terms, &self.language);
    }
}

fn default_language() -> String {
    DEFAULT_LANGUAGE.to_string()
}

/// A position in the source: 1-based line and column (columns count bytes, as CommonMark does).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// A block of the body: what stands on its own lines in the source (a heading, a paragraph,
/// a list, a table, a box). Blocks nest (a list item or a quote holds blocks) and carry the
/// [`Span`] of their source, which diagnostics point at. Writers decide how each looks, and
/// the rules they share are [`crate::render::shared`]'s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Heading {
        level: u8,
        /// Unique within the document and stable for the same text (GitHub's anchor rules).
        id: String,
        content: Vec<Inline>,
        span: Span,
    },
    Paragraph {
        content: Vec<Inline>,
        span: Span,
    },
    List {
        /// `None` for a bullet list, the first number for an ordered list.
        start: Option<u64>,
        tight: bool,
        items: Vec<ListItem>,
        span: Span,
    },
    Quote {
        blocks: Vec<Block>,
        span: Span,
    },
    /// A GitHub alert (`> [!NOTE]` …): a labelled box.
    Callout {
        kind: CalloutKind,
        /// A custom title (`> [!WARNING] Stop here`); writers fall back to the kind's label.
        title: Option<String>,
        blocks: Vec<Block>,
        span: Span,
    },
    Code {
        /// The first word of the info string, if any.
        lang: Option<String>,
        text: String,
        span: Span,
    },
    /// Display math kept as TeX source (a ```` ```math ```` block).
    Math {
        tex: String,
        span: Span,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Cell>,
        rows: Vec<Vec<Cell>>,
        span: Span,
    },
    DefinitionList {
        items: Vec<Definition>,
        span: Span,
    },
    Rule {
        span: Span,
    },
    /// Raw HTML from the source. Each writer applies its own policy (sanitize, keep, drop).
    Html {
        raw: String,
        span: Span,
    },
}

/// One item of a [`Block::List`]: its blocks (a tight list's items hold a single paragraph
/// each, shown without paragraph spacing), and, for a task list, whether it is done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ListItem {
    /// `Some(checked)` for a task-list item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
    pub span: Span,
}

/// One term of a [`Block::DefinitionList`] and its details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Definition {
    pub term: Vec<Inline>,
    /// One entry per `: details` part; each is a sequence of blocks.
    pub details: Vec<Vec<Block>>,
    pub span: Span,
}

/// One cell of a [`Block::Table`]: inline content only (GFM tables hold no blocks). A row
/// may have fewer cells than the table has columns; writers pad it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Cell {
    pub content: Vec<Inline>,
}

/// How a table column's cells are aligned (`:--`, `:-:`, `--:`, or not said).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// The kind of a [`Block::Callout`], from GitHub's alerts. Its label is a term
/// ([`crate::render::shared::callout_label`]): the writers say it in the document's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum CalloutKind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

impl CalloutKind {
    /// Lower-case name, used for CSS classes and the JSON model.
    pub fn name(self) -> &'static str {
        match self {
            CalloutKind::Note => "note",
            CalloutKind::Tip => "tip",
            CalloutKind::Important => "important",
            CalloutKind::Warning => "warning",
            CalloutKind::Caution => "caution",
        }
    }
}

/// A footnote's definition (`[^label]: …`), numbered by its first reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Footnote {
    pub label: String,
    /// 1-based number in order of first reference; `None` if nothing references it.
    pub number: Option<u32>,
    pub blocks: Vec<Block>,
    pub span: Span,
}

/// Content inside a block: text and its markup (emphasis, code, links, images, footnote
/// references, math, breaks, raw HTML). Inlines nest (a link holds text); their plain text
/// is [`plain_text`]. They carry no span: a finding about one points at its block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    Emph {
        content: Vec<Inline>,
    },
    Strong {
        content: Vec<Inline>,
    },
    Strike {
        content: Vec<Inline>,
    },
    Code {
        code: String,
    },
    Link {
        url: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        content: Vec<Inline>,
    },
    Image {
        url: String,
        /// Plain-text alternative (the image description with its markup removed).
        alt: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
    },
    FootnoteRef {
        label: String,
    },
    SoftBreak,
    LineBreak,
    Math {
        display: bool,
        tex: String,
    },
    Html {
        raw: String,
    },
}

impl Inline {
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text { text: s.into() }
    }
}

/// The plain text of inlines: what a reader reads, with all markup removed.
///
/// Breaks become a single space; images give their alt text; footnote references, math and raw
/// HTML give nothing but their source text where that is prose (math keeps its TeX).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain_text(inlines, &mut out, true);
    out
}

/// The words a reader reads in the running text: [`plain_text`] without images' descriptions
/// (a description is for those who cannot see the image, not prose to be graded).
pub fn prose_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain_text(inlines, &mut out, false);
    out
}

fn push_plain_text(inlines: &[Inline], out: &mut String, images: bool) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push_str(text),
            Inline::Code { code } => out.push_str(code),
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => push_plain_text(content, out, images),
            Inline::Image { alt, .. } if images => out.push_str(alt),
            Inline::Image { .. } => {}
            Inline::SoftBreak | Inline::LineBreak => out.push(' '),
            Inline::Math { tex, .. } => out.push_str(tex),
            Inline::FootnoteRef { .. } | Inline::Html { .. } => {}
        }
    }
}

impl Block {
    pub fn span(&self) -> Span {
        match self {
            Block::Heading { span, .. }
            | Block::Paragraph { span, .. }
            | Block::List { span, .. }
            | Block::Quote { span, .. }
            | Block::Callout { span, .. }
            | Block::Code { span, .. }
            | Block::Math { span, .. }
            | Block::Table { span, .. }
            | Block::DefinitionList { span, .. }
            | Block::Rule { span }
            | Block::Html { span, .. } => *span,
        }
    }
}

/// Whether `url` may be written as a link target (or, with `image`, an image source).
///
/// `javascript:`, `vbscript:` and `file:` URLs are never emitted in any format; `data:` only
/// for images. Browsers ignore ASCII whitespace and control characters inside a scheme
/// (`java\tscript:`), so those are removed before the scheme is read.
pub fn is_safe_url(url: &str, image: bool) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take(32)
        .collect::<String>()
        .to_ascii_lowercase();
    let Some((scheme, _)) = cleaned.split_once(':') else {
        return true;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        // `a/b:c` or `?x=y:z` has no scheme: a relative reference.
        return true;
    }
    match scheme {
        "javascript" | "vbscript" | "file" => false,
        "data" => image && cleaned.starts_with("data:image/"),
        _ => true,
    }
}

/// The nesting depth of `blocks`: see [`Document::nesting_depth`].
fn blocks_depth(blocks: &[Block]) -> usize {
    blocks.iter().map(block_depth).max().unwrap_or(0)
}

fn block_depth(block: &Block) -> usize {
    let inner = match block {
        Block::Heading { content, .. } | Block::Paragraph { content, .. } => inlines_depth(content),
        Block::List { items, .. } => items
            .iter()
            .map(|item| blocks_depth(&item.blocks))
            .max()
            .unwrap_or(0),
        Block::Quote { blocks, .. } | Block::Callout { blocks, .. } => blocks_depth(blocks),
        Block::Table { head, rows, .. } => head
            .iter()
            .chain(rows.iter().flatten())
            .map(|cell| inlines_depth(&cell.content))
            .max()
            .unwrap_or(0),
        Block::DefinitionList { items, .. } => items
            .iter()
            .map(|item| {
                item.details
                    .iter()
                    .map(|d| blocks_depth(d))
                    .chain([inlines_depth(&item.term)])
                    .max()
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0),
        Block::Code { .. } | Block::Math { .. } | Block::Rule { .. } | Block::Html { .. } => 0,
    };
    inner + 1
}

fn inlines_depth(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => inlines_depth(content) + 1,
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

/// Calls `f` for every block of `blocks`, nested ones included, parents before children.
pub fn walk_blocks<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a Block)) {
    for block in blocks {
        f(block);
        match block {
            Block::List { items, .. } => {
                for item in items {
                    walk_blocks(&item.blocks, f);
                }
            }
            Block::Quote { blocks, .. } | Block::Callout { blocks, .. } => walk_blocks(blocks, f),
            Block::DefinitionList { items, .. } => {
                for details in items.iter().flat_map(|item| &item.details) {
                    walk_blocks(details, f);
                }
            }
            _ => {}
        }
    }
}

/// Calls `f` for every inline of `blocks` (nested ones too), with the span of the block that
/// holds it: the one walk that linters, asset resolution and writers share.
pub fn walk_inlines<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a Inline, Span)) {
    fn inlines<'a>(list: &'a [Inline], span: Span, f: &mut impl FnMut(&'a Inline, Span)) {
        for inline in list {
            f(inline, span);
            match inline {
                Inline::Emph { content }
                | Inline::Strong { content }
                | Inline::Strike { content }
                | Inline::Link { content, .. } => inlines(content, span, f),
                _ => {}
            }
        }
    }
    walk_blocks(blocks, &mut |block| {
        let span = block.span();
        match block {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                inlines(content, span, f)
            }
            Block::Table { head, rows, .. } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    inlines(&cell.content, span, f);
                }
            }
            Block::DefinitionList { items, .. } => {
                for item in items {
                    inlines(&item.term, item.span, f);
                }
            }
            _ => {}
        }
    });
}

/// One entry of a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The headings among `blocks` (not inside lists or quotes), in order: a table of contents.
pub fn toc<'a>(blocks: impl IntoIterator<Item = &'a Block>) -> Vec<TocEntry> {
    blocks
        .into_iter()
        .filter_map(|block| match block {
            Block::Heading {
                level, id, content, ..
            } => Some(TocEntry {
                level: *level,
                id: id.clone(),
                text: plain_text(content),
            }),
            _ => None,
        })
        .collect()
}

/// Where each heading of a nested outline hangs, given the headings' levels in order: under
/// the nearest heading before it with a higher level (a smaller number), or at the top
/// (`None`). A list opening with `##` before a later `#` thus has no empty items, and a
/// skipped level adds no empty list. Every nested outline (the HTML page's contents, the
/// EPUB's navigation, the PDF's bookmarks) nests by this rule.
pub fn outline_parents(levels: impl IntoIterator<Item = u8>) -> Vec<Option<usize>> {
    let mut parents = Vec::new();
    let mut open: Vec<(usize, u8)> = Vec::new();
    for (i, level) in levels.into_iter().enumerate() {
        while open.last().is_some_and(|&(_, above)| above >= level) {
            open.pop();
        }
        parents.push(open.last().map(|&(parent, _)| parent));
        open.push((i, level));
    }
    parents
}

/// How deep each entry of `toc` sits in a nested contents list, from 1 ([`outline_parents`]).
pub fn toc_depths(toc: &[TocEntry]) -> Vec<usize> {
    let mut depths: Vec<usize> = Vec::with_capacity(toc.len());
    for parent in outline_parents(toc.iter().map(|e| e.level)) {
        let depth = parent.and_then(|p| depths.get(p)).map_or(1, |d| d + 1);
        depths.push(depth);
    }
    depths
}

impl Document {
    /// The headings of the top-level body, in order: the table of contents every writer shares.
    pub fn toc(&self) -> Vec<TocEntry> {
        toc(&self.blocks)
    }

    /// The summary, or the start of the first paragraph (160 characters at most, cut between
    /// words): what search results, link previews, the catalogue and an EPUB's description
    /// show.
    pub fn description(&self) -> Option<String> {
        if let Some(summary) = &self.meta.summary {
            return Some(summary.clone());
        }
        let first = self.blocks.iter().find_map(|b| match b {
            Block::Paragraph { content, .. } => Some(plain_text(content)),
            _ => None,
        })?;
        Some(truncate_words(first.trim(), 160))
    }

    /// Every inline of the body and of the footnotes, with the span of its block.
    pub fn walk_inlines<'a>(&'a self, f: &mut impl FnMut(&'a Inline, Span)) {
        walk_inlines(&self.blocks, f);
        for note in &self.footnotes {
            walk_inlines(&note.blocks, f);
        }
    }

    /// The deepest nesting of containers, blocks and inlines together (a paragraph of plain
    /// text at the top is 1). Writers recurse this deep; readers keep it bounded.
    pub fn nesting_depth(&self) -> usize {
        self.footnotes
            .iter()
            .map(|note| blocks_depth(&note.blocks))
            .chain([blocks_depth(&self.blocks)])
            .max()
            .unwrap_or(0)
    }

    /// Every block of the body and of the footnotes, nested ones included.
    pub fn walk_blocks<'a>(&'a self, f: &mut impl FnMut(&'a Block)) {
        walk_blocks(&self.blocks, f);
        for note in &self.footnotes {
            walk_blocks(&note.blocks, f);
        }
    }

    /// Whether the body or a footnote holds raw HTML (a block or an inline).
    pub fn has_raw_html(&self) -> bool {
        let mut found = false;
        self.walk_blocks(&mut |b| found |= matches!(b, Block::Html { .. }));
        self.walk_inlines(&mut |i, _| found |= matches!(i, Inline::Html { .. }));
        found
    }

    /// Footnotes that are referenced, in number order.
    pub fn numbered_footnotes(&self) -> impl Iterator<Item = (u32, &Footnote)> {
        let mut numbered: Vec<(u32, &Footnote)> = self
            .footnotes
            .iter()
            .filter_map(|f| f.number.map(|n| (n, f)))
            .collect();
        numbered.sort_by_key(|(n, _)| *n);
        numbered.into_iter()
    }

    /// The number of the footnote with this label, if it is defined and referenced.
    pub fn footnote_number(&self, label: &str) -> Option<u32> {
        self.footnotes
            .iter()
            .find(|f| f.label == label)
            .and_then(|f| f.number)
    }
}

/// `text` cut after the last whole word that fits in `max_chars` characters, with `…`.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_nest_one_step_at_a_time() {
        let e = |level| TocEntry {
            level,
            id: String::new(),
            text: String::new(),
        };
        assert_eq!(toc_depths(&[e(2), e(3), e(2)]), [1, 2, 1]);
        assert_eq!(toc_depths(&[e(2), e(1), e(2), e(4)]), [1, 1, 2, 3]);
        assert_eq!(toc_depths(&[e(1), e(3), e(3), e(2)]), [1, 2, 2, 2]);
        assert!(toc_depths(&[]).is_empty());
    }

    #[test]
    fn plain_text_strips_markup_and_keeps_words() {
        let inlines = vec![
            Inline::text("Call "),
            Inline::Strong {
                content: vec![Inline::text("now")],
            },
            Inline::SoftBreak,
            Inline::Link {
                url: "tel:911".into(),
                title: None,
                content: vec![Inline::Code { code: "911".into() }],
            },
            Inline::FootnoteRef { label: "1".into() },
        ];
        assert_eq!(plain_text(&inlines), "Call now 911");
    }

    #[test]
    fn unsafe_url_schemes_are_refused() {
        assert!(is_safe_url("https://example.org", false));
        assert!(is_safe_url("#section", false));
        assert!(is_safe_url("images/a.png", true));
        assert!(is_safe_url("mailto:a@b.org", false));
        assert!(!is_safe_url("javascript:alert(1)", false));
        assert!(!is_safe_url(" JaVa\tScRiPt:alert(1)", false));
        assert!(!is_safe_url("vbscript:x", false));
        assert!(!is_safe_url("file:///etc/passwd", true));
        assert!(!is_safe_url("data:text/html,<b>", false));
        assert!(is_safe_url("data:image/png;base64,AAAA", true));
        assert!(!is_safe_url("data:image/png;base64,AAAA", false));
    }

    #[test]
    fn json_round_trip_keeps_everything() {
        let doc = Document {
            meta: Meta {
                title: "T".into(),
                language: "en".into(),
                ..Meta::default()
            },
            blocks: vec![Block::Callout {
                kind: CalloutKind::Warning,
                title: Some("Stop".into()),
                blocks: vec![Block::Rule {
                    span: Span::default(),
                }],
                span: Span::default(),
            }],
            footnotes: vec![],
            source: Source::default(),
        };
        let json = serde_json::to_string(&doc).unwrap();
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(doc, back);
    }
}

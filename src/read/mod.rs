//! Readers: sources into the document model.
//!
//! Flavours are named like pandoc's. `markdown` is folio's own (GFM plus alerts, footnotes,
//! definition lists, math, smart punctuation and front matter); `commonmark` and `gfm` follow
//! their specs exactly; `json` is the model itself.

pub mod flavour;
pub mod front_matter;
pub mod markdown;

pub use flavour::{Extensions, Flavour};

use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{Block, Document, Meta, MetaDefaults, Source, plain_text};

/// Why a source could not be read. Every variant names the file; most name the line.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{origin}: cannot read: {source}")]
    Io {
        origin: String,
        #[source]
        source: std::io::Error,
    },
    /// Too large, not a regular file, or unreadable.
    #[error("{origin}: cannot read: {source}")]
    File {
        origin: String,
        #[source]
        source: crate::limits::ReadLimitError,
    },
    #[error("{origin}:{line}:{column}: not valid UTF-8 (folio reads UTF-8 text only)")]
    NotUtf8 {
        origin: String,
        line: usize,
        column: usize,
    },
    #[error("{origin}: UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8")]
    Utf16 { origin: String },
    /// Text never holds NUL; a file that does is binary, or UTF-16 without a byte-order mark.
    #[error(
        "{origin}:{line}:{column}: a NUL byte: this is not a text file (or it is UTF-16; save it as UTF-8)"
    )]
    Nul {
        origin: String,
        line: usize,
        column: usize,
    },
    #[error("{origin}:{line}: {message}")]
    FrontMatter {
        origin: String,
        line: usize,
        message: String,
    },
    #[error("{origin}:{line}:{column}: invalid JSON document model: {message}")]
    Json {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
}

impl ReadError {
    /// The file the error is about, as it was named.
    pub fn origin(&self) -> &str {
        match self {
            ReadError::Io { origin, .. }
            | ReadError::File { origin, .. }
            | ReadError::NotUtf8 { origin, .. }
            | ReadError::Utf16 { origin }
            | ReadError::Nul { origin, .. }
            | ReadError::FrontMatter { origin, .. }
            | ReadError::Json { origin, .. } => origin,
        }
    }

    /// The error as a finding of `folio::read`, at the place it names.
    pub fn diagnostic(&self) -> Diagnostic {
        let (line, column) = self.place();
        Diagnostic::from_error(
            Code::Read,
            self.origin(),
            Location::at(line, column),
            &self.to_string(),
        )
    }

    /// The line and column it is about: (0, 0) for the file as a whole.
    pub fn place(&self) -> (usize, usize) {
        match self {
            ReadError::Io { .. } | ReadError::File { .. } => (0, 0),
            ReadError::Utf16 { .. } => (1, 1),
            ReadError::NotUtf8 { line, column, .. }
            | ReadError::Nul { line, column, .. }
            | ReadError::Json { line, column, .. } => (*line, *column),
            ReadError::FrontMatter { line, .. } => (*line, 1),
        }
    }
}

/// Reads a file of at most `max_bytes`. `display_path` is how the file is named in errors
/// and in `meta`'s source.
pub fn read_file(
    path: &Path,
    display_path: &str,
    flavour: Flavour,
    max_bytes: u64,
) -> Result<Document, ReadError> {
    let bytes = read_source(path, display_path, max_bytes)?;
    read_bytes(&bytes, display_path, Some(path), flavour)
}

/// The bytes of a source file of at most `max_bytes`.
pub fn read_source(path: &Path, display_path: &str, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    crate::limits::read_file_capped(path, max_bytes).map_err(|source| ReadError::File {
        origin: display_path.to_string(),
        source,
    })
}

/// Reads bytes from a file or stdin. `origin` names the source in errors (`<stdin>` for
/// stdin); `path` is used for the title fallback and recorded in the document.
pub fn read_bytes(
    bytes: &[u8],
    origin: &str,
    path: Option<&Path>,
    flavour: Flavour,
) -> Result<Document, ReadError> {
    read_bytes_with(bytes, origin, path, flavour, &MetaDefaults::default())
}

/// [`read_bytes`] for a document of a project: what its front matter leaves out comes from
/// `defaults` (folio.toml `[project]`).
pub fn read_bytes_with(
    bytes: &[u8],
    origin: &str,
    path: Option<&Path>,
    flavour: Flavour,
    defaults: &MetaDefaults,
) -> Result<Document, ReadError> {
    let text = decode(bytes, origin)?;
    let mut doc = if flavour == Flavour::Json {
        read_json(text, origin)?
    } else {
        let text = controls_as_spaces(text);
        read_markdown_with(&text, origin, &Extensions::of(flavour), defaults)?
    };
    if path.is_some() {
        doc.source.path = Some(origin.to_string());
    }
    if doc.meta.title.is_empty() {
        doc.meta.title = path
            .and_then(|p| p.file_stem())
            .map(|stem| title_from_file_stem(&stem.to_string_lossy()))
            .unwrap_or_else(|| "Untitled".to_string());
    }
    Ok(doc)
}

/// The text of a source: UTF-8 without NUL bytes, or an error at the first byte that is not.
pub fn decode<'a>(bytes: &'a [u8], origin: &str) -> Result<&'a str, ReadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ReadError::Utf16 {
            origin: origin.to_string(),
        });
    }
    // A NUL says more about the file (binary, or UTF-16) than a bad byte after it.
    let nul = bytes.iter().position(|&b| b == 0);
    let nul_error = |at: usize| {
        let (line, column) = line_column(&bytes[..at]);
        ReadError::Nul {
            origin: origin.to_string(),
            line,
            column,
        }
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            if let Some(at) = nul.filter(|&at| at < e.valid_up_to()) {
                return Err(nul_error(at));
            }
            let (line, column) = line_column(&bytes[..e.valid_up_to()]);
            return Err(ReadError::NotUtf8 {
                origin: origin.to_string(),
                line,
                column,
            });
        }
    };
    if let Some(at) = nul {
        return Err(nul_error(at));
    }
    Ok(text)
}

/// Control characters other than tab and line ends (form feeds between the pages of an old
/// file, a stray escape) become spaces: no output format can show them, and each would
/// otherwise drop or join the words around them its own way. One byte becomes one byte, so
/// lines and columns stay where they were.
fn controls_as_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    let is_stray = |c: char| c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r');
    if text.contains(is_stray) {
        text.chars()
            .map(|c| if is_stray(c) { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// Reads text. The title falls back to the first level-1 heading; callers that know a file
/// name fall back further to it.
pub fn read_str(text: &str, origin: &str, flavour: Flavour) -> Result<Document, ReadError> {
    if flavour == Flavour::Json {
        return read_json(text, origin);
    }
    read_markdown(text, origin, &Extensions::of(flavour))
}

/// Reads Markdown with an explicit set of extensions.
pub fn read_markdown(
    text: &str,
    origin: &str,
    extensions: &Extensions,
) -> Result<Document, ReadError> {
    read_markdown_with(text, origin, extensions, &MetaDefaults::default())
}

/// [`read_markdown`] with the project's metadata defaults.
pub fn read_markdown_with(
    text: &str,
    origin: &str,
    extensions: &Extensions,
    defaults: &MetaDefaults,
) -> Result<Document, ReadError> {
    // A byte-order mark is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fm_error = |e: front_matter::FrontMatterError| ReadError::FrontMatter {
        origin: origin.to_string(),
        line: e.line,
        message: e.message,
    };
    let (mut meta, body, line_offset) = if extensions.front_matter {
        let split = front_matter::split(text).map_err(fm_error)?;
        let meta = match &split.front_matter {
            Some(fm) => front_matter::parse(fm).map_err(fm_error)?,
            None => Meta::default(),
        };
        (meta, split.body, split.body_line_offset)
    } else {
        (Meta::default(), text, 0)
    };
    meta.apply_defaults(defaults);
    let body = markdown::parse(body, extensions, line_offset);
    let mut doc = Document {
        meta,
        blocks: body.blocks,
        footnotes: body.footnotes,
        source: Source::default(),
    };
    if doc.meta.title.is_empty()
        && let Some(title) = first_h1(&doc.blocks)
    {
        doc.meta.title = title;
    }
    Ok(doc)
}

fn read_json(text: &str, origin: &str) -> Result<Document, ReadError> {
    serde_json::from_str(text).map_err(|e| ReadError::Json {
        origin: origin.to_string(),
        line: e.line(),
        column: e.column(),
        message: strip_json_location(&e.to_string()),
    })
}

fn strip_json_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn first_h1(blocks: &[Block]) -> Option<String> {
    blocks.iter().find_map(|b| match b {
        Block::Heading {
            level: 1, content, ..
        } => Some(plain_text(content).trim().to_string()).filter(|t| !t.is_empty()),
        _ => None,
    })
}

/// `pain-diary_v2` -> `Pain diary v2`: a readable title when the author gave none.
fn title_from_file_stem(stem: &str) -> String {
    let words: String = stem
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Untitled".to_string(),
    }
}

/// 1-based line and column (in characters) just after `prefix`.
fn line_column(prefix: &[u8]) -> (usize, usize) {
    // Lines end at `\n`, `\r\n` or a lone `\r` (old Mac files), as Markdown says.
    let lone_cr = prefix
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count()
        + usize::from(prefix.last() == Some(&b'\r'));
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + lone_cr + 1;
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&prefix[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_nul_or_bad_byte_is_named_at_its_place() {
        // UTF-16 without a byte-order mark, with a non-ASCII letter: the NUL comes first.
        let err = decode(b"a\x00b\x00\xe9\x00", "u.md").unwrap_err();
        assert!(
            matches!(
                err,
                ReadError::Nul {
                    line: 1,
                    column: 2,
                    ..
                }
            ),
            "{err}"
        );
        // Old Mac line endings count as lines.
        let err = decode(b"a\rb\rc\xff", "mac.md").unwrap_err();
        assert!(
            matches!(
                err,
                ReadError::NotUtf8 {
                    line: 3,
                    column: 2,
                    ..
                }
            ),
            "{err}"
        );
        let err = decode(b"a\r\nb\xff", "dos.md").unwrap_err();
        assert!(
            matches!(
                err,
                ReadError::NotUtf8 {
                    line: 2,
                    column: 2,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn control_characters_separate_words_in_the_model() {
        let doc = read_bytes(
            b"one\x0ctwo\x01three\x1b[2Jfour\n",
            "c.md",
            None,
            Flavour::Markdown,
        )
        .unwrap();
        let Block::Paragraph { content, .. } = &doc.blocks[0] else {
            panic!("a paragraph: {:?}", doc.blocks);
        };
        assert_eq!(plain_text(content), "one two three [2Jfour");
    }
    use crate::model::{CalloutKind, Inline};

    fn md(text: &str) -> Document {
        read_str(text, "t.md", Flavour::Markdown).unwrap()
    }

    #[test]
    fn spans_count_front_matter_lines() {
        let doc = md("---\ntitle: T\n---\n\n# Heading\n\nPara\n");
        assert_eq!(doc.blocks[0].span().line, 5);
        assert_eq!(doc.blocks[1].span().line, 7);
        assert_eq!(doc.blocks[1].span().column, 1);
    }

    #[test]
    fn title_falls_back_to_first_h1_then_file_name() {
        assert_eq!(md("Intro\n\n# Real title\n").meta.title, "Real title");
        let doc = read_bytes(
            b"no heading",
            "x",
            Some(Path::new("content/pain-diary.md")),
            Flavour::Markdown,
        )
        .unwrap();
        assert_eq!(doc.meta.title, "Pain diary");
        assert_eq!(doc.meta.language, "en");
    }

    #[test]
    fn heading_ids_are_unique_and_stable() {
        let doc = md("## Intro\n\n## Intro\n\n## *Intro*\n\n## !!\n");
        let ids: Vec<_> = doc.toc().into_iter().map(|e| e.id).collect();
        assert_eq!(ids, ["intro", "intro-1", "intro-2", "section"]);
    }

    #[test]
    fn alerts_become_callouts_with_optional_titles() {
        let doc = md("> [!WARNING] When to call\n> Call now.\n\n> [!TIP]\n> Rest.\n");
        match &doc.blocks[0] {
            Block::Callout { kind, title, .. } => {
                assert_eq!(*kind, CalloutKind::Warning);
                assert_eq!(title.as_deref(), Some("When to call"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            &doc.blocks[1],
            Block::Callout {
                kind: CalloutKind::Tip,
                title: None,
                ..
            }
        ));
    }

    #[test]
    fn footnotes_are_numbered_by_first_reference_and_unused_ones_kept() {
        let doc =
            md("A[^b] and B[^a].\n\n[^a]: first defined\n[^b]: second defined\n[^c]: unused\n");
        let numbers: Vec<_> = doc
            .footnotes
            .iter()
            .map(|f| (f.label.as_str(), f.number))
            .collect();
        assert_eq!(numbers, [("b", Some(1)), ("a", Some(2)), ("c", None)]);
    }

    #[test]
    fn task_lists_tables_definitions_and_math() {
        let doc = md(
            "- [x] done\n- [ ] todo\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\nTerm\n: Details\n\n$x^2$\n",
        );
        match &doc.blocks[0] {
            Block::List { items, .. } => {
                assert_eq!(items[0].task, Some(true));
                assert_eq!(items[1].task, Some(false));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&doc.blocks[1], Block::Table { rows, .. } if rows.len() == 1));
        assert!(matches!(&doc.blocks[2], Block::DefinitionList { items, .. } if items.len() == 1));
        assert!(matches!(&doc.blocks[3], Block::Paragraph { content, .. }
            if matches!(&content[0], Inline::Math { tex, .. } if tex == "x^2")));
    }

    #[test]
    fn images_keep_plain_alt_text() {
        let doc = md("![A *pain* scale](scale.png \"Scale\")\n");
        let Block::Paragraph { content, .. } = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(
            content[0],
            Inline::Image {
                url: "scale.png".into(),
                alt: "A pain scale".into(),
                title: Some("Scale".into())
            }
        );
    }

    #[test]
    fn commonmark_flavour_has_no_front_matter_or_extensions() {
        let doc = read_str("---\ntitle: x\n---\n~~no~~\n", "t", Flavour::Commonmark).unwrap();
        assert!(matches!(doc.blocks[0], Block::Rule { .. }));
        assert_eq!(doc.meta.title, "");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = read_bytes(b"ok\nab\xff", "bad.md", None, Flavour::Markdown).unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad.md:2:3: not valid UTF-8 (folio reads UTF-8 text only)"
        );
    }

    #[test]
    fn json_round_trips_the_model() {
        let doc = md("---\ntitle: T\nshelf: 3\n---\n# H\n\nText[^1]\n\n[^1]: Note\n");
        let json = serde_json::to_string(&doc).unwrap();
        let back = read_str(&json, "x.json", Flavour::Json).unwrap();
        assert_eq!(doc, back);
        let err = read_str("{\"meta\": 3}", "x.json", Flavour::Json).unwrap_err();
        assert!(err.to_string().starts_with("x.json:1:"), "{err}");
    }

    #[test]
    fn absurd_nesting_is_flattened_not_lost() {
        let text = format!("{}deep words\n", "> ".repeat(5000));
        let doc = md(&text);
        let json = serde_json::to_string(&doc).unwrap();
        assert!(json.contains("deep words"));
    }
}

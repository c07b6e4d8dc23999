//! Front matter: a YAML (`---`) or TOML (`+++`) block at the very top of a Markdown file.
//!
//! [`split`] finds the block and the line where the body starts; [`parse`] turns the block into
//! typed [`Meta`] fields plus the keys folio does not know (kept, not dropped). Errors carry the
//! 1-based line in the *file*, so the user can jump straight to it.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::Meta;

/// The syntax of a front-matter block, told by its fence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Toml,
}

/// A front-matter block cut from the top of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    pub syntax: Syntax,
    /// The text between the fences.
    pub text: &'a str,
    /// 1-based file line of the first line of `text`.
    pub first_line: usize,
}

/// The result of cutting front matter off a file: the block (if any) and the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub front_matter: Option<FrontMatter<'a>>,
    pub body: &'a str,
    /// How many file lines precede `body` (to turn body line numbers into file line numbers).
    pub body_line_offset: usize,
}

/// A front-matter problem: a message and the 1-based file line it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

impl FrontMatterError {
    fn new(line: usize, message: impl Into<String>) -> Self {
        FrontMatterError {
            line,
            message: message.into(),
        }
    }
}

/// The metadata of the document at `path` from its front matter alone (a file of at most
/// `max_bytes`), for what one document needs to know of another (a translation's source):
/// empty when it has none; `None` when it cannot be read or its front matter is wrong
/// (reading the document itself says why).
pub fn read_meta(path: &std::path::Path, max_bytes: u64) -> Option<Meta> {
    let bytes = crate::limits::read_file_capped(path, max_bytes).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    match split(text).ok()?.front_matter {
        Some(fm) => parse(&fm).ok(),
        None => Some(Meta::default()),
    }
}

/// Cuts a front-matter block off the top of `text`.
///
/// The opening fence must be the first line (`---` or `+++`, trailing spaces allowed); the block
/// ends at the next line that is the same fence (YAML may also close with `...`). An opening
/// fence without a closing one is an error: silently treating the whole file as metadata, or as
/// a thematic break, would both surprise the author.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let no_front_matter = Split {
        front_matter: None,
        body: text,
        body_line_offset: 0,
    };
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_end].trim_end();
    let (syntax, closers): (Syntax, &[&str]) = match first {
        "---" => (Syntax::Yaml, &["---", "..."]),
        "+++" => (Syntax::Toml, &["+++"]),
        _ => return Ok(no_front_matter),
    };
    if first_end == text.len() {
        return Err(FrontMatterError::new(
            1,
            format!("front matter opened with `{first}` is never closed"),
        ));
    }
    let inner_start = first_end + 1;
    let mut offset = inner_start;
    for (line, raw_line) in (2..).zip(text[inner_start..].split_inclusive('\n')) {
        let content = raw_line.trim_end();
        if closers.contains(&content) {
            let body_start = offset + raw_line.len();
            return Ok(Split {
                front_matter: Some(FrontMatter {
                    syntax,
                    text: &text[inner_start..offset],
                    first_line: 2,
                }),
                body: &text[body_start..],
                body_line_offset: line,
            });
        }
        offset += raw_line.len();
    }
    Err(FrontMatterError::new(
        1,
        format!(
            "front matter opened with `{first}` is never closed (expected a closing `{first}` line)"
        ),
    ))
}

/// The fields folio understands, with the types the author may use for them.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct KnownFields {
    title: Option<String>,
    subtitle: Option<String>,
    /// `author: Name` or `authors: [A, B]`: both are common in the wild.
    author: Option<OneOrMany>,
    authors: Option<OneOrMany>,
    date: Option<DateText>,
    #[serde(alias = "lang")]
    language: Option<String>,
    #[serde(alias = "description")]
    summary: Option<String>,
    keywords: Option<OneOrMany>,
    organization: Option<String>,
    reviewed_by: Option<String>,
    review_date: Option<DateText>,
    version: Option<VersionText>,
    disclaimer: Option<String>,
    dir: Option<String>,
    translation_of: Option<String>,
}

/// The keys front matter gives a meaning to. Others are kept (`meta.extra`) as they are.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "subtitle",
    "author",
    "authors",
    "date",
    "language",
    "lang",
    "summary",
    "description",
    "keywords",
    "organization",
    "reviewed_by",
    "review_date",
    "version",
    "disclaimer",
    "dir",
    "translation_of",
];

/// Keys read from `meta.extra` by others: the EPUB's `identifier`, the lint settings `check`.
const READ_ELSEWHERE: &[&str] = &["identifier", "check"];

/// The known key an unknown one was probably meant to be (`review-date`, `Reviewed_By`,
/// `reveiw_date`), or `None` for a key of the author's own (`shelf`, `audience`).
pub fn meant_key(key: &str) -> Option<&'static str> {
    if KNOWN_KEYS.contains(&key) || READ_ELSEWHERE.contains(&key) {
        return None;
    }
    let normal: String = key
        .trim()
        .chars()
        .map(|c| match c {
            '-' | ' ' | '.' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let known = KNOWN_KEYS.iter().chain(READ_ELSEWHERE).copied();
    if let Some(same) = known.clone().find(|k| *k == normal) {
        return Some(same);
    }
    // One or two slips in a key of at least five letters; a short key must be closer.
    let allowed = if normal.chars().count() >= 5 { 2 } else { 1 };
    known
        .map(|k| (strsim::damerau_levenshtein(&normal, k), k))
        .filter(|(distance, _)| *distance <= allowed)
        .min()
        .map(|(_, k)| k)
}

/// A string or a list of strings (`keywords: a, b` is split on commas).
#[derive(Debug, Deserialize)]
#[serde(untagged, expecting = "a string or a list of strings")]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self, split_commas: bool) -> Vec<String> {
        match self {
            OneOrMany::One(s) if split_commas => s
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            OneOrMany::One(s) => vec![s.trim().to_string()],
            OneOrMany::Many(v) => v.into_iter().map(|s| s.trim().to_string()).collect(),
        }
    }
}

/// A date written as a string (YAML, TOML) or as a native TOML date.
#[derive(Debug, Deserialize)]
#[serde(untagged, expecting = "a date such as 2024-05-01")]
enum DateText {
    Text(String),
    Toml(toml::value::Datetime),
}

impl DateText {
    fn into_string(self) -> String {
        match self {
            DateText::Text(s) => s.trim().to_string(),
            DateText::Toml(d) => d.to_string(),
        }
    }
}

/// A version written as text or as a number (`version: 1.2`).
#[derive(Debug, Deserialize)]
#[serde(untagged, expecting = "a version such as \"1.2\"")]
enum VersionText {
    Text(String),
    Integer(i64),
    Float(f64),
}

impl VersionText {
    fn into_string(self) -> String {
        match self {
            VersionText::Text(s) => s,
            VersionText::Integer(i) => i.to_string(),
            VersionText::Float(f) => f.to_string(),
        }
    }
}

/// Parses a front-matter block into [`Meta`]. `title` and `language` are left empty when
/// absent: the reader fills them from the body, the file name or the project.
pub fn parse(fm: &FrontMatter<'_>) -> Result<Meta, FrontMatterError> {
    let (known, extra) = match fm.syntax {
        Syntax::Yaml => parse_yaml(fm)?,
        Syntax::Toml => parse_toml(fm)?,
    };
    // Given but blank is a mistake, not "use the project's language".
    if known
        .language
        .as_deref()
        .is_some_and(|l| l.trim().is_empty())
    {
        let key = language_key(fm);
        return Err(FrontMatterError::new(
            line_of_key(fm, key),
            format!("`{key}` is empty: give a BCP 47 language tag such as `en`, or leave it out"),
        ));
    }
    let mut meta = Meta {
        title: known.title.unwrap_or_default().trim().to_string(),
        subtitle: known.subtitle,
        authors: known
            .authors
            .or(known.author)
            .map(|a| a.into_vec(false))
            .unwrap_or_default(),
        date: known.date.map(DateText::into_string),
        // Left empty when absent: the reader fills it from the project's default.
        language: known
            .language
            .map(|l| l.trim().to_string())
            .unwrap_or_default(),
        summary: known.summary.map(|s| s.trim().to_string()),
        keywords: known.keywords.map(|k| k.into_vec(true)).unwrap_or_default(),
        organization: known.organization,
        reviewed_by: known.reviewed_by,
        review_date: known.review_date.map(DateText::into_string),
        version: known.version.map(VersionText::into_string),
        disclaimer: known.disclaimer.map(|s| s.trim().to_string()),
        dir: known.dir.map(|d| d.trim().to_ascii_lowercase()),
        translation_of: known
            .translation_of
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
        terms: BTreeMap::new(),
        extra,
    };
    validate(fm, &mut meta)?;
    Ok(meta)
}

type Parsed = (KnownFields, BTreeMap<String, serde_json::Value>);

fn parse_yaml(fm: &FrontMatter<'_>) -> Result<Parsed, FrontMatterError> {
    if fm.text.trim().is_empty() {
        return Ok((KnownFields::default(), BTreeMap::new()));
    }
    // The parser may notice a problem only at the end of the block; point at its last line
    // rather than at the closing fence.
    let last_line = fm.text.lines().count().saturating_sub(1);
    let yaml_error = |e: serde_yaml_ng::Error| {
        let line = e
            .location()
            .map_or(0, |l| l.line().saturating_sub(1))
            .min(last_line);
        let message = strip_location(&e.to_string());
        FrontMatterError::new(
            fm.first_line + line,
            format!("invalid YAML front matter: {message}"),
        )
    };
    // Parse once untyped to tell "not a mapping" apart from a field of the wrong type.
    let value: serde_yaml_ng::Value = serde_yaml_ng::from_str(fm.text).map_err(yaml_error)?;
    let mapping = match value {
        serde_yaml_ng::Value::Mapping(m) => m,
        serde_yaml_ng::Value::Null => return Ok((KnownFields::default(), BTreeMap::new())),
        _ => {
            return Err(FrontMatterError::new(
                fm.first_line,
                "front matter must be a mapping of keys to values (e.g. `title: My handout`)",
            ));
        }
    };
    // Typed pass. Errors inside "string or list" fields carry no position, so the offending
    // key is found by trying each known key alone, and reported at its own line.
    let known: KnownFields =
        match serde_yaml_ng::from_value(serde_yaml_ng::Value::Mapping(mapping.clone())) {
            Ok(known) => known,
            Err(e) => {
                let culprit = mapping.iter().find_map(|(key, value)| {
                    let key = key.as_str()?;
                    let mut alone = serde_yaml_ng::Mapping::new();
                    alone.insert(key.into(), value.clone());
                    serde_yaml_ng::from_value::<KnownFields>(serde_yaml_ng::Value::Mapping(alone))
                        .err()
                        .map(|e| (key.to_string(), e))
                });
                let (key, e) = culprit.unwrap_or_else(|| (String::new(), e));
                return Err(FrontMatterError::new(
                    line_of_key(fm, &key),
                    format!("front matter `{key}`: {}", strip_location(&e.to_string())),
                ));
            }
        };
    let mut extra = BTreeMap::new();
    for (key, value) in mapping {
        let Some(key) = key.as_str().map(String::from) else {
            return Err(FrontMatterError::new(
                fm.first_line,
                "front matter keys must be strings",
            ));
        };
        if KNOWN_KEYS.contains(&key.as_str()) {
            continue;
        }
        let json = serde_json::to_value(&value).map_err(|e| {
            FrontMatterError::new(
                line_of_key(fm, &key),
                format!("front matter key `{key}` has a value folio cannot keep: {e}"),
            )
        })?;
        extra.insert(key, json);
    }
    Ok((known, extra))
}

fn parse_toml(fm: &FrontMatter<'_>) -> Result<Parsed, FrontMatterError> {
    let toml_error = |e: toml::de::Error| {
        let line = e.span().map_or(0, |span| {
            fm.text[..span.start.min(fm.text.len())]
                .matches('\n')
                .count()
        });
        FrontMatterError::new(
            fm.first_line + line,
            format!("invalid TOML front matter: {}", e.message()),
        )
    };
    let table: toml::Table = toml::from_str(fm.text).map_err(toml_error)?;
    let known: KnownFields = KnownFields::deserialize(table.clone()).map_err(|e| {
        // As for YAML: find the key whose value has the wrong type.
        let key = table
            .iter()
            .find(|(key, value)| {
                let mut alone = toml::Table::new();
                alone.insert((*key).clone(), (*value).clone());
                KnownFields::deserialize(alone).is_err()
            })
            .map(|(key, _)| key.clone())
            .unwrap_or_default();
        FrontMatterError::new(
            line_of_key(fm, &key),
            format!("front matter `{key}`: {}", e.message().trim_end()),
        )
    })?;
    let extra = table
        .into_iter()
        .filter(|(key, _)| !KNOWN_KEYS.contains(&key.as_str()))
        .map(|(key, value)| (key, toml_to_json(value)))
        .collect();
    Ok((known, extra))
}

/// TOML values as JSON, with dates as their ISO text (not toml's private wrapper object).
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// serde_yaml appends " at line L column C" to its messages; we print the line ourselves.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The file line on which `key` is set, for errors found after deserializing.
fn line_of_key(fm: &FrontMatter<'_>, key: &str) -> usize {
    fm.text
        .lines()
        .position(|line| {
            let line = line.trim_start().trim_start_matches(['"', '\'']);
            line.strip_prefix(key).is_some_and(|rest| {
                let rest = rest.trim_start_matches(['"', '\'']).trim_start();
                rest.starts_with(':') || rest.starts_with('=')
            })
        })
        .map_or(fm.first_line, |i| fm.first_line + i)
}

/// Checks values whose type is right but whose content is not (a date that is no date, a
/// language tag that is no tag).
fn validate(fm: &FrontMatter<'_>, meta: &mut Meta) -> Result<(), FrontMatterError> {
    for (key, value) in [("date", &meta.date), ("review_date", &meta.review_date)] {
        if let Some(date) = value
            && !is_iso_date(date)
        {
            return Err(FrontMatterError::new(
                line_of_key(fm, key),
                format!("`{key}` must be an ISO 8601 date such as 2024-05-01, not `{date}`"),
            ));
        }
    }
    if let Some(dir) = &meta.dir
        && !crate::language::DIRECTIONS.contains(&dir.as_str())
    {
        return Err(FrontMatterError::new(
            line_of_key(fm, "dir"),
            format!("`dir` must be `ltr`, `rtl` or `auto`, not `{dir}`"),
        ));
    }
    if !meta.language.is_empty() && !is_bcp47(&meta.language) {
        let key = language_key(fm);
        return Err(FrontMatterError::new(
            line_of_key(fm, key),
            format!(
                "`{key}` must be a BCP 47 language tag such as `en` or `es-MX`, not `{}`",
                meta.language
            ),
        ));
    }
    Ok(())
}

/// Which spelling of the language key the author used, for messages.
fn language_key(fm: &FrontMatter<'_>) -> &'static str {
    if fm.text.contains("lang:") || fm.text.contains("lang =") {
        "lang"
    } else {
        "language"
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally followed by `T` or a space and a time.
pub fn is_iso_date(text: &str) -> bool {
    let date = text.split(['T', ' ']).next().unwrap_or("");
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let in_range =
        |s: &str, lo: u32, hi: u32| s.parse::<u32>().is_ok_and(|v| (lo..=hi).contains(&v));
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 1, 12),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && digits(d, 2) && in_range(m, 1, 12) && in_range(d, 1, 31)
        }
        _ => false,
    }
}

/// A light BCP 47 check: a 2–3 letter primary subtag (the 5–8 letter range is reserved), then alphanumeric
/// subtags of 1–8 characters. Enough to catch `english` or `en_US`.
pub fn is_bcp47(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let Some(primary) = subtags.next() else {
        return false;
    };
    let primary_ok = primary.bytes().all(|b| b.is_ascii_alphabetic())
        && matches!(primary.len(), 2 | 3)
        || primary.eq_ignore_ascii_case("x")
        || primary.eq_ignore_ascii_case("i");
    primary_ok
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Meta, FrontMatterError> {
        let split = split(text)?;
        parse(&split.front_matter.expect("front matter"))
    }

    #[test]
    fn no_front_matter_leaves_text_alone() {
        let s = split("# Title\n\nBody\n").unwrap();
        assert!(s.front_matter.is_none());
        assert_eq!(s.body, "# Title\n\nBody\n");
        assert_eq!(s.body_line_offset, 0);
    }

    #[test]
    fn yaml_front_matter_is_typed_and_keeps_unknown_keys() {
        let text = "---\ntitle: Pain diary\nauthors: [Ann, Bo]\ndate: 2024-05-01\nkeywords: pain, diary\nversion: 1.2\ncustom:\n  nested: true\n---\n\nBody\n";
        let s = split(text).unwrap();
        assert_eq!(s.body, "\nBody\n");
        assert_eq!(s.body_line_offset, 9);
        let meta = parse(&s.front_matter.unwrap()).unwrap();
        assert_eq!(meta.title, "Pain diary");
        assert_eq!(meta.authors, ["Ann", "Bo"]);
        assert_eq!(meta.date.as_deref(), Some("2024-05-01"));
        assert_eq!(meta.keywords, ["pain", "diary"]);
        assert_eq!(meta.version.as_deref(), Some("1.2"));
        assert_eq!(meta.language, "", "left for the reader to fill");
        assert_eq!(meta.extra["custom"], serde_json::json!({"nested": true}));
    }

    #[test]
    fn toml_front_matter_accepts_native_dates() {
        let meta = parse_text(
            "+++\ntitle = \"T\"\nauthor = \"Ann\"\nreview_date = 2026-09-15\nlanguage = \"es-MX\"\nshelf = 3\n+++\nBody\n",
        )
        .unwrap();
        assert_eq!(meta.authors, ["Ann"]);
        assert_eq!(meta.review_date.as_deref(), Some("2026-09-15"));
        assert_eq!(meta.language, "es-MX");
        assert_eq!(meta.extra["shelf"], serde_json::json!(3));
    }

    #[test]
    fn unclosed_front_matter_is_an_error_on_line_one() {
        let err = split("---\ntitle: x\n\nBody\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("never closed"), "{}", err.message);
    }

    #[test]
    fn malformed_yaml_names_its_file_line() {
        let err = parse_text("---\ntitle: ok\nauthors: [unclosed\n---\n").unwrap_err();
        assert!(err.line >= 3, "line {}", err.line);
        assert!(err.message.starts_with("invalid YAML"), "{}", err.message);
    }

    #[test]
    fn wrong_type_names_the_line_of_the_key() {
        let err = parse_text("---\ntitle: ok\nsubtitle:\n  - a\n  - b\n---\n").unwrap_err();
        assert_eq!(err.line, 3, "{}", err.message);
        assert!(err.message.contains("subtitle"), "{}", err.message);
        let err = parse_text("+++\ntitle = \"ok\"\nauthors = 5\n+++\n").unwrap_err();
        assert_eq!(err.line, 3, "{}", err.message);
    }

    #[test]
    fn bad_dates_and_languages_are_rejected_with_their_line() {
        let err = parse_text("---\ntitle: t\nreview_date: last spring\n---\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("review_date"));
        let err = parse_text("---\ntitle: x\nlanguage: \"  \"\n---\n").unwrap_err();
        assert_eq!(err.line, 3, "{}", err.message);
        let err = parse_text("---\nlanguage: en_US\n---\n").unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn front_matter_that_is_not_a_mapping_is_an_error() {
        let err = parse_text("---\njust a sentence\n---\n").unwrap_err();
        assert!(err.message.contains("mapping"));
    }

    #[test]
    fn a_key_with_a_slip_is_matched_to_the_key_meant() {
        assert_eq!(meant_key("review-date"), Some("review_date"));
        assert_eq!(meant_key("Reviewed_By"), Some("reviewed_by"));
        assert_eq!(meant_key("reveiw_date"), Some("review_date"));
        assert_eq!(meant_key("titel"), Some("title"));
        assert_eq!(meant_key("summery"), Some("summary"));
        assert_eq!(meant_key("review_date"), None);
        assert_eq!(meant_key("check"), None);
        assert_eq!(meant_key("shelf"), None);
        assert_eq!(meant_key("audience"), None);
        assert_eq!(meant_key("x"), None);
    }

    #[test]
    fn iso_dates_and_language_tags() {
        assert!(is_iso_date("2024"));
        assert!(is_iso_date("2024-05"));
        assert!(is_iso_date("2024-05-01T10:00:00Z"));
        assert!(!is_iso_date("2024-13-01"));
        assert!(!is_iso_date("May 2024"));
        assert!(is_bcp47("en"));
        assert!(is_bcp47("zh-Hant-TW"));
        assert!(!is_bcp47("english"));
        assert!(!is_bcp47(""));
    }
}

//! `folio check`: lints over the document model, for the people who write patient handouts.
//!
//! Each lint reads one [`Document`] (plus its source text, for positions) and says what a
//! careful editor would: the text reads above the target grade, a sentence cites research
//! nobody can find, the review date is missing or old, an image has no description, a link
//! points nowhere. Lints never change the document and never stop a build on their own: the
//! caller decides what an error means (`folio check` exits 1; `folio build` reports a summary).
//!
//! Module map: [`lints`] names every lint and its default severity; [`settings`] is the
//! `[check]` table of folio.toml and the `check:` key of front matter; [`prose`] finds the
//! sentences and words of a document; [`readability`], [`claims`], [`hygiene`],
//! [`accessibility`] and [`integrity`] are the lints; [`diagnostic`] is what they report and
//! [`report`] prints it like rustc (or as JSON); [`run`] is the command.

pub mod accessibility;
pub mod claims;
pub mod diagnostic;
pub mod hygiene;
pub mod integrity;
pub mod lints;
pub mod locate;
pub mod prose;
pub mod readability;
pub mod report;
pub mod run;
pub mod settings;
pub mod syllables;

use serde::{Deserialize, Serialize};

pub use diagnostic::{Diagnostic, Severity};
pub use lints::Lint;
pub use settings::{CheckConfig, DocumentSettings};

use crate::model::Document;
use locate::SourceMap;

/// What one document's lints found, and what the project-wide lints need to know of it
/// (kept in the build cache, so an unchanged document need not be read again).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Findings {
    pub diagnostics: Vec<Diagnostic>,
    /// The ids other documents may link to (`other.md#id`).
    pub anchors: Vec<String>,
    /// Links to other local files, checked once every document is known.
    pub links: Vec<integrity::LocalLink>,
}

/// The facts about a document that do not come from the document: where it is, what the
/// project says, what day it is.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// The document's path as shown to the user (relative to the project).
    pub path: &'a str,
    pub config: &'a CheckConfig,
    /// Whether folio.toml names a language for every document.
    pub project_language: bool,
    /// Today, as days since 1970-01-01 (SOURCE_DATE_EPOCH when set).
    pub today: i64,
    /// The document's folder and the project root, for images; `None` when reading stdin.
    pub files: Option<integrity::Files<'a>>,
}

/// Runs every lint of one document. `source` is the text the document was read from.
pub fn check_document(doc: &Document, source: &str, cx: &Context<'_>) -> Findings {
    let map = SourceMap::new(source);
    let (settings, mut diagnostics) = DocumentSettings::resolve(doc, &map, cx);
    let anchors = integrity::anchors(doc);
    if settings.all_off {
        return Findings {
            diagnostics,
            anchors,
            links: Vec::new(),
        };
    }
    let prose = prose::Prose::of(doc);
    let (integrity_found, links) = integrity::check(doc, &map, cx);
    let mut found: Vec<Diagnostic> = Vec::new();
    found.extend(readability::check(doc, &prose, &map, &settings, cx.path));
    found.extend(claims::check(&prose, &map, cx.path));
    found.extend(hygiene::check(doc, &map, cx, &settings));
    found.extend(accessibility::check(doc, &map, cx.path));
    found.extend(integrity_found);
    for mut d in found {
        if let Some(severity) = settings.severity(d.lint, d.severity) {
            d.severity = severity;
            diagnostics.push(d);
        }
    }
    diagnostic::sort(&mut diagnostics);
    // Links from this document are judged by its settings too.
    let links = match settings.severity(Lint::BrokenLink, Lint::BrokenLink.default_severity()) {
        Some(severity) => links
            .into_iter()
            .map(|link| integrity::LocalLink { severity, ..link })
            .collect(),
        None => Vec::new(),
    };
    Findings {
        diagnostics,
        anchors,
        links,
    }
}

/// Runs every lint of a document of a project, read from `file` (shown as `path`), in a
/// project whose canonical folder is `root`: what `folio check` and `folio build` both do.
/// Images are found relative to the document's folder as it is named, as the build finds
/// them.
pub fn check_project_document(
    doc: &Document,
    source: &str,
    path: &str,
    file: &std::path::Path,
    root: &std::path::Path,
    config: &crate::config::Config,
    today: i64,
) -> Findings {
    let cx = Context {
        path,
        config: &config.check,
        project_language: config.project.language.is_some(),
        today,
        files: Some(integrity::Files {
            doc_dir: file.parent().unwrap_or(root),
            root,
            max_bytes: config.limits.max_file_bytes(),
        }),
    };
    check_document(doc, source, &cx)
}

/// Today as days since 1970: SOURCE_DATE_EPOCH (so a build is reproducible) or the clock.
pub fn today(source_date_epoch: Option<i64>) -> i64 {
    let seconds = source_date_epoch.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    });
    seconds.div_euclid(86_400)
}

/// Counts by severity, for one-line summaries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Tally {
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Tally {
        let mut tally = Tally::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Note => tally.notes += 1,
            }
        }
        tally
    }

    /// Whether the run fails: any error, or any warning when warnings are denied.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.errors > 0 || (deny_warnings && self.warnings > 0)
    }
}

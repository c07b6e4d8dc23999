//! What one document's lints found, in the shape the build cache keeps: the diagnostics, and
//! what the checks across documents need to know of it (the ids a link to it may name,
//! its links to other files).

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::render::anchors::Targets;

/// What one document's lints found, and what the project-wide lints need to know of it
/// (kept in the build cache, so an unchanged document need not be read again).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Findings {
    pub diagnostics: Vec<Diagnostic>,
    /// The ids other documents may link to (`other.md#id`).
    pub targets: Targets,
    /// Links to other local files, checked once every document is known.
    pub links: Vec<LocalLink>,
    /// The document's review date, which its translations are compared with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_date: Option<String>,
    /// The document this one translates (front matter `translation_of`), at the key's line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_of: Option<LocalLink>,
}

/// A link from a document to another file of the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalLink {
    pub url: String,
    /// The file it leads to, relative to the project root with `/` separators; `None` when
    /// the path climbs out of the project.
    pub target: Option<String>,
    pub fragment: Option<String>,
    pub location: Location,
    /// The severity the linking document gives a broken link.
    pub severity: Severity,
}

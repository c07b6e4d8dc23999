//! The facts about a document that do not come from the document: where it is, what the
//! project says, what day it is.

use std::path::Path;

use super::config::CheckConfig;

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
    pub files: Option<Files<'a>>,
}

/// Where a document's files are: its folder and the project root (canonical).
#[derive(Debug, Clone, Copy)]
pub struct Files<'a> {
    pub doc_dir: &'a Path,
    pub root: &'a Path,
    /// The largest image read.
    pub max_bytes: u64,
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

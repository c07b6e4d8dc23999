//! What a build tells its caller: each output file's outcome as it is done ([`Observer`]),
//! and the whole [`BuildReport`] at the end.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Tally};
use crate::error::Error;

/// What happened to one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Written,
    Unchanged,
    Failed,
}

/// Follows a build as it goes (a progress bar, a log). Called from worker threads.
pub trait Observer: Sync {
    /// `total` output files will be considered.
    fn planned(&self, _total: usize) {}
    /// One of them is done.
    fn finished(&self, _path: &Path, _outcome: Outcome) {}
}

/// An observer that does nothing with what it is told.
pub struct Silent;
impl Observer for Silent {}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub documents: usize,
    /// Files written, sorted.
    pub written: Vec<PathBuf>,
    /// Files left as they were because nothing they depend on changed, sorted.
    pub unchanged: Vec<PathBuf>,
    /// Outputs of documents that no longer exist, deleted.
    pub removed: Vec<PathBuf>,
    /// One message per failed document (or output file): read errors in source order, then
    /// render errors in job order.
    pub errors: Vec<Error>,
    /// What writers noticed but could handle (a glyph no font has, raw HTML left out), in
    /// source order, each once.
    pub warnings: Vec<Diagnostic>,
    /// Every finding of the checks (what `folio check` would report), in source order.
    pub findings: Vec<Diagnostic>,
    /// The text of each document a warning or finding is about, by its shown path, for
    /// showing the lines they point at.
    pub sources: BTreeMap<String, String>,
    /// The build was stopped by Ctrl-C before every file was made.
    pub interrupted: bool,
    /// Files of the content folder that are not documents, and why (`--verbose` lists them).
    pub skipped: Vec<crate::discover::Skipped>,
}

impl BuildReport {
    /// What the checks (`folio check`) found in every document, counted.
    pub fn check_tally(&self) -> Tally {
        Tally::of(&self.findings)
    }
}

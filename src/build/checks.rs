//! The checks of `folio check`, run by the build beside the rendering: every parsed
//! document checked, the others' findings taken from the cache, then the links between them.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::digest::Fingerprint;

use super::cache::{self, BUILD_ID, Cache};
use super::documents::Doc;
use super::project::Project;

/// What the checks of a build depend on besides each document.
pub(super) struct CheckSettings {
    pub(super) fingerprint: String,
    pub(super) today: i64,
}

impl CheckSettings {
    pub(super) fn of(project: &Project) -> Self {
        let today = crate::check::today(project.settings.source_date_epoch);
        let fingerprint = Fingerprint::new("folio-check-settings")
            .add_str(BUILD_ID)
            .add_str(&format!(
                "{:?} {:?}",
                project.config.check, project.config.project.language
            ))
            .finish();
        CheckSettings { fingerprint, today }
    }

    /// The key of a document's check results. Of the day, only what the review lints read
    /// counts (the months since the review), so a document without a review date keeps its
    /// key, and its cache entry, from one day to the next.
    pub(super) fn key(&self, document_key: &str, review_date: Option<&str>) -> String {
        let months = review_date.and_then(|d| crate::check::hygiene::months_since(d, self.today));
        Fingerprint::new("folio-check")
            .add_str(document_key)
            .add_str(&self.fingerprint)
            .add_str(&format!("{months:?}"))
            .finish()
    }
}

/// What the checks found in every document, and the results of documents checked in this
/// build, for the cache.
pub(super) struct Checks {
    /// Every finding, in source order.
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) fresh: Vec<(String, cache::CheckEntry)>,
}

/// Checks every parsed document, takes the last results of the others from the cache, then
/// checks the links between them. Documents that failed to read are reported as errors
/// already, and not counted again.
pub(super) fn run_checks(
    project: &Project,
    docs: &[Option<Doc>],
    previous: &Cache,
    settings: &CheckSettings,
) -> Checks {
    let root = project
        .root
        .canonicalize()
        .unwrap_or_else(|_| project.root.clone());
    let fresh: Vec<(String, cache::CheckEntry)> = docs
        .par_iter()
        .flatten()
        .filter_map(|doc| {
            let parsed = doc.parsed.as_ref()?;
            let text = String::from_utf8_lossy(&doc.bytes);
            let findings = crate::check::run::check_project_document(
                &parsed.doc,
                &text,
                &doc.source.shown,
                &doc.source.path,
                &root,
                &project.config,
                settings.today,
            );
            let key = settings.key(
                doc.key.as_deref().unwrap_or_default(),
                parsed.doc.meta.review_date.as_deref(),
            );
            Some((
                doc.source.shown.clone(),
                cache::CheckEntry { key, findings },
            ))
        })
        .collect();
    let mut all: BTreeMap<&str, &crate::check::Findings> = BTreeMap::new();
    for doc in docs.iter().flatten() {
        let shown = doc.source.shown.as_str();
        if let Some((_, entry)) = fresh.iter().find(|(s, _)| s == shown) {
            all.insert(shown, &entry.findings);
        } else if let Some(entry) = previous.documents.get(shown).and_then(|e| e.check.as_ref()) {
            all.insert(shown, &entry.findings);
        }
    }
    let documents: Vec<(&str, &crate::check::Findings)> = all.into_iter().collect();
    let links = crate::check::integrity::check_project(&documents, &project.root);
    let mut diagnostics: Vec<Diagnostic> = documents
        .iter()
        .flat_map(|(_, f)| f.diagnostics.iter().cloned())
        .chain(links)
        .collect();
    crate::diagnostics::sort(&mut diagnostics);
    Checks { diagnostics, fresh }
}

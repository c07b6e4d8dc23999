//! Translations as a set: a document that says which document it translates
//! (`translation_of:`) must name a document of the project, and must not have been reviewed
//! before it: a translation older than its source may leave out what the clinic changed.
//!
//! What this is not: the catalogue's "Also in" line or the HTML alternates (the build's
//! [`crate::build`] and the HTML writer), which read the same front-matter key.

use std::path::Path;

use crate::diagnostics::{Code, Diagnostic};

use super::findings::Findings;

/// The review date in the front matter of the document at `path`: `Some(None)` when it is
/// a document without one, `None` when it cannot be read as a document.
fn review_date_on_disk(path: &Path) -> Option<Option<String>> {
    if !crate::paths::is_markdown(path) {
        return None;
    }
    let limit = crate::limits::Limits::default().max_file_bytes();
    crate::read::front_matter::read_meta(path, limit).map(|meta| meta.review_date)
}

/// The project-wide translation findings, from every document's findings (the review date
/// and the `translation_of` link each records). A source that is not among them (`folio
/// check` given one file) is read from the project (`root`) for its review date.
pub fn check(documents: &[(&str, &Findings)], root: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (path, findings) in documents {
        let Some(link) = &findings.translation_of else {
            continue;
        };
        let checked = link
            .target
            .as_deref()
            .and_then(|t| documents.iter().find(|(p, _)| *p == t))
            .map(|(p, f)| (p.to_string(), f.review_date.clone()));
        let on_disk = || {
            let target = link.target.as_deref()?;
            let review_date = review_date_on_disk(&root.join(target))?;
            Some((target.to_string(), review_date))
        };
        let names_itself = link.target.as_deref() == Some(*path);
        let source = if names_itself {
            None
        } else {
            checked.or_else(on_disk)
        };
        let Some((source_path, source_review_date)) = source else {
            out.push(
                Diagnostic::new(
                    Code::StaleTranslation,
                    path,
                    link.location,
                    if names_itself {
                        format!("`translation_of: {}` names this document itself", link.url)
                    } else {
                        format!(
                            "`translation_of: {}` names no document of the project",
                            link.url
                        )
                    },
                )
                .label("no such document")
                .help("name the document this one translates, relative to this file, e.g. `translation_of: pain-diary.md`")
                .severity(link.severity),
            );
            continue;
        };
        let (Some(translated), Some(original)) = (&findings.review_date, &source_review_date)
        else {
            continue;
        };
        // ISO dates compare as text.
        if translated.get(..10) < original.get(..10) {
            out.push(
                Diagnostic::new(
                    Code::StaleTranslation,
                    path,
                    link.location,
                    format!(
                        "this translation was reviewed on {translated}, before its source `{source_path}` (reviewed on {original}): it may not say what the source says now"
                    ),
                )
                .label("older than its source")
                .help("compare it with the source, update it, then set its `review_date`")
                .severity(link.severity),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::findings::LocalLink;
    use crate::diagnostics::{Location, Severity};

    fn translation(of: &str, reviewed: &str) -> Findings {
        Findings {
            review_date: Some(reviewed.into()),
            translation_of: Some(LocalLink {
                url: of.rsplit('/').next().unwrap_or(of).into(),
                target: Some(of.into()),
                fragment: None,
                location: Location::line(7),
                severity: Severity::Warning,
            }),
            ..Findings::default()
        }
    }

    #[test]
    fn a_translation_reviewed_before_its_source_is_stale() {
        let source = Findings {
            review_date: Some("2026-09-15".into()),
            ..Findings::default()
        };
        let stale = translation("content/a.md", "2026-03-01");
        let fresh = translation("content/a.md", "2026-09-15");
        let lost = translation("content/gone.md", "2026-09-15");
        let found = check(
            &[
                ("content/a.md", &source),
                ("content/a.es.md", &stale),
                ("content/a.vi.md", &fresh),
                ("content/a.ar.md", &lost),
            ],
            Path::new("/nonexistent"),
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].path, "content/a.es.md");
        assert!(
            found[0]
                .message
                .contains("before its source `content/a.md`")
        );
        assert_eq!(found[0].location.line, 7);
        assert_eq!(found[1].path, "content/a.ar.md");
        assert!(found[1].message.contains("names no document"));
    }
}

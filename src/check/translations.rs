//! Translations as a set: a document that says which document it translates
//! (`translation_of:`) must name a document of the project, and must not have been reviewed
//! before it: a translation older than its source may leave out what the clinic changed.
//!
//! What this is not: the catalogue's "Also in" line or the HTML alternates (the build's
//! [`crate::build`] and the HTML writer), which read the same front-matter key.

use crate::diagnostics::{Code, Diagnostic};

use super::findings::Findings;

/// The project-wide translation findings, from every document's findings (the review date
/// and the `translation_of` link each records).
pub fn check(documents: &[(&str, &Findings)]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (path, findings) in documents {
        let Some(link) = &findings.translation_of else {
            continue;
        };
        let source = link
            .target
            .as_deref()
            .and_then(|t| documents.iter().find(|(p, _)| *p == t));
        let Some((source_path, source)) = source else {
            out.push(
                Diagnostic::new(
                    Code::StaleTranslation,
                    path,
                    link.location,
                    format!(
                        "`translation_of: {}` names no document of the project",
                        link.url
                    ),
                )
                .label("no such document")
                .help("name the document this one translates, relative to this file, e.g. `translation_of: pain-diary.md`")
                .severity(link.severity),
            );
            continue;
        };
        let (Some(translated), Some(original)) = (&findings.review_date, &source.review_date)
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
        let found = check(&[
            ("content/a.md", &source),
            ("content/a.es.md", &stale),
            ("content/a.vi.md", &fresh),
            ("content/a.ar.md", &lost),
        ]);
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

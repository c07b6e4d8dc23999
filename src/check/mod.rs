//! `folio check`: lints over the document model, for the people who write patient handouts.
//!
//! Each lint reads one [`Document`] (plus its source text, for positions) and says what a
//! careful editor would: the text reads above the target grade, a sentence cites research
//! nobody can find, the review date is missing or old, an image has no description, a link
//! points nowhere. Lints never change the document and never stop a build on their own: the
//! caller decides what an error means (`folio check` exits 1; `folio build` reports a summary).
//!
//! Module map: [`config`] is the `[check]` table of folio.toml, [`settings`] the settings of
//! one document (front matter's `check:` on top of the project's) and [`context`] the facts
//! around it; [`prose`] finds the sentences and words of a document; [`readability`],
//! [`claims`], [`hygiene`], [`accessibility`] and [`integrity`] are the lints; they report
//! [`Diagnostic`](crate::diagnostics::Diagnostic)s, collected in [`findings`]; [`report`]
//! prints them with the table of reading grades; [`run`] is the command. The codes and
//! their default severities are [`crate::diagnostics::Code`].

pub mod accessibility;
pub mod claims;
pub mod config;
pub mod context;
pub mod findings;
pub mod hygiene;
pub mod integrity;
pub mod language;
pub mod prose;
pub mod readability;
pub mod report;
pub mod run;
pub mod settings;
pub mod spanish;
pub mod syllables;
pub mod translations;

pub use config::CheckConfig;
pub use context::{Context, today};
pub use findings::Findings;
pub use settings::DocumentSettings;

use crate::diagnostics::{Code, Diagnostic, Severity, SourceMap, sort};
use crate::model::Document;
use crate::render::anchors::Targets;

/// Runs every lint of one document. `source` is the text the document was read from.
pub fn check_document(doc: &Document, source: &str, cx: &Context<'_>) -> Findings {
    let map = SourceMap::new(source);
    let (settings, mut diagnostics) = DocumentSettings::resolve(doc, &map, cx);
    let targets = Targets::of(doc);
    if settings.all_off {
        return Findings {
            diagnostics,
            targets,
            ..Findings::default()
        };
    }
    let prose = prose::Prose::of(doc);
    let (integrity_found, links) = integrity::check(doc, &targets, &map, cx);
    let mut found: Vec<Diagnostic> = Vec::new();
    found.extend(readability::check(doc, &prose, &map, &settings, cx.path));
    found.extend(claims::check(&prose, &map, cx.path));
    found.extend(hygiene::check(doc, &map, cx, &settings));
    found.extend(accessibility::check(doc, &map, cx.path));
    found.extend(integrity_found);
    for mut d in found {
        if let Some(severity) = settings.severity(d.code, d.severity) {
            d.severity = severity;
            diagnostics.push(d);
        }
    }
    sort(&mut diagnostics);
    // Links from this document are judged by its settings too.
    let links = match settings.severity(Code::BrokenLink, Code::BrokenLink.default_severity()) {
        Some(severity) => links
            .into_iter()
            .map(|link| findings::LocalLink { severity, ..link })
            .collect(),
        None => Vec::new(),
    };
    // A translation is judged against its source once every document is known.
    let translation_of = doc
        .meta
        .translation_of
        .as_deref()
        .filter(|_| {
            settings
                .severity(Code::StaleTranslation, Severity::Warning)
                .is_some()
        })
        .map(|of| findings::LocalLink {
            url: of.to_string(),
            target: crate::translations::resolve(cx.path, of),
            fragment: None,
            location: map.front_matter_key("translation_of").unwrap_or(map.top()),
            severity: settings
                .severity(Code::StaleTranslation, Severity::Warning)
                .unwrap_or(Severity::Warning),
        });
    Findings {
        diagnostics,
        targets,
        links,
        review_date: doc.meta.review_date.clone(),
        translation_of,
    }
}

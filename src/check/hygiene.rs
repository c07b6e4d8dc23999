//! Handout hygiene: what a clinic's handout must say about itself. A title and a language
//! (screen readers and search need both), who reviewed it and when (a reader must be able to
//! judge how current the advice is), a review not older than the project allows, and a
//! disclaimer that it does not replace the reader's own clinician.

use super::context::Context;
use super::settings::DocumentSettings;
use crate::diagnostics::Code;
use crate::diagnostics::SourceMap;
use crate::diagnostics::{Diagnostic, Location};
use crate::model::{Block, Document};
use crate::render::dates::{civil_from_days, iso_date_seconds};

pub fn check(
    doc: &Document,
    map: &SourceMap<'_>,
    cx: &Context<'_>,
    settings: &DocumentSettings,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let top = map.top();
    let missing = |message: String, help: &str| {
        Diagnostic::new(Code::MissingMetadata, cx.path, top, message).help(help)
    };
    for key in doc.meta.extra.keys() {
        if let Some(meant) = crate::read::front_matter::meant_key(key) {
            let at = map.front_matter_key(key).unwrap_or(top);
            out.push(
                Diagnostic::new(
                    Code::Config,
                    cx.path,
                    at,
                    format!(
                        "front matter key `{key}` is not one folio knows; did you mean `{meant}`?"
                    ),
                )
                .severity(crate::diagnostics::Severity::Warning)
                .label(format!("kept as written, but not read as `{meant}`"))
                .help(format!("rename it to `{meant}`")),
            );
        }
    }
    let has_h1 = doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { level: 1, .. }));
    if map.front_matter_key("title").is_none() && !has_h1 {
        out.push(missing(
            format!(
                "the handout has no title; “{}” is made up from its file name",
                doc.meta.title
            ),
            "add `title:` to the front matter, or start with a `# Title` heading",
        ));
    }
    let has_language = ["language", "lang"]
        .iter()
        .any(|k| map.front_matter_key(k).is_some());
    if !has_language && !cx.project_language {
        out.push(missing(
            format!(
                "the handout does not say its language; `{}` is assumed",
                doc.meta.language
            ),
            "add `language: en` (a BCP 47 tag) to the front matter, or `language` to \
             [project] in folio.toml; screen readers choose their voice by it",
        ));
    }
    if doc.meta.reviewed_by.is_none() {
        out.push(missing(
            "the handout does not say who reviewed it".into(),
            "add `reviewed_by:` with the clinician who last checked the content, \
             e.g. `reviewed_by: Dr. A. Rivera, MD`",
        ));
    }
    match &doc.meta.review_date {
        None => out.push(missing(
            "the handout does not say when it was last reviewed".into(),
            "add `review_date:` with the date of the last clinical review, e.g. \
             `review_date: 2026-09-15`",
        )),
        Some(date) => {
            let at = map.front_matter_key("review_date").unwrap_or(top);
            out.extend(review_age(date, at, cx, settings.review_max_age_months));
        }
    }
    if doc.meta.disclaimer.is_none() {
        out.push(
            Diagnostic::new(
                Code::MissingDisclaimer,
                cx.path,
                top,
                "the handout has no disclaimer",
            )
            .help(
                "add `disclaimer:` to the front matter, or to [project] in folio.toml for \
                 every handout, e.g. “This handout does not replace advice from your own \
                 doctor or nurse.”",
            ),
        );
    }
    out
}

/// A review date in the future, or older than `max_months`.
fn review_age(date: &str, at: Location, cx: &Context<'_>, max_months: u32) -> Option<Diagnostic> {
    let months = months_since(date, cx.today)?;
    if months < 0 || days_since(date, cx.today)? < 0 {
        return Some(
            Diagnostic::new(
                Code::ReviewOverdue,
                cx.path,
                at,
                format!("the review date {date} is in the future"),
            )
            .label("not yet")
            .help("give the date the content was last reviewed"),
        );
    }
    (months >= i64::from(max_months)).then(|| {
        Diagnostic::new(
            Code::ReviewOverdue,
            cx.path,
            at,
            format!(
                "the last review was {}, on {date}; this project asks for a review every {}",
                age(months),
                age(i64::from(max_months))
            ),
        )
        .label("review overdue")
        .help(
            "have a clinician review the handout and update `review_date` (and \
             `reviewed_by`); `review_max_age_months` in [check] of folio.toml sets the interval",
        )
    })
}

/// Whole months from a review date to `today` (days since 1970); negative in the future.
/// What the review lints say changes only when this does, so a build caches their findings
/// by it rather than by the day.
pub fn months_since(date: &str, today: i64) -> Option<i64> {
    let (year, month, day) = parse_date(date)?;
    let (ty, tm, td) = civil_from_days(today);
    Some((ty - year) * 12 + i64::from(tm) - i64::from(month) - i64::from(td < day))
}

fn days_since(date: &str, today: i64) -> Option<i64> {
    let (year, month, day) = parse_date(date)?;
    Some(today - iso_date_seconds(&format!("{year:04}-{month:02}-{day:02}"))? / 86_400)
}

/// "3 years" / "14 months" style ages.
fn age(months: i64) -> String {
    if months >= 24 && months % 12 == 0 {
        format!("{} years", months / 12)
    } else if months >= 24 {
        format!("{} years and {} months", months / 12, months % 12)
    } else {
        format!("{months} months")
    }
}

/// (year, month, day) of `YYYY`, `YYYY-MM` or `YYYY-MM-DD…`; a partial date is its first day.
fn parse_date(date: &str) -> Option<(i64, u32, u32)> {
    let date = date.split(['T', ' ']).next()?;
    let mut parts = date.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next().map_or(Some(1), |m| m.parse().ok())?;
    let day = parts.next().map_or(Some(1), |d| d.parse().ok())?;
    Some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::config::CheckConfig;

    fn days(date: &str) -> i64 {
        iso_date_seconds(date).unwrap() / 86_400
    }

    fn findings(markdown: &str, project_language: bool) -> Vec<Diagnostic> {
        let doc = crate::read::read_bytes(
            markdown.as_bytes(),
            "handout.md",
            Some(std::path::Path::new("handout.md")),
            crate::read::Flavour::Markdown,
        )
        .unwrap();
        let config = CheckConfig::default();
        let cx = Context {
            path: "handout.md",
            config: &config,
            project_language,
            today: days("2026-11-25"),
            files: None,
        };
        let map = SourceMap::new(markdown);
        check(&doc, &map, &cx, &DocumentSettings::of_project(&config))
    }

    fn messages(found: &[Diagnostic]) -> Vec<&str> {
        found.iter().map(|d| d.message.as_str()).collect()
    }

    #[test]
    fn a_complete_handout_is_clean() {
        let found = findings(
            "---\ntitle: T\nlanguage: en\nreviewed_by: Dr. R\nreview_date: 2026-01-02\ndisclaimer: Ask.\n---\nText.\n",
            false,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn each_missing_field_is_named() {
        let found = findings("Text only.\n", false);
        let said = messages(&found);
        assert_eq!(found.len(), 5, "{said:?}");
        assert!(said[0].contains("no title; “Handout”"), "{said:?}");
        assert!(said[1].contains("language"));
        assert!(said[2].contains("who reviewed"));
        assert!(said[3].contains("when it was last reviewed"));
        assert_eq!(found[4].code, Code::MissingDisclaimer);
        // A level-1 heading is a title; the project may give the language.
        let found = findings("# Pain\n\nText.\n", true);
        assert!(
            !messages(&found)
                .iter()
                .any(|m| m.contains("title") || m.contains("language"))
        );
    }

    #[test]
    fn a_front_matter_key_with_a_slip_is_named_with_the_key_meant() {
        let found = findings(
            "---\ntitle: T\nlanguage: en\nreviewed_by: Dr. R\nreview-date: 2026-01-02\ndisclaimer: Ask.\naudience: adults\n---\nText.\n",
            false,
        );
        let slip: Vec<&Diagnostic> = found.iter().filter(|d| d.code == Code::Config).collect();
        assert_eq!(slip.len(), 1, "{found:?}");
        assert_eq!(slip[0].location.line, 5);
        assert!(
            slip[0].message.contains("`review-date`")
                && slip[0].message.contains("did you mean `review_date`?"),
            "{}",
            slip[0].message
        );
        assert_eq!(slip[0].severity, crate::diagnostics::Severity::Warning);
        // And the date it holds is not taken as the review date.
        assert!(
            messages(&found)
                .iter()
                .any(|m| m.contains("when it was last reviewed"))
        );
    }

    #[test]
    fn old_and_future_reviews_are_flagged_on_their_line() {
        let fm = |date: &str| {
            format!(
                "---\ntitle: T\nlanguage: en\nreviewed_by: R\nreview_date: {date}\ndisclaimer: D\n---\nx\n"
            )
        };
        assert!(findings(&fm("2024-11-26"), false).is_empty());
        let found = findings(&fm("2024-11-25"), false);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::ReviewOverdue);
        assert_eq!(found[0].location.line, 5);
        assert!(
            found[0].message.contains("2 years, on 2024-11-25"),
            "{}",
            found[0].message
        );
        let found = findings(&fm("2021-05"), false);
        assert!(
            found[0].message.contains("5 years and 6 months"),
            "{}",
            found[0].message
        );
        let found = findings(&fm("2027-01-01"), false);
        assert!(found[0].message.contains("in the future"));
    }
}

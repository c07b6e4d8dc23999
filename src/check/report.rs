//! Showing the findings of `folio check`: like rustc, with the reading grades of every
//! document and section gathered in one table. (As JSON Lines, for editors and CI, they are
//! [`crate::diagnostics::json`]'s.)

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Figures, Severity, human};

/// Every finding, rustc-style, then the table of reading grades. `sources` holds the text
/// of each document by its path; `color` adds ANSI colours.
pub fn human(
    diagnostics: &[Diagnostic],
    sources: &BTreeMap<String, String>,
    color: bool,
) -> String {
    let mut out = human::render(diagnostics, sources, color);
    out.push_str(&grade_table(diagnostics));
    out
}

/// The reading grades of every document and section, one line each.
fn grade_table(diagnostics: &[Diagnostic]) -> String {
    let rows: Vec<(String, &Figures, &str, bool)> = diagnostics
        .iter()
        .filter_map(|d| {
            let figures = d.figures.as_ref()?;
            let place = format!("{}:{}", d.path, d.location.line);
            let subject = d.subject.as_deref().unwrap_or("");
            Some((place, figures, subject, d.severity != Severity::Note))
        })
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let mut out = format!(
        "reading grades:{:pad$}  SMOG    F-K  ease  words\n",
        "",
        pad = width.saturating_sub(13)
    );
    for (place, f, subject, above) in rows {
        let above = if above { "  (above the target)" } else { "" };
        match &f.spanish {
            // Spanish: SOL in the grade column, Fernández-Huerta as the ease.
            Some(es) => out.push_str(&format!(
                "  {place:<width$}  {:>4.1}  {:>5}  {:>4.0}  {:>5}  {subject}{above}  (Spanish: SOL grade, Fern\u{e1}ndez-Huerta ease)\n",
                es.sol_grade, "\u{2013}", es.fernandez_huerta, f.words
            )),
            None => out.push_str(&format!(
                "  {place:<width$}  {:>4.1}  {:>5.1}  {:>4.0}  {:>5}  {subject}{above}\n",
                f.smog_grade, f.flesch_kincaid_grade, f.flesch_reading_ease, f.words
            )),
        }
    }
    out.push_str("  (SMOG and F-K, Flesch–Kincaid, are school grades; ease is Flesch reading ease, 0–100, higher is easier)\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Location};

    #[test]
    fn grades_are_listed_in_a_table_not_one_by_one() {
        let mut note = Diagnostic::new(
            Code::Readability,
            "content/a.md",
            Location::line(1),
            "reads at grade 6",
        )
        .severity(Severity::Note);
        note.figures = Some(Figures {
            words: 120,
            sentences: 10,
            syllables: 160,
            polysyllables: 4,
            flesch_kincaid_grade: 5.2,
            smog_grade: 6.1,
            flesch_reading_ease: 80.0,
            spanish: None,
        });
        note.subject = Some("Pain".into());
        let out = human(&[note], &BTreeMap::new(), false);
        assert!(!out.contains("reads at grade 6"), "{out}");
        assert!(out.starts_with("reading grades:"), "{out}");
        assert!(
            out.contains("content/a.md:1   6.1    5.2    80    120  Pain"),
            "{out}"
        );
    }
}

//! Showing the findings of `folio check`: like rustc, with the reading grades of every
//! document and section gathered in one table. (As JSON Lines, for editors and CI, they are
//! [`crate::diagnostics::json`]'s.)

use std::collections::BTreeMap;

use super::readability::MIN_SECTION_WORDS;
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

/// The reading grades, one block per document: the document's own line (path and title),
/// then a line per section with its source line. A document is listed once even when it is
/// both noted and warned about; a section too short to judge says so.
fn grade_table(diagnostics: &[Diagnostic]) -> String {
    let mut documents: Vec<(&str, Vec<Row<'_>>)> = Vec::new();
    for d in diagnostics {
        let Some(figures) = d.figures.as_ref() else {
            continue;
        };
        let row = Row {
            line: d.location.line,
            figures,
            subject: d.subject.as_deref().unwrap_or(""),
            above: d.severity != Severity::Note,
        };
        match documents.iter_mut().find(|(path, _)| *path == d.path) {
            Some((_, rows)) => match rows
                .iter_mut()
                .find(|r| r.line == row.line && r.figures.words == row.figures.words)
            {
                // The same text judged twice (the whole document as a note and as a
                // warning): one line, marked if either is above the target.
                Some(same) => same.above |= row.above,
                None => rows.push(row),
            },
            None => documents.push((&d.path, vec![row])),
        }
    }
    if documents.is_empty() {
        return String::new();
    }
    let cell = |row: &Row<'_>| match &row.figures.spanish {
        Some(es) => format!(
            "{:>5.1}  {:>5}  {:>4.0}  {:>5}",
            es.sol_grade, "\u{2013}", es.fernandez_huerta, row.figures.words
        ),
        None => format!(
            "{:>5.1}  {:>5.1}  {:>4.0}  {:>5}",
            row.figures.smog_grade,
            row.figures.flesch_kincaid_grade,
            row.figures.flesch_reading_ease,
            row.figures.words
        ),
    };
    let mut out = format!(
        "{:<16}{:>5}  {:>5}  {:>4}  {:>5}\n",
        "reading grades:", "SMOG", "F-K", "ease", "words"
    );
    let mut spanish = false;
    for (path, rows) in &documents {
        let Some((whole, sections)) = rows.split_first() else {
            continue;
        };
        spanish |= whole.figures.spanish.is_some();
        out.push_str(&format!("{path}  “{}”\n", whole.subject));
        let mut line = |label: String, row: &Row<'_>, subject: &str, whole: bool| {
            out.push_str(&format!("  {label:<14}{}", cell(row)));
            if !subject.is_empty() {
                out.push_str("  ");
                out.push_str(subject);
            }
            out.push_str(mark(row, whole));
            out.push('\n');
        };
        line("whole".into(), whole, "", true);
        for row in sections {
            line(format!("line {}", row.line), row, row.subject, false);
        }
    }
    out.push_str("(SMOG and F-K, Flesch–Kincaid, are school grades; ease is Flesch reading ease, 0–100, higher is easier");
    if spanish {
        out.push_str("; for Spanish the grade is SOL and the ease Fernández-Huerta");
    }
    out.push_str(&format!(
        "; a section under {MIN_SECTION_WORDS} words is too short to judge)\n\n"
    ));
    out
}

/// One line of the grade table.
struct Row<'a> {
    line: u32,
    figures: &'a Figures,
    subject: &'a str,
    above: bool,
}

/// What follows a line's figures: above the target, or too short to judge.
fn mark(row: &Row<'_>, whole: bool) -> &'static str {
    if row.above {
        "  (above the target)"
    } else if !whole && row.figures.words < MIN_SECTION_WORDS {
        "  (too short to judge)"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Location};

    fn graded(line: u32, words: u32, subject: &str, severity: Severity) -> Diagnostic {
        let mut d = Diagnostic::new(
            Code::Readability,
            "content/a.md",
            Location::line(line),
            "reads at grade 6",
        )
        .severity(severity);
        d.figures = Some(Figures {
            words,
            sentences: 10,
            syllables: 160,
            polysyllables: 4,
            flesch_kincaid_grade: 5.2,
            smog_grade: 6.1,
            flesch_reading_ease: 80.0,
            spanish: None,
        });
        d.subject = Some(subject.into());
        d
    }

    #[test]
    fn grades_are_listed_in_a_table_not_one_by_one() {
        let out = human(
            &[
                graded(1, 220, "Pain", Severity::Note),
                graded(4, 120, "Why", Severity::Note),
            ],
            &BTreeMap::new(),
            false,
        );
        assert!(!out.contains("reads at grade 6"), "{out}");
        assert!(out.starts_with("reading grades:"), "{out}");
        assert!(out.contains("content/a.md  “Pain”\n"), "{out}");
        assert!(
            out.contains("\n  whole           6.1    5.2    80    220\n"),
            "{out}"
        );
        assert!(
            out.contains("\n  line 4          6.1    5.2    80    120  Why\n"),
            "{out}"
        );
    }

    #[test]
    fn a_document_noted_and_warned_about_is_listed_once() {
        let out = human(
            &[
                graded(1, 220, "Pain", Severity::Note),
                graded(1, 220, "Pain", Severity::Warning),
            ],
            &BTreeMap::new(),
            false,
        );
        let table = &out[out.find("reading grades:").unwrap()..];
        assert_eq!(table.matches("content/a.md").count(), 1, "{out}");
        assert_eq!(table.matches("  whole ").count(), 1, "{out}");
        assert!(out.contains("220  (above the target)"), "{out}");
    }

    #[test]
    fn sections_too_short_to_judge_are_marked() {
        let out = human(
            &[
                graded(1, 220, "Pain", Severity::Note),
                graded(9, 40, "Short", Severity::Note),
            ],
            &BTreeMap::new(),
            false,
        );
        assert!(out.contains("40  Short  (too short to judge)"), "{out}");
    }
}

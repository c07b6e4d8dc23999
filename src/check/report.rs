//! Showing findings: like rustc (severity, code, `file:line:col`, the source line with a
//! marker, a help line), drawn by annotate-snippets; or as JSON, one object per line, for
//! editors and CI.

use std::collections::BTreeMap;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use super::diagnostic::{Diagnostic, Location, Severity};
use super::locate::SourceMap;
use super::readability::Figures;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// rustc-style, for people.
    #[default]
    Human,
    /// One JSON object per finding and line, for programs.
    Json,
}

/// Every finding, rustc-style. `sources` holds the text of each document by its path;
/// `color` adds ANSI colours.
pub fn human(
    diagnostics: &[Diagnostic],
    sources: &BTreeMap<String, String>,
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        if d.severity == Severity::Note && d.figures.is_some() {
            // Reading grades are listed together in a table below.
            continue;
        }
        let code = d.lint.code();
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let mut group =
            Group::with_title(level.primary_title(d.message.as_str()).id(code.as_str()));
        let source = sources.get(&d.path).filter(|_| d.location.line > 0);
        group = match source {
            Some(text) => group.element(snippet(&d.path, text, d.location, d.label.as_deref())),
            // A finding about the whole file (it cannot be read) names the file alone.
            None if d.location.line == 0 => group.element(Origin::path(d.path.as_str())),
            None => group.element(
                Origin::path(d.path.as_str())
                    .line(d.location.line as usize)
                    .char_column(d.location.column.saturating_sub(1) as usize),
            ),
        };
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let mut groups = vec![group];
        for related in &d.related {
            let title = Level::NOTE.secondary_title(related.label.as_str());
            groups.push(match source {
                Some(text) => {
                    Group::with_title(title).element(snippet(&d.path, text, related.location, None))
                }
                None => Group::with_title(title),
            });
        }
        out.push_str(&renderer.render(&groups));
        out.push_str("\n\n");
    }
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
        out.push_str(&format!(
            "  {place:<width$}  {:>4.1}  {:>5.1}  {:>4.0}  {:>5}  {subject}{}\n",
            f.smog_grade,
            f.flesch_kincaid_grade,
            f.flesch_reading_ease,
            f.words,
            if above { "  (above the target)" } else { "" }
        ));
    }
    out.push_str("  (SMOG and F-K, Flesch–Kincaid, are school grades; ease is Flesch reading ease, 0–100, higher is easier)\n\n");
    out
}

/// The most characters of a line a marker underlines: a whole paragraph written on one line
/// would otherwise be drawn as a row of dashes wider than any terminal.
const MARK_MAX: usize = 72;

/// The line a finding points at, cut from its document, with its marker.
fn snippet<'a>(
    path: &'a str,
    text: &'a str,
    location: Location,
    label: Option<&'a str>,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let map = SourceMap::new(text);
    let line = location.line.max(1);
    let start = map.line_start(line);
    let excerpt = &text[start..map.line_end(line).max(start)];
    let range = map.range(location);
    let from = range.start.saturating_sub(start).min(excerpt.len());
    let mut to = range.end.saturating_sub(start).clamp(from, excerpt.len());
    if let Some((cut, _)) = excerpt[from..to].char_indices().nth(MARK_MAX) {
        to = from + cut;
    }
    let mut mark = AnnotationKind::Primary.span(from..to);
    if let Some(label) = label {
        mark = mark.label(label);
    }
    Snippet::source(excerpt)
        .line_start(line as usize)
        .path(path)
        .annotation(mark)
}

/// One finding as JSON.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    code: String,
    severity: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    figures: Option<&'a Figures>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: &'a str,
}

/// Every finding as one JSON object per line (JSON Lines).
pub fn json(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let record = JsonDiagnostic {
            path: &d.path,
            line: d.location.line,
            column: d.location.column,
            end_line: d.location.end_line,
            end_column: d.location.end_column,
            code: d.lint.code(),
            severity: d.severity.name(),
            message: &d.message,
            label: d.label.as_deref(),
            help: d.help.as_deref(),
            related: d
                .related
                .iter()
                .map(|r| JsonRelated {
                    line: r.location.line,
                    column: r.location.column,
                    end_line: r.location.end_line,
                    end_column: r.location.end_column,
                    message: &r.label,
                })
                .collect(),
            figures: d.figures.as_ref(),
        };
        // Serializing plain structs of strings and numbers cannot fail.
        if let Ok(line) = serde_json::to_string(&record) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Lint;

    fn sample() -> (Diagnostic, BTreeMap<String, String>) {
        let text = "---\ntitle: T\n---\n\nIntro.\nStudies show it works.\n";
        let d = Diagnostic::new(
            Lint::UnsourcedClaim,
            "content/a.md",
            Location {
                line: 6,
                column: 1,
                end_line: 6,
                end_column: 13,
            },
            "this sentence cites research but its paragraph gives no source",
        )
        .label("cites research")
        .help("link the study");
        let sources = BTreeMap::from([("content/a.md".to_string(), text.to_string())]);
        (d, sources)
    }

    #[test]
    fn human_output_looks_like_rustc() {
        let (d, sources) = sample();
        let out = human(&[d], &sources, false);
        assert!(
            out.starts_with("warning[folio::unsourced-claim]: this sentence cites research"),
            "{out}"
        );
        assert!(out.contains("--> content/a.md:6:1"), "{out}");
        assert!(out.contains("6 | Studies show it works."), "{out}");
        assert!(out.contains("^^^^^^^^^^^^ cites research"), "{out}");
        assert!(out.contains("= help: link the study"), "{out}");
    }

    #[test]
    fn json_has_one_object_per_finding() {
        let (d, _) = sample();
        let out = json(&[d.clone(), d]);
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["path"], "content/a.md");
        assert_eq!(lines[0]["line"], 6);
        assert_eq!(lines[0]["column"], 1);
        assert_eq!(lines[0]["code"], "folio::unsourced-claim");
        assert_eq!(lines[0]["severity"], "warning");
    }
}

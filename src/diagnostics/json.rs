//! Findings for programs: one JSON object per finding and line (JSON Lines), as
//! `folio check --format json` and `folio build --message-format json` print them.

use serde::Serialize;

use super::diagnostic::{Diagnostic, Location};
use super::figures::Figures;

/// One finding as JSON.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    #[serde(flatten)]
    at: JsonLocation,
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
    #[serde(flatten)]
    at: JsonLocation,
    message: &'a str,
}

/// Where a finding is, as the human output says it: line 0 is the file as a whole; a finding
/// about a whole line (a writer knows the block, not the word) starts at column 1 and has no
/// end column (`null`: to the line's end).
#[derive(Serialize)]
struct JsonLocation {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: Option<u32>,
}

impl From<Location> for JsonLocation {
    fn from(l: Location) -> JsonLocation {
        let whole_line = l.line > 0 && l.column == 0;
        JsonLocation {
            line: l.line,
            column: if whole_line { 1 } else { l.column },
            end_line: l.end_line.max(l.line),
            end_column: (!whole_line).then_some(l.end_column),
        }
    }
}

/// Every finding as one JSON object per line (JSON Lines).
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let record = JsonDiagnostic {
            path: &d.path,
            at: d.location.into(),
            code: d.code.code(),
            severity: d.severity.name(),
            message: &d.message,
            label: d.label.as_deref(),
            help: d.help.as_deref(),
            related: d
                .related
                .iter()
                .map(|r| JsonRelated {
                    at: r.location.into(),
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

    #[test]
    fn json_has_one_object_per_finding() {
        let d = super::super::diagnostic::example();
        let out = render(&[d.clone(), d]);
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

    #[test]
    fn a_whole_line_starts_at_column_one_and_runs_to_its_end() {
        let d = Diagnostic::new(
            crate::diagnostics::Code::RawHtml,
            "content/a.md",
            Location::line(57),
            "raw HTML is left out",
        );
        let line: serde_json::Value = serde_json::from_str(render(&[d]).trim()).unwrap();
        assert_eq!(line["line"], 57);
        assert_eq!(line["column"], 1);
        assert_eq!(line["end_line"], 57);
        assert!(line["end_column"].is_null(), "{line}");
    }
}

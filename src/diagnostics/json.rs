//! Findings for programs: one JSON object per finding and line (JSON Lines), as
//! `folio check --format json` and `folio build --message-format json` print them.

use serde::Serialize;

use super::diagnostic::Diagnostic;
use super::figures::Figures;

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
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let record = JsonDiagnostic {
            path: &d.path,
            line: d.location.line,
            column: d.location.column,
            end_line: d.location.end_line,
            end_column: d.location.end_column,
            code: d.code.code(),
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
}

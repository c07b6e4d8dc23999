//! One finding: a code, a severity, the file and place it is about, and what to say. Lints,
//! writers and the build all report in this shape; it is printed like rustc's diagnostics
//! ([`super::human`]) or as JSON Lines ([`super::json`]), and kept in the build cache.

use serde::{Deserialize, Serialize};

use super::code::Code;
use super::figures::Figures;
use super::severity::Severity;

/// A stretch of the source: 1-based lines and columns, columns counted in characters (what
/// an editor shows), the end exclusive. Line 0: the whole file. Column 0: the whole line
/// (what a writer knows of the block it warns about).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Location {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Location {
    /// A point: a line and a column (0, 0: the whole file).
    pub fn at(line: usize, column: usize) -> Location {
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Location {
            line: to_u32(line),
            column: to_u32(column),
            end_line: to_u32(line),
            end_column: to_u32(column),
        }
    }

    /// A whole line (0: the whole file).
    pub fn line(line: u32) -> Location {
        Location {
            line,
            column: 0,
            end_line: line,
            end_column: 0,
        }
    }
}

/// A second place a finding points at (a hard sentence of a hard section).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Related {
    pub location: Location,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// The document, as shown to the user.
    pub path: String,
    pub location: Location,
    pub message: String,
    /// Said beside the marker under the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// What to do about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// Measurements the finding reports (a section's reading figures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figures: Option<Figures>,
    /// What the figures are of: the document's title or a section's heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

impl Diagnostic {
    /// A finding of `code` at its default severity.
    pub fn new(code: Code, path: &str, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            path: path.to_string(),
            location,
            message: message.into(),
            label: None,
            help: None,
            related: Vec::new(),
            figures: None,
            subject: None,
        }
    }

    /// A finding from an error message that starts with its own place
    /// (`content/a.md:3:7: not valid UTF-8`): the place is taken off, since a diagnostic
    /// shows it on its own.
    pub fn from_error(code: Code, path: &str, location: Location, message: &str) -> Self {
        let message = message
            .strip_prefix(path)
            .map(|rest| rest.trim_start_matches(|c: char| c == ':' || c.is_ascii_digit()))
            .unwrap_or(message)
            .trim();
        Diagnostic::new(code, path, location, message)
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The order findings are shown in: by file, then position, then code and message.
    fn sort_key(&self) -> (&str, Location, Code, &str) {
        (&self.path, self.location, self.code, &self.message)
    }
}

/// Source order: by file, then position, then code.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Sorts and keeps one of each: the two PDF variants of a handout, or a cached and a fresh
/// rendering, report the same things.
pub fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>) {
    sort(diagnostics);
    diagnostics.dedup();
}

/// Counts by severity, for one-line summaries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Tally {
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Tally {
        let mut tally = Tally::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Note => tally.notes += 1,
            }
        }
        tally
    }

    /// Whether the run fails: any error, or any warning when warnings are denied.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.errors > 0 || (deny_warnings && self.warnings > 0)
    }
}

/// A finding for tests: an unsourced claim on line 6 of `content/a.md`, columns 1 to 13.
#[cfg(test)]
pub(super) fn example() -> Diagnostic {
    Diagnostic::new(
        Code::UnsourcedClaim,
        "content/a.md",
        Location {
            line: 6,
            column: 1,
            end_line: 6,
            end_column: 13,
        },
        "this sentence cites research but its paragraph gives no source",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_finding_twice_is_kept_once() {
        let warning = |line| {
            Diagnostic::new(
                Code::RawHtml,
                "content/a.md",
                Location::line(line),
                "raw HTML",
            )
        };
        let mut found = vec![warning(9), warning(3), warning(9)];
        sort_and_dedup(&mut found);
        let lines: Vec<u32> = found.iter().map(|d| d.location.line).collect();
        assert_eq!(lines, [3, 9]);
    }
}

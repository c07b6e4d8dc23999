//! What a lint reports: a finding with its place in the source, ready to be shown like
//! rustc's diagnostics or printed as JSON.

use serde::{Deserialize, Serialize};

use super::Lint;
use super::readability::Figures;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information (the reading grade of a document); never fails a run.
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A stretch of the source: 1-based lines and columns, columns counted in characters (what
/// an editor shows), the end exclusive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// A second place a finding points at (a hard sentence of a hard section).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Related {
    pub location: Location,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub lint: Lint,
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
    /// The readability figures a readability finding is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figures: Option<Figures>,
    /// What the figures are of: the document's title or a section's heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

impl Diagnostic {
    /// A finding of `lint` at its default severity.
    pub fn new(lint: Lint, path: &str, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            lint,
            severity: lint.default_severity(),
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
}

/// Source order: by file, then position, then lint.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.location, a.lint, &a.message).cmp(&(&b.path, b.location, b.lint, &b.message))
    });
}

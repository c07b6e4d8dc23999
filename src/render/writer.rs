//! The contract every writer keeps: the document, its images and the writer's own settings
//! in; the output's bytes and what the writer could not carry into its format out, as
//! [`Diagnostic`]s. The pipeline calls each writer through it ([`crate::pipeline`]).

use std::collections::BTreeSet;

use super::assets::Assets;
use crate::diagnostics::{Code, Diagnostic, Location, sort_and_dedup};
use crate::model::Document;

/// A writer's output: the file's bytes and its warnings.
#[derive(Debug, Default)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// What could not be carried over (raw HTML left out, a glyph no font has, a link an
    /// EPUB cannot follow), in source order, each once.
    pub warnings: Vec<Diagnostic>,
    /// The font files whose faces the output embeds (the manifest records them).
    pub fonts: Vec<FontUsed>,
}

/// A font file an output embeds a face of.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct FontUsed {
    /// Its path (a project's or the system's), or its name for a face folio ships.
    pub file: String,
    /// The face's index in the file (a collection holds several).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub index: u32,
    pub sha256: String,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Rendered {
    /// A text output (HTML, plain text) and its warnings.
    pub fn text(text: String, warnings: Vec<Diagnostic>) -> Rendered {
        Rendered {
            bytes: text.into_bytes(),
            warnings,
            fonts: Vec::new(),
        }
    }
}

/// What every writer is given: the document, and its local images, already read.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub doc: &'a Document,
    pub assets: &'a Assets,
}

/// One output format's writer.
pub trait Writer {
    /// What the writer reads besides the document: its part of folio.toml and the styles.
    type Settings;
    /// Why it could not write the document at all.
    type Error: std::error::Error + Send + Sync + 'static;

    /// Writes the input's document as this format.
    fn render(input: Input<'_>, settings: &Self::Settings) -> Result<Rendered, Self::Error>;
}

/// The warnings a writer collects about one document as it goes.
#[derive(Debug)]
pub struct Warnings {
    path: String,
    found: Vec<Diagnostic>,
}

impl Warnings {
    pub fn new(doc: &Document) -> Warnings {
        Warnings {
            path: doc.source.display_name().to_string(),
            found: Vec::new(),
        }
    }

    /// A warning about line `line` of the document (0: the document as a whole).
    pub fn warn(&mut self, code: Code, line: u32, message: impl Into<String>) {
        self.found.push(Diagnostic::new(
            code,
            &self.path,
            Location::line(line),
            message,
        ));
    }

    /// The same, with what the reader can do about it.
    pub fn warn_with_help(
        &mut self,
        code: Code,
        line: u32,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.found
            .push(Diagnostic::new(code, &self.path, Location::line(line), message).help(help));
    }

    /// One warning for what the writer did on several `lines` (raw HTML it left out): at the
    /// first line, its message built from the others as ` (also lines 3, 7)` (ten at most,
    /// then `…`; nothing when there is one line). No lines, no warning.
    pub fn warn_lines(
        &mut self,
        code: Code,
        lines: &BTreeSet<u32>,
        message: impl FnOnce(&str) -> String,
    ) {
        let Some(&first) = lines.first() else {
            return;
        };
        let others: Vec<u32> = lines.iter().skip(1).copied().collect();
        let also = if others.is_empty() {
            String::new()
        } else {
            let mut shown: Vec<String> = others.iter().take(10).map(u32::to_string).collect();
            if others.len() > 10 {
                shown.push("…".into());
            }
            let plural = if others.len() > 1 { "s" } else { "" };
            format!(" (also line{plural} {})", shown.join(", "))
        };
        self.warn(code, first, message(&also));
    }

    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.found.extend(more);
    }

    /// The warnings in source order, each once.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        sort_and_dedup(&mut self.found);
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Flavour, read_str};

    #[test]
    fn a_warning_about_many_lines_points_at_the_first_and_lists_the_rest() {
        let doc = read_str("# T\n", "t.md", Flavour::Markdown).unwrap();
        let say = |lines: &[u32]| {
            let mut warnings = Warnings::new(&doc);
            let lines: BTreeSet<u32> = lines.iter().copied().collect();
            warnings.warn_lines(Code::RawHtml, &lines, |also| format!("left out{also}"));
            warnings
                .finish()
                .into_iter()
                .map(|d| (d.location.line, d.message))
                .collect::<Vec<_>>()
        };
        assert!(say(&[]).is_empty());
        assert_eq!(say(&[7]), [(7, "left out".to_string())]);
        assert_eq!(say(&[9, 3]), [(3, "left out (also line 9)".to_string())]);
        let many: Vec<u32> = (1..=12).collect();
        assert_eq!(
            say(&many)[0].1,
            "left out (also lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …)"
        );
    }
}

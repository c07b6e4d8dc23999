//! The contract every writer keeps: the document, its images and the writer's own settings
//! in; the output's bytes and what the writer could not carry into its format out, as
//! [`Diagnostic`]s. The pipeline calls each writer through it ([`crate::pipeline`]).

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
}

impl Rendered {
    /// A text output (HTML, plain text) and its warnings.
    pub fn text(text: String, warnings: Vec<Diagnostic>) -> Rendered {
        Rendered {
            bytes: text.into_bytes(),
            warnings,
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

    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.found.extend(more);
    }

    /// The warnings in source order, each once.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        sort_and_dedup(&mut self.found);
        self.found
    }
}

//! Writers: one module per output format, each a pure function of the document model.

pub mod dates;
pub mod epub;
pub mod html;
pub mod markup;
pub mod pdf;
pub mod raw_html;
pub mod text;
pub mod xhtml;

use std::str::FromStr;

use serde::Deserialize;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Html,
    /// The printed handout (standard and large-print variants).
    Pdf,
    /// EPUB 3: one per document, and the whole collection as a book.
    Epub,
    Txt,
    /// The document model itself (for `convert`; not a build output).
    Json,
}

impl Format {
    /// What `folio build` writes when neither folio.toml nor `--format` says otherwise.
    pub const BUILD_DEFAULT: &'static [Format] =
        &[Format::Html, Format::Pdf, Format::Epub, Format::Txt];

    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Epub => "epub",
            Format::Txt => "txt",
            Format::Json => "json",
        }
    }

    /// File extension of the format's output.
    pub fn extension(self) -> &'static str {
        self.name()
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "html" => Ok(Format::Html),
            "pdf" => Ok(Format::Pdf),
            "epub" => Ok(Format::Epub),
            "txt" | "text" | "plain" => Ok(Format::Txt),
            "json" => Ok(Format::Json),
            other => Err(format!(
                "unknown format `{other}` (expected html, pdf, epub, txt or json)"
            )),
        }
    }
}

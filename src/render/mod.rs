//! Writers: one module per output format, each a pure function of the document model.

pub mod html;
pub mod text;

use std::str::FromStr;

use serde::Deserialize;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Html,
    Txt,
    /// The document model itself (for `convert`; not a build output).
    Json,
}

impl Format {
    /// What `folio build` writes when neither folio.toml nor `--format` says otherwise.
    pub const BUILD_DEFAULT: &'static [Format] = &[Format::Html, Format::Txt];

    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
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
            "txt" | "text" | "plain" => Ok(Format::Txt),
            "json" => Ok(Format::Json),
            other => Err(format!(
                "unknown format `{other}` (expected html, txt or json)"
            )),
        }
    }
}

//! The errors folio reports. Each names the file (and, where known, the line) it is about.

use crate::assets::AssetError;
use crate::config::ConfigError;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::read::ReadError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Asset(#[from] AssetError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{path}: cannot write: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Project { path: String, message: String },
    /// The user asked the build to stop (Ctrl-C); not a fault of any file.
    #[error("interrupted")]
    Interrupted,
    #[error(transparent)]
    Style(#[from] crate::render::pdf::style::StyleError),
    #[error("{path}: cannot make the PDF: {source}")]
    Pdf {
        path: String,
        #[source]
        source: crate::render::pdf::PdfError,
    },
    #[error("{path}: cannot make the EPUB: {source}")]
    Epub {
        path: String,
        #[source]
        source: crate::render::epub::EpubError,
    },
}

impl Error {
    /// The error as a finding (a code, the file and line it is about, the message), for
    /// `--message-format json`. `None` for an interrupted build, which is no fault of any
    /// file.
    pub fn diagnostic(&self) -> Option<Diagnostic> {
        let (code, path, line, column): (Code, &str, usize, usize) = match self {
            Error::Read(e) => return Some(e.diagnostic()),
            Error::Asset(e) => {
                let (doc, line) = e.place();
                (Code::Image, doc, line as usize, 0)
            }
            Error::Config(ConfigError::Invalid { path, line, .. }) => {
                (Code::Config, path, *line, 0)
            }
            Error::Config(ConfigError::Io { path, .. }) => (Code::Config, path, 0, 0),
            Error::Style(e) => (Code::Config, &e.path, e.line, 0),
            Error::Write { path, .. } => (Code::Write, path, 0, 0),
            Error::Project { path, .. } => (Code::Project, path, 0, 0),
            Error::Pdf { path, .. } | Error::Epub { path, .. } => (Code::Render, path, 0, 0),
            Error::Interrupted => return None,
        };
        Some(Diagnostic::from_error(
            code,
            path,
            Location::at(line, column),
            &self.to_string(),
        ))
    }
}

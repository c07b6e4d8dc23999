//! The errors folio reports. Each names the file (and, where known, the line) it is about.

use crate::assets::AssetError;
use crate::config::ConfigError;
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

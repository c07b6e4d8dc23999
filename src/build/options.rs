//! What `folio build` is asked to do.

use std::path::PathBuf;

use crate::format::Format;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The project folder (with `content/` and optionally `folio.toml`).
    pub project: PathBuf,
    /// Output folder; default from folio.toml (`dist`), relative to the project.
    pub output: Option<PathBuf>,
    /// Formats to write; default from folio.toml.
    pub formats: Option<Vec<Format>>,
    /// Worker threads; default: one per core.
    pub jobs: Option<usize>,
    /// Render everything, whatever the cache says.
    pub force: bool,
}

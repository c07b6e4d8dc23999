//! Finding a project's documents: the Markdown files of its content folder, each with the
//! name its outputs get. `folio build` and `folio check` both start here.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::slug::document_name;

/// A Markdown file found in the content folder.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as shown to the user and recorded in the manifest: relative to the project,
    /// with `/` separators.
    pub shown: String,
    /// The output name: `pdf/<slug>.pdf`.
    pub slug: String,
}

/// The Markdown files of the content folder, sorted by name, with unique slugs.
pub fn discover(project: &Path, content: &str) -> Result<Vec<SourceFile>, Error> {
    let dir = project.join(content);
    let entries = std::fs::read_dir(&dir).map_err(|e| Error::Project {
        path: crate::paths::shown(&dir),
        message: format!("cannot read the content folder: {e}"),
    })?;
    let mut sources = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::Project {
            path: crate::paths::shown(&dir),
            message: format!("cannot read the content folder: {e}"),
        })?;
        let path = entry.path();
        // A folder named like a document is skipped; anything else (a FIFO, a broken link)
        // is read, and reading says what is wrong with it, rather than dropping it silently.
        if !crate::paths::is_markdown(&path) || path.is_dir() {
            continue;
        }
        let shown = crate::paths::slash(&Path::new(content).join(entry.file_name()));
        sources.push(SourceFile {
            slug: document_name(&path),
            shown,
            path,
        });
    }
    sources.sort_by(|a, b| a.shown.cmp(&b.shown));
    // Names that differ only in case or punctuation (`Notes.md`, `notes.md`) would write the
    // same files; they need not be neighbours in name order.
    let mut taken: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
    for source in &sources {
        if let Some(first) = taken.insert(&source.slug, &source.shown) {
            return Err(Error::Project {
                path: source.shown.clone(),
                message: format!(
                    "its output name `{}` is the same as that of {first}; rename one of them",
                    source.slug
                ),
            });
        }
    }
    Ok(sources)
}

/// The project folder's own name (`.` resolved), for titles nobody gave.
pub fn folder_name(root: &Path) -> Option<String> {
    root.canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colliding_output_names_are_found_even_when_not_neighbours() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir(&content).unwrap();
        for name in ["Notes.md", "intro.md", "notes.md"] {
            std::fs::write(content.join(name), "x").unwrap();
        }
        let err = discover(dir.path(), "content").unwrap_err().to_string();
        assert!(err.contains("`notes`"), "{err}");
    }
}

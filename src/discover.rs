//! Finding a project's documents: the Markdown files of its content folder, each with the
//! name its outputs get. `folio build` and `folio check` both start here.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::slug::{document_name, slugify};

/// A Markdown file found in the content folder.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as shown to the user and recorded in the manifest: relative to the project,
    /// with `/` separators.
    pub shown: String,
    /// The output name, with the document's folder under content/: `pdf/<slug>.pdf`, and
    /// for `content/heart/Links.md`, `heart/links` (`pdf/heart/links.pdf`).
    pub slug: String,
}

/// A file of the content folder that is not a document, and why (`--verbose` lists them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Relative to the project, with `/` separators.
    pub shown: String,
    pub reason: &'static str,
}

/// What the content folder holds: its documents, and what was left out.
#[derive(Debug, Default)]
pub struct Discovered {
    pub sources: Vec<SourceFile>,
    pub skipped: Vec<Skipped>,
}

/// How deep folders inside content/ are read; deeper ones are skipped (and listed).
const MAX_DEPTH: usize = 16;

/// The Markdown files of the content folder and its subfolders, sorted by path, with unique
/// slugs.
pub fn discover(project: &Path, content: &str) -> Result<Vec<SourceFile>, Error> {
    discover_all(project, content).map(|found| found.sources)
}

/// [`discover`], with the files it did not take.
pub fn discover_all(project: &Path, content: &str) -> Result<Discovered, Error> {
    let dir = project.join(content);
    if !dir.is_dir() {
        return Err(Error::Project {
            path: crate::paths::shown(&dir),
            message: no_content_folder(project, content),
        });
    }
    let mut found = Discovered::default();
    walk(&dir, Path::new(content), 0, &mut found)?;
    found.sources.sort_by(|a, b| a.shown.cmp(&b.shown));
    found.skipped.sort_by(|a, b| a.shown.cmp(&b.shown));
    // Names that differ only in case or punctuation (`Notes.md`, `notes.md`) would write the
    // same files; they need not be neighbours in name order.
    let mut taken: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
    for source in &found.sources {
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
    Ok(found)
}

/// Reads one folder of content/: documents into `found.sources`, subfolders recursively.
fn walk(dir: &Path, shown_dir: &Path, depth: usize, found: &mut Discovered) -> Result<(), Error> {
    let cannot = |e: std::io::Error| Error::Project {
        path: crate::paths::shown(dir),
        message: format!("cannot read the content folder: {e}"),
    };
    for entry in std::fs::read_dir(dir).map_err(cannot)? {
        let entry = entry.map_err(cannot)?;
        let path = entry.path();
        let name = entry.file_name();
        let shown = crate::paths::slash(&shown_dir.join(&name));
        let skip = |reason| Skipped {
            shown: shown.clone(),
            reason,
        };
        // `symlink_metadata`: a link to a folder is not followed (it could lead out of the
        // project, or in a circle); a link to a file is read, and reading checks it.
        let kind = entry.file_type().map_err(cannot)?;
        if name.to_string_lossy().starts_with('.') {
            found.skipped.push(skip("hidden"));
        } else if kind.is_dir() {
            if depth + 1 >= MAX_DEPTH {
                found
                    .skipped
                    .push(skip("a folder nested too deep (16 levels)"));
            } else {
                walk(&path, &shown_dir.join(&name), depth + 1, found)?;
            }
        } else if kind.is_symlink() && path.is_dir() {
            found
                .skipped
                .push(skip("a symbolic link to a folder, not followed"));
        } else if crate::paths::is_markdown(&path) {
            // Anything named like a document (even a FIFO or a broken link) is read, and
            // reading says what is wrong with it, rather than dropping it silently.
            let folder = shown_dir
                .components()
                .skip(1)
                .map(|c| slugify(&c.as_os_str().to_string_lossy()))
                .chain(std::iter::once(document_name(&path)))
                .collect::<Vec<_>>()
                .join("/");
            found.sources.push(SourceFile {
                slug: folder,
                shown,
                path,
            });
        } else if crate::assets::is_image_name(&path) {
            found
                .skipped
                .push(skip("an image: documents that show it take it"));
        } else {
            found
                .skipped
                .push(skip("not a Markdown file (.md or .markdown)"));
        }
    }
    Ok(())
}

/// What to say when the content folder is not there: where Markdown files are, if there
/// are any nearby, and the setting or argument that would take them.
fn no_content_folder(project: &Path, content: &str) -> String {
    let mut message = format!(
        "there is no content folder `{content}/` here; folio reads the Markdown files of `{content}/`"
    );
    let mut markdown: Vec<String> = Vec::new();
    let mut folders: Vec<String> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(project) {
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if path.is_file() && crate::paths::is_markdown(&path) {
                markdown.push(name);
            } else if path.is_dir()
                && std::fs::read_dir(&path).is_ok_and(|inner| {
                    inner
                        .flatten()
                        .any(|e| crate::paths::is_markdown(&e.path()))
                })
            {
                folders.push(name);
            }
        }
    }
    markdown.sort();
    folders.sort();
    if let Some(first) = folders.first() {
        message.push_str(&format!(
            "; Markdown files are in `{}/`: to build them, put `content = \"{first}\"` at the top of folio.toml",
            folders.join("/`, `")
        ));
    }
    if !markdown.is_empty() {
        let shown: Vec<&str> = markdown.iter().take(5).map(String::as_str).collect();
        message.push_str(&format!(
            "; {} {} here ({}{}): move {} into `{content}/`, or run `folio convert FILE --to pdf` for one file",
            markdown.len(),
            if markdown.len() == 1 { "Markdown file is" } else { "Markdown files are" },
            shown.join(", "),
            if markdown.len() > 5 { ", …" } else { "" },
            if markdown.len() == 1 { "it" } else { "them" },
        ));
    }
    if folders.is_empty() && markdown.is_empty() {
        message.push_str("; no Markdown file is here either: `folio new` starts a project, or pass the project folder (`folio build path/to/project`)");
    }
    message
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

    #[test]
    fn subfolders_are_read_and_keep_their_folder_in_the_output_name() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("Heart Health/deep")).unwrap();
        std::fs::create_dir_all(content.join(".git")).unwrap();
        std::fs::write(content.join("index.md"), "x").unwrap();
        std::fs::write(content.join("Heart Health/Links.md"), "x").unwrap();
        std::fs::write(content.join("Heart Health/deep/a.markdown"), "x").unwrap();
        std::fs::write(content.join("LICENSE"), "x").unwrap();
        std::fs::write(content.join("logo.png"), "x").unwrap();
        let found = discover_all(dir.path(), "content").unwrap();
        let names: Vec<(&str, &str)> = found
            .sources
            .iter()
            .map(|s| (s.shown.as_str(), s.slug.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("content/Heart Health/Links.md", "heart-health/links"),
                (
                    "content/Heart Health/deep/a.markdown",
                    "heart-health/deep/a"
                ),
                ("content/index.md", "index"),
            ]
        );
        let skipped: Vec<&str> = found.skipped.iter().map(|s| s.shown.as_str()).collect();
        assert_eq!(
            skipped,
            ["content/.git", "content/LICENSE", "content/logo.png"]
        );
        assert!(found.skipped[1].reason.contains("not a Markdown file"));
    }

    #[test]
    fn no_content_folder_says_where_the_markdown_is() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("src/ch1.md"), "x").unwrap();
        std::fs::write(dir.path().join("notes.md"), "x").unwrap();
        let err = discover(dir.path(), "content").unwrap_err().to_string();
        assert!(err.contains("no content folder `content/`"), "{err}");
        assert!(
            err.contains("put `content = \"src\"` at the top of folio.toml"),
            "{err}"
        );
        assert!(err.contains("1 Markdown file is here (notes.md)"), "{err}");
        let empty = tempfile::tempdir().unwrap();
        let err = discover(empty.path(), "content").unwrap_err().to_string();
        assert!(err.contains("`folio new`"), "{err}");
    }
}

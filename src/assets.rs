//! Local files a document refers to (images), found, confined to the project and read.
//!
//! Writers are pure; they get images as bytes from here. A reference that leaves the project
//! root (`../../etc/passwd`, an absolute path, a symlink pointing out) is refused, and a missing
//! file is an error naming the document and the line of the reference.

use std::path::{Path, PathBuf};

use crate::model::{Document, Inline};
use crate::render::assets::{Asset, Assets};

#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    #[error("{doc}:{line}: image `{url}` not found ({path})")]
    Missing {
        doc: String,
        line: u32,
        url: String,
        path: String,
    },
    #[error(
        "{doc}:{line}: image `{url}` is outside the project folder; folio only reads files inside it"
    )]
    OutsideProject { doc: String, line: u32, url: String },
    #[error("{doc}:{line}: image `{url}` cannot be read: {source}")]
    Unreadable {
        doc: String,
        line: u32,
        url: String,
        #[source]
        source: crate::limits::ReadLimitError,
    },
    #[error("{doc}:{line}: image `{url}` is not a PNG, JPEG, GIF, WebP or SVG image")]
    UnknownType { doc: String, line: u32, url: String },
}

impl AssetError {
    /// The document and line that refer to the image.
    pub fn place(&self) -> (&str, u32) {
        match self {
            AssetError::Missing { doc, line, .. }
            | AssetError::OutsideProject { doc, line, .. }
            | AssetError::Unreadable { doc, line, .. }
            | AssetError::UnknownType { doc, line, .. } => (doc, *line),
        }
    }
}

/// Whether a URL names a local file (not `https:`, `mailto:`, `data:`, a fragment, …).
pub fn is_local_reference(url: &str) -> bool {
    !url.is_empty()
        && !url.starts_with('#')
        && !url.starts_with("//")
        && !url.split_once(':').is_some_and(|(scheme, _)| {
            // One letter is a Windows drive (`C:`), not a scheme.
            scheme.len() > 1
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

/// Reads every local image of `doc`. `doc_dir` is the folder of the document (references are
/// relative to it), `root` the project folder nothing may escape.
/// No image may be larger than `max_bytes`.
pub fn collect_images(
    doc: &Document,
    doc_dir: &Path,
    root: &Path,
    max_bytes: u64,
) -> Result<Assets, AssetError> {
    collect_images_with_files(doc, doc_dir, root, max_bytes).map(|(assets, _)| assets)
}

/// An image file a document uses: its path relative to the project root, and its bytes' hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    pub path: String,
    pub sha256: String,
}

/// [`collect_images`], also naming the files read: what a build must re-check to know whether
/// the document's outputs are still current.
pub fn collect_images_with_files(
    doc: &Document,
    doc_dir: &Path,
    root: &Path,
    max_bytes: u64,
) -> Result<(Assets, Vec<Dependency>), AssetError> {
    let origin = doc.source.display_name();
    let mut references: Vec<(&str, u32)> = Vec::new();
    doc.walk_inlines(&mut |inline, span| {
        if let Inline::Image { url, .. } = inline
            && is_local_reference(url)
        {
            references.push((url.as_str(), span.line));
        }
    });
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut assets = Assets::new();
    let mut files: Vec<Dependency> = Vec::new();
    for (url, line) in references {
        if assets.contains_key(url) {
            continue;
        }
        let (path, bytes, media_type) = load_reference(url, doc_dir, &root, max_bytes)
            .map_err(|problem| problem.at(origin, line, url))?;
        // The path as the document names it (not where a symbolic link leads today), so a
        // build notices when the link is pointed at another file.
        let shown = referenced_path(url, doc_dir, &root).unwrap_or_else(|| {
            let relative = path.strip_prefix(&root).unwrap_or(&path);
            crate::paths::slash(relative)
        });
        let asset = Asset::new(media_type, bytes);
        if !files.iter().any(|f| f.path == shown) {
            files.push(Dependency {
                path: shown,
                sha256: asset.sha256.clone(),
            });
        }
        assets.insert(url.to_string(), asset);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((assets, files))
}

/// Why a referenced file cannot be used, before it is tied to a document and line.
#[derive(Debug)]
pub enum ReferenceProblem {
    Outside,
    Missing(PathBuf),
    Unreadable(crate::limits::ReadLimitError),
    UnknownType,
}

impl ReferenceProblem {
    /// The error for the reference `url` on `line` of `doc`.
    pub fn at(self, doc: &str, line: u32, url: &str) -> AssetError {
        let (doc, url) = (doc.to_string(), url.to_string());
        match self {
            ReferenceProblem::Outside => AssetError::OutsideProject { doc, line, url },
            ReferenceProblem::Missing(path) => AssetError::Missing {
                doc,
                line,
                url,
                path: crate::paths::shown(&path),
            },
            ReferenceProblem::Unreadable(source) => AssetError::Unreadable {
                doc,
                line,
                url,
                source,
            },
            ReferenceProblem::UnknownType => AssetError::UnknownType { doc, line, url },
        }
    }
}

/// Finds, confines and reads the image a document names as `url`: its canonical path, its
/// bytes and their media type. `root` must be canonical.
pub fn load_reference(
    url: &str,
    doc_dir: &Path,
    root: &Path,
    max_bytes: u64,
) -> Result<(PathBuf, Vec<u8>, &'static str), ReferenceProblem> {
    let path = resolve(url, doc_dir, root).map_err(|kind| match kind {
        Resolve::Outside => ReferenceProblem::Outside,
        Resolve::Missing(path) => ReferenceProblem::Missing(path),
    })?;
    let bytes =
        crate::limits::read_file_capped(&path, max_bytes).map_err(ReferenceProblem::Unreadable)?;
    let media_type = sniff_media_type(&bytes).ok_or(ReferenceProblem::UnknownType)?;
    Ok((path, bytes, media_type))
}

/// `url` relative to the project root, with `.` and `..` resolved by name only.
fn referenced_path(url: &str, doc_dir: &Path, root: &Path) -> Option<String> {
    let path_part = url.split(['?', '#']).next().unwrap_or(url);
    let dir = doc_dir.canonicalize().ok()?;
    let mut parts: Vec<String> = dir
        .strip_prefix(root)
        .ok()?
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    for component in Path::new(&percent_decode(path_part)).components() {
        match component {
            std::path::Component::ParentDir => {
                parts.pop()?;
            }
            std::path::Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            std::path::Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

enum Resolve {
    Outside,
    Missing(PathBuf),
}

fn resolve(url: &str, doc_dir: &Path, root: &Path) -> Result<PathBuf, Resolve> {
    // Strip a query or fragment; decode %20 and friends so `my%20image.png` finds its file.
    let path_part = url.split(['?', '#']).next().unwrap_or(url);
    let decoded = percent_decode(path_part);
    let relative = Path::new(&decoded);
    if relative.is_absolute() || decoded.starts_with('\\') {
        return Err(Resolve::Outside);
    }
    let joined = doc_dir.join(relative);
    let canonical = match joined.canonicalize() {
        Ok(p) => p,
        Err(_) => {
            // Missing: still say "outside" for a path that climbs out of the project, so a
            // probe for files beyond it learns nothing about what exists there.
            let mut lexical = doc_dir
                .canonicalize()
                .unwrap_or_else(|_| doc_dir.to_path_buf());
            for component in relative.components() {
                match component {
                    std::path::Component::ParentDir => {
                        lexical.pop();
                    }
                    std::path::Component::Normal(part) => lexical.push(part),
                    _ => {}
                }
            }
            if !lexical.starts_with(root) {
                return Err(Resolve::Outside);
            }
            return Err(Resolve::Missing(joined));
        }
    };
    if !canonical.starts_with(root) {
        return Err(Resolve::Outside);
    }
    Ok(canonical)
}

/// Decodes `%XX` escapes (`my%20image.png`); invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether a file is named like an image (by its extension: for listing a folder, not for
/// trusting the file).
pub fn is_image_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        ["png", "jpg", "jpeg", "gif", "webp", "svg"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// The media type from the file's first bytes (extensions lie; magic numbers rarely do).
pub fn sniff_media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
        let head = head.trim_start_matches('\u{feff}').trim_start();
        (head.starts_with("<svg") || (head.starts_with("<?xml") && head.contains("<svg")))
            .then_some("image/svg+xml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Flavour, read_str};

    const MAX: u64 = crate::limits::DEFAULT_MAX_FILE_MB * 1_000_000;

    fn doc(md: &str) -> Document {
        let mut d = read_str(md, "doc.md", Flavour::Markdown).unwrap();
        d.source.path = Some("content/doc.md".into());
        d
    }

    #[test]
    fn reads_images_inside_the_project_and_refuses_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/img")).unwrap();
        std::fs::write(root.join("content/img/a.png"), b"\x89PNG\r\n\x1a\nrest").unwrap();
        std::fs::write(root.join("secret.txt"), b"x").unwrap();
        let content = root.join("content");

        let assets = collect_images(&doc("![a](img/a.png)\n"), &content, root, MAX).unwrap();
        assert_eq!(assets["img/a.png"].media_type, "image/png");

        let err =
            collect_images(&doc("text\n\n![a](img/none.png)\n"), &content, root, MAX).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("content/doc.md:3: image `img/none.png` not found"),
            "{err}"
        );

        for bad in ["../../etc/passwd", "/etc/passwd", "../../../../../../x.png"] {
            let err =
                collect_images(&doc(&format!("![a]({bad})\n")), &content, root, MAX).unwrap_err();
            assert!(
                matches!(err, AssetError::OutsideProject { .. }),
                "{bad}: {err}"
            );
        }
        let err = collect_images(&doc("![a](../secret.txt)\n"), &content, root, MAX).unwrap_err();
        assert!(matches!(err, AssetError::UnknownType { .. }), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn dependencies_are_named_as_referenced_not_by_link_target() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/img")).unwrap();
        std::fs::write(root.join("content/img/v1.png"), b"\x89PNG\r\n\x1a\none").unwrap();
        std::os::unix::fs::symlink("img/v1.png", root.join("content/logo.png")).unwrap();
        let md = doc("![logo](./logo.png) ![v](img/../img/v1.png)\n");
        let (_, files) = collect_images_with_files(&md, &root.join("content"), &root, MAX).unwrap();
        let paths: Vec<_> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["content/img/v1.png", "content/logo.png"]);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_leading_out_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x.png"), b"\x89PNG\r\n\x1a\n").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path().join("x.png"), dir.path().join("x.png")).unwrap();
        let err = collect_images(&doc("![a](x.png)\n"), dir.path(), dir.path(), MAX).unwrap_err();
        assert!(matches!(err, AssetError::OutsideProject { .. }), "{err}");
    }

    #[test]
    fn remote_and_inline_urls_are_not_local() {
        assert!(!is_local_reference("https://example.org/a.png"));
        assert!(!is_local_reference("data:image/png;base64,AA"));
        assert!(!is_local_reference("#x"));
        assert!(is_local_reference("images/a.png"));
    }
}

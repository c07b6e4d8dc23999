//! Finding the font files a style names: the project's `fonts/` folder first, then the faces
//! folio ships (compiled in). Each file is kept once per process and content: the PDF
//! writer shapes and embeds from it, the EPUB writer packages it. A project's file is read
//! again on each load (to notice an edit; the same bytes return the kept copy).
//!
//! What this is not: shaping or embedding ([`crate::render::pdf::fonts`],
//! [`crate::render::pdf::embed`]). It knows bytes and names, nothing of glyphs.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

/// The fonts folio ships, compiled in (OFL and DejaVu licences in fonts/).
const BUILTIN: &[(&str, &[u8])] = &[
    (
        "AtkinsonHyperlegible-Regular.ttf",
        include_bytes!("../../fonts/AtkinsonHyperlegible-Regular.ttf"),
    ),
    (
        "AtkinsonHyperlegible-Bold.ttf",
        include_bytes!("../../fonts/AtkinsonHyperlegible-Bold.ttf"),
    ),
    (
        "AtkinsonHyperlegible-Italic.ttf",
        include_bytes!("../../fonts/AtkinsonHyperlegible-Italic.ttf"),
    ),
    (
        "AtkinsonHyperlegible-BoldItalic.ttf",
        include_bytes!("../../fonts/AtkinsonHyperlegible-BoldItalic.ttf"),
    ),
    (
        "DejaVuSans.ttf",
        include_bytes!("../../fonts/DejaVuSans.ttf"),
    ),
    (
        "DejaVuSansMono.ttf",
        include_bytes!("../../fonts/DejaVuSansMono.ttf"),
    ),
    (
        "DejaVuSansMono-Bold.ttf",
        include_bytes!("../../fonts/DejaVuSansMono-Bold.ttf"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("font `{name}` is neither in the project's fonts/ folder nor built into folio")]
    NotFound { name: String },
    #[error("{path}: cannot read font: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a usable TrueType/OpenType font")]
    Invalid { path: String },
}

/// A font file, read once and kept for the life of the process.
#[derive(Debug, Clone, Copy)]
pub struct FontFile {
    /// The file name, as the style names it.
    pub name: &'static str,
    /// How messages name it: the path of a project's font, the name of a built-in one.
    pub shown: &'static str,
    pub bytes: &'static [u8],
    /// One of the faces folio ships (known good: its tests cover them).
    pub builtin: bool,
}

/// Files already read in this process, by file name and (for a project's) content: read
/// once, never freed (a handful per process).
type FileCache = HashMap<(String, Option<u64>), FontFile>;

fn cache() -> &'static Mutex<FileCache> {
    static CACHE: OnceLock<Mutex<FileCache>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The font file `name`: from `fonts_dir` (the project's fonts/) if it is there, else one of
/// the faces folio ships.
pub fn load(name: &str, fonts_dir: Option<&Path>) -> Result<FontFile, FontError> {
    let from_project = fonts_dir
        .map(|dir| dir.join(name))
        .filter(|p| p.is_file() && !name.contains(['/', '\\']));
    let (bytes, shown): (std::borrow::Cow<'static, [u8]>, String) =
        match from_project {
            Some(path) => {
                let shown = crate::paths::shown(&path);
                let bytes = std::fs::read(&path).map_err(|source| FontError::Io {
                    path: shown.clone(),
                    source,
                })?;
                (bytes.into(), shown)
            }
            None => {
                let (_, bytes) = BUILTIN.iter().find(|(n, _)| *n == name).ok_or_else(|| {
                    FontError::NotFound {
                        name: name.to_string(),
                    }
                })?;
                (std::borrow::Cow::Borrowed(*bytes), name.to_string())
            }
        };
    // Built-in faces are named by their file name alone; a project's by name and content,
    // so an edited font is read afresh.
    let builtin = matches!(bytes, std::borrow::Cow::Borrowed(_));
    let key = match &bytes {
        std::borrow::Cow::Borrowed(_) => (name.to_string(), None),
        std::borrow::Cow::Owned(owned) => (name.to_string(), Some(content_hash(owned))),
    };
    let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(file) = cache.get(&key) {
        return Ok(*file);
    }
    let bytes: &'static [u8] = match bytes {
        std::borrow::Cow::Borrowed(b) => b,
        std::borrow::Cow::Owned(v) => Box::leak(v.into_boxed_slice()),
    };
    let file = FontFile {
        name: Box::leak(name.to_string().into_boxed_str()),
        shown: Box::leak(shown.into_boxed_str()),
        bytes,
        builtin,
    };
    cache.insert(key, file);
    Ok(file)
}

fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_faces_are_found_and_read_once() {
        let a = load("DejaVuSans.ttf", None).unwrap();
        let b = load("DejaVuSans.ttf", None).unwrap();
        assert!(a.builtin);
        assert!(std::ptr::eq(a.bytes, b.bytes));
        let err = load("Nope.ttf", None).unwrap_err();
        assert!(err.to_string().contains("Nope.ttf"), "{err}");
    }

    #[test]
    fn a_project_font_comes_before_the_built_in_one() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = include_bytes!("../../fonts/DejaVuSansMono.ttf");
        std::fs::write(dir.path().join("DejaVuSans.ttf"), bytes).unwrap();
        let file = load("DejaVuSans.ttf", Some(dir.path())).unwrap();
        assert!(!file.builtin);
        assert_eq!(file.bytes.len(), bytes.len());
    }
}

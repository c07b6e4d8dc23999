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

/// The fonts folio ships, compiled in (OFL and DejaVu licences in fonts/): Atkinson
/// Hyperlegible and DejaVu for Latin text and symbols, Noto Sans for the other scripts but
/// Chinese, Japanese and Korean (see [`find_system`]).
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
    (
        "NotoSans-Regular.ttf",
        include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    ),
    (
        "NotoSans-Bold.ttf",
        include_bytes!("../../fonts/NotoSans-Bold.ttf"),
    ),
    (
        "NotoSans-Italic.ttf",
        include_bytes!("../../fonts/NotoSans-Italic.ttf"),
    ),
    (
        "NotoSans-BoldItalic.ttf",
        include_bytes!("../../fonts/NotoSans-BoldItalic.ttf"),
    ),
    (
        "NotoSansArabic-Regular.ttf",
        include_bytes!("../../fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "NotoSansArabic-Bold.ttf",
        include_bytes!("../../fonts/NotoSansArabic-Bold.ttf"),
    ),
    (
        "NotoSansHebrew-Regular.ttf",
        include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf"),
    ),
    (
        "NotoSansHebrew-Bold.ttf",
        include_bytes!("../../fonts/NotoSansHebrew-Bold.ttf"),
    ),
    (
        "NotoSansDevanagari-Regular.ttf",
        include_bytes!("../../fonts/NotoSansDevanagari-Regular.ttf"),
    ),
    (
        "NotoSansDevanagari-Bold.ttf",
        include_bytes!("../../fonts/NotoSansDevanagari-Bold.ttf"),
    ),
    (
        "NotoSansBengali-Regular.ttf",
        include_bytes!("../../fonts/NotoSansBengali-Regular.ttf"),
    ),
    (
        "NotoSansBengali-Bold.ttf",
        include_bytes!("../../fonts/NotoSansBengali-Bold.ttf"),
    ),
    (
        "NotoSansThai-Regular.ttf",
        include_bytes!("../../fonts/NotoSansThai-Regular.ttf"),
    ),
    (
        "NotoSansThai-Bold.ttf",
        include_bytes!("../../fonts/NotoSansThai-Bold.ttf"),
    ),
    (
        "NotoSansLao-Regular.ttf",
        include_bytes!("../../fonts/NotoSansLao-Regular.ttf"),
    ),
    (
        "NotoSansLao-Bold.ttf",
        include_bytes!("../../fonts/NotoSansLao-Bold.ttf"),
    ),
    (
        "NotoSansKhmer-Regular.ttf",
        include_bytes!("../../fonts/NotoSansKhmer-Regular.ttf"),
    ),
    (
        "NotoSansKhmer-Bold.ttf",
        include_bytes!("../../fonts/NotoSansKhmer-Bold.ttf"),
    ),
    (
        "NotoSansMyanmar-Regular.ttf",
        include_bytes!("../../fonts/NotoSansMyanmar-Regular.ttf"),
    ),
    (
        "NotoSansMyanmar-Bold.ttf",
        include_bytes!("../../fonts/NotoSansMyanmar-Bold.ttf"),
    ),
    (
        "NotoSansEthiopic-Regular.ttf",
        include_bytes!("../../fonts/NotoSansEthiopic-Regular.ttf"),
    ),
    (
        "NotoSansEthiopic-Bold.ttf",
        include_bytes!("../../fonts/NotoSansEthiopic-Bold.ttf"),
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
    #[error("no font has the {script} of this document ({count} in all, first: {sample}); {help}")]
    Uncovered {
        script: String,
        sample: String,
        count: usize,
        help: String,
    },
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

/// The folders a system keeps its fonts in (fontconfig's defaults on Linux, and macOS's).
const SYSTEM_FOLDERS: &[&str] = &[
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
];

/// Folders a search goes into at most this deep (Debian keeps faces two levels down).
const SEARCH_DEPTH: usize = 4;

/// The first of `names` (file names, in order of preference) found in the project's fonts/
/// folder, then, when `system` allows, among the system's fonts (and the user's, under
/// `~/.fonts` and `~/.local/share/fonts`). For the faces too large to ship: Chinese,
/// Japanese and Korean. `None` when no folder has any of them.
pub fn find(
    names: &[&str],
    fonts_dir: Option<&Path>,
    system: bool,
) -> Result<Option<FontFile>, FontError> {
    if let Some(dir) = fonts_dir {
        for name in names {
            if dir.join(name).is_file() {
                return load(name, Some(dir)).map(Some);
            }
        }
    }
    if !system {
        return Ok(None);
    }
    match locate_system(names) {
        Some((name, path)) => load_system(name, &path).map(Some),
        None => Ok(None),
    }
}

/// The first of `names` among the system's fonts, and where it is (not read).
pub fn locate_system<'n>(names: &[&'n str]) -> Option<(&'n str, std::path::PathBuf)> {
    let mut folders: Vec<std::path::PathBuf> = SYSTEM_FOLDERS
        .iter()
        .map(std::path::PathBuf::from)
        .collect();
    if let Some(home) = std::env::var_os("HOME") {
        let home = std::path::PathBuf::from(home);
        folders.push(home.join(".fonts"));
        folders.push(home.join(".local/share/fonts"));
    }
    for name in names {
        for folder in &folders {
            if let Some(path) = find_in(folder, name, SEARCH_DEPTH) {
                return Some((name, path));
            }
        }
    }
    None
}

/// `name` in `folder` or its subfolders (symbolic links to folders are not followed).
fn find_in(folder: &Path, name: &str, depth: usize) -> Option<std::path::PathBuf> {
    let direct = folder.join(name);
    if direct.is_file() {
        return Some(direct);
    }
    if depth == 0 {
        return None;
    }
    let mut subfolders: Vec<std::path::PathBuf> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .map(|entry| entry.path())
        .collect();
    // The same answer on every run, whatever order the file system lists.
    subfolders.sort();
    subfolders
        .iter()
        .find_map(|sub| find_in(sub, name, depth - 1))
}

/// A system font file, read once per process (by path, size and modification time: these
/// files are tens of megabytes, too large to read again to notice a change).
fn load_system(name: &str, path: &Path) -> Result<FontFile, FontError> {
    let shown = path.display().to_string();
    let io = |source| FontError::Io {
        path: shown.clone(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    let key = (shown.clone(), Some(meta.len().rotate_left(32) ^ modified));
    if let Some(file) = cache().lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(*file);
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(file) = cache.get(&key) {
        return Ok(*file);
    }
    let file = FontFile {
        name: Box::leak(name.to_string().into_boxed_str()),
        shown: Box::leak(shown.into_boxed_str()),
        bytes: Box::leak(bytes.into_boxed_slice()),
        builtin: false,
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

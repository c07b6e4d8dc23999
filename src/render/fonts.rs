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

/// The SHA-256 of each face folio ships, as the manifest records it (a test checks them
/// against the files): hashing them at every run cost a tenth of a handout's time.
const BUILTIN_SHA256: &[(&str, &str)] = &[
    (
        "AtkinsonHyperlegible-Bold.ttf",
        "9ebfea858a99e61e2fc299d194ba55b87de4884094f86fdcb6fa0d510b9d77da",
    ),
    (
        "AtkinsonHyperlegible-BoldItalic.ttf",
        "8296516acba45c021df5d1895cba67c954ba607a1005b218d2664ca41fcab7db",
    ),
    (
        "AtkinsonHyperlegible-Italic.ttf",
        "41918e10ed5a96e1f782b453cfd417f6ec91ca3268506b343de52bb4ae4a4c25",
    ),
    (
        "AtkinsonHyperlegible-Regular.ttf",
        "752bace0a9820236f24d65d680ac07aeb543c92dd903c871e09f6627261b812f",
    ),
    (
        "DejaVuSans.ttf",
        "abdc775b21b1bc470d50c97e790d276f2054b7504e56e5bd3e64f48d68582322",
    ),
    (
        "DejaVuSansMono-Bold.ttf",
        "2964f6dac8e6e9d71613928340f17bf868e9ea51692cca333c79e74962f02233",
    ),
    (
        "DejaVuSansMono.ttf",
        "0f5db4f1749979d961019838b160bec74abdf7f9eca69553fe1aa856bbff49a4",
    ),
    (
        "NotoSans-Bold.ttf",
        "e83493c945848ecd4a9ad0f6d19164541a0d3e23a9c952304a00a46e00272ac5",
    ),
    (
        "NotoSans-BoldItalic.ttf",
        "4315b26e5afb62f70f5ffe0edaa3363e57765ff2af2beda12b6fef197e3e5f5a",
    ),
    (
        "NotoSans-Italic.ttf",
        "5d7618dda819443fd07301c84adcee9fe8960c873ea5e5e1f0f59db384b78082",
    ),
    (
        "NotoSans-Regular.ttf",
        "89c3c497f618fdaa0b2d1e98fef93582f28c71debd2c4a8cdf41f190ced2909d",
    ),
    (
        "NotoSansArabic-Bold.ttf",
        "ded6fc7359ca36d15d7aab9ef0c066e21ce48b26a069994d6602fa2cb9a1b952",
    ),
    (
        "NotoSansArabic-Regular.ttf",
        "504d7407d86875acf7d04dfaa0fd7524d0b8797723bc4aa18022f29db25b0b6e",
    ),
    (
        "NotoSansBengali-Bold.ttf",
        "22c9ff99baca4d31c531ce450a1369beed889467e1ad964f4b8a6f810aa46955",
    ),
    (
        "NotoSansBengali-Regular.ttf",
        "9bb35b3547829ecc42041b6017e87fd4c5f1da1edcd00f59171777050f346018",
    ),
    (
        "NotoSansDevanagari-Bold.ttf",
        "77ad688cfe1dc55185bf4edb4db3c614202c65dd23a1463ad0e23fc52bcc9a5c",
    ),
    (
        "NotoSansDevanagari-Regular.ttf",
        "79a470365ccb210fa3c7d8d8ff2e005ef9d983cfd067f735a0caf7e15070ca9f",
    ),
    (
        "NotoSansEthiopic-Bold.ttf",
        "cc16f0c43be76a2ecb5f6d08de4fe6705886b9be90251bfb5959a90955be7f1d",
    ),
    (
        "NotoSansEthiopic-Regular.ttf",
        "58bc43b062961b38ee45757d2e74e6a991a12011aa0399fb03004ac432e5c852",
    ),
    (
        "NotoSansHebrew-Bold.ttf",
        "d3b01343f71e8a93fffb84c345a1aecbaf4694b98d0eaace916cb9eac9e6dcd3",
    ),
    (
        "NotoSansHebrew-Regular.ttf",
        "436900d5ad77d33e4234247f3076eaecd25b92b9bea0519514f684140e3566a7",
    ),
    (
        "NotoSansKhmer-Bold.ttf",
        "cc74e7ac685da9a84e18b773ec8d80d06765aa1754bb14acc390c3620023c4dc",
    ),
    (
        "NotoSansKhmer-Regular.ttf",
        "bc9a5e2afcee249849e409aabe6e22330c479b878ea3e59bf5e7c84482d7ee53",
    ),
    (
        "NotoSansLao-Bold.ttf",
        "b87a8592f1cdd8b15e1e827967afd45a8c5ffc1123773bc4bd023fe1ccecd321",
    ),
    (
        "NotoSansLao-Regular.ttf",
        "6c3de7db369e85cba20255d161eeeb3d934ea3c4c51e2574c2ddcce79a25025c",
    ),
    (
        "NotoSansMyanmar-Bold.ttf",
        "e37e2ef189431020b1eaf4fb8d43252666dc24265d628145fff119613afea174",
    ),
    (
        "NotoSansMyanmar-Regular.ttf",
        "3fe9a4babc12081adc979e0313433e6ec85bb3ad069681c23ee8d8ea8b91332b",
    ),
    (
        "NotoSansThai-Bold.ttf",
        "97bbc8ea98328325285f2f552228c7aac1db39d8f38f0096a61ba7df1f1f780e",
    ),
    (
        "NotoSansThai-Regular.ttf",
        "dfbd5ed0f1e68c3cbc51aa08f646d1ab0e68e7c4ceab70a69e465225ff701f93",
    ),
];

/// The SHA-256 of a face folio ships.
pub fn builtin_sha256(name: &str) -> Option<&'static str> {
    BUILTIN_SHA256
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, sum)| *sum)
}

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

/// A system font file's bytes, mapped into memory for the life of the process: a handout
/// reads a few hundred kilobytes of a 20 MB CJK collection (its tables and the outlines it
/// uses), and reading it all took most of a Chinese handout's time.
fn map(path: &Path) -> std::io::Result<&'static [u8]> {
    let file = std::fs::File::open(path)?;
    // SAFETY: the map is read-only and kept for the life of the process. A system font
    // file is replaced by the package manager (a new file), not rewritten in place; were it
    // truncated while folio runs, reading past its end could fault, which is the risk every
    // program that maps its fonts (browsers, typst) takes.
    let mapped = unsafe { memmap2::Mmap::map(&file)? };
    let mapped: &'static memmap2::Mmap = Box::leak(Box::new(mapped));
    Ok(&mapped[..])
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
    let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(file) = cache.get(&key) {
        return Ok(*file);
    }
    let bytes = map(path).map_err(io)?;
    let file = FontFile {
        name: Box::leak(name.to_string().into_boxed_str()),
        shown: Box::leak(shown.into_boxed_str()),
        bytes,
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
    fn every_face_folio_ships_has_its_true_sha256_listed() {
        assert_eq!(BUILTIN.len(), BUILTIN_SHA256.len());
        for (name, bytes) in BUILTIN {
            assert_eq!(
                builtin_sha256(name),
                Some(crate::digest::sha256_hex(bytes).as_str()),
                "{name}"
            );
        }
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

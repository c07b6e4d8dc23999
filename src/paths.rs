//! How folio writes a path: with `/` separators on every system ([`slash`]: sources, the
//! manifest, the cache), and in messages without a leading `./` ([`shown`]), so
//! `./dist/a.pdf` and `content/a.md` read alike in one build's output; and which paths are
//! Markdown documents ([`is_markdown`]). A leaf; it names paths and never touches the file
//! system.

use std::path::{Component, Path};

/// `path` as a message shows it: `./dist/a.pdf` → `dist/a.pdf`; `.` stays `.`.
pub fn shown(path: &Path) -> String {
    let mut components = path.components().peekable();
    if components.peek() == Some(&Component::CurDir) {
        components.next();
    }
    let rest: std::path::PathBuf = components.collect();
    if rest.as_os_str().is_empty() {
        return slash(path);
    }
    slash(&rest)
}

/// `path` with `/` between its parts on every system: how sources, the manifest, the build
/// cache and messages all write a path.
pub fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Whether `path` names a Markdown document: `.md` or `.markdown`, in any case. What build
/// and check read from a folder, and what a link must name to lead to another document.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_dot_is_left_out() {
        assert_eq!(shown(Path::new("./dist/a.pdf")), "dist/a.pdf");
        assert_eq!(shown(Path::new("./folio.toml")), "folio.toml");
        assert_eq!(shown(Path::new("content/a.md")), "content/a.md");
        assert_eq!(shown(Path::new("/tmp/p/dist")), "/tmp/p/dist");
        assert_eq!(shown(Path::new(".")), ".");
        assert_eq!(shown(Path::new("../x/./y.md")), "../x/y.md");
        assert_eq!(slash(Path::new("content\\a.md")), "content/a.md");
    }
}

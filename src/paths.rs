//! How messages name a file: relative paths without a leading `./`, with `/` separators on
//! every system, so `./dist/a.pdf` and `content/a.md` read alike in one build's output. A
//! leaf; it names paths and never touches the file system.

use std::path::{Component, Path};

/// `path` as a message shows it: `./dist/a.pdf` → `dist/a.pdf`; `.` stays `.`.
pub fn shown(path: &Path) -> String {
    let mut components = path.components().peekable();
    if components.peek() == Some(&Component::CurDir) {
        components.next();
    }
    let rest: std::path::PathBuf = components.collect();
    if rest.as_os_str().is_empty() {
        return path.display().to_string();
    }
    let text = rest.display().to_string();
    if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text
    }
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
    }
}

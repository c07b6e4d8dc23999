//! Which file of the output folder a request names, and what type it is: the request's path
//! percent-decoded and resolved inside the folder, refusing anything that would lead out of
//! it (`..`, an encoded `..`, a backslash, a drive, a symbolic link pointing elsewhere). A
//! folder names its `index.html`.
//!
//! Not the routing or the responses ([`super::routes`]), and not the live-reload script
//! ([`super::inject`]): this file only names files, and never reads one.

use std::path::{Component, Path, PathBuf};

/// A file found for a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The file, with every symbolic link resolved.
    pub path: PathBuf,
    /// Its path relative to the output folder, with `/` separators (`html/a.html`): how the
    /// manifest names it.
    pub name: String,
}

/// The page sent for a path that names no file (or one that is refused: the answer does
/// not tell which).
pub const NOT_FOUND_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n\
<meta charset=\"utf-8\">\n<title>Not found</title>\n</head>\n<body>\n\
<h1>Not found</h1>\n<p>No file of the build is at this address. \
<a href=\"/\">The catalogue</a> lists them all.</p>\n</body>\n</html>\n";

/// The file `url` (a request target: `/html/a.html?x#y`) names inside `root`, the output
/// folder; `None` when the path is malformed, leads out of `root` (even through a symbolic
/// link), or names nothing.
pub fn resolve(root: &Path, url: &str) -> Option<Found> {
    let root = root.canonicalize().ok()?;
    let decoded = decode(path_part(url))?;
    let rest = decoded.strip_prefix('/')?;
    let mut path = root.clone();
    for segment in rest.split('/') {
        // `a//b` and `a/./b` name `a/b`.
        if segment.is_empty() || segment == "." {
            continue;
        }
        if !plain_name(segment) {
            return None;
        }
        path.push(segment);
    }
    let mut real = inside(&root, &path)?;
    if real.is_dir() {
        real = inside(&root, &real.join("index.html"))?;
    }
    if !real.is_file() {
        return None;
    }
    let name = real
        .strip_prefix(&root)
        .ok()
        .map(crate::paths::slash)
        .unwrap_or_default();
    Some(Found { path: real, name })
}

/// `path` with its symbolic links resolved, if it exists and is inside `root` (resolved).
fn inside(root: &Path, path: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    real.starts_with(root).then_some(real)
}

/// Whether a decoded segment of a path is one plain name: not `..`, no backslash (a
/// separator on Windows), no colon (a drive or a stream on Windows), nothing the system
/// would read as a root or prefix.
fn plain_name(segment: &str) -> bool {
    if segment == ".." || segment.contains(['\\', ':', '\0']) {
        return false;
    }
    let mut components = Path::new(segment).components();
    matches!(components.next(), Some(Component::Normal(_))) && components.next().is_none()
}

/// The path of a request target, without its query and fragment.
pub fn path_part(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or_default()
}

/// `%XX` escapes decoded, once (`%252e` is `%2e`, a name, not a dot). `None` for a bad
/// escape, text that is not UTF-8, or a NUL.
pub fn decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let high = hex_digit(*bytes.get(i + 1)?)?;
            let low = hex_digit(*bytes.get(i + 2)?)?;
            out.push((high << 4) | low);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let text = String::from_utf8(out).ok()?;
    (!text.contains('\0')).then_some(text)
}

fn hex_digit(byte: u8) -> Option<u8> {
    char::from(byte)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// The `Content-Type` of a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "xhtml" => "application/xhtml+xml",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "epub" => "application/epub+zip",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        _ => "application/octet-stream",
    }
}

/// Whether a `Content-Type` is an HTML page (which gets the live-reload script).
pub fn is_html(content_type: &str) -> bool {
    content_type.starts_with("text/html")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A project folder with `folio.toml` beside `dist/`, which holds `index.html`,
    /// `html/a.html` and `html/index.html`.
    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("folio.toml"), "secret").unwrap();
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(dist.join("html")).unwrap();
        std::fs::write(dist.join("index.html"), "catalogue").unwrap();
        std::fs::write(dist.join("html/a.html"), "a").unwrap();
        std::fs::write(dist.join("html/index.html"), "pages").unwrap();
        let dist = dist.canonicalize().unwrap();
        (dir, dist)
    }

    fn name(dist: &Path, url: &str) -> Option<String> {
        resolve(dist, url).map(|f| f.name)
    }

    #[test]
    fn a_file_is_found_with_its_name() {
        let (_dir, dist) = site();
        let found = resolve(&dist, "/html/a.html").unwrap();
        assert_eq!(found.path, dist.join("html/a.html"));
        assert_eq!(found.name, "html/a.html");
        assert_eq!(
            name(&dist, "/html/a.html?x=1#top").as_deref(),
            Some("html/a.html")
        );
        assert_eq!(
            name(&dist, "/html//./a.html").as_deref(),
            Some("html/a.html")
        );
        assert_eq!(
            name(&dist, "/html/a%2Ehtml").as_deref(),
            Some("html/a.html")
        );
    }

    #[test]
    fn a_folder_serves_its_index() {
        let (_dir, dist) = site();
        assert_eq!(name(&dist, "/").as_deref(), Some("index.html"));
        assert_eq!(name(&dist, "/html/").as_deref(), Some("html/index.html"));
        assert_eq!(name(&dist, "/html").as_deref(), Some("html/index.html"));
        std::fs::create_dir(dist.join("empty")).unwrap();
        assert_eq!(name(&dist, "/empty/"), None);
    }

    #[test]
    fn dot_dot_is_refused_however_it_is_written() {
        let (_dir, dist) = site();
        for url in [
            "/../folio.toml",
            "/html/../../folio.toml",
            "/%2e%2e/folio.toml",
            "/%2E%2E/folio.toml",
            "/html/%2e%2e/%2e%2e/folio.toml",
            "/%2F../folio.toml",
            "/html%2F..%2F..%2Ffolio.toml",
            "/..%5cfolio.toml",
            "/html\\..\\..\\folio.toml",
            "/html/..",
            "..",
            "",
        ] {
            assert_eq!(resolve(&dist, url), None, "{url}");
        }
    }

    #[test]
    fn a_double_encoded_dot_stays_a_literal_name() {
        let (_dir, dist) = site();
        assert_eq!(resolve(&dist, "/%252e%252e/folio.toml"), None);
        std::fs::create_dir(dist.join("%2e%2e")).unwrap();
        std::fs::write(dist.join("%2e%2e/x.txt"), "x").unwrap();
        assert_eq!(
            name(&dist, "/%252e%252e/x.txt").as_deref(),
            Some("%2e%2e/x.txt")
        );
    }

    #[test]
    fn bad_escapes_nul_and_non_utf8_are_refused() {
        let (_dir, dist) = site();
        for url in [
            "/html/a.html%00",
            "/%ff",
            "/html/a.htm%",
            "/html/a.htm%6",
            "/%zz",
        ] {
            assert_eq!(resolve(&dist, url), None, "{url}");
        }
        assert_eq!(decode("/a%20b%C3%A9").as_deref(), Some("/a bé"));
        assert_eq!(decode("/a+b").as_deref(), Some("/a+b"));
    }

    #[test]
    fn drives_and_missing_files_are_refused() {
        let (_dir, dist) = site();
        for url in [
            "/C:/Windows/win.ini",
            "/c%3A/x",
            "/nope.html",
            "/html/nope/",
        ] {
            assert_eq!(resolve(&dist, url), None, "{url}");
        }
        assert_eq!(resolve(&dist.join("missing"), "/"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_out_of_the_folder_is_refused() {
        let (dir, dist) = site();
        std::os::unix::fs::symlink(dir.path(), dist.join("out")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("folio.toml"), dist.join("t.txt")).unwrap();
        assert_eq!(resolve(&dist, "/out/folio.toml"), None);
        assert_eq!(
            resolve(&dist, "/out/dist/index.html")
                .map(|f| f.name)
                .as_deref(),
            Some("index.html")
        );
        assert_eq!(resolve(&dist, "/t.txt"), None);
        // A link that stays inside is followed.
        std::os::unix::fs::symlink(dist.join("html"), dist.join("pages")).unwrap();
        assert_eq!(name(&dist, "/pages/a.html").as_deref(), Some("html/a.html"));
    }

    #[test]
    fn types_follow_the_extension() {
        let ty = |name: &str| content_type(Path::new(name));
        assert_eq!(ty("a.html"), "text/html; charset=utf-8");
        assert_eq!(ty("a.EPUB"), "application/epub+zip");
        assert_eq!(ty("a.txt"), "text/plain; charset=utf-8");
        assert_eq!(ty("a.svg"), "image/svg+xml");
        assert_eq!(ty("a.woff2"), "font/woff2");
        assert_eq!(ty("a.jpeg"), "image/jpeg");
        assert_eq!(ty("Makefile"), "application/octet-stream");
        assert!(is_html(ty("index.htm")));
    }
}

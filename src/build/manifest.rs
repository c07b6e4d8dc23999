//! `<output>/manifest.json`: every file of the build with its size and SHA-256, and every
//! source with its SHA-256 — what an archive needs to prove that a file is the one folio made,
//! from the sources it names. Sorted by path, with no time in it: two builds of the same
//! inputs write the same manifest. `project` says where the project is as seen from the
//! output folder, so the manifest alone tells what its two kinds of paths are relative to.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use serde::Serialize;

use super::cache::{ArtifactEntry, DepEntry};

pub const MANIFEST_FILE: &str = "manifest.json";

#[derive(Serialize)]
struct Manifest<'a> {
    generator: String,
    /// The project folder as seen from the output folder (`..` for dist/ inside it), with
    /// `/` separators: what `sources` and `from` paths are relative to.
    project: &'a str,
    artifacts: Vec<Artifact<'a>>,
    sources: &'a [Source],
}

#[derive(Serialize)]
struct Artifact<'a> {
    /// Relative to the output folder.
    path: &'a str,
    format: &'a str,
    variant: Option<&'a str>,
    bytes: u64,
    sha256: &'a str,
    /// The files it was made from, relative to the project, with their hashes at the time.
    from: &'a [DepEntry],
    /// The font files whose faces it embeds (a path, or the name of a face folio ships),
    /// with their hashes: a PDF set with a system's font is reproducible only with that file.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    fonts: &'a [crate::render::writer::FontUsed],
}

/// A file the build read, relative to the project.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Source {
    pub path: String,
    pub sha256: String,
}

/// The manifest's bytes. `project` is [`project_from`] the output folder; `artifacts` must
/// list only files that exist.
pub fn render(
    project: &str,
    artifacts: &BTreeMap<String, ArtifactEntry>,
    sources: &[Source],
) -> Vec<u8> {
    let manifest = Manifest {
        generator: format!("folio {}", env!("CARGO_PKG_VERSION")),
        project,
        artifacts: artifacts
            .iter()
            .map(|(path, a)| Artifact {
                path,
                format: &a.format,
                variant: a.variant.as_deref(),
                bytes: a.bytes,
                sha256: &a.sha256,
                from: &a.sources,
                fonts: &a.fonts,
            })
            .collect(),
        sources,
    };
    // Plain structs of strings and numbers always serialize.
    let mut bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The project folder `root` as seen from the output folder `out`, with `/` separators: `..`
/// for dist/ inside the project, `../<project folder>` for an output folder beside it, `.`
/// for the project folder itself; the absolute path of the project when there is no relative
/// one (another drive on Windows). Symbolic links are resolved first, so `out` joined with
/// the answer is the project.
pub fn project_from(out: &Path, root: &Path) -> String {
    let resolve = |p: &Path| {
        p.canonicalize()
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let (out, root) = (resolve(out), resolve(root));
    relative(&out, &root).unwrap_or_else(|| crate::paths::slash(&root))
}

/// `to` relative to `from`, both absolute and without `.` or `..`; `None` when they share no
/// root (or are not so).
fn relative(from: &Path, to: &Path) -> Option<String> {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    match (from.first(), to.first()) {
        (Some(a), Some(b)) if a == b && !matches!(a, Component::Normal(_)) => {}
        _ => return None,
    }
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = Vec::new();
    for component in &from[common..] {
        match component {
            Component::Normal(_) => parts.push("..".to_string()),
            _ => return None,
        }
    }
    for component in &to[common..] {
        match component {
            Component::Normal(name) => parts.push(name.to_string_lossy().into_owned()),
            _ => return None,
        }
    }
    Some(if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_documented_shape() {
        let mut artifacts = BTreeMap::new();
        artifacts.insert(
            "pdf/x.pdf".to_string(),
            ArtifactEntry {
                format: "pdf".into(),
                variant: Some("standard".into()),
                document: Some("content/x.md".into()),
                sources: vec![DepEntry {
                    path: "content/x.md".into(),
                    sha256: "cd".into(),
                }],
                key: "k".into(),
                bytes: 1234,
                sha256: "ab".into(),
                warnings: vec![crate::diagnostics::Diagnostic::new(
                    crate::diagnostics::Code::RawHtml,
                    "content/x.md",
                    crate::diagnostics::Location::line(3),
                    "not in the manifest",
                )],
                fonts: vec![crate::render::writer::FontUsed {
                    file: "NotoSansArabic-Regular.ttf".into(),
                    index: 0,
                    sha256: "ef".into(),
                }],
            },
        );
        let sources = [Source {
            path: "content/x.md".into(),
            sha256: "cd".into(),
        }];
        let bytes = render("..", &artifacts, &sources);
        let text = String::from_utf8(bytes.clone()).unwrap();
        let at = |key: &str| text.find(&format!("\"{key}\":")).unwrap();
        assert!(
            at("generator") < at("project") && at("project") < at("artifacts"),
            "`project` comes right after `generator`:\n{text}"
        );
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(json["project"], "..");
        assert_eq!(json["artifacts"][0]["path"], "pdf/x.pdf");
        assert_eq!(json["artifacts"][0]["format"], "pdf");
        assert_eq!(json["artifacts"][0]["variant"], "standard");
        assert_eq!(json["artifacts"][0]["bytes"], 1234);
        assert_eq!(json["artifacts"][0]["sha256"], "ab");
        assert!(json["artifacts"][0].get("key").is_none());
        assert!(json["artifacts"][0].get("warnings").is_none());
        assert_eq!(json["sources"][0]["path"], "content/x.md");
        assert_eq!(json["sources"][0]["sha256"], "cd");
        assert_eq!(json["artifacts"][0]["from"][0]["path"], "content/x.md");
        assert_eq!(json["artifacts"][0]["from"][0]["sha256"], "cd");
        let font = &json["artifacts"][0]["fonts"][0];
        assert_eq!(font["file"], "NotoSansArabic-Regular.ttf");
        assert_eq!(font["sha256"], "ef");
        assert!(font.get("index").is_none(), "index 0 is left out");
    }

    #[test]
    fn the_project_is_seen_from_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("clinic");
        std::fs::create_dir_all(root.join("dist")).unwrap();
        std::fs::create_dir_all(root.join("build/site")).unwrap();
        std::fs::create_dir_all(dir.path().join("site")).unwrap();
        assert_eq!(project_from(&root.join("dist"), &root), "..");
        assert_eq!(project_from(&root.join("build/site"), &root), "../..");
        assert_eq!(project_from(&dir.path().join("site"), &root), "../clinic");
        assert_eq!(project_from(&root, &root), ".");
        assert_eq!(project_from(&root.join("./dist/."), &root.join(".")), "..");
    }

    #[test]
    fn without_a_common_root_there_is_no_relative_path() {
        assert_eq!(
            relative(Path::new("/a/b"), Path::new("/a/c/d")).as_deref(),
            Some("../c/d")
        );
        assert_eq!(relative(Path::new("a/b"), Path::new("/a")), None);
    }
}

//! `<output>/manifest.json`: every file of the build with its size and SHA-256, and every
//! source with its SHA-256 — what an archive needs to prove that a file is the one folio made,
//! from the sources it names. Sorted by path, with no time in it: two builds of the same
//! inputs write the same manifest.

use std::collections::BTreeMap;

use serde::Serialize;

use super::cache::{ArtifactEntry, DepEntry};

pub const MANIFEST_FILE: &str = "manifest.json";

#[derive(Serialize)]
struct Manifest<'a> {
    generator: String,
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

/// The manifest's bytes. `artifacts` must list only files that exist.
pub fn render(artifacts: &BTreeMap<String, ArtifactEntry>, sources: &[Source]) -> Vec<u8> {
    let manifest = Manifest {
        generator: format!("folio {}", env!("CARGO_PKG_VERSION")),
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
        let json: serde_json::Value =
            serde_json::from_slice(&render(&artifacts, &sources)).unwrap();
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
}

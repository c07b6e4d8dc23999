//! The build cache, `<output>/.folio-cache.json`: for every file folio wrote there, the key of
//! the inputs it was made from and the hash of what was written; for every document, the
//! hashes of its source and images and what the catalogue shows of it.
//!
//! An output is rebuilt when its key changes (source, images, project defaults, the settings
//! its writer reads, fonts, or this build of folio) or when the file on disk is missing or
//! no longer the file folio wrote. The cache lives beside the outputs it describes: deleting
//! the output folder deletes it too. It holds no time and no absolute path, so two clean
//! builds of the same project write the same cache.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::assets::Dependency;
use crate::diagnostics::Diagnostic;

pub const CACHE_FILE: &str = ".folio-cache.json";
/// Bumped when the cache's shape changes: an older cache is then ignored.
const SCHEMA: u32 = 5;

/// This build of folio: its version and a hash of its sources (see build.rs).
pub const BUILD_ID: &str = env!("FOLIO_BUILD_ID");

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Cache {
    pub schema: u32,
    /// Documents by their path relative to the project.
    pub documents: BTreeMap<String, DocumentEntry>,
    /// Files folio wrote, by their path relative to the output folder (`/` separators).
    pub artifacts: BTreeMap<String, ArtifactEntry>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentEntry {
    pub sha256: String,
    pub images: Vec<DepEntry>,
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    pub language: String,
    pub review_date: Option<String>,
    /// What the checks found, and the key of what they were run on (the document, the
    /// `[check]` settings, the day): shown again while that key holds.
    #[serde(default)]
    pub check: Option<CheckEntry>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckEntry {
    pub key: String,
    pub findings: crate::check::Findings,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DepEntry {
    pub path: String,
    pub sha256: String,
}

impl From<&Dependency> for DepEntry {
    fn from(d: &Dependency) -> Self {
        DepEntry {
            path: d.path.clone(),
            sha256: d.sha256.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArtifactEntry {
    pub format: String,
    pub variant: Option<String>,
    /// The document it was made from; `None` for the book and the catalogue.
    pub document: Option<String>,
    /// Every file it was made from (documents and their images) with the hash it had then:
    /// a file kept from an earlier build names the sources of that build, not today's.
    pub sources: Vec<DepEntry>,
    pub key: String,
    pub bytes: u64,
    pub sha256: String,
    /// What the writer said, shown again when the file is reused.
    pub warnings: Vec<Diagnostic>,
    /// The font files whose faces it embeds, with their SHA-256.
    #[serde(default)]
    pub fonts: Vec<crate::render::writer::FontUsed>,
}

impl ArtifactEntry {
    /// An entry for a file about to be written; its size, hash and warnings come with the
    /// bytes.
    pub fn new(
        format: &str,
        variant: Option<&str>,
        document: Option<&str>,
        sources: Vec<DepEntry>,
        key: String,
    ) -> ArtifactEntry {
        ArtifactEntry {
            format: format.to_string(),
            variant: variant.map(str::to_string),
            document: document.map(str::to_string),
            sources,
            key,
            bytes: 0,
            sha256: String::new(),
            warnings: Vec::new(),
            fonts: Vec::new(),
        }
    }

    /// Records the bytes written.
    pub fn with_bytes(mut self, bytes: &[u8]) -> ArtifactEntry {
        self.bytes = bytes.len() as u64;
        self.sha256 = crate::digest::sha256_hex(bytes);
        self
    }
}

impl Cache {
    /// The cache in `out_dir`, or an empty one if there is none or it cannot be used (another
    /// schema, damaged): the build then simply does everything.
    pub fn load(out_dir: &Path) -> Cache {
        std::fs::read(out_dir.join(CACHE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Cache>(&bytes).ok())
            .filter(|c| c.schema == SCHEMA)
            .unwrap_or_default()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let cache = Cache {
            schema: SCHEMA,
            ..self.clone()
        };
        // Maps with string keys always serialize.
        let mut bytes = serde_json::to_vec_pretty(&cache).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// Whether `relative` (under `out_dir`) is still the file folio wrote with `key`.
    pub fn is_current(&self, out_dir: &Path, relative: &str, key: &str) -> bool {
        let Some(entry) = self.artifacts.get(relative) else {
            return false;
        };
        entry.key == key && file_matches(&out_dir.join(relative), entry)
    }
}

/// Whether the file on disk has the size and hash the entry records.
pub fn file_matches(path: &Path, entry: &ArtifactEntry) -> bool {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == entry.bytes => {
            std::fs::read(path).is_ok_and(|bytes| crate::digest::sha256_hex(&bytes) == entry.sha256)
        }
        _ => false,
    }
}

/// The current hashes of a document's images, if they all still exist and are unchanged.
/// An image replaced by something that is not a file (a FIFO) or over `max_bytes` has changed:
/// reading it again reports why.
pub fn images_unchanged(root: &Path, images: &[DepEntry], max_bytes: u64) -> bool {
    images.iter().all(|dep| {
        crate::limits::read_file_capped(&root.join(&dep.path), max_bytes)
            .is_ok_and(|bytes| crate::digest::sha256_hex(&bytes) == dep.sha256)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(bytes: &[u8], key: &str) -> ArtifactEntry {
        ArtifactEntry::new("txt", None, Some("content/a.md"), vec![], key.into()).with_bytes(bytes)
    }

    #[test]
    fn round_trips_and_checks_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("txt")).unwrap();
        std::fs::write(dir.path().join("txt/a.txt"), b"hello").unwrap();
        let mut cache = Cache::default();
        cache
            .artifacts
            .insert("txt/a.txt".into(), entry(b"hello", "k1"));
        std::fs::write(dir.path().join(CACHE_FILE), cache.to_bytes()).unwrap();
        let loaded = Cache::load(dir.path());
        assert!(loaded.is_current(dir.path(), "txt/a.txt", "k1"));
        assert!(
            !loaded.is_current(dir.path(), "txt/a.txt", "k2"),
            "other key"
        );
        std::fs::write(dir.path().join("txt/a.txt"), b"hellO").unwrap();
        assert!(
            !loaded.is_current(dir.path(), "txt/a.txt", "k1"),
            "edited file"
        );
        std::fs::remove_file(dir.path().join("txt/a.txt")).unwrap();
        assert!(
            !loaded.is_current(dir.path(), "txt/a.txt", "k1"),
            "deleted file"
        );
    }

    #[test]
    fn a_damaged_cache_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CACHE_FILE), b"{not json").unwrap();
        assert!(Cache::load(dir.path()).artifacts.is_empty());
    }
}

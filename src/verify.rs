//! `folio verify`: proves that a kept build is still the one folio recorded. It reads the
//! output folder's `manifest.json`, hashes again every file it lists (the outputs, relative
//! to the output folder, and the sources, relative to the project folder the manifest
//! names), and reports each file that changed, is missing, or is in the output folder
//! without being listed. With `--write-sums` it also writes `SHA256SUMS`, so the archive can
//! be checked later with `sha256sum -c` and no folio.
//!
//! What it is not: it builds nothing and does not say whether the sources would make the
//! same outputs again (that is a build's reproducibility); it does not check the `from`
//! hashes (the sources as they were when an output was made) nor the system fonts a PDF
//! names. It never follows a symbolic link: a link where a file should be is reported, not
//! read. Files are hashed as a stream, so a large file is never held in memory.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::paths::{shown, slash};

/// What `folio build` writes in the output folder (`build::manifest`'s file).
pub const MANIFEST_FILE: &str = "manifest.json";
/// The build cache beside it (`build::cache`'s file): not an output, never listed.
const CACHE_FILE: &str = ".folio-cache.json";
/// What `--write-sums` writes, in the folder verified.
pub const SUMS_FILE: &str = "SHA256SUMS";
/// The output folder when folio.toml does not say (or cannot be read).
const DEFAULT_OUTPUT: &str = "dist";

/// What `folio verify` is asked besides the folder.
#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    /// Write `SHA256SUMS` in the folder verified, when everything matches.
    pub write_sums: bool,
}

/// Which list of the manifest a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An output, relative to the output folder.
    Artifact,
    /// A file the outputs were made from, relative to the project.
    Source,
}

/// A listed file whose contents (or kind) are not what the manifest records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    /// Relative to the folder verified, `/` separators.
    pub path: String,
    pub kind: Kind,
    /// The size the manifest records (outputs only: sources have no size there).
    pub recorded_bytes: Option<u64>,
    pub recorded_sha256: String,
    /// What is there now; `None` when it was not read (see `note`).
    pub bytes: Option<u64>,
    pub sha256: Option<String>,
    /// Why it was not read: a symbolic link, a folder, a device.
    pub note: Option<String>,
}

/// A listed file that is not there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    /// Relative to the folder verified, `/` separators.
    pub path: String,
    pub kind: Kind,
}

/// What `folio verify` found. `--format json` prints it (with `clean`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct VerifyReport {
    /// The folder verified, as given.
    pub folder: String,
    /// Where the sources were looked for (the project folder the manifest names).
    pub project: String,
    /// How many outputs and sources the manifest lists.
    pub files: usize,
    pub sources: usize,
    /// Sorted by path, each.
    pub changed: Vec<Changed>,
    pub missing: Vec<Missing>,
    /// Files in the output folder the manifest does not list (relative to the folder
    /// verified).
    pub new: Vec<String>,
    /// `SHA256SUMS` as the user would name it, when it was written.
    pub sums: Option<String>,
    /// Whether `--write-sums` was asked (it is refused unless everything matches).
    #[serde(skip)]
    pub sums_asked: bool,
}

impl VerifyReport {
    /// Nothing changed, missing or new.
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.new.is_empty()
    }

    /// One line per difference, then the summary (and the checksum file written).
    pub fn human(&self) -> String {
        let mut out = String::new();
        for changed in &self.changed {
            out.push_str(&format!(
                "changed  {} ({})\n",
                changed.path,
                changed_detail(changed)
            ));
        }
        for missing in &self.missing {
            out.push_str(&format!("missing  {}\n", missing.path));
        }
        for new in &self.new {
            out.push_str(&format!("new      {new}\n"));
        }
        out.push_str(&self.summary());
        out.push('\n');
        if let Some(sums) = &self.sums {
            let from = if self.folder == "." {
                "this folder"
            } else {
                self.folder.as_str()
            };
            out.push_str(&format!(
                "wrote {sums} ({} files): `sha256sum -c {SUMS_FILE}` run from {from} checks them\n",
                self.files + self.sources
            ));
        }
        out
    }

    /// `verified 33 files and 9 sources: all match`, or the counts of each difference.
    pub fn summary(&self) -> String {
        let mut line = format!(
            "verified {} {} and {} {}: ",
            self.files,
            plural(self.files, "file", "files"),
            self.sources,
            plural(self.sources, "source", "sources")
        );
        if self.is_clean() {
            line.push_str("all match");
            return line;
        }
        line.push_str(&format!(
            "{} changed, {} missing, {} new",
            self.changed.len(),
            self.missing.len(),
            self.new.len()
        ));
        if self.missing.iter().any(|m| m.kind == Kind::Source) {
            line.push_str(&format!(
                "; sources are looked for in {} (the project folder manifest.json names)",
                self.project
            ));
        }
        line
    }

    /// The report as one JSON object (`folder`, `project`, `files`, `sources`, `changed`,
    /// `missing`, `new`, `sums`, `clean`).
    pub fn json(&self) -> String {
        // Plain structs of strings and numbers always serialize.
        let mut value = serde_json::to_value(self).unwrap_or_default();
        value["clean"] = self.is_clean().into();
        value.to_string()
    }

    /// Why `--write-sums` wrote nothing, when it was asked and refused.
    pub fn sums_refusal(&self) -> Option<String> {
        (self.sums_asked && self.sums.is_none() && !self.is_clean()).then(|| {
            format!(
                "{SUMS_FILE} not written: the files do not match manifest.json, and a checksum \
                 file must vouch only for files as folio made them"
            )
        })
    }
}

fn changed_detail(changed: &Changed) -> String {
    if let Some(note) = &changed.note {
        return note.clone();
    }
    match (changed.recorded_bytes, changed.bytes) {
        (Some(before), Some(now)) if before != now => format!("size {before} → {now} bytes"),
        (Some(_), _) => "same size, different contents".to_string(),
        (None, _) => "different contents".to_string(),
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// The part of manifest.json verify reads (other fields are left alone).
#[derive(Deserialize)]
struct Manifest {
    /// The project as seen from the output folder; absent in manifests of older folios,
    /// whose project is the output folder's parent.
    #[serde(default)]
    project: Option<String>,
    artifacts: Vec<ArtifactRecord>,
    #[serde(default)]
    sources: Vec<SourceRecord>,
}

#[derive(Deserialize)]
struct ArtifactRecord {
    path: String,
    bytes: u64,
    sha256: String,
}

#[derive(Deserialize)]
struct SourceRecord {
    path: String,
    sha256: String,
}

/// Verifies the build in `dir`: a project folder (its manifest is in its output folder) or
/// an output folder (it holds manifest.json).
pub fn verify(dir: &Path, opts: &VerifyOptions) -> Result<VerifyReport, Error> {
    let place = locate(dir)?;
    let manifest_path = place.out.join(MANIFEST_FILE);
    let manifest = read_manifest(&manifest_path)?;
    let project_field = manifest.project.clone().unwrap_or_else(|| "..".to_string());
    let project_dir = place.out.join(&project_field);
    let source_prefix = if same_folder(&project_dir, dir) {
        String::new()
    } else {
        join(&place.prefix, &project_field)
    };

    // Every listed file, with where it is and how it is shown.
    let mut entries: Vec<Entry> = Vec::new();
    for artifact in &manifest.artifacts {
        entries.push(Entry {
            kind: Kind::Artifact,
            base: &place.out,
            prefix: &place.prefix,
            relative: checked(&artifact.path, &manifest_path, "the output folder")?,
            recorded_bytes: Some(artifact.bytes),
            recorded_sha256: &artifact.sha256,
        });
    }
    for source in &manifest.sources {
        entries.push(Entry {
            kind: Kind::Source,
            base: &project_dir,
            prefix: &source_prefix,
            relative: checked(&source.path, &manifest_path, "the project folder")?,
            recorded_bytes: None,
            recorded_sha256: &source.sha256,
        });
    }
    let found: Vec<Found> = entries
        .par_iter()
        .map(inspect)
        .collect::<Result<Vec<_>, Error>>()?;

    let mut report = VerifyReport {
        folder: shown(dir),
        project: project_dir
            .canonicalize()
            .or_else(|_| std::path::absolute(&project_dir))
            .map_or_else(
                |_| normalize(&slash(&project_dir)),
                |p| normalize(&slash(&p)),
            ),
        files: manifest.artifacts.len(),
        sources: manifest.sources.len(),
        sums_asked: opts.write_sums,
        ..VerifyReport::default()
    };
    // The checksum of every listed file, by its path from the folder verified.
    let mut sums: BTreeMap<String, String> = BTreeMap::new();
    for (entry, found) in entries.iter().zip(found) {
        let path = entry.shown();
        match found {
            Found::Missing => report.missing.push(Missing {
                path,
                kind: entry.kind,
            }),
            Found::NotRead(note) => report.changed.push(Changed {
                path,
                kind: entry.kind,
                recorded_bytes: entry.recorded_bytes,
                recorded_sha256: entry.recorded_sha256.to_string(),
                bytes: None,
                sha256: None,
                note: Some(note),
            }),
            Found::File { bytes, sha256 } => {
                let same = entry.recorded_bytes.is_none_or(|b| b == bytes)
                    && entry.recorded_sha256.eq_ignore_ascii_case(&sha256);
                if same {
                    sums.insert(path, sha256);
                } else {
                    report.changed.push(Changed {
                        path,
                        kind: entry.kind,
                        recorded_bytes: entry.recorded_bytes,
                        recorded_sha256: entry.recorded_sha256.to_string(),
                        bytes: Some(bytes),
                        sha256: Some(sha256),
                        note: None,
                    });
                }
            }
        }
    }

    // Files in the output folder the manifest does not list.
    let mut known: BTreeSet<String> = manifest.artifacts.iter().map(|a| a.path.clone()).collect();
    // A project inside its output folder (`output = "."`): its sources are not new.
    let inside = normalize(&project_field);
    if !Path::new(&project_field).is_absolute()
        && !project_field.starts_with('/')
        && inside.split('/').next() != Some("..")
    {
        for source in &manifest.sources {
            known.insert(join(&inside, &source.path));
        }
    }
    for relative in unlisted(&place.out, &known)? {
        report.new.push(join(&place.prefix, &relative));
    }

    report.changed.sort_by(|a, b| a.path.cmp(&b.path));
    report.missing.sort_by(|a, b| a.path.cmp(&b.path));
    report.new.sort();

    if opts.write_sums && report.is_clean() {
        let path = dir.join(SUMS_FILE);
        let text = sums_text(&sums)?;
        crate::output::write_atomic(&path, text.as_bytes()).map_err(|e| Error::Write {
            path: shown(&path),
            source: e,
        })?;
        report.sums = Some(shown(&path));
    }
    Ok(report)
}

/// The output folder, and how paths under it are shown from the folder the user gave.
struct Place {
    out: PathBuf,
    /// `` when the user gave the output folder, else its path from the project (`dist`).
    prefix: String,
}

fn locate(dir: &Path) -> Result<Place, Error> {
    if !dir.is_dir() {
        return Err(Error::Project {
            path: shown(dir),
            message: "is not a folder: give a project folder or its output folder".into(),
        });
    }
    if dir.join(MANIFEST_FILE).is_file() {
        return Ok(Place {
            out: dir.to_path_buf(),
            prefix: String::new(),
        });
    }
    let output = crate::config::Config::load(dir)
        .map(|config| config.output)
        .unwrap_or_else(|_| DEFAULT_OUTPUT.to_string());
    let out = dir.join(&output);
    if !out.join(MANIFEST_FILE).is_file() {
        // The message reads "no manifest.json in dist/: nothing to verify; …".
        return Err(Error::Project {
            path: format!("no {MANIFEST_FILE} in {}/", shown(&out)),
            message: "nothing to verify; `folio build` writes one".into(),
        });
    }
    let prefix = if same_folder(&out, dir) {
        String::new()
    } else {
        normalize(&slash(Path::new(&output)))
    };
    Ok(Place { out, prefix })
}

fn read_manifest(path: &Path) -> Result<Manifest, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::Project {
        path: shown(path),
        message: format!("cannot read: {e}"),
    })?;
    serde_json::from_slice(&bytes).map_err(|e| Error::Project {
        path: shown(path),
        message: format!("not a manifest folio wrote: {e}"),
    })
}

/// `path` as the manifest lists it, if it names a file inside its folder: relative, with no
/// `.`, `..` or empty part (a manifest that lists `../../etc/passwd` is not followed there).
fn checked(path: &str, manifest: &Path, folder: &str) -> Result<String, Error> {
    let inside = !path.is_empty()
        && path.split('/').all(|part| {
            let mut components = Path::new(part).components();
            matches!(
                (components.next(), components.next()),
                (Some(Component::Normal(name)), None) if name == part
            )
        });
    if inside {
        Ok(path.to_string())
    } else {
        Err(Error::Project {
            path: shown(manifest),
            message: format!(
                "lists `{path}`, which is not a file inside {folder}: not a manifest folio wrote"
            ),
        })
    }
}

/// Whether two paths are the same folder (both exist and resolve to one place).
fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A listed file to look at.
struct Entry<'a> {
    kind: Kind,
    /// The folder its path is relative to.
    base: &'a Path,
    /// That folder's path from the folder verified.
    prefix: &'a str,
    relative: String,
    recorded_bytes: Option<u64>,
    recorded_sha256: &'a str,
}

impl Entry<'_> {
    fn shown(&self) -> String {
        join(self.prefix, &self.relative)
    }
}

/// What is at a listed path.
enum Found {
    Missing,
    /// Something that is not read: a symbolic link (or a path through one), a folder, a
    /// device.
    NotRead(String),
    File {
        bytes: u64,
        sha256: String,
    },
}

/// Looks at a listed file without following a symbolic link on the way (nor the file itself
/// if it is one), and hashes it if it is a regular file.
fn inspect(entry: &Entry) -> Result<Found, Error> {
    let parts: Vec<&str> = entry.relative.split('/').collect();
    let mut path = entry.base.to_path_buf();
    for (i, part) in parts.iter().enumerate() {
        path.push(part);
        let last = i + 1 == parts.len();
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(Found::Missing);
            }
            Err(e) => return Err(cannot_read(entry, e)),
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            return Ok(Found::NotRead(if last {
                "a symbolic link now; not followed".to_string()
            } else {
                format!(
                    "reached through the symbolic link {}; not followed",
                    join(entry.prefix, &parts[..=i].join("/"))
                )
            }));
        }
        if !last && !kind.is_dir() {
            return Ok(Found::Missing);
        }
        if last && !kind.is_file() {
            return Ok(Found::NotRead(if kind.is_dir() {
                "a folder now".to_string()
            } else {
                "not a regular file now".to_string()
            }));
        }
    }
    hash_file(&path)
        .map(|(bytes, sha256)| Found::File { bytes, sha256 })
        .map_err(|e| cannot_read(entry, e))
}

fn cannot_read(entry: &Entry, e: std::io::Error) -> Error {
    Error::Project {
        path: entry.shown(),
        message: format!("cannot read: {e}"),
    }
}

/// The size and SHA-256 of a file, read in 64 KiB pieces.
fn hash_file(path: &Path) -> std::io::Result<(u64, String)> {
    let file = std::fs::File::open(path)?;
    let mut reader = std::io::BufReader::with_capacity(64 * 1024, file);
    let mut hasher = Sha256::new();
    let mut bytes: u64 = 0;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        hasher.update(chunk);
        let n = chunk.len();
        bytes += n as u64;
        reader.consume(n);
    }
    Ok((bytes, hex(&hasher.finalize())))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        // Writing to a String cannot fail.
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Files under `out` (relative, `/` separators) that are not `known`, leaving out what folio
/// keeps there besides outputs (the manifest, the cache, a checksum file, temporaries).
/// Folders are entered, symbolic links are not: a link is itself a file here.
fn unlisted(out: &Path, known: &BTreeSet<String>) -> Result<Vec<String>, Error> {
    let mut found = Vec::new();
    let mut folders: Vec<String> = vec![String::new()];
    while let Some(relative) = folders.pop() {
        let folder = if relative.is_empty() {
            out.to_path_buf()
        } else {
            out.join(&relative)
        };
        let unreadable = |e: std::io::Error| Error::Project {
            path: shown(&folder),
            message: format!("cannot read the folder: {e}"),
        };
        for entry in std::fs::read_dir(&folder).map_err(unreadable)? {
            let entry = entry.map_err(unreadable)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = if relative.is_empty() {
                name.clone()
            } else {
                format!("{relative}/{name}")
            };
            // Not followed: a link is reported as what it is.
            if entry.file_type().map_err(unreadable)?.is_dir() {
                folders.push(path);
                continue;
            }
            let bookkeeping = relative.is_empty()
                && [MANIFEST_FILE, CACHE_FILE, SUMS_FILE].contains(&name.as_str());
            if !bookkeeping && !crate::output::is_temporary(&name) && !known.contains(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// `SHA256SUMS` as GNU `sha256sum` writes it: `<hash>  <path>` per line, sorted by path.
fn sums_text(sums: &BTreeMap<String, String>) -> Result<String, Error> {
    let mut text = String::new();
    for (path, sha256) in sums {
        if path.contains(['\n', '\r', '\\']) {
            return Err(Error::Project {
                path: path.clone(),
                message: format!(
                    "cannot be listed in {SUMS_FILE}: its name has a line break or a backslash, \
                     which that format cannot hold"
                ),
            });
        }
        text.push_str(&format!("{}  {path}\n", sha256.to_ascii_lowercase()));
    }
    Ok(text)
}

/// `path` under the folder `prefix` (`` for the folder itself), normalized; an absolute
/// `path` stays itself.
fn join(prefix: &str, path: &str) -> String {
    if prefix.is_empty() || path.starts_with('/') || Path::new(path).is_absolute() {
        normalize(path)
    } else {
        normalize(&format!("{prefix}/{path}"))
    }
}

/// A `/`-separated path without `.` or empty parts, and with `..` taken out after a name:
/// `dist/..` → `` (the folder itself), `./a//b/` → `a/b`, `../x` stays.
fn normalize(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                // A Windows drive (`C:`) is a root, as `/` is.
                Some(&last) if last != ".." && !(parts.len() == 1 && last.ends_with(':')) => {
                    parts.pop();
                }
                Some(&last) if last != ".." => {}
                None if absolute => {}
                _ => parts.push(".."),
            },
            name => parts.push(name),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::sha256_hex;

    /// A built project by hand: two sources, two outputs, a manifest naming them.
    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let files = [
            ("content/a.md", "# A\n\nText.\n"),
            ("folio.toml", "[project]\ntitle = \"T\"\n"),
            ("dist/html/a.html", "<p>Text.</p>\n"),
            ("dist/txt/a.txt", "A\n\nText.\n"),
        ];
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        write_manifest(root, Some(".."));
        dir
    }

    fn write_manifest(root: &Path, project: Option<&str>) {
        let hash = |p: &str| sha256_hex(&std::fs::read(root.join(p)).unwrap());
        let size = |p: &str| std::fs::metadata(root.join(p)).unwrap().len();
        let artifact = |p: &str| {
            let full = format!("dist/{p}");
            serde_json::json!({
                "path": p, "format": "x", "variant": null, "bytes": size(&full),
                "sha256": hash(&full), "from": [],
            })
        };
        let mut manifest = serde_json::json!({
            "generator": "folio test",
            "artifacts": [artifact("html/a.html"), artifact("txt/a.txt")],
            "sources": [
                {"path": "content/a.md", "sha256": hash("content/a.md")},
                {"path": "folio.toml", "sha256": hash("folio.toml")},
            ],
        });
        if let Some(project) = project {
            manifest["project"] = project.into();
        }
        std::fs::write(root.join("dist/manifest.json"), manifest.to_string()).unwrap();
    }

    fn run(dir: &Path) -> VerifyReport {
        verify(dir, &VerifyOptions::default()).unwrap()
    }

    #[test]
    fn an_untouched_build_is_clean() {
        let dir = project();
        let report = run(dir.path());
        assert!(report.is_clean(), "{report:?}");
        assert_eq!((report.files, report.sources), (2, 2));
        assert_eq!(
            report.summary(),
            "verified 2 files and 2 sources: all match"
        );
        // What folio keeps beside the outputs is not new.
        let dist = dir.path().join("dist");
        std::fs::write(dist.join(CACHE_FILE), "{}").unwrap();
        std::fs::write(dist.join(SUMS_FILE), "").unwrap();
        std::fs::write(dist.join("html/.folio-abc.tmp"), "half").unwrap();
        assert!(run(dir.path()).is_clean());
        // Given the output folder itself.
        let report = run(&dist);
        assert!(report.is_clean(), "{report:?}");
        // A manifest of an older folio, without `project`: the project is the parent.
        write_manifest(dir.path(), None);
        assert!(run(dir.path()).is_clean());
    }

    #[test]
    fn a_changed_byte_is_found() {
        let dir = project();
        std::fs::write(dir.path().join("dist/txt/a.txt"), "A\n\nTexT.\n").unwrap();
        std::fs::write(dir.path().join("dist/html/a.html"), "<p>Text!!</p>\n").unwrap();
        let report = run(dir.path());
        assert!(!report.is_clean());
        let paths: Vec<&str> = report.changed.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["dist/html/a.html", "dist/txt/a.txt"]);
        let human = report.human();
        assert!(
            human.contains("changed  dist/html/a.html (size 13 → 14 bytes)\n"),
            "{human}"
        );
        assert!(
            human.contains("changed  dist/txt/a.txt (same size, different contents)\n"),
            "{human}"
        );
        assert!(human.ends_with("verified 2 files and 2 sources: 2 changed, 0 missing, 0 new\n"));
        // An edited source.
        std::fs::write(dir.path().join("content/a.md"), "# A\n\nOther.\n").unwrap();
        let report = run(dir.path());
        assert_eq!(
            (report.changed[0].kind, report.changed.len()),
            (Kind::Source, 3)
        );
        let human = report.human();
        assert!(human.starts_with("changed  content/a.md (different contents)\n"));
    }

    #[test]
    fn a_deleted_file_is_missing_and_an_extra_one_new() {
        let dir = project();
        std::fs::remove_file(dir.path().join("dist/html/a.html")).unwrap();
        std::fs::write(dir.path().join("dist/html/extra.html"), "x").unwrap();
        std::fs::create_dir_all(dir.path().join("dist/deep/er")).unwrap();
        std::fs::write(dir.path().join("dist/deep/er/b.txt"), "x").unwrap();
        // A manifest.json deeper down is no manifest of this build.
        std::fs::write(dir.path().join("dist/html/manifest.json"), "x").unwrap();
        let report = run(dir.path());
        assert_eq!(
            report.missing,
            [Missing {
                path: "dist/html/a.html".into(),
                kind: Kind::Artifact
            }]
        );
        assert_eq!(
            report.new,
            [
                "dist/deep/er/b.txt",
                "dist/html/extra.html",
                "dist/html/manifest.json"
            ]
        );
        let human = report.human();
        assert!(human.contains("missing  dist/html/a.html\n"), "{human}");
        assert!(human.contains("new      dist/html/extra.html\n"), "{human}");
        assert!(human.contains(": 0 changed, 1 missing, 3 new\n"), "{human}");
        let json: serde_json::Value = serde_json::from_str(&report.json()).unwrap();
        assert_eq!(json["clean"], false);
        assert_eq!(json["missing"][0]["path"], "dist/html/a.html");
        assert_eq!(json["missing"][0]["kind"], "artifact");
        assert_eq!(json["new"][1], "dist/html/extra.html");
    }

    #[test]
    fn an_output_folder_kept_alone_misses_its_sources_and_says_where_they_were_looked_for() {
        let dir = project();
        let kept = tempfile::tempdir().unwrap();
        let dist = kept.path().join("dist");
        for path in ["html/a.html", "txt/a.txt", MANIFEST_FILE] {
            std::fs::create_dir_all(dist.join(path).parent().unwrap()).unwrap();
            std::fs::copy(dir.path().join("dist").join(path), dist.join(path)).unwrap();
        }
        let report = run(&dist);
        assert!(report.changed.is_empty() && report.new.is_empty());
        let missing: Vec<&str> = report.missing.iter().map(|m| m.path.as_str()).collect();
        assert_eq!(missing, ["../content/a.md", "../folio.toml"]);
        let summary = report.summary();
        let parent = slash(&kept.path().canonicalize().unwrap());
        assert!(
            summary.contains(&format!("sources are looked for in {parent}")),
            "{summary}"
        );
    }

    #[test]
    fn sums_are_written_in_sha256sum_format_from_the_folder_given() {
        let dir = project();
        let hash = |p: &str| sha256_hex(&std::fs::read(dir.path().join(p)).unwrap());
        let opts = VerifyOptions { write_sums: true };
        let report = verify(dir.path(), &opts).unwrap();
        assert_eq!(report.sums, Some(shown(&dir.path().join(SUMS_FILE))));
        let expected = format!(
            "{}  content/a.md\n{}  dist/html/a.html\n{}  dist/txt/a.txt\n{}  folio.toml\n",
            hash("content/a.md"),
            hash("dist/html/a.html"),
            hash("dist/txt/a.txt"),
            hash("folio.toml"),
        );
        let written = std::fs::read_to_string(dir.path().join(SUMS_FILE)).unwrap();
        assert_eq!(written, expected);

        let dist = dir.path().join("dist");
        verify(&dist, &opts).unwrap();
        let expected = format!(
            "{}  ../content/a.md\n{}  ../folio.toml\n{}  html/a.html\n{}  txt/a.txt\n",
            hash("content/a.md"),
            hash("folio.toml"),
            hash("dist/html/a.html"),
            hash("dist/txt/a.txt"),
        );
        assert_eq!(
            std::fs::read_to_string(dist.join(SUMS_FILE)).unwrap(),
            expected
        );
        // And the checksum file is not itself new.
        assert!(run(dir.path()).is_clean());
    }

    #[test]
    fn sums_are_refused_when_something_differs() {
        let dir = project();
        std::fs::write(dir.path().join("dist/txt/a.txt"), "changed").unwrap();
        let report = verify(dir.path(), &VerifyOptions { write_sums: true }).unwrap();
        assert!(report.sums.is_none());
        assert!(!dir.path().join(SUMS_FILE).exists());
        let refusal = report.sums_refusal().unwrap();
        assert!(refusal.contains("SHA256SUMS not written"), "{refusal}");
    }

    #[test]
    fn no_manifest_is_an_error_saying_so() {
        let dir = tempfile::tempdir().unwrap();
        let e = verify(dir.path(), &VerifyOptions::default()).unwrap_err();
        let message = e.to_string();
        assert!(
            message.starts_with("no manifest.json in ")
                && message.ends_with("/dist/: nothing to verify; `folio build` writes one"),
            "{message}"
        );
        // folio.toml's output folder is where it is looked for.
        std::fs::write(dir.path().join("folio.toml"), "output = \"site\"\n").unwrap();
        let message = verify(dir.path(), &VerifyOptions::default())
            .unwrap_err()
            .to_string();
        assert!(message.contains("/site/: nothing to verify"), "{message}");
    }

    #[test]
    fn a_manifest_cannot_lead_outside_its_folders() {
        let dir = project();
        for bad in ["../../etc/passwd", "/etc/passwd", "a/./b", "a//b", ""] {
            let manifest = serde_json::json!({
                "generator": "x", "project": "..",
                "artifacts": [{"path": bad, "bytes": 1, "sha256": "00"}],
                "sources": [],
            });
            std::fs::write(dir.path().join("dist/manifest.json"), manifest.to_string()).unwrap();
            let message = run_err(dir.path());
            assert!(message.contains("is not a file inside"), "{bad}: {message}");
        }
    }

    fn run_err(dir: &Path) -> String {
        verify(dir, &VerifyOptions::default())
            .unwrap_err()
            .to_string()
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_reported_not_followed() {
        use std::os::unix::fs::symlink;
        let dir = project();
        let dist = dir.path().join("dist");
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("a.txt"), "A\n\nText.\n").unwrap();
        // A listed file replaced by a link to a copy of itself: changed, not read.
        std::fs::remove_file(dist.join("txt/a.txt")).unwrap();
        symlink(outside.path().join("a.txt"), dist.join("txt/a.txt")).unwrap();
        // A link to a folder outside: new, and not entered.
        symlink(outside.path(), dist.join("elsewhere")).unwrap();
        let report = run(dir.path());
        assert_eq!(report.changed.len(), 1, "{report:?}");
        assert_eq!(report.changed[0].path, "dist/txt/a.txt");
        assert!(
            report.changed[0]
                .note
                .as_deref()
                .unwrap()
                .contains("symbolic link")
        );
        assert_eq!(report.new, ["dist/elsewhere"]);
        // A listed file reached through a linked folder.
        std::fs::remove_file(dist.join("txt/a.txt")).unwrap();
        std::fs::remove_dir(dist.join("txt")).unwrap();
        std::fs::create_dir(outside.path().join("txt")).unwrap();
        std::fs::write(outside.path().join("txt/a.txt"), "A\n\nText.\n").unwrap();
        symlink(outside.path().join("txt"), dist.join("txt")).unwrap();
        let report = run(dir.path());
        let note = report.changed[0].note.clone().unwrap();
        assert!(note.contains("symbolic link dist/txt"), "{note}");
    }

    #[cfg(unix)]
    #[test]
    fn a_name_sha256sum_cannot_hold_is_an_error() {
        let dir = project();
        std::fs::write(dir.path().join("dist/txt/a\nb.txt"), "x").unwrap();
        let manifest = std::fs::read_to_string(dir.path().join("dist/manifest.json")).unwrap();
        let mut json: serde_json::Value = serde_json::from_str(&manifest).unwrap();
        json["artifacts"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({
                "path": "txt/a\nb.txt", "bytes": 1, "sha256": sha256_hex(b"x"),
            }));
        std::fs::write(dir.path().join("dist/manifest.json"), json.to_string()).unwrap();
        let e = verify(dir.path(), &VerifyOptions { write_sums: true }).unwrap_err();
        assert!(e.to_string().contains("line break or a backslash"), "{e}");
        assert!(!dir.path().join(SUMS_FILE).exists());
    }

    #[test]
    fn paths_are_normalized() {
        assert_eq!(normalize("dist/.."), "");
        assert_eq!(normalize("./a//b/"), "a/b");
        assert_eq!(normalize("../x"), "../x");
        assert_eq!(normalize("a/../../x"), "../x");
        assert_eq!(normalize("/a/../../x"), "/x");
        assert_eq!(normalize("C:/.."), "C:");
        assert_eq!(join("", "html/a.html"), "html/a.html");
        assert_eq!(join("dist", "../content/a.md"), "content/a.md");
        assert_eq!(join("..", "content/a.md"), "../content/a.md");
        assert_eq!(join("dist", "/srv/p"), "/srv/p");
    }
}

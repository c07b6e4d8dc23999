#![allow(dead_code)] // each test binary uses a part of these helpers

pub mod diagnostics;
pub mod judges;
pub mod normalize;
pub mod render_all;
pub mod texts;
pub mod words;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The folio binary cargo built for these tests.
pub fn folio() -> Command {
    Command::new(env!("CARGO_BIN_EXE_folio"))
}

pub fn run(args: &[&str], cwd: &Path) -> Output {
    folio()
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("folio runs")
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether tests must fail (not skip) when an external judge is missing: CI sets this.
pub fn tools_required() -> bool {
    std::env::var_os("FOLIO_REQUIRE_TOOLS").is_some_and(|v| v == "1")
}

/// Runs an external judge; `None` if it is not installed (and CI does not require it).
pub fn judge(program: &str, args: &[&str], file: &Path) -> Option<std::process::Output> {
    match Command::new(program).args(args).arg(file).output() {
        Ok(out) => Some(out),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(!tools_required(), "{program} is required but not installed");
            eprintln!("skipping: {program} is not installed");
            None
        }
        Err(e) => panic!("{program}: {e}"),
    }
}

/// A temporary project holding a copy of the sample content and styles.
pub fn sample_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("content"), &dir.path().join("content"));
    copy_dir(&repo().join("styles"), &dir.path().join("styles"));
    std::fs::copy(repo().join("folio.toml"), dir.path().join("folio.toml")).expect("copy config");
    dir
}

/// The sample documents' slugs, and the suffixes of the two handout variants.
pub const SAMPLE_SLUGS: [&str; 2] = ["chronic-pain-and-kratom", "pain-diary"];
pub const PDF_VARIANTS: [&str; 2] = ["", ".large-print"];

/// A sample project with its PDF handouts built (`folio build --format pdf`).
pub fn built_sample_pdfs() -> tempfile::TempDir {
    let project = sample_project();
    let out = run(&["build", "--quiet", "--format", "pdf"], project.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    project
}

/// The paths of every sample handout in both variants, under `project`'s dist/.
pub fn sample_pdfs(project: &Path) -> Vec<PathBuf> {
    SAMPLE_SLUGS
        .iter()
        .flat_map(|slug| {
            PDF_VARIANTS
                .iter()
                .map(move |variant| project.join(format!("dist/pdf/{slug}{variant}.pdf")))
        })
        .collect()
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Every file under `dir`, relative, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.push(
                    path.strip_prefix(base)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The manifest of a dist/ folder.
pub fn manifest(dist: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dist.join("manifest.json")).unwrap()).unwrap()
}

/// Asserts the manifest lists exactly the files under dist/ (but itself and the cache), each
/// with its true size and hash.
pub fn assert_manifest_matches_disk(dist: &Path) {
    let manifest = manifest(dist);
    let mut listed: Vec<String> = Vec::new();
    for artifact in manifest["artifacts"].as_array().unwrap() {
        let path = artifact["path"].as_str().unwrap();
        let bytes = std::fs::read(dist.join(path))
            .unwrap_or_else(|e| panic!("the manifest lists {path}, which cannot be read: {e}"));
        assert_eq!(artifact["bytes"], bytes.len() as u64, "{path}: size");
        assert_eq!(
            artifact["sha256"],
            folio::digest::sha256_hex(&bytes),
            "{path}: hash"
        );
        listed.push(path.to_string());
    }
    listed.sort();
    let on_disk: Vec<String> = files_under(dist)
        .into_iter()
        .filter(|f| f != "manifest.json" && f != ".folio-cache.json")
        .collect();
    assert_eq!(listed, on_disk);
}

//! `folio build` end to end, in process: the whole pipeline on a project, with one and with two
//! worker threads (their ratio is the parallel speed-up), and a second build with nothing
//! changed (the incremental path: hashing and checking only).
//!
//! The project is the sample content, or with `FOLIO_BENCH_CORPUS=DIR` every Markdown file of
//! DIR (for example ../shared/corpus/rust-book/nostarch), copied into a temporary project.
//! Run with `cargo bench --bench build`. bench/compare.sh measures the binary against pandoc.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use folio::build::{BuildOptions, build};

fn project() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    std::fs::create_dir(&content).expect("content dir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (source, name) = match std::env::var_os("FOLIO_BENCH_CORPUS") {
        Some(corpus) => (PathBuf::from(corpus), "corpus"),
        None => (repo.join("content"), "sample"),
    };
    copy_markdown(&source, &content);
    if name == "sample" {
        copy_dir(&repo.join("content/images"), &content.join("images"));
        std::fs::copy(repo.join("folio.toml"), dir.path().join("folio.toml")).expect("config");
    }
    (dir, name.to_string())
}

fn copy_markdown(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("corpus folder").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("dir").flatten() {
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

fn whole_build(c: &mut Criterion) {
    let (dir, name) = project();
    let options = |jobs, force| BuildOptions {
        project: dir.path().to_path_buf(),
        jobs: Some(jobs),
        force,
        ..BuildOptions::default()
    };
    let report = build(&options(2, true)).expect("builds");
    println!(
        "{name}: {} documents, {} files, {} errors",
        report.documents,
        report.written.len(),
        report.errors.len()
    );
    let mut group = c.benchmark_group(format!("build {name}"));
    group.sample_size(10);
    for jobs in [1, 2] {
        group.bench_function(format!("all formats, --jobs {jobs}"), |b| {
            b.iter(|| build(&options(jobs, true)).expect("builds"))
        });
    }
    group.bench_function("nothing changed", |b| {
        b.iter(|| build(&options(2, false)).expect("builds"))
    });
    group.finish();
}

criterion_group!(benches, whole_build);
criterion_main!(benches);

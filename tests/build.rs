//! End-to-end tests of `folio build` as a pipeline: reproducible trees and manifests, the
//! incremental cache, the catalogue, parallelism and interruption.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant, SystemTime};

use common::{assert_manifest_matches_disk, files_under, folio, manifest, run, sample_project};

const EPOCH: &str = "1700000000";

fn build(project: &Path, args: &[&str]) -> Output {
    let out = folio()
        .arg("build")
        .args(args)
        .current_dir(project)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("folio runs");
    assert!(
        out.status.success(),
        "folio build {args:?}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The build's summary line.
fn summary(out: &Output) -> String {
    stdout(out)
        .lines()
        .last()
        .unwrap_or_default()
        .split(" in ")
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Every file under dist/ with its modification time.
fn mtimes(dist: &Path) -> BTreeMap<String, SystemTime> {
    files_under(dist)
        .into_iter()
        .map(|f| {
            let t = std::fs::metadata(dist.join(&f))
                .unwrap()
                .modified()
                .unwrap();
            (f, t)
        })
        .collect()
}

/// Files whose modification time changed between two snapshots (or that are new).
fn touched(
    before: &BTreeMap<String, SystemTime>,
    after: &BTreeMap<String, SystemTime>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(f, t)| before.get(*f) != Some(t))
        .map(|(f, _)| f.clone())
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    folio::digest::sha256_hex(bytes)
}

/// A manifest list of `{path, sha256}` objects as a map.
fn hashes(list: &serde_json::Value) -> BTreeMap<&str, &str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["sha256"].as_str().unwrap()))
        .collect()
}

#[test]
fn two_clean_builds_give_identical_trees_and_manifests() {
    let a = sample_project();
    let b = sample_project();
    build(a.path(), &["--quiet"]);
    build(b.path(), &["--quiet", "--jobs", "1"]);
    let (da, db) = (a.path().join("dist"), b.path().join("dist"));
    let files = files_under(&da);
    assert_eq!(files, files_under(&db));
    for file in &files {
        let x = std::fs::read(da.join(file)).unwrap();
        let y = std::fs::read(db.join(file)).unwrap();
        assert!(x == y, "{file} differs between two clean builds");
    }
    assert_manifest_matches_disk(&da);
    let manifest = manifest(&da);
    let artifact = manifest["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["path"] == "pdf/pain-diary.large-print.pdf")
        .expect("the large-print handout is listed");
    assert_eq!(artifact["format"], "pdf");
    assert_eq!(artifact["variant"], "large-print");
    let sources = hashes(&manifest["sources"]);
    for source in [
        "content/pain-diary.md",
        "content/chronic-pain-and-kratom.md",
        "content/images/pain-scale.png",
        "folio.toml",
        "styles/handout.toml",
    ] {
        let bytes = std::fs::read(a.path().join(source)).unwrap();
        assert_eq!(
            sources.get(source),
            Some(&sha256(&bytes).as_str()),
            "{source}"
        );
    }
}

#[test]
fn a_second_build_with_nothing_changed_writes_nothing() {
    let project = sample_project();
    let dist = project.path().join("dist");
    let first = build(project.path(), &[]);
    assert_eq!(
        summary(&first),
        // Two handouts and four translations of the pain diary: 5 files each, the book,
        // the catalogue and the manifest.
        "6 documents, 33 files written, 0 unchanged, 0 warnings, 0 errors"
    );
    let before = mtimes(&dist);
    // Coarse file-system clocks must not hide a rewrite.
    std::thread::sleep(Duration::from_millis(20));
    let second = build(project.path(), &[]);
    assert_eq!(
        summary(&second),
        "6 documents, 0 files written, 33 unchanged, 0 warnings, 0 errors"
    );
    assert!(!stdout(&second).contains("wrote "), "{}", stdout(&second));
    assert_eq!(touched(&before, &mtimes(&dist)), Vec::<String>::new());
}

#[test]
fn editing_one_document_rebuilds_only_its_outputs_and_the_collection() {
    let project = sample_project();
    let dist = project.path().join("dist");
    build(project.path(), &["--quiet"]);
    let before = mtimes(&dist);
    std::thread::sleep(Duration::from_millis(20));
    let diary = project.path().join("content/pain-diary.md");
    let mut text = std::fs::read_to_string(&diary).unwrap();
    text.push_str("\nBring this diary to every visit.\n");
    std::fs::write(&diary, text).unwrap();
    let out = build(project.path(), &["--verbose"]);
    let mut changed = touched(&before, &mtimes(&dist));
    // The catalogue is rewritten only if what it shows changed (here: perhaps a file size).
    changed.retain(|f| f != ".folio-cache.json" && f != "index.html");
    assert_eq!(
        changed,
        [
            "epub/pain-diary.epub",
            "html/pain-diary.html",
            "living-well-with-chronic-pain.epub",
            "manifest.json",
            "pdf/pain-diary.large-print.pdf",
            "pdf/pain-diary.pdf",
            "txt/pain-diary.txt",
        ]
    );
    assert!(stdout(&out).contains("unchanged dist/pdf/chronic-pain-and-kratom.pdf"));
    let txt = std::fs::read_to_string(dist.join("txt/pain-diary.txt")).unwrap();
    assert!(txt.contains("Bring this diary to every visit."));
    assert_manifest_matches_disk(&dist);
}

#[test]
fn changed_images_settings_and_forced_builds() {
    let project = sample_project();
    let dist = project.path().join("dist");
    build(project.path(), &["--quiet"]);

    // An image: the document that shows it (and the book) again, not the other one.
    let before = mtimes(&dist);
    std::thread::sleep(Duration::from_millis(20));
    let image = project.path().join("content/images/pain-scale.png");
    std::fs::copy(
        common::repo().join("tests/fixtures/images/tiny.png"),
        &image,
    )
    .unwrap();
    build(project.path(), &["--quiet"]);
    let changed = touched(&before, &mtimes(&dist));
    assert!(
        changed.contains(&"pdf/pain-diary.pdf".to_string()),
        "{changed:?}"
    );
    assert!(!changed.iter().any(|f| f.contains("kratom")), "{changed:?}");

    // A text setting: only the text files.
    let before = mtimes(&dist);
    std::thread::sleep(Duration::from_millis(20));
    let config = project.path().join("folio.toml");
    let mut toml = std::fs::read_to_string(&config).unwrap();
    toml.insert_str(0, "[text]\nwidth = 60\n\n");
    std::fs::write(&config, toml).unwrap();
    build(project.path(), &["--quiet"]);
    let mut changed = touched(&before, &mtimes(&dist));
    changed.retain(|f| {
        f.starts_with("txt/")
            || f.ends_with(".pdf")
            || f.ends_with(".epub")
            || f.starts_with("html/")
    });
    assert_eq!(
        changed,
        [
            "txt/chronic-pain-and-kratom.txt",
            "txt/pain-diary-ar.txt",
            "txt/pain-diary-es.txt",
            "txt/pain-diary-vi.txt",
            "txt/pain-diary-zh-hans.txt",
            "txt/pain-diary.txt"
        ]
    );

    // --force: every output again (and the manifest, taken away while files are replaced),
    // identical bytes; the catalogue did not change.
    let old = std::fs::read(dist.join("pdf/pain-diary.pdf")).unwrap();
    let out = build(project.path(), &["--force"]);
    assert_eq!(
        summary(&out),
        "6 documents, 32 files written, 1 unchanged, 0 warnings, 0 errors"
    );
    assert_eq!(std::fs::read(dist.join("pdf/pain-diary.pdf")).unwrap(), old);
}

#[test]
fn outputs_of_a_deleted_document_are_removed() {
    let project = sample_project();
    let dist = project.path().join("dist");
    build(project.path(), &["--quiet"]);
    std::fs::remove_file(project.path().join("content/chronic-pain-and-kratom.md")).unwrap();
    // The book may no longer name it.
    let config = project.path().join("folio.toml");
    let toml = std::fs::read_to_string(&config)
        .unwrap()
        .replace(", \"chronic-pain-and-kratom.md\"", "");
    std::fs::write(&config, toml).unwrap();
    let out = build(project.path(), &[]);
    assert!(stdout(&out).contains("removed"), "{}", stdout(&out));
    assert!(!files_under(&dist).iter().any(|f| f.contains("kratom")));
    assert_manifest_matches_disk(&dist);
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap();
    assert!(!index.contains("kratom"));
}

#[test]
fn the_catalogue_links_every_file_of_every_document() {
    let project = sample_project();
    let dist = project.path().join("dist");
    build(project.path(), &["--quiet"]);
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap();
    assert!(index.contains("<title>Living Well with Chronic Pain</title>"));
    for slug in ["pain-diary", "chronic-pain-and-kratom"] {
        for file in [
            format!("html/{slug}.html"),
            format!("pdf/{slug}.pdf"),
            format!("pdf/{slug}.large-print.pdf"),
            format!("epub/{slug}.epub"),
            format!("txt/{slug}.txt"),
        ] {
            assert!(index.contains(&format!("href=\"{file}\"")), "{file}");
            assert!(dist.join(&file).is_file());
        }
    }
    assert!(index.contains("href=\"living-well-with-chronic-pain.epub\""));
    assert!(index.contains("Keeping a Pain Diary"));
    // The book's chapter order: the diary first.
    assert!(index.find("Keeping a Pain Diary") < index.find("Kratom"));
}

#[test]
fn project_metadata_fills_what_front_matter_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/hola.md"),
        "# Hola\n\nUn folleto.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("folio.toml"),
        "formats = [\"html\", \"txt\"]\n\n[project]\ntitle = \"Folletos\"\nlanguage = \"es\"\nauthors = [\"Equipo de enfermería\"]\norganization = \"Clínica\"\n",
    )
    .unwrap();
    build(dir.path(), &["--quiet"]);
    let html = std::fs::read_to_string(dir.path().join("dist/html/hola.html")).unwrap();
    assert!(html.contains("<html lang=\"es\">"), "{html}");
    assert!(html.contains("Equipo de enfermería"));
    let index = std::fs::read_to_string(dir.path().join("dist/index.html")).unwrap();
    assert!(index.contains("<html lang=\"es\">"));
    assert!(index.contains("<h1>Folletos</h1>"));
}

/// The sample project with `content/raw.md`, whose line 3 has inline raw HTML (a warning in
/// every format but HTML).
fn project_with_raw_html() -> tempfile::TempDir {
    let project = sample_project();
    std::fs::write(
        project.path().join("content/raw.md"),
        "# Raw\n\nSome <span>inline</span> HTML.\n",
    )
    .unwrap();
    project
}

#[test]
fn warnings_are_shown_again_when_outputs_are_reused() {
    let project = project_with_raw_html();
    let first = build(project.path(), &["--format", "epub"]);
    let second = build(project.path(), &["--format", "epub"]);
    let warning = |out: &Output| {
        common::diagnostics::warnings_at(
            &String::from_utf8_lossy(&out.stderr),
            "content/raw.md",
            "",
        )
        .len()
    };
    assert!(warning(&first) > 0);
    assert_eq!(warning(&first), warning(&second));
}

#[test]
fn unknown_settings_name_their_key_and_line() {
    let project = sample_project();
    std::fs::write(
        project.path().join("folio.toml"),
        "[project]\ntitle = \"x\"\n\n[pdf]\nvarients = [\"standard\"]\n",
    )
    .unwrap();
    let out = folio()
        .arg("build")
        .current_dir(project.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("folio.toml:5") && err.contains("varients"),
        "{err}"
    );
    assert!(!project.path().join("dist").exists());
}

/// A project big enough that a build takes a while: `n` copies of the sample article.
fn big_project(n: usize) -> tempfile::TempDir {
    let project = sample_project();
    let article =
        std::fs::read_to_string(project.path().join("content/chronic-pain-and-kratom.md")).unwrap();
    for i in 0..n {
        std::fs::write(
            project.path().join(format!("content/copy-{i:02}.md")),
            &article,
        )
        .unwrap();
    }
    project
}

/// Starts a build, waits until it has written its first PDF, then sends `signal`.
fn interrupt_build(project: &Path, signal: &str) -> std::process::ExitStatus {
    let mut child = folio()
        .args(["build", "--quiet", "--format", "pdf,txt", "--jobs", "2"])
        .current_dir(project)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .spawn()
        .unwrap();
    let started = Instant::now();
    let pdf_dir = project.join("dist/pdf");
    loop {
        let written = files_under(&pdf_dir)
            .iter()
            .filter(|f| f.ends_with(".pdf"))
            .count();
        if written > 0 || started.elapsed() > Duration::from_secs(60) {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the build ended before it could be interrupted: {status}");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let pid = child.id().to_string();
    std::process::Command::new("kill")
        .args([signal, &pid])
        .status()
        .unwrap();
    child.wait().unwrap()
}

/// Every file at its final name is byte-identical to the one a full build makes (of the
/// sources as they are now, or as they were in `before`).
fn assert_only_complete_files(dist: &Path, reference: &Path) {
    assert_complete_files_of(dist, &[reference]);
}

fn assert_complete_files_of(dist: &Path, references: &[&Path]) {
    for file in files_under(dist) {
        let name = file.rsplit('/').next().unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if file == "manifest.json" || file == "index.html" {
            continue;
        }
        let bytes = std::fs::read(dist.join(&file)).unwrap();
        assert!(
            references
                .iter()
                .any(|r| std::fs::read(r.join(&file)).is_ok_and(|b| b == bytes)),
            "{file} is not a complete file of any full build"
        );
    }
}

#[test]
fn an_interrupted_build_leaves_complete_files_and_a_true_manifest() {
    let reference = big_project(12);
    build(reference.path(), &["--quiet", "--format", "pdf,txt"]);
    let project = big_project(12);
    let status = interrupt_build(project.path(), "-INT");
    assert_eq!(status.code(), Some(130), "Ctrl-C exits with 130");
    let dist = project.path().join("dist");
    let files = files_under(&dist);
    assert!(
        !files.iter().any(|f| f.ends_with(".tmp")),
        "temporary files left: {files:?}"
    );
    assert!(
        files.len() < files_under(&reference.path().join("dist")).len(),
        "it stopped early"
    );
    assert_only_complete_files(&dist, &reference.path().join("dist"));
    assert_manifest_matches_disk(&dist);
    // The next build finishes the job and keeps what was done.
    let out = build(project.path(), &["--format", "pdf,txt"]);
    assert!(!summary(&out).contains(" 0 unchanged"), "{}", summary(&out));
    assert_only_complete_files(&dist, &reference.path().join("dist"));
    assert_manifest_matches_disk(&dist);
}

#[test]
fn a_killed_build_leaves_no_partial_file_and_no_false_manifest() {
    // A project built once, then every document edited, then a build killed half-way.
    let project = big_project(12);
    build(project.path(), &["--quiet", "--format", "pdf,txt"]);
    let before = tempfile::tempdir().unwrap();
    common::copy_dir(&project.path().join("dist"), before.path());
    let reference = big_project(12);
    for dir in [project.path(), reference.path()] {
        for file in files_under(&dir.join("content")) {
            let path = dir.join("content").join(&file);
            if file.ends_with(".md") {
                let mut text = std::fs::read_to_string(&path).unwrap();
                text.push_str("\nA new closing sentence.\n");
                std::fs::write(&path, text).unwrap();
            }
        }
    }
    build(reference.path(), &["--quiet", "--format", "pdf,txt"]);
    std::fs::remove_dir_all(project.path().join("dist/pdf")).unwrap();
    let status = interrupt_build(project.path(), "-KILL");
    assert!(!status.success());
    let dist = project.path().join("dist");
    // SIGKILL cannot be caught: a temporary may remain, but never a partial file at a final
    // name; and no manifest claims hashes the files no longer have.
    assert_complete_files_of(&dist, &[&reference.path().join("dist"), before.path()]);
    if dist.join("manifest.json").exists() {
        assert_manifest_matches_disk(&dist);
    }
    // The next build sweeps the temporaries and finishes the job.
    build(project.path(), &["--quiet", "--format", "pdf,txt"]);
    assert!(!files_under(&dist).iter().any(|f| f.ends_with(".tmp")));
    assert_only_complete_files(&dist, &reference.path().join("dist"));
    assert_manifest_matches_disk(&dist);
}

#[test]
fn a_folder_with_someone_elses_index_is_not_taken_over() {
    let project = sample_project();
    let site = project.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("index.html"), "<p>our intranet</p>").unwrap();
    let out = folio()
        .args(["build", "-o", "site"])
        .current_dir(project.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("index.html") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(site.join("index.html")).unwrap(),
        "<p>our intranet</p>"
    );
    build(project.path(), &["--quiet", "-o", "site", "--force"]);
    assert_manifest_matches_disk(&site);
    // From then on the folder is folio's: plain builds work.
    build(project.path(), &["--quiet", "-o", "site"]);
}

#[test]
fn the_manifest_names_what_each_file_was_made_from() {
    let project = sample_project();
    let dist = project.path().join("dist");
    build(project.path(), &["--quiet"]);
    let manifest = manifest(&dist);
    let diary = std::fs::read(project.path().join("content/pain-diary.md")).unwrap();
    let image = std::fs::read(project.path().join("content/images/pain-scale.png")).unwrap();
    for artifact in manifest["artifacts"].as_array().unwrap() {
        let from = hashes(&artifact["from"]);
        let path = artifact["path"].as_str().unwrap();
        // (The translations, pain-diary-es and the others, are made from their own files.)
        let translation = ["-ar", "-es", "-vi", "-zh-hans"]
            .iter()
            .any(|t| path.contains(&format!("pain-diary{t}")));
        if (path.contains("pain-diary") && !translation)
            || path == "living-well-with-chronic-pain.epub"
        {
            assert_eq!(
                from.get("content/pain-diary.md"),
                Some(&sha256(&diary).as_str()),
                "{path}"
            );
        }
        if path.starts_with("pdf/pain-diary") {
            assert_eq!(
                from.get("content/images/pain-scale.png"),
                Some(&sha256(&image).as_str()),
                "{path}"
            );
        }
    }
}

#[test]
fn outputs_taken_out_of_folio_toml_are_removed_but_format_narrows_only() {
    let project = sample_project();
    let dist = project.path().join("dist");
    build(project.path(), &["--quiet"]);
    // --format builds a part now; it deletes nothing.
    build(project.path(), &["--quiet", "--format", "txt"]);
    assert!(dist.join("pdf/pain-diary.large-print.pdf").is_file());
    assert_manifest_matches_disk(&dist);
    // Taking a variant out of folio.toml removes its files.
    let config = project.path().join("folio.toml");
    let mut toml = std::fs::read_to_string(&config).unwrap();
    toml.insert_str(0, "[pdf]\nvariants = [\"standard\"]\n\n");
    std::fs::write(&config, toml).unwrap();
    let out = build(project.path(), &[]);
    assert!(stdout(&out).contains("removed"), "{}", stdout(&out));
    assert!(!dist.join("pdf/pain-diary.large-print.pdf").exists());
    assert!(dist.join("pdf/pain-diary.pdf").is_file());
    assert_manifest_matches_disk(&dist);
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap();
    assert!(!index.contains("large-print"));
}

#[test]
fn message_format_json_prints_every_warning_and_finding_as_json_lines() {
    let project = project_with_raw_html();
    let out = build(project.path(), &["--message-format", "json"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines = common::diagnostics::json_lines(&out.stdout);
    let raw = lines
        .iter()
        .find(|d| d["code"] == "folio::raw-html" && d["path"] == "content/raw.md")
        .unwrap_or_else(|| panic!("no raw-HTML warning: {stdout}"));
    assert_eq!(raw["severity"], "warning");
    assert_eq!(raw["line"], 3);
    // Each warning once, though the standard and large-print handouts both report it.
    let pdf_raw = lines
        .iter()
        .filter(|d| {
            d["code"] == "folio::raw-html"
                && d["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("PDF handout"))
        })
        .count();
    assert_eq!(pdf_raw, 1, "{stdout}");
    // The checks' findings too, with their figures.
    assert!(
        lines
            .iter()
            .any(|d| d["code"] == "folio::readability" && d["figures"]["words"].is_u64()),
        "{stdout}"
    );
    assert!(
        lines.iter().any(|d| d["code"] == "folio::missing-metadata"),
        "{stdout}"
    );
    // Nothing else on stdout, and an error is a JSON line as well.
    std::fs::write(project.path().join("content/bad.md"), b"\xff\xfe bad\n").unwrap();
    let out = folio()
        .args(["build", "--message-format", "json"])
        .current_dir(project.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let error = common::diagnostics::json_lines(&out.stdout)
        .into_iter()
        .find(|d| d["severity"] == "error")
        .unwrap_or_else(|| panic!("no error line: {stdout}"));
    assert_eq!(error["path"], "content/bad.md");
    assert_eq!(error["code"], "folio::read");
}

#[test]
fn documents_in_subfolders_keep_their_folder_and_link_to_one_another() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("Heart")).unwrap();
    std::fs::write(
        content.join("index.md"),
        "---\ntitle: Home\nlanguage: en\n---\n\nSee [the links](Heart/links.md#pulse).\n",
    )
    .unwrap();
    std::fs::write(
        content.join("Heart/links.md"),
        "---\ntitle: Links\nlanguage: en\n---\n\n## Pulse\n\nBack [home](../index.md).\n",
    )
    .unwrap();
    std::fs::write(content.join("LICENSE"), "MIT\n").unwrap();
    let out = run(&["build", "--verbose"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("not taken: content/LICENSE (not a Markdown file"),
        "{stdout}"
    );
    let dist = dir.path().join("dist");
    for file in [
        "pdf/heart/links.pdf",
        "pdf/heart/links.large-print.pdf",
        "html/heart/links.html",
        "epub/heart/links.epub",
        "txt/heart/links.txt",
        "html/index.html",
    ] {
        assert!(dist.join(file).is_file(), "{file}");
    }
    let index = std::fs::read_to_string(dist.join("html/index.html")).unwrap();
    assert!(index.contains("href=\"heart/links.html#pulse\""), "{index}");
    let links = std::fs::read_to_string(dist.join("html/heart/links.html")).unwrap();
    assert!(links.contains("href=\"../index.html\""), "{links}");
    let catalogue = std::fs::read_to_string(dist.join("index.html")).unwrap();
    assert!(
        catalogue.contains("href=\"html/heart/links.html\""),
        "{catalogue}"
    );
    common::assert_manifest_matches_disk(&dist);
    // Without --verbose, nothing is said about files not taken.
    let out = run(&["build"], dir.path());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("not taken"));
}

#[test]
fn no_content_folder_says_where_the_markdown_is_and_what_to_set() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/a.md"), "# A\n").unwrap();
    let out = run(&["build"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("there is no content folder `content/` here"),
        "{err}"
    );
    assert!(
        err.contains("put `content = \"docs\"` at the top of folio.toml"),
        "{err}"
    );
}

/// A small PNG: `width`×`height`, one colour.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().unwrap();
    writer
        .write_image_data(&vec![40u8; (width * height * 3) as usize])
        .unwrap();
    writer.finish().unwrap();
    bytes
}

#[test]
fn the_logo_is_the_letterhead_of_every_format_described_by_the_organization() {
    let project = sample_project();
    let dir = project.path();
    std::fs::write(dir.join("styles/logo.png"), png(300, 100)).unwrap();
    let toml = std::fs::read_to_string(dir.join("folio.toml")).unwrap();
    std::fs::write(
        dir.join("folio.toml"),
        toml.replace("[project]\n", "[project]\nlogo = \"styles/logo.png\"\n"),
    )
    .unwrap();
    let out = run(&["build"], dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dist = dir.join("dist");
    let img = "<p class=\"logo\"><img src=\"data:image/png;base64,";
    let alt = "alt=\"Riverside Family Clinic\"";
    for page in ["html/pain-diary.html", "index.html"] {
        let html = std::fs::read_to_string(dist.join(page)).unwrap();
        let at = html.find(img).unwrap_or_else(|| panic!("{page}: {html}"));
        assert!(
            html[at..].starts_with(img) && html[at..at + 4000].contains(alt),
            "{page}"
        );
    }
    // The EPUB cover shows it from the package.
    let epub = std::fs::File::open(dist.join("epub/pain-diary.epub")).unwrap();
    let mut zip = zip::ZipArchive::new(epub).unwrap();
    let mut cover = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("OEBPS/cover.xhtml").unwrap(), &mut cover)
        .unwrap();
    assert!(
        cover.contains("<p class=\"logo\"><img src=\"images/"),
        "{cover}"
    );
    assert!(cover.contains(alt), "{cover}");
    // Valid as they are.
    common::judges::assert_nu_html_clean(&[
        dist.join("index.html"),
        dist.join("html/pain-diary.html"),
        dist.join("html/pain-diary-ar.html"),
    ]);
    common::judges::assert_epubcheck_clean(&dist.join("epub/pain-diary.epub"));
    common::judges::assert_epubcheck_clean(&dist.join("living-well-with-chronic-pain.epub"));
    // The manifest names it as a source, and a new logo rebuilds what shows it.
    let manifest = manifest(&dist);
    assert!(
        manifest["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["path"] == "styles/logo.png"),
        "{manifest}"
    );
    std::fs::write(dir.join("styles/logo.png"), png(200, 100)).unwrap();
    let out = run(&["build", "--verbose"], dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("wrote dist/pdf/pain-diary.pdf"), "{stdout}");
    assert!(
        stdout.contains("wrote dist/html/pain-diary.html"),
        "{stdout}"
    );
    assert!(!stdout.contains("wrote dist/txt/"), "{stdout}");
}

#[test]
fn a_logo_that_is_missing_not_an_image_or_outside_the_project_names_folio_toml() {
    let project = sample_project();
    let dir = project.path();
    let toml = std::fs::read_to_string(dir.join("folio.toml")).unwrap();
    let line = toml.lines().position(|l| l == "[project]").unwrap() + 2;
    std::fs::write(dir.join("styles/notes.txt"), "not a picture").unwrap();
    // A picture in a folder beside the project, reached with `..`.
    let beside = tempfile::tempdir().unwrap();
    std::fs::write(beside.path().join("outside.png"), png(4, 4)).unwrap();
    let climbing = format!(
        "../{}/outside.png",
        beside.path().file_name().unwrap().to_string_lossy()
    );
    for (logo, says) in [
        ("styles/missing.png", "cannot read the logo"),
        ("styles/notes.txt", "a logo must be a PNG or JPEG image"),
        (climbing.as_str(), "outside the project folder"),
    ] {
        std::fs::write(
            dir.join("folio.toml"),
            toml.replace("[project]\n", &format!("[project]\nlogo = \"{logo}\"\n")),
        )
        .unwrap();
        let out = run(&["build"], dir);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{logo}: {err}");
        assert!(err.contains(&format!("folio.toml:{line}")), "{logo}: {err}");
        assert!(err.contains(says), "{logo}: {err}");
    }
}

#[test]
fn a_settings_file_named_in_folio_toml_that_is_missing_names_the_line_and_the_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/a.md"), "# A\n\nText.\n").unwrap();
    std::fs::write(
        dir.path().join("folio.toml"),
        "[html]\ntoc_min_headings = 3\n\n[pdf]\nstyle = \"styles/mine.toml\"\n",
    )
    .unwrap();
    let out = run(&["build"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("folio.toml:5: [pdf] style = \"styles/mine.toml\": cannot read"),
        "{err}"
    );
}

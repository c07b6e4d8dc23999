//! End-to-end tests of `folio new`: the project it starts builds at once, with no check
//! finding but notes, and it never writes over a project.

mod common;

use std::path::Path;
use std::process::Output;

use common::{files_under, run};
use serde_json::Value;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn assert_success(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

/// The errors and warnings `folio check --format json` finds in `project` (run from `cwd`).
fn check_problems(project: &str, cwd: &Path) -> Vec<Value> {
    let out = run(&["check", project, "--format", "json"], cwd);
    assert_success(&out, "folio check");
    common::diagnostics::json_lines(&out.stdout)
        .into_iter()
        .filter(|f| f["severity"] == "error" || f["severity"] == "warning")
        .collect()
}

#[test]
fn a_new_project_builds_and_checks_clean_and_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["new", "proj"], dir.path());
    assert_success(&out, "folio new proj");
    let said = text(&out.stdout);
    for line in [
        "created proj/folio.toml",
        "created proj/content/sample-handout.md",
        "created proj/content/images/example.png",
        "cd proj",
        "folio serve",
        "folio build",
        "folio check",
    ] {
        assert!(said.contains(line), "`{line}` not in:\n{said}");
    }
    let project = dir.path().join("proj");
    assert!(project.join(".gitignore").is_file());
    assert!(project.join("styles/handout.toml").is_file());

    let out = run(&["build", "proj", "--deny", "warnings"], dir.path());
    assert_success(&out, "folio build proj");
    let said = text(&out.stdout);
    assert!(said.contains("0 warnings, 0 errors"), "{said}");
    for file in [
        "dist/pdf/sample-handout.pdf",
        "dist/pdf/sample-handout.large-print.pdf",
        "dist/html/sample-handout.html",
        "dist/epub/sample-handout.epub",
        "dist/txt/sample-handout.txt",
        "dist/index.html",
    ] {
        assert!(project.join(file).is_file(), "{file} was not built");
    }
    // The notes for the writer (HTML comments) stay out of what readers get.
    for file in [
        "dist/html/sample-handout.html",
        "dist/txt/sample-handout.txt",
    ] {
        let built = std::fs::read_to_string(project.join(file)).unwrap();
        assert!(!built.contains("note for you"), "{file} shows a note");
        assert!(built.contains("How to Write a Handout"), "{file}");
    }
    let problems = check_problems("proj", dir.path());
    assert!(problems.is_empty(), "{problems:#?}");

    // Again: refused, naming the file, and nothing changes.
    let config = std::fs::read(project.join("folio.toml")).unwrap();
    let before = files_under(&project);
    let out = run(&["new", "proj"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let said = text(&out.stderr);
    assert!(said.contains("folio.toml"), "{said}");
    assert_eq!(std::fs::read(project.join("folio.toml")).unwrap(), config);
    assert_eq!(files_under(&project), before);
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
}

#[test]
fn a_new_book_builds_its_epub() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["new", "book", "--book"], dir.path());
    assert_success(&out, "folio new book --book");
    let project = dir.path().join("book");
    assert!(!project.join("content/sample-handout.md").exists());
    let out = run(&["build", "book", "--deny", "warnings"], dir.path());
    assert_success(&out, "folio build book");
    assert!(project.join("dist/your-book-title.epub").is_file());
    for chapter in ["01-introduction", "02-first-chapter"] {
        assert!(project.join(format!("dist/pdf/{chapter}.pdf")).is_file());
    }
    let problems = check_problems("book", dir.path());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_review_date_is_today_and_here_is_the_default_folder() {
    let dir = tempfile::tempdir().unwrap();
    let here = dir.path().join("empty");
    std::fs::create_dir_all(here.join(".git")).unwrap();
    // 2026-05-28.
    let out = common::folio()
        .args(["new"])
        .env("SOURCE_DATE_EPOCH", "1780000000")
        .current_dir(&here)
        .output()
        .unwrap();
    assert_success(&out, "folio new");
    let said = text(&out.stdout);
    assert!(said.contains("created folio.toml"), "{said}");
    assert!(!said.contains("cd "), "{said}");
    let handout = std::fs::read_to_string(here.join("content/sample-handout.md")).unwrap();
    assert!(handout.contains("review_date: 2026-05-28"), "{handout}");

    let out = common::folio()
        .args(["check", "--format", "json"])
        .env("SOURCE_DATE_EPOCH", "1780000000")
        .current_dir(&here)
        .output()
        .unwrap();
    assert_success(&out, "folio check");
    let problems: Vec<Value> = common::diagnostics::json_lines(&out.stdout)
        .into_iter()
        .filter(|f| f["severity"] != "note")
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");

    // A folder with a file of its own is not a new project's.
    let busy = dir.path().join("busy");
    std::fs::create_dir(&busy).unwrap();
    std::fs::write(busy.join("notes.txt"), "mine").unwrap();
    let out = run(&["new", "busy"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("notes.txt"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(files_under(&busy), ["notes.txt"]);
}

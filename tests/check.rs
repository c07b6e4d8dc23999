//! End-to-end tests of `folio check` (and the checks `folio build` runs): the real binary on
//! the sample project and on small projects made for one lint each.

mod common;

use std::path::Path;

use common::{run, sample_project};
use serde_json::Value;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// What `folio check` reports: its standard output (so `folio check > report.txt` keeps it).
fn report(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `folio check --format json` in `dir`: the findings, and whether it exited 0.
fn check_json(dir: &Path, extra: &[&str]) -> (Vec<Value>, bool) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let out = run(&args, dir);
    (
        common::diagnostics::json_lines(&out.stdout),
        out.status.success(),
    )
}

fn of<'a>(findings: &'a [Value], path: &str, code: &str) -> Vec<&'a Value> {
    findings
        .iter()
        .filter(|f| f["path"] == path && f["code"] == code)
        .collect()
}

/// A project with one document (and folio.toml if given).
fn project(markdown: &str, config: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/handout.md"), markdown).unwrap();
    if let Some(config) = config {
        std::fs::write(dir.path().join("folio.toml"), config).unwrap();
    }
    dir
}

const COMPLETE: &str = "---\ntitle: Rest\nlanguage: en\nreviewed_by: Dr. R\nreview_date: 2026-09-01\ndisclaimer: Ask your nurse.\n---\n\n";

#[test]
fn the_sample_article_is_flagged_and_the_diary_is_clean() {
    let project = sample_project();
    let (findings, ok) = check_json(project.path(), &[]);
    assert!(ok, "warnings alone do not fail a check");
    let article = "content/chronic-pain-and-kratom.md";

    // Its grades by both formulas, named, and well above grade 8.
    let note = &of(&findings, article, "folio::readability")[0];
    assert_eq!(note["severity"], "note");
    let smog = note["figures"]["smog_grade"].as_f64().unwrap();
    let fk = note["figures"]["flesch_kincaid_grade"].as_f64().unwrap();
    assert!(smog > 12.0 && fk > 12.0, "SMOG {smog}, Flesch–Kincaid {fk}");
    let message = note["message"].as_str().unwrap();
    assert!(
        message.contains("(SMOG)") && message.contains("(Flesch–Kincaid)"),
        "{message}"
    );
    let hard_sections = of(&findings, article, "folio::readability")
        .into_iter()
        .filter(|f| f["severity"] == "warning")
        .count();
    assert_eq!(hard_sections, 4, "the opening and all three sections");

    // Every sentence citing the Journal of Pain Research, with its line.
    let claims: Vec<u64> = of(&findings, article, "folio::unsourced-claim")
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    let source = std::fs::read_to_string(project.path().join(article)).unwrap();
    for (index, line) in source.lines().enumerate() {
        let cites_journal = line.matches("Journal of Pain Research").count();
        let flagged = claims.iter().filter(|&&l| l == index as u64 + 1).count();
        assert!(flagged >= cites_journal, "line {}: {claims:?}", index + 1);
    }
    assert!(claims.contains(&34) && claims.contains(&48), "{claims:?}");

    // The review metadata it lacks.
    let missing: Vec<&str> = of(&findings, article, "folio::missing-metadata")
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        missing.iter().any(|m| m.contains("who reviewed")),
        "{missing:?}"
    );
    assert!(
        missing.iter().any(|m| m.contains("last reviewed")),
        "{missing:?}"
    );

    // The pain diary is nearly clean: its reading grade is within the target; at most one
    // section is just above it (its checklist and warning box use "medicines", "numbness").
    let diary: Vec<&Value> = findings
        .iter()
        .filter(|f| f["path"] == "content/pain-diary.md")
        .collect();
    assert_eq!(diary[0]["severity"], "note", "{diary:?}");
    assert!(diary[0]["figures"]["smog_grade"].as_f64().unwrap() <= 8.0);
    // Every section has its figures, as a note.
    let sections = diary
        .iter()
        .filter(|f| {
            f["severity"] == "note" && f["message"].as_str().unwrap().starts_with("section")
        })
        .count();
    assert_eq!(sections, 6, "{diary:?}");
    let rest: Vec<&&Value> = diary.iter().filter(|f| f["severity"] != "note").collect();
    assert!(rest.len() <= 1, "{rest:?}");
    for finding in rest {
        assert_eq!(finding["code"], "folio::readability", "{finding:?}");
        assert!(
            finding["figures"]["smog_grade"].as_f64().unwrap() < 9.0,
            "{finding:?}"
        );
    }
}

#[test]
fn human_output_is_rustc_style_and_deny_warnings_fails() {
    let project = sample_project();
    let out = run(&["check"], project.path());
    assert!(out.status.success());
    let text = report(&out);
    assert!(
        stderr(&out).is_empty(),
        "the report is on standard output: {}",
        stderr(&out)
    );
    assert!(
        text.contains("warning[folio::unsourced-claim]: this sentence cites research"),
        "{text}"
    );
    assert!(
        text.contains("--> content/chronic-pain-and-kratom.md:34:15"),
        "{text}"
    );
    assert!(
        text.contains("34 | For instance, a study published in"),
        "{text}"
    );
    assert!(text.contains("^^^^^^^^^^^^^^^^^ cites research"), "{text}");
    assert!(text.contains("= help: link the study"), "{text}");
    assert!(text.contains("note: hard sentence:"), "{text}");
    assert!(text.contains("reading grades:"), "{text}");
    // Each document once, its sections by line, the short ones marked.
    assert_eq!(
        text.matches("\ncontent/pain-diary.md  “").count(),
        1,
        "{text}"
    );
    assert!(text.contains("  line 25  "), "{text}");
    assert!(
        text.contains("A sample week  (too short to judge)"),
        "{text}"
    );
    assert!(text.contains("checked 6 documents: 0 errors,"), "{text}");
    let out = run(&["check", "--deny", "warnings"], project.path());
    assert_eq!(out.status.code(), Some(1));
    // One file of the project, checked with the project's settings (its disclaimer).
    let out = run(&["check", "content/pain-diary.md"], project.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = report(&out);
    assert!(text.contains("checked 1 document: 0 errors"), "{text}");
    assert!(!text.contains("disclaimer"), "{text}");
}

#[test]
fn lints_are_switched_off_in_folio_toml_and_front_matter() {
    let project = sample_project();
    let config = std::fs::read_to_string(project.path().join("folio.toml")).unwrap();
    std::fs::write(
        project.path().join("folio.toml"),
        format!(
            "{config}\n[check.lints]\nunsourced-claim = \"off\"\nmissing-metadata = \"error\"\n"
        ),
    )
    .unwrap();
    let (findings, ok) = check_json(project.path(), &[]);
    assert!(!ok, "missing metadata is now an error");
    assert!(
        findings
            .iter()
            .all(|f| f["code"] != "folio::unsourced-claim")
    );
    assert!(
        findings
            .iter()
            .any(|f| f["code"] == "folio::missing-metadata" && f["severity"] == "error")
    );

    let dir = project_with_front_matter("check:\n  readability: off\n");
    let (findings, _) = check_json(dir.path(), &[]);
    assert!(
        findings.iter().all(|f| f["code"] != "folio::readability"),
        "{findings:?}"
    );
    let dir = project_with_front_matter("check: off\n");
    let (findings, ok) = check_json(dir.path(), &["--deny", "warnings"]);
    assert!(ok && findings.is_empty(), "{findings:?}");
}

fn project_with_front_matter(extra: &str) -> tempfile::TempDir {
    project(
        &format!(
            "---\ntitle: Hard\n{extra}---\n\nNotwithstanding considerable epidemiological heterogeneity, pharmacological interventions demonstrate substantial variability regarding therapeutic effectiveness across populations.\n"
        ),
        None,
    )
}

#[test]
fn accessibility_and_integrity_lints_name_their_line() {
    let dir = project(
        &format!(
            "{COMPLETE}## Rest\n\nRest well.\n\n#### Too deep\n\n![image](missing.png)\n\nSee [here](https://example.org) and [the part](#no-such-part).\n\nA note[^gone].\n\n[^unused]: Never cited.\n"
        ),
        None,
    );
    let (findings, ok) = check_json(dir.path(), &[]);
    assert!(!ok, "a missing image is an error");
    let line_of = |code: &str| -> Vec<u64> {
        findings
            .iter()
            .filter(|f| f["code"] == code)
            .map(|f| f["line"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(line_of("folio::heading-order"), [13]);
    assert_eq!(line_of("folio::image-alt"), [15]);
    assert_eq!(line_of("folio::image"), [15]);
    assert_eq!(line_of("folio::link-text"), [17]);
    assert_eq!(line_of("folio::broken-link"), [17]);
    assert_eq!(line_of("folio::footnote"), [19, 21]);
    let image = findings
        .iter()
        .find(|f| f["code"] == "folio::image")
        .unwrap();
    assert_eq!(image["severity"], "error");
    assert_eq!(image["column"], 10);
}

#[test]
fn links_between_documents_are_checked() {
    let dir = project(
        &format!("{COMPLETE}See [the diary](diary.md#keep-notes) and [old](old.md).\n"),
        None,
    );
    std::fs::write(
        dir.path().join("content/diary.md"),
        format!("{COMPLETE}## Keep notes\n\nWrite it down.\n"),
    )
    .unwrap();
    let (findings, _) = check_json(dir.path(), &[]);
    let broken: Vec<&str> = findings
        .iter()
        .filter(|f| f["code"] == "folio::broken-link")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(broken[0].contains("old.md"), "{broken:?}");
}

#[test]
fn unreadable_documents_are_errors_with_their_line() {
    let dir = project("fine\nbad \u{0}", None);
    std::fs::write(dir.path().join("content/bytes.md"), b"ok\nab\xff\n").unwrap();
    std::fs::write(
        dir.path().join("content/fm.md"),
        "---\ntitle: [unclosed\n---\n",
    )
    .unwrap();
    let (findings, ok) = check_json(dir.path(), &[]);
    assert!(!ok);
    let reads: Vec<(String, u64)> = findings
        .iter()
        .filter(|f| f["code"] == "folio::read")
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        reads,
        [
            ("content/bytes.md".to_string(), 2),
            ("content/fm.md".to_string(), 2),
            // A NUL byte is not text (a binary file, or UTF-16).
            ("content/handout.md".to_string(), 2)
        ]
    );
    let out = run(&["check", "no/such/place"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no/such/place"), "{}", stderr(&out));
}

#[test]
fn build_reports_a_summary_and_fails_on_warnings_only_when_told() {
    let project = sample_project();
    let out = run(&["build"], project.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary = stdout
        .lines()
        .find(|l| l.starts_with("checks: "))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(summary.contains("0 errors"), "{summary}");
    let (findings, _) = check_json(project.path(), &[]);
    let warnings = findings
        .iter()
        .filter(|f| f["severity"] == "warning")
        .count();
    assert!(
        summary.contains(&format!("{warnings} warnings")),
        "{summary}"
    );
    // An unchanged project reports the same from the cache; --deny warnings fails the build
    // but leaves its files in place.
    let out = run(&["build", "--deny", "warnings"], project.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains(summary));
    assert!(project.path().join("dist/pdf/pain-diary.pdf").is_file());
}

#[test]
fn files_are_checked_in_their_project_and_projects_stay_apart() {
    // A file in content/ of a project without folio.toml: images beside content/ are inside.
    let dir = project(
        &format!("{COMPLETE}![A red square](../images/none.png)\n"),
        None,
    );
    let out = run(
        &["check", "--format", "json", "content/handout.md"],
        dir.path(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("not found"), "{text}");
    assert!(!text.contains("outside the project"), "{text}");
    // Two projects with a document of the same name: each keeps its own path and lines.
    let parent = tempfile::tempdir().unwrap();
    for (name, body) in [
        ("p1", "Studies show it works.\n"),
        ("p2", "Hello.\n\nNo claims.\n"),
    ] {
        std::fs::create_dir_all(parent.path().join(name).join("content")).unwrap();
        std::fs::write(
            parent.path().join(name).join("content/a.md"),
            format!("{COMPLETE}{body}"),
        )
        .unwrap();
    }
    let (findings, _) = check_json(parent.path(), &["p1", "p2"]);
    let claims: Vec<(&str, u64)> = findings
        .iter()
        .filter(|f| f["code"] == "folio::unsourced-claim")
        .map(|f| (f["path"].as_str().unwrap(), f["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(claims, [("p1/content/a.md", 9)]);
    let out = run(&["check", "p1", "p2"], parent.path());
    let text = report(&out);
    assert!(text.contains("9 | Studies show it works."), "{text}");
}

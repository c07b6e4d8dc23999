//! End-to-end tests of `folio verify`: a built sample project verifies clean, from the project
//! folder and from its output folder; a changed, deleted or added output and an edited source
//! are each named and fail the run; `--write-sums` writes a SHA256SUMS that `sha256sum -c`
//! accepts (when it is installed) and later builds leave alone; an output folder built
//! elsewhere names its project; a folder without a manifest is an error.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{copy_dir, manifest, run, sample_project};

/// The sample project, built (every format).
fn built() -> tempfile::TempDir {
    let project = sample_project();
    let out = run(&["build", "--quiet"], project.path());
    assert!(out.status.success(), "{}", stderr(&out));
    project
}

/// A copy of a built project: its manifest names the project relatively, so a copy verifies.
fn copy_of(project: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(project, dir.path());
    dir
}

fn verify(args: &[&str], cwd: &Path) -> Output {
    let mut all = vec!["verify"];
    all.extend_from_slice(args);
    run(&all, cwd)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts the run failed (exit status 1) and printed `line` as a line of its own.
fn assert_reports(out: &Output, line: &str) {
    let text = stdout(out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(out));
    assert!(
        text.lines().any(|l| l == line),
        "no line `{line}` in:\n{text}"
    );
}

#[test]
fn a_clean_build_verifies_and_every_difference_is_named() {
    let project = built();
    let dir = project.path();
    let dist = dir.join("dist");
    assert_eq!(manifest(&dist)["project"], "..");

    let out = verify(&[], dir);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(
        text.starts_with("verified ") && text.ends_with(": all match\n"),
        "{text}"
    );
    // The output folder itself, given or as the current folder.
    for (args, cwd) in [(&["dist"][..], dir), (&[][..], dist.as_path())] {
        let out = verify(args, cwd);
        assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
        assert!(stdout(&out).ends_with(": all match\n"));
    }
    let out = verify(&["--format", "json"], dir);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["clean"], true);
    assert_eq!(json["changed"], serde_json::json!([]));

    // A byte appended to an output.
    let copy = copy_of(dir);
    let txt = copy.path().join("dist/txt/pain-diary.txt");
    let size = std::fs::metadata(&txt).unwrap().len();
    let mut bytes = std::fs::read(&txt).unwrap();
    bytes.push(b'\n');
    std::fs::write(&txt, bytes).unwrap();
    let line = format!(
        "changed  dist/txt/pain-diary.txt (size {size} → {} bytes)",
        size + 1
    );
    assert_reports(&verify(&[], copy.path()), &line);
    let out = verify(&[], copy.path());
    assert!(
        stdout(&out).ends_with(": 1 changed, 0 missing, 0 new\n"),
        "{}",
        stdout(&out)
    );
    // From the output folder, paths are relative to it.
    let line = format!(
        "changed  txt/pain-diary.txt (size {size} → {} bytes)",
        size + 1
    );
    assert_reports(&verify(&["dist"], copy.path()), &line);
    let out = verify(&["--format", "json"], copy.path());
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["changed"][0]["path"], "dist/txt/pain-diary.txt");
    assert_eq!(json["changed"][0]["bytes"], size + 1);

    // A deleted output.
    let copy = copy_of(dir);
    std::fs::remove_file(copy.path().join("dist/html/pain-diary.html")).unwrap();
    assert_reports(
        &verify(&[], copy.path()),
        "missing  dist/html/pain-diary.html",
    );

    // A file the build did not make.
    let copy = copy_of(dir);
    std::fs::write(copy.path().join("dist/html/extra.html"), "<p>extra</p>").unwrap();
    assert_reports(&verify(&[], copy.path()), "new      dist/html/extra.html");

    // An edited source.
    let copy = copy_of(dir);
    let source = copy.path().join("content/pain-diary.md");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(&source, text.replacen("pain", "Pain", 1)).unwrap();
    assert_reports(
        &verify(&[], copy.path()),
        "changed  content/pain-diary.md (different contents)",
    );
}

/// `sha256sum -c SHA256SUMS` in `dir`; `None` if sha256sum is not installed.
fn sha256sum_check(dir: &Path) -> Option<Output> {
    match Command::new("sha256sum")
        .args(["-c", "SHA256SUMS"])
        .current_dir(dir)
        .output()
    {
        Ok(out) => Some(out),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("skipping the sha256sum check: sha256sum is not installed");
            None
        }
        Err(e) => panic!("sha256sum: {e}"),
    }
}

#[test]
fn sums_are_written_for_sha256sum_and_builds_leave_them_alone() {
    let project = built();
    let dir = project.path();
    let dist = dir.join("dist");

    // From the project folder, and from the output folder.
    for (args, folder, listed) in [
        (
            &["--write-sums"][..],
            dir.to_path_buf(),
            "  dist/txt/pain-diary.txt\n",
        ),
        (
            &["dist", "--write-sums"][..],
            dist.clone(),
            "  ../content/pain-diary.md\n",
        ),
    ] {
        let out = verify(args, dir);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}{}",
            stdout(&out),
            stderr(&out)
        );
        assert!(stdout(&out).contains("wrote "), "{}", stdout(&out));
        let sums = std::fs::read_to_string(folder.join("SHA256SUMS")).unwrap();
        assert!(sums.contains(listed), "{sums}");
        let lines: Vec<&str> = sums.lines().collect();
        let mut sorted = lines.clone();
        sorted.sort_by(|a, b| a.get(66..).cmp(&b.get(66..)));
        assert_eq!(lines, sorted, "sorted by path");
        assert!(
            lines.iter().all(|l| l.len() > 66
                && l.as_bytes()[..64].iter().all(u8::is_ascii_hexdigit)
                && &l[64..66] == "  "),
            "{sums}"
        );
        if let Some(check) = sha256sum_check(&folder) {
            assert!(
                check.status.success() && check.stderr.is_empty(),
                "{}{}",
                stdout(&check),
                stderr(&check)
            );
        }
    }
    let project_sums = std::fs::read(dir.join("SHA256SUMS")).unwrap();
    assert!(String::from_utf8_lossy(&project_sums).contains("  folio.toml\n"));
    let dist_sums = std::fs::read(dist.join("SHA256SUMS")).unwrap();

    // A build after it neither refuses the folder nor deletes the checksum files, and the
    // build still verifies (SHA256SUMS is not a file the manifest should list).
    let out = run(&["build", "--quiet"], dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["build", "--quiet", "--force"], dir);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read(dir.join("SHA256SUMS")).unwrap(), project_sums);
    assert_eq!(std::fs::read(dist.join("SHA256SUMS")).unwrap(), dist_sums);
    let out = verify(&[], dir);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    // Nothing is vouched for once something differs.
    let copy = copy_of(dir);
    std::fs::remove_file(copy.path().join("SHA256SUMS")).unwrap();
    std::fs::write(copy.path().join("dist/txt/pain-diary.txt"), "edited").unwrap();
    let out = verify(&["--write-sums"], copy.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("SHA256SUMS not written"),
        "{}",
        stderr(&out)
    );
    assert!(!copy.path().join("SHA256SUMS").exists());
}

#[test]
fn an_output_folder_elsewhere_names_its_project() {
    let project = sample_project();
    let elsewhere = tempfile::tempdir().unwrap();
    let site = elsewhere.path().join("site");
    let site_arg = site.to_str().unwrap();
    let out = run(
        &["build", "--quiet", "--format", "txt", "-o", site_arg],
        project.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let name = project.path().file_name().unwrap().to_str().unwrap();
    assert_eq!(manifest(&site)["project"], format!("../../{name}"));
    let out = verify(&[site_arg], project.path());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).ends_with(": all match\n"));

    // The output folder kept alone: its sources are missing, and the summary says where
    // they were looked for.
    let kept = tempfile::tempdir().unwrap();
    copy_dir(&site, &kept.path().join("a/site"));
    let out = verify(&["a/site"], kept.path());
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("missing  ") && l.ends_with("/content/pain-diary.md")),
        "{text}"
    );
    assert!(text.contains("sources are looked for in "), "{text}");
}

#[test]
fn a_folder_without_a_manifest_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = verify(&[], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: no manifest.json in dist/: nothing to verify; `folio build` writes one\n"
    );
    assert!(stdout(&out).is_empty());
}

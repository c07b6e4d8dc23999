//! End-to-end tests: the real `folio` binary on the sample content and on bad input.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::judges::assert_nu_html_clean;
use common::words::{assert_words_in_order, html_text, markdown_words, words};
use common::{files_under, folio, repo, run, sample_project};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn build_writes_every_format_for_every_document() {
    let project = sample_project();
    let out = run(&["build", "--quiet"], project.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let dist = project.path().join("dist");
    assert_eq!(
        files_under(&dist),
        [
            ".folio-cache.json",
            "epub/chronic-pain-and-kratom.epub",
            "epub/pain-diary-ar.epub",
            "epub/pain-diary-es.epub",
            "epub/pain-diary-vi.epub",
            "epub/pain-diary-zh-hans.epub",
            "epub/pain-diary.epub",
            "html/chronic-pain-and-kratom.html",
            "html/pain-diary-ar.html",
            "html/pain-diary-es.html",
            "html/pain-diary-vi.html",
            "html/pain-diary-zh-hans.html",
            "html/pain-diary.html",
            "index.html",
            "living-well-with-chronic-pain.epub",
            "manifest.json",
            "pdf/chronic-pain-and-kratom.large-print.pdf",
            "pdf/chronic-pain-and-kratom.pdf",
            "pdf/pain-diary-ar.large-print.pdf",
            "pdf/pain-diary-ar.pdf",
            "pdf/pain-diary-es.large-print.pdf",
            "pdf/pain-diary-es.pdf",
            "pdf/pain-diary-vi.large-print.pdf",
            "pdf/pain-diary-vi.pdf",
            "pdf/pain-diary-zh-hans.large-print.pdf",
            "pdf/pain-diary-zh-hans.pdf",
            "pdf/pain-diary.large-print.pdf",
            "pdf/pain-diary.pdf",
            "txt/chronic-pain-and-kratom.txt",
            "txt/pain-diary-ar.txt",
            "txt/pain-diary-es.txt",
            "txt/pain-diary-vi.txt",
            "txt/pain-diary-zh-hans.txt",
            "txt/pain-diary.txt",
        ]
    );
}

#[test]
fn every_source_word_survives_in_order() {
    let project = sample_project();
    let out = run(&["build", "--quiet"], project.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let dist = project.path().join("dist");
    let article_source = words(include_str!("fixtures/chronic-pain-and-kratom.txt"));
    let diary_source = markdown_words(include_str!("../content/pain-diary.md"));
    for (slug, source) in [
        ("chronic-pain-and-kratom", &article_source),
        ("pain-diary", &diary_source),
    ] {
        let text = std::fs::read_to_string(dist.join(format!("txt/{slug}.txt"))).unwrap();
        assert_words_in_order(source, &words(&text), &format!("{slug}.txt"));
        let html = std::fs::read_to_string(dist.join(format!("html/{slug}.html"))).unwrap();
        assert_words_in_order(source, &words(&html_text(&html)), &format!("{slug}.html"));
    }
}

#[test]
fn builds_are_byte_identical() {
    let a = sample_project();
    let b = sample_project();
    for p in [&a, &b] {
        let out = run(&["build", "--quiet"], p.path());
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let files = files_under(&a.path().join("dist"));
    for file in &files {
        let x = std::fs::read(a.path().join("dist").join(file)).unwrap();
        let y = std::fs::read(b.path().join("dist").join(file)).unwrap();
        assert!(x == y, "{file} differs between two builds");
    }
}

#[test]
fn standalone_html_is_self_contained() {
    let project = sample_project();
    assert!(run(&["build", "--quiet"], project.path()).status.success());
    let html = std::fs::read_to_string(project.path().join("dist/html/pain-diary.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("<meta name=\"viewport\""));
    assert!(
        html.contains("<meta name=\"description\" content=\"A pain diary is a short daily record")
    );
    assert!(html.contains("<style>"), "stylesheet inlined");
    assert!(
        html.contains("src=\"data:image/png;base64,"),
        "image embedded"
    );
    assert!(
        html.contains("<nav class=\"toc\""),
        "long document gets a table of contents"
    );
    // No external resources: the only links are to the page's translations.
    assert!(
        html.matches("<link ").count() == html.matches("<link rel=\"alternate\" hreflang=").count(),
        "no external resources"
    );
}

#[test]
fn assert_nu_html_cleaner_finds_no_errors() {
    let project = sample_project();
    assert!(run(&["build", "--quiet"], project.path()).status.success());
    let dist = project.path().join("dist/html");
    let pages = [
        dist.join("chronic-pain-and-kratom.html"),
        dist.join("pain-diary.html"),
        project.path().join("dist/index.html"),
    ];
    assert_nu_html_clean(&pages);
}

#[test]
fn convert_reads_stdin_and_writes_stdout() {
    let mut child = folio()
        .args(["convert", "--to", "html"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"# Hi *there*\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "<h1 id=\"hi-there\">Hi <em>there</em></h1>\n"
    );
}

#[test]
fn convert_to_json_prints_meta_and_blocks_and_reads_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let diary = repo().join("content/pain-diary.md");
    let json_path = dir.path().join("diary.json");
    let out = run(
        &[
            "convert",
            diary.to_str().unwrap(),
            "--to",
            "json",
            "-o",
            json_path.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(value["meta"]["title"], "Keeping a Pain Diary");
    assert!(value["blocks"].as_array().is_some_and(|b| !b.is_empty()));

    // The model renders without Markdown: JSON in, the same text out.
    let from_json = run(
        &["convert", json_path.to_str().unwrap(), "--to", "txt"],
        dir.path(),
    );
    let from_md = run(
        &["convert", diary.to_str().unwrap(), "--to", "txt"],
        dir.path(),
    );
    assert!(from_json.status.success(), "{}", stderr(&from_json));
    // Identical but for the "Source:" line, which names the file each was read from.
    let without_source = |out: &[u8]| -> String {
        String::from_utf8_lossy(out)
            .lines()
            .filter(|l| !l.starts_with("Source: "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        without_source(&from_json.stdout),
        without_source(&from_md.stdout)
    );
}

#[test]
fn commonmark_flavour_passes_raw_html_through_and_markdown_sanitizes_it() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("raw.md");
    std::fs::write(
        &src,
        "<div onclick=\"x()\">hi</div>\n\n<script>alert(1)</script>\n",
    )
    .unwrap();
    let out = run(
        &["convert", "raw.md", "--from", "commonmark", "--to", "html"],
        dir.path(),
    );
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        html.contains("onclick") && html.contains("<script>"),
        "{html}"
    );
    let out = run(&["convert", "raw.md", "--to", "html"], dir.path());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        !html.contains("onclick") && !html.contains("script"),
        "{html}"
    );
    assert!(html.contains("hi"), "{html}");
}

/// Runs `convert` on bad input and checks: exit code 1, one-line message naming the file
/// (and the line), no output file.
fn assert_bad_input(name: &str, bytes: &[u8], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let out = run(
        &["convert", name, "--to", "html", "-o", "out.html"],
        dir.path(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{name}: {err}");
    assert!(
        err.contains(expected),
        "{name}: expected {expected:?} in {err:?}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !dir.path().join("out.html").exists(),
        "{name}: output written"
    );
    assert_eq!(files_under(dir.path()), [name], "{name}: stray files");
}

#[test]
fn a_fragment_refers_to_a_missing_image_and_a_standalone_page_fails() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("image.md"),
        "Text\n\n![scale](missing.png)\n",
    )
    .unwrap();
    // A fragment, like pandoc's: the reference, and a warning naming the line.
    let out = run(&["convert", "image.md", "--to", "html"], dir.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning[folio::image-not-shown]: image `missing.png` not found"),
        "{err}"
    );
    assert!(err.contains("--> image.md:3:1"), "{err}");
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        html.contains("<img src=\"missing.png\" alt=\"scale\""),
        "{html}"
    );
    // A standalone page embeds its images: one that is missing fails it, writing nothing.
    let out = run(
        &[
            "convert",
            "image.md",
            "--to",
            "html",
            "--standalone",
            "-o",
            "out.html",
        ],
        dir.path(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("image.md:3: image `missing.png` not found"),
        "{err}"
    );
    assert!(!dir.path().join("out.html").exists());
}

#[test]
fn convert_uses_the_settings_of_the_nearest_folio_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("folio.toml"),
        "[project]\norganization = \"Lakeside Clinic\"\ndisclaimer = \"Ask your nurse.\"\n\n[text]\nwidth = 40\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("content/sub")).unwrap();
    std::fs::write(
        dir.path().join("content/sub/a.md"),
        "---\ntitle: Rest\n---\n\nRest well and drink water when you are thirsty, and call us when it hurts.\n",
    )
    .unwrap();
    let out = run(&["convert", "content/sub/a.md", "--to", "txt"], dir.path());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Organization: Lakeside Clinic"), "{text}");
    assert!(text.contains("Disclaimer: Ask your nurse."), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 40), "{text}");
    // `--width` still wins.
    let out = run(
        &[
            "convert",
            "content/sub/a.md",
            "--to",
            "txt",
            "--width",
            "100",
        ],
        dir.path(),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().any(|l| l.chars().count() > 40), "{text}");
    // The PDF handout carries the clinic's name.
    let out = run(
        &["convert", "content/sub/a.md", "--to", "pdf", "-o", "a.pdf"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = std::fs::read(dir.path().join("a.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn bad_input_gives_one_line_errors_and_no_output() {
    assert_bad_input(
        "latin1.md",
        b"Caf\xe9 au lait\n",
        "latin1.md:1:4: not valid UTF-8",
    );
    assert_bad_input(
        "yaml.md",
        b"---\ntitle: ok\nauthors: [a, b\n---\nBody\n",
        "yaml.md:",
    );
    assert_bad_input(
        "yaml.md",
        b"---\ntitle: ok\nauthors: [a, b\n---\nBody\n",
        "invalid YAML front matter",
    );
    assert_bad_input(
        "toml.md",
        b"+++\ntitle = \"ok\"\ndate = \n+++\nBody\n",
        "toml.md:3: invalid TOML front matter",
    );
    assert_bad_input(
        "types.md",
        b"---\ntitle: ok\nkeywords: {a: 1}\n---\nBody\n",
        "types.md:3:",
    );
    assert_bad_input(
        "unclosed.md",
        b"---\ntitle: never closed\n\nBody\n",
        "unclosed.md:1: front matter opened with `---` is never closed",
    );
    assert_bad_input(
        "date.md",
        b"---\nreview_date: soon\n---\n",
        "date.md:2: `review_date` must be an ISO 8601 date",
    );
    assert_bad_input(
        "escape.md",
        b"![x](../../../etc/passwd)\n",
        "is outside the project folder",
    );
}

#[test]
fn missing_input_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["convert", "nope.md", "--to", "txt"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: nope.md: cannot read:"),
        "{}",
        stderr(&out)
    );
    let out = run(&["build", "no-such-project"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no-such-project"), "{}", stderr(&out));
}

#[test]
fn a_bad_document_does_not_stop_the_others() {
    let project = sample_project();
    std::fs::write(
        project.path().join("content/broken.md"),
        b"---\ntitle: [oops\n---\n",
    )
    .unwrap();
    let out = run(&["build", "--quiet"], project.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/broken.md:2: invalid YAML"),
        "{}",
        stderr(&out)
    );
    let files = files_under(&project.path().join("dist"));
    // Five files for each good document, the book (broken.md is not one of its chapters), the
    // catalogue, the manifest and the cache.
    assert_eq!(files.len(), 34, "{files:?}");
    assert!(!files.iter().any(|f| f.contains("broken")), "{files:?}");
    for listing in ["index.html", "manifest.json"] {
        let text = std::fs::read_to_string(project.path().join("dist").join(listing)).unwrap();
        assert!(
            !text.contains("broken"),
            "{listing} lists the failed document"
        );
    }
}

#[test]
fn text_output_is_wrapped_and_clean() {
    let project = sample_project();
    assert!(
        run(&["build", "--quiet", "--format", "txt"], project.path())
            .status
            .success()
    );
    let files = files_under(&project.path().join("dist/txt"));
    // The two handouts and the pain diary's four translations.
    assert_eq!(files.len(), 6);
    for file in files.iter().map(|f| format!("txt/{f}")) {
        let text = std::fs::read_to_string(project.path().join("dist").join(&file)).unwrap();
        assert!(
            text.ends_with('\n') && !text.ends_with("\n\n"),
            "{file}: one final newline"
        );
        for (i, line) in text.lines().enumerate() {
            assert!(!line.ends_with(' '), "{file}:{}: trailing space", i + 1);
            let is_url = line
                .trim_start()
                .trim_start_matches(|c: char| c == '[' || c.is_ascii_digit() || c == ']')
                .trim_start()
                .starts_with("http");
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= 72 || is_url,
                "{file}:{}: longer than 72 columns: {line}",
                i + 1
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn a_reader_that_stops_early_ends_folio_quietly() {
    let project = common::sample_project();
    // `folio check | head -1`: a report far longer than a pipe holds (64 KB), so folio is
    // still writing when `head` has gone.
    let article = project.path().join("content/chronic-pain-and-kratom.md");
    for n in 0..40 {
        std::fs::copy(
            &article,
            project.path().join(format!("content/copy-{n}.md")),
        )
        .unwrap();
    }
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("'{}' check | head -1", env!("CARGO_BIN_EXE_folio")))
        .current_dir(project.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

//! One decision, one place: the things every writer shows (a callout's label, the title, the
//! review line, what stands in for an image, the words of the byline) read the same in the
//! PDF, the HTML page, the EPUB and the plain text, through the real binary.

mod common;

use common::texts::{epub_text, pdf_text};
use common::words::html_text;
use common::{folio, run};

const HANDOUT: &str = "---
title: Blood pressure at home
authors: [Ana Ruiz, Bo Li, Cy Tan]
version: \"2\"
reviewed_by: Dr. Lee
review_date: 2026-01-05
---
# Blood pressure at home

> [!WARNING] Warning
> Call 911 if you have chest pain.

> [!TIP]
> Sit still for five minutes first.

> [!NOTE] Bring your log
> Show it at every visit.

![](https://example.org/cuff.png)
";

/// The handout as each writer gives it, read as a reader reads it: the page's text, the
/// EPUB's, the plain text, and pdftotext's (when poppler is installed). Converted once for
/// every test of this file.
fn texts() -> &'static [(&'static str, String)] {
    static TEXTS: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    TEXTS.get_or_init(convert_all)
}

fn convert_all() -> Vec<(&'static str, String)> {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("bp.md");
    std::fs::write(&source, HANDOUT).unwrap();
    let convert = |to: &str, extra: &[&str], name: &str| -> Vec<u8> {
        let target = dir.path().join(name);
        let mut args = vec!["convert", "bp.md", "--to", to, "-o", name];
        args.extend_from_slice(extra);
        let out = run(&args, dir.path());
        assert!(
            out.status.success(),
            "{to}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read(target).unwrap()
    };
    let html = String::from_utf8(convert("html", &["--standalone"], "bp.html")).unwrap();
    let text = String::from_utf8(convert("txt", &[], "bp.txt")).unwrap();
    let epub = epub_text(&convert("epub", &[], "bp.epub"));
    let mut all = vec![("html", html_text(&html)), ("txt", text), ("epub", epub)];
    if let Some(pdf) = pdf_text(&convert("pdf", &[], "bp.pdf"), dir.path()) {
        all.push(("pdf", pdf));
    }
    all
}

/// `text` with runs of white space made single spaces, the plain text's `|` box prefixes
/// left out, and no space before a colon (the HTML text has one where a tag ended).
fn squeezed(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| *w != "|")
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" :", ":")
}

#[test]
fn callouts_are_labelled_the_same_once_each_in_every_format() {
    for &(format, ref text) in texts() {
        let text = squeezed(text);
        assert_eq!(text.matches("Warning").count(), 1, "{format}: {text}");
        assert!(!text.contains("WARNING"), "{format}: {text}");
        assert!(text.contains("Warning Call 911"), "{format}: {text}");
        assert_eq!(text.matches("Tip").count(), 1, "{format}: {text}");
        assert!(!text.contains("TIP"), "{format}: {text}");
        assert!(text.contains("Note: Bring your log"), "{format}: {text}");
    }
}

#[test]
fn the_title_is_shown_once_and_placeholders_and_bylines_agree() {
    for &(format, ref text) in texts() {
        let text = squeezed(text);
        // Once in the title block. Besides it, the EPUB's cover page names the title, and so
        // does the PDF's page header (a one-page handout); HTML's `<title>` is not body text.
        let titles = text.matches("Blood pressure at home").count();
        let expected = if matches!(format, "epub" | "pdf") {
            2
        } else {
            1
        };
        assert_eq!(titles, expected, "{format}: {text}");
        if format != "html" {
            // A web page shows a remote image; the others say what stands there.
            assert!(text.contains("[Image]"), "{format}: {text}");
        }
        if format != "txt" {
            // The plain text's header lists fields instead of a byline.
            assert!(
                text.contains("By Ana Ruiz, Bo Li and Cy Tan"),
                "{format}: {text}"
            );
            assert!(text.contains("Version 2"), "{format}: {text}");
            assert!(
                text.contains("Reviewed by Dr. Lee on January 5, 2026"),
                "{format}: {text}"
            );
        }
    }
}

#[test]
fn a_document_without_a_leading_title_heading_keeps_its_headings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "---\ntitle: Front title\n---\n# First part\n\nText.\n\n# Second part\n",
    )
    .unwrap();
    let out = folio()
        .args(["convert", "a.md", "--to", "html", "--standalone"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let page = String::from_utf8_lossy(&out.stdout);
    // Two level-1 headings of its own: the title is a title line, not a third h1.
    assert!(
        page.contains("<p class=\"doc-title\">Front title</p>"),
        "{page}"
    );
    assert_eq!(page.matches("<h1").count(), 2, "{page}");
}

//! Nothing lost, as a property: for generated documents (paragraphs, headings, emphasis,
//! links, nested lists, quotes, tables and footnotes), every word of the source appears, in
//! order, in the text of every output: the plain text itself, the HTML page's text, the
//! EPUB's chapter text, and the PDF's text as pdftotext extracts it (when installed).
//!
//! The seed is fixed, so CI runs the same cases every time; `PROPTEST_CASES` runs more
//! (`PROPTEST_CASES=2000 cargo test --release --test properties`).

mod common;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

use common::texts::{epub_text, pdf_text};
use common::words::{html_text, markdown_words, words};
use folio::format::Format;
use folio::format::Output;
use folio::pipeline::{DEFAULT_STYLESHEET, RenderSettings, render};
use folio::read::{Flavour, read_str};
use folio::render::assets::Assets;
use folio::render::pdf::Style;

/// A word: lower-case letters, some of them accented or Greek, so no generated word is
/// markup, a number or an address.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-z]{2,9}",
        1 => "[a-zàéîõüçñ]{2,9}",
        1 => "[α-ω]{2,7}",
    ]
}

fn words_of(range: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), range).prop_map(|w| w.join(" "))
}

/// A piece of running text: plain words, emphasis, strong emphasis, a link or inline code.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => words_of(1..5),
        1 => words_of(1..4).prop_map(|w| format!("*{w}*")),
        1 => words_of(1..4).prop_map(|w| format!("**{w}**")),
        1 => (words_of(1..4), word()).prop_map(|(w, path)| format!("[{w}](https://example.org/{path})")),
        1 => word().prop_map(|w| format!("`{w}`")),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..8).prop_map(|p| p.join(" "))
}

/// A list, nested up to `depth` more levels, as Markdown lines indented by `indent`.
fn list(depth: u32) -> BoxedStrategy<Vec<String>> {
    let item = if depth == 0 {
        paragraph().prop_map(|p| (p, Vec::new())).boxed()
    } else {
        (paragraph(), prop::option::weighted(0.3, list(depth - 1)))
            .prop_map(|(p, nested)| (p, nested.unwrap_or_default()))
            .boxed()
    };
    (any::<bool>(), prop::collection::vec(item, 1..4))
        .prop_map(|(ordered, items)| {
            let mut lines = Vec::new();
            for (i, (text, nested)) in items.into_iter().enumerate() {
                let marker = if ordered {
                    format!("{}.", i + 1)
                } else {
                    "-".to_string()
                };
                lines.push(format!("{marker} {text}"));
                let indent = " ".repeat(marker.len() + 1);
                lines.extend(nested.into_iter().map(|l| format!("{indent}{l}")));
            }
            lines
        })
        .boxed()
}

fn table() -> impl Strategy<Value = String> {
    (2usize..4).prop_flat_map(|columns| {
        (
            prop::collection::vec(word(), columns),
            prop::collection::vec(prop::collection::vec(words_of(1..3), columns), 1..4),
        )
            .prop_map(move |(head, rows)| {
                let mut md = format!("| {} |\n", head.join(" | "));
                md.push_str(&format!("|{}\n", " --- |".repeat(columns)));
                for row in rows {
                    md.push_str(&format!("| {} |\n", row.join(" | ")));
                }
                md
            })
    })
}

/// One block; footnote references come later, added to paragraphs by [`document`].
fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => paragraph(),
        1 => (2usize..4, words_of(1..5)).prop_map(|(level, w)| format!("{} {w}", "#".repeat(level))),
        2 => list(2).prop_map(|lines| lines.join("\n")),
        1 => paragraph().prop_map(|p| format!("> {p}")),
        1 => table(),
    ]
}

/// A whole document: a title, blocks, and footnotes referenced from some paragraphs (their
/// definitions at the end, in order of reference, as the writers place them).
fn document() -> impl Strategy<Value = String> {
    (
        words_of(1..5),
        prop::collection::vec(
            (block(), prop::option::weighted(0.2, words_of(1..6))),
            1..12,
        ),
    )
        .prop_map(|(title, blocks)| {
            let mut md = format!("# {title}\n\n");
            let mut notes = Vec::new();
            for (block, note) in blocks {
                md.push_str(&block);
                let is_paragraph = !block.starts_with(['#', '-', '>', '|'])
                    && !block.starts_with(|c: char| c.is_ascii_digit());
                if let (Some(note), true) = (note, is_paragraph) {
                    notes.push(note);
                    md.push_str(&format!("[^n{}]", notes.len()));
                }
                md.push_str("\n\n");
            }
            for (i, note) in notes.iter().enumerate() {
                md.push_str(&format!("[^n{}]: {note}\n", i + 1));
            }
            md
        })
}

/// Whether every word of `source` appears in `output`, in order; if not, where it stopped.
fn in_order(source: &[String], output: &[String]) -> Result<(), String> {
    let mut found = 0;
    for word in output {
        if found < source.len() && *word == source[found] {
            found += 1;
        }
    }
    if found == source.len() {
        Ok(())
    } else {
        Err(format!(
            "only {found} of {} words in order; missing from {:?}",
            source.len(),
            &source[found..source.len().min(found + 8)]
        ))
    }
}

fn check_document(markdown: &str, dir: &std::path::Path) -> Result<(), TestCaseError> {
    let source = markdown_words(markdown);
    let doc = read_str(markdown, "case.md", Flavour::Markdown)
        .map_err(|e| TestCaseError::fail(format!("not read: {e}")))?;
    let mut settings = RenderSettings::from_config(
        &folio::config::Config::default(),
        DEFAULT_STYLESHEET.into(),
        Style::builtin(),
    );
    settings.source_date_epoch = Some(0);
    let assets = Assets::new();
    for format in [Format::Txt, Format::Html, Format::Epub, Format::Pdf] {
        let rendered = render(&doc, Output::plain(format), &settings, &assets)
            .map_err(|e| TestCaseError::fail(format!("{format:?} failed: {e}")))?;
        let text = match format {
            Format::Txt => Some(String::from_utf8(rendered.bytes).expect("UTF-8 text")),
            Format::Html => Some(html_text(
                std::str::from_utf8(&rendered.bytes).expect("UTF-8 HTML"),
            )),
            Format::Epub => Some(epub_text(&rendered.bytes)),
            _ => pdf_text(&rendered.bytes, dir),
        };
        if let Some(text) = text {
            in_order(&source, &words(&text)).map_err(|e| {
                TestCaseError::fail(format!("{format:?}: {e}\n--- source ---\n{markdown}"))
            })?;
        }
    }
    Ok(())
}

#[test]
fn every_word_of_generated_documents_survives_in_every_output() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let seed = *b"folio: nothing lost, every word.";
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
    let dir = tempfile::tempdir().expect("temp dir");
    let result = runner.run(&document(), |markdown| {
        check_document(&markdown, dir.path())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

//! Inputs the fuzzers (fuzz/) found interesting, replayed through the reader, the checks and
//! every writer on each test run: what once reached a rare path keeps reaching it.
//!
//! tests/fuzz/markdown/ holds raw inputs of the `markdown` target (the first byte picks the
//! flavour, as there); tests/fuzz/model/ holds document models of the `model` target, as JSON.

mod common;

use std::path::Path;

use folio::check::{CheckConfig, Context, check_document};
use folio::format::Format;
use folio::model::Document;
use folio::read::{Flavour, read_bytes};

fn entries(folder: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Every writer, both handouts, the HTML page and fragment: each must finish (an error is a
/// defined outcome; a panic fails the test), and what it writes is not empty.
fn render_all(doc: &Document, name: &str) {
    for (output, rendered) in common::render_all::render_all(doc) {
        if let Ok(rendered) = rendered {
            assert!(
                !rendered.bytes.is_empty() || output.format == Format::Html,
                "{name}"
            );
        }
    }
}

#[test]
fn markdown_fuzz_inputs_read_check_and_render() {
    let config = CheckConfig::default();
    let files = entries("markdown");
    assert!(files.len() >= 20, "the corpus is missing");
    for path in files {
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let Some((&selector, source)) = bytes.split_first() else {
            continue;
        };
        let flavour =
            [Flavour::Markdown, Flavour::Gfm, Flavour::Commonmark][usize::from(selector % 3)];
        if let Ok(doc) = read_bytes(source, "fuzz.md", None, flavour) {
            let cx = Context {
                path: "fuzz.md",
                config: &config,
                project_language: false,
                today: 20_000,
                files: None,
            };
            let _ = check_document(&doc, &String::from_utf8_lossy(source), &cx);
            render_all(&doc, &name);
        }
    }
}

#[test]
fn model_fuzz_inputs_render() {
    let files = entries("model");
    assert!(files.len() >= 20, "the corpus is missing");
    for path in files {
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let doc = read_bytes(&bytes, &name, None, Flavour::Json)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        render_all(&doc, &name);
    }
}

//! The CommonMark and GFM spec examples through folio's own pipeline: reader → model (through
//! its JSON form, the contract) → folio's HTML writer in conformance mode, compared with the
//! expected HTML after cmark-style normalisation.
//!
//! Each suite asserts an exact pass count, so a regression (or an improvement) is noticed; the
//! failing examples are listed when it changes.

mod common;

use common::normalize::normalize_html;
use folio::model::Document;
use folio::read::{Extensions, Flavour, read_markdown};
use folio::render::assets::Assets;
use folio::render::html::{HtmlOptions, render_fragment};
use serde::Deserialize;

#[derive(Deserialize)]
struct Example {
    example: u32,
    markdown: String,
    html: String,
    #[serde(default)]
    disabled: bool,
    /// GFM extensions this example is run with (cmark-gfm's harness); empty for CommonMark.
    #[serde(default)]
    extensions: Vec<String>,
}

/// The reader extensions and raw-HTML policy for one example, as cmark-gfm's harness runs it.
fn setup(flavour: Flavour, ex: &Example) -> (Extensions, HtmlOptions) {
    if flavour == Flavour::Commonmark {
        return (Extensions::of(flavour), HtmlOptions::for_conformance(false));
    }
    let on = |name: &str| ex.extensions.iter().any(|e| e == name);
    let extensions = Extensions {
        table: on("table"),
        strikethrough: on("strikethrough"),
        autolink: on("autolink"),
        tasklist: on("tasklist"),
        footnotes: on("footnotes"),
        ..Extensions::default()
    };
    (extensions, HtmlOptions::for_conformance(on("tagfilter")))
}

struct Outcome {
    passed: usize,
    total: usize,
    failed: Vec<u32>,
}

fn run(json: &str, flavour: Flavour) -> Outcome {
    let examples: Vec<Example> = serde_json::from_str(json).expect("spec JSON");
    let mut outcome = Outcome {
        passed: 0,
        total: 0,
        failed: Vec::new(),
    };
    for ex in examples.iter().filter(|e| !e.disabled) {
        outcome.total += 1;
        let (extensions, opts) = setup(flavour, ex);
        let doc =
            read_markdown(&ex.markdown, "spec.md", &extensions).expect("markdown always parses");
        // The writer gets the model only through its serialised form: the model is the contract.
        let json = serde_json::to_string(&doc).expect("model serialises");
        let doc: Document = serde_json::from_str(&json).expect("model deserialises");
        let html = render_fragment(&doc, &Assets::new(), &opts);
        // `<IGNORE>`: the example only checks that parsing does not crash.
        if ex.html.trim() == "<IGNORE>" || normalize_html(&html) == normalize_html(&ex.html) {
            outcome.passed += 1;
        } else {
            outcome.failed.push(ex.example);
        }
    }
    println!(
        "{} of {} examples pass; failing: {:?}",
        outcome.passed, outcome.total, outcome.failed
    );
    outcome
}

/// Asserts that exactly the known failures fail: a new failure or a newly passing example both
/// show up here.
fn assert_outcome(o: &Outcome, total: usize, known_failures: &[(u32, &str)]) {
    let known: Vec<u32> = known_failures.iter().map(|(n, _)| *n).collect();
    assert_eq!(o.total, total, "example count");
    assert_eq!(
        o.failed, known,
        "failing examples changed (known: {known_failures:?})"
    );
    assert_eq!(o.passed, total - known.len());
}

#[test]
fn commonmark_spec() {
    let o = run(
        include_str!("spec/commonmark-spec.json"),
        Flavour::Commonmark,
    );
    assert_outcome(&o, 655, &[]);
}

#[test]
fn gfm_spec() {
    let o = run(include_str!("spec/gfm-spec.json"), Flavour::Gfm);
    assert_outcome(
        &o,
        671,
        &[(
            645,
            "GFM 0.29 predates CommonMark 0.31, which made `<!-- a -- b -->` a valid comment; comrak follows 0.31",
        )],
    );
}

#[test]
fn gfm_extensions() {
    let o = run(include_str!("spec/gfm-extensions.json"), Flavour::Gfm);
    assert_outcome(
        &o,
        28,
        &[(
            19,
            "comrak does not autolink a URL whose host starts with an emoji (`http://🍄.ga/`)",
        )],
    );
}

#[test]
fn gfm_regressions() {
    let o = run(include_str!("spec/gfm-regression.json"), Flavour::Gfm);
    assert_outcome(
        &o,
        19,
        &[(
            13,
            "a footnote referenced twice gets ids fnref1 and fnref1-2 (unique, valid HTML), not fnref1 twice",
        )],
    );
}

#[test]
fn smart_punctuation() {
    let examples: Vec<Example> =
        serde_json::from_str(include_str!("spec/smart-punct.json")).unwrap();
    let extensions = Extensions {
        smart: true,
        ..Extensions::default()
    };
    let opts = HtmlOptions::for_conformance(false);
    let failed: Vec<u32> = examples
        .iter()
        .filter(|ex| {
            let doc = read_markdown(&ex.markdown, "spec.md", &extensions).unwrap();
            normalize_html(&render_fragment(&doc, &Assets::new(), &opts))
                != normalize_html(&ex.html)
        })
        .map(|ex| ex.example)
        .collect();
    println!(
        "{} of {} smart punctuation examples pass",
        examples.len() - failed.len(),
        examples.len()
    );
    assert_eq!(failed, Vec::<u32>::new());
}

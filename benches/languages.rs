//! Handouts in other scripts against the same handout in English, in process: the pain diary
//! and its Simplified Chinese and Arabic translations (content/), each to a standard PDF.
//! Goal: a Chinese handout of the same length takes at most twice the English one's time.
//! The faces are loaded before timing, as in a build of many documents (a single `folio
//! convert` also pays for mapping the CJK collection: bench/languages.sh times that).
//!
//! Before criterion's figures, one ratio is measured in this run, the documents taking turns
//! (machines are noisy: compare ratios measured together): the median of each document's
//! times over the same rounds, and their quotient.
//!
//! Run with `cargo bench --bench languages` (CJK faces: Debian's fonts-noto-cjk).

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use folio::format::Variant;
use folio::model::Document;
use folio::read::{Flavour, read_file};
use folio::render::assets::Assets;
use folio::render::pdf::{PdfOptions, Style, render};

const DOCUMENTS: [(&str, &str); 3] = [
    ("English", "content/pain-diary.md"),
    ("Chinese", "content/pain-diary.zh-Hans.md"),
    ("Arabic", "content/pain-diary.ar.md"),
];

/// Rounds of the in-process ratio.
const ROUNDS: usize = 41;

fn read(path: &str) -> Document {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let shown = path.display().to_string();
    read_file(&path, &shown, Flavour::Markdown, u64::MAX).expect("the document reads")
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn languages(c: &mut Criterion) {
    let assets = Assets::new();
    let opts = PdfOptions::new(Style::builtin(), Variant::Standard);
    let documents: Vec<(&str, Document)> = DOCUMENTS
        .iter()
        .map(|(name, path)| (*name, read(path)))
        .collect();
    // Warm up: faces loaded and shaping plans made, as after a build's first document.
    for (_, doc) in &documents {
        render(doc, &assets, &opts).expect("renders");
    }
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); documents.len()];
    for _ in 0..ROUNDS {
        for (i, (_, doc)) in documents.iter().enumerate() {
            let start = Instant::now();
            render(doc, &assets, &opts).expect("renders");
            times[i].push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let medians: Vec<f64> = times.into_iter().map(median).collect();
    for ((name, _), ms) in documents.iter().zip(&medians) {
        println!(
            "{name} pain diary to PDF: median {ms:.2} ms, {:.2}× the English (in-process, {ROUNDS} rounds)",
            ms / medians[0]
        );
    }
    for (name, doc) in &documents {
        c.bench_function(&format!("{name} pain diary to PDF"), |b| {
            b.iter(|| render(doc, &assets, &opts).expect("renders"))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = languages
}
criterion_main!(benches);

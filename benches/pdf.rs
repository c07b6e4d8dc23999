//! The sample article to a PDF handout: time per handout (goal: under 20 ms on one core).
//!
//! Run with `cargo bench --bench pdf`. The file sizes are printed once before timing (goal:
//! under 150 KB with fonts).

use criterion::{Criterion, criterion_group, criterion_main};
use folio::read::{Flavour, read_file};
use folio::render::html::Assets;
use folio::render::pdf::{PdfOptions, Style, Variant, render};

fn sample_article(c: &mut Criterion) {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/chronic-pain-and-kratom.md");
    let doc = read_file(
        &path,
        "content/chronic-pain-and-kratom.md",
        Flavour::Markdown,
        u64::MAX,
    )
    .expect("the sample article reads");
    let assets = Assets::new();
    for variant in Variant::ALL {
        let opts = PdfOptions::new(Style::builtin(), variant);
        let out = render(&doc, &assets, &opts).expect("renders");
        println!(
            "{} handout: {} pages, {} bytes",
            variant.name(),
            out.pages,
            out.bytes.len()
        );
        c.bench_function(
            &format!("sample article to PDF ({})", variant.name()),
            |b| b.iter(|| render(&doc, &assets, &opts).expect("renders")),
        );
    }
}

criterion_group!(benches, sample_article);
criterion_main!(benches);

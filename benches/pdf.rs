//! The sample article to a PDF handout: time per handout (goal: under 20 ms on one core),
//! tagged and untagged (goal: tagging costs at most 15 % in time and in bytes).
//!
//! Run with `cargo bench --bench pdf`; `FOLIO_BENCH_DOC=path/to/file.md` benches another
//! document as well. The file sizes, and the tagged/untagged size ratio, are printed once
//! before timing (goal: under 150 KB with fonts).

use criterion::{Criterion, criterion_group, criterion_main};
use folio::format::Variant;
use folio::read::{Flavour, read_file};
use folio::render::assets::Assets;
use folio::render::pdf::{PdfOptions, Style, render};

fn handouts(c: &mut Criterion) {
    let sample =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/chronic-pain-and-kratom.md");
    let mut documents = vec![("sample article".to_string(), sample)];
    if let Some(path) = std::env::var_os("FOLIO_BENCH_DOC") {
        let path = std::path::PathBuf::from(path);
        let name = path.file_stem().map_or_else(
            || "document".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        documents.push((name, path));
    }
    for (name, path) in documents {
        let shown = path.display().to_string();
        let doc =
            read_file(&path, &shown, Flavour::Markdown, u64::MAX).expect("the document reads");
        let assets = Assets::new();
        for variant in Variant::ALL {
            let mut sizes = Vec::new();
            for tagged in [true, false] {
                let mut opts = PdfOptions::new(Style::builtin(), variant);
                opts.tagged = tagged;
                let out = render(&doc, &assets, &opts).expect("renders");
                let label = if tagged { "tagged" } else { "untagged" };
                println!(
                    "{name}, {} handout, {label}: {} pages, {} bytes",
                    variant.name(),
                    out.pages,
                    out.bytes.len()
                );
                sizes.push(out.bytes.len() as f64);
                c.bench_function(
                    &format!("{name} to PDF ({}, {label})", variant.name()),
                    |b| b.iter(|| render(&doc, &assets, &opts).expect("renders")),
                );
            }
            println!(
                "{name}, {} handout: tagged/untagged size {:.3}",
                variant.name(),
                sizes[0] / sizes[1]
            );
        }
    }
}

criterion_group!(benches, handouts);
criterion_main!(benches);

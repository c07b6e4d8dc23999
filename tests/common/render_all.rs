//! One document through every writer, as `folio build` would: shared by the fuzz targets
//! (fuzz/, which include this file by path) and tests/fuzz_regressions.rs.

use folio::config::Config;
use folio::error::Error;
use folio::format::Format;
use folio::format::Output;
use folio::format::Variant;
use folio::model::Document;
use folio::pipeline::{DEFAULT_STYLESHEET, RenderSettings, render};
use folio::render::assets::Assets;
use folio::render::pdf::Style;
use folio::render::writer::Rendered;

/// Renders `doc` in every format and variant, and as an HTML fragment. A writer may refuse a
/// document with an error (a defined outcome); it must not panic, hang or exhaust memory.
pub fn render_all(doc: &Document) -> Vec<(Output, Result<Rendered, Error>)> {
    let mut settings = RenderSettings::from_config(
        &Config::default(),
        DEFAULT_STYLESHEET.into(),
        Style::builtin(),
    );
    settings.source_date_epoch = Some(0);
    let assets = Assets::new();
    let mut large = Output::plain(Format::Pdf);
    large.variant = Some(Variant::LargePrint);
    let outputs = [
        Format::Txt,
        Format::Html,
        Format::Epub,
        Format::Json,
        Format::Pdf,
    ]
    .map(Output::plain)
    .into_iter()
    .chain([large]);
    let mut results: Vec<_> = outputs
        .map(|output| (output, render(doc, output, &settings, &assets)))
        .collect();
    // An HTML fragment too (the `convert` default).
    settings.html_standalone = false;
    let fragment = Output::plain(Format::Html);
    results.push((fragment, render(doc, fragment, &settings, &assets)));
    results
}

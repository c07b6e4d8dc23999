//! Shared by the fuzz targets: one document through every writer, as `folio build` would.

use folio::config::Config;
use folio::model::Document;
use folio::pipeline::{DEFAULT_STYLESHEET, Output, RenderSettings, render};
use folio::render::Format;
use folio::render::html::Assets;
use folio::render::pdf::{Style, Variant};

/// Renders `doc` in every format and variant. A writer may refuse a document with an error
/// (that is a defined outcome); it must not panic, hang or exhaust memory.
pub fn render_all(doc: &Document) {
    let mut settings = RenderSettings::from_config(
        &Config::default(),
        DEFAULT_STYLESHEET.into(),
        Style::builtin(),
    );
    settings.source_date_epoch = Some(0);
    let assets = Assets::new();
    let mut outputs: Vec<Output> = [
        Format::Txt,
        Format::Html,
        Format::Epub,
        Format::Json,
        Format::Pdf,
    ]
    .into_iter()
    .map(Output::plain)
    .collect();
    let mut large = Output::plain(Format::Pdf);
    large.variant = Some(Variant::LargePrint);
    outputs.push(large);
    for output in outputs {
        let _ = render(doc, output, &settings, &assets);
    }
    // An HTML fragment too (the `convert` default).
    settings.html_standalone = false;
    let _ = render(doc, Output::plain(Format::Html), &settings, &assets);
}

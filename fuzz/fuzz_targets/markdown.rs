//! Arbitrary bytes through the Markdown reader (front matter included) and every writer.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/render_all.rs"]
mod render_all;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the flavour, so the spec flavours (raw HTML kept) are covered too.
    let Some((&selector, source)) = data.split_first() else {
        return;
    };
    let flavour = match selector % 3 {
        0 => folio::read::Flavour::Markdown,
        1 => folio::read::Flavour::Gfm,
        _ => folio::read::Flavour::Commonmark,
    };
    if let Ok(doc) = folio::read::read_bytes(source, "fuzz.md", None, flavour) {
        let _ =
            folio::check::check_document(&doc, &String::from_utf8_lossy(source), &check_context());
        let _ = render_all::render_all(&doc);
    }
});

fn check_context() -> folio::check::Context<'static> {
    static CONFIG: std::sync::OnceLock<folio::check::CheckConfig> = std::sync::OnceLock::new();
    folio::check::Context {
        path: "fuzz.md",
        config: CONFIG.get_or_init(Default::default),
        project_language: false,
        today: 20_000,
        files: None,
    }
}

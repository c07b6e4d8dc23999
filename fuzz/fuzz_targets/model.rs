//! Arbitrary document models (what `--from json` accepts) through every writer.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/render_all.rs"]
mod render_all;

fuzz_target!(|doc: folio::model::Document| {
    // The JSON reader cannot nest deeper than serde_json's limit (128 JSON levels, about 64
    // model levels); deeper models are not inputs folio can receive.
    if doc.nesting_depth() > 64 {
        return;
    }
    let _ = render_all::render_all(&doc);
});

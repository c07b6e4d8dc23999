//! Turns inputs of the `model` fuzz target into the JSON models they decode to, for
//! tests/fuzz/model/ (folio's tests read JSON, not `arbitrary`'s bytes):
//! `cargo run --manifest-path fuzz/Cargo.toml --bin model_json -- OUT_DIR FILE...`

use arbitrary::{Arbitrary, Unstructured};

fn main() {
    let mut args = std::env::args().skip(1);
    let out_dir = std::path::PathBuf::from(args.next().expect("an output folder"));
    std::fs::create_dir_all(&out_dir).expect("create the output folder");
    for file in args {
        let bytes = std::fs::read(&file).expect("read the input");
        let Ok(doc) = folio::model::Document::arbitrary_take_rest(Unstructured::new(&bytes)) else {
            continue;
        };
        if doc.nesting_depth() > 64 {
            continue;
        }
        let name = std::path::Path::new(&file)
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        let json = serde_json::to_string_pretty(&doc).expect("a model serializes");
        std::fs::write(out_dir.join(format!("{name}.json")), json).expect("write the JSON");
    }
}

//! The document model as JSON (`folio convert --to json`): what `--from json` reads back, so
//! any writer can be fed a model without Markdown.

use crate::render::writer::{Input, Rendered, Writer};

/// The JSON writer, as the pipeline calls it. It has no settings.
pub struct JsonWriter;

impl Writer for JsonWriter {
    type Settings = ();
    type Error = serde_json::Error;

    fn render(input: Input<'_>, _settings: &()) -> Result<Rendered, Self::Error> {
        let mut bytes = serde_json::to_vec_pretty(input.doc)?;
        bytes.push(b'\n');
        Ok(Rendered {
            bytes,
            warnings: Vec::new(),
            fonts: Vec::new(),
        })
    }
}

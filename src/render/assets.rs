//! The images a document shows, already read: what the build or `convert` hands every
//! writer beside the model, so no writer touches the file system. Finding, confining and
//! reading them is [`crate::assets`]'s job; this is only their shape.

use std::collections::BTreeMap;

/// Images to embed or place, by their URL in the model.
pub type Assets = BTreeMap<String, Asset>;

/// A file read for embedding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub media_type: String,
    pub bytes: Vec<u8>,
    /// The bytes' SHA-256, in hex: what names an EPUB's image file, what the PDF shares a
    /// prepared image by, and what the build records. Computed once, when the file is read.
    pub sha256: String,
}

impl Asset {
    /// The file as a `data:` URL, for a page that must stand alone.
    pub fn data_url(&self) -> String {
        use base64::Engine;
        format!(
            "data:{};base64,{}",
            self.media_type,
            base64::engine::general_purpose::STANDARD.encode(&self.bytes)
        )
    }

    pub fn new(media_type: &str, bytes: Vec<u8>) -> Asset {
        Asset {
            media_type: media_type.to_string(),
            sha256: crate::digest::sha256_hex(&bytes),
            bytes,
        }
    }
}

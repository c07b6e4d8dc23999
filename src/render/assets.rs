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
}

//! A document as a build sees it: read and hashed, its key (what its outputs are made from),
//! parsed when something must be made of it, and which of its outputs are stale.

use crate::assets::{Dependency, collect_images_with_files};
use crate::digest::Fingerprint;
use crate::discover::SourceFile;
use crate::error::Error;
use crate::model::Document;
use crate::read::{Flavour, read_bytes_with};
use crate::render::assets::Assets;

use super::cache::{BUILD_ID, DepEntry, DocumentEntry};
use super::project::Project;

/// A document read in step 2, parsed in step 3 if needed.
pub(super) struct Doc<'p> {
    pub(super) source: &'p SourceFile,
    pub(super) bytes: Vec<u8>,
    pub(super) sha256: String,
    /// Known once the document's images are known: from the cache when the source and its
    /// images are unchanged, else after parsing.
    pub(super) key: Option<String>,
    pub(super) parsed: Option<Parsed>,
    /// Per output (in `Project::outputs` order): must it be rendered?
    pub(super) stale: Vec<bool>,
}

pub(super) struct Parsed {
    pub(super) doc: Document,
    pub(super) assets: Assets,
    pub(super) images: Vec<Dependency>,
}

pub(super) fn parse(
    doc: &Doc,
    project: &Project,
    defaults: &crate::model::MetaDefaults,
) -> Result<Parsed, Error> {
    let source = doc.source;
    let document = read_bytes_with(
        &doc.bytes,
        &source.shown,
        Some(&source.path),
        Flavour::Markdown,
        defaults,
    )?;
    let doc_dir = source.path.parent().unwrap_or(&project.root);
    let (assets, images) = collect_images_with_files(
        &document,
        doc_dir,
        &project.root,
        project.config.limits.max_file_bytes(),
    )?;
    Ok(Parsed {
        doc: document,
        assets,
        images,
    })
}

/// A document's key: everything its outputs are made from besides the writers' settings.
pub(super) fn document_key(
    source: &SourceFile,
    sha256: &str,
    images: &[DepEntry],
    defaults: &str,
) -> String {
    let mut f = Fingerprint::new("folio-document");
    f.add_str(BUILD_ID)
        .add_str(&source.shown)
        .add_str(&source.slug)
        .add_str(sha256)
        .add_str(defaults);
    for image in images {
        f.add_str(&image.path).add_str(&image.sha256);
    }
    f.finish()
}

pub(super) fn output_key(document_key: &str, settings: &str) -> String {
    Fingerprint::new("folio-output")
        .add_str(document_key)
        .add_str(settings)
        .finish()
}

/// The files a document's outputs are made from, with their hashes.
pub(super) fn provenance(doc: &Doc, parsed: &Parsed) -> Vec<DepEntry> {
    let mut sources = vec![DepEntry {
        path: doc.source.shown.clone(),
        sha256: doc.sha256.clone(),
    }];
    sources.extend(parsed.images.iter().map(DepEntry::from));
    sources
}

/// A document that should have been parsed was not: a bug, reported rather than panicking.
pub(super) fn not_parsed(source: &SourceFile) -> Error {
    Error::Project {
        path: source.shown.clone(),
        message: "internal error: the document was not read before rendering".into(),
    }
}

pub(super) fn document_entry(doc: &Doc, parsed: &Parsed) -> DocumentEntry {
    let meta = &parsed.doc.meta;
    DocumentEntry {
        sha256: doc.sha256.clone(),
        images: parsed.images.iter().map(DepEntry::from).collect(),
        slug: doc.source.slug.clone(),
        title: meta.title.clone(),
        summary: parsed.doc.description(),
        language: meta.language.clone(),
        review_date: meta.review_date.clone(),
        check: None,
    }
}

//! The finish pass: document-level parts added to the painted pages, then compression and
//! serialisation.
//!
//! - for a tagged handout, the structure tree ([`tagging`](super::tagging));
//! - a nested outline (bookmarks) from the headings;
//! - `/Lang`, `/ViewerPreferences /DisplayDocTitle`, `/PageMode /UseOutlines`;
//! - the Info dictionary with dates from SOURCE_DATE_EPOCH or the document's own date, and
//!   the same in an XMP packet ([`xmp`](super::xmp));
//! - a content-derived `/ID`, so the same input gives the same bytes.

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use sha2::{Digest, Sha256};

use super::encoding::{deflate, pdf_date, text_string};
use super::frame::OutlineEntry;
use super::metadata::Metadata;
use super::structure::{Marks, StructTree};

#[derive(Debug, thiserror::Error)]
#[error("cannot finish the PDF: {0}")]
pub struct FinishError(String);

impl From<super::tagging::TaggingError> for FinishError {
    fn from(e: super::tagging::TaggingError) -> FinishError {
        FinishError(e.to_string())
    }
}

fn err(e: impl std::fmt::Display) -> FinishError {
    FinishError(e.to_string())
}

/// Applies the finish pass and serialises the document. With `structure` (the layout's tree
/// and the painter's marks), the PDF is tagged and declares PDF/UA-1.
pub fn finish(
    mut doc: lopdf::Document,
    meta: &Metadata,
    outline: &[OutlineEntry],
    page_height: f32,
    structure: Option<(&StructTree, &Marks)>,
) -> Result<Vec<u8>, FinishError> {
    doc.version = "1.7".into();
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if let Some((tree, marks)) = structure {
        super::tagging::write(&mut doc, tree, marks, &pages)?;
    }
    let outline_root = build_outline(&mut doc, outline, &pages, page_height);
    // Uncompressed, as XMP packets are meant to be: tools find them without reading PDF.
    let xmp = super::xmp::packet(meta, structure.is_some());
    let metadata = doc.add_object(
        Stream::new(
            Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Metadata".to_vec())),
                ("Subtype", Object::Name(b"XML".to_vec())),
            ]),
            xmp.into_bytes(),
        )
        .with_compression(false),
    );
    {
        let catalog = doc.catalog_mut().map_err(err)?;
        catalog.set("Lang", Object::string_literal(meta.language.clone()));
        catalog.set(
            "ViewerPreferences",
            Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
        );
        catalog.set("Metadata", Object::Reference(metadata));
        catalog.remove(b"Outlines");
        match outline_root {
            Some(root) => {
                catalog.set("Outlines", Object::Reference(root));
                catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
            }
            None => catalog.set("PageMode", Object::Name(b"UseNone".to_vec())),
        }
    }
    write_info(&mut doc, meta)?;
    compress_streams(&mut doc);
    // The /ID is a hash of the file itself, written with a zero /ID first and filled in
    // after: the same document gets the same bytes, a changed one a new /ID.
    let zero = Object::String(vec![0; 16], StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![zero.clone(), zero]));
    // Objects other than streams go into compressed object streams: a structure tree is
    // hundreds of small dictionaries, which a plain file would spell out one by one.
    let mut bytes = super::serialize::write(&doc);
    fill_in_id(&mut bytes)?;
    Ok(bytes)
}

/// Replaces the zero `/ID` pair of the trailer with 16 bytes of SHA-256 of the whole file.
fn fill_in_id(bytes: &mut [u8]) -> Result<(), FinishError> {
    let placeholder = super::serialize::ID_PLACEHOLDER;
    // The trailer (or cross-reference stream) starts where `startxref` at the end says.
    let tail = bytes.len().saturating_sub(64);
    let from = bytes[tail..]
        .windows(9)
        .rposition(|w| w == b"startxref")
        .and_then(|i| {
            let digits = bytes[tail + i + 9..]
                .iter()
                .skip_while(|b| b.is_ascii_whitespace())
                .take_while(|b| b.is_ascii_digit())
                .map(|&b| char::from(b))
                .collect::<String>();
            digits.parse::<usize>().ok()
        })
        .filter(|&offset| offset < bytes.len())
        .unwrap_or(0);
    let at = bytes[from..]
        .windows(placeholder.len())
        .position(|w| w == placeholder.as_bytes())
        .map(|i| from + i)
        .ok_or_else(|| err("the trailer has no /ID to fill in"))?;
    let digest = Sha256::digest(&*bytes);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02X}")).collect();
    let filled = format!("/ID [<{hex}> <{hex}>]");
    bytes[at..at + filled.len()].copy_from_slice(filled.as_bytes());
    Ok(())
}

fn write_info(doc: &mut lopdf::Document, meta: &Metadata) -> Result<(), FinishError> {
    let mut info = Dictionary::new();
    info.set("Title", text_string(&meta.title));
    if !meta.author.is_empty() {
        info.set("Author", text_string(&meta.author));
    }
    if !meta.subject.is_empty() {
        info.set("Subject", text_string(&meta.subject));
    }
    if !meta.keywords.is_empty() {
        info.set("Keywords", text_string(&meta.keywords.join(", ")));
    }
    info.set("Creator", text_string("folio"));
    info.set(
        "Producer",
        text_string(&format!("folio {}", env!("CARGO_PKG_VERSION"))),
    );
    if let Some(seconds) = meta.created {
        let date = pdf_date(seconds);
        info.set("CreationDate", Object::string_literal(date.clone()));
        info.set("ModDate", Object::string_literal(date));
    }
    info.set("Trapped", Object::Name(b"False".to_vec()));
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            doc.objects.insert(id, Object::Dictionary(info));
        }
        Err(_) => {
            let id = doc.add_object(info);
            doc.trailer.set("Info", Object::Reference(id));
        }
    }
    Ok(())
}

/// Builds the nested outline; returns the outline dictionary's id.
fn build_outline(
    doc: &mut lopdf::Document,
    entries: &[OutlineEntry],
    pages: &[ObjectId],
    page_height: f32,
) -> Option<ObjectId> {
    if entries.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    let parents = crate::model::outline_parents(entries.iter().map(|e| e.level));
    // Children of each entry (and of the root, last), in document order.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); entries.len() + 1];
    for (i, parent) in parents.iter().enumerate() {
        children[parent.unwrap_or(entries.len())].push(i);
    }
    let kids_of = |parent: Option<usize>| &children[parent.unwrap_or(entries.len())];
    // An entry's descendants are the entries after it, up to the next of its level or above
    // (everything is shown open, so /Count is their number).
    let descendants = |i: usize| -> i64 {
        let level = entries[i].level;
        entries[i + 1..]
            .iter()
            .take_while(|e| e.level > level)
            .count() as i64
    };
    for (i, entry) in entries.iter().enumerate() {
        let siblings = kids_of(parents[i]);
        // Siblings are in document order, so a binary search finds this entry.
        let pos = siblings.binary_search(&i).unwrap_or(0);
        let mut dict = Dictionary::new();
        dict.set("Title", text_string(&entry.title));
        dict.set(
            "Parent",
            Object::Reference(parents[i].map_or(root, |p| ids[p])),
        );
        if pos > 0 {
            dict.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
        }
        if let Some(&next) = siblings.get(pos + 1) {
            dict.set("Next", Object::Reference(ids[next]));
        }
        let kids = kids_of(Some(i));
        if let (Some(first), Some(last)) = (kids.first(), kids.last()) {
            dict.set("First", Object::Reference(ids[*first]));
            dict.set("Last", Object::Reference(ids[*last]));
            dict.set("Count", Object::Integer(descendants(i)));
        }
        if let Some(&page) = pages.get(entry.page) {
            dict.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Integer(0),
                    Object::Real(page_height - entry.y + 6.0),
                    Object::Null,
                ]),
            );
        }
        doc.objects.insert(ids[i], Object::Dictionary(dict));
    }
    let top = kids_of(None);
    let mut outlines = Dictionary::new();
    outlines.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(first), Some(last)) = (top.first(), top.last()) {
        outlines.set("First", Object::Reference(ids[*first]));
        outlines.set("Last", Object::Reference(ids[*last]));
    }
    outlines.set("Count", Object::Integer(entries.len() as i64));
    doc.objects.insert(root, Object::Dictionary(outlines));
    Some(root)
}

/// Compresses every stream that may be and is not yet, at zlib's default level (lopdf's own
/// `compress` uses the best level, which took a seventh of a handout's time for 1–2 % less).
fn compress_streams(doc: &mut lopdf::Document) {
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let compressed = deflate(&stream.content);
        // As lopdf does: only when it saves more than the filter entry costs.
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_is_a_hash_of_the_file() {
        let mut doc = lopdf::Document::with_version("1.7");
        let pages = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Pages".to_vec())),
            ("Kids", Object::Array(vec![])),
            ("Count", Object::Integer(0)),
        ]));
        let catalog = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages)),
        ]));
        doc.trailer.set("Root", Object::Reference(catalog));
        let meta = Metadata {
            title: "T".into(),
            ..Metadata::default()
        };
        let a = finish(doc.clone(), &meta, &[], 792.0, None).unwrap();
        let b = finish(doc.clone(), &meta, &[], 792.0, None).unwrap();
        assert_eq!(a, b);
        let other = Metadata {
            title: "U".into(),
            ..Metadata::default()
        };
        let c = finish(doc, &other, &[], 792.0, None).unwrap();
        let id = |bytes: &[u8]| {
            let parsed = lopdf::Document::load_mem(bytes).unwrap();
            parsed.trailer.get(b"ID").unwrap().clone()
        };
        assert_ne!(id(&a), id(&c));
        let zero = Object::String(vec![0; 16], StringFormat::Hexadecimal);
        assert_ne!(id(&a), Object::Array(vec![zero.clone(), zero]));
    }

    #[test]
    fn outline_nests_by_level() {
        let mut doc = lopdf::Document::with_version("1.7");
        let page = doc.add_object(Dictionary::new());
        let entry = |level, title: &str| OutlineEntry {
            level,
            title: title.into(),
            page: 0,
            y: 100.0,
        };
        let entries = [
            entry(1, "Title"),
            entry(2, "A"),
            entry(3, "A.1"),
            entry(2, "B"),
        ];
        let root = build_outline(&mut doc, &entries, &[page], 792.0).unwrap();
        let root = doc.get_dictionary(root).unwrap();
        let first = root.get(b"First").unwrap().as_reference().unwrap();
        assert_eq!(first, root.get(b"Last").unwrap().as_reference().unwrap());
        let title = doc.get_dictionary(first).unwrap();
        assert_eq!(title.get(b"Count").unwrap().as_i64().unwrap(), 3);
        let a = doc
            .get_dictionary(title.get(b"First").unwrap().as_reference().unwrap())
            .unwrap();
        assert!(a.has(b"Next") && a.has(b"First"));
    }
}

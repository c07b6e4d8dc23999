//! The document as PDF bytes: streams written as they are, every other object packed into
//! compressed object streams, and a compressed cross-reference stream.
//!
//! lopdf's own writer serialises each packed object twice and clones it once, and leaves the
//! cross-reference stream uncompressed; a tagged handout has hundreds of small structure
//! elements, so that writer cost more than the whole structure tree. This one writes each
//! object once, straight into its buffer.

use lopdf::{Dictionary, Object, StringFormat};

use super::encoding::{deflate, hex_pair, push_escaped, write_fixed};

/// Objects per object stream.
const PER_STREAM: usize = 200;

/// Where an object is in the file.
#[derive(Debug, Clone, Copy)]
enum Entry {
    Free,
    /// A byte offset.
    At(usize),
    /// Inside object stream `container`, at `index`.
    Packed {
        container: u32,
        index: u16,
    },
}

/// The `/ID` the trailer gets, to be filled in once the file is complete.
pub const ID_PLACEHOLDER: &str =
    "/ID [<00000000000000000000000000000000> <00000000000000000000000000000000>]";

/// Serialises `doc`. The trailer keeps `/Root`, `/Info` and `/ID` of `doc.trailer`.
pub fn write(doc: &lopdf::Document) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 * 1024);
    out.extend_from_slice(b"%PDF-");
    out.extend_from_slice(doc.version.as_bytes());
    out.extend_from_slice(b"\n%\xE2\xE3\xCF\xD3\n");
    let max_id = doc.objects.keys().map(|&(n, _)| n).max().unwrap_or(0);
    let mut entries = vec![Entry::Free; max_id as usize + 1];
    let mut packed = Vec::new();
    for (&(number, generation), object) in &doc.objects {
        match object {
            Object::Stream(stream) => {
                entries[number as usize] = Entry::At(out.len());
                write_stream(&mut out, number, &stream.dict, &stream.content);
            }
            _ if generation == 0 => packed.push((number, object)),
            _ => {
                entries[number as usize] = Entry::At(out.len());
                begin_object(&mut out, number);
                write_object(&mut out, object);
                out.extend_from_slice(b"\nendobj\n");
            }
        }
    }
    let mut next = max_id + 1;
    for chunk in packed.chunks(PER_STREAM) {
        let mut offsets = Vec::with_capacity(chunk.len() * 8);
        let mut body = Vec::with_capacity(chunk.len() * 64);
        let mut number_text = itoa::Buffer::new();
        for (index, &(number, object)) in chunk.iter().enumerate() {
            offsets.extend_from_slice(number_text.format(number).as_bytes());
            offsets.push(b' ');
            offsets.extend_from_slice(number_text.format(body.len()).as_bytes());
            offsets.push(b' ');
            write_object(&mut body, object);
            body.push(b'\n');
            entries[number as usize] = Entry::Packed {
                container: next,
                index: index as u16,
            };
        }
        let first = offsets.len();
        offsets.extend_from_slice(&body);
        let dict = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"ObjStm".to_vec())),
            ("N", Object::Integer(chunk.len() as i64)),
            ("First", Object::Integer(first as i64)),
            ("Filter", Object::Name(b"FlateDecode".to_vec())),
        ]);
        entries.push(Entry::At(out.len()));
        write_stream(&mut out, next, &dict, &deflate(&offsets));
        next += 1;
    }

    // The cross-reference stream, itself the last entry: type (1 byte), offset or
    // container (4), generation or index (2).
    let xref_number = next;
    let xref_offset = out.len();
    entries.push(Entry::At(xref_offset));
    let mut rows = Vec::with_capacity(entries.len() * 7);
    for (number, entry) in entries.iter().enumerate() {
        let (kind, field, index): (u8, u32, u16) = match *entry {
            Entry::Free if number == 0 => (0, 0, u16::MAX),
            Entry::Free => (0, 0, 0),
            Entry::At(offset) => (1, u32::try_from(offset).unwrap_or(u32::MAX), 0),
            Entry::Packed { container, index } => (2, container, index),
        };
        rows.push(kind);
        rows.extend_from_slice(&field.to_be_bytes());
        rows.extend_from_slice(&index.to_be_bytes());
    }
    let mut trailer = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"XRef".to_vec())),
        ("Size", Object::Integer(entries.len() as i64)),
        (
            "W",
            Object::Array(vec![
                Object::Integer(1),
                Object::Integer(4),
                Object::Integer(2),
            ]),
        ),
        ("Filter", Object::Name(b"FlateDecode".to_vec())),
    ]);
    for key in [&b"Root"[..], b"Info", b"ID"] {
        if let Ok(value) = doc.trailer.get(key) {
            trailer.set(key.to_vec(), value.clone());
        }
    }
    write_stream(&mut out, xref_number, &trailer, &deflate(&rows));
    out.extend_from_slice(b"startxref\n");
    out.extend_from_slice(itoa::Buffer::new().format(xref_offset).as_bytes());
    out.extend_from_slice(b"\n%%EOF\n");
    out
}

fn begin_object(out: &mut Vec<u8>, number: u32) {
    out.extend_from_slice(itoa::Buffer::new().format(number).as_bytes());
    out.extend_from_slice(b" 0 obj\n");
}

fn write_stream(out: &mut Vec<u8>, number: u32, dict: &Dictionary, content: &[u8]) {
    begin_object(out, number);
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        if key.as_slice() == b"Length" {
            continue;
        }
        write_name(out, key);
        out.push(b' ');
        write_object(out, value);
    }
    out.extend_from_slice(b"/Length ");
    out.extend_from_slice(itoa::Buffer::new().format(content.len()).as_bytes());
    out.extend_from_slice(b">>\nstream\n");
    out.extend_from_slice(content);
    out.extend_from_slice(b"\nendstream\nendobj\n");
}

/// One object in PDF syntax. Streams cannot be nested in other objects; one found here is
/// written as its dictionary.
pub fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(value) => {
            out.extend_from_slice(itoa::Buffer::new().format(*value).as_bytes())
        }
        Object::Real(value) => write_fixed(out, *value, 1000),
        Object::Name(name) => write_name(out, name),
        Object::String(bytes, StringFormat::Literal) => {
            out.push(b'(');
            for &byte in bytes {
                push_escaped(out, byte);
            }
            out.push(b')');
        }
        Object::String(bytes, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for &byte in bytes {
                out.extend_from_slice(&hex_pair(byte));
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dictionary(out, dict),
        Object::Stream(stream) => write_dictionary(out, &stream.dict),
        Object::Reference((number, generation)) => {
            out.extend_from_slice(itoa::Buffer::new().format(*number).as_bytes());
            out.push(b' ');
            out.extend_from_slice(itoa::Buffer::new().format(*generation).as_bytes());
            out.extend_from_slice(b" R");
        }
    }
}

fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        write_name(out, key);
        out.push(b' ');
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

/// `/Name`, with delimiters, `#` and bytes outside printable ASCII as `#XX`.
fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        let plain = (b'!'..=b'~').contains(&byte) && !b"#()<>[]{}/%".contains(&byte);
        if plain {
            out.push(byte);
        } else {
            out.push(b'#');
            out.extend_from_slice(&hex_pair(byte));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(object: &Object) -> String {
        let mut out = Vec::new();
        write_object(&mut out, object);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn objects_are_written_in_pdf_syntax() {
        let dict = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Annot".to_vec())),
            (
                "Rect",
                Object::Array(vec![Object::Real(1.5), Object::Integer(-2)]),
            ),
            ("Contents", Object::string_literal("a (b) \\ c")),
            (
                "ID",
                Object::String(vec![0xFE, 0xFF], StringFormat::Hexadecimal),
            ),
            ("P", Object::Reference((12, 0))),
            ("Marked", Object::Boolean(true)),
        ]);
        assert_eq!(
            written(&Object::Dictionary(dict)),
            "<</Type /Annot/Rect [1.5 -2]/Contents (a \\(b\\) \\\\ c)/ID <FEFF>/P 12 0 R/Marked true>>"
        );
        assert_eq!(written(&Object::Name(b"A b#(".to_vec())), "/A#20b#23#28");
    }

    #[test]
    fn a_written_document_reads_back_with_every_object() {
        let mut doc = lopdf::Document::with_version("1.7");
        let pages = doc.new_object_id();
        let content = doc.add_object(lopdf::Stream::new(
            Dictionary::new(),
            b"BT /F0 12 Tf ET".to_vec(),
        ));
        let page = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Page".to_vec())),
            ("Parent", Object::Reference(pages)),
            ("Contents", Object::Reference(content)),
        ]));
        doc.objects.insert(
            pages,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Kids", Object::Array(vec![Object::Reference(page)])),
                ("Count", Object::Integer(1)),
            ])),
        );
        // Enough small objects for two object streams.
        let extra: Vec<_> = (0..PER_STREAM + 10)
            .map(|i| doc.add_object(Object::Integer(i as i64)))
            .collect();
        let catalog = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages)),
        ]));
        doc.trailer.set("Root", Object::Reference(catalog));
        let bytes = write(&doc);
        let read = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(read.get_pages().len(), 1);
        let stream = read.get_object(content).unwrap().as_stream().unwrap();
        assert_eq!(stream.content, b"BT /F0 12 Tf ET");
        assert_eq!(
            read.get_dictionary(page).unwrap().get(b"Contents").unwrap(),
            &Object::Reference(content)
        );
        for (i, id) in extra.iter().enumerate() {
            assert_eq!(read.get_object(*id).unwrap(), &Object::Integer(i as i64));
        }
        assert!(bytes.ends_with(b"%%EOF\n"));
    }
}

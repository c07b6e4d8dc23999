//! Faces into the PDF: each face a handout uses becomes a Type 0 font with Identity-H
//! encoding over a subset of the face (printpdf's subsetter), with its widths (`/W`), its
//! descriptor and a `/ToUnicode` map, so the text can be searched, copied and read aloud.
//!
//! The content stream shows glyphs by *code*, which is the glyph's id in the subset (or, for
//! a CID-keyed CFF face, its CID there); [`EmbeddedFont::code`] maps the face's own glyph ids
//! to codes.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use lopdf::{Dictionary, Object, ObjectId, Stream};
use rustybuzz::ttf_parser;
use sha2::{Digest, Sha256};

use super::fonts::Face;

#[derive(Debug, thiserror::Error)]
#[error("font `{face}` cannot be embedded: {reason}")]
pub struct EmbedError {
    face: String,
    reason: String,
}

/// The glyphs of one face a handout shows, by glyph id, each with the text it stands for in
/// the `/ToUnicode` map (empty: none, the text travels another way).
pub type GlyphUse = BTreeMap<u16, String>;

/// A face written into the document.
#[derive(Debug)]
pub struct EmbeddedFont {
    /// The Type 0 font dictionary.
    pub object: ObjectId,
    /// Code of each glyph id of the face (0: not in the subset).
    codes: Vec<u16>,
}

impl EmbeddedFont {
    /// The code that shows glyph `gid` of the face (.notdef for a glyph never declared).
    pub fn code(&self, gid: u16) -> u16 {
        self.codes.get(usize::from(gid)).copied().unwrap_or(0)
    }
}

/// What a face's subset contributes to a document, made once for each face and set of
/// glyphs and shared: the standard and large-print handouts of a document show the same
/// glyphs, and subsetting and compressing the font program was a tenth of a handout's time.
#[derive(Debug)]
struct Prepared {
    base_font: String,
    subtype: &'static str,
    file_key: &'static str,
    /// The font program's stream dictionary (without the filter) and compressed bytes.
    file_dict: Dictionary,
    file: Vec<u8>,
    codes: Vec<u16>,
    widths: Object,
    /// The compressed `/ToUnicode` CMap.
    to_unicode: Vec<u8>,
}

/// Subsets already made in this process, by face and glyphs.
type PreparedCache = HashMap<(usize, GlyphUse), Arc<Prepared>>;

/// Entries the cache holds before it starts again (each is a font subset, tens of KB).
const PREPARED_LIMIT: usize = 256;

fn prepared_cache() -> &'static Mutex<PreparedCache> {
    static CACHE: OnceLock<Mutex<PreparedCache>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Subsets `face` to `glyphs` and adds it to `doc`.
pub fn embed(
    doc: &mut lopdf::Document,
    face: &'static Face,
    glyphs: &GlyphUse,
) -> Result<EmbeddedFont, EmbedError> {
    // Faces live for the whole process: the address names one.
    let key = (std::ptr::from_ref(face) as usize, glyphs.clone());
    let cached = prepared_cache()
        .lock()
        .ok()
        .and_then(|cache| cache.get(&key).cloned());
    let prepared = match cached {
        Some(prepared) => prepared,
        None => {
            let prepared = Arc::new(prepare(face, glyphs)?);
            if let Ok(mut cache) = prepared_cache().lock() {
                if cache.len() >= PREPARED_LIMIT {
                    cache.clear();
                }
                cache.insert(key, Arc::clone(&prepared));
            }
            prepared
        }
    };
    Ok(add(doc, face, &prepared))
}

fn prepare(face: &Face, glyphs: &GlyphUse) -> Result<Prepared, EmbedError> {
    let fail = |reason: String| EmbedError {
        face: face.name.clone(),
        reason,
    };
    let (program, glyph_mapping) = subset(face, glyphs).map_err(fail)?;
    // A CID-keyed CFF keeps its own CIDs in the subset; viewers look glyphs up by them.
    let charset = printpdf::font::cff_charset_gid_to_cid_map(&program, 0);
    let last = glyph_mapping.keys().next_back().copied().unwrap_or(0);
    let mut codes = vec![0; usize::from(last) + 1];
    let mut coded: BTreeMap<u16, (u16, &str)> = BTreeMap::new();
    for (&gid, new_gid) in &glyph_mapping {
        let code = charset
            .as_ref()
            .and_then(|map| map.get(new_gid).copied())
            .unwrap_or(*new_gid);
        codes[usize::from(gid)] = code;
        let text = glyphs.get(&gid).map_or("", String::as_str);
        coded.insert(code, (gid, text));
    }
    let (subtype, file_key, file_dict, file) = if let Some(cff) =
        printpdf::font::extract_cid_keyed_cff(&program, 0)
    {
        let dict =
            Dictionary::from_iter(vec![("Subtype", Object::Name(b"CIDFontType0C".to_vec()))]);
        ("CIDFontType0", "FontFile3", dict, cff)
    } else if program.starts_with(b"OTTO") {
        let dict = Dictionary::from_iter(vec![("Subtype", Object::Name(b"OpenType".to_vec()))]);
        ("CIDFontType0", "FontFile3", dict, program)
    } else {
        let dict = Dictionary::from_iter(vec![("Length1", Object::Integer(program.len() as i64))]);
        ("CIDFontType2", "FontFile2", dict, program)
    };
    Ok(Prepared {
        base_font: format!("{}+{}", subset_tag(face, glyphs), postscript_name(face)),
        subtype,
        file_key,
        file_dict,
        file: super::encoding::deflate(&file),
        codes,
        widths: widths(face, &coded),
        to_unicode: super::encoding::deflate(&to_unicode_cmap(&coded)),
    })
}

/// The face's program cut down to `glyphs` (glyph 0, .notdef, first), and each glyph's id
/// in the subset: its place in the list given to the subsetter (allsorts keeps that order
/// for TrueType and CFF outlines alike). Read straight from the face's bytes at its index in
/// the file, so a face of a 20 MB collection is never copied.
fn subset(face: &Face, glyphs: &GlyphUse) -> Result<(Vec<u8>, BTreeMap<u16, u16>), String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};
    let scope = ReadScope::new(face.bytes);
    let file = scope.read::<FontData<'_>>().map_err(|e| e.to_string())?;
    let provider = file
        .table_provider(face.index as usize)
        .map_err(|e| e.to_string())?;
    let ids: Vec<u16> = std::iter::once(0)
        .chain(glyphs.keys().copied().filter(|&gid| gid != 0))
        .collect();
    let program =
        allsorts::subset::subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| e.to_string())?;
    let mapping = ids
        .iter()
        .enumerate()
        .filter(|(_, gid)| glyphs.contains_key(gid))
        .map(|(position, &gid)| (gid, position as u16))
        .collect();
    Ok((program, mapping))
}

/// A compressed stream, marked as such.
fn flate_stream(mut dict: Dictionary, compressed: Vec<u8>) -> Stream {
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    Stream::new(dict, compressed).with_compression(false)
}

/// Adds the font's objects to `doc`.
fn add(doc: &mut lopdf::Document, face: &Face, prepared: &Prepared) -> EmbeddedFont {
    let base_font = Object::Name(prepared.base_font.clone().into_bytes());
    let file = doc.add_object(flate_stream(
        prepared.file_dict.clone(),
        prepared.file.clone(),
    ));

    let metrics = face.parsed();
    let per_unit = 1000.0 / face.units_per_em;
    let scaled = |v: f32| Object::Integer((v * per_unit).round() as i64);
    let bbox = metrics.global_bounding_box();
    let italic_angle = metrics.italic_angle();
    const FIXED_PITCH: i64 = 1;
    const NONSYMBOLIC: i64 = 1 << 5;
    const ITALIC: i64 = 1 << 6;
    let flags = NONSYMBOLIC
        | if metrics.is_monospaced() {
            FIXED_PITCH
        } else {
            0
        }
        | if italic_angle != 0.0 { ITALIC } else { 0 };
    // No table records stem width; the usual estimate from the weight class.
    let weight = f32::from(metrics.weight().to_number());
    let stem_v = 50 + (weight / 65.0).powi(2).round() as i64;
    let descriptor = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"FontDescriptor".to_vec())),
        ("FontName", base_font.clone()),
        ("Flags", Object::Integer(flags)),
        (
            "FontBBox",
            Object::Array(vec![
                scaled(f32::from(bbox.x_min)),
                scaled(f32::from(bbox.y_min)),
                scaled(f32::from(bbox.x_max)),
                scaled(f32::from(bbox.y_max)),
            ]),
        ),
        ("ItalicAngle", Object::Integer(italic_angle.round() as i64)),
        ("Ascent", scaled(face.ascender)),
        ("Descent", scaled(face.descender)),
        (
            "CapHeight",
            scaled(metrics.capital_height().map_or(face.ascender, f32::from)),
        ),
        ("StemV", Object::Integer(stem_v)),
        (prepared.file_key, Object::Reference(file)),
    ]);
    let descriptor = doc.add_object(descriptor);

    let mut cid_font = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Font".to_vec())),
        (
            "Subtype",
            Object::Name(prepared.subtype.as_bytes().to_vec()),
        ),
        ("BaseFont", base_font.clone()),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Registry", Object::string_literal("Adobe")),
                ("Ordering", Object::string_literal("Identity")),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("W", prepared.widths.clone()),
    ]);
    if prepared.subtype == "CIDFontType2" {
        cid_font.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
    }
    let cid_font = doc.add_object(cid_font);
    let to_unicode = doc.add_object(flate_stream(Dictionary::new(), prepared.to_unicode.clone()));
    let font = doc.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type0".to_vec())),
        ("BaseFont", base_font),
        ("Encoding", Object::Name(b"Identity-H".to_vec())),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Reference(cid_font)]),
        ),
        ("ToUnicode", Object::Reference(to_unicode)),
    ]));
    EmbeddedFont {
        object: font,
        codes: prepared.codes.clone(),
    }
}

/// `/W`: runs of consecutive codes, `[first [w w w] first [w] …]`.
fn widths(face: &Face, coded: &BTreeMap<u16, (u16, &str)>) -> Object {
    let mut array = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut run_start = 0u16;
    let mut previous: Option<u16> = None;
    for (&code, &(gid, _)) in coded {
        if previous.is_none_or(|p| u32::from(p) + 1 != u32::from(code)) {
            if !run.is_empty() {
                array.push(Object::Integer(i64::from(run_start)));
                array.push(Object::Array(std::mem::take(&mut run)));
            }
            run_start = code;
        }
        run.push(Object::Real(face.pdf_width(gid)));
        previous = Some(code);
    }
    if !run.is_empty() {
        array.push(Object::Integer(i64::from(run_start)));
        array.push(Object::Array(run));
    }
    Object::Array(array)
}

/// The `/ToUnicode` CMap: each code with text to the text, in UTF-16BE.
fn to_unicode_cmap(coded: &BTreeMap<u16, (u16, &str)>) -> Vec<u8> {
    use std::fmt::Write;
    let entries: Vec<(u16, &str)> = coded
        .iter()
        .filter(|(_, (_, text))| !text.is_empty())
        .map(|(&code, &(_, text))| (code, text))
        .collect();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // At most 100 entries to a block, as the CMap format requires.
    for block in entries.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", block.len());
        for (code, text) in block {
            let _ = write!(cmap, "<{code:04X}> <");
            for unit in text.encode_utf16() {
                let _ = write!(cmap, "{unit:04X}");
            }
            cmap.push_str(">\n");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap.into_bytes()
}

/// Six capitals derived from the face and the glyphs kept: the same subset gets the same tag.
fn subset_tag(face: &Face, glyphs: &GlyphUse) -> String {
    let mut hasher = Sha256::new();
    hasher.update(face.name.as_bytes());
    for gid in glyphs.keys() {
        hasher.update(gid.to_be_bytes());
    }
    hasher.finalize()[..6]
        .iter()
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// The face's PostScript name, reduced to what a PDF name may hold without escapes; the
/// file name if it has none.
fn postscript_name(face: &Face) -> String {
    let from_table = face
        .parsed()
        .names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .and_then(|n| n.to_string());
    let raw = from_table.unwrap_or_else(|| {
        face.name
            .rsplit_once('.')
            .map_or(face.name.as_str(), |(stem, _)| stem)
            .to_string()
    });
    let clean: String = raw
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(63)
        .collect();
    if clean.is_empty() {
        "Font".into()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::fonts::{FaceKind, FontSet};

    #[test]
    fn to_unicode_maps_codes_with_text_in_blocks_of_a_hundred() {
        let mut coded = BTreeMap::new();
        for code in 1..=150u16 {
            coded.insert(code, (code, if code == 7 { "" } else { "fi" }));
        }
        let cmap = String::from_utf8(to_unicode_cmap(&coded)).unwrap();
        assert!(cmap.contains("100 beginbfchar"), "{cmap}");
        assert!(cmap.contains("49 beginbfchar"), "{cmap}");
        assert!(cmap.contains("<0001> <00660069>"));
        assert!(!cmap.contains("<0007>"));
    }

    #[test]
    fn widths_group_consecutive_codes_and_match_the_face() {
        let fonts = FontSet::builtin().unwrap();
        let face = fonts.face(FaceKind::Regular);
        let a = face.glyph_for('a').unwrap();
        let b = face.glyph_for('b').unwrap();
        let coded = BTreeMap::from([(1, (a, "a")), (2, (b, "b")), (5, (a, "a"))]);
        let Object::Array(w) = widths(face, &coded) else {
            panic!()
        };
        assert_eq!(w.len(), 4);
        assert_eq!(w[0], Object::Integer(1));
        assert_eq!(w[2], Object::Integer(5));
        let expected = face.pdf_width(a);
        assert!(expected > 300.0 && expected < 800.0, "{expected}");
        assert_eq!(w[3], Object::Array(vec![Object::Real(expected)]));
    }

    #[test]
    fn postscript_names_are_clean_pdf_names() {
        let fonts = FontSet::builtin().unwrap();
        assert_eq!(
            postscript_name(fonts.face(FaceKind::Bold)),
            "AtkinsonHyperlegible-Bold"
        );
        assert_eq!(
            postscript_name(fonts.face(FaceKind::Mono)),
            "DejaVuSansMono"
        );
    }
}

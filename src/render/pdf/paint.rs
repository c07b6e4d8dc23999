//! Paint: positioned frames in, a PDF document (lopdf objects) out.
//!
//! Each text run is drawn by glyph code at an absolute position, with TJ adjustments making
//! up the difference between the shaped advance and the width `/W` gives the glyph. Content
//! streams are written as bytes by [`content`](super::content); fonts are subset and
//! described by [`embed`](super::embed). Resource names are derived from the content, never
//! from counters shared between documents, so output is reproducible.

use std::collections::BTreeMap;
use std::sync::Arc;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use super::content::{Content, Shown};
use super::embed::{self, EmbedError, EmbeddedFont, GlyphUse};
use super::fonts::{Face, FaceId, FontSet};
use super::frame::{Item, Layout, LinkTarget, PlacedGlyph, TextRun};
use super::image::PdfImage;
use super::structure::{Content as Part, Marks, NodeId, Tag};
use super::style::Rgb;

/// Paints `layout` into a new document: catalog, page tree, pages, fonts and images.
/// With `tagged`, every item is marked content of its structure element or an artifact,
/// and the returned [`Marks`] say which content belongs to which element. The finish pass
/// adds the structure tree, outline, metadata and `/ID`.
pub fn paint(
    layout: &Layout,
    fonts: &FontSet,
    images: &BTreeMap<String, Arc<PdfImage>>,
    tagged: bool,
) -> Result<(lopdf::Document, Marks, Vec<FaceId>), EmbedError> {
    let mut marks = Marks::default();
    let mut doc = lopdf::Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let page_ids: Vec<ObjectId> = layout.pages.iter().map(|_| doc.new_object_id()).collect();

    let mut font_dict = Dictionary::new();
    let mut embedded: BTreeMap<FaceId, (String, EmbeddedFont)> = BTreeMap::new();
    let mut mapped: BTreeMap<FaceId, GlyphTexts> = BTreeMap::new();
    for (kind, dense) in glyph_use(layout, fonts) {
        let glyphs = dense.to_use();
        let font = embed::embed(&mut doc, fonts.face(kind), &glyphs)?;
        let name = format!("F{}", kind.index());
        font_dict.set(name.as_bytes(), Object::Reference(font.object));
        embedded.insert(kind, (name, font));
        mapped.insert(kind, dense);
    }

    let mut xobjects = Dictionary::new();
    let mut image_names = BTreeMap::new();
    for (n, (key, image)) in images.iter().enumerate() {
        let used = layout.pages.iter().any(|p| {
            p.items
                .iter()
                .any(|i| matches!(i, Item::Image { key: k, .. } if k == key))
        });
        if !used {
            continue;
        }
        let mut dict = image.dict.clone();
        if let Some((mask, alpha)) = image.soft_mask() {
            let mask = doc.add_object(Stream::new(mask, alpha.to_vec()).with_compression(false));
            dict.set("SMask", Object::Reference(mask));
        }
        let id = doc.add_object(Stream::new(dict, image.data.clone()).with_compression(false));
        let name = format!("Im{}", n + 1);
        xobjects.set(name.as_bytes(), Object::Reference(id));
        image_names.insert(key.clone(), name);
    }

    let mut resources = Dictionary::new();
    if !font_dict.is_empty() {
        resources.set("Font", Object::Dictionary(font_dict));
    }
    if !xobjects.is_empty() {
        resources.set("XObject", Object::Dictionary(xobjects));
    }
    let resources = doc.add_object(resources);

    let page_box = Object::Array(vec![
        Object::Integer(0),
        Object::Integer(0),
        Object::Real(layout.page_width),
        Object::Real(layout.page_height),
    ]);
    for (index, (page, &page_id)) in layout.pages.iter().zip(&page_ids).enumerate() {
        let mut painter = Painter {
            faces: fonts,
            fonts: &embedded,
            mapped: &mapped,
            images: &image_names,
            pages: &page_ids,
            layout,
            content: Content::new(),
            shown: Vec::new(),
            annotations: Vec::new(),
            in_text: false,
            font: None,
            fill: None,
            stroke: None,
            tagged,
            page: index,
            open: None,
            open_in_text: false,
            next_mcid: 0,
            marks: &mut marks,
        };
        for item in &page.items {
            painter.item(item);
        }
        painter.end_text();
        painter.close_mark();
        let Painter {
            content,
            annotations: page_annotations,
            ..
        } = painter;
        let mut annotations = Vec::with_capacity(page_annotations.len());
        for (annotation, node) in page_annotations {
            let id = doc.add_object(annotation);
            annotations.push(Object::Reference(id));
            if let Some(node) = node {
                marks.content.push((
                    node,
                    Part::Annotation {
                        page: index,
                        object: id,
                    },
                ));
            }
        }
        let contents = doc.add_object(Stream::new(Dictionary::new(), content.finish()));
        let mut dict = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Page".to_vec())),
            ("Parent", Object::Reference(pages_id)),
            ("MediaBox", page_box.clone()),
            ("Resources", Object::Reference(resources)),
            ("Contents", Object::Reference(contents)),
        ]);
        if !annotations.is_empty() {
            dict.set("Annots", Object::Array(annotations));
        }
        doc.objects.insert(page_id, Object::Dictionary(dict));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Pages".to_vec())),
            (
                "Kids",
                Object::Array(page_ids.iter().map(|&id| Object::Reference(id)).collect()),
            ),
            ("Count", Object::Integer(page_ids.len() as i64)),
        ])),
    );
    let catalog = doc.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Catalog".to_vec())),
        ("Pages", Object::Reference(pages_id)),
    ]));
    doc.trailer.set("Root", Object::Reference(catalog));
    Ok((doc, marks, embedded.into_keys().collect()))
}

/// Whether a glyph's text must travel in an `/ActualText` span rather than the font's
/// `/ToUnicode` map, which holds one text per glyph: stand-ins for characters no font has,
/// and glyphs that are not what the face's character map gives for their character
/// (substituted forms).
fn needs_actual_text(face: &Face, run: &TextRun, g: &PlacedGlyph) -> bool {
    if g.replacement {
        return true;
    }
    let mut chars = run.glyph_text(g).chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => face.glyph_for(c) != Some(g.gid),
        _ => false,
    }
}

/// The longest text a glyph's `/ToUnicode` entry holds (viewers refuse entries of more than
/// 512 bytes).
const MAX_MAPPED_CHARS: usize = 32;

/// The text `/ToUnicode` gives each glyph a face shows, by glyph id: a table for a face of
/// a few thousand glyphs (a handout draws hundreds of thousands of glyphs: an index is the
/// cheapest look-up), a map for a large one (a CJK face has 65 535 glyphs; a table of them
/// for every handout cost more than drawing the text).
enum GlyphTexts {
    Table(Vec<Option<String>>),
    Map(rustc_hash::FxHashMap<u16, String>),
}

impl GlyphTexts {
    /// Faces with more glyphs than this keep a map.
    const TABLE_LIMIT: usize = 8192;

    fn new(glyph_count: usize) -> GlyphTexts {
        if glyph_count <= Self::TABLE_LIMIT {
            GlyphTexts::Table(vec![None; glyph_count.max(1)])
        } else {
            GlyphTexts::Map(Default::default())
        }
    }

    /// The text of glyph `gid`, to fill in (empty until then).
    fn slot(&mut self, gid: u16) -> Option<&mut String> {
        match self {
            GlyphTexts::Table(table) => table
                .get_mut(usize::from(gid))
                .map(|slot| slot.get_or_insert_with(String::new)),
            GlyphTexts::Map(map) => Some(map.entry(gid).or_default()),
        }
    }

    fn get(&self, gid: u16) -> Option<&str> {
        match self {
            GlyphTexts::Table(table) => table.get(usize::from(gid))?.as_deref(),
            GlyphTexts::Map(map) => map.get(&gid).map(String::as_str),
        }
    }

    /// The glyphs shown, sorted, for the subsetter and the `/ToUnicode` map.
    fn to_use(&self) -> GlyphUse {
        match self {
            GlyphTexts::Table(table) => table
                .iter()
                .enumerate()
                .filter_map(|(gid, text)| Some((u16::try_from(gid).ok()?, text.clone()?)))
                .collect(),
            GlyphTexts::Map(map) => map.iter().map(|(&gid, text)| (gid, text.clone())).collect(),
        }
    }
}

/// The glyphs each face shows, with the text `/ToUnicode` gives them: the first text a
/// glyph stands for on its own (the empty text for a glyph that only ever follows another
/// of its cluster).
fn glyph_use(layout: &Layout, fonts: &FontSet) -> BTreeMap<FaceId, GlyphTexts> {
    let mut used: BTreeMap<FaceId, GlyphTexts> = BTreeMap::new();
    for page in &layout.pages {
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            let face = fonts.face(run.face);
            let glyphs = used
                .entry(run.face)
                .or_insert_with(|| GlyphTexts::new(face.glyph_count()));
            for g in &run.glyphs {
                let Some(text) = glyphs.slot(g.gid) else {
                    continue;
                };
                let own = run.glyph_text(g);
                // A cluster of many marks (hostile text) is too long for a `/ToUnicode`
                // entry; it travels as `/ActualText`.
                if text.is_empty()
                    && !needs_actual_text(face, run, g)
                    && own.chars().nth(MAX_MAPPED_CHARS).is_none()
                {
                    text.push_str(own);
                }
            }
        }
    }
    used
}

struct Painter<'a> {
    faces: &'a FontSet,
    fonts: &'a BTreeMap<FaceId, (String, EmbeddedFont)>,
    /// Each face's `/ToUnicode` texts, by glyph id.
    mapped: &'a BTreeMap<FaceId, GlyphTexts>,
    images: &'a BTreeMap<String, String>,
    pages: &'a [ObjectId],
    layout: &'a Layout,
    content: Content,
    /// Reused for each text segment.
    shown: Vec<Shown>,
    /// Link annotations of this page and the link element each belongs to.
    annotations: Vec<(Dictionary, Option<NodeId>)>,
    in_text: bool,
    font: Option<(FaceId, f32)>,
    fill: Option<Rgb>,
    stroke: Option<(Rgb, f32)>,
    /// Whether items are marked as content or artifacts.
    tagged: bool,
    /// The page's index.
    page: usize,
    /// The marked-content sequence open now, and whether it began inside a text object
    /// (it must then end inside it).
    open: Option<Tag>,
    open_in_text: bool,
    next_mcid: u32,
    marks: &'a mut Marks,
}

fn rgb(c: Rgb) -> (f32, f32, f32) {
    (c.0, c.1, c.2)
}

impl Painter<'_> {
    fn end_text(&mut self) {
        if self.in_text {
            if self.open.is_some() && self.open_in_text {
                self.content.end_marked();
                self.open = None;
            }
            self.content.end_text();
            // The font stays set: it is part of the graphics state, not the text object.
            self.in_text = false;
        }
    }

    fn close_mark(&mut self) {
        if self.open.take().is_some() {
            self.content.end_marked();
        }
    }

    /// Makes what is painted next part of `tag`'s marked content: continues the open
    /// sequence when it is `tag`'s, else ends it and begins a new one. Marked content and
    /// text objects nest: a sequence begun inside `BT` ends before `ET`, one begun outside
    /// ends after it.
    fn mark(&mut self, tag: Tag) {
        if !self.tagged || self.open == Some(tag) {
            return;
        }
        if self.open.is_some() {
            if self.in_text && !self.open_in_text {
                self.end_text();
            }
            self.close_mark();
        }
        match tag {
            Tag::Artifact => self.content.begin_artifact(None),
            Tag::Header => self.content.begin_artifact(Some("Header")),
            Tag::Footer => self.content.begin_artifact(Some("Footer")),
            Tag::Node(node) => {
                let role = self.layout.structure.role(node);
                self.content.begin_structure(role.name(), self.next_mcid);
                self.marks.content.push((
                    node,
                    Part::Marked {
                        page: self.page,
                        mcid: self.next_mcid,
                    },
                ));
                self.next_mcid += 1;
            }
        }
        self.open = Some(tag);
        self.open_in_text = self.in_text;
    }

    /// Ends any text object, then marks what follows as `tag`'s (for paths and images).
    fn mark_graphics(&mut self, tag: Tag) {
        self.end_text();
        self.mark(tag);
    }

    fn set_fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.content.fill_rgb(rgb(c));
            self.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, c: Rgb, width: f32) {
        if self.stroke != Some((c, width)) {
            self.content.stroke_rgb(rgb(c));
            self.content.line_width(width);
            self.stroke = Some((c, width));
        }
    }

    fn item(&mut self, item: &Item) {
        let h = self.layout.page_height;
        match item {
            Item::Text(run) => self.text(run),
            Item::Rect {
                x,
                y,
                w,
                h: rh,
                fill,
                stroke,
                tag,
            } => {
                self.mark_graphics(*tag);
                if let Some(f) = fill {
                    self.set_fill(*f);
                    self.content.rect(*x, h - y - rh, *w, *rh);
                    self.content.fill();
                }
                if let Some((c, width)) = stroke {
                    self.set_stroke(*c, *width);
                    self.content.rect(*x, h - y - rh, *w, *rh);
                    self.content.stroke();
                }
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                color,
                width,
                tag,
            } => {
                self.mark_graphics(*tag);
                self.set_stroke(*color, *width);
                self.content.move_to(*x1, h - y1);
                self.content.line_to(*x2, h - y2);
                self.content.stroke();
            }
            Item::Polyline {
                points,
                color,
                width,
                tag,
            } => {
                let Some(((x0, y0), rest)) = points.split_first() else {
                    return;
                };
                self.mark_graphics(*tag);
                self.set_stroke(*color, *width);
                self.content.move_to(*x0, h - y0);
                for (x, y) in rest {
                    self.content.line_to(*x, h - y);
                }
                self.content.stroke();
            }
            Item::Image {
                key,
                x,
                y,
                w,
                h: ih,
                tag,
            } => {
                let Some(name) = self.images.get(key) else {
                    return;
                };
                self.mark_graphics(*tag);
                self.content.save();
                self.content.transform([*w, 0.0, 0.0, *ih, *x, h - y - ih]);
                self.content.draw(name);
                self.content.restore();
            }
            Item::Link {
                x,
                y,
                w,
                h: lh,
                target,
                tag,
            } => {
                let action = match target {
                    LinkTarget::Uri(uri) => Dictionary::from_iter(vec![
                        ("S", Object::Name(b"URI".to_vec())),
                        ("URI", Object::String(uri_bytes(uri), StringFormat::Literal)),
                    ]),
                    LinkTarget::Anchor(id) => match self.layout.anchors.get(id) {
                        Some(&(page, top)) if page < self.pages.len() => {
                            Dictionary::from_iter(vec![
                                ("S", Object::Name(b"GoTo".to_vec())),
                                (
                                    "D",
                                    Object::Array(vec![
                                        Object::Reference(self.pages[page]),
                                        Object::Name(b"XYZ".to_vec()),
                                        Object::Integer(0),
                                        Object::Real(h - top + 6.0),
                                        Object::Null,
                                    ]),
                                ),
                            ])
                        }
                        // A link to a heading that does not exist goes nowhere: no area.
                        _ => return,
                    },
                };
                let node = match tag {
                    Tag::Node(node) => Some(*node),
                    _ => None,
                };
                let mut annotation = Dictionary::from_iter(vec![
                    ("Type", Object::Name(b"Annot".to_vec())),
                    ("Subtype", Object::Name(b"Link".to_vec())),
                    (
                        "Rect",
                        Object::Array(
                            [*x, h - y - lh, x + w, h - y]
                                .into_iter()
                                .map(Object::Real)
                                .collect(),
                        ),
                    ),
                    ("Border", Object::Array(vec![Object::Integer(0); 3])),
                    ("A", Object::Dictionary(action)),
                ]);
                // What the link is, for readers that announce annotations.
                if let Some(description) = node
                    .and_then(|n| self.layout.structure.node(n))
                    .and_then(|n| n.description.as_deref())
                {
                    annotation.set("Contents", super::encoding::text_string(description));
                }
                self.annotations.push((annotation, node));
            }
        }
    }

    /// Which glyphs of `run` carry their text in an `/ActualText` span rather than the
    /// font's `/ToUnicode` map: stand-ins and substituted forms ([`needs_actual_text`]);
    /// glyphs whose text is not the one the map gives them (a letter that is part of a
    /// larger cluster here and stands alone elsewhere, in Devanagari or Thai); every glyph
    /// of a cluster drawn with several glyphs (a consonant and its vowel sign: text
    /// extraction would take the glyphs without text for gaps between words); and
    /// ligatures of right-to-left letters, whose letters viewers would read backwards
    /// from the map.
    fn actual_text_flags(&self, run: &TextRun) -> Vec<bool> {
        let mapped = self.mapped.get(&run.face);
        let empty = |g: &PlacedGlyph| g.text.0 == g.text.1;
        run.glyphs
            .iter()
            .enumerate()
            .map(|(at, g)| {
                if g.replacement || empty(g) || run.glyphs.get(at + 1).is_some_and(empty) {
                    return true;
                }
                let text = run.glyph_text(g);
                let mut chars = text.chars();
                let first = chars.next();
                let single = chars.next().is_none();
                if g.rtl && !single {
                    return true;
                }
                // The map holds no text for a substituted form ([`needs_actual_text`]), so
                // comparing with it also finds those.
                let Some(mapped) = mapped.and_then(|m| m.get(g.gid)) else {
                    return true;
                };
                // One character (most glyphs) compared as a character.
                match (single, first, mapped.chars().next()) {
                    (true, Some(c), Some(m)) => c != m || mapped.len() != c.len_utf8(),
                    _ => mapped != text,
                }
            })
            .collect()
    }

    fn text(&mut self, run: &TextRun) {
        let Some((font_name, font)) = self.fonts.get(&run.face) else {
            return;
        };
        if run.glyphs.is_empty() {
            return;
        }
        self.mark(run.tag);
        if !self.in_text {
            self.content.begin_text();
            self.in_text = true;
        }
        self.set_fill(run.color);
        if self.font != Some((run.face, run.size)) {
            self.content.font(font_name, run.size);
            self.font = Some((run.face, run.size));
        }
        let face = self.faces.face(run.face);
        let per_em = 1000.0 / run.size;
        let baseline = self.layout.page_height - run.baseline;
        let mut x = run.x;
        let flags = self.actual_text_flags(run);
        let mut i = 0;
        while i < run.glyphs.len() {
            let flagged = flags[i];
            let mut end = i + 1;
            // Each flagged cluster carries its own text: several together, in display
            // order, would read right-to-left words backwards.
            while end < run.glyphs.len()
                && flags[end] == flagged
                && !(flagged && run.glyphs[end].cluster != run.glyphs[i].cluster)
            {
                end += 1;
            }
            let segment = &run.glyphs[i..end];
            self.content.text_at(x, baseline);
            self.shown.clear();
            for g in segment {
                self.shown.push(Shown::Code(font.code(g.gid)));
                // The viewer advances by the `/W` width; the adjustment moves the pen to
                // where shaping put the next glyph.
                let adjust = face.pdf_width(g.gid) - g.advance * per_em;
                if adjust.abs() >= 0.05 {
                    self.shown.push(Shown::Adjust(adjust));
                }
            }
            if self
                .shown
                .last()
                .is_some_and(|s| matches!(s, Shown::Adjust(_)))
            {
                // Nothing follows the last glyph in this segment.
                self.shown.pop();
            }
            if flagged {
                let text: String = segment.iter().map(|g| run.glyph_text(g)).collect();
                self.content
                    .begin_actual_text(&super::encoding::utf16be(&text));
            }
            self.content.show(&self.shown);
            if flagged {
                self.content.end_marked();
            }
            x += segment.iter().map(|g| g.advance).sum::<f32>();
            i = end;
        }
    }
}

/// A URI as the 7-bit bytes PDF wants: anything else percent-encoded.
fn uri_bytes(uri: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(uri.len());
    for &byte in uri.as_bytes() {
        if (0x21..0x7F).contains(&byte) {
            out.push(byte);
        } else {
            out.extend_from_slice(format!("%{byte:02X}").as_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_seven_bit() {
        assert_eq!(uri_bytes("https://a.org/x y"), b"https://a.org/x%20y");
        assert_eq!(uri_bytes("https://a.org/ü"), b"https://a.org/%C3%BC");
    }
}

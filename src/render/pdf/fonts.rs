//! Fonts for the handout: finding the files, shaping text with them, falling back for
//! characters a face lacks.
//!
//! Shaping (rustybuzz: kerning, ligatures) happens here, not in printpdf, so the layout knows
//! the true advance of every glyph. Each shaped glyph remembers the text of its cluster, which
//! the painter attaches to the glyph so copy-paste and `pdftotext` return the real words.
//!
//! Faces are made once per process and shared by every document and thread, over the files
//! [`crate::render::fonts`] finds (the project's `fonts/` folder, then the faces folio
//! ships).

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use rustc_hash::FxHashMap;

use super::style::Faces;
use crate::render::fonts::{self, FontError, FontFile};

/// The role a face plays; an index into [`FontSet::faces`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FaceKind {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    Mono,
    MonoBold,
    Fallback,
}

impl FaceKind {
    pub const ALL: [FaceKind; 7] = [
        FaceKind::Regular,
        FaceKind::Bold,
        FaceKind::Italic,
        FaceKind::BoldItalic,
        FaceKind::Mono,
        FaceKind::MonoBold,
        FaceKind::Fallback,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The face for text that is (or is not) bold and italic, in the body or monospace family.
    pub fn select(bold: bool, italic: bool, mono: bool) -> FaceKind {
        match (mono, bold, italic) {
            (true, true, _) => FaceKind::MonoBold,
            (true, false, _) => FaceKind::Mono,
            (false, true, true) => FaceKind::BoldItalic,
            (false, true, false) => FaceKind::Bold,
            (false, false, true) => FaceKind::Italic,
            (false, false, false) => FaceKind::Regular,
        }
    }
}

/// One loaded face: its bytes, a shaper over them and the subsetter's view built lazily.
pub struct Face {
    /// The file name, as the style names it.
    pub name: String,
    pub bytes: &'static [u8],
    shaper: rustybuzz::Face<'static>,
    pub units_per_em: f32,
    /// Ascender and descender (negative) in font units.
    pub ascender: f32,
    pub descender: f32,
    pdf_font: OnceLock<Option<printpdf::ParsedFont>>,
    /// The glyphs of the ASCII characters: `has_glyph` and `glyph_for` are asked for every
    /// character of a handout.
    ascii: [Option<u16>; 128],
    /// Words already shaped, in font units, by script (see [`Face::shape_pieces`]).
    shapes: RwLock<ShapeCache>,
    /// Shaping plans by direction and script: building one took half of each shaping call.
    plans: RwLock<HashMap<(rustybuzz::Direction, rustybuzz::Script), Arc<rustybuzz::ShapePlan>>>,
    /// Whether shaping word by word gives what shaping whole runs gives: false if the face
    /// kerns a space against a letter or digit.
    words_independent: bool,
    /// Each glyph's advance in thousandths of an em, to two decimals, as a PDF's `/W`
    /// records it (see [`Face::pdf_width`]).
    pdf_widths: OnceLock<Vec<f32>>,
}

/// A shaped glyph in font units, its cluster relative to the piece of text shaped.
#[derive(Debug, Clone, Copy)]
struct UnitGlyph {
    gid: u16,
    cluster: u32,
    x_advance: i32,
    font_advance: f32,
}

/// Shaped words by script, then by text.
type ShapeCache = HashMap<rustybuzz::Script, FxHashMap<Box<str>, Arc<[UnitGlyph]>>>;

/// Entries a face's shaping cache holds before it starts again (a few MB at most).
const SHAPE_CACHE_LIMIT: usize = 100_000;
/// Longer pieces (unspaced scripts, long tokens) rarely recur: shaped, not remembered.
const SHAPE_CACHE_MAX_PIECE: usize = 64;

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face").field("name", &self.name).finish()
    }
}

impl Face {
    fn new(file: FontFile) -> Result<Face, FontError> {
        let FontFile {
            name, shown, bytes, ..
        } = file;
        let shaper = rustybuzz::Face::from_slice(bytes, 0).ok_or_else(|| FontError::Invalid {
            path: shown.to_string(),
        })?;
        let units_per_em = f32::from(shaper.units_per_em().max(1) as u16);
        let ascii = std::array::from_fn(|i| {
            char::from_u32(i as u32)
                .and_then(|c| shaper.glyph_index(c))
                .map(|g| g.0)
        });
        let face = Face {
            ascii,
            name: name.to_string(),
            bytes,
            units_per_em,
            ascender: f32::from(shaper.ascender()),
            descender: f32::from(shaper.descender()),
            shaper,
            pdf_font: OnceLock::new(),
            shapes: RwLock::new(HashMap::new()),
            plans: RwLock::new(HashMap::new()),
            words_independent: true,
            pdf_widths: OnceLock::new(),
        };
        // The faces folio ships kern nothing across a space (a test checks it); a project's
        // own face is checked here, once.
        Ok(if file.builtin {
            face
        } else {
            face.with_word_check()
        })
    }

    /// Finds out whether the face kerns across a space (`T` after a space, say): if it does,
    /// runs are shaped whole, as before the word cache.
    fn with_word_check(mut self) -> Face {
        self.words_independent = !self.kerns_across_spaces();
        self
    }

    /// Whether shaping a printable ASCII character beside a space gives other advances than
    /// shaping each alone: some faces kern a space against `T` or `1`.
    fn kerns_across_spaces(&self) -> bool {
        let advance = |text: &str| -> i32 {
            self.shape_units(text, None)
                .iter()
                .map(|g| g.x_advance)
                .sum()
        };
        let space = advance(" ");
        !('!'..='~').filter(|c| *c != ' ').all(|c| {
            let alone = advance(&c.to_string());
            advance(&format!(" {c}")) == space + alone && advance(&format!("{c} ")) == alone + space
        })
    }

    /// Shapes `text` in font units, in `script` (left to right) if given, else in the script
    /// and direction its characters suggest.
    fn shape_units(&self, text: &str, script: Option<rustybuzz::Script>) -> Vec<UnitGlyph> {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        if let Some(script) = script {
            buffer.set_script(script);
            buffer.set_direction(rustybuzz::Direction::LeftToRight);
        }
        let plan = self.plan(buffer.direction(), buffer.script());
        let shaped = rustybuzz::shape_with_plan(&self.shaper, &plan, buffer);
        shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, pos)| {
                let gid = u16::try_from(info.glyph_id).unwrap_or(0);
                UnitGlyph {
                    gid,
                    cluster: info.cluster,
                    x_advance: pos.x_advance,
                    font_advance: self
                        .shaper
                        .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid))
                        .map_or(0.0, f32::from),
                }
            })
            .collect()
    }

    /// The shaping plan for text in `direction` and `script` (UNKNOWN: none), made once.
    fn plan(
        &self,
        direction: rustybuzz::Direction,
        script: rustybuzz::Script,
    ) -> Arc<rustybuzz::ShapePlan> {
        let key = (direction, script);
        if let Ok(plans) = self.plans.read()
            && let Some(plan) = plans.get(&key)
        {
            return Arc::clone(plan);
        }
        let known = (script != rustybuzz::script::UNKNOWN).then_some(script);
        let plan = Arc::new(rustybuzz::ShapePlan::new(
            &self.shaper,
            direction,
            known,
            None,
            &[],
        ));
        if let Ok(mut plans) = self.plans.write() {
            plans.insert(key, Arc::clone(&plan));
        }
        plan
    }

    /// Shapes a run piece by piece (a word and the spaces after it), remembering each
    /// piece's glyphs: the same words recur through a document, in its other variant and in
    /// the next document, and shaping was a quarter of a handout's time. Shaping is
    /// size-independent, so one entry serves every size. Pieces are shaped in the script of
    /// the whole run, so `2 ` in `Take 2 tablets` is shaped as Latin, as it would be within
    /// the run. `push` gets each piece's offset in the run and its glyphs, in order.
    fn shape_pieces(
        &self,
        run: &str,
        script: rustybuzz::Script,
        mut push: impl FnMut(usize, &[UnitGlyph]),
    ) {
        // One look at the cache for the whole run (a lock taken per word cost more than
        // what it guards); the words it lacks are shaped, then remembered together.
        let mut fresh: Vec<(&str, Arc<[UnitGlyph]>)> = Vec::new();
        {
            let cache = self.shapes.read().ok();
            let words = cache.as_ref().and_then(|c| c.get(&script));
            for (offset, piece) in pieces(run) {
                if let Some(glyphs) = words.and_then(|w| w.get(piece)) {
                    push(offset, glyphs);
                    continue;
                }
                let glyphs = self.shape_units(piece, Some(script));
                push(offset, &glyphs);
                if piece.len() <= SHAPE_CACHE_MAX_PIECE {
                    fresh.push((piece, glyphs.into()));
                }
            }
        }
        if fresh.is_empty() {
            return;
        }
        if let Ok(mut cache) = self.shapes.write() {
            if cache.values().map(FxHashMap::len).sum::<usize>() >= SHAPE_CACHE_LIMIT {
                cache.clear();
            }
            let words = cache.entry(script).or_default();
            for (piece, glyphs) in fresh {
                words.entry(piece.into()).or_insert(glyphs);
            }
        }
    }

    pub fn has_glyph(&self, c: char) -> bool {
        self.glyph_for(c).is_some()
    }

    /// The glyph the font's character map gives `c`.
    pub fn glyph_for(&self, c: char) -> Option<u16> {
        match self.ascii.get(c as usize) {
            Some(&gid) => gid,
            None => self.shaper.glyph_index(c).map(|g| g.0),
        }
    }

    /// Glyph `gid`'s width as a PDF's `/W` records it: thousandths of an em, to two decimals.
    /// The painter computes its adjustments against the same number, so the pen lands where
    /// shaping put it. Computed once for all glyphs: it is asked for every glyph drawn.
    pub fn pdf_width(&self, gid: u16) -> f32 {
        let widths = self.pdf_widths.get_or_init(|| {
            (0..self.shaper.number_of_glyphs())
                .map(|gid| {
                    let units = self
                        .shaper
                        .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid))
                        .map_or(0.0, f32::from);
                    (units * 1000.0 / self.units_per_em * 100.0).round() / 100.0
                })
                .collect()
        });
        widths.get(usize::from(gid)).copied().unwrap_or(0.0)
    }

    /// The number of glyphs in the face.
    pub fn glyph_count(&self) -> usize {
        usize::from(self.shaper.number_of_glyphs())
    }

    /// The face's tables, for the metrics a PDF font descriptor records.
    pub fn parsed(&self) -> &rustybuzz::ttf_parser::Face<'static> {
        &self.shaper
    }

    /// The face as printpdf's subsetter reads it (parsed once per process).
    pub fn pdf_font(&self) -> Option<&printpdf::ParsedFont> {
        self.pdf_font
            .get_or_init(|| printpdf::ParsedFont::from_bytes(self.bytes, 0, &mut Vec::new()))
            .as_ref()
    }

    /// Points per font unit at `size`.
    pub fn scale(&self, size: f32) -> f32 {
        size / self.units_per_em
    }
}

/// The seven faces a handout uses.
#[derive(Debug)]
pub struct FontSet {
    pub faces: [&'static Face; 7],
}

/// Faces already made in this process, by the address of their file's bytes (the loader
/// reads each file once): made once, never freed (a handful per process).
type FaceCache = HashMap<usize, &'static Face>;

fn cache() -> &'static Mutex<FaceCache> {
    static CACHE: OnceLock<Mutex<FaceCache>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The face over a font file, made once per process.
fn face_of(file: FontFile) -> Result<&'static Face, FontError> {
    let key = file.bytes.as_ptr() as usize;
    let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(face) = cache.get(&key) {
        return Ok(face);
    }
    let face: &'static Face = Box::leak(Box::new(Face::new(file)?));
    cache.insert(key, face);
    Ok(face)
}

impl FontSet {
    /// Loads the faces a style names, from `fonts_dir` (the project's fonts/) or built in.
    pub fn load(faces: &Faces, fonts_dir: Option<&Path>) -> Result<FontSet, FontError> {
        let names = [
            &faces.regular,
            &faces.bold,
            &faces.italic,
            &faces.bold_italic,
            &faces.mono,
            &faces.mono_bold,
            &faces.fallback,
        ];
        let mut loaded = Vec::with_capacity(7);
        for name in names {
            let file = fonts::load(name, fonts_dir)?;
            let face = face_of(file)?;
            // A face the shaper reads but the PDF writer cannot embed would lose its text.
            // (The faces folio ships are known good, and are parsed for embedding only
            // when a handout uses them.)
            if !file.builtin && face.pdf_font().is_none() {
                return Err(FontError::Invalid {
                    path: file.shown.to_string(),
                });
            }
            loaded.push(face);
        }
        let faces: [&'static Face; 7] = loaded
            .try_into()
            .map_err(|_| FontError::NotFound { name: "?".into() })?;
        Ok(FontSet { faces })
    }

    /// The built-in faces of the default style.
    pub fn builtin() -> Result<FontSet, FontError> {
        FontSet::load(&super::style::Style::builtin().faces, None)
    }

    pub fn face(&self, kind: FaceKind) -> &'static Face {
        self.faces[kind.index()]
    }

    /// Shapes `text` in `kind`, falling back to the fallback face for characters `kind` lacks.
    /// Characters no face has are drawn as U+FFFD from the fallback face (their own text is
    /// still attached) and reported in `missing`.
    pub fn shape(
        &self,
        text: &str,
        kind: FaceKind,
        size: f32,
        missing: &mut std::collections::BTreeSet<char>,
    ) -> Vec<Glyph> {
        let primary = self.face(kind);
        let fallback = self.face(FaceKind::Fallback);
        let mut glyphs = Vec::with_capacity(text.len());
        // Split into runs of one face each.
        let mut run_start = 0;
        let mut run_face: Option<(FaceKind, bool)> = None;
        for (i, c) in text.char_indices() {
            let choice = if primary.has_glyph(c) || c.is_control() {
                (kind, false)
            } else if fallback.has_glyph(c) {
                (FaceKind::Fallback, false)
            } else if is_invisible(c) || c.is_whitespace() {
                // A space no face has: the shaper substitutes the face's own space.
                // Joiners, variation selectors: nothing to draw, nothing to report.
                (kind, false)
            } else {
                missing.insert(c);
                (FaceKind::Fallback, true)
            };
            if run_face != Some(choice) {
                if let Some(face) = run_face {
                    self.shape_run(text, run_start, i, face, size, &mut glyphs);
                }
                run_face = Some(choice);
                run_start = i;
            }
        }
        if let Some(face) = run_face {
            self.shape_run(text, run_start, text.len(), face, size, &mut glyphs);
        }
        glyphs
    }

    fn shape_run(
        &self,
        text: &str,
        start: usize,
        end: usize,
        (kind, replace): (FaceKind, bool),
        size: f32,
        out: &mut Vec<Glyph>,
    ) {
        let face = self.face(kind);
        let scale = face.scale(size);
        if replace {
            // One replacement glyph per missing character, carrying the character itself.
            let gid = face.shaper.glyph_index('\u{FFFD}').map_or(0, |g| g.0);
            let advance = face
                .shaper
                .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid))
                .map_or(face.units_per_em / 2.0, f32::from);
            for (i, _) in text[start..end].char_indices() {
                out.push(Glyph {
                    face: kind,
                    gid,
                    cluster: start + i,
                    advance: advance * scale,
                    font_advance: advance * scale,
                    replacement: true,
                });
            }
            return;
        }
        let run = &text[start..end];
        let mut push = |offset: usize, glyphs: &[UnitGlyph]| {
            for g in glyphs {
                out.push(Glyph {
                    face: kind,
                    gid: g.gid,
                    cluster: start + offset + g.cluster as usize,
                    advance: g.x_advance as f32 * scale,
                    font_advance: g.font_advance * scale,
                    replacement: false,
                });
            }
        };
        if !face.words_independent || run.chars().any(is_right_to_left) {
            // Handouts are set left to right; a right-to-left run is shaped whole, in its own
            // direction, and its glyphs laid out in visual order, which is all a single line
            // needs. Shaping it word by word would reverse each word but not their order.
            push(0, &face.shape_units(run, None));
        } else {
            // Word by word (each with the spaces after it), from the face's cache: the face
            // kerns nothing across a space (checked when it was loaded).
            face.shape_pieces(run, run_script(run), push);
        }
    }
}

/// The script the shaper would guess for `run`: that of its first character with a script of
/// its own (not Common or Inherited), usually its first letter. Found without loading the
/// whole run into a shaping buffer, which cost as much as shaping it from the word cache.
fn run_script(run: &str) -> rustybuzz::Script {
    use unicode_script::{Script, UnicodeScript};
    let first = run.chars().find(|c| {
        !matches!(
            c.script(),
            Script::Common | Script::Inherited | Script::Unknown
        )
    });
    match first {
        Some(c) if c.is_ascii() => rustybuzz::script::LATIN,
        Some(c) => {
            let mut probe = rustybuzz::UnicodeBuffer::new();
            probe.add(c, 0);
            probe.guess_segment_properties();
            probe.script()
        }
        None => rustybuzz::script::UNKNOWN,
    }
}

/// `text` cut after each run of spaces: `"a  b c"` → `"a  "`, `"b "`, `"c"`, with offsets.
fn pieces(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let mut seen_space = false;
        while let Some(&(i, c)) = chars.peek() {
            if c == ' ' {
                seen_space = true;
            } else if seen_space {
                let piece = (start, &text[start..i]);
                start = i;
                return Some(piece);
            }
            chars.next();
        }
        let piece = (start, &text[start..]);
        start = text.len();
        Some(piece)
    })
}

/// Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, …) and their
/// presentation forms.
fn is_right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        || ('\u{10800}'..='\u{10FFF}').contains(&c)
        || ('\u{1E800}'..='\u{1EFFF}').contains(&c)
}

/// Characters with no visible form of their own.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
        || ('\u{E0100}'..='\u{E01EF}').contains(&c)
}

/// A shaped glyph, in points at the size it was shaped for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub face: FaceKind,
    pub gid: u16,
    /// Byte offset, in the shaped text, of the cluster this glyph belongs to.
    pub cluster: usize,
    /// Advance after shaping (kerning applied).
    pub advance: f32,
    /// The glyph's own advance in the font, which a PDF viewer applies by itself.
    pub font_advance: f32,
    /// U+FFFD standing in for a character no face has.
    pub replacement: bool,
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_run_takes_the_script_of_its_first_letter_as_the_shaper_would() {
        for run in [
            "12 apples",
            "«Привет» мир",
            "(שלום)",
            "3.5 μg",
            "",
            "123 !?",
            "é",
        ] {
            let mut buffer = rustybuzz::UnicodeBuffer::new();
            buffer.push_str(run);
            buffer.guess_segment_properties();
            assert_eq!(run_script(run), buffer.script(), "{run}");
        }
    }

    #[test]
    fn text_is_cut_after_runs_of_spaces() {
        let cut: Vec<_> = pieces("a  b c").collect();
        assert_eq!(cut, [(0, "a  "), (3, "b "), (5, "c")]);
        assert_eq!(pieces("").count(), 0);
        assert_eq!(pieces("  x").collect::<Vec<_>>(), [(0, "  "), (2, "x")]);
        assert_eq!(pieces("é ü").collect::<Vec<_>>(), [(0, "é "), (3, "ü")]);
    }

    #[test]
    fn word_by_word_shaping_matches_shaping_whole_lines() {
        let fonts = FontSet::builtin().unwrap();
        let text = "Take 2 tablets, twice a day. Office hours: AV, Ty, fi.";
        let mut missing = std::collections::BTreeSet::new();
        let glyphs = fonts.shape(text, FaceKind::Regular, 12.0, &mut missing);
        for kind in FaceKind::ALL {
            // Face::new trusts the faces folio ships to kern nothing across a space, and
            // skips the check: here it is made. (Else their runs would have to be shaped
            // whole, correctly but without the word cache.)
            assert!(
                !fonts.face(kind).kerns_across_spaces(),
                "{kind:?} kerns across a space"
            );
        }
        let face = fonts.face(FaceKind::Regular);
        let whole = face.shape_units(text, None);
        assert_eq!(glyphs.len(), whole.len());
        for (g, w) in glyphs.iter().zip(&whole) {
            assert_eq!((g.gid, g.cluster), (w.gid, w.cluster as usize));
            assert!((g.advance - w.x_advance as f32 * face.scale(12.0)).abs() < 1e-3);
        }
    }

    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn builtin_faces_load_and_shape_with_kerning() {
        let fonts = FontSet::builtin().unwrap();
        let mut missing = BTreeSet::new();
        let glyphs = fonts.shape("AVATAR", FaceKind::Regular, 12.0, &mut missing);
        assert_eq!(glyphs.len(), 6);
        assert!(missing.is_empty());
        let shaped: f32 = glyphs.iter().map(|g| g.advance).sum();
        let natural: f32 = glyphs.iter().map(|g| g.font_advance).sum();
        assert!(
            shaped < natural,
            "AV and TA should kern: {shaped} vs {natural}"
        );
    }

    #[test]
    fn characters_the_body_face_lacks_fall_back_to_dejavu() {
        let fonts = FontSet::builtin().unwrap();
        assert!(!fonts.face(FaceKind::Regular).has_glyph('→'));
        let mut missing = BTreeSet::new();
        let glyphs = fonts.shape("a → b", FaceKind::Regular, 12.0, &mut missing);
        let arrow = glyphs.iter().find(|g| g.cluster == 2).unwrap();
        assert_eq!(arrow.face, FaceKind::Fallback);
        assert_ne!(arrow.gid, 0);
        assert!(missing.is_empty());
    }

    #[test]
    fn characters_no_face_has_are_reported_not_dropped() {
        let fonts = FontSet::builtin().unwrap();
        let mut missing = BTreeSet::new();
        let glyphs = fonts.shape("痛み😀", FaceKind::Regular, 12.0, &mut missing);
        assert_eq!(glyphs.len(), 3, "{glyphs:?} {missing:?}");
        assert!(
            missing.contains(&'痛') && missing.contains(&'み'),
            "{missing:?}"
        );
        assert!(
            glyphs
                .iter()
                .all(|g| g.face == FaceKind::Fallback && g.gid != 0)
        );
    }

    #[test]
    fn unknown_font_names_are_errors() {
        let mut faces = super::super::style::Style::builtin().faces;
        faces.bold = "Nope.ttf".into();
        let err = FontSet::load(&faces, None).unwrap_err();
        assert!(err.to_string().contains("Nope.ttf"));
    }
}

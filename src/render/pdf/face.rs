//! One face of a font file: its shaper (rustybuzz, with a cache of shaped words and of
//! shaping plans), its metrics, the widths a PDF records, and what the manifest says of its
//! file.
//!
//! What this is not: choosing faces for a document's scripts ([`super::fonts`]) or
//! embedding them ([`super::embed`]).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use rustc_hash::FxHashMap;

use super::words;
use crate::render::fonts::{self, FontError, FontFile};

/// One loaded face: its bytes, a shaper over them and the subsetter's view built lazily.
pub struct Face {
    /// The file name, as the style names it.
    pub name: String,
    pub bytes: &'static [u8],
    /// The face's index in its file (a collection holds several faces).
    pub index: u32,
    /// How messages and the manifest name its file.
    pub shown: &'static str,
    pub(super) shaper: rustybuzz::Face<'static>,
    pub units_per_em: f32,
    /// Ascender and descender (negative) in font units.
    pub ascender: f32,
    pub descender: f32,
    pub(super) pdf_font: OnceLock<Option<printpdf::ParsedFont>>,
    /// The glyphs of the ASCII characters: `has_glyph` and `glyph_for` are asked for every
    /// character of a handout.
    pub(super) ascii: [Option<u16>; 128],
    /// Words already shaped, in font units, by script (see [`Face::shape_pieces`]).
    pub(super) shapes: RwLock<ShapeCache>,
    /// Shaping plans by direction and script: building one took half of each shaping call.
    pub(super) plans: RwLock<FxHashMap<PlanKey, Arc<rustybuzz::ShapePlan>>>,
    /// Whether shaping word by word gives what shaping whole runs gives: false if the face
    /// kerns a space against a letter or digit.
    pub(super) words_independent: bool,
    /// Each glyph's advance in thousandths of an em, to two decimals, as a PDF's `/W`
    /// records it (see [`Face::pdf_width`]).
    pub(super) pdf_widths: OnceLock<Vec<f32>>,
    /// Whether folio ships the face.
    pub(super) builtin: bool,
    /// Whether ideographs shape alone as they do in a run (see
    /// [`Face::ideographs_independent`]).
    pub(super) ideographs: OnceLock<bool>,
    /// The SHA-256 of the face's file, computed once (a CJK collection is 20 MB).
    pub(super) sha256: OnceLock<String>,
}

/// A shaped glyph in font units, its cluster relative to the piece of text shaped.
#[derive(Debug, Clone, Copy)]
pub(super) struct UnitGlyph {
    pub(super) gid: u16,
    pub(super) cluster: u32,
    pub(super) x_advance: i32,
    pub(super) font_advance: f32,
}

/// A shaping plan's direction, script and language.
type PlanKey = (
    rustybuzz::Direction,
    rustybuzz::Script,
    Option<rustybuzz::Language>,
);

/// Shaped words by script and language (given only where it changes the forms: CJK), then
/// by text.
type ShapeCache = HashMap<
    (rustybuzz::Script, Option<rustybuzz::Language>),
    FxHashMap<Box<str>, Arc<[UnitGlyph]>>,
>;

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
    pub(super) fn new(file: FontFile, index: u32) -> Result<Face, FontError> {
        let FontFile {
            name, shown, bytes, ..
        } = file;
        let shaper =
            rustybuzz::Face::from_slice(bytes, index).ok_or_else(|| FontError::Invalid {
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
            index,
            shown,
            units_per_em,
            ascender: f32::from(shaper.ascender()),
            descender: f32::from(shaper.descender()),
            shaper,
            pdf_font: OnceLock::new(),
            shapes: RwLock::new(HashMap::new()),
            plans: RwLock::new(FxHashMap::default()),
            words_independent: true,
            pdf_widths: OnceLock::new(),
            builtin: file.builtin,
            sha256: OnceLock::new(),
            ideographs: OnceLock::new(),
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
    pub(super) fn with_word_check(mut self) -> Face {
        self.words_independent = !self.kerns_across_spaces();
        self
    }

    /// Whether shaping a printable ASCII character beside a space gives other advances than
    /// shaping each alone: some faces kern a space against `T` or `1`.
    pub(super) fn kerns_across_spaces(&self) -> bool {
        let advance = |text: &str| -> i32 {
            self.shape_units(text, None, None)
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

    /// Shapes `text` in font units, in `direction` if given (else the one its characters
    /// suggest), in the script its characters suggest and in `language`.
    pub(super) fn shape_units(
        &self,
        text: &str,
        direction: Option<rustybuzz::Direction>,
        language: Option<&rustybuzz::Language>,
    ) -> Vec<UnitGlyph> {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        if let Some(direction) = direction {
            buffer.set_direction(direction);
        }
        if let Some(language) = language {
            buffer.set_language(language.clone());
        }
        let plan = self.plan(buffer.direction(), buffer.script(), language);
        self.glyphs_of(rustybuzz::shape_with_plan(&self.shaper, &plan, buffer))
    }

    /// Shapes `text` left to right in `script`: one word of a run, for the word cache.
    pub(super) fn shape_word(
        &self,
        text: &str,
        script: rustybuzz::Script,
        language: Option<&rustybuzz::Language>,
    ) -> Vec<UnitGlyph> {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_script(script);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        if let Some(language) = language {
            buffer.set_language(language.clone());
        }
        let plan = self.plan(buffer.direction(), buffer.script(), language);
        self.glyphs_of(rustybuzz::shape_with_plan(&self.shaper, &plan, buffer))
    }

    pub(super) fn glyphs_of(&self, shaped: rustybuzz::GlyphBuffer) -> Vec<UnitGlyph> {
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

    /// The shaping plan for text in `direction`, `script` (UNKNOWN: none) and `language`,
    /// made once.
    pub(super) fn plan(
        &self,
        direction: rustybuzz::Direction,
        script: rustybuzz::Script,
        language: Option<&rustybuzz::Language>,
    ) -> Arc<rustybuzz::ShapePlan> {
        let key = (direction, script, language.cloned());
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
            language,
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
    /// the run. Chinese and Japanese, written without spaces, are cut between characters
    /// (`by_character`), shaped in `language` (its regional forms): their faces kern no
    /// ideograph against the next, so this is what shaping the run gives. `push` gets each
    /// piece's offset in the run and its glyphs, in order.
    pub(super) fn shape_pieces(
        &self,
        run: &str,
        script: rustybuzz::Script,
        language: Option<&rustybuzz::Language>,
        by_character: bool,
        mut push: impl FnMut(usize, &[UnitGlyph]),
    ) {
        let key = (script, language.cloned());
        let pieces: Box<dyn Iterator<Item = (usize, &str)>> = if by_character {
            Box::new(words::characters(run))
        } else {
            Box::new(words::pieces(run))
        };
        // One look at the cache for the whole run (a lock taken per word cost more than
        // what it guards); the words it lacks are shaped, then remembered together.
        let mut fresh: Vec<(&str, Arc<[UnitGlyph]>)> = Vec::new();
        {
            let cache = self.shapes.read().ok();
            let words = cache.as_ref().and_then(|c| c.get(&key));
            for (offset, piece) in pieces {
                if let Some(glyphs) = words.and_then(|w| w.get(piece)) {
                    push(offset, glyphs);
                    continue;
                }
                let glyphs = self.shape_word(piece, script, language);
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
            let words = cache.entry(key).or_default();
            for (piece, glyphs) in fresh {
                words.entry(piece.into()).or_insert(glyphs);
            }
        }
    }

    /// Whether shaping text of ideographs and kana character by character gives what
    /// shaping it whole gives: the face kerns no pair of them (checked once, on a sample of
    /// common characters and punctuation, as [`Face::kerns_across_spaces`] is for spaces).
    pub(super) fn ideographs_independent(&self) -> bool {
        *self.ideographs.get_or_init(|| {
            const SAMPLE: &str = "高血压很常见。您可以每天早上在家里测量血压，请按时服药「说明」（注意）日本語のひらがなとカタカナ한국어葛\u{E0100}か\u{309A}";
            let han = words::run_script(SAMPLE);
            let whole: Vec<(u16, i32)> = self
                .shape_word(SAMPLE, han, None)
                .iter()
                .map(|g| (g.gid, g.x_advance))
                .collect();
            let pieces: Vec<(u16, i32)> = words::characters(SAMPLE)
                .flat_map(|(_, piece)| self.shape_word(piece, han, None))
                .map(|g| (g.gid, g.x_advance))
                .collect();
            whole == pieces
        })
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

    /// The face's file as the manifest records it: its path (or, for a face folio ships,
    /// its name), its index in the file and the file's SHA-256.
    pub fn used(&self) -> crate::render::writer::FontUsed {
        let sha256 = self.sha256.get_or_init(|| {
            let listed = if self.builtin {
                fonts::builtin_sha256(&self.name)
            } else {
                None
            };
            listed.map_or_else(|| crate::digest::sha256_hex(self.bytes), str::to_string)
        });
        crate::render::writer::FontUsed {
            file: if self.builtin {
                self.name.clone()
            } else {
                self.shown.to_string()
            },
            index: self.index,
            sha256: sha256.clone(),
        }
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
            .get_or_init(|| {
                printpdf::ParsedFont::from_bytes(self.bytes, self.index as usize, &mut Vec::new())
            })
            .as_ref()
    }

    /// Points per font unit at `size`.
    pub fn scale(&self, size: f32) -> f32 {
        size / self.units_per_em
    }
}

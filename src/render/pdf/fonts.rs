//! Fonts for the handout: the faces a document needs (the style's, and those of its
//! scripts), shaping text with them ([`super::face`]), one face for each run of one script,
//! falling back for characters a face lacks.
//!
//! Shaping (rustybuzz: kerning, ligatures) happens here, not in printpdf, so the layout knows
//! the true advance of every glyph. Each shaped glyph remembers the text of its cluster, which
//! the painter attaches to the glyph so copy-paste and `pdftotext` return the real words.
//!
//! Faces are made once per process and shared by every document and thread, over the files
//! [`crate::render::fonts`] finds (the project's `fonts/` folder, then the faces folio
//! ships).

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use unicode_script::Script;

pub use super::face::Face;
use super::face::UnitGlyph;
use super::scripts;
use super::style::Faces;
use super::words;
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

/// A face of a [`FontSet`]: an index into its faces. The first seven are the style's roles
/// ([`FaceKind`]), in that order; the faces for other scripts follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FaceId(u16);

impl FaceId {
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

impl From<FaceKind> for FaceId {
    fn from(kind: FaceKind) -> FaceId {
        FaceId(kind as u16)
    }
}

/// The faces a handout uses: the style's seven roles, then the faces of the scripts the
/// document holds that the body face lacks.
#[derive(Debug)]
pub struct FontSet {
    faces: Vec<&'static Face>,
    /// For each script with faces of its own in this set: regular, bold, italic, bold italic.
    scripts: Vec<(Script, [FaceId; 4])>,
    /// The document's language, for the shaper (some faces draw a letter by language).
    language: Option<rustybuzz::Language>,
    /// Whether the document is written right to left (its paragraphs' base direction, and
    /// its pages mirrored).
    rtl: bool,
}

/// Faces already made in this process, by the address of their file's bytes (the loader
/// reads each file once) and the face's index in it: made once, never freed (a handful per
/// process).
type FaceCache = HashMap<(usize, u32), &'static Face>;

fn cache() -> &'static Mutex<FaceCache> {
    static CACHE: OnceLock<Mutex<FaceCache>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The face `index` of a font file (a collection holds several), made once per process.
fn face_of(file: FontFile, index: u32) -> Result<&'static Face, FontError> {
    let key = (file.bytes.as_ptr() as usize, index);
    let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(face) = cache.get(&key) {
        return Ok(face);
    }
    let face: &'static Face = Box::leak(Box::new(Face::new(file, index)?));
    cache.insert(key, face);
    Ok(face)
}

/// What a document asks of its fonts besides the style: its language and characters.
#[derive(Debug, Clone, Default)]
pub struct Needs<'a> {
    /// BCP 47 tag ("" for none).
    pub language: &'a str,
    /// Every character of the document the handout may draw (see
    /// [`scripts::document_chars`]): one no face has fails the handout.
    pub chars: BTreeSet<char>,
    /// The characters of the words folio adds in the document's language (its terms):
    /// their faces are loaded too, but one no face has is only drawn as U+FFFD.
    pub furniture: BTreeSet<char>,
    /// Whether the system's fonts may be used (for Chinese, Japanese and Korean); off for a
    /// hermetic build.
    pub system_fonts: bool,
    /// Whether the document is written right to left.
    pub rtl: bool,
}

impl FontSet {
    /// Loads the faces a style names, from `fonts_dir` (the project's fonts/) or built in.
    pub fn load(faces: &Faces, fonts_dir: Option<&Path>) -> Result<FontSet, FontError> {
        FontSet::for_document(faces, fonts_dir, &Needs::default())
    }

    /// The style's faces and those `needs` calls for. When the built-in body face lacks
    /// letters of the document (Vietnamese, Cyrillic, Greek), the whole body is set in Noto
    /// Sans, so no word mixes two designs. Fails when no face has a character of the
    /// document's scripts, naming the script and what to install.
    pub fn for_document(
        faces: &Faces,
        fonts_dir: Option<&Path>,
        needs: &Needs<'_>,
    ) -> Result<FontSet, FontError> {
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
            let face = face_of(file, 0)?;
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
        let language = (!needs.language.is_empty())
            .then(|| needs.language.parse::<rustybuzz::Language>().ok())
            .flatten();
        let mut set = FontSet {
            faces: loaded,
            scripts: Vec::new(),
            language,
            rtl: needs.rtl,
        };
        if needs.chars.is_empty() && needs.furniture.is_empty() {
            return Ok(set);
        }
        // Only a body face folio ships is replaced: a project's own face is its choice.
        let builtin_body = set.faces[0].builtin;
        // The whole body moves to Noto Sans when the document's language needs letters
        // Atkinson Hyperlegible lacks (Vietnamese; Russian, Greek): not for a stray Greek
        // letter or a foreign name in an English handout, which fall back word by word.
        let lacks_letters = needs.chars.iter().any(|&c| {
            let missing = !set.faces[0].has_glyph(c);
            match scripts::own_script(c) {
                Some(Script::Latin) => missing && !crate::language::is_english(needs.language),
                Some(script @ (Script::Greek | Script::Cyrillic)) => {
                    missing && crate::language::script_of(needs.language) == Some(script)
                }
                _ => false,
            }
        });
        if builtin_body && lacks_letters {
            for (slot, name) in scripts::NOTO_SANS.iter().enumerate() {
                set.faces[slot] = face_of(fonts::load(name, None)?, 0)?;
            }
        }
        // Letters first, each script's faces once; then the characters several scripts
        // share (the danda, CJK punctuation), from a face of one of their scripts.
        let lacking: Vec<char> = needs
            .chars
            .union(&needs.furniture)
            .copied()
            .filter(|&c| scripts::needs_glyph(c) && !set.faces[0].has_glyph(c))
            .collect();
        for &c in &lacking {
            if let Some(script) = scripts::own_script(c) {
                set.add_script(script, needs, fonts_dir)?;
            }
        }
        let mut uncovered: Vec<char> = Vec::new();
        for &c in &lacking {
            if set.faces.iter().any(|face| face.has_glyph(c)) {
                continue;
            }
            if scripts::own_script(c).is_none() {
                use unicode_script::UnicodeScript;
                for script in c.script_extension().iter() {
                    if set.add_script(script, needs, fonts_dir)?
                        && set.faces.iter().any(|face| face.has_glyph(c))
                    {
                        break;
                    }
                }
            }
            if !set.faces.iter().any(|face| face.has_glyph(c)) && needs.chars.contains(&c) {
                uncovered.push(c);
            }
        }
        if uncovered.is_empty() {
            return Ok(set);
        }
        let cjk_found = set.scripts.iter().any(|(s, _)| *s == Script::Han);
        Err(scripts::uncovered_error(
            &uncovered,
            needs.language,
            needs.system_fonts,
            cjk_found,
        ))
    }

    /// Adds the faces of `script` to the set, once; whether the set has them now.
    fn add_script(
        &mut self,
        script: Script,
        needs: &Needs<'_>,
        fonts_dir: Option<&Path>,
    ) -> Result<bool, FontError> {
        let script = scripts::face_script(script);
        if self.scripts.iter().any(|(s, _)| *s == script) {
            return Ok(true);
        }
        let Some(source) = scripts::faces_for(script) else {
            return Ok(false);
        };
        match self.add_script_faces(source, needs, fonts_dir)? {
            Some(ids) => {
                self.scripts.push((script, ids));
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Loads the faces of a script into the set; `None` when they cannot be found (CJK
    /// faces not installed).
    fn add_script_faces(
        &mut self,
        source: scripts::ScriptFaces,
        needs: &Needs<'_>,
        fonts_dir: Option<&Path>,
    ) -> Result<Option<[FaceId; 4]>, FontError> {
        let faces: [&'static Face; 4] = match source {
            scripts::ScriptFaces::Builtin(files) => {
                let mut faces = Vec::with_capacity(4);
                for file in files {
                    faces.push(face_of(fonts::load(file, None)?, 0)?);
                }
                [faces[0], faces[1], faces[2], faces[3]]
            }
            scripts::ScriptFaces::Cjk => {
                let region = scripts::Region::of(needs.language);
                let find = |bold: bool| -> Result<Option<&'static Face>, FontError> {
                    let names = region.files(bold);
                    let names: Vec<&str> = names.iter().map(String::as_str).collect();
                    match fonts::find(&names, fonts_dir, needs.system_fonts)? {
                        Some(file) => {
                            let index = scripts::collection_index(file.bytes, region);
                            Ok(Some(face_of(file, index)?))
                        }
                        None => Ok(None),
                    }
                };
                let Some(regular) = find(false)? else {
                    return Ok(None);
                };
                let bold = find(true)?.unwrap_or(regular);
                [regular, bold, regular, bold]
            }
        };
        let mut ids = [FaceId(0); 4];
        for (slot, face) in faces.into_iter().enumerate() {
            ids[slot] = match self.faces.iter().position(|f| std::ptr::eq(*f, face)) {
                Some(index) => FaceId(index as u16),
                None => {
                    self.faces.push(face);
                    FaceId((self.faces.len() - 1) as u16)
                }
            };
        }
        Ok(Some(ids))
    }

    /// The built-in faces of the default style.
    pub fn builtin() -> Result<FontSet, FontError> {
        FontSet::load(&super::style::Style::builtin().faces, None)
    }

    /// Whether the document is written right to left.
    pub fn rtl(&self) -> bool {
        self.rtl
    }

    pub fn face(&self, id: impl Into<FaceId>) -> &'static Face {
        let id = id.into();
        self.faces.get(id.index()).copied().unwrap_or(self.faces[0])
    }

    /// Every face of the set with its id, roles first.
    pub fn faces(&self) -> impl Iterator<Item = (FaceId, &'static Face)> + '_ {
        self.faces
            .iter()
            .enumerate()
            .map(|(index, face)| (FaceId(index as u16), *face))
    }

    /// The face for text of `script` in the weight and slant of `kind`, if the set has
    /// faces for that script.
    fn script_face(&self, script: Option<Script>, kind: FaceKind) -> Option<FaceId> {
        let script = scripts::face_script(script?);
        let (_, ids) = self.scripts.iter().find(|(s, _)| *s == script)?;
        let slot = match kind {
            FaceKind::Bold | FaceKind::MonoBold => 1,
            FaceKind::Italic => 2,
            FaceKind::BoldItalic => 3,
            _ => 0,
        };
        Some(ids[slot])
    }

    /// Shapes `text` in `kind` at bidi `level` (odd: right to left), glyphs in logical
    /// order. The text is cut into runs of one script (digits and punctuation go with the
    /// letters around them); each run takes one face for all its letters — `kind`'s when
    /// it has them all, else the script's face — so no word mixes designs, and only
    /// symbols neither has come from another face. Characters no face has are drawn as
    /// U+FFFD from the fallback face (their own text is still attached) and reported in
    /// `missing`.
    pub fn shape(
        &self,
        text: &str,
        kind: FaceKind,
        size: f32,
        level: u8,
        missing: &mut BTreeSet<char>,
    ) -> Vec<Glyph> {
        let mut glyphs = Vec::with_capacity(text.len());
        let primary = self.face(kind);
        if level == 0
            && text
                .chars()
                .all(|c| primary.has_glyph(c) || !scripts::needs_glyph(c))
        {
            // Most text: one face, left to right.
            self.shape_run(
                text,
                0,
                text.len(),
                (kind.into(), false),
                size,
                0,
                None,
                &mut glyphs,
            );
            return glyphs;
        }
        for (range, script) in scripts::script_runs(text) {
            let run = &text[range.clone()];
            let letters_in = |piece: &str, face: &Face| {
                piece
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .all(|c| face.has_glyph(c))
            };
            // A run of Latin, Greek or Cyrillic the body face cannot set whole (a Greek
            // letter or a Vietnamese name in an English handout) takes the script's face
            // word by word: the other words keep the body face.
            let word_by_word = !letters_in(run, primary)
                && matches!(
                    script,
                    Some(Script::Latin | Script::Greek | Script::Cyrillic)
                );
            let units: Vec<(usize, &str)> = if word_by_word {
                words::pieces(run).collect()
            } else {
                vec![(0, run)]
            };
            let mut start = range.start;
            let mut current: Option<(FaceId, bool)> = None;
            for (unit_offset, unit) in units {
                // The script's face is the one made for those letters: it sets the unit
                // (a letter it lacks after all comes from another face below).
                let main: FaceId = if letters_in(unit, primary) {
                    kind.into()
                } else {
                    self.script_face(script, kind).unwrap_or(kind.into())
                };
                // Characters the unit's face lacks: the style's face, the script's, the
                // fallback, any face.
                for (offset, c) in unit.char_indices() {
                    let at = range.start + unit_offset + offset;
                    let choice = if self.face(main).has_glyph(c) || !scripts::needs_glyph(c) {
                        (main, false)
                    } else if let Some(id) = std::iter::once(FaceId::from(kind))
                        .chain(self.script_face(script.or(scripts::own_script(c)), kind))
                        .chain(std::iter::once(FaceId::from(FaceKind::Fallback)))
                        .chain(self.faces().map(|(id, _)| id))
                        .find(|&id| self.face(id).has_glyph(c))
                    {
                        (id, false)
                    } else {
                        missing.insert(c);
                        (FaceKind::Fallback.into(), true)
                    };
                    if current != Some(choice) {
                        if let Some(face) = current {
                            self.shape_run(text, start, at, face, size, level, script, &mut glyphs);
                        }
                        current = Some(choice);
                        start = at;
                    }
                }
            }
            if let Some(face) = current {
                self.shape_run(
                    text,
                    start,
                    range.end,
                    face,
                    size,
                    level,
                    script,
                    &mut glyphs,
                );
            }
        }
        glyphs
    }

    #[allow(clippy::too_many_arguments)]
    fn shape_run(
        &self,
        text: &str,
        start: usize,
        end: usize,
        (id, replace): (FaceId, bool),
        size: f32,
        level: u8,
        script: Option<Script>,
        out: &mut Vec<Glyph>,
    ) {
        let face = self.face(id);
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
                    face: id,
                    gid,
                    cluster: start + i,
                    advance: advance * scale,
                    font_advance: advance * scale,
                    replacement: true,
                    level,
                });
            }
            return;
        }
        let run = &text[start..end];
        let first = out.len();
        let mut push = |offset: usize, glyphs: &[UnitGlyph]| {
            for g in glyphs {
                out.push(Glyph {
                    face: id,
                    gid: g.gid,
                    cluster: start + offset + g.cluster as usize,
                    advance: g.x_advance as f32 * scale,
                    font_advance: g.font_advance * scale,
                    replacement: false,
                    level,
                });
            }
        };
        let rtl = level % 2 == 1;
        let spaced = !script.is_some_and(scripts::is_unspaced);
        let han = script == Some(Script::Han) && !rtl && face.ideographs_independent();
        if face.words_independent && !rtl && spaced && self.language_neutral(script) {
            // Word by word (each with the spaces after it), from the face's cache: the face
            // kerns nothing across a space (checked when it was loaded).
            face.shape_pieces(run, words::run_script(run), None, false, push);
        } else if han {
            // Chinese and Japanese character by character, from the cache, in the
            // document's language.
            face.shape_pieces(
                run,
                words::run_script(run),
                self.language.as_ref(),
                true,
                push,
            );
        } else {
            let direction = if rtl {
                rustybuzz::Direction::RightToLeft
            } else {
                rustybuzz::Direction::LeftToRight
            };
            push(
                0,
                &face.shape_units(run, Some(direction), self.language.as_ref()),
            );
            if rtl {
                // The shaper gives right-to-left glyphs in visual order; lines are broken
                // in logical order and reordered for display line by line.
                out[first..].reverse();
            }
        }
    }

    /// Whether text in `script` shapes the same in every language (so the shared word
    /// cache may serve it): Latin, Greek and Cyrillic text in the faces folio ships does;
    /// CJK forms and some Cyrillic and Devanagari letters do not.
    fn language_neutral(&self, script: Option<Script>) -> bool {
        self.language.is_none() || matches!(script, None | Some(Script::Latin))
    }
}

/// A shaped glyph, in points at the size it was shaped for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub face: FaceId,
    pub gid: u16,
    /// Byte offset, in the shaped text, of the cluster this glyph belongs to.
    pub cluster: usize,
    /// Advance after shaping (kerning applied).
    pub advance: f32,
    /// The glyph's own advance in the font, which a PDF viewer applies by itself.
    pub font_advance: f32,
    /// U+FFFD standing in for a character no face has.
    pub replacement: bool,
    /// The bidi embedding level of its text (odd: right to left).
    pub level: u8,
}

#[cfg(test)]
mod tests {

    #[test]
    fn word_by_word_shaping_matches_shaping_whole_lines() {
        let fonts = FontSet::builtin().unwrap();
        let text = "Take 2 tablets, twice a day. Office hours: AV, Ty, fi.";
        let mut missing = std::collections::BTreeSet::new();
        let glyphs = fonts.shape(text, FaceKind::Regular, 12.0, 0, &mut missing);
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
        let whole = face.shape_units(text, None, None);
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
        let glyphs = fonts.shape("AVATAR", FaceKind::Regular, 12.0, 0, &mut missing);
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
        let glyphs = fonts.shape("a → b", FaceKind::Regular, 12.0, 0, &mut missing);
        let arrow = glyphs.iter().find(|g| g.cluster == 2).unwrap();
        assert_eq!(arrow.face, FaceKind::Fallback.into());
        assert_ne!(arrow.gid, 0);
        assert!(missing.is_empty());
    }

    #[test]
    fn characters_no_face_has_are_reported_not_dropped() {
        let fonts = FontSet::builtin().unwrap();
        let mut missing = BTreeSet::new();
        let glyphs = fonts.shape("痛み😀", FaceKind::Regular, 12.0, 0, &mut missing);
        assert_eq!(glyphs.len(), 3, "{glyphs:?} {missing:?}");
        assert!(
            missing.contains(&'痛') && missing.contains(&'み'),
            "{missing:?}"
        );
        assert!(
            glyphs
                .iter()
                .all(|g| g.face == FaceKind::Fallback.into() && g.gid != 0)
        );
    }

    #[test]
    fn cjk_variants_and_marks_shape_as_they_do_in_their_run() {
        // A name's own form of 葛 (a variation selector) and か with a handakuten, shaped
        // from the cache character by character, as HarfBuzz shapes the whole run.
        let text = "葛\u{E0100}飾区のか\u{309A}さん";
        let needs = Needs {
            language: "ja",
            chars: text.chars().collect(),
            furniture: BTreeSet::new(),
            system_fonts: true,
            rtl: false,
        };
        let Ok(fonts) =
            FontSet::for_document(&super::super::style::Style::builtin().faces, None, &needs)
        else {
            assert!(
                std::env::var_os("FOLIO_REQUIRE_TOOLS").is_none(),
                "Noto Sans CJK (fonts-noto-cjk) is required"
            );
            return;
        };
        let mut missing = BTreeSet::new();
        let glyphs = fonts.shape(text, FaceKind::Regular, 12.0, 0, &mut missing);
        let face = fonts.face(glyphs[0].face);
        let language: rustybuzz::Language = "ja".parse().unwrap();
        let whole = face.shape_units(
            text,
            Some(rustybuzz::Direction::LeftToRight),
            Some(&language),
        );
        let ids = |gids: Vec<u16>| gids;
        assert_eq!(
            ids(glyphs.iter().map(|g| g.gid).collect()),
            ids(whole.iter().map(|g| g.gid).collect()),
        );
        assert!(missing.is_empty());
    }

    #[test]
    fn unknown_font_names_are_errors() {
        let mut faces = super::super::style::Style::builtin().faces;
        faces.bold = "Nope.ttf".into();
        let err = FontSet::load(&faces, None).unwrap_err();
        assert!(err.to_string().contains("Nope.ttf"));
    }
}

//! Which face sets which script: the faces folio ships for the scripts Atkinson Hyperlegible
//! lacks (Noto Sans and its script faces), the Chinese, Japanese and Korean faces found on
//! the system, and the characters a document needs faces for.
//!
//! What this is not: loading or shaping ([`super::fonts`]); the order of text on a line
//! ([`super::bidi`]).

use std::collections::BTreeSet;

use unicode_script::{Script, UnicodeScript};

use crate::model::{Block, Document, Inline};
use crate::render::fonts::FontError;

/// The body face for Latin, Greek and Cyrillic text when the style's face lacks some of the
/// document's letters (Vietnamese in Atkinson Hyperlegible): regular, bold, italic, bold
/// italic.
pub const NOTO_SANS: [&str; 4] = [
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSans-Italic.ttf",
    "NotoSans-BoldItalic.ttf",
];

/// Where the faces for a script come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptFaces {
    /// Faces folio ships: regular, bold, italic, bold italic (the same file twice where
    /// the script has no italic).
    Builtin([&'static str; 4]),
    /// Chinese, Japanese or Korean: found in the project's fonts/ or the system's.
    Cjk,
}

/// The faces for text in `script`, if folio knows any.
pub fn faces_for(script: Script) -> Option<ScriptFaces> {
    let pair = |regular: &'static str, bold: &'static str| {
        Some(ScriptFaces::Builtin([regular, bold, regular, bold]))
    };
    match script {
        Script::Latin | Script::Greek | Script::Cyrillic => Some(ScriptFaces::Builtin(NOTO_SANS)),
        Script::Arabic => pair("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
        Script::Hebrew => pair("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
        Script::Devanagari => pair(
            "NotoSansDevanagari-Regular.ttf",
            "NotoSansDevanagari-Bold.ttf",
        ),
        Script::Bengali => pair("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
        Script::Thai => pair("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
        Script::Lao => pair("NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf"),
        Script::Khmer => pair("NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf"),
        Script::Myanmar => pair("NotoSansMyanmar-Regular.ttf", "NotoSansMyanmar-Bold.ttf"),
        Script::Ethiopic => pair("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => {
            Some(ScriptFaces::Cjk)
        }
        _ => None,
    }
}

/// Which of the CJK faces' regional forms a language reads: the same character is drawn
/// differently in Simplified and Traditional Chinese, Japanese and Korean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    SimplifiedChinese,
    TraditionalChinese,
    HongKong,
    Japanese,
    Korean,
}

impl Region {
    /// The region for a BCP 47 tag; Simplified Chinese when the tag says nothing (the
    /// most readers).
    pub fn of(language: &str) -> Region {
        let lower = language.to_ascii_lowercase();
        let mut parts = lower.split(['-', '_']);
        let primary = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        match primary {
            "ja" => Region::Japanese,
            "ko" => Region::Korean,
            "zh" | "yue" | "cmn" => {
                if rest.contains(&"hans") {
                    Region::SimplifiedChinese
                } else if rest.iter().any(|p| matches!(*p, "hk" | "mo")) || primary == "yue" {
                    Region::HongKong
                } else if rest.iter().any(|p| matches!(*p, "hant" | "tw")) {
                    Region::TraditionalChinese
                } else {
                    Region::SimplifiedChinese
                }
            }
            _ => Region::SimplifiedChinese,
        }
    }

    /// The suffix of the Noto Sans CJK family for this region ("Noto Sans CJK SC").
    pub fn suffix(self) -> &'static str {
        match self {
            Region::SimplifiedChinese => "SC",
            Region::TraditionalChinese => "TC",
            Region::HongKong => "HK",
            Region::Japanese => "JP",
            Region::Korean => "KR",
        }
    }

    /// The font files that may hold the region's faces, in order of preference: Debian's
    /// collections (fonts-noto-cjk), then Noto's own per-region files. Bold first or
    /// regular first as asked.
    pub fn files(self, bold: bool) -> Vec<String> {
        let weight = if bold { "Bold" } else { "Regular" };
        let suffix = self.suffix();
        vec![
            format!("NotoSansCJK-{weight}.ttc"),
            format!("NotoSansCJK{}-{weight}.otf", suffix.to_ascii_lowercase()),
            format!("NotoSans{suffix}-{weight}.otf"),
            format!("NotoSansCJK{suffix}-{weight}.otf"),
        ]
    }
}

/// Which system CJK font files a build would find, with their sizes and modification times
/// (not their contents: they are tens of megabytes): part of a handout's cache key.
pub fn system_fingerprint() -> String {
    let mut out = String::new();
    for region in [
        Region::SimplifiedChinese,
        Region::TraditionalChinese,
        Region::HongKong,
        Region::Japanese,
        Region::Korean,
    ] {
        for bold in [false, true] {
            let names = region.files(bold);
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            if let Some((_, path)) = crate::render::fonts::locate_system(&names)
                && let Ok(meta) = std::fs::metadata(&path)
            {
                let modified = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_secs());
                out.push_str(&format!("{} {} {modified};", path.display(), meta.len()));
            }
        }
    }
    out
}

/// The face of a font collection (`.ttc`) whose family is "Noto Sans CJK <suffix>" (not
/// the monospaced one); 0 for a single font, or when no name matches.
pub fn collection_index(bytes: &[u8], region: Region) -> u32 {
    let Some(count) = rustybuzz::ttf_parser::fonts_in_collection(bytes) else {
        return 0;
    };
    let wanted = format!("Noto Sans CJK {}", region.suffix());
    (0..count)
        .find(|&index| {
            rustybuzz::ttf_parser::Face::parse(bytes, index).is_ok_and(|face| {
                face.names().into_iter().any(|name| {
                    matches!(name.name_id, 1 | 16)
                        && name.to_string().is_some_and(|family| family == wanted)
                })
            })
        })
        .unwrap_or(0)
}

/// The script whose faces set text of `script`: kana, hangul and bopomofo are drawn by the
/// faces of Han (one CJK face sets a whole Japanese or Korean sentence).
pub fn face_script(script: Script) -> Script {
    match script {
        Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => Script::Han,
        s => s,
    }
}

/// Whether text in `script` is written without spaces between words (so a run of it is
/// one long piece, not a list of words).
pub fn is_unspaced(script: Script) -> bool {
    matches!(
        face_script(script),
        Script::Han | Script::Thai | Script::Lao | Script::Khmer | Script::Myanmar
    )
}

/// Whether `c` needs a glyph of its own: not a control, space or invisible mark.
pub fn needs_glyph(c: char) -> bool {
    !(c.is_control() || c.is_whitespace() || is_invisible(c))
}

/// Characters with no visible form of their own (joiners, direction marks, variation
/// selectors).
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{00AD}')
        || ('\u{E0100}'..='\u{E01EF}').contains(&c)
}

/// The script a character belongs to for choosing a face: its own, or none for the
/// characters every script shares (digits, punctuation, spaces) and combining marks, which
/// take the face of the text around them.
pub fn own_script(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        script => Some(script),
    }
}

/// Every character the handout may draw: the metadata it prints and the text of every block
/// and footnote (code, raw HTML and formulas included, as the writer prints them).
pub fn document_chars(doc: &Document) -> BTreeSet<char> {
    let mut chars = BTreeSet::new();
    let mut add = |s: &str| {
        // Most handouts are ASCII: one pass over the bytes answers for them.
        if !s.is_ascii() {
            chars.extend(s.chars().filter(|c| !c.is_ascii()));
        }
    };
    let meta = &doc.meta;
    add(&meta.title);
    for text in [
        &meta.subtitle,
        &meta.organization,
        &meta.reviewed_by,
        &meta.version,
        &meta.disclaimer,
    ]
    .into_iter()
    .flatten()
    {
        add(text);
    }
    for author in &meta.authors {
        add(author);
    }
    let blocks = |list: &[Block], add: &mut dyn FnMut(&str)| {
        crate::model::walk_blocks(list, &mut |block| match block {
            Block::Code { text, .. } => add(text),
            Block::Math { tex, .. } => add(tex),
            Block::Html { raw, .. } => add(raw),
            Block::Callout {
                title: Some(title), ..
            } => add(title),
            _ => {}
        });
        crate::model::walk_inlines(list, &mut |inline, _| match inline {
            Inline::Text { text } => add(text),
            Inline::Code { code } => add(code),
            Inline::Image { alt, .. } => add(alt),
            Inline::Math { tex, .. } => add(tex),
            Inline::Html { raw } => add(raw),
            _ => {}
        });
    };
    blocks(&doc.blocks, &mut add);
    for note in &doc.footnotes {
        blocks(&note.blocks, &mut add);
    }
    chars
}

/// Why a document cannot be set: the script of its first character no face has, the first
/// few such characters, and what to install.
pub fn uncovered_error(
    uncovered: &[char],
    language: &str,
    system_fonts: bool,
    cjk_found: bool,
) -> FontError {
    // Named by the first character with a script of its own (punctuation every script
    // shares sorts first).
    let script = uncovered.iter().find_map(|&c| own_script(c));
    let what = script.map_or("characters".to_string(), |s| {
        format!("{} characters", s.full_name())
    });
    let sample = uncovered
        .iter()
        .take(6)
        .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
        .collect::<Vec<_>>()
        .join(", ");
    let cjk = script.is_some_and(|s| face_script(s) == Script::Han)
        || (script.is_none() && crate::language::is_cjk(language));
    let help = if cjk && !cjk_found {
        let region = Region::of(language);
        let system = if system_fonts {
            "install Debian's fonts-noto-cjk (`apt install fonts-noto-cjk`), or put"
        } else {
            "system fonts are off (`[pdf] system_fonts = false`): put"
        };
        format!(
            "{system} {} and {} in the project's fonts/ folder",
            region.files(false)[0],
            region.files(true)[0]
        )
    } else {
        let lacking = if cjk {
            "the Noto Sans CJK faces found lack them: "
        } else {
            ""
        };
        format!(
            "{lacking}put a font that has them in the project's fonts/ folder and name it as `fallback` in styles/handout.toml"
        )
    };
    FontError::Uncovered {
        script: what,
        sample,
        count: uncovered.len(),
        help,
    }
}

/// `text` cut into runs of one script. Characters of no script of their own (digits,
/// punctuation, spaces, marks) join the run before them, or the one after at the start.
pub fn script_runs(text: &str) -> Vec<(std::ops::Range<usize>, Option<Script>)> {
    let mut runs: Vec<(std::ops::Range<usize>, Option<Script>)> = Vec::new();
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        // Japanese mixes kana and Han in one sentence: one run, one face.
        let script = own_script(c).map(face_script);
        match runs.last_mut() {
            Some((range, current)) if script.is_none() || *current == script => range.end = end,
            Some((range, current)) if current.is_none() => {
                range.end = end;
                *current = script;
            }
            _ => runs.push((at..end, script)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_follow_the_language_tag() {
        assert_eq!(Region::of("zh"), Region::SimplifiedChinese);
        assert_eq!(Region::of("zh-Hans"), Region::SimplifiedChinese);
        assert_eq!(Region::of("zh-Hant"), Region::TraditionalChinese);
        assert_eq!(Region::of("zh-TW"), Region::TraditionalChinese);
        assert_eq!(Region::of("zh-Hant-HK"), Region::HongKong);
        assert_eq!(Region::of("ja-JP"), Region::Japanese);
        assert_eq!(Region::of("ko"), Region::Korean);
        assert_eq!(Region::of("en"), Region::SimplifiedChinese);
    }

    #[test]
    fn shared_characters_have_no_script_of_their_own() {
        assert_eq!(own_script('a'), Some(Script::Latin));
        assert_eq!(own_script('ư'), Some(Script::Latin));
        assert_eq!(own_script('1'), None);
        assert_eq!(own_script('。'), None);
        assert_eq!(own_script('\u{0301}'), None);
        assert_eq!(own_script('血'), Some(Script::Han));
        assert_eq!(own_script('ض'), Some(Script::Arabic));
    }

    #[test]
    fn every_script_face_folio_names_is_built_in() {
        for script in [
            Script::Latin,
            Script::Arabic,
            Script::Hebrew,
            Script::Devanagari,
            Script::Bengali,
            Script::Thai,
            Script::Lao,
            Script::Khmer,
            Script::Myanmar,
            Script::Ethiopic,
        ] {
            let Some(ScriptFaces::Builtin(files)) = faces_for(script) else {
                panic!("{script:?}")
            };
            for file in files {
                let font = crate::render::fonts::load(file, None).unwrap();
                assert!(font.builtin, "{file}");
            }
        }
    }
}

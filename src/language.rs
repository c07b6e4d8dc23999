//! What a document's language decides besides its words: the direction it is written in.
//! One rule, used by every writer: the HTML `dir`, the EPUB's page progression and the
//! PDF's line order and mirrored page.
//!
//! What this is not: the words folio writes in a language ([`crate::terms`]), nor checking
//! that a tag is BCP 47 (the front-matter reader does).

/// The direction a document is written in.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

impl Direction {
    /// The direction of a language (a BCP 47 tag), or of the script its tag names:
    /// Arabic, Persian, Urdu, Hebrew, Yiddish, Pashto, Sindhi, Uyghur, Kurdish (Sorani),
    /// Dhivehi, Syriac, N'Ko are written right to left.
    pub fn of_language(tag: &str) -> Direction {
        // A script subtag says it outright: `az-Arab`, `ku-Arab`, `pa-Arab`.
        if let Some(script) = script_subtag(tag) {
            return if matches!(
                script.as_str(),
                "arab" | "hebr" | "syrc" | "thaa" | "nkoo" | "adlm"
            ) {
                Direction::Rtl
            } else {
                Direction::Ltr
            };
        }
        const RIGHT_TO_LEFT: &[&str] = &[
            "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "nqo", "ps", "sd", "syr", "ug", "ur",
            "yi",
        ];
        if RIGHT_TO_LEFT.contains(&primary(tag).as_str()) {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    /// The direction a document is written in: its front matter's `dir` when it says
    /// `ltr` or `rtl`, else (no `dir`, or `auto`) its language's.
    pub fn of_document(meta: &crate::model::Meta) -> Direction {
        match meta.dir.as_deref() {
            Some("rtl") => Direction::Rtl,
            Some("ltr") => Direction::Ltr,
            _ => Direction::of_language(&meta.language),
        }
    }

    pub fn is_rtl(self) -> bool {
        self == Direction::Rtl
    }

    /// `ltr` or `rtl`, as HTML's `dir` and EPUB's `page-progression-direction` write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// The primary language subtag of a BCP 47 tag, in lower case (`es` for `es-MX`).
pub fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The script subtag of a BCP 47 tag, in lower case (`arab` for `az-Arab-IR`): the
/// four-letter subtag before any extension (`ar-u-nu-latn` has none).
pub fn script_subtag(tag: &str) -> Option<String> {
    tag.split(['-', '_'])
        .skip(1)
        .take_while(|part| part.len() != 1)
        .find(|part| part.len() == 4 && part.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase)
}

/// Whether the tag is English (or names no language).
pub fn is_english(tag: &str) -> bool {
    matches!(primary(tag).as_str(), "en" | "")
}

/// Whether the language is written in Chinese, Japanese or Korean characters.
pub fn is_cjk(tag: &str) -> bool {
    matches!(primary(tag).as_str(), "zh" | "ja" | "ko" | "yue" | "cmn")
}

/// Whether `c` is a Hangul letter (syllable or jamo): Korean, which separates its words with
/// spaces and keeps them whole at line ends.
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{A960}'..='\u{A97F}' | '\u{D7B0}'..='\u{D7FF}')
}

/// The alphabet a language is written in, for the ones folio sets with a body face of
/// their own when Atkinson Hyperlegible lacks them: Greek and Cyrillic.
pub fn script_of(tag: &str) -> Option<unicode_script::Script> {
    use unicode_script::Script;
    match script_subtag(tag).as_deref() {
        Some("cyrl") => return Some(Script::Cyrillic),
        Some("grek") => return Some(Script::Greek),
        Some("latn") => return Some(Script::Latin),
        _ => {}
    }
    match primary(tag).as_str() {
        "el" => Some(Script::Greek),
        "ru" | "uk" | "be" | "bg" | "mk" | "sr" | "kk" | "ky" | "tg" | "mn" | "tt" | "ba"
        | "cv" | "ce" | "os" | "sah" => Some(Script::Cyrillic),
        _ => None,
    }
}

/// The number groups of `text` that read left to right as a whole in any language: phone
/// numbers and ranges ("(555) 123-4567", "+1 800 555 0100", "10-20", "19–28",
/// "2026-09-15"), digits joined by hyphens, en dashes, dots, colons, slashes, spaces and
/// brackets. A group without
/// such a joint is left out (a lone number needs no help). The HTML wraps them in
/// `<span dir="ltr">` in right-to-left documents; the PDF sets them left to right.
pub fn number_groups(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let digit = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let mut groups = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let opens = matches!(bytes[at], b'(' | b'+') && digit(at + 1);
        if !(digit(at) || opens) {
            at += 1;
            continue;
        }
        let start = at;
        let mut end = at;
        let mut joined = false;
        let mut open = 0i32;
        let mut next = at;
        while next < bytes.len() {
            match bytes[next] {
                b'0'..=b'9' => end = next + 1,
                b')' if open > 0 => {
                    open -= 1;
                    end = next + 1;
                }
                b'(' | b'+' if digit(next + 1) => {
                    open += i32::from(bytes[next] == b'(');
                    joined = true;
                }
                b'-' | b'.' | b':' | b'/' if digit(next + 1) => joined = true,
                // An en dash (U+2013, E2 80 93) between numbers: a range, "19–28".
                0xE2 if bytes.get(next + 1..next + 3) == Some(&[0x80, 0x93][..])
                    && digit(next + 3) =>
                {
                    joined = true;
                    next += 2;
                }
                b' ' if digit(next + 1)
                    || (bytes.get(next + 1) == Some(&b'(') && digit(next + 2)) =>
                {
                    joined = true
                }
                _ => break,
            }
            next += 1;
        }
        if joined && end > start && open == 0 {
            groups.push(start..end);
        }
        at = next.max(at + 1);
    }
    groups
}

/// The values front matter's `dir` may take.
pub const DIRECTIONS: &[&str] = &["ltr", "rtl", "auto"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_written_right_to_left() {
        for tag in ["ar", "ar-EG", "fa", "he", "ur", "yi", "ps", "AR", "az-Arab"] {
            assert_eq!(Direction::of_language(tag), Direction::Rtl, "{tag}");
        }
        for tag in [
            "en", "es-MX", "zh-Hans", "hi", "th", "arn", "her", "ur-Latn", "",
        ] {
            assert_eq!(Direction::of_language(tag), Direction::Ltr, "{tag}");
        }
        // An extension is no script: Arabic with Latin digits is still Arabic.
        assert_eq!(Direction::of_language("ar-u-nu-latn"), Direction::Rtl);
        assert_eq!(script_subtag("ar-u-nu-latn"), None);
        assert_eq!(script_subtag("az-Arab-IR").as_deref(), Some("arab"));
    }

    #[test]
    fn phone_numbers_and_ranges_are_number_groups() {
        let groups = |text: &str| -> Vec<String> {
            number_groups(text)
                .into_iter()
                .map(|r| text[r].to_string())
                .collect()
        };
        assert_eq!(
            groups("اتصل (555) 123-4567 أو 911، من 10-20 مرة، الساعة 8:00."),
            ["(555) 123-4567", "10-20", "8:00"]
        );
        assert_eq!(groups("+1 800 555 0100"), ["+1 800 555 0100"]);
        assert_eq!(groups("من 19–28 يوما"), ["19–28"]);
        assert_eq!(groups("page 12 of 30"), Vec::<String>::new());
        assert_eq!(groups("(note) 5"), Vec::<String>::new());
    }

    #[test]
    fn languages_and_their_alphabets() {
        use unicode_script::Script;
        assert!(is_english("en-GB") && is_english("") && !is_english("es"));
        assert!(is_cjk("zh-Hant") && is_cjk("ja") && !is_cjk("vi"));
        assert_eq!(script_of("ru"), Some(Script::Cyrillic));
        assert_eq!(script_of("sr-Latn"), Some(Script::Latin));
        assert_eq!(script_of("es"), None);
    }
}

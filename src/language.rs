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
        let lower = tag.to_ascii_lowercase();
        let mut parts = lower.split(['-', '_']);
        let primary = parts.next().unwrap_or("");
        // A script subtag says it outright: `az-Arab`, `ku-Arab`, `pa-Arab`.
        for part in parts {
            if part.len() == 4 {
                return if matches!(part, "arab" | "hebr" | "syrc" | "thaa" | "nkoo" | "adlm") {
                    Direction::Rtl
                } else {
                    Direction::Ltr
                };
            }
        }
        const RIGHT_TO_LEFT: &[&str] = &[
            "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku-arab", "nqo", "pa-arab", "ps",
            "sd", "syr", "ug", "ur", "yi",
        ];
        if RIGHT_TO_LEFT.contains(&primary) {
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
    }
}

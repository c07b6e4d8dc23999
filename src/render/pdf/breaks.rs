//! Where a line may end: Unicode's line-breaking rules (UAX #14) — between words, and
//! between Chinese and Japanese characters except before closing punctuation or after
//! opening punctuation — and, for Thai, Lao, Khmer and Burmese, which put no spaces between
//! words, between the words a dictionary finds (ICU4X's segmenter), never inside a word.
//!
//! What this is not: choosing among the opportunities (the line breaker in
//! [`super::inline`]).

use icu_segmenter::LineSegmenter;
use icu_segmenter::options::LineBreakOptions;
use unicode_linebreak::{BreakOpportunity, linebreaks};

/// Byte offsets a line may end at in `text`, and whether it must (after a line feed). A
/// hyphen inside a word is no opportunity (see [`is_compound_hyphen`]).
pub fn opportunities(text: &str) -> Vec<(usize, bool)> {
    // Those scripts' UTF-8 lead bytes are 0xE0 (Thai, Lao), 0xE1 (Myanmar, Khmer) or 0xEA
    // (their extensions): a byte scan rules out most text at once.
    if text.bytes().any(|b| matches!(b, 0xE0 | 0xE1 | 0xEA)) && text.chars().any(needs_dictionary) {
        return dictionary_opportunities(text);
    }
    linebreaks(text)
        .filter(|&(at, kind)| {
            kind == BreakOpportunity::Mandatory
                || !(is_compound_hyphen(text, at) || inside_korean_word(text, at))
        })
        .map(|(at, kind)| (at, kind == BreakOpportunity::Mandatory))
        .collect()
}

/// Whether a break at `at` falls between two Hangul letters: Korean puts spaces between its
/// words and breaks lines there (as `word-break: keep-all` does), not between syllables.
fn inside_korean_word(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    before.is_some_and(crate::language::is_hangul) && after.is_some_and(crate::language::is_hangul)
}

/// Thai, Lao, Khmer and Myanmar letters: their words are found by a dictionary.
fn needs_dictionary(c: char) -> bool {
    matches!(c, '\u{0E00}'..='\u{0EFF}' | '\u{1000}'..='\u{109F}' | '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}' | '\u{AA60}'..='\u{AA7F}' | '\u{A9E0}'..='\u{A9FF}')
}

/// The opportunities ICU4X's line segmenter finds, with its dictionaries for the scripts
/// that need them (it applies UAX #14 to everything else).
fn dictionary_opportunities(text: &str) -> Vec<(usize, bool)> {
    let segmenter = LineSegmenter::new_dictionary(LineBreakOptions::default());
    segmenter
        .segment_str(text)
        .filter(|&at| at > 0)
        .filter(|&at| {
            at == text.len() || !(is_compound_hyphen(text, at) || inside_korean_word(text, at))
        })
        .map(|at| {
            let mandatory = at == text.len()
                || text[..at].chars().next_back().is_some_and(|c| {
                    matches!(
                        c,
                        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
                    )
                });
            (at, mandatory)
        })
        .collect()
}

/// Whether a break at `at` would split a hyphenated word (`mood-|enhancing`). Clear-print
/// guidance asks not to split words across lines, and a reader (or pdftotext) would take the
/// hyphen at a line end for a soft one and join the halves. Such words still break if they
/// are wider than the line.
fn is_compound_hyphen(text: &str, at: usize) -> bool {
    let before = text[..at].chars().rev();
    let mut before = before.take(2);
    let hyphen = before.next();
    let letter_before = before.next();
    let letter_after = text[at..].chars().next();
    matches!(hyphen, Some('-' | '\u{2010}'))
        && letter_before.is_some_and(char::is_alphanumeric)
        && letter_after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        let mut start = 0;
        opportunities(text)
            .into_iter()
            .map(|(at, _)| {
                let piece = &text[start..at];
                start = at;
                piece
            })
            .collect()
    }

    #[test]
    fn english_breaks_after_spaces_and_keeps_hyphenated_words() {
        assert_eq!(
            pieces("a mood-enhancing pill"),
            ["a ", "mood-enhancing ", "pill"]
        );
        assert_eq!(opportunities("one\ntwo").first(), Some(&(4, true)));
    }

    #[test]
    fn a_printed_address_breaks_after_its_slashes_not_inside_its_words() {
        assert_eq!(
            pieces("(heart.org/en/health-topics/high-blood-pressure) now"),
            [
                "(heart.org/",
                "en/",
                "health-topics/",
                "high-blood-pressure) ",
                "now"
            ]
        );
    }

    #[test]
    fn korean_breaks_between_words_not_syllables() {
        assert_eq!(pieces("물을 마시고 쉬세요"), ["물을 ", "마시고 ", "쉬세요"]);
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_closing_punctuation() {
        let text = "高血压很常见。请按时服药，";
        let cut = pieces(text);
        assert!(cut.len() >= 8, "{cut:?}");
        // No line starts with 。 or ， (closing punctuation), and none ends with an opening
        // bracket.
        assert!(cut.iter().all(|p| !p.starts_with(['。', '，'])), "{cut:?}");
        let bracketed = pieces("请看「说明」。");
        assert!(
            bracketed.iter().all(|p| !p.ends_with('「')),
            "{bracketed:?}"
        );
        assert_eq!(bracketed.concat(), "请看「说明」。");
    }

    #[test]
    fn thai_breaks_between_words_never_inside_one() {
        // "ความดันโลหิตสูง" (high blood pressure) is three words: ความดัน · โลหิต · สูง.
        let text = "ความดันโลหิตสูงเป็นโรคที่พบบ่อย";
        let cut = pieces(text);
        assert!(cut.len() >= 4, "{cut:?}");
        assert_eq!(cut.concat(), text);
        assert!(cut.contains(&"ความ") || cut.contains(&"ความดัน"), "{cut:?}");
        // Never between a consonant and its vowel sign or tone mark.
        for piece in &cut {
            let first = piece.chars().next().unwrap();
            assert!(
                !matches!(first, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'),
                "{cut:?}"
            );
        }
    }
}

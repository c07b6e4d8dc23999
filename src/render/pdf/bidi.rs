//! The order of text on a line (Unicode's bidirectional algorithm, UAX #9, by
//! `unicode-bidi`): each character's embedding level in its paragraph, and a line's glyphs
//! reordered for display. Lines are broken in logical order, then each is reordered, so
//! Arabic and Hebrew read right to left while numbers and Latin words inside them keep
//! their own order.
//!
//! What this is not: choosing a document's direction ([`crate::language`]) or mirroring the
//! page for it ([`super::layout`]).

use unicode_bidi::{BidiInfo, Level};

/// Whether `c` is a strong right-to-left character (Hebrew, Arabic, Syriac, Thaana, N'Ko,
/// …, and their presentation forms).
pub fn is_right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
        || ('\u{10800}'..='\u{10FFF}').contains(&c)
        || ('\u{1E800}'..='\u{1EFFF}').contains(&c)
}

/// The embedding level of each byte of `text` in a paragraph whose base direction is right
/// to left when `rtl`; `None` when every level is 0 (left-to-right text in a left-to-right
/// paragraph: most text, found without running the algorithm).
pub fn levels(text: &str, rtl: bool) -> Option<Vec<u8>> {
    // A byte scan the compiler vectorizes rules out most text at once: right-to-left
    // letters start with UTF-8 lead bytes 0xD6–0xDF (U+0590–U+07FF), 0xE0 (U+08xx), 0xEF
    // (presentation forms) or 0xF0 (U+10800 and up); English punctuation's is 0xE2.
    let may_hold = |b: u8| matches!(b, 0xD6..=0xE0 | 0xEF | 0xF0);
    if !rtl && (!text.bytes().any(may_hold) || !text.chars().any(is_right_to_left)) {
        return None;
    }
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(text, Some(base));
    let mut levels: Vec<u8> = info.levels.iter().map(|l| l.number()).collect();
    // A phone number or a range ("(555) 123-4567", "10-20") reads left to right as a whole:
    // after Arabic letters the algorithm takes its digits for Arabic numbers, which a
    // hyphen or a space does not join, and would show "4567-123 (555)".
    for group in crate::language::number_groups(text) {
        let lowest = levels[group.clone()].iter().copied().min().unwrap_or(0);
        let even = lowest + lowest % 2;
        for level in &mut levels[group] {
            *level = (*level).max(even);
        }
    }
    Some(levels)
}

/// The visual order of items at `levels` on one line (rule L2): from the highest level
/// down to the lowest odd one, every run at that level or above is reversed. Returns the
/// items' indexes, left to right.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let Some(&highest) = levels.iter().max() else {
        return order;
    };
    let lowest_odd = levels
        .iter()
        .copied()
        .filter(|l| l % 2 == 1)
        .min()
        .unwrap_or(highest + 1);
    let mut level = highest;
    while level >= lowest_odd && level > 0 {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] >= level {
                let start = i;
                while i < order.len() && levels[order[i]] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of `text` in display order, character by character.
    fn display(text: &str, rtl: bool) -> String {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let levels = levels(text, rtl).unwrap_or_else(|| vec![0; text.len()]);
        let char_levels: Vec<u8> = chars.iter().map(|(at, _)| levels[*at]).collect();
        visual_order(&char_levels)
            .into_iter()
            .map(|i| chars[i].1)
            .collect()
    }

    #[test]
    fn left_to_right_text_needs_no_levels() {
        assert_eq!(levels("Take 2 tablets.", false), None);
        assert_eq!(display("abc", false), "abc");
    }

    #[test]
    fn right_to_left_text_is_reversed_but_numbers_and_latin_words_are_not() {
        // Hebrew letters alef bet, then a number and a Latin word, in a right-to-left
        // paragraph: the letters and the words' order reverse, the digits and Latin do not.
        assert_eq!(display("אב 911 abc", true), "abc 911 בא");
        // A hyphen between numbers joins them after Hebrew (after Arabic letters the digits
        // are Arabic numbers, which a hyphen does not join: "20-10", as browsers show it).
        assert_eq!(display("א 10-20 ב", true), "ב 10-20 א");
        // A phone number or a range stays as written, also after Arabic letters.
        assert_eq!(display("ب 10-20", true), "10-20 ب");
        assert_eq!(display("اتصل (555) 123-4567", true), "(555) 123-4567 لصتا");
        assert_eq!(display("اتصل 911", true), "911 لصتا");
    }

    #[test]
    fn a_right_to_left_word_in_english_keeps_the_sentence_order() {
        assert_eq!(display("say אב now", false), "say בא now");
    }

    #[test]
    fn visual_order_reverses_from_the_highest_level() {
        assert_eq!(visual_order(&[1, 1, 2, 2, 1]), [4, 2, 3, 1, 0]);
        assert_eq!(visual_order(&[0, 0, 1, 1]), [0, 1, 3, 2]);
        assert_eq!(visual_order(&[]), Vec::<usize>::new());
    }
}

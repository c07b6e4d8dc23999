//! The running text of a document, as readability formulas and the claim finder read it:
//! paragraphs (in the body, lists, quotes, callouts, definitions and footnotes) cut into
//! sentences and words, grouped into the sections their headings open.
//!
//! Headings, tables and code are not prose: a table cell is not a sentence, and code is not
//! read aloud. Each paragraph ends a sentence even without a full stop, so a list item
//! ("Sleep") is a short sentence, as readers take it.

use std::ops::Range;

use super::language::{Measure, Reading};
use crate::model::{Block, Document, Inline, Span, plain_text, prose_text};

/// A part of the document opened by a heading (or its beginning, before the first heading).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The heading's text; `None` for the text before the first heading.
    pub heading: Option<String>,
    /// The heading's span; for the beginning, the span of its first paragraph.
    pub span: Span,
}

/// One paragraph of prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit<'d> {
    pub text: String,
    pub span: Span,
    /// The section it belongs to; `None` for footnotes.
    pub section: Option<usize>,
    pub content: &'d [Inline],
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub unit: usize,
    /// Byte range in the unit's text.
    pub range: Range<usize>,
    pub words: u32,
    pub syllables: u32,
    /// Words of three or more syllables (SMOG counts these).
    pub polysyllables: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prose<'d> {
    pub sections: Vec<Section>,
    pub units: Vec<Unit<'d>>,
    pub sentences: Vec<Sentence>,
    /// How the document's language is read (syllables, words or characters).
    pub reading: Reading,
}

impl Default for Prose<'_> {
    fn default() -> Self {
        Prose {
            sections: Vec::new(),
            units: Vec::new(),
            sentences: Vec::new(),
            reading: Reading::English,
        }
    }
}

impl<'d> Prose<'d> {
    pub fn of(doc: &'d Document) -> Prose<'d> {
        let mut prose = Prose {
            reading: Reading::of(&doc.meta.language),
            ..Prose::default()
        };
        let mut section: Option<usize> = None;
        collect(&doc.blocks, &mut prose, &mut section, false);
        for note in &doc.footnotes {
            collect(&note.blocks, &mut prose, &mut None, true);
        }
        for index in 0..prose.units.len() {
            let sentences = split_in(&prose.units[index].text, prose.reading);
            prose.sentences.extend(sentences.into_iter().map(|mut s| {
                s.unit = index;
                s
            }));
        }
        prose
    }

    /// The text of a sentence.
    pub fn text(&self, sentence: &Sentence) -> &str {
        &self.units[sentence.unit].text[sentence.range.clone()]
    }

    /// The sentences of a section.
    pub fn sentences_of(&self, section: usize) -> impl Iterator<Item = &Sentence> {
        self.sentences
            .iter()
            .filter(move |s| self.units[s.unit].section == Some(section))
    }
}

fn collect<'d>(
    blocks: &'d [Block],
    prose: &mut Prose<'d>,
    section: &mut Option<usize>,
    footnote: bool,
) {
    for block in blocks {
        match block {
            Block::Heading { content, span, .. } if !footnote => {
                prose.sections.push(Section {
                    heading: Some(plain_text(content).trim().to_string()),
                    span: *span,
                });
                *section = Some(prose.sections.len() - 1);
            }
            Block::Paragraph { content, span } => {
                let text = prose_text(content);
                if text.trim().is_empty() {
                    continue;
                }
                let unit_section = if footnote {
                    None
                } else {
                    Some(*section.get_or_insert_with(|| {
                        prose.sections.push(Section {
                            heading: None,
                            span: *span,
                        });
                        prose.sections.len() - 1
                    }))
                };
                prose.units.push(Unit {
                    text,
                    span: *span,
                    section: unit_section,
                    content,
                });
            }
            Block::List { items, .. } => {
                for item in items {
                    collect(&item.blocks, prose, section, footnote);
                }
            }
            Block::Quote { blocks, .. } | Block::Callout { blocks, .. } => {
                collect(blocks, prose, section, footnote);
            }
            Block::DefinitionList { items, .. } => {
                for details in items.iter().flat_map(|item| &item.details) {
                    collect(details, prose, section, footnote);
                }
            }
            _ => {}
        }
    }
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "approx", "dept", "dr", "e.g", "eg", "fig", "i.e", "ie", "jr", "mr", "mrs", "ms", "prof", "sr",
    "st", "vs",
];

/// Cuts English text into sentences (see [`split_in`]).
pub fn split(text: &str) -> Vec<Sentence> {
    split_in(text, Reading::English)
}

/// Cuts a paragraph's text into sentences and counts their words and syllables the way
/// `reading` says. A token with no letter ("2020", "0–10") is not a word: formulas count
/// words read as words. Chinese and Japanese count characters (letters) instead of words.
pub fn split_in(text: &str, reading: Reading) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut current: Option<Sentence> = None;
    let tokens: Vec<(usize, &str)> = tokens(text).collect();
    for (index, &(start, token)) in tokens.iter().enumerate() {
        let core = token.trim_matches(|c: char| !c.is_alphanumeric());
        let sentence = current.get_or_insert(Sentence {
            unit: 0,
            range: start..start,
            words: 0,
            syllables: 0,
            polysyllables: 0,
        });
        sentence.range.end = start + token.len();
        if let Reading::Unscored {
            measure: Measure::Characters,
        } = reading
        {
            let letters = core.chars().filter(|c| c.is_alphabetic()).count() as u32;
            sentence.words += letters;
            sentence.syllables += letters;
        } else if let Reading::Unscored {
            measure: Measure::DictionaryWords,
        } = reading
        {
            let words = dictionary_words(core);
            sentence.words += words;
            sentence.syllables += words;
        } else if core.chars().any(char::is_alphabetic) {
            let count = match reading {
                Reading::English => cached_syllables(core),
                other => other.syllables(core),
            };
            sentence.words += 1;
            sentence.syllables += count;
            if count >= 3 {
                sentence.polysyllables += 1;
            }
        }
        let next = tokens.get(index + 1).map(|&(_, t)| t);
        let previous = index.checked_sub(1).map(|i| tokens[i].1);
        // Thai, Lao, Khmer and Burmese put a space where other scripts put a full stop or
        // a comma: each space-separated phrase is measured as a sentence.
        let phrase = matches!(
            reading,
            Reading::Unscored {
                measure: Measure::DictionaryWords
            }
        );
        if (phrase || ends_sentence(token, previous, next))
            && let Some(done) = current.take()
        {
            sentences.push(done);
        }
    }
    sentences.extend(current);
    sentences.retain(|s| s.words > 0);
    sentences
}

/// The words of a token of Thai, Lao, Khmer or Burmese, found by ICU4X's dictionaries
/// (those scripts put no space between words).
fn dictionary_words(token: &str) -> u32 {
    use icu_segmenter::WordSegmenter;
    use icu_segmenter::options::WordBreakInvariantOptions;
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    segmenter
        .segment_str(token)
        .iter_with_word_type()
        .filter(|(_, kind)| kind.is_word_like())
        .count() as u32
}

/// Distinct words a thread remembers the syllables of before it starts over.
const SYLLABLE_CACHE_LIMIT: usize = 65_536;

thread_local! {
    /// Words repeat: a book of 500 000 words has about 15 000 distinct ones, and looking a
    /// word up is a few times cheaper than applying the spelling rules again. Keys are
    /// hashed with std's keyed hasher, so no text can make the table slow.
    static SYLLABLE_CACHE: std::cell::RefCell<std::collections::HashMap<String, u32>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// [`syllables`], at least 1, remembered per thread.
fn cached_syllables(word: &str) -> u32 {
    SYLLABLE_CACHE.with_borrow_mut(|cache| {
        if let Some(&count) = cache.get(word) {
            return count;
        }
        let count = super::syllables::syllables(word).max(1);
        if cache.len() >= SYLLABLE_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(word.to_string(), count);
        count
    })
}

/// Marks that end a sentence wherever they stand, even with no space after them: the
/// Chinese and Japanese full stop, exclamation and question marks, the Arabic question
/// mark, the Devanagari danda, and the Burmese and Khmer full stops.
const FULL_STOPS: &[char] = &['。', '！', '？', '؟', '।', '॥', '။', '។'];

/// Whitespace-separated tokens with their byte offsets, also cut after a [`FULL_STOPS`]
/// mark (Chinese puts no space after one).
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().flat_map(move |t| {
        let base = t.as_ptr() as usize - text.as_ptr() as usize;
        let mut pieces = Vec::new();
        let mut start = 0;
        for (at, c) in t.char_indices() {
            let end = at + c.len_utf8();
            let closing = t[end..]
                .chars()
                .next()
                .is_some_and(|n| matches!(n, '」' | '』' | '”' | '）' | ')'));
            if FULL_STOPS.contains(&c) && end < t.len() && !closing {
                pieces.push((base + start, &t[start..end]));
                start = end;
            }
        }
        pieces.push((base + start, &t[start..]));
        pieces
    })
}

fn ends_sentence(token: &str, previous: Option<&str>, next: Option<&str>) -> bool {
    let stripped = token.trim_end_matches([
        '"', '\'', ')', ']', '\u{201d}', '\u{2019}', '*', '」', '』', '）',
    ]);
    let Some(last) = stripped.chars().last() else {
        return false;
    };
    if FULL_STOPS.contains(&last) {
        return true;
    }
    if !matches!(last, '.' | '!' | '?' | '\u{2026}') {
        return false;
    }
    let Some(next) = next else { return true };
    if last == '.' {
        let word = stripped
            .trim_end_matches('.')
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        // An initial ("A. Rivera", "John F. Kennedy") follows a capitalised word or nothing;
        // "vitamin D." ends a sentence.
        let is_initial = word.chars().count() == 1
            && word.chars().all(char::is_alphabetic)
            && previous.is_none_or(|p| p.starts_with(char::is_uppercase));
        // "No. 5" is a number; "No." before a word is an answer.
        let is_number_sign = word == "no" && next.starts_with(|c: char| c.is_ascii_digit());
        if is_initial || is_number_sign || ABBREVIATIONS.contains(&word.as_str()) {
            return false;
        }
    }
    // A new sentence starts with a capital, a digit or an opening mark.
    // Scripts without capitals (Arabic, Hebrew, Devanagari, Thai) start one with a letter.
    next.chars().next().is_some_and(|c| {
        (c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase())
            || c.is_uppercase()
            || c.is_numeric()
            || matches!(c, '"' | '\'' | '(' | '[' | '\u{201c}' | '\u{2018}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|s| &text[s.range]).collect()
    }

    #[test]
    fn an_image_description_is_not_prose() {
        let doc = crate::read::read_str(
            "Rest well.\n\n![A nurse measuring a patient's blood pressure with an automatic cuff](cuff.png)\n\nSee ![the cuff shown sideways](c.png) here.\n",
            "t.md",
            crate::read::Flavour::Markdown,
        )
        .unwrap();
        let prose = Prose::of(&doc);
        let texts: Vec<&str> = prose.units.iter().map(|u| u.text.trim()).collect();
        assert_eq!(texts, ["Rest well.", "See  here."]);
        assert_eq!(prose.sentences.iter().map(|s| s.words).sum::<u32>(), 4);
    }

    #[test]
    fn thai_words_are_counted_by_dictionary_not_by_spaces() {
        // "High blood pressure is a common disease": one space-free phrase of six words;
        // a space ends a phrase.
        let thai = split_in(
            "ความดันโลหิตสูงเป็นโรคที่พบบ่อย กินยาทุกวัน",
            Reading::Unscored {
                measure: Measure::DictionaryWords,
            },
        );
        assert_eq!(thai.len(), 2, "{thai:?}");
        assert!(thai[0].words >= 5, "{:?}", thai[0]);
        let chinese = split_in(
            "高血压很常见。请按时服药。",
            Reading::Unscored {
                measure: Measure::Characters,
            },
        );
        assert_eq!(chinese.len(), 2, "{chinese:?}");
        assert_eq!(chinese[0].words, 6);
    }

    #[test]
    fn sentences_end_at_stops_not_at_abbreviations() {
        assert_eq!(
            texts("Ask Dr. Rivera first. Then rest! Is it 9 a.m.? Yes, e.g. now. 2020 was hard."),
            [
                "Ask Dr. Rivera first.",
                "Then rest!",
                "Is it 9 a.m.?",
                "Yes, e.g. now.",
                "2020 was hard."
            ]
        );
        assert_eq!(texts("Sleep"), ["Sleep"]);
        assert_eq!(texts("See U.S. law. Go."), ["See U.S. law.", "Go."]);
        assert_eq!(
            texts(
                "Take vitamin D. It helps. Ask Dr. A. Rivera. Can I drink? No. It hurts, etc. Then rest. Form No. 5 is here."
            ),
            [
                "Take vitamin D.",
                "It helps.",
                "Ask Dr. A. Rivera.",
                "Can I drink?",
                "No.",
                "It hurts, etc.",
                "Then rest.",
                "Form No. 5 is here."
            ]
        );
        assert_eq!(
            texts("It ended (at last.) Then more."),
            ["It ended (at last.)", "Then more."]
        );
    }

    #[test]
    fn words_syllables_and_polysyllables_are_counted() {
        let s = &split("The medicine helped a lot in 2020.")[0];
        // "2020" is not a word; medicine has 3 syllables.
        assert_eq!(s.words, 6);
        assert_eq!(s.syllables, 1 + 3 + 1 + 1 + 1 + 1);
        assert_eq!(s.polysyllables, 1);
    }

    #[test]
    fn sections_follow_headings_and_footnotes_stand_apart() {
        let doc = crate::read::read_str(
            "Intro text.\n\n## One\n\n- item one\n- item two\n\n> [!NOTE]\n> Boxed.\n\n| a |\n|---|\n| cell |\n\nNote[^1].\n\n[^1]: In a note.\n",
            "t.md",
            crate::read::Flavour::Markdown,
        )
        .unwrap();
        let prose = Prose::of(&doc);
        assert_eq!(prose.sections.len(), 2);
        assert_eq!(prose.sections[0].heading, None);
        assert_eq!(prose.sections[1].heading.as_deref(), Some("One"));
        let units: Vec<(&str, Option<usize>)> = prose
            .units
            .iter()
            .map(|u| (u.text.as_str(), u.section))
            .collect();
        assert_eq!(
            units,
            [
                ("Intro text.", Some(0)),
                ("item one", Some(1)),
                ("item two", Some(1)),
                ("Boxed.", Some(1)),
                ("Note.", Some(1)),
                ("In a note.", None)
            ]
        );
        assert_eq!(prose.sentences_of(1).count(), 4);
    }
}

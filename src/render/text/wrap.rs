//! The plain-text writer's line breaking: inline text collected into words ([`Flow`]),
//! words grouped into the units a line may not break inside ([`Unit`]), and greedy
//! first-fit filling of lines of a given display width ([`wrap_lines`]), with the helpers
//! that indent, prefix and hang the lines a block makes.
//!
//! Widths are display columns (unicode-width): an East Asian wide character takes two, a
//! combining mark none. Lines break at spaces, and inside runs of wide characters at the
//! UAX #14 opportunities; a word longer than a line is cut between characters, but an
//! address (`https://…`) never is: it overflows on a line of its own, so it stays copyable.
//!
//! What this is not: the writer's conventions (markers, headings, links), which are
//! [`super::document`]'s; it knows nothing of the model.

use std::mem;

use textwrap::WordSeparator;
use unicode_normalization::UnicodeNormalization;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::model::Align;
use crate::render::raw_html::{HtmlEvent, HtmlStripper};

/// The fewest columns nested content is given, however deep the nesting.
pub(super) const MIN_TEXT: usize = 16;

/// Indentation of code, display math, definition details and long header values.
pub(super) const BLOCK_INDENT: usize = 4;

// ----- flowing and wrapping -----------------------------------------------------------------

/// What joins a word to the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gap {
    /// Nothing, and no break allowed (`word` + `,`).
    Glue,
    /// A space where the line may break.
    Space,
    /// A space where the line may not break (`text [1]`).
    NoBreak,
    /// Nothing, but the line may break (between CJK ideographs).
    Join,
}

/// A whitespace-free piece of text and how it joins the previous one.
#[derive(Debug, Clone)]
pub(super) struct Atom {
    text: String,
    gap: Gap,
}

/// The smallest thing the wrapper places on a line: atoms joined by `Glue`/`NoBreak`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unit {
    pub(super) text: String,
    pub(super) width: usize,
    /// A breakable space precedes this unit (unless it starts a line).
    pub(super) spaced: bool,
    /// Too precious to split: overflows on its own line instead.
    pub(super) url: bool,
}

/// Collects inline text into atoms, one line per hard break, collapsing whitespace.
pub(super) struct Flow {
    lines: Vec<Vec<Atom>>,
    word: String,
    gap: Gap,
    pub(super) html: HtmlStripper,
}

impl Default for Flow {
    fn default() -> Self {
        Flow {
            lines: vec![Vec::new()],
            word: String::new(),
            gap: Gap::Glue,
            html: HtmlStripper::default(),
        }
    }
}

impl Flow {
    /// Append prose: whitespace separates words, anything else extends the current word.
    pub(super) fn text(&mut self, text: &str) {
        for ch in text.chars() {
            if is_break_space(ch) {
                self.space();
            } else {
                self.word.push(ch);
            }
        }
    }

    /// A breakable space.
    pub(super) fn space(&mut self) {
        self.flush();
        self.gap = Gap::Space;
    }

    /// A line break the source asked for.
    pub(super) fn hard_break(&mut self) {
        self.flush();
        self.lines.push(Vec::new());
        self.gap = Gap::Glue;
    }

    /// A reference marker that must stay on the line of the text it follows.
    pub(super) fn marker(&mut self, marker: &str) {
        self.flush();
        self.gap = Gap::NoBreak;
        self.word.push_str(marker);
    }

    /// Raw HTML: its text content only.
    pub(super) fn html(&mut self, raw: &str) {
        for event in self.html.feed(raw) {
            match event {
                HtmlEvent::Text(text) => self.text(&text),
                HtmlEvent::Space => self.space(),
                HtmlEvent::Break => self.hard_break(),
            }
        }
    }

    /// A position that changes whenever visible text is added.
    pub(super) fn mark(&self) -> (usize, usize, usize) {
        let atoms = self.lines.last().map_or(0, Vec::len);
        (self.lines.len(), atoms, self.word.len())
    }

    /// End the current word: normalize it and split it at UAX #14 opportunities if it is
    /// East Asian text (which has no spaces to break at).
    pub(super) fn flush(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let word = nfc_owned(mem::take(&mut self.word));
        let gap = mem::replace(&mut self.gap, Gap::Glue);
        let line = match self.lines.last_mut() {
            Some(line) => line,
            None => return,
        };
        for (i, piece) in break_pieces(word).into_iter().enumerate() {
            let gap = if i == 0 { gap } else { Gap::Join };
            line.push(Atom { text: piece, gap });
        }
    }

    /// The collected lines as units, without leading or trailing empty lines.
    pub(super) fn finish(mut self) -> Vec<Vec<Unit>> {
        self.flush();
        let mut lines: Vec<Vec<Unit>> = self.lines.iter().map(|l| units(l)).collect();
        while lines.last().is_some_and(Vec::is_empty) {
            lines.pop();
        }
        let leading = lines.iter().take_while(|l| l.is_empty()).count();
        lines.drain(..leading);
        lines
    }
}

/// Whitespace that separates words; no-break spaces belong to their word.
pub(super) fn is_break_space(ch: char) -> bool {
    ch.is_whitespace() && !matches!(ch, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

/// Split a word containing wide (Chinese, Japanese) characters at its UAX #14 break
/// opportunities. Korean words stay whole: Korean separates its words with spaces.
pub(super) fn break_pieces(word: String) -> Vec<String> {
    let wide = !word.is_ascii()
        && word
            .chars()
            .any(|c| c.width() == Some(2) && !crate::language::is_hangul(c));
    if !wide || looks_like_url(&word) {
        return vec![word];
    }
    WordSeparator::UnicodeBreakProperties
        .find_words(&word)
        .map(|w| format!("{}{}", w.word, w.whitespace))
        .filter(|piece| !piece.is_empty())
        .collect()
}

/// Group atoms into units: a unit ends where the line may break.
pub(super) fn units(atoms: &[Atom]) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    for atom in atoms {
        match (atom.gap, units.last_mut()) {
            (Gap::Glue, Some(unit)) => unit.text.push_str(&atom.text),
            (Gap::NoBreak, Some(unit)) => {
                unit.text.push(' ');
                unit.text.push_str(&atom.text);
            }
            (gap, _) => units.push(Unit {
                text: atom.text.clone(),
                width: 0,
                spaced: gap == Gap::Space,
                url: false,
            }),
        }
    }
    for unit in &mut units {
        unit.width = unit.text.width();
        unit.url = looks_like_url(&unit.text);
    }
    units
}

/// Plain text as wrap-ready lines.
pub(super) fn text_units(text: &str) -> Vec<Vec<Unit>> {
    let mut flow = Flow::default();
    flow.text(text);
    flow.finish()
}

/// Width of units laid out on a single line.
pub(super) fn line_width(units: &[Unit]) -> usize {
    units
        .iter()
        .enumerate()
        .map(|(i, u)| u.width + usize::from(i > 0 && u.spaced))
        .sum()
}

/// Wrap lines of units: the first output line may be `first` columns wide, the others `rest`.
pub(super) fn wrap_lines(lines: &[Vec<Unit>], first: usize, rest: usize) -> Vec<String> {
    let mut builder = LineBuilder {
        lines: Vec::new(),
        current: String::new(),
        current_width: 0,
        first,
        rest,
    };
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            builder.break_line();
        }
        for unit in line {
            builder.place(unit);
        }
    }
    builder.finish()
}

/// Greedy first-fit line filling.
pub(super) struct LineBuilder {
    lines: Vec<String>,
    current: String,
    current_width: usize,
    first: usize,
    rest: usize,
}

impl LineBuilder {
    pub(super) fn limit(&self) -> usize {
        if self.lines.is_empty() {
            self.first
        } else {
            self.rest
        }
    }

    pub(super) fn break_line(&mut self) {
        let line = mem::take(&mut self.current);
        self.lines.push(line.trim_end().to_string());
        self.current_width = 0;
    }

    pub(super) fn push(&mut self, text: &str, width: usize) {
        self.current.push_str(text);
        self.current_width += width;
    }

    pub(super) fn place(&mut self, unit: &Unit) {
        let sep = usize::from(unit.spaced && !self.current.is_empty());
        if self.current_width + sep + unit.width <= self.limit() {
            if sep == 1 {
                self.push(" ", 1);
            }
            self.push(&unit.text, unit.width);
            return;
        }
        if !self.current.is_empty() {
            self.break_line();
        }
        if unit.width <= self.limit() || unit.url {
            self.push(&unit.text, unit.width);
        } else {
            self.split(&unit.text);
        }
    }

    /// Place a word longer than a line, cutting it at character boundaries. Zero-width
    /// characters (combining marks) never start a piece, so they stay with their base.
    pub(super) fn split(&mut self, text: &str) {
        for ch in text.chars() {
            let w = ch.width().unwrap_or(0);
            if w > 0 && !self.current.is_empty() && self.current_width + w > self.limit() {
                self.break_line();
                if ch == ' ' {
                    continue;
                }
            }
            self.current.push(ch);
            self.current_width += w;
        }
    }

    pub(super) fn finish(mut self) -> Vec<String> {
        if !self.current.is_empty() {
            self.break_line();
        }
        self.lines
    }
}

/// `Label: value` with the value wrapped under itself; a label wider than half the line goes
/// on its own line(s) with the value indented below it. Nothing if the value is empty.
pub(super) fn labeled(label: &str, value: &[Vec<Unit>], width: usize) -> Vec<String> {
    if value.iter().all(Vec::is_empty) {
        return Vec::new();
    }
    let head = format!("{label}: ");
    let hang = head.width();
    if hang * 2 <= width {
        let lines = wrap_lines(value, width - hang, width - hang);
        return prefix_lines(lines, &head, &" ".repeat(hang));
    }
    let mut out = wrap_lines(&text_units(&format!("{label}:")), width, width);
    let w = inner(width, BLOCK_INDENT);
    out.extend(indent_lines(wrap_lines(value, w, w), BLOCK_INDENT));
    out
}

// ----- line helpers -------------------------------------------------------------------------

/// Columns left for content inside a prefix, never fewer than [`MIN_TEXT`].
pub(super) fn inner(width: usize, prefix: usize) -> usize {
    width.saturating_sub(prefix).max(MIN_TEXT)
}

/// Prefix the first line with `first` and the others with `rest`, trimming trailing spaces.
pub(super) fn prefix_lines(lines: Vec<String>, first: &str, rest: &str) -> Vec<String> {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let prefix = if i == 0 { first } else { rest };
            format!("{prefix}{line}").trim_end().to_string()
        })
        .collect()
}

/// Hang lines under a marker; a marker with no content still gets its line.
pub(super) fn hang_lines(lines: Vec<String>, marker: &str, hang: usize) -> Vec<String> {
    if lines.is_empty() {
        return vec![marker.trim_end().to_string()];
    }
    prefix_lines(lines, marker, &" ".repeat(hang))
}

pub(super) fn indent_lines(lines: Vec<String>, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    prefix_lines(lines, &pad, &pad)
}

/// Pad with spaces on the right to `width` display columns.
pub(super) fn pad_right(text: &str, width: usize) -> String {
    pad(text, width, Align::Left)
}

pub(super) fn max_width(lines: &[String]) -> usize {
    lines.iter().map(|l| l.width()).max().unwrap_or(0)
}

pub(super) fn nfc(text: &str) -> String {
    if is_nfc_already(text) {
        return text.to_string();
    }
    text.nfc().collect()
}

/// `text` in NFC, reusing it when it already is (almost always: checking is cheap,
/// normalising is not).
pub(super) fn nfc_owned(text: String) -> String {
    if is_nfc_already(&text) {
        return text;
    }
    text.nfc().collect()
}

pub(super) fn is_nfc_already(text: &str) -> bool {
    text.is_ascii()
        || unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// NFC text with every whitespace run turned into one space, trimmed.
pub(super) fn collapse_whitespace(text: &str) -> String {
    let words: Vec<&str> = text
        .split(is_break_space)
        .filter(|w| !w.is_empty())
        .collect();
    nfc(&words.join(" "))
}

/// Join non-empty sections with one blank line.
pub(super) fn join_sections<const N: usize>(sections: [Vec<String>; N]) -> Vec<String> {
    let mut out = Vec::new();
    for section in sections.into_iter().filter(|s| !s.is_empty()) {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(section);
    }
    out
}

/// The final bytes: NFC, no trailing whitespace, no blank lines at either end, one final
/// newline.
pub(super) fn finish(lines: Vec<String>) -> String {
    let mut text = nfc_owned(lines.join("\n"));
    // Control characters (an escape sequence would reach the reader's terminal) are spaces:
    // they separate what they stood between, as in every other format.
    if text.contains(|c: char| c.is_control() && c != '\n') {
        text = text
            .chars()
            .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
            .collect();
    }
    let lines: Vec<&str> = text.split('\n').map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => {
            let mut out = lines[first..=last].join("\n");
            out.push('\n');
            out
        }
        _ => "\n".to_string(),
    }
}

/// Pad `text` to `width` columns according to the column's alignment.
pub(super) fn pad(text: &str, width: usize, align: Align) -> String {
    let room = width.saturating_sub(text.width());
    let (left, right) = match align {
        Align::None | Align::Left => (0, room),
        Align::Right => (room, 0),
        Align::Center => (room / 2, room - room / 2),
    };
    format!("{}{text}{}", " ".repeat(left), " ".repeat(right))
}

/// A URL fit for a line of text: NFC, no whitespace runs (never tabs or newlines).
pub(super) fn clean_url(url: &str) -> String {
    collapse_whitespace(url)
}

/// Whether a word is an address that must not be split across lines.
pub(super) fn looks_like_url(word: &str) -> bool {
    let word = word.trim_start_matches(['(', '[', '<', '"', '\'']);
    word.contains("://") || word.starts_with("www.") || word.starts_with("mailto:")
}

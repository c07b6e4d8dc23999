//! Positions in the source for things found in the model.
//!
//! The model keeps a span per block, not per word: a sentence or a link is found again in
//! its block's source by walking the plain text and the Markdown side by side, skipping the
//! markup the plain text does not have (`*`, `[`, `](url)`, `> `, entity names). That is
//! exact for ordinary prose and close (same line, near column) for the rest, which is what a
//! diagnostic needs.

use std::ops::Range;

use super::diagnostic::Location;
use crate::model::Span;

/// How far ahead (in bytes) the next character of plain text is looked for in the source:
/// past a link's URL, not across paragraphs.
const WINDOW: usize = 2048;

pub struct SourceMap<'a> {
    text: &'a str,
    /// Byte offset where each line starts; `line_starts[0]` is line 1.
    line_starts: Vec<usize>,
}

impl<'a> SourceMap<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceMap { text, line_starts }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Byte offset of the start of a 1-based line (the end of the text past the last line).
    pub fn line_start(&self, line: u32) -> usize {
        let index = (line.max(1) - 1) as usize;
        self.line_starts
            .get(index)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Byte offset of the end of a 1-based line, without its line break.
    pub fn line_end(&self, line: u32) -> usize {
        let end = self.line_start(line.saturating_add(1));
        let slice = &self.text[self.line_start(line)..end];
        self.line_start(line) + slice.trim_end_matches(['\n', '\r']).len()
    }

    /// Byte offset of a 1-based line and byte column (as the model's spans count them).
    fn offset(&self, line: u32, column: u32) -> usize {
        let start = self.line_start(line);
        let end = self.line_end(line);
        floor_boundary(self.text, (start + column.max(1) as usize - 1).min(end))
    }

    /// The source of a block.
    pub fn block(&self, span: Span) -> Range<usize> {
        if span.line == 0 {
            return 0..0;
        }
        let start = self.offset(span.line, span.column);
        let end_line = span.end_line.max(span.line);
        let end = if span.end_column == 0 {
            self.line_end(end_line)
        } else {
            ceil_boundary(
                self.text,
                (self.offset(end_line, span.end_column) + 1).min(self.line_end(end_line)),
            )
        };
        start..end.max(start)
    }

    /// The location of a byte range.
    pub fn location(&self, range: Range<usize>) -> Location {
        let (line, column) = self.line_column(range.start);
        let (end_line, end_column) = self.line_column(range.end.max(range.start));
        Location {
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The byte range of a location (the inverse of [`SourceMap::location`]), at least one
    /// character wide where the line has one, so a marker always shows.
    pub fn range(&self, loc: Location) -> Range<usize> {
        let offset = |line: u32, column: u32| {
            let start = self.line_start(line);
            let text = &self.text[start..self.line_end(line)];
            start
                + text
                    .char_indices()
                    .nth(column.saturating_sub(1) as usize)
                    .map_or(text.len(), |(i, _)| i)
        };
        let start = offset(loc.line, loc.column);
        let end = offset(loc.end_line.max(loc.line), loc.end_column).max(start);
        if end > start {
            return start..end;
        }
        let width = self.text[start..]
            .chars()
            .next()
            .filter(|c| *c != '\n' && *c != '\r')
            .map_or(0, char::len_utf8);
        start..start + width
    }

    /// A whole line, from its first non-blank character.
    pub fn line(&self, line: u32) -> Location {
        let start = self.line_start(line);
        let end = self.line_end(line);
        let text = &self.text[start..end];
        let indent = text.len() - text.trim_start().len();
        self.location(start + indent..end)
    }

    /// The first line of a block.
    pub fn block_start(&self, span: Span) -> Location {
        let range = self.block(span);
        let end = self.line_end(span.line.max(1)).max(range.start);
        self.location(range.start..end)
    }

    /// 1-based line and character column of a byte offset.
    fn line_column(&self, offset: usize) -> (u32, u32) {
        let offset = floor_boundary(self.text, offset.min(self.text.len()));
        let index = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let column = self.text[self.line_starts[index]..offset].chars().count() + 1;
        (to_u32(index + 1), to_u32(column))
    }

    /// Where `wanted` (a byte range of `plain`, the plain text of the block at `block`) is in
    /// the source.
    pub fn align(&self, block: Range<usize>, plain: &str, wanted: Range<usize>) -> Range<usize> {
        let source = &self.text[block.clone()];
        let mut at = 0;
        let mut start: Option<usize> = None;
        let mut end = 0;
        for (i, c) in plain.char_indices() {
            if i >= wanted.end {
                break;
            }
            match find_char(source, at, c) {
                Some((found, len)) => {
                    if i >= wanted.start {
                        start.get_or_insert(found);
                        end = found + len;
                    }
                    at = found + len;
                }
                None if i >= wanted.start => {
                    start.get_or_insert(at);
                }
                None => {}
            }
        }
        let start = start.unwrap_or(at);
        block.start + start..block.start + end.max(start)
    }

    /// Where a block refers to something: the first of `needles` found in its source (the
    /// text of a link, then its URL), else the block's first line.
    pub fn reference(&self, span: Span, needles: &[&str]) -> Location {
        let block = self.block(span);
        needles
            .iter()
            .find_map(|needle| self.find(block.clone(), needle))
            .map_or_else(|| self.block_start(span), |range| self.location(range))
    }

    /// The first place `needle` occurs in `within`.
    pub fn find(&self, within: Range<usize>, needle: &str) -> Option<Range<usize>> {
        if needle.is_empty() {
            return None;
        }
        let found = self.text[within.clone()].find(needle)?;
        Some(within.start + found..within.start + found + needle.len())
    }

    /// The line of `key: …` (YAML) or `key = …` (TOML) in the front matter, if it is there.
    pub fn front_matter_key(&self, key: &str) -> Option<Location> {
        let mut lines = self.text.lines().enumerate();
        let (_, first) = lines.next()?;
        let delimiter = first.trim_start_matches('\u{feff}').trim_end();
        if delimiter != "---" && delimiter != "+++" {
            return None;
        }
        for (index, line) in lines {
            let trimmed = line.trim_end();
            if trimmed == delimiter || (delimiter == "---" && trimmed == "...") {
                return None;
            }
            if let Some(rest) = line.strip_prefix(key)
                && rest.trim_start().starts_with([':', '='])
            {
                return Some(self.line(to_u32(index + 1)));
            }
        }
        None
    }

    /// The front matter's first line, or the document's first line without one.
    pub fn top(&self) -> Location {
        self.line(1)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The next place in `source`, from byte `from`, that shows the plain-text character `c`.
fn find_char(source: &str, from: usize, c: char) -> Option<(usize, usize)> {
    let rest = source.get(from..)?;
    for (i, s) in rest.char_indices() {
        if i > WINDOW {
            return None;
        }
        if same_character(c, s) {
            return Some((from + i, s.len_utf8()));
        }
    }
    None
}

/// Whether source character `s` can stand for plain-text character `c`: breaks are spaces,
/// and smart punctuation comes from straight quotes and hyphens.
fn same_character(c: char, s: char) -> bool {
    c == s
        || (c.is_whitespace() && s.is_whitespace())
        || match c {
            '\u{2018}' | '\u{2019}' => s == '\'',
            '\u{201c}' | '\u{201d}' => s == '"',
            '\u{2013}' | '\u{2014}' => s == '-',
            '\u{2026}' => s == '.',
            _ => false,
        }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(line: u32, column: u32, end_line: u32, end_column: u32) -> Span {
        Span {
            line,
            column,
            end_line,
            end_column,
        }
    }

    #[test]
    fn plain_text_is_found_again_past_markup() {
        let source = "Intro.\n\nSee **the [scale](https://x.org/a)** and *rest* — here.\n";
        let map = SourceMap::new(source);
        let block = map.block(span(3, 1, 3, 56));
        let plain = "See the scale and rest — here.";
        let at = plain.find("rest").unwrap();
        let range = map.align(block.clone(), plain, at..at + 4);
        assert_eq!(&source[range.clone()], "rest");
        let loc = map.location(range);
        assert_eq!((loc.line, loc.column, loc.end_column), (3, 43, 47));
        let at = plain.find("scale and").unwrap();
        let range = map.align(block, plain, at..at + 9);
        assert_eq!(&source[range], "scale](https://x.org/a)** and");
    }

    #[test]
    fn soft_breaks_and_smart_quotes_match_their_source() {
        let source = "It's a\nlong \"line\".\n";
        let map = SourceMap::new(source);
        let block = map.block(span(1, 1, 2, 12));
        let plain = "It\u{2019}s a long \u{201c}line\u{201d}.";
        let range = map.align(block, plain, 9..plain.len());
        assert_eq!(&source[range.clone()], "long \"line\".");
        assert_eq!(map.location(range).line, 2);
    }

    #[test]
    fn columns_count_characters_and_keys_are_found() {
        let source = "---\ntitle: Ä\nreview_date: 2020-01-01\n---\n\néé x\n";
        let map = SourceMap::new(source);
        let start = source.find('x').unwrap();
        let loc = map.location(start..start + 1);
        assert_eq!((loc.line, loc.column), (6, 4));
        assert_eq!(map.front_matter_key("review_date").unwrap().line, 3);
        assert!(map.front_matter_key("reviewed_by").is_none());
        assert!(SourceMap::new("x: 1\n").front_matter_key("x").is_none());
    }
}

//! Inline layout: styled text, shaped once, broken into lines on Unicode (UAX #14) break
//! opportunities, left-aligned and ragged right.
//!
//! A paragraph is flattened into one string with style spans, so break opportunities are
//! found across style changes (`**bold**,` is one unbreakable word). Each span is shaped on
//! its own; a word wider than the line is broken between clusters rather than drawn off the
//! page.

use std::collections::BTreeSet;
use std::ops::Range;

use super::fonts::{FaceKind, FontSet, Glyph};
use super::frame::{Item, LinkTarget, PlacedGlyph, TextRun};
use super::structure::{NodeId, Tag};
use super::style::Rgb;

/// How a stretch of text looks.
#[derive(Debug, Clone, PartialEq)]
pub struct SpanStyle {
    pub face: FaceKind,
    pub size: f32,
    pub color: Rgb,
    /// Baseline shift upwards, in points (superscript footnote numbers).
    pub rise: f32,
    pub underline: bool,
    pub strike: bool,
    pub background: Option<Rgb>,
    pub link: Option<LinkTarget>,
    /// The structure element this text belongs to when it is not the block's own (a link,
    /// a formula); none: whatever the line is drawn for.
    pub node: Option<NodeId>,
    /// The Link element `link` belongs to: its annotations are that element's, even around
    /// text of an element inside it (a formula in a link).
    pub link_node: Option<NodeId>,
}

impl SpanStyle {
    pub fn plain(face: FaceKind, size: f32, color: Rgb) -> SpanStyle {
        SpanStyle {
            face,
            size,
            color,
            rise: 0.0,
            underline: false,
            strike: false,
            background: None,
            link: None,
            node: None,
            link_node: None,
        }
    }
}

/// Text with style spans covering it end to end.
#[derive(Debug, Clone, Default)]
pub struct StyledText {
    pub text: String,
    pub spans: Vec<(Range<usize>, SpanStyle)>,
    /// Set left to right whatever the document's direction (code).
    pub ltr: bool,
}

impl StyledText {
    pub fn push(&mut self, s: &str, style: &SpanStyle) {
        if s.is_empty() {
            return;
        }
        let start = self.text.len();
        // Composed characters shape to one glyph each in the faces folio ships, so every
        // glyph's text is its own character (what the PDF's ToUnicode map needs).
        if unicode_normalization::is_nfc(s) {
            self.text.push_str(s);
        } else {
            use unicode_normalization::UnicodeNormalization;
            self.text.extend(s.nfc());
        }
        let end = self.text.len();
        match self.spans.last_mut() {
            Some((range, last)) if last == style => range.end = end,
            _ => self.spans.push((start..end, style.clone())),
        }
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Shapes every span and finds the break opportunities. In a right-to-left document,
    /// or where right-to-left letters appear, each span is cut at changes of bidi level
    /// and each piece shaped in its direction; glyphs stay in logical order.
    pub fn shape(&self, fonts: &FontSet, missing: &mut BTreeSet<char>) -> Shaped {
        let rtl = fonts.rtl() && !self.ltr;
        let levels = super::bidi::levels(&self.text, rtl);
        let mut glyphs = Vec::with_capacity(self.text.len());
        let mut texts = Vec::with_capacity(self.text.len());
        for (index, (range, style)) in self.spans.iter().enumerate() {
            let mut start = range.start;
            while start < range.end {
                let level = levels.as_ref().map_or(0, |l| l[start]);
                let end = levels.as_ref().map_or(range.end, |l| {
                    (start..range.end)
                        .find(|&at| l[at] != level)
                        .unwrap_or(range.end)
                });
                let piece = start..end;
                let shaped = fonts.shape(
                    &self.text[piece.clone()],
                    style.face,
                    style.size,
                    level,
                    missing,
                );
                texts.extend(cluster_texts(&shaped, piece.clone()));
                for mut g in shaped {
                    g.cluster += piece.start;
                    glyphs.push((g, index));
                }
                start = end;
            }
        }
        Shaped {
            text: self.text.clone(),
            spans: self.spans.clone(),
            glyphs,
            texts,
            breaks: super::breaks::opportunities(&self.text),
            rtl,
            mirrored: fonts.rtl(),
        }
    }
}

/// The text ranges of the glyphs of one span (`range` in the paragraph); glyph clusters are
/// relative to the span.
fn cluster_texts(glyphs: &[Glyph], range: Range<usize>) -> Vec<(usize, usize)> {
    let mut texts = Vec::with_capacity(glyphs.len());
    if glyphs.windows(2).all(|w| w[0].cluster <= w[1].cluster) {
        // Left to right, as handouts are: a cluster's text runs to the next glyph's cluster.
        for (i, g) in glyphs.iter().enumerate() {
            let start = range.start + g.cluster;
            if i > 0 && glyphs[i - 1].cluster == g.cluster {
                texts.push((start, start));
                continue;
            }
            let end = glyphs[i + 1..]
                .iter()
                .find(|n| n.cluster != g.cluster)
                .map_or(range.end, |n| range.start + n.cluster);
            texts.push((start, end.max(start)));
        }
        return texts;
    }
    let mut starts: Vec<usize> = glyphs.iter().map(|g| g.cluster).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut seen = vec![false; starts.len()];
    for g in glyphs {
        let start = range.start + g.cluster;
        let index = starts.partition_point(|&c| c < g.cluster);
        if std::mem::replace(&mut seen[index], true) {
            texts.push((start, start));
            continue;
        }
        let end = starts
            .get(index + 1)
            .map_or(range.end, |&c| range.start + c);
        texts.push((start, end.max(start)));
    }
    texts
}

/// Shaped text: glyphs in order, each with the index of its span.
#[derive(Debug, Clone)]
pub struct Shaped {
    pub text: String,
    pub spans: Vec<(Range<usize>, SpanStyle)>,
    pub glyphs: Vec<(Glyph, usize)>,
    /// For each glyph, the byte range of the text it stands for: its cluster, up to the
    /// start of the next cluster in the text (in a right-to-left run that is not the next
    /// glyph's). Only the first glyph of a cluster has text; the others have an empty range.
    pub texts: Vec<(usize, usize)>,
    /// Byte offsets a line may end at, and whether it must.
    pub breaks: Vec<(usize, bool)>,
    /// The paragraph's base direction is right to left.
    pub rtl: bool,
    /// The page will be mirrored (a right-to-left document): lines put their runs in
    /// reverse display order, which the mirror turns round.
    pub mirrored: bool,
}

/// One line: a range of glyphs (trailing spaces excluded) and its measures.
#[derive(Debug, Clone, PartialEq)]
pub struct LineBox {
    pub glyphs: Range<usize>,
    pub width: f32,
    /// Line height (size × line-height factor of the largest text on the line).
    pub height: f32,
    /// Baseline, from the top of the line.
    pub baseline: f32,
}

impl Shaped {
    fn is_space(&self, glyph: usize) -> bool {
        let cluster = self.glyphs[glyph].0.cluster;
        self.text[cluster..]
            .chars()
            .next()
            .is_some_and(char::is_whitespace)
    }

    /// Glyph index ranges between consecutive break opportunities, with "must break after".
    fn segments(&self) -> Vec<(Range<usize>, bool)> {
        let mut segments = Vec::new();
        let mut g = 0;
        for &(at, mandatory) in &self.breaks {
            let start = g;
            while g < self.glyphs.len() && self.glyphs[g].0.cluster < at {
                g += 1;
            }
            if g > start || mandatory {
                segments.push((start..g, mandatory));
            }
        }
        if g < self.glyphs.len() {
            segments.push((g..self.glyphs.len(), true));
        }
        segments
    }

    fn width_of(&self, range: Range<usize>) -> f32 {
        self.glyphs[range].iter().map(|(g, _)| g.advance).sum()
    }

    /// The range without its trailing spaces.
    fn trim_end(&self, range: Range<usize>) -> Range<usize> {
        let mut end = range.end;
        while end > range.start && self.is_space(end - 1) {
            end -= 1;
        }
        range.start..end
    }

    /// The widest unbreakable piece and the width of the text set on one line (between
    /// mandatory breaks): what a table column needs at least and at most.
    pub fn min_max_width(&self) -> (f32, f32) {
        let (mut min, mut max, mut line) = (0f32, 0f32, 0f32);
        for (segment, mandatory) in self.segments() {
            let trimmed = self.trim_end(segment.clone());
            min = min.max(self.width_of(trimmed.clone()));
            max = max.max(line + self.width_of(trimmed));
            line += self.width_of(segment);
            if mandatory {
                line = 0.0;
            }
        }
        (min, max)
    }

    /// Breaks the text into lines no wider than `max_width` (greedy, first fit).
    pub fn break_lines(&self, max_width: f32, line_height: f32) -> Vec<LineBox> {
        let mut lines: Vec<Range<usize>> = Vec::new();
        let mut current: Option<Range<usize>> = None;
        let mut width = 0.0;
        for (segment, mandatory) in self.segments() {
            let visible = self.width_of(self.trim_end(segment.clone()));
            if let Some(line) = &current
                && width + visible > max_width + 0.01
            {
                lines.push(line.clone());
                current = None;
                width = 0.0;
            }
            if current.is_none() && visible > max_width + 0.01 {
                // A word longer than the line: break it between clusters.
                let mut start = segment.start;
                let mut w = 0.0;
                let mut g = segment.start;
                while g < segment.end {
                    let cluster_end = self.cluster_end(g, segment.end);
                    let cw = self.width_of(g..cluster_end);
                    if w + cw > max_width && g > start {
                        lines.push(start..g);
                        start = g;
                        w = 0.0;
                    }
                    w += cw;
                    g = cluster_end;
                }
                current = Some(start..segment.end);
                width = w;
            } else {
                let line = current.get_or_insert(segment.start..segment.start);
                line.end = segment.end;
                width += self.width_of(segment.clone());
            }
            if mandatory && let Some(line) = current.take() {
                lines.push(line);
                width = 0.0;
            }
        }
        if let Some(line) = current {
            lines.push(line);
        }
        lines
            .into_iter()
            .filter_map(|range| {
                let trimmed = self.trim_end(range.clone());
                if trimmed.is_empty() && self.ends_with_hard_break(&range) {
                    // Two hard breaks in a row: an empty line, as the author asked.
                    let size = self.spans[self.glyphs[range.end - 1].1].1.size;
                    let height = size * line_height;
                    return Some(LineBox {
                        glyphs: range.start..range.start,
                        width: 0.0,
                        height,
                        baseline: (height - size) / 2.0 + size * 0.8,
                    });
                }
                self.measure(trimmed, line_height)
            })
            .collect()
    }

    fn ends_with_hard_break(&self, range: &Range<usize>) -> bool {
        !range.is_empty() && self.text[self.glyphs[range.end - 1].0.cluster..].starts_with('\n')
    }

    /// The end of the cluster glyph `g` starts.
    fn cluster_end(&self, g: usize, limit: usize) -> usize {
        let cluster = self.glyphs[g].0.cluster;
        let mut end = g + 1;
        while end < limit && self.glyphs[end].0.cluster == cluster {
            end += 1;
        }
        end
    }

    fn measure(&self, range: Range<usize>, line_height: f32) -> Option<LineBox> {
        let size = self.glyphs[range.clone()]
            .iter()
            .map(|(_, s)| self.spans[*s].1.size)
            .fold(0f32, f32::max);
        if range.is_empty() {
            return None;
        }
        let height = size * line_height;
        // Centre the em box in the line; the baseline sits 0.8 em below the em box top,
        // which suits the faces folio ships (ascender ≈ 0.8–0.95 em).
        let baseline = (height - size) / 2.0 + size * 0.8;
        Some(LineBox {
            width: self.width_of(range.clone()),
            glyphs: range,
            height,
            baseline,
        })
    }

    /// The text each glyph stands for (see [`Shaped::texts`]).
    fn glyph_text(&self, g: usize) -> &str {
        let (start, end) = self.texts[g];
        &self.text[start..end]
    }

    /// Draws `line` with its left edge at `x` and its top at `top`: text runs, then their
    /// decorations (code backgrounds first, so text sits on them) and link areas. Text is
    /// tagged `tag` unless its style names its own structure element; decorations are
    /// artifacts.
    pub fn line_items(&self, line: &LineBox, x: f32, top: f32, tag: Tag) -> Vec<Item> {
        let mut backgrounds = Vec::new();
        let mut items = Vec::new();
        let mut decorations = Vec::new();
        let baseline = top + line.baseline;
        let mut pen = x;
        // The space a line broke at is drawn after its last glyph, taking no room: text
        // taken from the page (a screen reader's, a copy) keeps the words on either side of
        // the break apart.
        let visible_end = line.glyphs.end;
        let end = match self.glyphs.get(visible_end) {
            Some(_) if visible_end > line.glyphs.start && self.glyph_text(visible_end) == " " => {
                visible_end + 1
            }
            _ => visible_end,
        };
        // The line's glyphs in display order: logical order, unless bidi levels say
        // otherwise (the break's space takes the paragraph's level, rule L1).
        let base = u8::from(self.rtl);
        let bidi = self.rtl
            || self.glyphs[line.glyphs.start..end]
                .iter()
                .any(|(g, _)| g.level > 0);
        let order: Vec<usize> = if bidi {
            let levels: Vec<u8> = (line.glyphs.start..end)
                .map(|g| {
                    if g < visible_end {
                        self.glyphs[g].0.level
                    } else {
                        base
                    }
                })
                .collect();
            super::bidi::visual_order(&levels)
                .into_iter()
                .map(|i| line.glyphs.start + i)
                .collect()
        } else {
            (line.glyphs.start..end).collect()
        };
        // Runs of one span and face, in display order; a mirrored page takes them in
        // reverse, and the mirror turns them round again.
        let mut runs: Vec<&[usize]> = order
            .chunk_by(|&a, &b| {
                let (ga, gb) = (&self.glyphs[a], &self.glyphs[b]);
                ga.1 == gb.1 && ga.0.face == gb.0.face && ga.0.replacement == gb.0.replacement
            })
            .collect();
        if self.mirrored {
            runs.reverse();
        }
        for run in runs {
            let g = run[0];
            let span = self.glyphs[g].1;
            let face = self.glyphs[g].0.face;
            let style = &self.spans[span].1;
            let run_tag = style.node.map_or(tag, Tag::Node);
            let run_start = pen;
            let mut glyphs = Vec::with_capacity(run.len());
            let mut text =
                String::with_capacity(run.iter().map(|&g| self.texts[g].1 - self.texts[g].0).sum());
            let replacement = self.glyphs[g].0.replacement;
            let mut decorated = false;
            for &g in run {
                let (glyph, _) = &self.glyphs[g];
                let start = text.len() as u32;
                text.push_str(self.glyph_text(g));
                let advance = if g < visible_end { glyph.advance } else { 0.0 };
                decorated |= g < visible_end;
                glyphs.push(PlacedGlyph {
                    gid: glyph.gid,
                    advance,
                    font_advance: glyph.font_advance,
                    text: (start, text.len() as u32),
                    replacement,
                    cluster: glyph.cluster as u32,
                    rtl: glyph.level % 2 == 1,
                });
                pen += advance;
            }
            let width = pen - run_start;
            let run_baseline = baseline - style.rise;
            // The break's space alone in a run of its own is text with no decoration.
            if let Some(bg) = style.background.filter(|_| decorated) {
                backgrounds.push(Item::Rect {
                    x: run_start - 1.0,
                    y: run_baseline - style.size * 0.85,
                    w: width + 2.0,
                    h: style.size * 1.12,
                    fill: Some(bg),
                    stroke: None,
                    tag: Tag::Artifact,
                });
            }
            let thickness = (style.size / 16.0).max(0.5);
            if style.underline && decorated {
                let y = run_baseline + style.size * 0.14;
                decorations.push(Item::hline(run_start, pen, y, style.color, thickness));
            }
            if style.strike && decorated {
                let y = run_baseline - style.size * 0.3;
                decorations.push(Item::hline(run_start, pen, y, style.color, thickness));
            }
            if let Some(target) = style.link.as_ref().filter(|_| decorated) {
                let link_tag = style.link_node.map_or(run_tag, Tag::Node);
                // Neighbouring runs of one link (a face change inside it) share one area;
                // the link's underline is drawn between them.
                let last_link = decorations
                    .iter_mut()
                    .rev()
                    .find(|d| matches!(d, Item::Link { .. }));
                match last_link {
                    Some(Item::Link {
                        x: lx,
                        w,
                        target: t,
                        tag: last_tag,
                        ..
                    }) if t == target
                        && *last_tag == link_tag
                        && (*lx + *w - run_start).abs() < 0.01 =>
                    {
                        *w += width
                    }
                    _ => decorations.push(Item::Link {
                        x: run_start,
                        y: top,
                        w: width,
                        h: line.height,
                        target: target.clone(),
                        tag: link_tag,
                    }),
                }
            }
            items.push(Item::Text(TextRun {
                x: run_start,
                baseline: run_baseline,
                face,
                size: style.size,
                color: style.color,
                text,
                glyphs,
                tag: run_tag,
            }));
        }
        backgrounds.extend(items);
        backgrounds.extend(decorations);
        backgrounds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);

    fn shaped(text: &str) -> Shaped {
        let fonts = FontSet::builtin().unwrap();
        let mut st = StyledText::default();
        st.push(text, &SpanStyle::plain(FaceKind::Regular, 12.0, BLACK));
        st.shape(&fonts, &mut BTreeSet::new())
    }

    fn line_texts(s: &Shaped, lines: &[LineBox]) -> Vec<String> {
        lines
            .iter()
            .map(|l| {
                let items = s.line_items(l, 0.0, 0.0, Tag::Artifact);
                items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Text(run) => Some(run.text()),
                        _ => None,
                    })
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn lines_break_between_words_and_never_exceed_the_width() {
        let s = shaped("Chronic pain affects millions of people around the world every year.");
        let lines = s.break_lines(150.0, 1.3);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            assert!(line.width <= 150.0, "{line:?}");
        }
        // Each line but the last carries the space it broke at, as text taking no room.
        let texts = line_texts(&s, &lines);
        assert_eq!(
            texts.concat(),
            "Chronic pain affects millions of people around the world every year."
        );
        let (last, rest) = texts.split_last().unwrap();
        assert!(
            rest.iter().all(|t| t.ends_with(' ') && !t.ends_with("  ")),
            "{texts:?}"
        );
        assert!(!last.ends_with(' '));
        for line in &lines[..lines.len() - 1] {
            let items = s.line_items(line, 0.0, 0.0, Tag::Artifact);
            let Some(Item::Text(run)) = items.last() else {
                panic!("{items:?}")
            };
            assert_eq!(run.glyphs.last().map(|g| g.advance), Some(0.0));
            assert!((run.width() - line.width).abs() < 0.01);
        }
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_not_overflowing() {
        let s = shaped("see https://example.org/a/very/long/path/that/does/not/fit/anywhere");
        let lines = s.break_lines(60.0, 1.3);
        for line in &lines {
            assert!(line.width <= 60.0 + 0.01, "{line:?}");
        }
        let joined: String = line_texts(&s, &lines).concat();
        assert_eq!(
            joined.replace(' ', ""),
            "seehttps://example.org/a/very/long/path/that/does/not/fit/anywhere"
        );
    }

    #[test]
    fn hyphenated_words_stay_whole() {
        let s = shaped("the mood-enhancing effects");
        let narrow = s.break_lines(110.0, 1.3);
        let texts = line_texts(&s, &narrow);
        assert!(
            texts.iter().any(|t| t.contains("mood-enhancing")),
            "{texts:?}"
        );
    }

    #[test]
    fn a_word_exactly_as_wide_as_the_line_is_not_broken() {
        let s = shaped("Wednesday");
        let (min, _) = s.min_max_width();
        // The width a table cell gets back after adding and removing its padding.
        let width = (min + 2.0 * 5.4) - 2.0 * 5.4;
        assert_eq!(line_texts(&s, &s.break_lines(width, 1.3)), ["Wednesday"]);
    }

    #[test]
    fn two_hard_breaks_make_an_empty_line() {
        let s = shaped("one\n\ntwo");
        let lines = s.break_lines(500.0, 1.3);
        assert_eq!(line_texts(&s, &lines), ["one", "", "two"]);
    }

    #[test]
    fn hard_breaks_end_lines() {
        let s = shaped("one\ntwo three");
        let lines = s.break_lines(500.0, 1.3);
        assert_eq!(line_texts(&s, &lines), ["one", "two three"]);
    }

    /// Layout sets a hard break as a space and a newline (" \n"): the space is drawn at the
    /// line's end with no advance, so the words either side stay apart in extracted text.
    #[test]
    fn a_hard_break_keeps_its_space_as_text_taking_no_room() {
        let s = shaped("one \n \ntwo");
        let lines = s.break_lines(500.0, 1.3);
        assert_eq!(line_texts(&s, &lines), ["one ", "", "two"]);
        let items = s.line_items(&lines[0], 0.0, 0.0, Tag::Artifact);
        let Some(Item::Text(run)) = items.last() else {
            panic!("{items:?}")
        };
        assert_eq!(run.glyphs.last().map(|g| g.advance), Some(0.0));
        assert!((run.width() - lines[0].width).abs() < 0.01);
    }

    #[test]
    fn ligatures_keep_their_text() {
        let s = shaped("office fluffy");
        let lines = s.break_lines(500.0, 1.3);
        assert_eq!(line_texts(&s, &lines), ["office fluffy"]);
    }

    #[test]
    fn min_and_max_widths_bound_a_column() {
        let s = shaped("aaaaaa bb c");
        let (min, max) = s.min_max_width();
        let lines = s.break_lines(min, 1.3);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.width <= min + 0.01));
        assert_eq!(s.break_lines(max, 1.3).len(), 1);
        assert!(min < max);
    }
}

//! Positioned frames: what the layout produces and the painter draws.
//!
//! Coordinates are points from the top-left corner of the page, y growing downwards (the
//! painter flips them into PDF space). Nothing here knows about PDF bytes, so layouts can be
//! tested by looking at these values.

use super::fonts::FaceId;
use super::structure::{StructTree, Tag};
use super::style::Rgb;

/// The laid-out handout.
#[derive(Debug, Clone)]
pub struct Layout {
    pub page_width: f32,
    pub page_height: f32,
    pub pages: Vec<Page>,
    /// Headings in document order, for the PDF outline (bookmarks).
    pub outline: Vec<OutlineEntry>,
    /// Where each heading (and footnote) id landed: page index and y of its top.
    pub anchors: std::collections::BTreeMap<String, (usize, f32)>,
    /// The logical structure the items' tags point into.
    pub structure: StructTree,
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub y: f32,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    Uri(String),
    /// A heading or footnote id inside the handout.
    Anchor(String),
}

/// One glyph of a text run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedGlyph {
    pub gid: u16,
    /// Advance after shaping, in points.
    pub advance: f32,
    /// The font's own advance, in points.
    pub font_advance: f32,
    /// The text it stands for, as a byte range of its run's `text` (empty for the second
    /// and later glyphs of one cluster). A range, not a string: a handout has hundreds of
    /// thousands of glyphs.
    pub text: (u32, u32),
    /// A stand-in (U+FFFD) for a character no font has; its text is the real character.
    pub replacement: bool,
    /// The cluster it belongs to (a byte offset in its paragraph): the glyphs of one
    /// cluster carry their text together.
    pub cluster: u32,
    /// Set right to left: its run's glyphs are in display order, the reverse of the text's.
    pub rtl: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f32,
    pub baseline: f32,
    pub face: FaceId,
    pub size: f32,
    pub color: Rgb,
    /// The text of the glyphs, in glyph order.
    pub text: String,
    pub glyphs: Vec<PlacedGlyph>,
    pub tag: Tag,
}

impl TextRun {
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }

    pub fn text(&self) -> String {
        self.text.clone()
    }

    /// The text glyph `g` of this run stands for.
    pub fn glyph_text(&self, g: &PlacedGlyph) -> &str {
        self.text
            .get(g.text.0 as usize..g.text.1 as usize)
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
        tag: Tag,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Rgb,
        width: f32,
        tag: Tag,
    },
    /// An open polyline (the tick of a checked task box).
    Polyline {
        points: Vec<(f32, f32)>,
        color: Rgb,
        width: f32,
        tag: Tag,
    },
    Image {
        /// The image's key in the document's assets (its URL).
        key: String,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        tag: Tag,
    },
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        target: LinkTarget,
        /// The link's structure element (the annotation is one of its parts).
        tag: Tag,
    },
}

impl Item {
    /// A horizontal rule from `x1` to `x2` at height `y` (a decoration).
    pub fn hline(x1: f32, x2: f32, y: f32, color: Rgb, width: f32) -> Item {
        Item::Line {
            x1,
            y1: y,
            x2,
            y2: y,
            color,
            width,
            tag: Tag::Artifact,
        }
    }

    /// Makes the item `new`'s (a header's or footer's, or decoration).
    pub fn set_tag(&mut self, new: Tag) {
        match self {
            Item::Text(run) => run.tag = new,
            Item::Rect { tag, .. }
            | Item::Line { tag, .. }
            | Item::Polyline { tag, .. }
            | Item::Image { tag, .. }
            | Item::Link { tag, .. } => *tag = new,
        }
    }

    /// Moves the item down by `dy` (and right by `dx`).
    pub fn shift(&mut self, dx: f32, dy: f32) {
        match self {
            Item::Text(run) => {
                run.x += dx;
                run.baseline += dy;
            }
            Item::Rect { x, y, .. } | Item::Image { x, y, .. } | Item::Link { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Item::Line { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
            Item::Polyline { points, .. } => {
                for (x, y) in points {
                    *x += dx;
                    *y += dy;
                }
            }
        }
    }

    /// Mirrors the item's place across the middle of a page `width` wide: a right-to-left
    /// handout is laid out left to right, then mirrored, so margins, indents, list markers,
    /// callout bars, table columns and the header and footer all change sides. A text run
    /// keeps its glyphs' own order (the line put them in display order already).
    pub fn mirror(&mut self, width: f32) {
        match self {
            Item::Text(run) => run.x = width - run.x - run.width(),
            Item::Rect { x, w, .. } | Item::Image { x, w, .. } | Item::Link { x, w, .. } => {
                *x = width - *x - *w;
            }
            Item::Line { x1, x2, .. } => {
                *x1 = width - *x1;
                *x2 = width - *x2;
            }
            Item::Polyline { points, .. } => {
                for (x, _) in points {
                    *x = width - *x;
                }
            }
        }
    }

    /// The item's horizontal and vertical extent: (left, top, right, bottom).
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        match self {
            Item::Text(run) => (
                run.x,
                // Ascender and descender of the faces folio ships, roughly.
                run.baseline - run.size * 0.85,
                run.x + run.width(),
                run.baseline + run.size * 0.25,
            ),
            Item::Rect { x, y, w, h, .. }
            | Item::Image { x, y, w, h, .. }
            | Item::Link { x, y, w, h, .. } => (*x, *y, x + w, y + h),
            Item::Line { x1, y1, x2, y2, .. } => {
                (x1.min(*x2), y1.min(*y2), x1.max(*x2), y1.max(*y2))
            }
            Item::Polyline { points, .. } => points.iter().fold(
                (f32::MAX, f32::MAX, f32::MIN, f32::MIN),
                |(l, t, r, b), &(x, y)| (l.min(x), t.min(y), r.max(x), b.max(y)),
            ),
        }
    }
}

impl Layout {
    /// All text of a page, runs joined in painting order (for tests and diagnostics).
    pub fn page_text(&self, page: usize) -> String {
        let mut out = String::new();
        for item in &self.pages[page].items {
            if let Item::Text(run) = item {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&run.text());
            }
        }
        out
    }
}

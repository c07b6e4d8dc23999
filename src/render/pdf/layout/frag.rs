//! A fragment: one unbreakable horizontal slice of the flow (usually a line of text, a table
//! row, an image) with its height, the space it wants above it, and whether it must stay on
//! the page with the next one. What the block layout makes and pagination places.

use super::super::frame::Item;

/// A horizontal slice of the flow.
#[derive(Debug, Clone, Default)]
pub struct Frag {
    pub(super) h: f32,
    /// Items, with y relative to the fragment's top.
    pub(super) items: Vec<Item>,
    /// Space wanted above; dropped at the top of a page.
    pub(super) space_before: f32,
    pub(super) keep_with_next: bool,
    /// Baseline of the first line, relative to the top (list markers align to it).
    pub(super) first_baseline: Option<f32>,
    /// Ids that point here (headings, footnotes).
    pub(super) anchors: Vec<String>,
    pub(super) outline: Option<(u8, String)>,
    /// The table this row belongs to (its header is repeated after a page break).
    pub(super) table: Option<usize>,
    pub(super) is_table_header: bool,
}

impl Frag {
    pub fn shift(&mut self, dx: f32, dy: f32) {
        for item in &mut self.items {
            item.shift(dx, dy);
        }
        if let Some(b) = &mut self.first_baseline {
            *b += dy;
        }
    }
}

/// No paragraph leaves a single line alone at the foot (orphan) or head (widow) of a page.
pub fn widows_and_orphans(lines: &mut [Frag]) {
    let n = lines.len();
    if n >= 2 {
        lines[0].keep_with_next = true;
        lines[n - 2].keep_with_next = true;
    }
}

//! Pagination: fragments placed on pages, keeping together what must stay together
//! (keep-with-next chains), a table's header repeated where its rows continue, fragments
//! taller than a page cut between lines of text. Works on measured fragments alone: no
//! fonts, no model.

use std::collections::BTreeMap;

use super::super::frame::{Item, Layout, OutlineEntry, Page};
use super::super::structure::{StructTree, Tag};
use super::frag::Frag;

/// Points of rounding a fragment may overrun the foot of the page by.
const TOLERANCE: f32 = 0.01;
/// The least height (points) a cut fragment's pieces get, so cutting always ends.
const MIN_PIECE: f32 = 12.0;
/// A cut goes this far (points) above the line of text it keeps whole.
const CUT_ABOVE_TEXT: f32 = 0.5;

/// Fills pages with fragments.
pub(super) fn paginate(
    tables: &[Frag],
    frags: Vec<Frag>,
    body_top: f32,
    body_bottom: f32,
    page_width: f32,
    page_height: f32,
) -> Layout {
    let body_height = body_bottom - body_top;
    let mut pages: Vec<Page> = vec![Page::default()];
    let mut outline = Vec::new();
    let mut anchors = BTreeMap::new();
    let mut y = body_top;
    let mut at_top = true;
    // A table row that starts a page brings its table's header along.
    let repeated_header = |frag: &Frag| -> Option<&Frag> {
        let header = tables.get(frag.table?)?;
        (!frag.is_table_header && !header.items.is_empty()).then_some(header)
    };
    let mut frags = split_oversized(frags, |f| {
        body_height - repeated_header(f).map_or(0.0, |h| h.h)
    });
    let mut i = 0;
    while i < frags.len() {
        // The chain of fragments that must stay together with this one.
        let mut end = i;
        let mut chain_height = frags[i].h;
        while frags[end].keep_with_next && end + 1 < frags.len() && chain_height < body_height {
            end += 1;
            chain_height += frags[end].space_before + frags[end].h;
        }
        let header_height = repeated_header(&frags[i]).map_or(0.0, |h| h.h);
        let space = if at_top { 0.0 } else { frags[i].space_before };
        let fits = y + space + chain_height <= body_bottom + TOLERANCE;
        if !fits && !at_top && chain_height + header_height <= body_height {
            new_page(&mut pages, &mut y, &mut at_top, body_top);
        }
        // Place the chain's first fragment (the rest follow in their own turns, and will
        // fit, since the whole chain did).
        let frag = &mut frags[i];
        let space = if at_top { 0.0 } else { frag.space_before };
        if !at_top && y + space + frag.h > body_bottom + TOLERANCE {
            new_page(&mut pages, &mut y, &mut at_top, body_top);
        }
        // A table row at the top of a page gets its table's header first.
        if at_top
            && pages.len() > 1
            && let Some(header) = repeated_header(frag)
        {
            // The repeat is a convenience for the eye; a reader met the header once. Its
            // links stay on the first page only: an annotation is part of one element.
            let items = header
                .items
                .iter()
                .filter(|item| !matches!(item, Item::Link { .. }))
                .map(|item| {
                    let mut item = item.clone();
                    item.set_tag(Tag::Artifact);
                    item
                })
                .collect();
            place(
                &mut pages,
                header,
                items,
                y,
                &mut outline,
                &mut anchors,
                true,
            );
            y += header.h;
        }
        let space = if at_top { 0.0 } else { frag.space_before };
        y += space;
        // Each fragment is placed once: its items move onto the page.
        let items = std::mem::take(&mut frag.items);
        place(
            &mut pages,
            frag,
            items,
            y,
            &mut outline,
            &mut anchors,
            false,
        );
        y += frag.h;
        at_top = false;
        i += 1;
    }
    Layout {
        page_width,
        page_height,
        pages,
        outline,
        anchors,
        structure: StructTree::new(),
    }
}

fn new_page(pages: &mut Vec<Page>, y: &mut f32, at_top: &mut bool, body_top: f32) {
    pages.push(Page::default());
    *y = body_top;
    *at_top = true;
}

fn place(
    pages: &mut [Page],
    frag: &Frag,
    items: Vec<Item>,
    y: f32,
    outline: &mut Vec<OutlineEntry>,
    anchors: &mut BTreeMap<String, (usize, f32)>,
    repeat: bool,
) {
    let page = pages.len() - 1;
    if !repeat {
        for id in &frag.anchors {
            anchors.entry(id.clone()).or_insert((page, y));
        }
        if let Some((level, title)) = &frag.outline {
            outline.push(OutlineEntry {
                level: *level,
                title: title.clone(),
                page,
                y,
            });
        }
    }
    pages[page].items.extend(items.into_iter().map(|mut item| {
        item.shift(0.0, y);
        item
    }));
}

/// Cuts fragments taller than a page (a table row with a very long cell) between lines of
/// text, so nothing is drawn past the foot of a page.
fn split_oversized(frags: Vec<Frag>, room: impl Fn(&Frag) -> f32) -> Vec<Frag> {
    let mut out = Vec::with_capacity(frags.len());
    for frag in frags {
        // At least a few points per piece, so the loop always ends.
        let limit = room(&frag).max(MIN_PIECE);
        let mut rest = frag;
        while rest.h > limit {
            let cut = cut_point(&rest.items, limit).clamp(MIN_PIECE / 2.0, limit);
            let mut head = Frag {
                h: cut,
                space_before: rest.space_before,
                anchors: std::mem::take(&mut rest.anchors),
                outline: rest.outline.take(),
                table: rest.table,
                ..Frag::default()
            };
            let mut tail_items = Vec::new();
            for item in std::mem::take(&mut rest.items) {
                let (_, top, _, bottom) = item.bounds();
                match item {
                    Item::Rect {
                        x,
                        y,
                        w,
                        h,
                        fill,
                        stroke,
                        tag,
                    } if top < cut && bottom > cut => {
                        head.items.push(Item::Rect {
                            x,
                            y,
                            w,
                            h: cut - y,
                            fill,
                            stroke,
                            tag,
                        });
                        tail_items.push(Item::Rect {
                            x,
                            y: 0.0,
                            w,
                            h: y + h - cut,
                            fill,
                            stroke,
                            tag,
                        });
                    }
                    Item::Line {
                        x1,
                        y1: _,
                        x2,
                        y2: _,
                        color,
                        width,
                        tag,
                    } if top < cut && bottom > cut && (x1 - x2).abs() < TOLERANCE => {
                        head.items.push(Item::Line {
                            x1,
                            y1: top,
                            x2,
                            y2: cut,
                            color,
                            width,
                            tag,
                        });
                        tail_items.push(Item::Line {
                            x1,
                            y1: 0.0,
                            x2,
                            y2: bottom - cut,
                            color,
                            width,
                            tag,
                        });
                    }
                    mut item => {
                        if top < cut {
                            head.items.push(item);
                        } else {
                            item.shift(0.0, -cut);
                            tail_items.push(item);
                        }
                    }
                }
            }
            out.push(head);
            rest = Frag {
                h: rest.h - cut,
                items: tail_items,
                keep_with_next: rest.keep_with_next,
                table: rest.table,
                ..Frag::default()
            };
        }
        out.push(rest);
    }
    out
}

/// The lowest y ≤ `limit` that cuts through no line of text.
fn cut_point(items: &[Item], limit: f32) -> f32 {
    let texts: Vec<(f32, f32)> = items
        .iter()
        .filter(|i| matches!(i, Item::Text(_) | Item::Image { .. }))
        .map(|i| {
            let (_, top, _, bottom) = i.bounds();
            (top, bottom)
        })
        .collect();
    let mut candidates: Vec<f32> = texts.iter().map(|(t, _)| *t - CUT_ABOVE_TEXT).collect();
    candidates.push(limit);
    candidates
        .into_iter()
        .filter(|&c| c > CUT_ABOVE_TEXT * 2.0 && c <= limit)
        .filter(|&c| texts.iter().all(|&(t, b)| c <= t || c >= b))
        .fold(None, |best: Option<f32>, c| {
            Some(best.map_or(c, |b| b.max(c)))
        })
        .unwrap_or(limit)
}

#[cfg(test)]
mod tests {
    use super::super::frag::widows_and_orphans;
    use super::*;

    /// A fragment of height `h` holding one rectangle, kept with the next if `keep`.
    fn frag(h: f32, keep: bool) -> Frag {
        Frag {
            h,
            keep_with_next: keep,
            items: vec![Item::Rect {
                x: 0.0,
                y: 0.0,
                w: 1.0,
                h,
                fill: None,
                stroke: None,
                tag: Tag::Artifact,
            }],
            ..Frag::default()
        }
    }

    #[test]
    fn orphans_and_widows_are_avoided() {
        // Nine filler lines, then a five-line paragraph: the page holds ten lines.
        let mut frags: Vec<Frag> = (0..9).map(|_| frag(10.0, false)).collect();
        let mut para: Vec<Frag> = (0..5).map(|_| frag(10.0, false)).collect();
        widows_and_orphans(&mut para);
        frags.extend(para);
        let layout = paginate(&[], frags, 0.0, 100.0, 100.0, 100.0);
        let counts: Vec<usize> = layout.pages.iter().map(|p| p.items.len()).collect();
        // The paragraph's first line would be alone: it moves with the next.
        assert_eq!(counts, [9, 5]);
    }

    #[test]
    fn a_heading_moves_to_the_page_of_the_text_it_heads() {
        // Eight lines, a heading kept with its first line, then that line: the page holds
        // ten, so the heading would be last on the first page; it moves to the second.
        let mut frags: Vec<Frag> = (0..9).map(|_| frag(10.0, false)).collect();
        frags.push(frag(10.0, true));
        frags.push(frag(10.0, false));
        let layout = paginate(&[], frags, 0.0, 100.0, 100.0, 100.0);
        let counts: Vec<usize> = layout.pages.iter().map(|p| p.items.len()).collect();
        assert_eq!(counts, [9, 2]);
    }

    #[test]
    fn a_fragment_taller_than_a_page_is_cut_and_nothing_crosses_the_foot() {
        let layout = paginate(&[], vec![frag(250.0, false)], 0.0, 100.0, 100.0, 100.0);
        assert_eq!(layout.pages.len(), 3);
        for page in &layout.pages {
            for item in &page.items {
                let (_, top, _, bottom) = item.bounds();
                assert!(top >= -0.01 && bottom <= 100.01, "{item:?}");
            }
        }
    }

    #[test]
    fn a_table_header_is_repeated_where_its_rows_continue() {
        let mut header = frag(10.0, true);
        header.table = Some(0);
        header.is_table_header = true;
        let row = |h| {
            let mut f = frag(h, false);
            f.table = Some(0);
            f
        };
        let mut frags = vec![header.clone()];
        frags.extend((0..15).map(|_| row(10.0)));
        let layout = paginate(&[header], frags, 0.0, 100.0, 100.0, 100.0);
        assert_eq!(layout.pages.len(), 2);
        // Page two: the repeated header (an artifact) above the rows that continue.
        let second = &layout.pages[1];
        assert_eq!(second.items.len(), 1 + 6);
        assert_eq!(second.items[0].bounds().1, 0.0);
    }
}

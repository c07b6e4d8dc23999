//! Lists, footnote lists and definition lists: each item a label (bullet, number, check box
//! or term) beside or above its body, tagged L > LI > Lbl + LBody.

use super::super::fonts::FaceKind;
use super::super::frame::Item;
use super::super::inline::{Shaped, StyledText};
use super::super::structure::{Role, Tag};
use super::context::{Column, Ctx};
use super::frag::Frag;
use crate::model::{Align, Block, Definition, Inline, ListItem};
use crate::terms::Term;

/// The gap after a check box, × the gap after a marker (a box needs more air than a bullet).
const CHECKBOX_GAP: f32 = 1.5;
/// Where an empty item's marker sits: its baseline, × body.
const EMPTY_ITEM_BASELINE: f32 = 0.95;
/// How far a check box's top is above the baseline, × its side.
const CHECKBOX_RAISE: f32 = 0.9;
/// The tick in a checked box: three points, × the box's side from its top left corner.
const TICK: [(f32, f32); 3] = [(0.2, 0.5), (0.42, 0.78), (0.82, 0.2)];

/// A list as the layout sets it: its items, how they are numbered, and (for footnotes)
/// the id each item's body carries.
#[derive(Debug, Clone, Copy)]
pub(super) struct List<'a> {
    /// The first item's number; `None` for bullets.
    pub start: Option<u64>,
    pub tight: bool,
    pub items: &'a [ListItem],
    /// With ids, each item's body is a footnote (Note) with that id.
    pub note_ids: Option<&'a [String]>,
}

impl Ctx<'_> {
    /// A list (L), each item an LI of a label (Lbl: bullet, number or check box) and a body
    /// (LBody, inside a Note for footnotes). Returns where each item's first fragment is in
    /// `out`.
    pub(super) fn list(
        &mut self,
        list: List<'_>,
        column: Column,
        out: &mut Vec<Frag>,
    ) -> Vec<usize> {
        self.element(Role::L, |ctx, _| ctx.list_items(list, column, out))
    }

    /// An item's blocks, inside its LBody (and Note).
    pub(super) fn item_body(
        &mut self,
        blocks: &[Block],
        column: Column,
        tight: bool,
        note_id: Option<&String>,
        out: &mut Vec<Frag>,
    ) {
        // A tight list's items have no paragraphs of their own, as in HTML; an item (or
        // note) of several paragraphs keeps them apart.
        let paragraphs = blocks
            .iter()
            .filter(|b| matches!(b, Block::Paragraph { .. }))
            .count();
        let tight = tight && paragraphs <= 1;
        self.element(Role::LBody, |ctx, _| match note_id {
            Some(id) => ctx.element(Role::Note, |ctx, note| {
                if let Some(n) = ctx.tree.node_mut(note) {
                    n.id = Some(id.clone());
                }
                ctx.blocks_in(blocks, column, tight, out);
            }),
            None => ctx.blocks_in(blocks, column, tight, out),
        });
    }

    fn list_items(&mut self, list: List<'_>, column: Column, out: &mut Vec<Frag>) -> Vec<usize> {
        let List {
            start,
            tight,
            items,
            note_ids,
        } = list;
        let parent = self.current;
        let depth = self.list_depth;
        let body = self.body_style();
        let markers: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(i, _)| match start {
                Some(n) => format!("{}.", n.saturating_add(i as u64)),
                None => ["•", "◦", "▪"][depth % 3].to_string(),
            })
            .collect();
        let shaped_markers: Vec<Shaped> = markers
            .iter()
            .map(|m| {
                let mut st = StyledText::default();
                st.push(m, &body);
                st.shape(self.input.fonts, &mut self.missing)
            })
            .collect();
        let widest = shaped_markers
            .iter()
            .map(|s| s.min_max_width().1)
            .fold(0f32, f32::max);
        let has_tasks = items.iter().any(|i| i.task.is_some());
        let m = &self.measures().lists;
        let box_size = self.scale.body * m.checkbox_size;
        let gutter = self.scale.body * m.marker_gap;
        let mut indent = (widest + gutter).max(self.scale.body * m.min_indent);
        if has_tasks {
            indent = indent.max(box_size + gutter * CHECKBOX_GAP);
        }
        let inner = self.indented(column, indent);
        let item_gap = if tight {
            self.scale.paragraph_spacing * m.tight_item_space
        } else {
            self.scale.paragraph_spacing
        };
        self.list_depth += 1;
        // Too deep to indent further: the marker goes in front of the item's text instead of
        // in a gutter, so it never sits on top of a word.
        let inline_markers = inner.x <= column.x;
        let mut firsts = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let mut frags = Vec::new();
            self.current = self.tree.add(Role::LI, parent);
            let note_id = note_ids.and_then(|ids| ids.get(index));
            if inline_markers {
                let marker = match item.task {
                    Some(true) => "☑".to_string(),
                    Some(false) => "☐".to_string(),
                    None => markers[index].clone(),
                };
                let mut blocks = item.blocks.clone();
                match blocks.first_mut() {
                    Some(Block::Paragraph { content, .. }) => {
                        content.insert(0, Inline::text(format!("{marker} ")));
                    }
                    _ => blocks.insert(
                        0,
                        Block::Paragraph {
                            content: vec![Inline::text(marker)],
                            span: item.span,
                        },
                    ),
                }
                // The marker is part of the first paragraph's text: no label of its own.
                self.item_body(&blocks, inner, tight, note_id, &mut frags);
                if let Some(f) = frags.first_mut() {
                    f.space_before = if index == 0 {
                        self.scale.paragraph_spacing
                    } else {
                        item_gap
                    };
                }
                firsts.push(out.len());
                out.extend(frags);
                continue;
            }
            let label = self.tree.add(Role::Lbl, self.current);
            self.item_body(&item.blocks, inner, tight, note_id, &mut frags);
            if frags.is_empty() {
                // An empty item still shows its marker.
                frags.push(Frag {
                    h: self.scale.body * self.leading(),
                    first_baseline: Some(self.scale.body * EMPTY_ITEM_BASELINE),
                    ..Frag::default()
                });
            }
            frags[0].space_before = if index == 0 {
                self.scale.paragraph_spacing
            } else {
                item_gap
            };
            let baseline = frags[0].first_baseline.unwrap_or(self.scale.body);
            match item.task {
                Some(checked) => {
                    let state = if checked {
                        Term::TaskDone
                    } else {
                        Term::TaskToDo
                    };
                    self.set_alt(label, self.terms.get(state));
                    let first = &mut frags[0];
                    let x = column.x + (indent - gutter - box_size).max(0.0) * 0.5;
                    let y = baseline - box_size * CHECKBOX_RAISE;
                    first.items.push(Item::Rect {
                        x,
                        y,
                        w: box_size,
                        h: box_size,
                        fill: None,
                        stroke: Some((self.colors().text, m.checkbox_stroke)),
                        tag: Tag::Node(label),
                    });
                    if checked {
                        first.items.push(Item::Polyline {
                            points: TICK
                                .iter()
                                .map(|(tx, ty)| (x + box_size * tx, y + box_size * ty))
                                .collect(),
                            color: self.colors().text,
                            width: m.tick_stroke,
                            tag: Tag::Node(label),
                        });
                    }
                }
                None => {
                    let marker = &shaped_markers[index];
                    if let Some(line) = marker.break_lines(f32::MAX, 1.0).first() {
                        // Numbers are right-aligned against the text, bullets centred.
                        let x = column.x + (indent - gutter - line.width).max(0.0);
                        let top = baseline - line.baseline;
                        frags[0]
                            .items
                            .extend(marker.line_items(line, x, top, Tag::Node(label)));
                    }
                }
            }
            firsts.push(out.len());
            out.extend(frags);
        }
        self.list_depth -= 1;
        firsts
    }

    /// A definition list, tagged as a list whose labels are the terms.
    pub(super) fn definitions(
        &mut self,
        items: &[Definition],
        column: Column,
        out: &mut Vec<Frag>,
    ) {
        self.element(Role::L, |ctx, _| {
            for (index, item) in items.iter().enumerate() {
                ctx.element(Role::LI, |ctx, _| ctx.definition(index, item, column, out));
            }
        });
    }

    pub(super) fn definition(
        &mut self,
        index: usize,
        item: &Definition,
        column: Column,
        out: &mut Vec<Frag>,
    ) {
        let m = &self.measures().definitions;
        let indent = self.scale.body * m.indent;
        let inner = self.indented(column, indent);
        {
            let mut base = self.body_style();
            base.face = FaceKind::Bold;
            let leading = self.leading();
            let mut term = self.element(Role::Lbl, |ctx, _| {
                let mut st = StyledText::default();
                ctx.inlines_checked(&item.term, &base, &mut st, item.span);
                ctx.text_frags(&st, column, Align::Left, leading)
            });
            for f in &mut term {
                f.keep_with_next = true;
            }
            if let Some(f) = term.first_mut()
                && index > 0
            {
                f.space_before = self.scale.paragraph_spacing;
            }
            out.extend(term);
            self.element(Role::LBody, |ctx, _| {
                for details in &item.details {
                    let start = out.len();
                    ctx.blocks(details, inner, out);
                    if let Some(f) = out.get_mut(start) {
                        f.space_before = ctx.scale.paragraph_spacing * m.details_space;
                    }
                }
            });
        }
    }
}

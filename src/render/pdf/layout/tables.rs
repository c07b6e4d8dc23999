//! Tables: columns sized from their content, a header row repeated on each page the table
//! crosses, every row a closed box; tagged Table > THead/TBody > TR > TH/TD.

use super::super::fonts::FaceKind;
use super::super::frame::Item;
use super::super::inline::{Shaped, SpanStyle, StyledText};
use super::super::structure::{NodeId, Role, Tag};
use super::context::{Column, Ctx};
use super::frag::Frag;
use crate::model::{Align, Cell};

/// A table is crowded when its columns are narrower than their padding and this many ems.
const CROWDED_EMS: f32 = 3.0;
/// The body size (points, at most) a crowded table's least text size is a share of.
const CROWDED_BASE: f32 = 9.0;

impl Ctx<'_> {
    pub(super) fn table(
        &mut self,
        align: &[Align],
        head: &[Cell],
        rows: &[Vec<Cell>],
        column: Column,
        out: &mut Vec<Frag>,
    ) {
        let columns = rows
            .iter()
            .map(Vec::len)
            .chain(std::iter::once(head.len()))
            .max()
            .unwrap_or(0);
        if columns == 0 {
            return;
        }
        let m = &self.measures().tables;
        let mut pad_x = self.scale.body * m.padding_x;
        let pad_y = self.scale.body * m.padding_y;
        let mut size = self.scale.body * m.text_size;
        // Many columns (a month of days): smaller type and padding before words break.
        if column.width / (columns as f32) < 2.0 * pad_x + size * CROWDED_EMS {
            pad_x *= m.crowded_padding;
            size =
                (size * m.crowded_size).max(self.scale.body.min(CROWDED_BASE) * m.crowded_min_size);
        }
        // However wide the style pads cells, each column keeps at least half of its even
        // share of the width for its words.
        pad_x = pad_x.min(column.width / (columns as f32) / 4.0);
        let leading = m.line_height;
        let mut head_style = self.body_style();
        head_style.face = FaceKind::Bold;
        head_style.size = size;
        let mut cell_style = self.body_style();
        cell_style.size = size;
        // Table > THead > TR > TH and Table > TBody > TR > TD, a cell for every column.
        let shape_row = |ctx: &mut Self,
                         cells: &[Cell],
                         style: &SpanStyle,
                         role: Role|
         -> Vec<(Shaped, NodeId)> {
            ctx.element(Role::TR, |ctx, _| {
                (0..columns)
                    .map(|c| {
                        ctx.element(role, |ctx, node| {
                            let mut st = StyledText::default();
                            if let Some(cell) = cells.get(c) {
                                ctx.inlines(&cell.content, style, &mut st);
                            }
                            (st.shape(ctx.input.fonts, &mut ctx.missing), node)
                        })
                    })
                    .collect()
            })
        };
        let (head_shaped, body_shaped) = self.element(Role::Table, |ctx, _| {
            let head_shaped = (!head.is_empty()).then(|| {
                ctx.element(Role::THead, |ctx, _| {
                    shape_row(ctx, head, &head_style, Role::TH)
                })
            });
            let body_shaped: Vec<Vec<(Shaped, NodeId)>> = ctx.element(Role::TBody, |ctx, _| {
                rows.iter()
                    .map(|row| shape_row(ctx, row, &cell_style, Role::TD))
                    .collect()
            });
            (head_shaped, body_shaped)
        });
        // Column widths from content: each column gets its widest word, then the rest of
        // the room in proportion to how much more its longest line would like.
        let mut min = vec![0f32; columns];
        let mut max = vec![0f32; columns];
        for row in head_shaped.iter().chain(body_shaped.iter()) {
            for (c, (cell, _)) in row.iter().enumerate() {
                let (lo, hi) = cell.min_max_width();
                min[c] = min[c].max(lo + 2.0 * pad_x);
                max[c] = max[c].max(hi + 2.0 * pad_x);
            }
        }
        for c in 0..columns {
            min[c] = min[c].max(2.0 * pad_x + size);
            max[c] = max[c].max(min[c]);
        }
        let widths = column_widths(&min, &max, column.width);
        let table_id = self.tables.len();
        let rule = self.colors().rule;
        let make_row = |ctx: &mut Self, cells: &[(Shaped, NodeId)], header: bool| -> Frag {
            let mut items = Vec::new();
            let mut height = 0f32;
            let mut cell_items = Vec::new();
            let mut x = column.x;
            for (c, (cell, node)) in cells.iter().enumerate() {
                let width = widths[c] - 2.0 * pad_x;
                let lines = cell.break_lines(width, leading);
                let mut y = pad_y;
                let cell_align = align.get(c).copied().unwrap_or(Align::None);
                for line in &lines {
                    let offset = match cell_align {
                        Align::Right => width - line.width,
                        Align::Center => (width - line.width) / 2.0,
                        _ => 0.0,
                    };
                    cell_items.extend(cell.line_items(
                        line,
                        x + pad_x + offset.max(0.0),
                        y,
                        Tag::Node(*node),
                    ));
                    y += line.height;
                }
                height = height.max(y + pad_y);
                x += widths[c];
            }
            if header {
                items.push(Item::Rect {
                    x: column.x,
                    y: 0.0,
                    w: widths.iter().sum(),
                    h: height,
                    fill: Some(ctx.colors().table_header_background),
                    stroke: None,
                    tag: Tag::Artifact,
                });
            }
            items.extend(cell_items);
            let right = column.x + widths.iter().sum::<f32>();
            // Top, bottom and the vertical rules of this row: every row is a closed box, so
            // a table cut by a page break is closed on both pages.
            for y in [0.0, height] {
                items.push(Item::hline(
                    column.x,
                    right,
                    y,
                    rule,
                    if header && y > 0.0 {
                        m.header_rule_width
                    } else {
                        m.rule_width
                    },
                ));
            }
            let edges = std::iter::once(column.x).chain(widths.iter().scan(column.x, |x, w| {
                *x += w;
                Some(*x)
            }));
            for x in edges {
                items.push(Item::Line {
                    x1: x,
                    y1: 0.0,
                    x2: x,
                    y2: height,
                    color: rule,
                    width: m.rule_width,
                    tag: Tag::Artifact,
                });
            }
            Frag {
                h: height,
                items,
                table: Some(table_id),
                is_table_header: header,
                keep_with_next: header,
                ..Frag::default()
            }
        };
        let header_frag = head_shaped.map(|cells| make_row(self, &cells, true));
        let mut frags = Vec::new();
        if let Some(h) = &header_frag {
            frags.push(h.clone());
        }
        for row in &body_shaped {
            frags.push(make_row(self, row, false));
        }
        self.tables.push(header_frag.unwrap_or_default());
        out.extend(frags);
    }
}

/// Column widths: every column gets its minimum; the room left is shared in proportion to
/// what each column would still like (max − min). If even the minimums do not fit, they are
/// scaled down (long words then break inside the cell).
fn column_widths(min: &[f32], max: &[f32], available: f32) -> Vec<f32> {
    let min_total: f32 = min.iter().sum();
    let max_total: f32 = max.iter().sum();
    if max_total <= available {
        return max.to_vec();
    }
    if min_total >= available {
        // Each column keeps up to an equal share; what is left goes to the columns that
        // wanted more than that, in proportion to how much more.
        let share = available / min.len() as f32;
        let floors: Vec<f32> = min.iter().map(|m| m.min(share)).collect();
        let left = available - floors.iter().sum::<f32>();
        let excess: f32 = min.iter().zip(&floors).map(|(m, f)| m - f).sum();
        return min
            .iter()
            .zip(&floors)
            .map(|(m, f)| {
                if excess > 0.0 {
                    f + (m - f) * left / excess
                } else {
                    *f
                }
            })
            .collect();
    }
    let room = available - min_total;
    let want = max_total - min_total;
    min.iter()
        .zip(max)
        .map(|(lo, hi)| lo + (hi - lo) * room / want)
        .collect()
}

//! Tables in plain text: an aligned grid (`a | b`, a rule under the header) when every cell
//! fits on one line, else each row as one wrapped paragraph of its cells, so every cell
//! still reads whole and in order.

use super::wrap::{MIN_TEXT, Unit, line_width, max_width, pad, prefix_lines, wrap_lines};
use crate::model::Align;

/// A table cell: lines (split at hard breaks) of wrap units.
pub(super) type CellLines = Vec<Vec<Unit>>;
pub(super) type Row = Vec<CellLines>;

/// Width of a cell on one line per hard break.
fn cell_natural(cell: &CellLines) -> usize {
    cell.iter().map(|line| line_width(line)).max().unwrap_or(0)
}

/// Column widths for an aligned grid, or `None` if the table does not fit in `width` with
/// every cell on one line.
///
/// A grid whose cells wrap inside their columns interleaves the words of neighbouring cells
/// line by line, so the text no longer reads in order (and a word-by-word comparison with the
/// source fails). Tables too wide for one-line cells use [`row_lines`] instead.
fn natural_widths<'r>(
    rows: impl Iterator<Item = &'r Row>,
    ncols: usize,
    width: usize,
) -> Option<Vec<usize>> {
    let mut natural = vec![1; ncols];
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            if cell.len() > 1 {
                // A hard line break inside a cell cannot be shown on one grid line.
                return None;
            }
            natural[c] = natural[c].max(cell_natural(cell));
        }
    }
    let avail = width.checked_sub(3 * (ncols - 1))?;
    (natural.iter().sum::<usize>() <= avail).then_some(natural)
}

/// An aligned grid: `a | b` rows, a rule under the header, and rules between rows when any
/// row takes more than one line (so wrapped cells cannot be mistaken for new rows).
fn grid(head: Option<&Row>, body: &[Row], widths: &[usize], aligns: &[Align]) -> Vec<String> {
    let head_lines = head.map(|row| grid_row(row, widths, aligns));
    let body_lines: Vec<Vec<String>> = body
        .iter()
        .map(|row| grid_row(row, widths, aligns))
        .collect();
    let multiline = head_lines.iter().chain(&body_lines).any(|l| l.len() > 1);
    let mut out = Vec::new();
    if let Some(lines) = head_lines {
        out.extend(lines);
        out.push(grid_rule(widths, if multiline { '=' } else { '-' }));
    }
    for (i, lines) in body_lines.into_iter().enumerate() {
        if i > 0 && multiline {
            out.push(grid_rule(widths, '-'));
        }
        out.extend(lines);
    }
    out
}

fn grid_row(row: &Row, widths: &[usize], aligns: &[Align]) -> Vec<String> {
    let cells: Vec<Vec<String>> = row
        .iter()
        .zip(widths)
        .map(|(cell, &w)| wrap_lines(cell, w, w))
        .collect();
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    (0..height)
        .map(|i| {
            let parts: Vec<String> = cells
                .iter()
                .zip(widths.iter().zip(aligns))
                .map(|(lines, (&w, &align))| pad(lines.get(i).map_or("", String::as_str), w, align))
                .collect();
            parts.join(" | ").trim_end().to_string()
        })
        .collect()
}

fn grid_rule(widths: &[usize], ch: char) -> String {
    let parts: Vec<String> = widths.iter().map(|&w| ch.to_string().repeat(w)).collect();
    parts.join(&format!("{ch}+{ch}"))
}

/// The layout for tables too wide for a grid: each row is one wrapped paragraph of its cells
/// separated by ` | ` (continuation lines indented two columns), the header row first and
/// underlined with `=`, rows separated by a blank line. Every cell reads whole and in order.
fn row_lines(head: Option<&Row>, body: &[Row], width: usize) -> Vec<String> {
    let paragraph = |row: &Row| -> Vec<String> {
        let mut units: Vec<Unit> = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                units.push(Unit {
                    text: "|".to_string(),
                    width: 1,
                    spaced: true,
                    url: false,
                });
            }
            for line in cell {
                for (i, unit) in line.iter().enumerate() {
                    let mut unit = unit.clone();
                    // A cell's first word, and the first after a hard break, follow a space.
                    unit.spaced |= i == 0;
                    units.push(unit);
                }
            }
        }
        let lines = wrap_lines(&[units], width, width.saturating_sub(2).max(MIN_TEXT));
        prefix_lines(lines, "", "  ")
    };
    let mut out = Vec::new();
    if let Some(row) = head {
        let lines = paragraph(row);
        let rule_width = max_width(&lines).min(width);
        out.extend(lines);
        out.push("=".repeat(rule_width));
    }
    for (i, row) in body.iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        out.extend(paragraph(row));
    }
    out
}

/// The lines of a table of `head` and `body` rows in `width` columns.
pub(super) fn layout(
    head: Option<&Row>,
    body: &[Row],
    aligns: &[Align],
    width: usize,
) -> Vec<String> {
    let ncols = aligns.len();
    match natural_widths(head.into_iter().chain(body), ncols, width) {
        Some(widths) => grid(head, body, &widths, aligns),
        None => row_lines(head, body, width),
    }
}

//! Plain-text writer: the archival rendering of a document.
//!
//! The output is meant to be stored and diffed for years, so it is deterministic (same model,
//! same bytes), UTF-8 in Unicode NFC, wrapped at [`TextOptions::width`] display columns
//! (measured with `unicode-width`), free of trailing spaces and tabs, and ends with exactly one
//! newline. Every word of the source survives, in order, with its case unchanged; markup is
//! reduced to a few light conventions:
//!
//! * **Header.** The title between two lines of `=` (a leading level-1 heading that is the
//!   title is not repeated under it), the subtitle under it, then one line per present field: `Authors:`, `Date:`, `Organization:`, `Reviewed by:`, `Review date:`,
//!   `Version:`, `Disclaimer:`, `Source:`. (Summary, keywords and unknown front-matter keys are
//!   not printed.)
//! * **Headings** are underlined to their display width, reStructuredText style: level 1 `=`,
//!   level 2 `-`, 3 `~`, 4 `^`, 5 `"`, 6 `.`; text is never re-cased.
//! * **Inline markup.** Emphasis, strong emphasis and inline code print as their bare words:
//!   markers glued to words would make them fail word-for-word comparisons, and a reader loses
//!   little. Strikethrough is the exception, printed `~~like this~~`, because struck text
//!   means the opposite of plain text. Math prints its TeX source between `$` (or `$$`).
//! * **Links** print their text followed by a reference number, `text [1]`, and a `Links`
//!   section at the end lists `[1] https://…` (one number per distinct URL, in order of first
//!   use; a link title follows its URL in quotes). Autolinks whose text is the address
//!   (`<https://x>`, `<a@b.c>`, `www.x.org`) print only the address. Links to a heading of the
//!   document (`#id`) print `text [see: Heading]` when the text differs from the heading, and
//!   no number. Images print `[Image: alt]` and their URL gets a reference number.
//! * **Footnotes** are referenced as `[^1]` (distinct from link numbers) and printed in number
//!   order under a `Notes` heading at the end; unreferenced footnotes are not printed.
//! * **Wrapping** breaks only at spaces (and, inside runs of East Asian wide characters, at the
//!   UAX #14 opportunities). A word longer than the line is split at character boundaries with
//!   no hyphen added; URL-like words (`scheme://…`, `www.…`, `mailto:…`) are never split and
//!   instead overflow on a line of their own, so they stay copyable.
//! * **Lists** indent by their marker width, with hanging indents: bullets cycle `-`, `*`, `+`
//!   by depth; ordered lists count from `start` with right-aligned numbers; task items add
//!   `[ ]` / `[x]`. Loose lists separate items with blank lines, tight lists do not.
//! * **Containers.** Quotes are prefixed `> ` (nested `> > `); callouts are prefixed `| ` and
//!   open with their label and custom title (`Warning: Stop here`); definition details are
//!   indented 4 columns under their term.
//! * **Code and display math** are indented 4 spaces and kept verbatim, never wrapped; tabs are
//!   expanded to 4-column tab stops; trailing spaces and leading/trailing blank lines are
//!   dropped.
//! * **Tables** are aligned grids (`a | b` rows, a `-+-` rule under the header, cells padded
//!   by display width and their column's alignment). If the grid does not fit, cells wrap
//!   inside their columns (rows are then separated by `-+-` rules and the header rule becomes
//!   `=+=`); if even the longest words cannot fit, each row prints as a record of
//!   `Header: value` lines.
//! * **Rules** print as a centred `* * *`.
//! * **Raw HTML** keeps only its text: tags and comments are dropped, `<script>`/`<style>`
//!   contents are dropped, `<br>` breaks the line, a few entities are decoded.
//!
//! Width is clamped to at least [`MIN_WIDTH`]. Nested containers never leave their text fewer
//! than 16 columns: past that depth the indentation keeps its structure and lines may exceed
//! the width rather than squeeze the text to nothing.
//!
//! Module map: [`document`] follows the conventions above; [`wrap`] is the line-breaking
//! engine (words, units, greedy filling, indentation); [`table`] lays out tables. The
//! words folio adds (field labels, `Notes`, `Links`, a callout's label) come from
//! [`crate::terms`].

mod document;
mod table;
mod wrap;

#[cfg(test)]
mod tests;

pub use document::{DEFAULT_WIDTH, MIN_WIDTH, TextOptions, render, render_reporting};

use crate::render::writer::{Input, Rendered, Writer};

/// The plain-text writer, as the pipeline calls it.
pub struct TextWriter;

impl Writer for TextWriter {
    type Settings = TextOptions;
    type Error = std::convert::Infallible;

    fn render(input: Input<'_>, opts: &TextOptions) -> Result<Rendered, Self::Error> {
        let (text, warnings) = render_reporting(input.doc, opts);
        Ok(Rendered::text(text, warnings))
    }
}

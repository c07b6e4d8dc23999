//! Layout: the document model and a style in, positioned pages out ([`Layout`]).
//!
//! Blocks become *fragments*: unbreakable horizontal slices (usually one line of text) that
//! know their height, the space wanted above them, and whether they must stay on the page
//! with the next one. Pagination then fills pages with fragments, honouring keep-with-next
//! (headings, the first two and last two lines of a paragraph, a table's header and first
//! row), repeating table headers on each new page, and finally adds the header and footer.
//!
//! Containers (quotes, callouts, code blocks, tables) paint their background on every
//! fragment they own, so a box that crosses a page break stays a box on both pages.
//!
//! Pure: no PDF bytes, no I/O. Images arrive as their pixel sizes.
//!
//! Module map: [`context`] holds the input and the state every part shares; [`document`]
//! lays out the whole handout; [`blocks`], [`lists`], [`boxes`], [`tables`] and
//! [`styling`] (inline content) make the fragments ([`frag`]); [`furniture`] is the header
//! and footer; [`paginate`] places fragments on pages (testable without fonts).

mod blocks;
mod boxes;
mod context;
mod document;
mod frag;
mod furniture;
mod lists;
mod paginate;
mod styling;
mod tables;

#[cfg(test)]
mod tests;

pub use context::{LOGO_KEY, LayoutInput, LayoutResult};
pub use document::layout;

//! Writers: one module per output format, each a function of the document model, its
//! images and its own settings, returning bytes and warnings ([`writer::Writer`]).
//!
//! - [`html`], [`text`], [`pdf`], [`epub`], [`json`]: the writers. EPUB writes its chapters
//!   with the HTML writer's XHTML mode, by design (as pandoc's EPUB writer does); no other
//!   writer uses another's internals.
//! - [`shared`]: the decisions every writer makes the same way (the title block, a
//!   callout's heading, the review line, an image's placeholder, tabs in code), with the
//!   words from [`crate::terms`]; [`anchors`]: the ids of footnotes and their references.
//! - [`markup`] (escaping), [`xhtml`] (raw HTML made well-formed for EPUB), [`raw_html`]
//!   (what formats without markup keep of raw HTML), [`dates`]: primitives.
//! - [`assets`]: the images a document shows, read by the caller; [`fonts`]: the font files
//!   a style names, found once (the PDF shapes and embeds them, the EPUB packages them);
//!   [`writer`]: the contract.
//!
//! Writers never read the document's files (its images come in [`assets::Assets`], read by
//! the caller), never look at Markdown, and never print: what they could not carry over
//! comes back as [`crate::diagnostics::Diagnostic`]s. The only files a writer opens are the
//! font files its style names, through [`fonts`].

pub mod anchors;
pub mod assets;
pub mod dates;
pub mod epub;
pub mod fonts;
pub mod html;
pub mod json;
pub mod markup;
pub mod pdf;
pub mod printed_links;
pub mod raw_html;
pub mod shared;
pub mod text;
pub mod writer;
pub mod xhtml;

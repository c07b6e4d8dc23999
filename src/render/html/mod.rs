//! HTML writer: a body fragment, or a standalone, self-contained HTML5 page; in its XHTML
//! mode, the body of an EPUB chapter.
//!
//! Two markups. The default writes accessible, valid HTML5 (heading ids, labelled task boxes,
//! callouts with a visible label, alignment by class, raw HTML sanitized, unsafe URL schemes
//! dropped). *Conformance* mode reproduces cmark's markup exactly, so the CommonMark and GFM
//! spec examples can be checked against our model and writer; it is what the `commonmark` and
//! `gfm` flavours use.
//!
//! The writer is a pure function of the model: images that should be embedded are handed in
//! already read ([`Assets`]); it never touches the file system.
//!
//! Module map: [`options`] says what is asked; [`body`] writes the blocks and inlines,
//! [`notes`] the footnotes; [`page`] is the standalone page around them (and the title
//! block and footer an EPUB chapter shares); [`raw`] is the policy for raw HTML.

mod body;
mod notes;
pub mod options;
pub mod page;
pub mod raw;

pub use body::{render_blocks, render_fragment, render_xhtml_blocks};
pub use options::{HtmlOptions, LinkResolver, PageOptions, RawHtml, Xhtml};
pub use page::{HeaderExtras, footer, header, render_page};

use crate::render::assets::Assets;
use crate::render::writer::{Input, Rendered, Writer};

/// What the HTML writer reads besides the document.
#[derive(Debug, Clone, Default)]
pub struct HtmlSettings {
    /// A whole page (styles inlined, images embedded) rather than a body fragment.
    pub standalone: bool,
    pub options: HtmlOptions,
    pub page: PageOptions,
}

/// The HTML writer, as the pipeline calls it.
pub struct HtmlWriter;

impl Writer for HtmlWriter {
    type Settings = HtmlSettings;
    type Error = std::convert::Infallible;

    fn render(input: Input<'_>, settings: &HtmlSettings) -> Result<Rendered, Self::Error> {
        let html = if settings.standalone {
            render_page(input.doc, input.assets, &settings.options, &settings.page)
        } else {
            // A fragment refers to its images; only a standalone page carries them.
            render_fragment(input.doc, &Assets::new(), &settings.options)
        };
        Ok(Rendered::text(html, Vec::new()))
    }
}

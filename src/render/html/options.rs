//! What the HTML writer is asked to do: how to treat raw HTML, whether to reproduce cmark's
//! markup, whether to write an EPUB chapter (XHTML) and how, and the standalone page's
//! stylesheet and table of contents.

use std::collections::BTreeMap;
use std::sync::Arc;

/// What to do with raw HTML found in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RawHtml {
    /// Keep safe markup, remove scripts, event handlers and `javascript:` URLs (ammonia).
    #[default]
    Sanitize,
    /// Copy it verbatim (CommonMark conformance).
    Verbatim,
    /// Copy it, but neutralise the tags GFM's tagfilter names (`<script>`, `<title>`, …).
    TagFilter,
}

#[derive(Debug, Clone, Default)]
pub struct HtmlOptions {
    pub raw_html: RawHtml,
    /// Reproduce cmark's markup (no heading ids, `align` attributes, XHTML void tags).
    pub conformance: bool,
    /// Write an EPUB chapter body (XHTML) instead of HTML.
    pub xhtml: Option<Xhtml>,
    /// The project's documents (source path → slug): a link to one of them (`../a.md#x`)
    /// goes to its HTML page (`../a.html#x`). Empty outside a project.
    pub documents: Arc<BTreeMap<String, String>>,
}

/// How an EPUB chapter differs from a web page: XML syntax, EPUB 3 footnotes, ids unique across
/// the book, images and links that point into the package.
#[derive(Clone, Default)]
pub struct Xhtml {
    /// Put before every id the writer makes or keeps, so ids stay unique across a book.
    pub id_prefix: String,
    /// The package path of each local image, by its URL in the model.
    pub images: BTreeMap<String, String>,
    /// Where links go. `None` keeps every safe URL as written.
    pub links: Option<Arc<dyn LinkResolver>>,
}

impl std::fmt::Debug for Xhtml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Xhtml")
            .field("id_prefix", &self.id_prefix)
            .field("images", &self.images)
            .field("links", &self.links.is_some())
            .finish()
    }
}

/// Decides the target of each link of an EPUB chapter (another chapter, a fragment, the web).
pub trait LinkResolver: Send + Sync {
    /// The href to write for `url`, or why the link cannot be followed in the package (the
    /// link's words are kept, the reason becomes a warning).
    fn resolve(&self, url: &str) -> Result<String, String>;
}

impl HtmlOptions {
    /// cmark's markup, raw HTML copied; with `tag_filter`, GFM's tagfilter applied to it.
    pub fn for_conformance(tag_filter: bool) -> HtmlOptions {
        HtmlOptions {
            raw_html: if tag_filter {
                RawHtml::TagFilter
            } else {
                RawHtml::Verbatim
            },
            conformance: true,
            xhtml: None,
            documents: Arc::default(),
        }
    }
}

/// Settings of the standalone page.
#[derive(Debug, Clone)]
pub struct PageOptions {
    /// CSS inlined into the page's `<style>`.
    pub stylesheet: String,
    /// A table of contents is shown when the document has at least this many headings.
    pub toc_min_headings: usize,
    /// The same document in other languages (`<link rel="alternate" hreflang>`, and a line
    /// readers see).
    pub alternates: Vec<crate::translations::Alternate>,
    /// The letterhead, shown in the page header.
    pub logo: Option<Arc<crate::render::assets::Asset>>,
}

impl Default for PageOptions {
    fn default() -> Self {
        PageOptions {
            stylesheet: String::new(),
            toc_min_headings: 4,
            alternates: Vec::new(),
            logo: None,
        }
    }
}

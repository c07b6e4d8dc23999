//! The PDF handout: folio's own typesetting and its own PDF writer (lopdf holds the objects
//! on the way; printpdf subsets the fonts).
//!
//! Four layers, each testable alone:
//! - [`fonts`]: faces over the files [`crate::render::fonts`] finds, shaping (rustybuzz) and
//!   fallback;
//! - [`layout`] (with [`inline`]): the model, a [`style::Style`] and its [`measures`] to
//!   positioned [`frame::Layout`] pages — pure, no PDF bytes; the tagged structure
//!   ([`structure`]) is built as it goes;
//! - [`paint`]: frames to PDF objects, with [`content`] streams written as bytes, images
//!   ([`image`]) and fonts subset and described by [`embed`];
//! - [`finish`]: the document-level parts (nested outline, `/Lang`, the Info dictionary and
//!   the XMP packet ([`metadata`], [`xmp`]), the structure tree ([`tagging`]), a
//!   reproducible `/ID`), compression and serialisation ([`serialize`]); how PDF spells
//!   values is [`encoding`].
//!
//! What this is not: the words the handout prints (the model's and [`crate::terms`]'), nor
//! what every format decides alike ([`crate::render::shared`]).

pub mod bidi;
pub mod breaks;
pub mod content;
pub mod embed;
pub mod encoding;
pub mod face;
pub mod finish;
pub mod fonts;
pub mod frame;
pub mod image;
pub mod inline;
pub mod layout;
pub mod measures;
pub mod metadata;
pub mod paint;
pub mod scripts;
pub mod serialize;
pub mod structure;
pub mod style;
pub mod tagging;
pub mod words;
pub mod xmp;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Document, Inline};
use crate::render::assets::Assets;
use crate::render::writer::{Input, Rendered, Warnings, Writer};

pub use crate::format::Variant;
pub use style::Style;

/// Settings of one PDF rendering beyond the document itself.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    pub style: Style,
    pub variant: Variant,
    /// The project's fonts/ folder, searched before the fonts built into folio.
    pub fonts_dir: Option<PathBuf>,
    /// SOURCE_DATE_EPOCH, if set: the creation date written into the PDF.
    pub source_date_epoch: Option<i64>,
    /// Tagged PDF (a structure tree for screen readers, PDF/UA-1); on unless `[pdf] tagged
    /// = false`.
    pub tagged: bool,
    /// Whether faces may come from the system's fonts (Chinese, Japanese, Korean); off for
    /// hermetic builds, which then use only folio's faces and the project's fonts/.
    pub system_fonts: bool,
    /// Whether to say which font files the handout embeds, with their SHA-256 (the build's
    /// manifest does; hashing a 20 MB CJK file is not free).
    pub record_fonts: bool,
    /// How links' web addresses are printed.
    pub link_addresses: crate::render::printed_links::LinkAddresses,
    /// The letterhead, drawn at the top of the title block.
    pub logo: Option<std::sync::Arc<crate::render::assets::Asset>>,
}

impl PdfOptions {
    pub fn new(style: Style, variant: Variant) -> PdfOptions {
        PdfOptions {
            style,
            variant,
            fonts_dir: None,
            source_date_epoch: None,
            tagged: true,
            system_fonts: true,
            record_fonts: false,
            link_addresses: Default::default(),
            logo: None,
        }
    }
}

/// A rendered handout and what the renderer had to say about it.
#[derive(Debug)]
pub struct RenderedPdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    /// The font files of the faces embedded.
    pub fonts: Vec<crate::render::writer::FontUsed>,
}

/// The PDF writer, as the pipeline calls it.
pub struct PdfWriter;

impl Writer for PdfWriter {
    type Settings = PdfOptions;
    type Error = PdfError;

    fn render(input: Input<'_>, opts: &PdfOptions) -> Result<Rendered, PdfError> {
        render(input.doc, input.assets, opts).map(|pdf| Rendered {
            bytes: pdf.bytes,
            warnings: pdf.warnings,
            fonts: pdf.fonts,
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(transparent)]
    Font(#[from] crate::render::fonts::FontError),
    #[error(transparent)]
    Embed(#[from] embed::EmbedError),
    #[error(transparent)]
    Finish(#[from] finish::FinishError),
}

/// Renders `doc` as a PDF handout. `assets` are its local images, already read.
pub fn render(doc: &Document, assets: &Assets, opts: &PdfOptions) -> Result<RenderedPdf, PdfError> {
    // Paper cannot be clicked: links' addresses are printed (see `printed_links`).
    let terms = crate::terms::of(&doc.meta.language, &doc.meta.terms);
    let printed = crate::render::printed_links::apply(
        doc,
        opts.link_addresses,
        terms.get(crate::terms::Term::Links),
    );
    let doc: &Document = &printed;
    let needs = fonts::Needs {
        language: &doc.meta.language,
        chars: scripts::document_chars(doc),
        furniture: crate::terms::of(&doc.meta.language, &doc.meta.terms)
            .texts()
            .flat_map(str::chars)
            .filter(|c| !c.is_ascii())
            .collect(),
        system_fonts: opts.system_fonts,
        rtl: crate::language::Direction::of_document(&doc.meta).is_rtl(),
    };
    let fonts = fonts::FontSet::for_document(&opts.style.faces, opts.fonts_dir.as_deref(), &needs)?;
    let mut warnings = Warnings::new(doc);
    let mut images = BTreeMap::new();
    for (url, asset) in assets {
        match image::prepare_shared(asset) {
            Ok(image) => {
                images.insert(url.clone(), image);
            }
            Err(e) => warnings.warn(
                Code::ImageNotShown,
                image_line(doc, url),
                format!(
                    "image `{url}` is not drawn in the PDF ({e}); its description is shown instead"
                ),
            ),
        }
    }
    remote_images(doc, &mut warnings);
    // The letterhead was checked when the project was loaded (a PNG or JPEG).
    if let Some(logo) = &opts.logo
        && let Ok(image) = image::prepare_shared(logo)
    {
        images.insert(layout::LOGO_KEY.to_string(), image);
    }
    let sizes: BTreeMap<String, (u32, u32)> = images
        .iter()
        .map(|(k, v)| (k.clone(), (v.width, v.height)))
        .collect();
    let meta = &doc.meta;
    let result = layout::layout(&layout::LayoutInput {
        doc,
        style: &opts.style,
        variant: opts.variant,
        fonts: &fonts,
        images: &sizes,
    });
    warnings.extend(result.warnings);
    let layout = result.layout;
    let (painted, marks, embedded) = paint::paint(&layout, &fonts, &images, opts.tagged)?;
    let mut fonts_used: Vec<crate::render::writer::FontUsed> = if opts.record_fonts {
        embedded
            .into_iter()
            .map(|id| fonts.face(id).used())
            .collect()
    } else {
        Vec::new()
    };
    fonts_used.sort();
    fonts_used.dedup();
    // Who wrote it; failing that, who publishes it.
    let creators = if meta.authors.is_empty() {
        meta.organization.clone().into_iter().collect()
    } else {
        meta.authors.clone()
    };
    let metadata = metadata::Metadata {
        title: meta.title.clone(),
        author: creators.join(", "),
        creators,
        subject: meta.summary.clone().unwrap_or_default(),
        keywords: meta.keywords.clone(),
        language: meta.language.clone(),
        created: opts.source_date_epoch.or_else(|| {
            meta.date
                .as_deref()
                .and_then(crate::render::dates::iso_date_seconds)
        }),
    };
    let structure = opts.tagged.then_some((&layout.structure, &marks));
    let bytes = finish::finish(
        painted,
        &metadata,
        &layout.outline,
        layout.page_height,
        structure,
    )?;
    Ok(RenderedPdf {
        bytes,
        pages: layout.pages.len(),
        warnings: warnings.finish(),
        fonts: fonts_used,
    })
}

/// Images that are not files of the project (on the web, `data:` URLs) are never read, so
/// the handout shows their description: said once per image, as the EPUB says it.
fn remote_images(doc: &Document, warnings: &mut Warnings) {
    let mut seen = std::collections::BTreeSet::new();
    doc.walk_inlines(&mut |inline, span| {
        if let Inline::Image { url, .. } = inline
            && !url.is_empty()
            && !crate::assets::is_local_reference(url)
            && seen.insert(url.as_str())
        {
            let shown: String = if url.chars().count() > 60 {
                url.chars().take(60).chain(['…']).collect()
            } else {
                url.clone()
            };
            warnings.warn(
                Code::ImageNotShown,
                span.line,
                format!(
                    "image `{shown}` is not a file of the project (folio does not download images), so the PDF shows its description instead"
                ),
            );
        }
    });
}

/// The line of the first reference to image `url`, for messages.
fn image_line(doc: &Document, url: &str) -> u32 {
    let mut line = 0;
    doc.walk_inlines(&mut |inline, span| {
        if line == 0
            && let Inline::Image { url: u, .. } = inline
            && u == url
        {
            line = span.line;
        }
    });
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_on_the_web_is_reported_once() {
        let md = "# T\n\n![a map](https://example.org/map.png)\n\nAgain ![a map](https://example.org/map.png).\n";
        let doc = crate::read::read_str(md, "t.md", crate::read::Flavour::Markdown).unwrap();
        let mut warnings = Warnings::new(&doc);
        remote_images(&doc, &mut warnings);
        let found = warnings.finish();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::ImageNotShown);
        assert_eq!(found[0].location.line, 3);
        assert!(
            found[0].message.contains("example.org/map.png"),
            "{}",
            found[0].message
        );
    }
    use crate::read::{Flavour, read_str};

    fn handout(markdown: &str, variant: Variant) -> RenderedPdf {
        let doc = read_str(markdown, "t.md", Flavour::Markdown).unwrap();
        render(
            &doc,
            &Assets::new(),
            &PdfOptions::new(Style::builtin(), variant),
        )
        .unwrap()
    }

    #[test]
    fn the_same_input_gives_the_same_bytes_within_one_process() {
        let a = "# Pain\n\nSome *text* with a [link](https://example.org).\n";
        let b = "# Sleep\n\n| x | y |\n|---|---|\n| 1 | 2 |\n";
        let first = handout(a, Variant::Standard).bytes;
        let _ = handout(b, Variant::LargePrint);
        let again = handout(a, Variant::Standard).bytes;
        assert!(first == again, "two renderings of one document differ");
    }

    #[test]
    fn creation_date_comes_from_source_date_epoch_or_the_document() {
        let doc = read_str(
            "---\ndate: 2024-05-01\n---\nText.\n",
            "t.md",
            Flavour::Markdown,
        )
        .unwrap();
        let creation_date = |bytes: &[u8]| {
            let pdf = lopdf::Document::load_mem(bytes).unwrap();
            let info = pdf.trailer.get(b"Info").unwrap().as_reference().unwrap();
            let info = pdf.get_dictionary(info).unwrap();
            let date = info.get(b"CreationDate").unwrap().as_str().unwrap();
            String::from_utf8(date.to_vec()).unwrap()
        };
        let mut opts = PdfOptions::new(Style::builtin(), Variant::Standard);
        let from_doc = render(&doc, &Assets::new(), &opts).unwrap().bytes;
        assert_eq!(creation_date(&from_doc), "D:20240501000000Z");
        opts.source_date_epoch = Some(1_700_000_000);
        let from_env = render(&doc, &Assets::new(), &opts).unwrap().bytes;
        assert_eq!(creation_date(&from_env), "D:20231114221320Z");
    }

    #[test]
    fn a_damaged_image_is_a_warning_and_its_description_is_shown() {
        let doc = read_str("Text.\n\n![A scale](s.png)\n", "t.md", Flavour::Markdown).unwrap();
        let mut assets = Assets::new();
        assets.insert(
            "s.png".into(),
            crate::render::assets::Asset::new("image/png", b"\x89PNG\r\n\x1a\ntruncated".to_vec()),
        );
        let opts = PdfOptions::new(Style::builtin(), Variant::Standard);
        let out = render(&doc, &assets, &opts).unwrap();
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
        assert_eq!(out.warnings[0].location.line, 3, "{:?}", out.warnings);
        assert!(
            out.warnings[0].message.starts_with("image `s.png`"),
            "{:?}",
            out.warnings
        );
    }

    #[test]
    fn a_hundred_page_document_lays_out() {
        let mut md = String::new();
        for i in 0..400 {
            md.push_str(&format!("## Part {i}\n\n"));
            md.push_str(&"Words of a long chapter keep coming, page after page. ".repeat(12));
            md.push_str("\n\n```\nfn main() { println!(\"hello\"); }\n```\n\n");
        }
        let out = handout(&md, Variant::Standard);
        assert!(out.pages >= 100, "{} pages", out.pages);
    }
}

//! One document through one writer: the step `build` and `convert` share. The writers'
//! settings come from folio.toml and the styles ([`RenderSettings`], read once); [`render`]
//! picks the writer an output needs and calls it through the writer contract
//! ([`crate::render::writer::Writer`]).

use std::collections::BTreeMap;

use crate::config::Config;
use crate::error::Error;
use crate::format::{Format, Output, Variant};
use crate::model::Document;
use crate::render::assets::Assets;
use crate::render::epub::{self, EpubWriter};
use crate::render::fonts;
use crate::render::html::{HtmlOptions, HtmlSettings, HtmlWriter, PageOptions, RawHtml};
use crate::render::json::JsonWriter;
use crate::render::pdf::{PdfOptions, PdfWriter, Style};
use crate::render::text::{TextOptions, TextWriter};
use crate::render::writer::{Input, Rendered, Writer};
use crate::translations::Alternate;

/// The stylesheet compiled into folio, used when a project has no styles/folio.css.
pub const DEFAULT_STYLESHEET: &str = include_str!("../styles/folio.css");

/// Everything a writer may need besides the document.
#[derive(Debug, Clone)]
pub struct RenderSettings {
    pub text_width: usize,
    pub html_standalone: bool,
    pub raw_html: RawHtml,
    pub conformance: bool,
    pub stylesheet: String,
    pub toc_min_headings: usize,
    /// The handout style (styles/handout.toml, or the built-in one).
    pub handout: Style,
    /// The project's fonts/ folder, if it has one.
    pub fonts_dir: Option<std::path::PathBuf>,
    pub source_date_epoch: Option<i64>,
    /// styles/epub.css, or the built-in one.
    pub epub_stylesheet: String,
    /// Package the handout's fonts into EPUBs.
    pub embed_fonts: bool,
    /// Tag PDF handouts (structure tree, PDF/UA-1).
    pub pdf_tagged: bool,
    /// Let PDF handouts take faces from the system's fonts.
    pub system_fonts: bool,
    /// How PDF handouts print their links' addresses.
    pub link_addresses: crate::render::printed_links::LinkAddresses,
    /// Say which font files each output embeds, with their SHA-256 (for the manifest).
    pub record_fonts: bool,
    /// The other members of each document's translation set, by source path (see
    /// [`crate::translations`]): the HTML pages link them.
    pub alternates: std::sync::Arc<BTreeMap<String, Vec<Alternate>>>,
    /// The project's documents, source path → slug: links between them go to their pages.
    pub documents: std::sync::Arc<BTreeMap<String, String>>,
    /// The letterhead (`[project] logo`), already read.
    pub logo: Option<std::sync::Arc<crate::render::assets::Asset>>,
}

/// SOURCE_DATE_EPOCH (reproducible-builds.org), if set.
pub fn source_date_epoch() -> Result<Option<i64>, Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) if !value.trim().is_empty() => {
            value.trim().parse().map(Some).map_err(|_| Error::Project {
                path: "SOURCE_DATE_EPOCH".into(),
                message: format!("`{value}` is not a number of seconds since 1970"),
            })
        }
        _ => Ok(None),
    }
}

impl RenderSettings {
    pub fn from_config(config: &Config, stylesheet: String, handout: Style) -> Self {
        RenderSettings {
            handout,
            fonts_dir: None,
            source_date_epoch: None,
            epub_stylesheet: crate::render::epub::DEFAULT_STYLESHEET.to_string(),
            embed_fonts: config.epub.embed_fonts,
            pdf_tagged: config.pdf.tagged,
            system_fonts: config.pdf.system_fonts,
            link_addresses: config.pdf.link_addresses,
            record_fonts: false,
            alternates: Default::default(),
            documents: Default::default(),
            logo: None,
            text_width: config.text.width,
            html_standalone: true,
            raw_html: RawHtml::Sanitize,
            conformance: false,
            stylesheet,
            toc_min_headings: config.html.toc_min_headings,
        }
    }
}

/// What [`render`] reads of `settings` for `output`, as a fingerprint: a build re-renders an
/// output when it changes, and only then. `fonts` fingerprints the contents of
/// `settings.fonts_dir` (a path says nothing about the files in it). The settings are
/// destructured in full so that a new setting cannot be left out by accident.
pub fn settings_fingerprint(settings: &RenderSettings, output: Output, fonts: &str) -> String {
    let RenderSettings {
        text_width,
        html_standalone,
        raw_html,
        conformance,
        stylesheet,
        toc_min_headings,
        handout,
        fonts_dir: _,
        source_date_epoch,
        epub_stylesheet,
        embed_fonts,
        pdf_tagged,
        system_fonts,
        link_addresses,
        record_fonts: _,
        alternates,
        documents,
        logo,
    } = settings;
    let logo = logo.as_ref().map_or("", |l| l.sha256.as_str());
    let mut f = crate::digest::Fingerprint::new("folio-settings");
    f.add_str(&format!("{output:?}"));
    match output.format {
        Format::Txt => {
            f.add_str(&text_width.to_string());
        }
        Format::Html => {
            f.add_str(&format!(
                "{html_standalone} {raw_html:?} {conformance} {toc_min_headings} {alternates:?} {documents:?} {logo}"
            ))
            .add_str(stylesheet);
        }
        Format::Pdf => {
            f.add_str(&format!(
                "{handout:?} {source_date_epoch:?} {pdf_tagged} {system_fonts} {link_addresses:?} {logo}"
            ))
            .add_str(fonts);
        }
        Format::Epub => {
            f.add_str(&format!("{embed_fonts} {source_date_epoch:?} {logo}"))
                .add_str(epub_stylesheet);
            if *embed_fonts {
                f.add_str(&format!("{:?}", handout.faces)).add_str(fonts);
            }
        }
        Format::Json => {}
    }
    f.finish()
}

/// Renders `doc` as `output` with that output's writer; `assets` are the document's local
/// images, already read.
pub fn render(
    doc: &Document,
    output: Output,
    settings: &RenderSettings,
    assets: &Assets,
) -> Result<Rendered, Error> {
    let path = || doc.source.display_name().to_string();
    match output.format {
        Format::Html => {
            let mut html = settings.html();
            html.page.alternates = settings
                .alternates
                .get(doc.source.display_name())
                .cloned()
                .unwrap_or_default();
            write::<HtmlWriter>(doc, assets, &html, |e| match e {})
        }
        Format::Txt => write::<TextWriter>(doc, assets, &settings.text(), |e| match e {}),
        Format::Pdf => {
            let variant = output.variant.unwrap_or(Variant::Standard);
            write::<PdfWriter>(doc, assets, &settings.pdf(variant), |source| Error::Pdf {
                path: path(),
                source,
            })
        }
        Format::Epub => write::<EpubWriter>(doc, assets, &epub_options(settings)?, |source| {
            epub_error(doc, source)
        }),
        Format::Json => write::<JsonWriter>(doc, assets, &(), |e| Error::Project {
            path: path(),
            message: format!("cannot serialize the document model: {e}"),
        }),
    }
}

/// Calls writer `W`, its error made folio's.
fn write<W: Writer>(
    doc: &Document,
    assets: &Assets,
    settings: &W::Settings,
    error: impl FnOnce(W::Error) -> Error,
) -> Result<Rendered, Error> {
    W::render(Input { doc, assets }, settings).map_err(error)
}

impl RenderSettings {
    /// The HTML writer's settings.
    pub fn html(&self) -> HtmlSettings {
        HtmlSettings {
            standalone: self.html_standalone,
            options: HtmlOptions {
                raw_html: self.raw_html,
                conformance: self.conformance,
                xhtml: None,
                documents: self.documents.clone(),
            },
            page: PageOptions {
                stylesheet: self.stylesheet.clone(),
                toc_min_headings: self.toc_min_headings,
                alternates: Vec::new(),
                logo: self.logo.clone(),
            },
        }
    }

    /// The plain-text writer's settings.
    pub fn text(&self) -> TextOptions {
        TextOptions {
            width: self.text_width,
        }
    }

    /// The PDF writer's settings for one variant.
    pub fn pdf(&self, variant: Variant) -> PdfOptions {
        PdfOptions {
            style: self.handout.clone(),
            variant,
            fonts_dir: self.fonts_dir.clone(),
            source_date_epoch: self.source_date_epoch,
            tagged: self.pdf_tagged,
            system_fonts: self.system_fonts,
            record_fonts: self.record_fonts,
            link_addresses: self.link_addresses,
            logo: self.logo.clone(),
        }
    }
}

/// The EPUB writer's settings: stylesheet, the fonts to embed if asked, project defaults.
pub fn epub_options(settings: &RenderSettings) -> Result<epub::EpubOptions, Error> {
    let fonts = if settings.embed_fonts {
        embedded_fonts(settings)?
    } else {
        Vec::new()
    };
    Ok(epub::EpubOptions {
        stylesheet: settings.epub_stylesheet.clone(),
        fonts,
        source_date_epoch: settings.source_date_epoch,
        logo: settings.logo.clone(),
    })
}

/// The handout's text and code faces, as EPUB fonts.
fn embedded_fonts(settings: &RenderSettings) -> Result<Vec<epub::EmbeddedFont>, Error> {
    let faces = &settings.handout.faces;
    let roles = [
        (&faces.regular, epub::FontRole::Body, false, false),
        (&faces.bold, epub::FontRole::Body, true, false),
        (&faces.italic, epub::FontRole::Body, false, true),
        (&faces.bold_italic, epub::FontRole::Body, true, true),
        (&faces.mono, epub::FontRole::Mono, false, false),
        (&faces.mono_bold, epub::FontRole::Mono, true, false),
    ];
    roles
        .into_iter()
        .map(|(name, role, bold, italic)| {
            let file =
                fonts::load(name, settings.fonts_dir.as_deref()).map_err(|e| Error::Project {
                    path: "styles/handout.toml".into(),
                    message: format!("cannot embed the fonts in the EPUB: {e}"),
                })?;
            Ok(epub::EmbeddedFont {
                file: file.name.to_string(),
                role,
                bold,
                italic,
                bytes: file.bytes,
            })
        })
        .collect()
}

fn epub_error(doc: &Document, source: epub::EpubError) -> Error {
    Error::Epub {
        path: doc.source.display_name().to_string(),
        source,
    }
}

//! EPUB 3 writer: a document, or a whole collection as a book.
//!
//! [`chapter`] turns each document into an XHTML content document (the HTML writer in its
//! XHTML mode: EPUB footnotes, ids unique across the book, links resolved between chapters);
//! [`identity`] says what the publication is (identifier, dates, accessibility);
//! [`package`] hands it all to epub-builder and fixes what that crate gets wrong; [`archive`]
//! rewrites the zip so the same input always gives the same bytes.

pub mod archive;
pub mod chapter;
pub mod error;
pub mod identity;
pub mod package;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

use epub_builder::{ReferenceType, TocElement};

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{Block, Document, Inline};
use crate::render::assets::Assets;
use crate::render::html::Xhtml;
use crate::render::writer::{Input, Rendered, Writer};
use crate::terms::{self, Term};
use chapter::{ChapterTarget, Cover, Links};
pub use error::EpubError;
use identity::{Accessibility, modified_seconds, publication_uuid};
use package::{Package, Page, Resource};

/// The stylesheet compiled into folio, used when a project has no styles/epub.css.
pub const DEFAULT_STYLESHEET: &str = include_str!("../../../styles/epub.css");

/// A font packaged into the EPUB (only when the project asks: most readers prefer their own).
#[derive(Debug, Clone)]
pub struct EmbeddedFont {
    /// The file name in the package's fonts/ folder.
    pub file: String,
    /// `body` or `mono`: which text it sets.
    pub role: FontRole,
    pub bold: bool,
    pub italic: bool,
    pub bytes: &'static [u8],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontRole {
    Body,
    Mono,
}

#[derive(Debug, Clone, Default)]
pub struct EpubOptions {
    pub stylesheet: String,
    /// Fonts to embed; empty embeds none.
    pub fonts: Vec<EmbeddedFont>,
    pub source_date_epoch: Option<i64>,
    /// The letterhead, shown on the cover page.
    pub logo: Option<std::sync::Arc<crate::render::assets::Asset>>,
}

/// One document of a publication, with its images already read.
#[derive(Debug, Clone, Copy)]
pub struct Chapter<'a> {
    pub doc: &'a Document,
    pub assets: &'a Assets,
    /// The document's output name (its file is `chapter-<slug>.xhtml`).
    pub slug: &'a str,
}

/// What a book says about itself (folio.toml `[book]`).
#[derive(Debug, Clone, Default)]
pub struct BookInfo {
    pub title: String,
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    pub language: String,
    pub description: Option<String>,
    pub subjects: Vec<String>,
    pub identifier: Option<String>,
    /// The book's output name, part of the derived identifier.
    pub slug: String,
    /// The publisher, shown on the cover page and as `dc:publisher`.
    pub organization: Option<String>,
    /// The direction pages progress in (`page-progression-direction`).
    pub direction: crate::language::Direction,
    /// The project's own words for folio's terms in the book's language.
    pub terms: BTreeMap<String, String>,
}

/// The EPUB writer of one document, as the pipeline calls it; [`render_book`] makes the
/// collection's book.
pub struct EpubWriter;

impl Writer for EpubWriter {
    type Settings = EpubOptions;
    type Error = EpubError;

    fn render(input: Input<'_>, opts: &EpubOptions) -> Result<Rendered, EpubError> {
        let Input { doc, assets } = input;
        // The chapter's file is named after the source, as the build names its outputs.
        let slug = doc.source.path.as_deref().map_or_else(
            || "document".to_string(),
            |p| crate::slug::document_name(std::path::Path::new(p)),
        );
        render_document(
            Chapter {
                doc,
                assets,
                slug: &slug,
            },
            opts,
        )
    }
}

/// One document as an EPUB: a cover page, then the document.
pub fn render_document(chapter: Chapter, opts: &EpubOptions) -> Result<Rendered, EpubError> {
    let doc = chapter.doc;
    let meta = &doc.meta;
    let identifier = meta.extra.get("identifier").and_then(|v| v.as_str());
    let info = BookInfo {
        title: meta.title.clone(),
        subtitle: meta.subtitle.clone(),
        authors: meta.authors.clone(),
        language: meta.language.clone(),
        description: doc.description().filter(|d| !d.trim().is_empty()),
        subjects: meta.keywords.clone(),
        identifier: identifier.map(str::to_string),
        slug: chapter.slug.to_string(),
        organization: meta.organization.clone(),
        direction: crate::language::Direction::of_document(meta),
        terms: meta.terms.clone(),
    };
    let cover = Cover {
        title: meta.title.clone(),
        subtitle: meta.subtitle.clone(),
        authors: meta.authors.clone(),
        organization: meta.organization.clone(),
        date: meta.review_date.clone().or_else(|| meta.date.clone()),
        language: meta.language.clone(),
        direction: info.direction,
        logo: None,
    };
    publish(&info, cover, &[chapter], false, opts)
}

/// A collection as one book: its own title page, then every chapter in the order given.
pub fn render_book(
    info: &BookInfo,
    chapters: &[Chapter],
    opts: &EpubOptions,
) -> Result<Rendered, EpubError> {
    let cover = Cover {
        title: info.title.clone(),
        subtitle: info.subtitle.clone(),
        authors: info.authors.clone(),
        organization: info.organization.clone(),
        date: None,
        language: info.language.clone(),
        direction: info.direction,
        logo: None,
    };
    publish(info, cover, chapters, true, opts)
}

fn publish(
    info: &BookInfo,
    cover: Cover,
    chapters: &[Chapter],
    book: bool,
    opts: &EpubOptions,
) -> Result<Rendered, EpubError> {
    let terms = terms::of(&info.language, &info.terms);
    let mut warnings = Vec::new();
    let mut resources: BTreeMap<String, Resource> = BTreeMap::new();

    // Images: one file per distinct content, named by its hash, shared between chapters.
    let mut image_maps = Vec::with_capacity(chapters.len());
    for chapter in chapters {
        let mut map = BTreeMap::new();
        // WebP is a core type only since EPUB 3.3; EPUBCheck 4 and older readers refuse it.
        for (url, asset) in chapter
            .assets
            .iter()
            .filter(|(_, a)| a.media_type != "image/webp")
        {
            let hex = asset.sha256.get(..16).unwrap_or(&asset.sha256);
            let path = format!("images/{hex}.{}", extension(&asset.media_type));
            map.insert(url.clone(), path.clone());
            resources.entry(path.clone()).or_insert_with(|| Resource {
                path,
                media_type: asset.media_type.clone(),
                bytes: asset.bytes.clone(),
            });
        }
        image_maps.push(map);
    }

    let targets: Arc<Vec<ChapterTarget>> = Arc::new(
        chapters
            .iter()
            .map(|c| {
                let prefix = if book {
                    format!("{}_", crate::slug::flat(c.slug))
                } else {
                    String::new()
                };
                ChapterTarget::new(c.doc, c.slug, prefix)
            })
            .collect(),
    );

    // The letterhead, on the cover page.
    let mut cover = cover;
    if let Some(logo) = &opts.logo {
        let hex = logo.sha256.get(..16).unwrap_or(&logo.sha256);
        let path = format!("images/{hex}.{}", extension(&logo.media_type));
        resources.entry(path.clone()).or_insert_with(|| Resource {
            path: path.clone(),
            media_type: logo.media_type.clone(),
            bytes: logo.bytes.clone(),
        });
        cover.logo = Some(path);
    }
    let cover_title = terms.get(if book { Term::TitlePage } else { Term::Cover });
    let mut pages = vec![Page {
        file: "cover.xhtml".into(),
        xhtml: chapter::cover_page(&cover, terms),
        toc: TocElement::new("cover.xhtml", cover_title),
        landmark: Some(if book {
            ReferenceType::TitlePage
        } else {
            ReferenceType::Cover
        }),
    }];
    for (index, (chapter, images)) in chapters.iter().zip(image_maps).enumerate() {
        let target = &targets[index];
        let markup = Xhtml {
            id_prefix: target.prefix.clone(),
            images,
            links: Some(Arc::new(Links {
                chapters: Arc::clone(&targets),
                this: index,
            })),
        };
        let (xhtml, chapter_warnings) = chapter::chapter_page(chapter.doc, markup);
        warnings.extend(chapter_warnings);
        pages.push(Page {
            file: target.file.clone(),
            xhtml,
            toc: chapter::toc_entry(chapter.doc, target),
            landmark: (index == 0).then_some(ReferenceType::Text),
        });
    }

    let accessibility = accessibility(chapters.iter().map(|c| c.doc));
    if let Some((doc, line)) = first_undescribed_image(chapters.iter().map(|c| c.doc)) {
        warnings.push(
            Diagnostic::new(
                Code::AccessibilityClaim,
                doc.source.display_name(),
                Location::line(line),
                "an image has no text description, so the EPUB does not claim WCAG conformance",
            )
            .help("describe the image (`![what it shows](file.png)`)"),
        );
    }
    let dates = chapters.iter().flat_map(|c| {
        [
            c.doc.meta.date.as_deref(),
            c.doc.meta.review_date.as_deref(),
        ]
        .into_iter()
        .flatten()
    });
    let modified = modified_seconds(opts.source_date_epoch, dates);
    let published = if book {
        None
    } else {
        chapters
            .first()
            .and_then(|c| c.doc.meta.date.as_deref())
            .and_then(crate::render::dates::iso_date_seconds)
    };
    let publisher = cover.organization.clone();
    let seed: Vec<&str> = [info.title.as_str(), info.slug.as_str()]
        .into_iter()
        .chain(info.authors.iter().map(String::as_str))
        .chain(cover.organization.as_deref())
        .collect();
    let uuid = publication_uuid(info.identifier.as_deref(), &seed);
    let mut stylesheet = opts.stylesheet.clone();
    for font in &opts.fonts {
        let path = font_path(&font.file);
        resources.insert(
            path.clone(),
            Resource {
                path,
                media_type: font_media_type(&font.file).into(),
                bytes: font.bytes.to_vec(),
            },
        );
    }
    font_faces(&opts.fonts, &mut stylesheet);

    let package = Package {
        title: info.title.clone(),
        language: info.language.clone(),
        direction: info.direction,
        authors: info.authors.clone(),
        publisher,
        description: info.description.clone(),
        subjects: info.subjects.clone(),
        uuid,
        modified,
        published,
        accessibility,
        stylesheet,
        resources: resources.into_values().collect(),
        pages,
        zip_time: opts.source_date_epoch,
        terms,
    };
    let bytes = package::assemble(package)?;
    crate::diagnostics::sort_and_dedup(&mut warnings);
    // The faces packaged, when the project asks for them.
    let mut fonts: Vec<crate::render::writer::FontUsed> = opts
        .fonts
        .iter()
        .map(|f| crate::render::writer::FontUsed {
            file: f.file.clone(),
            index: 0,
            sha256: crate::digest::sha256_hex(f.bytes),
        })
        .collect();
    fonts.sort();
    fonts.dedup();
    Ok(Rendered {
        bytes,
        warnings,
        fonts,
    })
}

/// The first image without a description, and its line: what the warning points at.
fn first_undescribed_image<'a>(
    docs: impl Iterator<Item = &'a Document>,
) -> Option<(&'a Document, u32)> {
    for doc in docs {
        let mut found = None;
        doc.walk_inlines(&mut |inline, span| {
            if found.is_none()
                && let Inline::Image { alt, .. } = inline
                && alt.trim().is_empty()
            {
                found = Some(span.line);
            }
        });
        if let Some(line) = found {
            return Some((doc, line));
        }
    }
    None
}

/// What the publication's content needs a reader to perceive.
fn accessibility<'a>(docs: impl Iterator<Item = &'a Document>) -> Accessibility {
    let mut a = Accessibility {
        has_images: false,
        all_images_described: true,
        has_tables: false,
    };
    for doc in docs {
        doc.walk_inlines(&mut |inline, _| {
            if let Inline::Image { alt, .. } = inline {
                a.has_images = true;
                a.all_images_described &= !alt.trim().is_empty();
            }
        });
        doc.walk_blocks(&mut |block| a.has_tables |= matches!(block, Block::Table { .. }));
    }
    a
}

fn extension(media_type: &str) -> &'static str {
    match media_type {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/svg+xml" => "svg",
        _ => "bin",
    }
}

/// `fonts/<name>` with only the characters a package path may hold unescaped.
fn font_path(file: &str) -> String {
    let name: String = file
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("fonts/{name}")
}

fn font_media_type(file: &str) -> &'static str {
    let lower = file.to_ascii_lowercase();
    if lower.ends_with(".otf") {
        "font/otf"
    } else if lower.ends_with(".woff2") {
        "font/woff2"
    } else if lower.ends_with(".woff") {
        "font/woff"
    } else {
        "font/ttf"
    }
}

/// `@font-face` rules for the embedded fonts, and the rules that use them.
fn font_faces(fonts: &[EmbeddedFont], css: &mut String) {
    if fonts.is_empty() {
        return;
    }
    css.push_str("\n/* Fonts embedded by folio ([epub] embed_fonts = true). */\n");
    for font in fonts {
        let family = match font.role {
            FontRole::Body => "folio-body",
            FontRole::Mono => "folio-mono",
        };
        let _ = writeln!(
            css,
            "@font-face {{ font-family: \"{family}\"; font-weight: {}; font-style: {}; src: url(\"{}\"); }}",
            if font.bold { 700 } else { 400 },
            if font.italic { "italic" } else { "normal" },
            font_path(&font.file)
        );
    }
    if fonts.iter().any(|f| f.role == FontRole::Body) {
        css.push_str("body { font-family: \"folio-body\", sans-serif; }\n");
    }
    if fonts.iter().any(|f| f.role == FontRole::Mono) {
        css.push_str("code, pre, kbd, samp { font-family: \"folio-mono\", monospace; }\n");
    }
}

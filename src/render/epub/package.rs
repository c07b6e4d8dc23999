//! The package: content documents, resources and metadata handed to epub-builder, and its
//! output put right.
//!
//! epub-builder 0.8.3 (pinned: the fix-ups below match its templates exactly) writes the
//! container, the package document, nav.xhtml and toc.ncx. Three things in them need fixing,
//! each done by [`fix_entry`] with a replacement that fails loudly if the template changes:
//! `dc:language` and `dc:creator` share the id `epub-creator-0` (epubcheck RSC-005); nav.xhtml
//! has no `lang`; toc.ncx does not repeat the identifier. The publisher is added the same way,
//! since the crate has no setter for it. The archive is then rewritten by [`super::archive`].

use std::io::Cursor;

use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, ReferenceType, TocElement, ZipLibrary,
};
use uuid::Uuid;

use super::archive;
use super::error::EpubError;
use super::identity::Accessibility;
use crate::render::markup::{escape_xml, is_xml_char};
use crate::terms::{Term, Terms};

/// Everything a publication holds.
#[derive(Debug)]
pub struct Package {
    pub title: String,
    pub language: String,
    pub direction: crate::language::Direction,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub description: Option<String>,
    pub subjects: Vec<String>,
    pub uuid: Uuid,
    /// `dcterms:modified`, seconds since 1970.
    pub modified: i64,
    /// `dc:date`, seconds since 1970.
    pub published: Option<i64>,
    pub accessibility: Accessibility,
    pub stylesheet: String,
    /// Images and fonts, by their path in the package.
    pub resources: Vec<Resource>,
    /// Content documents in reading order.
    pub pages: Vec<Page>,
    /// The time written on zip entries (SOURCE_DATE_EPOCH).
    pub zip_time: Option<i64>,
    /// The words of the publication's language.
    pub terms: &'static Terms,
}

#[derive(Debug)]
pub struct Resource {
    pub path: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// One XHTML content document.
#[derive(Debug)]
pub struct Page {
    pub file: String,
    pub xhtml: String,
    /// Its entry in the table of contents, with the headings under it.
    pub toc: TocElement,
    /// Its landmark (cover, start of the body), if any.
    pub landmark: Option<ReferenceType>,
}

/// Builds the EPUB's bytes.
pub fn assemble(package: Package) -> Result<Vec<u8>, EpubError> {
    let builder_error = |e: epub_builder::Error| EpubError::Package(e.to_string());
    let mut builder =
        EpubBuilder::new(ZipLibrary::new().map_err(builder_error)?).map_err(builder_error)?;
    builder.epub_version(EpubVersion::V33);
    // epub-builder escapes markup characters but not the control characters XML forbids.
    builder.set_title(xml_text(&package.title));
    builder.add_language(xml_text(&package.language));
    builder.set_authors(package.authors.iter().map(|a| xml_text(a)).collect());
    if let Some(description) = &package.description {
        builder.set_description(vec![xml_text(description)]);
    }
    // `page-progression-direction` (the builder's `epub_direction` sets a field its
    // templates do not read).
    builder
        .metadata("direction", package.direction.as_str())
        .map_err(builder_error)?;
    builder.set_subjects(package.subjects.iter().map(|s| xml_text(s)).collect());
    builder.set_uuid(package.uuid);
    builder.set_modified_date(chrono_time(package.modified));
    if let Some(published) = package.published {
        builder.set_publication_date(chrono_time(published));
    }
    builder
        .metadata("generator", format!("folio {}", env!("CARGO_PKG_VERSION")))
        .map_err(builder_error)?;
    builder
        .metadata("toc_name", xml_text(package.terms.get(Term::Contents)))
        .map_err(builder_error)?;
    for (property, value) in package.accessibility.properties(package.terms) {
        // epub-builder writes the value as is: it is escaped here.
        builder.add_metadata_opf(Box::new(MetadataOpfV3::new(
            property.to_string(),
            escape_xml(&value),
        )));
    }
    builder
        .stylesheet(package.stylesheet.as_bytes())
        .map_err(builder_error)?;
    for resource in &package.resources {
        builder
            .add_resource(
                &resource.path,
                resource.bytes.as_slice(),
                resource.media_type.as_str(),
            )
            .map_err(builder_error)?;
    }
    for page in &package.pages {
        let mut content = EpubContent::new(page.file.as_str(), page.xhtml.as_bytes());
        content.toc = page.toc.clone();
        content.reftype = page.landmark;
        builder.add_content(content).map_err(builder_error)?;
    }
    let mut raw = Vec::new();
    builder.generate(&mut raw).map_err(builder_error)?;
    archive::rezip(&raw, package.zip_time, &FIXED, |name, bytes| {
        fix_entry(&package, name, bytes)
    })
}

/// Text without the characters XML 1.0 forbids.
pub fn xml_text(text: &str) -> String {
    let mut text = text.to_string();
    text.retain(is_xml_char);
    text
}

fn chrono_time(seconds: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// The entries [`fix_entry`] rewrites.
const FIXED: [&str; 3] = ["OEBPS/content.opf", "OEBPS/nav.xhtml", "OEBPS/toc.ncx"];

/// The fix-ups epub-builder's output needs (see the module documentation): the new bytes of
/// one of the [`FIXED`] entries.
fn fix_entry(package: &Package, name: &str, bytes: &[u8]) -> Result<Vec<u8>, EpubError> {
    let text = || {
        std::str::from_utf8(bytes).map_err(|_| EpubError::Package(format!("{name} is not UTF-8")))
    };
    let fixed = match name {
        "OEBPS/content.opf" => {
            let opf = text()?.replace(
                "<dc:language id=\"epub-creator-",
                "<dc:language id=\"epub-language-",
            );
            let publisher = package
                .publisher
                .as_deref()
                .map(|p| format!("<dc:publisher>{}</dc:publisher>\n  ", escape_xml(p)))
                .unwrap_or_default();
            replace_once(
                &opf,
                "</metadata>",
                &format!("{publisher}</metadata>"),
                name,
            )?
        }
        "OEBPS/nav.xhtml" => {
            let lang = escape_xml(&package.language);
            let dir = if package.direction.is_rtl() {
                " dir=\"rtl\""
            } else {
                ""
            };

            replace_once(
                text()?,
                "xmlns:epub=\"http://www.idpf.org/2007/ops\">",
                &format!(
                    "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\"{dir}>"
                ),
                name,
            )?
        }
        "OEBPS/toc.ncx" => replace_once(
            text()?,
            "<head>",
            &format!(
                "<head>\n    <meta name=\"dtb:uid\" content=\"urn:uuid:{}\" />",
                package.uuid
            ),
            name,
        )?,
        _ => return Ok(bytes.to_vec()),
    };
    Ok(fixed.into_bytes())
}

/// Replaces the one occurrence of `from`; an error if there is none (the template changed).
fn replace_once(text: &str, from: &str, to: &str, name: &str) -> Result<String, EpubError> {
    if !text.contains(from) {
        return Err(EpubError::Package(format!(
            "epub-builder's {name} no longer contains `{from}`; folio's fix-ups need updating"
        )));
    }
    Ok(text.replacen(from, to, 1))
}

/// Reads one entry of an EPUB (for tests and checks).
pub fn read_entry(epub: &[u8], name: &str) -> Option<String> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(Cursor::new(epub)).ok()?;
    let mut entry = archive.by_name(name).ok()?;
    let mut text = String::new();
    entry.read_to_string(&mut text).ok()?;
    Some(text)
}

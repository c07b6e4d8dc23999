//! Content documents: one XHTML file per document of the model, the generated cover page, and
//! the rules that send each link to the right chapter.

use std::fmt::Write;
use std::sync::Arc;

use epub_builder::TocElement;

use super::package::xml_text;
use crate::assets::{is_local_reference, percent_decode};
use crate::diagnostics::Diagnostic;
use crate::language::Direction;
use crate::model::{Document, toc, toc_depths};
use crate::render::anchors::{self, Targets};
use crate::render::html::{self, HtmlOptions, LinkResolver, Xhtml};
use crate::render::markup::{escape_xml, is_xml_char, time_element};
use crate::render::shared::{self, TitleBlock};
use crate::terms::{self, Term, Terms};

/// Where a document lives in the package, and which ids a link may point to in it.
#[derive(Debug, Clone)]
pub struct ChapterTarget {
    /// The document's source path, normalized (`content/pain-diary.md`).
    pub source: String,
    /// Its content document (`chapter-pain-diary.xhtml`).
    pub file: String,
    /// Put before each of its ids (empty in a single-document EPUB).
    pub prefix: String,
    /// Its ids as the source names them.
    pub targets: Targets,
}

impl ChapterTarget {
    pub fn new(doc: &Document, slug: &str, prefix: String) -> ChapterTarget {
        ChapterTarget {
            source: normalize(doc.source.path.as_deref().unwrap_or_default()),
            file: format!("chapter-{}.xhtml", crate::slug::flat(slug)),
            prefix,
            targets: Targets::of(doc),
        }
    }
}

/// Resolves the links of one chapter against every chapter of the publication.
pub struct Links {
    pub chapters: Arc<Vec<ChapterTarget>>,
    /// The chapter whose links these are.
    pub this: usize,
}

impl LinkResolver for Links {
    fn resolve(&self, url: &str) -> Result<String, String> {
        let this = &self.chapters[self.this];
        if let Some(fragment) = url.strip_prefix('#') {
            return fragment_href(this, fragment, true)
                .map_err(|why| format!("link `{url}` {why}"));
        }
        if !is_local_reference(url) {
            return Ok(url.to_string());
        }
        let (path, fragment) = match url.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (url, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        if !crate::paths::is_markdown(std::path::Path::new(path)) {
            return Err(format!(
                "link `{url}` names a file that is not in the EPUB; its words are kept without the link"
            ));
        }
        let base = this.source.rsplit_once('/').map_or("", |(dir, _)| dir);
        let wanted = normalize(&format!("{base}/{}", percent_decode(path)));
        let Some(target) = self.chapters.iter().find(|c| c.source == wanted) else {
            return Err(format!(
                "link `{url}` points to a document that is not part of this EPUB; its words are kept without the link"
            ));
        };
        let same = std::ptr::eq(target, this);
        fragment_href(target, fragment.unwrap_or_default(), same)
            .map_err(|why| format!("link `{url}` {why}"))
    }
}

/// `#prefix_id` within the chapter, `file#prefix_id` from another, if the chapter has that
/// id; the chapter's file for its top (no fragment, or `#top` as on GitHub).
fn fragment_href(target: &ChapterTarget, fragment: &str, same: bool) -> Result<String, String> {
    let id = percent_decode(fragment);
    let file = if same { "" } else { target.file.as_str() };
    let targets = &target.targets;
    if targets.headings.contains(&id) || targets.kept.contains(&id) {
        Ok(format!("{file}#{}{id}", target.prefix))
    } else if fragment.is_empty() || fragment == anchors::TOP {
        Ok(target.file.clone())
    } else if targets.notes.contains(&id) {
        Ok(format!(
            "{file}#{}",
            anchors::in_chapter(&target.prefix, &id)
        ))
    } else {
        Err("points to a heading that does not exist; its words are kept without the link".into())
    }
}

/// `a/./b/../c.md` → `a/c.md`, with `/` separators.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// The content document of one chapter, and what could not be carried over.
pub fn chapter_page(doc: &Document, markup: Xhtml) -> (String, Vec<Diagnostic>) {
    let prefix = markup.id_prefix.clone();
    let opts = HtmlOptions {
        xhtml: Some(markup),
        ..HtmlOptions::default()
    };
    let terms = terms::of(&doc.meta.language, &doc.meta.terms);
    let title = TitleBlock::of(doc);
    let (body, warnings) = html::render_xhtml_blocks(doc, &title.body, &opts);
    let mut page = String::with_capacity(body.len() + 1024);
    page_start(
        &mut page,
        &doc.meta.title,
        &doc.meta.language,
        Direction::of_document(&doc.meta),
    );
    page.push_str("<section epub:type=\"chapter\" role=\"doc-chapter\">\n");
    let mut header = String::new();
    html::header(
        doc,
        &title,
        &prefix,
        &html::HeaderExtras::default(),
        terms,
        &mut header,
    );
    page.push_str(&header);
    page.push_str(&body);
    let mut footer = String::new();
    html::footer(doc, terms, &mut footer);
    page.push_str(&footer);
    page.push_str("</section>\n</body>\n</html>\n");
    page.retain(is_xml_char);
    (page, warnings)
}

/// What the generated cover shows.
#[derive(Debug, Clone, Default)]
pub struct Cover {
    pub title: String,
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    pub organization: Option<String>,
    pub date: Option<String>,
    pub language: String,
    /// The publication's direction (the document's, or the book's language's).
    pub direction: Direction,
    /// The letterhead's path in the package.
    pub logo: Option<String>,
}

/// A cover page in text: what a reader sees first when the source gives no cover image.
pub fn cover_page(cover: &Cover, terms: &Terms) -> String {
    let mut page = String::with_capacity(1024);
    page_start(&mut page, &cover.title, &cover.language, cover.direction);
    let _ = writeln!(
        page,
        "<section class=\"cover\" epub:type=\"titlepage\" aria-label=\"{}\">",
        escape_xml(terms.get(Term::Cover))
    );
    if let Some(src) = &cover.logo {
        page.push_str(&crate::render::markup::logo(
            src,
            cover.organization.as_deref(),
        ));
    }
    if let Some(org) = &cover.organization {
        let _ = writeln!(
            page,
            "<p class=\"cover-organization\">{}</p>",
            escape_xml(org)
        );
    }
    let _ = writeln!(
        page,
        "<h1 class=\"cover-title\">{}</h1>",
        escape_xml(&cover.title)
    );
    if let Some(subtitle) = &cover.subtitle {
        let _ = writeln!(
            page,
            "<p class=\"cover-subtitle\">{}</p>",
            escape_xml(subtitle)
        );
    }
    if let Some(authors) = shared::authors(&cover.authors, terms) {
        let _ = writeln!(
            page,
            "<p class=\"cover-authors\">{}</p>",
            escape_xml(&authors)
        );
    }
    if let Some(date) = &cover.date {
        let _ = writeln!(
            page,
            "<p class=\"cover-date\">{}</p>",
            time_element(date, terms)
        );
    }
    page.push_str("</section>\n</body>\n</html>\n");
    page.retain(is_xml_char);
    page
}

fn page_start(page: &mut String, title: &str, language: &str, direction: Direction) {
    let lang = escape_xml(language);
    let dir = if direction.is_rtl() {
        " dir=\"rtl\""
    } else {
        ""
    };
    page.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
    let _ = writeln!(
        page,
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\"{dir}>"
    );
    let _ = writeln!(
        page,
        "<head>\n<meta charset=\"utf-8\" />\n<title>{}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"stylesheet.css\" />\n</head>\n<body>",
        escape_xml(title)
    );
}

/// The chapter's entry in the table of contents, with the headings of its body nested under
/// it (a leading heading that is the title is the entry itself: [`TitleBlock`]).
pub fn toc_entry(doc: &Document, target: &ChapterTarget) -> TocElement {
    let mut entry = TocElement::new(target.file.as_str(), xml_text(&doc.meta.title)).level(1);
    let mut toc = toc(TitleBlock::of(doc).blocks());
    toc.retain(|h| !h.text.trim().is_empty() && !h.id.is_empty());
    let depths = toc_depths(&toc);
    for (heading, depth) in toc.into_iter().zip(depths) {
        // The chapter is level 1; its headings nest under it.
        let level = i32::try_from(depth).unwrap_or(i32::MAX).saturating_add(1);
        entry.add(
            TocElement::new(
                format!("{}#{}{}", target.file, target.prefix, heading.id),
                xml_text(heading.text.trim()),
            )
            .level(level),
        );
    }
    entry
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Flavour, read_str};

    fn doc(path: &str, md: &str) -> Document {
        let mut d = read_str(md, path, Flavour::Markdown).unwrap();
        d.source.path = Some(path.into());
        d
    }

    fn links(this: usize) -> Links {
        let a = doc("content/a.md", "# A\n\n## Dosing\n\n<a id=\"old\"></a>\n");
        let b = doc("content/sub/b.md", "# B\n\n## Side effects\n");
        Links {
            chapters: Arc::new(vec![
                ChapterTarget::new(&a, "a", "a_".into()),
                ChapterTarget::new(&b, "b", "b_".into()),
            ]),
            this,
        }
    }

    #[test]
    fn links_go_to_the_right_chapter_and_id() {
        let l = links(0);
        assert_eq!(l.resolve("#dosing").unwrap(), "#a_dosing");
        assert_eq!(l.resolve("#old").unwrap(), "#a_old");
        assert_eq!(
            l.resolve("sub/b.md#side-effects").unwrap(),
            "chapter-b.xhtml#b_side-effects"
        );
        assert_eq!(l.resolve("./sub/b.md").unwrap(), "chapter-b.xhtml");
        assert_eq!(l.resolve("#top").unwrap(), "chapter-a.xhtml");
        assert_eq!(l.resolve("a.md").unwrap(), "chapter-a.xhtml");
        assert_eq!(
            links(1).resolve("../a.md#dosing").unwrap(),
            "chapter-a.xhtml#a_dosing"
        );
        assert_eq!(
            l.resolve("https://example.org/x").unwrap(),
            "https://example.org/x"
        );
    }

    #[test]
    fn links_nowhere_keep_their_words_with_a_reason() {
        let l = links(0);
        assert!(l.resolve("#nope").unwrap_err().contains("does not exist"));
        assert!(
            l.resolve("c.md")
                .unwrap_err()
                .contains("not part of this EPUB")
        );
        assert!(
            l.resolve("files/form.pdf")
                .unwrap_err()
                .contains("not in the EPUB")
        );
        assert!(l.resolve("sub/b.md#nope").is_err());
    }

    #[test]
    fn chapter_is_well_formed_xhtml_with_epub_footnotes() {
        let d = doc(
            "content/a.md",
            "---\ntitle: A & B\nlanguage: fr\n---\nText[^n] <kbd>x</kbd> line<br>two.\n\n- [x] done\n\n---\n\n[^n]: A note.\n",
        );
        let target = ChapterTarget::new(&d, "a", String::new());
        let (page, warnings) = chapter_page(
            &d,
            Xhtml {
                links: Some(Arc::new(Links {
                    chapters: Arc::new(vec![target]),
                    this: 0,
                })),
                ..Xhtml::default()
            },
        );
        assert!(page.contains("lang=\"fr\" xml:lang=\"fr\""), "{page}");
        assert!(page.contains("<title>A &amp; B</title>"), "{page}");
        assert!(
            page.contains(
                "<a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#fn.1\" id=\"fnref.1\">1</a>"
            ),
            "{page}"
        );
        assert!(
            page.contains("<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"fn.1\""),
            "{page}"
        );
        assert!(page.contains("role=\"doc-backlink\""), "{page}");
        assert!(page.contains("<hr />") && page.contains("<br />"), "{page}");
        assert!(
            page.contains("disabled=\"disabled\" checked=\"checked\""),
            "{page}"
        );
        assert!(!page.contains("<kbd>"), "{page}");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].location.line, 5, "{warnings:?}");
        assert_eq!(warnings[0].code, crate::diagnostics::Code::RawHtml);
    }

    #[test]
    fn toc_nests_headings_and_skips_the_title() {
        let d = doc("content/a.md", "# A\n\n## One\n\n### One.1\n\n## Two\n");
        let entry = toc_entry(&d, &ChapterTarget::new(&d, "a", "a_".into()));
        assert_eq!(entry.children.len(), 2);
        assert_eq!(entry.children[0].children.len(), 1);
        assert_eq!(entry.children[0].url, "chapter-a.xhtml#a_one");
    }
}

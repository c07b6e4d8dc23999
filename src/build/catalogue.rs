//! `<output>/index.html`: the catalogue a clinic puts on its intranet. Every document with its
//! title, summary and review date, and links to each of its files with their sizes; the book;
//! the manifest. Built from the build cache, so it needs no document parsed, and written only
//! when it changes.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::format::{Format, Output};
use crate::language::Direction;
use crate::render::markup::{also_in, escape, escape_href, time_element};
use crate::terms::{Term, Terms};

use super::cache::{ArtifactEntry, DocumentEntry};
use super::manifest::MANIFEST_FILE;
use crate::translations::Alternate;

pub const INDEX_FILE: &str = "index.html";

/// The catalogue's heading, language and publisher, and the project's own words for
/// folio's terms (folio.toml `[terms.<tag>]`).
pub struct Heading<'a> {
    pub title: &'a str,
    pub language: &'a str,
    pub organization: Option<&'a str>,
    /// The letterhead (`[project] logo`).
    pub logo: Option<&'a crate::render::assets::Asset>,
    pub terms: &'a BTreeMap<String, BTreeMap<String, String>>,
}

/// The page. `documents` in the order to list them, each with the other members of its
/// translation set (`alternates`, in the same order); `book` the collection's EPUB path, if
/// any.
pub fn render(
    terms: &Terms,
    heading: &Heading,
    documents: &[&DocumentEntry],
    alternates: &[&[Alternate]],
    artifacts: &BTreeMap<String, ArtifactEntry>,
    book: Option<&str>,
) -> String {
    let mut page = String::with_capacity(4096 + documents.len() * 1024);
    let title = escape(heading.title);
    // A catalogue in a right-to-left language reads that way as a whole.
    let dir = if Direction::of_language(heading.language).is_rtl() {
        " dir=\"rtl\""
    } else {
        ""
    };
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{}\"{dir}>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n",
        escape(heading.language)
    );
    if let Some(logo) = heading.logo {
        page.push_str(&crate::render::markup::logo(
            &logo.data_url(),
            heading.organization,
        ));
    }
    let _ = writeln!(page, "<h1>{title}</h1>");
    if let Some(org) = heading.organization {
        let _ = writeln!(page, "<p class=\"organization\">{}</p>", escape(org));
    }
    let count = escape(&terms.count(
        documents.len(),
        Term::DocumentCountOne,
        Term::DocumentCountOther,
    ));
    let _ = writeln!(page, "<p>{count}</p>\n</header>\n<main>");
    if let Some(book) = book.filter(|b| artifacts.contains_key(*b)) {
        let epub = Output::plain(Format::Epub);
        let link = file_link(terms, book, epub, artifacts[book].bytes);
        let text = terms.fill_with(Term::WholeCollectionText, escape, |_| link.clone());
        let _ = writeln!(
            page,
            "<section class=\"book\" aria-labelledby=\"book\">\n<h2 id=\"book\">{}</h2>\n<p>{text}</p>\n</section>",
            escape(terms.get(Term::WholeCollection))
        );
    }
    // Every output of every build format, in the formats' order.
    let listed = Output::every_built();
    for (index, doc) in documents.iter().enumerate() {
        // An article's own words (its review line, its files, its translations) are in its
        // language, as its `lang` says.
        let own = crate::terms::of(
            &doc.language,
            &crate::terms::overrides_for(heading.terms, &doc.language),
        );
        let mut lang = if doc.language != heading.language {
            format!(" lang=\"{}\"", escape(&doc.language))
        } else {
            String::new()
        };
        let direction = Direction::of_language(&doc.language);
        if direction != Direction::of_language(heading.language) {
            lang.push_str(&format!(" dir=\"{}\"", direction.as_str()));
        }
        let html = format!("html/{}.html", doc.slug);
        let _ = writeln!(page, "<article{lang}>");
        if artifacts.contains_key(&html) {
            let _ = writeln!(
                page,
                "<h2><a href=\"{}\">{}</a></h2>",
                escape_href(&html),
                escape(&doc.title)
            );
        } else {
            let _ = writeln!(page, "<h2>{}</h2>", escape(&doc.title));
        }
        if let Some(summary) = doc.summary.as_deref().filter(|s| !s.trim().is_empty()) {
            let _ = writeln!(page, "<p>{}</p>", escape(summary.trim()));
        }
        if let Some(date) = &doc.review_date {
            let reviewed = own.fill_with(Term::ReviewedDate, escape, |_| time_element(date, own));
            let _ = writeln!(page, "<p class=\"reviewed\">{reviewed}</p>");
        }
        let files: Vec<String> = listed
            .iter()
            .filter_map(|&output| {
                let path = output.relative_path(&doc.slug);
                let entry = artifacts.get(&path)?;
                Some(format!(
                    "<li>{}</li>",
                    file_link(own, &path, output, entry.bytes)
                ))
            })
            .collect();
        if !files.is_empty() {
            let _ = writeln!(page, "<ul class=\"files\">\n{}\n</ul>", files.join("\n"));
        }
        let others = alternates.get(index).copied().unwrap_or_default();
        // A translation without a page (HTML not built) is named, not linked.
        if let Some(line) = also_in(others, direction, own, |a| {
            let html = format!("html/{}.html", a.slug);
            artifacts.contains_key(&html).then_some(html)
        }) {
            let _ = writeln!(page, "{line}");
        }
        page.push_str("</article>\n");
    }
    let manifest = format!(
        "<a href=\"{MANIFEST_FILE}\" type=\"{}\">{MANIFEST_FILE}</a>",
        Format::Json.media_type()
    );
    let text = terms.fill_with(Term::ManifestText, escape, |_| manifest.clone());
    let _ = write!(
        page,
        "</main>\n<footer>\n<p>{text}</p>\n</footer>\n</body>\n</html>\n"
    );
    page
}

/// A link to one file, with what it is and its size: "Handout (PDF, 29 KB)".
fn file_link(terms: &Terms, path: &str, output: Output, bytes: u64) -> String {
    let label = terms.fill_with(Term::FileLink, escape, |slot| match slot {
        "label" => escape(terms.get(output.label())),
        "format" => output.format.abbreviation().to_string(),
        "size" => escape(&size(terms, bytes)),
        _ => String::new(),
    });
    format!(
        "<a href=\"{}\" type=\"{}\">{label}</a>",
        escape_href(path),
        output.format.media_type()
    )
}

/// `812 bytes`, `29 KB`, `1.4 MB`: sizes people read, in decimal units like file managers.
fn size(terms: &Terms, bytes: u64) -> String {
    let (term, number) = match bytes {
        0..1000 => (Term::SizeBytes, bytes.to_string()),
        1000..1_000_000 => (Term::SizeKb, ((bytes + 500) / 1000).to_string()),
        _ => (Term::SizeMb, format!("{:.1}", bytes as f64 / 1e6)),
    };
    terms.fill(term, &[("size", &number)])
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:44rem;\
margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}h1{line-height:1.2}\
article{border-top:1px solid #767676;padding:.5rem 0}h2{margin:.5rem 0;font-size:1.35rem}\
a{color:#0b57d0}a:focus{outline:3px solid #1a1a1a;outline-offset:2px}\
.files{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}\
.reviewed,.organization{color:#4a4a4a}footer{border-top:1px solid #767676;margin-top:1rem}\
.logo{margin:0}.logo img{max-height:4rem;max-width:60%;height:auto}";

#[cfg(test)]
mod tests {
    use super::*;

    fn artifact(bytes: u64) -> ArtifactEntry {
        ArtifactEntry {
            bytes,
            ..ArtifactEntry::new("html", None, None, vec![], String::new())
        }
    }

    #[test]
    fn lists_documents_with_their_files() {
        let doc = DocumentEntry {
            slug: "pain-diary".into(),
            title: "Pain <diary>".into(),
            summary: Some("Keep a diary.".into()),
            language: "es".into(),
            review_date: Some("2026-01-05".into()),
            ..DocumentEntry::default()
        };
        let mut artifacts = BTreeMap::new();
        artifacts.insert("html/pain-diary.html".to_string(), artifact(25_300));
        artifacts.insert(
            "pdf/pain-diary.large-print.pdf".to_string(),
            artifact(1_450_000),
        );
        artifacts.insert("book.epub".to_string(), artifact(900));
        let heading = Heading {
            title: "Handouts",
            language: "en",
            organization: Some("Clinic"),
            logo: None,
            terms: &BTreeMap::new(),
        };
        let en = crate::terms::for_language("en");
        let also = [Alternate {
            language: "ar".into(),
            slug: "pain-diary-ar".into(),
            href: "pain-diary-ar.html".into(),
        }];
        let page = render(
            en,
            &heading,
            &[&doc],
            &[&also[..]],
            &artifacts,
            Some("book.epub"),
        );
        assert!(page.contains("<html lang=\"en\">"));
        assert!(page.contains("<article lang=\"es\">"));
        assert!(page.contains("<h2><a href=\"html/pain-diary.html\">Pain &lt;diary&gt;</a></h2>"));
        // The Spanish article's own words are Spanish, its date as Spanish readers write it.
        assert!(
            page.contains("Folleto en letra grande (PDF, 1.4 MB)"),
            "{page}"
        );
        assert!(
            !page.contains("pdf/pain-diary.pdf"),
            "no standard handout was built"
        );
        assert!(page.contains("E-book (EPUB, 900 bytes)"));
        assert!(
            page.contains("Revisado el <time datetime=\"2026-01-05\">5 de enero de 2026</time>")
        );
        // Its translation, named in its own language and direction (no page was built).
        assert!(
            page.contains("<span lang=\"ar\" dir=\"rtl\">العربية</span>"),
            "{page}"
        );
    }

    #[test]
    fn sizes_read_naturally() {
        let en = crate::terms::for_language("en");
        assert_eq!(size(en, 999), "999 bytes");
        assert_eq!(size(en, 29_400), "29 KB");
        assert_eq!(size(en, 1_450_000), "1.4 MB");
    }
}

//! The page around a document's body: the standalone HTML page (metadata, inlined styles, a
//! skip link, the title block, an optional table of contents, the footer with the review
//! line and the disclaimer), and the title block and footer an EPUB chapter shares with it.
//!
//! What goes in them is decided once for every writer ([`crate::render::shared`]); this
//! module only writes it as HTML.

use std::fmt::Write;

use super::body::render_blocks;
use super::options::{HtmlOptions, PageOptions};
use crate::model::{Document, TocEntry, toc, toc_depths};
use crate::render::assets::Assets;
use crate::render::markup::{also_in, escape, escape_href, time_element};
use crate::render::shared::{BylinePart, ReviewLine, TitleBlock, byline, byline_joint};
use crate::terms::{self, Term, Terms};

/// A complete HTML5 page: metadata, styles inlined, header, optional contents, body, footer.
pub fn render_page(
    doc: &Document,
    assets: &Assets,
    opts: &HtmlOptions,
    page: &PageOptions,
) -> String {
    let meta = &doc.meta;
    let terms = terms::of(&meta.language, &meta.terms);
    let title = TitleBlock::of(doc);
    let mut out = String::with_capacity(page.stylesheet.len() + 16 * 1024);
    out.push_str("<!DOCTYPE html>\n");
    let dir = crate::language::Direction::of_document(meta);
    let _ = writeln!(
        out,
        "<html lang=\"{}\"{}>",
        escape(&meta.language),
        if dir.is_rtl() { " dir=\"rtl\"" } else { "" }
    );
    out.push_str("<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&meta.title));
    if let Some(description) = doc.description() {
        let _ = writeln!(
            out,
            "<meta name=\"description\" content=\"{}\">",
            escape(&description)
        );
    }
    if !meta.authors.is_empty() {
        let _ = writeln!(
            out,
            "<meta name=\"author\" content=\"{}\">",
            escape(&meta.authors.join(", "))
        );
    }
    if !meta.keywords.is_empty() {
        let _ = writeln!(
            out,
            "<meta name=\"keywords\" content=\"{}\">",
            escape(&meta.keywords.join(", "))
        );
    }
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"folio {}\">",
        env!("CARGO_PKG_VERSION")
    );
    for alternate in &page.alternates {
        let _ = writeln!(
            out,
            "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">",
            escape(&alternate.language),
            escape_href(&alternate.href)
        );
    }
    if !page.stylesheet.trim().is_empty() {
        // `</style` inside the stylesheet would end the element early.
        let css = page.stylesheet.replace("</style", "<\\/style");
        let _ = write!(out, "<style>\n{}\n</style>\n", css.trim_end());
    }
    out.push_str("</head>\n<body>\n");
    let _ = writeln!(
        out,
        "<a class=\"skip-link\" href=\"#main\">{}</a>",
        escape(terms.get(Term::SkipToContent))
    );
    let logo = page
        .logo
        .as_deref()
        .map(crate::render::assets::Asset::data_url);
    // The translations are part of the banner: every part of the page is in a landmark.
    let translations = also_in(&page.alternates, dir, terms, |a| Some(a.href.clone()));
    let extras = HeaderExtras {
        logo: logo.as_deref(),
        translations: translations.as_deref(),
    };
    header(doc, &title, "", &extras, terms, &mut out);
    let contents = toc(title.blocks());
    if contents.len() >= page.toc_min_headings.max(1) {
        table_of_contents(&contents, terms, &mut out);
    }
    out.push_str("<main id=\"main\">\n");
    out.push_str(&render_blocks(doc, &title.body, assets, opts));
    out.push_str("</main>\n");
    footer(doc, terms, &mut out);
    out.push_str("</body>\n</html>\n");
    out
}

/// The title block: organization, title, subtitle, and the byline (authors, date, version).
/// The title is the page's `h1` (with the id of the heading it stands for, after
/// `id_prefix`) unless the body has level-1 headings of its own.
/// What a page's header holds besides the document's own title block.
#[derive(Debug, Clone, Copy, Default)]
pub struct HeaderExtras<'a> {
    /// The letterhead's address.
    pub logo: Option<&'a str>,
    /// The "Also in" line of the document's translations.
    pub translations: Option<&'a str>,
}

pub fn header(
    doc: &Document,
    title: &TitleBlock,
    id_prefix: &str,
    extras: &HeaderExtras<'_>,
    terms: &Terms,
    out: &mut String,
) {
    let meta = &doc.meta;
    out.push_str("<header class=\"doc-header\">\n");
    if let Some(src) = extras.logo {
        out.push_str(&crate::render::markup::logo(
            src,
            meta.organization.as_deref(),
        ));
    }
    if let Some(org) = &meta.organization {
        let _ = writeln!(out, "<p class=\"organization\">{}</p>", escape(org));
    }
    match (title.is_heading, title.anchor) {
        (true, Some(id)) => {
            let _ = writeln!(
                out,
                "<h1 id=\"{}\">{}</h1>",
                escape(&format!("{id_prefix}{id}")),
                escape(&meta.title)
            );
        }
        (true, None) => {
            let _ = writeln!(out, "<h1>{}</h1>", escape(&meta.title));
        }
        // A title line still carries the id of the heading it stands for: links to that
        // heading lead here.
        (false, Some(id)) => {
            let _ = writeln!(
                out,
                "<p class=\"doc-title\" id=\"{}\">{}</p>",
                escape(&format!("{id_prefix}{id}")),
                escape(&meta.title)
            );
        }
        (false, None) => {
            let _ = writeln!(out, "<p class=\"doc-title\">{}</p>", escape(&meta.title));
        }
    }
    if let Some(subtitle) = &meta.subtitle {
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", escape(subtitle));
    }
    let parts: Vec<String> = byline(meta, terms)
        .into_iter()
        .map(|part| match part {
            BylinePart::Authors(text) | BylinePart::Version(text) => escape(&text),
            BylinePart::Date(date) => time_element(date, terms),
        })
        .collect();
    if !parts.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"doc-meta\">{}</p>",
            parts.join(&byline_joint(
                " ",
                crate::language::Direction::of_document(meta).is_rtl()
            ))
        );
    }
    if let Some(line) = extras.translations {
        let _ = writeln!(out, "{line}");
    }
    out.push_str("</header>\n");
}

fn table_of_contents(toc: &[TocEntry], terms: &Terms, out: &mut String) {
    out.push_str("<nav class=\"toc\" aria-labelledby=\"toc-title\">\n");
    let _ = writeln!(
        out,
        "<h2 id=\"toc-title\">{}</h2>",
        escape(terms.get(Term::Contents))
    );
    let mut depth = 0usize;
    for (entry, level) in toc.iter().zip(toc_depths(toc)) {
        if level > depth {
            // One deeper at most (toc_depths), so no item is left empty.
            out.push_str("<ol>\n<li>");
        } else {
            out.push_str("</li>\n");
            for _ in level..depth {
                out.push_str("</ol>\n</li>\n");
            }
            out.push_str("<li>");
        }
        depth = level;
        let _ = write!(
            out,
            "<a href=\"#{}\">{}</a>",
            escape_href(&entry.id),
            escape(&entry.text)
        );
    }
    for _ in 0..depth {
        out.push_str("</li>\n</ol>\n");
    }
    out.push_str("</nav>\n");
}

/// Who reviewed the document and when, and its disclaimer.
pub fn footer(doc: &Document, terms: &Terms, out: &mut String) {
    let meta = &doc.meta;
    let review = ReviewLine::of(meta);
    if review.is_none() && meta.disclaimer.is_none() {
        return;
    }
    out.push_str("<footer class=\"doc-footer\">\n");
    if let Some(line) = review {
        let text = line.fill_with(terms, escape, escape, |d| time_element(d, terms));
        let _ = writeln!(out, "<p class=\"review\">{text}</p>");
    }
    if let Some(disclaimer) = &meta.disclaimer {
        let _ = writeln!(out, "<p class=\"disclaimer\">{}</p>", escape(disclaimer));
    }
    out.push_str("</footer>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Flavour, read_str};
    use crate::render::assets::Asset;

    #[test]
    fn page_is_complete_and_embeds_assets() {
        let doc = read_str(
            "---\ntitle: A & B\nsummary: Short.\nlanguage: es\nreview_date: 2026-01-02\ndisclaimer: Ask your doctor.\n---\n![Scale](s.png)\n",
            "t.md",
            Flavour::Markdown,
        )
        .unwrap();
        let mut assets = Assets::new();
        assets.insert("s.png".into(), Asset::new("image/png", vec![1, 2, 3]));
        let page = render_page(
            &doc,
            &assets,
            &HtmlOptions::default(),
            &PageOptions {
                stylesheet: "p{}".into(),
                toc_min_headings: 4,
                alternates: Vec::new(),
                logo: None,
            },
        );
        assert!(
            page.starts_with("<!DOCTYPE html>\n<html lang=\"es\">"),
            "{page}"
        );
        assert!(page.contains("<title>A &amp; B</title>"));
        assert!(page.contains("<meta name=\"description\" content=\"Short.\">"));
        assert!(page.contains("src=\"data:image/png;base64,AQID\""));
        assert!(page.contains("<style>\np{}\n</style>"));
        // A Spanish page says it in Spanish, the date as Spanish readers write it.
        assert!(
            page.contains(
                "Última revisión: <time datetime=\"2026-01-02\">2 de enero de 2026</time>"
            )
        );
        assert!(page.contains("<p class=\"disclaimer\">Ask your doctor.</p>"));
    }

    #[test]
    fn a_leading_heading_that_is_the_title_is_shown_once() {
        let doc = read_str(
            "# Pain diary\n\nText.\n\n## Why\n\n## How\n\n## When\n\n## Where\n",
            "t.md",
            Flavour::Markdown,
        )
        .unwrap();
        let page = render_page(
            &doc,
            &Assets::new(),
            &HtmlOptions::default(),
            &PageOptions::default(),
        );
        assert_eq!(page.matches("Pain diary</").count(), 2, "{page}");
        assert!(
            page.contains("<h1 id=\"pain-diary\">Pain diary</h1>"),
            "{page}"
        );
        assert!(
            !page.contains("href=\"#pain-diary\""),
            "the title is not in the contents"
        );
    }

    /// The contents list of headings at these levels, each named by its id.
    fn contents(headings: &[(u8, &str)]) -> String {
        let entries: Vec<TocEntry> = headings
            .iter()
            .map(|&(level, id)| TocEntry {
                level,
                id: id.into(),
                text: id.into(),
            })
            .collect();
        let mut out = String::new();
        table_of_contents(&entries, terms::for_language("en"), &mut out);
        out
    }

    #[test]
    fn toc_nests_by_level() {
        assert_eq!(
            contents(&[(2, "a"), (3, "b"), (2, "c")]),
            "<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\">Contents</h2>\n<ol>\n<li><a href=\"#a\">a</a><ol>\n<li><a href=\"#b\">b</a></li>\n</ol>\n</li>\n<li><a href=\"#c\">c</a></li>\n</ol>\n</nav>\n"
        );
    }

    #[test]
    fn a_contents_list_opening_deeper_has_no_empty_item() {
        let out = contents(&[(2, "a"), (1, "b"), (2, "c")]);
        assert!(!out.contains("<li><ol>"), "{out}");
        assert_eq!(out.matches("<li>").count(), 3, "{out}");
        assert_eq!(out.matches("<ol>").count(), 2, "{out}");
    }

    #[test]
    fn a_title_line_keeps_the_id_of_the_heading_it_stands_for() {
        let md = "---\ntitle: Alpha\n---\n\n# Alpha\n\nSee [a](#alpha).\n\n# Beta\n\nText.\n";
        let doc = read_str(md, "t.md", Flavour::Markdown).unwrap();
        let page = render_page(
            &doc,
            &Assets::new(),
            &HtmlOptions::default(),
            &PageOptions::default(),
        );
        assert!(
            page.contains("<p class=\"doc-title\" id=\"alpha\">Alpha</p>"),
            "{page}"
        );
        assert_eq!(page.matches("id=\"alpha\"").count(), 1, "{page}");
    }
}

//! Accessibility: what a screen-reader user, or anyone skimming, misses. Images without a
//! usable description, headings that skip a level (they are how such readers navigate),
//! more than one top heading, links whose text does not say where they go (screen readers
//! list links out of context), tables with an empty header row, callouts with nothing in
//! them.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::SourceMap;
use crate::model::{Block, Document, Inline, Span, plain_text};

/// Alt text that describes nothing.
const PLACEHOLDER_ALT: &[&str] = &[
    "chart",
    "diagram",
    "figure",
    "graphic",
    "icon",
    "image",
    "img",
    "logo",
    "photo",
    "picture",
    "pic",
    "screenshot",
    "untitled",
    "alt",
    "alt text",
    "placeholder",
];

/// Link text that says nothing about where the link goes, in English and Spanish.
const VAGUE_LINK_TEXT: &[&str] = &[
    "click",
    "click here",
    "click this",
    "go",
    "here",
    "learn more",
    "link",
    "more",
    "more info",
    "more information",
    "read more",
    "see here",
    "this",
    "this link",
    "this page",
    "website",
    "page",
    "details",
    // Spanish
    "aquí",
    "haga clic aquí",
    "haz clic aquí",
    "clic aquí",
    "pulse aquí",
    "enlace",
    "este enlace",
    "más",
    "más información",
    "leer más",
    "ver más",
    "página",
    "esta página",
    "sitio web",
];

/// Headings of a list of sources: under them, a bare web address is a citation's, and
/// printed as it should be.
const REFERENCE_HEADINGS: &[&str] = &[
    "references",
    "sources",
    "bibliography",
    "works cited",
    "citations",
    "further reading",
    "resources",
    "referencias",
    "fuentes",
    "bibliografía",
    "recursos",
];

pub fn check(doc: &Document, map: &SourceMap<'_>, path: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    doc.walk_inlines(&mut |inline, span| {
        if let Inline::Image { url, alt, .. } = inline {
            out.extend(image_alt(url, alt, span, map, path));
        }
    });
    // Links with where they stand: a bare address is right in a footnote (a citation) and
    // in a list under a heading such as "References".
    let mut place = Place::Body;
    for block in &doc.blocks {
        if let Block::Heading { content, .. } = block {
            let heading = plain_text(content).trim().to_lowercase();
            place = if REFERENCE_HEADINGS.contains(&heading.trim_end_matches(':')) {
                Place::References
            } else {
                Place::Body
            };
        }
        let in_list = matches!(block, Block::List { .. });
        links_of(std::slice::from_ref(block), &mut |url, content, span| {
            let cited = place == Place::References && in_list;
            out.extend(link_text(url, content, span, map, path, cited));
        });
    }
    for note in &doc.footnotes {
        links_of(&note.blocks, &mut |url, content, span| {
            out.extend(link_text(url, content, span, map, path, true));
        });
    }
    headings(doc, map, path, &mut out);
    doc.walk_blocks(&mut |block| match block {
        Block::Table { head, span, .. }
            if head
                .iter()
                .all(|c| plain_text(&c.content).trim().is_empty()) =>
        {
            out.push(
                Diagnostic::new(
                    Code::TableHeader,
                    path,
                    map.block_start(*span),
                    "this table's header row is empty",
                )
                .label("no column names")
                .help(
                    "name each column in the first row: screen readers read the header \
                     with every cell",
                ),
            );
        }
        Block::Callout {
            kind,
            title,
            blocks,
            span,
        } if title.as_deref().is_none_or(|t| t.trim().is_empty())
            && blocks.iter().all(is_empty_block) =>
        {
            out.push(
                Diagnostic::new(
                    Code::EmptyCallout,
                    path,
                    map.block_start(*span),
                    format!("this {} box has no text", kind.name()),
                )
                .label("empty")
                .help("write what the reader should notice, or remove the box"),
            );
        }
        _ => {}
    });
    out
}

/// Where a link stands, for judging a bare address.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Body,
    /// The section of a heading like "References".
    References,
}

/// Calls `f` for every link of `blocks`, with the span of its block.
fn links_of(blocks: &[Block], f: &mut impl FnMut(&str, &[Inline], Span)) {
    crate::model::walk_inlines(blocks, &mut |inline, span| {
        if let Inline::Link { url, content, .. } = inline {
            f(url, content, span);
        }
    });
}

fn is_empty_block(block: &Block) -> bool {
    match block {
        Block::Paragraph { content, .. } => plain_text(content).trim().is_empty(),
        _ => false,
    }
}

fn image_alt(
    url: &str,
    alt: &str,
    span: Span,
    map: &SourceMap<'_>,
    path: &str,
) -> Option<Diagnostic> {
    let text = alt.trim();
    let file = url.rsplit('/').next().unwrap_or(url);
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let lower = text.to_lowercase();
    let problem = if text.is_empty() {
        "this image has no description (alt text)".to_string()
    } else if PLACEHOLDER_ALT.contains(&lower.trim_end_matches('.')) {
        format!("this image's description “{text}” does not describe it")
    } else if lower == file.to_lowercase() || lower == stem.to_lowercase() {
        format!("this image's description is its file name, “{text}”")
    } else {
        return None;
    };
    Some(
        Diagnostic::new(
            Code::ImageAlt,
            path,
            map.reference(span, &[&format!("![{alt}]"), url]),
            problem,
        )
        .label("needs a description")
        .help(
            "say what the image shows and why it matters, in the brackets: \
                 ![A pain scale from 0 (no pain) to 10 (worst pain)](scale.png)",
        ),
    )
}

/// What is wrong with a link's text, if anything. `cited`: the link is a source's address
/// (in a footnote or a reference list), where a bare address is what belongs.
fn link_text(
    url: &str,
    content: &[Inline],
    span: Span,
    map: &SourceMap<'_>,
    path: &str,
    cited: bool,
) -> Option<Diagnostic> {
    let text = plain_text(content);
    let text = text.trim();
    let normalized = text
        .trim_matches(|c: char| c.is_ascii_punctuation())
        .to_lowercase();
    let is_url =
        |t: &str| t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.");
    let message = if text.is_empty() && !content.iter().any(|i| matches!(i, Inline::Image { .. })) {
        "this link has no text".to_string()
    } else if VAGUE_LINK_TEXT.contains(&normalized.as_str()) {
        format!("the link text “{text}” does not say where the link goes")
    } else if is_url(text) && !cited {
        "the link text is a bare web address".to_string()
    } else {
        return None;
    };
    Some(
        Diagnostic::new(
            Code::LinkText,
            path,
            map.reference(span, &[&format!("[{text}]"), url]),
            message,
        )
        .label("link")
        .help(
            "name the destination in the link text, e.g. \
                 [MedlinePlus: Chronic Pain](https://medlineplus.gov/chronicpain.html)",
        ),
    )
}

/// Heading levels that skip, and level-1 headings after the first.
fn headings(doc: &Document, map: &SourceMap<'_>, path: &str, out: &mut Vec<Diagnostic>) {
    // The title is the page's level-1 heading, so the body may start at level 2.
    let mut previous: u8 = 1;
    let mut first_h1: Option<Span> = None;
    doc.walk_blocks(&mut |block| {
        let Block::Heading { level, span, .. } = block else {
            return;
        };
        let level = *level;
        if level > previous + 1 {
            out.push(
                Diagnostic::new(
                    Code::HeadingOrder,
                    path,
                    map.block_start(*span),
                    format!("heading level skips from {previous} to {level}"),
                )
                .label(format!("level {level}"))
                .help(format!(
                    "use level {} here (`{} `); screen-reader users move through a page by \
                     its heading levels",
                    previous + 1,
                    "#".repeat(usize::from(previous) + 1)
                )),
            );
        }
        if level == 1 {
            if first_h1.is_some() {
                out.push(
                    Diagnostic::new(
                        Code::MultipleH1,
                        path,
                        map.block_start(*span),
                        "a second level-1 heading",
                    )
                    .label("another `#` heading")
                    .help("a handout has one top heading (its title); make this a `##` section"),
                );
            } else {
                first_h1 = Some(*span);
            }
        }
        previous = level;
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lints(markdown: &str) -> Vec<(Code, u32)> {
        let doc = crate::read::read_str(markdown, "t.md", crate::read::Flavour::Markdown).unwrap();
        check(&doc, &SourceMap::new(markdown), "t.md")
            .into_iter()
            .map(|d| (d.code, d.location.line))
            .collect()
    }

    #[test]
    fn images_need_real_descriptions() {
        assert_eq!(lints("![](a.png)\n"), [(Code::ImageAlt, 1)]);
        assert_eq!(lints("x\n\n![Image](a.png)\n"), [(Code::ImageAlt, 3)]);
        assert_eq!(
            lints("![pain-scale](img/pain-scale.png)\n"),
            [(Code::ImageAlt, 1)]
        );
        assert_eq!(
            lints("![pain-scale.png](img/pain-scale.png)\n"),
            [(Code::ImageAlt, 1)]
        );
        assert!(lints("![A pain scale from 0 to 10](pain-scale.png)\n").is_empty());
        assert!(lints("![Pain scale](img/pain-scale.png)\n").is_empty());
    }

    #[test]
    fn headings_must_not_skip_and_have_one_top() {
        assert_eq!(lints("## A\n\n#### B\n"), [(Code::HeadingOrder, 3)]);
        assert_eq!(lints("### A\n"), [(Code::HeadingOrder, 1)]);
        assert_eq!(lints("# T\n\n# U\n"), [(Code::MultipleH1, 3)]);
        assert!(lints("# T\n\n## A\n\n### B\n\n## C\n").is_empty());
    }

    #[test]
    fn links_must_say_where_they_go() {
        assert_eq!(
            lints("For more, [click here](https://a.org).\n"),
            [(Code::LinkText, 1)]
        );
        assert_eq!(
            lints("See <https://medlineplus.gov>.\n"),
            [(Code::LinkText, 1)]
        );
        assert_eq!(lints("Go [here.](https://a.org)\n"), [(Code::LinkText, 1)]);
        assert_eq!(
            lints("Para saber más, [haga clic aquí](https://a.org).\n"),
            [(Code::LinkText, 1)]
        );
        assert_eq!(lints("Vea [Aquí](https://a.org).\n"), [(Code::LinkText, 1)]);
        assert_eq!(lints("x\n\nGo [](https://a.org)\n"), [(Code::LinkText, 3)]);
        let source = "Go to\n[click here](#x).\n";
        let doc = crate::read::read_str(source, "t.md", crate::read::Flavour::Markdown).unwrap();
        let found = check(&doc, &SourceMap::new(source), "t.md");
        assert_eq!((found[0].location.line, found[0].location.column), (2, 1));
        assert!(lints("See [MedlinePlus: Chronic Pain](https://medlineplus.gov).\n").is_empty());
        assert!(lints("Write to <help@clinic.org>.\n").is_empty());
    }

    #[test]
    fn a_bare_address_is_right_in_a_footnote_and_a_reference_list() {
        assert!(
            lints(
                "Rest helps.[^1]\n\n[^1]: Smith J. Rest. J Pain. 2020. <https://doi.org/10.1/x>\n"
            )
            .is_empty()
        );
        assert!(
            lints("## References\n\n- Smith J. Rest. 2020. <https://doi.org/10.1/x>\n").is_empty()
        );
        // Elsewhere, including a list under another heading, it is still named.
        assert_eq!(
            lints("## Help\n\n- <https://medlineplus.gov>\n"),
            [(Code::LinkText, 3)]
        );
        // Vague words are vague everywhere.
        assert_eq!(
            lints("## Sources\n\n- [click here](https://a.org)\n"),
            [(Code::LinkText, 3)]
        );
    }

    #[test]
    fn tables_need_headers_and_callouts_text() {
        assert_eq!(
            lints("|   |   |\n|---|---|\n| a | b |\n"),
            [(Code::TableHeader, 1)]
        );
        assert!(lints("| Day | Pain |\n|---|---|\n| Mon | 3 |\n").is_empty());
        assert_eq!(lints("Text.\n\n> [!NOTE]\n"), [(Code::EmptyCallout, 3)]);
        assert!(lints("> [!NOTE]\n> Rest.\n").is_empty());
        assert!(lints("> [!WARNING] Do not drive\n").is_empty());
    }
}

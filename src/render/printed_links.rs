//! Web addresses on paper: a patient holding a printed handout cannot follow underlined
//! words, so the PDF prints where a link goes — after its words, shortened for reading
//! (`heart.org/en/health-topics`), or as numbered notes under a "Links" heading at the end.
//! A link whose words already are its address is printed once.
//!
//! This is a change to the document model made for the PDF writer before it lays out the
//! page (the screen formats keep links as links). It decides which links have an address
//! worth printing and how it reads; where a long address may break is the line breaker's
//! (Unicode's rules break after each `/`, not at the hyphens inside a word).

use std::borrow::Cow;

use serde::Deserialize;

use crate::model::{Block, Document, Inline, Span, plain_text};

/// How a PDF prints the addresses of its links (`[pdf] link_addresses`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkAddresses {
    /// After the link's words, in parentheses.
    #[default]
    Inline,
    /// A number after the link's words, the addresses listed at the end.
    Notes,
    /// Not printed (the link is still a link in the PDF file).
    Off,
}

/// The address of `url` as a reader types it, or `None` for a link with nothing to type
/// (a heading of the same document, another document of the project, a relative file):
/// no `https://`, no `mailto:`, no trailing `/`.
pub fn printed_address(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(i) = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.starts_with(scheme).then_some(scheme.len()))
    {
        &url[i..]
    } else if lower.starts_with("mailto:") || lower.starts_with("tel:") {
        let rest = &url[url.find(':')? + 1..];
        rest.split('?').next().unwrap_or(rest)
    } else {
        return None;
    };
    let rest = rest.trim_end_matches('/');
    (!rest.is_empty()).then(|| rest.to_string())
}

/// Whether a link's words already say its address (`<https://x.org/>`, `x.org`,
/// `www.x.org/a/`): then it is printed once.
pub fn says_its_address(text: &str, address: &str) -> bool {
    let normal = |s: &str| {
        let s = s
            .trim()
            .trim_end_matches(['.', ',', ';'])
            .to_ascii_lowercase();
        let s = printed_address(&s).unwrap_or(s);
        s.trim_end_matches('/')
            .trim_start_matches("www.")
            .to_string()
    };
    normal(text) == normal(address)
}

/// `doc` with its links' addresses printed as `mode` says; borrowed when nothing changes.
/// `links_heading` titles the list of notes (the document's language's "Links").
pub fn apply<'d>(doc: &'d Document, mode: LinkAddresses, links_heading: &str) -> Cow<'d, Document> {
    if mode == LinkAddresses::Off || !has_printable_link(doc) {
        return Cow::Borrowed(doc);
    }
    let mut out = doc.clone();
    let mut notes: Vec<(String, String)> = Vec::new();
    for_each_inline_list(&mut out.blocks, &mut |list| rewrite(list, mode, &mut notes));
    for note in &mut out.footnotes {
        for_each_inline_list(&mut note.blocks, &mut |list| {
            rewrite(list, mode, &mut notes)
        });
    }
    if mode == LinkAddresses::Notes && !notes.is_empty() {
        let span = doc.blocks.last().map(Block::span).unwrap_or_default();
        out.blocks.push(Block::Heading {
            level: 2,
            id: unused_id(doc, "links"),
            content: vec![Inline::text(links_heading)],
            span,
        });
        for (number, (url, address)) in notes.iter().enumerate() {
            out.blocks.push(Block::Paragraph {
                content: vec![
                    Inline::text(format!("[{}]\u{a0}", number + 1)),
                    Inline::Link {
                        url: url.clone(),
                        title: None,
                        content: vec![Inline::text(address)],
                    },
                ],
                span,
            });
        }
    }
    Cow::Owned(out)
}

/// Whether any link (in the body or a footnote) has an address to print.
fn has_printable_link(doc: &Document) -> bool {
    let mut found = false;
    let mut look = |inline: &Inline, _: Span| {
        if let Inline::Link { url, .. } = inline {
            found |= printed_address(url).is_some();
        }
    };
    crate::model::walk_inlines(&doc.blocks, &mut look);
    for note in &doc.footnotes {
        crate::model::walk_inlines(&note.blocks, &mut look);
    }
    found
}

/// One run of inlines with its links' addresses added; `notes` numbers each address once.
fn rewrite(list: &mut Vec<Inline>, mode: LinkAddresses, notes: &mut Vec<(String, String)>) {
    let mut out = Vec::with_capacity(list.len() + 2);
    for mut inline in std::mem::take(list) {
        match &mut inline {
            Inline::Emph { content } | Inline::Strong { content } | Inline::Strike { content } => {
                rewrite(content, mode, notes);
                out.push(inline);
            }
            Inline::Link { url, content, .. } => {
                let address = printed_address(url)
                    .filter(|address| !says_its_address(&plain_text(content), address));
                let url = url.clone();
                out.push(inline);
                let Some(address) = address else {
                    continue;
                };
                match mode {
                    LinkAddresses::Inline => {
                        out.push(Inline::text(format!(" ({address})")));
                    }
                    LinkAddresses::Notes => {
                        let number = match notes.iter().position(|(u, _)| *u == url) {
                            Some(i) => i + 1,
                            None => {
                                notes.push((url, address));
                                notes.len()
                            }
                        };
                        out.push(Inline::text(format!("\u{a0}[{number}]")));
                    }
                    LinkAddresses::Off => {}
                }
            }
            _ => out.push(inline),
        }
    }
    *list = out;
}

/// Calls `f` on every run of inlines a reader reads in running text: paragraphs (in lists,
/// quotes, callouts and definitions too), table cells and definition terms. Not headings.
fn for_each_inline_list(blocks: &mut [Block], f: &mut impl FnMut(&mut Vec<Inline>)) {
    for block in blocks {
        match block {
            Block::Paragraph { content, .. } => f(content),
            Block::List { items, .. } => {
                for item in items {
                    for_each_inline_list(&mut item.blocks, f);
                }
            }
            Block::Quote { blocks, .. } | Block::Callout { blocks, .. } => {
                for_each_inline_list(blocks, f)
            }
            Block::Table { head, rows, .. } => {
                for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                    f(&mut cell.content);
                }
            }
            Block::DefinitionList { items, .. } => {
                for item in items {
                    f(&mut item.term);
                    for details in &mut item.details {
                        for_each_inline_list(details, f);
                    }
                }
            }
            _ => {}
        }
    }
}

/// `wanted`, or `wanted-2`, `wanted-3`…: an id no heading of `doc` has.
fn unused_id(doc: &Document, wanted: &str) -> String {
    let mut taken = std::collections::BTreeSet::new();
    doc.walk_blocks(&mut |block| {
        if let Block::Heading { id, .. } = block {
            taken.insert(id.clone());
        }
    });
    let mut id = wanted.to_string();
    let mut n = 1;
    while taken.contains(&id) {
        n += 1;
        id = format!("{wanted}-{n}");
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Flavour, read_str};

    fn paragraphs(doc: &Document) -> Vec<String> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { content, .. } => Some(plain_text(content)),
                Block::Heading { content, .. } => Some(format!("## {}", plain_text(content))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn addresses_are_shortened_for_reading() {
        assert_eq!(
            printed_address("https://www.heart.org/en/health-topics/").as_deref(),
            Some("www.heart.org/en/health-topics")
        );
        assert_eq!(printed_address("HTTP://x.org").as_deref(), Some("x.org"));
        assert_eq!(
            printed_address("mailto:care@clinic.org?subject=Hi").as_deref(),
            Some("care@clinic.org")
        );
        assert_eq!(
            printed_address("tel:+1-555-0100").as_deref(),
            Some("+1-555-0100")
        );
        for none in [
            "#dosing",
            "other.md",
            "images/a.png",
            "https://",
            "ftp://x.org",
        ] {
            assert_eq!(printed_address(none), None, "{none}");
        }
    }

    #[test]
    fn inline_addresses_follow_the_words_and_a_bare_address_is_printed_once() {
        let doc = read_str(
            "See [the AHA page](https://www.heart.org/en/monitoring/) and <https://x.org/>.\n\nOr [a heading](#top), [mail](mailto:a@b.org).\n",
            "t.md",
            Flavour::Markdown,
        )
        .unwrap();
        let printed = apply(&doc, LinkAddresses::Inline, "Links");
        assert_eq!(
            paragraphs(&printed),
            [
                "See the AHA page (www.heart.org/en/monitoring) and https://x.org/.",
                "Or a heading, mail (a@b.org)."
            ]
        );
        assert!(matches!(
            apply(&doc, LinkAddresses::Off, "Links"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn notes_number_each_address_once_and_list_them_at_the_end() {
        let doc = read_str(
            "# Links\n\nSee [one](https://a.org/x) and [two](https://b.org), then [one again](https://a.org/x).\n\n- In a list: [three](http://c.org/)\n",
            "t.md",
            Flavour::Markdown,
        )
        .unwrap();
        let printed = apply(&doc, LinkAddresses::Notes, "Links");
        assert_eq!(
            paragraphs(&printed),
            [
                "## Links",
                "See one\u{a0}[1] and two\u{a0}[2], then one again\u{a0}[1].",
                "## Links",
                "[1]\u{a0}a.org/x",
                "[2]\u{a0}b.org",
                "[3]\u{a0}c.org",
            ]
        );
        // The list's heading does not take the id of the document's own "Links".
        let ids: Vec<&str> = printed
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { id, .. } => Some(id.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(ids, ["links", "links-2"]);
    }

    #[test]
    fn a_document_without_addresses_is_not_copied() {
        let doc = read_str("A [heading link](#a).\n", "t.md", Flavour::Markdown).unwrap();
        assert!(matches!(
            apply(&doc, LinkAddresses::Inline, "Links"),
            Cow::Borrowed(_)
        ));
    }
}

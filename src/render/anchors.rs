//! The ids writers give what is not a heading: a footnote, each reference to it, and the
//! heading of the notes; and [`Targets`], every id a link to a document may name. Heading ids
//! come from the reader ([`crate::model::Block::Heading`]); the rest come from here, so the
//! HTML page, the EPUB chapter, the PDF's link targets and `folio check`'s link lint all
//! agree on them.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{Block, Document, Inline, walk_blocks, walk_inlines};
use crate::render::xhtml;

/// The fragment GitHub and browsers take for the top of a page; every format honours it.
pub const TOP: &str = "top";

/// The id of the notes' heading.
pub const NOTES_HEADING: &str = "footnotes-title";

/// The id of footnote `number`: `fn1`.
pub fn note(number: u32) -> String {
    format!("fn{number}")
}

/// The id of the `nth` reference to footnote `number`: `fnref1`, then `fnref1-2`, … (each
/// reference needs its own id for its back-link).
pub fn reference(number: u32, nth: u32) -> String {
    if nth <= 1 {
        format!("fnref{number}")
    } else {
        format!("fnref{number}-{nth}")
    }
}

/// An id of this module as an EPUB chapter writes it, after the chapter's `prefix`:
/// `fn1` → `fn.1`, `fnref1-2` → `fnref.1-2`, `footnotes-title` → `footnotes.title`. The `.`
/// is a character no heading id holds, so a heading "Fn1" cannot take the same id.
pub fn in_chapter(prefix: &str, id: &str) -> String {
    let split = id
        .find(|c: char| c.is_ascii_digit())
        .or_else(|| id.find('-'))
        .unwrap_or(id.len());
    let rest = id[split..].strip_prefix('-').unwrap_or(&id[split..]);
    format!("{prefix}{}.{rest}", &id[..split])
}

/// Every id a link to one document may name, by who gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Targets {
    /// Its headings' ids, in the body and in the notes it shows.
    pub headings: BTreeSet<String>,
    /// The ids its raw HTML keeps (`<a id="old-name">`).
    pub kept: BTreeSet<String>,
    /// The ids the writers give it: each referenced footnote ([`note`]), each reference to
    /// one ([`reference`]), and the notes' heading when there are notes.
    pub notes: BTreeSet<String>,
}

impl Targets {
    pub fn of(doc: &Document) -> Targets {
        let mut targets = Targets::default();
        // The body and the notes that are referenced: what every format shows.
        let shown = std::iter::once(doc.blocks.as_slice()).chain(
            doc.numbered_footnotes()
                .map(|(_, note)| note.blocks.as_slice()),
        );
        for blocks in shown {
            walk_blocks(blocks, &mut |block| match block {
                Block::Heading { id, .. } if !id.is_empty() => {
                    targets.headings.insert(id.clone());
                }
                Block::Html { raw, .. } => targets.kept.extend(xhtml::ids_in(raw)),
                _ => {}
            });
            walk_inlines(blocks, &mut |inline, _| {
                if let Inline::Html { raw } = inline {
                    targets.kept.extend(xhtml::anchor_id(raw));
                }
            });
        }
        let mut references: BTreeMap<u32, u32> = BTreeMap::new();
        doc.walk_inlines(&mut |inline, _| {
            if let Inline::FootnoteRef { label } = inline
                && let Some(number) = doc.footnote_number(label)
            {
                *references.entry(number).or_insert(0) += 1;
            }
        });
        for (number, count) in references {
            targets.notes.insert(note(number));
            targets
                .notes
                .extend((1..=count).map(|nth| reference(number, nth)));
            targets.notes.insert(NOTES_HEADING.to_string());
        }
        targets
    }

    /// Whether a link to the document may name `fragment`: one of its ids, or the top.
    pub fn contains(&self, fragment: &str) -> bool {
        fragment == TOP
            || self.headings.contains(fragment)
            || self.kept.contains(fragment)
            || self.notes.contains(fragment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_their_chapter_forms() {
        assert_eq!(note(3), "fn3");
        assert_eq!(reference(3, 1), "fnref3");
        assert_eq!(reference(3, 2), "fnref3-2");
        assert_eq!(in_chapter("c_", &note(1)), "c_fn.1");
        assert_eq!(in_chapter("c_", &reference(1, 2)), "c_fnref.1-2");
        assert_eq!(in_chapter("", NOTES_HEADING), "footnotes.title");
    }

    #[test]
    fn a_document_s_targets_are_its_headings_kept_ids_and_notes() {
        use crate::read::{Flavour, read_str};
        let md = "# Dosing\n\nTake it.[^a] Again.[^a] Once.[^b]\n\n<a id=\"old\"></a>\n\n\
                  [^a]: First.\n[^b]: Second.\n[^c]: Never referred to.\n";
        let doc = read_str(md, "t.md", Flavour::Markdown).unwrap();
        let targets = Targets::of(&doc);
        for id in [
            "dosing",
            "old",
            "fn1",
            "fn2",
            "fnref1",
            "fnref1-2",
            "fnref2",
            NOTES_HEADING,
            TOP,
        ] {
            assert!(targets.contains(id), "{id}: {targets:?}");
        }
        for id in ["fn3", "fnref2-2", "fn1-2", "fnref", "dose", "tops"] {
            assert!(!targets.contains(id), "{id}");
        }
        let plain = read_str("# A\n\nNo notes.\n", "t.md", Flavour::Markdown).unwrap();
        assert!(!Targets::of(&plain).contains(NOTES_HEADING));
    }
}

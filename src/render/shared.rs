//! Decisions every writer makes the same way, made here once (as pandoc's
//! `Text.Pandoc.Writers.Shared` does for its writers): what the title block shows and
//! whether a leading heading is the title, a callout's heading, the byline and the review
//! line, what stands in for an image that cannot be shown, and how tabs in code expand.
//!
//! Each rule returns plain facts (text, or the parts of a phrase); the writers format them
//! their own way (elements, styled runs, lines). The words come from [`crate::terms`].
//!
//! What this is not: layout or markup. Nothing here knows HTML, PDF or line widths.

use unicode_width::UnicodeWidthChar;

use crate::model::{Block, CalloutKind, Document, Meta, plain_text};
use crate::terms::{Term, Terms};

/// Tab stops in code, every this many columns.
pub const TAB_STOP: usize = 4;

/// What the title block shows and where the body starts.
#[derive(Debug, Clone, Copy)]
pub struct TitleBlock<'a> {
    /// The document's title (front matter's, or its first heading's).
    pub title: &'a str,
    /// The id of the level-1 heading the title stands for, when the document opens with its
    /// title as a heading: links to it lead to the title.
    pub anchor: Option<&'a str>,
    /// The body under the title block, in two runs: the blocks before the heading the title
    /// stands for, and those after it (all the blocks are in the first run when the title
    /// stands for no heading).
    pub body: [&'a [Block]; 2],
    /// Whether the title is the document's level-1 heading. It is not when the body has
    /// level-1 headings of its own (a page has one `h1`): then it is a title line.
    pub is_heading: bool,
}

impl<'a> TitleBlock<'a> {
    /// A document whose first heading is a level-1 heading with its title's text has that
    /// heading as its title: it is shown once, in the title block, even when a note or a
    /// comment comes before it in the source.
    pub fn of(doc: &'a Document) -> TitleBlock<'a> {
        let title = doc.meta.title.trim();
        let first_heading = doc
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Heading { .. }));
        let (anchor, body) = match first_heading.map(|i| (i, &doc.blocks[i])) {
            Some((
                i,
                Block::Heading {
                    level: 1,
                    id,
                    content,
                    ..
                },
            )) if plain_text(content).trim() == title => {
                (Some(id.as_str()), [&doc.blocks[..i], &doc.blocks[i + 1..]])
            }
            _ => (None, [doc.blocks.as_slice(), &[]]),
        };
        let is_heading = !body
            .iter()
            .flat_map(|part| part.iter())
            .any(|b| matches!(b, Block::Heading { level: 1, .. }));
        TitleBlock {
            title,
            anchor: anchor.filter(|id| !id.is_empty()),
            body,
            is_heading,
        }
    }

    /// The body's blocks, in order.
    pub fn blocks(&self) -> impl Iterator<Item = &'a Block> + '_ {
        self.body.iter().flat_map(|part| part.iter())
    }
}

/// The term of a callout kind's label.
pub fn callout_label(kind: CalloutKind) -> Term {
    match kind {
        CalloutKind::Note => Term::CalloutNote,
        CalloutKind::Tip => Term::CalloutTip,
        CalloutKind::Important => Term::CalloutImportant,
        CalloutKind::Warning => Term::CalloutWarning,
        CalloutKind::Caution => Term::CalloutCaution,
    }
}

/// What a callout says above its text: its kind's label, and its own title when it has one
/// that is not just the label again (`> [!WARNING] Warning` is labelled once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalloutHeading {
    pub label: String,
    pub title: Option<String>,
}

impl CalloutHeading {
    pub fn of(kind: CalloutKind, title: Option<&str>, terms: &Terms) -> CalloutHeading {
        let label = terms.get(callout_label(kind)).to_string();
        let title = title
            .map(str::trim)
            .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case(&label))
            .map(str::to_string);
        CalloutHeading { label, title }
    }

    /// The heading as one line of text: "Warning: Call 911 now", or "Tip".
    pub fn text(&self, terms: &Terms) -> String {
        match &self.title {
            Some(title) => terms.fill(
                Term::CalloutTitled,
                &[("label", &self.label), ("title", title)],
            ),
            None => self.label.clone(),
        }
    }
}

/// Who reviewed the document and when: "Reviewed by X on D", "Last reviewed D", "Reviewed
/// by X".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewLine<'a> {
    pub term: Term,
    pub reviewer: Option<&'a str>,
    pub date: Option<&'a str>,
}

impl<'a> ReviewLine<'a> {
    /// `None` when the document names neither a reviewer nor a review date.
    pub fn of(meta: &'a Meta) -> Option<ReviewLine<'a>> {
        let reviewer = meta.reviewed_by.as_deref().filter(|s| !s.trim().is_empty());
        let date = meta.review_date.as_deref().filter(|s| !s.trim().is_empty());
        let term = match (reviewer, date) {
            (Some(_), Some(_)) => Term::ReviewedByOn,
            (None, Some(_)) => Term::ReviewedOn,
            (Some(_), None) => Term::ReviewedBy,
            (None, None) => return None,
        };
        Some(ReviewLine {
            term,
            reviewer: reviewer.map(str::trim),
            date: date.map(str::trim),
        })
    }

    /// The line as plain text.
    pub fn text(&self, terms: &Terms) -> String {
        self.fill_with(terms, str::to_string, str::to_string, |d| terms.date(d))
    }

    /// The line with its words, the reviewer and the date each formatted by the writer (a
    /// date may become a `<time>` element).
    pub fn fill_with(
        &self,
        terms: &Terms,
        words: impl FnMut(&str) -> String,
        mut reviewer: impl FnMut(&str) -> String,
        mut date: impl FnMut(&str) -> String,
    ) -> String {
        terms.fill_with(self.term, words, |slot| match slot {
            "reviewer" => self.reviewer.map(&mut reviewer).unwrap_or_default(),
            "date" => self.date.map(&mut date).unwrap_or_default(),
            _ => String::new(),
        })
    }
}

/// One part of the line under the title: who wrote it, when, which version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BylinePart<'a> {
    /// "By Ana, Bo and Cy".
    Authors(String),
    /// The date as written (a writer may mark it up as a date).
    Date(&'a str),
    /// "Version 1.2".
    Version(String),
}

/// The mark between the parts of a byline: typography, the same in every language. Each
/// writer spaces it as its medium needs (the PDF, without CSS margins, more widely).
pub const BYLINE_MARK: &str = "·";

/// What stands between two parts of the byline: [`BYLINE_MARK`] with `space` on either
/// side. In a right-to-left document a right-to-left mark (U+200F, invisible) stands on
/// each side too, so a part ending in Latin letters or digits ("Riverside Clinic") does not
/// run into the next ("2 مارس 2026") under the bidi algorithm.
pub fn byline_joint(space: &str, rtl: bool) -> String {
    if rtl {
        format!("\u{200F}{space}{BYLINE_MARK}{space}\u{200F}")
    } else {
        format!("{space}{BYLINE_MARK}{space}")
    }
}

/// Authors as prose ("Ana, Bo and Cy"), blank names left out, or `None` when none is left.
pub fn authors(names: &[String], terms: &Terms) -> Option<String> {
    let authors: Vec<String> = names
        .iter()
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect();
    (!authors.is_empty()).then(|| terms.list(&authors))
}

/// The parts of the byline, in order; writers join them with [`BYLINE_MARK`].
pub fn byline<'a>(meta: &'a Meta, terms: &Terms) -> Vec<BylinePart<'a>> {
    let mut parts = Vec::new();
    if let Some(names) = authors(&meta.authors, terms) {
        parts.push(BylinePart::Authors(
            terms.fill(Term::BylineAuthors, &[("authors", &names)]),
        ));
    }
    if let Some(date) = meta.date.as_deref().filter(|d| !d.trim().is_empty()) {
        parts.push(BylinePart::Date(date));
    }
    if let Some(version) = meta.version.as_deref().filter(|v| !v.trim().is_empty()) {
        parts.push(BylinePart::Version(
            terms.fill(Term::BylineVersion, &[("version", version.trim())]),
        ));
    }
    parts
}

/// What stands in for an image a format cannot show: "[Image: a pain scale]", or "[Image]"
/// when it has no description.
pub fn image_placeholder(description: &str, terms: &Terms) -> String {
    match description.trim() {
        "" => terms.get(Term::ImageUndescribed).to_string(),
        described => terms.fill(Term::ImageDescribed, &[("description", described)]),
    }
}

/// A line of code with its tabs expanded to the next multiple of [`TAB_STOP`] display
/// columns (a wide character takes two).
pub fn expand_tabs(line: &str) -> String {
    if !line.contains('\t') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut column = 0;
    for ch in line.chars() {
        if ch == '\t' {
            let spaces = TAB_STOP - column % TAB_STOP;
            out.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else {
            out.push(ch);
            column += ch.width().unwrap_or(0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Flavour, read_str};
    use crate::terms::for_language;

    fn doc(markdown: &str) -> Document {
        read_str(markdown, "t.md", Flavour::Markdown).unwrap()
    }

    #[test]
    fn a_leading_heading_that_is_the_title_is_the_title() {
        let d = doc("# Pain diary\n\nText.\n\n## More\n");
        let block = TitleBlock::of(&d);
        assert_eq!(block.title, "Pain diary");
        assert_eq!(block.anchor, Some("pain-diary"));
        assert_eq!(block.blocks().count(), 2);
        assert!(block.is_heading);

        let d = doc("<!-- generated -->\n\n[TOC]\n\n# Pain diary\n\nText.\n");
        let block = TitleBlock::of(&d);
        assert_eq!(block.anchor, Some("pain-diary"));
        assert_eq!((block.body[0].len(), block.body[1].len()), (2, 1));

        let d = doc("---\ntitle: Front\n---\n# Other\n\n# Second\n");
        let block = TitleBlock::of(&d);
        assert_eq!((block.title, block.anchor), ("Front", None));
        assert_eq!(block.blocks().count(), 2);
        assert!(!block.is_heading, "the body has its own level-1 headings");
    }

    #[test]
    fn a_callout_is_labelled_once() {
        let en = for_language("en");
        let same = CalloutHeading::of(CalloutKind::Warning, Some(" warning "), en);
        assert_eq!(same.text(en), "Warning");
        let titled = CalloutHeading::of(CalloutKind::Warning, Some("Call 911"), en);
        assert_eq!(titled.text(en), "Warning: Call 911");
        assert_eq!(
            CalloutHeading::of(CalloutKind::Tip, None, en).text(en),
            "Tip"
        );
    }

    #[test]
    fn the_review_line_reads_the_same_in_every_writer() {
        let en = for_language("en");
        let mut meta = Meta {
            reviewed_by: Some("Dr. Lee".into()),
            review_date: Some("2026-01-05".into()),
            ..Meta::default()
        };
        let line = ReviewLine::of(&meta).unwrap();
        assert_eq!(line.text(en), "Reviewed by Dr. Lee on January 5, 2026");
        meta.reviewed_by = None;
        assert_eq!(
            ReviewLine::of(&meta).unwrap().text(en),
            "Last reviewed January 5, 2026"
        );
        meta.review_date = None;
        assert!(ReviewLine::of(&meta).is_none());
    }

    #[test]
    fn bylines_images_and_tabs() {
        let en = for_language("en");
        let meta = Meta {
            authors: vec!["Ana".into(), "Bo".into(), "Cy".into()],
            date: Some("2026-01-05".into()),
            version: Some("2".into()),
            ..Meta::default()
        };
        assert_eq!(
            byline(&meta, en),
            [
                BylinePart::Authors("By Ana, Bo and Cy".into()),
                BylinePart::Date("2026-01-05"),
                BylinePart::Version("Version 2".into()),
            ]
        );
        assert_eq!(image_placeholder(" A scale ", en), "[Image: A scale]");
        assert_eq!(image_placeholder("", en), "[Image]");
        assert_eq!(expand_tabs("a\tb"), "a   b");
        assert_eq!(expand_tabs("\tx\ty"), "    x   y");
        assert_eq!(expand_tabs("痛\tx"), "痛  x");
    }
}

//! The words folio itself writes for readers (a callout's label, "Notes", "Page 1 of 2", the
//! review line, the catalogue's labels), looked up in one place: no writer spells them.
//!
//! Each language is a data file of `key = "text"` lines ([`en.toml`](../../src/terms/en.toml)
//! is the first), the way typst's translations and pandoc's `translations/*.yaml` are kept.
//! A text may hold slots, `{name}`, that folio fills in: a writer asks for a [`Term`] and
//! fills its slots through [`Terms::fill`] (plain text) or [`Terms::fill_with`] (markup,
//! where the words are escaped and a slot may be an element such as `<time>`).
//!
//! What this is not: the messages folio prints for authors and editors (warnings, errors,
//! `folio check` findings), which stay in English; nor dates, which are printed as written.
//!
//! A leaf: it imports nothing of folio's.

use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The English terms, compiled in.
const ENGLISH: &str = include_str!("en.toml");

/// A word or phrase folio writes. Its text comes from the language's file under
/// [`Term::key`]; [`Term::slots`] are the `{name}`s that text may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term {
    CalloutNote,
    CalloutTip,
    CalloutImportant,
    CalloutWarning,
    CalloutCaution,
    CalloutTitled,
    BylineAuthors,
    BylineVersion,
    ListAnd,
    ListSeparator,
    ReviewedByOn,
    ReviewedOn,
    ReviewedBy,
    Contents,
    Notes,
    Links,
    SkipToContent,
    BackToReference,
    NoteReference,
    TaskDone,
    TaskToDo,
    TaskLabelled,
    ImageDescribed,
    ImageUndescribed,
    SeeSection,
    PageOf,
    FieldAuthors,
    FieldDate,
    FieldOrganization,
    FieldReviewedBy,
    FieldReviewDate,
    FieldVersion,
    FieldDisclaimer,
    FieldSource,
    Cover,
    TitlePage,
    AccessibilitySummary,
    AccessibilityNoImages,
    AccessibilityAllDescribed,
    AccessibilitySomeUndescribed,
    Documents,
    Collection,
    DocumentCountOne,
    DocumentCountOther,
    WholeCollection,
    WholeCollectionText,
    ReviewedDate,
    FileLink,
    LabelHtml,
    LabelPdf,
    LabelPdfLargePrint,
    LabelEpub,
    LabelTxt,
    LabelJson,
    ManifestText,
    SizeBytes,
    SizeKb,
    SizeMb,
}

impl Term {
    /// Every term, in the order of the data files.
    pub const ALL: [Term; 58] = [
        Term::CalloutNote,
        Term::CalloutTip,
        Term::CalloutImportant,
        Term::CalloutWarning,
        Term::CalloutCaution,
        Term::CalloutTitled,
        Term::BylineAuthors,
        Term::BylineVersion,
        Term::ListAnd,
        Term::ListSeparator,
        Term::ReviewedByOn,
        Term::ReviewedOn,
        Term::ReviewedBy,
        Term::Contents,
        Term::Notes,
        Term::Links,
        Term::SkipToContent,
        Term::BackToReference,
        Term::NoteReference,
        Term::TaskDone,
        Term::TaskToDo,
        Term::TaskLabelled,
        Term::ImageDescribed,
        Term::ImageUndescribed,
        Term::SeeSection,
        Term::PageOf,
        Term::FieldAuthors,
        Term::FieldDate,
        Term::FieldOrganization,
        Term::FieldReviewedBy,
        Term::FieldReviewDate,
        Term::FieldVersion,
        Term::FieldDisclaimer,
        Term::FieldSource,
        Term::Cover,
        Term::TitlePage,
        Term::AccessibilitySummary,
        Term::AccessibilityNoImages,
        Term::AccessibilityAllDescribed,
        Term::AccessibilitySomeUndescribed,
        Term::Documents,
        Term::Collection,
        Term::DocumentCountOne,
        Term::DocumentCountOther,
        Term::WholeCollection,
        Term::WholeCollectionText,
        Term::ReviewedDate,
        Term::FileLink,
        Term::LabelHtml,
        Term::LabelPdf,
        Term::LabelPdfLargePrint,
        Term::LabelEpub,
        Term::LabelTxt,
        Term::LabelJson,
        Term::ManifestText,
        Term::SizeBytes,
        Term::SizeKb,
        Term::SizeMb,
    ];

    /// The term's name in the data files.
    pub fn key(self) -> &'static str {
        match self {
            Term::CalloutNote => "callout-note",
            Term::CalloutTip => "callout-tip",
            Term::CalloutImportant => "callout-important",
            Term::CalloutWarning => "callout-warning",
            Term::CalloutCaution => "callout-caution",
            Term::CalloutTitled => "callout-titled",
            Term::BylineAuthors => "byline-authors",
            Term::BylineVersion => "byline-version",
            Term::ListAnd => "list-and",
            Term::ListSeparator => "list-separator",
            Term::ReviewedByOn => "reviewed-by-on",
            Term::ReviewedOn => "reviewed-on",
            Term::ReviewedBy => "reviewed-by",
            Term::Contents => "contents",
            Term::Notes => "notes",
            Term::Links => "links",
            Term::SkipToContent => "skip-to-content",
            Term::BackToReference => "back-to-reference",
            Term::NoteReference => "note-reference",
            Term::TaskDone => "task-done",
            Term::TaskToDo => "task-to-do",
            Term::TaskLabelled => "task-labelled",
            Term::ImageDescribed => "image-described",
            Term::ImageUndescribed => "image-undescribed",
            Term::SeeSection => "see-section",
            Term::PageOf => "page-of",
            Term::FieldAuthors => "field-authors",
            Term::FieldDate => "field-date",
            Term::FieldOrganization => "field-organization",
            Term::FieldReviewedBy => "field-reviewed-by",
            Term::FieldReviewDate => "field-review-date",
            Term::FieldVersion => "field-version",
            Term::FieldDisclaimer => "field-disclaimer",
            Term::FieldSource => "field-source",
            Term::Cover => "cover",
            Term::TitlePage => "title-page",
            Term::AccessibilitySummary => "accessibility-summary",
            Term::AccessibilityNoImages => "accessibility-no-images",
            Term::AccessibilityAllDescribed => "accessibility-all-described",
            Term::AccessibilitySomeUndescribed => "accessibility-some-undescribed",
            Term::Documents => "documents",
            Term::Collection => "collection",
            Term::DocumentCountOne => "document-count-one",
            Term::DocumentCountOther => "document-count-other",
            Term::WholeCollection => "whole-collection",
            Term::WholeCollectionText => "whole-collection-text",
            Term::ReviewedDate => "reviewed-date",
            Term::FileLink => "file-link",
            Term::LabelHtml => "label-html",
            Term::LabelPdf => "label-pdf",
            Term::LabelPdfLargePrint => "label-pdf-large-print",
            Term::LabelEpub => "label-epub",
            Term::LabelTxt => "label-txt",
            Term::LabelJson => "label-json",
            Term::ManifestText => "manifest-text",
            Term::SizeBytes => "size-bytes",
            Term::SizeKb => "size-kb",
            Term::SizeMb => "size-mb",
        }
    }

    /// The slots the term's text may hold (a translation may leave one out, never add one).
    pub fn slots(self) -> &'static [&'static str] {
        match self {
            Term::CalloutTitled => &["label", "title"],
            Term::BylineAuthors => &["authors"],
            Term::BylineVersion => &["version"],
            Term::ListAnd => &["first", "last"],
            Term::ReviewedByOn => &["reviewer", "date"],
            Term::ReviewedOn | Term::ReviewedDate => &["date"],
            Term::ReviewedBy => &["reviewer"],
            Term::BackToReference | Term::NoteReference => &["number"],
            Term::TaskLabelled => &["state", "item"],
            Term::ImageDescribed => &["description"],
            Term::SeeSection => &["heading"],
            Term::PageOf => &["page", "total"],
            Term::AccessibilitySummary => &["images"],
            Term::DocumentCountOne | Term::DocumentCountOther => &["count"],
            Term::WholeCollectionText | Term::ManifestText => &["link"],
            Term::FileLink => &["label", "format", "size"],
            Term::SizeBytes | Term::SizeKb | Term::SizeMb => &["size"],
            _ => &[],
        }
    }
}

/// The terms of one language.
#[derive(Debug)]
pub struct Terms {
    texts: Vec<String>,
}

static ENGLISH_TERMS: LazyLock<Terms> = LazyLock::new(|| {
    // The English file is part of folio and covered by a test, so it always parses.
    Terms::parse(ENGLISH).unwrap_or_else(|e| panic!("src/terms/en.toml: {e}"))
});

/// The terms for a document in `language` (a BCP 47 tag). English for every language for
/// now: the languages issue adds their files, each falling back to English term by term.
pub fn for_language(_language: &str) -> &'static Terms {
    &ENGLISH_TERMS
}

impl Terms {
    /// Reads a language's file; every term must be there.
    fn parse(text: &str) -> Result<Terms, String> {
        let table: BTreeMap<String, String> =
            toml::from_str(text).map_err(|e| e.message().to_string())?;
        if let Some(unknown) = table
            .keys()
            .find(|k| !Term::ALL.iter().any(|t| t.key() == k.as_str()))
        {
            return Err(format!("`{unknown}` is not a term folio knows"));
        }
        let texts = Term::ALL
            .iter()
            .map(|term| {
                table
                    .get(term.key())
                    .cloned()
                    .ok_or_else(|| format!("`{}` is missing", term.key()))
            })
            .collect::<Result<Vec<String>, String>>()?;
        Ok(Terms { texts })
    }

    /// The term's text, slots and all.
    pub fn get(&self, term: Term) -> &str {
        // `texts` is built from `Term::ALL`, in that order.
        self.texts
            .get(term as usize)
            .map_or_else(|| term.key(), String::as_str)
    }

    /// The term with its slots filled from `values` (`("date", "2026-01-05")`); a slot
    /// without a value is left empty.
    pub fn fill(&self, term: Term, values: &[(&str, &str)]) -> String {
        self.fill_with(term, str::to_string, |slot| {
            values
                .iter()
                .find(|(name, _)| *name == slot)
                .map(|(_, value)| value.to_string())
                .unwrap_or_default()
        })
    }

    /// The term with its words passed through `words` (an escaper) and each slot replaced by
    /// what `slot` gives for its name (already in the output's form: escaped text, an
    /// element).
    pub fn fill_with(
        &self,
        term: Term,
        mut words: impl FnMut(&str) -> String,
        mut slot: impl FnMut(&str) -> String,
    ) -> String {
        let mut out = String::new();
        let mut rest = self.get(term);
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            out.push_str(&words(&rest[..open]));
            out.push_str(&slot(&rest[open + 1..close]));
            rest = &rest[close + 1..];
        }
        out.push_str(&words(rest));
        out
    }

    /// `count` with the singular or plural form of a term pair.
    pub fn count(&self, count: usize, one: Term, other: Term) -> String {
        let term = if count == 1 { one } else { other };
        self.fill(term, &[("count", &count.to_string())])
    }

    /// Names as prose: "Ana", "Ana and Bo", "Ana, Bo and Cy".
    pub fn list(&self, names: &[String]) -> String {
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => self.fill(
                Term::ListAnd,
                &[
                    ("first", &init.join(self.get(Term::ListSeparator))),
                    ("last", last),
                ],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_is_in_the_english_file_with_only_its_slots() {
        let terms = Terms::parse(ENGLISH).unwrap();
        for (index, term) in Term::ALL.iter().enumerate() {
            assert_eq!(
                *term as usize, index,
                "{term:?} is out of order in Term::ALL"
            );
            let text = terms.get(*term);
            let mut rest = text;
            while let Some(open) = rest.find('{') {
                let close = rest[open..].find('}').unwrap() + open;
                let slot = &rest[open + 1..close];
                assert!(
                    term.slots().contains(&slot),
                    "{}: unknown slot {{{slot}}}",
                    term.key()
                );
                rest = &rest[close + 1..];
            }
        }
    }

    #[test]
    fn a_file_with_an_unknown_or_missing_term_is_refused() {
        let unknown = format!("{ENGLISH}\nnot-a-term = \"x\"\n");
        assert!(Terms::parse(&unknown).unwrap_err().contains("not-a-term"));
        let missing = ENGLISH.replace("notes = \"Notes\"\n", "");
        assert!(Terms::parse(&missing).unwrap_err().contains("`notes`"));
    }

    #[test]
    fn slots_are_filled_and_words_escaped_apart() {
        let en = for_language("en");
        assert_eq!(
            en.fill(
                Term::ReviewedByOn,
                &[("reviewer", "Dr. Lee"), ("date", "2026-01-05")]
            ),
            "Reviewed by Dr. Lee on 2026-01-05"
        );
        let marked = en.fill_with(Term::PageOf, |w| w.to_uppercase(), |s| format!("<{s}>"));
        assert_eq!(marked, "PAGE <page> OF <total>");
        assert_eq!(
            en.count(1, Term::DocumentCountOne, Term::DocumentCountOther),
            "1 document."
        );
        assert_eq!(
            en.list(&["Ana".into(), "Bo".into(), "Cy".into()]),
            "Ana, Bo and Cy"
        );
        assert_eq!(en.list(&["Ana".into()]), "Ana");
    }
}

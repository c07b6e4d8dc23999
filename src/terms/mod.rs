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
//! `folio check` findings), which stay in English. Dates shown to readers are written in the
//! language ([`Terms::date`]); metadata keeps ISO dates.
//!
//! A leaf: it imports nothing of folio's.

use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The English terms, compiled in.
const ENGLISH: &str = include_str!("en.toml");

/// Defines [`Term`], [`Term::ALL`] and [`Term::key`] from one list, so the three cannot
/// disagree.
macro_rules! terms {
    ($($variant:ident => $key:literal,)*) => {
        /// A word or phrase folio writes. Its text comes from the language's file under
        /// [`Term::key`]; [`Term::slots`] are the `{name}`s that text may hold.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Term {
            $($variant,)*
        }

        impl Term {
            /// Every term, in the order of the data files.
            pub const ALL: &[Term] = &[$(Term::$variant,)*];

            /// The term's name in the data files.
            pub fn key(self) -> &'static str {
                match self {
                    $(Term::$variant => $key,)*
                }
            }
        }
    };
}

terms! {
    CalloutNote => "callout-note",
    CalloutTip => "callout-tip",
    CalloutImportant => "callout-important",
    CalloutWarning => "callout-warning",
    CalloutCaution => "callout-caution",
    CalloutTitled => "callout-titled",
    BylineAuthors => "byline-authors",
    BylineVersion => "byline-version",
    ListAnd => "list-and",
    ListSeparator => "list-separator",
    ReviewedByOn => "reviewed-by-on",
    ReviewedOn => "reviewed-on",
    ReviewedBy => "reviewed-by",
    Contents => "contents",
    Notes => "notes",
    Links => "links",
    SkipToContent => "skip-to-content",
    BackToReference => "back-to-reference",
    NoteReference => "note-reference",
    TaskDone => "task-done",
    TaskToDo => "task-to-do",
    TaskLabelled => "task-labelled",
    ImageDescribed => "image-described",
    ImageUndescribed => "image-undescribed",
    SeeSection => "see-section",
    PageOf => "page-of",
    FieldAuthors => "field-authors",
    FieldDate => "field-date",
    FieldOrganization => "field-organization",
    FieldReviewedBy => "field-reviewed-by",
    FieldReviewDate => "field-review-date",
    FieldVersion => "field-version",
    FieldDisclaimer => "field-disclaimer",
    FieldSource => "field-source",
    Cover => "cover",
    TitlePage => "title-page",
    AccessibilitySummary => "accessibility-summary",
    AccessibilityNoImages => "accessibility-no-images",
    AccessibilityAllDescribed => "accessibility-all-described",
    AccessibilitySomeUndescribed => "accessibility-some-undescribed",
    Documents => "documents",
    Collection => "collection",
    DocumentCountOne => "document-count-one",
    DocumentCountOther => "document-count-other",
    WholeCollection => "whole-collection",
    WholeCollectionText => "whole-collection-text",
    ReviewedDate => "reviewed-date",
    FileLink => "file-link",
    LabelHtml => "label-html",
    LabelPdf => "label-pdf",
    LabelPdfLargePrint => "label-pdf-large-print",
    LabelEpub => "label-epub",
    LabelTxt => "label-txt",
    LabelJson => "label-json",
    ManifestText => "manifest-text",
    SizeBytes => "size-bytes",
    SizeKb => "size-kb",
    SizeMb => "size-mb",
    LanguageName => "language-name",
    Date => "date",
    Month1 => "month-1",
    Month2 => "month-2",
    Month3 => "month-3",
    Month4 => "month-4",
    Month5 => "month-5",
    Month6 => "month-6",
    Month7 => "month-7",
    Month8 => "month-8",
    Month9 => "month-9",
    Month10 => "month-10",
    Month11 => "month-11",
    Month12 => "month-12",
    AlsoIn => "also-in",
    TranslationLink => "translation-link",
}

/// The month terms, January first.
pub const MONTHS: [Term; 12] = [
    Term::Month1,
    Term::Month2,
    Term::Month3,
    Term::Month4,
    Term::Month5,
    Term::Month6,
    Term::Month7,
    Term::Month8,
    Term::Month9,
    Term::Month10,
    Term::Month11,
    Term::Month12,
];

impl Term {
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
            Term::Date => &["day", "month", "year"],
            Term::AlsoIn => &["languages"],
            Term::TranslationLink => &["language"],
            _ => &[],
        }
    }
}

/// The terms of one language.
#[derive(Debug)]
pub struct Terms {
    texts: Vec<String>,
}

/// The languages folio speaks besides English, by BCP 47 tag, each a data file beside
/// this one. A file may leave a term out: English fills it.
const LANGUAGES: &[(&str, &str)] = &[
    ("ar", include_str!("ar.toml")),
    ("bn", include_str!("bn.toml")),
    ("de", include_str!("de.toml")),
    ("es", include_str!("es.toml")),
    ("fa", include_str!("fa.toml")),
    ("fr", include_str!("fr.toml")),
    ("he", include_str!("he.toml")),
    ("hi", include_str!("hi.toml")),
    ("ht", include_str!("ht.toml")),
    ("it", include_str!("it.toml")),
    ("ja", include_str!("ja.toml")),
    ("ko", include_str!("ko.toml")),
    ("pl", include_str!("pl.toml")),
    ("pt", include_str!("pt.toml")),
    ("ru", include_str!("ru.toml")),
    ("th", include_str!("th.toml")),
    ("tl", include_str!("tl.toml")),
    ("ur", include_str!("ur.toml")),
    ("vi", include_str!("vi.toml")),
    ("zh-Hans", include_str!("zh-Hans.toml")),
    ("zh-Hant", include_str!("zh-Hant.toml")),
];

static ENGLISH_TERMS: LazyLock<Terms> = LazyLock::new(|| {
    // The English file is part of folio and covered by a test, so it always parses.
    Terms::parse(ENGLISH, None).unwrap_or_else(|e| panic!("src/terms/en.toml: {e}"))
});

/// Every other language's terms, parsed on first use.
static TRANSLATED: LazyLock<Vec<Terms>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .map(|(tag, text)| {
            // Each file is part of folio and covered by a test, so it always parses.
            Terms::parse(text, Some(&ENGLISH_TERMS))
                .unwrap_or_else(|e| panic!("src/terms/{tag}.toml: {e}"))
        })
        .collect()
});

/// The terms for a document in `language` (a BCP 47 tag): its file's, English for a term
/// the file leaves out, and English for a language folio has no file for.
pub fn for_language(language: &str) -> &'static Terms {
    match file_for(language) {
        Some(index) => &TRANSLATED[index],
        None => &ENGLISH_TERMS,
    }
}

/// The terms of `language` with a project's own words for some of them (folio.toml
/// `[terms.<tag>]`, checked when the file was read: unknown keys are left out). Each
/// distinct set is made once per process.
pub fn of(language: &str, overrides: &BTreeMap<String, String>) -> &'static Terms {
    let base = for_language(language);
    if overrides.is_empty() {
        return base;
    }
    type Made = std::collections::HashMap<(Option<usize>, Vec<(String, String)>), &'static Terms>;
    static MADE: LazyLock<std::sync::Mutex<Made>> = LazyLock::new(Default::default);
    let key = (
        file_for(language),
        overrides
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>(),
    );
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(terms) = made.get(&key) {
        return terms;
    }
    let texts = Term::ALL
        .iter()
        .map(|term| {
            overrides
                .get(term.key())
                .cloned()
                .unwrap_or_else(|| base.get(*term).to_string())
        })
        .collect();
    let terms: &'static Terms = Box::leak(Box::new(Terms { texts }));
    made.insert(key, terms);
    terms
}

/// Whether a project's `[terms.<tag>]` table may replace `key`'s text with `text`: the key
/// is a term and the text holds only its slots. The message says what is wrong.
pub fn check_override(key: &str, text: &str) -> Result<(), String> {
    let Some(term) = Term::ALL.iter().find(|t| t.key() == key) else {
        return Err(format!(
            "`{key}` is not a term folio knows (see src/terms/en.toml)"
        ));
    };
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let slot = &rest[open + 1..close];
        if !term.slots().contains(&slot) {
            let known = term
                .slots()
                .iter()
                .map(|s| format!("{{{s}}}"))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(format!(
                "`{key}` has no slot {{{slot}}}{}",
                if known.is_empty() {
                    String::new()
                } else {
                    format!(" (it has {known})")
                }
            ));
        }
        rest = &rest[close + 1..];
    }
    Ok(())
}

/// A project's words for `language`, from its `[terms.<tag>]` tables: a table for its
/// language file (`es` serves `es-MX`), then one for its exact tag, which wins.
pub fn overrides_for(
    tables: &BTreeMap<String, BTreeMap<String, String>>,
    language: &str,
) -> BTreeMap<String, String> {
    let mut matching: Vec<(&String, &BTreeMap<String, String>)> = tables
        .iter()
        .filter(|(tag, _)| same_language(tag, language))
        .collect();
    matching.sort_by_key(|(tag, _)| tag.eq_ignore_ascii_case(language));
    let mut out = BTreeMap::new();
    for (_, table) in matching {
        out.extend(table.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    out
}

/// Whether a `[terms.<tag>]` table is for documents in `language`: the same tag, or tags
/// read from the same language file (`es` and `es-MX`; `en` and `en-US`).
pub fn same_language(tag: &str, language: &str) -> bool {
    if tag.eq_ignore_ascii_case(language) {
        return true;
    }
    match (file_for(tag), file_for(language)) {
        (Some(a), Some(b)) => a == b,
        (None, None) => {
            let primary = |t: &str| {
                t.split(['-', '_'])
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase()
            };
            primary(tag) == primary(language)
        }
        _ => false,
    }
}

/// The tag of the file that speaks `language`, if any: `es-MX` reads `es`; Chinese reads
/// `zh-Hant` when the tag names Traditional script or a region that writes it (Taiwan,
/// Hong Kong, Macao), else `zh-Hans`; `iw` is `he`, `fil` is `tl`.
pub fn file_tag(language: &str) -> Option<&'static str> {
    file_for(language).map(|index| LANGUAGES[index].0)
}

fn file_for(language: &str) -> Option<usize> {
    let lower = language.to_ascii_lowercase();
    let mut parts = lower.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let tag = match primary {
        "zh" | "cmn" | "yue" => {
            let traditional = rest
                .iter()
                .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"))
                && !rest.contains(&"hans");
            if traditional { "zh-hant" } else { "zh-hans" }
        }
        "iw" => "he",
        "fil" => "tl",
        "pes" | "prs" => "fa",
        other => other,
    };
    LANGUAGES
        .iter()
        .position(|(file, _)| file.eq_ignore_ascii_case(tag))
}

impl Terms {
    /// Reads a language's file. Without `fallback` (English) every term must be there;
    /// with it, a term left out takes the fallback's text.
    fn parse(text: &str, fallback: Option<&Terms>) -> Result<Terms, String> {
        let table: BTreeMap<String, String> =
            toml::from_str(text).map_err(|e| e.message().to_string())?;
        // The same rule as a project's own words: known terms, holding only their slots.
        for (key, value) in &table {
            check_override(key, value)?;
        }
        let texts = Term::ALL
            .iter()
            .map(|term| match (table.get(term.key()), fallback) {
                (Some(text), _) => Ok(text.clone()),
                (None, Some(fallback)) => Ok(fallback.get(*term).to_string()),
                (None, None) => Err(format!("`{}` is missing", term.key())),
            })
            .collect::<Result<Vec<String>, String>>()?;
        Ok(Terms { texts })
    }

    /// A date as readers of the language write it ("15 de septiembre de 2026"), from an
    /// ISO date (`YYYY-MM-DD`, with or without a time). Anything else (`2026`, `2026-09`,
    /// text) is returned as written; metadata keeps the ISO form.
    pub fn date(&self, iso: &str) -> String {
        let Some(date) = crate_free_iso_date(iso) else {
            return iso.to_string();
        };
        // Words after the date ("2024-05-01 (draft)") are kept; a time is not a reader's
        // date: the text is shown as written.
        let rest = iso.get(10..).unwrap_or("");
        if rest.starts_with('T') {
            return iso.to_string();
        }
        let (year, month, day) = date;
        let shown = self.fill(
            Term::Date,
            &[
                ("day", &day.to_string()),
                ("month", self.get(MONTHS[usize::from(month) - 1])),
                ("year", &year.to_string()),
            ],
        );
        format!("{shown}{rest}")
    }

    /// Every term's text, slots and all (the characters a writer may print).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.texts.iter().map(String::as_str)
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

/// Year, month and day of an ISO date at the start of `text` (`YYYY-MM-DD`, then the end,
/// a `T` or a space). The terms are a leaf: this reads the digits itself.
fn crate_free_iso_date(text: &str) -> Option<(u32, u8, u8)> {
    let date = text.split(['T', ' ']).next()?;
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y) && digits(m) && digits(d)) {
        return None;
    }
    let (year, month, day) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_is_in_the_english_file_with_only_its_slots() {
        let terms = Terms::parse(ENGLISH, None).unwrap();
        for (index, term) in Term::ALL.iter().enumerate() {
            assert_eq!(
                *term as usize, index,
                "{term:?} is out of order in Term::ALL"
            );
            // Parsing checked that each text holds only its term's slots.
            assert!(!terms.get(*term).is_empty(), "{}", term.key());
        }
        let bad_slot = ENGLISH.replace("{total}", "{pages}");
        assert!(
            Terms::parse(&bad_slot, None)
                .unwrap_err()
                .contains("{pages}")
        );
    }

    #[test]
    fn a_file_with_an_unknown_or_missing_term_is_refused() {
        let unknown = format!("{ENGLISH}\nnot-a-term = \"x\"\n");
        assert!(
            Terms::parse(&unknown, None)
                .unwrap_err()
                .contains("`not-a-term` is not a term folio knows")
        );
        let missing = ENGLISH.replace("notes = \"Notes\"\n", "");
        assert!(
            Terms::parse(&missing, None)
                .unwrap_err()
                .contains("`notes`")
        );
    }

    #[test]
    fn every_language_file_parses_with_only_known_terms_and_slots() {
        for (tag, text) in LANGUAGES {
            // Known terms only, each holding only its slots (checked by parsing).
            let terms =
                Terms::parse(text, None).unwrap_or_else(|e| panic!("src/terms/{tag}.toml: {e}"));
            // The fixed words a handout prints are the language's own, not English.
            if *tag != "tl" {
                for term in [Term::PageOf, Term::CalloutWarning, Term::ReviewedByOn] {
                    assert_ne!(
                        terms.get(term),
                        for_language("en").get(term),
                        "{tag}.toml {}",
                        term.key()
                    );
                }
            }
        }
    }

    #[test]
    fn tags_find_their_language_file() {
        assert_eq!(file_tag("es-MX"), Some("es"));
        assert_eq!(file_tag("ES"), Some("es"));
        assert_eq!(file_tag("zh"), Some("zh-Hans"));
        assert_eq!(file_tag("zh-CN"), Some("zh-Hans"));
        assert_eq!(file_tag("zh-TW"), Some("zh-Hant"));
        assert_eq!(file_tag("zh-Hant-HK"), Some("zh-Hant"));
        assert_eq!(file_tag("pt-BR"), Some("pt"));
        assert_eq!(file_tag("iw"), Some("he"));
        assert_eq!(file_tag("en-US"), None);
        assert_eq!(file_tag("sw"), None);
        assert_eq!(for_language("es").get(Term::CalloutWarning), "Advertencia");
        assert_eq!(for_language("sw").get(Term::Notes), "Notes");
    }

    #[test]
    fn a_project_can_say_a_term_its_own_way() {
        let mut overrides = BTreeMap::new();
        overrides.insert("callout-warning".to_string(), "¡Atención!".to_string());
        let es = of("es-MX", &overrides);
        assert_eq!(es.get(Term::CalloutWarning), "¡Atención!");
        assert_eq!(es.get(Term::Notes), for_language("es").get(Term::Notes));
        assert!(std::ptr::eq(es, of("es", &overrides)), "made once");
        assert!(check_override("callout-warning", "Danger").is_ok());
        assert!(check_override("nope", "x").unwrap_err().contains("`nope`"));
        let err = check_override("page-of", "{page}/{pages}").unwrap_err();
        assert!(err.contains("{pages}") && err.contains("{total}"), "{err}");
        assert!(same_language("es", "es-MX") && same_language("en", "en-GB"));
        assert!(!same_language("es", "pt") && !same_language("en", "es"));
    }

    #[test]
    fn dates_are_written_in_the_language() {
        assert_eq!(for_language("en").date("2026-09-15"), "September 15, 2026");
        assert_eq!(
            for_language("es").date("2026-09-15"),
            "15 de septiembre de 2026"
        );
        assert_eq!(for_language("zh-Hans").date("2026-09-15"), "2026年9月15日");
        assert_eq!(for_language("es").date("2026-09"), "2026-09");
        assert_eq!(for_language("es").date("soon"), "soon");
        assert_eq!(
            for_language("en").date("2024-05-01 (draft)"),
            "May 1, 2024 (draft)"
        );
        assert_eq!(
            for_language("en").date("2024-05-01T10:00"),
            "2024-05-01T10:00"
        );
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

//! Every code a finding can carry (`folio::<name>`), in one list: the lints of `folio check`,
//! which folio.toml and front matter can switch, and what the writers and the build report,
//! which they cannot. Each code knows its name and how severe its findings are by default.

use serde::{Deserialize, Serialize};

use super::severity::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    // ----- lints (`folio check`): switchable -----
    /// The reading grade of the document (a note) and of sections above the target.
    Readability,
    /// A sentence cites research with no link, footnote or reference in its paragraph.
    UnsourcedClaim,
    /// No title, language, reviewer or review date.
    MissingMetadata,
    /// The last clinical review is older than the project allows.
    ReviewOverdue,
    /// No disclaimer in front matter or folio.toml.
    MissingDisclaimer,
    /// An image without a description, or with one a screen reader cannot use.
    ImageAlt,
    /// Heading levels that skip (H2 to H4).
    HeadingOrder,
    /// More than one level-1 heading.
    MultipleH1,
    /// Link text that says nothing about where the link goes ("click here", a bare URL).
    LinkText,
    /// A table whose header row is empty.
    TableHeader,
    /// A callout with no text.
    EmptyCallout,
    /// A link to a heading, document or file that does not exist.
    BrokenLink,
    /// Two headings with the same text: links to it reach only the first.
    DuplicateHeading,
    /// An image that cannot be found, is outside the project or cannot be decoded.
    Image,
    /// A footnote reference with no definition, or a definition nothing refers to.
    Footnote,
    /// A translation reviewed before the document it translates, or naming no document.
    StaleTranslation,

    // ----- reading and settings: not switchable -----
    /// The document cannot be read at all (not UTF-8, bad front matter).
    Read,
    /// A setting folio does not understand (folio.toml, a style, front matter `check:`).
    Config,

    // ----- what a writer could not carry into its format: warnings -----
    /// Raw HTML a format cannot show: its tags are left out, its text kept.
    RawHtml,
    /// An image a format cannot show (remote, damaged, a type it cannot hold): its
    /// description stands in for it.
    ImageNotShown,
    /// A link a format cannot follow (to a file or heading not in an EPUB): its words stay,
    /// without the link.
    LinkDropped,
    /// Characters no font has a glyph for (PDF).
    MissingGlyph,
    /// A disclaimer too long for the page footer, printed once at the end instead (PDF).
    LongDisclaimer,
    /// An EPUB that cannot claim WCAG conformance (an image has no description).
    AccessibilityClaim,

    // ----- the build itself: errors -----
    /// A file could not be written.
    Write,
    /// A writer failed (a PDF or EPUB could not be made).
    Render,
    /// The project cannot be built as it is (no content folder, clashing names, a book
    /// whose chapters failed).
    Project,
}

impl Code {
    /// Every lint that can be switched, in the order they are documented.
    pub const LINTS: [Code; 16] = [
        Code::Readability,
        Code::UnsourcedClaim,
        Code::MissingMetadata,
        Code::ReviewOverdue,
        Code::MissingDisclaimer,
        Code::ImageAlt,
        Code::HeadingOrder,
        Code::MultipleH1,
        Code::LinkText,
        Code::TableHeader,
        Code::EmptyCallout,
        Code::BrokenLink,
        Code::DuplicateHeading,
        Code::Image,
        Code::Footnote,
        Code::StaleTranslation,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Code::Readability => "readability",
            Code::UnsourcedClaim => "unsourced-claim",
            Code::MissingMetadata => "missing-metadata",
            Code::ReviewOverdue => "review-overdue",
            Code::MissingDisclaimer => "missing-disclaimer",
            Code::ImageAlt => "image-alt",
            Code::HeadingOrder => "heading-order",
            Code::MultipleH1 => "multiple-h1",
            Code::LinkText => "link-text",
            Code::TableHeader => "table-header",
            Code::EmptyCallout => "empty-callout",
            Code::BrokenLink => "broken-link",
            Code::DuplicateHeading => "duplicate-heading",
            Code::Image => "image",
            Code::Footnote => "footnote",
            Code::StaleTranslation => "stale-translation",
            Code::Read => "read",
            Code::Config => "config",
            Code::RawHtml => "raw-html",
            Code::ImageNotShown => "image-not-shown",
            Code::LinkDropped => "link-dropped",
            Code::MissingGlyph => "missing-glyph",
            Code::LongDisclaimer => "long-disclaimer",
            Code::AccessibilityClaim => "accessibility-claim",
            Code::Write => "write",
            Code::Render => "render",
            Code::Project => "project",
        }
    }

    /// The code shown with each finding: `folio::readability`.
    pub fn code(self) -> String {
        format!("folio::{}", self.name())
    }

    /// A lint by its name, with or without the `folio::` prefix; `_` may stand for `-`. Only
    /// switchable lints are found: the others cannot be named in settings.
    pub fn lint_from_name(name: &str) -> Option<Code> {
        let name = name.trim();
        let name = name
            .strip_prefix("folio::")
            .unwrap_or(name)
            .replace('_', "-");
        Code::LINTS.into_iter().find(|l| l.name() == name)
    }

    /// How severe a finding of this code is unless configured otherwise. A broken image is an
    /// error because no output can be made with it; other lints leave valid outputs.
    pub fn default_severity(self) -> Severity {
        match self {
            Code::Image
            | Code::Read
            | Code::Config
            | Code::Write
            | Code::Render
            | Code::Project => Severity::Error,
            _ => Severity::Warning,
        }
    }

    /// Whether folio.toml or front matter may switch the lint off or change its severity.
    pub fn is_switchable(self) -> bool {
        Code::LINTS.contains(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_with_and_without_prefix() {
        for lint in Code::LINTS {
            assert_eq!(Code::lint_from_name(lint.name()), Some(lint));
            assert_eq!(Code::lint_from_name(&lint.code()), Some(lint));
            assert!(lint.is_switchable());
        }
        assert_eq!(
            Code::lint_from_name("unsourced_claim"),
            Some(Code::UnsourcedClaim)
        );
        assert_eq!(Code::lint_from_name("read"), None);
        assert_eq!(Code::lint_from_name("raw-html"), None);
        assert_eq!(Code::lint_from_name("nonsense"), None);
        assert!(!Code::RawHtml.is_switchable());
    }

    #[test]
    fn names_are_what_serde_writes() {
        for code in [
            Code::Readability,
            Code::RawHtml,
            Code::MultipleH1,
            Code::Write,
        ] {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.name()));
        }
    }
}

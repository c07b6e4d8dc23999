//! The lints folio knows: their names (`folio::<name>`), what each is for, and how severe a
//! finding is unless folio.toml or front matter says otherwise.

use serde::{Deserialize, Serialize};

use super::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lint {
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
    /// The document cannot be read at all (not UTF-8, bad front matter).
    Read,
    /// A `check:` setting in front matter that folio does not understand.
    Config,
}

impl Lint {
    /// Every lint that can be switched, in the order they are documented.
    pub const ALL: [Lint; 15] = [
        Lint::Readability,
        Lint::UnsourcedClaim,
        Lint::MissingMetadata,
        Lint::ReviewOverdue,
        Lint::MissingDisclaimer,
        Lint::ImageAlt,
        Lint::HeadingOrder,
        Lint::MultipleH1,
        Lint::LinkText,
        Lint::TableHeader,
        Lint::EmptyCallout,
        Lint::BrokenLink,
        Lint::DuplicateHeading,
        Lint::Image,
        Lint::Footnote,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Lint::Readability => "readability",
            Lint::UnsourcedClaim => "unsourced-claim",
            Lint::MissingMetadata => "missing-metadata",
            Lint::ReviewOverdue => "review-overdue",
            Lint::MissingDisclaimer => "missing-disclaimer",
            Lint::ImageAlt => "image-alt",
            Lint::HeadingOrder => "heading-order",
            Lint::MultipleH1 => "multiple-h1",
            Lint::LinkText => "link-text",
            Lint::TableHeader => "table-header",
            Lint::EmptyCallout => "empty-callout",
            Lint::BrokenLink => "broken-link",
            Lint::DuplicateHeading => "duplicate-heading",
            Lint::Image => "image",
            Lint::Footnote => "footnote",
            Lint::Read => "read",
            Lint::Config => "config",
        }
    }

    /// The code shown with each finding: `folio::readability`.
    pub fn code(self) -> String {
        format!("folio::{}", self.name())
    }

    /// A lint by its name, with or without the `folio::` prefix; `_` may stand for `-`.
    pub fn from_name(name: &str) -> Option<Lint> {
        let name = name.trim();
        let name = name
            .strip_prefix("folio::")
            .unwrap_or(name)
            .replace('_', "-");
        Lint::ALL.into_iter().find(|l| l.name() == name)
    }

    /// How severe a finding of this lint is unless configured otherwise. A broken image is an
    /// error because no output can be made with it; everything else leaves valid outputs.
    pub fn default_severity(self) -> Severity {
        match self {
            Lint::Image | Lint::Read | Lint::Config => Severity::Error,
            _ => Severity::Warning,
        }
    }

    /// Whether folio.toml or front matter may switch the lint off or change its severity.
    pub fn is_switchable(self) -> bool {
        !matches!(self, Lint::Read | Lint::Config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_with_and_without_prefix() {
        for lint in Lint::ALL {
            assert_eq!(Lint::from_name(lint.name()), Some(lint));
            assert_eq!(Lint::from_name(&lint.code()), Some(lint));
            assert!(lint.is_switchable());
        }
        assert_eq!(
            Lint::from_name("unsourced_claim"),
            Some(Lint::UnsourcedClaim)
        );
        assert_eq!(Lint::from_name("read"), None);
        assert_eq!(Lint::from_name("nonsense"), None);
    }
}

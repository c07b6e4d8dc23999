//! What identifies a publication: its `dc:identifier`, its dates, and what it says about its
//! own accessibility (EPUB Accessibility 1.1).
//!
//! The identifier is a name-based UUID of the title, authors, publisher and file name, not of
//! the text: a reading system takes the same identifier for the same book, so an edition with a
//! typo fixed stays the same book, and `dcterms:modified` tells the editions apart.

use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::render::dates::iso_date_seconds;
use crate::terms::{Term, Terms};

/// The identifier given in front matter or folio.toml (`urn:uuid:…` or a bare UUID), or one
/// derived from `seed` (any other identifier given is used as the seed, so it stays stable).
pub fn publication_uuid(given: Option<&str>, seed: &[&str]) -> Uuid {
    if let Some(given) = given.map(str::trim).filter(|g| !g.is_empty()) {
        let bare = given
            .strip_prefix("urn:uuid:")
            .or_else(|| given.strip_prefix("URN:UUID:"))
            .unwrap_or(given);
        if let Ok(uuid) = Uuid::parse_str(bare) {
            return uuid;
        }
        return derived(&[given]);
    }
    derived(seed)
}

/// A version 8 ("custom") UUID from the SHA-256 of the parts.
fn derived(parts: &[&str]) -> Uuid {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        // A separator no text contains, so ("ab", "c") and ("a", "bc") differ.
        hasher.update([0u8]);
    }
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// `dcterms:modified`, in seconds since 1970: SOURCE_DATE_EPOCH if set, else the latest date the
/// sources give, else 1970-01-01 (never the clock: the same input must give the same book).
pub fn modified_seconds<'a>(
    source_date_epoch: Option<i64>,
    dates: impl IntoIterator<Item = &'a str>,
) -> i64 {
    source_date_epoch
        .or_else(|| dates.into_iter().filter_map(iso_date_seconds).max())
        .unwrap_or(0)
}

/// EPUB Accessibility 1.1 metadata for a publication folio wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accessibility {
    pub has_images: bool,
    /// Every image has a text alternative.
    pub all_images_described: bool,
    pub has_tables: bool,
}

impl Accessibility {
    /// `(property, value)` pairs for the package's `<meta>` elements; the summary is in the
    /// publication's language.
    pub fn properties(&self, terms: &Terms) -> Vec<(&'static str, String)> {
        let mut props = vec![("schema:accessMode", "textual".to_string())];
        if self.has_images {
            props.push(("schema:accessMode", "visual".into()));
        }
        if !self.has_images || self.all_images_described {
            props.push(("schema:accessModeSufficient", "textual".into()));
        }
        if self.has_images {
            props.push(("schema:accessModeSufficient", "textual,visual".into()));
        }
        for feature in [
            "structuralNavigation",
            "tableOfContents",
            "readingOrder",
            "displayTransformability",
        ] {
            props.push(("schema:accessibilityFeature", feature.into()));
        }
        if self.has_images && self.all_images_described {
            props.push(("schema:accessibilityFeature", "alternativeText".into()));
        }
        if self.has_tables {
            props.push(("schema:accessibilityFeature", "tableHeaders".into()));
        }
        props.push(("schema:accessibilityHazard", "none".into()));
        let images = terms.get(match (self.has_images, self.all_images_described) {
            (false, _) => Term::AccessibilityNoImages,
            (true, true) => Term::AccessibilityAllDescribed,
            (true, false) => Term::AccessibilitySomeUndescribed,
        });
        props.push((
            "schema:accessibilitySummary",
            terms.fill(Term::AccessibilitySummary, &[("images", images)]),
        ));
        if !self.has_images || self.all_images_described {
            props.push((
                "dcterms:conformsTo",
                "EPUB Accessibility 1.1 - WCAG 2.1 Level AA".into(),
            ));
        }
        props
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_stable_and_given_ones_win() {
        let a = publication_uuid(None, &["Title", "Author"]);
        assert_eq!(a, publication_uuid(None, &["Title", "Author"]));
        assert_ne!(a, publication_uuid(None, &["TitleAuthor"]));
        assert_eq!(a.get_version_num(), 8);
        let given = "urn:uuid:123e4567-e89b-12d3-a456-426614174000";
        assert_eq!(
            publication_uuid(Some(given), &["x"]).to_string(),
            "123e4567-e89b-12d3-a456-426614174000"
        );
        let isbn = publication_uuid(Some("isbn:9780000000000"), &["x"]);
        assert_eq!(isbn, publication_uuid(Some("isbn:9780000000000"), &["y"]));
    }

    #[test]
    fn modified_date_never_reads_the_clock() {
        assert_eq!(modified_seconds(Some(5), ["2024-01-01"]), 5);
        assert_eq!(
            modified_seconds(None, ["2023-01-01", "2024-01-01", "bad"]),
            1_704_067_200
        );
        assert_eq!(modified_seconds(None, []), 0);
    }

    #[test]
    fn conformance_is_claimed_only_when_every_image_is_described() {
        let described = Accessibility {
            has_images: true,
            all_images_described: true,
            has_tables: false,
        };
        let props = described.properties(crate::terms::for_language("en"));
        assert!(props.contains(&("schema:accessibilityFeature", "alternativeText".into())));
        assert!(props.iter().any(|(p, _)| *p == "dcterms:conformsTo"));
        let undescribed = Accessibility {
            all_images_described: false,
            ..described
        };
        assert!(
            !undescribed
                .properties(crate::terms::for_language("en"))
                .iter()
                .any(|(p, _)| *p == "dcterms:conformsTo")
        );
    }
}

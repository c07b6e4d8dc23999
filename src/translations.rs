//! Translations as a set: a document may say which document it translates
//! (`translation_of: pain-diary.md`, relative to itself); the document and its translations
//! are one set. One rule for every place that shows a set: the catalogue's "Also in" line,
//! the HTML pages' alternates (`hreflang`) and `folio check`'s stale-translation lint.
//!
//! What this is not: reading front matter ([`crate::read`]) or the words shown
//! ([`crate::terms`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Another member of a document's set, as a link to it needs it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Alternate {
    /// BCP 47 tag.
    pub language: String,
    /// Its output name (`html/<slug>.html`).
    pub slug: String,
    /// The address of its HTML page from the page of the member it is an alternate of
    /// (they may be in different folders).
    pub href: String,
}

/// A document as a member of a project's sets.
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    /// Relative to the project, `/` separators (`content/pain-diary.es.md`).
    pub path: &'a str,
    pub slug: &'a str,
    pub language: &'a str,
    /// Its `translation_of`, as written.
    pub translation_of: Option<&'a str>,
}

/// `relative` (a `translation_of` value) from the document at `from`, both relative to the
/// project: `None` when it climbs out of the project.
pub fn resolve(from: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in relative.trim().split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// Where a link from the document at `from` (a source path) to `url` goes in the HTML
/// outputs when `url` names another document of the project (`../heart/links.md#pulse`):
/// that document's page, from this one's (`../heart/links.html#pulse`). `documents` maps
/// source paths to slugs. `None` for any other link.
pub fn document_href(
    documents: &BTreeMap<String, String>,
    from: &str,
    url: &str,
) -> Option<String> {
    if url.contains("://") || url.starts_with(['/', '#']) || url.starts_with("mailto:") {
        return None;
    }
    let (path, fragment) = match url.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (url, None),
    };
    if !crate::paths::is_markdown(std::path::Path::new(path)) {
        return None;
    }
    let decoded = crate::assets::percent_decode(path);
    let target = documents.get(&resolve(from, &decoded)?)?;
    let own = documents.get(from)?;
    let mut href = crate::slug::relative_href(own, target, "html");
    if let Some(fragment) = fragment {
        href.push('#');
        href.push_str(fragment);
    }
    Some(href)
}

/// For each document (by slug) that belongs to a set of two or more, the other members:
/// the document translated first, then its translations in path order. A translation of a
/// translation joins the set of the first document.
pub fn alternates(members: &[Member<'_>]) -> BTreeMap<String, Vec<Alternate>> {
    let by_path: BTreeMap<&str, &Member<'_>> = members.iter().map(|m| (m.path, m)).collect();
    // The first document of each member's chain (bounded: a cycle stops).
    let root = |member: &Member<'_>| -> String {
        let mut current = member.path.to_string();
        for _ in 0..members.len() {
            let Some(next) = by_path
                .get(current.as_str())
                .and_then(|m| m.translation_of.map(|of| (m.path, of)))
                .and_then(|(path, of)| resolve(path, of))
                .filter(|p| by_path.contains_key(p.as_str()) && *p != current)
            else {
                break;
            };
            current = next;
        }
        current
    };
    let mut sets: BTreeMap<String, Vec<&Member<'_>>> = BTreeMap::new();
    for member in members {
        sets.entry(root(member)).or_default().push(member);
    }
    let mut out = BTreeMap::new();
    for (root, mut set) in sets {
        if set.len() < 2 {
            continue;
        }
        set.sort_by_key(|m| (m.path != root, m.path));
        for member in &set {
            let others = set
                .iter()
                .filter(|o| o.path != member.path)
                .map(|o| Alternate {
                    language: o.language.to_string(),
                    slug: o.slug.to_string(),
                    href: crate::slug::relative_href(member.slug, o.slug, "html"),
                })
                .collect();
            out.insert(member.slug.to_string(), others);
        }
    }
    out
}

/// How a language names itself ("Español", "中文"), for links to a translation; the tag
/// itself for a language folio has no words for.
pub fn language_name(language: &str) -> String {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    if crate::terms::file_tag(language).is_none() && !primary.eq_ignore_ascii_case("en") {
        return language.to_string();
    }
    crate::terms::for_language(language)
        .get(crate::terms::Term::LanguageName)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_between_documents_in_folders_go_to_their_pages() {
        let documents: BTreeMap<String, String> = [
            ("content/index.md", "index"),
            ("content/Heart Health/Links.md", "heart-health/links"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let from_links = |url| document_href(&documents, "content/Heart Health/Links.md", url);
        assert_eq!(
            from_links("../index.md#top").as_deref(),
            Some("../index.html#top")
        );
        assert_eq!(
            document_href(&documents, "content/index.md", "Heart%20Health/Links.md").as_deref(),
            Some("heart-health/links.html")
        );
        assert_eq!(from_links("../missing.md"), None);
        assert_eq!(from_links("https://x.org/a.md"), None);
        assert_eq!(from_links("picture.png"), None);
        assert_eq!(from_links("../../../etc/a.md"), None);
    }

    fn member<'a>(
        path: &'a str,
        slug: &'a str,
        language: &'a str,
        of: Option<&'a str>,
    ) -> Member<'a> {
        Member {
            path,
            slug,
            language,
            translation_of: of,
        }
    }

    #[test]
    fn relative_names_resolve_inside_the_project() {
        assert_eq!(
            resolve("content/a.es.md", "a.md").as_deref(),
            Some("content/a.md")
        );
        assert_eq!(
            resolve("content/es/a.md", "../a.md").as_deref(),
            Some("content/a.md")
        );
        assert_eq!(resolve("a.md", "../../etc/x.md"), None);
    }

    #[test]
    fn a_document_and_its_translations_list_one_another() {
        let members = [
            member("content/a.md", "a", "en", None),
            member("content/a.es.md", "a-es", "es", Some("a.md")),
            member("content/a.zh.md", "a-zh", "zh-Hans", Some("./a.md")),
            member("content/b.md", "b", "en", None),
            member("content/c.md", "c", "fr", Some("missing.md")),
        ];
        let sets = alternates(&members);
        let slugs =
            |slug: &str| -> Vec<String> { sets[slug].iter().map(|a| a.slug.clone()).collect() };
        assert_eq!(slugs("a"), ["a-es", "a-zh"]);
        assert_eq!(slugs("a-es"), ["a", "a-zh"]);
        assert_eq!(sets["a-zh"][0].language, "en");
        assert!(!sets.contains_key("b") && !sets.contains_key("c"));
    }

    #[test]
    fn languages_are_named_in_their_own_words() {
        assert_eq!(language_name("es-MX"), "Español");
        assert_eq!(language_name("en"), "English");
        assert_eq!(language_name("sw"), "sw");
    }
}

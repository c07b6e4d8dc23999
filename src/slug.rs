//! Names safe in a file name and a URL (`pain-diary` for `Pain Diary.md`): what a document's
//! outputs, a book and a chapter's package files are called. A leaf.

/// A file-name-safe, URL-safe name: lower case ASCII letters, digits and single hyphens.
pub fn slugify(stem: &str) -> String {
    let mut slug = String::with_capacity(stem.len());
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "document".to_string()
    } else {
        slug
    }
}

/// The output name of the document at `path` (its file name without the extension, made
/// safe): `content/Pain Diary.md` is written as `pain-diary.pdf`, `pain-diary.epub`, and so on.
pub fn document_name(path: &std::path::Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    slugify(&stem)
}

/// A slug with its folders flattened (`heart/links` → `heart--links`), for names that
/// cannot hold a `/` (an EPUB chapter's file and ids). Unique: a slug never holds `--`.
pub fn flat(slug: &str) -> String {
    slug.replace('/', "--")
}

/// The address of `to`'s output from `from`'s output of the same format (`html/<slug>.html`
/// to its sibling): `heart/links` to `index` is `../index.<extension>`.
pub fn relative_href(from: &str, to: &str, extension: &str) -> String {
    let up = from.matches('/').count();
    format!("{}{to}.{extension}", "../".repeat(up))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_names() {
        assert_eq!(slugify("Pain Diary (v2)"), "pain-diary-v2");
        assert_eq!(slugify("¿?"), "document");
    }

    #[test]
    fn outputs_in_folders_link_to_one_another() {
        assert_eq!(
            relative_href("heart/links", "index", "html"),
            "../index.html"
        );
        assert_eq!(
            relative_href("a", "heart/links", "html"),
            "heart/links.html"
        );
        assert_eq!(relative_href("x/y/z", "x/w", "html"), "../../x/w.html");
        assert_eq!(flat("heart/deep/a"), "heart--deep--a");
    }

    #[test]
    fn a_document_is_named_after_its_file() {
        use std::path::Path;
        assert_eq!(
            document_name(Path::new("content/Pain Diary.md")),
            "pain-diary"
        );
        assert_eq!(document_name(Path::new("notes.v2.markdown")), "notes-v2");
        assert_eq!(document_name(Path::new("")), "document");
    }
}

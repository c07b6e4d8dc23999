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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_names() {
        assert_eq!(slugify("Pain Diary (v2)"), "pain-diary-v2");
        assert_eq!(slugify("¿?"), "document");
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

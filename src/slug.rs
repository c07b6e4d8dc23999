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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_names() {
        assert_eq!(slugify("Pain Diary (v2)"), "pain-diary-v2");
        assert_eq!(slugify("¿?"), "document");
    }
}

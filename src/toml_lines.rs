//! Where a key sits in a TOML file's text, for errors found after parsing (a value out of
//! range, a section folio does not know). folio.toml and styles/handout.toml both name the
//! line this way. A leaf: it reads text only.

/// The line (from 1) where `key = …` is set in `[section]` (`""`: before any table), or
/// `None` if the text does not set it. A header may carry a comment (`[rules]  # …`).
pub fn line_of_key(text: &str, section: &str, key: &str) -> Option<usize> {
    let mut current = "";
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[') {
            current = header.split(']').next().unwrap_or_default().trim();
        } else if current == section
            && line
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return Some(i + 1);
        }
    }
    None
}

/// The line (from 1) of the header `[section]`, or `None` if the text has none.
pub fn line_of_section(text: &str, section: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.trim()
                .strip_prefix('[')
                .and_then(|h| h.split(']').next())
                .is_some_and(|h| h.trim() == section)
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_in_their_own_section() {
        let text = "width = 1\n\n[rules]   # a break\nwidth = 2\n[tables]\nwidth=3\n";
        assert_eq!(line_of_key(text, "", "width"), Some(1));
        assert_eq!(line_of_key(text, "rules", "width"), Some(4));
        assert_eq!(line_of_key(text, "tables", "width"), Some(6));
        assert_eq!(line_of_key(text, "tables", "height"), None);
        assert_eq!(line_of_key(text, "tables", "wid"), None);
        assert_eq!(line_of_section(text, "rules"), Some(3));
        assert_eq!(line_of_section(text, "page"), None);
    }
}

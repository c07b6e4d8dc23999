//! The ids writers give what is not a heading: a footnote, each reference to it, and the
//! heading of the notes. Heading ids come from the reader ([`crate::model::Block::Heading`]);
//! these come from here, so the HTML page, the EPUB chapter, the PDF's link targets and
//! `folio check`'s link lint all agree on them.
//!
//! A leaf: it imports nothing of folio's.

/// The fragment GitHub and browsers take for the top of a page; every format honours it.
pub const TOP: &str = "top";

/// The id of the notes' heading.
pub const NOTES_HEADING: &str = "footnotes-title";

/// The id of footnote `number`: `fn1`.
pub fn note(number: u32) -> String {
    format!("fn{number}")
}

/// The id of the `nth` reference to footnote `number`: `fnref1`, then `fnref1-2`, … (each
/// reference needs its own id for its back-link).
pub fn reference(number: u32, nth: u32) -> String {
    if nth <= 1 {
        format!("fnref{number}")
    } else {
        format!("fnref{number}-{nth}")
    }
}

/// An id of this module as an EPUB chapter writes it, after the chapter's `prefix`:
/// `fn1` → `fn.1`, `fnref1-2` → `fnref.1-2`, `footnotes-title` → `footnotes.title`. The `.`
/// is a character no heading id holds, so a heading "Fn1" cannot take the same id.
pub fn in_chapter(prefix: &str, id: &str) -> String {
    let split = id
        .find(|c: char| c.is_ascii_digit())
        .or_else(|| id.find('-'))
        .unwrap_or(id.len());
    let rest = id[split..].strip_prefix('-').unwrap_or(&id[split..]);
    format!("{prefix}{}.{rest}", &id[..split])
}

/// Whether a link's `fragment` names something every writer makes besides headings: a
/// footnote (`fn1`), a reference to one (`fnref1`, `fnref1-2`), or the top of the page.
pub fn is_writer_anchor(fragment: &str) -> bool {
    if fragment == TOP {
        return true;
    }
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = fragment.strip_prefix("fnref") {
        return match rest.split_once('-') {
            Some((n, nth)) => number(n) && number(nth),
            None => number(rest),
        };
    }
    fragment.strip_prefix("fn").is_some_and(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_their_chapter_forms() {
        assert_eq!(note(3), "fn3");
        assert_eq!(reference(3, 1), "fnref3");
        assert_eq!(reference(3, 2), "fnref3-2");
        assert_eq!(in_chapter("c_", &note(1)), "c_fn.1");
        assert_eq!(in_chapter("c_", &reference(1, 2)), "c_fnref.1-2");
        assert_eq!(in_chapter("", NOTES_HEADING), "footnotes.title");
    }

    #[test]
    fn writer_anchors_are_recognised_and_nothing_else() {
        for id in [note(12), reference(1, 1), reference(4, 3), TOP.to_string()] {
            assert!(is_writer_anchor(&id), "{id}");
        }
        for id in [
            "fn", "fnref", "fnx", "fnref1-", "fnref-2", "fn1a", "tops", "notes",
        ] {
            assert!(!is_writer_anchor(id), "{id}");
        }
    }
}

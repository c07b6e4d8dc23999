//! Escaping for the markup folio writes (HTML, XHTML, XML), and what every markup writer
//! spells the same way: the `<time>` element and the "Also in" line of a translation set.
//!
//! A leaf: the HTML and EPUB writers, the catalogue and the PDF's XMP packet all escape
//! through here, and it imports nothing of theirs.

use std::fmt::Write;

/// Escapes text for element content and attribute values.
///
/// Control characters are parse errors in HTML and forbidden in XML: they become spaces, so
/// the words on either side stay apart (a form feed was a page break in an old text file).
/// Noncharacters are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    // Runs that need nothing done are copied whole: most text is such a run.
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| needs_escaping(c)) {
        out.push_str(&rest[..at]);
        let mut chars = rest[at..].chars();
        let c = chars.next().unwrap_or_default();
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.extend(html_text_char(c)),
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    out
}

/// Whether `c` is not copied as it is by [`escape`]: markup, a control character (but tab
/// and line ends) or a noncharacter.
fn needs_escaping(c: char) -> bool {
    match c {
        '&' | '<' | '>' | '"' => true,
        '\t' | '\n' | '\r' => false,
        ' '..='~' => false,
        c => html_text_char(c) != Some(c),
    }
}

/// What `c` becomes in HTML text, which may hold neither control characters nor
/// noncharacters: a control character a space (it separated what stood on either side), a
/// noncharacter (U+FDD0–U+FDEF, the last two code points of every plane) nothing.
pub fn html_text_char(c: char) -> Option<char> {
    let noncharacter = ('\u{FDD0}'..='\u{FDEF}').contains(&c) || (c as u32) & 0xFFFE == 0xFFFE;
    match c {
        '\t' | '\n' | '\r' => Some(c),
        c if c.is_control() => Some(' '),
        _ if noncharacter => None,
        c => Some(c),
    }
}

/// Escapes a URL for an `href`/`src` attribute as cmark does: percent-encodes bytes outside
/// the URL-safe set (leaving existing `%XX` alone) and entity-escapes `&` and `'`.
pub fn escape_href(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for &b in url.as_bytes() {
        match b {
            b'&' => out.push_str("&amp;"),
            b'\'' => out.push_str("&#x27;"),
            b'a'..=b'z'
            | b'A'..=b'Z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'('
            | b')'
            | b'#'
            | b'$'
            | b'%'
            | b'+'
            | b','
            | b'/'
            | b':'
            | b';'
            | b'='
            | b'?'
            | b'@' => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// A date as `<time>` when its start is a valid date (`2024-05-01 (draft)` keeps its words but
/// gets `datetime="2024-05-01"`), else as text. Readers see it in their language
/// ([`Terms::date`](crate::terms::Terms::date)); the attribute keeps the ISO date.
pub fn time_element(date: &str, terms: &crate::terms::Terms) -> String {
    match super::dates::datetime_value(date) {
        Some(value) => format!(
            "<time datetime=\"{}\">{}</time>",
            escape(value),
            escape(&terms.date(date))
        ),
        None => escape(date),
    }
}

/// The line naming a document's translations, "Also in: English · Español": each in its
/// own language's words, marked with its language (and its direction where it differs from
/// `direction`, the page's). `href` gives the address of each one's page, or none when
/// there is no page to link (its name alone). `None` for a document without translations.
pub fn also_in(
    alternates: &[crate::translations::Alternate],
    direction: crate::language::Direction,
    terms: &crate::terms::Terms,
    href: impl Fn(&crate::translations::Alternate) -> Option<String>,
) -> Option<String> {
    if alternates.is_empty() {
        return None;
    }
    let links: Vec<String> = alternates
        .iter()
        .map(|a| {
            let name = escape(&crate::translations::language_name(&a.language));
            let lang = escape(&a.language);
            let mut attributes = format!(" lang=\"{lang}\"");
            let theirs = crate::language::Direction::of_language(&a.language);
            if theirs != direction {
                let _ = write!(attributes, " dir=\"{}\"", theirs.as_str());
            }
            match href(a) {
                Some(href) => format!(
                    "<a href=\"{}\" hreflang=\"{lang}\"{attributes}>{name}</a>",
                    escape_href(&href)
                ),
                None => format!("<span{attributes}>{name}</span>"),
            }
        })
        .collect();
    let line = terms.fill_with(crate::terms::Term::AlsoIn, escape, |_| {
        links.join(" \u{b7} ")
    });
    Some(format!("<p class=\"translations\">{line}</p>"))
}

/// Escapes text for XML content and attribute values, dropping characters XML 1.0 forbids
/// (control characters other than tab and newlines, and the non-characters U+FFFE/U+FFFF).
pub fn escape_xml(text: &str) -> String {
    let mut out = escape(text);
    out.retain(is_xml_char);
    out
}

/// Whether XML 1.0 allows `c` in a document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The letterhead as an `<img>` line: described by the organization's name, or decoration
/// (`alt=""`) when there is none. `src` is the image's address (a `data:` URL on a page that
/// stands alone, a package path in an EPUB). The same markup for the HTML page, the
/// catalogue and the EPUB cover, so one stylesheet rule (`.logo`) sizes it everywhere.
pub fn logo(src: &str, organization: Option<&str>) -> String {
    let alt = organization.map(str::trim).unwrap_or_default();
    format!(
        "<p class=\"logo\"><img src=\"{}\" alt=\"{}\" /></p>\n",
        escape_href(src),
        escape(alt)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_spaces_and_noncharacters_are_dropped() {
        assert_eq!(
            escape("a\u{c}b\u{1}c\u{7f}d\u{85}e\tf\ng"),
            "a b c d e\tf\ng"
        );
        assert_eq!(escape("x\u{FFFF}y\u{10FFFF}z\u{FDD0}"), "xyz");
        assert_eq!(
            escape("Ça & \"ça\" <b> — 痛み\u{1}é"),
            "Ça &amp; &quot;ça&quot; &lt;b&gt; — 痛み é"
        );
    }

    #[test]
    fn characters_xml_forbids_are_dropped_and_controls_separate_words() {
        assert_eq!(escape_xml("a\u{1}b\u{FFFE}c\td"), "a bc\td");
    }
}

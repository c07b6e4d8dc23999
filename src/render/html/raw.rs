//! The HTML writer's policy for raw HTML from the source: sanitized (the default: safe
//! markup kept, scripts, event handlers and dangerous URLs removed, every image given an
//! `alt`), or, for the CommonMark and GFM conformance flavours, copied with GFM's
//! tagfilter applied or verbatim.
//!
//! What this is not: the EPUB's raw HTML, which must become well-formed XML
//! ([`crate::render::xhtml`]), nor the text of raw HTML that formats without markup keep
//! ([`crate::render::raw_html`]).

use crate::model::is_safe_url;
use crate::render::markup::html_text_char;

/// GFM's tagfilter: `<script>` and friends are written as text, not markup.
pub fn tag_filter(raw: &str) -> String {
    const FILTERED: [&str; 9] = [
        "title",
        "textarea",
        "style",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "script",
        "plaintext",
    ];
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let name_start = usize::from(after.starts_with('/'));
        let filtered = FILTERED.iter().any(|tag| {
            let candidate = &after[name_start..];
            candidate.len() >= tag.len()
                && candidate[..tag.len()].eq_ignore_ascii_case(tag)
                && candidate[tag.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_ascii_whitespace() || c == '>' || c == '/')
        });
        out.push_str(if filtered { "&lt;" } else { "<" });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Removes scripts, event handlers and dangerous URLs, keeping the markup folio itself writes.
pub fn sanitize(html: &str) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags([
            "input", "section", "nav", "sup", "sub", "time", "div", "span",
        ])
        .add_generic_attributes([
            "id",
            "class",
            "role",
            "aria-label",
            "aria-labelledby",
            "lang",
            "dir",
        ])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("th", ["scope"])
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("ol", ["start"])
        // `data:` for the images folio embeds (a standalone page carries its images inline);
        // the filter below keeps it to images.
        .url_schemes(
            ["http", "https", "mailto", "tel", "data"]
                .into_iter()
                .collect(),
        )
        .attribute_filter(|element, attribute, value| {
            let is_url = matches!(attribute, "href" | "src" | "cite" | "srcset" | "poster");
            let image = element == "img" && attribute == "src";
            (!is_url || is_safe_url(value, image)).then_some(value.into())
        })
        .link_rel(None)
        .strip_comments(true);
    let clean = with_image_alt(&builder.clean(html).to_string());
    // Raw HTML's text is not escaped by folio: characters HTML forbids go here, as escape()
    // treats them.
    clean.chars().filter_map(html_text_char).collect()
}

/// Gives every `<img>` of sanitized HTML an `alt`: raw HTML may leave it out, and HTML
/// requires one. An empty one marks the image as decorative, the only honest reading of an
/// image its author did not describe.
fn with_image_alt(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    // Serialized HTML escapes `<` in text, so every `<img` left is a tag.
    while let Some(start) = rest.find("<img") {
        out.push_str(&rest[..start]);
        let tag = &rest[start..];
        let mut in_quotes = false;
        let mut has_alt = false;
        let mut end = tag.len();
        for (i, c) in tag.char_indices() {
            match c {
                '"' => in_quotes = !in_quotes,
                '>' if !in_quotes => {
                    end = i;
                    break;
                }
                ' ' if !in_quotes && tag[i..].starts_with(" alt=") => has_alt = true,
                _ => {}
            }
        }
        let body = &tag[..end];
        let (body, closing) = match body.strip_suffix('/') {
            Some(b) => (b.trim_end(), " /"),
            None => (body, ""),
        };
        out.push_str(body);
        if !has_alt {
            out.push_str(" alt=\"\"");
        }
        out.push_str(closing);
        rest = &tag[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_images_get_an_alt_and_keep_their_own() {
        assert_eq!(
            with_image_alt("<p><img src=\"a.png\"> <img alt=\"A cat\" src=\"b\"></p>"),
            "<p><img src=\"a.png\" alt=\"\"> <img alt=\"A cat\" src=\"b\"></p>"
        );
        assert_eq!(
            with_image_alt("<img title=\"x alt=y >\" src=\"c\">"),
            "<img title=\"x alt=y >\" src=\"c\" alt=\"\">"
        );
    }

    #[test]
    fn tagfilter_neutralises_listed_tags_only() {
        assert_eq!(
            tag_filter("<script>x</SCRIPT> <b>"),
            "&lt;script>x&lt;/SCRIPT> <b>"
        );
        assert_eq!(tag_filter("<scripts>"), "<scripts>");
    }
}

//! XHTML, the XML syntax of HTML that EPUB requires: raw HTML made well-formed, and text made
//! safe for XML.
//!
//! Raw HTML from a Markdown source is tag soup. For an EPUB chapter it is sanitized (ammonia,
//! with only current HTML5 elements and attributes allowed, so nothing obsolete such as
//! `<center>` or `align=` reaches epubcheck), parsed into a tree by html5ever, and written back
//! as XML: every element closed, void elements self-closed, every character escaped. The caller
//! decides, through [`RawHooks`], what becomes of links, ids and image sources, because only it
//! knows which files the package holds and which ids the chapter already uses.

use std::fmt::Write;

use crate::render::markup::escape_xml;

/// What the caller decides for each reference found in raw HTML.
pub trait RawHooks {
    /// The href to write for a link, or `None` to keep the link's words without the link.
    fn href(&mut self, url: &str) -> Option<String>;
    /// The id to write (prefixed, deduplicated), or `None` to drop it.
    fn id(&mut self, id: &str) -> Option<String>;
    /// The package path of an image, or `None` if it is not in the package (its alt text is
    /// written instead).
    fn src(&mut self, src: &str) -> Option<String>;
    /// What stands in for an image that is not in the package, from its alt text.
    fn image_text(&mut self, alt: &str) -> String;
}

/// Elements of HTML5 that may appear in an EPUB content document, sanitized raw HTML keeps.
const ALLOWED_TAGS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements XML writes as `<x/>`.
const VOID: &[&str] = &["br", "hr", "img", "wbr", "col"];

/// Converts raw HTML to a well-formed XHTML fragment.
pub fn to_xhtml(raw: &str, hooks: &mut dyn RawHooks) -> String {
    let clean = sanitize(raw);
    let mut out = String::with_capacity(clean.len() + 16);
    let mut rest = clean.as_str();
    while let Some(lt) = rest.find('<') {
        push_text(&rest[..lt], &mut out);
        let Some(tag) = Tag::parse(&rest[lt..]) else {
            // The serializer escapes every `<` in text, so this does not happen; be safe.
            out.push_str("&lt;");
            rest = &rest[lt + 1..];
            continue;
        };
        rest = &rest[lt + tag.length..];
        tag.write(hooks, &mut out);
    }
    push_text(rest, &mut out);
    out
}

/// The ids raw HTML keeps after sanitizing (link targets such as `<a id="old-name">`).
pub fn ids_in(raw: &str) -> Vec<String> {
    let clean = sanitize(raw);
    let mut ids = Vec::new();
    let mut rest = clean.as_str();
    while let Some(lt) = rest.find('<') {
        match Tag::parse(&rest[lt..]) {
            Some(tag) => {
                ids.extend(
                    tag.attr("id")
                        .filter(|id| is_valid_id(id))
                        .map(str::to_string),
                );
                rest = &rest[lt + tag.length..];
            }
            None => rest = &rest[lt + 1..],
        }
    }
    ids
}

/// The id of an inline start tag (`<a id="x">`, `<span id="x">`): an anchor a link may
/// target, kept even where the tag itself cannot be.
pub fn anchor_id(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if !raw.starts_with('<') || raw.starts_with("</") {
        return None;
    }
    let clean = sanitize(raw);
    Tag::parse(&clean)?
        .attr("id")
        .filter(|id| is_valid_id(id))
        .map(str::to_string)
}

/// An id HTML accepts: not empty, no white space.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && !id.chars().any(char::is_whitespace)
}

/// Raw HTML sanitized to the elements and attributes an EPUB may hold, serialized by
/// html5ever: every element closed and nested, attribute values double-quoted, text escaped.
fn sanitize(raw: &str) -> String {
    let mut builder = ammonia::Builder::empty();
    builder
        .add_tags(ALLOWED_TAGS)
        .add_generic_attributes(["id", "class", "title"])
        .add_tag_attributes("a", ["href"])
        .add_tag_attributes("img", ["src", "alt", "width", "height"])
        .add_tag_attributes("ol", ["start", "reversed"])
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .add_tag_attributes("th", ["colspan", "rowspan", "scope"])
        .add_tag_attributes("col", ["span"])
        .add_tag_attributes("colgroup", ["span"])
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("data", ["value"])
        .add_tag_attributes("bdo", ["dir"])
        .add_tag_attributes("del", ["datetime"])
        .add_tag_attributes("ins", ["datetime"])
        .add_clean_content_tags(["script", "style"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(None)
        .strip_comments(true);
    builder.clean(raw).to_string()
}

/// Text as html5ever serializes it (`&amp;`, `&lt;`, `&gt;`, `&nbsp;`) made XML: `&nbsp;` is
/// not an XML entity.
fn push_text(text: &str, out: &mut String) {
    out.push_str(&text.replace("&nbsp;", "&#160;"));
}

/// A start or end tag of serialized, sanitized HTML.
struct Tag<'a> {
    name: &'a str,
    end: bool,
    /// Attribute names and decoded values.
    attrs: Vec<(&'a str, String)>,
    /// Bytes the tag takes in the input.
    length: usize,
}

impl<'a> Tag<'a> {
    fn parse(input: &'a str) -> Option<Tag<'a>> {
        let body = input.strip_prefix('<')?;
        let (end, body) = match body.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let name_len = body
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .unwrap_or(body.len());
        let name = &body[..name_len];
        if name.is_empty() {
            return None;
        }
        let mut rest = &body[name_len..];
        let mut attrs = Vec::new();
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if let Some(after) = rest.strip_prefix('>') {
                let length = input.len() - after.len();
                return Some(Tag {
                    name,
                    end,
                    attrs,
                    length,
                });
            }
            let key_len = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>')
                .unwrap_or(rest.len());
            if key_len == 0 {
                return None;
            }
            let key = &rest[..key_len];
            rest = &rest[key_len..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix("=\"") {
                let close = after.find('"')?;
                value = after[..close]
                    .replace("&quot;", "\"")
                    .replace("&nbsp;", "\u{a0}")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&");
                rest = &after[close + 1..];
            }
            attrs.push((key, value));
        }
    }

    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }

    fn write(&self, hooks: &mut dyn RawHooks, out: &mut String) {
        if self.end {
            if !VOID.contains(&self.name) {
                let _ = write!(out, "</{}>", self.name);
            }
            return;
        }
        if self.name == "img" && self.attr("src").and_then(|s| hooks.src(s)).is_none() {
            // Not in the package: the description stands in for the picture.
            let alt = self.attr("alt").unwrap_or_default();
            let id = self
                .attr("id")
                .and_then(|id| hooks.id(id))
                .map(|id| format!(" id=\"{}\"", escape_xml(&id)))
                .unwrap_or_default();
            let text = hooks.image_text(alt);
            let _ = write!(
                out,
                "<span class=\"image-alt\"{id}>{}</span>",
                escape_xml(&text)
            );
            return;
        }
        let _ = write!(out, "<{}", self.name);
        if self.name == "img" && self.attr("alt").is_none() {
            out.push_str(" alt=\"\"");
        }
        for (key, value) in &self.attrs {
            let value = match *key {
                "href" => hooks.href(value),
                "id" => hooks.id(value),
                "src" => hooks.src(value),
                // Values HTML constrains: a wrong one is an error for EPUBCheck, so it goes.
                "start" | "colspan" | "rowspan" | "span" | "width" | "height" => {
                    (!value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| value.clone())
                }
                "datetime" => crate::render::dates::datetime_value(value)
                    .filter(|v| v == value)
                    .map(str::to_string),
                "dir" => matches!(value.as_str(), "ltr" | "rtl" | "auto").then(|| value.clone()),
                "scope" => matches!(value.as_str(), "row" | "col" | "rowgroup" | "colgroup")
                    .then(|| value.clone()),
                _ => Some(value.clone()),
            };
            if let Some(value) = value {
                let _ = write!(out, " {key}=\"{}\"", escape_xml(&value));
            }
        }
        out.push_str(if VOID.contains(&self.name) { "/>" } else { ">" });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keeps everything, prefixes ids, knows one image.
    struct Keep;
    impl RawHooks for Keep {
        fn href(&mut self, url: &str) -> Option<String> {
            Some(url.to_string())
        }
        fn id(&mut self, id: &str) -> Option<String> {
            Some(format!("c1_{id}"))
        }
        fn src(&mut self, src: &str) -> Option<String> {
            (src == "a.png").then(|| "images/a.png".to_string())
        }
        fn image_text(&mut self, alt: &str) -> String {
            format!("[{alt}]")
        }
    }

    #[test]
    fn tag_soup_becomes_well_formed() {
        assert_eq!(
            to_xhtml("<p>One<br>two &amp; <b>three<p>four", &mut Keep),
            "<p>One<br/>two &amp; <b>three</b></p><p><b>four</b></p>"
        );
    }

    #[test]
    fn obsolete_and_dangerous_markup_goes_but_words_stay() {
        let out = to_xhtml(
            "<center align=\"x\" onclick=\"y()\">Hi <font color=red>there</font></center><script>evil()</script><!-- c -->",
            &mut Keep,
        );
        assert_eq!(out, "Hi there");
    }

    #[test]
    fn hooks_decide_links_ids_and_images() {
        let out = to_xhtml(
            "<a id=\"x\" href=\"#y\">go</a> <img src=\"a.png\" alt=\"A\"> <img src=\"img/b.svg\" alt=\"B &lt;\">",
            &mut Keep,
        );
        assert_eq!(
            out,
            "<a id=\"c1_x\" href=\"#y\">go</a> <img src=\"images/a.png\" alt=\"A\"/> <span class=\"image-alt\">[B &lt;]</span>"
        );
        assert!(!to_xhtml("<a href=\"javascript:x()\">go</a>", &mut Keep).contains("javascript"));
    }
}

//! Raw HTML as text: what the writers that cannot show markup (plain text, PDF) keep of it.
//!
//! A small tag stripper, not an HTML parser: it drops tags, comments and the content of
//! `<script>`/`<style>`, decodes entities, and reports where block-level tags separate words.

/// The text content of raw HTML, words separated as a browser would separate them.
pub fn text_content(raw: &str) -> String {
    let mut out = String::new();
    for event in HtmlStripper::default().feed(raw) {
        match event {
            HtmlEvent::Text(text) => out.push_str(&text),
            HtmlEvent::Space | HtmlEvent::Break => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether raw HTML is nothing but comments and white space (nothing is lost dropping it).
pub fn is_only_comments(raw: &str) -> bool {
    let mut rest = raw.trim();
    while let Some(after) = rest.strip_prefix("<!--") {
        match after.find("-->") {
            Some(end) => rest = after[end + 3..].trim_start(),
            None => return true,
        }
    }
    rest.is_empty()
}

/// Inline `<script>` and `<style>` elements arrive as an opening tag, Markdown text and a
/// closing tag. The text between is code, not prose: writers that drop the tags (EPUB, PDF)
/// drop it too, as the HTML sanitizer and the text writer do.
#[derive(Debug, Default)]
pub struct ScriptSkip(HtmlStripper);

impl ScriptSkip {
    /// Forgets an element left open: a block ends every inline element, so an unclosed
    /// `<script>` in one paragraph hides nothing of the next.
    pub fn reset(&mut self) {
        *self = ScriptSkip::default();
    }

    /// Whether `inline` lies inside an inline script or style element. Raw HTML itself is
    /// never hidden: the writer decides what to do with the tags.
    pub fn hides(&mut self, inline: &crate::model::Inline) -> bool {
        match inline {
            crate::model::Inline::Html { raw } => {
                self.0.feed(raw);
                false
            }
            _ => self.0.is_skipping(),
        }
    }
}

/// Elements an HTML parser reads as text up to their closing tag: left open, they swallow
/// the rest of the page.
const RAW_TEXT_ELEMENTS: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Follows the raw HTML of one block and says which raw-text element it leaves open, so the
/// HTML writer can close it where the block ends (as a Markdown reader expects) instead of
/// letting it swallow the rest of the document.
#[derive(Debug, Default)]
pub struct RawTextGuard {
    open: Option<&'static str>,
}

impl RawTextGuard {
    pub fn feed(&mut self, raw: &str) {
        let lower = raw.to_ascii_lowercase();
        let mut pos = 0;
        while let Some(offset) = lower[pos..].find('<') {
            let lt = pos + offset;
            if self.open.is_none() && lower[lt..].starts_with("<!--") {
                pos = lower[lt..]
                    .find("-->")
                    .map_or(lower.len(), |end| lt + end + 3);
                continue;
            }
            let Some(tag) = parse_tag(&lower, lt) else {
                pos = lt + 1;
                continue;
            };
            pos = tag.end;
            match self.open {
                Some(name) if tag.closing && tag.name == name => self.open = None,
                Some(_) => {}
                // HTML ignores `/>` on these: `<script/>` opens a script all the same.
                None if !tag.closing => {
                    self.open = RAW_TEXT_ELEMENTS.iter().copied().find(|n| *n == tag.name);
                }
                None => {}
            }
        }
    }

    /// The closing tag the block needs, if it left a raw-text element open; forgets it.
    pub fn close(&mut self) -> Option<String> {
        self.open.take().map(|name| format!("</{name}>"))
    }
}

/// What survives of raw HTML in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HtmlEvent {
    Text(String),
    /// A block-level tag: words on either side must not run together.
    Space,
    /// `<br>`.
    Break,
}

/// A tiny tag stripper. It keeps state between calls because inline HTML arrives one tag
/// at a time, and a `<script>` opened in one piece is closed in another.
#[derive(Debug, Default)]
pub struct HtmlStripper {
    /// Inside `<script>` or `<style>`: everything up to this closing tag is dropped.
    skip_until: Option<&'static str>,
}

/// Tags that separate words (block-level elements and table cells).
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
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
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

impl HtmlStripper {
    pub fn is_skipping(&self) -> bool {
        self.skip_until.is_some()
    }

    pub fn feed(&mut self, raw: &str) -> Vec<HtmlEvent> {
        // ASCII lowercasing keeps byte offsets, so indices found in `lower` are valid in `raw`.
        let lower = raw.to_ascii_lowercase();
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < raw.len() {
            if let Some(name) = self.skip_until {
                let Some(offset) = lower[pos..].find(&format!("</{name}")) else {
                    break;
                };
                let close = pos + offset;
                pos = lower[close..]
                    .find('>')
                    .map_or(raw.len(), |gt| close + gt + 1);
                self.skip_until = None;
                out.push(HtmlEvent::Space);
                continue;
            }
            let Some(offset) = raw[pos..].find('<') else {
                out.push(HtmlEvent::Text(decode_entities(&raw[pos..])));
                break;
            };
            let lt = pos + offset;
            if lt > pos {
                out.push(HtmlEvent::Text(decode_entities(&raw[pos..lt])));
            }
            if lower[lt..].starts_with("<!--") {
                pos = lower[lt..]
                    .find("-->")
                    .map_or(raw.len(), |end| lt + end + 3);
                continue;
            }
            match parse_tag(&lower, lt) {
                Some(tag) => {
                    pos = tag.end;
                    out.extend(self.tag_event(&tag));
                }
                None => {
                    out.push(HtmlEvent::Text("<".to_string()));
                    pos = lt + 1;
                }
            }
        }
        out
    }

    /// What a tag leaves in the text, starting to skip `<script>`/`<style>` contents.
    fn tag_event(&mut self, tag: &Tag) -> Option<HtmlEvent> {
        let raw_text = ["script", "style"]
            .into_iter()
            .find(|name| *name == tag.name);
        if let Some(name) = raw_text {
            if !tag.closing && !tag.self_closing {
                self.skip_until = Some(name);
            }
            return Some(HtmlEvent::Space);
        }
        if tag.name == "br" {
            Some(HtmlEvent::Break)
        } else if BLOCK_TAGS.contains(&tag.name.as_str()) {
            Some(HtmlEvent::Space)
        } else {
            None
        }
    }
}

struct Tag {
    /// Lower-case element name; empty for `<!…>` and `<?…>`.
    name: String,
    closing: bool,
    self_closing: bool,
    /// Byte offset just past the `>`.
    end: usize,
}

/// Parse the tag starting at `lt` (a `<`) in lower-cased HTML, or `None` if this `<` does not
/// start a tag (`a < b`) or the tag never ends.
fn parse_tag(lower: &str, lt: usize) -> Option<Tag> {
    let bytes = lower.as_bytes();
    let mut i = lt + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let first = *bytes.get(i)?;
    let declaration = !closing && (first == b'!' || first == b'?');
    if !first.is_ascii_alphabetic() && !declaration {
        return None;
    }
    let name_start = i;
    while bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
    {
        i += 1;
    }
    let name = lower[name_start..i].to_string();
    let gt = tag_end(bytes, i).or_else(|| lower[i..].find('>').map(|off| i + off))?;
    Some(Tag {
        name,
        closing,
        self_closing: gt > 0 && bytes[gt - 1] == b'/',
        end: gt + 1,
    })
}

/// The offset of the `>` closing a tag, skipping quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(i),
            None => {}
        }
    }
    None
}

/// Decode the basic named entities and numeric character references; leave others as is.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after
            .bytes()
            .take(12)
            .position(|b| b == b';')
            .and_then(|semi| decode_entity(&after[..semi]).map(|ch| (ch, semi)));
        match decoded {
            Some((ch, semi)) => {
                out.push(ch);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{A0}'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code).filter(|ch| *ch != '\0')
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_raw_text_element_is_closed_at_the_end_of_its_block() {
        let mut guard = RawTextGuard::default();
        guard.feed("<b>");
        assert_eq!(guard.close(), None);
        guard.feed("<TextArea rows=2>");
        guard.feed("<b>not a tag</b>");
        assert_eq!(guard.close().as_deref(), Some("</textarea>"));
        assert_eq!(guard.close(), None);
        guard.feed("<script>x()</script><!-- <style> -->");
        assert_eq!(guard.close(), None);
        guard.feed("<script/>");
        assert_eq!(guard.close().as_deref(), Some("</script>"));
    }

    #[test]
    fn script_and_style_content_is_hidden_until_the_closing_tag() {
        use crate::model::Inline;
        let html = |raw: &str| Inline::Html { raw: raw.into() };
        let mut skip = ScriptSkip::default();
        assert!(!skip.hides(&Inline::text("before")));
        assert!(!skip.hides(&html("<script>")));
        assert!(skip.hides(&Inline::text("alert(1)")));
        assert!(!skip.hides(&html("</script>")));
        assert!(!skip.hides(&Inline::text("after")));
        assert!(!skip.hides(&html("<b>")));
        assert!(!skip.hides(&Inline::text("bold")));
    }

    #[test]
    fn text_content_drops_tags_comments_and_scripts() {
        assert_eq!(
            text_content(
                "<div>kept <b>words</b></div><!-- x --><script>no()</script><p>a&amp;b</p>"
            ),
            "kept words a&b"
        );
        assert!(is_only_comments(" <!-- a --> <!-- b -->\n"));
        assert!(!is_only_comments("<!-- a --><br>"));
    }
}

//! HTML normalisation for spec tests, following the rules of cmark's test harness
//! (`normalize.py`): insignificant differences are removed from *both* sides before comparing.
//!
//! - runs of whitespace become one space, except inside `<pre>`;
//! - whitespace next to block-level tags is dropped;
//! - self-closing tags become open tags (`<br />` is `<br>`);
//! - tag and attribute names are lower-cased and attributes sorted;
//! - character references become characters, except `<`, `>`, `&` and `"`, which are written
//!   as entities; attribute values are unescaped and re-escaped the same way.
//!
//! Comments, declarations, processing instructions and CDATA are kept verbatim.

const BLOCK_TAGS: &[&str] = &[
    "article",
    "header",
    "aside",
    "hgroup",
    "blockquote",
    "hr",
    "iframe",
    "body",
    "li",
    "map",
    "button",
    "object",
    "canvas",
    "ol",
    "caption",
    "output",
    "col",
    "p",
    "colgroup",
    "pre",
    "dd",
    "progress",
    "div",
    "section",
    "dl",
    "table",
    "td",
    "dt",
    "tbody",
    "embed",
    "textarea",
    "fieldset",
    "tfoot",
    "figcaption",
    "th",
    "figure",
    "thead",
    "footer",
    "tr",
    "form",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "video",
    "script",
    "style",
];

#[derive(PartialEq, Clone, Copy)]
enum Last {
    StartTag,
    EndTag,
    Data,
    Other,
}

struct Normalizer {
    out: String,
    last: Last,
    last_tag: String,
    in_pre: bool,
}

pub fn normalize_html(html: &str) -> String {
    let mut n = Normalizer {
        out: String::new(),
        last: Last::StartTag,
        last_tag: String::new(),
        in_pre: false,
    };
    let mut rest = html;
    let mut text = String::new();
    while !rest.is_empty() {
        if rest.starts_with('<')
            && let Some((token, len)) = markup(rest)
        {
            if !text.is_empty() {
                n.data(&std::mem::take(&mut text));
            }
            n.token(token);
            rest = &rest[len..];
            continue;
        }
        let c = rest.chars().next().unwrap();
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if !text.is_empty() {
        n.data(&text);
    }
    n.out
}

enum Token {
    Start {
        name: String,
        attrs: Vec<(String, Option<String>)>,
        self_closing: bool,
    },
    End {
        name: String,
    },
    Verbatim(String),
}

/// Recognises markup at the start of `s`: a tag, comment, declaration, PI or CDATA section.
fn markup(s: &str) -> Option<(Token, usize)> {
    for (open, close) in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>")] {
        if let Some(body) = s.strip_prefix(open) {
            let end = body.find(close)?;
            let len = open.len() + end + close.len();
            return Some((Token::Verbatim(s[..len].to_string()), len));
        }
    }
    if s.starts_with("<!") && s[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        let end = s.find('>')?;
        return Some((Token::Verbatim(s[..=end].to_string()), end + 1));
    }
    let bytes = s.as_bytes();
    let closing = bytes.get(1) == Some(&b'/');
    let mut i = if closing { 2 } else { 1 };
    let name_start = i;
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    if closing {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        return (bytes.get(i) == Some(&b'>')).then(|| (Token::End { name }, i + 1));
    }
    let mut attrs = Vec::new();
    loop {
        let ws_start = i;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => {
                return Some((
                    Token::Start {
                        name,
                        attrs,
                        self_closing: false,
                    },
                    i + 1,
                ));
            }
            b'/' if bytes.get(i + 1) == Some(&b'>') => {
                return Some((
                    Token::Start {
                        name,
                        attrs,
                        self_closing: true,
                    },
                    i + 2,
                ));
            }
            _ if i == ws_start => return None,
            _ => {}
        }
        let attr_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/\"'".contains(&bytes[i]) {
            i += 1;
        }
        if i == attr_start {
            return None;
        }
        let attr = s[attr_start..i].to_ascii_lowercase();
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let value = match bytes.get(j)? {
                q @ (b'"' | b'\'') => {
                    let end = s[j + 1..].find(char::from(*q))? + j + 1;
                    let v = &s[j + 1..end];
                    i = end + 1;
                    v
                }
                _ => {
                    let start = j;
                    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    i = j;
                    &s[start..j]
                }
            };
            attrs.push((attr, Some(decode_refs(value))));
        } else {
            attrs.push((attr, None));
        }
    }
}

impl Normalizer {
    fn is_block(tag: &str) -> bool {
        BLOCK_TAGS.contains(&tag)
    }

    fn data(&mut self, raw: &str) {
        // References become characters; the four specials stay entities.
        let mut data = escape_specials(&decode_refs(raw));
        let after_tag = matches!(self.last, Last::StartTag | Last::EndTag);
        if after_tag && self.last_tag == "br" {
            data = data.trim_start_matches('\n').to_string();
        }
        if !self.in_pre {
            data = collapse_whitespace(&data);
        }
        if after_tag && Self::is_block(&self.last_tag) && !self.in_pre {
            data = match self.last {
                Last::StartTag => data.trim_start().to_string(),
                _ => data.trim().to_string(),
            };
        }
        self.out.push_str(&data);
        self.last = Last::Data;
    }

    fn token(&mut self, token: Token) {
        match token {
            Token::Start {
                name,
                mut attrs,
                self_closing,
            } => {
                if name == "pre" {
                    self.in_pre = true;
                }
                if Self::is_block(&name) {
                    self.trim_end();
                }
                self.out.push('<');
                self.out.push_str(&name);
                attrs.sort();
                for (k, v) in attrs {
                    self.out.push(' ');
                    self.out.push_str(&k);
                    if let Some(v) = v {
                        self.out.push_str("=\"");
                        self.out.push_str(&escape_specials(&v));
                        self.out.push('"');
                    }
                }
                self.out.push('>');
                self.last_tag = name;
                self.last = if self_closing {
                    Last::EndTag
                } else {
                    Last::StartTag
                };
            }
            Token::End { name } => {
                if name == "pre" {
                    self.in_pre = false;
                } else if Self::is_block(&name) {
                    self.trim_end();
                }
                self.out.push_str("</");
                self.out.push_str(&name);
                self.out.push('>');
                self.last_tag = name;
                self.last = Last::EndTag;
            }
            Token::Verbatim(text) => {
                self.out.push_str(&text);
                self.last = Last::Other;
            }
        }
    }

    fn trim_end(&mut self) {
        let trimmed = self.out.trim_end().len();
        self.out.truncate(trimmed);
    }
}

fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

fn escape_specials(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Decodes numeric references and the XML named ones; other named references are left as
/// written (identically on both sides of a comparison).
fn decode_refs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 33) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let value = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            value.map(|v| {
                char::from_u32(v)
                    .filter(|&c| c != '\0')
                    .unwrap_or('\u{FFFD}')
            })
        } else {
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn normalizer_follows_cmark_rules() {
    assert_eq!(normalize_html("<p>a  \t b</p>"), "<p>a b</p>");
    assert_eq!(
        normalize_html("\n\t<p>\n\t\ta  b\t\t</p>\n\t"),
        "<p>a b</p>"
    );
    assert_eq!(normalize_html("<i>a  b</i> "), "<i>a b</i> ");
    assert_eq!(normalize_html("<br />"), "<br>");
    assert_eq!(
        normalize_html("<a title=\"bar\" HREF=\"foo\">x</a>"),
        "<a href=\"foo\" title=\"bar\">x</a>"
    );
    assert_eq!(
        normalize_html("&#8704;&amp;&gt;&lt;&quot;"),
        "\u{2200}&amp;&gt;&lt;&quot;"
    );
    assert_eq!(normalize_html("<pre>a  b\n</pre>"), "<pre>a  b\n</pre>");
}

//! "Nothing lost": the words of a source must appear, in order, in an output's text.

/// Words: maximal runs of letters and digits, lower-cased. Punctuation (including the
/// typographic quotes smart punctuation produces) separates words and is not compared.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The words an author wrote in a Markdown file: front matter, link and image targets,
/// footnote labels, alert markers and task boxes removed.
pub fn markdown_words(markdown: &str) -> Vec<String> {
    let mut body = markdown;
    if let Some(rest) = markdown.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        body = &rest[end + 5..];
    }
    // Ordered-list numbers are markup (an HTML list numbers itself), not words.
    let body: String = body
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
            match trimmed[digits..].strip_prefix(['.', ')']) {
                Some(after) if digits > 0 && (after.is_empty() || after.starts_with(' ')) => after,
                _ => line,
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut text = String::with_capacity(body.len());
    let mut rest = body.as_str();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("](") {
            // A link or image target: skip to the closing parenthesis.
            let end = after.find(')').map_or(after.len(), |e| e + 1);
            text.push(' ');
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix("[^") {
            let end = after.find(']').map_or(after.len(), |e| e + 1);
            text.push(' ');
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix("[!") {
            let end = after.find(']').map_or(after.len(), |e| e + 1);
            text.push(' ');
            rest = &after[end..];
        } else if let Some(after) = rest
            .strip_prefix("[x]")
            .or_else(|| rest.strip_prefix("[ ]"))
        {
            text.push(' ');
            rest = after;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    words(&text)
}

/// Checks that `needle` is a subsequence of `haystack`; on failure, says where it stopped.
pub fn assert_words_in_order(source: &[String], output: &[String], what: &str) {
    let mut found = 0;
    for word in output {
        if found < source.len() && *word == source[found] {
            found += 1;
        }
    }
    assert!(
        found == source.len(),
        "{what}: only {found} of {} source words found in order; missing from {:?} on",
        source.len(),
        &source[found..source.len().min(found + 12)]
    );
}

/// The text of an HTML page as a reader gets it: tags removed (an image counts as its alt
/// text), `<style>`/`<head>` skipped, entities decoded.
pub fn html_text(html: &str) -> String {
    let body = html.find("<body").map_or(html, |i| &html[i..]);
    let mut out = String::new();
    let mut rest = body;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        out.push(' ');
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
        let tag = &rest[i..tag_end];
        rest = &rest[tag_end..];
        if tag.starts_with("<img")
            && let Some(alt) = tag
                .split(" alt=\"")
                .nth(1)
                .and_then(|a| a.split('"').next())
        {
            out.push_str(alt);
            out.push(' ');
        }
        for skipped in ["style", "script"] {
            if tag.starts_with(&format!("<{skipped}")) {
                let close = format!("</{skipped}>");
                rest = rest.find(&close).map_or("", |e| &rest[e + close.len()..]);
            }
        }
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

//! The live-reload script `folio serve` adds to every HTML page it sends: before `</body>`
//! (or at the end of a page that has none), in the response only; the file in the output
//! folder is never changed.
//!
//! The script listens to the server's events ([`super::events`]): `reload` reloads the
//! page; `status` (the last build, as JSON) shows or removes an overlay listing the build's
//! errors (on every page) and the findings about the document the page was made from (on
//! the catalogue: every document's, by document). Not the status itself ([`super::status`])
//! nor which page is which document: the status names that (`pages`), and the script is told
//! only the page's own name.

/// The script and its overlay's styles. Messages are set as text, never as markup.
const SCRIPT: &str = r##"(function () {
  "use strict";
  var script = document.currentScript;
  var page = (script && script.getAttribute("data-folio-page")) || "";
  var catalogue = page === "index.html";
  var latest = null;
  var css =
    "#folio-overlay{position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:60vh;" +
    "overflow:auto;box-sizing:border-box;margin:0;padding:1rem 1.25rem;background:#111;" +
    "color:#fff;border-bottom:4px solid #ff6b6b;font:16px/1.5 system-ui,sans-serif;" +
    "text-align:left;box-shadow:0 2px 12px rgba(0,0,0,.5)}" +
    "#folio-overlay *{color:inherit;font:inherit;background:none;margin:0;padding:0;border:0}" +
    "#folio-overlay h2{font-size:1.15rem;font-weight:700;margin:0 7rem .5rem 0}" +
    "#folio-overlay h3{font-weight:700;margin:.75rem 0 .25rem}" +
    "#folio-overlay ul{list-style:none}" +
    "#folio-overlay li{margin:.25rem 0;padding-left:.5rem;border-left:3px solid #888}" +
    "#folio-overlay code{font-family:ui-monospace,monospace;color:#9cdcfe}" +
    "#folio-overlay .folio-error{color:#ff9b9b;font-weight:700}" +
    "#folio-overlay .folio-warning{color:#ffd866;font-weight:700}" +
    "#folio-overlay .folio-note{color:#9cdcfe;font-weight:700}" +
    "#folio-overlay button{position:absolute;top:.75rem;right:1rem;padding:.25rem .75rem;" +
    "border:2px solid #fff;border-radius:4px;background:#111;color:#fff;cursor:pointer}" +
    "#folio-overlay button:focus{outline:3px solid #ffd866;outline-offset:2px}";

  function dismissedBuild() {
    try {
      var build = sessionStorage.getItem("folio-dismissed");
      return build === null ? -1 : Number(build);
    } catch (e) { return -1; }
  }
  function dismiss() {
    if (latest) {
      try { sessionStorage.setItem("folio-dismissed", String(latest.build)); } catch (e) {}
    }
    remove();
  }
  function node(tag, className, text) {
    var n = document.createElement(tag);
    if (className) { n.className = className; }
    if (text) { n.textContent = text; }
    return n;
  }
  function place(d) {
    if (!d.path) { return ""; }
    return d.line ? d.path + ":" + d.line + ":" + (d.column || 1) : d.path;
  }
  function item(d) {
    var li = node("li");
    var where = place(d);
    if (where) {
      li.appendChild(node("code", "", where));
      li.appendChild(document.createTextNode(" "));
    }
    var severity = d.severity || "error";
    li.appendChild(node("span", "folio-" + severity, severity));
    if (d.code) { li.appendChild(document.createTextNode(" [" + d.code + "]")); }
    li.appendChild(document.createTextNode(": " + d.message));
    return li;
  }
  function list(entries) {
    var ul = node("ul");
    entries.forEach(function (d) { ul.appendChild(item(d)); });
    return ul;
  }
  function remove() {
    var old = document.getElementById("folio-overlay");
    if (old && old.parentNode) { old.parentNode.removeChild(old); }
  }
  function show(status) {
    latest = status;
    remove();
    if (status.build === dismissedBuild()) { return; }
    var doc = (status.pages || {})[page];
    var errors = status.errors || [];
    var findings = (status.findings || []).filter(function (f) {
      return f.severity !== "note" && (catalogue || (doc && f.path === doc));
    });
    if (!errors.length && !findings.length) { return; }
    var panel = node("div");
    panel.id = "folio-overlay";
    panel.setAttribute("role", "alert");
    panel.appendChild(node("style", "", css));
    var close = node("button", "", "Dismiss");
    close.type = "button";
    close.setAttribute("aria-label", "Dismiss the folio build report (Escape)");
    close.addEventListener("click", dismiss);
    panel.appendChild(close);
    panel.appendChild(node("h2", "", status.ok ? "folio: what the checks found" : "folio: the build failed"));
    if (errors.length) {
      panel.appendChild(node("h3", "", "Build errors"));
      panel.appendChild(list(errors));
    }
    if (findings.length && catalogue) {
      var groups = Object.create(null);
      var order = [];
      findings.forEach(function (f) {
        if (!groups[f.path]) { groups[f.path] = []; order.push(f.path); }
        groups[f.path].push(f);
      });
      order.forEach(function (path) {
        panel.appendChild(node("h3", "", path));
        panel.appendChild(list(groups[path]));
      });
    } else if (findings.length) {
      panel.appendChild(node("h3", "", "In " + doc));
      panel.appendChild(list(findings));
    }
    (document.body || document.documentElement).appendChild(panel);
  }
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && document.getElementById("folio-overlay")) { dismiss(); }
  });
  if (!window.EventSource) { return; }
  var source = new EventSource("/__folio/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("status", function (e) {
    var status;
    try { status = JSON.parse(e.data); } catch (err) { return; }
    show(status);
  });
})();
"##;

/// `html` with the live-reload script before its last `</body>` (or at its end), told that
/// it is on `page` (the page's path in the output folder, `html/a.html`; empty for a page
/// that is no file of the build).
pub fn inject(html: &[u8], page: &str) -> Vec<u8> {
    let tag = format!(
        "<script data-folio-page=\"{}\">\n{SCRIPT}</script>\n",
        escape_attribute(page)
    );
    let at = last_body_end(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Where the last `</body` is, in any case.
fn last_body_end(html: &[u8]) -> Option<usize> {
    let needle = b"</body";
    html.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// Text for a double-quoted attribute value.
fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let page = "<html><body><!-- </body> --><p>x</p></BODY>\n</html>\n";
        let out = text(inject(page.as_bytes(), "html/a.html"));
        let script = out
            .find("<script data-folio-page=\"html/a.html\">")
            .unwrap();
        assert!(script > out.find("<p>x</p>").unwrap());
        assert!(
            out[script..].ends_with("</script>\n</BODY>\n</html>\n"),
            "{out}"
        );
        assert!(out.starts_with("<html><body><!-- </body> --><p>x</p>"));
    }

    #[test]
    fn a_page_without_a_body_end_gets_it_at_the_end() {
        let out = text(inject(b"<p>fragment</p>\n", ""));
        assert!(out.starts_with("<p>fragment</p>\n<script data-folio-page=\"\">"));
        assert!(out.ends_with("</script>\n"));
    }

    #[test]
    fn the_page_name_is_escaped() {
        let out = text(inject(b"</body>", "a\"><b>&.html"));
        assert!(out.contains("data-folio-page=\"a&quot;&gt;&lt;b&gt;&amp;.html\""));
    }

    #[test]
    fn the_script_listens_where_the_server_sends() {
        let events = super::super::events::EVENTS_PATH;
        assert!(SCRIPT.contains(&format!("new EventSource(\"{events}\")")));
        assert!(!SCRIPT.contains("</script"));
        assert!(!SCRIPT.contains("innerHTML"));
    }
}

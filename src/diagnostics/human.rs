//! Findings as people read them: like rustc (severity, code, `file:line:col`, the source
//! line with a marker, a help line), drawn by annotate-snippets.

use std::collections::BTreeMap;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::diagnostic::{Diagnostic, Location};
use super::severity::Severity;
use super::source_map::SourceMap;

/// Every finding, rustc-style, but notes that carry figures (a caller lists those in a
/// table). `sources` holds the text of each document by its path; `color` adds ANSI colours.
pub fn render(
    diagnostics: &[Diagnostic],
    sources: &BTreeMap<String, String>,
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        if d.severity == Severity::Note && d.figures.is_some() {
            // Figures are listed together in a table by whoever asked for them.
            continue;
        }
        let code = d.code.code();
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let mut group =
            Group::with_title(level.primary_title(d.message.as_str()).id(code.as_str()));
        let source = sources.get(&d.path).filter(|_| d.location.line > 0);
        group = match source {
            Some(text) => group.element(snippet(&d.path, text, d.location, d.label.as_deref())),
            // A finding about the whole file (it cannot be read) names the file alone.
            None if d.location.line == 0 => group.element(Origin::path(d.path.as_str())),
            None => group.element(
                Origin::path(d.path.as_str())
                    .line(d.location.line as usize)
                    .char_column(d.location.column.saturating_sub(1) as usize),
            ),
        };
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let mut groups = vec![group];
        for related in &d.related {
            let title = Level::NOTE.secondary_title(related.label.as_str());
            groups.push(match source {
                Some(text) => {
                    Group::with_title(title).element(snippet(&d.path, text, related.location, None))
                }
                None => Group::with_title(title),
            });
        }
        out.push_str(&renderer.render(&groups));
        out.push_str("\n\n");
    }
    out
}

/// The most characters of a line a marker underlines: a whole paragraph written on one line
/// would otherwise be drawn as a row of dashes wider than any terminal.
const MARK_MAX: usize = 72;

/// The line a finding points at, cut from its document, with its marker.
fn snippet<'a>(
    path: &'a str,
    text: &'a str,
    location: Location,
    label: Option<&'a str>,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let map = SourceMap::new(text);
    let line = location.line.max(1);
    let start = map.line_start(line);
    let excerpt = &text[start..map.line_end(line).max(start)];
    // Column 0: the whole line (a writer knows the block, not the word).
    let range = if location.column == 0 {
        map.range(map.line(line))
    } else {
        map.range(location)
    };
    let from = range.start.saturating_sub(start).min(excerpt.len());
    let mut to = range.end.saturating_sub(start).clamp(from, excerpt.len());
    if let Some((cut, _)) = excerpt[from..to].char_indices().nth(MARK_MAX) {
        to = from + cut;
    }
    let mut mark = AnnotationKind::Primary.span(from..to);
    if let Some(label) = label {
        mark = mark.label(label);
    }
    Snippet::source(excerpt)
        .line_start(line as usize)
        .path(path)
        .annotation(mark)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    fn sample() -> (Diagnostic, BTreeMap<String, String>) {
        let text = "---\ntitle: T\n---\n\nIntro.\nStudies show it works.\n";
        let d = super::super::diagnostic::example()
            .label("cites research")
            .help("link the study");
        let sources = BTreeMap::from([("content/a.md".to_string(), text.to_string())]);
        (d, sources)
    }

    #[test]
    fn human_output_looks_like_rustc() {
        let (d, sources) = sample();
        let out = render(&[d], &sources, false);
        assert!(
            out.starts_with("warning[folio::unsourced-claim]: this sentence cites research"),
            "{out}"
        );
        assert!(out.contains("--> content/a.md:6:1"), "{out}");
        assert!(out.contains("6 | Studies show it works."), "{out}");
        assert!(out.contains("^^^^^^^^^^^^ cites research"), "{out}");
        assert!(out.contains("= help: link the study"), "{out}");
    }

    #[test]
    fn a_writer_warning_marks_its_whole_line() {
        let (_, sources) = sample();
        let d = Diagnostic::new(
            Code::RawHtml,
            "content/a.md",
            Location::line(6),
            "raw HTML is left out",
        );
        let out = render(&[d], &sources, false);
        assert!(out.contains("--> content/a.md:6"), "{out}");
        assert!(out.contains("^^^^^^^^^^^^^^^^^^^^^^"), "{out}");
    }
}

//! Integrity: references that lead nowhere. Links to headings that do not exist, headings
//! whose ids collide, images that cannot be found or decoded, footnotes referred to but never
//! written (or written but never referred to), and links between the documents of a project
//! that point at a document or heading that is not there.
//!
//! A document's own references are checked with the document; links to other files are
//! collected ([`LocalLink`]) and checked once every document of the project is known
//! ([`check_project`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::LazyLock;

use super::context::{Context, Files};
use super::findings::{Findings, LocalLink};
use crate::assets::{ReferenceProblem, is_local_reference, load_reference, percent_decode};
use crate::diagnostics::{Code, Diagnostic, Location, SourceMap};
use crate::format::Output;
use crate::model::{Block, Document, Inline, Span, plain_text};
use crate::render::anchors::Targets;
use regex::Regex;

/// The document's own references (judged against `targets`, its [`Targets`]), and its links
/// to other files for [`check_project`].
pub fn check(
    doc: &Document,
    targets: &Targets,
    map: &SourceMap<'_>,
    cx: &Context<'_>,
) -> (Vec<Diagnostic>, Vec<LocalLink>) {
    let mut out = Vec::new();
    let mut links = Vec::new();
    let mut images_seen: BTreeSet<&str> = BTreeSet::new();
    doc.walk_inlines(&mut |inline, span| match inline {
        Inline::Link { url, .. } => {
            let location = map.reference(span, &[url]);
            if let Some(fragment) = url.strip_prefix('#') {
                let fragment = percent_decode(fragment);
                if !targets.contains(&fragment) {
                    out.push(missing_heading(
                        &fragment,
                        targets,
                        "this document",
                        location,
                        cx.path,
                    ));
                }
            } else if is_local_reference(url) {
                links.push(local_link(url, cx.path, location));
            }
        }
        Inline::Image { url, .. } if is_local_reference(url) && images_seen.insert(url) => {
            if let Some(files) = cx.files {
                out.extend(image(url, map.reference(span, &[url]), files, cx.path));
            }
        }
        _ => {}
    });
    duplicate_headings(doc, map, cx.path, &mut out);
    footnotes(doc, map, cx.path, &mut out);
    (out, links)
}

fn missing_heading(
    fragment: &str,
    targets: &Targets,
    document: &str,
    location: Location,
    path: &str,
) -> Diagnostic {
    let d = Diagnostic::new(
        Code::BrokenLink,
        path,
        location,
        format!("no heading in {document} has the id `{fragment}`"),
    )
    .label("leads nowhere");
    // Suggested from the ids a writer takes from the source, not the notes' numbered ones.
    let ids: BTreeSet<String> = targets.headings.union(&targets.kept).cloned().collect();
    match closest(fragment, &ids) {
        Some(id) => d.help(format!("did you mean `#{id}`?")),
        None if ids.is_empty() => d.help(format!("{document} has no headings")),
        None => d.help(format!(
            "the heading ids are: {}",
            ids.iter()
                .map(|i| format!("`#{i}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The id nearest to `wanted` by edit distance, if it is near enough to be a typo.
fn closest<'a>(wanted: &str, ids: &'a BTreeSet<String>) -> Option<&'a str> {
    ids.iter()
        .map(|id| (edit_distance(wanted, id), id.as_str()))
        .filter(|(d, id)| *d <= (id.chars().count() / 3).max(2))
        .min()
        .map(|(_, id)| id)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// `url` (a local reference) from the document at `from` (project-relative).
fn local_link(url: &str, from: &str, location: Location) -> LocalLink {
    let (path_part, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (url, None),
    };
    let path_part = path_part.split('?').next().unwrap_or(path_part);
    let mut parts: Vec<String> = from.split('/').map(str::to_string).collect();
    parts.pop();
    let mut target = Some(());
    for part in percent_decode(path_part).split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    target = None;
                }
            }
            part => parts.push(part.to_string()),
        }
    }
    LocalLink {
        url: url.to_string(),
        target: target.map(|()| parts.join("/")),
        fragment: fragment.filter(|f| !f.is_empty()),
        location,
        severity: Code::BrokenLink.default_severity(),
    }
}

fn image(url: &str, location: Location, files: Files<'_>, path: &str) -> Option<Diagnostic> {
    let problem = match load_reference(url, files.doc_dir, files.root, files.max_bytes) {
        Ok((_, bytes, media_type)) => match media_type {
            "image/png" | "image/jpeg" => crate::render::pdf::image::prepare(&bytes, media_type)
                .err()
                .map(|e| format!("image `{url}` cannot be used: {e}"))?,
            _ => return None,
        },
        Err(ReferenceProblem::Outside) => {
            format!("image `{url}` is outside the project folder; folio only reads files inside it")
        }
        Err(ReferenceProblem::Missing(_)) => format!("image `{url}` not found"),
        Err(ReferenceProblem::Unreadable(e)) => format!("image `{url}` cannot be read: {e}"),
        Err(ReferenceProblem::UnknownType) => {
            format!("image `{url}` is not a PNG, JPEG, GIF, WebP or SVG image")
        }
    };
    Some(
        Diagnostic::new(Code::Image, path, location, problem)
            .label("this image")
            .help("image paths are relative to the document's folder"),
    )
}

/// Two headings with the same text at the same level under the same parent: their ids differ
/// only by a number (`intro`, `intro-1`), and a reader of the contents cannot tell them apart.
/// The same subheading under different parents ("Side effects" under each medicine) is
/// normal and not reported.
fn duplicate_headings(doc: &Document, map: &SourceMap<'_>, path: &str, out: &mut Vec<Diagnostic>) {
    type Key = (Vec<String>, u8, String);
    let mut seen: BTreeMap<Key, (u32, String)> = BTreeMap::new();
    // The ids of the enclosing headings, by level.
    let mut parents: Vec<(u8, String)> = Vec::new();
    doc.walk_blocks(&mut |block| {
        let Block::Heading {
            content,
            span,
            id,
            level,
        } = block
        else {
            return;
        };
        parents.retain(|(l, _)| l < level);
        let key: Key = (
            parents.iter().map(|(_, id)| id.clone()).collect(),
            *level,
            plain_text(content).trim().to_lowercase(),
        );
        parents.push((*level, id.clone()));
        match seen.get(&key) {
            Some((line, first_id)) => out.push(
                Diagnostic::new(
                    Code::DuplicateHeading,
                    path,
                    map.block_start(*span),
                    format!("this heading repeats the one on line {line}"),
                )
                .label(format!("its id is `{id}`"))
                .help(format!(
                    "links to `#{first_id}` reach only the first; make the headings say \
                     how the sections differ"
                )),
            ),
            None => {
                seen.insert(key, (span.line, id.clone()));
            }
        }
    });
}

fn footnotes(doc: &Document, map: &SourceMap<'_>, path: &str, out: &mut Vec<Diagnostic>) {
    for note in doc.footnotes.iter().filter(|n| n.number.is_none()) {
        out.push(
            Diagnostic::new(
                Code::Footnote,
                path,
                map.block_start(note.span),
                format!("footnote `[^{}]` is never referred to", note.label),
            )
            .label("unused")
            .help(format!(
                "refer to it with `[^{}]` where it belongs, or remove it",
                note.label
            )),
        );
    }
    // comrak leaves a reference to an undefined footnote as text: `[^label]`.
    static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\[\^([^\]\s]+)\]")
            .unwrap_or_else(|e| panic!("the footnote-reference pattern does not compile: {e}"))
    });
    doc.walk_blocks(&mut |block| {
        let (contents, span): (Vec<&[Inline]>, Span) = match block {
            Block::Paragraph { content, span } | Block::Heading { content, span, .. } => {
                (vec![content], *span)
            }
            Block::Table {
                head, rows, span, ..
            } => (
                head.iter()
                    .chain(rows.iter().flatten())
                    .map(|c| c.content.as_slice())
                    .collect(),
                *span,
            ),
            _ => return,
        };
        for content in contents {
            let text = text_outside_code(content);
            for found in REFERENCE.captures_iter(&text) {
                let Some(whole) = found.get(0) else { continue };
                let label = found.get(1).map_or("", |m| m.as_str());
                let range = map.align(map.block(span), &text, whole.range());
                out.push(
                    Diagnostic::new(
                        Code::Footnote,
                        path,
                        map.location(range),
                        format!("footnote `[^{label}]` is not defined"),
                    )
                    .label("no definition")
                    .help(format!(
                        "add `[^{label}]: …` on a line of its own, usually at the end"
                    )),
                );
            }
        }
    });
}

/// Plain text with code spans left out (`[^1]` in code is not a reference), other markup gone.
fn text_outside_code(content: &[Inline]) -> String {
    let kept: Vec<Inline> = content
        .iter()
        .filter(|i| !matches!(i, Inline::Code { .. }))
        .cloned()
        .collect();
    plain_text(&kept)
}

/// Links between the documents of a project: each must lead to a document (and, with a
/// fragment, one of its headings) or to a file that exists. `documents` are by their
/// project-relative path; `root` is the project folder.
pub fn check_project(documents: &[(&str, &Findings)], root: &Path) -> Vec<Diagnostic> {
    let known: BTreeMap<&str, &Findings> = documents.iter().copied().collect();
    let slugs: BTreeSet<String> = documents
        .iter()
        .map(|(path, _)| crate::slug::document_name(Path::new(path)))
        .collect();
    let mut out = super::translations::check(documents, root);
    for (path, findings) in documents {
        for link in &findings.links {
            let broken = |message: String, help: &str| {
                Diagnostic::new(Code::BrokenLink, path, link.location, message)
                    .label("leads nowhere")
                    .help(help)
                    .severity(link.severity)
            };
            let Some(target) = &link.target else {
                out.push(broken(
                    format!("`{}` points outside the project", link.url),
                    "link to documents and files inside the project folder",
                ));
                continue;
            };
            if let Some(other) = known.get(target.as_str()) {
                // A document that cannot be read has its own error; its headings are unknown.
                let unreadable = other.diagnostics.iter().any(|d| d.code == Code::Read);
                if let Some(fragment) = link.fragment.as_ref().filter(|_| !unreadable)
                    && !other.targets.contains(fragment)
                {
                    out.push(
                        missing_heading(fragment, &other.targets, target, link.location, path)
                            .severity(link.severity),
                    );
                }
                continue;
            }
            if root.join(target).exists() || is_output_of(target, &slugs) {
                continue;
            }
            let is_document = crate::paths::is_markdown(Path::new(target));
            out.push(broken(
                if is_document {
                    format!(
                        "`{}` is not a document of this project ({target})",
                        link.url
                    )
                } else {
                    format!("`{}` not found ({target})", link.url)
                },
                "paths are relative to the document's folder",
            ));
        }
    }
    out
}

/// Whether `target` names what folio makes of a document (`pain-diary.html`,
/// `pain-diary.large-print.pdf`, …).
fn is_output_of(target: &str, slugs: &BTreeSet<String>) -> bool {
    let file = target.rsplit('/').next().unwrap_or(target);
    Output::every_built().iter().any(|output| {
        file.strip_suffix(&output.suffix())
            .and_then(|stem| stem.strip_suffix('.'))
            .is_some_and(|stem| slugs.contains(stem))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::config::CheckConfig;

    fn run(markdown: &str, path: &str) -> (Vec<Diagnostic>, Vec<LocalLink>) {
        let doc = crate::read::read_str(markdown, path, crate::read::Flavour::Markdown).unwrap();
        let config = CheckConfig::default();
        let cx = Context {
            path,
            config: &config,
            project_language: true,
            today: 0,
            files: None,
        };
        check(&doc, &Targets::of(&doc), &SourceMap::new(markdown), &cx)
    }

    fn lints(markdown: &str) -> Vec<(Code, u32, String)> {
        run(markdown, "t.md")
            .0
            .into_iter()
            .map(|d| (d.code, d.location.line, d.help.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn links_to_missing_headings_are_found_with_a_suggestion() {
        let found = lints("## Pain scale\n\nSee [the scale](#pain-scales).\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].0, found[0].1), (Code::BrokenLink, 3));
        assert!(found[0].2.contains("`#pain-scale`"), "{}", found[0].2);
        assert!(lints("## Pain scale\n\nSee [the scale](#pain-scale).\n").is_empty());
        assert!(lints("Note[^1] and [back](#fn1) or [top](#top).\n\n[^1]: x\n").is_empty());
    }

    #[test]
    fn duplicate_headings_and_footnotes() {
        let found = lints("## Intro\n\ntext\n\n## Intro\n");
        assert_eq!((found[0].0, found[0].1), (Code::DuplicateHeading, 5));
        assert!(lints("## Intro\n\n## Outro\n").is_empty());
        assert!(
            lints("## Drug A\n\n### Side effects\n\n## Drug B\n\n### Side effects\n").is_empty()
        );
        let found = lints("Text[^a] and [^missing].\n\n[^a]: used\n\n[^b]: unused\n");
        let mut found: Vec<(Code, u32)> = found.into_iter().map(|(l, n, _)| (l, n)).collect();
        found.sort();
        assert_eq!(found, [(Code::Footnote, 1), (Code::Footnote, 5)]);
        assert!(lints("Code `[^x]` is not a reference.\n").is_empty());
        let found = lints("| a |\n|---|\n| b[^3] |\n");
        assert_eq!((found[0].0, found[0].1), (Code::Footnote, 3));
    }

    #[test]
    fn links_between_documents_are_checked_against_the_project() {
        let (_, links_a) = run(
            "[diary](pain-diary.md#rating) [gone](old.md) [pdf](pain-diary.pdf) [up](../../etc/passwd) [ok](pain-diary.md#why)\n",
            "content/a.md",
        );
        assert_eq!(links_a[0].target.as_deref(), Some("content/pain-diary.md"));
        assert_eq!(links_a[0].fragment.as_deref(), Some("rating"));
        assert_eq!(links_a[3].target, None);
        let a = Findings {
            links: links_a,
            ..Findings::default()
        };
        let b = Findings {
            targets: Targets {
                headings: ["why".into(), "rating-your-pain".into()].into(),
                ..Targets::default()
            },
            ..Findings::default()
        };
        let found = check_project(
            &[("content/a.md", &a), ("content/pain-diary.md", &b)],
            Path::new("/nonexistent"),
        );
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(found.len(), 3, "{messages:?}");
        assert!(messages[0].contains("`rating`"), "{messages:?}");
        assert!(
            messages[1].contains("not a document of this project"),
            "{messages:?}"
        );
        assert!(messages[2].contains("outside the project"), "{messages:?}");
    }
}

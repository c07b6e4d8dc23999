//! Footnotes in HTML: each reference a numbered link with its own id, and the notes at the
//! end, each with links back to its references; in an EPUB chapter, EPUB 3 footnotes
//! (`aside epub:type="footnote"`) that reading systems can show as pop-ups. The ids are
//! [`crate::render::anchors`]'.

use std::fmt::Write;

use super::body::Body;
use crate::model::{Block, Footnote};
use crate::render::anchors;
use crate::render::markup::escape;
use crate::terms::Term;

impl Body<'_> {
    pub(super) fn footnote_ref(&mut self, label: &str) {
        let Some(number) = self.doc.footnote_number(label) else {
            // A reference to a note that does not exist: show what the author wrote.
            let _ = write!(self.out, "[^{}]", escape(label));
            return;
        };
        let count = self.footnote_refs.entry(number).or_insert(0);
        *count += 1;
        let nth = *count;
        let id = self.note_id(&anchors::reference(number, nth));
        if self.xhtml.is_some() {
            let note = self.note_id(&anchors::note(number));
            let _ = write!(
                self.out,
                "<sup class=\"footnote-ref\"><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#{note}\" id=\"{id}\">{number}</a></sup>"
            );
            return;
        }
        let _ = write!(
            self.out,
            "<sup class=\"footnote-ref\"><a href=\"#{}\" id=\"{id}\">{number}</a></sup>",
            anchors::note(number)
        );
    }

    pub(super) fn footnotes(&mut self) {
        let notes: Vec<(u32, &Footnote)> = self.doc.numbered_footnotes().collect();
        if notes.is_empty() {
            return;
        }
        if self.xhtml.is_some() {
            self.epub_footnotes(&notes);
            return;
        }
        if self.opts.conformance {
            self.out.push_str("<section class=\"footnotes\">\n<ol>\n");
        } else {
            let _ = write!(
                self.out,
                "<section class=\"footnotes\" aria-labelledby=\"{id}\">\n<h2 id=\"{id}\" class=\"footnotes-title\">{}</h2>\n<ol>\n",
                escape(self.terms.get(Term::Notes)),
                id = anchors::NOTES_HEADING
            );
        }
        for (number, note) in notes {
            let _ = writeln!(self.out, "<li id=\"{}\">", anchors::note(number));
            let backrefs = self.backrefs(number);
            match note.blocks.split_last() {
                Some((Block::Paragraph { content, .. }, rest)) => {
                    self.blocks(rest, false);
                    self.out.push_str("<p>");
                    self.inlines(content);
                    let _ = writeln!(self.out, " {backrefs}</p>");
                }
                _ => {
                    self.blocks(&note.blocks, false);
                    let _ = writeln!(self.out, "{backrefs}");
                }
            }
            self.out.push_str("</li>\n");
        }
        self.out.push_str("</ol>\n</section>\n");
    }

    /// EPUB 3 footnotes: one `aside` per note, which reading systems can show as a pop-up, each
    /// with its number and links back to its references.
    fn epub_footnotes(&mut self, notes: &[(u32, &Footnote)]) {
        let title_id = self.note_id(anchors::NOTES_HEADING);
        let _ = writeln!(
            self.out,
            "<section class=\"footnotes\" aria-labelledby=\"{title_id}\">\n<h2 id=\"{title_id}\" class=\"footnotes-title\">{}</h2>",
            escape(self.terms.get(Term::Notes))
        );
        for &(number, note) in notes {
            if note.span.line > 0 {
                self.line = note.span.line;
            }
            let id = self.note_id(&anchors::note(number));
            let _ = writeln!(
                self.out,
                "<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"{id}\" class=\"footnote\">"
            );
            let backrefs = self.backrefs(number);
            let label = format!("<span class=\"footnote-number\">{number}.</span> ");
            match note.blocks.split_first() {
                Some((Block::Paragraph { content, .. }, rest)) => {
                    let _ = write!(self.out, "<p>{label}");
                    self.inlines(content);
                    if rest.is_empty() {
                        let _ = writeln!(self.out, " {backrefs}</p>");
                    } else {
                        self.out.push_str("</p>\n");
                        self.blocks(rest, false);
                        let _ = writeln!(self.out, "<p>{backrefs}</p>");
                    }
                }
                _ => {
                    let _ = writeln!(self.out, "<p>{label}</p>");
                    self.blocks(&note.blocks, false);
                    let _ = writeln!(self.out, "<p>{backrefs}</p>");
                }
            }
            self.out.push_str("</aside>\n");
        }
        self.out.push_str("</section>\n");
    }

    /// The links back from note `number` to each reference to it, space-separated.
    fn backrefs(&self, number: u32) -> String {
        let refs = self.footnote_refs.get(&number).copied().unwrap_or(1).max(1);
        (1..=refs)
            .map(|n| self.backref(number, n))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn backref(&self, number: u32, nth: u32) -> String {
        let id = self.note_id(&anchors::reference(number, nth));
        if self.opts.conformance && self.xhtml.is_none() {
            return format!("<a href=\"#{id}\" class=\"footnote-backref\">↩</a>");
        }
        let label = escape(
            &self
                .terms
                .fill(Term::BackToReference, &[("number", &number.to_string())]),
        );
        let role = if self.xhtml.is_some() {
            " role=\"doc-backlink\""
        } else {
            ""
        };
        format!(
            "<a href=\"#{id}\" class=\"footnote-backref\"{role} aria-label=\"{label}\">↩\u{fe0e}</a>"
        )
    }
}

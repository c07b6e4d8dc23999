//! Inline content styled: emphasis, code, links (with their Link elements), footnote
//! references, images named in running text, math, and raw HTML reported.

use super::super::fonts::FaceKind;
use super::super::frame::LinkTarget;
use super::super::inline::{SpanStyle, StyledText};
use super::super::structure::{NodeId, Role};
use super::context::Ctx;
use crate::model::{Inline, Span, is_safe_url, plain_text};
use crate::render::anchors;
use crate::render::raw_html;
use crate::render::shared::image_placeholder;
use crate::terms::Term;

impl Ctx<'_> {
    /// Inline content with raw HTML reported.
    pub(super) fn inlines_checked(
        &mut self,
        content: &[Inline],
        base: &SpanStyle,
        out: &mut StyledText,
        span: Span,
    ) {
        if contains_html(content) {
            self.html_lines.insert(span.line);
        }
        self.inlines(content, base, out);
    }

    pub(super) fn inlines(&mut self, content: &[Inline], base: &SpanStyle, out: &mut StyledText) {
        for inline in content {
            if self.script.hides(inline) {
                continue;
            }
            match inline {
                Inline::Text { text } => out.push(text, base),
                Inline::Emph { content } => {
                    let mut s = base.clone();
                    s.face = with_italic(s.face);
                    self.inlines(content, &s, out);
                }
                Inline::Strong { content } => {
                    let mut s = base.clone();
                    s.face = with_bold(s.face);
                    self.inlines(content, &s, out);
                }
                Inline::Strike { content } => {
                    let mut s = base.clone();
                    s.strike = true;
                    self.inlines(content, &s, out);
                }
                Inline::Code { code } => {
                    let mut s = base.clone();
                    s.face = if matches!(base.face, FaceKind::Bold | FaceKind::BoldItalic) {
                        FaceKind::MonoBold
                    } else {
                        FaceKind::Mono
                    };
                    s.size = base.size * self.measures().inline.code_size;
                    s.background = Some(self.colors().code_background);
                    out.push(code, &s);
                }
                Inline::Link { url, content, .. } => {
                    let mut s = base.clone();
                    s.link = link_target(url);
                    if s.link.is_some() {
                        s.color = self.colors().link;
                        s.underline = true;
                        let node = self.inline_element(Role::Link, base);
                        let text = plain_text(content);
                        if let Some(n) = self.tree.node_mut(node) {
                            // The annotation says what the link text says, or where it
                            // goes when it has none.
                            n.description = Some(match text.trim() {
                                "" => url.clone(),
                                text => text.to_string(),
                            });
                        }
                        s.node = Some(node);
                        s.link_node = Some(node);
                    }
                    self.inlines(content, &s, out);
                }
                Inline::Image { alt, .. } => {
                    let mut s = base.clone();
                    s.face = with_italic(s.face);
                    out.push(&image_placeholder(alt, self.terms), &s);
                }
                Inline::FootnoteRef { label } => {
                    let number = self.input.doc.footnote_number(label);
                    let mut s = base.clone();
                    s.size = base.size * self.measures().inline.note_number_size;
                    s.rise = base.size * self.measures().inline.note_number_rise;
                    match number {
                        Some(n) => {
                            // A narrow no-break space keeps the number off the word for
                            // copy and search ("took it 1", not "took it1") without
                            // letting a line break separate them.
                            let mut gap = base.clone();
                            gap.size = s.size;
                            out.push("\u{202F}", &gap);
                            s.link = Some(LinkTarget::Anchor(anchors::note(n)));
                            let node = self.inline_element(Role::Link, base);
                            let description = self
                                .terms
                                .fill(Term::NoteReference, &[("number", &n.to_string())]);
                            if let Some(link) = self.tree.node_mut(node) {
                                link.description = Some(description);
                            }
                            s.node = Some(node);
                            s.link_node = Some(node);
                            s.color = self.colors().link;
                            out.push(&n.to_string(), &s);
                        }
                        None => out.push(&format!("[^{label}]"), base),
                    }
                }
                Inline::SoftBreak => out.push(" ", base),
                // The space before the break is drawn (with no advance) at the line's end,
                // as a soft break's is: text taken from the page keeps the words apart.
                Inline::LineBreak => out.push(" \n", base),
                Inline::Math { tex, display } => {
                    let mut s = base.clone();
                    let node = self.inline_element(Role::Formula, base);
                    self.set_alt(node, tex);
                    s.node = Some(node);
                    s.face = FaceKind::Mono;
                    s.size = base.size * self.measures().inline.code_size;
                    // Display math inside running text gets lines of its own.
                    if *display && !out.text.is_empty() && !out.text.ends_with('\n') {
                        out.push("\n", base);
                    }
                    out.push(tex.trim(), &s);
                    if *display {
                        out.push("\n", base);
                    }
                }
                Inline::Html { .. } => {}
            }
        }
    }

    /// A structure element for inline content (a link, a formula) inside the element the
    /// surrounding text belongs to. Inline code is not one: it is read as the words around
    /// it are, and an element for each of the hundreds a technical text has would make the
    /// tree a third of the file.
    pub(super) fn inline_element(&mut self, role: Role, base: &SpanStyle) -> NodeId {
        self.tree.add(role, base.node.unwrap_or(self.current))
    }
}

fn contains_html(content: &[Inline]) -> bool {
    content.iter().any(|i| match i {
        Inline::Html { raw } => !raw_html::is_only_comments(raw),
        Inline::Emph { content }
        | Inline::Strong { content }
        | Inline::Strike { content }
        | Inline::Link { content, .. } => contains_html(content),
        _ => false,
    })
}

fn with_italic(face: FaceKind) -> FaceKind {
    match face {
        FaceKind::Regular => FaceKind::Italic,
        FaceKind::Bold => FaceKind::BoldItalic,
        other => other,
    }
}

fn with_bold(face: FaceKind) -> FaceKind {
    match face {
        FaceKind::Regular => FaceKind::Bold,
        FaceKind::Italic => FaceKind::BoldItalic,
        FaceKind::Mono => FaceKind::MonoBold,
        other => other,
    }
}

/// Where a Markdown link may point in a PDF: the web, mail, or a heading of this handout.
fn link_target(url: &str) -> Option<LinkTarget> {
    if let Some(id) = url.strip_prefix('#') {
        return (!id.is_empty()).then(|| LinkTarget::Anchor(id.to_string()));
    }
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("http" | "https" | "mailto" | "tel" | "ftp") if is_safe_url(url, false) => {
            Some(LinkTarget::Uri(url.to_string()))
        }
        _ => None,
    }
}

//! What the whole layout shares: its input, the state of the layout as it goes ([`Ctx`]),
//! the text column, and the helpers every block uses (styles, structure elements, lines of
//! text as fragments).

use std::collections::{BTreeMap, BTreeSet};

use super::super::fonts::{FaceKind, FontSet};
use super::super::frame::Layout;
use super::super::inline::{LineBox, Shaped, SpanStyle, StyledText};
use super::super::measures::Measures;
use super::super::structure::{NodeId, Role, StructTree, Tag};
use super::super::style::{Colors, Rgb, Style, TypeScale};
use super::frag::Frag;
use crate::diagnostics::Diagnostic;
use crate::format::Variant;
use crate::model::{Align, Document};
use crate::render::raw_html;
use crate::render::writer::Warnings;
use crate::terms::Terms;

/// The key the letterhead is drawn by among a handout's images ([`LayoutInput::images`]): no
/// document's image URL can take it (`folio:` is no scheme a file has).
pub const LOGO_KEY: &str = "folio:logo";

/// Everything the layout reads.
pub struct LayoutInput<'a> {
    pub doc: &'a Document,
    pub style: &'a Style,
    pub variant: Variant,
    pub fonts: &'a FontSet,
    /// Pixel sizes of the images that can be drawn, by URL.
    pub images: &'a BTreeMap<String, (u32, u32)>,
}

/// The layout and what it had to say about the document.
#[derive(Debug)]
pub struct LayoutResult {
    pub layout: Layout,
    pub warnings: Vec<Diagnostic>,
}

/// How a box (quote, callout) is drawn around its blocks.
#[derive(Debug, Clone, Copy)]
pub(super) struct BoxFrame {
    /// Space on the left, besides `pad`.
    pub(super) inset: f32,
    /// Padding on every side.
    pub(super) pad: f32,
    /// Padding above and below the text when the box has no fill (× `pad`).
    pub(super) open_padding: f32,
    pub(super) fill: Option<Rgb>,
    /// A bar on the left edge: colour and width.
    pub(super) bar: Option<(Rgb, f32)>,
    /// The label's line height, and the space between it and the text (× paragraph).
    pub(super) label_line_height: f32,
    pub(super) label_space: f32,
}

/// The current text column.
#[derive(Debug, Clone, Copy)]
pub(super) struct Column {
    pub(super) x: f32,
    pub(super) width: f32,
}

pub(super) struct Ctx<'a> {
    pub(super) input: &'a LayoutInput<'a>,
    /// The words of the handout's language.
    pub(super) terms: &'static Terms,
    pub(super) scale: &'a TypeScale,
    pub(super) full_width: f32,
    pub(super) missing: BTreeSet<char>,
    pub(super) warnings: Warnings,
    pub(super) tables: Vec<Frag>,
    /// Current list nesting, for bullet shapes.
    pub(super) list_depth: usize,
    /// Lines of raw HTML left out, reported together.
    pub(super) html_lines: BTreeSet<u32>,
    /// Inline script and style content, left out with the tags.
    pub(super) script: raw_html::ScriptSkip,
    /// Whether the disclaimer fits in the footer (else it closes the handout).
    pub(super) disclaimer_in_footer: bool,
    /// The structure tree so far, and the element new content belongs to.
    pub(super) tree: StructTree,
    pub(super) current: NodeId,
}

impl<'a> Ctx<'a> {
    /// The style's measures (space, padding, rules), borrowed for the layout's whole life.
    pub(super) fn measures(&self) -> &'a Measures {
        &self.input.style.measures
    }

    pub(super) fn colors(&self) -> &Colors {
        &self.input.style.colors
    }

    pub(super) fn body_style(&self) -> SpanStyle {
        SpanStyle::plain(FaceKind::Regular, self.scale.body, self.colors().text)
    }

    pub(super) fn leading(&self) -> f32 {
        self.scale.line_height
    }

    /// Adds a structure element of `role` under the current one and lays out its content
    /// (`f`) inside it: text drawn meanwhile is that element's.
    pub(super) fn element<R>(&mut self, role: Role, f: impl FnOnce(&mut Self, NodeId) -> R) -> R {
        let node = self.tree.add(role, self.current);
        let outer = std::mem::replace(&mut self.current, node);
        let result = f(self, node);
        self.current = outer;
        result
    }

    /// Sets what a figure, formula or check box says (`/Alt`).
    pub(super) fn set_alt(&mut self, node: NodeId, alt: &str) {
        if let Some(n) = self.tree.node_mut(node) {
            n.alt = Some(alt.trim().to_string());
        }
    }

    /// Shapes styled text and turns each of its lines into a fragment.
    pub(super) fn text_frags(
        &mut self,
        text: &StyledText,
        column: Column,
        align: Align,
        line_height: f32,
    ) -> Vec<Frag> {
        let shaped = text.shape(self.input.fonts, &mut self.missing);
        let lines = shaped.break_lines(column.width, line_height);
        let tag = Tag::Node(self.current);
        lines
            .iter()
            .map(|line| line_frag(&shaped, line, column, align, tag))
            .collect()
    }

    pub(super) fn indented(&self, column: Column, indent: f32) -> Column {
        if column.width - indent < self.full_width * self.measures().lists.min_column_share {
            column
        } else {
            Column {
                x: column.x + indent,
                width: column.width - indent,
            }
        }
    }
}

/// One line of shaped text as a fragment.
pub(super) fn line_frag(
    shaped: &Shaped,
    line: &LineBox,
    column: Column,
    align: Align,
    tag: Tag,
) -> Frag {
    let offset = match align {
        Align::Right => column.width - line.width,
        Align::Center => (column.width - line.width) / 2.0,
        _ => 0.0,
    }
    .max(0.0);
    Frag {
        h: line.height,
        items: shaped.line_items(line, column.x + offset, 0.0, tag),
        first_baseline: Some(line.baseline),
        ..Frag::default()
    }
}

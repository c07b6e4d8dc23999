//! Boxes around blocks: block quotes (a bar) and callouts (a tinted box with a bar and a
//! label), drawn on every fragment they hold so a box cut by a page break stays a box.

use super::super::fonts::FaceKind;
use super::super::frame::Item;
use super::super::inline::{SpanStyle, StyledText};
use super::super::structure::{Role, Tag};
use super::context::{BoxFrame, Column, Ctx};
use super::frag::Frag;
use crate::model::{Align, Block, CalloutKind};
use crate::render::shared::CalloutHeading;

/// A box's text may be narrower than nested lists' (a share of `min_column_share`): its
/// padding and bar take room a list's marker does not.
const BOX_SQUEEZE: f32 = 0.8;

impl Ctx<'_> {
    /// Lays out `blocks` inside a box: `inset` on the left, `pad` on the right, top and
    /// bottom, `fill` behind and an optional bar of `bar` colour on the left edge.
    pub(super) fn boxed(
        &mut self,
        blocks: &[Block],
        label: Option<StyledText>,
        column: Column,
        frame: BoxFrame,
        out: &mut Vec<Frag>,
    ) {
        let BoxFrame {
            inset,
            pad,
            open_padding,
            fill,
            bar,
            label_line_height,
            label_space,
        } = frame;
        let inner = self.indented(column, inset + pad);
        let min_share = self.measures().lists.min_column_share;
        let inner = Column {
            x: inner.x,
            width: (inner.width - pad).max(self.full_width * min_share * BOX_SQUEEZE),
        };
        let mut frags = Vec::new();
        if let Some(label) = label {
            let mut label_frags = self.text_frags(&label, inner, Align::Left, label_line_height);
            for f in &mut label_frags {
                f.keep_with_next = true;
            }
            frags.extend(label_frags);
        }
        let start = frags.len();
        self.blocks(blocks, inner, &mut frags);
        if let Some(f) = frags.get_mut(start)
            && start > 0
        {
            f.space_before = self.scale.paragraph_spacing * label_space;
        }
        if frags.is_empty() {
            return;
        }
        // Space between children becomes part of the box.
        let count = frags.len();
        for (i, f) in frags.iter_mut().enumerate() {
            let mut top = if i == 0 { pad } else { f.space_before };
            if i == 0 && fill.is_none() {
                top = pad * open_padding;
            }
            f.shift(0.0, top);
            f.h += top;
            if i + 1 == count {
                f.h += if fill.is_none() {
                    pad * open_padding
                } else {
                    pad
                };
            }
            f.space_before = 0.0;
            let mut decoration = Vec::new();
            if let Some(fill) = fill {
                decoration.push(Item::Rect {
                    x: column.x,
                    y: 0.0,
                    w: column.width,
                    h: f.h,
                    fill: Some(fill),
                    stroke: None,
                    tag: Tag::Artifact,
                });
            }
            if let Some((color, width)) = bar {
                decoration.push(Item::Rect {
                    x: column.x,
                    y: 0.0,
                    w: width,
                    h: f.h,
                    fill: Some(color),
                    stroke: None,
                    tag: Tag::Artifact,
                });
            }
            decoration.append(&mut f.items);
            f.items = decoration;
        }
        frags[0].space_before = self.scale.paragraph_spacing;
        out.extend(frags);
    }

    pub(super) fn quote(&mut self, blocks: &[Block], column: Column, out: &mut Vec<Frag>) {
        let m = &self.measures().quotes;
        let frame = BoxFrame {
            inset: m.inset,
            pad: self.scale.body * m.padding,
            open_padding: m.open_padding,
            fill: None,
            bar: Some((self.colors().rule, m.bar_width)),
            label_line_height: 1.0,
            label_space: 0.0,
        };
        self.boxed(blocks, None, column, frame, out);
    }

    pub(super) fn callout(
        &mut self,
        kind: CalloutKind,
        title: Option<&str>,
        blocks: &[Block],
        column: Column,
        out: &mut Vec<Frag>,
    ) {
        let colors = self.colors();
        let fill = match kind {
            CalloutKind::Note => colors.note,
            CalloutKind::Tip => colors.tip,
            CalloutKind::Important => colors.important,
            CalloutKind::Warning => colors.warning,
            CalloutKind::Caution => colors.caution,
        };
        // The bar and the label carry the meaning in black-and-white print.
        let m = &self.measures().callouts;
        let bar = (colors.text, m.bar_width);
        let mut label = StyledText::default();
        let mut label_style = SpanStyle::plain(FaceKind::Bold, self.scale.body, colors.text);
        // The label is the box's first paragraph.
        label_style.node = Some(self.tree.add(Role::P, self.current));
        // Bold, as in every format: "Warning: Call 911 now".
        let heading = CalloutHeading::of(kind, title, self.terms);
        label.push(&heading.text(self.terms), &label_style);
        let frame = BoxFrame {
            inset: m.inset,
            pad: self.scale.body * m.padding,
            open_padding: self.measures().quotes.open_padding,
            fill: Some(fill),
            bar: Some(bar),
            label_line_height: m.label_line_height,
            label_space: m.label_space,
        };
        self.boxed(blocks, Some(label), column, frame, out);
    }
}

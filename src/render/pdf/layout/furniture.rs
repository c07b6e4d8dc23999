//! The page furniture: the header (organization and title) and the footer (disclaimer,
//! review line, page number) of every page.

use super::super::fonts::FaceKind;
use super::super::frame::Item;
use super::super::inline::{SpanStyle, StyledText};
use super::super::structure::Tag;
use super::context::{Column, Ctx};
use super::frag::Frag;
use crate::model::Align;
use crate::render::shared::ReviewLine;
use crate::terms::Term;

/// Between the organization and the title in the running head: typography, the same in every
/// language.
const HEAD_SEPARATOR: &str = "  |  ";

/// The review line keeps at least this share of the footer's width beside the page number.
const REVIEW_LINE_MIN_SHARE: f32 = 0.3;

impl Ctx<'_> {
    /// The header's items and height (without the gap below it).
    pub(super) fn header(&mut self, column: Column) -> (Vec<Item>, f32) {
        let meta = &self.input.doc.meta;
        let small = self.scale.small;
        let muted = self.colors().muted;
        let mut st = StyledText::default();
        if let Some(org) = self
            .input
            .doc
            .meta
            .organization
            .as_deref()
            .filter(|o| !o.trim().is_empty())
        {
            st.push(org.trim(), &SpanStyle::plain(FaceKind::Bold, small, muted));
            st.push(
                HEAD_SEPARATOR,
                &SpanStyle::plain(FaceKind::Regular, small, muted),
            );
        }
        st.push(
            meta.title.trim(),
            &SpanStyle::plain(FaceKind::Regular, small, muted),
        );
        let top = self.input.style.page.margin_top;
        let m = &self.measures().header;
        // Two lines at most: the title block shows the whole title anyway.
        let mut frags = self.text_frags(&st, column, Align::Left, m.line_height);
        frags.truncate(2);
        let mut items = Vec::new();
        let mut y = top;
        for mut f in frags {
            f.shift(0.0, y);
            y += f.h;
            items.extend(f.items);
        }
        y += small * m.rule_space;
        items.push(Item::hline(
            column.x,
            column.x + column.width,
            y,
            self.colors().rule,
            m.rule_width,
        ));
        (items, y - top)
    }

    pub(super) fn footer_lines(&mut self, column: Column, page: usize, total: usize) -> Vec<Frag> {
        let small = self.scale.small;
        let m = &self.measures().footer;
        let muted = self.colors().muted;
        let plain = SpanStyle::plain(FaceKind::Regular, small, muted);
        let mut frags = Vec::new();
        if let Some(disclaimer) = self
            .input
            .doc
            .meta
            .disclaimer
            .as_deref()
            .filter(|d| !d.trim().is_empty() && self.disclaimer_in_footer)
        {
            let mut st = StyledText::default();
            st.push(disclaimer.trim(), &plain);
            frags.extend(self.text_frags(&st, column, Align::Left, m.line_height));
        }
        // Last line: review information on the left, the page number on the right.
        let mut left = StyledText::default();
        if let Some(line) = ReviewLine::of(&self.input.doc.meta) {
            left.push(&line.text(self.terms), &plain);
        }
        let mut right = StyledText::default();
        right.push(
            &self.terms.fill(
                Term::PageOf,
                &[("page", &page.to_string()), ("total", &total.to_string())],
            ),
            &SpanStyle::plain(FaceKind::Bold, small, muted),
        );
        let right_shaped = right.shape(self.input.fonts, &mut self.missing);
        let right_line = right_shaped.break_lines(f32::MAX, m.line_height);
        let right_width = right_line.first().map_or(0.0, |l| l.width);
        let left_column = Column {
            x: column.x,
            width: (column.width - right_width - small * m.page_number_gap)
                .max(column.width * REVIEW_LINE_MIN_SHARE),
        };
        let mut left_frags = if left.is_blank() {
            Vec::new()
        } else {
            // Two lines at most: the footer must leave room for the page.
            let mut frags = self.text_frags(&left, left_column, Align::Left, m.line_height);
            frags.truncate(2);
            frags
        };
        if let Some(line) = right_line.first() {
            let items = right_shaped.line_items(
                line,
                column.x + column.width - line.width,
                0.0,
                Tag::Footer,
            );
            match left_frags.first_mut() {
                Some(f) => f.items.extend(items),
                None => left_frags.push(Frag {
                    h: line.height,
                    items,
                    ..Frag::default()
                }),
            }
        }
        if let Some(f) = left_frags.first_mut() {
            f.space_before = small * m.line_space;
        }
        frags.extend(left_frags);
        frags
    }

    pub(super) fn footer_height(&mut self, column: Column) -> f32 {
        // The widest page number decides; "Page 999 of 999" is as wide as it gets.
        let frags = self.footer_lines(column, 999, 999);
        frags.iter().map(|f| f.h + f.space_before).sum::<f32>()
            + self.scale.small * self.measures().footer.rule_space
    }

    /// The footer of page `page` of `total`, its rule at `top`.
    pub(super) fn footer(
        &mut self,
        column: Column,
        page: usize,
        total: usize,
        top: f32,
    ) -> Vec<Item> {
        let mut items = vec![Item::hline(
            column.x,
            column.x + column.width,
            top,
            self.colors().rule,
            self.measures().footer.rule_width,
        )];
        let mut y = top + self.scale.small * self.measures().footer.rule_space;
        for mut f in self.footer_lines(column, page, total) {
            y += f.space_before;
            f.shift(0.0, y);
            y += f.h;
            items.extend(f.items);
        }
        items
    }
}

//! The handout's measures: the space, padding, line heights, rule widths and relative sizes
//! of each kind of block, as `styles/handout.toml` names them (`[headings]`, `[callouts]`,
//! `[tables]`, …), so a designer finds each number where the element it shapes is set.
//!
//! Space is a share of a length the scale gives: "× paragraph" is the variant's
//! `paragraph_spacing`, "× body", "× code" and "× small" its font sizes, "× size" the
//! element's own. Rule and stroke widths are in points. The same measures serve both
//! variants, since they scale with the variant's sizes.
//!
//! What this is not: the paper, faces, colours and type sizes (see [`super::style`]), nor
//! the rules of layout (keep-with-next, widows, table widths), which are not a matter of
//! taste.

use serde::Deserialize;

/// Every measure of the handout, by element.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measures {
    pub title: TitleMeasures,
    pub headings: HeadingMeasures,
    pub rules: RuleMeasures,
    pub figures: FigureMeasures,
    pub code: CodeMeasures,
    pub quotes: BoxMeasures,
    pub callouts: CalloutMeasures,
    pub lists: ListMeasures,
    pub definitions: DefinitionMeasures,
    pub tables: TableMeasures,
    pub inline: InlineMeasures,
    pub notes: NoteMeasures,
    pub header: HeaderMeasures,
    pub footer: FooterMeasures,
}

/// The title block: title, subtitle, byline and the rule under them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleMeasures {
    /// Line height of the title (× its size).
    pub line_height: f32,
    /// Line height of the subtitle (× its size).
    pub subtitle_line_height: f32,
    /// Space above the subtitle (× paragraph).
    pub subtitle_space: f32,
    /// Space above the byline (× paragraph).
    pub byline_space: f32,
    /// Space between the block and its rule (× paragraph).
    pub rule_space: f32,
    /// Width of the rule under the block (points).
    pub rule_width: f32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadingMeasures {
    /// Line height (× size).
    pub line_height: f32,
    /// Space above a level-1 heading (× its size).
    pub space_above_h1: f32,
    /// Space above a level-2 heading (× its size).
    pub space_above_h2: f32,
    /// Space above headings of levels 3 to 6 (× their size).
    pub space_above: f32,
    /// Space between a heading and what follows it (× paragraph).
    pub space_below: f32,
}

/// A thematic break (`***`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMeasures {
    /// The height the break takes, its line in the middle (× paragraph).
    pub height: f32,
    /// Width of its line (points).
    pub width: f32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureMeasures {
    /// The resolution an image is printed at, at its natural size (dots per inch).
    pub dpi: f32,
    /// The tallest an image may be (share of the page's text height).
    pub max_height: f32,
    /// The most an image is enlarged beyond its natural size.
    pub max_upscale: f32,
    /// Caption size (× body).
    pub caption_size: f32,
    /// Space between an image and its caption (points).
    pub caption_space: f32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeMeasures {
    /// Padding around code blocks (× code).
    pub padding: f32,
    /// Line height (× code).
    pub line_height: f32,
}

/// A box with a bar on its left edge: block quotes.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoxMeasures {
    /// Width of the bar (points).
    pub bar_width: f32,
    /// Space between the column's edge and the text, besides the padding (points).
    pub inset: f32,
    /// Padding inside the box (× body).
    pub padding: f32,
    /// Padding above and below the text of a box with no background (× padding).
    pub open_padding: f32,
}

/// Callouts (`> [!WARNING]`): a tinted box with a bar and a label.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalloutMeasures {
    /// Width of the bar (points).
    pub bar_width: f32,
    /// Space between the column's edge and the text, besides the padding (points).
    pub inset: f32,
    /// Padding inside the box (× body).
    pub padding: f32,
    /// Line height of the label (× body).
    pub label_line_height: f32,
    /// Space between the label and the text (× paragraph).
    pub label_space: f32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListMeasures {
    /// Space between a marker and its item's text (× body).
    pub marker_gap: f32,
    /// The least an item is indented (× body).
    pub min_indent: f32,
    /// Side of a task item's check box (× body).
    pub checkbox_size: f32,
    /// Width of the check box's line and of its tick (points).
    pub checkbox_stroke: f32,
    pub tick_stroke: f32,
    /// Space between the items of a tight list (× paragraph).
    pub tight_item_space: f32,
    /// Nested lists, quotes and callouts stop indenting once the text would be narrower than
    /// this share of the page's text width.
    pub min_column_share: f32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefinitionMeasures {
    /// Indent of the details under their term (× body).
    pub indent: f32,
    /// Space above each part of the details (× paragraph).
    pub details_space: f32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableMeasures {
    /// Padding left and right of a cell's text (× body).
    pub padding_x: f32,
    /// Padding above and below a cell's text (× body).
    pub padding_y: f32,
    /// Size of a table's text (× body).
    pub text_size: f32,
    /// Line height in cells (× text size).
    pub line_height: f32,
    /// A table with many columns: its padding (× the usual padding) and its text size (× the
    /// usual size), never below `crowded_min_size` (× body, of at most 9 points).
    pub crowded_padding: f32,
    pub crowded_size: f32,
    pub crowded_min_size: f32,
    /// Width of the rules between cells, and under the header row (points).
    pub rule_width: f32,
    pub header_rule_width: f32,
}

/// Inline content set apart from its text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InlineMeasures {
    /// Size of inline code and math (× the text around it).
    pub code_size: f32,
    /// Size of a footnote's number in the text, and how far it is raised (× the text).
    pub note_number_size: f32,
    pub note_number_rise: f32,
}

/// The notes at the end of a handout.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteMeasures {
    /// Line height of their heading (× its size).
    pub heading_line_height: f32,
    /// Space above their heading (× its size).
    pub space_above: f32,
    /// The short rule above the heading: its length (share of the column), how far above
    /// the heading (× its size) and its width (points).
    pub rule_length: f32,
    pub rule_offset: f32,
    pub rule_width: f32,
}

/// The header of every page: organization and title, a rule under them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderMeasures {
    /// Line height (× small).
    pub line_height: f32,
    /// Space between the text and the rule (× small).
    pub rule_space: f32,
    /// Width of the rule (points).
    pub rule_width: f32,
    /// Space between the header and the body (× small).
    pub body_space: f32,
}

/// The footer of every page: the disclaimer, then the review line and the page number.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FooterMeasures {
    /// Line height (× small).
    pub line_height: f32,
    /// Width of the rule above the footer (points).
    pub rule_width: f32,
    /// Space between the rule and the text (× small).
    pub rule_space: f32,
    /// Space above the review line (× small).
    pub line_space: f32,
    /// Space between the review line and the page number (× small).
    pub page_number_gap: f32,
    /// Space between the body and the footer (× small).
    pub body_space: f32,
    /// The most of the page's text height header and footer may take together; a
    /// disclaimer that would need more is printed once, at the end.
    pub max_share: f32,
    /// The closing disclaimer: space above it (× paragraph) and the width of its rule
    /// (points).
    pub closing_space: f32,
    pub closing_rule_width: f32,
}

impl Measures {
    /// The first measure that is not a number of points or a share folio can use, as its
    /// `[section] key` and what is wrong with it.
    pub fn validate(&self) -> Result<(), String> {
        let m = self;
        let values = [
            ("title.line_height", m.title.line_height),
            ("title.subtitle_line_height", m.title.subtitle_line_height),
            ("title.subtitle_space", m.title.subtitle_space),
            ("title.byline_space", m.title.byline_space),
            ("title.rule_space", m.title.rule_space),
            ("title.rule_width", m.title.rule_width),
            ("headings.line_height", m.headings.line_height),
            ("headings.space_above_h1", m.headings.space_above_h1),
            ("headings.space_above_h2", m.headings.space_above_h2),
            ("headings.space_above", m.headings.space_above),
            ("headings.space_below", m.headings.space_below),
            ("rules.height", m.rules.height),
            ("rules.width", m.rules.width),
            ("figures.max_height", m.figures.max_height),
            ("figures.max_upscale", m.figures.max_upscale),
            ("figures.caption_size", m.figures.caption_size),
            ("figures.caption_space", m.figures.caption_space),
            ("code.padding", m.code.padding),
            ("code.line_height", m.code.line_height),
            ("quotes.bar_width", m.quotes.bar_width),
            ("quotes.inset", m.quotes.inset),
            ("quotes.padding", m.quotes.padding),
            ("quotes.open_padding", m.quotes.open_padding),
            ("callouts.bar_width", m.callouts.bar_width),
            ("callouts.inset", m.callouts.inset),
            ("callouts.padding", m.callouts.padding),
            ("callouts.label_line_height", m.callouts.label_line_height),
            ("callouts.label_space", m.callouts.label_space),
            ("lists.marker_gap", m.lists.marker_gap),
            ("lists.min_indent", m.lists.min_indent),
            ("lists.checkbox_size", m.lists.checkbox_size),
            ("lists.checkbox_stroke", m.lists.checkbox_stroke),
            ("lists.tick_stroke", m.lists.tick_stroke),
            ("lists.tight_item_space", m.lists.tight_item_space),
            ("lists.min_column_share", m.lists.min_column_share),
            ("definitions.indent", m.definitions.indent),
            ("definitions.details_space", m.definitions.details_space),
            ("tables.padding_x", m.tables.padding_x),
            ("tables.padding_y", m.tables.padding_y),
            ("tables.text_size", m.tables.text_size),
            ("tables.line_height", m.tables.line_height),
            ("tables.crowded_padding", m.tables.crowded_padding),
            ("tables.crowded_size", m.tables.crowded_size),
            ("tables.crowded_min_size", m.tables.crowded_min_size),
            ("tables.rule_width", m.tables.rule_width),
            ("tables.header_rule_width", m.tables.header_rule_width),
            ("inline.code_size", m.inline.code_size),
            ("inline.note_number_size", m.inline.note_number_size),
            ("inline.note_number_rise", m.inline.note_number_rise),
            ("notes.heading_line_height", m.notes.heading_line_height),
            ("notes.space_above", m.notes.space_above),
            ("notes.rule_length", m.notes.rule_length),
            ("header.line_height", m.header.line_height),
            ("footer.line_height", m.footer.line_height),
            ("footer.max_share", m.footer.max_share),
        ];
        for (key, value) in values {
            if !value.is_finite() || !(0.0..=100.0).contains(&value) {
                return Err(format!(
                    "{} must be a number from 0 to 100, not {value}",
                    named(key)
                ));
            }
            let is_line_height = key.ends_with("line_height");
            if is_line_height && !(0.8..=3.0).contains(&value) {
                return Err(format!(
                    "{} must be between 0.8 and 3 (a multiple of the font size), not {value}",
                    named(key)
                ));
            }
        }
        for (key, value) in [
            ("figures.max_height", m.figures.max_height),
            ("lists.min_column_share", m.lists.min_column_share),
            ("notes.rule_length", m.notes.rule_length),
            ("footer.max_share", m.footer.max_share),
        ] {
            if value > 1.0 {
                return Err(format!(
                    "{} is a share and must be at most 1, not {value}",
                    named(key)
                ));
            }
        }
        if !(10.0..=1200.0).contains(&m.figures.dpi) {
            return Err(format!(
                "[figures] dpi must be between 10 and 1200, not {}",
                m.figures.dpi
            ));
        }
        Ok(())
    }
}

/// `tables.line_height` as a style file shows it: `[tables] line_height`.
fn named(key: &str) -> String {
    match key.split_once('.') {
        Some((section, name)) => format!("[{section}] {name}"),
        None => key.to_string(),
    }
}

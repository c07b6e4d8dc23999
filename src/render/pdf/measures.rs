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

use serde::{Deserialize, Serialize};

/// Every measure of the handout, by element.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    pub logo: LogoMeasures,
}

/// The letterhead (`[project] logo`) at the top of the title block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogoMeasures {
    /// Its height (× the title's size); its width follows.
    pub height: f32,
    /// Its greatest width (a share of the column).
    pub max_width: f32,
    /// Space between it and the title (× paragraph).
    pub space_below: f32,
    /// Where it stands: `start` (left, right in a right-to-left handout), `center` or `end`.
    pub align: LogoAlign,
}

/// Where the letterhead stands on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogoAlign {
    Start,
    Center,
    End,
}

/// The title block: title, subtitle, byline and the rule under them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMeasures {
    /// The height the break takes, its line in the middle (× paragraph).
    pub height: f32,
    /// Width of its line (points).
    pub width: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeMeasures {
    /// Padding around code blocks (× code).
    pub padding: f32,
    /// Line height (× code).
    pub line_height: f32,
}

/// A box with a bar on its left edge: block quotes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefinitionMeasures {
    /// Indent of the details under their term (× body).
    pub indent: f32,
    /// Space above each part of the details (× paragraph).
    pub details_space: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InlineMeasures {
    /// Size of inline code and math (× the text around it).
    pub code_size: f32,
    /// Size of a footnote's number in the text, and how far it is raised (× the text).
    pub note_number_size: f32,
    pub note_number_rise: f32,
}

/// The notes at the end of a handout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// What a measure is a number of, which decides the values it may take. Every measure has
/// one ([`kind_of`]); the ranges keep each element's words on the page at any setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A multiple of the font size: 1 to 3.
    LineHeight,
    /// A share of a length (the page's text height, the column): 0 to 1.
    Share,
    /// A type size relative to another: 0.5 to 1.5.
    Size,
    /// A rule's or a stroke's width, in points: 0 to 12.
    Stroke,
    /// A distance in points: 0 to 36.
    Points,
    /// Space or padding as a multiple of a length the scale gives: 0 to 4.
    Multiple,
    /// How much an image may be enlarged: 0 to 10.
    Factor,
    /// Dots per inch: 10 to 1200.
    Resolution,
}

impl Kind {
    fn range(self) -> (f32, f32, &'static str) {
        match self {
            Kind::LineHeight => (1.0, 3.0, " (a multiple of the font size)"),
            Kind::Share => (0.0, 1.0, " (a share)"),
            Kind::Size => (0.5, 1.5, " (a multiple of a type size)"),
            Kind::Stroke => (0.0, 12.0, " points"),
            Kind::Points => (0.0, 36.0, " points"),
            Kind::Multiple => (0.0, 4.0, ""),
            Kind::Factor => (0.0, 10.0, ""),
            Kind::Resolution => (10.0, 1200.0, " dots per inch"),
        }
    }
}

/// The kind of the measure `key` of `[section]`; `None` for a key folio does not have.
fn kind_of(section: &str, key: &str) -> Option<Kind> {
    let kind = match (section, key) {
        (_, k) if k.ends_with("line_height") => Kind::LineHeight,
        ("figures", "max_height")
        | ("logo", "max_width")
        | ("lists", "min_column_share")
        | ("notes", "rule_length")
        | ("footer", "max_share")
        | ("tables", "crowded_padding" | "crowded_size") => Kind::Share,
        ("figures", "caption_size")
        | ("tables", "text_size" | "crowded_min_size")
        | ("inline", "code_size" | "note_number_size") => Kind::Size,
        (_, k) if k.ends_with("width") || k.ends_with("stroke") => Kind::Stroke,
        ("figures", "caption_space") | ("quotes" | "callouts", "inset") => Kind::Points,
        ("figures", "max_upscale") => Kind::Factor,
        ("figures", "dpi") => Kind::Resolution,
        ("title", "subtitle_space" | "byline_space" | "rule_space")
        | ("headings", "space_above_h1" | "space_above_h2" | "space_above" | "space_below")
        | ("rules", "height")
        | ("code", "padding")
        | ("quotes", "padding" | "open_padding")
        | ("callouts", "padding" | "label_space")
        | ("lists", "marker_gap" | "min_indent" | "checkbox_size" | "tight_item_space")
        | ("definitions", "indent" | "details_space")
        | ("tables", "padding_x" | "padding_y")
        | ("inline", "note_number_rise")
        | ("notes", "space_above" | "rule_offset")
        | ("header", "rule_space" | "body_space")
        | ("logo", "height" | "space_below")
        | (
            "footer",
            "rule_space" | "line_space" | "page_number_gap" | "body_space" | "closing_space",
        ) => Kind::Multiple,
        _ => return None,
    };
    Some(kind)
}

/// A style value out of its range: its section, its key, and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct OutOfRange {
    pub section: String,
    pub key: String,
    pub message: String,
}

impl OutOfRange {
    pub fn new(section: &str, key: &str, message: String) -> OutOfRange {
        OutOfRange {
            section: section.to_string(),
            key: key.to_string(),
            message,
        }
    }
}

impl Measures {
    /// Every measure, as `(section, key, value)`, in the order of the style file.
    pub(crate) fn each(&self) -> Vec<(String, String, f64)> {
        let mut out = Vec::new();
        // Measures are plain tables of numbers: serializing them cannot fail.
        let Ok(toml::Value::Table(sections)) = toml::Value::try_from(self) else {
            return out;
        };
        for (section, keys) in sections {
            if let toml::Value::Table(keys) = keys {
                for (key, value) in keys {
                    if let Some(number) = value.as_float() {
                        out.push((section.clone(), key, number));
                    }
                }
            }
        }
        out
    }

    /// The first measure that is not a number folio can use (each kind has its range, see
    /// [`Kind`]): its `[section] key` and what is wrong with it.
    pub fn validate(&self) -> Result<(), OutOfRange> {
        for (section, key, value) in self.each() {
            let kind = kind_of(&section, &key).unwrap_or(Kind::Multiple);
            let (low, high, unit) = kind.range();
            let fits = value.is_finite() && (f64::from(low)..=f64::from(high)).contains(&value);
            if !fits {
                // Shown as the file wrote it (an f32 prints its shortest form).
                let shown = value as f32;
                let message = format!(
                    "[{section}] {key} must be a number from {low} to {high}{unit}, not {shown}"
                );
                return Err(OutOfRange::new(&section, &key, message));
            }
        }
        Ok(())
    }
}

/// A style file setting every measure to the lowest (`high` false) or highest value its kind
/// allows: what the layout's tests set a handout with, to show no word is lost at any
/// setting.
#[cfg(test)]
pub(crate) fn extreme_style(measures: &Measures, high: bool) -> String {
    let mut text = String::new();
    let mut section_now = String::new();
    for (section, key, _) in measures.each() {
        if section != section_now {
            text.push_str(&format!("\n[{section}]\n"));
            section_now = section.clone();
        }
        let (low, top, _) = kind_of(&section, &key).unwrap_or(Kind::Multiple).range();
        let value = if high { top } else { low };
        text.push_str(&format!("{key} = {value:?}\n"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::style::Style;

    #[test]
    fn every_measure_has_a_kind_and_the_built_in_ones_fit() {
        let measures = Style::builtin().measures;
        let all = measures.each();
        assert!(all.len() >= 60, "{}", all.len());
        for (section, key, _) in &all {
            assert!(kind_of(section, key).is_some(), "[{section}] {key}");
        }
        assert_eq!(measures.validate(), Ok(()));
    }

    #[test]
    fn each_kind_refuses_what_is_not_a_number_in_its_range() {
        let builtin = Style::builtin().measures;
        type Set = fn(&mut Measures, f32);
        let cases: [(Set, &str); 6] = [
            (|m, v| m.header.body_space = v, "[header] body_space"),
            (|m, v| m.footer.body_space = v, "[footer] body_space"),
            (|m, v| m.notes.rule_width = v, "[notes] rule_width"),
            (|m, v| m.tables.padding_x = v, "[tables] padding_x"),
            (|m, v| m.footer.max_share = v, "[footer] max_share"),
            (|m, v| m.tables.line_height = v, "[tables] line_height"),
        ];
        for (set, name) in cases {
            for bad in [f32::NAN, f32::INFINITY, -1.0, 100.0] {
                let mut m = builtin.clone();
                set(&mut m, bad);
                let err = m.validate().expect_err(name);
                assert!(err.message.starts_with(name), "{}", err.message);
            }
        }
    }
}

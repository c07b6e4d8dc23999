//! The handout style (`styles/handout.toml`): paper, margins, faces, colours and type sizes.
//!
//! folio carries a default style compiled in; a project's own file overrides any part of it.
//! Every key is checked: an unknown one is an error naming the key and its line.

use serde::Deserialize;

use super::measures::{Measures, OutOfRange};
use crate::format::Variant;
use crate::toml_lines::{line_of_key, line_of_section};

/// The style compiled into folio, used when a project has no styles/handout.toml.
pub const DEFAULT_STYLE: &str = include_str!("../../../styles/handout.toml");

/// The file name of a project's handout style, inside `styles/`.
pub const STYLE_FILE: &str = "handout.toml";

/// The whole handout style. Unknown sections are refused by [`Style::parse`] (the measures'
/// sections are flattened in, so serde cannot refuse them itself).
#[derive(Debug, Clone, Deserialize)]
pub struct Style {
    pub page: PageStyle,
    pub faces: Faces,
    pub colors: Colors,
    pub standard: TypeScale,
    pub large_print: TypeScale,
    /// Space, padding, line heights and rules, by element (`[headings]`, `[tables]`, …).
    #[serde(flatten)]
    pub measures: Measures,
}

/// The sections of a style file.
const SECTIONS: &[&str] = &[
    "page",
    "faces",
    "colors",
    "standard",
    "large_print",
    "title",
    "headings",
    "rules",
    "figures",
    "code",
    "quotes",
    "callouts",
    "lists",
    "definitions",
    "tables",
    "inline",
    "notes",
    "header",
    "footer",
    "logo",
];

impl Style {
    pub fn scale(&self, variant: Variant) -> &TypeScale {
        match variant {
            Variant::Standard => &self.standard,
            Variant::LargePrint => &self.large_print,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaperSize {
    Letter,
    A4,
}

impl PaperSize {
    /// Width and height in points.
    pub fn dimensions(self) -> (f32, f32) {
        match self {
            PaperSize::Letter => (612.0, 792.0),
            PaperSize::A4 => (595.276, 841.89),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageStyle {
    pub size: PaperSize,
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    pub margin_right: f32,
}

/// Font file names; see `fonts.rs` for how they are found.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faces {
    pub regular: String,
    pub bold: String,
    pub italic: String,
    pub bold_italic: String,
    pub mono: String,
    pub mono_bold: String,
    pub fallback: String,
}

/// An sRGB colour, parsed from `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        parse_hex_color(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a #rrggbb colour")))
    }
}

fn parse_hex_color(text: &str) -> Option<Rgb> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| {
        u8::from_str_radix(&hex[i..i + 2], 16)
            .ok()
            .map(|v| v as f32 / 255.0)
    };
    Some(Rgb(channel(0)?, channel(2)?, channel(4)?))
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    pub text: Rgb,
    pub heading: Rgb,
    pub muted: Rgb,
    pub link: Rgb,
    pub rule: Rgb,
    pub code_background: Rgb,
    pub table_header_background: Rgb,
    pub note: Rgb,
    pub tip: Rgb,
    pub important: Rgb,
    pub warning: Rgb,
    pub caution: Rgb,
}

/// Type sizes (points) and spacing of one variant.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeScale {
    pub body: f32,
    /// Line height as a multiple of the font size.
    pub line_height: f32,
    /// Space between blocks, in points.
    pub paragraph_spacing: f32,
    pub h1: f32,
    pub h2: f32,
    pub h3: f32,
    /// Levels 4 to 6.
    pub h4: f32,
    pub code: f32,
    /// Header, footer and footnote-marker text.
    pub small: f32,
}

impl TypeScale {
    pub fn heading(&self, level: u8) -> f32 {
        match level {
            1 => self.h1,
            2 => self.h2,
            3 => self.h3,
            _ => self.h4,
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct StyleError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl Style {
    /// The compiled-in default style.
    pub fn builtin() -> Style {
        // The default file is part of folio and covered by a test, so this cannot fail.
        Style::parse(DEFAULT_STYLE, "styles/handout.toml (built in)")
            .unwrap_or_else(|e| panic!("the built-in handout style is invalid: {e}"))
    }

    /// Parses a style file: keys it leaves out keep the built-in values.
    pub fn parse(text: &str, shown_path: &str) -> Result<Style, StyleError> {
        let error_at = |e: toml::de::Error| StyleError {
            path: shown_path.to_string(),
            line: e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            }),
            message: e.message().trim_end().replace('\n', "; "),
        };
        let user: toml::Table = toml::from_str(text).map_err(error_at)?;
        if let Some(unknown) = user.keys().find(|k| !SECTIONS.contains(&k.as_str())) {
            return Err(StyleError {
                path: shown_path.to_string(),
                line: line_of_section(text, unknown)
                    .or_else(|| line_of_key(text, "", unknown))
                    .unwrap_or(1),
                message: format!(
                    "unknown section `{unknown}` (known: {})",
                    SECTIONS.join(", ")
                ),
            });
        }
        let mut merged: toml::Table = if text == DEFAULT_STYLE {
            toml::Table::new()
        } else {
            toml::from_str(DEFAULT_STYLE).map_err(error_at)?
        };
        merge(&mut merged, user);
        let style: Style = merged.try_into().map_err(|e: toml::de::Error| {
            // The merged table has no spans: find the offending key in the user's text.
            let message = e.message().trim_end().replace('\n', "; ");
            // Quoted words in the message are keys or values: find the line naming one.
            let line = message
                .split('`')
                .skip(1)
                .step_by(2)
                .find_map(|word| {
                    text.lines()
                        .position(|l| {
                            let l = l.trim_start();
                            !l.starts_with('#')
                                && (l.starts_with(word) || l.contains(&format!("\"{word}\"")))
                        })
                        .map(|i| i + 1)
                })
                .unwrap_or(1);
            StyleError {
                path: shown_path.to_string(),
                line,
                message,
            }
        })?;
        style.validate().map_err(|e| StyleError {
            path: shown_path.to_string(),
            // The key's line in the user's file, else its section's; the built-in values
            // are valid, so a bad one is always the user's.
            line: line_of_key(text, &e.section, &e.key)
                .or_else(|| line_of_section(text, &e.section))
                .unwrap_or(1),
            message: e.message,
        })?;
        Ok(style)
    }

    fn validate(&self) -> Result<(), OutOfRange> {
        let (w, h) = self.page.size.dimensions();
        let p = &self.page;
        for (name, m) in [
            ("margin_top", p.margin_top),
            ("margin_bottom", p.margin_bottom),
            ("margin_left", p.margin_left),
            ("margin_right", p.margin_right),
        ] {
            if !(0.0..=144.0).contains(&m) {
                let message = format!("[page] {name} must be between 0 and 144 points, not {m}");
                return Err(OutOfRange::new("page", name, message));
            }
        }
        if w - p.margin_left - p.margin_right < 200.0 {
            let message = "[page] the side margins leave too little room for text".to_string();
            return Err(OutOfRange::new("page", "margin_left", message));
        }
        if h - p.margin_top - p.margin_bottom < 300.0 {
            let message = "[page] the top and bottom margins leave too little room for text";
            return Err(OutOfRange::new("page", "margin_top", message.to_string()));
        }
        for (variant, scale) in [
            ("standard", &self.standard),
            ("large_print", &self.large_print),
        ] {
            for (name, size) in [
                ("body", scale.body),
                ("h1", scale.h1),
                ("h2", scale.h2),
                ("h3", scale.h3),
                ("h4", scale.h4),
                ("code", scale.code),
                ("small", scale.small),
            ] {
                if !(6.0..=72.0).contains(&size) {
                    let message =
                        format!("[{variant}] {name} must be between 6 and 72 points, not {size}");
                    return Err(OutOfRange::new(variant, name, message));
                }
            }
            if !(1.0..=3.0).contains(&scale.line_height) {
                let message = format!(
                    "[{variant}] line_height must be between 1 and 3, not {}",
                    scale.line_height
                );
                return Err(OutOfRange::new(variant, "line_height", message));
            }
            if !(0.0..=72.0).contains(&scale.paragraph_spacing) {
                let message = format!(
                    "[{variant}] paragraph_spacing must be between 0 and 72 points, not {}",
                    scale.paragraph_spacing
                );
                return Err(OutOfRange::new(variant, "paragraph_spacing", message));
            }
        }
        self.measures.validate()
    }
}

/// Overlays `user` on `base`, table by table.
fn merge(base: &mut toml::Table, user: toml::Table) {
    for (key, value) in user {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(u)) => merge(b, u),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_style_parses_with_large_print_at_least_18_points() {
        let style = Style::builtin();
        assert_eq!(style.page.size, PaperSize::Letter);
        assert!((12.0..=13.0).contains(&style.standard.body));
        assert!(style.large_print.body >= 18.0);
        assert!(style.large_print.h1 > style.standard.h1);
    }

    #[test]
    fn a_partial_style_keeps_the_defaults() {
        let style = Style::parse("[page]\nsize = \"a4\"\n", "styles/handout.toml").unwrap();
        assert_eq!(style.page.size, PaperSize::A4);
        assert_eq!(style.standard.body, Style::builtin().standard.body);
    }

    #[test]
    fn unknown_keys_and_bad_colours_name_the_line() {
        let err = Style::parse("[page]\nsize = \"letter\"\npaper = 3\n", "s.toml").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.to_string().contains("paper"), "{err}");
        let err = Style::parse("[colors]\n\ntext = \"blue\"\n", "s.toml").unwrap_err();
        assert!(err.to_string().contains("#rrggbb"), "{err}");
        assert_eq!(err.line, 3, "{err}");
    }

    #[test]
    fn measures_are_read_and_checked() {
        let style = Style::parse("[headings]\nspace_below = 0.5\n", "s.toml").unwrap();
        assert_eq!(style.measures.headings.space_below, 0.5);
        assert_eq!(
            style.measures.tables,
            Style::builtin().measures.tables,
            "what the file leaves out keeps its value"
        );
        let err = Style::parse("[tables]\nline_height = 9\n", "s.toml").unwrap_err();
        assert!(err.to_string().contains("line_height"), "{err}");
        let err = Style::parse("\n[headingz]\nx = 1\n", "s.toml").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.to_string().contains("headingz"), "{err}");
    }

    #[test]
    fn a_value_out_of_range_names_its_line() {
        let text = "[page]\nsize = \"a4\"\n\n[header]   # the running head\nline_height = 1.2\nbody_space = inf\n";
        let err = Style::parse(text, "s.toml").unwrap_err();
        assert_eq!(err.line, 6, "{err}");
        assert!(err.to_string().contains("[header] body_space"), "{err}");
        let err = Style::parse("[footer]\n\nbody_space = nan\n", "s.toml").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        let err =
            Style::parse("[page]\nmargin_left = 20\nmargin_right = 300\n", "s.toml").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        let err = Style::parse("\n[standard]\nbody = 2\n", "s.toml").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
    }

    #[test]
    fn the_known_sections_are_the_style_s_own() {
        let style = Style::builtin();
        let mut sections: Vec<String> = ["page", "faces", "colors", "standard", "large_print"]
            .map(String::from)
            .to_vec();
        for (section, _, _) in style.measures.each() {
            if !sections.contains(&section) {
                sections.push(section);
            }
        }
        let mut known: Vec<&str> = SECTIONS.to_vec();
        known.sort_unstable();
        let mut found: Vec<&str> = sections.iter().map(String::as_str).collect();
        found.sort_unstable();
        assert_eq!(known, found);
        let err = Style::parse("stray = 1\n[page]\n", "s.toml").unwrap_err();
        assert_eq!(err.line, 1, "{err}");
    }

    #[test]
    fn absurd_sizes_are_refused() {
        let err = Style::parse("[standard]\nbody = 2\n", "s.toml").unwrap_err();
        assert!(err.to_string().contains("body"), "{err}");
    }
}

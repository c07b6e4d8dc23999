//! What the lints are asked to do, as the project says it: the `[check]` table of folio.toml
//! (the `check:` key of front matter overrides it per document: see [`super::settings`]).
//!
//! ```toml
//! [check]
//! target_grade = 6            # AMA's advice; NIH's is 8 (the default)
//! formula = "flesch-kincaid"  # or "smog" (the default)
//! review_max_age_months = 12
//! [check.lints]
//! unsourced-claim = "error"   # off, note, warning or error
//! readability = "off"
//! ```
//!
//! ```yaml
//! check:
//!   readability: off          # this document is a form, not prose
//!   target_grade: 10
//! ```
//! (`check: off` switches every lint off for the document.)

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Code;

/// The reading formula a target grade is judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Formula {
    #[default]
    Smog,
    FleschKincaid,
}

impl Formula {
    pub fn name(self) -> &'static str {
        match self {
            Formula::Smog => "SMOG",
            Formula::FleschKincaid => "Flesch\u{2013}Kincaid",
        }
    }
}

/// The front-matter key of per-document settings.
pub const FRONT_MATTER_KEY: &str = "check";

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckConfig {
    /// The school grade text should not read above.
    pub target_grade: f64,
    /// The formula the target is judged by.
    pub formula: Formula,
    /// How old a review date may be, in months.
    pub review_max_age_months: u32,
    /// Lints by name, with the level their findings get.
    pub lints: BTreeMap<String, Level>,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            target_grade: 8.0,
            formula: Formula::Smog,
            review_max_age_months: 24,
            lints: BTreeMap::new(),
        }
    }
}

impl CheckConfig {
    /// The first setting that is not valid, as (key, message).
    pub fn validate(&self) -> Result<(), (String, String)> {
        if !(1.0..=20.0).contains(&self.target_grade) {
            return Err((
                "target_grade".into(),
                format!(
                    "`target_grade` must be a school grade from 1 to 20, not {}",
                    self.target_grade
                ),
            ));
        }
        if self.review_max_age_months == 0 {
            return Err((
                "review_max_age_months".into(),
                "`review_max_age_months` must be at least 1".into(),
            ));
        }
        if let Some(name) = self
            .lints
            .keys()
            .find(|n| Code::lint_from_name(n).is_none())
        {
            return Err((name.clone(), unknown_lint(name)));
        }
        Ok(())
    }
}

pub fn unknown_lint(name: &str) -> String {
    let known: Vec<&str> = Code::LINTS.iter().map(|l| l.name()).collect();
    format!("unknown lint `{name}` (known: {})", known.join(", "))
}

/// The level a lint's findings get.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Note,
    #[serde(alias = "warn")]
    Warning,
    Error,
}

impl Level {
    pub fn parse(text: &str) -> Option<Level> {
        match text.trim().to_ascii_lowercase().as_str() {
            "off" | "allow" | "false" => Some(Level::Off),
            "note" => Some(Level::Note),
            "warn" | "warning" => Some(Level::Warning),
            "error" | "deny" => Some(Level::Error),
            _ => None,
        }
    }
}

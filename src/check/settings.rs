//! The settings the lints run with for one document: the project's `[check]` table, with
//! the `check:` key of the document's front matter on top.

use std::collections::BTreeMap;

use super::config::{CheckConfig, FRONT_MATTER_KEY, Formula, Level, unknown_lint};
use super::context::Context;
use crate::diagnostics::{Code, Diagnostic, Severity, SourceMap};
use crate::model::Document;

/// The settings for one document: the project's, with its front matter's on top.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentSettings {
    pub target_grade: f64,
    pub formula: Formula,
    pub review_max_age_months: u32,
    pub levels: BTreeMap<Code, Level>,
    /// `check: off` in front matter.
    pub all_off: bool,
}

impl DocumentSettings {
    /// The project's settings (whose names were validated when folio.toml was read).
    pub fn of_project(config: &CheckConfig) -> DocumentSettings {
        DocumentSettings {
            target_grade: config.target_grade,
            formula: config.formula,
            review_max_age_months: config.review_max_age_months,
            levels: config
                .lints
                .iter()
                .filter_map(|(name, level)| Some((Code::lint_from_name(name)?, *level)))
                .collect(),
            all_off: false,
        }
    }

    /// The settings for `doc`, and an error for each front-matter setting folio cannot use.
    pub fn resolve(
        doc: &Document,
        map: &SourceMap<'_>,
        cx: &Context<'_>,
    ) -> (DocumentSettings, Vec<Diagnostic>) {
        let mut settings = DocumentSettings::of_project(cx.config);
        let mut errors = Vec::new();
        let Some(value) = doc.meta.extra.get(FRONT_MATTER_KEY) else {
            return (settings, errors);
        };
        let location = map
            .front_matter_key(FRONT_MATTER_KEY)
            .unwrap_or_else(|| map.top());
        let mut error = |message: String| {
            errors.push(
                Diagnostic::new(Code::Config, cx.path, location, message).help(
                    "front matter `check:` takes `off`, or lint names with off, note, warning \
                     or error, and `target_grade`, `formula`, `review_max_age_months`",
                ),
            );
        };
        match value {
            serde_json::Value::Bool(false) => settings.all_off = true,
            serde_json::Value::String(s) if Level::parse(s) == Some(Level::Off) => {
                settings.all_off = true;
            }
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    settings.apply(key, value).unwrap_or_else(&mut error);
                }
            }
            other => error(format!("`check` must be `off` or a mapping, not `{other}`")),
        }
        (settings, errors)
    }

    fn apply(&mut self, key: &str, value: &serde_json::Value) -> Result<(), String> {
        match key {
            "target_grade" | "target-grade" => {
                let grade = value
                    .as_f64()
                    .filter(|g| (1.0..=20.0).contains(g))
                    .ok_or_else(|| {
                        format!("`check.{key}` must be a school grade from 1 to 20, not `{value}`")
                    })?;
                self.target_grade = grade;
            }
            "formula" => {
                self.formula = match value.as_str() {
                    Some("smog") => Formula::Smog,
                    Some("flesch-kincaid") => Formula::FleschKincaid,
                    _ => {
                        return Err(format!(
                            "`check.formula` must be `smog` or `flesch-kincaid`, not `{value}`"
                        ));
                    }
                };
            }
            "review_max_age_months" | "review-max-age-months" => {
                self.review_max_age_months = value
                    .as_u64()
                    .and_then(|m| u32::try_from(m).ok())
                    .ok_or_else(|| {
                        format!("`check.{key}` must be a whole number of months, not `{value}`")
                    })?;
            }
            name => {
                let lint = Code::lint_from_name(name).ok_or_else(|| unknown_lint(name))?;
                let level = match value {
                    serde_json::Value::Bool(false) => Some(Level::Off),
                    serde_json::Value::String(s) => Level::parse(s),
                    _ => None,
                }
                .ok_or_else(|| {
                    format!("`check.{name}` must be off, note, warning or error, not `{value}`")
                })?;
                self.levels.insert(lint, level);
            }
        }
        Ok(())
    }

    /// The severity a finding gets, `None` if its lint is off. Notes (a document's reading
    /// grade) stay notes whatever level their lint has, unless it is off.
    pub fn severity(&self, lint: Code, default: Severity) -> Option<Severity> {
        match self.levels.get(&lint) {
            Some(Level::Off) => None,
            _ if default == Severity::Note => Some(Severity::Note),
            Some(Level::Note) => Some(Severity::Note),
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Error) => Some(Severity::Error),
            None => Some(default),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings_for(markdown: &str, config: &CheckConfig) -> (DocumentSettings, Vec<Diagnostic>) {
        let doc = crate::read::read_str(markdown, "t.md", crate::read::Flavour::Markdown).unwrap();
        let map = SourceMap::new(markdown);
        let cx = Context {
            path: "t.md",
            config,
            project_language: false,
            today: 0,
            files: None,
        };
        DocumentSettings::resolve(&doc, &map, &cx)
    }

    #[test]
    fn front_matter_overrides_the_project() {
        let mut config = CheckConfig::default();
        config.lints.insert("unsourced-claim".into(), Level::Error);
        let (s, errors) = settings_for(
            "---\ncheck:\n  readability: off\n  target_grade: 6\n---\nText\n",
            &config,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.target_grade, 6.0);
        assert_eq!(s.severity(Code::Readability, Severity::Warning), None);
        assert_eq!(
            s.severity(Code::UnsourcedClaim, Severity::Warning),
            Some(Severity::Error)
        );
        assert_eq!(
            s.severity(Code::ImageAlt, Severity::Warning),
            Some(Severity::Warning)
        );
        let (s, _) = settings_for("---\ncheck: off\n---\nText\n", &config);
        assert!(s.all_off);
    }

    #[test]
    fn bad_front_matter_settings_are_errors_on_their_line() {
        let (_, errors) = settings_for(
            "---\ntitle: T\ncheck:\n  readabilty: off\n  target_grade: 99\n---\n",
            &CheckConfig::default(),
        );
        assert_eq!(errors.len(), 2);
        assert!(
            errors
                .iter()
                .all(|e| e.location.line == 3 && e.code == Code::Config)
        );
        assert!(
            errors[0].message.contains("readabilty"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn project_settings_are_validated() {
        let mut config = CheckConfig::default();
        assert!(config.validate().is_ok());
        config.lints.insert("nope".into(), Level::Off);
        assert!(
            config
                .validate()
                .unwrap_err()
                .1
                .contains("unknown lint `nope`")
        );
        let config = CheckConfig {
            target_grade: 0.0,
            ..CheckConfig::default()
        };
        assert!(config.validate().is_err());
    }
}

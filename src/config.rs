//! `folio.toml`: project settings. Every setting has a default, so a folder of Markdown builds
//! with no configuration at all; an unknown key is an error naming the key and its line.

use std::path::Path;

use serde::Deserialize;

use crate::format::{Format, Variant};

/// The project configuration file's name.
pub const CONFIG_FILE: &str = "folio.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Folder of Markdown sources, relative to the project.
    pub content: String,
    /// Folder outputs are written to, relative to the project (`-o` overrides it).
    pub output: String,
    /// Formats `folio build` writes (`--format` overrides it).
    pub formats: Vec<Format>,
    pub text: TextConfig,
    pub html: HtmlConfig,
    pub project: ProjectConfig,
    pub pdf: PdfConfig,
    pub epub: EpubConfig,
    pub book: BookConfig,
    /// The project's own words for folio's terms, by language: `[terms.es]
    /// callout-warning = "¡Atención!"` (keys as in src/terms/en.toml).
    pub terms: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    /// `folio check` and the checks `folio build` runs.
    pub check: crate::check::config::CheckConfig,
    /// How large a file folio reads.
    pub limits: crate::limits::Limits,
}

impl Config {
    /// What the project says for every document: `[project]`'s defaults and `[terms]`.
    pub fn meta_defaults(&self) -> crate::model::MetaDefaults {
        crate::model::MetaDefaults {
            terms: self.terms.clone(),
            ..self.project.meta_defaults()
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            content: "content".into(),
            output: "dist".into(),
            formats: Format::BUILD_DEFAULT.to_vec(),
            text: TextConfig::default(),
            html: HtmlConfig::default(),
            project: ProjectConfig::default(),
            pdf: PdfConfig::default(),
            epub: EpubConfig::default(),
            book: BookConfig::default(),
            terms: Default::default(),
            check: crate::check::config::CheckConfig::default(),
            limits: crate::limits::Limits::default(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TextConfig {
    /// Columns plain text is wrapped at.
    pub width: usize,
}

impl Default for TextConfig {
    fn default() -> Self {
        TextConfig { width: 72 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HtmlConfig {
    /// Standalone pages get a table of contents from this many headings on.
    pub toc_min_headings: usize,
    /// The page stylesheet, relative to the project; folio's own when the default file is
    /// absent.
    pub stylesheet: String,
}

impl Default for HtmlConfig {
    fn default() -> Self {
        HtmlConfig {
            toc_min_headings: 4,
            stylesheet: "styles/folio.css".into(),
        }
    }
}

/// Facts about the publisher and the collection. Those a document can say itself (authors,
/// language, organization, disclaimer) apply to every document whose front matter does not.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProjectConfig {
    /// The collection's name: the catalogue page's heading and the book's default title.
    /// Default: the project folder's name.
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// BCP 47 tag (`en`, `es-MX`). Default: `en`.
    pub language: Option<String>,
    /// Shown in the handout header (front matter `organization` wins).
    pub organization: Option<String>,
    /// Shown in the handout footer (front matter `disclaimer` wins).
    pub disclaimer: Option<String>,
    /// The letterhead: a PNG or JPEG inside the project (`styles/logo.png`), shown in the
    /// handout's title block, the HTML page header, the catalogue and the EPUB cover, with
    /// the organization's name as its description.
    pub logo: Option<String>,
}

impl ProjectConfig {
    /// What every document gets when its front matter is silent.
    pub fn meta_defaults(&self) -> crate::model::MetaDefaults {
        crate::model::MetaDefaults {
            language: self.language.clone(),
            authors: self.authors.clone(),
            organization: self.organization.clone(),
            disclaimer: self.disclaimer.clone(),
            terms: std::collections::BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PdfConfig {
    /// The handout variants `folio build` writes.
    pub variants: Vec<Variant>,
    /// The handout style, relative to the project; it overrides parts of folio's own. Used
    /// when present.
    pub style: String,
    /// Tagged handouts: a structure tree that screen readers follow (PDF/UA-1). On by
    /// default; off gives the same pages without it.
    pub tagged: bool,
    /// Faces from the system's fonts (Chinese, Japanese, Korean: too large to ship). On by
    /// default; off for a hermetic build, which uses only folio's faces and the project's
    /// fonts/.
    pub system_fonts: bool,
    /// How a link's web address is printed (a reader of paper cannot follow a link):
    /// `inline` after its words (the default), `notes` numbered at the end, or `off`.
    pub link_addresses: crate::render::printed_links::LinkAddresses,
}

impl Default for PdfConfig {
    fn default() -> Self {
        PdfConfig {
            variants: Variant::ALL.to_vec(),
            style: "styles/handout.toml".into(),
            tagged: true,
            system_fonts: true,
            link_addresses: Default::default(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EpubConfig {
    /// Package the handout's fonts (the handout style's `[faces]`) into every EPUB. Off by
    /// default: reading systems let readers pick their own font, and the faces add ~0.9 MB.
    pub embed_fonts: bool,
    /// The EPUB stylesheet, relative to the project; folio's own when the default file is
    /// absent.
    pub stylesheet: String,
}

impl Default for EpubConfig {
    fn default() -> Self {
        EpubConfig {
            embed_fonts: false,
            stylesheet: "styles/epub.css".into(),
        }
    }
}

/// The book: every document of the project as the chapters of one EPUB.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BookConfig {
    /// Default: the name of the project folder.
    pub title: Option<String>,
    pub subtitle: Option<String>,
    /// Default: the authors of the chapters, in order, each once.
    pub authors: Vec<String>,
    /// BCP 47 tag. Default: the first chapter's language.
    pub language: Option<String>,
    pub description: Option<String>,
    pub subjects: Vec<String>,
    /// `urn:uuid:…`; default: derived from the title, authors and organization.
    pub identifier: Option<String>,
    /// The book's file name, dist/<slug>.epub. Default: from the title.
    pub slug: Option<String>,
    /// Chapter files in reading order, relative to the content folder. Default: every
    /// document, in file-name order.
    pub chapters: Option<Vec<String>>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Invalid {
        path: String,
        line: usize,
        message: String,
    },
}

impl Config {
    /// Loads `folio.toml` from `project`, or the defaults if there is none.
    pub fn load(project: &Path) -> Result<Config, ConfigError> {
        let path = project.join(CONFIG_FILE);
        let shown = crate::paths::shown(&path);
        let read = crate::limits::read_settings_file(&path);
        let text = match read {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(ConfigError::Io {
                    path: shown,
                    source,
                });
            }
        };
        Config::parse(&text, &shown)
    }

    pub fn parse(text: &str, shown_path: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError::Invalid {
            path: shown_path.to_string(),
            line: e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            }),
            message: e.message().trim_end().replace('\n', "; "),
        })?;
        let invalid = |section: &str, key: &str, message: String| ConfigError::Invalid {
            path: shown_path.to_string(),
            line: crate::toml_lines::line_of_key(text, section, key).unwrap_or(1),
            message,
        };
        if config.limits.max_file_size_mb == 0 {
            return Err(invalid(
                "limits",
                "max_file_size_mb",
                "`max_file_size_mb` must be at least 1".to_string(),
            ));
        }
        if config.text.width < 20 {
            return Err(invalid(
                "text",
                "width",
                format!(
                    "text width must be at least 20 columns, not {}",
                    config.text.width
                ),
            ));
        }
        for (section, value) in [
            ("project", &config.project.language),
            ("book", &config.book.language),
        ] {
            let key = "language";
            if let Some(language) = value
                && !crate::read::front_matter::is_bcp47(language)
            {
                return Err(invalid(
                    section,
                    key,
                    format!(
                        "`{key}` must be a BCP 47 language tag such as `en` or `es-MX`, not `{language}`"
                    ),
                ));
            }
        }
        if let Err((key, message)) = config.check.validate() {
            let section = if key == "target_grade" || key == "review_max_age_months" {
                "check"
            } else {
                "check.lints"
            };
            return Err(invalid(section, &key, message));
        }
        if config.formats.contains(&Format::Json) {
            return Err(invalid(
                "",
                "formats",
                "`json` is not a build format (use `folio convert --to json`)".into(),
            ));
        }
        for (tag, table) in &config.terms {
            let section = format!("terms.{tag}");
            if !crate::read::front_matter::is_bcp47(tag) {
                return Err(ConfigError::Invalid {
                    path: shown_path.to_string(),
                    line: crate::toml_lines::line_of_section(text, &section).unwrap_or(1),
                    message: format!(
                        "`[terms.{tag}]`: `{tag}` is not a BCP 47 language tag such as `es` or `zh-Hant`"
                    ),
                });
            }
            for (key, value) in table {
                if let Err(message) = crate::terms::check_override(key, value) {
                    return Err(invalid(&section, key, format!("`[terms.{tag}]` {message}")));
                }
            }
        }
        let output = config.output.trim_end_matches(['/', '\\']);
        let content = config.content.trim_end_matches(['/', '\\']);
        if output.is_empty() || output == "." || output == content {
            return Err(invalid(
                "",
                "output",
                format!(
                    "`output` must name a folder of its own (folio deletes files there that it no longer builds), not `{}`",
                    config.output
                ),
            ));
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_all_defaults() {
        let c = Config::parse("", "folio.toml").unwrap();
        assert_eq!(c.content, "content");
        assert_eq!(c.text.width, 72);
        assert_eq!(c.formats, Format::BUILD_DEFAULT);
    }

    #[test]
    fn unknown_keys_are_errors_with_their_line() {
        let err =
            Config::parse("content = \"docs\"\n\n[text]\nwidht = 80\n", "folio.toml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("folio.toml:4: "), "{msg}");
        assert!(msg.contains("widht"), "{msg}");
    }

    #[test]
    fn formats_and_width_are_read() {
        let c = Config::parse("formats = [\"txt\"]\n[text]\nwidth = 60\n", "f").unwrap();
        assert_eq!(c.formats, [Format::Txt]);
        assert_eq!(c.text.width, 60);
        assert!(Config::parse("[text]\nwidth = 3\n", "f").is_err());
    }

    #[test]
    fn project_defaults_and_pdf_variants() {
        let c = Config::parse(
            "[project]\norganization = \"Clinic\"\ndisclaimer = \"Ask your doctor.\"\n\n[pdf]\nvariants = [\"large-print\"]\n",
            "folio.toml",
        )
        .unwrap();
        assert_eq!(c.project.organization.as_deref(), Some("Clinic"));
        assert_eq!(c.pdf.variants, [Variant::LargePrint]);
        assert_eq!(Config::default().pdf.variants.len(), 2);
        let err = Config::parse("[pdf]\nvariants = [\"huge\"]\n", "folio.toml").unwrap_err();
        assert!(err.to_string().contains("folio.toml:2"), "{err}");
    }

    #[test]
    fn project_metadata_becomes_document_defaults() {
        let c = Config::parse(
            "[project]\ntitle = \"Handouts\"\nauthors = [\"Nursing team\"]\nlanguage = \"es-MX\"\n",
            "folio.toml",
        )
        .unwrap();
        let d = c.project.meta_defaults();
        assert_eq!(d.language.as_deref(), Some("es-MX"));
        assert_eq!(d.authors, ["Nursing team"]);
        assert_eq!(c.project.title.as_deref(), Some("Handouts"));
    }

    #[test]
    fn check_settings_are_read_and_validated() {
        let c = Config::parse(
            "[check]\ntarget_grade = 6\nformula = \"flesch-kincaid\"\n[check.lints]\nreadability = \"off\"\n",
            "folio.toml",
        )
        .unwrap();
        assert_eq!(c.check.target_grade, 6.0);
        let err = Config::parse("[check.lints]\n\nreadabilty = \"off\"\n", "folio.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("folio.toml:3: unknown lint `readabilty`"),
            "{err}"
        );
        let err = Config::parse("[check]\ntarget_grade = 40\n", "folio.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("folio.toml:2: "), "{err}");
        let err = Config::parse("[check.lints]\nreadability = \"loud\"\n", "folio.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("folio.toml:2: "), "{err}");
    }

    #[test]
    fn bad_values_name_their_line() {
        let err = Config::parse("[project]\n\nlanguage = \"english please\"\n", "folio.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("folio.toml:3: "), "{err}");
        let err = Config::parse("formats = [\"json\"]\n", "folio.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("folio.toml:1") && err.contains("json"),
            "{err}"
        );
        let err = Config::parse("[text]\n# width = 3\nwidth = 3\n", "folio.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("folio.toml:3: "), "{err}");
        let err = Config::parse(
            "[project]\nlanguage = \"en\"\n\n[book]\nlanguage = \"no good\"\n",
            "folio.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("folio.toml:5: "), "{err}");
        for output in ["", ".", "content/"] {
            let err = Config::parse(&format!("output = \"{output}\"\n"), "folio.toml")
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("folio.toml:1: "), "{err}");
        }
    }
}

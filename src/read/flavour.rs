//! The syntaxes a source may be written in (named like pandoc's), and the Markdown
//! extensions each one enables.

use std::str::FromStr;

/// Which syntax a source is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flavour {
    #[default]
    Markdown,
    Commonmark,
    Gfm,
    Json,
}

impl Flavour {
    pub const NAMES: &'static [&'static str] = &["markdown", "commonmark", "gfm", "json"];

    pub fn name(self) -> &'static str {
        match self {
            Flavour::Markdown => "markdown",
            Flavour::Commonmark => "commonmark",
            Flavour::Gfm => "gfm",
            Flavour::Json => "json",
        }
    }

    /// `commonmark` and `gfm` reproduce their specs, raw HTML included.
    pub fn is_conformance(self) -> bool {
        matches!(self, Flavour::Commonmark | Flavour::Gfm)
    }
}

impl FromStr for Flavour {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "markdown" | "md" => Ok(Flavour::Markdown),
            "commonmark" => Ok(Flavour::Commonmark),
            "gfm" => Ok(Flavour::Gfm),
            "json" => Ok(Flavour::Json),
            other => Err(format!(
                "unknown flavour `{other}` (expected one of: {})",
                Flavour::NAMES.join(", ")
            )),
        }
    }
}

/// The syntax extensions a Markdown reader enables; each flavour has its set, and tests (like
/// the GFM spec's per-example lists) can switch single ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Extensions {
    pub table: bool,
    pub strikethrough: bool,
    /// Bare `www.` / `https://` / e-mail autolinks (GFM).
    pub autolink: bool,
    pub tasklist: bool,
    pub footnotes: bool,
    /// GitHub alerts (`> [!NOTE]`) as callouts.
    pub alerts: bool,
    pub definition_lists: bool,
    /// `$…$` / `$$…$$` and ```` ```math ```` kept as TeX.
    pub math: bool,
    /// Typographic quotes, dashes and ellipses.
    pub smart: bool,
    /// YAML/TOML front matter.
    pub front_matter: bool,
}

impl Extensions {
    /// The extensions of a flavour: none for `commonmark`, GitHub's for `gfm`, all for `markdown`.
    pub fn of(flavour: Flavour) -> Extensions {
        let gfm = Extensions {
            table: true,
            strikethrough: true,
            autolink: true,
            tasklist: true,
            footnotes: true,
            alerts: true,
            ..Extensions::default()
        };
        match flavour {
            Flavour::Commonmark | Flavour::Json => Extensions::default(),
            Flavour::Gfm => gfm,
            Flavour::Markdown => Extensions {
                definition_lists: true,
                math: true,
                smart: true,
                front_matter: true,
                ..gfm
            },
        }
    }
}

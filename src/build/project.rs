//! What a build starts from: folio.toml, the Markdown sources in the content folder, the
//! styles and fonts, and the outputs to make. Loaded once, before anything renders.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::digest::{Fingerprint, sha256_hex};
use crate::discover::{SourceFile, discover_all};
use crate::error::Error;
use crate::format::{Format, Output};
use crate::pipeline::{DEFAULT_STYLESHEET, RenderSettings, source_date_epoch};

/// A file the outputs depend on besides the documents and their images (folio.toml, a
/// stylesheet, a font), for the manifest.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub shown: String,
    pub sha256: String,
}

#[derive(Debug)]
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
    pub out_dir: PathBuf,
    pub sources: Vec<SourceFile>,
    /// Files of the content folder that are not documents.
    pub skipped: Vec<crate::discover::Skipped>,
    pub settings: RenderSettings,
    /// The outputs each document gets, sorted, each once.
    pub outputs: Vec<Output>,
    /// Whether the collection's EPUB is made.
    pub wants_book: bool,
    /// Fingerprint of the project's fonts folder contents.
    pub fonts_fingerprint: String,
    /// folio.toml, styles and fonts that exist, sorted by path.
    pub inputs: Vec<InputFile>,
}

impl Project {
    pub fn load(
        root: &Path,
        output: Option<PathBuf>,
        formats: Option<Vec<Format>>,
    ) -> Result<Project, Error> {
        let config = Config::load(root)?;
        let formats = formats.unwrap_or_else(|| config.formats.clone());
        if let Some(format) = formats.iter().find(|f| !f.is_build_output()) {
            return Err(Error::Project {
                path: "--format".into(),
                message: format!(
                    "`{}` is not a build format (use `folio convert --to {}`)",
                    format.name(),
                    format.name()
                ),
            });
        }
        let out_dir = output.unwrap_or_else(|| root.join(&config.output));
        let crate::discover::Discovered { sources, skipped } = discover_all(root, &config.content)?;
        let mut inputs = Vec::new();
        let config_path = root.join(crate::config::CONFIG_FILE);
        if let Ok(bytes) =
            crate::limits::read_file_capped(&config_path, config.limits.max_file_bytes())
        {
            inputs.push(InputFile {
                shown: crate::config::CONFIG_FILE.to_string(),
                sha256: sha256_hex(&bytes),
            });
        }
        let (mut settings, fonts_fingerprint) = settings_of(root, &config, &mut inputs)?;
        settings.alternates = std::sync::Arc::new(translation_sets(&sources, &config));
        settings.documents = std::sync::Arc::new(
            sources
                .iter()
                .map(|s| (s.shown.clone(), s.slug.clone()))
                .collect(),
        );
        // The manifest names the font files each handout embeds.
        settings.record_fonts = true;
        inputs.sort_by(|a, b| a.shown.cmp(&b.shown));

        // A format or variant named twice is built once.
        let outputs = Output::all_of(&formats, &config.pdf.variants);
        let wants_book = formats.iter().any(|f| f.makes_book()) && !sources.is_empty();
        Ok(Project {
            root: root.to_path_buf(),
            config,
            out_dir,
            sources,
            skipped,
            settings,
            outputs,
            wants_book,
            fonts_fingerprint,
            inputs,
        })
    }

    /// The index of a source of this project in `sources`.
    pub fn index_of(&self, source: &SourceFile) -> usize {
        self.sources
            .iter()
            .position(|s| std::ptr::eq(s, source))
            .unwrap_or(usize::MAX)
    }

    /// The settings fingerprint of each output, in `outputs` order.
    pub fn output_fingerprints(&self) -> Vec<String> {
        self.outputs
            .iter()
            .map(|&o| {
                crate::pipeline::settings_fingerprint(&self.settings, o, &self.fonts_fingerprint)
            })
            .collect()
    }
}

/// The writers' settings of the project at `root` with `config`: its stylesheets, handout
/// style and fonts (each file read is added to `inputs`), and a fingerprint of its fonts.
/// `folio build` and `folio convert` (in a project) both start from it.
pub fn settings_of(
    root: &Path,
    config: &Config,
    inputs: &mut Vec<InputFile>,
) -> Result<(RenderSettings, String), Error> {
    let default_config = Config::default();
    let stylesheet = load_text(
        root,
        ("html", "stylesheet"),
        &config.html.stylesheet,
        config.html.stylesheet == default_config.html.stylesheet,
        inputs,
    )?
    .unwrap_or_else(|| DEFAULT_STYLESHEET.to_string());
    let epub_stylesheet = load_text(
        root,
        ("epub", "stylesheet"),
        &config.epub.stylesheet,
        config.epub.stylesheet == default_config.epub.stylesheet,
        inputs,
    )?
    .unwrap_or_else(|| crate::render::epub::DEFAULT_STYLESHEET.to_string());
    let handout = {
        use crate::render::pdf::Style;
        let path = &config.pdf.style;
        let default = *path == default_config.pdf.style;
        match load_text(root, ("pdf", "style"), path, default, inputs)? {
            Some(text) => Style::parse(&text, path)?,
            None => Style::builtin(),
        }
    };
    let mut settings = RenderSettings::from_config(config, stylesheet, handout);
    settings.epub_stylesheet = epub_stylesheet;
    settings.source_date_epoch = source_date_epoch()?;
    let fonts_dir = root.join("fonts");
    let mut fonts_fingerprint = fingerprint_fonts(&fonts_dir, inputs)?;
    if config.pdf.system_fonts {
        // The system's CJK faces a handout may take: a new version rebuilds it.
        fonts_fingerprint.push_str(&crate::render::pdf::scripts::system_fingerprint());
    }
    settings.fonts_dir = fonts_dir.is_dir().then_some(fonts_dir);
    settings.logo = load_logo(root, config, inputs)?.map(std::sync::Arc::new);
    Ok((settings, fonts_fingerprint))
}

/// The translation sets of the project's documents, from their front matter alone (read
/// here for every document, changed or not: a new translation changes its source's page).
/// A document whose front matter cannot be read is taken as no translation; reading it
/// reports why.
fn translation_sets(
    sources: &[crate::discover::SourceFile],
    config: &Config,
) -> std::collections::BTreeMap<String, Vec<crate::translations::Alternate>> {
    let metas: Vec<Option<crate::model::Meta>> = sources
        .iter()
        .map(|source| {
            crate::read::front_matter::read_meta(&source.path, config.limits.max_file_bytes())
        })
        .collect();
    if !metas.iter().flatten().any(|m| m.translation_of.is_some()) {
        return Default::default();
    }
    // A document that names no language has the project's.
    let default_language = config
        .project
        .language
        .clone()
        .unwrap_or_else(|| crate::model::DEFAULT_LANGUAGE.to_string());
    let languages: Vec<String> = metas
        .iter()
        .map(|m| {
            m.as_ref()
                .map(|m| m.language.clone())
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| default_language.clone())
        })
        .collect();
    let members: Vec<crate::translations::Member<'_>> = sources
        .iter()
        .zip(&metas)
        .zip(&languages)
        .map(|((source, meta), language)| crate::translations::Member {
            path: &source.shown,
            slug: &source.slug,
            language,
            translation_of: meta.as_ref().and_then(|m| m.translation_of.as_deref()),
        })
        .collect();
    let by_slug = crate::translations::alternates(&members);
    sources
        .iter()
        .filter_map(|s| Some((s.shown.clone(), by_slug.get(&s.slug)?.clone())))
        .collect()
}

/// A project file named in folio.toml: `None` when it is absent and `optional` (the default
/// name, which a project need not have); an error when a file folio.toml names explicitly is
/// missing or unreadable.
/// A settings file (a stylesheet, the handout style) named by `setting` (`[section] key`) in
/// folio.toml, if it is there; `optional`: the default name, which may be absent. A file
/// named explicitly that cannot be read is an error naming folio.toml's line.
fn load_text(
    root: &Path,
    (section, key): (&str, &str),
    relative: &str,
    optional: bool,
    inputs: &mut Vec<InputFile>,
) -> Result<Option<String>, Error> {
    let path = root.join(relative);
    let read = crate::limits::read_settings_file(&path);
    match read {
        Ok(text) => {
            inputs.push(InputFile {
                shown: crate::paths::slash(Path::new(relative)),
                sha256: sha256_hex(text.as_bytes()),
            });
            Ok(Some(text))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && optional => Ok(None),
        Err(e) => {
            let config_file = root.join(crate::config::CONFIG_FILE);
            let line = std::fs::read_to_string(&config_file)
                .ok()
                .and_then(|text| crate::toml_lines::line_of_key(&text, section, key));
            Err(Error::Project {
                path: match line {
                    Some(line) => format!("{}:{line}", crate::paths::shown(&config_file)),
                    None => crate::paths::shown(&path),
                },
                message: format!(
                    "[{section}] {key} = \"{relative}\": cannot read {}: {e}; \
                     fix the path, or take the line out to use folio's own",
                    crate::paths::shown(&path)
                ),
            })
        }
    }
}

/// The letterhead named by `[project] logo`: a PNG or JPEG inside the project. Anything
/// else (missing, not an image, outside the project, too large) is an error naming
/// folio.toml's line.
fn load_logo(
    root: &Path,
    config: &Config,
    inputs: &mut Vec<InputFile>,
) -> Result<Option<crate::render::assets::Asset>, Error> {
    let Some(relative) = config.project.logo.as_deref() else {
        return Ok(None);
    };
    let config_file = root.join(crate::config::CONFIG_FILE);
    let line = std::fs::read_to_string(&config_file)
        .ok()
        .and_then(|text| crate::toml_lines::line_of_key(&text, "project", "logo"))
        .unwrap_or(0);
    let refuse = |message: String| Error::Project {
        path: format!("{}:{line}", crate::paths::shown(&config_file)),
        message: format!("[project] logo = \"{relative}\": {message}"),
    };
    let path = root.join(relative);
    let real = path
        .canonicalize()
        .map_err(|e| refuse(format!("cannot read the logo: {e}")))?;
    let inside = root
        .canonicalize()
        .is_ok_and(|project| real.starts_with(project));
    if !inside || Path::new(relative).is_absolute() {
        return Err(refuse(
            "the logo is outside the project folder; put it in styles/".into(),
        ));
    }
    let bytes = crate::limits::read_file_capped(&real, config.limits.max_file_bytes())
        .map_err(|e| refuse(format!("cannot read the logo: {e}")))?;
    let media_type = match crate::assets::sniff_media_type(&bytes) {
        Some(t @ ("image/png" | "image/jpeg")) => t,
        Some(other) => {
            return Err(refuse(format!(
                "the logo is {other}; a logo must be a PNG or JPEG image"
            )));
        }
        None => {
            return Err(refuse(
                "the logo is not an image; a logo must be a PNG or JPEG image".into(),
            ));
        }
    };
    let asset = crate::render::assets::Asset::new(media_type, bytes);
    inputs.push(InputFile {
        shown: crate::paths::slash(Path::new(relative)),
        sha256: asset.sha256.clone(),
    });
    Ok(Some(asset))
}

/// Every regular file of the project's fonts/ folder (names and bytes), as one fingerprint.
fn fingerprint_fonts(dir: &Path, inputs: &mut Vec<InputFile>) -> Result<String, Error> {
    let mut f = Fingerprint::new("folio-fonts");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(f.finish());
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for path in files {
        let bytes = std::fs::read(&path).map_err(|e| Error::Project {
            path: crate::paths::shown(&path),
            message: format!("cannot read: {e}"),
        })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let sha256 = sha256_hex(&bytes);
        f.add_str(&name).add_str(&sha256);
        inputs.push(InputFile {
            shown: format!("fonts/{name}"),
            sha256,
        });
    }
    Ok(f.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicitly_named_style_must_exist() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join("folio.toml"),
            "[html]\nstylesheet = \"my.css\"\n",
        )
        .unwrap();
        let err = Project::load(dir.path(), None, None).unwrap_err();
        assert!(err.to_string().contains("my.css"), "{err}");
        std::fs::write(dir.path().join("my.css"), "body{}").unwrap();
        let project = Project::load(dir.path(), None, None).unwrap();
        assert_eq!(project.settings.stylesheet, "body{}");
        let shown: Vec<_> = project.inputs.iter().map(|i| i.shown.as_str()).collect();
        assert_eq!(shown, ["folio.toml", "my.css"]);
    }
}

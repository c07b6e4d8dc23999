//! `folio build`: every document of a project into every format, in parallel.
//!
//! Documents are read and parsed in parallel, then every (document × format) job renders in
//! parallel. A document that fails (unreadable, bad front matter, missing image) is reported and
//! writes nothing; the others still build. Every file is written atomically.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::assets::collect_images;
use crate::config::Config;
use crate::error::Error;
use crate::model::Document;
use crate::output::write_atomic;
use crate::pipeline::{DEFAULT_STYLESHEET, Output, RenderSettings, render, source_date_epoch};
use crate::read::{self, Flavour};
use crate::render::Format;
use crate::render::html::Assets;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The project folder (with `content/` and optionally `folio.toml`).
    pub project: PathBuf,
    /// Output folder; default from folio.toml (`dist`), relative to the project.
    pub output: Option<PathBuf>,
    /// Formats to write; default from folio.toml.
    pub formats: Option<Vec<Format>>,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub documents: usize,
    /// Files written, in a stable order.
    pub written: Vec<PathBuf>,
    /// One message per failed document (or output file), in source order.
    pub errors: Vec<Error>,
    /// What writers noticed but could handle (a glyph no font has, raw HTML left out).
    pub warnings: Vec<String>,
}

/// A source file found in the content folder.
struct SourceFile {
    path: PathBuf,
    /// The path as shown to the user: relative to the project.
    shown: String,
    slug: String,
}

/// Builds the project. Errors that stop the whole build (bad folio.toml, no content folder)
/// are returned as `Err`; per-document errors are collected in the report.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Error> {
    let project = &opts.project;
    let config = Config::load(project)?;
    let formats: Vec<Format> = opts
        .formats
        .clone()
        .unwrap_or_else(|| config.formats.clone())
        .into_iter()
        .filter(|f| *f != Format::Json)
        .collect();
    let out_dir = opts
        .output
        .clone()
        .unwrap_or_else(|| project.join(&config.output));
    let sources = discover(project, &config.content)?;
    let stylesheet = load_stylesheet(project, "folio.css", DEFAULT_STYLESHEET)?;
    let handout = load_handout_style(project)?;
    let mut settings = RenderSettings::from_config(&config, stylesheet, handout);
    settings.epub_stylesheet =
        load_stylesheet(project, "epub.css", crate::render::epub::DEFAULT_STYLESHEET)?;
    settings.source_date_epoch = source_date_epoch()?;
    let fonts_dir = project.join("fonts");
    settings.fonts_dir = fonts_dir.is_dir().then_some(fonts_dir);
    let mut outputs: Vec<Output> = formats
        .iter()
        .flat_map(|&format| -> Vec<Output> {
            if format == Format::Pdf {
                config
                    .pdf
                    .variants
                    .iter()
                    .map(|&v| Output {
                        format,
                        variant: Some(v.into()),
                    })
                    .collect()
            } else {
                vec![Output::plain(format)]
            }
        })
        .collect();
    // A format or variant named twice is built once.
    outputs.sort();
    outputs.dedup();

    let read: Vec<Result<(Document, Assets), Error>> = sources
        .par_iter()
        .map(|source| read_source(source, project))
        .collect();

    let mut report = BuildReport {
        documents: sources.len(),
        ..BuildReport::default()
    };
    let mut docs = Vec::new();
    let mut failed = Vec::new();
    for (source, result) in sources.iter().zip(read) {
        match result {
            Ok((doc, assets)) => docs.push((source, doc, assets)),
            Err(e) => {
                failed.push(source.shown.clone());
                report.errors.push(e);
            }
        }
    }
    // The book is one more job: it runs beside the per-document ones.
    let book_job = || -> Option<Result<(PathBuf, Vec<String>), Error>> {
        if !formats.contains(&Format::Epub) || sources.is_empty() {
            return None;
        }
        Some(build_book(
            project, &config, &sources, &docs, &failed, &settings, &out_dir,
        ))
    };
    let jobs: Vec<_> = docs
        .iter()
        .flat_map(|doc| outputs.iter().map(move |&output| (doc, output)))
        .collect();
    let (results, book) = rayon::join(
        || -> Vec<Result<(PathBuf, Vec<String>), Error>> {
            jobs.par_iter()
                .map(|((source, doc, assets), output)| {
                    let rendered = render(doc, *output, &settings, assets)?;
                    let path = out_dir.join(output.relative_path(&source.slug));
                    write_atomic(&path, &rendered.bytes).map_err(|e| Error::Write {
                        path: path.display().to_string(),
                        source: e,
                    })?;
                    Ok((path, rendered.warnings))
                })
                .collect()
        },
        book_job,
    );
    for result in results.into_iter().chain(book) {
        match result {
            Ok((path, warnings)) => {
                report.written.push(path);
                for w in warnings {
                    // Both PDF variants report the same things: say each once.
                    if !report.warnings.contains(&w) {
                        report.warnings.push(w);
                    }
                }
            }
            Err(e) => report.errors.push(e),
        }
    }
    Ok(report)
}

/// The whole collection as one EPUB, dist/<book-slug>.epub, chapters in folio.toml's order.
fn build_book(
    project: &Path,
    config: &Config,
    sources: &[SourceFile],
    docs: &[(&SourceFile, Document, Assets)],
    failed: &[String],
    settings: &crate::pipeline::RenderSettings,
    out_dir: &Path,
) -> Result<(PathBuf, Vec<String>), Error> {
    use crate::render::epub::{BookInfo, Chapter, render_book};
    let book = &config.book;
    let config_path = project
        .join(crate::config::CONFIG_FILE)
        .display()
        .to_string();
    let order: Vec<&SourceFile> = match &book.chapters {
        None => sources.iter().collect(),
        Some(names) => {
            let mut order = Vec::with_capacity(names.len());
            for name in names {
                let wanted = Path::new(&config.content).join(name);
                let found = sources.iter().find(|s| Path::new(&s.shown) == wanted);
                let Some(source) = found else {
                    return Err(Error::Project {
                        path: config_path,
                        message: format!(
                            "[book] chapters names `{name}`, which is not a Markdown file in {}/",
                            config.content
                        ),
                    });
                };
                if order.iter().any(|s: &&SourceFile| std::ptr::eq(*s, source)) {
                    return Err(Error::Project {
                        path: config_path,
                        message: format!("[book] chapters names `{name}` twice"),
                    });
                }
                order.push(source);
            }
            order
        }
    };
    let title = book.title.clone().unwrap_or_else(|| {
        project
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Collection".to_string())
    });
    let slug = slugify(book.slug.as_deref().unwrap_or(&title));
    let path = out_dir.join(format!("{slug}.epub"));
    let mut chapters = Vec::with_capacity(order.len());
    for source in order {
        if failed.contains(&source.shown) {
            return Err(Error::Project {
                path: path.display().to_string(),
                message: format!("not written: its chapter {} has errors", source.shown),
            });
        }
        if let Some((source, doc, assets)) = docs.iter().find(|(s, _, _)| std::ptr::eq(*s, source))
        {
            chapters.push(Chapter {
                doc,
                assets,
                slug: &source.slug,
            });
        }
    }
    let mut authors = book.authors.clone();
    if authors.is_empty() {
        for author in chapters.iter().flat_map(|c| &c.doc.meta.authors) {
            if !authors.contains(author) {
                authors.push(author.clone());
            }
        }
    }
    if let Some(language) = &book.language
        && !crate::read::front_matter::is_bcp47(language)
    {
        return Err(Error::Project {
            path: config_path,
            message: format!(
                "[book] language must be a BCP 47 language tag such as `en` or `es-MX`, not `{language}`"
            ),
        });
    }
    let info = BookInfo {
        title,
        subtitle: book.subtitle.clone(),
        authors,
        language: book
            .language
            .clone()
            .or_else(|| chapters.first().map(|c| c.doc.meta.language.clone()))
            .unwrap_or_else(|| crate::model::DEFAULT_LANGUAGE.to_string()),
        description: book.description.clone().filter(|d| !d.trim().is_empty()),
        subjects: book.subjects.clone(),
        identifier: book.identifier.clone(),
        slug,
    };
    let opts = crate::pipeline::epub_options(settings)?;
    let rendered = render_book(&info, &chapters, &opts).map_err(|source| Error::Epub {
        path: path.display().to_string(),
        source,
    })?;
    write_atomic(&path, &rendered.bytes).map_err(|e| Error::Write {
        path: path.display().to_string(),
        source: e,
    })?;
    Ok((path, rendered.warnings))
}

/// The project's styles/handout.toml, or the built-in handout style.
fn load_handout_style(project: &Path) -> Result<crate::render::pdf::Style, Error> {
    use crate::render::pdf::style::{STYLE_FILE, Style};
    let path = project.join("styles").join(STYLE_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Style::parse(&text, &path.display().to_string())?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Style::builtin()),
        Err(e) => Err(Error::Project {
            path: path.display().to_string(),
            message: format!("cannot read: {e}"),
        }),
    }
}

fn read_source(source: &SourceFile, project: &Path) -> Result<(Document, Assets), Error> {
    let doc = read::read_file(&source.path, &source.shown, Flavour::Markdown)?;
    let doc_dir = source.path.parent().unwrap_or(project);
    let assets = collect_images(&doc, doc_dir, project)?;
    Ok((doc, assets))
}

/// The Markdown files of the content folder, sorted by name, with unique slugs.
fn discover(project: &Path, content: &str) -> Result<Vec<SourceFile>, Error> {
    let dir = project.join(content);
    let entries = std::fs::read_dir(&dir).map_err(|e| Error::Project {
        path: dir.display().to_string(),
        message: format!("cannot read the content folder: {e}"),
    })?;
    let mut sources = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::Project {
            path: dir.display().to_string(),
            message: format!("cannot read the content folder: {e}"),
        })?;
        let path = entry.path();
        let is_markdown = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        if !is_markdown || !path.is_file() {
            continue;
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let shown = Path::new(content)
            .join(entry.file_name())
            .to_string_lossy()
            .into_owned();
        sources.push(SourceFile {
            slug: slugify(&stem),
            shown,
            path,
        });
    }
    sources.sort_by(|a, b| a.shown.cmp(&b.shown));
    for pair in sources.windows(2) {
        if pair[0].slug == pair[1].slug {
            return Err(Error::Project {
                path: pair[1].shown.clone(),
                message: format!(
                    "its output name `{}` is the same as that of {}; rename one of them",
                    pair[1].slug, pair[0].shown
                ),
            });
        }
    }
    Ok(sources)
}

/// A file-name-safe, URL-safe name: lower case ASCII letters, digits and single hyphens.
pub fn slugify(stem: &str) -> String {
    let mut slug = String::with_capacity(stem.len());
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "document".to_string()
    } else {
        slug
    }
}

/// The project's styles/<name>, or the stylesheet built into folio.
fn load_stylesheet(project: &Path, name: &str, builtin: &str) -> Result<String, Error> {
    let path = project.join("styles").join(name);
    match std::fs::read_to_string(&path) {
        Ok(css) => Ok(css),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(builtin.to_string()),
        Err(e) => Err(Error::Project {
            path: path.display().to_string(),
            message: format!("cannot read the stylesheet: {e}"),
        }),
    }
}

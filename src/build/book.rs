//! The collection as one EPUB, `<output>/<book-slug>.epub`: its chapters in folio.toml's
//! order, its metadata from `[book]`, else `[project]`, else the chapters.

use crate::config::CONFIG_FILE;
use crate::digest::Fingerprint;
use crate::error::Error;
use crate::model::Document;
use crate::pipeline::epub_options;
use crate::render::assets::Assets;
use crate::render::epub::{BookInfo, Chapter, render_book};
use crate::render::writer::Rendered;

use super::project::Project;
use crate::discover::folder_name;
use crate::slug::slugify;

/// Which documents the book holds, in reading order, and where it goes.
#[derive(Debug, Clone)]
pub struct BookPlan {
    /// Indices into `Project::sources`.
    pub chapters: Vec<usize>,
    pub title: String,
    pub slug: String,
}

impl BookPlan {
    /// The book's path relative to the output folder.
    pub fn relative(&self) -> String {
        format!("{}.epub", self.slug)
    }
}

/// Plans the book: `[book] chapters` must name Markdown files of the content folder, each once.
pub fn plan(project: &Project) -> Result<BookPlan, Error> {
    let config = &project.config;
    let book = &config.book;
    let config_error = |message: String| Error::Project {
        path: crate::paths::shown(&project.root.join(CONFIG_FILE)),
        message,
    };
    let chapters: Vec<usize> = match &book.chapters {
        None => (0..project.sources.len()).collect(),
        Some(names) => {
            let mut order = Vec::with_capacity(names.len());
            for name in names {
                let wanted = format!("{}/{}", config.content.trim_end_matches('/'), name);
                let Some(index) = project.sources.iter().position(|s| s.shown == wanted) else {
                    return Err(config_error(format!(
                        "[book] chapters names `{name}`, which is not a Markdown file in {}/",
                        config.content
                    )));
                };
                if order.contains(&index) {
                    return Err(config_error(format!(
                        "[book] chapters names `{name}` twice"
                    )));
                }
                order.push(index);
            }
            order
        }
    };
    let title = book
        .title
        .clone()
        .or_else(|| config.project.title.clone())
        .or_else(|| folder_name(&project.root))
        .unwrap_or_else(|| {
            let language = book
                .language
                .as_deref()
                .or(config.project.language.as_deref())
                .unwrap_or_default();
            crate::terms::of(
                language,
                &crate::terms::overrides_for(&config.terms, language),
            )
            .get(crate::terms::Term::Collection)
            .to_string()
        });
    let slug = slugify(book.slug.as_deref().unwrap_or(&title));
    Ok(BookPlan {
        chapters,
        title,
        slug,
    })
}

/// The book's cache key: its settings and the keys of its chapters, in order.
pub fn key(
    project: &Project,
    plan: &BookPlan,
    epub_settings: &str,
    chapter_keys: &[&str],
) -> String {
    let mut f = Fingerprint::new("folio-book");
    f.add_str(super::cache::BUILD_ID)
        .add_str(epub_settings)
        .add_str(&format!("{:?}", project.config.book))
        .add_str(&format!("{:?}", project.config.project))
        .add_str(&plan.title)
        .add_str(&plan.slug);
    for (index, key) in plan.chapters.iter().zip(chapter_keys) {
        f.add_str(&project.sources[*index].slug).add_str(key);
    }
    f.finish()
}

/// Renders the book from its chapters, given in the plan's order.
pub fn render(
    project: &Project,
    plan: &BookPlan,
    chapters: &[(&str, &Document, &Assets)],
) -> Result<Rendered, Error> {
    let book = &project.config.book;
    let chapters: Vec<Chapter> = chapters
        .iter()
        .map(|&(slug, doc, assets)| Chapter { doc, assets, slug })
        .collect();
    let mut authors = book.authors.clone();
    if authors.is_empty() {
        for author in chapters.iter().flat_map(|c| &c.doc.meta.authors) {
            if !authors.contains(author) {
                authors.push(author.clone());
            }
        }
    }
    let info = BookInfo {
        title: plan.title.clone(),
        subtitle: book.subtitle.clone(),
        authors,
        language: book
            .language
            .clone()
            .or_else(|| project.config.project.language.clone())
            .or_else(|| chapters.first().map(|c| c.doc.meta.language.clone()))
            .unwrap_or_else(|| crate::model::DEFAULT_LANGUAGE.to_string()),
        description: book.description.clone().filter(|d| !d.trim().is_empty()),
        subjects: book.subjects.clone(),
        identifier: book.identifier.clone(),
        slug: plan.slug.clone(),
        organization: project.config.project.organization.clone(),
        direction: crate::language::Direction::Ltr,
        terms: Default::default(),
    };
    let info = BookInfo {
        direction: crate::language::Direction::of_language(&info.language),
        terms: crate::terms::overrides_for(&project.config.terms, &info.language),
        ..info
    };
    let path = project.out_dir.join(plan.relative());
    let opts = epub_options(&project.settings)?;
    render_book(&info, &chapters, &opts).map_err(|source| Error::Epub {
        path: crate::paths::shown(&path),
        source,
    })
}

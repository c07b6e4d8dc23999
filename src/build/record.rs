//! Writing and recording: each output written atomically (unless unchanged), outputs no
//! longer asked for pruned, and the bookkeeping files (catalogue, manifest, cache) written
//! only when they change.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::discover::SourceFile;
use crate::error::Error;
use crate::format::{BOOK_VARIANT, CATALOGUE_VARIANT, Format};
use crate::output::{write_atomic, write_if_changed};
use crate::render::writer::Rendered;

use super::book;
use super::cache::{self, ArtifactEntry, Cache, DepEntry, DocumentEntry};
use super::catalogue;
use super::documents::{Doc, provenance};
use super::manifest;
use super::project::Project;
use super::report::{BuildReport, Observer, Outcome};

/// A file this build rendered, and whether its bytes differ from what was there.
pub(super) struct Written {
    pub(super) entry: ArtifactEntry,
    pub(super) changed: bool,
}

/// Writes a rendered file atomically (unless the same bytes are already there and the build
/// is not forced) and completes its cache entry.
pub(super) fn write_output(
    out: &Path,
    relative: &str,
    rendered: Rendered,
    entry: ArtifactEntry,
    force: bool,
) -> Result<Written, Error> {
    let path = out.join(relative);
    let written = if force {
        write_atomic(&path, &rendered.bytes).map(|()| true)
    } else {
        write_if_changed(&path, &rendered.bytes)
    };
    let changed = written.map_err(|e| Error::Write {
        path: crate::paths::shown(&path),
        source: e,
    })?;
    let mut entry = entry.with_bytes(&rendered.bytes);
    entry.warnings = rendered.warnings;
    entry.fonts = rendered.fonts;
    Ok(Written { entry, changed })
}

pub(super) fn render_book(
    project: &Project,
    docs: &[Option<Doc>],
    plan: &book::BookPlan,
    key: String,
    force: bool,
) -> Result<Written, Error> {
    let mut chapters = Vec::with_capacity(plan.chapters.len());
    let mut sources = Vec::new();
    for &index in &plan.chapters {
        let parsed = docs[index].as_ref().and_then(|d| d.parsed.as_ref());
        let Some(parsed) = parsed else {
            return Err(Error::Project {
                path: crate::paths::shown(&project.out_dir.join(plan.relative())),
                message: format!(
                    "not written: its chapter {} has errors",
                    project.sources[index].shown
                ),
            });
        };
        chapters.push((
            project.sources[index].slug.as_str(),
            &parsed.doc,
            &parsed.assets,
        ));
        if let Some(doc) = &docs[index] {
            sources.extend(provenance(doc, parsed));
        }
    }
    if crate::interrupt::requested() {
        return Err(Error::Interrupted);
    }
    let rendered = book::render(project, plan, &chapters)?;
    sources.sort();
    sources.dedup();
    let entry = ArtifactEntry::new(Format::Epub.name(), Some(BOOK_VARIANT), None, sources, key);
    write_output(&project.out_dir, &plan.relative(), rendered, entry, force)
}

/// Deletes outputs folio.toml no longer asks for: those of documents that are gone, of formats
/// and variants taken out of `formats` and `[pdf] variants`, and a book that was renamed. Only
/// files still exactly as folio wrote them are deleted. `--format` narrows what one build makes
/// but deletes nothing. Forgets files that are gone or were edited by hand; `fresh` are the
/// files this build wrote or verified.
pub(super) fn prune(
    project: &Project,
    book: Option<&book::BookPlan>,
    cache: &mut Cache,
    fresh: &BTreeSet<String>,
    report: &mut BuildReport,
) {
    let current: BTreeSet<&str> = project.sources.iter().map(|s| s.shown.as_str()).collect();
    cache
        .documents
        .retain(|path, _| current.contains(path.as_str()));
    let book = book.map(book::BookPlan::relative);
    let config = &project.config;
    let configured = |entry: &ArtifactEntry| {
        config.formats.iter().any(|f| f.name() == entry.format)
            && (entry.format != Format::Pdf.name()
                || config
                    .pdf
                    .variants
                    .iter()
                    .any(|&v| Some(v.name()) == entry.variant.as_deref()))
    };
    let out = &project.out_dir;
    cache.artifacts.retain(|relative, entry| {
        if fresh.contains(relative) {
            return true;
        }
        let path = out.join(relative);
        let orphan = match &entry.document {
            Some(doc) => !current.contains(doc.as_str()) || !configured(entry),
            None if entry.variant.as_deref() == Some(BOOK_VARIANT) => {
                !configured(entry) || book.as_deref().is_some_and(|b| b != relative)
            }
            None => false,
        };
        if orphan {
            if cache::file_matches(&path, entry) && std::fs::remove_file(&path).is_ok() {
                report.removed.push(path);
            }
            return false;
        }
        // Kept from an earlier build: still the file folio wrote? (Not one edited by hand.)
        cache::file_matches(&path, entry)
    });
}

/// Every file the outputs were made from: documents, their images, folio.toml, styles, fonts.
pub(super) fn manifest_sources(
    project: &Project,
    docs: &[Option<Doc>],
    cache: &Cache,
) -> Vec<manifest::Source> {
    let mut sources: BTreeMap<String, String> = BTreeMap::new();
    for (source, doc) in project.sources.iter().zip(docs) {
        if let Some(doc) = doc {
            sources.insert(source.shown.clone(), doc.sha256.clone());
        }
        if let Some(entry) = cache.documents.get(&source.shown) {
            for image in &entry.images {
                sources.insert(image.path.clone(), image.sha256.clone());
            }
        }
    }
    for input in &project.inputs {
        sources.insert(input.shown.clone(), input.sha256.clone());
    }
    sources
        .into_iter()
        .map(|(path, sha256)| manifest::Source { path, sha256 })
        .collect()
}

/// Writes index.html if it changed; returns its manifest entry.
pub(super) fn write_catalogue(
    project: &Project,
    book: Option<&book::BookPlan>,
    cache: &Cache,
    report: &mut BuildReport,
    observer: &dyn Observer,
) -> Option<(String, ArtifactEntry)> {
    let config = &project.config;
    // The book's order first (when folio.toml gives one), then any other document.
    let mut order: Vec<usize> = match (&config.book.chapters, book) {
        (Some(_), Some(plan)) => plan.chapters.clone(),
        _ => Vec::new(),
    };
    for i in 0..project.sources.len() {
        if !order.contains(&i) {
            order.push(i);
        }
    }
    let documents: Vec<&DocumentEntry> = order
        .iter()
        .filter_map(|&i| cache.documents.get(&project.sources[i].shown))
        .collect();
    let title = config
        .project
        .title
        .clone()
        .or_else(|| config.book.title.clone())
        .or_else(|| crate::discover::folder_name(&project.root))
        .unwrap_or_else(|| {
            let language = config.project.language.as_deref().unwrap_or_default();
            crate::terms::of(
                language,
                &crate::terms::overrides_for(&config.terms, language),
            )
            .get(crate::terms::Term::Documents)
            .to_string()
        });
    let language = config
        .project
        .language
        .clone()
        .or_else(|| documents.first().map(|d| d.language.clone()))
        .unwrap_or_else(|| crate::model::DEFAULT_LANGUAGE.to_string());
    let book = book.map(book::BookPlan::relative);
    let heading = catalogue::Heading {
        title: &title,
        language: &language,
        organization: config.project.organization.as_deref(),
        logo: project.settings.logo.as_deref(),
        terms: &config.terms,
    };
    let terms = crate::terms::of(
        &language,
        &crate::terms::overrides_for(&config.terms, &language),
    );
    let alternates: Vec<&[crate::translations::Alternate]> = order
        .iter()
        .filter(|&&i| cache.documents.contains_key(&project.sources[i].shown))
        .map(|&i| {
            project
                .settings
                .alternates
                .get(&project.sources[i].shown)
                .map_or(&[][..], Vec::as_slice)
        })
        .collect();
    let page = catalogue::render(
        terms,
        &heading,
        &documents,
        &alternates,
        &cache.artifacts,
        book.as_deref(),
    );
    let bytes = page.into_bytes();
    if !record(
        &project.out_dir,
        catalogue::INDEX_FILE,
        &bytes,
        report,
        Some(observer),
    ) {
        return None;
    }
    let mut sources: Vec<DepEntry> = order
        .iter()
        .filter_map(|&i| {
            let shown = &project.sources[i].shown;
            cache.documents.get(shown).map(|d| DepEntry {
                path: shown.clone(),
                sha256: d.sha256.clone(),
            })
        })
        .collect();
    sources.sort();
    let entry = ArtifactEntry::new(
        Format::Html.name(),
        Some(CATALOGUE_VARIANT),
        None,
        sources,
        String::new(),
    )
    .with_bytes(&bytes);
    Some((catalogue::INDEX_FILE.to_string(), entry))
}

/// Writes a bookkeeping file if its content changed. Returns whether the file now holds
/// `bytes`. Files with an observer are shown, and count in the report's written and
/// unchanged lists (the cache is not).
pub(super) fn record(
    out: &Path,
    name: &str,
    bytes: &[u8],
    report: &mut BuildReport,
    observer: Option<&dyn Observer>,
) -> bool {
    let path = out.join(name);
    match write_if_changed(&path, bytes) {
        Ok(written) => {
            if let Some(observer) = observer {
                let outcome = if written {
                    Outcome::Written
                } else {
                    Outcome::Unchanged
                };
                observer.finished(&path, outcome);
                if written {
                    report.written.push(path);
                } else {
                    report.unchanged.push(path);
                }
            }
            true
        }
        Err(e) => {
            report.errors.push(Error::Write {
                path: crate::paths::shown(&path),
                source: e,
            });
            false
        }
    }
}

/// Tells the observer that every output of a failed document failed.
pub(super) fn fail_outputs(project: &Project, source: &SourceFile, observer: &dyn Observer) {
    for output in &project.outputs {
        observer.finished(
            &project.out_dir.join(output.path(&source.slug)),
            Outcome::Failed,
        );
    }
}

/// The first build into a folder that already has an index.html or manifest.json folio did
/// not write (a web site's own, say) stops rather than overwrite them, unless forced.
pub(super) fn refuse_foreign_files(out: &Path, cache: &Cache, force: bool) -> Result<(), Error> {
    // A cache of another folio version is not read, but it says the folder is folio's.
    let has_cache_file = out.join(super::cache::CACHE_FILE).is_file();
    if force || has_cache_file || !cache.artifacts.is_empty() || !cache.documents.is_empty() {
        return Ok(());
    }
    for name in [catalogue::INDEX_FILE, manifest::MANIFEST_FILE] {
        let path = out.join(name);
        if path.exists() {
            return Err(Error::Project {
                path: crate::paths::shown(&path),
                message: "exists and was not written by folio (the folder has no folio cache); \
                          move it, build into another folder, or use --force to replace it"
                    .into(),
            });
        }
    }
    Ok(())
}

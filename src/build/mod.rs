//! `folio build`: every document of a project into every format, in parallel, incrementally.
//!
//! 1. Load the project (folio.toml, sources, styles, fonts) and the build cache.
//! 2. Read every source and hash it, in parallel; a document whose source and images are as
//!    the cache has them needs no parsing unless one of its outputs is stale.
//! 3. Parse the documents that need it, in parallel.
//! 4. Render every stale (document × format × variant) job in parallel, the book beside them.
//! 5. Record what is there: the cache, the catalogue (index.html) and manifest.json, each
//!    written only when it changes.
//!
//! A document that fails (unreadable, bad front matter, missing image) is reported and writes
//! nothing; the others still build. Every file is written atomically. Ctrl-C stops after the
//! files being written and still records what was done.

mod book;
mod cache;
mod catalogue;
mod manifest;
mod project;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::assets::{Dependency, collect_images_with_files};
use crate::digest::{Fingerprint, sha256_hex};
use crate::discover::SourceFile;
use crate::error::Error;
use crate::format::{BOOK_VARIANT, CATALOGUE_VARIANT, Format, Output, Variant};
use crate::model::Document;
use crate::output::{sweep_temporaries, write_atomic, write_if_changed};
use crate::pipeline::{Rendered, render};
use crate::read::{Flavour, read_bytes_with};
use crate::render::html::Assets;

use cache::{ArtifactEntry, BUILD_ID, CACHE_FILE, Cache, DepEntry, DocumentEntry};
use project::Project;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The project folder (with `content/` and optionally `folio.toml`).
    pub project: PathBuf,
    /// Output folder; default from folio.toml (`dist`), relative to the project.
    pub output: Option<PathBuf>,
    /// Formats to write; default from folio.toml.
    pub formats: Option<Vec<Format>>,
    /// Worker threads; default: one per core.
    pub jobs: Option<usize>,
    /// Render everything, whatever the cache says.
    pub force: bool,
}

/// What happened to one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Written,
    Unchanged,
    Failed,
}

/// Follows a build as it goes (a progress bar, a log). Called from worker threads.
pub trait Observer: Sync {
    /// `total` output files will be considered.
    fn planned(&self, _total: usize) {}
    /// One of them is done.
    fn finished(&self, _path: &Path, _outcome: Outcome) {}
}

struct Silent;
impl Observer for Silent {}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub documents: usize,
    /// Files written, sorted.
    pub written: Vec<PathBuf>,
    /// Files left as they were because nothing they depend on changed, sorted.
    pub unchanged: Vec<PathBuf>,
    /// Outputs of documents that no longer exist, deleted.
    pub removed: Vec<PathBuf>,
    /// One message per failed document (or output file): read errors in source order, then
    /// render errors in job order.
    pub errors: Vec<Error>,
    /// What writers noticed but could handle (a glyph no font has, raw HTML left out).
    pub warnings: Vec<String>,
    /// The build was stopped by Ctrl-C before every file was made.
    pub interrupted: bool,
    /// What the checks (`folio check`) found in every document, counted.
    pub check: crate::diagnostics::Tally,
}

/// Builds the project. Errors that stop the whole build (bad folio.toml, no content folder)
/// are returned as `Err`; per-document errors are collected in the report.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Error> {
    build_with(opts, &Silent)
}

/// [`build`], telling `observer` about every output file as it is done.
pub fn build_with(opts: &BuildOptions, observer: &dyn Observer) -> Result<BuildReport, Error> {
    match opts.jobs {
        None => run(opts, observer),
        Some(jobs) => rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build()
            .map_err(|e| Error::Project {
                path: "--jobs".into(),
                message: format!("cannot start {jobs} worker threads: {e}"),
            })?
            .install(|| run(opts, observer)),
    }
}

/// A document read in step 2, parsed in step 3 if needed.
struct Doc<'p> {
    source: &'p SourceFile,
    bytes: Vec<u8>,
    sha256: String,
    /// Known once the document's images are known: from the cache when the source and its
    /// images are unchanged, else after parsing.
    key: Option<String>,
    parsed: Option<Parsed>,
    /// Per output (in `Project::outputs` order): must it be rendered?
    stale: Vec<bool>,
}

struct Parsed {
    doc: Document,
    assets: Assets,
    images: Vec<Dependency>,
}

fn run(opts: &BuildOptions, observer: &dyn Observer) -> Result<BuildReport, Error> {
    let project = Project::load(&opts.project, opts.output.clone(), opts.formats.clone())?;
    let out = project.out_dir.as_path();
    let previous = Cache::load(out);
    refuse_foreign_files(out, &previous, opts.force)?;
    sweep_temporaries(out);
    for format in Format::ALL.into_iter().filter(|f| f.is_build_output()) {
        sweep_temporaries(&out.join(format.folder()));
    }
    let fingerprints = project.output_fingerprints();
    let defaults = project.config.project.meta_defaults();
    let defaults_fp = format!("{defaults:?}");
    let mut report = BuildReport {
        documents: project.sources.len(),
        ..BuildReport::default()
    };
    // Planned once: the book job, pruning and the catalogue (which links a book made by an
    // earlier build even when this one makes no EPUB) all follow it.
    let (planned_book, plan_error) = match book::plan(&project) {
        Ok(plan) => (Some(plan), None),
        Err(e) => (None, Some(e)),
    };
    if project.wants_book
        && let Some(e) = plan_error
    {
        report.errors.push(e);
    }
    let book_plan = planned_book.as_ref().filter(|_| project.wants_book);
    observer
        // Every output of every document, the book, the catalogue and the manifest.
        .planned(
            project.sources.len() * project.outputs.len() + usize::from(book_plan.is_some()) + 2,
        );
    let is_current =
        |relative: &str, key: &str| !opts.force && previous.is_current(out, relative, key);
    let check_settings = CheckSettings::of(&project);
    // A document is parsed to be checked again when what its checks ran on changed (the
    // document, the settings, or the day: a review date grows old without an edit).
    let check_cached = |d: &Doc| {
        let Some(entry) = previous.documents.get(&d.source.shown) else {
            return false;
        };
        let key = d
            .key
            .as_deref()
            .map(|k| check_settings.key(k, entry.review_date.as_deref()));
        entry
            .check
            .as_ref()
            .is_some_and(|c| Some(&c.key) == key.as_ref())
    };

    // 2. Read and hash every source; reuse the cache's knowledge of its images.
    let max_bytes = project.config.limits.max_file_bytes();
    let read: Vec<Result<Doc, Error>> = project
        .sources
        .par_iter()
        .map(|source| {
            let bytes = crate::read::read_source(&source.path, &source.shown, max_bytes)?;
            let sha256 = sha256_hex(&bytes);
            let key = previous
                .documents
                .get(&source.shown)
                .filter(|e| {
                    e.sha256 == sha256
                        && e.slug == source.slug
                        && cache::images_unchanged(&project.root, &e.images, max_bytes)
                })
                .map(|e| document_key(source, &sha256, &e.images, &defaults_fp));
            Ok(Doc {
                source,
                bytes,
                sha256,
                key,
                parsed: None,
                stale: Vec::new(),
            })
        })
        .collect();
    let mut docs: Vec<Option<Doc>> = Vec::with_capacity(read.len());
    for (source, result) in project.sources.iter().zip(read) {
        match result {
            Ok(doc) => docs.push(Some(doc)),
            Err(e) => {
                fail_outputs(&project, source, observer);
                report.errors.push(e);
                docs.push(None);
            }
        }
    }
    let check_outputs = |doc: &mut Doc| {
        if let Some(key) = &doc.key {
            doc.stale = project
                .outputs
                .iter()
                .zip(&fingerprints)
                .map(|(output, fp)| {
                    let relative = output.relative_path(&doc.source.slug);
                    !is_current(&relative, &output_key(key, fp))
                })
                .collect();
        }
    };
    docs.par_iter_mut().flatten().for_each(check_outputs);

    // 3. Parse what must be rendered (its key is then known too).
    let parse_errors = parse_where(&mut docs, &project, &defaults, &defaults_fp, |d| {
        d.key.is_none() || d.stale.contains(&true) || !check_cached(d)
    });
    for (index, error) in parse_errors {
        fail_outputs(&project, &project.sources[index], observer);
        report.errors.push(error);
    }
    docs.par_iter_mut()
        .flatten()
        .filter(|d| d.stale.is_empty())
        .for_each(check_outputs);

    // The book is stale when its key changed; then every chapter must be parsed.
    let mut book_job: Option<(&book::BookPlan, String)> = None;
    if let Some(plan) = book_plan {
        let relative = plan.relative();
        let failed: Vec<&str> = plan
            .chapters
            .iter()
            .filter(|&&i| docs[i].is_none())
            .map(|&i| project.sources[i].shown.as_str())
            .collect();
        if !failed.is_empty() {
            observer.finished(&out.join(&relative), Outcome::Failed);
            report.errors.push(Error::Project {
                path: out.join(&relative).display().to_string(),
                message: format!(
                    "not written: its chapters {} have errors",
                    failed.join(", ")
                ),
            });
        } else {
            let keys: Vec<&str> = plan
                .chapters
                .iter()
                .filter_map(|&i| docs[i].as_ref().and_then(|d| d.key.as_deref()))
                .collect();
            let epub_fp = crate::pipeline::settings_fingerprint(
                &project.settings,
                Output::plain(Format::Epub),
                &project.fonts_fingerprint,
            );
            let key = book::key(&project, plan, &epub_fp, &keys);
            if is_current(&relative, &key) {
                observer.finished(&out.join(&relative), Outcome::Unchanged);
                report.unchanged.push(out.join(&relative));
            } else {
                let chapters: BTreeSet<usize> = plan.chapters.iter().copied().collect();
                for (index, error) in
                    parse_where(&mut docs, &project, &defaults, &defaults_fp, |d| {
                        chapters.contains(&project_index(&project, d.source))
                    })
                {
                    // Parsed before without error, so this only happens if a file changed
                    // during the build.
                    report.errors.push(error);
                    docs[index] = None;
                }
                // A chapter whose image changed during the build has a new key: check its
                // outputs again.
                docs.par_iter_mut()
                    .flatten()
                    .filter(|d| d.stale.is_empty())
                    .for_each(check_outputs);
                book_job = Some((plan, key));
            }
        }
    }

    // 4. Render every stale output, the longest jobs first; the book beside them.
    let mut jobs: Vec<(usize, usize)> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let Some(doc) = doc else { continue };
        for (o, stale) in doc.stale.iter().enumerate() {
            if *stale && doc.parsed.is_some() {
                jobs.push((d, o));
            } else if !*stale {
                let path = out.join(project.outputs[o].relative_path(&doc.source.slug));
                observer.finished(&path, Outcome::Unchanged);
                report.unchanged.push(path);
            }
        }
    }
    jobs.sort_by_key(|&(d, o)| {
        let size = docs[d].as_ref().map_or(0, |doc| doc.bytes.len());
        std::cmp::Reverse(size * cost(project.outputs[o]))
    });
    if !jobs.is_empty() || book_job.is_some() {
        // Until this build records the files it replaces, no manifest is better than a wrong
        // one (a build killed half-way cannot record anything).
        // If it cannot be removed, writing the new one fails too, and that error is reported.
        let _ = std::fs::remove_file(out.join(manifest::MANIFEST_FILE));
    }
    let render_doc = |&(d, o): &(usize, usize)| -> (usize, usize, Result<Written, Error>) {
        let result = (|| {
            let doc = docs[d]
                .as_ref()
                .ok_or_else(|| not_parsed(&project.sources[d]))?;
            let parsed = doc.parsed.as_ref().ok_or_else(|| not_parsed(doc.source))?;
            let output = project.outputs[o];
            if crate::interrupt::requested() {
                return Err(Error::Interrupted);
            }
            let rendered = render(&parsed.doc, output, &project.settings, &parsed.assets)?;
            let key = output_key(doc.key.as_deref().unwrap_or_default(), &fingerprints[o]);
            let relative = output.relative_path(&doc.source.slug);
            let entry = ArtifactEntry::new(
                output.format.name(),
                output.variant_name(),
                Some(&doc.source.shown),
                provenance(doc, parsed),
                key,
            );
            write_output(out, &relative, rendered, entry, opts.force)
        })();
        (d, o, result)
    };
    let (results, (book_result, checks)) = rayon::join(
        || {
            jobs.par_iter()
                .with_max_len(1)
                .map(render_doc)
                .collect::<Vec<_>>()
        },
        || {
            rayon::join(
                || {
                    book_job.as_ref().map(|(plan, key)| {
                        let result = render_book(&project, &docs, plan, key.clone(), opts.force);
                        (plan.relative(), result)
                    })
                },
                || run_checks(&project, &docs, &previous, &check_settings),
            )
        },
    );

    // 5. Record what is there.
    let mut next = Cache {
        documents: previous.documents.clone(),
        artifacts: previous.artifacts.clone(),
        ..Cache::default()
    };
    let mut warnings: Vec<String> = Vec::new();
    let mut fresh: BTreeSet<String> = BTreeSet::new();
    let rendered = results
        .into_iter()
        .map(|(d, o, r)| {
            let slug = docs[d].as_ref().map_or("", |doc| doc.source.slug.as_str());
            (project.outputs[o].relative_path(slug), r)
        })
        .chain(book_result);
    for (relative, result) in rendered {
        let path = out.join(&relative);
        match result {
            Ok(Written { entry, changed }) => {
                if changed {
                    observer.finished(&path, Outcome::Written);
                    report.written.push(path);
                } else {
                    observer.finished(&path, Outcome::Unchanged);
                    report.unchanged.push(path);
                }
                warnings.extend(entry.warnings.iter().cloned());
                fresh.insert(relative.clone());
                next.artifacts.insert(relative, entry);
            }
            Err(Error::Interrupted) => report.interrupted = true,
            Err(e) => {
                observer.finished(&path, Outcome::Failed);
                report.errors.push(e);
            }
        }
    }
    // Warnings of reused files are shown again, as a compiler shows those of cached crates.
    for path in &report.unchanged {
        if let Ok(relative) = path.strip_prefix(out)
            && let Some(entry) = next.artifacts.get(&slash(relative))
        {
            warnings.extend(entry.warnings.iter().cloned());
        }
    }
    for w in warnings {
        // Both PDF variants report the same things: say each once.
        if !report.warnings.contains(&w) {
            report.warnings.push(w);
        }
    }
    for doc in docs.iter().flatten() {
        if let Some(parsed) = &doc.parsed {
            next.documents
                .insert(doc.source.shown.clone(), document_entry(doc, parsed));
        }
    }
    report.check = checks.tally;
    for (shown, entry) in checks.fresh {
        if let Some(document) = next.documents.get_mut(&shown) {
            document.check = Some(entry);
        }
    }
    // Files found unchanged were just verified against the cache: no need to hash them again.
    for path in &report.unchanged {
        if let Ok(relative) = path.strip_prefix(out) {
            fresh.insert(slash(relative));
        }
    }
    prune(&project, book_plan, &mut next, &fresh, &mut report);

    let sources = manifest_sources(&project, &docs, &next);
    let index_entry = write_catalogue(
        &project,
        planned_book.as_ref(),
        &next,
        &mut report,
        observer,
    );
    if let Some((relative, entry)) = index_entry {
        next.artifacts.insert(relative, entry);
    }
    let manifest = manifest::render(&next.artifacts, &sources);
    record(
        out,
        manifest::MANIFEST_FILE,
        &manifest,
        &mut report,
        Some(observer),
    );
    record(out, CACHE_FILE, &next.to_bytes(), &mut report, None);
    report.written.sort();
    report.unchanged.sort();
    Ok(report)
}

/// What the checks of a build depend on besides each document.
struct CheckSettings {
    fingerprint: String,
    today: i64,
}

impl CheckSettings {
    fn of(project: &Project) -> Self {
        let today = crate::check::today(project.settings.source_date_epoch);
        let fingerprint = Fingerprint::new("folio-check-settings")
            .add_str(BUILD_ID)
            .add_str(&format!(
                "{:?} {:?}",
                project.config.check, project.config.project.language
            ))
            .finish();
        CheckSettings { fingerprint, today }
    }

    /// The key of a document's check results. Of the day, only what the review lints read
    /// counts (the months since the review), so a document without a review date keeps its
    /// key, and its cache entry, from one day to the next.
    fn key(&self, document_key: &str, review_date: Option<&str>) -> String {
        let months = review_date.and_then(|d| crate::check::hygiene::months_since(d, self.today));
        Fingerprint::new("folio-check")
            .add_str(document_key)
            .add_str(&self.fingerprint)
            .add_str(&format!("{months:?}"))
            .finish()
    }
}

/// What the checks found: a count over every document, and the results of documents checked
/// in this build, for the cache.
struct Checks {
    tally: crate::diagnostics::Tally,
    fresh: Vec<(String, cache::CheckEntry)>,
}

/// Checks every parsed document, takes the last results of the others from the cache, then
/// checks the links between them. Documents that failed to read are reported as errors
/// already, and not counted again.
fn run_checks(
    project: &Project,
    docs: &[Option<Doc>],
    previous: &Cache,
    settings: &CheckSettings,
) -> Checks {
    let root = project
        .root
        .canonicalize()
        .unwrap_or_else(|_| project.root.clone());
    let fresh: Vec<(String, cache::CheckEntry)> = docs
        .par_iter()
        .flatten()
        .filter_map(|doc| {
            let parsed = doc.parsed.as_ref()?;
            let text = String::from_utf8_lossy(&doc.bytes);
            let findings = crate::check::run::check_project_document(
                &parsed.doc,
                &text,
                &doc.source.shown,
                &doc.source.path,
                &root,
                &project.config,
                settings.today,
            );
            let key = settings.key(
                doc.key.as_deref().unwrap_or_default(),
                parsed.doc.meta.review_date.as_deref(),
            );
            Some((
                doc.source.shown.clone(),
                cache::CheckEntry { key, findings },
            ))
        })
        .collect();
    let mut all: BTreeMap<&str, &crate::check::Findings> = BTreeMap::new();
    for doc in docs.iter().flatten() {
        let shown = doc.source.shown.as_str();
        if let Some((_, entry)) = fresh.iter().find(|(s, _)| s == shown) {
            all.insert(shown, &entry.findings);
        } else if let Some(entry) = previous.documents.get(shown).and_then(|e| e.check.as_ref()) {
            all.insert(shown, &entry.findings);
        }
    }
    let documents: Vec<(&str, &crate::check::Findings)> = all.into_iter().collect();
    let links = crate::check::integrity::check_project(&documents, &project.root);
    let tally = crate::diagnostics::Tally::of(
        documents
            .iter()
            .flat_map(|(_, f)| &f.diagnostics)
            .chain(&links),
    );
    Checks { tally, fresh }
}

/// Parses, in parallel, the documents `wanted` selects that are not parsed yet. Returns the
/// failures by source index; failed documents are removed from `docs`.
fn parse_where(
    docs: &mut [Option<Doc>],
    project: &Project,
    defaults: &crate::model::MetaDefaults,
    defaults_fp: &str,
    wanted: impl Fn(&Doc) -> bool + Sync,
) -> Vec<(usize, Error)> {
    let failures: Vec<(usize, Error)> = docs
        .par_iter_mut()
        .enumerate()
        .filter_map(|(index, slot)| {
            let doc = slot.as_mut()?;
            if doc.parsed.is_some() || !wanted(doc) {
                return None;
            }
            match parse(doc, project, defaults) {
                Ok(parsed) => {
                    let key = document_key(
                        doc.source,
                        &doc.sha256,
                        &parsed.images.iter().map(DepEntry::from).collect::<Vec<_>>(),
                        defaults_fp,
                    );
                    if doc.key.as_ref() != Some(&key) {
                        // New or changed: its outputs are checked against the cache again.
                        doc.stale = Vec::new();
                        doc.key = Some(key);
                    }
                    doc.parsed = Some(parsed);
                    None
                }
                Err(e) => {
                    *slot = None;
                    Some((index, e))
                }
            }
        })
        .collect();
    failures
}

fn parse(
    doc: &Doc,
    project: &Project,
    defaults: &crate::model::MetaDefaults,
) -> Result<Parsed, Error> {
    let source = doc.source;
    let document = read_bytes_with(
        &doc.bytes,
        &source.shown,
        Some(&source.path),
        Flavour::Markdown,
        defaults,
    )?;
    let doc_dir = source.path.parent().unwrap_or(&project.root);
    let (assets, images) = collect_images_with_files(
        &document,
        doc_dir,
        &project.root,
        project.config.limits.max_file_bytes(),
    )?;
    Ok(Parsed {
        doc: document,
        assets,
        images,
    })
}

fn project_index(project: &Project, source: &SourceFile) -> usize {
    project
        .sources
        .iter()
        .position(|s| std::ptr::eq(s, source))
        .unwrap_or(usize::MAX)
}

/// A document's key: everything its outputs are made from besides the writers' settings.
fn document_key(source: &SourceFile, sha256: &str, images: &[DepEntry], defaults: &str) -> String {
    let mut f = Fingerprint::new("folio-document");
    f.add_str(BUILD_ID)
        .add_str(&source.shown)
        .add_str(&source.slug)
        .add_str(sha256)
        .add_str(defaults);
    for image in images {
        f.add_str(&image.path).add_str(&image.sha256);
    }
    f.finish()
}

fn output_key(document_key: &str, settings: &str) -> String {
    Fingerprint::new("folio-output")
        .add_str(document_key)
        .add_str(settings)
        .finish()
}

/// Relative cost of an output per source byte, to start the longest jobs first. Large print
/// has more pages; that it sorts apart from the standard handout of the same document also
/// lets the second one reuse the font subsets the first made.
fn cost(output: Output) -> usize {
    match (output.format, output.variant) {
        (Format::Pdf, Some(Variant::LargePrint)) => 10,
        (Format::Pdf, _) => 8,
        (Format::Epub | Format::Html, _) => 2,
        (Format::Txt | Format::Json, _) => 1,
    }
}

/// A relative path with `/` separators, as the manifest and the cache record it.
fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A file this build rendered, and whether its bytes differ from what was there.
struct Written {
    entry: ArtifactEntry,
    changed: bool,
}

/// Writes a rendered file atomically (unless the same bytes are already there and the build
/// is not forced) and completes its cache entry.
fn write_output(
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
        path: path.display().to_string(),
        source: e,
    })?;
    let mut entry = entry.with_bytes(&rendered.bytes);
    entry.warnings = rendered.warnings;
    Ok(Written { entry, changed })
}

/// The files a document's outputs are made from, with their hashes.
fn provenance(doc: &Doc, parsed: &Parsed) -> Vec<DepEntry> {
    let mut sources = vec![DepEntry {
        path: doc.source.shown.clone(),
        sha256: doc.sha256.clone(),
    }];
    sources.extend(parsed.images.iter().map(DepEntry::from));
    sources
}

/// A document that should have been parsed was not: a bug, reported rather than panicking.
fn not_parsed(source: &SourceFile) -> Error {
    Error::Project {
        path: source.shown.clone(),
        message: "internal error: the document was not read before rendering".into(),
    }
}

fn render_book(
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
                path: project.out_dir.join(plan.relative()).display().to_string(),
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

fn document_entry(doc: &Doc, parsed: &Parsed) -> DocumentEntry {
    let meta = &parsed.doc.meta;
    DocumentEntry {
        sha256: doc.sha256.clone(),
        images: parsed.images.iter().map(DepEntry::from).collect(),
        slug: doc.source.slug.clone(),
        title: meta.title.clone(),
        summary: crate::render::html::description(&parsed.doc),
        language: meta.language.clone(),
        review_date: meta.review_date.clone(),
        check: None,
    }
}

/// Deletes outputs folio.toml no longer asks for: those of documents that are gone, of formats
/// and variants taken out of `formats` and `[pdf] variants`, and a book that was renamed. Only
/// files still exactly as folio wrote them are deleted. `--format` narrows what one build makes
/// but deletes nothing. Forgets files that are gone or were edited by hand; `fresh` are the
/// files this build wrote or verified.
fn prune(
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
fn manifest_sources(
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
fn write_catalogue(
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
            crate::terms::for_language(language)
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
    };
    let terms = crate::terms::for_language(&language);
    let page = catalogue::render(
        terms,
        &heading,
        &documents,
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
fn record(
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
                path: path.display().to_string(),
                source: e,
            });
            false
        }
    }
}

/// Tells the observer that every output of a failed document failed.
fn fail_outputs(project: &Project, source: &SourceFile, observer: &dyn Observer) {
    for output in &project.outputs {
        observer.finished(
            &project.out_dir.join(output.path(&source.slug)),
            Outcome::Failed,
        );
    }
}

/// The first build into a folder that already has an index.html or manifest.json folio did
/// not write (a web site's own, say) stops rather than overwrite them, unless forced.
fn refuse_foreign_files(out: &Path, cache: &Cache, force: bool) -> Result<(), Error> {
    if force || !cache.artifacts.is_empty() || !cache.documents.is_empty() {
        return Ok(());
    }
    for name in [catalogue::INDEX_FILE, manifest::MANIFEST_FILE] {
        let path = out.join(name);
        if path.exists() {
            return Err(Error::Project {
                path: path.display().to_string(),
                message: "exists and was not written by folio (the folder has no folio cache); \
                          move it, build into another folder, or use --force to replace it"
                    .into(),
            });
        }
    }
    Ok(())
}

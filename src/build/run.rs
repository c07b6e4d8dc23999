//! `folio build`'s steps, in order, each a method of [`Build`] (the plan: the project, what
//! the last build left, the settings' fingerprints):
//!
//! 1. [`Build::start`]: load the project and the cache, clear temporaries a killed build left;
//!    [`Build::plan_book`]: which documents the book holds.
//! 2. [`Build::read_sources`]: read and hash every source, find which outputs are stale.
//! 3. [`Build::parse_needed`]: parse what must be made or checked; [`Build::book_job`]: is
//!    the book stale.
//! 4. [`Build::plan_jobs`], [`Build::render`]: render and write every stale output, the
//!    longest first, the book and the checks beside them.
//! 5. [`Build::record`]: the cache, the catalogue and the manifest.

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, sort_and_dedup};
use crate::error::Error;
use crate::format::{Format, Output, Variant};
use crate::model::MetaDefaults;
use crate::output::sweep_temporaries;
use crate::pipeline::render;

use super::book::{self, BookPlan};
use super::cache::{ArtifactEntry, CACHE_FILE, Cache, DepEntry};
use super::checks::{CheckSettings, Checks, run_checks};
use super::documents::{
    Doc, document_entry, document_key, not_parsed, output_key, parse, provenance,
};
use super::manifest;
use super::options::BuildOptions;
use super::project::Project;
use super::record::{
    Written, fail_outputs, manifest_sources, prune, record, refuse_foreign_files, render_book,
    write_catalogue, write_output,
};
use super::report::{BuildReport, Observer, Outcome};
use crate::paths::slash;

/// Builds the project as `opts` asks, telling `observer` about every output file.
pub(super) fn run(opts: &BuildOptions, observer: &dyn Observer) -> Result<BuildReport, Error> {
    let build = Build::start(opts, observer)?;
    let mut report = BuildReport {
        documents: build.project.sources.len(),
        skipped: build.project.skipped.clone(),
        ..BuildReport::default()
    };
    let planned_book = build.plan_book(&mut report);
    let book = planned_book.as_ref().filter(|_| build.project.wants_book);
    // Every output of every document, the book, the catalogue and the manifest.
    observer.planned(
        build.project.sources.len() * build.project.outputs.len() + usize::from(book.is_some()) + 2,
    );
    let mut docs = build.read_sources(&mut report);
    build.parse_needed(&mut docs, &mut report);
    let book_job = book.and_then(|plan| build.book_job(plan, &mut docs, &mut report));
    let jobs = build.plan_jobs(&docs, book_job.is_some(), &mut report);
    let rendering = build.render(&docs, &jobs, book_job.as_ref());
    build.record(&docs, rendering, planned_book.as_ref(), book, &mut report);
    Ok(report)
}

/// A stale output to render: a document (by source index) and an output (by index into
/// `Project::outputs`).
type Job = (usize, usize);

/// The book, when it must be made: its plan and its key.
type BookJob<'b> = (&'b BookPlan, String);

/// What step 4 made: each job's file, the book's, and the checks' findings.
struct Rendering {
    documents: Vec<(Job, Result<Written, Error>)>,
    book: Option<(String, Result<Written, Error>)>,
    checks: Checks,
}

/// The plan of one build and what it reads everything against.
struct Build<'a> {
    opts: &'a BuildOptions,
    observer: &'a dyn Observer,
    project: Project,
    /// What the last build left in the output folder.
    previous: Cache,
    /// The settings fingerprint of each output, in `Project::outputs` order.
    fingerprints: Vec<String>,
    /// What the project says for documents that do not say it themselves, and its
    /// fingerprint.
    defaults: MetaDefaults,
    defaults_fp: String,
    check_settings: CheckSettings,
}

impl<'a> Build<'a> {
    /// Step 1: the project and the last build's cache; temporaries a killed build left are
    /// removed, and a folder folio did not write is not built into.
    fn start(opts: &'a BuildOptions, observer: &'a dyn Observer) -> Result<Build<'a>, Error> {
        let project = Project::load(&opts.project, opts.output.clone(), opts.formats.clone())?;
        let out = project.out_dir.as_path();
        let previous = Cache::load(out);
        refuse_foreign_files(out, &previous, opts.force)?;
        sweep_temporaries(out);
        for format in Format::BUILT {
            sweep_temporaries(&out.join(format.folder()));
        }
        let defaults = project.config.meta_defaults();
        Ok(Build {
            opts,
            observer,
            fingerprints: project.output_fingerprints(),
            defaults_fp: format!("{defaults:?}"),
            defaults,
            check_settings: CheckSettings::of(&project),
            previous,
            project,
        })
    }

    /// The book's plan. Planned even when no EPUB is made: pruning and the catalogue (which
    /// links a book an earlier build made) follow it. An error is reported only when the
    /// book is wanted.
    fn plan_book(&self, report: &mut BuildReport) -> Option<BookPlan> {
        match book::plan(&self.project) {
            Ok(plan) => Some(plan),
            Err(e) => {
                if self.project.wants_book {
                    report.errors.push(e);
                }
                None
            }
        }
    }

    /// Whether the file at `relative` is still what the last build made from `key`.
    fn is_current(&self, relative: &str, key: &str) -> bool {
        !self.opts.force
            && self
                .previous
                .is_current(&self.project.out_dir, relative, key)
    }

    /// Whether a document's findings in the cache still hold: what its checks ran on (the
    /// document, the settings, the day: a review date grows old without an edit) is the same.
    fn check_cached(&self, doc: &Doc) -> bool {
        let Some(entry) = self.previous.documents.get(&doc.source.shown) else {
            return false;
        };
        let key = doc
            .key
            .as_deref()
            .map(|k| self.check_settings.key(k, entry.review_date.as_deref()));
        entry
            .check
            .as_ref()
            .is_some_and(|c| Some(&c.key) == key.as_ref())
    }

    /// Step 2: every source read and hashed, in parallel. A document whose source and images
    /// are as the cache has them knows its key without being parsed.
    fn read_sources(&self, report: &mut BuildReport) -> Vec<Option<Doc<'_>>> {
        let project = &self.project;
        let max_bytes = project.config.limits.max_file_bytes();
        let read: Vec<Result<Doc, Error>> = project
            .sources
            .par_iter()
            .map(|source| {
                let bytes = crate::read::read_source(&source.path, &source.shown, max_bytes)?;
                let sha256 = crate::digest::sha256_hex(&bytes);
                let key = self
                    .previous
                    .documents
                    .get(&source.shown)
                    .filter(|e| {
                        e.sha256 == sha256
                            && e.slug == source.slug
                            && super::cache::images_unchanged(&project.root, &e.images, max_bytes)
                    })
                    .map(|e| document_key(source, &sha256, &e.images, &self.defaults_fp));
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
                    fail_outputs(project, source, self.observer);
                    report.errors.push(e);
                    docs.push(None);
                }
            }
        }
        docs.par_iter_mut()
            .flatten()
            .for_each(|doc| self.find_stale(doc));
        docs
    }

    /// Which of a document's outputs must be made again (known once its key is).
    fn find_stale(&self, doc: &mut Doc) {
        if let Some(key) = &doc.key {
            doc.stale = self
                .project
                .outputs
                .iter()
                .zip(&self.fingerprints)
                .map(|(output, fp)| {
                    let relative = output.relative_path(&doc.source.slug);
                    !self.is_current(&relative, &output_key(key, fp))
                })
                .collect();
        }
    }

    /// Step 3: the documents something must be made or checked from, parsed (their keys
    /// are then known too).
    fn parse_needed(&self, docs: &mut [Option<Doc>], report: &mut BuildReport) {
        let errors = self.parse_where(docs, |d| {
            d.key.is_none() || d.stale.contains(&true) || !self.check_cached(d)
        });
        for (index, error) in errors {
            fail_outputs(&self.project, &self.project.sources[index], self.observer);
            report.errors.push(error);
        }
        docs.par_iter_mut()
            .flatten()
            .filter(|d| d.stale.is_empty())
            .for_each(|doc| self.find_stale(doc));
    }

    /// Parses, in parallel, the documents `wanted` selects that are not parsed yet. Returns
    /// the failures by source index; failed documents are removed from `docs`.
    fn parse_where(
        &self,
        docs: &mut [Option<Doc>],
        wanted: impl Fn(&Doc) -> bool + Sync,
    ) -> Vec<(usize, Error)> {
        docs.par_iter_mut()
            .enumerate()
            .filter_map(|(index, slot)| {
                let doc = slot.as_mut()?;
                if doc.parsed.is_some() || !wanted(doc) {
                    return None;
                }
                match parse(doc, &self.project, &self.defaults) {
                    Ok(parsed) => {
                        let images: Vec<DepEntry> =
                            parsed.images.iter().map(DepEntry::from).collect();
                        let key = document_key(doc.source, &doc.sha256, &images, &self.defaults_fp);
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
            .collect()
    }

    /// The book's job, if it must be made: when its key changed. Then every chapter is
    /// parsed. A book whose chapters failed is not written, and says which.
    fn book_job<'b>(
        &self,
        plan: &'b BookPlan,
        docs: &mut [Option<Doc>],
        report: &mut BuildReport,
    ) -> Option<BookJob<'b>> {
        let project = &self.project;
        let path = project.out_dir.join(plan.relative());
        let failed: Vec<&str> = plan
            .chapters
            .iter()
            .filter(|&&i| docs[i].is_none())
            .map(|&i| project.sources[i].shown.as_str())
            .collect();
        if !failed.is_empty() {
            self.observer.finished(&path, Outcome::Failed);
            report.errors.push(Error::Project {
                path: crate::paths::shown(&path),
                message: format!(
                    "not written: its chapters {} have errors",
                    failed.join(", ")
                ),
            });
            return None;
        }
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
        let key = book::key(project, plan, &epub_fp, &keys);
        if self.is_current(&plan.relative(), &key) {
            self.observer.finished(&path, Outcome::Unchanged);
            report.unchanged.push(path);
            return None;
        }
        let chapters: BTreeSet<usize> = plan.chapters.iter().copied().collect();
        for (index, error) in
            self.parse_where(docs, |d| chapters.contains(&project.index_of(d.source)))
        {
            // Parsed before without error, so this only happens if a file changed during
            // the build.
            report.errors.push(error);
            docs[index] = None;
        }
        // A chapter whose image changed during the build has a new key: its outputs are
        // checked again.
        docs.par_iter_mut()
            .flatten()
            .filter(|d| d.stale.is_empty())
            .for_each(|doc| self.find_stale(doc));
        Some((plan, key))
    }

    /// Step 4, planned: every stale output of every parsed document, the longest first (the
    /// rest are reported unchanged). While files are replaced, no manifest is better than a
    /// wrong one: it is removed until step 5 writes it.
    fn plan_jobs(&self, docs: &[Option<Doc>], book: bool, report: &mut BuildReport) -> Vec<Job> {
        let project = &self.project;
        let mut jobs: Vec<Job> = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            let Some(doc) = doc else { continue };
            for (o, stale) in doc.stale.iter().enumerate() {
                if *stale && doc.parsed.is_some() {
                    jobs.push((d, o));
                } else if !*stale {
                    let path = project
                        .out_dir
                        .join(project.outputs[o].path(&doc.source.slug));
                    self.observer.finished(&path, Outcome::Unchanged);
                    report.unchanged.push(path);
                }
            }
        }
        jobs.sort_by_key(|&(d, o)| {
            let size = docs[d].as_ref().map_or(0, |doc| doc.bytes.len());
            std::cmp::Reverse(size * cost(project.outputs[o]))
        });
        if !jobs.is_empty() || book {
            // If it cannot be removed, writing the new one fails too, and that error is
            // reported then.
            let _ = std::fs::remove_file(project.out_dir.join(manifest::MANIFEST_FILE));
        }
        jobs
    }

    /// Step 4: the jobs rendered and written in parallel, the book and the checks beside
    /// them.
    fn render(&self, docs: &[Option<Doc>], jobs: &[Job], book: Option<&BookJob>) -> Rendering {
        let (documents, (book, checks)) = rayon::join(
            || {
                jobs.par_iter()
                    .with_max_len(1)
                    .map(|&job| (job, self.render_job(docs, job)))
                    .collect::<Vec<_>>()
            },
            || {
                rayon::join(
                    || {
                        book.map(|(plan, key)| {
                            let result = render_book(
                                &self.project,
                                docs,
                                plan,
                                key.clone(),
                                self.opts.force,
                            );
                            (plan.relative(), result)
                        })
                    },
                    || run_checks(&self.project, docs, &self.previous, &self.check_settings),
                )
            },
        );
        Rendering {
            documents,
            book,
            checks,
        }
    }

    /// One output of one document, rendered and written.
    fn render_job(&self, docs: &[Option<Doc>], (d, o): Job) -> Result<Written, Error> {
        let project = &self.project;
        let doc = docs[d]
            .as_ref()
            .ok_or_else(|| not_parsed(&project.sources[d]))?;
        let parsed = doc.parsed.as_ref().ok_or_else(|| not_parsed(doc.source))?;
        let output = project.outputs[o];
        if crate::interrupt::requested() {
            return Err(Error::Interrupted);
        }
        let rendered = render(&parsed.doc, output, &project.settings, &parsed.assets)?;
        let key = output_key(
            doc.key.as_deref().unwrap_or_default(),
            &self.fingerprints[o],
        );
        let relative = output.relative_path(&doc.source.slug);
        let entry = ArtifactEntry::new(
            output.format.name(),
            output.variant_name(),
            Some(&doc.source.shown),
            provenance(doc, parsed),
            key,
        );
        write_output(
            &project.out_dir,
            &relative,
            rendered,
            entry,
            self.opts.force,
        )
    }

    /// Step 5: what was made and found goes into the report and the next cache; outputs no
    /// longer asked for are pruned; the catalogue, the manifest and the cache are written.
    fn record(
        &self,
        docs: &[Option<Doc>],
        rendering: Rendering,
        planned_book: Option<&BookPlan>,
        book: Option<&BookPlan>,
        report: &mut BuildReport,
    ) {
        let project = &self.project;
        let out = project.out_dir.as_path();
        let mut next = Cache {
            documents: self.previous.documents.clone(),
            artifacts: self.previous.artifacts.clone(),
            ..Cache::default()
        };
        let mut warnings: Vec<Diagnostic> = Vec::new();
        let mut fresh: BTreeSet<String> = BTreeSet::new();
        let made = rendering
            .documents
            .into_iter()
            .map(|((d, o), result)| {
                let slug = docs[d].as_ref().map_or("", |doc| doc.source.slug.as_str());
                (project.outputs[o].relative_path(slug), result)
            })
            .chain(rendering.book);
        for (relative, result) in made {
            let path = out.join(&relative);
            match result {
                Ok(Written { entry, changed }) => {
                    let outcome = if changed {
                        report.written.push(path.clone());
                        Outcome::Written
                    } else {
                        report.unchanged.push(path.clone());
                        Outcome::Unchanged
                    };
                    self.observer.finished(&path, outcome);
                    warnings.extend(entry.warnings.iter().cloned());
                    fresh.insert(relative.clone());
                    next.artifacts.insert(relative, entry);
                }
                Err(Error::Interrupted) => report.interrupted = true,
                Err(e) => {
                    self.observer.finished(&path, Outcome::Failed);
                    report.errors.push(e);
                }
            }
        }
        // Warnings of reused files are shown again, as a compiler shows those of cached
        // crates; both PDF variants report the same things, and each is said once.
        for path in &report.unchanged {
            if let Ok(relative) = path.strip_prefix(out)
                && let Some(entry) = next.artifacts.get(&slash(relative))
            {
                warnings.extend(entry.warnings.iter().cloned());
            }
        }
        sort_and_dedup(&mut warnings);
        report.warnings = warnings;
        for doc in docs.iter().flatten() {
            if let Some(parsed) = &doc.parsed {
                next.documents
                    .insert(doc.source.shown.clone(), document_entry(doc, parsed));
            }
        }
        let checks = rendering.checks;
        report.findings = checks.diagnostics;
        for (shown, entry) in checks.fresh {
            if let Some(document) = next.documents.get_mut(&shown) {
                document.check = Some(entry);
            }
        }
        // The text of every document something was said about, to show the lines.
        for doc in docs.iter().flatten() {
            let shown = &doc.source.shown;
            let named = |d: &Diagnostic| d.path == *shown;
            if report.warnings.iter().any(named) || report.findings.iter().any(named) {
                report.sources.insert(
                    shown.clone(),
                    String::from_utf8_lossy(&doc.bytes).into_owned(),
                );
            }
        }
        // Files found unchanged were just verified against the cache: no need to hash them
        // again.
        for path in &report.unchanged {
            if let Ok(relative) = path.strip_prefix(out) {
                fresh.insert(slash(relative));
            }
        }
        prune(project, book, &mut next, &fresh, report);
        let sources = manifest_sources(project, docs, &next);
        if let Some((relative, entry)) =
            write_catalogue(project, planned_book, &next, report, self.observer)
        {
            next.artifacts.insert(relative, entry);
        }
        let manifest = manifest::render(
            &manifest::project_from(out, &project.root),
            &next.artifacts,
            &sources,
        );
        record(
            out,
            manifest::MANIFEST_FILE,
            &manifest,
            report,
            Some(self.observer),
        );
        record(out, CACHE_FILE, &next.to_bytes(), report, None);
        report.written.sort();
        report.unchanged.sort();
    }
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

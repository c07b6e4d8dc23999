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
//! The steps are [`run`]'s. A document that fails (unreadable, bad front matter, missing image) is reported and writes
//! nothing; the others still build. Every file is written atomically. Ctrl-C stops after the
//! files being written and still records what was done.

//!
//! Module map: [`options`] and [`report`] are what a build is asked and answers; [`project`]
//! loads what it starts from; [`run`] is the steps; [`documents`] is a document as the build
//! sees it; [`checks`] runs `folio check`'s lints beside the rendering; [`book`] plans and
//! makes the collection's EPUB; [`record`] writes and prunes; [`cache`], [`catalogue`] and
//! [`manifest`] are the files that record a build.

mod book;
mod cache;
mod catalogue;
mod checks;
mod documents;
mod manifest;
mod options;
mod project;
mod record;
mod report;
mod run;

pub use options::BuildOptions;
pub use project::settings_of;
pub use report::{BuildReport, Observer, Outcome, Silent};

use crate::error::Error;

/// Builds the project. Errors that stop the whole build (bad folio.toml, no content folder)
/// are returned as `Err`; per-document errors are collected in the report.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Error> {
    build_with(opts, &Silent)
}

/// [`build`], telling `observer` about every output file as it is done.
pub fn build_with(opts: &BuildOptions, observer: &dyn Observer) -> Result<BuildReport, Error> {
    match opts.jobs {
        None => run::run(opts, observer),
        Some(jobs) => rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build()
            .map_err(|e| Error::Project {
                path: "--jobs".into(),
                message: format!("cannot start {jobs} worker threads: {e}"),
            })?
            .install(|| run::run(opts, observer)),
    }
}

//! `folio check [DIR|FILE...]`: find the documents, read them, lint them in parallel, then
//! check the links between the documents of each project.
//!
//! A folder with a content folder (or a folio.toml) is a project: all its documents are
//! checked with its settings. A file is checked with the settings of the project it lies in
//! (the nearest folder above it with a folio.toml), or the defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::check_document;
use super::context::Files;
use super::context::{Context, today};
use super::findings::Findings;
use super::integrity::check_project;
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::model::Document;
use crate::paths::is_markdown;
use crate::read::{Flavour, ReadError, read_bytes_with};

/// What a run found.
#[derive(Debug, Default)]
pub struct CheckRun {
    /// Every finding, in file and line order.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of each document by its shown path, for drawing source lines.
    pub sources: BTreeMap<String, String>,
    pub documents: usize,
}

/// A document to check, and the project it belongs to.
struct Job {
    project: usize,
    path: PathBuf,
    shown: String,
}

struct Project {
    root: PathBuf,
    /// How the project is named when one run checks several: the folder as given.
    label: String,
    config: Config,
}

/// Checks the given files and folders (`.` when none are given).
pub fn check_paths(paths: &[PathBuf]) -> Result<CheckRun, Error> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut projects: Vec<Project> = Vec::new();
    let mut jobs: Vec<Job> = Vec::new();
    for path in &paths {
        if path.is_dir() {
            add_folder(path, &mut projects, &mut jobs)?;
        } else if std::fs::symlink_metadata(path).is_ok() {
            // A file, or something named as one (a FIFO, a broken link): reading it says what
            // is wrong, as build does.
            add_file(path, &mut projects, &mut jobs)?;
        } else {
            return Err(Error::Project {
                path: crate::paths::shown(path),
                message: "no such file or folder".into(),
            });
        }
    }
    // The same file named twice (or by a folder and by itself) is checked once.
    jobs.sort_by(|a, b| (a.project, &a.shown).cmp(&(b.project, &b.shown)));
    jobs.dedup_by(|a, b| a.project == b.project && a.shown == b.shown);
    let today = today(crate::pipeline::source_date_epoch()?);
    let checked: Vec<(usize, String, String, Findings)> = jobs
        .par_iter()
        .map(|job| {
            let project = &projects[job.project];
            let (text, findings) = check_file(job, project, today);
            (job.project, job.shown.clone(), text, findings)
        })
        .collect();
    let mut run = CheckRun {
        documents: checked.len(),
        ..CheckRun::default()
    };
    // Paths are shown relative to their project; with several projects, the project's folder
    // comes first, so `a/content/x.md` and `b/content/x.md` stay apart.
    let shown_in = |project: usize, shown: &str| {
        if projects.len() > 1 {
            format!("{}/{shown}", projects[project].label)
        } else {
            shown.to_string()
        }
    };
    for (index, project) in projects.iter().enumerate() {
        let documents: Vec<(&str, &Findings)> = checked
            .iter()
            .filter(|(p, ..)| *p == index)
            .map(|(_, shown, _, findings)| (shown.as_str(), findings))
            .collect();
        for mut d in check_project(&documents, &project.root) {
            d.path = shown_in(index, &d.path);
            run.diagnostics.push(d);
        }
    }
    for (project, shown, text, findings) in checked {
        for mut d in findings.diagnostics {
            d.path = shown_in(project, &d.path);
            run.diagnostics.push(d);
        }
        run.sources.insert(shown_in(project, &shown), text);
    }
    crate::diagnostics::sort(&mut run.diagnostics);
    Ok(run)
}

fn add_project(root: &Path, projects: &mut Vec<Project>) -> Result<usize, Error> {
    let label = crate::paths::shown(root);
    let label = label.trim_end_matches('/').to_string();
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if let Some(index) = projects.iter().position(|p| p.root == root) {
        return Ok(index);
    }
    let config = Config::load(&root)?;
    projects.push(Project {
        root,
        label: if label.is_empty() { ".".into() } else { label },
        config,
    });
    Ok(projects.len() - 1)
}

fn add_folder(dir: &Path, projects: &mut Vec<Project>, jobs: &mut Vec<Job>) -> Result<(), Error> {
    let config = Config::load(dir)?;
    let is_project = dir.join(CONFIG_FILE).is_file() || dir.join(&config.content).is_dir();
    if !is_project {
        // A plain folder of Markdown: each file with its own project's settings.
        let entries = std::fs::read_dir(dir).map_err(|e| Error::Project {
            path: crate::paths::shown(dir),
            message: format!("cannot read the folder: {e}"),
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| !p.is_dir() && is_markdown(p))
            .collect();
        files.sort();
        for file in files {
            add_file(&file, projects, jobs)?;
        }
        return Ok(());
    }
    let project = add_project(dir, projects)?;
    for source in crate::discover::discover(dir, &config.content)? {
        jobs.push(Job {
            project,
            path: source.path,
            shown: source.shown,
        });
    }
    Ok(())
}

fn add_file(file: &Path, projects: &mut Vec<Project>, jobs: &mut Vec<Job>) -> Result<(), Error> {
    let absolute = file.canonicalize().map_err(|e| Error::Project {
        path: crate::paths::shown(file),
        message: format!("cannot read: {e}"),
    })?;
    // The project is the nearest folder above with a folio.toml; else, for a file in a
    // `content` folder, the folder holding it (folio.toml is optional); else the file's own.
    let parent = absolute.parent().unwrap_or(Path::new("."));
    let root = absolute
        .ancestors()
        .skip(1)
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .or_else(|| {
            parent
                .file_name()
                .filter(|name| *name == "content")
                .and_then(|_| parent.parent())
        })
        .unwrap_or(parent)
        .to_path_buf();
    let project = add_project(&root, projects)?;
    let shown = crate::paths::slash(
        &absolute
            .strip_prefix(&projects[project].root)
            .map_or_else(|_| file.to_path_buf(), Path::to_path_buf),
    );
    jobs.push(Job {
        project,
        path: file.to_path_buf(),
        shown,
    });
    Ok(())
}

/// Reads and lints one document: its text (for drawing source lines) and its findings.
fn check_file(job: &Job, project: &Project, today: i64) -> (String, Findings) {
    let max_bytes = project.config.limits.max_file_bytes();
    let bytes = match crate::read::read_source(&job.path, &job.shown, max_bytes) {
        Ok(bytes) => bytes,
        Err(error) => return (String::new(), read_failure(&job.shown, &error)),
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let defaults = project.config.meta_defaults();
    let doc = match read_bytes_with(
        &bytes,
        &job.shown,
        Some(&job.path),
        Flavour::Markdown,
        &defaults,
    ) {
        Ok(doc) => doc,
        Err(e) => return (text, read_failure(&job.shown, &e)),
    };
    let findings = check_project_document(
        &doc,
        &text,
        &job.shown,
        &job.path,
        &project.root,
        &project.config,
        today,
    );
    (text, findings)
}

/// A document that cannot be read is one error at the place the reader names.
pub fn read_failure(shown: &str, error: &ReadError) -> Findings {
    let mut diagnostic = error.diagnostic();
    diagnostic.path = shown.to_string();
    Findings {
        diagnostics: vec![diagnostic],
        ..Findings::default()
    }
}

/// Runs every lint of a document of a project, read from `file` (shown as `path`), in a
/// project whose canonical folder is `root`: what `folio check` and `folio build` both do.
/// Images are found relative to the document's folder as it is named, as the build finds
/// them.
pub fn check_project_document(
    doc: &Document,
    source: &str,
    path: &str,
    file: &std::path::Path,
    root: &std::path::Path,
    config: &crate::config::Config,
    today: i64,
) -> Findings {
    let cx = Context {
        path,
        config: &config.check,
        project_language: config.project.language.is_some(),
        today,
        files: Some(Files {
            doc_dir: file.parent().unwrap_or(root),
            root,
            max_bytes: config.limits.max_file_bytes(),
        }),
    };
    check_document(doc, source, &cx)
}

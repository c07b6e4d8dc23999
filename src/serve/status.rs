//! What `folio serve` tells its pages about the last build, as JSON:
//!
//! ```json
//! {"build": 2, "ok": false,
//!  "errors": [{"path": "content/a.md", "line": 2, "column": 1, "severity": "error",
//!              "code": "folio::read", "message": "…"}],
//!  "findings": [{"path": "content/b.md", "line": 6, "column": 1, "severity": "warning",
//!                "code": "folio::unsourced-claim", "message": "…"}],
//!  "pages": {"html/b.html": "content/b.md"}}
//! ```
//!
//! `build` counts the builds of this server; `ok` is false when the build failed or a
//! document could not be built (`errors`); `findings` are the checks' findings and the
//! writers' warnings; `pages` maps each HTML page of the output folder to the document it
//! was made from, as manifest.json says. Paths are relative to the project. Also where the
//! output folder is, and the line a build leaves on standard error. Not how the status
//! reaches the pages ([`super::events`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;

use crate::build::BuildReport;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, sort_and_dedup};
use crate::error::Error;

/// The manifest a build writes in the output folder (`build::manifest`'s file).
const MANIFEST: &str = "manifest.json";

#[derive(Debug, Serialize)]
pub struct Status {
    pub build: u64,
    pub ok: bool,
    pub errors: Vec<Entry>,
    pub findings: Vec<Entry>,
    pub pages: BTreeMap<String, String>,
}

/// One error or finding.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// The file it is about, relative to the project; empty when it is about none.
    pub path: String,
    /// 1-based; 0: the file as a whole.
    pub line: u32,
    /// 1-based, in characters; 0 when `line` is.
    pub column: u32,
    pub severity: &'static str,
    /// `folio::read`; empty when the error has none.
    pub code: String,
    pub message: String,
}

impl Status {
    /// The status of build number `build` of `project`, whose output folder is `out_dir`.
    pub fn of(
        build: u64,
        result: &Result<BuildReport, Error>,
        project: &Path,
        out_dir: &Path,
    ) -> Status {
        let project_prefix = format!("{}/", crate::paths::shown(project));
        let failed: Vec<&Error> = match result {
            Ok(report) => report.errors.iter().collect(),
            Err(e) => vec![e],
        };
        let mut found: Vec<Diagnostic> = match result {
            Ok(report) => report
                .findings
                .iter()
                .chain(&report.warnings)
                .cloned()
                .collect(),
            Err(_) => Vec::new(),
        };
        sort_and_dedup(&mut found);
        Status {
            build,
            ok: failed.is_empty(),
            errors: failed
                .iter()
                .map(|e| error_entry(e, &project_prefix))
                .collect(),
            findings: found
                .iter()
                .map(|d| entry(d, d.severity.name(), &project_prefix))
                .collect(),
            pages: pages(out_dir),
        }
    }

    pub fn to_json(&self) -> String {
        // Strings, numbers and maps of strings always serialize.
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }
}

fn error_entry(error: &Error, project_prefix: &str) -> Entry {
    match error.diagnostic() {
        Some(d) => entry(&d, "error", project_prefix),
        None => Entry {
            path: String::new(),
            line: 0,
            column: 0,
            severity: "error",
            code: String::new(),
            message: error.to_string(),
        },
    }
}

/// A diagnostic as an entry; its place as the JSON findings say it (a whole line starts at
/// column 1).
fn entry(d: &Diagnostic, severity: &'static str, project_prefix: &str) -> Entry {
    let line = d.location.line;
    let column = if line > 0 && d.location.column == 0 {
        1
    } else {
        d.location.column
    };
    Entry {
        path: d
            .path
            .strip_prefix(project_prefix)
            .unwrap_or(&d.path)
            .to_string(),
        line,
        column,
        severity,
        code: d.code.code(),
        message: d.message.clone(),
    }
}

/// Each HTML page of the output folder made from one document, and that document, from
/// manifest.json (empty when there is none yet).
pub fn pages(out_dir: &Path) -> BTreeMap<String, String> {
    let mut pages = BTreeMap::new();
    let Ok(bytes) = std::fs::read(out_dir.join(MANIFEST)) else {
        return pages;
    };
    let Ok(manifest) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return pages;
    };
    for artifact in manifest["artifacts"].as_array().into_iter().flatten() {
        let Some(page) = artifact["path"].as_str().filter(|p| p.ends_with(".html")) else {
            continue;
        };
        let documents: Vec<&str> = artifact["from"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|source| source["path"].as_str())
            .filter(|path| crate::paths::is_markdown(Path::new(path)))
            .collect();
        if let [document] = documents.as_slice() {
            pages.insert(page.to_string(), String::from(*document));
        }
    }
    pages
}

/// The output folder of `project`: folio.toml's `output` (`dist` when folio.toml cannot be
/// read), under the project.
pub fn out_dir(project: &Path) -> PathBuf {
    configured_out_dir(project).unwrap_or_else(|| project.join(Config::default().output))
}

/// The output folder folio.toml names; `None` when folio.toml cannot be read.
pub fn configured_out_dir(project: &Path) -> Option<PathBuf> {
    let config = Config::load(project).ok()?;
    Some(project.join(config.output))
}

/// Says on standard error what a build did: its errors, then one line.
pub fn tell(result: &Result<BuildReport, Error>, elapsed: Duration) {
    match result {
        Ok(report) => {
            for error in &report.errors {
                eprintln!("error: {error}");
            }
            eprintln!(
                "built {} in {:.2}s: {} written, {}",
                count(report.documents, "document", "documents"),
                elapsed.as_secs_f64(),
                count(report.written.len(), "file", "files"),
                count(report.errors.len(), "error", "errors"),
            );
        }
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("the build failed; the pages are those of the last build that worked");
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Location};

    #[test]
    fn errors_and_findings_name_their_place_relative_to_the_project() {
        let project = Path::new("/tmp/p");
        let mut report = BuildReport::default();
        report.errors.push(Error::Project {
            path: "/tmp/p/folio.toml".into(),
            message: "bad".into(),
        });
        report.errors.push(Error::Interrupted);
        report.findings.push(Diagnostic::new(
            Code::UnsourcedClaim,
            "content/a.md",
            Location::line(6),
            "no source",
        ));
        let status = Status::of(3, &Ok(report), project, Path::new("/nonexistent/dist"));
        let json: serde_json::Value = serde_json::from_str(&status.to_json()).unwrap();
        assert_eq!(json["build"], 3);
        assert_eq!(json["ok"], false);
        assert_eq!(json["errors"][0]["path"], "folio.toml");
        assert_eq!(json["errors"][0]["severity"], "error");
        assert_eq!(json["errors"][1]["message"], "interrupted");
        assert_eq!(json["findings"][0]["path"], "content/a.md");
        assert_eq!(json["findings"][0]["line"], 6);
        assert_eq!(json["findings"][0]["column"], 1);
        assert_eq!(json["findings"][0]["severity"], "warning");
        assert_eq!(json["findings"][0]["code"], "folio::unsourced-claim");
        assert_eq!(json["pages"], serde_json::json!({}));
    }

    #[test]
    fn a_failed_build_is_not_ok() {
        let failed = Err(Error::Project {
            path: "content".into(),
            message: "cannot read the content folder".into(),
        });
        let status = Status::of(1, &failed, Path::new("."), Path::new("dist"));
        assert!(!status.ok);
        assert_eq!(status.errors.len(), 1);
        assert_eq!(status.errors[0].path, "content");
    }

    #[test]
    fn pages_come_from_the_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = serde_json::json!({
            "artifacts": [
                {"path": "html/a.html", "from": [
                    {"path": "content/a.md", "sha256": "x"},
                    {"path": "content/images/p.png", "sha256": "y"}]},
                {"path": "pdf/a.pdf", "from": [{"path": "content/a.md", "sha256": "x"}]},
                {"path": "index.html", "from": [
                    {"path": "content/a.md", "sha256": "x"},
                    {"path": "content/b.md", "sha256": "z"}]}
            ]
        });
        std::fs::write(dir.path().join(MANIFEST), manifest.to_string()).unwrap();
        let pages = pages(dir.path());
        assert_eq!(pages.len(), 1, "{pages:?}");
        assert_eq!(pages["html/a.html"], "content/a.md");
    }
}

//! Rebuilding when the project changes: a file watcher on the project folder, and a thread
//! that waits until the changes stop for a moment (100 ms after the last one), builds
//! (incrementally: only what changed is made again) and publishes the new status, with a
//! `reload` when the build wrote a file.
//!
//! The project folder itself is watched for its own files (folio.toml, a stylesheet named
//! there) and each of its folders recursively (content/, images, styles/, fonts/), except
//! the output folder, `target/` and hidden folders (`.git/`), which can be large and never
//! hold a source; a folder made later is watched from then on. Events about those, about
//! editors' temporary files (`.a.md.swp`, `a.md~`, `#a.md#`, `*.tmp`) and about files being
//! only read (a build reads every source) change nothing.
//!
//! A build that fails as a whole (folio.toml no longer valid) publishes `ok: false` with its
//! error and leaves the output folder as the last good build left it. Not how requests are
//! answered ([`super::routes`]) nor what the status says ([`super::status`]).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::build::{BuildOptions, build};

use super::site::Site;
use super::status::{self, Status};

/// How long the project must be quiet before a rebuild: an editor's save is several events.
const QUIET: Duration = Duration::from_millis(100);
/// How often the thread looks whether it must stop.
const TICK: Duration = Duration::from_millis(200);

/// The watching thread; [`Watch::stop`] ends it.
pub struct Watch {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Watch {
    /// Stops watching: after the build under way, if any (Ctrl-C cuts it short).
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts watching `project`, whose last build was number `build`, publishing to `site`.
/// An error says why the project cannot be watched.
pub fn start(project: &Path, build: u64, site: Arc<Site>) -> Result<Watch, String> {
    let root = project
        .canonicalize()
        .map_err(|e| format!("{}: {e}", crate::paths::shown(project)))?;
    let (sender, events) = channel::<notify::Result<Event>>();
    let watcher =
        RecommendedWatcher::new(sender, notify::Config::default()).map_err(|e| e.to_string())?;
    let stop = Arc::new(AtomicBool::new(false));
    let mut watching = Watching {
        project: project.to_path_buf(),
        out: output_folder(&root),
        root,
        watcher,
        folders: BTreeSet::new(),
        events,
        site,
        build,
        stop: Arc::clone(&stop),
    };
    watching.watch_project()?;
    let thread = std::thread::Builder::new()
        .name("folio-watch".into())
        .spawn(move || watching.run())
        .map_err(|e| e.to_string())?;
    Ok(Watch {
        stop,
        thread: Some(thread),
    })
}

/// The watching thread's state.
struct Watching {
    /// The project as the user named it: what is built.
    project: PathBuf,
    /// The project with every link resolved: what events name.
    root: PathBuf,
    /// The output folder, resolved: its events are the build's own.
    out: PathBuf,
    watcher: RecommendedWatcher,
    /// The project's folders watched recursively.
    folders: BTreeSet<PathBuf>,
    events: Receiver<notify::Result<Event>>,
    site: Arc<Site>,
    /// The number of the last build.
    build: u64,
    stop: Arc<AtomicBool>,
}

impl Watching {
    /// The project folder (its own files) and each of its folders that may hold sources.
    fn watch_project(&mut self) -> Result<(), String> {
        self.watcher
            .watch(&self.root, RecursiveMode::NonRecursive)
            .map_err(|e| e.to_string())?;
        let entries = std::fs::read_dir(&self.root).map_err(|e| e.to_string())?;
        let mut folders: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        folders.sort();
        for folder in folders {
            // One folder that cannot be watched (no permission) leaves the others watched.
            if let Err(e) = self.watch_folder(&folder) {
                eprintln!("warning: cannot watch for changes: {e}");
            }
        }
        Ok(())
    }

    /// Watches `path` recursively if it is a folder of the project that may hold sources and
    /// is not watched yet.
    fn watch_folder(&mut self, path: &Path) -> Result<(), String> {
        if !path.is_dir() || !relevant(path, &self.root, &self.out) || self.folders.contains(path) {
            return Ok(());
        }
        self.watcher
            .watch(path, RecursiveMode::Recursive)
            .map_err(|e| format!("{}: {e}", crate::paths::shown(path)))?;
        self.folders.insert(path.to_path_buf());
        Ok(())
    }

    /// Until stopped: waits for changes, then for quiet, then builds.
    fn run(mut self) {
        let mut due: Option<Instant> = None;
        while !self.stop.load(Ordering::Relaxed) && !crate::interrupt::requested() {
            let wait = due.map_or(TICK, |at| {
                at.saturating_duration_since(Instant::now()).min(TICK)
            });
            match self.events.recv_timeout(wait) {
                Ok(Ok(event)) => {
                    if self.matters(&event) {
                        due = Some(Instant::now() + QUIET);
                    }
                }
                Ok(Err(e)) => {
                    // Events may have been lost (too many at once): build to be sure.
                    eprintln!("warning: watching for changes: {e}");
                    due = Some(Instant::now() + QUIET);
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if due.is_some_and(|at| Instant::now() >= at) {
                due = None;
                self.rebuild();
            }
        }
    }

    /// Whether `event` may change the build; a folder made at the top of the project is
    /// watched from now on.
    fn matters(&mut self, event: &Event) -> bool {
        if event.need_rescan() {
            return true;
        }
        if matches!(event.kind, EventKind::Access(_)) {
            return false;
        }
        let mut matters = false;
        for path in &event.paths {
            if !relevant(path, &self.root, &self.out) {
                continue;
            }
            matters = true;
            if path.parent() == Some(self.root.as_path()) {
                // A folder removed or renamed away is watched again if it comes back.
                if !path.exists() {
                    self.folders.remove(path);
                } else if let Err(e) = self.watch_folder(path) {
                    eprintln!("warning: cannot watch for changes: {e}");
                }
            }
        }
        matters
    }

    /// Builds, tells the terminal, and publishes the status (and `reload` if a file was
    /// written or removed).
    fn rebuild(&mut self) {
        let started = Instant::now();
        let result = build(&BuildOptions {
            project: self.project.clone(),
            ..BuildOptions::default()
        });
        status::tell(&result, started.elapsed());
        self.build += 1;
        // folio.toml may name another output folder now; while it cannot be read, the last
        // one stays.
        if let Some(out_dir) = status::configured_out_dir(&self.project) {
            self.site.set_out_dir(out_dir);
        }
        if let Some(out) = status::configured_out_dir(&self.root) {
            self.out = out.canonicalize().unwrap_or(out);
        }
        let wrote = result
            .as_ref()
            .is_ok_and(|report| !report.written.is_empty() || !report.removed.is_empty());
        let now = Status::of(self.build, &result, &self.project, &self.site.out_dir());
        self.site.hub.publish(now.to_json(), wrote);
    }
}

/// The output folder of the project at `root` (resolved), resolved if it exists.
fn output_folder(root: &Path) -> PathBuf {
    let out = status::out_dir(root);
    out.canonicalize().unwrap_or(out)
}

/// Whether a change at `path` may change the build: it is inside the project at `root`,
/// not in the output folder `out`, `target/` or a hidden folder, and not an editor's
/// temporary file.
fn relevant(path: &Path, root: &Path, out: &Path) -> bool {
    if path.starts_with(out) {
        return false;
    }
    let Ok(inside) = path.strip_prefix(root) else {
        return false;
    };
    let names: Vec<String> = inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let Some(last) = names.last() else {
        // The project folder itself.
        return false;
    };
    if names.first().is_some_and(|first| first == "target") {
        return false;
    }
    if names.iter().any(|name| name.starts_with('.')) {
        return false;
    }
    !(last.starts_with('#')
        || last.ends_with('~')
        || [".swp", ".swx", ".tmp"]
            .iter()
            .any(|end| last.ends_with(end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_matter_and_the_rest_does_not() {
        let root = Path::new("/p");
        let out = Path::new("/p/dist");
        let matters = |path: &str| relevant(Path::new(path), root, out);
        for path in [
            "/p/content/a.md",
            "/p/content/images/x.png",
            "/p/folio.toml",
            "/p/styles/handout.css",
            "/p/fonts/A.ttf",
            "/p/images",
            "/p/my.css",
        ] {
            assert!(matters(path), "{path}");
        }
        for path in [
            "/p",
            "/p/dist/html/a.html",
            "/p/dist",
            "/p/target/debug/x",
            "/p/.git/index",
            "/p/content/.a.md.swp",
            "/p/content/a.md.swp",
            "/p/content/a.md~",
            "/p/content/#a.md#",
            "/p/content/.folio-x.tmp",
            "/p/content/x.tmp",
            "/elsewhere/a.md",
        ] {
            assert!(!matters(path), "{path}");
        }
    }

    #[test]
    fn a_configured_output_folder_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("folio.toml"), "output = \"site\"\n").unwrap();
        let root = dir.path().canonicalize().unwrap();
        let out = output_folder(&root);
        assert_eq!(out, root.join("site"));
        assert!(!relevant(&root.join("site/index.html"), &root, &out));
        assert!(relevant(&root.join("dist/index.html"), &root, &out));
    }
}

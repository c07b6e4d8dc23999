//! What `folio build` shows while it works: a progress bar on a terminal, one plain line per
//! file otherwise (CI logs, pipes), nothing with `--quiet`.

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::build::{Observer, Outcome};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// Warnings and errors only.
    Quiet,
    /// A bar on a terminal; elsewhere a line per file written.
    Normal,
    /// Also a line per file left unchanged.
    Verbose,
}

/// An [`Observer`] that reports on stderr (the bar) and stdout (the lines).
pub struct Progress {
    bar: ProgressBar,
    verbosity: Verbosity,
    /// Whether the bar is drawn; when it is not, lines go straight to stdout.
    drawn: bool,
}

impl Progress {
    pub fn new(verbosity: Verbosity) -> Progress {
        let drawn = verbosity != Verbosity::Quiet && std::io::stderr().is_terminal();
        let bar = if drawn {
            ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr())
        } else {
            ProgressBar::hidden()
        };
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} files  {wide_msg}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        Progress {
            bar,
            verbosity,
            drawn,
        }
    }

    /// Removes the bar before the summary is printed.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    fn line(&self, text: String) {
        if self.drawn {
            self.bar.println(text);
        } else {
            println!("{text}");
        }
    }
}

impl Observer for Progress {
    fn planned(&self, total: usize) {
        self.bar.set_length(total as u64);
    }

    fn finished(&self, path: &Path, outcome: Outcome) {
        self.bar.inc(1);
        if let Some(name) = path.file_name() {
            self.bar.set_message(name.to_string_lossy().into_owned());
        }
        let show = match (self.verbosity, outcome) {
            (Verbosity::Quiet, _) | (_, Outcome::Failed) => None,
            (Verbosity::Verbose, Outcome::Unchanged) => Some("unchanged"),
            (_, Outcome::Written) if !self.drawn || self.verbosity == Verbosity::Verbose => {
                Some("wrote")
            }
            _ => None,
        };
        if let Some(verb) = show {
            self.line(format!("{verb} {}", crate::paths::shown(path)));
        }
    }
}

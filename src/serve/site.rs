//! What the server's threads share: the output folder the files are served from (folio.toml
//! may move it) and the live-reload [`Hub`]. Only the state: requests are answered in
//! [`super::routes`], builds are made in [`super::watch`].

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use super::events::Hub;

pub struct Site {
    pub hub: Hub,
    out_dir: Mutex<PathBuf>,
}

impl Site {
    /// A site serving `out_dir`, with the first build's status (JSON).
    pub fn new(out_dir: PathBuf, status: String) -> Site {
        Site {
            hub: Hub::new(status),
            out_dir: Mutex::new(out_dir),
        }
    }

    /// The folder files are served from.
    pub fn out_dir(&self) -> PathBuf {
        self.out_dir
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Serve from `dir` from now on (folio.toml's `output` changed).
    pub fn set_out_dir(&self, dir: PathBuf) {
        *self.out_dir.lock().unwrap_or_else(PoisonError::into_inner) = dir;
    }
}

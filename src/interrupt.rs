//! Ctrl-C (and SIGTERM, SIGHUP) during a build: finish the file being written, start no new
//! one, record what is done, exit. The binary installs the handler; the library only asks
//! whether a stop was requested, so a library user is never surprised by a signal handler.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Whether the user asked the build to stop.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// Asks running builds to stop at the next file.
pub fn request() {
    REQUESTED.store(true, Ordering::Relaxed);
}

/// Installs the handler: the first signal asks for a stop; a second one exits at once (its
/// temporary files are swept by the next build).
pub fn install_handler() {
    // If a handler cannot be installed (one already is), the default behaviour stays.
    let _ = ctrlc::set_handler(|| {
        if requested() {
            std::process::exit(130);
        }
        request();
    });
}

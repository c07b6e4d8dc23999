//! `folio serve`: build the project, serve its output folder over HTTP, rebuild when a source
//! changes and reload the pages that are open.
//!
//! The design, in one pass: the port is taken first (a port in use fails before any work);
//! one build; then a small blocking HTTP server (tiny_http) whose requests are each answered
//! on their own thread ([`routes`]), from the output folder as the build left it
//! ([`files`]: nothing outside it is ever served). HTML pages get a script in the response
//! only ([`inject`]) that listens to a server-sent event stream ([`events`]). A file watcher
//! ([`watch`]) rebuilds after each burst of changes, incrementally, and publishes the build's
//! status ([`status`]: errors, findings, which page is which document), which the script
//! shows over the page, then `reload` if the build wrote anything. [`site`] is what the
//! threads share. Ctrl-C stops the watcher, ends the streams and returns.

mod events;
mod files;
mod inject;
mod routes;
mod site;
mod status;
mod watch;

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::build::{BuildOptions, build};
use crate::error::Error;

use site::Site;
use status::Status;

/// What `folio serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The project folder.
    pub project: PathBuf,
    /// The address to listen on (default 127.0.0.1: this machine only).
    pub address: IpAddr,
    /// The port (default 3000); 0: any free port.
    pub port: u16,
    /// Open the catalogue in the browser once serving.
    pub open: bool,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            project: PathBuf::from("."),
            address: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 3000,
            open: false,
        }
    }
}

/// How often the server looks whether Ctrl-C was pressed.
const TICK: Duration = Duration::from_millis(200);
/// How often open event streams get a keep-alive comment.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Serves the project until Ctrl-C (see [`crate::interrupt`]), printing
/// `serving http://ADDR:PORT/ (Ctrl-C to stop)` once it answers, and `stopped` at the end.
pub fn serve(opts: &ServeOptions) -> Result<(), Error> {
    serve_with(opts, &|_| {})
}

/// [`serve`], calling `ready` with the address once requests are answered (with port 0, the
/// port the system chose).
pub fn serve_with(opts: &ServeOptions, ready: &dyn Fn(SocketAddr)) -> Result<(), Error> {
    let project = &opts.project;
    if !project.is_dir() {
        return Err(Error::Project {
            path: crate::paths::shown(project),
            message: "no such folder: `folio serve` serves a project folder".into(),
        });
    }
    let listener = bind(opts.address, opts.port)?;
    let address = listener.local_addr().map_err(|e| Error::Project {
        path: "--port".into(),
        message: format!("cannot listen on {}: {e}", opts.address),
    })?;

    let started = Instant::now();
    let first = build(&BuildOptions {
        project: project.clone(),
        ..BuildOptions::default()
    });
    status::tell(&first, started.elapsed());
    if crate::interrupt::requested() {
        say("stopped");
        return Ok(());
    }
    let out_dir = status::out_dir(project);
    let first_status = Status::of(1, &first, project, &out_dir).to_json();
    let site = Arc::new(Site::new(out_dir, first_status));

    let server = tiny_http::Server::from_listener(listener, None).map_err(|e| Error::Project {
        path: "--port".into(),
        message: format!("cannot serve on {address}: {e}"),
    })?;
    let watch = match watch::start(project, 1, Arc::clone(&site)) {
        Ok(watch) => Some(watch),
        Err(e) => {
            eprintln!("warning: cannot watch the project for changes ({e}); pages will not reload");
            None
        }
    };
    let url = format!("http://{address}/");
    say(&format!("serving {url} (Ctrl-C to stop)"));
    ready(address);
    if opts.open {
        open_browser(&url);
    }

    let result = answer_until_stopped(&server, &site);
    if let Some(watch) = watch {
        watch.stop();
    }
    site.hub.close();
    drop(server);
    say("stopped");
    result
}

/// Takes the port; one in use is an error that says so.
fn bind(address: IpAddr, port: u16) -> Result<TcpListener, Error> {
    TcpListener::bind(SocketAddr::new(address, port)).map_err(|e| {
        let (option, message) = match e.kind() {
            std::io::ErrorKind::AddrInUse => (
                "--port",
                format!("port {port} on {address} is in use; choose another with --port"),
            ),
            std::io::ErrorKind::AddrNotAvailable => (
                "--address",
                format!("{address} is no address of this machine; choose another with --address"),
            ),
            _ => (
                "--port",
                format!("cannot listen on port {port} of {address}: {e}"),
            ),
        };
        Error::Project {
            path: option.into(),
            message,
        }
    })
}

/// Hands every request to its own thread until Ctrl-C; keeps the event streams alive.
fn answer_until_stopped(server: &tiny_http::Server, site: &Arc<Site>) -> Result<(), Error> {
    let mut kept_alive = Instant::now();
    while !crate::interrupt::requested() {
        match server.recv_timeout(TICK) {
            Ok(Some(request)) => {
                let site = Arc::clone(site);
                let spawned = std::thread::Builder::new()
                    .name("folio-request".into())
                    .spawn(move || routes::handle(request, &site));
                // The request, dropped unanswered, gets a 500.
                if let Err(e) = spawned {
                    eprintln!("warning: cannot answer a request: {e}");
                }
            }
            Ok(None) => {}
            Err(e) => {
                return Err(Error::Project {
                    path: "--port".into(),
                    message: format!("the server stopped accepting connections: {e}"),
                });
            }
        }
        if kept_alive.elapsed() >= KEEP_ALIVE {
            site.hub.keep_alive();
            kept_alive = Instant::now();
        }
    }
    Ok(())
}

/// One status line on standard output, flushed (a program reading it waits for it); a
/// closed output is no reason to stop serving.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Opens `url` in the system's browser; a failure is a warning.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match command.spawn() {
        Ok(mut child) => {
            let url = url.to_string();
            // Waited for on the side, so that a failure is said and no zombie is left.
            let _ = std::thread::Builder::new()
                .name("folio-open".into())
                .spawn(move || {
                    if let Ok(status) = child.wait()
                        && !status.success()
                    {
                        eprintln!("warning: the browser could not be opened; open {url}");
                    }
                });
        }
        Err(e) => eprintln!("warning: cannot open a browser ({e}); open {url}"),
    }
}

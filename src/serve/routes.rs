//! What each request gets: `GET`/`HEAD` only (anything else: 405); the event stream and the
//! status at `/__folio/`; any other path a file of the output folder ([`super::files`]),
//! an HTML page with the live-reload script added ([`super::inject`]), or a 404 page. Every
//! answer says `Cache-Control: no-store`: a page must never outlive the build it shows.
//!
//! Not which file a path names ([`super::files`]) nor the stream itself ([`super::events`]).

use std::io::Read;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::events::{EVENTS_PATH, STATUS_PATH};
use super::files::{self, NOT_FOUND_PAGE};
use super::inject::inject;
use super::site::Site;

const HTML: &str = "text/html; charset=utf-8";

/// Answers `request`. Blocks for as long as an event stream stays open: call it from the
/// request's own thread.
pub fn handle(request: Request, site: &Site) {
    let get = *request.method() == Method::Get;
    if !get && *request.method() != Method::Head {
        let body = b"only GET and HEAD are answered here\n".to_vec();
        let allow = [("Allow", "GET, HEAD")];
        respond(request, 405, "text/plain; charset=utf-8", body, &allow);
        return;
    }
    let path = files::path_part(request.url()).to_string();
    match path.as_str() {
        EVENTS_PATH if get => site.hub.stream(request),
        EVENTS_PATH => respond(request, 200, "text/event-stream", Vec::new(), &[]),
        STATUS_PATH => {
            let status = site.hub.status().into_bytes();
            respond(request, 200, "application/json", status, &[]);
        }
        _ => serve_file(request, site),
    }
}

/// A file of the output folder; an HTML page with the script.
fn serve_file(request: Request, site: &Site) {
    let Some(found) = files::resolve(&site.out_dir(), request.url()) else {
        not_found(request);
        return;
    };
    let content_type = files::content_type(&found.path);
    if files::is_html(content_type) {
        match std::fs::read(&found.path) {
            Ok(page) => respond(request, 200, content_type, inject(&page, &found.name), &[]),
            Err(_) => not_found(request),
        }
        return;
    }
    match std::fs::File::open(&found.path) {
        Ok(file) => send(request, Response::from_file(file), content_type, &[]),
        Err(_) => not_found(request),
    }
}

/// The 404 page, with the script: it reloads when a build makes the page.
fn not_found(request: Request) {
    let page = inject(NOT_FOUND_PAGE.as_bytes(), "");
    respond(request, 404, HTML, page, &[]);
}

fn respond(
    request: Request,
    status: u16,
    content_type: &str,
    body: Vec<u8>,
    headers: &[(&str, &str)],
) {
    let response = Response::from_data(body).with_status_code(StatusCode(status));
    send(request, response, content_type, headers);
}

/// Sends `response` with its type, `no-store` and `headers`, with a `Content-Length` (not
/// chunked). A page that went away before its answer is no fault of the server's.
fn send<R: Read>(
    request: Request,
    response: Response<R>,
    content_type: &str,
    headers: &[(&str, &str)],
) {
    let mut response = response.with_chunked_threshold(usize::MAX);
    let fixed = [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
    ];
    for &(name, value) in fixed.iter().chain(headers) {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    let _ = request.respond(response);
}

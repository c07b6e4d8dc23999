//! Live reload's server-sent events: the [`Hub`] keeps the last build's status (JSON) and
//! every open `GET /__folio/events` stream, and sends each of them `event: status` when it
//! connects and after every build, `event: reload` after a build that wrote a file, and a
//! `: keep-alive` comment now and then, so a stream whose page is gone fails to send and is
//! dropped.
//!
//! Each stream is written by its own thread straight to the connection, flushed after every
//! event: a tiny_http `Response` would hold small events in its buffers. Not the status's
//! content ([`super::status`]) nor when builds happen ([`super::watch`]).

use std::io::Write;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The live-reload stream's address.
pub const EVENTS_PATH: &str = "/__folio/events";
/// The last build's status, as JSON.
pub const STATUS_PATH: &str = "/__folio/status";

/// What a stream's headers say: an event stream, never cached, that ends when the connection
/// closes.
const STREAM_HEAD: &str = "HTTP/1.1 200 OK\r\n\
Content-Type: text/event-stream\r\n\
Cache-Control: no-store\r\n\
Connection: close\r\n\
X-Accel-Buffering: no\r\n\r\n";

/// The comment that keeps a stream open and finds the streams nobody reads.
const KEEP_ALIVE: &[u8] = b": keep-alive\n\n";

/// The last status and the open streams.
pub struct Hub {
    inner: Mutex<Inner>,
}

struct Inner {
    status: String,
    /// One sender per open stream; its thread writes what it receives.
    streams: Vec<Sender<Vec<u8>>>,
}

impl Hub {
    /// A hub with the first build's status and no stream.
    pub fn new(status: String) -> Hub {
        Hub {
            inner: Mutex::new(Inner {
                status,
                streams: Vec::new(),
            }),
        }
    }

    /// The state, even if a thread panicked holding it (it is replaced whole, never left
    /// half-changed).
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The last build's status, as JSON.
    pub fn status(&self) -> String {
        self.lock().status.clone()
    }

    /// How many streams are open.
    #[cfg(test)]
    fn streams(&self) -> usize {
        self.lock().streams.len()
    }

    /// A new stream's messages, starting with the current status.
    pub fn subscribe(&self) -> Receiver<Vec<u8>> {
        let (sender, receiver) = channel();
        let mut inner = self.lock();
        // The receiver is still here: this send cannot fail.
        let _ = sender.send(event("status", &inner.status));
        inner.streams.push(sender);
        receiver
    }

    /// A build is done: its status to every stream, then `reload` if it wrote anything.
    pub fn publish(&self, status: String, reload: bool) {
        let mut message = event("status", &status);
        if reload {
            message.extend_from_slice(&event("reload", "{}"));
        }
        let mut inner = self.lock();
        inner.status = status;
        broadcast(&mut inner.streams, &message);
    }

    /// A comment to every stream; the streams whose page is gone are dropped.
    pub fn keep_alive(&self) {
        broadcast(&mut self.lock().streams, KEEP_ALIVE);
    }

    /// Ends every stream (their threads finish writing and close the connections).
    pub fn close(&self) {
        self.lock().streams.clear();
    }

    /// Answers `GET /__folio/events`: writes the stream until the hub closes or the page
    /// goes away. Blocks: call it from the request's own thread.
    pub fn stream(&self, request: tiny_http::Request) {
        let messages = self.subscribe();
        let mut connection = request.into_writer();
        if send(&mut connection, STREAM_HEAD.as_bytes()).is_err() {
            return;
        }
        for message in messages {
            if send(&mut connection, &message).is_err() {
                // The page is gone; dropping `messages` lets the next send find out.
                return;
            }
        }
    }
}

/// Sends `message` to every stream, keeping those still read.
fn broadcast(streams: &mut Vec<Sender<Vec<u8>>>, message: &[u8]) {
    streams.retain(|stream| stream.send(message.to_vec()).is_ok());
}

/// Writes and flushes: an event must reach the page now, not when a buffer fills.
fn send<W: Write + ?Sized>(connection: &mut W, bytes: &[u8]) -> std::io::Result<()> {
    connection.write_all(bytes)?;
    connection.flush()
}

/// One event: its name, then its data, one `data:` field per line.
fn event(name: &str, data: &str) -> Vec<u8> {
    let mut out = format!("event: {name}\n");
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line.strip_suffix('\r').unwrap_or(line));
        out.push('\n');
    }
    out.push('\n');
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn events_have_the_wire_format() {
        assert_eq!(
            text(event("status", "{\"ok\":true}")),
            "event: status\ndata: {\"ok\":true}\n\n"
        );
        assert_eq!(text(event("x", "a\nb")), "event: x\ndata: a\ndata: b\n\n");
    }

    #[test]
    fn a_new_stream_gets_the_status_then_every_build() {
        let hub = Hub::new("{\"build\":1}".into());
        let stream = hub.subscribe();
        assert_eq!(
            text(stream.recv().unwrap()),
            "event: status\ndata: {\"build\":1}\n\n"
        );
        hub.publish("{\"build\":2}".into(), false);
        assert_eq!(
            text(stream.recv().unwrap()),
            "event: status\ndata: {\"build\":2}\n\n"
        );
        hub.publish("{\"build\":3}".into(), true);
        let both = text(stream.recv().unwrap());
        assert!(both.ends_with("event: reload\ndata: {}\n\n"), "{both}");
        assert_eq!(hub.status(), "{\"build\":3}");
    }

    #[test]
    fn streams_nobody_reads_are_dropped_and_close_ends_the_rest() {
        let hub = Hub::new("{}".into());
        let kept = hub.subscribe();
        drop(hub.subscribe());
        assert_eq!(hub.streams(), 2);
        hub.keep_alive();
        assert_eq!(hub.streams(), 1);
        hub.close();
        assert_eq!(hub.streams(), 0);
        let received: Vec<String> = kept.iter().map(text).collect();
        assert_eq!(
            received,
            ["event: status\ndata: {}\n\n", ": keep-alive\n\n"]
        );
    }
}

//! End-to-end tests of `folio serve`: the real binary on a free port, spoken to in plain
//! HTTP over TCP. Pages carry the live-reload script in the response only; paths that lead
//! out of the output folder are refused; an edit reloads the open pages; a broken document
//! shows in the status; a port in use is an error; Ctrl-C stops the server cleanly.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// What the injected script is known by.
const SCRIPT: &str = "new EventSource(\"/__folio/events\")";

/// A project of two documents, built as HTML only (quick).
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("folio.toml"),
        "formats = [\"html\"]\n\n[project]\ntitle = \"Serve test\"\nlanguage = \"en\"\n",
    )
    .unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    std::fs::write(
        content.join("a.md"),
        "---\ntitle: Alpha\n---\n\n# Alpha\n\nThe first page says hello.\n",
    )
    .unwrap();
    std::fs::write(
        content.join("b.md"),
        "---\ntitle: Beta\n---\n\n# Beta\n\nThe second page says goodbye.\n",
    )
    .unwrap();
    dir
}

/// A child process killed when the test ends, however it ends.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A running `folio serve`: its port and the lines of its standard output.
struct Server {
    child: Guard,
    port: u16,
    lines: Receiver<String>,
}

/// Starts `folio serve DIR --port PORT` and waits for its `serving` line.
fn serve(project: &Path, port: u16) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("serve")
        .arg(project)
        .args(["--port", &port.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("folio runs");
    let stdout = child.stdout.take().unwrap();
    let child = Guard(child);
    let (sender, lines) = channel();
    // Reads to the end, so the server never writes to a closed pipe.
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let _ = sender.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = lines
            .recv_timeout(left)
            .unwrap_or_else(|e| panic!("folio serve printed no address ({e})"));
        if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
            let port = rest.split('/').next().unwrap().parse().unwrap();
            assert!(line.ends_with("/ (Ctrl-C to stop)"), "{line}");
            return Server { child, port, lines };
        }
    }
}

/// An answer: its status, its head (lowercase) and its body.
struct Reply {
    status: u16,
    head: String,
    body: String,
}

fn request(port: u16, method: &str, path: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no head in {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let mut body = raw[end + 4..].to_vec();
    if head.contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Reply {
        status,
        head,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn get(port: u16, path: &str) -> Reply {
    request(port, "GET", path)
}

/// A chunked body's bytes.
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = body.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&body[..end]).unwrap().trim();
        let size = usize::from_str_radix(size, 16).unwrap();
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&body[start..start + size]);
        body = &body[start + size + 2..];
    }
    out
}

/// An open `GET /__folio/events`, read as it comes.
struct Events {
    stream: TcpStream,
    seen: String,
    /// How much of `seen` earlier waits consumed.
    from: usize,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        write!(
            stream,
            "GET /__folio/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        Events {
            stream,
            seen: String::new(),
            from: 0,
        }
    }

    /// Reads until `needle` comes (after what earlier waits found), or fails after `within`.
    fn wait_for(&mut self, needle: &str, within: Duration) {
        let deadline = Instant::now() + within;
        loop {
            if let Some(at) = self.seen[self.from..].find(needle) {
                self.from += at + needle.len();
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no `{needle}` within {within:?}; the stream said:\n{}",
                self.seen
            );
            let mut buffer = [0; 4096];
            match self.stream.read(&mut buffer) {
                Ok(0) => panic!("the stream ended; it said:\n{}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buffer[..n])),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("reading the stream: {e}"),
            }
        }
    }
}

/// The status, as JSON.
fn status(port: u16) -> serde_json::Value {
    let reply = get(port, "/__folio/status");
    assert_eq!(reply.status, 200);
    assert!(
        reply.head.contains("content-type: application/json"),
        "{}",
        reply.head
    );
    serde_json::from_str(&reply.body).unwrap()
}

#[test]
fn pages_have_the_script_and_nothing_outside_the_output_is_served() {
    let dir = project();
    let server = serve(dir.path(), 0);
    let port = server.port;
    let dist = dir.path().join("dist");

    let catalogue = get(port, "/");
    assert_eq!(catalogue.status, 200, "{}", catalogue.body);
    assert!(catalogue.body.contains(SCRIPT));
    assert!(
        catalogue.head.contains("content-type: text/html"),
        "{}",
        catalogue.head
    );
    assert!(
        catalogue.head.contains("cache-control: no-store"),
        "{}",
        catalogue.head
    );
    assert_eq!(get(port, "/index.html").body, catalogue.body);

    let page = get(port, "/html/a.html");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("The first page says hello."));
    assert!(page.body.contains(SCRIPT));
    let script = page.body.find(SCRIPT).unwrap();
    assert!(
        page.body[script..].contains("</body>"),
        "the script is in the body"
    );

    // Only the response has the script.
    for file in ["index.html", "html/a.html"] {
        let on_disk = std::fs::read_to_string(dist.join(file)).unwrap();
        assert!(
            !on_disk.contains("__folio"),
            "{file} on disk has the script"
        );
    }

    let text = get(port, "/manifest.json");
    assert_eq!(text.status, 200);
    assert!(text.head.contains("content-type: application/json"));
    assert!(!text.body.contains("__folio"));

    let head = request(port, "HEAD", "/html/a.html");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());

    for path in [
        "/nope.html",
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/html/%2e%2e/%2e%2e/folio.toml",
        "/html/..%2f..%2ffolio.toml",
        "/%2e%2e%5cfolio.toml",
        "/%252e%252e/folio.toml",
    ] {
        let reply = get(port, path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(!reply.body.contains("formats"), "{path}");
        assert!(!reply.body.contains("root:"), "{path}");
    }

    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc", dist.join("out")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("folio.toml"), dist.join("config.txt")).unwrap();
        assert_eq!(get(port, "/out/passwd").status, 404);
        assert_eq!(get(port, "/out/").status, 404);
        assert_eq!(get(port, "/config.txt").status, 404);
    }

    let post = request(port, "POST", "/");
    assert_eq!(post.status, 405);
    assert!(post.head.contains("allow: get, head"), "{}", post.head);
    assert_eq!(request(port, "DELETE", "/html/a.html").status, 405);

    let status = status(port);
    assert_eq!(status["build"], 1);
    assert_eq!(status["ok"], true, "{status}");
    assert_eq!(status["pages"]["html/a.html"], "content/a.md", "{status}");
    assert_eq!(status["pages"]["html/b.html"], "content/b.md", "{status}");
    assert!(status["errors"].as_array().unwrap().is_empty());
    assert!(status["findings"].is_array());
}

#[test]
fn an_edit_reloads_the_page_and_a_broken_document_shows_in_the_status() {
    let dir = project();
    let server = serve(dir.path(), 0);
    let port = server.port;
    let source = dir.path().join("content/a.md");

    let mut events = Events::open(port);
    events.wait_for("\r\n\r\n", Duration::from_secs(10));
    let head = events.seen.to_ascii_lowercase();
    assert!(head.contains("content-type: text/event-stream"), "{head}");
    assert!(head.contains("cache-control: no-store"), "{head}");
    events.wait_for("event: status\ndata: {", Duration::from_secs(10));

    std::fs::write(
        &source,
        "---\ntitle: Alpha\n---\n\n# Alpha\n\nThe edited page says zebra.\n",
    )
    .unwrap();
    events.wait_for("event: reload\n", Duration::from_secs(10));
    let page = get(port, "/html/a.html");
    assert!(
        page.body.contains("The edited page says zebra."),
        "{}",
        page.body
    );
    assert!(status(port)["build"].as_u64().unwrap() >= 2);

    std::fs::write(&source, "---\ntitle: [oops\n---\n\nBroken.\n").unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let status = status(port);
        let names_the_line = |list: &serde_json::Value| {
            list.as_array()
                .unwrap()
                .iter()
                .any(|e| e["path"] == "content/a.md" && e["line"].as_u64().is_some_and(|l| l >= 1))
        };
        if status["ok"].as_bool() == Some(false) && names_the_line(&status["errors"]) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the status does not name the broken document: {status}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // The event stream said so too.
    events.wait_for("\"ok\":false", Duration::from_secs(10));
    // The last good page is still served.
    assert_eq!(get(port, "/html/b.html").status, 200);
}

#[test]
fn a_port_in_use_is_an_error() {
    let dir = project();
    let server = serve(dir.path(), 0);
    let other = project();
    let child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("serve")
        .arg(other.path())
        .args(["--port", &server.port.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("folio runs");
    let mut child = Guard(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "a second server started on the same port"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    child
        .0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is in use"), "{stderr}");
    assert!(stderr.contains(&server.port.to_string()), "{stderr}");
    assert!(stderr.contains("--port"), "{stderr}");
    assert!(!other.path().join("dist").exists(), "nothing was built");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_with_status_zero() {
    let dir = project();
    let mut server = serve(dir.path(), 0);
    // An open event stream does not hold the server up.
    let mut events = Events::open(server.port);
    events.wait_for("event: status", Duration::from_secs(10));

    let pid = server.child.0.id().to_string();
    let kill = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(kill.success());
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = server.child.0.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running 5 s after SIGINT");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    let stopped = server.lines.recv_timeout(Duration::from_secs(5)).unwrap();
    assert_eq!(stopped, "stopped");
}

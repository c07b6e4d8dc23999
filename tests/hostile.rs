//! Hostile and broken input, through the real binary. Every case ends in a valid output or a
//! clear error naming the file (and the line), with exit status 1; never a panic, a hang, a
//! file read from outside the project, or a partial output file.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::judges::{assert_epubcheck_clean, assert_nu_html_clean};
use common::texts::{epub_text, pdf_text};
use common::words::{html_text, words};
use common::{assert_manifest_matches_disk, files_under, folio, sample_project};

/// Long enough for a debug build on a loaded machine; a hang is what it catches.
const TIME_LIMIT: Duration = Duration::from_secs(120);

const FORMATS: [&str; 4] = ["txt", "html", "epub", "pdf"];

/// Runs a command to its end, killing it (and failing) if it outlives [`TIME_LIMIT`].
fn run_limited(mut command: Command) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("folio starts");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            panic!("folio ran longer than {TIME_LIMIT:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.wait_with_output().expect("output")
}

/// `folio build --quiet` in `project`.
fn build(project: &Path) -> Output {
    let mut command = folio();
    command.args(["build", "--quiet"]).current_dir(project);
    run_limited(command)
}

/// Adds `[limits] max_file_size_mb = VALUE` to the project's folio.toml; returns its line.
fn set_size_limit(project: &Path, value: &str) -> usize {
    let config = std::fs::read_to_string(project.join("folio.toml")).unwrap();
    let line = config.lines().count() + 3;
    std::fs::write(
        project.join("folio.toml"),
        format!("{config}\n[limits]\nmax_file_size_mb = {value}\n"),
    )
    .unwrap();
    line
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A folder holding `files` (path, bytes).
fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

/// `folio convert`; HTML as a whole page, as a reader gets it.
fn convert(dir: &Path, input: &str, to: &str, output: &str) -> Output {
    let mut command = folio();
    command
        .args(["convert", input, "--to", to, "-o", output])
        .current_dir(dir);
    if to == "html" {
        command.arg("--standalone");
    }
    run_limited(command)
}

/// Formats that use image files (plain text only names them).
const IMAGE_FORMATS: [&str; 3] = ["html", "epub", "pdf"];

/// `convert` of `input` to every format fails with exit status 1 and one line of stderr
/// holding `expected`, and leaves the folder as it was.
fn assert_refused(files: &[(&str, &[u8])], input: &str, expected: &str) {
    assert_refused_as(&FORMATS, files, input, expected);
}

/// [`assert_refused`] for some formats only.
fn assert_refused_as(formats: &[&str], files: &[(&str, &[u8])], input: &str, expected: &str) {
    let dir = folder(files);
    let before = files_under(dir.path());
    for &to in formats {
        let out = convert(dir.path(), input, to, &format!("out.{to}"));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{input} to {to}: {err}");
        assert!(
            err.contains(expected),
            "{input} to {to}: expected {expected:?} in {err:?}"
        );
        assert!(err.starts_with("error: "), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(
            files_under(dir.path()),
            before,
            "{input} to {to}: output left"
        );
    }
}

/// `convert` of `input` to every format succeeds; returns each output's bytes and warnings.
fn assert_converted(dir: &Path, input: &str) -> Vec<(&'static str, Vec<u8>, String)> {
    FORMATS
        .into_iter()
        .map(|to| {
            let name = format!("out.{to}");
            let out = convert(dir, input, to, &name);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(0), "{input} to {to}: {err}");
            assert!(!err.contains("panicked"), "{err}");
            let bytes = std::fs::read(dir.join(&name)).unwrap();
            assert!(!bytes.is_empty(), "{input} to {to}: empty output");
            std::fs::remove_file(dir.join(&name)).unwrap();
            (to, bytes, err)
        })
        .collect()
}

/// The text a reader gets from an output: the text itself, the HTML's text, the EPUB's
/// chapters' text, the PDF's text (when pdftotext is installed).
fn text_of(format: &str, bytes: &[u8], dir: &Path) -> Option<String> {
    match format {
        "txt" => Some(String::from_utf8(bytes.to_vec()).unwrap()),
        "html" => Some(html_text(std::str::from_utf8(bytes).unwrap())),
        "epub" => Some(epub_text(bytes)),
        "pdf" => pdf_text(bytes, dir),
        _ => unreachable!(),
    }
}

// ----- text that is not UTF-8 text --------------------------------------------------------

#[test]
fn latin1_text_is_refused_at_its_first_bad_byte() {
    assert_refused(
        &[("latin1.md", b"# Menu\n\nCaf\xe9 au lait\n")],
        "latin1.md",
        "latin1.md:3:4: not valid UTF-8",
    );
}

#[test]
fn a_nul_byte_is_refused_where_it_is() {
    assert_refused(
        &[("nul.md", b"# Hi\n\nab\x00cd\n")],
        "nul.md",
        "nul.md:3:3: a NUL byte",
    );
}

#[test]
fn utf16_is_named_with_or_without_a_byte_order_mark() {
    assert_refused(
        &[("bom.md", b"\xff\xfe#\x00 \x00H\x00i\x00\n\x00")],
        "bom.md",
        "bom.md: UTF-16 text",
    );
    assert_refused(
        &[("plain.md", b"#\x00 \x00H\x00i\x00\n\x00")],
        "plain.md",
        "plain.md:1:2: a NUL byte: this is not a text file (or it is UTF-16",
    );
}

#[test]
fn a_binary_file_named_md_is_refused() {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend([0u8; 64]);
    assert_refused(
        &[("photo.md", &png)],
        "photo.md",
        "photo.md:1:1: not valid UTF-8",
    );
}

// ----- front matter -----------------------------------------------------------------------

#[test]
fn unclosed_front_matter_names_its_opening_line() {
    assert_refused(
        &[("open.md", b"---\ntitle: never closed\n\nBody text.\n")],
        "open.md",
        "open.md:1: front matter opened with `---` is never closed",
    );
}

#[test]
fn malformed_yaml_and_toml_name_their_line() {
    assert_refused(
        &[("yaml.md", b"---\ntitle: ok\nauthors: [a, b\n---\nBody\n")],
        "yaml.md",
        "invalid YAML front matter",
    );
    assert_refused(
        &[("toml.md", b"+++\ntitle = \"ok\"\ndate = \n+++\nBody\n")],
        "toml.md",
        "toml.md:3: invalid TOML front matter",
    );
}

#[test]
fn front_matter_of_the_wrong_types_names_the_key_and_line() {
    assert_refused(
        &[("types.md", b"---\ntitle: [1, 2]\n---\nBody\n")],
        "types.md",
        "types.md:2: front matter `title`",
    );
    assert_refused(
        &[(
            "date.md",
            b"---\ntitle: ok\nreview_date: next spring\n---\nBody\n",
        )],
        "date.md",
        "date.md:3: `review_date` must be an ISO 8601 date",
    );
    assert_refused(
        &[("lang.md", b"---\nlanguage: 42\n---\nBody\n")],
        "lang.md",
        "lang.md:2:",
    );
}

#[test]
fn empty_files_and_front_matter_alone_give_valid_documents() {
    let dir = folder(&[
        ("empty.md", b""),
        ("blank.md", b"\n\n   \n"),
        ("only-front-matter.md", b"---\ntitle: Just a title\n---\n"),
    ]);
    for (input, title) in [
        ("empty.md", "Empty"),
        ("blank.md", "Blank"),
        ("only-front-matter.md", "Just a title"),
    ] {
        for (format, bytes, _) in assert_converted(dir.path(), input) {
            if let Some(text) = text_of(format, &bytes, dir.path()) {
                assert!(
                    words(&text).join(" ").contains(&title.to_lowercase()),
                    "{input} to {format}: no title in {text:?}"
                );
            }
        }
    }
}

// ----- references outside the project --------------------------------------------------

#[test]
fn images_outside_the_project_are_refused_with_their_line() {
    for url in ["../../etc/passwd", "/etc/passwd", "..%2F..%2Fetc%2Fpasswd"] {
        let source = format!("# Escape\n\nSome text.\n\n![secret]({url})\n");
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("project");
        std::fs::create_dir_all(&project).unwrap();
        std::fs::write(project.join("escape.md"), &source).unwrap();
        for to in ["html", "epub", "pdf"] {
            let out = convert(&project, "escape.md", to, "out");
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{url} to {to}: {err}");
            assert!(
                err.contains(&format!(
                    "escape.md:5: image `{url}` is outside the project folder"
                )),
                "{url} to {to}: {err}"
            );
            assert!(!project.join("out").exists());
        }
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_leading_out_of_the_project_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.png"), b"\x89PNG\r\n\x1a\nsecret").unwrap();
    let project = sample_project();
    let images = project.path().join("content/images");
    std::fs::create_dir_all(&images).unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.png"), images.join("link.png")).unwrap();
    std::fs::write(
        project.path().join("content/linked.md"),
        "# Linked\n\nText.\n\n![the link](images/link.png)\n",
    )
    .unwrap();
    let out = build(project.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/linked.md:5: image `images/link.png` is outside the project folder"),
        "{err}"
    );
    let dist = project.path().join("dist");
    assert!(!files_under(&dist).iter().any(|f| f.contains("linked")));
    assert_manifest_matches_disk(&dist);
}

// ----- images -----------------------------------------------------------------------------

/// A PNG of `width` × `height` grey pixels, every row zero: tiny on disk whatever its size.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_compression(png::Compression::High);
        let mut writer = encoder.write_header().unwrap();
        let mut stream = writer.stream_writer().unwrap();
        let row = vec![0u8; width as usize];
        for _ in 0..height {
            std::io::Write::write_all(&mut stream, &row).unwrap();
        }
        stream.finish().unwrap();
    }
    bytes
}

#[test]
fn a_missing_image_names_the_reference_and_its_line() {
    assert_refused_as(
        &IMAGE_FORMATS,
        &[(
            "gone.md",
            b"# Gone\n\nText.\n\n![a chart](charts/gone.png)\n",
        )],
        "gone.md",
        "gone.md:5: image `charts/gone.png` not found",
    );
}

#[test]
fn a_text_file_posing_as_an_image_is_refused() {
    assert_refused_as(
        &IMAGE_FORMATS,
        &[
            ("fake.md", b"# Fake\n\n![a chart](chart.png)\n"),
            ("chart.png", b"this is not a picture"),
        ],
        "fake.md",
        "fake.md:3: image `chart.png` is not a PNG, JPEG, GIF, WebP or SVG image",
    );
}

#[test]
fn a_huge_image_is_described_not_decoded() {
    // 20 000 × 20 000 pixels: 400 MB decoded, about 400 kB on disk.
    let huge = png(20_000, 20_000);
    assert!(huge.len() < 2_000_000);
    let dir = folder(&[
        (
            "huge.md",
            b"# Huge\n\nBefore.\n\n![a very large scan](huge.png)\n\nAfter.\n",
        ),
        ("huge.png", &huge),
    ]);
    for (format, bytes, err) in assert_converted(dir.path(), "huge.md") {
        if format == "pdf" {
            assert!(
                common::diagnostics::has_warning(
                    &err,
                    "huge.md:5",
                    "image `huge.png` is not drawn in the PDF (the image is 20000 × 20000 pixels"
                ),
                "{err}"
            );
            if let Some(text) = text_of(format, &bytes, dir.path()) {
                assert!(text.contains("a very large scan"), "{text}");
            }
        }
    }
}

#[test]
fn damaged_images_are_described_in_the_pdf_with_a_warning() {
    let whole = png(40, 30);
    let truncated = &whole[..whole.len() / 2];
    let mut fake = b"\x89PNG\r\n\x1a\n".to_vec();
    fake.extend(b"garbage after a real signature");
    for (name, bytes, reason) in [
        ("cut.png", truncated, "the image is damaged"),
        ("fake.png", &fake[..], "the image is damaged"),
        (
            "cut.jpg",
            &b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"[..],
            "the image is damaged",
        ),
    ] {
        let source = format!("# Damaged\n\nText.\n\n![a damaged chart]({name})\n");
        let dir = folder(&[("damaged.md", source.as_bytes()), (name, bytes)]);
        let out = convert(dir.path(), "damaged.md", "pdf", "out.pdf");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{name}: {err}");
        assert!(
            common::diagnostics::has_warning(
                &err,
                "damaged.md:5",
                &format!("image `{name}` is not drawn in the PDF ({reason}")
            ),
            "{name}: {err}"
        );
        let pdf = std::fs::read(dir.path().join("out.pdf")).unwrap();
        if let Some(text) = text_of("pdf", &pdf, dir.path()) {
            assert!(text.contains("a damaged chart"), "{name}: {text}");
        }
    }
}

// ----- resource limits --------------------------------------------------------------------

#[test]
fn a_document_over_the_size_limit_is_refused_before_it_is_read() {
    let project = sample_project();
    set_size_limit(project.path(), "1");
    let big = "A sentence of ordinary words. ".repeat(50_000);
    std::fs::write(project.path().join("content/big.md"), &big).unwrap();
    let out = build(project.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "content/big.md: cannot read: the file is 1.5 MB; folio reads files of at most 1.0 MB"
        ),
        "{err}"
    );
    let dist = project.path().join("dist");
    assert!(!files_under(&dist).iter().any(|f| f.contains("big")));
    assert_manifest_matches_disk(&dist);
    // `folio check` says the same, as a diagnostic.
    let mut command = folio();
    command.args(["check"]).current_dir(project.path());
    let out = run_limited(command);
    let err = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[folio::read]: cannot read: the file is 1.5 MB"),
        "{err}"
    );
    assert!(err.contains("--> content/big.md\n"), "{err}");
}

#[test]
fn an_image_over_the_size_limit_is_refused() {
    let project = sample_project();
    set_size_limit(project.path(), "1");
    let mut photo = b"\x89PNG\r\n\x1a\n".to_vec();
    photo.resize(1_200_000, 7);
    std::fs::write(project.path().join("content/photo.png"), &photo).unwrap();
    std::fs::write(
        project.path().join("content/photo.md"),
        "# Photo\n\nText.\n\n![a large photo](photo.png)\n",
    )
    .unwrap();
    let out = build(project.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/photo.md:5: image `photo.png` cannot be read: the file is 1.2 MB"),
        "{err}"
    );
}

#[test]
fn a_size_limit_of_zero_is_a_configuration_error() {
    let project = sample_project();
    let line = set_size_limit(project.path(), "0");
    let out = build(project.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "folio.toml:{line}: `max_file_size_mb` must be at least 1"
        )),
        "{err}"
    );
    assert!(!project.path().join("dist").exists());
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_content_folder_does_not_make_folio_wait() {
    let project = sample_project();
    let fifo = project.path().join("content/pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipping: mkfifo is not available");
        return;
    }
    let out = build(project.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/pipe.md: cannot read: not a regular file"),
        "{err}"
    );
    assert_manifest_matches_disk(&project.path().join("dist"));
}

#[test]
fn a_hundred_thousand_nested_quotes_are_flattened_not_overflowed() {
    let mut source = "> ".repeat(100_000);
    source.push_str("the innermost words\n");
    let dir = folder(&[("deep.md", source.as_bytes())]);
    for (format, bytes, _) in assert_converted(dir.path(), "deep.md") {
        if let Some(text) = text_of(format, &bytes, dir.path()) {
            assert!(
                words(&text).join(" ").contains("the innermost words"),
                "{format}: the words are lost"
            );
        }
    }
}

#[test]
fn deep_lists_emphasis_and_brackets_finish_and_keep_their_words() {
    let lists: String = (0..2_000)
        .map(|depth| format!("{}- level{depth}\n", "  ".repeat(depth)))
        .collect();
    let emphasis = format!("{}core{}\n", "*".repeat(50_000), "*".repeat(50_000));
    let brackets = format!("{}inside{}\n", "[".repeat(50_000), "]".repeat(50_000));
    let links = "[a](b ".repeat(20_000);
    let dir = folder(&[
        ("lists.md", lists.as_bytes()),
        ("emphasis.md", emphasis.as_bytes()),
        ("brackets.md", brackets.as_bytes()),
        ("links.md", links.as_bytes()),
    ]);
    for (input, word) in [
        ("lists.md", "level1999"),
        ("emphasis.md", "core"),
        ("brackets.md", "inside"),
        ("links.md", "a"),
    ] {
        for (format, bytes, _) in assert_converted(dir.path(), input) {
            if format == "txt" {
                let text = String::from_utf8(bytes).unwrap();
                assert!(
                    words(&text).iter().any(|w| w == word),
                    "{input}: {word} lost"
                );
            }
        }
    }
}

#[test]
fn thousands_of_footnotes_and_columns_render() {
    let notes: String = (1..=3_000)
        .map(|i| format!("word{i}[^{i}] "))
        .collect::<String>()
        + "\n\n"
        + &(1..=3_000)
            .map(|i| format!("[^{i}]: note{i}\n"))
            .collect::<String>();
    let columns = 1_000;
    let header: String = (0..columns).map(|i| format!("| h{i} ")).collect();
    let rule: String = (0..columns).map(|_| "| - ").collect();
    let row: String = (0..columns).map(|i| format!("| v{i} ")).collect();
    let table = format!("{header}|\n{rule}|\n{row}|\n");
    let dir = folder(&[
        ("notes.md", notes.as_bytes()),
        ("wide.md", table.as_bytes()),
    ]);
    for (format, bytes, _) in assert_converted(dir.path(), "notes.md") {
        if format == "txt" {
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.contains("note3000"), "the last note is lost");
        }
    }
    for (format, bytes, _) in assert_converted(dir.path(), "wide.md") {
        if format == "txt" {
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.contains("v999"), "the last column is lost");
        }
    }
}

// ----- unsafe addresses and raw HTML ----------------------------------------------------

#[test]
fn unsafe_url_schemes_are_never_links_in_any_format() {
    let source = "# Links\n\nOne [run me](javascript:alert(1)) two [vb](vbscript:msgbox) three \
                  [page](data:text/html,hi) four [disk](file:///etc/passwd) five \
                  [tab](<java\tscript:x>) six [spaced](JavaScript:alert(2)) seven.\n";
    let dir = folder(&[("links.md", source.as_bytes())]);
    for (format, bytes, _) in assert_converted(dir.path(), "links.md") {
        let shown = match format {
            "epub" => text_of("epub", &bytes, dir.path()).unwrap(),
            _ => String::from_utf8_lossy(&bytes).to_lowercase(),
        };
        for scheme in ["javascript:", "vbscript:", "data:text", "file:"] {
            let raw = String::from_utf8_lossy(&bytes).to_lowercase();
            assert!(
                !raw.contains(&format!("href=\"{scheme}"))
                    && !raw.contains(&format!("/uri ({scheme}")),
                "{format} links to {scheme}"
            );
            if format == "txt" || format == "epub" {
                assert!(!shown.contains(scheme), "{format} lists {scheme}: {shown}");
            }
        }
        if let Some(text) = text_of(format, &bytes, dir.path()) {
            let text = words(&text).join(" ");
            assert!(
                text.contains("one run me two vb three page four disk five tab six spaced seven"),
                "{format}: link text lost: {text}"
            );
        }
    }
}

#[test]
fn an_unclosed_script_or_textarea_hides_nothing_after_its_paragraph() {
    for tag in ["<script>", "<style>", "<textarea>", "<iframe>", "<script/>"] {
        let source =
            format!("# Open\n\nfirst {tag} inside\n\nsecond para\n\n## Heading\n\nthird para\n");
        let dir = folder(&[("open.md", source.as_bytes())]);
        for (format, bytes, _) in assert_converted(dir.path(), "open.md") {
            if let Some(text) = text_of(format, &bytes, dir.path()) {
                let text = words(&text).join(" ");
                assert!(
                    text.contains("first") && text.contains("second para heading third para"),
                    "{tag} in {format}: {text}"
                );
                assert!(
                    !text.contains("lt") && !text.contains("gt"),
                    "{tag} in {format}: {text}"
                );
            }
        }
    }
}

#[test]
fn raw_html_is_sanitized_or_dropped_with_a_warning_and_its_prose_kept() {
    let source = "# Raw\n\nHello <script>alert('x')</script><b onclick=\"steal()\">bold</b> \
                  <img src=x onerror=alert(1)> world.\n\n<div onmouseover=\"x()\">Block \
                  <i>prose</i> stays.</div>\n\n<style>p { color: red }</style>\n";
    let dir = folder(&[("raw.md", source.as_bytes())]);
    for (format, bytes, err) in assert_converted(dir.path(), "raw.md") {
        let raw = String::from_utf8_lossy(&bytes).to_lowercase();
        assert!(!raw.contains("<script"), "{format} keeps a script");
        assert!(
            !raw.contains("onclick") && !raw.contains("onerror"),
            "{format}"
        );
        if let Some(text) = text_of(format, &bytes, dir.path()) {
            let text = words(&text).join(" ");
            assert!(text.contains("hello bold world"), "{format}: {text}");
            assert!(text.contains("block prose stays"), "{format}: {text}");
            assert!(
                !text.contains("alert"),
                "{format} shows script code: {text}"
            );
            assert!(
                !text.contains("color"),
                "{format} shows style rules: {text}"
            );
        }
        match format {
            "txt" => assert!(
                common::diagnostics::has_warning(
                    &err,
                    "raw.md:3",
                    "raw HTML tags are left out of the plain text"
                ),
                "{err}"
            ),
            "pdf" => assert!(
                common::diagnostics::has_warning(
                    &err,
                    "raw.md:3",
                    "raw HTML is not drawn in the PDF handout"
                ),
                "{err}"
            ),
            "epub" => assert!(err.contains("raw.md"), "{err}"),
            _ => {}
        }
    }
}

#[test]
fn control_characters_keep_words_apart_in_every_format() {
    // A form feed between pages of an old file, stray controls between letters, an escape
    // sequence that must not reach a terminal, and NEL (U+0085) from a converted mainframe file.
    let source = "# Old file\n\npage one\x0cpage two\x01three\x1b[2Jfour\u{85}five \x7f end.\n";
    let dir = folder(&[("old.md", source.as_bytes())]);
    for (format, bytes, _) in assert_converted(dir.path(), "old.md") {
        // The EPUB's chapters, the HTML page and the text as written (a PDF is binary).
        let shown = match format {
            "epub" => text_of(format, &bytes, dir.path()),
            "pdf" => None,
            _ => Some(String::from_utf8_lossy(&bytes).into_owned()),
        };
        if let Some(raw) = shown {
            assert!(
                !raw.chars().any(|c| c.is_control() && !c.is_whitespace()),
                "{format} keeps control characters"
            );
        }
        if let Some(text) = text_of(format, &bytes, dir.path()) {
            assert!(
                words(&text)
                    .join(" ")
                    .contains("page one page two three 2jfour five end"),
                "{format}: {text}"
            );
        }
    }
}

// ----- JSON models ------------------------------------------------------------------------

#[test]
fn a_bad_or_absurdly_nested_json_model_is_refused() {
    assert_refused(
        &[("model.json", b"{\"meta\": {\"title\": 5}, \"blocks\": []}")],
        "model.json",
        "model.json:1:",
    );
    let mut deep = String::from("{\"meta\":{\"title\":\"t\"},\"blocks\":[");
    deep.push_str(&"{\"type\":\"quote\",\"blocks\":[".repeat(5_000));
    deep.push_str(&"]}".repeat(5_000));
    deep.push_str("]}");
    assert_refused(
        &[("deep.json", deep.as_bytes())],
        "deep.json",
        "recursion limit exceeded",
    );
}

// ----- output that cannot be written ------------------------------------------------------

/// Whether this process is root (who may write anywhere, so read-only folders need another
/// user).
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.trim_ascii() == b"0")
}

#[cfg(unix)]
#[test]
fn a_read_only_output_folder_keeps_the_previous_build_whole() {
    use std::os::unix::fs::PermissionsExt;
    let project = sample_project();
    assert!(build(project.path()).status.success());
    let dist = project.path().join("dist");
    let before: Vec<(String, Vec<u8>)> = files_under(&dist)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dist.join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    let diary = project.path().join("content/pain-diary.md");
    let mut text = std::fs::read_to_string(&diary).unwrap();
    text.push_str("\nA new closing sentence.\n");
    std::fs::write(&diary, text).unwrap();

    let out = if is_root() {
        // Root writes anywhere: build as `nobody`, to whom the root-owned dist/ is read-only.
        // The binary and the project must be readable by that user.
        let binary = project.path().join("folio");
        std::fs::copy(env!("CARGO_BIN_EXE_folio"), &binary).unwrap();
        std::fs::set_permissions(project.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut command = Command::new("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&binary)
            .args(["build", "--quiet"])
            .current_dir(project.path());
        let out = run_limited(command);
        std::fs::remove_file(binary).unwrap();
        out
    } else {
        for dir in ["", "html", "pdf", "epub", "txt"] {
            let d = dist.join(dir);
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o555)).unwrap();
        }
        let out = build(project.path());
        for dir in ["", "html", "pdf", "epub", "txt"] {
            let d = dist.join(dir);
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        out
    };
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("dist/txt/pain-diary.txt: cannot write: Permission denied"),
        "{err}"
    );
    assert!(
        !err.contains(".tmp"),
        "the message names a temporary: {err}"
    );
    let after: Vec<(String, Vec<u8>)> = files_under(&dist)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dist.join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    assert_eq!(
        before, after,
        "dist/ changed although it could not be written"
    );
    assert_manifest_matches_disk(&dist);
}

#[cfg(unix)]
#[test]
fn a_full_disk_leaves_complete_files_and_a_true_manifest() {
    let project = sample_project();
    assert!(build(project.path()).status.success());
    let dist = project.path().join("dist");
    let diary = project.path().join("content/pain-diary.md");
    let mut text = std::fs::read_to_string(&diary).unwrap();
    text.push_str("\nA new closing sentence.\n");
    std::fs::write(&diary, text).unwrap();
    // No file may grow past 40 kB (the text, the pages and the manifest fit, the PDFs and
    // EPUBs do not): writes fail as on a full disk. The signal is ignored so the write
    // returns an error instead.
    let mut command = Command::new("bash");
    command
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 40; exec \"$0\" build --quiet",
            env!("CARGO_BIN_EXE_folio"),
        ])
        .current_dir(project.path());
    let out = run_limited(command);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("dist/pdf/pain-diary.pdf: cannot write: File too large"),
        "{err}"
    );
    assert!(
        !files_under(&dist).iter().any(|f| f.ends_with(".tmp")),
        "temporaries left"
    );
    // The text was written; the PDF is the previous build's, whole.
    let txt = std::fs::read_to_string(dist.join("txt/pain-diary.txt")).unwrap();
    assert!(txt.contains("A new closing sentence."));
    let pdf = std::fs::read(dist.join("pdf/pain-diary.pdf")).unwrap();
    assert!(pdf.ends_with(b"%%EOF\n") || pdf.ends_with(b"%%EOF"));
    assert_manifest_matches_disk(&dist);
    // With room again, the next build finishes the job.
    assert!(build(project.path()).status.success());
    assert_manifest_matches_disk(&dist);
}

#[test]
fn a_document_that_fails_leaves_the_others_and_a_true_manifest() {
    let project = sample_project();
    assert!(build(project.path()).status.success());
    // The diary now refers to an image that is not there: its outputs cannot be made.
    let diary = project.path().join("content/pain-diary.md");
    let mut text = std::fs::read_to_string(&diary).unwrap();
    text.push_str("\n![a chart](images/not-there.png)\n");
    std::fs::write(&diary, text).unwrap();
    let out = build(project.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("image `images/not-there.png` not found"),
        "{err}"
    );
    let dist = project.path().join("dist");
    let files = files_under(&dist);
    assert!(files.iter().any(|f| f == "pdf/chronic-pain-and-kratom.pdf"));
    assert!(!files.iter().any(|f| f.ends_with(".tmp")));
    assert_manifest_matches_disk(&dist);
}

#[test]
fn a_bad_source_date_epoch_is_named() {
    let dir = folder(&[("a.md", b"# A\n\nText.\n")]);
    let mut command = folio();
    command
        .args(["convert", "a.md", "--to", "pdf", "-o", "a.pdf"])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .current_dir(dir.path());
    let out = run_limited(command);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("SOURCE_DATE_EPOCH"), "{err}");
    assert!(!dir.path().join("a.pdf").exists());
}

// ----- the judges on hostile documents ----------------------------------------------------

#[test]
fn hostile_documents_give_valid_html_and_epub() {
    let deep = format!("{}deep words\n", "> ".repeat(10_000));
    let dir = folder(&[
        ("empty.md", b""),
        (
            "controls.md",
            b"# Old file\n\npage one\x0cpage two\x01 \x1a end \x7f.\n",
        ),
        (
            "raw.md",
            b"# Raw\n\nHi <script>x()</script><b onclick=\"y()\">b</b> <img src=x>.\n\n\
              <div onmouseover=\"x()\">Block <i>prose</i></div>\n\n<table><tr><td>cell\n",
        ),
        (
            "links.md",
            b"# Links\n\n[a](javascript:x) [b](vbscript:y) [c](data:text/html,z) [d](file:///e) \
              <javascript:alert(1)> [](https://example.org/)\n",
        ),
        ("deep.md", deep.as_bytes()),
        (
            "odd.md",
            "---\ntitle: \"<b>Tags</b> & \\\"quotes\\\"\"\nlanguage: de-CH\n---\n\n\
             # \u{202e}Right to left\u{202c}\n\nZero\u{200b}width, \u{FEFF}BOM, \u{10FFFF} and \
             a lone combining \u{301} mark.\n\n| a |\n| - |\n| \u{0085} |\n"
                .as_bytes(),
        ),
    ]);
    let names = ["empty", "controls", "raw", "links", "deep", "odd"];
    let mut pages = Vec::new();
    for name in names {
        for (to, file) in [
            ("html", format!("{name}.html")),
            ("epub", format!("{name}.epub")),
        ] {
            let out = convert(dir.path(), &format!("{name}.md"), to, &file);
            assert!(out.status.success(), "{name} to {to}: {}", stderr(&out));
        }
        assert_epubcheck_clean(&dir.path().join(format!("{name}.epub")));
        pages.push(dir.path().join(format!("{name}.html")));
    }
    assert_nu_html_clean(&pages);
}

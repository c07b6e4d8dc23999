//! End-to-end tests of the EPUB writer: the per-document EPUBs and the book, judged by
//! EPUBCheck (Debian's `epubcheck`; CI installs it, elsewhere a missing one skips that check
//! unless FOLIO_REQUIRE_TOOLS=1), unzipped and read.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use common::judges::assert_epubcheck_clean;
use common::words::{assert_words_in_order, html_text, markdown_words, words};
use common::{SAMPLE_SLUGS, run, sample_project};

const BOOK: &str = "living-well-with-chronic-pain.epub";

fn build(project: &Path, env: &[(&str, &str)]) -> std::process::Output {
    let out = common::folio()
        .args(["build", "--quiet", "--format", "epub"])
        .envs(env.iter().copied())
        .current_dir(project)
        .output()
        .expect("folio runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn epubs(project: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = SAMPLE_SLUGS
        .iter()
        .map(|s| project.join(format!("dist/epub/{s}.epub")))
        .collect();
    out.push(project.join("dist").join(BOOK));
    out
}

/// Every entry of an EPUB, by name, in archive order.
fn entries(epub: &Path) -> Vec<(String, Vec<u8>)> {
    let file = std::fs::File::open(epub).unwrap_or_else(|e| panic!("{}: {e}", epub.display()));
    let mut archive = zip::ZipArchive::new(file).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().to_string(), bytes)
        })
        .collect()
}

fn entry(epub: &Path, name: &str) -> String {
    let (_, bytes) = entries(epub)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{}: no {name}", epub.display()));
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn every_document_and_the_book_pass_epubcheck_with_no_warnings() {
    let project = sample_project();
    build(project.path(), &[]);
    for epub in epubs(project.path()) {
        assert_epubcheck_clean(&epub);
    }
}

#[test]
fn container_is_reproducible_with_mimetype_first_and_stored() {
    let project = sample_project();
    build(project.path(), &[("SOURCE_DATE_EPOCH", "1700000000")]);
    let first: Vec<Vec<u8>> = epubs(project.path())
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    std::fs::remove_dir_all(project.path().join("dist")).unwrap();
    build(project.path(), &[("SOURCE_DATE_EPOCH", "1700000000")]);
    for (path, before) in epubs(project.path()).iter().zip(&first) {
        let bytes = std::fs::read(path).unwrap();
        assert!(
            bytes == *before,
            "{} differs between builds",
            path.display()
        );
        // OCF: the first local file header is `mimetype`, stored, with the media type.
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        assert_eq!(&bytes[8..10], &[0, 0], "mimetype must be stored");
        assert_eq!(&bytes[30..58], b"mimetypeapplication/epub+zip");
        let opf = entry(path, "OEBPS/content.opf");
        assert!(
            opf.contains("<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>"),
            "{opf}"
        );
    }
}

#[test]
fn package_metadata_identifies_and_describes_the_book() {
    let project = sample_project();
    build(project.path(), &[]);
    let book = project.path().join("dist").join(BOOK);
    let opf = entry(&book, "OEBPS/content.opf");
    for expected in [
        "<dc:title>Living Well with Chronic Pain</dc:title>",
        "<dc:language id=\"epub-language-0\">en</dc:language>",
        "<dc:publisher>Riverside Family Clinic</dc:publisher>",
        "<dc:subject>Chronic pain</dc:subject>",
        "<meta property=\"schema:accessMode\">textual</meta>",
        "<meta property=\"schema:accessModeSufficient\">textual</meta>",
        "<meta property=\"schema:accessibilityFeature\">structuralNavigation</meta>",
        "<meta property=\"schema:accessibilityFeature\">tableOfContents</meta>",
        "<meta property=\"schema:accessibilityFeature\">alternativeText</meta>",
        "<meta property=\"schema:accessibilityHazard\">none</meta>",
        "<meta property=\"schema:accessibilitySummary\">",
        "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>",
    ] {
        assert!(opf.contains(expected), "missing {expected}\n{opf}");
    }
    // The identifier is a UUID URN, and the same on every build (nothing random).
    let id = opf
        .split("<dc:identifier id=\"epub-id-1\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("an identifier");
    assert!(id.starts_with("urn:uuid:") && id.len() == 45, "{id}");
    // Every id in the package document is unique (epub-builder repeats one; we fix it).
    let ids: Vec<&str> = opf
        .split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
    // The pain diary's image is packaged, and declared with its type.
    assert!(
        opf.contains("media-type=\"image/png\""),
        "the image is missing\n{opf}"
    );
}

#[test]
fn nav_has_a_language_nested_headings_and_landmarks() {
    let project = sample_project();
    build(project.path(), &[]);
    let nav = entry(&project.path().join("dist").join(BOOK), "OEBPS/nav.xhtml");
    assert!(nav.contains("lang=\"en\" xml:lang=\"en\""), "{nav}");
    assert!(nav.contains("epub:type = \"landmarks\""), "{nav}");
    assert!(nav.contains("epub:type=\"bodymatter\""), "{nav}");
    // Chapters in folio.toml's order, each with its headings nested under it.
    let diary = nav
        .find(">Keeping a Pain Diary</a>")
        .expect("diary chapter");
    let kratom = nav
        .find(">Chronic Pain and Kratom: Truths and Misconceptions</a>")
        .expect("kratom chapter");
    assert!(diary < kratom, "{nav}");
    assert!(
        nav.contains("<a href=\"chapter-pain-diary.xhtml#pain-diary_why-keep-a-pain-diary\">"),
        "{nav}"
    );
}

#[test]
fn every_chapter_keeps_every_word_of_its_source_in_order() {
    let project = sample_project();
    build(project.path(), &[]);
    for slug in SAMPLE_SLUGS {
        let source = std::fs::read_to_string(project.path().join(format!("content/{slug}.md")))
            .expect("source");
        let expected = markdown_words(&source);
        let chapter = format!("OEBPS/chapter-{slug}.xhtml");
        for epub in [
            project.path().join(format!("dist/epub/{slug}.epub")),
            project.path().join("dist").join(BOOK),
        ] {
            let text = html_text(&entry(&epub, &chapter));
            assert_words_in_order(
                &expected,
                &words(&text),
                &format!("{} {chapter}", epub.display()),
            );
        }
    }
}

#[test]
fn chapters_are_well_formed_xhtml_with_epub_footnotes() {
    let project = sample_project();
    build(project.path(), &[]);
    let book = project.path().join("dist").join(BOOK);
    let page = entry(&book, "OEBPS/chapter-pain-diary.xhtml");
    assert!(page.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert!(page.contains("xmlns:epub=\"http://www.idpf.org/2007/ops\""));
    assert!(
        page.contains("epub:type=\"noteref\"") && page.contains("epub:type=\"footnote\""),
        "the diary's footnotes are EPUB footnotes"
    );
    // Ids carry the chapter's name, so they are unique across the whole book.
    for entry_name in [
        "OEBPS/chapter-chronic-pain-and-kratom.xhtml",
        "OEBPS/chapter-pain-diary.xhtml",
    ] {
        let page = entry(&book, entry_name);
        let slug = entry_name
            .trim_start_matches("OEBPS/chapter-")
            .trim_end_matches(".xhtml");
        for id in page
            .split(" id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
        {
            assert!(id.starts_with(&format!("{slug}_")), "{entry_name}: id {id}");
        }
    }
}

#[test]
fn links_between_documents_point_into_the_right_chapter() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        content.join("a.md"),
        "# First\n\nSee [side effects](b.md#side-effects), [the top](b.md), [here](#more) and [nowhere](#nope).\n\n## More\n\nText.\n",
    )
    .unwrap();
    std::fs::write(
        content.join("b.md"),
        "# Second\n\n## Side effects\n\nSome.\n",
    )
    .unwrap();
    let out = build(dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let book_name = std::fs::read_dir(dir.path().join("dist"))
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "epub"))
        .expect("a book")
        .path();
    let page = entry(&book_name, "OEBPS/chapter-a.xhtml");
    assert!(
        page.contains("<a href=\"chapter-b.xhtml#b_side-effects\">side effects</a>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"chapter-b.xhtml\">the top</a>"),
        "{page}"
    );
    assert!(page.contains("<a href=\"#a_more\">here</a>"), "{page}");
    assert!(page.contains(" and nowhere."), "{page}");
    assert!(
        common::diagnostics::has_warning(&stderr, "content/a.md:3", "link `#nope`"),
        "{stderr}"
    );
    // A single-document EPUB cannot follow a link to another document: words stay, with a
    // warning.
    let single = entry(
        &dir.path().join("dist/epub/a.epub"),
        "OEBPS/chapter-a.xhtml",
    );
    assert!(single.contains("See side effects, the top"), "{single}");
    assert!(stderr.contains("not part of this EPUB"), "{stderr}");
    assert_epubcheck_clean(&book_name);
    assert_epubcheck_clean(&dir.path().join("dist/epub/a.epub"));
}

#[test]
fn book_chapter_list_must_name_existing_documents() {
    let project = sample_project();
    let config = std::fs::read_to_string(project.path().join("folio.toml")).unwrap();
    std::fs::write(
        project.path().join("folio.toml"),
        config.replace("\"pain-diary.md\",", "\"pain-diary.md\", \"missing.md\","),
    )
    .unwrap();
    let out = run(&["build", "--quiet", "--format", "epub"], project.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("[book] chapters names `missing.md`"),
        "{stderr}"
    );
    // The per-document EPUBs are still written; the book is not.
    assert!(project.path().join("dist/epub/pain-diary.epub").is_file());
    assert!(!project.path().join("dist").join(BOOK).exists());
}

#[test]
fn fonts_are_embedded_only_when_asked() {
    let project = sample_project();
    build(project.path(), &[]);
    let names: Vec<String> = entries(&project.path().join("dist/epub/pain-diary.epub"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".ttf")), "{names:?}");

    let config = std::fs::read_to_string(project.path().join("folio.toml")).unwrap();
    std::fs::write(
        project.path().join("folio.toml"),
        format!("{config}\n[epub]\nembed_fonts = true\n"),
    )
    .unwrap();
    build(project.path(), &[]);
    let epub = project.path().join("dist/epub/pain-diary.epub");
    let names: Vec<String> = entries(&epub).into_iter().map(|(n, _)| n).collect();
    assert!(
        names.contains(&"OEBPS/fonts/AtkinsonHyperlegible-Regular.ttf".to_string()),
        "{names:?}"
    );
    let css = entry(&epub, "OEBPS/stylesheet.css");
    assert!(css.contains("@font-face"), "{css}");
    assert_epubcheck_clean(&epub);
}

#[test]
fn convert_writes_one_document_as_an_epub() {
    let project = sample_project();
    let out = run(
        &[
            "convert",
            "content/pain-diary.md",
            "--to",
            "epub",
            "-o",
            "diary.epub",
        ],
        project.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let epub = project.path().join("diary.epub");
    let page = entry(&epub, "OEBPS/chapter-pain-diary.xhtml");
    assert!(page.contains("Keeping a Pain Diary"), "{page}");
    assert!(
        entries(&epub)
            .iter()
            .any(|(n, _)| n.starts_with("OEBPS/images/") && n.ends_with(".png")),
        "the pain scale image is packaged"
    );
    assert_epubcheck_clean(&epub);
}

#[test]
fn hostile_documents_still_give_valid_epubs() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    // Control characters in metadata and headings, headings that look like note ids, an
    // anchor called "top", ids raw HTML cannot keep, attribute values HTML forbids, a date
    // with words after it, an unreferenced note with an anchor, an empty first paragraph.
    std::fs::write(
        content.join("hostile.md"),
        "---\ntitle: \"Bad\\x01 title\"\ndate: 2024-05-01 (draft)\n---\n<a id=\"top\"></a>\n\n\
         ## Top\n\n## Fn1\n\n## Footnotes title\n\nText\u{c} with a note.[^n] Inline image \
         <img src=\"https://example.org/x.png\" alt=\"Dosage chart\" id=\"fig1\"> here, \
         [pic](#fig1), [hidden](#hidden).\n\n\
         <ol start=\"x\"><li><time datetime=\"yesterday\">Yesterday</time></li></ol>\n\n\
         <div id=\"1 2\"><table><tr><td colspan=\"abc\">cell</td></tr></table></div>\n\n\
         [^n]: The note.\n[^unused]: <a id=\"hidden\"></a>\n",
    )
    .unwrap();
    let out = build(dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let epub = dir.path().join("dist/epub/hostile.epub");
    let page = entry(&epub, "OEBPS/chapter-hostile.xhtml");
    assert!(page.contains("Dosage chart"), "{page}");
    assert!(
        page.contains("<time datetime=\"2024-05-01\">May 1, 2024 (draft)</time>"),
        "{page}"
    );
    assert!(stderr.contains("link `#hidden`"), "{stderr}");
    assert_epubcheck_clean(&epub);
    let book = std::fs::read_dir(dir.path().join("dist"))
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "epub"))
        .expect("a book")
        .path();
    assert_epubcheck_clean(&book);
}

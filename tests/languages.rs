//! Handouts in the patient's own language, end to end: one short blood-pressure handout in
//! each of 14 languages (tests/fixtures/languages/), built into every format and judged.
//! The PDFs must draw every letter (no U+FFFD), embed and subset every face, give the
//! source's letters back in order through pdftotext, and print no English furniture.

mod common;

use std::path::Path;

use common::{copy_dir, judge, repo, run};

/// The languages of the fixtures, by file suffix.
const LANGUAGES: [&str; 14] = [
    "ar", "bn", "es", "fa", "he", "hi", "ja", "ko", "ru", "th", "ur", "vi", "zh-Hans", "zh-Hant",
];

/// Builds the fixtures once per test into a temporary project.
fn built() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(
        &repo().join("tests/fixtures/languages"),
        &dir.path().join("content"),
    );
    let out = run(&["build"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// The letters of the handout's prose (paragraph, callout and list lines of the body), in
/// order.
fn source_letters(source: &str) -> Vec<char> {
    let body = source.splitn(3, "---").nth(2).unwrap_or("");
    body.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with('|') && !l.contains("[!"))
        .flat_map(|l| l.chars())
        .filter(|c| c.is_alphabetic())
        .collect()
}

/// The length of the longest common subsequence of two sequences.
fn common_subsequence(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// `folio build --quiet` in `dir`, which must succeed.
fn build_quietly(dir: &Path) {
    let out = run(&["build", "--quiet"], dir);
    assert!(out.status.success(), "{}", everything(&out));
}

/// What a run of folio printed, on both streams.
fn everything(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn slug(language: &str) -> String {
    format!("bp-{}", language.to_lowercase())
}

#[test]
fn every_language_prints_every_letter_in_order_with_its_own_furniture() {
    let project = built();
    let dist = project.path().join("dist");
    for language in LANGUAGES {
        let source = std::fs::read_to_string(
            repo().join(format!("tests/fixtures/languages/bp-{language}.md")),
        )
        .unwrap();
        let letters = source_letters(&source);
        for variant in ["", ".large-print"] {
            let pdf = dist.join(format!("pdf/{}{variant}.pdf", slug(language)));
            assert!(pdf.is_file(), "{}", pdf.display());
            let Some(fonts) = judge("pdffonts", &[], &pdf) else {
                return;
            };
            let fonts = String::from_utf8_lossy(&fonts.stdout).to_string();
            for line in fonts.lines().skip(2) {
                // name type encoding emb sub uni object: every face embedded and subset.
                let fields: Vec<&str> = line.split_whitespace().collect();
                let n = fields.len();
                assert!(
                    n >= 5 && fields[n - 5] == "yes" && fields[n - 4] == "yes",
                    "{language}: a face is not embedded and subset:\n{fonts}"
                );
                assert!(fields[0].contains('+'), "{language}: {line}");
            }
            let text = judge("pdftotext", &["-enc", "UTF-8"], &pdf)
                .map(|_| ())
                .and_then(|()| {
                    let out = std::process::Command::new("pdftotext")
                        .args(["-enc", "UTF-8"])
                        .arg(&pdf)
                        .arg("-")
                        .output()
                        .ok()?;
                    Some(String::from_utf8_lossy(&out.stdout).to_string())
                })
                .unwrap_or_default();
            assert!(!text.contains('\u{FFFD}'), "{language}: U+FFFD in\n{text}");
            for english in ["Page 1 of", "Reviewed by", "Warning", "WARNING"] {
                assert!(
                    !text.contains(english),
                    "{language}: English furniture `{english}` in\n{text}"
                );
            }
            let printed: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
            let found = common_subsequence(&letters, &printed) as f64 / letters.len() as f64;
            // Poppler itself loses a little of Arabic script at ligatures.
            let needed = if matches!(language, "ar" | "fa" | "ur") {
                0.95
            } else {
                0.99
            };
            eprintln!(
                "{language}{variant}: {:.1} % of the letters in order",
                found * 100.0
            );
            assert!(
                found >= needed,
                "{language}{variant}: only {:.1} % of the source's letters in order:\n{text}",
                found * 100.0
            );
        }
    }
}

#[test]
fn right_to_left_documents_are_marked_in_html_and_epub_and_pass_the_judges() {
    let project = built();
    let dist = project.path().join("dist");
    let page = std::fs::read_to_string(dist.join("html/bp-ar.html")).unwrap();
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"), "{page}");
    let pages: Vec<std::path::PathBuf> = LANGUAGES
        .iter()
        .map(|l| dist.join(format!("html/{}.html", slug(l))))
        .collect();
    common::judges::assert_nu_html_clean(&pages);
    for language in ["ar", "he", "zh-Hans", "th"] {
        let epub = dist.join(format!("epub/{}.epub", slug(language)));
        common::judges::assert_epubcheck_clean(&epub);
    }
    let opf = unzip(&dist.join("epub/bp-ar.epub"), "OEBPS/content.opf");
    assert!(opf.contains("page-progression-direction=\"rtl\""), "{opf}");
    let opf = unzip(&dist.join("epub/bp-es.epub"), "OEBPS/content.opf");
    assert!(opf.contains("page-progression-direction=\"ltr\""), "{opf}");
}

fn unzip(epub: &Path, name: &str) -> String {
    let file = std::fs::File::open(epub).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
    text
}

#[test]
fn a_script_no_face_covers_fails_that_document_saying_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/languages/bp-zh-Hans.md"),
        dir.path().join("content/bp-zh-Hans.md"),
    )
    .unwrap();
    // Hermetic: the system's CJK faces are not used, and the project has none.
    std::fs::write(
        dir.path().join("folio.toml"),
        "[pdf]\nsystem_fonts = false\n",
    )
    .unwrap();
    let out = run(&["build"], dir.path());
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/bp-zh-Hans.md"), "{stderr}");
    assert!(stderr.contains("Han"), "{stderr}");
    assert!(stderr.contains("NotoSansCJK-Regular.ttc"), "{stderr}");
    assert!(stderr.contains("system fonts are off"), "{stderr}");
    // No half-written handout; the other formats are still written.
    assert!(!dir.path().join("dist/pdf/bp-zh-hans.pdf").exists());
    assert!(dir.path().join("dist/html/bp-zh-hans.html").is_file());
}

#[test]
fn a_direction_other_than_ltr_rtl_or_auto_is_an_error_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/a.md"),
        "---\ntitle: A\nlanguage: ar\ndir: right\n---\n\nنص.\n",
    )
    .unwrap();
    let out = run(&["build"], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("content/a.md:4"), "{stderr}");
    assert!(
        stderr.contains("`dir` must be `ltr`, `rtl` or `auto`"),
        "{stderr}"
    );
}

#[test]
fn a_translation_reviewed_before_its_source_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    std::fs::write(
        content.join("diary.md"),
        "---\ntitle: Diary\nlanguage: en\nreview_date: 2026-09-15\n---\n\nWrite it down.\n",
    )
    .unwrap();
    std::fs::write(
        content.join("diary.es.md"),
        "---\ntitle: Diario\nlanguage: es\ntranslation_of: diary.md\nreview_date: 2025-01-10\n---\n\nAnótelo.\n",
    )
    .unwrap();
    let text = everything(&run(&["check"], dir.path()));
    assert!(text.contains("warning[folio::stale-translation]"), "{text}");
    assert!(text.contains("content/diary.es.md:4"), "{text}");
    assert!(
        text.contains("before its source `content/diary.md`"),
        "{text}"
    );
    // The translation checked alone: its source is read from the project.
    let alone = everything(&run(&["check", "content/diary.es.md"], dir.path()));
    assert!(
        alone.contains("before its source `content/diary.md`"),
        "{alone}"
    );
    // Reviewed again: no warning.
    std::fs::write(
        content.join("diary.es.md"),
        "---\ntitle: Diario\nlanguage: es\ntranslation_of: diary.md\nreview_date: 2026-09-20\n---\n\nAnótelo.\n",
    )
    .unwrap();
    let out = run(&["check"], dir.path());
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("checked 2 documents"), "{text}");
    assert!(!text.contains("stale-translation"), "{text}");
}

#[test]
fn a_handout_and_its_translations_link_one_another() {
    let project = common::sample_project();
    let dist = project.path().join("dist");
    build_quietly(project.path());
    let page = std::fs::read_to_string(dist.join("html/pain-diary.html")).unwrap();
    assert!(
        page.contains("<link rel=\"alternate\" hreflang=\"es\" href=\"pain-diary-es.html\">"),
        "{page}"
    );
    assert!(page.contains("Also in: "), "{page}");
    let spanish = std::fs::read_to_string(dist.join("html/pain-diary-es.html")).unwrap();
    assert!(
        spanish.contains(
            "También en: <a href=\"pain-diary.html\" hreflang=\"en\" lang=\"en\">English</a>"
        ),
        "{spanish}"
    );
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap();
    assert!(
        index.contains("hreflang=\"zh-Hans\" lang=\"zh-Hans\">简体中文</a>"),
        "{index}"
    );
    // A new translation: the source's page (unchanged itself) now links it too.
    let diary = std::fs::read_to_string(project.path().join("content/pain-diary.es.md")).unwrap();
    let french = diary
        .replace("language: es", "language: fr")
        .replace("title: ", "title: FR ");
    std::fs::write(project.path().join("content/pain-diary.fr.md"), french).unwrap();
    build_quietly(project.path());
    let page = std::fs::read_to_string(dist.join("html/pain-diary.html")).unwrap();
    assert!(
        page.contains("hreflang=\"fr\" href=\"pain-diary-fr.html\""),
        "{page}"
    );
    common::judges::assert_nu_html_clean(&[
        dist.join("index.html"),
        dist.join("html/pain-diary.html"),
        dist.join("html/pain-diary-ar.html"),
    ]);
}

#[test]
fn the_manifest_records_every_face_a_handout_embeds_with_its_hash() {
    let project = built();
    let manifest = common::manifest(&project.path().join("dist"));
    let artifacts = manifest["artifacts"].as_array().unwrap();
    let fonts = |path: &str| -> Vec<(String, String)> {
        let artifact = artifacts
            .iter()
            .find(|a| a["path"] == path)
            .unwrap_or_else(|| panic!("{path} is not in the manifest"));
        artifact["fonts"]
            .as_array()
            .map(|fonts| {
                fonts
                    .iter()
                    .map(|f| {
                        (
                            f["file"].as_str().unwrap().to_string(),
                            f["sha256"].as_str().unwrap().to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let arabic = fonts("pdf/bp-ar.pdf");
    let noto = arabic
        .iter()
        .find(|(file, _)| file == "NotoSansArabic-Regular.ttf")
        .unwrap_or_else(|| panic!("{arabic:?}"));
    let shipped = std::fs::read(repo().join("fonts/NotoSansArabic-Regular.ttf")).unwrap();
    assert_eq!(noto.1, folio::digest::sha256_hex(&shipped));
    // A face from the system is named by its path, with the hash of that file.
    let chinese = fonts("pdf/bp-zh-hans.pdf");
    let (path, hash) = chinese
        .iter()
        .find(|(file, _)| file.ends_with("NotoSansCJK-Regular.ttc"))
        .unwrap_or_else(|| panic!("{chinese:?}"));
    assert_eq!(
        *hash,
        folio::digest::sha256_hex(&std::fs::read(path).unwrap())
    );
    // Text and HTML embed no face.
    assert!(fonts("txt/bp-ar.txt").is_empty());
}

#[test]
fn a_project_says_a_term_its_own_way_and_a_wrong_key_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/languages/bp-es.md"),
        content.join("bp-es.md"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("folio.toml"),
        "[terms.es]\ncallout-warning = \"¡Atención!\"\npage-of = \"Pág. {page}/{total}\"\n",
    )
    .unwrap();
    let out = run(&["build", "--quiet"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(dir.path().join("dist/html/bp-es.html")).unwrap();
    assert!(page.contains("¡Atención!"), "{page}");
    let text = std::fs::read_to_string(dir.path().join("dist/txt/bp-es.txt")).unwrap();
    assert!(text.contains("¡Atención!"), "{text}");
    if let Some(out) = judge(
        "pdftotext",
        &["-enc", "UTF-8"],
        &dir.path().join("dist/pdf/bp-es.pdf"),
    ) && out.status.success()
    {
        let pdf = std::fs::read_to_string(dir.path().join("dist/pdf/bp-es.txt")).unwrap();
        assert!(
            pdf.contains("¡Atención!") && pdf.contains("Pág. 1/1"),
            "{pdf}"
        );
    }
    std::fs::write(
        dir.path().join("folio.toml"),
        "[terms.es]\ncallout-warning = \"¡Atención!\"\npage-of = \"Pág. {page}/{pages}\"\n",
    )
    .unwrap();
    let out = run(&["build", "--quiet"], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("folio.toml:3"), "{stderr}");
    assert!(
        stderr.contains("{pages}") && stderr.contains("{total}"),
        "{stderr}"
    );
}

//! End-to-end tests of the PDF handout, judged by qpdf and poppler (pdfinfo, pdffonts,
//! pdftotext). CI installs both; elsewhere a missing tool skips the check that needs it
//! (FOLIO_REQUIRE_TOOLS=1 makes it a failure).

mod common;

use std::path::Path;

use common::words::{assert_words_in_order, markdown_words, words};
use common::{
    PDF_VARIANTS, SAMPLE_SLUGS, built_sample_pdfs, judge, run, sample_pdfs, sample_project,
};

#[test]
fn build_writes_both_variants_of_every_handout() {
    let project = built_sample_pdfs();
    for pdf in sample_pdfs(project.path()) {
        let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        assert!(bytes.starts_with(b"%PDF-1.7"), "{}", pdf.display());
        assert!(
            bytes.len() < 150_000,
            "{}: {} bytes",
            pdf.display(),
            bytes.len()
        );
    }
}

#[test]
fn qpdf_finds_no_errors() {
    let project = built_sample_pdfs();
    for pdf in sample_pdfs(project.path()) {
        let Some(out) = judge("qpdf", &["--check"], &pdf) else {
            return;
        };
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && report.contains("No syntax or stream encoding errors"),
            "{}: {report}{}",
            pdf.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn every_font_is_embedded_subset_and_mapped_to_unicode() {
    let project = built_sample_pdfs();
    for pdf in sample_pdfs(project.path()) {
        let Some(out) = judge("pdffonts", &[], &pdf) else {
            return;
        };
        let table = String::from_utf8_lossy(&out.stdout);
        let rows: Vec<&str> = table.lines().skip(2).collect();
        assert!(rows.len() >= 2, "{}: {table}", pdf.display());
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(
                &cols[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "{}: {row}",
                pdf.display()
            );
            assert!(row.contains('+'), "subset tag missing: {row}");
        }
    }
}

#[test]
fn document_info_has_title_author_language_and_page_size() {
    let project = built_sample_pdfs();
    for pdf in sample_pdfs(project.path()) {
        let Some(out) = judge("pdfinfo", &[], &pdf) else {
            return;
        };
        let info = String::from_utf8_lossy(&out.stdout);
        let field = |name: &str| {
            info.lines()
                .find(|l| l.starts_with(&format!("{name}:")))
                .map(|l| l[name.len() + 1..].trim().to_string())
                .unwrap_or_default()
        };
        assert!(!field("Title").is_empty(), "{info}");
        assert!(!field("Author").is_empty(), "{info}");
        assert!(field("Page size").contains("(letter)"), "{info}");
        assert!(field("CreationDate").contains("20"), "{info}");
    }
    let pdf = lopdf::Document::load(project.path().join("dist/pdf/pain-diary.pdf")).unwrap();
    let lang = pdf
        .catalog()
        .unwrap()
        .get(b"Lang")
        .unwrap()
        .as_str()
        .unwrap();
    assert_eq!(lang, b"en", "the catalog's /Lang");
}

/// The Info dictionary's creation date.
fn creation_date(path: &Path) -> String {
    let pdf = lopdf::Document::load(path).unwrap();
    let info = pdf.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let date = pdf
        .get_dictionary(info)
        .unwrap()
        .get(b"CreationDate")
        .unwrap();
    String::from_utf8(date.as_str().unwrap().to_vec()).unwrap()
}

#[test]
fn the_sample_article_fits_on_three_letter_pages() {
    let project = built_sample_pdfs();
    let pdf = project.path().join("dist/pdf/chronic-pain-and-kratom.pdf");
    let Some(out) = judge("pdfinfo", &[], &pdf) else {
        return;
    };
    let info = String::from_utf8_lossy(&out.stdout);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .unwrap();
    assert!((1..=3).contains(&pages), "{pages} pages");
}

#[test]
fn every_source_word_is_in_the_extracted_text_in_order() {
    let project = built_sample_pdfs();
    let article = words(include_str!("fixtures/chronic-pain-and-kratom.txt"));
    let diary = markdown_words(include_str!("../content/pain-diary.md"));
    for (slug, source) in [
        ("chronic-pain-and-kratom", &article),
        ("pain-diary", &diary),
    ] {
        for variant in PDF_VARIANTS {
            let pdf = project.path().join(format!("dist/pdf/{slug}{variant}.pdf"));
            // pdftotext writes next to the PDF when given no output name.
            if judge("pdftotext", &["-enc", "UTF-8"], &pdf).is_none() {
                return;
            }
            let text = std::fs::read_to_string(pdf.with_extension("txt")).unwrap();
            assert_words_in_order(source, &words(&text), &format!("{slug}{variant}.pdf"));
            // Header and footer are the only additions: page numbers on every page.
            assert!(
                text.contains("Page 1 of"),
                "{slug}{variant}: no page numbers"
            );
        }
    }
}

#[test]
fn large_print_has_more_pages_than_the_standard_handout() {
    let project = built_sample_pdfs();
    for slug in SAMPLE_SLUGS {
        let pages = |variant: &str| -> Option<usize> {
            let pdf = project.path().join(format!("dist/pdf/{slug}{variant}.pdf"));
            let out = judge("pdfinfo", &[], &pdf)?;
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("Pages:"))
                .and_then(|p| p.trim().parse().ok())
        };
        let (Some(standard), Some(large)) = (pages(""), pages(".large-print")) else {
            return;
        };
        assert!(large > standard, "{slug}: {large} vs {standard} pages");
    }
}

#[test]
fn convert_writes_a_pdf_file_in_either_variant() {
    let dir = tempfile::tempdir().unwrap();
    let source = common::repo().join("content/pain-diary.md");
    let source = source.to_str().unwrap();
    for (extra, name) in [(None, "a.pdf"), (Some("--large-print"), "b.pdf")] {
        let out_path = dir.path().join(name);
        let mut args = vec![
            "convert",
            source,
            "--to",
            "pdf",
            "-o",
            out_path.to_str().unwrap(),
        ];
        args.extend(extra);
        let out = run(&args, dir.path());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(&out_path).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
    }
    let a = std::fs::read(dir.path().join("a.pdf")).unwrap();
    let b = std::fs::read(dir.path().join("b.pdf")).unwrap();
    assert_ne!(a, b, "the large-print variant is a different layout");
}

#[test]
fn characters_no_face_has_fail_the_handout_and_raw_html_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    // Cuneiform and an emoji no face folio ships (nor the system's) has: a handout that
    // goes to print must not show U+FFFD, so the handout is refused, naming them.
    let (out, out_path) = convert_markdown(dir.path(), "# Pain 𒀀 🦠\n\nText.\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("x.md"), "{stderr}");
    assert!(
        stderr.contains("no font has the Cuneiform characters"),
        "{stderr}"
    );
    assert!(
        stderr.contains("U+12000") && stderr.contains("U+1F9A0"),
        "{stderr}"
    );
    assert!(!out_path.exists(), "no half-written handout");
    // Arrows, Greek and Japanese have faces (DejaVu, Noto Sans, the system's Noto Sans
    // CJK, which CI installs); raw HTML is left out with a warning.
    let (out, out_path) = convert_markdown(
        dir.path(),
        "# Pain 痛み\n\n<div>raw</div>\n\nText with → arrow and Ωmega.\n",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("no font has"), "{stderr}");
    assert!(
        common::diagnostics::printed(&stderr)
            .iter()
            .any(|w| w.code == "folio::raw-html" && w.place.ends_with("x.md:3:1")),
        "{stderr}"
    );
    if judge("pdftotext", &["-enc", "UTF-8"], &out_path).is_some() {
        let text = std::fs::read_to_string(out_path.with_extension("txt")).unwrap();
        assert!(text.contains("痛み"), "{text}");
        assert!(text.contains("→ arrow"), "{text}");
        assert!(text.contains("Ωmega"), "{text}");
        assert!(!text.contains('\u{FFFD}'), "{text}");
    }
}

#[test]
fn source_date_epoch_sets_the_creation_date() {
    let project = sample_project();
    let out = common::folio()
        .args(["build", "--quiet", "--format", "pdf"])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .current_dir(project.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        creation_date(&project.path().join("dist/pdf/pain-diary.pdf")),
        "D:20231114221320Z"
    );
    let out = common::folio()
        .args(["build", "--quiet", "--format", "pdf"])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .current_dir(project.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn links_become_annotations_with_seven_bit_uris_and_page_destinations() {
    let dir = tempfile::tempdir().unwrap();
    let (out, out_path) = convert_markdown(
        dir.path(),
        "# Pain\n\nSee [the clinic](https://example.org/schmerz/ü?a=1) or [below](#more).\n\n\
         ## More\n\nText.\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = lopdf::Document::load(&out_path).unwrap();
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    let mut uris = Vec::new();
    let mut destinations = Vec::new();
    for page in &pages {
        let Ok(annots) = doc.get_dictionary(*page).unwrap().get(b"Annots") else {
            continue;
        };
        for annot in annots.as_array().unwrap() {
            let annot = doc.get_dictionary(annot.as_reference().unwrap()).unwrap();
            assert_eq!(annot.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
            let action = annot.get(b"A").unwrap().as_dict().unwrap();
            match action.get(b"S").unwrap().as_name().unwrap() {
                b"URI" => uris.push(action.get(b"URI").unwrap().as_str().unwrap().to_vec()),
                b"GoTo" => {
                    let dest = action.get(b"D").unwrap().as_array().unwrap();
                    destinations.push(dest[0].as_reference().unwrap());
                }
                other => panic!("unexpected action {other:?}"),
            }
        }
    }
    assert_eq!(uris, [b"https://example.org/schmerz/%C3%BC?a=1".to_vec()]);
    assert_eq!(destinations.len(), 1, "{destinations:?}");
    assert!(
        pages.contains(&destinations[0]),
        "the destination is a page"
    );
}

/// Writes `markdown` to `dir/x.md` and converts it to `dir/x.pdf`.
fn convert_markdown(dir: &Path, markdown: &str) -> (std::process::Output, std::path::PathBuf) {
    let md = dir.join("x.md");
    std::fs::write(&md, markdown).unwrap();
    let out_path = dir.join("x.pdf");
    let out = run(
        &[
            "convert",
            md.to_str().unwrap(),
            "--to",
            "pdf",
            "-o",
            out_path.to_str().unwrap(),
        ],
        dir,
    );
    (out, out_path)
}

#[test]
fn printed_links_show_their_addresses_inline_as_notes_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let markdown = "# Blood pressure\n\nSee the [American Heart Association monitoring page](https://www.heart.org/en/health-topics/high-blood-pressure/understanding-blood-pressure-readings/monitoring-your-blood-pressure-at-home/) or <https://medlineplus.gov/>.\n\nAlso [the same page](https://www.heart.org/en/health-topics/high-blood-pressure/understanding-blood-pressure-readings/monitoring-your-blood-pressure-at-home/) and [a heading](#blood-pressure).\n";
    let text_of = |settings: &str| {
        std::fs::write(dir.path().join("folio.toml"), settings).unwrap();
        let (out, pdf) = convert_markdown(dir.path(), markdown);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        judge("pdftotext", &["-enc", "UTF-8"], &pdf)?;
        let text = std::fs::read_to_string(pdf.with_extension("txt")).unwrap();
        // Lines joined: a long address is broken across lines at its slashes.
        Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let Some(inline) = text_of("") else { return };
    assert!(
        inline.contains("monitoring page (www.heart.org/en/health-topics/"),
        "{inline}"
    );
    assert!(
        inline.contains("monitoring-your-blood-pressure-at-home)"),
        "{inline}"
    );
    // A link whose words are its address is printed once; a heading link not at all.
    assert_eq!(inline.matches("medlineplus.gov").count(), 1, "{inline}");
    assert!(inline.contains("a heading."), "{inline}");
    let notes = text_of("[pdf]\nlink_addresses = \"notes\"\n").unwrap();
    assert!(notes.contains("monitoring page [1] or"), "{notes}");
    assert!(notes.contains("the same page [1] and"), "{notes}");
    assert!(
        notes.contains("Links [1] www.heart.org/en/health-topics/"),
        "{notes}"
    );
    assert!(!notes.contains("[2]"), "{notes}");
    let off = text_of("[pdf]\nlink_addresses = \"off\"\n").unwrap();
    assert!(!off.contains("www.heart.org"), "{off}");
    assert!(off.contains("monitoring page or"), "{off}");
    // A value folio does not know names folio.toml.
    std::fs::write(
        dir.path().join("folio.toml"),
        "[pdf]\nlink_addresses = \"footnotes\"\n",
    )
    .unwrap();
    let (out, _) = convert_markdown(dir.path(), markdown);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("folio.toml:2") && err.contains("`inline`, `notes`, `off`"),
        "{err}"
    );
}

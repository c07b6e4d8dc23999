//! The text a reader gets from each output, for "nothing lost" checks.

use std::io::Read;
use std::path::Path;

use super::judge;
use super::words::html_text;

/// The text of an EPUB's chapters (the navigation document left out), in name order.
pub fn epub_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an EPUB is a zip");
    let mut names: Vec<String> = archive
        .file_names()
        .filter(|n| n.ends_with(".xhtml") && !n.ends_with("nav.xhtml"))
        .map(str::to_string)
        .collect();
    names.sort();
    let mut text = String::new();
    for name in names {
        let mut page = String::new();
        archive
            .by_name(&name)
            .expect("listed entry")
            .read_to_string(&mut page)
            .expect("UTF-8 XHTML");
        text.push_str(&html_text(&page));
        text.push(' ');
    }
    text
}

/// pdftotext's text of a PDF in reading order (the PDF is written into `dir`), or `None`
/// where poppler is not installed and CI does not require it. `-layout` reads a table row by
/// row, as a reader does; without it, poppler may read a short table column by column.
pub fn pdf_text(bytes: &[u8], dir: &Path) -> Option<String> {
    let pdf = dir.join("text-of.pdf");
    std::fs::write(&pdf, bytes).expect("write the PDF");
    let out = judge("pdftotext", &["-layout", "-enc", "UTF-8"], &pdf)?;
    assert!(out.status.success(), "pdftotext failed");
    let text_path = pdf.with_extension("txt");
    let text = std::fs::read_to_string(&text_path).expect("pdftotext's text");
    let _ = std::fs::remove_file(pdf);
    let _ = std::fs::remove_file(text_path);
    Some(text)
}

//! The output formats and what is true of each: its folder under the output folder, its file
//! extension and media type, what it is called for readers, whether it is written once per
//! document or also once for the whole collection (a book), and its variants. One list: the
//! build, the catalogue, the manifest, `convert` and `check` all ask here, so a new format is
//! described once and the compiler finds every place that must handle it.
//!
//! A leaf: it imports only the term keys its labels are looked up by.

use std::path::PathBuf;
use std::str::FromStr;

use serde::Deserialize;

use crate::terms::Term;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A standalone, self-contained web page (or, for `convert`, a body fragment).
    Html,
    /// The printed handout (standard and large-print variants).
    Pdf,
    /// EPUB 3: one per document, and the whole collection as a book.
    Epub,
    /// Archival plain text.
    Txt,
    /// The document model itself (for `convert`; not a build output).
    Json,
}

impl Format {
    /// Every format, in the order outputs are listed.
    pub const ALL: [Format; 5] = [
        Format::Html,
        Format::Pdf,
        Format::Epub,
        Format::Txt,
        Format::Json,
    ];

    /// Every format `folio build` can write ([`Format::is_build_output`]), in [`Format::ALL`]'s
    /// order.
    pub const BUILT: &'static [Format] = &[Format::Html, Format::Pdf, Format::Epub, Format::Txt];

    /// What `folio build` writes when neither folio.toml nor `--format` says otherwise: every
    /// format it can.
    pub const BUILD_DEFAULT: &'static [Format] = Format::BUILT;

    /// The format's name on the command line, in folio.toml and in the manifest.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Epub => "epub",
            Format::Txt => "txt",
            Format::Json => "json",
        }
    }

    /// The extension of the format's files.
    pub fn extension(self) -> &'static str {
        self.name()
    }

    /// The folder of the output folder a build writes the format's per-document files to.
    pub fn folder(self) -> &'static str {
        self.name()
    }

    /// The media type of the format's files.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Html => "text/html",
            Format::Pdf => "application/pdf",
            Format::Epub => "application/epub+zip",
            Format::Txt => "text/plain",
            Format::Json => "application/json",
        }
    }

    /// The format's name for readers of the catalogue: `PDF`, `EPUB`.
    pub fn abbreviation(self) -> &'static str {
        match self {
            Format::Html => "HTML",
            Format::Pdf => "PDF",
            Format::Epub => "EPUB",
            Format::Txt => "TXT",
            Format::Json => "JSON",
        }
    }

    /// Whether `folio build` makes it (the document model is only for `convert`).
    pub fn is_build_output(self) -> bool {
        self != Format::Json
    }

    /// Whether the whole collection is also made as one file of this format (a book).
    pub fn makes_book(self) -> bool {
        self == Format::Epub
    }

    /// Whether its files are binary (never written to a terminal).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Pdf | Format::Epub)
    }

    /// Whether its writer shows a document's local images (so they must be found and read).
    pub fn shows_images(self) -> bool {
        matches!(self, Format::Html | Format::Pdf | Format::Epub)
    }

    /// The variants a document is made in, by default all of them; a format without
    /// variants has just one output.
    pub fn variants(self) -> &'static [Variant] {
        match self {
            Format::Pdf => &Variant::ALL,
            _ => &[],
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "html" => Ok(Format::Html),
            "pdf" => Ok(Format::Pdf),
            "epub" => Ok(Format::Epub),
            "txt" | "text" | "plain" => Ok(Format::Txt),
            "json" => Ok(Format::Json),
            other => {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                Err(format!(
                    "unknown format `{other}` (expected {} or {})",
                    names[..names.len() - 1].join(", "),
                    names[names.len() - 1]
                ))
            }
        }
    }
}

/// One of the printed variants of a handout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    Standard,
    LargePrint,
}

impl Variant {
    pub const ALL: [Variant; 2] = [Variant::Standard, Variant::LargePrint];

    /// The name used in folio.toml, file names (`x.large-print.pdf`) and manifests.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Standard => "standard",
            Variant::LargePrint => "large-print",
        }
    }
}

/// One file a writer produces for a document: a format, and for a format with variants, one
/// of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Output {
    pub format: Format,
    pub variant: Option<Variant>,
}

impl Output {
    /// The format's output (its first variant, for a format that has variants).
    pub fn plain(format: Format) -> Output {
        Output {
            format,
            variant: format.variants().first().copied(),
        }
    }

    /// Every output of `formats`, in `variants` where a format has them, each once, sorted.
    /// Every output a build can make of a document (each build format, each variant), in
    /// [`Format::ALL`]'s order.
    pub fn every_built() -> Vec<Output> {
        Output::all_of(Format::BUILT, &Variant::ALL)
    }

    pub fn all_of(formats: &[Format], variants: &[Variant]) -> Vec<Output> {
        let mut outputs: Vec<Output> = formats
            .iter()
            .flat_map(|&format| -> Vec<Output> {
                if format.variants().is_empty() {
                    vec![Output::plain(format)]
                } else {
                    variants
                        .iter()
                        .filter(|v| format.variants().contains(v))
                        .map(|&v| Output {
                            format,
                            variant: Some(v),
                        })
                        .collect()
                }
            })
            .collect();
        outputs.sort();
        outputs.dedup();
        outputs
    }

    /// The end of the output's file name: `pdf`, `large-print.pdf`.
    pub fn suffix(self) -> String {
        match self.variant {
            Some(v) if Some(&v) != self.format.variants().first() => {
                format!("{}.{}", v.name(), self.format.extension())
            }
            _ => self.format.extension().to_string(),
        }
    }

    /// The output's file name for a document: `<slug>.large-print.pdf`.
    pub fn file_name(self, slug: &str) -> String {
        format!("{slug}.{}", self.suffix())
    }

    /// The output's path under the output folder, with `/` separators:
    /// `pdf/<slug>.large-print.pdf`.
    pub fn relative_path(self, slug: &str) -> String {
        format!("{}/{}", self.format.folder(), self.file_name(slug))
    }

    /// The same path as a [`PathBuf`].
    pub fn path(self, slug: &str) -> PathBuf {
        PathBuf::from(self.format.folder()).join(self.file_name(slug))
    }

    /// What the output is called for readers: "Handout", "Large-print handout".
    pub fn label(self) -> Term {
        match (self.format, self.variant) {
            (Format::Html, _) => Term::LabelHtml,
            (Format::Pdf, Some(Variant::LargePrint)) => Term::LabelPdfLargePrint,
            (Format::Pdf, _) => Term::LabelPdf,
            (Format::Epub, _) => Term::LabelEpub,
            (Format::Txt, _) => Term::LabelTxt,
            (Format::Json, _) => Term::LabelJson,
        }
    }

    /// The manifest's name of the variant, if the format has variants.
    pub fn variant_name(self) -> Option<&'static str> {
        self.variant.map(Variant::name)
    }
}

/// The manifest's variant of the collection's book.
pub const BOOK_VARIANT: &str = "book";
/// The manifest's variant of the catalogue page.
pub const CATALOGUE_VARIANT: &str = "catalogue";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back() {
        for format in Format::ALL {
            assert_eq!(format.name().parse::<Format>(), Ok(format));
        }
        assert_eq!("text".parse::<Format>(), Ok(Format::Txt));
        let err = "doc".parse::<Format>().unwrap_err();
        assert_eq!(
            err,
            "unknown format `doc` (expected html, pdf, epub, txt or json)"
        );
    }

    #[test]
    fn outputs_have_their_paths() {
        let outputs = Output::all_of(
            &[Format::Txt, Format::Pdf, Format::Pdf],
            &[Variant::LargePrint, Variant::Standard],
        );
        let paths: Vec<String> = outputs.iter().map(|o| o.relative_path("a")).collect();
        assert_eq!(paths, ["pdf/a.pdf", "pdf/a.large-print.pdf", "txt/a.txt"]);
        assert_eq!(Output::plain(Format::Pdf).variant, Some(Variant::Standard));
        assert_eq!(Output::plain(Format::Epub).variant, None);
    }

    #[test]
    fn only_the_model_is_not_built_and_only_epub_makes_a_book() {
        let built: Vec<Format> = Format::ALL
            .into_iter()
            .filter(|f| f.is_build_output())
            .collect();
        assert_eq!(built, Format::BUILT);
        let order: Vec<Format> = Output::every_built().iter().map(|o| o.format).collect();
        let mut sorted = order.clone();
        sorted.sort_by_key(|f| Format::ALL.iter().position(|a| a == f));
        assert_eq!(order, sorted, "outputs come in the formats' order");
        let books: Vec<Format> = Format::ALL.into_iter().filter(|f| f.makes_book()).collect();
        assert_eq!(books, [Format::Epub]);
    }
}

//! `folio convert`: one document, like pandoc: a file or stdin in, a file or stdout out.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::assets::collect_images;
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::format::{Format, Output, Variant};
use crate::model::STDIN_NAME;
use crate::output::write_atomic;
use crate::pipeline::{DEFAULT_STYLESHEET, RenderSettings, render, source_date_epoch};
use crate::read::{self, Flavour, ReadError};
use crate::render::assets::Assets;
use crate::render::html::HtmlOptions;

#[derive(Debug, Clone)]
pub struct ConvertOptions {
    /// `None` reads stdin.
    pub input: Option<PathBuf>,
    /// `None`: `json` for `.json` files, else `markdown`.
    pub from: Option<Flavour>,
    pub to: Format,
    /// `None` writes stdout.
    pub output: Option<PathBuf>,
    /// A whole HTML page instead of a fragment.
    pub standalone: bool,
    /// Column plain text is wrapped at; `None`: the project's `[text] width`, or 72.
    pub text_width: Option<usize>,
    /// For PDF: the large-print variant instead of the standard handout.
    pub large_print: bool,
    /// For PDF: tagged (a structure tree, PDF/UA-1).
    pub tagged: bool,
    /// How large an input or image may be.
    pub limits: crate::limits::Limits,
}

/// The project a file belongs to: the nearest folder above it with a folio.toml.
fn project_of(file: &Path) -> Option<PathBuf> {
    let absolute = file.canonicalize().ok()?;
    absolute
        .ancestors()
        .skip(1)
        .find(|dir| dir.join(crate::config::CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}

/// How standard output is named in messages.
const STDOUT_NAME: &str = "<stdout>";

/// What a conversion had to say: the writer's warnings, and the source they point into.
#[derive(Debug, Default)]
pub struct Converted {
    pub warnings: Vec<Diagnostic>,
    /// The source's text by its shown name, for showing the lines the warnings point at.
    pub sources: std::collections::BTreeMap<String, String>,
}

/// Converts one document. Output goes to the file only once it is complete.
pub fn convert(opts: &ConvertOptions) -> Result<Converted, Error> {
    let flavour = opts.from.unwrap_or_else(|| match &opts.input {
        Some(p)
            if p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json")) =>
        {
            Flavour::Json
        }
        _ => Flavour::Markdown,
    });
    let max_bytes = opts.limits.max_file_bytes();
    let (shown, bytes) = match &opts.input {
        Some(path) => {
            let shown = crate::paths::shown(path);
            let bytes = read::read_source(path, &shown, max_bytes)?;
            (shown, bytes)
        }
        None => {
            let bytes = crate::limits::read_capped(std::io::stdin().lock(), max_bytes, 0).map_err(
                |source| ReadError::File {
                    origin: STDIN_NAME.into(),
                    source,
                },
            )?;
            (STDIN_NAME.to_string(), bytes)
        }
    };
    // A file in a project is converted with the project's settings (its organization,
    // disclaimer, styles and fonts), as `folio check` reads it.
    let project = opts.input.as_deref().and_then(project_of);
    let config = match &project {
        Some(root) => Some(crate::config::Config::load(root)?),
        None => None,
    };
    let defaults = config
        .as_ref()
        .map(crate::config::Config::meta_defaults)
        .unwrap_or_default();
    let doc = read::read_bytes_with(&bytes, &shown, opts.input.as_deref(), flavour, &defaults)?;
    // Relative images resolve next to the input, and may not leave its project (or, outside
    // a project, its folder).
    let base = opts
        .input
        .as_deref()
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let bound = project.clone().unwrap_or_else(|| base.clone());
    let mut warnings = Vec::new();
    // A standalone page, a PDF and an EPUB carry their images: a missing one is an error.
    // An HTML fragment refers to them, as pandoc's does: a missing one is a warning. Text
    // and JSON only name them.
    let assets = if opts.to == Format::Html && !opts.standalone {
        match collect_images(&doc, &base, &bound, max_bytes) {
            // Outside the project: refused, as everywhere (a fragment must not point there).
            Err(e @ crate::assets::AssetError::OutsideProject { .. }) => return Err(e.into()),
            Err(e) => {
                let e = Error::from(e);
                if let Some(mut d) = e.diagnostic() {
                    d.code = crate::diagnostics::Code::ImageNotShown;
                    d.severity = crate::diagnostics::Severity::Warning;
                    d.message = format!("{}; the fragment refers to it as written", d.message);
                    warnings.push(d);
                }
            }
            Ok(_) => {}
        }
        Assets::new()
    } else if opts.to.shows_images() {
        collect_images(&doc, &base, &bound, max_bytes)?
    } else {
        Assets::new()
    };
    let conformance = HtmlOptions::for_conformance(flavour == Flavour::Gfm);
    let mut settings = match (&project, &config) {
        (Some(root), Some(config)) => crate::build::settings_of(root, config, &mut Vec::new())?.0,
        _ => RenderSettings {
            text_width: 72,
            html_standalone: true,
            raw_html: Default::default(),
            conformance: false,
            stylesheet: DEFAULT_STYLESHEET.to_string(),
            toc_min_headings: crate::config::HtmlConfig::default().toc_min_headings,
            handout: crate::render::pdf::Style::builtin(),
            fonts_dir: None,
            source_date_epoch: source_date_epoch()?,
            epub_stylesheet: crate::render::epub::DEFAULT_STYLESHEET.to_string(),
            embed_fonts: false,
            pdf_tagged: true,
            system_fonts: true,
            link_addresses: Default::default(),
            record_fonts: false,
            alternates: Default::default(),
            documents: Default::default(),
            logo: None,
        },
    };
    if let Some(width) = opts.text_width {
        settings.text_width = width;
    }
    settings.html_standalone = opts.standalone;
    if flavour.is_conformance() {
        settings.raw_html = conformance.raw_html;
    }
    settings.conformance = flavour.is_conformance() && !opts.standalone;
    settings.pdf_tagged &= opts.tagged;
    let mut output = Output::plain(opts.to);
    if opts.large_print && opts.to == Format::Pdf {
        output.variant = Some(Variant::LargePrint);
    }
    if opts.to.is_binary() && opts.output.as_ref().is_none_or(|p| p.as_os_str() == "-") {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() {
            return Err(Error::Project {
                path: STDOUT_NAME.into(),
                message: format!(
                    "will not write {} to a terminal; use -o FILE",
                    if opts.to == Format::Pdf {
                        "a PDF"
                    } else {
                        "an EPUB"
                    }
                ),
            });
        }
    }
    let rendered = render(&doc, output, &settings, &assets)?;
    let converted = Converted {
        sources: [(
            doc.source.display_name().to_string(),
            String::from_utf8_lossy(&bytes).into_owned(),
        )]
        .into(),
        warnings: warnings.into_iter().chain(rendered.warnings).collect(),
    };
    let bytes = rendered.bytes;
    match &opts.output {
        Some(path) if path.as_os_str() != "-" => {
            write_atomic(path, &bytes).map_err(|source| Error::Write {
                path: crate::paths::shown(path),
                source,
            })?;
        }
        _ => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&bytes)
                .and_then(|()| stdout.flush())
                .map_err(|source| Error::Write {
                    path: STDOUT_NAME.into(),
                    source,
                })?;
        }
    }
    Ok(converted)
}

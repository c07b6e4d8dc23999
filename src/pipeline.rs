//! One document through the writers: the step `build` and `convert` share.

use crate::config::Config;
use crate::error::Error;
use crate::model::Document;
use crate::render::Format;
use crate::render::html::{self, Assets, HtmlOptions, PageOptions, RawHtml};
use crate::render::text::{self, TextOptions};

/// The stylesheet compiled into folio, used when a project has no styles/folio.css.
pub const DEFAULT_STYLESHEET: &str = include_str!("../styles/folio.css");

/// Everything a writer may need besides the document.
#[derive(Debug, Clone)]
pub struct RenderSettings {
    pub text_width: usize,
    pub html_standalone: bool,
    pub raw_html: RawHtml,
    pub conformance: bool,
    pub stylesheet: String,
    pub toc_min_headings: usize,
}

impl RenderSettings {
    pub fn from_config(config: &Config, stylesheet: String) -> Self {
        RenderSettings {
            text_width: config.text.width,
            html_standalone: true,
            raw_html: RawHtml::Sanitize,
            conformance: false,
            stylesheet,
            toc_min_headings: config.html.toc_min_headings,
        }
    }
}

/// Renders `doc` as `format`; `assets` are the document's local images, already read.
pub fn render(
    doc: &Document,
    format: Format,
    settings: &RenderSettings,
    assets: &Assets,
) -> Result<Vec<u8>, Error> {
    Ok(match format {
        Format::Html => {
            let opts = HtmlOptions {
                raw_html: settings.raw_html,
                conformance: settings.conformance,
                assets: if settings.html_standalone {
                    assets.clone()
                } else {
                    Assets::new()
                },
            };
            if settings.html_standalone {
                let page = PageOptions {
                    stylesheet: settings.stylesheet.clone(),
                    toc_min_headings: settings.toc_min_headings,
                };
                html::render_page(doc, &opts, &page).into_bytes()
            } else {
                html::render_fragment(doc, &opts).into_bytes()
            }
        }
        Format::Txt => text::render(
            doc,
            &TextOptions {
                width: settings.text_width,
            },
        )
        .into_bytes(),
        Format::Json => {
            let mut json = serde_json::to_vec_pretty(doc).map_err(|e| Error::Project {
                path: doc.source.path.clone().unwrap_or_default(),
                message: format!("cannot serialize the document model: {e}"),
            })?;
            json.push(b'\n');
            json
        }
    })
}

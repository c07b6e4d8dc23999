//! Command-line definitions (clap). Parsing only: the work is done by the library.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::read::Flavour;
use crate::render::Format;

#[derive(Debug, Parser)]
#[command(
    name = "folio",
    version,
    about = "One Markdown source, many outputs: handout PDF, EPUB, HTML and plain text."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build every document of a project (content/*.md) into dist/.
    Build {
        /// The project folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output folder (default: dist/ in the project, or `output` in folio.toml).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Formats to build, comma-separated (default: all, or `formats` in folio.toml).
        #[arg(short, long, value_delimiter = ',')]
        format: Option<Vec<Format>>,
        /// Print only errors.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Convert one document, like pandoc.
    Convert {
        /// Input file, or `-` for standard input.
        #[arg(default_value = "-")]
        input: PathBuf,
        /// Input flavour: markdown (default), commonmark, gfm or json.
        #[arg(short, long)]
        from: Option<Flavour>,
        /// Output format: html, pdf, epub, txt or json.
        #[arg(short, long)]
        to: Format,
        /// Output file, or `-` for standard output (the default).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Write a whole HTML page (styles inlined) instead of a fragment.
        #[arg(short, long)]
        standalone: bool,
        /// Column plain text is wrapped at.
        #[arg(long, default_value_t = 72, value_parser = clap::value_parser!(u16).range(20..))]
        width: u16,
        /// With `--to pdf`: the large-print handout.
        #[arg(long)]
        large_print: bool,
    },
}

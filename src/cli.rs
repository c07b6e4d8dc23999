//! Command-line definitions (clap). Parsing only: the work is done by the library.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::format::Format;
use crate::read::Flavour;

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
    /// Build every document of a project (content/*.md) into dist/, re-making only what
    /// changed since the last build.
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
        /// Worker threads (default: one per core).
        #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// Rebuild every file, even those whose inputs did not change.
        #[arg(long)]
        force: bool,
        /// Print only warnings and errors: no progress, no summary.
        #[arg(short, long, conflicts_with = "verbose")]
        quiet: bool,
        /// Also list unchanged files.
        #[arg(short, long)]
        verbose: bool,
        /// `--deny warnings`: the build fails (exit status 1) when the checks warn, not only
        /// when they find errors.
        #[arg(long, value_enum)]
        deny: Option<Deny>,
        /// How warnings and errors are printed: rustc-style for people (with a one-line
        /// summary of the checks), or `json`: every warning, error and check finding as one
        /// JSON object per line on standard output, like `cargo --message-format json`.
        #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
        message_format: MessageFormat,
    },
    /// Lint documents for patient handouts: reading grade, unsourced claims, review
    /// metadata, accessibility and broken references.
    Check {
        /// Project folders or Markdown files (default: the project in this folder).
        paths: Vec<PathBuf>,
        /// How findings are printed: rustc-style for people, or one JSON object per line.
        #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
        format: MessageFormat,
        /// `--deny warnings`: warnings fail the run too (exit status 1), for CI.
        #[arg(long, value_enum)]
        deny: Option<Deny>,
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
        /// Column plain text is wrapped at (default: the project's `[text] width`, or 72).
        #[arg(long, value_parser = clap::value_parser!(u16).range(20..))]
        width: Option<u16>,
        /// With `--to pdf`: the large-print handout.
        #[arg(long)]
        large_print: bool,
        /// With `--to pdf`: no structure tree (an untagged PDF, as `[pdf] tagged = false`).
        #[arg(long)]
        untagged: bool,
        /// The largest input or image read, in megabytes (folio.toml's `[limits]` for build).
        #[arg(long, default_value_t = crate::limits::DEFAULT_MAX_FILE_MB,
              value_parser = clap::value_parser!(u64).range(1..))]
        max_file_size_mb: u64,
    },
    /// Build the project, serve its output folder on this machine, and rebuild and reload
    /// the open pages when a source changes (build errors and check findings are shown
    /// over the page).
    Serve {
        /// The project folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The port to listen on; 0: any free port.
        #[arg(short, long, default_value_t = 3000)]
        port: u16,
        /// The address to listen on (127.0.0.1: this machine only; 0.0.0.0: the network).
        #[arg(long, default_value = "127.0.0.1")]
        address: std::net::IpAddr,
        /// Open the catalogue in the browser.
        #[arg(long)]
        open: bool,
    },
    /// Start a project: folio.toml, a sample handout and where the logo and styles go.
    New {
        /// The project folder: made if it does not exist; it may exist if it is empty (or
        /// holds only hidden files, such as .git).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Start a book instead: `[book]` filled in and two short chapters.
        #[arg(long)]
        book: bool,
    },
    /// Check an archive: re-hash every file dist/manifest.json names (the outputs, and the
    /// sources in the project) and report what changed, what is missing and what is new in
    /// the output folder.
    Verify {
        /// The project folder, or the output folder itself (it holds manifest.json).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// When everything matches, also write SHA256SUMS in DIR, for `sha256sum -c`.
        #[arg(long)]
        write_sums: bool,
        /// How the result is printed: one line per difference and a summary, or one JSON
        /// object.
        #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
        format: MessageFormat,
    },
}

/// How `folio build` and `folio check` print what they found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MessageFormat {
    /// rustc-style, on standard error.
    #[default]
    Human,
    /// JSON Lines on standard output.
    Json,
}

/// What `--deny` turns into errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    Warnings,
}

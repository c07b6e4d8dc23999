//! The `folio` binary: parse the command line, call the library, report, set the exit code.

use std::process::ExitCode;

use clap::Parser;
use folio::build::{BuildOptions, build};
use folio::cli::{Cli, Command};
use folio::convert::{ConvertOptions, convert};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            dir,
            output,
            format,
            quiet,
        } => {
            let started = std::time::Instant::now();
            let report = match build(&BuildOptions {
                project: dir,
                output,
                formats: format,
            }) {
                Ok(report) => report,
                Err(e) => return fail(&e),
            };
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            for error in &report.errors {
                eprintln!("error: {error}");
            }
            if !quiet {
                for path in &report.written {
                    println!("wrote {}", path.display());
                }
                println!(
                    "{} documents, {} files written, {} warnings, {} errors in {:.2}s",
                    report.documents,
                    report.written.len(),
                    report.warnings.len(),
                    report.errors.len(),
                    started.elapsed().as_secs_f64()
                );
            }
            if report.errors.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Command::Convert {
            input,
            from,
            to,
            output,
            standalone,
            width,
            large_print,
        } => {
            let opts = ConvertOptions {
                input: (input.as_os_str() != "-").then_some(input),
                from,
                to,
                output,
                standalone,
                text_width: usize::from(width),
                large_print,
            };
            match convert(&opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e),
            }
        }
    }
}

fn fail(error: &folio::error::Error) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::FAILURE
}

//! The `folio` binary: parse the command line, call the library, report, set the exit code.

// Data from users never meets `unwrap`/`expect`: a bad file is an error, not a panic.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use std::process::ExitCode;

use clap::Parser;
use folio::build::{BuildOptions, BuildReport, build_with};
use std::io::IsTerminal;

use folio::check::report;
use folio::check::run::check_paths;
use folio::cli::MessageFormat;
use folio::cli::{Cli, Command, Deny};
use folio::convert::{ConvertOptions, convert};
use folio::diagnostics::json::render as json_lines;
use folio::diagnostics::{Diagnostic, Tally, human, sort};
use folio::progress::{Progress, Verbosity};

/// mimalloc: rendering makes millions of small allocations (glyph runs, strings, operators),
/// and with the system allocator a third of a handout's time went to malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The exit status of a build stopped by Ctrl-C (128 + SIGINT, as shells report it).
const INTERRUPTED: u8 = 130;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The server keeps SIGPIPE ignored: a browser closing a page must not end it.
    if !matches!(cli.command, Command::Serve { .. }) {
        restore_broken_pipe_signal();
    }
    match cli.command {
        Command::Build {
            dir,
            output,
            format,
            jobs,
            force,
            quiet,
            verbose,
            deny,
            message_format,
        } => {
            let json = message_format == MessageFormat::Json;
            let started = std::time::Instant::now();
            // With JSON, standard output holds the JSON lines alone.
            let verbosity = if quiet || json {
                Verbosity::Quiet
            } else if verbose {
                Verbosity::Verbose
            } else {
                Verbosity::Normal
            };
            folio::interrupt::install_handler();
            let progress = Progress::new(verbosity);
            let result = build_with(
                &BuildOptions {
                    project: dir,
                    output,
                    formats: format,
                    jobs: jobs.map(usize::from),
                    force,
                },
                &progress,
            );
            progress.finish();
            let report = match result {
                Ok(report) => report,
                Err(e) if json => {
                    print!("{}", json_lines(e.diagnostic().as_slice()));
                    return ExitCode::FAILURE;
                }
                Err(e) => return fail(&e),
            };
            if json {
                print_json(&report);
            } else {
                print_report(&report, verbosity, started.elapsed());
            }
            let deny_warnings = deny == Some(Deny::Warnings);
            let check = report.check_tally();
            if json {
                // The findings themselves are in the JSON; the exit status says the rest.
            } else if check.errors > 0 {
                eprintln!(
                    "error: the checks found {} {} (`folio check` shows them)",
                    check.errors,
                    plural(check.errors, "error", "errors")
                );
            } else if deny_warnings && check.warnings > 0 {
                eprintln!(
                    "error: the checks found {} {}, and `--deny warnings` makes them errors",
                    check.warnings,
                    plural(check.warnings, "warning", "warnings")
                );
            }
            if report.interrupted {
                ExitCode::from(INTERRUPTED)
            } else if report.errors.is_empty() && !check.fails(deny_warnings) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Command::Check {
            paths,
            format,
            deny,
        } => {
            let run = match check_paths(&paths) {
                Ok(run) => run,
                Err(e) => return fail(&e),
            };
            let tally = Tally::of(&run.diagnostics);
            match format {
                // The report is the command's output: `folio check > report.txt` keeps it.
                MessageFormat::Human => {
                    print!(
                        "{}",
                        report::human(&run.diagnostics, &run.sources, stdout_color())
                    );
                    println!(
                        "checked {} {}: {}",
                        run.documents,
                        plural(run.documents, "document", "documents"),
                        counts(tally)
                    );
                }
                MessageFormat::Json => print!("{}", json_lines(&run.diagnostics)),
            }
            if tally.fails(deny == Some(Deny::Warnings)) {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
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
            untagged,
            max_file_size_mb,
        } => {
            let opts = ConvertOptions {
                input: (input.as_os_str() != "-").then_some(input),
                from,
                to,
                output,
                standalone,
                text_width: width.map(usize::from),
                large_print,
                tagged: !untagged,
                limits: folio::limits::Limits { max_file_size_mb },
            };
            match convert(&opts) {
                Ok(converted) => {
                    eprint!(
                        "{}",
                        human::render(&converted.warnings, &converted.sources, stderr_color())
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::Serve {
            dir,
            port,
            address,
            open,
        } => {
            // Ctrl-C stops the server (a second one exits at once).
            folio::interrupt::install_handler();
            let opts = folio::serve::ServeOptions {
                project: dir,
                address,
                port,
                open,
            };
            match folio::serve::serve(&opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e),
            }
        }
        Command::New { dir, book } => match folio::new::new_project(&dir, book) {
            Ok(created) => {
                for file in &created.files {
                    println!("created {}", folio::paths::shown(file));
                }
                print!("{}", folio::new::next_steps(&created.root));
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Command::Verify {
            dir,
            write_sums,
            format,
        } => {
            let opts = folio::verify::VerifyOptions { write_sums };
            let report = match folio::verify::verify(&dir, &opts) {
                Ok(report) => report,
                Err(e) => return fail(&e),
            };
            match format {
                MessageFormat::Human => print!("{}", report.human()),
                MessageFormat::Json => println!("{}", report.json()),
            }
            if let Some(refusal) = report.sums_refusal() {
                eprintln!("error: {refusal}");
            }
            if report.is_clean() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// Rust ignores SIGPIPE, so printing to a pipe whose reader has gone (`folio check | head`)
/// panics; with the default action back, folio ends quietly as other command-line tools do.
fn restore_broken_pipe_signal() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any thread is started; setting a signal's
    // action to its default is async-signal-safe and touches no Rust state.
    #[allow(unsafe_code)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Whether what goes to standard error may be coloured: a terminal, and no `NO_COLOR`.
fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && no_color_unset()
}

/// Whether what goes to standard output may be coloured.
fn stdout_color() -> bool {
    std::io::stdout().is_terminal() && no_color_unset()
}

fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Every error, writer warning and check finding of a build, as JSON Lines on stdout.
fn print_json(report: &BuildReport) {
    let mut all: Vec<Diagnostic> = report
        .errors
        .iter()
        .filter_map(|e| e.diagnostic())
        .chain(report.warnings.iter().cloned())
        .chain(report.findings.iter().cloned())
        .collect();
    sort(&mut all);
    print!("{}", json_lines(&all));
}

/// Warnings (rustc-style) and errors on stderr (always: they are about the content), then,
/// unless quiet, one summary line on stdout.
fn print_report(report: &BuildReport, verbosity: Verbosity, elapsed: std::time::Duration) {
    eprint!(
        "{}",
        human::render(&report.warnings, &report.sources, stderr_color())
    );
    if verbosity == Verbosity::Verbose {
        for skipped in &report.skipped {
            println!("not taken: {} ({})", skipped.shown, skipped.reason);
        }
    }
    if verbosity != Verbosity::Quiet {
        for path in &report.removed {
            println!("removed {} (no longer built)", folio::paths::shown(path));
        }
    }
    for error in &report.errors {
        eprintln!("error: {error}");
    }
    if report.interrupted {
        eprintln!("error: interrupted; the files written so far are complete and recorded");
    }
    if verbosity != Verbosity::Quiet {
        let tally = report.check_tally();
        println!(
            "checks: {} {}, {} {} in the content (`folio check` shows them)",
            tally.errors,
            plural(tally.errors, "error", "errors"),
            tally.warnings,
            plural(tally.warnings, "warning", "warnings")
        );
        let (written, warnings, errors) = (
            report.written.len(),
            report.warnings.len(),
            report.errors.len(),
        );
        println!(
            "{} {}, {} {} written, {} unchanged, {} {}, {} {} in {:.2}s",
            report.documents,
            plural(report.documents, "document", "documents"),
            written,
            plural(written, "file", "files"),
            report.unchanged.len(),
            warnings,
            plural(warnings, "warning", "warnings"),
            errors,
            plural(errors, "error", "errors"),
            elapsed.as_secs_f64()
        );
    }
}

/// "0 errors, 3 warnings, 2 notes".
fn counts(tally: Tally) -> String {
    format!(
        "{} {}, {} {}, {} {}",
        tally.errors,
        plural(tally.errors, "error", "errors"),
        tally.warnings,
        plural(tally.warnings, "warning", "warnings"),
        tally.notes,
        plural(tally.notes, "note", "notes")
    )
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn fail(error: &folio::error::Error) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::FAILURE
}

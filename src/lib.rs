//! folio: one Markdown source, one document model, many outputs.
//!
//! Module map: [`model`] is the contract; [`read`] turns sources into the model; [`render`]
//! turns the model into output formats; [`pipeline`] runs one document through a writer;
//! [`check`] lints the model for authors; [`build`], [`convert`] and [`check`] are the
//! commands. Readers never import writers and writers never import readers.

// Data from users never meets `unwrap`/`expect`: a bad file is an error, not a panic.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod assets;
pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod convert;
pub mod diagnostics;
pub mod digest;
pub mod discover;
pub mod error;
pub mod format;
pub mod interrupt;
pub mod language;
pub mod limits;
pub mod model;
pub mod new;
pub mod output;
pub mod paths;
pub mod pipeline;
pub mod progress;
pub mod read;
pub mod render;
pub mod serve;
pub mod slug;
pub mod terms;
pub mod toml_lines;
pub mod translations;
pub mod verify;

//! What folio reports: findings with a code, a severity and a place in a source file, in one
//! shape for the lints of `folio check`, the writers and the build ([`Diagnostic`]); printed
//! like rustc ([`human`]) or as JSON Lines ([`json`]).
//!
//! A leaf: it imports the model's [`Span`](crate::model::Span) and nothing else of folio's,
//! so every part of folio can report through it.

mod code;
mod diagnostic;
mod figures;
pub mod human;
pub mod json;
mod severity;
mod source_map;

pub use code::Code;
pub use diagnostic::{Diagnostic, Location, Related, Tally, sort, sort_and_dedup};
pub use figures::{Figures, SpanishScores};
pub use severity::Severity;
pub use source_map::SourceMap;

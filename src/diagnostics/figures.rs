//! Figures a finding can report beside its message: the counts of a text and its reading
//! scores. The formulas that compute them are the readability lint's
//! ([`crate::check::readability`]); this is only what is carried and printed.

use serde::{Deserialize, Serialize};

/// The counts of a text and its three scores, rounded to one decimal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub words: u32,
    pub sentences: u32,
    pub syllables: u32,
    pub polysyllables: u32,
    pub flesch_kincaid_grade: f64,
    pub smog_grade: f64,
    pub flesch_reading_ease: f64,
}

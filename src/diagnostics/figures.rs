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
    /// Spanish text's own scores; for it the English ones above are not judged or shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spanish: Option<SpanishScores>,
}

/// The scores of Spanish text, rounded to one decimal (see [`crate::check::spanish`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SpanishScores {
    /// SOL (Contreras et al. 1999): a school grade comparable with English SMOG.
    pub sol_grade: f64,
    /// Fernández-Huerta reading ease, 0–100, higher is easier.
    pub fernandez_huerta: f64,
    /// Szigriszt-Pazos perspicuity, read on the INFLESZ scale.
    pub szigriszt_pazos: f64,
}

//! Readability: how many years of school a reader needs, by three published formulas.
//!
//! - Flesch–Kincaid grade = 0.39 × words/sentences + 11.8 × syllables/words − 15.59
//! - SMOG grade = 1.0430 × √(polysyllables × 30 / sentences) + 3.1291 (McLaughlin 1969,
//!   the form for samples of any number of sentences)
//! - Flesch reading ease = 206.835 − 1.015 × words/sentences − 84.6 × syllables/words
//!   (0–100, higher is easier)
//!
//! The formulas disagree by about three grades on the same text, so a grade is always named
//! with its formula. The target is judged by SMOG unless folio.toml says otherwise: it is the
//! formula health-literacy guidance (NCI, NIH) recommends for patient materials, because it
//! predicts full comprehension rather than half.

use super::config::Formula;
use super::language::Reading;
use super::prose::{Prose, Sentence};
use super::settings::DocumentSettings;
use crate::diagnostics::{Code, Diagnostic, Figures, Related, Severity, SourceMap, SpanishScores};
use crate::model::Document;

/// Sections shorter than this are not judged on their own (a formula's grade for three
/// sentences says little); they still count in the document's figures.
pub const MIN_SECTION_WORDS: u32 = 100;

const HELP: &str = "shorten the long sentences (the hardest are marked) and use everyday \
     words: split a sentence at its “and” or “which”, and say “use” for “utilize”";

/// Sentences shorter than this are not marked as hard: a short sentence is not the one to
/// split, even when one long word gives it a high grade.
const MIN_MARKED_WORDS: u32 = 10;

/// The hardest sentences named for a section above the target.
const HARDEST_SHOWN: usize = 3;

/// The formulas: how the figures are computed from counted sentences.
impl Figures {
    /// The figures of some sentences; `None` when they hold no word.
    pub fn of<'a>(sentences: impl IntoIterator<Item = &'a Sentence>) -> Option<Figures> {
        let (mut words, mut count, mut syllables, mut polysyllables) = (0u32, 0u32, 0u32, 0u32);
        for s in sentences {
            words += s.words;
            count += 1;
            syllables += s.syllables;
            polysyllables += s.polysyllables;
        }
        (words > 0).then(|| Figures::from_counts(words, count, syllables, polysyllables))
    }

    pub fn from_counts(words: u32, sentences: u32, syllables: u32, polysyllables: u32) -> Figures {
        let w = f64::from(words.max(1));
        let s = f64::from(sentences.max(1));
        let per_sentence = w / s;
        let per_word = f64::from(syllables) / w;
        Figures {
            words,
            sentences,
            syllables,
            polysyllables,
            flesch_kincaid_grade: round(0.39 * per_sentence + 11.8 * per_word - 15.59),
            smog_grade: round(1.0430 * (f64::from(polysyllables) * 30.0 / s).sqrt() + 3.1291),
            flesch_reading_ease: round(206.835 - 1.015 * per_sentence - 84.6 * per_word),
            spanish: None,
        }
    }

    /// The figures of Spanish text: its counts, with SOL, Fernández-Huerta and
    /// Szigriszt-Pazos (the English scores are kept in the counts' figures but never judged
    /// or shown for it).
    pub fn spanish(self) -> Figures {
        use super::spanish;
        Figures {
            spanish: Some(SpanishScores {
                sol_grade: spanish::sol_grade(self.sentences, self.polysyllables),
                fernandez_huerta: spanish::fernandez_huerta(
                    self.words,
                    self.sentences,
                    self.syllables,
                ),
                szigriszt_pazos: spanish::szigriszt_pazos(
                    self.words,
                    self.sentences,
                    self.syllables,
                ),
            }),
            ..self
        }
    }

    /// The grade the target is judged by: SOL for Spanish, else `formula`'s.
    pub fn grade(&self, formula: Formula) -> f64 {
        if let Some(es) = &self.spanish {
            return es.sol_grade;
        }
        match formula {
            Formula::Smog => self.smog_grade,
            Formula::FleschKincaid => self.flesch_kincaid_grade,
        }
    }

    /// "grade 14.2 (SMOG), grade 12.9 (Flesch–Kincaid), reading ease 31.0 (Flesch)".
    pub fn describe(&self) -> String {
        if let Some(es) = &self.spanish {
            return format!(
                "grade {:.1} (SOL), reading ease {:.1} (Fern\u{e1}ndez-Huerta), perspicuity {:.1} ({}, INFLESZ)",
                es.sol_grade,
                es.fernandez_huerta,
                es.szigriszt_pazos,
                super::spanish::Inflesz::of(es.szigriszt_pazos).english()
            );
        }
        format!(
            "grade {:.1} (SMOG), grade {:.1} (Flesch\u{2013}Kincaid), reading ease {:.1} (Flesch)",
            self.smog_grade, self.flesch_kincaid_grade, self.flesch_reading_ease
        )
    }
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The document's figures (a note), and a warning for each section above the target.
pub fn check(
    doc: &Document,
    prose: &Prose<'_>,
    map: &SourceMap<'_>,
    settings: &DocumentSettings,
    path: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Reading::Unscored { measure } = prose.reading {
        return unscored(doc, prose, map, path, measure.unit());
    }
    let spanish = prose.reading == Reading::Spanish;
    let figures_of = |sentences: &[&Sentence]| {
        Figures::of(sentences.iter().copied()).map(|f| if spanish { f.spanish() } else { f })
    };
    let all: Vec<&Sentence> = prose.sentences.iter().collect();
    let Some(whole) = figures_of(&all) else {
        return out;
    };
    let formula_name = if spanish {
        "SOL"
    } else {
        formula_name(settings.formula)
    };
    let target = settings.target_grade;
    let formula = settings.formula;
    let mut note = Diagnostic::new(
        Code::Readability,
        path,
        map.top(),
        format!(
            "“{}” reads at {} over {} {} in {} {}",
            doc.meta.title,
            whole.describe(),
            whole.words,
            if whole.words == 1 { "word" } else { "words" },
            whole.sentences,
            if whole.sentences == 1 {
                "sentence"
            } else {
                "sentences"
            }
        ),
    )
    .severity(Severity::Note);
    note.figures = Some(whole);
    note.subject = Some(doc.meta.title.clone());
    out.push(note);

    let mut judged_any = false;
    for (index, section) in prose.sections.iter().enumerate() {
        let sentences: Vec<&Sentence> = prose.sentences_of(index).collect();
        let Some(figures) = figures_of(&sentences) else {
            continue;
        };
        let name = match &section.heading {
            Some(heading) => format!("section “{heading}”"),
            None => "the opening section".to_string(),
        };
        let subject = section
            .heading
            .clone()
            .unwrap_or_else(|| "(opening)".to_string());
        let judged = figures.words >= MIN_SECTION_WORDS;
        judged_any |= judged;
        if !judged || figures.grade(formula) <= target {
            // Every section's figures are reported; those too short to judge say so.
            let mut note = Diagnostic::new(
                Code::Readability,
                path,
                map.block_start(section.span),
                format!(
                    "{name} reads at {}{}",
                    figures.describe(),
                    if judged {
                        ""
                    } else {
                        "; too short (under 100 words) to judge"
                    }
                ),
            )
            .severity(Severity::Note);
            note.figures = Some(figures);
            note.subject = Some(subject);
            out.push(note);
            continue;
        }
        let mut d = Diagnostic::new(
            Code::Readability,
            path,
            map.block_start(section.span),
            format!(
                "{name} reads at grade {:.1} ({formula_name}); the target is grade {target}",
                figures.grade(formula),
            ),
        )
        .label(figures.describe())
        .help(HELP);
        d.figures = Some(figures);
        d.subject = Some(subject);
        d.related = hardest(prose, &sentences, map, target, spanish);
        out.push(d);
    }
    if !judged_any && whole.words >= MIN_SECTION_WORDS && whole.grade(formula) > target {
        let mut d = Diagnostic::new(
            Code::Readability,
            path,
            map.top(),
            format!(
                "the document reads at grade {:.1} ({formula_name}); the target is grade {target}",
                whole.grade(formula),
            ),
        )
        .label(whole.describe())
        .help(HELP);
        d.figures = Some(whole);
        d.related = hardest(prose, &all, map, target, spanish);
        out.push(d);
    }
    out
}

fn formula_name(formula: Formula) -> &'static str {
    formula.name()
}

/// What is said of a language with no validated readability formula: that no grade is
/// given, the average sentence length, and the sentences longer than plain-language
/// guidance accepts, in `unit` (characters for Chinese and Japanese, syllables for
/// Vietnamese, else words).
fn unscored(
    doc: &Document,
    prose: &Prose<'_>,
    map: &SourceMap<'_>,
    path: &str,
    unit: &str,
) -> Vec<Diagnostic> {
    let sentences = prose.sentences.len() as u32;
    if sentences == 0 {
        return Vec::new();
    }
    let length: u32 = prose.sentences.iter().map(|s| s.words).sum();
    let mut out = vec![
        Diagnostic::new(
            Code::Readability,
            path,
            map.top(),
            format!(
                "\u{201c}{}\u{201d} is in `{}`, which has no validated readability formula: no grade is given; {}",
                doc.meta.title,
                doc.meta.language,
                if sentences == 1 {
                    format!("its one sentence is {length} {unit} long")
                } else {
                    format!(
                        "its {sentences} sentences average {:.1} {unit}",
                        f64::from(length) / f64::from(sentences)
                    )
                }
            ),
        )
        .severity(Severity::Note),
    ];
    let limit = prose.reading.long_sentence();
    let mut long: Vec<&Sentence> = prose.sentences.iter().filter(|s| s.words > limit).collect();
    long.sort_by_key(|s| std::cmp::Reverse(s.words));
    if !long.is_empty() {
        let related = long
            .iter()
            .take(HARDEST_SHOWN)
            .map(|s| Related {
                location: sentence_location(prose, s, map),
                label: format!("long sentence: {} {unit}", s.words),
            })
            .collect();
        let mut d = Diagnostic::new(
            Code::Readability,
            path,
            map.block_start(prose.units[long[0].unit].span),
            format!(
                "{} {} longer than {limit} {unit}",
                long.len(),
                if long.len() == 1 {
                    "sentence is"
                } else {
                    "sentences are"
                }
            ),
        )
        .help("split long sentences: one idea to a sentence");
        d.related = related;
        out.push(d);
    }
    out
}

/// Where a sentence starts, marked on its first line.
fn sentence_location(
    prose: &Prose<'_>,
    s: &Sentence,
    map: &SourceMap<'_>,
) -> crate::diagnostics::Location {
    let unit = &prose.units[s.unit];
    let block = map.block(unit.span);
    let range = map.align(block, &unit.text, s.range.clone());
    let mut location = map.location(range);
    if location.end_line != location.line {
        location.end_line = location.line;
        location.end_column = map.line(location.line).end_column;
    }
    location
}

/// The longest, hardest sentences (by their own grade: Flesch–Kincaid, or SOL for Spanish)
/// above the target, hardest first, each marked on its first line.
fn hardest(
    prose: &Prose<'_>,
    sentences: &[&Sentence],
    map: &SourceMap<'_>,
    target: f64,
    spanish: bool,
) -> Vec<Related> {
    let mut graded: Vec<(f64, &Sentence)> = sentences
        .iter()
        .map(|s| {
            let grade = Figures::of([*s]).map_or(0.0, |f| {
                if spanish {
                    f.spanish().grade(Formula::Smog)
                } else {
                    f.flesch_kincaid_grade
                }
            });
            (grade, *s)
        })
        .filter(|(grade, s)| *grade > target && s.words >= MIN_MARKED_WORDS)
        .collect();
    graded.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.words.cmp(&a.1.words)));
    graded
        .into_iter()
        .take(HARDEST_SHOWN)
        .map(|(grade, s)| Related {
            location: sentence_location(prose, s, map),
            label: format!(
                "hard sentence: {} words, {:.1} syllables a word, grade {grade:.1} ({})",
                s.words,
                f64::from(s.syllables) / f64::from(s.words.max(1)),
                if spanish {
                    "SOL"
                } else {
                    "Flesch\u{2013}Kincaid"
                }
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_match_hand_computed_values() {
        // Figures are rounded to one decimal: compare with the hand value to within 0.05.
        let near =
            |got: f64, hand: f64| assert!((got - hand).abs() <= 0.05 + 1e-9, "{got} vs {hand}");
        // "The cat sat on the mat.": 6 words, 1 sentence, 6 syllables, no polysyllable.
        // FK = 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45; ease = 206.835 − 6.09 − 84.6 = 116.145;
        // SMOG = 3.1291.
        let f = Figures::from_counts(6, 1, 6, 0);
        near(f.flesch_kincaid_grade, -1.45);
        near(f.flesch_reading_ease, 116.145);
        near(f.smog_grade, 3.1291);
        // 100 words, 5 sentences, 150 syllables, 9 polysyllables:
        // FK = 0.39 × 20 + 11.8 × 1.5 − 15.59 = 9.91; ease = 206.835 − 20.3 − 126.9 = 59.635;
        // SMOG = 1.043 × √(9 × 30 / 5) + 3.1291 = 1.043 × 7.348 + 3.1291 = 10.79.
        let f = Figures::from_counts(100, 5, 150, 9);
        near(f.flesch_kincaid_grade, 9.91);
        near(f.flesch_reading_ease, 59.635);
        near(f.smog_grade, 10.79);
    }

    #[test]
    fn figures_of_a_small_text_are_counted_by_hand() {
        // The/cat/sat/on/the/mat = 6 × 1; It/was/a/fa-mi-ly/mem-o-ry = 1+1+1+3+3.
        let sentences =
            super::super::prose::split("The cat sat on the mat. It was a family memory.");
        let f = Figures::of(&sentences).unwrap();
        assert_eq!(
            (f.words, f.sentences, f.syllables, f.polysyllables),
            (11, 2, 15, 2)
        );
        // FK = 0.39 × 5.5 + 11.8 × 15/11 − 15.59 = 2.145 + 16.091 − 15.59 = 2.65.
        assert_eq!(f.flesch_kincaid_grade, 2.6);
        // SMOG = 1.043 × √(2 × 30 / 2) + 3.1291 = 1.043 × 5.477 + 3.1291 = 8.84.
        assert_eq!(f.smog_grade, 8.8);
        assert!(Figures::of(&[]).is_none());
    }
}

//! How `folio check` reads a document's language: which readability formulas are valid for
//! it, how its syllables are counted, and whether its sentences are measured in words or
//! in characters. No lint applies English rules to another language.
//!
//! What this is not: the formulas ([`super::readability`], [`super::spanish`]) or the
//! sentence splitter ([`super::prose`]).

/// What the readability lint can say about text in a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Flesch–Kincaid, SMOG and Flesch ease, English syllables.
    English,
    /// SOL, Fernández-Huerta and Szigriszt-Pazos (INFLESZ), Spanish syllables.
    Spanish,
    /// No validated formula: sentence length only, measured as fits the script.
    Unscored { measure: Measure },
}

/// How the length of a sentence is measured in a language without a formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Space-separated words.
    Words,
    /// Letters: Chinese and Japanese, written without spaces.
    Characters,
    /// Space-separated syllables: Vietnamese writes each syllable apart.
    Syllables,
    /// Words a dictionary finds: Thai, Lao, Khmer and Burmese put no space between words
    /// (a space ends a phrase).
    DictionaryWords,
}

impl Measure {
    /// The unit, as messages name it.
    pub fn unit(self) -> &'static str {
        match self {
            Measure::Words | Measure::DictionaryWords => "words",
            Measure::Characters => "characters",
            Measure::Syllables => "syllables",
        }
    }
}

impl Reading {
    /// The reading for a BCP 47 tag.
    pub fn of(language: &str) -> Reading {
        match crate::language::primary(language).as_str() {
            "en" | "" => Reading::English,
            "es" => Reading::Spanish,
            "zh" | "ja" | "yue" | "cmn" => Reading::Unscored {
                measure: Measure::Characters,
            },
            "vi" => Reading::Unscored {
                measure: Measure::Syllables,
            },
            "th" | "lo" | "km" | "my" => Reading::Unscored {
                measure: Measure::DictionaryWords,
            },
            _ => Reading::Unscored {
                measure: Measure::Words,
            },
        }
    }

    /// Syllables of a word (1 at least); 1 where the language has no counter (unused).
    pub fn syllables(self, word: &str) -> u32 {
        match self {
            Reading::English => super::syllables::syllables(word).max(1),
            Reading::Spanish => super::spanish::syllables(word).max(1),
            Reading::Unscored { .. } => 1,
        }
    }

    /// The longest sentence plain-language guidance accepts, in words (about 25), or the
    /// same length in characters or syllables.
    pub fn long_sentence(self) -> u32 {
        match self {
            Reading::Unscored {
                measure: Measure::Characters | Measure::Syllables,
            } => 40,
            _ => 25,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_get_their_own_reading() {
        assert_eq!(Reading::of("en-US"), Reading::English);
        assert_eq!(Reading::of("es-MX"), Reading::Spanish);
        assert_eq!(
            Reading::of("zh-Hans"),
            Reading::Unscored {
                measure: Measure::Characters
            }
        );
        assert_eq!(
            Reading::of("vi"),
            Reading::Unscored {
                measure: Measure::Syllables
            }
        );
        assert_eq!(
            Reading::of("ar"),
            Reading::Unscored {
                measure: Measure::Words
            }
        );
        assert_eq!(Reading::Spanish.syllables("medicamento"), 5);
        assert_eq!(
            Reading::of("th"),
            Reading::Unscored {
                measure: Measure::DictionaryWords
            }
        );
    }
}

//! Spanish readability: syllable counts for Spanish words, and the three published formulas
//! that grade Spanish text from them.
//!
//! - Fernández-Huerta reading ease = 206.84 − 60 × syllables/words − 1.02 × words/sentences
//!   (Fernández Huerta 1959, as corrected by Law 2011; 0–100, higher is easier)
//! - Szigriszt-Pazos perspicuity = 206.835 − 62.3 × syllables/words − words/sentences
//!   (Szigriszt Pazos 1993), read on the INFLESZ scale (Barrio-Cantalejo et al. 2008), which
//!   was drawn up for texts written for patients
//! - SOL grade = −2.51 + 0.74 × SMOG, where SMOG = 1.0430 × √(polysyllables × 30 / sentences)
//!   + 3.1291 is computed on the Spanish text (Contreras et al. 1999)
//!
//! SOL is the grade folio judges a Spanish handout's target by: the English SMOG formula run on
//! Spanish text gives grades a few years too high (Spanish words are longer), and SOL converts
//! that score to the grade English SMOG would give the same material, so one target grade in
//! folio.toml means the same for both languages.
//!
//! Syllables are counted by the spelling conventions of the Real Academia Española
//! (*Ortografía de la lengua española*, 2010), which fix for each vowel sequence whether it is
//! one syllable or two, whatever an individual speaker says: Spanish spelling is regular enough
//! that rules give the count without a dictionary.
//!
//! This module does not cut text into sentences and words (`prose` does, for both languages),
//! decide which language a text is in ([`super::language::Reading`] does, from the tag),
//! divide words at line ends (hyphenation has rules of its own: no vowel is left alone, so
//! *a-ho-ra* breaks only as *aho-ra*), or count the syllables of verse, where vowels join
//! across words (*sinalefa*).

/// Syllables of one Spanish word, by the RAE's orthographic conventions.
///
/// Each maximal run of vowels (a, e, i, o, u with or without an accent, ü, and y where it
/// stands for a vowel) is one syllable, except that:
///
/// - two of a, e, o side by side are two syllables (hiatus: *le-ón*, *po-e-ta*);
/// - an accented í or ú is a syllable of its own beside a, e, o (*dí-a*, *pa-ís*, *re-ú-ne*);
///   beside the other of i, u it is not (*cuí-da-te*, since two different weak vowels are
///   always a diphthong in spelling: *rui-do*, *ciu-dad*);
/// - the same vowel twice is two syllables (*le-er*, *chi-i-ta*, *al-co-hol*).
///
/// A weak vowel (i, u, ü) next to a, e, o joins its syllable (*dia-rio*, *sue-ño*), so a weak
/// vowel between two strong ones leaves two syllables (*pa-ra-noi-a*), and weak + strong + weak
/// is one (*buey*, *a-ve-ri-guáis*). An h between vowels changes nothing (*a-ho-ra*,
/// *prohi-bir*, *búho*). The u of *que*, *qui*, *gue*, *gui* is silent; ü is sounded
/// (*pin-güi-no*). A y is a vowel when no vowel follows it (*muy*, *hoy*, *y*) and a consonant
/// before one (*yo*, *a-yer*).
///
/// Case does not matter and anything that is not a letter is skipped. A word with letters but
/// no vowel counts 1 (*km*); one with no letter counts 0 (the caller does not count digits as
/// words).
pub fn syllables(word: &str) -> u32 {
    let mut letters = letters(word).filter(|&c| c != 'h').peekable();
    let mut any_letter = false;
    let mut previous: Option<char> = None;
    let mut run = Run::default();
    let mut total = 0;
    while let Some(c) = letters.next() {
        any_letter = true;
        let next = letters.peek().copied();
        let sound = match c {
            'u' if matches!(previous, Some('q' | 'g')) && next.is_some_and(is_front_vowel) => None,
            'y' if next.is_none_or(|n| vowel(n).is_none()) => Some(Vowel::Weak('i')),
            _ => vowel(c),
        };
        match sound {
            Some(v) => total += run.push(v),
            None if c == 'u' => {} // silent: the g or q before it does not end the run
            None => total += run.end(),
        }
        previous = Some(c);
    }
    total += run.end();
    if any_letter { total.max(1) } else { 0 }
}

/// The lowercase letters of a word, with a decomposed acute accent or diaeresis (a combining
/// mark after the vowel) put back on its vowel.
fn letters(word: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = word.chars().peekable();
    std::iter::from_fn(move || {
        loop {
            let c = chars.next()?;
            if !c.is_alphabetic() {
                continue;
            }
            let c = c.to_lowercase().next().unwrap_or(c);
            let Some(mark) = chars.next_if(|&m| matches!(m, '\u{301}' | '\u{308}')) else {
                return Some(c);
            };
            return Some(match (c, mark) {
                ('a', '\u{301}') => 'á',
                ('e', '\u{301}') => 'é',
                ('i', '\u{301}') => 'í',
                ('o', '\u{301}') => 'ó',
                ('u', '\u{301}') => 'ú',
                ('u', '\u{308}') => 'ü',
                _ => c,
            });
        }
    })
}

/// A vowel letter, by how it behaves in a vowel sequence. The char is the bare vowel, so that
/// the same vowel twice can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vowel {
    /// a, e, o (accented or not): always the nucleus of its own syllable.
    Strong(char),
    /// í, ú: the accent makes it a nucleus of its own (hiatus) beside a, e, o.
    Stressed(char),
    /// i, u, ü, and y as a vowel: a nucleus only when no a, e, o, í, ú is beside it.
    Weak(char),
}

impl Vowel {
    fn bare(self) -> char {
        match self {
            Vowel::Strong(c) | Vowel::Stressed(c) | Vowel::Weak(c) => c,
        }
    }
}

fn vowel(c: char) -> Option<Vowel> {
    let v = match c {
        'a' | 'á' | 'à' | 'â' | 'ä' => Vowel::Strong('a'),
        'e' | 'é' | 'è' | 'ê' | 'ë' => Vowel::Strong('e'),
        'o' | 'ó' | 'ò' | 'ô' | 'ö' => Vowel::Strong('o'),
        'í' => Vowel::Stressed('i'),
        'ú' => Vowel::Stressed('u'),
        'i' | 'ì' | 'î' | 'ï' => Vowel::Weak('i'),
        'u' | 'ü' | 'ù' | 'û' => Vowel::Weak('u'),
        _ => return None,
    };
    Some(v)
}

/// e or i, before which *qu* and *gu* are written with a silent u.
fn is_front_vowel(c: char) -> bool {
    matches!(c, 'e' | 'é' | 'i' | 'í')
}

/// The vowels read since the last consonant (or since the last repeated vowel).
#[derive(Debug, Default)]
struct Run {
    /// Strong and stressed vowels: each is a syllable.
    nuclei: u32,
    /// Whether the run has a weak vowel (a syllable when there is no nucleus).
    weak: bool,
    last: Option<char>,
}

impl Run {
    /// Adds a vowel; returns the syllables of the run it closed, if it repeats the last vowel.
    fn push(&mut self, v: Vowel) -> u32 {
        let closed = if self.last == Some(v.bare()) {
            self.end()
        } else {
            0
        };
        match v {
            Vowel::Strong(_) | Vowel::Stressed(_) => self.nuclei += 1,
            Vowel::Weak(_) => self.weak = true,
        }
        self.last = Some(v.bare());
        closed
    }

    /// Ends the run; returns its syllables.
    fn end(&mut self) -> u32 {
        let count = if self.nuclei > 0 {
            self.nuclei
        } else {
            u32::from(self.weak)
        };
        *self = Run::default();
        count
    }
}

/// Fernández-Huerta reading ease (0–100, higher is easier), rounded to one decimal.
///
/// Fernández Huerta (1959, "Medidas sencillas de lecturabilidad", *Consigna* 214: 29–32)
/// adapted Flesch's reading ease to Spanish as L = 206.84 − 0.60 P − 1.02 F over 100-word
/// samples, P being the syllables. F is usually quoted as the number of sentences, which makes
/// shorter sentences score *harder*; Law (2011, "Error in the Fernandez Huerta Readability
/// Formula", LINGUIST List 22.2332) showed it must be the words per sentence, as in Flesch's
/// 1.015 × words/sentences. Per word that is 206.84 − 60 × syllables/words − 1.02 ×
/// words/sentences, the form legible.es and textstat use.
pub fn fernandez_huerta(words: u32, sentences: u32, syllables: u32) -> f64 {
    let (per_sentence, per_word) = rates(words, sentences, syllables);
    round(206.84 - 60.0 * per_word - 1.02 * per_sentence)
}

/// Szigriszt-Pazos perspicuity (0–100, higher is easier), rounded to one decimal; read it
/// with [`Inflesz`].
///
/// Szigriszt Pazos (1993, *Sistemas predictivos de legibilidad del mensaje escrito: fórmula de
/// perspicuidad*, thesis, Universidad Complutense de Madrid) refitted Flesch's formula to
/// Spanish: 206.835 − 62.3 × syllables/words − words/sentences. Some implementations read the
/// constant as 207; Barrio-Cantalejo et al. (2008) use Flesch's 206.835, and so does folio.
pub fn szigriszt_pazos(words: u32, sentences: u32, syllables: u32) -> f64 {
    let (per_sentence, per_word) = rates(words, sentences, syllables);
    round(206.835 - 62.3 * per_word - per_sentence)
}

/// SOL grade: the US school grade English SMOG would give the material, from the Spanish
/// text's sentences and words of three or more (Spanish) syllables; rounded to one decimal.
///
/// Contreras et al. (1999, "The SOL formulas for converting SMOG readability scores between
/// health education materials written in Spanish, English, and French", *Journal of Health
/// Communication* 4(1): 21–29) found SMOG consistent in Spanish but its scores higher than for
/// the same material in English, and gave SOL = −2.51 + 0.74 × SMOG to convert them. SMOG is
/// McLaughlin's (1969) 1.0430 × √(polysyllables × 30 / sentences) + 3.1291, the form for
/// samples of any length that `readability` uses for English. Like SMOG it is not clamped: a
/// text without long words grades −0.2.
pub fn sol_grade(sentences: u32, polysyllables: u32) -> f64 {
    let s = f64::from(sentences.max(1));
    let smog = 1.0430 * (f64::from(polysyllables) * 30.0 / s).sqrt() + 3.1291;
    round(-2.51 + 0.74 * smog)
}

/// Words per sentence and syllables per word, with at least one of each counted.
fn rates(words: u32, sentences: u32, syllables: u32) -> (f64, f64) {
    let w = f64::from(words.max(1));
    let s = f64::from(sentences.max(1));
    (w / s, f64::from(syllables) / w)
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The INFLESZ scale's bands for a Szigriszt-Pazos perspicuity (Barrio-Cantalejo I.M. et al.,
/// 2008, "Validación de la Escala INFLESZ para evaluar la legibilidad de los textos dirigidos
/// a pacientes", *Anales del Sistema Sanitario de Navarra* 31(2): 135–152). The paper gives
/// <40, 40–55, 55–65, 65–80 and >80; a score on a shared bound belongs to the band above it,
/// except 80, which the paper's ">80" leaves in "bastante fácil".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Inflesz {
    VeryDifficult,
    SomewhatDifficult,
    Normal,
    FairlyEasy,
    VeryEasy,
}

impl Inflesz {
    pub fn of(perspicuity: f64) -> Inflesz {
        if perspicuity < 40.0 {
            Inflesz::VeryDifficult
        } else if perspicuity < 55.0 {
            Inflesz::SomewhatDifficult
        } else if perspicuity < 65.0 {
            Inflesz::Normal
        } else if perspicuity <= 80.0 {
            Inflesz::FairlyEasy
        } else {
            Inflesz::VeryEasy
        }
    }

    /// The band's name on the scale, as the paper gives it.
    pub fn spanish(self) -> &'static str {
        match self {
            Inflesz::VeryDifficult => "muy difícil",
            Inflesz::SomewhatDifficult => "algo difícil",
            Inflesz::Normal => "normal",
            Inflesz::FairlyEasy => "bastante fácil",
            Inflesz::VeryEasy => "muy fácil",
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            Inflesz::VeryDifficult => "very difficult",
            Inflesz::SomewhatDifficult => "somewhat difficult",
            Inflesz::Normal => "normal",
            Inflesz::FairlyEasy => "fairly easy",
            Inflesz::VeryEasy => "very easy",
        }
    }
}

/// The Spanish name of the INFLESZ band a Szigriszt-Pazos perspicuity falls in.
pub fn inflesz_band(perspicuity: f64) -> &'static str {
    Inflesz::of(perspicuity).spanish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words with their syllables as the RAE's spelling conventions divide them (the division
    /// in the comment); the conventions' own examples are among them.
    const WORDS: &[(&str, u32)] = &[
        // Handout vocabulary.
        ("dolor", 2),        // do-lor
        ("medicamento", 5),  // me-di-ca-men-to
        ("medicamentos", 5), // me-di-ca-men-tos
        ("médico", 3),       // mé-di-co
        ("médica", 3),       // mé-di-ca
        ("enfermera", 4),    // en-fer-me-ra
        ("enfermero", 4),    // en-fer-me-ro
        ("presión", 2),      // pre-sión
        ("arterial", 3),     // ar-te-rial
        ("diario", 2),       // dia-rio
        ("hospital", 3),     // hos-pi-tal
        ("emergencia", 4),   // e-mer-gen-cia
        ("respirar", 3),     // res-pi-rar
        ("sueño", 2),        // sue-ño
        ("ejercicio", 4),    // e-jer-ci-cio
        ("tratamiento", 4),  // tra-ta-mien-to
        ("información", 4),  // in-for-ma-ción
        ("cuidado", 3),      // cui-da-do
        ("ciudad", 2),       // ciu-dad
        ("enfermedad", 4),   // en-fer-me-dad
        ("corazón", 3),      // co-ra-zón
        ("diabetes", 3),     // dia-be-tes
        ("insulina", 4),     // in-su-li-na
        ("pastilla", 3),     // pas-ti-lla
        ("receta", 3),       // re-ce-ta
        ("síntoma", 3),      // sín-to-ma
        ("tos", 1),          // tos
        ("vómito", 3),       // vó-mi-to
        ("depresión", 3),    // de-pre-sión
        ("vacuna", 3),       // va-cu-na
        ("cáncer", 2),       // cán-cer
        ("pulmón", 2),       // pul-món
        ("riñón", 2),        // ri-ñón
        ("hígado", 3),       // hí-ga-do
        ("sangre", 2),       // san-gre
        ("orina", 3),        // o-ri-na
        ("análisis", 4),     // a-ná-li-sis
        ("herida", 3),       // he-ri-da
        ("músculo", 3),      // mús-cu-lo
        ("cabeza", 3),       // ca-be-za
        ("estómago", 4),     // es-tó-ma-go
        ("rodilla", 3),      // ro-di-lla
        ("espalda", 3),      // es-pal-da
        ("obesidad", 4),     // o-be-si-dad
        ("embarazo", 4),     // em-ba-ra-zo
        ("embarazada", 5),   // em-ba-ra-za-da
        ("bebé", 2),         // be-bé
        ("niño", 2),         // ni-ño
        ("adulto", 3),       // a-dul-to
        ("edad", 2),         // e-dad
        ("dosis", 2),        // do-sis
        ("teléfono", 4),     // te-lé-fo-no
        ("oxígeno", 4),      // o-xí-ge-no
        ("respiración", 4),  // res-pi-ra-ción
        ("hemorragia", 4),   // he-mo-rra-gia
        ("ibuprofeno", 5),   // i-bu-pro-fe-no
        ("paracetamol", 5),  // pa-ra-ce-ta-mol
        ("jarabe", 3),       // ja-ra-be
        ("suero", 2),        // sue-ro
        ("semana", 3),       // se-ma-na
        ("minuto", 3),       // mi-nu-to
        ("año", 2),          // a-ño
        ("noche", 2),        // no-che
        ("caminar", 3),      // ca-mi-nar
        ("azúcar", 3),       // a-zú-car
        ("huevo", 2),        // hue-vo
        ("hueso", 2),        // hue-so
        ("hielo", 2),        // hie-lo
        ("cuello", 2),       // cue-llo
        ("piel", 1),         // piel
        ("pie", 1),          // pie
        ("pierna", 2),       // pier-na
        ("diente", 2),       // dien-te
        ("fiebre", 2),       // fie-bre
        ("dieta", 2),        // die-ta
        ("riesgo", 2),       // ries-go
        ("farmacia", 3),     // far-ma-cia
        ("farmacéutico", 5), // far-ma-céu-ti-co
        ("ansiedad", 3),     // an-sie-dad
        ("cansancio", 3),    // can-san-cio
        ("alergia", 3),      // a-ler-gia
        ("anestesia", 4),    // a-nes-te-sia
        ("higiene", 3),      // hi-gie-ne
        ("paciente", 3),     // pa-cien-te
        ("cuidador", 3),     // cui-da-dor
        ("familia", 3),      // fa-mi-lia
        ("ambulancia", 4),   // am-bu-lan-cia
        ("urgencia", 3),     // ur-gen-cia
        ("secundario", 4),   // se-cun-da-rio
        ("antibiótico", 5),  // an-ti-bió-ti-co
        ("reumatismo", 4),   // reu-ma-tis-mo
        ("cuatro", 2),       // cua-tro
        ("nueve", 2),        // nue-ve
        ("seis", 1),         // seis
        ("veinte", 2),       // vein-te
        ("siete", 2),        // sie-te
        ("diez", 1),         // diez
        // Accented í, ú: hiatus beside a, e, o.
        ("día", 2),         // dí-a
        ("días", 2),        // dí-as
        ("país", 2),        // pa-ís
        ("río", 2),         // rí-o
        ("baúl", 2),        // ba-úl
        ("reúne", 3),       // re-ú-ne
        ("hacía", 3),       // ha-cí-a
        ("veía", 3),        // ve-í-a
        ("leía", 3),        // le-í-a
        ("oía", 3),         // o-í-a
        ("oír", 2),         // o-ír
        ("reír", 2),        // re-ír
        ("sonreír", 3),     // son-re-ír
        ("maíz", 2),        // ma-íz
        ("raíz", 2),        // ra-íz
        ("continúa", 4),    // con-ti-nú-a
        ("actúa", 3),       // ac-tú-a
        ("todavía", 4),     // to-da-ví-a
        ("energía", 4),     // e-ner-gí-a
        ("alegría", 4),     // a-le-grí-a
        ("mayoría", 4),     // ma-yo-rí-a
        ("cirugía", 4),     // ci-ru-gí-a
        ("radiografía", 5), // ra-dio-gra-fí-a
        ("proteína", 4),    // pro-te-í-na
        ("oído", 3),        // o-í-do
        ("frío", 2),        // frí-o
        ("tío", 2),         // tí-o
        ("vía", 2),         // ví-a
        // Diphthongs and triphthongs.
        ("hacia", 2),          // ha-cia
        ("reunir", 2),         // reu-nir
        ("continua", 3),       // con-ti-nua
        ("actual", 2),         // ac-tual
        ("evaluar", 3),        // e-va-luar
        ("situación", 3),      // si-tua-ción
        ("igual", 2),          // i-gual
        ("aunque", 2),         // aun-que
        ("estadounidense", 6), // es-ta-dou-ni-den-se
        ("boina", 2),          // boi-na
        ("paranoia", 4),       // pa-ra-noi-a
        ("ruido", 2),          // rui-do
        ("huir", 1),           // huir
        ("construir", 2),      // cons-truir
        ("incluido", 3),       // in-clui-do
        ("diurno", 2),         // diur-no
        ("viuda", 2),          // viu-da
        ("fui", 1),            // fui
        ("fue", 1),            // fue
        ("cuídese", 3),        // cuí-de-se
        ("guion", 1),          // guion
        ("truhan", 1),         // truhan
        ("averiguáis", 4),     // a-ve-ri-guáis
        ("buey", 1),           // buey
        ("Uruguay", 3),        // U-ru-guay
        ("Paraguay", 3),       // Pa-ra-guay
        // Strong vowels together, and the same vowel twice: hiatus.
        ("león", 2),             // le-ón
        ("poeta", 3),            // po-e-ta
        ("teatro", 3),           // te-a-tro
        ("caer", 2),             // ca-er
        ("peor", 2),             // pe-or
        ("océano", 4),           // o-cé-a-no
        ("línea", 3),            // lí-ne-a
        ("área", 3),             // á-re-a
        ("idea", 3),             // i-de-a
        ("europeo", 4),          // eu-ro-pe-o
        ("aéreo", 4),            // a-é-re-o
        ("osteoporosis", 6),     // os-te-o-po-ro-sis
        ("náusea", 3),           // náu-se-a
        ("diarrea", 3),          // dia-rre-a
        ("mareo", 3),            // ma-re-o
        ("bloqueo", 3),          // blo-que-o
        ("leer", 2),             // le-er
        ("creer", 2),            // cre-er
        ("cree", 2),             // cre-e
        ("poseer", 3),           // po-se-er
        ("cooperar", 4),         // co-o-pe-rar
        ("zoológico", 5),        // zo-o-ló-gi-co
        ("microondas", 4),       // mi-cro-on-das
        ("chiita", 3),           // chi-i-ta
        ("antiinflamatorio", 7), // an-ti-in-fla-ma-to-rio
        // h between vowels changes nothing.
        ("ahora", 3),     // a-ho-ra
        ("prohibir", 2),  // prohi-bir
        ("prohibido", 3), // prohi-bi-do
        ("prohíbe", 3),   // pro-hí-be
        ("búho", 2),      // bú-ho
        ("rehúso", 3),    // re-hú-so
        ("rehusar", 2),   // rehu-sar
        ("ahumado", 3),   // ahu-ma-do
        ("ahínco", 3),    // a-hín-co
        ("zanahoria", 4), // za-na-ho-ria
        ("alcohol", 3),   // al-co-hol
        ("cohete", 3),    // co-he-te
        ("vehículo", 4),  // ve-hí-cu-lo
        ("cacahuete", 4), // ca-ca-hue-te
        ("ahuecar", 3),   // ahue-car
        // qu, gu, gü.
        ("que", 1),         // que
        ("qué", 1),         // qué
        ("quien", 1),       // quien
        ("aquí", 2),        // a-quí
        ("quirúrgico", 4),  // qui-rúr-gi-co
        ("quirófano", 4),   // qui-ró-fa-no
        ("guerra", 2),      // gue-rra
        ("guía", 2),        // guí-a
        ("seguir", 2),      // se-guir
        ("siguiente", 3),   // si-guien-te
        ("agua", 2),        // a-gua
        ("antiguo", 3),     // an-ti-guo
        ("pingüino", 3),    // pin-güi-no
        ("bilingüe", 3),    // bi-lin-güe
        ("vergüenza", 3),   // ver-güen-za
        ("cigüeña", 3),     // ci-güe-ña
        ("lingüística", 4), // lin-güís-ti-ca
        ("averigüé", 4),    // a-ve-ri-güé
        // y: a vowel with no vowel after it, a consonant before one.
        ("y", 1),         // y
        ("hay", 1),       // hay
        ("muy", 1),       // muy
        ("hoy", 1),       // hoy
        ("ley", 1),       // ley
        ("rey", 1),       // rey
        ("soy", 1),       // soy
        ("voy", 1),       // voy
        ("estoy", 2),     // es-toy
        ("yo", 1),        // yo
        ("ayer", 2),      // a-yer
        ("mayo", 2),      // ma-yo
        ("reyes", 2),     // re-yes
        ("ayuda", 3),     // a-yu-da
        ("desayuno", 4),  // de-sa-yu-no
        ("inyección", 3), // in-yec-ción
    ];

    #[test]
    fn every_listed_word_has_its_rae_count() {
        assert!(WORDS.len() >= 150, "{} words", WORDS.len());
        let misses: Vec<String> = WORDS
            .iter()
            .filter(|&&(word, count)| syllables(word) != count)
            .map(|&(word, count)| format!("{word}: {} for {count}", syllables(word)))
            .collect();
        assert!(misses.is_empty(), "{misses:#?}");
    }

    #[test]
    fn case_punctuation_and_words_without_vowels() {
        assert_eq!(syllables("¿Qué?"), 1);
        assert_eq!(syllables("ÁREA"), 3);
        assert_eq!(syllables("Día,"), 2);
        assert_eq!(syllables("«Pingüino»"), 3);
        assert_eq!(syllables("Y"), 1);
        assert_eq!(syllables("km"), 1);
        assert_eq!(syllables("10"), 0);
        assert_eq!(syllables(""), 0);
        // Decomposed accents: i + U+0301 is í, u + U+0308 is ü.
        assert_eq!(syllables("di\u{301}a"), 2);
        assert_eq!(syllables("pingu\u{308}ino"), 3);
    }

    #[test]
    fn a_whole_sentence_is_counted() {
        // La(1) en-fer-me-ra(4) le(1) da(1) el(1) me-di-ca-men-to(5) ca-da(2) dí-a(2) = 17;
        // Hoy(1) hay(1) que(1) ca-mi-nar(3) muy(1) des-pa-cio(3) = 10.
        let count = |s: &str| -> u32 { s.split_whitespace().map(syllables).sum() };
        assert_eq!(count("La enfermera le da el medicamento cada día."), 17);
        assert_eq!(count("Hoy hay que caminar muy despacio."), 10);
    }

    #[test]
    fn formulas_match_hand_computed_values() {
        // 100 words, 5 sentences, 200 syllables, 10 words of 3+ syllables:
        // Fernández-Huerta = 206.84 − 60 × 2 − 1.02 × 20 = 206.84 − 120 − 20.4 = 66.44;
        // Szigriszt-Pazos = 206.835 − 62.3 × 2 − 20 = 206.835 − 124.6 − 20 = 62.235 (normal);
        // SMOG = 1.043 × √(10 × 30 / 5) + 3.1291 = 1.043 × 7.74597 + 3.1291 = 11.20814,
        // SOL = −2.51 + 0.74 × 11.20814 = −2.51 + 8.29403 = 5.78403.
        assert_eq!(fernandez_huerta(100, 5, 200), 66.4);
        assert_eq!(szigriszt_pazos(100, 5, 200), 62.2);
        assert_eq!(inflesz_band(szigriszt_pazos(100, 5, 200)), "normal");
        assert_eq!(sol_grade(5, 10), 5.8);
        // 12 words, 1 sentence, 20 syllables, 3 words of 3+ syllables:
        // Fernández-Huerta = 206.84 − 60 × 20/12 − 1.02 × 12 = 206.84 − 100 − 12.24 = 94.6;
        // Szigriszt-Pazos = 206.835 − 62.3 × 1.66667 − 12 = 206.835 − 103.83333 − 12 = 91.00167;
        // SMOG = 1.043 × √90 + 3.1291 = 1.043 × 9.48683 + 3.1291 = 13.02387,
        // SOL = −2.51 + 0.74 × 13.02387 = −2.51 + 9.63766 = 7.12766.
        assert_eq!(fernandez_huerta(12, 1, 20), 94.6);
        assert_eq!(szigriszt_pazos(12, 1, 20), 91.0);
        assert_eq!(Inflesz::of(szigriszt_pazos(12, 1, 20)), Inflesz::VeryEasy);
        assert_eq!(sol_grade(1, 3), 7.1);
        // No long word: SOL = −2.51 + 0.74 × 3.1291 = −2.51 + 2.31553 = −0.19447.
        assert_eq!(sol_grade(4, 0), -0.2);
        // Nothing counted does not divide by zero.
        assert!(fernandez_huerta(0, 0, 0).is_finite() && sol_grade(0, 0).is_finite());
    }

    #[test]
    fn shorter_sentences_read_easier() {
        // The uncorrected reading (F = sentences per 100 words) would rank these the other way.
        assert!(fernandez_huerta(100, 10, 200) > fernandez_huerta(100, 5, 200));
        assert!(szigriszt_pazos(100, 10, 200) > szigriszt_pazos(100, 5, 200));
    }

    #[test]
    fn inflesz_bands_and_their_bounds() {
        let band = |p: f64| (inflesz_band(p), Inflesz::of(p).english());
        assert_eq!(band(10.0), ("muy difícil", "very difficult"));
        assert_eq!(band(39.9), ("muy difícil", "very difficult"));
        assert_eq!(band(40.0), ("algo difícil", "somewhat difficult"));
        assert_eq!(band(54.9), ("algo difícil", "somewhat difficult"));
        assert_eq!(band(55.0), ("normal", "normal"));
        assert_eq!(band(64.9), ("normal", "normal"));
        assert_eq!(band(65.0), ("bastante fácil", "fairly easy"));
        assert_eq!(band(80.0), ("bastante fácil", "fairly easy"));
        assert_eq!(band(80.1), ("muy fácil", "very easy"));
        assert!(Inflesz::VeryDifficult < Inflesz::VeryEasy);
    }

    #[test]
    fn spanish_tags_are_read_as_spanish() {
        use super::super::language::Reading;
        for tag in ["es", "ES", "es-MX", "ES-419", "es-Latn-US", "es_MX"] {
            assert_eq!(Reading::of(tag), Reading::Spanish, "{tag}");
        }
        for tag in ["est", "en", "en-US", "eus", "", "pt-BR"] {
            assert_ne!(Reading::of(tag), Reading::Spanish, "{tag}");
        }
    }

    #[test]
    fn a_plain_spanish_handout_reads_easy() {
        const TEXT: &str = "El dolor puede ser difícil de describir. Cambia de un día a otro. \
            Cuando ve a su médico, es fácil olvidar cómo se sintió la semana pasada. Un diario \
            del dolor es un registro corto que usted escribe cada día. Le ayuda a usted y a su \
            equipo de salud a ver patrones. Anote qué tan fuerte es el dolor, de 0 a 10. Anote \
            también qué lo mejora y qué lo empeora. Lleve su diario a cada cita.";
        let (mut words, mut syllable_count, mut polysyllables) = (0, 0, 0);
        let sentences: Vec<&str> = TEXT
            .split(['.', '!', '?'])
            .filter(|s| s.chars().any(char::is_alphabetic))
            .collect();
        for word in TEXT.split_whitespace() {
            if word.chars().any(char::is_alphabetic) {
                let n = syllables(word);
                words += 1;
                syllable_count += n;
                polysyllables += u32::from(n >= 3);
            }
        }
        let sentence_count = sentences.len() as u32;
        // By hand, sentence by sentence (words, syllables, words of 3+ syllables):
        // El do-lor pue-de ser di-fí-cil de des-cri-bir: 7, 13, 2 (difícil, describir);
        // Cam-bia de un dí-a a o-tro: 6, 9, 0;
        // Cuan-do ve a su mé-di-co, es fá-cil ol-vi-dar có-mo se sin-tió la se-ma-na pa-sa-da:
        //   14, 26, 4 (médico, olvidar, semana, pasada);
        // Un dia-rio del do-lor es un re-gis-tro cor-to que us-ted es-cri-be ca-da dí-a:
        //   13, 23, 2 (registro, escribe);
        // Le a-yu-da a us-ted y a su e-qui-po de sa-lud a ver pa-tro-nes: 13, 21, 3;
        // A-no-te qué tan fuer-te es el do-lor, de 0 a 10: 9, 13, 1 (0 and 10 are not words);
        // A-no-te tam-bién qué lo me-jo-ra y qué lo em-pe-o-ra: 9, 17, 3;
        // Lle-ve su dia-rio a ca-da ci-ta: 6, 10, 0.
        assert_eq!(
            (sentence_count, words, syllable_count, polysyllables),
            (8, 77, 132, 15)
        );
        // Fernández-Huerta = 206.84 − 60 × 132/77 − 1.02 × 77/8
        //   = 206.84 − 102.857 − 9.8175 = 94.165;
        // SMOG = 1.043 × √(15 × 30 / 8) + 3.1291 = 1.043 × 7.5 + 3.1291 = 10.9516,
        // SOL = −2.51 + 0.74 × 10.9516 = 5.594 (English SMOG on the same counts says 11.0);
        // Szigriszt-Pazos = 206.835 − 62.3 × 132/77 − 77/8 = 206.835 − 106.8 − 9.625 = 90.41.
        let ease = fernandez_huerta(words, sentence_count, syllable_count);
        let grade = sol_grade(sentence_count, polysyllables);
        let perspicuity = szigriszt_pazos(words, sentence_count, syllable_count);
        assert_eq!((ease, grade, perspicuity), (94.2, 5.6, 90.4));
        assert_eq!(Inflesz::of(perspicuity), Inflesz::VeryEasy);
        assert!(grade <= 8.0, "SOL {grade}");
        assert!(ease >= 70.0, "Fernández-Huerta {ease}");
    }
}

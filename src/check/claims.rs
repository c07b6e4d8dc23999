//! Unsourced claims: sentences that lean on research ("a study published in …", "research
//! shows", "studies have indicated", a journal named with a year) in a paragraph that gives
//! the reader no way to find it: no link, no footnote, no reference such as "et al." or a DOI.
//!
//! Patient handouts are trusted because of who wrote them; a claim of evidence the reader
//! cannot check borrows trust it has not earned. The finder looks for the ways writers cite,
//! not for any one journal, and marks the phrase that cites.

use std::sync::LazyLock;

use regex::Regex;

use super::prose::Prose;
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::SourceMap;
use crate::model::Inline;

/// Ways of citing research, as one case-insensitive pattern.
static CITES_RESEARCH: LazyLock<Regex> = LazyLock::new(|| {
    let patterns = [
        // "a study published in", "a 2019 review published in", "a case study of 500 adults
        // found": an unnamed study and what it found. ("The trial shows how to use the
        // inhaler" and "this review found no errors in your form" name no study.)
        r"\b(?:a|an|one|another|recent|new|\d{4})\s+(?:[\w-]+\s+){0,3}?(?:study|studies|trial|trials|review|meta-analysis|survey)\b[^.;]{0,80}?\b(?:published|found|finds|showed|shows|suggests?|suggested|reported|reports|highlighted|indicated|indicates|concluded|concludes|demonstrated|revealed)\b",
        // "a report published in", "a paper published by"
        r"\b(?:report|paper|article|analysis)\s+published\s+(?:in|by)\b",
        // "studies show", "research has shown", "studies have indicated", "evidence suggests"
        r"\b(?:studies|research|researchers|scientists|evidence|trials)\s+(?:have\s+|has\s+|had\s+)?(?:show|shows|shown|showed|suggest|suggests|suggested|indicate|indicates|indicated|find|found|finds|prove|proves|proved|proven|demonstrate|demonstrates|demonstrated|confirm|confirms|confirmed|reveal|reveals|revealed)\b",
        // "according to a recent study", "according to research"
        r"\baccording\s+to\s+(?:a|an|the|recent|new|some)?\s*(?:\w+\s+)?(?:study|studies|research|survey|report|experts|scientists|researchers|data)\b",
        // "clinically proven", "scientifically proven"
        r"\b(?:clinically|scientifically|medically)\s+(?:proven|tested|shown)\b",
        // "the Journal of Pain Research (2020)", "The Lancet, 2019"
        r"\b(?:journal\s+of\s+[\w&\s-]{2,60}?|the\s+lancet|lancet|jama|bmj|nejm|new\s+england\s+journal\s+of\s+medicine|cochrane\s+review|plos\s+one)\b[^.]{0,40}?\(?\b(?:19|20)\d{2}\b",
        // "a 2019 study", "the 2021 review"
        r"\b(?:a|an|the|one)\s+(?:19|20)\d{2}\s+(?:study|review|trial|meta-analysis|survey)\b",
        // Spanish: "un estudio publicado en", "un estudio de 2019 encontró"
        r"\b(?:un|una|otro|otra|nuevo|nueva|reciente|\d{4})\s+(?:[\w-]+\s+){0,3}?(?:estudio|estudios|ensayo|ensayos|revisi[oó]n|metaan[aá]lisis|encuesta)\b[^.;]{0,80}?\b(?:publicad[oa]s?|encontr[oó]|encontraron|demostr[oó]|demostraron|mostr[oó]|mostraron|sugiere|sugieren|indica|indican|conclu[yí]|concluyeron|revel[oó]|hall[oó])",
        // "los estudios demuestran", "la investigación ha demostrado", "los expertos indican"
        r"\b(?:estudios|investigaci[oó]n|investigaciones|investigadores|cient[ií]ficos|expertos|ensayos)\s+(?:han\s+|ha\s+)?(?:demuestran|demuestra|demostrado|muestran|muestra|mostrado|sugieren|sugiere|sugerido|indican|indica|indicado|confirman|confirma|confirmado|revelan|revela|revelado|prueban|prueba|probado)",
        // "según un estudio", "según los expertos"
        r"\bseg[uú]n\s+(?:un|una|el|la|los|las|recientes?|nuevos?)?\s*(?:estudios?|investigaci[oó]n|investigaciones|expertos|cient[ií]ficos|datos|encuestas?)",
    ];
    // ASCII word boundaries: with Unicode ones the regex crate cannot use its fast DFA on
    // text with any non-ASCII letter, and this runs over every paragraph of a book.
    // ASCII classes too: Unicode `\w` repeated sixty times makes a DFA too large to build
    // lazily, and the search falls back to a slow engine.
    let pattern = format!("(?i)(?:{})", patterns.join("|"))
        .replace(r"\b", r"(?-u:\b)")
        .replace(r"\w", r"[a-z0-9_]")
        .replace(r"\s", r"[ \t\r\n]")
        .replace(r"\d", r"[0-9]");
    Regex::new(&pattern).unwrap_or_else(|e| {
        // The patterns are constants: this is a bug in folio, found by the unit tests.
        panic!("the research-citation pattern does not compile: {e}")
    })
});

/// Signs that a paragraph says where its evidence is, besides links and footnotes.
static GIVES_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    // "et al.", a DOI, a PubMed id, an ISBN, or an author and year in brackets
    // ("(Smith, JAMA 2019)", "(Lee and Park, 2020)").
    Regex::new(concat!(
        r"(?i:(?-u:\b)(?:et\s+al\.|doi:\s*10\.|doi\.org/|pmid:?\s*[0-9]|isbn(?-u:\b)))",
        r"|\([A-Z][A-Za-z'-]+(?:\s+(?:and|&)\s+[A-Z][A-Za-z'-]+|\s+et\s+al\.)?,[^()]{0,60}?(?:19|20)[0-9]{2}[a-z]?\)"
    ))
        .unwrap_or_else(|e| panic!("the reference pattern does not compile: {e}"))
});

pub fn check(prose: &Prose<'_>, map: &SourceMap<'_>, path: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut sentences = prose.sentences.iter().peekable();
    for (index, unit) in prose.units.iter().enumerate() {
        // One scan of the paragraph; each sentence is flagged once, at its first citation.
        let mut flagged_up_to = 0;
        let mut checked_source: Option<bool> = None;
        for found in CITES_RESEARCH.find_iter(&unit.text) {
            if found.start() < flagged_up_to {
                continue;
            }
            let sourced = *checked_source.get_or_insert_with(|| {
                is_sourced(unit.content) || GIVES_REFERENCE.is_match(&unit.text)
            });
            if sourced {
                break;
            }
            while sentences
                .next_if(|s| s.unit < index || (s.unit == index && s.range.end <= found.start()))
                .is_some()
            {}
            flagged_up_to = sentences
                .peek()
                .filter(|s| s.unit == index)
                .map_or(unit.text.len(), |s| s.range.end);
            let range = map.align(map.block(unit.span), &unit.text, found.range());
            out.push(
                Diagnostic::new(
                    Code::UnsourcedClaim,
                    path,
                    map.location(range),
                    "this sentence cites research but its paragraph gives no source",
                )
                .label("cites research")
                .help(
                    "link the study or add a footnote with its authors, title, journal and \
                     year; if no source can be found, take the claim out",
                ),
            );
        }
    }
    out
}

/// Whether inlines hold a link or a footnote reference.
fn is_sourced(content: &[Inline]) -> bool {
    content.iter().any(|inline| match inline {
        Inline::Link { .. } | Inline::FootnoteRef { .. } => true,
        Inline::Emph { content } | Inline::Strong { content } | Inline::Strike { content } => {
            is_sourced(content)
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cites(text: &str) -> bool {
        CITES_RESEARCH.is_match(text)
    }

    #[test]
    fn spanish_citations_without_a_source_are_found() {
        for sentence in [
            "Un estudio publicado en 2020 encontró menos dolor.",
            "Los estudios demuestran que caminar ayuda.",
            "Según un estudio reciente, el kratom es seguro.",
        ] {
            assert!(CITES_RESEARCH.is_match(sentence), "{sentence}");
        }
        assert!(!CITES_RESEARCH.is_match("Lleve su diario a cada cita."));
    }

    #[test]
    fn ways_of_citing_research_are_found() {
        for text in [
            "For instance, a study published in the Journal of Pain Research (2020) highlighted it.",
            "For instance, a 2019 review published in the Journal of Pain Research highlighted it.",
            "A case study published in Journal of Pain Research (2021) reported relief.",
            "Studies show that kratom has low potential for abuse.",
            "Studies have indicated its potential to reduce pain.",
            "Research shows that walking helps.",
            "According to a recent study, sleep matters.",
            "This tea is clinically proven to work.",
            "As The Lancet reported in 2019, rates fell.",
        ] {
            assert!(cites(text), "{text}");
        }
    }

    #[test]
    fn ordinary_sentences_are_not_claims() {
        for text in [
            "Keep a pain diary for two weeks.",
            "Your doctor can review your notes with you.",
            "Studying your diary helps you see patterns.",
            "Bring the report from your last visit.",
            "The data show your blood sugar is high.",
            "Experts found the lump early.",
            "This review found no errors in your form.",
            "The trial shows how to use the inhaler.",
            "Bring the survey in by Friday.",
            "A new study in your area is looking for volunteers.",
            "In 2021 review your list.",
            "Show your diary to your care team.",
            "Pain can be hard to describe.",
        ] {
            assert!(!cites(text), "{text}");
        }
    }

    fn findings(markdown: &str) -> Vec<Diagnostic> {
        let doc = crate::read::read_str(markdown, "t.md", crate::read::Flavour::Markdown).unwrap();
        let prose = Prose::of(&doc);
        check(&prose, &SourceMap::new(markdown), "t.md")
    }

    #[test]
    fn a_claim_is_flagged_with_its_line_unless_its_paragraph_has_a_source() {
        let found = findings("Intro.\n\nWalk daily.\nStudies show it helps. Rest too.\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].location.line, 4);
        assert_eq!(found[0].location.column, 1);
        assert_eq!(found[0].code, Code::UnsourcedClaim);
        assert!(findings("Studies show it helps ([trial](https://doi.org/10.1/x)).\n").is_empty());
        assert!(findings("Studies show it helps.[^1]\n\n[^1]: Smith, 2020.\n").is_empty());
        assert!(findings("Studies show it helps (Smith et al., 2020).\n").is_empty());
        assert!(findings("Studies show smoking hurts (Smith, JAMA 2019).\n").is_empty());
        assert_eq!(findings("A study of 500 adults found it helps.\n").len(), 1);
    }
}

//! Cutting a run into the pieces the word cache keeps ([`super::fonts`]): a word and the
//! spaces after it, shaped in the script of the whole run.

/// The script the shaper would guess for `run`: that of its first character with a script of
/// its own (not Common or Inherited), usually its first letter. Found without loading the
/// whole run into a shaping buffer, which cost as much as shaping it from the word cache.
pub fn run_script(run: &str) -> rustybuzz::Script {
    use unicode_script::{Script, UnicodeScript};
    let first = run.chars().find(|c| {
        !matches!(
            c.script(),
            Script::Common | Script::Inherited | Script::Unknown
        )
    });
    match first {
        Some(c) if c.is_ascii() => rustybuzz::script::LATIN,
        Some(c) => {
            let mut probe = rustybuzz::UnicodeBuffer::new();
            probe.add(c, 0);
            probe.guess_segment_properties();
            probe.script()
        }
        None => rustybuzz::script::UNKNOWN,
    }
}

/// `text` cut after each run of spaces: `"a  b c"` → `"a  "`, `"b "`, `"c"`, with offsets.
pub fn pieces(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let mut seen_space = false;
        while let Some(&(i, c)) = chars.peek() {
            if c == ' ' {
                seen_space = true;
            } else if seen_space {
                let piece = (start, &text[start..i]);
                start = i;
                return Some(piece);
            }
            chars.next();
        }
        let piece = (start, &text[start..]);
        start = text.len();
        Some(piece)
    })
}

/// `text` cut between characters, each with the marks that belong to it: combining marks
/// (the handakuten of か゚), variation selectors (葛󠄀, a name's own form of a character) and
/// what a zero-width joiner joins. Shaped alone, each piece gives what it gives in its run.
pub fn characters(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = chars.next()?;
        let mut end = start + first.len_utf8();
        let mut joined = first == '\u{200D}';
        while let Some(&(at, c)) = chars.peek() {
            if !(joined || belongs_to_previous(c)) {
                break;
            }
            joined = c == '\u{200D}';
            end = at + c.len_utf8();
            chars.next();
        }
        Some((start, &text[start..end]))
    })
}

/// Whether `c` is drawn with the character before it.
fn belongs_to_previous(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
        || matches!(
            c,
            '\u{FE00}'..='\u{FE0F}' | '\u{200D}' | '\u{3099}' | '\u{309A}'
        )
        || ('\u{E0100}'..='\u{E01EF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_keep_their_marks_and_selectors() {
        let text = "葛\u{E0100}か\u{309A}高。";
        let cut: Vec<&str> = characters(text).map(|(_, piece)| piece).collect();
        assert_eq!(cut, ["葛\u{E0100}", "か\u{309A}", "高", "。"]);
        assert_eq!(characters("").count(), 0);
    }

    #[test]
    fn a_run_takes_the_script_of_its_first_letter_as_the_shaper_would() {
        for run in [
            "12 apples",
            "«Привет» мир",
            "(שלום)",
            "3.5 μg",
            "",
            "123 !?",
            "é",
        ] {
            let mut buffer = rustybuzz::UnicodeBuffer::new();
            buffer.push_str(run);
            buffer.guess_segment_properties();
            assert_eq!(run_script(run), buffer.script(), "{run}");
        }
    }

    #[test]
    fn text_is_cut_after_runs_of_spaces() {
        let cut: Vec<_> = pieces("a  b c").collect();
        assert_eq!(cut, [(0, "a  "), (3, "b "), (5, "c")]);
        assert_eq!(pieces("").count(), 0);
        assert_eq!(pieces("  x").collect::<Vec<_>>(), [(0, "  "), (2, "x")]);
        assert_eq!(pieces("é ü").collect::<Vec<_>>(), [(0, "é "), (3, "ü")]);
    }
}

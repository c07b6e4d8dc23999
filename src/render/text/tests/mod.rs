//! Tests of the plain-text writer: its conventions, end to end from models ([`tables`]:
//! tables).

mod tables;

use super::*;
use crate::model::{
    Align, Block, CalloutKind, Cell, Definition, Document, Footnote, Inline, ListItem, Meta,
    Source, Span,
};
use unicode_width::UnicodeWidthStr;

const S: Span = Span {
    line: 0,
    column: 0,
    end_line: 0,
    end_column: 0,
};

// ----- builders ----------------------------------------------------------------------------

fn t(s: &str) -> Inline {
    Inline::text(s)
}

fn para(content: Vec<Inline>) -> Block {
    Block::Paragraph { content, span: S }
}

fn p(s: &str) -> Block {
    para(vec![t(s)])
}

fn heading(level: u8, id: &str, text: &str) -> Block {
    Block::Heading {
        level,
        id: id.into(),
        content: vec![t(text)],
        span: S,
    }
}

fn link(url: &str, text: &str) -> Inline {
    Inline::Link {
        url: url.into(),
        title: None,
        content: vec![t(text)],
    }
}

fn list(start: Option<u64>, tight: bool, items: Vec<ListItem>) -> Block {
    Block::List {
        start,
        tight,
        items,
        span: S,
    }
}

fn item(blocks: Vec<Block>) -> ListItem {
    ListItem {
        task: None,
        blocks,
        span: S,
    }
}

fn task(done: bool, text: &str) -> ListItem {
    ListItem {
        task: Some(done),
        blocks: vec![p(text)],
        span: S,
    }
}

fn cell(text: &str) -> Cell {
    Cell {
        content: if text.is_empty() {
            vec![]
        } else {
            vec![t(text)]
        },
    }
}

fn cells(texts: &[&str]) -> Vec<Cell> {
    texts.iter().map(|s| cell(s)).collect()
}

fn table(align: Vec<Align>, head: &[&str], rows: &[&[&str]]) -> Block {
    Block::Table {
        align,
        head: cells(head),
        rows: rows.iter().map(|r| cells(r)).collect(),
        span: S,
    }
}

fn footnote(label: &str, number: Option<u32>, blocks: Vec<Block>) -> Footnote {
    Footnote {
        label: label.into(),
        number,
        blocks,
        span: S,
    }
}

fn doc(blocks: Vec<Block>) -> Document {
    Document {
        meta: Meta::default(),
        blocks,
        footnotes: vec![],
        source: Source::default(),
    }
}

fn at(d: &Document, width: usize) -> String {
    render(d, &TextOptions { width })
}

/// A document exercising every block and inline kind.
fn kitchen_sink() -> Document {
    let mut d = doc(vec![
        heading(1, "intro", "Introduction to\tthe guide"),
        para(vec![
            t("Take "),
            Inline::Strong {
                content: vec![t("two")],
            },
            t(" pills "),
            link("https://example.org/dose", "as described"),
            Inline::FootnoteRef { label: "n".into() },
            Inline::SoftBreak,
            t("daily."),
            Inline::LineBreak,
            t("Then rest."),
        ]),
        list(
            Some(1),
            false,
            vec![
                item(vec![p("first item with enough words to wrap the line")]),
                item(vec![
                    p("second"),
                    list(None, true, vec![task(true, "nested done")]),
                ]),
            ],
        ),
        Block::Quote {
            blocks: vec![
                p("quoted words"),
                Block::Quote {
                    blocks: vec![p("deeper quoted words")],
                    span: S,
                },
            ],
            span: S,
        },
        Block::Callout {
            kind: CalloutKind::Caution,
            title: None,
            blocks: vec![p("careful now")],
            span: S,
        },
        Block::Code {
            lang: Some("rust".into()),
            text: "fn main() {\n\tprintln!(\"hi\");   \n}\n".into(),
            span: S,
        },
        Block::Math {
            tex: "a^2 + b^2 = c^2".into(),
            span: S,
        },
        table(
            vec![Align::Left, Align::Right],
            &["Drug", "Dose"],
            &[&["Aspirin", "100 mg"]],
        ),
        Block::DefinitionList {
            items: vec![Definition {
                term: vec![t("Term")],
                details: vec![vec![p("meaning of term")]],
                span: S,
            }],
            span: S,
        },
        Block::Rule { span: S },
        Block::Html {
            raw: "<p>html words</p>".into(),
            span: S,
        },
    ]);
    d.meta.title = "Kitchen sink".into();
    d.meta.authors = vec!["Ann".into()];
    d.footnotes = vec![footnote("n", Some(1), vec![p("note words")])];
    d
}

// ----- header ------------------------------------------------------------------------------

#[test]
fn header_lists_present_fields_in_order() {
    let mut d = doc(vec![p("Body.")]);
    d.meta = Meta {
        title: "Aspirin guide".into(),
        subtitle: Some("For patients".into()),
        authors: vec!["Ana".into(), "Bo".into()],
        date: Some("2024-05-01".into()),
        organization: Some("Clinic".into()),
        reviewed_by: Some("Dr. X".into()),
        review_date: Some("2024-06-01".into()),
        version: Some("2".into()),
        summary: Some("Kept for the archive.".into()),
        ..Meta::default()
    };
    d.source.path = Some("docs/aspirin.md".into());
    assert_eq!(
        at(&d, 72),
        "=============\n\
         Aspirin guide\n\
         =============\n\
         For patients\n\
         \n\
         Authors: Ana and Bo\n\
         Date: 2024-05-01\n\
         Organization: Clinic\n\
         Reviewed by: Dr. X\n\
         Review date: 2024-06-01\n\
         Version: 2\n\
         Source: docs/aspirin.md\n\
         \n\
         summary: Kept for the archive.\n\
         \n\
         Body.\n"
    );
}

#[test]
fn header_wraps_title_and_field_values() {
    let mut d = doc(vec![]);
    d.meta.title = "A rather long document title here".into();
    d.meta.authors = vec![
        "Alice Smith".into(),
        "Bob Jones".into(),
        "Carol White".into(),
    ];
    d.meta.date = Some("2024".into());
    assert_eq!(
        at(&d, 30),
        "============================\n\
         A rather long document title\n\
         here\n\
         ============================\n\
         \n\
         Authors: Alice Smith, Bob\n\
         \x20        Jones and Carol White\n\
         Date: 2024\n"
    );
    d.meta.title = "A rather long document title".into();
    d.meta.date = None;
    d.meta.authors.clear();
    assert_eq!(
        at(&d, 20),
        "==============\nA rather long\ndocument title\n==============\n"
    );
}

#[test]
fn empty_document_is_one_newline() {
    assert_eq!(at(&doc(vec![]), 72), "\n");
    let mut d = doc(vec![]);
    d.meta.title = "T".into();
    assert_eq!(at(&d, 72), "=\nT\n=\n");
}

// ----- headings and paragraphs -------------------------------------------------------------

#[test]
fn headings_are_underlined_by_level() {
    let d = doc(vec![
        heading(1, "a", "One"),
        heading(2, "b", "Two"),
        heading(3, "c", "Three"),
        heading(4, "d", "Four"),
        heading(5, "e", "Five"),
        heading(6, "f", "Six"),
        heading(2, "g", "日本 Mixed Case"),
        p("Text."),
    ]);
    assert_eq!(
        at(&d, 72),
        "One\n===\n\nTwo\n---\n\nThree\n~~~~~\n\nFour\n^^^^\n\nFive\n\"\"\"\"\n\n\
         Six\n...\n\n日本 Mixed Case\n---------------\n\nText.\n"
    );
}

#[test]
fn paragraphs_wrap_at_width_on_spaces() {
    let d = doc(vec![p(
        "The quick brown fox jumps over the lazy dog again and again.",
    )]);
    assert_eq!(
        at(&d, 20),
        "The quick brown fox\njumps over the lazy\ndog again and again.\n"
    );
    let wide = at(&d, 72);
    assert_eq!(
        wide,
        "The quick brown fox jumps over the lazy dog again and again.\n"
    );
}

#[test]
fn long_words_are_split_but_urls_overflow_alone() {
    let d = doc(vec![p("a supercalifragilisticexpialidocious b")]);
    assert_eq!(at(&d, 20), "a\nsupercalifragilistic\nexpialidocious b\n");

    let d = doc(vec![p("see https://example.com/a/very/long/path ok")]);
    assert_eq!(
        at(&d, 20),
        "see\nhttps://example.com/a/very/long/path\nok\n"
    );
}

#[test]
fn soft_breaks_are_spaces_and_hard_breaks_end_lines() {
    let d = doc(vec![para(vec![
        t("one"),
        Inline::SoftBreak,
        t("two  \t three"),
        Inline::LineBreak,
        t("four"),
        Inline::LineBreak,
    ])]);
    assert_eq!(at(&d, 72), "one two three\nfour\n");
}

#[test]
fn inline_markup_is_light() {
    let d = doc(vec![para(vec![
        t("Take "),
        Inline::Strong {
            content: vec![t("two")],
        },
        t(" pills, "),
        Inline::Strike {
            content: vec![t("three")],
        },
        t(" not "),
        Inline::Emph {
            content: vec![t("four")],
        },
        t(", run "),
        Inline::Code {
            code: "ls -l".into(),
        },
        t(", "),
        Inline::Math {
            display: false,
            tex: "x^2".into(),
        },
        t(" and "),
        Inline::Math {
            display: true,
            tex: "y".into(),
        },
    ])]);
    assert_eq!(
        at(&d, 72),
        "Take two pills, ~~three~~ not four, run ls -l, $x^2$ and $$y$$\n"
    );
}

#[test]
fn east_asian_text_breaks_between_ideographs() {
    let d = doc(vec![p("漢字漢字漢字漢字漢字漢字。")]);
    assert_eq!(at(&d, 20), "漢字漢字漢字漢字漢字\n漢字。\n");
}

// ----- lists -------------------------------------------------------------------------------

#[test]
fn nested_lists_hang_and_number_right_aligned() {
    let d = doc(vec![list(
        Some(9),
        true,
        vec![
            item(vec![p("nine")]),
            item(vec![
                p("ten"),
                list(
                    None,
                    true,
                    vec![item(vec![
                        p("alpha beta gamma delta epsilon"),
                        list(None, true, vec![item(vec![p("deep")])]),
                    ])],
                ),
            ]),
        ],
    )]);
    assert_eq!(
        at(&d, 30),
        " 9. nine\n\
         10. ten\n\
         \x20   * alpha beta gamma delta\n\
         \x20     epsilon\n\
         \x20     + deep\n"
    );
}

#[test]
fn task_items_hang_after_the_checkbox() {
    let d = doc(vec![list(
        None,
        true,
        vec![
            task(false, "buy milk and bread and butter and jam"),
            task(true, "done"),
            item(vec![]),
        ],
    )]);
    assert_eq!(
        at(&d, 30),
        "- [ ] buy milk and bread and\n      butter and jam\n- [x] done\n-\n"
    );
}

#[test]
fn loose_lists_separate_items_and_blocks() {
    let d = doc(vec![list(
        Some(1),
        false,
        vec![item(vec![p("a"), p("b")]), item(vec![p("c")])],
    )]);
    assert_eq!(at(&d, 72), "1. a\n\n   b\n\n2. c\n");
}

#[test]
fn deep_nesting_keeps_text_room_and_words() {
    let mut block = p("alpha beta gamma delta epsilon");
    for level in 0..40 {
        block = list(
            None,
            true,
            vec![item(vec![p(&format!("level{level}")), block])],
        );
    }
    let out = at(&doc(vec![block]), 30);
    for level in 0..40 {
        assert!(
            out.contains(&format!("level{level}\n")),
            "level{level} lost"
        );
    }
    let deepest: Vec<&str> = out.lines().rev().take(2).map(str::trim).collect();
    assert_eq!(deepest, ["delta epsilon", "alpha beta gamma"]);
    let innermost = out.lines().rev().nth(2).map(str::trim);
    assert_eq!(innermost, Some("- level0"));
}

// ----- quotes, callouts, code, math ------------------------------------------------------

#[test]
fn quotes_are_prefixed_and_wrapped_inside_the_prefix() {
    let d = doc(vec![Block::Quote {
        blocks: vec![
            p("one two three four five six seven"),
            Block::Quote {
                blocks: vec![p("nested words here")],
                span: S,
            },
        ],
        span: S,
    }]);
    assert_eq!(
        at(&d, 24),
        "> one two three four\n> five six seven\n>\n> > nested words here\n"
    );
}

fn callout(kind: CalloutKind, title: Option<&str>, blocks: Vec<Block>) -> Block {
    Block::Callout {
        kind,
        title: title.map(String::from),
        blocks,
        span: S,
    }
}

#[test]
fn callouts_say_their_label_and_title() {
    let d = doc(vec![
        callout(CalloutKind::Note, None, vec![p("Read this.")]),
        callout(
            CalloutKind::Warning,
            Some("Stop here"),
            vec![p("a"), p("b")],
        ),
        callout(CalloutKind::Tip, Some("TIP"), vec![]),
        callout(CalloutKind::Important, None, vec![]),
    ]);
    assert_eq!(
        at(&d, 72),
        "| Note\n|\n| Read this.\n\n\
         | Warning: Stop here\n|\n| a\n|\n| b\n\n\
         | Tip\n\n\
         | Important\n"
    );
}

#[test]
fn code_is_indented_verbatim_with_tabs_expanded() {
    let d = doc(vec![
        Block::Code {
            lang: None,
            text: "\nfn main() {\n\tlet x = 1;   \n\n\tprintln!(\"{x}\");\n}\n\n".into(),
            span: S,
        },
        Block::Code {
            lang: None,
            text: "a\tb\r\nlet very_long_identifier_name = another_long_identifier;".into(),
            span: S,
        },
    ]);
    assert_eq!(
        at(&d, 20),
        "    fn main() {\n        let x = 1;\n\n        println!(\"{x}\");\n    }\n\n\
         \x20   a   b\n\
         \x20   let very_long_identifier_name = another_long_identifier;\n"
    );
}

#[test]
fn display_math_is_indented_tex() {
    let d = doc(vec![Block::Math {
        tex: "\\frac{a}{b}\n= c".into(),
        span: S,
    }]);
    assert_eq!(at(&d, 72), "    \\frac{a}{b}\n    = c\n");
}

#[test]
fn rule_is_centred() {
    let d = doc(vec![p("a"), Block::Rule { span: S }, p("b")]);
    assert_eq!(at(&d, 20), "a\n\n       * * *\n\nb\n");
}

// ----- links and footnotes -----------------------------------------------------------------

#[test]
fn links_are_numbered_deduplicated_and_listed() {
    let d = doc(vec![
        para(vec![
            t("See "),
            link("https://a.example", "site A"),
            t(", "),
            Inline::Link {
                url: "https://b.example".into(),
                title: Some("Bee".into()),
                content: vec![t("site B")],
            },
            t(" and "),
            link("https://a.example", "again"),
            t(". Mail "),
            link("mailto:x@y.org", "x@y.org"),
            t(" or "),
            link("https://c.example", "https://c.example"),
            t(" or "),
            link("https://www.d.example", "www.d.example"),
            t(". "),
            Inline::Image {
                url: "pic.png".into(),
                alt: "A cat".into(),
                title: None,
            },
            t(" "),
            link("#dosage", "below"),
            t(" "),
            link("#dosage", "Dosage"),
            t(" "),
            link("#nowhere", "gone"),
            t(" "),
            link("https://e.example", ""),
        ]),
        heading(1, "dosage", "Dosage"),
    ]);
    assert_eq!(
        at(&d, 200),
        "See site A [1], site B [2] and again [1]. Mail x@y.org or https://c.example or \
         www.d.example. [Image: A cat] [3] below [see: Dosage] Dosage gone \
         https://e.example\n\
         \n\
         Dosage\n\
         ======\n\
         \n\
         Links\n\
         =====\n\
         \n\
         [1] https://a.example\n\
         [2] https://b.example\n\
         \x20   \"Bee\"\n\
         [3] pic.png\n"
    );
}

#[test]
fn reference_markers_stay_with_their_text() {
    let d = doc(vec![para(vec![
        t("aaaaaaaaaaaaaa "),
        link("https://x.example", "link"),
        t(", b"),
    ])]);
    let out = at(&d, 20);
    assert!(out.starts_with("aaaaaaaaaaaaaa\nlink [1], b\n"), "{out}");
}

#[test]
fn many_links_align_their_list() {
    let content: Vec<Inline> = (1..=10)
        .map(|n| link(&format!("https://e.x/{n}"), &format!("l{n}")))
        .collect();
    let out = at(&doc(vec![para(content)]), 72);
    assert!(out.contains("\n[1]  https://e.x/1\n"), "{out}");
    assert!(out.ends_with("\n[10] https://e.x/10\n"), "{out}");
}

#[test]
fn footnotes_are_printed_in_number_order_under_notes() {
    let mut d = doc(vec![para(vec![
        t("Fact"),
        Inline::FootnoteRef { label: "b".into() },
        t(" and "),
        link("https://m.example", "more"),
        Inline::FootnoteRef { label: "a".into() },
        t(". Bad"),
        Inline::FootnoteRef { label: "zz".into() },
    ])]);
    d.footnotes = vec![
        footnote("a", Some(2), vec![p("Second note.")]),
        footnote(
            "b",
            Some(1),
            vec![
                p("First note, long enough to wrap here."),
                para(vec![t("See "), link("https://n.example", "this")]),
            ],
        ),
        footnote("c", None, vec![p("Orphan never shown.")]),
    ];
    assert_eq!(
        at(&d, 30),
        "Fact[^1] and more [1][^2].\n\
         Bad[^zz]\n\
         \n\
         Notes\n\
         =====\n\
         \n\
         [^1] First note, long enough\n\
         \x20    to wrap here.\n\
         \n\
         \x20    See this [2]\n\
         \n\
         [^2] Second note.\n\
         \n\
         Links\n\
         =====\n\
         \n\
         [1] https://m.example\n\
         [2] https://n.example\n"
    );
}

// ----- definition lists and HTML -----------------------------------------------------------

#[test]
fn definition_details_are_indented_under_the_term() {
    let d = doc(vec![Block::DefinitionList {
        items: vec![
            Definition {
                term: vec![t("Term one")],
                details: vec![vec![p("Details of the first term.")], vec![p("Second.")]],
                span: S,
            },
            Definition {
                term: vec![t("Term two")],
                details: vec![vec![p("More words that need wrapping here.")]],
                span: S,
            },
        ],
        span: S,
    }]);
    assert_eq!(
        at(&d, 30),
        "Term one\n    Details of the first term.\n\n    Second.\n\n\
         Term two\n    More words that need\n    wrapping here.\n"
    );
}

#[test]
fn raw_html_blocks_keep_only_prose() {
    let d = doc(vec![
        Block::Html {
            raw: "<div class=\"a>b\">Hello &amp; welcome<br/>to <b>the</b> clinic</div>\n\
                  <!-- hidden comment -->\n<style>p { color: red }</style>\
                  <script>var a = 1 < 2;</script>\
                  <p>Tom &lt;3 &quot;Jerry&quot; &#39;s&#x21; &unknown; &nbsp;x</p>"
                .into(),
            span: S,
        },
        Block::Html {
            raw: "1 < 2 and 3 > 2".into(),
            span: S,
        },
        Block::Html {
            raw: "<!-- only a comment -->".into(),
            span: S,
        },
    ]);
    assert_eq!(
        at(&d, 72),
        "Hello & welcome\nto the clinic Tom <3 \"Jerry\" 's! &unknown; \u{a0}x\n\n1 < 2 and 3 > 2\n"
    );
}

#[test]
fn inline_html_drops_tags_and_script_contents() {
    let html = |raw: &str| Inline::Html { raw: raw.into() };
    let d = doc(vec![para(vec![
        t("Press "),
        html("<kbd>"),
        t("Ctrl"),
        html("</kbd>"),
        t(" now"),
        html("<script>"),
        t("evil()"),
        html("</script>"),
        t(" ok"),
        html("<br>"),
        t("next"),
    ])]);
    assert_eq!(at(&d, 72), "Press Ctrl now ok\nnext\n");
}

// ----- global guarantees -------------------------------------------------------------------

#[test]
fn output_is_nfc() {
    let mut d = doc(vec![
        heading(2, "x", "e\u{301}te\u{301}"),
        p("Cafe\u{301} cre\u{300}me"),
        Block::Code {
            lang: None,
            text: "ne\u{301}".into(),
            span: S,
        },
    ]);
    d.meta.title = "A\u{30a}".into();
    assert_eq!(
        at(&d, 72),
        "=\n\u{c5}\n=\n\n\u{e9}t\u{e9}\n---\n\nCaf\u{e9} cr\u{e8}me\n\n    n\u{e9}\n"
    );
}

#[test]
fn no_trailing_whitespace_no_tabs_one_final_newline() {
    for width in [0, 20, 33, 72, 120] {
        let out = at(&kitchen_sink(), width);
        assert!(out.ends_with('\n') && !out.ends_with("\n\n"), "{out}");
        assert!(!out.contains('\t'), "{out}");
        assert!(!out.contains("\n\n\n"), "{out}");
        for line in out.lines() {
            assert_eq!(line, line.trim_end(), "trailing space in {line:?}");
        }
    }
}

#[test]
fn lines_fit_the_width_except_unsplittable_urls() {
    let out = at(&kitchen_sink(), 24);
    for line in out.lines().filter(|line| !line.contains("://")) {
        assert!(line.width() <= 24, "too wide: {line:?}");
    }
}

#[test]
fn every_source_word_survives_in_order() {
    let out = at(&kitchen_sink(), 24);
    let tokens: Vec<&str> = out.split_whitespace().collect();
    let words = "Introduction to the guide Take two pills as described daily. Then rest. \
                 first item with enough words to wrap the line second nested done \
                 quoted words deeper quoted words careful now println!(\"hi\"); \
                 a^2 + b^2 = c^2 Drug Dose Aspirin 100 mg Term meaning of term \
                 html words note words https://example.org/dose";
    let mut at_token = 0;
    for word in words.split_whitespace() {
        let found = tokens[at_token..].iter().position(|tok| tok.contains(word));
        match found {
            Some(i) => at_token += i,
            None => panic!("{word:?} missing or out of order in\n{out}"),
        }
    }
}

#[test]
fn rendering_is_deterministic() {
    let first = at(&kitchen_sink(), 40);
    for _ in 0..5 {
        assert_eq!(at(&kitchen_sink(), 40), first);
    }
}

#[test]
fn kitchen_sink_exact() {
    assert_eq!(
        at(&kitchen_sink(), 40),
        "============\n\
         Kitchen sink\n\
         ============\n\
         \n\
         Authors: Ann\n\
         \n\
         Introduction to the guide\n\
         =========================\n\
         \n\
         Take two pills as described [1][^1]\n\
         daily.\n\
         Then rest.\n\
         \n\
         1. first item with enough words to wrap\n\
         \x20  the line\n\
         \n\
         2. second\n\
         \n\
         \x20  * [x] nested done\n\
         \n\
         > quoted words\n\
         >\n\
         > > deeper quoted words\n\
         \n\
         | Caution\n\
         |\n\
         | careful now\n\
         \n\
         \x20   fn main() {\n\
         \x20       println!(\"hi\");\n\
         \x20   }\n\
         \n\
         \x20   a^2 + b^2 = c^2\n\
         \n\
         Drug    |   Dose\n\
         --------+-------\n\
         Aspirin | 100 mg\n\
         \n\
         Term\n\
         \x20   meaning of term\n\
         \n\
         \x20                * * *\n\
         \n\
         html words\n\
         \n\
         Notes\n\
         =====\n\
         \n\
         [^1] note words\n\
         \n\
         Links\n\
         =====\n\
         \n\
         [1] https://example.org/dose\n"
    );
}

#[test]
fn width_is_clamped() {
    let d = doc(vec![p(
        "The quick brown fox jumps over the lazy dog again and again.",
    )]);
    let at_min = at(&d, MIN_WIDTH);
    assert_eq!(at(&d, 0), at_min);
    assert_eq!(at(&d, 5), at_min);
    assert_eq!(TextOptions::default().width, 72);
    assert_eq!(at_min.lines().count(), 3);
}

#[test]
fn odd_models_do_not_panic() {
    let d = doc(vec![
        heading(0, "", ""),
        heading(200, "z", "deep"),
        para(vec![]),
        list(Some(u64::MAX), true, vec![item(vec![]), item(vec![])]),
        Block::Quote {
            blocks: vec![],
            span: S,
        },
        Block::Code {
            lang: None,
            text: String::new(),
            span: S,
        },
        Block::DefinitionList {
            items: vec![Definition {
                term: vec![],
                details: vec![vec![]],
                span: S,
            }],
            span: S,
        },
        Block::Html {
            raw: "<script>never closed".into(),
            span: S,
        },
        Block::Html {
            raw: "<a href='x".into(),
            span: S,
        },
        para(vec![Inline::Image {
            url: String::new(),
            alt: String::new(),
            title: None,
        }]),
    ]);
    assert_eq!(
        at(&d, 0),
        "deep\n....\n\n18446744073709551615.\n18446744073709551615.\n\n<a href='x\n\n[Image]\n"
    );
}

#[test]
fn front_matter_nothing_else_shows_is_kept_in_a_header_block() {
    let doc = crate::read::read_str(
        "---\ntitle: Pain\nsummary: Short.\nkeywords: [pain, diary]\naudience: adults\ncheck:\n  readability: off\n---\n\nText.\n",
        "a.md",
        crate::read::Flavour::Markdown,
    )
    .unwrap();
    let out = render(&doc, &TextOptions::default());
    for line in [
        "summary: Short.",
        "keywords: pain, diary",
        "language: en",
        "audience: adults",
        "check: {\"readability\":\"off\"}",
    ] {
        assert!(out.lines().any(|l| l == line), "{line:?} in\n{out}");
    }
    // Before the body.
    assert!(out.find("audience").unwrap() < out.find("Text.").unwrap());
}

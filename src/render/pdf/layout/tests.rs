//! Tests of the whole layout with the built-in fonts: pages, keeps, furniture, anchors,
//! margins and overlaps.

use std::collections::BTreeMap;

use super::*;
use crate::format::Variant;
use std::collections::BTreeSet;

use crate::read::{Flavour, read_str};
use crate::render::pdf::fonts::FaceKind;
use crate::render::pdf::fonts::FontSet;
use crate::render::pdf::frame::{Item, Layout, LinkTarget};
use crate::render::pdf::measures;
use crate::render::pdf::style::Style;

struct Laid {
    layout: Layout,
    warnings: Vec<crate::diagnostics::Diagnostic>,
    style: Style,
}

fn lay_out(markdown: &str, variant: Variant, images: &[(&str, (u32, u32))]) -> Laid {
    lay_out_styled(markdown, variant, images, Style::builtin())
}

fn lay_out_styled(
    markdown: &str,
    variant: Variant,
    images: &[(&str, (u32, u32))],
    style: Style,
) -> Laid {
    let mut doc = read_str(markdown, "test.md", Flavour::Markdown).unwrap();
    doc.source.path = Some("test.md".into());
    let fonts = FontSet::builtin().unwrap();
    let images: BTreeMap<String, (u32, u32)> =
        images.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    doc.meta.organization = Some("Riverside Clinic".into());
    doc.meta.disclaimer = Some("Not a substitute for advice from your own doctor.".into());
    doc.meta.review_date = Some("2026-01-01".into());
    let result = layout(&LayoutInput {
        doc: &doc,
        style: &style,
        variant,
        fonts: &fonts,
        images: &images,
    });
    Laid {
        layout: result.layout,
        warnings: result.warnings,
        style,
    }
}

fn sentence(n: usize) -> String {
    (0..n)
        .map(|i| ["pain", "relief", "sleep", "movement", "doctor"][i % 5])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every item lies inside the page's margins.
fn assert_inside_margins(laid: &Laid) {
    let p = &laid.style.page;
    let (w, h) = p.size.dimensions();
    for (n, page) in laid.layout.pages.iter().enumerate() {
        for item in &page.items {
            let (l, t, r, b) = item.bounds();
            assert!(
                l >= p.margin_left - 1.0 && r <= w - p.margin_right + 1.0,
                "page {}: {item:?} crosses a side margin",
                n + 1
            );
            assert!(
                t >= p.margin_top - 1.0 && b <= h - p.margin_bottom + 1.0,
                "page {}: {item:?} crosses the top or bottom margin",
                n + 1
            );
        }
    }
}

#[test]
fn headings_are_never_left_alone_at_a_page_foot() {
    let mut md = String::new();
    for i in 0..40 {
        md.push_str(&format!(
            "## Section {i}\n\n{}\n\n",
            sentence(20 + i * 7 % 60)
        ));
    }
    let laid = lay_out(&md, Variant::Standard, &[]);
    assert!(laid.layout.pages.len() > 3);
    for entry in &laid.layout.outline {
        let page = &laid.layout.pages[entry.page];
        let body_lines_below = page
            .items
            .iter()
            .filter(|i| {
                matches!(i, Item::Text(run) if run.face == FaceKind::Regular.into()
                && run.baseline > entry.y + 25.0
                && run.baseline < laid.layout.page_height - 80.0)
            })
            .count();
        assert!(
            body_lines_below >= 2,
            "{:?} has fewer than two lines after it on its page",
            entry.title
        );
    }
}

#[test]
fn hostile_content_stays_inside_the_margins() {
    let long_word = "x".repeat(400);
    let mut md = format!("# {}\n\n{long_word}\n\n", sentence(40));
    // Deep nesting, a wide table, long code lines, a huge image.
    for depth in 0..30 {
        md.push_str(&"  ".repeat(depth));
        md.push_str(&format!("- level {depth} {}\n", sentence(12)));
    }
    md.push_str("\n| a | b | c | d | e | f | g | h |\n|---|---|---|---|---|---|---|---|\n");
    for _ in 0..3 {
        md.push_str(&format!(
            "| {long_word} | {} | x | x | x | x | x | x |\n",
            sentence(30)
        ));
    }
    md.push_str(&format!("\n```\n{}\n```\n\n", "let x = 1; ".repeat(60)));
    md.push_str("![a huge picture](big.png)\n\n> > > > > > > > > > > > ");
    md.push_str(&sentence(50));
    md.push_str("\n\n> [!WARNING]\n> ");
    md.push_str(&sentence(400));
    md.push('\n');
    for variant in Variant::ALL {
        let laid = lay_out(&md, variant, &[("big.png", (5000, 9000))]);
        assert_inside_margins(&laid);
    }
}

#[test]
fn a_table_row_taller_than_a_page_is_split_between_lines() {
    let md = format!("| a | b |\n|---|---|\n| {} | x |\n", sentence(3000));
    let laid = lay_out(&md, Variant::LargePrint, &[]);
    assert!(laid.layout.pages.len() >= 3);
    assert_inside_margins(&laid);
}

#[test]
fn table_headers_repeat_on_every_page_the_table_crosses() {
    let mut md = String::from("| Day | What helped |\n|---|---|\n");
    for i in 0..120 {
        md.push_str(&format!("| day {i} | {} |\n", sentence(6)));
    }
    let laid = lay_out(&md, Variant::Standard, &[]);
    assert!(laid.layout.pages.len() >= 3);
    for (n, page) in laid.layout.pages.iter().enumerate() {
        let first_body_text = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(run) if run.baseline > 70.0 && run.baseline < 680.0 => {
                    Some((run.baseline, run.text()))
                }
                _ => None,
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, text)| text);
        assert_eq!(first_body_text.as_deref(), Some("Day"), "page {}", n + 1);
    }
}

#[test]
fn header_and_footer_carry_organization_review_date_and_page_numbers() {
    let laid = lay_out(
        &format!("{}\n\n{}", sentence(2000), sentence(2000)),
        Variant::Standard,
        &[],
    );
    let total = laid.layout.pages.len();
    assert!(total >= 2);
    for n in 0..total {
        let text = laid.layout.page_text(n);
        assert!(text.contains("Riverside Clinic"), "{text}");
        assert!(
            text.contains(&format!("Page {} of {total}", n + 1)),
            "{text}"
        );
        assert!(text.contains("Last reviewed January 1, 2026"), "{text}");
        assert!(text.contains("Not a substitute"), "{text}");
    }
}

#[test]
fn large_print_sets_body_text_at_18_points_or_more() {
    let laid = lay_out(&sentence(300), Variant::LargePrint, &[]);
    let body_sizes: BTreeSet<u32> = laid.layout.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run)
                if run.face == FaceKind::Regular.into()
                    && run.baseline > 80.0
                    && run.baseline < 700.0 =>
            {
                Some(run.size as u32)
            }
            _ => None,
        })
        .collect();
    assert_eq!(body_sizes.into_iter().collect::<Vec<_>>(), [18]);
}

#[test]
fn internal_links_and_headings_are_anchored() {
    let md = "- [Later](#later)\n\n## Later\n\nText.[^n]\n\n[^n]: A note.\n";
    let laid = lay_out(md, Variant::Standard, &[]);
    assert!(laid.layout.anchors.contains_key("later"));
    assert!(laid.layout.anchors.contains_key("fn1"));
    let links: Vec<&LinkTarget> = laid.layout.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Link { target, .. } => Some(target),
            _ => None,
        })
        .collect();
    assert!(
        links.contains(&&LinkTarget::Anchor("later".into())),
        "{links:?}"
    );
    assert!(
        links.contains(&&LinkTarget::Anchor("fn1".into())),
        "{links:?}"
    );
    let titles: Vec<&str> = laid
        .layout
        .outline
        .iter()
        .map(|e| e.title.as_str())
        .collect();
    assert!(
        titles.contains(&"Later") && titles.contains(&"Notes"),
        "{titles:?}"
    );
}

#[test]
fn raw_html_is_reported_once_with_its_lines_and_comments_are_not() {
    let md = "<!-- a comment -->\n\n<div>kept words</div>\n\nText <b>bold</b>.\n";
    let laid = lay_out(md, Variant::Standard, &[]);
    assert_eq!(laid.warnings.len(), 1, "{:?}", laid.warnings);
    assert!(
        laid.warnings[0].location.line == 3
            && laid.warnings[0].path == "test.md"
            && laid.warnings[0].message.starts_with("raw HTML"),
        "{:?}",
        laid.warnings
    );
    assert!(
        laid.warnings[0].message.contains("(also line 5)"),
        "{:?}",
        laid.warnings
    );
    assert!(laid.layout.page_text(0).contains("kept words"));
}

#[test]
fn a_title_heading_comes_before_subtitle_and_byline_and_is_drawn_once() {
    let md =
        "---\ntitle: Pain Diary\nsubtitle: Track it\nauthors: [Ann]\n---\n# Pain Diary\n\nBody.\n";
    let laid = lay_out(md, Variant::Standard, &[]);
    // Body runs from top to bottom (the header and footer are left out).
    let mut runs: Vec<(f32, f32, String)> = laid.layout.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) if run.size > laid.style.standard.small => {
                Some((run.baseline, run.size, run.text()))
            }
            _ => None,
        })
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let texts: Vec<&str> = runs.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(texts, ["Pain Diary", "Track it", "By Ann", "Body."]);
    assert_eq!(runs[0].1, laid.style.standard.h1);
    assert!(laid.layout.anchors.contains_key("pain-diary"));
}

#[test]
fn display_math_gets_its_own_lines() {
    let laid = lay_out(
        "Before\n\n$$\nx^2\n$$\n\nAfter $$y$$ text.\n",
        Variant::Standard,
        &[],
    );
    let runs: Vec<(f32, String)> = laid.layout.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) if run.face == FaceKind::Mono.into() => {
                Some((run.baseline, run.text()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(runs.len(), 2, "{runs:?}");
    assert_eq!(runs[0].1, "x^2");
}

/// No two text runs on a page overlap (the header, body and footer included).
fn assert_no_text_overlaps(laid: &Laid) {
    for (n, page) in laid.layout.pages.iter().enumerate() {
        let boxes: Vec<(f32, f32, f32, f32, String)> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(run) if !run.text().trim().is_empty() => {
                    let (l, t, r, b) = i.bounds();
                    Some((l, t, r, b, run.text()))
                }
                _ => None,
            })
            .collect();
        for (a, x) in boxes.iter().enumerate() {
            for y in &boxes[a + 1..] {
                let overlap_x = x.0 < y.2 && y.0 < x.2;
                let overlap_y = x.1 + 1.0 < y.3 && y.1 + 1.0 < x.3;
                assert!(
                    !(overlap_x && overlap_y),
                    "page {}: {:?} overlaps {:?}",
                    n + 1,
                    x.4,
                    y.4
                );
            }
        }
    }
}

#[test]
fn split_table_rows_and_repeated_headers_stay_clear_of_the_footer() {
    let md = format!(
        "| a | b |\n|---|---|\n| {} | x |\n| short | row |\n",
        sentence(3000)
    );
    for variant in Variant::ALL {
        let laid = lay_out(&md, variant, &[]);
        assert_no_text_overlaps(&laid);
    }
}

#[test]
fn hostile_content_never_overlaps() {
    let mut md = String::new();
    for depth in 0..20 {
        md.push_str(&"  ".repeat(depth));
        md.push_str(&format!("{}. level {depth} {}\n", depth + 1, sentence(8)));
    }
    md.push_str("\n| ");
    md.push_str(
        &(0..40)
            .map(|i| format!("d{i}"))
            .collect::<Vec<_>>()
            .join(" | "),
    );
    md.push_str(" |\n|");
    md.push_str(&"---|".repeat(40));
    md.push_str("\n| ");
    md.push_str(
        &(0..40)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(" | "),
    );
    md.push_str(" |\n");
    for variant in Variant::ALL {
        let laid = lay_out(&md, variant, &[]);
        assert_no_text_overlaps(&laid);
        assert_inside_margins(&laid);
    }
}

#[test]
fn a_disclaimer_too_long_for_the_footer_closes_the_handout_instead() {
    let doc_md = format!("---\ndisclaimer: {}\n---\nBody text.\n", sentence(900));
    let mut doc = read_str(&doc_md, "d.md", Flavour::Markdown).unwrap();
    doc.source.path = Some("d.md".into());
    let style = Style::builtin();
    let fonts = FontSet::builtin().unwrap();
    let result = layout(&LayoutInput {
        doc: &doc,
        style: &style,
        variant: Variant::LargePrint,
        fonts: &fonts,
        images: &BTreeMap::new(),
    });
    assert!(
        result
            .warnings
            .iter()
            .any(|w| w.message.contains("too long for the page footer")),
        "{:?}",
        result.warnings
    );
    let all: String = (0..result.layout.pages.len())
        .map(|p| result.layout.page_text(p))
        .collect();
    assert!(all.matches("relief sleep movement doctor pain").count() > 100);
}

#[test]
fn every_footnote_link_lands_on_its_own_note() {
    let md = "One.[^a] Two.[^b]\n\n[^a]: First para.\n\n    Second para of a.\n\n[^b]: Note b.\n";
    let laid = lay_out(md, Variant::Standard, &[]);
    let (_, a) = laid.layout.anchors["fn1"];
    let (_, b) = laid.layout.anchors["fn2"];
    let baseline_of = |needle: &str| {
        laid.layout.pages[0]
            .items
            .iter()
            .find_map(|i| match i {
                Item::Text(run) if run.text().contains(needle) => Some(run.baseline),
                _ => None,
            })
            .unwrap()
    };
    assert!(a < baseline_of("First para") && baseline_of("First para") < b);
    assert!(b < baseline_of("Note b") && baseline_of("Second para") < b);
}

/// The text of every page, in the order it was drawn.
fn drawn_text(laid: &Laid) -> String {
    let mut text = String::new();
    for page in &laid.layout.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                text.push_str(&run.text());
                text.push(' ');
            }
        }
    }
    text
}

#[test]
fn no_word_is_lost_at_the_edges_of_every_measure() {
    let mut md = String::from("# Heading one\n\nSubtitle words here.[^n]\n\n");
    md.push_str("- bulleted alpha\n  - nested bravo\n    - deeper charlie\n");
    md.push_str("- [x] ticked delta\n- [ ] open echo\n\n1. numbered foxtrot\n\n");
    md.push_str("| golf | hotel | india |\n|---|---|---|\n| juliet | kilo | lima |\n\n");
    md.push_str("| a1 | a2 | a3 | a4 | a5 | a6 | a7 | a8 | a9 | b1 | b2 | b3 | b4 | b5 |\n");
    md.push_str("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    md.push_str("| c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | d1 | d2 | d3 | d4 | d5 |\n\n");
    md.push_str("```\ncode mike\n```\n\n> quoted november\n\n> [!WARNING]\n> callout oscar\n\n");
    md.push_str(
        "Term papa\n: details quebec\n\n---\n\n## Heading romeo\n\nInline `sierra` text.\n\n",
    );
    md.push_str("[^n]: note tango\n");
    // Words that stay whole at any measure; the crowded table's cells may be broken between
    // characters (and a tall row between pages), so only their characters are counted.
    let words = [
        "Heading", "Subtitle", "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
        "hotel", "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec",
        "romeo", "sierra", "tango",
    ];
    let crowded: String = (1..=9)
        .flat_map(|n| [format!("a{n}c{n}"), format!("b{n}d{n}")])
        .filter(|w| !w.starts_with('b') || w[1..2] <= *"5")
        .collect();
    let count = |text: &str, c: char| text.chars().filter(|&t| t == c).count();
    for high in [false, true] {
        let style = Style::parse(
            &measures::extreme_style(&Style::builtin().measures, high),
            "edge.toml",
        )
        .unwrap();
        for variant in Variant::ALL {
            let laid = lay_out_styled(&md, variant, &[], style.clone());
            let text = drawn_text(&laid);
            for word in words {
                assert!(
                    text.contains(word),
                    "{word} lost (highest measures: {high}, {variant:?}): {text}"
                );
            }
            for c in ['a', 'b', 'c', 'd', '1', '5', '9'] {
                assert!(
                    count(&text, c) >= count(&crowded, c),
                    "a table cell lost `{c}` (highest measures: {high}, {variant:?}): {text}"
                );
            }
            assert_inside_margins(&laid);
        }
    }
}

#[test]
fn the_letterhead_stands_above_the_title_described_by_the_organization() {
    let laid = lay_out(
        "# Pain diary\n\nText.\n",
        Variant::Standard,
        &[(LOGO_KEY, (300, 100))],
    );
    let page = &laid.layout.pages[0];
    let (x, y, w, h, tag) = page
        .items
        .iter()
        .find_map(|item| match item {
            Item::Image {
                key,
                x,
                y,
                w,
                h,
                tag,
                ..
            } if key == LOGO_KEY => Some((*x, *y, *w, *h, *tag)),
            _ => None,
        })
        .expect("the logo is drawn on the first page");
    // Twice the title's size, three times as wide as tall, at the start of the column.
    let scale = laid.style.scale(Variant::Standard);
    assert!((h - scale.h1 * 2.0).abs() < 0.01, "{h}");
    assert!((w - 3.0 * h).abs() < 0.01, "{w}");
    assert!((x - laid.style.page.margin_left).abs() < 0.01, "{x}");
    // Above the title's first line.
    let title_y = page
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) if run.size == scale.h1 => Some(run.baseline - run.size),
            _ => None,
        })
        .fold(f32::MAX, f32::min);
    assert!(y + h < title_y, "logo {y}+{h}, title at {title_y}");
    // A figure whose description is the organization's name.
    let crate::render::pdf::structure::Tag::Node(node) = tag else {
        panic!("the logo is tagged, not an artifact: {tag:?}")
    };
    let figure = laid.layout.structure.node(node).unwrap();
    assert_eq!(figure.role, crate::render::pdf::structure::Role::Figure);
    assert_eq!(figure.alt.as_deref(), Some("Riverside Clinic"));
    // Only on the first page, and not without a logo.
    let without = lay_out("# Pain diary\n\nText.\n", Variant::Standard, &[]);
    assert!(
        !without.layout.pages[0]
            .items
            .iter()
            .any(|item| matches!(item, Item::Image { .. }))
    );
}

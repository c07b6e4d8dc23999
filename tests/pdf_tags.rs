//! End-to-end tests of the tagged handout: the structure tree read back with lopdf, the
//! marked content of every page, and poppler's view of it (`pdfinfo -struct-text`).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::words::{assert_words_in_order, words};
use common::{built_sample_pdfs, judge, run, sample_pdfs, sample_project};
use lopdf::{Dictionary, Object, ObjectId};

/// A document with every kind of block the handout draws.
const EVERY_BLOCK: &str = r#"---
title: Every block
author: A. Writer
language: en-GB
---
# Every block

Call the [clinic line](https://example.org/help) if `pain` gets worse.[^late]

## Lists

1. First step
2. Second step
   - nested point

- [x] Took the tablet
- [ ] Walked today

> Pain is what the patient says it is.

> [!WARNING]
> Do not double a missed dose.

```
rest 10 min
```

| Name | Dose |
|------|------|
| Ibuprofen | 200 mg |
| | none |

![A pain scale from 0 to 10](scale.png)

![](scale.png)

---

Flare
: A short spell of\
  worse pain.

$$x^2$$

[^late]: Evening calls go to the nurse.
"#;

/// The expected tree: each element's role, its attributes in braces, its child elements in
/// brackets (marked content itself is not shown).
const EVERY_BLOCK_TREE: &str = "Document[\
H1 P \
P[Link{objr,Contents=clinic line} Link{objr,Contents=Note 1}] \
H2 \
L[LI[Lbl LBody] LI[Lbl LBody[L[LI[Lbl LBody]]]]] \
L[LI[Lbl{Alt=Done} LBody] LI[Lbl{Alt=To do} LBody]] \
BlockQuote[P] \
Div[P P] \
Code \
Table[THead[TR[TH{Scope=Column} TH{Scope=Column}]] TBody[TR[TD TD] TR[TD TD]]] \
Figure{Alt=A pain scale from 0 to 10}[Caption] \
L[LI[Lbl LBody[P]]] \
Formula{Alt=x^2} \
H2 \
L[LI[Lbl LBody[Note{ID=fn1}]]]\
]";

fn convert(dir: &Path, markdown: &str, extra: &[&str]) -> PathBuf {
    std::fs::write(dir.join("x.md"), markdown).unwrap();
    std::fs::copy(
        common::repo().join("tests/fixtures/images/tiny.png"),
        dir.join("scale.png"),
    )
    .unwrap();
    let out_path = dir.join("x.pdf");
    let mut args = vec!["convert", "x.md", "--to", "pdf", "-o", "x.pdf"];
    args.extend_from_slice(extra);
    let out = run(&args, dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out_path
}

fn deref<'a>(pdf: &'a lopdf::Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => pdf.get_object(*id).unwrap(),
        other => other,
    }
}

fn name(dict: &Dictionary, key: &[u8]) -> String {
    String::from_utf8(dict.get(key).unwrap().as_name().unwrap().to_vec()).unwrap()
}

fn text(pdf: &lopdf::Document, object: &Object) -> String {
    let bytes = deref(pdf, object).as_str().unwrap();
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => String::from_utf16(
            &utf16
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        )
        .unwrap(),
        None => String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// The catalog's /StructTreeRoot.
fn struct_tree_root(pdf: &lopdf::Document) -> &Dictionary {
    let catalog = pdf.catalog().unwrap();
    let root = catalog
        .get(b"StructTreeRoot")
        .unwrap()
        .as_reference()
        .unwrap();
    pdf.get_dictionary(root).unwrap()
}

fn kids(element: &Dictionary) -> Vec<Object> {
    match element.get(b"K") {
        Ok(Object::Array(kids)) => kids.clone(),
        Ok(kid) => vec![kid.clone()],
        Err(_) => Vec::new(),
    }
}

/// What the walk found besides the outline.
#[derive(Default)]
struct Walk {
    /// (page, MCID) -> the element that claims it.
    claimed: BTreeMap<(ObjectId, i64), ObjectId>,
    /// Link annotations -> their element.
    annotations: BTreeMap<ObjectId, ObjectId>,
}

/// The outline of `id` and everything under it, as [`EVERY_BLOCK_TREE`] writes it.
fn outline(pdf: &lopdf::Document, id: ObjectId, walk: &mut Walk) -> String {
    let element = pdf.get_dictionary(id).unwrap();
    let mut out = name(element, b"S");
    let page = element.get(b"Pg").ok().map(|p| p.as_reference().unwrap());
    let mut attributes = Vec::new();
    let mut children = Vec::new();
    for kid in kids(element) {
        match &kid {
            Object::Integer(mcid) => {
                let page = page.expect("an element with MCIDs names its page");
                assert!(walk.claimed.insert((page, *mcid), id).is_none());
            }
            Object::Reference(child) => {
                let parent = pdf.get_dictionary(*child).unwrap().get(b"P").unwrap();
                assert_eq!(parent.as_reference().unwrap(), id, "a child's /P");
                children.push(outline(pdf, *child, walk));
            }
            Object::Dictionary(part) => match name(part, b"Type").as_str() {
                "MCR" => {
                    let page = part.get(b"Pg").unwrap().as_reference().unwrap();
                    let mcid = part.get(b"MCID").unwrap().as_i64().unwrap();
                    assert!(walk.claimed.insert((page, mcid), id).is_none());
                }
                "OBJR" => {
                    let annotation = part.get(b"Obj").unwrap().as_reference().unwrap();
                    walk.annotations.insert(annotation, id);
                    if !attributes.contains(&"objr".to_string()) {
                        attributes.push("objr".to_string());
                        let annot = pdf.get_dictionary(annotation).unwrap();
                        let contents = text(pdf, annot.get(b"Contents").unwrap());
                        attributes.push(format!("Contents={contents}"));
                    }
                }
                other => panic!("unexpected kid {other}"),
            },
            other => panic!("unexpected kid {other:?}"),
        }
    }
    if let Ok(alt) = element.get(b"Alt") {
        attributes.push(format!("Alt={}", text(pdf, alt)));
    }
    if let Ok(id) = element.get(b"ID") {
        attributes.push(format!("ID={}", text(pdf, id)));
    }
    if let Ok(a) = element.get(b"A") {
        let a = deref(pdf, a).as_dict().unwrap();
        assert_eq!(name(a, b"O"), "Table");
        attributes.push(format!("Scope={}", name(a, b"Scope")));
    }
    if !attributes.is_empty() {
        out.push_str(&format!("{{{}}}", attributes.join(",")));
    }
    if !children.is_empty() {
        out.push_str(&format!("[{}]", children.join(" ")));
    }
    out
}

/// The marked-content ids each page's content stream opens, and whether every text-showing
/// operator is inside marked content.
fn page_marks(pdf: &lopdf::Document, page: ObjectId) -> (Vec<i64>, bool) {
    let content = lopdf::content::Content::decode(&pdf.get_page_content(page)).unwrap();
    let mut mcids = Vec::new();
    let mut depth = 0i32;
    let mut all_text_marked = true;
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" => {
                depth += 1;
                if let Some(Object::Dictionary(props)) = op.operands.get(1)
                    && let Ok(mcid) = props.get(b"MCID")
                {
                    mcids.push(mcid.as_i64().unwrap());
                }
            }
            "BMC" => depth += 1,
            "EMC" => {
                depth -= 1;
                assert!(depth >= 0, "EMC without BDC");
            }
            "TJ" | "Tj" | "Do" | "re" | "S" | "f" if depth == 0 => all_text_marked = false,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "marked content left open at the end of a page");
    (mcids, all_text_marked)
}

#[test]
fn every_block_gets_its_structure_element_in_reading_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = convert(dir.path(), EVERY_BLOCK, &[]);
    let pdf = lopdf::Document::load(&path).unwrap();
    let catalog = pdf.catalog().unwrap();
    let mark_info = deref(&pdf, catalog.get(b"MarkInfo").unwrap())
        .as_dict()
        .unwrap();
    assert_eq!(mark_info.get(b"Marked").unwrap(), &Object::Boolean(true));
    assert_eq!(text(&pdf, catalog.get(b"Lang").unwrap()), "en-GB");
    let root = struct_tree_root(&pdf);
    let document = root.get(b"K").unwrap().as_reference().unwrap();
    let mut walk = Walk::default();
    assert_eq!(outline(&pdf, document, &mut walk), EVERY_BLOCK_TREE);

    // Every page: tab order by structure; every MCID it opens is claimed by exactly the
    // element the parent tree names for it; everything drawn is marked.
    let parent_tree = pdf
        .get_dictionary(root.get(b"ParentTree").unwrap().as_reference().unwrap())
        .unwrap();
    let nums = parent_tree.get(b"Nums").unwrap().as_array().unwrap();
    let parents: BTreeMap<i64, &Object> = nums
        .chunks(2)
        .map(|pair| (pair[0].as_i64().unwrap(), &pair[1]))
        .collect();
    let mut claimed = 0;
    for (_, page) in pdf.get_pages() {
        let dict = pdf.get_dictionary(page).unwrap();
        assert_eq!(name(dict, b"Tabs"), "S");
        let (mcids, all_marked) = page_marks(&pdf, page);
        assert!(all_marked, "content outside marked content");
        assert_eq!(mcids, (0..mcids.len() as i64).collect::<Vec<_>>());
        let key = dict.get(b"StructParents").unwrap().as_i64().unwrap();
        let slots = deref(&pdf, parents[&key]).as_array().unwrap();
        assert_eq!(slots.len(), mcids.len());
        for (mcid, slot) in slots.iter().enumerate() {
            let element = walk.claimed[&(page, mcid as i64)];
            assert_eq!(
                slot.as_reference().unwrap(),
                element,
                "parent tree, MCID {mcid}"
            );
            claimed += 1;
        }
        // Link annotations point back to their link element.
        if let Ok(annots) = dict.get(b"Annots") {
            for annot in annots.as_array().unwrap() {
                let id = annot.as_reference().unwrap();
                let key = pdf
                    .get_dictionary(id)
                    .unwrap()
                    .get(b"StructParent")
                    .unwrap()
                    .as_i64()
                    .unwrap();
                assert_eq!(parents[&key].as_reference().unwrap(), walk.annotations[&id]);
            }
        }
    }
    assert_eq!(claimed, walk.claimed.len(), "MCIDs claimed but never drawn");
    assert_eq!(
        root.get(b"ParentTreeNextKey").unwrap().as_i64().unwrap(),
        pdf.get_pages().len() as i64 + walk.annotations.len() as i64
    );

    // The XMP packet declares PDF/UA-1 and names the document.
    let metadata = pdf
        .get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap();
    let xmp = String::from_utf8(metadata.content.clone()).unwrap();
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(xmp.contains(">Every block</rdf:li>"), "{xmp}");
    assert!(
        xmp.contains("<rdf:Seq><rdf:li>A. Writer</rdf:li></rdf:Seq>"),
        "{xmp}"
    );
    assert!(
        xmp.contains("<rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag>"),
        "{xmp}"
    );
}

#[test]
fn footnotes_are_found_through_the_id_tree() {
    let dir = tempfile::tempdir().unwrap();
    let path = convert(dir.path(), EVERY_BLOCK, &[]);
    let pdf = lopdf::Document::load(&path).unwrap();
    let root = struct_tree_root(&pdf);
    let id_tree = deref(&pdf, root.get(b"IDTree").unwrap()).as_dict().unwrap();
    let names = id_tree.get(b"Names").unwrap().as_array().unwrap();
    assert_eq!(names.len(), 2);
    assert_eq!(text(&pdf, &names[0]), "fn1");
    let note = pdf
        .get_dictionary(names[1].as_reference().unwrap())
        .unwrap();
    assert_eq!(name(note, b"S"), "Note");
    assert_eq!(text(&pdf, note.get(b"ID").unwrap()), "fn1");
}

/// Links around other inline elements, a note of two paragraphs, and a table whose header
/// (with a link) repeats on the pages it crosses.
fn links_notes_and_a_long_table() -> String {
    let mut md = String::from(
        "# Links\n\nSee [the value $x^2$ **here**](https://example.org/m) now.[^two]\n\n\
         [^two]: First paragraph of the note.\n\n    Second paragraph of the note.\n\n\
         | Day | [Scale](https://example.org/scale) |\n|---|---|\n",
    );
    for day in 1..=90 {
        md.push_str(&format!("| {day} | {} |\n", day % 11));
    }
    md
}

#[test]
fn every_link_annotation_belongs_to_its_link_element() {
    let dir = tempfile::tempdir().unwrap();
    let path = convert(dir.path(), &links_notes_and_a_long_table(), &[]);
    let pdf = lopdf::Document::load(&path).unwrap();
    let root = struct_tree_root(&pdf);
    let document = root.get(b"K").unwrap().as_reference().unwrap();
    let mut walk = Walk::default();
    let tree = outline(&pdf, document, &mut walk);
    // The formula is inside the link, and the link's one annotation is the link's.
    assert!(
        tree.starts_with("Document[H1 P[Link{objr,Contents=the value x^2 here}[Formula{Alt=x^2}]"),
        "{tree}"
    );
    // The note keeps its two paragraphs apart.
    assert!(tree.contains("Note{ID=fn1}[P P]"), "{tree}");
    let mut annotations = 0;
    let mut pages_with_table = 0;
    for (_, page) in pdf.get_pages() {
        let dict = pdf.get_dictionary(page).unwrap();
        let Ok(annots) = dict.get(b"Annots") else {
            pages_with_table += 1;
            continue;
        };
        for annot in annots.as_array().unwrap() {
            let id = annot.as_reference().unwrap();
            assert!(
                walk.annotations.contains_key(&id),
                "an annotation outside the structure tree"
            );
            annotations += 1;
        }
    }
    // The text link, the note reference and the table header's link: once each, though
    // the header is drawn again on every page the table crosses.
    assert_eq!(annotations, 3);
    assert!(pages_with_table >= 1, "the table should cross a page");
}

#[test]
fn poppler_reads_the_tree_with_every_word_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = convert(dir.path(), EVERY_BLOCK, &[]);
    let Some(info) = judge("pdfinfo", &[], &path) else {
        return;
    };
    let info = String::from_utf8_lossy(&info.stdout);
    let tagged = info.lines().find_map(|l| l.strip_prefix("Tagged:"));
    assert_eq!(tagged.map(str::trim), Some("yes"), "{info}");
    let Some(out) = judge("pdfinfo", &["-struct-text"], &path) else {
        return;
    };
    let tree = String::from_utf8_lossy(&out.stdout);
    // Only the quoted text lines; the lines of one element are one run of text.
    let text: String = tree
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"')?.strip_suffix('"'))
        .collect::<Vec<_>>()
        .join(" ");
    let expected = words(
        "Every block Call the clinic line if pain gets worse. 1 Lists 1. First step 2. Second \
         step • nested point Took the tablet Walked today Pain is what the patient says it is. \
         WARNING Do not double a missed dose. rest 10 min Name Dose Ibuprofen 200 mg none \
         A pain scale from 0 to 10 Flare A short spell of worse pain. x^2 Notes 1. Evening \
         calls go to the nurse.",
    );
    assert_words_in_order(&expected, &words(&text), "pdfinfo -struct-text");
    // Words broken across lines stay apart: no two source words run together.
    assert!(!text.contains("worse.1"), "{tree}");
    // Nor at a hard break.
    assert!(!text.contains("ofworse"), "{tree}");
}

#[test]
fn the_sample_handouts_are_tagged_in_both_variants() {
    let project = built_sample_pdfs();
    for path in sample_pdfs(project.path()) {
        let pdf = lopdf::Document::load(&path).unwrap();
        let catalog = pdf.catalog().unwrap();
        assert!(catalog.has(b"StructTreeRoot"), "{}", path.display());
        let figures_without_alt = pdf
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"S").ok() == Some(&Object::Name(b"Figure".to_vec())))
            .filter(|d| !d.has(b"Alt"))
            .count();
        assert_eq!(figures_without_alt, 0, "{}", path.display());
        for (_, page) in pdf.get_pages() {
            let (_, all_marked) = page_marks(&pdf, page);
            assert!(
                all_marked,
                "{}: content outside marked content",
                path.display()
            );
        }
    }
}

#[test]
fn tagging_can_be_switched_off_in_folio_toml() {
    let project = sample_project();
    let config = project.path().join("folio.toml");
    let mut toml = std::fs::read_to_string(&config).unwrap();
    toml.push_str("\n[pdf]\ntagged = false\n");
    std::fs::write(&config, toml).unwrap();
    let out = run(&["build", "--quiet", "--format", "pdf"], project.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = lopdf::Document::load(project.path().join("dist/pdf/pain-diary.pdf")).unwrap();
    let catalog = pdf.catalog().unwrap();
    assert!(!catalog.has(b"StructTreeRoot") && !catalog.has(b"MarkInfo"));
    for (_, page) in pdf.get_pages() {
        assert_eq!(page_marks(&pdf, page).0, Vec::<i64>::new());
        let content = pdf.get_page_content(page);
        assert!(!String::from_utf8_lossy(&content).contains("BDC\n/Artifact"));
    }
    let metadata = pdf
        .get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap();
    assert!(!String::from_utf8_lossy(&metadata.content).contains("pdfuaid"));
}

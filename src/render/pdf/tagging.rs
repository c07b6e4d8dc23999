//! The structure tree of a tagged PDF, written in the finish pass from the layout's
//! [`StructTree`] and what the painter recorded ([`Marks`]).
//!
//! - Every element with content becomes a structure element; an element with none is left
//!   out (but empty table cells, which keep a table a grid).
//! - An element's kids are its children in creation order (the model's order) with its own
//!   marked content and link annotations placed among them where they were painted.
//! - The parent tree maps each page's marked-content ids, and each link annotation, back to
//!   their element; pages get `/StructParents` and `/Tabs /S`, annotations `/StructParent`.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::encoding::text_string;
use super::structure::{Content, Marks, Role, StructTree};

/// Why the structure tree could not be written (a page or annotation the painter did not
/// leave as expected: a bug, reported rather than a panic).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TaggingError(String);

impl TaggingError {
    fn new(message: impl Into<String>) -> TaggingError {
        TaggingError(message.into())
    }
}

/// Writes the structure tree into `doc` and marks the catalog as tagged. `pages` are the
/// page objects in order.
pub fn write(
    doc: &mut lopdf::Document,
    tree: &StructTree,
    marks: &Marks,
    pages: &[ObjectId],
) -> Result<(), TaggingError> {
    let count = tree.nodes.len();
    // Each element's own content with its place in painting order.
    let mut own: Vec<Vec<(usize, Content)>> = vec![Vec::new(); count];
    for (seq, (node, part)) in marks.content.iter().enumerate() {
        if let Some(parts) = own.get_mut(*node as usize) {
            parts.push((seq, *part));
        }
    }
    // Children always come after their parent, so one backward sweep settles which
    // elements stay and where each subtree's content begins.
    let mut kept = vec![false; count];
    let mut first = vec![usize::MAX; count];
    for i in (0..count).rev() {
        if let Some((seq, _)) = own[i].first() {
            first[i] = first[i].min(*seq);
        }
        kept[i] |= !own[i].is_empty() || tree.nodes[i].role.kept_when_empty();
        if kept[i]
            && let Some(parent) = tree.nodes[i].parent.map(|p| p as usize)
            && parent < count
        {
            kept[parent] = true;
            first[parent] = first[parent].min(first[i]);
        }
    }
    kept[StructTree::ROOT as usize] = true;
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, node) in tree.nodes.iter().enumerate().skip(1) {
        if let Some(parent) = node.parent.map(|p| p as usize)
            && kept[i]
            && parent < count
        {
            children[parent].push(i);
        }
    }

    let root_id = doc.new_object_id();
    let ids: Vec<Option<ObjectId>> = kept
        .iter()
        .map(|&k| k.then(|| doc.new_object_id()))
        .collect();
    let page_ref = |page: usize| pages.get(page).copied().map(Object::Reference);

    for (i, node) in tree.nodes.iter().enumerate() {
        let Some(id) = ids[i] else { continue };
        // The page most of an element's content names: that of its first marked content.
        let home = own[i].iter().find_map(|(_, part)| match part {
            Content::Marked { page, .. } => Some(*page),
            Content::Annotation { .. } => None,
        });
        let part_object = |part: &Content| -> Object {
            match *part {
                Content::Marked { page, mcid } if Some(page) == home => {
                    Object::Integer(i64::from(mcid))
                }
                Content::Marked { page, mcid } => Object::Dictionary(Dictionary::from_iter(vec![
                    ("Type", Object::Name(b"MCR".to_vec())),
                    ("Pg", page_ref(page).unwrap_or(Object::Null)),
                    ("MCID", Object::Integer(i64::from(mcid))),
                ])),
                Content::Annotation { page, object } => {
                    Object::Dictionary(Dictionary::from_iter(vec![
                        ("Type", Object::Name(b"OBJR".to_vec())),
                        ("Obj", Object::Reference(object)),
                        ("Pg", page_ref(page).unwrap_or(Object::Null)),
                    ]))
                }
            }
        };
        let mut kids = Vec::with_capacity(own[i].len() + children[i].len());
        let mut next_child = children[i].iter().peekable();
        for (seq, part) in &own[i] {
            while let Some(&&child) = next_child.peek()
                && first[child] < *seq
            {
                kids.extend(ids[child].map(Object::Reference));
                next_child.next();
            }
            kids.push(part_object(part));
        }
        kids.extend(next_child.filter_map(|&child| ids[child].map(Object::Reference)));

        let parent = node
            .parent
            .and_then(|p| ids.get(p as usize).copied().flatten())
            .unwrap_or(root_id);
        let mut element = Dictionary::new();
        element.set("S", Object::Name(node.role.name().as_bytes().to_vec()));
        element.set("P", Object::Reference(parent));
        if let Some(page) = home.and_then(page_ref) {
            element.set("Pg", page);
        }
        match kids.len() {
            0 => {}
            1 => element.set("K", kids.swap_remove(0)),
            _ => element.set("K", Object::Array(kids)),
        }
        if let Some(alt) = node.alt.as_deref() {
            element.set("Alt", text_string(alt));
        }
        if let Some(note) = node.id.as_deref() {
            element.set(
                "ID",
                Object::String(note.as_bytes().to_vec(), StringFormat::Literal),
            );
        }
        if node.role == Role::TH {
            // GFM tables have one header row: each header cell heads its column.
            element.set(
                "A",
                Dictionary::from_iter(vec![
                    ("O", Object::Name(b"Table".to_vec())),
                    ("Scope", Object::Name(b"Column".to_vec())),
                ]),
            );
        }
        doc.objects.insert(id, Object::Dictionary(element));
    }

    // The parent tree: page index -> its marked content's elements, by marked-content id;
    // then one key per link annotation -> its link element.
    let mut per_page: Vec<Vec<Object>> = vec![Vec::new(); pages.len()];
    let mut annotations: Vec<(ObjectId, ObjectId)> = Vec::new();
    for (node, part) in &marks.content {
        let Some(element) = ids.get(*node as usize).copied().flatten() else {
            continue;
        };
        match *part {
            Content::Marked { page, mcid } => {
                if let Some(slots) = per_page.get_mut(page) {
                    let mcid = mcid as usize;
                    if slots.len() <= mcid {
                        slots.resize(mcid + 1, Object::Null);
                    }
                    slots[mcid] = Object::Reference(element);
                }
            }
            Content::Annotation { object, .. } => annotations.push((object, element)),
        }
    }
    let mut nums = Vec::new();
    for (index, (&page, slots)) in pages.iter().zip(per_page).enumerate() {
        let page_dict = doc
            .get_object_mut(page)
            .and_then(Object::as_dict_mut)
            .map_err(|e| TaggingError::new(format!("page {}: {e}", index + 1)))?;
        page_dict.set("Tabs", Object::Name(b"S".to_vec()));
        if slots.is_empty() {
            continue;
        }
        page_dict.set("StructParents", Object::Integer(index as i64));
        nums.push(Object::Integer(index as i64));
        nums.push(Object::Array(slots));
    }
    let mut next_key = pages.len() as i64;
    for (annotation, element) in annotations {
        let dict = doc
            .get_object_mut(annotation)
            .and_then(Object::as_dict_mut)
            .map_err(|e| TaggingError::new(format!("link annotation: {e}")))?;
        dict.set("StructParent", Object::Integer(next_key));
        nums.push(Object::Integer(next_key));
        nums.push(Object::Reference(element));
        next_key += 1;
    }
    let parent_tree = doc.add_object(Dictionary::from_iter(vec![("Nums", Object::Array(nums))]));

    let document = ids[StructTree::ROOT as usize]
        .ok_or_else(|| TaggingError::new("the structure tree has no Document element"))?;
    let mut root = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"StructTreeRoot".to_vec())),
        ("K", Object::Reference(document)),
        ("ParentTree", Object::Reference(parent_tree)),
        ("ParentTreeNextKey", Object::Integer(next_key)),
    ]);
    // Elements with an /ID (footnotes) are found through the ID tree: a name tree, its
    // keys in byte order.
    let mut named: Vec<(&[u8], ObjectId)> = tree
        .nodes
        .iter()
        .zip(&ids)
        .filter_map(|(node, id)| Some((node.id.as_deref()?.as_bytes(), (*id)?)))
        .collect();
    if !named.is_empty() {
        named.sort();
        let names = named
            .into_iter()
            .flat_map(|(key, id)| {
                [
                    Object::String(key.to_vec(), StringFormat::Literal),
                    Object::Reference(id),
                ]
            })
            .collect();
        let id_tree = doc.add_object(Dictionary::from_iter(vec![("Names", Object::Array(names))]));
        root.set("IDTree", Object::Reference(id_tree));
    }
    doc.objects.insert(root_id, Object::Dictionary(root));
    let catalog = doc
        .catalog_mut()
        .map_err(|e| TaggingError::new(e.to_string()))?;
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    catalog.set(
        "MarkInfo",
        Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role_names(tree: &StructTree) -> Vec<&'static str> {
        tree.nodes.iter().map(|n| n.role.name()).collect()
    }

    /// A one-page document with a paragraph whose middle is a link.
    fn document() -> (lopdf::Document, Vec<ObjectId>, ObjectId) {
        let mut doc = lopdf::Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let annotation = doc.add_object(Dictionary::new());
        let page = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Page".to_vec())),
            ("Parent", Object::Reference(pages_id)),
        ]));
        doc.objects.insert(
            pages_id,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Kids", Object::Array(vec![Object::Reference(page)])),
                ("Count", Object::Integer(1)),
            ])),
        );
        let catalog = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages_id)),
        ]));
        doc.trailer.set("Root", Object::Reference(catalog));
        (doc, vec![page], annotation)
    }

    fn kids(doc: &lopdf::Document, element: &Dictionary) -> Vec<Object> {
        match element.get(b"K") {
            Ok(Object::Array(kids)) => kids.clone(),
            Ok(kid) => vec![kid.clone()],
            Err(_) => Vec::new(),
        }
        .into_iter()
        .map(|k| match k {
            Object::Reference(id) => doc.get_object(id).cloned().unwrap_or(Object::Null),
            other => other,
        })
        .collect()
    }

    #[test]
    fn own_content_sits_among_children_where_it_was_painted() {
        let (mut doc, pages, annotation) = document();
        let mut tree = StructTree::new();
        let p = tree.add(Role::P, StructTree::ROOT);
        let link = tree.add(Role::Link, p);
        let _empty = tree.add(Role::P, StructTree::ROOT);
        let marked = |mcid| Content::Marked { page: 0, mcid };
        let marks = Marks {
            content: vec![
                (p, marked(0)),
                (link, marked(1)),
                (
                    link,
                    Content::Annotation {
                        page: 0,
                        object: annotation,
                    },
                ),
                (p, marked(2)),
            ],
        };
        assert_eq!(role_names(&tree), ["Document", "P", "Link", "P"]);
        write(&mut doc, &tree, &marks, &pages).unwrap();

        let catalog = doc.catalog().unwrap();
        let root = doc
            .get_dictionary(
                catalog
                    .get(b"StructTreeRoot")
                    .unwrap()
                    .as_reference()
                    .unwrap(),
            )
            .unwrap();
        let document = doc
            .get_dictionary(root.get(b"K").unwrap().as_reference().unwrap())
            .unwrap();
        // The empty paragraph is left out.
        let top = kids(&doc, document);
        assert_eq!(top.len(), 1);
        let paragraph = top[0].as_dict().unwrap();
        let inside = kids(&doc, paragraph);
        assert_eq!(inside.len(), 3);
        assert_eq!(inside[0], Object::Integer(0));
        let link_element = inside[1].as_dict().unwrap();
        assert_eq!(
            link_element.get(b"S").unwrap(),
            &Object::Name(b"Link".to_vec())
        );
        let link_kids = kids(&doc, link_element);
        assert_eq!(link_kids[0], Object::Integer(1));
        let objr = link_kids[1].as_dict().unwrap();
        assert_eq!(objr.get(b"Obj").unwrap(), &Object::Reference(annotation));
        assert_eq!(inside[2], Object::Integer(2));

        // The parent tree maps MCIDs 0..3 and the annotation's key back to elements.
        let page = doc.get_dictionary(pages[0]).unwrap();
        assert_eq!(page.get(b"StructParents").unwrap().as_i64().unwrap(), 0);
        assert_eq!(page.get(b"Tabs").unwrap(), &Object::Name(b"S".to_vec()));
        let annot = doc.get_dictionary(annotation).unwrap();
        assert_eq!(annot.get(b"StructParent").unwrap().as_i64().unwrap(), 1);
        assert_eq!(root.get(b"ParentTreeNextKey").unwrap().as_i64().unwrap(), 2);
        let marked = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
        assert_eq!(marked.get(b"Marked").unwrap(), &Object::Boolean(true));
    }

    #[test]
    fn empty_table_cells_stay_and_content_on_a_later_page_is_referenced_with_its_page() {
        let (mut doc, mut pages, _) = document();
        let second = doc.add_object(Dictionary::new());
        pages.push(second);
        let mut tree = StructTree::new();
        let row = tree.add(Role::TR, StructTree::ROOT);
        let cell = tree.add(Role::TD, row);
        let _empty = tree.add(Role::TD, row);
        let marks = Marks {
            content: vec![
                (cell, Content::Marked { page: 0, mcid: 0 }),
                (cell, Content::Marked { page: 1, mcid: 0 }),
            ],
        };
        write(&mut doc, &tree, &marks, &pages).unwrap();
        let cells: Vec<&Dictionary> = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"S").ok() == Some(&Object::Name(b"TD".to_vec())))
            .collect();
        assert_eq!(cells.len(), 2);
        let full = cells.iter().find(|d| d.has(b"K")).unwrap();
        let kids = kids(&doc, full);
        assert_eq!(kids[0], Object::Integer(0));
        let mcr = kids[1].as_dict().unwrap();
        assert_eq!(mcr.get(b"Pg").unwrap(), &Object::Reference(second));
    }
}

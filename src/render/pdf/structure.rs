//! The handout's logical structure, for a tagged PDF: what a screen reader reads, and in which
//! order.
//!
//! The layout builds a [`StructTree`] as it walks the model (a heading node, a paragraph
//! node, a list node with its items…) and stamps every item it places with a [`Tag`]: the
//! node whose content it is, or an artifact (rules, backgrounds, underlines, the running
//! header and footer) that assistive technology skips. The painter turns tags into marked
//! content and records each node's content in painting order ([`Marks`]); the finish pass
//! writes the structure tree from both.
//!
//! Children keep the order the layout created them in, which is the model's order, so the
//! reading order does not depend on where page breaks fall or in which order a line's items
//! are painted.

use lopdf::ObjectId;

/// A node of the structure tree, as an index into [`StructTree::nodes`].
pub type NodeId = u32;

/// What a placed item is to a reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Tag {
    /// Decoration with no meaning of its own: rules, box backgrounds and bars, underlines,
    /// a repeated table header.
    #[default]
    Artifact,
    /// The running header of a page.
    Header,
    /// The running footer of a page.
    Footer,
    /// Content of a structure element.
    Node(NodeId),
}

/// Standard structure types (ISO 32000-1, 14.8.4), so no role map is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Document,
    /// A heading of level 1 to 6.
    Heading(u8),
    P,
    /// A list, its items, an item's label (bullet, number or check box) and its body.
    L,
    LI,
    Lbl,
    LBody,
    Table,
    THead,
    TBody,
    TR,
    /// A header cell (scope: its column).
    TH,
    TD,
    Figure,
    Caption,
    BlockQuote,
    /// A footnote's text (carries an `/ID`).
    Note,
    Link,
    /// A code block.
    Code,
    Formula,
    /// A callout box.
    Div,
}

impl Role {
    /// The structure type's name, as `/S` and the marked-content tag write it.
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Heading(level) => match level {
                0 | 1 => "H1",
                2 => "H2",
                3 => "H3",
                4 => "H4",
                5 => "H5",
                _ => "H6",
            },
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::THead => "THead",
            Role::TBody => "TBody",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Figure => "Figure",
            Role::Caption => "Caption",
            Role::BlockQuote => "BlockQuote",
            Role::Note => "Note",
            Role::Link => "Link",
            Role::Code => "Code",
            Role::Formula => "Formula",
            Role::Div => "Div",
        }
    }

    /// Whether the element stays in the tree with no content: an empty table cell keeps
    /// the table a grid a reader can move through.
    pub fn kept_when_empty(self) -> bool {
        matches!(self, Role::TH | Role::TD)
    }
}

/// One structure element.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub role: Role,
    /// None for the root (the Document element).
    pub parent: Option<NodeId>,
    /// `/Alt`: what a figure or formula shows, or what a check box says.
    pub alt: Option<String>,
    /// `/ID`: a footnote's anchor.
    pub id: Option<String>,
    /// What a link's annotations say in `/Contents` (its text, or where it goes).
    pub description: Option<String>,
}

/// The structure tree: nodes in creation order, which is the reading order of siblings.
#[derive(Debug, Clone, PartialEq)]
pub struct StructTree {
    pub nodes: Vec<Node>,
}

impl Default for StructTree {
    fn default() -> Self {
        StructTree::new()
    }
}

impl StructTree {
    /// The Document element, parent of everything else.
    pub const ROOT: NodeId = 0;

    pub fn new() -> StructTree {
        StructTree {
            nodes: vec![Node {
                role: Role::Document,
                parent: None,
                alt: None,
                id: None,
                description: None,
            }],
        }
    }

    /// Adds an element of `role` as the last child of `parent`.
    pub fn add(&mut self, role: Role, parent: NodeId) -> NodeId {
        let id = NodeId::try_from(self.nodes.len()).unwrap_or(NodeId::MAX);
        self.nodes.push(Node {
            role,
            parent: Some(parent),
            alt: None,
            id: None,
            description: None,
        });
        id
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    pub fn node_mut(&mut self, id: NodeId) -> Option<&mut Node> {
        self.nodes.get_mut(id as usize)
    }

    pub fn role(&self, id: NodeId) -> Role {
        self.node(id).map_or(Role::Document, |n| n.role)
    }
}

/// A piece of a node's content, as the painter produced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// A marked-content sequence on page `page` (index), with its marked-content id.
    Marked { page: usize, mcid: u32 },
    /// A link annotation on page `page`.
    Annotation { page: usize, object: ObjectId },
}

/// What the painter recorded: each node's content, in painting order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    pub content: Vec<(NodeId, Content)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_are_numbered_in_creation_order_under_the_document() {
        let mut tree = StructTree::new();
        let list = tree.add(Role::L, StructTree::ROOT);
        let item = tree.add(Role::LI, list);
        assert_eq!((list, item), (1, 2));
        assert_eq!(tree.role(StructTree::ROOT), Role::Document);
        assert_eq!(tree.node(item).and_then(|n| n.parent), Some(list));
        assert_eq!(Role::Heading(3).name(), "H3");
        assert_eq!(Role::Heading(9).name(), "H6");
    }
}

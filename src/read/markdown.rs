//! Markdown (via comrak) into the document model.
//!
//! This is the only module that sees comrak's AST. It converts it, once, into owned model
//! types: spans become file positions (front-matter lines included), heading ids are made
//! unique, footnotes are numbered in order of first reference, image descriptions become plain
//! alt text. Nesting deeper than [`MAX_DEPTH`] is flattened (the words are kept, the extra
//! levels are not), so hostile input cannot overflow a writer's stack.

use std::collections::HashMap;

use comrak::nodes::{AlertType, AstNode, ListType, NodeValue, TableAlignment};
use comrak::{Anchorizer, Arena, Options};

use crate::model::{
    Align, Block, CalloutKind, Cell, Definition, Footnote, Inline, ListItem, Span, plain_text,
};

use super::flavour::Extensions;

/// Block or inline nesting beyond this is flattened into its parent. Real documents nest a
/// handful of levels; 20 keeps every writer's recursion (and the JSON form, whose parsers
/// limit depth) far from any limit.
pub const MAX_DEPTH: usize = 20;

/// The body of a document: blocks and footnote definitions.
pub struct Body {
    pub blocks: Vec<Block>,
    pub footnotes: Vec<Footnote>,
}

/// comrak options for a set of extensions.
fn options(ext: &Extensions) -> Options<'static> {
    let mut options = Options::default();
    let e = &mut options.extension;
    e.table = ext.table;
    e.strikethrough = ext.strikethrough;
    e.autolink = ext.autolink;
    e.tasklist = ext.tasklist;
    e.footnotes = ext.footnotes;
    e.alerts = ext.alerts;
    e.description_lists = ext.definition_lists;
    e.math_dollars = ext.math;
    e.math_code = ext.math;
    options.parse.smart = ext.smart;
    options.parse.leave_footnote_definitions = true;
    options
}

/// Parses Markdown `body` (front matter already cut off) into model blocks.
/// `line_offset` is the number of file lines before `body`.
pub fn parse(body: &str, extensions: &Extensions, line_offset: usize) -> Body {
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, body, &options(extensions));
    let mut converter = Converter {
        anchorizer: Anchorizer::new(),
        line_offset: u32::try_from(line_offset).unwrap_or(u32::MAX),
        footnote_numbers: HashMap::new(),
        footnotes: Vec::new(),
    };
    converter.collect_footnote_numbers(root);
    let mut blocks = Vec::new();
    converter.push_children(root, 0, &mut blocks);
    let mut footnotes = converter.footnotes;
    // Referenced notes in number order, then the unreferenced ones in source order.
    footnotes.sort_by_key(|f| (f.number.is_none(), f.number));
    Body { blocks, footnotes }
}

struct Converter {
    anchorizer: Anchorizer,
    line_offset: u32,
    /// Footnote label -> number, from the references comrak numbered.
    footnote_numbers: HashMap<String, u32>,
    footnotes: Vec<Footnote>,
}

type Node<'a> = &'a AstNode<'a>;

impl Converter {
    fn span(&self, node: Node<'_>) -> Span {
        let pos = node.data().sourcepos;
        let line = |l: usize| {
            u32::try_from(l)
                .unwrap_or(u32::MAX)
                .saturating_add(self.line_offset)
        };
        let col = |c: usize| u32::try_from(c).unwrap_or(u32::MAX);
        Span {
            line: line(pos.start.line),
            column: col(pos.start.column),
            end_line: line(pos.end.line),
            end_column: col(pos.end.column),
        }
    }

    fn collect_footnote_numbers(&mut self, root: Node<'_>) {
        for node in root.descendants() {
            if let NodeValue::FootnoteReference(ref r) = node.data().value {
                self.footnote_numbers.insert(r.name.clone(), r.ix);
            }
        }
    }

    /// Converts the block children of `parent`, appending to `out`.
    fn push_children(&mut self, parent: Node<'_>, depth: usize, out: &mut Vec<Block>) {
        for child in parent.children() {
            self.push_block(child, depth, out);
        }
    }

    fn child_blocks(&mut self, parent: Node<'_>, depth: usize) -> Vec<Block> {
        let mut blocks = Vec::new();
        self.push_children(parent, depth + 1, &mut blocks);
        blocks
    }

    fn push_block(&mut self, node: Node<'_>, depth: usize, out: &mut Vec<Block>) {
        let span = self.span(node);
        let value = node.data().value.clone();
        // Too deep: keep the content, drop the containers. Walked iteratively (comrak's
        // `descendants` is a loop, not recursion), so 100 000 levels cost no stack.
        if depth >= MAX_DEPTH && !is_leaf_block(&value) {
            for inner in node.descendants().skip(1) {
                if is_leaf_block(&inner.data().value) {
                    self.push_block(inner, depth, out);
                }
            }
            return;
        }
        let block = match value {
            NodeValue::Paragraph => Block::Paragraph {
                content: self.inlines(node, 0),
                span,
            },
            NodeValue::Heading(h) => {
                let content = self.inlines(node, 0);
                let mut id = self.anchorizer.anchorize(&plain_text(&content));
                if id.is_empty() {
                    id = self.anchorizer.anchorize("section");
                }
                Block::Heading {
                    level: h.level,
                    id,
                    content,
                    span,
                }
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => Block::Quote {
                blocks: self.child_blocks(node, depth),
                span,
            },
            NodeValue::Alert(alert) => Block::Callout {
                kind: callout_kind(alert.alert_type),
                title: alert.title.clone().filter(|t| !t.trim().is_empty()),
                blocks: self.child_blocks(node, depth),
                span,
            },
            NodeValue::List(list) => {
                let items = node
                    .children()
                    .map(|item| self.list_item(item, depth))
                    .collect();
                Block::List {
                    start: (list.list_type == ListType::Ordered).then_some(list.start as u64),
                    tight: list.tight,
                    items,
                    span,
                }
            }
            NodeValue::CodeBlock(code) => {
                let lang = code.info.split_whitespace().next().map(String::from);
                if code.fenced && lang.as_deref() == Some("math") && code.info.trim() == "math" {
                    Block::Math {
                        tex: code.literal.clone(),
                        span,
                    }
                } else {
                    Block::Code {
                        lang,
                        text: code.literal.clone(),
                        span,
                    }
                }
            }
            NodeValue::HtmlBlock(html) => Block::Html {
                raw: html.literal.clone(),
                span,
            },
            NodeValue::ThematicBreak => Block::Rule { span },
            NodeValue::Table(table) => self.table(node, &table.alignments, span),
            NodeValue::DescriptionList => Block::DefinitionList {
                items: node
                    .children()
                    .map(|item| self.definition(item, depth))
                    .collect(),
                span,
            },
            NodeValue::FootnoteDefinition(def) => {
                let blocks = self.child_blocks(node, depth);
                self.footnotes.push(Footnote {
                    number: self.footnote_numbers.get(&def.name).copied(),
                    label: def.name.clone(),
                    blocks,
                    span,
                });
                return;
            }
            NodeValue::FrontMatter(_) => return,
            // Anything else (extensions folio does not enable, stray inline containers): keep
            // the words by converting what is inside.
            _ => {
                if node
                    .first_child()
                    .is_some_and(|c| is_inline(&c.data().value))
                {
                    Block::Paragraph {
                        content: self.inlines(node, 0),
                        span,
                    }
                } else {
                    self.push_children(node, depth, out);
                    return;
                }
            }
        };
        out.push(block);
    }

    fn list_item(&mut self, item: Node<'_>, depth: usize) -> ListItem {
        let task = match item.data().value {
            NodeValue::TaskItem(ref t) => Some(t.symbol.is_some()),
            _ => None,
        };
        ListItem {
            task,
            blocks: self.child_blocks(item, depth),
            span: self.span(item),
        }
    }

    fn definition(&mut self, item: Node<'_>, depth: usize) -> Definition {
        let mut term = Vec::new();
        let mut details = Vec::new();
        for part in item.children() {
            match part.data().value {
                NodeValue::DescriptionTerm => {
                    for block in self.child_blocks(part, depth) {
                        match block {
                            Block::Paragraph { content, .. } => {
                                if !term.is_empty() {
                                    term.push(Inline::SoftBreak);
                                }
                                term.extend(content);
                            }
                            other => details.push(vec![other]),
                        }
                    }
                }
                _ => details.push(self.child_blocks(part, depth)),
            }
        }
        Definition {
            term,
            details,
            span: self.span(item),
        }
    }

    fn table(&mut self, node: Node<'_>, alignments: &[TableAlignment], span: Span) -> Block {
        let mut head = Vec::new();
        let mut rows = Vec::new();
        for row in node.children() {
            let cells: Vec<Cell> = row
                .children()
                .map(|cell| Cell {
                    content: self.inlines(cell, 0),
                })
                .collect();
            match row.data().value {
                NodeValue::TableRow(true) => head = cells,
                _ => rows.push(cells),
            }
        }
        Block::Table {
            align: alignments.iter().map(|a| align(*a)).collect(),
            head,
            rows,
            span,
        }
    }

    /// Converts the inline children of `parent`; adjacent text is merged.
    fn inlines(&mut self, parent: Node<'_>, depth: usize) -> Vec<Inline> {
        let mut out = Vec::new();
        for child in parent.children() {
            self.push_inline(child, depth, &mut out);
        }
        out
    }

    fn push_inline(&mut self, node: Node<'_>, depth: usize, out: &mut Vec<Inline>) {
        let value = node.data().value.clone();
        if depth >= MAX_DEPTH {
            for inner in node.descendants() {
                match &inner.data().value {
                    NodeValue::Text(text) => push_text(out, text),
                    NodeValue::Code(code) => push_text(out, &code.literal),
                    NodeValue::Math(math) => push_text(out, &math.literal),
                    NodeValue::SoftBreak | NodeValue::LineBreak => push_text(out, " "),
                    _ => {}
                }
            }
            return;
        }
        let inline = match value {
            NodeValue::Text(text) => {
                push_text(out, &text);
                return;
            }
            NodeValue::SoftBreak => Inline::SoftBreak,
            NodeValue::LineBreak => Inline::LineBreak,
            NodeValue::Code(code) => Inline::Code {
                code: code.literal.clone(),
            },
            NodeValue::HtmlInline(raw) => Inline::Html { raw: raw.clone() },
            NodeValue::Emph => Inline::Emph {
                content: self.inlines(node, depth + 1),
            },
            NodeValue::Strong => Inline::Strong {
                content: self.inlines(node, depth + 1),
            },
            NodeValue::Strikethrough => Inline::Strike {
                content: self.inlines(node, depth + 1),
            },
            NodeValue::Link(link) => Inline::Link {
                url: link.url.clone(),
                title: non_empty(&link.title),
                content: self.inlines(node, depth + 1),
            },
            NodeValue::Image(link) => Inline::Image {
                url: link.url.clone(),
                alt: plain_text(&self.inlines(node, depth + 1)),
                title: non_empty(&link.title),
            },
            NodeValue::FootnoteReference(r) => Inline::FootnoteRef {
                label: r.name.clone(),
            },
            NodeValue::Math(math) => Inline::Math {
                display: math.display_math,
                tex: math.literal.clone(),
            },
            // Inline containers of extensions folio does not enable: keep their content.
            _ => {
                for child in node.children() {
                    self.push_inline(child, depth + 1, out);
                }
                return;
            }
        };
        out.push(inline);
    }
}

fn push_text(out: &mut Vec<Inline>, text: &str) {
    if let Some(Inline::Text { text: last }) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(Inline::text(text));
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Blocks that hold no other blocks: what survives when containers are flattened.
fn is_leaf_block(value: &NodeValue) -> bool {
    matches!(
        value,
        NodeValue::Paragraph
            | NodeValue::Heading(_)
            | NodeValue::CodeBlock(_)
            | NodeValue::HtmlBlock(_)
            | NodeValue::ThematicBreak
            | NodeValue::Table(_)
    )
}

fn is_inline(value: &NodeValue) -> bool {
    matches!(
        value,
        NodeValue::Text(_)
            | NodeValue::SoftBreak
            | NodeValue::LineBreak
            | NodeValue::Code(_)
            | NodeValue::HtmlInline(_)
            | NodeValue::Emph
            | NodeValue::Strong
            | NodeValue::Strikethrough
            | NodeValue::Link(_)
            | NodeValue::Image(_)
            | NodeValue::FootnoteReference(_)
            | NodeValue::Math(_)
    )
}

fn callout_kind(alert: AlertType) -> CalloutKind {
    match alert {
        AlertType::Note => CalloutKind::Note,
        AlertType::Tip => CalloutKind::Tip,
        AlertType::Important => CalloutKind::Important,
        AlertType::Warning => CalloutKind::Warning,
        AlertType::Caution => CalloutKind::Caution,
    }
}

fn align(a: TableAlignment) -> Align {
    match a {
        TableAlignment::None => Align::None,
        TableAlignment::Left => Align::Left,
        TableAlignment::Center => Align::Center,
        TableAlignment::Right => Align::Right,
    }
}

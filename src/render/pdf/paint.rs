//! Paint: positioned frames in, a printpdf document out.
//!
//! Each text run is drawn by glyph id at an absolute position, the glyphs carrying the text
//! they stand for (printpdf builds the ToUnicode map from it), with TJ offsets making up the
//! difference between the shaped advance and the font's own. Resource names are derived from
//! the content, never from printpdf's global counters, so output is reproducible.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Actions, BorderArray, Codepoint, Color, CurTransMat, Destination, DictItem, ExternalXObject,
    FontId, Line, LineDashPattern, LinkAnnotation, Op, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, Point, Pt, Rect, TextItem, TextMatrix, XObject, XObjectId, XObjectTransform,
};
use sha2::{Digest, Sha256};

use super::fonts::{FaceKind, FontSet};
use super::frame::{Item, Layout, LinkTarget, PlacedGlyph, TextRun};
use super::image::PdfImage;
use super::style::Rgb;

/// Resource names chosen for a painted document.
#[derive(Debug, Default)]
pub struct Resources {
    /// XObject resource name of each image key, for the finish pass (soft masks).
    pub images: BTreeMap<String, String>,
}

/// Paints `layout` into a new printpdf document.
pub fn paint(
    layout: &Layout,
    fonts: &FontSet,
    images: &BTreeMap<String, PdfImage>,
    title: &str,
) -> (PdfDocument, Resources) {
    let mut doc = PdfDocument::new(title);
    let font_ids = register_fonts(&mut doc, layout, fonts);
    let mut resources = Resources::default();
    let mut image_ids = BTreeMap::new();
    for (n, (key, image)) in images.iter().enumerate() {
        let used = layout.pages.iter().any(|p| {
            p.items
                .iter()
                .any(|i| matches!(i, Item::Image { key: k, .. } if k == key))
        });
        if !used {
            continue;
        }
        let name = format!("Im{}", n + 1);
        doc.resources.xobjects.map.insert(
            XObjectId(name.clone()),
            XObject::External(ExternalXObject {
                stream: image.stream.clone(),
                width: None,
                height: None,
                dpi: None,
            }),
        );
        image_ids.insert(key.clone(), XObjectId(name.clone()));
        resources.images.insert(key.clone(), name);
    }
    let h = layout.page_height;
    let pages = layout
        .pages
        .iter()
        .map(|page| {
            let mut painter = Painter {
                faces: fonts,
                ops: Vec::new(),
                in_text: false,
                font: None,
                fill: None,
                page_height: h,
            };
            for item in &page.items {
                painter.item(item, &font_ids, &image_ids, layout);
            }
            painter.end_text();
            PdfPage {
                media_box: Rect::from_wh(Pt(layout.page_width), Pt(h)),
                trim_box: Rect::from_wh(Pt(layout.page_width), Pt(h)),
                crop_box: Rect::from_wh(Pt(layout.page_width), Pt(h)),
                ops: painter.ops,
            }
        })
        .collect();
    doc.with_pages(pages);
    (doc, resources)
}

/// Adds the faces the layout uses, named `XXXXXX` + `F` + role, where `XXXXXX` (also the
/// subset tag printpdf writes) is derived from the face and the glyphs used.
fn register_fonts(
    doc: &mut PdfDocument,
    layout: &Layout,
    fonts: &FontSet,
) -> BTreeMap<FaceKind, FontId> {
    let mut used: BTreeMap<FaceKind, BTreeSet<u16>> = BTreeMap::new();
    for page in &layout.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                used.entry(run.face)
                    .or_default()
                    .extend(run.glyphs.iter().map(|g| g.gid));
            }
        }
    }
    let mut ids = BTreeMap::new();
    for (kind, gids) in used {
        let face = fonts.face(kind);
        let Some(parsed) = face.pdf_font() else {
            continue;
        };
        let mut hasher = Sha256::new();
        hasher.update(face.name.as_bytes());
        for gid in &gids {
            hasher.update(gid.to_be_bytes());
        }
        let digest = hasher.finalize();
        let tag: String = digest[..6]
            .iter()
            .map(|b| char::from(b'A' + b % 26))
            .collect();
        let id = FontId(format!("{tag}F{}", kind.index()));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::font::PdfFont::new(parsed.clone()));
        ids.insert(kind, id);
    }
    ids
}

struct Painter<'a> {
    faces: &'a FontSet,
    ops: Vec<Op>,
    in_text: bool,
    font: Option<(FaceKind, f32)>,
    fill: Option<Rgb>,
    page_height: f32,
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

impl Painter<'_> {
    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
            self.font = None;
        }
    }

    fn set_fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }

    fn item(
        &mut self,
        item: &Item,
        fonts: &BTreeMap<FaceKind, FontId>,
        images: &BTreeMap<String, XObjectId>,
        layout: &Layout,
    ) {
        let h = self.page_height;
        match item {
            Item::Text(run) => self.text(run, fonts),
            Item::Rect {
                x,
                y,
                w,
                h: rh,
                fill,
                stroke,
            } => {
                self.end_text();
                let rect = |mode| Rect {
                    x: Pt(*x),
                    y: Pt(h - y - rh),
                    width: Pt(*w),
                    height: Pt(*rh),
                    mode: Some(mode),
                    winding_order: None,
                };
                if let Some(f) = fill {
                    self.set_fill(*f);
                    self.ops.push(Op::DrawRectangle {
                        rectangle: rect(PaintMode::Fill),
                    });
                }
                if let Some((c, width)) = stroke {
                    self.stroke_style(*c, *width);
                    self.ops.push(Op::DrawRectangle {
                        rectangle: rect(PaintMode::Stroke),
                    });
                }
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                color: c,
                width,
            } => {
                self.end_text();
                self.stroke_style(*c, *width);
                self.ops.push(Op::DrawLine {
                    line: polyline(&[(*x1, h - y1), (*x2, h - y2)]),
                });
            }
            Item::Polyline {
                points,
                color: c,
                width,
            } => {
                self.end_text();
                self.stroke_style(*c, *width);
                let flipped: Vec<(f32, f32)> = points.iter().map(|&(x, y)| (x, h - y)).collect();
                self.ops.push(Op::DrawLine {
                    line: polyline(&flipped),
                });
            }
            Item::Image {
                key,
                x,
                y,
                w,
                h: ih,
            } => {
                let Some(id) = images.get(key) else { return };
                self.end_text();
                self.ops.push(Op::SaveGraphicsState);
                self.ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([*w, 0.0, 0.0, *ih, *x, h - y - ih]),
                });
                self.ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        no_auto_scale: true,
                        ..XObjectTransform::default()
                    },
                });
                self.ops.push(Op::RestoreGraphicsState);
            }
            Item::Link {
                x,
                y,
                w,
                h: lh,
                target,
            } => {
                let actions = match target {
                    LinkTarget::Uri(uri) => Actions::Uri(uri.clone()),
                    LinkTarget::Anchor(id) => match layout.anchors.get(id) {
                        Some(&(page, top)) => Actions::Goto(Destination::Xyz {
                            page: page + 1,
                            left: Some(0.0),
                            top: Some(h - top + 6.0),
                            zoom: None,
                        }),
                        // A link to a heading that does not exist goes nowhere: no area.
                        None => return,
                    },
                };
                let rect = Rect {
                    x: Pt(*x),
                    y: Pt(h - y - lh),
                    width: Pt(*w),
                    height: Pt(*lh),
                    mode: None,
                    winding_order: None,
                };
                self.ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        rect,
                        actions,
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        None,
                        None,
                    ),
                });
            }
        }
    }

    fn stroke_style(&mut self, c: Rgb, width: f32) {
        self.ops.push(Op::SetOutlineColor { col: color(c) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        self.ops.push(Op::SetLineDashPattern {
            dash: LineDashPattern::default(),
        });
    }

    fn text(&mut self, run: &TextRun, fonts: &BTreeMap<FaceKind, FontId>) {
        let Some(font) = fonts.get(&run.face) else {
            return;
        };
        if run.glyphs.is_empty() {
            return;
        }
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
        }
        self.set_fill(run.color);
        if self.font != Some((run.face, run.size)) {
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(run.size),
            });
            self.font = Some((run.face, run.size));
        }
        // Glyphs whose text is not simply their own character (stand-ins for characters no
        // font has, substituted forms) are drawn inside an ActualText span: the PDF's
        // ToUnicode map has one text per glyph, so the real text must travel with the run.
        let face = self.faces.face(run.face);
        let needs_actual_text = |g: &PlacedGlyph| -> bool {
            if g.replacement {
                return true;
            }
            let mut chars = g.text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => face.glyph_for(c) != Some(g.gid),
                _ => false,
            }
        };
        let per_em = 1000.0 / run.size;
        let mut x = run.x;
        let mut i = 0;
        while i < run.glyphs.len() {
            let flagged = needs_actual_text(&run.glyphs[i]);
            let mut end = i + 1;
            while end < run.glyphs.len() && needs_actual_text(&run.glyphs[end]) == flagged {
                end += 1;
            }
            let segment = &run.glyphs[i..end];
            self.ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(x), Pt(self.page_height - run.baseline)),
            });
            let codepoints = segment
                .iter()
                .map(|g| {
                    // The viewer advances by the font's width (as printpdf writes it into
                    // /W, truncated to whole thousandths); the offset moves the pen to where
                    // shaping put the next glyph.
                    let font_width = (g.font_advance * per_em + 0.001).trunc();
                    let offset = font_width - g.advance * per_em;
                    Codepoint {
                        gid: g.gid,
                        offset: if offset.abs() < 0.05 {
                            0.0
                        } else {
                            (offset * 100.0).round() / 100.0
                        },
                        // Only a glyph's own text goes into the font's ToUnicode map.
                        cid: (!flagged && !g.text.is_empty()).then(|| g.text.clone()),
                    }
                })
                .collect();
            if flagged {
                let text: String = segment.iter().map(|g| g.text.as_str()).collect();
                let mut map = BTreeMap::new();
                map.insert(
                    "ActualText".to_string(),
                    DictItem::String {
                        data: super::finish::utf16be(&text),
                        literal: false,
                    },
                );
                self.ops.push(Op::BeginMarkedContentWithProperties {
                    tag: "Span".into(),
                    properties: DictItem::Dict { map },
                });
            }
            self.ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(codepoints)],
            });
            if flagged {
                self.ops.push(Op::EndMarkedContentWithProperties);
            }
            x += segment.iter().map(|g| g.advance).sum::<f32>();
            i = end;
        }
    }
}

fn polyline(points: &[(f32, f32)]) -> Line {
    Line {
        points: points
            .iter()
            .map(|&(x, y)| printpdf::LinePoint {
                p: Point { x: Pt(x), y: Pt(y) },
                bezier: false,
            })
            .collect(),
        is_closed: false,
    }
}

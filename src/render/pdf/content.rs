//! A page's content stream, written as bytes.
//!
//! The painter emits every operator through this writer, which formats numbers by hand
//! (fixed precision, no trailing zeros): building the stream through printpdf's operation
//! list and lopdf's generic serialiser took a third of a handout's time.
//! It knows PDF syntax, nothing about layout.

use super::encoding::{hex_pair, push_escaped, write_fixed};

/// Glyph codes a text operator shows: two-byte codes (Identity-H) and the adjustments
/// between them, in thousandths of an em (positive moves the next glyph left).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shown {
    Code(u16),
    Adjust(f32),
}

/// A content stream under construction.
#[derive(Debug, Default)]
pub struct Content {
    bytes: Vec<u8>,
}

impl Content {
    pub fn new() -> Content {
        Content {
            bytes: Vec::with_capacity(16 * 1024),
        }
    }

    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }

    fn op(&mut self, operator: &str) {
        self.bytes.extend_from_slice(operator.as_bytes());
        self.bytes.push(b'\n');
    }

    /// A number to two decimals (positions in points are exact to 1/7200 inch).
    fn num(&mut self, value: f32) {
        write_fixed(&mut self.bytes, value, 100);
        self.bytes.push(b' ');
    }

    /// A colour channel in 0..=1, to three decimals.
    fn channel(&mut self, value: f32) {
        write_fixed(&mut self.bytes, value.clamp(0.0, 1.0), 1000);
        self.bytes.push(b' ');
    }

    fn name(&mut self, name: &str) {
        self.bytes.push(b'/');
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.push(b' ');
    }

    pub fn save(&mut self) {
        self.op("q");
    }

    pub fn restore(&mut self) {
        self.op("Q");
    }

    pub fn fill_rgb(&mut self, (r, g, b): (f32, f32, f32)) {
        self.channel(r);
        self.channel(g);
        self.channel(b);
        self.op("rg");
    }

    pub fn stroke_rgb(&mut self, (r, g, b): (f32, f32, f32)) {
        self.channel(r);
        self.channel(g);
        self.channel(b);
        self.op("RG");
    }

    pub fn line_width(&mut self, width: f32) {
        self.num(width);
        self.op("w");
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.num(x);
        self.num(y);
        self.num(w);
        self.num(h);
        self.op("re");
    }

    pub fn move_to(&mut self, x: f32, y: f32) {
        self.num(x);
        self.num(y);
        self.op("m");
    }

    pub fn line_to(&mut self, x: f32, y: f32) {
        self.num(x);
        self.num(y);
        self.op("l");
    }

    pub fn fill(&mut self) {
        self.op("f");
    }

    pub fn stroke(&mut self) {
        self.op("S");
    }

    /// Concatenates `[a b c d e f]` to the current transformation matrix.
    pub fn transform(&mut self, matrix: [f32; 6]) {
        for value in matrix {
            self.num(value);
        }
        self.op("cm");
    }

    /// Paints an XObject (an image) by resource name.
    pub fn draw(&mut self, name: &str) {
        self.name(name);
        self.op("Do");
    }

    pub fn begin_text(&mut self) {
        self.op("BT");
    }

    pub fn end_text(&mut self) {
        self.op("ET");
    }

    pub fn font(&mut self, name: &str, size: f32) {
        self.name(name);
        self.num(size);
        self.op("Tf");
    }

    /// Puts the text origin at `(x, y)` (an absolute text matrix, not a relative move).
    pub fn text_at(&mut self, x: f32, y: f32) {
        self.op_prefix("1 0 0 1 ");
        self.num(x);
        self.num(y);
        self.op("Tm");
    }

    fn op_prefix(&mut self, text: &str) {
        self.bytes.extend_from_slice(text.as_bytes());
    }

    /// `[(codes) adjust (codes) …] TJ`; codes as literal strings of big-endian pairs.
    pub fn show(&mut self, items: &[Shown]) {
        self.bytes.push(b'[');
        let mut in_string = false;
        for item in items {
            match *item {
                Shown::Code(code) => {
                    if !in_string {
                        self.bytes.push(b'(');
                        in_string = true;
                    }
                    let [hi, lo] = code.to_be_bytes();
                    push_escaped(&mut self.bytes, hi);
                    push_escaped(&mut self.bytes, lo);
                }
                Shown::Adjust(amount) => {
                    if in_string {
                        self.bytes.push(b')');
                        in_string = false;
                    } else if self.bytes.last().is_some_and(u8::is_ascii_digit) {
                        // Two numbers in a row need a separator.
                        self.bytes.push(b' ');
                    }
                    write_fixed(&mut self.bytes, amount, 100);
                }
            }
        }
        if in_string {
            self.bytes.push(b')');
        }
        self.op("] TJ");
    }

    /// Opens a marked-content span with an `/ActualText` (UTF-16BE with BOM, as hex).
    pub fn begin_actual_text(&mut self, utf16: &[u8]) {
        self.op_prefix("/Span <</ActualText <");
        for byte in utf16 {
            self.bytes.extend_from_slice(&hex_pair(*byte));
        }
        self.op(">>> BDC");
    }

    pub fn end_marked(&mut self) {
        self.op("EMC");
    }

    /// Opens the content of a structure element: `/P <</MCID 3>> BDC`.
    pub fn begin_structure(&mut self, role: &str, mcid: u32) {
        self.name(role);
        self.op_prefix("<</MCID ");
        let mut buffer = itoa::Buffer::new();
        self.op_prefix(buffer.format(mcid));
        self.op(">> BDC");
    }

    /// Opens an artifact: decoration (`/Artifact BMC`), or with a subtype, a running header
    /// or footer (`/Artifact <</Type /Pagination /Subtype /Header>> BDC`).
    pub fn begin_artifact(&mut self, pagination: Option<&str>) {
        match pagination {
            None => self.op("/Artifact BMC"),
            Some(subtype) => {
                self.op_prefix("/Artifact <</Type /Pagination /Subtype /");
                self.op_prefix(subtype);
                self.op(">> BDC");
            }
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(value: f32, scale: u32) -> String {
        let mut out = Vec::new();
        write_fixed(&mut out, value, scale);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_to_their_precision() {
        assert_eq!(fixed(12.0, 100), "12");
        assert_eq!(fixed(739.05, 100), "739.05");
        assert_eq!(fixed(-0.5, 100), "-0.5");
        assert_eq!(fixed(0.004, 100), "0");
        assert_eq!(fixed(-0.004, 100), "0");
        assert_eq!(fixed(0.07, 100), "0.07");
        assert_eq!(fixed(485.13, 100), "485.13");
        assert_eq!(fixed(0.2, 1000), "0.2");
        assert_eq!(fixed(0.333_333, 1000), "0.333");
        assert_eq!(fixed(f32::NAN, 100), "0");
        assert_eq!(fixed(f32::INFINITY, 100), "0");
    }

    #[test]
    fn glyph_codes_are_escaped_literal_pairs() {
        let mut content = Content::new();
        content.show(&[
            Shown::Code(0x0041),
            Shown::Code(0x2829),
            Shown::Adjust(12.5),
            Shown::Code(0x0D5C),
        ]);
        assert_eq!(
            content.finish(),
            b"[(\x00A\\(\\))12.5(\\r\\\\)] TJ\n".to_vec()
        );
    }

    #[test]
    fn operators_read_as_pdf_syntax() {
        let mut content = Content::new();
        content.begin_text();
        content.font("F0", 12.0);
        content.text_at(54.0, 739.05);
        content.end_text();
        content.fill_rgb((1.0, 0.5, 0.0));
        content.rect(1.0, 2.0, 3.5, 4.0);
        content.fill();
        content.begin_actual_text(&[0xFE, 0xFF, 0x00, 0x41]);
        content.end_marked();
        content.begin_structure("H2", 17);
        content.begin_artifact(None);
        content.begin_artifact(Some("Footer"));
        assert_eq!(
            String::from_utf8(content.finish()).unwrap(),
            "BT\n/F0 12 Tf\n1 0 0 1 54 739.05 Tm\nET\n1 0.5 0 rg\n1 2 3.5 4 re\nf\n\
             /Span <</ActualText <FEFF0041>>> BDC\nEMC\n/H2 <</MCID 17>> BDC\n\
             /Artifact BMC\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
        );
    }
}

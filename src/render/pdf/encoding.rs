//! How PDF spells values: text strings (ASCII, or UTF-16BE with a byte order mark), dates,
//! literal and hex string bytes, fixed-point numbers, and Flate compression.
//!
//! A leaf: the content streams, the serialiser, the finish pass and the structure tree all
//! write through here, and it imports nothing of theirs.

use lopdf::{Object, StringFormat};

use crate::render::dates::civil_from_days;

/// A text string as PDF wants it: plain when ASCII, UTF-16BE with a byte order mark otherwise.
pub fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        Object::string_literal(text)
    } else {
        Object::String(utf16be(text), StringFormat::Hexadecimal)
    }
}

/// UTF-16BE with a byte order mark: how PDF text strings hold non-ASCII text.
pub fn utf16be(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    bytes
}

/// `D:YYYYMMDDHHmmSSZ` for seconds since 1970.
pub fn pdf_date(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "D:{y:04}{m:02}{d:02}{:02}{:02}{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Bytes of a literal string: the delimiters and backslash escaped, and line ends, which a
/// reader would otherwise normalise.
pub fn push_escaped(out: &mut Vec<u8>, byte: u8) {
    match byte {
        b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\n' => out.extend_from_slice(b"\\n"),
        _ => out.push(byte),
    }
}

/// A byte as two upper-case hex digits (hex strings, `#XX` in names).
pub fn hex_pair(byte: u8) -> [u8; 2] {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    [
        DIGITS[usize::from(byte >> 4)],
        DIGITS[usize::from(byte & 15)],
    ]
}

/// Writes `value` rounded to `1/scale` (10, 100 or 1000), without trailing zeros: `12`,
/// `-0.5`, `739.05`. Non-finite values are written as 0, which no viewer rejects.
pub fn write_fixed(out: &mut Vec<u8>, value: f32, scale: u32) {
    let scaled = f64::from(value) * f64::from(scale);
    let scaled = if scaled.is_finite() {
        scaled.round() as i64
    } else {
        0
    };
    if scaled < 0 {
        out.push(b'-');
    }
    let magnitude = scaled.unsigned_abs();
    let scale = u64::from(scale);
    let mut buffer = itoa::Buffer::new();
    out.extend_from_slice(buffer.format(magnitude / scale).as_bytes());
    let mut fraction = magnitude % scale;
    if fraction != 0 {
        out.push(b'.');
        let mut digit = scale / 10;
        while fraction != 0 && digit != 0 {
            out.push(b'0' + (fraction / digit) as u8);
            fraction %= digit;
            digit /= 10;
        }
    }
}

/// `data` compressed as a zlib stream at the default level, for streams compressed before
/// the finish pass (the font programs, made once and shared; object and xref streams).
pub fn deflate(data: &[u8]) -> Vec<u8> {
    deflate_at(data, flate2::Compression::default())
}

/// `data` compressed as a zlib stream at `level` (images take the best: they are made once
/// and can be large).
///
/// Each thread keeps one compressor per level and resets it between streams: a handout has
/// dozens of small streams, and making a compressor for each took a tenth of a one-handout
/// run.
pub fn deflate_at(data: &[u8], level: flate2::Compression) -> Vec<u8> {
    thread_local! {
        static COMPRESSORS: std::cell::RefCell<Vec<(u32, flate2::Compress)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    COMPRESSORS.with_borrow_mut(|compressors| {
        let index = match compressors.iter().position(|(l, _)| *l == level.level()) {
            Some(index) => {
                compressors[index].1.reset();
                index
            }
            None => {
                compressors.push((level.level(), flate2::Compress::new(level, true)));
                compressors.len() - 1
            }
        };
        let compressor = &mut compressors[index].1;
        // zlib's bound for incompressible input: the data, a little per block, the header.
        let mut out = Vec::with_capacity(data.len() + data.len() / 1000 + 64);
        loop {
            let consumed = usize::try_from(compressor.total_in()).unwrap_or(data.len());
            let input = data.get(consumed..).unwrap_or_default();
            match compressor.compress_vec(input, &mut out, flate2::FlushCompress::Finish) {
                Ok(flate2::Status::StreamEnd) | Err(_) => break,
                Ok(_) => out.reserve(out.capacity().max(64)),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_700_000_000), "D:20231114221320Z");
        let s = crate::render::dates::iso_date_seconds("2024-05-01").unwrap();
        assert_eq!(pdf_date(s), "D:20240501000000Z");
    }

    #[test]
    fn non_ascii_text_strings_are_utf16_with_bom() {
        assert_eq!(text_string("Pain"), Object::string_literal("Pain"));
        match text_string("Schmerz – Überblick") {
            Object::String(bytes, _) => assert_eq!(&bytes[..2], &[0xFE, 0xFF]),
            other => panic!("{other:?}"),
        }
    }
}

//! Images as PDF image XObjects: PNG decoded and stored losslessly (Flate), JPEG passed
//! through untouched (DCTDecode).
//!
//! Nothing is re-encoded lossily. The
//! size of an image is checked from its header before anything is decoded, so a hostile
//! 20 000 × 20 000 PNG is refused instead of allocating gigabytes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use lopdf::{Dictionary, Object};

use super::encoding::deflate_at;
use crate::render::assets::Asset;

/// The largest image folio decodes, in pixels (about 8 000 × 5 000).
pub const MAX_PIXELS: u64 = 40_000_000;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ImageError {
    #[error("{0} images cannot be placed in a PDF; use PNG or JPEG")]
    Unsupported(String),
    #[error("the image is {width} × {height} pixels; folio handles at most {MAX_PIXELS} pixels")]
    TooLarge { width: u32, height: u32 },
    #[error("the image is damaged: {0}")]
    Corrupt(String),
}

/// An image ready to be embedded.
#[derive(Debug, Clone)]
pub struct PdfImage {
    pub width: u32,
    pub height: u32,
    /// The image XObject's dictionary.
    pub dict: Dictionary,
    /// Its data, already encoded as the dictionary's filter says.
    pub data: Vec<u8>,
    /// A PNG's alpha channel, Flate-compressed, for a soft mask added in the finish pass.
    pub alpha: Option<Vec<u8>>,
}

impl PdfImage {
    /// The bytes it holds: its data and its alpha channel.
    fn stored_bytes(&self) -> usize {
        self.data.len() + self.alpha.as_ref().map_or(0, Vec::len)
    }

    /// The soft mask's XObject dictionary and data, for a PNG with transparency.
    pub fn soft_mask(&self) -> Option<(Dictionary, &[u8])> {
        let alpha = self.alpha.as_deref()?;
        let mut dict = image_dict(self.width, self.height);
        dict.set("ColorSpace", Object::Name(b"DeviceGray".to_vec()));
        dict.set("BitsPerComponent", Object::Integer(8));
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        Some((dict, alpha))
    }
}

/// Images already prepared in this process, by their bytes' SHA-256 and media type: the
/// standard and large-print handouts of a document show the same images, and decoding a PNG
/// and compressing it at the best level is the dearest step of a handout that has one.
type PreparedImages = HashMap<(String, String), Arc<PdfImage>>;

/// The most image data the cache keeps before it starts again.
const PREPARED_LIMIT_BYTES: usize = 64 << 20;

fn prepared_images() -> &'static Mutex<PreparedImages> {
    static CACHE: OnceLock<Mutex<PreparedImages>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// [`prepare`], once per image in a process: the same bytes (by the SHA-256 read with them)
/// give the same, shared, result.
pub fn prepare_shared(asset: &Asset) -> Result<Arc<PdfImage>, ImageError> {
    let (bytes, media_type) = (asset.bytes.as_slice(), asset.media_type.as_str());
    let key = (asset.sha256.clone(), media_type.to_string());
    if let Some(found) = prepared_images()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&key)
    {
        return Ok(Arc::clone(found));
    }
    // Prepared outside the lock, so two threads never wait on each other's images.
    let image = Arc::new(prepare(bytes, media_type)?);
    let mut cache = prepared_images().lock().unwrap_or_else(|e| e.into_inner());
    let held: usize = cache.values().map(|i| i.stored_bytes()).sum();
    if held + image.stored_bytes() > PREPARED_LIMIT_BYTES {
        cache.clear();
    }
    cache.insert(key, Arc::clone(&image));
    Ok(image)
}

/// Prepares `bytes` (of the given media type) for the PDF.
pub fn prepare(bytes: &[u8], media_type: &str) -> Result<PdfImage, ImageError> {
    match media_type {
        "image/png" => prepare_png(bytes),
        "image/jpeg" => prepare_jpeg(bytes),
        other => Err(ImageError::Unsupported(
            other.trim_start_matches("image/").to_ascii_uppercase(),
        )),
    }
}

fn check_size(width: u32, height: u32) -> Result<(), ImageError> {
    if width == 0 || height == 0 {
        return Err(ImageError::Corrupt("it has no pixels".into()));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageError::TooLarge { width, height });
    }
    Ok(())
}

fn prepare_png(bytes: &[u8]) -> Result<PdfImage, ImageError> {
    let corrupt = |e: png::DecodingError| {
        ImageError::Corrupt(match e {
            png::DecodingError::IoError(_) => "the PNG data is cut short".into(),
            png::DecodingError::Format(_) => "it is not a valid PNG file".into(),
            e => e.to_string(),
        })
    };
    let limits = png::Limits {
        bytes: (MAX_PIXELS * 4) as usize,
    };
    let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), limits);
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| match e {
        png::DecodingError::LimitsExceeded => ImageError::Corrupt("it is too large".into()),
        e => corrupt(e),
    })?;
    let (width, height) = reader.info().size();
    check_size(width, height)?;
    let size = reader
        .output_buffer_size()
        .ok_or(ImageError::TooLarge { width, height })?;
    let mut pixels = vec![0; size];
    let frame = reader.next_frame(&mut pixels).map_err(corrupt)?;
    pixels.truncate(frame.buffer_size());
    let (colors, has_alpha) = match frame.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (1, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (3, true),
        png::ColorType::Indexed => {
            return Err(ImageError::Corrupt("palette was not expanded".into()));
        }
    };
    let (color, alpha) = if has_alpha {
        let stride = colors + 1;
        let mut color = Vec::with_capacity(pixels.len() / stride * colors);
        let mut alpha = Vec::with_capacity(pixels.len() / stride);
        for px in pixels.chunks_exact(stride) {
            color.extend_from_slice(&px[..colors]);
            alpha.push(px[colors]);
        }
        // A fully opaque alpha channel is no mask at all.
        let alpha = alpha.iter().any(|&a| a != 255).then_some(alpha);
        (color, alpha)
    } else {
        (pixels, None)
    };
    let mut dict = image_dict(width, height);
    let space: &[u8] = if colors == 1 {
        b"DeviceGray"
    } else {
        b"DeviceRGB"
    };
    dict.set("ColorSpace", Object::Name(space.to_vec()));
    dict.set("BitsPerComponent", Object::Integer(8));
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    Ok(PdfImage {
        width,
        height,
        dict,
        data: deflate_at(&color, flate2::Compression::best()),
        alpha: alpha.map(|a| deflate_at(&a, flate2::Compression::best())),
    })
}

fn image_dict(width: u32, height: u32) -> Dictionary {
    Dictionary::from_iter(vec![
        ("Type", Object::Name(b"XObject".to_vec())),
        ("Subtype", Object::Name(b"Image".to_vec())),
        ("Width", Object::Integer(i64::from(width))),
        ("Height", Object::Integer(i64::from(height))),
    ])
}

/// What a JPEG's header says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct JpegHeader {
    width: u32,
    height: u32,
    components: u8,
    /// Adobe APP14 marker: CMYK data is stored inverted.
    adobe: bool,
}

fn prepare_jpeg(bytes: &[u8]) -> Result<PdfImage, ImageError> {
    let header = jpeg_header(bytes)?;
    check_size(header.width, header.height)?;
    let mut dict = image_dict(header.width, header.height);
    let space = match header.components {
        1 => "DeviceGray",
        3 => "DeviceRGB",
        4 => "DeviceCMYK",
        n => return Err(ImageError::Corrupt(format!("{n} colour components"))),
    };
    dict.set("ColorSpace", Object::Name(space.as_bytes().to_vec()));
    dict.set("BitsPerComponent", Object::Integer(8));
    dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
    if header.components == 4 && header.adobe {
        dict.set(
            "Decode",
            Object::Array([1, 0, 1, 0, 1, 0, 1, 0].map(Object::Integer).to_vec()),
        );
    }
    Ok(PdfImage {
        width: header.width,
        height: header.height,
        dict,
        data: bytes.to_vec(),
        alpha: None,
    })
}

/// Reads the frame header (SOFn) of a JPEG without decoding it.
fn jpeg_header(bytes: &[u8]) -> Result<JpegHeader, ImageError> {
    let corrupt = |what: &str| ImageError::Corrupt(format!("JPEG {what}"));
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(corrupt("start marker missing"));
    }
    let mut adobe = false;
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err(corrupt("segment marker missing"));
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        if matches!(marker, 0xD0..=0xD9 | 0x01) {
            i += 2;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let segment = bytes
            .get(i + 4..i + 2 + length)
            .ok_or_else(|| corrupt("segment truncated"))?;
        if length < 2 {
            return Err(corrupt("segment length invalid"));
        }
        match marker {
            0xEE if segment.starts_with(b"Adobe") => adobe = true,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                if segment.len() < 6 {
                    return Err(corrupt("frame header truncated"));
                }
                return Ok(JpegHeader {
                    height: u32::from(u16::from_be_bytes([segment[1], segment[2]])),
                    width: u32::from(u16::from_be_bytes([segment[3], segment[4]])),
                    components: segment[5],
                    adobe,
                });
            }
            0xDA => break,
            _ => {}
        }
        i += 2 + length;
    }
    Err(corrupt("frame header missing"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_bytes(width: u32, height: u32, color: png::ColorType, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, width, height);
            encoder.set_color(color);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().unwrap();
            writer.write_image_data(data).unwrap();
        }
        out
    }

    #[test]
    fn png_is_stored_losslessly_with_its_alpha_as_a_mask() {
        let data = [255, 0, 0, 255, 0, 255, 0, 128];
        let image = prepare(&png_bytes(2, 1, png::ColorType::Rgba, &data), "image/png").unwrap();
        assert_eq!((image.width, image.height), (2, 1));
        let mut decoded = Vec::new();
        use std::io::Read;
        flate2::read::ZlibDecoder::new(&image.data[..])
            .read_to_end(&mut decoded)
            .unwrap();
        assert_eq!(decoded, [255, 0, 0, 0, 255, 0]);
        let (mask, _) = image
            .soft_mask()
            .expect("a soft mask for the alpha channel");
        assert_eq!(
            mask.get(b"ColorSpace").ok(),
            Some(&Object::Name(b"DeviceGray".to_vec()))
        );
        assert_eq!(mask.get(b"Width").ok(), Some(&Object::Integer(2)));
    }

    #[test]
    fn the_same_image_is_prepared_once_and_shared() {
        let bytes = png_bytes(2, 1, png::ColorType::Grayscale, &[3, 250]);
        let asset = Asset::new("image/png", bytes.clone());
        let first = prepare_shared(&asset).unwrap();
        let again = prepare_shared(&Asset::new("image/png", bytes.clone())).unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(first.data, prepare(&bytes, "image/png").unwrap().data);
        let other = Asset::new(
            "image/png",
            png_bytes(2, 1, png::ColorType::Grayscale, &[4, 250]),
        );
        assert!(!Arc::ptr_eq(&first, &prepare_shared(&other).unwrap()));
        assert!(prepare_shared(&Asset::new("image/png", b"not a png".to_vec())).is_err());
    }

    #[test]
    fn opaque_png_has_no_mask() {
        let image = prepare(
            &png_bytes(1, 1, png::ColorType::Grayscale, &[7]),
            "image/png",
        )
        .unwrap();
        assert!(image.alpha.is_none());
        assert_eq!(
            image.dict.get(b"ColorSpace").ok(),
            Some(&Object::Name(b"DeviceGray".to_vec()))
        );
    }

    #[test]
    fn huge_png_is_refused_before_decoding() {
        // A valid header claiming 20 000 × 20 000 pixels, and no data.
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(b"IHDR");
        ihdr.extend_from_slice(&20_000u32.to_be_bytes());
        ihdr.extend_from_slice(&20_000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        bytes.extend_from_slice(&13u32.to_be_bytes());
        bytes.extend_from_slice(&ihdr);
        let crc = crc32(&ihdr);
        bytes.extend_from_slice(&crc.to_be_bytes());
        let err = prepare(&bytes, "image/png").unwrap_err();
        assert!(
            matches!(err, ImageError::TooLarge { .. } | ImageError::Corrupt(_)),
            "{err}"
        );
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn jpeg_header_is_read_without_decoding() {
        // SOI, APP0 (JFIF, 16 bytes), SOF0 for 640 × 480, 3 components, EOI.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        jpeg.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        jpeg.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 8, 0x01, 0xE0, 0x02, 0x80, 3]);
        jpeg.extend_from_slice(&[1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        jpeg.extend_from_slice(&[0xFF, 0xD9]);
        let image = prepare(&jpeg, "image/jpeg").unwrap();
        assert_eq!((image.width, image.height), (640, 480));
        assert_eq!(image.data, jpeg, "JPEG data is passed through untouched");
    }

    #[test]
    fn truncated_and_fake_images_are_errors() {
        assert!(prepare(b"\xFF\xD8\xFF\xC0\x00", "image/jpeg").is_err());
        assert!(prepare(b"\x89PNG\r\n\x1a\nnope", "image/png").is_err());
        assert_eq!(
            prepare(b"GIF89a", "image/gif").unwrap_err(),
            ImageError::Unsupported("GIF".into())
        );
    }
}

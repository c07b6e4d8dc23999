//! The EPUB container, rewritten so the same book always has the same bytes.
//!
//! epub-builder zips with the current time on every entry, so no two builds match. We read its
//! archive back and write a new one: `mimetype` first and stored (the OCF rule that lets tools
//! sniff the type), every other entry deflated, in the order epub-builder wrote them, all with
//! one fixed time (SOURCE_DATE_EPOCH, or 1980-01-01, the earliest a zip can say) and the same
//! permissions. Entries `fix` rewrites (the package document fix-ups) are compressed again;
//! the others keep epub-builder's compressed bytes, which deflate made the same way for the
//! same input (compressing everything twice was a third of an EPUB's time).

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::error::EpubError;

const MIMETYPE: &[u8] = b"application/epub+zip";

/// Rewrites `archive` deterministically. The entries named in `fixed` are read and
/// rewritten: `fix(name, bytes)` gives their new bytes; the others are copied as they are,
/// still compressed.
pub fn rezip(
    archive: &[u8],
    seconds: Option<i64>,
    fixed: &[&str],
    mut fix: impl FnMut(&str, &[u8]) -> Result<Vec<u8>, EpubError>,
) -> Result<Vec<u8>, EpubError> {
    let zip_error = |e: zip::result::ZipError| EpubError::Package(format!("zip: {e}"));
    let io_error = |e: std::io::Error| EpubError::Package(format!("zip: {e}"));
    let mut input = ZipArchive::new(Cursor::new(archive)).map_err(zip_error)?;
    let time = zip_time(seconds);
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let deflated = stored.compression_method(CompressionMethod::Deflated);

    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(archive.len())));
    out.start_file("mimetype", stored).map_err(zip_error)?;
    out.write_all(MIMETYPE).map_err(io_error)?;
    for index in 0..input.len() {
        let entry = input.by_index_raw(index).map_err(zip_error)?;
        let name = entry.name().to_string();
        if name == "mimetype" || entry.is_dir() {
            continue;
        }
        let to_fix = fixed.contains(&name.as_str());
        if !to_fix && entry.compression() == CompressionMethod::Deflated {
            // Deflated as it should be: copied without inflating it again.
            out.raw_copy_file_touch(entry, time, Some(0o644))
                .map_err(zip_error)?;
            continue;
        }
        drop(entry);
        let mut entry = input.by_index(index).map_err(zip_error)?;
        let mut bytes = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
        entry.read_to_end(&mut bytes).map_err(io_error)?;
        drop(entry);
        if to_fix {
            bytes = fix(&name, &bytes)?;
        }
        out.start_file(name, deflated).map_err(zip_error)?;
        out.write_all(&bytes).map_err(io_error)?;
    }
    Ok(out.finish().map_err(zip_error)?.into_inner())
}

/// A zip timestamp (two-second resolution, 1980 to 2107) for seconds since 1970, in UTC.
fn zip_time(seconds: Option<i64>) -> DateTime {
    const Y1980: i64 = 315_532_800;
    const Y2107: i64 = 4_354_819_199;
    let seconds = seconds.unwrap_or(Y1980).clamp(Y1980, Y2107);
    let (y, m, d) = crate::render::dates::civil_from_days(seconds.div_euclid(86_400));
    let secs = seconds.rem_euclid(86_400);
    let parts = (
        u16::try_from(y).unwrap_or(1980),
        u8::try_from(m).unwrap_or(1),
        u8::try_from(d).unwrap_or(1),
        u8::try_from(secs / 3600).unwrap_or(0),
        u8::try_from(secs % 3600 / 60).unwrap_or(0),
        u8::try_from(secs % 60).unwrap_or(0),
    );
    DateTime::from_date_and_time(parts.0, parts.1, parts.2, parts.3, parts.4, parts.5)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str, body: &[u8]) -> Vec<u8> {
        let mut z = ZipWriter::new(Cursor::new(Vec::new()));
        z.start_file(name, SimpleFileOptions::default()).unwrap();
        z.write_all(body).unwrap();
        z.start_file("mimetype", SimpleFileOptions::default())
            .unwrap();
        z.write_all(MIMETYPE).unwrap();
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn mimetype_comes_first_stored_and_times_are_fixed() {
        let bytes = rezip(
            &sample("OEBPS/a.xhtml", b"<a/>"),
            Some(1_700_000_000),
            &[],
            |_, bytes| Ok(bytes.to_vec()),
        )
        .unwrap();
        // The OCF rule: the first local header is `mimetype`, uncompressed, no extra field.
        assert_eq!(&bytes[30..38], b"mimetype");
        assert_eq!(&bytes[38..58], MIMETYPE);
        let mut archive = ZipArchive::new(Cursor::new(&bytes)).unwrap();
        assert_eq!(
            archive.by_index(0).unwrap().compression(),
            CompressionMethod::Stored
        );
        let entry = archive.by_name("OEBPS/a.xhtml").unwrap();
        assert_eq!(entry.compression(), CompressionMethod::Deflated);
        let t = entry.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day()), (2023, 11, 14));
    }

    #[test]
    fn same_input_same_bytes_and_fixes_apply() {
        let a = rezip(&sample("x.txt", b"old"), None, &["x.txt"], |_, _| {
            Ok(b"new".to_vec())
        })
        .unwrap();
        let b = rezip(&sample("x.txt", b"old"), None, &["x.txt"], |_, _| {
            Ok(b"new".to_vec())
        })
        .unwrap();
        assert_eq!(a, b);
        let mut archive = ZipArchive::new(Cursor::new(&a)).unwrap();
        let mut text = String::new();
        archive
            .by_name("x.txt")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "new");
    }
}

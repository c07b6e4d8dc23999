//! How much folio reads: files are size-checked before they are read, so a stray video or
//! a `/dev/zero` cannot make folio allocate without bound, and a FIFO cannot make it wait
//! forever.
//!
//! Nesting depth and image pixels have their own limits where they are handled
//! ([`crate::read::markdown::MAX_DEPTH`], [`crate::render::pdf::image::MAX_PIXELS`]).

use std::io::Read;
use std::path::Path;

use serde::Deserialize;

/// The largest source or image folio reads unless folio.toml says otherwise: far above any
/// handout or chapter (the whole Rust book is 1.5 MB), far below what strains memory.
pub const DEFAULT_MAX_FILE_MB: u64 = 50;

/// `[limits]` in folio.toml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// The largest document or image read, in megabytes (10⁶ bytes).
    pub max_file_size_mb: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size_mb: DEFAULT_MAX_FILE_MB,
        }
    }
}

impl Limits {
    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_size_mb.saturating_mul(1_000_000)
    }
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadLimitError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{}", too_large(Some(*size), *max))]
    TooLarge { size: u64, max: u64 },
    /// A stream (stdin) that went on past the limit: its size is unknown.
    #[error("{}", too_large(None, *max))]
    StreamTooLarge { max: u64 },
    #[error("not a regular file")]
    NotAFile,
}

/// The message for a file of `size` bytes (`None`: more than `max`) over the limit `max`.
/// Sizes are in megabytes with one decimal, or in bytes where the two would read the same.
fn too_large(size: Option<u64>, max: u64) -> String {
    let mb = |bytes: u64| format!("{:.1} MB", bytes as f64 / 1e6);
    let hint = "raise `[limits] max_file_size_mb` in folio.toml, or `--max-file-size-mb`";
    match size {
        Some(size) if mb(size) != mb(max) => format!(
            "the file is {}; folio reads files of at most {} ({hint})",
            mb(size),
            mb(max)
        ),
        Some(size) => {
            format!("the file is {size} bytes; folio reads files of at most {max} bytes ({hint})")
        }
        None => format!("the input is larger than {} ({hint})", mb(max)),
    }
}

/// Reads a regular file of at most `max` bytes.
///
/// The type is checked before opening (opening a FIFO for reading would block), and the
/// read itself stops one byte past `max`, in case the file grows or lies about its size
/// (files under /proc).
pub fn read_file_capped(path: &Path, max: u64) -> Result<Vec<u8>, ReadLimitError> {
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(ReadLimitError::NotAFile);
    }
    if metadata.len() > max {
        return Err(ReadLimitError::TooLarge {
            size: metadata.len(),
            max,
        });
    }
    let file = std::fs::File::open(path)?;
    read_capped(file, max, metadata.len())
}

/// Reads a settings file (folio.toml, a stylesheet, a style) of at most the default limit, as
/// text. Errors are I/O errors, so a missing file stays `NotFound` for callers that allow it.
pub fn read_settings_file(path: &Path) -> std::io::Result<String> {
    let bytes = read_file_capped(path, DEFAULT_MAX_FILE_MB * 1_000_000).map_err(|e| match e {
        ReadLimitError::Io(io) => io,
        other => std::io::Error::other(other.to_string()),
    })?;
    String::from_utf8(bytes).map_err(|_| std::io::Error::other("not valid UTF-8"))
}

/// Reads at most `max` bytes from `reader` (stdin, a file); more is an error.
pub fn read_capped(reader: impl Read, max: u64, size_hint: u64) -> Result<Vec<u8>, ReadLimitError> {
    let capacity = usize::try_from(size_hint.min(max)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(ReadLimitError::StreamTooLarge { max });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_over_the_limit_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        std::fs::write(&path, vec![b'a'; 2_000]).unwrap();
        assert_eq!(read_file_capped(&path, 2_000).unwrap().len(), 2_000);
        let err = read_file_capped(&path, 1_999).unwrap_err();
        assert!(matches!(
            err,
            ReadLimitError::TooLarge {
                size: 2_000,
                max: 1_999
            }
        ));
        assert!(
            err.to_string()
                .starts_with("the file is 2000 bytes; folio reads files of at most 1999 bytes"),
            "{err}"
        );
        let err = ReadLimitError::TooLarge {
            size: 63_200_000,
            max: 50_000_000,
        };
        assert!(
            err.to_string()
                .starts_with("the file is 63.2 MB; folio reads files of at most 50.0 MB"),
            "{err}"
        );
    }

    #[test]
    fn a_stream_is_cut_one_byte_past_the_limit() {
        let endless = std::io::repeat(b'x');
        let err = read_capped(endless, 10, 0).unwrap_err();
        assert!(matches!(err, ReadLimitError::StreamTooLarge { max: 10 }));
        assert_eq!(read_capped(&b"short"[..], 10, 0).unwrap(), b"short");
    }

    #[test]
    fn folders_and_devices_are_not_files() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_file_capped(dir.path(), 100),
            Err(ReadLimitError::NotAFile)
        ));
        if Path::new("/dev/zero").exists() {
            assert!(matches!(
                read_file_capped(Path::new("/dev/zero"), 100),
                Err(ReadLimitError::NotAFile)
            ));
        }
    }

    #[test]
    fn the_limit_is_in_megabytes() {
        assert_eq!(Limits::default().max_file_bytes(), 50_000_000);
        let huge = Limits {
            max_file_size_mb: u64::MAX,
        };
        assert_eq!(huge.max_file_bytes(), u64::MAX);
    }
}

//! Build script: an identity for this build of folio, from its version and the bytes of its
//! sources, styles, fonts and locked dependencies. `folio build`'s cache keys include it, so
//! outputs made by a different folio are rebuilt even when the version number is the same.

use std::path::{Path, PathBuf};

fn main() {
    let inputs = ["src", "styles", "fonts", "Cargo.toml", "Cargo.lock"];
    let mut files = Vec::new();
    for input in inputs {
        println!("cargo:rerun-if-changed={input}");
        walk(Path::new(input), &mut files);
    }
    files.sort();
    // FNV-1a, 64 bits: change detection, not security; no dependency needed.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for file in &files {
        let name = file.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(file).unwrap_or_default();
        feed(name.as_bytes());
        feed(&(bytes.len() as u64).to_le_bytes());
        feed(&bytes);
    }
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    println!("cargo:rustc-env=FOLIO_BUILD_ID={version}+{hash:016x}");
}

fn walk(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_file() {
        files.push(path.to_path_buf());
    } else if let Ok(entries) = std::fs::read_dir(path) {
        for entry in entries.flatten() {
            walk(&entry.path(), files);
        }
    }
}

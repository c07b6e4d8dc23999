//! Writing output files atomically: a reader of dist/ sees the old file or the new one, never
//! half of one. Temporaries are hidden files named `.folio-*.tmp` in the destination folder
//! (a rename is atomic only within one file system); one left by a killed process is swept
//! by the next build.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed into place.
/// The folder is created if needed. On error nothing is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".folio-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(without_temporary_path)?;
    // Through the plain file: the temporary's name would only confuse an error message.
    tmp.as_file_mut().write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // Temporary files are created private (0600); outputs are ordinary readable files.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// tempfile names its temporary in errors ("… at path \"/x/.folio-3qcF.tmp\""); the caller
/// names the file the user asked for, so that part goes.
fn without_temporary_path(e: std::io::Error) -> std::io::Error {
    let message = e.to_string();
    match message.find(" at path ") {
        Some(at) => std::io::Error::new(e.kind(), message[..at].to_string()),
        None => e,
    }
}

/// Writes `bytes` to `path` unless the file already holds exactly them. Returns whether it
/// wrote, so an unchanged build touches nothing.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    match std::fs::read(path) {
        Ok(old) if old == bytes => Ok(false),
        _ => write_atomic(path, bytes).map(|()| true),
    }
}

/// Whether `name` is one of [`write_atomic`]'s temporary files.
pub fn is_temporary(name: &str) -> bool {
    name.starts_with(".folio-") && name.ends_with(".tmp")
}

/// Removes temporaries a killed build left in `dir` (not in its subfolders: a build sweeps
/// the folders it writes to, nothing else). Returns how many it removed.
pub fn sweep_temporaries(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let name = entry.file_name();
        if kind.is_file()
            && is_temporary(&name.to_string_lossy())
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_file_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/out.txt");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a/b"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.txt"]);
    }

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        assert!(write_if_changed(&path, b"one").unwrap());
        assert!(!write_if_changed(&path, b"one").unwrap());
        assert!(write_if_changed(&path, b"two").unwrap());
    }

    #[test]
    fn sweeps_only_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("pdf")).unwrap();
        std::fs::write(dir.path().join("pdf/.folio-abc.tmp"), b"half").unwrap();
        std::fs::write(dir.path().join("pdf/x.pdf"), b"whole").unwrap();
        std::fs::write(dir.path().join(".hidden"), b"mine").unwrap();
        std::fs::write(dir.path().join(".folio-top.tmp"), b"half").unwrap();
        assert_eq!(sweep_temporaries(dir.path()), 1, "not recursive");
        assert_eq!(sweep_temporaries(&dir.path().join("pdf")), 1);
        assert!(dir.path().join("pdf/x.pdf").exists());
        assert!(dir.path().join(".hidden").exists());
    }
}

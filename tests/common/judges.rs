//! The formats' own judges: EPUBCheck and the Nu HTML checker. CI installs them; elsewhere a
//! missing one skips the check (FOLIO_REQUIRE_TOOLS=1 makes that a failure).

use std::path::{Path, PathBuf};

use super::judge;

/// Debian's EPUBCheck (package `epubcheck`; /usr/bin/epubcheck is the bare jar).
pub const EPUBCHECK_JAR: &str = "/usr/share/java/epubcheck.jar";

/// Runs EPUBCheck; asserts no error and no warning.
pub fn assert_epubcheck_clean(epub: &Path) {
    if !Path::new(EPUBCHECK_JAR).is_file() {
        assert!(
            !super::tools_required(),
            "epubcheck is required but not installed"
        );
        eprintln!("skipping: epubcheck is not installed");
        return;
    }
    let Some(out) = judge("java", &["-jar", EPUBCHECK_JAR, "--failonwarnings"], epub) else {
        return;
    };
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success() && report.contains("No errors or warnings detected"),
        "{}: {report}",
        epub.display()
    );
}

/// Runs the Nu HTML checker (tests/tools, from npm) on `pages`, folio's stylesheet included;
/// asserts it finds no error. Skips where it or Java is missing and CI does not require them.
pub fn assert_nu_html_clean(pages: &[PathBuf]) {
    let jar = super::repo().join("tests/tools/node_modules/vnu-jar/build/dist/vnu.jar");
    let java = std::process::Command::new("java")
        .arg("-version")
        .output()
        .is_ok();
    if !jar.exists() || !java {
        assert!(
            !super::tools_required(),
            "vnu.jar or java missing: run .ci/run's install step"
        );
        eprintln!("skipped: {} or java not found", jar.display());
        return;
    }
    let out = std::process::Command::new("java")
        .args(["-Xss8m", "-jar"])
        .arg(&jar)
        .args(["--no-langdetect", "--also-check-css"])
        .args(pages)
        .output()
        .expect("java runs");
    assert!(
        out.status.success(),
        "Nu HTML checker:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

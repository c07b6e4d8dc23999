//! `folio new [DIR] [--book]`: a project that builds at once, for a writer to learn from and
//! change.
//!
//! It writes `folio.toml` with every common setting, each with a one-line note, commented
//! out so folio's defaults apply until the writer takes the `#` away (only the organization
//! and disclaimer are set, to placeholders that show where they go); a sample handout,
//! `content/sample-handout.md`, that teaches how a handout is written in the handout itself,
//! and its picture, `content/images/example.png` (drawn here, so its bytes are always the
//! same); `styles/handout.toml`, a copy of folio's built-in handout style to change; and a
//! `.gitignore` for `dist/`. With `--book` the project is a book instead: `[book]` filled in
//! and two short chapters (see [`book_shape`]).
//!
//! The templates are the files beside this one. `{{today}}` in them becomes today's date
//! (SOURCE_DATE_EPOCH's day when it is set, like `folio check`'s "today"), so the review
//! date of a new project is neither old nor in the future; `{{book}}` in folio.toml becomes
//! the `[book]` table.
//!
//! It never writes over a project: a folder that holds a folio.toml, a content/ folder or
//! any file but hidden ones (`.git`) is refused before anything is written.

use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::error::Error;
use crate::paths::shown;

/// What [`new_project`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// The project folder, as it was given.
    pub root: PathBuf,
    /// Every file written (its path under `root`), in the order written.
    pub files: Vec<PathBuf>,
}

/// The sample handout, in the project.
pub const SAMPLE_HANDOUT: &str = "content/sample-handout.md";

/// The sample handout's picture, in the project (the handout shows `images/example.png`).
pub const SAMPLE_IMAGE: &str = "content/images/example.png";

/// folio.toml's template: `{{book}}` is the `[book]` table.
const CONFIG_TEMPLATE: &str = include_str!("folio.toml");

/// The sample handout's template.
const HANDOUT_TEMPLATE: &str = include_str!("sample-handout.md");

/// Where templates put today's date.
const TODAY: &str = "{{today}}";

/// Where folio.toml's template puts the `[book]` table.
const BOOK_TABLE: &str = "{{book}}\n";

/// Put above the copy of folio's handout style.
const STYLE_HEADER: &str = "\
# This is a copy of folio's own handout style, made by `folio new`. As it is, it changes
# nothing: your PDF handouts look as folio's always do. Change a value below to change
# their look (paper size, margins, fonts, colors, type sizes); take a line out to go back
# to folio's value. folio.toml's [pdf] style names this file.
#
";

/// The .gitignore of a new project.
const GITIGNORE: &str = "# The finished files: `folio build` makes them again.\ndist/\n";

/// A file to write: its path under the project (with `/`) and its bytes.
struct File {
    path: &'static str,
    bytes: Vec<u8>,
}

impl File {
    fn text(path: &'static str, text: String) -> File {
        File {
            path,
            bytes: text.into_bytes(),
        }
    }
}

/// What makes a handout project and a book differ: folio.toml's `[book]` table and the
/// documents (with their pictures).
struct Shape {
    book_table: &'static str,
    files: Vec<File>,
}

/// Starts a project in `dir` (made, with its parents, if it does not exist): folio.toml, a
/// sample handout (or, with `book`, a book's two chapters), the handout style and a
/// .gitignore. Refuses, naming the file and writing nothing, a folder that holds a
/// folio.toml, a content/ folder or files that are not hidden.
pub fn new_project(dir: &Path, book: bool) -> Result<Created, Error> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    refuse_unless_empty(dir)?;
    let today = iso_date(crate::check::context::today(
        crate::pipeline::source_date_epoch()?,
    ));
    let shape = if book {
        book_shape(&today)
    } else {
        handout_shape(&today)?
    };
    let mut files = vec![File::text(
        CONFIG_FILE,
        CONFIG_TEMPLATE.replace(BOOK_TABLE, shape.book_table),
    )];
    files.extend(shape.files);
    files.push(File::text(
        "styles/handout.toml",
        format!("{STYLE_HEADER}{}", crate::render::pdf::style::DEFAULT_STYLE),
    ));
    if let Some(bytes) = gitignore(dir)? {
        files.push(File {
            path: ".gitignore",
            bytes,
        });
    }
    let mut written = Vec::with_capacity(files.len());
    for file in files {
        let path = file
            .path
            .split('/')
            .fold(dir.to_path_buf(), |path, part| path.join(part));
        crate::output::write_atomic(&path, &file.bytes).map_err(|source| Error::Write {
            path: shown(&path),
            source,
        })?;
        written.push(path);
    }
    Ok(Created {
        root: dir.to_path_buf(),
        files: written,
    })
}

/// What to do after `folio new`, for the terminal: the folder to go to (unless it is this
/// one), then serve, build and check, and where the logo goes.
pub fn next_steps(root: &Path) -> String {
    let mut out = String::from("\nNext steps:\n");
    if root != Path::new(".") && !root.as_os_str().is_empty() {
        out.push_str(&format!("  cd {}\n", shell_word(&shown(root))));
    }
    out.push_str(
        "  folio serve    see your pages in the browser; they change each time you save\n",
    );
    out.push_str("  folio build    make the PDFs, web pages and e-books in dist/\n");
    out.push_str("  folio check    find hard words and missing facts\n");
    out.push_str(
        "Your logo goes in the styles folder (styles/logo.png); then set `logo` in folio.toml.\n",
    );
    out
}

/// A handout project: the sample handout and its picture, `[book]` all commented.
fn handout_shape(today: &str) -> Result<Shape, Error> {
    const TABLE: &str = r#"[book]
# All the handouts together as one e-book, in the dist folder.
# title = "Patient Handouts"        # the book's title (default: the project's title)
# subtitle = "From Your Clinic Name"
# description = "Handouts for our patients."   # a sentence or two about the book, for e-book apps
# chapters = ["sample-handout.md"]  # the handouts in reading order (default: by file name)

"#;
    let image = example_png().map_err(|e| Error::Project {
        path: SAMPLE_IMAGE.to_string(),
        message: format!("cannot draw the sample picture: {e}"),
    })?;
    Ok(Shape {
        book_table: TABLE,
        files: vec![
            File::text(SAMPLE_HANDOUT, HANDOUT_TEMPLATE.replace(TODAY, today)),
            File {
                path: SAMPLE_IMAGE,
                bytes: image,
            },
        ],
    })
}

/// A book: `[book]` with its title (which names the EPUB, dist/your-book-title.epub) and
/// its chapters, and the two chapters. Books get the handout checks too, so each chapter
/// has a title, a language, a reviewer and a review date.
fn book_shape(today: &str) -> Shape {
    const TABLE: &str = r#"[book]
# The whole project as one e-book, in the dist folder, named after its title.
title = "Your Book Title"           # the book's title, on its cover and in e-book apps
# subtitle = "A Subtitle"
# description = "What the book is about, in a sentence or two."   # for e-book apps and stores
chapters = ["01-introduction.md", "02-first-chapter.md"]   # the chapters in reading order, from the content folder

"#;
    const INTRODUCTION: &str = include_str!("book/01-introduction.md");
    const FIRST_CHAPTER: &str = include_str!("book/02-first-chapter.md");
    Shape {
        book_table: TABLE,
        files: vec![
            File::text(
                "content/01-introduction.md",
                INTRODUCTION.replace(TODAY, today),
            ),
            File::text(
                "content/02-first-chapter.md",
                FIRST_CHAPTER.replace(TODAY, today),
            ),
        ],
    }
}

/// Refuses `dir` if it is a file, holds a project (a folio.toml or a content/ folder, named
/// in the error) or holds anything but hidden files. A folder that does not exist is fine.
fn refuse_unless_empty(dir: &Path) -> Result<(), Error> {
    let refuse = |path: &Path, message: &str| Error::Project {
        path: shown(path),
        message: message.to_string(),
    };
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(refuse(dir, &format!("cannot start a project here: {e}")));
        }
        Ok(meta) if !meta.is_dir() => {
            return Err(refuse(
                dir,
                "is a file, not a folder; `folio new` needs a new or empty folder",
            ));
        }
        Ok(_) => {}
    }
    for name in [CONFIG_FILE, "content"] {
        let path = dir.join(name);
        // Even a broken link is something a new project would replace.
        if path.symlink_metadata().is_ok() {
            return Err(refuse(
                &path,
                "already exists, so this folder already holds a project; `folio new` wrote nothing (to start another, name a new folder: `folio new my-handouts`)",
            ));
        }
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|e| refuse(dir, &format!("cannot start a project here: {e}")))?;
    let mut visible: Vec<String> = entries
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    visible.sort();
    match visible.first() {
        Some(first) => Err(refuse(
            &dir.join(first),
            "is in the way: `folio new` starts a project only in a new or empty folder, and wrote nothing (name a new folder: `folio new my-handouts`)",
        )),
        None => Ok(()),
    }
}

/// The .gitignore to write: `dist/` in a new one, or added to the end of one the folder
/// already has (`git init` before `folio new`); `None` when it ignores dist/ already.
fn gitignore(dir: &Path) -> Result<Option<Vec<u8>>, Error> {
    let path = dir.join(".gitignore");
    match std::fs::read(&path) {
        Ok(mut old) => {
            let ignored = String::from_utf8_lossy(&old)
                .lines()
                .any(|line| matches!(line.trim(), "dist" | "dist/" | "/dist" | "/dist/"));
            if ignored {
                return Ok(None);
            }
            if !old.is_empty() && !old.ends_with(b"\n") {
                old.push(b'\n');
            }
            old.extend_from_slice(GITIGNORE.as_bytes());
            Ok(Some(old))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok(Some(GITIGNORE.as_bytes().to_vec()))
        }
        Err(e) => Err(Error::Project {
            path: shown(&path),
            message: format!("cannot read: {e}"),
        }),
    }
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01.
fn iso_date(days: i64) -> String {
    let (year, month, day) = crate::render::dates::civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `word` as a shell reads it back: as it is when it is plain, else quoted.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./~+@%:,=".contains(c));
    if plain {
        word.to_string()
    } else if cfg!(windows) {
        format!("\"{word}\"")
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The sample picture, 480 × 120: eleven bars on a white ground that grow taller from left
/// to right and turn from green through yellow to red, like a 0 to 10 pain scale, over a grey
/// base line. Drawn, not stored, so the repository holds no binary and the bytes are always
/// the same.
fn example_png() -> Result<Vec<u8>, png::EncodingError> {
    const WIDTH: usize = 480;
    const HEIGHT: usize = 120;
    const BARS: usize = 11;
    const BAR: usize = 38;
    const GAP: usize = 4;
    const ROW: usize = BARS * BAR + (BARS - 1) * GAP;
    const LEFT: usize = (WIDTH - ROW) / 2;
    const BOTTOM: usize = 104;
    const GREEN: [i32; 3] = [0x2e, 0x8b, 0x57];
    const YELLOW: [i32; 3] = [0xf2, 0xc1, 0x2e];
    const RED: [i32; 3] = [0xc6, 0x28, 0x28];
    const GREY: [u8; 3] = [0x8a, 0x8a, 0x8a];

    let mut pixels = vec![0xffu8; WIDTH * HEIGHT * 3];
    let mut fill = |x0: usize, x1: usize, y0: usize, y1: usize, color: [u8; 3]| {
        for y in y0..y1.min(HEIGHT) {
            for x in x0..x1.min(WIDTH) {
                let at = (y * WIDTH + x) * 3;
                if let Some(pixel) = pixels.get_mut(at..at + 3) {
                    pixel.copy_from_slice(&color);
                }
            }
        }
    };
    // Between two colours, `share` thousandths of the way.
    let mix = |from: [i32; 3], to: [i32; 3], share: i32| -> [u8; 3] {
        let channel = |i: usize| (from[i] + (to[i] - from[i]) * share / 1000).clamp(0, 255) as u8;
        [channel(0), channel(1), channel(2)]
    };
    for bar in 0..BARS {
        // 0 to 1000 along the scale; green to yellow in the first half, yellow to red after.
        let along = (bar * 1000 / (BARS - 1)) as i32;
        let color = if along <= 500 {
            mix(GREEN, YELLOW, along * 2)
        } else {
            mix(YELLOW, RED, (along - 500) * 2)
        };
        let height = 24 + bar * 7;
        let x = LEFT + bar * (BAR + GAP);
        fill(x, x + BAR, BOTTOM - height, BOTTOM, color);
    }
    fill(LEFT, LEFT + ROW, BOTTOM + 2, BOTTOM + 4, GREY);

    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, WIDTH as u32, HEIGHT as u32);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&pixels)?;
    writer.finish()?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// Every file under `dir`, relative, with `/`, sorted.
    fn files_under(dir: &Path) -> Vec<String> {
        fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(base, &path, out);
                } else {
                    out.push(crate::paths::slash(path.strip_prefix(base).unwrap()));
                }
            }
        }
        let mut out = Vec::new();
        walk(dir, dir, &mut out);
        out.sort();
        out
    }

    #[test]
    fn refuses_a_project_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("folio.toml"), "# mine\n").unwrap();
        let err = new_project(dir.path(), false).unwrap_err().to_string();
        assert!(err.contains("folio.toml"), "{err}");
        assert_eq!(files_under(dir.path()), ["folio.toml"]);
        assert_eq!(
            std::fs::read(dir.path().join("folio.toml")).unwrap(),
            b"# mine\n"
        );

        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let err = new_project(dir.path(), true).unwrap_err().to_string();
        assert!(err.contains("content"), "{err}");
        assert!(files_under(dir.path()).is_empty());
    }

    #[test]
    fn refuses_a_folder_with_files_but_not_one_with_only_hidden_ones() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        let err = new_project(dir.path(), false).unwrap_err().to_string();
        assert!(err.contains("notes.txt"), "{err}");
        assert_eq!(files_under(dir.path()), ["notes.txt"]);

        let file = dir.path().join("notes.txt");
        assert!(new_project(&file, false).is_err(), "a file is not a folder");

        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".gitignore"), "*.bak").unwrap();
        new_project(dir.path(), false).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
            format!("*.bak\n{GITIGNORE}")
        );
    }

    #[test]
    fn a_handout_project_lists_what_it_wrote_and_parses() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("a/b/handouts");
        let created = new_project(&dir, false).unwrap();
        assert_eq!(created.root, dir);
        let mut listed: Vec<String> = created
            .files
            .iter()
            .map(|f| {
                assert!(f.is_file(), "{} is listed but not there", f.display());
                crate::paths::slash(f.strip_prefix(&dir).unwrap())
            })
            .collect();
        listed.sort();
        assert_eq!(listed, files_under(&dir));
        for expected in [
            ".gitignore",
            "content/images/example.png",
            "content/sample-handout.md",
            "folio.toml",
            "styles/handout.toml",
        ] {
            assert!(
                listed.iter().any(|f| f == expected),
                "{expected}: {listed:?}"
            );
        }

        let toml = std::fs::read_to_string(dir.join("folio.toml")).unwrap();
        assert!(!toml.contains("{{"), "{toml}");
        let config = Config::parse(&toml, "folio.toml").unwrap();
        assert_eq!(
            config.project.organization.as_deref(),
            Some("Your Clinic Name")
        );
        assert!(config.project.disclaimer.is_some());
        assert!(config.book.title.is_none(), "[book] is commented");
        assert!(toml.contains("# logo = \"styles/logo.png\""), "{toml}");
        assert!(toml.contains("# link_addresses = \"inline\""), "{toml}");

        let handout = std::fs::read_to_string(dir.join("content/sample-handout.md")).unwrap();
        assert!(!handout.contains("{{"), "{handout}");
        let style = std::fs::read_to_string(dir.join("styles/handout.toml")).unwrap();
        crate::render::pdf::style::Style::parse(&style, "styles/handout.toml").unwrap();
    }

    #[test]
    fn every_commented_setting_is_a_real_one() {
        for table in [
            handout_shape("2026-01-01").unwrap().book_table,
            book_shape("2026-01-01").book_table,
        ] {
            let toml = CONFIG_TEMPLATE.replace(BOOK_TABLE, table);
            let mut uncommented = String::new();
            let mut count = 0;
            for line in toml.lines() {
                let setting = line
                    .strip_prefix("# ")
                    .and_then(|rest| rest.split_once(" = ").map(|(key, _)| (key, rest)))
                    .filter(|(key, _)| {
                        !key.is_empty()
                            && key
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-')
                    });
                match setting {
                    Some((_, rest)) => {
                        count += 1;
                        uncommented.push_str(rest);
                    }
                    None => uncommented.push_str(line),
                }
                uncommented.push('\n');
            }
            assert!(count >= 20, "{count} settings found");
            let config = Config::parse(&uncommented, "folio.toml")
                .unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
            assert!(config.book.title.is_some());
        }
    }

    #[test]
    fn a_book_project_has_its_chapters_and_no_sample() {
        let dir = tempfile::tempdir().unwrap();
        let created = new_project(dir.path(), true).unwrap();
        assert!(created.files.iter().all(|f| f.is_file()));
        let config = Config::parse(
            &std::fs::read_to_string(dir.path().join("folio.toml")).unwrap(),
            "f",
        )
        .unwrap();
        assert_eq!(config.book.title.as_deref(), Some("Your Book Title"));
        let chapters = config.book.chapters.unwrap();
        assert_eq!(chapters.len(), 2);
        for chapter in &chapters {
            let text = std::fs::read_to_string(dir.path().join("content").join(chapter)).unwrap();
            assert!(
                text.contains("review_date: 2") && !text.contains("{{"),
                "{text}"
            );
        }
        assert!(!dir.path().join(SAMPLE_HANDOUT).exists());
    }

    #[test]
    fn the_picture_decodes_and_is_always_the_same() {
        let bytes = example_png().unwrap();
        assert_eq!(bytes, example_png().unwrap());
        assert!(bytes.len() < 8 * 1024, "{} bytes", bytes.len());
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes.as_slice()));
        let mut reader = decoder.read_info().unwrap();
        assert_eq!(reader.info().size(), (480, 120));
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut pixels).unwrap();
        // The top left corner is white; the last bar (x 431 to 469) is red at its foot.
        assert_eq!(&pixels[..3], &[0xff, 0xff, 0xff]);
        let at = (100 * 480 + 460) * 3;
        assert_eq!(&pixels[at..at + 3], &[0xc6, 0x28, 0x28]);
    }

    #[test]
    fn dates_and_next_steps() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(20_790), "2026-12-03");
        let steps = next_steps(Path::new("my handouts"));
        assert!(
            steps.contains("cd 'my handouts'") || cfg!(windows),
            "{steps}"
        );
        assert!(steps.contains("folio serve") && steps.contains("folio check"));
        assert!(!next_steps(Path::new(".")).contains("cd "));
        assert_eq!(shell_word("proj"), "proj");
    }
}

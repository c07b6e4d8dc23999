//! The shape of the code, checked: no file of src/ imports, directly or through others, a
//! file that imports it (no file-level import cycles), and no file of src/ is longer than
//! 1,000 lines.
//!
//! A file's imports are the paths it names outside its test modules: `use` declarations
//! (with their `{…}` groups) and paths written in the code (`crate::render::dates::x()`,
//! `super::fonts::Face`, `layout::layout(…)` for a child module). A path leads to the
//! deepest module file it names, so `crate::render::Format` is an import of render/mod.rs
//! and `crate::render::pdf::fonts::Face` one of render/pdf/fonts.rs. Declaring a module
//! (`mod fonts;`) is not an import. Comments and string literals are left out, and so are
//! `#[cfg(test)]` modules: a test may use what it likes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a source file may be.
const MAX_LINES: usize = 1000;

#[test]
fn no_file_imports_itself_through_others() {
    let tree = SourceTree::read(&src_dir());
    let cycles = tree.cycles();
    let described: Vec<String> = cycles
        .iter()
        .map(|cycle| {
            let mut lines = vec![format!("{} files:", cycle.len())];
            for file in cycle {
                let to: Vec<&str> = tree.edges[file]
                    .iter()
                    .filter(|t| cycle.contains(*t))
                    .map(String::as_str)
                    .collect();
                lines.push(format!("  {file} -> {}", to.join(", ")));
            }
            lines.join("\n")
        })
        .collect();
    assert!(
        cycles.is_empty(),
        "import cycles between files:\n{}",
        described.join("\n")
    );
}

#[test]
fn no_source_file_is_over_a_thousand_lines() {
    let tree = SourceTree::read(&src_dir());
    let long: Vec<String> = tree
        .lines
        .iter()
        .filter(|(_, n)| **n > MAX_LINES)
        .map(|(file, n)| format!("{file}: {n} lines"))
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines: {long:?}");
}

#[test]
fn the_checker_finds_a_cycle_and_resolves_paths() {
    let files = [
        ("lib.rs", "mod a;\nmod b;\nmod c;\n"),
        (
            "a.rs",
            "use crate::b::{self, X};\n// use crate::c;\nfn f() { let s = \"crate::c\"; }\n",
        ),
        ("b.rs", "fn g() { super::c::h(); }\n"),
        (
            "c.rs",
            "pub fn h() { crate::a::f(); }\n#[cfg(test)]\nmod tests {\n    use crate::b;\n}\n",
        ),
    ];
    let dir = std::env::temp_dir().join(format!("folio-arch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let tree = SourceTree::read(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(tree.edges["a.rs"], BTreeSet::from(["b.rs".to_string()]));
    assert_eq!(tree.edges["b.rs"], BTreeSet::from(["c.rs".to_string()]));
    assert_eq!(tree.edges["c.rs"], BTreeSet::from(["a.rs".to_string()]));
    assert_eq!(tree.cycles().len(), 1);
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The files of a crate's source folder, their imports and lengths.
struct SourceTree {
    /// File (relative to the folder) → the files it imports.
    edges: BTreeMap<String, BTreeSet<String>>,
    lines: BTreeMap<String, usize>,
}

impl SourceTree {
    fn read(dir: &Path) -> SourceTree {
        let mut files = Vec::new();
        collect_rs(dir, dir, &mut files);
        // Module path (`render::pdf::fonts`) → file, and back.
        let mut modules: BTreeMap<Vec<String>, String> = BTreeMap::new();
        for file in &files {
            modules.insert(module_path(file), file.clone());
        }
        let mut edges = BTreeMap::new();
        let mut lines = BTreeMap::new();
        let mut test_only: BTreeSet<String> = BTreeSet::new();
        let mut texts = BTreeMap::new();
        for file in &files {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            lines.insert(file.clone(), text.lines().count());
            let (code, test_modules) = strip(&text);
            let here = module_path(file);
            for name in test_modules {
                let mut child = here.clone();
                child.push(name);
                if let Some(f) = modules.get(&child) {
                    test_only.insert(f.clone());
                }
            }
            texts.insert(file.clone(), code);
        }
        for file in &files {
            if test_only.contains(file) {
                continue;
            }
            let here = module_path(file);
            let code = &texts[file];
            let children: BTreeSet<String> = modules
                .keys()
                .filter(|m| m.len() == here.len() + 1 && m.starts_with(&here))
                .map(|m| m[here.len()].clone())
                .collect();
            let mut targets = BTreeSet::new();
            for path in paths(code) {
                let absolute = match path.first().map(String::as_str) {
                    Some("crate") => path[1..].to_vec(),
                    Some("super") | Some("self") => {
                        let mut base = here.clone();
                        let mut rest = &path[..];
                        while let Some(first) = rest.first() {
                            match first.as_str() {
                                "super" => {
                                    base.pop();
                                }
                                "self" => {}
                                _ => break,
                            }
                            rest = &rest[1..];
                        }
                        base.extend(rest.iter().cloned());
                        base
                    }
                    Some(first) if children.contains(first) => {
                        let mut base = here.clone();
                        base.extend(path.iter().cloned());
                        base
                    }
                    _ => continue,
                };
                // The deepest module the path names.
                let target = (0..=absolute.len())
                    .rev()
                    .find_map(|n| modules.get(&absolute[..n]));
                if let Some(target) = target
                    && target != file
                    && !test_only.contains(target)
                {
                    targets.insert(target.clone());
                }
            }
            edges.insert(file.clone(), targets);
        }
        SourceTree { edges, lines }
    }

    /// The strongly connected groups of more than one file (Tarjan's algorithm).
    fn cycles(&self) -> Vec<Vec<String>> {
        struct State<'a> {
            edges: &'a BTreeMap<String, BTreeSet<String>>,
            index: BTreeMap<&'a str, usize>,
            low: BTreeMap<&'a str, usize>,
            stack: Vec<&'a str>,
            on_stack: BTreeSet<&'a str>,
            next: usize,
            found: Vec<Vec<String>>,
        }
        fn visit<'a>(s: &mut State<'a>, v: &'a str) {
            s.index.insert(v, s.next);
            s.low.insert(v, s.next);
            s.next += 1;
            s.stack.push(v);
            s.on_stack.insert(v);
            let edges = s.edges;
            for w in edges.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let low = s.low[v].min(s.low[w]);
                    s.low.insert(v, low);
                } else if s.on_stack.contains(w) {
                    let low = s.low[v].min(s.index[w]);
                    s.low.insert(v, low);
                }
            }
            if s.low[v] == s.index[v] {
                let mut group = Vec::new();
                while let Some(w) = s.stack.pop() {
                    s.on_stack.remove(w);
                    group.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    s.found.push(group);
                }
            }
        }
        let mut state = State {
            edges: &self.edges,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            on_stack: BTreeSet::new(),
            next: 0,
            found: Vec::new(),
        };
        for v in self.edges.keys() {
            if !state.index.contains_key(v.as_str()) {
                visit(&mut state, v);
            }
        }
        state.found
    }
}

fn collect_rs(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_rs(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).unwrap();
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// `render/pdf/mod.rs` → `[render, pdf]`; `lib.rs` and `main.rs` → the crate root.
fn module_path(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_string)
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod") | Some("lib") | Some("main")
    ) {
        parts.pop();
    }
    parts
}

/// The code without comments, string and character literals, and `#[cfg(test)]` modules;
/// and the names of test modules declared as files (`#[cfg(test)] mod tests;`).
fn strip(text: &str) -> (String, Vec<String>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r'
            && matches!(next, Some('"') | Some('#'))
            && !chars
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{1F}'), or a lifetime ('a).
            if next == Some('\\') {
                let mut j = i + 2;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
                out.push_str("' '");
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push_str("' '");
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    remove_test_modules(&out)
}

/// Removes `#[cfg(test)] mod x { … }` blocks; names `#[cfg(test)] mod x;` declarations.
fn remove_test_modules(code: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(code.len());
    let mut files = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "#[cfg(test)]".len()..];
        let trimmed = after.trim_start();
        let Some(decl) = trimmed
            .strip_prefix("pub ")
            .unwrap_or(trimmed)
            .strip_prefix("mod ")
        else {
            out.push_str("#[cfg(test)]");
            rest = after;
            continue;
        };
        let name_end = decl
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(decl.len());
        let name = decl[..name_end].to_string();
        let tail = decl[name_end..].trim_start();
        if let Some(after_semicolon) = tail.strip_prefix(';') {
            files.push(name);
            rest = after_semicolon;
        } else if tail.starts_with('{') {
            let mut depth = 0usize;
            let mut end = tail.len();
            for (i, c) in tail.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            rest = &tail[end..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    (out, files)
}

/// Every path the code names: `a::b::c`, with `use` groups expanded
/// (`use a::{b, c::d}` gives `a::b` and `a::c::d`).
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts_word = chars[i].is_alphabetic() || chars[i] == '_';
        let after_word = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if !starts_word || after_word || (i > 1 && chars[i - 1] == ':' && chars[i - 2] == ':') {
            i += 1;
            continue;
        }
        let (tree, end) = use_tree(&chars, i);
        for path in tree {
            if path.len() > 1 {
                found.push(path);
            }
        }
        i = end.max(i + 1);
    }
    found
}

/// Reads `a::b::{c, d::e}` from `start`: the paths it names, and where it ends.
fn use_tree(chars: &[char], start: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    let mut i = start;
    loop {
        let word_start = i;
        while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
            i += 1;
        }
        if i == word_start {
            break;
        }
        prefix.push(chars[word_start..i].iter().collect::<String>());
        let mut j = i;
        while j < chars.len() && chars[j].is_whitespace() {
            j += 1;
        }
        if chars.get(j) == Some(&':') && chars.get(j + 1) == Some(&':') {
            j += 2;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if chars.get(j) == Some(&'{') {
                // A group: each member extends the prefix.
                let mut paths = Vec::new();
                j += 1;
                loop {
                    while j < chars.len() && (chars[j].is_whitespace() || chars[j] == ',') {
                        j += 1;
                    }
                    if j >= chars.len() || chars[j] == '}' {
                        j += 1;
                        break;
                    }
                    if chars[j] == '*' {
                        j += 1;
                        paths.push(prefix.clone());
                        continue;
                    }
                    let (members, end) = use_tree(chars, j);
                    if end <= j {
                        j += 1;
                        continue;
                    }
                    for member in members {
                        let mut path = prefix.clone();
                        if member.first().map(String::as_str) != Some("self") {
                            path.extend(member);
                        }
                        paths.push(path);
                    }
                    j = end;
                    // Skip `as name` and anything else up to the next member.
                    while j < chars.len() && chars[j] != ',' && chars[j] != '}' {
                        j += 1;
                    }
                }
                return (paths, j);
            }
            i = j;
            continue;
        }
        break;
    }
    (vec![prefix], i)
}

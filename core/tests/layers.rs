//! The core's imports run one way (docs/ARCHITECTURE.md, "Layers"). This
//! test reads every source file of `core/src`, finds the modules of the crate
//! each one uses (`crate::x`, `use crate::{x, y}`, `super::x` from a
//! top-level file) outside doc comments and test code, and fails when one
//! runs against the layers:
//!
//! | layer | modules | may use |
//! |---|---|---|
//! | foundation | `error`, `i18n`, `text`, `day` | the foundation |
//! | model | `model` | the foundation |
//! | reference data | `reference` | the model, the foundation |
//! | store | `store` | the model, the foundation |
//! | domain | `rules`, `matching`, `calendar`, `brief`, `document`, `kit`, `steering` | the domain, reference data, the model, the foundation |
//! | exchange | `exchange` | the store, the domain, reference data, the model, the foundation |
//! | desk | `desk` | everything above |
//!
//! The shell and the command line are checked too: they call the desk for
//! anything that reads the store and computes, never the domain's
//! computing functions on data they read themselves.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The layer a module of the crate belongs to, if it is one.
fn layer_of(module: &str) -> Option<&'static str> {
    Some(match module {
        "error" | "i18n" | "text" | "day" => "foundation",
        "model" => "model",
        "reference" => "reference data",
        "store" => "store",
        "rules" | "matching" | "calendar" | "brief" | "document" | "kit" | "steering" => "domain",
        "exchange" => "exchange",
        "desk" => "desk",
        _ => return None,
    })
}

/// What a module may use: its own layer's modules where the table says so,
/// and the layers it lists.
fn allowed(from: &str, to: &str) -> bool {
    let (Some(a), Some(b)) = (layer_of(from), layer_of(to)) else {
        return true; // `lib.rs` re-exports, or a name that is not a module
    };
    if from == to {
        return true;
    }
    let may: &[&str] = match a {
        "foundation" => &["foundation"],
        "model" => &["foundation"],
        "reference data" | "store" => &["model", "foundation"],
        "domain" => &["domain", "reference data", "model", "foundation"],
        "exchange" => &["store", "domain", "reference data", "model", "foundation"],
        _ => &[
            "exchange",
            "store",
            "domain",
            "reference data",
            "model",
            "foundation",
        ],
    };
    may.contains(&b)
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its test modules (everything after a
/// top-level `#[cfg(test)]`) and without comments.
fn code(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    // A `use` statement that runs over several lines is read as one.
    let mut open_use = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("#[cfg(test)]") {
            break;
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            continue;
        }
        if open_use {
            let last = out.last_mut().expect("the use line");
            last.1.push(' ');
            last.1.push_str(trimmed);
        } else {
            out.push((i + 1, line.to_owned()));
        }
        let starts_use = trimmed.starts_with("use ") || trimmed.starts_with("pub use ");
        if starts_use || open_use {
            open_use = !trimmed.contains(';');
        }
    }
    out
}

/// The identifier at the start of `s` (`rules` in `rules::Finding`).
fn ident(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// Every identifier that follows `prefix` in `line`, and with `prefix{`,
/// each one of the group.
fn after_prefix(line: &str, prefix: &str, found: &mut BTreeSet<String>) {
    let mut rest = line;
    while let Some(at) = rest.find(prefix) {
        let after = &rest[at + prefix.len()..];
        // `bourgade_core::` and `$crate::` are not this crate's paths.
        let before = &rest[..at];
        if !before.ends_with('_') && !before.ends_with('$') {
            let names: Vec<String> = match after.strip_prefix('{') {
                Some(group) => group[..group.find('}').unwrap_or(group.len())]
                    .split(',')
                    .map(|item| ident(item.trim()))
                    .collect(),
                None => vec![ident(after)],
            };
            found.extend(names.into_iter().filter(|n| !n.is_empty()));
        }
        rest = after;
    }
}

/// The crate modules a line names.
fn used_modules(line: &str, top_level_file: bool) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    after_prefix(line, "crate::", &mut found);
    if top_level_file {
        after_prefix(line, "super::", &mut found);
    }
    found
}

/// Every use of the crate's modules that runs against the layers, as
/// "file:line: `from` uses `to`".
fn wrong_imports(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    sources(src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for file in files {
        let rel = file.strip_prefix(src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_owned();
        if module == "lib" {
            continue;
        }
        // `super::` in `x/mod.rs` or `x.rs` is the crate root.
        let top_level_file = rel.components().count() == 1 || rel.ends_with("mod.rs");
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in code(&text) {
            for used in used_modules(&line, top_level_file) {
                if !allowed(&module, &used) {
                    wrong.push(format!(
                        "core/src/{}:{n}: `{module}` uses `{used}`",
                        rel.display()
                    ));
                }
            }
        }
    }
    wrong
}

#[test]
fn the_core_s_imports_run_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let wrong = wrong_imports(&src);
    assert!(
        wrong.is_empty(),
        "imports against the layers of docs/ARCHITECTURE.md:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_checker_sees_a_wrong_import() {
    // A store file that reaches up to the rules, and a model file that
    // reaches the store: both are caught, in every spelling.
    assert!(!allowed("store", "rules"));
    assert!(!allowed("model", "store"));
    assert!(!allowed("rules", "store"));
    assert!(!allowed("brief", "desk"));
    assert!(!allowed("store", "reference"));
    assert!(allowed("desk", "store") && allowed("rules", "model") && allowed("brief", "rules"));
    assert_eq!(
        used_modules("use crate::{error::Result, rules::Finding};", false),
        BTreeSet::from(["error".to_owned(), "rules".to_owned()])
    );
    assert_eq!(
        used_modules("    let x = crate::desk::ensure_reference(s);", false),
        BTreeSet::from(["desk".to_owned()])
    );
    assert_eq!(
        used_modules("use super::store::Store;", true),
        BTreeSet::from(["store".to_owned()])
    );
    assert!(
        used_modules("use bourgade_core::store::Store;", false).is_empty(),
        "another crate's path is not this crate's"
    );
    let grouped = code("use crate::{\n    model::Money,\n    store::Store,\n};\nfn f() {}");
    assert_eq!(
        used_modules(&grouped[0].1, false),
        BTreeSet::from(["model".to_owned(), "store".to_owned()]),
        "a use group over several lines is read whole: {grouped:?}"
    );
    assert!(
        code("/// see [`crate::desk`]\nfn f() {}\n#[cfg(test)]\nuse crate::store;")
            .iter()
            .all(|(_, l)| !l.contains("crate::")),
        "doc comments and test code are left out"
    );
}

#[test]
fn the_shell_and_the_command_line_leave_computing_to_the_core() {
    // Functions that compute over data read from the store: the adapters call
    // the desk, which reads and computes, instead.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    // The desktop binary, the command line and the Tauri shell.
    sources(&root.join("src"), &mut files);
    sources(&root.join("cli/src"), &mut files);
    sources(&root.join("src-tauri/src"), &mut files);
    assert!(
        files.iter().any(|f| f.ends_with("cli/mod.rs")),
        "the command line's sources are where this test looks: {files:?}"
    );
    let forbidden = [
        "rules::check_project(",
        "rules::summarize(",
        "matching::suggest_actors(",
        "matching::suggest_solutions(",
        "check_with_figures(",
        "PlanFigures::of(",
    ];
    let mut wrong = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in code(&text) {
            for f in forbidden {
                if line.contains(f) {
                    wrong.push(format!("{}:{n}: {f}", file.display()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "adapters computing themselves:\n{}",
        wrong.join("\n")
    );
}

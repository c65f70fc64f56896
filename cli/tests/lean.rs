//! The command line links the core only: no Tauri, GTK or WebKit in its
//! dependency tree (read from Cargo.lock) nor among the shared libraries
//! of the built binary (`ldd`, Linux). That is what makes `bourgade
//! --help` start in a few milliseconds (docs/PERFORMANCE.md).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const GUI: &[&str] = &[
    "tauri", "gtk", "webkit", "wry", "gdk", "cairo", "pango", "soup",
];

fn is_gui(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    GUI.iter().any(|g| name.contains(g))
}

/// Each package of Cargo.lock with the names of its dependencies.
fn lock_graph(lock: &str) -> BTreeMap<String, Vec<String>> {
    let mut graph: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for block in lock.split("[[package]]").skip(1) {
        let mut name = None;
        let mut deps = Vec::new();
        let mut in_deps = false;
        for line in block.lines().map(str::trim) {
            if let Some(v) = line.strip_prefix("name = ") {
                name = Some(v.trim_matches('"').to_owned());
            } else if line.starts_with("dependencies = [") {
                in_deps = true;
            } else if in_deps && line.starts_with(']') {
                in_deps = false;
            } else if in_deps {
                let dep = line.trim_end_matches(',').trim_matches('"');
                deps.push(dep.split(' ').next().unwrap().to_owned());
            }
        }
        // Several versions of one crate: their dependencies together.
        graph
            .entry(name.expect("a package has a name"))
            .or_default()
            .extend(deps);
    }
    graph
}

fn closure(graph: &BTreeMap<String, Vec<String>>, root: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![root.to_owned()];
    while let Some(p) = todo.pop() {
        if seen.insert(p.clone()) {
            todo.extend(graph.get(&p).into_iter().flatten().cloned());
        }
    }
    seen
}

#[test]
fn no_gui_crate_in_the_command_line_s_tree() {
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    let graph = lock_graph(&std::fs::read_to_string(lock).expect("Cargo.lock"));
    let tree = closure(&graph, "bourgade-cli");
    assert!(
        tree.contains("bourgade-core") && tree.contains("clap"),
        "{tree:?}"
    );
    let gui: Vec<_> = tree.iter().filter(|p| is_gui(p)).collect();
    assert!(gui.is_empty(), "GUI crates in bourgade-cli's tree: {gui:?}");
    // The checker does see them in the desktop's tree.
    let desktop = closure(&graph, "bourgade-desktop");
    assert!(desktop.contains("tauri") && desktop.iter().any(|p| p.contains("webkit")));
}

#[cfg(target_os = "linux")]
#[test]
fn the_binary_loads_no_gui_library() {
    let Ok(out) = std::process::Command::new("ldd")
        .arg(env!("CARGO_BIN_EXE_bourgade"))
        .output()
    else {
        eprintln!("ldd absent: skipped");
        return;
    };
    let libs = String::from_utf8_lossy(&out.stdout);
    assert!(libs.contains("libc.so"), "ldd listed the libraries: {libs}");
    let gui: Vec<_> = libs.lines().filter(|l| is_gui(l)).collect();
    assert!(gui.is_empty(), "GUI libraries loaded by bourgade: {gui:?}");
    assert!(
        libs.lines().count() < 10,
        "a handful of system libraries: {libs}"
    );
}

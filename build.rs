//! Build script of the desktop binary. tauri-build runs here, in the
//! package that owns the executable, because what it links goes into the
//! binaries of its own package: on Windows the application manifest
//! (common controls v6, DPI awareness) and the icon resource. In the shell
//! library crate it would embed them nowhere.
//!
//! The shell's files stay in `src-tauri/` (its `Cargo.toml`, the
//! capabilities and the generated permission schemas in `gen/`), so the
//! script reads them from there; the configuration is `tauri.conf.json`
//! at the repository root, given as an absolute path so that every
//! `rerun-if-changed` it emits points at a file that exists.

use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"));
    // The UI's files are embedded in the binary: build it first.
    println!("cargo:rerun-if-changed=ui/dist");
    println!("cargo:rerun-if-changed=tauri.conf.json");
    if !root.join("ui/dist/index.html").exists() {
        panic!("ui/dist/index.html is missing: build the UI first with scripts/build-ui.sh");
    }
    std::env::set_current_dir(root.join("src-tauri")).expect("src-tauri/ is beside build.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new().config_path(root.join("tauri.conf.json")),
    )
    .expect("tauri-build failed");
}

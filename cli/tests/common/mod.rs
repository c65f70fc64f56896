//! Support shared by the tests of the `bourgade` binary: a private folder
//! per test, and the binary run with a clean environment.

#![allow(dead_code)] // each test binary uses its part

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The binary under test, built fresh by `cargo test`.
pub const BIN: &str = env!("CARGO_BIN_EXE_bourgade");

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A private folder under the system's temporary folder, named after the
/// test and unique to this run; removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(kind: &str, name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "bourgade-{kind}-{}-{}-{name}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the test folder");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// A file in the folder.
    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The binary run in `dir` with a clean environment: no inherited database
/// or language setting, no display, short panic output, no input.
pub fn bourgade(dir: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.current_dir(dir)
        .env_remove("BOURGADE_DB")
        .env_remove("BOURGADE_LANG")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("GDK_BACKEND")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null());
    c
}

//! `bourgade` with no subcommand starts the desktop binary installed beside
//! it (`cli/src/desktop.rs`), on the same database; without it, it says so
//! in French and fails without a panic. `--version` names the commit.
//!
//! Each test copies the command-line binary alone into a folder of its own,
//! with an empty `PATH`, so that the real `bourgade-desktop` of the build
//! folder is never found (and no window ever opens).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::{TempDir, BIN};

/// This folder's own copy of the binary (a hard link when possible).
fn lone_copy(dir: &Path) -> PathBuf {
    let exe = dir.join(format!("bourgade{}", std::env::consts::EXE_SUFFIX));
    if std::fs::hard_link(BIN, &exe).is_err() {
        std::fs::copy(BIN, &exe).expect("copy the binary");
    }
    exe
}

fn run(exe: &Path, dir: &Path, args: &[&str]) -> Output {
    Command::new(exe)
        .args(args)
        .current_dir(dir)
        .env("PATH", dir.join("nothing-here"))
        .env_remove("BOURGADE_DB")
        .env_remove("BOURGADE_LANG")
        .env_remove("WAYLAND_DISPLAY")
        // A display is named, so only the missing binary can stop it.
        .env("DISPLAY", ":987")
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("run bourgade")
}

#[test]
fn without_the_desktop_binary_it_says_the_window_is_not_installed() {
    let dir = TempDir::new("desktop", "missing");
    let exe = lone_copy(dir.path());
    let out = run(&exe, dir.path(), &["--db", "base.sqlite"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failure, not a crash: {out:?}"
    );
    assert!(
        stderr.contains("L'interface de bureau n'est pas installée"),
        "the message says what is missing, in French: {stderr}"
    );
    assert!(
        stderr.contains("bourgade --help") && stderr.contains("paquet"),
        "and how to go on: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");

    let out = run(&exe, dir.path(), &["--lang", "en"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("desktop interface is not installed"),
        "in English on request: {out:?}"
    );
}

#[cfg(unix)]
#[test]
fn the_desktop_binary_beside_it_is_started_on_the_same_database() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("desktop", "beside");
    let exe = lone_copy(dir.path());
    // A stand-in for the window that writes down its arguments.
    let desktop = dir.join("bourgade-desktop");
    let seen = dir.join("arguments.txt");
    std::fs::write(
        &desktop,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nexit 0\n",
            seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&desktop, std::fs::Permissions::from_mode(0o755)).unwrap();

    let out = run(&exe, dir.path(), &["--db", "base.sqlite"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let args = std::fs::read_to_string(&seen).expect("the desktop binary was started");
    assert_eq!(args, "--db\nbase.sqlite\n", "with the database given");

    // BOURGADE_DB is passed through as the option.
    let out = Command::new(&exe)
        .current_dir(dir.path())
        .env("PATH", dir.join("nothing-here"))
        .env("BOURGADE_DB", "autre.sqlite")
        .env("DISPLAY", ":987")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        std::fs::read_to_string(&seen).unwrap(),
        "--db\nautre.sqlite\n"
    );
}

#[test]
fn version_names_the_version_and_the_commit() {
    let dir = TempDir::new("desktop", "version");
    let out = run(Path::new(BIN), dir.path(), &["--version"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let expected = format!("bourgade {} (commit ", env!("CARGO_PKG_VERSION"));
    assert!(stdout.starts_with(&expected), "{stdout}");
    let commit = stdout
        .trim_end()
        .trim_end_matches(')')
        .rsplit(' ')
        .next()
        .unwrap();
    assert!(
        commit == "inconnu" || (commit.len() >= 7 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "a short commit hash, or « inconnu » outside a clone: {stdout}"
    );
}

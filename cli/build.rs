//! Stamps the build's git commit into `bourgade --version`. Never fails the
//! build: without git (a source tarball) the commit is « inconnu », and
//! `BOURGADE_COMMIT` in the environment wins (packagers building outside
//! a clone).

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (!s.is_empty()).then_some(s)
}

fn main() {
    println!("cargo:rerun-if-env-changed=BOURGADE_COMMIT");
    let commit = std::env::var("BOURGADE_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| git(&["rev-parse", "--short", "HEAD"]))
        .unwrap_or_else(|| "inconnu".to_owned());
    println!("cargo:rustc-env=BOURGADE_COMMIT={commit}");
    // Build again when HEAD moves: HEAD itself (a checkout), the branch it
    // points to (a commit) and packed-refs. Only files that exist, since
    // cargo reruns every time for a missing one.
    let mut watched: Vec<PathBuf> = Vec::new();
    for name in ["HEAD", "packed-refs"] {
        if let Some(p) = git(&["rev-parse", "--git-path", name]) {
            watched.push(PathBuf::from(p));
        }
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        if let Some(p) = git(&["rev-parse", "--git-path", &branch]) {
            watched.push(PathBuf::from(p));
        }
    }
    for p in watched {
        let p = if p.is_relative() {
            Path::new(".").join(p)
        } else {
            p
        };
        if p.exists() {
            println!("cargo:rerun-if-changed={}", p.display());
        }
    }
}

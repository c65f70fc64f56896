//! Backups from the command line, through the real `bourgade` binary:
//! `backup -o`, `restore` (checked first, refused with exit 2 when broken,
//! confirmed with `--yes`), the daily automatic backup, and a CLI write
//! that waits while the window holds the database.

use bourgade_core::store::Store;
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

mod common;
use common::{bourgade, TempDir};

struct Sandbox(TempDir);

impl Sandbox {
    fn new(name: &str) -> Sandbox {
        Sandbox(TempDir::new("backup", name))
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn command(&self, db: &str, args: &[&str]) -> Command {
        let mut cmd = bourgade(self.0.path());
        cmd.arg("--db").arg(self.path(db)).args(args);
        cmd
    }

    fn run(&self, db: &str, args: &[&str]) -> Run {
        Run(self.command(db, args).output().expect("bourgade runs"))
    }

    fn files(&self, sub: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path(sub))
            .map(|rd| {
                rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }
}

struct Run(Output);

impl Run {
    fn code(&self) -> Option<i32> {
        self.0.status.code()
    }
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "exit {:?}\nstdout: {}\nstderr: {}",
            self.code(),
            self.stdout(),
            self.stderr()
        )
    }
}

fn project_count(sb: &Sandbox, db: &str) -> usize {
    let out = sb.run(db, &["project", "list", "--json"]);
    assert_eq!(out.code(), Some(0), "project list succeeds: {out:?}");
    let list: Value = serde_json::from_str(&out.stdout()).expect("project list --json is JSON");
    list.as_array().expect("a JSON array").len()
}

fn demo(sb: &Sandbox) {
    let out = sb.run("bourgade.sqlite", &["init", "--demo"]);
    assert_eq!(out.code(), Some(0), "init --demo succeeds: {out:?}");
}

#[test]
fn a_backup_is_the_handover_file_a_successor_restores() {
    let sb = Sandbox::new("handover");
    demo(&sb);
    let out = sb.run("bourgade.sqlite", &["backup", "-o", "remise.sqlite"]);
    assert_eq!(out.code(), Some(0), "backup succeeds: {out:?}");
    assert!(
        out.stderr()
            .contains("17 projet(s), 1 commune(s) suivie(s)"),
        "the backup says what it holds: {out:?}"
    );
    // The successor's new laptop: an empty database.
    let out = sb.run("successeur.sqlite", &["restore", "remise.sqlite", "--yes"]);
    assert_eq!(out.code(), Some(0), "restore succeeds: {out:?}");
    assert!(
        out.stdout()
            .contains("contient : 17 projet(s), 1 commune(s) suivie(s), schéma"),
        "restore first prints what the file holds: {out:?}"
    );
    assert!(
        out.stderr().contains("Restauration réussie"),
        "and then that it is done: {out:?}"
    );
    assert_eq!(
        project_count(&sb, "successeur.sqlite"),
        17,
        "the successor has every project"
    );
}

#[test]
fn a_broken_file_is_refused_with_exit_2_and_nothing_changes() {
    let sb = Sandbox::new("broken");
    demo(&sb);
    let out = sb.run("bourgade.sqlite", &["backup", "-o", "bonne.sqlite"]);
    assert_eq!(out.code(), Some(0), "backup succeeds: {out:?}");
    let bytes = std::fs::read(sb.path("bonne.sqlite")).unwrap();
    std::fs::write(sb.path("tronquee.sqlite"), &bytes[..bytes.len() / 3]).unwrap();
    std::fs::write(sb.path("texte.sqlite"), "pas une base de données").unwrap();
    for broken in ["tronquee.sqlite", "texte.sqlite", "absente.sqlite"] {
        let out = sb.run("bourgade.sqlite", &["restore", broken, "--yes"]);
        assert_eq!(
            out.code(),
            Some(2),
            "{broken}: refused as bad input: {out:?}"
        );
        assert!(
            out.stderr().contains(broken) && !out.stderr().contains("Restauration réussie"),
            "{broken}: the French message names the file: {out:?}"
        );
        assert_eq!(
            project_count(&sb, "bourgade.sqlite"),
            17,
            "{broken}: the current data is untouched"
        );
    }
    assert!(
        !sb.files(".")
            .iter()
            .any(|n| n.contains("avant-restauration")),
        "a refused file is refused before any copy is made: {:?}",
        sb.files(".")
    );
}

#[test]
fn restore_without_a_terminal_needs_yes() {
    let sb = Sandbox::new("confirm");
    demo(&sb);
    sb.run("bourgade.sqlite", &["backup", "-o", "copie.sqlite"]);
    let out = sb.run("bourgade.sqlite", &["restore", "copie.sqlite"]);
    assert_eq!(out.code(), Some(2), "no confirmation possible: {out:?}");
    assert!(
        out.stderr().contains("ajoutez --yes"),
        "the message says how to confirm: {out:?}"
    );
}

#[test]
fn the_daily_backup_is_written_once_in_sauvegardes() {
    let sb = Sandbox::new("daily");
    demo(&sb);
    assert!(
        sb.files("sauvegardes").is_empty(),
        "init found an empty database: nothing to back up yet"
    );
    project_count(&sb, "bourgade.sqlite");
    let first = sb.files("sauvegardes");
    assert_eq!(first.len(), 1, "the next start backs up: {first:?}");
    assert!(
        first[0].starts_with("bourgade-") && first[0].ends_with(".sqlite"),
        "named after the database: {first:?}"
    );
    project_count(&sb, "bourgade.sqlite");
    assert_eq!(sb.files("sauvegardes"), first, "not twice the same day");
}

#[test]
fn a_cli_write_waits_while_the_window_holds_the_database() {
    let sb = Sandbox::new("busy");
    demo(&sb);
    std::fs::write(
        sb.path("ajout.csv"),
        "commune_insee;titre\r\n29024;Ajouté pendant que la fenêtre écrit\r\n",
    )
    .unwrap();
    // The window, in the middle of a long write.
    let window = Store::open(&sb.path("bourgade.sqlite")).unwrap();
    window
        .connection()
        .execute_batch("BEGIN IMMEDIATE; UPDATE town SET added_at = added_at;")
        .unwrap();
    let mut cli = sb
        .command("bourgade.sqlite", &["import", "ajout.csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        cli.try_wait().unwrap().is_none(),
        "the import waits for the lock instead of failing with \"database is locked\""
    );
    window.connection().execute_batch("COMMIT").unwrap();
    let out = Run(cli.wait_with_output().unwrap());
    assert_eq!(
        out.code(),
        Some(0),
        "the import goes through once the window is done: {out:?}"
    );
    window.integrity_check().expect("the file is intact");
    assert_eq!(
        project_count(&sb, "bourgade.sqlite"),
        18,
        "the imported project is there"
    );
}

//! Nothing committed is ever lost, and the file is never damaged, whatever
//! moment the program dies at or whoever else writes at the same time.
//!
//! The child processes are this test binary itself, started again with
//! `BOURGADE_CRASH_CHILD` set: each test checks the variable first and, when
//! it is set, plays the child (writes in a loop, prints each commit on
//! stdout) instead of the parent.
//!
//! - `sigkill_at_random_moments_loses_no_commit`: the child writes projects,
//!   funding plans and 20-project CSV imports in a loop; the parent kills it
//!   with SIGKILL after a random delay, then checks `PRAGMA integrity_check`,
//!   every commit the child reported, and that every transaction is all or
//!   nothing. 200 kills by default (about 20 s);
//!   `BOURGADE_CRASH_ITERATIONS=5000` for a longer run,
//!   `BOURGADE_CRASH_SEED=n` to replay one.
//! - `writers_in_two_processes_wait_for_each_other`: two processes write at
//!   once while a third connection holds the write lock for a while, as the
//!   window does during a large import: nobody gets "database is locked"
//!   within the busy timeout, and every row is there.

use bourgade_core::model::{
    Commune, ExpenseNature, Funder, FundingKind, FundingLine, FundingStatus, Milestone, Money,
    ProjectFields, ProjectLines, Theme,
};
use bourgade_core::store::Store;
use chrono::{NaiveDate, Utc};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const CHILD: &str = "BOURGADE_CRASH_CHILD";
/// Funding lines and milestones the child writes in each plan.
const LINES: usize = 3;
const MILESTONES: usize = 2;
/// Projects in each CSV import the child makes.
const BATCH: usize = 20;

/// SplitMix64: small and seeded, so that a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let n = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let p = std::env::temp_dir().join(format!("bourgade-{name}-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A database file following Carhaix-Plouguer (only the communes needed:
/// loading all 34,969 would cost 200 ms per child start).
fn prepare(path: &Path) {
    let mut s = Store::open(path).expect("a new database file opens");
    s.load_communes(&[Commune {
        insee: "29024".into(),
        name: "Carhaix-Plouguer".into(),
        departement: "29".into(),
        departement_name: "Finistère".into(),
        region: "53".into(),
        region_name: "Bretagne".into(),
        population: Some(7412),
        epci_code: None,
        epci_name: None,
        postcodes: vec!["29270".into()],
    }])
    .expect("one commune loads");
    s.add_town("29024", Utc::now())
        .expect("the town is followed");
}

/// Prints one line and pushes it out at once: the parent must see every
/// commit reported before the kill.
fn report(line: &str) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "@@ {line}").unwrap();
    out.flush().unwrap();
}

fn plan() -> ProjectLines {
    let mut lines = ProjectLines::default();
    for i in 0..LINES {
        let mut l = FundingLine::new(
            Funder::State,
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::ToRequest,
        );
        l.amount_requested = Some(Money::euros(1_000 * (i as i64 + 1)));
        lines.funding_lines.push(l);
    }
    for i in 0..MILESTONES {
        lines.milestones.push(Milestone {
            title: format!("Jalon {i}"),
            due_date: NaiveDate::from_ymd_opt(2027, 1, 1 + i as u32).unwrap(),
            done: false,
        });
    }
    lines
}

/// The child: writes until killed. `tag` keeps the titles of two children
/// (or two runs) apart.
fn child_writes_forever(path: &Path, tag: &str, stop_after: Option<usize>) {
    let mut store = Store::open(path).expect("the child opens the database");
    report("ready");
    let mut i = 0usize;
    loop {
        if stop_after == Some(i) {
            report("done");
            return;
        }
        if i % 10 == 9 {
            // A multi-project transaction: the CSV import of BATCH projects.
            let mut csv = String::from("commune_insee;titre;themes\r\n");
            for k in 0..BATCH {
                csv.push_str(&format!("29024;Lot {tag}-{i} n° {k};commerce\r\n"));
            }
            bourgade_core::exchange::csv::import_bytes(
                &mut store,
                csv.as_bytes(),
                false,
                Utc::now(),
            )
            .expect("the child's import succeeds");
            report(&format!("batch {tag}-{i}"));
        } else {
            let fields = ProjectFields {
                town_insee: "29024".into(),
                title: format!("Projet {tag}-{i}"),
                themes: vec![Theme::Commerce, Theme::Housing],
                ..Default::default()
            };
            let p = store
                .create_project(fields, Utc::now())
                .expect("the child's project is created");
            report(&format!("project {}", p.id));
            store
                .save_project_lines(p.id, plan(), Utc::now())
                .expect("the child's plan is saved");
            report(&format!("plan {}", p.id));
        }
        i += 1;
    }
}

/// Starts this test binary again as a child running `test`.
fn spawn_child(
    test: &str,
    path: &Path,
    tag: &str,
    stop_after: Option<usize>,
) -> std::process::Child {
    // /proc/self/exe still names this binary if a rebuild replaced the file.
    let exe = Path::new("/proc/self/exe");
    let exe = if exe.exists() {
        exe.to_path_buf()
    } else {
        std::env::current_exe().unwrap()
    };
    let mut cmd = Command::new(exe);
    cmd.args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, path)
        .env("BOURGADE_CRASH_TAG", tag)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(n) = stop_after {
        cmd.env("BOURGADE_CRASH_STOP_AFTER", n.to_string());
    }
    cmd.spawn()
        .expect("the test binary starts again as a child")
}

/// Plays the child when this process is one; returns false in the parent.
fn run_as_child() -> bool {
    let Some(path) = std::env::var_os(CHILD) else {
        return false;
    };
    let tag = std::env::var("BOURGADE_CRASH_TAG").unwrap_or_default();
    let stop = std::env::var("BOURGADE_CRASH_STOP_AFTER")
        .ok()
        .and_then(|n| n.parse().ok());
    child_writes_forever(Path::new(&path), &tag, stop);
    true
}

/// What a child reported as committed, read from its stdout; a line cut by
/// the kill (no newline) is not counted.
#[derive(Default)]
struct Reported {
    ready: bool,
    projects: Vec<i64>,
    plans: Vec<i64>,
    batches: Vec<String>,
    done: bool,
}

fn parse(lines: &[String]) -> Reported {
    let mut r = Reported::default();
    for line in lines {
        let Some(rest) = line.strip_prefix("@@ ") else {
            continue;
        };
        let mut words = rest.split(' ');
        match (words.next(), words.next()) {
            (Some("ready"), _) => r.ready = true,
            (Some("done"), _) => r.done = true,
            (Some("project"), Some(id)) => r.projects.push(id.parse().unwrap()),
            (Some("plan"), Some(id)) => r.plans.push(id.parse().unwrap()),
            (Some("batch"), Some(tag)) => r.batches.push(tag.to_owned()),
            _ => panic!("unexpected child line {line:?}"),
        }
    }
    r
}

/// Reads a child's complete lines on a thread; the first "ready" is also
/// sent on `ready`.
fn read_lines(
    stdout: std::process::ChildStdout,
    ready: mpsc::Sender<()>,
) -> std::thread::JoinHandle<Vec<String>> {
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut lines = Vec::new();
        let mut buf = String::new();
        while let Ok(n) = reader.read_line(&mut buf) {
            if n == 0 || !buf.ends_with('\n') {
                break;
            }
            // libtest may print "test name ... " before the first line.
            if let Some(at) = buf.find("@@ ") {
                if buf[at..].starts_with("@@ ready") {
                    let _ = ready.send(());
                }
                lines.push(buf[at..].trim_end().to_owned());
            }
            buf.clear();
        }
        lines
    })
}

/// The checks after each kill: the file is intact, every reported commit is
/// there, and every transaction is all or nothing.
fn check_after_kill(path: &Path, reported: &Reported, context: &str) {
    let store = Store::open(path).unwrap_or_else(|e| panic!("{context}: the file reopens: {e}"));
    store
        .integrity_check()
        .unwrap_or_else(|e| panic!("{context}: {e}"));
    let conn = store.connection();
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0, "{context}: no row points to a missing parent");
    for id in &reported.projects {
        let (themes, events): (i64, i64) = conn
            .query_row(
                "SELECT (SELECT count(*) FROM project_theme WHERE project_id = ?1),
                        (SELECT count(*) FROM stage_event WHERE project_id = ?1)
                 FROM project WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap_or_else(|e| panic!("{context}: reported project {id} is missing: {e}"));
        assert_eq!(
            (themes, events),
            (2, 1),
            "{context}: project {id} has its two themes and first stage event"
        );
    }
    for id in &reported.plans {
        let (lines, milestones): (i64, i64) = conn
            .query_row(
                "SELECT (SELECT count(*) FROM funding_line WHERE project_id = ?1),
                        (SELECT count(*) FROM milestone WHERE project_id = ?1)",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            (lines as usize, milestones as usize),
            (LINES, MILESTONES),
            "{context}: the reported plan of project {id} is complete"
        );
    }
    for tag in &reported.batches {
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM project WHERE title LIKE 'Lot ' || ?1 || ' n° %'",
                [tag],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            n as usize, BATCH,
            "{context}: the reported import {tag} is all there"
        );
    }
    // All or nothing, for the transactions not reported too.
    let partial_plans: i64 = conn
        .query_row(
            "SELECT count(*) FROM project p
             WHERE (SELECT count(*) FROM funding_line f WHERE f.project_id = p.id) NOT IN (0, ?1)
                OR (SELECT count(*) FROM milestone m WHERE m.project_id = p.id) NOT IN (0, ?2)",
            [LINES as i64, MILESTONES as i64],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(partial_plans, 0, "{context}: no plan is half written");
    let partial_batches: i64 = conn
        .query_row(
            "SELECT count(*) FROM (
                SELECT substr(title, 1, instr(title, ' n° ')) AS lot, count(*) AS n
                FROM project WHERE title LIKE 'Lot %' GROUP BY lot)
             WHERE n <> ?1",
            [BATCH as i64],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(partial_batches, 0, "{context}: no import is half written");
    let (projects, indexed, bare): (i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM project),
                    (SELECT count(*) FROM search_entry WHERE kind = 'project'),
                    (SELECT count(*) FROM project p WHERE NOT EXISTS
                        (SELECT 1 FROM stage_event e WHERE e.project_id = p.id))",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        projects, indexed,
        "{context}: the search index was written in the same transactions as the projects"
    );
    assert_eq!(
        bare, 0,
        "{context}: every project has its first stage event"
    );
}

#[test]
fn sigkill_at_random_moments_loses_no_commit() {
    if run_as_child() {
        return;
    }
    let iterations: usize = std::env::var("BOURGADE_CRASH_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let seed: u64 = std::env::var("BOURGADE_CRASH_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    println!("crash test: {iterations} kills, BOURGADE_CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let dir = TempDir::new("crash");
    let path = dir.0.join("bourgade.sqlite");
    prepare(&path);
    let started = Instant::now();
    let (mut mid_write, mut commits) = (0usize, 0usize);
    for i in 0..iterations {
        let mut child = spawn_child(
            "sigkill_at_random_moments_loses_no_commit",
            &path,
            &i.to_string(),
            None,
        );
        let (tx, ready) = mpsc::channel();
        let reader = read_lines(child.stdout.take().unwrap(), tx);
        // One kill in four lands anywhere from the start (opening the file
        // included); the others while the child is writing.
        if rng.below(4) > 0 {
            let _ = ready.recv_timeout(Duration::from_secs(30));
        }
        std::thread::sleep(Duration::from_micros(rng.below(40_000)));
        child.kill().expect("SIGKILL is delivered");
        child.wait().unwrap();
        let reported = parse(&reader.join().unwrap());
        let n = reported.projects.len() + reported.plans.len() + reported.batches.len();
        commits += n;
        if n > 0 {
            mid_write += 1;
        }
        check_after_kill(
            &path,
            &reported,
            &format!("kill {i} (BOURGADE_CRASH_SEED={seed})"),
        );
    }
    let store = Store::open(&path).unwrap();
    let projects: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM project", [], |r| r.get(0))
        .unwrap();
    println!(
        "crash test: {iterations} kills in {:.1} s, {mid_write} while writing, {commits} commits reported, {projects} projects in the file",
        started.elapsed().as_secs_f64()
    );
    assert!(
        mid_write * 2 >= iterations,
        "most kills must land while the child writes, or the test proves little: {mid_write} of {iterations}"
    );
    assert!(
        projects as usize >= commits / 3,
        "the file holds the reported work ({projects} projects for {commits} commits)"
    );
}

#[test]
fn writers_in_two_processes_wait_for_each_other() {
    if run_as_child() {
        return;
    }
    const EACH: usize = 60;
    let dir = TempDir::new("concurrent");
    let path = dir.0.join("bourgade.sqlite");
    prepare(&path);
    // The window holding the write lock, as during a long import.
    let holder = Store::open(&path).unwrap();
    holder
        .connection()
        .execute_batch("BEGIN IMMEDIATE; UPDATE town SET added_at = added_at;")
        .unwrap();
    let children: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|tag| {
            let mut child = spawn_child(
                "writers_in_two_processes_wait_for_each_other",
                &path,
                tag,
                Some(EACH),
            );
            let (tx, _ready) = mpsc::channel();
            let reader = read_lines(child.stdout.take().unwrap(), tx);
            (child, reader)
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    holder.connection().execute_batch("COMMIT").unwrap();
    let mut all = Reported::default();
    for (mut child, reader) in children {
        let status = child.wait().unwrap();
        let r = parse(&reader.join().unwrap());
        assert!(
            status.success() && r.done,
            "a writer waiting for the lock must finish without \"database is locked\" ({status})"
        );
        all.projects.extend(r.projects);
        all.plans.extend(r.plans);
        all.batches.extend(r.batches);
    }
    let unique: BTreeSet<i64> = all.projects.iter().copied().collect();
    assert_eq!(
        unique.len(),
        all.projects.len(),
        "two processes never get the same project number"
    );
    check_after_kill(&path, &all, "two writers");
    let total: i64 = holder
        .connection()
        .query_row("SELECT count(*) FROM project", [], |r| r.get(0))
        .unwrap();
    let expected = 2 * (EACH - EACH / 10) + 2 * (EACH / 10) * BATCH;
    assert_eq!(
        total as usize, expected,
        "every row of both writers is in the file"
    );
}

//! Benchmark of the printed briefs: time and size of one project brief, of
//! the portfolio of a town with 1,000 projects (the demo's 16 repeated with
//! varied stages and titles), and of a council pack of 10 items (which also
//! computes the changes and stores the snapshot). Each figure is the median
//! of several runs after one warm-up (the fonts are parsed once per process,
//! timed separately). Targets: brief < 20 ms, 1,000-project portfolio < 1 s.
//!
//! Run: `cargo bench -p bourgade-core --bench briefs`

use bourgade_core::brief::{self, BriefOptions, CouncilRequest, GroupBy};
use bourgade_core::exchange;
use bourgade_core::store::{ProjectFilter, Store};
use bourgade_core::Lang;
use chrono::{NaiveDate, TimeZone, Utc};
use std::time::{Duration, Instant};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// Times `f` `n` times after a warm-up; returns the median and the last output.
fn time<T>(n: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut out = f();
    let mut runs = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        out = f();
        runs.push(t.elapsed());
    }
    (median(runs), out)
}

fn report(what: &str, d: Duration, bytes: usize, target: Option<Duration>) {
    let verdict = match target {
        Some(t) if d <= t => format!("  (target < {t:?}: met)"),
        Some(t) => format!("  (target < {t:?}: MISSED)"),
        None => String::new(),
    };
    println!(
        "{what:<44} {:>9.1} ms  {:>8.1} KB{verdict}",
        d.as_secs_f64() * 1000.0,
        bytes as f64 / 1024.0
    );
}

fn main() {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
    let opts = BriefOptions::new(Lang::Fr, now);

    let t = Instant::now();
    let _ = brief::layout::fonts();
    println!(
        "{:<44} {:>9.1} ms",
        "fonts parsed (once per process)",
        t.elapsed().as_secs_f64() * 1000.0
    );

    let mut demo = Store::open_in_memory().unwrap();
    bourgade_core::desk::ensure_reference(&mut demo).unwrap();
    exchange::load_demo(&mut demo, now).unwrap();
    let ids: Vec<i64> = demo
        .projects(&ProjectFilter::default())
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect();
    let epicerie = ids[2];

    let (d, pdf) = time(30, || {
        bourgade_core::desk::briefs::project_brief(&demo, epicerie, None, &opts).unwrap()
    });
    report(
        "project brief (store → PDF)",
        d,
        pdf.len(),
        Some(Duration::from_millis(20)),
    );
    let data =
        bourgade_core::desk::briefs::gather_project(&demo, epicerie, None, Lang::Fr, opts.today)
            .unwrap();
    let (d, pdf) = time(30, || brief::render_project(&data, &opts).unwrap());
    report("project brief (render only)", d, pdf.len(), None);

    // 1,000 projects: the demo's, copied with varied titles and stages, and
    // loaded as one ordinary JSON import.
    let mut big = Store::open_in_memory().unwrap();
    bourgade_core::desk::ensure_reference(&mut big).unwrap();
    let t = Instant::now();
    let mut file: serde_json::Value =
        serde_json::from_str(&exchange::json::export(&demo, now).unwrap()).unwrap();
    let originals = file["projects"].as_array().unwrap().clone();
    let projects = file["projects"].as_array_mut().unwrap();
    projects.clear();
    for i in 0..1_000 {
        let mut p = originals[i % originals.len()].clone();
        let o = p.as_object_mut().unwrap();
        o.remove("id");
        o.remove("uid");
        let title = format!("{} — opération {}", o["title"].as_str().unwrap(), i + 1);
        o.insert("title".into(), title.into());
        o.insert("stage".into(), (i % 9).into());
        projects.push(p);
    }
    exchange::json::import_str(
        &mut big,
        &file.to_string(),
        exchange::json::Options {
            dry_run: false,
            demo: false,
        },
        now,
    )
    .unwrap();
    println!(
        "{:<44} {:>9.1} ms",
        "(setup: 1,000 projects imported)",
        t.elapsed().as_secs_f64() * 1000.0
    );
    assert_eq!(
        big.projects(&ProjectFilter::default()).unwrap().len(),
        1_000
    );
    let (d, pdf) = time(3, || {
        bourgade_core::desk::briefs::portfolio_brief(&big, Some("29024"), GroupBy::Stage, &opts)
            .unwrap()
    });
    report(
        "portfolio, 1,000 projects (store → PDF)",
        d,
        pdf.len(),
        Some(Duration::from_secs(1)),
    );
    let portfolio =
        bourgade_core::desk::briefs::gather_portfolio(&big, Some("29024"), opts.today).unwrap();
    let (d, pdf) = time(3, || {
        brief::render_portfolio(&portfolio, GroupBy::Axis, &opts).unwrap()
    });
    report(
        "portfolio, 1,000 projects (render only)",
        d,
        pdf.len(),
        None,
    );

    let req = CouncilRequest {
        town_insee: Some("29024".into()),
        meeting_date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        project_ids: ids[..10].to_vec(),
        decisions: Default::default(),
    };
    let (d, pack) = time(5, || {
        bourgade_core::desk::briefs::council_pack(&mut demo, &req, &opts).unwrap()
    });
    report(
        "council pack, 10 items (+ stored snapshot)",
        d,
        pack.pdf.len(),
        None,
    );
}

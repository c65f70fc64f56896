//! Scale benchmark: a synthetic département — 300 towns (the real communes
//! of Finistère, 29, completed with synthetic ones), 50,000 projects,
//! 150,000 funding lines, 2,000 SSE actors — in a database file, then the
//! figures the user feels, each repeated (min and median printed):
//!
//! - project list filtered by town, by stage, by both, and the whole list;
//! - full-text search (the search box, and the list filtered by words);
//! - dashboard of one town and of the whole département;
//! - CSV import of 10,000 projects, beside sqlite3's own `.import` of the
//!   same rows into the same tables (sqlite3 CLI, `apt install sqlite3`);
//! - portfolio brief (PDF) of a town with 1,000 projects.
//!
//! Targets: each query < 20 ms, CSV import within 2× sqlite3's `.import`,
//! portfolio < 1 s. Figures only: nothing here fails on time.
//!
//! Run: `cargo bench -p bourgade-core --bench scale`
//! (`BOURGADE_SCALE_PROJECTS=5000` for a quicker, smaller run;
//! `BOURGADE_SCALE_KEEP=FILE` keeps the generated database).

use bourgade_core::brief::{BriefOptions, GroupBy};
use bourgade_core::desk::dashboard;
use bourgade_core::exchange::{self, csv as xcsv, json as xjson, ProjectRecord};
use bourgade_core::model::*;
use bourgade_core::store::{ProjectFilter, Store};
use bourgade_core::testing::Rng;
use bourgade_core::Lang;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const TOWNS: usize = 300;
const ACTORS: usize = 2_000;
const LINES_PER_PROJECT: usize = 3;
const CSV_PROJECTS: usize = 10_000;
const PORTFOLIO_PROJECTS: usize = 1_000;
const QUERY_TARGET: Duration = Duration::from_millis(20);
/// A page of the project list in the window (ui/src/screens/ProjectList.svelte).
const PAGE: u32 = 200;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap()
}

fn today() -> NaiveDate {
    now().date_naive()
}

/// Runs `f` `n` times after one warm-up; prints min and median against
/// `target`; returns the median and the last result.
fn bench<T>(
    what: &str,
    n: usize,
    target: Option<Duration>,
    mut f: impl FnMut() -> T,
) -> (Duration, T) {
    let mut out = f();
    let mut runs = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        out = f();
        runs.push(t.elapsed());
    }
    runs.sort();
    let (min, median) = (runs[0], runs[runs.len() / 2]);
    let verdict = match target {
        Some(t) if median <= t => format!("target < {} ms: met", t.as_millis()),
        Some(t) => format!("target < {} ms: MISSED", t.as_millis()),
        None => String::new(),
    };
    println!(
        "{what:<52} min {:>9.2} ms  median {:>9.2} ms  {verdict}",
        ms(min),
        ms(median)
    );
    (median, out)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

const WORDS: &[&str] = &[
    "épicerie",
    "participative",
    "maison",
    "santé",
    "halle",
    "marché",
    "tiers-lieu",
    "recyclerie",
    "cœur",
    "bourg",
    "logements",
    "intergénérationnels",
    "vélo",
    "voie",
    "verte",
    "médiathèque",
    "friche",
    "industrielle",
    "boutique",
    "à l'essai",
    "café",
    "associatif",
    "jardin",
    "partagé",
    "école",
    "rénovation",
    "énergétique",
    "place",
    "mairie",
    "commerce",
    "ressourcerie",
    "atelier",
    "coopératif",
    "quai",
    "port",
];

/// Words drawn as in real texts: one in twenty is a domain word from
/// [`WORDS`], the others come from 3,000 made-up words with a Zipf
/// distribution (the k-th word k times rarer than the first), so that a
/// search for "épicerie" matches a few percent of the projects, not all.
struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn new() -> Vocabulary {
        const SYLLABLES: &[&str] = &[
            "ker", "lan", "bro", "mor", "gwen", "ploe", "tre", "goz", "ar", "vel", "dun", "hir",
            "bihan", "men", "ros", "coat", "lez", "pen", "stang", "nevez",
        ];
        let n = SYLLABLES.len();
        let mut words = Vec::new();
        for i in 0..n * n * n {
            let w = format!(
                "{}{}{}",
                SYLLABLES[i % n],
                SYLLABLES[(i / n) % n],
                if i < n * n {
                    ""
                } else {
                    SYLLABLES[i / (n * n) % n]
                }
            );
            if !words.contains(&w) {
                words.push(w);
            }
            if words.len() == 3_000 {
                break;
            }
        }
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|k| {
                total += 1.0 / k as f64;
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn word<'a>(&'a self, r: &mut Rng) -> &'a str {
        if r.below(20) == 0 {
            return WORDS[r.below(WORDS.len())];
        }
        let x =
            (r.next_u64() as f64 / u64::MAX as f64) * self.cumulative[self.cumulative.len() - 1];
        let i = self.cumulative.partition_point(|c| *c < x);
        &self.words[i.min(self.words.len() - 1)]
    }

    fn phrase(&self, r: &mut Rng, n: usize) -> String {
        (0..n).map(|_| self.word(r)).collect::<Vec<_>>().join(" ")
    }
}

fn vocabulary() -> &'static Vocabulary {
    static V: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();
    V.get_or_init(Vocabulary::new)
}

/// A title: one domain word and a few others.
fn title(r: &mut Rng) -> String {
    format!("{} {}", r.pick(WORDS), vocabulary().phrase(r, 3))
}

fn phrase(r: &mut Rng, n: usize) -> String {
    vocabulary().phrase(r, n)
}

/// The towns: Finistère's real communes, then synthetic ones up to 300
/// (INSEE codes 29950 and up, which no commune uses).
fn towns() -> (Vec<String>, Vec<Commune>) {
    let geo = bourgade_core::reference::geography().unwrap();
    let mut insee: Vec<String> = geo
        .communes
        .iter()
        .filter(|c| c.departement == "29")
        .map(|c| c.insee.clone())
        .take(TOWNS)
        .collect();
    let mut synthetic = Vec::new();
    let mut code = 29_950;
    while insee.len() < TOWNS {
        let c = Commune {
            insee: code.to_string(),
            name: format!("Commune synthétique {}", code - 29_949),
            departement: "29".into(),
            departement_name: "Finistère".into(),
            region: "53".into(),
            region_name: "Bretagne".into(),
            population: Some(1_500),
            epci_code: None,
            epci_name: None,
            postcodes: vec!["29000".into()],
        };
        insee.push(c.insee.clone());
        synthetic.push(c);
        code += 1;
    }
    (insee, synthetic)
}

/// One generated project. `town` is given; the rest is drawn.
fn project(r: &mut Rng, town: &str, actors: &[String], i: usize) -> ProjectRecord {
    let stage = Stage::new(r.below(9) as i64).unwrap();
    let cost = 50_000 + r.below(2_000_000) as i64;
    let themes: Vec<Theme> = (0..1 + r.below(3)).map(|_| *r.pick(Theme::ALL)).collect();
    let mut lines = ProjectLines::default();
    for k in 0..LINES_PER_PROJECT {
        let mut l = FundingLine::new(
            *r.pick(&[
                Funder::State,
                Funder::Region,
                Funder::Departement,
                Funder::Epci,
                Funder::Eu,
            ]),
            FundingKind::Grant,
            ExpenseNature::Investment,
            *r.pick(FundingStatus::ALL),
        );
        l.amount_requested = Some(Money::euros(cost / 10 * (k as i64 + 1) / 2));
        if matches!(
            l.status,
            FundingStatus::Awarded | FundingStatus::PartiallyPaid | FundingStatus::Paid
        ) {
            l.amount_awarded = l.amount_requested;
        }
        if l.status == FundingStatus::ToRequest && r.below(2) == 0 {
            l.deadline = today().checked_add_days(chrono::Days::new(r.below(200) as u64));
        }
        lines.funding_lines.push(l);
    }
    for _ in 0..r.below(3) {
        let due = today() + chrono::Duration::days(r.below(400) as i64 - 150);
        lines.milestones.push(Milestone {
            title: phrase(r, 3),
            due_date: due,
            done: r.below(3) == 0,
        });
    }
    if r.below(3) == 0 {
        lines.actors.push(ActorLink {
            actor_id: r.pick(actors).clone(),
            role: "Accompagnement".into(),
            contact_status: ContactStatus::Contacted,
            note: String::new(),
        });
    }
    ProjectRecord {
        id: None,
        uid: Some(format!("scale-{i}")),
        fields: ProjectFields {
            town_insee: town.to_owned(),
            title: format!("{} n° {i}", title(r)),
            summary: phrase(r, 25),
            context: phrase(r, 40),
            themes,
            stage,
            health: *r.pick(Health::ALL),
            priority: *r.pick(Priority::ALL),
            ort_axis: Some(*r.pick(Axis::ALL)),
            cost_excl_vat: Some(Money::euros(cost)),
            ..Default::default()
        },
        created_at: Some(now()),
        updated_at: Some(now()),
        lines,
    }
}

fn actor(r: &mut Rng, i: usize, towns: &[String]) -> Actor {
    let scope = *r.pick(&[
        Scope::National,
        Scope::Regional,
        Scope::Departemental,
        Scope::Local,
    ]);
    Actor {
        id: format!("acteur-local-{i}"),
        name: format!("Acteur {} {i}", phrase(r, 2)),
        kind: *r.pick(ActorKind::ALL),
        scope,
        territories: match scope {
            Scope::National => vec![],
            Scope::Regional => vec!["53".into()],
            Scope::Departemental => vec!["29".into()],
            Scope::Local => vec![r.pick(towns).clone()],
        },
        themes: vec![*r.pick(Theme::ALL)],
        stages: vec![Stage::new(r.below(9) as i64).unwrap()],
        services: vec![],
        legal_forms: vec![],
        description_fr: phrase(r, 20),
        description_en: String::new(),
        website: None,
        source: "banc d'essai".into(),
        verified_on: None,
        retired: false,
    }
}

/// A database with the reference data, the 300 towns followed and the
/// 2,000 actors, and no project yet.
fn template(path: &Path, rng: &mut Rng) -> (Vec<String>, Vec<String>) {
    let mut s = Store::open(path).unwrap();
    bourgade_core::desk::ensure_reference(&mut s).unwrap();
    let (insee, synthetic) = towns();
    s.load_communes(&synthetic).unwrap();
    for t in &insee {
        s.add_town(t, now()).unwrap();
    }
    let shipped = s.actors().unwrap().len();
    let mut ids: Vec<String> = s.actors().unwrap().into_iter().map(|a| a.id).collect();
    for i in 0..ACTORS.saturating_sub(shipped) {
        let a = actor(rng, i, &insee);
        ids.push(a.id.clone());
        s.save_actor(&a).unwrap();
    }
    (insee, ids)
}

fn import_json(s: &mut Store, records: &[ProjectRecord]) {
    let file = serde_json::json!({
        "format": "bourgade-export",
        "format_version": 1,
        "projects": records,
    });
    xjson::import_str(s, &file.to_string(), xjson::Options::default(), now()).unwrap();
}

fn file_size(path: &Path) -> f64 {
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    (size(path) + size(&wal)) as f64 / 1_048_576.0
}

fn main() {
    let projects: usize = std::env::var("BOURGADE_SCALE_PROJECTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(50_000);
    let dir = std::env::temp_dir().join(format!("bourgade-scale-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Rng(2026);

    // ------------------------------------------------------------ generator
    let t = Instant::now();
    let template_path = dir.join("modele.sqlite");
    let (towns, actors) = template(&template_path, &mut rng);
    println!(
        "setup: reference data, {} towns, {} actors in {:.1} s",
        towns.len(),
        actors.len(),
        t.elapsed().as_secs_f64()
    );
    let db = dir.join("departement.sqlite");
    std::fs::copy(&template_path, &db).unwrap();
    let mut store = Store::open(&db).unwrap();
    let big_town = towns[0].clone();
    let t = Instant::now();
    let mut batch = Vec::with_capacity(2_000);
    for i in 0..projects {
        // The first 1,000 projects go to one town (the portfolio brief);
        // the others are spread over all the towns.
        let town = if i < PORTFOLIO_PROJECTS.min(projects / 5) {
            big_town.clone()
        } else {
            rng.pick(&towns).clone()
        };
        batch.push(project(&mut rng, &town, &actors, i));
        if batch.len() == 2_000 {
            import_json(&mut store, &batch);
            batch.clear();
        }
    }
    import_json(&mut store, &batch);
    let count = |sql: &str| -> i64 { store.connection().query_row(sql, [], |r| r.get(0)).unwrap() };
    println!(
        "generated: {} projects, {} funding lines, {} actors, {} towns in {:.1} s; file {:.0} MB",
        count("SELECT count(*) FROM project"),
        count("SELECT count(*) FROM funding_line"),
        count("SELECT count(*) FROM actor"),
        count("SELECT count(*) FROM town"),
        t.elapsed().as_secs_f64(),
        file_size(&db)
    );
    drop(store);
    let store = Store::open(&db).unwrap();

    // -------------------------------------------------------------- queries
    println!("\n-- queries on {projects} projects (target < 20 ms each)");
    let town = towns[7].clone();
    let stage3 = Stage::new(3).unwrap();
    let (_, list) = bench("list: one town", 15, Some(QUERY_TARGET), || {
        store
            .projects(&ProjectFilter {
                town_insee: Some(town.clone()),
                ..Default::default()
            })
            .unwrap()
    });
    println!("{:>52} ({} rows)", "", list.len());
    let (_, list) = bench("list: one stage, every row", 5, None, || {
        store
            .projects(&ProjectFilter {
                stage: Some(stage3),
                ..Default::default()
            })
            .unwrap()
    });
    println!("{:>52} ({} rows)", "", list.len());
    // What the window asks for: a page of the list, and how many in all.
    let (_, (page, total)) = bench(
        "list: one stage, a page of 200 and the count",
        15,
        Some(QUERY_TARGET),
        || {
            let filter = ProjectFilter {
                stage: Some(stage3),
                limit: Some(PAGE),
                ..Default::default()
            };
            (
                store.projects(&filter).unwrap(),
                store.count_projects(&filter).unwrap(),
            )
        },
    );
    println!("{:>52} ({} rows of {total})", "", page.len());
    bench("list: one town, one stage", 15, Some(QUERY_TARGET), || {
        store
            .projects(&ProjectFilter {
                town_insee: Some(town.clone()),
                stage: Some(stage3),
                ..Default::default()
            })
            .unwrap()
    });
    let (_, list) = bench("list: everything", 5, None, || {
        store.projects(&ProjectFilter::default()).unwrap()
    });
    println!("{:>52} ({} rows)", "", list.len());
    let (_, hits) = bench(
        "search box: \"epicerie participative\"",
        15,
        Some(QUERY_TARGET),
        || store.search("epicerie participative", 20).unwrap(),
    );
    println!("{:>52} ({} hits, limit 20)", "", hits.len());
    let (_, list) = bench(
        "list filtered by words \"maison sante\" in a town",
        15,
        Some(QUERY_TARGET),
        || {
            store
                .projects(&ProjectFilter {
                    town_insee: Some(town.clone()),
                    search: Some("maison sante".into()),
                    ..Default::default()
                })
                .unwrap()
        },
    );
    println!("{:>52} ({} rows)", "", list.len());
    let (_, list) = bench(
        "list filtered by \"friche\" everywhere, every row",
        5,
        None,
        || {
            store
                .projects(&ProjectFilter {
                    search: Some("friche".into()),
                    ..Default::default()
                })
                .unwrap()
        },
    );
    println!("{:>52} ({} rows)", "", list.len());
    let (_, (page, total)) = bench(
        "list filtered by \"friche\" everywhere, page + count",
        15,
        Some(QUERY_TARGET),
        || {
            let filter = ProjectFilter {
                search: Some("friche".into()),
                limit: Some(PAGE),
                ..Default::default()
            };
            (
                store.projects(&filter).unwrap(),
                store.count_projects(&filter).unwrap(),
            )
        },
    );
    println!("{:>52} ({} rows of {total})", "", page.len());
    // The first dashboard of the day checks every project's funding plan
    // and keeps the findings; later ones read what was kept.
    let forget = || {
        store
            .connection()
            .execute_batch("DELETE FROM readiness_cache")
            .unwrap()
    };
    let show = |d: &dashboard::Dashboard| {
        println!(
            "{:>52} ({} projects, {} deadlines, {} + {} findings)",
            "", d.total_projects, d.upcoming_total, d.to_handle.blocking, d.to_handle.warnings
        )
    };
    bench("dashboard: one town, first of the day", 15, None, || {
        forget();
        dashboard::dashboard(&store, Some(&town), today()).unwrap()
    });
    let (_, d) = bench("dashboard: one town", 15, Some(QUERY_TARGET), || {
        dashboard::dashboard(&store, Some(&town), today()).unwrap()
    });
    show(&d);
    bench(
        "dashboard: whole département, first of the day",
        3,
        None,
        || {
            forget();
            dashboard::dashboard(&store, None, today()).unwrap()
        },
    );
    let (_, d) = bench(
        "dashboard: the whole département",
        15,
        Some(QUERY_TARGET),
        || dashboard::dashboard(&store, None, today()).unwrap(),
    );
    show(&d);
    // After one project changes, only its findings are checked again.
    let one = store
        .projects(&ProjectFilter {
            limit: Some(1),
            ..Default::default()
        })
        .unwrap()[0]
        .id;
    let (_, d) = bench(
        "dashboard: whole département, one project changed",
        15,
        Some(QUERY_TARGET),
        || {
            store
                .connection()
                .execute(
                    "UPDATE project SET priority = priority WHERE id = ?1",
                    [one],
                )
                .unwrap();
            dashboard::dashboard(&store, None, today()).unwrap()
        },
    );
    show(&d);

    // ----------------------------------------------------------- CSV import
    println!("\n-- CSV import of {CSV_PROJECTS} projects into a file (target: within 2x sqlite3 .import)");
    let csv = {
        let mut src = Store::open_in_memory().unwrap();
        bourgade_core::desk::ensure_reference(&mut src).unwrap();
        let (_, synthetic) = self::towns();
        src.load_communes(&synthetic).unwrap();
        let records: Vec<ProjectRecord> = (0..CSV_PROJECTS)
            .map(|i| {
                let mut p = project(&mut rng, rng_town(&towns, i), &actors, 1_000_000 + i);
                p.lines = ProjectLines::default();
                p
            })
            .collect();
        import_json(&mut src, &records);
        xcsv::export(&src).unwrap()
    };
    let csv_path = dir.join("import.csv");
    std::fs::write(&csv_path, &csv).unwrap();
    let mut ours = Vec::new();
    for run in 0..3 {
        let target = dir.join(format!("import-{run}.sqlite"));
        std::fs::copy(&template_path, &target).unwrap();
        let mut s = Store::open(&target).unwrap();
        let t = Instant::now();
        let report = exchange::import_file(&mut s, &csv_path, None, false, now()).unwrap();
        ours.push(t.elapsed());
        assert_eq!(report.created, CSV_PROJECTS);
    }
    ours.sort();
    println!(
        "{:<52} min {:>9.1} ms  median {:>9.1} ms",
        "bourgade import (check + write + search index)",
        ms(ours[0]),
        ms(ours[1])
    );
    match sqlite3_import(&dir, &template_path, &dir.join("import-0.sqlite")) {
        Some((base, with_fts)) => {
            println!(
                "{:<52} min {:>9.1} ms  median {:>9.1} ms",
                "sqlite3 .import, same rows (project, themes, events)",
                ms(base[0]),
                ms(base[1])
            );
            println!(
                "{:<52} min {:>9.1} ms  median {:>9.1} ms",
                "sqlite3 .import, same rows + search index",
                ms(with_fts[0]),
                ms(with_fts[1])
            );
            let ratio = ours[1].as_secs_f64() / with_fts[1].as_secs_f64();
            println!(
                "{:<52} {ratio:.2}x  (target within 2x: {})",
                "ratio bourgade / sqlite3 (same tables)",
                if ratio <= 2.0 { "met" } else { "MISSED" }
            );
        }
        None => println!("sqlite3 not found: `apt install sqlite3` to compare"),
    }

    // ---------------------------------------------------------- JSON import
    // One file on one line, lines and all, as a successor's handover file
    // might be: JSON import once took minutes on it (line numbers were
    // counted from the start of the file for each project).
    println!("\n-- JSON import of {CSV_PROJECTS} projects with their lines, one file on one line");
    let json_path = dir.join("import.json");
    let records: Vec<ProjectRecord> = (0..CSV_PROJECTS)
        .map(|i| project(&mut rng, rng_town(&towns, i), &actors, 2_000_000 + i))
        .collect();
    let file = serde_json::json!({
        "format": "bourgade-export",
        "format_version": 1,
        "projects": records,
    });
    std::fs::write(&json_path, file.to_string()).unwrap();
    let mut times = Vec::new();
    for run in 0..3 {
        let target = dir.join(format!("import-json-{run}.sqlite"));
        std::fs::copy(&template_path, &target).unwrap();
        let mut s = Store::open(&target).unwrap();
        let t = Instant::now();
        let report = exchange::import_file(&mut s, &json_path, None, false, now()).unwrap();
        times.push(t.elapsed());
        assert_eq!(report.created, CSV_PROJECTS);
    }
    times.sort();
    println!(
        "{:<52} min {:>9.1} ms  median {:>9.1} ms",
        format!("bourgade import ({:.0} MB)", file_size(&json_path)),
        ms(times[0]),
        ms(times[1])
    );

    // ------------------------------------------------------------ portfolio
    println!("\n-- portfolio brief");
    let n = store
        .projects(&ProjectFilter {
            town_insee: Some(big_town.clone()),
            ..Default::default()
        })
        .unwrap()
        .len();
    let opts = BriefOptions::new(Lang::Fr, now());
    let (_, pdf) = bench(
        &format!("portfolio PDF of a town with {n} projects"),
        3,
        Some(Duration::from_secs(1)),
        || {
            bourgade_core::desk::briefs::portfolio_brief(
                &store,
                Some(&big_town),
                GroupBy::Stage,
                &opts,
            )
            .unwrap()
        },
    );
    println!("{:>52} ({:.0} KB)", "", pdf.len() as f64 / 1024.0);

    drop(store);
    // BOURGADE_SCALE_KEEP=FILE keeps the generated département for study.
    if let Some(keep) = std::env::var_os("BOURGADE_SCALE_KEEP") {
        std::fs::copy(&db, &keep).unwrap();
        println!("\nkept the database in {}", Path::new(&keep).display());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn rng_town(towns: &[String], i: usize) -> &str {
    &towns[(i * 7919) % towns.len()]
}

/// Times sqlite3's own `.import` of the rows Bourgade's import wrote
/// (read back from `imported`) into a copy of `template`: first the
/// project, theme and stage-event tables, then those plus the search index.
/// `.import` fills STRICT tables through a staging table (its empty fields
/// are text, not NULL), as a user of sqlite3 would.
fn sqlite3_import(
    dir: &Path,
    template: &Path,
    imported: &Path,
) -> Option<([Duration; 2], [Duration; 2])> {
    Command::new("sqlite3").arg("-version").output().ok()?;
    let tables = ["project", "project_theme", "stage_event"];
    let mut export = String::from(".headers on\n.mode csv\n");
    for t in tables {
        export.push_str(&format!(
            ".output {}\nSELECT * FROM {t};\n",
            dir.join(format!("{t}.csv")).display()
        ));
    }
    export.push_str(&format!(
        ".output {}\nSELECT e.id, i.title, i.body FROM search_entry e JOIN search_index i ON i.rowid = e.id WHERE e.kind = 'project';\n",
        dir.join("search.csv").display()
    ));
    export.push_str(&format!(
        ".output {}\nSELECT * FROM search_entry WHERE kind = 'project';\n",
        dir.join("search_entry.csv").display()
    ));
    run_sqlite3(imported, &export);

    let conn = rusqlite::Connection::open(template).unwrap();
    let fill = |t: &str| -> String {
        let cols: Vec<(String, bool)> = conn
            .prepare(&format!(
                "SELECT name, \"notnull\" FROM pragma_table_info('{t}')"
            ))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? == 1)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let select: Vec<String> = cols
            .iter()
            .map(|(c, not_null)| {
                if *not_null {
                    format!("\"{c}\"")
                } else {
                    format!("NULLIF(\"{c}\", '')")
                }
            })
            .collect();
        format!(
            ".import --csv {} staging_{t}\nINSERT INTO {t} SELECT {} FROM staging_{t};\n",
            dir.join(format!("{t}.csv")).display(),
            select.join(", ")
        )
    };
    let base: String = tables.iter().map(|t| fill(t)).collect();
    let fts = format!(
        "{}.import --csv {} staging_search\nINSERT INTO search_index (rowid, title, body) SELECT id, title, body FROM staging_search;\n",
        fill("search_entry"),
        dir.join("search.csv").display()
    );
    let time = |script: String| -> [Duration; 2] {
        let mut runs = Vec::new();
        for run in 0..3 {
            let target = dir.join(format!("sqlite3-{run}.sqlite"));
            std::fs::copy(template, &target).unwrap();
            let t = Instant::now();
            run_sqlite3(&target, &format!("BEGIN;\n{script}COMMIT;\n"));
            runs.push(t.elapsed());
        }
        runs.sort();
        [runs[0], runs[1]]
    };
    let a = time(base.clone());
    let b = time(base + &fts);
    Some((a, b))
}

fn run_sqlite3(db: &Path, script: &str) {
    use std::io::Write;
    let mut child = Command::new("sqlite3")
        .arg(db)
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && err.trim().is_empty(),
        "sqlite3 failed: {err}"
    );
}

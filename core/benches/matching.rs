//! Benchmark of the matching: 2,000 SSE actors and 50,000 projects spread
//! over real communes (hence real région, département and EPCI codes), a
//! seeded generator so that every run ranks the same data. Ranks the actors
//! (limit 10) and the solutions for every project and prints the time per
//! project: total, mean, median, p99, max. Target: under 1 ms per project.
//! Then the store-level call on the demo, which also reads the catalogue
//! from SQLite.
//!
//! Run: `cargo bench -p bourgade-core --bench matching`

use bourgade_core::matching::{self, ProjectContext, SuggestFilter};
use bourgade_core::model::{
    Actor, ActorKind, Commune, LegalForm, Scope, Service, Solution, Stage, Theme,
};
use bourgade_core::store::{ProjectFilter, Store};
use bourgade_core::testing::Rng;
use std::time::{Duration, Instant};

const ACTORS: usize = 2_000;
const PROJECTS: usize = 50_000;
const SOLUTIONS: usize = 500;
const LIMIT: usize = 10;

fn stages(r: &mut Rng, min: usize, max: usize) -> Vec<Stage> {
    let numbers: Vec<i64> = (0..=8).collect();
    let mut s: Vec<Stage> = r
        .some(&numbers, min, max)
        .into_iter()
        .map(|n| Stage::new(n).unwrap())
        .collect();
    s.sort();
    s
}

fn actors(r: &mut Rng, communes: &[Commune]) -> Vec<Actor> {
    let codes = |f: fn(&Commune) -> Option<&str>| {
        let mut v: Vec<String> = communes.iter().filter_map(f).map(str::to_owned).collect();
        v.sort();
        v.dedup();
        v
    };
    let regions = codes(|c| Some(&c.region));
    let deps = codes(|c| Some(&c.departement));
    let epcis = codes(|c| c.epci_code.as_deref());
    (0..ACTORS)
        .map(|i| {
            let roll = r.below(100);
            let (scope, territories) = match roll {
                0..=7 => (Scope::National, vec![]),
                8..=52 => (Scope::Regional, r.some(&as_strs(&regions), 1, 2)),
                53..=87 => (Scope::Departemental, r.some(&as_strs(&deps), 1, 3)),
                _ => (Scope::Local, r.some(&as_strs(&epcis), 1, 1)),
            };
            let themes = if r.below(10) < 3 {
                Theme::ALL.to_vec()
            } else {
                r.some(Theme::ALL, 1, 5)
            };
            Actor {
                id: format!("acteur-{i:04}"),
                name: format!("Acteur {}", r.below(1500)),
                kind: *r.pick(ActorKind::ALL),
                scope,
                territories: territories.into_iter().map(str::to_owned).collect(),
                themes,
                stages: stages(r, 1, 5),
                services: r.some(Service::ALL, 1, 3),
                legal_forms: r.some(LegalForm::ALL, 0, 2),
                description_fr: String::new(),
                description_en: String::new(),
                website: None,
                source: "bench".into(),
                verified_on: None,
                retired: false,
            }
        })
        .collect()
}

fn as_strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn solutions(r: &mut Rng, shipped: &[Solution]) -> Vec<Solution> {
    let mut out = shipped.to_vec();
    while out.len() < SOLUTIONS {
        let mut s = r.pick(shipped).clone();
        s.id = format!("solution-{}", out.len());
        s.title_fr = format!("Solution {}", r.below(400));
        s.themes = r.some(Theme::ALL, 1, 4);
        s.stages_useful = stages(r, 1, 4);
        if r.below(4) == 0 {
            s.population_max = Some(1_000 * (1 + r.below(20) as i64));
        }
        out.push(s);
    }
    out
}

fn contexts(r: &mut Rng, communes: &[Commune]) -> Vec<ProjectContext> {
    (0..PROJECTS)
        .map(|_| {
            let town = r.pick(communes).clone();
            let stage = Stage::new(r.below(9) as i64).unwrap();
            ProjectContext {
                themes: r.some(Theme::ALL, 1, 3),
                stage,
                town,
                legal_forms: r.some(LegalForm::ALL, 0, 2),
                services: matching::needed_services(stage).to_vec(),
            }
        })
        .collect()
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let total: Duration = times.iter().sum();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "{what}: {} projects in {:.2} s — per project: mean {:.1} µs, median {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        times.len(),
        total.as_secs_f64(),
        us(total) / times.len() as f64,
        us(at(0.5)),
        us(at(0.99)),
        us(*times.last().unwrap())
    );
}

fn main() {
    let t = Instant::now();
    let geo = bourgade_core::reference::geography().expect("shipped communes");
    let catalogue = bourgade_core::reference::catalogue().expect("shipped catalogue");
    let mut r = Rng(0xB0_0C_AD_E5);
    let actors = actors(&mut r, &geo.communes);
    let solutions = solutions(&mut r, &catalogue.solutions);
    let contexts = contexts(&mut r, &geo.communes);
    println!(
        "data: {} actors, {} solutions, {} projects over {} real communes (generated in {:.1} s)",
        actors.len(),
        solutions.len(),
        contexts.len(),
        geo.communes.len(),
        t.elapsed().as_secs_f64()
    );

    let filter = SuggestFilter {
        service: None,
        limit: Some(LIMIT),
    };
    let by_id: std::collections::HashMap<&str, &Actor> =
        actors.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut times = Vec::with_capacity(PROJECTS);
    let mut shown = 0usize;
    let mut outside = 0usize;
    for ctx in &contexts {
        let start = Instant::now();
        let got = matching::suggest_actors(ctx, &actors, &[], &filter);
        times.push(start.elapsed());
        shown += got.len();
        outside += got
            .iter()
            .filter(|s| !matching::actors::operates_in(by_id[s.actor_id.as_str()], &ctx.town))
            .count();
    }
    report("actors (2,000, top 10)", times);
    println!(
        "  {:.1} suggestions per project on average; {outside} outside the town's territory",
        shown as f64 / PROJECTS as f64
    );

    let mut times = Vec::with_capacity(PROJECTS);
    for ctx in &contexts {
        let start = Instant::now();
        let got = matching::suggest_solutions(ctx, &solutions, &[], &filter);
        times.push(start.elapsed());
        std::hint::black_box(got);
    }
    report("solutions (500, top 10)", times);

    // The whole path the window takes: read the project, its town and the
    // catalogue from SQLite, then rank.
    let mut store = Store::open_in_memory().expect("in-memory store");
    bourgade_core::desk::ensure_reference(&mut store).expect("reference data");
    bourgade_core::exchange::load_demo(&mut store, chrono::Utc::now()).expect("demo");
    let ids: Vec<i64> = store
        .projects(&ProjectFilter::default())
        .expect("projects")
        .iter()
        .map(|p| p.id)
        .collect();
    let mut times = Vec::new();
    for _ in 0..20 {
        for id in &ids {
            let start = Instant::now();
            let got = bourgade_core::desk::suggestions::suggest_actors(&store, *id, &filter)
                .expect("suggestions");
            times.push(start.elapsed());
            std::hint::black_box(got);
        }
    }
    report(
        "store-level actors on the demo (SQLite read included)",
        times,
    );
}

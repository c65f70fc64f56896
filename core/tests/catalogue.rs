//! The catalogue covers all of France (issue 15): every département has,
//! for each kind of regional support, an actor working there or a recorded
//! reason; matching never suggests an actor outside its territory; a
//! retail project at stage 2 finds a regional funder and a regional network
//! in every metropolitan région; catalogue updates keep the user's edits.

use bourgade_core::desk;
use bourgade_core::exchange::catalogue as bundle;
use bourgade_core::matching::{suggest_actors, ProjectContext, SuggestFilter};
use bourgade_core::model::{Actor, ActorKind, Commune, GeoIndex, Scope, Stage, Theme};
use bourgade_core::reference::{catalogue, geography};
use bourgade_core::store::Store;
use std::collections::{BTreeMap, BTreeSet};

/// The kinds of regional support every territory should have.
const CATEGORIES: [ActorKind; 5] = [
    ActorKind::Financer,
    ActorKind::Cress,
    ActorKind::CooperativeUnion,
    ActorKind::ThirdPlaceNetwork,
    ActorKind::FabriqueInitiatives,
];

const METROPOLITAN: [&str; 13] = [
    "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94",
];
const OVERSEAS: [&str; 5] = ["01", "02", "03", "04", "06"];

fn coverage_reasons() -> BTreeMap<String, BTreeMap<String, String>> {
    let raw: serde_json::Value =
        serde_json::from_str(include_str!("../../data/reference/coverage.json")).unwrap();
    assert_eq!(raw["version"], 1);
    serde_json::from_value(raw["reasons"].clone()).unwrap()
}

/// One commune per département: the most populous, as a town to test with.
fn one_commune_per_departement(communes: &[Commune]) -> BTreeMap<String, Commune> {
    let mut out: BTreeMap<String, Commune> = BTreeMap::new();
    for c in communes {
        let best = out
            .entry(c.departement.clone())
            .or_insert_with(|| c.clone());
        if c.population > best.population {
            *best = c.clone();
        }
    }
    out
}

#[test]
fn every_departement_has_each_kind_of_regional_support_or_a_recorded_reason() {
    let geo = geography().unwrap();
    let index = GeoIndex::from_communes(&geo.communes);
    let actors = catalogue().unwrap().actors;
    let reasons = coverage_reasons();
    let regions: BTreeSet<&str> = index.regions.keys().map(String::as_str).collect();
    let programme: BTreeSet<&str> = METROPOLITAN
        .iter()
        .chain(OVERSEAS.iter())
        .copied()
        .collect();
    assert!(
        regions.is_superset(&programme),
        "the 13 metropolitan and 5 overseas régions"
    );
    for key in reasons.keys() {
        let known = match key.strip_prefix("dep:") {
            Some(d) => index.departements.contains_key(d),
            None => index.regions.contains_key(key),
        };
        assert!(known, "coverage.json: {key} is a région code or dep:CODE");
    }
    let mut missing = Vec::new();
    // The départements of the 18 régions (the geography also lists the
    // overseas collectivities, outside this check).
    for (dep, (dep_name, region)) in &index.departements {
        if !programme.contains(region.as_str()) {
            continue;
        }
        for kind in CATEGORIES {
            let covered = actors.iter().any(|a| {
                a.kind == kind
                    && a.scope != Scope::National
                    && !a.retired
                    && index.works_in_departement(a, dep)
            });
            let reason = [format!("dep:{dep}"), region.clone()]
                .iter()
                .find_map(|k| reasons.get(k).and_then(|r| r.get(kind.as_str())))
                .cloned();
            if let Some(r) = &reason {
                assert!(
                    r.trim().len() > 20,
                    "{dep} {}: a reason says why",
                    kind.as_str()
                );
            }
            if !covered && reason.is_none() {
                missing.push(format!("{dep} {dep_name} ({region}): {}", kind.as_str()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no actor and no reason for:\n{}",
        missing.join("\n")
    );
    // Every CRESS is there: one per région, metropolitan and overseas.
    for r in programme {
        assert!(
            actors
                .iter()
                .any(|a| a.kind == ActorKind::Cress && a.territories.iter().any(|t| t == r)),
            "the CRESS of région {r}"
        );
    }
}

#[test]
fn the_shipped_catalogue_is_a_valid_bundle_with_dates_and_sources() {
    let geo = geography().unwrap();
    let index = GeoIndex::from_communes(&geo.communes);
    let b = bundle::shipped(None).unwrap();
    let text = bundle::to_json(&b);
    let read = bundle::read(text.as_bytes(), &index).unwrap_or_else(|e| {
        panic!("{}", e.message(bourgade_core::Lang::Fr));
    });
    assert_eq!(read.actors, b.actors);
    assert!(read.actors.iter().all(|a| a.verified_on.is_some()));
    assert!(read.schemes.iter().all(|s| s.verified_on.is_some()));
    for id in [
        "soliha",
        "anct",
        "ademe",
        "compagnons-batisseurs",
        "citiz",
        "monepi",
        "andes",
        "fncs",
        "laboratoire-mobilite-inclusive",
    ] {
        assert!(read.actors.iter().any(|a| a.id == id), "actor {id}");
    }
    for code in [
        "FRLA",
        "FDVA",
        "FABRIQUES_TERRITOIRE",
        "MANUFACTURES_PROXIMITE",
    ] {
        assert!(read.schemes.iter().any(|s| s.code == code), "scheme {code}");
    }
}

#[test]
fn partial_region_actors_work_only_in_their_departements() {
    let geo = geography().unwrap();
    let index = GeoIndex::from_communes(&geo.communes);
    let actors = catalogue().unwrap().actors;
    let by_id = |id: &str| actors.iter().find(|a| a.id == id).unwrap().clone();
    // France Active Bourgogne is not for Haute-Saône; Les Scop Ouest is not
    // for Vendée (issue 15's examples).
    let bourgogne = by_id("france-active-bourgogne");
    assert!(!index.works_in_departement(&bourgogne, "70"));
    assert!(index.works_in_departement(&bourgogne, "21"));
    let ouest = actors
        .iter()
        .find(|a| a.kind == ActorKind::CooperativeUnion && a.name.contains("Ouest"))
        .unwrap();
    assert!(
        !index.works_in_departement(ouest, "85"),
        "{:?}",
        ouest.territories
    );
    assert!(index.works_in_departement(ouest, "44"));
    assert_eq!(
        index.area_text(&bourgogne, bourgade_core::Lang::Fr),
        "Côte-d'Or, Nièvre, Saône-et-Loire, Yonne"
    );
}

/// A tiny deterministic generator (no dev-dependency).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn matching_never_suggests_an_actor_outside_its_territory_in_any_departement() {
    let geo = geography().unwrap();
    let index = GeoIndex::from_communes(&geo.communes);
    let towns = one_commune_per_departement(&geo.communes);
    let deps: Vec<&String> = towns.keys().collect();
    let regions: Vec<&String> = index.regions.keys().collect();
    let epcis: Vec<&String> = index.epcis.keys().collect();
    let shipped = catalogue().unwrap().actors;
    let mut r = Rng(0x5EED_0015);
    // The real catalogue plus random actors over every code of France.
    let mut actors = shipped.clone();
    for i in 0..300 {
        let mut a = shipped[r.below(shipped.len())].clone();
        a.id = format!("aleatoire-{i}");
        a.scope = [Scope::Regional, Scope::Departemental, Scope::Local][r.below(3)];
        a.territories = (0..1 + r.below(3))
            .map(|_| match a.scope {
                Scope::Regional => regions[r.below(regions.len())].clone(),
                Scope::Departemental => deps[r.below(deps.len())].clone(),
                _ => epcis[r.below(epcis.len())].clone(),
            })
            .collect();
        actors.push(a);
    }
    let all = SuggestFilter {
        service: None,
        limit: None,
    };
    let mut suggested = 0;
    for (dep, town) in &towns {
        for stage in [0, 2, 5, 7] {
            let ctx = ProjectContext {
                themes: vec![Theme::ALL[r.below(Theme::ALL.len())], Theme::Commerce],
                stage: Stage::new(stage).unwrap(),
                town: town.clone(),
                legal_forms: vec![],
                services: vec![],
            };
            for s in suggest_actors(&ctx, &actors, &[], &all) {
                let a: &Actor = actors.iter().find(|a| a.id == s.actor_id).unwrap();
                assert!(
                    index.works_in_departement(a, dep),
                    "{} ({:?} {:?}) suggested in {dep} ({})",
                    a.id,
                    a.scope,
                    a.territories,
                    town.name
                );
                suggested += 1;
            }
        }
    }
    assert!(suggested > 10_000, "{suggested} suggestions checked");
}

fn store_with_reference() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    desk::ensure_reference(&mut s).unwrap();
    s
}

#[test]
fn a_retail_project_at_stage_2_finds_a_regional_funder_and_network_in_every_metropolitan_region() {
    let geo = geography().unwrap();
    let index = GeoIndex::from_communes(&geo.communes);
    let actors = catalogue().unwrap().actors;
    let reasons = coverage_reasons();
    let mut failures = Vec::new();
    for region in METROPOLITAN {
        // A small town of the région (2,000 to 20,000 inhabitants, the first
        // by INSEE code) in a département a regional funder serves; where
        // none does, coverage.json says why (see the test above).
        let funded = |dep: &str| {
            actors.iter().any(|a| {
                a.kind == ActorKind::Financer
                    && a.scope != Scope::National
                    && index.works_in_departement(a, dep)
            })
        };
        let small = |c: &&Commune| {
            c.region == region && c.population.is_some_and(|p| (2_000..20_000).contains(&p))
        };
        let (town, expect_funder) = match geo
            .communes
            .iter()
            .filter(small)
            .find(|c| funded(&c.departement))
        {
            Some(c) => (c.clone(), true),
            None => {
                assert!(
                    reasons
                        .get(region)
                        .is_some_and(|r| r.contains_key("financer")),
                    "région {region} has no regional funder and no reason"
                );
                (geo.communes.iter().find(small).unwrap().clone(), false)
            }
        };
        let ctx = ProjectContext {
            themes: vec![Theme::Commerce],
            stage: Stage::new(2).unwrap(),
            town: town.clone(),
            legal_forms: vec![],
            services: vec![],
        };
        let top = suggest_actors(
            &ctx,
            &actors,
            &[],
            &SuggestFilter {
                service: None,
                limit: Some(10),
            },
        );
        let regional = |kinds: &[ActorKind]| {
            top.iter().any(|s| {
                let a = actors.iter().find(|a| a.id == s.actor_id).unwrap();
                a.scope != Scope::National
                    && kinds.contains(&a.kind)
                    && index.works_in_region(a, region)
            })
        };
        let names: Vec<&str> = top.iter().map(|s| s.name.as_str()).collect();
        if expect_funder && !regional(&[ActorKind::Financer]) {
            failures.push(format!(
                "{} ({region}): no regional funder among {names:?}",
                town.name
            ));
        }
        if !regional(&[
            ActorKind::Cress,
            ActorKind::CooperativeUnion,
            ActorKind::ThirdPlaceNetwork,
            ActorKind::FabriqueInitiatives,
            ActorKind::Network,
            ActorKind::Federation,
        ]) {
            failures.push(format!(
                "{} ({region}): no regional network among {names:?}",
                town.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn actors_list_by_departement_and_region_names_places_in_words() {
    let s = store_with_reference();
    let in_70 = desk::catalogue::actors(
        &s,
        &desk::catalogue::ActorQuery {
            departement: Some("70".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        in_70.iter().any(|a| a.actor.scope == Scope::National),
        "national ones included"
    );
    assert!(in_70
        .iter()
        .all(|a| a.actor_id != "france-active-bourgogne"));
    assert!(in_70.iter().any(|a| a.actor_id == "tiers-lieux-bfc"));
    let occitanie = desk::catalogue::actors(
        &s,
        &desk::catalogue::ActorQuery {
            region: Some("76".into()),
            kind: Some(ActorKind::Cress),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(occitanie.len(), 1);
    assert_eq!(occitanie[0].area_fr, "Occitanie");
    assert_eq!(occitanie[0].area.regions, vec!["76"]);
    assert!(occitanie[0].area.departements.is_empty());
    let json = serde_json::to_value(&occitanie[0]).unwrap();
    for key in [
        "actor_id",
        "name",
        "kind",
        "scope",
        "regions",
        "departements",
    ] {
        assert!(json.get(key).is_some(), "{key} in {json}");
    }
    let err = desk::catalogue::actors(
        &s,
        &desk::catalogue::ActorQuery {
            departement: Some("99".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(err
        .message(bourgade_core::Lang::Fr)
        .contains("« 99 » n'est pas un code de département"));
}

#[test]
fn an_update_applied_twice_changes_nothing_the_second_time_and_keeps_the_users_edits() {
    let dir = std::env::temp_dir().join(format!("bourgade-catalogue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut s = store_with_reference();
    // The user edits a shipped actor and adds one of their own.
    let mut edited = s
        .actors()
        .unwrap()
        .into_iter()
        .find(|a| a.id == "cress-bretagne")
        .unwrap();
    edited.description_fr = "Contact pris au forum de l'ESS, voir le compte rendu.".into();
    s.save_actor(&edited).unwrap();
    let mut mine = edited.clone();
    mine.id = "ressourcerie-locale".into();
    mine.name = "Ressourcerie locale".into();
    mine.kind = ActorKind::Local;
    mine.verified_on = None;
    s.save_actor(&mine).unwrap();

    // A newer catalogue: one actor changed, one added, one gone, and the
    // edited actor changed too.
    let mut b = bundle::shipped(None).unwrap();
    b.catalogue_version = Some(b.catalogue_version.unwrap() + 1);
    let gone = b.actors.remove(0);
    for a in &mut b.actors {
        if a.id == "cress-bretagne" || a.id == "avise" {
            a.description_fr.push_str(" (mis à jour)");
        }
    }
    let mut added = b.actors[0].clone();
    added.id = "reseau-nouveau".into();
    added.name = "Réseau nouveau".into();
    b.actors.push(added);
    let file = dir.join("catalogue.json");
    std::fs::write(&file, bundle::to_json(&b)).unwrap();

    let dry = desk::catalogue::update_catalogue(&mut s, &file, true).unwrap();
    assert_eq!(ids(&dry.added), vec!["reseau-nouveau"]);
    assert_eq!(ids(&dry.changed), vec!["avise"]);
    assert_eq!(ids(&dry.retired), vec![gone.id.as_str()]);
    assert_eq!(ids(&dry.kept_user), vec!["cress-bretagne"]);
    assert!(
        s.actors().unwrap().iter().all(|a| a.id != "reseau-nouveau"),
        "a dry run writes nothing"
    );
    let first = desk::catalogue::update_catalogue(&mut s, &file, false).unwrap();
    assert_eq!(first.added, dry.added);
    assert_eq!(first.catalogue_version, b.catalogue_version);
    let second = desk::catalogue::update_catalogue(&mut s, &file, false).unwrap();
    assert!(
        second.added.is_empty() && second.changed.is_empty() && second.retired.is_empty(),
        "the same file again changes nothing: {second:?}"
    );
    let stored = s.actors().unwrap();
    let get = |id: &str| stored.iter().find(|a| a.id == id).unwrap();
    assert_eq!(
        get("cress-bretagne").description_fr,
        edited.description_fr,
        "the edit survives"
    );
    assert_eq!(
        get("ressourcerie-locale"),
        &mine,
        "the user's own actor untouched"
    );
    assert!(get(&gone.id).retired, "retired, not deleted");
    std::fs::remove_dir_all(&dir).ok();
}

fn ids(v: &[bourgade_core::store::EntryRef]) -> Vec<&str> {
    v.iter().map(|e| e.id.as_str()).collect()
}

#[test]
fn a_bad_bundle_is_refused_entry_by_entry_in_french_and_changes_nothing() {
    let dir = std::env::temp_dir().join(format!("bourgade-bad-catalogue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut s = store_with_reference();
    let before = s.actors().unwrap();
    let file = dir.join("mauvais.json");
    std::fs::write(
        &file,
        r#"{
  "format": "bourgade-catalogue",
  "format_version": 1,
  "publisher": "Réseau fictif",
  "actors": [
    {"id": "bon", "name": "Bon réseau", "kind": "network", "scope": "regional", "territories": ["53"],
     "source": "site public", "verified_on": "2026-12-01"},
    {"id": "sans-date", "name": "Réseau sans date", "kind": "network", "scope": "departemental",
     "territories": ["99"], "source": "", "description_fr": "Appelez le 01 99 00 12 34"},
    {"id": "Mauvais Id", "name": "", "kind": "inconnu", "scope": "national"}
  ]
}"#,
    )
    .unwrap();
    let err = desk::catalogue::update_catalogue(&mut s, &file, false).unwrap_err();
    let msg = err.message(bourgade_core::Lang::Fr);
    for part in [
        "Ligne 8 : Acteur n° 2 (sans-date) : la date de vérification (verified_on, AAAA-MM-JJ) manque",
        "Acteur n° 2 (sans-date) : la source publique (source) manque",
        "Acteur n° 2 (sans-date) : « 99 » n'est pas un code de département",
        "Acteur n° 2 (sans-date) : le champ description_fr contient une donnée personnelle (numéro de téléphone)",
        "Ligne 10 : Acteur n° 3 :",
    ] {
        assert!(msg.contains(part), "{part}\nin:\n{msg}");
    }
    assert_eq!(s.actors().unwrap(), before, "nothing changed");
    std::fs::write(
        &file,
        r#"{"format": "bourgade-export", "format_version": 1}"#,
    )
    .unwrap();
    let err = desk::catalogue::update_catalogue(&mut s, &file, false).unwrap_err();
    assert!(err
        .message(bourgade_core::Lang::Fr)
        .contains("ce fichier n'est pas un catalogue Bourgade"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_older_whole_catalogue_or_an_unknown_retirement_is_refused_and_changes_nothing() {
    let dir = std::env::temp_dir().join(format!("bourgade-old-catalogue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut s = store_with_reference();
    let before = s.actors().unwrap();
    let file = dir.join("ancien.json");
    let mut b = bundle::shipped(None).unwrap();
    b.catalogue_version = Some(b.catalogue_version.unwrap() - 1);
    b.actors.truncate(3);
    std::fs::write(&file, bundle::to_json(&b)).unwrap();
    let err = desk::catalogue::update_catalogue(&mut s, &file, false).unwrap_err();
    assert!(
        err.message(bourgade_core::Lang::Fr)
            .contains("est plus ancien que celui de la base"),
        "{}",
        err.message(bourgade_core::Lang::Fr)
    );
    assert_eq!(s.actors().unwrap(), before, "nothing retired");

    // A partial file retiring an id the database does not hold.
    std::fs::write(
        &file,
        r#"{"format": "bourgade-catalogue", "format_version": 1, "publisher": "Réseau fictif",
            "retired": [{"kind": "actor", "id": "inconnu-au-bataillon"}]}"#,
    )
    .unwrap();
    let err = desk::catalogue::update_catalogue(&mut s, &file, false).unwrap_err();
    assert!(err
        .message(bourgade_core::Lang::Fr)
        .contains("« inconnu-au-bataillon » n'est pas dans le catalogue de la base"));
    // A file both listing and retiring an entry, or retiring a solution.
    let mut b = bundle::shipped(None).unwrap();
    b.complete = false;
    b.actors.truncate(1);
    b.retired = vec![
        bundle::Retirement {
            kind: bourgade_core::store::EntryKind::Actor,
            id: b.actors[0].id.clone(),
        },
        bundle::Retirement {
            kind: bourgade_core::store::EntryKind::Solution,
            id: "x".into(),
        },
    ];
    std::fs::write(&file, bundle::to_json(&b)).unwrap();
    let msg = desk::catalogue::update_catalogue(&mut s, &file, false)
        .unwrap_err()
        .message(bourgade_core::Lang::Fr);
    assert!(msg.contains("le fichier liste aussi cette entrée"), "{msg}");
    assert!(msg.contains("une solution reste au catalogue"), "{msg}");
    assert_eq!(s.actors().unwrap(), before);

    // A newer whole file does not stop the shipped catalogue from loading:
    // the shipped version is kept apart.
    let mut newer = bundle::shipped(None).unwrap();
    newer.catalogue_version = Some(99);
    std::fs::write(&file, bundle::to_json(&newer)).unwrap();
    let r = desk::catalogue::update_catalogue(&mut s, &file, false).unwrap();
    assert_eq!(r.catalogue_version, Some(99));
    assert_eq!(
        s.meta("catalogue_version").unwrap(),
        Some(catalogue().unwrap().version.to_string()),
        "the shipped catalogue's own version, which decides whether a later release's catalogue loads"
    );
    assert_eq!(
        s.catalogue_status().unwrap().catalogue_version,
        Some(99),
        "the newest, shown in Settings"
    );
    std::fs::remove_dir_all(&dir).ok();
}

//! Matching on the real shipped catalogue and the demo town (Carhaix-Plouguer,
//! Finistère, Bretagne): who can help each demo project, through the public API.

use bourgade_core::desk;
use bourgade_core::matching::{ActorSuggestion, SuggestFilter};
use bourgade_core::model::{Actor, Scope};
use bourgade_core::store::{ProjectFilter, Store};

use bourgade_core::testing::demo_store;

/// The demo project whose title starts with `title`.
fn project_id(s: &Store, title: &str) -> i64 {
    s.projects(&ProjectFilter::default())
        .expect("project list")
        .into_iter()
        .find(|p| p.title.starts_with(title))
        .unwrap_or_else(|| panic!("the demo has a project « {title}… »"))
        .id
}

fn actor<'a>(all: &'a [Actor], id: &str) -> &'a Actor {
    all.iter()
        .find(|a| a.id == id)
        .expect("suggested actors exist")
}

fn everything() -> SuggestFilter {
    SuggestFilter::default()
}

#[test]
fn the_demo_third_place_gets_breton_actors_and_france_tiers_lieux_and_no_other_region() {
    let s = demo_store();
    let all = s.actors().unwrap();
    let id = project_id(&s, "Tiers-lieu de l'ancienne école");
    let got = desk::suggestions::suggest_actors(&s, id, &everything()).unwrap();
    let linked: Vec<&str> = got
        .iter()
        .filter(|g| g.already_linked)
        .map(|g| g.actor_id.as_str())
        .collect();
    for id in [
        "bretagne-tiers-lieux",
        "france-tiers-lieux",
        "les-scop-ouest",
    ] {
        assert!(
            linked.contains(&id),
            "{id} is linked in the demo, so shown flagged: {linked:?}"
        );
    }
    assert!(
        got.iter()
            .any(|g| !g.already_linked && g.actor_id == "france-active-bretagne"),
        "the Breton regional financer is suggested"
    );
    for g in &got {
        let a = actor(&all, &g.actor_id);
        assert!(
            a.scope == Scope::National || g.area.regions.iter().any(|r| r == "53"),
            "{} operates in Bretagne or nationally",
            a.id
        );
        if a.id.starts_with("cress-") {
            assert_eq!(a.id, "cress-bretagne", "no CRESS of another region");
        }
    }
}

#[test]
fn every_demo_project_gets_in_territory_deterministic_suggestions_that_can_be_read() {
    let s = demo_store();
    let all = s.actors().unwrap();
    let filter = SuggestFilter {
        service: None,
        limit: Some(10),
    };
    for p in s.projects(&ProjectFilter::default()).unwrap() {
        let got = desk::suggestions::suggest_actors(&s, p.id, &filter).unwrap();
        assert_eq!(
            desk::suggestions::suggest_actors(&s, p.id, &filter).unwrap(),
            got,
            "{}: same data, same ranking",
            p.title
        );
        let fresh: Vec<&ActorSuggestion> = got.iter().filter(|g| !g.already_linked).collect();
        assert!(
            !fresh.is_empty() && fresh.len() <= 10,
            "{}: between 1 and 10 new suggestions",
            p.title
        );
        for pair in fresh.windows(2) {
            assert!(pair[0].score >= pair[1].score, "{}: best first", p.title);
        }
        for g in &got {
            let a = actor(&all, &g.actor_id);
            assert!(
                g.already_linked
                    || a.scope == Scope::National
                    || g.area.regions.iter().any(|r| r == "53"),
                "{}: {} is outside Bretagne",
                p.title,
                a.id
            );
            assert!(
                g.reasons
                    .iter()
                    .all(|r| !r.fr.is_empty() && !r.en.is_empty()),
                "{}: every reason in both languages",
                p.title
            );
        }
        let solutions = desk::suggestions::suggest_solutions(&s, p.id, &filter).unwrap();
        assert_eq!(
            desk::suggestions::suggest_solutions(&s, p.id, &filter).unwrap(),
            solutions,
            "{}: solutions ranked the same twice",
            p.title
        );
    }
}

#[test]
fn the_demo_ressourcerie_at_funding_stage_is_offered_financers_first() {
    let s = demo_store();
    let all = s.actors().unwrap();
    let id = project_id(&s, "Ressourcerie et atelier");
    let got = desk::suggestions::suggest_actors(
        &s,
        id,
        &SuggestFilter {
            service: None,
            limit: Some(5),
        },
    )
    .unwrap();
    for g in got.iter().filter(|g| !g.already_linked) {
        assert_eq!(
            actor(&all, &g.actor_id).kind,
            bourgade_core::model::ActorKind::Financer,
            "at stage 5, the five first new suggestions finance: {:?}",
            got.iter().map(|g| &g.actor_id).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_demo_cafe_at_an_early_stage_draws_on_plouhinec_first() {
    let s = demo_store();
    let id = project_id(&s, "Café culturel associatif");
    let got = desk::suggestions::suggest_solutions(&s, id, &everything()).unwrap();
    assert_eq!(
        got[0].solution_id,
        "ateliers-jean-moulin-plouhinec",
        "third place and culture, example in the same département: {:?}",
        got.iter().map(|g| &g.solution_id).collect::<Vec<_>>()
    );
    assert!(
        got[0]
            .reasons
            .iter()
            .any(|r| r.fr == "exemple dans le même département : Plouhinec"),
        "{:?}",
        got[0].reasons
    );
}

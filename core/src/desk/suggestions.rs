//! Suggestions for one stored project: loads its context (the project, its
//! town's commune with région, département and EPCI, its links) and the
//! catalogue once, then calls the pure ranking of [`crate::matching`].

use crate::error::{Error, Problem, Result};
use crate::matching::{self, ActorSuggestion, ProjectContext, SolutionSuggestion, SuggestFilter};
use crate::model::{ProjectDetail, Solution};
use crate::store::Store;
use chrono::NaiveDate;

/// A project with its lines and its ranking context (themes, stage, town,
/// legal forms named in its texts, services its stage needs).
pub fn project_context(store: &Store, project_id: i64) -> Result<(ProjectDetail, ProjectContext)> {
    let detail = store.project_detail(project_id)?;
    let town = store.commune_of(&detail.project.fields.town_insee)?;
    let ctx = ProjectContext::of_project(&detail.project.fields, town);
    Ok((detail, ctx))
}

/// The SSE actors who can help this project now, best first, then the
/// actors already linked to it (flagged).
pub fn suggest_actors(
    store: &Store,
    project_id: i64,
    filter: &SuggestFilter,
) -> Result<Vec<ActorSuggestion>> {
    let (detail, ctx) = project_context(store, project_id)?;
    let linked: Vec<String> = detail
        .lines
        .actors
        .iter()
        .map(|l| l.actor_id.clone())
        .collect();
    let actors = store.actors()?;
    let mut found = matching::suggest_actors(&ctx, &actors, &linked, filter);
    // Only the EPCI of local actors among the suggestions are looked up.
    let local: Vec<&str> = found
        .iter()
        .filter_map(|s| actors.iter().find(|a| a.id == s.actor_id))
        .filter(|a| a.scope == crate::model::Scope::Local)
        .flat_map(|a| a.territories.iter().map(String::as_str))
        .collect();
    let geo = store.geo_index_with(Some(&local))?;
    for s in &mut found {
        if let Some(a) = actors.iter().find(|a| a.id == s.actor_id) {
            s.area = geo.area(a);
        }
    }
    Ok(found)
}

/// The inspiring solutions for this project, best first, then those it
/// already draws on (flagged). A solution recorded from this very project
/// is left out: it cannot inspire itself.
pub fn suggest_solutions(
    store: &Store,
    project_id: i64,
    filter: &SuggestFilter,
) -> Result<Vec<SolutionSuggestion>> {
    let (detail, ctx) = project_context(store, project_id)?;
    let own = matching::solution_id_for(&detail.project.fields, &ctx.town);
    let linked: Vec<String> = detail
        .lines
        .solutions
        .iter()
        .map(|l| l.solution_id.clone())
        .collect();
    let mut solutions = store.solutions()?;
    solutions.retain(|s| s.id != own || linked.contains(&s.id));
    Ok(matching::suggest_solutions(
        &ctx, &solutions, &linked, filter,
    ))
}

/// Records a project that has opened (stage 7 or 8) as a new inspiring
/// solution, the user's own, searchable; recording it again replaces it.
/// Refused before stage 7, and when a shipped solution has the same id.
pub fn record_solution_from_project(
    store: &mut Store,
    project_id: i64,
    today: NaiveDate,
) -> Result<Solution> {
    let (detail, ctx) = project_context(store, project_id)?;
    let solution = matching::solution_from_project(&detail, &ctx.town, today)?;
    if store.solution_origin(&solution.id)?.as_deref() == Some("catalogue") {
        return Err(Error::invalid(Problem::new(
            "id",
            format!(
                "Identifiant de la solution : « {} » est déjà celui d'une solution du catalogue ; changez le titre du projet avant de l'enregistrer",
                solution.id
            ),
            format!(
                "Solution id: \"{}\" already belongs to a catalogue solution; change the project's title before recording it",
                solution.id
            ),
        )));
    }
    store.save_solution(&solution)?;
    Ok(solution)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::SuggestFilter;
    use crate::model::*;
    use crate::store::{testing, StageMove};
    use chrono::{NaiveDate, TimeZone, Utc};

    fn now() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn project(s: &mut Store, insee: &str, title: &str, themes: &[Theme], stage: i64) -> i64 {
        s.add_town(insee, now()).unwrap();
        s.create_project(
            ProjectFields {
                town_insee: insee.into(),
                title: title.into(),
                themes: themes.to_vec(),
                stage: Stage::new(stage).unwrap(),
                ..Default::default()
            },
            now(),
        )
        .unwrap()
        .id
    }

    #[test]
    fn a_breton_third_place_gets_breton_and_national_actors_only() {
        let mut s = testing::store();
        let id = project(&mut s, "29024", "Tiers-lieu", &[Theme::ThirdPlaces], 1);
        let got = suggest_actors(&s, id, &SuggestFilter::default()).unwrap();
        let all = s.actors().unwrap();
        let ids: Vec<&str> = got.iter().map(|x| x.actor_id.as_str()).collect();
        for want in ["bretagne-tiers-lieux", "tag-bzh", "france-tiers-lieux"] {
            assert!(
                ids[..5].contains(&want),
                "{want} among the first five: {ids:?}"
            );
        }
        for g in &got {
            let a = all.iter().find(|a| a.id == g.actor_id).unwrap();
            assert!(
                a.scope == Scope::National || g.area.regions.iter().any(|r| r == "53"),
                "{} operates in Bretagne or nationally",
                a.id
            );
        }
    }

    #[test]
    fn linked_actors_are_flagged_and_the_filter_reaches_the_ranking() {
        let mut s = testing::store();
        let id = project(
            &mut s,
            "29024",
            "Ressourcerie",
            &[Theme::CircularEconomy],
            5,
        );
        let mut lines = s.project_detail(id).unwrap().lines;
        lines.actors.push(ActorLink {
            actor_id: "france-active-bretagne".into(),
            role: String::new(),
            contact_status: ContactStatus::Contacted,
            note: String::new(),
        });
        s.save_project_lines(id, lines, now()).unwrap();
        let filter = SuggestFilter {
            service: Some(Service::Financing),
            limit: Some(3),
        };
        let got = suggest_actors(&s, id, &filter).unwrap();
        assert_eq!(
            got.len(),
            4,
            "three suggestions plus the linked actor: {got:?}"
        );
        assert_eq!(
            (got[3].actor_id.as_str(), got[3].already_linked),
            ("france-active-bretagne", true),
            "the linked actor comes last, flagged"
        );
        assert!(
            got.iter().all(|g| g.services.contains(&Service::Financing)),
            "only financers"
        );
    }

    #[test]
    fn an_unknown_project_is_not_found() {
        let s = testing::store();
        let e = suggest_actors(&s, 99, &SuggestFilter::default()).unwrap_err();
        assert_eq!(e.code(), "not_found", "{}", e.message(crate::Lang::Fr));
    }

    #[test]
    fn a_finished_project_is_recorded_as_a_searchable_solution_that_inspires_others() {
        let mut s = testing::store();
        let id = project(&mut s, "29024", "Conserverie solidaire", &[Theme::Food], 6);
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let e = record_solution_from_project(&mut s, id, today).unwrap_err();
        assert!(
            e.message(crate::Lang::Fr).contains("à partir de l'étape 7"),
            "refused before opening: {}",
            e.message(crate::Lang::Fr)
        );
        assert!(
            s.solutions()
                .unwrap()
                .iter()
                .all(|x| !x.id.contains("conserverie")),
            "nothing written when refused"
        );
        s.move_stage(
            id,
            StageMove {
                to: Stage::new(7).unwrap(),
                date: today,
                author: String::new(),
                note: String::new(),
            },
            now(),
        )
        .unwrap();
        let recorded = record_solution_from_project(&mut s, id, today).unwrap();
        assert_eq!(recorded.id, "carhaix-plouguer-conserverie-solidaire");
        let again = record_solution_from_project(&mut s, id, today).unwrap();
        assert_eq!(again, recorded, "recording twice replaces, no copy");
        let stored: Vec<Solution> = s
            .solutions()
            .unwrap()
            .into_iter()
            .filter(|x| x.id == recorded.id)
            .collect();
        assert_eq!(
            stored,
            std::slice::from_ref(&recorded),
            "stored once, as recorded"
        );
        let origin: (String, i64) = s
            .connection()
            .query_row(
                "SELECT origin, user_edited FROM solution WHERE id = ?1",
                [&recorded.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            origin,
            ("user".into(), 1),
            "the user's own: never overwritten by a catalogue update"
        );
        let hits = s.search("conserverie", 10).unwrap();
        assert!(
            hits.iter().any(|h| h.reference == recorded.id),
            "indexed in search: {hits:?}"
        );

        let other = project(
            &mut s,
            "29197",
            "Conserverie de Plouhinec",
            &[Theme::Food],
            1,
        );
        let got = suggest_solutions(&s, other, &SuggestFilter::default()).unwrap();
        let mine = got
            .iter()
            .find(|x| x.solution_id == recorded.id)
            .expect("inspires another project");
        assert!(
            mine.reasons
                .iter()
                .any(|r| r.fr == "exemple dans le même département : Carhaix-Plouguer"),
            "{:?}",
            mine.reasons
        );
        let own = suggest_solutions(&s, id, &SuggestFilter::default()).unwrap();
        assert!(
            own.iter().all(|x| x.solution_id != recorded.id),
            "a project is not its own inspiration"
        );
    }
}

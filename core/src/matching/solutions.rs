//! Ranking inspiring solutions for a project, and recording a new one from a
//! project that has opened.
//!
//! A solution is suggested when it shares at least one of the project's
//! themes (a solution without themes is not excluded). Its score adds the
//! shared themes, the stage it is useful at, the town size it was designed
//! for, a shared legal form, and an example close by.

use super::{keep_best, label_in_text, rank, stage_label, thousands_fr, Reason, ReasonCode};
use super::{likely_legal_forms, ProjectContext, SuggestFilter};
use crate::error::{Error, Problem, Result};
use crate::model::{Commune, LegalForm, ProjectDetail, ProjectFields, Solution, Stage, Theme};
use crate::text::fold;
use crate::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Points of each part of a solution's score.
pub mod points {
    /// Per theme shared with the project.
    pub const THEME: u32 = 10;
    /// Useful at the project's stage.
    pub const STAGE: u32 = 8;
    /// Designed for towns of this size.
    pub const POPULATION: u32 = 6;
    /// Uses a legal form the project considers.
    pub const LEGAL_FORM: u32 = 6;
    /// Its example is in the town or its département.
    pub const NEARBY: u32 = 4;
}

/// The first stage at which a project has proved itself and can inspire
/// others (launch / operation).
pub const RECORDABLE_FROM: u8 = 7;

/// One solution suggested for a project, with its score and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SolutionSuggestion {
    pub solution_id: String,
    pub title_fr: String,
    pub title_en: String,
    /// The town that did it, when the solution is a documented example.
    pub example_town: Option<String>,
    /// Sum of the reasons' points; higher is more relevant.
    pub score: u32,
    /// Why, in French and English (themes, stage, town size, legal form,
    /// nearby example).
    pub reasons: Vec<Reason>,
    /// True for a solution the project already draws on.
    pub already_linked: bool,
}

/// Ranks `solutions` for the project of `ctx`: new suggestions first (best
/// score first, ties by title, at most `filter.limit`; `filter.service` does
/// not apply to solutions), then the solutions of `linked` found in the list.
pub fn suggest_solutions(
    ctx: &ProjectContext,
    solutions: &[Solution],
    linked: &[String],
    filter: &SuggestFilter,
) -> Vec<SolutionSuggestion> {
    let mut fresh = Vec::new();
    let mut mine = Vec::new();
    for (i, s) in solutions.iter().enumerate() {
        let is_linked = linked.contains(&s.id);
        let Some(fit) = fit(s, ctx, is_linked) else {
            continue;
        };
        let score = fit.score();
        if is_linked {
            mine.push((score, i, fit));
        } else if score > 0 {
            fresh.push((score, i, fit));
        }
    }
    keep_best(&mut fresh, filter.limit, |x| x.0);
    let title =
        |x: &(u32, usize, Fit)| (solutions[x.1].title_fr.as_str(), solutions[x.1].id.as_str());
    rank(&mut fresh, |x| x.0, title);
    if let Some(k) = filter.limit {
        fresh.truncate(k);
    }
    rank(&mut mine, |x| x.0, title);
    fresh
        .into_iter()
        .map(|x| (x, false))
        .chain(mine.into_iter().map(|x| (x, true)))
        .map(|((score, i, fit), already_linked)| {
            let s = &solutions[i];
            SolutionSuggestion {
                solution_id: s.id.clone(),
                title_fr: s.title_fr.clone(),
                title_en: s.title_en.clone(),
                example_town: s.example_town.clone(),
                score,
                reasons: fit.reasons(s, ctx),
                already_linked,
            }
        })
        .collect()
}

/// How one solution fits the project; the score and the reasons both derive
/// from it, so that they always agree, and the reasons' texts are only
/// written for the solutions kept.
#[derive(Debug, Clone, Copy)]
struct Fit {
    /// Project themes the solution shares.
    themes: u16,
    stage: bool,
    /// `Some(true)` inside the solution's town size band, `Some(false)`
    /// outside, `None` when either size is unknown.
    band: Option<bool>,
    legal_form: Option<LegalForm>,
    nearby: Nearby,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nearby {
    No,
    SameTown,
    SameDepartement,
}

fn theme_mask(themes: &[Theme]) -> u16 {
    themes.iter().fold(0, |m, t| m | 1 << (*t as u16))
}

/// `None` when the solution shares none of the project's themes (a linked
/// solution is always kept).
fn fit(s: &Solution, ctx: &ProjectContext, linked: bool) -> Option<Fit> {
    let project = theme_mask(&ctx.themes);
    let own = theme_mask(&s.themes);
    let themes = project & own;
    if themes == 0 && own != 0 && project != 0 && !linked {
        return None;
    }
    let town = &ctx.town;
    let nearby = match s.example_insee.as_deref() {
        Some(insee) if insee == town.insee => Nearby::SameTown,
        // An INSEE code begins with its département's code (29, 2A, 971).
        Some(insee) if !town.departement.is_empty() && insee.starts_with(&town.departement) => {
            Nearby::SameDepartement
        }
        _ => Nearby::No,
    };
    // A minimum of 0 says nothing about size.
    let min = s.population_min.filter(|m| *m > 0);
    let band = match (ctx.town.population, min, s.population_max) {
        (None, _, _) | (_, None, None) => None,
        (Some(p), min, max) => Some(min.is_none_or(|m| p >= m) && max.is_none_or(|m| p <= m)),
    };
    Some(Fit {
        themes,
        stage: s.stages_useful.contains(&ctx.stage),
        band,
        legal_form: ctx
            .legal_forms
            .iter()
            .copied()
            .find(|f| s.legal_forms.contains(f)),
        nearby,
    })
}

impl Fit {
    fn score(&self) -> u32 {
        self.themes.count_ones() * points::THEME
            + if self.stage { points::STAGE } else { 0 }
            + if self.band == Some(true) {
                points::POPULATION
            } else {
                0
            }
            + if self.legal_form.is_some() {
                points::LEGAL_FORM
            } else {
                0
            }
            + if self.nearby == Nearby::No {
                0
            } else {
                points::NEARBY
            }
    }

    /// The reasons, whose points add up to [`Fit::score`].
    fn reasons(&self, s: &Solution, ctx: &ProjectContext) -> Vec<Reason> {
        let mut out = Vec::with_capacity(5);
        if self.themes != 0 {
            let mut shared: Vec<Theme> = Vec::new();
            for t in &ctx.themes {
                if self.themes & (1 << (*t as u16)) != 0 && !shared.contains(t) {
                    shared.push(*t);
                }
            }
            let list = |lang| {
                shared
                    .iter()
                    .map(|t| label_in_text("themes", t.as_str(), lang))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let plural = shared.len() > 1;
            out.push(Reason::new(
                ReasonCode::Theme,
                self.themes.count_ones() * points::THEME,
                format!(
                    "{} : {}",
                    if plural { "thèmes" } else { "thème" },
                    list(Lang::Fr)
                ),
                format!(
                    "{}: {}",
                    if plural { "themes" } else { "theme" },
                    list(Lang::En)
                ),
            ));
        }
        if self.stage {
            let (fr, en) = stage_label(ctx.stage);
            out.push(Reason::new(
                ReasonCode::Stage,
                points::STAGE,
                format!("utile à l'étape «\u{a0}{fr}\u{a0}»"),
                format!("useful at the \"{en}\" stage"),
            ));
        }
        if let (Some(inside), Some(p)) = (self.band, ctx.town.population) {
            out.push(population_reason(s, p, inside));
        }
        if let Some(form) = self.legal_form {
            out.push(Reason::new(
                ReasonCode::LegalForm,
                points::LEGAL_FORM,
                format!(
                    "forme juridique : {}",
                    label_in_text("legal_forms", form.as_str(), Lang::Fr)
                ),
                format!(
                    "legal form: {}",
                    crate::reference::taxonomy().label("legal_forms", form.as_str(), Lang::En)
                ),
            ));
        }
        let name = s
            .example_town
            .as_deref()
            .or(s.example_insee.as_deref())
            .unwrap_or_default();
        match self.nearby {
            Nearby::SameTown => out.push(Reason::new(
                ReasonCode::Territory,
                points::NEARBY,
                "exemple dans la commune même".into(),
                "example in this very town".into(),
            )),
            Nearby::SameDepartement => out.push(Reason::new(
                ReasonCode::Territory,
                points::NEARBY,
                format!("exemple dans le même département : {name}"),
                format!("example in the same département: {name}"),
            )),
            Nearby::No => {}
        }
        out
    }
}

/// Inside the band: points. Outside: a remark for no points, so that the
/// manager sees the solution was designed for another size of town.
fn population_reason(s: &Solution, p: i64, inside: bool) -> Reason {
    let (fr, en) = match (s.population_min.filter(|m| *m > 0), s.population_max) {
        (None, Some(max)) => (
            format!(
                "pensée pour les communes de moins de {} habitants",
                thousands_fr(max)
            ),
            format!("designed for towns under {} inhabitants", thousands_en(max)),
        ),
        (Some(min), None) => (
            format!(
                "pensée pour les communes de plus de {} habitants",
                thousands_fr(min)
            ),
            format!("designed for towns over {} inhabitants", thousands_en(min)),
        ),
        (Some(min), Some(max)) => (
            format!(
                "pensée pour les communes de {} à {} habitants",
                thousands_fr(min),
                thousands_fr(max)
            ),
            format!(
                "designed for towns of {} to {} inhabitants",
                thousands_en(min),
                thousands_en(max)
            ),
        ),
        (None, None) => (
            "pensée pour les communes de toute taille".to_owned(),
            "designed for towns of any size".to_owned(),
        ),
    };
    if inside {
        Reason::new(ReasonCode::Population, points::POPULATION, fr, en)
    } else {
        Reason::new(
            ReasonCode::Population,
            0,
            format!("{fr} (la commune en compte {})", thousands_fr(p)),
            format!("{en} (this town has {})", thousands_en(p)),
        )
    }
}

fn thousands_en(n: i64) -> String {
    thousands_fr(n).replace('\u{202f}', ",")
}

/// The id a solution recorded from this project gets: the town's and the
/// title's words, e.g. `carhaix-plouguer-epicerie-participative-du-centre-ville`.
/// Recording the same project again replaces that solution.
pub fn solution_id_for(fields: &ProjectFields, town: &Commune) -> String {
    let mut id = slug(&town.name);
    let title = slug(&fields.title);
    id.push('-');
    id.push_str(if title.is_empty() { "projet" } else { &title });
    if id.len() > 80 {
        let cut = id[..80].rfind('-').unwrap_or(80);
        id.truncate(cut);
    }
    id
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// A new solution drawn from a project that has opened (stage 7 or 8) in
/// `town`: its title, summary, themes, the legal forms its texts name, the
/// town as the example, and a few facts. Refused before stage 7: a project
/// inspires others once it has proved itself. `today` dates the source.
pub fn solution_from_project(
    detail: &ProjectDetail,
    town: &Commune,
    today: NaiveDate,
) -> Result<Solution> {
    let p = &detail.project;
    let f = &p.fields;
    if f.stage.number() < RECORDABLE_FROM {
        let (now_fr, now_en) = stage_label(f.stage);
        let (from_fr, from_en) = stage_label(Stage::new(RECORDABLE_FROM as i64).expect("a stage"));
        return Err(Error::invalid(Problem::new(
            "stage",
            format!(
                "Étape : le projet n° {} en est à l'étape {} ({now_fr}) ; une solution inspirante s'enregistre à partir de l'étape {RECORDABLE_FROM} ({from_fr}), quand le projet a fait ses preuves.",
                p.id,
                f.stage.number()
            ),
            format!(
                "Stage: project #{} is at stage {} ({now_en}); an inspiring solution can be recorded from stage {RECORDABLE_FROM} ({from_en}), once the project has proved itself.",
                p.id,
                f.stage.number()
            ),
        )));
    }
    let summary = [&f.summary, &f.proposal, &f.context]
        .into_iter()
        .find(|t| !t.trim().is_empty())
        .cloned()
        .unwrap_or_default();
    let (stage_fr, stage_en) = stage_label(f.stage);
    let place = if town.departement_name.is_empty() {
        town.name.clone()
    } else {
        format!("{} ({})", town.name, town.departement_name)
    };
    let mut facts_fr = vec![match town.population {
        Some(n) => format!("Commune : {place}, {} habitants", thousands_fr(n)),
        None => format!("Commune : {place}"),
    }];
    let mut facts_en = vec![match town.population {
        Some(n) => format!("Town: {place}, {} inhabitants", thousands_en(n)),
        None => format!("Town: {place}"),
    }];
    facts_fr.push(format!(
        "Étape atteinte : {} — {stage_fr}",
        f.stage.number()
    ));
    facts_en.push(format!("Stage reached: {} — {stage_en}", f.stage.number()));
    if let Some(cost) = f.cost_excl_vat {
        facts_fr.push(format!("Coût HT : {}", cost.display_fr()));
        facts_en.push(format!("Cost excl. VAT: {}", cost.display_fr()));
    }
    if !f.lead.trim().is_empty() {
        facts_fr.push(format!("Porteur : {}", f.lead.trim()));
        facts_en.push(format!("Lead: {}", f.lead.trim()));
    }
    Ok(Solution {
        id: solution_id_for(f, town),
        title_fr: f.title.clone(),
        // The manager writes in French; the English fields start as a copy to edit.
        title_en: f.title.clone(),
        summary_fr: summary.clone(),
        summary_en: summary,
        themes: f.themes.clone(),
        legal_forms: likely_legal_forms(f),
        // A finished project helps others from the idea to the funding plan.
        stages_useful: (0..=3).map(|n| Stage::new(n).expect("a stage")).collect(),
        population_min: None,
        population_max: None,
        example_town: Some(town.name.clone()),
        example_insee: Some(town.insee.clone()),
        facts_fr,
        facts_en,
        source: format!(
            "Projet « {} » de {}, enregistré dans Bourgade le {}",
            f.title,
            town.name,
            crate::calendar::date_fr(today)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{carhaix, context};
    use super::*;
    use crate::model::{validate_solution, Project, ProjectLines};
    use Theme::*;

    fn solution(id: &str, title: &str, themes: &[Theme], stages: &[u8]) -> Solution {
        Solution {
            id: id.into(),
            title_fr: title.into(),
            title_en: format!("{title} (en)"),
            summary_fr: String::new(),
            summary_en: String::new(),
            themes: themes.to_vec(),
            legal_forms: vec![],
            stages_useful: stages
                .iter()
                .map(|s| Stage::new(*s as i64).unwrap())
                .collect(),
            population_min: None,
            population_max: None,
            example_town: None,
            example_insee: None,
            facts_fr: vec![],
            facts_en: vec![],
            source: "test".into(),
        }
    }

    fn fixture() -> Vec<Solution> {
        vec![
            Solution {
                example_town: Some("Plouhinec".into()),
                example_insee: Some("29197".into()),
                legal_forms: vec![LegalForm::Association],
                ..solution(
                    "jean-moulin",
                    "Ateliers Jean Moulin",
                    &[ThirdPlaces, Culture, Housing, PublicServices],
                    &[0, 1, 2, 3],
                )
            },
            Solution {
                example_town: Some("Saint-Loup-sur-Semouse".into()),
                example_insee: Some("70467".into()),
                legal_forms: vec![LegalForm::Scic, LegalForm::Association],
                ..solution(
                    "saint-loup",
                    "Pôle ESS de Saint-Loup",
                    &[Heritage, Culture, Housing, Employment, Food],
                    &[0, 1, 2, 3],
                )
            },
            solution(
                "tiers-lieu",
                "Tiers-lieu",
                &[ThirdPlaces, Culture, PublicServices],
                &[0, 1, 2, 3],
            ),
            Solution {
                population_max: Some(3500),
                ..solution(
                    "cafe",
                    "Café multiservice",
                    &[Commerce, Food, PublicServices],
                    &[0, 1, 2],
                )
            },
            solution(
                "ressourcerie",
                "Ressourcerie",
                &[CircularEconomy, Employment],
                &[0, 1, 2, 3],
            ),
        ]
    }

    fn ids(v: &[SolutionSuggestion]) -> Vec<&str> {
        v.iter().map(|s| s.solution_id.as_str()).collect()
    }

    #[test]
    fn a_third_place_in_brittany_draws_on_the_nearby_example_first() {
        let got = suggest_solutions(
            &context(&[ThirdPlaces, Culture], 1, carhaix()),
            &fixture(),
            &[],
            &SuggestFilter::default(),
        );
        assert_eq!(
            ids(&got),
            ["jean-moulin", "tiers-lieu", "saint-loup"],
            "two shared themes and an example in the same département beat the archetype; one shared theme comes last; no shared theme, not shown"
        );
        let fr: Vec<&str> = got[0].reasons.iter().map(|r| r.fr.as_str()).collect();
        assert_eq!(
            fr,
            [
                "thèmes : tiers-lieux, culture",
                "utile à l'étape «\u{a0}Étude d'opportunité\u{a0}»",
                "exemple dans le même département : Plouhinec",
            ],
            "plain reasons"
        );
        for s in &got {
            assert_eq!(
                s.score,
                s.reasons.iter().map(|r| r.points).sum::<u32>(),
                "{}: score is the sum of reasons",
                s.solution_id
            );
        }
    }

    #[test]
    fn town_size_band_and_legal_form_count() {
        let mut ctx = context(&[Food], 1, carhaix());
        let got = suggest_solutions(&ctx, &fixture(), &[], &SuggestFilter::default());
        let cafe = got
            .iter()
            .find(|s| s.solution_id == "cafe")
            .expect("shares food");
        let band = cafe
            .reasons
            .iter()
            .find(|r| r.code == ReasonCode::Population)
            .unwrap();
        assert_eq!(
            (band.points, band.fr.as_str()),
            (0, "pensée pour les communes de moins de 3\u{202f}500 habitants (la commune en compte 7\u{202f}412)"),
            "a town of 7,412 is outside the band: a remark, no points"
        );
        ctx.town.population = Some(2000);
        let got = suggest_solutions(&ctx, &fixture(), &[], &SuggestFilter::default());
        let cafe = got.iter().find(|s| s.solution_id == "cafe").unwrap();
        assert_eq!(
            cafe.score,
            points::THEME + points::STAGE + points::POPULATION,
            "inside the band"
        );
        assert_eq!(got[0].solution_id, "cafe", "and first: {:?}", ids(&got));
        ctx.legal_forms = vec![LegalForm::Scic];
        let got = suggest_solutions(&ctx, &fixture(), &[], &SuggestFilter::default());
        let loup = got.iter().find(|s| s.solution_id == "saint-loup").unwrap();
        assert!(
            loup.reasons
                .iter()
                .any(|r| r.fr == "forme juridique : SCIC"),
            "a SCIC considered matches Saint-Loup's cooperative: {:?}",
            loup.reasons
        );
    }

    #[test]
    fn linked_solutions_come_after_and_the_limit_counts_new_ones() {
        let ctx = context(&[ThirdPlaces, Culture, PublicServices], 2, carhaix());
        let got = suggest_solutions(
            &ctx,
            &fixture(),
            &["jean-moulin".into()],
            &SuggestFilter {
                limit: Some(1),
                ..Default::default()
            },
        );
        assert_eq!(
            ids(&got),
            ["tiers-lieu", "jean-moulin"],
            "one new suggestion, then the linked one"
        );
        assert!(
            !got[0].already_linked && got[1].already_linked,
            "flags follow"
        );
    }

    fn finished(stage: u8) -> ProjectDetail {
        ProjectDetail {
            project: Project {
                id: 3,
                uid: "u".into(),
                fields: ProjectFields {
                    town_insee: "29024".into(),
                    title: "Épicerie participative du centre-ville".into(),
                    summary: "Une épicerie gérée par une association d'habitants.".into(),
                    themes: vec![Food, Commerce],
                    stage: Stage::new(stage as i64).unwrap(),
                    lead: "Association L'Épi".into(),
                    cost_excl_vat: Some(crate::model::Money::euros(185_000)),
                    ..Default::default()
                },
                created_at: chrono::DateTime::UNIX_EPOCH,
                updated_at: chrono::DateTime::UNIX_EPOCH,
            },
            lines: ProjectLines::default(),
        }
    }

    #[test]
    fn a_finished_project_becomes_a_solution_with_its_town_as_example() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let s = solution_from_project(&finished(7), &carhaix(), today)
            .expect("stage 7 may be recorded");
        assert_eq!(
            s.id, "carhaix-plouguer-epicerie-participative-du-centre-ville",
            "readable id from town and title"
        );
        assert_eq!(s.themes, [Food, Commerce], "themes carried over");
        assert_eq!(
            s.legal_forms,
            [LegalForm::Association],
            "the form its texts name"
        );
        assert_eq!(
            s.example_insee.as_deref(),
            Some("29024"),
            "the town is the example"
        );
        assert_eq!(
            s.facts_fr[0], "Commune : Carhaix-Plouguer (Finistère), 7\u{202f}412 habitants",
            "French digit groups"
        );
        assert!(
            s.facts_fr
                .contains(&"Coût HT : 185\u{202f}000\u{a0}€".to_owned()),
            "{:?}",
            s.facts_fr
        );
        assert!(
            s.source.ends_with("le 1er novembre 2026"),
            "French date: {}",
            s.source
        );
        assert!(
            validate_solution(&s).is_empty(),
            "what is recorded is valid: {:?}",
            validate_solution(&s)
        );
    }

    #[test]
    fn a_project_before_opening_is_refused_in_french() {
        let e = solution_from_project(
            &finished(6),
            &carhaix(),
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        )
        .expect_err("stage 6 has not proved itself yet");
        let msg = e.message(Lang::Fr);
        assert!(
            msg.starts_with("Étape : le projet n° 3 en est à l'étape 6 (Réalisation / travaux)")
                && msg.contains("à partir de l'étape 7"),
            "{msg}"
        );
        assert!(e.is_user_error(), "bad input, not a failure");
    }

    #[test]
    fn solution_problems_name_the_field() {
        let mut s = solution("Bad Id", "", &[], &[]);
        s.population_min = Some(5000);
        s.population_max = Some(100);
        let fields: Vec<String> = validate_solution(&s).into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["id", "title_fr", "population_max"],
            "every problem at once"
        );
    }

    #[test]
    fn ids_are_slugs_cut_at_a_word() {
        let mut f = ProjectFields {
            title: "L'œuvre — « Café » !".into(),
            ..Default::default()
        };
        assert_eq!(
            solution_id_for(&f, &carhaix()),
            "carhaix-plouguer-l-oeuvre-cafe",
            "ligatures and quotes folded"
        );
        f.title = "mot ".repeat(40);
        let id = solution_id_for(&f, &carhaix());
        assert!(
            id.len() <= 80 && id.ends_with("-mot"),
            "cut at a dash: {id}"
        );
        f.title = "???".into();
        assert_eq!(
            solution_id_for(&f, &carhaix()),
            "carhaix-plouguer-projet",
            "a title without letters"
        );
    }
}

//! Ranking SSE support actors for a project.
//!
//! An actor is suggested only where it operates (national actors everywhere,
//! regional ones in their régions, départemental ones in their départements,
//! local ones in their EPCI), when it shares at least one of the project's
//! themes (an actor without themes is not excluded), and when it offers the
//! service the user filtered on. Its score is the sum of the points of its
//! [`Reason`]s: closeness, themes (a specialist's match weighs more than a
//! generalist's), the stage (the actor's own list of stages, plus what its
//! kind is known for), a shared legal form, and the services the stage needs.

use super::{keep_best, label_in_text, rank, stage_label, Reason, ReasonCode};
use super::{ProjectContext, SuggestFilter};
use crate::model::{Actor, ActorKind, Area, LegalForm, Scope, Service, Stage, Theme};
use crate::Lang;
use serde::{Deserialize, Serialize};

/// Points of each part of an actor's score. Closer actors weigh more; a
/// theme shared with a specialist weighs more than with a generalist.
pub mod points {
    /// Operates everywhere: no closeness bonus.
    pub const NATIONAL: u32 = 0;
    /// Operates in the town's région.
    pub const REGIONAL: u32 = 8;
    /// Operates in the town's département.
    pub const DEPARTEMENTAL: u32 = 10;
    /// Operates in the town's EPCI.
    pub const LOCAL: u32 = 12;
    /// Per shared theme, actor with at most [`SPECIALIST_MAX_THEMES`] themes.
    pub const THEME_SPECIALIST: u32 = 12;
    /// Per shared theme, actor with at most [`FOCUSED_MAX_THEMES`] themes.
    pub const THEME_FOCUSED: u32 = 10;
    /// Per shared theme, actor covering more themes than that.
    pub const THEME_GENERALIST: u32 = 3;
    /// Themes of a specialist actor, at most.
    pub const SPECIALIST_MAX_THEMES: usize = 3;
    /// Themes of a focused actor, at most.
    pub const FOCUSED_MAX_THEMES: usize = 7;
    /// The actor lists the project's stage.
    pub const STAGE: u32 = 12;
    /// The actor lists the next stage only.
    pub const NEXT_STAGE: u32 = 4;
    /// The actor's kind suits the stage, the legal form or the theme.
    pub const KIND: u32 = 10;
    /// The actor works with a legal form the project considers.
    pub const LEGAL_FORM: u32 = 6;
    /// Per needed service the actor offers.
    pub const SERVICE: u32 = 4;
}

/// One actor suggested for a project, with its score and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ActorSuggestion {
    pub actor_id: String,
    pub name: String,
    pub kind: ActorKind,
    pub scope: Scope,
    /// The organisation's public website, for a one-click link.
    pub website: Option<String>,
    pub services: Vec<Service>,
    /// Sum of the reasons' points; higher is more relevant.
    pub score: u32,
    /// Why, in French and English, in a fixed order (territory, stage, kind,
    /// themes, legal form, services).
    pub reasons: Vec<Reason>,
    /// True for an actor the project already works with: shown, never
    /// counted as a new suggestion.
    pub already_linked: bool,
    /// Where it works, as codes (`regions`, `departements`): filled from
    /// the geography by [`crate::desk::suggestions`].
    #[serde(flatten)]
    pub area: Area,
}

/// Ranks `actors` for the project of `ctx`: new suggestions first (best
/// score first, ties by name, at most `filter.limit`), then the actors of
/// `linked` (every one found, ranked the same way, whatever their territory
/// or themes, but still subject to the service filter).
pub fn suggest_actors(
    ctx: &ProjectContext,
    actors: &[Actor],
    linked: &[String],
    filter: &SuggestFilter,
) -> Vec<ActorSuggestion> {
    let wanted = ctx.wanted_services(filter);
    let project = Wanted {
        themes: theme_mask(&ctx.themes),
        services: service_mask(&wanted),
        cooperative: ctx
            .legal_forms
            .iter()
            .any(|f| matches!(f, LegalForm::Scop | LegalForm::Scic)),
    };
    let mut fresh = Vec::new();
    let mut mine = Vec::new();
    for (i, actor) in actors.iter().enumerate() {
        if filter.service.is_some_and(|s| !actor.services.contains(&s)) {
            continue;
        }
        let is_linked = linked.contains(&actor.id);
        // A retired catalogue entry is never suggested again; a project
        // that works with it still sees it.
        if actor.retired && !is_linked {
            continue;
        }
        let Some(fit) = fit(actor, ctx, &project, is_linked) else {
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
    let name = |x: &(u32, usize, Fit)| (actors[x.1].name.as_str(), actors[x.1].id.as_str());
    rank(&mut fresh, |x| x.0, name);
    if let Some(k) = filter.limit {
        fresh.truncate(k);
    }
    rank(&mut mine, |x| x.0, name);
    fresh
        .into_iter()
        .map(|x| (x, false))
        .chain(mine.into_iter().map(|x| (x, true)))
        .map(|((score, i, fit), already_linked)| {
            let actor = &actors[i];
            ActorSuggestion {
                actor_id: actor.id.clone(),
                name: actor.name.clone(),
                kind: actor.kind,
                scope: actor.scope,
                website: actor.website.clone(),
                services: actor.services.clone(),
                score,
                reasons: fit.reasons(actor, ctx, &wanted),
                already_linked,
                area: Area::default(),
            }
        })
        .collect()
}

/// True when `actor` operates where the town is (the territory rule).
pub fn operates_in(actor: &Actor, town: &crate::model::Commune) -> bool {
    place(actor, town) != Place::Outside
}

/// What the project asks for, as bit masks (cheap to test per actor).
struct Wanted {
    themes: u16,
    services: u8,
    /// A SCOP or a SCIC is considered.
    cooperative: bool,
}

fn theme_mask(themes: &[Theme]) -> u16 {
    themes.iter().fold(0, |m, t| m | 1 << (*t as u16))
}

fn service_mask(services: &[Service]) -> u8 {
    services.iter().fold(0, |m, s| m | 1 << (*s as u8))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    National,
    Region,
    Departement,
    Epci,
    Outside,
}

fn place(actor: &Actor, town: &crate::model::Commune) -> Place {
    match actor.works_in(town) {
        Some(Scope::National) => Place::National,
        Some(Scope::Regional) => Place::Region,
        Some(Scope::Departemental) => Place::Departement,
        Some(Scope::Local) => Place::Epci,
        None => Place::Outside,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StageFit {
    Current,
    Next,
    None,
}

/// How one actor fits the project; the score and the reasons both derive
/// from it, so that they always agree.
#[derive(Debug, Clone, Copy)]
struct Fit {
    place: Place,
    /// Project themes the actor covers.
    themes: u16,
    /// Points per shared theme (specialists weigh more).
    theme_points: u32,
    stage: StageFit,
    kind: bool,
    legal_form: Option<LegalForm>,
    /// Needed services the actor offers.
    services: u8,
}

/// `None` when the actor is not to be suggested: outside the town's territory
/// or sharing none of the project's themes (a linked actor is always kept).
fn fit(actor: &Actor, ctx: &ProjectContext, project: &Wanted, linked: bool) -> Option<Fit> {
    let place = place(actor, &ctx.town);
    if place == Place::Outside && !linked {
        return None;
    }
    let actor_themes = theme_mask(&actor.themes);
    let themes = actor_themes & project.themes;
    if themes == 0 && actor_themes != 0 && project.themes != 0 && !linked {
        return None;
    }
    let stage = if actor.stages.contains(&ctx.stage) {
        StageFit::Current
    } else if next(ctx.stage).is_some_and(|n| actor.stages.contains(&n)) {
        StageFit::Next
    } else {
        StageFit::None
    };
    let n = ctx.stage.number();
    let kind = match actor.kind {
        ActorKind::FabriqueInitiatives | ActorKind::Incubator => n <= 2,
        ActorKind::Financer => (3..=6).contains(&n),
        ActorKind::Dla => n >= 7,
        ActorKind::CooperativeUnion => project.cooperative,
        ActorKind::ThirdPlaceNetwork => project.themes & (1 << (Theme::ThirdPlaces as u16)) != 0,
        _ => false,
    };
    let legal_form = ctx
        .legal_forms
        .iter()
        .copied()
        .find(|f| actor.legal_forms.contains(f));
    Some(Fit {
        place,
        themes,
        theme_points: theme_points(actor.themes.len()),
        stage,
        kind,
        legal_form,
        services: service_mask(&actor.services) & project.services,
    })
}

/// A theme shared with a specialist says more than one shared with an
/// actor that lists every theme.
fn theme_points(actor_themes: usize) -> u32 {
    if actor_themes <= points::SPECIALIST_MAX_THEMES {
        points::THEME_SPECIALIST
    } else if actor_themes <= points::FOCUSED_MAX_THEMES {
        points::THEME_FOCUSED
    } else {
        points::THEME_GENERALIST
    }
}

fn next(stage: Stage) -> Option<Stage> {
    Stage::new(stage.number() as i64 + 1).ok()
}

impl Fit {
    fn place_points(&self) -> u32 {
        match self.place {
            Place::National | Place::Outside => points::NATIONAL,
            Place::Region => points::REGIONAL,
            Place::Departement => points::DEPARTEMENTAL,
            Place::Epci => points::LOCAL,
        }
    }

    fn stage_points(&self) -> u32 {
        match self.stage {
            StageFit::Current => points::STAGE,
            StageFit::Next => points::NEXT_STAGE,
            StageFit::None => 0,
        }
    }

    fn score(&self) -> u32 {
        self.place_points()
            + self.themes.count_ones() * self.theme_points
            + self.stage_points()
            + if self.kind { points::KIND } else { 0 }
            + if self.legal_form.is_some() {
                points::LEGAL_FORM
            } else {
                0
            }
            + self.services.count_ones() * points::SERVICE
    }

    /// The reasons, whose points add up to [`Fit::score`].
    fn reasons(&self, actor: &Actor, ctx: &ProjectContext, wanted: &[Service]) -> Vec<Reason> {
        let mut out = Vec::with_capacity(6);
        let town = &ctx.town;
        let (fr, en) = match self.place {
            Place::National => (
                "intervient dans toute la France".to_owned(),
                "works across France".to_owned(),
            ),
            Place::Region => (
                format!("intervient {}", super::in_region_fr(&town.region_name)),
                format!(
                    "works in the {} region",
                    or_code(&town.region_name, &town.region)
                ),
            ),
            Place::Departement => {
                let name = or_code(&town.departement_name, &town.departement);
                (
                    format!("intervient dans le département : {name}"),
                    format!("works in the département {name}"),
                )
            }
            Place::Epci => {
                let code = town.epci_code.as_deref().unwrap_or_default();
                let name = or_code(town.epci_name.as_deref().unwrap_or_default(), code);
                (
                    format!("intervient sur l'intercommunalité : {name}"),
                    format!("works in the intercommunality {name}"),
                )
            }
            Place::Outside => (
                "n'intervient pas d'ordinaire sur ce territoire".to_owned(),
                "does not usually work in this area".to_owned(),
            ),
        };
        out.push(Reason::new(
            ReasonCode::Territory,
            self.place_points(),
            fr,
            en,
        ));
        match self.stage {
            StageFit::Current => {
                let (fr, en) = stage_label(ctx.stage);
                out.push(Reason::new(
                    ReasonCode::Stage,
                    points::STAGE,
                    format!("accompagne l'étape «\u{a0}{fr}\u{a0}»"),
                    format!("supports the \"{en}\" stage"),
                ));
            }
            StageFit::Next => {
                let (fr, en) = next(ctx.stage).map(stage_label).unwrap_or(("?", "?"));
                out.push(Reason::new(
                    ReasonCode::NextStage,
                    points::NEXT_STAGE,
                    format!("accompagne l'étape suivante, «\u{a0}{fr}\u{a0}»"),
                    format!("supports the next stage, \"{en}\""),
                ));
            }
            StageFit::None => {}
        }
        if self.kind {
            let t = crate::reference::taxonomy();
            let kind_fr = t.label("actor_kinds", actor.kind.as_str(), Lang::Fr);
            let kind_en = t.label("actor_kinds", actor.kind.as_str(), Lang::En);
            let (what_fr, what_en) = match actor.kind {
                ActorKind::FabriqueInitiatives | ActorKind::Incubator => (
                    "fait émerger les projets (étapes 0 à 2)",
                    "helps projects emerge (stages 0 to 2)",
                ),
                ActorKind::Financer => (
                    "finance les projets en construction (étapes 3 à 6)",
                    "funds projects being built (stages 3 to 6)",
                ),
                ActorKind::Dla => (
                    "consolide les structures de l'ESS en activité",
                    "consolidates running SSE organisations",
                ),
                ActorKind::CooperativeUnion => (
                    "conseille les projets en SCOP ou en SCIC",
                    "advises SCOP and SCIC projects",
                ),
                _ => (
                    "accompagne les projets de tiers-lieux",
                    "supports third-place projects",
                ),
            };
            out.push(Reason::new(
                ReasonCode::Kind,
                points::KIND,
                format!("{kind_fr} : {what_fr}"),
                format!("{kind_en}: {what_en}"),
            ));
        }
        if self.themes != 0 {
            let shared: Vec<Theme> = dedup(
                ctx.themes
                    .iter()
                    .copied()
                    .filter(|t| self.themes & (1 << (*t as u16)) != 0),
            );
            let list = |lang| {
                shared
                    .iter()
                    .map(|t| super::label_in_text("themes", t.as_str(), lang))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let plural = shared.len() > 1;
            out.push(Reason::new(
                ReasonCode::Theme,
                self.themes.count_ones() * self.theme_points,
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
        if let Some(form) = self.legal_form {
            let t = crate::reference::taxonomy();
            out.push(Reason::new(
                ReasonCode::LegalForm,
                points::LEGAL_FORM,
                format!(
                    "forme juridique : {}",
                    label_in_text("legal_forms", form.as_str(), Lang::Fr)
                ),
                format!(
                    "legal form: {}",
                    t.label("legal_forms", form.as_str(), Lang::En)
                ),
            ));
        }
        if self.services != 0 {
            let offered: Vec<Service> = dedup(
                wanted
                    .iter()
                    .copied()
                    .filter(|s| self.services & (1 << (*s as u8)) != 0),
            );
            let list = |lang| {
                offered
                    .iter()
                    .map(|s| label_in_text("services", s.as_str(), lang))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let plural = offered.len() > 1;
            out.push(Reason::new(
                ReasonCode::Services,
                self.services.count_ones() * points::SERVICE,
                format!(
                    "{} : {}",
                    if plural { "services" } else { "service" },
                    list(Lang::Fr)
                ),
                format!(
                    "{}: {}",
                    if plural { "services" } else { "service" },
                    list(Lang::En)
                ),
            ));
        }
        out
    }
}

fn or_code<'a>(name: &'a str, code: &'a str) -> &'a str {
    if name.is_empty() {
        code
    } else {
        name
    }
}

fn dedup<T: PartialEq>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for it in items {
        if !out.contains(&it) {
            out.push(it);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{carhaix, context};
    use super::*;
    use crate::model::Commune;

    /// An actor with only what the ranking reads, one argument per column
    /// so that the fixture reads as a table.
    #[allow(clippy::too_many_arguments)]
    fn actor(
        id: &str,
        name: &str,
        kind: ActorKind,
        scope: Scope,
        territories: &[&str],
        themes: &[Theme],
        stages: &[u8],
        services: &[Service],
    ) -> Actor {
        Actor {
            id: id.into(),
            name: name.into(),
            kind,
            scope,
            territories: territories.iter().map(|t| t.to_string()).collect(),
            themes: themes.to_vec(),
            stages: stages
                .iter()
                .map(|s| Stage::new(*s as i64).unwrap())
                .collect(),
            services: services.to_vec(),
            legal_forms: vec![],
            description_fr: String::new(),
            description_en: String::new(),
            website: None,
            source: "test".into(),
            verified_on: None,
            retired: false,
        }
    }

    use Service::{Engineering as Eng, Financing as Fin, Network as Net, Training as Tra};
    use Theme::*;

    /// Every theme, as generalist networks list them.
    const ALL: &[Theme] = Theme::ALL;
    const THIRD_PLACE_THEMES: &[Theme] = &[
        ThirdPlaces,
        Culture,
        Crafts,
        Employment,
        PublicServices,
        CircularEconomy,
        Food,
    ];

    /// A small catalogue with one of each kind that matters, in Bretagne
    /// (53), Occitanie (76) and nationally.
    fn fixture_actors() -> Vec<Actor> {
        use ActorKind as K;
        use Scope::*;
        vec![
            actor(
                "fai",
                "Fabrique à initiatives",
                K::FabriqueInitiatives,
                National,
                &[],
                ALL,
                &[0, 1, 2],
                &[Eng, Net],
            ),
            actor(
                "tag-bzh",
                "TAg BZH",
                K::FabriqueInitiatives,
                Regional,
                &["53"],
                ALL,
                &[0, 1, 2, 3],
                &[Eng, Tra, Net],
            ),
            actor(
                "ftl",
                "France Tiers-Lieux",
                K::ThirdPlaceNetwork,
                National,
                &[],
                THIRD_PLACE_THEMES,
                &[1, 2, 3, 7],
                &[Eng, Tra, Net],
            ),
            actor(
                "rosee",
                "La Rosée Occitanie",
                K::ThirdPlaceNetwork,
                Regional,
                &["76"],
                THIRD_PLACE_THEMES,
                &[1, 2, 3, 7],
                &[Eng, Tra, Net],
            ),
            actor(
                "cress-bzh",
                "CRESS Bretagne",
                K::Cress,
                Regional,
                &["53"],
                ALL,
                &[0, 1, 2, 3],
                &[Net, Eng, Tra],
            ),
            actor(
                "cress-occ",
                "CRESS Occitanie",
                K::Cress,
                Regional,
                &["76"],
                ALL,
                &[0, 1, 2, 3],
                &[Net, Eng, Tra],
            ),
            actor(
                "avise",
                "Avise",
                K::Agency,
                National,
                &[],
                ALL,
                &[0, 1, 2, 3],
                &[Eng, Tra, Net],
            ),
            actor(
                "fa",
                "France Active",
                K::Financer,
                National,
                &[],
                ALL,
                &[3, 5, 6, 7],
                &[Fin, Eng, Net],
            ),
            actor(
                "fa-bzh",
                "France Active Bretagne",
                K::Financer,
                Regional,
                &["53"],
                ALL,
                &[3, 5, 6, 7],
                &[Fin, Eng, Net],
            ),
            actor(
                "fa-occ",
                "France Active Occitanie",
                K::Financer,
                Regional,
                &["76"],
                ALL,
                &[3, 5, 6, 7],
                &[Fin, Eng, Net],
            ),
            actor(
                "nef",
                "La Nef",
                K::Financer,
                National,
                &[],
                ALL,
                &[3, 5, 6],
                &[Fin],
            ),
            actor(
                "ressourceries",
                "Réseau des ressourceries",
                K::Network,
                National,
                &[],
                &[CircularEconomy, Employment, Environment],
                &[1, 2, 3, 7],
                &[Eng, Tra, Net],
            ),
            actor(
                "emmaus",
                "Emmaüs France",
                K::Network,
                National,
                &[],
                &[CircularEconomy, Employment, Housing],
                &[2, 7],
                &[Net],
            ),
            actor(
                "dla",
                "DLA",
                K::Dla,
                National,
                &[],
                ALL,
                &[7, 8],
                &[Eng, Tra],
            ),
            Actor {
                legal_forms: vec![LegalForm::Scop, LegalForm::Scic],
                ..actor(
                    "scop-ouest",
                    "Les Scop Ouest",
                    K::CooperativeUnion,
                    Regional,
                    &["28", "52", "53"],
                    ALL,
                    &[2, 3, 7],
                    &[Eng, Tra, Fin, Net],
                )
            },
            actor(
                "energie",
                "Énergie Partagée",
                K::Network,
                National,
                &[],
                &[Energy, Environment],
                &[0, 1, 2, 3, 5, 6, 7],
                &[Eng, Fin, Tra, Net],
            ),
            actor(
                "dla-29",
                "DLA du Finistère",
                K::Dla,
                Departemental,
                &["29"],
                ALL,
                &[7, 8],
                &[Eng, Tra],
            ),
            actor(
                "poher",
                "Ressourcerie du Poher",
                K::Local,
                Local,
                &["242900645"],
                &[CircularEconomy],
                &[7],
                &[Tra],
            ),
        ]
    }

    fn ids(s: &[ActorSuggestion]) -> Vec<&str> {
        s.iter().map(|x| x.actor_id.as_str()).collect()
    }

    fn all() -> SuggestFilter {
        SuggestFilter::default()
    }

    /// The table of expected rankings: each row a project, the ids expected
    /// first (in any order among themselves), and ids that must never show.
    #[test]
    fn table_of_expected_rankings() {
        type Row<'a> = (
            &'a str,
            &'a [Theme],
            u8,
            &'a [&'a str],
            &'a [(&'a str, &'a str)],
            &'a [&'a str],
        );
        let cases: &[Row] = &[
            (
                "third place at opportunity stage in Brittany: the Fabrique à initiatives operator and France Tiers-Lieux",
                &[ThirdPlaces, Culture],
                1,
                &["tag-bzh", "ftl"],
                &[("tag-bzh", "fai"), ("cress-bzh", "avise")],
                &["rosee", "cress-occ", "fa-occ"],
            ),
            (
                "funding-stage circular-economy project: financers",
                &[CircularEconomy],
                5,
                &["fa-bzh", "fa", "nef"],
                &[("fa-bzh", "fa")],
                &["fa-occ", "cress-occ", "energie"],
            ),
            (
                "running circular-economy employer: its specialist network and the DLA of its département",
                &[CircularEconomy, Employment],
                7,
                &["ressourceries", "dla-29"],
                &[("dla-29", "dla"), ("poher", "fa-bzh")],
                &["fa-occ", "rosee", "cress-occ"],
            ),
        ];
        for (why, themes, stage, first, before, never) in cases {
            let got = suggest_actors(
                &context(themes, *stage, carhaix()),
                &fixture_actors(),
                &[],
                &all(),
            );
            let got = ids(&got);
            let top: std::collections::BTreeSet<&str> =
                got.iter().copied().take(first.len()).collect();
            let want: std::collections::BTreeSet<&str> = first.iter().copied().collect();
            assert_eq!(top, want, "{why}: got {got:?}");
            for (a, b) in *before {
                let at = |id: &str| got.iter().position(|x| *x == id);
                assert!(
                    at(a).is_some() && (at(b).is_none() || at(a) < at(b)),
                    "{why}: {a} ranks before {b}, got {got:?}"
                );
            }
            for id in *never {
                assert!(
                    !got.contains(id),
                    "{why}: {id} is outside the town's territory or themes, got {got:?}"
                );
            }
        }
    }

    #[test]
    fn reasons_are_plain_french_with_english_twins_and_add_up_to_the_score() {
        let got = suggest_actors(
            &context(&[ThirdPlaces, Culture], 1, carhaix()),
            &fixture_actors(),
            &[],
            &all(),
        );
        let tag = got
            .iter()
            .find(|s| s.actor_id == "tag-bzh")
            .expect("TAg BZH suggested");
        let fr: Vec<&str> = tag.reasons.iter().map(|r| r.fr.as_str()).collect();
        assert_eq!(
            fr,
            [
                "intervient en Bretagne",
                "accompagne l'étape «\u{a0}Étude d'opportunité\u{a0}»",
                "Fabrique à initiatives : fait émerger les projets (étapes 0 à 2)",
                "thèmes : tiers-lieux, culture",
                "services : ingénierie de projet, mise en réseau",
            ],
            "each reason says one thing in words a manager reads"
        );
        assert_eq!(
            tag.reasons[0].en, "works in the Bretagne region",
            "English twin"
        );
        for s in &got {
            assert_eq!(
                s.score,
                s.reasons.iter().map(|r| r.points).sum::<u32>(),
                "{}: the score is exactly the sum of its reasons",
                s.actor_id
            );
        }
    }

    #[test]
    fn a_regional_actor_never_appears_outside_its_region() {
        let mut elsewhere = carhaix();
        elsewhere.region = "84".into();
        elsewhere.region_name = "Auvergne-Rhône-Alpes".into();
        elsewhere.departement = "42".into();
        elsewhere.epci_code = Some("244200770".into());
        for stage in 0..=8 {
            let got = suggest_actors(
                &context(ALL, stage, elsewhere.clone()),
                &fixture_actors(),
                &[],
                &all(),
            );
            for s in &got {
                assert_eq!(
                    s.scope,
                    Scope::National,
                    "stage {stage}: {} operates in Bretagne, Occitanie or the Finistère only, none of which holds the town",
                    s.actor_id
                );
            }
        }
    }

    #[test]
    fn a_local_actor_shows_only_in_its_epci_and_a_departemental_one_in_its_departement() {
        let ctx = context(&[CircularEconomy], 7, carhaix());
        let got = ids(&suggest_actors(&ctx, &fixture_actors(), &[], &all())).join(" ");
        assert!(
            got.contains("poher") && got.contains("dla-29"),
            "in the EPCI and département: {got}"
        );
        let mut neighbour = carhaix();
        neighbour.epci_code = Some("200067247".into());
        let got = ids(&suggest_actors(
            &context(&[CircularEconomy], 7, neighbour.clone()),
            &fixture_actors(),
            &[],
            &all(),
        ))
        .join(" ");
        assert!(
            !got.contains("poher") && got.contains("dla-29"),
            "another EPCI of the Finistère: {got}"
        );
        neighbour.epci_code = None;
        let got = ids(&suggest_actors(
            &context(&[CircularEconomy], 7, neighbour),
            &fixture_actors(),
            &[],
            &all(),
        ))
        .join(" ");
        assert!(
            !got.contains("poher"),
            "a town without EPCI gets no local actor: {got}"
        );
    }

    #[test]
    fn linked_actors_are_shown_flagged_and_not_counted_as_suggestions() {
        let ctx = context(&[ThirdPlaces], 1, carhaix());
        let linked = vec!["tag-bzh".to_owned(), "rosee".to_owned(), "gone".to_owned()];
        let got = suggest_actors(
            &ctx,
            &fixture_actors(),
            &linked,
            &SuggestFilter {
                limit: Some(3),
                ..all()
            },
        );
        let fresh: Vec<&str> = got
            .iter()
            .filter(|s| !s.already_linked)
            .map(|s| s.actor_id.as_str())
            .collect();
        let mine: Vec<&str> = got
            .iter()
            .filter(|s| s.already_linked)
            .map(|s| s.actor_id.as_str())
            .collect();
        assert_eq!(
            fresh.len(),
            3,
            "the limit counts new suggestions only: {got:?}"
        );
        assert!(
            !fresh.contains(&"tag-bzh"),
            "a linked actor is not suggested again"
        );
        assert_eq!(
            mine,
            ["tag-bzh", "rosee"],
            "linked actors come after, best first; an unknown id is skipped"
        );
        assert!(
            got.iter().position(|s| s.already_linked) == Some(3),
            "new suggestions come first"
        );
        let rosee = got.iter().find(|s| s.actor_id == "rosee").unwrap();
        assert_eq!(
            rosee.reasons[0].fr, "n'intervient pas d'ordinaire sur ce territoire",
            "a linked actor from elsewhere is shown with a plain remark, for no points"
        );
    }

    #[test]
    fn the_service_filter_keeps_only_actors_offering_it_and_scores_it_alone() {
        let ctx = context(&[CircularEconomy], 1, carhaix());
        let filter = SuggestFilter {
            service: Some(Fin),
            limit: None,
        };
        let got = suggest_actors(&ctx, &fixture_actors(), &["nef".into()], &filter);
        assert!(
            !got.is_empty(),
            "some actors finance circular-economy projects"
        );
        for s in &got {
            assert!(s.services.contains(&Fin), "{} offers financing", s.actor_id);
            let services = s
                .reasons
                .iter()
                .find(|r| r.code == ReasonCode::Services)
                .unwrap();
            assert_eq!(
                services.fr, "service : financement",
                "{}: only the filtered service counts",
                s.actor_id
            );
        }
    }

    #[test]
    fn a_likely_cooperative_brings_the_cooperative_union_forward() {
        let mut ctx = context(&[Commerce], 3, carhaix());
        let before = suggest_actors(&ctx, &fixture_actors(), &[], &all());
        ctx.legal_forms = vec![LegalForm::Scic];
        let after = suggest_actors(&ctx, &fixture_actors(), &[], &all());
        let score =
            |v: &[ActorSuggestion]| v.iter().find(|s| s.actor_id == "scop-ouest").unwrap().score;
        assert_eq!(
            score(&after),
            score(&before) + points::KIND + points::LEGAL_FORM,
            "the URSCOP's kind suits a SCIC, and it lists the SCIC among its forms"
        );
        assert_eq!(
            after[0].actor_id,
            "scop-ouest",
            "and it comes first: {:?}",
            ids(&after)
        );
    }

    #[test]
    fn ties_are_broken_by_name_whatever_the_input_order() {
        let twin = |id: &str, name: &str| {
            actor(
                id,
                name,
                ActorKind::Network,
                Scope::National,
                &[],
                &[Food],
                &[1],
                &[Net],
            )
        };
        let mut actors = vec![
            twin("z", "Éco"),
            twin("b", "Zèbre"),
            twin("a", "eau"),
            twin("c", "Abeille"),
        ];
        let ctx = context(&[Food], 1, carhaix());
        let first = suggest_actors(&ctx, &actors, &[], &all());
        assert_eq!(
            ids(&first),
            ["c", "a", "z", "b"],
            "same scores: by name, accents and case ignored"
        );
        actors.reverse();
        assert_eq!(
            suggest_actors(&ctx, &actors, &[], &all()),
            first,
            "input order does not matter"
        );
    }

    #[test]
    fn an_actor_with_nothing_in_common_is_not_suggested() {
        let ctx = context(&[Health], 4, carhaix());
        let got = suggest_actors(&ctx, &fixture_actors(), &[], &all());
        assert!(
            !ids(&got).contains(&"energie"),
            "energy network shares no theme with a health project"
        );
        let bare = actor(
            "bare",
            "Sans rien",
            ActorKind::Network,
            Scope::National,
            &[],
            &[],
            &[],
            &[],
        );
        assert!(
            suggest_actors(&ctx, &[bare], &[], &all()).is_empty(),
            "zero points is no suggestion"
        );
    }

    // ------------------------------------------------------------ properties

    use crate::testing::Rng;

    const REGIONS: &[&str] = &["53", "84", "27", "76"];
    const DEPS: &[&str] = &["29", "22", "42", "70", "31"];
    const EPCIS: &[&str] = &["E1", "E2", "E3"];

    fn random_town(r: &mut Rng) -> Commune {
        let mut c = carhaix();
        c.region = (*r.pick(REGIONS)).into();
        c.region_name = String::new();
        c.departement = (*r.pick(DEPS)).into();
        c.epci_code = if r.below(5) == 0 {
            None
        } else {
            Some((*r.pick(EPCIS)).into())
        };
        c
    }

    fn random_actor(r: &mut Rng, i: usize) -> Actor {
        let scope = *r.pick(Scope::ALL);
        let territories: Vec<&str> = match scope {
            Scope::National => vec![],
            Scope::Regional => r.some(REGIONS, 0, 2),
            Scope::Departemental => r.some(DEPS, 0, 2),
            Scope::Local => r.some(EPCIS, 0, 2),
        };
        let mut a = actor(
            &format!("a{i}"),
            &format!("Acteur {}", r.below(40)),
            *r.pick(ActorKind::ALL),
            scope,
            &territories,
            &r.some(Theme::ALL, 0, 8),
            &r.some(&[0, 1, 2, 3, 4, 5, 6, 7, 8], 0, 4),
            &r.some(Service::ALL, 0, 3),
        );
        a.legal_forms = r.some(LegalForm::ALL, 0, 2);
        a
    }

    fn random_context(r: &mut Rng) -> ProjectContext {
        let mut ctx = context(&r.some(Theme::ALL, 0, 3), r.below(9) as u8, random_town(r));
        ctx.legal_forms = r.some(LegalForm::ALL, 0, 2);
        ctx
    }

    /// Territory rule written independently of the code under test.
    fn in_territory(a: &Actor, town: &Commune) -> bool {
        let has = |c: &str| a.territories.iter().any(|t| t == c);
        match a.scope {
            Scope::National => true,
            Scope::Regional => has(&town.region),
            Scope::Departemental => has(&town.departement),
            Scope::Local => town.epci_code.as_deref().is_some_and(has),
        }
    }

    #[test]
    fn property_no_out_of_territory_suggestion_ever() {
        let mut r = Rng(0x5EED_0001);
        for round in 0..400 {
            let actors: Vec<Actor> = (0..40).map(|i| random_actor(&mut r, i)).collect();
            let ctx = random_context(&mut r);
            let filter = SuggestFilter {
                service: if r.below(3) == 0 {
                    Some(*r.pick(Service::ALL))
                } else {
                    None
                },
                limit: if r.below(2) == 0 {
                    Some(r.below(12))
                } else {
                    None
                },
            };
            for s in suggest_actors(&ctx, &actors, &[], &filter) {
                let a = actors.iter().find(|a| a.id == s.actor_id).unwrap();
                assert!(
                    in_territory(a, &ctx.town),
                    "round {round}: {:?} {:?} suggested for a town in region {} dep {} epci {:?}",
                    a.scope,
                    a.territories,
                    ctx.town.region,
                    ctx.town.departement,
                    ctx.town.epci_code
                );
                assert_eq!(
                    s.score,
                    s.reasons.iter().map(|x| x.points).sum::<u32>(),
                    "round {round}: score is the sum of reasons"
                );
            }
        }
    }

    #[test]
    fn property_adding_a_matching_theme_never_lowers_a_score() {
        let mut r = Rng(0x5EED_0002);
        let mut checked = 0;
        for round in 0..400 {
            let actors: Vec<Actor> = (0..30).map(|i| random_actor(&mut r, i)).collect();
            let ctx = random_context(&mut r);
            let before = suggest_actors(&ctx, &actors, &[], &all());
            for a in &actors {
                let Some(t) = a.themes.iter().copied().find(|t| !ctx.themes.contains(t)) else {
                    continue;
                };
                let mut more = ctx.clone();
                more.themes.push(t);
                let after = suggest_actors(&more, &actors, &[], &all());
                let score =
                    |v: &[ActorSuggestion]| v.iter().find(|s| s.actor_id == a.id).map(|s| s.score);
                let (b, c) = (score(&before), score(&after));
                if let Some(b) = b {
                    checked += 1;
                    assert!(
                        c.is_some_and(|c| c >= b),
                        "round {round}: adding {t:?}, which {} covers, took its score from {b} to {c:?}",
                        a.id
                    );
                } else if in_territory(a, &ctx.town) {
                    assert!(
                        c.is_some(),
                        "round {round}: {} in territory and now sharing {t:?} must be suggested",
                        a.id
                    );
                }
            }
        }
        assert!(
            checked > 1000,
            "enough suggested actors were checked: {checked}"
        );
    }

    #[test]
    fn property_same_input_same_output_in_any_order() {
        let mut r = Rng(0x5EED_0003);
        for round in 0..200 {
            let mut actors: Vec<Actor> = (0..50).map(|i| random_actor(&mut r, i)).collect();
            let ctx = random_context(&mut r);
            let linked: Vec<String> = (0..r.below(4))
                .map(|_| format!("a{}", r.below(50)))
                .collect();
            let filter = SuggestFilter {
                service: None,
                limit: Some(1 + r.below(10)),
            };
            let first = suggest_actors(&ctx, &actors, &linked, &filter);
            assert_eq!(
                suggest_actors(&ctx, &actors, &linked, &filter),
                first,
                "round {round}: same input twice"
            );
            // A deterministic shuffle: the ranking may not depend on the catalogue's order.
            for i in (1..actors.len()).rev() {
                actors.swap(i, r.below(i + 1));
            }
            assert_eq!(
                suggest_actors(&ctx, &actors, &linked, &filter),
                first,
                "round {round}: shuffled catalogue"
            );
        }
    }
}

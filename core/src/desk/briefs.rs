//! The data of the PDF briefs gathered from the store, and the council pack
//! kept as a frozen snapshot. [`crate::brief`] lays the documents out.

use crate::brief::{
    changes_between, default_decision, render_council_pack, render_portfolio, render_project,
    ActorLine, BriefOptions, Changes, CouncilRequest, GroupBy, Portfolio, PortfolioProject,
    ProjectBrief, SolutionLine,
};
use crate::error::{Error, Problem, Result};
use crate::model::*;
use crate::store::{CouncilPackInfo, NewCouncilPack, ProjectFilter, Store};
use crate::Lang;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// Gathers a project's brief data; `decision` replaces the default proposal.
pub fn gather_project(
    store: &Store,
    id: i64,
    decision: Option<&str>,
    lang: Lang,
    today: NaiveDate,
) -> Result<ProjectBrief> {
    let detail = store.project_detail(id)?;
    let catalogue = Entries::read(store)?;
    catalogue.brief(store, detail, decision, lang, today)
}

/// The catalogue entries briefs refer to, read once per document.
struct Entries {
    actors: BTreeMap<String, Actor>,
    solutions: BTreeMap<String, Solution>,
    schemes: BTreeMap<String, FundingScheme>,
    /// The same schemes, and their calls, for the money rules.
    scheme_list: Vec<FundingScheme>,
    calls: Vec<SchemeCall>,
}

impl Entries {
    fn read(store: &Store) -> Result<Entries> {
        let scheme_list = store.funding_schemes()?;
        Ok(Entries {
            actors: store
                .actors()?
                .into_iter()
                .map(|a| (a.id.clone(), a))
                .collect(),
            solutions: store
                .solutions()?
                .into_iter()
                .map(|s| (s.id.clone(), s))
                .collect(),
            schemes: scheme_list
                .iter()
                .map(|s| (s.code.clone(), s.clone()))
                .collect(),
            scheme_list,
            calls: store.scheme_calls()?,
        })
    }

    fn town_name(&self, store: &Store, insee: &str) -> Result<String> {
        Ok(store
            .commune(insee)?
            .map(|c| c.name)
            .unwrap_or_else(|| insee.to_owned()))
    }

    fn brief(
        &self,
        store: &Store,
        detail: ProjectDetail,
        decision: Option<&str>,
        lang: Lang,
        today: NaiveDate,
    ) -> Result<ProjectBrief> {
        let findings = crate::rules::check_project(&detail, &self.scheme_list, &self.calls, today);
        let town_name = self.town_name(store, &detail.project.fields.town_insee)?;
        let actors = detail
            .lines
            .actors
            .iter()
            .map(|l| {
                let a = self.actors.get(&l.actor_id);
                ActorLine {
                    name: a.map_or_else(|| l.actor_id.clone(), |a| a.name.clone()),
                    kind: a.map(|a| a.kind),
                    role: l.role.clone(),
                    contact_status: l.contact_status,
                }
            })
            .collect();
        let solutions = detail
            .lines
            .solutions
            .iter()
            .map(|l| {
                let s = self.solutions.get(&l.solution_id);
                SolutionLine {
                    title_fr: s.map_or_else(|| l.solution_id.clone(), |s| s.title_fr.clone()),
                    title_en: s.map_or_else(|| l.solution_id.clone(), |s| s.title_en.clone()),
                    example_town: s.and_then(|s| s.example_town.clone()),
                    note: l.note.clone(),
                }
            })
            .collect();
        let scheme_names = detail
            .lines
            .funding_lines
            .iter()
            .filter_map(|f| f.scheme.as_ref())
            .filter_map(|code| {
                self.schemes
                    .get(code)
                    .map(|s| (code.clone(), (s.name_fr.clone(), s.name_en.clone())))
            })
            .collect();
        let decision = match decision.map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => d.to_owned(),
            None => default_decision(detail.project.fields.stage, lang),
        };
        Ok(ProjectBrief {
            detail,
            town_name,
            actors,
            solutions,
            scheme_names,
            decision,
            findings,
        })
    }
}

/// The brief of one project, as PDF bytes.
pub fn project_brief(
    store: &Store,
    id: i64,
    decision: Option<&str>,
    opts: &BriefOptions,
) -> Result<Vec<u8>> {
    let brief = gather_project(store, id, decision, opts.lang, opts.today)?;
    render_project(&brief, opts)
}

/// The portfolio of a town (or of every followed town), as PDF bytes.
pub fn portfolio_brief(
    store: &Store,
    town_insee: Option<&str>,
    by: GroupBy,
    opts: &BriefOptions,
) -> Result<Vec<u8>> {
    let portfolio = gather_portfolio(store, town_insee, opts.today)?;
    render_portfolio(&portfolio, by, opts)
}

/// Gathers the projects of a portfolio and what the money rules find on
/// `today`.
pub fn gather_portfolio(
    store: &Store,
    town_insee: Option<&str>,
    today: NaiveDate,
) -> Result<Portfolio> {
    let schemes = store.funding_schemes()?;
    let calls = store.scheme_calls()?;
    let town = match town_insee.map(str::trim) {
        Some(t) => Some(store.followed_town(t)?),
        None => None,
    };
    let list = store.projects(&ProjectFilter {
        town_insee: town.as_ref().map(|t| t.commune.insee.clone()),
        ..Default::default()
    })?;
    let mut projects = Vec::with_capacity(list.len());
    for p in list {
        let detail = store.project_detail(p.id)?;
        let findings = crate::rules::check_project(&detail, &schemes, &calls, today);
        projects.push(PortfolioProject {
            detail,
            town_name: p.town_name,
            findings,
        });
    }
    Ok(Portfolio {
        town_name: town.map(|t| t.commune.name),
        projects,
    })
}

/// A stored council pack.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CouncilPack {
    pub id: i64,
    pub pdf: Vec<u8>,
    pub changes: Changes,
}

/// Builds the pack of a council meeting, stores it as a frozen snapshot
/// (PDF + the data it was made from) and returns it. The "what changed"
/// page covers the time since the town's previous pack, or the 90 days
/// before the meeting when there is none.
pub fn council_pack(
    store: &mut Store,
    req: &CouncilRequest,
    opts: &BriefOptions,
) -> Result<CouncilPack> {
    if req.project_ids.is_empty() {
        return Err(Error::invalid(Problem::new(
            "projects",
            "Ordre du jour : indiquez au moins un projet",
            "Agenda: give at least one project",
        )));
    }
    let catalogue = Entries::read(store)?;
    let mut items = Vec::with_capacity(req.project_ids.len());
    for id in &req.project_ids {
        let detail = store.project_detail(*id)?;
        let decision = req.decisions.get(id).map(String::as_str);
        items.push(catalogue.brief(store, detail, decision, opts.lang, opts.today)?);
    }
    let town = match &req.town_insee {
        Some(t) => t.trim().to_owned(),
        None => items[0].detail.project.fields.town_insee.clone(),
    };
    let town_name = catalogue.town_name(store, &town)?;
    store.followed_town(&town)?;
    let mut problems = Vec::new();
    for (i, b) in items.iter().enumerate() {
        if b.detail.project.fields.town_insee != town {
            problems.push(Problem::new(
                format!("projects[{i}]"),
                format!(
                    "Ordre du jour : le projet n° {} appartient à {}, pas à {town_name}",
                    b.detail.project.id, b.town_name
                ),
                format!(
                    "Agenda: project #{} belongs to {}, not to {town_name}",
                    b.detail.project.id, b.town_name
                ),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let previous = store.last_council_pack_before(&town, req.meeting_date)?;
    let since = previous.unwrap_or(req.meeting_date - chrono::Days::new(90));
    let mut town_projects = Vec::new();
    for p in store.projects(&ProjectFilter {
        town_insee: Some(town.clone()),
        ..Default::default()
    })? {
        town_projects.push(store.project_detail(p.id)?);
    }
    let mut changes = changes_between(&town_projects, since, req.meeting_date, previous.is_some());
    // The printed names of the schemes ("DSIL"), not their codes.
    for f in &mut changes.funding_changes {
        if let Some(s) = f.scheme.as_ref().and_then(|c| catalogue.schemes.get(c)) {
            f.scheme = Some(opts.lang.pick(&s.name_fr, &s.name_en).to_owned());
        }
    }
    let pdf = render_council_pack(&town_name, req.meeting_date, &items, &changes, opts)?;
    let data = serde_json::json!({
        "format": "bourgade-council-pack",
        "version": 1,
        "town_insee": town,
        "town_name": town_name,
        "meeting_date": req.meeting_date,
        "lang": opts.lang,
        "generated_at": opts.now,
        "items": items,
        "changes": changes,
    });
    let id = store.save_council_pack(&NewCouncilPack {
        town_insee: &town,
        meeting_date: req.meeting_date,
        created_at: opts.now,
        lang: opts.lang,
        project_ids: &req.project_ids,
        data: &data.to_string(),
        pdf: &pdf,
    })?;
    Ok(CouncilPack { id, pdf, changes })
}

/// The PDF of a stored council pack, exactly as it was first printed.
pub fn reprint_council_pack(store: &Store, id: i64) -> Result<Vec<u8>> {
    store.council_pack_pdf(id)
}

/// The stored council packs, newest meeting first.
pub fn council_packs(store: &Store, town_insee: Option<&str>) -> Result<Vec<CouncilPackInfo>> {
    store.council_packs(town_insee)
}

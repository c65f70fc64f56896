//! Steering questions of the window and the CLI: the town's multi-year
//! investment plan (PPI), its XLSX for the finance department, and the
//! indicators of a followed town; the comité de projet pack and the annual
//! review, stored frozen ([`committee_pack`], [`annual_review`],
//! [`reprint_steering_pack`]) and their XLSX dashboard ([`pack_xlsx`]).

use crate::error::{Error, Problem, Result};
use crate::model::YEARS;
use crate::steering::programme::{programme as compute, Programme};
use crate::store::Store;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Checks a range of years: inside 2000–2100, `from` ≤ `to`, at most 30 years.
pub fn check_years(from: i32, to: i32) -> Result<()> {
    if !YEARS.contains(&from) || !YEARS.contains(&to) || from > to || to - from > 30 {
        return Err(Error::invalid(Problem::new(
            "years",
            format!(
                "Années : de {from} à {to} n'est pas une période de 1 à 31 ans entre 2000 et 2100"
            ),
            format!("Years: {from} to {to} is not a period of 1 to 31 years between 2000 and 2100"),
        )));
    }
    Ok(())
}

/// The plan of one followed town (or of every followed town) from `from`
/// to `to`.
pub fn programme(store: &Store, town: Option<&str>, from: i32, to: i32) -> Result<Programme> {
    check_years(from, to)?;
    let town = town.map(str::trim);
    if let Some(t) = town {
        store.followed_town(t)?;
    }
    let details = store.project_details_in(town)?;
    Ok(compute(&details, from, to))
}

/// The plan as an XLSX workbook.
pub fn programme_xlsx(
    store: &Store,
    town: Option<&str>,
    from: i32,
    to: i32,
    now: DateTime<Utc>,
) -> Result<Vec<u8>> {
    let p = programme(store, town, from, to)?;
    let names: HashMap<String, String> = store
        .towns()?
        .into_iter()
        .map(|t| (t.commune.insee, t.commune.name))
        .collect();
    crate::exchange::programme::programme_xlsx(&p, &names, now)
}

// ------------------------------------------------- comité de projet packs

use crate::brief::BriefOptions;
use crate::model::Town;
use crate::steering::committee::{self, Baseline, Committee, Inputs, PackKind, Period, Totals};
use crate::store::{NewSteeringPack, SteeringPackInfo, SteeringPackKind};
use chrono::{Datelike, NaiveDate};

/// A comité de projet meeting to prepare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitteeRequest {
    /// The town; by default the only followed one.
    pub town_insee: Option<String>,
    /// The first day covered: the previous committee.
    pub since: NaiveDate,
    /// The meeting; by default the day of the pack.
    pub meeting_date: Option<NaiveDate>,
    /// The next committee; by default three months after the meeting.
    pub next: Option<NaiveDate>,
}

/// The annual review of a calendar year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRequest {
    /// The town; by default the only followed one.
    pub town_insee: Option<String>,
    pub year: i32,
}

/// A stored pack: its number, its PDF and the data it was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPack {
    pub id: i64,
    pub pdf: Vec<u8>,
    pub committee: Committee,
}

/// The town a pack is for: the one given (it must be followed), else the
/// only followed town.
pub fn pack_town(store: &Store, town: Option<&str>) -> Result<Town> {
    if let Some(t) = town.map(str::trim).filter(|t| !t.is_empty()) {
        return store.followed_town(t);
    }
    let towns = store.towns()?;
    match towns.as_slice() {
        [only] => Ok(only.clone()),
        [] => Err(Error::invalid(Problem::new(
            "town",
            "Aucune commune n'est suivie : ajoutez-en une (« bourgade town add INSEE ») avant de préparer un comité de projet",
            "No town is followed: add one (\"bourgade town add INSEE\") before preparing a steering committee",
        ))),
        many => {
            let list = many
                .iter()
                .map(|t| format!("{} ({})", t.commune.insee, t.commune.name))
                .collect::<Vec<_>>()
                .join(", ");
            Err(Error::invalid(Problem::new(
                "town",
                format!("Plusieurs communes sont suivies : indiquez --town parmi {list}"),
                format!("Several towns are followed: pass --town, one of {list}"),
            )))
        }
    }
}

/// The convention's initial plan of `town`: the totals of its first
/// stored committee pack.
fn baseline(store: &Store, town: &str) -> Result<Option<Baseline>> {
    let Some(first) = store.first_committee_pack(town)? else {
        return Ok(None);
    };
    let totals = serde_json::from_str::<serde_json::Value>(&first.data)
        .ok()
        .and_then(|v| serde_json::from_value::<Totals>(v.get("totals")?.clone()).ok())
        .ok_or_else(|| Error::Incompatible {
            fr: format!(
                "Le dossier de comité de projet n° {} ne se lit plus : son plan initial est illisible",
                first.id
            ),
            en: format!(
                "Steering committee pack #{} cannot be read: its initial plan is unreadable",
                first.id
            ),
        })?;
    Ok(Some(Baseline {
        pack_id: first.id,
        meeting_date: first.meeting_date,
        totals,
    }))
}

/// Gathers, lays out and stores a pack of `town` over `period`.
fn make_pack(
    store: &mut Store,
    town: &Town,
    period: Period,
    opts: &BriefOptions,
) -> Result<StoredPack> {
    let insee = town.commune.insee.clone();
    let details = store.project_details_in(Some(&insee))?;
    let town_indicators = store.town_indicators(&insee)?;
    let schemes = store.funding_schemes()?;
    let calls = store.scheme_calls()?;
    let c = committee::gather(&Inputs {
        town_insee: &insee,
        town_name: &town.commune.name,
        period,
        projects: &details,
        town_indicators: &town_indicators,
        schemes: &schemes,
        calls: &calls,
        baseline: baseline(store, &insee)?,
    });
    let pdf = crate::document::to_pdf(&committee::document(&c, opts), opts.now)?;
    let kind = match period.kind {
        PackKind::Committee => SteeringPackKind::Committee,
        PackKind::AnnualReview => SteeringPackKind::AnnualReview,
    };
    let data = serde_json::json!({
        "format": "bourgade-steering-pack",
        "version": 1,
        "kind": kind,
        "lang": opts.lang,
        "generated_at": opts.now,
        "totals": c.totals,
        "pack": c,
    });
    let id = store.save_steering_pack(&NewSteeringPack {
        town_insee: &insee,
        kind,
        meeting_date: period.to,
        since: period.from,
        created_at: opts.now,
        lang: opts.lang,
        data: &data.to_string(),
        pdf: &pdf,
    })?;
    Ok(StoredPack {
        id,
        pdf,
        committee: c,
    })
}

/// The pack of a comité de projet meeting, stored as a frozen snapshot (PDF
/// and data) and returned. It covers `since` to the meeting; the town's
/// earliest committee pack is its initial plan (the first pack becomes
/// it).
pub fn committee_pack(
    store: &mut Store,
    req: &CommitteeRequest,
    opts: &BriefOptions,
) -> Result<StoredPack> {
    let meeting = req.meeting_date.unwrap_or(opts.today);
    let next = req
        .next
        .unwrap_or_else(|| crate::rules::lapse::add_months(meeting, 3));
    let mut problems = Vec::new();
    if req.since > meeting {
        problems.push(Problem::new(
            "since",
            format!(
                "Période : le début ({}) est après la date du comité ({}) ; --since doit précéder --date",
                crate::text::date_fr(req.since),
                crate::text::date_fr(meeting)
            ),
            format!(
                "Period: the start ({}) is after the meeting ({}); --since must come before --date",
                crate::text::date_en(req.since),
                crate::text::date_en(meeting)
            ),
        ));
    }
    if next <= meeting {
        problems.push(Problem::new(
            "next",
            format!(
                "Prochain comité : le {} n'est pas après la séance du {}",
                crate::text::date_fr(next),
                crate::text::date_fr(meeting)
            ),
            format!(
                "Next committee: {} is not after the meeting of {}",
                crate::text::date_en(next),
                crate::text::date_en(meeting)
            ),
        ));
    }
    let town = pack_town(store, req.town_insee.as_deref())?;
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let period = Period {
        kind: PackKind::Committee,
        from: req.since,
        to: meeting,
        as_of: meeting,
        next,
        edited_on: opts.today,
    };
    make_pack(store, &town, period, opts)
}

/// The convention's annual review of a calendar year (not after the
/// current one), stored like a committee pack. When the year is not over,
/// the state is that of the day of the review.
pub fn annual_review(
    store: &mut Store,
    req: &ReviewRequest,
    opts: &BriefOptions,
) -> Result<StoredPack> {
    let y = req.year;
    if !YEARS.contains(&y) || y > opts.today.year() {
        return Err(Error::invalid(Problem::new(
            "year",
            format!(
                "Bilan annuel : l'année {y} n'est pas une année passée ou en cours (de 2000 à {})",
                opts.today.year()
            ),
            format!(
                "Annual review: {y} is not a past or current year (2000 to {})",
                opts.today.year()
            ),
        )));
    }
    let town = pack_town(store, req.town_insee.as_deref())?;
    let from = NaiveDate::from_ymd_opt(y, 1, 1).expect("a year of 2000–2100");
    let to = NaiveDate::from_ymd_opt(y, 12, 31).expect("a year of 2000–2100");
    let as_of = to.min(opts.today);
    let period = Period {
        kind: PackKind::AnnualReview,
        from,
        to,
        as_of,
        next: crate::rules::lapse::add_months(as_of, 3),
        edited_on: opts.today,
    };
    make_pack(store, &town, period, opts)
}

/// The XLSX dashboard of a pack just made: the same content, one sheet
/// per view.
pub fn pack_xlsx(pack: &StoredPack, opts: &BriefOptions) -> Result<Vec<u8>> {
    crate::exchange::committee::dashboard_xlsx(&pack.committee, opts.lang, opts.now)
}

/// The PDF of a stored steering pack, exactly as it was first printed.
pub fn reprint_steering_pack(store: &Store, id: i64) -> Result<Vec<u8>> {
    store.steering_pack_pdf(id)
}

/// The stored steering packs, newest meeting first.
pub fn steering_packs(store: &Store, town: Option<&str>) -> Result<Vec<SteeringPackInfo>> {
    store.steering_packs(town)
}

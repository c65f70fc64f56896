//! The catalogue as the manager reads it: actors with where they work in
//! codes and in words, filtered by région, département or kind; funding
//! schemes; and catalogue updates from a file (`bourgade catalogue update`,
//! the settings screen), checked first and applied in one transaction.

use crate::error::{Error, Problem, Result};
use crate::exchange::catalogue::{self as bundle};
use crate::model::{Actor, ActorKind, Area, FundingScheme};
use crate::store::{CatalogueReport, EntryKind, Store};
use crate::Lang;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;

/// An actor with where it works, in codes and in words.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ActorView {
    /// The actor's id (also in `id`), the name other tools read.
    pub actor_id: String,
    #[serde(flatten)]
    pub actor: Actor,
    /// `regions` and `departements`, as codes.
    #[serde(flatten)]
    pub area: Area,
    /// Where it works, in words: « Occitanie », « France entière »…
    pub area_fr: String,
    pub area_en: String,
    /// True for an actor the user created or edited.
    pub local: bool,
    /// The followed towns (INSEE codes) where the actor works.
    pub serves_towns: Vec<String>,
}

/// Which actors to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorQuery {
    /// Those working in this région (INSEE code), national ones included.
    pub region: Option<String>,
    /// Those working in this département, national ones included.
    pub departement: Option<String>,
    pub kind: Option<ActorKind>,
    /// Include the entries a catalogue update retired.
    pub include_retired: bool,
}

/// The actors of the catalogue and the user's own, by name, with where
/// they work. An unknown région or département code is refused.
pub fn actors(store: &Store, q: &ActorQuery) -> Result<Vec<ActorView>> {
    let geo = store.geo_index()?;
    if let Some(r) = q
        .region
        .as_deref()
        .filter(|r| !geo.regions.contains_key(*r))
    {
        return Err(Error::invalid(Problem::new(
            "region",
            format!("Région : « {r} » n'est pas un code de région INSEE (par exemple 27 pour la Bourgogne-Franche-Comté, 76 pour l'Occitanie)"),
            format!("Region: \"{r}\" is not an INSEE region code (for instance 27 for Bourgogne-Franche-Comté, 76 for Occitanie)"),
        )));
    }
    if let Some(d) = q
        .departement
        .as_deref()
        .filter(|d| !geo.departements.contains_key(*d))
    {
        return Err(Error::invalid(Problem::new(
            "departement",
            format!("Département : « {d} » n'est pas un code de département (par exemple 70, 2A ou 971)"),
            format!("Département: \"{d}\" is not a département code (for instance 70, 2A or 971)"),
        )));
    }
    let local: HashSet<String> = store.user_actors()?.into_iter().map(|a| a.id).collect();
    let towns = store.towns()?;
    let serves = |a: &Actor| -> Vec<String> {
        towns
            .iter()
            .filter(|t| a.works_in(&t.commune).is_some())
            .map(|t| t.commune.insee.clone())
            .collect()
    };
    Ok(store
        .actors()?
        .into_iter()
        .filter(|a| q.include_retired || !a.retired)
        .filter(|a| q.kind.is_none_or(|k| a.kind == k))
        .filter(|a| {
            q.region
                .as_deref()
                .is_none_or(|r| geo.works_in_region(a, r))
        })
        .filter(|a| {
            q.departement
                .as_deref()
                .is_none_or(|d| geo.works_in_departement(a, d))
        })
        .map(|a| ActorView {
            actor_id: a.id.clone(),
            area: geo.area(&a),
            area_fr: geo.area_text(&a, Lang::Fr),
            area_en: geo.area_text(&a, Lang::En),
            local: local.contains(&a.id),
            serves_towns: serves(&a),
            actor: a,
        })
        .collect())
}

/// Every funding scheme, by code (retired ones only with `include_retired`).
pub fn schemes(store: &Store, include_retired: bool) -> Result<Vec<FundingScheme>> {
    let mut all = store.funding_schemes()?;
    all.retain(|f| include_retired || !f.retired);
    Ok(all)
}

/// Reads a catalogue bundle and applies it (or, with `dry_run`, says what
/// it would change). The user's own entries and edits are never touched;
/// entries the update no longer lists are marked retired, not deleted.
pub fn update_catalogue(store: &mut Store, path: &Path, dry_run: bool) -> Result<CatalogueReport> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let b = bundle::read(&bytes, &store.geo_index()?)?;
    if let (true, Some(v), Some(held)) = (
        b.complete,
        b.catalogue_version,
        store.newest_catalogue_version()?,
    ) {
        if v < held {
            return Err(Error::invalid(Problem::new(
                "catalogue_version",
                format!("Ce catalogue (version {v}) est plus ancien que celui de la base (version {held}) : il n'est pas appliqué, rien n'a été modifié."),
                format!("This catalogue (version {v}) is older than the database's (version {held}): it is not applied, nothing was changed."),
            )));
        }
    }
    let known: HashSet<(EntryKind, String)> = store
        .actors()?
        .into_iter()
        .map(|a| (EntryKind::Actor, a.id))
        .chain(
            store
                .funding_schemes()?
                .into_iter()
                .map(|f| (EntryKind::Scheme, f.code)),
        )
        .collect();
    let unknown: Vec<Problem> = b
        .retired
        .iter()
        .filter(|r| !known.contains(&(r.kind, r.id.clone())))
        .map(|r| {
            Problem::new(
                "retired",
                format!(
                    "Retrait : « {} » n'est pas dans le catalogue de la base",
                    r.id
                ),
                format!(
                    "Retirement: \"{}\" is not in the database's catalogue",
                    r.id
                ),
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(Error::Invalid(unknown));
    }
    let retire = b.retirements();
    store.update_catalogue(&b.change(&retire), dry_run)
}

/// Writes the catalogue shipped with this version as one bundle (for
/// another computer, or to publish a correction); returns how many entries.
pub fn export_catalogue(path: &Path, today: NaiveDate) -> Result<usize> {
    let b = bundle::shipped(Some(today))?;
    crate::exchange::write_atomically(path, bundle::to_json(&b).as_bytes())?;
    Ok(b.actors.len() + b.schemes.len() + b.solutions.len())
}

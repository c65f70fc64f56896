//! Loading the shipped reference data into the database, and reading the
//! catalogues back. A newer catalogue updates shipped entries the user has
//! not edited; it never overwrites or deletes the user's own entries.

use super::{search, Store};
use crate::error::{Error, Result};
use crate::model::{
    Actor, Catalogue, Commune, FundingScheme, Geography, Label, Solution, Taxonomy,
};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use std::collections::HashMap;

/// What a catalogue load did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct LoadReport {
    pub inserted: usize,
    pub updated: usize,
    /// Shipped entries left alone because the user edited them (or uses the id).
    pub kept_user_versions: usize,
}

/// Which reference data a database holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CatalogueStatus {
    pub catalogue_version: Option<u32>,
    pub communes_version: Option<String>,
    pub communes: i64,
    pub actors: i64,
    pub solutions: i64,
    pub schemes: i64,
}

enum Existing {
    Absent,
    Shipped,
    User,
}

fn existing(tx: &Transaction, table: &str, key: &str, id: &str) -> Result<Existing> {
    let sql = format!("SELECT origin, user_edited FROM {table} WHERE {key} = ?1");
    let row: Option<(String, i64)> = tx
        .query_row(&sql, [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match row {
        None => Existing::Absent,
        Some((origin, edited)) if origin == "catalogue" && edited == 0 => Existing::Shipped,
        Some(_) => Existing::User,
    })
}

fn tally(report: &mut LoadReport, e: &Existing) -> bool {
    match e {
        Existing::Absent => report.inserted += 1,
        Existing::Shipped => report.updated += 1,
        Existing::User => {
            report.kept_user_versions += 1;
            return false;
        }
    }
    true
}

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("catalogue entries serialise")
}

impl Store {
    /// A value of the `meta` table (versions of the loaded reference data).
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Loads (inserts or updates) the official geography in one transaction.
    pub fn load_geography(&mut self, geo: &Geography) -> Result<()> {
        let tx = self.conn.transaction()?;
        load_communes(&tx, &geo.communes)?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('communes_version', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [&geo.version],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Loads a few communes (tests and fixtures).
    pub fn load_communes(&mut self, communes: &[Commune]) -> Result<()> {
        let tx = self.conn.transaction()?;
        load_communes(&tx, communes)?;
        tx.commit()?;
        Ok(())
    }

    /// Loads a catalogue: labels, actors, solutions, schemes. Shipped entries
    /// the user has not edited are updated; user entries are never touched;
    /// nothing is deleted.
    pub fn load_catalogue(&mut self, c: &Catalogue) -> Result<LoadReport> {
        let tx = self.conn.transaction()?;
        load_labels(&tx, &c.taxonomy)?;
        let mut report = LoadReport::default();
        for a in &c.actors {
            let e = existing(&tx, "actor", "id", &a.id)?;
            if tally(&mut report, &e) {
                tx.execute(
                    "INSERT INTO actor (id, name, kind, scope, data, origin, user_edited)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'catalogue', 0)
                     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                        scope = excluded.scope, data = excluded.data",
                    params![a.id, a.name, a.kind.as_str(), a.scope.as_str(), json(a)],
                )?;
                search::index_actor(&tx, a)?;
            }
        }
        for s in &c.solutions {
            let e = existing(&tx, "solution", "id", &s.id)?;
            if tally(&mut report, &e) {
                tx.execute(
                    "INSERT INTO solution (id, title, data, origin, user_edited)
                     VALUES (?1, ?2, ?3, 'catalogue', 0)
                     ON CONFLICT (id) DO UPDATE SET title = excluded.title, data = excluded.data",
                    params![s.id, s.title_fr, json(s)],
                )?;
                search::index_solution(&tx, s)?;
            }
        }
        for f in &c.schemes {
            let e = existing(&tx, "funding_scheme", "code", &f.code)?;
            if tally(&mut report, &e) {
                tx.execute(
                    "INSERT INTO funding_scheme (code, name, data, origin, user_edited)
                     VALUES (?1, ?2, ?3, 'catalogue', 0)
                     ON CONFLICT (code) DO UPDATE SET name = excluded.name, data = excluded.data",
                    params![f.code, f.name_fr, json(f)],
                )?;
            }
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('catalogue_version', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [c.version.to_string()],
        )?;
        tx.commit()?;
        Ok(report)
    }

    /// Which reference data this database holds.
    pub fn catalogue_status(&self) -> Result<CatalogueStatus> {
        let count = |t: &str| -> Result<i64> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?)
        };
        Ok(CatalogueStatus {
            catalogue_version: self.meta("catalogue_version")?.and_then(|v| v.parse().ok()),
            communes_version: self.meta("communes_version")?,
            communes: count("commune")?,
            actors: count("actor")?,
            solutions: count("solution")?,
            schemes: count("funding_scheme")?,
        })
    }

    /// Every actor, by name.
    pub fn actors(&self) -> Result<Vec<Actor>> {
        self.catalogue_rows("SELECT data FROM actor ORDER BY name COLLATE NOCASE, id")
    }

    /// Every inspiring solution, by title.
    pub fn solutions(&self) -> Result<Vec<Solution>> {
        self.catalogue_rows("SELECT data FROM solution ORDER BY title COLLATE NOCASE, id")
    }

    /// Every funding scheme, by code.
    pub fn funding_schemes(&self) -> Result<Vec<FundingScheme>> {
        self.catalogue_rows("SELECT data FROM funding_scheme ORDER BY code")
    }

    /// Actors the user created or edited, for exports.
    pub fn user_actors(&self) -> Result<Vec<Actor>> {
        self.catalogue_rows(
            "SELECT data FROM actor WHERE origin = 'user' OR user_edited = 1 ORDER BY id",
        )
    }

    fn catalogue_rows<T: serde::de::DeserializeOwned>(&self, sql: &str) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for json in rows {
            let json = json?;
            out.push(
                serde_json::from_str(&json).map_err(|e| Error::Incompatible {
                    fr: format!("Entrée de catalogue illisible dans la base : {e}"),
                    en: format!("Unreadable catalogue entry in the database: {e}"),
                })?,
            );
        }
        Ok(out)
    }

    /// Adds or replaces an actor the user created or edited. A shipped actor
    /// edited by the user is kept from then on (never overwritten by updates).
    pub fn save_actor(&mut self, actor: &Actor) -> Result<()> {
        let problems = crate::model::validate_actor(actor);
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let tx = self.conn.transaction()?;
        upsert_user_actor(&tx, actor)?;
        tx.commit()?;
        Ok(())
    }

    /// Adds or replaces an inspiring solution the user recorded (for instance
    /// from a finished project): the user's own, never overwritten by a
    /// catalogue update, and indexed for search in the same transaction.
    /// Where the stored solution with this id comes from (`catalogue` or
    /// `user`), if there is one.
    pub fn solution_origin(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT origin FROM solution WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn save_solution(&mut self, solution: &Solution) -> Result<()> {
        let problems = crate::model::validate_solution(solution);
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO solution (id, title, data, origin, user_edited)
             VALUES (?1, ?2, ?3, 'user', 1)
             ON CONFLICT (id) DO UPDATE SET title = excluded.title, data = excluded.data,
                user_edited = 1",
            params![solution.id, solution.title_fr, json(solution)],
        )?;
        search::index_solution(&tx, solution)?;
        tx.commit()?;
        Ok(())
    }

    /// The labels of every code, as stored.
    pub fn labels(&self) -> Result<HashMap<String, Vec<Label>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT vocabulary, code, fr, en FROM label ORDER BY vocabulary, position",
        )?;
        let mut out: HashMap<String, Vec<Label>> = HashMap::new();
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Label {
                    code: r.get(1)?,
                    fr: r.get(2)?,
                    en: r.get(3)?,
                },
            ))
        })?;
        for row in rows {
            let (voc, label) = row?;
            out.entry(voc).or_default().push(label);
        }
        Ok(out)
    }
}

/// Writes an actor as the user's own version (created or edited by the user).
pub(crate) fn upsert_user_actor(tx: &Transaction, actor: &Actor) -> Result<()> {
    tx.execute(
        "INSERT INTO actor (id, name, kind, scope, data, origin, user_edited)
         VALUES (?1, ?2, ?3, ?4, ?5, 'user', 1)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
            scope = excluded.scope, data = excluded.data, user_edited = 1",
        params![
            actor.id,
            actor.name,
            actor.kind.as_str(),
            actor.scope.as_str(),
            json(actor)
        ],
    )?;
    search::index_actor(tx, actor)
}

fn load_labels(tx: &Transaction, t: &Taxonomy) -> Result<()> {
    for voc in [
        "stages",
        "health",
        "priority",
        "themes",
        "axes",
        "funders",
        "funding_kinds",
        "expense_natures",
        "funding_statuses",
        "contact_statuses",
        "actor_kinds",
        "scopes",
        "services",
        "legal_forms",
    ] {
        for (i, l) in t.vocabulary(voc).unwrap_or_default().iter().enumerate() {
            tx.execute(
                "INSERT INTO label (vocabulary, code, position, fr, en) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (vocabulary, code) DO UPDATE SET position = excluded.position, fr = excluded.fr, en = excluded.en",
                params![voc, l.code, i as i64, l.fr, l.en],
            )?;
        }
    }
    Ok(())
}

fn load_communes(tx: &Transaction, communes: &[Commune]) -> Result<()> {
    let mut region = tx.prepare_cached(
        "INSERT INTO region (code, name) VALUES (?1, ?2) ON CONFLICT (code) DO UPDATE SET name = excluded.name",
    )?;
    let mut dep = tx.prepare_cached(
        "INSERT INTO departement (code, name, region) VALUES (?1, ?2, ?3)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, region = excluded.region",
    )?;
    let mut epci = tx.prepare_cached(
        "INSERT INTO epci (code, name) VALUES (?1, ?2) ON CONFLICT (code) DO UPDATE SET name = excluded.name",
    )?;
    let mut commune = tx.prepare_cached(
        "INSERT INTO commune (insee, name, departement, region, population, epci_code, postcodes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (insee) DO UPDATE SET name = excluded.name, departement = excluded.departement,
            region = excluded.region, population = excluded.population, epci_code = excluded.epci_code,
            postcodes = excluded.postcodes",
    )?;
    let mut seen_regions = std::collections::HashSet::new();
    let mut seen_deps = std::collections::HashSet::new();
    let mut seen_epci = std::collections::HashSet::new();
    for c in communes {
        if seen_regions.insert(c.region.as_str()) {
            region.execute(params![c.region, c.region_name])?;
        }
        if seen_deps.insert(c.departement.as_str()) {
            dep.execute(params![c.departement, c.departement_name, c.region])?;
        }
        if let (Some(code), Some(name)) = (&c.epci_code, &c.epci_name) {
            if seen_epci.insert(code.as_str()) {
                epci.execute(params![code, name])?;
            }
        }
        let postcodes = c.postcodes.join(" ");
        commune.execute(params![
            c.insee,
            c.name,
            c.departement,
            c.region,
            c.population,
            c.epci_code,
            postcodes
        ])?;
        search::index_commune(tx, &c.insee, &c.name, &postcodes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::model::*;
    use crate::store::testing;

    #[test]
    fn newer_catalogue_updates_shipped_entries_and_keeps_the_users() {
        let mut s = testing::store();
        let mut cat = crate::reference::catalogue().unwrap();
        let shipped_id = cat.actors[0].id.clone();
        let edited_id = cat.actors[1].id.clone();

        let mut edited = cat.actors[1].clone();
        edited.description_fr = "Notre contact : Mme X, rencontrée au forum".into();
        s.save_actor(&edited).unwrap();
        let mine = Actor {
            id: "local-ressourcerie-du-poher".into(),
            name: "Ressourcerie locale".into(),
            kind: ActorKind::Local,
            scope: Scope::Local,
            territories: vec![],
            themes: vec![Theme::CircularEconomy],
            stages: vec![],
            services: vec![],
            legal_forms: vec![],
            description_fr: String::new(),
            description_en: String::new(),
            website: None,
            source: "Saisi par l'utilisateur".into(),
        };
        s.save_actor(&mine).unwrap();

        cat.version += 1;
        for a in &mut cat.actors {
            a.description_fr = format!("Version 2 : {}", a.description_fr);
        }
        let report = s.load_catalogue(&cat).unwrap();
        assert_eq!(
            report.kept_user_versions, 1,
            "the edited shipped actor is kept"
        );
        assert_eq!(report.inserted, 0);

        let all = s.actors().unwrap();
        let by_id = |id: &str| all.iter().find(|a| a.id == id).unwrap().clone();
        assert!(
            by_id(&shipped_id).description_fr.starts_with("Version 2"),
            "untouched shipped entry updated"
        );
        assert_eq!(
            by_id(&edited_id).description_fr,
            edited.description_fr,
            "user's edit survives"
        );
        assert_eq!(by_id(&mine.id), mine, "user's own actor untouched");
        assert_eq!(
            s.catalogue_status().unwrap().catalogue_version,
            Some(cat.version)
        );
    }
}

//! Loading the shipped reference data into the database, and reading the
//! catalogues back. A newer catalogue updates shipped entries the user has
//! not edited; it never overwrites or deletes the user's own entries.

use super::{search, Store};
use crate::error::{Error, Result};
use crate::model::{
    Actor, Catalogue, Commune, FundingScheme, GeoIndex, Geography, Label, Solution, Taxonomy,
};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// Which catalogue an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Actor,
    Scheme,
    Solution,
}

impl EntryKind {
    fn table(self) -> (&'static str, &'static str) {
        match self {
            EntryKind::Actor => ("actor", "id"),
            EntryKind::Scheme => ("funding_scheme", "code"),
            EntryKind::Solution => ("solution", "id"),
        }
    }

    fn tag(self) -> &'static str {
        match self {
            EntryKind::Actor => "actor",
            EntryKind::Scheme => "scheme",
            EntryKind::Solution => "solution",
        }
    }
}

/// One catalogue entry an update names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct EntryRef {
    pub kind: EntryKind,
    pub id: String,
    pub name: String,
}

/// What a catalogue update did (or would do, for a dry run).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CatalogueReport {
    pub dry_run: bool,
    /// The catalogue version the database holds after the update.
    pub catalogue_version: Option<u32>,
    pub added: Vec<EntryRef>,
    pub changed: Vec<EntryRef>,
    /// Entries no longer listed: kept and marked retired, never deleted,
    /// so projects keep their links.
    pub retired: Vec<EntryRef>,
    /// Entries the user created or edited under the same id: left alone.
    pub kept_user: Vec<EntryRef>,
    /// Entries already as the update has them.
    pub unchanged: usize,
}

/// A catalogue update: a whole shipped catalogue, or a file (a newer
/// release's catalogue, or a regional network's own entries).
#[derive(Debug, Clone, Copy)]
pub struct CatalogueChange<'a> {
    /// The catalogue version of a whole catalogue; `None` for a partial file.
    pub version: Option<u32>,
    pub taxonomy: Option<&'a Taxonomy>,
    pub actors: &'a [Actor],
    pub schemes: &'a [FundingScheme],
    pub solutions: &'a [Solution],
    /// A whole catalogue: the shipped actors and schemes it does not list
    /// are retired (not those a partial file added).
    pub complete: bool,
    /// Entries the file says are retired: (kind, id).
    pub retire: &'a [(EntryKind, String)],
}

/// Where a stored entry comes from, for an update.
enum Existing {
    Absent,
    /// Shipped (or from an update file), not edited: the stored JSON.
    Shipped(String),
    User,
}

fn existing(tx: &Transaction, kind: EntryKind, id: &str) -> Result<Existing> {
    let (table, key) = kind.table();
    let sql = format!("SELECT origin, user_edited, data FROM {table} WHERE {key} = ?1");
    let row: Option<(String, i64, String)> = tx
        .query_row(&sql, [id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(match row {
        None => Existing::Absent,
        Some((origin, 0, data)) if origin == "catalogue" => Existing::Shipped(data),
        Some(_) => Existing::User,
    })
}

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("catalogue entries serialise")
}

/// The `meta` key listing the entries partial files added ("actor:ID"):
/// a whole catalogue that does not list them does not retire them.
const ADDITIONS_KEY: &str = "catalogue_additions";

fn additions(tx: &Transaction) -> Result<BTreeSet<String>> {
    let raw: Option<String> = tx
        .query_row(
            "SELECT value FROM meta WHERE key = ?1",
            [ADDITIONS_KEY],
            |r| r.get(0),
        )
        .optional()?;
    match raw {
        None => Ok(BTreeSet::new()),
        Some(r) => serde_json::from_str(&r).map_err(|e| Error::Incompatible {
            fr: format!("Liste illisible des entrées ajoutées par fichier dans la base : {e}"),
            en: format!("Unreadable list of the entries files added, in the database: {e}"),
        }),
    }
}

/// A version number kept in `meta`.
fn meta_version(conn: &rusqlite::Connection, key: &str) -> Result<Option<u32>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
        .and_then(|v| v.parse().ok()))
}

/// The newest catalogue version the database holds: the shipped one's or
/// a whole file's.
fn newest_version(conn: &rusqlite::Connection) -> Result<Option<u32>> {
    Ok(meta_version(conn, "catalogue_version")?.max(meta_version(conn, "catalogue_file_version")?))
}

/// Sorts one entry of an update into the report; true when it is to be
/// written.
fn sort_entry(
    tx: &Transaction,
    report: &mut CatalogueReport,
    kind: EntryKind,
    id: &str,
    name: &str,
    data: &str,
) -> Result<bool> {
    let entry = || EntryRef {
        kind,
        id: id.to_owned(),
        name: name.to_owned(),
    };
    Ok(match existing(tx, kind, id)? {
        Existing::Absent => {
            report.added.push(entry());
            true
        }
        Existing::Shipped(stored) if stored == data => {
            report.unchanged += 1;
            false
        }
        Existing::Shipped(_) => {
            report.changed.push(entry());
            true
        }
        Existing::User => {
            report.kept_user.push(entry());
            false
        }
    })
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

    /// Loads the shipped catalogue: labels, actors, solutions, schemes.
    /// Shipped entries the user has not edited are updated, those it no
    /// longer lists are retired; the user's entries are never touched and
    /// nothing is deleted.
    pub fn load_catalogue(&mut self, c: &Catalogue) -> Result<CatalogueReport> {
        self.update_catalogue(
            &CatalogueChange {
                version: Some(c.version),
                taxonomy: Some(&c.taxonomy),
                actors: &c.actors,
                schemes: &c.schemes,
                solutions: &c.solutions,
                complete: true,
                retire: &[],
            },
            false,
        )
    }

    /// Applies a catalogue update in one transaction (rolled back for a dry
    /// run): adds new entries, updates the shipped ones the user has not
    /// edited, marks retired what the update retires (actors and schemes),
    /// and leaves the user's own entries and edits alone.
    pub fn update_catalogue(
        &mut self,
        change: &CatalogueChange,
        dry_run: bool,
    ) -> Result<CatalogueReport> {
        let tx = self.conn.transaction()?;
        if let Some(t) = change.taxonomy {
            load_labels(&tx, t)?;
        }
        let mut report = CatalogueReport {
            dry_run,
            ..Default::default()
        };
        let mut added_by_files = additions(&tx)?;
        let mut listed: BTreeSet<String> = BTreeSet::new();
        for a in change.actors {
            listed.insert(format!("actor:{}", a.id));
            let data = json(a);
            if sort_entry(&tx, &mut report, EntryKind::Actor, &a.id, &a.name, &data)? {
                tx.execute(
                    "INSERT INTO actor (id, name, kind, scope, data, origin, user_edited)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'catalogue', 0)
                     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                        scope = excluded.scope, data = excluded.data",
                    params![a.id, a.name, a.kind.as_str(), a.scope.as_str(), data],
                )?;
                search::index_actor(&tx, a)?;
            }
        }
        for s in change.solutions {
            listed.insert(format!("solution:{}", s.id));
            let data = json(s);
            if sort_entry(
                &tx,
                &mut report,
                EntryKind::Solution,
                &s.id,
                &s.title_fr,
                &data,
            )? {
                tx.execute(
                    "INSERT INTO solution (id, title, data, origin, user_edited)
                     VALUES (?1, ?2, ?3, 'catalogue', 0)
                     ON CONFLICT (id) DO UPDATE SET title = excluded.title, data = excluded.data",
                    params![s.id, s.title_fr, data],
                )?;
                search::index_solution(&tx, s)?;
            }
        }
        for f in change.schemes {
            listed.insert(format!("scheme:{}", f.code));
            let data = json(f);
            if sort_entry(
                &tx,
                &mut report,
                EntryKind::Scheme,
                &f.code,
                &f.name_fr,
                &data,
            )? {
                tx.execute(
                    "INSERT INTO funding_scheme (code, name, data, origin, user_edited)
                     VALUES (?1, ?2, ?3, 'catalogue', 0)
                     ON CONFLICT (code) DO UPDATE SET name = excluded.name, data = excluded.data",
                    params![f.code, f.name_fr, data],
                )?;
            }
        }
        // Retirements: what a whole catalogue no longer lists, and what the
        // file names; never the user's entries nor a partial file's.
        for kind in [EntryKind::Actor, EntryKind::Scheme] {
            let (table, key) = kind.table();
            let rows: Vec<(String, String, String)> = {
                let mut st = tx.prepare(&format!(
                    "SELECT {key}, name, data FROM {table}
                     WHERE origin = 'catalogue' AND user_edited = 0 ORDER BY {key}"
                ))?;
                let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for (id, name, data) in rows {
                let tag = format!("{}:{id}", kind.tag());
                let named = change.retire.iter().any(|(k, r)| *k == kind && *r == id);
                let missing =
                    change.complete && !listed.contains(&tag) && !added_by_files.contains(&tag);
                if !(named || missing) {
                    continue;
                }
                let mut value: serde_json::Value =
                    serde_json::from_str(&data).map_err(|e| Error::Incompatible {
                        fr: format!("Entrée de catalogue illisible dans la base : {e}"),
                        en: format!("Unreadable catalogue entry in the database: {e}"),
                    })?;
                if value.get("retired").and_then(|v| v.as_bool()) == Some(true) {
                    continue;
                }
                value["retired"] = serde_json::Value::Bool(true);
                tx.execute(
                    &format!("UPDATE {table} SET data = ?1 WHERE {key} = ?2"),
                    params![value.to_string(), id],
                )?;
                report.retired.push(EntryRef { kind, id, name });
            }
        }
        // The entries a partial file added are remembered as such, until a
        // whole catalogue lists them.
        if change.version.is_none() {
            for e in &report.added {
                added_by_files.insert(format!("{}:{}", e.kind.tag(), e.id));
            }
        } else {
            added_by_files.retain(|t| !listed.contains(t));
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![ADDITIONS_KEY, json(&added_by_files)],
        )?;
        // The shipped catalogue's version and the newest whole file's are
        // kept apart: a file never stops a later release's catalogue from
        // loading at start-up.
        if let Some(v) = change.version {
            let key = if change.taxonomy.is_some() {
                "catalogue_version"
            } else {
                "catalogue_file_version"
            };
            let stored = meta_version(&tx, key)?;
            if change.taxonomy.is_some() || stored.is_none_or(|s| s < v) {
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, v.to_string()],
                )?;
            }
        }
        report.catalogue_version = newest_version(&tx)?;
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(report)
    }

    /// The newest catalogue version this database holds (the shipped
    /// catalogue's, or a whole catalogue file's).
    pub fn newest_catalogue_version(&self) -> Result<Option<u32>> {
        newest_version(&self.conn)
    }

    /// Which reference data this database holds.
    pub fn catalogue_status(&self) -> Result<CatalogueStatus> {
        let count = |t: &str| -> Result<i64> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?)
        };
        Ok(CatalogueStatus {
            catalogue_version: newest_version(&self.conn)?,
            communes_version: self.meta("communes_version")?,
            communes: count("commune")?,
            actors: count("actor")?,
            solutions: count("solution")?,
            schemes: count("funding_scheme")?,
        })
    }

    /// The official geography's names and nesting, for territories in
    /// words and in codes ([`GeoIndex`]), with every EPCI.
    pub fn geo_index(&self) -> Result<GeoIndex> {
        self.geo_index_with(None)
    }

    /// The same with only the EPCI listed (`Some`), or all (`None`): the
    /// régions and départements are a few rows, the EPCI's départements
    /// take a pass over the communes.
    pub fn geo_index_with(&self, epcis: Option<&[&str]>) -> Result<GeoIndex> {
        let mut geo = GeoIndex::default();
        let mut st = self.conn.prepare_cached("SELECT code, name FROM region")?;
        for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (code, name) = row?;
            geo.regions.insert(code, name);
        }
        let mut st = self
            .conn
            .prepare_cached("SELECT code, name, region FROM departement")?;
        for row in st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (code, name, region) = row?;
            geo.departements.insert(code, (name, region));
        }
        let mut add = |code: String, name: String, dep: String| {
            geo.epcis
                .entry(code)
                .or_insert_with(|| (name, Default::default()))
                .1
                .insert(dep);
        };
        match epcis {
            None => {
                let mut st = self.conn.prepare_cached(
                    "SELECT c.epci_code, e.name, c.departement
                     FROM (SELECT DISTINCT epci_code, departement FROM commune
                           WHERE epci_code IS NOT NULL) c
                     JOIN epci e ON e.code = c.epci_code",
                )?;
                for row in st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
                    let (code, name, dep) = row?;
                    add(code, name, dep);
                }
            }
            Some(list) => {
                let mut st = self.conn.prepare_cached(
                    "SELECT DISTINCT e.code, e.name, c.departement FROM epci e
                     JOIN commune c ON c.epci_code = e.code WHERE e.code = ?1",
                )?;
                for code in list {
                    for row in st.query_map([code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
                        let (code, name, dep) = row?;
                        add(code, name, dep);
                    }
                }
            }
        }
        Ok(geo)
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
    use crate::store::CatalogueChange;

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
            verified_on: None,
            retired: false,
        };
        s.save_actor(&mine).unwrap();

        cat.version += 1;
        for a in &mut cat.actors {
            a.description_fr = format!("Version 2 : {}", a.description_fr);
        }
        let report = s.load_catalogue(&cat).unwrap();
        assert_eq!(
            report
                .kept_user
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>(),
            vec![edited_id.as_str()],
            "the edited shipped actor is kept"
        );
        assert!(report.added.is_empty());
        assert!(report.retired.is_empty());
        assert_eq!(report.changed.len(), cat.actors.len() - 1);

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

    #[test]
    fn a_catalogue_without_an_actor_retires_it_and_a_partial_file_only_adds() {
        let mut s = testing::store();
        let mut cat = crate::reference::catalogue().unwrap();
        s.load_catalogue(&cat).unwrap();
        let gone = cat.actors.remove(0);
        let gone_scheme = cat.schemes.remove(0);
        cat.version += 1;
        let report = s.load_catalogue(&cat).unwrap();
        assert_eq!(
            report
                .retired
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>(),
            vec![gone.id.as_str(), gone_scheme.code.as_str()]
        );
        assert_eq!(
            report.unchanged,
            cat.actors.len() + cat.schemes.len() + cat.solutions.len()
        );
        let stored = s.actors().unwrap();
        let kept = stored
            .iter()
            .find(|a| a.id == gone.id)
            .expect("kept, not deleted");
        assert!(kept.retired);
        assert!(s
            .funding_schemes()
            .unwrap()
            .iter()
            .any(|f| f.code == gone_scheme.code && f.retired));
        // Again: nothing more to retire.
        assert!(s.load_catalogue(&cat).unwrap().retired.is_empty());

        // A partial file (a network's own entries) adds one; a later whole
        // catalogue that does not list it does not retire it.
        let mut extra = cat.actors[0].clone();
        extra.id = "reseau-fictif".into();
        extra.name = "Réseau fictif".into();
        let partial = CatalogueChange {
            version: None,
            taxonomy: None,
            actors: std::slice::from_ref(&extra),
            schemes: &[],
            solutions: &[],
            complete: false,
            retire: &[],
        };
        let dry = s.update_catalogue(&partial, true).unwrap();
        assert_eq!(dry.added.len(), 1);
        assert!(
            s.actors().unwrap().iter().all(|a| a.id != "reseau-fictif"),
            "a dry run writes nothing"
        );
        s.update_catalogue(&partial, false).unwrap();
        cat.version += 1;
        assert!(s.load_catalogue(&cat).unwrap().retired.is_empty());
        // The old entry comes back when a catalogue lists it again.
        cat.actors.push(gone.clone());
        cat.version += 1;
        let back = s.load_catalogue(&cat).unwrap();
        assert_eq!(
            back.changed
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>(),
            vec![gone.id.as_str()]
        );
        assert!(
            !s.actors()
                .unwrap()
                .iter()
                .find(|a| a.id == gone.id)
                .unwrap()
                .retired
        );
    }
}

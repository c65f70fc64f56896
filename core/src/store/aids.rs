//! Aids imported from Aides-territoires (migration 8): saving a whole file
//! in one transaction (an aid with a known id or slug is updated, never
//! duplicated), reading them back, and the names of the geography an aid's
//! perimeter is matched against.

use super::sql::timestamp;
use super::{now_rfc3339, Store};
use crate::error::{Error, Result};
use crate::model::{Aid, PerimeterScale, StoredAid};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

/// What saving a file of aids did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AidsSaved {
    pub created: usize,
    pub updated: usize,
}

/// The names of the geography, for placing a perimeter given by its name.
#[derive(Debug, Clone, Default)]
pub struct GeographyNames {
    /// (code, name) of every région.
    pub regions: Vec<(String, String)>,
    /// (code, name) of every département.
    pub departements: Vec<(String, String)>,
    /// (SIREN, name) of every EPCI.
    pub epcis: Vec<(String, String)>,
}

fn scale_code(s: PerimeterScale) -> &'static str {
    match s {
        PerimeterScale::National => "national",
        PerimeterScale::Metropole => "metropole",
        PerimeterScale::Overseas => "overseas",
        PerimeterScale::Region => "region",
        PerimeterScale::Departement => "departement",
        PerimeterScale::Epci => "epci",
        PerimeterScale::Commune => "commune",
        PerimeterScale::Unknown => "unknown",
    }
}

fn not_found(id: i64) -> Error {
    Error::NotFound {
        what_fr: "Aide",
        what_en: "Aid",
        key: format!("n° {id}"),
    }
}

fn read_aid(r: &rusqlite::Row) -> rusqlite::Result<StoredAid> {
    let data: String = r.get(1)?;
    let aid: Aid = serde_json::from_str(&data).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(StoredAid {
        id: r.get(0)?,
        aid,
        imported_at: timestamp(r, 2)?,
        updated_at: timestamp(r, 3)?,
    })
}

/// The row of an aid already stored: same id, else same slug, else same key.
fn existing(conn: &rusqlite::Connection, aid: &Aid) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM aid
              WHERE (?1 IS NOT NULL AND at_id = ?1)
                 OR (?2 IS NOT NULL AND slug = ?2)
                 OR key = ?3
              ORDER BY (at_id IS ?1) DESC, (slug IS ?2) DESC, id
              LIMIT 1",
            params![aid.at_id, aid.slug, aid.key],
            |r| r.get(0),
        )
        .optional()?)
}

impl Store {
    /// How many of these aids are already stored (same id, slug or key).
    pub fn count_known_aids(&self, aids: &[Aid]) -> Result<usize> {
        let mut n = 0;
        for a in aids {
            if existing(&self.conn, a)?.is_some() {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Saves checked aids in one transaction: an aid already stored (same
    /// id, else slug, else key) is replaced in its row, the others are added.
    pub fn save_aids(&mut self, aids: &[Aid], now: DateTime<Utc>) -> Result<AidsSaved> {
        let stamp = now_rfc3339(now);
        let tx = self.conn.transaction()?;
        let mut saved = AidsSaved::default();
        for a in aids {
            let data = serde_json::to_string(a).expect("an aid serialises");
            let deadline = a.submission_deadline.map(|d| d.to_string());
            match existing(&tx, a)? {
                Some(id) => {
                    // Another row may hold the new key (an aid once imported
                    // without id, now with one): it is the same aid.
                    tx.execute(
                        "DELETE FROM aid WHERE key = ?1 AND id <> ?2",
                        params![a.key, id],
                    )?;
                    tx.execute(
                        "UPDATE aid SET key = ?1, at_id = ?2, slug = ?3, name = ?4,
                                perimeter_scale = ?5, perimeter_code = ?6,
                                submission_deadline = ?7, data = ?8, updated_at = ?9
                          WHERE id = ?10",
                        params![
                            a.key,
                            a.at_id,
                            a.slug,
                            a.name,
                            scale_code(a.perimeter.scale),
                            a.perimeter.code,
                            deadline,
                            data,
                            stamp,
                            id
                        ],
                    )?;
                    saved.updated += 1;
                }
                None => {
                    tx.execute(
                        "INSERT INTO aid (key, at_id, slug, name, perimeter_scale, perimeter_code,
                                          submission_deadline, data, imported_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                        params![
                            a.key,
                            a.at_id,
                            a.slug,
                            a.name,
                            scale_code(a.perimeter.scale),
                            a.perimeter.code,
                            deadline,
                            data,
                            stamp
                        ],
                    )?;
                    saved.created += 1;
                }
            }
        }
        tx.commit()?;
        Ok(saved)
    }

    /// Every stored aid, by name then id.
    pub fn aids(&self) -> Result<Vec<StoredAid>> {
        let mut st = self.conn.prepare(
            "SELECT id, data, imported_at, updated_at FROM aid ORDER BY name COLLATE NOCASE, id",
        )?;
        let rows = st.query_map([], read_aid)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One stored aid.
    pub fn aid(&self, id: i64) -> Result<StoredAid> {
        self.conn
            .query_row(
                "SELECT id, data, imported_at, updated_at FROM aid WHERE id = ?1",
                [id],
                read_aid,
            )
            .optional()?
            .ok_or_else(|| not_found(id))
    }

    /// How many aids are stored.
    pub fn count_aids(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM aid", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// The names of every région, département and EPCI.
    pub fn geography_names(&self) -> Result<GeographyNames> {
        let pairs = |sql: &str| -> Result<Vec<(String, String)>> {
            let mut st = self.conn.prepare(sql)?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        };
        Ok(GeographyNames {
            regions: pairs("SELECT code, name FROM region ORDER BY code")?,
            departements: pairs("SELECT code, name FROM departement ORDER BY code")?,
            epcis: pairs("SELECT code, name FROM epci ORDER BY code")?,
        })
    }

    /// The INSEE codes of the current communes with exactly this name
    /// (case aside).
    pub fn communes_named(&self, name: &str) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare("SELECT insee FROM commune WHERE name = ?1 COLLATE NOCASE ORDER BY insee")?;
        let rows = st.query_map([name], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Aid, AidPerimeter};
    use chrono::TimeZone;

    fn aid(key: &str, at_id: Option<&str>, slug: Option<&str>, name: &str) -> Aid {
        Aid {
            key: key.into(),
            at_id: at_id.map(Into::into),
            slug: slug.map(Into::into),
            name: name.into(),
            financers: vec![],
            instructors: vec![],
            programs: vec![],
            audiences: vec![],
            aid_types: vec![],
            other_aid_types: vec![],
            perimeter: AidPerimeter::unknown(""),
            steps: vec![],
            categories: vec![],
            themes: vec![],
            destinations: vec![],
            start_date: None,
            predeposit_date: None,
            submission_deadline: None,
            recurrence: None,
            rate_min: None,
            rate_max: None,
            is_call_for_project: None,
            origin_url: String::new(),
            application_url: String::new(),
            description: String::new(),
        }
    }

    #[test]
    fn same_id_or_slug_updates_never_duplicates() {
        let mut s = crate::store::testing::store();
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let saved = s
            .save_aids(
                &[
                    aid("at:1", Some("1"), None, "A"),
                    aid("slug:b", None, Some("b"), "B"),
                ],
                now,
            )
            .unwrap();
        assert_eq!(
            saved,
            AidsSaved {
                created: 2,
                updated: 0
            }
        );
        let again = s
            .save_aids(
                &[
                    aid("at:1", Some("1"), None, "A renamed"),
                    aid("at:7", Some("7"), Some("b"), "B with an id"),
                ],
                now,
            )
            .unwrap();
        assert_eq!(
            again,
            AidsSaved {
                created: 0,
                updated: 2
            }
        );
        let all = s.aids().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].aid.name, "A renamed");
        assert_eq!(all[1].aid.key, "at:7");
        assert_eq!(s.aid(all[0].id).unwrap().aid.name, "A renamed");
        assert!(matches!(s.aid(999), Err(Error::NotFound { .. })));
    }
}

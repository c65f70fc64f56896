//! Communes (reference) and the towns the manager follows.

use super::lines::{indicator_at, insert_indicator, Owner};
use super::search::HitKind;
use super::{now_rfc3339, Store};
use crate::error::{Error, Problem, Result};
use crate::model::{Commune, Indicator, Town};
use crate::text::fold;
use rusqlite::{params, OptionalExtension, Row, Transaction};

const COMMUNE_COLUMNS: &str =
    "c.insee, c.name, c.departement, coalesce(d.name, ''), c.region, coalesce(r.name, ''),
        c.population, c.epci_code, e.name, c.postcodes";
const COMMUNE_FROM: &str = "FROM commune c
    LEFT JOIN departement d ON d.code = c.departement
    LEFT JOIN region r ON r.code = c.region
    LEFT JOIN epci e ON e.code = c.epci_code";

fn commune_row(r: &Row) -> rusqlite::Result<Commune> {
    let postcodes: String = r.get(9)?;
    Ok(Commune {
        insee: r.get(0)?,
        name: r.get(1)?,
        departement: r.get(2)?,
        departement_name: r.get(3)?,
        region: r.get(4)?,
        region_name: r.get(5)?,
        population: r.get(6)?,
        epci_code: r.get(7)?,
        epci_name: r.get(8)?,
        postcodes: postcodes.split_whitespace().map(str::to_owned).collect(),
    })
}

impl Store {
    /// Finds communes by name, postcode or INSEE code, accent-insensitive:
    /// exact names first, then names starting with the text, then the most
    /// populated.
    pub fn search_communes(&self, text: &str, limit: usize) -> Result<Vec<Commune>> {
        let wanted = fold(text).trim().to_owned();
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let hits = self.search_kind(text, Some(HitKind::Commune), 400)?;
        let mut communes = Vec::with_capacity(hits.len());
        for h in hits {
            if let Some(c) = self.commune(&h.reference)? {
                communes.push(c);
            }
        }
        communes.sort_by_cached_key(|c| {
            let name = fold(&c.name);
            let rank = if name == wanted
                || c.insee == text.trim()
                || c.postcodes.iter().any(|p| p == text.trim())
            {
                0
            } else if name.starts_with(&wanted) {
                1
            } else {
                2
            };
            (
                rank,
                std::cmp::Reverse(c.population.unwrap_or(0)),
                c.insee.clone(),
            )
        });
        communes.truncate(limit);
        Ok(communes)
    }

    /// The commune with this INSEE code; an `invalid` error naming the code
    /// when there is none.
    pub fn commune_of(&self, insee: &str) -> Result<Commune> {
        self.commune(insee)?.ok_or_else(|| unknown_commune(insee))
    }

    /// The commune with this INSEE code, if it exists.
    pub fn commune(&self, insee: &str) -> Result<Option<Commune>> {
        let sql = format!("SELECT {COMMUNE_COLUMNS} {COMMUNE_FROM} WHERE c.insee = ?1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([insee.trim()], commune_row)
            .optional()?)
    }

    /// Starts following a town. Following it again changes nothing.
    pub fn add_town(&mut self, insee: &str, now: chrono::DateTime<chrono::Utc>) -> Result<Town> {
        let commune = self.commune(insee)?.ok_or_else(|| unknown_commune(insee))?;
        self.conn.execute(
            "INSERT INTO town (insee, is_demo, added_at) VALUES (?1, 0, ?2) ON CONFLICT (insee) DO NOTHING",
            params![commune.insee, now_rfc3339(now)],
        )?;
        self.town(&commune.insee)?
            .ok_or_else(|| unknown_commune(insee))
    }

    /// The followed town with this INSEE code: the one check of "is this town
    /// followed?" for every command and screen. A commune not followed gives
    /// an `invalid` error naming it (one wording everywhere); a code that is
    /// no commune, the unknown-commune error.
    pub fn followed_town(&self, insee: &str) -> Result<Town> {
        match self.town(insee)? {
            Some(t) => Ok(t),
            None => Err(Error::invalid(self.not_followed(insee)?)),
        }
    }

    /// The problem of a town that is not followed, on the field
    /// `town_insee`; an error when the code is no commune at all.
    pub(crate) fn not_followed(&self, insee: &str) -> Result<Problem> {
        let c = self.commune_of(insee)?;
        Ok(Problem::new(
            "town_insee",
            format!(
                "Commune : {} ({}) n'est pas une commune suivie ; ajoutez-la d'abord à vos communes",
                c.name, c.insee
            ),
            format!(
                "Town: {} ({}) is not a followed town; add it to your towns first",
                c.name, c.insee
            ),
        ))
    }

    /// The followed town with this INSEE code, if it is followed.
    pub fn town(&self, insee: &str) -> Result<Option<Town>> {
        Ok(self
            .towns()?
            .into_iter()
            .find(|t| t.commune.insee == insee.trim()))
    }

    /// Every followed town, by name.
    pub fn towns(&self) -> Result<Vec<Town>> {
        let sql = format!(
            "SELECT {COMMUNE_COLUMNS}, t.is_demo {COMMUNE_FROM} JOIN town t ON t.insee = c.insee ORDER BY c.name, c.insee"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(Town {
                commune: commune_row(r)?,
                is_demo: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

pub(crate) fn unknown_commune(insee: &str) -> Error {
    Error::invalid(Problem::new(
        "town_insee",
        format!(
            "Commune (code INSEE) : « {} » ne correspond à aucune commune actuelle",
            insee.trim()
        ),
        format!(
            "Town (INSEE code): \"{}\" is not a current French commune",
            insee.trim()
        ),
    ))
}

/// Replaces the indicators of a followed town (inside a transaction).
pub(crate) fn replace_town_indicators(
    tx: &Transaction,
    insee: &str,
    list: &[Indicator],
) -> Result<()> {
    tx.execute("DELETE FROM indicator WHERE town_insee = ?1", [insee])?;
    for (i, ind) in list.iter().enumerate() {
        insert_indicator(tx, Owner::Town(insee), i, ind)?;
    }
    Ok(())
}

impl Store {
    /// The convention's global indicators of a followed town, in order.
    pub fn town_indicators(&self, insee: &str) -> Result<Vec<Indicator>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT code, label, unit, direction, baseline_value, baseline_date, target_value,
                    target_date, readings
             FROM indicator WHERE town_insee = ?1 ORDER BY position, id",
        )?;
        let rows = stmt.query_map([insee.trim()], |r| indicator_at(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces the indicators of a followed town, in one transaction.
    pub fn save_town_indicators(
        &mut self,
        insee: &str,
        mut list: Vec<Indicator>,
    ) -> Result<Vec<Indicator>> {
        let insee = insee.trim().to_owned();
        self.followed_town(&insee)?;
        let mut problems = Vec::new();
        for (i, ind) in list.iter_mut().enumerate() {
            ind.normalise();
            problems.extend(
                ind.validate()
                    .into_iter()
                    .map(|p| p.within("indicators", i, "Indicateur", "Indicator")),
            );
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let tx = self.conn.transaction()?;
        replace_town_indicators(&tx, &insee, &list)?;
        tx.commit()?;
        self.town_indicators(&insee)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::testing;

    #[test]
    fn finds_communes_without_accents_and_by_postcode() {
        let s = testing::store();
        let found = s.search_communes("saint etienne", 5).unwrap();
        assert_eq!(found[0].insee, "42218", "accents folded");
        let found = s.search_communes("70000", 5).unwrap();
        assert_eq!(found[0].insee, "70467", "postcode finds the commune");
        let found = s.search_communes("plouh", 5).unwrap();
        assert_eq!(found[0].name, "Plouhinec", "prefix search");
        assert!(s.search_communes("  ", 5).unwrap().is_empty());
    }

    #[test]
    fn following_a_town_twice_is_harmless_and_unknown_codes_are_refused() {
        let mut s = testing::store();
        s.add_town("29024", chrono::Utc::now()).unwrap();
        s.add_town("29024", chrono::Utc::now()).unwrap();
        assert_eq!(s.towns().unwrap().len(), 1);
        let e = s.add_town("99999", chrono::Utc::now()).unwrap_err();
        assert!(
            e.message(crate::Lang::Fr).contains("aucune commune"),
            "{}",
            e.message(crate::Lang::Fr)
        );
    }
}

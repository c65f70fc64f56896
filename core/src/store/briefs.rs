//! Frozen council packs: the PDF as it was printed and the data it was made
//! from, kept so that a pack can be reprinted byte for byte.

use super::sql::timestamp;
use super::{now_rfc3339, Store};
use crate::error::{Error, Result};
use crate::Lang;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// A pack to store.
#[derive(Debug, Clone, Copy)]
pub struct NewCouncilPack<'a> {
    pub town_insee: &'a str,
    pub meeting_date: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub lang: Lang,
    /// The agenda, in order.
    pub project_ids: &'a [i64],
    /// JSON of the data printed.
    pub data: &'a str,
    pub pdf: &'a [u8],
}

/// A stored pack, without its bytes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CouncilPackInfo {
    pub id: i64,
    pub town_insee: String,
    pub meeting_date: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub lang: Lang,
    pub project_ids: Vec<i64>,
    /// Size of the PDF in bytes.
    pub pdf_size: i64,
}

fn not_found(id: i64) -> Error {
    Error::NotFound {
        what_fr: "Dossier de conseil",
        what_en: "Council pack",
        key: format!("n° {id}"),
    }
}

impl Store {
    /// Stores a pack; returns its id.
    pub fn save_council_pack(&mut self, p: &NewCouncilPack) -> Result<i64> {
        let ids = serde_json::to_string(p.project_ids).expect("ids serialise");
        let lang = match p.lang {
            Lang::Fr => "fr",
            Lang::En => "en",
        };
        self.conn.execute(
            "INSERT INTO council_pack (town_insee, meeting_date, created_at, lang, project_ids, data, pdf)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                p.town_insee,
                p.meeting_date,
                now_rfc3339(p.created_at),
                lang,
                ids,
                p.data,
                p.pdf
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The stored packs (of one town, or all), latest meeting first.
    pub fn council_packs(&self, town_insee: Option<&str>) -> Result<Vec<CouncilPackInfo>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, town_insee, meeting_date, created_at, lang, project_ids, length(pdf)
             FROM council_pack WHERE (?1 IS NULL OR town_insee = ?1)
             ORDER BY meeting_date DESC, id DESC",
        )?;
        let rows = stmt.query_map([town_insee.map(str::trim)], |r| {
            let ids: String = r.get(5)?;
            let lang: String = r.get(4)?;
            Ok(CouncilPackInfo {
                id: r.get(0)?,
                town_insee: r.get(1)?,
                meeting_date: r.get(2)?,
                created_at: timestamp(r, 3)?,
                lang: Lang::parse(&lang).unwrap_or_default(),
                project_ids: serde_json::from_str(&ids).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        5,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?,
                pdf_size: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The PDF of a pack, as stored.
    pub fn council_pack_pdf(&self, id: i64) -> Result<Vec<u8>> {
        self.conn
            .query_row("SELECT pdf FROM council_pack WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| not_found(id))
    }

    /// The JSON data a pack was made from.
    pub fn council_pack_data(&self, id: i64) -> Result<String> {
        self.conn
            .query_row("SELECT data FROM council_pack WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| not_found(id))
    }

    /// The meeting date of the town's latest pack before `date`, if any.
    pub fn last_council_pack_before(
        &self,
        town_insee: &str,
        date: NaiveDate,
    ) -> Result<Option<NaiveDate>> {
        Ok(self.conn.query_row(
            "SELECT max(meeting_date) FROM council_pack WHERE town_insee = ?1 AND meeting_date < ?2",
            params![town_insee, date],
            |r| r.get(0),
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn pack<'a>(date: NaiveDate, pdf: &'a [u8]) -> NewCouncilPack<'a> {
        NewCouncilPack {
            town_insee: "29024",
            meeting_date: date,
            created_at: Utc::now(),
            lang: Lang::Fr,
            project_ids: &[3, 1],
            data: "{}",
            pdf,
        }
    }

    #[test]
    fn packs_keep_their_bytes_and_order() {
        let mut s = testing::store();
        let bytes: Vec<u8> = (0..=255).collect();
        let first = s.save_council_pack(&pack(day(2), &bytes)).unwrap();
        let second = s.save_council_pack(&pack(day(23), b"%PDF-2")).unwrap();
        assert_eq!(
            s.council_pack_pdf(first).unwrap(),
            bytes,
            "every byte comes back, binary included"
        );
        let list = s.council_packs(Some("29024")).unwrap();
        assert_eq!(
            list.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![second, first],
            "latest meeting first"
        );
        assert_eq!(list[1].project_ids, vec![3, 1], "the agenda order is kept");
        assert_eq!(list[1].pdf_size, 256, "the size is the PDF's");
        assert!(
            s.council_packs(Some("29197")).unwrap().is_empty(),
            "another town has no pack"
        );
        assert_eq!(
            s.last_council_pack_before("29024", day(23)).unwrap(),
            Some(day(2)),
            "the previous meeting is strictly before"
        );
        assert_eq!(s.last_council_pack_before("29024", day(2)).unwrap(), None);
        assert_eq!(s.council_pack_pdf(999).unwrap_err().code(), "not_found");
    }
}

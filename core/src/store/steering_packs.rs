//! Frozen comité de projet packs and annual reviews (migration 8,
//! `steering_pack`): the PDF as it was printed and the JSON of the data it
//! was made from, kept so that a pack is reprinted byte for byte and so
//! that the town's first committee pack serves as the convention's initial
//! plan for the later ones.

use super::sql::timestamp;
use super::{now_rfc3339, Store};
use crate::error::{Error, Result};
use crate::Lang;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// Which document a stored steering pack is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SteeringPackKind {
    /// A comité de projet meeting.
    Committee,
    /// The convention's annual review (*bilan annuel*) of a calendar year.
    AnnualReview,
}

impl SteeringPackKind {
    /// The code stored in the `kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            SteeringPackKind::Committee => "committee",
            SteeringPackKind::AnnualReview => "annual_review",
        }
    }

    fn parse(s: &str) -> SteeringPackKind {
        if s == "annual_review" {
            SteeringPackKind::AnnualReview
        } else {
            SteeringPackKind::Committee
        }
    }
}

/// A pack to store.
#[derive(Debug, Clone, Copy)]
pub struct NewSteeringPack<'a> {
    pub town_insee: &'a str,
    pub kind: SteeringPackKind,
    /// The meeting, or the last day of the reviewed year.
    pub meeting_date: NaiveDate,
    /// The first day the pack covers.
    pub since: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub lang: Lang,
    /// JSON of the data printed.
    pub data: &'a str,
    pub pdf: &'a [u8],
}

/// A stored steering pack, without its bytes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SteeringPackInfo {
    pub id: i64,
    pub town_insee: String,
    pub kind: SteeringPackKind,
    pub meeting_date: NaiveDate,
    pub since: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub lang: Lang,
    /// Size of the PDF in bytes.
    pub pdf_size: i64,
}

/// The data a stored pack was made from, with what identifies it.
#[derive(Debug, Clone, PartialEq)]
pub struct SteeringPackData {
    pub id: i64,
    pub meeting_date: NaiveDate,
    /// The JSON stored with the pack.
    pub data: String,
}

fn not_found(id: i64) -> Error {
    Error::NotFound {
        what_fr: "Dossier de comité de projet",
        what_en: "Steering committee pack",
        key: format!("n° {id}"),
    }
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    }
}

impl Store {
    /// Stores a pack; returns its id.
    pub fn save_steering_pack(&mut self, p: &NewSteeringPack) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO steering_pack (town_insee, kind, meeting_date, since, created_at, lang, data, pdf)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                p.town_insee,
                p.kind.as_str(),
                p.meeting_date,
                p.since,
                now_rfc3339(p.created_at),
                lang_code(p.lang),
                p.data,
                p.pdf
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The stored packs (of one town, or all), latest meeting first.
    pub fn steering_packs(&self, town_insee: Option<&str>) -> Result<Vec<SteeringPackInfo>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, town_insee, kind, meeting_date, since, created_at, lang, length(pdf)
             FROM steering_pack WHERE (?1 IS NULL OR town_insee = ?1)
             ORDER BY meeting_date DESC, id DESC",
        )?;
        let rows = stmt.query_map([town_insee.map(str::trim)], |r| {
            let kind: String = r.get(2)?;
            let lang: String = r.get(6)?;
            Ok(SteeringPackInfo {
                id: r.get(0)?,
                town_insee: r.get(1)?,
                kind: SteeringPackKind::parse(&kind),
                meeting_date: r.get(3)?,
                since: r.get(4)?,
                created_at: timestamp(r, 5)?,
                lang: Lang::parse(&lang).unwrap_or_default(),
                pdf_size: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The PDF of a pack, as stored.
    pub fn steering_pack_pdf(&self, id: i64) -> Result<Vec<u8>> {
        self.conn
            .query_row("SELECT pdf FROM steering_pack WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| not_found(id))
    }

    /// The JSON data a pack was made from.
    pub fn steering_pack_data(&self, id: i64) -> Result<String> {
        self.conn
            .query_row("SELECT data FROM steering_pack WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| not_found(id))
    }

    /// The town's first committee pack (the earliest meeting, then the
    /// first stored), if any: its totals are the convention's initial plan.
    pub fn first_committee_pack(&self, town_insee: &str) -> Result<Option<SteeringPackData>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, meeting_date, data FROM steering_pack
                 WHERE town_insee = ?1 AND kind = 'committee' ORDER BY meeting_date, id LIMIT 1",
                [town_insee.trim()],
                |r| {
                    Ok(SteeringPackData {
                        id: r.get(0)?,
                        meeting_date: r.get(1)?,
                        data: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn pack<'a>(kind: SteeringPackKind, date: NaiveDate, pdf: &'a [u8]) -> NewSteeringPack<'a> {
        NewSteeringPack {
            town_insee: "29024",
            kind,
            meeting_date: date,
            since: date - chrono::Days::new(90),
            created_at: Utc::now(),
            lang: Lang::Fr,
            data: "{\"n\": 1}",
            pdf,
        }
    }

    #[test]
    fn packs_keep_their_bytes_and_the_first_committee_is_the_baseline() {
        let mut s = testing::store();
        assert_eq!(s.first_committee_pack("29024").unwrap(), None);
        let bytes: Vec<u8> = (0..=255).collect();
        let review = s
            .save_steering_pack(&pack(SteeringPackKind::AnnualReview, day(1, 31), b"%PDF-r"))
            .unwrap();
        let first = s
            .save_steering_pack(&pack(SteeringPackKind::Committee, day(6, 2), &bytes))
            .unwrap();
        let second = s
            .save_steering_pack(&pack(SteeringPackKind::Committee, day(3, 1), b"%PDF-2"))
            .unwrap();
        assert_eq!(s.steering_pack_pdf(first).unwrap(), bytes, "binary kept");
        let base = s.first_committee_pack("29024").unwrap().unwrap();
        assert_eq!(
            (base.id, base.meeting_date),
            (second, day(3, 1)),
            "the earliest committee meeting, even stored later, and not the review"
        );
        assert_eq!(s.steering_pack_data(first).unwrap(), "{\"n\": 1}");
        let list = s.steering_packs(Some("29024")).unwrap();
        assert_eq!(
            list.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![first, second, review],
            "latest meeting first"
        );
        assert_eq!(list[2].kind, SteeringPackKind::AnnualReview);
        assert!(s.steering_packs(Some("29197")).unwrap().is_empty());
        assert_eq!(s.steering_pack_pdf(999).unwrap_err().code(), "not_found");
        assert_eq!(s.steering_pack_data(999).unwrap_err().code(), "not_found");
    }
}

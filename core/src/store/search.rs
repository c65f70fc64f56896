//! Full-text search over projects, actors, solutions and communes, accent-
//! and ligature-insensitive. The index (`search_index`, FTS5, its rowid
//! keyed by `search_entry`) holds folded copies of the texts; every write of an indexed row refreshes its entry in
//! the same transaction.

use super::Store;
use crate::error::Result;
use crate::model::{Actor, Solution};
use crate::text::{fold, fts_query};
use rusqlite::{params, Connection};
use serde::Serialize;

/// What a search hit points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Project,
    Actor,
    Solution,
    Commune,
}

impl HitKind {
    fn as_str(self) -> &'static str {
        match self {
            HitKind::Project => "project",
            HitKind::Actor => "actor",
            HitKind::Solution => "solution",
            HitKind::Commune => "commune",
        }
    }

    fn parse(s: &str) -> HitKind {
        match s {
            "project" => HitKind::Project,
            "actor" => HitKind::Actor,
            "solution" => HitKind::Solution,
            _ => HitKind::Commune,
        }
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub kind: HitKind,
    /// Project id, actor id, solution id or INSEE code.
    pub reference: String,
}

fn put(conn: &Connection, kind: HitKind, reference: &str, title: &str, body: &str) -> Result<()> {
    let id: i64 = conn
        .prepare_cached(
            "INSERT INTO search_entry (kind, ref) VALUES (?1, ?2)
         ON CONFLICT (kind, ref) DO UPDATE SET kind = excluded.kind RETURNING id",
        )?
        .query_row(params![kind.as_str(), reference], |r| r.get(0))?;
    conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
        .execute([id])?;
    conn.prepare_cached("INSERT INTO search_index (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![id, fold(title), fold(body)])?;
    Ok(())
}

/// Removes a project's entry.
pub(crate) fn forget_project(conn: &Connection, id: i64) -> Result<()> {
    let reference = id.to_string();
    conn.execute(
        "DELETE FROM search_index WHERE rowid = (SELECT id FROM search_entry WHERE kind = 'project' AND ref = ?1)",
        [&reference],
    )?;
    conn.execute(
        "DELETE FROM search_entry WHERE kind = 'project' AND ref = ?1",
        [&reference],
    )?;
    Ok(())
}

/// Refreshes a project's entry from its stored row.
pub(crate) fn index_project(conn: &Connection, id: i64) -> Result<()> {
    let (title, body): (String, String) = conn.query_row(
        "SELECT title, summary || ' ' || context || ' ' || proposal || ' ' || risks || ' ' || lead || ' '
                || elected_lead || ' ' || coalesce(action_sheet, '')
         FROM project WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    put(conn, HitKind::Project, &id.to_string(), &title, &body)
}

pub(crate) fn index_actor(conn: &Connection, a: &Actor) -> Result<()> {
    put(
        conn,
        HitKind::Actor,
        &a.id,
        &a.name,
        &format!("{} {}", a.description_fr, a.description_en),
    )
}

pub(crate) fn index_solution(conn: &Connection, s: &Solution) -> Result<()> {
    let body = format!(
        "{} {} {} {} {}",
        s.title_en,
        s.summary_fr,
        s.summary_en,
        s.example_town.as_deref().unwrap_or(""),
        s.facts_fr.join(" ")
    );
    put(conn, HitKind::Solution, &s.id, &s.title_fr, &body)
}

pub(crate) fn index_commune(
    conn: &Connection,
    insee: &str,
    name: &str,
    postcodes: &str,
) -> Result<()> {
    put(
        conn,
        HitKind::Commune,
        insee,
        name,
        &format!("{insee} {postcodes}"),
    )
}

/// Rebuilds the whole index from the rows present (used after migration 2).
pub(crate) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch("DELETE FROM search_index; DELETE FROM search_entry;")?;
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM project")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        index_project(conn, id)?;
    }
    let actors: Vec<String> = conn
        .prepare("SELECT data FROM actor")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for json in actors {
        if let Ok(a) = serde_json::from_str::<Actor>(&json) {
            index_actor(conn, &a)?;
        }
    }
    let sols: Vec<String> = conn
        .prepare("SELECT data FROM solution")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for json in sols {
        if let Ok(s) = serde_json::from_str::<Solution>(&json) {
            index_solution(conn, &s)?;
        }
    }
    let communes: Vec<(String, String, String)> = conn
        .prepare("SELECT insee, name, postcodes FROM commune")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (insee, name, pc) in communes {
        index_commune(conn, &insee, &name, &pc)?;
    }
    Ok(())
}

impl Store {
    /// Searches everything; best matches first (FTS5 rank, title matches
    /// weigh ten times the body).
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<Hit>> {
        self.search_kind(text, None, limit)
    }

    /// Searches one kind of thing, or everything with `None`.
    pub fn search_kind(&self, text: &str, kind: Option<HitKind>, limit: usize) -> Result<Vec<Hit>> {
        let Some(q) = fts_query(text) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.kind, e.ref FROM search_index JOIN search_entry e ON e.id = search_index.rowid
             WHERE search_index MATCH ?1 AND (?2 IS NULL OR e.kind = ?2)
             ORDER BY bm25(search_index, 10.0, 1.0), e.ref
             LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![q, kind.map(HitKind::as_str), limit as i64], |r| {
            Ok(Hit {
                kind: HitKind::parse(&r.get::<_, String>(0)?),
                reference: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

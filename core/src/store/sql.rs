//! Conversions between domain values and SQLite columns.

use crate::error::Problem;
use crate::model::{Money, Stage};
use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

impl ToSql for Money {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0))
    }
}

impl FromSql for Money {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(v).map(Money)
    }
}

impl ToSql for Stage {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.number() as i64))
    }
}

impl FromSql for Stage {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        let n = i64::column_result(v)?;
        Stage::new(n).map_err(|p| FromSqlError::Other(p.fr.into()))
    }
}

/// Reads a code column with the vocabulary's parser.
pub(crate) fn code<T>(
    r: &rusqlite::Row,
    idx: usize,
    parse: fn(&str, &str) -> Result<T, Problem>,
) -> rusqlite::Result<T> {
    let s: String = r.get(idx)?;
    parse("", &s).map_err(|p| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, p.fr.into())
    })
}

/// Reads an optional code column.
pub(crate) fn opt_code<T>(
    r: &rusqlite::Row,
    idx: usize,
    parse: fn(&str, &str) -> Result<T, Problem>,
) -> rusqlite::Result<Option<T>> {
    let s: Option<String> = r.get(idx)?;
    s.map(|s| {
        parse("", &s).map_err(|p| {
            rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, p.fr.into())
        })
    })
    .transpose()
}

/// Reads an RFC 3339 timestamp column.
pub(crate) fn timestamp(r: &rusqlite::Row, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    let s: String = r.get(idx)?;
    DateTime::parse_from_rfc3339(&s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
        })
}

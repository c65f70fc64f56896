//! The JSON exchange format (`bourgade-export`, version 1): everything.

use super::{apply, check, Plan, ProjectRecord, Scope, TownRef};
use crate::error::{Error, LineProblem, Problem, Result};
use crate::model::*;
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::BTreeSet;

/// Value of the `format` field.
pub const FORMAT: &str = "bourgade-export";
/// Version of the format this program writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole export file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportFile {
    pub format: &'static str,
    pub format_version: u32,
    pub exported_at: DateTime<Utc>,
    pub towns: Vec<TownRef>,
    pub local_actors: Vec<Actor>,
    pub projects: Vec<ProjectRecord>,
}

/// Import options.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Validate and report, write nothing.
    pub dry_run: bool,
    /// Loading the shipped demo: towns are marked as demo and projects
    /// without uid get a stable one, so loading twice does not duplicate.
    pub demo: bool,
}

/// The whole database's portfolio as a JSON document.
pub fn export(store: &Store, now: DateTime<Utc>) -> Result<String> {
    let file = ExportFile {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        exported_at: now,
        towns: store
            .towns()?
            .into_iter()
            .map(|t| {
                Ok(TownRef {
                    indicators: store.town_indicators(&t.commune.insee)?,
                    insee: t.commune.insee,
                    is_demo: t.is_demo,
                })
            })
            .collect::<Result<_>>()?,
        local_actors: store.user_actors()?,
        projects: store
            .project_details()?
            .into_iter()
            .map(record_of)
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&file).expect("export serialises");
    out.push('\n');
    Ok(out)
}

/// A stored project as an export record.
pub fn record_of(d: ProjectDetail) -> ProjectRecord {
    ProjectRecord {
        id: Some(d.project.id),
        uid: Some(d.project.uid),
        fields: d.project.fields,
        created_at: Some(d.project.created_at),
        updated_at: Some(d.project.updated_at),
        lines: d.lines,
    }
}

#[derive(Deserialize)]
struct RawFile<'a> {
    format: Option<String>,
    format_version: Option<u32>,
    #[serde(default)]
    towns: Vec<TownRef>,
    #[serde(default, borrow)]
    local_actors: Vec<&'a RawValue>,
    #[serde(borrow)]
    projects: Vec<&'a RawValue>,
}

/// Line numbers of places in the file. Counting the newlines before each
/// record from the start made a 10,000-project file on one line take
/// minutes (quadratic); this finds a line by binary search.
pub(crate) struct Lines<'a> {
    src: &'a str,
    /// Byte offsets of every newline, in order.
    newlines: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(src: &'a str) -> Lines<'a> {
        Lines {
            src,
            newlines: newline_offsets(src),
        }
    }

    /// The line (from 1) where `part`, a slice of the file, begins.
    pub(crate) fn of(&self, part: &str) -> usize {
        let offset = (part.as_ptr() as usize)
            .saturating_sub(self.src.as_ptr() as usize)
            .min(self.src.len());
        self.newlines.partition_point(|&n| n < offset) + 1
    }
}

fn newline_offsets(src: &str) -> Vec<usize> {
    src.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i)
        .collect()
}

pub(crate) fn json_problem(e: &serde_json::Error) -> Problem {
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
    Problem::new(
        "",
        format!("JSON illisible : {msg}"),
        format!("Unreadable JSON: {msg}"),
    )
}

/// Keys a record may hold, taken from the types themselves so the check can
/// never drift from the format.
fn known_keys() -> (BTreeSet<String>, Vec<(&'static str, BTreeSet<String>)>) {
    fn keys<T: Serialize>(v: &T) -> BTreeSet<String> {
        match serde_json::to_value(v).expect("serialises") {
            serde_json::Value::Object(m) => m.keys().cloned().collect(),
            _ => BTreeSet::new(),
        }
    }
    let day = chrono::NaiveDate::default();
    let record = ProjectRecord {
        id: None,
        uid: None,
        fields: ProjectFields::default(),
        created_at: None,
        updated_at: None,
        lines: ProjectLines::default(),
    };
    let lists = vec![
        (
            "stage_events",
            keys(&StageEvent {
                from_stage: None,
                to_stage: Stage::default(),
                date: day,
                author: String::new(),
                note: String::new(),
            }),
        ),
        (
            "funding_lines",
            keys(&FundingLine::new(
                Funder::State,
                FundingKind::Grant,
                ExpenseNature::Investment,
                FundingStatus::ToRequest,
            )),
        ),
        (
            "milestones",
            keys(&Milestone {
                title: String::new(),
                due_date: day,
                done: false,
            }),
        ),
        (
            "journal",
            keys(&JournalNote {
                date: day,
                text: String::new(),
            }),
        ),
        (
            "council_decisions",
            keys(&CouncilDecision {
                deliberation_number: String::new(),
                date: day,
                text: String::new(),
            }),
        ),
        (
            "actors",
            keys(&ActorLink {
                actor_id: String::new(),
                role: String::new(),
                contact_status: ContactStatus::NotContacted,
                note: String::new(),
            }),
        ),
        (
            "solutions",
            keys(&SolutionLink {
                solution_id: String::new(),
                note: String::new(),
            }),
        ),
    ];
    (keys(&record), lists)
}

fn unknown_keys(value: &serde_json::Value) -> Vec<Problem> {
    let (top, lists) = known_keys();
    let mut out = Vec::new();
    let unknown = |k: &str, where_fr: &str, where_en: &str| {
        Problem::new(
            k,
            format!("{where_fr}champ inconnu « {k} » (il ne serait pas importé : corrigez son nom ou retirez-le)"),
            format!("{where_en}unknown field \"{k}\" (it would not be imported: fix its name or remove it)"),
        )
    };
    let Some(obj) = value.as_object() else {
        return out;
    };
    for k in obj.keys().filter(|k| !top.contains(*k)) {
        out.push(unknown(k, "", ""));
    }
    for (list, allowed) in &lists {
        if let Some(items) = obj.get(*list).and_then(|v| v.as_array()) {
            for (i, item) in items.iter().enumerate() {
                for k in item
                    .as_object()
                    .into_iter()
                    .flat_map(|o| o.keys())
                    .filter(|k| !allowed.contains(*k))
                {
                    out.push(unknown(
                        k,
                        &format!("{list}[{}] : ", i + 1),
                        &format!("{list}[{}]: ", i + 1),
                    ));
                }
            }
        }
    }
    out
}

/// The lists of a project record, whose items are checked one by one.
const LISTS: [&str; 7] = [
    "stage_events",
    "funding_lines",
    "milestones",
    "journal",
    "council_decisions",
    "actors",
    "solutions",
];

/// Each field (or list item) of a project that cannot be read, tried alone:
/// "planned_start : input is out of range", "funding_lines[2] : …".
fn locate(value: &serde_json::Value) -> Vec<Problem> {
    let Some(obj) = value.as_object() else {
        return Vec::new();
    };
    let try_alone = |key: &str, v: serde_json::Value| {
        let mut one = serde_json::Map::new();
        one.insert(key.to_owned(), v);
        serde_json::from_value::<ProjectRecord>(serde_json::Value::Object(one)).err()
    };
    let mut out = Vec::new();
    let mut push = |field: String, e: serde_json::Error| {
        let msg = e.to_string();
        out.push(Problem::new(
            field.clone(),
            format!("{field} : valeur illisible : {msg}"),
            format!("{field}: unreadable value: {msg}"),
        ));
    };
    for (key, v) in obj {
        match v.as_array() {
            Some(items) if LISTS.contains(&key.as_str()) => {
                for (i, item) in items.iter().enumerate() {
                    if let Some(e) = try_alone(key, serde_json::Value::Array(vec![item.clone()])) {
                        push(format!("{key}[{}]", i + 1), e);
                    }
                }
            }
            _ => {
                if let Some(e) = try_alone(key, v.clone()) {
                    push(key.clone(), e);
                }
            }
        }
    }
    out
}

pub(crate) fn plan(
    src: &str,
    opts: Options,
) -> std::result::Result<(Plan, Vec<LineProblem>), Error> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let raw: RawFile = serde_json::from_str(src).map_err(|e| {
        Error::Import(vec![LineProblem {
            line: e.line().max(1),
            problem: json_problem(&e),
        }])
    })?;
    let mut problems = Vec::new();
    if raw.format.as_deref().is_some_and(|f| f != FORMAT)
        || raw.format_version.is_some_and(|v| v > FORMAT_VERSION)
    {
        problems.push(LineProblem {
            line: 1,
            problem: Problem::new(
                "format",
                format!("ce fichier n'est pas un export Bourgade lisible par cette version (format {FORMAT} version {FORMAT_VERSION} attendu)"),
                format!("this file is not a Bourgade export this version can read (expected {FORMAT} version {FORMAT_VERSION})"),
            ),
        });
    }
    let lines = Lines::new(src);
    let mut actors = Vec::new();
    for raw_actor in &raw.local_actors {
        let line = lines.of(raw_actor.get());
        match serde_json::from_str::<Actor>(raw_actor.get()) {
            Ok(a) => actors.push(a),
            Err(e) => problems.push(LineProblem {
                line: line + e.line().saturating_sub(1),
                problem: json_problem(&e),
            }),
        }
    }
    let mut projects = Vec::new();
    for (index, raw_project) in raw.projects.iter().enumerate() {
        let line = lines.of(raw_project.get());
        let value: serde_json::Value = serde_json::from_str(raw_project.get()).unwrap_or_default();
        problems.extend(
            unknown_keys(&value)
                .into_iter()
                .map(|problem| LineProblem { line, problem }),
        );
        match serde_json::from_str::<ProjectRecord>(raw_project.get()) {
            Ok(mut rec) => {
                if opts.demo && rec.uid.is_none() {
                    rec.uid = Some(format!("demo-{}", index + 1));
                }
                projects.push((line, rec));
            }
            // Flattened fields make serde report the closing brace and no
            // field name: report the opening brace (as documented) and find
            // the field or line item at fault.
            Err(e) => match locate(&value) {
                located if !located.is_empty() => problems.extend(
                    located
                        .into_iter()
                        .map(|problem| LineProblem { line, problem }),
                ),
                _ => problems.push(LineProblem {
                    line,
                    problem: json_problem(&e),
                }),
            },
        }
    }
    let mut towns = raw.towns;
    for t in &mut towns {
        t.insee = t.insee.trim().to_ascii_uppercase();
        t.is_demo |= opts.demo;
    }
    Ok((
        Plan {
            scope: Scope::Everything,
            towns,
            actors,
            projects,
            notes: Vec::new(),
        },
        problems,
    ))
}

/// Imports a JSON export held in memory.
pub fn import_str(
    store: &mut Store,
    src: &str,
    opts: Options,
    now: DateTime<Utc>,
) -> Result<crate::exchange::ImportReport> {
    let (mut plan, problems) = plan(src, opts)?;
    check(store, &mut plan, problems)?;
    apply(store, plan, opts.dry_run, now)
}

#[cfg(test)]
mod tests {
    use super::Lines;

    #[test]
    fn lines_are_counted_from_one_at_the_start_of_each_part() {
        let src = "{\n  \"a\": 1,\n\n  \"b\": [2]\n}";
        let lines = Lines::new(src);
        for (needle, line) in [("{", 1), ("\"a\"", 2), ("\"b\"", 4), ("[2]", 4), ("}", 5)] {
            let at = src.find(needle).unwrap();
            assert_eq!(lines.of(&src[at..]), line, "{needle}");
        }
        assert_eq!(lines.of(&src[1..]), 1, "the newline itself ends line 1");
        assert_eq!(lines.of(&src[2..]), 2, "just after it, line 2");
        assert_eq!(Lines::new("").of(""), 1, "an empty file has line 1");
    }
}

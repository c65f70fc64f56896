//! The CSV exchange format: one row per project, its own fields, for
//! spreadsheets. UTF-8 with BOM, `;`, decimal comma, CRLF (French Excel and
//! LibreOffice open it as is). Files saved by Excel in Windows-1252 are read
//! too.

use super::{apply, check, ImportReport, Plan, ProjectRecord, Scope};
use crate::error::{Error, LineProblem, Problem, Result};
use crate::model::*;
use crate::store::Store;
use chrono::{DateTime, Utc};

/// The columns, in order (documented in docs/EXCHANGE.md).
pub const HEADERS: [&str; 24] = [
    "id",
    "uid",
    "commune_insee",
    "titre",
    "resume",
    "contexte",
    "proposition",
    "risques",
    "axe_ort",
    "fiche_action",
    "themes",
    "etape",
    "sante",
    "priorite",
    "pilote",
    "elu_referent",
    "debut_prevu",
    "fin_prevue",
    "cout_ht",
    "cout_ttc",
    "cree_le",
    "modifie_le",
    "maitre_ouvrage",
    "derogation",
];

/// Cells starting with these would be run as formulas by a spreadsheet: they
/// are written with a leading apostrophe, removed again on import.
fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

fn protect(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), _) if is_formula_start(c) => format!("'{s}"),
        // Import removes an apostrophe before a formula start or another
        // apostrophe ("''x" reads as "'x"), so those get one more here.
        (Some('\''), Some(c)) if is_formula_start(c) || c == '\'' => format!("'{s}"),
        _ => s.to_owned(),
    }
}

fn unprotect(s: &str) -> &str {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some('\''), Some(c)) if is_formula_start(c) || c == '\'' => &s[1..],
        _ => s,
    }
}

fn ts(d: DateTime<Utc>) -> String {
    d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The project list as CSV bytes (with BOM).
pub fn export(store: &Store) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let csv_err = |e: csv::Error| Error::Incompatible {
        fr: format!("Écriture CSV impossible : {e}"),
        en: format!("Cannot write CSV: {e}"),
    };
    w.write_record(HEADERS).map_err(csv_err)?;
    for d in store.project_details()? {
        let p = d.project;
        let f = p.fields;
        let money = |m: Option<Money>| m.map(Money::to_plain_fr).unwrap_or_default();
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let row = [
            p.id.to_string(),
            p.uid,
            f.town_insee,
            protect(&f.title),
            protect(&f.summary),
            protect(&f.context),
            protect(&f.proposal),
            protect(&f.risks),
            f.ort_axis
                .map(|a| a.as_str().to_owned())
                .unwrap_or_default(),
            protect(f.action_sheet.as_deref().unwrap_or("")),
            f.themes
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join("|"),
            f.stage.number().to_string(),
            f.health.as_str().to_owned(),
            f.priority.as_str().to_owned(),
            protect(&f.lead),
            protect(&f.elected_lead),
            date(f.planned_start),
            date(f.planned_end),
            money(f.cost_excl_vat),
            money(f.cost_incl_vat),
            ts(p.created_at),
            ts(p.updated_at),
            f.owner_kind.as_str().to_owned(),
            f.derogation.as_str().to_owned(),
        ];
        w.write_record(&row).map_err(csv_err)?;
    }
    let mut out = vec![0xEF, 0xBB, 0xBF];
    out.extend(w.into_inner().map_err(|e| Error::Incompatible {
        fr: format!("Écriture CSV impossible : {e}"),
        en: format!("Cannot write CSV: {e}"),
    })?);
    Ok(out)
}

/// Decodes a file: UTF-8 (BOM optional), else Windows-1252 as saved by Excel.
fn decode(bytes: &[u8]) -> (String, Option<String>) {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), None),
        Err(_) => {
            const HIGH: [char; 32] = [
                '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}',
                'Ž', '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›',
                'œ', '\u{9d}', 'ž', 'Ÿ',
            ];
            let s = bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => HIGH[(b - 0x80) as usize],
                    _ => b as char,
                })
                .collect();
            (
                s,
                Some("Le fichier n'était pas en UTF-8 : il a été lu en Windows-1252 (encodage d'Excel).".to_owned()),
            )
        }
    }
}

fn problem(col: &str, fr: String, en: String) -> Problem {
    Problem::new(
        col,
        format!("colonne « {col} » : {fr}"),
        format!("column \"{col}\": {en}"),
    )
}

/// Line numbers of the file, as a spreadsheet or text editor shows them
/// (header = line 1), from a record's byte offset. The csv crate's own
/// `Position::line` is one short after a CR LF (it counts the LF closing the
/// previous row as part of the next record), so lines are counted here.
/// Records come in order: counting resumes where the last one stopped.
struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, byte: u64) -> usize {
        let mut start = (byte as usize).min(self.bytes.len());
        // The record proper starts after the line end(s) the reader left before it.
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.at {
            self.at = 0;
            self.line = 1;
        }
        self.line += self.bytes[self.at..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = start;
        self.line
    }
}

/// Reads and validates a CSV file's rows into a plan.
pub(crate) fn plan(bytes: &[u8]) -> std::result::Result<(Plan, Vec<LineProblem>), Error> {
    let (text, note) = decode(bytes);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains(';') || !first_line.contains(',') {
        b';'
    } else {
        b','
    };
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let headers: Vec<String> = match r.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_lowercase()).collect(),
        Err(e) => {
            return Err(Error::Import(vec![LineProblem {
                line: 1,
                problem: Problem::new(
                    "",
                    format!("en-têtes illisibles : {e}"),
                    format!("unreadable header line: {e}"),
                ),
            }]))
        }
    };
    for h in &headers {
        if !HEADERS.contains(&h.as_str()) {
            problems.push(LineProblem {
                line: 1,
                problem: Problem::new(
                    h,
                    format!("colonne inconnue « {h} » : ses valeurs ne seraient pas importées (colonnes admises : {})", HEADERS.join(", ")),
                    format!("unknown column \"{h}\": its values would not be imported (accepted: {})", HEADERS.join(", ")),
                ),
            });
        }
    }
    for required in ["commune_insee", "titre"] {
        if !headers.iter().any(|h| h == required) {
            problems.push(LineProblem {
                line: 1,
                problem: Problem::new(
                    required,
                    format!("la colonne obligatoire « {required} » manque"),
                    format!("the required column \"{required}\" is missing"),
                ),
            });
        }
    }
    let col = |name: &str| headers.iter().position(|h| h == name);
    let mut lines = LineCounter::new(&text);
    let mut projects = Vec::new();
    for result in r.records() {
        let rec = match result {
            Ok(rec) => rec,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                problems.push(LineProblem {
                    line,
                    problem: Problem::new(
                        "",
                        format!("ligne illisible : {e}"),
                        format!("unreadable line: {e}"),
                    ),
                });
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| lines.line_at(p.byte()));
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rec.len() > headers.len() {
            problems.push(LineProblem {
                line,
                problem: Problem::new(
                    "",
                    format!(
                        "{} cellules pour {} colonnes : des valeurs seraient perdues",
                        rec.len(),
                        headers.len()
                    ),
                    format!(
                        "{} cells for {} columns: values would be lost",
                        rec.len(),
                        headers.len()
                    ),
                ),
            });
            continue;
        }
        let cell = |name: &str| {
            col(name)
                .and_then(|i| rec.get(i))
                .map(|s| unprotect(s).to_owned())
                .unwrap_or_default()
        };
        let opt = |name: &str| Some(cell(name)).filter(|s| !s.trim().is_empty());
        let mut ps = Vec::new();
        let mut record = ProjectRecord {
            id: None,
            uid: opt("uid").map(|s| s.trim().to_owned()),
            fields: ProjectFields {
                town_insee: cell("commune_insee"),
                title: cell("titre"),
                summary: cell("resume"),
                context: cell("contexte"),
                proposal: cell("proposition"),
                risks: cell("risques"),
                action_sheet: opt("fiche_action"),
                lead: cell("pilote"),
                elected_lead: cell("elu_referent"),
                ..Default::default()
            },
            created_at: None,
            updated_at: None,
            lines: ProjectLines::default(),
        };
        let f = &mut record.fields;
        if let Some(s) = opt("id") {
            match s.trim().parse::<i64>() {
                Ok(id) => record.id = Some(id),
                Err(_) => ps.push(problem(
                    "id",
                    format!("« {s} » n'est pas un numéro"),
                    format!("\"{s}\" is not a number"),
                )),
            }
        }
        if let Some(s) = opt("axe_ort") {
            Axis::parse("axe_ort", &s)
                .map(|a| f.ort_axis = Some(a))
                .unwrap_or_else(|p| ps.push(p));
        }
        if let Some(s) = opt("themes") {
            for t in s.split(['|', ',']).map(str::trim).filter(|t| !t.is_empty()) {
                Theme::parse("themes", t)
                    .map(|t| f.themes.push(t))
                    .unwrap_or_else(|p| ps.push(p));
            }
        }
        if let Some(s) = opt("etape") {
            match s.trim().parse::<i64>() {
                Ok(n) => Stage::new(n)
                    .map(|st| f.stage = st)
                    .unwrap_or_else(|p| ps.push(p)),
                Err(_) => ps.push(problem(
                    "etape",
                    format!("« {s} » n'est pas un numéro d'étape (0 à 8)"),
                    format!("\"{s}\" is not a stage number (0 to 8)"),
                )),
            }
        }
        if let Some(s) = opt("sante") {
            Health::parse("sante", &s)
                .map(|h| f.health = h)
                .unwrap_or_else(|p| ps.push(p));
        }
        if let Some(s) = opt("priorite") {
            Priority::parse("priorite", &s)
                .map(|p| f.priority = p)
                .unwrap_or_else(|p| ps.push(p));
        }
        if let Some(s) = opt("maitre_ouvrage") {
            OwnerKind::parse("maitre_ouvrage", &s)
                .map(|o| f.owner_kind = o)
                .unwrap_or_else(|p| ps.push(p));
        }
        if let Some(s) = opt("derogation") {
            Derogation::parse("derogation", &s)
                .map(|d| f.derogation = d)
                .unwrap_or_else(|p| ps.push(p));
        }
        for (name, fr, en, slot) in [
            (
                "debut_prevu",
                "Début prévu",
                "Planned start",
                &mut f.planned_start,
            ),
            (
                "fin_prevue",
                "Fin prévue",
                "Planned end",
                &mut f.planned_end,
            ),
        ] {
            if let Some(s) = opt(name) {
                parse_date(name, fr, en, &s)
                    .map(|d| *slot = Some(d))
                    .unwrap_or_else(|p| ps.push(p));
            }
        }
        for (name, fr, en, slot) in [
            ("cout_ht", "Coût HT", "Cost excl. VAT", &mut f.cost_excl_vat),
            (
                "cout_ttc",
                "Coût TTC",
                "Cost incl. VAT",
                &mut f.cost_incl_vat,
            ),
        ] {
            if let Some(s) = opt(name) {
                Money::parse_fr(name, fr, en, &s)
                    .map(|m| *slot = Some(m))
                    .unwrap_or_else(|p| ps.push(p));
            }
        }
        for (name, slot) in [
            ("cree_le", &mut record.created_at),
            ("modifie_le", &mut record.updated_at),
        ] {
            if let Some(s) = opt(name) {
                match DateTime::parse_from_rfc3339(s.trim()) {
                    Ok(d) => *slot = Some(d.with_timezone(&Utc)),
                    Err(_) => ps.push(problem(
                        name,
                        format!("« {s} » n'est pas un horodatage (ex. 2026-11-23T09:30:00Z)"),
                        format!("\"{s}\" is not a timestamp (e.g. 2026-11-23T09:30:00Z)"),
                    )),
                }
            }
        }
        problems.extend(ps.into_iter().map(|problem| LineProblem { line, problem }));
        projects.push((line, record));
    }
    Ok((
        Plan {
            scope: Scope::OwnFieldsOnly,
            towns: Vec::new(),
            actors: Vec::new(),
            projects,
            notes: note.into_iter().collect(),
        },
        problems,
    ))
}

/// Imports CSV bytes.
pub fn import_bytes(
    store: &mut Store,
    bytes: &[u8],
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    let (mut plan, problems) = plan(bytes)?;
    check(store, &mut plan, problems)?;
    apply(store, plan, dry_run, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused_and_restored() {
        for s in [
            "=1+1",
            "+33",
            "-x",
            "@SUM",
            "'=already",
            "plain",
            "",
            "'",
            "''x",
            "'''",
        ] {
            assert_eq!(unprotect(&protect(s)), s, "{s:?} survives the round trip");
        }
        assert_eq!(protect("=1+1"), "'=1+1");
    }

    #[test]
    fn windows_1252_is_read() {
        let (s, note) = decode(b"titre;commune_insee\n\xc9cole \x9cuvre \x80;29024\n");
        assert!(s.contains("École œuvre €"), "{s}");
        assert!(note.is_some());
    }
}

//! Territoires en Transitions (TeT, ADEME): the action-plan import
//! template, read into projects of one town and written from them
//! (docs/EXCHANGE.md, "Territoires en Transitions").
//!
//! The layout is the one TeT's backend importer checks
//! (`apps/backend/src/plans/plans/import-plan-aggregate/parsers/excel-parser.ts`,
//! summarised in `shared/interop/territoires-en-transitions/FIELDS.md`): the
//! data sheet is the one whose cell A2 is "Axe (x)"; row 2 holds the 28
//! headers of [`HEADERS`], compared after trimming; data starts on row 4.
//! The downloadable xlsx template says "Titre de la fiche action" in D2
//! where the importer, the ods template and the fixtures say "Titre de
//! l'action": both are read; Bourgade writes the importer's.

use super::sheet::{self, Cell, Sheet};
use super::{apply, check, ImportReport, Plan, Scope};
use crate::error::{Error, LineProblem, Problem, Result};
use crate::model::{
    fold_label, taxonomy, Axis, ExpenseNature, Funder, FundingKind, FundingLine, FundingStatus,
    Health, JournalNote, Money, Priority, ProjectDetail, ProjectFields, ProjectLines,
    ProjectRecord, Stage,
};
use crate::store::Store;
use crate::Lang;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::path::Path;

/// The 28 columns TeT's importer checks, in order (row 2).
pub const HEADERS: [&str; 28] = [
    "Axe (x)",
    "Sous-axe (x.x)",
    "Sous-sous axe (x.x.x)",
    "Titre de l'action",
    "Titre de la sous-action",
    "Descriptif",
    "Instances de gouvernance",
    "Objectifs",
    "Indicateurs liés",
    "Structure pilote",
    "Moyens humains et techniques",
    "Partenaires",
    "Direction ou service pilote",
    "Personne pilote",
    "Élu·e référent·e",
    "Participation Citoyenne",
    "Financements",
    "Financeur 1",
    "Montant € HT",
    "Financeur 2",
    "Montant € HT",
    "Financeur 3",
    "Montant € HT",
    "Budget prévisionnel total € HT",
    "Statut",
    "Niveau de priorité",
    "Date de début",
    "Date de fin",
];

/// The xlsx template's header of column D, also accepted.
pub const TEMPLATE_TITLE_HEADER: &str = "Titre de la fiche action";

/// The name of the data sheet Bourgade writes (the template's).
pub const SHEET_NAME: &str = "Fichier d'import";

/// The first data row (1-based), as TeT's importer reads.
pub const FIRST_DATA_ROW: usize = 4;

/// TeT's statuses (`statutEnumValues`, `FIELDS.md`).
pub const STATUSES: [&str; 8] = [
    "À venir",
    "En cours",
    "Réalisé",
    "En pause",
    "Abandonné",
    "Bloqué",
    "En retard",
    "A discuter",
];

/// TeT's priorities.
pub const PRIORITIES: [&str; 3] = ["Élevé", "Moyen", "Bas"];

fn col_letter(i: usize) -> String {
    let mut n = i + 1;
    let mut s = String::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

/// The stage and health of a TeT status. "Réalisé" is stage 8 (evaluation,
/// closed: the Communs call both "Terminé"); "À venir" (and no status) is
/// stage 0; any other status means the action has started, at a stage TeT
/// does not say: stage 1, to check. The health is the status's own:
/// "En retard" late, "En pause" paused, "Bloqué" blocked, "A discuter" to
/// discuss, "Abandonné" abandoned, others on track.
pub fn stage_health_of_status(status: Option<&str>) -> (Stage, Health) {
    let n = |x| Stage::new(x).expect("0..=8");
    match status {
        None | Some("À venir") => (n(0), Health::OnTrack),
        Some("Réalisé") => (n(8), Health::OnTrack),
        Some("En retard") => (n(1), Health::Late),
        Some("En pause") => (n(1), Health::Paused),
        Some("Bloqué") => (n(1), Health::Blocked),
        Some("A discuter") => (n(1), Health::ToDiscuss),
        Some("Abandonné") => (n(1), Health::Abandoned),
        Some(_) => (n(1), Health::OnTrack),
    }
}

/// The TeT status of a stage and health: abandoned → Abandonné; stage 8 →
/// Réalisé; late, paused, blocked, to discuss → En retard, En pause,
/// Bloqué, A discuter; on track → À venir at stage 0, En cours after.
pub fn status_of(stage: Stage, health: Health) -> &'static str {
    match health {
        Health::Abandoned => "Abandonné",
        _ if stage.number() == 8 => "Réalisé",
        Health::Late => "En retard",
        Health::Paused => "En pause",
        Health::Blocked => "Bloqué",
        Health::ToDiscuss => "A discuter",
        Health::OnTrack if stage.number() == 0 => "À venir",
        Health::OnTrack => "En cours",
    }
}

/// TeT's priority label of a priority.
pub fn priority_label(p: Priority) -> &'static str {
    match p {
        Priority::High => "Élevé",
        Priority::Medium => "Moyen",
        Priority::Low => "Bas",
    }
}

fn match_status(s: &str) -> Option<&'static str> {
    let f = fold_label(s);
    STATUSES.iter().copied().find(|l| fold_label(l) == f)
}

fn match_priority(s: &str) -> Option<Priority> {
    match fold_label(s).as_str() {
        "eleve" | "elevee" | "haute" | "haut" => Some(Priority::High),
        "moyen" | "moyenne" => Some(Priority::Medium),
        "bas" | "basse" | "faible" => Some(Priority::Low),
        _ => None,
    }
}

/// The funder a TeT financer tag names, by its words (folded): région,
/// département, the State and its agencies (État, préfecture, DREAL, DDT,
/// DETR, DSIL, DSID, FNADT, Fonds vert, ADEME, ANAH, ANCT, DRAC, agence de
/// l'eau), Europe (FEDER, LEADER, FEADER, FSE), Banque des territoires, an
/// EPCI (communauté, métropole, agglomération, intercommunalité), the
/// commune's own funds (commune, autofinancement, fonds propres), a private
/// funder (privé, mécénat, fondation). `None`: none of them, or several
/// ("Métropole, Région": one amount for two funders).
pub fn funder_of_name(name: &str) -> Option<Funder> {
    let f = fold_label(name);
    let words: Vec<&str> = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let word = |w: &str| words.contains(&w);
    let has = |s: &str| f.contains(s);
    let epci = [
        "communaute",
        "metropole",
        "agglomeration",
        "agglo",
        "epci",
        "intercommunalite",
    ]
    .iter()
    .any(|w| word(w));
    let state = [
        "etat",
        "prefecture",
        "dreal",
        "ddt",
        "detr",
        "dsil",
        "dsid",
        "fnadt",
        "ademe",
        "anah",
        "anct",
        "drac",
    ]
    .iter()
    .any(|w| word(w))
        || has("fonds vert")
        || has("agence de l eau");
    let found: Vec<Funder> = [
        (
            has("banque des territoires") || has("caisse des depots"),
            Funder::BanqueTerritoires,
        ),
        (
            word("region") || word("regional") || has("conseil regional"),
            Funder::Region,
        ),
        (
            word("departement") || word("departemental"),
            Funder::Departement,
        ),
        (state, Funder::State),
        (
            has("europe") || ["feder", "leader", "feader", "fse"].iter().any(|w| word(w)),
            Funder::Eu,
        ),
        (epci, Funder::Epci),
        // "Fonds de concours de l'intercommunalité" is the EPCI's, not the
        // commune's own funds.
        (
            (word("commune") && !epci) || has("autofinancement") || has("fonds propres"),
            Funder::OwnFunds,
        ),
        (
            word("prive") || word("privee") || has("mecenat") || word("fondation"),
            Funder::Private,
        ),
    ]
    .into_iter()
    .filter_map(|(yes, f)| yes.then_some(f))
    .collect();
    // A tag naming two funders ("Métropole, Région") names none of them alone.
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// An axis title without its numbering ("1. ", "4.2 : ").
fn strip_numbering(s: &str) -> &str {
    let t = s.trim_start();
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    if rest.len() == t.len() {
        return t;
    }
    rest.trim_start_matches([' ', ':', '-', '–']).trim_start()
}

/// The ORT axis an axis title names, when its text (numbering aside) is
/// exactly an ORT axis label.
fn ort_axis_of(title: &str) -> Option<Axis> {
    let f = fold_label(strip_numbering(title));
    taxonomy()
        .axes
        .iter()
        .find(|l| fold_label(&l.fr) == f || fold_label(&l.en) == f)
        .and_then(|l| Axis::parse("ort_axis", &l.code).ok())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `JJ/MM/AAAA`, `JJ-MM-AAAA` (TeT's `toISODateString`), `AAAA-MM-JJ`;
/// otherwise, as TeT hands the text to `new Date()`, `MM/JJ/AA` (the
/// fixture `nouveau-plan-valide.xlsx` has "12/14/20").
fn parse_tet_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['/', '-']).collect();
    if parts.len() != 3 {
        return None;
    }
    let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if nums.len() != 3 {
        return None;
    }
    if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        return NaiveDate::from_ymd_opt(nums[2] as i32, nums[1], nums[0]);
    }
    if parts[2].len() == 2 {
        let y = if nums[2] < 50 {
            2000 + nums[2]
        } else {
            1900 + nums[2]
        };
        return NaiveDate::from_ymd_opt(y as i32, nums[0], nums[1]);
    }
    None
}

/// One row of the plan, as read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TetRow {
    /// The row number in the sheet (1-based).
    pub line: usize,
    /// The 28 cells as text (dates as `YYYY-MM-DD`), trimmed.
    pub cells: Vec<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// What was read but set aside (in French), for the import report.
    pub notes: Vec<String>,
}

/// The data sheet of a workbook, checked: every problem of its header row.
fn data_sheet(sheets: &[Sheet]) -> Result<&Sheet> {
    let sheet = sheets
        .iter()
        .find(|s| s.cell(1, 0).text() == HEADERS[0])
        .ok_or_else(|| {
            Error::Import(vec![LineProblem {
                line: 2,
                problem: Problem::new(
                    "sheet",
                    "l'onglet des données n'a pas été trouvé : aucune feuille n'a « Axe (x) » en A2 (modèle d'import de plan de Territoires en Transitions attendu)",
                    "the data sheet was not found: no sheet has \"Axe (x)\" in A2 (Territoires en Transitions plan import template expected)",
                ),
            }])
        })?;
    let mut problems = Vec::new();
    for (i, expected) in HEADERS.iter().enumerate() {
        let got = sheet.cell(1, i).text();
        let ok = got == *expected || (i == 3 && got == TEMPLATE_TITLE_HEADER);
        if !ok {
            let letter = col_letter(i);
            problems.push(LineProblem {
                line: 2,
                problem: Problem::new(
                    format!("column_{letter}"),
                    format!("La colonne {letter} devrait être « {expected} » et non « {got} »"),
                    format!("Column {letter} should be \"{expected}\", not \"{got}\""),
                ),
            });
        }
    }
    if problems.is_empty() {
        Ok(sheet)
    } else {
        Err(Error::Import(problems))
    }
}

/// The rows of a TeT plan file (xlsx or ods), with the problems of their
/// dates. Blank rows are skipped, and so is the template's row of filling
/// instructions (row 4 of `modele-import-pa`, which starts "Si vos axes
/// sont numérotés").
pub fn read_rows(bytes: &[u8]) -> Result<(Vec<TetRow>, Vec<LineProblem>)> {
    if !sheet::is_zip(bytes) {
        return Err(Error::Import(vec![LineProblem {
            line: 1,
            problem: Problem::new(
                "file",
                "ce fichier n'est pas un classeur xlsx ou ods (modèle d'import de plan de Territoires en Transitions attendu)",
                "this file is not an xlsx or ods workbook (Territoires en Transitions plan import template expected)",
            ),
        }]));
    }
    let sheets = sheet::read_workbook(bytes, "Classeur", "workbook")?;
    let sheet = data_sheet(&sheets)?;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for r in (FIRST_DATA_ROW - 1)..sheet.rows.len() {
        let cells: Vec<&Cell> = (0..HEADERS.len()).map(|c| sheet.cell(r, c)).collect();
        if cells.iter().all(|c| c.is_blank()) {
            continue;
        }
        if fold_label(&cells[0].text()).starts_with("si vos axes sont numerotes") {
            continue;
        }
        let line = r + 1;
        let mut notes = Vec::new();
        let mut date = |c: &Cell, field: &str, fr: &str, en: &str| -> Option<NaiveDate> {
            let parsed = match c {
                Cell::Date(d) => Some(*d),
                // The ods template's sample has a checkbox (TRUE) in "Date
                // de fin": no date, said in the report.
                Cell::Bool(_) => {
                    notes.push(format!(
                        "Ligne {line} : {fr} : une case vrai/faux au lieu d'une date, ignorée."
                    ));
                    return None;
                }
                Cell::Number(n) => sheet::excel_day(*n),
                c if c.is_blank() => return None,
                c => parse_tet_date(&c.text()),
            };
            if parsed.is_none() {
                problems.push(LineProblem {
                    line,
                    problem: Problem::new(
                        field,
                        format!("{fr} : « {} » n'est pas une date (JJ/MM/AAAA)", c.text()),
                        format!("{en}: \"{}\" is not a date (DD/MM/YYYY)", c.text()),
                    ),
                });
            }
            parsed
        };
        let start = date(cells[26], "planned_start", "Date de début", "Start date");
        let end = date(cells[27], "planned_end", "Date de fin", "End date");
        rows.push(TetRow {
            line,
            cells: cells.iter().map(|c| c.text()).collect(),
            start,
            end,
            notes,
        });
    }
    Ok((rows, problems))
}

fn euros_of(s: &str) -> Option<Money> {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '€' && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    if t.is_empty() {
        return None;
    }
    t.replace(',', ".")
        .parse::<f64>()
        .ok()
        .and_then(|x| Money::from_euros_f64(x).ok())
}

/// What a row says, as project fields and funding lines (before merging
/// with a stored project). The problems name the row's columns.
fn record_of_row(
    row: &TetRow,
    town: &str,
    today: NaiveDate,
) -> (ProjectRecord, Vec<Problem>, usize) {
    let c = |i: usize| row.cells[i].as_str();
    let mut problems = Vec::new();
    let mut unknown_funders = 0;
    let action = one_line(c(3));
    let sub = one_line(c(4));
    let title = if sub.is_empty() {
        action.clone()
    } else {
        sub.clone()
    };
    if title.is_empty() {
        problems.push(Problem::new(
            "title",
            "Titre de l'action : ce champ est obligatoire",
            "Action title: this field is required",
        ));
    } else if title.chars().count() > 300 {
        problems.push(Problem::new(
            "title",
            "Titre de l'action : 300 caractères au plus (limite de Territoires en Transitions)",
            "Action title: 300 characters at most (Territoires en Transitions' limit)",
        ));
    }
    let axes: Vec<String> = [c(0), c(1), c(2)]
        .iter()
        .map(|a| one_line(a))
        .filter(|a| !a.is_empty())
        .collect();
    let ort_axis = axes.iter().find_map(|a| ort_axis_of(a));
    let mut context = Vec::new();
    if !axes.is_empty() {
        context.push(format!("Axe du plan d'action : {}", axes.join(" › ")));
    }
    if !sub.is_empty() {
        context.push(format!("Sous-action de « {action} »"));
    }
    for (i, label) in [
        (6, "Instances de gouvernance"),
        (10, "Moyens humains et techniques"),
        (11, "Partenaires"),
        (15, "Participation citoyenne"),
        (16, "Financements"),
    ] {
        if !c(i).is_empty() {
            context.push(format!("{label} : {}", c(i)));
        }
    }
    let lead = [c(9), c(12), c(13)]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" — ");
    let status = if c(24).is_empty() {
        None
    } else {
        match match_status(c(24)) {
            Some(s) => Some(s),
            None => {
                problems.push(Problem::new(
                    "status",
                    format!(
                        "Statut : valeur inconnue « {} » (valeurs admises : {})",
                        c(24),
                        STATUSES.join(", ")
                    ),
                    format!(
                        "Status: unknown value \"{}\" (accepted: {})",
                        c(24),
                        STATUSES.join(", ")
                    ),
                ));
                None
            }
        }
    };
    let (stage, health) = stage_health_of_status(status);
    let priority = if c(25).is_empty() {
        Priority::Medium
    } else {
        match_priority(c(25)).unwrap_or_else(|| {
            problems.push(Problem::new(
                "priority",
                format!(
                    "Niveau de priorité : valeur inconnue « {} » (valeurs admises : {})",
                    c(25),
                    PRIORITIES.join(", ")
                ),
                format!(
                    "Priority: unknown value \"{}\" (accepted: {})",
                    c(25),
                    PRIORITIES.join(", ")
                ),
            ));
            Priority::Medium
        })
    };
    let money = |i: usize, fr: &str, en: &str, problems: &mut Vec<Problem>| -> Option<Money> {
        if c(i).is_empty() {
            return None;
        }
        let m = euros_of(c(i));
        if m.is_none() {
            problems.push(Problem::new(
                format!("column_{}", col_letter(i)),
                format!(
                    "{fr} : « {} » n'est pas un montant (nombre entier, sans € ni espace)",
                    c(i)
                ),
                format!(
                    "{en}: \"{}\" is not an amount (a whole number, no € nor space)",
                    c(i)
                ),
            ));
        }
        m
    };
    let cost = money(
        23,
        "Budget prévisionnel total € HT",
        "Total budget excl. VAT",
        &mut problems,
    );
    let mut funding = Vec::new();
    for (k, (n, a)) in [(17, 18), (19, 20), (21, 22)].into_iter().enumerate() {
        let name = one_line(c(n));
        let amount = money(
            a,
            &format!("Montant € HT du financeur {}", k + 1),
            &format!("Amount of financer {}", k + 1),
            &mut problems,
        );
        // TeT keeps a financer only with both its name and its amount.
        let (false, Some(amount)) = (name.is_empty(), amount) else {
            continue;
        };
        let funder = funder_of_name(&name).unwrap_or_else(|| {
            unknown_funders += 1;
            Funder::Private
        });
        let mut line = FundingLine::new(
            funder,
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::ToRequest,
        );
        line.scheme = Some(name);
        line.amount_requested = Some(amount);
        line.note = "Importé de Territoires en Transitions (montant € HT)".into();
        funding.push(line);
    }
    let fields = ProjectFields {
        town_insee: town.to_owned(),
        title,
        summary: c(5).to_owned(),
        context: context.join("\n"),
        proposal: c(7).to_owned(),
        ort_axis,
        stage,
        health,
        priority,
        lead,
        elected_lead: c(14).to_owned(),
        planned_start: row.start,
        planned_end: row.end,
        cost_excl_vat: cost,
        ..Default::default()
    };
    let mut lines = ProjectLines {
        funding_lines: funding,
        ..Default::default()
    };
    lines.journal.push(JournalNote {
        date: today,
        text: match status {
            Some(s) => {
                format!("Importé du plan d'action de Territoires en Transitions (statut « {s} »).")
            }
            None => "Importé du plan d'action de Territoires en Transitions.".to_owned(),
        },
    });
    // The same action of the same plan in the same town is the same
    // project: re-importing the file updates it.
    let key = format!("{town}|{}|{}|{}", axes.join("|"), action, sub);
    let uid = format!("tet-{}", super::communs::project_uuid(&key));
    (
        ProjectRecord {
            id: None,
            uid: Some(uid),
            fields,
            created_at: None,
            updated_at: None,
            lines,
        },
        problems,
        unknown_funders,
    )
}

/// The town of a TeT import: the one given, else the only followed town.
fn town_for(store: &Store, town: Option<&str>) -> Result<String> {
    if let Some(t) = town {
        let t = t.trim();
        if store.commune(t)?.is_none() {
            return Err(Error::invalid(Problem::new(
                "town",
                format!("Commune (code INSEE) : « {t} » ne correspond à aucune commune actuelle"),
                format!("Town (INSEE code): \"{t}\" is not a current French commune"),
            )));
        }
        return Ok(t.to_owned());
    }
    let towns = store.towns()?;
    match towns.as_slice() {
        [only] => Ok(only.commune.insee.clone()),
        _ => Err(Error::invalid(Problem::new(
            "town",
            "Un plan d'action de Territoires en Transitions ne dit pas de quelle commune il est : indiquez --town INSEE.",
            "A Territoires en Transitions action plan does not say which town it belongs to: pass --town INSEE.",
        ))),
    }
}

/// Imports a TeT plan file into projects of one town (given, or the only
/// followed one), all or nothing. A new action becomes a project with its
/// financers as funding lines to request; an action imported before (same
/// town, axes and titles) has its own fields updated from the file and
/// keeps its lines and the fields TeT does not carry.
pub fn import_bytes(
    store: &mut Store,
    bytes: &[u8],
    town: Option<&str>,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    let town = town_for(store, town)?;
    let today = crate::day::paris_day(now);
    let (rows, mut problems) = read_rows(bytes)?;
    let mut projects = Vec::new();
    let mut unknown = 0;
    let mut seen = std::collections::HashMap::new();
    let mut notes: Vec<String> = rows.iter().flat_map(|r| r.notes.clone()).collect();
    for row in &rows {
        let (mut rec, ps, n) = record_of_row(row, &town, today);
        unknown += n;
        problems.extend(ps.into_iter().map(|problem| LineProblem {
            line: row.line,
            problem,
        }));
        let uid = rec.uid.clone().unwrap_or_default();
        if let Some(first) = seen.insert(uid.clone(), row.line) {
            problems.push(LineProblem {
                line: row.line,
                problem: Problem::new(
                    "title",
                    format!("même axe et même titre qu'à la ligne {first} : une action ne peut figurer qu'une fois"),
                    format!("same axes and title as line {first}: an action may appear only once"),
                ),
            });
        }
        if let Some(id) = store.project_id_by_uid(&uid)? {
            rec = merge_with_stored(store.project_detail(id)?, rec);
        }
        projects.push((row.line, rec));
    }
    if projects.is_empty() && problems.is_empty() {
        problems.push(LineProblem {
            line: FIRST_DATA_ROW,
            problem: Problem::new(
                "rows",
                "aucune action dans le fichier (les données commencent à la ligne 4)",
                "no action in the file (data starts on row 4)",
            ),
        });
    }
    if unknown > 0 {
        notes.push(format!(
            "{unknown} financeur(s) non reconnu(s) (aucun ou plusieurs parmi État, Région, Département, intercommunalité, Europe, Banque des territoires, commune, privé) : enregistré(s) comme financeurs privés, à vérifier."
        ));
    }
    let mut plan = Plan {
        scope: Scope::Everything,
        towns: Vec::new(),
        actors: Vec::new(),
        projects,
        notes,
    };
    check(store, &mut plan, problems)?;
    apply(store, plan, dry_run, now)
}

/// A re-imported action: the stored project, with the fields TeT carries
/// taken from the file, and its stored lines kept.
fn merge_with_stored(stored: ProjectDetail, rec: ProjectRecord) -> ProjectRecord {
    let mut f = stored.project.fields.clone();
    let n = rec.fields;
    f.title = n.title;
    f.summary = n.summary;
    f.context = n.context;
    f.proposal = n.proposal;
    if n.ort_axis.is_some() {
        f.ort_axis = n.ort_axis;
    }
    f.stage = n.stage;
    f.health = n.health;
    f.priority = n.priority;
    f.lead = n.lead;
    f.elected_lead = n.elected_lead;
    f.planned_start = n.planned_start;
    f.planned_end = n.planned_end;
    if stored.lines.expense_lines.is_empty() {
        f.cost_excl_vat = n.cost_excl_vat;
    }
    ProjectRecord {
        id: Some(stored.project.id),
        uid: Some(stored.project.uid),
        fields: f,
        created_at: Some(stored.project.created_at),
        updated_at: Some(stored.project.updated_at),
        lines: stored.lines,
    }
}

/// Reads the file at `path` and imports it (see [`import_bytes`]).
pub fn import_file(
    store: &mut Store,
    path: &Path,
    town: Option<&str>,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    import_bytes(store, &bytes, town, dry_run, now)
}

/// The financer tag a funding line is written under: the same source name
/// as the Communs export ([`super::communs::funding_source`]: "DETR",
/// "Conseil régional", "Autofinancement"…), which [`funder_of_name`]
/// reads back to the same funder.
fn financer_name(line: &FundingLine) -> String {
    super::communs::funding_source(line)
}

/// One project as the 28 cells of a TeT row (text; amounts as whole
/// euros, dates as `YYYY-MM-DD`, written as dates by [`export_bytes`]).
/// Axe (x): the ORT axis label; Descriptif: the summary and the context;
/// Objectifs: the proposal; Structure pilote: the lead; Élu·e référent·e:
/// the elected lead; Financeur 1–3 / Montant € HT: the first three funding
/// lines with amounts excluding VAT (the planned amount: awarded, else
/// requested, else paid), the others written in Financements; Budget: the
/// cost excluding VAT; Statut, Niveau de priorité, dates.
pub fn row_of(detail: &ProjectDetail) -> Vec<String> {
    let f = &detail.project.fields;
    let mut cells = vec![String::new(); HEADERS.len()];
    if let Some(a) = f.ort_axis {
        cells[0] = taxonomy().label("axes", a.as_str(), Lang::Fr).to_owned();
    }
    cells[3] = f.title.clone();
    cells[5] = [f.summary.trim(), f.context.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n\n");
    cells[7] = f.proposal.clone();
    cells[9] = f.lead.clone();
    cells[14] = f.elected_lead.clone();
    let lines: Vec<&FundingLine> = detail
        .lines
        .funding_lines
        .iter()
        .filter(|l| {
            !l.amounts_incl_vat
                && l.status != FundingStatus::Refused
                && l.planned_amount().cents() > 0
        })
        .collect();
    let euros = |m: Money| super::communs::whole_euros(m).to_string();
    for (k, l) in lines.iter().take(3).enumerate() {
        cells[17 + 2 * k] = financer_name(l);
        cells[18 + 2 * k] = euros(l.planned_amount());
    }
    let others: Vec<String> = lines
        .iter()
        .skip(3)
        .map(|l| format!("{} {} € HT", financer_name(l), euros(l.planned_amount())))
        .collect();
    if !others.is_empty() {
        cells[16] = format!("Autres financements : {}", others.join(" ; "));
    }
    if let Some(c) = f.cost_excl_vat {
        cells[23] = euros(c);
    }
    cells[24] = status_of(f.stage, f.health).to_owned();
    cells[25] = priority_label(f.priority).to_owned();
    cells[26] = f.planned_start.map(|d| d.to_string()).unwrap_or_default();
    cells[27] = f.planned_end.map(|d| d.to_string()).unwrap_or_default();
    cells
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Incompatible {
        fr: format!("Écriture du classeur impossible : {e}"),
        en: format!("Cannot write the workbook: {e}"),
    }
}

/// The projects as a TeT plan import file: sheet "Fichier d'import", the
/// section titles on row 1, the 28 headers on row 2, the field types on
/// row 3 (as the template), one project per row from row 4; amounts as
/// numbers, dates as dates (dd/mm/yyyy).
pub fn export_bytes(details: &[ProjectDetail]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(SHEET_NAME).map_err(xlsx_err)?;
    let bold = Format::new().set_bold().set_text_wrap();
    let date_fmt = Format::new().set_num_format("dd/mm/yyyy");
    for (col, title) in [
        (0u16, "Présentation de l’action"),
        (7, "Objectifs et indicateurs"),
        (9, "Acteurs"),
        (16, "Modalités de mise en oeuvre "),
    ] {
        ws.write_string_with_format(0, col, title, &bold)
            .map_err(xlsx_err)?;
    }
    for (i, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(1, i as u16, *h, &bold)
            .map_err(xlsx_err)?;
        let kind = match i {
            18 | 20 | 22 | 23 => "Champ numérique",
            24 | 25 => "Champ liste déroulante",
            26 | 27 => "Champ date",
            _ => "Champ texte",
        };
        ws.write_string(2, i as u16, kind).map_err(xlsx_err)?;
        ws.set_column_width(i as u16, if i == 3 || i == 5 { 40 } else { 18 })
            .map_err(xlsx_err)?;
    }
    for (r, d) in details.iter().enumerate() {
        let row = (FIRST_DATA_ROW - 1 + r) as u32;
        for (i, v) in row_of(d).into_iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let col = i as u16;
            match i {
                18 | 20 | 22 | 23 => {
                    let n: f64 = v.parse().unwrap_or(0.0);
                    ws.write_number(row, col, n).map_err(xlsx_err)?;
                }
                26 | 27 => {
                    let day = NaiveDate::parse_from_str(&v, "%Y-%m-%d").expect("written above");
                    let excel = ExcelDateTime::from_ymd(
                        day.year() as u16,
                        day.month() as u8,
                        day.day() as u8,
                    )
                    .map_err(xlsx_err)?;
                    ws.write_datetime_with_format(row, col, &excel, &date_fmt)
                        .map_err(xlsx_err)?;
                }
                _ => {
                    // Excel refuses a cell longer than 32 767 characters.
                    let v: String = if v.chars().count() > 32_767 {
                        v.chars().take(32_766).chain(['…']).collect()
                    } else {
                        v
                    };
                    ws.write_string(row, col, &v).map_err(xlsx_err)?;
                }
            }
        }
    }
    book.save_to_buffer().map_err(xlsx_err)
}

/// Writes the projects (of `town` if given, else all) as a TeT plan import
/// file; returns how many.
pub fn export(store: &Store, town: Option<&str>, path: &Path) -> Result<usize> {
    if let Some(t) = town {
        store.followed_town(t)?;
    }
    let details = store.project_details_in(town)?;
    super::write_atomically(path, &export_bytes(&details)?)?;
    Ok(details.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip() {
        for s in STATUSES {
            let (stage, health) = stage_health_of_status(Some(s));
            assert_eq!(status_of(stage, health), s, "{s}");
        }
    }

    #[test]
    fn dates_as_tet_reads_them() {
        assert_eq!(
            parse_tet_date("31/12/2025"),
            NaiveDate::from_ymd_opt(2025, 12, 31)
        );
        assert_eq!(
            parse_tet_date("30-06-2026"),
            NaiveDate::from_ymd_opt(2026, 6, 30)
        );
        assert_eq!(
            parse_tet_date("12/14/20"),
            NaiveDate::from_ymd_opt(2020, 12, 14)
        );
        assert_eq!(parse_tet_date("demain"), None);
    }

    #[test]
    fn funders_by_their_words() {
        assert_eq!(funder_of_name("Région"), Some(Funder::Region));
        assert_eq!(funder_of_name("Département 64"), Some(Funder::Departement));
        assert_eq!(funder_of_name("DREAL"), Some(Funder::State));
        assert_eq!(funder_of_name("Métropole"), Some(Funder::Epci));
        assert_eq!(funder_of_name("Union européenne"), Some(Funder::Eu));
        assert_eq!(
            funder_of_name("Fonds propres de la commune"),
            Some(Funder::OwnFunds)
        );
        assert_eq!(funder_of_name("Smaug"), None);
        assert_eq!(funder_of_name("Métropole, Région"), None);
        for code in Funder::ALL {
            let label = taxonomy().label("funders", code.as_str(), Lang::Fr);
            assert_eq!(funder_of_name(label), Some(*code), "{label}");
            let line = FundingLine::new(
                *code,
                FundingKind::Grant,
                ExpenseNature::Investment,
                FundingStatus::ToRequest,
            );
            assert_eq!(funder_of_name(&financer_name(&line)), Some(*code));
        }
        let catalogue = crate::reference::catalogue().unwrap();
        for scheme in &catalogue.schemes {
            let mut line = FundingLine::new(
                scheme.funder,
                FundingKind::Grant,
                ExpenseNature::Investment,
                FundingStatus::ToRequest,
            );
            line.scheme = Some(scheme.code.clone());
            assert_eq!(
                funder_of_name(&financer_name(&line)),
                Some(scheme.funder),
                "{}",
                scheme.code
            );
        }
    }

    #[test]
    fn ort_axes_by_label() {
        assert_eq!(ort_axis_of("1. Habitat"), Some(Axis::Housing));
        assert_eq!(ort_axis_of("Habitat et cadre de vie"), None);
        assert_eq!(col_letter(27), "AB");
    }
}

//! The comité de projet pack (or the annual review) as an XLSX *tableau de
//! bord*, for a préfecture that asks for a spreadsheet: the same content
//! as the PDF ([`Committee`]), one sheet per view — summary (with the
//! year-on-year change of a review), progress, milestones, indicators,
//! readings, funding (with the initial plan), lapse dates, decisions.
//! Numbers are numbers, dates are dates, and the totals and differences
//! are formulas carrying their computed result.

use crate::error::{Error, Result};
use crate::model::{Axis, Health, Money};
use crate::reference::taxonomy;
use crate::rules::lapse::LapsePeriod;
use crate::rules::Severity;
use crate::steering::committee::{Committee, MilestoneLine, PackKind};
use crate::Lang;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Formula, RowNum, Workbook, Worksheet,
    XlsxError,
};

/// The sheets, in order, in French.
pub const SHEETS_FR: [&str; 8] = [
    "Synthèse",
    "Avancement",
    "Jalons",
    "Indicateurs",
    "Mesures",
    "Financements",
    "Caducité",
    "Décisions",
];

/// The sheets, in order, in English.
pub const SHEETS_EN: [&str; 8] = [
    "Summary",
    "Progress",
    "Milestones",
    "Indicators",
    "Readings",
    "Funding",
    "Lapse dates",
    "Decisions",
];

/// The workbook of a pack, in `lang`, dated `now` in its properties.
pub fn dashboard_xlsx(c: &Committee, lang: Lang, now: DateTime<Utc>) -> Result<Vec<u8>> {
    build(c, lang, now)
        .map_err(|e| Error::io("tableau-de-bord.xlsx", std::io::Error::other(e.to_string())))
}

/// Cell text as the user wrote it, within a cell's 32,767 characters
/// (the writer escapes what XML cannot hold).
fn text(s: &str) -> String {
    if s.chars().count() > 32_000 {
        let mut cut: String = s.chars().take(32_000).collect();
        cut.push('…');
        cut
    } else {
        s.to_owned()
    }
}

fn euros(m: Money) -> f64 {
    m.as_euros_f64()
}

struct Formats {
    header: Format,
    money: Format,
    money_total: Format,
    date: Format,
    bold: Format,
    percent: Format,
    alert: Format,
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

struct Sheet<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
}

impl Sheet<'_> {
    fn header(&mut self, row: RowNum, titles: &[&str], widths: &[f64]) -> Result<(), XlsxError> {
        for (c, t) in titles.iter().enumerate() {
            self.ws
                .write_string_with_format(row, c as u16, *t, &self.f.header)?;
        }
        for (c, w) in widths.iter().enumerate() {
            self.ws.set_column_width(c as u16, *w)?;
        }
        Ok(())
    }
    fn s(&mut self, r: RowNum, c: u16, s: &str) -> Result<(), XlsxError> {
        self.ws.write_string(r, c, text(s))?;
        Ok(())
    }
    fn n(&mut self, r: RowNum, c: u16, x: f64) -> Result<(), XlsxError> {
        if x.is_finite() {
            self.ws.write_number(r, c, x)?;
        }
        Ok(())
    }
    fn m(&mut self, r: RowNum, c: u16, m: Money) -> Result<(), XlsxError> {
        self.ws
            .write_number_with_format(r, c, euros(m), &self.f.money)?;
        Ok(())
    }
    fn d(&mut self, r: RowNum, c: u16, d: Option<NaiveDate>) -> Result<(), XlsxError> {
        if let Some(d) = d {
            self.ws
                .write_datetime_with_format(r, c, excel_date(d)?, &self.f.date)?;
        }
        Ok(())
    }
}

fn label(vocabulary: &str, code: &str, lang: Lang) -> String {
    taxonomy().label(vocabulary, code, lang).to_owned()
}

fn axis(a: Option<Axis>, lang: Lang) -> String {
    match a {
        Some(a) => label(Axis::VOCABULARY, a.as_str(), lang),
        None => lang.pick("Sans axe ORT", "No ORT axis").into(),
    }
}

fn health(h: Health, lang: Lang) -> String {
    label(Health::VOCABULARY, h.as_str(), lang)
}

fn yes(b: bool, lang: Lang) -> &'static str {
    match (b, lang) {
        (true, Lang::Fr) => "Oui",
        (false, Lang::Fr) => "Non",
        (true, Lang::En) => "Yes",
        (false, Lang::En) => "No",
    }
}

fn build(c: &Committee, lang: Lang, now: DateTime<Utc>) -> Result<Vec<u8>, XlsxError> {
    let names = match lang {
        Lang::Fr => SHEETS_FR,
        Lang::En => SHEETS_EN,
    };
    let review = c.period.kind == PackKind::AnnualReview;
    let title = if review {
        format!(
            "{} {} — {}",
            lang.pick("Bilan annuel", "Annual review"),
            c.period.to.year(),
            c.town_name
        )
    } else {
        format!(
            "{} {} — {}",
            lang.pick("Comité de projet du", "Steering committee of"),
            c.period.to,
            c.town_name
        )
    };
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(text(&title))
            .set_author("Bourgade")
            .set_creation_datetime(&ExcelDateTime::from_timestamp(now.timestamp())?),
    );
    let money = Format::new().set_num_format("#,##0.00 \"€\"");
    let f = Formats {
        header: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_background_color("#DDE6F0"),
        money_total: money.clone().set_bold(),
        money,
        date: Format::new().set_num_format("dd/mm/yyyy"),
        bold: Format::new().set_bold(),
        percent: Format::new().set_num_format("0.0"),
        alert: Format::new().set_bold().set_background_color("#FDF3E7"),
    };
    let pick = |fr: &'static str, en: &'static str| lang.pick(fr, en);

    // 1. Summary.
    {
        let ws = wb.add_worksheet();
        ws.set_name(names[0])?;
        let mut s = Sheet { ws, f: &f };
        s.ws.set_column_width(0, 34)?;
        s.ws.set_column_width(1, 22)?;
        s.ws.set_column_width(2, 22)?;
        s.ws.set_column_width(3, 18)?;
        s.ws.write_string_with_format(0, 0, text(&title), &f.bold)?;
        let p = &c.period;
        let mut r: RowNum = 2;
        let facts: [(&str, &str, &str); 2] = [
            ("Commune", "Town", c.town_name.as_str()),
            ("Code INSEE", "INSEE code", c.town_insee.as_str()),
        ];
        for (fr, en, v) in facts {
            s.s(r, 0, pick(fr, en))?;
            s.s(r, 1, v)?;
            r += 1;
        }
        let dates = [
            (pick("Début de la période", "Period from"), p.from),
            (pick("Fin de la période", "Period to"), p.to),
            (pick("Situation au", "State on"), p.as_of),
            (pick("Prochain comité", "Next committee"), p.next),
            (pick("Édité le", "Edited on"), p.edited_on),
        ];
        for (l, d) in dates {
            s.s(r, 0, l)?;
            s.d(r, 1, Some(d))?;
            r += 1;
        }
        r += 1;
        let t = &c.totals;
        let counts = [
            (pick("Projets suivis", "Projects followed"), t.projects),
            (
                pick("Étapes franchies", "Stages moved"),
                c.activity.stage_moves,
            ),
            (
                pick("Jalons tenus", "Milestones met"),
                c.activity.milestones_met,
            ),
            (
                pick("Jalons en retard", "Milestones late"),
                c.milestones_late.len(),
            ),
            (
                pick("Subventions à surveiller", "Grants to watch"),
                c.lapses.iter().filter(|l| l.at_risk).count(),
            ),
        ];
        for (l, n) in counts {
            s.s(r, 0, l)?;
            s.n(r, 1, n as f64)?;
            r += 1;
        }
        let amounts = [
            (pick("Coût des projets", "Cost of the projects"), t.cost),
            (pick("Engagé (acquis)", "Committed (secured)"), t.secured),
            (
                pick("Accordé par les financeurs", "Awarded by funders"),
                t.awarded,
            ),
            (
                pick("Reçu des financeurs", "Received from funders"),
                t.received,
            ),
        ];
        for (l, m) in amounts {
            s.s(r, 0, l)?;
            s.m(r, 1, m)?;
            r += 1;
        }
        if let Some(y) = &c.year_on_year {
            r += 1;
            s.ws.write_string_with_format(
                r,
                0,
                pick("L'année en chiffres", "The year in figures"),
                &f.header,
            )?;
            s.ws.write_string_with_format(r, 1, (y.year - 1).to_string(), &f.header)?;
            s.ws.write_string_with_format(r, 2, y.year.to_string(), &f.header)?;
            s.ws.write_string_with_format(r, 3, pick("Évolution", "Change"), &f.header)?;
            r += 1;
            let counts = y.counts(lang);
            for (l, x, z) in counts {
                s.s(r, 0, l)?;
                s.n(r, 1, x as f64)?;
                s.n(r, 2, z as f64)?;
                let row = r + 1;
                s.ws.write_formula(
                    r,
                    3,
                    Formula::new(format!("=C{row}-B{row}"))
                        .set_result((z as i64 - x as i64).to_string()),
                )?;
                r += 1;
            }
            let amounts = y.amounts(lang);
            for (l, x, z) in amounts {
                s.s(r, 0, l)?;
                s.m(r, 1, x)?;
                s.m(r, 2, z)?;
                let row = r + 1;
                s.ws.write_formula_with_format(
                    r,
                    3,
                    Formula::new(format!("=C{row}-B{row}"))
                        .set_result(super::xlsx::euros_text(Money(z.cents() - x.cents()))),
                    &f.money,
                )?;
                r += 1;
            }
        }
    }

    // 2. Progress.
    {
        let ws = wb.add_worksheet();
        ws.set_name(names[1])?;
        let mut s = Sheet { ws, f: &f };
        s.header(
            0,
            &[
                pick("Axe ORT", "ORT axis"),
                pick("N°", "No."),
                pick("Projet", "Project"),
                pick("Étape", "Stage"),
                pick("Santé", "Health"),
                pick("Changements d'étape", "Stage moves"),
                pick("Jalons tenus", "Milestones met"),
                pick("Jalons en retard", "Milestones late"),
            ],
            &[26.0, 6.0, 44.0, 8.0, 14.0, 30.0, 12.0, 12.0],
        )?;
        for (i, p) in c.projects.iter().enumerate() {
            let r = i as RowNum + 1;
            s.s(r, 0, &axis(p.axis, lang))?;
            s.n(r, 1, p.project_id as f64)?;
            s.s(r, 2, &p.title)?;
            s.n(r, 3, f64::from(p.stage.number()))?;
            s.s(r, 4, &health(p.health, lang))?;
            let moves: Vec<String> = p
                .moves
                .iter()
                .map(|m| format!("{} → {} ({})", m.from.number(), m.to.number(), m.date))
                .collect();
            s.s(r, 5, &moves.join("; "))?;
            s.n(r, 6, p.met as f64)?;
            s.n(r, 7, p.late as f64)?;
        }
    }

    // 3. Milestones.
    {
        let ws = wb.add_worksheet();
        ws.set_name(names[2])?;
        let mut s = Sheet { ws, f: &f };
        s.header(
            0,
            &[
                pick("Liste", "List"),
                pick("N°", "No."),
                pick("Projet", "Project"),
                pick("Jalon", "Milestone"),
                pick("Échéance", "Due"),
                pick("Retard (jours)", "Days late"),
            ],
            &[22.0, 6.0, 40.0, 44.0, 12.0, 12.0],
        )?;
        let lists: [(&str, &[MilestoneLine]); 3] = [
            (pick("Tenu", "Met"), &c.milestones_met),
            (pick("En retard", "Late"), &c.milestones_late),
            (
                pick("D'ici le prochain comité", "Before the next committee"),
                &c.milestones_next,
            ),
        ];
        let mut r: RowNum = 1;
        for (what, list) in lists {
            for m in list {
                s.s(r, 0, what)?;
                s.n(r, 1, m.project_id as f64)?;
                s.s(r, 2, &m.project_title)?;
                s.s(r, 3, &m.title)?;
                s.d(r, 4, Some(m.due))?;
                if let Some(d) = m.days_late {
                    s.n(r, 5, d as f64)?;
                }
                r += 1;
            }
        }
    }

    // 4. Indicators, 5. their readings.
    {
        let ws = wb.add_worksheet();
        ws.set_name(names[3])?;
        let mut s = Sheet { ws, f: &f };
        let mut titles = vec![
            pick("Portée", "Scope"),
            pick("N° projet", "Project no."),
            pick("Projet", "Project"),
            pick("Indicateur", "Indicator"),
            pick("Unité", "Unit"),
            pick("Sens", "Direction"),
            pick("Référence", "Baseline"),
            pick("Date de référence", "Baseline date"),
            pick("Dernière mesure", "Latest reading"),
            pick("Date de la mesure", "Reading date"),
            pick("Cible", "Target"),
            pick("Date cible", "Target date"),
            pick("Avancement (%)", "Progress (%)"),
            pick("Cible atteinte", "Target reached"),
        ];
        if review {
            titles.push(pick(
                "Avancement un an avant (%)",
                "Progress a year before (%)",
            ));
        }
        s.header(
            0,
            &titles,
            &[
                12.0, 8.0, 32.0, 40.0, 12.0, 10.0, 11.0, 12.0, 11.0, 12.0, 11.0, 12.0, 11.0, 10.0,
                12.0,
            ],
        )?;
        for (i, l) in c.indicators.iter().enumerate() {
            let r = i as RowNum + 1;
            let ind = &l.indicator;
            s.s(
                r,
                0,
                if l.project_id.is_some() {
                    pick("Projet", "Project")
                } else {
                    pick("Convention", "Convention")
                },
            )?;
            if let Some(id) = l.project_id {
                s.n(r, 1, id as f64)?;
            }
            s.s(r, 2, l.project_title.as_deref().unwrap_or(""))?;
            s.s(r, 3, &ind.label)?;
            s.s(r, 4, &ind.unit)?;
            s.s(r, 5, &label("directions", ind.direction.as_str(), lang))?;
            if let Some(v) = ind.baseline_value {
                s.n(r, 6, v)?;
            }
            s.d(r, 7, ind.baseline_date)?;
            if let Some(latest) = &l.progress.latest {
                s.n(r, 8, latest.value)?;
                s.d(r, 9, Some(latest.date))?;
            }
            if let Some(v) = ind.target_value {
                s.n(r, 10, v)?;
            }
            s.d(r, 11, ind.target_date)?;
            if let Some(pc) = l.progress.percent {
                s.ws.write_number_with_format(r, 12, pc, &f.percent)?;
            }
            s.s(r, 13, yes(l.progress.reached, lang))?;
            if let Some(pc) = l.previous.as_ref().and_then(|p| p.percent) {
                s.ws.write_number_with_format(r, 14, pc, &f.percent)?;
            }
        }
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name(names[4])?;
        let mut s = Sheet { ws, f: &f };
        s.header(
            0,
            &[
                pick("Indicateur", "Indicator"),
                pick("Projet", "Project"),
                pick("Date", "Date"),
                pick("Valeur", "Value"),
                pick("Unité", "Unit"),
                pick("Source", "Source"),
            ],
            &[40.0, 32.0, 12.0, 12.0, 12.0, 40.0],
        )?;
        let mut r: RowNum = 1;
        for l in &c.indicators {
            for reading in &l.indicator.readings {
                s.s(r, 0, &l.indicator.label)?;
                s.s(r, 1, l.project_title.as_deref().unwrap_or(""))?;
                s.d(r, 2, Some(reading.date))?;
                s.n(r, 3, reading.value)?;
                s.s(r, 4, &l.indicator.unit)?;
                s.s(r, 5, &reading.source)?;
                r += 1;
            }
        }
    }

    // 6. Funding, with the initial plan under it.
    {
        let ws = wb.add_worksheet();
        ws.set_name(names[5])?;
        let mut s = Sheet { ws, f: &f };
        let period = if review {
            (
                pick("Accordé dans l'année", "Awarded in the year"),
                pick("Reçu dans l'année", "Received in the year"),
            )
        } else {
            (
                pick(
                    "Accordé depuis le précédent comité",
                    "Awarded since the previous committee",
                ),
                pick(
                    "Reçu depuis le précédent comité",
                    "Received since the previous committee",
                ),
            )
        };
        s.header(
            0,
            &[
                pick("Axe ORT", "ORT axis"),
                pick("N°", "No."),
                pick("Projet", "Project"),
                pick("Coût HT", "Cost excl. VAT"),
                pick("Plan de financement", "Funding plan"),
                pick("Engagé (acquis)", "Committed (secured)"),
                pick("Accordé par les financeurs", "Awarded by funders"),
                pick("Reçu des financeurs", "Received from funders"),
                period.0,
                period.1,
            ],
            &[26.0, 6.0, 44.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0],
        )?;
        let n = c.money.len() as RowNum;
        for (i, m) in c.money.iter().enumerate() {
            let r = i as RowNum + 1;
            s.s(r, 0, &axis(m.axis, lang))?;
            s.n(r, 1, m.project_id as f64)?;
            s.s(r, 2, &m.title)?;
            if let Some(cost) = m.cost {
                s.m(r, 3, cost)?;
            }
            s.m(r, 4, m.planned)?;
            s.m(r, 5, m.secured)?;
            s.m(r, 6, m.awarded)?;
            s.m(r, 7, m.received)?;
            s.m(r, 8, m.awarded_in_period)?;
            s.m(r, 9, m.received_in_period)?;
        }
        let total_row = n + 1;
        s.ws.write_string_with_format(total_row, 2, "Total", &f.bold)?;
        let t = &c.totals;
        let sum = |get: fn(&crate::steering::committee::ProjectMoney) -> Money| {
            Money(c.money.iter().map(|m| get(m).cents()).sum())
        };
        let totals: [(u16, Money); 7] = [
            (3, t.cost),
            (4, t.planned),
            (5, t.secured),
            (6, t.awarded),
            (7, t.received),
            (8, sum(|m| m.awarded_in_period)),
            (9, sum(|m| m.received_in_period)),
        ];
        for (col, value) in totals {
            let letter = rust_xlsxwriter::utility::column_number_to_name(col);
            s.ws.write_formula_with_format(
                total_row,
                col,
                Formula::new(format!("=SUM({letter}2:{letter}{})", n + 1))
                    .set_result(super::xlsx::euros_text(value)),
                &f.money_total,
            )?;
        }
        let mut r = total_row + 2;
        match &c.baseline {
            Some(b) => {
                s.ws.write_string_with_format(
                    r,
                    2,
                    format!(
                        "{} ({} {}, {})",
                        pick(
                            "Plan initial de la convention",
                            "The convention's initial plan"
                        ),
                        pick("dossier n°", "pack no."),
                        b.pack_id,
                        b.meeting_date
                    ),
                    &f.header,
                )?;
                s.ws.write_string_with_format(
                    r,
                    3,
                    pick("Plan initial", "Initial plan"),
                    &f.header,
                )?;
                s.ws.write_string_with_format(r, 4, pick("Aujourd'hui", "Today"), &f.header)?;
                s.ws.write_string_with_format(r, 5, pick("Écart", "Difference"), &f.header)?;
                r += 1;
                let rows: [(&str, Money, Money); 5] = [
                    (
                        pick("Coût HT des projets", "Cost excl. VAT"),
                        b.totals.cost,
                        t.cost,
                    ),
                    (
                        pick("Plans de financement", "Funding plans"),
                        b.totals.planned,
                        t.planned,
                    ),
                    (
                        pick("Engagé (acquis)", "Committed (secured)"),
                        b.totals.secured,
                        t.secured,
                    ),
                    (
                        pick("Accordé par les financeurs", "Awarded by funders"),
                        b.totals.awarded,
                        t.awarded,
                    ),
                    (
                        pick("Reçu des financeurs", "Received from funders"),
                        b.totals.received,
                        t.received,
                    ),
                ];
                for (l, before, now) in rows {
                    s.s(r, 2, l)?;
                    s.m(r, 3, before)?;
                    s.m(r, 4, now)?;
                    let row = r + 1;
                    s.ws.write_formula_with_format(
                        r,
                        5,
                        Formula::new(format!("=E{row}-D{row}")).set_result(
                            super::xlsx::euros_text(Money(now.cents() - before.cents())),
                        ),
                        &f.money,
                    )?;
                    r += 1;
                }
            }
            None => {
                s.s(
                    r,
                    2,
                    pick(
                        "Aucun plan initial : le premier comité de projet enregistré en tient lieu.",
                        "No initial plan: the first steering committee stored stands for it.",
                    ),
                )?;
            }
        }
    }

    // 7. Lapse dates.
    {
        let ws = wb.add_worksheet();
        ws.set_name(names[6])?;
        let mut s = Sheet { ws, f: &f };
        s.header(
            0,
            &[
                pick("N°", "No."),
                pick("Projet", "Project"),
                pick("Dispositif", "Scheme"),
                pick("Montant accordé", "Amount awarded"),
                pick("Délai", "Period"),
                pick("Point de départ", "Runs from"),
                pick("Date de caducité", "Lapses on"),
                pick("Jours restants", "Days left"),
                pick("À surveiller", "To watch"),
            ],
            &[6.0, 40.0, 12.0, 15.0, 16.0, 14.0, 14.0, 12.0, 12.0],
        )?;
        for (i, l) in c.lapses.iter().enumerate() {
            let r = i as RowNum + 1;
            s.n(r, 0, l.project_id as f64)?;
            s.s(r, 1, &l.project_title)?;
            s.s(r, 2, &l.scheme)?;
            if let Some(a) = l.amount {
                s.m(r, 3, a)?;
            }
            s.s(
                r,
                4,
                match l.lapse.period {
                    LapsePeriod::Start => pick("Commencement", "Start"),
                    LapsePeriod::Completion => pick("Achèvement", "Completion"),
                },
            )?;
            s.d(r, 5, Some(l.lapse.from))?;
            s.d(r, 6, Some(l.lapse.date))?;
            s.n(r, 7, l.days as f64)?;
            if l.at_risk {
                s.ws.write_string_with_format(r, 8, yes(true, lang), &f.alert)?;
            } else {
                s.s(r, 8, yes(false, lang))?;
            }
        }
    }

    // 8. Decisions.
    {
        let ws = wb.add_worksheet();
        ws.set_name(names[7])?;
        let mut s = Sheet { ws, f: &f };
        s.header(
            0,
            &[
                pick("Sujet", "Subject"),
                pick("N°", "No."),
                pick("Projet", "Project"),
                pick("Niveau", "Level"),
                pick("Constat", "Finding"),
            ],
            &[24.0, 6.0, 40.0, 14.0, 90.0],
        )?;
        let mut r: RowNum = 1;
        for x in &c.findings {
            s.s(r, 0, pick("Règle", "Rule"))?;
            s.n(r, 1, x.project_id as f64)?;
            s.s(r, 2, &x.project_title)?;
            s.s(
                r,
                3,
                match x.severity {
                    Severity::Blocking => pick("Bloquant", "Blocking"),
                    _ => pick("Alerte", "Warning"),
                },
            )?;
            s.s(r, 4, x.message(lang))?;
            r += 1;
        }
        for a in &c.to_arbitrate {
            s.s(r, 0, pick("Projet à arbitrer", "Project to decide on"))?;
            s.n(r, 1, a.project_id as f64)?;
            s.s(r, 2, &a.title)?;
            s.s(r, 3, &health(a.health, lang))?;
            s.s(r, 4, a.last_note.as_deref().unwrap_or(""))?;
            r += 1;
        }
        for m in &c.milestones_next {
            s.s(r, 0, pick("Jalon à venir", "Milestone ahead"))?;
            s.n(r, 1, m.project_id as f64)?;
            s.s(r, 2, &m.project_title)?;
            s.d(r, 3, Some(m.due))?;
            s.s(r, 4, &m.title)?;
            r += 1;
        }
    }
    wb.save_to_buffer()
}

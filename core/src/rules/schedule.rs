//! Dates (good practice; no text): a request still to file whose deadline
//! has passed is blocking, one due within [`DEADLINE_WARNING_DAYS`] a
//! warning; a milestone past due and not done is a warning. A line's
//! deadline is its own, or else the closing date of its scheme's next call.

use super::{plural, Context, Figures, FindingCode, Severity, Verdict};
use crate::calendar::{date_en, date_fr};
use crate::model::next_call;
use crate::model::{FundingLine, FundingStatus};
use crate::Lang;

/// A deadline this many days away or fewer is a warning.
pub const DEADLINE_WARNING_DAYS: i64 = 30;

/// "Financement n° 2 (Région, REGION)" / "Funding line #2 (Region, REGION)".
pub(crate) fn line_name(i: usize, l: &FundingLine) -> (String, String) {
    let t = crate::reference::taxonomy();
    let funder = |lang| t.label("funders", l.funder.as_str(), lang).to_owned();
    let scheme = l
        .scheme
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| format!(", {s}"))
        .unwrap_or_default();
    (
        format!(
            "Financement n°\u{a0}{} ({}{scheme})",
            i + 1,
            funder(Lang::Fr)
        ),
        format!("Funding line #{} ({}{scheme})", i + 1, funder(Lang::En)),
    )
}

/// Deadlines of the lines still to request.
pub fn deadlines(cx: &Context) -> Vec<Verdict> {
    let today = cx.today;
    let mut out = Vec::new();
    for (i, l) in cx.detail.lines.funding_lines.iter().enumerate() {
        if l.status != FundingStatus::ToRequest {
            continue;
        }
        let (date, what_fr, what_en) = match (l.deadline, l.scheme.as_deref()) {
            (Some(d), _) => (d, "la date limite".to_owned(), "the deadline".to_owned()),
            (None, Some(scheme)) => match next_call(cx.calls, scheme, today) {
                Some(call) => (
                    call.fields.closes_on,
                    format!(
                        "la clôture de l'appel {} {}",
                        call.fields.scheme_code, call.fields.year
                    ),
                    format!(
                        "the closing of the {} {} call",
                        call.fields.scheme_code, call.fields.year
                    ),
                ),
                None => continue,
            },
            (None, None) => continue,
        };
        let name = line_name(i, l);
        let days = (date - today).num_days();
        let figures = Figures {
            amount: l.amount_requested,
            date: Some(date),
            days: Some(days),
            ..Default::default()
        };
        let field = Some(format!("funding_lines[{i}]"));
        let computation = (
            format!(
                "{} − {} = {days}\u{a0}jour{}",
                date_fr(date),
                date_fr(today),
                plural(days.abs())
            ),
            format!(
                "{} − {} = {days} day{}",
                date_en(date),
                date_en(today),
                plural(days.abs())
            ),
        );
        if days < 0 {
            let ago = -days;
            out.push(Verdict {
                code: FindingCode::DeadlinePassed,
                severity: Severity::Blocking,
                field,
                message: (
                    format!("{}\u{a0}: {what_fr} du {} est passée depuis {ago}\u{a0}jour{} et la demande n'est pas déposée", name.0, date_fr(date), plural(ago)),
                    format!("{}: {what_en} of {} passed {ago} day{} ago and the request is not filed", name.1, date_en(date), plural(ago)),
                ),
                computation,
                figures,
            });
        } else if days <= DEADLINE_WARNING_DAYS {
            let when_fr = match days {
                0 => "aujourd'hui".to_owned(),
                1 => "demain".to_owned(),
                n => format!("dans {n}\u{a0}jours"),
            };
            let when_en = match days {
                0 => "today".to_owned(),
                1 => "tomorrow".to_owned(),
                n => format!("in {n} days"),
            };
            out.push(Verdict {
                code: FindingCode::DeadlineSoon,
                severity: Severity::Warning,
                field,
                message: (
                    format!(
                        "{}\u{a0}: {what_fr} est le {}, {when_fr}, et la demande reste à déposer",
                        name.0,
                        date_fr(date)
                    ),
                    format!(
                        "{}: {what_en} is on {}, {when_en}, and the request is still to file",
                        name.1,
                        date_en(date)
                    ),
                ),
                computation,
                figures,
            });
        }
    }
    out
}

/// Milestones past due and not done.
pub fn milestones(cx: &Context) -> Vec<Verdict> {
    let today = cx.today;
    cx.detail
        .lines
        .milestones
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.done && m.due_date < today)
        .map(|(i, m)| {
            let late = (today - m.due_date).num_days();
            Verdict {
                code: FindingCode::MilestoneLate,
                severity: Severity::Warning,
                field: Some(format!("milestones[{i}]")),
                message: (
                    format!(
                        "Jalon «\u{a0}{}\u{a0}» prévu le {}\u{a0}: en retard de {late}\u{a0}jour{}",
                        m.title.trim(),
                        date_fr(m.due_date),
                        plural(late)
                    ),
                    format!(
                        "Milestone \"{}\" due on {}: {late} day{} late",
                        m.title.trim(),
                        date_en(m.due_date),
                        plural(late)
                    ),
                ),
                computation: (
                    format!(
                        "{} − {} = {late}\u{a0}jour{} de retard",
                        date_fr(today),
                        date_fr(m.due_date),
                        plural(late)
                    ),
                    format!(
                        "{} − {} = {late} day{} late",
                        date_en(today),
                        date_en(m.due_date),
                        plural(late)
                    ),
                ),
                figures: Figures {
                    date: Some(m.due_date),
                    days: Some(-late),
                    ..Default::default()
                },
            }
        })
        .collect()
}

//! The merged agenda of a town, gathered from the store: calls of funding
//! schemes (opening and closing), project milestones, funding deadlines of
//! requests still to file, council meetings and the date their items are
//! due, in order. The entries and their iCalendar export are in
//! [`crate::calendar::agenda`].

use crate::calendar::holidays::add_business_days;
use crate::calendar::{AgendaEntry, AgendaKind, COUNCIL_FILING_BUSINESS_DAYS};
use crate::error::Result;
use crate::model::FundingStatus;
use crate::rules::lapse;
use crate::store::{ProjectFilter, Store};
use crate::text::{date_en, date_fr};
use crate::Lang;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The agenda from `from` to `to` (inclusive) of one followed town, or of
/// every followed town. Scheme calls are national: always included.
pub fn agenda(
    store: &Store,
    town: Option<&str>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<AgendaEntry>> {
    let town = town.map(str::trim);
    if let Some(t) = town {
        store.followed_town(t)?;
    }
    let in_range = |d: NaiveDate| from <= d && d <= to;
    let mut out = Vec::new();
    let schemes: HashMap<String, (String, String)> = store
        .funding_schemes()?
        .into_iter()
        .map(|s| (s.code, (s.name_fr, s.name_en)))
        .collect();
    for call in store.scheme_calls()? {
        let f = &call.fields;
        let (name_fr, name_en) = schemes
            .get(&f.scheme_code)
            .cloned()
            .unwrap_or_else(|| (f.scheme_code.clone(), f.scheme_code.clone()));
        for (date, kind, fr, en, tag) in [
            (
                f.opens_on,
                AgendaKind::CallOpens,
                "Ouverture",
                "Opening",
                "opens",
            ),
            (
                f.closes_on,
                AgendaKind::CallCloses,
                "Clôture",
                "Closing",
                "closes",
            ),
        ] {
            if in_range(date) {
                out.push(AgendaEntry {
                    date,
                    kind,
                    title_fr: format!("{fr} de l'appel {} {}", f.scheme_code, f.year),
                    title_en: format!("{en} of the {} {} call", f.scheme_code, f.year),
                    detail_fr: join_lines(&[&name_fr, &f.note]),
                    detail_en: join_lines(&[&name_en, &f.note]),
                    town_insee: None,
                    project_id: None,
                    meeting_id: None,
                    uid: format!("call-{}-{tag}@bourgade", call.id),
                    done: false,
                });
            }
        }
    }
    let projects = store.projects(&ProjectFilter {
        town_insee: town.map(str::to_owned),
        ..Default::default()
    })?;
    let mut titles: HashMap<i64, String> = HashMap::new();
    let taxonomy = crate::reference::taxonomy();
    let scheme_list = store.funding_schemes()?;
    for summary in &projects {
        titles.insert(summary.id, summary.title.clone());
        let d = store.project_detail(summary.id)?;
        let p = &d.project;
        let project_line = |lang: Lang| match lang {
            Lang::Fr => format!(
                "Projet n° {} : {} ({})",
                p.id, p.fields.title, summary.town_name
            ),
            Lang::En => format!(
                "Project #{}: {} ({})",
                p.id, p.fields.title, summary.town_name
            ),
        };
        for (i, m) in d.lines.milestones.iter().enumerate() {
            if in_range(m.due_date) {
                out.push(AgendaEntry {
                    date: m.due_date,
                    kind: AgendaKind::Milestone,
                    title_fr: format!("{} — {}", m.title.trim(), p.fields.title),
                    title_en: format!("{} — {}", m.title.trim(), p.fields.title),
                    detail_fr: project_line(Lang::Fr),
                    detail_en: project_line(Lang::En),
                    town_insee: Some(p.fields.town_insee.clone()),
                    project_id: Some(p.id),
                    meeting_id: None,
                    uid: format!("{}-milestone-{i}@bourgade", p.uid),
                    done: m.done,
                });
            }
        }
        for (i, l) in d.lines.funding_lines.iter().enumerate() {
            let Some(deadline) = l.deadline.filter(|d| in_range(*d)) else {
                continue;
            };
            if l.status != FundingStatus::ToRequest {
                continue;
            }
            let what = l
                .scheme
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| {
                    taxonomy
                        .label("funders", l.funder.as_str(), Lang::Fr)
                        .to_owned()
                });
            let what_en = l
                .scheme
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| {
                    taxonomy
                        .label("funders", l.funder.as_str(), Lang::En)
                        .to_owned()
                });
            let amount = l
                .amount_requested
                .map(|m| m.display_fr())
                .unwrap_or_default();
            out.push(AgendaEntry {
                date: deadline,
                kind: AgendaKind::FundingDeadline,
                title_fr: format!("Date limite de dépôt {what} — {}", p.fields.title),
                title_en: format!("{what_en} filing deadline — {}", p.fields.title),
                detail_fr: join_lines(&[
                    &project_line(Lang::Fr),
                    &if amount.is_empty() {
                        String::new()
                    } else {
                        format!("Montant prévu : {amount}")
                    },
                ]),
                detail_en: join_lines(&[
                    &project_line(Lang::En),
                    &l.amount_requested
                        .map(|m| format!("Planned amount: {}", crate::model::Money::display_en(m)))
                        .unwrap_or_default(),
                ]),
                town_insee: Some(p.fields.town_insee.clone()),
                project_id: Some(p.id),
                meeting_id: None,
                uid: format!("{}-funding-{i}@bourgade", p.uid),
                done: false,
            });
        }
        for (i, l) in d.lines.funding_lines.iter().enumerate() {
            let Some(rule) = lapse::rule_for(l, &scheme_list) else {
                continue;
            };
            let Some(due) = lapse::lapse_date(l, &p.fields, rule).filter(|x| in_range(x.date))
            else {
                continue;
            };
            let scheme = l.scheme.as_deref().unwrap_or_default().trim();
            let (what_fr, what_en) = match due.period {
                lapse::LapsePeriod::Start => (
                    "Date limite de commencement d'exécution\u{a0}: sans commencement à cette date, la subvention est caduque",
                    "Deadline for the start of execution: without a start by this date, the grant lapses",
                ),
                lapse::LapsePeriod::Completion => (
                    "Date limite d'achèvement\u{a0}: passé ce jour, l'opération est réputée terminée et plus aucune demande de paiement n'est recevable",
                    "Deadline for completion: after this day the operation is deemed finished and no payment request is received any more",
                ),
            };
            out.push(AgendaEntry {
                date: due.date,
                kind: AgendaKind::GrantLapse,
                title_fr: format!("Échéance {scheme} — {}", p.fields.title),
                title_en: format!("{scheme} deadline — {}", p.fields.title),
                detail_fr: join_lines(&[
                    &project_line(Lang::Fr),
                    &format!("{what_fr} ({})", rule.basis),
                ]),
                detail_en: join_lines(&[
                    &project_line(Lang::En),
                    &format!("{what_en} (CGCT art. R2334-28 and R2334-29)"),
                ]),
                town_insee: Some(p.fields.town_insee.clone()),
                project_id: Some(p.id),
                meeting_id: None,
                uid: format!("{}-lapse-{i}@bourgade", p.uid),
                done: false,
            });
        }
    }
    let mut departements: HashMap<String, (String, String)> = HashMap::new();
    for m in store.council_meetings(town)? {
        let insee = m.fields.town_insee.clone();
        if !departements.contains_key(&insee) {
            let c = store.commune(&insee)?;
            let entry = c
                .map(|c| (c.departement, c.name))
                .unwrap_or_else(|| (String::new(), insee.clone()));
            departements.insert(insee.clone(), entry);
        }
        let (dep, town_name) = &departements[&insee];
        let filing = add_business_days(m.fields.date, -COUNCIL_FILING_BUSINESS_DAYS, dep);
        if !in_range(m.fields.date) && !in_range(filing) {
            continue;
        }
        let items = || -> String {
            m.fields
                .agenda
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    let title = titles
                        .get(id)
                        .cloned()
                        .unwrap_or_else(|| format!("n° {id}"));
                    format!("{}. {title}", i + 1)
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let agenda_fr = if m.fields.agenda.is_empty() {
            String::new()
        } else {
            format!("Ordre du jour :\n{}", items())
        };
        let agenda_en = if m.fields.agenda.is_empty() {
            String::new()
        } else {
            format!("Agenda:\n{}", items())
        };
        if in_range(m.fields.date) {
            out.push(AgendaEntry {
                date: m.fields.date,
                kind: AgendaKind::CouncilMeeting,
                title_fr: format!("{} — {town_name}", m.display_title(Lang::Fr)),
                title_en: format!("{} — {town_name}", m.display_title(Lang::En)),
                detail_fr: join_lines(&[&agenda_fr, &m.fields.note]),
                detail_en: join_lines(&[&agenda_en, &m.fields.note]),
                town_insee: Some(insee.clone()),
                project_id: None,
                meeting_id: Some(m.id),
                uid: format!("council-{}@bourgade", m.id),
                done: false,
            });
        }
        if in_range(filing) {
            out.push(AgendaEntry {
                date: filing,
                kind: AgendaKind::CouncilFiling,
                title_fr: format!(
                    "Notes de synthèse à remettre pour le conseil du {} — {town_name}",
                    date_fr(m.fields.date)
                ),
                title_en: format!(
                    "Summary notes due for the council of {} — {town_name}",
                    date_en(m.fields.date)
                ),
                detail_fr: join_lines(&[
                    &format!(
                        "{COUNCIL_FILING_BUSINESS_DAYS} jours ouvrés avant la séance (week-ends et jours fériés exclus)."
                    ),
                    &agenda_fr,
                ]),
                detail_en: join_lines(&[
                    &format!(
                        "{COUNCIL_FILING_BUSINESS_DAYS} business days before the meeting (weekends and public holidays excluded)."
                    ),
                    &agenda_en,
                ]),
                town_insee: Some(insee.clone()),
                project_id: None,
                meeting_id: Some(m.id),
                uid: format!("council-{}-filing@bourgade", m.id),
                done: false,
            });
        }
    }
    out.sort_by(|a, b| (a.date, a.kind, &a.title_fr).cmp(&(b.date, b.kind, &b.title_fr)));
    Ok(out)
}

fn join_lines(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::agenda_ics;
    use crate::model::{CouncilMeetingFields, Money, SchemeCallFields};
    use crate::model::{
        ExpenseNature, Funder, FundingKind, FundingLine, Milestone, ProjectFields, ProjectLines,
    };
    use crate::store::testing;
    use chrono::{DateTime, Utc};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn now() -> DateTime<Utc> {
        "2026-11-23T09:30:00Z".parse().unwrap()
    }

    /// Carhaix-Plouguer followed, one project with a milestone, a DETR line
    /// to request and a filed one, a DETR call and a council meeting.
    fn fixture() -> (Store, i64) {
        let mut s = testing::store();
        s.add_town("29024", now()).unwrap();
        let p = s
            .create_project(
                ProjectFields {
                    town_insee: "29024".into(),
                    title: "Halle, marché; couvert".into(),
                    ..Default::default()
                },
                now(),
            )
            .unwrap();
        let mut detr = FundingLine::new(
            Funder::State,
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::ToRequest,
        );
        detr.scheme = Some("DETR".into());
        detr.deadline = Some(d(2027, 1, 31));
        detr.amount_requested = Some(Money::euros(40_000));
        let mut filed = detr.clone();
        filed.status = FundingStatus::Filed;
        filed.deadline = Some(d(2026, 12, 31));
        s.save_project_lines(
            p.id,
            ProjectLines {
                funding_lines: vec![detr, filed],
                milestones: vec![Milestone {
                    title: "Avant-projet".into(),
                    due_date: d(2026, 12, 5),
                    done: false,
                }],
                ..Default::default()
            },
            now(),
        )
        .unwrap();
        s.add_scheme_call(
            SchemeCallFields {
                scheme_code: "DETR".into(),
                year: 2027,
                opens_on: d(2026, 10, 15),
                closes_on: d(2027, 1, 15),
                note: String::new(),
            },
            now(),
        )
        .unwrap();
        s.add_council_meeting(
            CouncilMeetingFields {
                town_insee: "29024".into(),
                date: d(2026, 12, 17),
                title: String::new(),
                note: String::new(),
                agenda: vec![p.id],
            },
            now(),
        )
        .unwrap();
        (s, p.id)
    }

    #[test]
    fn the_agenda_merges_every_source_in_date_order() {
        let (s, _) = fixture();
        let a = agenda(&s, Some("29024"), d(2026, 11, 1), d(2027, 1, 31)).unwrap();
        let got: Vec<(NaiveDate, AgendaKind)> = a.iter().map(|e| (e.date, e.kind)).collect();
        assert_eq!(
            got,
            [
                (d(2026, 12, 3), AgendaKind::CouncilFiling),
                (d(2026, 12, 5), AgendaKind::Milestone),
                (d(2026, 12, 17), AgendaKind::CouncilMeeting),
                (d(2027, 1, 15), AgendaKind::CallCloses),
                (d(2027, 1, 31), AgendaKind::FundingDeadline),
            ],
            "the call opened before the range; the filed line has no deadline left"
        );
        assert_eq!(
            a[0].title_fr,
            "Notes de synthèse à remettre pour le conseil du 17 décembre 2026 — Carhaix-Plouguer",
            "10 business days before Thursday 17 December 2026"
        );
        assert!(
            a[2].detail_fr.contains("1. Halle, marché; couvert"),
            "{}",
            a[2].detail_fr
        );
    }

    #[test]
    fn the_range_is_inclusive_and_unknown_towns_are_refused() {
        let (s, _) = fixture();
        let one_day = agenda(&s, None, d(2026, 12, 5), d(2026, 12, 5)).unwrap();
        assert_eq!(one_day.len(), 1, "the milestone on the first and last day");
        let e = agenda(&s, Some("29197"), d(2026, 1, 1), d(2027, 1, 1)).unwrap_err();
        assert_eq!(e.code(), "invalid", "Plouhinec is not followed");
        assert!(
            e.message(crate::Lang::Fr)
                .contains("Plouhinec (29197) n'est pas une commune suivie"),
            "{}",
            e.message(crate::Lang::Fr)
        );
    }

    #[test]
    fn the_ics_export_parses_back_with_one_event_per_entry() {
        use icalendar::{Calendar, Component};
        let (s, _) = fixture();
        let a = agenda(&s, None, d(2026, 1, 1), d(2027, 12, 31)).unwrap();
        let text = agenda_ics(&a, "Bourgade — Carhaix-Plouguer", Lang::Fr, now());
        let cal: Calendar = text.parse().expect("parses");
        let events: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
        assert_eq!(events.len(), a.len(), "every entry is an event");
        let uids: std::collections::HashSet<_> =
            events.iter().filter_map(|e| e.get_uid()).collect();
        assert_eq!(uids.len(), a.len(), "UIDs are unique");
        assert!(
            events
                .iter()
                .any(|e| e.get_summary() == Some("Avant-projet — Halle, marché; couvert")),
            "a project title with , and ; survives the round trip"
        );
        let again = agenda_ics(&a, "Bourgade — Carhaix-Plouguer", Lang::Fr, now());
        assert_eq!(
            text, again,
            "the same agenda gives the same file (stable UIDs)"
        );
    }
}

//! The council pack of one meeting: a cover with the agenda (and the page
//! of each item), a page "what changed since the last council" computed
//! from the history (stage moves, funding steps, new projects), then the
//! brief of each agenda item.

use super::layout::{colors, Align, Column, Doc, Meta, Row, Style, Table, CONTENT_W, LEFT};
use super::typo::{self, date, money};
use super::*;

/// What the user asks for: a meeting, its agenda, optional proposals.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CouncilRequest {
    /// The town whose council meets (by default, that of the first item).
    pub town_insee: Option<String>,
    pub meeting_date: NaiveDate,
    /// The agenda, in order.
    pub project_ids: Vec<i64>,
    /// Proposals replacing the default one, by project id.
    pub decisions: BTreeMap<i64, String>,
}

/// A project that moved to another stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageChange {
    pub project_id: i64,
    pub title: String,
    pub date: NaiveDate,
    pub from: Stage,
    pub to: Stage,
    pub note: String,
}

/// What happened to a funding request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FundingStep {
    Filed,
    Awarded,
    Refused,
    Paid,
}

/// A dated step of a funding line (filed, notified, paid).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundingChange {
    pub project_id: i64,
    pub title: String,
    pub date: NaiveDate,
    pub funder: Funder,
    pub scheme: Option<String>,
    pub step: FundingStep,
    pub amount: Option<Money>,
}

/// A project created in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewProject {
    pub project_id: i64,
    pub title: String,
    pub date: NaiveDate,
    pub stage: Stage,
}

/// What changed in a town's projects between two dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes {
    /// Start of the period (excluded).
    pub since: NaiveDate,
    /// End of the period (included): the meeting date.
    pub until: NaiveDate,
    /// True when `since` is the previous pack's meeting; false when it is
    /// the default 90 days.
    pub since_previous_pack: bool,
    pub new_projects: Vec<NewProject>,
    pub stage_changes: Vec<StageChange>,
    pub funding_changes: Vec<FundingChange>,
}

/// The changes recorded in `projects` after `since` and up to `until`:
/// stage events with a previous stage, dated funding steps (filed,
/// notified — awarded or refused —, paid) and projects created. Each list
/// is in date order.
pub fn changes_between(
    projects: &[ProjectDetail],
    since: NaiveDate,
    until: NaiveDate,
    since_previous_pack: bool,
) -> Changes {
    let inside = |d: NaiveDate| d > since && d <= until;
    let mut c = Changes {
        since,
        until,
        since_previous_pack,
        new_projects: Vec::new(),
        stage_changes: Vec::new(),
        funding_changes: Vec::new(),
    };
    for d in projects {
        let p = &d.project;
        let title = p.fields.title.clone();
        let created = crate::day::paris_day(p.created_at);
        if inside(created) {
            c.new_projects.push(NewProject {
                project_id: p.id,
                title: title.clone(),
                date: created,
                stage: d
                    .lines
                    .stage_events
                    .first()
                    .map_or(p.fields.stage, |e| e.to_stage),
            });
        }
        for e in &d.lines.stage_events {
            if let (Some(from), true) = (e.from_stage, inside(e.date)) {
                c.stage_changes.push(StageChange {
                    project_id: p.id,
                    title: title.clone(),
                    date: e.date,
                    from,
                    to: e.to_stage,
                    note: e.note.clone(),
                });
            }
        }
        for l in &d.lines.funding_lines {
            let notified = if l.status == FundingStatus::Refused {
                (FundingStep::Refused, None)
            } else {
                (FundingStep::Awarded, l.amount_awarded)
            };
            let steps = [
                (l.filed_on, FundingStep::Filed, l.amount_requested),
                (l.notified_on, notified.0, notified.1),
                (l.paid_on, FundingStep::Paid, l.amount_paid),
            ];
            for (when, step, amount) in steps {
                if let Some(when) = when.filter(|d| inside(*d)) {
                    c.funding_changes.push(FundingChange {
                        project_id: p.id,
                        title: title.clone(),
                        date: when,
                        funder: l.funder,
                        scheme: l.scheme.clone(),
                        step,
                        amount,
                    });
                }
            }
        }
    }
    c.new_projects.sort_by_key(|x| (x.date, x.project_id));
    c.stage_changes.sort_by_key(|x| (x.date, x.project_id));
    c.funding_changes.sort_by_key(|x| (x.date, x.project_id));
    c
}

/// The PDF of a council pack.
pub fn render_council_pack(
    town_name: &str,
    meeting: NaiveDate,
    items: &[ProjectBrief],
    changes: &Changes,
    opts: &BriefOptions,
) -> Result<Vec<u8>> {
    // The cover lists the page of each item, known only once laid out: lay
    // out twice. The page column has a fixed width, so numbers do not move
    // anything.
    let (_, mut pages) = build(town_name, meeting, items, changes, opts, None)?;
    for _ in 0..3 {
        let (doc, again) = build(town_name, meeting, items, changes, opts, Some(&pages))?;
        if again == pages {
            let lang = opts.lang;
            let meeting_text = date(meeting, lang);
            let title = match lang {
                Lang::Fr => format!("Conseil municipal du {meeting_text} — {town_name}"),
                Lang::En => format!("Municipal council of {meeting_text} — {town_name}"),
            };
            return Ok(doc.finish(&Meta {
                title: title.clone(),
                author: town_name.into(),
                subject: lang
                    .pick(
                        "Notes explicatives de synthèse",
                        "Explanatory summary notes",
                    )
                    .into(),
                created: opts.now,
                footer: title.clone(),
                running_head: title,
            }));
        }
        pages = again;
    }
    unreachable!("page numbers settle after one pass: the cover's layout does not depend on them")
}

/// Lays out the pack; returns the document and the first page of the
/// changes page followed by each item's.
fn build(
    town_name: &str,
    meeting: NaiveDate,
    items: &[ProjectBrief],
    changes: &Changes,
    opts: &BriefOptions,
    pages: Option<&[usize]>,
) -> Result<(Doc, Vec<usize>)> {
    let lang = opts.lang;
    let mut doc = Doc::new(lang);
    let logo = logo(&mut doc, opts.logo_png.as_deref())?;
    let meeting_text = date(meeting, lang);
    let session = match lang {
        Lang::Fr => format!("Séance du {meeting_text}"),
        Lang::En => format!("Meeting of {meeting_text}"),
    };
    letterhead(
        &mut doc,
        town_name,
        &session,
        lang.pick("Dossier du conseil municipal", "Municipal council pack"),
        logo.as_ref(),
    );
    doc.bookmark(lang.pick("Ordre du jour", "Agenda"));
    doc.gap(30.0);
    doc.paragraph(
        lang.pick("Conseil municipal", "Municipal council"),
        Style::BODY.size(26.0).bold(),
        0.0,
    );
    doc.gap(4.0);
    doc.paragraph(&session, Style::BODY.size(15.0).color(colors::ACCENT), 0.0);
    doc.gap(2.0);
    doc.paragraph(
        lang.pick(
            "Notes explicatives de synthèse des points inscrits à l'ordre du jour",
            "Explanatory summary notes of the items on the agenda",
        ),
        Style::NOTE.size(10.0),
        0.0,
    );
    doc.gap(28.0);
    doc.heading(lang.pick("Ordre du jour", "Agenda"), H1, 40.0, 1);
    doc.gap(2.0);
    let page_of = |k: usize| {
        pages
            .and_then(|p| p.get(k))
            .map(|n| format!("p.\u{a0}{n}"))
            .unwrap_or_else(|| "p.\u{a0}…".into())
    };
    let changes_title = lang.pick(
        "Ce qui a changé depuis le dernier conseil",
        "What changed since the last council",
    );
    agenda_line(&mut doc, "", changes_title, "", &page_of(0));
    for (i, b) in items.iter().enumerate() {
        let f = &b.detail.project.fields;
        agenda_line(
            &mut doc,
            &format!("{}.", i + 1),
            &typo::text(&f.title, lang),
            &format!(
                "{} {}  ·  {}",
                lang.pick("Étape", "Stage"),
                stage_label(f.stage, lang),
                label("health", f.health.as_str(), lang)
            ),
            &page_of(i + 1),
        );
    }
    doc.gap(20.0);
    doc.paragraph(
        &match lang {
            Lang::Fr => format!(
                "Dossier établi le {} ; il est conservé tel quel et peut être réimprimé à l'identique.",
                date(opts.today, lang)
            ),
            Lang::En => format!(
                "Pack prepared on {}; it is kept as is and can be reprinted identically.",
                date(opts.today, lang)
            ),
        },
        Style::NOTE,
        0.0,
    );

    let mut starts = Vec::with_capacity(items.len() + 1);
    doc.new_page(true);
    starts.push(doc.page_count());
    doc.bookmark(changes_title);
    changes_page(&mut doc, changes_title, changes, opts);

    for (i, b) in items.iter().enumerate() {
        doc.new_page(false);
        starts.push(doc.page_count());
        let title = typo::clean(&b.detail.project.fields.title);
        doc.bookmark(&match lang {
            Lang::Fr => format!("Point {} — {title}", i + 1),
            Lang::En => format!("Item {} — {title}", i + 1),
        });
        let right = match lang {
            Lang::Fr => format!("Séance du {meeting_text} — point {}", i + 1),
            Lang::En => format!("Meeting of {meeting_text} — item {}", i + 1),
        };
        project::lay_out(&mut doc, b, opts, logo.as_ref(), &right);
    }
    Ok((doc, starts))
}

/// One agenda line: number, title (and a note under it), page at the right.
fn agenda_line(doc: &mut Doc, number: &str, title: &str, note: &str, page: &str) {
    let num_w = 22.0;
    let page_w = 44.0;
    let title_w = CONTENT_W - num_w - page_w - 8.0;
    let style = Style::BODY.size(10.5).bold();
    let lines = doc.fonts.wrap_max(title, style, title_w, 3);
    let lh = style.line_height();
    let note_lh = Style::NOTE.line_height();
    let h = lines.len() as f32 * lh + if note.is_empty() { 0.0 } else { note_lh } + 8.0;
    doc.ensure(h);
    let top = doc.cursor();
    let base = |k: usize| top - 4.0 - lh * k as f32 - lh / 2.0 - 0.33 * style.size;
    doc.text_at(
        LEFT,
        base(0),
        num_w,
        number,
        style.color(colors::ACCENT),
        Align::Left,
    );
    for (k, line) in lines.iter().enumerate() {
        doc.text_at(LEFT + num_w, base(k), title_w, line, style, Align::Left);
    }
    doc.text_at(
        LEFT + CONTENT_W - page_w,
        base(0),
        page_w,
        page,
        Style::NOTE.size(9.5),
        Align::Right,
    );
    if !note.is_empty() {
        let y = top - 4.0 - lh * lines.len() as f32 - note_lh / 2.0 - 0.33 * Style::NOTE.size;
        doc.text_at(LEFT + num_w, y, title_w, note, Style::NOTE, Align::Left);
    }
    doc.advance(h);
    doc.rule(colors::RULE, 0.4);
}

fn changes_page(doc: &mut Doc, title: &str, c: &Changes, opts: &BriefOptions) {
    let lang = opts.lang;
    doc.heading(title, Style::BODY.size(17.0).bold(), 60.0, 2);
    let period = match (lang, c.since_previous_pack) {
        (Lang::Fr, true) => format!(
            "Période : du {} (dossier du conseil précédent) au {}.",
            date(c.since, lang),
            date(c.until, lang)
        ),
        (Lang::Fr, false) => format!(
            "Période : du {} au {} (les 90 jours précédant la séance : aucun dossier de conseil antérieur n'est enregistré).",
            date(c.since, lang),
            date(c.until, lang)
        ),
        (Lang::En, true) => format!(
            "Period: from {} (previous council pack) to {}.",
            date(c.since, lang),
            date(c.until, lang)
        ),
        (Lang::En, false) => format!(
            "Period: from {} to {} (the 90 days before the meeting: no earlier council pack is recorded).",
            date(c.since, lang),
            date(c.until, lang)
        ),
    };
    doc.paragraph(&typo::punctuate(&period, lang), Style::NOTE, 0.0);
    let col = |t: &str, share: f32, align: Align| Column {
        title: t.into(),
        share,
        align,
    };
    let none = |doc: &mut Doc| {
        doc.paragraph(
            lang.pick("Aucun sur la période.", "None in the period."),
            Style::NOTE,
            0.0,
        )
    };
    let project = |id: i64, title: &str| format!("n°\u{a0}{id} — {}", typo::text(title, lang));

    section(doc, lang.pick("Nouveaux projets", "New projects"), 40.0);
    if c.new_projects.is_empty() {
        none(doc);
    } else {
        doc.table(&Table {
            columns: vec![
                col(lang.pick("Date", "Date"), 1.55, Align::Left),
                col(lang.pick("Projet", "Project"), 4.0, Align::Left),
                col(lang.pick("Étape", "Stage"), 1.8, Align::Left),
            ],
            rows: c
                .new_projects
                .iter()
                .map(|n| {
                    Row::body(vec![
                        date(n.date, lang),
                        project(n.project_id, &n.title),
                        stage_label(n.stage, lang),
                    ])
                })
                .collect(),
            size: 8.5,
            max_cell_lines: 3,
        });
    }

    section(doc, lang.pick("Changements d'étape", "Stage moves"), 40.0);
    if c.stage_changes.is_empty() {
        none(doc);
    } else {
        doc.table(&Table {
            columns: vec![
                col(lang.pick("Date", "Date"), 1.55, Align::Left),
                col(lang.pick("Projet", "Project"), 2.8, Align::Left),
                col(lang.pick("Passage", "Move"), 1.9, Align::Left),
                col(lang.pick("Note", "Note"), 2.2, Align::Left),
            ],
            rows: c
                .stage_changes
                .iter()
                .map(|s| {
                    Row::body(vec![
                        date(s.date, lang),
                        project(s.project_id, &s.title),
                        format!("{} → {}", s.from.number(), stage_label(s.to, lang)),
                        typo::text(&s.note, lang),
                    ])
                })
                .collect(),
            size: 8.5,
            max_cell_lines: 3,
        });
    }

    section(
        doc,
        lang.pick(
            "Décisions et étapes de financement",
            "Funding decisions and steps",
        ),
        40.0,
    );
    if c.funding_changes.is_empty() {
        none(doc);
    } else {
        doc.table(&Table {
            columns: vec![
                col(lang.pick("Date", "Date"), 1.55, Align::Left),
                col(lang.pick("Projet", "Project"), 2.6, Align::Left),
                col(lang.pick("Financeur", "Funder"), 1.8, Align::Left),
                col(lang.pick("Étape", "Step"), 1.2, Align::Left),
                col(lang.pick("Montant", "Amount"), 1.3, Align::Right),
            ],
            rows: c
                .funding_changes
                .iter()
                .map(|f| {
                    let funder = label("funders", f.funder.as_str(), lang);
                    let own = f.funder == Funder::OwnFunds;
                    let funder = match &f.scheme {
                        Some(s) if !own => format!("{funder} — {s}"),
                        _ => funder,
                    };
                    let step = match f.step {
                        FundingStep::Filed => lang.pick("Dossier déposé", "Filed"),
                        FundingStep::Awarded if own => {
                            lang.pick("Engagement voté", "Commitment voted")
                        }
                        FundingStep::Awarded => lang.pick("Aide accordée", "Awarded"),
                        FundingStep::Refused => lang.pick("Aide refusée", "Refused"),
                        FundingStep::Paid if own => lang.pick("Dépense payée", "Spent"),
                        FundingStep::Paid => lang.pick("Versement reçu", "Paid"),
                    };
                    Row::body(vec![
                        date(f.date, lang),
                        project(f.project_id, &f.title),
                        typo::text(&funder, lang),
                        step.into(),
                        f.amount
                            .map(|m| money(m, lang))
                            .unwrap_or_else(|| "—".into()),
                    ])
                })
                .collect(),
            size: 8.5,
            max_cell_lines: 3,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn detail(created: NaiveDate) -> ProjectDetail {
        let at = Utc.from_utc_datetime(&created.and_hms_opt(8, 0, 0).unwrap());
        let mut d = crate::testing::detail("Halle", None, Vec::new());
        (d.project.created_at, d.project.updated_at) = (at, at);
        d
    }

    #[test]
    fn only_what_happened_inside_the_period_is_listed() {
        let mut d = detail(day(9, 1));
        for (from, to, date) in [
            (None, 0, day(9, 1)),
            (Some(0), 1, day(9, 30)),
            (Some(1), 2, day(12, 1)),
        ] {
            d.lines.stage_events.push(StageEvent {
                from_stage: from.map(|s| Stage::new(s).unwrap()),
                to_stage: Stage::new(to).unwrap(),
                date,
                author: String::new(),
                note: String::new(),
            });
        }
        let mut l = FundingLine::new(
            Funder::State,
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::Refused,
        );
        l.filed_on = Some(day(8, 1));
        l.notified_on = Some(day(10, 15));
        d.lines.funding_lines.push(l);

        let c = changes_between(&[d.clone()], day(9, 1), day(11, 23), true);
        assert!(
            c.new_projects.is_empty(),
            "created on the previous council's day: already known then"
        );
        assert_eq!(
            c.stage_changes.iter().map(|s| s.date).collect::<Vec<_>>(),
            vec![day(9, 30)],
            "the move after the meeting date and the creation event are left out"
        );
        assert_eq!(
            c.funding_changes
                .iter()
                .map(|f| (f.date, f.step))
                .collect::<Vec<_>>(),
            vec![(day(10, 15), FundingStep::Refused)],
            "the refusal is in the period, the filing before it"
        );
        let c = changes_between(&[d], day(8, 25), day(11, 23), false);
        assert_eq!(c.new_projects.len(), 1, "created inside the 90 days");
    }
}

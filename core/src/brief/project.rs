//! The brief of one project: the *note explicative de synthèse* that comes
//! with a council's convocation — object, context and need, proposal, stage
//! and health, schedule, cost and funding plan (table, chart, readiness
//! notes), SSE actors and inspiring solutions, risks, and the decision asked
//! of the council.

use super::chart::{self, funder_color, Segment};
use super::layout::{colors, Align, Column, Doc, Meta, Row, RowKind, Style, Table};
use super::typo::{self, date, money, percent};
use super::*;

/// The PDF of one project's brief.
pub fn render_project(brief: &ProjectBrief, opts: &BriefOptions) -> Result<Vec<u8>> {
    let mut doc = Doc::new(opts.lang);
    let logo = logo(&mut doc, opts.logo_png.as_deref())?;
    let lang = opts.lang;
    let right = match lang {
        Lang::Fr => format!("Le {}", date(opts.today, lang)),
        Lang::En => date(opts.today, lang),
    };
    lay_out(&mut doc, brief, opts, logo.as_ref(), &right);
    let title = typo::clean(&brief.detail.project.fields.title);
    let kind = lang.pick("Note explicative de synthèse", "Explanatory summary note");
    Ok(doc.finish(&Meta {
        title: format!("{kind} — {title}"),
        author: brief.town_name.clone(),
        subject: format!(
            "{} — {}",
            lang.pick("Projet", "Project"),
            stage_label(brief.detail.project.fields.stage, lang)
        ),
        created: opts.now,
        footer: format!("{} — {kind}", brief.town_name),
        running_head: format!("{} — {title}", brief.town_name),
    }))
}

/// Lays out one project's brief from the cursor (a first page with its
/// letterhead); the council pack calls it once per agenda item. One
/// function per numbered section, in the order of the note.
pub(crate) fn lay_out(
    doc: &mut Doc,
    brief: &ProjectBrief,
    opts: &BriefOptions,
    logo: Option<&Logo>,
    right: &str,
) {
    let cut_title = top(doc, brief, opts, logo, right);
    object(doc, brief, opts, cut_title.as_deref());
    context(doc, brief, opts);
    proposal(doc, brief, opts);
    stage(doc, brief, opts);
    schedule(doc, brief, opts);
    cost_and_funding(doc, brief, opts);
    partners(doc, brief, opts);
    risks(doc, brief, opts);
    decision(doc, brief, opts);
}

/// The letterhead, the title (cut after four lines), the project's facts
/// and its key figures. Answers the whole title when the heading cut it.
fn top(
    doc: &mut Doc,
    brief: &ProjectBrief,
    opts: &BriefOptions,
    logo: Option<&Logo>,
    right: &str,
) -> Option<String> {
    let lang = opts.lang;
    let d = &brief.detail;
    let f = &d.project.fields;
    let body_lh = Style::BODY.line_height();
    let kind = lang.pick("Note explicative de synthèse", "Explanatory summary note");
    letterhead(doc, &brief.town_name, right, kind, logo);

    // Title, cut after four lines (the whole title is then repeated under "Objet").
    let title_style = Style::BODY.size(17.0).bold();
    let title = typo::text(&f.title, lang);
    let title = if title.trim().is_empty() {
        lang.pick("(projet sans titre)", "(untitled project)")
            .to_owned()
    } else {
        title.trim().to_owned()
    };
    let full = doc.fonts.wrap(&title, title_style, layout::CONTENT_W);
    let cut = full.len() > 4;
    doc.heading(&title, title_style, 3.0 * body_lh, 4);
    let mut facts = vec![format!(
        "{} n°\u{a0}{}",
        lang.pick("Projet", "Project"),
        d.project.id
    )];
    if let Some(sheet) = &f.action_sheet {
        facts.push(format!(
            "{} {}",
            lang.pick("fiche action", "action sheet"),
            typo::text(sheet, lang)
        ));
    }
    if let Some(axis) = f.ort_axis {
        facts.push(typo::punctuate(
            &format!(
                "{} : {}",
                lang.pick("axe ORT", "ORT axis"),
                label("axes", axis.as_str(), lang)
            ),
            lang,
        ));
    }
    if !f.themes.is_empty() {
        let themes: Vec<String> = f
            .themes
            .iter()
            .map(|t| label("themes", t.as_str(), lang))
            .collect();
        facts.push(typo::punctuate(
            &format!("{} : {}", lang.pick("thèmes", "themes"), themes.join(", ")),
            lang,
        ));
    }
    doc.paragraph(&facts.join("  ·  "), Style::NOTE, 0.0);
    doc.gap(10.0);

    let plan = PlanFigures::of(d);
    let cost = f
        .cost_excl_vat
        .map(|c| money(c, lang))
        .unwrap_or_else(|| "—".into());
    let funded = if d.lines.funding_lines.is_empty() {
        "—".to_owned()
    } else {
        match plan.share(plan.total_planned) {
            Some(p) => format!("{} ({})", money(plan.total_planned, lang), percent(p, lang)),
            None => money(plan.total_planned, lang),
        }
    };
    key_figures(
        doc,
        &[
            (
                lang.pick("Étape", "Stage").into(),
                stage_label(f.stage, lang),
            ),
            (
                lang.pick("État", "Health").into(),
                label("health", f.health.as_str(), lang),
            ),
            (lang.pick("Coût HT", "Cost excl. VAT").into(), cost),
            (
                lang.pick("Financements inscrits", "Funding entered").into(),
                funded,
            ),
        ],
    );
    cut.then_some(title)
}

/// 1. Object: the summary (the whole title first when the heading cut it).
fn object(doc: &mut Doc, brief: &ProjectBrief, opts: &BriefOptions, cut_title: Option<&str>) {
    let lang = opts.lang;
    let d = &brief.detail;
    let f = &d.project.fields;
    let body_lh = Style::BODY.line_height();
    section(doc, lang.pick("1. Objet", "1. Object"), 2.0 * body_lh);
    if let Some(title) = cut_title {
        doc.paragraph(title, Style::BODY.bold(), 0.0);
        doc.gap(4.0);
    }
    user_text(doc, &f.summary);
}

/// 2. Context and need.
fn context(doc: &mut Doc, brief: &ProjectBrief, opts: &BriefOptions) {
    let lang = opts.lang;
    let d = &brief.detail;
    let f = &d.project.fields;
    let body_lh = Style::BODY.line_height();
    section(
        doc,
        lang.pick("2. Contexte et besoin", "2. Context and need"),
        2.0 * body_lh,
    );
    user_text(doc, &f.context);
}

/// 3. What is proposed, and who leads it.
fn proposal(doc: &mut Doc, brief: &ProjectBrief, opts: &BriefOptions) {
    let lang = opts.lang;
    let d = &brief.detail;
    let f = &d.project.fields;
    let body_lh = Style::BODY.line_height();
    section(
        doc,
        lang.pick("3. Ce qui est proposé", "3. What is proposed"),
        2.0 * body_lh,
    );
    user_text(doc, &f.proposal);
    let people = [
        (
            lang.pick("Pilote / maître d'ouvrage", "Lead / owner"),
            &f.lead,
        ),
        (lang.pick("Élu référent", "Elected lead"), &f.elected_lead),
    ];
    for (what, who) in people {
        if !who.trim().is_empty() {
            doc.gap(2.0);
            doc.paragraph(
                &typo::text(&format!("{what} : {}", who.trim()), lang),
                Style::NOTE.color(colors::INK),
                0.0,
            );
        }
    }
}

/// 4. Stage and health: the track of the nine stages and the last moves.
fn stage(doc: &mut Doc, brief: &ProjectBrief, opts: &BriefOptions) {
    let lang = opts.lang;
    let d = &brief.detail;
    let f = &d.project.fields;
    section(
        doc,
        lang.pick("4. Étape et état d'avancement", "4. Stage and health"),
        40.0,
    );
    let labels: Vec<String> = Stage::all()
        .map(|s| label("stages", &s.number().to_string(), lang))
        .collect();
    chart::stage_track(doc, f.stage.number(), &labels);
    let since = d
        .lines
        .stage_events
        .iter()
        .rev()
        .find(|e| e.to_stage == f.stage)
        .map(|e| e.date);
    let stage_name = label("stages", &f.stage.number().to_string(), lang);
    let health = label("health", f.health.as_str(), lang);
    let sentence = match (lang, since) {
        (Lang::Fr, Some(s)) => format!(
            "Étape {} sur 8 : {stage_name}, depuis le {}. État : {}.",
            f.stage.number(),
            date(s, lang),
            health.to_lowercase()
        ),
        (Lang::Fr, None) => format!(
            "Étape {} sur 8 : {stage_name}. État : {}.",
            f.stage.number(),
            health.to_lowercase()
        ),
        (Lang::En, Some(s)) => format!(
            "Stage {} of 8: {stage_name}, since {}. Health: {}.",
            f.stage.number(),
            date(s, lang),
            health.to_lowercase()
        ),
        (Lang::En, None) => format!(
            "Stage {} of 8: {stage_name}. Health: {}.",
            f.stage.number(),
            health.to_lowercase()
        ),
    };
    doc.paragraph(&typo::punctuate(&sentence, lang), Style::BODY, 0.0);
    let recent: Vec<String> = d
        .lines
        .stage_events
        .iter()
        .rev()
        .take(3)
        .map(|e| {
            let note = typo::text(e.note.trim(), lang);
            let what = stage_label(e.to_stage, lang);
            if note.is_empty() {
                format!("{} — {what}", date(e.date, lang))
            } else {
                format!("{} — {what} — {note}", date(e.date, lang))
            }
        })
        .collect();
    if !recent.is_empty() {
        doc.gap(4.0);
        doc.bullets(&recent, Style::NOTE.color(colors::INK), colors::ACCENT);
    }
}

/// 5. Schedule: planned dates and milestones.
fn schedule(doc: &mut Doc, brief: &ProjectBrief, opts: &BriefOptions) {
    let lang = opts.lang;
    let d = &brief.detail;
    let f = &d.project.fields;
    let body_lh = Style::BODY.line_height();
    section(
        doc,
        lang.pick("5. Calendrier", "5. Schedule"),
        3.0 * body_lh,
    );
    let dates = match (f.planned_start, f.planned_end) {
        (None, None) => None,
        (s, e) => {
            let show =
                |d: Option<NaiveDate>| d.map(|d| date(d, lang)).unwrap_or_else(|| "—".into());
            Some(typo::punctuate(
                &format!(
                    "{} : {}  ·  {} : {}",
                    lang.pick("Début prévu", "Planned start"),
                    show(s),
                    lang.pick("fin prévue", "planned end"),
                    show(e)
                ),
                lang,
            ))
        }
    };
    if let Some(line) = dates {
        doc.paragraph(&line, Style::BODY, 0.0);
        doc.gap(4.0);
    }
    if d.lines.milestones.is_empty() {
        if f.planned_start.is_none() && f.planned_end.is_none() {
            doc.paragraph(
                lang.pick(
                    "Aucun jalon n'est inscrit.",
                    "No milestone has been entered.",
                ),
                Style::NOTE,
                0.0,
            );
        }
    } else {
        let mut ms = d.lines.milestones.clone();
        ms.sort_by_key(|m| m.due_date);
        let rows = ms
            .iter()
            .map(|m| {
                let state = if m.done {
                    lang.pick("Fait", "Done")
                } else if m.due_date < opts.today {
                    lang.pick("En retard", "Late")
                } else {
                    lang.pick("À venir", "Upcoming")
                };
                Row::body(vec![
                    date(m.due_date, lang),
                    typo::text(&m.title, lang),
                    state.into(),
                ])
            })
            .collect();
        doc.table(&Table {
            columns: vec![
                col(lang.pick("Échéance", "Due"), 1.3, Align::Left),
                col(lang.pick("Jalon", "Milestone"), 4.0, Align::Left),
                col(lang.pick("État", "Status"), 1.0, Align::Left),
            ],
            rows,
            size: 8.5,
            max_cell_lines: 6,
        });
    }
}

/// 6. Cost and funding plan: the table, the chart and the findings.
fn cost_and_funding(doc: &mut Doc, brief: &ProjectBrief, opts: &BriefOptions) {
    let lang = opts.lang;
    let body_lh = Style::BODY.line_height();
    section(
        doc,
        lang.pick("6. Coût et plan de financement", "6. Cost and funding plan"),
        5.0 * body_lh,
    );
    funding(doc, brief, &PlanFigures::of(&brief.detail), lang);
}

/// 7. Partners, SSE actors and inspiring solutions.
fn partners(doc: &mut Doc, brief: &ProjectBrief, opts: &BriefOptions) {
    let lang = opts.lang;
    let body_lh = Style::BODY.line_height();
    section(
        doc,
        lang.pick(
            "7. Partenaires, acteurs de l'ESS et solutions inspirantes",
            "7. Partners, SSE actors and inspiring solutions",
        ),
        3.0 * body_lh,
    );
    if brief.actors.is_empty() && brief.solutions.is_empty() {
        doc.paragraph(
            lang.pick(
                "Aucun acteur ni solution n'est associé au projet.",
                "No actor or solution is linked to the project.",
            ),
            Style::NOTE,
            0.0,
        );
    }
    if !brief.actors.is_empty() {
        let rows = brief
            .actors
            .iter()
            .map(|a| {
                Row::body(vec![
                    typo::text(&a.name, lang),
                    a.kind
                        .map(|k| label("actor_kinds", k.as_str(), lang))
                        .unwrap_or_default(),
                    typo::text(&a.role, lang),
                    label("contact_statuses", a.contact_status.as_str(), lang),
                ])
            })
            .collect();
        doc.table(&Table {
            columns: vec![
                col(lang.pick("Acteur", "Actor"), 2.2, Align::Left),
                col(lang.pick("Type", "Kind"), 1.5, Align::Left),
                col(
                    lang.pick("Rôle dans le projet", "Role in the project"),
                    2.6,
                    Align::Left,
                ),
                col(lang.pick("Contact", "Contact"), 1.1, Align::Left),
            ],
            rows,
            size: 8.5,
            max_cell_lines: 5,
        });
    }
    if !brief.solutions.is_empty() {
        doc.heading(
            lang.pick("Solutions inspirantes", "Inspiring solutions"),
            Style::BODY.bold(),
            2.0 * body_lh,
            1,
        );
        let items: Vec<String> = brief
            .solutions
            .iter()
            .map(|s| {
                let mut t = lang.pick(&s.title_fr, &s.title_en).to_owned();
                if let Some(town) = &s.example_town {
                    t.push_str(&format!(" ({town})"));
                }
                if !s.note.trim().is_empty() {
                    t.push_str(" — ");
                    t.push_str(s.note.trim());
                }
                typo::text(&t, lang)
            })
            .collect();
        doc.bullets(&items, Style::BODY, colors::ACCENT);
    }
}

/// 8. Risks.
fn risks(doc: &mut Doc, brief: &ProjectBrief, opts: &BriefOptions) {
    let lang = opts.lang;
    let d = &brief.detail;
    let f = &d.project.fields;
    let body_lh = Style::BODY.line_height();
    section(doc, lang.pick("8. Risques", "8. Risks"), 2.0 * body_lh);
    user_text(doc, &f.risks);
}

/// 9. The decision put to the council.
fn decision(doc: &mut Doc, brief: &ProjectBrief, opts: &BriefOptions) {
    let lang = opts.lang;
    let body_lh = Style::BODY.line_height();
    section(
        doc,
        lang.pick(
            "9. Décision proposée au conseil",
            "9. Decision put to the council",
        ),
        2.0 * body_lh,
    );
    doc.panel(
        &typo::text(&brief.decision, lang),
        Style::BODY.size(10.5).bold(),
        colors::ACCENT_TINT,
        colors::ACCENT,
    );
}

fn col(title: &str, share: f32, align: Align) -> Column {
    Column {
        title: title.into(),
        share,
        align,
    }
}

/// The cost line, the plan table with its totals, the chart and the notes.
fn funding(doc: &mut Doc, brief: &ProjectBrief, plan: &PlanFigures, lang: Lang) {
    cost_line(doc, brief, lang);
    if brief.detail.lines.funding_lines.is_empty() {
        doc.paragraph(
            lang.pick(
                "Aucun financement n'est encore inscrit au plan.",
                "No funding has been entered in the plan yet.",
            ),
            Style::NOTE,
            0.0,
        );
    } else {
        plan_table(doc, brief, plan, lang);
        plan_chart(doc, brief, plan, lang);
    }
    readiness(doc, brief, plan, lang);
}

/// "Coût de l'opération : … HT (… TTC)."
fn cost_line(doc: &mut Doc, brief: &ProjectBrief, lang: Lang) {
    let d = &brief.detail;
    let f = &d.project.fields;
    let cost_line = match (f.cost_excl_vat, f.cost_incl_vat) {
        (Some(ht), Some(ttc)) => format!(
            "{} : {} HT ({} TTC).",
            lang.pick("Coût de l'opération", "Cost of the operation"),
            money(ht, lang),
            money(ttc, lang)
        ),
        (Some(ht), None) => format!(
            "{} : {} HT.",
            lang.pick("Coût de l'opération", "Cost of the operation"),
            money(ht, lang)
        ),
        (None, Some(ttc)) => format!(
            "{} : {} TTC ({}).",
            lang.pick("Coût de l'opération", "Cost of the operation"),
            money(ttc, lang),
            lang.pick("coût HT non renseigné", "cost excl. VAT not provided")
        ),
        (None, None) => lang
            .pick(
                "Le coût de l'opération n'est pas encore estimé.",
                "The cost of the operation is not estimated yet.",
            )
            .to_owned(),
    };
    doc.paragraph(&typo::punctuate(&cost_line, lang), Style::BODY, 0.0);
    // With expense lines, the cost is their sum: say what it is made of.
    let expenses = &d.lines.expense_lines;
    let parts: Vec<String> = crate::model::ExpenseCategory::ALL
        .iter()
        .filter_map(|c| {
            let of: Vec<_> = expenses
                .iter()
                .filter(|e| e.category == *c)
                .cloned()
                .collect();
            crate::model::expense_totals(&of).map(|t| {
                format!(
                    "{} {}",
                    crate::model::taxonomy()
                        .label("expense_categories", c.as_str(), lang)
                        .to_lowercase(),
                    money(t.excl_vat, lang)
                )
            })
        })
        .collect();
    if !parts.is_empty() {
        let text = format!(
            "{} {} {}.",
            lang.pick("Dont\u{a0}:", "Of which:"),
            parts.join(lang.pick(" ; ", "; ")),
            lang.pick("HT", "excl. VAT")
        );
        doc.paragraph(&typo::punctuate(&text, lang), Style::NOTE, 0.0);
    }
    doc.gap(5.0);
}

/// The plan's lines with their totals: public aid, own funds, loans,
/// private money and what remains to fund.
fn plan_table(doc: &mut Doc, brief: &ProjectBrief, plan: &PlanFigures, lang: Lang) {
    let lines = &brief.detail.lines.funding_lines;
    let share = |m: Money| share_text(plan, m, lang);
    let mut rows: Vec<Row> = lines
        .iter()
        .map(|l| {
            let amount = l.planned_amount();
            let amount_text = if l.status == FundingStatus::Refused {
                "—".to_owned()
            } else if l.amounts_incl_vat {
                format!("{} TTC", money(amount, lang))
            } else {
                money(amount, lang)
            };
            let scheme = l
                .scheme
                .as_ref()
                .map(|code| {
                    brief
                        .scheme_names
                        .get(code)
                        .map(|(fr, en)| lang.pick(fr, en).to_owned())
                        .unwrap_or_else(|| code.clone())
                })
                .unwrap_or_default();
            Row::body(vec![
                label("funders", l.funder.as_str(), lang),
                typo::text(&scheme, lang),
                label("funding_kinds", l.kind.as_str(), lang),
                amount_text,
                if l.status == FundingStatus::Refused {
                    "—".into()
                } else {
                    share(amount)
                },
                label("funding_statuses", l.status.as_str(), lang),
            ])
        })
        .collect();
    let total_row = |label: &str, m: Money, kind: RowKind| Row {
        cells: vec![
            label.into(),
            String::new(),
            String::new(),
            money(m, lang),
            share(m),
            String::new(),
        ],
        kind,
    };
    rows.push(total_row(
        lang.pick("Total des financements inscrits", "Total funding entered"),
        plan.total_planned,
        RowKind::Total,
    ));
    rows.push(total_row(
        lang.pick("dont aides publiques", "of which public aid"),
        plan.public_aid,
        RowKind::Subtotal,
    ));
    rows.push(total_row(
        lang.pick(
            "dont autofinancement (fonds propres)",
            "of which self-funding (own funds)",
        ),
        plan.own_funds,
        RowKind::Subtotal,
    ));
    if plan.borrowing.0 > 0 {
        rows.push(total_row(
            lang.pick("dont emprunts et avances", "of which loans and advances"),
            plan.borrowing,
            RowKind::Subtotal,
        ));
    }
    if plan.private_money.0 > 0 {
        rows.push(total_row(
            lang.pick("dont financements privés", "of which private funding"),
            plan.private_money,
            RowKind::Subtotal,
        ));
    }
    if plan.unfunded.0 > 0 {
        rows.push(total_row(
            lang.pick("Reste à financer", "Remaining to fund"),
            plan.unfunded,
            RowKind::Subtotal,
        ));
    }
    doc.table(&Table {
        columns: vec![
            col(lang.pick("Financeur", "Funder"), 1.55, Align::Left),
            col(lang.pick("Dispositif", "Scheme"), 2.1, Align::Left),
            col(lang.pick("Nature", "Kind"), 1.15, Align::Left),
            col(lang.pick("Montant", "Amount"), 1.35, Align::Right),
            col(lang.pick("Part", "Share"), 0.75, Align::Right),
            col(lang.pick("Statut", "Status"), 1.15, Align::Left),
        ],
        rows,
        size: 8.5,
        max_cell_lines: 4,
    });
}

/// `m` as a share of the plan's basis ("40 %"), or "—" without one.
fn share_text(plan: &PlanFigures, m: Money, lang: Lang) -> String {
    plan.share(m)
        .map(|p| percent(p, lang))
        .unwrap_or_else(|| "—".into())
}

/// One bar segment per funder, public funders first, and the unfunded rest.
fn plan_chart(doc: &mut Doc, brief: &ProjectBrief, plan: &PlanFigures, lang: Lang) {
    let lines = &brief.detail.lines.funding_lines;
    let share = |m: Money| share_text(plan, m, lang);
    // Chart: one segment per funder, public funders first.
    let mut segments = Vec::new();
    for funder in Funder::ALL {
        let sum: i64 = lines
            .iter()
            .filter(|l| l.funder == *funder)
            .map(|l| l.planned_amount().0)
            .sum();
        if sum > 0 {
            segments.push(Segment {
                label: label("funders", funder.as_str(), lang),
                value_text: format!("{} · {}", money(Money(sum), lang), share(Money(sum))),
                value: sum as f64,
                color: funder_color(*funder),
            });
        }
    }
    if plan.unfunded.0 > 0 {
        segments.push(Segment {
            label: lang.pick("Reste à financer", "Remaining to fund").into(),
            value_text: format!("{} · {}", money(plan.unfunded, lang), share(plan.unfunded)),
            value: plan.unfunded.0 as f64,
            color: chart::UNCOVERED,
        });
    }
    let cost = plan.cost.map(|c| c.0 as f64).unwrap_or(0.0);
    let scale = cost.max(plan.total_planned.0 as f64);
    // No ceiling mark: the owner's minimum share is of the public
    // funding, not of the cost (CGCT art. L1111-10 III).
    let mark = None;
    doc.gap(4.0);
    doc.heading(
        lang.pick(
            "Répartition du plan de financement",
            "Funding plan breakdown",
        ),
        Style::NOTE.bold(),
        60.0,
        1,
    );
    chart::stacked_bar(doc, &segments, scale, mark);
}

/// The findings of the money rules, or the sentence saying the plan meets them.
fn readiness(doc: &mut Doc, brief: &ProjectBrief, plan: &PlanFigures, lang: Lang) {
    let lines = &brief.detail.lines.funding_lines;
    let notes = readiness_notes(&brief.findings, lang);
    if !notes.is_empty() {
        doc.gap(4.0);
        let title = lang.pick(
            "Points d'attention avant le vote",
            "Points to settle before the vote",
        );
        let text = format!(
            "{}\n{}",
            typo::punctuate(&format!("{title} :"), lang),
            notes
                .iter()
                .map(|n| format!("– {}", typo::punctuate(n, lang)))
                .collect::<Vec<_>>()
                .join("\n")
        );
        doc.panel(
            &text,
            Style::BODY.size(9.0).color(colors::WARN),
            colors::WARN_TINT,
            colors::WARN,
        );
    } else if !lines.is_empty() && plan.cost.is_some() {
        doc.gap(2.0);
        doc.paragraph(
            lang.pick(
                "Le plan de financement couvre le coût et respecte les règles vérifiées : participation minimale du maître d'ouvrage (CGCT, art. L1111-10), taux des dotations de l'État (CGCT, art. R2334-27), fonds de concours.",
                "The funding plan covers the cost and meets the rules checked: the owner's minimum share (CGCT, art. L1111-10), the rates of the State's grants (CGCT, art. R2334-27), fonds de concours.",
            )
            .replace(" :", "\u{a0}:")
            .as_str(),
            Style::NOTE.color(colors::OK),
            0.0,
        );
    }
}

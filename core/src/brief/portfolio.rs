//! The portfolio brief: every project of a town (or of all towns) grouped by
//! stage or by ORT axis, one row each with its key figures, totals per group
//! and overall, charts of projects per stage and of funding by source, then
//! one short section per project (each in the PDF outline).

use super::chart::{self, funder_color, Bar};
use super::layout::{colors, Align, Column, Doc, Meta, Row, RowKind, Style, Table};
use super::typo::{self, date, money, percent};
use super::*;

/// How the portfolio groups its projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum GroupBy {
    #[default]
    Stage,
    Axis,
}

impl GroupBy {
    /// Parses `stage` / `axis` (also `etape` / `axe`).
    pub fn parse(s: &str) -> Result<GroupBy> {
        match s.trim().to_lowercase().as_str() {
            "stage" | "etape" | "étape" => Ok(GroupBy::Stage),
            "axis" | "axe" => Ok(GroupBy::Axis),
            other => Err(Error::invalid(Problem::new(
                "by",
                format!("Regroupement : « {other} » est inconnu (stage ou axis)"),
                format!("Grouping: \"{other}\" is unknown (stage or axis)"),
            ))),
        }
    }
}

/// One project of a portfolio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortfolioProject {
    pub detail: ProjectDetail,
    pub town_name: String,
    /// What the money rules find on the day of the brief.
    pub findings: Vec<crate::rules::Finding>,
}

/// The projects of a portfolio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Portfolio {
    /// The town, or `None` for all followed towns.
    pub town_name: Option<String>,
    pub projects: Vec<PortfolioProject>,
}

struct Group {
    title: String,
    /// Indices into the portfolio's projects.
    projects: Vec<usize>,
}

fn indices(p: &Portfolio, keep: impl Fn(&ProjectFields) -> bool) -> Vec<usize> {
    (0..p.projects.len())
        .filter(|&i| keep(&p.projects[i].detail.project.fields))
        .collect()
}

fn groups(p: &Portfolio, by: GroupBy, lang: Lang) -> Vec<Group> {
    match by {
        GroupBy::Stage => Stage::all()
            .map(|s| Group {
                title: format!("{} {}", lang.pick("Étape", "Stage"), stage_label(s, lang)),
                projects: indices(p, |f| f.stage == s),
            })
            .filter(|g| !g.projects.is_empty())
            .collect(),
        GroupBy::Axis => Axis::ALL
            .iter()
            .map(Some)
            .chain([None])
            .map(|a| Group {
                title: match a {
                    Some(a) => format!(
                        "{} — {}",
                        lang.pick("Axe", "Axis"),
                        label("axes", a.as_str(), lang)
                    ),
                    None => lang.pick("Sans axe ORT", "No ORT axis").into(),
                },
                projects: indices(p, |f| f.ort_axis.as_ref() == a),
            })
            .filter(|g| !g.projects.is_empty())
            .collect(),
    }
}

/// The PDF of a portfolio.
pub fn render_portfolio(p: &Portfolio, by: GroupBy, opts: &BriefOptions) -> Result<Vec<u8>> {
    let lang = opts.lang;
    let mut doc = Doc::new(lang);
    let logo = logo(&mut doc, opts.logo_png.as_deref())?;
    let scope = p
        .town_name
        .clone()
        .unwrap_or_else(|| lang.pick("Toutes les communes", "All towns").into());
    let right = match lang {
        Lang::Fr => format!("Le {}", date(opts.today, lang)),
        Lang::En => date(opts.today, lang),
    };
    let kind = lang.pick("Portefeuille des projets", "Project portfolio");
    letterhead(
        &mut doc,
        &scope,
        &right,
        lang.pick(
            "Synthèse pour le conseil municipal",
            "Summary for the municipal council",
        ),
        logo.as_ref(),
    );
    let by_text = match by {
        GroupBy::Stage => lang.pick("par étape", "by stage"),
        GroupBy::Axis => lang.pick("par axe de l'ORT", "by ORT axis"),
    };
    doc.heading(
        &format!("{kind} {by_text}"),
        Style::BODY.size(17.0).bold(),
        60.0,
        2,
    );
    doc.gap(6.0);

    let figures: Vec<PlanFigures> = p
        .projects
        .iter()
        .map(|x| PlanFigures::of(&x.detail))
        .collect();
    let total_cost = Money(
        p.projects
            .iter()
            .filter_map(|x| x.detail.project.fields.cost_excl_vat)
            .map(|m| m.0)
            .sum(),
    );
    let total_plan = Money(figures.iter().map(|f| f.total_planned.0).sum());
    let secured = Money(figures.iter().map(|f| f.secured.0).sum());
    let n = p.projects.len();
    key_figures(
        &mut doc,
        &[
            (lang.pick("Projets", "Projects").into(), n.to_string()),
            (
                lang.pick("Coût total HT", "Total cost excl. VAT").into(),
                money(total_cost, lang),
            ),
            (
                lang.pick("Financements inscrits", "Funding entered").into(),
                money(total_plan, lang),
            ),
            (
                lang.pick("dont acquis", "of which secured").into(),
                money(secured, lang),
            ),
        ],
    );

    // Charts.
    doc.heading(
        lang.pick("Projets par étape", "Projects per stage"),
        H1,
        9.0 * 14.0,
        1,
    );
    let per_stage: Vec<Bar> = Stage::all()
        .map(|s| {
            let count = p
                .projects
                .iter()
                .filter(|x| x.detail.project.fields.stage == s)
                .count();
            Bar {
                label: stage_label(s, lang),
                value: count as f64,
                value_text: count.to_string(),
                color: colors::ACCENT,
            }
        })
        .collect();
    chart::hbars(&mut doc, &per_stage);
    doc.gap(6.0);
    doc.heading(
        lang.pick(
            "Financements inscrits par source",
            "Funding entered by source",
        ),
        H1,
        4.0 * 14.0,
        1,
    );
    let by_funder: Vec<Bar> = Funder::ALL
        .iter()
        .map(|f| {
            let sum: i64 = p
                .projects
                .iter()
                .flat_map(|x| &x.detail.lines.funding_lines)
                .filter(|l| l.funder == *f)
                .map(|l| l.planned_amount().0)
                .sum();
            let share = if total_plan.0 > 0 {
                format!(
                    " ({})",
                    percent(sum as f64 * 100.0 / total_plan.0 as f64, lang)
                )
            } else {
                String::new()
            };
            Bar {
                label: label("funders", f.as_str(), lang),
                value: sum as f64,
                value_text: format!("{}{share}", money(Money(sum), lang)),
                color: funder_color(*f),
            }
        })
        .collect();
    if total_plan.0 > 0 {
        chart::hbars(&mut doc, &by_funder);
    } else {
        doc.paragraph(
            lang.pick(
                "Aucun financement n'est inscrit.",
                "No funding has been entered.",
            ),
            Style::NOTE,
            0.0,
        );
    }

    // The table, grouped.
    doc.gap(6.0);
    section(
        &mut doc,
        lang.pick("Tableau des projets", "Table of projects"),
        60.0,
    );
    doc.bookmark(lang.pick("Tableau des projets", "Table of projects"));
    let all_towns = p.town_name.is_none();
    let mut rows = Vec::new();
    let groups = groups(p, by, lang);
    for g in &groups {
        rows.push(Row {
            cells: vec![format!(
                "{} ({})",
                g.title,
                count_text(g.projects.len(), lang)
            )],
            kind: RowKind::Group,
        });
        let mut g_cost = 0i64;
        let mut g_plan = 0i64;
        for &i in &g.projects {
            let (x, fig) = (&p.projects[i], &figures[i]);
            let f = &x.detail.project.fields;
            g_cost += f.cost_excl_vat.map_or(0, |m| m.0);
            g_plan += fig.total_planned.0;
            let mut title = typo::text(&f.title, lang);
            if all_towns {
                title = format!("{title} — {}", x.town_name);
            }
            let other = match by {
                GroupBy::Stage => f
                    .ort_axis
                    .map(|a| label("axes", a.as_str(), lang))
                    .unwrap_or_else(|| "—".into()),
                GroupBy::Axis => stage_label(f.stage, lang),
            };
            rows.push(Row::body(vec![
                x.detail.project.id.to_string(),
                title,
                other,
                label("health", f.health.as_str(), lang),
                f.cost_excl_vat
                    .map(|m| money(m, lang))
                    .unwrap_or_else(|| "—".into()),
                if x.detail.lines.funding_lines.is_empty() {
                    "—".into()
                } else {
                    money(fig.total_planned, lang)
                },
                fig.share(fig.public_aid)
                    .filter(|_| !x.detail.lines.funding_lines.is_empty())
                    .map(|s| percent(s, lang))
                    .unwrap_or_else(|| "—".into()),
            ]));
        }
        rows.push(Row {
            cells: vec![
                String::new(),
                format!("{} ({})", lang.pick("Sous-total", "Subtotal"), g.title),
                String::new(),
                String::new(),
                money(Money(g_cost), lang),
                money(Money(g_plan), lang),
                String::new(),
            ],
            kind: RowKind::Subtotal,
        });
    }
    rows.push(Row {
        cells: vec![
            String::new(),
            format!("{} ({})", lang.pick("Total", "Total"), count_text(n, lang)),
            String::new(),
            String::new(),
            money(total_cost, lang),
            money(total_plan, lang),
            String::new(),
        ],
        kind: RowKind::Total,
    });
    let other_title = match by {
        GroupBy::Stage => lang.pick("Axe ORT", "ORT axis"),
        GroupBy::Axis => lang.pick("Étape", "Stage"),
    };
    let col = |t: &str, share: f32, align: Align| Column {
        title: t.into(),
        share,
        align,
    };
    doc.table(&Table {
        columns: vec![
            col(lang.pick("N°", "No."), 0.45, Align::Right),
            col(lang.pick("Projet", "Project"), 3.3, Align::Left),
            col(other_title, 1.65, Align::Left),
            col(lang.pick("État", "Health"), 1.05, Align::Left),
            col(lang.pick("Coût HT", "Cost excl. VAT"), 1.3, Align::Right),
            col(lang.pick("Financements", "Funding"), 1.3, Align::Right),
            col(lang.pick("Aides publ.", "Public aid"), 0.85, Align::Right),
        ],
        rows,
        size: 7.8,
        max_cell_lines: 4,
    });

    // One short section per project.
    doc.gap(10.0);
    section(
        &mut doc,
        lang.pick("Fiches des projets", "Project sheets"),
        80.0,
    );
    for g in &groups {
        for &i in &g.projects {
            sheet(&mut doc, &p.projects[i], &figures[i], all_towns, opts);
        }
    }

    let title = format!("{kind} — {scope}");
    Ok(doc.finish(&Meta {
        title: title.clone(),
        author: scope.clone(),
        subject: format!("{kind} {by_text}"),
        created: opts.now,
        footer: title.clone(),
        running_head: title,
    }))
}

fn count_text(n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Fr, 0 | 1) => format!("{n} projet"),
        (Lang::Fr, _) => format!("{n} projets"),
        (Lang::En, 1) => "1 project".into(),
        (Lang::En, _) => format!("{n} projects"),
    }
}

/// A project's short section: title, facts, figures, summary, next step,
/// readiness notes.
fn sheet(
    doc: &mut Doc,
    x: &PortfolioProject,
    fig: &PlanFigures,
    all_towns: bool,
    opts: &BriefOptions,
) {
    let lang = opts.lang;
    let d = &x.detail;
    let f = &d.project.fields;
    let title = format!(
        "N°\u{a0}{} — {}",
        d.project.id,
        typo::text(&f.title, lang).trim()
    );
    let lh = Style::BODY.line_height();
    doc.gap(6.0);
    doc.heading(
        &title,
        Style::BODY.size(11.0).bold().color(colors::ACCENT),
        3.0 * lh,
        2,
    );
    doc.bookmark(&title);
    let mut facts = vec![
        stage_label(f.stage, lang),
        label("health", f.health.as_str(), lang),
    ];
    if let Some(a) = f.ort_axis {
        facts.push(label("axes", a.as_str(), lang));
    }
    if let Some(s) = &f.action_sheet {
        facts.push(format!(
            "{} {}",
            lang.pick("fiche", "sheet"),
            typo::text(s, lang)
        ));
    }
    if all_towns {
        facts.push(x.town_name.clone());
    }
    doc.paragraph(&facts.join("  ·  "), Style::NOTE, 0.0);
    let mut figures = vec![format!(
        "{} {}",
        lang.pick("Coût HT", "Cost excl. VAT"),
        f.cost_excl_vat
            .map(|m| money(m, lang))
            .unwrap_or_else(|| "—".into())
    )];
    if !d.lines.funding_lines.is_empty() {
        let covered = fig
            .share(fig.total_planned)
            .map(|s| format!(" ({})", percent(s, lang)))
            .unwrap_or_default();
        figures.push(format!(
            "{} {}{covered}",
            lang.pick("financements", "funding"),
            money(fig.total_planned, lang)
        ));
        if let Some(s) = fig.share(fig.public_aid) {
            figures.push(format!(
                "{} {}",
                lang.pick("aides publiques", "public aid"),
                percent(s, lang)
            ));
        }
    }
    doc.paragraph(
        &figures.join("  ·  "),
        Style::NOTE.color(colors::INK).bold(),
        0.0,
    );
    let summary = typo::text(&f.summary, lang);
    if !summary.trim().is_empty() {
        let lines = doc
            .fonts
            .wrap_max(summary.trim(), Style::BODY.size(9.5), layout::CONTENT_W, 5);
        doc.lines(lines, Style::BODY.size(9.5), 0.0, Align::Left);
    }
    let next = d
        .lines
        .milestones
        .iter()
        .filter(|m| !m.done)
        .min_by_key(|m| m.due_date);
    if let Some(m) = next {
        let late = m.due_date < opts.today;
        let text = format!(
            "{} : {} — {}{}",
            lang.pick("Prochain jalon", "Next milestone"),
            date(m.due_date, lang),
            typo::clean(&m.title).trim(),
            if late {
                lang.pick(" (en retard)", " (late)")
            } else {
                ""
            }
        );
        let style = if late {
            Style::NOTE.color(colors::WARN)
        } else {
            Style::NOTE.color(colors::INK)
        };
        doc.paragraph(&typo::punctuate(&text, lang), style, 0.0);
    }
    // The findings to handle, as the dashboard lists them.
    let notes: Vec<String> = x
        .findings
        .iter()
        .filter(|f| f.severity != crate::rules::Severity::Info)
        .map(|f| typo::punctuate(f.message(lang), lang))
        .collect();
    if !notes.is_empty() {
        doc.bullets(&notes, Style::NOTE.color(colors::WARN), colors::WARN);
    }
    doc.gap(4.0);
    doc.ensure(2.0);
    doc.rule(colors::RULE, 0.4);
}

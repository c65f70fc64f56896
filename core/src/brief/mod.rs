//! Printed briefs for the municipal council, as PDF bytes (A4, Liberation
//! Sans embedded as a subset, French typography, metadata and outline):
//!
//! - [`project_brief`]: the *note explicative de synthèse* of one project;
//! - [`portfolio_brief`]: every project of a town (or of all towns), grouped
//!   by stage or by ORT axis, with totals and charts;
//! - [`council_pack`]: a cover with the agenda of a meeting, "what changed
//!   since the last council", and one project brief per item — stored as a
//!   frozen snapshot (the PDF and its data) that [`reprint_council_pack`]
//!   gives back byte for byte.
//!
//! Modules: [`layout`] (the page engine), [`typo`] (dates, amounts, French
//! punctuation), [`chart`] (vector charts), `project`, `portfolio`,
//! `council` (the three documents). `crate::desk::briefs` gathers the data
//! from the store; the `render_*` functions turn gathered data into bytes
//! and read nothing else (benchmarks and tests call them directly).
//!
//! Limits, on purpose: characters the font lacks print as "□"; right-to-left
//! text prints in logical order (no bidi reordering); control characters
//! become spaces; invisible format characters are dropped.

pub mod chart;
mod council;
pub mod layout;
mod portfolio;
mod project;
pub mod typo;

pub use council::{
    changes_between, render_council_pack, Changes, CouncilRequest, FundingChange, FundingStep,
    NewProject, StageChange,
};
pub use portfolio::{render_portfolio, GroupBy, Portfolio, PortfolioProject};
pub use project::render_project;

use crate::error::{Error, Problem, Result};
use crate::model::*;
use crate::reference::taxonomy;
use crate::Lang;
use chrono::{DateTime, NaiveDate, Utc};
use layout::{colors, Align, Doc, Style, CONTENT_W, LEFT, PAGE_W, RIGHT};
use serde::Serialize;
use std::collections::BTreeMap;

/// What every document needs besides its data.
#[derive(Debug, Clone)]
pub struct BriefOptions {
    pub lang: Lang,
    /// The date printed in the header and used for "late" milestones.
    pub today: NaiveDate,
    /// Creation time written in the PDF metadata (and the snapshot).
    pub now: DateTime<Utc>,
    /// The town's logo (PNG) for the header, chosen by the user.
    pub logo_png: Option<Vec<u8>>,
}

impl BriefOptions {
    /// French, dated `now`, no logo.
    pub fn new(lang: Lang, now: DateTime<Utc>) -> BriefOptions {
        BriefOptions {
            lang,
            today: crate::day::paris_day(now),
            now,
            logo_png: None,
        }
    }
}

/// An SSE actor involved in a project, as the brief names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorLine {
    pub name: String,
    pub kind: Option<ActorKind>,
    pub role: String,
    pub contact_status: ContactStatus,
}

/// An inspiring solution a project draws on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SolutionLine {
    pub title_fr: String,
    pub title_en: String,
    pub example_town: Option<String>,
    pub note: String,
}

/// Everything the brief of one project shows, gathered from the store.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectBrief {
    pub detail: ProjectDetail,
    pub town_name: String,
    pub actors: Vec<ActorLine>,
    pub solutions: Vec<SolutionLine>,
    /// Names of the funding schemes used, by code: (French, English).
    pub scheme_names: BTreeMap<String, (String, String)>,
    /// The sentence put to the vote ("Il est proposé au conseil municipal de …").
    pub decision: String,
    /// What the money rules find on the day of the brief.
    pub findings: Vec<Finding>,
}

/// The proposal put to the council when the user wrote none, by stage.
pub fn default_decision(stage: Stage, lang: Lang) -> String {
    let (fr, en) = match stage.number() {
        0..=2 => (
            "Il est proposé au conseil municipal de prendre acte de l'avancement du projet et d'autoriser le maire à poursuivre les études préalables et la recherche de partenaires.",
            "It is proposed that the municipal council take note of the progress of the project and authorise the mayor to continue the preliminary studies and the search for partners.",
        ),
        3 | 4 => (
            "Il est proposé au conseil municipal d'approuver le plan de financement prévisionnel de l'opération et d'autoriser le maire à solliciter les subventions correspondantes.",
            "It is proposed that the municipal council approve the provisional funding plan of the operation and authorise the mayor to apply for the corresponding grants.",
        ),
        5 => (
            "Il est proposé au conseil municipal de prendre acte des demandes de financement déposées et d'autoriser le maire à signer les conventions de financement correspondantes.",
            "It is proposed that the municipal council take note of the funding applications filed and authorise the mayor to sign the corresponding funding agreements.",
        ),
        6 => (
            "Il est proposé au conseil municipal de prendre acte de l'avancement des travaux et d'autoriser le maire à signer tout document nécessaire à la bonne exécution de l'opération.",
            "It is proposed that the municipal council take note of the progress of the works and authorise the mayor to sign any document needed to carry out the operation.",
        ),
        _ => (
            "Il est proposé au conseil municipal de prendre acte du bilan de l'opération.",
            "It is proposed that the municipal council take note of the outcome of the operation.",
        ),
    };
    lang.pick(fr, en).to_owned()
}

use crate::rules::Finding;
pub use crate::rules::PlanFigures;

/// The notes printed under a funding plan: each finding of the money rules
/// (the same the window and `bourgade check` show), with the article it
/// applies and its computation.
pub fn readiness_notes(findings: &[Finding], lang: Lang) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            let basis = f
                .basis
                .as_ref()
                .map(|b| format!(" (CGCT, {})", b.article))
                .unwrap_or_default();
            format!(
                "{}{basis}. {} : {}.",
                f.message(lang),
                lang.pick("Calcul", "Computation"),
                f.computation(lang)
            )
        })
        .collect()
}

/// The label of a code in the taxonomy.
pub(crate) fn label(vocabulary: &str, code: &str, lang: Lang) -> String {
    taxonomy().label(vocabulary, code, lang).to_owned()
}

/// "3 · Faisabilité et plan de financement".
pub(crate) fn stage_label(stage: Stage, lang: Lang) -> String {
    format!(
        "{}\u{a0}· {}",
        stage.number(),
        label("stages", &stage.number().to_string(), lang)
    )
}

/// A logo placed on first pages.
pub(crate) struct Logo {
    id: printpdf::XObjectId,
    px: (usize, usize),
}

/// Registers the user's logo; a file that is not a readable PNG is refused.
pub(crate) fn logo(doc: &mut Doc, png: Option<&[u8]>) -> Result<Option<Logo>> {
    let Some(bytes) = png else { return Ok(None) };
    if bytes.len() > 8 * 1024 * 1024 {
        return Err(Error::invalid(Problem::new(
            "logo",
            "Logo : le fichier dépasse 8 Mo ; choisissez une image PNG plus légère",
            "Logo: the file is over 8 MB; choose a lighter PNG image",
        )));
    }
    match doc.add_png(bytes) {
        Some((id, px)) => Ok(Some(Logo { id, px })),
        None => Err(Error::invalid(Problem::new(
            "logo",
            "Logo : le fichier n'est pas une image PNG lisible",
            "Logo: the file is not a readable PNG image",
        ))),
    }
}

/// The header of a first page: logo, town, programme, and at the right the
/// date line; then a rule and the kind of document in small capitals.
pub(crate) fn letterhead(doc: &mut Doc, town: &str, right: &str, kind: &str, logo: Option<&Logo>) {
    let top = doc.cursor();
    let mut x = LEFT;
    let head_h = 40.0;
    if let Some(l) = logo {
        let (pw, ph) = (l.px.0 as f32, l.px.1 as f32);
        let scale = (head_h / ph).min(110.0 / pw);
        let (w, h) = (pw * scale, ph * scale);
        doc.image(&l.id, LEFT, top - h, w, h, l.px);
        x += w + 12.0;
    }
    let right_style = Style::NOTE.size(9.0);
    let right_w = (doc.fonts.width(right, right_style) + 2.0).min(CONTENT_W * 0.45);
    let town_w = PAGE_W - RIGHT - right_w - 12.0 - x;
    let town_style = Style::BODY.size(14.0).bold().color(colors::ACCENT);
    doc.text_at(x, top - 16.0, town_w, town, town_style, Align::Left);
    let programme = doc.lang.pick(
        "Petites villes de demain",
        "Petites villes de demain programme",
    );
    doc.text_at(x, top - 30.0, town_w, programme, Style::NOTE, Align::Left);
    doc.text_at(
        PAGE_W - RIGHT - right_w,
        top - 16.0,
        right_w,
        right,
        right_style,
        Align::Right,
    );
    doc.advance(head_h + 6.0);
    doc.rule(colors::ACCENT, 1.2);
    doc.advance(16.0);
    let kind_style = Style::NOTE.size(8.5).bold().color(colors::MUTED);
    let upper = kind.to_uppercase();
    doc.text_at(
        LEFT,
        doc.cursor() - 8.0,
        CONTENT_W,
        &upper,
        kind_style,
        Align::Left,
    );
    doc.advance(16.0);
}

/// Small boxes of key figures in a row: label above, value below.
pub(crate) fn key_figures(doc: &mut Doc, items: &[(String, String)]) {
    if items.is_empty() {
        return;
    }
    let gap = 6.0;
    let n = items.len() as f32;
    let w = (CONTENT_W - gap * (n - 1.0)) / n;
    let label_style = Style::NOTE.size(7.0).bold();
    let value_style = Style::BODY.size(10.5).bold().color(colors::ACCENT);
    let laid: Vec<Vec<String>> = items
        .iter()
        .map(|(_, v)| doc.fonts.wrap_max(v, value_style, w - 12.0, 3))
        .collect();
    let lines = laid.iter().map(Vec::len).max().unwrap_or(1) as f32;
    let h = 22.0 + lines * value_style.line_height();
    doc.ensure(h);
    let top = doc.cursor();
    for (i, ((label, _), value)) in items.iter().zip(&laid).enumerate() {
        let x = LEFT + i as f32 * (w + gap);
        doc.rect(x, top - h, w, h, colors::ACCENT_TINT);
        doc.text_at(
            x + 6.0,
            top - 12.0,
            w - 12.0,
            &label.to_uppercase(),
            label_style,
            Align::Left,
        );
        for (k, line) in value.iter().enumerate() {
            let baseline = top - 17.0 - value_style.line_height() * (k as f32 + 1.0) + 3.5;
            doc.text_at(x + 6.0, baseline, w - 12.0, line, value_style, Align::Left);
        }
    }
    doc.advance(h + 14.0);
}

/// Section heading style (level 1).
pub(crate) const H1: Style = Style {
    size: 12.0,
    bold: true,
    color: colors::ACCENT,
};

/// A numbered section heading kept with two lines of what follows.
pub(crate) fn section(doc: &mut Doc, title: &str, keep: f32) {
    doc.gap(8.0);
    doc.heading(title, H1, keep.max(2.0 * Style::BODY.line_height()), 2);
}

/// A user text as a paragraph, or "Non renseigné." in grey when empty.
pub(crate) fn user_text(doc: &mut Doc, text: &str) {
    let t = typo::text(text, doc.lang);
    if t.trim().is_empty() {
        let none = doc.lang.pick("Non renseigné.", "Not provided.");
        doc.paragraph(none, Style::NOTE, 0.0);
    } else {
        doc.paragraph(t.trim(), Style::BODY, 0.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detail(
        cost: Option<i64>,
        lines: &[(Funder, FundingKind, FundingStatus, i64)],
    ) -> ProjectDetail {
        let lines = lines
            .iter()
            .map(|&(funder, kind, status, euros)| crate::testing::line(funder, kind, status, euros))
            .collect();
        let mut d = crate::testing::detail("Halle", cost, lines);
        d.project.fields.stage = Stage::new(3).unwrap();
        d
    }

    use FundingKind::{Grant, Loan};
    use FundingStatus::{Awarded, Refused, ToRequest};

    #[test]
    fn plan_figures_count_aid_own_funds_and_what_is_secured() {
        let d = detail(
            Some(100_000),
            &[
                (Funder::State, Grant, Awarded, 40_000),
                (Funder::Region, Grant, Refused, 30_000),
                (Funder::BanqueTerritoires, Loan, ToRequest, 20_000),
                (Funder::OwnFunds, Grant, ToRequest, 25_000),
            ],
        );
        let f = PlanFigures::of(&d);
        assert_eq!(
            f.total_planned,
            Money::euros(85_000),
            "a refused line counts for nothing"
        );
        assert_eq!(
            f.public_aid,
            Money::euros(40_000),
            "a loan is not aid, even from a public lender"
        );
        assert_eq!(
            f.secured,
            Money::euros(40_000),
            "only the awarded line is secured"
        );
        assert_eq!(f.unfunded, Money::euros(15_000));
        assert_eq!(f.share(f.public_aid), Some(40.0), "shares are of the cost");
    }

    #[test]
    fn readiness_notes_print_each_finding_with_its_article_and_computation() {
        let over = detail(
            Some(100_000),
            &[
                (Funder::State, Grant, ToRequest, 85_000),
                (Funder::OwnFunds, Grant, ToRequest, 15_000),
            ],
        );
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let findings = crate::rules::check_project(&over, &[], &[], today);
        let notes = readiness_notes(&findings, Lang::Fr);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].contains("(CGCT, art. L1111-10, III)")
                && notes[0].contains("Calcul : Aides publiques\u{a0}: 85\u{202f}000\u{a0}€\u{a0}; participation de la commune\u{a0}: 15\u{202f}000\u{a0}€\u{a0}; minimum 20\u{a0}% de 100\u{202f}000\u{a0}€ = 20\u{202f}000\u{a0}€\u{a0}; il manque 5\u{202f}000\u{a0}€"),
            "{}",
            notes[0]
        );
        let fine = detail(
            Some(100_000),
            &[
                (Funder::State, Grant, ToRequest, 80_000),
                (Funder::OwnFunds, Grant, ToRequest, 20_000),
            ],
        );
        assert!(
            readiness_notes(
                &crate::rules::check_project(&fine, &[], &[], today),
                Lang::Fr
            )
            .is_empty(),
            "exactly 20 % of the public funding and a covered cost raise nothing"
        );
    }

    #[test]
    fn default_decisions_follow_the_stage() {
        let at = |n| default_decision(Stage::new(n).unwrap(), Lang::Fr);
        assert!(
            at(3).starts_with(
                "Il est proposé au conseil municipal d'approuver le plan de financement"
            ),
            "feasibility asks to approve the plan"
        );
        assert!(
            at(8).contains("prendre acte du bilan"),
            "a closed project is noted"
        );
        assert!(
            default_decision(Stage::new(5).unwrap(), Lang::En).starts_with("It is proposed"),
            "English proposals exist"
        );
    }

    #[test]
    fn every_proposal_reads_as_a_council_proposal() {
        for s in Stage::all() {
            assert!(
                default_decision(s, Lang::Fr).starts_with("Il est proposé au conseil municipal"),
                "stage {}",
                s.number()
            );
        }
    }
}

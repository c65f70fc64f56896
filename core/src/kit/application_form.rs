//! The *fiche de demande*: the facts the préfecture's DETR/DSIL application
//! form asks (the applicant, the operation, the request, the other funding
//! by category, the priority rank, zonings, contracts, ecological
//! transition, land take), laid out to copy into the form or attach to it.
//! With a scheme asked for, the request is that scheme's lines; otherwise
//! every line to request.

use super::plan::{owner_name, schedule_words};
use super::{money_or_dash, percent_or_dash, status_words, unanswered, Kit};
use crate::brief::{typo, BriefOptions};
use crate::document::{Col, Document, Table};
use crate::model::*;
use crate::rules::figures::rate_of_base;
use crate::rules::schemes::{recognise, Named};
use crate::rules::{owner_share, FindingCode};
use crate::Lang;

/// The application form's facts for `kit`'s project.
pub fn document(kit: &Kit, opts: &BriefOptions) -> Document {
    let lang = opts.lang;
    let f = kit.fields();
    let a = &f.application;
    let t = taxonomy();
    let scheme_title = match &kit.scheme {
        Some(code) => kit
            .scheme_names
            .get(code.as_str())
            .map(|(fr, en)| lang.pick(fr, en).to_owned())
            .unwrap_or_else(|| code.clone()),
        None => lang.pick("DETR / DSIL", "DETR / DSIL").to_owned(),
    };
    let mut doc = Document::new(
        lang,
        format!(
            "{} — {}",
            lang.pick("Fiche de demande de subvention", "Grant application sheet"),
            typo::clean(&f.title)
        ),
    );
    doc.subject = format!(
        "{} — {scheme_title}",
        lang.pick("Fiche de demande de subvention", "Grant application sheet")
    );
    doc.header = Some(kit.letterhead(opts));
    doc.display_title(lang.pick("Fiche de demande de subvention", "Grant application sheet"));
    doc.h2(scheme_title);

    let table = |rows: Vec<(String, String)>, left: f32, right: f32| {
        rows.into_iter().fold(
            Table::new(vec![
                Col::left(lang.pick("Rubrique", "Item"), left),
                Col::left(lang.pick("Réponse", "Answer"), right),
            ]),
            |t, (k, v)| t.row([k, v]),
        )
    };
    let two = |rows| table(rows, 2.2, 4.8);
    let checks_table = |rows| table(rows, 5.0, 2.0);
    let yes_no = |b: bool| {
        lang.pick(if b { "Oui" } else { "Non" }, if b { "Yes" } else { "No" })
            .to_owned()
    };
    let s = |fr: &str, en: &str| lang.pick(fr, en).to_owned();

    doc.h1(s("1. Le demandeur", "1. The applicant"));
    let c = &kit.commune;
    doc.table(two(vec![
        (s("Maître d'ouvrage", "Owner"), owner_name(kit, lang)),
        (
            s("Nature du maître d'ouvrage", "Kind of owner"),
            t.label("owner_kinds", f.owner_kind.as_str(), lang)
                .to_owned(),
        ),
        (
            s("Commune (code INSEE)", "Town (INSEE code)"),
            format!("{} ({})", c.name, c.insee),
        ),
        (
            s("Département", "Département"),
            format!("{} ({})", c.departement_name, c.departement),
        ),
        (
            s("Intercommunalité", "Intercommunality"),
            c.epci_name.clone().unwrap_or_else(|| unanswered(lang)),
        ),
        (
            s("Population", "Population"),
            c.population
                .map(|p| crate::text::group_thousands(p, '\u{202f}'))
                .unwrap_or_else(|| unanswered(lang)),
        ),
    ]));

    doc.h1(s("2. L'opération", "2. The operation"));
    doc.table(two(vec![
        (s("Intitulé", "Title"), typo::text(&f.title, lang)),
        (
            s("Nature de l'opération", "Kind of operation"),
            a.operation
                .map(|o| t.label("operation_kinds", o.as_str(), lang).to_owned())
                .unwrap_or_else(|| unanswered(lang)),
        ),
        (
            s("Catégorie d'opération de l'appel", "Category of the call"),
            if a.category.is_empty() {
                unanswered(lang)
            } else {
                typo::text(&a.category, lang)
            },
        ),
        (
            s("Description", "Description"),
            if f.summary.trim().is_empty() {
                unanswered(lang)
            } else {
                typo::text(&f.summary, lang)
            },
        ),
        (s("Calendrier", "Schedule"), schedule_words(f, lang)),
        (
            s("Coût HT", "Cost excl. VAT"),
            money_or_dash(f.cost_excl_vat, lang),
        ),
        (
            s("Coût TTC", "Cost incl. VAT"),
            money_or_dash(f.cost_incl_vat, lang),
        ),
        (
            s(
                "Recettes générées par l'opération (HT)",
                "Revenue the operation generates",
            ),
            a.expected_revenue
                .map(|m| typo::money(m, lang))
                .unwrap_or_else(|| unanswered(lang)),
        ),
        (
            s(
                "Rang de priorité de la collectivité",
                "The authority's priority rank",
            ),
            a.priority_rank
                .map(|r| r.to_string())
                .unwrap_or_else(|| unanswered(lang)),
        ),
    ]));

    doc.h1(s("3. La demande", "3. The request"));
    let asked = asked_lines(kit);
    let mut req = Table::new(vec![
        Col::left(
            lang.pick("Financeur et dispositif", "Funder and scheme"),
            3.4,
        ),
        Col::right(
            lang.pick("Dépense subventionnable HT", "Eligible expense"),
            1.8,
        ),
        Col::right(lang.pick("Taux", "Rate"), 0.9),
        Col::right(lang.pick("Montant demandé", "Amount requested"), 1.6),
        Col::left(lang.pick("Statut", "Status"), 1.1),
    ]);
    for (_, l) in &asked {
        req = req.row([
            funder_and_scheme(kit, l, lang),
            money_or_dash(l.eligible_base_excl_vat, lang),
            percent_or_dash(rate_of_base(l), lang),
            typo::money(l.planned_amount(), lang),
            status_words(l, lang).to_owned(),
        ]);
    }
    if asked.is_empty() {
        doc.para(s(
            "Aucune ligne du plan de financement n'est à solliciter.",
            "No line of the funding plan is to be requested.",
        ));
    } else {
        doc.table(req);
    }

    doc.h1(s("4. Les autres financements", "4. The other funding"));
    let mut others = Table::new(vec![
        Col::left(lang.pick("Catégorie", "Category"), 2.0),
        Col::left(lang.pick("Dispositif", "Scheme"), 3.0),
        Col::right(lang.pick("Montant", "Amount"), 1.6),
        Col::left(lang.pick("Statut", "Status"), 1.2),
    ]);
    let asked_positions: Vec<usize> = asked.iter().map(|(i, _)| *i).collect();
    let mut any = false;
    for funder in Funder::ALL {
        for (i, l) in kit.detail.lines.funding_lines.iter().enumerate() {
            if l.funder != *funder
                || asked_positions.contains(&i)
                || l.status == FundingStatus::Refused
            {
                continue;
            }
            any = true;
            others = others.row([
                kit.funder_label(l.funder, lang),
                kit.scheme_name(l, lang).unwrap_or_default(),
                typo::money(l.planned_amount(), lang),
                status_words(l, lang).to_owned(),
            ]);
        }
    }
    if any {
        doc.table(others);
    } else {
        doc.para(s("Aucun autre financement.", "No other funding."));
    }

    doc.h1(s("5. Zonages et contrats", "5. Zonings and contracts"));
    let mut rows = Vec::new();
    for z in Zoning::ALL {
        rows.push((
            t.label("zonings", z.as_str(), lang).to_owned(),
            yes_no(a.zonings.contains(z)),
        ));
    }
    for k in Contract::ALL {
        rows.push((
            t.label("contracts", k.as_str(), lang).to_owned(),
            yes_no(a.contracts.contains(k)),
        ));
    }
    doc.table(checks_table(rows));

    doc.h1(s("6. Transition écologique", "6. Ecological transition"));
    let mut rows: Vec<(String, String)> = EcoObjective::ALL
        .iter()
        .map(|o| {
            (
                t.label("eco_objectives", o.as_str(), lang).to_owned(),
                yes_no(a.eco_objectives.contains(o)),
            )
        })
        .collect();
    rows.push((
        s(
            "Consommation d'espaces naturels, agricoles ou forestiers (artificialisation)",
            "Takes natural, agricultural or forest land",
        ),
        a.consumes_natural_land
            .map(yes_no)
            .unwrap_or_else(|| unanswered(lang)),
    ));
    doc.table(checks_table(rows));
    doc.note(s(
        "Objectifs environnementaux du formulaire national de demande DETR/DSIL (les six objectifs du règlement (UE) 2020/852, art. 9).",
        "Environmental objectives of the national DETR/DSIL application form (the six objectives of Regulation (EU) 2020/852, art. 9).",
    ));

    doc.h1(s(
        "7. Contrôles du plan de financement",
        "7. Checks of the funding plan",
    ));
    let mut checks = Vec::new();
    if let Some((sentence, _)) = owner_share::statement(
        &kit.detail,
        &kit.summary.figures,
        &kit.summary.findings,
        lang,
    ) {
        checks.push(format!("{}.", sentence.trim_end_matches('.')));
    }
    for finding in &kit.summary.findings {
        if matches!(
            finding.code,
            FindingCode::StateGrantsAboveCap
                | FindingCode::StateGrantBelowFloor
                | FindingCode::PlanBelowCost
                | FindingCode::PlanAboveCost
        ) {
            checks.push(format!(
                "{} ({}).",
                finding.message(lang).trim_end_matches('.'),
                finding.severity.label(lang)
            ));
        }
    }
    if checks.is_empty() {
        checks.push(s(
            "Aucune aide publique à l'investissement n'est inscrite au plan.",
            "No public aid to the investment is in the plan.",
        ));
    }
    doc.bullets(checks);
    doc.signature(
        format!(
            "{} {}, {} {}",
            lang.pick("À", "In"),
            kit.commune.name,
            lang.pick("le", "on"),
            typo::date(opts.today, lang)
        ),
        kit.signatory(lang),
    );
    doc
}

/// The lines the form asks for: those of the scheme asked for; otherwise
/// the plan's DETR and DSIL lines; otherwise every line to request.
fn asked_lines(kit: &Kit) -> Vec<(usize, &FundingLine)> {
    if kit.scheme.is_some() {
        return kit.scheme_lines();
    }
    let state: Vec<(usize, &FundingLine)> = kit
        .detail
        .lines
        .funding_lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            l.status != FundingStatus::Refused
                && matches!(
                    l.scheme.as_deref().and_then(recognise),
                    Some(Named::Detr | Named::Dsil)
                )
        })
        .collect();
    if state.is_empty() {
        kit.requested()
    } else {
        state
    }
}

fn funder_and_scheme(kit: &Kit, l: &FundingLine, lang: Lang) -> String {
    let funder = kit.funder_label(l.funder, lang);
    match kit.scheme_name(l, lang) {
        Some(n) => format!("{funder} — {n}"),
        None => funder,
    }
}

//! The *plan de financement prévisionnel*: what it says. Expenses by
//! category (HT, TVA, TTC), receipts by funder and scheme with their rate of
//! the eligible base and their status, totals that balance (an unfunded rest
//! is a row of its own), then the owner's share with the verdict of CGCT
//! art. L1111-10 III and the "Certifié exact" block.

use super::{money_or_dash, percent_or_dash, status_words, Kit};
use crate::brief::{typo, BriefOptions};
use crate::document::{Col, Document, Table};
use crate::model::*;
use crate::rules::figures::{rate_of_base, source, BasisKind, Source};
use crate::rules::owner_share;
use crate::Lang;

/// The plan de financement of `kit`'s project.
pub fn document(kit: &Kit, opts: &BriefOptions) -> Document {
    let lang = opts.lang;
    let f = kit.fields();
    let mut doc = Document::new(
        lang,
        format!(
            "{} — {}",
            lang.pick("Plan de financement prévisionnel", "Forecast funding plan"),
            typo::clean(&f.title)
        ),
    );
    doc.subject = lang
        .pick("Plan de financement prévisionnel", "Forecast funding plan")
        .into();
    doc.header = Some(kit.letterhead(opts));
    doc.display_title(lang.pick("Plan de financement prévisionnel", "Forecast funding plan"));
    doc.h2(typo::text(&f.title, lang));
    let mut facts = vec![(
        lang.pick("Maître d'ouvrage", "Owner").to_owned(),
        owner_name(kit, lang),
    )];
    if let Some(sheet) = &f.action_sheet {
        facts.push((
            lang.pick("Fiche action", "Action sheet").to_owned(),
            typo::text(sheet, lang),
        ));
    }
    facts.push((
        lang.pick("Calendrier prévisionnel", "Planned schedule")
            .to_owned(),
        schedule_words(f, lang),
    ));
    doc.key_figures(facts);

    expenses(&mut doc, kit, lang);
    receipts(&mut doc, kit, lang);
    conclusions(&mut doc, kit, lang);

    doc.spacer();
    doc.runs(vec![crate::document::Run::bold(
        lang.pick("Certifié exact,", "Certified accurate,"),
    )]);
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

/// "Commune de Carhaix-Plouguer" or the owner's kind.
pub(super) fn owner_name(kit: &Kit, lang: Lang) -> String {
    match kit.fields().owner_kind {
        OwnerKind::Commune => kit.commune_words(lang),
        OwnerKind::Epci => kit
            .commune
            .epci_name
            .clone()
            .unwrap_or_else(|| taxonomy().label("owner_kinds", "epci", lang).to_owned()),
        k => taxonomy().label("owner_kinds", k.as_str(), lang).to_owned(),
    }
}

/// "Du 1er mars 2027 au 30 juin 2028", or what is known of it.
pub(super) fn schedule_words(f: &ProjectFields, lang: Lang) -> String {
    match (f.planned_start, f.planned_end) {
        (Some(a), Some(b)) => format!(
            "{} {} {} {}",
            lang.pick("Du", "From"),
            typo::date(a, lang),
            lang.pick("au", "to"),
            typo::date(b, lang)
        ),
        (Some(a), None) => format!(
            "{} {}",
            lang.pick("À partir du", "From"),
            typo::date(a, lang)
        ),
        (None, Some(b)) => format!("{} {}", lang.pick("Jusqu'au", "Until"), typo::date(b, lang)),
        (None, None) => super::unanswered(lang),
    }
}

fn category_label(c: ExpenseCategory, lang: Lang) -> String {
    taxonomy()
        .label("expense_categories", c.as_str(), lang)
        .to_owned()
}

fn expenses(doc: &mut Document, kit: &Kit, lang: Lang) {
    doc.h1(lang.pick("Dépenses", "Expenses"));
    let m = |x: Money| typo::money(x, lang);
    let mut t = Table::new(vec![
        Col::left(lang.pick("Poste de dépenses", "Expense line"), 5.0),
        Col::right(lang.pick("Montant HT", "Excl. VAT"), 1.6),
        Col::right(lang.pick("TVA", "VAT"), 1.4),
        Col::right(lang.pick("Montant TTC", "Incl. VAT"), 1.6),
    ]);
    let lines = &kit.detail.lines.expense_lines;
    if lines.is_empty() {
        let f = kit.fields();
        let vat = match (f.cost_excl_vat, f.cost_incl_vat) {
            (Some(ht), Some(ttc)) => Some(Money(ttc.cents() - ht.cents())),
            _ => None,
        };
        t = t.total([
            lang.pick("Coût total de l'opération", "Total cost of the operation")
                .to_owned(),
            money_or_dash(f.cost_excl_vat, lang),
            money_or_dash(vat, lang),
            money_or_dash(f.cost_incl_vat, lang),
        ]);
        doc.table(t);
        doc.note(lang.pick(
            "Le coût n'est pas détaillé par postes de dépenses.",
            "The cost is not broken down into expense lines.",
        ));
        return;
    }
    for c in ExpenseCategory::ALL {
        let of: Vec<ExpenseLine> = lines.iter().filter(|l| l.category == *c).cloned().collect();
        let Some(sub) = expense_totals(&of) else {
            continue;
        };
        t = t.subtotal([
            category_label(*c, lang),
            m(sub.excl_vat),
            m(sub.vat),
            m(sub.incl_vat),
        ]);
        for l in &of {
            t = t.row([
                format!(
                    "{} ({} {})",
                    typo::text(&l.label, lang),
                    lang.pick("TVA", "VAT"),
                    typo::percent(l.vat_rate_percent, lang)
                ),
                m(l.amount_excl_vat),
                m(l.vat()),
                m(l.amount_incl_vat()),
            ]);
        }
    }
    let all = expense_totals(lines).expect("lines are not empty");
    t = t.total([
        lang.pick("Total des dépenses", "Total expenses").to_owned(),
        m(all.excl_vat),
        m(all.vat),
        m(all.incl_vat),
    ]);
    doc.table(t);
}

/// The order of receipts in the table: public aid, private money, then
/// the owner's own money.
fn rank(l: &FundingLine) -> u8 {
    match source(l) {
        Source::Public => 0,
        Source::Private => 1,
        Source::Owner => 2,
    }
}

fn receipts(doc: &mut Document, kit: &Kit, lang: Lang) {
    let figures = &kit.summary.figures;
    let ttc = figures.basis_kind == Some(BasisKind::CostInclVat);
    doc.h1(if ttc {
        lang.pick("Recettes (montants TTC)", "Receipts (amounts incl. VAT)")
    } else {
        lang.pick("Recettes (montants HT)", "Receipts (amounts excl. VAT)")
    });
    let mut t = Table::new(vec![
        Col::left(lang.pick("Financeur", "Funder"), 2.2),
        Col::left(lang.pick("Dispositif", "Scheme"), 2.6),
        Col::right(lang.pick("Assiette éligible HT", "Eligible base"), 1.7),
        Col::right(lang.pick("Taux", "Rate"), 0.9),
        Col::right(lang.pick("Montant", "Amount"), 1.6),
        Col::right(lang.pick("Part", "Share"), 0.9),
        Col::left(lang.pick("Statut", "Status"), 1.2),
    ]);
    let mut lines: Vec<&FundingLine> = kit
        .detail
        .lines
        .funding_lines
        .iter()
        .filter(|l| l.status != FundingStatus::Refused)
        .collect();
    lines.sort_by_key(|l| rank(l));
    for l in &lines {
        let amount = l.planned_amount();
        t = t.row([
            kit.funder_label(l.funder, lang),
            kit.scheme_name(l, lang).unwrap_or_default(),
            money_or_dash(l.eligible_base_excl_vat, lang),
            percent_or_dash(rate_of_base(l), lang),
            typo::money(amount, lang),
            percent_or_dash(figures.share(amount), lang),
            status_words(l, lang).to_owned(),
        ]);
    }
    if figures.unfunded.cents() > 0 {
        t = t.row([
            lang.pick("Reste à financer", "Still to fund").to_owned(),
            lang.pick(
                "Financeur à trouver ou autofinancement",
                "Funder to find or own funds",
            )
            .to_owned(),
            String::new(),
            String::new(),
            typo::money(figures.unfunded, lang),
            percent_or_dash(figures.share(figures.unfunded), lang),
            String::new(),
        ]);
    }
    let total = Money(figures.total_planned.cents() + figures.unfunded.cents());
    t = t.total([
        lang.pick("Total des recettes", "Total receipts").to_owned(),
        String::new(),
        String::new(),
        String::new(),
        typo::money(total, lang),
        percent_or_dash(figures.share(total), lang),
        String::new(),
    ]);
    doc.table(t);
    if lines.len() < kit.detail.lines.funding_lines.len() {
        doc.note(lang.pick(
            "Les financements refusés ne figurent pas au plan.",
            "Refused funding is left out of the plan.",
        ));
    }
}

fn conclusions(doc: &mut Document, kit: &Kit, lang: Lang) {
    let figures = &kit.summary.figures;
    let (of_fr, of_en) = figures.basis_words();
    let mut points = Vec::new();
    if let Some(p) = figures.public_share_percent {
        points.push(format!(
            "{} {} {}.",
            lang.pick("Taux d'aides publiques\u{a0}:", "Public aid rate:"),
            typo::percent(p, lang),
            lang.pick(of_fr, of_en)
        ));
    }
    if let Some(gap) = figures.gap {
        if gap.cents() < 0 {
            points.push(format!(
                "{} {}.",
                lang.pick(
                    "Les recettes dépassent les dépenses de",
                    "Receipts exceed expenses by"
                ),
                typo::money(Money(-gap.cents()), lang)
            ));
        } else if gap.cents() > 0 {
            points.push(format!(
                "{} {}.",
                lang.pick(
                    "Les recettes identifiées ne couvrent pas les dépenses\u{a0}; reste à financer\u{a0}:",
                    "The receipts found do not cover the expenses; still to fund:"
                ),
                typo::money(gap, lang)
            ));
        }
    }
    points.push(format!(
        "{} {}.",
        lang.pick(
            "Part restant à la charge du maître d'ouvrage (fonds propres, emprunt et reste à financer)\u{a0}:",
            "Left to the owner (own funds, borrowing and what is still to fund):"
        ),
        typo::money(figures.owner_burden, lang)
    ));
    if let Some((sentence, _)) =
        owner_share::statement(&kit.detail, figures, &kit.summary.findings, lang)
    {
        points.push(format!("{}.", sentence.trim_end_matches('.')));
    }
    doc.h1(lang.pick("Équilibre du plan", "Balance of the plan"));
    doc.bullets(points);
}

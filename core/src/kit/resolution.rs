//! The *projet de délibération*: the draft resolution the council votes to
//! approve the project and its plan and to apply for the grants, in the
//! customary form (visas, considérants, "Après en avoir délibéré", numbered
//! articles, the votes left blank). It is a draft for the town's secretary
//! to edit: the editable DOCX matters most.

use super::{budget_year, Kit};
use crate::brief::{typo, BriefOptions};
use crate::document::{Document, Run};
use crate::model::*;
use crate::rules::figures::rate_of_base;
use crate::rules::schemes::{recognise, Named};
use crate::Lang;

/// The draft resolution for `kit`'s project.
pub fn document(kit: &Kit, opts: &BriefOptions) -> Document {
    let lang = opts.lang;
    let f = kit.fields();
    let title = typo::text(&f.title, lang);
    let mut doc = Document::new(
        lang,
        format!(
            "{} — {}",
            lang.pick("Projet de délibération", "Draft resolution"),
            typo::clean(&f.title)
        ),
    );
    doc.subject = if kit.epci_owned() {
        lang.pick(
            "Projet de délibération du conseil communautaire",
            "Draft resolution of the community council",
        )
    } else {
        lang.pick(
            "Projet de délibération du conseil municipal",
            "Draft resolution of the municipal council",
        )
    }
    .into();
    doc.header = Some(kit.letterhead(opts));
    doc.display_title(lang.pick("Projet de délibération", "Draft resolution"));
    let requested = kit.requested();
    let object = if requested.is_empty() {
        lang.pick(
            "approbation du projet et de son plan de financement prévisionnel",
            "approval of the project and its forecast funding plan",
        )
    } else {
        lang.pick(
            "approbation du projet et de son plan de financement prévisionnel, demandes de subventions",
            "approval of the project and its forecast funding plan, grant applications",
        )
    };
    doc.h1(title.clone());
    doc.runs(vec![
        Run::bold(lang.pick("Objet\u{a0}: ", "Subject: ")),
        Run::plain(object),
    ]);
    doc.note(lang.pick(
        "Séance du …………… — Délibération n° …………… — Rapporteur\u{a0}: ……………",
        "Meeting of …………… — Resolution no. …………… — Rapporteur: ……………",
    ));

    let council = if kit.epci_owned() {
        lang.pick("Le conseil communautaire,", "The community council,")
    } else {
        lang.pick("Le conseil municipal,", "The municipal council,")
    };
    doc.runs(vec![Run::bold(council)]);
    for v in visas(kit, lang) {
        doc.para(v);
    }
    for c in considerants(kit, lang) {
        doc.para(c);
    }
    doc.runs(vec![
        Run::plain(lang.pick("Après en avoir délibéré, ", "Having deliberated, ")),
        Run::bold(lang.pick("DÉCIDE\u{a0}:", "DECIDES:")),
    ]);
    for (i, text) in articles(kit, opts).into_iter().enumerate() {
        let label = match (lang, i) {
            (Lang::Fr, 0) => "Article 1er".to_owned(),
            (Lang::Fr, n) => format!("Article {}", n + 1),
            (Lang::En, n) => format!("Article {}", n + 1),
        };
        doc.article(label, text);
    }
    doc.spacer();
    doc.vote([
        lang.pick("Membres en exercice\u{a0}: ……", "Members in office: ……"),
        lang.pick(
            "Présents ou représentés\u{a0}: ……",
            "Present or represented: ……",
        ),
        lang.pick("Pour\u{a0}: ……", "For: ……"),
        lang.pick("Contre\u{a0}: ……", "Against: ……"),
        lang.pick("Abstentions\u{a0}: ……", "Abstentions: ……"),
    ]);
    doc.para(lang.pick(
        "Ainsi fait et délibéré les jour, mois et an susdits.",
        "Done and deliberated on the day, month and year above.",
    ));
    doc.signature(
        format!(
            "{} {}, {}",
            lang.pick("À", "In"),
            kit.commune.name,
            lang.pick("le ……………", "on ……………")
        ),
        kit.signatory(lang),
    );
    doc.note(lang.pick(
        "Annexe\u{a0}: plan de financement prévisionnel. Projet préparé par Bourgade, à relire et adapter par le secrétariat avant l'envoi de la convocation.",
        "Annex: forecast funding plan. Draft prepared by Bourgade, for the secretariat to review and adapt before the notice of meeting is sent.",
    ));
    doc
}

fn visas(kit: &Kit, lang: Lang) -> Vec<String> {
    let f = kit.fields();
    let mut out = vec![if kit.epci_owned() {
        lang.pick(
            "Vu le code général des collectivités territoriales, notamment son article L1111-10\u{a0};",
            "Having regard to the general code of local authorities (CGCT), in particular its article L1111-10;",
        )
        .to_owned()
    } else {
        lang.pick(
            "Vu le code général des collectivités territoriales, notamment ses articles L1111-10 et L2121-29\u{a0};",
            "Having regard to the general code of local authorities (CGCT), in particular its articles L1111-10 and L2121-29;",
        )
        .to_owned()
    }];
    let asks = |named: Named| {
        kit.requested()
            .iter()
            .any(|(_, l)| l.scheme.as_deref().and_then(recognise) == Some(named))
    };
    if asks(Named::Detr) {
        out.push(lang.pick(
            "Vu les articles L2334-32 à L2334-39 du même code relatifs à la dotation d'équipement des territoires ruraux\u{a0};",
            "Having regard to articles L2334-32 to L2334-39 of the same code on the rural areas equipment grant (DETR);",
        ).to_owned());
    }
    if asks(Named::Dsil) {
        out.push(lang.pick(
            "Vu l'article L2334-42 du même code relatif à la dotation de soutien à l'investissement local\u{a0};",
            "Having regard to article L2334-42 of the same code on the local investment support grant (DSIL);",
        ).to_owned());
    }
    if let Some(sheet) = &f.action_sheet {
        let ort = f.application.contracts.contains(&Contract::Ort);
        out.push(match (lang, ort) {
            (Lang::Fr, true) => format!(
                "Vu la convention Petites villes de demain valant opération de revitalisation de territoire (ORT), notamment sa fiche action n°\u{a0}{}\u{a0};",
                typo::text(sheet, lang)
            ),
            (Lang::Fr, false) => format!(
                "Vu la convention Petites villes de demain, notamment sa fiche action n°\u{a0}{}\u{a0};",
                typo::text(sheet, lang)
            ),
            (Lang::En, true) => format!(
                "Having regard to the Petites villes de demain agreement serving as territorial revitalisation operation (ORT), in particular its action sheet no. {};",
                typo::text(sheet, lang)
            ),
            (Lang::En, false) => format!(
                "Having regard to the Petites villes de demain agreement, in particular its action sheet no. {};",
                typo::text(sheet, lang)
            ),
        });
    }
    out
}

/// A user text inside a considérant: typeset, without its final full
/// stop, its first letter in lower case after the colon (unless the word
/// is an acronym or a name in capitals).
fn gist(s: &str, lang: Lang) -> String {
    let t = typo::text(s.trim(), lang);
    let t = t.trim_end_matches(['.', ';', ' ', '\u{a0}']);
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(t.chars().skip(1)).collect()
        }
        _ => t.to_owned(),
    }
}

fn considerants(kit: &Kit, lang: Lang) -> Vec<String> {
    let f = kit.fields();
    let mut out = Vec::new();
    if !f.context.trim().is_empty() {
        out.push(format!(
            "{} {}\u{a0};",
            lang.pick(
                "Considérant le besoin auquel répond le projet\u{a0}:",
                "Considering the need the project meets:"
            ),
            gist(&f.context, lang)
        ));
    }
    let what = if f.proposal.trim().is_empty() {
        &f.summary
    } else {
        &f.proposal
    };
    if !what.trim().is_empty() {
        out.push(format!(
            "{} {}\u{a0};",
            lang.pick(
                "Considérant le projet proposé\u{a0}:",
                "Considering the proposed project:"
            ),
            gist(what, lang)
        ));
    }
    if let Some(ht) = f.cost_excl_vat {
        let ttc = f
            .cost_incl_vat
            .map(|t| format!(" ({} TTC)", typo::money(t, lang)))
            .unwrap_or_default();
        out.push(format!(
            "{} {} HT{ttc}\u{a0};",
            lang.pick(
                "Considérant que le coût prévisionnel de l'opération s'élève à",
                "Considering that the forecast cost of the operation amounts to"
            ),
            typo::money(ht, lang)
        ));
    }
    out.push(
        lang.pick(
            "Considérant le plan de financement prévisionnel annexé à la présente délibération\u{a0};",
            "Considering the forecast funding plan annexed to this resolution;",
        )
        .to_owned(),
    );
    out
}

fn articles(kit: &Kit, opts: &BriefOptions) -> Vec<String> {
    let lang = opts.lang;
    let f = kit.fields();
    let figures = &kit.summary.figures;
    let mut out = Vec::new();
    let cost = f
        .cost_excl_vat
        .map(|c| {
            format!(
                " {} {} HT",
                lang.pick("pour un coût prévisionnel de", "at a forecast cost of"),
                typo::money(c, lang)
            )
        })
        .unwrap_or_default();
    out.push(format!(
        "{} «\u{a0}{}\u{a0}»{cost}, {}\u{a0};",
        lang.pick("Approuve le projet", "Approves the project"),
        typo::text(&f.title, lang),
        lang.pick(
            "ainsi que son plan de financement prévisionnel annexé à la présente délibération",
            "and its forecast funding plan annexed to this resolution"
        )
    ));
    for (_, l) in kit.requested() {
        let kind = match l.kind {
            FundingKind::Grant => lang.pick("une subvention", "a grant"),
            FundingKind::Engineering => lang.pick("un appui en ingénierie", "engineering support"),
            FundingKind::Loan => lang.pick("un prêt", "a loan"),
            FundingKind::RepayableAdvance => {
                lang.pick("une avance remboursable", "a repayable advance")
            }
        };
        let scheme = kit
            .scheme_name(l, lang)
            .map(|n| {
                format!(
                    " {} «\u{a0}{n}\u{a0}»",
                    lang.pick("au titre du dispositif", "under the scheme")
                )
            })
            .unwrap_or_default();
        let rate = match (rate_of_base(l), l.eligible_base_excl_vat) {
            (Some(r), Some(b)) => format!(
                ", {} {} {} ({} HT)",
                lang.pick("soit", "i.e."),
                typo::percent(r, lang),
                lang.pick("de la dépense subventionnable", "of the eligible expense"),
                typo::money(b, lang)
            ),
            _ => String::new(),
        };
        out.push(format!(
            "{} {} {kind}{scheme} {} {}{rate}\u{a0};",
            lang.pick("Sollicite", "Requests"),
            kit.funder_request_words(l, lang),
            lang.pick("d'un montant de", "of"),
            typo::money(l.planned_amount(), lang),
        ));
    }
    if figures.owner_burden.cents() > 0 {
        out.push(format!(
            "{} {}, {} {}{}\u{a0};",
            lang.pick(
                "Dit que la part restant à la charge de",
                "Says that the share left to"
            ),
            kit.owner_words(lang),
            lang.pick("soit", "i.e."),
            typo::money(figures.owner_burden, lang),
            lang.pick(
                ", sera financée par autofinancement et, le cas échéant, par l'emprunt",
                ", will be funded from its own resources and, if need be, by borrowing"
            )
        ));
    }
    out.push(format!(
        "{} {} {}\u{a0};",
        lang.pick("Autorise", "Authorises"),
        kit.head_words(lang),
        lang.pick(
            "à signer tout document relatif à cette opération et à ces demandes de financement",
            "to sign every document relating to this operation and these funding applications"
        )
    ));
    let budget = if kit.epci_owned() {
        lang.pick("de la communauté", "of the intercommunality")
    } else {
        lang.pick("de la commune", "of the town")
    };
    out.push(format!(
        "{} {budget}, {} {}.",
        lang.pick(
            "Dit que les dépenses et les recettes correspondantes seront inscrites au budget",
            "Says that the corresponding expenses and receipts will be entered in the budget"
        ),
        lang.pick(
            "section d'investissement, exercice",
            "investment section, year"
        ),
        budget_year(f, opts.today)
    ));
    out
}

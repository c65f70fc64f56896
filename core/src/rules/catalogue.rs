//! Every rule Bourgade applies, with the text it applies and the date of the
//! version read. `bourgade rules` and the settings page list them; each
//! finding carries the basis of its rule.
//!
//! The texts were read on 5 December 2026. Left out, for want of a text
//! read in full (see `docs/RULES.md`): the 10 % minimum share of some
//! Corsican operations and the exception for European territorial
//! cooperation programmes mentioned by commentators of art. L1111-10, and
//! the operating expenses that ministers said DETR and DSIL may fund (up to
//! 10 % of an investment project's needs).

use crate::model::{LegalBasis, RuleId};
use chrono::NaiveDate;
use serde::Serialize;

/// One rule, as `bourgade rules` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct RuleInfo {
    pub id: RuleId,
    pub title_fr: String,
    pub title_en: String,
    /// What the rule checks and how, in a few sentences.
    pub summary_fr: String,
    pub summary_en: String,
    /// The text applied; `None` for a rule of good practice.
    pub basis: Option<LegalBasis>,
    /// Exceptions and what was left out, with their texts.
    pub notes_fr: Vec<String>,
    pub notes_en: Vec<String>,
    /// The finding codes the rule gives.
    pub findings: Vec<super::FindingCode>,
}

const CGCT_FR: &str = "Code général des collectivités territoriales";
const CGCT_EN: &str = "General Code of Local Authorities (CGCT)";
/// The CGCT on Légifrance.
pub const CGCT_URL: &str = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070633";

/// A text in French and English.
type Pair = (&'static str, &'static str);

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

impl RuleId {
    /// Every rule, in the order findings are computed.
    pub const ALL: [RuleId; 11] = [
        RuleId::OwnerShare,
        RuleId::StateGrants,
        RuleId::FondsDeConcours,
        RuleId::Vat,
        RuleId::Coverage,
        RuleId::OperatingOnInvestmentScheme,
        RuleId::Deadlines,
        RuleId::Milestones,
        RuleId::GrantLapse,
        RuleId::Indicators,
        RuleId::Reconciliation,
    ];

    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::OwnerShare => "owner_share",
            RuleId::StateGrants => "state_grants",
            RuleId::FondsDeConcours => "fonds_de_concours",
            RuleId::Vat => "vat",
            RuleId::Coverage => "coverage",
            RuleId::OperatingOnInvestmentScheme => "operating_on_investment_scheme",
            RuleId::Deadlines => "deadlines",
            RuleId::Milestones => "milestones",
            RuleId::GrantLapse => "grant_lapse",
            RuleId::Indicators => "indicators",
            RuleId::Reconciliation => "reconciliation",
        }
    }

    /// The text this rule applies, if it is law.
    pub fn basis(self) -> Option<LegalBasis> {
        let cgct = |article: &str, version_fr: &str, version_en: &str, since, url: &str| {
            Some(LegalBasis {
                text_fr: CGCT_FR.into(),
                text_en: CGCT_EN.into(),
                article: article.into(),
                version_fr: version_fr.into(),
                version_en: version_en.into(),
                in_force_since: since,
                url: Some(url.into()),
            })
        };
        match self {
            RuleId::OwnerShare => cgct(
                "art. L1111-10, III",
                "version en vigueur depuis le 31 mars 2024 (loi n°\u{a0}2024-279 du 29 mars 2024, article unique)",
                "version in force since 31 March 2024 (law no. 2024-279 of 29 March 2024, sole article)",
                date(2024, 3, 31),
                "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000023245837",
            ),
            RuleId::StateGrants => cgct(
                "art. R2334-27",
                "version en vigueur depuis le 6 octobre 2021 (décret n°\u{a0}2021-1291 du 4 octobre 2021, art. 5)\u{a0}; appliqué à la DSIL par le décret n°\u{a0}2018-428 du 1er juin 2018",
                "version in force since 6 October 2021 (decree no. 2021-1291 of 4 October 2021, art. 5); applied to DSIL by decree no. 2018-428 of 1 June 2018",
                date(2021, 10, 6),
                "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044166963",
            ),
            RuleId::FondsDeConcours => cgct(
                "art. L5214-16, V (communautés de communes)\u{a0}; L5216-5, VI (communautés d'agglomération)\u{a0}; L5215-26 (communautés urbaines)",
                "rédaction issue de la loi n°\u{a0}2004-809 du 13 août 2004, lue le 5 décembre 2026",
                "wording from law no. 2004-809 of 13 August 2004, read on 5 December 2026",
                None,
                CGCT_URL,
            ),
            RuleId::GrantLapse => cgct(
                "art. R2334-28 et R2334-29",
                "R2334-28 en vigueur depuis le 28 décembre 2002 (décret n°\u{a0}2002-1522 du 23 décembre 2002, art.\u{a0}2), lu le 5 décembre 2026\u{a0}; R2334-29 lu par ses citations (préfecture de Vaucluse, «\u{a0}Délai de réalisation de l'opération\u{a0}»\u{a0}; question écrite de M. Hervé Maurey, 16 juillet 2020)\u{a0}; appliqués à la DSIL par le décret n°\u{a0}2018-428 du 1er juin 2018",
                "R2334-28 in force since 28 December 2002 (decree no. 2002-1522 of 23 December 2002, art. 2), read on 5 December 2026; R2334-29 read through its citations (préfecture de Vaucluse, \"Délai de réalisation de l'opération\"; written question of Mr Hervé Maurey, 16 July 2020); applied to DSIL by decree no. 2018-428 of 1 June 2018",
                date(2002, 12, 28),
                "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006397214",
            ),
            _ => None,
        }
    }

    /// The rule with its texts and notes.
    pub fn info(self) -> RuleInfo {
        use super::FindingCode::*;
        let s = |x: &str| x.to_owned();
        let (title, summary, notes, findings): (Pair, Pair, Vec<Pair>, Vec<_>) = match self {
            RuleId::OwnerShare => (
                ("Participation minimale du maître d'ouvrage", "The owner's minimum share"),
                (
                    "Une collectivité ou un groupement maître d'ouvrage d'une opération d'investissement la finance au moins à hauteur de 20\u{a0}% du total des financements apportés par des personnes publiques, sa propre part comprise. L'argent privé (mécénat, souscriptions, parts citoyennes, apports d'entreprises) est hors de ce total\u{a0}; les prêts et avances remboursables sont l'argent du maître d'ouvrage. La part du maître d'ouvrage est celle que le plan inscrit\u{a0}: fonds propres, emprunts et avances. Quand le plan ne couvre pas le coût et que le reste à financer, apporté par le maître d'ouvrage, atteindrait le minimum, le constat est une alerte.",
                    "A local authority or grouping that owns an investment operation funds at least 20% of the total funding brought by public persons, its own share included. Private money (sponsorship, subscriptions, citizen shares, company contributions) is outside that total; loans and repayable advances are the owner's own money. The owner's share is what the plan states: own funds, loans and advances. When the plan does not cover the cost and the unfunded rest, brought by the owner, would reach the minimum, the finding is a warning.",
                ),
                vec![
                    ("Ne s'applique pas aux opérations de l'article 9 de la loi n°\u{a0}2003-710 du 1er août 2003 (rénovation urbaine)\u{a0}: le constat devient une information.", "Does not apply to operations under art. 9 of law no. 2003-710 of 1 August 2003 (urban renewal): the finding becomes information."),
                    ("Monuments protégés au titre du code du patrimoine et réparation des dégâts d'une calamité publique\u{a0}: le représentant de l'État dans le département (le préfet) peut accorder une dérogation\u{a0}; le constat devient une alerte qui la nomme.", "Monuments protected under the heritage code and repair of damage caused by a public calamity: the State's representative in the département (the préfet) may grant a derogation; the finding becomes a warning that names it."),
                    ("Patrimoine non protégé\u{a0}: le préfet peut accorder la même dérogation, s'il l'estime justifiée par l'urgence, la nécessité publique ou la capacité financière du maître d'ouvrage (loi n°\u{a0}2019-1461 du 27 décembre 2019, art. 82)\u{a0}: alerte.", "Unprotected heritage: the préfet may grant the same derogation where urgency, public necessity or the owner's financial capacity justify it (law no. 2019-1461 of 27 December 2019, art. 82): warning."),
                    ("Rénovation énergétique des bâtiments scolaires\u{a0}: le préfet peut abaisser la participation minimale à 10\u{a0}% (loi n°\u{a0}2024-279 du 29 mars 2024)\u{a0}: alerte entre 10\u{a0}% et 20\u{a0}%, bloquant sous 10\u{a0}%.", "Energy renovation of school buildings: the préfet may lower the minimum share to 10\u{a0}% (law no. 2024-279 of 29 March 2024): warning between 10\u{a0}% and 20\u{a0}%, blocking below 10\u{a0}%."),
                    ("Ne s'applique pas aux collectivités et groupements de Guadeloupe, de Guyane, de La Réunion, de Martinique, de Mayotte, de Saint-Barthélemy, de Saint-Martin et de Saint-Pierre-et-Miquelon (codes INSEE 971 à 978)\u{a0}: information.", "Does not apply to the local authorities and groupings of Guadeloupe, French Guiana, La Réunion, Martinique, Mayotte, Saint-Barthélemy, Saint-Martin and Saint-Pierre-et-Miquelon (INSEE codes 971 to 978): information."),
                    ("Ne lie que les collectivités et leurs groupements\u{a0}: pour une association, une coopérative, une entreprise ou un autre maître d'ouvrage privé, le constat est une information.", "Binds local authorities and their groupings only: for an association, a cooperative, a company or another private owner, the finding is information."),
                    ("Seules les lignes d'investissement comptent\u{a0}; les lignes de fonctionnement sont hors du calcul.", "Only investment lines count; operating lines are left out of the computation."),
                    ("Non codés, faute d'en avoir lu le texte\u{a0}: le taux de 10\u{a0}% de certaines opérations en Corse et l'exception des programmes de coopération territoriale européenne cités par des commentateurs.", "Not coded, for want of having read their text: the 10% rate of some operations in Corsica and the exception for European territorial cooperation programmes cited by commentators."),
                ],
                vec![OwnerShareBelowMinimum],
            ),
            RuleId::StateGrants => (
                ("Taux des dotations d'investissement de l'État", "Rates of the State's investment grants"),
                (
                    "La DETR, la DSIL, la DPV et la DSID, employées seules ou ensemble, ne peuvent dépasser 80\u{a0}% du montant prévisionnel de la dépense subventionnable (bloquant au-delà). Le taux de chacune ne peut être inférieur à 20\u{a0}% de cette dépense hors taxes (alerte en dessous). La dépense subventionnable est l'assiette éligible de la ligne, à défaut le coût HT du projet. Les autres cofinanceurs ne changent pas ces taux.",
                    "DETR, DSIL, DPV and DSID, used alone or together, may not exceed 80% of the forecast eligible expense (blocking above). Each one's rate may not be below 20% of that expense excluding VAT (warning below). The eligible expense is the line's eligible base, or else the project's cost excluding VAT. Other co-funders do not change these rates.",
                ),
                vec![
                    ("Réponse ministérielle à la question écrite n°\u{a0}4800 (JO Assemblée nationale du 10 juin 2025)\u{a0}: le cofinancement d'autres entités publiques n'a pas d'effet sur ces taux\u{a0}; l'assiette est la dépense subventionnable de l'arrêté attributif.", "Ministerial answer to written question no. 4800 (JO Assemblée nationale, 10 June 2025): co-funding by other public bodies has no effect on these rates; the base is the eligible expense of the award decision."),
                    ("Quand les dotations ont des assiettes différentes, Bourgade ne sait pas ce qu'elles ont en commun\u{a0}: bloquant si le total dépasse 80\u{a0}% de la plus large assiette possible (leurs assiettes additionnées, sans dépasser le coût), alerte s'il ne dépasse que 80\u{a0}% de la plus grande d'entre elles.", "When the grants have different bases, Bourgade cannot tell what they share: blocking if the total exceeds 80% of the widest possible base (their bases added up, capped at the cost), warning if it only exceeds 80% of the largest one."),
                    ("Dispositifs reconnus par leur code, quelles que soient la casse et les espaces\u{a0}: DETR, DSIL (et DSIL exceptionnelle…), DPV, DSID.", "Schemes recognised by their code, whatever the case and spacing: DETR, DSIL (and exceptional DSIL…), DPV, DSID."),
                ],
                vec![StateGrantsAboveCap, StateGrantBelowFloor],
            ),
            RuleId::FondsDeConcours => (
                ("Fonds de concours entre l'intercommunalité et ses communes", "Fonds de concours between the intercommunality and its towns"),
                (
                    "Le montant total des fonds de concours ne peut excéder la part du financement assurée, hors subventions, par le bénéficiaire. Bourgade compare les fonds de concours du plan à la part du maître d'ouvrage (fonds propres, emprunts)\u{a0}: bloquant au-delà, alerte si le reste à financer, apporté par le maître d'ouvrage, suffirait.",
                    "The total of the fonds de concours may not exceed the share of the funding that the beneficiary provides itself, excluding grants. Bourgade compares the plan's fonds de concours with the owner's share (own funds, borrowing): blocking above, a warning if the unfunded rest, brought by the owner, would suffice.",
                ),
                vec![
                    ("Lignes reconnues par leur dispositif\u{a0}: «\u{a0}fonds de concours\u{a0}», EPCI_FONDS_CONCOURS, FDC.", "Lines recognised by their scheme: \"fonds de concours\", EPCI_FONDS_CONCOURS, FDC."),
                    ("Vérifié quand la commune ou l'EPCI est maître d'ouvrage.", "Checked when the town or the EPCI owns the operation."),
                ],
                vec![FondsDeConcoursAboveShare],
            ),
            RuleId::Vat => (
                ("Montants HT et TTC mélangés", "Amounts with and without VAT mixed"),
                ("Un plan dont certaines lignes sont TTC et d'autres HT ne s'additionne pas\u{a0}: alerte.", "A plan with some lines incl. VAT and others excl. VAT does not add up: warning."),
                vec![],
                vec![VatMixed],
            ),
            RuleId::Coverage => (
                ("Plan de financement équilibré", "Balanced funding plan"),
                (
                    "Le plan de financement prévisionnel équilibre les dépenses et les recettes. Total inférieur au coût\u{a0}: bloquant à partir de la décision du conseil (étape 4), alerte avant\u{a0}; supérieur au coût\u{a0}: alerte. Le coût est le coût HT, ou TTC quand toutes les lignes sont TTC. Pas de plan\u{a0}: alerte à l'étape 3, bloquant à l'étape 4. Coût inconnu\u{a0}: information.",
                    "The forecast funding plan balances expenses and receipts. Total below the cost: blocking from the council decision (stage 4) on, warning before; above the cost: warning. The cost is the cost excl. VAT, or incl. VAT when every line is. No plan: warning at stage 3, blocking at stage 4. Cost unknown: information.",
                ),
                vec![],
                vec![PlanBelowCost, PlanAboveCost, NoFundingPlan, CostUnknown],
            ),
            RuleId::OperatingOnInvestmentScheme => (
                ("Fonctionnement sur un dispositif d'investissement", "Operating expense on an investment-only scheme"),
                (
                    "Une ligne de fonctionnement sur un dispositif que le catalogue décrit comme réservé à l'investissement (DETR, DSIL…)\u{a0}: bloquant.",
                    "An operating line on a scheme the catalogue describes as investment-only (DETR, DSIL…): blocking.",
                ),
                vec![(
                    "Des ministres ont déclaré que la DETR et la DSIL peuvent couvrir jusqu'à 10\u{a0}% des besoins de fonctionnement d'un projet d'investissement (une étude, par exemple)\u{a0}; Bourgade n'a pas trouvé le texte qui le prévoit et garde la règle «\u{a0}investissement seulement\u{a0}»\u{a0}: vérifiez auprès de la préfecture.",
                    "Ministers have said DETR and DSIL may cover up to 10\u{a0}% of an investment project's operating needs (a study, for instance); Bourgade has not found the text that provides for it and keeps the investment-only rule: check with the préfecture.",
                )],
                vec![OperatingOnInvestmentScheme],
            ),
            RuleId::Deadlines => (
                ("Dates limites de dépôt", "Filing deadlines"),
                (
                    "Une demande encore à déposer dont la date limite (la sienne, sinon la clôture du prochain appel du dispositif) est passée\u{a0}: bloquant\u{a0}; dans les 30 jours\u{a0}: alerte.",
                    "A request still to file whose deadline (its own, else the closing of the scheme's next call) has passed: blocking; within 30 days: warning.",
                ),
                vec![],
                vec![DeadlinePassed, DeadlineSoon],
            ),
            RuleId::Milestones => (
                ("Jalons en retard", "Late milestones"),
                ("Un jalon non fait dont la date est passée\u{a0}: alerte.", "A milestone not done whose date has passed: warning."),
                vec![],
                vec![MilestoneLate],
            ),
            RuleId::GrantLapse => (
                ("Caducité et délai d'achèvement des subventions DETR et DSIL", "DETR and DSIL grants: lapse and completion deadline"),
                (
                    "Une subvention accordée et notifiée devient caduque si l'opération n'a reçu aucun commencement d'exécution dans les deux ans de la notification (le préfet peut proroger d'un an au plus)\u{a0}; une opération non achevée dans les quatre ans de son commencement est réputée terminée et aucune demande de paiement n'est plus recevable (prolongation de deux ans au plus). Alerte dans les 180 jours qui précèdent (le message dit 180, 90 ou 30\u{a0}jours)\u{a0}; bloquant une fois la date passée. Les périodes viennent du catalogue des dispositifs\u{a0}: seuls ceux dont le texte est connu (DETR, DSIL) en ont.",
                    "An awarded and notified grant lapses if the operation has not started within two years of the notification (the préfet may extend by one year at most); an operation not completed within four years of its start is deemed finished and no payment request is received any more (extension of two years at most). Warning within the 180 days before (the message says 180, 90 or 30 days); blocking once the date has passed. The periods come from the scheme catalogue: only schemes whose text is known (DETR, DSIL) have them.",
                ),
                vec![
                    (
                        "Le commencement d'exécution est le premier acte juridique qui engage le maître d'ouvrage (devis signé, marché, ordre de service\u{a0}; R2334-24), déclaré au préfet (R2334-30)\u{a0}: inscrivez-le dans «\u{a0}Commencement d'exécution\u{a0}» du projet.",
                        "The start of execution is the first legal act binding the owner (signed quote, contract, service order; R2334-24), declared to the préfet (R2334-30): enter it as the project's \"Start of execution\".",
                    ),
                    (
                        "Le préfet peut fixer un délai de commencement plus court pour une opération réalisable à brève échéance (R2334-28, al.\u{a0}2)\u{a0}: Bourgade ne lit pas l'arrêté attributif\u{a0}; inscrivez ce délai comme date limite de la ligne.",
                        "The préfet may set a shorter start period for an operation that can be done quickly (R2334-28, para. 2): Bourgade does not read the grant decision; enter that period as the line's deadline.",
                    ),
                    (
                        "Le texte de R2334-29 n'a pas été lu en entier\u{a0}: ses périodes (quatre ans, prorogation de deux ans) viennent de la page de la préfecture de Vaucluse et d'une question écrite au Sénat qui le citent, et de l'article D2564-16, de même rédaction.",
                        "The text of R2334-29 was not read in full: its periods (four years, a two-year extension) come from the préfecture de Vaucluse's page and a written question in the Senate that cite it, and from article D2564-16, worded the same way.",
                    ),
                ],
                vec![GrantLapseSoon, GrantLapsed],
            ),
            RuleId::Indicators => (
                ("Indicateurs à jour", "Indicators kept up to date"),
                (
                    "Un indicateur dont la dernière mesure (ou, sans mesure, la valeur de référence) date de plus de 12\u{a0}mois\u{a0}: alerte.",
                    "An indicator whose last reading (or, without one, its baseline) is more than 12 months old: warning.",
                ),
                vec![],
                vec![IndicatorStale],
            ),
            RuleId::Reconciliation => (
                ("Années et échéanciers rapprochés du plan", "Years and schedules reconciled with the plan"),
                (
                    "Les dépenses d'investissement prévues année par année font le coût HT du projet\u{a0}; l'échéancier des versements d'une aide accordée fait le montant accordé. Un écart est une alerte qui le chiffre.",
                    "The investment spending forecast year by year adds up to the project's cost excl. VAT; an awarded grant's payment schedule adds up to the amount awarded. A difference is a warning that states it.",
                ),
                vec![],
                vec![YearsDoNotMatchCost, ScheduleDoesNotMatchAward],
            ),
        };
        RuleInfo {
            id: self,
            title_fr: s(title.0),
            title_en: s(title.1),
            summary_fr: s(summary.0),
            summary_en: s(summary.1),
            basis: self.basis(),
            notes_fr: notes.iter().map(|n| s(n.0)).collect(),
            notes_en: notes.iter().map(|n| s(n.1)).collect(),
            findings,
        }
    }
}

/// Every rule, in order.
pub fn rules() -> Vec<RuleInfo> {
    RuleId::ALL.iter().map(|r| r.info()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_of_law_cites_an_article_a_version_and_a_link() {
        for r in rules() {
            if let Some(b) = &r.basis {
                assert!(b.article.starts_with("art. "), "{:?}", r.id);
                assert!(!b.version_fr.is_empty() && !b.version_en.is_empty());
                assert!(b.url.as_deref().is_some_and(|u| u.starts_with("https://")));
            }
            assert_eq!(r.notes_fr.len(), r.notes_en.len(), "{:?}", r.id);
            assert!(!r.findings.is_empty());
        }
        let law: Vec<_> = rules()
            .into_iter()
            .filter(|r| r.basis.is_some())
            .map(|r| r.id)
            .collect();
        assert_eq!(
            law,
            [
                RuleId::OwnerShare,
                RuleId::StateGrants,
                RuleId::FondsDeConcours,
                RuleId::GrantLapse
            ]
        );
    }

    #[test]
    fn every_finding_code_belongs_to_exactly_one_rule() {
        let all: Vec<_> = rules().into_iter().flat_map(|r| r.findings).collect();
        let mut unique = all.clone();
        unique.sort_by_key(|c| c.as_str());
        unique.dedup();
        assert_eq!(all.len(), unique.len(), "no code in two rules");
        assert_eq!(all.len(), 18, "every FindingCode is listed");
    }

    #[test]
    fn rule_codes_serialise_as_their_code() {
        for r in RuleId::ALL {
            assert_eq!(
                serde_json::to_value(r).unwrap(),
                serde_json::Value::String(r.as_str().into())
            );
        }
    }
}

//! The grant application kit: what the *plan de financement prévisionnel*,
//! the *projet de délibération* and the *fiche de demande* say, built as
//! [`Document`]s from one project's data and the money rules' figures
//! ([`PlanSummary`]). Gathering the data is `desk::dossier`'s; drawing the
//! documents is the writers' ([`crate::document::to_pdf`],
//! [`crate::document::to_docx`]).
//!
//! - [`plan`]: expenses by category (HT, TVA, TTC), receipts by funder with
//!   their rate of the eligible base and status, totals that balance, the
//!   owner's share with the CGCT art. L1111-10 verdict, "Certifié exact".
//! - [`resolution`]: the draft council resolution in the customary form.
//! - [`application_form`]: the facts the préfecture's DETR/DSIL form asks.

pub mod application_form;
pub mod plan;
pub mod resolution;

use crate::brief::{typo, BriefOptions};
use crate::document::Letterhead;
use crate::model::*;
use crate::rules::figures::{source, Source};
use crate::rules::PlanSummary;
use crate::Lang;
use std::collections::BTreeMap;

/// Everything the kit's documents say of one project.
#[derive(Debug, Clone)]
pub struct Kit {
    pub detail: ProjectDetail,
    /// The plan's figures and findings, from the rules module.
    pub summary: PlanSummary,
    /// The project's town.
    pub commune: Commune,
    /// Names of the funding schemes, by code: (French, English).
    pub scheme_names: BTreeMap<String, (String, String)>,
    /// The scheme the application is for (`--scheme`): the resolution and
    /// the form speak of its lines only. `None`: every line to request.
    pub scheme: Option<String>,
}

impl Kit {
    /// The project's own fields.
    pub fn fields(&self) -> &ProjectFields {
        &self.detail.project.fields
    }

    /// True when the intercommunality owns the operation: its council
    /// (*conseil communautaire*) and its president decide.
    pub fn epci_owned(&self) -> bool {
        self.fields().owner_kind == OwnerKind::Epci
    }

    /// The town's letterhead.
    pub fn letterhead(&self, opts: &BriefOptions) -> Letterhead {
        let name = if self.epci_owned() {
            self.commune
                .epci_name
                .clone()
                .unwrap_or_else(|| self.commune_words(opts.lang))
        } else {
            self.commune_words(opts.lang)
        };
        Letterhead {
            town: name,
            logo_png: opts.logo_png.clone(),
        }
    }

    /// "Commune de Carhaix-Plouguer".
    pub fn commune_words(&self, lang: Lang) -> String {
        format!(
            "{} {}",
            lang.pick("Commune de", "Town of"),
            self.commune.name
        )
    }

    /// "Le maire," or "Le président," (of the EPCI).
    pub fn signatory(&self, lang: Lang) -> &'static str {
        if self.epci_owned() {
            lang.pick("Le président,", "The president,")
        } else {
            lang.pick("Le maire,", "The mayor,")
        }
    }

    /// "le maire" / "le président", inside a sentence.
    pub fn head_words(&self, lang: Lang) -> &'static str {
        if self.epci_owned() {
            lang.pick("le président", "the president")
        } else {
            lang.pick("le maire", "the mayor")
        }
    }

    /// "la commune" / "la communauté", inside a sentence.
    pub fn owner_words(&self, lang: Lang) -> &'static str {
        if self.epci_owned() {
            lang.pick("la communauté", "the intercommunality")
        } else {
            lang.pick("la commune", "the town")
        }
    }

    /// True when the line belongs to the application asked for.
    fn in_scope(&self, l: &FundingLine) -> bool {
        match &self.scheme {
            None => true,
            Some(code) => l
                .scheme
                .as_deref()
                .is_some_and(|s| s.trim().eq_ignore_ascii_case(code)),
        }
    }

    /// The lines to request: money from someone else than the owner, not
    /// yet secured nor refused (of the asked scheme only, when there is
    /// one), with their position in the plan.
    pub fn requested(&self) -> Vec<(usize, &FundingLine)> {
        self.detail
            .lines
            .funding_lines
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                source(l) != Source::Owner
                    && matches!(l.status, FundingStatus::ToRequest | FundingStatus::Filed)
                    && self.in_scope(l)
            })
            .collect()
    }

    /// The lines of the asked scheme (any status), for the form.
    pub fn scheme_lines(&self) -> Vec<(usize, &FundingLine)> {
        self.detail
            .lines
            .funding_lines
            .iter()
            .enumerate()
            .filter(|(_, l)| self.scheme.is_some() && self.in_scope(l))
            .collect()
    }

    /// The scheme's name ("Dotation d'équipement des territoires ruraux"),
    /// or its code as typed, or nothing.
    pub fn scheme_name(&self, l: &FundingLine, lang: Lang) -> Option<String> {
        let code = l.scheme.as_deref()?.trim();
        Some(
            self.scheme_names
                .get(code)
                .map(|(fr, en)| lang.pick(fr, en).to_owned())
                .unwrap_or_else(|| typo::text(code, lang)),
        )
    }

    /// The funder's label ("État", "Région"…).
    pub fn funder_label(&self, f: Funder, lang: Lang) -> String {
        taxonomy().label("funders", f.as_str(), lang).to_owned()
    }

    /// "auprès de l'État", "auprès de la Région Bretagne"… for a request.
    pub fn funder_request_words(&self, l: &FundingLine, lang: Lang) -> String {
        let c = &self.commune;
        match (lang, l.funder) {
            (Lang::Fr, Funder::State) => "auprès de l'État".into(),
            (Lang::Fr, Funder::Region) => format!("auprès de la Région {}", c.region_name),
            (Lang::Fr, Funder::Departement) => {
                format!("auprès du Département ({})", c.departement_name)
            }
            (Lang::Fr, Funder::Epci) => match &c.epci_name {
                Some(n) => format!("auprès de {n}"),
                None => "auprès de l'intercommunalité".into(),
            },
            (Lang::Fr, Funder::Eu) => "auprès de l'Union européenne".into(),
            (Lang::Fr, Funder::BanqueTerritoires) => "auprès de la Banque des Territoires".into(),
            (Lang::Fr, _) => match self.scheme_name(l, lang) {
                Some(n) => format!("auprès du financeur ({n})"),
                None => "auprès du financeur".into(),
            },
            (Lang::En, Funder::State) => "from the State".into(),
            (Lang::En, Funder::Region) => format!("from the {} Region", c.region_name),
            (Lang::En, Funder::Departement) => {
                format!("from the Département ({})", c.departement_name)
            }
            (Lang::En, Funder::Epci) => match &c.epci_name {
                Some(n) => format!("from {n}"),
                None => "from the intercommunality".into(),
            },
            (Lang::En, Funder::Eu) => "from the European Union".into(),
            (Lang::En, Funder::BanqueTerritoires) => "from the Banque des Territoires".into(),
            (Lang::En, _) => "from the funder".into(),
        }
    }
}

/// "Sollicité" or "Acquis", as a plan states a line ("Prévu" for the
/// owner's own money not yet voted).
pub fn status_words(l: &FundingLine, lang: Lang) -> &'static str {
    let s = l.status;
    if s.is_secured() {
        lang.pick("Acquis", "Secured")
    } else if s != FundingStatus::Refused && source(l) == Source::Owner {
        lang.pick("Prévu", "Planned")
    } else if s == FundingStatus::Refused {
        lang.pick("Refusé", "Refused")
    } else {
        lang.pick("Sollicité", "Requested")
    }
}

/// An optional amount, or a dash.
pub(crate) fn money_or_dash(m: Option<Money>, lang: Lang) -> String {
    m.map_or_else(|| "—".into(), |m| typo::money(m, lang))
}

/// An optional percentage, or a dash.
pub(crate) fn percent_or_dash(x: Option<f64>, lang: Lang) -> String {
    x.map_or_else(|| "—".into(), |x| typo::percent(x, lang))
}

/// "Non renseigné" for an unanswered question.
pub(crate) fn unanswered(lang: Lang) -> String {
    lang.pick("Non renseigné", "Not answered").into()
}

/// The year the spending goes in the budget: the planned start's, or the
/// year after `today` when none is planned.
pub fn budget_year(fields: &ProjectFields, today: chrono::NaiveDate) -> i32 {
    use chrono::Datelike;
    fields
        .planned_start
        .map_or(today.year() + 1, |d| d.year().max(today.year()))
}

//! Aids from Aides-territoires (the State's catalogue of aids for local
//! authorities), as Bourgade keeps them: who funds, what kind of aid, where
//! (the perimeter), at which steps of a project, until when.
//!
//! The vocabularies are Aides-territoires' own, as listed in
//! `shared/interop/aides-territoires/FIELDS.md` (written from
//! `src/aids/constants.py` and the Symfony controllers); labels are matched
//! with accents, case and apostrophes folded.

use super::{Commune, Stage, Theme};
use crate::error::Problem;
use crate::text::fold;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Folds a label for matching: lower case, no accents, apostrophes and
/// hyphens as spaces (`text::fold`), single spaces.
pub fn fold_label(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The kind of an aid (`aid_types`): the financial group and the
/// engineering group of Aides-territoires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum AidType {
    /// Subvention.
    Grant,
    /// Prêt.
    Loan,
    /// Avance récupérable.
    RecoverableAdvance,
    /// Certificat d'économie d'énergie (CEE).
    EnergySavingCertificate,
    /// Autre aide financière.
    OtherFinancial,
    /// Ingénierie technique.
    TechnicalEngineering,
    /// Ingénierie financière.
    FinancialEngineering,
    /// Ingénierie Juridique / administrative.
    LegalEngineering,
}

impl AidType {
    /// Every kind, in Aides-territoires' order.
    pub const ALL: &'static [AidType] = &[
        AidType::Grant,
        AidType::Loan,
        AidType::RecoverableAdvance,
        AidType::EnergySavingCertificate,
        AidType::OtherFinancial,
        AidType::TechnicalEngineering,
        AidType::FinancialEngineering,
        AidType::LegalEngineering,
    ];

    /// Aides-territoires' label.
    pub fn label_fr(self) -> &'static str {
        match self {
            AidType::Grant => "Subvention",
            AidType::Loan => "Prêt",
            AidType::RecoverableAdvance => "Avance récupérable",
            AidType::EnergySavingCertificate => "Certificat d'économie d'énergie (CEE)",
            AidType::OtherFinancial => "Autre aide financière",
            AidType::TechnicalEngineering => "Ingénierie technique",
            AidType::FinancialEngineering => "Ingénierie financière",
            AidType::LegalEngineering => "Ingénierie Juridique / administrative",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            AidType::Grant => "Grant",
            AidType::Loan => "Loan",
            AidType::RecoverableAdvance => "Repayable advance",
            AidType::EnergySavingCertificate => "Energy saving certificate (CEE)",
            AidType::OtherFinancial => "Other financial aid",
            AidType::TechnicalEngineering => "Technical engineering",
            AidType::FinancialEngineering => "Financial engineering",
            AidType::LegalEngineering => "Legal / administrative engineering",
        }
    }

    /// True for the engineering group ("Aide en ingénierie").
    pub fn is_engineering(self) -> bool {
        matches!(
            self,
            AidType::TechnicalEngineering
                | AidType::FinancialEngineering
                | AidType::LegalEngineering
        )
    }

    /// The kind named by a label or slug (`grant`, `loan`,
    /// `recoverable_advance`, `cee`, `other`, `technical_engineering`,
    /// `financial_engineering`, `legal_engineering`), or `None`.
    pub fn from_label(s: &str) -> Option<AidType> {
        let f = fold_label(s);
        let t = match f.as_str() {
            "subvention" | "grant" => AidType::Grant,
            "pret" | "loan" => AidType::Loan,
            "avance recuperable" | "avance remboursable" | "recoverable_advance" => {
                AidType::RecoverableAdvance
            }
            "certificat d economie d energie (cee)" | "certificat d economie d energie" | "cee" => {
                AidType::EnergySavingCertificate
            }
            "autre aide financiere" | "other" => AidType::OtherFinancial,
            "ingenierie technique" | "technical_engineering" | "technical" => {
                AidType::TechnicalEngineering
            }
            "ingenierie financiere" | "financial_engineering" => AidType::FinancialEngineering,
            "ingenierie juridique / administrative" | "legal_engineering" | "legal" => {
                AidType::LegalEngineering
            }
            _ => return None,
        };
        Some(t)
    }
}

/// The step of a project an aid can be mobilised at (`mobilization_steps`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum AidStep {
    /// `preop`, « Réflexion / conception ».
    Preop,
    /// `op`, « Mise en œuvre / réalisation ».
    Op,
    /// `postop`, « Usage / valorisation ».
    Postop,
}

impl AidStep {
    /// The step named by a label or slug, or `None`.
    pub fn from_label(s: &str) -> Option<AidStep> {
        match fold_label(s).as_str() {
            "preop" | "reflexion / conception" | "reflexion/conception" => Some(AidStep::Preop),
            "op" | "mise en oeuvre / realisation" | "mise en oeuvre/realisation" => {
                Some(AidStep::Op)
            }
            "postop" | "usage / valorisation" | "usage/valorisation" => Some(AidStep::Postop),
            _ => None,
        }
    }

    /// Aides-territoires' label.
    pub fn label_fr(self) -> &'static str {
        match self {
            AidStep::Preop => "Réflexion / conception",
            AidStep::Op => "Mise en œuvre / réalisation",
            AidStep::Postop => "Usage / valorisation",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            AidStep::Preop => "Design",
            AidStep::Op => "Implementation",
            AidStep::Postop => "Use and promotion",
        }
    }

    /// The stages this step serves. Design (0 need, 1 opportunity study,
    /// 2 finding a leader, 3 feasibility), implementation (3 feasibility and
    /// funding plan — the plan is built then —, 4 council decision, 5 funding
    /// applications, 6 works), use (7 operation, 8 evaluation). Stage 3
    /// belongs to both: a feasibility study is design, and the funding plan
    /// drawn then asks for the implementation aids.
    pub fn stages(self) -> std::ops::RangeInclusive<u8> {
        match self {
            AidStep::Preop => 0..=3,
            AidStep::Op => 3..=6,
            AidStep::Postop => 7..=8,
        }
    }

    /// True when this step serves `stage`.
    pub fn fits(self, stage: Stage) -> bool {
        self.stages().contains(&stage.number())
    }
}

/// How often an aid opens (`recurrence`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    /// `oneoff`, « Ponctuelle ».
    OneOff,
    /// `ongoing`, « Permanente ».
    Ongoing,
    /// `recurring`, « Récurrente ».
    Recurring,
}

impl Recurrence {
    /// The recurrence named by a label or slug, or `None`.
    pub fn from_label(s: &str) -> Option<Recurrence> {
        match fold_label(s).as_str() {
            "ponctuelle" | "oneoff" => Some(Recurrence::OneOff),
            "permanente" | "ongoing" => Some(Recurrence::Ongoing),
            "recurrente" | "recurring" => Some(Recurrence::Recurring),
            _ => None,
        }
    }

    /// Aides-territoires' label.
    pub fn label_fr(self) -> &'static str {
        match self {
            Recurrence::OneOff => "Ponctuelle",
            Recurrence::Ongoing => "Permanente",
            Recurrence::Recurring => "Récurrente",
        }
    }
}

/// Who an aid is for (`targeted_audiences`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Commune,
    Epci,
    Departement,
    Region,
    /// Collectivités d'outre-mer à statuts particuliers.
    Special,
    Association,
    PrivatePerson,
    Farmer,
    PrivateSector,
    /// Entreprises publiques locales (Sem, Spl, SemOp).
    PublicCompany,
    /// Établissements publics / services de l'État.
    PublicBody,
    Researcher,
}

impl Audience {
    /// The audiences a label names. Aides-territoires' labels and slugs
    /// (`FIELDS.md`), their singular forms as the import template writes
    /// them ("Commune", "Intercommunalité / Pays"), and the two labels of
    /// the Manche feed its importer mapped by hand ("EPCI à fiscalité
    /// propre" → epci, "Établissements publics (écoles, bibliothèques…)" →
    /// public_org). "Collectivité ou établissement public" (also in that
    /// feed) names every local authority and public body. Unknown: empty.
    pub fn from_label(s: &str) -> Vec<Audience> {
        use Audience::*;
        let f = fold_label(s);
        let one = match f.as_str() {
            "communes" | "commune" => Commune,
            "intercommunalites / pays"
            | "intercommunalite / pays"
            | "epci"
            | "epci a fiscalite propre"
            | "intercommunalites"
            | "intercommunalite" => Epci,
            "departements" | "departement" | "department" => Departement,
            "regions" | "region" => Region,
            "collectivites d outre mer a statuts particuliers" | "special" => Special,
            "associations" | "association" => Association,
            "particuliers" | "particulier" | "private_person" => PrivatePerson,
            "agriculteurs" | "agriculteur" | "farmer" => Farmer,
            "entreprises privees" | "entreprise privee" | "private_sector" => PrivateSector,
            "entreprises publiques locales (sem, spl, semop)" | "public_cies" => PublicCompany,
            "recherche" | "researcher" => Researcher,
            "collectivite ou etablissement public" => {
                return vec![Commune, Epci, Departement, Region, PublicBody]
            }
            "public_org" => PublicBody,
            _ if f.starts_with("etablissements publics")
                || f.starts_with("etablissement public") =>
            {
                PublicBody
            }
            _ => return Vec::new(),
        };
        vec![one]
    }

    /// French label.
    pub fn label_fr(self) -> &'static str {
        match self {
            Audience::Commune => "communes",
            Audience::Epci => "intercommunalités",
            Audience::Departement => "départements",
            Audience::Region => "régions",
            Audience::Special => "collectivités d'outre-mer à statut particulier",
            Audience::Association => "associations",
            Audience::PrivatePerson => "particuliers",
            Audience::Farmer => "agriculteurs",
            Audience::PrivateSector => "entreprises privées",
            Audience::PublicCompany => "entreprises publiques locales",
            Audience::PublicBody => "établissements publics",
            Audience::Researcher => "recherche",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Audience::Commune => "towns",
            Audience::Epci => "intercommunalities",
            Audience::Departement => "départements",
            Audience::Region => "régions",
            Audience::Special => "overseas collectivities with a special status",
            Audience::Association => "associations",
            Audience::PrivatePerson => "individuals",
            Audience::Farmer => "farmers",
            Audience::PrivateSector => "private companies",
            Audience::PublicCompany => "local public companies",
            Audience::PublicBody => "public bodies",
            Audience::Researcher => "research",
        }
    }
}

/// The scale of an aid's perimeter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PerimeterScale {
    /// France as a whole.
    National,
    /// Metropolitan France (every département but the overseas ones, 97x).
    Metropole,
    /// The overseas départements and collectivities (97x).
    Overseas,
    Region,
    Departement,
    Epci,
    Commune,
    /// A perimeter Bourgade cannot place (an Aides-territoires perimeter id,
    /// an ad-hoc area, a river basin, an ambiguous name…), or none given:
    /// such an aid is kept but never suggested.
    Unknown,
}

/// Where an aid applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AidPerimeter {
    pub scale: PerimeterScale,
    /// INSEE code of the région, département or commune, SIREN of the EPCI;
    /// `None` for the national, metropolitan, overseas and unknown scales.
    pub code: Option<String>,
    /// The perimeter as the file names it ("Drôme", "France", "71016").
    pub label: String,
}

impl AidPerimeter {
    /// An unknown perimeter, keeping what the file said.
    pub fn unknown(label: impl Into<String>) -> AidPerimeter {
        AidPerimeter {
            scale: PerimeterScale::Unknown,
            code: None,
            label: label.into(),
        }
    }

    /// True when the perimeter contains this commune.
    pub fn contains(&self, town: &Commune) -> bool {
        let code = self.code.as_deref();
        match self.scale {
            PerimeterScale::National => true,
            PerimeterScale::Metropole => !town.departement.starts_with("97"),
            PerimeterScale::Overseas => town.departement.starts_with("97"),
            PerimeterScale::Region => code == Some(town.region.as_str()),
            PerimeterScale::Departement => code == Some(town.departement.as_str()),
            PerimeterScale::Epci => code.is_some() && code == town.epci_code.as_deref(),
            PerimeterScale::Commune => code == Some(town.insee.as_str()),
            PerimeterScale::Unknown => false,
        }
    }
}

/// One aid, as imported from an Aides-territoires file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Aid {
    /// Bourgade's key of the aid, unique: `at:<id>` when the file gives an
    /// id, else `slug:<slug>`, else `nom:<folded name>` (the import template
    /// has neither id nor slug). Re-importing the same aid updates it.
    pub key: String,
    /// The id the file gives (Aides-territoires' id, or the partner feed's).
    pub at_id: Option<String>,
    pub slug: Option<String>,
    pub name: String,
    /// Backers ("porteurs d'aides"), as named in the file.
    pub financers: Vec<String>,
    pub instructors: Vec<String>,
    /// Programmes ("Petites villes de demain", "Fonds vert"…).
    pub programs: Vec<String>,
    pub audiences: Vec<Audience>,
    pub aid_types: Vec<AidType>,
    /// Kinds of aid the file names that are not Aides-territoires' (kept
    /// as written).
    pub other_aid_types: Vec<String>,
    pub perimeter: AidPerimeter,
    /// Steps of a project the aid serves; empty when the file does not say.
    pub steps: Vec<AidStep>,
    /// Categories ("Thème / Sous-thème" or sub-themes) as written.
    pub categories: Vec<String>,
    /// Bourgade's themes the categories name (see
    /// `exchange::aides::themes_of_category`).
    pub themes: Vec<Theme>,
    /// Expense types ("Dépenses d'investissement"…), as written.
    pub destinations: Vec<String>,
    pub start_date: Option<NaiveDate>,
    pub predeposit_date: Option<NaiveDate>,
    pub submission_deadline: Option<NaiveDate>,
    pub recurrence: Option<Recurrence>,
    /// Grant rate bounds, in percent (0–100).
    pub rate_min: Option<u8>,
    pub rate_max: Option<u8>,
    pub is_call_for_project: Option<bool>,
    pub origin_url: String,
    pub application_url: String,
    /// The description as plain text (tags removed, entities decoded).
    pub description: String,
}

impl Aid {
    /// True when the submission deadline has passed on `today`.
    pub fn is_closed(&self, today: NaiveDate) -> bool {
        self.submission_deadline.is_some_and(|d| d < today)
    }

    /// Every problem of the aid (name, rates, dates, URLs).
    pub fn validate(&self) -> Vec<Problem> {
        let mut ps = Vec::new();
        if self.name.trim().is_empty() {
            ps.push(Problem::new(
                "name",
                "Nom de l'aide : ce champ est obligatoire",
                "Aid name: this field is required",
            ));
        }
        for (field, fr, en, v) in [
            (
                "rate_min",
                "Taux de subvention min.",
                "Minimum grant rate",
                self.rate_min,
            ),
            (
                "rate_max",
                "Taux de subvention max.",
                "Maximum grant rate",
                self.rate_max,
            ),
        ] {
            if let Some(v) = v {
                if v > 100 {
                    ps.push(Problem::new(
                        field,
                        format!("{fr} : {v} % dépasse 100 %"),
                        format!("{en}: {v} % is above 100 %"),
                    ));
                }
            }
        }
        if let (Some(lo), Some(hi)) = (self.rate_min, self.rate_max) {
            if lo > hi {
                ps.push(Problem::new(
                    "rate_min",
                    format!("Taux de subvention : le minimum ({lo} %) dépasse le maximum ({hi} %)"),
                    format!("Grant rate: the minimum ({lo} %) is above the maximum ({hi} %)"),
                ));
            }
        }
        if let (Some(start), Some(end)) = (self.start_date, self.submission_deadline) {
            if end < start {
                ps.push(Problem::new(
                    "submission_deadline",
                    format!("Date de clôture : {end} est avant la date d'ouverture ({start})"),
                    format!("Closing date: {end} is before the opening date ({start})"),
                ));
            }
        }
        for (field, fr, en, url) in [
            (
                "origin_url",
                "URL d'origine",
                "Origin URL",
                &self.origin_url,
            ),
            (
                "application_url",
                "Lien vers la démarche en ligne",
                "Application link",
                &self.application_url,
            ),
        ] {
            if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
                let shown: String = url.chars().take(60).collect();
                ps.push(Problem::new(
                    field,
                    format!("{fr} : « {shown} » n'est pas une adresse web (http:// ou https://)"),
                    format!("{en}: \"{shown}\" is not a web address (http:// or https://)"),
                ));
            }
        }
        ps
    }
}

/// An aid as stored, with when it was first and last imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct StoredAid {
    /// Row number in the database (stable across re-imports of the aid).
    pub id: i64,
    pub aid: Aid,
    pub imported_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

//! Closed vocabularies (stage, health, themes…). Each is a Rust enum whose
//! code is the one used in the database, the exchange formats and
//! `data/reference/taxonomy.json` (which holds the FR/EN labels; a test checks
//! both sides list the same codes).

use crate::error::Problem;

/// Declares a code enum: `as_str`, `parse`, `ALL`, serde as its code with a
/// French error message naming the accepted values.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $vocab:literal, $what_fr:literal, $what_en:literal { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ts_rs::TS)]
        pub enum $name { $($(#[$vmeta])* #[ts(rename = $code)] $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Name of the vocabulary in taxonomy.json.
            pub const VOCABULARY: &'static str = $vocab;

            /// The stable code.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Parses a code; the error names the field and the accepted codes.
            pub fn parse(field: &str, s: &str) -> Result<$name, Problem> {
                match s.trim() {
                    $($code => Ok($name::$variant),)+
                    other => Err(unknown_code(field, $what_fr, $what_en, other, &[$($code),+])),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(self.as_str()) }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse($what_fr, &s).map_err(|p| serde::de::Error::custom(p.fr))
            }
        }
    };
}

pub(crate) fn unknown_code(
    field: &str,
    what_fr: &str,
    what_en: &str,
    got: &str,
    allowed: &[&str],
) -> Problem {
    let shown: String = got.chars().take(60).collect();
    Problem::new(
        field,
        format!(
            "{what_fr} : valeur inconnue « {shown} » (valeurs admises : {})",
            allowed.join(", ")
        ),
        format!(
            "{what_en}: unknown value \"{shown}\" (accepted: {})",
            allowed.join(", ")
        ),
    )
}

code_enum!(
    /// Health of a project, beside its stage.
    Health, "health", "État de santé", "Health" {
        OnTrack = "on_track", Late = "late", Paused = "paused", Blocked = "blocked",
        ToDiscuss = "to_discuss", Abandoned = "abandoned",
    }
);
code_enum!(
    /// Priority the town gives a project.
    Priority, "priority", "Priorité", "Priority" { High = "high", Medium = "medium", Low = "low" }
);
code_enum!(
    /// Themes named by the programme and its sources.
    Theme, "themes", "Thème", "Theme" {
        Commerce = "commerce", Housing = "housing", Mobility = "mobility", Crafts = "crafts",
        Heritage = "heritage", ThirdPlaces = "third_places", CircularEconomy = "circular_economy",
        Food = "food", Health = "health", Culture = "culture", Employment = "employment",
        Energy = "energy", PublicServices = "public_services", Environment = "environment",
    }
);
code_enum!(
    /// Axes of the ORT (opération de revitalisation de territoire).
    Axis, "axes", "Axe ORT", "ORT axis" {
        Housing = "housing", RetailEconomy = "retail_economy", MobilityAccess = "mobility_access",
        PublicSpaceHeritage = "public_space_heritage", FacilitiesServices = "facilities_services",
    }
);
code_enum!(
    /// Who funds a funding line.
    Funder, "funders", "Financeur", "Funder" {
        State = "state", Region = "region", Departement = "departement", Epci = "epci", Eu = "eu",
        BanqueTerritoires = "banque_territoires", Private = "private", OwnFunds = "own_funds",
    }
);
code_enum!(
    /// Kind of money a funding line brings.
    FundingKind, "funding_kinds", "Nature de l'aide", "Kind of aid" {
        Grant = "grant", Loan = "loan", RepayableAdvance = "repayable_advance", Engineering = "engineering",
    }
);
code_enum!(
    /// Investment or operating expense.
    ExpenseNature, "expense_natures", "Section (investissement ou fonctionnement)", "Expense nature" {
        Investment = "investment", Operating = "operating",
    }
);
code_enum!(
    /// Where a funding request stands.
    FundingStatus, "funding_statuses", "Statut du financement", "Funding status" {
        ToRequest = "to_request", Filed = "filed", Awarded = "awarded", Refused = "refused",
        PartiallyPaid = "partially_paid", Paid = "paid",
    }
);

impl FundingStatus {
    /// True when the money is secured: awarded, partially paid or paid.
    /// The one answer to "is this money secured?" for the plan, the
    /// dashboard, the briefs and the finance table.
    pub fn is_secured(self) -> bool {
        matches!(
            self,
            FundingStatus::Awarded | FundingStatus::PartiallyPaid | FundingStatus::Paid
        )
    }
}

code_enum!(
    /// Who owns the operation (*maître d'ouvrage*). The owner's minimum
    /// share (CGCT art. L1111-10 III) binds local authorities and their
    /// groupings only: the first three codes.
    #[derive(Default)]
    OwnerKind, "owner_kinds", "Maître d'ouvrage", "Project owner" {
        #[default]
        Commune = "commune", Epci = "epci", OtherPublic = "other_public",
        Association = "association", Cooperative = "cooperative", Company = "company",
        OtherPrivate = "other_private",
    }
);

impl OwnerKind {
    /// True for a local authority or a grouping of local authorities (a
    /// commune, an EPCI, a syndicat, a département…): the owners that
    /// CGCT art. L1111-10 III binds.
    pub fn is_local_authority(self) -> bool {
        matches!(
            self,
            OwnerKind::Commune | OwnerKind::Epci | OwnerKind::OtherPublic
        )
    }
}

code_enum!(
    /// The exception to the owner's minimum share (CGCT art. L1111-10 III)
    /// that the operation falls under, if any.
    #[derive(Default)]
    Derogation, "derogations", "Dérogation à la participation minimale", "Exception to the owner's minimum share" {
        #[default]
        NoDerogation = "none", ProtectedMonument = "protected_monument",
        PublicCalamity = "public_calamity", UrbanRenewal2003 = "urban_renewal_2003",
        UnprotectedHeritage = "unprotected_heritage", SchoolEnergyRenovation = "school_energy_renovation",
    }
);

code_enum!(
    /// Where the contact with a linked SSE actor stands.
    ContactStatus, "contact_statuses", "Statut du contact", "Contact status" {
        NotContacted = "not_contacted", Contacted = "contacted", InDiscussion = "in_discussion",
        Engaged = "engaged", Declined = "declined",
    }
);
code_enum!(
    /// Kind of SSE support actor.
    ActorKind, "actor_kinds", "Type d'acteur", "Actor kind" {
        Agency = "agency", FabriqueInitiatives = "fabrique_initiatives", Financer = "financer",
        Cress = "cress", Federation = "federation", Dla = "dla", CooperativeUnion = "cooperative_union",
        ThirdPlaceNetwork = "third_place_network", Incubator = "incubator", Network = "network",
        Local = "local",
    }
);
code_enum!(
    /// Where an actor operates.
    Scope, "scopes", "Périmètre", "Scope" {
        National = "national", Regional = "regional", Departemental = "departemental", Local = "local",
    }
);
code_enum!(
    /// What an actor provides.
    Service, "services", "Service", "Service" {
        Engineering = "engineering", Financing = "financing", Training = "training",
        Premises = "premises", Network = "network",
    }
);
code_enum!(
    /// Legal forms of SSE organisations.
    LegalForm, "legal_forms", "Forme juridique", "Legal form" {
        Association = "association", Scic = "scic", Scop = "scop", Cooperative = "cooperative",
        EssCompany = "ess_company", Municipal = "municipal", Foundation = "foundation",
    }
);

code_enum!(
    /// Category of an expense line of the funding plan (*poste de dépenses*).
    ExpenseCategory, "expense_categories", "Catégorie de dépense", "Expense category" {
        Studies = "studies", Acquisition = "acquisition", Works = "works",
        Equipment = "equipment", Other = "other",
    }
);
code_enum!(
    /// What the operation is, as grant application forms ask it.
    OperationKind, "operation_kinds", "Nature de l'opération", "Kind of operation" {
        Works = "works", Acquisition = "acquisition", WorksAndAcquisition = "works_and_acquisition",
        Studies = "studies", Equipment = "equipment",
    }
);
code_enum!(
    /// A zoning the project's site lies in, which application forms ask about.
    Zoning, "zonings", "Zonage", "Zoning" {
        Qpv = "qpv", Frr = "frr", Spr = "spr", AbfOpinion = "abf_opinion",
    }
);
code_enum!(
    /// A contract or programme the project belongs to.
    Contract, "contracts", "Contrat", "Contract" {
        Crte = "crte", Pvd = "pvd", Ort = "ort", Opah = "opah", VillagesAvenir = "villages_avenir",
    }
);
code_enum!(
    /// The environmental objectives of the national DETR/DSIL application
    /// form (démarche « Demande de subvention au titre de la DETR et de la
    /// DSIL », see `shared/interop/detr-dsil-gsl`), the French wording of the
    /// six objectives of Regulation (EU) 2020/852, art. 9.
    EcoObjective, "eco_objectives", "Objectif de transition écologique", "Ecological-transition objective" {
        ClimateMitigation = "climate_mitigation", ClimateAdaptation = "climate_adaptation",
        Water = "water", CircularEconomy = "circular_economy", Pollution = "pollution",
        Biodiversity = "biodiversity",
    }
);

code_enum!(
    /// Which way an indicator should move.
    Direction, "directions", "Sens de l'indicateur", "Indicator direction" {
        Up = "up", Down = "down",
    }
);
code_enum!(
    /// A phase of a project.
    PhaseKind, "phase_kinds", "Phase", "Phase" {
        Studies = "studies", Consultation = "consultation", Works = "works",
        Operation = "operation", Other = "other",
    }
);
code_enum!(
    /// A payment of a grant.
    PaymentKind, "payment_kinds", "Versement", "Payment" {
        Advance = "advance", Instalment = "instalment", Balance = "balance",
    }
);

/// A project's stage, 0 (need identified) to 8 (evaluation / closed).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize, ts_rs::TS,
)]
pub struct Stage(#[ts(type = "number")] u8);

impl Stage {
    /// The last stage.
    pub const MAX: u8 = 8;
    /// Stage of council decision (délibération).
    pub const COUNCIL_DECISION: Stage = Stage(4);

    /// Every stage, in order.
    pub fn all() -> impl Iterator<Item = Stage> {
        (0..=Self::MAX).map(Stage)
    }

    /// Checks the range.
    pub fn new(n: i64) -> Result<Stage, Problem> {
        if (0..=Self::MAX as i64).contains(&n) {
            Ok(Stage(n as u8))
        } else {
            Err(Problem::new(
                "stage",
                format!("Étape : {n} n'existe pas (de 0, besoin repéré, à 8, évaluation)"),
                format!("Stage: {n} does not exist (0, need identified, to 8, evaluation)"),
            ))
        }
    }

    /// The stage number.
    pub fn number(self) -> u8 {
        self.0
    }
}

impl<'de> serde::Deserialize<'de> for Stage {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(d)?;
        Stage::new(n).map_err(|p| serde::de::Error::custom(p.fr))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_code_names_field_and_choices() {
        let p = Health::parse("health", "fine").unwrap_err();
        assert!(
            p.fr.contains("État de santé")
                && p.fr.contains("« fine »")
                && p.fr.contains("on_track"),
            "{}",
            p.fr
        );
    }

    #[test]
    fn stage_range() {
        assert!(Stage::new(8).is_ok());
        assert!(Stage::new(9).unwrap_err().fr.contains("Étape"));
        assert!(Stage::new(-1).is_err());
    }
}

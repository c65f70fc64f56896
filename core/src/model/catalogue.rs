//! Reference things: communes and followed towns, SSE actors, inspiring
//! solutions, funding schemes and the FR/EN labels of every code.

use super::codes::*;
use super::validate::MAX_TEXT_CHARS;
use crate::error::Problem;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A current French commune, from the official geography.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Commune {
    pub insee: String,
    pub name: String,
    pub departement: String,
    pub departement_name: String,
    pub region: String,
    pub region_name: String,
    pub population: Option<i64>,
    pub epci_code: Option<String>,
    pub epci_name: Option<String>,
    pub postcodes: Vec<String>,
}

/// The programme's population ceiling: *Petites villes de demain* serves
/// towns under 20,000 inhabitants (larger ones: *Action cœur de ville*).
pub const PVD_MAX_POPULATION: i64 = 20_000;

impl Commune {
    /// True when the commune is larger than the programme's ceiling; the app
    /// warns but lets the manager follow it.
    pub fn above_pvd_ceiling(&self) -> bool {
        self.population.is_some_and(|p| p > PVD_MAX_POPULATION)
    }
}

/// A commune the manager follows (a manager may follow several).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Town {
    #[serde(flatten)]
    pub commune: Commune,
    /// True for the demo town shipped with the app.
    pub is_demo: bool,
}

/// An SSE support organisation, from the catalogue or added by the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub scope: Scope,
    /// Region codes (regional), département codes (départemental) or EPCI
    /// codes (local); empty for national actors.
    #[serde(default)]
    pub territories: Vec<String>,
    #[serde(default)]
    pub themes: Vec<Theme>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub services: Vec<Service>,
    #[serde(default)]
    pub legal_forms: Vec<LegalForm>,
    #[serde(default)]
    pub description_fr: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub source: String,
    /// The day the entry was last checked against its source (catalogue
    /// entries; `None` for the user's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub verified_on: Option<chrono::NaiveDate>,
    /// True for a catalogue entry a later catalogue no longer lists: kept so
    /// the projects linked to it keep their links, never suggested again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub retired: bool,
}

/// Problems with an actor the user enters.
pub fn validate_actor(a: &Actor) -> Vec<crate::error::Problem> {
    use super::validate::{f, required, text};
    let mut out = Vec::new();
    let id = f("id", "Identifiant de l'acteur", "Actor id");
    required(id, &a.id, &mut out);
    if !a
        .id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        out.push(crate::error::Problem::new(
            "id",
            format!("Identifiant de l'acteur : « {} » ne doit contenir que des lettres minuscules sans accent, des chiffres et des tirets", a.id),
            format!("Actor id: \"{}\" may only hold lower-case ASCII letters, digits and dashes", a.id),
        ));
    }
    let name = f("name", "Nom de l'acteur", "Actor name");
    required(name, &a.name, &mut out);
    text(name, &a.name, 500, &mut out);
    for (field, value) in [
        (
            f("description_fr", "Description", "Description"),
            &a.description_fr,
        ),
        (
            f(
                "description_en",
                "Description (anglais)",
                "Description (English)",
            ),
            &a.description_en,
        ),
        (f("source", "Source", "Source"), &a.source),
    ] {
        text(field, value, super::MAX_TEXT_CHARS, &mut out);
    }
    out
}

/// An SSE solution a town can draw on: a documented example or an archetype.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Solution {
    pub id: String,
    pub title_fr: String,
    pub title_en: String,
    pub summary_fr: String,
    pub summary_en: String,
    #[serde(default)]
    pub themes: Vec<Theme>,
    #[serde(default)]
    pub legal_forms: Vec<LegalForm>,
    #[serde(default)]
    pub stages_useful: Vec<Stage>,
    pub population_min: Option<i64>,
    pub population_max: Option<i64>,
    pub example_town: Option<String>,
    pub example_insee: Option<String>,
    #[serde(default)]
    pub facts_fr: Vec<String>,
    #[serde(default)]
    pub facts_en: Vec<String>,
    pub source: String,
}

/// A public funding scheme (DETR, DSIL, Fonds vert…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct FundingScheme {
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    pub funder: Funder,
    pub kinds: Vec<FundingKind>,
    /// True when the scheme only funds investment (DETR, DSIL).
    pub investment_only: bool,
    pub usual_rate_max_percent: Option<f64>,
    pub description_fr: String,
    pub description_en: String,
    pub website: Option<String>,
    pub source: String,
    /// When an awarded grant lapses, where the text is known; `None`
    /// otherwise (no rule is guessed).
    #[serde(default)]
    pub lapse: Option<LapseRule>,
    /// The day the entry was last checked against its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub verified_on: Option<chrono::NaiveDate>,
    /// True for a scheme a later catalogue no longer lists (kept for the
    /// funding lines that name it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub retired: bool,
}

/// The periods after which a scheme's grant lapses, from its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct LapseRule {
    /// Months from the grant's notification to the start of the operation.
    pub start_months: u32,
    /// The longest extension of that period the funder may grant, in months.
    pub start_extension_months: u32,
    /// Months from the start of the operation to its completion.
    pub completion_months: u32,
    /// The longest extension of that period, in months.
    pub completion_extension_months: u32,
    /// The text that sets these periods.
    pub basis: String,
}

/// The FR/EN label of a code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Label {
    pub code: String,
    pub fr: String,
    pub en: String,
}

impl Label {
    /// The label in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.fr, &self.en)
    }
}

/// Every vocabulary's labels, as in `data/reference/taxonomy.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Taxonomy {
    pub catalogue_version: u32,
    pub stages: Vec<Label>,
    pub health: Vec<Label>,
    pub priority: Vec<Label>,
    pub themes: Vec<Label>,
    pub axes: Vec<Label>,
    pub funders: Vec<Label>,
    pub funding_kinds: Vec<Label>,
    pub expense_natures: Vec<Label>,
    pub funding_statuses: Vec<Label>,
    pub contact_statuses: Vec<Label>,
    pub actor_kinds: Vec<Label>,
    pub scopes: Vec<Label>,
    pub services: Vec<Label>,
    pub legal_forms: Vec<Label>,
    pub owner_kinds: Vec<Label>,
    pub derogations: Vec<Label>,
    pub expense_categories: Vec<Label>,
    pub operation_kinds: Vec<Label>,
    pub zonings: Vec<Label>,
    pub contracts: Vec<Label>,
    pub eco_objectives: Vec<Label>,
    pub directions: Vec<Label>,
    pub phase_kinds: Vec<Label>,
    pub payment_kinds: Vec<Label>,
}

impl Taxonomy {
    /// The labels of one vocabulary by its name in taxonomy.json.
    pub fn vocabulary(&self, name: &str) -> Option<&[Label]> {
        Some(match name {
            "stages" => &self.stages,
            "health" => &self.health,
            "priority" => &self.priority,
            "themes" => &self.themes,
            "axes" => &self.axes,
            "funders" => &self.funders,
            "funding_kinds" => &self.funding_kinds,
            "expense_natures" => &self.expense_natures,
            "funding_statuses" => &self.funding_statuses,
            "contact_statuses" => &self.contact_statuses,
            "actor_kinds" => &self.actor_kinds,
            "scopes" => &self.scopes,
            "services" => &self.services,
            "legal_forms" => &self.legal_forms,
            "owner_kinds" => &self.owner_kinds,
            "derogations" => &self.derogations,
            "expense_categories" => &self.expense_categories,
            "operation_kinds" => &self.operation_kinds,
            "zonings" => &self.zonings,
            "contracts" => &self.contracts,
            "eco_objectives" => &self.eco_objectives,
            "directions" => &self.directions,
            "phase_kinds" => &self.phase_kinds,
            "payment_kinds" => &self.payment_kinds,
            _ => return None,
        })
    }

    /// The label of `code` in vocabulary `name`, or the code itself.
    pub fn label<'a>(&'a self, name: &str, code: &'a str, lang: Lang) -> &'a str {
        self.vocabulary(name)
            .and_then(|v| v.iter().find(|l| l.code == code))
            .map(|l| l.text(lang))
            .unwrap_or(code)
    }
}

/// The labels of every code (`data/reference/taxonomy.json`, embedded),
/// parsed once. They belong to the vocabularies of [`super::codes`]: a test
/// checks both list the same codes.
pub fn taxonomy() -> &'static Taxonomy {
    static T: std::sync::OnceLock<Taxonomy> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        serde_json::from_str(include_str!("../../../data/reference/taxonomy.json"))
            .expect("taxonomy.json is checked by tests")
    })
}

/// Problems with a solution the user records (empty when valid). Beside
/// [`validate_actor`].
pub fn validate_solution(s: &Solution) -> Vec<Problem> {
    let mut out = Vec::new();
    if s.id.trim().is_empty() {
        out.push(Problem::new(
            "id",
            "Identifiant de la solution : ce champ est obligatoire",
            "Solution id: this field is required",
        ));
    } else if s.id.len() > 100
        || !s
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        out.push(Problem::new(
            "id",
            format!("Identifiant de la solution : « {} » ne doit contenir que des lettres minuscules sans accent, des chiffres et des tirets (100 au plus)", s.id),
            format!("Solution id: \"{}\" may only hold lower-case ASCII letters, digits and dashes (100 at most)", s.id),
        ));
    }
    if s.title_fr.trim().is_empty() {
        out.push(Problem::new(
            "title_fr",
            "Titre de la solution : ce champ est obligatoire",
            "Solution title: this field is required",
        ));
    }
    let texts: [(&str, &str, &str, &str, usize); 5] = [
        (
            "title_fr",
            "Titre de la solution",
            "Solution title",
            &s.title_fr,
            500,
        ),
        (
            "title_en",
            "Titre (anglais)",
            "Title (English)",
            &s.title_en,
            500,
        ),
        (
            "summary_fr",
            "Résumé",
            "Summary",
            &s.summary_fr,
            MAX_TEXT_CHARS,
        ),
        (
            "summary_en",
            "Résumé (anglais)",
            "Summary (English)",
            &s.summary_en,
            MAX_TEXT_CHARS,
        ),
        ("source", "Source", "Source", &s.source, MAX_TEXT_CHARS),
    ];
    let facts = s
        .facts_fr
        .iter()
        .chain(&s.facts_en)
        .map(|f| ("facts", "Fait", "Fact", f.as_str(), MAX_TEXT_CHARS));
    for (key, fr, en, value, max) in texts.into_iter().chain(facts) {
        let n = value.chars().count();
        if n > max {
            out.push(Problem::new(
                key,
                format!("{fr} : {n} caractères, au plus {max} sont acceptés"),
                format!("{en}: {n} characters, at most {max} are accepted"),
            ));
        }
        if value.contains('\0') {
            out.push(Problem::new(
                key,
                format!(
                    "{fr} : le texte contient un caractère nul, qui ne peut pas être enregistré"
                ),
                format!("{en}: the text contains a NUL character, which cannot be stored"),
            ));
        }
    }
    if s.population_min.is_some_and(|m| m < 0) || s.population_max.is_some_and(|m| m < 0) {
        out.push(Problem::new(
            "population_min",
            "Taille de commune : une population ne peut pas être négative",
            "Town size: a population cannot be negative",
        ));
    }
    if let (Some(min), Some(max)) = (s.population_min, s.population_max) {
        if min > max {
            out.push(Problem::new(
                "population_max",
                format!(
                    "Taille de commune : le maximum ({}) est inférieur au minimum ({})",
                    crate::text::group_thousands(max, '\u{202f}'),
                    crate::text::group_thousands(min, '\u{202f}')
                ),
                format!("Town size: the maximum ({max}) is below the minimum ({min})"),
            ));
        }
    }
    out
}

/// The shipped catalogues, as one versioned unit.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Highest `catalogue_version` of the shipped files; a database holding
    /// an older one is refreshed on start.
    pub version: u32,
    pub taxonomy: Taxonomy,
    pub actors: Vec<Actor>,
    pub solutions: Vec<Solution>,
    pub schemes: Vec<FundingScheme>,
}

/// The official geography as shipped.
#[derive(Debug, Clone)]
pub struct Geography {
    /// Version key: the source package version (`@etalab/decoupage-administratif`)
    /// and the extract's size, so that a regenerated extract reloads.
    pub version: String,
    pub communes: Vec<Commune>,
}

//! "Who can help with this project now, and which town has done it before?"
//! Ranks SSE support actors ([`actors`]) and inspiring solutions
//! ([`solutions`]) for one project, from its themes, stage, town and the legal
//! forms it considers.
//!
//! Everything here is a pure function over plain data: the store loads the
//! catalogue once (`Store::suggest_actors`), and a benchmark ranks 2,000 actors
//! for 50,000 projects without touching SQLite. Scores are integer points, each
//! point carried by a [`Reason`] in French and English, so that the same data
//! always gives the same ranking and the user can see why.

pub mod actors;
pub mod aids;
pub mod solutions;

pub use crate::model::validate_solution;
pub use actors::{suggest_actors, ActorSuggestion};
pub use solutions::{
    solution_from_project, solution_id_for, suggest_solutions, SolutionSuggestion,
};

use crate::model::{Commune, LegalForm, ProjectFields, Service, Stage, Theme};
use crate::text::fold;
use serde::{Deserialize, Serialize};

/// What the ranking knows about a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ProjectContext {
    pub themes: Vec<Theme>,
    pub stage: Stage,
    /// The project's town, with its région, département and EPCI.
    pub town: Commune,
    /// Legal forms considered for the structure that will run the project
    /// (found in the project's texts by [`likely_legal_forms`], or given).
    pub legal_forms: Vec<LegalForm>,
    /// Services the project needs now ([`needed_services`] of its stage unless
    /// a [`SuggestFilter`] names one).
    pub services: Vec<Service>,
}

impl ProjectContext {
    /// The context of a project in `town`: its themes and stage, the legal
    /// forms its texts mention, the services its stage usually needs.
    pub fn of_project(fields: &ProjectFields, town: Commune) -> ProjectContext {
        ProjectContext {
            themes: fields.themes.clone(),
            stage: fields.stage,
            town,
            legal_forms: likely_legal_forms(fields),
            services: needed_services(fields.stage).to_vec(),
        }
    }

    /// The services to match: the filter's, else the context's.
    pub(crate) fn wanted_services(&self, filter: &SuggestFilter) -> Vec<Service> {
        match filter.service {
            Some(s) => vec![s],
            None => self.services.clone(),
        }
    }
}

/// What the user narrows the suggestions to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct SuggestFilter {
    /// Only actors offering this service; it also replaces the services the
    /// stage needs in the score.
    pub service: Option<Service>,
    /// At most this many new suggestions (already linked entries come on top
    /// of it). `None`: all.
    pub limit: Option<usize>,
}

/// Why a suggestion scored: one part of the score, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Reason {
    pub code: ReasonCode,
    /// Points this reason adds to the score (0 for a plain remark).
    pub points: u32,
    /// Short French phrase ("intervient en Bretagne").
    pub fr: String,
    /// Its English twin.
    pub en: String,
}

/// The kind of a [`Reason`], for programs (icons, filters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    /// Where the actor operates (or where the solution's example is).
    Territory,
    /// Themes shared with the project.
    Theme,
    /// Helps at the project's current stage.
    Stage,
    /// Helps at the stage after the current one.
    NextStage,
    /// The actor's kind suits this stage, legal form or theme.
    Kind,
    /// A legal form shared with the project.
    LegalForm,
    /// Services the project needs that the actor offers.
    Services,
    /// The solution's town size band.
    Population,
}

impl Reason {
    pub(crate) fn new(code: ReasonCode, points: u32, fr: String, en: String) -> Reason {
        Reason {
            code,
            points,
            fr,
            en,
        }
    }
}

/// The services a project usually needs at a stage: engineering and a network
/// to make a project emerge (0–2), financing and engineering to build and fund
/// it (3–5), training and a network once it is built and running (6–8).
pub fn needed_services(stage: Stage) -> &'static [Service] {
    match stage.number() {
        0..=2 => &[Service::Engineering, Service::Network],
        3..=5 => &[Service::Financing, Service::Engineering],
        _ => &[Service::Training, Service::Network],
    }
}

/// The legal forms a project's texts mention (title, summary, context,
/// proposal, lead), in the vocabulary's order: "une association ou une SCIC"
/// gives both. Whole words only, accents ignored.
pub fn likely_legal_forms(fields: &ProjectFields) -> Vec<LegalForm> {
    let text = fold(&format!(
        "{} {} {} {} {}",
        fields.title, fields.summary, fields.context, fields.proposal, fields.lead
    ));
    let words: std::collections::HashSet<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let any = |ws: &[&str]| ws.iter().any(|w| words.contains(w));
    LegalForm::ALL
        .iter()
        .copied()
        .filter(|form| match form {
            LegalForm::Association => any(&[
                "association",
                "associations",
                "associatif",
                "associative",
                "associatifs",
                "associatives",
            ]),
            LegalForm::Scic => any(&["scic", "scics"]),
            LegalForm::Scop => any(&["scop", "scops"]),
            LegalForm::Cooperative => any(&["cooperative", "cooperatives"]),
            LegalForm::EssCompany => false,
            LegalForm::Municipal => any(&["regie"]),
            LegalForm::Foundation => any(&["fondation"]),
        })
        .collect()
}

/// The label of a code, with its first letter in lower case when the label
/// is an ordinary word ("Tiers-lieux" → "tiers-lieux", "SCIC" stays).
pub(crate) fn label_in_text(vocabulary: &str, code: &str, lang: crate::Lang) -> String {
    let label = crate::reference::taxonomy().label(vocabulary, code, lang);
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_lowercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_owned(),
    }
}

/// The stage's label in both languages ("Étude d'opportunité").
pub(crate) fn stage_label(stage: Stage) -> (&'static str, &'static str) {
    let code = stage.number().to_string();
    crate::reference::taxonomy()
        .stages
        .iter()
        .find(|l| l.code == code)
        .map_or(("?", "?"), |l| (l.fr.as_str(), l.en.as_str()))
}

/// "en Bretagne", "dans les Hauts-de-France", "à La Réunion": French wants
/// the right preposition before a région's name.
pub(crate) fn in_region_fr(name: &str) -> String {
    match name {
        "La Réunion"
        | "Mayotte"
        | "Saint-Pierre-et-Miquelon"
        | "Saint-Barthélemy"
        | "Saint-Martin"
        | "Wallis et Futuna" => format!("à {name}"),
        "Hauts-de-France" | "Pays de la Loire" | "Terres australes et antarctiques françaises" => {
            format!("dans les {name}")
        }
        "Grand Est" => format!("dans le {name}"),
        "" => "dans la région".to_owned(),
        _ => format!("en {name}"),
    }
}

/// An integer with French digit groups ("7 412", narrow no-break spaces).
pub(crate) fn thousands_fr(n: i64) -> String {
    crate::text::group_thousands(n, '\u{202f}')
}

/// Orders suggestions: higher score first, then by name without regard to
/// case or accents, then by id, so that equal scores always come out in the
/// same order whatever the order of the input.
pub(crate) fn rank<'a, T>(
    items: &mut [T],
    score: impl Fn(&T) -> u32,
    name: impl Fn(&T) -> (&'a str, &'a str),
) {
    items.sort_by(|a, b| {
        let ((na, ia), (nb, ib)) = (name(a), name(b));
        score(b)
            .cmp(&score(a))
            .then_with(|| cmp_folded(na, nb))
            .then_with(|| ia.cmp(ib))
    });
}

/// Compares two names with case and accents ignored (like [`fold`], without
/// its ligature and punctuation rules), without allocating: many actors tie
/// on score, and this runs for every project.
pub(crate) fn cmp_folded(a: &str, b: &str) -> std::cmp::Ordering {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    if a.is_ascii() && b.is_ascii() {
        return a
            .bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(b.bytes().map(|c| c.to_ascii_lowercase()));
    }
    a.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .cmp(
            b.nfkd()
                .filter(|c| !is_combining_mark(*c))
                .flat_map(char::to_lowercase),
        )
}

/// Keeps the `limit` best of `items` (and every item tied with the last one
/// kept, until the final sort decides by name), cheaply: most candidates are
/// dropped on their score alone before any name is compared.
pub(crate) fn keep_best<T>(items: &mut Vec<T>, limit: Option<usize>, score: impl Fn(&T) -> u32) {
    let Some(k) = limit else { return };
    if k == 0 {
        items.clear();
        return;
    }
    if items.len() <= k {
        return;
    }
    items.select_nth_unstable_by_key(k - 1, |it| std::cmp::Reverse(score(it)));
    let threshold = score(&items[k - 1]);
    items.retain(|it| score(it) >= threshold);
}

#[cfg(test)]
pub(crate) mod testing {
    //! Fixtures shared by the actor and solution tests.
    use super::*;

    /// A town with readable names: Carhaix-Plouguer in the Finistère, Bretagne.
    pub(crate) fn carhaix() -> Commune {
        Commune {
            insee: "29024".into(),
            name: "Carhaix-Plouguer".into(),
            departement: "29".into(),
            departement_name: "Finistère".into(),
            region: "53".into(),
            region_name: "Bretagne".into(),
            population: Some(7412),
            epci_code: Some("242900645".into()),
            epci_name: Some("Poher communauté".into()),
            postcodes: vec!["29270".into()],
        }
    }

    /// A project context with no legal form and the stage's usual services.
    pub(crate) fn context(themes: &[Theme], stage: u8, town: Commune) -> ProjectContext {
        let stage = Stage::new(stage as i64).unwrap();
        ProjectContext {
            themes: themes.to_vec(),
            stage,
            town,
            legal_forms: vec![],
            services: needed_services(stage).to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_are_read_from_whole_words() {
        let fields = ProjectFields {
            title: "Café".into(),
            proposal: "Gestion confiée à une association ou une SCIC réunissant les usagers".into(),
            ..Default::default()
        };
        assert_eq!(
            likely_legal_forms(&fields),
            vec![LegalForm::Association, LegalForm::Scic],
            "both forms the text hesitates between are considered"
        );
        let fields = ProjectFields {
            title: "Scicomore et coopérer".into(),
            ..Default::default()
        };
        assert!(
            likely_legal_forms(&fields).is_empty(),
            "a word merely starting like a form is no form"
        );
        let fields = ProjectFields {
            summary: "Une COOPÉRATIVE d'habitants".into(),
            ..Default::default()
        };
        assert_eq!(
            likely_legal_forms(&fields),
            vec![LegalForm::Cooperative],
            "case and accents do not matter"
        );
    }

    #[test]
    fn each_stage_needs_two_services() {
        assert_eq!(
            needed_services(Stage::new(1).unwrap()),
            &[Service::Engineering, Service::Network],
            "emergence needs engineering and contacts"
        );
        assert_eq!(
            needed_services(Stage::new(5).unwrap()),
            &[Service::Financing, Service::Engineering],
            "funding applications need financers"
        );
        assert_eq!(
            needed_services(Stage::new(8).unwrap()),
            &[Service::Training, Service::Network],
            "a running project needs training and peers"
        );
    }

    #[test]
    fn french_prepositions_before_region_names() {
        assert_eq!(
            in_region_fr("Bretagne"),
            "en Bretagne",
            "feminine région: en"
        );
        assert_eq!(
            in_region_fr("Hauts-de-France"),
            "dans les Hauts-de-France",
            "plural name: dans les"
        );
        assert_eq!(
            in_region_fr("Grand Est"),
            "dans le Grand Est",
            "masculine: dans le"
        );
        assert_eq!(in_region_fr("La Réunion"), "à La Réunion", "island: à");
    }

    #[test]
    fn labels_lose_their_capital_inside_a_phrase_unless_an_acronym() {
        assert_eq!(
            label_in_text("themes", "third_places", crate::Lang::Fr),
            "tiers-lieux",
            "an ordinary word is lower-cased"
        );
        assert_eq!(
            label_in_text("legal_forms", "scic", crate::Lang::Fr),
            "SCIC",
            "an acronym keeps its capitals"
        );
    }

    #[test]
    fn keep_best_keeps_ties_of_the_last_place() {
        let mut v = vec![5u32, 9, 7, 7, 1, 7];
        keep_best(&mut v, Some(2), |x| *x);
        v.sort_unstable();
        assert_eq!(
            v,
            vec![7, 7, 7, 9],
            "the second place is shared by three sevens: all stay for the name order to decide"
        );
        let mut v = vec![3u32, 2];
        keep_best(&mut v, Some(0), |x| *x);
        assert!(v.is_empty(), "a limit of zero keeps nothing");
    }
}

//! The reference data shipped in `data/`, embedded in the binary so the app
//! works offline on its first start: official communes, SSE actors, inspiring
//! solutions, funding schemes, labels, and the demo town.
//! Provenance is written beside each file (`data/**/SOURCE*.md`).

use crate::error::{Error, Result};
use crate::model::{Actor, Commune, FundingScheme, Solution};
use serde::Deserialize;

const COMMUNES_JSON: &str = include_str!("../../../data/communes/communes.json");
const ACTORS_JSON: &str = include_str!("../../../data/reference/actors.json");
const SOLUTIONS_JSON: &str = include_str!("../../../data/reference/solutions.json");
const SCHEMES_JSON: &str = include_str!("../../../data/reference/funding_schemes.json");
/// The demo portfolio, a Bourgade JSON export (see docs/EXCHANGE.md).
pub const DEMO_JSON: &str = include_str!("../../../data/demo/demo.json");

/// Where a shipped data set comes from (shown in the app's "about" panel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    pub name: &'static str,
    pub version: &'static str,
    pub licence: &'static str,
    pub url: Option<&'static str>,
}

/// The shipped data sets and their licences (details in `data/**/SOURCE*.md`).
pub fn sources() -> &'static [Source] {
    &[
        Source {
            name: "Communes, départements, régions, EPCI — @etalab/decoupage-administratif (INSEE, COG)",
            version: "6.0.0",
            licence: "Données : Licence Ouverte / Etalab 2.0 ; code : MIT",
            url: Some("https://www.npmjs.com/package/@etalab/decoupage-administratif"),
        },
        Source {
            name: "Acteurs de l'ESS, solutions inspirantes, dispositifs de financement — catalogue Bourgade",
            version: "1",
            licence: "Textes rédigés pour Bourgade à partir des sources publiques citées pour chaque entrée",
            url: None,
        },
        Source {
            name: "Commune de démonstration (Carhaix-Plouguer) — projets fictifs",
            version: "1",
            licence: "Données de démonstration inventées",
            url: None,
        },
    ]
}

#[derive(Deserialize)]
struct ActorsFile {
    catalogue_version: u32,
    actors: Vec<Actor>,
}

#[derive(Deserialize)]
struct SolutionsFile {
    catalogue_version: u32,
    solutions: Vec<Solution>,
}

#[derive(Deserialize)]
struct SchemesFile {
    catalogue_version: u32,
    schemes: Vec<FundingScheme>,
}

fn shipped<T: serde::de::DeserializeOwned>(name: &str, json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| Error::Incompatible {
        fr: format!("Données de référence illisibles ({name}) : {e}"),
        en: format!("Unreadable reference data ({name}): {e}"),
    })
}

pub use crate::model::{taxonomy, Catalogue, Geography};

/// The shipped catalogues.
pub fn catalogue() -> Result<Catalogue> {
    let actors: ActorsFile = shipped("actors.json", ACTORS_JSON)?;
    let solutions: SolutionsFile = shipped("solutions.json", SOLUTIONS_JSON)?;
    let schemes: SchemesFile = shipped("funding_schemes.json", SCHEMES_JSON)?;
    let taxonomy = taxonomy().clone();
    let version = [
        taxonomy.catalogue_version,
        actors.catalogue_version,
        solutions.catalogue_version,
        schemes.catalogue_version,
    ]
    .into_iter()
    .max()
    .unwrap_or(0);
    Ok(Catalogue {
        version,
        taxonomy,
        actors: actors.actors,
        solutions: solutions.solutions,
        schemes: schemes.schemes,
    })
}

#[derive(Deserialize)]
struct GeoFile {
    version: String,
    regions: Vec<Named>,
    departements: Vec<Dep>,
    epci: Vec<Named>,
    communes: Vec<RawCommune>,
}

#[derive(Deserialize)]
struct Named {
    code: String,
    nom: String,
}

#[derive(Deserialize)]
struct Dep {
    code: String,
    nom: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCommune {
    code: String,
    nom: String,
    departement: String,
    region: String,
    population: Option<i64>,
    codes_postaux: Vec<String>,
    epci: Option<String>,
}

/// Parses the shipped communes extract (34,969 communes).
pub fn geography() -> Result<Geography> {
    let file: GeoFile = shipped("communes.json", COMMUNES_JSON)?;
    let name_of = |list: &[Named], code: &str| {
        list.binary_search_by(|n| n.code.as_str().cmp(code))
            .ok()
            .map(|i| list[i].nom.clone())
    };
    let deps: Vec<Named> = file
        .departements
        .into_iter()
        .map(|d| Named {
            code: d.code,
            nom: d.nom,
        })
        .collect();
    let communes = file
        .communes
        .into_iter()
        .map(|c| Commune {
            departement_name: name_of(&deps, &c.departement).unwrap_or_default(),
            region_name: name_of(&file.regions, &c.region).unwrap_or_default(),
            epci_name: c.epci.as_deref().and_then(|e| name_of(&file.epci, e)),
            insee: c.code,
            name: c.nom,
            departement: c.departement,
            region: c.region,
            population: c.population,
            epci_code: c.epci,
            postcodes: c.codes_postaux,
        })
        .collect();
    Ok(Geography {
        version: format!("{}+{}", file.version, COMMUNES_JSON.len()),
        communes,
    })
}

/// The version key of the shipped geography, read without parsing the file.
pub fn geography_version() -> String {
    let head = &COMMUNES_JSON[..COMMUNES_JSON.len().min(300)];
    let version = head
        .split_once("\"version\":\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map_or("?", |(v, _)| v);
    format!("{version}+{}", COMMUNES_JSON.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn codes(v: &[crate::model::Label]) -> Vec<&str> {
        v.iter().map(|l| l.code.as_str()).collect()
    }

    #[test]
    fn taxonomy_labels_every_code_of_the_domain() {
        let t = taxonomy();
        macro_rules! same {
            ($e:ty) => {
                assert_eq!(
                    codes(t.vocabulary(<$e>::VOCABULARY).unwrap()),
                    <$e>::ALL.iter().map(|x| x.as_str()).collect::<Vec<_>>(),
                    "taxonomy.json and the Rust enum {} list the same codes in the same order",
                    stringify!($e)
                );
            };
        }
        same!(Health);
        same!(Priority);
        same!(Theme);
        same!(Axis);
        same!(Funder);
        same!(FundingKind);
        same!(ExpenseNature);
        same!(FundingStatus);
        same!(ContactStatus);
        same!(ActorKind);
        same!(Scope);
        same!(Service);
        same!(LegalForm);
        same!(OwnerKind);
        same!(Derogation);
        same!(ExpenseCategory);
        same!(OperationKind);
        same!(Zoning);
        same!(Contract);
        same!(EcoObjective);
        same!(Direction);
        same!(PhaseKind);
        same!(PaymentKind);
        assert_eq!(
            codes(&t.stages),
            ["0", "1", "2", "3", "4", "5", "6", "7", "8"]
        );
        for l in t.stages.iter().chain(&t.themes) {
            assert!(
                !l.fr.is_empty() && !l.en.is_empty(),
                "{} has both labels",
                l.code
            );
        }
    }

    #[test]
    fn shipped_catalogues_are_sound() {
        let c = catalogue().unwrap();
        assert!(
            c.actors.len() >= 40,
            "at least 40 SSE actors, got {}",
            c.actors.len()
        );
        assert!(
            c.solutions.len() >= 15,
            "at least 15 solutions, got {}",
            c.solutions.len()
        );
        assert!(c.schemes.len() >= 10);
        let geo = geography().unwrap();
        let regions: std::collections::HashSet<&str> =
            geo.communes.iter().map(|c| c.region.as_str()).collect();
        let deps: std::collections::HashSet<&str> = geo
            .communes
            .iter()
            .map(|c| c.departement.as_str())
            .collect();
        let mut ids = std::collections::HashSet::new();
        for a in &c.actors {
            assert!(ids.insert(&a.id), "actor id {} is unique", a.id);
            assert!(
                !a.source.trim().is_empty(),
                "actor {} states its source",
                a.id
            );
            match a.scope {
                Scope::National => {
                    assert!(a.territories.is_empty(), "{} national: no territory", a.id)
                }
                Scope::Regional => {
                    assert!(
                        !a.territories.is_empty(),
                        "{} regional: names its regions",
                        a.id
                    );
                    for t in &a.territories {
                        assert!(
                            regions.contains(t.as_str()),
                            "{}: {t} is a real region code",
                            a.id
                        );
                    }
                }
                Scope::Departemental => {
                    for t in &a.territories {
                        assert!(
                            deps.contains(t.as_str()),
                            "{}: {t} is a real département code",
                            a.id
                        );
                    }
                }
                Scope::Local => {}
            }
            if let Some(w) = &a.website {
                assert!(w.starts_with("https://"), "{}: website is https", a.id);
            }
        }
        for s in &c.solutions {
            if let Some(code) = &s.example_insee {
                let town = geo
                    .communes
                    .iter()
                    .find(|c| &c.insee == code)
                    .expect("example town exists");
                assert_eq!(
                    Some(&town.name),
                    s.example_town.as_ref(),
                    "{}: example code and name agree",
                    s.id
                );
            }
        }
    }

    #[test]
    fn geography_has_every_current_commune() {
        let geo = geography().unwrap();
        assert!(
            geo.communes.len() > 34_000,
            "{} communes",
            geo.communes.len()
        );
        assert_eq!(
            geo.version,
            geography_version(),
            "cheap version key agrees with the parsed one"
        );
        let carhaix = geo.communes.iter().find(|c| c.insee == "29024").unwrap();
        assert_eq!(carhaix.name, "Carhaix-Plouguer");
        assert_eq!(carhaix.departement_name, "Finistère");
        assert_eq!(carhaix.region_name, "Bretagne");
        assert!(carhaix.epci_name.as_deref().unwrap_or("").contains("Poher"));
    }
}

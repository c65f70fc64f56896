//! Where an actor works, in codes and in words: the regions and
//! départements of its territory, from the official geography.

use super::catalogue::{Actor, Commune};
use super::codes::Scope;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The names and the nesting of the official geography: régions,
/// départements (with their région) and EPCI (with their départements).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GeoIndex {
    /// Région code → name.
    pub regions: BTreeMap<String, String>,
    /// Département code → (name, région code).
    pub departements: BTreeMap<String, (String, String)>,
    /// EPCI SIREN → (name, département codes of its communes).
    pub epcis: BTreeMap<String, (String, BTreeSet<String>)>,
}

/// An actor's territory as codes: `regions` (INSEE région codes, empty
/// for a national actor) and `departements` (empty unless the actor works
/// in a list of départements or of EPCI).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Area {
    pub regions: Vec<String>,
    pub departements: Vec<String>,
}

impl GeoIndex {
    /// The index of a list of communes (the shipped geography, or a few
    /// communes in tests).
    pub fn from_communes(communes: &[Commune]) -> GeoIndex {
        let mut geo = GeoIndex::default();
        for c in communes {
            geo.regions
                .entry(c.region.clone())
                .or_insert_with(|| c.region_name.clone());
            geo.departements
                .entry(c.departement.clone())
                .or_insert_with(|| (c.departement_name.clone(), c.region.clone()));
            if let Some(e) = &c.epci_code {
                geo.epcis
                    .entry(e.clone())
                    .or_insert_with(|| (c.epci_name.clone().unwrap_or_default(), BTreeSet::new()))
                    .1
                    .insert(c.departement.clone());
            }
        }
        geo
    }

    /// The région of a département.
    pub fn region_of(&self, departement: &str) -> Option<&str> {
        self.departements.get(departement).map(|(_, r)| r.as_str())
    }

    /// Where `actor` works, as codes.
    pub fn area(&self, actor: &Actor) -> Area {
        let mut regions = BTreeSet::new();
        let mut departements = BTreeSet::new();
        match actor.scope {
            Scope::National => {}
            Scope::Regional => regions.extend(actor.territories.iter().cloned()),
            Scope::Departemental => departements.extend(actor.territories.iter().cloned()),
            Scope::Local => {
                for e in &actor.territories {
                    if let Some((_, deps)) = self.epcis.get(e) {
                        departements.extend(deps.iter().cloned());
                    }
                }
            }
        }
        for d in &departements {
            if let Some(r) = self.region_of(d) {
                regions.insert(r.to_owned());
            }
        }
        Area {
            regions: regions.into_iter().collect(),
            departements: departements.into_iter().collect(),
        }
    }

    /// True when `actor` works in the département `dep` (national actors
    /// work everywhere).
    pub fn works_in_departement(&self, actor: &Actor, dep: &str) -> bool {
        match actor.scope {
            Scope::National => true,
            Scope::Regional => self
                .region_of(dep)
                .is_some_and(|r| actor.territories.iter().any(|t| t == r)),
            _ => self.area(actor).departements.iter().any(|d| d == dep),
        }
    }

    /// True when `actor` works somewhere in the région `region`.
    pub fn works_in_region(&self, actor: &Actor, region: &str) -> bool {
        actor.scope == Scope::National || self.area(actor).regions.iter().any(|r| r == region)
    }

    /// Where `actor` works, in words: « France entière », « Occitanie »,
    /// « Côte-d'Or, Nièvre, Saône-et-Loire, Yonne », or the EPCI's names.
    /// An unknown code is shown as it is.
    pub fn area_text(&self, actor: &Actor, lang: Lang) -> String {
        let names: Vec<String> = match actor.scope {
            Scope::National => return lang.pick("France entière", "All of France").to_owned(),
            Scope::Regional => actor
                .territories
                .iter()
                .map(|c| self.regions.get(c).cloned().unwrap_or_else(|| c.clone()))
                .collect(),
            Scope::Departemental => actor
                .territories
                .iter()
                .map(|c| {
                    self.departements
                        .get(c)
                        .map(|(n, _)| n.clone())
                        .unwrap_or_else(|| c.clone())
                })
                .collect(),
            Scope::Local => actor
                .territories
                .iter()
                .map(|c| {
                    self.epcis
                        .get(c)
                        .map(|(n, _)| n.clone())
                        .unwrap_or_else(|| c.clone())
                })
                .collect(),
        };
        if names.is_empty() {
            lang.pick("territoire non précisé", "territory not given")
                .to_owned()
        } else {
            names.join(", ")
        }
    }
}

impl Actor {
    /// Where the actor meets `town`: the level of its territory that holds
    /// the town (national, its région, its département or its EPCI), or
    /// `None` when it works elsewhere. The territory rule of the
    /// suggestions and of the catalogue's filter.
    pub fn works_in(&self, town: &Commune) -> Option<Scope> {
        let listed = |code: &str| self.territories.iter().any(|t| t == code);
        let holds = match self.scope {
            Scope::National => true,
            Scope::Regional => listed(&town.region),
            Scope::Departemental => listed(&town.departement),
            Scope::Local => town.epci_code.as_deref().is_some_and(listed),
        };
        holds.then_some(self.scope)
    }
}

//! The catalogue bundle (`bourgade-catalogue`, version 1): a newer
//! release's catalogue, or a regional network's own entries, as one JSON
//! file. Read, validated entry by entry with the line of each problem, and
//! applied by [`crate::store::Store::update_catalogue`]; the format is in
//! `docs/EXCHANGE.md`.

use super::json::{json_problem, Lines};
use crate::error::{Error, LineProblem, Problem, Result};
use crate::model::{
    validate_actor, validate_solution, Actor, ActorKind, FundingScheme, GeoIndex, Scope, Solution,
};
use crate::store::{CatalogueChange, EntryKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::HashSet;

/// The `format` of a bundle.
pub const FORMAT: &str = "bourgade-catalogue";
/// The version of the bundle format this code reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// An entry a bundle retires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retirement {
    pub kind: EntryKind,
    pub id: String,
}

/// A catalogue bundle, read and validated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bundle {
    pub format: String,
    pub format_version: u32,
    /// Who publishes it ("Bourgade", a CRESS, a regional network…).
    pub publisher: String,
    pub published_on: Option<NaiveDate>,
    /// A whole catalogue (`true`): entries it does not list are retired.
    pub complete: bool,
    /// The version of a whole catalogue.
    pub catalogue_version: Option<u32>,
    pub actors: Vec<Actor>,
    pub schemes: Vec<FundingScheme>,
    pub solutions: Vec<Solution>,
    pub retired: Vec<Retirement>,
}

impl Bundle {
    /// The change the store applies.
    pub fn retirements(&self) -> Vec<(EntryKind, String)> {
        self.retired
            .iter()
            .map(|r| (r.kind, r.id.clone()))
            .collect()
    }

    /// The bundle as a store change; `retire` from [`Bundle::retirements`].
    pub fn change<'a>(&'a self, retire: &'a [(EntryKind, String)]) -> CatalogueChange<'a> {
        CatalogueChange {
            version: self.catalogue_version.filter(|_| self.complete),
            taxonomy: None,
            actors: &self.actors,
            schemes: &self.schemes,
            solutions: &self.solutions,
            complete: self.complete,
            retire,
        }
    }
}

#[derive(Deserialize)]
struct RawBundle<'a> {
    format: Option<String>,
    format_version: Option<u32>,
    #[serde(default)]
    publisher: String,
    #[serde(default)]
    published_on: Option<NaiveDate>,
    #[serde(default)]
    complete: bool,
    #[serde(default)]
    catalogue_version: Option<u32>,
    #[serde(default, borrow)]
    actors: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    schemes: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    solutions: Vec<&'a RawValue>,
    #[serde(default)]
    retired: Vec<Retirement>,
}

fn at(line: usize, field: &str, fr: String, en: String) -> LineProblem {
    LineProblem {
        line,
        problem: Problem::new(field, fr, en),
    }
}

/// Text that looks like a person's contact: an e-mail address or a French
/// phone number (`01 23 45 67 89`, `01.23.45.67.89`, `0123456789`,
/// `+33 1 23 45 67 89`). The catalogue names organisations only. Returns
/// what was found, in French and English.
pub fn personal_contact(text: &str) -> Option<(&'static str, &'static str)> {
    let at_sign = text.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@');
        w.contains('@') && w.split('@').nth(1).is_some_and(|d| d.contains('.'))
    });
    if at_sign {
        return Some(("adresse électronique", "e-mail address"));
    }
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    // Four pairs of digits, each after at most one separator; the index
    // after them, or None.
    let pairs = |mut i: usize| -> Option<usize> {
        for _ in 0..4 {
            if matches!(chars.get(i), Some(' ' | '.' | '-')) {
                i += 1;
            }
            if !(digit(i) && digit(i + 1)) {
                return None;
            }
            i += 2;
        }
        Some(i)
    };
    for start in 0..chars.len() {
        if start > 0 && (chars[start - 1].is_alphanumeric() || chars[start - 1] == '+') {
            continue;
        }
        let after_prefix = match chars[start] {
            '0' if chars
                .get(start + 1)
                .is_some_and(|c| ('1'..='9').contains(c)) =>
            {
                Some(start + 2)
            }
            '+' if chars.get(start + 1) == Some(&'3') && chars.get(start + 2) == Some(&'3') => {
                let i = if chars.get(start + 3) == Some(&' ') {
                    start + 4
                } else {
                    start + 3
                };
                chars
                    .get(i)
                    .is_some_and(|c| ('1'..='9').contains(c))
                    .then_some(i + 1)
            }
            _ => None,
        };
        if let Some(end) = after_prefix.and_then(pairs) {
            // Not a longer run of digits, nor a list of more than five
            // two-digit codes (« 01 07 26 38 42 69 »).
            let more_pairs = matches!(chars.get(end), Some(' ' | '.' | '-') | None)
                && digit(end + 1)
                && digit(end + 2);
            if !digit(end) && !more_pairs {
                return Some(("numéro de téléphone", "phone number"));
            }
        }
    }
    None
}

/// The problems of a catalogue entry's public facts: its date checked, its
/// source, its website and no personal contact.
fn facts_problems(
    line: usize,
    what: (&str, &str),
    verified_on: Option<NaiveDate>,
    source: &str,
    website: Option<&str>,
    texts: &[(&str, &str)],
    out: &mut Vec<LineProblem>,
) {
    let (fr, en) = what;
    if verified_on.is_none() {
        out.push(at(
            line,
            "verified_on",
            format!("{fr} : la date de vérification (verified_on, AAAA-MM-JJ) manque"),
            format!("{en}: the date checked (verified_on, YYYY-MM-DD) is missing"),
        ));
    }
    if source.trim().is_empty() {
        out.push(at(
            line,
            "source",
            format!("{fr} : la source publique (source) manque"),
            format!("{en}: the public source (source) is missing"),
        ));
    }
    if let Some(w) = website {
        if !w.starts_with("https://") || w.contains(char::is_whitespace) {
            out.push(at(
                line,
                "website",
                format!("{fr} : le site « {w} » doit être une adresse https://"),
                format!("{en}: the website \"{w}\" must be an https:// address"),
            ));
        }
    }
    for (field, text) in texts {
        if let Some((kind_fr, kind_en)) = personal_contact(text) {
            out.push(at(
                line,
                field,
                format!("{fr} : le champ {field} contient une donnée personnelle ({kind_fr}) ; le catalogue ne nomme que des organisations"),
                format!("{en}: the field {field} holds personal data ({kind_en}); the catalogue names organisations only"),
            ));
        }
    }
}

/// The problems of an actor's territory against the geography.
fn territory_problems(
    line: usize,
    what: &str,
    a: &Actor,
    geo: &GeoIndex,
    out: &mut Vec<LineProblem>,
) {
    let bad = |code: &str, fr: &str, en: &str| {
        at(
            line,
            "territories",
            format!("{what} : « {code} » n'est pas un code de {fr}"),
            format!("{what}: \"{code}\" is not a {en} code"),
        )
    };
    match a.scope {
        Scope::National if !a.territories.is_empty() => out.push(at(
            line,
            "territories",
            format!("{what} : un acteur national ne liste pas de territoires"),
            format!("{what}: a national actor lists no territory"),
        )),
        Scope::National => {}
        _ if a.territories.is_empty() => out.push(at(
            line,
            "territories",
            format!("{what} : le territoire (territories) manque"),
            format!("{what}: the territory (territories) is missing"),
        )),
        Scope::Regional => {
            for t in a
                .territories
                .iter()
                .filter(|t| !geo.regions.contains_key(*t))
            {
                out.push(bad(t, "région (INSEE)", "région (INSEE)"));
            }
        }
        Scope::Departemental => {
            for t in a
                .territories
                .iter()
                .filter(|t| !geo.departements.contains_key(*t))
            {
                out.push(bad(t, "département", "département"));
            }
        }
        Scope::Local => {
            for t in a.territories.iter().filter(|t| !geo.epcis.contains_key(*t)) {
                out.push(bad(t, "EPCI (SIREN)", "EPCI (SIREN)"));
            }
        }
    }
}

/// The entries of one list of the file that parse, each with its line and
/// its number (from 1); an entry that does not parse is a problem
/// (« Acteur n° 3 : … »).
fn parse_entries<T: serde::de::DeserializeOwned>(
    raws: &[&RawValue],
    lines: &Lines,
    field: &str,
    (word_fr, word_en): (&str, &str),
    problems: &mut Vec<LineProblem>,
) -> Vec<(usize, usize, T)> {
    let mut out = Vec::new();
    for (i, r) in raws.iter().enumerate() {
        let (line, n) = (lines.of(r.get()), i + 1);
        match serde_json::from_str(r.get()) {
            Ok(entry) => out.push((line, n, entry)),
            Err(e) => {
                let p = json_problem(&e);
                problems.push(at(
                    line,
                    field,
                    format!("{word_fr} n° {n} : {}", p.fr),
                    format!("{word_en} #{n}: {}", p.en),
                ));
            }
        }
    }
    out
}

/// Reads and validates a bundle: every problem of every entry, each with
/// the line of the entry's opening brace; nothing is returned unless the
/// whole file is sound.
pub fn read(bytes: &[u8], geo: &GeoIndex) -> Result<Bundle> {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Error::Import(vec![at(
            1,
            "file",
            "le fichier n'est pas un texte UTF-8 : un catalogue Bourgade (JSON) est attendu".into(),
            "the file is not UTF-8 text: a Bourgade catalogue (JSON) is expected".into(),
        )])
    })?;
    let raw: RawBundle = serde_json::from_str(text).map_err(|e| {
        Error::Import(vec![LineProblem {
            line: e.line().max(1),
            problem: json_problem(&e),
        }])
    })?;
    let mut problems = Vec::new();
    match (raw.format.as_deref(), raw.format_version) {
        (Some(FORMAT), Some(FORMAT_VERSION)) => {}
        (Some(FORMAT), Some(v)) if v > FORMAT_VERSION => problems.push(at(
            1,
            "format_version",
            format!("ce catalogue est au format {v}, plus récent que celui que cette version de Bourgade lit ({FORMAT_VERSION}) : mettez Bourgade à jour"),
            format!("this catalogue is in format {v}, newer than this version of Bourgade reads ({FORMAT_VERSION}): update Bourgade"),
        )),
        _ => problems.push(at(
            1,
            "format",
            format!("ce fichier n'est pas un catalogue Bourgade : « \"format\": \"{FORMAT}\" » et « \"format_version\": {FORMAT_VERSION} » sont attendus"),
            format!("this file is not a Bourgade catalogue: \"format\": \"{FORMAT}\" and \"format_version\": {FORMAT_VERSION} are expected"),
        )),
    }
    if !problems.is_empty() {
        return Err(Error::Import(problems));
    }
    if raw.publisher.trim().is_empty() {
        problems.push(at(
            1,
            "publisher",
            "l'éditeur du catalogue (publisher) manque".into(),
            "the catalogue's publisher (publisher) is missing".into(),
        ));
    }
    if raw.complete && raw.catalogue_version.is_none() {
        problems.push(at(
            1,
            "catalogue_version",
            "un catalogue complet (complete: true) porte son numéro de version (catalogue_version)"
                .into(),
            "a whole catalogue (complete: true) carries its version number (catalogue_version)"
                .into(),
        ));
    }
    let lines = Lines::new(text);
    let mut actors = Vec::new();
    let mut seen = HashSet::new();
    for (line, n, a) in parse_entries::<Actor>(
        &raw.actors,
        &lines,
        "actors",
        ("Acteur", "Actor"),
        &mut problems,
    ) {
        let what_fr = format!("Acteur n° {n} ({})", a.id);
        let what_en = format!("Actor #{n} ({})", a.id);
        for p in validate_actor(&a) {
            problems.push(at(
                line,
                &p.field,
                format!("{what_fr} : {}", p.fr),
                format!("{what_en}: {}", p.en),
            ));
        }
        if a.kind == ActorKind::Local {
            problems.push(at(
                line,
                "kind",
                format!("{what_fr} : le type « local » est réservé aux acteurs saisis par l'utilisateur"),
                format!("{what_en}: the kind \"local\" is kept for actors the user enters"),
            ));
        }
        if !seen.insert(a.id.clone()) {
            problems.push(at(
                line,
                "id",
                format!("{what_fr} : identifiant en double"),
                format!("{what_en}: duplicate id"),
            ));
        }
        facts_problems(
            line,
            (&what_fr, &what_en),
            a.verified_on,
            &a.source,
            a.website.as_deref(),
            &[
                ("name", &a.name),
                ("description_fr", &a.description_fr),
                ("description_en", &a.description_en),
                ("source", &a.source),
            ],
            &mut problems,
        );
        territory_problems(line, &what_fr, &a, geo, &mut problems);
        actors.push(a);
    }
    let mut schemes = Vec::new();
    let mut seen = HashSet::new();
    for (line, n, f) in parse_entries::<FundingScheme>(
        &raw.schemes,
        &lines,
        "schemes",
        ("Dispositif", "Scheme"),
        &mut problems,
    ) {
        let what_fr = format!("Dispositif n° {n} ({})", f.code);
        let what_en = format!("Scheme #{n} ({})", f.code);
        let code_ok = !f.code.is_empty()
            && f.code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        if !code_ok {
            problems.push(at(line, "code", format!("{what_fr} : le code ne doit contenir que des majuscules sans accent, des chiffres et des soulignés"), format!("{what_en}: the code may only hold upper-case ASCII letters, digits and underscores")));
        }
        if f.name_fr.trim().is_empty() {
            problems.push(at(
                line,
                "name_fr",
                format!("{what_fr} : le nom manque"),
                format!("{what_en}: the name is missing"),
            ));
        }
        if f.usual_rate_max_percent
            .is_some_and(|r| !(0.0..=100.0).contains(&r))
        {
            problems.push(at(
                line,
                "usual_rate_max_percent",
                format!("{what_fr} : le taux doit être entre 0 et 100 %"),
                format!(
                    "Scheme #{n} ({}): the rate must be between 0 and 100 %",
                    f.code
                ),
            ));
        }
        if !seen.insert(f.code.clone()) {
            problems.push(at(
                line,
                "code",
                format!("{what_fr} : code en double"),
                format!("{what_en}: duplicate code"),
            ));
        }
        facts_problems(
            line,
            (&what_fr, &what_en),
            f.verified_on,
            &f.source,
            f.website.as_deref(),
            &[
                ("name_fr", &f.name_fr),
                ("description_fr", &f.description_fr),
                ("description_en", &f.description_en),
                ("source", &f.source),
            ],
            &mut problems,
        );
        schemes.push(f);
    }
    let mut solutions = Vec::new();
    for (line, n, s) in parse_entries::<Solution>(
        &raw.solutions,
        &lines,
        "solutions",
        ("Solution", "Solution"),
        &mut problems,
    ) {
        for p in validate_solution(&s) {
            problems.push(at(
                line,
                &p.field,
                format!("Solution n° {n} ({}) : {}", s.id, p.fr),
                format!("Solution #{n} ({}): {}", s.id, p.en),
            ));
        }
        solutions.push(s);
    }
    let listed: HashSet<(EntryKind, &str)> = actors
        .iter()
        .map(|a: &Actor| (EntryKind::Actor, a.id.as_str()))
        .chain(
            schemes
                .iter()
                .map(|f: &FundingScheme| (EntryKind::Scheme, f.code.as_str())),
        )
        .collect();
    for r in &raw.retired {
        if r.kind == EntryKind::Solution {
            problems.push(at(
                1,
                "retired",
                format!("Retrait de « {} » : seuls des acteurs (actor) et des dispositifs (scheme) se retirent ; une solution reste au catalogue", r.id),
                format!("Retirement of \"{}\": only actors (actor) and schemes (scheme) are retired; a solution stays in the catalogue", r.id),
            ));
        } else if listed.contains(&(r.kind, r.id.as_str())) {
            problems.push(at(
                1,
                "retired",
                format!(
                    "Retrait de « {} » : le fichier liste aussi cette entrée",
                    r.id
                ),
                format!("Retirement of \"{}\": the file also lists this entry", r.id),
            ));
        }
    }
    if raw.actors.is_empty()
        && raw.schemes.is_empty()
        && raw.solutions.is_empty()
        && raw.retired.is_empty()
    {
        problems.push(at(
            1,
            "actors",
            "le catalogue ne contient aucune entrée (actors, schemes, solutions, retired)".into(),
            "the catalogue holds no entry (actors, schemes, solutions, retired)".into(),
        ));
    }
    if !problems.is_empty() {
        return Err(Error::Import(problems));
    }
    Ok(Bundle {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        publisher: raw.publisher,
        published_on: raw.published_on,
        complete: raw.complete,
        catalogue_version: raw.catalogue_version,
        actors,
        schemes,
        solutions,
        retired: raw.retired,
    })
}

/// The catalogue shipped with this version of Bourgade, as a whole bundle.
pub fn shipped(published_on: Option<NaiveDate>) -> Result<Bundle> {
    let c = crate::reference::catalogue()?;
    Ok(Bundle {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        publisher: "Bourgade".into(),
        published_on,
        complete: true,
        catalogue_version: Some(c.version),
        actors: c.actors,
        schemes: c.schemes,
        solutions: c.solutions,
        retired: Vec::new(),
    })
}

/// The bundle as JSON text (two-space indent, a final newline).
pub fn to_json(bundle: &Bundle) -> String {
    serde_json::to_string_pretty(bundle).expect("a bundle serialises") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_of_people_are_recognised_and_organisations_are_not() {
        let phone = Some(("numéro de téléphone", "phone number"));
        assert_eq!(
            personal_contact("Écrire à contact@example.org").map(|k| k.0),
            Some("adresse électronique")
        );
        assert_eq!(personal_contact("Tél. 01 99 00 12 34"), phone);
        assert_eq!(personal_contact("06.39.98.00.00"), phone);
        assert_eq!(personal_contact("0199001234"), phone);
        assert_eq!(personal_contact("+33 1 99 00 12 34"), phone);
        assert_eq!(personal_contact("+331 99 00 12 34"), phone);
        assert_eq!(personal_contact("Appeler le 01 99 00 12 34 - 2024"), phone);
        // Amounts, years, codes, lists of départements and SIREN are not phones.
        assert_eq!(
            personal_contact("45 000 € par an depuis 2021, SIREN 200066744"),
            None
        );
        assert_eq!(personal_contact("loi n° 2014-856 du 31 juillet 2014"), None);
        assert_eq!(
            personal_contact("départements 01 07 26 38 42 69 73 74"),
            None
        );
        assert_eq!(
            personal_contact("Association @reseau sur les réseaux"),
            None
        );
        assert_eq!(
            personal_contact("01 99 00 12 345"),
            None,
            "one digit too many"
        );
    }
}

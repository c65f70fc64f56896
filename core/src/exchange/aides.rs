//! Import of aids in Aides-territoires' vocabulary (docs/EXCHANGE.md,
//! "Aides-territoires"): the API's JSON (`{count, next, previous, results}`,
//! fields in `shared/interop/aides-territoires/FIELDS.md`), the partner
//! feeds written in that vocabulary (the Drôme feed has the same shape, the
//! Manche feed `{count, aides}`), and the official import template
//! (`aid_import_template.csv` / `.xlsx`, 27 columns).
//!
//! All or nothing: every entry is read and checked first; any problem is
//! reported with the entry's number and its line in the file, and nothing
//! is written. An aid already stored (same id, else same slug; the template
//! has neither, so its rows are known by their name) is updated in its row.

use super::sheet::{self, Cell};
use crate::error::{Error, LineProblem, Problem, Result};
use crate::model::{
    fold_label, Aid, AidPerimeter, AidStep, AidType, Audience, PerimeterScale, Recurrence, Theme,
    MAX_TEXT_CHARS,
};
use crate::store::{GeographyNames, Store};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// What an import of aids should do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AidsOptions {
    /// Check and count only.
    pub dry_run: bool,
    /// The perimeter of the aids whose entry gives none, or one Bourgade
    /// cannot place (see [`parse_perimeter`]): a partner feed lists only
    /// its own aids, and Aides-territoires' importers of the Drôme and
    /// Manche feeds set the partner's territory themselves
    /// (`extract_perimeter` returns the data source's perimeter).
    pub perimeter: Option<String>,
}

/// What an import of aids did (or would do, for a dry run).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AidsImportReport {
    pub dry_run: bool,
    /// Aids in the file.
    pub read: usize,
    pub created: usize,
    pub updated: usize,
    /// Aids whose submission deadline has passed: kept, marked closed.
    pub closed: usize,
    /// Aids whose perimeter Bourgade cannot place: kept, never suggested.
    pub unplaced: usize,
    /// Notes for the user, in French.
    pub notes_fr: Vec<String>,
    /// The same notes in English.
    pub notes_en: Vec<String>,
}

/// Reads the file at `path` and imports its aids.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    opts: &AidsOptions,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<AidsImportReport> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    import_bytes(store, &bytes, opts, today, now)
}

/// Imports the aids of a file's bytes (JSON, CSV template or XLSX
/// template, told apart by their content).
pub fn import_bytes(
    store: &mut Store,
    bytes: &[u8],
    opts: &AidsOptions,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<AidsImportReport> {
    let resolver = Resolver::new(store, opts)?;
    let raws = read_raw(bytes)?;
    let mut problems = Vec::new();
    let mut aids: Vec<Aid> = Vec::new();
    let mut keys: HashMap<String, usize> = HashMap::new();
    for raw in raws {
        let (line, entry) = (raw.line, raw.entry);
        let (aid, ps) = finish(raw, &resolver, store)?;
        let mut ps = ps;
        if let Some(aid) = &aid {
            for id_key in [
                aid.at_id.as_ref().map(|i| format!("id {i}")),
                aid.slug.as_ref().map(|s| format!("slug {s}")),
                Some(aid.key.clone()),
            ]
            .into_iter()
            .flatten()
            {
                if let Some(first) = keys.get(&id_key) {
                    ps.push(Problem::new(
                        "id",
                        format!("même aide que l'entrée n° {first} ({id_key}) : une aide ne peut figurer qu'une fois"),
                        format!("same aid as entry #{first} ({id_key}): an aid may appear only once"),
                    ));
                    break;
                }
            }
            if ps.is_empty() {
                for id_key in [
                    aid.at_id.as_ref().map(|i| format!("id {i}")),
                    aid.slug.as_ref().map(|s| format!("slug {s}")),
                    Some(aid.key.clone()),
                ]
                .into_iter()
                .flatten()
                {
                    keys.insert(id_key, entry);
                }
            }
        }
        if ps.is_empty() {
            aids.extend(aid);
        } else {
            problems.extend(ps.into_iter().map(|p| LineProblem {
                line,
                problem: Problem::new(
                    p.field,
                    format!("Aide n° {entry} — {}", p.fr),
                    format!("Aid #{entry} — {}", p.en),
                ),
            }));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Import(problems));
    }
    let mut report = AidsImportReport {
        dry_run: opts.dry_run,
        read: aids.len(),
        closed: aids.iter().filter(|a| a.is_closed(today)).count(),
        unplaced: aids
            .iter()
            .filter(|a| a.perimeter.scale == PerimeterScale::Unknown)
            .count(),
        ..Default::default()
    };
    if opts.dry_run {
        let known = store.count_known_aids(&aids)?;
        report.updated = known;
        report.created = aids.len() - known;
    } else {
        let saved = store.save_aids(&aids, now)?;
        report.created = saved.created;
        report.updated = saved.updated;
    }
    if report.unplaced > 0 {
        report.notes_fr.push(format!(
            "{} aide(s) sans périmètre reconnu : elles sont gardées mais ne seront jamais proposées. \
             Indiquez leur territoire avec --perimeter (par exemple departement:50).",
            report.unplaced
        ));
        report.notes_en.push(format!(
            "{} aid(s) with no recognised perimeter: kept, but never suggested. \
             Give their territory with --perimeter (for example departement:50).",
            report.unplaced
        ));
    }
    if report.closed > 0 {
        report.notes_fr.push(format!(
            "{} aide(s) dont la date de clôture est passée : gardées, marquées closes.",
            report.closed
        ));
        report.notes_en.push(format!(
            "{} aid(s) past their closing date: kept, marked closed.",
            report.closed
        ));
    }
    Ok(report)
}

// ---------------------------------------------------------------- perimeter

/// Reads a perimeter written `france`, `metropole`, `outre-mer`,
/// `region:CODE`, `departement:CODE` (or `dep:CODE`), `epci:SIREN` or
/// `commune:INSEE`; the code must exist in Bourgade's geography.
pub fn parse_perimeter(store: &Store, spec: &str) -> Result<AidPerimeter> {
    let geo = store.geography_names()?;
    let bad = || {
        Error::invalid(Problem::new(
            "perimeter",
            format!("Périmètre : « {spec} » n'est pas reconnu (exemples : france, region:53, departement:50, epci:200066744, commune:50129)"),
            format!("Perimeter: \"{spec}\" is not recognised (examples: france, region:53, departement:50, epci:200066744, commune:50129)"),
        ))
    };
    let s = spec.trim();
    let (kind, code) = s.split_once(':').unwrap_or((s, ""));
    let kind = fold_label(kind);
    let code = code.trim().to_owned();
    let named = |list: &[(String, String)]| -> Option<String> {
        list.iter()
            .find(|(c, _)| *c == code)
            .map(|(_, n)| n.clone())
    };
    let (scale, label) = match kind.as_str() {
        "france" | "national" if code.is_empty() => (PerimeterScale::National, "France".to_owned()),
        "metropole" if code.is_empty() => {
            (PerimeterScale::Metropole, "France métropolitaine".into())
        }
        "outre mer" | "overseas" if code.is_empty() => {
            (PerimeterScale::Overseas, "Outre-mer".into())
        }
        "region" => (PerimeterScale::Region, named(&geo.regions).ok_or_else(bad)?),
        "departement" | "dep" => (
            PerimeterScale::Departement,
            named(&geo.departements).ok_or_else(bad)?,
        ),
        "epci" => (PerimeterScale::Epci, named(&geo.epcis).ok_or_else(bad)?),
        "commune" => (
            PerimeterScale::Commune,
            store.commune(&code)?.map(|c| c.name).ok_or_else(bad)?,
        ),
        _ => return Err(bad()),
    };
    Ok(AidPerimeter {
        scale,
        code: (!code.is_empty()).then_some(code),
        label,
    })
}

/// Places perimeters given by name.
struct Resolver {
    by_name: HashMap<String, (PerimeterScale, String, String)>,
    regions: HashMap<String, (String, String)>,
    departements: HashMap<String, (String, String)>,
    epcis: HashMap<String, (String, String)>,
    default: Option<AidPerimeter>,
}

impl Resolver {
    fn new(store: &Store, opts: &AidsOptions) -> Result<Resolver> {
        let GeographyNames {
            regions,
            departements,
            epcis,
        } = store.geography_names()?;
        let index = |list: &[(String, String)]| -> HashMap<String, (String, String)> {
            list.iter()
                .map(|(c, n)| (fold_label(n), (c.clone(), n.clone())))
                .collect()
        };
        let (regions, departements, epcis) = (index(&regions), index(&departements), index(&epcis));
        // A name shared by a région and a département (the overseas ones)
        // is the département: both contain the same communes.
        let mut by_name = HashMap::new();
        for (scale, map) in [
            (PerimeterScale::Epci, &epcis),
            (PerimeterScale::Region, &regions),
            (PerimeterScale::Departement, &departements),
        ] {
            for (k, (c, n)) in map {
                by_name.insert(k.clone(), (scale, c.clone(), n.clone()));
            }
        }
        let default = opts
            .perimeter
            .as_deref()
            .map(|s| parse_perimeter(store, s))
            .transpose()?;
        Ok(Resolver {
            by_name,
            regions,
            departements,
            epcis,
            default,
        })
    }

    /// The perimeter a file names (name and, in the Symfony API, scale).
    /// "France" (and "Europe", which contains it) is national, "France
    /// métropolitaine" / "Métropole" metropolitan, "Outre-mer" overseas; a
    /// région, département or EPCI is found by its exact name (accents and
    /// case aside), a commune only when the scale says so and the name is
    /// unique. Anything else is unknown.
    fn place(&self, store: &Store, name: &str, scale: Option<&str>) -> Result<AidPerimeter> {
        let key = fold_label(name);
        let scale_f = scale.map(fold_label).unwrap_or_default();
        let found = |scale: PerimeterScale, hit: Option<&(String, String)>| {
            hit.map(|(c, _)| AidPerimeter {
                scale,
                code: Some(c.clone()),
                label: name.to_owned(),
            })
        };
        let national = |s| AidPerimeter {
            scale: s,
            code: None,
            label: name.to_owned(),
        };
        let placed = match (scale_f.as_str(), key.as_str()) {
            (_, "france" | "europe" | "union europeenne") => {
                Some(national(PerimeterScale::National))
            }
            ("pays" | "continent", _) => None,
            (_, "france metropolitaine" | "metropole") => Some(national(PerimeterScale::Metropole)),
            ("metropole", _) => Some(national(PerimeterScale::Metropole)),
            (_, "outre mer" | "france d outre mer") => Some(national(PerimeterScale::Overseas)),
            ("outre mer", _) => Some(national(PerimeterScale::Overseas)),
            ("region", k) => found(PerimeterScale::Region, self.regions.get(k)),
            ("departement", k) => found(PerimeterScale::Departement, self.departements.get(k)),
            ("epci", k) => found(PerimeterScale::Epci, self.epcis.get(k)),
            ("commune", _) => {
                let hits = store.communes_named(name.trim())?;
                (hits.len() == 1).then(|| AidPerimeter {
                    scale: PerimeterScale::Commune,
                    code: hits.into_iter().next(),
                    label: name.to_owned(),
                })
            }
            ("", k) => self.by_name.get(k).map(|(s, c, _)| AidPerimeter {
                scale: *s,
                code: Some(c.clone()),
                label: name.to_owned(),
            }),
            _ => None,
        };
        Ok(placed.unwrap_or_else(|| AidPerimeter::unknown(name)))
    }
}

// ---------------------------------------------------------------- categories

/// Aides-territoires' theme labels (the "Thématique AT" column of
/// `src/dataproviders/data/departement_manche_categories_mapping.csv` in
/// MTES-MCT/aides-territoires), stripped before a sub-theme in
/// "Thème / Sous-thème" categories.
const AT_THEMES: [&str; 7] = [
    "Urbanisme / logement / aménagement",
    "Développement économique / production et consommation",
    "Eau et milieux aquatiques",
    "Mobilité / transports",
    "Nature / environnement",
    "Solidarités / lien social",
    "Culture et identité collective / patrimoine / sports",
];

/// Words of a category that name one of Bourgade's themes, matched in the
/// folded sub-theme (accents, case, hyphens and apostrophes aside). Taken
/// from the category labels of Aides-territoires' own mapping of the Manche
/// feed (sub-themes "Commerces et Services", "Logement et habitat",
/// "Tiers-lieux", "Patrimoine et monuments historiques", "Santé",
/// "Biodiversité", "Modes actifs : vélo, marche…", "Culture et identité
/// collective", "Spectacle vivant", "Bibliothèques et livres", "Accès aux
/// services"…), the feeds ("Alimentation") and the import template
/// ("Equipement public", "Eau potable").
pub const CATEGORY_WORDS: &[(&str, Theme)] = &[
    ("commerce", Theme::Commerce),
    ("logement", Theme::Housing),
    ("habitat", Theme::Housing),
    ("mobilite", Theme::Mobility),
    ("transport", Theme::Mobility),
    ("modes actifs", Theme::Mobility),
    ("velo", Theme::Mobility),
    ("artisanat", Theme::Crafts),
    ("metiers d art", Theme::Crafts),
    ("patrimoine", Theme::Heritage),
    ("monuments historiques", Theme::Heritage),
    ("tiers lieu", Theme::ThirdPlaces),
    ("economie circulaire", Theme::CircularEconomy),
    ("dechet", Theme::CircularEconomy),
    ("reemploi", Theme::CircularEconomy),
    ("alimentation", Theme::Food),
    ("alimentaire", Theme::Food),
    ("sante", Theme::Health),
    ("culture", Theme::Culture),
    ("spectacle", Theme::Culture),
    ("arts plastiques", Theme::Culture),
    ("bibliotheque", Theme::Culture),
    ("musee", Theme::Culture),
    ("pratiques artistiques", Theme::Culture),
    ("emploi", Theme::Employment),
    ("insertion", Theme::Employment),
    ("energie", Theme::Energy),
    ("energetique", Theme::Energy),
    ("acces aux services", Theme::PublicServices),
    ("services au public", Theme::PublicServices),
    ("services publics", Theme::PublicServices),
    ("equipement public", Theme::PublicServices),
    ("biodiversite", Theme::Environment),
    ("espaces verts", Theme::Environment),
    ("nature en ville", Theme::Environment),
];

/// The themes a category names: its sub-theme (after "Thème|" as Django
/// wrote it, or after a known theme and " / ") searched for
/// [`CATEGORY_WORDS`]. A category naming none of them gives none.
pub fn themes_of_category(category: &str) -> Vec<Theme> {
    let mut sub = category
        .rsplit('|')
        .next()
        .unwrap_or(category)
        .trim()
        .to_owned();
    for theme in AT_THEMES {
        let prefix = format!("{theme} / ");
        if fold_label(&sub).starts_with(&fold_label(&prefix)) {
            let chars = prefix.chars().count();
            sub = sub.chars().skip(chars).collect();
            break;
        }
    }
    let f = fold_label(&sub);
    let mut out: Vec<Theme> = Vec::new();
    for (word, theme) in CATEGORY_WORDS {
        if f.contains(word) && !out.contains(theme) {
            out.push(*theme);
        }
    }
    out
}

// ---------------------------------------------------------------- text

/// HTML as plain text: tags removed (line breaks kept for `<br>`, `<p>`,
/// `<li>`), character entities decoded, blank runs collapsed.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut chars = html.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '<' => {
                let end = html[i..].find('>').map(|e| i + e);
                match end {
                    Some(end) => {
                        let tag = html[i + 1..end]
                            .trim_start_matches('/')
                            .to_ascii_lowercase();
                        let name: String = tag
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric())
                            .collect();
                        if matches!(
                            name.as_str(),
                            "br" | "p"
                                | "li"
                                | "div"
                                | "ul"
                                | "ol"
                                | "h1"
                                | "h2"
                                | "h3"
                                | "h4"
                                | "tr"
                        ) {
                            out.push('\n');
                        }
                        while chars.peek().is_some_and(|(j, _)| *j <= end) {
                            chars.next();
                        }
                    }
                    None => out.push(c),
                }
            }
            '&' => {
                let rest = &html[i..];
                let semi = rest[..rest.len().min(12)].find(';');
                match semi.and_then(|s| entity(&rest[1..s]).map(|ch| (s, ch))) {
                    Some((s, ch)) => {
                        out.push_str(&ch);
                        while chars.peek().is_some_and(|(j, _)| *j <= i + s) {
                            chars.next();
                        }
                    }
                    None => out.push('&'),
                }
            }
            c if c.is_control() && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    let lines: Vec<String> = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let mut text = String::new();
    let mut blank = true;
    for l in lines {
        if l.is_empty() {
            if !blank {
                text.push('\n');
            }
            blank = true;
        } else {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&l);
            blank = false;
        }
    }
    text.trim().to_owned()
}

fn entity(name: &str) -> Option<String> {
    if let Some(num) = name.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(n)
            .filter(|c| !c.is_control() || *c == '\n')
            .map(String::from);
    }
    let s = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "rsquo" => "’",
        "lsquo" => "‘",
        "rdquo" => "”",
        "ldquo" => "“",
        "laquo" => "«",
        "raquo" => "»",
        "hellip" => "…",
        "ndash" => "–",
        "mdash" => "—",
        "euro" => "€",
        "eacute" => "é",
        "egrave" => "è",
        "ecirc" => "ê",
        "euml" => "ë",
        "agrave" => "à",
        "acirc" => "â",
        "ccedil" => "ç",
        "icirc" => "î",
        "iuml" => "ï",
        "ocirc" => "ô",
        "ucirc" => "û",
        "ugrave" => "ù",
        "oelig" => "œ",
        "Eacute" => "É",
        "Agrave" => "À",
        _ => return None,
    };
    Some(s.to_owned())
}

// ---------------------------------------------------------------- raw entries

/// One entry as read, before checking.
#[derive(Debug, Default)]
struct RawAid {
    line: usize,
    entry: usize,
    id: Option<String>,
    slug: Option<String>,
    name: String,
    financers: Vec<String>,
    instructors: Vec<String>,
    programs: Vec<String>,
    audiences: Vec<String>,
    aid_types: Vec<String>,
    /// (name, scale) as the file gives them; `None` when absent.
    perimeter: Option<(String, Option<String>)>,
    /// An Aides-territoires perimeter id (template): never placeable.
    perimeter_id: Option<String>,
    steps: Vec<String>,
    categories: Vec<String>,
    destinations: Vec<String>,
    start_date: Option<NaiveDate>,
    predeposit_date: Option<NaiveDate>,
    submission_deadline: Option<NaiveDate>,
    recurrence: Option<String>,
    rate_min: Option<i64>,
    rate_max: Option<i64>,
    is_call_for_project: Option<bool>,
    origin_url: String,
    application_url: String,
    description: String,
    problems: Vec<Problem>,
}

fn read_raw(bytes: &[u8]) -> Result<Vec<RawAid>> {
    if sheet::is_zip(bytes) {
        return read_template_xlsx(bytes);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Error::Import(vec![LineProblem {
            line: 1,
            problem: Problem::new(
                "file",
                "le fichier n'est pas un texte UTF-8 : un fichier JSON d'Aides-territoires ou le modèle d'import CSV est attendu",
                "the file is not UTF-8 text: an Aides-territoires JSON file or the CSV import template is expected",
            ),
        }])
    })?;
    if matches!(text.trim_start().chars().next(), Some('{') | Some('[')) {
        read_json(text)
    } else {
        read_template_csv(text)
    }
}

fn file_problem(line: usize, fr: String, en: String) -> Error {
    Error::Import(vec![LineProblem {
        line,
        problem: Problem::new("file", fr, en),
    }])
}

/// The line (from 1) where `part`, a slice of `src`, begins.
fn line_of(src: &str, newlines: &[usize], part: &str) -> usize {
    let offset = (part.as_ptr() as usize)
        .saturating_sub(src.as_ptr() as usize)
        .min(src.len());
    newlines.partition_point(|&n| n < offset) + 1
}

fn read_json(text: &str) -> Result<Vec<RawAid>> {
    use serde_json::value::RawValue;
    let parse_err = |e: serde_json::Error| {
        file_problem(
            e.line().max(1),
            format!(
                "JSON illisible : {}",
                e.to_string().split(" at line ").next().unwrap_or("")
            ),
            format!(
                "Unreadable JSON: {}",
                e.to_string().split(" at line ").next().unwrap_or("")
            ),
        )
    };
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let entries: Vec<&RawValue> = if text.trim_start().starts_with('[') {
        serde_json::from_str(text).map_err(parse_err)?
    } else {
        let top: HashMap<String, &RawValue> = serde_json::from_str(text).map_err(parse_err)?;
        let list = top.get("results").or_else(|| top.get("aides")).ok_or_else(|| {
            file_problem(
                1,
                "ce n'est pas une liste d'aides d'Aides-territoires : la clé « results » (API) ou « aides » est absente".into(),
                "this is not a list of Aides-territoires aids: the key \"results\" (API) or \"aides\" is missing".into(),
            )
        })?;
        serde_json::from_str(list.get()).map_err(|_| {
            file_problem(
                line_of(text, &newlines, list.get()),
                "la liste des aides (« results » ou « aides ») doit être un tableau".into(),
                "the list of aids (\"results\" or \"aides\") must be an array".into(),
            )
        })?
    };
    let mut out = Vec::new();
    for (i, raw) in entries.iter().enumerate() {
        let line = line_of(text, &newlines, raw.get());
        let v: Value = serde_json::from_str(raw.get()).map_err(parse_err)?;
        out.push(raw_of_json(&v, line, i + 1));
    }
    Ok(out)
}

/// A list of texts: a string (one item, or "a, b" when `split`), an array
/// of strings or of objects with a `name`.
fn texts(v: &Value, field: &str, fr: &str, en: &str, problems: &mut Vec<Problem>) -> Vec<String> {
    match v {
        Value::Null => Vec::new(),
        Value::String(s) => {
            let s = plain_text(s);
            if s.is_empty() {
                Vec::new()
            } else {
                vec![s]
            }
        }
        Value::Array(items) => items
            .iter()
            .filter_map(|it| match it {
                Value::String(s) => Some(plain_text(s)),
                Value::Object(o) => o.get("name").and_then(Value::as_str).map(plain_text),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .filter(|s| !s.is_empty())
            .collect(),
        other => {
            problems.push(type_problem(
                field,
                fr,
                en,
                other,
                "une liste de textes",
                "a list of texts",
            ));
            Vec::new()
        }
    }
}

fn type_problem(
    field: &str,
    fr: &str,
    en: &str,
    got: &Value,
    want_fr: &str,
    want_en: &str,
) -> Problem {
    let shown: String = got.to_string().chars().take(40).collect();
    Problem::new(
        field,
        format!("{fr} : il faut {want_fr}, pas {shown}"),
        format!("{en}: {want_en} expected, not {shown}"),
    )
}

fn text(v: &Value, field: &str, fr: &str, en: &str, problems: &mut Vec<Problem>) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        other => {
            problems.push(type_problem(field, fr, en, other, "un texte", "a text"));
            String::new()
        }
    }
}

fn json_date(
    v: &Value,
    field: &str,
    fr: &str,
    en: &str,
    problems: &mut Vec<Problem>,
) -> Option<NaiveDate> {
    let s = text(v, field, fr, en, problems);
    if s.is_empty() {
        return None;
    }
    let d = s
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .or_else(|| parse_fr_date(&s));
    if d.is_none() {
        problems.push(date_problem(field, fr, en, &s));
    }
    d
}

fn date_problem(field: &str, fr: &str, en: &str, got: &str) -> Problem {
    let shown: String = got.chars().take(40).collect();
    Problem::new(
        field,
        format!("{fr} : « {shown} » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)"),
        format!("{en}: \"{shown}\" is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
    )
}

/// `JJ/MM/AA`, `JJ/MM/AAAA` (the template's dates) or `AAAA-MM-JJ`.
fn parse_fr_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    if parts.len() != 3 {
        return None;
    }
    let day: u32 = parts[0].parse().ok()?;
    let month: u32 = parts[1].parse().ok()?;
    let year: i32 = match parts[2].len() {
        2 => 2000 + parts[2].parse::<i32>().ok()?,
        4 => parts[2].parse().ok()?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

fn json_rate(
    v: &Value,
    field: &str,
    fr: &str,
    en: &str,
    problems: &mut Vec<Problem>,
) -> Option<i64> {
    match v {
        Value::Null => None,
        Value::Number(n) => match n.as_f64() {
            Some(x) if x.fract() == 0.0 && (0.0..=100.0).contains(&x) => Some(x as i64),
            _ => {
                problems.push(rate_problem(field, fr, en, &n.to_string()));
                None
            }
        },
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => match s.trim().parse::<i64>() {
            Ok(x) if (0..=100).contains(&x) => Some(x),
            _ => {
                problems.push(rate_problem(field, fr, en, s));
                None
            }
        },
        other => {
            problems.push(type_problem(
                field,
                fr,
                en,
                other,
                "un nombre entier",
                "a whole number",
            ));
            None
        }
    }
}

fn rate_problem(field: &str, fr: &str, en: &str, got: &str) -> Problem {
    let shown: String = got.chars().take(40).collect();
    Problem::new(
        field,
        format!("{fr} : « {shown} » n'est pas un pourcentage entier de 0 à 100"),
        format!("{en}: \"{shown}\" is not a whole percentage from 0 to 100"),
    )
}

fn raw_of_json(v: &Value, line: usize, entry: usize) -> RawAid {
    let mut raw = RawAid {
        line,
        entry,
        ..Default::default()
    };
    let Some(o) = v.as_object() else {
        raw.problems.push(Problem::new(
            "",
            "une aide doit être un objet JSON ({ … })",
            "an aid must be a JSON object ({ … })",
        ));
        return raw;
    };
    let null = Value::Null;
    let g = |k: &str| o.get(k).unwrap_or(&null);
    let p = &mut raw.problems;
    let id = text(g("id"), "id", "Identifiant", "Id", p);
    raw.id = (!id.is_empty()).then_some(id);
    let slug = text(g("slug"), "slug", "Slug", "Slug", p);
    raw.slug = (!slug.is_empty()).then_some(slug);
    raw.name = plain_text(&text(g("name"), "name", "Nom de l'aide", "Aid name", p));
    let mut financers = texts(
        g("financers"),
        "financers",
        "Porteurs d'aides",
        "Backers",
        p,
    );
    if financers.is_empty() {
        financers = texts(
            g("financers_full"),
            "financers_full",
            "Porteurs d'aides",
            "Backers",
            p,
        );
    }
    raw.financers = financers;
    raw.instructors = texts(
        g("instructors"),
        "instructors",
        "Instructeurs",
        "Instructors",
        p,
    );
    raw.programs = texts(g("programs"), "programs", "Programmes", "Programmes", p);
    raw.audiences = texts(
        g("targeted_audiences"),
        "targeted_audiences",
        "Bénéficiaires",
        "Audiences",
        p,
    );
    let mut types = texts(g("aid_types"), "aid_types", "Types d'aide", "Aid types", p);
    if types.is_empty() {
        types = texts(
            g("aid_types_full"),
            "aid_types_full",
            "Types d'aide",
            "Aid types",
            p,
        );
    }
    raw.aid_types = types;
    raw.perimeter = match g("perimeter") {
        Value::Null => None,
        Value::Object(po) => po.get("name").and_then(Value::as_str).map(|n| {
            (
                n.to_owned(),
                po.get("scale").and_then(Value::as_str).map(str::to_owned),
            )
        }),
        other => {
            let name = text(other, "perimeter", "Périmètre", "Perimeter", p);
            let scale = text(
                g("perimeter_scale"),
                "perimeter_scale",
                "Échelle du périmètre",
                "Perimeter scale",
                p,
            );
            (!name.is_empty()).then(|| (name, (!scale.is_empty()).then_some(scale)))
        }
    };
    raw.steps = texts(
        g("mobilization_steps"),
        "mobilization_steps",
        "État d'avancement du projet",
        "Project steps",
        p,
    );
    raw.categories = texts(
        g("categories"),
        "categories",
        "Thématiques",
        "Categories",
        p,
    );
    raw.destinations = texts(
        g("destinations"),
        "destinations",
        "Types de dépenses",
        "Expense types",
        p,
    );
    raw.start_date = json_date(
        g("start_date"),
        "start_date",
        "Date d'ouverture",
        "Opening date",
        p,
    );
    raw.predeposit_date = json_date(
        g("predeposit_date"),
        "predeposit_date",
        "Date de pré-dépôt",
        "Pre-application date",
        p,
    );
    raw.submission_deadline = json_date(
        g("submission_deadline"),
        "submission_deadline",
        "Date de clôture",
        "Closing date",
        p,
    );
    let rec = text(g("recurrence"), "recurrence", "Récurrence", "Recurrence", p);
    raw.recurrence = (!rec.is_empty()).then_some(rec);
    let (lo_fr, hi_fr) = ("Taux de subvention min.", "Taux de subvention max.");
    raw.rate_min = json_rate(
        g("subvention_rate_lower_bound"),
        "subvention_rate_lower_bound",
        lo_fr,
        "Minimum grant rate",
        p,
    );
    raw.rate_max = json_rate(
        g("subvention_rate_upper_bound"),
        "subvention_rate_upper_bound",
        hi_fr,
        "Maximum grant rate",
        p,
    );
    // Django wrote the range as one field: {"lower": 10, "upper": 22} or [10, 22].
    match g("subvention_rate") {
        Value::Object(r) => {
            raw.rate_min = raw.rate_min.or(json_rate(
                r.get("lower").unwrap_or(&null),
                "subvention_rate",
                lo_fr,
                "Minimum grant rate",
                p,
            ));
            raw.rate_max = raw.rate_max.or(json_rate(
                r.get("upper").unwrap_or(&null),
                "subvention_rate",
                hi_fr,
                "Maximum grant rate",
                p,
            ));
        }
        Value::Array(r) if r.len() == 2 => {
            raw.rate_min = raw.rate_min.or(json_rate(
                &r[0],
                "subvention_rate",
                lo_fr,
                "Minimum grant rate",
                p,
            ));
            raw.rate_max = raw.rate_max.or(json_rate(
                &r[1],
                "subvention_rate",
                hi_fr,
                "Maximum grant rate",
                p,
            ));
        }
        _ => {}
    }
    raw.is_call_for_project = match g("is_call_for_project") {
        Value::Bool(b) => Some(*b),
        Value::Null => None,
        other => {
            p.push(type_problem(
                "is_call_for_project",
                "Appel à projets",
                "Call for projects",
                other,
                "vrai ou faux",
                "true or false",
            ));
            None
        }
    };
    raw.origin_url = text(
        g("origin_url"),
        "origin_url",
        "URL d'origine",
        "Origin URL",
        p,
    );
    raw.application_url = text(
        g("application_url"),
        "application_url",
        "Lien vers une démarche en ligne",
        "Application link",
        p,
    );
    raw.description = plain_text(&text(
        g("description"),
        "description",
        "Description",
        "Description",
        p,
    ));
    raw
}

// ---------------------------------------------------------------- template

/// The columns of the import template Bourgade reads, by folded header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Name,
    Programs,
    Backers,
    Instructors,
    Audiences,
    Types,
    Rates,
    CallForProjects,
    Description,
    Categories,
    Recurrence,
    Start,
    Deadline,
    Steps,
    Destinations,
    Perimeter,
    OriginUrl,
    ApplicationUrl,
}

fn column_of(header: &str) -> Option<Col> {
    let h = fold_label(header);
    let c = match h.as_str() {
        "nom" => Col::Name,
        "programmes" => Col::Programs,
        "porteurs d aides" => Col::Backers,
        "instructeurs" => Col::Instructors,
        "beneficiaires de l aide" => Col::Audiences,
        "types d aide" => Col::Types,
        "appel a projet / manifestation d interet" => Col::CallForProjects,
        "sous thematiques" => Col::Categories,
        "recurrence" => Col::Recurrence,
        "date d ouverture" => Col::Start,
        "date de cloture" => Col::Deadline,
        "etat d avancement du projet pour beneficier du dispositif" => Col::Steps,
        "types de depenses / actions couvertes" => Col::Destinations,
        "perimetre" => Col::Perimeter,
        "url d origine" => Col::OriginUrl,
        "lien vers une demarche en ligne" => Col::ApplicationUrl,
        _ if h.starts_with("taux de subvention, min") => Col::Rates,
        _ if h.starts_with("description complete") => Col::Description,
        _ => return None,
    };
    Some(c)
}

/// Splits a template list cell on commas outside parentheses ("Commune,
/// Intercommunalité / Pays"; "Établissements publics (écoles,
/// bibliothèques…)" stays whole).
fn split_list(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in cell.chars() {
        match c {
            '(' => {
                depth += 1;
                cur.push(c)
            }
            ')' => {
                depth -= 1;
                cur.push(c)
            }
            ',' | '\n' if depth <= 0 => {
                out.push(std::mem::take(&mut cur));
            }
            c => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A backer or instructor of the template: the template names them by
/// Aides-territoires ids ("22, 347"), kept as "porteur n° 22
/// (Aides-territoires)"; a name is kept as written.
fn backer(s: String) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        format!("porteur n° {s} (Aides-territoires)")
    } else {
        s
    }
}

fn header_map(headers: &[String]) -> Result<HashMap<usize, Col>> {
    let map: HashMap<usize, Col> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| column_of(h).map(|c| (i, c)))
        .collect();
    if !map.values().any(|c| *c == Col::Name) {
        return Err(file_problem(
            1,
            "ce n'est pas le modèle d'import d'Aides-territoires : la colonne « Nom » est absente de la première ligne".into(),
            "this is not the Aides-territoires import template: the column \"Nom\" is missing from the first line".into(),
        ));
    }
    Ok(map)
}

fn raw_of_template(
    cols: &HashMap<usize, Col>,
    cells: &[Cell],
    line: usize,
    entry: usize,
) -> RawAid {
    let mut raw = RawAid {
        line,
        entry,
        ..Default::default()
    };
    for (i, col) in cols {
        let cell = cells.get(*i).unwrap_or(&Cell::Empty);
        let t = cell.text();
        let p = &mut raw.problems;
        let date = |p: &mut Vec<Problem>, field: &str, fr: &str, en: &str| -> Option<NaiveDate> {
            match cell {
                Cell::Date(d) => Some(*d),
                Cell::Number(n) => sheet::excel_day(*n).or_else(|| {
                    p.push(date_problem(field, fr, en, &t));
                    None
                }),
                _ if t.is_empty() => None,
                _ => parse_fr_date(&t).or_else(|| {
                    p.push(date_problem(field, fr, en, &t));
                    None
                }),
            }
        };
        match col {
            Col::Name => raw.name = plain_text(&t),
            Col::Programs => raw.programs = split_list(&t),
            Col::Backers => raw.financers = split_list(&t).into_iter().map(backer).collect(),
            Col::Instructors => raw.instructors = split_list(&t).into_iter().map(backer).collect(),
            Col::Audiences => raw.audiences = split_list(&t),
            Col::Types => raw.aid_types = split_list(&t),
            Col::Rates => {
                // "min,max" in the CSV; a spreadsheet reads "10,22" typed in
                // French as the number 10.22, as the template's own xlsx
                // sample shows (10.22 for the CSV's "10,22"): the same pair.
                // One number alone is the maximum (a fixed rate).
                let parts: Vec<&str> = t.split([',', '.', ';']).map(str::trim).collect();
                let num = |s: &str, fr: &str, en: &str, p: &mut Vec<Problem>| -> Option<i64> {
                    match s.parse::<i64>() {
                        Ok(x) if (0..=100).contains(&x) => Some(x),
                        _ => {
                            p.push(rate_problem("subvention_rate", fr, en, &t));
                            None
                        }
                    }
                };
                match parts.as_slice() {
                    [""] => {}
                    [one] => raw.rate_max = num(one, "Taux de subvention", "Grant rate", p),
                    [lo, hi] => {
                        raw.rate_min = num(lo, "Taux de subvention min.", "Minimum grant rate", p);
                        raw.rate_max = num(hi, "Taux de subvention max.", "Maximum grant rate", p);
                    }
                    _ => p.push(rate_problem(
                        "subvention_rate",
                        "Taux de subvention",
                        "Grant rate",
                        &t,
                    )),
                }
            }
            Col::CallForProjects => {
                raw.is_call_for_project = match fold_label(&t).as_str() {
                    "" => None,
                    "oui" | "yes" | "vrai" | "true" | "1" => Some(true),
                    "non" | "no" | "faux" | "false" | "0" => Some(false),
                    _ => {
                        let shown: String = t.chars().take(40).collect();
                        p.push(Problem::new(
                            "is_call_for_project",
                            format!("Appel à projet / Manifestation d'intérêt : « {shown} » n'est ni oui ni non"),
                            format!("Call for projects: \"{shown}\" is neither oui nor non"),
                        ));
                        None
                    }
                }
            }
            Col::Description => raw.description = plain_text(&t),
            Col::Categories => raw.categories = split_list(&t),
            Col::Recurrence => raw.recurrence = (!t.is_empty()).then_some(t.clone()),
            Col::Start => {
                raw.start_date = date(p, "start_date", "Date d'ouverture", "Opening date")
            }
            Col::Deadline => {
                raw.submission_deadline =
                    date(p, "submission_deadline", "Date de clôture", "Closing date")
            }
            Col::Steps => raw.steps = split_list(&t),
            Col::Destinations => raw.destinations = split_list(&t),
            Col::Perimeter => {
                if !t.is_empty() {
                    if t.chars().all(|c| c.is_ascii_digit()) {
                        raw.perimeter_id = Some(t.clone());
                    } else {
                        raw.perimeter = Some((t.clone(), None));
                    }
                }
            }
            Col::OriginUrl => raw.origin_url = t.clone(),
            Col::ApplicationUrl => raw.application_url = t.clone(),
        }
    }
    raw
}

fn read_template_csv(text: &str) -> Result<Vec<RawAid>> {
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(';') { b';' } else { b',' };
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = r.records();
    let headers: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(str::to_owned).collect(),
        _ => Vec::new(),
    };
    let cols = header_map(&headers)?;
    let mut out = Vec::new();
    for (i, rec) in records.enumerate() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(i + 2, |p| p.line() as usize);
            file_problem(
                line,
                format!("CSV illisible : {e}"),
                format!("Unreadable CSV: {e}"),
            )
        })?;
        let line = rec.position().map_or(i + 2, |p| p.line() as usize);
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cells: Vec<Cell> = rec.iter().map(|c| Cell::Text(c.to_owned())).collect();
        out.push(raw_of_template(&cols, &cells, line, out.len() + 1));
    }
    Ok(out)
}

fn read_template_xlsx(bytes: &[u8]) -> Result<Vec<RawAid>> {
    let sheets = sheet::read_workbook(bytes, "Classeur", "workbook")?;
    let sheet = sheets
        .iter()
        .find(|s| {
            s.rows
                .first()
                .is_some_and(|r| r.iter().any(|c| column_of(&c.text()) == Some(Col::Name)))
        })
        .ok_or_else(|| {
            file_problem(
                1,
                "ce classeur n'est pas le modèle d'import d'Aides-territoires : aucune feuille n'a la colonne « Nom » en première ligne".into(),
                "this workbook is not the Aides-territoires import template: no sheet has the column \"Nom\" on its first line".into(),
            )
        })?;
    let headers: Vec<String> = sheet.rows[0].iter().map(Cell::text).collect();
    let cols = header_map(&headers)?;
    let mut out = Vec::new();
    for (i, row) in sheet.rows.iter().enumerate().skip(1) {
        if row.iter().all(Cell::is_blank) {
            continue;
        }
        out.push(raw_of_template(&cols, row, i + 1, out.len() + 1));
    }
    Ok(out)
}

// ---------------------------------------------------------------- checking

fn unknown_value(field: &str, fr: &str, en: &str, got: &str, allowed: &[&str]) -> Problem {
    let shown: String = got.chars().take(60).collect();
    Problem::new(
        field,
        format!(
            "{fr} : valeur inconnue « {shown} » (valeurs admises : {})",
            allowed.join(", ")
        ),
        format!(
            "{en}: unknown value \"{shown}\" (accepted: {})",
            allowed.join(", ")
        ),
    )
}

/// Turns a raw entry into an aid, with every problem.
fn finish(raw: RawAid, resolver: &Resolver, store: &Store) -> Result<(Option<Aid>, Vec<Problem>)> {
    let mut ps = raw.problems;
    let key = match (&raw.id, &raw.slug) {
        (Some(id), _) => format!("at:{id}"),
        (None, Some(slug)) => format!("slug:{slug}"),
        (None, None) => format!("nom:{}", fold_label(&raw.name)),
    };
    let mut aid_types = Vec::new();
    let mut other_aid_types = Vec::new();
    for t in &raw.aid_types {
        match AidType::from_label(t) {
            Some(k) if !aid_types.contains(&k) => aid_types.push(k),
            Some(_) => {}
            // Partner feeds put their own words here (the Manche feed:
            // "Contrat de territoire 2017-2021"): kept as written.
            None => other_aid_types.push(t.clone()),
        }
    }
    let mut audiences = Vec::new();
    for a in &raw.audiences {
        for k in Audience::from_label(a) {
            if !audiences.contains(&k) {
                audiences.push(k);
            }
        }
    }
    let mut steps = Vec::new();
    for s in &raw.steps {
        match AidStep::from_label(s) {
            Some(k) if !steps.contains(&k) => steps.push(k),
            Some(_) => {}
            None => ps.push(unknown_value(
                "mobilization_steps",
                "État d'avancement du projet",
                "Project step",
                s,
                &[
                    "Réflexion / conception",
                    "Mise en œuvre / réalisation",
                    "Usage / valorisation",
                ],
            )),
        }
    }
    let recurrence = match raw.recurrence.as_deref() {
        None => None,
        Some(r) => match Recurrence::from_label(r) {
            Some(k) => Some(k),
            None => {
                ps.push(unknown_value(
                    "recurrence",
                    "Récurrence",
                    "Recurrence",
                    r,
                    &["Ponctuelle", "Permanente", "Récurrente"],
                ));
                None
            }
        },
    };
    let mut themes: Vec<Theme> = Vec::new();
    for c in &raw.categories {
        for t in themes_of_category(c) {
            if !themes.contains(&t) {
                themes.push(t);
            }
        }
    }
    let mut perimeter = match (&raw.perimeter, &raw.perimeter_id) {
        (Some((name, scale)), _) => resolver.place(store, name, scale.as_deref())?,
        (None, Some(id)) => AidPerimeter::unknown(format!("périmètre n° {id} (Aides-territoires)")),
        (None, None) => AidPerimeter::unknown(""),
    };
    if perimeter.scale == PerimeterScale::Unknown {
        if let Some(d) = &resolver.default {
            perimeter = d.clone();
        }
    }
    let clip = |s: String| -> String {
        if s.chars().count() > MAX_TEXT_CHARS {
            s.chars().take(MAX_TEXT_CHARS).collect()
        } else {
            s
        }
    };
    let aid = Aid {
        key,
        at_id: raw.id,
        slug: raw.slug,
        name: clip(raw.name),
        financers: raw.financers,
        instructors: raw.instructors,
        programs: raw.programs,
        audiences,
        aid_types,
        other_aid_types,
        perimeter,
        steps,
        categories: raw.categories,
        themes,
        destinations: raw.destinations,
        start_date: raw.start_date,
        predeposit_date: raw.predeposit_date,
        submission_deadline: raw.submission_deadline,
        recurrence,
        rate_min: raw.rate_min.map(|r| r as u8),
        rate_max: raw.rate_max.map(|r| r as u8),
        is_call_for_project: raw.is_call_for_project,
        origin_url: raw.origin_url,
        application_url: raw.application_url,
        description: clip(raw.description),
    };
    ps.extend(aid.validate());
    Ok((ps.is_empty().then_some(aid), ps))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_name_themes_only_when_they_say_so() {
        assert_eq!(themes_of_category("Alimentation"), vec![Theme::Food]);
        assert_eq!(themes_of_category("Tiers-lieux"), vec![Theme::ThirdPlaces]);
        assert_eq!(
            themes_of_category("Nature / environnement / Biodiversité"),
            vec![Theme::Environment]
        );
        assert_eq!(
            themes_of_category("Urbanisme / logement / aménagement / Espace public"),
            Vec::<Theme>::new()
        );
        assert_eq!(
            themes_of_category("Cimetière / Enclos paroissiaux"),
            Vec::<Theme>::new()
        );
        assert_eq!(
            themes_of_category("Culture et identité collective / patrimoine / sports|Patrimoine et monuments historiques"),
            vec![Theme::Heritage]
        );
        assert_eq!(
            themes_of_category("Commerces et Services"),
            vec![Theme::Commerce]
        );
    }

    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(plain_text("d&rsquo;un centre &amp; co"), "d’un centre & co");
        assert_eq!(plain_text("<p>Un</p><ul><li>deux</li></ul>"), "Un\ndeux");
        assert_eq!(plain_text("a &#8230; b &#x2019;"), "a … b ’");
        assert_eq!(plain_text("x & y"), "x & y");
        assert_eq!(plain_text("<script>"), "");
    }

    #[test]
    fn template_lists_and_dates() {
        assert_eq!(
            split_list(
                "Commune, Établissements publics (écoles, bibliothèques…) / Services de l'État"
            ),
            vec![
                "Commune",
                "Établissements publics (écoles, bibliothèques…) / Services de l'État"
            ]
        );
        assert_eq!(
            parse_fr_date("04/07/24"),
            NaiveDate::from_ymd_opt(2024, 7, 4)
        );
        assert_eq!(parse_fr_date("31/02/2024"), None);
        assert_eq!(backer("22".into()), "porteur n° 22 (Aides-territoires)");
    }
}

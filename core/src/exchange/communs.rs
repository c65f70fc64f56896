//! Export to « Les Communs de la transition écologique des collectivités »
//! (API Collectivités, beta.gouv), the shared project base the ANCT and the
//! préfectures consolidate (docs/EXCHANGE.md, "Les Communs").
//!
//! Three outputs:
//! - [`csv_v01`]: the official v0.1.0 Table Schema `projets-territoire`
//!   (`data/interop/communs-v0.1.0/projets-territoire.schema.json`), one row
//!   per project, in the schema's own CSV conventions (comma, UTF-8, array
//!   cells as JSON arrays, as in its `exemple-valide.csv`);
//! - [`json_bulk`]: the body of the API's `POST /projets/bulk`, one
//!   `CreateProjetRequest` per project (fields in
//!   `shared/interop/communs-api-collectivites/FIELDS.md`);
//! - [`draft_v02`]: **experimental**, the v0.2.0 draft's `operations` and
//!   `financements` tables (a fork's proposal, not a published schema).
//!
//! Only what the sources define is mapped, and only where the meaning is
//! unambiguous; everything else is left empty (see each function).

use crate::error::{Error, Problem, Result};
use crate::model::{
    Axis, Commune, Contract, FundingLine, FundingStatus, Health, Money, OwnerKind, ProjectDetail,
    ProjectFields, Stage, Theme,
};
use crate::store::Store;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::path::Path;

/// The v0.1.0 `projets-territoire` Table Schema, as published.
pub const SCHEMA_V01: &str =
    include_str!("../../../data/interop/communs-v0.1.0/projets-territoire.schema.json");
/// The v0.2.0 draft's `operations` Table Schema.
pub const SCHEMA_V02_OPERATIONS: &str =
    include_str!("../../../data/interop/communs-v0.2.0-draft/operations.schema.json");
/// The v0.2.0 draft's `financements` Table Schema.
pub const SCHEMA_V02_FINANCEMENTS: &str =
    include_str!("../../../data/interop/communs-v0.2.0-draft/financements.schema.json");
/// The M57 functional codes (`code,competence-sous-competence`), v0.1.0.
pub const M57_CSV: &str = include_str!(
    "../../../data/interop/communs-v0.1.0/reference-data/referentiel_competences_M57_2025.csv"
);
/// The 50 SGPE levers of v0.1.0 (`levier,description`).
pub const SGPE_CSV: &str =
    include_str!("../../../data/interop/communs-v0.1.0/reference-data/50_leviers_SGPE_03_2025.csv");
/// The value lists of the Communs API (phases, statuses, levers with their
/// typographic apostrophes, M57 codes).
pub const API_VALUES: &str =
    include_str!("../../../data/interop/communs-api/allowed-values.extracted.json");
const PROGRAMMES_CSV: &str = include_str!(
    "../../../data/interop/communs-v0.2.0-draft/reference-data/referentiel-programmes.csv"
);
const SOURCES_CSV: &str = include_str!(
    "../../../data/interop/communs-v0.2.0-draft/reference-data/referentiel-sources-financement.csv"
);

/// Which Communs file to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum CommunsFormat {
    /// v0.1.0 `projets-territoire` CSV.
    Csv,
    /// The API's `POST /projets/bulk` body.
    Json,
    /// Experimental: the v0.2.0 draft, a folder with `operations.csv` and
    /// `financements.csv`.
    DraftV02,
}

/// The generic phase of a stage (`phase`: Idée / Étude / Opération, the
/// enum of the schema and of `CONNECTING_SERVICE.md`):
/// - 0 (need identified, idea) → Idée;
/// - 1–5 (opportunity study, finding a leader, feasibility and funding
///   plan, council decision, funding applications) → Étude: nothing is
///   being built yet. The v0.2.0 draft's own example puts an operation whose
///   DETR is "Demandé" in Étude (`operations/exemple-valide.csv`);
/// - 6–8 (works, operation, evaluation) → Opération.
pub fn phase(stage: Stage) -> &'static str {
    match stage.number() {
        0 => "Idée",
        1..=5 => "Étude",
        _ => "Opération",
    }
}

/// The status within the phase (`phaseStatut`), or `None` when Bourgade's
/// health has no equivalent. An abandoned project is "Abandonné" at any
/// stage; otherwise a project at stage 8 (evaluation, closed) is "Terminé";
/// otherwise the health: on track → En cours, late → En retard, paused →
/// En pause, blocked → Bloqué. "À arbitrer" (to discuss) has none (TeT's
/// "A discuter" has none either, `territoires-en-transitions/FIELDS.md`).
pub fn phase_status(stage: Stage, health: Health) -> Option<&'static str> {
    if health == Health::Abandoned {
        return Some("Abandonné");
    }
    if stage.number() == 8 {
        return Some("Terminé");
    }
    match health {
        Health::OnTrack => Some("En cours"),
        Health::Late => Some("En retard"),
        Health::Paused => Some("En pause"),
        Health::Blocked => Some("Bloqué"),
        Health::ToDiscuss | Health::Abandoned => None,
    }
}

/// The M57 code (`data/interop/communs-v0.1.0/reference-data/referentiel_competences_M57_2025.csv`)
/// a theme maps to, when exactly one code says the same thing. Mobility
/// (transports, voirie, circulations douces…), third places, circular
/// economy (waste is only a part of it), food (agriculture or sécurité
/// alimentaire), employment (two "insertion" codes) and environment (several
/// codes) have none.
pub fn theme_competence(theme: Theme) -> Option<&'static str> {
    match theme {
        // "Action économique / Actions sectorielles > Industrie, commerce et artisanat"
        Theme::Commerce | Theme::Crafts => Some("90-632"),
        // "Habitat (Logement)"
        Theme::Housing => Some("90-55"),
        // "Culture > Patrimoine"
        Theme::Heritage => Some("90-312"),
        // "Santé"
        Theme::Health => Some("90-41"),
        // "Culture"
        Theme::Culture => Some("90-31"),
        // "Politique de l'énergie"
        Theme::Energy => Some("90-75"),
        // "Action économique / Maintien et développement des services publics"
        Theme::PublicServices => Some("90-66"),
        Theme::Mobility
        | Theme::ThirdPlaces
        | Theme::CircularEconomy
        | Theme::Food
        | Theme::Employment
        | Theme::Environment => None,
    }
}

/// The M57 code an ORT axis maps to: only the housing axis has one
/// ("Habitat (Logement)", 90-55). The other axes each span several codes
/// (retail and economic development, mobility and access, public space and
/// heritage, facilities and services).
pub fn axis_competence(axis: Axis) -> Option<&'static str> {
    match axis {
        Axis::Housing => Some("90-55"),
        Axis::RetailEconomy
        | Axis::MobilityAccess
        | Axis::PublicSpaceHeritage
        | Axis::FacilitiesServices => None,
    }
}

/// The project's `competences`: the codes of its themes and ORT axis, sorted,
/// without repeats.
pub fn competences(fields: &ProjectFields) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = fields
        .themes
        .iter()
        .filter_map(|t| theme_competence(*t))
        .chain(fields.ort_axis.and_then(axis_competence))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The SGPE lever (`50_leviers_SGPE_03_2025.csv`) a theme maps to: none.
/// The levers name emission-reduction and adaptation measures ("Rénovation
/// (hors changement chaudières)", "Vélo", "Prévention des déchets"…); a
/// Bourgade theme says what a project is about, not which measure it takes
/// (a housing project may build, renovate or buy; an energy project may
/// produce or save). Mapping would be a guess, so `leviers` stays empty; the
/// Communs' own qualification fills it from the name and description when
/// it is empty (`FIELDS.md`, "AI-qualification jobs").
pub fn theme_lever(_theme: Theme) -> Option<&'static str> {
    None
}

/// The project's `leviers` (empty, see [`theme_lever`]).
pub fn leviers(fields: &ProjectFields) -> Vec<&'static str> {
    let mut levers: Vec<&'static str> = fields
        .themes
        .iter()
        .filter_map(|t| theme_lever(*t))
        .collect();
    levers.sort_unstable();
    levers.dedup();
    levers
}

/// The label of a contract in the v0.2.0 draft's programmes list
/// (`referentiel-programmes.csv`): PVD and Villages d'avenir are listed; CRTE,
/// ORT and OPAH are not programmes there.
pub fn contract_programme(contract: Contract) -> Option<&'static str> {
    match contract {
        Contract::Pvd => Some("Petites Villes de Demain"),
        Contract::VillagesAvenir => Some("Villages d'Avenir"),
        Contract::Crte | Contract::Ort | Contract::Opah => None,
    }
}

/// v0.1.0's single `programme` (free text, examples "CRTE", "ADEME"): the
/// first of Petites Villes de Demain, Villages d'Avenir, CRTE among the
/// project's contracts, else none.
pub fn programme(fields: &ProjectFields) -> Option<&'static str> {
    let has = |c| fields.application.contracts.contains(&c);
    if has(Contract::Pvd) {
        Some("Petites Villes de Demain")
    } else if has(Contract::VillagesAvenir) {
        Some("Villages d'Avenir")
    } else if has(Contract::Crte) {
        Some("CRTE")
    } else {
        None
    }
}

/// A stable UUID for a project: its `uid` when it is one, else the UUID v5
/// of the uid in Bourgade's namespace (the schema's `id` must be a UUID; the
/// demo's uids are "demo-2"…). The same uid always gives the same id.
pub fn project_uuid(uid: &str) -> String {
    match uuid::Uuid::parse_str(uid) {
        Ok(u) if uid.len() == 36 => u.hyphenated().to_string(),
        _ => uuid::Uuid::new_v5(&NAMESPACE, uid.as_bytes())
            .hyphenated()
            .to_string(),
    }
}

/// Bourgade's UUID v5 namespace (the v5 UUID of "bourgade" in the URL namespace).
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x8c1c_5e0e_4b6e_5d5a_9c57_3f39_1b0e_2a11);

/// Euros rounded to the nearest whole euro (half away from zero): the
/// schema's amounts are integers.
pub fn whole_euros(m: Money) -> i64 {
    let c = m.cents();
    if c >= 0 {
        (c + 50) / 100
    } else {
        (c - 50) / 100
    }
}

/// `budgetPrevisionnel`: the cost excluding VAT (TeT's import reads its
/// budget HT too), in whole euros; none when the cost is unknown.
pub fn budget(fields: &ProjectFields) -> Option<i64> {
    fields.cost_excl_vat.map(whole_euros)
}

/// `description`: the summary, the context and the proposal, each that is
/// not blank, separated by a blank line. The risks stay in Bourgade (an
/// internal assessment).
pub fn description(fields: &ProjectFields) -> String {
    [&fields.summary, &fields.context, &fields.proposal]
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn ts(d: chrono::DateTime<chrono::Utc>) -> String {
    d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn json_array(items: &[&str]) -> String {
    if items.is_empty() {
        String::new()
    } else {
        serde_json::to_string(items).unwrap_or_default()
    }
}

/// The column names of a Table Schema, in order.
pub fn schema_columns(schema: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(schema).unwrap_or(Value::Null);
    v["fields"]
        .as_array()
        .map(|fs| {
            fs.iter()
                .filter_map(|f| f["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn csv_err(e: impl std::fmt::Display) -> Error {
    Error::Incompatible {
        fr: format!("Écriture CSV impossible : {e}"),
        en: format!("Cannot write CSV: {e}"),
    }
}

fn write_table(columns: &[String], rows: Vec<HashMap<&'static str, String>>) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b',')
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(columns).map_err(csv_err)?;
    for row in rows {
        let record: Vec<&str> = columns
            .iter()
            .map(|c| row.get(c.as_str()).map(String::as_str).unwrap_or(""))
            .collect();
        w.write_record(&record).map_err(csv_err)?;
    }
    w.into_inner().map_err(csv_err)
}

/// The v0.1.0 `projets-territoire` CSV of these projects: the schema's
/// columns in its order, a comma separator, UTF-8 without BOM, LF line
/// ends, quotes only where needed, arrays as JSON arrays in their cell (as
/// `exemple-valide.csv`). Texts are written as typed: the file is for the
/// platform, not a spreadsheet, so no cell is altered against formulas.
///
/// Left empty: `porteurCodeSiret` (Bourgade has no SIRET), the five
/// `porteurReferent*` fields (personal data; Bourgade has no field meant for
/// them), `mecId`, `tetId`, `recocoId` (other platforms' ids) and
/// `collectiviteIds` (UUIDs of the Communs' own collectivités table, which
/// Bourgade does not know: the JSON export names the town by its INSEE code).
pub fn csv_v01(details: &[ProjectDetail]) -> Result<Vec<u8>> {
    let columns = schema_columns(SCHEMA_V01);
    let rows = details
        .iter()
        .map(|d| {
            let p = &d.project;
            let f = &p.fields;
            let mut row: HashMap<&'static str, String> = HashMap::new();
            row.insert("id", project_uuid(&p.uid));
            row.insert("createdAt", ts(p.created_at));
            row.insert("updatedAt", ts(p.updated_at));
            row.insert("nom", f.title.clone());
            row.insert("description", description(f));
            row.insert(
                "budgetPrevisionnel",
                budget(f).map(|b| b.to_string()).unwrap_or_default(),
            );
            row.insert(
                "dateDebutPrevisionnelle",
                f.planned_start.map(|d| d.to_string()).unwrap_or_default(),
            );
            row.insert("phase", phase(f.stage).to_owned());
            row.insert(
                "phaseStatut",
                phase_status(f.stage, f.health).unwrap_or("").to_owned(),
            );
            row.insert("programme", programme(f).unwrap_or("").to_owned());
            row.insert("competences", json_array(&competences(f)));
            row.insert("leviers", json_array(&leviers(f)));
            row
        })
        .collect();
    write_table(&columns, rows)
}

/// The `collectivites` of a project for the API: its town (type "Commune",
/// INSEE code) and, when the EPCI owns the operation (`owner_kind` epci),
/// the town's EPCI (type "EPCI", its SIREN), when the town belongs to one.
pub fn collectivites(fields: &ProjectFields, town: &Commune) -> Vec<(&'static str, String)> {
    let mut out = vec![("Commune", town.insee.clone())];
    if fields.owner_kind == OwnerKind::Epci {
        if let Some(epci) = &town.epci_code {
            out.push(("EPCI", epci.clone()));
        }
    }
    out
}

/// One `CreateProjetRequest` of the Communs API for a project. Only fields
/// with a value are written (the upsert then leaves the others as the
/// platform has them): `externalId` (the project's uid, the upsert key),
/// `nom`, `collectivites`, `description`, `budgetPrevisionnel`,
/// `dateDebutPrevisionnelle`, `phase`, `phaseStatut`, `programme`,
/// `competences`. No `porteur` (personal data), no `leviers` (see
/// [`theme_lever`]).
pub fn api_request(detail: &ProjectDetail, town: &Commune) -> Value {
    let p = &detail.project;
    let f = &p.fields;
    let mut o = Map::new();
    o.insert("externalId".into(), json!(p.uid));
    o.insert("nom".into(), json!(f.title));
    o.insert(
        "collectivites".into(),
        Value::Array(
            collectivites(f, town)
                .into_iter()
                .map(|(t, c)| json!({ "type": t, "code": c }))
                .collect(),
        ),
    );
    let desc = description(f);
    if !desc.is_empty() {
        o.insert("description".into(), json!(desc));
    }
    if let Some(b) = budget(f) {
        o.insert("budgetPrevisionnel".into(), json!(b));
    }
    if let Some(d) = f.planned_start {
        o.insert("dateDebutPrevisionnelle".into(), json!(d.to_string()));
    }
    o.insert("phase".into(), json!(phase(f.stage)));
    if let Some(s) = phase_status(f.stage, f.health) {
        o.insert("phaseStatut".into(), json!(s));
    }
    if let Some(prog) = programme(f) {
        o.insert("programme".into(), json!(prog));
    }
    let comps = competences(f);
    if !comps.is_empty() {
        o.insert("competences".into(), json!(comps));
    }
    let levers = leviers(f);
    if !levers.is_empty() {
        o.insert("leviers".into(), json!(levers));
    }
    Value::Object(o)
}

/// The body of `POST /projets/bulk`: `{"projets": [...]}`, pretty-printed.
/// `towns` holds the commune of every project's town.
pub fn json_bulk(details: &[ProjectDetail], towns: &HashMap<String, Commune>) -> Result<String> {
    let mut projets = Vec::new();
    for d in details {
        let town = town_of(towns, &d.project.fields.town_insee)?;
        projets.push(api_request(d, town));
    }
    let mut s = serde_json::to_string_pretty(&json!({ "projets": projets })).map_err(|e| {
        Error::Incompatible {
            fr: format!("Écriture JSON impossible : {e}"),
            en: format!("Cannot write JSON: {e}"),
        }
    })?;
    s.push('\n');
    Ok(s)
}

fn town_of<'a>(towns: &'a HashMap<String, Commune>, insee: &str) -> Result<&'a Commune> {
    towns.get(insee).ok_or_else(|| Error::NotFound {
        what_fr: "Commune",
        what_en: "Town",
        key: insee.to_owned(),
    })
}

fn first_column(csv_text: &str) -> Vec<String> {
    let mut r = csv::ReaderBuilder::new().from_reader(csv_text.as_bytes());
    r.records()
        .filter_map(|rec| rec.ok().and_then(|rec| rec.get(0).map(str::to_owned)))
        .collect()
}

/// The labels of `referentiel-programmes.csv` (v0.2.0 draft).
pub fn programme_labels() -> Vec<String> {
    first_column(PROGRAMMES_CSV)
}

/// The labels of `referentiel-sources-financement.csv` (v0.2.0 draft).
pub fn source_labels() -> Vec<String> {
    first_column(SOURCES_CSV)
}

/// The codes of the M57 list.
pub fn m57_codes() -> Vec<String> {
    first_column(M57_CSV)
}

/// The 50 levers of the v0.1.0 list.
pub fn sgpe_levers() -> Vec<String> {
    first_column(SGPE_CSV)
}

/// The source (`referentiel-sources-financement.csv`, v0.2.0 draft) of a
/// scheme of Bourgade's catalogue (`data/reference/funding_schemes.json`),
/// when one listed source is that scheme or its funder: DETR, DSIL, FNADT,
/// Fonds Vert, ADEME, ANAH, DRAC, Agence de l'eau, Banque des territoires,
/// Conseil régional, Conseil départemental, Intercommunalité (fonds de
/// concours), Europe (FEDER, FSE+, LEADER), Fondation (Fondation du
/// patrimoine), Autofinancement (own funds). The others (Fonds friches,
/// the PVD project manager's cofinancing, France Active) have no listed
/// source of their own.
pub fn source_of_scheme(code: &str) -> Option<&'static str> {
    Some(match code.trim().to_ascii_uppercase().as_str() {
        "DETR" => "DETR",
        "DSIL" => "DSIL",
        "FNADT" => "FNADT",
        "FONDS_VERT" => "Fonds Vert",
        "ADEME" => "ADEME",
        "ANAH" => "ANAH",
        "DRAC_MH" => "DRAC",
        "AGENCE_EAU" => "Agence de l'eau",
        "BANQUE_TERRITOIRES" => "Banque des territoires",
        "REGION" => "Conseil régional",
        "DEPARTEMENT" => "Conseil départemental",
        "EPCI_FONDS_CONCOURS" => "Intercommunalité",
        "FEDER" | "FSE_PLUS" | "LEADER" => "Europe",
        "FONDATION_PATRIMOINE" => "Fondation",
        "FONDS_PROPRES" => "Autofinancement",
        _ => return None,
    })
}

/// True for a scheme code of the shipped catalogue.
fn is_catalogue_scheme(code: &str) -> bool {
    static CODES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    CODES
        .get_or_init(|| {
            crate::reference::catalogue()
                .map(|c| c.schemes.into_iter().map(|s| s.code).collect())
                .unwrap_or_default()
        })
        .iter()
        .any(|c| c.eq_ignore_ascii_case(code))
}

/// A funding line's `source` (v0.2.0 draft, free text with a list of known
/// sources): the listed source of its scheme ([`source_of_scheme`]), else
/// the scheme itself when it is a listed source (case and accents aside),
/// else the scheme as typed when it is not a code of Bourgade's catalogue,
/// else the funder's listed source: région →
/// Conseil régional, département → Conseil départemental, EPCI →
/// Intercommunalité, EU → Europe, Banque des Territoires → Banque des
/// territoires, private → Privé, own funds → Autofinancement, State →
/// Autres financements État ou opérateurs.
pub fn funding_source(line: &FundingLine) -> String {
    use crate::model::Funder;
    let scheme = line.scheme.as_deref().map(str::trim).unwrap_or("");
    if let Some(s) = source_of_scheme(scheme) {
        return s.to_owned();
    }
    if !scheme.is_empty() && !is_catalogue_scheme(scheme) {
        let folded = crate::text::fold(scheme);
        return source_labels()
            .into_iter()
            .find(|l| crate::text::fold(l) == folded)
            .unwrap_or_else(|| scheme.to_owned());
    }
    match line.funder {
        Funder::State => "Autres financements État ou opérateurs",
        Funder::Region => "Conseil régional",
        Funder::Departement => "Conseil départemental",
        Funder::Epci => "Intercommunalité",
        Funder::Eu => "Europe",
        Funder::BanqueTerritoires => "Banque des territoires",
        Funder::Private => "Privé",
        Funder::OwnFunds => "Autofinancement",
    }
    .to_owned()
}

/// A funding line's `statut` (v0.2.0 draft): to request → Prévisionnel,
/// filed → Demandé, awarded and partially paid → Obtenu (the paid part is
/// in `montantPaye`), refused → Refusé, paid → Payé.
pub fn funding_status(status: FundingStatus) -> &'static str {
    match status {
        FundingStatus::ToRequest => "Prévisionnel",
        FundingStatus::Filed => "Demandé",
        FundingStatus::Awarded | FundingStatus::PartiallyPaid => "Obtenu",
        FundingStatus::Refused => "Refusé",
        FundingStatus::Paid => "Payé",
    }
}

/// The two tables of the v0.2.0 **draft**: `operations.csv` (one row per
/// project) and `financements.csv` (one row per funding line), in the same
/// CSV conventions as [`csv_v01`]. `collectiviteResponsableSiren` is the
/// EPCI's SIREN when the EPCI owns the operation, else empty (Bourgade does
/// not know communes' SIRENs); `territoireCommunes` is the town's INSEE
/// code; `programmesRattachement` lists the contracts the draft's programme
/// list names. Plans, actions, the classification fields and
/// `referenceExterne` stay empty.
pub fn draft_v02(
    details: &[ProjectDetail],
    towns: &HashMap<String, Commune>,
) -> Result<(Vec<u8>, Vec<u8>)> {
    let mut operations = Vec::new();
    let mut financements = Vec::new();
    for d in details {
        let p = &d.project;
        let f = &p.fields;
        let town = town_of(towns, &f.town_insee)?;
        let id = project_uuid(&p.uid);
        let mut row: HashMap<&'static str, String> = HashMap::new();
        row.insert("id", id.clone());
        row.insert("nom", f.title.clone());
        row.insert("description", description(f));
        row.insert(
            "budgetPrevisionnel",
            budget(f).map(|b| b.to_string()).unwrap_or_default(),
        );
        row.insert(
            "dateDebut",
            f.planned_start.map(|d| d.to_string()).unwrap_or_default(),
        );
        row.insert(
            "dateFin",
            f.planned_end.map(|d| d.to_string()).unwrap_or_default(),
        );
        row.insert("phase", phase(f.stage).to_owned());
        row.insert(
            "phaseStatut",
            phase_status(f.stage, f.health).unwrap_or("").to_owned(),
        );
        if f.owner_kind == OwnerKind::Epci {
            if let Some(epci) = &town.epci_code {
                row.insert("collectiviteResponsableSiren", epci.clone());
            }
        }
        row.insert("competencesM57", json_array(&competences(f)));
        row.insert("leviersSgpe", json_array(&leviers(f)));
        let programmes: Vec<&str> = f
            .application
            .contracts
            .iter()
            .filter_map(|c| contract_programme(*c))
            .collect();
        row.insert("programmesRattachement", json_array(&programmes));
        row.insert("territoireCommunes", json_array(&[town.insee.as_str()]));
        operations.push(row);
        for (i, line) in d.lines.funding_lines.iter().enumerate() {
            let mut r: HashMap<&'static str, String> = HashMap::new();
            r.insert("id", project_uuid(&format!("{}#financement#{i}", p.uid)));
            r.insert("operationId", id.clone());
            r.insert("source", funding_source(line));
            r.insert(
                "dateAttribution",
                line.notified_on.map(|d| d.to_string()).unwrap_or_default(),
            );
            let amount =
                |m: Option<Money>| m.map(|m| whole_euros(m).to_string()).unwrap_or_default();
            r.insert("montantDemande", amount(line.amount_requested));
            r.insert("montantAttribue", amount(line.amount_awarded));
            r.insert("montantPaye", amount(line.amount_paid));
            r.insert("statut", funding_status(line.status).to_owned());
            financements.push(r);
        }
    }
    Ok((
        write_table(&schema_columns(SCHEMA_V02_OPERATIONS), operations)?,
        write_table(&schema_columns(SCHEMA_V02_FINANCEMENTS), financements)?,
    ))
}

/// Guesses the Communs format from the output path: `.csv` → v0.1.0 CSV,
/// `.json` → API body; anything else (a folder) is the v0.2.0 draft only
/// when asked for explicitly.
pub fn format_from_path(path: &Path) -> Option<CommunsFormat> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "csv" => Some(CommunsFormat::Csv),
        "json" => Some(CommunsFormat::Json),
        _ => None,
    }
}

/// Writes the projects (of `town` if given, else all) to `path` in
/// `format`; returns how many projects. The v0.2.0 draft writes a folder
/// (created if missing) holding `operations.csv` and `financements.csv`.
/// A town that is not followed is refused.
pub fn export(
    store: &Store,
    format: CommunsFormat,
    town: Option<&str>,
    path: &Path,
) -> Result<usize> {
    if let Some(t) = town {
        store.followed_town(t)?;
    }
    let details = store.project_details_in(town)?;
    let mut towns: HashMap<String, Commune> = HashMap::new();
    for d in &details {
        let insee = &d.project.fields.town_insee;
        if !towns.contains_key(insee) {
            towns.insert(insee.clone(), store.commune_of(insee)?);
        }
    }
    match format {
        CommunsFormat::Csv => super::write_atomically(path, &csv_v01(&details)?)?,
        CommunsFormat::Json => {
            super::write_atomically(path, json_bulk(&details, &towns)?.as_bytes())?
        }
        CommunsFormat::DraftV02 => {
            if path.is_file() {
                return Err(Error::invalid(Problem::new(
                    "output",
                    format!(
                        "{} est un fichier : le format communs-v0.2 écrit un dossier (operations.csv et financements.csv).",
                        path.display()
                    ),
                    format!(
                        "{} is a file: the communs-v0.2 format writes a folder (operations.csv and financements.csv).",
                        path.display()
                    ),
                )));
            }
            std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))?;
            let (ops, fins) = draft_v02(&details, &towns)?;
            super::write_atomically(&path.join("operations.csv"), &ops)?;
            super::write_atomically(&path.join("financements.csv"), &fins)?;
        }
    }
    Ok(details.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mapped_code_is_in_the_vendored_lists() {
        let m57 = m57_codes();
        assert_eq!(m57.len(), 156);
        let api: Value = serde_json::from_str(API_VALUES).unwrap();
        let api_codes: Vec<&str> = api["competences_M57"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for t in Theme::ALL {
            if let Some(c) = theme_competence(*t) {
                assert!(m57.iter().any(|m| m == c), "{c}");
                assert!(api_codes.contains(&c), "{c}");
            }
            assert_eq!(theme_lever(*t), None);
        }
        for a in Axis::ALL {
            if let Some(c) = axis_competence(*a) {
                assert!(m57.iter().any(|m| m == c), "{c}");
            }
        }
        let programmes = programme_labels();
        for c in Contract::ALL {
            if let Some(p) = contract_programme(*c) {
                assert!(programmes.iter().any(|l| l == p), "{p}");
            }
        }
        assert_eq!(sgpe_levers().len(), 50);
        let sources = source_labels();
        let catalogue = crate::reference::catalogue().unwrap();
        for scheme in &catalogue.schemes {
            if let Some(s) = source_of_scheme(&scheme.code) {
                assert!(sources.iter().any(|l| l == s), "{s}");
            }
        }
    }

    #[test]
    fn uuids_are_stable_and_valid() {
        let a = project_uuid("demo-2");
        assert_eq!(a, project_uuid("demo-2"));
        assert_ne!(a, project_uuid("demo-3"));
        assert!(uuid::Uuid::parse_str(&a).is_ok());
        let real = "5b0c6a1e-3f1d-4c8e-9a57-1e2f3a4b5c6d";
        assert_eq!(project_uuid(real), real);
    }

    #[test]
    fn whole_euros_round_half_away_from_zero() {
        assert_eq!(whole_euros(Money::euros(12)), 12);
        assert_eq!(whole_euros(Money::from_euros_f64(12.5).unwrap()), 13);
        assert_eq!(whole_euros(Money::from_euros_f64(12.49).unwrap()), 12);
    }

    #[test]
    fn schema_columns_are_the_22_of_v01() {
        let cols = schema_columns(SCHEMA_V01);
        assert_eq!(cols.len(), 22);
        assert_eq!(cols[0], "id");
        assert_eq!(cols[21], "collectiviteIds");
    }
}

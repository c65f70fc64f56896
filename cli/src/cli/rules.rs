//! Funding plans, deadlines and readiness: `bourgade check`, `rules`,
//! `calendar`, `funding-table`, `funding move|history`, `council add|list`,
//! `calls add|list`. The rules and files are the core's (`bourgade_core::desk`,
//! `rules`, `calendar`, `exchange::xlsx`); this module parses and prints.

use super::{bad_input, open_ready, output, write_atomically};
use bourgade_core::calendar::{self, date_in, CouncilMeetingFields};
use bourgade_core::desk;
use bourgade_core::model::{parse_date, FundingStatus, Money};
use bourgade_core::model::{Finding, SchemeCallFields, Severity};
use bourgade_core::reference::taxonomy;
use bourgade_core::rules;
use bourgade_core::store::Store;
use bourgade_core::{Error, Lang};
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

/// The areas, flattened into the main command.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Points à traiter avant le conseil : participation minimale, taux DETR/DSIL, plan incomplet, échéances… (code de sortie 0 même avec des constats)
    Check {
        /// Numéro du projet (par défaut : tous les projets)
        project_id: Option<i64>,
        /// Seulement les projets de cette commune (code INSEE)
        #[arg(long, value_name = "INSEE", conflicts_with = "project_id")]
        town: Option<String>,
        /// Vérifie à cette date (par défaut : aujourd'hui), AAAA-MM-JJ
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Liste les règles de financement appliquées, avec leur texte (article, version, lien)
    Rules {
        #[arg(long)]
        json: bool,
    },
    /// Exporte l'agenda (appels à projets, jalons, dates limites, conseils) en fichier ICS
    Calendar {
        /// Fichier .ics à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER")]
        output: PathBuf,
        /// Seulement cette commune (code INSEE)
        #[arg(long, value_name = "INSEE")]
        town: Option<String>,
        /// Première date (par défaut : 1er janvier de cette année), AAAA-MM-JJ
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Dernière date (par défaut : 31 décembre de l'an prochain), AAAA-MM-JJ
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
    },
    /// Exporte le tableau des financements pour le service financier (XLSX)
    FundingTable {
        /// Fichier .xlsx à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER")]
        output: PathBuf,
        /// Seulement cette commune (code INSEE)
        #[arg(long, value_name = "INSEE")]
        town: Option<String>,
    },
    /// Suivi d'une ligne de financement : dépôt, notification, versements
    #[command(subcommand)]
    Funding(FundingCommand),
    /// Séances du conseil municipal et leur ordre du jour
    #[command(subcommand)]
    Council(CouncilCommand),
    /// Appels à projets des dispositifs (dates d'ouverture et de clôture, chaque année)
    #[command(subcommand)]
    Calls(CallsCommand),
}

#[derive(clap::Subcommand)]
pub enum FundingCommand {
    /// Fait passer un financement à l'étape suivante (daté, gardé dans l'historique)
    Move {
        /// Numéro du projet
        project_id: i64,
        /// Numéro du financement dans le plan (1 pour le premier)
        line: usize,
        /// Nouveau statut : filed, awarded, refused, partially_paid, paid, to_request
        #[arg(long, value_name = "STATUT")]
        to: String,
        /// Date de l'étape, AAAA-MM-JJ
        #[arg(long, value_name = "DATE")]
        date: String,
        /// Montant en euros : demandé (filed), accordé (awarded) ou versé par ce versement
        #[arg(long, value_name = "EUROS")]
        amount: Option<String>,
    },
    /// Historique des financements d'un projet
    History {
        project_id: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Subcommand)]
pub enum CouncilCommand {
    /// Ajoute une séance du conseil municipal
    Add {
        /// Commune (code INSEE, commune suivie)
        #[arg(long, value_name = "INSEE")]
        town: String,
        /// Date de la séance, AAAA-MM-JJ
        #[arg(long, value_name = "DATE")]
        date: String,
        /// Intitulé (par défaut : « Conseil municipal »)
        #[arg(long, value_name = "TEXTE", default_value = "")]
        title: String,
        /// Projets à l'ordre du jour, dans l'ordre : 9,12
        #[arg(long, value_name = "N,N,…")]
        projects: Option<String>,
        /// Note libre
        #[arg(long, value_name = "TEXTE", default_value = "")]
        note: String,
    },
    /// Liste les séances
    List {
        /// Seulement cette commune (code INSEE)
        #[arg(long, value_name = "INSEE")]
        town: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Subcommand)]
pub enum CallsCommand {
    /// Ajoute l'appel à projets d'une année (ex. DETR 2027)
    Add {
        /// Code du dispositif : DETR, DSIL, FONDS_VERT…
        scheme: String,
        /// Année de programmation
        #[arg(long)]
        year: i32,
        /// Date d'ouverture, AAAA-MM-JJ
        #[arg(long, value_name = "DATE")]
        opens: String,
        /// Date de clôture, AAAA-MM-JJ
        #[arg(long, value_name = "DATE")]
        closes: String,
        /// Note libre
        #[arg(long, value_name = "TEXTE", default_value = "")]
        note: String,
    },
    /// Liste les appels à projets
    List {
        #[arg(long)]
        json: bool,
    },
}

/// What every subcommand runs with.
struct Ctx<'a> {
    db: &'a Path,
    lang: Lang,
    now: chrono::DateTime<chrono::Utc>,
    today: NaiveDate,
}

/// Runs one subcommand: one function each, below.
pub fn run(c: Command, db: &Path, lang: Lang) -> bourgade_core::Result<()> {
    let cx = Ctx {
        db,
        lang,
        now: chrono::Utc::now(),
        today: bourgade_core::day::today(),
    };
    match c {
        Command::Check {
            project_id,
            town,
            on,
            json,
        } => check(&cx, project_id, town, on, json),
        Command::Rules { json } => list_rules(&cx, json),
        Command::Calendar {
            output: path,
            town,
            from,
            to,
        } => calendar(&cx, path, town, from, to),
        Command::FundingTable { output: path, town } => funding_table(&cx, path, town),
        Command::Funding(FundingCommand::Move {
            project_id,
            line,
            to,
            date,
            amount,
        }) => funding_move(&cx, project_id, line, to, date, amount),
        Command::Funding(FundingCommand::History { project_id, json }) => {
            funding_history(&cx, project_id, json)
        }
        Command::Council(CouncilCommand::Add {
            town,
            date,
            title,
            projects,
            note,
        }) => council_add(&cx, town, date, title, projects, note),
        Command::Council(CouncilCommand::List { town, json }) => council_list(&cx, town, json),
        Command::Calls(CallsCommand::Add {
            scheme,
            year,
            opens,
            closes,
            note,
        }) => calls_add(&cx, scheme, year, opens, closes, note),
        Command::Calls(CallsCommand::List { json }) => calls_list(&cx, json),
    }
}

/// `bourgade check`: the findings of one project or of every project of a town.
fn check(
    cx: &Ctx,
    project_id: Option<i64>,
    town: Option<String>,
    on: Option<String>,
    json: bool,
) -> bourgade_core::Result<()> {
    let (db, lang, today) = (cx.db, cx.lang, cx.today);
    let store = open_ready(db)?;
    let day = match on {
        Some(s) => date_arg("on", "Date de vérification", "Check date", &s)?,
        None => today,
    };
    let findings = match project_id {
        Some(id) => desk::readiness::check_one(&store, id, day)?,
        None => {
            followed(&store, town.as_deref())?;
            desk::readiness::check_all(&store, town.as_deref(), day)?
        }
    };
    if json {
        output::json(&findings);
    } else {
        print_findings(&findings, day, lang);
    }
    Ok(())
}

/// `bourgade rules`: every money rule with its text.
fn list_rules(cx: &Ctx, json: bool) -> bourgade_core::Result<()> {
    let lang = cx.lang;
    let all = rules::rules();
    if json {
        output::json(&all);
    } else {
        print_rules(&all, lang);
    }
    Ok(())
}

/// `bourgade calendar`: the agenda as an ICS file.
fn calendar(
    cx: &Ctx,
    path: PathBuf,
    town: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> bourgade_core::Result<()> {
    let (db, lang, now, today) = (cx.db, cx.lang, cx.now, cx.today);
    let store = open_ready(db)?;
    let town_name = followed(&store, town.as_deref())?;
    let from = match from {
        Some(s) => date_arg("from", "Date de début", "Start date", &s)?,
        None => NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("1 January"),
    };
    let to = match to {
        Some(s) => date_arg("to", "Date de fin", "End date", &s)?,
        None => NaiveDate::from_ymd_opt(today.year() + 1, 12, 31).expect("31 December"),
    };
    if to < from {
        return Err(bad_input(
            format!("Dates : la fin ({to}) est avant le début ({from})."),
            format!("Dates: the end ({to}) is before the start ({from})."),
        ));
    }
    let mut entries = desk::agenda::agenda(&store, town.as_deref(), from, to)?;
    // The closing dates of the imported aids that fit the town's projects.
    entries.extend(desk::aids::aid_agenda(
        &store,
        town.as_deref(),
        from,
        to,
        today,
    )?);
    entries.sort_by(|a, b| (a.date, a.kind, &a.title_fr).cmp(&(b.date, b.kind, &b.title_fr)));
    let name = match &town_name {
        Some(n) => format!("Bourgade — {n}"),
        None => "Bourgade".to_owned(),
    };
    let ics = calendar::agenda_ics(&entries, &name, lang, now);
    write_atomically(&path, ics.as_bytes())?;
    match lang {
        Lang::Fr => eprintln!(
            "{} événement(s) du {} au {} écrit(s) dans {}",
            entries.len(),
            date_in(from, lang),
            date_in(to, lang),
            path.display()
        ),
        Lang::En => eprintln!(
            "{} event(s) from {} to {} written to {}",
            entries.len(),
            date_in(from, lang),
            date_in(to, lang),
            path.display()
        ),
    }
    Ok(())
}

/// `bourgade funding-table`: the finance department's XLSX table.
fn funding_table(cx: &Ctx, path: PathBuf, town: Option<String>) -> bourgade_core::Result<()> {
    let (db, lang, now) = (cx.db, cx.lang, cx.now);
    let store = open_ready(db)?;
    followed(&store, town.as_deref())?;
    let bytes = bourgade_core::exchange::xlsx::funding_table(&store, town.as_deref(), now)?;
    write_atomically(&path, &bytes)?;
    eprintln!(
        "{} {}",
        lang.pick(
            "Tableau des financements écrit dans",
            "Funding table written to"
        ),
        path.display()
    );
    Ok(())
}

/// `bourgade funding move`: a funding line's next step, dated.
fn funding_move(
    cx: &Ctx,
    project_id: i64,
    line: usize,
    to: String,
    date: String,
    amount: Option<String>,
) -> bourgade_core::Result<()> {
    let (db, lang, now) = (cx.db, cx.lang, cx.now);
    let mut store = open_ready(db)?;
    let to = FundingStatus::parse("to", &to).map_err(Error::invalid)?;
    let date = date_arg("date", "Date", "Date", &date)?;
    let amount = amount
        .map(|a| Money::parse_fr("amount", "Montant", "Amount", &a))
        .transpose()
        .map_err(Error::invalid)?;
    if line == 0 {
        return Err(bad_input(
            "Numéro du financement : le premier est 1.".into(),
            "Funding line number: the first is 1.".into(),
        ));
    }
    let (l, _) = store.move_funding_line(project_id, line - 1, to, date, amount, now)?;
    let t = taxonomy();
    let money = |m: Option<Money>| m.map(Money::display_fr).unwrap_or_else(|| "—".into());
    match lang {
            Lang::Fr => eprintln!(
                "Financement n° {line} du projet n° {project_id} : {} le {} (demandé {}, accordé {}, versé {}).",
                t.label("funding_statuses", l.status.as_str(), lang),
                date_in(date, lang),
                money(l.amount_requested),
                money(l.amount_awarded),
                money(l.amount_paid)
            ),
            Lang::En => eprintln!(
                "Funding line #{line} of project #{project_id}: {} on {} (requested {}, awarded {}, paid {}).",
                t.label("funding_statuses", l.status.as_str(), lang),
                date_in(date, lang),
                money(l.amount_requested),
                money(l.amount_awarded),
                money(l.amount_paid)
            ),
        }
    Ok(())
}

/// `bourgade funding history`: a project's funding steps.
fn funding_history(cx: &Ctx, project_id: i64, json: bool) -> bourgade_core::Result<()> {
    let (db, lang) = (cx.db, cx.lang);
    let store = open_ready(db)?;
    store.project(project_id)?;
    let events = store.funding_events(project_id)?;
    if json {
        output::json(&events);
    } else if events.is_empty() {
        eprintln!(
            "{}",
            lang.pick("Aucune étape enregistrée.", "No step recorded.")
        );
    } else {
        let t = taxonomy();
        for e in &events {
            println!(
                "{}  n° {} {:<24} {} → {}  {}",
                e.date,
                e.line_position + 1,
                format!(
                    "{}{}",
                    t.label("funders", e.funder.as_str(), lang),
                    e.scheme
                        .as_deref()
                        .map(|s| format!(" ({s})"))
                        .unwrap_or_default()
                ),
                t.label("funding_statuses", e.from_status.as_str(), lang),
                t.label("funding_statuses", e.to_status.as_str(), lang),
                e.amount.map(Money::display_fr).unwrap_or_default()
            );
        }
    }
    Ok(())
}

/// `bourgade council add`: a council meeting and its agenda.
fn council_add(
    cx: &Ctx,
    town: String,
    date: String,
    title: String,
    projects: Option<String>,
    note: String,
) -> bourgade_core::Result<()> {
    let (db, lang, now) = (cx.db, cx.lang, cx.now);
    let mut store = open_ready(db)?;
    let date = date_arg("date", "Date de la séance", "Meeting date", &date)?;
    let agenda = match projects {
        Some(s) => project_list(&s)?,
        None => Vec::new(),
    };
    let m = store.add_council_meeting(
        CouncilMeetingFields {
            town_insee: town,
            date,
            title,
            note,
            agenda,
        },
        now,
    )?;
    match lang {
        Lang::Fr => eprintln!(
            "Séance n° {} enregistrée : {}, le {} ({} projet(s) à l'ordre du jour).",
            m.id,
            m.display_title(lang),
            date_in(m.fields.date, lang),
            m.fields.agenda.len()
        ),
        Lang::En => eprintln!(
            "Meeting #{} saved: {}, on {} ({} project(s) on the agenda).",
            m.id,
            m.display_title(lang),
            date_in(m.fields.date, lang),
            m.fields.agenda.len()
        ),
    }
    Ok(())
}

/// `bourgade council list`.
fn council_list(cx: &Ctx, town: Option<String>, json: bool) -> bourgade_core::Result<()> {
    let (db, lang) = (cx.db, cx.lang);
    let store = open_ready(db)?;
    followed(&store, town.as_deref())?;
    let meetings = store.council_meetings(town.as_deref())?;
    if json {
        output::json(&meetings);
    } else if meetings.is_empty() {
        eprintln!("{}", lang.pick("Aucune séance.", "No meeting."));
    } else {
        for m in &meetings {
            println!(
                "{:>4}  {}  {}  {}",
                m.id,
                m.fields.date,
                m.fields.town_insee,
                m.display_title(lang)
            );
            for (i, id) in m.fields.agenda.iter().enumerate() {
                let title = store
                    .project(*id)
                    .map(|p| p.fields.title)
                    .unwrap_or_default();
                println!("        {}. n° {id} {title}", i + 1);
            }
        }
    }
    Ok(())
}

/// `bourgade calls add`: a scheme's call of one year.
fn calls_add(
    cx: &Ctx,
    scheme: String,
    year: i32,
    opens: String,
    closes: String,
    note: String,
) -> bourgade_core::Result<()> {
    let (db, lang, now) = (cx.db, cx.lang, cx.now);
    let mut store = open_ready(db)?;
    let fields = SchemeCallFields {
        scheme_code: scheme,
        year,
        opens_on: date_arg("opens", "Date d'ouverture", "Opening date", &opens)?,
        closes_on: date_arg("closes", "Date de clôture", "Closing date", &closes)?,
        note,
    };
    let c = store.add_scheme_call(fields, now)?;
    let f = &c.fields;
    match lang {
        Lang::Fr => eprintln!(
            "Appel n° {} enregistré : {} {}, du {} au {}.",
            c.id,
            f.scheme_code,
            f.year,
            date_in(f.opens_on, lang),
            date_in(f.closes_on, lang)
        ),
        Lang::En => eprintln!(
            "Call #{} saved: {} {}, from {} to {}.",
            c.id,
            f.scheme_code,
            f.year,
            date_in(f.opens_on, lang),
            date_in(f.closes_on, lang)
        ),
    }
    Ok(())
}

/// `bourgade calls list`.
fn calls_list(cx: &Ctx, json: bool) -> bourgade_core::Result<()> {
    let (db, lang) = (cx.db, cx.lang);
    let store = open_ready(db)?;
    let calls = store.scheme_calls()?;
    if json {
        output::json(&calls);
    } else if calls.is_empty() {
        eprintln!(
                "{}",
                lang.pick(
                    "Aucun appel à projets : « bourgade calls add DETR --year 2027 --opens … --closes … ».",
                    "No scheme call: \"bourgade calls add DETR --year 2027 --opens … --closes …\"."
                )
            );
    } else {
        for c in &calls {
            let f = &c.fields;
            println!(
                "{:>4}  {:<20} {}  {} → {}  {}",
                c.id, f.scheme_code, f.year, f.opens_on, f.closes_on, f.note
            );
        }
    }
    Ok(())
}

/// A date argument, or exit code 2 with a message naming it.
fn date_arg(key: &str, fr: &str, en: &str, s: &str) -> bourgade_core::Result<NaiveDate> {
    parse_date(key, fr, en, s).map_err(Error::invalid)
}

/// "9,12" → [9, 12].
fn project_list(s: &str) -> bourgade_core::Result<Vec<i64>> {
    s.split([',', ';', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<i64>().map_err(|_| {
                bad_input(
                    format!(
                        "Projets : « {p} » n'est pas un numéro de projet (ex. --projects 9,12)."
                    ),
                    format!("Projects: \"{p}\" is not a project number (e.g. --projects 9,12)."),
                )
            })
        })
        .collect()
}

/// Checks a `--town` is followed; answers its name.
fn followed(store: &Store, town: Option<&str>) -> bourgade_core::Result<Option<String>> {
    town.map(|t| Ok(store.followed_town(t)?.commune.name))
        .transpose()
}

/// Findings grouped by project, blocking ones first, with a tally on stderr.
fn print_rules(rules: &[bourgade_core::rules::RuleInfo], lang: Lang) {
    for (i, r) in rules.iter().enumerate() {
        if i > 0 {
            println!();
        }
        println!(
            "{} ({})",
            lang.pick(&r.title_fr, &r.title_en),
            r.id.as_str()
        );
        match &r.basis {
            Some(b) => {
                println!(
                    "  {} {}, {}",
                    lang.pick("Texte :", "Text:"),
                    lang.pick(&b.text_fr, &b.text_en),
                    b.article
                );
                println!(
                    "  {} {}",
                    lang.pick("Version :", "Version:"),
                    lang.pick(&b.version_fr, &b.version_en)
                );
                if let Some(url) = &b.url {
                    println!("  {} {url}", lang.pick("Lien :", "Link:"));
                }
            }
            None => println!(
                "  {}",
                lang.pick(
                    "Règle de bonne gestion (pas de texte de loi)",
                    "Rule of good practice (no legal text)"
                )
            ),
        }
        println!("  {}", lang.pick(&r.summary_fr, &r.summary_en));
        let notes = match lang {
            Lang::Fr => &r.notes_fr,
            Lang::En => &r.notes_en,
        };
        for note in notes {
            println!("  – {note}");
        }
    }
}

fn print_findings(findings: &[Finding], day: NaiveDate, lang: Lang) {
    if findings.is_empty() {
        eprintln!(
            "{} {}",
            lang.pick("Aucun point à traiter au", "Nothing to address on"),
            date_in(day, lang)
        );
        return;
    }
    let mut current = None;
    for f in findings {
        if current != Some(f.project_id) {
            if current.is_some() {
                println!();
            }
            current = Some(f.project_id);
            println!(
                "{} {} — {}",
                lang.pick("N°", "No."),
                f.project_id,
                f.project_title
            );
        }
        let marker = match f.severity {
            Severity::Blocking => "✖",
            Severity::Warning => "⚠",
            Severity::Info => "ℹ",
        };
        println!(
            "  {marker} {:<13} {}",
            f.severity.label(lang),
            f.message(lang)
        );
        println!(
            "  {:15} {} {}",
            "",
            lang.pick("Calcul :", "Computation:"),
            f.computation(lang)
        );
        if let Some(b) = &f.basis {
            println!(
                "  {:15} {} {}, {} — {}",
                "",
                lang.pick("Texte :", "Text:"),
                lang.pick(&b.text_fr, &b.text_en),
                b.article,
                lang.pick(&b.version_fr, &b.version_en)
            );
        }
    }
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    let projects = {
        let mut ids: Vec<i64> = findings.iter().map(|f| f.project_id).collect();
        ids.dedup();
        ids.len()
    };
    match lang {
        Lang::Fr => eprintln!(
            "\nAu {} : {} bloquant(s), {} à surveiller, {} pour information, sur {projects} projet(s).",
            date_in(day, lang),
            count(Severity::Blocking),
            count(Severity::Warning),
            count(Severity::Info)
        ),
        Lang::En => eprintln!(
            "\nOn {}: {} blocking, {} warning(s), {} info, in {projects} project(s).",
            date_in(day, lang),
            count(Severity::Blocking),
            count(Severity::Warning),
            count(Severity::Info)
        ),
    }
}

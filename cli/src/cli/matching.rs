//! `bourgade actors suggest` and `bourgade solutions suggest|record`: who can
//! help a project at its stage, which town has done it before, and recording
//! a finished project as a new inspiring solution. The ranking is the core's
//! (`bourgade_core::matching`); this module parses and prints.

use super::{bad_input, open_ready, output};
use bourgade_core::desk;
use bourgade_core::matching::{ActorSuggestion, Reason, SolutionSuggestion, SuggestFilter};
use bourgade_core::model::{Project, Service};
use bourgade_core::reference::taxonomy;
use bourgade_core::text::fold;
use bourgade_core::Lang;
use std::path::Path;

/// The two areas, flattened into the main command.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Acteurs de l'ESS qui peuvent aider un projet
    #[command(subcommand)]
    Actors(ActorsCommand),
    /// Solutions inspirantes : suggestions, enregistrement d'un projet abouti
    #[command(subcommand)]
    Solutions(SolutionsCommand),
}

#[derive(clap::Subcommand)]
pub enum ActorsCommand {
    /// Liste les acteurs du catalogue et les vôtres, avec leur territoire
    List {
        /// Seulement ceux qui travaillent dans cette région (code INSEE : 27, 76…)
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        /// Seulement ceux qui travaillent dans ce département (70, 2A, 971…),
        /// acteurs nationaux compris
        #[arg(long, value_name = "CODE")]
        departement: Option<String>,
        /// Seulement ce type d'acteur (financer, cress, cooperative_union…)
        #[arg(long, value_name = "TYPE")]
        kind: Option<String>,
        /// Inclut les acteurs retirés du catalogue
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Qui peut aider ce projet à son étape actuelle ? Classement avec ses raisons
    Suggest {
        /// Numéro du projet
        project_id: i64,
        #[arg(long)]
        json: bool,
        /// Nombre maximal de nouvelles suggestions (les acteurs déjà liés s'y ajoutent)
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Seulement les acteurs offrant ce service : engineering, financing,
        /// training, premises, network (ou son nom français : financement…)
        #[arg(long, value_name = "SERVICE")]
        service: Option<String>,
    },
}

#[derive(clap::Subcommand)]
pub enum SolutionsCommand {
    /// Quelle commune l'a déjà fait ? Solutions inspirantes pour ce projet
    Suggest {
        /// Numéro du projet
        project_id: i64,
        #[arg(long)]
        json: bool,
        /// Nombre maximal de nouvelles suggestions
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Enregistre un projet ouvert (étape 7 ou 8) comme solution inspirante
    Record {
        /// Numéro du projet
        project_id: i64,
        #[arg(long)]
        json: bool,
    },
}

/// Runs one matching command.
pub fn run(c: Command, db: &Path, lang: Lang) -> bourgade_core::Result<()> {
    match c {
        Command::Actors(ActorsCommand::List {
            region,
            departement,
            kind,
            all,
            json,
        }) => super::catalogue::list_actors(db, region, departement, kind, all, json, lang)?,
        Command::Actors(ActorsCommand::Suggest {
            project_id,
            json,
            limit,
            service,
        }) => {
            let store = open_ready(db)?;
            let filter = SuggestFilter {
                service: service.as_deref().map(parse_service).transpose()?,
                limit: Some(limit),
            };
            let found = desk::suggestions::suggest_actors(&store, project_id, &filter)?;
            if json {
                output::json(&found);
            } else {
                let project = store.project(project_id)?;
                heading(
                    &project,
                    lang.pick("Qui peut aider le projet", "Who can help project"),
                    lang,
                );
                print_actors(&found, lang);
            }
        }
        Command::Solutions(SolutionsCommand::Suggest {
            project_id,
            json,
            limit,
        }) => {
            let store = open_ready(db)?;
            let filter = SuggestFilter {
                service: None,
                limit: Some(limit),
            };
            let found = desk::suggestions::suggest_solutions(&store, project_id, &filter)?;
            if json {
                output::json(&found);
            } else {
                let project = store.project(project_id)?;
                heading(
                    &project,
                    lang.pick(
                        "Solutions inspirantes pour le projet",
                        "Inspiring solutions for project",
                    ),
                    lang,
                );
                print_solutions(&found, lang);
            }
        }
        Command::Solutions(SolutionsCommand::Record { project_id, json }) => {
            let mut store = open_ready(db)?;
            let today = bourgade_core::day::today();
            let s = desk::suggestions::record_solution_from_project(&mut store, project_id, today)?;
            if json {
                output::json(&s);
            } else {
                match lang {
                    Lang::Fr => eprintln!(
                        "Solution inspirante enregistrée : « {} » (identifiant {}). Elle sera proposée aux projets qui partagent ses thèmes.",
                        s.title_fr, s.id
                    ),
                    Lang::En => eprintln!(
                        "Inspiring solution recorded: \"{}\" (id {}). It will be suggested to projects sharing its themes.",
                        s.title_en, s.id
                    ),
                }
            }
        }
    }
    Ok(())
}

/// A service by its code or its label in either language, accents ignored.
fn parse_service(s: &str) -> bourgade_core::Result<Service> {
    let wanted = fold(s.trim());
    let t = taxonomy();
    if let Some(l) = t
        .services
        .iter()
        .find(|l| l.code == wanted || fold(&l.fr) == wanted || fold(&l.en) == wanted)
    {
        return Service::parse("service", &l.code).map_err(bourgade_core::Error::invalid);
    }
    let known: Vec<String> = t
        .services
        .iter()
        .map(|l| format!("{} ({})", l.code, l.fr.to_lowercase()))
        .collect();
    Err(bad_input(
        format!(
            "Service inconnu « {s} » : choisissez parmi {}.",
            known.join(", ")
        ),
        format!(
            "Unknown service \"{s}\": choose among {}.",
            t.services
                .iter()
                .map(|l| l.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ))
}

fn heading(p: &Project, what: &str, lang: Lang) {
    let stage = p.fields.stage.number().to_string();
    let label = taxonomy().label("stages", &stage, lang);
    let number = lang.pick("n°\u{a0}", "#");
    println!("{what} {number}{} — {}", p.id, p.fields.title);
    match lang {
        Lang::Fr => println!("Étape {stage} : {label}\n"),
        Lang::En => println!("Stage {stage}: {label}\n"),
    }
}

fn reasons(rs: &[Reason], lang: Lang) -> String {
    rs.iter()
        .map(|r| lang.pick(&r.fr, &r.en))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn print_actors(found: &[ActorSuggestion], lang: Lang) {
    let fresh: Vec<&ActorSuggestion> = found.iter().filter(|s| !s.already_linked).collect();
    if fresh.is_empty() {
        eprintln!(
            "{}",
            lang.pick(
                "Aucun nouvel acteur à suggérer pour ce projet.",
                "No new actor to suggest for this project."
            )
        );
    }
    for (i, s) in fresh.iter().enumerate() {
        println!("{:>2}. {} — {} pts", i + 1, s.name, s.score);
        println!("    {}", reasons(&s.reasons, lang));
        if let Some(w) = &s.website {
            println!("    {w}");
        }
    }
    let linked: Vec<&ActorSuggestion> = found.iter().filter(|s| s.already_linked).collect();
    if !linked.is_empty() {
        println!(
            "\n{}",
            lang.pick("Déjà liés au projet :", "Already linked to the project:")
        );
        for s in linked {
            println!("  · {} — {} pts", s.name, s.score);
            println!("    {}", reasons(&s.reasons, lang));
        }
    }
}

fn print_solutions(found: &[SolutionSuggestion], lang: Lang) {
    let fresh: Vec<&SolutionSuggestion> = found.iter().filter(|s| !s.already_linked).collect();
    if fresh.is_empty() {
        eprintln!(
            "{}",
            lang.pick(
                "Aucune nouvelle solution à suggérer pour ce projet.",
                "No new solution to suggest for this project."
            )
        );
    }
    let title = |s: &SolutionSuggestion| lang.pick(&s.title_fr, &s.title_en).to_owned();
    for (i, s) in fresh.iter().enumerate() {
        println!("{:>2}. {} — {} pts", i + 1, title(s), s.score);
        println!("    {}", reasons(&s.reasons, lang));
    }
    let linked: Vec<&SolutionSuggestion> = found.iter().filter(|s| s.already_linked).collect();
    if !linked.is_empty() {
        println!(
            "\n{}",
            lang.pick("Déjà liées au projet :", "Already linked to the project:")
        );
        for s in linked {
            println!("  · {} — {} pts", title(s), s.score);
            println!("    {}", reasons(&s.reasons, lang));
        }
    }
}

//! `bourgade actors list`, `bourgade schemes list` and `bourgade catalogue
//! update|export`: the catalogue as it stands, with each actor's territory
//! in words, and catalogue updates from a file. The core decides
//! (`bourgade_core::desk::catalogue`); this module parses and prints.

use super::{bad_input, open_ready, output};
use bourgade_core::desk::catalogue::{self, ActorQuery, ActorView};
use bourgade_core::model::{ActorKind, FundingScheme};
use bourgade_core::reference::taxonomy;
use bourgade_core::store::{CatalogueReport, EntryKind, EntryRef};
use bourgade_core::text::fold;
use bourgade_core::{Lang, Result};
use std::path::{Path, PathBuf};

/// The catalogue's commands, flattened into the main command.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Dispositifs de financement du catalogue
    #[command(subcommand)]
    Schemes(SchemesCommand),
    /// Le catalogue : mise à jour depuis un fichier, export
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
}

#[derive(clap::Subcommand)]
pub enum SchemesCommand {
    /// Liste les dispositifs de financement (DETR, DSIL, Fonds vert…)
    List {
        #[arg(long)]
        json: bool,
        /// Inclut les dispositifs retirés du catalogue
        #[arg(long)]
        all: bool,
    },
}

#[derive(clap::Subcommand)]
pub enum CatalogueCommand {
    /// Met à jour le catalogue depuis un fichier (catalogue d'une version plus
    /// récente, ou fichier d'un réseau régional) : vos acteurs et vos
    /// modifications ne sont jamais touchés
    Update {
        /// Fichier du catalogue (JSON, format bourgade-catalogue)
        file: PathBuf,
        /// Dit ce qui changerait, sans rien modifier
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Écrit le catalogue livré avec cette version dans un fichier
    Export {
        /// Fichier à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER")]
        output: PathBuf,
    },
}

/// `bourgade actors list`.
pub fn list_actors(
    db: &Path,
    region: Option<String>,
    departement: Option<String>,
    kind: Option<String>,
    all: bool,
    json: bool,
    lang: Lang,
) -> Result<()> {
    let store = open_ready(db)?;
    let query = ActorQuery {
        region: region.map(|r| r.trim().to_owned()),
        departement: departement.map(|d| d.trim().to_uppercase()),
        kind: kind.as_deref().map(parse_kind).transpose()?,
        include_retired: all,
    };
    let found = catalogue::actors(&store, &query)?;
    if json {
        output::json(&found);
        return Ok(());
    }
    if found.is_empty() {
        eprintln!(
            "{}",
            lang.pick("Aucun acteur ne correspond.", "No actor matches.")
        );
    }
    for a in &found {
        print_actor(a, lang);
    }
    Ok(())
}

fn print_actor(a: &ActorView, lang: Lang) {
    let t = taxonomy();
    let kind = t.label("actor_kinds", a.actor.kind.as_str(), lang);
    let mut flags = String::new();
    if a.actor.retired {
        flags.push_str(lang.pick(" [retiré du catalogue]", " [retired from the catalogue]"));
    }
    if a.local {
        flags.push_str(lang.pick(
            " [saisi ou modifié par vous]",
            " [entered or edited by you]",
        ));
    }
    println!("{} — {kind}{flags}", a.actor.name);
    println!("    {}", lang.pick(&a.area_fr, &a.area_en));
    let checked = a
        .actor
        .verified_on
        .map(|d| match lang {
            Lang::Fr => format!(" (vérifié le {})", bourgade_core::text::date_fr(d)),
            Lang::En => format!(" (checked on {})", bourgade_core::text::date_en(d)),
        })
        .unwrap_or_default();
    if !a.actor.source.is_empty() {
        println!(
            "    {} {}{checked}",
            lang.pick("Source :", "Source:"),
            a.actor.source
        );
    }
    if let Some(w) = &a.actor.website {
        println!("    {w}");
    }
}

/// A kind of actor by its code or its label in either language.
fn parse_kind(s: &str) -> Result<ActorKind> {
    let wanted = fold(s.trim());
    let t = taxonomy();
    if let Some(l) = t
        .actor_kinds
        .iter()
        .find(|l| l.code == wanted || fold(&l.fr) == wanted || fold(&l.en) == wanted)
    {
        return ActorKind::parse("kind", &l.code).map_err(bourgade_core::Error::invalid);
    }
    let codes: Vec<&str> = t.actor_kinds.iter().map(|l| l.code.as_str()).collect();
    Err(bad_input(
        format!(
            "Type d'acteur inconnu « {s} » : choisissez parmi {}.",
            codes.join(", ")
        ),
        format!(
            "Unknown actor kind \"{s}\": choose among {}.",
            codes.join(", ")
        ),
    ))
}

/// Runs one catalogue command.
pub fn run(c: Command, db: &Path, lang: Lang) -> Result<()> {
    match c {
        Command::Schemes(SchemesCommand::List { json, all }) => {
            let store = open_ready(db)?;
            let found = catalogue::schemes(&store, all)?;
            if json {
                output::json(&found);
            } else {
                for f in &found {
                    print_scheme(f, lang);
                }
            }
        }
        Command::Catalogue(CatalogueCommand::Update {
            file,
            dry_run,
            json,
        }) => {
            let mut store = open_ready(db)?;
            let report = catalogue::update_catalogue(&mut store, &file, dry_run)?;
            if json {
                output::json(&report);
            } else {
                print_report(&report, lang);
            }
        }
        Command::Catalogue(CatalogueCommand::Export { output }) => {
            let n = catalogue::export_catalogue(&output, bourgade_core::day::today())?;
            match lang {
                Lang::Fr => eprintln!("Catalogue écrit ({n} entrées) : {}", output.display()),
                Lang::En => eprintln!("Catalogue written ({n} entries): {}", output.display()),
            }
        }
    }
    Ok(())
}

fn print_scheme(f: &FundingScheme, lang: Lang) {
    let t = taxonomy();
    let funder = t.label("funders", f.funder.as_str(), lang);
    let retired = if f.retired {
        lang.pick(" [retiré du catalogue]", " [retired from the catalogue]")
    } else {
        ""
    };
    println!(
        "{:<24} {} — {funder}{retired}",
        f.code,
        lang.pick(&f.name_fr, &f.name_en)
    );
    if let Some(r) = f.usual_rate_max_percent {
        match lang {
            Lang::Fr => println!("{:<24} taux maximal usuel : {r} %", ""),
            Lang::En => println!("{:<24} usual maximum rate: {r} %", ""),
        }
    }
    if !f.source.is_empty() {
        println!(
            "{:<24} {} {}",
            "",
            lang.pick("Source :", "Source:"),
            f.source
        );
    }
}

fn entry_line(e: &EntryRef, lang: Lang) -> String {
    let kind = match (e.kind, lang) {
        (EntryKind::Actor, Lang::Fr) => "acteur",
        (EntryKind::Scheme, Lang::Fr) => "dispositif",
        (EntryKind::Solution, Lang::Fr) => "solution",
        (EntryKind::Actor, Lang::En) => "actor",
        (EntryKind::Scheme, Lang::En) => "scheme",
        (EntryKind::Solution, Lang::En) => "solution",
    };
    format!("  · {} ({kind} {})", e.name, e.id)
}

fn print_report(r: &CatalogueReport, lang: Lang) {
    let sections: [(&[EntryRef], &str, &str); 4] = [
        (&r.added, "Ajoutés", "Added"),
        (&r.changed, "Modifiés", "Changed"),
        (
            &r.retired,
            "Retirés (gardés pour les projets qui les citent)",
            "Retired (kept for the projects that name them)",
        ),
        (
            &r.kept_user,
            "Laissés tels que vous les avez saisis ou modifiés",
            "Left as you entered or edited them",
        ),
    ];
    for (list, fr, en) in sections {
        if list.is_empty() {
            continue;
        }
        println!("{} ({}) :", lang.pick(fr, en), list.len());
        for e in list {
            println!("{}", entry_line(e, lang));
        }
    }
    let total = r.added.len() + r.changed.len() + r.retired.len();
    match (lang, r.dry_run) {
        (Lang::Fr, true) => eprintln!(
            "Vérification seulement, rien n'a été modifié : {total} changement(s), {} entrée(s) déjà à jour.",
            r.unchanged
        ),
        (Lang::Fr, false) => eprintln!(
            "Catalogue mis à jour : {total} changement(s), {} entrée(s) déjà à jour.",
            r.unchanged
        ),
        (Lang::En, true) => eprintln!(
            "Check only, nothing changed: {total} change(s), {} entr(ies) already up to date.",
            r.unchanged
        ),
        (Lang::En, false) => eprintln!(
            "Catalogue updated: {total} change(s), {} entr(ies) already up to date.",
            r.unchanged
        ),
    }
}

//! Steering the programme: `bourgade programme` (the town's multi-year
//! investment plan, as a table, JSON or an XLSX for the finance
//! department). The figures are the core's (`bourgade_core::desk::steering`);
//! this module parses and prints.

use super::{open_ready, output, write_atomically};
use bourgade_core::desk::steering;
use bourgade_core::model::Money;
use bourgade_core::Lang;
use chrono::Datelike;
use std::path::{Path, PathBuf};

/// The area, flattened into the main command.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Programme pluriannuel d'investissement : dépenses, recettes et charge nette par année et par projet
    Programme {
        /// Seulement cette commune (code INSEE)
        #[arg(long, value_name = "INSEE")]
        town: Option<String>,
        /// Première année (par défaut : l'année en cours)
        #[arg(long, value_name = "AAAA")]
        from: Option<i32>,
        /// Dernière année (par défaut : quatre ans après la première)
        #[arg(long, value_name = "AAAA")]
        to: Option<i32>,
        #[arg(long)]
        json: bool,
        /// Écrit le classeur XLSX pour le service financier
        #[arg(short = 'o', long = "output", value_name = "FICHIER.xlsx")]
        output: Option<PathBuf>,
    },
}

fn money(m: Money, lang: Lang) -> String {
    m.display(lang)
}

/// Runs one steering command.
pub fn run(c: Command, db: &Path, lang: Lang) -> bourgade_core::Result<()> {
    let Command::Programme {
        town,
        from,
        to,
        json,
        output: out,
    } = c;
    let store = open_ready(db)?;
    let from = from.unwrap_or_else(|| bourgade_core::day::today().year());
    let to = to.unwrap_or(from + 4);
    if let Some(path) = out {
        let bytes =
            steering::programme_xlsx(&store, town.as_deref(), from, to, chrono::Utc::now())?;
        write_atomically(&path, &bytes)?;
        eprintln!(
            "{}",
            match lang {
                Lang::Fr => format!("Classeur écrit : {}", path.display()),
                Lang::En => format!("Workbook written: {}", path.display()),
            }
        );
        return Ok(());
    }
    let p = steering::programme(&store, town.as_deref(), from, to)?;
    if json {
        output::json(&p);
        return Ok(());
    }
    println!(
        "{:<6} {:>16} {:>16} {:>16}",
        lang.pick("Année", "Year"),
        lang.pick("Dépenses", "Spending"),
        lang.pick("Recettes", "Receipts"),
        lang.pick("Charge nette", "Net burden")
    );
    for t in &p.totals {
        println!(
            "{:<6} {:>16} {:>16} {:>16}",
            t.year,
            money(t.spending(), lang),
            money(t.receipts, lang),
            money(t.net, lang)
        );
    }
    if p.unscheduled_receipts.cents() > 0 {
        println!(
            "{} {}",
            lang.pick(
                "Aides accordées sans échéancier ni date, hors tableau :",
                "Awarded grants with no schedule or date, outside the table:"
            ),
            money(p.unscheduled_receipts, lang)
        );
    }
    println!();
    for proj in &p.projects {
        let spend: i64 = proj.years.iter().map(|y| y.spending().cents()).sum();
        let receipts: i64 = proj.years.iter().map(|y| y.receipts.cents()).sum();
        println!(
            "{:>4}  {:<50} {:>16} {:>16}",
            proj.project_id,
            proj.title.chars().take(50).collect::<String>(),
            money(Money(spend), lang),
            money(Money(receipts), lang)
        );
    }
    Ok(())
}

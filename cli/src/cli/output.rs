//! What the command line prints: short human tables on stdout, notes on
//! stderr, or stable JSON on stdout with `--json`.

use bourgade_core::exchange::ImportReport;
use bourgade_core::model::{Commune, Money, ProjectDetail, ProjectSummary, Town};
use bourgade_core::reference::taxonomy;
use bourgade_core::store::{CatalogueStatus, Store};
use bourgade_core::Lang;
use std::path::Path;

pub fn json<T: serde::Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("output serialises")
    );
}

/// Cuts a text for a table cell (display only; the data is untouched).
fn cell(s: &str, width: usize) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one_line.chars().count() <= width {
        one_line
    } else {
        one_line.chars().take(width - 1).chain(['…']).collect()
    }
}

fn thousands(n: i64) -> String {
    bourgade_core::text::group_thousands(n, '\u{202f}')
}

pub fn init_done(store: &Store, s: &CatalogueStatus, lang: Lang) {
    let path = store
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    match lang {
        Lang::Fr => eprintln!(
            "Base prête : {path}\n  {} communes, {} acteurs de l'ESS, {} solutions inspirantes, {} dispositifs de financement.",
            thousands(s.communes),
            s.actors,
            s.solutions,
            s.schemes
        ),
        Lang::En => eprintln!(
            "Database ready: {path}\n  {} communes, {} SSE actors, {} inspiring solutions, {} funding schemes.",
            s.communes, s.actors, s.solutions, s.schemes
        ),
    }
}

pub fn demo_loaded(r: &ImportReport, lang: Lang) {
    match lang {
        Lang::Fr => eprintln!(
            "Démonstration chargée : {} projet(s) créé(s), {} mis à jour (commune de démonstration : Carhaix-Plouguer, projets fictifs).",
            r.created, r.updated
        ),
        Lang::En => eprintln!("Demo loaded: {} project(s) created, {} updated (demo town: Carhaix-Plouguer, fictional projects).", r.created, r.updated),
    }
}

pub fn communes(found: &[Commune], lang: Lang) {
    if found.is_empty() {
        eprintln!(
            "{}",
            lang.pick("Aucune commune trouvée.", "No commune found.")
        );
        return;
    }
    println!(
        "{:<6} {:<32} {:<4} {:>9}  EPCI",
        "INSEE",
        lang.pick("Commune", "Town"),
        lang.pick("Dép.", "Dep."),
        "Pop.",
    );
    for c in found {
        println!(
            "{:<6} {:<32} {:<4} {:>9}  {}",
            c.insee,
            cell(&c.name, 32),
            c.departement,
            c.population.map(thousands).unwrap_or_else(|| "—".into()),
            cell(c.epci_name.as_deref().unwrap_or("—"), 50)
        );
    }
}

pub fn town_added(t: &Town, lang: Lang) {
    let c = &t.commune;
    match lang {
        Lang::Fr => eprintln!(
            "Commune suivie : {} ({}, {}).",
            c.name, c.departement_name, c.insee
        ),
        Lang::En => eprintln!(
            "Town followed: {} ({}, {}).",
            c.name, c.departement_name, c.insee
        ),
    }
    if let Some(pop) = c.population.filter(|_| c.above_pvd_ceiling()) {
        match lang {
            Lang::Fr => eprintln!(
                "Attention : {} habitants, au-delà des 20 000 du programme Petites villes de demain (Action cœur de ville vise les villes plus grandes).",
                thousands(pop)
            ),
            Lang::En => eprintln!("Note: {pop} inhabitants, above the programme's 20,000 (Action cœur de ville serves larger towns)."),
        }
    }
}

pub fn towns(towns: &[Town], lang: Lang) {
    if towns.is_empty() {
        eprintln!(
            "{}",
            lang.pick(
                "Aucune commune suivie : « bourgade town add INSEE ».",
                "No town followed: \"bourgade town add INSEE\"."
            )
        );
        return;
    }
    for t in towns {
        let c = &t.commune;
        let demo = if t.is_demo {
            lang.pick(" [démonstration]", " [demo]")
        } else {
            ""
        };
        println!("{:<6} {} ({}){demo}", c.insee, c.name, c.departement_name);
    }
}

pub fn projects(list: &[ProjectSummary], lang: Lang) {
    if list.is_empty() {
        eprintln!("{}", lang.pick("Aucun projet.", "No project."));
        return;
    }
    let t = taxonomy();
    println!(
        "{:>4}  {:<50} {:<26} {:<14} {:>14}",
        lang.pick("N°", "No."),
        lang.pick("Projet", "Project"),
        lang.pick("Étape", "Stage"),
        lang.pick("Santé", "Health"),
        lang.pick("Coût HT", "Cost excl. VAT")
    );
    for p in list {
        let stage = format!(
            "{} {}",
            p.stage.number(),
            t.label("stages", &p.stage.number().to_string(), lang)
        );
        println!(
            "{:>4}  {:<50} {:<26} {:<14} {:>14}",
            p.id,
            cell(&p.title, 50),
            cell(&stage, 26),
            cell(t.label("health", p.health.as_str(), lang), 14),
            p.cost_excl_vat
                .map(Money::display_fr)
                .unwrap_or_else(|| "—".into())
        );
    }
    eprintln!("{} {}", list.len(), lang.pick("projet(s)", "project(s)"));
}

pub fn project(store: &Store, d: &ProjectDetail, lang: Lang) -> bourgade_core::Result<()> {
    let t = taxonomy();
    let p = &d.project;
    let f = &p.fields;
    let town = store
        .town(&f.town_insee)?
        .map(|t| t.commune.name)
        .unwrap_or_else(|| f.town_insee.clone());
    let money = |m: Option<Money>| m.map(Money::display_fr).unwrap_or_else(|| "—".into());
    println!("N° {} — {}", p.id, f.title);
    println!("{} : {town}", lang.pick("Commune", "Town"));
    println!(
        "{} : {} {} — {} : {}",
        lang.pick("Étape", "Stage"),
        f.stage.number(),
        t.label("stages", &f.stage.number().to_string(), lang),
        lang.pick("santé", "health"),
        t.label("health", f.health.as_str(), lang)
    );
    if let Some(axis) = f.ort_axis {
        println!(
            "{} : {}{}",
            lang.pick("Axe ORT", "ORT axis"),
            t.label("axes", axis.as_str(), lang),
            f.action_sheet
                .as_deref()
                .map(|s| format!(" (fiche {s})"))
                .unwrap_or_default()
        );
    }
    if !f.themes.is_empty() {
        let themes: Vec<&str> = f
            .themes
            .iter()
            .map(|th| t.label("themes", th.as_str(), lang))
            .collect();
        println!("{} : {}", lang.pick("Thèmes", "Themes"), themes.join(", "));
    }
    println!(
        "{} : {} HT / {} TTC",
        lang.pick("Coût", "Cost"),
        money(f.cost_excl_vat),
        money(f.cost_incl_vat)
    );
    println!(
        "{} : {}",
        lang.pick("Maître d'ouvrage", "Project owner"),
        t.label("owner_kinds", f.owner_kind.as_str(), lang)
    );
    if f.derogation != bourgade_core::model::Derogation::NoDerogation {
        println!(
            "{} : {}",
            lang.pick("Dérogation", "Exception"),
            t.label("derogations", f.derogation.as_str(), lang)
        );
    }
    for (label, text) in [
        (lang.pick("Résumé", "Summary"), &f.summary),
        (
            lang.pick("Contexte et besoin", "Context and need"),
            &f.context,
        ),
        (lang.pick("Proposition", "Proposal"), &f.proposal),
        (lang.pick("Risques", "Risks"), &f.risks),
    ] {
        if !text.trim().is_empty() {
            println!("\n{label} :\n  {text}");
        }
    }
    if !d.lines.expense_lines.is_empty() {
        println!(
            "\n{} :",
            lang.pick(
                "Postes de dépenses (le coût en est la somme)",
                "Expense lines (the cost is their sum)"
            )
        );
        for e in &d.lines.expense_lines {
            println!(
                "  {:<28} {:<40} {:>14} HT  {:>14} TTC",
                cell(t.label("expense_categories", e.category.as_str(), lang), 28),
                cell(&e.label, 40),
                e.amount_excl_vat.display_fr(),
                e.amount_incl_vat().display_fr()
            );
        }
    }
    if !d.lines.funding_lines.is_empty() {
        println!("\n{} :", lang.pick("Plan de financement", "Funding plan"));
        for l in &d.lines.funding_lines {
            println!(
                "  {:<28} {:<22} {:>14}  {}",
                t.label("funders", l.funder.as_str(), lang),
                cell(l.scheme.as_deref().unwrap_or(""), 22),
                l.planned_amount().display_fr(),
                t.label("funding_statuses", l.status.as_str(), lang)
            );
        }
    }
    if !d.lines.milestones.is_empty() {
        println!("\n{} :", lang.pick("Jalons", "Milestones"));
        for m in &d.lines.milestones {
            println!(
                "  [{}] {} {}",
                if m.done { "x" } else { " " },
                m.due_date,
                m.title
            );
        }
    }
    if !d.lines.stage_events.is_empty() {
        println!(
            "\n{} :",
            lang.pick("Historique des étapes", "Stage history")
        );
        for e in &d.lines.stage_events {
            let from = e
                .from_stage
                .map(|s| s.number().to_string())
                .unwrap_or_else(|| "—".into());
            println!("  {} : {from} → {} {}", e.date, e.to_stage.number(), e.note);
        }
    }
    Ok(())
}

pub fn exported(path: &Path, n: usize, lang: Lang) {
    match lang {
        Lang::Fr => eprintln!("{n} projet(s) exporté(s) dans {}", path.display()),
        Lang::En => eprintln!("{n} project(s) exported to {}", path.display()),
    }
}

pub fn imported(r: &ImportReport, lang: Lang) {
    for note in &r.notes {
        eprintln!("{note}");
    }
    let towns = r.towns_added.join(", ");
    match (lang, r.dry_run) {
        (Lang::Fr, true) => eprintln!(
            "Vérification réussie, rien n'a été modifié : l'import créerait {} projet(s) et en mettrait à jour {}{}.",
            r.created,
            r.updated,
            if towns.is_empty() { String::new() } else { format!(", et suivrait les communes {towns}") }
        ),
        (Lang::Fr, false) => eprintln!(
            "Import réussi : {} projet(s) créé(s), {} mis à jour{}.",
            r.created,
            r.updated,
            if towns.is_empty() { String::new() } else { format!(" ; communes ajoutées : {towns}") }
        ),
        (Lang::En, true) => eprintln!("Check passed, nothing changed: the import would create {} and update {} project(s).", r.created, r.updated),
        (Lang::En, false) => eprintln!("Import done: {} project(s) created, {} updated.", r.created, r.updated),
    }
}

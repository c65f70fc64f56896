//! Expense lines (*postes de dépenses*): the project's cost and each funding
//! line's eligible base derive from them in every write path, a stated
//! figure that contradicts them is refused with a French message and
//! nothing written, and they travel in the JSON exchange. Expected values
//! are computed by hand in the comments.

use bourgade_core::desk::readiness::check_one;
use bourgade_core::error::Error;
use bourgade_core::exchange::{csv as xcsv, json as xjson};
use bourgade_core::model::*;
use bourgade_core::store::{ProjectFilter, Store};
use bourgade_core::testing::{day, demo_now, demo_store};

fn id_of(s: &Store, prefix: &str) -> i64 {
    let all = s.projects(&ProjectFilter::default()).unwrap();
    all.iter()
        .find(|p| p.title.starts_with(prefix))
        .unwrap_or_else(|| panic!("no demo project « {prefix} »"))
        .id
}

fn euros(e: i64) -> Money {
    Money::euros(e)
}

fn problems(e: Error) -> Vec<bourgade_core::error::Problem> {
    match e {
        Error::Invalid(p) => p,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn the_demo_plan_derives_its_cost_and_bases_from_its_expense_lines() {
    let s = demo_store();
    let d = s
        .project_detail(id_of(&s, "Habitat intergénérationnel"))
        .unwrap();
    assert_eq!(d.lines.expense_lines.len(), 5);
    // 196 000 + 380 000 + 1 225 000 + 549 000 + 100 000 = 2 450 000 € HT.
    assert_eq!(d.project.fields.cost_excl_vat, Some(euros(2_450_000)));
    // VAT: 20 % of (196 000 + 1 225 000 + 549 000 + 100 000) = 414 000 €;
    // the acquisition (380 000 €) bears none: 2 864 000 € TTC.
    assert_eq!(d.project.fields.cost_incl_vat, Some(euros(2_864_000)));
    // The DSIL line (position 1) counts the works on the dwellings only.
    let bases: Vec<_> = d
        .lines
        .funding_lines
        .iter()
        .map(|l| l.eligible_base_excl_vat)
        .collect();
    assert_eq!(
        bases,
        vec![
            Some(euros(2_450_000)),
            Some(euros(1_225_000)),
            Some(euros(2_450_000)),
            Some(euros(2_450_000)),
            Some(euros(2_450_000)),
        ]
    );
    assert_eq!(
        d.project.fields.application.operation,
        Some(OperationKind::WorksAndAcquisition)
    );
}

#[test]
fn saving_expense_lines_sets_the_cost_and_the_plan_check_sees_it() {
    let mut s = demo_store();
    let id = id_of(&s, "Centrale solaire citoyenne");
    let mut lines = s.project_detail(id).unwrap().lines;
    // The stored bases are derived: a client sends them empty.
    for l in &mut lines.funding_lines {
        l.eligible_base_excl_vat = None;
    }
    // One more expense: 20 000 € HT of signage at 20 %, not for the
    // Region (position 1).
    let mut extra = ExpenseLine::new(
        ExpenseCategory::Other,
        "Signalétique et communication",
        euros(20_000),
    );
    extra.ineligible_for = vec![1];
    lines.expense_lines.push(extra);
    let d = s.save_project_lines(id, lines, demo_now()).unwrap();
    // 420 000 + 20 000 = 440 000 € HT; × 1,2 = 528 000 € TTC.
    assert_eq!(d.project.fields.cost_excl_vat, Some(euros(440_000)));
    assert_eq!(d.project.fields.cost_incl_vat, Some(euros(528_000)));
    assert_eq!(
        d.lines.funding_lines[0].eligible_base_excl_vat,
        Some(euros(440_000))
    );
    assert_eq!(
        d.lines.funding_lines[1].eligible_base_excl_vat,
        Some(euros(420_000))
    );
    // The plan (105 000 + 63 000 + 42 000 + 84 000 = 294 000 €) against
    // 440 000 €: 146 000 € missing, with the difference.
    let findings = check_one(&s, id, day(2026, 11, 23)).unwrap();
    let below = findings
        .iter()
        .find(|f| f.code == FindingCode::PlanBelowCost)
        .expect("the plan-vs-cost finding");
    assert_eq!(below.figures.difference, Some(euros(146_000)));
    assert_eq!(below.figures.reference, Some(euros(440_000)));
}

#[test]
fn a_stated_cost_or_base_that_contradicts_the_lines_is_refused_and_nothing_changes() {
    let mut s = demo_store();
    let id = id_of(&s, "Habitat intergénérationnel");
    let before = s.project_detail(id).unwrap();

    let mut fields = before.project.fields.clone();
    fields.cost_excl_vat = Some(euros(2_500_000));
    let p = problems(
        s.update_project(id, fields, "test", demo_now())
            .unwrap_err(),
    );
    assert_eq!(p[0].field, "cost_excl_vat");
    assert!(p[0].fr.contains("postes de dépenses"), "{}", p[0].fr);
    assert!(
        p[0].fr.contains("2\u{202f}450\u{202f}000\u{a0}€"),
        "{}",
        p[0].fr
    );

    let mut lines = before.lines.clone();
    lines.funding_lines[1].eligible_base_excl_vat = Some(euros(2_450_000));
    let p = problems(s.save_project_lines(id, lines, demo_now()).unwrap_err());
    assert!(
        p.iter()
            .any(|p| p.field == "funding_lines[1].eligible_base_excl_vat"
                && p.fr.contains("1\u{202f}225\u{202f}000")),
        "{p:?}"
    );

    let mut lines = before.lines.clone();
    lines.expense_lines[0].ineligible_for = vec![7];
    let p = problems(s.save_project_lines(id, lines, demo_now()).unwrap_err());
    assert!(
        p.iter()
            .any(|p| p.field == "expense_lines[0].ineligible_for"),
        "{p:?}"
    );

    let mut lines = before.lines.clone();
    lines.expense_lines[2].vat_rate_percent = 120.0;
    let p = problems(s.save_project_lines(id, lines, demo_now()).unwrap_err());
    assert!(
        p.iter()
            .any(|p| p.field == "expense_lines[2].vat_rate_percent"),
        "{p:?}"
    );

    assert_eq!(s.project_detail(id).unwrap(), before, "nothing was written");

    // Without a cost, the fields save and the cost stays derived.
    let mut fields = before.project.fields.clone();
    fields.cost_excl_vat = None;
    fields.cost_incl_vat = None;
    fields.application.priority_rank = Some(1);
    let p = s.update_project(id, fields, "test", demo_now()).unwrap();
    assert_eq!(p.fields.cost_excl_vat, Some(euros(2_450_000)));
    assert_eq!(p.fields.cost_incl_vat, Some(euros(2_864_000)));
    assert_eq!(p.fields.application.priority_rank, Some(1));
}

#[test]
fn removing_every_expense_line_keeps_the_last_cost_to_edit_by_hand() {
    let mut s = demo_store();
    let id = id_of(&s, "Atelier vélo solidaire");
    let mut lines = s.project_detail(id).unwrap().lines;
    lines.expense_lines.clear();
    let d = s.save_project_lines(id, lines, demo_now()).unwrap();
    assert_eq!(d.project.fields.cost_excl_vat, Some(euros(185_000)));
    let mut fields = d.project.fields.clone();
    fields.cost_excl_vat = Some(euros(190_000));
    fields.cost_incl_vat = Some(euros(228_000));
    let p = s.update_project(id, fields, "test", demo_now()).unwrap();
    assert_eq!(p.fields.cost_excl_vat, Some(euros(190_000)));
}

#[test]
fn expense_lines_and_application_facts_travel_in_json() {
    let s = demo_store();
    let json = xjson::export(&s, demo_now()).unwrap();
    let mut other = bourgade_core::testing::reference_store();
    xjson::import_str(&mut other, &json, xjson::Options::default(), demo_now()).unwrap();
    let a = s.project_details().unwrap();
    let b = other.project_details().unwrap();
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(
            x.lines.expense_lines, y.lines.expense_lines,
            "{}",
            x.project.fields.title
        );
        assert_eq!(
            x.lines.funding_lines, y.lines.funding_lines,
            "{}",
            x.project.fields.title
        );
        assert_eq!(x.project.fields, y.project.fields);
    }
    // A file whose cost contradicts its lines is refused, with its place.
    let bad = json.replacen(
        "\"cost_excl_vat\": 2450000",
        "\"cost_excl_vat\": 2400000",
        1,
    );
    assert_ne!(bad, json, "the export writes the cost as this test expects");
    let mut third = bourgade_core::testing::reference_store();
    let err = xjson::import_str(&mut third, &bad, xjson::Options::default(), demo_now())
        .unwrap_err()
        .message(bourgade_core::Lang::Fr);
    assert!(err.contains("postes de dépenses"), "{err}");
}

#[test]
fn a_csv_cost_against_stored_expense_lines_is_refused() {
    let mut s = demo_store();
    let csv = String::from_utf8(xcsv::export(&s).unwrap()).unwrap();
    // The atelier vélo's cost, 185 000 € HT, is the sum of its lines.
    assert!(
        csv.contains(";185000;"),
        "the CSV carries the cost as expected"
    );
    let bad = csv.replacen(";185000;", ";186000;", 1);
    let err = xcsv::import_bytes(&mut s, bad.as_bytes(), false, demo_now())
        .unwrap_err()
        .message(bourgade_core::Lang::Fr);
    assert!(err.contains("postes de dépenses"), "{err}");
    // The same file unchanged imports: the derived cost agrees.
    xcsv::import_bytes(&mut s, csv.as_bytes(), true, demo_now()).unwrap();
}

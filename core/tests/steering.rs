//! The steering rules on worked cases computed by hand: grants that lapse
//! (CGCT art. R2334-28 and R2334-29, DETR and DSIL), indicator progress and
//! staleness, and years and payment schedules reconciled with the plan.

use bourgade_core::model::*;
use bourgade_core::rules::indicators::{progress, stale_after};
use bourgade_core::rules::lapse::{lapse_date, rule_for, LapsePeriod};
use bourgade_core::rules::{check_project, Finding, FindingCode, Severity};
use bourgade_core::testing::{day, detail, reference_store};
use chrono::NaiveDate;

fn schemes() -> Vec<FundingScheme> {
    reference_store().funding_schemes().unwrap()
}

/// An awarded grant of `scheme` notified on `notified`.
fn grant(scheme: &str, notified: NaiveDate) -> FundingLine {
    let mut l = FundingLine::new(
        Funder::State,
        FundingKind::Grant,
        ExpenseNature::Investment,
        FundingStatus::Awarded,
    );
    l.scheme = Some(scheme.into());
    l.amount_requested = Some(Money::euros(100_000));
    l.amount_awarded = Some(Money::euros(100_000));
    l.notified_on = Some(notified);
    l
}

fn findings(d: &ProjectDetail, today: NaiveDate) -> Vec<Finding> {
    check_project(d, &schemes(), &[], today)
}

fn only(fs: &[Finding], code: FindingCode) -> &Finding {
    let of: Vec<_> = fs.iter().filter(|f| f.code == code).collect();
    assert_eq!(of.len(), 1, "one {code:?} in {fs:#?}");
    of[0]
}

fn rule(code: &str) -> LapseRule {
    schemes()
        .into_iter()
        .find(|s| s.code == code)
        .and_then(|s| s.lapse)
        .unwrap_or_else(|| panic!("{code} has its lapse periods"))
}

#[test]
fn a_detr_grant_not_started_lapses_two_years_after_its_notification() {
    // Notified 14 March 2025, nothing started: R2334-28, two years, so the
    // grant lapses on 14 March 2027. From 23 November 2026: 7 + 31 + 31 +
    // 28 + 14 = 111 days, under 180: a warning.
    let d = detail(
        "Halle",
        Some(400_000),
        vec![grant("DETR", day(2025, 3, 14))],
    );
    let f = findings(&d, day(2026, 11, 23));
    let w = only(&f, FindingCode::GrantLapseSoon);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.figures.date, Some(day(2027, 3, 14)));
    assert_eq!(w.figures.days, Some(111));
    assert!(
        w.message_fr
            .contains("sans commencement d'exécution au 14 mars 2027"),
        "{}",
        w.message_fr
    );
    assert!(
        w.message_fr.contains("moins de 180\u{a0}jours"),
        "{}",
        w.message_fr
    );
    assert!(
        w.message_fr
            .contains("prolonger ce délai de 12\u{a0}mois au plus (art.\u{a0}R2334-28)"),
        "{}",
        w.message_fr
    );
    assert_eq!(
        w.basis.as_ref().unwrap().article,
        "art. R2334-28 et R2334-29"
    );
    // 25 days before: "less than 30 days".
    let w = findings(&d, day(2027, 2, 17));
    assert!(only(&w, FindingCode::GrantLapseSoon)
        .message_fr
        .contains("moins de 30\u{a0}jours"));
    // 181 days before (14 September 2026): nothing yet.
    assert!(findings(&d, day(2026, 9, 14))
        .iter()
        .all(|f| f.code != FindingCode::GrantLapseSoon));
    // The day after: lapsed, blocking.
    let f = findings(&d, day(2027, 3, 15));
    let b = only(&f, FindingCode::GrantLapsed);
    assert_eq!((b.severity, b.figures.days), (Severity::Blocking, Some(-1)));
    assert!(
        b.message_fr.contains("caduque depuis 1\u{a0}jour"),
        "{}",
        b.message_fr
    );
}

#[test]
fn an_extension_moves_the_date_up_to_what_the_text_allows() {
    let r = rule("DETR");
    let fields = ProjectFields::default();
    let mut l = grant("DETR", day(2025, 3, 14));
    // Extended to 31 January 2028: within a year of 14 March 2027.
    l.extended_to = Some(day(2028, 1, 31));
    let x = lapse_date(&l, &fields, &r).unwrap();
    assert_eq!(
        (x.date, x.base, x.extended, x.extension_capped),
        (day(2028, 1, 31), day(2027, 3, 14), true, false)
    );
    // Extended to 30 June 2028: beyond 14 March 2028, counted up to it.
    l.extended_to = Some(day(2028, 6, 30));
    let x = lapse_date(&l, &fields, &r).unwrap();
    assert_eq!((x.date, x.extension_capped), (day(2028, 3, 14), true));
    let d = detail("Halle", Some(400_000), vec![l]);
    let w = findings(&d, day(2028, 1, 1));
    let w = only(&w, FindingCode::GrantLapseSoon);
    assert!(
        w.computation_fr
            .contains("prorogation limitée à 12\u{a0}mois par le texte"),
        "{}",
        w.computation_fr
    );
}

#[test]
fn once_started_the_completion_period_runs_four_years() {
    let r = rule("DSIL");
    let l = grant("DSIL", day(2025, 3, 14));
    let mut fields = ProjectFields {
        started_on: Some(day(2025, 6, 2)),
        ..Default::default()
    };
    // R2334-29: four years from the start, 2 June 2029.
    let x = lapse_date(&l, &fields, &r).unwrap();
    assert_eq!(
        (x.period, x.date),
        (LapsePeriod::Completion, day(2029, 6, 2))
    );
    // Extended by the préfet to 2 June 2031 at most (two years).
    let mut ext = l.clone();
    ext.extended_to = Some(day(2032, 1, 1));
    assert_eq!(lapse_date(&ext, &fields, &r).unwrap().date, day(2031, 6, 2));
    // A start after the start period does not save the grant.
    fields.started_on = Some(day(2027, 4, 1));
    let x = lapse_date(&l, &fields, &r).unwrap();
    assert_eq!((x.period, x.date), (LapsePeriod::Start, day(2027, 3, 14)));
    // A declared completion, a paid grant: nothing to watch.
    fields.completed_on = Some(day(2027, 12, 1));
    assert_eq!(lapse_date(&l, &fields, &r), None);
    let mut paid = l.clone();
    paid.status = FundingStatus::Paid;
    assert_eq!(lapse_date(&paid, &ProjectFields::default(), &r), None);
}

#[test]
fn past_the_completion_period_the_operation_is_deemed_finished_not_lapsed() {
    // Started 2 June 2025: completion by 2 June 2029 (R2334-29); the day
    // after, no payment request is received any more.
    let mut d = detail(
        "Halle",
        Some(400_000),
        vec![grant("DETR", day(2025, 3, 14))],
    );
    d.project.fields.started_on = Some(day(2025, 6, 2));
    let f = findings(&d, day(2029, 6, 3));
    let b = only(&f, FindingCode::GrantLapsed);
    assert!(
        b.message_fr
            .contains("sans achèvement déclaré au 2 juin 2029"),
        "{}",
        b.message_fr
    );
    assert!(
        b.message_fr
            .contains("réputée terminée et aucune demande de paiement n'est plus recevable"),
        "{}",
        b.message_fr
    );
    assert!(!b.message_fr.contains("caduque"), "{}", b.message_fr);
    assert!(b.message_fr.contains("R2334-29"), "{}", b.message_fr);
}

#[test]
fn the_periods_end_on_the_same_day_or_the_month_s_last() {
    // 29 February 2024 + 24 months: no 29 February 2026, so the 28th.
    let x = lapse_date(
        &grant("DETR", day(2024, 2, 29)),
        &ProjectFields::default(),
        &rule("DETR"),
    )
    .unwrap();
    assert_eq!(x.date, day(2026, 2, 28));
}

#[test]
fn only_schemes_whose_text_is_known_have_a_lapse_rule() {
    let s = schemes();
    assert!(
        rule_for(&grant("DETR 2027", day(2025, 1, 1)), &s).is_some(),
        "DETR named in a longer code"
    );
    assert!(rule_for(&grant("dsil", day(2025, 1, 1)), &s).is_some());
    assert!(rule_for(&grant("FONDS_VERT", day(2025, 1, 1)), &s).is_none());
    assert!(rule_for(&grant("REGION", day(2025, 1, 1)), &s).is_none());
}

fn indicator(
    direction: Direction,
    baseline: f64,
    target: f64,
    readings: &[(NaiveDate, f64)],
) -> Indicator {
    Indicator {
        code: None,
        label: "Indicateur".into(),
        unit: String::new(),
        direction,
        baseline_value: Some(baseline),
        baseline_date: Some(day(2023, 1, 1)),
        target_value: Some(target),
        target_date: Some(day(2027, 12, 31)),
        readings: readings
            .iter()
            .map(|(d, v)| Reading {
                date: *d,
                value: *v,
                source: String::new(),
            })
            .collect(),
    }
}

#[test]
fn progress_from_baseline_to_target_either_way() {
    // Footfall 0 → 400, at 100: a quarter of the way.
    let p = progress(&indicator(
        Direction::Up,
        0.0,
        400.0,
        &[(day(2025, 1, 1), 100.0)],
    ));
    assert_eq!((p.percent, p.reached), (Some(25.0), false));
    // Vacancy 18.5 % → 12 %, at 14.9 %: 3.6 / 6.5 = 55.38…, 55.4 %.
    let p = progress(&indicator(
        Direction::Down,
        18.5,
        12.0,
        &[(day(2024, 6, 30), 15.8), (day(2025, 6, 30), 14.9)],
    ));
    assert_eq!((p.percent, p.reached), (Some(55.4), false));
    assert_eq!(p.latest.unwrap().value, 14.9, "the latest by date");
    // Jobs 0 → 3, at 4: beyond the target.
    let p = progress(&indicator(
        Direction::Up,
        0.0,
        3.0,
        &[(day(2026, 1, 1), 4.0)],
    ));
    assert_eq!((p.percent, p.reached), (Some(133.3), true));
    // A level to keep (baseline = target = 10, down is good).
    let keep = |v| {
        progress(&indicator(
            Direction::Down,
            10.0,
            10.0,
            &[(day(2026, 1, 1), v)],
        ))
    };
    assert_eq!((keep(9.0).percent, keep(9.0).reached), (Some(100.0), true));
    assert_eq!((keep(11.0).percent, keep(11.0).reached), (Some(0.0), false));
    // No reading: no progress.
    let p = progress(&indicator(Direction::Up, 0.0, 3.0, &[]));
    assert_eq!((p.percent, p.reached, p.latest), (None, false, None));
}

#[test]
fn an_indicator_without_a_reading_for_twelve_months_is_flagged() {
    assert_eq!(stale_after(day(2025, 6, 30)), day(2026, 6, 30));
    let mut d = detail("OPAH", None, vec![]);
    d.lines.indicators = vec![indicator(
        Direction::Up,
        0.0,
        60.0,
        &[(day(2024, 12, 31), 9.0), (day(2025, 6, 30), 17.0)],
    )];
    assert!(findings(&d, day(2026, 6, 30))
        .iter()
        .all(|f| f.code != FindingCode::IndicatorStale));
    let f = findings(&d, day(2026, 7, 1));
    let w = only(&f, FindingCode::IndicatorStale);
    assert_eq!(w.field.as_deref(), Some("indicators[0]"));
    assert!(
        w.message_fr.contains("dernière mesure le 30 juin 2025"),
        "{}",
        w.message_fr
    );
    // Without a reading, the baseline's date counts.
    d.lines.indicators[0].readings.clear();
    let f = findings(&d, day(2026, 7, 1));
    assert!(only(&f, FindingCode::IndicatorStale)
        .message_fr
        .contains("aucune mesure depuis la valeur de référence du 1er janvier 2023"));
}

#[test]
fn years_and_payment_schedules_reconcile_with_the_plan() {
    let year = |y, e| YearAmount {
        year: y,
        nature: ExpenseNature::Investment,
        forecast: Money::euros(e),
        actual: None,
    };
    let mut g = grant("DETR", day(2026, 7, 2));
    g.amount_awarded = Some(Money::euros(525_000));
    let pay = |kind, e| Payment {
        kind,
        due_on: None,
        amount: Money::euros(e),
        received_on: None,
        received: None,
    };
    // 157 500 + 210 000 + 157 500 = 525 000: the schedule is whole.
    g.payments = vec![
        pay(PaymentKind::Advance, 157_500),
        pay(PaymentKind::Instalment, 210_000),
        pay(PaymentKind::Balance, 157_500),
    ];
    let mut d = detail("Maison de santé", Some(2_450_000), vec![g]);
    // 700 000 + 1 200 000 + 500 000 = 2 400 000, 50 000 short of the cost.
    d.lines.yearly = vec![
        year(2027, 700_000),
        year(2028, 1_200_000),
        year(2029, 500_000),
    ];
    // An operating year does not count against the investment cost.
    d.lines.yearly.push(YearAmount {
        nature: ExpenseNature::Operating,
        ..year(2029, 40_000)
    });
    let f = findings(&d, day(2026, 11, 23));
    let y = only(&f, FindingCode::YearsDoNotMatchCost);
    assert_eq!(y.figures.difference, Some(Money::euros(-50_000)));
    assert!(
        y.message_fr.contains("50\u{202f}000\u{a0}€ de moins"),
        "{}",
        y.message_fr
    );
    assert!(f
        .iter()
        .all(|x| x.code != FindingCode::ScheduleDoesNotMatchAward));
    // The balance entered as 150 000: 7 500 short of the award.
    d.lines.funding_lines[0].payments[2].amount = Money::euros(150_000);
    d.lines.yearly[2].forecast = Money::euros(550_000);
    let f = findings(&d, day(2026, 11, 23));
    assert!(f.iter().all(|x| x.code != FindingCode::YearsDoNotMatchCost));
    let s = only(&f, FindingCode::ScheduleDoesNotMatchAward);
    assert_eq!(s.figures.difference, Some(Money::euros(-7_500)));
    assert_eq!(s.field.as_deref(), Some("funding_lines[0].payments"));
}

#[test]
fn the_programme_workbook_reads_back_with_its_formulas_and_the_project_figures() {
    use calamine::{Data, Reader, Xlsx};
    let s = bourgade_core::testing::demo_store();
    let now = bourgade_core::testing::demo_now();
    let p = bourgade_core::desk::steering::programme(&s, Some("29024"), 2025, 2029).unwrap();
    // 2026: spending of the Maison de santé (1 250 000), the tiers-lieu
    // (820 000) and the liaison douce (60 000) = 2 130 000; receipts: the
    // two advances received in April 2026, 157 500 + 130 500 = 288 000.
    let y2026 = &p.totals[1];
    assert_eq!(y2026.year, 2026);
    assert_eq!(
        Money(y2026.investment.cents() + y2026.operating.cents()),
        Money::euros(2_130_000)
    );
    // Plus what the Region paid without a schedule, on its payment date:
    // 63 000 on 8 June 2026 (maison de santé), 87 000 on 6 July 2026
    // (tiers-lieu): 288 000 + 150 000 = 438 000; net 2 130 000 − 438 000.
    assert_eq!(y2026.receipts, Money::euros(438_000));
    assert_eq!(y2026.net, Money::euros(1_692_000));
    let bytes =
        bourgade_core::desk::steering::programme_xlsx(&s, Some("29024"), 2025, 2029, now).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["Synthèse", "Dépenses", "Recettes"]);
    let formulas = book.worksheet_formula("Synthèse").unwrap();
    let n = p.projects.len() + 1;
    // Row 3 is 2026; the year columns start at D in the detail sheets.
    assert_eq!(
        formulas.get_value((2, 1)).unwrap(),
        &format!("SUM('Dépenses'!E2:E{n})")
    );
    assert_eq!(formulas.get_value((2, 3)).unwrap(), "B3-C3");
    let values = book.worksheet_range("Synthèse").unwrap();
    let num = |d: &Data| match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("a number, got {other:?}"),
    };
    assert_eq!(num(values.get_value((2, 1)).unwrap()), 2_130_000.0);
    assert_eq!(num(values.get_value((2, 2)).unwrap()), 438_000.0);
    assert_eq!(num(values.get_value((2, 3)).unwrap()), 1_692_000.0);
    // The detail sheet's rows add up to the total the summary reads.
    let spending = book.worksheet_range("Dépenses").unwrap();
    let column_2026: f64 = (1..n)
        .map(|r| num(spending.get_value((r as u32, 4)).unwrap()))
        .sum();
    assert_eq!(column_2026, 2_130_000.0);
}

#[test]
fn steering_data_travels_in_json_and_survives_a_csv_update() {
    use bourgade_core::exchange::{csv as xcsv, json as xjson};
    let s = bourgade_core::testing::demo_store();
    let now = bourgade_core::testing::demo_now();
    let json = xjson::export(&s, now).unwrap();
    let mut other = reference_store();
    xjson::import_str(&mut other, &json, xjson::Options::default(), now).unwrap();
    assert_eq!(
        other.town_indicators("29024").unwrap(),
        s.town_indicators("29024").unwrap()
    );
    assert_eq!(s.town_indicators("29024").unwrap().len(), 3);
    for (a, b) in s
        .project_details()
        .unwrap()
        .iter()
        .zip(other.project_details().unwrap())
    {
        assert_eq!(a.lines.indicators, b.lines.indicators);
        assert_eq!(a.lines.phases, b.lines.phases);
        assert_eq!(a.lines.yearly, b.lines.yearly);
        assert_eq!(a.lines.funding_lines, b.lines.funding_lines);
        assert_eq!(a.project.fields, b.project.fields);
    }
    // A CSV update keeps what the CSV does not carry.
    let csv = xcsv::export(&other).unwrap();
    xcsv::import_bytes(&mut other, &csv, false, now).unwrap();
    let ms = other
        .project_details()
        .unwrap()
        .into_iter()
        .find(|d| d.project.fields.title.starts_with("Maison de santé"))
        .unwrap();
    assert_eq!(ms.project.fields.started_on, Some(day(2026, 1, 19)));
    assert_eq!(ms.lines.yearly.len(), 3);
}

//! `ui/src/lib/core-fixtures.json` holds what the core answers on the demo:
//! each demo project's plan summary (figures and findings, on the demo's
//! reference date), the list of rules, each project's steering figures
//! (indicator progress, lapse dates), the town's indicators and the
//! multi-year plan of 2026–2030. The UI's development mock and its
//! tests read them, so that no second implementation of the money rules
//! lives in TypeScript. This test fails when the committed file is stale;
//! regenerate it with `UPDATE_BINDINGS=1 cargo test -p bourgade-shell fixtures`.

use bourgade_core::store::Store;

/// The demo's reference date (`exported_at` of data/demo/demo.json).
const DEMO_DAY: (i32, u32, u32) = (2026, 11, 23);

/// The whole file.
pub fn generate() -> String {
    let mut store = Store::open_in_memory().expect("an in-memory store");
    bourgade_core::desk::ensure_reference(&mut store).expect("the reference data");
    bourgade_core::exchange::load_demo(&mut store, "2026-11-23T08:00:00Z".parse().unwrap())
        .expect("the demo loads");
    let day = chrono::NaiveDate::from_ymd_opt(DEMO_DAY.0, DEMO_DAY.1, DEMO_DAY.2).unwrap();
    let plans: serde_json::Map<String, serde_json::Value> = store
        .project_details_in(None)
        .unwrap()
        .iter()
        .map(|d| {
            let id = d.project.id;
            let summary = bourgade_core::desk::readiness::plan_summary(&store, id, day).unwrap();
            (id.to_string(), serde_json::to_value(summary).unwrap())
        })
        .collect();
    let steering: serde_json::Map<String, serde_json::Value> = store
        .project_details_in(None)
        .unwrap()
        .iter()
        .map(|d| {
            let id = d.project.id;
            let s = bourgade_core::desk::tracking::project_steering(&store, id).unwrap();
            (id.to_string(), serde_json::to_value(s).unwrap())
        })
        .collect();
    let json = serde_json::json!({
        "generated_by": "src-tauri/src/fixtures.rs",
        "day": day,
        "plans": plans,
        "rules": bourgade_core::rules::rules(),
        "steering": steering,
        "town_indicators": bourgade_core::desk::tracking::town_indicators(&store, "29024").unwrap(),
        "indicator_templates": bourgade_core::model::indicator_templates(),
        "programme": bourgade_core::desk::steering::programme(&store, Some("29024"), 2026, 2030).unwrap(),
    });
    serde_json::to_string_pretty(&json).unwrap() + "\n"
}

#[test]
fn fixtures_are_up_to_date() {
    crate::bindings::assert_generated("core-fixtures.json", &generate(), "fixtures");
}

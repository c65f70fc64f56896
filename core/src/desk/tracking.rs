//! What the project page and the town's page show of steering: each
//! indicator with its progress, and each grant with the date it lapses.
//! The figures are the rules module's ([`crate::rules::indicators`],
//! [`crate::rules::lapse`]).

use crate::error::Result;
use crate::model::Indicator;
use crate::rules::indicators::{progress, Progress};
use crate::rules::lapse::{lapse_date, rule_for, LapseDate};
use crate::store::Store;
use serde::Serialize;

/// An indicator and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct IndicatorView {
    pub indicator: Indicator,
    pub progress: Progress,
}

/// A grant and the date it lapses.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct LapseView {
    /// Position of the funding line in the plan.
    #[ts(type = "number")]
    pub line: usize,
    pub scheme: String,
    pub lapse: LapseDate,
    /// The text that sets the periods.
    pub basis: String,
}

/// A project's steering figures.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ProjectSteering {
    pub indicators: Vec<IndicatorView>,
    pub lapses: Vec<LapseView>,
}

fn views(list: Vec<Indicator>) -> Vec<IndicatorView> {
    list.into_iter()
        .map(|indicator| IndicatorView {
            progress: progress(&indicator),
            indicator,
        })
        .collect()
}

/// The indicators and lapse dates of project `id`.
pub fn project_steering(store: &Store, id: i64) -> Result<ProjectSteering> {
    let d = store.project_detail(id)?;
    let schemes = store.funding_schemes()?;
    let lapses = d
        .lines
        .funding_lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let rule = rule_for(l, &schemes)?;
            let lapse = lapse_date(l, &d.project.fields, rule)?;
            Some(LapseView {
                line: i,
                scheme: l.scheme.clone().unwrap_or_default(),
                lapse,
                basis: rule.basis.clone(),
            })
        })
        .collect();
    Ok(ProjectSteering {
        indicators: views(d.lines.indicators),
        lapses,
    })
}

/// The convention's global indicators of a followed town, with progress.
pub fn town_indicators(store: &Store, insee: &str) -> Result<Vec<IndicatorView>> {
    store.followed_town(insee.trim())?;
    Ok(views(store.town_indicators(insee)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_s_vacancy_rate_is_more_than_halfway_to_its_target() {
        let s = crate::testing::demo_store();
        let town = town_indicators(&s, "29024").unwrap();
        // 18.5 % → 12 %, last reading 14.1 %: 4.4 / 6.5 = 67.7 %.
        assert_eq!(town[0].progress.percent, Some(67.7));
        let id = s
            .projects(&Default::default())
            .unwrap()
            .into_iter()
            .find(|p| p.title.starts_with("Maison de santé"))
            .unwrap()
            .id;
        let p = project_steering(&s, id).unwrap();
        // DSIL notified 10 July 2025, works started 19 January 2026:
        // completion by 19 January 2030 (R2334-29); the DETR too.
        assert_eq!(p.lapses.len(), 2);
        assert!(p
            .lapses
            .iter()
            .all(|l| l.lapse.date == chrono::NaiveDate::from_ymd_opt(2030, 1, 19).unwrap()));
    }
}

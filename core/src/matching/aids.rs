//! "Which open calls fit this project?" Ranks the aids imported from
//! Aides-territoires for one project: an aid is suggested only when it is
//! open, its perimeter contains the project's town, it is meant for the
//! project's kind of owner, its steps fit the project's stage and its
//! categories fit the project's themes. Each suggestion carries its
//! reasons, in points like the actor suggestions, and its deadline.

use super::{cmp_folded, label_in_text, stage_label, ProjectContext};
use crate::model::{
    Aid, AidPerimeter, AidType, Audience, OwnerKind, PerimeterScale, StoredAid, Theme,
};
use crate::text::{date_en, date_fr};
use crate::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why an aid was suggested: one part of the score, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AidReason {
    pub code: AidReasonCode,
    /// Points this reason adds (0 for a plain remark such as the deadline).
    pub points: u32,
    pub fr: String,
    pub en: String,
}

/// The kind of an [`AidReason`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum AidReasonCode {
    /// The aid's perimeter contains the town (more points when it is closer).
    Perimeter,
    /// A theme of the project the aid's categories name.
    Theme,
    /// The aid serves the project's stage.
    Step,
    /// The aid is meant for the project's kind of owner.
    Audience,
    /// When applications close (a remark, no points).
    Deadline,
}

/// One suggested aid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct AidSuggestion {
    /// The stored aid's number.
    pub aid_id: i64,
    pub name: String,
    /// Sum of the reasons' points.
    pub score: u32,
    pub reasons: Vec<AidReason>,
    /// The last day to apply, if the aid has one.
    pub submission_deadline: Option<NaiveDate>,
    /// The day applications open, when it is still to come.
    pub opens_on: Option<NaiveDate>,
    pub financers: Vec<String>,
    pub aid_types: Vec<AidType>,
    pub rate_min: Option<u8>,
    pub rate_max: Option<u8>,
    pub application_url: String,
    pub origin_url: String,
    /// Who funds it, what kind of aid and at what rate, in one line:
    /// « Région Normandie · Subvention · 20–50 % ».
    pub facts_fr: String,
    /// The same line in English.
    pub facts_en: String,
    /// Where to apply: the application address, else the aid's page.
    pub link: String,
}

/// The one-line facts of an aid in `lang`: financers, kinds, rate.
fn facts(aid: &Aid, lang: Lang) -> String {
    let mut out = Vec::new();
    if !aid.financers.is_empty() {
        out.push(aid.financers.join(", "));
    }
    let kinds: Vec<&str> = aid
        .aid_types
        .iter()
        .map(|t| lang.pick(t.label_fr(), t.label_en()))
        .collect();
    if !kinds.is_empty() {
        out.push(kinds.join(", "));
    }
    match (aid.rate_min, aid.rate_max) {
        (Some(lo), Some(hi)) if lo != hi => out.push(format!("{lo}–{hi}\u{a0}%")),
        (_, Some(hi)) => out.push(format!("{} {hi}\u{a0}%", lang.pick("jusqu'à", "up to"))),
        (Some(lo), None) => out.push(format!("{} {lo}\u{a0}%", lang.pick("au moins", "at least"))),
        (None, None) => {}
    }
    out.join(" · ")
}

/// The audiences of Aides-territoires an owner belongs to: a commune is a
/// "commune", an EPCI an "intercommunalité", another public body a
/// département, région or public body, an association an association, a
/// cooperative a private company or an association (SCIC are often
/// associations' successors), a company a private or local public
/// company, another private owner a private company or a person.
pub fn audiences_of(owner: OwnerKind) -> &'static [Audience] {
    match owner {
        OwnerKind::Commune => &[Audience::Commune],
        OwnerKind::Epci => &[Audience::Epci],
        OwnerKind::OtherPublic => &[
            Audience::Departement,
            Audience::Region,
            Audience::PublicBody,
            Audience::Special,
        ],
        OwnerKind::Association => &[Audience::Association],
        OwnerKind::Cooperative => &[Audience::PrivateSector, Audience::Association],
        OwnerKind::Company => &[Audience::PrivateSector, Audience::PublicCompany],
        OwnerKind::OtherPrivate => &[Audience::PrivateSector, Audience::PrivatePerson],
    }
}

fn perimeter_reason(p: &AidPerimeter) -> AidReason {
    let (points, fr, en) = match p.scale {
        PerimeterScale::Commune | PerimeterScale::Epci => (
            4,
            format!("aide locale ({})", p.label),
            format!("local aid ({})", p.label),
        ),
        PerimeterScale::Departement => (
            3,
            format!("aide du département ({})", p.label),
            format!("aid of the département ({})", p.label),
        ),
        PerimeterScale::Region => (
            2,
            format!("aide de la région ({})", p.label),
            format!("aid of the région ({})", p.label),
        ),
        _ => (1, "aide nationale".to_owned(), "national aid".to_owned()),
    };
    AidReason {
        code: AidReasonCode::Perimeter,
        points,
        fr,
        en,
    }
}

/// Ranks `aids` for a project (its context and owner) on `today`. Closed
/// aids, aids out of the town's perimeter or with an unknown one, aids for
/// another kind of owner, for other steps, or whose categories name none
/// of the project's themes (or name categories Bourgade cannot read) are
/// left out. An aid that states no audience, no step or no category is not
/// left out for it, and earns no point for it. Best first; ties by
/// deadline (soonest first, none last), then name, then id.
pub fn suggest_aids(
    ctx: &ProjectContext,
    owner: OwnerKind,
    aids: &[StoredAid],
    today: NaiveDate,
) -> Vec<AidSuggestion> {
    let mut out: Vec<AidSuggestion> = aids
        .iter()
        .filter_map(|s| suggest_one(ctx, owner, s, today))
        .collect();
    out.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| match (a.submission_deadline, b.submission_deadline) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then_with(|| cmp_folded(&a.name, &b.name))
            .then_with(|| a.aid_id.cmp(&b.aid_id))
    });
    out
}

fn suggest_one(
    ctx: &ProjectContext,
    owner: OwnerKind,
    stored: &StoredAid,
    today: NaiveDate,
) -> Option<AidSuggestion> {
    let aid: &Aid = &stored.aid;
    if aid.is_closed(today) || !aid.perimeter.contains(&ctx.town) {
        return None;
    }
    let mut reasons = vec![perimeter_reason(&aid.perimeter)];
    if !aid.audiences.is_empty() {
        let fits: Vec<Audience> = audiences_of(owner)
            .iter()
            .copied()
            .filter(|a| aid.audiences.contains(a))
            .collect();
        let first = fits.first()?;
        reasons.push(AidReason {
            code: AidReasonCode::Audience,
            points: 1,
            fr: format!("ouverte aux {}", first.label_fr()),
            en: format!("open to {}", first.label_en()),
        });
    }
    if !aid.steps.is_empty() {
        let step = aid.steps.iter().find(|s| s.fits(ctx.stage))?;
        let (stage_fr, stage_en) = stage_label(ctx.stage);
        reasons.push(AidReason {
            code: AidReasonCode::Step,
            points: 2,
            fr: format!(
                "mobilisable en « {} », ce qui correspond à l'étape {} du projet ({})",
                step.label_fr(),
                ctx.stage.number(),
                stage_fr
            ),
            en: format!(
                "available at \"{}\", which matches the project's stage {} ({})",
                step.label_en(),
                ctx.stage.number(),
                stage_en
            ),
        });
    }
    if !aid.themes.is_empty() {
        let shared: Vec<Theme> = ctx
            .themes
            .iter()
            .copied()
            .filter(|t| aid.themes.contains(t))
            .collect();
        if shared.is_empty() {
            return None;
        }
        for t in shared {
            reasons.push(AidReason {
                code: AidReasonCode::Theme,
                points: 3,
                fr: format!("thème : {}", label_in_text("themes", t.as_str(), Lang::Fr)),
                en: format!("theme: {}", label_in_text("themes", t.as_str(), Lang::En)),
            });
        }
    } else if !aid.categories.is_empty() {
        // Categories Bourgade cannot read: no way to say they fit.
        return None;
    }
    if let Some(d) = aid.submission_deadline {
        reasons.push(AidReason {
            code: AidReasonCode::Deadline,
            points: 0,
            fr: format!("clôture le {}", date_fr(d)),
            en: format!("closes on {}", date_en(d)),
        });
    }
    Some(AidSuggestion {
        aid_id: stored.id,
        name: aid.name.clone(),
        score: reasons.iter().map(|r| r.points).sum(),
        reasons,
        submission_deadline: aid.submission_deadline,
        opens_on: aid.start_date.filter(|d| *d > today),
        financers: aid.financers.clone(),
        aid_types: aid.aid_types.clone(),
        rate_min: aid.rate_min,
        rate_max: aid.rate_max,
        application_url: aid.application_url.clone(),
        origin_url: aid.origin_url.clone(),
        facts_fr: facts(aid, Lang::Fr),
        facts_en: facts(aid, Lang::En),
        link: if aid.application_url.is_empty() {
            aid.origin_url.clone()
        } else {
            aid.application_url.clone()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AidStep, Commune, Stage};
    use chrono::{TimeZone, Utc};

    fn town() -> Commune {
        Commune {
            insee: "26362".into(),
            name: "Valence".into(),
            departement: "26".into(),
            departement_name: "Drôme".into(),
            region: "84".into(),
            region_name: "Auvergne-Rhône-Alpes".into(),
            population: Some(64_000),
            epci_code: Some("200068781".into()),
            epci_name: Some("Valence Romans Agglo".into()),
            postcodes: vec!["26000".into()],
        }
    }

    fn ctx(themes: &[Theme], stage: i64) -> ProjectContext {
        ProjectContext {
            themes: themes.to_vec(),
            stage: Stage::new(stage).unwrap(),
            town: town(),
            legal_forms: vec![],
            services: vec![],
        }
    }

    fn stored(id: i64, f: impl FnOnce(&mut Aid)) -> StoredAid {
        let mut aid: Aid = serde_json::from_value(serde_json::json!({
            "key": format!("at:{id}"), "at_id": id.to_string(), "slug": null, "name": format!("Aide {id}"),
            "financers": [], "instructors": [], "programs": [], "audiences": ["commune"],
            "aid_types": ["grant"], "other_aid_types": [],
            "perimeter": {"scale": "departement", "code": "26", "label": "Drôme"},
            "steps": ["op"], "categories": ["Alimentation"], "themes": ["food"], "destinations": [],
            "start_date": null, "predeposit_date": null, "submission_deadline": null,
            "recurrence": null, "rate_min": null, "rate_max": null, "is_call_for_project": null,
            "origin_url": "", "application_url": "", "description": ""
        }))
        .unwrap();
        f(&mut aid);
        let t = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        StoredAid {
            id,
            aid,
            imported_at: t,
            updated_at: t,
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn facts_and_link_read_as_one_line() {
        let open = |f: &dyn Fn(&mut Aid)| {
            let a = stored(1, |a| f(a));
            suggest_aids(
                &ctx(&[Theme::Food], 6),
                OwnerKind::Commune,
                &[a],
                day(2026, 12, 1),
            )
            .pop()
            .expect("the aid fits")
        };
        let s = open(&|a| {
            a.financers = vec!["Région Auvergne-Rhône-Alpes".into(), "Drôme".into()];
            a.aid_types = vec![AidType::Grant, AidType::TechnicalEngineering];
            a.rate_min = Some(20);
            a.rate_max = Some(50);
            a.origin_url = "https://example.org/aide".into();
        });
        assert_eq!(
            s.facts_fr,
            "Région Auvergne-Rhône-Alpes, Drôme · Subvention, Ingénierie technique · 20–50\u{a0}%"
        );
        assert_eq!(
            s.link, "https://example.org/aide",
            "no application address: the aid's page"
        );
        let s = open(&|a| {
            a.rate_max = Some(80);
            a.application_url = "https://example.org/deposer".into();
            a.origin_url = "https://example.org/aide".into();
        });
        assert_eq!(s.facts_fr, "Subvention · jusqu'à 80\u{a0}%");
        assert_eq!(s.facts_en, "Grant · up to 80\u{a0}%");
        assert_eq!(s.link, "https://example.org/deposer");
        let s = open(&|a| {
            a.aid_types = vec![];
            a.rate_min = Some(30);
            a.rate_max = Some(30);
        });
        assert_eq!(s.facts_fr, "jusqu'à 30\u{a0}%", "one rate is the ceiling");
        assert_eq!(
            open(&|a| a.aid_types = vec![]).facts_fr,
            "",
            "nothing known, nothing said"
        );
    }

    #[test]
    fn fits_are_required_and_explained() {
        let today = day(2026, 11, 23);
        let aids = vec![
            stored(1, |_| {}),
            stored(2, |a| a.submission_deadline = Some(day(2026, 11, 22))),
            stored(3, |a| a.perimeter.code = Some("50".into())),
            stored(4, |a| a.audiences = vec![Audience::Association]),
            stored(5, |a| a.steps = vec![AidStep::Postop]),
            stored(6, |a| a.themes = vec![Theme::Housing]),
            stored(7, |a| {
                a.themes.clear();
                a.categories = vec!["Cimetières".into()]
            }),
            stored(8, |a| a.perimeter = AidPerimeter::unknown("71016")),
            stored(9, |a| {
                a.audiences.clear();
                a.steps.clear();
                a.themes.clear();
                a.categories.clear();
                a.perimeter.scale = PerimeterScale::National;
                a.perimeter.code = None;
                a.submission_deadline = Some(day(2027, 3, 31));
            }),
        ];
        let got = suggest_aids(&ctx(&[Theme::Food], 5), OwnerKind::Commune, &aids, today);
        let ids: Vec<i64> = got.iter().map(|s| s.aid_id).collect();
        assert_eq!(ids, vec![1, 9]);
        let first = &got[0];
        assert_eq!(first.score, 3 + 1 + 2 + 3);
        assert_eq!(
            first.score,
            first.reasons.iter().map(|r| r.points).sum::<u32>()
        );
        assert!(first.reasons.iter().any(|r| r.fr == "thème : alimentation"));
        assert!(got[1]
            .reasons
            .iter()
            .any(|r| r.fr == "clôture le 31 mars 2027"));
        // A project of an association does not get the communes' aid.
        assert!(suggest_aids(
            &ctx(&[Theme::Food], 5),
            OwnerKind::Association,
            &aids[..1],
            today
        )
        .is_empty());
    }
}

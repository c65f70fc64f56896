//! Municipal council meetings (séances du conseil municipal): a date in a
//! followed town and an ordered agenda of projects. The council brief of a
//! meeting lists these projects in this order.

use crate::error::Problem;
use crate::model::MAX_TEXT_CHARS;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What the user enters for a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CouncilMeetingFields {
    /// INSEE code of the followed town whose council meets.
    pub town_insee: String,
    pub date: NaiveDate,
    /// E.g. "Conseil municipal de décembre"; empty gives a default title.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub note: String,
    /// Project ids, in the order of the agenda.
    #[serde(default)]
    pub agenda: Vec<i64>,
}

/// A stored meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CouncilMeeting {
    pub id: i64,
    #[serde(flatten)]
    pub fields: CouncilMeetingFields,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl CouncilMeeting {
    /// The title to show: the user's, or "Conseil municipal" / "Municipal council".
    pub fn display_title(&self, lang: crate::Lang) -> &str {
        if self.fields.title.trim().is_empty() {
            lang.pick("Conseil municipal", "Municipal council")
        } else {
            self.fields.title.trim()
        }
    }
}

impl CouncilMeetingFields {
    /// Problems that need no database (the town being followed and the
    /// projects belonging to it are checked by the store).
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        for (key, fr, en, value, max) in [
            (
                "title",
                "Intitulé de la séance",
                "Meeting title",
                &self.title,
                500,
            ),
            ("note", "Note", "Note", &self.note, MAX_TEXT_CHARS),
        ] {
            if value.contains('\0') {
                out.push(Problem::new(
                    key,
                    format!("{fr} : le texte contient un caractère nul"),
                    format!("{en}: the text contains a NUL character"),
                ));
            }
            let n = value.chars().count();
            if n > max {
                out.push(Problem::new(
                    key,
                    format!("{fr} : {n} caractères, au plus {max} sont acceptés"),
                    format!("{en}: {n} characters, at most {max} are accepted"),
                ));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (i, id) in self.agenda.iter().enumerate() {
            if !seen.insert(*id) {
                out.push(Problem::new(
                    format!("agenda[{i}]"),
                    format!("Ordre du jour : le projet n° {id} y figure deux fois"),
                    format!("Agenda: project #{id} is listed twice"),
                ));
            }
        }
        out
    }

    /// Trims the texts and the town code.
    pub fn normalise(&mut self) {
        self.town_insee = self.town_insee.trim().to_ascii_uppercase();
        self.title = self.title.trim().to_owned();
        self.note = self.note.trim().to_owned();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> CouncilMeetingFields {
        CouncilMeetingFields {
            town_insee: "29024".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 17).unwrap(),
            title: String::new(),
            note: String::new(),
            agenda: vec![9, 12],
        }
    }

    #[test]
    fn a_plain_meeting_is_valid() {
        assert!(
            fields().validate().is_empty(),
            "date, town and two projects suffice"
        );
    }

    #[test]
    fn a_project_twice_on_the_agenda_is_named() {
        let f = CouncilMeetingFields {
            agenda: vec![9, 12, 9],
            ..fields()
        };
        let ps = f.validate();
        assert_eq!(ps.len(), 1, "one duplicate, one problem: {ps:?}");
        assert_eq!(
            ps[0].field, "agenda[2]",
            "the second occurrence is pointed at"
        );
        assert!(ps[0].fr.contains("n° 9"), "{}", ps[0].fr);
    }
}

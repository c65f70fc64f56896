//! One calendar for the project manager: what an entry is (calls of funding
//! schemes opening and closing, project milestones, funding deadlines of
//! requests still to file, council meetings and the date their items are
//! due) and its iCalendar export. `crate::desk::agenda` gathers the entries
//! from the store.

use super::ics::{self, IcsEvent};
use crate::Lang;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// Items for a council meeting are due this many business days before it
/// (the convocation leaves with its summary notes; the secretariat needs
/// them first).
pub const COUNCIL_FILING_BUSINESS_DAYS: i64 = 10;

/// What an agenda entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgendaKind {
    CouncilMeeting,
    CouncilFiling,
    FundingDeadline,
    CallCloses,
    CallOpens,
    Milestone,
    /// The date an awarded grant lapses (CGCT art. R2334-28, R2334-29).
    GrantLapse,
}

impl AgendaKind {
    /// The category shown in calendar clients.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AgendaKind::CouncilMeeting => lang.pick("Conseil municipal", "Council meeting"),
            AgendaKind::CouncilFiling => lang.pick("Dépôt pour le conseil", "Council filing"),
            AgendaKind::FundingDeadline => {
                lang.pick("Date limite de financement", "Funding deadline")
            }
            AgendaKind::CallCloses => lang.pick("Clôture d'appel", "Call closes"),
            AgendaKind::CallOpens => lang.pick("Ouverture d'appel", "Call opens"),
            AgendaKind::Milestone => lang.pick("Jalon", "Milestone"),
            AgendaKind::GrantLapse => lang.pick("Délai de subvention", "Grant deadline"),
        }
    }
}

/// One dated thing to do or attend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaEntry {
    pub date: NaiveDate,
    pub kind: AgendaKind,
    pub title_fr: String,
    pub title_en: String,
    pub detail_fr: String,
    pub detail_en: String,
    /// The town concerned (`None` for national scheme calls).
    pub town_insee: Option<String>,
    pub project_id: Option<i64>,
    /// Council meeting the entry belongs to.
    pub meeting_id: Option<i64>,
    /// Stable identity, also the ICS UID.
    pub uid: String,
    /// A milestone already done.
    pub done: bool,
}

impl AgendaEntry {
    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        lang.pick(&self.title_fr, &self.title_en)
    }
}

/// The agenda as an iCalendar file named `name`, texts in `lang`.
pub fn agenda_ics(entries: &[AgendaEntry], name: &str, lang: Lang, now: DateTime<Utc>) -> String {
    let events: Vec<IcsEvent> = entries
        .iter()
        .map(|e| IcsEvent {
            uid: e.uid.clone(),
            date: e.date,
            summary: if e.done {
                format!("✓ {}", e.title(lang))
            } else {
                e.title(lang).to_owned()
            },
            description: lang.pick(&e.detail_fr, &e.detail_en).to_owned(),
            categories: vec![e.kind.label(lang).to_owned()],
        })
        .collect();
    ics::write(name, &events, now)
}

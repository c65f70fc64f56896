//! Dates: French public holidays and business days ([`holidays`]), council
//! meetings (`model::CouncilMeeting`), the entries of a town's agenda ([`agenda`]; `crate::desk::agenda`
//! gathers them) and its iCalendar export ([`ics`]). Nothing here reads the clock: callers pass
//! `today` or `now`.

pub mod agenda;
pub mod holidays;
pub mod ics;

pub use crate::model::{CouncilMeeting, CouncilMeetingFields};
pub use crate::text::{date_en, date_fr, date_in};
pub use agenda::{agenda_ics, AgendaEntry, AgendaKind, COUNCIL_FILING_BUSINESS_DAYS};
pub use holidays::{
    add_business_days, business_days_between, easter_sunday, is_business_day, public_holidays,
    Holiday,
};

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn dates_read_as_in_a_french_letter() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert_eq!(
            date_fr(d(11, 23)),
            "23 novembre 2026",
            "day, month in words, year"
        );
        assert_eq!(
            date_fr(d(12, 1)),
            "1er décembre 2026",
            "the first is written 1er"
        );
        assert_eq!(date_fr(d(8, 15)), "15 août 2026", "accented month");
        assert_eq!(date_en(d(12, 1)), "1 December 2026");
    }
}

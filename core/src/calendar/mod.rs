//! Dates: French public holidays and business days ([`holidays`]), council
//! meetings ([`council`]), the merged agenda of a town ([`agenda`]) and its
//! iCalendar export ([`ics`]). Nothing here reads the clock: callers pass
//! `today` or `now`.

pub mod agenda;
pub mod council;
pub mod holidays;
pub mod ics;

pub use agenda::{agenda, agenda_ics, AgendaEntry, AgendaKind, COUNCIL_FILING_BUSINESS_DAYS};
pub use council::{CouncilMeeting, CouncilMeetingFields};
pub use holidays::{
    add_business_days, business_days_between, easter_sunday, is_business_day, public_holidays,
    Holiday,
};

use chrono::{Datelike, NaiveDate};

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "23 novembre 2026", "1er décembre 2026" (French typography).
pub fn date_fr(d: NaiveDate) -> String {
    let day = if d.day() == 1 {
        "1er".to_owned()
    } else {
        d.day().to_string()
    };
    format!("{day} {} {}", MONTHS_FR[d.month0() as usize], d.year())
}

/// "23 November 2026".
pub fn date_en(d: NaiveDate) -> String {
    format!(
        "{} {} {}",
        d.day(),
        MONTHS_EN[d.month0() as usize],
        d.year()
    )
}

/// The date in `lang`.
pub fn date_in(d: NaiveDate, lang: crate::Lang) -> String {
    match lang {
        crate::Lang::Fr => date_fr(d),
        crate::Lang::En => date_en(d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

//! Which day it is for the user. Bourgade serves French towns: "today" is
//! the civil date in metropolitan France (Europe/Paris), whatever the time
//! zone of the machine, so that the window and the command line agree and a
//! deadline passes at midnight in the town, not at midnight UTC. Summer
//! time follows the European rule in force since 2001 (directive
//! 2000/84/CE): from the last Sunday of March to the last Sunday of October,
//! changing at 01:00 UTC; UTC+1 otherwise. No time zone database is needed.
//! Overseas towns, in other time zones, are not handled yet.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

/// The last Sunday of a month.
fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .expect("a valid month");
    let mut d = next - Duration::days(1);
    while d.weekday() != Weekday::Sun {
        d -= Duration::days(1);
    }
    d
}

/// The civil date in metropolitan France at the instant `at`.
pub fn paris_day(at: DateTime<Utc>) -> NaiveDate {
    let year = at.year();
    let summer_starts = last_sunday(year, 3).and_hms_opt(1, 0, 0).unwrap().and_utc();
    let summer_ends = last_sunday(year, 10)
        .and_hms_opt(1, 0, 0)
        .unwrap()
        .and_utc();
    let offset = if at >= summer_starts && at < summer_ends {
        2
    } else {
        1
    };
    (at + Duration::hours(offset)).date_naive()
}

/// Today for the user ([`paris_day`] of now). Only the window and the
/// command line read the clock; the core takes `today` as an argument.
pub fn today() -> NaiveDate {
    paris_day(Utc::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn summer_time_starts_and_ends_on_the_last_sundays_at_one_utc() {
        // 1 March 2026 is a Sunday, so the last Sunday of March is the 29th;
        // the last Sunday of October is the 25th.
        assert_eq!(last_sunday(2026, 3), d(2026, 3, 29));
        assert_eq!(last_sunday(2026, 10), d(2026, 10, 25));
        assert_eq!(last_sunday(2026, 12), d(2026, 12, 27));
        // Winter, UTC+1: 22:59 UTC is 23:59 in Paris, 23:00 UTC is midnight.
        assert_eq!(paris_day(at("2026-12-05T22:59:59Z")), d(2026, 12, 5));
        assert_eq!(paris_day(at("2026-12-05T23:00:00Z")), d(2026, 12, 6));
        // Summer, UTC+2: 21:59 UTC is 23:59, 22:00 UTC is midnight.
        assert_eq!(paris_day(at("2026-07-14T21:59:59Z")), d(2026, 7, 14));
        assert_eq!(paris_day(at("2026-07-14T22:00:00Z")), d(2026, 7, 15));
        // The night of the change in October: 22:30 UTC on the 24th is
        // 00:30 on the 25th (still summer time).
        assert_eq!(paris_day(at("2026-10-24T22:30:00Z")), d(2026, 10, 25));
        // New Year's Eve, 23:30 UTC: already the next year in Paris.
        assert_eq!(paris_day(at("2026-12-31T23:30:00Z")), d(2027, 1, 1));
    }
}

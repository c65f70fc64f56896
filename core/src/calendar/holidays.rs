//! French public holidays and business-day arithmetic.
//!
//! Eleven holidays apply everywhere: 1 January, Easter Monday, 1 May,
//! 8 May, Ascension (Easter + 39 days), Whit Monday (Easter + 50), 14 July,
//! 15 August, 1 November, 11 November and 25 December. The three
//! départements of Alsace-Moselle (57, 67, 68) keep two more under their
//! local law: Good Friday and 26 December. Dates are computed (Easter by
//! the Gregorian computus), so there is no table to run out.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

/// A public holiday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name_fr: &'static str,
    pub name_en: &'static str,
}

/// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, valid
/// from 1583 on).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
        .expect("the computus always gives a day of March or April")
}

/// True for the départements of Alsace-Moselle (Moselle, Bas-Rhin, Haut-Rhin).
pub fn is_alsace_moselle(departement: &str) -> bool {
    matches!(departement.trim(), "57" | "67" | "68")
}

/// The public holidays of `year` in a département (its code, e.g. "29",
/// "2A", "974"), by date.
pub fn public_holidays(year: i32, departement: &str) -> Vec<Holiday> {
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("fixed holidays exist every year");
    let easter = easter_sunday(year);
    let after = |n| easter + Days::new(n);
    let mut out = vec![
        h(day(1, 1), "Jour de l'an", "New Year's Day"),
        h(after(1), "Lundi de Pâques", "Easter Monday"),
        h(day(5, 1), "Fête du Travail", "Labour Day"),
        h(day(5, 8), "Victoire 1945", "Victory in Europe Day"),
        h(after(39), "Ascension", "Ascension Day"),
        h(after(50), "Lundi de Pentecôte", "Whit Monday"),
        h(day(7, 14), "Fête nationale", "Bastille Day"),
        h(day(8, 15), "Assomption", "Assumption Day"),
        h(day(11, 1), "Toussaint", "All Saints' Day"),
        h(day(11, 11), "Armistice 1918", "Armistice Day"),
        h(day(12, 25), "Noël", "Christmas Day"),
    ];
    if is_alsace_moselle(departement) {
        out.push(h(easter - Days::new(2), "Vendredi saint", "Good Friday"));
        out.push(h(day(12, 26), "Saint-Étienne", "St Stephen's Day"));
    }
    out.sort_by_key(|h| h.date);
    out
}

fn h(date: NaiveDate, name_fr: &'static str, name_en: &'static str) -> Holiday {
    Holiday {
        date,
        name_fr,
        name_en,
    }
}

/// The holiday falling on `date` in the département, if any.
pub fn holiday_on(date: NaiveDate, departement: &str) -> Option<Holiday> {
    public_holidays(date.year(), departement)
        .into_iter()
        .find(|h| h.date == date)
}

/// True for Monday to Friday outside the département's public holidays.
pub fn is_business_day(date: NaiveDate, departement: &str) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
        && holiday_on(date, departement).is_none()
}

/// The date `n` business days after `date` (before it when `n` is
/// negative); `date` itself is not counted. "Filing is due 10 business days
/// before the council" is `add_business_days(council, -10, dep)`.
pub fn add_business_days(date: NaiveDate, n: i64, departement: &str) -> NaiveDate {
    let step = |d: NaiveDate| {
        if n >= 0 { d.succ_opt() } else { d.pred_opt() }
            .expect("business days stay far inside chrono's date range")
    };
    let mut d = date;
    let mut left = n.unsigned_abs();
    while left > 0 {
        d = step(d);
        if is_business_day(d, departement) {
            left -= 1;
        }
    }
    d
}

/// Business days counted from `from` to `to` the way
/// [`add_business_days`] steps: `from` excluded, `to` included, negative
/// when `to` is before `from`. So
/// `business_days_between(d, add_business_days(d, n, dep), dep) == n`.
pub fn business_days_between(from: NaiveDate, to: NaiveDate, departement: &str) -> i64 {
    let count = |lo: NaiveDate, hi: NaiveDate| {
        lo.iter_days()
            .take_while(|d| *d < hi)
            .filter(|d| is_business_day(*d, departement))
            .count() as i64
    };
    if from <= to {
        // (from, to]
        count(from.succ_opt().unwrap_or(from), to.succ_opt().unwrap_or(to))
    } else {
        // [to, from)
        -count(to, from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_matches_known_dates() {
        for (year, m, day) in [
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2030, 4, 21),
            (2038, 4, 25),
        ] {
            assert_eq!(
                easter_sunday(year),
                d(year, m, day),
                "Easter {year} is a published date"
            );
        }
    }

    #[test]
    fn movable_holidays_of_2026_are_the_official_ones() {
        let names: Vec<(NaiveDate, &str)> = public_holidays(2026, "29")
            .iter()
            .map(|h| (h.date, h.name_fr))
            .collect();
        assert!(
            names.contains(&(d(2026, 4, 6), "Lundi de Pâques")),
            "Easter Monday 2026 is 6 April: {names:?}"
        );
        assert!(
            names.contains(&(d(2026, 5, 14), "Ascension")),
            "Ascension 2026 is Thursday 14 May: {names:?}"
        );
        assert!(
            names.contains(&(d(2026, 5, 25), "Lundi de Pentecôte")),
            "Whit Monday 2026 is 25 May: {names:?}"
        );
        assert_eq!(names.len(), 11, "eleven holidays outside Alsace-Moselle");
    }

    #[test]
    fn holidays_of_several_years_match_the_published_calendars() {
        // (year, Easter Monday, Ascension, Whit Monday) from the official calendars.
        for (year, em, asc, wm) in [
            (2024, d(2024, 4, 1), d(2024, 5, 9), d(2024, 5, 20)),
            (2025, d(2025, 4, 21), d(2025, 5, 29), d(2025, 6, 9)),
            (2027, d(2027, 3, 29), d(2027, 5, 6), d(2027, 5, 17)),
            (2030, d(2030, 4, 22), d(2030, 5, 30), d(2030, 6, 10)),
        ] {
            for date in [em, asc, wm] {
                assert!(
                    holiday_on(date, "70").is_some(),
                    "{date} is a public holiday in {year}"
                );
            }
        }
        assert!(
            holiday_on(d(2025, 5, 8), "42").is_some(),
            "8 May is a holiday every year"
        );
        assert!(
            holiday_on(d(2025, 5, 9), "42").is_none(),
            "the day after 8 May is not"
        );
    }

    #[test]
    fn alsace_moselle_adds_good_friday_and_st_stephen() {
        for dep in ["57", "67", "68"] {
            let hs = public_holidays(2026, dep);
            assert_eq!(
                hs.len(),
                13,
                "{dep}: eleven national plus two local holidays"
            );
            assert!(
                holiday_on(d(2026, 4, 3), dep).is_some_and(|h| h.name_fr == "Vendredi saint"),
                "{dep}: Good Friday 2026 is 3 April"
            );
            assert!(
                holiday_on(d(2026, 12, 26), dep).is_some(),
                "{dep}: 26 December is a holiday"
            );
        }
        assert!(
            holiday_on(d(2026, 4, 3), "29").is_none(),
            "Good Friday is a working day in Finistère"
        );
        assert!(
            holiday_on(d(2026, 12, 26), "54").is_none(),
            "Meurthe-et-Moselle is not under local law"
        );
        assert!(
            public_holidays(2026, "29")
                .windows(2)
                .all(|w| w[0].date < w[1].date)
                && public_holidays(2026, "57")
                    .windows(2)
                    .all(|w| w[0].date < w[1].date),
            "holidays come sorted by date"
        );
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        // Thursday 17 December 2026, a council meeting: 10 business days before
        // is Thursday 3 December (no holiday in between).
        assert_eq!(
            add_business_days(d(2026, 12, 17), -10, "29"),
            d(2026, 12, 3),
            "two full weeks back"
        );
        // Friday 8 May 2026 is a holiday: one business day after Thursday 7 May
        // is Monday 11 May.
        assert_eq!(
            add_business_days(d(2026, 5, 7), 1, "29"),
            d(2026, 5, 11),
            "the holiday and the weekend are skipped"
        );
        // Christmas 2026 is a Friday: Thursday 24 + 1 is Monday 28.
        assert_eq!(add_business_days(d(2026, 12, 24), 1, "57"), d(2026, 12, 28));
        // Easter 2026: Thursday 2 April + 1 is Friday 3 April in Finistère but
        // Tuesday 7 April in Moselle (Good Friday and Easter Monday).
        assert_eq!(add_business_days(d(2026, 4, 2), 1, "29"), d(2026, 4, 3));
        assert_eq!(add_business_days(d(2026, 4, 2), 1, "57"), d(2026, 4, 7));
        assert_eq!(
            add_business_days(d(2026, 4, 2), 0, "57"),
            d(2026, 4, 2),
            "zero days is the same date"
        );
        assert!(!is_business_day(d(2026, 7, 14), "29"), "Bastille Day");
        assert!(!is_business_day(d(2026, 12, 19), "29"), "a Saturday");
        assert!(is_business_day(d(2026, 12, 18), "29"), "a plain Friday");
    }

    #[test]
    fn business_day_count_is_the_inverse_of_adding() {
        // A small seeded PRNG (no extra crate): random dates and offsets.
        let mut state: u64 = 0x2026_1123;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..300 {
            let start = d(2024, 1, 1) + Days::new(next() % 2500);
            let n = (next() % 61) as i64 - 30;
            let dep = ["29", "57", "974"][(next() % 3) as usize];
            let end = add_business_days(start, n, dep);
            assert_eq!(
                business_days_between(start, end, dep),
                n,
                "{start} {n:+} business days in {dep} lands on {end}"
            );
            if n != 0 {
                assert!(
                    is_business_day(end, dep),
                    "{end} reached by counting business days is one"
                );
            }
        }
    }
}

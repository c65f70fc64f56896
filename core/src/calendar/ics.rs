//! An iCalendar (RFC 5545) writer for all-day events, enough for any
//! calendar client to import the agenda: CRLF line endings, lines folded at
//! 75 octets without splitting a character, TEXT values escaped (`\\`,
//! `\;`, `\,`, `\n`), one stable UID per event so that importing a newer
//! export updates events instead of duplicating them.

use chrono::{DateTime, Days, NaiveDate, Utc};

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent {
    /// Stable identity across exports (`…@bourgade`).
    pub uid: String,
    /// First day.
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
    pub categories: Vec<String>,
}

/// The longest line, in octets, before folding (RFC 5545 §3.1).
const MAX_OCTETS: usize = 75;

/// Writes a whole calendar named `name`; `now` stamps every event (DTSTAMP).
pub fn write(name: &str, events: &[IcsEvent], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let mut line = |s: &str| push_folded(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!(
        "PRODID:-//Bourgade//Bourgade {}//FR",
        env!("CARGO_PKG_VERSION")
    ));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape_text(name)));
    for e in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape_text(&e.uid)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", e.date.format("%Y%m%d")));
        // DTEND of an all-day event is exclusive: the next day.
        let end = e.date.checked_add_days(Days::new(1)).unwrap_or(e.date);
        line(&format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")));
        line(&format!("SUMMARY:{}", escape_text(&e.summary)));
        if !e.description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape_text(&e.description)));
        }
        if !e.categories.is_empty() {
            let cats: Vec<String> = e.categories.iter().map(|c| escape_text(c)).collect();
            line(&format!("CATEGORIES:{}", cats.join(",")));
        }
        // All-day reminders, not busy time.
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks; other
/// control characters, which TEXT does not allow, are dropped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded: at most 75 octets per physical line,
/// continuation lines starting with a space, never inside a UTF-8 sequence.
fn push_folded(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > MAX_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(summary: &str, description: &str) -> IcsEvent {
        IcsEvent {
            uid: "x-1@bourgade".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 17).unwrap(),
            summary: summary.into(),
            description: description.into(),
            categories: vec!["Conseil".into()],
        }
    }

    fn now() -> DateTime<Utc> {
        "2026-11-23T09:30:00Z".parse().unwrap()
    }

    #[test]
    fn escapes_the_four_specials_and_drops_controls() {
        assert_eq!(
            escape_text("a,b;c\\d\ne\r\nf\0g"),
            "a\\,b\\;c\\\\d\\ne\\nfg",
            "RFC 5545 §3.3.11 TEXT escapes; a NUL is not allowed"
        );
    }

    #[test]
    fn lines_end_in_crlf_and_fold_at_75_octets_on_char_boundaries() {
        let long = "Réhabilitation énergétique de l'école « Jean Moulin » — tranche 2 ; ".repeat(4);
        let ics = write("Bourgade", &[event(&long, "")], now());
        assert!(ics.ends_with("END:VCALENDAR\r\n"), "closed with CRLF");
        assert!(
            !ics.replace("\r\n", "").contains('\n'),
            "no bare LF anywhere"
        );
        for physical in ics.split("\r\n") {
            assert!(
                physical.len() <= MAX_OCTETS,
                "{} octets: {physical:?}",
                physical.len()
            );
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains(&format!("SUMMARY:{}", escape_text(&long))),
            "unfolding gives the escaped summary back"
        );
    }

    #[test]
    fn all_day_events_have_exclusive_end_and_a_stamp() {
        let ics = write("B", &[event("Conseil", "Ordre du jour")], now());
        for expected in [
            "DTSTART;VALUE=DATE:20261217\r\n",
            "DTEND;VALUE=DATE:20261218\r\n",
            "DTSTAMP:20261123T093000Z\r\n",
            "UID:x-1@bourgade\r\n",
            "VERSION:2.0\r\n",
            "PRODID:-//Bourgade//",
        ] {
            assert!(ics.contains(expected), "{expected:?} in\n{ics}");
        }
    }

    #[test]
    fn a_parser_reads_back_events_with_hostile_text() {
        use icalendar::{Calendar, Component};
        let nasty = "Dépôt DETR, DSIL; «Maison» \\ à pans de bois\nligne 2 — ✓ 日本";
        let events = vec![
            event(nasty, "Note : 1 250 000 €, 80 %;\nsecond line"),
            IcsEvent {
                uid: "x-2@bourgade".into(),
                date: NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
                summary: "Clôture".into(),
                description: String::new(),
                categories: vec![],
            },
        ];
        let text = write("Carhaix, Plouguer; démo", &events, now());
        let parsed: Calendar = text.parse().expect("icalendar parses our output");
        let got: Vec<&icalendar::Event> = parsed
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .collect();
        assert_eq!(got.len(), 2, "both events read back");
        assert_eq!(
            got[0].get_summary(),
            Some(nasty),
            "summary unescaped exactly"
        );
        assert_eq!(
            got[0].get_description(),
            Some("Note : 1 250 000 €, 80 %;\nsecond line"),
            "description unescaped exactly"
        );
        assert_eq!(got[0].get_uid(), Some("x-1@bourgade"));
        assert_eq!(
            got[1].get_start(),
            Some(icalendar::DatePerhapsTime::Date(
                NaiveDate::from_ymd_opt(2027, 1, 31).unwrap()
            )),
            "an all-day date, not a date-time"
        );
        assert_eq!(
            got[1].get_end(),
            Some(icalendar::DatePerhapsTime::Date(
                NaiveDate::from_ymd_opt(2027, 2, 1).unwrap()
            )),
            "end is the next day, exclusive"
        );
    }
}

//! Typography of the printed briefs: dates ("23 novembre 2026"), amounts
//! ("1 250 000 €" with narrow no-break spaces), percentages ("80 %"), the
//! French no-break spaces before « : ; ! ? » and inside « », and the cleaning
//! of user text (control and invisible format characters).

use crate::model::Money;
use crate::Lang;
use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

/// No-break space (before a colon, inside guillemets, before €).
pub const NBSP: char = '\u{a0}';
/// Narrow no-break space (before ; ! ? and between digit groups).
pub const NNBSP: char = '\u{202f}';

/// "23 novembre 2026" ("1er novembre 2026" on the first) or "23 November 2026".
/// The spaces are no-break: a date never splits across lines.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    crate::calendar::date_in(d, lang).replace(' ', &NBSP.to_string())
}

/// An amount: "1 250 000 €" in French, "€1,250,000" in English (see
/// [`Money::display`]).
pub fn money(m: Money, lang: Lang) -> String {
    m.display(lang)
}

/// A share in percent, one decimal when it is not whole: "72,5 %" / "72.5%".
pub fn percent(x: f64, lang: Lang) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let r = (x * 10.0).round() / 10.0;
    let n = if (r - r.round()).abs() < 1e-9 {
        format!("{}", r.round() as i64)
    } else {
        format!("{r:.1}")
    };
    match lang {
        Lang::Fr => format!("{}{NBSP}%", n.replace('.', ",")),
        Lang::En => format!("{n}%"),
    }
}

/// User text made printable: NFC-composed (a decomposed "é" becomes one
/// glyph), tabs and other control characters turned into spaces (line
/// breaks are kept as `\n`), invisible format characters (bidi overrides,
/// zero-width spaces, variation selectors, soft hyphens) removed because they
/// have no glyph to show. Right-to-left text is kept in its logical order:
/// the briefs do no bidi reordering.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.nfc().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            c if c.is_control() => out.push(' '),
            c if is_invisible_format(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Unicode format characters (general category Cf) and variation selectors.
fn is_invisible_format(c: char) -> bool {
    matches!(c as u32,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB
        | 0xFE00..=0xFE0F | 0xE0001 | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

/// French punctuation spacing: a no-break space before « : », a narrow one
/// before « ; ! ? », and no-break spaces inside « ». An ordinary space in
/// those places becomes a no-break one; a missing one is added after a
/// letter or digit when the mark ends a word (so "10:30", "https://" and
/// "?!" are left alone). English text is returned unchanged.
pub fn punctuate(s: &str, lang: Lang) -> String {
    if lang == Lang::En {
        // English sets these marks tight against the word.
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if matches!(c, ':' | ';' | '!' | '?') && out.ends_with([' ', NBSP, NNBSP]) {
                out.pop();
            }
            out.push(c);
        }
        return out;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let ends_word = next.is_none_or(|n| n.is_whitespace() || matches!(n, ')' | '»' | '"'));
        match c {
            ':' | ';' | '!' | '?' | '»' => {
                let space = if c == ':' || c == '»' { NBSP } else { NNBSP };
                let prev = out.chars().last();
                match prev {
                    Some(' ') => {
                        out.pop();
                        out.push(space);
                    }
                    Some(p) if p.is_alphanumeric() && (ends_word || c == '»') => out.push(space),
                    _ => {}
                }
                out.push(c);
            }
            '«' => {
                out.push(c);
                match next {
                    Some(' ') => {}
                    Some(n) if !n.is_whitespace() => out.push(NBSP),
                    _ => {}
                }
            }
            ' ' if out.ends_with('«') => out.push(NBSP),
            c => out.push(c),
        }
    }
    out
}

/// [`clean`] then [`punctuate`]: what every user text goes through.
pub fn text(s: &str, lang: Lang) -> String {
    punctuate(&clean(s), lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_read_as_in_a_letter() {
        assert_eq!(
            date(d(2026, 11, 23), Lang::Fr),
            "23\u{a0}novembre\u{a0}2026",
            "day, month in words, year, no-break spaces"
        );
        assert_eq!(
            date(d(2026, 8, 1), Lang::Fr),
            "1er\u{a0}août\u{a0}2026",
            "the first of the month is « 1er » in French"
        );
        assert_eq!(
            date(d(2026, 11, 23), Lang::En),
            "23\u{a0}November\u{a0}2026",
            "English months are capitalised"
        );
    }

    #[test]
    fn amounts_and_shares_follow_each_language() {
        assert_eq!(
            money(Money::euros(1_250_000), Lang::Fr),
            "1\u{202f}250\u{202f}000\u{a0}€",
            "French groups digits with narrow no-break spaces"
        );
        assert_eq!(
            money(Money(125_000_050), Lang::En),
            "€1,250,000.50",
            "English puts the sign first and groups with commas"
        );
        assert_eq!(
            percent(72.46, Lang::Fr),
            "72,5\u{a0}%",
            "one decimal, comma"
        );
        assert_eq!(
            percent(80.0, Lang::Fr),
            "80\u{a0}%",
            "whole shares stay whole"
        );
        assert_eq!(percent(f64::NAN, Lang::En), "0%", "no NaN ever printed");
    }

    #[test]
    fn french_punctuation_gets_its_no_break_spaces() {
        assert_eq!(
            punctuate("Objet : « halle » ; vraiment ? Oui!", Lang::Fr),
            "Objet\u{a0}: «\u{a0}halle\u{a0}»\u{202f}; vraiment\u{202f}? Oui\u{202f}!",
            "spaces before : ; ? ! and inside guillemets become no-break, a missing one is added"
        );
        assert_eq!(
            punctuate("à 10:30, voir https://x.fr", Lang::Fr),
            "à 10:30, voir https://x.fr",
            "times and addresses are not words ending in a colon"
        );
        assert_eq!(
            punctuate("Note : ok ; fine?", Lang::En),
            "Note: ok; fine?",
            "English sets the marks tight"
        );
    }

    #[test]
    fn control_and_invisible_characters_are_cleaned() {
        assert_eq!(
            clean("a\tb\u{7}c\r\nd\u{202e}e\u{200b}f"),
            "a b c\ndef",
            "tab and bell become spaces, CRLF one break, bidi override and zero-width space removed"
        );
        assert_eq!(
            clean("e\u{301}te\u{301}"),
            "été",
            "decomposed accents are composed into one glyph each"
        );
        assert_eq!(
            clean("שלום"),
            "שלום",
            "right-to-left text is kept in logical order"
        );
    }
}

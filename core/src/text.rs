//! Text helpers every layer may use. Folding for search: "coeur" must find
//! "cœur", "ecole" must find "École"; SQLite's FTS5 tokenizer removes
//! diacritics but keeps ligatures, so both the indexed text and the query go
//! through [`fold`]. Thousands grouping, and dates in words ("23 novembre
//! 2026", "1er décembre 2026") in French and English.

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

/// Lower-cases, strips diacritics (NFKD, combining marks removed) and
/// expands ligatures (œ→oe, æ→ae, ß→ss). Apostrophes and dashes become spaces
/// so that "l'école" and "Saint-Étienne" split into words.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            '\'' | '’' | '‘' | '-' | '‐' | '–' | '—' => out.push(' '),
            c if is_combining(c) => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Groups the digits of `n` by three with `sep` ("1 250 000", "1,250,000").
pub fn group_thousands(n: i64, sep: char) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Turns what a user typed into an FTS5 query: each folded word is quoted
/// (so an apostrophe or `AND` can never be FTS syntax) and prefix-matched.
/// Returns `None` when nothing searchable remains.
pub fn fts_query(user_text: &str) -> Option<String> {
    let terms: Vec<String> = fold(user_text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" "))
    }
}

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
    fn folds_accents_and_ligatures() {
        assert_eq!(fold("Cœur de Ville"), "coeur de ville");
        assert_eq!(fold("École"), "ecole");
        assert_eq!(fold("Saint-Étienne"), "saint etienne");
        assert_eq!(fold("l’Æther"), "l aether");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(1_250_000, ' '), "1 250 000");
        assert_eq!(group_thousands(-999, ','), "-999");
        assert_eq!(group_thousands(1000, ','), "1,000");
    }

    #[test]
    fn fts_query_quotes_every_term() {
        assert_eq!(
            fts_query("l'école \"AND"),
            Some("\"l\"* \"ecole\"* \"and\"*".into())
        );
        assert_eq!(fts_query("  ' - "), None, "punctuation alone is no query");
    }
}

//! Money in euro cents. Amounts are integers in the store so that totals are
//! exact; they travel as euros (a JSON number, or "1250000,50" in CSV).

use crate::error::Problem;

/// An amount in euro cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash, ts_rs::TS)]
pub struct Money(#[ts(type = "number")] pub i64);

/// The largest amount accepted anywhere (100 billion euros).
pub const MAX_EUROS: i64 = 100_000_000_000;

impl Money {
    /// From whole euros.
    pub fn euros(e: i64) -> Money {
        Money(e * 100)
    }

    /// The cents.
    pub fn cents(self) -> i64 {
        self.0
    }

    /// As a float number of euros (exact below 2^53 cents).
    pub fn as_euros_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// From a float number of euros: at most two decimals, finite, in range.
    pub fn from_euros_f64(x: f64) -> Result<Money, String> {
        if !x.is_finite() {
            return Err("montant invalide".into());
        }
        let cents = (x * 100.0).round();
        // A hundredth of a cent of slack absorbs binary rounding (1234567890.12 × 100).
        if (x * 100.0 - cents).abs() > 0.01 {
            return Err(format!("{x} a plus de deux décimales"));
        }
        if cents.abs() > (MAX_EUROS * 100) as f64 {
            return Err(format!("{x} dépasse la limite de 100 milliards d'euros"));
        }
        Ok(Money(cents as i64))
    }

    /// Parses a French or plain amount: "1 250 000,50", "1250000.5", "1 250 000 €".
    pub fn parse_fr(
        field: &str,
        label_fr: &str,
        label_en: &str,
        s: &str,
    ) -> Result<Money, Problem> {
        let cleaned: String = s
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '€'))
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        let bad = || {
            Problem::new(
                field,
                format!(
                    "{label_fr} : « {} » n'est pas un montant en euros (exemple : 1250000,50)",
                    s.trim()
                ),
                format!(
                    "{label_en}: \"{}\" is not an amount in euros (example: 1250000.50)",
                    s.trim()
                ),
            )
        };
        let (int, frac) = match cleaned.split_once('.') {
            Some((i, f)) => (i, f),
            None => (cleaned.as_str(), ""),
        };
        let neg = int.starts_with('-');
        let int = int.trim_start_matches('-');
        if int.is_empty()
            || !int.bytes().all(|b| b.is_ascii_digit())
            || frac.len() > 2
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        let whole: i64 = int.parse().map_err(|_| bad())?;
        if whole > MAX_EUROS {
            return Err(bad());
        }
        let frac_cents: i64 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<2}").parse().map_err(|_| bad())?
        };
        let cents = whole * 100 + frac_cents;
        Ok(Money(if neg { -cents } else { cents }))
    }

    /// Plain form for CSV: "1250000,50" or "1250000" (decimal comma, no separators).
    pub fn to_plain_fr(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let (e, c) = (self.0.abs() / 100, self.0.abs() % 100);
        if c == 0 {
            format!("{sign}{e}")
        } else {
            format!("{sign}{e},{c:02}")
        }
    }

    /// Display form: "1 250 000 €" (narrow no-break spaces), cents only when present.
    pub fn display_fr(self) -> String {
        let (sign, grouped, c) = self.parts('\u{202f}');
        if c == 0 {
            format!("{sign}{grouped}\u{a0}€")
        } else {
            format!("{sign}{grouped},{c:02}\u{a0}€")
        }
    }

    /// English display form: "€1,250,000", cents only when present.
    pub fn display_en(self) -> String {
        let (sign, grouped, c) = self.parts(',');
        if c == 0 {
            format!("{sign}€{grouped}")
        } else {
            format!("{sign}€{grouped}.{c:02}")
        }
    }

    /// The display form in `lang`.
    pub fn display(self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::Fr => self.display_fr(),
            crate::Lang::En => self.display_en(),
        }
    }

    /// Sign, grouped whole euros, cents.
    fn parts(self, sep: char) -> (&'static str, String, i64) {
        let sign = if self.0 < 0 { "-" } else { "" };
        let whole = i64::try_from(self.0.unsigned_abs() / 100).unwrap_or(i64::MAX);
        (
            sign,
            crate::text::group_thousands(whole, sep),
            (self.0.unsigned_abs() % 100) as i64,
        )
    }
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            s.serialize_i64(self.0 / 100)
        } else {
            s.serialize_f64(self.as_euros_f64())
        }
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let x = f64::deserialize(d)?;
        Money::from_euros_f64(x).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_french_amounts() {
        let p = |s| Money::parse_fr("cost", "Coût", "Cost", s);
        assert_eq!(p("1 250 000,50").unwrap(), Money(125_000_050));
        assert_eq!(p("1250000.5").unwrap(), Money(125_000_050));
        assert_eq!(p("1\u{202f}250\u{a0}€").unwrap(), Money(125_000));
        assert!(p("12,345").is_err(), "three decimals are not cents");
        assert!(p("douze").unwrap_err().fr.contains("Coût"));
    }

    #[test]
    fn formats_for_people_and_files() {
        assert_eq!(
            Money(125_000_000).display_fr(),
            "1\u{202f}250\u{202f}000\u{a0}€"
        );
        assert_eq!(Money(125_000_050).to_plain_fr(), "1250000,50");
        assert_eq!(Money(5).to_plain_fr(), "0,05");
    }

    #[test]
    fn english_amounts_group_by_comma() {
        assert_eq!(Money::euros(586_500).display_en(), "€586,500");
        assert_eq!(
            Money(125_000_050).display_en(),
            "€1,250,000.50",
            "cents kept"
        );
        assert_eq!(Money(-5).display_en(), "-€0.05");
    }

    #[test]
    fn json_roundtrip_is_exact() {
        for cents in [0, 1, 99, 125_000_050, 123_456_789_012] {
            let m = Money(cents);
            let back: Money = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
            assert_eq!(back, m);
        }
        assert!(serde_json::from_str::<Money>("1.234").is_err());
    }
}

//! Test support shared by the core's unit tests, its integration tests and
//! its benchmarks (feature `testing`): a seeded random generator, dates,
//! project builders, and stores with the embedded reference data and the
//! demo town. Never part of
//! the program.

use crate::model::*;
use crate::store::Store;
use chrono::{DateTime, NaiveDate, Utc};

/// SplitMix64: a tiny seeded generator, so that every run tests the same
/// cases and a failure replays from its seed.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from 0 to `n - 1` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Between `min` and `max` distinct items (fewer when there are fewer).
    pub fn some<T: Copy + PartialEq>(&mut self, items: &[T], min: usize, max: usize) -> Vec<T> {
        let n = (min + self.below(max.saturating_sub(min) + 1)).min(items.len());
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let x = *self.pick(items);
            if !out.contains(&x) {
                out.push(x);
            }
        }
        out
    }
}

/// A date of the calendar.
pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

/// The demo's reference instant: 23 November 2026, 09:30 UTC.
pub fn demo_now() -> DateTime<Utc> {
    "2026-11-23T09:30:00Z".parse().expect("a timestamp")
}

/// An in-memory store with every commune and the shipped catalogues.
pub fn reference_store() -> Store {
    let mut s = Store::open_in_memory().expect("an in-memory store");
    crate::desk::ensure_reference(&mut s).expect("the embedded reference data loads");
    s
}

/// [`reference_store`] with the demo town and its projects, loaded at
/// [`demo_now`].
pub fn demo_store() -> Store {
    let mut s = reference_store();
    crate::exchange::load_demo(&mut s, demo_now()).expect("the shipped demo loads");
    s
}

/// A project of Carhaix-Plouguer (29024) at stage 0, costing `cost`
/// euros excl. VAT, with these funding lines and nothing else.
pub fn detail(title: &str, cost: Option<i64>, funding_lines: Vec<FundingLine>) -> ProjectDetail {
    let at: chrono::DateTime<chrono::Utc> = "2026-01-01T00:00:00Z".parse().unwrap();
    ProjectDetail {
        project: Project {
            id: 1,
            uid: "u".into(),
            fields: ProjectFields {
                town_insee: "29024".into(),
                title: title.into(),
                cost_excl_vat: cost.map(Money::euros),
                ..Default::default()
            },
            created_at: at,
            updated_at: at,
        },
        lines: ProjectLines {
            funding_lines,
            ..Default::default()
        },
    }
}

/// An investment line asking for `euros`.
pub fn line(funder: Funder, kind: FundingKind, status: FundingStatus, euros: i64) -> FundingLine {
    let mut l = FundingLine::new(funder, kind, ExpenseNature::Investment, status);
    l.amount_requested = Some(Money::euros(euros));
    l
}

/// A PNG image (RGB, 8 bits, stored deflate blocks) of `w` × `h` pixels
/// coloured by `pixel(x, y)`, written here so that tests need no image file
/// or crate.
pub fn png(w: u32, h: u32, pixel: impl Fn(u32, u32) -> [u8; 3]) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut c = 0xffff_ffffu32;
        for &b in bytes {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc(&body).to_be_bytes());
    }
    let mut raw = Vec::new();
    for y in 0..h {
        raw.push(0);
        for x in 0..w {
            raw.extend(pixel(x, y));
        }
    }
    let mut z = vec![0x78, 0x01];
    for (i, block) in raw.chunks(65_535).enumerate() {
        let last = (i + 1) * 65_535 >= raw.len();
        z.push(u8::from(last));
        z.extend((block.len() as u16).to_le_bytes());
        z.extend((!(block.len() as u16)).to_le_bytes());
        z.extend(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    z.extend(((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_replays_from_its_seed() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        let picked = Rng(1).some(&[1, 2, 3, 4], 2, 3);
        assert!((2..=3).contains(&picked.len()));
        let mut sorted = picked.clone();
        sorted.dedup();
        assert_eq!(sorted.len(), picked.len(), "distinct");
        assert_eq!(Rng(3).below(0), 0, "no panic on an empty range");
    }
}

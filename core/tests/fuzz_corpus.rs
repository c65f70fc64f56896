//! The fuzz targets of `fuzz/` run as plain, deterministic tests: the same
//! bodies (`fuzz/src/lib.rs`, included below) over inputs made by a seeded
//! generator — the demo's CSV and JSON exports mutated with the bytes and
//! tokens that break parsers, random bytes, and texts drawn from a palette
//! of hard characters for the PDF layout. cargo-fuzz explores further
//! (fuzz/README.md); this keeps the properties checked on every `cargo test`.
//!
//! `BOURGADE_FUZZ_SEED=n` replays a run; `BOURGADE_FUZZ_CASES=n` changes the
//! number of inputs per target (default 120). A failing input is written to
//! `target/fuzz-failures/` so that `cargo fuzz run <target> <file>` replays it.

#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod targets;

use bourgade_core::exchange::{self, csv, json};
use bourgade_core::store::Store;
use bourgade_core::testing::Rng;
use chrono::{TimeZone, Utc};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

fn seed() -> u64 {
    std::env::var("BOURGADE_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x0B0E_9ADE)
}

fn cases() -> usize {
    std::env::var("BOURGADE_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120)
}

/// The demo's exports: well-formed inputs to mutate.
fn demo_exports() -> (Vec<u8>, Vec<u8>) {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
    let mut s = Store::open_in_memory().unwrap();
    bourgade_core::desk::ensure_reference(&mut s).unwrap();
    exchange::load_demo(&mut s, now).unwrap();
    (
        csv::export(&s).unwrap(),
        json::export(&s, now).unwrap().into_bytes(),
    )
}

/// Applies 1 to 8 mutations: byte flips, insertions of `tokens`, deletions,
/// duplications, truncation. One input in ten is random bytes instead.
fn mutate(rng: &mut Rng, base: &[u8], tokens: &[&[u8]]) -> Vec<u8> {
    if rng.below(10) == 0 {
        return (0..rng.below(512)).map(|_| rng.next_u64() as u8).collect();
    }
    let mut out = base.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = at.min(out.len() - 1);
                out[i] ^= 1 << rng.below(8);
            }
            1 | 2 => {
                let t = rng.pick(tokens);
                out.splice(at..at, t.iter().copied());
            }
            3 => {
                let end = (at + rng.below(64)).min(out.len());
                out.drain(at..end);
            }
            4 => {
                let end = (at + rng.below(200)).min(out.len());
                let copy = out[at..end].to_vec();
                let to = rng.below(out.len() + 1);
                out.splice(to..to, copy);
            }
            _ => out.truncate(at),
        }
    }
    out
}

const CSV_TOKENS: &[&[u8]] = &[
    b";",
    b",",
    b"\"",
    b"\"\"",
    b"\r\n",
    b"\n",
    b"\r",
    b"=",
    b"'",
    b"+",
    b"-",
    b"@",
    b"\xEF\xBB\xBF",
    b"\xFF",
    b"\xC3",
    b"\x80",
    b"\0",
    b"29024",
    b"2A004",
    b"99999",
    b"-1",
    b"1e400",
    b"999999999999999999999",
    b"12,5",
    b"1 250 000,00",
    b"2026-02-30",
    b"2026-11-23T09:30:00Z",
    b"commerce|housing",
    b"|||",
    b"\t",
    b"\xE2\x80\xAE",
    b"titre",
    b"uid",
    b"etape",
    b"9",
    b"sante",
    b"blocked",
];

const JSON_TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"\"",
    b"null",
    b"true",
    b"false",
    b"0",
    b"-0",
    b"1e309",
    b"-1",
    b"9223372036854775808",
    b"\"\\u0000\"",
    b"\"\\ud800\"",
    b"\\",
    b"\"uid\":\"x\"",
    b"\"id\":1",
    b"\"town_insee\":\"29024\"",
    b"\"stage\":9",
    b"\"funding_lines\":[{}]",
    b"\"rate_percent\":1e99",
    b"\"amount_requested\":-5",
    b"\"actors\":[{\"actor_id\":\"nope\"}]",
    b"\xFF",
    b"\xE2\x80\xAE",
    b"\"\xC3\"",
];

/// Runs one body on one input; on a panic, keeps the input and fails with
/// how to replay it.
fn run(target: &str, body: fn(&[u8]), input: &[u8], case: usize, seed: u64) {
    if catch_unwind(AssertUnwindSafe(|| body(input))).is_err() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/fuzz-failures");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{target}-{seed}-{case}.bin"));
        std::fs::write(&path, input).unwrap();
        panic!(
            "{target}: case {case} (BOURGADE_FUZZ_SEED={seed}) broke a property; input kept in {} \
             (replay: cd fuzz && cargo fuzz run {target} {})",
            path.display(),
            path.display()
        );
    }
}

#[test]
fn csv_import_properties_hold_on_mutated_exports() {
    let (csv, _) = demo_exports();
    let seed = seed();
    let mut rng = Rng(seed);
    run("csv_import", targets::csv_import, &csv, 0, seed);
    for case in 1..=cases() {
        let input = mutate(&mut rng, &csv, CSV_TOKENS);
        run("csv_import", targets::csv_import, &input, case, seed);
    }
}

#[test]
fn json_import_properties_hold_on_mutated_exports() {
    let (_, json) = demo_exports();
    let seed = seed();
    let mut rng = Rng(seed ^ 1);
    run("json_import", targets::json_import, &json, 0, seed);
    for case in 1..=cases() {
        let input = mutate(&mut rng, &json, JSON_TOKENS);
        run("json_import", targets::json_import, &input, case, seed);
    }
}

#[test]
fn pdf_layout_properties_hold_on_hard_texts() {
    const PALETTE: &[&str] = &[
        "a",
        "é",
        "W",
        "m",
        "1",
        " ",
        " ",
        " ",
        "\n",
        "\r\n",
        "\u{a0}",
        "\u{202f}",
        "\t",
        "«",
        "»",
        ":",
        ";",
        "?",
        "!",
        "…",
        "€",
        "œ",
        "ﬁ",
        "—",
        "-",
        "'",
        "’",
        "e\u{301}",
        "\u{200b}",
        "\u{202e}",
        "\u{feff}",
        "\u{ad}",
        "\u{7}",
        "\u{1b}",
        "\u{85}",
        "\u{2028}",
        "🎉",
        "👩‍👩‍👧",
        "🇫🇷",
        "ש",
        "م",
        "中",
        "\u{fffd}",
        "<script>",
        "WWWWWWWWWWWWWWWWWWWWWWWWWWWW",
        "Revitalisation ",
        "https://example.org/a/b?c=d",
    ];
    let seed = seed();
    let mut rng = Rng(seed ^ 2);
    for case in 0..cases() * 3 {
        let mut input = vec![rng.next_u64() as u8, rng.next_u64() as u8];
        // Small widths often: where cutting and one-glyph lines happen.
        if rng.below(3) == 0 {
            input[0] = rng.below(8) as u8;
        }
        let words = match rng.below(20) {
            0 => 2_000,
            _ => rng.below(60),
        };
        for _ in 0..words {
            input.extend_from_slice(rng.pick(PALETTE).as_bytes());
        }
        if rng.below(10) == 0 {
            input.push(0xFF); // invalid UTF-8, replaced
        }
        run("pdf_layout", targets::pdf_layout, &input, case, seed);
    }
}

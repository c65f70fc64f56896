//! Writes starting inputs for the cargo-fuzz targets (`fuzz/`): the demo's
//! CSV and JSON exports, and a few texts for the PDF layout (first byte:
//! line width / 2 in points, second: flags, then the text).
//!
//! Run: `cargo run -p bourgade-core --example fuzz_seeds -- fuzz/corpus`
//! (`scripts/fuzz.sh` does it).

use bourgade_core::exchange::{self, csv, json};
use bourgade_core::store::Store;
use chrono::{TimeZone, Utc};
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "fuzz/corpus".into()),
    );
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
    let mut s = Store::open_in_memory().expect("in-memory store");
    bourgade_core::desk::ensure_reference(&mut s).expect("reference data");
    exchange::load_demo(&mut s, now).expect("demo");
    let write = |target: &str, name: &str, bytes: &[u8]| {
        let d = dir.join(target);
        std::fs::create_dir_all(&d).expect("corpus folder");
        std::fs::write(d.join(name), bytes).expect("seed");
    };
    write("csv_import", "demo.csv", &csv::export(&s).expect("csv"));
    write(
        "json_import",
        "demo.json",
        json::export(&s, now).expect("json").as_bytes(),
    );
    let texts: [(u8, u8, &str); 4] = [
        (
            120,
            0,
            "Maison de santé pluriprofessionnelle : 1 250 000 € HT, « DETR » 2027 !",
        ),
        (
            40,
            1,
            "Ressourcerie\u{a0}— atelier de réemploi\u{202f}; œuvre ﬁnale…",
        ),
        (
            255,
            2,
            "Third place in the former post office: 80 % public aid?",
        ),
        (
            10,
            28,
            "mot-très-long-sans-espace-aucune-coupure-possible-ici\nsecond\r\nligne",
        ),
    ];
    for (i, (width, flags, text)) in texts.iter().enumerate() {
        let mut bytes = vec![*width, *flags];
        bytes.extend_from_slice(text.as_bytes());
        write("pdf_layout", &format!("text-{i}"), &bytes);
    }
    println!("seeds written in {}", dir.display());
}

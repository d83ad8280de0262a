//! Writes a seeded synthetic event log over a map.
//!
//! ```text
//! cargo run --release -p journeymap --example generate -- \
//!     schema/examples/coffee-maker.json 1000000 events.csv [seed]
//! ```
//! The output format follows the extension (`.csv` or `.jsonl`); the
//! number is the number of events.

use std::fs::File;
use std::io::BufWriter;

use journeymap::analytics::{write_csv, write_jsonl, GeneratorOptions};
use journeymap::JourneyMap;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: generate MAP.json EVENTS OUT.csv|OUT.jsonl [SEED]");
        std::process::exit(2);
    }
    let map = match JourneyMap::from_path(&args[0]) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{}: {e}", args[0]);
            std::process::exit(1);
        }
    };
    let Ok(events) = args[1].parse::<u64>() else {
        eprintln!("EVENTS must be a number, got {:?}", args[1]);
        std::process::exit(2);
    };
    let options = GeneratorOptions {
        customers: u64::MAX,
        max_events: Some(events),
        seed: args.get(3).and_then(|s| s.parse().ok()).unwrap_or(42),
        ..GeneratorOptions::default()
    };
    let out = match File::create(&args[2]) {
        Ok(f) => BufWriter::with_capacity(1 << 20, f),
        Err(e) => {
            eprintln!("{}: {e}", args[2]);
            std::process::exit(1);
        }
    };
    let written = if args[2].ends_with(".jsonl") {
        write_jsonl(&map, &options, out)
    } else {
        write_csv(&map, &options, out)
    };
    match written {
        Ok(n) => eprintln!("wrote {n} events to {}", args[2]),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}

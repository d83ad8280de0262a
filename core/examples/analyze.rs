//! Reads an event log (CSV or JSON Lines, by extension) against a map and
//! prints the time of each phase and a few numbers of the report; with
//! `--json`, prints the whole report.
//!
//! ```text
//! cargo run --release -p journeymap --example analyze -- \
//!     schema/examples/coffee-maker.json events.csv [--json]
//! ```

use std::fs::File;
use std::io::BufReader;
use std::time::Instant;

use journeymap::analytics::{
    CsvOptions, EventLog, JsonlOptions, OnError, Partial, ReportOptions, ScoreScale,
};
use journeymap::JourneyMap;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: analyze MAP.json LOG.csv|LOG.jsonl [--json]");
        std::process::exit(2);
    }
    let fail = |e: &dyn std::fmt::Display| -> ! {
        eprintln!("{e}");
        std::process::exit(1)
    };
    let map = JourneyMap::from_path(&args[0]).unwrap_or_else(|e| fail(&e));
    let file = BufReader::with_capacity(1 << 20, File::open(&args[1]).unwrap_or_else(|e| fail(&e)));
    let t0 = Instant::now();
    let log = if args[1].ends_with(".jsonl") {
        EventLog::from_jsonl(file, &map, &JsonlOptions::default().on_error(OnError::Skip))
    } else {
        EventLog::from_csv(file, &map, &CsvOptions::default().on_error(OnError::Skip))
    }
    .unwrap_or_else(|e| fail(&e));
    let t_read = t0.elapsed();
    let options = ReportOptions::default().score_scale(ScoreScale::OneToFive);
    let t1 = Instant::now();
    let partial = Partial::from_log(&map, &log, &options).unwrap_or_else(|e| fail(&e));
    let t_partial = t1.elapsed();
    let t2 = Instant::now();
    let report = partial.finish(&map, &options).unwrap_or_else(|e| fail(&e));
    let t_finish = t2.elapsed();
    if args.iter().any(|a| a == "--json") {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    }
    eprintln!(
        "events {} customers {} (log {:.1} MiB in memory)",
        log.len(),
        log.customers(),
        log.heap_bytes() as f64 / (1 << 20) as f64
    );
    eprintln!(
        "read {:.3}s  partial {:.3}s  finish {:.3}s  total {:.3}s",
        t_read.as_secs_f64(),
        t_partial.as_secs_f64(),
        t_finish.as_secs_f64(),
        t0.elapsed().as_secs_f64()
    );
    eprintln!(
        "converted {} / {}  fitness {:?}  variants {}  unknown events {}",
        report.totals.converted_customers,
        report.totals.customers,
        report.conformance.fitness,
        report.variants.distinct,
        report.unknown_events.events
    );
}

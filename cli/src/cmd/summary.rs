//! `journeymap summary FILE`

use std::path::PathBuf;

use clap::Parser;

use crate::output::{load_map, print, Outcome};

/// Print a human-readable overview of a map: counts, entries, conversions and
/// one line per stage.
#[derive(Parser, Debug)]
pub struct Args {
    /// Map document (JSON).
    pub file: PathBuf,
    /// Print the overview as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs the subcommand.
pub fn run(args: &Args) -> Outcome {
    let map = match load_map(&args.file) {
        Ok(map) => map,
        Err(outcome) => return outcome,
    };
    let summary = map.summary();
    if args.json {
        print(&(serde_json::to_string_pretty(&summary).unwrap_or_default() + "\n"))
    } else {
        print(&summary.to_string())
    }
}

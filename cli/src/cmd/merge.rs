//! `journeymap merge MAP PART...`

use std::path::PathBuf;

use clap::Parser;
use journeymap::analytics::{Partial, TextOptions};

use crate::cmd::analyze::Format;
use crate::output::{load_map, write_output, Outcome};

/// Merge the partial results of logs split by customer (`journeymap analyze
/// --partial`) into the report of the whole log: the same report, byte for
/// byte, as analysing the whole log at once.
///
/// Every customer's events must be in one part. The partials must come from
/// the same map and the same options (the report's `top` may differ).
///
/// Exit status: 0 report written, 1 a partial is refused (another map or
/// other options, a newer format, not a partial), 2 a file cannot be read
/// or written.
#[derive(Parser, Debug)]
pub struct Args {
    /// Map document (JSON): the map the partials were computed against.
    pub map: PathBuf,
    /// Partial results (`journeymap analyze MAP EVENTS --partial -o PART`).
    #[arg(required = true)]
    pub parts: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// How many path variants, transitions (text) and unknown event names
    /// to list (default: the partials' own).
    #[arg(long)]
    pub top: Option<usize>,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

/// Runs the subcommand.
pub fn run(args: &Args) -> Outcome {
    let map = match load_map(&args.map) {
        Ok(map) => map,
        Err(outcome) => return outcome,
    };
    let mut merged: Option<Partial> = None;
    for path in &args.parts {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("journeymap: cannot read {}: {e}", path.display());
                return Outcome::Failed;
            }
        };
        let part = match Partial::from_bytes(&bytes) {
            Ok(part) => part,
            Err(e) => {
                eprintln!("journeymap: {}: {} {e}", path.display(), e.code());
                return Outcome::Invalid;
            }
        };
        merged = match merged {
            None => Some(part),
            Some(so_far) => match so_far.merge(part) {
                Ok(m) => Some(m),
                Err(e) => {
                    eprintln!("journeymap: {}: {} {e}", path.display(), e.code());
                    return Outcome::Invalid;
                }
            },
        };
    }
    // clap requires at least one part.
    let Some(merged) = merged else {
        return Outcome::Failed;
    };
    let mut options = merged.options().clone();
    if let Some(top) = args.top {
        options = options.top_k(top);
    }
    let report = match merged.finish(&map, &options) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("journeymap: {} {e}", e.code());
            return Outcome::Invalid;
        }
    };
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&report).unwrap_or_default() + "\n",
        Format::Text => report.to_text(&map, &TextOptions::new().top(options.top_k)),
    };
    write_output(args.output.as_deref(), &text)
}

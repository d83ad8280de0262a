//! `journeymap diff OLD NEW [--json]`

use std::path::PathBuf;

use clap::Parser;
use journeymap::diff::diff;

use crate::output::{load_map, print, Outcome};

/// Compare two versions of a map: added, removed and changed entities with
/// field-level changes, moved touchpoints, stage reordering, map changes.
///
/// Exit status, as diff(1): 0 no differences, 1 differences, 2 an error
/// (a file cannot be read or is not a valid map).
#[derive(Parser, Debug)]
pub struct Args {
    /// The old version of the map (JSON).
    pub old: PathBuf,
    /// The new version of the map (JSON).
    pub new: PathBuf,
    /// Print the differences as JSON (the `MapDiff` structure).
    #[arg(long)]
    pub json: bool,
}

/// Runs the subcommand.
pub fn run(args: &Args) -> Outcome {
    // Unlike other commands, an invalid map is an error (2) here: 1 means
    // "the maps differ".
    let Ok(old) = load_map(&args.old) else {
        return Outcome::Failed;
    };
    let Ok(new) = load_map(&args.new) else {
        return Outcome::Failed;
    };
    let d = diff(&old, &new);
    let text = if args.json {
        serde_json::to_string_pretty(&d).unwrap_or_default() + "\n"
    } else {
        d.to_string()
    };
    match print(&text) {
        Outcome::Ok if d.is_empty() => Outcome::Ok,
        Outcome::Ok => Outcome::Invalid,
        failed => failed,
    }
}

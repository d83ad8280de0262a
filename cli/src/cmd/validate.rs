//! `journeymap validate FILE...`

use std::path::PathBuf;

use clap::{Parser, ValueEnum};
use journeymap::JourneyMap;
use serde_json::json;

use crate::output::{error_line, outcome_of, print, Outcome};

/// Output format.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// `CODE path: message` lines.
    Text,
    /// One JSON object per file: {file, valid, errors: [{code, message, path, id, line, column}]}.
    Json,
}

/// Check maps against every invariant.
///
/// Exit status: 0 when every file is a valid map, 1 when any is invalid,
/// 2 when a file cannot be read.
#[derive(Parser, Debug)]
pub struct Args {
    /// Map documents (JSON) to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Runs the subcommand.
pub fn run(args: &Args) -> Outcome {
    let mut outcome = Outcome::Ok;
    let mut reports = Vec::new();
    let mut text = String::new();
    for file in &args.files {
        match JourneyMap::from_path(file) {
            Ok(map) => {
                let s = map.summary();
                text.push_str(&format!(
                    "{}: valid ({} stages, {} touchpoints, {} transitions)\n",
                    file.display(),
                    s.stages,
                    s.touchpoints,
                    s.transitions
                ));
                reports
                    .push(json!({"file": file.display().to_string(), "valid": true, "errors": []}));
            }
            Err(e) => {
                outcome = outcome.worst(outcome_of(&e));
                let n = e.violations().len();
                text.push_str(&format!("{}: {} error(s)\n", file.display(), n));
                for v in e.violations() {
                    text.push_str(&format!("  {}\n", error_line(v)));
                }
                reports.push(json!({"file": file.display().to_string(), "valid": false, "errors": e.violations()}));
            }
        }
    }
    let written = match args.format {
        Format::Text => print(&text),
        Format::Json => print(&(serde_json::to_string_pretty(&reports).unwrap_or_default() + "\n")),
    };
    outcome.worst(written)
}

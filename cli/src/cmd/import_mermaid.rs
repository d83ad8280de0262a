//! `journeymap import-mermaid FILE [-o OUT]`

use std::path::PathBuf;

use clap::Parser;
use journeymap::render::mermaid_import::parse_journey;

use crate::output::{error_line, write_output, Outcome};

/// Read a Mermaid `journey` diagram and print it as a map document (JSON).
///
/// Sections become stages, tasks touchpoints (linked in order by
/// transitions), scores 1..5 emotions -2..2 and actors personas. A malformed
/// diagram is reported as `FILE:LINE:COLUMN: MERMAID_SYNTAX message`.
///
/// Exit status: 0 converted, 1 the diagram is malformed, 2 a file cannot be
/// read or written.
#[derive(Parser, Debug)]
pub struct Args {
    /// Mermaid text (`-` for standard input).
    pub file: PathBuf,
    /// Write the JSON to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

fn read(file: &PathBuf) -> std::io::Result<String> {
    if file.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(file)
    }
}

/// Runs the subcommand.
pub fn run(args: &Args) -> Outcome {
    let text = match read(&args.file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("journeymap: cannot read {}: {e}", args.file.display());
            return Outcome::Failed;
        }
    };
    match parse_journey(&text) {
        Ok(map) => write_output(args.output.as_deref(), &(map.to_json() + "\n")),
        Err(e) => {
            for v in e.violations() {
                match v.line_column() {
                    Some((line, column)) => {
                        eprintln!("{}:{line}:{column}: {} {v}", args.file.display(), v.code())
                    }
                    None => eprintln!("{}: {}", args.file.display(), error_line(v)),
                }
            }
            Outcome::Invalid
        }
    }
}

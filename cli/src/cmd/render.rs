//! `journeymap render FILE --format mermaid|mermaid-flowchart|dot|csv [--persona ID] [-o OUT]`

use std::path::PathBuf;

use clap::{Parser, ValueEnum};
use journeymap::render::{csv, dot, mermaid};

use crate::output::{load_map, outcome_of, write_output, Outcome};

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Mermaid `journey` diagram (scores -2..2 shown as 1..5, actors = personas).
    Mermaid,
    /// Mermaid `flowchart LR` of the touchpoint graph.
    MermaidFlowchart,
    /// Graphviz DOT of the touchpoint graph (`dot -Tsvg` draws it).
    Dot,
    /// CSV of the touchpoints, one row per touchpoint, for spreadsheets.
    Csv,
}

/// Render a map as a Mermaid journey, a Mermaid flowchart, Graphviz DOT or CSV.
///
/// Exit status: 0 written, 1 the map is invalid (or the persona unknown),
/// 2 a file cannot be read or written.
#[derive(Parser, Debug)]
pub struct Args {
    /// Map document (JSON).
    pub file: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum)]
    pub format: Format,
    /// Render only this persona's journey (the touchpoints and transitions
    /// that apply to it).
    #[arg(long)]
    pub persona: Option<String>,
    /// CSV only: write text cells as they are, without the `'` that stops
    /// spreadsheets running cells starting with = + - @ as formulas.
    #[arg(long)]
    pub raw_csv: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

/// Runs the subcommand.
pub fn run(args: &Args) -> Outcome {
    let map = match load_map(&args.file) {
        Ok(map) => map,
        Err(outcome) => return outcome,
    };
    let map = match &args.persona {
        Some(persona) => match map.persona_journey(persona) {
            Ok(sub) => sub,
            Err(e) => {
                eprintln!("journeymap: {}: {e}", args.file.display());
                return outcome_of(&e);
            }
        },
        None => map,
    };
    let text = match args.format {
        Format::Mermaid => mermaid::journey(&map),
        Format::MermaidFlowchart => mermaid::flowchart(&map),
        Format::Dot => dot::dot(&map),
        Format::Csv => {
            let options = if args.raw_csv {
                csv::CsvOptions::raw()
            } else {
                csv::CsvOptions::default()
            };
            match csv::touchpoints_csv_with(&map, &options) {
                Ok(text) => text,
                Err(e) => {
                    eprintln!("journeymap: {e}");
                    return Outcome::Failed;
                }
            }
        }
    };
    write_output(args.output.as_deref(), &text)
}

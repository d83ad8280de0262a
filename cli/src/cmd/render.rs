//! `journeymap render FILE --format svg|mermaid|mermaid-flowchart|dot|csv [--persona ID] [-o OUT]`

use std::path::PathBuf;

use clap::{Parser, ValueEnum};
use journeymap::render::{csv, dot, mermaid, svg};
use journeymap::{Error, JourneyMap};

use crate::output::{load_map, outcome_of, write_output, Outcome};

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// SVG journey-map canvas: stages as columns, lanes for touchpoints,
    /// actions, emotions, pain points, opportunities and owners.
    Svg,
    /// Mermaid `journey` diagram (scores -2..2 shown as 1..5, actors = personas).
    Mermaid,
    /// Mermaid `flowchart LR` of the touchpoint graph.
    MermaidFlowchart,
    /// Graphviz DOT of the touchpoint graph (`dot -Tsvg` draws it).
    Dot,
    /// CSV of the touchpoints, one row per touchpoint, for spreadsheets.
    Csv,
}

/// Render a map as an SVG canvas, a Mermaid journey, a Mermaid flowchart,
/// Graphviz DOT or CSV.
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
    match render(map, args) {
        Ok(text) => write_output(args.output.as_deref(), &text),
        Err(e) => {
            eprintln!("journeymap: {}: {e}", args.file.display());
            outcome_of(&e)
        }
    }
}

fn render(map: JourneyMap, args: &Args) -> Result<String, Error> {
    Ok(match args.format {
        // The canvas filters by persona itself, and shows the persona.
        Format::Svg => {
            let mut options = svg::SvgOptions::new();
            if let Some(persona) = &args.persona {
                options = options.persona(persona.clone());
            }
            svg::render(&map, &options)?
        }
        Format::Mermaid => mermaid::journey(&for_persona(map, args)?),
        Format::MermaidFlowchart => mermaid::flowchart(&for_persona(map, args)?),
        Format::Dot => dot::dot(&for_persona(map, args)?),
        Format::Csv => {
            let options = if args.raw_csv {
                csv::CsvOptions::raw()
            } else {
                csv::CsvOptions::default()
            };
            csv::touchpoints_csv_with(&for_persona(map, args)?, &options)?
        }
    })
}

/// The journey of `--persona`, or the whole map.
fn for_persona(map: JourneyMap, args: &Args) -> Result<JourneyMap, Error> {
    match &args.persona {
        Some(persona) => map.persona_journey(persona),
        None => Ok(map),
    }
}

//! `journeymap render FILE --format svg|mermaid|mermaid-flowchart|dot|csv [--persona ID] [--report REPORT.json] [-o OUT]`

use std::path::{Path, PathBuf};

use clap::{Parser, ValueEnum};
use journeymap::analytics::Report;
use journeymap::render::{csv, dot, mermaid, svg};
use journeymap::{Error, JourneyMap};

use crate::output::{load_map, outcome_of, report_errors, write_output, Outcome};

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
/// With `--format svg --report REPORT.json` (a report written by
/// `journeymap analyze MAP EVENTS --format json`), the canvas also shows
/// what the report observed: the funnel per stage, reach, conversion, exits
/// and mean score per touchpoint, and conformance in the header.
///
/// Exit status: 0 written, 1 the map or the report is invalid (or the
/// persona unknown), 2 a file cannot be read or written, or a usage error.
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
    /// SVG only: overlay this journey report (JSON, as written by
    /// `journeymap analyze MAP EVENTS --format json`).
    #[arg(long, value_name = "REPORT.json")]
    pub report: Option<PathBuf>,
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
    let report = match &args.report {
        None => None,
        Some(_) if args.format != Format::Svg => {
            eprintln!("journeymap: --report applies to --format svg only");
            return Outcome::Failed;
        }
        Some(path) => match load_report(path) {
            Ok(report) => Some(report),
            Err(outcome) => return outcome,
        },
    };
    match render(map, report, args) {
        Ok(text) => write_output(args.output.as_deref(), &text),
        Err(e) => {
            eprintln!("journeymap: {}: {e}", args.file.display());
            outcome_of(&e)
        }
    }
}

/// Reads a report, printing its errors as `path: CODE pointer: message`.
fn load_report(path: &Path) -> Result<Report, Outcome> {
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let err = Error::InvalidValue {
                    id: None,
                    path: String::new(),
                    message: format!("the report is not UTF-8 text: {e}"),
                };
                report_errors(path, &err);
                return Err(Outcome::Invalid);
            }
        },
        Err(e) => {
            eprintln!("journeymap: cannot read {}: {e}", path.display());
            return Err(Outcome::Failed);
        }
    };
    svg::read_report(&text).map_err(|e| {
        report_errors(path, &e);
        outcome_of(&e)
    })
}

fn render(map: JourneyMap, report: Option<Report>, args: &Args) -> Result<String, Error> {
    Ok(match args.format {
        // The canvas filters by persona itself, and shows the persona.
        Format::Svg => {
            let mut options = svg::SvgOptions::new();
            if let Some(persona) = &args.persona {
                options = options.persona(persona.clone());
            }
            if let Some(report) = report {
                options = options.report(report);
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

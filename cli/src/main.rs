//! `journeymap`: validate, summarise, lint, render, diff and analyse customer
//! journey maps from the command line.
//!
//! Exit codes: 0 success, 1 the input is invalid (or has error-level
//! findings), 2 usage or I/O error.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod output;

/// Customer journey maps: validate, summarise, lint, render, diff, analyse.
#[derive(Parser)]
#[command(name = "journeymap", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check maps against every invariant; lists each error as `CODE path: message`.
    Validate(cmd::validate::Args),
    /// Print a human-readable overview of a map.
    Summary(cmd::summary::Args),
    /// Print the JSON Schema of the map document.
    Schema(cmd::schema::Args),
    /// Render a map as an SVG canvas, Mermaid (journey or flowchart), Graphviz DOT or CSV.
    Render(cmd::render::Args),
    /// Compare two versions of a map (exit 0 same, 1 different, 2 error).
    Diff(cmd::diff::Args),
    /// Convert a Mermaid `journey` diagram into a map document (JSON).
    ImportMermaid(cmd::import_mermaid::Args),
    /// Lint a map against journey-mapping practice; `--list` and `--explain CODE` document the rules.
    Lint(cmd::lint::Args),
    /// Analyse an event log (CSV or JSON Lines) against a map: funnel, paths, conformance, attribution.
    Analyze(Box<cmd::analyze::Args>),
    /// Merge the partial results of logs split by customer (`analyze --partial`) into one report.
    Merge(cmd::merge::Args),
    /// Write a seeded synthetic event log over a map (CSV or JSON Lines).
    Generate(cmd::generate::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Validate(args) => cmd::validate::run(&args),
        Command::Summary(args) => cmd::summary::run(&args),
        Command::Schema(args) => cmd::schema::run(&args),
        Command::Render(args) => cmd::render::run(&args),
        Command::Diff(args) => cmd::diff::run(&args),
        Command::ImportMermaid(args) => cmd::import_mermaid::run(&args),
        Command::Lint(args) => cmd::lint::run(&args),
        Command::Analyze(args) => cmd::analyze::run(&args),
        Command::Merge(args) => cmd::merge::run(&args),
        Command::Generate(args) => cmd::generate::run(&args),
    };
    outcome.exit_code()
}

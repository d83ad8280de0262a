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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Validate(args) => cmd::validate::run(&args),
        Command::Summary(args) => cmd::summary::run(&args),
        Command::Schema(args) => cmd::schema::run(&args),
    };
    outcome.exit_code()
}

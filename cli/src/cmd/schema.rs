//! `journeymap schema`

use std::path::PathBuf;

use clap::Parser;

use crate::output::{write_output, Outcome};

/// Print the JSON Schema (draft 2020-12) of the journey-map document.
#[derive(Parser, Debug)]
pub struct Args {
    /// Write to this file instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Runs the subcommand.
pub fn run(args: &Args) -> Outcome {
    write_output(
        args.output.as_deref(),
        &journeymap::schema::document_schema_json(),
    )
}

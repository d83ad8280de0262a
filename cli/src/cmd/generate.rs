//! `journeymap generate MAP --events N --seed S [--customers C] [-o OUT.csv]`

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::{ArgGroup, Parser, ValueEnum};
use journeymap::analytics::{write_csv, write_jsonl, GeneratorOptions};

use crate::output::{load_map, Outcome};

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// CSV with a header row (default column names, one column per
    /// attribute the map's rules look at).
    Csv,
    /// JSON Lines with an `attributes` object.
    Jsonl,
}

/// Write a seeded synthetic event log over a map, for demos, tests and
/// benchmarks.
///
/// Each customer walks the map from an entry touchpoint of their persona
/// along planned transitions, with some deviations, repeats and unknown
/// events; events are raw fields satisfying the touchpoints' `match` rules.
/// Scores are on a 1..5 scale (analyse with --score-scale one-to-five). The
/// same map, options and seed always give the same log.
///
/// Exit status: 0 written, 1 the map is invalid, 2 usage error or a file
/// cannot be read or written.
#[derive(Parser, Debug)]
#[command(group(ArgGroup::new("size").required(true).multiple(true).args(["events", "customers"])))]
pub struct Args {
    /// Map document (JSON).
    pub map: PathBuf,
    /// Stop after this many events.
    #[arg(long, short = 'n')]
    pub events: Option<u64>,
    /// Number of customers (default: as many as it takes to write --events
    /// events).
    #[arg(long)]
    pub customers: Option<u64>,
    /// Seed of the random generator.
    #[arg(long, short = 's', default_value_t = 42)]
    pub seed: u64,
    /// Probability that a step leaves the map (0..1).
    #[arg(long, default_value_t = GeneratorOptions::default().deviation_rate)]
    pub deviation_rate: f64,
    /// Probability of an unknown event after a step (0..1).
    #[arg(long, default_value_t = GeneratorOptions::default().unknown_rate)]
    pub unknown_rate: f64,
    /// Probability that an event is repeated at once (0..1).
    #[arg(long, default_value_t = GeneratorOptions::default().repeat_rate)]
    pub repeat_rate: f64,
    /// Output format (default: from the extension of -o, .jsonl or .ndjson
    /// for JSON Lines, else CSV).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

/// Standard output that remembers whether the reader went away, so that
/// `journeymap generate ... | head` ends quietly.
struct Stdout {
    inner: std::io::StdoutLock<'static>,
    closed: bool,
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).inspect_err(|e| {
            self.closed |= e.kind() == std::io::ErrorKind::BrokenPipe;
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().inspect_err(|e| {
            self.closed |= e.kind() == std::io::ErrorKind::BrokenPipe;
        })
    }
}

/// Runs the subcommand.
pub fn run(args: &Args) -> Outcome {
    let map = match load_map(&args.map) {
        Ok(map) => map,
        Err(outcome) => return outcome,
    };
    let options = GeneratorOptions {
        customers: args.customers.unwrap_or(u64::MAX),
        max_events: args.events,
        seed: args.seed,
        deviation_rate: args.deviation_rate,
        unknown_rate: args.unknown_rate,
        repeat_rate: args.repeat_rate,
        ..GeneratorOptions::default()
    };
    // Core's rule: rates are probabilities, and the map has touchpoints.
    if let Err(e) = options.check(&map) {
        eprintln!("journeymap: {}: {} {e}", args.map.display(), e.code());
        // A map with nothing to generate is an invalid input (exit 1); a
        // rate out of range is a usage error (exit 2).
        return if e.path() == Some("/touchpoints") {
            Outcome::Invalid
        } else {
            Outcome::Failed
        };
    }
    let format = args.format.unwrap_or_else(|| {
        let ext = args
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("jsonl") | Some("ndjson") => Format::Jsonl,
            _ => Format::Csv,
        }
    });
    let write = |w: &mut dyn Write| match format {
        Format::Csv => write_csv(&map, &options, w),
        Format::Jsonl => write_jsonl(&map, &options, w),
    };
    match &args.output {
        Some(path) => {
            let file = match File::create(path) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("journeymap: cannot write {}: {e}", path.display());
                    return Outcome::Failed;
                }
            };
            let mut out = BufWriter::with_capacity(1 << 20, file);
            match write(&mut out).and_then(|n| {
                out.flush()
                    .map(|()| n)
                    .map_err(|e| journeymap::Error::io(path.display().to_string(), &e))
            }) {
                Ok(n) => {
                    eprintln!("journeymap: wrote {n} events to {}", path.display());
                    Outcome::Ok
                }
                Err(e) => {
                    eprintln!("journeymap: cannot write {}: {e}", path.display());
                    Outcome::Failed
                }
            }
        }
        None => {
            let mut out = Stdout {
                inner: std::io::stdout().lock(),
                closed: false,
            };
            let mut buffered = BufWriter::with_capacity(1 << 16, &mut out);
            let result = write(&mut buffered).and_then(|n| {
                buffered
                    .flush()
                    .map(|()| n)
                    .map_err(|e| journeymap::Error::io("<stdout>", &e))
            });
            drop(buffered);
            match result {
                Ok(_) => Outcome::Ok,
                Err(_) if out.closed => Outcome::Ok,
                Err(e) => {
                    eprintln!("journeymap: cannot write the log: {e}");
                    Outcome::Failed
                }
            }
        }
    }
}

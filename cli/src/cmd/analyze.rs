//! `journeymap analyze MAP EVENTS [--format text|json] [--window 30d] [--svg OUT.svg] ...`

use std::fs::File;
use std::io::{BufReader, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Parser, ValueEnum};
use journeymap::analytics::{
    analyze, format_count, CsvOptions, EventLog, FieldNames, JsonlOptions, OnError, Partial,
    ReportOptions, ScoreScale, TextOptions, TimeUnit, TimestampFormat, Timezone,
};
use journeymap::render::svg;
use journeymap::{analytics, Error, JourneyMap};

use crate::output::{load_map, write_output, Outcome};

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable summary: funnel, transitions, variants, conformance, attribution.
    Text,
    /// The full report as JSON (schema/journey-report.schema.json).
    Json,
}

/// A command-line value read by the core library's own parser (its
/// message is the error clap prints).
fn parse_core<T>(text: &str) -> Result<T, String>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|e: T::Err| e.to_string())
}

/// Analyse an event log against a map: funnel, touchpoints, transitions,
/// path variants, conformance and attribution.
///
/// The log is CSV (header row) or JSON Lines, chosen by the file extension
/// (.csv, .tsv, .tab, .jsonl, .ndjson) or --input-format. Required fields:
/// customer_id, timestamp, and a touchpoint id or raw event fields (event,
/// channel, attributes) that the map's `match` rules resolve; optional
/// value, score and segment.
///
/// Exit status: 0 report written, 1 the map or a row of the log is invalid
/// (with --on-bad-row fail), 2 usage error or a file cannot be read or
/// written.
#[derive(Parser, Debug)]
pub struct Args {
    /// Map document (JSON).
    pub map: PathBuf,
    /// Event log (.csv, .tsv, .tab, .jsonl or .ndjson; `-` reads standard input
    /// and needs --input-format).
    pub events: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Format of the event log: csv, tsv or jsonl (default: from the file
    /// extension).
    #[arg(long, value_name = "FORMAT", value_parser = parse_core::<analytics::InputFormat>)]
    pub input_format: Option<analytics::InputFormat>,
    /// Conversion window: cut each journey this long after the customer's
    /// first event (e.g. 30d, 12h, 90m, 2w).
    #[arg(long, value_parser = parse_duration)]
    pub window: Option<Duration>,
    /// Attribution lookback: credit only touches this long before the
    /// conversion (e.g. 14d).
    #[arg(long, value_parser = parse_duration)]
    pub lookback: Option<Duration>,
    /// Half-life of the time-decay attribution model (default 7d).
    #[arg(long, value_parser = parse_duration)]
    pub half_life: Option<Duration>,
    /// Count reaching this touchpoint as converting (repeatable; default:
    /// the map's conversion touchpoints and objectives).
    #[arg(long = "conversion", value_name = "TOUCHPOINT")]
    pub conversions: Vec<String>,
    /// Field (CSV column or JSON key) holding each customer's segment or
    /// persona; the report gets one funnel per segment (default `segment`,
    /// used when present). A field named here must be in the log: a CSV
    /// header without it, or a log in which no event has a value in it, is
    /// a MISSING_COLUMN error.
    #[arg(long, value_name = "FIELD")]
    pub segment_by: Option<String>,
    /// Field holding the customer id (default `customer_id`).
    #[arg(long, value_name = "FIELD")]
    pub customer_field: Option<String>,
    /// Field holding the timestamp (default `timestamp`).
    #[arg(long, value_name = "FIELD")]
    pub timestamp_field: Option<String>,
    /// How timestamps are written: auto (ISO 8601 date-times or integers of
    /// epoch time), rfc3339 (date-times only), epoch_millis, epoch_seconds,
    /// or a pattern such as "%d/%m/%Y %H:%M" (%Y %m %b %d %H %M %S %f %z).
    #[arg(long, value_name = "FORMAT", default_value = "auto", value_parser = parse_core::<TimestampFormat>)]
    pub timestamps: TimestampFormat,
    /// Unit of integer timestamps: s, ms, us or ns. Without it, integers
    /// are read as milliseconds only between 1980 and 2099, and refused
    /// otherwise with the likely unit named.
    #[arg(long, value_name = "UNIT", value_parser = parse_core::<TimeUnit>)]
    pub timestamp_unit: Option<TimeUnit>,
    /// Zone of date-times written without an offset: UTC (default), a
    /// fixed offset such as +01:00, or a zone such as Europe/Berlin.
    #[arg(long, value_name = "ZONE", default_value = "UTC", value_parser = parse_core::<Timezone>)]
    pub timezone: Timezone,
    /// Scale of the `score` field, mapped onto the map's -2..2 emotions:
    /// native (-2..2), one-to-five (CSAT, Likert), zero-to-ten (NPS) or a
    /// range such as 1..7.
    #[arg(long, value_name = "SCALE", default_value = "native", value_parser = parse_core::<ScoreScale>)]
    pub score_scale: ScoreScale,
    /// How many path variants, transitions (text) and unknown event names
    /// to list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Count every event as a step, instead of collapsing consecutive
    /// events at the same touchpoint into one.
    #[arg(long)]
    pub keep_repeats: bool,
    /// JSON only: list every customer's conformance.
    #[arg(long)]
    pub customers: bool,
    /// What to do with a row that cannot be read: fail (stop at the first
    /// bad row, exit 1) or skip (count bad rows by reason in the report and
    /// warn on stderr).
    #[arg(long, value_name = "POLICY", default_value = "fail", value_parser = parse_core::<OnError>)]
    pub on_bad_row: OnError,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Also write the map's SVG canvas overlaid with the report (funnel per
    /// stage, figures per touchpoint, observed scores) to this file.
    #[arg(long, value_name = "OUT.svg")]
    pub svg: Option<PathBuf>,
    /// Write the partial result (binary, to the -o file) instead of the
    /// report: `journeymap merge` combines the partials of logs split by
    /// customer into the report of the whole (a map-reduce).
    #[arg(long, requires = "output", conflicts_with = "svg")]
    pub partial: bool,
}

/// Parses `30d`, `12h`, `90m`, `45s`, `500ms`, `2w` (a whole number and a
/// unit) with the library's parser, for clap.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    analytics::parse_duration(text).map_err(|e| e.to_string())
}

/// Runs the subcommand.
pub fn run(args: &Args) -> Outcome {
    let map = match load_map(&args.map) {
        Ok(map) => map,
        Err(outcome) => return outcome,
    };
    let options = match report_options(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("journeymap: {message}");
            return Outcome::Failed;
        }
    };
    if let Err(e) = options.validate(&map) {
        // The core names the option by its field; say which flag set it.
        let flag = match e.path() {
            Some("/options/conversion_window_ms") => " (--window)",
            Some("/options/lookback_window_ms") => " (--lookback)",
            Some("/options/half_life_ms") => " (--half-life)",
            _ => "",
        };
        eprintln!("journeymap: {e}{flag}");
        return Outcome::Failed;
    }
    let format = match input_format(args) {
        Ok(f) => f,
        Err(message) => {
            eprintln!("journeymap: {message}");
            return Outcome::Failed;
        }
    };
    let log = match read_log(args, &map, format) {
        Ok(log) => log,
        Err(outcome) => return outcome,
    };
    let skipped = log.stats().rows_skipped();
    if skipped > 0 {
        let by_code: Vec<String> = log
            .stats()
            .skipped
            .iter()
            .map(|(code, n)| format!("{code} {n}"))
            .collect();
        eprintln!(
            "journeymap: {}: skipped {skipped} bad row(s) of {} ({})",
            args.events.display(),
            log.stats().rows,
            by_code.join(", ")
        );
        if let Some(first) = log.stats().examples.first() {
            eprintln!("journeymap: first skipped: {} {first}", first.kind.code());
        }
    }
    if args.partial {
        return write_partial(args, &map, &log, &options);
    }
    let progress = stderr_is_terminal() && log.len() >= PROGRESS_MIN_EVENTS;
    if progress {
        eprint!("analysing {} events...", format_count(log.len() as u64));
    }
    let report = analyze(&map, &log, &options);
    if progress {
        eprint!("\r\x1b[K");
    }
    let report = match report {
        Ok(report) => report,
        Err(e) => {
            eprintln!("journeymap: {} {e}", e.code());
            return Outcome::Failed;
        }
    };
    let text = match args.format {
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(mut s) => {
                s.push('\n');
                s
            }
            Err(e) => {
                eprintln!("journeymap: cannot serialise the report: {e}");
                return Outcome::Failed;
            }
        },
        Format::Text => report.to_text(&map, &TextOptions::new().top(args.top)),
    };
    let canvas = match &args.svg {
        None => None,
        Some(path) => match svg::render(&map, &svg::SvgOptions::new().report(report)) {
            Ok(canvas) => Some((path, canvas)),
            Err(e) => {
                eprintln!("journeymap: {} {e}", e.code());
                return Outcome::Failed;
            }
        },
    };
    let outcome = write_output(args.output.as_deref(), &text);
    match canvas {
        Some((path, canvas)) => outcome.worst(write_output(Some(path), &canvas)),
        None => outcome,
    }
}

/// `--partial`: the log's partial result, as bytes, to the -o file.
fn write_partial(
    args: &Args,
    map: &JourneyMap,
    log: &EventLog,
    options: &ReportOptions,
) -> Outcome {
    let partial = match Partial::from_log(map, log, options) {
        Ok(partial) => partial,
        Err(e) => {
            eprintln!("journeymap: {} {e}", e.code());
            return Outcome::Failed;
        }
    };
    // clap requires -o with --partial.
    let Some(path) = args.output.as_deref() else {
        eprintln!("journeymap: --partial writes binary: give -o FILE");
        return Outcome::Failed;
    };
    match std::fs::write(path, partial.to_bytes()) {
        Ok(()) => Outcome::Ok,
        Err(e) => {
            eprintln!("journeymap: cannot write {}: {e}", path.display());
            Outcome::Failed
        }
    }
}

fn report_options(args: &Args) -> Result<ReportOptions, String> {
    let mut options = ReportOptions::new()
        .top_k(args.top)
        .collapse_repeats(!args.keep_repeats)
        .include_customers(args.customers)
        .score_scale(args.score_scale);
    if let Some(w) = args.window {
        options = options.conversion_window(w);
    }
    if let Some(w) = args.lookback {
        options = options.lookback_window(w);
    }
    if let Some(h) = args.half_life {
        // Its range is checked by ReportOptions::validate, with the others.
        options = options.half_life(h);
    }
    if !args.conversions.is_empty() {
        options = options.conversions(args.conversions.iter().cloned());
    }
    Ok(options)
}

fn input_format(args: &Args) -> Result<analytics::InputFormat, String> {
    match args.input_format {
        Some(format) => Ok(format),
        // The core's table of extensions; its error says what to do.
        None => analytics::InputFormat::from_path(&args.events)
            .map_err(|e| format!("{e} (--input-format)")),
    }
}

fn field_names(args: &Args) -> FieldNames {
    let mut fields = FieldNames::default();
    if let Some(f) = &args.segment_by {
        fields = fields.segment_by(f.clone());
    }
    if let Some(f) = &args.customer_field {
        fields.customer = f.clone();
    }
    if let Some(f) = &args.timestamp_field {
        fields.timestamp = f.clone();
    }
    fields
}

fn read_log(
    args: &Args,
    map: &JourneyMap,
    format: analytics::InputFormat,
) -> Result<EventLog, Outcome> {
    let on_error = args.on_bad_row;
    let name = args.events.display().to_string();
    let (source, total): (Box<dyn Read>, Option<u64>) = if args.events.as_os_str() == "-" {
        (Box::new(std::io::stdin().lock()), None)
    } else {
        match File::open(&args.events) {
            Ok(f) => {
                let total = f.metadata().ok().map(|m| m.len());
                (Box::new(f), total)
            }
            Err(e) => {
                eprintln!("journeymap: cannot read {name}: {e}");
                return Err(Outcome::Failed);
            }
        }
    };
    let progress = Progress::new(source, &name, total, stderr_is_terminal());
    let reader = BufReader::with_capacity(1 << 18, progress);
    let fields = field_names(args);
    // The text formats have a delimiter; JSON Lines has none.
    let result = match format.delimiter() {
        Some(delimiter) => {
            let mut options = CsvOptions::default()
                .fields(fields)
                .delimiter(delimiter)
                .timestamp_format(args.timestamps.clone())
                .timezone(args.timezone.clone())
                .on_error(on_error);
            options.timestamp_unit = args.timestamp_unit;
            EventLog::from_csv(reader, map, &options)
        }
        None => {
            let mut options = JsonlOptions::default()
                .fields(fields)
                .timestamp_format(args.timestamps.clone())
                .timezone(args.timezone.clone())
                .on_error(on_error);
            options.timestamp_unit = args.timestamp_unit;
            EventLog::from_jsonl(reader, map, &options)
        }
    };
    clear_progress_line();
    result.map_err(|e| read_error(&name, &e))
}

/// Prints a log-reading error; I/O problems are exit 2, bad data exit 1.
fn read_error(name: &str, e: &Error) -> Outcome {
    match e {
        Error::Io { message, .. } => {
            eprintln!("journeymap: cannot read {name}: {message}");
            Outcome::Failed
        }
        Error::EventRow(row) => {
            eprintln!("journeymap: {name}: {} {row}", row.kind.code());
            if !row.kind.is_fatal() {
                eprintln!("journeymap: (--on-bad-row skip skips such rows and counts them)");
            }
            Outcome::Invalid
        }
        other => {
            eprintln!("journeymap: {name}: {} {other}", other.code());
            Outcome::Invalid
        }
    }
}

/// Logs with fewer events analyse too fast to need a progress line.
const PROGRESS_MIN_EVENTS: usize = 1_000_000;

fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

fn clear_progress_line() {
    if stderr_is_terminal() {
        eprint!("\r\x1b[K");
    }
}

/// A reader that counts the bytes read through it and, when enabled,
/// shows how far it got on stderr (at most a few times a second).
struct Progress<R> {
    inner: R,
    name: String,
    read: u64,
    total: Option<u64>,
    enabled: bool,
    started: Instant,
    last: Instant,
}

impl<R: Read> Progress<R> {
    fn new(inner: R, name: &str, total: Option<u64>, enabled: bool) -> Self {
        let now = Instant::now();
        Progress {
            inner,
            name: name.to_owned(),
            read: 0,
            total,
            enabled,
            started: now,
            last: now,
        }
    }

    fn show(&mut self) {
        let now = Instant::now();
        // Stay quiet for small files that are read in a blink.
        if now.duration_since(self.last) < Duration::from_millis(250)
            || now.duration_since(self.started) < Duration::from_millis(500)
        {
            return;
        }
        self.last = now;
        let line = match self.total {
            Some(total) if total > 0 => format!(
                "reading {}: {:>3}% ({} of {})",
                self.name,
                self.read.saturating_mul(100) / total,
                bytes(self.read),
                bytes(total)
            ),
            _ => format!("reading {}: {}", self.name, bytes(self.read)),
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[K{line}");
        let _ = err.flush();
    }
}

impl<R: Read> Read for Progress<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.enabled {
            self.show();
        }
        Ok(n)
    }
}

fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut v = n as f64;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_with_units() {
        assert_eq!(parse_duration("30d"), Ok(Duration::from_secs(30 * 86_400)));
        assert_eq!(parse_duration("2w"), Ok(Duration::from_secs(14 * 86_400)));
        assert_eq!(parse_duration("90m"), Ok(Duration::from_secs(5_400)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert!(parse_duration("30").is_err());
        assert!(parse_duration("d").is_err());
        assert!(parse_duration("-3d").is_err());
        assert!(parse_duration("99999999999999999999d").is_err());
    }

    #[test]
    fn progress_counts_bytes() {
        let data = vec![7u8; 10_000];
        let mut p = Progress::new(&data[..], "x", Some(10_000), false);
        let mut sink = Vec::new();
        std::io::copy(&mut p, &mut sink).unwrap();
        assert_eq!(p.read, 10_000);
        assert_eq!(bytes(1536), "1.5 KiB");
    }
}

//! `journeymap analyze MAP EVENTS [--format text|json] [--window 30d] [--svg OUT.svg] ...`

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufReader, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Parser, ValueEnum};
use journeymap::analytics::{
    analyze, AttributionRow, CsvOptions, Durations, EventLog, FieldNames, Funnel, JsonlOptions,
    OnError, Report, ReportOptions, ScoreScale, TimeUnit, TimestampFormat, Timezone,
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

/// Format of the event log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// JSON Lines: one JSON object per line.
    Jsonl,
}

/// What to do with a row of the event log that cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BadRowPolicy {
    /// Stop at the first bad row (exit 1).
    Fail,
    /// Skip bad rows, count them by reason in the report and warn on stderr.
    Skip,
}

/// A command-line value read by the core library's own parser (its
/// message is the error clap prints).
fn parse_core<T: std::str::FromStr<Err = String>>(text: &str) -> Result<T, String> {
    text.parse()
}

/// Scale of the log's `score` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Scale {
    /// Already -2..2 (the map's emotion scale).
    Native,
    /// 1..5 (CSAT, Likert).
    OneToFive,
    /// 0..10 (NPS question).
    ZeroToTen,
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
    /// Format of the event log (default: from the file extension).
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
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
    /// Zone of date-times written without an offset: UTC (default) or a
    /// fixed offset such as +01:00.
    #[arg(long, value_name = "ZONE", default_value = "UTC", value_parser = parse_core::<Timezone>)]
    pub timezone: Timezone,
    /// Scale of the `score` field, mapped onto the map's -2..2 emotions.
    #[arg(long, value_enum, default_value_t = Scale::Native)]
    pub score_scale: Scale,
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
    /// What to do with a row that cannot be read.
    #[arg(long, value_enum, default_value_t = BadRowPolicy::Fail)]
    pub on_bad_row: BadRowPolicy,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Also write the map's SVG canvas overlaid with the report (funnel per
    /// stage, figures per touchpoint, observed scores) to this file.
    #[arg(long, value_name = "OUT.svg")]
    pub svg: Option<PathBuf>,
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
    let progress = stderr_is_terminal() && log.len() >= PROGRESS_MIN_EVENTS;
    if progress {
        eprint!("analysing {} events...", group(log.len() as u64));
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
        Format::Text => text_summary(&map, &report, args.top),
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

fn report_options(args: &Args) -> Result<ReportOptions, String> {
    let mut options = ReportOptions::new()
        .top_k(args.top)
        .collapse_repeats(!args.keep_repeats)
        .include_customers(args.customers)
        .score_scale(match args.score_scale {
            Scale::Native => ScoreScale::Native,
            Scale::OneToFive => ScoreScale::OneToFive,
            Scale::ZeroToTen => ScoreScale::ZeroToTen,
        });
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
        Some(InputFormat::Csv) => Ok(analytics::InputFormat::Csv),
        Some(InputFormat::Tsv) => Ok(analytics::InputFormat::Tsv),
        Some(InputFormat::Jsonl) => Ok(analytics::InputFormat::Jsonl),
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
    let on_error = match args.on_bad_row {
        BadRowPolicy::Fail => OnError::Fail,
        BadRowPolicy::Skip => OnError::Skip,
    };
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
                .timezone(args.timezone)
                .on_error(on_error);
            options.timestamp_unit = args.timestamp_unit;
            EventLog::from_csv(reader, map, &options)
        }
        None => {
            let mut options = JsonlOptions::default()
                .fields(fields)
                .timestamp_format(args.timestamps.clone())
                .timezone(args.timezone)
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

// ---------------------------------------------------------------- text summary

/// `1234567` as `1,234,567`.
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(r) => format!("{:.1}%", r * 100.0),
        None => "-".into(),
    }
}

fn money(v: f64) -> String {
    let whole = v.abs().trunc() as u64;
    let cents = ((v.abs() - v.abs().trunc()) * 100.0).round() as u64;
    let (whole, cents) = if cents == 100 {
        (whole + 1, 0)
    } else {
        (whole, cents)
    };
    format!(
        "{}{}.{cents:02}",
        if v < 0.0 { "-" } else { "" },
        group(whole)
    )
}

/// A duration in milliseconds, to two units: `3d 4h`, `5h 12m`, `12m 5s`, `4.2s`.
fn duration(ms: Option<i64>) -> String {
    let Some(ms) = ms else { return "-".into() };
    let sign = if ms < 0 { "-" } else { "" };
    let ms = ms.unsigned_abs();
    let (s, m, h, d) = (1_000, 60_000, 3_600_000, 86_400_000);
    let text = if ms >= d {
        format!("{}d {}h", ms / d, ms % d / h)
    } else if ms >= h {
        format!("{}h {}m", ms / h, ms % h / m)
    } else if ms >= m {
        format!("{}m {}s", ms / m, ms % m / s)
    } else if ms >= s {
        format!("{:.1}s", ms as f64 / 1000.0)
    } else {
        format!("{ms}ms")
    };
    format!("{sign}{text}")
}

/// Pads and aligns a table; `align` has one letter per column, `l` for
/// left-aligned, anything else for right-aligned.
fn table(out: &mut String, header: &[&str], rows: &[Vec<String>], align: &str) {
    let align = align.as_bytes();
    let mut width: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            width[i] = width[i].max(cell.chars().count());
        }
    }
    let line = |out: &mut String, cells: &[String]| {
        let mut text = String::from(" ");
        for (i, cell) in cells.iter().enumerate() {
            let pad = width[i] - cell.chars().count();
            text.push(' ');
            if align.get(i) == Some(&b'l') {
                text.push_str(cell);
                text.push_str(&" ".repeat(pad));
            } else {
                text.push_str(&" ".repeat(pad));
                text.push_str(cell);
            }
            text.push(' ');
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    let head: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    line(out, &head);
    for row in rows {
        line(out, row);
    }
}

fn median(d: &Durations) -> String {
    duration(d.median_ms)
}

fn funnel_table(out: &mut String, funnel: &Funnel) {
    let rows: Vec<Vec<String>> = funnel
        .stages
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                group(s.customers),
                group(s.continued),
                group(s.dropped),
                percent(s.conversion_to_next),
                percent(s.conversion_from_first),
                group(s.skipped),
                median(&s.time_in_stage),
                median(&s.time_to_conversion),
            ]
        })
        .collect();
    table(
        out,
        &[
            "stage",
            "customers",
            "continued",
            "dropped",
            "to next",
            "of first",
            "skipped",
            "time in stage",
            "to conversion",
        ],
        &rows,
        "l",
    );
}

/// Rows of the attribution table, leaving out ids no model credits.
fn attribution_rows(rows: &[AttributionRow]) -> Vec<Vec<String>> {
    let c = |x: f64| format!("{x:.1}");
    rows.iter()
        .filter(|r| {
            [
                r.first_touch,
                r.last_touch,
                r.linear,
                r.time_decay,
                r.position_based,
                r.markov,
            ]
            .iter()
            .any(|c| c.conversions != 0.0 || c.value != 0.0)
        })
        .map(|r| {
            vec![
                r.id.clone(),
                c(r.first_touch.conversions),
                c(r.last_touch.conversions),
                c(r.linear.conversions),
                c(r.time_decay.conversions),
                c(r.position_based.conversions),
                c(r.markov.conversions),
                format!("{:.1}%", r.removal_effect * 100.0),
                money(r.linear.value),
            ]
        })
        .collect()
}

/// The readable summary of a report.
pub fn text_summary(map: &JourneyMap, r: &Report, top: usize) -> String {
    let mut out = String::new();
    let t = &r.totals;
    let _ = writeln!(out, "{}", r.map);
    let _ = writeln!(
        out,
        "{} events ({} at no touchpoint{}), {} customers ({} with touchpoint events)",
        group(t.events),
        group(t.unknown_events),
        if t.events_outside_window > 0 {
            format!(", {} outside the window", group(t.events_outside_window))
        } else {
            String::new()
        },
        group(t.customers),
        group(t.customers_with_touchpoints),
    );
    let _ = writeln!(
        out,
        "converted: {} customers ({}) at {}; conversion value {}, median time to convert {}",
        group(t.converted_customers),
        percent(t.conversion_rate),
        if r.conversion_touchpoints.is_empty() {
            "(no conversion touchpoint)".to_owned()
        } else {
            r.conversion_touchpoints.join(", ")
        },
        money(t.conversion_value),
        duration(r.funnel.time_to_conversion.median_ms),
    );
    let skipped = r.ingest.rows_skipped();
    if skipped > 0 {
        let codes: Vec<String> = r
            .ingest
            .skipped
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        let _ = writeln!(
            out,
            "skipped rows: {} of {} ({})",
            group(skipped),
            group(r.ingest.rows),
            codes.join(", ")
        );
    }

    let _ = writeln!(out, "\nFunnel");
    funnel_table(&mut out, &r.funnel);

    if !r.segments.is_empty() {
        let _ = writeln!(out, "\nSegments");
        let rows: Vec<Vec<String>> = r
            .segments
            .iter()
            .map(|s| {
                let f = &s.funnel;
                vec![
                    s.segment.clone(),
                    group(f.customers),
                    group(f.converted),
                    percent(f.conversion_rate),
                    money(f.conversion_value),
                    median(&f.time_to_conversion),
                ]
            })
            .collect();
        table(
            &mut out,
            &[
                "segment",
                "customers",
                "converted",
                "rate",
                "value",
                "time to convert",
            ],
            &rows,
            "l",
        );
        if r.unknown_events.customers_without_segment > 0 {
            let _ = writeln!(
                out,
                "  without a segment: {} customer(s)",
                group(r.unknown_events.customers_without_segment)
            );
        }
    }

    let _ = writeln!(out, "\nTouchpoints");
    let rows: Vec<Vec<String>> = r
        .touchpoints
        .iter()
        .filter(|tp| tp.reach > 0)
        .map(|tp| {
            let score = match (tp.score.mean, tp.score.planned) {
                (Some(m), Some(p)) => format!("{m:+.2} (planned {p:+})"),
                (Some(m), None) => format!("{m:+.2}"),
                (None, _) => "-".into(),
            };
            vec![
                tp.touchpoint.clone(),
                tp.stage.clone(),
                group(tp.reach),
                group(tp.entries),
                group(tp.exits),
                percent(tp.conversion_rate),
                score,
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            "touchpoint",
            "stage",
            "reach",
            "events",
            "exits",
            "converted",
            "score",
        ],
        &rows,
        "llrrrrr",
    );
    let unreached: Vec<&str> = r
        .touchpoints
        .iter()
        .filter(|tp| tp.reach == 0)
        .map(|tp| tp.touchpoint.as_str())
        .collect();
    if !unreached.is_empty() {
        let _ = writeln!(out, "  never reached: {}", unreached.join(", "));
    }
    let out_of_range: u64 = r.touchpoints.iter().map(|tp| tp.score.out_of_range).sum();
    if out_of_range > 0 {
        let _ = writeln!(
            out,
            "  {} score(s) outside the scale {}..{} left out of the means (see --score-scale)",
            group(out_of_range),
            r.options.score_scale.bounds().0,
            r.options.score_scale.bounds().1,
        );
    }

    let observed: Vec<_> = {
        let mut v: Vec<_> = r.transitions.iter().filter(|t| t.count > 0).collect();
        v.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| (&a.from, &a.to).cmp(&(&b.from, &b.to)))
        });
        v
    };
    let unplanned = observed.iter().filter(|t| !t.planned).count();
    let never: Vec<_> = r
        .transitions
        .iter()
        .filter(|t| t.count == 0 && t.planned)
        .collect();
    let _ = writeln!(
        out,
        "\nTop transitions ({} of {} observed, {} not in the map)",
        observed.len().min(top),
        observed.len(),
        unplanned
    );
    let rows: Vec<Vec<String>> = observed
        .iter()
        .take(top)
        .map(|t| {
            let mut kind = if t.planned { "planned" } else { "UNPLANNED" }.to_owned();
            if t.backward {
                kind.push_str(if t.is_loop { ", loop" } else { ", backward" });
            }
            vec![
                format!("{} -> {}", t.from, t.to),
                group(t.count),
                group(t.customers),
                kind,
            ]
        })
        .collect();
    table(
        &mut out,
        &["transition", "count", "customers", ""],
        &rows,
        "lrrl",
    );
    if !never.is_empty() {
        let list: Vec<String> = never
            .iter()
            .map(|t| format!("{} -> {}", t.from, t.to))
            .collect();
        let _ = writeln!(out, "  planned but never taken: {}", list.join(", "));
    }

    let _ = writeln!(
        out,
        "\nTop variants ({} of {} distinct)",
        r.variants.top.len(),
        group(r.variants.distinct)
    );
    let rows: Vec<Vec<String>> = r
        .variants
        .top
        .iter()
        .map(|v| {
            vec![
                group(v.customers),
                format!("{:.1}%", v.conversion_rate * 100.0),
                v.path.join(" > "),
            ]
        })
        .collect();
    table(&mut out, &["customers", "converted", "path"], &rows, "rrl");

    let c = &r.conformance;
    let _ = writeln!(out, "\nConformance");
    let _ = writeln!(
        out,
        "  {} of {} observed transitions are planned ({}); fitness {} (mean per customer {}), {} of {} customers fit perfectly",
        group(c.planned_transitions),
        group(c.transitions),
        percent(c.planned_share),
        c.fitness.map_or("-".into(), |f| format!("{f:.3}")),
        c.mean_customer_fitness.map_or("-".into(), |f| format!("{f:.3}")),
        group(c.perfectly_fitting_customers),
        group(c.customers),
    );
    let _ = writeln!(
        out,
        "  {} started at an entry; {} skipped a stage; {} backward moves ({} not marked as loops, by {} customers)",
        group(c.customers_starting_at_entry),
        group(c.customers_with_skipped_stages),
        group(c.backward_moves),
        group(c.backward_moves_unmarked),
        group(c.customers_with_unmarked_backward_moves),
    );
    if r.unknown_events.events > 0 {
        let names: Vec<String> = r
            .unknown_events
            .top
            .iter()
            .map(|u| format!("{} {}", u.name, group(u.events)))
            .collect();
        let _ = writeln!(
            out,
            "  {} unknown events ({} distinct, {} customers): {}",
            group(r.unknown_events.events),
            group(r.unknown_events.distinct),
            group(r.unknown_events.customers),
            names.join(", ")
        );
    }

    let a = &r.attribution;
    let _ = writeln!(
        out,
        "\nAttribution ({} conversions, {} attributable, value {}; Markov chain conversion probability {}; conversions credited per model)",
        group(a.conversions),
        group(a.attributable_conversions),
        money(a.attributable_value),
        percent(a.markov_conversion_probability),
    );
    let header = [
        "touchpoint",
        "first",
        "last",
        "linear",
        "decay",
        "position",
        "markov",
        "removal",
        "linear value",
    ];
    table(&mut out, &header, &attribution_rows(&a.touchpoints), "l");
    if !a.channels.is_empty() {
        let _ = writeln!(out);
        let channel_rows: Vec<Vec<String>> = attribution_rows(&a.channels)
            .into_iter()
            .map(|mut row| {
                if let Some(ch) = map.channel(&row[0]) {
                    row[0] = format!("{} ({})", row[0], ch.name);
                }
                row
            })
            .collect();
        let mut header = header;
        header[0] = "channel";
        table(&mut out, &header, &channel_rows, "l");
    }
    out
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
    fn numbers_are_grouped() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1_000), "1,000");
        assert_eq!(group(1_234_567), "1,234,567");
        assert_eq!(money(1234.567), "1,234.57");
        assert_eq!(money(-0.999), "-1.00");
        assert_eq!(duration(Some(90_061_000)), "1d 1h");
        assert_eq!(duration(Some(4_200)), "4.2s");
        assert_eq!(duration(None), "-");
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

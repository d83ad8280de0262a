//! `journeymap lint FILE`, `journeymap lint --list`, `journeymap lint --explain CODE`

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::{ArgGroup, Parser, ValueEnum};
use journeymap::lint::{rule, severity_str, Diagnostic, LintConfig, RULES};
use journeymap::model::LintSeverity;
use journeymap::Date;
use serde_json::json;

use crate::output::{load_map, print, Outcome};

/// Output format.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// One block per diagnostic (`severity[CODE] path: message` and a hint), then counts.
    Text,
    /// {file, today, diagnostics: [{code, rule, severity, message, location, hint}], counts}.
    Json,
}

/// Lint a map against journey-mapping practice (rules JM-L000...; see --list).
///
/// Exit status: 0 when no diagnostic has severity error, 1 when one has (or
/// the map is invalid), 2 for usage errors (unknown rule, bad date) and
/// unreadable files.
#[derive(Parser, Debug)]
#[command(group(ArgGroup::new("mode").args(["file", "list", "explain"]).required(true)))]
pub struct Args {
    /// Map document (JSON) to lint.
    pub file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Today's date for the review-age rules [default: the system date, UTC].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<Date>,
    /// Turn a rule off, by code or name (repeatable); adds to the map's own `metadata.lint.disable`.
    #[arg(long, value_name = "CODE")]
    pub disable: Vec<String>,
    /// Set a rule's severity, e.g. `--severity JM-L003=error` (repeatable); wins over the map's.
    #[arg(long, value_name = "CODE=LEVEL", value_parser = parse_severity)]
    pub severity: Vec<(String, LintSeverity)>,
    /// Days after `last_reviewed` before the map is overdue; wins over the map's
    /// `metadata.lint.max_review_age_days` (default 180).
    #[arg(long, value_name = "DAYS")]
    pub max_review_age: Option<u32>,
    /// List every rule: code, default severity, name, summary.
    #[arg(long, conflicts_with_all = ["file", "explain"])]
    pub list: bool,
    /// Explain one rule (code or name): what it checks, why, how to fix.
    #[arg(long, value_name = "CODE", conflicts_with = "file")]
    pub explain: Option<String>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

fn parse_severity(s: &str) -> Result<(String, LintSeverity), String> {
    let (code, level) = s
        .split_once('=')
        .ok_or_else(|| format!("{s:?}: expected CODE=LEVEL, e.g. JM-L003=error"))?;
    let level = match level.trim().to_ascii_lowercase().as_str() {
        "info" => LintSeverity::Info,
        "warning" => LintSeverity::Warning,
        "error" => LintSeverity::Error,
        other => return Err(format!("{other:?}: LEVEL is info, warning or error")),
    };
    Ok((code.trim().to_owned(), level))
}

/// Today's date from the system clock, in UTC. The library never reads the
/// clock; the command line does, here only.
fn system_today() -> Option<Date> {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    Date::from_day_number(i64::try_from(secs / 86_400).ok()?)
}

/// Runs the subcommand.
pub fn run(args: &Args) -> Outcome {
    if args.list {
        return list(args.format);
    }
    if let Some(code) = &args.explain {
        return explain(code, args.format);
    }
    let Some(file) = &args.file else {
        eprintln!("journeymap lint: give a FILE, --list or --explain CODE");
        return Outcome::Failed;
    };
    let Some(today) = args.today.or_else(system_today) else {
        eprintln!("journeymap lint: cannot read today's date from the system clock; pass --today YYYY-MM-DD");
        return Outcome::Failed;
    };
    let mut config = LintConfig::new().with_today(today);
    config.disable = args.disable.clone();
    config.severity = args.severity.iter().cloned().collect();
    config.max_review_age_days = args.max_review_age;
    if let Err(e) = config.check() {
        for v in e.violations() {
            eprintln!("journeymap lint: {v}");
        }
        return Outcome::Failed;
    }
    let map = match load_map(file) {
        Ok(map) => map,
        Err(outcome) => return outcome,
    };
    let diagnostics = map.lint(&config);
    let counts = Counts::of(&diagnostics);
    let written = match args.format {
        Format::Text => print(&text_report(
            &file.display().to_string(),
            &diagnostics,
            &counts,
        )),
        Format::Json => {
            let report = json!({
                "file": file.display().to_string(),
                "today": today.to_string(),
                "diagnostics": diagnostics,
                "counts": {"error": counts.error, "warning": counts.warning, "info": counts.info},
            });
            print(&(serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"))
        }
    };
    let outcome = if counts.error > 0 {
        Outcome::Invalid
    } else {
        Outcome::Ok
    };
    outcome.worst(written)
}

struct Counts {
    error: usize,
    warning: usize,
    info: usize,
}

impl Counts {
    fn of(diagnostics: &[Diagnostic]) -> Self {
        let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
        Counts {
            error: count(LintSeverity::Error),
            warning: count(LintSeverity::Warning),
            info: count(LintSeverity::Info),
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn text_report(file: &str, diagnostics: &[Diagnostic], counts: &Counts) -> String {
    let mut s = String::new();
    for d in diagnostics {
        let _ = writeln!(s, "{d}");
        let _ = writeln!(s, "  hint: {}", d.hint);
    }
    if diagnostics.is_empty() {
        let _ = writeln!(s, "{file}: no lint findings");
    } else {
        let _ = writeln!(
            s,
            "{file}: {}, {}, {} info",
            plural(counts.error, "error"),
            plural(counts.warning, "warning"),
            counts.info
        );
    }
    s
}

fn list(format: Format) -> Outcome {
    match format {
        Format::Json => print(&(serde_json::to_string_pretty(RULES).unwrap_or_default() + "\n")),
        Format::Text => {
            let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
            let mut s = String::new();
            for r in RULES {
                let _ = writeln!(
                    s,
                    "{}  {:<7}  {:<width$}  {}",
                    r.code,
                    severity_str(r.default_severity),
                    r.name,
                    r.summary
                );
            }
            s.push_str("\n`journeymap lint --explain CODE` explains a rule.\n");
            print(&s)
        }
    }
}

fn explain(code: &str, format: Format) -> Outcome {
    let Some(r) = rule(code) else {
        eprintln!(
            "journeymap lint: unknown lint rule {code:?}; `journeymap lint --list` lists the rules"
        );
        return Outcome::Failed;
    };
    match format {
        Format::Text => print(&r.explain()),
        Format::Json => print(&(serde_json::to_string_pretty(r).unwrap_or_default() + "\n")),
    }
}

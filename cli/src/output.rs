//! Shared output helpers: outcomes, exit codes, error lines, file loading.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use journeymap::{Error, JourneyMap};

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything fine: exit 0.
    Ok,
    /// The input is invalid or has error-level findings: exit 1.
    Invalid,
    /// Usage or I/O error: exit 2.
    Failed,
}

impl Outcome {
    /// The process exit code.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Ok => ExitCode::SUCCESS,
            Outcome::Invalid => ExitCode::from(1),
            Outcome::Failed => ExitCode::from(2),
        }
    }

    /// The worse of two outcomes.
    pub fn worst(self, other: Outcome) -> Outcome {
        match (self, other) {
            (Outcome::Failed, _) | (_, Outcome::Failed) => Outcome::Failed,
            (Outcome::Invalid, _) | (_, Outcome::Invalid) => Outcome::Invalid,
            _ => Outcome::Ok,
        }
    }
}

/// One error as `CODE path: message` (the document root shown as `/`).
pub fn error_line(e: &Error) -> String {
    let path = match e.path() {
        Some("") | None => "/",
        Some(p) => p,
    };
    format!("{} {}: {}", e.code(), path, e)
}

/// Whether an error is about the input itself (exit 1) rather than reading it (exit 2).
pub fn outcome_of(e: &Error) -> Outcome {
    match e {
        Error::Io { .. } => Outcome::Failed,
        _ => Outcome::Invalid,
    }
}

/// Loads a map, printing every error to stderr on failure.
pub fn load_map(path: &Path) -> Result<JourneyMap, Outcome> {
    JourneyMap::from_path(path).map_err(|e| {
        report_errors(path, &e);
        outcome_of(&e)
    })
}

/// Prints every violation of `e` to stderr, prefixed with the file.
pub fn report_errors(path: &Path, e: &Error) {
    let mut err = std::io::stderr().lock();
    for v in e.violations() {
        let _ = writeln!(err, "{}: {}", path.display(), error_line(v));
    }
}

/// Writes `text` to stdout; a closed pipe is not an error worth a panic.
pub fn print(text: &str) -> Outcome {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Outcome::Ok,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Outcome::Ok,
        Err(e) => {
            eprintln!("journeymap: cannot write output: {e}");
            Outcome::Failed
        }
    }
}

/// Writes `text` to `out` if given, else to stdout.
pub fn write_output(out: Option<&Path>, text: &str) -> Outcome {
    match out {
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => Outcome::Ok,
            Err(e) => {
                eprintln!("journeymap: cannot write {}: {e}", path.display());
                Outcome::Failed
            }
        },
        None => print(text),
    }
}

//! The shared analytics vectors: event logs in tests/fixtures/events, the
//! expected reports (worked out by hand, see
//! tests/expected/analytics/README.md) in tests/expected/analytics.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use journeymap::analytics::{analyze, CsvOptions, EventLog, JsonlOptions, OnError, ReportOptions};
use journeymap::JourneyMap;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn expected_files() -> Vec<PathBuf> {
    let dir = root().join("tests/expected/analytics");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/expected/analytics exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn load(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn read_log(
    map: &JourneyMap,
    path: &Path,
    on_error: OnError,
) -> Result<EventLog, journeymap::Error> {
    let file = BufReader::new(File::open(path).unwrap());
    match path.extension().and_then(|e| e.to_str()) {
        Some("csv") => EventLog::from_csv(file, map, &CsvOptions::default().on_error(on_error)),
        Some("jsonl") => {
            EventLog::from_jsonl(file, map, &JsonlOptions::default().on_error(on_error))
        }
        other => panic!("unknown log type {other:?}"),
    }
}

/// Every key of `expected` is in `actual` with an equal value (floats to
/// 1e-9, arrays of the same length compared element by element).
fn check(path: &str, expected: &Value, actual: &Value, errors: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                match a.get(k) {
                    Some(av) => check(&format!("{path}/{k}"), v, av, errors),
                    None => errors.push(format!("{path}/{k}: missing")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                errors.push(format!(
                    "{path}: {} items, expected {}: {actual}",
                    a.len(),
                    e.len()
                ));
                return;
            }
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                check(&format!("{path}/{i}"), x, y, errors);
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            if (e - a).abs() > 1.5e-9 {
                errors.push(format!("{path}: {a}, expected {e}"));
            }
        }
        (e, a) => {
            if e != a {
                errors.push(format!("{path}: {a}, expected {e}"));
            }
        }
    }
}

#[test]
fn reports_match_hand_computed_expectations() {
    let mut checked = 0;
    for file in expected_files() {
        let spec = load(&file);
        let Some(logs) = spec.get("logs").and_then(Value::as_array) else {
            continue;
        };
        let map = JourneyMap::from_path(root().join(spec["map"].as_str().unwrap())).unwrap();
        let options: ReportOptions = serde_json::from_value(spec["options"].clone()).unwrap();
        for log in logs {
            let log_path = root().join(log.as_str().unwrap());
            let events = read_log(&map, &log_path, OnError::Fail).unwrap();
            let report = analyze(&map, &events, &options).unwrap();
            let actual = serde_json::to_value(&report).unwrap();
            let mut errors = Vec::new();
            check("", &spec["report"], &actual, &mut errors);
            assert!(
                errors.is_empty(),
                "{} with {}:\n{}",
                file.display(),
                log_path.display(),
                errors.join("\n")
            );
            checked += 1;
        }
    }
    assert!(checked >= 4, "only {checked} report vectors found");
}

#[test]
fn bad_rows_match_expectations() {
    let mut checked = 0;
    for file in expected_files() {
        let spec = load(&file);
        let Some(log) = spec.get("bad_rows_log").and_then(Value::as_str) else {
            continue;
        };
        let map = JourneyMap::from_path(root().join(spec["map"].as_str().unwrap())).unwrap();
        let path = root().join(log);
        // Policy `fail`: the first bad row, located.
        let err = read_log(&map, &path, OnError::Fail).unwrap_err();
        let actual = serde_json::to_value(&err).unwrap();
        let mut errors = Vec::new();
        check("/fail", &spec["fail"], &actual, &mut errors);
        // Policy `skip`: counts by reason code.
        match read_log(&map, &path, OnError::Skip) {
            Ok(events) => {
                let report = analyze(&map, &events, &ReportOptions::default()).unwrap();
                let actual = serde_json::to_value(&report).unwrap();
                check("/skip", &spec["skip"], &actual, &mut errors);
            }
            Err(e) => {
                let actual = serde_json::json!({ "error": e });
                check("/skip", &spec["skip"], &actual, &mut errors);
            }
        }
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            file.display(),
            errors.join("\n")
        );
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} bad-row vectors found");
}

//! The shared option cases (tests/fixtures/options/cases.json): the
//! options as the bindings take them, turned into the core's reader and
//! report JSON the way the bindings turn them (durations through
//! `parse_duration_option`, pairs into objects), and what the core makes of
//! them. The Python and JavaScript suites assert the same file.

use std::fs::File;

use journeymap::analytics::{analyze, parse_duration_option, InputFormat, ReportOptions};
use journeymap::{parse_part, Error, JourneyMap};
use serde_json::{json, Map, Value};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// The core's reader and report JSON and the input format of a case's
/// options, as a binding builds them.
fn core_json(options: &Map<String, Value>) -> Result<(Value, Value, Option<String>), Error> {
    let (mut reader, mut report, mut fields) = (Map::new(), Map::new(), Map::new());
    let mut format = None;
    for (key, value) in options {
        match key.as_str() {
            "conversion_window" | "lookback_window" | "half_life" => {
                let ms = parse_duration_option(key, value.as_str().unwrap())?.as_millis();
                report.insert(format!("{key}_ms"), json!(ms as u64));
            }
            "position_weights" => {
                report.insert(key.clone(), json!({"first": value[0], "last": value[1]}));
            }
            "score_scale" if value.is_array() => {
                report.insert(
                    key.clone(),
                    json!({"range": {"min": value[0], "max": value[1]}}),
                );
            }
            "score_scale" | "top_k" | "conversions" | "collapse_repeats" | "include_customers" => {
                report.insert(key.clone(), value.clone());
            }
            "customer_column" => {
                fields.insert("customer".into(), value.clone());
            }
            "input_format" => format = Some(value.as_str().unwrap().to_owned()),
            _ => {
                reader.insert(key.clone(), value.clone());
            }
        }
    }
    if !fields.is_empty() {
        reader.insert("fields".into(), Value::Object(fields));
    }
    Ok((Value::Object(reader), Value::Object(report), format))
}

/// The report of a case, or the core's error.
fn run(map: &JourneyMap, events: &str, options: &Map<String, Value>) -> Result<Value, Error> {
    let (reader, report, format) = core_json(options)?;
    let options: ReportOptions = parse_part(&report.to_string())?;
    options.validate(map)?;
    let format = match format {
        Some(name) => name.parse::<InputFormat>()?,
        None => InputFormat::from_path(events)?,
    };
    let reader = format.reader_options(&reader.to_string())?;
    let log = reader.read(File::open(events).unwrap(), map)?;
    Ok(serde_json::to_value(analyze(map, &log, &options)?).unwrap())
}

/// A core path as the bindings name it: the option, not the report's
/// field (`/options/half_life_ms` is `/half_life`).
fn option_path(path: &str) -> String {
    let path = path.strip_prefix("/options").unwrap_or(path);
    let (first, rest) = path[1..]
        .split_once('/')
        .map_or((&path[1..], ""), |(f, r)| (f, r));
    let first = first.strip_suffix("_ms").unwrap_or(first);
    if rest.is_empty() {
        format!("/{first}")
    } else {
        format!("/{first}/{rest}")
    }
}

#[test]
fn every_option_case_reads_or_is_refused_as_the_fixture_says() {
    let spec: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{ROOT}/tests/fixtures/options/cases.json")).unwrap(),
    )
    .unwrap();
    let map_text = std::fs::read_to_string(format!("{ROOT}/{}", spec["map"].as_str().unwrap()));
    let map = JourneyMap::from_json(&map_text.unwrap()).unwrap();
    let events = format!("{ROOT}/{}", spec["events"].as_str().unwrap());
    let cases = spec["cases"].as_array().unwrap();
    assert!(cases.len() >= 20);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let options = case["options"].as_object().unwrap();
        match (run(&map, &events, options), case.get("error")) {
            (Ok(report), None) => {
                for (key, value) in case["report_options"].as_object().unwrap() {
                    assert_eq!(&report["options"][key], value, "{name}: {key}");
                }
            }
            (Err(e), Some(expected)) => {
                assert_eq!(e.code(), expected["code"], "{name}: {e}");
                assert_eq!(
                    e.path().map(option_path).as_deref(),
                    expected["path"].as_str(),
                    "{name}: {e}"
                );
            }
            (Ok(_), Some(expected)) => panic!("{name}: read, but the fixture expects {expected}"),
            (Err(e), None) => panic!("{name}: {} {e}", e.code()),
        }
    }
}

#[test]
fn a_tsv_is_read_with_tabs_and_takes_no_delimiter() {
    let csv = "customer_id,timestamp,touchpoint\nc1,2026-03-01T09:00:00Z,home\n";
    let map = JourneyMap::from_json(
        r#"{"name": "x", "stages": [{"id": "s", "name": "S"}],
        "channels": [{"id": "w", "name": "W", "kind": "digital"}],
        "touchpoints": [{"id": "home", "name": "Home", "stage": "s", "channel": "w"}]}"#,
    )
    .unwrap();
    let tsv = csv.replace(',', "\t");
    let log = InputFormat::Tsv
        .reader_options("{}")
        .unwrap()
        .read(tsv.as_bytes(), &map)
        .unwrap();
    assert_eq!(log.len(), 1);
    // Read as CSV, the tab-separated header is one column.
    let err = InputFormat::Csv
        .reader_options("{}")
        .unwrap()
        .read(tsv.as_bytes(), &map)
        .unwrap_err();
    assert_eq!(err.code(), "MISSING_COLUMN");
    let err = InputFormat::Tsv
        .reader_options(r#"{"delimiter": 44}"#)
        .unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        ("INVALID_VALUE", Some("/delimiter"))
    );
    let err = InputFormat::Jsonl
        .reader_options(r#"{"delimiter": 9}"#)
        .unwrap_err();
    assert_eq!(err.code(), "UNKNOWN_FIELD");
}

//! The shared timestamp fixture (tests/fixtures/timestamps/cases.json):
//! every form and option, read exactly, or refused with its code, path and
//! the likely unit named. The Python and JavaScript suites assert the same
//! file.

use journeymap::analytics::{analyze, EventLog, JsonlOptions, ReportOptions};
use journeymap::{parse_part, JourneyMap};
use serde_json::{json, Value};

fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/timestamps/cases.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_case_reads_or_is_refused_as_the_fixture_says() {
    let fixture = fixture();
    let map = JourneyMap::from_json(&fixture["map"].to_string()).unwrap();
    let default_conversion = &fixture["conversion_at"];
    let cases = fixture["cases"].as_array().unwrap();
    assert!(cases.len() >= 20);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let conversion_at = case.get("conversion_at").unwrap_or(default_conversion);
        let lines = [
            json!({"customer_id": "c1", "timestamp": case["timestamp"], "touchpoint": "home"}),
            json!({"customer_id": "c1", "timestamp": conversion_at, "touchpoint": "pay"}),
        ]
        .map(|l| l.to_string())
        .join("\n");
        let result = parse_part::<JsonlOptions>(&case["options"].to_string())
            .and_then(|options| EventLog::from_jsonl(lines.as_bytes(), &map, &options));
        // A build without the time zone database refuses named zones.
        let expect_error = match &case["without_tzdb"] {
            refusal @ Value::Object(_) if !cfg!(feature = "tzdb") => refusal,
            _ => &case["expect_error"],
        };
        let expect_ms = match expect_error {
            Value::Null => &case["expect_ms"],
            _ => &Value::Null,
        };
        match (expect_ms, expect_error) {
            (Value::Number(ms), Value::Null) => {
                let log = result.unwrap_or_else(|e| panic!("{name}: {e}"));
                let journey = log.journey("c1").unwrap();
                assert_eq!(journey[0].timestamp_ms, ms.as_i64().unwrap(), "{name}");
                // The same figure the other languages see in the report.
                let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
                let to_conversion = report.funnel.time_to_conversion.median_ms.unwrap();
                assert_eq!(
                    to_conversion,
                    journey[1].timestamp_ms - journey[0].timestamp_ms
                );
            }
            (Value::Null, want) => {
                let e = result.err().unwrap_or_else(|| panic!("{name}: read"));
                assert_eq!(e.code(), want["code"], "{name}: {e}");
                if let Some(path) = want["path"].as_str() {
                    assert_eq!(e.path(), Some(path), "{name}: {e}");
                }
                if let Some(part) = want["message_contains"].as_str() {
                    assert!(e.to_string().contains(part), "{name}: {e}");
                }
            }
            other => panic!("{name}: a case has expect_ms or expect_error: {other:?}"),
        }
    }
}

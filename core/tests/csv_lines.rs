//! The shared CSV line cases (tests/fixtures/csv-lines/cases.json): LF,
//! CRLF and lone-CR line breaks, blank lines, quoted line breaks and a byte
//! order mark; the bad row's row and line, read whole and streamed in small
//! chunks. The Python and JavaScript suites assert the same file.

use journeymap::analytics::{CsvOptions, EventLog, LogStream, OnError};
use journeymap::JourneyMap;
use serde_json::Value;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

#[test]
fn every_bad_row_is_at_its_row_and_line() {
    let spec: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{ROOT}/tests/fixtures/csv-lines/cases.json")).unwrap(),
    )
    .unwrap();
    let map = JourneyMap::from_json(&spec["map"].to_string()).unwrap();
    let cases = spec["cases"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let csv = case["csv"].as_str().unwrap().as_bytes();
        let want = (case["row"].as_u64(), case["line"].as_u64());
        let err = EventLog::from_csv(csv, &map, &CsvOptions::default()).unwrap_err();
        let row = err.row_error().unwrap_or_else(|| panic!("{name}: {err}"));
        assert_eq!(err.code(), "UNKNOWN_TOUCHPOINT", "{name}");
        assert_eq!((Some(row.row), row.line), want, "{name}");
        // Skipped: one event read, one row skipped, at the same place.
        let skip = CsvOptions::default().on_error(OnError::Skip);
        let log = EventLog::from_csv(csv, &map, &skip).unwrap();
        assert_eq!(log.len(), 1, "{name}");
        let stats = log.stats();
        assert_eq!(stats.skipped["UNKNOWN_TOUCHPOINT"], 1, "{name}");
        // Streamed in chunks of 1 to 7 bytes: the same row and line.
        for chunk in 1..=7 {
            let mut stream = LogStream::csv(&map, CsvOptions::default()).unwrap();
            let mut result = Ok(());
            for piece in csv.chunks(chunk) {
                result = stream.push(piece);
                if result.is_err() {
                    break;
                }
            }
            let err = match result {
                Err(e) => e,
                Ok(()) => stream.finish().unwrap_err(),
            };
            let row = err.row_error().unwrap();
            assert_eq!((Some(row.row), row.line), want, "{name}, chunks of {chunk}");
        }
    }
}

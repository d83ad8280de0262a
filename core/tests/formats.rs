//! The shared file-name cases (tests/fixtures/formats/cases.json): the
//! format each name is read in, or the error (the CLI reads names through
//! the same `InputFormat::from_path`). The Python and JavaScript suites
//! assert the same file.

use std::fs::File;
use std::path::Path;

use journeymap::analytics::{analyze, InputFormat, ReportOptions};
use journeymap::JourneyMap;
use serde_json::Value;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

#[test]
fn every_file_name_is_read_in_its_format_or_refused() {
    let spec: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{ROOT}/tests/fixtures/formats/cases.json")).unwrap(),
    )
    .unwrap();
    let events = format!("{ROOT}/tests/fixtures/events");
    let map =
        JourneyMap::from_json(&std::fs::read_to_string(format!("{events}/shop.json")).unwrap())
            .unwrap();
    let csv = std::fs::read_to_string(format!("{events}/shop.csv")).unwrap();
    let jsonl = std::fs::read_to_string(format!("{events}/shop.jsonl")).unwrap();
    let report_of = |path: &Path| {
        let format = InputFormat::from_path(path)?;
        let log = format
            .reader_options("{}")?
            .read(File::open(path).unwrap(), &map)?;
        analyze(&map, &log, &ReportOptions::default())
    };
    let expected = report_of(Path::new(&format!("{events}/shop.csv"))).unwrap();
    let dir = std::env::temp_dir().join(format!("journeymap-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for case in spec["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let path = dir.join(name);
        let text = match case["format"].as_str() {
            Some("tsv") => csv.replace(',', "\t"),
            Some("jsonl") => jsonl.clone(),
            _ => csv.clone(),
        };
        std::fs::write(&path, text).unwrap();
        match (report_of(&path), case.get("error")) {
            (Ok(report), None) => {
                assert_eq!(
                    InputFormat::from_path(&path).unwrap().as_str(),
                    case["format"],
                    "{name}"
                );
                assert_eq!(report.totals, expected.totals, "{name}");
            }
            (Err(e), Some(want)) => {
                assert_eq!(e.code(), want["code"], "{name}: {e}");
                assert_eq!(e.path(), want["path"].as_str(), "{name}: {e}");
            }
            (Ok(_), Some(_)) => panic!("{name}: read, but the fixture expects an error"),
            (Err(e), None) => panic!("{name}: {e}"),
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

//! The checked-in report schema must be what the code generates, and the
//! reports of the shared vectors must validate against its structure.
//! Regenerate with:
//!   JOURNEYMAP_BLESS=1 cargo test -p journeymap --test analytics_schema_fresh

use std::path::PathBuf;

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/journey-report.schema.json")
}

#[test]
fn report_schema_is_fresh() {
    let generated = journeymap::analytics::report_schema_json();
    let path = schema_path();
    if std::env::var_os("JOURNEYMAP_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write schema");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "schema/journey-report.schema.json is stale; regenerate it with:\n  JOURNEYMAP_BLESS=1 cargo test -p journeymap --test analytics_schema_fresh"
    );
}

#[test]
fn schema_describes_every_report_field() {
    let schema = journeymap::analytics::report_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let props = schema["properties"].as_object().unwrap();
    for key in [
        "funnel",
        "touchpoints",
        "transitions",
        "variants",
        "conformance",
        "attribution",
        "segments",
        "unknown_events",
        "ingest",
    ] {
        assert!(props.contains_key(key), "{key}");
    }
    let text = journeymap::analytics::report_schema_json();
    assert!(!text.contains("```"));
    assert!(!text.contains("\"int64\""));
}

//! Checked-in generated files must be what the code generates: the
//! document and report JSON Schemas, the lint catalogue as JSON
//! (schema/lint-rules.json), the error codes (schema/error-codes.json) and
//! docs/lint-rules.md. Regenerate
//! them all with:
//!   JOURNEYMAP_BLESS=1 cargo test -p journeymap --test fresh

use std::path::PathBuf;

/// Asserts that `rel` (relative to the repository root) holds `generated`,
/// or writes it there when `JOURNEYMAP_BLESS` is set.
fn check_fresh(rel: &str, generated: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(rel);
    if std::env::var_os("JOURNEYMAP_BLESS").is_some() {
        std::fs::write(&path, generated).unwrap_or_else(|e| panic!("write {rel}: {e}"));
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "{rel} is stale; regenerate it with:\n  JOURNEYMAP_BLESS=1 cargo test -p journeymap --test fresh"
    );
}

#[test]
fn document_schema_is_fresh() {
    check_fresh(
        "schema/journey-map.schema.json",
        &journeymap::schema::document_schema_json(),
    );
}

#[test]
fn report_schema_is_fresh() {
    check_fresh(
        "schema/journey-report.schema.json",
        &journeymap::analytics::report_schema_json(),
    );
}

#[test]
fn error_codes_are_fresh() {
    check_fresh("schema/error-codes.json", &journeymap::Error::codes_json());
}

#[test]
fn lint_rules_json_is_fresh() {
    check_fresh(
        "schema/lint-rules.json",
        &journeymap::lint::catalogue_json(),
    );
}

#[test]
fn lint_rules_doc_is_fresh() {
    check_fresh(
        "docs/lint-rules.md",
        &journeymap::lint::catalogue_markdown(),
    );
}

#[test]
fn report_schema_describes_every_report_field() {
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

#[test]
fn every_rule_is_documented_in_the_doc() {
    let md = journeymap::lint::catalogue_markdown();
    for r in journeymap::lint::RULES {
        assert!(
            md.contains(&format!("## {} {}", r.code, r.name)),
            "{}",
            r.code
        );
        assert!(md.contains(r.fix), "{}", r.code);
    }
}

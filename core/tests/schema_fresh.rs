//! The checked-in schema must be what the code generates.
//! Regenerate with: JOURNEYMAP_BLESS=1 cargo test -p journeymap --test schema_fresh

use std::path::PathBuf;

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/journey-map.schema.json")
}

#[test]
fn document_schema_is_fresh() {
    let generated = journeymap::schema::document_schema_json();
    let path = schema_path();
    if std::env::var_os("JOURNEYMAP_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write schema");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "schema/journey-map.schema.json is stale; regenerate it with:\n  JOURNEYMAP_BLESS=1 cargo test -p journeymap --test schema_fresh"
    );
}

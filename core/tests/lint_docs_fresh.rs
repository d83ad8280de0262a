//! docs/lint-rules.md must be what the rule catalogue generates.
//! Regenerate with: JOURNEYMAP_BLESS=1 cargo test -p journeymap --test lint_docs_fresh

use std::path::PathBuf;

#[test]
fn lint_rules_doc_is_fresh() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/lint-rules.md");
    let generated = journeymap::lint::catalogue_markdown();
    if std::env::var_os("JOURNEYMAP_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/lint-rules.md");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/lint-rules.md is stale; regenerate it with:\n  JOURNEYMAP_BLESS=1 cargo test -p journeymap --test lint_docs_fresh"
    );
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

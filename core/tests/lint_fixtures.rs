//! The shared lint vectors: every map in tests/fixtures/lint/ linted with the
//! configuration in tests/expected/lint.json gives exactly the diagnostics
//! listed there (code, severity, path, in order). The Python and JS suites
//! assert the same file.
//!
//! After a deliberate change, regenerate (and review the diff of) the
//! expectations with:
//!   JOURNEYMAP_BLESS=1 cargo test -p journeymap --test lint_fixtures

use std::collections::BTreeMap;
use std::path::PathBuf;

use journeymap::lint::{LintConfig, RULES};
use journeymap::JourneyMap;
use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixtures() -> Vec<(String, PathBuf)> {
    let dir = root().join("tests/fixtures/lint");
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/lint exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    files.sort();
    files
}

fn lint_file(path: &PathBuf, config: &LintConfig) -> Vec<Value> {
    let map = JourneyMap::from_path(path)
        .unwrap_or_else(|e| panic!("{} is not a valid map: {e}", path.display()));
    map.lint(config)
        .into_iter()
        .map(|d| json!({"code": d.code, "severity": d.severity, "path": d.location.path}))
        .collect()
}

/// The configuration the expectations are computed with.
fn fixed_config() -> LintConfig {
    serde_json::from_value(json!({"today": "2026-11-23"})).expect("config")
}

#[test]
fn fixtures_give_the_expected_diagnostics() {
    let expected_path = root().join("tests/expected/lint.json");
    let config = fixed_config();
    let actual: BTreeMap<String, Vec<Value>> = fixtures()
        .iter()
        .map(|(name, path)| (name.clone(), lint_file(path, &config)))
        .collect();
    if std::env::var_os("JOURNEYMAP_BLESS").is_some() {
        let doc = json!({"config": config, "files": actual});
        let text = serde_json::to_string_pretty(&doc).expect("json") + "\n";
        std::fs::write(&expected_path, text).expect("write tests/expected/lint.json");
        return;
    }
    let text = std::fs::read_to_string(&expected_path).expect("tests/expected/lint.json exists");
    let expected: Value = serde_json::from_str(&text).expect("tests/expected/lint.json is JSON");
    let stated: LintConfig =
        serde_json::from_value(expected["config"].clone()).expect("config is a LintConfig");
    assert_eq!(stated, config, "the config in lint.json is the one used");
    let expected: BTreeMap<String, Vec<Value>> =
        serde_json::from_value(expected["files"].clone()).expect("files map");
    assert_eq!(
        expected.keys().collect::<Vec<_>>(),
        actual.keys().collect::<Vec<_>>(),
        "lint.json lists exactly the fixture files"
    );
    for (name, diags) in &actual {
        assert_eq!(&expected[name], diags, "{name}");
    }
}

#[test]
fn each_rule_fixture_triggers_its_rule_and_clean_fixtures_are_clean() {
    let config = fixed_config();
    let files = fixtures();
    for rule in RULES {
        let prefix = format!("{}-{}", rule.code, rule.name);
        let (name, path) = files
            .iter()
            .find(|(n, _)| n.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no fixture {prefix}.json"));
        let diags = lint_file(path, &config);
        assert!(
            diags.iter().any(|d| d["code"] == rule.code),
            "{name} does not trigger {}: {diags:?}",
            rule.code
        );
        // Designed for its rule: nothing else fires.
        assert!(
            diags.iter().all(|d| d["code"] == rule.code),
            "{name} triggers other rules too: {diags:?}"
        );
    }
    for (name, path) in files.iter().filter(|(n, _)| n.starts_with("clean-")) {
        assert_eq!(lint_file(path, &config), Vec::<Value>::new(), "{name}");
    }
}

#[test]
fn bundled_examples_lint_with_info_findings_at_most() {
    let dir = root().join("schema/examples");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let config = fixed_config();
    for path in entries.map(|e| e.expect("dir entry").path()) {
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let map = JourneyMap::from_path(&path)
            .unwrap_or_else(|e| panic!("{} is not a valid map: {e}", path.display()));
        let serious: Vec<String> = map
            .lint(&config)
            .iter()
            .filter(|d| d.severity > journeymap::model::LintSeverity::Info)
            .map(ToString::to_string)
            .collect();
        assert!(serious.is_empty(), "{}: {serious:#?}", path.display());
    }
}

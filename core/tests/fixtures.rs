//! The shared document fixtures: every file in `tests/fixtures/documents`
//! must give exactly the errors listed for it in `tests/expected/documents.json`
//! (codes and JSON paths, in order; none for a valid map). The Python and JS
//! suites assert the same file.
//!
//! After a deliberate change of behaviour, rewrite the `errors` lists with
//! `JOURNEYMAP_BLESS=1 cargo test -p journeymap --test fixtures` and review the
//! diff by hand; `schema_valid` entries are kept as they are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use journeymap::{Error, JourneyMap};
use serde_json::{json, Map, Value};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixtures_dir() -> PathBuf {
    repo_root().join("tests/fixtures/documents")
}

fn expected_path() -> PathBuf {
    repo_root().join("tests/expected/documents.json")
}

fn examples_dir() -> PathBuf {
    repo_root().join("schema/examples")
}

/// `*.json` files of a directory, sorted by name.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .expect("file name")
        .to_string_lossy()
        .into_owned()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// What `JourneyMap::from_json` reports, as `[{code, path}]`.
fn actual_errors(text: &str) -> Vec<Value> {
    match JourneyMap::from_json(text) {
        Ok(_) => Vec::new(),
        Err(err) => err
            .violations()
            .iter()
            .map(|e| json!({"code": e.code(), "path": e.path()}))
            .collect(),
    }
}

fn expected_entries() -> Map<String, Value> {
    let text = read(&expected_path());
    match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => map,
        other => panic!("tests/expected/documents.json is not a JSON object: {other:?}"),
    }
}

#[test]
fn every_fixture_gives_exactly_the_expected_errors() {
    let files = json_files(&fixtures_dir());
    assert!(files.len() > 50, "too few fixtures found: {}", files.len());

    if std::env::var_os("JOURNEYMAP_BLESS").is_some() {
        bless(&files);
        return;
    }

    let expected = expected_entries();
    let names: Vec<String> = files.iter().map(|p| file_name(p)).collect();
    let stale: Vec<&String> = expected.keys().filter(|k| !names.contains(k)).collect();
    assert!(
        stale.is_empty(),
        "expectations for files that do not exist: {stale:?}"
    );

    let mut failures = Vec::new();
    for (path, name) in files.iter().zip(&names) {
        let Some(entry) = expected.get(name) else {
            failures.push(format!("{name}: no entry in tests/expected/documents.json"));
            continue;
        };
        let want = entry
            .get("errors")
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("{name}: `errors` must be a list"));
        let got = actual_errors(&read(path));
        if &got != want {
            failures.push(format!(
                "{name}:\n  expected {}\n  got      {}",
                Value::Array(want.clone()),
                Value::Array(got)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// Rewrites the `errors` of every entry from what core reports, keeping
/// `schema_valid` (null for a new file until someone decides it).
fn bless(files: &[PathBuf]) {
    let old = std::fs::read_to_string(expected_path())
        .ok()
        .and_then(|t| serde_json::from_str::<Map<String, Value>>(&t).ok())
        .unwrap_or_default();
    let mut out = BTreeMap::new();
    for path in files {
        let name = file_name(path);
        let schema_valid = old
            .get(&name)
            .and_then(|e| e.get("schema_valid"))
            .cloned()
            .unwrap_or(Value::Null);
        let errors = actual_errors(&read(path));
        out.insert(
            name,
            json!({"errors": errors, "schema_valid": schema_valid}),
        );
    }
    let text = serde_json::to_string_pretty(&out).expect("serialise expectations") + "\n";
    std::fs::write(expected_path(), text).expect("write tests/expected/documents.json");
}

/// Every expected error is a real location: each path (other than the
/// whole-text path of a syntax error and the path of an absent field)
/// resolves in the document, and where an error names an offending id the
/// value at its path is that id.
#[test]
fn error_paths_point_into_the_document() {
    for path in json_files(&fixtures_dir()) {
        let name = file_name(&path);
        let text = read(&path);
        let Err(err) = JourneyMap::from_json(&text) else {
            continue;
        };
        let Ok(doc) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        for e in err.violations() {
            let p = e
                .path()
                .unwrap_or_else(|| panic!("{name}: {} has no path", e.code()));
            match e.code() {
                "MISSING_FIELD" => {
                    let (parent, field) = p.rsplit_once('/').expect("missing-field path");
                    let parent = doc
                        .pointer(parent)
                        .unwrap_or_else(|| panic!("{name}: parent of {p} not in document"));
                    assert!(
                        parent.get(field).is_none(),
                        "{name}: {p} reported missing but present"
                    );
                }
                "LIMIT_EXCEEDED" => {}
                code => {
                    let value = doc
                        .pointer(p)
                        .unwrap_or_else(|| panic!("{name}: {code} path {p:?} not in document"));
                    if matches!(code, "DUPLICATE_ID" | "DANGLING_REFERENCE" | "INVALID_ID") {
                        assert_eq!(
                            value.as_str(),
                            e.id(),
                            "{name}: {code} at {p} does not name the value there"
                        );
                    }
                }
            }
        }
    }
}

/// Malformed JSON (the fixtures whose `schema_valid` is null) is refused as
/// `JSON_SYNTAX` with a line and column that lie inside the text; the other
/// parse errors carry a location too.
#[test]
fn parse_errors_have_line_and_column() {
    let expected = expected_entries();
    let mut malformed = 0;
    for path in json_files(&fixtures_dir()) {
        let name = file_name(&path);
        let text = read(&path);
        let result = JourneyMap::from_json(&text);
        let syntax_error = result.as_ref().is_err_and(|e| e.code() == "JSON_SYNTAX");
        let not_json_expected = expected
            .get(&name)
            .and_then(|e| e.get("schema_valid"))
            .is_some_and(Value::is_null);
        assert_eq!(
            syntax_error, not_json_expected,
            "{name}: schema_valid must be null exactly when the text is refused as JSON_SYNTAX"
        );
        let Err(err) = result else {
            continue;
        };
        if syntax_error {
            malformed += 1;
        }
        for e in err.violations() {
            if !matches!(
                e.code(),
                "JSON_SYNTAX" | "JSON_TYPE" | "UNKNOWN_FIELD" | "MISSING_FIELD"
            ) {
                assert_eq!(e.line_column(), None, "{name}: {} has a line", e.code());
                continue;
            }
            let (line, column) = e
                .line_column()
                .unwrap_or_else(|| panic!("{name}: {} without line/column", e.code()));
            let lines: Vec<&str> = text.split('\n').collect();
            assert!(
                line >= 1 && line <= lines.len().max(1),
                "{name}: line {line} outside the text ({} lines)",
                lines.len()
            );
            let width = lines.get(line - 1).map_or(0, |l| l.chars().count());
            assert!(
                column <= width + 1,
                "{name}: column {column} past the end of line {line} ({width} characters)"
            );
        }
    }
    assert!(
        malformed >= 5,
        "expected at least 5 malformed-JSON fixtures, found {malformed}"
    );
}

/// The examples load, stay valid, and come back unchanged through JSON; the
/// copies among the fixtures are the examples themselves.
#[test]
fn examples_load_without_error() {
    let examples = json_files(&examples_dir());
    assert!(examples.len() >= 2, "expected the two example maps");
    for path in &examples {
        let name = file_name(path);
        let text = read(path);
        let map = JourneyMap::from_json(&text)
            .unwrap_or_else(|e| panic!("{name} does not load: {}", serde_json::json!(e)));
        assert!(map.validate().is_empty(), "{name}: validate() not empty");
        let again = JourneyMap::from_json(&map.to_json()).expect("re-read");
        assert_eq!(map, again, "{name}: JSON round trip changed the map");
        let copy = fixtures_dir().join(format!("example-{name}"));
        assert_eq!(
            read(&copy),
            text,
            "{} differs from schema/examples/{name}; copy it again",
            copy.display()
        );
    }
}

/// The coffee-maker example is the rich one the documentation promises.
#[test]
fn coffee_maker_example_is_rich() {
    let map = JourneyMap::from_path(examples_dir().join("coffee-maker.json")).expect("loads");
    let stage_ids: Vec<&str> = map.stages().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        stage_ids,
        [
            "awareness",
            "consideration",
            "purchase",
            "retention",
            "advocacy"
        ]
    );
    assert_eq!(map.personas().len(), 2);
    assert_eq!(map.channels().len(), 7);
    let tps = map.touchpoints();
    assert!((14..=18).contains(&tps.len()), "{} touchpoints", tps.len());
    assert!(tps
        .iter()
        .all(|t| t.owner.is_some() && !t.evidence.is_empty()));
    assert!(tps
        .iter()
        .any(|t| t.emotion.as_ref().is_some_and(|e| e.score < 0)));
    assert!(!map.conversions().is_empty());
    assert!(map.transitions().iter().any(|t| t.is_loop));
    // Every pain point is addressed by some opportunity.
    let addressed: Vec<&str> = tps
        .iter()
        .flat_map(|t| &t.opportunities)
        .flat_map(|o| o.addresses.iter().map(|a| a.as_str()))
        .collect();
    for pp in tps.iter().flat_map(|t| &t.pain_points) {
        assert!(
            addressed.contains(&pp.id.as_str()),
            "{} not addressed",
            pp.id
        );
    }
    let b2b = JourneyMap::from_path(examples_dir().join("b2b-onboarding.json")).expect("loads");
    assert_eq!(b2b.stages().len(), 7);
}

/// Documents under `schema/examples/invalid` are refused by core too.
#[test]
fn invalid_examples_are_refused() {
    let files = json_files(&examples_dir().join("invalid"));
    assert!(files.len() >= 5, "expected at least 5 invalid examples");
    for path in files {
        let result = JourneyMap::from_json(&read(&path));
        assert!(result.is_err(), "{} is accepted by core", path.display());
    }
}

/// Serialised errors carry code, message and path (the form the CLI and the
/// bindings expose).
#[test]
fn serialised_errors_carry_code_message_and_path() {
    let text = read(&fixtures_dir().join("many-violations.json"));
    let err: Error = JourneyMap::from_json(&text).expect_err("invalid");
    let value = serde_json::to_value(&err).expect("serialise");
    assert_eq!(value["code"], "INVALID_MAP");
    let list = value["errors"].as_array().expect("errors list");
    assert_eq!(list.len(), err.violations().len());
    for e in list {
        assert!(e["code"].is_string() && e["message"].is_string() && e["path"].is_string());
    }
}

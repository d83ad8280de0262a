//! The validate, summary and schema subcommands: exit codes and output.

use assert_cmd::Command;

fn journeymap() -> Command {
    Command::cargo_bin("journeymap").expect("binary built")
}

fn temp_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("journeymap-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write temp file");
    path
}

const VALID: &str = r#"{"format_version": 1, "name": "Shop",
  "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
  "channels": [{"id": "web", "name": "Website", "kind": "digital"}],
  "touchpoints": [
    {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
  "transitions": [{"from": "home", "to": "pay"}]}"#;

#[test]
fn valid_map_exits_zero() {
    let file = temp_file("valid.json", VALID);
    let out = journeymap()
        .arg("validate")
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("valid (2 stages, 2 touchpoints, 1 transitions)"),
        "{stdout}"
    );
}

#[test]
fn invalid_map_lists_every_error_and_exits_one() {
    let text = VALID
        .replace("\"stage\": \"buy\"", "\"stage\": \"nowhere\"")
        .replace("\"to\": \"pay\"", "\"to\": \"home\"");
    let file = temp_file("invalid.json", &text);
    let out = journeymap()
        .arg("validate")
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("2 error(s)"), "{stdout}");
    assert!(
        stdout.contains("DANGLING_REFERENCE /touchpoints/1/stage: no stage with id \"nowhere\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("SELF_TRANSITION /transitions/0:"),
        "{stdout}"
    );
}

#[test]
fn malformed_json_reports_line_and_column() {
    let file = temp_file("broken.json", "{\n  \"name\": \"x\",\n  \"stages\": [\n");
    let out = journeymap()
        .arg("validate")
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("JSON_SYNTAX /: malformed JSON at line 4"),
        "{stdout}"
    );
}

#[test]
fn json_format_carries_codes_and_paths() {
    let file = temp_file(
        "dup.json",
        &VALID.replace("\"id\": \"pay\"", "\"id\": \"home\""),
    );
    let out = journeymap()
        .args(["validate", "--format", "json"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    let errors = &v[0]["errors"];
    assert!(
        errors
            .as_array()
            .expect("array")
            .iter()
            .any(|e| e["code"] == "DUPLICATE_ID" && e["path"] == "/touchpoints/1/id"),
        "{v}"
    );
}

#[test]
fn missing_file_exits_two() {
    let out = journeymap()
        .args(["validate", "/nonexistent/map.json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn usage_error_exits_two() {
    let out = journeymap().args(["validate"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = journeymap().args(["frobnicate"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn summary_prints_stages_in_order() {
    let file = temp_file("summary.json", VALID);
    let out = journeymap()
        .arg("summary")
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let visit = stdout.find("1. Visit").expect("first stage");
    let buy = stdout.find("2. Buy").expect("second stage");
    assert!(visit < buy);
    assert!(stdout.contains("conversions: pay"), "{stdout}");
}

#[test]
fn schema_matches_the_checked_in_file() {
    let out = journeymap().arg("schema").output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let on_disk = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../schema/journey-map.schema.json"
    ))
    .expect("schema file");
    assert_eq!(String::from_utf8_lossy(&out.stdout), on_disk);
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["validate", "summary", "schema"] {
        let out = journeymap().args([sub, "--help"]).output().expect("runs");
        assert_eq!(out.status.code(), Some(0), "{sub} --help");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage: journeymap"),
            "{sub}"
        );
    }
}

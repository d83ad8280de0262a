//! `journeymap lint`: output formats, settings flags, --list, --explain and
//! exit codes, on the shared fixtures in tests/fixtures/lint/.

use assert_cmd::Command;
use serde_json::Value;

fn journeymap() -> Command {
    Command::cargo_bin("journeymap").expect("binary built")
}

fn fixture(name: &str) -> String {
    format!(
        "{}/../tests/fixtures/lint/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn temp_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("journeymap-cli-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write temp file");
    path
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = journeymap().arg("lint").args(args).output().expect("runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn json_codes(stdout: &str) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(stdout).expect("json output");
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["location"]["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn clean_map_exits_zero() {
    let r = run(&[&fixture("clean-minimal.json"), "--today", "2026-11-23"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.ends_with("clean-minimal.json: no lint findings\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn warnings_only_exit_zero_and_print_message_and_hint() {
    let r = run(&[
        &fixture("JM-L007-touchpoint-without-owner.json"),
        "--today",
        "2026-11-23",
    ]);
    assert_eq!(r.code, Some(0));
    assert!(
        r.stdout.starts_with(
            "warning[JM-L007] /touchpoints/0 (touchpoint ad): Touchpoint \"Instagram post\" (ad) has no owner"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("\n  hint: Set \"owner\""), "{}", r.stdout);
    assert!(
        r.stdout.contains(": 0 errors, 1 warning, 0 info\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn an_error_diagnostic_exits_one() {
    let r = run(&[
        &fixture("JM-L002-unreachable-touchpoint.json"),
        "--today",
        "2026-11-23",
    ]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stdout.contains("error[JM-L002] /touchpoints/2"),
        "{}",
        r.stdout
    );
    // Lowered to a warning from the command line: exit 0.
    let r = run(&[
        &fixture("JM-L002-unreachable-touchpoint.json"),
        "--today",
        "2026-11-23",
        "--severity",
        "unreachable-touchpoint=warning",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stdout);
    // Raised to an error from the command line: exit 1.
    let r = run(&[
        &fixture("JM-L007-touchpoint-without-owner.json"),
        "--today",
        "2026-11-23",
        "--severity",
        "JM-L007=error",
    ]);
    assert_eq!(r.code, Some(1), "{}", r.stdout);
}

#[test]
fn json_output_matches_the_shared_expectations() {
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/../tests/expected/lint.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("lint.json"),
    )
    .expect("json");
    let today = expected["config"]["today"].as_str().expect("today");
    for name in [
        "several-rules.json",
        "settings-severity.json",
        "JM-L000-unknown-lint-rule.json",
    ] {
        let r = run(&[&fixture(name), "--format", "json", "--today", today]);
        let v: Value = serde_json::from_str(&r.stdout).expect("json output");
        let got: Vec<Value> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| serde_json::json!({"code": d["code"], "severity": d["severity"], "path": d["location"]["path"]}))
            .collect();
        assert_eq!(Value::Array(got), expected["files"][name], "{name}");
        assert_eq!(v["today"], today);
        let errors = v["counts"]["error"].as_u64().unwrap();
        assert_eq!(r.code, Some(if errors > 0 { 1 } else { 0 }), "{name}");
        for d in v["diagnostics"].as_array().unwrap() {
            for key in ["rule", "message", "hint"] {
                assert!(
                    d[key].as_str().is_some_and(|s| !s.is_empty()),
                    "{key} in {d}"
                );
            }
        }
    }
}

#[test]
fn disable_and_max_review_age_flags() {
    let file = fixture("several-rules.json");
    let r = run(&[
        &file,
        "--format",
        "json",
        "--today",
        "2026-11-23",
        "--disable",
        "JM-L002",
        "--disable",
        "step-without-evidence",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stdout);
    let codes: Vec<String> = json_codes(&r.stdout).into_iter().map(|(c, _)| c).collect();
    assert_eq!(codes, ["JM-L007", "JM-L007", "JM-L016", "JM-L016"]);

    let overdue = fixture("settings-review-age.json"); // reviewed 326 days ago, map allows 400
    let r = run(&[&overdue, "--format", "json", "--today", "2026-11-23"]);
    assert!(json_codes(&r.stdout).is_empty(), "{}", r.stdout);
    let r = run(&[
        &overdue,
        "--format",
        "json",
        "--today",
        "2026-11-23",
        "--max-review-age",
        "300",
    ]);
    assert_eq!(
        json_codes(&r.stdout),
        [("JM-L017".to_owned(), "/metadata/last_reviewed".to_owned())]
    );
}

#[test]
fn today_defaults_to_the_system_date() {
    // Reviewed in 2000: overdue whatever today's date is.
    let text = std::fs::read_to_string(fixture("clean-minimal.json"))
        .unwrap()
        .replace("2026-10-01", "2000-01-01");
    let file = temp_file("old.json", &text);
    let r = run(&[file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(json_codes(&r.stdout)[0].0, "JM-L017", "{}", r.stdout);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let today = v["today"].as_str().unwrap();
    assert!(today.len() == 10 && today > "2026-01-01", "{today}");
    // Reviewed in 2999: in the future whatever today's date is.
    let file = temp_file("future.json", &text.replace("2000-01-01", "2999-01-01"));
    let r = run(&[file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(json_codes(&r.stdout)[0].0, "JM-L019", "{}", r.stdout);
}

#[test]
fn usage_errors_exit_two() {
    let file = fixture("clean-minimal.json");
    for args in [
        vec![file.as_str(), "--disable", "JM-L999"],
        vec![file.as_str(), "--severity", "nope=error"],
        vec![file.as_str(), "--severity", "JM-L001=fatal"],
        vec![file.as_str(), "--today", "2026-02-30"],
        vec![file.as_str(), "--max-review-age", "-3"],
        vec!["--explain", "JM-L999"],
        vec![],
        vec!["--list", file.as_str()],
    ] {
        let r = run(&args);
        assert_eq!(r.code, Some(2), "{args:?}: {}{}", r.stdout, r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
    }
    let r = run(&[&file, "--disable", "JM-L999"]);
    assert!(
        r.stderr.contains("unknown lint rule \"JM-L999\""),
        "{}",
        r.stderr
    );
}

#[test]
fn unreadable_file_exits_two_and_invalid_map_exits_one() {
    let r = run(&["/nonexistent/map.json", "--today", "2026-11-23"]);
    assert_eq!(r.code, Some(2));
    let file = temp_file("invalid.json", r#"{"name": "x", "stages": []}"#);
    let r = run(&[file.to_str().unwrap(), "--today", "2026-11-23"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("NO_STAGES"), "{}", r.stderr);
}

#[test]
fn list_names_every_rule() {
    let r = run(&["--list"]);
    assert_eq!(r.code, Some(0));
    let lines: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("JM-L")).collect();
    assert_eq!(lines.len(), journeymap::lint::RULES.len());
    assert!(
        lines[2].starts_with("JM-L002  error    unreachable-touchpoint"),
        "{}",
        lines[2]
    );
    let r = run(&["--list", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let rules = v.as_array().unwrap();
    assert_eq!(rules.len(), journeymap::lint::RULES.len());
    assert_eq!(rules[3]["name"], "dead-end");
    assert_eq!(rules[3]["default_severity"], "warning");
    assert!(rules[3]["fix"].as_str().is_some());
}

#[test]
fn explain_prints_the_catalogue_entry() {
    let r = run(&["--explain", "JM-L003"]);
    assert_eq!(r.code, Some(0));
    assert!(
        r.stdout.starts_with("JM-L003 dead-end (warning)\n"),
        "{}",
        r.stdout
    );
    for section in ["What it checks:", "Why it matters:", "How to fix:"] {
        assert!(r.stdout.contains(section), "{}", r.stdout);
    }
    // By name, any case.
    let by_name = run(&["--explain", "Dead-End"]);
    assert_eq!(by_name.stdout, r.stdout);
    let r = run(&["--explain", "tone-change", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["code"], "JM-L012");
}

//! `journeymap diff OLD NEW [--json]`: exit 0 same, 1 different, 2 error.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn journeymap() -> Command {
    Command::cargo_bin("journeymap").expect("binary built")
}

fn case(name: &str, which: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/diff")
        .join(name)
        .join(format!("{which}.json"))
}

fn run(args: &[&Path], json: bool) -> (Option<i32>, String, String) {
    let mut cmd = journeymap();
    cmd.arg("diff").args(args);
    if json {
        cmd.arg("--json");
    }
    let out = cmd.output().expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn same_maps_exit_zero() {
    let (code, out, _) = run(
        &[
            &case("same-content-other-layout", "old"),
            &case("same-content-other-layout", "new"),
        ],
        false,
    );
    assert_eq!(code, Some(0));
    assert_eq!(out, "no differences\n");
}

#[test]
fn different_maps_exit_one_with_readable_lines() {
    let (code, out, _) = run(
        &[
            &case("touchpoints-moved", "old"),
            &case("touchpoints-moved", "new"),
        ],
        false,
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        out,
        "changed touchpoint \"welcome-mail\":\n  /name: \"Welcome email\" -> \"Order confirmation\"\nmoved touchpoint \"ad\": stage \"awareness\" -> \"consideration\"\nmoved touchpoint \"welcome-mail\": stage \"retention\" -> \"purchase\"\n"
    );
}

#[test]
fn json_output_matches_the_shared_expected_file() {
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/expected/diff.json"),
        )
        .unwrap(),
    )
    .unwrap();
    for name in ["transitions", "identical", "pain-points-and-opportunities"] {
        let (code, out, _) = run(&[&case(name, "old"), &case(name, "new")], true);
        let got: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(got, expected[name], "{name}");
        assert_eq!(code, Some(if name == "identical" { 0 } else { 1 }));
    }
}

#[test]
fn unreadable_or_invalid_map_exits_two() {
    let missing = Path::new("/nonexistent/map.json");
    let (code, _, err) = run(&[&case("identical", "old"), missing], false);
    assert_eq!(code, Some(2));
    assert!(err.contains("IO"), "{err}");
    let bad = std::env::temp_dir().join(format!("journeymap-diff-bad-{}.json", std::process::id()));
    std::fs::write(&bad, r#"{"name": "x", "stages": []}"#).unwrap();
    let (code, out, err) = run(&[&bad, &case("identical", "new")], true);
    assert_eq!(
        code,
        Some(2),
        "an invalid map is an error, not a difference"
    );
    assert!(out.is_empty());
    assert!(err.contains("NO_STAGES"), "{err}");
}

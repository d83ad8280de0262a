//! `journeymap render` and `journeymap import-mermaid`: formats, persona
//! filter, output file, exit codes, located Mermaid errors.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use assert_cmd::Command;

fn journeymap() -> Command {
    Command::cargo_bin("journeymap").expect("binary built")
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("journeymap-cli-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const MAP: &str = r#"{"format_version": 1, "name": "Shop",
  "personas": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
  "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
  "channels": [{"id": "web", "name": "Website", "kind": "digital"}],
  "touchpoints": [
    {"id": "home", "name": "Home", "stage": "visit", "channel": "web", "emotion": {"score": 1}},
    {"id": "vip", "name": "VIP lounge", "stage": "visit", "channel": "web", "personas": ["bob"]},
    {"id": "pay", "name": "=Pay", "stage": "buy", "channel": "web", "kind": "conversion",
     "emotion": {"score": -2}}],
  "transitions": [{"from": "home", "to": "pay"}, {"from": "home", "to": "vip"}]}"#;

/// A fresh copy of the map per call: tests run in parallel.
fn map_file() -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, Ordering::SeqCst);
    let path = temp_dir().join(format!("map-{n}.json"));
    std::fs::write(&path, MAP).expect("write map");
    path
}

fn render(args: &[&str]) -> (Option<i32>, String, String) {
    let out = journeymap()
        .arg("render")
        .arg(map_file())
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn renders_each_format() {
    let (code, out, _) = render(&["--format", "mermaid"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        "journey\n  title Shop\n  section Visit\n    Home: 4: Ann, Bob\n    VIP lounge: 3: Bob\n  section Buy\n    Pay: 1: Ann, Bob\n"
            .replace("Pay", "=Pay")
    );
    let (code, out, _) = render(&["--format", "mermaid-flowchart"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("flowchart LR\n"), "{out}");
    assert!(out.contains("tp2([\"=Pay<br>Website\"])"), "{out}");
    let (code, out, _) = render(&["-f", "dot"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("digraph \"journey\" {"), "{out}");
    assert!(out.contains("\"home\" -> \"pay\";"), "{out}");
    let (code, out, _) = render(&["-f", "csv"]);
    assert_eq!(code, Some(0));
    assert_eq!(out.lines().count(), 4);
    assert!(out.contains(",'=Pay,"), "formula neutralised: {out}");
    let (_, raw, _) = render(&["-f", "csv", "--raw-csv"]);
    assert!(raw.contains(",=Pay,"), "{raw}");
}

#[test]
fn renders_the_svg_canvas() {
    let (code, out, _) = render(&["--format", "svg"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("<svg"), "{out}");
    assert!(out.contains("VIP lounge"));
    let (code, out, _) = render(&["-f", "svg", "--persona", "ann"]);
    assert_eq!(code, Some(0));
    assert!(
        !out.contains("VIP lounge"),
        "ann does not pass the VIP lounge"
    );
    let (code, _, err) = render(&["-f", "svg", "--persona", "nobody"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("nobody"), "{err}");
}

#[test]
fn persona_filter_keeps_that_persona_s_journey() {
    let (code, out, _) = render(&["-f", "mermaid", "--persona", "ann"]);
    assert_eq!(code, Some(0));
    assert!(!out.contains("VIP lounge"), "{out}");
    assert!(out.contains("Home: 4: Ann, Bob"), "{out}");
    let (code, _, err) = render(&["-f", "dot", "--persona", "nobody"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no persona with id \"nobody\""), "{err}");
}

#[test]
fn writes_to_an_output_file() {
    let out = temp_dir().join("map.dot");
    let (code, stdout, _) = render(&["-f", "dot", "-o", out.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    assert!(stdout.is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("digraph"));
    let (code, _, err) = render(&["-f", "dot", "-o", "/nonexistent-dir/x.dot"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("cannot write"), "{err}");
}

#[test]
fn invalid_or_missing_map_fails() {
    let bad = temp_dir().join("bad.json");
    std::fs::write(&bad, r#"{"name": "x", "stages": []}"#).unwrap();
    let out = journeymap()
        .args(["render", bad.to_str().unwrap(), "-f", "mermaid"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("NO_STAGES /stages"));
    let out = journeymap()
        .args(["render", "/nonexistent.json", "-f", "mermaid"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = journeymap()
        .args(["render", "x.json", "-f", "png"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "unknown format is a usage error"
    );
}

#[test]
fn import_mermaid_prints_a_valid_map() {
    let file = temp_dir().join("day.mmd");
    std::fs::write(
        &file,
        "journey\n  title My day\n  section Work\n    Make tea: 5: Me\n    Meeting: 1: Me, Boss\n",
    )
    .unwrap();
    let out = journeymap()
        .args(["import-mermaid", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["name"], "My day");
    assert_eq!(json["touchpoints"][1]["emotion"]["score"], -2);
    assert_eq!(json["transitions"][0]["from"], "make-tea");
    // The output is a map the other commands read.
    let saved = temp_dir().join("day.json");
    let out = journeymap()
        .args(["import-mermaid", file.to_str().unwrap(), "-o"])
        .arg(&saved)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    journeymap().arg("validate").arg(&saved).assert().code(0);
}

#[test]
fn import_mermaid_reads_standard_input() {
    let out = journeymap()
        .args(["import-mermaid", "-"])
        .write_stdin("journey\nsection S\n  T: 3\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["touchpoints"][0]["id"], "t");
}

#[test]
fn import_mermaid_reports_line_and_column() {
    let file = temp_dir().join("bad.mmd");
    std::fs::write(&file, "journey\n  section S\n    Make tea: 9: Me\n").unwrap();
    let out = journeymap()
        .args(["import-mermaid", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.mmd:3:15: MERMAID_SYNTAX"), "{err}");
    assert!(err.contains("not a whole number from 1 to 5"), "{err}");
    let out = journeymap()
        .args(["import-mermaid", "/nonexistent.mmd"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn example_maps_round_trip_through_mermaid() {
    let dir = root().join("schema/examples");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let mmd = journeymap()
            .args(["render", path.to_str().unwrap(), "-f", "mermaid"])
            .output()
            .unwrap();
        assert_eq!(mmd.status.code(), Some(0));
        let back = journeymap()
            .args(["import-mermaid", "-"])
            .write_stdin(mmd.stdout.clone())
            .output()
            .unwrap();
        assert_eq!(back.status.code(), Some(0), "{}", path.display());
        let original: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let imported: serde_json::Value = serde_json::from_slice(&back.stdout).unwrap();
        let names = |v: &serde_json::Value, key: &str| -> Vec<String> {
            v[key]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| x["name"].as_str().unwrap().to_owned())
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(names(&imported, "stages"), names(&original, "stages"));
        assert_eq!(
            imported["touchpoints"].as_array().unwrap().len(),
            original["touchpoints"].as_array().unwrap().len()
        );
        n += 1;
    }
    assert!(n >= 2);
}

// ------------------------------------------------------- --report overlay

fn example(name: &str) -> PathBuf {
    root().join("schema/examples").join(name)
}

/// The coffee-maker report as `journeymap analyze --format json` writes it,
/// in a file of its own.
fn coffee_report() -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, Ordering::SeqCst);
    let path = temp_dir().join(format!("report-{n}.json"));
    let out = journeymap()
        .arg("analyze")
        .arg(example("coffee-maker.json"))
        .arg(example("coffee-maker-events.csv"))
        .args(["--score-scale", "one-to-five", "--format", "json", "-o"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

fn render_with_report(map: &Path, report: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = journeymap()
        .arg("render")
        .arg(map)
        .arg("--report")
        .arg(report)
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn svg_with_a_report_shows_its_figures() {
    let report_path = coffee_report();
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report_path).unwrap()).unwrap();
    let (code, svg, err) =
        render_with_report(&example("coffee-maker.json"), &report_path, &["-f", "svg"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));
    let first = &report["funnel"]["stages"][0];
    let reached = format!(">{} reached<", first["customers"].as_u64().unwrap());
    assert!(svg.contains(&reached), "{reached} not in the SVG");
    assert!(svg.contains(">Report: "));
    assert!(svg.contains(r#"class="observed-score""#));
    // Without --report, no figures.
    let (code, plain, _) = render(&["-f", "svg"]);
    assert_eq!(code, Some(0));
    assert!(!plain.contains("observed-score") && !plain.contains("Funnel (report)"));
}

#[test]
fn a_report_of_another_map_is_said_so() {
    let (code, svg, err) = render_with_report(&map_file(), &coffee_report(), &["-f", "svg"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(svg.contains("shares no touchpoint with this map"), "{svg}");
    assert!(!svg.contains("observed-score"));
}

#[test]
fn bad_reports_are_located_errors() {
    let bad = temp_dir().join("bad-syntax.json");
    std::fs::write(&bad, "{\n  \"report_version\": 1,\n").unwrap();
    let (code, out, err) = render_with_report(&map_file(), &bad, &["-f", "svg"]);
    assert_eq!(code, Some(1));
    assert!(out.is_empty());
    assert!(
        err.starts_with(&format!(
            "{}: JSON_SYNTAX /: malformed JSON at line 3",
            bad.display()
        )),
        "{err}"
    );

    let mut report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(coffee_report()).unwrap()).unwrap();
    report["touchpoints"][2]["reach"] = "lots".into();
    let wrong = temp_dir().join("bad-type.json");
    std::fs::write(&wrong, serde_json::to_string_pretty(&report).unwrap()).unwrap();
    let (code, _, err) = render_with_report(&map_file(), &wrong, &["-f", "svg"]);
    assert_eq!(code, Some(1));
    assert!(
        err.starts_with(&format!(
            "{}: JSON_TYPE /touchpoints/2/reach: ",
            wrong.display()
        )),
        "{err}"
    );

    let map_json = temp_dir().join("not-a-report.json");
    std::fs::write(&map_json, MAP).unwrap();
    let (code, _, err) = render_with_report(&map_file(), &map_json, &["-f", "svg"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("MISSING_FIELD") || err.contains("UNKNOWN_FIELD"),
        "{err}"
    );

    let binary = temp_dir().join("binary.json");
    std::fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
    let (code, _, err) = render_with_report(&map_file(), &binary, &["-f", "svg"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("INVALID_VALUE /: the report is not UTF-8"),
        "{err}"
    );
}

#[test]
fn report_usage_and_io_errors_exit_2() {
    let (code, _, err) = render_with_report(
        &map_file(),
        Path::new("/nonexistent/report.json"),
        &["-f", "svg"],
    );
    assert_eq!(code, Some(2));
    assert!(
        err.contains("cannot read /nonexistent/report.json"),
        "{err}"
    );
    let (code, _, err) = render_with_report(&map_file(), &coffee_report(), &["-f", "mermaid"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--report applies to --format svg only"),
        "{err}"
    );
}

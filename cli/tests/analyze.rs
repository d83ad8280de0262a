//! `journeymap analyze`: formats, input detection, options, bad rows and
//! exit codes, on the shared fixtures in tests/fixtures/events/.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use assert_cmd::Command;
use serde_json::Value;

fn journeymap() -> Command {
    Command::cargo_bin("journeymap").expect("binary built")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/events")
        .join(name)
}

/// A fresh file in a per-process temp dir (tests run in parallel).
fn temp_file(name: &str, contents: &str) -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, Ordering::SeqCst);
    let dir =
        std::env::temp_dir().join(format!("journeymap-cli-analyze-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write temp file");
    path
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn analyze(events: &Path, args: &[&str]) -> Run {
    analyze_with(&fixture("shop.json"), events, args)
}

fn analyze_with(map: &Path, events: &Path, args: &[&str]) -> Run {
    let out = journeymap()
        .arg("analyze")
        .arg(map)
        .arg(events)
        .args(args)
        .output()
        .expect("runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn json(run: &Run) -> Value {
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("the output is JSON")
}

#[test]
fn json_report_counts_the_fixture() {
    let report = json(&analyze(&fixture("shop.csv"), &["--format", "json"]));
    assert_eq!(report["report_version"], 1);
    assert_eq!(report["map"], "Small shop (analytics fixture)");
    let totals = &report["totals"];
    assert_eq!(totals["events"], 21);
    assert_eq!(totals["customers"], 6);
    assert_eq!(
        totals["unknown_events"], 2,
        "c3 and c6 open a chat, which no rule matches"
    );
    assert_eq!(totals["converted_customers"], 3, "c1, c2 and c4 purchase");
    assert_eq!(totals["conversion_value"], 100.0);
    assert_eq!(
        report["conversion_touchpoints"],
        serde_json::json!(["checkout"])
    );
    let stages: Vec<&str> = report["funnel"]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["discover", "consider", "purchase", "retain"]);
    // No progress line or warning on a clean run whose stderr is a pipe.
    assert_eq!(analyze(&fixture("shop.csv"), &["-f", "json"]).stderr, "");
}

#[test]
fn csv_and_jsonl_of_the_same_events_give_the_same_report() {
    let csv = json(&analyze(&fixture("shop.csv"), &["--format", "json"]));
    let jsonl = json(&analyze(&fixture("shop.jsonl"), &["--format", "json"]));
    assert_eq!(csv, jsonl);
}

#[test]
fn text_summary_has_every_section() {
    let run = analyze(&fixture("shop.csv"), &[]);
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    let text = &run.stdout;
    for heading in [
        "Small shop (analytics fixture)",
        "\nFunnel\n",
        "\nSegments\n",
        "\nTouchpoints\n",
        "\nTop transitions",
        "\nTop variants",
        "\nConformance\n",
        "\nAttribution (3 conversions",
    ] {
        assert!(text.contains(heading), "missing {heading:?} in\n{text}");
    }
    assert!(
        text.contains("21 events (2 at no touchpoint), 6 customers"),
        "{text}"
    );
    assert!(
        text.contains("converted: 3 customers (60.0%) at checkout"),
        "{text}"
    );
    // Stage rows by name, in journey order.
    let discover = text.find("  Discover ").expect("Discover row");
    let retain = text.find("  Retain ").expect("Retain row");
    assert!(discover < retain);
    // Transitions say whether the map plans them.
    assert!(text.contains("ad -> product"), "{text}");
    assert!(text.contains("UNPLANNED"), "{text}");
    assert!(
        text.contains("chat_open 2"),
        "unknown events listed: {text}"
    );
}

#[test]
fn top_limits_the_variants() {
    let all = json(&analyze(&fixture("shop.csv"), &["-f", "json"]));
    let distinct = all["variants"]["distinct"].as_u64().unwrap();
    assert!(distinct > 1);
    let one = json(&analyze(
        &fixture("shop.csv"),
        &["-f", "json", "--top", "1"],
    ));
    assert_eq!(one["variants"]["top"].as_array().unwrap().len(), 1);
    assert_eq!(one["variants"]["top"][0], all["variants"]["top"][0]);
    assert_eq!(one["variants"]["distinct"], distinct);
}

#[test]
fn window_cuts_journeys_and_bad_durations_are_usage_errors() {
    let full = json(&analyze(&fixture("shop.csv"), &["-f", "json"]));
    assert_eq!(full["totals"]["events_outside_window"], 0);
    let cut = json(&analyze(
        &fixture("shop.csv"),
        &["-f", "json", "--window", "10m"],
    ));
    let outside = cut["totals"]["events_outside_window"].as_u64().unwrap();
    assert!(outside > 0);
    assert_eq!(
        cut["totals"]["events"].as_u64().unwrap() + outside,
        full["totals"]["events"].as_u64().unwrap()
    );
    assert_eq!(cut["options"]["conversion_window_ms"], 600_000);
    for bad in ["30", "ten days", "3y", "-1d"] {
        let run = analyze(&fixture("shop.csv"), &[&format!("--window={bad}")]);
        assert_eq!(run.code, Some(2), "--window {bad}");
        assert!(run.stderr.contains("duration"), "{}", run.stderr);
    }
}

#[test]
fn segment_by_names_the_segment_column() {
    let csv = "customer_id,timestamp,touchpoint,tier\n\
               a,2026-03-01T09:00:00Z,ad,gold\n\
               a,2026-03-01T09:05:00Z,checkout,gold\n\
               b,2026-03-01T09:00:00Z,ad,silver\n";
    let path = temp_file("tiers.csv", csv);
    let report = json(&analyze(&path, &["-f", "json", "--segment-by", "tier"]));
    let segments: Vec<(&str, u64)> = report["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["segment"].as_str().unwrap(),
                s["funnel"]["converted"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(segments, [("gold", 1), ("silver", 0)]);
    // Without the option the column is an ordinary attribute.
    let report = json(&analyze(&path, &["-f", "json"]));
    assert_eq!(report["segments"], serde_json::json!([]));
    // A field the log does not have is an error, not a report without segments.
    for (log, message) in [
        (path.clone(), "there is no `cohort` column to segment by"),
        (fixture("shop.jsonl"), "no event has a `cohort` value"),
    ] {
        let run = analyze(&log, &["--segment-by", "cohort", "--on-bad-row", "skip"]);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert!(run.stderr.contains("MISSING_COLUMN"), "{}", run.stderr);
        assert!(run.stderr.contains(message), "{}", run.stderr);
    }
}

#[test]
fn format_comes_from_the_extension_or_the_flag() {
    let text = std::fs::read_to_string(fixture("shop.jsonl")).unwrap();
    let path = temp_file("events.log", &text);
    let run = analyze(&path, &[]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("--input-format"), "{}", run.stderr);
    let report = json(&analyze(&path, &["-f", "json", "--input-format", "jsonl"]));
    assert_eq!(report["totals"]["customers"], 6);
    let ndjson = temp_file("events.ndjson", &text);
    assert_eq!(
        json(&analyze(&ndjson, &["-f", "json"]))["totals"]["events"],
        21
    );
    let tsv = std::fs::read_to_string(fixture("shop.csv"))
        .unwrap()
        .replace(',', "\t");
    let tsv = temp_file("events.tsv", &tsv);
    assert_eq!(
        json(&analyze(&tsv, &["-f", "json"]))["totals"]["events"],
        21
    );
}

#[test]
fn standard_input_needs_a_format() {
    let text = std::fs::read(fixture("shop.jsonl")).unwrap();
    let out = journeymap()
        .args(["analyze"])
        .arg(fixture("shop.json"))
        .args(["-", "-f", "json", "--input-format", "jsonl"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["totals"]["events"], 21);
    let out = journeymap()
        .args(["analyze"])
        .arg(fixture("shop.json"))
        .arg("-")
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_rows_fail_with_their_location_or_are_skipped_and_counted() {
    for file in ["bad.csv", "bad.jsonl"] {
        let run = analyze(&fixture(file), &[]);
        assert_eq!(run.code, Some(1), "{file}: {}", run.stderr);
        assert!(
            run.stderr.contains("BAD_TIMESTAMP line 2")
                || run.stderr.contains("BAD_TIMESTAMP line 3"),
            "{file}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty());

        let run = analyze(&fixture(file), &["--on-bad-row", "skip", "-f", "json"]);
        let report = json(&run);
        let skipped: u64 = report["ingest"]["skipped"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert!(skipped > 0);
        assert!(
            run.stderr
                .contains(&format!("skipped {skipped} bad row(s)")),
            "{file}: {}",
            run.stderr
        );
        assert!(
            report["ingest"]["skipped"]["BAD_TIMESTAMP"]
                .as_u64()
                .unwrap()
                >= 1
        );
        assert!(
            report["ingest"]["skipped"]["UNKNOWN_TOUCHPOINT"]
                .as_u64()
                .unwrap()
                >= 1
        );
    }
}

#[test]
fn a_missing_column_fails_even_when_skipping() {
    for policy in ["fail", "skip"] {
        let run = analyze(&fixture("missing_column.csv"), &["--on-bad-row", policy]);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert!(run.stderr.contains("MISSING_COLUMN"), "{}", run.stderr);
        assert!(run.stderr.contains("timestamp"), "{}", run.stderr);
    }
    // The field names are configurable.
    let run = analyze(
        &fixture("missing_column.csv"),
        &["--timestamp-field", "when", "-f", "json"],
    );
    assert_eq!(json(&run)["totals"]["events"], 1);
}

#[test]
fn io_and_usage_problems_exit_2() {
    let run = analyze(Path::new("/nonexistent/events.csv"), &[]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
    let run = analyze(&fixture("shop.csv"), &["--conversion", "nowhere"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("nowhere"), "{}", run.stderr);
    let out = journeymap()
        .args(["analyze", "/nonexistent/map.json"])
        .arg(fixture("shop.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_invalid_map_exits_1() {
    let map = temp_file("map.json", r#"{"name": "x", "stages": []}"#);
    let out = journeymap()
        .arg("analyze")
        .arg(&map)
        .arg(fixture("shop.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn conversion_overrides_the_map() {
    let report = json(&analyze(
        &fixture("shop.csv"),
        &["-f", "json", "--conversion", "cart"],
    ));
    assert_eq!(
        report["conversion_touchpoints"],
        serde_json::json!(["cart"])
    );
    assert_eq!(
        report["totals"]["converted_customers"], 3,
        "c1, c2 and c5 reach the cart"
    );
}

#[test]
fn output_goes_to_a_file() {
    let out_path = temp_file("report.json", "");
    let run = analyze(
        &fixture("shop.csv"),
        &["-f", "json", "-o", out_path.to_str().unwrap()],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(report["totals"]["customers"], 6);
    let run = analyze(&fixture("shop.csv"), &["-o", "/nonexistent/dir/report.txt"]);
    assert_eq!(run.code, Some(2));
}

// ------------------------------------------------------------- generate

fn coffee_map() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/examples/coffee-maker.json")
}

fn generate(args: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    let out = journeymap()
        .arg("generate")
        .arg(coffee_map())
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn generate_is_seeded_and_writes_exactly_the_events_asked() {
    let (code, a, _) = generate(&["--events", "500", "--seed", "3"]);
    assert_eq!(code, Some(0));
    let (_, b, _) = generate(&["--events", "500", "--seed", "3"]);
    let (_, c, _) = generate(&["--events", "500", "--seed", "4"]);
    assert_eq!(a, b, "same seed, same log");
    assert_ne!(a, c, "another seed, another log");
    let text = String::from_utf8(a).unwrap();
    assert!(
        text.starts_with("customer_id,timestamp,"),
        "{}",
        &text[..80]
    );
    assert_eq!(text.lines().count(), 501, "header + 500 events");

    // The log analyses cleanly against its map: every event is read.
    let path = temp_file("generated.csv", &text);
    let out = journeymap()
        .arg("analyze")
        .arg(coffee_map())
        .arg(&path)
        .args(["-f", "json", "--score-scale", "one-to-five"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["totals"]["events"], 500);
    assert_eq!(report["ingest"]["rows"], 500);
    let matched = 500 - report["totals"]["unknown_events"].as_u64().unwrap();
    assert!(
        matched > 400,
        "most events resolve to touchpoints: {matched}"
    );
    let out_of_range: u64 = report["touchpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["score"]["out_of_range"].as_u64().unwrap())
        .sum();
    assert_eq!(out_of_range, 0, "scores are on 1..5");
}

#[test]
fn generate_counts_customers_and_writes_files_by_extension() {
    let dir = temp_file("placeholder", "");
    let out = dir.with_file_name("log.jsonl");
    let (code, stdout, stderr) = generate(&["--customers", "40", "-o", out.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("wrote"), "{stderr}");
    let text = std::fs::read_to_string(&out).unwrap();
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert!(first["customer_id"].is_string());
    let report = json(&analyze_with(&coffee_map(), &out, &["-f", "json"]));
    assert_eq!(report["totals"]["customers"], 40);
}

#[test]
fn generate_usage_errors() {
    let (code, _, stderr) = generate(&[]);
    assert_eq!(code, Some(2), "needs --events or --customers: {stderr}");
    let (code, _, _) = generate(&["--events", "10", "--repeat-rate", "1.5"]);
    assert_eq!(code, Some(2));
    let (code, _, _) = generate(&["--events", "10", "-o", "/nonexistent/dir/x.csv"]);
    assert_eq!(code, Some(2));
    let map = temp_file("bad.json", r#"{"name": "x"}"#);
    let out = journeymap()
        .arg("generate")
        .arg(&map)
        .args(["--events", "10"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn svg_writes_the_canvas_with_the_report() {
    let svg_path = temp_file("overlay.svg", "");
    let run = analyze(
        &fixture("shop.csv"),
        &["-f", "json", "--svg", svg_path.to_str().unwrap()],
    );
    let report = json(&run);
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.starts_with("<?xml"), "{svg}");
    let reached = format!(
        ">{} reached<",
        report["funnel"]["stages"][0]["customers"].as_u64().unwrap()
    );
    assert!(svg.contains(&reached), "{reached}");
    assert!(svg.contains(">Report: "));
    // The same canvas as `render --report` draws from the JSON.
    let report_path = temp_file("report.json", &run.stdout);
    let out = journeymap()
        .arg("render")
        .arg(fixture("shop.json"))
        .args(["-f", "svg", "--report"])
        .arg(&report_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), svg);
    // An unwritable path is an I/O error.
    let run = analyze(&fixture("shop.csv"), &["--svg", "/nonexistent/dir/x.svg"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
}

#[test]
fn option_ranges_are_the_cores_and_name_the_flag() {
    // A zero half-life passes the duration syntax; the core's option check
    // refuses it, and the message says which flag set it.
    let run = analyze(&fixture("shop.csv"), &["--half-life", "0s"]);
    assert_eq!(run.code, Some(2), "stderr: {}", run.stderr);
    assert!(
        run.stderr
            .contains("half_life_ms must be positive (--half-life)"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn the_input_format_is_told_by_the_cores_table_of_extensions() {
    let text = std::fs::read_to_string(fixture("shop.csv")).unwrap();
    let tab = temp_file("events.TAB", &text.replace(',', "\t"));
    assert_eq!(
        json(&analyze(&tab, &["--format", "json"])),
        json(&analyze(&fixture("shop.csv"), &["--format", "json"]))
    );
    let txt = temp_file("events.txt", &text);
    let run = analyze(&txt, &[]);
    assert_eq!(run.code, Some(2), "stderr: {}", run.stderr);
    assert!(
        run.stderr
            .contains("name it .csv, .tsv, .tab, .jsonl or .ndjson"),
        "{}",
        run.stderr
    );
    assert_eq!(
        json(&analyze(
            &txt,
            &["--format", "json", "--input-format", "csv"]
        ))["totals"],
        json(&analyze(&fixture("shop.csv"), &["--format", "json"]))["totals"]
    );
}

#[test]
fn the_text_report_is_the_shared_expected_text() {
    // tests/expected/analytics/shop_default.txt: the same text Python's
    // str(report) and JS report.toText() give (core's Report::to_text).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let want =
        std::fs::read_to_string(root.join("tests/expected/analytics/shop_default.txt")).unwrap();
    let out = journeymap()
        .args(["analyze", "--format", "text"])
        .arg(fixture("shop.json"))
        .arg(fixture("shop.csv"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), want);
}

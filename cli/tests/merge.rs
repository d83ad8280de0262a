//! `journeymap analyze --partial` and `journeymap merge`: the map-reduce
//! of examples/map-reduce/run.sh gives the whole log's report byte for
//! byte, and partials of another map or other options, or bytes that are
//! not a partial, are refused.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

fn journeymap() -> Command {
    Command::cargo_bin("journeymap").expect("binary built")
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "journeymap-cli-merge-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn the_documented_map_reduce_gives_the_whole_logs_report() {
    let binary = assert_cmd::cargo::cargo_bin("journeymap");
    for args in [
        vec!["4", "--window", "30d"],
        vec!["3", "--customers", "--lookback", "14d"],
    ] {
        let out = Process::new("bash")
            .arg(repo("examples/map-reduce/run.sh"))
            .arg(repo("schema/examples/coffee-maker.json"))
            .arg(repo("schema/examples/coffee-maker-events.csv"))
            .args(&args)
            .env("JOURNEYMAP", &binary)
            .output()
            .expect("bash runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{args:?}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains("the merged report equals the whole log's"),
            "{stdout}"
        );
    }
}

#[test]
fn partials_of_other_options_or_maps_and_other_bytes_are_refused() {
    let dir = temp_dir("refused");
    let map = repo("tests/fixtures/events/shop.json");
    let log = repo("tests/fixtures/events/shop.csv");
    let part = |name: &str, extra: &[&str]| -> PathBuf {
        let out = dir.join(name);
        journeymap()
            .arg("analyze")
            .arg(&map)
            .arg(&log)
            .args(extra)
            .arg("--partial")
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        out
    };
    let plain = part("plain.jmp", &[]);
    let windowed = part("windowed.jmp", &["--window", "1d"]);
    let top = part("top.jmp", &["--top", "3"]);
    // Other options: refused, exit 1, naming the file.
    let out = journeymap()
        .arg("merge")
        .arg(&map)
        .arg(&plain)
        .arg(&windowed)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("windowed.jmp: INVALID_VALUE"));
    // Only `top` differs: merged.
    journeymap()
        .arg("merge")
        .arg(&map)
        .arg(&plain)
        .arg(&top)
        .assert()
        .success();
    // Another map.
    let other = dir.join("other.json");
    std::fs::write(
        &other,
        std::fs::read_to_string(&map).unwrap().replacen(
            "\"name\"",
            "\"description\": \"x\", \"name\"",
            1,
        ),
    )
    .unwrap();
    let out = journeymap()
        .arg("merge")
        .arg(&other)
        .arg(&plain)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Not a partial; a newer format.
    let junk = dir.join("junk.jmp");
    std::fs::write(&junk, b"customer_id,timestamp\n").unwrap();
    let out = journeymap()
        .arg("merge")
        .arg(&map)
        .arg(&junk)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a journeymap partial"));
    let mut newer = std::fs::read(&plain).unwrap();
    newer[4] = 9;
    std::fs::write(&junk, newer).unwrap();
    let out = journeymap()
        .arg("merge")
        .arg(&map)
        .arg(&junk)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UNSUPPORTED_FORMAT_VERSION"));
    // A missing file is exit 2; --partial needs -o.
    journeymap()
        .arg("merge")
        .arg(&map)
        .arg(dir.join("none.jmp"))
        .assert()
        .code(2);
    journeymap()
        .arg("analyze")
        .arg(&map)
        .arg(&log)
        .arg("--partial")
        .assert()
        .code(2);
}

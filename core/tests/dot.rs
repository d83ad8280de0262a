//! Graphviz DOT export: exact output, escaping of hostile text (every string
//! stays one well-formed quoted string and reads back as the text), and, when
//! Graphviz is installed, `dot -Tsvg` accepting the output (tests/render/check-dot
//! runs that check with Graphviz installed).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use journeymap::render::dot::{dot, quote};
use journeymap::JourneyMap;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture(rel: &str) -> JourneyMap {
    JourneyMap::from_path(root().join(rel)).unwrap()
}

const SHOP: &str = r#"{"name": "Shop",
  "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}, {"id": "keep", "name": "Keep"}],
  "channels": [{"id": "web", "name": "Website", "kind": "digital"}],
  "touchpoints": [
    {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"},
    {"id": "quit", "name": "Quit", "stage": "buy", "channel": "web", "kind": "exit"}],
  "transitions": [
    {"from": "home", "to": "pay", "expected_rate": 0.125},
    {"from": "home", "to": "quit"},
    {"from": "pay", "to": "home", "loop": true, "label": "again"}]}"#;

#[test]
fn dot_text_is_exact() {
    let map = JourneyMap::from_json(SHOP).unwrap();
    assert_eq!(
        dot(&map),
        r##"digraph "journey" {
  graph [rankdir=LR, label="Shop", labelloc=t, fontname="Helvetica", newrank=true];
  node [shape=box, style="rounded,filled", fillcolor="#f5f7fa", fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize=10];
  subgraph "cluster_0" {
    label="Visit";
    style="rounded";
    color="#9aa5b1";
    "home" [label="Home\nWebsite"];
  }
  subgraph "cluster_1" {
    label="Buy";
    style="rounded";
    color="#9aa5b1";
    "pay" [label="Pay\nWebsite", shape=doubleoctagon, style=filled, fillcolor="#d9f2d9", color="#2e7d32"];
    "quit" [label="Quit\nWebsite", shape=octagon, style=filled, fillcolor="#fbe0e0", color="#c62828"];
  }
  subgraph "cluster_2" {
    label="Keep";
    style="rounded";
    color="#9aa5b1";
    "stage keep (empty)" [label="no touchpoints", shape=note, style=dashed, fontcolor="#7b8794"];
  }
  "home" -> "pay" [style=invis];
  "pay" -> "stage keep (empty)" [style=invis];
  "home" -> "pay" [label="12.5%"];
  "home" -> "quit";
  "pay" -> "home" [label="again", style=dashed, constraint=false];
}
"##
    );
}

#[test]
fn quoting_escapes_every_dot_metacharacter() {
    assert_eq!(quote(""), "\"\"");
    assert_eq!(quote("a\"b"), r#""a\"b""#);
    assert_eq!(quote("back\\slash \\N \\G"), r#""back\\slash \\N \\G""#);
    assert_eq!(quote("l1\nl2\r\nl3\rl4"), r#""l1\nl2\nl3\nl4""#);
    assert_eq!(quote("&lt;b&gt;"), r#""&amp;lt;b&amp;gt;""#);
    assert_eq!(quote("<TABLE>"), r#""<TABLE>""#);
    assert_eq!(quote("tab\tnul\u{0}"), r#""tab nul ""#);
    // A trailing backslash cannot swallow the closing quote.
    assert_eq!(quote("end\\"), r#""end\\""#);
}

/// Splits DOT text into its quoted strings (unescaped as Graphviz reads them)
/// and what is outside them.
fn split_dot(text: &str) -> (Vec<String>, String) {
    let mut strings = Vec::new();
    let mut outside = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            outside.push(c);
            continue;
        }
        let mut s = String::new();
        loop {
            match chars.next() {
                Some('"') => break,
                Some('\\') => match chars.next() {
                    Some('n') => s.push('\n'),
                    Some(other) => s.push(other),
                    None => panic!("unterminated escape"),
                },
                Some(c) => s.push(c),
                None => panic!("unterminated string in {text}"),
            }
        }
        strings.push(s.replace("&amp;", "&"));
        outside.push_str("\"\"");
    }
    (strings, outside)
}

#[test]
fn hostile_text_stays_inside_its_strings() {
    for file in [
        "tests/fixtures/render/hostile.json",
        "tests/fixtures/render/keywords.json",
    ] {
        let map = fixture(file);
        let text = dot(&map);
        let (strings, outside) = split_dot(&text);
        // Outside the strings only DOT syntax and the attributes we write.
        assert!(
            outside
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " \n\"[]{}=,;->_".contains(c)),
            "{file}: user text leaked outside strings:\n{outside}"
        );
        // Every name reads back as written (line breaks normalised, other
        // controls shown as spaces).
        let shown = |s: &str| -> String {
            s.replace("\r\n", "\n")
                .replace('\r', "\n")
                .chars()
                .map(|c| {
                    if c != '\n' && (c.is_control() || c == '\u{2028}' || c == '\u{2029}') {
                        ' '
                    } else {
                        c
                    }
                })
                .collect()
        };
        assert!(strings.contains(&shown(map.name())), "{file}: map name");
        for s in map.stages() {
            assert!(strings.contains(&shown(&s.name)), "{file}: stage {}", s.id);
        }
        for t in map.touchpoints() {
            let channel = &map.channel(t.channel.as_str()).unwrap().name;
            let label = shown(&format!("{}\n{}", t.name, channel));
            assert!(strings.contains(&label), "{file}: touchpoint {}", t.id);
            assert!(strings.contains(&t.id.to_string()));
        }
    }
}

#[test]
fn example_maps_have_one_cluster_per_stage_and_one_edge_per_transition() {
    let dir = root().join("schema/examples");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let map = JourneyMap::from_path(&path).unwrap();
        let text = dot(&map);
        assert_eq!(
            text.matches("subgraph \"cluster_").count(),
            map.stages().len()
        );
        let real_edges = text
            .lines()
            .filter(|l| l.contains(" -> ") && !l.contains("style=invis"))
            .count();
        assert_eq!(real_edges, map.transitions().len(), "{}", path.display());
        let dashed = text.matches("style=dashed, constraint=false").count();
        assert_eq!(
            dashed,
            map.transitions().iter().filter(|t| t.is_loop).count()
        );
        n += 1;
    }
    assert!(n >= 2, "expected the schema examples in {}", dir.display());
}

/// Runs `dot -Tsvg` on the text when Graphviz is installed. The check that
/// always runs it is tests/render/check-dot.
#[test]
fn graphviz_accepts_the_output_when_installed() {
    let Ok(probe) = Command::new("dot").arg("-V").output() else {
        println!("notice: Graphviz `dot` not installed; skipped (tests/render/check-dot runs it)");
        return;
    };
    assert!(probe.status.success());
    for file in [
        "tests/fixtures/render/hostile.json",
        "tests/fixtures/render/keywords.json",
    ] {
        let text = dot(&fixture(file));
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{file}: dot failed: {stderr}");
        assert!(!stderr.contains("Error"), "{file}: {stderr}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
    }
}

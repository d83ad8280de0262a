//! Mermaid export (journey, flowchart) and import (journey): exact output,
//! escaping of hostile text, round trips, and located errors.

use std::path::{Path, PathBuf};

use journeymap::model::{
    Channel, ChannelKind, Emotion, JourneyDocument, Persona, Stage, Touchpoint, TouchpointKind,
    Transition,
};
use journeymap::render::mermaid::{flowchart, journey};
use journeymap::render::mermaid_import::parse_journey;
use journeymap::JourneyMap;
use proptest::prelude::*;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every map the round-trip tests use: the schema examples and the hostile
/// render fixtures.
fn sample_maps() -> Vec<(String, JourneyMap)> {
    let mut out = Vec::new();
    for dir in ["schema/examples", "tests/fixtures/render"] {
        let mut files: Vec<_> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            out.push((f.display().to_string(), JourneyMap::from_path(&f).unwrap()));
        }
    }
    assert!(out.len() >= 3, "sample maps missing: {out:?}");
    out
}

const SHOP: &str = r#"{"name": "Shop",
  "personas": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
  "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}, {"id": "keep", "name": "Keep"}],
  "channels": [{"id": "web", "name": "Website", "kind": "digital"}],
  "teams": [{"id": "shop", "name": "Shop team"}],
  "touchpoints": [
    {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion",
     "emotion": {"score": -2}, "personas": ["bob"], "owner": "shop"},
    {"id": "home", "name": "Home", "stage": "visit", "channel": "web", "emotion": {"score": 1}},
    {"id": "quit", "name": "Quit", "stage": "buy", "channel": "web", "kind": "exit"}],
  "transitions": [
    {"from": "home", "to": "pay", "expected_rate": 0.25},
    {"from": "home", "to": "quit"},
    {"from": "pay", "to": "home", "loop": true, "label": "again"}]}"#;

#[test]
fn journey_text_is_exact() {
    let map = JourneyMap::from_json(SHOP).unwrap();
    assert_eq!(
        journey(&map),
        "journey
  title Shop
  section Visit
    Home: 4: Ann, Bob
  section Buy
    Pay: 1: Bob
    Quit: 3: Ann, Bob
  section Keep
"
    );
}

#[test]
fn journey_without_personas_has_no_actors() {
    let map = JourneyMap::from_json(
        r#"{"name": "x", "stages": [{"id": "s", "name": "S"}],
        "channels": [{"id": "w", "name": "W", "kind": "digital"}],
        "touchpoints": [{"id": "t", "name": "T", "stage": "s", "channel": "w"}]}"#,
    )
    .unwrap();
    assert_eq!(journey(&map), "journey\n  title x\n  section S\n    T: 3\n");
}

#[test]
fn flowchart_text_is_exact() {
    let map = JourneyMap::from_json(SHOP).unwrap();
    assert_eq!(
        flowchart(&map),
        r#"---
title: "Shop"
---
flowchart LR
  subgraph st0["Visit"]
    tp1["Home<br>Website"]
  end
  subgraph st1["Buy"]
    tp0(["Pay<br>Website"])
    tp2{{"Quit<br>Website"}}
  end
  subgraph st2["Keep"]
  end
  tp1 -->|"25#37;"| tp0
  tp1 --> tp2
  tp0 -.->|"again"| tp1
  classDef conversion fill:#d9f2d9,stroke:#2e7d32,stroke-width:2px
  classDef exit fill:#fbe0e0,stroke:#c62828,stroke-width:2px
  class tp0 conversion
  class tp2 exit
"#
    );
}

/// Texts that try to break out of a journey line.
const HOSTILE: [&str; 14] = [
    "a: b",
    "semi; colon",
    "# not a comment",
    "%% not a comment",
    "line\nbreak\r\nagain",
    "Section two",
    "title: fake",
    "journey",
    "accTitle: x",
    "  padded  ",
    "<script>alert(1)</script> &lt;",
    "#35; literal code",
    "comma, separated",
    "ﬂ°°35¶ß",
];

fn hostile_map() -> JourneyMap {
    let mut doc = JourneyDocument::new("title #1: \"x\"; %%");
    doc.channels
        .push(Channel::new("w", "W", ChannelKind::Digital));
    for (i, text) in HOSTILE.iter().enumerate() {
        doc.personas.push(Persona::new(format!("p{i}"), *text));
        doc.stages.push(Stage::new(format!("s{i}"), *text));
        let mut tp = Touchpoint::new(format!("t{i}"), *text, format!("s{i}"), "w");
        tp.emotion = Some(Emotion {
            score: (i as i64 % 5) - 2,
            label: None,
        });
        if i % 2 == 0 {
            tp.personas.push(format!("p{i}").into());
        }
        doc.touchpoints.push(tp);
    }
    JourneyMap::from_document(doc).unwrap()
}

/// `text` without its entity codes `#\w+;`.
fn strip_codes(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let n = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if n > 0 && after[n..].starts_with(';') {
            rest = &after[n + 1..];
        } else {
            out.push('#');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn hostile_text_stays_on_its_line() {
    let map = hostile_map();
    let text = journey(&map);
    let lines: Vec<&str> = text.lines().collect();
    // journey + title + one section and one task per hostile text.
    assert_eq!(lines.len(), 2 + 2 * HOSTILE.len(), "{text}");
    for line in &lines[2..] {
        let body = line.trim_start();
        // Outside entity codes, no `#` or `;` is left.
        let bare = strip_codes(body);
        assert!(!bare.contains(['#', ';']), "{line}");
        if let Some(section) = bare.strip_prefix("section ") {
            assert!(!section.contains(':'), "{line}");
        } else {
            // name: score[: actors] — one or two raw colons.
            let colons = bare.matches(':').count();
            assert!(colons == 1 || colons == 2, "{line}");
        }
        for bad in ["%%", "<", ">", "&"] {
            assert!(!line.contains(bad), "{bad} in {line}");
        }
    }
    assert!(text.contains("  section #83;ection two\n"));
    assert!(text.contains("    #106;ourney: "));
    assert!(text.contains("#32;#32;padded#32;#32;"));
    assert!(text.contains("comma#44; separated"), "actors escape commas");
}

#[test]
fn hostile_text_round_trips_exactly() {
    let map = hostile_map();
    let back = parse_journey(&journey(&map)).unwrap();
    assert_eq!(back.name(), map.name());
    let names = |m: &JourneyMap| -> Vec<String> {
        m.touchpoints().iter().map(|t| t.name.clone()).collect()
    };
    assert_eq!(names(&back), names(&map));
    let stages =
        |m: &JourneyMap| -> Vec<String> { m.stages().iter().map(|s| s.name.clone()).collect() };
    assert_eq!(stages(&back), stages(&map));
    let personas: Vec<_> = back.personas().iter().map(|p| p.name.as_str()).collect();
    assert_eq!(personas.len(), HOSTILE.len());
    for text in HOSTILE {
        assert!(personas.contains(&text), "{text:?} lost: {personas:?}");
    }
}

#[test]
fn control_characters_are_shown_as_replacement() {
    let mut doc = JourneyDocument::new("nul\u{0}bell\u{7}nel\u{85}tab\t");
    doc.stages.push(Stage::new("s", "S"));
    let map = JourneyMap::from_document(doc).unwrap();
    let text = journey(&map);
    assert!(
        text.contains("title nul#65533;bell#65533;nel#65533;tab#9;\n"),
        "{text}"
    );
    let back = parse_journey(&text).unwrap();
    assert_eq!(back.name(), "nul\u{fffd}bell\u{fffd}nel\u{fffd}tab\t");
}

/// What a round trip through the journey diagram keeps.
/// A task as the journey diagram carries it: name, emotion score, actors.
type TaskOutline = (String, i64, Vec<String>);

fn outline(map: &JourneyMap) -> Vec<(String, Vec<TaskOutline>)> {
    map.stages()
        .iter()
        .map(|s| {
            let tps = map
                .touchpoints()
                .iter()
                .filter(|t| t.stage == s.id)
                .map(|t| {
                    let mut actors: Vec<String> = if t.personas.is_empty() {
                        map.personas().iter().map(|p| p.name.clone()).collect()
                    } else {
                        t.personas
                            .iter()
                            .map(|id| map.persona(id.as_str()).unwrap().name.clone())
                            .collect()
                    };
                    actors.sort();
                    (
                        t.name.replace(
                            |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r'),
                            "\u{fffd}",
                        ),
                        t.emotion.as_ref().map_or(0, |e| e.score),
                        actors,
                    )
                })
                .collect();
            (s.name.clone(), tps)
        })
        .collect()
}

#[test]
fn sample_maps_round_trip() {
    for (file, map) in sample_maps() {
        let text = journey(&map);
        let back = parse_journey(&text).unwrap_or_else(|e| panic!("{file}: {e}\n{text}"));
        assert_eq!(outline(&back), outline(&map), "{file}");
        assert_eq!(back.touchpoints().len(), map.touchpoints().len(), "{file}");
        // Reading back is a fixed point after one round.
        let again = parse_journey(&journey(&back)).unwrap();
        assert_eq!(journey(&again), journey(&back), "{file}");
        // Tasks are chained in order.
        assert_eq!(
            back.transitions().len(),
            back.touchpoints().len().saturating_sub(1)
        );
    }
}

#[test]
fn import_builds_stages_touchpoints_personas_and_transitions() {
    let map = parse_journey(
        "%% a comment
journey
  title My working day   # trailing comment
  accDescr: How a day goes
  section Go to work
    Make tea: 5: Me
    Go upstairs: 3: Me
    Do work: 1: Me, Cat
  section Go home
    Go downstairs: 5: Me
    Sit down: 5
  section Go to work
",
    )
    .unwrap();
    assert_eq!(map.name(), "My working day");
    assert_eq!(
        map.document().description.as_deref(),
        Some("How a day goes")
    );
    let stages: Vec<_> = map
        .stages()
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    assert_eq!(
        stages,
        [
            ("go-to-work", "Go to work"),
            ("go-home", "Go home"),
            ("go-to-work-2", "Go to work")
        ]
    );
    let personas: Vec<_> = map
        .personas()
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(personas, [("me", "Me"), ("cat", "Cat")]);
    let tps: Vec<_> = map
        .touchpoints()
        .iter()
        .map(|t| {
            (
                t.id.as_str(),
                t.stage.as_str(),
                t.emotion.as_ref().unwrap().score,
                t.personas.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(
        tps,
        [
            ("make-tea", "go-to-work", 2, vec!["me"]),
            ("go-upstairs", "go-to-work", 0, vec!["me"]),
            ("do-work", "go-to-work", -2, vec![]),
            ("go-downstairs", "go-home", 2, vec!["me"]),
            ("sit-down", "go-home", 2, vec![]),
        ]
    );
    assert!(map.touchpoints().iter().all(|t| t.channel == "imported"));
    assert_eq!(map.channels().len(), 1);
    let chain: Vec<_> = map
        .transitions()
        .iter()
        .map(|t| format!("{}>{}", t.from, t.to))
        .collect();
    assert_eq!(
        chain,
        [
            "make-tea>go-upstairs",
            "go-upstairs>do-work",
            "do-work>go-downstairs",
            "go-downstairs>sit-down"
        ]
    );
}

#[test]
fn import_reads_front_matter_and_accessible_title() {
    let map = parse_journey("---\ntitle: \"Front \\\"matter\\\"\"\nconfig:\n  theme: dark\n---\njourney\n  accTitle: Other\n  section S\n").unwrap();
    assert_eq!(map.name(), "Front \"matter\"");
    assert_eq!(
        map.metadata().extra.get("accessible_title"),
        Some(&serde_json::json!("Other"))
    );
    let untitled = parse_journey("journey\nsection S\n").unwrap();
    assert_eq!(untitled.name(), "Untitled journey");
    assert!(untitled.channels().is_empty(), "no task, no channel");
}

#[test]
fn import_accepts_multiline_accessible_description_and_crlf() {
    let map = parse_journey(
        "journey\r\n  title T\r\n  accDescr {\r\n  first\r\n  second }\r\n  section S\r\n    A: 2: X\r\n",
    )
    .unwrap();
    assert_eq!(
        map.document().description.as_deref(),
        Some("first\n  second")
    );
    assert_eq!(map.touchpoints()[0].emotion.as_ref().unwrap().score, -1);
}

fn err(text: &str) -> (String, usize, usize, String) {
    let e = parse_journey(text).unwrap_err();
    let (line, column) = e.line_column().unwrap_or((0, 0));
    (e.code().to_owned(), line, column, e.to_string())
}

#[test]
fn malformed_input_gives_located_errors() {
    let cases: [(&str, usize, usize, &str); 14] = [
        ("", 1, 1, "empty input"),
        ("\n\n   \n%% only a comment\n", 1, 1, "empty input"),
        ("flowchart LR\n  a --> b\n", 1, 1, "not a Mermaid journey"),
        ("  sequenceDiagram\n", 1, 3, "found `sequenceDiagram`"),
        (
            "journey\n  title T\n  Make tea: 5: Me\n",
            3,
            3,
            "after a `section`",
        ),
        ("journey\nsection S\n  Make tea 5\n", 3, 13, "missing `:`"),
        (
            "journey\nsection S\n  Make tea: 6: Me\n",
            3,
            13,
            "\"6\" is not a whole number from 1 to 5",
        ),
        ("journey\nsection S\n  Make tea: 0\n", 3, 13, "\"0\""),
        (
            "journey\nsection S\n  Make tea:   4.5 : Me\n",
            3,
            15,
            "\"4.5\"",
        ),
        ("journey\nsection S\n  Make tea:: Me\n", 3, 12, "\"\""),
        (
            "journey\nsection S\n  Tea: 3: Me: extra\n",
            3,
            13,
            "too many `:`",
        ),
        (
            "journey\nsection S\n  Tea; more: 3\n",
            3,
            6,
            "`;` is not allowed",
        ),
        ("journey\nsection S: two\n", 2, 10, "cannot contain `:`"),
        ("---\ntitle: x\njourney\n", 1, 1, "never closed"),
    ];
    for (text, line, column, message) in cases {
        let (code, l, c, m) = err(text);
        assert_eq!(code, "MERMAID_SYNTAX", "{text:?}");
        assert_eq!((l, c), (line, column), "{text:?}: {m}");
        assert!(m.contains(message), "{text:?}: {m}");
    }
    let (_, l, _, m) = err("journey\n  accDescr {\n  never closed\n");
    assert_eq!(l, 2);
    assert!(m.contains("never closed"), "{m}");
}

#[test]
fn errors_serialise_with_line_and_column() {
    let e = parse_journey("journey\nTask: 3\n").unwrap_err();
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["code"], "MERMAID_SYNTAX");
    assert_eq!(v["line"], 2);
    assert_eq!(v["column"], 1);
    assert!(v.get("path").is_none());
}

#[test]
fn imported_ids_are_valid_and_unique() {
    let map = parse_journey(
        "journey\nsection ???\n  日本: 3: 日本, !!!\n  日本: 3\n  -x-: 3: Me\n  -X-: 3: me\n",
    )
    .unwrap();
    let ids: Vec<_> = map.touchpoints().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["touchpoint-1", "touchpoint-2", "x", "x-2"]);
    assert_eq!(map.stages()[0].id, "stage-1");
    let personas: Vec<_> = map.personas().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(personas, ["persona-1", "persona-2", "me", "me-2"]);
}

#[test]
fn oversized_input_is_refused() {
    let text = format!("journey\n%%{}\n", " ".repeat(65 << 20));
    assert_eq!(parse_journey(&text).unwrap_err().code(), "LIMIT_EXCEEDED");
}

fn arb_text() -> impl Strategy<Value = String> {
    // Any printable text with at least one visible character; control
    // characters other than tab and line breaks are excluded (they are shown
    // as U+FFFD on purpose).
    "[ \\t\\n\\r#;:%,&<>\"'`|{}\\[\\]()a-zA-Z0-9\u{e9}\u{fb02}\u{b0}\u{b6}\u{df}\u{2028}\u{feff}\u{1F600}]{0,12}[a-z#:;%]"
        .prop_map(|s| s)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn any_names_round_trip(
        title in arb_text(),
        stages in prop::collection::vec(arb_text(), 1..4),
        tasks in prop::collection::vec((arb_text(), -2i64..=2, 0usize..4, prop::option::of(arb_text())), 0..8),
    ) {
        let mut doc = JourneyDocument::new(title);
        doc.channels.push(Channel::new("w", "W", ChannelKind::Digital));
        for (i, s) in stages.iter().enumerate() {
            doc.stages.push(Stage::new(format!("s{i}"), s.clone()));
        }
        for (i, (name, score, stage, persona)) in tasks.iter().enumerate() {
            let mut tp = Touchpoint::new(format!("t{i}"), name.clone(), format!("s{}", stage % stages.len()), "w");
            tp.emotion = Some(Emotion { score: *score, label: None });
            if let Some(p) = persona {
                doc.personas.push(Persona::new(format!("p{i}"), p.clone()));
                tp.personas.push(format!("p{i}").into());
            }
            tp.kind = if i % 3 == 0 { TouchpointKind::Conversion } else { TouchpointKind::Step };
            doc.touchpoints.push(tp);
        }
        for w in (0..tasks.len()).collect::<Vec<_>>().windows(2) {
            doc.transitions.push(Transition::new(format!("t{}", w[0]), format!("t{}", w[1])));
        }
        let map = JourneyMap::from_document(doc).unwrap();
        let text = journey(&map);
        let back = parse_journey(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back.name(), map.name());
        prop_assert_eq!(outline(&back).len(), outline(&map).len());
        for ((s1, t1), (s2, t2)) in outline(&back).iter().zip(outline(&map).iter()) {
            prop_assert_eq!(s1, s2);
            prop_assert_eq!(t1.len(), t2.len());
            for (a, b) in t1.iter().zip(t2.iter()) {
                prop_assert_eq!(&a.0, &b.0);
                prop_assert_eq!(a.1, b.1);
            }
        }
        // Every line of both diagrams is one statement.
        prop_assert_eq!(text.lines().count(), 2 + stages.len() + tasks.len());
        let flow = flowchart(&map);
        // Each label is one double-quoted string: user quotes are entity codes.
        for line in flow.lines().skip(4) {
            let quotes = line.matches('"').count();
            prop_assert!(quotes == 0 || quotes == 2, "{}", line);
        }
        prop_assert_eq!(
            flow.lines().filter(|l| l.trim_start().starts_with("tp") && !l.contains("-->")).count(),
            tasks.len()
        );
    }
}

//! `journeymap::diff`: semantics, ordering, Display, and the shared vectors
//! tests/fixtures/diff/<case>/{old,new}.json against tests/expected/diff.json.
//!
//! Regenerate the expected file after a deliberate change, then review it:
//! `JOURNEYMAP_BLESS=1 cargo test -p journeymap --test diff`.

use std::path::{Path, PathBuf};

use journeymap::diff::{diff, diff_schema, MapDiff};
use journeymap::model::{Emotion, Persona, Stage, Touchpoint, Transition};
use journeymap::{EntityKind, JourneyMap};
use serde_json::{json, Value};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn shop() -> JourneyMap {
    JourneyMap::from_json(
        r#"{"name": "Shop",
        "personas": [{"id": "p", "name": "P"}],
        "stages": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
        "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
        "teams": [{"id": "t", "name": "T"}],
        "touchpoints": [
          {"id": "x", "name": "X", "stage": "a", "channel": "web",
           "pain_points": [{"id": "pp1", "description": "slow"}]},
          {"id": "y", "name": "Y", "stage": "b", "channel": "web", "emotion": {"score": -1}},
          {"id": "z", "name": "Z", "stage": "c", "channel": "web"}],
        "transitions": [{"from": "x", "to": "y"}, {"from": "y", "to": "z", "expected_rate": 0.5}]}"#,
    )
    .unwrap()
}

#[test]
fn identical_maps_have_no_differences() {
    let d = diff(&shop(), &shop());
    assert!(d.is_empty());
    assert_eq!(d, MapDiff::default());
    assert_eq!(d.to_string(), "no differences\n");
}

#[test]
fn added_and_removed_entities_carry_their_values() {
    let old = shop();
    let mut new = old.clone();
    new.add_persona(Persona::new("q", "Q")).unwrap();
    new.remove_team("t").unwrap();
    let d = diff(&old, &new);
    assert_eq!(d.added.len(), 1);
    assert_eq!(d.added[0].kind, EntityKind::Persona);
    assert_eq!(d.added[0].id, "q");
    assert_eq!(d.added[0].value, json!({"id": "q", "name": "Q"}));
    assert_eq!(d.removed.len(), 1);
    assert_eq!(d.removed[0].kind, EntityKind::Team);
    assert_eq!(d.removed[0].value["name"], "T");
    assert!(d.changed.is_empty() && d.moved.is_empty() && d.stage_order.is_none());
    assert_eq!(d.to_string(), "added persona \"q\"\nremoved team \"t\"\n");
}

#[test]
fn field_changes_are_json_pointers_with_absent_sides() {
    let old = shop();
    let mut new = old.clone();
    let mut y = new.touchpoint("y").unwrap().clone();
    y.emotion = Some(Emotion::new(2, "happy"));
    y.description = Some("new".into());
    new.update_touchpoint(y).unwrap();
    let d = diff(&old, &new);
    assert_eq!(d.changed.len(), 1);
    let c = &d.changed[0];
    assert_eq!((c.kind, c.id.as_str()), (EntityKind::Touchpoint, "y"));
    let paths: Vec<_> = c.changes.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["/description", "/emotion/label", "/emotion/score"]);
    assert_eq!(c.changes[0].old, None);
    assert_eq!(c.changes[0].new, Some(json!("new")));
    assert_eq!(c.changes[2].old, Some(json!(-1)));
    assert_eq!(c.changes[2].new, Some(json!(2)));
    // Absent sides are left out of the JSON, not written as null.
    let v = serde_json::to_value(&d).unwrap();
    assert!(v["changed"][0]["changes"][0].get("old").is_none());
    assert_eq!(
        d.to_string(),
        "changed touchpoint \"y\":\n  /description: (absent) -> \"new\"\n  /emotion/label: (absent) -> \"happy\"\n  /emotion/score: -1 -> 2\n"
    );
}

#[test]
fn moved_touchpoint_is_reported_once() {
    let old = shop();
    let mut new = old.clone();
    let mut x = new.touchpoint("x").unwrap().clone();
    x.stage = "c".into();
    new.update_touchpoint(x).unwrap();
    let d = diff(&old, &new);
    assert_eq!(d.moved.len(), 1);
    assert_eq!(
        (d.moved[0].from_stage.as_str(), d.moved[0].to_stage.as_str()),
        ("a", "c")
    );
    assert!(d.changed.is_empty(), "{d}");
}

#[test]
fn stage_reordering_ignores_additions() {
    let old = shop();
    let mut inserted = old.clone();
    inserted.insert_stage(1, Stage::new("n", "N")).unwrap();
    let d = diff(&old, &inserted);
    assert!(d.stage_order.is_none());
    assert_eq!(d.added[0].id, "n");

    let mut reordered = old.clone();
    reordered.reorder_stages(&["b", "a", "c"]).unwrap();
    let d = diff(&old, &reordered);
    let order = d.stage_order.as_ref().unwrap();
    assert_eq!(order.old, ["a", "b", "c"]);
    assert_eq!(order.new, ["b", "a", "c"]);
    assert_eq!(d.to_string(), "stage order: a, b, c -> b, a, c\n");
}

#[test]
fn transitions_are_keyed_by_their_ends() {
    let old = shop();
    let mut new = old.clone();
    new.remove_transition("x", "y").unwrap();
    new.add_transition(Transition::new("z", "x").as_loop())
        .unwrap();
    let mut t = new.transition("y", "z").unwrap().clone();
    t.expected_rate = Some(0.75);
    new.update_transition(t).unwrap();
    let d = diff(&old, &new);
    assert_eq!(d.added[0].id, "z->x");
    assert_eq!(d.added[0].value["loop"], true);
    assert_eq!(d.removed[0].id, "x->y");
    assert_eq!(d.changed[0].id, "y->z");
    assert_eq!(d.changed[0].changes[0].path, "/expected_rate");
}

#[test]
fn pain_points_are_entities_of_their_own() {
    let old = shop();
    let mut new = old.clone();
    let mut x = new.touchpoint("x").unwrap().clone();
    let pp = x.pain_points.pop().unwrap();
    new.update_touchpoint(x).unwrap();
    let mut z = new.touchpoint("z").unwrap().clone();
    z.pain_points.push(pp);
    new.update_touchpoint(z).unwrap();
    let d = diff(&old, &new);
    // The touchpoints themselves are unchanged: their pain points are not
    // part of their value.
    assert_eq!(d.changed.len(), 1, "{d}");
    assert_eq!(d.changed[0].kind, EntityKind::PainPoint);
    assert_eq!(d.changed[0].changes[0].path, "/touchpoint");
    assert_eq!(d.changed[0].changes[0].old, Some(json!("x")));
    assert_eq!(d.changed[0].changes[0].new, Some(json!("z")));
}

#[test]
fn removed_touchpoint_takes_its_transitions_and_pain_points() {
    let old = shop();
    let mut new = old.clone();
    new.remove_touchpoint("x").unwrap();
    let d = diff(&old, &new);
    let removed: Vec<_> = d
        .removed
        .iter()
        .map(|e| (e.kind.as_str(), e.id.as_str()))
        .collect();
    assert_eq!(
        removed,
        [
            ("touchpoint", "x"),
            ("pain_point", "pp1"),
            ("transition", "x->y")
        ]
    );
    assert!(d.removed[0].value.get("pain_points").is_none());
    assert_eq!(d.removed[1].value["touchpoint"], "x");
}

#[test]
fn map_fields_and_metadata() {
    let old = shop();
    let mut new = old.clone();
    new.set_name("Shop 2").unwrap();
    let mut m = new.metadata().clone();
    m.tags.push("x".into());
    m.extra.insert("a/b~c".into(), json!(null));
    new.set_metadata(m).unwrap();
    let d = diff(&old, &new);
    let paths: Vec<_> = d.map.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["/metadata", "/name"]);
    // Metadata was absent (empty) in the old map, so it changes as a whole.
    let mut newer = new.clone();
    let mut m = newer.metadata().clone();
    m.extra.insert("k".into(), json!(1));
    newer.set_metadata(m).unwrap();
    let d = diff(&new, &newer);
    assert_eq!(d.map.len(), 1);
    assert_eq!(d.map[0].path, "/metadata/extra/k");
    // Pointer tokens escape `~` and `/`.
    let mut m = newer.metadata().clone();
    m.extra.insert("a/b~c".into(), json!(false));
    let mut newest = newer.clone();
    newest.set_metadata(m).unwrap();
    assert_eq!(diff(&newer, &newest).map[0].path, "/metadata/extra/a~1b~0c");
}

#[test]
fn diff_is_deterministic_and_order_follows_kinds() {
    let old = shop();
    let mut new = old.clone();
    new.add_touchpoint(Touchpoint::new("w", "W", "a", "web"))
        .unwrap();
    new.add_persona(Persona::new("q", "Q")).unwrap();
    new.add_stage(Stage::new("d", "D")).unwrap();
    let d = diff(&old, &new);
    let kinds: Vec<_> = d.added.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["persona", "stage", "touchpoint"]);
    assert_eq!(
        serde_json::to_string(&d).unwrap(),
        serde_json::to_string(&diff(&old, &new)).unwrap()
    );
}

#[test]
fn schema_describes_the_json() {
    let schema = diff_schema();
    for key in ["map", "added", "removed", "changed", "moved", "stage_order"] {
        assert!(
            schema["properties"].get(key).is_some(),
            "{key} missing from {schema}"
        );
    }
    let kinds = &schema["$defs"]["EntityValue"]["properties"]["kind"]["enum"];
    assert!(kinds.as_array().unwrap().contains(&json!("pain_point")));
}

/// The shared vectors: every case directory, its diff as JSON.
fn computed() -> Value {
    let dir = root().join("tests/fixtures/diff");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    let mut out = serde_json::Map::new();
    for case in cases {
        let old = JourneyMap::from_path(case.join("old.json")).unwrap();
        let new = JourneyMap::from_path(case.join("new.json")).unwrap();
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        out.insert(name, serde_json::to_value(diff(&old, &new)).unwrap());
    }
    Value::Object(out)
}

#[test]
fn shared_vectors_match_expected() {
    let path = root().join("tests/expected/diff.json");
    let got = computed();
    if std::env::var_os("JOURNEYMAP_BLESS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
        return;
    }
    let text = std::fs::read_to_string(&path).expect("tests/expected/diff.json");
    let want: Value = serde_json::from_str(&text).unwrap();
    let (got, want) = (got.as_object().unwrap(), want.as_object().unwrap());
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "fixture cases and expected cases differ"
    );
    for (case, value) in got {
        assert_eq!(value, &want[case], "case {case}");
    }
    // The layout-only case really is empty, and every other case is not.
    for (case, value) in got {
        let empty = value == &serde_json::to_value(MapDiff::default()).unwrap();
        let should = case == "identical" || case == "same-content-other-layout";
        assert_eq!(empty, should, "case {case}");
    }
}

//! Every lint rule: where it fires and where it must not, on small maps built
//! from the clean fixture tests/fixtures/lint/clean-minimal.json.

use journeymap::lint::{Diagnostic, LintConfig, RULES};
use journeymap::model::LintSeverity;
use journeymap::{Date, EntityKind, JourneyMap};
use serde_json::{json, Value};

fn base() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/lint/clean-minimal.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json")
}

fn today() -> LintConfig {
    LintConfig::new().with_today(Date::parse("2026-11-23").unwrap())
}

fn build(v: &Value) -> JourneyMap {
    JourneyMap::from_json(&v.to_string()).unwrap_or_else(|e| panic!("invalid test map: {e}"))
}

fn lint_with(v: &Value, config: &LintConfig) -> Vec<Diagnostic> {
    build(v).lint(config)
}

fn lint(v: &Value) -> Vec<Diagnostic> {
    lint_with(v, &today())
}

/// The diagnostics of one rule.
fn of(v: &Value, code: &str) -> Vec<Diagnostic> {
    lint(v).into_iter().filter(|d| d.code == code).collect()
}

fn paths(diags: &[Diagnostic]) -> Vec<&str> {
    diags.iter().map(|d| d.location.path.as_str()).collect()
}

/// A touchpoint that breaks no rule by itself.
fn tp(id: &str, stage: &str, channel: &str) -> Value {
    json!({"id": id, "name": format!("Step {id}"), "stage": stage, "channel": channel,
           "owner": "marketing", "emotion": {"score": 0},
           "evidence": [{"source": "interviews"}]})
}

fn touchpoints(v: &mut Value) -> &mut Vec<Value> {
    v["touchpoints"].as_array_mut().unwrap()
}

fn transitions(v: &mut Value) -> &mut Vec<Value> {
    v["transitions"].as_array_mut().unwrap()
}

fn tp_mut<'a>(v: &'a mut Value, id: &str) -> &'a mut Value {
    touchpoints(v).iter_mut().find(|t| t["id"] == id).unwrap()
}

#[test]
fn the_base_map_is_clean() {
    assert_eq!(lint(&base()), vec![]);
}

// JM-L000 unknown-lint-rule

#[test]
fn l000_unknown_codes_in_the_map_and_in_the_config_are_reported() {
    let mut v = base();
    v["metadata"]["lint"] =
        json!({"disable": ["JM-L01", "dead-end"], "severity": {"x/y": "error"}});
    let d = lint_with(&v, &today().disabling("JM-L404"));
    let l0: Vec<_> = d.iter().filter(|d| d.code == "JM-L000").collect();
    assert_eq!(
        l0.iter()
            .map(|d| d.location.path.as_str())
            .collect::<Vec<_>>(),
        [
            "",
            "/metadata/lint/disable/0",
            "/metadata/lint/severity/x~1y"
        ]
    );
    assert!(l0[0]
        .message
        .starts_with("The lint configuration names the lint rule \"JM-L404\""));
    assert!(l0[1].message.starts_with("The map's lint settings name"));
    assert!(l0
        .iter()
        .all(|d| d.severity == LintSeverity::Warning && d.rule == "unknown-lint-rule"));
}

#[test]
fn l000_known_codes_and_names_in_any_case_are_accepted() {
    let mut v = base();
    v["metadata"]["lint"] =
        json!({"disable": ["jm-l003", "Dead-End"], "severity": {"TONE-CHANGE": "info"}});
    assert_eq!(lint_with(&v, &today().disabling(" JM-L004 ")), vec![]);
    assert!(today()
        .disabling("JM-L004")
        .disabling("dead-end")
        .check()
        .is_ok());
}

// JM-L001 stage-without-touchpoints

#[test]
fn l001_fires_for_an_empty_stage_only() {
    let mut v = base();
    v["stages"]
        .as_array_mut()
        .unwrap()
        .insert(1, json!({"id": "wait", "name": "Wait"}));
    let d = of(&v, "JM-L001");
    assert_eq!(paths(&d), ["/stages/1"]);
    assert_eq!(d[0].location.kind, EntityKind::Stage);
    assert_eq!(d[0].location.id.as_deref(), Some("wait"));
    assert!(d[0]
        .message
        .contains("Stage \"Wait\" (wait) has no touchpoints"));
    touchpoints(&mut v).push(tp("waiting", "wait", "shop"));
    assert!(of(&v, "JM-L001").is_empty());
}

// JM-L002 unreachable-touchpoint

#[test]
fn l002_fires_for_a_cycle_with_no_way_in() {
    let mut v = base();
    touchpoints(&mut v).push(tp("a", "choose", "shop"));
    touchpoints(&mut v).push(tp("b", "choose", "shop"));
    transitions(&mut v).push(json!({"from": "a", "to": "b"}));
    transitions(&mut v).push(json!({"from": "b", "to": "a"}));
    transitions(&mut v).push(json!({"from": "b", "to": "till"}));
    let d = of(&v, "JM-L002");
    assert_eq!(paths(&d), ["/touchpoints/4", "/touchpoints/5"]);
    assert_eq!(d[0].severity, LintSeverity::Error);
    assert!(d[0].message.contains("\"Step a\" (a)"));
}

#[test]
fn l002_does_not_fire_once_the_return_is_a_loop_or_for_isolated_steps() {
    let mut v = base();
    touchpoints(&mut v).push(tp("a", "choose", "shop"));
    touchpoints(&mut v).push(tp("b", "choose", "shop"));
    transitions(&mut v).push(json!({"from": "a", "to": "b"}));
    transitions(&mut v).push(json!({"from": "b", "to": "a", "loop": true}));
    assert!(of(&v, "JM-L002").is_empty());
    let mut v = base();
    touchpoints(&mut v).push(tp("alone", "choose", "shop"));
    assert!(of(&v, "JM-L002").is_empty());
}

#[test]
fn l002_a_loop_into_an_otherwise_unreachable_step_does_not_make_it_reachable_twice() {
    // a -> b only through a loop from brew-help: a is an entry (loops do not
    // count as ways in), b is reached from a.
    let mut v = base();
    touchpoints(&mut v).push(tp("a", "discover", "shop"));
    touchpoints(&mut v).push(tp("b", "choose", "shop"));
    transitions(&mut v).push(json!({"from": "brew-help", "to": "a", "loop": true}));
    transitions(&mut v).push(json!({"from": "a", "to": "b"}));
    transitions(&mut v).push(json!({"from": "b", "to": "till"}));
    assert!(of(&v, "JM-L002").is_empty());
}

// JM-L003 dead-end

#[test]
fn l003_fires_for_a_step_with_no_way_to_a_conversion() {
    let mut v = base();
    touchpoints(&mut v).push(tp("flyer", "choose", "shop"));
    transitions(&mut v).push(json!({"from": "ad", "to": "flyer"}));
    let d = of(&v, "JM-L003");
    assert_eq!(paths(&d), ["/touchpoints/4"]);
    assert!(
        d[0].message.contains("it has no next step"),
        "{}",
        d[0].message
    );
}

#[test]
fn l003_fires_for_a_step_that_only_leads_to_an_exit_but_not_for_the_exit() {
    let mut v = base();
    touchpoints(&mut v).push(tp("sold-out", "choose", "shop"));
    let mut exit = tp("leave", "choose", "shop");
    exit["kind"] = json!("exit");
    touchpoints(&mut v).push(exit);
    transitions(&mut v).push(json!({"from": "ad", "to": "sold-out"}));
    transitions(&mut v).push(json!({"from": "sold-out", "to": "leave"}));
    let d = of(&v, "JM-L003");
    assert_eq!(paths(&d), ["/touchpoints/4"]);
    assert!(d[0]
        .message
        .contains("none of the steps after it leads to a conversion"));
}

#[test]
fn l003_steps_after_a_conversion_may_end_the_journey() {
    let mut v = base();
    touchpoints(&mut v).push(tp("review", "enjoy", "shop"));
    transitions(&mut v).push(json!({"from": "brew-help", "to": "review"}));
    assert!(of(&v, "JM-L003").is_empty());
    // ... but a loop back from there does not make earlier steps "after" it.
    touchpoints(&mut v).push(tp("flyer", "choose", "shop"));
    transitions(&mut v).push(json!({"from": "ad", "to": "flyer"}));
    transitions(&mut v).push(json!({"from": "review", "to": "ad", "loop": true}));
    assert_eq!(paths(&of(&v, "JM-L003")), ["/touchpoints/5"]);
}

#[test]
fn l003_needs_conversions_and_counts_objective_conversions() {
    let mut v = base();
    tp_mut(&mut v, "till")["kind"] = json!("step");
    v["objectives"][0]
        .as_object_mut()
        .unwrap()
        .remove("conversion");
    touchpoints(&mut v).push(tp("flyer", "choose", "shop"));
    transitions(&mut v).push(json!({"from": "ad", "to": "flyer"}));
    assert!(of(&v, "JM-L003").is_empty(), "no conversion in the map");
    v["objectives"][0]["conversion"] = json!({"stage": "buy"});
    assert_eq!(paths(&of(&v, "JM-L003")), ["/touchpoints/4"]);
}

// JM-L004 competing-paths

fn with_alternative(v: &mut Value) {
    touchpoints(v).push(tp("video", "choose", "instagram"));
    transitions(v).push(json!({"from": "ad", "to": "video"}));
    transitions(v).push(json!({"from": "video", "to": "till"}));
}

#[test]
fn l004_fires_for_two_routes_through_one_stage() {
    let mut v = base();
    with_alternative(&mut v);
    let d = of(&v, "JM-L004");
    assert_eq!(paths(&d), ["/touchpoints/4"]);
    let m = &d[0].message;
    assert!(
        m.contains("\"Step video\" (video) and \"Tasting at the shop\" (tasting)"),
        "{m}"
    );
    assert!(m.contains("stage \"Choose\" (choose)"), "{m}");
    assert!(m.contains("conversion \"Pay at the till\" (till)"), "{m}");
    assert!(m.contains("persona \"Home barista\" (home-barista)"), "{m}");
}

#[test]
fn l004_steps_that_follow_each_other_do_not_compete() {
    let mut v = base();
    touchpoints(&mut v).push(tp("video", "choose", "instagram"));
    transitions(&mut v).retain(|t| t["to"] != "till");
    transitions(&mut v).push(json!({"from": "tasting", "to": "video"}));
    transitions(&mut v).push(json!({"from": "video", "to": "till"}));
    // Optional step: tasting -> till directly as well. tasting reaches video,
    // so they still do not compete.
    transitions(&mut v).push(json!({"from": "tasting", "to": "till"}));
    assert!(of(&v, "JM-L004").is_empty());
}

#[test]
fn l004_persona_specific_routes_do_not_compete() {
    let mut v = base();
    v["personas"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "office", "name": "Office manager"}));
    with_alternative(&mut v);
    tp_mut(&mut v, "video")["personas"] = json!(["office"]);
    tp_mut(&mut v, "tasting")["personas"] = json!(["home-barista"]);
    assert!(of(&v, "JM-L004").is_empty());
    // Restricting the transitions instead works the same way.
    let mut v = base();
    v["personas"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "office", "name": "Office manager"}));
    with_alternative(&mut v);
    for t in transitions(&mut v).iter_mut() {
        if t["to"] == "video" {
            t["personas"] = json!(["office"]);
        }
        if t["to"] == "tasting" {
            t["personas"] = json!(["home-barista"]);
        }
    }
    assert!(of(&v, "JM-L004").is_empty());
    // But both open to the second persona: it competes for that persona.
    for t in transitions(&mut v).iter_mut() {
        t.as_object_mut().unwrap().remove("personas");
    }
    tp_mut(&mut v, "tasting")["personas"] = json!(["office"]);
    let d = of(&v, "JM-L004");
    assert_eq!(paths(&d), ["/touchpoints/4"]);
    assert!(d[0].message.contains("persona \"Office manager\" (office)"));
}

#[test]
fn l004_needs_a_shared_entry_and_a_shared_conversion() {
    // Different conversions: no competition.
    let mut v = base();
    touchpoints(&mut v).push(tp("video", "choose", "instagram"));
    let mut web = tp("web-order", "buy", "instagram");
    web["kind"] = json!("conversion");
    touchpoints(&mut v).push(web);
    transitions(&mut v).push(json!({"from": "ad", "to": "video"}));
    transitions(&mut v).push(json!({"from": "video", "to": "web-order"}));
    assert!(of(&v, "JM-L004").is_empty());
    // Different entries to the same conversion: no competition either.
    let mut v = base();
    touchpoints(&mut v).push(tp("poster", "discover", "shop"));
    touchpoints(&mut v).push(tp("video", "choose", "instagram"));
    transitions(&mut v).push(json!({"from": "poster", "to": "video"}));
    transitions(&mut v).push(json!({"from": "video", "to": "till"}));
    assert!(of(&v, "JM-L004").is_empty());
}

#[test]
fn l004_loops_do_not_create_routes_and_no_personas_means_everyone() {
    let mut v = base();
    v.as_object_mut().unwrap().remove("personas");
    touchpoints(&mut v).push(tp("video", "choose", "instagram"));
    transitions(&mut v).push(json!({"from": "ad", "to": "video"}));
    transitions(&mut v).push(json!({"from": "video", "to": "till", "loop": true}));
    assert!(of(&v, "JM-L004").is_empty());
    transitions(&mut v).last_mut().unwrap()["loop"] = json!(false);
    let d = of(&v, "JM-L004");
    assert_eq!(paths(&d), ["/touchpoints/4"]);
    assert!(
        d[0].message.contains(": customers have to choose"),
        "{}",
        d[0].message
    );
}

#[test]
fn l004_reports_each_touchpoint_once_against_the_first_competitor() {
    let mut v = base();
    for id in ["video", "blog"] {
        touchpoints(&mut v).push(tp(id, "choose", "instagram"));
        transitions(&mut v).push(json!({"from": "ad", "to": id}));
        transitions(&mut v).push(json!({"from": id, "to": "till"}));
    }
    let d = of(&v, "JM-L004");
    assert_eq!(paths(&d), ["/touchpoints/4", "/touchpoints/5"]);
    assert!(d[1]
        .message
        .contains("(blog) and \"Tasting at the shop\" (tasting)"));
}

// JM-L005 unmarked-backward-transition

#[test]
fn l005_fires_for_an_unmarked_return_to_an_earlier_stage() {
    let mut v = base();
    transitions(&mut v).push(json!({"from": "brew-help", "to": "tasting"}));
    let d = of(&v, "JM-L005");
    assert_eq!(paths(&d), ["/transitions/3"]);
    assert_eq!(d[0].location.kind, EntityKind::Transition);
    assert_eq!(d[0].location.id.as_deref(), Some("brew-help->tasting"));
    assert!(d[0].message.contains("earlier stage \"Choose\" (choose)"));
    transitions(&mut v).last_mut().unwrap()["loop"] = json!(true);
    assert!(of(&v, "JM-L005").is_empty());
}

#[test]
fn l005_same_stage_moves_are_not_backward() {
    let mut v = base();
    touchpoints(&mut v).push(tp("video", "choose", "instagram"));
    transitions(&mut v).push(json!({"from": "tasting", "to": "video"}));
    transitions(&mut v).push(json!({"from": "video", "to": "tasting"}));
    assert!(of(&v, "JM-L005").is_empty());
}

// JM-L006 pain-point-without-opportunity

#[test]
fn l006_fires_for_a_pain_point_nobody_addresses() {
    let mut v = base();
    tp_mut(&mut v, "brew-help")["pain_points"] =
        json!([{"id": "pp-hold", "description": "On hold", "severity": "high"}]);
    let d = of(&v, "JM-L006");
    assert_eq!(paths(&d), ["/touchpoints/3/pain_points/0"]);
    assert_eq!(d[0].location.kind, EntityKind::PainPoint);
    assert!(d[0]
        .message
        .contains("pp-hold (\"On hold\", high severity)"));
    // An opportunity on another touchpoint addresses it.
    tp_mut(&mut v, "ad")["opportunities"] =
        json!([{"id": "op-callback", "description": "Call back", "addresses": ["pp-hold"]}]);
    assert!(of(&v, "JM-L006").is_empty());
}

// JM-L007 touchpoint-without-owner

#[test]
fn l007_fires_for_a_touchpoint_without_owner() {
    let mut v = base();
    tp_mut(&mut v, "tasting")
        .as_object_mut()
        .unwrap()
        .remove("owner");
    let d = of(&v, "JM-L007");
    assert_eq!(paths(&d), ["/touchpoints/1"]);
    assert!(d[0]
        .message
        .contains("\"Tasting at the shop\" (tasting) has no owner"));
    tp_mut(&mut v, "tasting")["owner"] = json!("support");
    assert!(of(&v, "JM-L007").is_empty());
}

// JM-L008 persona-without-journey

#[test]
fn l008_fires_only_when_no_touchpoint_applies_to_the_persona() {
    let mut v = base();
    v["personas"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "office", "name": "Office manager"}));
    // Empty persona lists mean everyone: no finding.
    assert!(of(&v, "JM-L008").is_empty());
    for t in touchpoints(&mut v).iter_mut() {
        t["personas"] = json!(["home-barista"]);
    }
    let d = of(&v, "JM-L008");
    assert_eq!(paths(&d), ["/personas/1"]);
    assert!(d[0].message.contains("\"Office manager\" (office)"));
    tp_mut(&mut v, "ad")["personas"] = json!(["home-barista", "office"]);
    assert!(of(&v, "JM-L008").is_empty());
}

// JM-L009 only-digital-channels

#[test]
fn l009_counts_only_channels_in_use() {
    let mut v = base();
    for t in touchpoints(&mut v).iter_mut() {
        t["channel"] = json!("instagram");
    }
    let d = of(&v, "JM-L009");
    assert_eq!(paths(&d), ["/channels"]);
    assert!(d[0].message.contains("(\"Instagram\")"));
    tp_mut(&mut v, "till")["channel"] = json!("shop");
    assert!(of(&v, "JM-L009").is_empty());
}

// JM-L010 no-negative-emotion

#[test]
fn l010_fires_without_any_negative_emotion() {
    let mut v = base();
    tp_mut(&mut v, "till")["emotion"] = json!({"score": 0});
    let d = of(&v, "JM-L010");
    assert_eq!(paths(&d), ["/touchpoints"]);
    assert!(d[0].message.contains("4 of 4 touchpoints record one"));
    for t in touchpoints(&mut v).iter_mut() {
        t.as_object_mut().unwrap().remove("emotion");
    }
    assert!(of(&v, "JM-L010")[0]
        .message
        .contains("None of the 4 touchpoints records"));
    tp_mut(&mut v, "ad")["emotion"] = json!({"score": -2, "label": "annoyed"});
    assert!(of(&v, "JM-L010").is_empty());
}

#[test]
fn l010_needs_touchpoints() {
    let v = json!({"name": "x", "stages": [{"id": "a", "name": "A"}]});
    assert!(of(&v, "JM-L010").is_empty());
}

// JM-L011 step-without-evidence

#[test]
fn l011_fires_for_every_touchpoint_without_evidence() {
    let mut v = base();
    tp_mut(&mut v, "till")
        .as_object_mut()
        .unwrap()
        .remove("evidence");
    let d = of(&v, "JM-L011");
    assert_eq!(paths(&d), ["/touchpoints/2"]);
    assert_eq!(d[0].severity, LintSeverity::Info);
    tp_mut(&mut v, "till")["evidence"] = json!([{"source": "receipts"}]);
    assert!(of(&v, "JM-L011").is_empty());
}

// JM-L012 tone-change

#[test]
fn l012_fires_when_the_tone_changes_along_a_transition() {
    let mut v = base();
    tp_mut(&mut v, "till")["message"]["tone"] = json!("urgent");
    let d = of(&v, "JM-L012");
    // Into the till and out of it.
    assert_eq!(paths(&d), ["/transitions/1", "/transitions/2"]);
    assert!(d[0]
        .message
        .contains("from \"warm\" at \"Tasting at the shop\" (tasting) to \"urgent\""));
}

#[test]
fn l012_ignores_case_spaces_and_missing_tones() {
    let mut v = base();
    tp_mut(&mut v, "till")["message"]["tone"] = json!("  Warm ");
    tp_mut(&mut v, "brew-help")["message"]
        .as_object_mut()
        .unwrap()
        .remove("tone");
    assert!(of(&v, "JM-L012").is_empty());
}

// JM-L013 purpose-change

#[test]
fn l013_fires_within_a_stage_only() {
    let mut v = base();
    // Across stages purposes change all the time in the base map: no finding.
    assert!(of(&v, "JM-L013").is_empty());
    let mut card = tp("card", "choose", "instagram");
    card["message"] = json!({"purpose": "inform"});
    touchpoints(&mut v).push(card);
    transitions(&mut v).push(json!({"from": "tasting", "to": "card"}));
    transitions(&mut v).push(json!({"from": "card", "to": "till"}));
    let d = of(&v, "JM-L013");
    assert_eq!(paths(&d), ["/transitions/3"]);
    assert_eq!(d[0].severity, LintSeverity::Info);
    assert!(d[0].message.contains("from \"persuade\""));
    tp_mut(&mut v, "card")["message"]["purpose"] = json!("PERSUADE");
    assert!(of(&v, "JM-L013").is_empty());
}

// JM-L014 duplicate-touchpoint

#[test]
fn l014_fires_for_same_stage_channel_and_purpose() {
    let mut v = base();
    let mut notes = tp("notes", "choose", "shop");
    notes["message"] = json!({"purpose": "Persuade "});
    touchpoints(&mut v).push(notes);
    transitions(&mut v).push(json!({"from": "tasting", "to": "notes"}));
    transitions(&mut v).push(json!({"from": "notes", "to": "till"}));
    let d = of(&v, "JM-L014");
    assert_eq!(paths(&d), ["/touchpoints/4"]);
    assert!(d[0]
        .message
        .contains("\"Step notes\" (notes) and \"Tasting at the shop\" (tasting)"));
    assert!(d[0].message.contains("channel \"Roastery shop\" (shop)"));
    // Another channel, or no stated purpose: no finding.
    tp_mut(&mut v, "notes")["channel"] = json!("instagram");
    assert!(of(&v, "JM-L014").is_empty());
    tp_mut(&mut v, "notes")["channel"] = json!("shop");
    tp_mut(&mut v, "notes")
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(of(&v, "JM-L014").is_empty());
}

// JM-L015 objective-without-kpi, JM-L016 kpi-without-target, JM-L020 map-without-objective

#[test]
fn l015_fires_for_an_objective_without_kpis() {
    let mut v = base();
    v["objectives"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "obj-brand", "name": "Brand"}));
    let d = of(&v, "JM-L015");
    assert_eq!(paths(&d), ["/objectives/1"]);
    assert_eq!(d[0].location.kind, EntityKind::Objective);
    v["objectives"][1]["kpis"] = json!([{"name": "Mentions", "target": 10}]);
    assert!(of(&v, "JM-L015").is_empty());
}

#[test]
fn l016_fires_for_kpis_without_target_on_objectives_and_touchpoints() {
    let mut v = base();
    tp_mut(&mut v, "ad")["kpis"] = json!([{"name": "Reach", "target": 1000}, {"name": "Likes"}]);
    v["objectives"][0]["kpis"][0]
        .as_object_mut()
        .unwrap()
        .remove("target");
    let d = of(&v, "JM-L016");
    assert_eq!(paths(&d), ["/touchpoints/0/kpis/1", "/objectives/0/kpis/0"]);
    assert!(d[0]
        .message
        .contains("KPI \"Likes\" of touchpoint \"Instagram post\" (ad)"));
    assert!(d[1]
        .message
        .contains("of objective \"Grow shop sales\" (obj-sales)"));
}

#[test]
fn l020_fires_without_objectives() {
    let mut v = base();
    v.as_object_mut().unwrap().remove("objectives");
    assert_eq!(paths(&of(&v, "JM-L020")), ["/objectives"]);
    assert!(of(&base(), "JM-L020").is_empty());
}

// JM-L021 map-without-persona

#[test]
fn l021_fires_without_personas() {
    let mut v = base();
    v.as_object_mut().unwrap().remove("personas");
    let d = of(&v, "JM-L021");
    assert_eq!(paths(&d), ["/personas"]);
    assert!(d[0].message.contains("\"Corner coffee roaster\""));
    assert!(of(&base(), "JM-L021").is_empty());
}

// JM-L017 review-overdue, JM-L018 never-reviewed, JM-L019 review-date-in-future

fn reviewed(date: &str, max: Option<u32>) -> Value {
    let mut v = base();
    v["metadata"]["last_reviewed"] = json!(date);
    if let Some(days) = max {
        v["metadata"]["lint"] = json!({"max_review_age_days": days});
    }
    v
}

#[test]
fn l017_fires_after_the_review_age_and_not_on_it() {
    let d = of(&reviewed("2026-05-26", None), "JM-L017");
    assert_eq!(paths(&d), ["/metadata/last_reviewed"]);
    assert!(d[0].message.contains("181 days before 2026-11-23"));
    assert!(d[0].message.contains("every 180 days (set by the default)"));
    assert!(of(&reviewed("2026-05-27", None), "JM-L017").is_empty());
}

#[test]
fn l017_review_age_comes_from_config_then_map_then_default() {
    let v = reviewed("2026-01-01", Some(400));
    assert!(of(&v, "JM-L017").is_empty());
    let d: Vec<_> = lint_with(&v, &today().with_max_review_age_days(30))
        .into_iter()
        .filter(|d| d.code == "JM-L017")
        .collect();
    assert_eq!(d.len(), 1);
    assert!(d[0]
        .message
        .contains("every 30 days (set by the lint configuration)"));
    let d = of(&reviewed("2026-01-01", Some(300)), "JM-L017");
    assert!(d[0].message.contains("(set by the map's lint settings)"));
}

#[test]
fn l017_and_l019_need_today_and_l018_does_not() {
    let old = reviewed("2000-01-01", None);
    assert!(lint_with(&old, &LintConfig::new()).is_empty());
    let future = reviewed("2099-01-01", None);
    assert!(lint_with(&future, &LintConfig::new()).is_empty());
    let mut never = base();
    never["metadata"]
        .as_object_mut()
        .unwrap()
        .remove("last_reviewed");
    let d = lint_with(&never, &LintConfig::new());
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "JM-L018");
    assert_eq!(d[0].location.path, "/metadata/last_reviewed");
}

#[test]
fn l019_fires_for_a_review_date_after_today() {
    let d = of(&reviewed("2026-11-24", None), "JM-L019");
    assert_eq!(paths(&d), ["/metadata/last_reviewed"]);
    assert!(of(&reviewed("2026-11-23", None), "JM-L019").is_empty());
    assert!(of(&reviewed("2026-11-23", None), "JM-L017").is_empty());
}

// Settings, order, output

#[test]
fn severity_overrides_map_then_config() {
    let mut v = base();
    tp_mut(&mut v, "ad")
        .as_object_mut()
        .unwrap()
        .remove("owner");
    v["metadata"]["lint"] = json!({"severity": {"touchpoint-without-owner": "error"}});
    assert_eq!(lint(&v)[0].severity, LintSeverity::Error);
    let d = lint_with(&v, &today().with_severity("JM-L007", LintSeverity::Info));
    assert_eq!(d[0].severity, LintSeverity::Info);
}

#[test]
fn rules_are_disabled_by_the_map_or_by_the_caller() {
    let mut v = base();
    tp_mut(&mut v, "ad")
        .as_object_mut()
        .unwrap()
        .remove("owner");
    tp_mut(&mut v, "ad")
        .as_object_mut()
        .unwrap()
        .remove("evidence");
    assert_eq!(lint(&v).len(), 2);
    v["metadata"]["lint"] = json!({"disable": ["JM-L007"]});
    let d = lint(&v);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "JM-L011");
    assert!(lint_with(&v, &today().disabling("step-without-evidence")).is_empty());
}

#[test]
fn the_settings_rule_can_itself_be_disabled() {
    let mut v = base();
    v["metadata"]["lint"] = json!({"disable": ["JM-L000", "nonsense"]});
    assert!(lint(&v).is_empty());
}

#[test]
fn diagnostics_are_ordered_by_code_then_document_order() {
    let mut v = base();
    tp_mut(&mut v, "ad")
        .as_object_mut()
        .unwrap()
        .remove("owner");
    tp_mut(&mut v, "brew-help")
        .as_object_mut()
        .unwrap()
        .remove("owner");
    tp_mut(&mut v, "brew-help")["kpis"] = json!([{"name": "Calls"}]);
    v["objectives"][0]["kpis"][0]
        .as_object_mut()
        .unwrap()
        .remove("target");
    v["stages"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "z", "name": "Z"}));
    let d = lint(&v);
    let got: Vec<(&str, &str)> = d
        .iter()
        .map(|d| (d.code.as_str(), d.location.path.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("JM-L001", "/stages/4"),
            ("JM-L007", "/touchpoints/0"),
            ("JM-L007", "/touchpoints/3"),
            ("JM-L016", "/touchpoints/3/kpis/0"),
            ("JM-L016", "/objectives/0/kpis/0"),
        ]
    );
    assert_eq!(lint(&v), d, "deterministic");
}

#[test]
fn diagnostics_serialise_with_a_stable_shape_and_schema() {
    let mut v = base();
    tp_mut(&mut v, "ad")
        .as_object_mut()
        .unwrap()
        .remove("owner");
    let d = &lint(&v)[0];
    let json = serde_json::to_value(d).unwrap();
    assert_eq!(
        json,
        json!({
            "code": "JM-L007",
            "rule": "touchpoint-without-owner",
            "severity": "warning",
            "message": d.message,
            "location": {"kind": "touchpoint", "id": "ad", "path": "/touchpoints/0"},
            "hint": d.hint,
        })
    );
    assert!(!d.hint.is_empty());
    assert_eq!(
        d.to_string(),
        format!(
            "warning[JM-L007] /touchpoints/0 (touchpoint ad): {}",
            d.message
        )
    );
    let schema = serde_json::to_value(schemars::schema_for!(Diagnostic)).unwrap();
    let props = &schema["properties"];
    for key in ["code", "rule", "severity", "message", "location", "hint"] {
        assert!(props.get(key).is_some(), "{key} in {schema}");
    }
    let config_schema = serde_json::to_value(schemars::schema_for!(LintConfig)).unwrap();
    assert!(config_schema["properties"]["today"].is_object());
}

#[test]
fn every_rule_has_its_code_and_name_on_its_diagnostics() {
    // Lint every fixture and check code/name pairs against the catalogue.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/lint");
    for entry in std::fs::read_dir(dir).unwrap() {
        let map = JourneyMap::from_path(entry.unwrap().path()).unwrap();
        for d in map.lint(&today()) {
            let rule = journeymap::lint::rule(&d.code).unwrap();
            assert_eq!(rule.name, d.rule);
            assert!(RULES.iter().any(|r| r.code == d.code));
        }
    }
}

#[test]
fn a_long_chain_with_branches_lints_without_trouble() {
    // 3 000 touchpoints in 30 stages, each step branching to the next two.
    let n = 3000;
    let stages: Vec<Value> = (0..30)
        .map(|s| json!({"id": format!("s{s}"), "name": format!("S{s}")}))
        .collect();
    let tps: Vec<Value> = (0..n)
        .map(|i| {
            let mut t = json!({"id": format!("t{i}"), "name": format!("T{i}"),
                "stage": format!("s{}", i * 30 / n), "channel": "web"});
            if i == n - 1 {
                t["kind"] = json!("conversion");
            }
            t
        })
        .collect();
    let mut trs = Vec::new();
    for i in 0..n - 1 {
        trs.push(json!({"from": format!("t{i}"), "to": format!("t{}", i + 1)}));
        if i + 2 < n {
            trs.push(json!({"from": format!("t{i}"), "to": format!("t{}", i + 2)}));
        }
    }
    let v = json!({"name": "big", "stages": stages,
        "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
        "touchpoints": tps, "transitions": trs});
    let d = lint(&v);
    // Steps i and i+1 follow each other, so nothing competes.
    assert!(d.iter().all(|d| d.code != "JM-L004"));
    assert_eq!(d.iter().filter(|d| d.code == "JM-L007").count(), n);
}

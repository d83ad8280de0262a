//! Hostile inputs stay bounded: a Markov chain too large to solve exactly is
//! reported as not computed (before any quadratic allocation), the rest of
//! the report as usual.

use journeymap::analytics::{analyze, Event, EventLog, ReportOptions, MAX_MARKOV_STATES};
use journeymap::JourneyMap;
use serde_json::json;

/// A map of `n` touchpoints in one stage and a conversion, and a log of one
/// customer walking through all of them and converting.
fn chain(n: usize) -> (JourneyMap, EventLog) {
    let mut touchpoints: Vec<_> = (0..n)
        .map(|i| json!({"id": format!("t{i}"), "name": format!("T{i}"), "stage": "s", "channel": "w"}))
        .collect();
    touchpoints.push(
        json!({"id": "pay", "name": "Pay", "stage": "s", "channel": "w", "kind": "conversion"}),
    );
    let doc = json!({
        "name": "Chain",
        "stages": [{"id": "s", "name": "S"}],
        "channels": [{"id": "w", "name": "W", "kind": "digital"}],
        "touchpoints": touchpoints,
    });
    let map = JourneyMap::from_json(&doc.to_string()).unwrap();
    let ids: Vec<String> = (0..n).map(|i| format!("t{i}")).collect();
    let mut b = EventLog::builder(&map);
    for (i, id) in ids.iter().enumerate() {
        b.push(&Event::touchpoint("c1", 1_772_357_400_000 + i as i64, id))
            .unwrap();
    }
    b.push(&Event::touchpoint(
        "c1",
        1_772_357_400_000 + n as i64,
        "pay",
    ))
    .unwrap();
    (map, b.build())
}

#[test]
fn a_markov_chain_over_the_limit_is_reported_as_not_computed() {
    let (map, log) = chain(MAX_MARKOV_STATES + 1);
    let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
    let a = &report.attribution;
    let why = a.markov_skipped.as_deref().unwrap();
    assert!(
        why.contains(&format!("{} observed states", MAX_MARKOV_STATES + 1)),
        "{why}"
    );
    assert_eq!(a.markov_conversion_probability, None);
    assert!(a
        .touchpoints
        .iter()
        .all(|r| r.removal_effect == 0.0 && r.markov.conversions == 0.0));
    // The heuristic models are credited as usual.
    assert_eq!(a.touchpoints[0].first_touch.conversions, 1.0);
    assert_eq!(report.totals.converted_customers, 1);
    // The JSON says why; the text too.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["attribution"]["markov_skipped"], why);
    assert!(report
        .to_text(&map, &Default::default())
        .contains("Markov attribution not computed"));
}

#[test]
fn a_small_markov_chain_is_solved_and_the_field_is_absent() {
    let (map, log) = chain(40);
    let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
    assert_eq!(report.attribution.markov_conversion_probability, Some(1.0));
    assert!(report.attribution.markov_skipped.is_none());
    let json = serde_json::to_value(&report).unwrap();
    assert!(json["attribution"].get("markov_skipped").is_none());
}

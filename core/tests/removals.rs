//! Removals that would orphan a reference are refused with IN_USE and the
//! path of the reference in the map as it stands.

use journeymap::JourneyMap;

const MAP: &str = r#"{
  "name": "Shop",
  "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
  "channels": [{"id": "web", "name": "Website", "kind": "digital"}],
  "touchpoints": [
    {"id": "home", "name": "Home", "stage": "visit", "channel": "web",
     "pain_points": [{"id": "pp-slow", "description": "Slow page"}]},
    {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web",
     "opportunities": [{"id": "op-cdn", "description": "Use a CDN", "addresses": ["pp-slow"]}]}
  ],
  "transitions": [{"from": "home", "to": "pay"}]
}"#;

#[test]
fn removing_a_touchpoint_whose_pain_point_is_addressed_elsewhere_is_in_use() {
    let mut map = JourneyMap::from_json(MAP).unwrap();
    let before = map.clone();
    let err = map.remove_touchpoint("home").unwrap_err();
    assert_eq!(err.code(), "IN_USE");
    assert_eq!(
        err.path(),
        Some("/touchpoints/1/opportunities/0/addresses/0")
    );
    assert_eq!(map, before);
}

#[test]
fn cascading_stage_removal_checks_addressed_pain_points() {
    let mut map = JourneyMap::from_json(MAP).unwrap();
    let err = map.remove_stage("visit", true).unwrap_err();
    assert_eq!(err.code(), "IN_USE");
    assert_eq!(
        err.path(),
        Some("/touchpoints/1/opportunities/0/addresses/0")
    );
    // The touchpoint holding the opportunity can go, and then the first one.
    map.remove_touchpoint("pay").unwrap();
    let removed = map.remove_stage("visit", true).unwrap();
    assert_eq!(removed.id, "visit");
    assert!(map.touchpoints().is_empty());
    assert!(map.transitions().is_empty());
}

#[test]
fn mutations_respect_the_json_input_limits() {
    let mut map = JourneyMap::from_json(MAP).unwrap();
    let before = map.clone();
    let long = "x".repeat(journeymap::Limits::default().max_string_chars + 1);
    let err = map.set_name(long).unwrap_err();
    assert_eq!(err.code(), "LIMIT_EXCEEDED");
    assert_eq!(err.path(), Some("/name"));
    assert_eq!(map, before);
    // What a map holds can always be read back.
    assert_eq!(JourneyMap::from_json(&map.to_json()).unwrap(), map);
}

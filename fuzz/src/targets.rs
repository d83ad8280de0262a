//! The fuzz targets: each takes untrusted bytes to one of journeymap's entry
//! points and checks what must hold whatever the bytes are. A target
//! returns normally or panics (a finding). `fuzz/fuzz_targets/*.rs` hand
//! them to libFuzzer; `core/tests/fuzz_corpora.rs` replays every corpus
//! through them on stable Rust, so a fixed finding stays fixed.

use journeymap::analytics::{
    analyze, CsvOptions, EventLog, JsonlOptions, OnError, Partial, ReportOptions,
};
use journeymap::lint::LintConfig;
use journeymap::model::Transition;
use journeymap::render::{dot, mermaid, mermaid_import, svg::SvgOptions};
use journeymap::JourneyMap;

/// A fuzz target: takes any bytes, panics on a finding.
pub type Target = fn(&[u8]);

/// Every target, by name (the name of its corpus directory).
pub const TARGETS: &[(&str, Target)] = &[
    ("map_json", map_json),
    ("map_everything", map_everything),
    ("mermaid_import", mermaid_import),
    ("csv_log", csv_log),
    ("jsonl_log", jsonl_log),
    ("partial_bytes", partial_bytes),
    ("mutations", mutations),
];

/// A map as the log targets read it against (touchpoints matched by id and
/// by event name, a conversion, two channels).
const LOG_MAP: &str = r#"{"name": "Shop",
  "personas": [{"id": "p", "name": "P"}],
  "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
  "channels": [{"id": "web", "name": "Web", "kind": "digital"}, {"id": "mail", "name": "Mail", "kind": "digital"}],
  "touchpoints": [
    {"id": "home", "name": "Home", "stage": "visit", "channel": "web", "match": [{"event": "page_view"}]},
    {"id": "promo", "name": "Promo", "stage": "visit", "channel": "mail", "match": [{"event_prefix": "mail_"}]},
    {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
  "transitions": [{"from": "home", "to": "pay"}, {"from": "promo", "to": "home"}]}"#;

fn log_map() -> JourneyMap {
    // A fixed, valid document.
    JourneyMap::from_json(LOG_MAP).expect("the fuzz log map is valid")
}

/// A map document: parsed, and if accepted, valid, and written back to
/// the same map.
pub fn map_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(map) = JourneyMap::from_json(text) {
        assert!(map.validate().is_empty(), "an accepted map is valid");
        let again = JourneyMap::from_json(&map.to_json()).expect("a written map reads back");
        assert_eq!(again.to_json(), map.to_json());
    }
}

/// A map document, then everything a map does: lint, diff, every renderer.
pub fn map_everything(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(map) = JourneyMap::from_json(text) else {
        return;
    };
    let _ = map.lint(&LintConfig::new());
    let d = journeymap::diff::diff(&map, &map);
    assert!(d.is_empty(), "a map does not differ from itself");
    let _ = journeymap::diff::diff(&map, &log_map());
    let _ = map.to_svg(&SvgOptions::new());
    let _ = mermaid::journey(&map);
    let _ = mermaid::flowchart(&map);
    let _ = dot::dot(&map);
}

/// Mermaid journey text, imported; an imported map is valid.
pub fn mermaid_import(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(map) = mermaid_import::parse_journey(text) {
        assert!(map.validate().is_empty(), "an imported map is valid");
    }
}

/// Analyses a log read with both bad-row policies, and its partial, which
/// must travel as bytes and finish to the same report.
fn analyse(log: &EventLog, map: &JourneyMap) {
    let options = ReportOptions::default();
    let Ok(report) = analyze(map, log, &options) else {
        return;
    };
    let partial = Partial::from_log(map, log, &options).expect("analyze succeeded");
    let back = Partial::from_bytes(&partial.to_bytes()).expect("a partial's bytes read back");
    let again = back
        .finish(map, &options)
        .expect("a decoded partial finishes");
    assert_eq!(
        serde_json::to_string(&again).ok(),
        serde_json::to_string(&report).ok(),
        "a partial that travelled gives the same report"
    );
}

/// CSV event-log text against a fixed map.
pub fn csv_log(data: &[u8]) {
    let map = log_map();
    let _ = EventLog::from_csv(data, &map, &CsvOptions::default());
    let skip = CsvOptions::default().on_error(OnError::Skip);
    if let Ok(log) = EventLog::from_csv(data, &map, &skip) {
        analyse(&log, &map);
    }
}

/// JSON Lines event-log text against a fixed map.
pub fn jsonl_log(data: &[u8]) {
    let map = log_map();
    let _ = EventLog::from_jsonl(data, &map, &JsonlOptions::default());
    let skip = JsonlOptions::default().on_error(OnError::Skip);
    if let Ok(log) = EventLog::from_jsonl(data, &map, &skip) {
        analyse(&log, &map);
    }
}

/// Bytes that claim to be a partial: refused, or merged and finished.
pub fn partial_bytes(data: &[u8]) {
    let Ok(partial) = Partial::from_bytes(data) else {
        return;
    };
    let map = log_map();
    let options = partial.options().clone();
    let _ = partial.finish(&map, &options);
    if let Ok(twice) = partial.clone().merge(partial) {
        let _ = twice.finish(&map, &options);
    }
}

/// A sequence of mutations of a fixed map, two bytes each (an operation and
/// an argument): a refused mutation leaves the map as it was, an accepted
/// one leaves it valid.
pub fn mutations(data: &[u8]) {
    let mut map = log_map();
    let ids = ["home", "promo", "pay", "visit", "buy", "nowhere", ""];
    for op in data.chunks(2) {
        let (kind, arg) = (op[0], op.get(1).copied().unwrap_or(0));
        let a = ids[usize::from(arg) % ids.len()];
        let b = ids[usize::from(arg / 7) % ids.len()];
        let before = map.to_json();
        let accepted = match kind % 6 {
            0 => map.remove_stage(a, arg & 1 == 1).is_ok(),
            1 => map.remove_touchpoint(a).is_ok(),
            2 => map.remove_transition(a, b).is_ok(),
            3 => map.add_transition(Transition::new(a, b)).is_ok(),
            4 => map.reorder_stages(&[b, a]).is_ok(),
            _ => map.set_name(a).is_ok(),
        };
        if accepted {
            assert!(
                map.validate().is_empty(),
                "an accepted mutation keeps the map valid"
            );
        } else {
            assert_eq!(map.to_json(), before, "a refused mutation changes nothing");
        }
    }
}

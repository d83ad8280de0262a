//! The synthetic generator over the coffee-maker example: seeded, readable
//! back in both formats, and realistic enough to exercise every part of
//! the report (deviations, unknown events, repeats, conversions, scores).

use journeymap::analytics::{
    analyze, generate, write_csv, write_jsonl, CsvOptions, EventLog, GeneratorOptions,
    JsonlOptions, ReportOptions, ScoreScale,
};
use journeymap::JourneyMap;

fn coffee() -> JourneyMap {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../schema/examples/coffee-maker.json"
    );
    JourneyMap::from_path(path).unwrap()
}

#[test]
fn generated_logs_read_back_identically_and_look_like_journeys() {
    let map = coffee();
    let options = GeneratorOptions {
        customers: 3000,
        seed: 7,
        ..GeneratorOptions::default()
    };
    let mut csv = Vec::new();
    let n_csv = write_csv(&map, &options, &mut csv).unwrap();
    let mut jsonl = Vec::new();
    let n_jsonl = write_jsonl(&map, &options, &mut jsonl).unwrap();
    assert_eq!(n_csv, n_jsonl);
    assert_eq!(n_csv, generate(&map, &options).count() as u64);

    let a = EventLog::from_csv(&csv[..], &map, &CsvOptions::default()).unwrap();
    let b = EventLog::from_jsonl(&jsonl[..], &map, &JsonlOptions::default()).unwrap();
    assert_eq!(a.len() as u64, n_csv);
    let report_options = ReportOptions::default().score_scale(ScoreScale::OneToFive);
    let ra = analyze(&map, &a, &report_options).unwrap();
    let rb = analyze(&map, &b, &report_options).unwrap();
    assert_eq!(
        serde_json::to_value(&ra).unwrap(),
        serde_json::to_value(&rb).unwrap()
    );

    let r = ra;
    assert_eq!(r.totals.customers, 3000);
    assert!(
        r.totals.converted_customers > 100,
        "{}",
        r.totals.converted_customers
    );
    assert!(r.totals.converted_customers < r.totals.customers);
    assert!(r.unknown_events.events > 0 && r.unknown_events.distinct > 1);
    let unplanned = r
        .transitions
        .iter()
        .filter(|t| !t.planned && t.count > 0)
        .count();
    assert!(unplanned > 5, "deviations give unplanned transitions");
    assert!(r.conformance.planned_share.unwrap() > 0.7);
    assert!(r.conformance.backward_moves_unmarked > 0);
    assert!(r.touchpoints.iter().any(|t| t.repeats > 0));
    assert!(r.touchpoints.iter().all(|t| t.score.out_of_range == 0));
    assert!(r.touchpoints.iter().filter(|t| t.score.count > 0).count() > 5);
    assert_eq!(r.segments.len(), map.personas().len());
    assert!(r.funnel.stages[0].customers > r.funnel.stages[2].customers);
    assert!(r.attribution.markov_conversion_probability.unwrap() > 0.0);
    let linear: f64 = r
        .attribution
        .touchpoints
        .iter()
        .map(|t| t.linear.conversions)
        .sum();
    assert!((linear - r.attribution.attributable_conversions as f64).abs() < 1e-6);
    let markov: f64 = r
        .attribution
        .channels
        .iter()
        .map(|t| t.markov.conversions)
        .sum();
    assert!((markov - r.attribution.attributable_conversions as f64).abs() < 1e-6);
}

#[test]
fn generation_is_seeded_and_bounded() {
    let map = coffee();
    let options = GeneratorOptions {
        customers: u64::MAX,
        max_events: Some(5000),
        ..GeneratorOptions::default()
    };
    let a: Vec<_> = generate(&map, &options).collect();
    assert_eq!(a.len(), 5000);
    assert_eq!(a, generate(&map, &options).collect::<Vec<_>>());
    let other: Vec<_> = generate(&map, &GeneratorOptions { seed: 1, ..options }).collect();
    assert_ne!(a, other);
}

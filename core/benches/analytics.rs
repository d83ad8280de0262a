//! Analytics benchmarks: reading 1M events (CSV, JSON Lines, columns) and
//! computing the report over them, on the coffee-maker example map.
//!
//! `cargo bench -p journeymap --bench analytics`; set
//! `JOURNEYMAP_BENCH_EVENTS` to change the size (default 1 000 000).

use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use journeymap::analytics::{
    analyze, generate, write_csv, write_jsonl, Columns, CsvOptions, EventLog, GeneratorOptions,
    JsonlOptions, OnError, Partial, ReportOptions, ScoreScale,
};
use journeymap::JourneyMap;

fn map() -> JourneyMap {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    JourneyMap::from_path(root.join("schema/examples/coffee-maker.json"))
        .or_else(|_| JourneyMap::from_path(root.join("tests/fixtures/events/shop.json")))
        .expect("a map to benchmark with")
}

fn events() -> u64 {
    std::env::var("JOURNEYMAP_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}

fn generator(n: u64) -> GeneratorOptions {
    GeneratorOptions {
        customers: u64::MAX,
        max_events: Some(n),
        ..GeneratorOptions::default()
    }
}

fn bench(c: &mut Criterion) {
    let map = map();
    let n = events();
    let mut csv = Vec::new();
    write_csv(&map, &generator(n), &mut csv).unwrap();
    let mut jsonl = Vec::new();
    write_jsonl(&map, &generator(n), &mut jsonl).unwrap();
    let options = ReportOptions::default().score_scale(ScoreScale::OneToFive);

    let mut g = c.benchmark_group("analytics");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Elements(n));
    let label = |what: &str| format!("{what}/{n}");

    g.bench_function(label("read_csv"), |b| {
        b.iter(|| EventLog::from_csv(&csv[..], &map, &CsvOptions::default()).unwrap())
    });
    g.bench_function(label("read_jsonl"), |b| {
        b.iter(|| EventLog::from_jsonl(&jsonl[..], &map, &JsonlOptions::default()).unwrap())
    });

    // Columns as a binding would hand them over (touchpoint ids resolved
    // by the caller, raw events left to the rules).
    let generated: Vec<_> = generate(&map, &generator(n)).collect();
    let customer: Vec<&str> = generated.iter().map(|e| e.customer.as_str()).collect();
    let ts: Vec<i64> = generated.iter().map(|e| e.timestamp_ms).collect();
    let event: Vec<Option<&str>> = generated.iter().map(|e| e.event.as_deref()).collect();
    let touchpoint: Vec<Option<&str>> = generated.iter().map(|e| e.touchpoint.as_deref()).collect();
    let channel: Vec<Option<&str>> = generated.iter().map(|e| e.channel.as_deref()).collect();
    let value: Vec<Option<f64>> = generated.iter().map(|e| e.value).collect();
    let mut keys: Vec<&str> = generated
        .iter()
        .flat_map(|e| e.attributes.iter().map(|(k, _)| k.as_str()))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let attr_cols: Vec<(&str, Vec<Option<&str>>)> = keys
        .iter()
        .map(|k| {
            let col = generated
                .iter()
                .map(|e| {
                    e.attributes
                        .iter()
                        .find(|(a, _)| a == k)
                        .map(|(_, v)| v.as_str())
                })
                .collect();
            (*k, col)
        })
        .collect();
    let columns = Columns {
        event: Some(&event),
        touchpoint: Some(&touchpoint),
        channel: Some(&channel),
        value: Some(&value),
        attributes: attr_cols.iter().map(|(k, v)| (*k, &v[..])).collect(),
        ..Columns::new(&customer, &ts)
    };
    g.bench_function(label("from_columns"), |b| {
        b.iter(|| EventLog::from_columns(&map, &columns, OnError::Fail).unwrap())
    });

    let log = EventLog::from_csv(&csv[..], &map, &CsvOptions::default()).unwrap();
    g.bench_function(label("report"), |b| {
        b.iter(|| analyze(&map, &log, &options).unwrap())
    });
    g.bench_function(label("partial_merge_finish_4_parts"), |b| {
        b.iter_batched(
            || {
                let mut parts = vec![EventLog::builder(&map); 4];
                for (i, e) in generated.iter().enumerate() {
                    let attrs: Vec<(&str, &str)> = e
                        .attributes
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    let ev = journeymap::analytics::Event {
                        customer: &e.customer,
                        timestamp_ms: e.timestamp_ms,
                        touchpoint: e.touchpoint.as_deref(),
                        event: e.event.as_deref(),
                        channel: e.channel.as_deref(),
                        attributes: &attrs,
                        value: e.value,
                        score: e.score,
                        segment: e.segment.as_deref(),
                    };
                    let part = e.customer.bytes().map(usize::from).sum::<usize>() % 4;
                    let _ = i;
                    parts[part].push(&ev).unwrap();
                }
                parts.into_iter().map(|b| b.build()).collect::<Vec<_>>()
            },
            |logs| {
                let partial = logs
                    .iter()
                    .map(|l| Partial::from_log(&map, l, &options).unwrap())
                    .reduce(|a, b| a.merge(b).unwrap())
                    .unwrap();
                partial.finish(&map, &options).unwrap()
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

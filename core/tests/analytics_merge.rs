//! Partial results merge exactly: splitting a log by customer into any
//! number of parts, in any way, and merging gives the whole log's report;
//! merging is associative and commutative; partials survive serialisation.

use journeymap::analytics::{analyze, Event, EventLog, Partial, ReportOptions, ScoreScale};
use journeymap::JourneyMap;
use proptest::prelude::*;

fn map() -> JourneyMap {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/events/shop.json"
    );
    JourneyMap::from_path(path).unwrap()
}

/// A generated event: customer number, minute, what happened, value, score,
/// segment.
#[derive(Clone, Debug)]
struct Ev {
    customer: u8,
    minute: i64,
    what: u8,
    value: Option<u16>,
    score: Option<i8>,
    segment: Option<u8>,
}

const RAW: [&str; 4] = ["ad_click", "email_open", "purchase", "chat_open"];
const TPS: [&str; 7] = [
    "ad", "mail", "product", "store", "cart", "checkout", "support",
];

fn push(b: &mut journeymap::analytics::EventLogBuilder, e: &Ev) {
    let customer = format!("c{}", e.customer);
    let segment = e.segment.map(|s| format!("seg{s}"));
    let attrs = [("path", "/product/1")];
    let mut ev = if (e.what as usize) < TPS.len() {
        Event::touchpoint(&customer, e.minute * 60_000, TPS[e.what as usize])
    } else if e.what == 7 {
        Event::raw(&customer, e.minute * 60_000, "page_view").with_attributes(&attrs)
    } else {
        Event::raw(
            &customer,
            e.minute * 60_000,
            RAW[(e.what as usize - 8) % RAW.len()],
        )
    };
    ev.value = e.value.map(|v| f64::from(v) / 4.0);
    ev.score = e.score.map(f64::from);
    ev.segment = segment.as_deref();
    b.push(&ev).unwrap();
}

fn ev() -> impl Strategy<Value = Ev> {
    (
        0u8..25,
        0i64..200,
        0u8..12,
        proptest::option::weighted(0.3, 0u16..400),
        proptest::option::weighted(0.2, -3i8..6),
        proptest::option::weighted(0.5, 0u8..3),
    )
        .prop_map(|(customer, minute, what, value, score, segment)| Ev {
            customer,
            minute,
            what,
            value,
            score,
            segment,
        })
}

fn options() -> impl Strategy<Value = ReportOptions> {
    (
        proptest::option::of(0i64..150),
        proptest::option::of(0i64..60),
        any::<bool>(),
        prop_oneof![
            Just(ScoreScale::Native),
            Just(ScoreScale::OneToFive),
            Just(ScoreScale::Range { min: 1.0, max: 7.0 })
        ],
        1i64..120,
    )
        .prop_map(|(window, lookback, collapse, scale, half_life)| {
            let mut o = ReportOptions::default()
                .collapse_repeats(collapse)
                .score_scale(scale)
                .include_customers(true)
                .half_life(std::time::Duration::from_secs(half_life as u64 * 60));
            o.conversion_window_ms = window.map(|w| w * 60_000);
            o.lookback_window_ms = lookback.map(|w| w * 60_000);
            o
        })
}

fn json(r: &journeymap::analytics::Report) -> String {
    serde_json::to_string(r).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn split_by_customer_gives_the_same_report(
        events in proptest::collection::vec(ev(), 0..300),
        parts in 1usize..6,
        salt in any::<u64>(),
        options in options(),
    ) {
        let map = map();
        let mut whole = EventLog::builder(&map);
        let mut split = vec![EventLog::builder(&map); parts];
        for e in &events {
            push(&mut whole, e);
            let part = (u64::from(e.customer).wrapping_mul(0x9e37_79b9).wrapping_add(salt) % parts as u64) as usize;
            push(&mut split[part], e);
        }
        let whole = whole.build();
        let expected = analyze(&map, &whole, &options).unwrap();
        let partials: Vec<Partial> = split
            .into_iter()
            .map(|b| Partial::from_log(&map, &b.build(), &options).unwrap())
            .collect();
        // Left fold, right fold and a reversed order: all the same.
        let left = partials.iter().cloned().reduce(|a, b| a.merge(b).unwrap()).unwrap();
        let right = partials.iter().cloned().rev().reduce(|a, b| b.merge(a).unwrap()).unwrap();
        let reversed = partials.iter().cloned().rev().reduce(|a, b| a.merge(b).unwrap()).unwrap();
        for merged in [left, right, reversed] {
            prop_assert_eq!(json(&merged.finish(&map, &options).unwrap()), json(&expected));
        }
        // Through JSON, as between workers.
        let shipped: Vec<Partial> = partials
            .iter()
            .map(|p| serde_json::from_str(&serde_json::to_string(p).unwrap()).unwrap())
            .collect();
        let merged = shipped.into_iter().reduce(|a, b| a.merge(b).unwrap()).unwrap();
        prop_assert_eq!(json(&merged.finish(&map, &options).unwrap()), json(&expected));
        // Through the binary form (Partial::to_bytes), as the CLI's map-reduce
        // and the Spark and Dask workers ship them: each decodes to an equal
        // partial, and their merge is the whole log's.
        let decoded: Vec<Partial> = partials
            .iter()
            .map(|p| Partial::from_bytes(&p.to_bytes()).unwrap())
            .collect();
        for (d, p) in decoded.iter().zip(&partials) {
            prop_assert_eq!(serde_json::to_string(d).unwrap(), serde_json::to_string(p).unwrap());
        }
        let merged = decoded.into_iter().reduce(|a, b| a.merge(b).unwrap()).unwrap();
        prop_assert_eq!(json(&merged.finish(&map, &options).unwrap()), json(&expected));
    }

    #[test]
    fn merge_is_associative_and_commutative(
        a in proptest::collection::vec(ev(), 0..80),
        b in proptest::collection::vec(ev(), 0..80),
        c in proptest::collection::vec(ev(), 0..80),
    ) {
        let map = map();
        let options = ReportOptions::default().include_customers(true);
        let partial = |events: &[Ev], tag: &str| {
            let mut builder = EventLog::builder(&map);
            for e in events {
                // Distinct customers per part.
                let mut e = e.clone();
                e.customer = e.customer.wrapping_add(match tag { "a" => 0, "b" => 30, _ => 60 });
                push(&mut builder, &e);
            }
            Partial::from_log(&map, &builder.build(), &options).unwrap()
        };
        let (pa, pb, pc) = (partial(&a, "a"), partial(&b, "b"), partial(&c, "c"));
        let ab_c = pa.clone().merge(pb.clone()).unwrap().merge(pc.clone()).unwrap();
        let a_bc = pa.clone().merge(pb.clone().merge(pc.clone()).unwrap()).unwrap();
        let c_ba = pc.merge(pb.merge(pa).unwrap()).unwrap();
        let r = json(&ab_c.finish(&map, &options).unwrap());
        prop_assert_eq!(&r, &json(&a_bc.finish(&map, &options).unwrap()));
        prop_assert_eq!(&r, &json(&c_ba.finish(&map, &options).unwrap()));
    }
}

#[test]
fn merging_partials_of_other_maps_or_options_is_refused() {
    let map = map();
    let options = ReportOptions::default();
    let log = EventLog::builder(&map).build();
    let p = Partial::from_log(&map, &log, &options).unwrap();
    let other = ReportOptions::default().collapse_repeats(false);
    let q = Partial::from_log(&map, &log, &other).unwrap();
    assert_eq!(p.clone().merge(q).unwrap_err().code(), "INVALID_VALUE");
    // top_k is presentation only.
    let r = Partial::from_log(&map, &log, &ReportOptions::default().top_k(3)).unwrap();
    assert!(p.clone().merge(r).is_ok());
    let mut doc = map.document().clone();
    doc.name = "Another map".into();
    let map2 = JourneyMap::from_document(doc).unwrap();
    let s = Partial::from_log(&map2, &EventLog::builder(&map2).build(), &options).unwrap();
    assert_eq!(p.clone().merge(s).unwrap_err().code(), "INVALID_VALUE");
    assert_eq!(
        p.finish(&map2, &options).unwrap_err().code(),
        "INVALID_VALUE"
    );
    assert_eq!(
        analyze(&map2, &log, &options).unwrap_err().code(),
        "INVALID_VALUE"
    );
}

#[test]
fn corrupted_partials_are_refused_not_panicking() {
    let map = map();
    let options = ReportOptions::default();
    let mut b = EventLog::builder(&map);
    b.push(&Event::touchpoint("c1", 0, "ad")).unwrap();
    b.push(&Event::touchpoint("c1", 1, "product")).unwrap();
    let p = Partial::from_log(&map, &b.build(), &options).unwrap();
    let text = serde_json::to_string(&p).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["touchpoints"].as_array_mut().unwrap().pop();
    let broken: Partial = serde_json::from_value(value).unwrap();
    assert_eq!(
        broken.finish(&map, &options).unwrap_err().code(),
        "INVALID_VALUE"
    );
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["variants"] = serde_json::json!([[[99], {"customers": 1, "conversions": 0}]]);
    let broken: Partial = serde_json::from_value(value).unwrap();
    assert_eq!(
        broken.finish(&map, &options).unwrap_err().code(),
        "INVALID_VALUE"
    );
    // Counts at the limit saturate instead of overflowing.
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["totals"]["customers"] = serde_json::json!(u64::MAX);
    value["touchpoints"][0]["value"] = serde_json::json!(12345);
    // Fixed-point sums are i128: beyond u64 in JSON text too.
    let big = serde_json::to_string(&value)
        .unwrap()
        .replace("\"value\":12345", &format!("\"value\":{}", i128::MAX));
    assert!(big.contains(&i128::MAX.to_string()));
    let huge: Partial = serde_json::from_str(&big).unwrap();
    let merged = huge.clone().merge(huge).unwrap();
    assert_eq!(merged.customers(), u64::MAX);
    assert!(merged.finish(&map, &options).is_ok());
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["transitions"]["entries"] = serde_json::json!([[0, 99, {"count": 1, "customers": 1}]]);
    assert!(serde_json::from_value::<Partial>(value).is_err());
}

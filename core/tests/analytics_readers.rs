//! Readers, builder and columns: configuration, edge cases, located errors,
//! and no panic on any input.

use std::io::Read;

use journeymap::analytics::{
    analyze, Columns, CsvOptions, Event, EventLog, FieldNames, JsonlOptions, OnError,
    ReportOptions, TimeUnit, TimestampFormat,
};
use journeymap::JourneyMap;
use proptest::prelude::*;

fn map() -> JourneyMap {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/events/shop.json"
    );
    JourneyMap::from_path(path).unwrap()
}

fn steps(log: &EventLog, customer: &str) -> Vec<(i64, Option<usize>, Option<String>)> {
    log.journey(customer)
        .unwrap()
        .into_iter()
        .map(|e| (e.timestamp_ms, e.touchpoint, e.unknown_event))
        .collect()
}

#[test]
fn csv_with_other_names_delimiter_bom_and_quotes() {
    let map = map();
    let text = "\u{feff}user;when;what;path;amount;rating;tier\n\
                u1;1000;page_view;/product/1;;;gold\n\
                u1;500;ad_click;;\"1,5\";;\n\
                \"u;2\";2000;\"purchase\";;12.25;4;\n";
    let names = FieldNames {
        customer: "user".into(),
        timestamp: "when".into(),
        event: "what".into(),
        value: "amount".into(),
        score: "rating".into(),
        segment: "tier".into(),
        ..FieldNames::default()
    };
    let options = CsvOptions::default()
        .timestamp_unit(TimeUnit::Millis)
        .fields(names)
        .delimiter(b';');
    // "1,5" is not a number: the field is located by its configured name.
    let err = EventLog::from_csv(text.as_bytes(), &map, &options).unwrap_err();
    let row = err.row_error().unwrap();
    assert_eq!(
        (err.code(), row.line, row.column.as_deref()),
        ("BAD_NUMBER", Some(3), Some("amount"))
    );
    let log = EventLog::from_csv(text.as_bytes(), &map, &options.on_error(OnError::Skip)).unwrap();
    assert_eq!(log.customers(), 2);
    assert_eq!(steps(&log, "u1"), [(1000, Some(2), None)]);
    assert_eq!(steps(&log, "u;2"), [(2000, Some(5), None)]);
    let e = &log.journey("u;2").unwrap()[0];
    assert_eq!((e.value, e.score), (Some(12.25), Some(4.0)));
    assert_eq!(
        log.journey("u1").unwrap()[0].segment.as_deref(),
        Some("gold")
    );
}

#[test]
fn csv_header_problems_are_fatal() {
    let map = map();
    for (text, code, column) in [
        (
            "customer_id,timestamp\nc1,0\n",
            "MISSING_COLUMN",
            "touchpoint",
        ),
        (
            "timestamp,touchpoint\n0,ad\n",
            "MISSING_COLUMN",
            "customer_id",
        ),
        (
            "customer_id,timestamp,event,event\nc1,0,a,b\n",
            "DUPLICATE_COLUMN",
            "event",
        ),
    ] {
        for policy in [OnError::Fail, OnError::Skip] {
            let options = CsvOptions::default()
                .timestamp_unit(TimeUnit::Millis)
                .on_error(policy);
            let err = EventLog::from_csv(text.as_bytes(), &map, &options).unwrap_err();
            assert_eq!(err.code(), code, "{text}");
            assert_eq!(err.row_error().unwrap().column.as_deref(), Some(column));
        }
    }
    // An empty input has no header at all.
    let err = EventLog::from_csv(
        &b""[..],
        &map,
        &CsvOptions::default().timestamp_unit(TimeUnit::Millis),
    )
    .unwrap_err();
    assert_eq!(err.code(), "MISSING_COLUMN");
}

/// A field named to segment by must be in the log, whichever the reader;
/// under its default name the segment is optional.
#[test]
fn a_segment_by_field_the_log_lacks_is_a_missing_column() {
    let map = map();
    let tier = FieldNames::default().segment_by("tier");
    let located = |err: journeymap::Error| {
        let row = err.row_error().unwrap();
        (err.code(), row.row, row.column.clone().unwrap_or_default())
    };
    let missing = ("MISSING_COLUMN", 0, "tier".to_owned());
    for policy in [OnError::Fail, OnError::Skip] {
        // CSV: no such column, at the header; a column with no value at all.
        let csv = CsvOptions::default()
            .timestamp_unit(TimeUnit::Millis)
            .fields(tier.clone())
            .on_error(policy);
        for text in [
            "customer_id,timestamp,touchpoint,segment\nc1,0,ad,gold\n",
            "customer_id,timestamp,touchpoint,tier\nc1,0,ad,\nc2,0,ad,\n",
        ] {
            let err = EventLog::from_csv(text.as_bytes(), &map, &csv).unwrap_err();
            assert_eq!(located(err), missing, "{text}");
        }
        let text = "customer_id,timestamp,touchpoint,tier\nc1,0,ad,\nc2,0,ad,gold\n";
        let log = EventLog::from_csv(text.as_bytes(), &map, &csv).unwrap();
        assert_eq!(
            log.journey("c2").unwrap()[0].segment.as_deref(),
            Some("gold")
        );
        // A header alone: no events, nothing to segment, no error.
        let log = EventLog::from_csv(&b"customer_id,timestamp,touchpoint,tier\n"[..], &map, &csv);
        assert_eq!(log.unwrap().len(), 0);
        // Without segment_by the default `segment` field is optional.
        let plain = CsvOptions::default()
            .timestamp_unit(TimeUnit::Millis)
            .on_error(policy);
        assert!(EventLog::from_csv(
            &b"customer_id,timestamp,touchpoint\nc1,0,ad\n"[..],
            &map,
            &plain
        )
        .is_ok());

        // JSON Lines: no event has the field.
        let jsonl = JsonlOptions::default()
            .timestamp_unit(TimeUnit::Millis)
            .fields(tier.clone())
            .on_error(policy);
        let text = "{\"customer_id\": \"c1\", \"timestamp\": 0, \"touchpoint\": \"ad\", \"segment\": \"gold\"}\n";
        let err = EventLog::from_jsonl(text.as_bytes(), &map, &jsonl).unwrap_err();
        assert_eq!(located(err), missing);
        let text = "{\"customer_id\": \"c1\", \"timestamp\": 0, \"touchpoint\": \"ad\", \"tier\": \"gold\"}\n";
        assert!(EventLog::from_jsonl(text.as_bytes(), &map, &jsonl).is_ok());

        // Columns: no segment column.
        let customers = ["c1"];
        let times = [0i64];
        let touchpoints = [Some("ad")];
        let columns = Columns {
            touchpoint: Some(&touchpoints),
            fields: tier.clone(),
            ..Columns::new(&customers, &times)
        };
        let err = EventLog::from_columns(&map, &columns, policy).unwrap_err();
        assert_eq!(located(err), missing);
        let tiers = [Some("gold")];
        let columns = Columns {
            segment: Some(&tiers),
            ..columns
        };
        assert!(EventLog::from_columns(&map, &columns, policy).is_ok());
    }
}

#[test]
fn csv_bad_utf8_and_epoch_seconds() {
    let map = map();
    let mut text = b"customer_id,timestamp,touchpoint\nc1,10,ad\nc".to_vec();
    text.extend([0xff, 0xfe]);
    text.extend(b",11,ad\nc1,12,mail\n");
    let options = CsvOptions::default().timestamp_format(TimestampFormat::EpochSeconds);
    let err = EventLog::from_csv(&text[..], &map, &options).unwrap_err();
    assert_eq!(err.code(), "BAD_ENCODING");
    let log = EventLog::from_csv(&text[..], &map, &options.on_error(OnError::Skip)).unwrap();
    assert_eq!(
        steps(&log, "c1"),
        [(10_000, Some(0), None), (12_000, Some(1), None)]
    );
    assert_eq!(log.stats().skipped["BAD_ENCODING"], 1);
    let example = &log.stats().examples[0];
    assert_eq!(
        (example.row, example.line, example.column.as_deref()),
        (2, Some(3), Some("customer_id"))
    );
}

#[test]
fn jsonl_details() {
    let map = map();
    let long = format!(
        "{{\"customer_id\": \"c9\", \"timestamp\": 0, \"event\": \"{}\"}}",
        "x".repeat(300)
    );
    let text = format!(
        "{{\"who\": 7, \"at\": 1.0e3, \"event\": \"page_view\", \"path\": \"/product/1\"}}\r\n\
         {long}\n\
         {{\"who\": \"c2\", \"at\": \"1970-01-01T00:00:02Z\", \"event\": \"visit\", \"channel\": \"store\", \"attributes\": {{\"n\": 1, \"ok\": true, \"deep\": {{\"a\": [1]}}}}}}\n\
         {{\"who\": \"c2\", \"at\": 3000, \"channel\": \"fax\"}}\n\
         {{\"who\": \"c2\", \"at\": 4000, \"event\": \"chat\", \"attributes\": [1]}}\n\
         {{\"who\": \"c2\", \"at\": 1.5, \"event\": \"chat\"}}\n\
         {{\"who\": \"c2\", \"at\": true, \"event\": \"chat\"}}"
    );
    let names = FieldNames {
        customer: "who".into(),
        timestamp: "at".into(),
        ..FieldNames::default()
    };
    let options = JsonlOptions::default()
        .timestamp_unit(TimeUnit::Millis)
        .fields(names)
        .max_line_bytes(200)
        .on_error(OnError::Skip);
    let log = EventLog::from_jsonl(text.as_bytes(), &map, &options).unwrap();
    assert_eq!(steps(&log, "7"), [(1000, Some(2), None)]);
    assert_eq!(
        steps(&log, "c2"),
        [
            (2000, Some(3), None),
            (3000, None, Some("channel=fax".into()))
        ]
    );
    let stats = log.stats();
    assert_eq!(stats.rows, 7);
    assert_eq!(stats.skipped["LINE_TOO_LONG"], 1);
    assert_eq!(stats.skipped["BAD_TYPE"], 1);
    assert_eq!(stats.skipped["BAD_TIMESTAMP"], 2);
    assert_eq!(stats.examples[0].line, Some(2));
}

#[test]
fn jsonl_attribute_values_are_text() {
    let map = JourneyMap::from_json(
        r#"{"name":"m","stages":[{"id":"s","name":"S"}],
        "channels":[{"id":"w","name":"W","kind":"digital"}],
        "touchpoints":[{"id":"n","name":"N","stage":"s","channel":"w","match":[{"event":"e","attributes":{"n":"12","b":"true"}}]}]}"#,
    )
    .unwrap();
    let text = "{\"customer_id\": \"c\", \"timestamp\": 0, \"event\": \"e\", \"n\": 12, \"attributes\": {\"b\": true}}\n";
    let log = EventLog::from_jsonl(
        text.as_bytes(),
        &map,
        &JsonlOptions::default().timestamp_unit(TimeUnit::Millis),
    )
    .unwrap();
    assert_eq!(log.unknown_events(), 0);
}

#[test]
fn journeys_are_ordered_by_time_then_input_order() {
    let map = map();
    let mut b = EventLog::builder(&map);
    for (t, tp) in [
        (5, "cart"),
        (1, "ad"),
        (5, "product"),
        (5, "ad"),
        (0, "mail"),
    ] {
        b.push(&Event::touchpoint("c", t, tp)).unwrap();
    }
    let log = b.build();
    let order: Vec<_> = steps(&log, "c")
        .into_iter()
        .map(|s| (s.0, s.1.unwrap()))
        .collect();
    assert_eq!(order, [(0, 1), (1, 0), (5, 4), (5, 2), (5, 0)]);
    assert!(log.journey("nobody").is_none());
}

#[test]
fn builder_policies_and_rows() {
    let map = map();
    let mut b = EventLog::builder(&map);
    b.push(&Event::touchpoint("c", 0, "ad")).unwrap();
    let err = b
        .push(&Event::touchpoint("c", 0, "ad").with_value(f64::NAN))
        .unwrap_err();
    let row = err.row_error().unwrap();
    assert_eq!((err.code(), row.row, row.line), ("BAD_NUMBER", 2, None));
    let err = b
        .push(&Event::touchpoint("c", 0, "ad").with_value(2e15))
        .unwrap_err();
    assert_eq!(err.code(), "BAD_NUMBER");
    let err = b
        .push(&Event::touchpoint("c", 0, "ad").with_score(f64::INFINITY))
        .unwrap_err();
    assert_eq!(err.code(), "BAD_NUMBER");
    let err = b
        .push(&Event {
            customer: "c",
            ..Event::default()
        })
        .unwrap_err();
    assert_eq!(err.code(), "MISSING_EVENT");
    assert_eq!(b.len(), 1);
    let mut b = EventLog::builder(&map).on_error(OnError::Skip);
    b.push(&Event::touchpoint("c", 0, "nowhere")).unwrap();
    b.push(&Event::raw("c", 0, "nothing-matches").with_channel("sms"))
        .unwrap();
    let log = b.build();
    assert_eq!(log.stats().skipped["UNKNOWN_TOUCHPOINT"], 1);
    assert_eq!(
        steps(&log, "c"),
        [(0, None, Some("nothing-matches".into()))]
    );
    let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
    assert_eq!(report.ingest.rows, 2);
    assert_eq!(report.unknown_events.top[0].name, "nothing-matches");
}

#[test]
fn columns_are_checked_and_located() {
    let map = map();
    let customer = ["a", "b", ""];
    let ts = [0, 1, 2];
    let tp = [Some("ad"), Some("ad"), Some("ad")];
    let short = [Some("x")];
    let columns = Columns {
        touchpoint: Some(&tp),
        event: Some(&short),
        ..Columns::new(&customer, &ts)
    };
    let err = EventLog::from_columns(&map, &columns, OnError::Fail).unwrap_err();
    assert_eq!((err.code(), err.path()), ("INVALID_VALUE", Some("/event")));
    let columns = Columns {
        touchpoint: Some(&tp),
        ..Columns::new(&customer, &ts)
    };
    let err = EventLog::from_columns(&map, &columns, OnError::Fail).unwrap_err();
    assert_eq!(
        (err.code(), err.row_error().unwrap().row),
        ("EMPTY_CUSTOMER", 3)
    );
    let log = EventLog::from_columns(&map, &columns, OnError::Skip).unwrap();
    assert_eq!((log.len(), log.customers()), (2, 2));
    // Numbers as text: parsed like CSV cells, after the timestamp; a
    // column given both ways, or short, is refused by name.
    let values = [Some(1.0), None, None];
    let text = [Some(" 2.5"), Some("2,5"), Some("")];
    let scores = [Some("x"), None, None];
    for (columns, path) in [
        (
            Columns {
                value: Some(&values),
                value_text: Some(&text),
                ..columns.clone()
            },
            "/value_text",
        ),
        (
            Columns {
                score_text: Some(&scores[..1]),
                ..columns.clone()
            },
            "/score_text",
        ),
    ] {
        let err = EventLog::from_columns(&map, &columns, OnError::Skip).unwrap_err();
        assert_eq!((err.code(), err.path()), ("INVALID_VALUE", Some(path)));
    }
    let columns = Columns {
        value_text: Some(&text),
        score_text: Some(&scores),
        ..columns
    };
    let err = EventLog::from_columns(&map, &columns, OnError::Fail).unwrap_err();
    let row = err.row_error().unwrap();
    assert_eq!(
        (err.code(), row.row, row.column.as_deref()),
        ("BAD_NUMBER", 1, Some("score"))
    );
    assert!(
        row.message.contains("\"x\" is not a number"),
        "{}",
        row.message
    );
    let log = EventLog::from_columns(&map, &columns, OnError::Skip).unwrap();
    // Row 1: bad score; row 2: "2,5" is not a number; row 3: empty customer.
    assert_eq!(log.len(), 0);
    assert_eq!(log.stats().skipped["BAD_NUMBER"], 2);
}

#[test]
fn options_are_validated() {
    let map = map();
    let log = EventLog::builder(&map).build();
    for (options, code) in [
        (ReportOptions::default().conversions(["nope"]), "NOT_FOUND"),
        (
            ReportOptions::default().position_weights(0.6, 0.5),
            "INVALID_VALUE",
        ),
        (
            ReportOptions::default().position_weights(f64::NAN, 0.5),
            "INVALID_VALUE",
        ),
        (
            ReportOptions {
                half_life_ms: 0,
                ..ReportOptions::default()
            },
            "INVALID_VALUE",
        ),
        (
            ReportOptions {
                conversion_window_ms: Some(-1),
                ..ReportOptions::default()
            },
            "INVALID_VALUE",
        ),
        (
            ReportOptions::default()
                .score_scale(journeymap::analytics::ScoreScale::Range { min: 5.0, max: 5.0 }),
            "INVALID_VALUE",
        ),
    ] {
        assert_eq!(analyze(&map, &log, &options).unwrap_err().code(), code);
    }
    // An empty log gives an empty, valid report.
    let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
    assert_eq!(report.totals.customers, 0);
    assert_eq!(report.totals.conversion_rate, None);
    assert_eq!(report.attribution.markov_conversion_probability, None);
    assert_eq!(report.transitions.len(), map.transitions().len());
}

#[test]
fn custom_conversions_replace_the_maps() {
    let map = map();
    let mut b = EventLog::builder(&map);
    b.push(&Event::touchpoint("c", 0, "ad")).unwrap();
    b.push(&Event::touchpoint("c", 1, "cart")).unwrap();
    let log = b.build();
    let report = analyze(&map, &log, &ReportOptions::default().conversions(["cart"])).unwrap();
    assert_eq!(report.conversion_touchpoints, ["cart"]);
    assert_eq!(report.totals.converted_customers, 1);
    assert_eq!(
        report.attribution.touchpoints[0].first_touch.conversions,
        1.0
    );
}

struct FailingReader(usize);

impl Read for FailingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.0 == 0 {
            return Err(std::io::Error::other("disk on fire"));
        }
        let text = b"customer_id,timestamp,touchpoint\n";
        let n = text.len().min(buf.len());
        buf[..n].copy_from_slice(&text[..n]);
        self.0 -= 1;
        Ok(n)
    }
}

#[test]
fn io_errors_are_reported() {
    let map = map();
    let err = EventLog::from_csv(
        FailingReader(1),
        &map,
        &CsvOptions::default().timestamp_unit(TimeUnit::Millis),
    )
    .unwrap_err();
    assert_eq!(err.code(), "IO");
    let err = EventLog::from_jsonl(
        FailingReader(0),
        &map,
        &JsonlOptions::default().timestamp_unit(TimeUnit::Millis),
    )
    .unwrap_err();
    assert_eq!(err.code(), "IO");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any bytes: a log or a located error, never a panic.
    #[test]
    fn readers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), text in "[a-z0-9_,;:\"{}\\[\\] \n.-]{0,300}") {
        let map = map();
        for input in [bytes.as_slice(), text.as_bytes()] {
            for policy in [OnError::Fail, OnError::Skip] {
                let csv = format!("customer_id,timestamp,touchpoint,event,value\n{}", String::from_utf8_lossy(input));
                if let Ok(log) = EventLog::from_csv(csv.as_bytes(), &map, &CsvOptions::default().timestamp_unit(TimeUnit::Millis).on_error(policy)) {
                    analyze(&map, &log, &ReportOptions::default()).unwrap();
                }
                if let Ok(log) = EventLog::from_jsonl(input, &map, &JsonlOptions::default().timestamp_unit(TimeUnit::Millis).on_error(policy)) {
                    analyze(&map, &log, &ReportOptions::default()).unwrap();
                }
            }
        }
    }

    /// Arbitrary field values in well-formed rows.
    #[test]
    fn odd_values_never_panic(
        customer in "\\PC{0,8}",
        ts in prop_oneof![any::<i64>().prop_map(|t| t.to_string()), "\\PC{0,30}"],
        value in prop_oneof![any::<f64>().prop_map(|v| v.to_string()), "\\PC{0,6}"],
        window in proptest::option::of(any::<i64>().prop_map(i64::abs)),
    ) {
        let map = map();
        let mut w = csv_writer();
        w.write_record(["customer_id", "timestamp", "touchpoint", "value"]).unwrap();
        w.write_record([customer.as_str(), ts.as_str(), "ad", value.as_str()]).unwrap();
        w.write_record([customer.as_str(), "0", "checkout", value.as_str()]).unwrap();
        let bytes = w.into_inner().unwrap();
        let log = EventLog::from_csv(&bytes[..], &map, &CsvOptions::default().timestamp_unit(TimeUnit::Millis).on_error(OnError::Skip)).unwrap();
        let options = ReportOptions { conversion_window_ms: window, lookback_window_ms: window, ..ReportOptions::default() };
        let report = analyze(&map, &log, &options).unwrap();
        prop_assert_eq!(report.ingest.rows, 2);
    }
}

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::Writer::from_writer(Vec::new())
}

#[test]
fn large_columns_read_like_one_pass() {
    let map = map();
    let n = 150_000;
    let names: Vec<String> = (0..n).map(|i| format!("c{}", i % 7919)).collect();
    let mut customer: Vec<&str> = names.iter().map(String::as_str).collect();
    let ts: Vec<i64> = (0..n as i64).map(|i| (i * 7919) % 100_003).collect();
    let tps = ["ad", "product", "cart", "checkout"];
    let tp: Vec<Option<&str>> = (0..n).map(|i| Some(tps[i % 4])).collect();
    let columns = Columns {
        touchpoint: Some(&tp),
        ..Columns::new(&customer, &ts)
    };
    let log = EventLog::from_columns(&map, &columns, OnError::Fail).unwrap();
    let mut b = EventLog::builder(&map);
    for i in 0..n {
        b.push(&Event::touchpoint(customer[i], ts[i], tps[i % 4]))
            .unwrap();
    }
    let one = b.build();
    assert_eq!(
        log.customer_ids().collect::<Vec<_>>(),
        one.customer_ids().collect::<Vec<_>>()
    );
    for c in ["c0", "c17", "c7918"] {
        assert_eq!(log.journey(c), one.journey(c));
    }
    // The first bad row is reported with its position, even in a late chunk.
    customer[140_001] = "";
    customer[149_999] = "";
    let columns = Columns {
        touchpoint: Some(&tp),
        ..Columns::new(&customer, &ts)
    };
    let err = EventLog::from_columns(&map, &columns, OnError::Fail).unwrap_err();
    assert_eq!(
        (err.code(), err.row_error().unwrap().row),
        ("EMPTY_CUSTOMER", 140_002)
    );
    let log = EventLog::from_columns(&map, &columns, OnError::Skip).unwrap();
    assert_eq!(log.len(), n - 2);
    let rows: Vec<u64> = log.stats().examples.iter().map(|e| e.row).collect();
    assert_eq!(rows, [140_002, 150_000]);
}

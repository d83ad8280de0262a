//! `EventLog::from_columns` with timestamps given as text or as epoch
//! milliseconds that may be missing (`Columns::timestamps`): parsing with a
//! `TimestampFormat`, `BAD_TIMESTAMP` rows located by row and column, the
//! skip policy, column names from `Columns::fields`, and the same report as
//! the CSV reader on the shared fixture.

use journeymap::analytics::{
    analyze, Columns, CsvOptions, EventLog, FieldNames, OnError, ReportOptions, TimeSpec,
    TimestampFormat, Timestamps,
};
use journeymap::JourneyMap;

const MAP: &str = r#"{"name": "x", "stages": [{"id": "s", "name": "S"}],
  "channels": [{"id": "w", "name": "W", "kind": "digital"}],
  "touchpoints": [{"id": "home", "name": "Home", "stage": "s", "channel": "w"},
                  {"id": "pay", "name": "Pay", "stage": "s", "channel": "w", "kind": "conversion"}]}"#;

fn map() -> JourneyMap {
    JourneyMap::from_json(MAP).unwrap()
}

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

#[test]
fn text_timestamps_in_every_format() {
    let map = map();
    let customer = ["c1", "c1"];
    let touchpoint = [Some("home"), Some("pay")];
    for (format, text, ms) in [
        (
            TimestampFormat::Auto,
            ["2026-03-01T09:00:00Z", "1772355660000"],
            [1_772_355_600_000, 1_772_355_660_000],
        ),
        (
            TimestampFormat::Rfc3339,
            ["2026-03-01T10:00:00+01:00", "2026-03-01 09:01:00.000Z"],
            [1_772_355_600_000, 1_772_355_660_000],
        ),
        (
            TimestampFormat::EpochMillis,
            ["1772355600000", "1772355660000"],
            [1_772_355_600_000, 1_772_355_660_000],
        ),
        (
            TimestampFormat::EpochSeconds,
            ["1772355600", "1772355660"],
            [1_772_355_600_000, 1_772_355_660_000],
        ),
    ] {
        let text = text.map(Some);
        let columns = Columns {
            timestamps: Some(Timestamps::Text(&text, &TimeSpec::new(format.clone()))),
            touchpoint: Some(&touchpoint),
            ..Columns::new(&customer, &[])
        };
        let log = EventLog::from_columns(&map, &columns, OnError::Fail).unwrap();
        let got: Vec<i64> = log
            .journey("c1")
            .unwrap()
            .iter()
            .map(|e| e.timestamp_ms)
            .collect();
        assert_eq!(got, ms, "{format:?}");
    }
}

#[test]
fn bad_and_missing_text_timestamps_are_located_rows() {
    let map = map();
    let customer = ["c1", "c2", "c3", "c4", "c5"];
    let touchpoint = [Some("home"); 5];
    let text = [
        Some("2026-03-01T09:00:00Z"),
        Some("2026-03-01T25:00:00"), // no such hour
        None,
        Some(""),
        Some("1772355600"),
    ];
    let columns = Columns {
        timestamps: Some(Timestamps::Text(
            &text,
            &TimeSpec::new(TimestampFormat::Rfc3339),
        )),
        touchpoint: Some(&touchpoint),
        ..Columns::new(&customer, &[])
    };
    let err = EventLog::from_columns(&map, &columns, OnError::Fail).unwrap_err();
    assert_eq!(err.code(), "BAD_TIMESTAMP");
    let row = err.row_error().unwrap();
    assert_eq!(
        (row.row, row.line, row.column.as_deref()),
        (2, None, Some("timestamp"))
    );
    assert!(
        row.message.contains("2026-03-01T25:00:00"),
        "{}",
        row.message
    );

    let log = EventLog::from_columns(&map, &columns, OnError::Skip).unwrap();
    assert_eq!((log.len(), log.customers()), (1, 1));
    let stats = log.stats();
    assert_eq!(stats.rows, 5);
    assert_eq!(stats.skipped["BAD_TIMESTAMP"], 4);
    let rows: Vec<u64> = stats.examples.iter().map(|e| e.row).collect();
    assert_eq!(rows, [2, 3, 4, 5]);
    assert!(stats.examples[1].message.contains("empty"));
}

#[test]
fn missing_millis_are_bad_timestamps_among_other_row_errors() {
    let map = map();
    let customer = ["c1", "", "c3", "c4"];
    let ms = [Some(1), Some(2), None, Some(4)];
    let touchpoint = [Some("home"), Some("home"), Some("home"), Some("nowhere")];
    let columns = Columns {
        timestamps: Some(Timestamps::Millis(&ms)),
        touchpoint: Some(&touchpoint),
        ..Columns::new(&customer, &[])
    };
    let log = EventLog::from_columns(&map, &columns, OnError::Skip).unwrap();
    let codes: Vec<(&str, u64)> = log
        .stats()
        .examples
        .iter()
        .map(|e| (e.kind.code(), e.row))
        .collect();
    assert_eq!(
        codes,
        [
            ("EMPTY_CUSTOMER", 2),
            ("BAD_TIMESTAMP", 3),
            ("UNKNOWN_TOUCHPOINT", 4)
        ]
    );
    assert_eq!(log.len(), 1);
}

#[test]
fn row_errors_name_the_columns_as_given() {
    let map = map();
    let customer = ["c1", ""];
    let text = [Some("soon"), Some("2026-03-01T09:00:00Z")];
    let touchpoint = [Some("home"); 2];
    let fields = FieldNames {
        customer: "user".into(),
        timestamp: "when".into(),
        ..FieldNames::default()
    };
    let columns = Columns {
        timestamps: Some(Timestamps::Text(
            &text,
            &TimeSpec::new(TimestampFormat::Auto),
        )),
        touchpoint: Some(&touchpoint),
        fields,
        ..Columns::new(&customer, &[])
    };
    let log = EventLog::from_columns(&map, &columns, OnError::Skip).unwrap();
    let named: Vec<Option<&str>> = log
        .stats()
        .examples
        .iter()
        .map(|e| e.column.as_deref())
        .collect();
    assert_eq!(named, [Some("when"), Some("user")]);
}

#[test]
fn row_numbers_run_across_chunks() {
    // More rows than one chunk of the parallel builder (2^16): the row
    // numbers of errors are positions in the whole columns.
    let map = map();
    let n = 200_000;
    let names: Vec<String> = (0..n).map(|i| format!("c{}", i % 1000)).collect();
    let customer: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut ms: Vec<Option<i64>> = (0..n as i64).map(Some).collect();
    ms[70_000] = None;
    ms[150_001] = None;
    let touchpoint = vec![Some("home"); n];
    let columns = Columns {
        timestamps: Some(Timestamps::Millis(&ms)),
        touchpoint: Some(&touchpoint),
        ..Columns::new(&customer, &[])
    };
    let err = EventLog::from_columns(&map, &columns, OnError::Fail).unwrap_err();
    assert_eq!(err.row_error().unwrap().row, 70_001);
    let log = EventLog::from_columns(&map, &columns, OnError::Skip).unwrap();
    let rows: Vec<u64> = log.stats().examples.iter().map(|e| e.row).collect();
    assert_eq!(rows, [70_001, 150_002]);
    assert_eq!((log.len(), log.stats().rows), (n - 2, n as u64));
}

#[test]
fn timestamps_given_twice_or_of_another_length_are_refused() {
    let map = map();
    let customer = ["c1", "c2"];
    let touchpoint = [Some("home"); 2];
    let text = [Some("1"), Some("2")];
    let both = Columns {
        timestamps: Some(Timestamps::Text(
            &text,
            &TimeSpec::new(TimestampFormat::Auto),
        )),
        touchpoint: Some(&touchpoint),
        ..Columns::new(&customer, &[1, 2])
    };
    let err = EventLog::from_columns(&map, &both, OnError::Skip).unwrap_err();
    assert_eq!(err.code(), "INVALID_VALUE");
    let short = [Some(1)];
    let columns = Columns {
        timestamps: Some(Timestamps::Millis(&short)),
        touchpoint: Some(&touchpoint),
        ..Columns::new(&customer, &[])
    };
    let err = EventLog::from_columns(&map, &columns, OnError::Skip).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        ("INVALID_VALUE", Some("/timestamps"))
    );
}

/// shop.csv split into text columns gives the report the CSV reader gives.
#[test]
fn text_columns_of_the_shop_fixture_match_the_csv_reader() {
    let map = JourneyMap::from_path(root().join("tests/fixtures/events/shop.json")).unwrap();
    let text = std::fs::read_to_string(root().join("tests/fixtures/events/shop.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let col = |name: &str| -> Vec<Option<&str>> {
        let i = header.iter().position(|h| *h == name).unwrap();
        rows.iter()
            .map(|r| Some(r[i]).filter(|c| !c.is_empty()))
            .collect()
    };
    let num = |name: &str| -> Vec<Option<f64>> {
        col(name)
            .into_iter()
            .map(|c| c.map(|c| c.parse().unwrap()))
            .collect()
    };
    let customer: Vec<&str> = col("customer_id").into_iter().map(Option::unwrap).collect();
    let (timestamp, touchpoint, event, channel, segment, path) = (
        col("timestamp"),
        col("touchpoint"),
        col("event"),
        col("channel"),
        col("segment"),
        col("path"),
    );
    let (value, score) = (num("value"), num("score"));
    let columns = Columns {
        timestamps: Some(Timestamps::Text(
            &timestamp,
            &TimeSpec::new(TimestampFormat::Auto),
        )),
        touchpoint: Some(&touchpoint),
        event: Some(&event),
        channel: Some(&channel),
        value: Some(&value),
        score: Some(&score),
        segment: Some(&segment),
        attributes: vec![("path", &path[..])],
        ..Columns::new(&customer, &[])
    };
    let options = ReportOptions::new().half_life(std::time::Duration::from_secs(300));
    let from_columns = EventLog::from_columns(&map, &columns, OnError::Fail).unwrap();
    let from_csv = EventLog::from_csv(text.as_bytes(), &map, &CsvOptions::default()).unwrap();
    assert_eq!(
        analyze(&map, &from_columns, &options).unwrap(),
        analyze(&map, &from_csv, &options).unwrap()
    );
}

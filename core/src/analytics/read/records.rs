//! Reading an event log from records already in memory: each record a list
//! of named JSON values, read by the rules of a JSON Lines line (a binding
//! hands over the objects of its language without writing JSON text).

use std::borrow::Cow;

use super::jsonl::{jsonl_builder, not_an_object, read_object, Scalar};
use super::JsonlOptions;
use crate::analytics::log::{EventLog, EventLogBuilder};
use crate::error::Error;
use crate::error::{RowError, RowErrorKind};
use crate::JourneyMap;

/// A value of an event record read by [`EventLog::from_records`]: what a
/// field of a JSON Lines line holds, already parsed. Integers and other
/// numbers are apart as in JSON text (`5` and `5.5`): a customer id,
/// event name, channel or segment may be an integer but not `5.5`.
///
/// ```
/// use journeymap::analytics::RecordValue;
/// let attributes = [("page", RecordValue::Str("/"))];
/// let record = [
///     ("customer_id", RecordValue::UInt(42)),
///     ("timestamp", RecordValue::Str("2026-03-01T09:00:00Z")),
///     ("event", RecordValue::Str("view")),
///     ("attributes", RecordValue::Object(&attributes)),
/// ];
/// assert_eq!(record[0].1, RecordValue::UInt(42));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RecordValue<'a> {
    /// `null`: an absent value.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer (JSON text of a negative one reads as this).
    Int(i64),
    /// A non-negative integer (JSON text of one reads as this).
    UInt(u64),
    /// Any other number; must be finite (JSON holds no NaN or infinity).
    Float(f64),
    /// A string.
    Str(&'a str),
    /// An array (no field of an event is one; it is named in type errors).
    Array(&'a [RecordValue<'a>]),
    /// An object: the attributes field, or a value named in type errors.
    Object(&'a [(&'a str, RecordValue<'a>)]),
}

/// Why a record value is not one a JSON line could hold.
pub(crate) enum NotJson {
    /// A non-finite number.
    NonFinite(f64),
    /// Containers nested deeper than the JSON reader reads.
    TooDeep,
}

/// The nesting the JSON reader reads (`serde_json`'s recursion limit).
pub(crate) const MAX_DEPTH: usize = 128;

impl<'a> RecordValue<'a> {
    /// The JSON reader's value.
    fn scalar(self) -> Result<Scalar<'a>, NotJson> {
        self.scalar_in(0)
    }

    /// [`RecordValue::scalar`] of a value inside `depth` containers (a
    /// record's fields are inside one).
    pub(crate) fn scalar_in(self, depth: usize) -> Result<Scalar<'a>, NotJson> {
        if matches!(self, RecordValue::Array(_) | RecordValue::Object(_)) && depth + 1 >= MAX_DEPTH
        {
            // As in JSON text: a line holds fewer than 128 nested containers.
            return Err(NotJson::TooDeep);
        }
        Ok(match self {
            RecordValue::Null => Scalar::Null,
            RecordValue::Bool(b) => Scalar::Bool(b),
            RecordValue::Int(n) => Scalar::I64(n),
            RecordValue::UInt(n) => Scalar::U64(n),
            RecordValue::Float(f) if f.is_finite() => Scalar::F64(f),
            RecordValue::Float(f) => return Err(NotJson::NonFinite(f)),
            RecordValue::Str(s) => Scalar::Str(Cow::Borrowed(s)),
            RecordValue::Array(items) => Scalar::Array(
                items
                    .iter()
                    .map(|v| v.scalar_in(depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            RecordValue::Object(fields) => Scalar::Object(
                fields
                    .iter()
                    .map(|&(k, v)| v.scalar_in(depth + 1).map(|v| (Cow::Borrowed(k), v)))
                    .collect::<Result<_, _>>()?,
            ),
        })
    }

    /// The value that JSON text of `number` reads as, the text written as
    /// JavaScript writes numbers (`JSON.stringify`, `String(n)`: a whole
    /// number below 10^21 in digits, the shortest that read back as it,
    /// so 2^63 is `9223372036854776000`): an integer when those digits
    /// fit 64 bits, else a float. This is how a binding passes a
    /// JavaScript number.
    ///
    /// ```
    /// use journeymap::analytics::RecordValue;
    /// assert_eq!(RecordValue::number(5.0), RecordValue::UInt(5));
    /// assert_eq!(RecordValue::number(-0.0), RecordValue::UInt(0));
    /// assert_eq!(RecordValue::number(-3.0), RecordValue::Int(-3));
    /// assert_eq!(RecordValue::number(5.5), RecordValue::Float(5.5));
    /// assert_eq!(RecordValue::number(2f64.powi(63)), RecordValue::UInt(9223372036854776000));
    /// assert_eq!(RecordValue::number(-(2f64.powi(63))), RecordValue::Float(-(2f64.powi(63))));
    /// assert_eq!(RecordValue::number(1e21), RecordValue::Float(1e21));
    /// ```
    pub fn number(number: f64) -> RecordValue<'static> {
        /// 2^53: below it every whole number is exact, and so are its digits.
        const EXACT: f64 = 9_007_199_254_740_992.0;
        if !number.is_finite() || number.fract() != 0.0 || number.abs() >= 1e21 {
            return RecordValue::Float(number);
        }
        if number.abs() < EXACT {
            // A whole number of magnitude below 2^53: the casts are exact
            // (-0 is written 0).
            return if number >= 0.0 {
                RecordValue::UInt(number as u64)
            } else {
                RecordValue::Int(number as i64)
            };
        }
        // Rust writes a whole float below 10^21 as JavaScript does: the
        // shortest digits that read back as it, then zeros.
        let text = number.to_string();
        let read = if number > 0.0 {
            text.parse().map(RecordValue::UInt)
        } else {
            text.parse().map(RecordValue::Int)
        };
        read.unwrap_or(RecordValue::Float(number))
    }
}

impl EventLog {
    /// Reads an event log from records in memory by the rules of
    /// [`EventLog::from_jsonl`]: the `n`-th record (counting from one)
    /// reads as line `n` of a JSON Lines log holding the same value, with
    /// the same rows, errors and locations, except that records have no
    /// lines: a refused record's error has its `row` (`n`) and field, and
    /// no `line`. A record is an
    /// [`RecordValue::Object`] of named values in key order; any other
    /// value is a `BAD_JSON` row, as such a line is.
    /// `options.max_line_bytes` does not apply: there are no lines. A
    /// non-finite [`RecordValue::Float`], which JSON cannot hold, is a
    /// `BAD_NUMBER` row error; 128 or more nested containers (the record
    /// counts), which the JSON reader refuses, a `BAD_JSON` one.
    ///
    /// ```
    /// use journeymap::analytics::{EventLog, JsonlOptions, RecordValue};
    /// # let map = journeymap::doc_support::page_view_map();
    /// use RecordValue::{Object, Str, UInt};
    /// let first = [("customer_id", Str("c1")), ("timestamp", Str("2026-03-01T09:00:00Z")),
    ///              ("event", Str("view")), ("page", Str("/"))];
    /// let second = [("customer_id", UInt(42)), ("timestamp", UInt(1772355600000)),
    ///               ("touchpoint", Str("home")), ("value", RecordValue::number(3.5))];
    /// let records = [Object(&first), Object(&second)];
    /// let log = EventLog::from_records(records, &map, &JsonlOptions::default()).unwrap();
    /// assert_eq!((log.len(), log.customers()), (2, 2));
    ///
    /// let noon = [("customer_id", Str("c1")), ("timestamp", Str("noon"))];
    /// let err = EventLog::from_records([Object(&noon)], &map, &JsonlOptions::default()).unwrap_err();
    /// assert_eq!(err.code(), "BAD_TIMESTAMP");
    /// let err = EventLog::from_records([UInt(7)], &map, &JsonlOptions::default()).unwrap_err();
    /// assert_eq!(err.code(), "BAD_JSON");
    /// ```
    pub fn from_records<'a, I>(
        records: I,
        map: &JourneyMap,
        options: &JsonlOptions,
    ) -> Result<EventLog, Error>
    where
        I: IntoIterator<Item = RecordValue<'a>>,
    {
        let mut b = jsonl_builder(map, options)?;
        let mut fields: Vec<(Cow<'a, str>, Scalar<'a>)> = Vec::new();
        for record in records {
            // Records have no lines: a row error says its row and field.
            let line = None;
            let RecordValue::Object(record) = record else {
                let error = match record.scalar() {
                    Ok(value) => not_an_object(&value),
                    Err(e) => not_json("the record", e),
                };
                b.refuse(error, line)?;
                continue;
            };
            let read = record.iter().map(|&(k, v)| (k, v.scalar_in(1)));
            read_record(&mut b, &mut fields, read, line, options)?;
        }
        b.finish()
    }
}

/// Reads the fields of a record (an object), each key with its value or
/// why it is not one a JSON line holds, into `b`: the first such field is
/// the row's error (located at it), the fields after it are not read.
/// `fields` is a buffer kept from record to record.
pub(crate) fn read_record<'a>(
    b: &mut EventLogBuilder,
    fields: &mut Vec<(Cow<'a, str>, Scalar<'a>)>,
    read: impl Iterator<Item = (&'a str, Result<Scalar<'a>, NotJson>)>,
    line: Option<u64>,
    options: &JsonlOptions,
) -> Result<(), Error> {
    fields.clear();
    for (key, value) in read {
        match value {
            Ok(v) => fields.push((Cow::Borrowed(key), v)),
            Err(e) => {
                let mut e = not_json(&format!("`{key}`"), e);
                e.column = Some(key.to_owned());
                return b.refuse(e, line);
            }
        }
    }
    read_object(b, fields, line, options)
}

/// The row error of `what` holding a value no JSON line holds: a
/// non-finite number (`BAD_NUMBER`), or nesting the JSON reader refuses
/// (`BAD_JSON`, as for such a line).
pub(crate) fn not_json(what: &str, e: NotJson) -> RowError {
    match e {
        NotJson::NonFinite(f) => RowError::new(
            RowErrorKind::BadNumber,
            None,
            format!("{what} holds {f}, which is not a JSON number"),
        ),
        NotJson::TooDeep => RowError::new(
            RowErrorKind::BadJson,
            None,
            format!("{what} nests {MAX_DEPTH} or more containers"),
        ),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    // Small integer timestamps, in milliseconds: a stated unit reads them.
    use crate::analytics::read::blocks::tests::{digest, shop};
    use crate::analytics::OnError;
    use crate::analytics::TimeUnit;
    use proptest::prelude::*;

    /// A JSON value as a record value (nested slices are leaked, which is
    /// fine in a test).
    fn value_of<'a>(v: &'a Scalar<'a>) -> RecordValue<'a> {
        match v {
            Scalar::Null => RecordValue::Null,
            Scalar::Bool(b) => RecordValue::Bool(*b),
            Scalar::I64(n) => RecordValue::Int(*n),
            Scalar::U64(n) => RecordValue::UInt(*n),
            Scalar::F64(f) => RecordValue::Float(*f),
            Scalar::Str(s) => RecordValue::Str(s),
            Scalar::Array(items) => {
                RecordValue::Array(Box::leak(items.iter().map(value_of).collect()))
            }
            Scalar::Object(fields) => RecordValue::Object(Box::leak(
                fields.iter().map(|(k, v)| (&**k, value_of(v))).collect(),
            )),
        }
    }

    /// Bad rows of every kind a record can hold, one per line.
    pub(crate) const BAD_LINES: &str = concat!(
        r#"{"customer_id": "c1", "timestamp": 0, "touchpoint": "ad"}"#,
        "\n",
        r#"{"customer_id": 7, "timestamp": 5.0, "event": "page_view", "path": "/", "value": "12.5"}"#,
        "\n",
        r#"{"customer_id": 1.5, "timestamp": 0, "touchpoint": "ad"}"#,
        "\n",
        r#"{"timestamp": 0, "touchpoint": "ad"}"#,
        "\n",
        r#"{"customer_id": "c2", "timestamp": "noon", "touchpoint": "ad"}"#,
        "\n",
        r#"{"customer_id": "c2", "timestamp": 0, "touchpoint": "nope"}"#,
        "\n",
        r#"{"customer_id": "c2", "timestamp": 0, "touchpoint": ["ad"]}"#,
        "\n",
        r#"{"customer_id": "c2", "timestamp": 0, "event": "x", "attributes": 3}"#,
        "\n",
        r#"{"customer_id": "c2", "timestamp": 0, "event": "page_view", "attributes": {"path": "/", "n": 2}, "path": "/cart"}"#,
        "\n",
        r#"{"customer_id": "c3", "timestamp": 18446744073709551615, "touchpoint": "ad"}"#,
        "\n",
        r#"{"customer_id": "c3", "timestamp": 1, "value": true, "touchpoint": "ad"}"#,
        "\n",
        r#"{"customer_id": null, "timestamp": 1, "touchpoint": "ad"}"#,
        "\n",
        r#"{}"#,
        "\n",
        r#"[1, 2]"#,
        "\n",
        r#""text""#,
        "\n",
        r#"5"#,
        "\n",
        r#"null"#,
        "\n",
        r#"{"touchpoint": "nowhere", "customer_id": "c", "timestamp": 0, "value": "12x"}"#,
        "\n",
        r#"{"customer_id": "c", "timestamp": 0, "value": "12x", "touchpoint": "nowhere"}"#,
        "\n",
    );

    /// Reads the lines of `text` as JSON Lines and through `read`, given
    /// the lines parsed as the reader parses them (keys in their order),
    /// under both policies, and requires the same log, rows and errors,
    /// but for lines: records have none.
    pub(crate) fn same_as_jsonl(
        text: &str,
        map: &JourneyMap,
        read: impl Fn(&[Scalar<'_>], &JsonlOptions) -> Result<EventLog, Error>,
    ) {
        let values: Vec<Scalar<'_>> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        for policy in [OnError::Fail, OnError::Skip] {
            let options = JsonlOptions::default()
                .timestamp_unit(TimeUnit::Millis)
                .on_error(policy);
            let want = without_lines(&digest(
                EventLog::from_jsonl(text.as_bytes(), map, &options),
                map,
            ));
            let got = digest(read(&values, &options), map);
            assert_eq!(got, want, "{policy:?}: {text}");
        }
    }

    /// `text` (a digest) without its `"line":N` members.
    fn without_lines(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find("\"line\":") {
            let after = &rest[at + "\"line\":".len()..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let mut tail = &after[digits..];
            let mut head = &rest[..at];
            if let Some(t) = tail.strip_prefix(',') {
                tail = t;
            } else if let Some(h) = head.strip_suffix(',') {
                head = h;
            }
            out.push_str(head);
            rest = tail;
        }
        out.push_str(rest);
        out
    }

    /// The lines of the shop fixture. Blank lines are dropped: they are not
    /// rows, but they take a line number.
    pub(crate) fn fixture_lines() -> String {
        let fixture = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/events/shop.jsonl"
        ))
        .unwrap();
        let lines: Vec<&str> = fixture.lines().filter(|l| !l.trim().is_empty()).collect();
        lines.join("\n")
    }

    #[test]
    fn records_read_as_their_json_lines() {
        let map = shop();
        let read = |values: &[Scalar<'_>], options: &JsonlOptions| {
            EventLog::from_records(values.iter().map(value_of), &map, options)
        };
        same_as_jsonl(&fixture_lines(), &map, read);
        same_as_jsonl(BAD_LINES, &map, read);
    }

    #[test]
    fn a_non_finite_number_is_a_bad_number() {
        let map = shop();
        let good = [
            ("customer_id", RecordValue::Str("c1")),
            ("timestamp", RecordValue::UInt(0)),
            ("touchpoint", RecordValue::Str("ad")),
        ];
        let nan = [
            ("customer_id", RecordValue::Str("c1")),
            ("timestamp", RecordValue::UInt(0)),
            ("value", RecordValue::Float(f64::NAN)),
        ];
        let records = [RecordValue::Object(&good), RecordValue::Object(&nan)];
        let err = EventLog::from_records(
            records,
            &map,
            &JsonlOptions::default().timestamp_unit(TimeUnit::Millis),
        )
        .unwrap_err();
        let Error::EventRow(row) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(
            (row.kind, row.row, row.line, row.column.as_deref()),
            (RowErrorKind::BadNumber, 2, None, Some("value"))
        );
        let skip = JsonlOptions::default()
            .timestamp_unit(TimeUnit::Millis)
            .on_error(OnError::Skip);
        let log = EventLog::from_records(records, &map, &skip).unwrap();
        assert_eq!((log.len(), log.stats().skipped["BAD_NUMBER"]), (1, 1));
        let infinite = EventLog::from_records([RecordValue::Float(f64::INFINITY)], &map, &skip);
        assert_eq!(infinite.unwrap().stats().skipped["BAD_NUMBER"], 1);
    }

    #[test]
    fn nesting_is_limited_as_for_json_lines() {
        let map = shop();
        let skip = JsonlOptions::default()
            .timestamp_unit(TimeUnit::Millis)
            .on_error(OnError::Skip);
        let mut refused = 0;
        // Lines nesting n arrays in a field, around the JSON reader's limit.
        for n in (120..=135).chain([300]) {
            let line = format!(
                r#"{{"customer_id": "c", "timestamp": 0, "touchpoint": "ad", "x": {}1{}}}"#,
                "[".repeat(n),
                "]".repeat(n)
            );
            let from_text = EventLog::from_jsonl(line.as_bytes(), &map, &skip).unwrap();
            let mut value = RecordValue::UInt(1);
            for _ in 0..n {
                value = RecordValue::Array(Box::leak(Box::new([value])));
            }
            let record = [
                ("customer_id", RecordValue::Str("c")),
                ("timestamp", RecordValue::UInt(0)),
                ("touchpoint", RecordValue::Str("ad")),
                ("x", value),
            ];
            let from_records =
                EventLog::from_records([RecordValue::Object(&record)], &map, &skip).unwrap();
            assert_eq!(
                from_records.stats().skipped,
                from_text.stats().skipped,
                "{n}"
            );
            refused += from_records.stats().rows_skipped();
        }
        assert!(refused > 1 && refused < 17, "{refused}");
    }

    proptest! {
        /// A number reads as the value JSON text of it (as JavaScript
        /// writes it) reads as.
        #[test]
        fn numbers_read_as_their_json_text(
            n in prop_oneof![
                any::<f64>(),
                any::<i64>().prop_map(|i| i as f64),
                (0u32..70).prop_map(|e| 2f64.powi(e as i32)),
                (0u32..70).prop_map(|e| -(2f64.powi(e as i32))),
                Just(1e21), Just(-1e21), Just(999_999_999_999_999_900_000.0), Just(-0.0),
            ]
        ) {
            prop_assume!(n.is_finite());
            // JSON.stringify: whole numbers below 1e21 in their shortest
            // digits then zeros, as Rust writes them (-0 as 0); others in
            // a form that reads back.
            let text = if n == 0.0 {
                "0".to_owned()
            } else if n.fract() == 0.0 && n.abs() < 1e21 {
                format!("{n}")
            } else {
                format!("{n:e}")
            };
            let want: Scalar<'_> = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(RecordValue::number(n), value_of(&want));
        }
    }
}

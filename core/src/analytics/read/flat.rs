//! Reading an event log from records laid out flat: one sequence of cells
//! in which a container is followed by its contents. This is how a binding
//! walks the objects of its language in one pass, without writing JSON text
//! and without building nested values first.

use std::borrow::Cow;

use super::jsonl::{jsonl_builder, not_an_object, Scalar};
use super::records::{not_json, read_record, NotJson, RecordValue, MAX_DEPTH};
use super::JsonlOptions;
use crate::analytics::log::EventLog;
use crate::error::Error;
use crate::JourneyMap;

/// One cell of records laid out flat (see [`EventLog::from_flat_records`]):
/// a value, or a container whose contents are the cells after it.
///
/// ```
/// use journeymap::analytics::{FlatValue, RecordValue};
/// // {"customer_id": "c1", "attributes": {"page": "/"}} as cells:
/// let cells = [
///     ("", FlatValue::Object(3)),
///     ("customer_id", FlatValue::Value(RecordValue::Str("c1"))),
///     ("attributes", FlatValue::Object(1)),
///     ("page", FlatValue::Value(RecordValue::Str("/"))),
/// ];
/// assert_eq!(cells[0].1, FlatValue::Object(3));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FlatValue<'a> {
    /// A value, read as [`EventLog::from_records`] reads it (a
    /// [`RecordValue`] container holds its contents itself).
    Value(RecordValue<'a>),
    /// An array of the next `n` cells: its items and everything inside
    /// them (the items' keys are not used).
    Array(usize),
    /// An object of the next `n` cells: its fields, named by their cells'
    /// keys, and everything inside them.
    Object(usize),
}

/// The error of cells that do not hold together (not a row error: the
/// caller laid them out wrong).
fn broken(cell: usize, message: impl std::fmt::Display) -> Error {
    Error::InvalidValue {
        id: None,
        path: format!("cells[{cell}]"),
        message: message.to_string(),
    }
}

/// The items of a container read up to the first refused one, each with
/// its key, and the refused one (its key and why), if any.
type Contents<'a> = (Vec<(&'a str, Scalar<'a>)>, Option<(&'a str, NotJson)>);

/// Reads cells one at a time, counting them for locations.
struct Cells<I> {
    cells: I,
    /// Index of the next cell.
    at: usize,
}

impl<'a, I: Iterator<Item = (&'a str, FlatValue<'a>)>> Cells<I> {
    fn next(&mut self) -> Option<(&'a str, FlatValue<'a>)> {
        let cell = self.cells.next()?;
        self.at += 1;
        Some(cell)
    }

    /// The next of `left` cells of a container, counted off `left` with
    /// its contents if it is a container (which must fit in what is left).
    fn next_in(&mut self, left: &mut usize) -> Result<(&'a str, FlatValue<'a>), Error> {
        let at = self.at;
        let Some(cell) = self.next() else {
            return Err(broken(at, format!("a container ends {left} cells early")));
        };
        *left -= 1;
        if let FlatValue::Array(n) | FlatValue::Object(n) = cell.1 {
            if n > *left {
                return Err(broken(
                    at,
                    format!("a container of {n} cells is inside one with {left} left"),
                ));
            }
            *left -= n;
        }
        Ok(cell)
    }

    /// Skips `n` cells (the rest of a value already refused).
    fn skip(&mut self, n: usize) -> Result<(), Error> {
        for left in (1..=n).rev() {
            if self.next().is_none() {
                return Err(broken(
                    self.at,
                    format!("a container ends {left} cells early"),
                ));
            }
        }
        Ok(())
    }

    /// The value of a cell inside `depth` containers; a container's cells
    /// are read (or, once a value is refused, skipped) whole.
    fn scalar(
        &mut self,
        value: FlatValue<'a>,
        depth: usize,
    ) -> Result<Result<Scalar<'a>, NotJson>, Error> {
        let (n, object) = match value {
            FlatValue::Value(v) => return Ok(v.scalar_in(depth)),
            FlatValue::Array(n) => (n, false),
            FlatValue::Object(n) => (n, true),
        };
        if depth + 1 >= MAX_DEPTH {
            // Refused as a JSON line nesting this deep is; no recursion
            // into the rest.
            self.skip(n)?;
            return Ok(Err(NotJson::TooDeep));
        }
        let (read, refused) = self.contents(n, depth + 1)?;
        if let Some((_, e)) = refused {
            return Ok(Err(e));
        }
        Ok(Ok(if object {
            Scalar::Object(
                read.into_iter()
                    .map(|(k, v)| (Cow::Borrowed(k), v))
                    .collect(),
            )
        } else {
            Scalar::Array(read.into_iter().map(|(_, v)| v).collect())
        }))
    }

    /// The `n` cells of a container whose items are inside `depth`
    /// containers: each item with its key, up to the first one refused
    /// (returned apart, with why); the cells after it are skipped.
    fn contents(&mut self, n: usize, depth: usize) -> Result<Contents<'a>, Error> {
        let mut read = Vec::new();
        let mut left = n;
        while left > 0 {
            // `left` no longer counts this cell nor its contents, which
            // `scalar` reads (or skips) whole.
            let (key, cell) = self.next_in(&mut left)?;
            match self.scalar(cell, depth)? {
                Ok(v) => read.push((key, v)),
                Err(e) => {
                    self.skip(left)?;
                    return Ok((read, Some((key, e))));
                }
            }
        }
        Ok((read, None))
    }
}

impl EventLog {
    /// Reads an event log from records laid out flat: each top-level cell
    /// of `cells` is one record (its key is not used), a container
    /// followed by its contents ([`FlatValue`]). Record `n` reads exactly
    /// as [`EventLog::from_records`] reads the same value, and so as line
    /// `n` of a JSON Lines log holding it: the same rows, errors and
    /// locations. Cells that do not hold together (a container counting
    /// more cells than follow, or than its own container holds) are an
    /// [`Error::InvalidValue`] located at the cell (`cells[k]`), whatever
    /// the bad-row policy.
    ///
    /// ```
    /// use journeymap::analytics::{EventLog, FlatValue, JsonlOptions, RecordValue};
    /// # let map = journeymap::doc_support::page_view_map();
    /// use FlatValue::{Object, Value};
    /// use RecordValue::{Str, UInt};
    /// let cells = [
    ///     ("", Object(5)),
    ///     ("customer_id", Value(Str("c1"))),
    ///     ("timestamp", Value(Str("2026-03-01T09:00:00Z"))),
    ///     ("event", Value(Str("view"))),
    ///     ("attributes", Object(1)),
    ///     ("page", Value(Str("/"))),
    ///     ("", Object(3)),
    ///     ("customer_id", Value(UInt(42))),
    ///     ("timestamp", Value(UInt(1772355600000))),
    ///     ("touchpoint", Value(Str("home"))),
    /// ];
    /// let log = EventLog::from_flat_records(cells, &map, &JsonlOptions::default()).unwrap();
    /// assert_eq!((log.len(), log.customers()), (2, 2));
    ///
    /// let short = [("", Object(5)), ("customer_id", Value(Str("c1")))];
    /// let err = EventLog::from_flat_records(short, &map, &JsonlOptions::default()).unwrap_err();
    /// assert_eq!((err.code(), err.path()), ("INVALID_VALUE", Some("cells[2]")));
    /// ```
    pub fn from_flat_records<'a, I>(
        cells: I,
        map: &JourneyMap,
        options: &JsonlOptions,
    ) -> Result<EventLog, Error>
    where
        I: IntoIterator<Item = (&'a str, FlatValue<'a>)>,
    {
        let mut b = jsonl_builder(map, options)?;
        let mut cells = Cells {
            cells: cells.into_iter(),
            at: 0,
        };
        let mut fields: Vec<(Cow<'a, str>, Scalar<'a>)> = Vec::new();
        // Records have no lines: a row error says its row and field.
        let line = None;
        while let Some((_, record)) = cells.next() {
            let n = match record {
                FlatValue::Object(n) => n,
                FlatValue::Value(RecordValue::Object(record)) => {
                    let read = record.iter().map(|&(k, v)| (k, v.scalar_in(1)));
                    read_record(&mut b, &mut fields, read, line, options)?;
                    continue;
                }
                other => {
                    // Not an object: refused as such a line is.
                    let error = match cells.scalar(other, 0)? {
                        Ok(value) => not_an_object(&value),
                        Err(e) => not_json("the record", e),
                    };
                    b.refuse(error, line)?;
                    continue;
                }
            };
            // The fields up to the first refused one, which is the row's
            // error.
            let (read, refused) = cells.contents(n, 1)?;
            let read = read.into_iter().map(|(k, v)| (k, Ok(v)));
            let read = read.chain(refused.map(|(k, e)| (k, Err(e))));
            read_record(&mut b, &mut fields, read, line, options)?;
        }
        b.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // Small integer timestamps, in milliseconds: a stated unit reads them.
    use crate::analytics::read::blocks::tests::shop;
    use crate::analytics::read::records::tests::{fixture_lines, same_as_jsonl, BAD_LINES};
    use crate::analytics::OnError;
    use crate::analytics::TimeUnit;
    use proptest::prelude::*;

    /// A JSON value as flat cells under `key`.
    fn flatten<'a>(key: &'a str, v: &'a Scalar<'a>, out: &mut Vec<(&'a str, FlatValue<'a>)>) {
        let leaf = |v| (key, FlatValue::Value(v));
        match v {
            Scalar::Null => out.push(leaf(RecordValue::Null)),
            Scalar::Bool(b) => out.push(leaf(RecordValue::Bool(*b))),
            Scalar::I64(n) => out.push(leaf(RecordValue::Int(*n))),
            Scalar::U64(n) => out.push(leaf(RecordValue::UInt(*n))),
            Scalar::F64(f) => out.push(leaf(RecordValue::Float(*f))),
            Scalar::Str(s) => out.push(leaf(RecordValue::Str(s))),
            Scalar::Array(items) => {
                let at = out.len();
                out.push((key, FlatValue::Array(0)));
                for item in items {
                    flatten("", item, out);
                }
                out[at].1 = FlatValue::Array(out.len() - at - 1);
            }
            Scalar::Object(fields) => {
                let at = out.len();
                out.push((key, FlatValue::Object(0)));
                for (k, item) in fields {
                    flatten(k, item, out);
                }
                out[at].1 = FlatValue::Object(out.len() - at - 1);
            }
        }
    }

    #[test]
    fn flat_records_read_as_their_json_lines() {
        let map = shop();
        let read = |values: &[Scalar<'_>], options: &JsonlOptions| {
            let mut cells = Vec::new();
            for v in values {
                flatten("", v, &mut cells);
            }
            EventLog::from_flat_records(cells, &map, options)
        };
        same_as_jsonl(&fixture_lines(), &map, read);
        same_as_jsonl(BAD_LINES, &map, read);
        // Containers around and after the first bad field are skipped
        // whole: the next record reads as itself.
        same_as_jsonl(
            concat!(
                r#"{"customer_id": "c1", "timestamp": 0, "touchpoint": ["ad", {"x": [1, 2]}], "tail": {"a": [3]}}"#,
                "\n",
                r#"{"x": [[1], {"y": {}}], "customer_id": "c1", "timestamp": 5, "touchpoint": "ad"}"#,
                "\n",
                r#"[{"customer_id": "c1"}, [2]]"#,
                "\n",
                r#"{"customer_id": "c2", "timestamp": 7, "event": "page_view", "attributes": {"path": "/"}}"#,
            ),
            &map,
            read,
        );
    }

    /// A record given as a nested value among flat ones reads as itself.
    #[test]
    fn nested_values_may_be_cells() {
        let map = shop();
        let record = [
            ("customer_id", RecordValue::Str("c1")),
            ("timestamp", RecordValue::UInt(0)),
            ("touchpoint", RecordValue::Str("ad")),
        ];
        let cells = [
            ("", FlatValue::Value(RecordValue::Object(&record))),
            ("", FlatValue::Value(RecordValue::UInt(3))),
        ];
        let skip = JsonlOptions::default()
            .timestamp_unit(TimeUnit::Millis)
            .on_error(OnError::Skip);
        let log = EventLog::from_flat_records(cells, &map, &skip).unwrap();
        assert_eq!((log.len(), log.stats().skipped["BAD_JSON"]), (1, 1));
    }

    #[test]
    fn bad_values_are_row_errors_located_at_their_field() {
        let map = shop();
        let cells = [
            ("", FlatValue::Object(4)),
            ("customer_id", FlatValue::Value(RecordValue::Str("c1"))),
            ("x", FlatValue::Array(1)),
            ("", FlatValue::Value(RecordValue::Float(f64::NAN))),
            ("timestamp", FlatValue::Value(RecordValue::UInt(0))),
        ];
        let err = EventLog::from_flat_records(
            cells,
            &map,
            &JsonlOptions::default().timestamp_unit(TimeUnit::Millis),
        )
        .unwrap_err();
        let Error::EventRow(row) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(
            (row.kind.code(), row.row, row.column.as_deref()),
            ("BAD_NUMBER", 1, Some("x"))
        );
        // Skipped: the rest of the refused record is not a record of its own.
        let mut two = cells.to_vec();
        two.extend_from_slice(&[
            ("", FlatValue::Object(3)),
            ("customer_id", FlatValue::Value(RecordValue::Str("c2"))),
            ("timestamp", FlatValue::Value(RecordValue::UInt(0))),
            ("touchpoint", FlatValue::Value(RecordValue::Str("ad"))),
        ]);
        let skip = JsonlOptions::default()
            .timestamp_unit(TimeUnit::Millis)
            .on_error(OnError::Skip);
        let log = EventLog::from_flat_records(two, &map, &skip).unwrap();
        assert_eq!((log.len(), log.stats().rows), (1, 2));
        assert_eq!(log.customer_ids().collect::<Vec<_>>(), ["c2"]);
        // Nesting: 127 containers read, 128 refused (the record counts),
        // as for a JSON line; no recursion past the limit.
        for (n, refused) in [(126, 0), (127, 1), (100_000, 1)] {
            let mut cells = vec![
                ("", FlatValue::Object(n + 4)),
                ("customer_id", FlatValue::Value(RecordValue::Str("c"))),
                ("timestamp", FlatValue::Value(RecordValue::UInt(0))),
                ("touchpoint", FlatValue::Value(RecordValue::Str("ad"))),
            ];
            for k in 0..n {
                cells.push(("x", FlatValue::Array(n - k)));
            }
            cells.push(("", FlatValue::Value(RecordValue::UInt(1))));
            let skip = JsonlOptions::default()
                .timestamp_unit(TimeUnit::Millis)
                .on_error(OnError::Skip);
            let log = EventLog::from_flat_records(cells, &map, &skip).unwrap();
            assert_eq!(log.stats().rows_skipped(), refused, "{n}");
            let code = log.stats().skipped.keys().next().cloned();
            assert_eq!(code.as_deref(), [None, Some("BAD_JSON")][refused as usize]);
        }
    }

    #[test]
    fn cells_that_do_not_hold_together_are_located() {
        let map = shop();
        let v = |s| FlatValue::Value(RecordValue::Str(s));
        let cases: [(&[(&str, FlatValue<'_>)], &str); 4] = [
            (
                &[("", FlatValue::Object(2)), ("customer_id", v("c"))],
                "cells[2]",
            ),
            (
                &[
                    ("", FlatValue::Object(2)),
                    ("x", FlatValue::Array(2)),
                    ("", v("a")),
                ],
                "cells[1]",
            ),
            (&[("", FlatValue::Array(usize::MAX))], "cells[1]"),
            (
                &[
                    ("", FlatValue::Object(3)),
                    ("x", FlatValue::Value(RecordValue::Float(f64::NAN))),
                    ("y", v("a")),
                ],
                "cells[3]",
            ),
        ];
        for policy in [OnError::Fail, OnError::Skip] {
            let options = JsonlOptions::default()
                .timestamp_unit(TimeUnit::Millis)
                .on_error(policy);
            for (cells, path) in cases {
                let err = EventLog::from_flat_records(cells.iter().copied(), &map, &options);
                let err = err.unwrap_err();
                assert_eq!((err.code(), err.path()), ("INVALID_VALUE", Some(path)));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// Any cells: a log or a typed error, never a panic; when they hold
        /// together as values, the log of those values.
        #[test]
        fn any_cells_read_or_fail_cleanly(
            raw in proptest::collection::vec((0usize..4, 0u8..6, 0usize..6), 0..40),
        ) {
            let map = shop();
            const KEYS: [&str; 4] = ["customer_id", "timestamp", "touchpoint", "x"];
            let cells: Vec<(&str, FlatValue<'_>)> = raw
                .iter()
                .map(|&(k, tag, n)| {
                    let value = match tag {
                        0 => FlatValue::Value(RecordValue::Str("ad")),
                        1 => FlatValue::Value(RecordValue::UInt(n as u64)),
                        2 => FlatValue::Value(RecordValue::Float(f64::NAN)),
                        3 => FlatValue::Value(RecordValue::Null),
                        4 => FlatValue::Array(n),
                        _ => FlatValue::Object(n),
                    };
                    (KEYS[k], value)
                })
                .collect();
            let skip = JsonlOptions::default().timestamp_unit(TimeUnit::Millis).on_error(OnError::Skip);
            match EventLog::from_flat_records(cells.iter().copied(), &map, &skip) {
                Ok(log) => prop_assert!(log.stats().rows as usize <= cells.len()),
                Err(e) => prop_assert_eq!(e.code(), "INVALID_VALUE"),
            }
        }
    }
}

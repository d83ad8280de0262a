//! Event-log analytics: an event log (CSV or JSON Lines bytes) read against
//! the map and analysed into a journey report.

use journeymap::analytics::{
    analyze, EventLog, FlatValue, InputFormat, JsonlOptions, RecordValue, ReportOptions,
    TextOptions,
};
use journeymap::{parse_part, Error, JourneyMap};
use wasm_bindgen::prelude::*;

use crate::convert::to_text;
use crate::error::{throw, JsResult};
use crate::map::RawJourneyMap;

#[wasm_bindgen]
impl RawJourneyMap {
    /// Reads an event log and returns the journey report (JSON). `format`
    /// is `csv`, `tsv` (CSV with the reader's delimiter) or `jsonl`;
    /// `reader` the JSON of the reader's options ([`CsvOptions`] or
    /// [`JsonlOptions`]); `report` the JSON of the
    /// [`ReportOptions`]. A bad row throws its row error (code
    /// `BAD_TIMESTAMP`, ..., with `row`) under the `fail` policy.
    pub fn analyze(
        &self,
        data: &[u8],
        format: &str,
        reader: &str,
        report: &str,
    ) -> JsResult<String> {
        report_json(self.map(), data, format, reader, report).map_err(throw)
    }

    /// The text report (core's `Report::to_text`) of a report given as
    /// JSON, computed against this map, listing the `top` transitions.
    #[wasm_bindgen(js_name = reportText)]
    pub fn report_text(&self, report: &str, top: u32) -> JsResult<String> {
        let report = journeymap::render::svg::read_report(report).map_err(throw)?;
        let options = TextOptions::new().top(top as usize);
        Ok(report.to_text(self.map(), &options))
    }
}

#[wasm_bindgen]
impl RawJourneyMap {
    /// The journey report of events given as records (see [`Records`]),
    /// read by the JSON Lines rules; `reader` and `report` as for
    /// `analyze`.
    #[wasm_bindgen(js_name = analyzeRecords)]
    #[allow(clippy::too_many_arguments)]
    pub fn analyze_records(
        &self,
        keys: &str,
        row_ends: &[u32],
        cell_keys: &[u32],
        cell_tags: &[u8],
        cell_numbers: &[f64],
        text: &[u8],
        text_units: &[u32],
        reader: &str,
        report: &str,
    ) -> JsResult<String> {
        let records = Records {
            keys,
            row_ends,
            cell_keys,
            cell_tags,
            cell_numbers,
            text,
            text_units,
        };
        records_report_json(self.map(), &records, reader, report).map_err(throw)
    }
}

/// Event records laid out in flat arrays, as the JS package writes an
/// array of plain event objects (so that no JSON text is written or
/// parsed). Cell `k` is the field named `keys[cell_keys[k]]` with a value
/// of kind `cell_tags[k]` ([`Records::NULL`] ...): a number is
/// `cell_numbers[k]`, a string the next of the strings, an object the
/// next `cell_numbers[k]` cells. The strings, one
/// per string cell in cell order, are `text` (their UTF-8 bytes, one after
/// another) cut after `text_units[j]` UTF-16 code units each (the
/// JavaScript length). Record `i` is cells `row_ends[i - 1]..row_ends[i]`,
/// in the object's key order.
#[derive(Clone, Copy, Debug)]
pub struct Records<'a> {
    /// The field names, as a JSON array.
    pub keys: &'a str,
    /// End of each record's cells.
    pub row_ends: &'a [u32],
    /// Each cell's field name, as an index into `keys`.
    pub cell_keys: &'a [u32],
    /// Each cell's kind of value.
    pub cell_tags: &'a [u8],
    /// Each cell's number, or an object's number of fields (ignored for
    /// other tags).
    pub cell_numbers: &'a [f64],
    /// The strings' UTF-8 bytes.
    pub text: &'a [u8],
    /// The strings' lengths in UTF-16 code units.
    pub text_units: &'a [u32],
}

impl Records<'_> {
    /// Tag of `null`.
    pub const NULL: u8 = 0;
    /// Tag of `false`.
    pub const FALSE: u8 = 1;
    /// Tag of `true`.
    pub const TRUE: u8 = 2;
    /// Tag of a number.
    pub const NUMBER: u8 = 3;
    /// Tag of a string.
    pub const STRING: u8 = 4;
    /// Tag of an object whose fields are the next `cell_numbers[k]` cells
    /// (not objects themselves), counted in `row_ends`.
    pub const OBJECT: u8 = 5;
}

/// The error of records that do not hold together (the package always
/// writes them whole; this is never a row error).
fn bad_records(message: impl Into<String>) -> Error {
    Error::InvalidValue {
        id: None,
        path: "records".into(),
        message: message.into(),
    }
}

/// The strings of `text`, cut after the given numbers of UTF-16 code units.
fn split_units<'a>(text: &'a str, units: &[u32]) -> Result<Vec<&'a str>, Error> {
    let total: u64 = units.iter().map(|&u| u64::from(u)).sum();
    let mut out = Vec::with_capacity(units.len());
    let mut at = 0;
    if total == text.len() as u64 {
        // As many bytes as code units: every character is ASCII (any other
        // takes more UTF-8 bytes than UTF-16 units), so every cut is a
        // character boundary.
        for &u in units {
            let end = at + u as usize;
            out.push(
                text.get(at..end)
                    .ok_or_else(|| bad_records("a string is cut inside a character"))?,
            );
            at = end;
        }
        return Ok(out);
    }
    let mut chars = text.char_indices().peekable();
    for &u in units {
        let mut left = u as usize;
        while left > 0 {
            let Some((_, c)) = chars.next() else {
                return Err(bad_records("the strings are shorter than their lengths"));
            };
            left = left
                .checked_sub(c.len_utf16())
                .ok_or_else(|| bad_records("a string is cut inside a character"))?;
        }
        let end = chars.peek().map_or(text.len(), |&(i, _)| i);
        out.push(&text[at..end]);
        at = end;
    }
    if at != text.len() {
        return Err(bad_records("the strings are longer than their lengths"));
    }
    Ok(out)
}

/// The journey report of event records, as JSON text.
///
/// ```
/// use journeymap_wasm::analytics::{records_report_json, Records};
/// let map = journeymap::JourneyMap::from_json(r#"{"name": "x", "stages": [{"id": "s", "name": "S"}],
///   "channels": [{"id": "w", "name": "W", "kind": "digital"}],
///   "touchpoints": [{"id": "home", "name": "Home", "stage": "s", "channel": "w", "kind": "conversion"}]}"#).unwrap();
/// // [{customer: "c1", timestamp: 1772355600000, touchpoint: "home"}]
/// let records = Records {
///     keys: r#"["customer", "timestamp", "touchpoint"]"#,
///     row_ends: &[3],
///     cell_keys: &[0, 1, 2],
///     cell_tags: &[Records::STRING, Records::NUMBER, Records::STRING],
///     cell_numbers: &[0.0, 1772355600000.0, 0.0],
///     text: "c1home".as_bytes(),
///     text_units: &[2, 4],
/// };
/// let reader = r#"{"fields": {"customer": "customer"}}"#;
/// let json = records_report_json(&map, &records, reader, "{}").unwrap();
/// assert!(json.contains(r#""converted_customers":1"#));
///
/// let broken = Records { cell_keys: &[0, 1, 3], ..records };
/// let err = records_report_json(&map, &broken, reader, "{}").unwrap_err();
/// assert_eq!(err.code(), "INVALID_VALUE");
/// ```
pub fn records_report_json(
    map: &JourneyMap,
    records: &Records<'_>,
    reader: &str,
    report: &str,
) -> Result<String, Error> {
    let options: ReportOptions = parse_part(report)?;
    let reader: JsonlOptions = parse_part(reader)?;
    let keys: Vec<String> =
        serde_json::from_str(records.keys).map_err(|e| bad_records(format!("keys: {e}")))?;
    let text = std::str::from_utf8(records.text)
        .map_err(|e| bad_records(format!("the strings are not UTF-8: {e}")))?;
    let strings = split_units(text, records.text_units)?;
    let n = records.cell_keys.len();
    if records.cell_tags.len() != n || records.cell_numbers.len() != n {
        return Err(bad_records(
            "the cells' keys, tags and numbers differ in number",
        ));
    }
    // Everything is checked before core reads the cells, so that an error
    // names the cells as the package wrote them.
    let key_of = |k: usize| -> Result<&str, Error> {
        let key = records.cell_keys[k];
        keys.get(key as usize)
            .map(String::as_str)
            .ok_or_else(|| bad_records(format!("no key {key}")))
    };
    let mut string_cells = 0;
    let mut start = 0usize;
    for &end in records.row_ends {
        let end = end as usize;
        if end < start || end > n {
            return Err(bad_records("the records' ends are out of order"));
        }
        let mut k = start;
        while k < end {
            key_of(k)?;
            let len = match records.cell_tags[k] {
                Records::NULL | Records::FALSE | Records::TRUE | Records::NUMBER => 0,
                Records::STRING => {
                    string_cells += 1;
                    0
                }
                Records::OBJECT => {
                    let len = records.cell_numbers[k];
                    let ok = len >= 0.0 && len.fract() == 0.0 && len <= (end - k - 1) as f64;
                    if !ok {
                        return Err(bad_records(format!("object of {len} fields at cell {k}")));
                    }
                    len as usize
                }
                other => return Err(bad_records(format!("unknown tag {other} at cell {k}"))),
            };
            for j in k + 1..=k + len {
                if records.cell_tags[j] == Records::OBJECT {
                    return Err(bad_records(format!("object in an object at cell {j}")));
                }
            }
            k += 1;
        }
        start = end;
    }
    if start != n {
        return Err(bad_records("cells after the last record"));
    }
    if string_cells != strings.len() {
        return Err(bad_records(format!(
            "{string_cells} string cells but {} strings",
            strings.len()
        )));
    }
    // Each record as an object cell followed by its own cells.
    let mut strings = strings.into_iter();
    let mut rows = records.row_ends.iter();
    let (mut k, mut row_end) = (0usize, 0usize);
    let cells = std::iter::from_fn(|| {
        if k == row_end {
            row_end = *rows.next()? as usize;
            return Some(("", FlatValue::Object(row_end - k)));
        }
        // `k` is below the last record's end, which is the number of
        // cells (checked above).
        let key = keys
            .get(records.cell_keys[k] as usize)
            .map_or("", String::as_str);
        let value = match records.cell_tags[k] {
            Records::FALSE => RecordValue::Bool(false),
            Records::TRUE => RecordValue::Bool(true),
            Records::NUMBER => RecordValue::number(records.cell_numbers[k]),
            // As many strings as string cells (checked above).
            Records::STRING => RecordValue::Str(strings.next().unwrap_or_default()),
            Records::OBJECT => {
                k += 1;
                return Some((key, FlatValue::Object(records.cell_numbers[k - 1] as usize)));
            }
            _ => RecordValue::Null,
        };
        k += 1;
        Some((key, FlatValue::Value(value)))
    });
    let log = EventLog::from_flat_records(cells, map, &reader)?;
    to_text(&analyze(map, &log, &options)?)
}

/// The journey report of an event log, as JSON text.
///
/// ```
/// let map = journeymap::JourneyMap::from_json(r#"{"name": "x", "stages": [{"id": "s", "name": "S"}],
///   "channels": [{"id": "w", "name": "W", "kind": "digital"}],
///   "touchpoints": [{"id": "home", "name": "Home", "stage": "s", "channel": "w", "kind": "conversion"}]}"#).unwrap();
/// let csv = b"customer_id,timestamp,touchpoint\nc1,2026-03-01T09:00:00Z,home\n";
/// let json = journeymap_wasm::analytics::report_json(&map, csv, "csv", "{}", "{}").unwrap();
/// assert!(json.contains(r#""converted_customers":1"#));
/// let bad = b"customer_id,timestamp,touchpoint\nc1,yesterday,home\n";
/// let err = journeymap_wasm::analytics::report_json(&map, bad, "csv", "{}", "{}").unwrap_err();
/// assert_eq!(err.code(), "BAD_TIMESTAMP");
/// ```
pub fn report_json(
    map: &JourneyMap,
    data: &[u8],
    format: &str,
    reader: &str,
    report: &str,
) -> Result<String, Error> {
    let options: ReportOptions = parse_part(report)?;
    let log = format
        .parse::<InputFormat>()?
        .reader_options(reader)?
        .read(data, map)?;
    to_text(&analyze(map, &log, &options)?)
}

/// Milliseconds of a duration option written like the CLI's `--window`
/// (`30d`, `12h`, `90m`, `45s`, `500ms`, `2w`); throws `INVALID_VALUE` at
/// `/<option>` otherwise (core's [`parse_duration_option`]).
///
/// [`parse_duration_option`]: journeymap::analytics::parse_duration_option
#[wasm_bindgen]
pub fn parse_duration_ms(option: &str, text: &str) -> JsResult<f64> {
    journeymap::analytics::parse_duration_option(option, text)
        // At most i64::MAX milliseconds; a number beyond 2^53 rounds, and
        // core refuses it as a window anyway.
        .map(|d| d.as_millis() as f64)
        .map_err(throw)
}

/// The format (`csv`, `tsv` or `jsonl`) of an event-log file by its name,
/// from the core's one table of extensions
/// ([`InputFormat::from_path`]); throws `INVALID_VALUE` at `/input_format`
/// for another.
#[wasm_bindgen]
pub fn input_format_of(name: &str) -> JsResult<String> {
    InputFormat::from_path(name)
        .map(|f| f.as_str().to_owned())
        .map_err(throw)
}

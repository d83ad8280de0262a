//! Event-log analytics: an event log (CSV or JSON Lines bytes) read against
//! the map and analysed into a journey report.

use journeymap::analytics::{analyze, CsvOptions, EventLog, JsonlOptions, ReportOptions};
use journeymap::{parse_part, Error, JourneyMap};
use wasm_bindgen::prelude::*;

use crate::convert::to_text;
use crate::error::{throw, JsResult};
use crate::map::RawJourneyMap;

#[wasm_bindgen]
impl RawJourneyMap {
    /// Reads an event log and returns the journey report (JSON). `format`
    /// is `csv` or `jsonl`; `reader` the JSON of the reader's options
    /// ([`CsvOptions`] or [`JsonlOptions`]); `report` the JSON of the
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
    let log = match format {
        "csv" => EventLog::from_csv(data, map, &parse_part::<CsvOptions>(reader)?)?,
        "jsonl" => EventLog::from_jsonl(data, map, &parse_part::<JsonlOptions>(reader)?)?,
        other => {
            return Err(Error::InvalidValue {
                id: None,
                path: String::new(),
                message: format!("unknown event log format {other:?}; use csv or jsonl"),
            })
        }
    };
    to_text(&analyze(map, &log, &options)?)
}

/// The JSON Schema of the journey report, as JSON text.
#[wasm_bindgen]
pub fn report_schema() -> JsResult<String> {
    to_text(&journeymap::analytics::report_schema()).map_err(throw)
}

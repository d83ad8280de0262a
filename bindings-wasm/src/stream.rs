//! Event logs pushed in chunks (a `Blob`, a `ReadableStream`, or bytes
//! read with progress): [`RawLogStream`] over core's [`LogStream`].

use journeymap::analytics::{analyze, InputFormat, LogStream, ReportOptions};
use journeymap::{parse_part, Error, JourneyMap};
use wasm_bindgen::prelude::*;

use crate::convert::to_text;
use crate::error::{throw, JsResult};
use crate::map::RawJourneyMap;

/// An event log being read chunk by chunk, and the report it is for.
#[wasm_bindgen]
pub struct RawLogStream {
    /// The map as it was when the stream started (the JS map may change
    /// while chunks are awaited).
    map: JourneyMap,
    options: ReportOptions,
    stream: Option<LogStream>,
}

#[wasm_bindgen]
impl RawJourneyMap {
    /// Starts reading an event log in chunks: `format` is `csv`, `tsv`
    /// (read as CSV with the reader's delimiter) or `jsonl`, `reader` and `report` the JSON of the reader's and the
    /// report's options, checked now (before any chunk is read).
    #[wasm_bindgen(js_name = logStream)]
    pub fn log_stream(&self, format: &str, reader: &str, report: &str) -> JsResult<RawLogStream> {
        start(self.map(), format, reader, report).map_err(throw)
    }
}

/// [`RawJourneyMap::log_stream`] without the JavaScript error type.
///
/// ```
/// let map = journeymap::JourneyMap::from_json(r#"{"name": "x", "stages": [{"id": "s", "name": "S"}],
///   "channels": [{"id": "w", "name": "W", "kind": "digital"}],
///   "touchpoints": [{"id": "home", "name": "Home", "stage": "s", "channel": "w", "kind": "conversion"}]}"#).unwrap();
/// let mut stream = journeymap_wasm::stream::start(&map, "csv", "{}", "{}").unwrap();
/// stream.push_bytes(b"customer_id,timestamp,touch").unwrap();
/// stream.push_bytes(b"point\nc1,2026-03-01T09:00:00Z,home\n").unwrap();
/// assert!(stream.report_json().unwrap().contains(r#""converted_customers":1"#));
/// assert_eq!(journeymap_wasm::stream::start(&map, "xml", "{}", "{}").err().unwrap().code(), "INVALID_VALUE");
/// ```
pub fn start(
    map: &JourneyMap,
    format: &str,
    reader: &str,
    report: &str,
) -> Result<RawLogStream, Error> {
    let options: ReportOptions = parse_part(report)?;
    options.validate(map)?;
    let stream = format
        .parse::<InputFormat>()?
        .reader_options(reader)?
        .stream(map)?;
    Ok(RawLogStream {
        map: map.clone(),
        options,
        stream: Some(stream),
    })
}

#[wasm_bindgen]
impl RawLogStream {
    /// Reads the next chunk.
    pub fn push(&mut self, chunk: &[u8]) -> JsResult<()> {
        self.push_bytes(chunk).map_err(throw)
    }

    /// Reads what is left and returns the report (JSON). The stream is
    /// used up.
    pub fn finish(&mut self) -> JsResult<String> {
        self.report_json().map_err(throw)
    }
}

impl RawLogStream {
    /// [`RawLogStream::push`] without the JavaScript error type.
    pub fn push_bytes(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.stream.as_mut().ok_or_else(used_up)?.push(chunk)
    }

    /// [`RawLogStream::finish`] without the JavaScript error type.
    pub fn report_json(&mut self) -> Result<String, Error> {
        let log = self.stream.take().ok_or_else(used_up)?.finish()?;
        to_text(&analyze(&self.map, &log, &self.options)?)
    }
}

fn used_up() -> Error {
    Error::InvalidValue {
        id: None,
        path: String::new(),
        message: "the event log has been read already".into(),
    }
}

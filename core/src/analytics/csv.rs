//! Reading an event log from CSV (header-driven, streaming).

use std::io::Read;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::columns::{parse_number, Field, FieldNames};
use super::log::{Event, EventLog, EventLogBuilder};
use super::row_error::{OnError, RowError, RowErrorKind};
use super::time::TimestampFormat;
use crate::error::Error;
use crate::JourneyMap;

/// Options of the CSV reader.
///
/// The first row is the header. `customer_id` and `timestamp` columns are
/// required, and a `touchpoint`, `event` or `channel` column; names are
/// configurable ([`FieldNames`]). Other columns are raw attributes for the
/// `match` rules. Empty cells are absent values.
///
/// ```
/// use journeymap::analytics::{CsvOptions, OnError};
/// let options = CsvOptions::default().customer_column("user").delimiter(b';').on_error(OnError::Skip);
/// assert_eq!(options.fields.customer, "user");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CsvOptions {
    /// Column names.
    pub fields: FieldNames,
    /// Field delimiter (default `,`).
    pub delimiter: u8,
    /// How timestamps are written.
    pub timestamp_format: TimestampFormat,
    /// What to do with a bad row.
    pub on_error: OnError,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            fields: FieldNames::default(),
            delimiter: b',',
            timestamp_format: TimestampFormat::Auto,
            on_error: OnError::Fail,
        }
    }
}

impl CsvOptions {
    /// Sets the customer id column name.
    pub fn customer_column(mut self, name: impl Into<String>) -> Self {
        self.fields.customer = name.into();
        self
    }

    /// Sets the timestamp column name.
    pub fn timestamp_column(mut self, name: impl Into<String>) -> Self {
        self.fields.timestamp = name.into();
        self
    }

    /// Sets all column names.
    pub fn fields(mut self, fields: FieldNames) -> Self {
        self.fields = fields;
        self
    }

    /// Sets the delimiter.
    pub fn delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = delimiter;
        self
    }

    /// Sets the timestamp format.
    pub fn timestamp_format(mut self, format: TimestampFormat) -> Self {
        self.timestamp_format = format;
        self
    }

    /// Sets the bad-row policy.
    pub fn on_error(mut self, policy: OnError) -> Self {
        self.on_error = policy;
        self
    }
}

fn io_error(e: std::io::Error) -> Error {
    Error::Io {
        path: "<reader>".into(),
        message: e.to_string(),
    }
}

pub(crate) fn header_error(kind: RowErrorKind, column: &str, message: String) -> Error {
    Error::EventRow(Box::new(
        RowError::new(kind, Some(column), message).at(0, Some(1)),
    ))
}

impl EventLog {
    /// Reads a CSV event log, streaming: the text is never held in memory
    /// as a whole.
    ///
    /// ```
    /// use journeymap::analytics::{CsvOptions, EventLog, OnError};
    /// # let map = journeymap::JourneyMap::from_json(r#"{"name":"x","stages":[{"id":"s","name":"S"}],
    /// #   "channels":[{"id":"w","name":"W","kind":"digital"}],
    /// #   "touchpoints":[{"id":"home","name":"Home","stage":"s","channel":"w","match":[{"event":"view","attributes":{"page":"/"}}]}]}"#).unwrap();
    /// let csv = "customer_id,timestamp,event,page,value\n\
    ///            c1,2026-03-01T09:00:00Z,view,/,\n\
    ///            c1,2026-03-01T09:05:00Z,view,/faq,\n\
    ///            c2,1772355600000,view,/,3.5\n\
    ///            c3,not-a-time,view,/,\n";
    /// let options = CsvOptions::default().on_error(OnError::Skip);
    /// let log = EventLog::from_csv(csv.as_bytes(), &map, &options).unwrap();
    /// assert_eq!((log.len(), log.customers(), log.unknown_events()), (3, 2, 1));
    /// assert_eq!(log.stats().skipped["BAD_TIMESTAMP"], 1);
    /// ```
    pub fn from_csv<R: Read>(
        reader: R,
        map: &JourneyMap,
        options: &CsvOptions,
    ) -> Result<EventLog, Error> {
        #[cfg(feature = "parallel")]
        {
            super::blocks::csv_parallel(reader, map, options)
        }
        #[cfg(not(feature = "parallel"))]
        {
            read_csv_sequential(reader, map, options)
        }
    }
}

/// What the header says: names, known columns, attribute columns by rule slot.
#[derive(Clone, Debug)]
pub(crate) struct CsvLayout {
    pub(crate) headers: Vec<String>,
    index: [Option<usize>; 8],
    slot_columns: Vec<Option<usize>>,
}

/// The CSV reader settings for data rows.
pub(crate) fn reader_builder(options: &CsvOptions, headers: bool) -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.delimiter(options.delimiter)
        .flexible(true)
        .has_headers(headers);
    b
}

/// Checks the header and locates the columns.
pub(crate) fn layout(
    raw: &csv::ByteRecord,
    options: &CsvOptions,
    builder: &EventLogBuilder,
) -> Result<CsvLayout, Error> {
    let headers: Vec<String> = raw
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let name = String::from_utf8_lossy(f).into_owned();
            if i == 0 {
                name.trim_start_matches('\u{feff}').to_owned()
            } else {
                name
            }
        })
        .collect();
    let fields = &options.fields;
    let mut index: [Option<usize>; 8] = [None; 8];
    let mut attribute_columns = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if headers[..i].contains(h) {
            return Err(header_error(
                RowErrorKind::DuplicateColumn,
                h,
                format!("column `{h}` appears twice in the header"),
            ));
        }
        match fields.field(h) {
            Some(f) => index[f as usize] = Some(i),
            None => attribute_columns.push((h.clone(), i)),
        }
    }
    for f in [Field::Customer, Field::Timestamp] {
        if index[f as usize].is_none() {
            let name = fields.name(f);
            return Err(header_error(
                RowErrorKind::MissingColumn,
                name,
                format!(
                    "the header has no `{name}` column (columns: {})",
                    headers.join(", ")
                ),
            ));
        }
    }
    if index[Field::Touchpoint as usize].is_none()
        && index[Field::Event as usize].is_none()
        && index[Field::Channel as usize].is_none()
    {
        return Err(header_error(
            RowErrorKind::MissingColumn,
            &fields.touchpoint,
            format!(
                "the header has no `{}`, `{}` or `{}` column: nothing says what happened",
                fields.touchpoint, fields.event, fields.channel
            ),
        ));
    }
    // For each attribute slot of the rules, its column (if any).
    let slot_columns = builder
        .attribute_keys()
        .iter()
        .map(|k| {
            attribute_columns
                .iter()
                .find(|(h, _)| h == k)
                .map(|(_, i)| *i)
        })
        .collect();
    Ok(CsvLayout {
        headers,
        index,
        slot_columns,
    })
}

/// A builder for the rows of a CSV log.
pub(crate) fn csv_builder(map: &JourneyMap, options: &CsvOptions) -> EventLogBuilder {
    EventLogBuilder::new(map)
        .on_error(options.on_error)
        .field_names(&options.fields)
}

/// Reads the whole input on this thread.
#[cfg_attr(feature = "parallel", allow(dead_code))]
pub(crate) fn read_csv_sequential<R: Read>(
    reader: R,
    map: &JourneyMap,
    options: &CsvOptions,
) -> Result<EventLog, Error> {
    let mut rdr = reader_builder(options, true).from_reader(reader);
    let raw = rdr.byte_headers().map_err(csv_error)?.clone();
    let mut b = csv_builder(map, options);
    let layout = layout(&raw, options, &b)?;
    read_records(&mut rdr, &layout, options, &mut b, 0)?;
    Ok(b.build())
}

/// Reads the data rows of `rdr` into `b`; lines are shifted by `line_offset`.
pub(crate) fn read_records<R: Read>(
    rdr: &mut csv::Reader<R>,
    layout: &CsvLayout,
    options: &CsvOptions,
    b: &mut EventLogBuilder,
    line_offset: u64,
) -> Result<(), Error> {
    let headers = &layout.headers;
    let mut rec = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(e) => {
                let line = e.position().map(|p| p.line() + line_offset);
                let error = match e.kind() {
                    csv::ErrorKind::Io(_) => return Err(csv_error(e)),
                    csv::ErrorKind::Utf8 { err, .. } => {
                        let column = headers.get(err.field()).map(String::as_str);
                        RowError::new(
                            RowErrorKind::BadEncoding,
                            column,
                            format!("the field is not valid UTF-8 ({err})"),
                        )
                    }
                    _ => RowError::new(RowErrorKind::FieldCount, None, e.to_string()),
                };
                b.refuse(error, line)?;
                continue;
            }
        }
        let line = rec.position().map(|p| p.line() + line_offset);
        if rec.len() != headers.len() {
            b.refuse(
                RowError::new(
                    RowErrorKind::FieldCount,
                    None,
                    format!(
                        "the row has {} fields, the header {}",
                        rec.len(),
                        headers.len()
                    ),
                ),
                line,
            )?;
            continue;
        }
        match parse_row(&rec, &layout.index, options) {
            Ok(event) => {
                let rec = &rec;
                b.push_with(&event, line, |slot| {
                    layout.slot_columns[slot]
                        .map(|i| &rec[i])
                        .filter(|v| !v.is_empty())
                })?;
            }
            Err(e) => b.refuse(e, line)?,
        }
    }
}

pub(crate) fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io_error(io),
        other => Error::Io {
            path: "<reader>".into(),
            message: format!("{other:?}"),
        },
    }
}

fn parse_row<'r>(
    rec: &'r csv::StringRecord,
    index: &[Option<usize>; 8],
    options: &CsvOptions,
) -> Result<Event<'r>, RowError> {
    let get = |f: Field| -> Option<&'r str> {
        index[f as usize].map(|i| &rec[i]).filter(|s| !s.is_empty())
    };
    let col = |f: Field| options.fields.name(f);
    // Required columns exist (checked on the header).
    let customer = get(Field::Customer).unwrap_or("");
    let ts_text = get(Field::Timestamp).ok_or_else(|| {
        RowError::new(
            RowErrorKind::BadTimestamp,
            Some(col(Field::Timestamp)),
            "the timestamp is empty",
        )
    })?;
    let timestamp_ms = options.timestamp_format.parse(ts_text).ok_or_else(|| {
        RowError::new(
            RowErrorKind::BadTimestamp,
            Some(col(Field::Timestamp)),
            format!(
                "timestamp {ts_text:?} is not {}",
                options.timestamp_format.expected()
            ),
        )
    })?;
    let number = |f: Field| -> Result<Option<f64>, RowError> {
        match get(f) {
            Some(t) => parse_number(t).map_err(|()| {
                RowError::new(
                    RowErrorKind::BadNumber,
                    Some(col(f)),
                    format!("{} {t:?} is not a number", col(f)),
                )
            }),
            None => Ok(None),
        }
    };
    Ok(Event {
        customer,
        timestamp_ms,
        touchpoint: get(Field::Touchpoint),
        event: get(Field::Event),
        channel: get(Field::Channel),
        attributes: &[],
        value: number(Field::Value)?,
        score: number(Field::Score)?,
        segment: get(Field::Segment),
    })
}

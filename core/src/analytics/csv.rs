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

fn header_error(kind: RowErrorKind, column: &str, message: String) -> Error {
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
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(options.delimiter)
            .flexible(true)
            .has_headers(true)
            .from_reader(reader);
        let headers: Vec<String> = match rdr.byte_headers() {
            Ok(h) => h
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
                .collect(),
            Err(e) => return Err(csv_error(e)),
        };
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
        let mut b = EventLogBuilder::new(map)
            .on_error(options.on_error)
            .field_names(&options.fields);
        attribute_columns.retain(|(k, _)| b.attribute_keys().contains(k));
        let mut rec = csv::ByteRecord::new();
        loop {
            match rdr.read_byte_record(&mut rec) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    if let csv::ErrorKind::Io(_) = e.kind() {
                        return Err(csv_error(e));
                    }
                    let line = e.position().map(|p| p.line());
                    b.refuse(
                        RowError::new(RowErrorKind::FieldCount, None, e.to_string()),
                        line,
                    )?;
                    continue;
                }
            }
            let line = rec.position().map(|p| p.line());
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
            // Allocates only when some `match` rule reads an attribute column.
            let mut attrs = Vec::new();
            match parse_row(
                &rec,
                &headers,
                &index,
                &attribute_columns,
                options,
                &mut attrs,
            ) {
                Ok(mut event) => {
                    event.attributes = &attrs;
                    b.push_at(&event, line)?;
                }
                Err(e) => b.refuse(e, line)?,
            }
        }
        Ok(b.build())
    }
}

fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io_error(io),
        other => Error::Io {
            path: "<reader>".into(),
            message: format!("{other:?}"),
        },
    }
}

fn parse_row<'r>(
    rec: &'r csv::ByteRecord,
    headers: &[String],
    index: &[Option<usize>; 8],
    attribute_columns: &'r [(String, usize)],
    options: &CsvOptions,
    attrs: &mut Vec<(&'r str, &'r str)>,
) -> Result<Event<'r>, RowError> {
    let text = |i: usize| -> Result<&'r str, RowError> {
        std::str::from_utf8(&rec[i]).map_err(|e| {
            RowError::new(
                RowErrorKind::BadEncoding,
                Some(&headers[i]),
                format!("the field is not valid UTF-8 ({e})"),
            )
        })
    };
    let get = |f: Field| -> Result<Option<&'r str>, RowError> {
        match index[f as usize] {
            Some(i) => text(i).map(|s| Some(s).filter(|s| !s.is_empty())),
            None => Ok(None),
        }
    };
    let col = |f: Field| options.fields.name(f);
    // Required columns exist (checked on the header).
    let customer = get(Field::Customer)?.unwrap_or("");
    let ts_text = get(Field::Timestamp)?.ok_or_else(|| {
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
        match get(f)? {
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
    let value = number(Field::Value)?;
    let score = number(Field::Score)?;
    for (name, i) in attribute_columns {
        let v = text(*i)?;
        if !v.is_empty() {
            attrs.push((name.as_str(), v));
        }
    }
    Ok(Event {
        customer,
        timestamp_ms,
        touchpoint: get(Field::Touchpoint)?,
        event: get(Field::Event)?,
        channel: get(Field::Channel)?,
        attributes: &[],
        value,
        score,
        segment: get(Field::Segment)?,
    })
}

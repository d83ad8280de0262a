//! A refused row of an event log: its reason (a stable code) and where it is.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Why a row of an event log was refused. Each reason has a stable code
/// ([`RowErrorKind::code`]), the same in Rust, Python and JS.
///
/// ```
/// use journeymap::analytics::RowErrorKind;
/// assert_eq!(RowErrorKind::BadTimestamp.code(), "BAD_TIMESTAMP");
/// ```
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RowErrorKind {
    /// The CSV header lacks a required column (customer id, timestamp), or
    /// has neither a touchpoint nor an event nor a channel column. Concerns
    /// the whole file: never skipped. Code `MISSING_COLUMN`.
    MissingColumn,
    /// Two columns of the CSV header have the same name. Never skipped.
    /// Code `DUPLICATE_COLUMN`.
    DuplicateColumn,
    /// A CSV row has a different number of fields than the header.
    /// Code `FIELD_COUNT`.
    FieldCount,
    /// A JSON line lacks a required field (customer id, timestamp).
    /// Code `MISSING_FIELD`.
    MissingField,
    /// The customer id is empty. Code `EMPTY_CUSTOMER`.
    EmptyCustomer,
    /// The timestamp is missing its value or cannot be read. Code `BAD_TIMESTAMP`.
    BadTimestamp,
    /// A value or score is not a finite number (or a value exceeds
    /// ±10^15). Code `BAD_NUMBER`.
    BadNumber,
    /// The touchpoint id names no touchpoint of the map. Code `UNKNOWN_TOUCHPOINT`.
    UnknownTouchpoint,
    /// The row has no touchpoint, no event name and no channel: nothing to
    /// match. Code `MISSING_EVENT`.
    MissingEvent,
    /// A JSON line is not a JSON object. Code `BAD_JSON`.
    BadJson,
    /// A field has a JSON type that cannot be used (an object as customer
    /// id...). Code `BAD_TYPE`.
    BadType,
    /// A CSV field is not valid UTF-8. Code `BAD_ENCODING`.
    BadEncoding,
    /// A JSON line is longer than the configured limit. Code `LINE_TOO_LONG`.
    LineTooLong,
    /// More rows, customers or distinct names than the log can index
    /// (2^32 - 1). Never skipped. Code `LOG_TOO_LARGE`.
    LogTooLarge,
}

impl RowErrorKind {
    /// The stable code, e.g. `BAD_TIMESTAMP`.
    ///
    /// ```
    /// use journeymap::analytics::RowErrorKind;
    /// assert_eq!(RowErrorKind::UnknownTouchpoint.code(), "UNKNOWN_TOUCHPOINT");
    /// // The same text as the serialised kind.
    /// assert_eq!(serde_json::to_value(RowErrorKind::LineTooLong).unwrap(), "LINE_TOO_LONG");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            RowErrorKind::MissingColumn => "MISSING_COLUMN",
            RowErrorKind::DuplicateColumn => "DUPLICATE_COLUMN",
            RowErrorKind::FieldCount => "FIELD_COUNT",
            RowErrorKind::MissingField => "MISSING_FIELD",
            RowErrorKind::EmptyCustomer => "EMPTY_CUSTOMER",
            RowErrorKind::BadTimestamp => "BAD_TIMESTAMP",
            RowErrorKind::BadNumber => "BAD_NUMBER",
            RowErrorKind::UnknownTouchpoint => "UNKNOWN_TOUCHPOINT",
            RowErrorKind::MissingEvent => "MISSING_EVENT",
            RowErrorKind::BadJson => "BAD_JSON",
            RowErrorKind::BadType => "BAD_TYPE",
            RowErrorKind::BadEncoding => "BAD_ENCODING",
            RowErrorKind::LineTooLong => "LINE_TOO_LONG",
            RowErrorKind::LogTooLarge => "LOG_TOO_LARGE",
        }
    }

    /// Whether the problem concerns the whole input, so that skipping the
    /// row is impossible.
    ///
    /// ```
    /// use journeymap::analytics::{CsvOptions, EventLog, OnError, RowErrorKind};
    /// # let map = journeymap::doc_support::view_map();
    /// assert!(RowErrorKind::MissingColumn.is_fatal() && !RowErrorKind::BadTimestamp.is_fatal());
    /// // Even under the skip policy, a header without timestamps fails the read.
    /// let options = CsvOptions::default().on_error(OnError::Skip);
    /// let err = EventLog::from_csv("customer_id,event\nc1,view\n".as_bytes(), &map, &options).unwrap_err();
    /// assert_eq!(err.code(), "MISSING_COLUMN");
    /// ```
    pub fn is_fatal(self) -> bool {
        matches!(
            self,
            RowErrorKind::MissingColumn | RowErrorKind::DuplicateColumn | RowErrorKind::LogTooLarge
        )
    }
}

/// A row of an event log that was refused, with its location.
///
/// `row` counts data rows from 1 (the CSV header is not a row; blank JSON
/// lines are not rows); `line` is the 1-based line in the text where the
/// row starts (absent for rows pushed through the builder or columns).
///
/// ```
/// use journeymap::analytics::{CsvOptions, EventLog};
/// # let map = journeymap::doc_support::home_map();
/// let csv = "customer_id,timestamp,touchpoint\nc1,yesterday,home\n";
/// let err = EventLog::from_csv(csv.as_bytes(), &map, &CsvOptions::default()).unwrap_err();
/// assert_eq!(err.code(), "BAD_TIMESTAMP");
/// let row = err.row_error().unwrap();
/// assert_eq!((row.row, row.line, row.column.as_deref()), (1, Some(2), Some("timestamp")));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct RowError {
    /// Stable reason code.
    #[serde(rename = "code")]
    pub kind: RowErrorKind,
    /// 1-based data row (0 for the CSV header).
    pub row: u64,
    /// 1-based line in the text where the row starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The column or field concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// What is wrong, for a person.
    pub message: String,
}

impl RowError {
    pub(crate) fn new(
        kind: RowErrorKind,
        column: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        RowError {
            kind,
            row: 0,
            line: None,
            column: column.map(str::to_owned),
            message: message.into(),
        }
    }

    pub(crate) fn at(mut self, row: u64, line: Option<u64>) -> Self {
        self.row = row;
        self.line = line;
        self
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line} (row {})", self.row)?,
            None => write!(f, "row {}", self.row)?,
        }
        if let Some(column) = &self.column {
            write!(f, ", column `{column}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

//! Field names shared by the CSV and JSON Lines readers.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use std::collections::HashSet;

use crate::error::Error;
use crate::error::{RowError, RowErrorKind};

/// Most columns an event log's header (or a table's schema) may have: more
/// is `LOG_TOO_LARGE` at row 0, before any row is read.
///
/// ```
/// use journeymap::analytics::{FieldNames, MAX_COLUMNS};
/// let mut columns: Vec<String> = (0..MAX_COLUMNS).map(|i| format!("c{i}")).collect();
/// columns[..3].clone_from_slice(&["customer_id".into(), "timestamp".into(), "event".into()]);
/// assert!(FieldNames::default().check_columns(&columns).is_ok());
/// columns.push("one_more".into());
/// let err = FieldNames::default().check_columns(&columns).unwrap_err();
/// assert_eq!(err.code(), "LOG_TOO_LARGE");
/// ```
pub const MAX_COLUMNS: usize = 10_000;

/// How many column names a message lists before saying how many more.
const LISTED_COLUMNS: usize = 20;

/// Names of the fields of an event log (CSV header names or JSON keys).
/// Fields not named here become raw attributes, looked at by `match` rules.
///
/// ```
/// use journeymap::analytics::FieldNames;
/// let names = FieldNames { customer: "user_id".into(), ..FieldNames::default() };
/// assert_eq!(names.timestamp, "timestamp");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct FieldNames {
    /// Customer id (required). Default `customer_id`.
    pub customer: String,
    /// Timestamp (required). Default `timestamp`.
    pub timestamp: String,
    /// Touchpoint id. Default `touchpoint`.
    pub touchpoint: String,
    /// Raw event name. Default `event`.
    pub event: String,
    /// Raw channel. Default `channel`.
    pub channel: String,
    /// Value (revenue). Default `value`.
    pub value: String,
    /// Score (survey, CSAT, NPS). Default `score`.
    pub score: String,
    /// Segment or persona. Default `segment`.
    pub segment: String,
    /// Whether the log must have segments (set by [`FieldNames::segment_by`]):
    /// a CSV header or a table without the segment column, or a log in
    /// which no event has a segment, is then a `MISSING_COLUMN` error
    /// rather than a log without segments. Default `false`.
    pub require_segment: bool,
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            customer: "customer_id".into(),
            timestamp: "timestamp".into(),
            touchpoint: "touchpoint".into(),
            event: "event".into(),
            channel: "channel".into(),
            value: "value".into(),
            score: "score".into(),
            segment: "segment".into(),
            require_segment: false,
        }
    }
}

/// Which known field a name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Customer,
    Timestamp,
    Touchpoint,
    Event,
    Channel,
    Value,
    Score,
    Segment,
}

impl FieldNames {
    /// Segments customers by the field `name`, which the log must have.
    ///
    /// ```
    /// use journeymap::analytics::{CsvOptions, EventLog, FieldNames};
    /// # let map = journeymap::doc_support::home_map();
    /// let options = CsvOptions::default().fields(FieldNames::default().segment_by("tier"));
    /// let csv = "customer_id,timestamp,touchpoint,tier\nc1,1772357400000,home,gold\n";
    /// assert!(EventLog::from_csv(csv.as_bytes(), &map, &options).is_ok());
    /// let error = EventLog::from_csv("customer_id,timestamp,touchpoint\nc1,1772357400000,home\n".as_bytes(), &map, &options).unwrap_err();
    /// assert_eq!(error.code(), "MISSING_COLUMN");
    /// ```
    pub fn segment_by(mut self, name: impl Into<String>) -> Self {
        self.segment = name.into();
        self.require_segment = true;
        self
    }

    /// Checks the column names of a table or a CSV header against these
    /// names: no name twice (`DUPLICATE_COLUMN`); the customer and
    /// timestamp columns, a touchpoint, event or channel column, and the
    /// segment column when [`FieldNames::require_segment`] (else
    /// `MISSING_COLUMN`). Errors are [`Error::EventRow`] at row 0 naming
    /// the column. The CSV reader checks its header with it; bindings
    /// check a table's schema with it.
    ///
    /// ```
    /// use journeymap::analytics::FieldNames;
    /// let names = FieldNames::default();
    /// assert!(names.check_columns(&["customer_id", "timestamp", "event", "path"]).is_ok());
    /// let err = names.check_columns(&["customer_id", "event"]).unwrap_err();
    /// assert_eq!(err.code(), "MISSING_COLUMN");
    /// assert_eq!(err.row_error().unwrap().column.as_deref(), Some("timestamp"));
    /// ```
    pub fn check_columns<S: AsRef<str>>(&self, columns: &[S]) -> Result<(), Error> {
        let names: Vec<&str> = columns.iter().map(AsRef::as_ref).collect();
        let error = |kind, column: &str, message: String| {
            let row = RowError::new(kind, Some(column), message).at(0, None);
            Err(Error::EventRow(Box::new(row)))
        };
        if names.len() > MAX_COLUMNS {
            return error(
                RowErrorKind::LogTooLarge,
                names[MAX_COLUMNS],
                format!(
                    "the log has {} columns, more than the {MAX_COLUMNS} it may have",
                    names.len()
                ),
            );
        }
        let mut seen = HashSet::with_capacity(names.len());
        if let Some(name) = names.iter().find(|name| !seen.insert(**name)) {
            return error(
                RowErrorKind::DuplicateColumn,
                name,
                format!("column `{name}` appears twice"),
            );
        }
        let has = |name: &str| seen.contains(name);
        let listed = || {
            let shown = names[..names.len().min(LISTED_COLUMNS)].join(", ");
            match names.len().checked_sub(LISTED_COLUMNS) {
                Some(more) if more > 0 => format!("{shown}, and {more} more"),
                _ => shown,
            }
        };
        for name in [&self.customer, &self.timestamp] {
            if !has(name) {
                return error(
                    RowErrorKind::MissingColumn,
                    name,
                    format!("there is no `{name}` column (columns: {})", listed()),
                );
            }
        }
        if !has(&self.touchpoint) && !has(&self.event) && !has(&self.channel) {
            return error(
                RowErrorKind::MissingColumn,
                &self.touchpoint,
                format!(
                    "there is no `{}`, `{}` or `{}` column: nothing says what happened",
                    self.touchpoint, self.event, self.channel
                ),
            );
        }
        if self.require_segment && !has(&self.segment) {
            let name = &self.segment;
            return error(
                RowErrorKind::MissingColumn,
                name,
                format!(
                    "there is no `{name}` column to segment by (columns: {})",
                    listed()
                ),
            );
        }
        Ok(())
    }

    pub(crate) fn field(&self, name: &str) -> Option<Field> {
        [
            (&self.customer, Field::Customer),
            (&self.timestamp, Field::Timestamp),
            (&self.touchpoint, Field::Touchpoint),
            (&self.event, Field::Event),
            (&self.channel, Field::Channel),
            (&self.value, Field::Value),
            (&self.score, Field::Score),
            (&self.segment, Field::Segment),
        ]
        .into_iter()
        .find(|(n, _)| n.as_str() == name)
        .map(|(_, f)| f)
    }

    pub(crate) fn name(&self, field: Field) -> &str {
        match field {
            Field::Customer => &self.customer,
            Field::Timestamp => &self.timestamp,
            Field::Touchpoint => &self.touchpoint,
            Field::Event => &self.event,
            Field::Channel => &self.channel,
            Field::Value => &self.value,
            Field::Score => &self.score,
            Field::Segment => &self.segment,
        }
    }
}

/// Parses a number field; `Ok(None)` when empty.
pub(crate) fn parse_number(text: &str) -> Result<Option<f64>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<f64>().map(Some).map_err(|_| ())
}

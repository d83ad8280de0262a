//! What a reader does with bad rows, and how many it read and skipped.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::RowError;

/// What a reader does with a bad row.
///
/// ```
/// use journeymap::analytics::OnError;
/// assert_eq!(OnError::default(), OnError::Fail);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OnError {
    /// Stop at the first bad row with its error (the default).
    #[default]
    Fail,
    /// Skip bad rows, counting them by reason code; the report lists the
    /// counts and the first few rows skipped. Problems with the whole input
    /// (missing column...) still fail.
    Skip,
}

/// How many rows were read and skipped.
///
/// ```
/// use journeymap::analytics::IngestStats;
/// let stats = IngestStats::default();
/// assert_eq!(stats.rows_skipped(), 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct IngestStats {
    /// Data rows read (accepted + skipped).
    pub rows: u64,
    /// Rows skipped, by reason code.
    pub skipped: BTreeMap<String, u64>,
    /// The first skipped rows (at most [`IngestStats::MAX_EXAMPLES`]), in row order.
    pub examples: Vec<RowError>,
}

impl IngestStats {
    /// Most skipped rows kept as examples.
    ///
    /// ```
    /// use journeymap::analytics::{CsvOptions, EventLog, IngestStats, OnError};
    /// # let map = journeymap::doc_support::view_map();
    /// let csv = format!("customer_id,timestamp,event\n{}", "c1,never,view\n".repeat(25));
    /// let options = CsvOptions::default().on_error(OnError::Skip);
    /// let log = EventLog::from_csv(csv.as_bytes(), &map, &options).unwrap();
    /// assert_eq!(log.stats().rows_skipped(), 25);
    /// assert_eq!(log.stats().examples.len(), IngestStats::MAX_EXAMPLES);
    /// ```
    pub const MAX_EXAMPLES: usize = 10;

    /// Total rows skipped.
    ///
    /// ```
    /// use journeymap::analytics::{CsvOptions, EventLog, OnError};
    /// # let map = journeymap::doc_support::view_map();
    /// let csv = "customer_id,timestamp,event\nc1,1772357400000,view\n,1772357400000,view\nc2,later,view\n";
    /// let options = CsvOptions::default().on_error(OnError::Skip);
    /// let stats = EventLog::from_csv(csv.as_bytes(), &map, &options).unwrap().stats().clone();
    /// assert_eq!(stats.rows_skipped(), 2);
    /// assert_eq!((stats.skipped["EMPTY_CUSTOMER"], stats.skipped["BAD_TIMESTAMP"]), (1, 1));
    /// ```
    pub fn rows_skipped(&self) -> u64 {
        self.skipped.values().sum()
    }

    pub(crate) fn record(&mut self, error: RowError) {
        *self
            .skipped
            .entry(error.kind.code().to_owned())
            .or_insert(0) += 1;
        if self.examples.len() < Self::MAX_EXAMPLES {
            self.examples.push(error);
        }
    }

    /// Adds another log's statistics (associative and commutative: examples
    /// are the smallest rows of both, in a fixed order).
    pub(crate) fn merge(&mut self, other: &IngestStats) {
        self.rows = self.rows.saturating_add(other.rows);
        for (code, n) in &other.skipped {
            let count = self.skipped.entry(code.clone()).or_insert(0);
            *count = count.saturating_add(*n);
        }
        self.examples.extend(other.examples.iter().cloned());
        self.examples.sort_by(|a, b| {
            (a.row, a.line, a.kind, &a.column, &a.message)
                .cmp(&(b.row, b.line, b.kind, &b.column, &b.message))
        });
        self.examples.truncate(Self::MAX_EXAMPLES);
    }
}

impl std::str::FromStr for OnError {
    type Err = String;

    /// `fail` or `skip`.
    ///
    /// ```
    /// use journeymap::analytics::OnError;
    /// assert_eq!("skip".parse::<OnError>(), Ok(OnError::Skip));
    /// assert!("ignore".parse::<OnError>().unwrap_err().starts_with("on_bad_row \"ignore\": expected \"fail\""));
    /// ```
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "fail" => Ok(OnError::Fail),
            "skip" => Ok(OnError::Skip),
            _ => Err(format!(
                "on_bad_row {s:?}: expected \"fail\" (stop at the first bad row) or \"skip\""
            )),
        }
    }
}

/// Read through [`std::str::FromStr`]: an unknown policy is an invalid
/// value (`INVALID_VALUE`), not a type error.
impl<'de> Deserialize<'de> for OnError {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::value_de::from_str_value(d)
    }
}

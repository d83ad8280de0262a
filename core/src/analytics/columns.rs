//! Field names shared by the CSV and JSON Lines readers.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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

//! Analyse real event logs against the map: funnel, touchpoints, paths,
//! conformance and attribution.
//!
//! ```
//! use journeymap::JourneyMap;
//! use journeymap::analytics::{analyze, EventLog, JsonlOptions, ReportOptions};
//! let map = JourneyMap::from_json(r#"{"name": "Shop",
//!   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
//!   "channels": [{"id": "web", "name": "Website", "kind": "digital"},
//!                {"id": "mail", "name": "Email", "kind": "digital"}],
//!   "touchpoints": [
//!     {"id": "home", "name": "Home", "stage": "visit", "channel": "web",
//!      "match": [{"event": "page_view", "attributes": {"path": "/"}}]},
//!     {"id": "promo", "name": "Promo mail", "stage": "visit", "channel": "mail",
//!      "match": [{"event_prefix": "email_"}]},
//!     {"id": "pay", "name": "Checkout", "stage": "buy", "channel": "web", "kind": "conversion",
//!      "match": [{"event": "purchase"}]}],
//!   "transitions": [{"from": "home", "to": "pay"}, {"from": "promo", "to": "home"}]}"#).unwrap();
//! let log = r#"{"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "event": "email_click"}
//! {"customer_id": "c1", "timestamp": "2026-03-01T09:01:00Z", "event": "page_view", "path": "/"}
//! {"customer_id": "c1", "timestamp": "2026-03-01T09:05:00Z", "event": "purchase", "value": 30}
//! {"customer_id": "c2", "timestamp": "2026-03-01T11:00:00Z", "event": "page_view", "path": "/"}
//! {"customer_id": "c2", "timestamp": "2026-03-01T11:02:00Z", "event": "chat_opened"}
//! "#;
//! let log = EventLog::from_jsonl(log.as_bytes(), &map, &JsonlOptions::default()).unwrap();
//! let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
//! assert_eq!(report.totals.converted_customers, 1);
//! assert_eq!(report.unknown_events.top[0].name, "chat_opened");
//! let promo = &report.attribution.touchpoints[1];
//! assert_eq!((promo.first_touch.value, promo.last_touch.value, promo.linear.value), (30.0, 0.0, 15.0));
//! ```
//!
//! # Pipeline
//!
//! 1. **Read** an [`EventLog`]: [`EventLog::from_csv`], [`EventLog::from_jsonl`]
//!    (streaming from any `Read`), [`EventLogBuilder`] (one event at a time),
//!    [`EventLog::from_columns`] (slices, for Arrow / pandas),
//!    [`EventLog::from_records`] (objects in memory, by the JSON Lines rules)
//!    or [`EventLog::from_flat_records`] (the same, laid out flat, for the
//!    bindings' arrays of objects). Each
//!    event is resolved to a touchpoint when read; bad rows fail the read or
//!    are skipped and counted ([`OnError`]).
//! 2. **Analyse**: [`analyze`], or [`Partial::from_log`] on parts of the
//!    customers, [`Partial::merge`], [`Partial::finish`].
//! 3. **Report**: a [`Report`] (serde, JSON Schema in
//!    `schema/journey-report.schema.json`, see [`report_schema`]).
//!
//! # Counting semantics
//!
//! - **Resolution.** A row with a `touchpoint` id is at that touchpoint (an
//!   id the map does not have is a bad row, `UNKNOWN_TOUCHPOINT`). Otherwise
//!   its raw fields go through the `match` rules; a touchpoint matches when
//!   any of its rules matches (all conditions of a rule hold). **Ties**: when
//!   several touchpoints match, the first in document order wins. An event
//!   no rule matches is an **unknown event**: kept, counted (report
//!   `unknown_events`, by event name, or `channel=<channel>` without a name),
//!   never dropped silently; it takes no step in the journey.
//! - **Ordering.** A customer's journey is their events ordered by
//!   timestamp, ties broken by input order.
//! - **Windows.** With a conversion window `w`, events later than the
//!   customer's first event + `w` are ignored (counted in
//!   `events_outside_window`). The lookback window only limits which
//!   touches attribution credits.
//! - **Steps and repeats.** The steps of a journey are its events at
//!   touchpoints; with `collapse_repeats` (default) consecutive events at
//!   the same touchpoint form one step (the first one's time). Transitions,
//!   variants, conformance and attribution use steps; touchpoint `entries`
//!   counts every event, `repeats` the events repeating the previous
//!   touchpoint.
//! - **Conversion.** A customer converts at their first event at a
//!   conversion touchpoint ([`ReportOptions::conversions`], default
//!   [`JourneyMap::conversions`](crate::JourneyMap::conversions)); its value is
//!   that event's `value` (0 if none). A customer converts at most once.
//! - **Funnel.** A customer reaches a stage with any event in it. They
//!   *continued* if, after their first event in the stage, they had an event
//!   in a later stage; `dropped = customers - continued`. Time in stage runs
//!   from the first event in the stage to that later event; time to
//!   conversion from the first event in the stage (or of the journey) to the
//!   conversion. A stage is *skipped* when the customer reached a later stage
//!   without any event in it (stages without touchpoints are never skipped).
//!   Medians and p90 are nearest-rank (values of the data).
//! - **Touchpoints.** `reach`: distinct customers; `starts`: journeys
//!   beginning there; `exits`: customers who did not convert and whose last
//!   step is there; `conversions`: customers who touched it at or before their
//!   conversion. Scores are mapped to -2..=2 by [`ScoreScale`] and compared to
//!   the planned emotion.
//! - **Transitions and variants.** Directly-follows pairs of consecutive
//!   steps, flagged planned when the map has the transition (persona
//!   restrictions of transitions are not considered). A variant is the whole
//!   sequence of steps of a journey.
//! - **Conformance.** A customer's fitness is planned moves / moves, the start
//!   counting as one move, planned when the first step is an entry of the
//!   map. A backward move goes to an earlier stage; it is *unmarked* unless
//!   the map has that transition flagged `loop`.
//! - **Attribution.** The touches credited for a conversion are the steps
//!   before it within the lookback window. First, last, linear, time-decay
//!   (weight halves every half-life before the last touch) and
//!   position-based models split each conversion and its value exactly; a
//!   conversion with no touch is *unattributed*. The Markov model (first
//!   order, see docs/analytics.md) uses every customer with a touch:
//!   paths end in conversion or null; the removal effect of a state is the
//!   share of conversions lost without it, and the attributable conversions
//!   and value are split in proportion to removal effects. Channel-level
//!   heuristic credit is the sum over the channel's touchpoints; the channel
//!   Markov model is its own chain over channels.
//! - **Segments.** A customer's segment is the first non-empty `segment` of
//!   their journey; each segment gets the same funnel.
//!
//! Splitting a log by customer and merging the parts' [`Partial`]s gives the
//! same report as the whole log, bit for bit: counts are integers, sums of
//! fractional quantities are fixed point (10^-9), durations are kept whole
//! for exact quantiles. The `parallel` feature (default) uses rayon; the
//! result does not depend on it.

mod accumulate;
mod attribution;
mod conformance;
mod encode;
mod funnel;
mod generate;
mod intern;
mod log;
mod markov;
mod matcher;
mod num;
mod options;
mod partial;
mod paths;
mod read;
mod report;
mod scan;
mod text;

pub use crate::error::{RowError, RowErrorKind};
pub use generate::{
    generate, write_csv, write_jsonl, GeneratedColumns, GeneratedEvent, Generator, GeneratorOptions,
};
pub use log::{
    Columns, Event, EventLog, EventLogBuilder, LoggedEvent, Timestamps, MAX_TIMESTAMP_MS,
    MAX_VALUE, MIN_TIMESTAMP_MS,
};
pub use markov::MAX_MARKOV_STATES;
pub use options::{
    parse_duration, parse_duration_option, PositionWeights, ReportOptions, ScoreScale,
};
pub use partial::{analyze, Partial};
pub use read::{
    CsvOptions, FieldNames, FlatValue, IngestStats, InputFormat, JsonlOptions, LogStream, OnError,
    PatternError, ReaderOptions, RecordValue, TimePattern, TimeSpec, TimeUnit, TimestampFormat,
    Timezone, MAX_COLUMNS,
};
pub use report::{
    report_schema, report_schema_json, Attribution, AttributionRow, Conformance, Credit,
    CustomerConformance, Durations, Funnel, Report, ScoreStats, SegmentFunnel, StageStats, Totals,
    TouchpointStats, TransitionStats, UnknownEventName, UnknownEvents, Variant, Variants,
    REPORT_VERSION,
};
pub use text::{format_count, TextOptions};

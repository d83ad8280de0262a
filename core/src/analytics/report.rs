//! The journey report: what [`crate::analytics::analyze`] and
//! [`crate::analytics::Partial::finish`] return. Serialisable (JSON) and
//! described by the published schema `schema/journey-report.schema.json`.
//!
//! Durations are integer milliseconds; medians and p90 are nearest-rank
//! quantiles (exact values of the data, no interpolation). Sums of values,
//! scores and attribution credits are exact to 10^-9.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::options::ReportOptions;
use super::read::ingest::IngestStats;

/// Version of the report format.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// use journeymap::analytics::REPORT_VERSION;
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// assert_eq!(report.report_version, REPORT_VERSION);
/// ```
pub const REPORT_VERSION: u32 = 1;

/// A journey report: the map against an event log.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// assert_eq!(report.map, "Shop");
/// assert_eq!(report.conversion_touchpoints, ["pay"]);
/// assert_eq!(report.ingest.rows, 6);
/// let json = serde_json::to_value(&report).unwrap(); // schema: `report_schema()`
/// assert_eq!(json["totals"]["converted_customers"], 1);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// Version of the report format (1).
    pub report_version: u32,
    /// Name of the map.
    pub map: String,
    /// The options the report was computed with.
    pub options: ReportOptions,
    /// Touchpoints counting as conversions (ids).
    pub conversion_touchpoints: Vec<String>,
    /// Rows read and skipped.
    pub ingest: IngestStats,
    /// Overall counts.
    pub totals: Totals,
    /// Stage funnel over all customers.
    pub funnel: Funnel,
    /// One row per touchpoint, in document order.
    pub touchpoints: Vec<TouchpointStats>,
    /// Observed directly-follows transitions, and planned ones never taken.
    pub transitions: Vec<TransitionStats>,
    /// Most frequent path variants.
    pub variants: Variants,
    /// How well journeys follow the map.
    pub conformance: Conformance,
    /// Attribution of conversions and value.
    pub attribution: Attribution,
    /// The funnel of each segment, by segment name.
    pub segments: Vec<SegmentFunnel>,
    /// Events that matched no touchpoint.
    pub unknown_events: UnknownEvents,
    /// Per-customer conformance, sorted by customer id (only with
    /// `include_customers`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customers: Option<Vec<CustomerConformance>>,
}

/// Overall counts.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// let t = &report.totals;
/// assert_eq!((t.customers, t.events, t.unknown_events, t.converted_customers), (2, 6, 1, 1));
/// assert_eq!((t.conversion_rate, t.value, t.conversion_value), (Some(0.5), 40.0, 40.0));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Totals {
    /// Distinct customers.
    pub customers: u64,
    /// Customers with at least one event at a touchpoint (inside the window).
    pub customers_with_touchpoints: u64,
    /// Events inside the conversion window (all events without a window).
    pub events: u64,
    /// Events after the conversion window, ignored.
    pub events_outside_window: u64,
    /// Events inside the window that matched no touchpoint.
    pub unknown_events: u64,
    /// Customers who reached a conversion touchpoint.
    pub converted_customers: u64,
    /// `converted_customers / customers_with_touchpoints`.
    pub conversion_rate: Option<f64>,
    /// Sum of the values of all events inside the window.
    pub value: f64,
    /// Sum of the values of the converting events.
    pub conversion_value: f64,
}

/// Distribution of durations (milliseconds).
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// // c1: from the promo (1 March, 09:00) to paying (3 March, 09:10).
/// let d = &report.funnel.time_to_conversion;
/// assert_eq!((d.count, d.median_ms, d.p90_ms), (1, Some(2 * 86_400_000 + 600_000), Some(173_400_000)));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Durations {
    /// How many durations.
    pub count: u64,
    /// Nearest-rank median.
    pub median_ms: Option<i64>,
    /// Nearest-rank 90th percentile.
    pub p90_ms: Option<i64>,
    /// Arithmetic mean.
    pub mean_ms: Option<f64>,
}

/// A stage funnel.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// let f = &report.funnel;
/// assert_eq!((f.customers, f.converted, f.conversion_value), (2, 1, 40.0));
/// let stages: Vec<_> = f.stages.iter().map(|s| (s.stage.as_str(), s.customers)).collect();
/// assert_eq!(stages, [("visit", 2), ("buy", 1)]);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Funnel {
    /// Customers in the group.
    pub customers: u64,
    /// Of them, customers with at least one event at a touchpoint.
    pub customers_with_touchpoints: u64,
    /// Customers who converted.
    pub converted: u64,
    /// `converted / customers_with_touchpoints`.
    pub conversion_rate: Option<f64>,
    /// Sum of the values of the converting events.
    pub conversion_value: f64,
    /// From the customer's first touchpoint event to the conversion.
    pub time_to_conversion: Durations,
    /// One row per stage, in journey order.
    pub stages: Vec<StageStats>,
}

/// One stage of a funnel.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// let [visit, buy] = &report.funnel.stages[..] else { panic!() };
/// assert_eq!((visit.customers, visit.continued, visit.dropped), (2, 1, 1));
/// assert_eq!((visit.conversion_to_next, buy.conversion_from_first), (Some(0.5), Some(0.5)));
/// assert_eq!(visit.time_in_stage.median_ms, Some(173_400_000));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StageStats {
    /// Stage id.
    pub stage: String,
    /// Stage name.
    pub name: String,
    /// Customers with at least one event in the stage.
    pub customers: u64,
    /// Of them, customers who later had an event in a later stage.
    pub continued: u64,
    /// `customers - continued`.
    pub dropped: u64,
    /// `continued / customers` (none for the last stage or no customers).
    pub conversion_to_next: Option<f64>,
    /// `customers / customers of the first stage` (may exceed 1 when
    /// customers enter after the first stage).
    pub conversion_from_first: Option<f64>,
    /// Customers who reached a later stage without any event in this one
    /// (stages with no touchpoint are never counted as skipped).
    pub skipped: u64,
    /// From the first event in the stage to the first later event in a
    /// later stage, for customers who continued.
    pub time_in_stage: Durations,
    /// From the first event in the stage to the conversion, for converted
    /// customers who reached the stage at or before converting.
    pub time_to_conversion: Durations,
}

/// Observed scores at a touchpoint against the planned emotion.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// // Home is planned at +1; customers scored it 2 and -1.
/// let s = &report.touchpoints[1].score;
/// assert_eq!((s.count, s.mean, s.planned, s.difference), (2, Some(0.5), Some(1), Some(-0.5)));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScoreStats {
    /// Scores inside the scale.
    pub count: u64,
    /// Mean score on the -2..=2 scale.
    pub mean: Option<f64>,
    /// The map's emotion score for the touchpoint.
    pub planned: Option<i64>,
    /// `mean - planned`.
    pub difference: Option<f64>,
    /// Scores outside the scale's range, left out of the mean.
    pub out_of_range: u64,
}

/// One touchpoint.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// let home = &report.touchpoints[1];
/// assert_eq!((home.reach, home.entries, home.repeats), (2, 3, 1));
/// assert_eq!((home.starts, home.exits, home.conversions), (1, 1, 1));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TouchpointStats {
    /// Touchpoint id.
    pub touchpoint: String,
    /// Its stage id.
    pub stage: String,
    /// Its channel id.
    pub channel: String,
    /// Distinct customers with an event here.
    pub reach: u64,
    /// Events here (every event, repeats included).
    pub entries: u64,
    /// Events here that repeat the customer's previous touchpoint.
    pub repeats: u64,
    /// Customers whose journey starts here.
    pub starts: u64,
    /// Customers who did not convert and whose last touchpoint is this one.
    pub exits: u64,
    /// Customers who touched it at or before their conversion.
    pub conversions: u64,
    /// `conversions / reach`.
    pub conversion_rate: Option<f64>,
    /// Sum of the values of the events here.
    pub value: f64,
    /// Observed scores.
    pub score: ScoreStats,
}

/// A directly-follows transition.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// let t = report.transitions.iter().find(|t| t.from == "promo" && t.to == "home").unwrap();
/// assert_eq!((t.count, t.customers, t.planned, t.backward), (1, 1, true, false));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TransitionStats {
    /// From touchpoint id.
    pub from: String,
    /// To touchpoint id.
    pub to: String,
    /// Times observed.
    pub count: u64,
    /// Distinct customers who took it.
    pub customers: u64,
    /// Whether the map has this transition.
    pub planned: bool,
    /// Whether the map marks it as a loop.
    pub is_loop: bool,
    /// Whether it goes to an earlier stage.
    pub backward: bool,
}

/// Path variants.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// assert_eq!(report.variants.distinct, 2);
/// let paths: Vec<_> = report.variants.top.iter().map(|v| v.path.join(" > ")).collect();
/// assert!(paths.contains(&"promo > home > pay".to_owned()) && paths.contains(&"home".to_owned()));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Variants {
    /// Distinct variants observed.
    pub distinct: u64,
    /// The `top_k` most frequent (ties: fewer steps first, then ids).
    pub top: Vec<Variant>,
}

/// One path variant: the sequence of touchpoints of a journey.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// let v = report.variants.top.iter().find(|v| v.path == ["promo", "home", "pay"]).unwrap();
/// assert_eq!((v.customers, v.conversions, v.conversion_rate), (1, 1, 1.0));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Variant {
    /// Touchpoint ids in order.
    pub path: Vec<String>,
    /// Customers with exactly this journey.
    pub customers: u64,
    /// Of them, converted.
    pub conversions: u64,
    /// `conversions / customers`.
    pub conversion_rate: f64,
}

/// Conformance of the observed journeys to the map.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// // c1 starts at the entry and follows the plan (3 planned moves of 3);
/// // c2 starts at home, which is not an entry (0 of 1).
/// let c = &report.conformance;
/// assert_eq!((c.transitions, c.planned_transitions, c.planned_share), (2, 2, Some(1.0)));
/// assert_eq!((c.customers_starting_at_entry, c.fitness, c.mean_customer_fitness), (1, Some(0.75), Some(0.5)));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Conformance {
    /// Observed transitions (moves between consecutive steps).
    pub transitions: u64,
    /// Of them, transitions the map has.
    pub planned_transitions: u64,
    /// `planned_transitions / transitions`.
    pub planned_share: Option<f64>,
    /// Moves to an earlier stage.
    pub backward_moves: u64,
    /// Moves to an earlier stage that the map does not mark as a loop.
    pub backward_moves_unmarked: u64,
    /// Customers with at least one such move.
    pub customers_with_unmarked_backward_moves: u64,
    /// Customers who skipped at least one stage.
    pub customers_with_skipped_stages: u64,
    /// Customers whose first touchpoint is an entry of the map.
    pub customers_starting_at_entry: u64,
    /// Events that matched no touchpoint.
    pub unknown_events: u64,
    /// Customers with at least one.
    pub customers_with_unknown_events: u64,
    /// Customers with a fitness (those with a touchpoint event).
    pub customers: u64,
    /// Planned moves over all moves, the start counting as one move
    /// (planned when it is at an entry).
    pub fitness: Option<f64>,
    /// Mean of the customers' fitness.
    pub mean_customer_fitness: Option<f64>,
    /// Customers with fitness 1.
    pub perfectly_fitting_customers: u64,
    /// Customers by fitness decile: `[0, 0.1)`, ..., `[0.9, 1]`.
    pub fitness_histogram: Vec<u64>,
}

/// Credit given to a touchpoint or channel by one model.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// let promo = &report.attribution.touchpoints[0];
/// assert_eq!((promo.first_touch.conversions, promo.first_touch.value), (1.0, 40.0));
/// assert_eq!((promo.linear.conversions, promo.linear.value), (0.5, 20.0));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Credit {
    /// Conversions credited.
    pub conversions: f64,
    /// Conversion value credited.
    pub value: f64,
}

/// Attribution of one touchpoint or channel under every model.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// let rows = &report.attribution.touchpoints;
/// assert_eq!((rows[0].id.as_str(), rows[0].first_touch.conversions, rows[0].last_touch.conversions), ("promo", 1.0, 0.0));
/// assert_eq!((rows[1].id.as_str(), rows[1].last_touch.conversions), ("home", 1.0));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AttributionRow {
    /// Touchpoint or channel id.
    pub id: String,
    /// All credit to the first touch.
    pub first_touch: Credit,
    /// All credit to the last touch.
    pub last_touch: Credit,
    /// Equal credit to each touch.
    pub linear: Credit,
    /// Credit halving every `half_life_ms` before the conversion.
    pub time_decay: Credit,
    /// `first` / `last` weights to the first and last touches, the rest
    /// shared by the touches between.
    pub position_based: Credit,
    /// Markov-chain removal effect, normalised to the conversions.
    pub markov: Credit,
    /// Markov removal effect: the share of conversions lost when this state
    /// is removed from the chain.
    pub removal_effect: f64,
}

/// Attribution of conversions and value.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// let a = &report.attribution;
/// assert_eq!((a.conversions, a.value, a.attributable_conversions, a.unattributed_conversions), (1, 40.0, 1, 0));
/// let mail = a.channels.iter().find(|c| c.id == "mail").unwrap();
/// assert_eq!(mail.first_touch.value, 40.0);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Attribution {
    /// Converted customers.
    pub conversions: u64,
    /// Their conversion value.
    pub value: f64,
    /// Conversions with at least one touch to credit.
    pub attributable_conversions: u64,
    /// Their value.
    pub attributable_value: f64,
    /// Conversions with no touch to credit (the conversion was the first
    /// step, or no touch within the lookback window).
    pub unattributed_conversions: u64,
    /// Their value.
    pub unattributed_value: f64,
    /// Probability of conversion of the touchpoint-level Markov chain.
    pub markov_conversion_probability: Option<f64>,
    /// Why the Markov figures (`markov` credits, removal effects, the
    /// conversion probability) were not computed, when they were not: a
    /// chain with more observed states than
    /// [`MAX_MARKOV_STATES`](super::MAX_MARKOV_STATES). Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub markov_skipped: Option<String>,
    /// One row per touchpoint, in document order.
    pub touchpoints: Vec<AttributionRow>,
    /// One row per channel, in document order (heuristic credit: the sum
    /// over the channel's touchpoints; Markov: a chain over channels).
    pub channels: Vec<AttributionRow>,
}

/// The funnel of one segment.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// let names: Vec<_> = report.segments.iter().map(|s| (s.segment.as_str(), s.funnel.converted)).collect();
/// assert_eq!(names, [("b2b", 0), ("b2c", 1)]);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SegmentFunnel {
    /// Segment name.
    pub segment: String,
    /// Its funnel.
    pub funnel: Funnel,
}

/// Events that matched no touchpoint.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// let u = &report.unknown_events;
/// assert_eq!((u.events, u.customers, u.distinct), (1, 1, 1));
/// assert_eq!((u.top[0].name.as_str(), u.top[0].events), ("chat", 1));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnknownEvents {
    /// Events inside the window.
    pub events: u64,
    /// Customers with at least one.
    pub customers: u64,
    /// Distinct names.
    pub distinct: u64,
    /// Customers with no segment (left out of the segment funnels).
    pub customers_without_segment: u64,
    /// The `top_k` most frequent names (ties: by name).
    pub top: Vec<UnknownEventName>,
}

/// An unknown event name and how often it occurred.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// assert_eq!(report.unknown_events.top[0].name, "chat");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnknownEventName {
    /// Event name (`channel=<channel>` for events without a name).
    pub name: String,
    /// Events inside the window.
    pub events: u64,
}

/// Conformance of one customer.
///
/// ```
/// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// # let map = journeymap::doc_support::shop_map();
/// # let log = journeymap::doc_support::shop_log(&map);
/// let options = ReportOptions::default().include_customers(true);
/// let report = analyze(&map, &log, &options).unwrap();
/// let rows = report.customers.unwrap();
/// assert_eq!((rows[0].customer.as_str(), rows[0].steps, rows[0].converted, rows[0].fitness), ("c1", 3, true, Some(1.0)));
/// assert_eq!((rows[1].customer.as_str(), rows[1].unknown_events, rows[1].fitness), ("c2", 1, Some(0.0)));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CustomerConformance {
    /// Customer id.
    pub customer: String,
    /// Events inside the window.
    pub events: u64,
    /// Of them, unknown.
    pub unknown_events: u64,
    /// Steps of the journey (after collapsing repeats, if asked).
    pub steps: u64,
    /// Whether the customer converted.
    pub converted: bool,
    /// Planned moves over moves (start included); none without steps.
    pub fitness: Option<f64>,
    /// Stages skipped.
    pub skipped_stages: u64,
    /// Backward moves not marked as loops.
    pub backward_moves_unmarked: u64,
}

/// The JSON Schema of [`Report`].
///
/// ```
/// let schema = journeymap::analytics::report_schema();
/// assert_eq!(schema["title"], "Report");
/// ```
pub fn report_schema() -> serde_json::Value {
    // The schema of what is written: a field always written is required,
    // `null` or not, and `required` lists the fields in the order written.
    let mut schema = schemars::generate::SchemaSettings::default()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<Report>()
        .to_value();
    crate::schema::tidy(&mut schema);
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "$id".into(),
            "https://journeymap.dev/schema/journey-report.schema.json".into(),
        );
    }
    schema
}

/// [`report_schema`] as pretty JSON text with a trailing newline, exactly
/// as checked in at `schema/journey-report.schema.json`.
///
/// ```
/// let text = journeymap::analytics::report_schema_json();
/// assert!(text.starts_with("{") && text.ends_with("}\n"));
/// assert!(text.contains("journey-report.schema.json"));
/// ```
pub fn report_schema_json() -> String {
    crate::schema::to_pretty(&report_schema())
}

//! Mergeable partial results.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::accumulate::{CustomerRow, TotalsAcc, TouchpointAcc};
use super::attribution::AttributionAcc;
use super::conformance::ConformanceAcc;
use super::funnel::FunnelAcc;
use super::log::{fingerprint, mismatch, EventLog};
use super::num::{from_fixed, ratio, round9, SCALE};
use super::options::ReportOptions;
use super::paths::{self, PairCount, PairTable, VariantTable};
use super::read::ingest::IngestStats;
use super::report::{
    CustomerConformance, Report, ScoreStats, SegmentFunnel, Totals, TouchpointStats,
    UnknownEventName, UnknownEvents, REPORT_VERSION,
};
use crate::error::Error;
use crate::JourneyMap;

/// A partial journey report over some of the customers: merge partials of
/// disjoint sets of customers, then [`finish`](Partial::finish) them into
/// a [`Report`].
///
/// Merging is associative and commutative and exact: splitting a log by
/// customer into any number of parts, in any way, and merging the parts'
/// partials gives a report identical to the whole log's. (A customer whose
/// events are spread over several parts counts as several customers: split
/// by customer.) Partials serialise with serde, to be shipped between
/// workers (Dask, Spark, processes).
///
/// Memory: besides counts per touchpoint, stage and transition, a partial
/// keeps what exact medians need (one `i64` per customer per stage reached
/// or converted, twice when segments are given) and one entry per distinct
/// path variant and unknown event name.
///
/// ```
/// use journeymap::analytics::{Event, EventLog, Partial, ReportOptions, analyze};
/// # let map = journeymap::JourneyMap::from_json(r#"{"name":"x","stages":[{"id":"s","name":"S"}],
/// #   "channels":[{"id":"w","name":"W","kind":"digital"}],
/// #   "touchpoints":[{"id":"a","name":"A","stage":"s","channel":"w"},{"id":"b","name":"B","stage":"s","channel":"w","kind":"conversion"}],
/// #   "transitions":[{"from":"a","to":"b"}]}"#).unwrap();
/// let options = ReportOptions::default();
/// let mut part1 = EventLog::builder(&map);
/// part1.push(&Event::touchpoint("c1", 1, "a")).unwrap();
/// part1.push(&Event::touchpoint("c1", 2, "b")).unwrap();
/// let mut part2 = EventLog::builder(&map);
/// part2.push(&Event::touchpoint("c2", 1, "a")).unwrap();
/// let (log1, log2) = (part1.build(), part2.build());
/// let merged = Partial::from_log(&map, &log1, &options).unwrap()
///     .merge(Partial::from_log(&map, &log2, &options).unwrap()).unwrap();
/// let report = merged.finish(&map, &options).unwrap();
/// assert_eq!(report.totals.customers, 2);
/// assert_eq!(report.totals.converted_customers, 1);
/// ```
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Partial {
    pub(crate) fingerprint: u64,
    pub(crate) options: ReportOptions,
    pub(crate) n_touchpoints: u32,
    pub(crate) n_stages: u32,
    pub(crate) n_channels: u32,
    pub(crate) ingest: IngestStats,
    pub(crate) totals: TotalsAcc,
    pub(crate) touchpoints: Vec<TouchpointAcc>,
    pub(crate) funnel: FunnelAcc,
    pub(crate) segments: BTreeMap<String, FunnelAcc>,
    pub(crate) transitions: PairTable<PairCount>,
    pub(crate) variants: VariantTable,
    pub(crate) conformance: ConformanceAcc,
    pub(crate) attribution: AttributionAcc,
    pub(crate) markov_touchpoints: PairTable<u64>,
    pub(crate) markov_channels: PairTable<u64>,
    pub(crate) unknown: BTreeMap<String, u64>,
    pub(crate) customers: Vec<CustomerRow>,
}

impl Partial {
    /// An empty partial (no customer) for `map` and `options`.
    ///
    /// ```
    /// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// # let log = journeymap::doc_support::shop_log(&map);
    /// use journeymap::analytics::Partial;
    /// let options = ReportOptions::default();
    /// let whole = Partial::from_log(&map, &log, &options).unwrap();
    /// let merged = Partial::empty(&map, &options).unwrap().merge(whole.clone()).unwrap();
    /// assert_eq!(merged.finish(&map, &options).unwrap(), whole.finish(&map, &options).unwrap());
    /// assert_eq!(Partial::empty(&map, &options).unwrap().customers(), 0);
    /// ```
    pub fn empty(map: &JourneyMap, options: &ReportOptions) -> Result<Partial, Error> {
        options.validate(map)?;
        Ok(Self::new(map, options, fingerprint(map)))
    }

    pub(crate) fn new(map: &JourneyMap, options: &ReportOptions, fingerprint: u64) -> Partial {
        let n = map.touchpoints().len();
        let n_stages = map.stages().len();
        let n_channels = map.channels().len();
        // Maps hold at most `Limits::max_entities` entities of each kind.
        let small = |x: usize| u32::try_from(x).unwrap_or(u32::MAX - 3);
        Partial {
            fingerprint,
            options: options.clone(),
            n_touchpoints: small(n),
            n_stages: small(n_stages),
            n_channels: small(n_channels),
            ingest: IngestStats::default(),
            totals: TotalsAcc::default(),
            touchpoints: vec![TouchpointAcc::default(); n],
            funnel: FunnelAcc::new(n_stages),
            segments: BTreeMap::new(),
            transitions: PairTable::new(small(n)),
            variants: VariantTable::default(),
            conformance: ConformanceAcc::default(),
            attribution: AttributionAcc::new(n),
            markov_touchpoints: PairTable::new(small(n) + 3),
            markov_channels: PairTable::new(small(n_channels) + 3),
            unknown: BTreeMap::new(),
            customers: Vec::new(),
        }
    }

    /// The options the partial was computed with (those its report is
    /// finished with, `top_k` aside).
    ///
    /// ```
    /// use journeymap::analytics::{Partial, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// let options = ReportOptions::default().collapse_repeats(false);
    /// assert_eq!(Partial::empty(&map, &options).unwrap().options(), &options);
    /// ```
    pub fn options(&self) -> &ReportOptions {
        &self.options
    }

    /// Number of customers counted.
    ///
    /// ```
    /// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// # let log = journeymap::doc_support::shop_log(&map);
    /// use journeymap::analytics::Partial;
    /// assert_eq!(Partial::from_log(&map, &log, &ReportOptions::default()).unwrap().customers(), 2);
    /// ```
    pub fn customers(&self) -> u64 {
        self.totals.customers
    }

    /// Merges another partial of other customers, computed against the same
    /// map with compatible options (all options but `top_k` equal).
    ///
    /// ```
    /// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// # let log = journeymap::doc_support::shop_log(&map);
    /// # let csv = journeymap::doc_support::SHOP_CSV;
    /// use journeymap::analytics::Partial;
    /// let options = ReportOptions::default();
    /// // Split by customer: c1's rows, then c2's.
    /// let (head, tail) = csv.split_at(csv.find("c2,").unwrap());
    /// let first = EventLog::from_csv(head.as_bytes(), &map, &CsvOptions::default()).unwrap();
    /// let second = format!("customer_id,timestamp,touchpoint,event,value,score,segment\n{tail}");
    /// let second = EventLog::from_csv(second.as_bytes(), &map, &CsvOptions::default()).unwrap();
    /// let merged = Partial::from_log(&map, &first, &options).unwrap()
    ///     .merge(Partial::from_log(&map, &second, &options).unwrap())
    ///     .unwrap();
    /// assert_eq!(merged.finish(&map, &options).unwrap().totals, analyze(&map, &log, &options).unwrap().totals);
    /// let other = ReportOptions::default().collapse_repeats(false);
    /// let err = merged.merge(Partial::from_log(&map, &log, &other).unwrap()).unwrap_err();
    /// assert_eq!(err.code(), "INVALID_VALUE"); // another map or other options
    /// ```
    pub fn merge(mut self, other: Partial) -> Result<Partial, Error> {
        self.check_shape()?;
        other.check_shape()?;
        if self.fingerprint != other.fingerprint || !self.options.compatible(&other.options) {
            return Err(mismatch("a partial result"));
        }
        self.merge_unchecked(other);
        Ok(self)
    }

    pub(crate) fn merge_unchecked(&mut self, other: Partial) {
        self.ingest.merge(&other.ingest);
        self.totals.merge(&other.totals);
        for (a, b) in self.touchpoints.iter_mut().zip(&other.touchpoints) {
            a.merge(b);
        }
        self.funnel.merge(other.funnel);
        for (name, f) in other.segments {
            match self.segments.get_mut(&name) {
                Some(mine) => mine.merge(f),
                None => {
                    self.segments.insert(name, f);
                }
            }
        }
        self.transitions.merge(&other.transitions);
        self.variants.merge(other.variants);
        self.conformance.merge(&other.conformance);
        self.attribution.merge(&other.attribution);
        self.markov_touchpoints.merge(&other.markov_touchpoints);
        self.markov_channels.merge(&other.markov_channels);
        for (name, n) in other.unknown {
            let count = self.unknown.entry(name).or_insert(0);
            *count = count.saturating_add(n);
        }
        self.customers.extend(other.customers);
    }

    /// Checks that every index and length fits the sizes recorded, so that
    /// a partial read from untrusted bytes cannot make `finish` misbehave.
    pub(crate) fn check_shape(&self) -> Result<(), Error> {
        let (n, s, c) = (
            self.n_touchpoints as usize,
            self.n_stages as usize,
            self.n_channels as usize,
        );
        let funnel_ok = |f: &FunnelAcc| f.stages.len() == s;
        let ok = self.touchpoints.len() == n
            && funnel_ok(&self.funnel)
            && self.segments.values().all(funnel_ok)
            && self.transitions.n() as usize == n
            && self.markov_touchpoints.n() as usize == n + 3
            && self.markov_channels.n() as usize == c + 3
            && self.attribution.conversions.len() == n
            && self.attribution.value.len() == n
            && self
                .variants
                .map
                .keys()
                .all(|k| !k.is_empty() && k.iter().all(|&i| (i as usize) < n));
        if ok {
            Ok(())
        } else {
            Err(Error::InvalidValue {
                id: None,
                path: String::new(),
                message: "the partial result is inconsistent (corrupted or from another version)"
                    .into(),
            })
        }
    }

    /// The report of the customers merged so far.
    ///
    /// `map` must be the map the partials were computed against, and
    /// `options` compatible with theirs (`top_k` may differ).
    ///
    /// ```
    /// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// # let log = journeymap::doc_support::shop_log(&map);
    /// use journeymap::analytics::Partial;
    /// let partial = Partial::from_log(&map, &log, &ReportOptions::default()).unwrap();
    /// let report = partial.finish(&map, &ReportOptions::default().top_k(1)).unwrap();
    /// assert_eq!(report.variants.top.len(), 1);
    /// let err = partial.finish(&map, &ReportOptions::default().collapse_repeats(false)).unwrap_err();
    /// assert_eq!(err.code(), "INVALID_VALUE"); // another map or other options
    /// ```
    pub fn finish(&self, map: &JourneyMap, options: &ReportOptions) -> Result<Report, Error> {
        options.validate(map)?;
        self.check_shape()?;
        if self.fingerprint != fingerprint(map) || !self.options.compatible(options) {
            return Err(mismatch("the partial result"));
        }
        let tps = map.touchpoints();
        let conversion_touchpoints: Vec<String> = match &options.conversions {
            Some(list) => tps
                .iter()
                .filter(|t| list.iter().any(|c| *c == t.id.as_str()))
                .map(|t| t.id.to_string())
                .collect(),
            None => map.conversions().iter().map(|t| t.id.to_string()).collect(),
        };
        let funnel = self.funnel.report(map);
        let touchpoints = tps
            .iter()
            .zip(&self.touchpoints)
            .map(|(t, a)| {
                let mean = (a.score_count > 0)
                    .then(|| round9(from_fixed(a.score_sum) / a.score_count as f64));
                let planned = t.emotion.as_ref().map(|e| e.score);
                TouchpointStats {
                    touchpoint: t.id.to_string(),
                    stage: t.stage.to_string(),
                    channel: t.channel.to_string(),
                    reach: a.reach,
                    entries: a.entries,
                    repeats: a.repeats,
                    starts: a.starts,
                    exits: a.exits,
                    conversions: a.conversions,
                    conversion_rate: ratio(a.conversions, a.reach),
                    value: from_fixed(a.value),
                    score: ScoreStats {
                        count: a.score_count,
                        mean,
                        planned,
                        difference: mean.zip(planned).map(|(m, p)| round9(m - p as f64)),
                        out_of_range: a.scores_out_of_range,
                    },
                }
            })
            .collect();
        let mut unknown_top: Vec<(&String, &u64)> = self.unknown.iter().collect();
        unknown_top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let unknown_events = UnknownEvents {
            events: self.totals.unknown_events,
            customers: self.totals.customers_with_unknown,
            distinct: self.unknown.len() as u64,
            customers_without_segment: self.totals.customers_without_segment,
            top: unknown_top
                .into_iter()
                .take(options.top_k)
                .map(|(name, &events)| UnknownEventName {
                    name: name.clone(),
                    events,
                })
                .collect(),
        };
        let customers = options.include_customers.then(|| {
            let mut rows: Vec<CustomerConformance> = self
                .customers
                .iter()
                .map(|r| CustomerConformance {
                    customer: r.customer.clone(),
                    events: r.events,
                    unknown_events: r.unknown_events,
                    steps: r.steps,
                    converted: r.converted,
                    fitness: r.fitness.map(|f| f as f64 / SCALE as f64),
                    skipped_stages: r.skipped_stages,
                    backward_moves_unmarked: r.backward_moves_unmarked,
                })
                .collect();
            rows.sort_by(|a, b| a.customer.cmp(&b.customer));
            rows
        });
        Ok(Report {
            report_version: REPORT_VERSION,
            map: map.name().to_owned(),
            options: options.clone(),
            conversion_touchpoints,
            ingest: self.ingest.clone(),
            totals: Totals {
                customers: self.totals.customers,
                customers_with_touchpoints: self.funnel.customers_with_touchpoints,
                events: self.totals.events,
                events_outside_window: self.totals.events_outside_window,
                unknown_events: self.totals.unknown_events,
                converted_customers: self.funnel.converted,
                conversion_rate: ratio(
                    self.funnel.converted,
                    self.funnel.customers_with_touchpoints,
                ),
                value: from_fixed(self.totals.value),
                conversion_value: from_fixed(self.funnel.conversion_value),
            },
            funnel,
            touchpoints,
            transitions: paths::transitions(map, &self.transitions),
            variants: paths::variants(map, &self.variants, options.top_k),
            conformance: self.conformance.report(
                self.totals.unknown_events,
                self.totals.customers_with_unknown,
            ),
            attribution: self.attribution.report(
                map,
                self.funnel.converted,
                self.funnel.conversion_value,
                &self.markov_touchpoints,
                &self.markov_channels,
            ),
            segments: self
                .segments
                .iter()
                .map(|(name, f)| SegmentFunnel {
                    segment: name.clone(),
                    funnel: f.report(map),
                })
                .collect(),
            unknown_events,
            customers,
        })
    }
}

/// Analyses a log against its map: [`Partial::from_log`] then
/// [`Partial::finish`].
///
/// ```
/// use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
/// let map = journeymap::JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
///   "channels": [{"id": "web", "name": "Website", "kind": "digital"}],
///   "touchpoints": [
///     {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
///     {"id": "pay", "name": "Checkout", "stage": "buy", "channel": "web", "kind": "conversion"}],
///   "transitions": [{"from": "home", "to": "pay"}]}"#).unwrap();
/// let csv = "customer_id,timestamp,touchpoint,value\n\
///            c1,2026-03-01T09:00:00Z,home,\n\
///            c1,2026-03-01T09:10:00Z,pay,20\n\
///            c2,2026-03-01T10:00:00Z,home,\n";
/// let log = EventLog::from_csv(csv.as_bytes(), &map, &CsvOptions::default()).unwrap();
/// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
/// assert_eq!(report.funnel.stages[0].customers, 2);
/// assert_eq!(report.funnel.stages[0].conversion_to_next, Some(0.5));
/// assert_eq!(report.funnel.time_to_conversion.median_ms, Some(600_000));
/// assert_eq!(report.attribution.touchpoints[0].linear.value, 20.0);
/// assert_eq!(report.conformance.fitness, Some(1.0));
/// ```
pub fn analyze(map: &JourneyMap, log: &EventLog, options: &ReportOptions) -> Result<Report, Error> {
    Partial::from_log(map, log, options)?.finish(map, options)
}

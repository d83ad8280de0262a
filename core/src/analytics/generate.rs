//! Seeded synthetic event logs over a map, for demos, tests and benchmarks.
//!
//! Each customer walks the map: they start at an entry touchpoint (of their
//! persona), then follow planned transitions chosen by `expected_rate`
//! (1 when absent), continuing with probability `0.5 + 0.5 * sum of rates`
//! (at most 0.95). Some steps deviate from the map (a jump to any
//! touchpoint, possibly backwards), some events repeat, and some are
//! unknown events no rule matches. Gaps between events are log-uniform
//! between 30 seconds and 3 days. Conversion events carry a value; about
//! one event in five carries a score on a 1..=5 scale (use
//! [`ScoreScale::OneToFive`](super::ScoreScale::OneToFive)) drawn around
//! the planned emotion. The segment is the persona.
//!
//! Events are written as raw fields satisfying the touchpoint's first
//! `match` rule (so that reading the log exercises the matcher), or as a
//! touchpoint id when it has none. Customers are emitted in batches of 256
//! ordered by time, so the log interleaves customers as real exports do.
//! The same map, options and seed always give the same log.

use std::io::Write;

use crate::error::Error;
use crate::model::TouchpointKind;
use crate::JourneyMap;

use super::read::time::format_rfc3339;

/// Options of the generator.
///
/// ```
/// use journeymap::analytics::GeneratorOptions;
/// let o = GeneratorOptions { customers: 100, ..GeneratorOptions::default() };
/// assert_eq!(o.seed, 42);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct GeneratorOptions {
    /// Number of customers (default 1000).
    pub customers: u64,
    /// Stop after this many events, if given.
    pub max_events: Option<u64>,
    /// Seed of the random generator (default 42).
    pub seed: u64,
    /// Journeys start within 90 days after this instant (epoch
    /// milliseconds; default 2026-01-01T00:00:00Z).
    pub start_ms: i64,
    /// Probability that a step leaves the map (default 0.05).
    pub deviation_rate: f64,
    /// Probability of an unknown event after a step (default 0.03).
    pub unknown_rate: f64,
    /// Probability that an event is repeated at once (default 0.1).
    pub repeat_rate: f64,
    /// Longest journey, in steps (default 40).
    pub max_steps: usize,
}

impl Default for GeneratorOptions {
    fn default() -> Self {
        GeneratorOptions {
            customers: 1000,
            max_events: None,
            seed: 42,
            start_ms: 1_767_225_600_000,
            deviation_rate: 0.05,
            unknown_rate: 0.03,
            repeat_rate: 0.1,
            max_steps: 40,
        }
    }
}

impl GeneratorOptions {
    /// Refuses options the generator cannot run with: a rate outside 0 to
    /// 1 (`INVALID_VALUE` at `/deviation_rate`, `/unknown_rate` or
    /// `/repeat_rate`), or a map without touchpoints (`INVALID_VALUE` at
    /// `/touchpoints`: there is nothing to generate events for).
    ///
    /// ```
    /// use journeymap::analytics::GeneratorOptions;
    /// # let map = journeymap::JourneyMap::from_json(r#"{"name":"x","stages":[{"id":"s","name":"S"}],
    /// #   "channels":[{"id":"w","name":"W","kind":"digital"}],
    /// #   "touchpoints":[{"id":"a","name":"A","stage":"s","channel":"w"}]}"#).unwrap();
    /// assert!(GeneratorOptions::default().check(&map).is_ok());
    /// let bad = GeneratorOptions { repeat_rate: 1.5, ..GeneratorOptions::default() };
    /// assert_eq!(bad.check(&map).unwrap_err().path(), Some("/repeat_rate"));
    /// ```
    pub fn check(&self, map: &JourneyMap) -> Result<(), Error> {
        for (name, rate) in [
            ("deviation_rate", self.deviation_rate),
            ("unknown_rate", self.unknown_rate),
            ("repeat_rate", self.repeat_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(Error::InvalidValue {
                    id: None,
                    path: format!("/{name}"),
                    message: format!("{name} is a probability between 0 and 1, not {rate}"),
                });
            }
        }
        if map.touchpoints().is_empty() {
            return Err(Error::InvalidValue {
                id: None,
                path: "/touchpoints".into(),
                message: "the map has no touchpoints: there is nothing to generate events for"
                    .into(),
            });
        }
        Ok(())
    }
}

/// A generated log as columns, in the columns and order of [`write_csv`]:
/// what bindings turn into a table (Python's `journeymap.generate` gives a
/// pyarrow Table).
///
/// ```
/// use journeymap::analytics::{GeneratedColumns, GeneratorOptions};
/// # let map = journeymap::JourneyMap::from_json(r#"{"name":"x","stages":[{"id":"s","name":"S"}],
/// #   "channels":[{"id":"w","name":"W","kind":"digital"}],
/// #   "touchpoints":[{"id":"a","name":"A","stage":"s","channel":"w","match":[{"event":"visit","attributes":{"page":"/"}}]},
/// #     {"id":"b","name":"B","stage":"s","channel":"w","kind":"conversion"}],
/// #   "transitions":[{"from":"a","to":"b"}]}"#).unwrap();
/// let options = GeneratorOptions { customers: 10, ..GeneratorOptions::default() };
/// let columns = GeneratedColumns::generate(&map, &options).unwrap();
/// assert_eq!(columns.customer.len(), columns.timestamp_ms.len());
/// assert_eq!(columns.attributes[0].0, "page");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GeneratedColumns {
    /// `customer_id`.
    pub customer: Vec<String>,
    /// `timestamp`, epoch milliseconds (UTC).
    pub timestamp_ms: Vec<i64>,
    /// `touchpoint`.
    pub touchpoint: Vec<Option<String>>,
    /// `event`.
    pub event: Vec<Option<String>>,
    /// `channel`.
    pub channel: Vec<Option<String>>,
    /// `value`.
    pub value: Vec<Option<f64>>,
    /// `score`.
    pub score: Vec<Option<f64>>,
    /// `segment`.
    pub segment: Vec<Option<String>>,
    /// One column per raw attribute the map's `match` rules look at, by name.
    pub attributes: Vec<(String, Vec<Option<String>>)>,
}

impl GeneratedColumns {
    /// Generates a log ([`generate`]) as columns, once the options are
    /// checked ([`GeneratorOptions::check`]).
    pub fn generate(map: &JourneyMap, options: &GeneratorOptions) -> Result<Self, Error> {
        options.check(map)?;
        let mut out = GeneratedColumns {
            attributes: attribute_columns(map)
                .into_iter()
                .map(|name| (name, Vec::new()))
                .collect(),
            ..GeneratedColumns::default()
        };
        for e in generate(map, options) {
            out.customer.push(e.customer);
            out.timestamp_ms.push(e.timestamp_ms);
            out.touchpoint.push(e.touchpoint);
            out.event.push(e.event);
            out.channel.push(e.channel);
            out.value.push(e.value);
            out.score.push(e.score);
            out.segment.push(e.segment);
            for (name, column) in &mut out.attributes {
                let value = e.attributes.iter().find(|(a, _)| a == name);
                column.push(value.map(|(_, v)| v.clone()));
            }
        }
        Ok(out)
    }
}

/// One generated event.
///
/// ```
/// use journeymap::analytics::{generate, GeneratorOptions};
/// # let map = journeymap::JourneyMap::from_json(r#"{"name":"x","stages":[{"id":"s","name":"S"}],
/// #   "channels":[{"id":"w","name":"W","kind":"digital"}],
/// #   "touchpoints":[{"id":"a","name":"A","stage":"s","channel":"w","match":[{"event":"visit"}]},
/// #     {"id":"b","name":"B","stage":"s","channel":"w","kind":"conversion"}],
/// #   "transitions":[{"from":"a","to":"b"}]}"#).unwrap();
/// let options = GeneratorOptions { customers: 20, ..GeneratorOptions::default() };
/// let events: Vec<_> = generate(&map, &options).collect();
/// assert!(events.iter().all(|e| e.customer.starts_with("cust-")));
/// // `a` has a `match` rule: its events are raw; `b` has none: by id.
/// assert!(events.iter().any(|e| e.event.as_deref() == Some("visit")));
/// assert!(events.iter().any(|e| e.touchpoint.as_deref() == Some("b")));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct GeneratedEvent {
    /// Customer id.
    pub customer: String,
    /// Epoch milliseconds.
    pub timestamp_ms: i64,
    /// Touchpoint id (when the touchpoint has no `match` rule).
    pub touchpoint: Option<String>,
    /// Raw event name.
    pub event: Option<String>,
    /// Raw channel.
    pub channel: Option<String>,
    /// Raw attributes.
    pub attributes: Vec<(String, String)>,
    /// Value (at conversions).
    pub value: Option<f64>,
    /// Score on 1..=5.
    pub score: Option<f64>,
    /// Segment (the persona id).
    pub segment: Option<String>,
}

/// SplitMix64: small, fast, good enough for synthetic data.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

const UNKNOWN_NAMES: [&str; 6] = [
    "session_start",
    "scroll_depth",
    "app_open",
    "push_received",
    "chat_open",
    "coupon_viewed",
];

/// Raw fields satisfying a rule: event name, channel, attributes (name,
/// value, whether the value is a prefix to complete).
type RawFields = (Option<String>, Option<String>, Vec<(String, String, bool)>);

/// Per persona: its id, entry touchpoints, successors with weights.
type PersonaWalk = (Option<String>, Vec<usize>, Vec<Vec<(usize, f64)>>);

/// A touchpoint as the generator sees it.
#[derive(Clone, Debug)]
struct Step {
    id: String,
    raw: Option<RawFields>,
    conversion: bool,
    exit: bool,
    planned_score: i64,
}

/// An iterator of generated events (see the module docs).
///
/// ```
/// use journeymap::analytics::{generate, GeneratorOptions};
/// # let map = journeymap::JourneyMap::from_json(r#"{"name":"x","stages":[{"id":"s","name":"S"}],
/// #   "channels":[{"id":"w","name":"W","kind":"digital"}],
/// #   "touchpoints":[{"id":"a","name":"A","stage":"s","channel":"w","match":[{"event":"visit"}]},
/// #     {"id":"b","name":"B","stage":"s","channel":"w","kind":"conversion"}],
/// #   "transitions":[{"from":"a","to":"b"}]}"#).unwrap();
/// let options = GeneratorOptions { customers: 5, max_events: Some(7), ..GeneratorOptions::default() };
/// assert_eq!(generate(&map, &options).count(), 7);
/// ```
#[derive(Clone, Debug)]
pub struct Generator {
    steps: Vec<Step>,
    /// Per persona (or one group when the map has none): entry indices
    /// and successors with weights.
    personas: Vec<PersonaWalk>,
    conversions: Vec<bool>,
    options: GeneratorOptions,
    rng: Rng,
    next_customer: u64,
    emitted: u64,
    batch: std::vec::IntoIter<GeneratedEvent>,
}

/// Events of `map` for `options.customers` customers.
///
/// ```
/// use journeymap::analytics::{generate, EventLog, GeneratorOptions};
/// # let map = journeymap::JourneyMap::from_json(r#"{"name":"x","stages":[{"id":"s","name":"S"}],
/// #   "channels":[{"id":"w","name":"W","kind":"digital"}],
/// #   "touchpoints":[{"id":"a","name":"A","stage":"s","channel":"w","match":[{"event":"visit"}]},
/// #     {"id":"b","name":"B","stage":"s","channel":"w","kind":"conversion"}],
/// #   "transitions":[{"from":"a","to":"b"}]}"#).unwrap();
/// let options = GeneratorOptions { customers: 50, ..GeneratorOptions::default() };
/// let events: Vec<_> = generate(&map, &options).collect();
/// assert!(events.len() >= 50);
/// assert_eq!(events, generate(&map, &options).collect::<Vec<_>>()); // seeded
/// ```
pub fn generate(map: &JourneyMap, options: &GeneratorOptions) -> Generator {
    let tps = map.touchpoints();
    let conv_ids: Vec<&str> = map.conversions().iter().map(|t| t.id.as_str()).collect();
    let rng = Rng(options.seed);
    let steps: Vec<Step> = tps
        .iter()
        .map(|t| {
            let raw = t.match_rules.first().map(|r| {
                let event = r
                    .event
                    .clone()
                    .or_else(|| r.event_prefix.as_ref().map(|p| format!("{p}click")));
                let mut attrs: Vec<(String, String, bool)> = r
                    .attributes
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone(), false))
                    .collect();
                attrs.extend(
                    r.attribute_prefixes
                        .iter()
                        .map(|(k, p)| (k.clone(), p.clone(), true)),
                );
                (event, r.channel.clone(), attrs)
            });
            Step {
                id: t.id.to_string(),
                raw,
                conversion: conv_ids.contains(&t.id.as_str()),
                exit: t.kind == TouchpointKind::Exit,
                planned_score: t.emotion.as_ref().map_or(0, |e| e.score),
            }
        })
        .collect();
    let groups: Vec<Option<String>> = if map.personas().is_empty() {
        vec![None]
    } else {
        map.personas()
            .iter()
            .map(|p| Some(p.id.to_string()))
            .collect()
    };
    let personas = groups
        .into_iter()
        .map(|persona| {
            let applies = |i: usize| persona.as_deref().is_none_or(|p| tps[i].applies_to(p));
            let mut entries: Vec<usize> = map
                .entries()
                .iter()
                .filter_map(|t| map.touchpoint_position(t.id.as_str()))
                .filter(|&i| applies(i))
                .collect();
            if entries.is_empty() {
                entries = (0..tps.len()).filter(|&i| applies(i)).take(1).collect();
            }
            let mut next = vec![Vec::new(); tps.len()];
            for t in map.transitions() {
                if persona.as_deref().is_some_and(|p| !t.applies_to(p)) {
                    continue;
                }
                if let (Some(a), Some(b)) = (
                    map.touchpoint_position(t.from.as_str()),
                    map.touchpoint_position(t.to.as_str()),
                ) {
                    if applies(b) {
                        next[a].push((b, t.expected_rate.unwrap_or(1.0)));
                    }
                }
            }
            (persona, entries, next)
        })
        .collect();
    Generator {
        conversions: steps.iter().map(|s| s.conversion).collect(),
        steps,
        personas,
        options: options.clone(),
        rng,
        next_customer: 0,
        emitted: 0,
        batch: Vec::new().into_iter(),
    }
}

impl Generator {
    fn event(
        &mut self,
        customer: &str,
        ts: i64,
        step: usize,
        segment: &Option<String>,
    ) -> GeneratedEvent {
        let s = self.steps[step].clone();
        let (touchpoint, event, channel, attributes) = match &s.raw {
            Some((e, c, a)) => {
                let attrs = a
                    .iter()
                    .map(|(k, v, prefix)| {
                        let v = if *prefix {
                            format!("{v}{}", 100 + (self.rng.next_u64() % 900))
                        } else {
                            v.clone()
                        };
                        (k.clone(), v)
                    })
                    .collect();
                (None, e.clone(), c.clone(), attrs)
            }
            None => (Some(s.id.clone()), None, None, Vec::new()),
        };
        let value = s
            .conversion
            .then(|| ((20.0 + self.rng.unit() * 280.0) * 100.0).round() / 100.0);
        let score = self.rng.chance(0.2).then(|| {
            let noisy = s.planned_score + 3 + self.rng.below(3) as i64 - 1;
            noisy.clamp(1, 5) as f64
        });
        GeneratedEvent {
            customer: customer.to_owned(),
            timestamp_ms: ts,
            touchpoint,
            event,
            channel,
            attributes,
            value,
            score,
            segment: segment.clone(),
        }
    }

    fn customer(&mut self, n: u64, out: &mut Vec<GeneratedEvent>) {
        let id = format!("cust-{n:07}");
        let group = self.rng.below(self.personas.len());
        let segment = self.personas[group].0.clone();
        let o = self.options.clone();
        let mut ts = o.start_ms + (self.rng.unit() * 90.0 * 86_400_000.0) as i64;
        let n_tps = self.steps.len();
        if n_tps == 0 {
            return;
        }
        let entries = &self.personas[group].1;
        let mut at = if entries.is_empty() || self.rng.chance(o.deviation_rate) {
            self.rng.below(n_tps)
        } else {
            entries[self.rng.below(entries.len())]
        };
        for _ in 0..o.max_steps {
            let e = self.event(&id, ts, at, &segment);
            out.push(e);
            if self.rng.chance(o.repeat_rate) {
                ts += 1000 + (self.rng.unit() * 60_000.0) as i64;
                let e = self.event(&id, ts, at, &segment);
                out.push(e);
            }
            if self.rng.chance(o.unknown_rate) {
                ts += 1000 + (self.rng.unit() * 600_000.0) as i64;
                let name = UNKNOWN_NAMES[self.rng.below(UNKNOWN_NAMES.len())];
                out.push(GeneratedEvent {
                    customer: id.clone(),
                    timestamp_ms: ts,
                    touchpoint: None,
                    event: Some(name.to_owned()),
                    channel: None,
                    attributes: Vec::new(),
                    value: None,
                    score: None,
                    segment: segment.clone(),
                });
            }
            if self.steps[at].exit {
                break;
            }
            // Log-uniform gap between 30 s and 3 days.
            let gap = (30_000f64.ln() + self.rng.unit() * (259_200_000f64 / 30_000f64).ln()).exp();
            ts += gap as i64;
            if self.rng.chance(o.deviation_rate) {
                at = self.rng.below(n_tps);
                continue;
            }
            let next = &self.personas[group].2[at];
            let total: f64 = next.iter().map(|(_, w)| w).sum();
            let keep_going = if self.conversions[at] {
                0.6
            } else {
                (0.5 + 0.5 * total).min(0.95)
            };
            if next.is_empty() || !self.rng.chance(keep_going) {
                break;
            }
            let mut pick = self.rng.unit() * total;
            let mut choice = next[next.len() - 1].0;
            for &(b, w) in next {
                if pick < w {
                    choice = b;
                    break;
                }
                pick -= w;
            }
            at = choice;
        }
    }
}

impl Iterator for Generator {
    type Item = GeneratedEvent;

    fn next(&mut self) -> Option<GeneratedEvent> {
        if self.options.max_events.is_some_and(|m| self.emitted >= m) {
            return None;
        }
        if let Some(e) = self.batch.next() {
            self.emitted += 1;
            return Some(e);
        }
        if self.next_customer >= self.options.customers {
            return None;
        }
        let mut batch = Vec::new();
        let end = (self.next_customer + 256).min(self.options.customers);
        for n in self.next_customer..end {
            self.customer(n, &mut batch);
        }
        self.next_customer = end;
        batch.sort_by_key(|e| e.timestamp_ms);
        self.batch = batch.into_iter();
        self.next()
    }
}

fn io(e: std::io::Error) -> Error {
    Error::io("<writer>", &e)
}

/// Attribute names used by the map's first rules, sorted.
fn attribute_columns(map: &JourneyMap) -> Vec<String> {
    let mut keys: Vec<String> = map
        .touchpoints()
        .iter()
        .filter_map(|t| t.match_rules.first())
        .flat_map(|r| {
            r.attributes
                .keys()
                .chain(r.attribute_prefixes.keys())
                .cloned()
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys.retain(|k| {
        !matches!(
            k.as_str(),
            "customer_id"
                | "timestamp"
                | "touchpoint"
                | "event"
                | "channel"
                | "value"
                | "score"
                | "segment"
        )
    });
    keys
}

/// Writes a generated log as CSV (default column names, attribute columns
/// after them, RFC 3339 timestamps); returns the number of events.
///
/// ```
/// use journeymap::analytics::{write_csv, CsvOptions, EventLog, GeneratorOptions};
/// # let map = journeymap::JourneyMap::from_json(r#"{"name":"x","stages":[{"id":"s","name":"S"}],
/// #   "channels":[{"id":"w","name":"W","kind":"digital"}],
/// #   "touchpoints":[{"id":"a","name":"A","stage":"s","channel":"w","match":[{"event":"visit"}]}]}"#).unwrap();
/// let mut out = Vec::new();
/// let n = write_csv(&map, &GeneratorOptions { customers: 10, ..Default::default() }, &mut out).unwrap();
/// let log = EventLog::from_csv(&out[..], &map, &CsvOptions::default()).unwrap();
/// assert_eq!(log.len() as u64, n);
/// ```
pub fn write_csv<W: Write>(
    map: &JourneyMap,
    options: &GeneratorOptions,
    writer: W,
) -> Result<u64, Error> {
    let attrs = attribute_columns(map);
    let mut w = csv::Writer::from_writer(writer);
    let mut header = vec![
        "customer_id",
        "timestamp",
        "touchpoint",
        "event",
        "channel",
        "value",
        "score",
        "segment",
    ];
    header.extend(attrs.iter().map(String::as_str));
    let csv_err = |e: csv::Error| Error::csv("<writer>", e);
    w.write_record(&header).map_err(csv_err)?;
    let mut n = 0;
    let mut row: Vec<String> = Vec::with_capacity(header.len());
    for e in generate(map, options) {
        row.clear();
        row.push(e.customer);
        row.push(format_rfc3339(e.timestamp_ms).unwrap_or_else(|| e.timestamp_ms.to_string()));
        row.push(e.touchpoint.unwrap_or_default());
        row.push(e.event.unwrap_or_default());
        row.push(e.channel.unwrap_or_default());
        row.push(e.value.map(|v| v.to_string()).unwrap_or_default());
        row.push(e.score.map(|v| v.to_string()).unwrap_or_default());
        row.push(e.segment.unwrap_or_default());
        for k in &attrs {
            row.push(
                e.attributes
                    .iter()
                    .find(|(a, _)| a == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default(),
            );
        }
        w.write_record(&row).map_err(csv_err)?;
        n += 1;
    }
    w.flush().map_err(io)?;
    Ok(n)
}

/// Writes a generated log as JSON Lines (default field names, an
/// `attributes` object, RFC 3339 timestamps); returns the number of events.
///
/// ```
/// use journeymap::analytics::{write_jsonl, EventLog, GeneratorOptions, JsonlOptions};
/// # let map = journeymap::JourneyMap::from_json(r#"{"name":"x","stages":[{"id":"s","name":"S"}],
/// #   "channels":[{"id":"w","name":"W","kind":"digital"}],
/// #   "touchpoints":[{"id":"a","name":"A","stage":"s","channel":"w","match":[{"event":"visit"}]},
/// #     {"id":"b","name":"B","stage":"s","channel":"w","kind":"conversion"}],
/// #   "transitions":[{"from":"a","to":"b"}]}"#).unwrap();
/// let mut out = Vec::new();
/// let n = write_jsonl(&map, &GeneratorOptions { customers: 10, ..Default::default() }, &mut out).unwrap();
/// let log = EventLog::from_jsonl(&out[..], &map, &JsonlOptions::default()).unwrap();
/// assert_eq!(log.len() as u64, n);
/// ```
pub fn write_jsonl<W: Write>(
    map: &JourneyMap,
    options: &GeneratorOptions,
    writer: W,
) -> Result<u64, Error> {
    let mut w = std::io::BufWriter::new(writer);
    let mut n = 0;
    for e in generate(map, options) {
        let mut obj = serde_json::Map::new();
        obj.insert("customer_id".into(), e.customer.into());
        obj.insert(
            "timestamp".into(),
            format_rfc3339(e.timestamp_ms)
                .map(Into::into)
                .unwrap_or_else(|| e.timestamp_ms.into()),
        );
        let mut put = |k: &str, v: Option<String>| {
            if let Some(v) = v {
                obj.insert(k.into(), v.into());
            }
        };
        put("touchpoint", e.touchpoint);
        put("event", e.event);
        put("channel", e.channel);
        put("segment", e.segment);
        if let Some(v) = e.value {
            obj.insert("value".into(), v.into());
        }
        if let Some(v) = e.score {
            obj.insert("score".into(), v.into());
        }
        if !e.attributes.is_empty() {
            let attrs: serde_json::Map<String, serde_json::Value> = e
                .attributes
                .into_iter()
                .map(|(k, v)| (k, v.into()))
                .collect();
            obj.insert("attributes".into(), attrs.into());
        }
        serde_json::to_writer(&mut w, &obj).map_err(|e| io(e.into()))?;
        w.write_all(b"\n").map_err(io)?;
        n += 1;
    }
    w.flush().map_err(io)?;
    Ok(n)
}

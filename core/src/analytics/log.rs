//! The event log: columnar, with interned ids, sorted per customer.

use hashbrown::HashMap;
use schemars::JsonSchema;
use serde::Serialize;

use super::intern::Interner;
use super::matcher::Matcher;
use super::read::columns::{parse_number, FieldNames};
use super::read::ingest::{IngestStats, OnError};
use super::read::time::TimeSpec;
use crate::error::quoted;
use crate::error::Error;
use crate::error::{RowError, RowErrorKind};
use crate::JourneyMap;

/// Largest magnitude accepted for an event's value (10^15).
///
/// ```
/// use journeymap::analytics::{Event, EventLog, OnError, MAX_VALUE};
/// # let map = journeymap::doc_support::view_map();
/// let mut b = EventLog::builder(&map).on_error(OnError::Skip);
/// b.push(&Event::touchpoint("c1", 0, "home").with_value(MAX_VALUE)).unwrap();
/// b.push(&Event::touchpoint("c1", 0, "home").with_value(MAX_VALUE * 2.0)).unwrap();
/// assert_eq!(b.build().stats().skipped["BAD_NUMBER"], 1);
/// ```
pub const MAX_VALUE: f64 = 1e15;

/// Earliest timestamp an event log accepts: 0000-01-01T00:00:00Z, in epoch
/// milliseconds. With [`MAX_TIMESTAMP_MS`] it bounds every duration the
/// report computes far inside `i64`, so none can overflow; an event outside
/// is refused as `BAD_TIMESTAMP`.
///
/// ```
/// use journeymap::analytics::{Event, EventLog, OnError, MAX_TIMESTAMP_MS, MIN_TIMESTAMP_MS};
/// # let map = journeymap::doc_support::view_map();
/// let mut b = EventLog::builder(&map).on_error(OnError::Skip);
/// b.push(&Event::touchpoint("c1", MIN_TIMESTAMP_MS, "home")).unwrap();
/// b.push(&Event::touchpoint("c1", MAX_TIMESTAMP_MS, "home")).unwrap();
/// b.push(&Event::touchpoint("c1", i64::MIN, "home")).unwrap();
/// b.push(&Event::touchpoint("c1", MAX_TIMESTAMP_MS + 1, "home")).unwrap();
/// assert_eq!(b.build().stats().skipped["BAD_TIMESTAMP"], 2);
/// ```
pub const MIN_TIMESTAMP_MS: i64 = -62_167_219_200_000;

/// Latest timestamp an event log accepts: 9999-12-31T23:59:59.999Z, in
/// epoch milliseconds (see [`MIN_TIMESTAMP_MS`]).
pub const MAX_TIMESTAMP_MS: i64 = 253_402_300_799_999;

/// Sentinel for "no segment" in the segment column.
pub(crate) const NO_SEGMENT: u32 = u32::MAX;

/// FNV-1a of the map's JSON: logs and partial results remember the map they
/// were built against and refuse another.
pub(crate) fn fingerprint(map: &JourneyMap) -> u64 {
    fnv1a(map.to_json().as_bytes())
}

/// The 64-bit FNV-1a hash of `bytes`: the fingerprints of maps and options.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

pub(crate) fn mismatch(what: &str) -> Error {
    Error::InvalidValue {
        id: None,
        path: String::new(),
        message: format!("{what} was built against another map (or other options); use the same map and options throughout"),
    }
}

/// One event, as given to [`EventLogBuilder::push`].
///
/// Either `touchpoint` names a touchpoint of the map, or the raw fields
/// (`event`, `channel`, `attributes`) are resolved through the touchpoints'
/// `match` rules. An empty string counts as absent.
///
/// ```
/// use journeymap::analytics::Event;
/// let attrs = [("page", "/product/42")];
/// let e = Event::raw("c1", 1_700_000_000_000, "page_view")
///     .with_channel("web")
///     .with_attributes(&attrs)
///     .with_value(12.5);
/// assert_eq!(e.event, Some("page_view"));
/// let t = Event::touchpoint("c1", 1_700_000_000_000, "tp-home").with_segment("b2b");
/// assert_eq!(t.touchpoint, Some("tp-home"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Event<'a> {
    /// Customer id (non-empty).
    pub customer: &'a str,
    /// When it happened, in milliseconds since 1970-01-01T00:00:00Z.
    pub timestamp_ms: i64,
    /// Touchpoint id; when given, the raw fields are not looked at.
    pub touchpoint: Option<&'a str>,
    /// Raw event name.
    pub event: Option<&'a str>,
    /// Raw channel name.
    pub channel: Option<&'a str>,
    /// Raw attributes (name, value).
    pub attributes: &'a [(&'a str, &'a str)],
    /// Revenue or other value (finite, at most 10^15 in magnitude).
    pub value: Option<f64>,
    /// Survey / CSAT / NPS score, on the report's score scale.
    pub score: Option<f64>,
    /// Segment (or persona) of the customer.
    pub segment: Option<&'a str>,
}

impl<'a> Event<'a> {
    /// An event at a known touchpoint.
    ///
    /// ```
    /// use journeymap::analytics::Event;
    /// let e = Event::touchpoint("c1", 1_700_000_000_000, "home");
    /// assert_eq!((e.customer, e.touchpoint, e.event), ("c1", Some("home"), None));
    /// ```
    pub fn touchpoint(customer: &'a str, timestamp_ms: i64, touchpoint: &'a str) -> Self {
        Event {
            customer,
            timestamp_ms,
            touchpoint: Some(touchpoint),
            ..Event::default()
        }
    }

    /// A raw event, resolved through the `match` rules.
    ///
    /// ```
    /// use journeymap::analytics::Event;
    /// let e = Event::raw("c1", 1_700_000_000_000, "page_view");
    /// assert_eq!((e.event, e.touchpoint), (Some("page_view"), None));
    /// ```
    pub fn raw(customer: &'a str, timestamp_ms: i64, event: &'a str) -> Self {
        Event {
            customer,
            timestamp_ms,
            event: Some(event),
            ..Event::default()
        }
    }

    /// Sets the raw channel.
    ///
    /// ```
    /// use journeymap::analytics::Event;
    /// assert_eq!(Event::raw("c1", 0, "open").with_channel("email").channel, Some("email"));
    /// ```
    pub fn with_channel(mut self, channel: &'a str) -> Self {
        self.channel = Some(channel);
        self
    }

    /// Sets the raw attributes.
    ///
    /// ```
    /// use journeymap::analytics::Event;
    /// let attrs = [("page", "/cart")];
    /// assert_eq!(Event::raw("c1", 0, "view").with_attributes(&attrs).attributes, attrs);
    /// ```
    pub fn with_attributes(mut self, attributes: &'a [(&'a str, &'a str)]) -> Self {
        self.attributes = attributes;
        self
    }

    /// Sets the value.
    ///
    /// ```
    /// use journeymap::analytics::Event;
    /// assert_eq!(Event::touchpoint("c1", 0, "pay").with_value(19.9).value, Some(19.9));
    /// ```
    pub fn with_value(mut self, value: f64) -> Self {
        self.value = Some(value);
        self
    }

    /// Sets the score.
    ///
    /// ```
    /// use journeymap::analytics::Event;
    /// assert_eq!(Event::touchpoint("c1", 0, "survey").with_score(4.0).score, Some(4.0));
    /// ```
    pub fn with_score(mut self, score: f64) -> Self {
        self.score = Some(score);
        self
    }

    /// Sets the segment.
    ///
    /// ```
    /// use journeymap::analytics::Event;
    /// assert_eq!(Event::touchpoint("c1", 0, "home").with_segment("b2b").segment, Some("b2b"));
    /// ```
    pub fn with_segment(mut self, segment: &'a str) -> Self {
        self.segment = Some(segment);
        self
    }
}

/// Builds an [`EventLog`] one event at a time, resolving each against the
/// map as it comes (nothing of the raw event is kept but its touchpoint).
///
/// ```
/// use journeymap::analytics::{Event, EventLogBuilder, OnError};
/// # let map = journeymap::JourneyMap::from_json(r#"{"name":"x","stages":[{"id":"s","name":"S"}],
/// #   "channels":[{"id":"w","name":"W","kind":"digital"}],
/// #   "touchpoints":[{"id":"home","name":"Home","stage":"s","channel":"w","match":[{"event":"page_view"}]}]}"#).unwrap();
/// let mut b = EventLogBuilder::new(&map).on_error(OnError::Skip);
/// b.push(&Event::touchpoint("c1", 2_000, "home")).unwrap();
/// b.push(&Event::raw("c1", 1_000, "page_view")).unwrap();
/// b.push(&Event::raw("c2", 1_000, "newsletter_open")).unwrap(); // no rule: an unknown event
/// b.push(&Event::touchpoint("", 1_000, "home")).unwrap();       // skipped: empty customer
/// let log = b.build();
/// assert_eq!((log.len(), log.customers(), log.unknown_events()), (3, 2, 1));
/// assert_eq!(log.stats().skipped["EMPTY_CUSTOMER"], 1);
/// ```
#[derive(Clone, Debug)]
pub struct EventLogBuilder {
    fingerprint: u64,
    n_touchpoints: u32,
    touchpoints: HashMap<Box<str>, u32>,
    matcher: Matcher,
    attribute_keys: Vec<String>,
    on_error: OnError,
    names: FieldNames,
    customers: Interner,
    segments: Interner,
    unknown: Interner,
    customer: Vec<u32>,
    ts: Vec<i64>,
    code: Vec<u32>,
    value: Option<Vec<f64>>,
    score: Option<Vec<f64>>,
    segment: Option<Vec<u32>>,
    stats: IngestStats,
}

/// Adds `v` to an optional column of `len` rows (created at its first
/// value, with room for `capacity` rows).
fn optional_column<T: Copy>(
    col: &mut Option<Vec<T>>,
    len: usize,
    capacity: usize,
    missing: T,
    v: Option<T>,
) {
    match (col.as_mut(), v) {
        (Some(c), v) => c.push(v.unwrap_or(missing)),
        (None, Some(v)) => {
            let mut c = Vec::with_capacity(capacity.max(len.max(16) * 2));
            c.resize(len, missing);
            c.push(v);
            *col = Some(c);
        }
        (None, None) => {}
    }
}

fn present(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.is_empty())
}

impl EventLogBuilder {
    /// A builder for events against `map` that fails on the first bad event.
    ///
    /// ```
    /// use journeymap::analytics::{Event, EventLogBuilder};
    /// # let map = journeymap::doc_support::view_map();
    /// let mut b = EventLogBuilder::new(&map);
    /// let err = b.push(&Event::touchpoint("c1", 0, "nowhere")).unwrap_err();
    /// assert_eq!(err.code(), "UNKNOWN_TOUCHPOINT");
    /// ```
    pub fn new(map: &JourneyMap) -> Self {
        let touchpoints = map
            .touchpoints()
            .iter()
            .enumerate()
            // A map holds at most `Limits::max_entities` touchpoints.
            .map(|(i, t)| (t.id.as_str().into(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let matcher = Matcher::new(map);
        EventLogBuilder {
            attribute_keys: matcher.attribute_keys().to_vec(),
            fingerprint: fingerprint(map),
            n_touchpoints: u32::try_from(map.touchpoints().len()).unwrap_or(u32::MAX),
            touchpoints,
            matcher,
            on_error: OnError::Fail,
            names: FieldNames::default(),
            customers: Interner::default(),
            segments: Interner::default(),
            unknown: Interner::default(),
            customer: Vec::new(),
            ts: Vec::new(),
            code: Vec::new(),
            value: None,
            score: None,
            segment: None,
            stats: IngestStats::default(),
        }
    }

    /// Sets what happens to bad events: fail (default) or skip and count.
    ///
    /// ```
    /// use journeymap::analytics::{Event, EventLogBuilder, OnError};
    /// # let map = journeymap::doc_support::view_map();
    /// let mut b = EventLogBuilder::new(&map).on_error(OnError::Skip);
    /// b.push(&Event::touchpoint("c1", 0, "nowhere")).unwrap();
    /// assert_eq!(b.build().stats().skipped["UNKNOWN_TOUCHPOINT"], 1);
    /// ```
    pub fn on_error(mut self, policy: OnError) -> Self {
        self.on_error = policy;
        self
    }

    /// Names the fields in row errors as the input names them.
    pub(crate) fn field_names(mut self, names: &FieldNames) -> Self {
        self.names = names.clone();
        self
    }

    /// Reserves room for `additional` more events.
    ///
    /// ```
    /// use journeymap::analytics::EventLogBuilder;
    /// # let map = journeymap::doc_support::view_map();
    /// let mut b = EventLogBuilder::new(&map);
    /// b.reserve(1_000);
    /// assert!(b.is_empty());
    /// ```
    pub fn reserve(&mut self, additional: usize) {
        self.customer.reserve(additional);
        self.ts.reserve(additional);
        self.code.reserve(additional);
    }

    /// Number of events accepted so far.
    ///
    /// ```
    /// use journeymap::analytics::{Event, EventLogBuilder, OnError};
    /// # let map = journeymap::doc_support::view_map();
    /// let mut b = EventLogBuilder::new(&map).on_error(OnError::Skip);
    /// b.push(&Event::raw("c1", 0, "view")).unwrap();
    /// b.push(&Event::raw("", 0, "view")).unwrap(); // skipped: no customer
    /// assert_eq!(b.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.ts.len()
    }

    /// Whether no event was accepted yet.
    ///
    /// ```
    /// use journeymap::analytics::{Event, EventLogBuilder};
    /// # let map = journeymap::doc_support::view_map();
    /// let mut b = EventLogBuilder::new(&map);
    /// assert!(b.is_empty());
    /// b.push(&Event::raw("c1", 0, "view")).unwrap();
    /// assert!(!b.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.ts.is_empty()
    }

    /// Attribute names that some `match` rule looks at (readers use it to
    /// skip the others).
    pub(crate) fn attribute_keys(&self) -> &[String] {
        &self.attribute_keys
    }

    /// Adds one event. With [`OnError::Fail`] a bad event returns
    /// [`Error::EventRow`] (row = its 1-based position among the pushes);
    /// with [`OnError::Skip`] it is counted and `Ok` is returned.
    ///
    /// ```
    /// use journeymap::analytics::{Event, EventLogBuilder};
    /// # let map = journeymap::doc_support::view_map();
    /// let mut b = EventLogBuilder::new(&map);
    /// b.push(&Event::raw("c1", 0, "view")).unwrap();
    /// let err = b.push(&Event::touchpoint("c1", 0, "nowhere")).unwrap_err();
    /// assert_eq!(err.row_error().unwrap().row, 2);
    /// ```
    pub fn push(&mut self, event: &Event<'_>) -> Result<(), Error> {
        self.push_at(event, None)
    }

    /// Adds one event read at `line` of a text.
    pub(crate) fn push_at(&mut self, event: &Event<'_>, line: Option<u64>) -> Result<(), Error> {
        let keys = std::mem::take(&mut self.attribute_keys);
        let attrs = event.attributes;
        let result = self.push_with(event, line, |slot| {
            let key = keys[slot].as_str();
            attrs
                .iter()
                .find(|(name, v)| *name == key && !v.is_empty())
                .map(|(_, v)| *v)
        });
        self.attribute_keys = keys;
        result
    }

    /// Adds one event whose raw attributes are given by `attr(slot)` (see
    /// [`EventLogBuilder::attribute_keys`]); `event.attributes` is ignored.
    pub(crate) fn push_with<'a>(
        &mut self,
        event: &Event<'_>,
        line: Option<u64>,
        attr: impl Fn(usize) -> Option<&'a str>,
    ) -> Result<(), Error> {
        self.stats.rows += 1;
        match self.accept(event, attr) {
            Ok(()) => Ok(()),
            Err(e) => self.refuse_counted(e.at(self.stats.rows, line)),
        }
    }

    /// Counts a row that could not even be turned into an [`Event`].
    pub(crate) fn refuse(&mut self, error: RowError, line: Option<u64>) -> Result<(), Error> {
        self.stats.rows += 1;
        self.refuse_counted(error.at(self.stats.rows, line))
    }

    fn refuse_counted(&mut self, error: RowError) -> Result<(), Error> {
        if self.on_error == OnError::Fail || error.kind.is_fatal() {
            return Err(Error::EventRow(Box::new(error)));
        }
        self.stats.record(error);
        Ok(())
    }

    fn accept<'a>(
        &mut self,
        e: &Event<'_>,
        attr: impl Fn(usize) -> Option<&'a str>,
    ) -> Result<(), RowError> {
        let too_large = || {
            RowError::new(
                RowErrorKind::LogTooLarge,
                None,
                "the log holds more events, customers or distinct names than 2^32 - 1",
            )
        };
        if e.customer.is_empty() {
            return Err(RowError::new(
                RowErrorKind::EmptyCustomer,
                Some(&self.names.customer),
                "the customer id is empty",
            ));
        }
        if !(MIN_TIMESTAMP_MS..=MAX_TIMESTAMP_MS).contains(&e.timestamp_ms) {
            return Err(RowError::new(
                RowErrorKind::BadTimestamp,
                Some(&self.names.timestamp),
                format!(
                    "timestamp {} ms from the epoch is outside the years 0000 to 9999",
                    e.timestamp_ms
                ),
            ));
        }
        for (name, v, limit) in [
            (&self.names.value, e.value, MAX_VALUE),
            (&self.names.score, e.score, f64::MAX),
        ] {
            if let Some(v) = v {
                if !v.is_finite() || v.abs() > limit {
                    return Err(RowError::new(
                        RowErrorKind::BadNumber,
                        Some(name),
                        format!("{name} {v} is not a finite number of magnitude at most {limit:e}"),
                    ));
                }
            }
        }
        let code = if let Some(tp) = present(e.touchpoint) {
            match self.touchpoints.get(tp) {
                Some(&i) => i,
                None => {
                    return Err(RowError::new(
                        RowErrorKind::UnknownTouchpoint,
                        Some(&self.names.touchpoint),
                        format!("no touchpoint with id {} in the map", quoted(tp)),
                    ))
                }
            }
        } else {
            let (event, channel) = (present(e.event), present(e.channel));
            if event.is_none() && channel.is_none() {
                return Err(RowError::new(
                    RowErrorKind::MissingEvent,
                    Some(&self.names.event),
                    "the row has no touchpoint, no event name and no channel",
                ));
            }
            let found = self.matcher.resolve(event, channel, attr);
            match found {
                Some(i) => i,
                None => {
                    let key = match (event, channel) {
                        (Some(ev), _) => self.unknown.intern(ev),
                        (None, Some(ch)) => self.unknown.intern(&format!("channel={ch}")),
                        (None, None) => None,
                    };
                    key.and_then(|k| k.checked_add(self.n_touchpoints))
                        .filter(|&c| c != u32::MAX)
                        .ok_or_else(too_large)?
                }
            }
        };
        if self.ts.len() >= u32::MAX as usize - 1 {
            return Err(too_large());
        }
        let customer = self.customers.intern(e.customer).ok_or_else(too_large)?;
        let segment = match present(e.segment) {
            Some(s) => Some(self.segments.intern(s).ok_or_else(too_large)?),
            None => None,
        };
        let (n, cap) = (self.ts.len(), self.ts.capacity());
        optional_column(&mut self.value, n, cap, f64::NAN, e.value);
        optional_column(&mut self.score, n, cap, f64::NAN, e.score);
        optional_column(&mut self.segment, n, cap, NO_SEGMENT, segment);
        self.customer.push(customer);
        self.ts.push(e.timestamp_ms);
        self.code.push(code);
        Ok(())
    }

    /// Appends the events and counts of `other`, a builder over the same
    /// map that read the rows following this one's (its row numbers are
    /// shifted by this one's row count, its line numbers by `line_offset`). Interned ids are renumbered so that
    /// the result is what one builder reading both would hold.
    #[cfg_attr(not(feature = "parallel"), allow(dead_code))]
    pub(crate) fn append(&mut self, other: EventLogBuilder, line_offset: u64) -> Result<(), Error> {
        let too_large = || {
            Error::EventRow(Box::new(RowError::new(
                RowErrorKind::LogTooLarge,
                None,
                "the log holds more events, customers or distinct names than 2^32 - 1",
            )))
        };
        if self.ts.len() + other.ts.len() >= u32::MAX as usize - 1 {
            return Err(too_large());
        }
        let remap = |mine: &mut Interner, theirs: &Interner| -> Result<Vec<u32>, Error> {
            (0..theirs.len())
                .map(|i| {
                    let i = i as u32;
                    mine.intern_hashed(theirs.resolve(i), theirs.hash_of(i))
                        .ok_or_else(too_large)
                })
                .collect()
        };
        let customers = remap(&mut self.customers, &other.customers)?;
        let segments = remap(&mut self.segments, &other.segments)?;
        let unknown = remap(&mut self.unknown, &other.unknown)?;
        let n = self.n_touchpoints;
        let mut codes = Vec::with_capacity(other.code.len());
        for &c in &other.code {
            if c < n {
                codes.push(c);
            } else {
                let code = unknown[(c - n) as usize]
                    .checked_add(n)
                    .filter(|&c| c != u32::MAX)
                    .ok_or_else(too_large)?;
                codes.push(code);
            }
        }
        let len = self.ts.len();
        let extra = other.ts.len();
        fn extend<T: Copy>(
            mine: &mut Option<Vec<T>>,
            theirs: Option<Vec<T>>,
            len: usize,
            extra: usize,
            missing: T,
        ) {
            match (mine.as_mut(), theirs) {
                (Some(m), Some(t)) => m.extend(t),
                (Some(m), None) => m.resize(len + extra, missing),
                (None, Some(t)) => {
                    let mut m = Vec::with_capacity(len + extra);
                    m.resize(len, missing);
                    m.extend(t);
                    *mine = Some(m);
                }
                (None, None) => {}
            }
        }
        extend(&mut self.value, other.value, len, extra, f64::NAN);
        extend(&mut self.score, other.score, len, extra, f64::NAN);
        let other_segment = other.segment.map(|col| {
            col.into_iter()
                .map(|s| {
                    if s == NO_SEGMENT {
                        s
                    } else {
                        segments[s as usize]
                    }
                })
                .collect()
        });
        extend(&mut self.segment, other_segment, len, extra, NO_SEGMENT);
        self.customer
            .extend(other.customer.iter().map(|&c| customers[c as usize]));
        self.ts.extend_from_slice(&other.ts);
        self.code.extend(codes);
        let offset = self.stats.rows;
        let mut stats = other.stats;
        for e in &mut stats.examples {
            e.row += offset;
            e.line = e.line.map(|l| l + line_offset);
        }
        self.stats.rows += stats.rows;
        for (code, k) in stats.skipped {
            *self.stats.skipped.entry(code).or_insert(0) += k;
        }
        let room = IngestStats::MAX_EXAMPLES.saturating_sub(self.stats.examples.len());
        self.stats
            .examples
            .extend(stats.examples.into_iter().take(room));
        Ok(())
    }

    /// A builder with the same map and settings and no events.
    #[cfg_attr(not(feature = "parallel"), allow(dead_code))]
    pub(crate) fn empty_like(&self) -> Self {
        EventLogBuilder {
            fingerprint: self.fingerprint,
            n_touchpoints: self.n_touchpoints,
            touchpoints: self.touchpoints.clone(),
            matcher: self.matcher.clone(),
            attribute_keys: self.attribute_keys.clone(),
            on_error: self.on_error,
            names: self.names.clone(),
            customers: Interner::default(),
            segments: Interner::default(),
            unknown: Interner::default(),
            customer: Vec::new(),
            ts: Vec::new(),
            code: Vec::new(),
            value: None,
            score: None,
            segment: None,
            stats: IngestStats::default(),
        }
    }

    /// Rows read so far (accepted and skipped).
    #[cfg_attr(not(feature = "parallel"), allow(dead_code))]
    pub(crate) fn rows(&self) -> u64 {
        self.stats.rows
    }

    /// [`EventLogBuilder::build`] for the readers: a log that must have
    /// segments ([`FieldNames::require_segment`]) but in which no event has
    /// one is refused (`MISSING_COLUMN`).
    pub(crate) fn finish(self) -> Result<EventLog, Error> {
        if self.names.require_segment && self.segment.is_none() && !self.ts.is_empty() {
            let name = &self.names.segment;
            let message = format!("no event has a `{name}` value to segment by");
            let error = RowError::new(RowErrorKind::MissingColumn, Some(name), message);
            return Err(Error::EventRow(Box::new(error.at(0, None))));
        }
        Ok(self.build())
    }

    /// Sorts the events into journeys and returns the log.
    ///
    /// ```
    /// use journeymap::analytics::{Event, EventLogBuilder};
    /// # let map = journeymap::doc_support::view_map();
    /// let mut b = EventLogBuilder::new(&map);
    /// b.push(&Event::raw("c1", 20, "view")).unwrap();
    /// b.push(&Event::raw("c2", 5, "view")).unwrap();
    /// b.push(&Event::raw("c1", 10, "view")).unwrap();
    /// let log = b.build();
    /// let times: Vec<i64> = log.journey("c1").unwrap().iter().map(|e| e.timestamp_ms).collect();
    /// assert_eq!(times, [10, 20]);
    /// ```
    pub fn build(self) -> EventLog {
        let EventLogBuilder {
            fingerprint,
            n_touchpoints,
            customers,
            segments,
            unknown,
            customer,
            ts,
            code,
            value,
            score,
            segment,
            stats,
            ..
        } = self;
        let n_customers = customers.len();
        // Counting sort by customer (stable: keeps input order), then a
        // stable sort by timestamp within each customer.
        let mut starts = vec![0usize; n_customers + 1];
        for &c in &customer {
            starts[c as usize + 1] += 1;
        }
        for i in 0..n_customers {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut perm = vec![0u32; ts.len()];
        for (i, &c) in customer.iter().enumerate() {
            let slot = &mut next[c as usize];
            // Fewer than u32::MAX events are accepted (see `accept`).
            perm[*slot] = i as u32;
            *slot += 1;
        }
        drop(next);
        sort_journeys(&mut perm, &starts, &ts);
        // One column at a time, freeing each input column once gathered,
        // so that the peak is the log plus one column; a column is gathered
        // over the memory of one no longer needed (fewer fresh pages to
        // fault in) where their types agree.
        let sorted_code = gather_over(&perm, &code, customer);
        let segment = segment.map(|v| gather_over(&perm, &v, code));
        let (value, score) = match (value, score) {
            (Some(v), Some(sc)) => {
                let sorted_value = gather(&perm, &v);
                let sorted_score = gather_over(&perm, &sc, v);
                (Some(sorted_value), Some(sorted_score))
            }
            (v, sc) => (
                v.map(|v| gather(&perm, &v)),
                sc.map(|sc| gather(&perm, &sc)),
            ),
        };
        let sorted_ts = gather(&perm, &ts);
        drop(ts);
        EventLog {
            fingerprint,
            n_touchpoints,
            customers,
            starts,
            ts: sorted_ts,
            code: sorted_code,
            value,
            score,
            segment,
            segments,
            unknown,
            stats,
        }
    }
}

fn sort_slice(slice: &mut [u32], ts: &[i64]) {
    if slice
        .windows(2)
        .any(|w| ts[w[0] as usize] > ts[w[1] as usize])
    {
        slice.sort_by_key(|&i| ts[i as usize]);
    }
}

#[cfg(feature = "parallel")]
fn sort_journeys(perm: &mut [u32], starts: &[usize], ts: &[i64]) {
    use rayon::prelude::*;
    let mut slices = Vec::with_capacity(starts.len().saturating_sub(1));
    let mut rest = perm;
    for w in starts.windows(2) {
        let (head, tail) = rest.split_at_mut(w[1] - w[0]);
        slices.push(head);
        rest = tail;
    }
    slices
        .par_iter_mut()
        .with_min_len(1024)
        .for_each(|s| sort_slice(s, ts));
}

#[cfg(not(feature = "parallel"))]
fn sort_journeys(perm: &mut [u32], starts: &[usize], ts: &[i64]) {
    for w in starts.windows(2) {
        sort_slice(&mut perm[w[0]..w[1]], ts);
    }
}

#[cfg(feature = "parallel")]
fn gather<T: Copy + Send + Sync>(perm: &[u32], col: &[T]) -> Vec<T> {
    use rayon::prelude::*;
    perm.par_iter()
        .with_min_len(1 << 14)
        .map(|&i| col[i as usize])
        .collect()
}

#[cfg(not(feature = "parallel"))]
fn gather<T: Copy>(perm: &[u32], col: &[T]) -> Vec<T> {
    perm.iter().map(|&i| col[i as usize]).collect()
}

/// [`gather`] written over `spare`, a column no longer needed (fresh
/// memory only if its length differs).
fn gather_over<T: Copy + Send + Sync>(perm: &[u32], col: &[T], mut spare: Vec<T>) -> Vec<T> {
    if spare.len() != perm.len() {
        return gather(perm, col);
    }
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        spare
            .par_iter_mut()
            .zip(perm.par_iter())
            .with_min_len(1 << 14)
            .for_each(|(d, &i)| *d = col[i as usize]);
    }
    #[cfg(not(feature = "parallel"))]
    for (d, &i) in spare.iter_mut().zip(perm) {
        *d = col[i as usize];
    }
    spare
}

/// An event log resolved against a map: for each customer, their events
/// ordered by (timestamp, input order), each at a touchpoint of the map or
/// an unknown event (kept, with its name, so that it is counted).
///
/// Stored as columns: per event a timestamp (`i64`) and a touchpoint code
/// (`u32`), plus value and score (`f64`) and segment (`u32`) columns only if
/// the input had them; customer ids, segments and unknown event names are
/// interned once each. About 12 to 32 bytes per event.
///
/// Built by the readers ([`EventLog::from_csv`], [`EventLog::from_jsonl`]),
/// the [`EventLogBuilder`] or [`EventLog::from_columns`].
///
/// ```
/// use journeymap::analytics::{CsvOptions, EventLog};
/// # let map = journeymap::doc_support::view_map();
/// let csv = "customer_id,timestamp,event\nc1,2026-03-01T09:05:00Z,view\nc2,2026-03-01T09:00:00Z,chat\nc1,2026-03-01T09:00:00Z,view\n";
/// let log = EventLog::from_csv(csv.as_bytes(), &map, &CsvOptions::default()).unwrap();
/// assert_eq!((log.len(), log.customers(), log.unknown_events()), (3, 2, 1));
/// let c1 = log.journey("c1").unwrap();
/// assert!(c1[0].timestamp_ms < c1[1].timestamp_ms); // ordered by time
/// ```
#[derive(Clone, Debug)]
pub struct EventLog {
    pub(crate) fingerprint: u64,
    pub(crate) n_touchpoints: u32,
    pub(crate) customers: Interner,
    /// Events of customer `c` are `starts[c]..starts[c + 1]`.
    pub(crate) starts: Vec<usize>,
    pub(crate) ts: Vec<i64>,
    /// `< n_touchpoints`: touchpoint index; otherwise unknown event name
    /// `code - n_touchpoints`.
    pub(crate) code: Vec<u32>,
    pub(crate) value: Option<Vec<f64>>,
    pub(crate) score: Option<Vec<f64>>,
    pub(crate) segment: Option<Vec<u32>>,
    pub(crate) segments: Interner,
    pub(crate) unknown: Interner,
    pub(crate) stats: IngestStats,
}

/// One event of a customer's journey, as returned by [`EventLog::journey`].
///
/// ```
/// use journeymap::analytics::{Event, EventLog};
/// # let map = journeymap::doc_support::view_map();
/// let mut b = EventLog::builder(&map);
/// b.push(&Event::raw("c1", 0, "view").with_value(3.0)).unwrap();
/// b.push(&Event::raw("c1", 1, "newsletter_open")).unwrap();
/// let journey = b.build().journey("c1").unwrap();
/// assert_eq!((journey[0].touchpoint, journey[0].value), (Some(0), Some(3.0)));
/// assert_eq!(journey[1].unknown_event.as_deref(), Some("newsletter_open"));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct LoggedEvent {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub timestamp_ms: i64,
    /// Index of the touchpoint in [`JourneyMap::touchpoints`], or `None`
    /// for an unknown event.
    pub touchpoint: Option<usize>,
    /// Name of an unknown event (`channel=<channel>` when it had no name).
    pub unknown_event: Option<String>,
    /// Value, if given.
    pub value: Option<f64>,
    /// Score, if given.
    pub score: Option<f64>,
    /// Segment, if given.
    pub segment: Option<String>,
}

impl EventLog {
    /// A builder of a log against `map`.
    ///
    /// ```
    /// use journeymap::analytics::{Event, EventLog};
    /// # let map = journeymap::doc_support::view_map();
    /// let mut b = EventLog::builder(&map);
    /// b.push(&Event::raw("c1", 0, "view")).unwrap();
    /// assert_eq!(b.build().len(), 1);
    /// ```
    pub fn builder(map: &JourneyMap) -> EventLogBuilder {
        EventLogBuilder::new(map)
    }

    /// Number of events kept (rows skipped are not events).
    ///
    /// ```
    /// use journeymap::analytics::{EventLog, JsonlOptions, OnError};
    /// # let map = journeymap::doc_support::view_map();
    /// let text = r#"{"customer_id": "c1", "timestamp": 1772357400000, "event": "view"}
    /// {"customer_id": "c1", "timestamp": "noon", "event": "view"}
    /// {"customer_id": "c2", "timestamp": 1772357400000, "event": "chat"}"#;
    /// let options = JsonlOptions::default().on_error(OnError::Skip);
    /// let log = EventLog::from_jsonl(text.as_bytes(), &map, &options).unwrap();
    /// assert_eq!((log.len(), log.stats().rows), (2, 3));
    /// ```
    pub fn len(&self) -> usize {
        self.ts.len()
    }

    /// Whether the log has no event.
    ///
    /// ```
    /// use journeymap::analytics::EventLog;
    /// # let map = journeymap::doc_support::view_map();
    /// assert!(EventLog::builder(&map).build().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.ts.is_empty()
    }

    /// Number of distinct customers.
    ///
    /// ```
    /// use journeymap::analytics::{Event, EventLog};
    /// # let map = journeymap::doc_support::view_map();
    /// let mut b = EventLog::builder(&map);
    /// for c in ["c1", "c2", "c1"] {
    ///     b.push(&Event::raw(c, 0, "view")).unwrap();
    /// }
    /// assert_eq!(b.build().customers(), 2);
    /// ```
    pub fn customers(&self) -> usize {
        self.customers.len()
    }

    /// Number of events that matched no touchpoint.
    ///
    /// ```
    /// use journeymap::analytics::{Event, EventLog};
    /// # let map = journeymap::doc_support::view_map();
    /// let mut b = EventLog::builder(&map);
    /// b.push(&Event::raw("c1", 0, "view")).unwrap();
    /// b.push(&Event::raw("c1", 1, "chat")).unwrap();
    /// assert_eq!(b.build().unknown_events(), 1);
    /// ```
    pub fn unknown_events(&self) -> usize {
        let n = self.n_touchpoints;
        self.code.iter().filter(|&&c| c >= n).count()
    }

    /// Rows read and skipped.
    ///
    /// ```
    /// use journeymap::analytics::{CsvOptions, EventLog, OnError};
    /// # let map = journeymap::doc_support::view_map();
    /// let csv = "customer_id,timestamp,event\nc1,1772357400000,view\n,1772357400000,view\nc2,soon,view\n";
    /// let options = CsvOptions::default().on_error(OnError::Skip);
    /// let stats = EventLog::from_csv(csv.as_bytes(), &map, &options).unwrap().stats().clone();
    /// assert_eq!((stats.rows, stats.rows_skipped()), (3, 2));
    /// assert_eq!(stats.examples[0].line, Some(3));
    /// ```
    pub fn stats(&self) -> &IngestStats {
        &self.stats
    }

    /// Approximate heap memory held by the log, in bytes.
    ///
    /// ```
    /// use journeymap::analytics::{Event, EventLog};
    /// # let map = journeymap::doc_support::view_map();
    /// let mut b = EventLog::builder(&map);
    /// for i in 0..1_000 {
    ///     b.push(&Event::raw("c1", i, "view")).unwrap();
    /// }
    /// // At least a timestamp (8 bytes) and a touchpoint code (4) per event.
    /// assert!(b.build().heap_bytes() >= 12_000);
    /// ```
    pub fn heap_bytes(&self) -> usize {
        let col = |n: usize, size: usize| n * size;
        self.customers.heap_bytes()
            + self.segments.heap_bytes()
            + self.unknown.heap_bytes()
            + col(self.starts.capacity(), 8)
            + col(self.ts.capacity(), 8)
            + col(self.code.capacity(), 4)
            + self.value.as_ref().map_or(0, |v| col(v.capacity(), 8))
            + self.score.as_ref().map_or(0, |v| col(v.capacity(), 8))
            + self.segment.as_ref().map_or(0, |v| col(v.capacity(), 4))
    }

    /// Customer ids, in order of first appearance in the input.
    ///
    /// ```
    /// use journeymap::analytics::{Event, EventLog};
    /// # let map = journeymap::doc_support::view_map();
    /// let mut b = EventLog::builder(&map);
    /// for (c, t) in [("c2", 5), ("c1", 1), ("c2", 0)] {
    ///     b.push(&Event::raw(c, t, "view")).unwrap();
    /// }
    /// assert_eq!(b.build().customer_ids().collect::<Vec<_>>(), ["c2", "c1"]);
    /// ```
    pub fn customer_ids(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.customers.len()).map(|i| self.customers.resolve(i as u32))
    }

    /// The journey of one customer, in counting order (timestamp, then
    /// input order); `None` for an unknown customer.
    ///
    /// ```
    /// use journeymap::analytics::{Event, EventLog};
    /// # let map = journeymap::JourneyMap::from_json(r#"{"name":"x","stages":[{"id":"s","name":"S"}],
    /// #   "channels":[{"id":"w","name":"W","kind":"digital"}],
    /// #   "touchpoints":[{"id":"a","name":"A","stage":"s","channel":"w"},{"id":"b","name":"B","stage":"s","channel":"w"}]}"#).unwrap();
    /// let mut b = EventLog::builder(&map);
    /// b.push(&Event::touchpoint("c1", 5, "b")).unwrap();
    /// b.push(&Event::touchpoint("c1", 1, "a")).unwrap();
    /// b.push(&Event::touchpoint("c1", 5, "a")).unwrap();
    /// let log = b.build();
    /// let steps: Vec<_> = log.journey("c1").unwrap().iter().map(|e| (e.timestamp_ms, e.touchpoint)).collect();
    /// assert_eq!(steps, [(1, Some(0)), (5, Some(1)), (5, Some(0))]);
    /// ```
    pub fn journey(&self, customer: &str) -> Option<Vec<LoggedEvent>> {
        let c = self.customers.get(customer)? as usize;
        let range = self.starts[c]..self.starts[c + 1];
        let n = self.n_touchpoints;
        let num =
            |col: &Option<Vec<f64>>, i: usize| col.as_ref().map(|v| v[i]).filter(|v| !v.is_nan());
        Some(
            range
                .map(|i| {
                    let code = self.code[i];
                    LoggedEvent {
                        timestamp_ms: self.ts[i],
                        touchpoint: (code < n).then_some(code as usize),
                        unknown_event: (code >= n)
                            .then(|| self.unknown.resolve(code - n).to_owned()),
                        value: num(&self.value, i),
                        score: num(&self.score, i),
                        segment: self
                            .segment
                            .as_ref()
                            .map(|s| s[i])
                            .filter(|&s| s != NO_SEGMENT)
                            .map(|s| self.segments.resolve(s).to_owned()),
                    }
                })
                .collect(),
        )
    }

    pub(crate) fn check_map(&self, map: &JourneyMap) -> Result<(), Error> {
        if self.fingerprint != fingerprint(map) {
            return Err(mismatch("the event log"));
        }
        Ok(())
    }
}

/// Columns of events, for callers that already hold their data by column
/// (Arrow, pandas, JS arrays): see [`EventLog::from_columns`]. All given
/// columns must have the length of `customer`; `None` cells are absent values.
///
/// ```
/// use journeymap::analytics::{Columns, EventLog, OnError};
/// # let map = journeymap::doc_support::page_view_map();
/// let customer = ["c1", "c1", "c2"];
/// let ts = [1_000, 2_000, 1_500];
/// let event = [Some("view"), Some("view"), Some("view")];
/// let page = [Some("/"), Some("/about"), Some("/")];
/// let value = [None, Some(9.5), None];
/// let columns = Columns {
///     event: Some(&event),
///     value: Some(&value),
///     attributes: vec![("page", &page[..])],
///     ..Columns::new(&customer, &ts)
/// };
/// let log = EventLog::from_columns(&map, &columns, OnError::Fail).unwrap();
/// assert_eq!((log.len(), log.unknown_events()), (3, 1));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Columns<'a> {
    /// Customer ids.
    pub customer: &'a [&'a str],
    /// Epoch milliseconds (empty when `timestamps` is given).
    pub timestamp_ms: &'a [i64],
    /// Touchpoint ids.
    pub touchpoint: Option<&'a [Option<&'a str>]>,
    /// Raw event names.
    pub event: Option<&'a [Option<&'a str>]>,
    /// Raw channels.
    pub channel: Option<&'a [Option<&'a str>]>,
    /// Values.
    pub value: Option<&'a [Option<f64>]>,
    /// Scores.
    pub score: Option<&'a [Option<f64>]>,
    /// Segments.
    pub segment: Option<&'a [Option<&'a str>]>,
    /// Raw attribute columns, by name.
    pub attributes: Vec<(&'a str, &'a [Option<&'a str>])>,
    /// Timestamps that may be missing or written as text, instead of
    /// `timestamp_ms` (which must then be empty). A missing or unreadable
    /// timestamp is a `BAD_TIMESTAMP` row error.
    pub timestamps: Option<Timestamps<'a>>,
    /// Values written as text, instead of `value`: parsed as the CSV
    /// reader does (blank is absent; unreadable text is a `BAD_NUMBER` row
    /// error quoting it).
    ///
    /// ```
    /// use journeymap::analytics::{Columns, EventLog, OnError};
    /// # let map = journeymap::doc_support::home_map();
    /// let customer = ["c1", "c2"];
    /// let touchpoint = [Some("home"); 2];
    /// let value = [Some(" 12.5 "), Some("12x")];
    /// let columns = Columns {
    ///     touchpoint: Some(&touchpoint),
    ///     value_text: Some(&value),
    ///     ..Columns::new(&customer, &[0, 0])
    /// };
    /// let err = EventLog::from_columns(&map, &columns, OnError::Fail).unwrap_err();
    /// assert_eq!((err.code(), err.row_error().unwrap().row), ("BAD_NUMBER", 2));
    /// assert!(err.to_string().contains(r#""12x" is not a number"#));
    /// ```
    pub value_text: Option<&'a [Option<&'a str>]>,
    /// Scores written as text, instead of `score` (as `value_text`).
    pub score_text: Option<&'a [Option<&'a str>]>,
    /// Names of the columns, as row errors name them (default
    /// `customer_id`, `timestamp`, `touchpoint`...).
    pub fields: FieldNames,
}

/// Timestamps of [`Columns`] when they are not all present epoch
/// milliseconds.
///
/// ```
/// use journeymap::analytics::{Columns, EventLog, OnError, TimeSpec, TimestampFormat, Timestamps};
/// # let map = journeymap::doc_support::home_map();
/// let customer = ["c1", "c1", "c2"];
/// let text = [Some("2026-03-01T09:00:00Z"), Some("yesterday"), None];
/// let spec = TimeSpec::new(TimestampFormat::Auto);
/// let touchpoint = [Some("home"); 3];
/// let columns = Columns {
///     timestamps: Some(Timestamps::Text(&text, &spec)),
///     touchpoint: Some(&touchpoint),
///     ..Columns::new(&customer, &[])
/// };
/// let err = EventLog::from_columns(&map, &columns, OnError::Fail).unwrap_err();
/// let row = err.row_error().unwrap();
/// assert_eq!((err.code(), row.row, row.column.as_deref()), ("BAD_TIMESTAMP", 2, Some("timestamp")));
/// let log = EventLog::from_columns(&map, &columns, OnError::Skip).unwrap();
/// assert_eq!((log.len(), log.stats().skipped["BAD_TIMESTAMP"]), (1, 2));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Timestamps<'a> {
    /// Epoch milliseconds; `None` is a missing timestamp.
    Millis(&'a [Option<i64>]),
    /// Integers of epoch time, read by the spec (its unit, or milliseconds
    /// between 1980 and 2099); `None` is a missing timestamp.
    Integers(&'a [Option<i64>], &'a TimeSpec),
    /// Text read by the spec row by row; `None` or an empty string is a
    /// missing timestamp.
    Text(&'a [Option<&'a str>], &'a TimeSpec),
}

impl Timestamps<'_> {
    fn len(&self) -> usize {
        match self {
            Timestamps::Millis(c) | Timestamps::Integers(c, _) => c.len(),
            Timestamps::Text(c, _) => c.len(),
        }
    }
}

impl<'a> Columns<'a> {
    /// The two required columns; set the others with struct update syntax.
    ///
    /// ```
    /// use journeymap::analytics::{Columns, EventLog, OnError};
    /// # let map = journeymap::doc_support::view_map();
    /// let customer = ["c1", "c2"];
    /// let event = [Some("view"), Some("chat")];
    /// let columns = Columns { event: Some(&event), ..Columns::new(&customer, &[0, 60_000]) };
    /// let log = EventLog::from_columns(&map, &columns, OnError::Fail).unwrap();
    /// assert_eq!((log.len(), log.unknown_events()), (2, 1));
    /// ```
    pub fn new(customer: &'a [&'a str], timestamp_ms: &'a [i64]) -> Self {
        Columns {
            customer,
            timestamp_ms,
            ..Columns::default()
        }
    }
}

impl EventLog {
    /// Builds a log from columns. Row numbers in errors are 1-based
    /// positions in the columns.
    ///
    /// Columns of unequal length give an `INVALID_VALUE` error.
    ///
    /// ```
    /// use journeymap::analytics::{Columns, EventLog, OnError};
    /// # let map = journeymap::doc_support::view_map();
    /// let customer = ["c1", "c2"];
    /// let touchpoint = [Some("home"), Some("nowhere")];
    /// let columns = Columns { touchpoint: Some(&touchpoint), ..Columns::new(&customer, &[0, 0]) };
    /// let err = EventLog::from_columns(&map, &columns, OnError::Fail).unwrap_err();
    /// assert_eq!((err.code(), err.row_error().unwrap().row), ("UNKNOWN_TOUCHPOINT", 2));
    /// let short = Columns::new(&customer, &[0]);
    /// let err = EventLog::from_columns(&map, &short, OnError::Fail).unwrap_err();
    /// assert_eq!(err.code(), "INVALID_VALUE");
    /// ```
    pub fn from_columns<'a>(
        map: &JourneyMap,
        columns: &Columns<'a>,
        on_error: OnError,
    ) -> Result<EventLog, Error> {
        let n = columns.customer.len();
        if columns.timestamps.is_some() && !columns.timestamp_ms.is_empty() {
            return Err(Error::InvalidValue {
                id: None,
                path: "/timestamp_ms".into(),
                message:
                    "give the timestamps either as `timestamp_ms` or as `timestamps`, not both"
                        .into(),
            });
        }
        for (name, number, text) in [
            (
                "value",
                columns.value.is_some(),
                columns.value_text.is_some(),
            ),
            (
                "score",
                columns.score.is_some(),
                columns.score_text.is_some(),
            ),
        ] {
            if number && text {
                return Err(Error::InvalidValue {
                    id: None,
                    path: format!("/{name}_text"),
                    message: format!(
                        "give the {name}s either as `{name}` or as `{name}_text`, not both"
                    ),
                });
            }
        }
        let mut lengths: Vec<(&str, usize)> = vec![match &columns.timestamps {
            Some(t) => ("timestamps", t.len()),
            None => ("timestamp_ms", columns.timestamp_ms.len()),
        }];
        let opt = |name: &'static str, len: Option<usize>| len.map(|l| (name, l));
        lengths.extend(opt("touchpoint", columns.touchpoint.map(<[_]>::len)));
        lengths.extend(opt("event", columns.event.map(<[_]>::len)));
        lengths.extend(opt("channel", columns.channel.map(<[_]>::len)));
        lengths.extend(opt("value", columns.value.map(<[_]>::len)));
        lengths.extend(opt("score", columns.score.map(<[_]>::len)));
        lengths.extend(opt("value_text", columns.value_text.map(<[_]>::len)));
        lengths.extend(opt("score_text", columns.score_text.map(<[_]>::len)));
        lengths.extend(opt("segment", columns.segment.map(<[_]>::len)));
        lengths.extend(columns.attributes.iter().map(|(k, v)| (*k, v.len())));
        if let Some((name, len)) = lengths.into_iter().find(|&(_, l)| l != n) {
            return Err(Error::InvalidValue {
                id: None,
                path: format!("/{name}"),
                message: format!("column `{name}` has {len} rows but `customer` has {n}"),
            });
        }
        if columns.fields.require_segment && columns.segment.is_none() {
            let name = &columns.fields.segment;
            let message = format!("there is no `{name}` column to segment by");
            let error = RowError::new(RowErrorKind::MissingColumn, Some(name), message);
            return Err(Error::EventRow(Box::new(error.at(0, None))));
        }
        if let Some(Timestamps::Text(_, spec) | Timestamps::Integers(_, spec)) = &columns.timestamps
        {
            spec.check()?;
        }
        let mut b = EventLogBuilder::new(map)
            .on_error(on_error)
            .field_names(&columns.fields);
        let timestamp_column = columns.fields.timestamp.as_str();
        // The timestamp of row `i`, or why it has none.
        let timestamp = |i: usize| -> Result<i64, RowError> {
            let bad = |message: String| {
                RowError::new(RowErrorKind::BadTimestamp, Some(timestamp_column), message)
            };
            match &columns.timestamps {
                None => Ok(columns.timestamp_ms[i]),
                Some(Timestamps::Millis(c)) => {
                    c[i].ok_or_else(|| bad("the timestamp is empty".into()))
                }
                Some(Timestamps::Integers(c, spec)) => match c[i] {
                    None => Err(bad("the timestamp is empty".into())),
                    Some(n) => spec
                        .from_integer(n)
                        .ok_or_else(|| bad(spec.integer_refusal(n))),
                },
                Some(Timestamps::Text(c, spec)) => match c[i].filter(|t| !t.is_empty()) {
                    None => Err(bad("the timestamp is empty".into())),
                    Some(text) => spec.parse(text).ok_or_else(|| bad(spec.refusal(text))),
                },
            }
        };
        // For each attribute slot of the rules, its column (if given).
        let slots: Vec<Option<&[Option<&str>]>> = b
            .attribute_keys()
            .iter()
            .map(|k| {
                columns
                    .attributes
                    .iter()
                    .find(|(name, _)| name == k)
                    .map(|(_, c)| *c)
            })
            .collect();
        // The value (or score) of row `i`, or why it has none.
        let number = |numbers: Option<&[Option<f64>]>,
                      text: Option<&[Option<&str>]>,
                      name: &str,
                      i: usize|
         -> Result<Option<f64>, RowError> {
            match text.and_then(|c| c[i]) {
                Some(t) => parse_number(t).map_err(|()| {
                    let message = format!("{name} {} is not a number", quoted(t));
                    RowError::new(RowErrorKind::BadNumber, Some(name), message)
                }),
                None => Ok(numbers.and_then(|c| c[i])),
            }
        };
        let fill = |b: &mut EventLogBuilder, rows: std::ops::Range<usize>| -> Result<(), Error> {
            b.reserve(rows.len());
            let cell = |c: Option<&'a [Option<&'a str>]>, i: usize| c.and_then(|c| c[i]);
            let fields = &columns.fields;
            for i in rows {
                // In the CSV reader's order: timestamp, value, score.
                let parsed = timestamp(i).and_then(|ts| {
                    let value = number(columns.value, columns.value_text, &fields.value, i)?;
                    let score = number(columns.score, columns.score_text, &fields.score, i)?;
                    Ok((ts, value, score))
                });
                let (timestamp_ms, value, score) = match parsed {
                    Ok(parsed) => parsed,
                    Err(e) => {
                        b.refuse(e, None)?;
                        continue;
                    }
                };
                let e = Event {
                    customer: columns.customer[i],
                    timestamp_ms,
                    touchpoint: cell(columns.touchpoint, i),
                    event: cell(columns.event, i),
                    channel: cell(columns.channel, i),
                    attributes: &[],
                    value,
                    score,
                    segment: cell(columns.segment, i),
                };
                b.push_with(&e, None, |slot| {
                    slots[slot].and_then(|c| c[i]).filter(|v| !v.is_empty())
                })?;
            }
            Ok(())
        };
        #[cfg(feature = "parallel")]
        {
            // Chunks of rows on the pool, appended in order: the same log,
            // rows and first error as one pass.
            use rayon::prelude::*;
            const ROWS: usize = 1 << 16;
            let proto = b.empty_like();
            let chunks: Vec<Result<EventLogBuilder, Error>> = (0..n.div_ceil(ROWS))
                .into_par_iter()
                .map(|k| {
                    let mut part = proto.empty_like();
                    fill(&mut part, k * ROWS..((k + 1) * ROWS).min(n))?;
                    Ok(part)
                })
                .collect();
            for chunk in chunks {
                match chunk {
                    Ok(part) => b.append(part, 0)?,
                    Err(Error::EventRow(mut row)) => {
                        row.row += b.rows();
                        return Err(Error::EventRow(row));
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        #[cfg(not(feature = "parallel"))]
        fill(&mut b, 0..n)?;
        b.finish()
    }
}

//! Reading an event log from JSON Lines (one JSON object per line, streaming).

use std::borrow::Cow;
use std::fmt;
use std::io::{BufRead, BufReader, Read};

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};

use super::columns::{parse_number, Field, FieldNames};
use super::ingest::OnError;
use super::time::{TimeSpec, TimeUnit, TimestampFormat};
use super::zone::Timezone;
use crate::analytics::log::{Event, EventLog, EventLogBuilder};
use crate::error::quoted;
use crate::error::Error;
use crate::error::{RowError, RowErrorKind};
use crate::JourneyMap;

/// Options of the JSON Lines reader.
///
/// Each non-blank line is a JSON object with the fields named by
/// [`FieldNames`]; an `attributes` object and any other top-level field are
/// raw attributes for the `match` rules (strings as is, numbers and booleans
/// as their JSON text). Timestamps are strings (RFC 3339) or integers
/// (epoch milliseconds); customer ids, event names, channels and segments
/// may be strings or integers; values and scores numbers or numeric strings.
/// `null` is an absent value.
///
/// ```
/// use journeymap::analytics::JsonlOptions;
/// let options = JsonlOptions::default().max_line_bytes(4096);
/// assert_eq!(options.attributes_field, "attributes");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct JsonlOptions {
    /// Field names.
    pub fields: FieldNames,
    /// Name of the object field holding raw attributes (default `attributes`).
    pub attributes_field: String,
    /// How timestamps are written.
    pub timestamp_format: TimestampFormat,
    /// The unit of integer timestamps (`None`: milliseconds, and only
    /// between 1980 and 2099; see [`TimeSpec`]).
    pub timestamp_unit: Option<TimeUnit>,
    /// The zone of date-times written without an offset (default UTC).
    pub timezone: Timezone,
    /// What to do with a bad line.
    /// Written `on_bad_row` (as the CLI, Python and JS name it; `on_error`
    /// is read too).
    #[serde(rename = "on_bad_row", alias = "on_error")]
    pub on_error: OnError,
    /// Longest line accepted, in bytes (default 1 MiB); a longer line is a
    /// `LINE_TOO_LONG` row error and is never held in memory whole.
    pub max_line_bytes: usize,
}

impl Default for JsonlOptions {
    fn default() -> Self {
        JsonlOptions {
            fields: FieldNames::default(),
            attributes_field: "attributes".into(),
            timestamp_format: TimestampFormat::Auto,
            timestamp_unit: None,
            timezone: Timezone::UTC,
            on_error: OnError::Fail,
            max_line_bytes: 1 << 20,
        }
    }
}

impl JsonlOptions {
    /// Sets all field names.
    ///
    /// ```
    /// # use journeymap::analytics::{FieldNames, JsonlOptions};
    /// let names = FieldNames { customer: "user_id".into(), ..FieldNames::default() };
    /// assert_eq!(JsonlOptions::default().fields(names).fields.customer, "user_id");
    /// ```
    pub fn fields(mut self, fields: FieldNames) -> Self {
        self.fields = fields;
        self
    }

    /// Sets the timestamp format.
    ///
    /// ```
    /// # use journeymap::analytics::{JsonlOptions, TimestampFormat};
    /// let options = JsonlOptions::default().timestamp_format(TimestampFormat::EpochSeconds);
    /// assert_eq!(options.timestamp_format, TimestampFormat::EpochSeconds);
    /// ```
    pub fn timestamp_format(mut self, format: TimestampFormat) -> Self {
        self.timestamp_format = format;
        self
    }

    /// Sets the unit of integer timestamps.
    ///
    /// ```
    /// # use journeymap::analytics::{JsonlOptions, TimeUnit};
    /// let options = JsonlOptions::default().timestamp_unit(TimeUnit::Seconds);
    /// assert_eq!(options.time_spec().unit, Some(TimeUnit::Seconds));
    /// ```
    pub fn timestamp_unit(mut self, unit: TimeUnit) -> Self {
        self.timestamp_unit = Some(unit);
        self
    }

    /// Sets the zone of date-times written without an offset.
    ///
    /// ```
    /// # use journeymap::analytics::{JsonlOptions, Timezone};
    /// let options = JsonlOptions::default().timezone("+01:00".parse::<Timezone>().unwrap());
    /// assert_eq!(options.time_spec().timezone.offset_minutes(), Some(60));
    /// ```
    pub fn timezone(mut self, zone: Timezone) -> Self {
        self.timezone = zone;
        self
    }

    /// How timestamps are read: format, unit and zone together.
    ///
    /// ```
    /// # use journeymap::analytics::{JsonlOptions, TimestampFormat};
    /// assert_eq!(JsonlOptions::default().time_spec().format, TimestampFormat::Auto);
    /// ```
    pub fn time_spec(&self) -> TimeSpec {
        TimeSpec {
            format: self.timestamp_format.clone(),
            unit: self.timestamp_unit,
            timezone: self.timezone.clone(),
        }
    }

    /// Refuses options the reader cannot read with: a timestamp unit that
    /// contradicts the format ([`TimeSpec::check`]).
    ///
    /// ```
    /// # use journeymap::analytics::{JsonlOptions, TimestampFormat, TimeUnit};
    /// let options = JsonlOptions::default().timestamp_format(TimestampFormat::Rfc3339).timestamp_unit(TimeUnit::Seconds);
    /// assert_eq!(options.check().unwrap_err().path(), Some("/timestamp_unit"));
    /// ```
    pub fn check(&self) -> Result<(), Error> {
        self.time_spec().check()
    }

    /// Sets the bad-line policy.
    ///
    /// ```
    /// # use journeymap::analytics::{JsonlOptions, OnError};
    /// assert_eq!(JsonlOptions::default().on_error(OnError::Skip).on_error, OnError::Skip);
    /// ```
    pub fn on_error(mut self, policy: OnError) -> Self {
        self.on_error = policy;
        self
    }

    /// Sets the longest line accepted.
    ///
    /// ```
    /// # use journeymap::analytics::{EventLog, JsonlOptions, OnError};
    /// # let map = journeymap::doc_support::home_map();
    /// let options = JsonlOptions::default().max_line_bytes(80).on_error(OnError::Skip);
    /// let text = format!(
    ///     "{}\n{}\n",
    ///     r#"{"customer_id": "c1", "timestamp": 1772357400000, "touchpoint": "home"}"#,
    ///     r#"{"customer_id": "c2", "timestamp": 1772357400000, "touchpoint": "home", "note": "a long line, past eighty bytes"}"#,
    /// );
    /// let log = EventLog::from_jsonl(text.as_bytes(), &map, &options).unwrap();
    /// assert_eq!((log.len(), log.stats().skipped["LINE_TOO_LONG"]), (1, 1));
    /// ```
    pub fn max_line_bytes(mut self, max: usize) -> Self {
        self.max_line_bytes = max;
        self
    }
}

/// A JSON value, borrowing strings from the line where it can.
#[derive(Debug)]
pub(crate) enum Scalar<'a> {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(Cow<'a, str>),
    Object(Vec<(Cow<'a, str>, Scalar<'a>)>),
    Array(Vec<Scalar<'a>>),
}

impl Scalar<'_> {
    fn type_name(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "a boolean",
            Scalar::I64(_) | Scalar::U64(_) | Scalar::F64(_) => "a number",
            Scalar::Str(_) => "a string",
            Scalar::Object(_) => "an object",
            Scalar::Array(_) => "an array",
        }
    }

    /// Text of a string, integer or boolean (`None` for null and others).
    fn text(&self) -> Option<Cow<'_, str>> {
        match self {
            Scalar::Str(s) => Some(Cow::Borrowed(s)),
            Scalar::I64(n) => Some(Cow::Owned(n.to_string())),
            Scalar::U64(n) => Some(Cow::Owned(n.to_string())),
            Scalar::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
            _ => None,
        }
    }

    /// Attribute text: strings as is, anything else as JSON text.
    fn attribute_text(&self) -> Option<Cow<'_, str>> {
        match self {
            Scalar::Null => None,
            Scalar::Str(s) => Some(Cow::Borrowed(s)),
            // Serialising these plain values to JSON cannot fail.
            other => Some(Cow::Owned(serde_json::to_string(other).unwrap_or_default())),
        }
    }
}

impl Serialize for Scalar<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::Null => s.serialize_unit(),
            Scalar::Bool(b) => s.serialize_bool(*b),
            Scalar::I64(n) => s.serialize_i64(*n),
            Scalar::U64(n) => s.serialize_u64(*n),
            Scalar::F64(n) => s.serialize_f64(*n),
            Scalar::Str(t) => s.serialize_str(t),
            Scalar::Object(fields) => {
                let mut m = s.serialize_map(Some(fields.len()))?;
                for (k, v) in fields {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
            Scalar::Array(items) => {
                let mut q = s.serialize_seq(Some(items.len()))?;
                for v in items {
                    q.serialize_element(v)?;
                }
                q.end()
            }
        }
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Scalar::I64(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Scalar::U64(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Scalar::F64(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Scalar::deserialize(d)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = Vec::new();
        while let Some((k, v)) = map.next_entry::<CowStr<'de>, Scalar<'de>>()? {
            fields.push((k.0, v));
        }
        Ok(Scalar::Object(fields))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element::<Scalar<'de>>()? {
            items.push(v);
        }
        Ok(Scalar::Array(items))
    }
}

impl<'de> Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

/// A map key, borrowed when it has no escapes.
struct CowStr<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for CowStr<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CowStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Outcome of reading one line.
enum LineRead {
    Eof,
    Line,
    TooLong,
}

/// Reads one line (without its `\n`) into `buf`, holding at most `max + 1`
/// bytes of it; the rest of a longer line is read and dropped.
fn read_line<R: BufRead>(r: &mut R, buf: &mut Vec<u8>, max: usize) -> std::io::Result<LineRead> {
    buf.clear();
    let cap = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let n = r.by_ref().take(cap).read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(LineRead::Eof);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        return Ok(LineRead::Line);
    }
    if buf.len() <= max {
        // Last line, without a newline.
        return Ok(LineRead::Line);
    }
    // Too long: skip to the end of the line.
    loop {
        let available = r.fill_buf()?;
        if available.is_empty() {
            break;
        }
        match memchr::memchr(b'\n', available) {
            Some(p) => {
                r.consume(p + 1);
                break;
            }
            None => {
                let len = available.len();
                r.consume(len);
            }
        }
    }
    Ok(LineRead::TooLong)
}

/// A builder for the lines of a JSON Lines log.
/// The builder of every JSON Lines reader (text, records, flat records,
/// streams), once the options are checked.
pub(crate) fn jsonl_builder(
    map: &JourneyMap,
    options: &JsonlOptions,
) -> Result<EventLogBuilder, Error> {
    options.check()?;
    Ok(EventLogBuilder::new(map)
        .on_error(options.on_error)
        .field_names(&options.fields))
}

pub(crate) fn io_error(e: std::io::Error) -> Error {
    Error::io("<reader>", &e)
}

pub(crate) fn too_long(options: &JsonlOptions) -> RowError {
    RowError::new(
        RowErrorKind::LineTooLong,
        None,
        format!("the line is longer than {} bytes", options.max_line_bytes),
    )
}

/// Reads the whole input on this thread.
#[cfg_attr(feature = "parallel", allow(dead_code))]
pub(crate) fn read_jsonl_sequential<R: Read>(
    reader: R,
    map: &JourneyMap,
    options: &JsonlOptions,
) -> Result<EventLog, Error> {
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let mut b = jsonl_builder(map, options)?;
    let mut buf = Vec::with_capacity(256);
    let mut line = 0u64;
    loop {
        let read = read_line(&mut reader, &mut buf, options.max_line_bytes).map_err(io_error)?;
        line += 1;
        match read {
            LineRead::Eof => break,
            LineRead::TooLong => b.refuse(too_long(options), Some(line))?,
            LineRead::Line => read_one_line(&mut b, &buf, line, options)?,
        }
    }
    b.finish()
}

/// Reads one line (without its line break) into `b`. Blank lines are not
/// rows.
pub(crate) fn read_one_line(
    b: &mut EventLogBuilder,
    buf: &[u8],
    line: u64,
    options: &JsonlOptions,
) -> Result<(), Error> {
    if buf.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    if buf.len() > options.max_line_bytes {
        return b.refuse(too_long(options), Some(line));
    }
    let parsed = match serde_json::from_slice::<Scalar<'_>>(buf) {
        Ok(Scalar::Object(fields)) => fields,
        Ok(other) => return b.refuse(not_an_object(&other), Some(line)),
        Err(e) => {
            return b.refuse(
                RowError::new(RowErrorKind::BadJson, None, format!("malformed JSON: {e}")),
                Some(line),
            );
        }
    };
    read_object(b, &parsed, Some(line), options)
}

/// The error of a line holding a JSON value other than an object.
pub(crate) fn not_an_object(value: &Scalar<'_>) -> RowError {
    RowError::new(
        RowErrorKind::BadJson,
        None,
        format!("the line is {}, not a JSON object", value.type_name()),
    )
}

/// Reads the fields of one JSON object (a line, or a record of
/// [`EventLog::from_records`] or [`EventLog::from_flat_records`]) into `b`.
pub(crate) fn read_object(
    b: &mut EventLogBuilder,
    parsed: &[(Cow<'_, str>, Scalar<'_>)],
    line: Option<u64>,
    options: &JsonlOptions,
) -> Result<(), Error> {
    let mut texts: Vec<(usize, Cow<'_, str>)> = Vec::new();
    match read_fields(parsed, options, b.attribute_keys(), &mut texts) {
        Ok(fields) => {
            let texts = &texts;
            b.push_with(&fields.event(&[]), line, |slot| {
                texts.iter().find(|(k, _)| *k == slot).map(|(_, v)| &**v)
            })
        }
        Err(e) => b.refuse(e, line),
    }
}

/// The known fields of one line.
struct Fields<'a> {
    customer_text: Option<Cow<'a, str>>,
    timestamp_ms: i64,
    touchpoint: Option<Cow<'a, str>>,
    event: Option<Cow<'a, str>>,
    channel: Option<Cow<'a, str>>,
    value: Option<f64>,
    score: Option<f64>,
    segment: Option<Cow<'a, str>>,
}

impl<'a> Fields<'a> {
    fn event<'b>(&'b self, attrs: &'b [(&'b str, &'b str)]) -> Event<'b> {
        Event {
            customer: self.customer_text.as_deref().unwrap_or(""),
            timestamp_ms: self.timestamp_ms,
            touchpoint: self.touchpoint.as_deref(),
            event: self.event.as_deref(),
            channel: self.channel.as_deref(),
            attributes: attrs,
            value: self.value,
            score: self.score,
            segment: self.segment.as_deref(),
        }
    }
}

fn read_fields<'a>(
    fields: &'a [(Cow<'a, str>, Scalar<'a>)],
    options: &JsonlOptions,
    keys: &[String],
    attrs: &mut Vec<(usize, Cow<'a, str>)>,
) -> Result<Fields<'a>, RowError> {
    let names = &options.fields;
    let mut customer = None;
    let mut timestamp = None;
    let mut out = Fields {
        customer_text: None,
        timestamp_ms: 0,
        touchpoint: None,
        event: None,
        channel: None,
        value: None,
        score: None,
        segment: None,
    };
    let bad_type = |name: &str, v: &Scalar<'_>, want: &str| {
        RowError::new(
            RowErrorKind::BadType,
            Some(name),
            format!("`{name}` is {}, expected {want}", v.type_name()),
        )
    };
    let mut attribute = |k: &str, v: &'a Scalar<'a>| {
        if let Some(i) = keys.iter().position(|key| key == k) {
            if let Some(text) = v.attribute_text() {
                attrs.retain(|(j, _)| *j != i);
                attrs.push((i, text));
            }
        }
    };
    for (k, v) in fields {
        if *k == options.attributes_field && names.field(k).is_none() {
            match v {
                Scalar::Object(inner) => {
                    for (ik, iv) in inner {
                        attribute(ik, iv);
                    }
                }
                Scalar::Null => {}
                other => return Err(bad_type(k, other, "an object")),
            }
            continue;
        }
        let Some(field) = names.field(k) else {
            attribute(k, v);
            continue;
        };
        match field {
            Field::Customer => customer = Some(v),
            Field::Timestamp => timestamp = Some(v),
            Field::Value | Field::Score => {
                let n = match v {
                    Scalar::Null => None,
                    Scalar::I64(n) => Some(*n as f64),
                    Scalar::U64(n) => Some(*n as f64),
                    Scalar::F64(n) => Some(*n),
                    Scalar::Str(s) => parse_number(s).map_err(|()| {
                        RowError::new(
                            RowErrorKind::BadNumber,
                            Some(k),
                            format!("{k} {} is not a number", quoted(s)),
                        )
                    })?,
                    other => {
                        return Err(RowError::new(
                            RowErrorKind::BadNumber,
                            Some(k),
                            format!("`{k}` is {}, expected a number", other.type_name()),
                        ))
                    }
                };
                if field == Field::Value {
                    out.value = n;
                } else {
                    out.score = n;
                }
            }
            Field::Touchpoint | Field::Event | Field::Channel | Field::Segment => {
                let text = match v {
                    Scalar::Null => None,
                    Scalar::Str(_) | Scalar::I64(_) | Scalar::U64(_) => v.text(),
                    other => return Err(bad_type(k, other, "a string")),
                };
                match field {
                    Field::Touchpoint => out.touchpoint = text,
                    Field::Event => out.event = text,
                    Field::Channel => out.channel = text,
                    _ => out.segment = text,
                }
            }
        }
    }
    let customer_name = names.name(Field::Customer);
    out.customer_text = match customer {
        None => {
            return Err(RowError::new(
                RowErrorKind::MissingField,
                Some(customer_name),
                format!("the line has no `{customer_name}` field"),
            ))
        }
        Some(Scalar::Null) => Some(Cow::Borrowed("")),
        Some(v @ (Scalar::Str(_) | Scalar::I64(_) | Scalar::U64(_))) => v.text(),
        Some(other) => return Err(bad_type(customer_name, other, "a string")),
    };
    let ts_name = names.name(Field::Timestamp);
    let spec = options.time_spec();
    let bad_ts =
        |message: String| RowError::new(RowErrorKind::BadTimestamp, Some(ts_name), message);
    let integer = |n: Option<i64>, text: &dyn fmt::Display| match n {
        Some(n) => spec
            .from_integer(n)
            .ok_or_else(|| bad_ts(spec.integer_refusal(n))),
        None => Err(bad_ts(format!("timestamp {text} is out of range"))),
    };
    out.timestamp_ms = match timestamp {
        None => {
            return Err(RowError::new(
                RowErrorKind::MissingField,
                Some(ts_name),
                format!("the line has no `{ts_name}` field"),
            ))
        }
        Some(Scalar::Str(s)) => spec.parse(s).ok_or_else(|| bad_ts(spec.refusal(s)))?,
        Some(Scalar::I64(n)) => integer(Some(*n), n)?,
        Some(Scalar::U64(n)) => integer(i64::try_from(*n).ok(), n)?,
        Some(Scalar::F64(f)) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
            integer(Some(*f as i64), f)?
        }
        Some(other) => {
            return Err(bad_ts(format!(
                "timestamp is {}, not a date-time or a number",
                other.type_name()
            )))
        }
    };
    Ok(out)
}

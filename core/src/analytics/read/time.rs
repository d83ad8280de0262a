//! Timestamps: ISO 8601 / RFC 3339 date-times, epoch numbers in a stated
//! unit and custom patterns, to epoch milliseconds.
//!
//! Never silently wrong: an integer without a stated unit is read as
//! milliseconds only when that lands between 1980 and 2099 (epoch seconds
//! of 2026 read as milliseconds would fall in January 1970); other integers
//! are refused with a message that names the likely unit.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::time_pattern::TimePattern;
use super::zone::{offset_at, Timezone};
use crate::date::day_of;
use crate::error::quoted;
use crate::Date;

/// How timestamp fields of an event log are written: `"auto"`,
/// `"rfc3339"`, `"epoch_millis"`, `"epoch_seconds"`, or a strftime-style
/// [`TimePattern`] such as `"%d/%m/%Y %H:%M"` (any text with a `%`).
///
/// ```
/// use journeymap::analytics::TimestampFormat;
/// assert_eq!(TimestampFormat::Auto.parse("2026-03-01T09:30:00Z"), Some(1_772_357_400_000));
/// assert_eq!(TimestampFormat::Auto.parse("1772357400000"), Some(1_772_357_400_000));
/// assert_eq!(TimestampFormat::EpochSeconds.parse("1772357400"), Some(1_772_357_400_000));
/// assert_eq!(TimestampFormat::Auto.parse("01/03/2026"), None);
/// let custom: TimestampFormat = "%d/%m/%Y".parse().unwrap();
/// assert_eq!(custom.parse("01/03/2026"), Some(1_772_323_200_000));
/// assert!("iso".parse::<TimestampFormat>().is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum TimestampFormat {
    /// An ISO 8601 date-time (RFC 3339 `2026-03-01T09:30:00Z`, a space for
    /// the `T`, offsets `+01:00`, `+0100` or `+01`, or no offset: then the
    /// log's timezone), or an integer of epoch time (milliseconds unless
    /// `timestamp_unit` says otherwise).
    #[default]
    Auto,
    /// Date-times only (the forms of `Auto`), never numbers.
    Rfc3339,
    /// Integers of milliseconds since 1970-01-01T00:00:00Z.
    EpochMillis,
    /// Integers of seconds since 1970-01-01T00:00:00Z.
    EpochSeconds,
    /// A custom pattern.
    Pattern(TimePattern),
}

impl TimestampFormat {
    /// Parses a timestamp written in this format to epoch milliseconds, in
    /// UTC and with no stated unit (see [`TimeSpec`] for those); `None` if
    /// it is not one.
    ///
    /// ```
    /// use journeymap::analytics::TimestampFormat;
    /// let at = Some(1_772_357_400_000);
    /// assert_eq!(TimestampFormat::Auto.parse("2026-03-01T09:30:00Z"), at);
    /// assert_eq!(TimestampFormat::Auto.parse("2026-03-01 10:30:00+01:00"), at);
    /// assert_eq!(TimestampFormat::Auto.parse("2026-03-01T10:30:00.000+0100"), at);
    /// assert_eq!(TimestampFormat::Auto.parse("2026-03-01 09:30:00"), at);
    /// assert_eq!(TimestampFormat::Auto.parse("1772357400000"), at);
    /// assert_eq!(TimestampFormat::EpochSeconds.parse("1772357400"), at);
    /// assert_eq!(TimestampFormat::Rfc3339.parse("1772357400000"), None);
    /// assert_eq!(TimestampFormat::Auto.parse("2026-02-30T00:00:00Z"), None);
    /// // Epoch seconds are not read as milliseconds of January 1970.
    /// assert_eq!(TimestampFormat::Auto.parse("1772357400"), None);
    /// ```
    pub fn parse(&self, text: &str) -> Option<i64> {
        TimeSpec::new(self.clone()).parse(text)
    }

    /// The format's name, or the pattern as written.
    ///
    /// ```
    /// use journeymap::analytics::TimestampFormat;
    /// assert_eq!(TimestampFormat::EpochSeconds.as_str(), "epoch_seconds");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            TimestampFormat::Auto => "auto",
            TimestampFormat::Rfc3339 => "rfc3339",
            TimestampFormat::EpochMillis => "epoch_millis",
            TimestampFormat::EpochSeconds => "epoch_seconds",
            TimestampFormat::Pattern(p) => p.as_str(),
        }
    }

    /// The unit these formats give integers.
    fn unit(&self) -> Option<TimeUnit> {
        match self {
            TimestampFormat::EpochMillis => Some(TimeUnit::Millis),
            TimestampFormat::EpochSeconds => Some(TimeUnit::Seconds),
            _ => None,
        }
    }
}

impl FromStr for TimestampFormat {
    type Err = String;

    /// A format name, or a pattern (any text with a `%`).
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(TimestampFormat::Auto),
            "rfc3339" => Ok(TimestampFormat::Rfc3339),
            "epoch_millis" => Ok(TimestampFormat::EpochMillis),
            "epoch_seconds" => Ok(TimestampFormat::EpochSeconds),
            _ if s.contains('%') => s
                .parse()
                .map(TimestampFormat::Pattern)
                .map_err(|e| e.to_string()),
            _ => Err(format!(
                "timestamp_format {s:?}: expected \"auto\", \"rfc3339\", \"epoch_millis\", \"epoch_seconds\" or a pattern such as \"%d/%m/%Y %H:%M\""
            )),
        }
    }
}

impl fmt::Display for TimestampFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for TimestampFormat {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TimestampFormat {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::value_de::from_str_value(d)
    }
}

impl JsonSchema for TimestampFormat {
    fn schema_name() -> Cow<'static, str> {
        "TimestampFormat".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "How timestamps are written: auto, rfc3339, epoch_millis, epoch_seconds, or a strftime-style pattern (%Y %m %b %d %H %M %S %f %z %%).",
            "anyOf": [
                {"enum": ["auto", "rfc3339", "epoch_millis", "epoch_seconds"]},
                {"type": "string", "pattern": "%"}
            ]
        })
    }
}

/// The unit of integer epoch timestamps: `"s"`, `"ms"`, `"us"` or `"ns"`.
///
/// ```
/// use journeymap::analytics::TimeUnit;
/// assert_eq!("s".parse::<TimeUnit>().unwrap().to_millis(1_772_357_400), Some(1_772_357_400_000));
/// assert_eq!(TimeUnit::Nanos.to_millis(1_772_357_400_123_456_789), Some(1_772_357_400_123));
/// assert!("sec".parse::<TimeUnit>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub enum TimeUnit {
    /// Seconds.
    #[serde(rename = "s")]
    Seconds,
    /// Milliseconds.
    #[serde(rename = "ms")]
    Millis,
    /// Microseconds.
    #[serde(rename = "us")]
    Micros,
    /// Nanoseconds.
    #[serde(rename = "ns")]
    Nanos,
}

impl TimeUnit {
    /// Epoch milliseconds of `n` in this unit (sub-millisecond parts
    /// rounded down); `None` on overflow.
    pub fn to_millis(self, n: i64) -> Option<i64> {
        match self {
            TimeUnit::Seconds => n.checked_mul(1000),
            TimeUnit::Millis => Some(n),
            TimeUnit::Micros => Some(n.div_euclid(1000)),
            TimeUnit::Nanos => Some(n.div_euclid(1_000_000)),
        }
    }

    /// `"s"`, `"ms"`, `"us"` or `"ns"`.
    ///
    /// ```
    /// assert_eq!(journeymap::analytics::TimeUnit::Micros.as_str(), "us");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            TimeUnit::Seconds => "s",
            TimeUnit::Millis => "ms",
            TimeUnit::Micros => "us",
            TimeUnit::Nanos => "ns",
        }
    }

    fn name(self) -> &'static str {
        match self {
            TimeUnit::Seconds => "seconds",
            TimeUnit::Millis => "milliseconds",
            TimeUnit::Micros => "microseconds",
            TimeUnit::Nanos => "nanoseconds",
        }
    }
}

impl<'de> Deserialize<'de> for TimeUnit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::value_de::from_str_value(d)
    }
}

impl FromStr for TimeUnit {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "s" => Ok(TimeUnit::Seconds),
            "ms" => Ok(TimeUnit::Millis),
            "us" => Ok(TimeUnit::Micros),
            "ns" => Ok(TimeUnit::Nanos),
            _ => Err(format!(
                "timestamp_unit {s:?}: expected \"s\", \"ms\", \"us\" or \"ns\""
            )),
        }
    }
}

/// Epoch milliseconds of 1980-01-01 and 2100-01-01: an integer without a
/// stated unit is read as milliseconds only between the two.
const PLAUSIBLE_MS: std::ops::Range<i64> = 315_532_800_000..4_102_444_800_000;

/// Everything needed to read timestamps: the format, the unit of integers
/// and the zone of date-times without an offset.
///
/// ```
/// use journeymap::analytics::{TimeSpec, TimeUnit, TimestampFormat};
/// let auto = TimeSpec::new(TimestampFormat::Auto);
/// assert_eq!(auto.parse("1772357400000"), Some(1_772_357_400_000));
/// assert_eq!(auto.parse("1772357400"), None);
/// assert!(auto.refusal("1772357400").contains("timestamp_unit"));
/// let seconds = TimeSpec { unit: Some(TimeUnit::Seconds), ..auto.clone() };
/// assert_eq!(seconds.parse("1772357400"), Some(1_772_357_400_000));
/// assert_eq!(seconds.from_integer(1_772_357_400), Some(1_772_357_400_000));
/// let berlin_winter = TimeSpec { timezone: "+01:00".parse().unwrap(), ..auto };
/// assert_eq!(berlin_winter.parse("2026-03-01 10:30:00"), Some(1_772_357_400_000));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TimeSpec {
    /// How timestamps are written.
    pub format: TimestampFormat,
    /// The unit of integers (`None`: milliseconds, if plausible).
    pub unit: Option<TimeUnit>,
    /// The zone of date-times written without an offset.
    pub timezone: Timezone,
}

impl TimeSpec {
    /// A spec of `format`, with no stated unit, in UTC.
    pub fn new(format: TimestampFormat) -> Self {
        TimeSpec {
            format,
            ..TimeSpec::default()
        }
    }

    /// Refuses a unit that contradicts the format (`epoch_seconds` with
    /// `timestamp_unit: "ms"`, or a unit with a date-time-only format).
    ///
    /// ```
    /// use journeymap::analytics::{TimeSpec, TimeUnit, TimestampFormat};
    /// let bad = TimeSpec { unit: Some(TimeUnit::Millis), ..TimeSpec::new(TimestampFormat::EpochSeconds) };
    /// assert_eq!(bad.check().unwrap_err().path(), Some("/timestamp_unit"));
    /// ```
    pub fn check(&self) -> Result<(), crate::Error> {
        let Some(unit) = self.unit else {
            return Ok(());
        };
        let conflict = match (&self.format, self.format.unit()) {
            (_, Some(implied)) => implied != unit,
            (TimestampFormat::Auto, None) => false,
            // Date-times only: a unit would never be used.
            _ => true,
        };
        if !conflict {
            return Ok(());
        }
        Err(crate::Error::InvalidValue {
            id: None,
            path: "/timestamp_unit".into(),
            message: format!(
                "timestamp_unit {:?} does not go with timestamp_format {:?}: give the unit with timestamp_format \"auto\"",
                unit.as_str(),
                self.format.as_str()
            ),
        })
    }

    /// Epoch milliseconds of a timestamp written as text.
    pub fn parse(&self, text: &str) -> Option<i64> {
        match &self.format {
            TimestampFormat::Auto => parse_rfc3339_common(text.as_bytes())
                .or_else(|| self.from_integer(parse_integer(text)?))
                .or_else(|| parse_rfc3339(text, &self.timezone)),
            TimestampFormat::Rfc3339 => parse_rfc3339(text, &self.timezone),
            TimestampFormat::EpochMillis | TimestampFormat::EpochSeconds => {
                self.from_integer(parse_integer(text)?)
            }
            TimestampFormat::Pattern(p) => p.parse(text, &self.timezone),
        }
    }

    /// Epoch milliseconds of an integer timestamp (a JSON number, an Arrow
    /// integer column): in the stated unit, else milliseconds if that lands
    /// between 1980 and 2099. `None` for date-time-only formats.
    pub fn from_integer(&self, n: i64) -> Option<i64> {
        match (&self.format, self.unit.or(self.format.unit())) {
            (TimestampFormat::Rfc3339 | TimestampFormat::Pattern(_), _) => None,
            (_, Some(unit)) => unit.to_millis(n),
            (_, None) => PLAUSIBLE_MS.contains(&n).then_some(n),
        }
    }

    /// Why `text` is not a timestamp of this spec: the message of its
    /// `BAD_TIMESTAMP` row error.
    pub fn refusal(&self, text: &str) -> String {
        match parse_integer(text) {
            Some(n) => self.integer_refusal(n),
            None => format!("timestamp {} is not {}", quoted(text), self.expected()),
        }
    }

    /// Why the integer `n` is not a timestamp of this spec.
    pub fn integer_refusal(&self, n: i64) -> String {
        let stated = self.unit.or(self.format.unit());
        match (&self.format, stated) {
            (TimestampFormat::Rfc3339 | TimestampFormat::Pattern(_), _) => format!(
                "timestamp {n} is a number; timestamp_format {:?} reads {}",
                self.format.as_str(),
                self.expected()
            ),
            (_, Some(unit)) => format!("timestamp {n} in {} is out of range", unit.name()),
            (_, None) => {
                let likely = [TimeUnit::Seconds, TimeUnit::Micros, TimeUnit::Nanos]
                    .into_iter()
                    .find(|u| u.to_millis(n).is_some_and(|ms| PLAUSIBLE_MS.contains(&ms)));
                let as_ms = format_rfc3339(n).map_or_else(String::new, |t| format!(" ({t})"));
                match likely {
                    Some(unit) => format!(
                        "timestamp {n} read as epoch milliseconds is outside 1980 to 2099{as_ms}; it looks like epoch {}: set timestamp_unit to {:?} (or \"ms\" to read milliseconds anyway)",
                        unit.name(),
                        unit.as_str()
                    ),
                    None => format!(
                        "timestamp {n} read as epoch milliseconds is outside 1980 to 2099{as_ms}; set timestamp_unit to the unit of the log (\"s\", \"ms\", \"us\" or \"ns\")"
                    ),
                }
            }
        }
    }

    /// What this spec accepts, for messages.
    fn expected(&self) -> String {
        let zone = format!("without an offset: {}", self.timezone);
        match &self.format {
            TimestampFormat::Auto => format!(
                "an ISO 8601 date-time (2026-03-01T09:30:00Z, 2026-03-01 09:30:00+0100, or {zone}) or an integer of epoch time; for other forms give a timestamp_format pattern such as \"%d/%m/%Y %H:%M\""
            ),
            TimestampFormat::Rfc3339 => format!(
                "an ISO 8601 date-time (2026-03-01T09:30:00Z, 2026-03-01 09:30:00+0100, or {zone})"
            ),
            TimestampFormat::EpochMillis => "an integer of epoch milliseconds".into(),
            TimestampFormat::EpochSeconds => "an integer of epoch seconds".into(),
            TimestampFormat::Pattern(p) => format!("a date-time in the pattern {:?}", p.as_str()),
        }
    }
}

/// An optionally signed decimal integer.
fn parse_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn two_digits(b: &[u8], at: usize) -> Option<i64> {
    let (h, l) = (*b.get(at)?, *b.get(at + 1)?);
    if h.is_ascii_digit() && l.is_ascii_digit() {
        Some(i64::from(h - b'0') * 10 + i64::from(l - b'0'))
    } else {
        None
    }
}

/// The two most common shapes, `YYYY-MM-DDTHH:MM:SSZ` and
/// `YYYY-MM-DDTHH:MM:SS.fffZ`, read in one pass; `None` for anything else
/// (which [`parse_rfc3339`] then reads). Accepts exactly what
/// [`parse_rfc3339`] accepts for these shapes, with the same result.
fn parse_rfc3339_common(b: &[u8]) -> Option<i64> {
    let ms = common_time_of_day(b)?;
    Some(common_date(b)? * MS_PER_DAY + ms)
}

const MS_PER_DAY: i64 = 86_400_000;

fn digit(c: u8) -> i64 {
    i64::from(c.wrapping_sub(b'0'))
}

/// The day (since 1970-01-01) of the `YYYY-MM-DD` at the start of `b`.
fn common_date(b: &[u8]) -> Option<i64> {
    let a: &[u8; 10] = b.get(..10)?.try_into().ok()?;
    if a[4] != b'-' || a[7] != b'-' {
        return None;
    }
    let bad = [0, 1, 2, 3, 5, 6, 8, 9]
        .iter()
        .fold(false, |bad, &i| bad | (digit(a[i]) > 9));
    if bad {
        return None;
    }
    let digit = |i: usize| digit(a[i]);
    let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
    let (month, day) = (digit(5) * 10 + digit(6), digit(8) * 10 + digit(9));
    day_of(year, month, day)
}

/// Milliseconds into the day of the `THH:MM:SS[.fff]Z` that follows the
/// date in `b`, for the two common shapes only.
fn common_time_of_day(b: &[u8]) -> Option<i64> {
    let fraction = match b.len() {
        20 if b[19] == b'Z' => false,
        24 if b[19] == b'.' && b[23] == b'Z' => true,
        _ => return None,
    };
    if b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let bad = [11, 12, 14, 15, 17, 18]
        .iter()
        .fold(false, |bad, &i| bad | (digit(b[i]) > 9));
    if bad {
        return None;
    }
    let millis = if fraction {
        let (x, y, z) = (digit(b[20]), digit(b[21]), digit(b[22]));
        if x > 9 || y > 9 || z > 9 {
            return None;
        }
        x * 100 + y * 10 + z
    } else {
        0
    };
    let digit = |i: usize| digit(b[i]);
    let (hour, minute, second) = (
        digit(11) * 10 + digit(12),
        digit(14) * 10 + digit(15),
        digit(17) * 10 + digit(18),
    );
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some((hour * 3600 + minute * 60 + second) * 1000 + millis)
}

/// Reads the timestamps of a run of rows in one spec, remembering the
/// last date of the common RFC 3339 shapes: rows of a log mostly come in
/// time order, many to a day, so most need only their time of day read.
/// Gives exactly what [`TimeSpec::parse`] gives.
#[derive(Clone, Debug)]
pub(crate) struct TimeReader {
    spec: TimeSpec,
    /// The last date read (`YYYY-MM-DD`, valid) and its day number.
    date: [u8; 10],
    day: i64,
}

impl TimeReader {
    pub(crate) fn new(spec: TimeSpec) -> Self {
        TimeReader {
            spec,
            // No valid date: never matches.
            date: [0; 10],
            day: 0,
        }
    }

    /// The spec read with.
    pub(crate) fn spec(&self) -> &TimeSpec {
        &self.spec
    }

    /// [`TimeSpec::parse`] of `text`.
    pub(crate) fn parse(&mut self, text: &str) -> Option<i64> {
        if matches!(
            self.spec.format,
            TimestampFormat::Auto | TimestampFormat::Rfc3339
        ) {
            let b = text.as_bytes();
            if let Some(ms) = common_time_of_day(b) {
                // The shape is a common one: 20 or 24 bytes.
                if b[..10] == self.date {
                    return Some(self.day * MS_PER_DAY + ms);
                }
                if let Some(day) = common_date(b) {
                    self.day = day;
                    self.date.copy_from_slice(&b[..10]);
                    return Some(day * MS_PER_DAY + ms);
                }
            }
        }
        self.spec.parse(text)
    }
}

/// Parses an ISO 8601 date-time to epoch milliseconds: RFC 3339 and the
/// forms real exports write. Accepts `T`, `t` or a space between date and
/// time, any number of fraction digits (truncated to milliseconds), and
/// `Z`/`z`, a `±HH:MM`, `±HHMM` or `±HH` offset, or none (then the local
/// time of `zone`). A leap second (`:60`) counts as the first second of the
/// next minute.
pub(crate) fn parse_rfc3339(text: &str, zone: &Timezone) -> Option<i64> {
    let b = text.as_bytes();
    if let Some(ms) = parse_rfc3339_common(b) {
        return Some(ms);
    }
    if b.len() < 19 {
        return None;
    }
    let date = Date::parse(text.get(0..10)?)?;
    if !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (hour, minute, second) = (two_digits(b, 11)?, two_digits(b, 14)?, two_digits(b, 17)?);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    let mut millis = 0i64;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 3 {
                millis = millis * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        let n = i - start;
        if n == 0 {
            return None;
        }
        for _ in n..3 {
            millis *= 10;
        }
    }
    let local = date.day_number() * 86_400 + hour * 3600 + minute * 60 + second;
    let seconds = if i == b.len() {
        zone.utc_seconds(local)?
    } else {
        let offset = offset_at(b, &mut i)?;
        if i != b.len() {
            return None;
        }
        local - offset * 60
    };
    Some(seconds * 1000 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(minutes: i32) -> Timezone {
        Timezone::fixed(minutes)
    }

    #[test]
    fn rfc3339_variants() {
        assert_eq!(
            parse_rfc3339("1970-01-01T00:00:00Z", &Timezone::UTC),
            Some(0)
        );
        assert_eq!(
            parse_rfc3339("1970-01-01T00:00:01.5Z", &Timezone::UTC),
            Some(1500)
        );
        assert_eq!(
            parse_rfc3339("1970-01-01t00:00:00.123456789z", &Timezone::UTC),
            Some(123)
        );
        assert_eq!(
            parse_rfc3339("1970-01-01 01:00:00+01:00", &Timezone::UTC),
            Some(0)
        );
        assert_eq!(
            parse_rfc3339("1969-12-31T23:00:00-01:00", &Timezone::UTC),
            Some(0)
        );
        assert_eq!(
            parse_rfc3339("1969-12-31T23:59:59.999Z", &Timezone::UTC),
            Some(-1)
        );
        assert_eq!(
            parse_rfc3339("2026-03-01T09:30:00Z", &Timezone::UTC),
            Some(1_772_357_400_000)
        );
        assert_eq!(
            parse_rfc3339("1970-01-01T00:00:60Z", &Timezone::UTC),
            Some(60_000)
        );
    }

    /// The one-pass reading of the common shapes agrees with the general
    /// one (dates through Date::parse) on valid and invalid dates and times.
    #[test]
    fn common_shapes_agree_with_the_general_reading() {
        let general = |t: &str| {
            let b = t.as_bytes();
            let date = Date::parse(t.get(0..10)?)?;
            let (h, m, s) = (two_digits(b, 11)?, two_digits(b, 14)?, two_digits(b, 17)?);
            if h > 23 || m > 59 || s > 60 {
                return None;
            }
            let ms = if b.len() == 24 {
                t.get(20..23)?.parse().ok()?
            } else {
                0
            };
            Some((date.day_number() * 86_400 + h * 3600 + m * 60 + s) * 1000 + ms)
        };
        let mut n = 0;
        // A reader remembering dates reads each like the format, whatever
        // came before (same date, another one, an invalid one).
        let mut readers = [TimestampFormat::Auto, TimestampFormat::Rfc3339]
            .map(|f| TimeReader::new(TimeSpec::new(f)));
        for year in [
            0, 1, 4, 100, 1600, 1899, 1900, 1969, 1970, 2000, 2024, 2026, 2100, 9999,
        ] {
            for month in 0..=13 {
                for day in [0, 1, 15, 28, 29, 30, 31, 32] {
                    for time in ["00:00:00", "23:59:60", "24:00:00", "12:60:00", "12:00:61"] {
                        for tail in ["Z", ".000Z", ".999Z", ".5x9Z"] {
                            let t = format!("{year:04}-{month:02}-{day:02}T{time}{tail}");
                            let want = if tail == ".5x9Z" { None } else { general(&t) };
                            assert_eq!(parse_rfc3339_common(t.as_bytes()), want, "{t}");
                            assert_eq!(parse_rfc3339(&t, &Timezone::UTC), want, "{t}");
                            for r in &mut readers {
                                assert_eq!(r.parse(&t), r.spec().parse(&t), "{t}");
                                assert_eq!(r.parse(&t), want, "{t} again");
                            }
                            n += usize::from(want.is_some());
                        }
                    }
                }
            }
        }
        assert!(n > 1000);
        for other in [
            "2026-03-01t09:30:00Z",
            "2026-03-01T09:30:00z",
            "2026-03-01 09:30:00Z",
        ] {
            assert_eq!(parse_rfc3339_common(other.as_bytes()), None);
            assert_eq!(
                parse_rfc3339(other, &Timezone::UTC),
                Some(1_772_357_400_000),
                "{other}"
            );
            for r in &mut readers {
                assert_eq!(r.parse(other), Some(1_772_357_400_000), "{other}");
            }
        }
        let mut epoch = TimeReader::new(TimeSpec::new(TimestampFormat::EpochSeconds));
        for t in ["2026-03-01T09:30:00Z", "1772357400", "x"] {
            assert_eq!(
                epoch.parse(t),
                TimestampFormat::EpochSeconds.parse(t),
                "{t}"
            );
        }
    }

    #[test]
    fn rfc3339_rejects() {
        for bad in [
            "",
            "2026-03-01",
            "2026-03-01T24:00:00Z",
            "2026-02-30T09:30:00Z",
            "2026-03-01T09:30:00.Z",
            "2026-03-01T09:30:00+1",
            "2026-03-01T09:30:00+24:00",
            "2026-03-01T09:30",
            "2026-03-01T09:30:00+01:00x",
            "2026-03-01X09:30:00Z",
            "2026-03-01T9:30:00Z ",
            "2026-03-01T09:30:00ZZ",
            "２０２６-03-01T09:30:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad, &Timezone::UTC), None, "{bad:?}");
        }
    }

    #[test]
    fn formats() {
        // Integers without a unit: milliseconds between 1980 and 2099 only.
        assert_eq!(TimestampFormat::Auto.parse("-5"), None);
        assert_eq!(TimestampFormat::EpochMillis.parse("-5"), Some(-5));
        assert_eq!(
            TimestampFormat::Auto.parse("315532800000"),
            Some(315_532_800_000)
        );
        assert_eq!(TimestampFormat::Auto.parse("315532799999"), None);
        assert_eq!(
            TimestampFormat::Auto.parse("4102444799999"),
            Some(4_102_444_799_999)
        );
        assert_eq!(TimestampFormat::Auto.parse("4102444800000"), None);
        assert_eq!(TimestampFormat::Auto.parse("12a"), None);
        assert_eq!(TimestampFormat::Auto.parse("-"), None);
        assert_eq!(TimestampFormat::Auto.parse("99999999999999999999"), None);
        assert_eq!(TimestampFormat::Rfc3339.parse("5"), None);
        assert_eq!(
            TimestampFormat::EpochMillis.parse("1970-01-01T00:00:00Z"),
            None
        );
        assert_eq!(
            TimestampFormat::EpochSeconds.parse(&i64::MAX.to_string()),
            None
        );
        let spec = TimeSpec::new;
        assert_eq!(
            spec(TimestampFormat::EpochSeconds).from_integer(2),
            Some(2000)
        );
        assert_eq!(
            spec(TimestampFormat::Rfc3339).from_integer(1_772_357_400_000),
            None
        );
    }

    #[test]
    fn offsets_and_zones() {
        let at = Some(1_772_357_400_000);
        for text in [
            "2026-03-01T10:30:00+01:00",
            "2026-03-01T10:30:00+0100",
            "2026-03-01T10:30:00+01",
            "2026-03-01T10:30:00.000000+0100",
            "2026-03-01 04:00:00-05:30",
        ] {
            assert_eq!(parse_rfc3339(text, &Timezone::UTC), at, "{text}");
            assert_eq!(
                parse_rfc3339(text, &fixed(600)),
                at,
                "{text}: an offset wins over the zone"
            );
        }
        assert_eq!(parse_rfc3339("2026-03-01 09:30:00", &Timezone::UTC), at);
        assert_eq!(parse_rfc3339("2026-03-01T10:30:00.000", &fixed(60)), at);
        let tz = |s: &str| s.parse::<Timezone>();
        assert_eq!(tz("+05:30").unwrap().to_string(), "+05:30");
        assert_eq!(tz("-08").unwrap().to_string(), "-08:00");
        assert_eq!(tz("Z").unwrap().to_string(), "UTC");
        for bad in ["+25:00", "+1", "01:00", "", "Mars/Olympus"] {
            assert!(tz(bad).is_err(), "{bad}");
        }
        // A zone of the database, with the database.
        assert_eq!(tz("CET").is_ok(), cfg!(feature = "tzdb"));
    }

    #[test]
    fn refusals_name_the_likely_unit() {
        let auto = TimeSpec::new(TimestampFormat::Auto);
        let cases = [
            ("1772357400", "epoch seconds: set timestamp_unit to \"s\""),
            (
                "1772357400000000",
                "epoch microseconds: set timestamp_unit to \"us\"",
            ),
            (
                "1772357400000000000",
                "epoch nanoseconds: set timestamp_unit to \"ns\"",
            ),
            ("12", "set timestamp_unit to the unit of the log"),
        ];
        for (text, want) in cases {
            assert_eq!(auto.parse(text), None, "{text}");
            let message = auto.refusal(text);
            assert!(message.contains(want), "{text}: {message}");
        }
        assert!(
            auto.refusal("1772357400").contains("1970-01-21T"),
            "{}",
            auto.refusal("1772357400")
        );
        for (unit, text) in [
            (TimeUnit::Seconds, "1772357400"),
            (TimeUnit::Millis, "1772357400000"),
            (TimeUnit::Micros, "1772357400000000"),
            (TimeUnit::Nanos, "1772357400000000000"),
        ] {
            let spec = TimeSpec {
                unit: Some(unit),
                ..auto.clone()
            };
            assert_eq!(spec.parse(text), Some(1_772_357_400_000), "{unit:?}");
            assert!(spec.check().is_ok());
        }
        let text = auto.refusal("01.03.2026");
        assert!(
            text.contains("ISO 8601") && text.contains("pattern"),
            "{text}"
        );
    }

    #[test]
    fn units_must_fit_the_format() {
        let with = |format: TimestampFormat, unit| TimeSpec {
            unit: Some(unit),
            ..TimeSpec::new(format)
        };
        assert!(with(TimestampFormat::EpochSeconds, TimeUnit::Seconds)
            .check()
            .is_ok());
        assert!(with(TimestampFormat::EpochSeconds, TimeUnit::Millis)
            .check()
            .is_err());
        assert!(with(TimestampFormat::Rfc3339, TimeUnit::Seconds)
            .check()
            .is_err());
        assert!(TimeSpec::new(TimestampFormat::Rfc3339).check().is_ok());
    }

    #[test]
    fn formats_round_trip_through_serde() {
        for text in [
            "auto",
            "rfc3339",
            "epoch_millis",
            "epoch_seconds",
            "%d/%m/%Y %H:%M",
        ] {
            let format: TimestampFormat = serde_json::from_value(serde_json::json!(text)).unwrap();
            assert_eq!(
                serde_json::to_value(&format).unwrap(),
                serde_json::json!(text)
            );
        }
        let err = serde_json::from_value::<TimestampFormat>(serde_json::json!("iso")).unwrap_err();
        assert!(err.to_string().contains("pattern such as"), "{err}");
    }
}

/// Formats epoch milliseconds as RFC 3339 in UTC with milliseconds
/// (`2026-03-01T09:30:00.000Z`); `None` outside years 0..=9999.
pub(crate) fn format_rfc3339(ms: i64) -> Option<String> {
    let days = ms.div_euclid(86_400_000);
    let rest = ms.rem_euclid(86_400_000);
    let date = Date::from_day_number(days)?;
    let (h, m, s, milli) = (
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000,
    );
    Some(format!("{date}T{h:02}:{m:02}:{s:02}.{milli:03}Z"))
}

#[cfg(test)]
mod format_tests {
    use super::{format_rfc3339, parse_rfc3339, Timezone};

    #[test]
    fn round_trip() {
        for ms in [
            0,
            -1,
            1_772_357_400_123,
            253_402_300_799_999,
            -62_167_219_200_000,
        ] {
            let text = format_rfc3339(ms).unwrap();
            assert_eq!(parse_rfc3339(&text, &Timezone::UTC), Some(ms), "{text}");
        }
        assert_eq!(format_rfc3339(0).unwrap(), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_rfc3339(i64::MAX), None);
    }
}

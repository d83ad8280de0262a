//! Timestamps: RFC 3339 date-times and epoch numbers, to epoch milliseconds.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Date;

/// How timestamp fields of an event log are written.
///
/// ```
/// use journeymap::analytics::TimestampFormat;
/// assert_eq!(TimestampFormat::Auto.parse("2026-03-01T09:30:00Z"), Some(1_772_357_400_000));
/// assert_eq!(TimestampFormat::Auto.parse("1772357400000"), Some(1_772_357_400_000));
/// assert_eq!(TimestampFormat::EpochSeconds.parse("1772357400"), Some(1_772_357_400_000));
/// assert_eq!(TimestampFormat::Auto.parse("01/03/2026"), None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimestampFormat {
    /// RFC 3339 (`2026-03-01T09:30:00Z`, `2026-03-01 09:30:00.250+01:00`), or an
    /// integer of epoch milliseconds (`1772357400000`).
    #[default]
    Auto,
    /// RFC 3339 only.
    Rfc3339,
    /// Integer milliseconds since 1970-01-01T00:00:00Z.
    EpochMillis,
    /// Integer seconds since 1970-01-01T00:00:00Z.
    EpochSeconds,
}

impl TimestampFormat {
    /// Parses a timestamp written in this format to epoch milliseconds;
    /// `None` if it is not one.
    pub fn parse(self, text: &str) -> Option<i64> {
        match self {
            TimestampFormat::Auto => parse_integer(text).or_else(|| parse_rfc3339(text)),
            TimestampFormat::Rfc3339 => parse_rfc3339(text),
            TimestampFormat::EpochMillis => parse_integer(text),
            TimestampFormat::EpochSeconds => parse_integer(text)?.checked_mul(1000),
        }
    }

    /// Converts a JSON integer in this format to epoch milliseconds (`None`
    /// for [`TimestampFormat::Rfc3339`], which needs a string).
    pub fn from_number(self, n: i64) -> Option<i64> {
        match self {
            TimestampFormat::Auto | TimestampFormat::EpochMillis => Some(n),
            TimestampFormat::EpochSeconds => n.checked_mul(1000),
            TimestampFormat::Rfc3339 => None,
        }
    }

    /// What this format expects, for error messages.
    pub(crate) fn expected(self) -> &'static str {
        match self {
            TimestampFormat::Auto => {
                "an RFC 3339 date-time (2026-03-01T09:30:00Z) or epoch milliseconds"
            }
            TimestampFormat::Rfc3339 => "an RFC 3339 date-time (2026-03-01T09:30:00Z)",
            TimestampFormat::EpochMillis => "an integer of epoch milliseconds",
            TimestampFormat::EpochSeconds => "an integer of epoch seconds",
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

/// Parses an RFC 3339 date-time to epoch milliseconds. Accepts `T`, `t` or a
/// space between date and time, `Z`/`z` or a `±HH:MM` offset, and any number
/// of fraction digits (truncated to milliseconds). A leap second (`:60`)
/// counts as the first second of the next minute.
pub(crate) fn parse_rfc3339(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 20 {
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
    if b[i] == b'.' {
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
    let offset_minutes = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let (oh, om) = (two_digits(b, i + 1)?, two_digits(b, i + 4)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let m = oh * 60 + om;
            if *sign == b'-' {
                -m
            } else {
                m
            }
        }
        _ => return None,
    };
    let seconds =
        date.day_number() * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds * 1000 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_variants() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("1970-01-01T00:00:01.5Z"), Some(1500));
        assert_eq!(parse_rfc3339("1970-01-01t00:00:00.123456789z"), Some(123));
        assert_eq!(parse_rfc3339("1970-01-01 01:00:00+01:00"), Some(0));
        assert_eq!(parse_rfc3339("1969-12-31T23:00:00-01:00"), Some(0));
        assert_eq!(parse_rfc3339("1969-12-31T23:59:59.999Z"), Some(-1));
        assert_eq!(
            parse_rfc3339("2026-03-01T09:30:00Z"),
            Some(1_772_357_400_000)
        );
        assert_eq!(parse_rfc3339("1970-01-01T00:00:60Z"), Some(60_000));
    }

    #[test]
    fn rfc3339_rejects() {
        for bad in [
            "",
            "2026-03-01",
            "2026-03-01T09:30:00",
            "2026-03-01T24:00:00Z",
            "2026-02-30T09:30:00Z",
            "2026-03-01T09:30:00.Z",
            "2026-03-01T09:30:00+0100",
            "2026-03-01T09:30:00+01:00x",
            "2026-03-01X09:30:00Z",
            "2026-03-01T9:30:00Z ",
            "2026-03-01T09:30:00ZZ",
            "２０２６-03-01T09:30:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn formats() {
        assert_eq!(TimestampFormat::Auto.parse("-5"), Some(-5));
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
        assert_eq!(TimestampFormat::EpochSeconds.from_number(2), Some(2000));
        assert_eq!(TimestampFormat::Rfc3339.from_number(2), None);
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
    use super::{format_rfc3339, parse_rfc3339};

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
            assert_eq!(parse_rfc3339(&text), Some(ms), "{text}");
        }
        assert_eq!(format_rfc3339(0).unwrap(), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_rfc3339(i64::MAX), None);
    }
}

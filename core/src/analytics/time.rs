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
    ///
    /// ```
    /// use journeymap::analytics::TimestampFormat;
    /// let at = Some(1_772_357_400_000);
    /// assert_eq!(TimestampFormat::Auto.parse("2026-03-01T09:30:00Z"), at);
    /// assert_eq!(TimestampFormat::Auto.parse("2026-03-01 10:30:00+01:00"), at);
    /// assert_eq!(TimestampFormat::Auto.parse("1772357400000"), at);
    /// assert_eq!(TimestampFormat::EpochSeconds.parse("1772357400"), at);
    /// assert_eq!(TimestampFormat::Rfc3339.parse("1772357400000"), None);
    /// assert_eq!(TimestampFormat::Auto.parse("2026-02-30T00:00:00Z"), None);
    /// ```
    pub fn parse(self, text: &str) -> Option<i64> {
        match self {
            TimestampFormat::Auto => parse_rfc3339_common(text.as_bytes())
                .or_else(|| parse_integer(text))
                .or_else(|| parse_rfc3339(text)),
            TimestampFormat::Rfc3339 => parse_rfc3339(text),
            TimestampFormat::EpochMillis => parse_integer(text),
            TimestampFormat::EpochSeconds => parse_integer(text)?.checked_mul(1000),
        }
    }

    /// Converts a JSON integer in this format to epoch milliseconds (`None`
    /// for [`TimestampFormat::Rfc3339`], which needs a string).
    ///
    /// ```
    /// use journeymap::analytics::TimestampFormat;
    /// assert_eq!(TimestampFormat::EpochSeconds.from_number(1_772_357_400), Some(1_772_357_400_000));
    /// assert_eq!(TimestampFormat::EpochSeconds.from_number(i64::MAX), None);
    /// assert_eq!(TimestampFormat::Rfc3339.from_number(0), None);
    /// ```
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

/// Days since 1970-01-01 of a valid proleptic Gregorian date (Howard
/// Hinnant's days_from_civil, as [`Date::day_number`]).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = year - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = match month {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    };
    if !(1..=12).contains(&month) || !(1..=month_days).contains(&day) {
        return None;
    }
    Some(days_from_civil(year, month, day))
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

/// Reads the timestamps of a run of rows in one format, remembering the
/// last date of the common RFC 3339 shapes: rows of a log mostly come in
/// time order, many to a day, so most need only their time of day read.
/// Gives exactly what [`TimestampFormat::parse`] gives.
#[derive(Clone, Debug)]
pub(crate) struct TimeReader {
    format: TimestampFormat,
    /// The last date read (`YYYY-MM-DD`, valid) and its day number.
    date: [u8; 10],
    day: i64,
}

impl TimeReader {
    pub(crate) fn new(format: TimestampFormat) -> Self {
        TimeReader {
            format,
            // No valid date: never matches.
            date: [0; 10],
            day: 0,
        }
    }

    /// [`TimestampFormat::parse`] of `text`.
    pub(crate) fn parse(&mut self, text: &str) -> Option<i64> {
        if matches!(
            self.format,
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
        self.format.parse(text)
    }
}

/// Parses an RFC 3339 date-time to epoch milliseconds. Accepts `T`, `t` or a
/// space between date and time, `Z`/`z` or a `±HH:MM` offset, and any number
/// of fraction digits (truncated to milliseconds). A leap second (`:60`)
/// counts as the first second of the next minute.
pub(crate) fn parse_rfc3339(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if let Some(ms) = parse_rfc3339_common(b) {
        return Some(ms);
    }
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
        let mut readers = [TimestampFormat::Auto, TimestampFormat::Rfc3339].map(TimeReader::new);
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
                            assert_eq!(parse_rfc3339(&t), want, "{t}");
                            for r in &mut readers {
                                assert_eq!(r.parse(&t), r.format.parse(&t), "{t}");
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
            assert_eq!(parse_rfc3339(other), Some(1_772_357_400_000), "{other}");
            for r in &mut readers {
                assert_eq!(r.parse(other), Some(1_772_357_400_000), "{other}");
            }
        }
        let mut epoch = TimeReader::new(TimestampFormat::EpochSeconds);
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

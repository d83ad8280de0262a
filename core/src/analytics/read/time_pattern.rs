//! Custom timestamp patterns: a strftime-style subset for the date-times
//! that neither RFC 3339 nor epoch numbers cover (`%d/%m/%Y %H:%M`).

use std::fmt;
use std::sync::Arc;

use super::zone::{offset_at, Timezone};
use crate::date::day_of;

/// One piece of a [`TimePattern`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Item {
    Literal(u8),
    Year,
    Month,
    MonthName,
    Day,
    Hour,
    Minute,
    Second,
    Fraction,
    Offset,
}

/// A strftime-style timestamp pattern: `%Y` (four-digit year), `%m`
/// (month, 1 or 2 digits), `%b` (English month name, three letters or
/// whole, any case), `%d` (day), `%H` (hour, 0-23), `%M` (minute), `%S`
/// (second), `%f` (fraction of a second, 1 to 9 digits, read to the
/// millisecond), `%z` (`Z`, `+01:00`, `+0100` or `+01`) and `%%` (a
/// percent sign). Every other character stands for itself. A pattern
/// needs a year, a month and a day; the time of day defaults to midnight.
/// Without `%z` the log's `timezone` applies.
///
/// ```
/// use journeymap::analytics::{TimePattern, Timezone};
/// let p: TimePattern = "%d/%m/%Y %H:%M".parse().unwrap();
/// let (utc, plus_one) = (Timezone::UTC, "+01:00".parse::<Timezone>().unwrap());
/// assert_eq!(p.parse("01/03/2026 09:30", &utc), Some(1_772_357_400_000));
/// assert_eq!(p.parse("1/3/2026 9:30", &utc), Some(1_772_357_400_000));
/// assert_eq!(p.parse("01/03/2026 10:30", &plus_one), Some(1_772_357_400_000));
/// assert_eq!(p.parse("31/02/2026 09:30", &utc), None);
/// assert!("%d/%m %H:%M".parse::<TimePattern>().is_err());
/// assert!("%Y-%m-%d %Q".parse::<TimePattern>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TimePattern {
    // Shared: a pattern is cloned with the options of every line read.
    source: Arc<str>,
    items: Arc<[Item]>,
}

impl TimePattern {
    /// The pattern as written.
    ///
    /// ```
    /// use journeymap::analytics::TimePattern;
    /// assert_eq!("%Y%m%d".parse::<TimePattern>().unwrap().as_str(), "%Y%m%d");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Epoch milliseconds of `text` read with this pattern; a date-time
    /// without `%z` is a local time of `zone`. `None` if the text does not
    /// match or is not a real date and time.
    ///
    /// ```
    /// use journeymap::analytics::TimePattern;
    /// let p: TimePattern = "%b %d %Y %H:%M:%S.%f%z".parse().unwrap();
    /// # use journeymap::analytics::Timezone;
    /// assert_eq!(p.parse("Mar 01 2026 10:30:00.25+01:00", &Timezone::UTC), Some(1_772_357_400_250));
    /// assert_eq!(p.parse("march 01 2026 09:30:00.25Z", &Timezone::UTC), Some(1_772_357_400_250));
    /// ```
    pub fn parse(&self, text: &str, zone: &Timezone) -> Option<i64> {
        let b = text.as_bytes();
        let mut at = 0;
        let (mut year, mut month, mut day) = (None, None, None);
        let (mut hour, mut minute, mut second, mut millis) = (0, 0, 0, 0);
        let mut offset = None;
        for item in self.items.iter() {
            match item {
                Item::Literal(c) => {
                    if b.get(at) != Some(c) {
                        return None;
                    }
                    at += 1;
                }
                Item::Year => year = Some(digits(b, &mut at, 4, 4)?),
                Item::Month => month = Some(digits(b, &mut at, 1, 2)?),
                Item::MonthName => month = Some(month_name(b, &mut at)?),
                Item::Day => day = Some(digits(b, &mut at, 1, 2)?),
                Item::Hour => hour = digits(b, &mut at, 1, 2)?,
                Item::Minute => minute = digits(b, &mut at, 1, 2)?,
                Item::Second => second = digits(b, &mut at, 1, 2)?,
                Item::Fraction => {
                    let start = at;
                    let whole = digits(b, &mut at, 1, 9)?;
                    let n = at - start;
                    // Keep the first three digits: truncated to milliseconds.
                    millis = if n >= 3 {
                        whole / 10_i64.pow((n - 3) as u32)
                    } else {
                        whole * 10_i64.pow((3 - n) as u32)
                    };
                }
                Item::Offset => offset = Some(offset_at(b, &mut at)?),
            }
        }
        if at != b.len() || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let (year, month, day) = (year?, month?, day?);
        let days = day_of(year, month, day)?;
        let local = days * 86_400 + hour * 3600 + minute * 60 + second;
        let seconds = match offset {
            Some(minutes) => local - minutes * 60,
            None => zone.utc_seconds(local)?,
        };
        Some(seconds * 1000 + millis)
    }
}

/// Why a pattern is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError(String);

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PatternError {}

impl std::str::FromStr for TimePattern {
    type Err = PatternError;

    fn from_str(source: &str) -> Result<Self, PatternError> {
        let mut items = Vec::new();
        let mut bytes = source.bytes();
        while let Some(c) = bytes.next() {
            if c != b'%' {
                items.push(Item::Literal(c));
                continue;
            }
            items.push(match bytes.next() {
                Some(b'Y') => Item::Year,
                Some(b'm') => Item::Month,
                Some(b'b') => Item::MonthName,
                Some(b'd') => Item::Day,
                Some(b'H') => Item::Hour,
                Some(b'M') => Item::Minute,
                Some(b'S') => Item::Second,
                Some(b'f') => Item::Fraction,
                Some(b'z') => Item::Offset,
                Some(b'%') => Item::Literal(b'%'),
                other => {
                    let what = other.map_or("a lone % at the end".to_owned(), |c| {
                        format!("%{}", char::from(c))
                    });
                    return Err(PatternError(format!(
                        "timestamp_format {source:?}: {what} is not one of %Y %m %b %d %H %M %S %f %z %%"
                    )));
                }
            });
        }
        let has = |want: &[Item]| items.iter().any(|i| want.contains(i));
        if !has(&[Item::Year]) || !has(&[Item::Month, Item::MonthName]) || !has(&[Item::Day]) {
            return Err(PatternError(format!(
                "timestamp_format {source:?} needs a year (%Y), a month (%m or %b) and a day (%d)"
            )));
        }
        Ok(TimePattern {
            source: source.into(),
            items: items.into(),
        })
    }
}

/// Between `min` and `max` ASCII digits at `*at` (as many as there are, up
/// to `max`), as a number.
fn digits(b: &[u8], at: &mut usize, min: usize, max: usize) -> Option<i64> {
    let start = *at;
    let mut n = 0i64;
    while *at < b.len() && *at - start < max && b[*at].is_ascii_digit() {
        n = n * 10 + i64::from(b[*at] - b'0');
        *at += 1;
    }
    (*at - start >= min).then_some(n)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// An English month name, whole or its first three letters, any case.
fn month_name(b: &[u8], at: &mut usize) -> Option<i64> {
    let rest = &b[*at..];
    let letters = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let word = rest[..letters].to_ascii_lowercase();
    let index = MONTHS.iter().position(|m| {
        word == m.as_bytes() || (word.len() == 3 && m.as_bytes().starts_with(&word))
    })?;
    *at += letters;
    Some(index as i64 + 1)
}

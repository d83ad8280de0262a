//! The zone of date-times written without an offset: UTC, a fixed offset
//! or a zone of the time zone database.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The zone of date-times written without an offset: `"UTC"` (the
/// default), a fixed offset such as `"+01:00"`, `"-0530"` or `"+01"`, or a
/// zone of the time zone database such as `"Europe/Berlin"`, whose offset
/// follows daylight saving time.
///
/// A local time a named zone skips (the hour clocks jump forward) is read
/// as if the clocks had not jumped yet, so it lands after the jump; a local
/// time it repeats (the hour clocks fall back) is read at its first
/// occurrence: the "compatible" reading of RFC 5545 and of most
/// date-time libraries.
///
/// Named zones need the time zone database: the `tzdb` feature (on by
/// default; the system's `/usr/share/zoneinfo` where there is one, else a
/// copy bundled in the library). Without it, a zone name is refused
/// with a message saying to give the offset.
///
/// ```
/// use journeymap::analytics::Timezone;
/// assert_eq!("+01:00".parse::<Timezone>().unwrap().offset_minutes(), Some(60));
/// assert_eq!("-0530".parse::<Timezone>().unwrap().offset_minutes(), Some(-330));
/// assert_eq!("UTC".parse::<Timezone>().unwrap(), Timezone::UTC);
/// assert!("Mars/Olympus".parse::<Timezone>().is_err());
/// # #[cfg(feature = "tzdb")] {
/// let berlin: Timezone = "Europe/Berlin".parse().unwrap();
/// // 09:30 in Berlin is 08:30 UTC in winter and 07:30 UTC in summer.
/// assert_eq!(berlin.utc_seconds(1_772_357_400), Some(1_772_357_400 - 3600));
/// assert_eq!(berlin.utc_seconds(1_782_898_200), Some(1_782_898_200 - 7200));
/// assert_eq!(berlin.to_string(), "Europe/Berlin");
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct Timezone {
    zone: Zone,
}

#[derive(Clone, Debug)]
enum Zone {
    /// Minutes east of UTC.
    Fixed(i32),
    /// A zone of the database, and the name it was given by.
    #[cfg(feature = "tzdb")]
    Named(Box<str>, jiff::tz::TimeZone),
}

impl Default for Timezone {
    fn default() -> Self {
        Timezone::UTC
    }
}

impl PartialEq for Timezone {
    fn eq(&self, other: &Self) -> bool {
        match (&self.zone, &other.zone) {
            (Zone::Fixed(a), Zone::Fixed(b)) => a == b,
            #[cfg(feature = "tzdb")]
            (Zone::Named(a, _), Zone::Named(b, _)) => a == b,
            #[cfg(feature = "tzdb")]
            _ => false,
        }
    }
}

impl Eq for Timezone {}

impl std::hash::Hash for Timezone {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match &self.zone {
            Zone::Fixed(minutes) => minutes.hash(state),
            #[cfg(feature = "tzdb")]
            Zone::Named(name, _) => name.hash(state),
        }
    }
}

impl Timezone {
    /// Coordinated Universal Time.
    pub const UTC: Timezone = Timezone {
        zone: Zone::Fixed(0),
    };

    /// A fixed offset of `minutes` east of UTC (within a day either way).
    pub(crate) fn fixed(minutes: i32) -> Timezone {
        Timezone {
            zone: Zone::Fixed(minutes),
        }
    }

    /// Minutes east of UTC of a fixed offset; `None` for a named zone.
    pub fn offset_minutes(&self) -> Option<i32> {
        match &self.zone {
            Zone::Fixed(minutes) => Some(*minutes),
            #[cfg(feature = "tzdb")]
            Zone::Named(..) => None,
        }
    }

    /// Epoch seconds of a local date-time in this zone, given as the epoch
    /// seconds it would be in UTC (`None` out of the zone database's range).
    pub fn utc_seconds(&self, local_seconds: i64) -> Option<i64> {
        match &self.zone {
            Zone::Fixed(minutes) => Some(local_seconds - i64::from(*minutes) * 60),
            #[cfg(feature = "tzdb")]
            Zone::Named(_, tz) => {
                let local = jiff::Timestamp::from_second(local_seconds).ok()?;
                let civil = jiff::tz::Offset::UTC.to_datetime(local);
                let utc = tz.to_ambiguous_timestamp(civil).compatible().ok()?;
                Some(utc.as_second())
            }
        }
    }
}

impl FromStr for Timezone {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if matches!(s, "UTC" | "utc" | "Z" | "z" | "GMT") {
            return Ok(Timezone::UTC);
        }
        let b = s.as_bytes();
        let mut at = 0;
        if let Some(minutes) = offset_at(b, &mut at).filter(|_| at == b.len()) {
            // |minutes| < 24 * 60: fits.
            return Ok(Timezone::fixed(minutes as i32));
        }
        named(s)
    }
}

#[cfg(feature = "tzdb")]
fn named(s: &str) -> Result<Timezone, String> {
    match jiff::tz::db().get(s) {
        Ok(tz) => Ok(Timezone {
            zone: Zone::Named(s.into(), tz),
        }),
        Err(_) => Err(format!(
            "timezone {s:?}: expected \"UTC\", an offset such as \"+01:00\", \"-0530\" or \"+01\", or a zone of the time zone database such as \"Europe/Berlin\""
        )),
    }
}

#[cfg(not(feature = "tzdb"))]
fn named(s: &str) -> Result<Timezone, String> {
    if s.contains('/') {
        Err(format!(
            "timezone {s:?}: named time zones need the time zone database, which this build leaves out; give the UTC offset the log was written at, such as \"+01:00\""
        ))
    } else {
        Err(format!(
            "timezone {s:?}: expected \"UTC\" or an offset such as \"+01:00\", \"-0530\" or \"+01\""
        ))
    }
}

impl fmt::Display for Timezone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let minutes = match &self.zone {
            Zone::Fixed(0) => return f.write_str("UTC"),
            Zone::Fixed(minutes) => *minutes,
            #[cfg(feature = "tzdb")]
            Zone::Named(name, _) => return f.write_str(name),
        };
        let sign = if minutes < 0 { '-' } else { '+' };
        let m = minutes.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
    }
}

impl Serialize for Timezone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timezone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::value_de::from_str_value(d)
    }
}

impl JsonSchema for Timezone {
    fn schema_name() -> Cow<'static, str> {
        "Timezone".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Zone of date-times written without an offset: UTC, a fixed offset (+01:00, -0530, +01) or a zone of the time zone database (Europe/Berlin).",
            "type": "string"
        })
    }
}

/// `Z`, `+HH:MM`, `+HHMM` or `+HH` at `*at`, in minutes east of UTC.
pub(crate) fn offset_at(b: &[u8], at: &mut usize) -> Option<i64> {
    let sign = match b.get(*at)? {
        b'Z' | b'z' => {
            *at += 1;
            return Some(0);
        }
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    *at += 1;
    let two = |at: &mut usize| -> Option<i64> {
        let (h, l) = (*b.get(*at)?, *b.get(*at + 1)?);
        if !(h.is_ascii_digit() && l.is_ascii_digit()) {
            return None;
        }
        *at += 2;
        Some(i64::from(h - b'0') * 10 + i64::from(l - b'0'))
    };
    let hours = two(at)?;
    let minutes = if b.get(*at) == Some(&b':') {
        *at += 1;
        two(at)?
    } else if b.get(*at).is_some_and(u8::is_ascii_digit) {
        two(at)?
    } else {
        0
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    Some(sign * (hours * 60 + minutes))
}

//! Calendar dates (`YYYY-MM-DD`) without a date-time dependency: the map only
//! needs to check a date and count days between two.

/// A calendar date, validated on construction.
///
/// ```
/// use journeymap::Date;
/// let a = Date::parse("2026-02-28").unwrap();
/// let b = Date::parse("2026-03-01").unwrap();
/// assert_eq!(b.days_since(a), 1);
/// assert!(Date::parse("2026-02-29").is_none()); // not a leap year
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`; `None` when malformed or not a real date.
    ///
    /// ```
    /// use journeymap::Date;
    /// assert!(Date::parse("2028-02-29").is_some());
    /// assert!(Date::parse("2026-02-29").is_none()); // not a leap year
    /// assert!(Date::parse("2026-3-1").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let year = num(0..4)? as i32;
        let month = num(5..7)?;
        let day = num(8..10)?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days from `earlier` to `self` (negative if `earlier` is later).
    ///
    /// ```
    /// use journeymap::Date;
    /// let (a, b) = (Date::parse("2026-01-05").unwrap(), Date::parse("2026-03-01").unwrap());
    /// assert_eq!((b.days_since(a), a.days_since(b)), (55, -55));
    /// ```
    pub fn days_since(self, earlier: Date) -> i64 {
        self.day_number() - earlier.day_number()
    }

    /// Days since 1970-01-01 (proleptic Gregorian calendar).
    ///
    /// ```
    /// use journeymap::Date;
    /// assert_eq!(Date::parse("1970-01-02").unwrap().day_number(), 1);
    /// assert_eq!(Date::parse("2000-03-01").unwrap().day_number(), 11_017);
    /// ```
    pub fn day_number(self) -> i64 {
        days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        )
    }
}

impl Date {
    /// The date `days` days after 1970-01-01 (negative: before); the inverse
    /// of [`Date::day_number`]. `None` outside years 0..=9999, which
    /// `YYYY-MM-DD` cannot write.
    ///
    /// ```
    /// use journeymap::Date;
    /// let d = Date::from_day_number(20_415).unwrap();
    /// assert_eq!(d.to_string(), "2025-11-23");
    /// assert_eq!(d.day_number(), 20_415);
    /// assert!(Date::from_day_number(i64::MAX).is_none());
    /// ```
    pub fn from_day_number(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days. Years 0..=9999 span fewer than
        // 3.7 million days either side of 1970, so nothing below overflows.
        if !(-719_528..=2_932_896).contains(&days) {
            return None;
        }
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Some(Date {
            year: i32::try_from(year).ok()?,
            month: u32::try_from(month).ok()?,
            day: u32::try_from(day).ok()?,
        })
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a year, month and day, if they are a real date.
pub(crate) fn day_of(year: i64, month: i64, day: i64) -> Option<i64> {
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

/// Days since 1970-01-01 of a valid proleptic Gregorian date (Howard
/// Hinnant's days_from_civil).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = year - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn epoch_and_leap_years() {
        assert_eq!(Date::parse("1970-01-01").unwrap().day_number(), 0);
        assert_eq!(Date::parse("2000-03-01").unwrap().day_number(), 11_017);
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("1900-02-29").is_none());
        assert!(Date::parse("2026-13-01").is_none());
        assert!(Date::parse("2026-1-01").is_none());
        assert!(Date::parse("+026-01-01").is_none());
        assert_eq!(Date::parse("2026-11-23").unwrap().to_string(), "2026-11-23");
    }

    #[test]
    fn day_number_round_trips() {
        for s in [
            "0000-01-01",
            "1969-12-31",
            "1970-01-01",
            "2000-02-29",
            "2026-11-23",
            "9999-12-31",
        ] {
            let d = Date::parse(s).unwrap();
            assert_eq!(Date::from_day_number(d.day_number()), Some(d), "{s}");
        }
        let mut day = Date::parse("1999-12-25").unwrap().day_number();
        let mut prev = Date::from_day_number(day).unwrap();
        for _ in 0..1000 {
            day += 1;
            let next = Date::from_day_number(day).unwrap();
            assert_eq!(next.days_since(prev), 1);
            assert!(next > prev);
            prev = next;
        }
        assert!(
            Date::from_day_number(Date::parse("0000-01-01").unwrap().day_number() - 1).is_none()
        );
        assert!(
            Date::from_day_number(Date::parse("9999-12-31").unwrap().day_number() + 1).is_none()
        );
    }
}

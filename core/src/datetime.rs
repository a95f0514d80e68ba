//! [`DateTime`]: an RFC 3339 date-time with an explicit offset, checked and
//! kept as sent.

use alloc::string::String;
use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};

/// A checked RFC 3339 date-time (`2025-11-27T10:00:00Z`,
/// `2025-11-27T11:00:00.123+01:00`), kept as its original text, with its
/// parts for building a host date type.
///
/// ```
/// use bookto_verify::DateTime;
/// let t = DateTime::parse("2025-11-27T11:00:00.5+01:00").unwrap();
/// assert_eq!((t.year(), t.month(), t.day(), t.hour()), (2025, 11, 27, 11));
/// assert_eq!(t.nanosecond(), 500_000_000);
/// assert_eq!(t.offset_minutes(), 60);
/// assert_eq!(t.as_str(), "2025-11-27T11:00:00.5+01:00");
/// assert!(DateTime::parse("2025-11-27 11:00:00Z").is_none());
/// ```
#[derive(Clone)]
pub struct DateTime {
    text: String,
    parts: Parts,
}

#[derive(Clone, Copy)]
struct Parts {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
    offset_minutes: i16,
}

impl DateTime {
    /// Parses RFC 3339 `date "T" time offset`. `t`/`z` may be lower case;
    /// the fraction may have any length. Refused: no offset, a space for
    /// `T`, second 60 (no host date type holds a leap second), year 0000,
    /// impossible dates.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Some(Self {
            parts: parse_parts(text.as_bytes())?,
            text: String::from(text),
        })
    }

    /// 1970-01-01T00:00:00Z.
    pub(crate) fn epoch() -> Self {
        Self {
            text: String::from("1970-01-01T00:00:00Z"),
            parts: Parts {
                year: 1970,
                month: 1,
                day: 1,
                hour: 0,
                minute: 0,
                second: 0,
                nanosecond: 0,
                offset_minutes: 0,
            },
        }
    }

    /// True when `text` is a date-time [`parse`](Self::parse) accepts,
    /// without allocating.
    pub(crate) fn is_valid(text: &str) -> bool {
        parse_parts(text.as_bytes()).is_some()
    }

    /// The text exactly as received.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }
    /// Year, 1-9999.
    #[must_use]
    pub const fn year(&self) -> u16 {
        self.parts.year
    }
    /// Month, 1-12.
    #[must_use]
    pub const fn month(&self) -> u8 {
        self.parts.month
    }
    /// Day of the month, 1-31.
    #[must_use]
    pub const fn day(&self) -> u8 {
        self.parts.day
    }
    /// Hour, 0-23, in the given offset.
    #[must_use]
    pub const fn hour(&self) -> u8 {
        self.parts.hour
    }
    /// Minute, 0-59.
    #[must_use]
    pub const fn minute(&self) -> u8 {
        self.parts.minute
    }
    /// Second, 0-59.
    #[must_use]
    pub const fn second(&self) -> u8 {
        self.parts.second
    }
    /// Fraction of the second in nanoseconds (digits past 9 are dropped).
    #[must_use]
    pub const fn nanosecond(&self) -> u32 {
        self.parts.nanosecond
    }
    /// Offset from UTC in minutes (`Z` and `-00:00` are 0).
    #[must_use]
    pub const fn offset_minutes(&self) -> i16 {
        self.parts.offset_minutes
    }

    /// Seconds since 1970-01-01T00:00:00Z (negative before), ignoring the
    /// fraction: the instant, whatever the offset.
    ///
    /// ```
    /// use bookto_verify::DateTime;
    /// let t = DateTime::parse("1970-01-01T01:00:00+01:00").unwrap();
    /// assert_eq!(t.unix_timestamp(), 0);
    /// ```
    #[must_use]
    #[allow(clippy::arithmetic_side_effects)] // years 1-9999: far from i64's range
    pub const fn unix_timestamp(&self) -> i64 {
        let p = &self.parts;
        let days = days_from_civil(p.year as i64, p.month as i64, p.day as i64);
        let local = days * 86_400 + p.hour as i64 * 3_600 + p.minute as i64 * 60 + p.second as i64;
        local - p.offset_minutes as i64 * 60
    }

    fn instant(&self) -> (i64, u32) {
        (self.unix_timestamp(), self.parts.nanosecond)
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`). Years are 1-9999, so nothing overflows.
#[allow(clippy::arithmetic_side_effects, clippy::integer_division)]
const fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl PartialEq for DateTime {
    fn eq(&self, other: &Self) -> bool {
        self.instant() == other.instant()
    }
}

impl Eq for DateTime {}

impl PartialOrd for DateTime {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Orders by instant.
///
/// ```
/// use bookto_verify::DateTime;
/// let t = |s| DateTime::parse(s).unwrap();
/// assert_eq!(t("2025-11-27T10:00:00Z"), t("2025-11-27T11:00:00+01:00"));
/// assert!(t("2025-11-27T10:00:00Z") < t("2025-11-27T10:30:00+00:01"));
/// ```
impl Ord for DateTime {
    fn cmp(&self, other: &Self) -> Ordering {
        self.instant().cmp(&other.instant())
    }
}

/// Hashes the instant, so equal date-times hash alike.
impl Hash for DateTime {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.instant().hash(state);
    }
}

/// Serialized as its RFC 3339 text, as sent.
impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// From RFC 3339 text, checked as [`DateTime::parse`] checks it.
impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = DateTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 date-time such as \"2025-11-27T10:00:00Z\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateTime, E> {
                DateTime::parse(v)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(Text)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTime({})", self.text)
    }
}

/// Reads `n` ASCII digits as a number.
fn number(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| {
            acc.wrapping_mul(10)
                .wrapping_add(u32::from(b.wrapping_sub(b'0')))
        })
    })
}

fn field(text: &[u8], start: usize, len: usize) -> Option<u32> {
    number(text.get(start..start.checked_add(len)?)?)
}

const fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

fn parse_parts(t: &[u8]) -> Option<Parts> {
    // YYYY-MM-DDTHH:MM:SS
    let punct = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if punct.iter().any(|&(i, c)| t.get(i) != Some(&c)) || !matches!(t.get(10), Some(b'T' | b't')) {
        return None;
    }
    let (year, month, day) = (field(t, 0, 4)?, field(t, 5, 2)?, field(t, 8, 2)?);
    let (hour, minute, second) = (field(t, 11, 2)?, field(t, 14, 2)?, field(t, 17, 2)?);
    let valid = year >= 1
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour <= 23
        && minute <= 59
        && second <= 59;
    if !valid {
        return None;
    }
    let mut rest = t.get(19..)?;
    let mut nanosecond = 0u32;
    if let Some((b'.', frac)) = rest.split_first() {
        let len = frac.iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 {
            return None;
        }
        for i in 0..9 {
            let digit = frac
                .get(i)
                .filter(|_| i < len)
                .map_or(0, |b| b.wrapping_sub(b'0'));
            nanosecond = nanosecond.wrapping_mul(10).wrapping_add(u32::from(digit));
        }
        rest = frac.get(len..)?;
    }
    let offset_minutes = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (h, m) = (number(&[*h1, *h2])?, number(&[*m1, *m2])?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = i16::try_from(h.checked_mul(60)?.checked_add(m)?).ok()?;
            if *sign == b'-' {
                minutes.checked_neg()?
            } else {
                minutes
            }
        }
        _ => return None,
    };
    Some(Parts {
        year: u16::try_from(year).ok()?,
        month: u8::try_from(month).ok()?,
        day: u8::try_from(day).ok()?,
        hour: u8::try_from(hour).ok()?,
        minute: u8::try_from(minute).ok()?,
        second: u8::try_from(second).ok()?,
        nanosecond,
        offset_minutes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_rfc3339() {
        for ok in [
            "2025-11-27T10:00:00Z",
            "2025-11-27t10:00:00z",
            "2025-11-27T10:00:00.1+02:00",
            "2025-11-27T10:00:00.123456789123-00:00",
            "2024-02-29T23:59:59+23:59",
            "0001-01-01T00:00:00Z",
        ] {
            assert!(DateTime::parse(ok).is_some(), "{ok}");
        }
        let t = DateTime::parse("2025-11-27T10:00:00.123456789123-05:30")
            .unwrap_or_else(|| unreachable!());
        assert_eq!((t.nanosecond(), t.offset_minutes()), (123_456_789, -330));
    }

    #[test]
    fn compares_by_instant() {
        let t = |s: &str| DateTime::parse(s).unwrap_or_else(|| panic!("{s}"));
        let state = std::hash::RandomState::new();
        use core::hash::BuildHasher;
        for (a, b) in [
            ("2025-11-27T10:00:00Z", "2025-11-27T11:00:00+01:00"),
            ("2025-11-27T10:00:00Z", "2025-11-27t10:00:00.000z"),
            ("2025-11-27T00:30:00+01:00", "2025-11-26T23:30:00Z"),
            ("2025-01-01T00:00:00-00:00", "2024-12-31T23:00:00-01:00"),
        ] {
            assert_eq!(t(a), t(b), "{a} == {b}");
            assert_eq!(state.hash_one(t(a)), state.hash_one(t(b)));
        }
        let ascending = [
            "0001-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999999Z",
            "1970-01-01T00:00:00Z",
            "2024-02-29T23:59:59Z",
            "2025-11-27T10:00:00.1Z",
            "2025-11-27T11:00:00.2+01:00",
            "9999-12-31T23:59:59Z",
        ];
        for pair in ascending.windows(2) {
            let [a, b] = pair else { unreachable!() };
            assert!(t(a) < t(b), "{a} < {b}");
        }
        assert_eq!(t("1970-01-01T00:00:00Z").unix_timestamp(), 0);
        assert_eq!(t("2025-11-27T00:00:00Z").unix_timestamp(), 1_764_201_600);
        assert_eq!(t("0001-01-01T00:00:00Z").unix_timestamp(), -62_135_596_800);
    }

    #[test]
    fn refuses_the_rest() {
        for bad in [
            "2025-11-27 10:00:00Z",
            "2025-11-27T10:00:00",
            "2025-11-27T10:00:60Z",
            "0000-01-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2025-13-01T00:00:00Z",
            "2025-11-27T24:00:00Z",
            "2025-11-27T10:00:00+24:00",
            "2025-11-27T10:00:00.Z",
            "2025-11-27",
            "2025-11-27T10:00Z",
            "+2025-11-27T10:00:00Z",
            "2025-11-27T10:00:00+0100",
            "2025-11-27T10:00:00Z ",
            "２０２５-11-27T10:00:00Z",
        ] {
            assert!(DateTime::parse(bad).is_none(), "{bad}");
        }
    }
}

//! Conversions to the usual Rust decimal and date-time types, each behind
//! the crate feature of the same name. The core keeps exact text; these give
//! a value to compute with.

#[cfg(any(feature = "time", feature = "chrono", feature = "jiff"))]
use crate::DateTime;
#[cfg(feature = "rust_decimal")]
use crate::Money;

/// A checked value that the target type cannot hold (a date-time outside its
/// range, an amount beyond 28 decimal digits).
///
/// ```
/// # #[cfg(feature = "rust_decimal")] {
/// use bookto_verify::Money;
/// let huge = Money::new("1e100").unwrap();
/// assert!(rust_decimal::Decimal::try_from(&huge).is_err());
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OutOfRange;

impl core::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("the value does not fit the target type")
    }
}

impl core::error::Error for OutOfRange {}

/// Exact: `1.21` gives `1.21` with scale 2, `1E2` gives `100`.
///
/// ```
/// use bookto_verify::Money;
/// let vat = rust_decimal::Decimal::try_from(&Money::new("0.21").unwrap())?;
/// assert_eq!(vat.to_string(), "0.21");
/// # Ok::<(), bookto_verify::OutOfRange>(())
/// ```
#[cfg(feature = "rust_decimal")]
#[cfg_attr(docsrs, doc(cfg(feature = "rust_decimal")))]
impl TryFrom<&Money> for rust_decimal::Decimal {
    type Error = OutOfRange;
    fn try_from(money: &Money) -> Result<Self, OutOfRange> {
        let text = money.as_str();
        let parsed = if text.contains(['e', 'E']) {
            Self::from_scientific(text)
        } else {
            Self::from_str_exact(text)
        };
        parsed.map_err(|_| OutOfRange)
    }
}

/// The same instant in the offset that was sent (to the nanosecond).
///
/// ```
/// use bookto_verify::DateTime;
/// let t = DateTime::parse("2025-11-27T11:00:00+01:00").unwrap();
/// let odt = time::OffsetDateTime::try_from(&t)?;
/// assert_eq!(odt.unix_timestamp(), t.unix_timestamp());
/// assert_eq!(odt.offset().whole_hours(), 1);
/// # Ok::<(), bookto_verify::OutOfRange>(())
/// ```
#[cfg(feature = "time")]
#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
impl TryFrom<&DateTime> for time::OffsetDateTime {
    type Error = OutOfRange;
    fn try_from(t: &DateTime) -> Result<Self, OutOfRange> {
        let month = time::Month::try_from(t.month()).map_err(|_| OutOfRange)?;
        let date = time::Date::from_calendar_date(i32::from(t.year()), month, t.day())
            .map_err(|_| OutOfRange)?;
        let clock = time::Time::from_hms_nano(t.hour(), t.minute(), t.second(), t.nanosecond())
            .map_err(|_| OutOfRange)?;
        let offset =
            time::UtcOffset::from_whole_seconds(i32::from(t.offset_minutes()).saturating_mul(60))
                .map_err(|_| OutOfRange)?;
        Ok(time::PrimitiveDateTime::new(date, clock).assume_offset(offset))
    }
}

/// The same instant in the offset that was sent (to the nanosecond).
///
/// ```
/// use bookto_verify::DateTime;
/// let t = DateTime::parse("2025-11-27T11:00:00+01:00").unwrap();
/// let c = chrono::DateTime::<chrono::FixedOffset>::try_from(&t)?;
/// assert_eq!(c.timestamp(), t.unix_timestamp());
/// # Ok::<(), bookto_verify::OutOfRange>(())
/// ```
#[cfg(feature = "chrono")]
#[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
impl TryFrom<&DateTime> for chrono::DateTime<chrono::FixedOffset> {
    type Error = OutOfRange;
    fn try_from(t: &DateTime) -> Result<Self, OutOfRange> {
        let offset =
            chrono::FixedOffset::east_opt(i32::from(t.offset_minutes()).saturating_mul(60))
                .ok_or(OutOfRange)?;
        chrono::NaiveDate::from_ymd_opt(
            i32::from(t.year()),
            u32::from(t.month()),
            u32::from(t.day()),
        )
        .and_then(|d| {
            d.and_hms_nano_opt(
                u32::from(t.hour()),
                u32::from(t.minute()),
                u32::from(t.second()),
                t.nanosecond(),
            )
        })
        .and_then(|local| local.and_local_timezone(offset).single())
        .ok_or(OutOfRange)
    }
}

/// The instant (to the nanosecond).
///
/// ```
/// use bookto_verify::DateTime;
/// let t = DateTime::parse("2025-11-27T11:00:00+01:00").unwrap();
/// let ts = jiff::Timestamp::try_from(&t)?;
/// assert_eq!(ts.as_second(), t.unix_timestamp());
/// # Ok::<(), bookto_verify::OutOfRange>(())
/// ```
#[cfg(feature = "jiff")]
#[cfg_attr(docsrs, doc(cfg(feature = "jiff")))]
impl TryFrom<&DateTime> for jiff::Timestamp {
    type Error = OutOfRange;
    fn try_from(t: &DateTime) -> Result<Self, OutOfRange> {
        let nanos = i32::try_from(t.nanosecond()).map_err(|_| OutOfRange)?;
        Self::new(t.unix_timestamp(), nanos).map_err(|_| OutOfRange)
    }
}

#[cfg(all(
    test,
    feature = "rust_decimal",
    feature = "time",
    feature = "chrono",
    feature = "jiff"
))]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn decimals_are_exact() {
        for (text, expected) in [
            ("1.21", "1.21"),
            ("1.210", "1.210"),
            ("1E2", "100"),
            ("-0.5e-1", "-0.05"),
            ("21", "21"),
        ] {
            let money = Money::new(text).unwrap_or_else(|| panic!("{text}"));
            let decimal = rust_decimal::Decimal::try_from(&money).map(|d| d.to_string());
            assert_eq!(decimal.as_deref(), Ok(expected), "{text}");
        }
        let huge = Money::new("123456789012345678901234567890123").unwrap_or_else(|| panic!());
        assert_eq!(rust_decimal::Decimal::try_from(&huge), Err(OutOfRange));
    }

    #[test]
    fn every_library_sees_the_same_instant() {
        for text in [
            "2025-11-26T23:58:41.512Z",
            "2025-11-27T11:00:00.123456789+01:00",
            "0001-01-01T00:00:00-23:59",
            "9999-12-30T00:00:00.999999999+23:59",
            "2024-02-29T12:00:00-05:30",
        ] {
            let t = DateTime::parse(text).unwrap_or_else(|| panic!("{text}"));
            let expected = (t.unix_timestamp(), t.nanosecond());
            let odt =
                time::OffsetDateTime::try_from(&t).map(|v| (v.unix_timestamp(), v.nanosecond()));
            let chrono = chrono::DateTime::<chrono::FixedOffset>::try_from(&t)
                .map(|v| (v.timestamp(), v.timestamp_subsec_nanos()));
            let jiff = jiff::Timestamp::try_from(&t).map(|v| {
                (
                    v.as_second(),
                    u32::try_from(v.subsec_nanosecond()).unwrap_or(u32::MAX),
                )
            });
            assert_eq!(odt, Ok(expected), "time {text}");
            assert_eq!(chrono, Ok(expected), "chrono {text}");
            assert_eq!(jiff, Ok(expected), "jiff {text}");
        }
        // jiff's range stops a day short of 9999-12-31T23:59:59Z.
        let last = DateTime::parse("9999-12-31T23:59:59Z").unwrap_or_else(|| panic!());
        assert_eq!(jiff::Timestamp::try_from(&last), Err(OutOfRange));
        assert!(time::OffsetDateTime::try_from(&last).is_ok());
    }
}

//! The `x-bookto-timestamp` header: syntax and the replay window.

use crate::Error;
use crate::ows::trim_ows;

/// Most digits a timestamp may have (`u64::MAX` has 20; 19 always fit).
pub(crate) const MAX_DIGITS: usize = 19;

/// The largest timestamp the `x-bookto-timestamp` header can carry (19
/// digits). [`sign`](crate::sign) refuses a later one: no verifier would
/// accept its header.
pub const MAX_TIMESTAMP: u64 = 9_999_999_999_999_999_999;

/// A syntactically valid timestamp: its value and its digits exactly as
/// received (leading zeros included), which is what bookto signed.
#[derive(Clone, Copy)]
pub(crate) struct Timestamp {
    pub value: u64,
    digits: [u8; MAX_DIGITS],
    len: usize,
}

impl Timestamp {
    /// The digits as received, without surrounding whitespace.
    pub fn digits(&self) -> &[u8] {
        self.digits.get(..self.len).unwrap_or_default()
    }
}

/// Optional surrounding whitespace, then 1-19 ASCII digits.
pub(crate) fn parse(raw: &[u8]) -> Result<Timestamp, ()> {
    let text = trim_ows(raw);
    if text.is_empty() || text.len() > MAX_DIGITS {
        return Err(());
    }
    let mut digits = [0u8; MAX_DIGITS];
    let mut value: u64 = 0;
    for (slot, &b) in digits.iter_mut().zip(text) {
        if !b.is_ascii_digit() {
            return Err(());
        }
        *slot = b;
        // 19 digits are at most 9_999_999_999_999_999_999 < u64::MAX: no overflow.
        value = value
            .wrapping_mul(10)
            .wrapping_add(u64::from(b.wrapping_sub(b'0')));
    }
    Ok(Timestamp {
        value,
        digits,
        len: text.len(),
    })
}

/// The replay window: `now - tolerance <= timestamp <= now + tolerance`,
/// saturating at both ends.
pub(crate) fn check_window(timestamp: u64, now: u64, tolerance: Option<u64>) -> Result<(), Error> {
    let Some(tolerance) = tolerance else {
        return Ok(());
    };
    if timestamp < now.saturating_sub(tolerance) {
        Err(Error::TimestampTooOld {
            timestamp,
            now,
            tolerance,
        })
    } else if timestamp > now.saturating_add(tolerance) {
        Err(Error::TimestampTooNew {
            timestamp,
            now,
            tolerance,
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax() {
        let ok = |s: &str| parse(s.as_bytes()).map(|t| (t.value, t.digits().to_vec()));
        assert_eq!(ok(" \t0017\t "), Ok((17, b"0017".to_vec())));
        assert_eq!(
            ok("9999999999999999999").map(|t| t.0),
            Ok(9_999_999_999_999_999_999)
        );
        for bad in [
            "",
            " ",
            "00000000000000000001",
            "+1",
            "-1",
            "1.0",
            "1e9",
            "\n1",
            "١٢٣",
            "0x1",
        ] {
            assert!(parse(bad.as_bytes()).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn window_is_inclusive_and_saturating() {
        assert!(check_window(700, 1000, Some(300)).is_ok());
        assert!(check_window(1300, 1000, Some(300)).is_ok());
        assert!(matches!(
            check_window(699, 1000, Some(300)),
            Err(Error::TimestampTooOld { .. })
        ));
        assert!(matches!(
            check_window(1301, 1000, Some(300)),
            Err(Error::TimestampTooNew { .. })
        ));
        assert!(check_window(0, 100, Some(300)).is_ok());
        assert!(check_window(u64::MAX, u64::MAX, Some(u64::MAX)).is_ok());
        assert!(check_window(0, u64::MAX, None).is_ok());
        assert!(matches!(
            check_window(1, 0, Some(0)),
            Err(Error::TimestampTooNew { .. })
        ));
    }
}

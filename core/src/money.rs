//! [`Money`]: an amount kept exactly as the JSON number bookto sent.

use alloc::string::String;
use core::fmt;

/// An exact amount: the JSON number text as sent (`1.21` stays `1.21`,
/// `1.210` stays `1.210`), never a float.
///
/// ```
/// use bookto_verify::{parse_event, Event};
/// let body = include_bytes!("../fixtures/events/order-paid.json");
/// let Event::OrderPaid(order) = parse_event(body)? else { unreachable!() };
/// assert_eq!(order.amount.total_incl.as_str(), "1.21");
/// assert_eq!(order.amount.total_incl.to_minor_units(2), Some(121));
/// # Ok::<(), bookto_verify::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Money(String);

impl Money {
    /// Wraps JSON number text; the caller has checked it is a JSON number.
    pub(crate) const fn from_json_number(text: String) -> Self {
        Self(text)
    }

    /// The JSON number text exactly as received.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The nearest `f64`, exactly what JavaScript's `JSON.parse` gives
    /// (overflowing values become infinite). For display, not arithmetic.
    #[must_use]
    pub fn to_f64(&self) -> f64 {
        // Always a valid JSON number, which Rust's float grammar accepts.
        self.0.parse().unwrap_or(f64::NAN)
    }

    /// The amount in minor units with `decimals` fraction digits (cents for
    /// 2), when that is exact and fits an `i64`: `1.21` → `Some(121)`,
    /// `1.215` → `None`, `1E2` → `Some(10000)`.
    ///
    /// ```
    /// # use bookto_verify::Money;
    /// # let m = |s: &str| Money::parse_json_number(s).unwrap();
    /// assert_eq!(m("0.21").to_minor_units(2), Some(21));
    /// assert_eq!(m("-1.5e1").to_minor_units(0), Some(-15));
    /// assert_eq!(m("0.215").to_minor_units(2), None);
    /// ```
    #[must_use]
    pub fn to_minor_units(&self, decimals: u32) -> Option<i64> {
        let text = self.0.as_bytes();
        let (negative, text) = match text.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, text),
        };
        let (mantissa, exponent) = match text.iter().position(|b| matches!(b, b'e' | b'E')) {
            Some(i) => (
                text.get(..i)?,
                parse_exponent(text.get(i.checked_add(1)?..)?)?,
            ),
            None => (text, 0),
        };
        let (int_part, frac_part) = match mantissa.iter().position(|&b| b == b'.') {
            Some(i) => (mantissa.get(..i)?, mantissa.get(i.checked_add(1)?..)?),
            None => (mantissa, &[][..]),
        };
        // value = digits * 10^(exponent - frac_len + decimals)
        let shift = exponent
            .checked_add(i64::from(decimals))?
            .checked_sub(i64::try_from(frac_part.len()).ok()?)?;
        let digits = int_part.iter().chain(frac_part).copied();
        let mut value: i128 = 0;
        let keep = if shift >= 0 {
            usize::MAX
        } else {
            // Drop the last -shift digits, which must all be zero.
            (int_part.len().checked_add(frac_part.len())?)
                .saturating_sub(usize::try_from(shift.checked_neg()?).ok()?)
        };
        let mut index = 0usize;
        for d in digits {
            let d = i128::from(d.checked_sub(b'0')?);
            if index < keep {
                value = value.checked_mul(10)?.checked_add(d)?;
                if value > i128::from(i64::MAX).saturating_add(1) {
                    return None;
                }
            } else if d != 0 {
                return None;
            }
            index = index.checked_add(1)?;
        }
        if shift > 0 && value != 0 {
            let factor = 10i128.checked_pow(u32::try_from(shift).ok()?)?;
            value = value.checked_mul(factor)?;
        }
        let value = if negative {
            value.checked_neg()?
        } else {
            value
        };
        i64::try_from(value).ok()
    }

    /// Checks that `text` is one JSON number and wraps it.
    ///
    /// ```
    /// # use bookto_verify::Money;
    /// assert_eq!(Money::parse_json_number("1.21").unwrap().as_str(), "1.21");
    /// assert!(Money::parse_json_number("1.").is_none());
    /// ```
    #[must_use]
    pub fn parse_json_number(text: &str) -> Option<Self> {
        let v: &serde_json::value::RawValue = serde_json::from_str(text).ok()?;
        matches!(v.get().as_bytes().first(), Some(b'-' | b'0'..=b'9'))
            .then(|| Self(String::from(v.get())))
    }
}

fn parse_exponent(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text.split_first()? {
        (b'-', rest) => (true, rest),
        (b'+', rest) => (false, rest),
        _ => (false, text),
    };
    let mut value: i64 = 0;
    for &d in digits {
        value = value
            .checked_mul(10)?
            .checked_add(i64::from(d.checked_sub(b'0')?))?;
    }
    Some(if negative {
        value.checked_neg()?
    } else {
        value
    })
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse_json_number(s).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn minor_units() {
        let cases: &[(&str, u32, Option<i64>)] = &[
            ("1.21", 2, Some(121)),
            ("1", 2, Some(100)),
            ("0.21", 2, Some(21)),
            ("21", 0, Some(21)),
            ("1.210", 2, Some(121)),
            ("1.215", 2, None),
            ("-0", 2, Some(0)),
            ("-1.5", 2, Some(-150)),
            ("1E2", 2, Some(10000)),
            ("1.5e-1", 2, Some(15)),
            ("1e-3", 2, None),
            ("0e400", 2, Some(0)),
            ("1e400", 2, None),
            ("92233720368547758.07", 2, Some(i64::MAX)),
            ("92233720368547758.08", 2, None),
            ("-92233720368547758.08", 2, Some(i64::MIN)),
            ("1234567890123456789012345678901234567890", 0, None),
            ("0.00000000000000000000000000000000000001", 2, None),
        ];
        for &(text, decimals, expected) in cases {
            assert_eq!(m(text).to_minor_units(decimals), expected, "{text}");
        }
    }

    #[test]
    fn float_matches_json_parse() {
        assert_eq!(m("1.21").to_f64(), 1.21);
        assert!(m("1e400").to_f64().is_infinite());
        assert!(m("-0").to_f64().is_sign_negative());
    }

    #[test]
    fn only_json_numbers() {
        for bad in ["1.", ".5", "01", "+1", "NaN", "\"1\"", "1 2", "0x1"] {
            assert!(Money::parse_json_number(bad).is_none(), "{bad}");
        }
    }
}

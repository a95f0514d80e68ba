//! [`Money`]: an amount kept exactly as the JSON number bookto sent.

use alloc::string::String;
use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};

/// An exact amount: the JSON number text as sent (`1.21` stays `1.21`,
/// `1.210` stays `1.210`), never a float.
///
/// Amounts compare by value, exactly: `1.21 == 1.210 == 121e-2`, `-0 == 0`,
/// and `Ord` orders them as numbers. [`as_str`](Self::as_str) keeps the text.
///
/// ```
/// use bookto_verify::{parse_event, Event};
/// let body = include_bytes!("../fixtures/events/order-paid.json");
/// let Event::OrderPaid(order) = parse_event(body)? else { unreachable!() };
/// assert_eq!(order.amount.total_incl.as_str(), "1.21");
/// assert_eq!(order.amount.total_incl.to_minor_units(2), Some(121));
/// # Ok::<(), bookto_verify::Error>(())
/// ```
#[derive(Clone)]
pub struct Money(String);

impl Money {
    /// Wraps JSON number text; the caller has checked it is a JSON number
    /// whose exponent has at most 15 digits.
    pub(crate) const fn from_json_number(text: String) -> Self {
        Self(text)
    }

    /// An amount from decimal text, for building events in tests: the same
    /// as [`parse_json_number`](Self::parse_json_number).
    ///
    /// ```
    /// use bookto_verify::Money;
    /// assert_eq!(Money::new("9.99"), Money::new("9.990"));
    /// assert!(Money::new("9,99").is_none());
    /// ```
    #[must_use]
    pub fn new(text: &str) -> Option<Self> {
        Self::parse_json_number(text)
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
        let (negative, mantissa, exponent) = self.parts()?;
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

    /// Checks that `text` is one JSON number, with an exponent of at most
    /// 15 digits as in an event, and wraps it.
    ///
    /// ```
    /// # use bookto_verify::Money;
    /// assert_eq!(Money::parse_json_number("1.21").unwrap().as_str(), "1.21");
    /// assert!(Money::parse_json_number("1.").is_none());
    /// assert!(Money::parse_json_number("1e1000000000000000").is_none());
    /// ```
    #[must_use]
    pub fn parse_json_number(text: &str) -> Option<Self> {
        let v: &serde_json::value::RawValue = serde_json::from_str(text).ok()?;
        let number = v.get();
        (matches!(number.as_bytes().first(), Some(b'-' | b'0'..=b'9'))
            && !exponent_too_large(number))
        .then(|| Self(String::from(number)))
    }

    /// The number as its sign, its mantissa (digits and `.`) and its
    /// exponent; `None` for an exponent beyond `i64`.
    fn parts(&self) -> Option<(bool, &[u8], i64)> {
        let text = self.0.as_bytes();
        let (negative, text) = match text.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, text),
        };
        Some(match text.iter().position(|b| matches!(b, b'e' | b'E')) {
            Some(i) => (
                negative,
                text.get(..i)?,
                parse_exponent(text.get(i.checked_add(1)?..)?)?,
            ),
            None => (negative, text, 0),
        })
    }

    /// The value as sign, mantissa and the power of ten just above its first
    /// significant digit: `12.30` is `(false, "12.30", 2)`, `0.05e1` is
    /// `(false, "0.05", 0)`. [`significant`] reads the mantissa's digits.
    fn canonical(&self) -> (bool, &[u8], i64) {
        // A checked number's exponent has at most 15 digits: it always parses.
        let (negative, mantissa, exponent) = self.parts().unwrap_or((false, &[], 0));
        let int_len = mantissa
            .iter()
            .position(|&b| b == b'.')
            .unwrap_or(mantissa.len());
        let int_digits = mantissa
            .get(..int_len)
            .unwrap_or_default()
            .iter()
            .skip_while(|&&b| b == b'0')
            .count();
        let shift = if int_digits > 0 {
            i64::try_from(int_digits).unwrap_or(i64::MAX)
        } else {
            let frac = mantissa
                .get(int_len.saturating_add(1)..)
                .unwrap_or_default();
            let zeros = frac.iter().take_while(|&&b| b == b'0').count();
            i64::try_from(zeros).unwrap_or(i64::MAX).saturating_neg()
        };
        (negative, mantissa, exponent.saturating_add(shift))
    }
}

/// The significant digits of a mantissa: no `.`, no leading or trailing
/// zeros. Empty for zero.
fn significant(mantissa: &[u8]) -> impl Iterator<Item = u8> + Clone + '_ {
    let digits = mantissa.iter().copied().filter(|&b| b != b'.');
    let last = mantissa.iter().rposition(|&b| !matches!(b, b'0' | b'.'));
    let count = mantissa
        .iter()
        .take(last.map_or(0, |i| i.saturating_add(1)))
        .filter(|&&b| b != b'.')
        .count();
    digits.take(count).skip_while(|&b| b == b'0')
}

impl PartialEq for Money {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Money {}

impl PartialOrd for Money {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Numeric order, exact at any precision.
///
/// ```
/// use bookto_verify::Money;
/// let m = |s| Money::new(s).unwrap();
/// assert!(m("1.21") < m("1.3"));
/// assert!(m("-2") < m("-1.5"));
/// assert_eq!(m("1.21"), m("121e-2"));
/// ```
impl Ord for Money {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a_neg, a_mantissa, a_mag) = self.canonical();
        let (b_neg, b_mantissa, b_mag) = other.canonical();
        let sign = |negative: bool, mantissa: &[u8]| match significant(mantissa).next() {
            None => 0,
            Some(_) if negative => -1,
            Some(_) => 1,
        };
        let (a_sign, b_sign) = (sign(a_neg, a_mantissa), sign(b_neg, b_mantissa));
        match a_sign.cmp(&b_sign) {
            Ordering::Equal if a_sign == 0 => Ordering::Equal,
            Ordering::Equal => {
                let order = a_mag
                    .cmp(&b_mag)
                    .then_with(|| significant(a_mantissa).cmp(significant(b_mantissa)));
                if a_sign < 0 { order.reverse() } else { order }
            }
            unequal => unequal,
        }
    }
}

/// Hashes the value, so equal amounts (`1.21`, `1.210`) hash alike.
impl Hash for Money {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let (negative, mantissa, magnitude) = self.canonical();
        if significant(mantissa).next().is_none() {
            state.write_u8(0);
            return;
        }
        state.write_u8(if negative { 1 } else { 2 });
        state.write_i64(magnitude);
        for digit in significant(mantissa) {
            state.write_u8(digit);
        }
    }
}

/// True when a JSON number's exponent is beyond ±999 999 999 999 999 (15
/// digits): with that bound every host's decimal type holds the amount
/// exactly (Python's `Decimal` stops near 10^18), and no amount needs more.
pub(crate) fn exponent_too_large(number: &str) -> bool {
    number.split_once(['e', 'E']).is_some_and(|(_, exponent)| {
        exponent
            .trim_start_matches(['+', '-'])
            .trim_start_matches('0')
            .len()
            > 15
    })
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

/// Serialized as its exact decimal text (`"1.21"`), in every format.
impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// From decimal text (`"1.21"`, as serialized), or from a number: integers
/// exactly, floats by their shortest round-trip text (`0.1` gives `"0.1"`).
impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal amount such as \"1.21\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Money, E> {
                Money::parse_json_number(v)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Money, E> {
                Ok(Money(alloc::format!("{v}")))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Money, E> {
                Ok(Money(alloc::format!("{v}")))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Money, E> {
                let text = alloc::format!("{v}");
                Money::parse_json_number(&text)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Float(v), &self))
            }
        }
        d.deserialize_any(Text)
    }
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
    fn compares_by_value() {
        use core::hash::BuildHasher;
        let equal = [
            ("1.21", "1.210"),
            ("1.21", "121e-2"),
            ("1.21", "0.121E1"),
            ("0", "-0"),
            ("0", "0.000e5"),
            ("100", "1e2"),
            ("100", "100.00"),
            ("-3.5", "-35e-1"),
        ];
        let state = std::hash::RandomState::new();
        for (a, b) in equal {
            assert_eq!(m(a), m(b), "{a} == {b}");
            assert_eq!(state.hash_one(m(a)), state.hash_one(m(b)), "hash {a} {b}");
            assert_eq!(m(a).as_str(), a, "text kept");
        }
        let ascending = [
            "-1e3", "-100.5", "-100", "-1.21", "-0.001", "0", "0.0001", "0.21", "1", "1.2", "1.21",
            "1.3", "9.99", "10", "1e15",
        ];
        for pair in ascending.windows(2) {
            let [a, b] = pair else { unreachable!() };
            assert!(m(a) < m(b), "{a} < {b}");
            assert!(m(b) > m(a), "{b} > {a}");
            assert_ne!(m(a), m(b));
        }
    }

    #[test]
    fn only_json_numbers() {
        for bad in ["1.", ".5", "01", "+1", "NaN", "\"1\"", "1 2", "0x1"] {
            assert!(Money::parse_json_number(bad).is_none(), "{bad}");
        }
    }
}

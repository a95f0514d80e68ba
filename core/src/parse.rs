//! [`parse_event`]: the typed parser, with every check of the event model.
//!
//! The body is scanned once into borrowed raw JSON values per known field
//! (unknown fields are skipped without being converted, so they may hold any
//! valid JSON, even numbers no float can hold); each field is then converted
//! on its own, which lets an error name its exact JSON path.

use alloc::borrow::{Cow, ToOwned};
use alloc::string::String;
use core::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::Error;
use crate::datetime::DateTime;
use crate::error::{PayloadError, PayloadReason};
use crate::event::{Event, ORDER_PAID, UnknownEvent};
use crate::money::{Money, exponent_too_large};
use crate::order_paid;

/// Parses a body whose signature was already verified.
///
/// Use it when verification happened elsewhere (a queue that stored the
/// verified body); otherwise call [`Verifier::verify`](crate::Verifier::verify).
///
/// ```
/// use bookto_verify::{parse_event, Event};
/// let body = include_bytes!("../fixtures/events/order-paid.json");
/// let Event::OrderPaid(order) = parse_event(body)? else { unreachable!() };
/// assert_eq!(order.amount.vat.as_str(), "0.21");
/// let err = parse_event(br#"{"event":1}"#).unwrap_err();
/// assert_eq!(err.to_string(), "invalid payload: event: expected a string");
/// # Ok::<(), bookto_verify::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::InvalidPayload`] naming the JSON path and the reason, when
/// the body is not a JSON object of the event model.
pub fn parse_event(body: &[u8]) -> Result<Event, Error> {
    parse(body).map_err(Error::InvalidPayload)
}

pub(crate) type Result<T, E = PayloadError> = core::result::Result<T, E>;

const fn err(path: &'static str, reason: PayloadReason) -> PayloadError {
    PayloadError { path, reason }
}

/// Checks the whole body and reads its top-level object; `Err` for anything
/// not a JSON object (BOM, not UTF-8, too deep, not JSON).
pub(crate) fn read_top(body: &[u8]) -> Result<(&str, Top<'_>)> {
    if body.starts_with(b"\xEF\xBB\xBF") {
        return Err(err("", PayloadReason::Bom));
    }
    let text = core::str::from_utf8(body).map_err(|_| err("", PayloadReason::NotUtf8))?;
    if too_deep(body) {
        return Err(err("", PayloadReason::TooDeep));
    }
    let top = Fields::read(text, &order_paid::KEYS).map_err(|e| whole_body_error(&e))?;
    Ok((text, top))
}

/// The top-level object: the raw values of `order.paid`'s keys (`event` first).
pub(crate) type Top<'a> = Fields<'a, { order_paid::KEYS.len() }>;

/// The body's event: `Ok(None)` for `order.paid` (then read with
/// [`order_paid::literals`]), else the name of an unknown event.
pub(crate) fn event_name<'a>(top: &Top<'a>) -> Result<Option<&'a str>> {
    let event = string_literal(top.get(0), "event")?;
    if decode(event) == ORDER_PAID {
        top.no_duplicates(&order_paid::PATHS)?;
        return Ok(None);
    }
    if top.duplicate == Some(0) {
        return Err(err("event", PayloadReason::DuplicateField));
    }
    Ok(Some(event))
}

fn parse(body: &[u8]) -> Result<Event> {
    let (text, top) = read_top(body)?;
    if let Some(event) = event_name(&top)? {
        return Ok(Event::Unknown(UnknownEvent {
            event: decode(event).into_owned(),
            data: text.to_owned(),
        }));
    }
    let literals = order_paid::literals(&top)?;
    Ok(Event::OrderPaid(order_paid::build(literals)?))
}
/// What a literal holds, for the JavaScript row: money is written twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Written once, as its JSON text.
    Plain,
    /// Written as the JSON number, then as a string of its exact text.
    Money,
}

/// A checked string literal's content, owned.
pub(crate) fn text(literal: &str) -> String {
    decode(literal).into_owned()
}

/// A checked optional string literal's content; `None` for `null`.
pub(crate) fn optional_text(literal: &str) -> Option<String> {
    (literal != "null").then(|| text(literal))
}

/// A checked date-time literal as a [`DateTime`].
pub(crate) fn datetime(literal: &str, path: &'static str) -> Result<DateTime> {
    DateTime::parse(&decode(literal)).ok_or(err(path, PayloadReason::InvalidDateTime))
}

/// A checked number literal as [`Money`].
pub(crate) fn money(number: &str) -> Money {
    Money::from_json_number(number.to_owned())
}

/// A checked boolean literal.
pub(crate) fn boolean(literal: &str) -> bool {
    literal == "true"
}

/// The raw value of field `index` of a nested object, or the object's own
/// error (missing, not an object, duplicate key): a nested object's error
/// surfaces at its first field's turn.
pub(crate) fn nested<'a, const N: usize>(
    object: &Result<Fields<'a, N>>,
    index: usize,
) -> Result<Option<&'a RawValue>> {
    object.as_ref().map(|o| o.get(index)).map_err(|e| *e)
}

/// Most nested arrays and objects, the top-level object being level 1.
pub const MAX_DEPTH: usize = 128;

/// True when arrays/objects nest deeper than [`MAX_DEPTH`] (outside strings).
///
/// `serde_json` skips unknown values without recursion, so it needs no such
/// limit; the hosts that parse the body again (Python's `json.loads` for an
/// unknown event's data) do, and a cap keeps every language's answer the same.
fn too_deep(body: &[u8]) -> bool {
    // Cheap, vectorised pre-check: fewer openers than the limit cannot nest past it.
    // Counted in u8 lanes per 255-byte chunk, which the compiler vectorises.
    let openers: usize = body
        .chunks(255)
        .map(|chunk| {
            let n = chunk.iter().fold(0u8, |n, &b| {
                n.wrapping_add(u8::from(b == b'[' || b == b'{'))
            });
            usize::from(n)
        })
        .sum();
    if openers <= MAX_DEPTH {
        return false;
    }
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in body {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth = depth.saturating_add(1);
                if depth > MAX_DEPTH {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// Maps a failure to read the top-level object to a whole-body reason.
fn whole_body_error(e: &serde_json::Error) -> PayloadError {
    use serde_json::error::Category;
    let reason = match e.classify() {
        Category::Data => PayloadReason::NotAnObject,
        _ => PayloadReason::Syntax {
            line: e.line(),
            column: e.column(),
        },
    };
    err("", reason)
}

/// The raw text of a required field; `null` then fails its type check.
fn required<'a>(raw: Option<&'a RawValue>, path: &'static str) -> Result<&'a str> {
    raw.map(RawValue::get)
        .ok_or(err(path, PayloadReason::MissingField))
}

/// The content of a checked string literal: borrowed when it has no escapes.
fn decode(literal: &str) -> Cow<'_, str> {
    match literal.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(plain) if !plain.contains('\\') => Cow::Borrowed(plain),
        // Checked by `string_literal` already, so this cannot fail.
        _ => Cow::Owned(serde_json::from_str::<String>(literal).unwrap_or_default()),
    }
}

/// A JSON string literal whose escapes decode (no lone surrogate).
pub(crate) fn string_literal<'a>(raw: Option<&'a RawValue>, path: &'static str) -> Result<&'a str> {
    let text = required(raw, path)?;
    let valid = match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(plain) if !plain.contains('\\') => true,
        Some(_) => serde_json::from_str::<String>(text).is_ok(),
        None => false,
    };
    valid
        .then_some(text)
        .ok_or(err(path, PayloadReason::ExpectedString))
}

/// A string literal, or `null` when absent or null.
pub(crate) fn optional_string_literal<'a>(
    raw: Option<&'a RawValue>,
    path: &'static str,
) -> Result<&'a str> {
    match raw.map(RawValue::get) {
        None | Some("null") => Ok("null"),
        Some(_) => string_literal(raw, path),
    }
}

/// A string literal holding an RFC 3339 date-time.
pub(crate) fn datetime_literal<'a>(
    raw: Option<&'a RawValue>,
    path: &'static str,
) -> Result<&'a str> {
    let literal = string_literal(raw, path)?;
    DateTime::is_valid(&decode(literal))
        .then_some(literal)
        .ok_or(err(path, PayloadReason::InvalidDateTime))
}

pub(crate) fn money_literal<'a>(raw: Option<&'a RawValue>, path: &'static str) -> Result<&'a str> {
    let text = required(raw, path)?;
    // The raw value is valid JSON, so a leading '-' or digit means a number.
    if !matches!(text.as_bytes().first(), Some(b'-' | b'0'..=b'9')) {
        return Err(err(path, PayloadReason::ExpectedNumber));
    }
    if exponent_too_large(text) {
        return Err(err(path, PayloadReason::NumberOutOfRange));
    }
    Ok(text)
}

pub(crate) fn bool_literal<'a>(raw: Option<&'a RawValue>, path: &'static str) -> Result<&'a str> {
    match required(raw, path)? {
        text @ ("true" | "false") => Ok(text),
        _ => Err(err(path, PayloadReason::ExpectedBool)),
    }
}

pub(crate) fn object<'a, const N: usize>(
    raw: Option<&'a RawValue>,
    path: &'static str,
    keys: &'static [&'static str; N],
    paths: &'static [&'static str; N],
) -> Result<Fields<'a, N>> {
    let text = required(raw, path)?;
    let fields = Fields::read(text, keys).map_err(|_| err(path, PayloadReason::ExpectedObject))?;
    fields.no_duplicates(paths)?;
    Ok(fields)
}

/// The raw values of the known keys of one JSON object.
pub(crate) struct Fields<'a, const N: usize> {
    values: [Option<&'a RawValue>; N],
    /// Index of the first known key seen twice.
    duplicate: Option<usize>,
}

impl<'a, const N: usize> Fields<'a, N> {
    fn read(text: &'a str, keys: &'static [&'static str; N]) -> Result<Self, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let fields = FieldsSeed { keys }.deserialize(&mut de)?;
        de.end()?;
        Ok(fields)
    }

    pub(crate) fn get(&self, index: usize) -> Option<&'a RawValue> {
        self.values.get(index).copied().flatten()
    }

    fn no_duplicates(&self, paths: &'static [&'static str; N]) -> Result<()> {
        match self.duplicate.and_then(|i| paths.get(i)) {
            Some(path) => Err(err(path, PayloadReason::DuplicateField)),
            None => Ok(()),
        }
    }
}

struct FieldsSeed<const N: usize> {
    keys: &'static [&'static str; N],
}

impl<'de, const N: usize> DeserializeSeed<'de> for FieldsSeed<N> {
    type Value = Fields<'de, N>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, const N: usize> Visitor<'de> for FieldsSeed<N> {
    type Value = Fields<'de, N>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = Fields {
            values: [None; N],
            duplicate: None,
        };
        while let Some(index) = map.next_key_seed(KeySeed { keys: self.keys })? {
            match index.and_then(|i| fields.values.get_mut(i).map(|slot| (i, slot))) {
                Some((i, slot)) => {
                    let value: &'de RawValue = map.next_value()?;
                    if slot.replace(value).is_some() && fields.duplicate.is_none() {
                        fields.duplicate = Some(i);
                    }
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(fields)
    }
}

/// Reads an object key and says which known key it is, without allocating
/// for keys that need no unescaping.
struct KeySeed<const N: usize> {
    keys: &'static [&'static str; N],
}

impl<'de, const N: usize> DeserializeSeed<'de> for KeySeed<N> {
    type Value = Option<usize>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<const N: usize> Visitor<'_> for KeySeed<N> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.keys.iter().position(|k| *k == key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = include_bytes!("../fixtures/events/order-paid.json");

    fn reason(body: &str) -> (&'static str, PayloadReason) {
        match parse(body.as_bytes()) {
            Err(e) => (e.path, e.reason),
            Ok(ev) => panic!("parsed {ev:?}"),
        }
    }

    #[test]
    fn sample_parses() {
        let Ok(Event::OrderPaid(order)) = parse_event(SAMPLE) else {
            panic!("sample did not parse")
        };
        assert_eq!(order.amount.total_incl.as_str(), "1.21");
        assert_eq!(order.amount.currency, "EUR");
    }

    #[test]
    fn whole_body_errors() {
        assert_eq!(reason("[]"), ("", PayloadReason::NotAnObject));
        assert_eq!(
            reason("{\"event\":\"x\"} x").1,
            PayloadReason::Syntax {
                line: 1,
                column: 15
            }
        );
        assert_eq!(reason("{\"event\":NaN}").0, "");
        assert_eq!(reason("\u{feff}{}"), ("", PayloadReason::Bom));
        let nested = |n: usize| {
            [
                "{\"event\":\"x\",\"a\":",
                &"[".repeat(n),
                &"]".repeat(n),
                "}",
            ]
            .concat()
        };
        assert!(parse(nested(127).as_bytes()).is_ok());
        assert_eq!(reason(&nested(128)), ("", PayloadReason::TooDeep));
        assert!(parse(br#"{"event":"x","a":"[[[[\"{{{{"}"#).is_ok());
        assert!(matches!(
            parse(b"{\"event\":\"x\",\"n\":1e400,\"m\":123456789012345678901234567890}"),
            Ok(Event::Unknown(_))
        ));
        assert!(matches!(
            parse(b"\xff"),
            Err(PayloadError {
                reason: PayloadReason::NotUtf8,
                ..
            })
        ));
    }

    #[test]
    fn field_errors_name_their_path() {
        assert_eq!(reason("{}"), ("event", PayloadReason::MissingField));
        assert_eq!(
            reason("{\"event\":null}"),
            ("event", PayloadReason::ExpectedString)
        );
        assert_eq!(
            reason("{\"event\":\"a\",\"event\":\"a\"}"),
            ("event", PayloadReason::DuplicateField)
        );
        assert_eq!(
            reason("{\"event\":\"order.paid\"}"),
            ("payment_provider", PayloadReason::MissingField)
        );
    }
}

//! [`parse_event`]: the typed parser, with every check of the event model.
//!
//! The body is scanned once ([`Scan`], nested objects included, laid out by
//! the `SHAPE` codegen writes from the declaration) into borrowed raw JSON
//! values per known field (unknown fields are skipped without being
//! converted, so they may hold any valid JSON, even numbers no float can
//! hold); each field is then checked and converted on its own, which lets an
//! error name its exact JSON path.

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
    let top = Top::read(text, &order_paid::SHAPE).map_err(|e| whole_body_error(&e))?;
    Ok((text, top))
}

/// The body's scan for `order.paid`'s keys (`event` first).
pub(crate) type Top<'a> = Scan<'a, { order_paid::SLOTS.len() }, { order_paid::SHAPE.len() }>;

/// The body's event: `Ok(None)` for `order.paid` (then read with
/// [`order_paid::literals`]), else the name of an unknown event.
pub(crate) fn event_name<'a>(top: &Top<'a>) -> Result<Option<&'a str>> {
    let event = string_literal(top.get(0), "event")?;
    if decode(event) == ORDER_PAID {
        top.no_duplicates(0)?;
        return Ok(None);
    }
    if top.duplicate(0) == Some(0) {
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
        Some(plain) if !has_escape(plain) => Cow::Borrowed(plain),
        // Checked by `string_literal` already, so this cannot fail.
        _ => Cow::Owned(serde_json::from_str::<String>(literal).unwrap_or_default()),
    }
}

/// True when a string literal's content holds an escape (memchr's SIMD scan:
/// far faster than `str::contains` on the long names bookto sends).
fn has_escape(content: &str) -> bool {
    memchr::memchr(b'\\', content.as_bytes()).is_some()
}

/// A JSON string literal whose escapes decode (no lone surrogate).
pub(crate) fn string_literal<'a>(raw: Option<&'a RawValue>, path: &'static str) -> Result<&'a str> {
    let text = required(raw, path)?;
    let valid = match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(plain) if !has_escape(plain) => true,
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

/// A key of an object of the event model, as codegen lists them in
/// `SHAPE`: its dotted path (for errors) and where its value goes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Key {
    pub(crate) path: &'static str,
    pub(crate) target: Target,
}

/// Where a key's value goes.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Target {
    /// The raw value of literal `n` (declaration order of the leaves).
    Leaf(usize),
    /// Nested object `n` of `SHAPE`.
    Object(usize),
}

/// An object of the event model: its dotted path (`""` at the top), its
/// keys, and the function that says which of them a name is (a `match`,
/// as serde's derive writes one).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ObjectShape {
    pub(crate) path: &'static str,
    pub(crate) keys: &'static [Key],
    pub(crate) key: fn(&str) -> Option<usize>,
}

/// What the scan found where an object was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seen {
    Absent,
    NotObject,
    /// An object; the index of its first known key seen twice, if any.
    Object(Option<usize>),
}

/// The raw value of every leaf of the model, and what stood where each of its
/// objects was expected, from one pass over the body: the known keys of
/// nested objects are read as the scan meets them, unknown keys skipped
/// unconverted (so they may hold any valid JSON, even numbers no float holds).
pub(crate) struct Scan<'a, const L: usize, const O: usize> {
    shape: &'static [ObjectShape; O],
    leaves: [Option<&'a RawValue>; L],
    objects: [Seen; O],
}

impl<'a, const L: usize, const O: usize> Scan<'a, L, O> {
    fn read(text: &'a str, shape: &'static [ObjectShape; O]) -> Result<Self, serde_json::Error> {
        // One pass, nested objects read in place. A nested value that is not
        // an object goes through `deserialize_any`, which converts numbers
        // and so refuses one past f64 (`1e400`) that the model only needs to
        // call "not an object"; such a body, and any body whose syntax is
        // wrong, is read again with nested objects captured raw first, which
        // gives the same answer for every body the first pass accepts.
        Self::read_with(text, shape, Nested::InPlace)
            .or_else(|_| Self::read_with(text, shape, Nested::Raw))
    }

    fn read_with(
        text: &'a str,
        shape: &'static [ObjectShape; O],
        nested: Nested,
    ) -> Result<Self, serde_json::Error> {
        let mut scan = Scan {
            shape,
            leaves: [None; L],
            objects: [Seen::Absent; O],
        };
        let mut de = serde_json::Deserializer::from_str(text);
        de::Deserializer::deserialize_map(
            &mut de,
            ObjectSeed {
                scan: &mut scan,
                object: 0,
                nested,
            },
        )?;
        de.end()?;
        Ok(scan)
    }

    pub(crate) fn get(&self, leaf: usize) -> Option<&'a RawValue> {
        self.leaves.get(leaf).copied().flatten()
    }

    /// The raw value of a leaf inside nested objects (outermost first), or
    /// the first of those objects' own error (missing, not an object,
    /// duplicate key): a nested object's error surfaces at its first leaf's turn.
    pub(crate) fn nested(&self, objects: &[usize], leaf: usize) -> Result<Option<&'a RawValue>> {
        for &object in objects {
            let path = self.shape.get(object).map_or("", |o| o.path);
            match self.objects.get(object) {
                Some(Seen::Object(_)) => self.no_duplicates(object)?,
                Some(Seen::NotObject) => return Err(err(path, PayloadReason::ExpectedObject)),
                _ => return Err(err(path, PayloadReason::MissingField)),
            }
        }
        Ok(self.get(leaf))
    }

    /// The index of the first known key of `object` seen twice.
    fn duplicate(&self, object: usize) -> Option<usize> {
        match self.objects.get(object) {
            Some(Seen::Object(duplicate)) => *duplicate,
            _ => None,
        }
    }

    fn no_duplicates(&self, object: usize) -> Result<()> {
        let key = self
            .duplicate(object)
            .and_then(|i| self.shape.get(object)?.keys.get(i));
        match key {
            Some(key) => Err(err(key.path, PayloadReason::DuplicateField)),
            None => Ok(()),
        }
    }
}

/// How a nested object's value is read: see [`Scan::read`].
#[derive(Clone, Copy)]
enum Nested {
    InPlace,
    Raw,
}

/// Reads one object of the shape into the scan.
struct ObjectSeed<'s, 'a, const L: usize, const O: usize> {
    scan: &'s mut Scan<'a, L, O>,
    object: usize,
    nested: Nested,
}

impl<'de, const L: usize, const O: usize> DeserializeSeed<'de> for ObjectSeed<'_, 'de, L, O> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        // The top level must be an object; a nested value may be anything.
        if self.object == 0 {
            d.deserialize_map(self)
        } else {
            d.deserialize_any(self)
        }
    }
}

impl<'de, const L: usize, const O: usize> Visitor<'de> for ObjectSeed<'_, 'de, L, O> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Self {
            scan,
            object,
            nested,
        } = self;
        let Some(&ObjectShape { keys, key, .. }) = scan.shape.get(object) else {
            return Err(de::Error::custom("no such object"));
        };
        if let Some(seen) = scan.objects.get_mut(object) {
            *seen = Seen::Object(None);
        }
        while let Some(index) = map.next_key_seed(KeySeed(key))? {
            let Some(key) = index.and_then(|i| keys.get(i)) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let repeated = match key.target {
                Target::Leaf(leaf) => {
                    let value: &'de RawValue = map.next_value()?;
                    scan.leaves
                        .get_mut(leaf)
                        .is_some_and(|slot| slot.replace(value).is_some())
                }
                Target::Object(inner) => {
                    if scan.objects.get(inner).is_some_and(|s| *s != Seen::Absent) {
                        map.next_value::<IgnoredAny>()?;
                        true
                    } else {
                        read_nested(&mut map, scan, inner, nested)?;
                        false
                    }
                }
            };
            if repeated {
                if let Some(Seen::Object(duplicate @ None)) = scan.objects.get_mut(object) {
                    *duplicate = index;
                }
            }
        }
        Ok(())
    }

    // Any other value where a nested object was expected: not an object.
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.not_object();
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.not_object();
        Ok(())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.not_object();
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.not_object();
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.not_object();
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.not_object();
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.not_object();
        Ok(())
    }
}

impl<const L: usize, const O: usize> ObjectSeed<'_, '_, L, O> {
    fn not_object(self) {
        if let Some(seen) = self.scan.objects.get_mut(self.object) {
            *seen = Seen::NotObject;
        }
    }
}

/// Reads the value of a nested object's key: in place, or captured raw and
/// then read from its own text (a value that is no object: [`Seen::NotObject`]).
fn read_nested<'de, A: MapAccess<'de>, const L: usize, const O: usize>(
    map: &mut A,
    scan: &mut Scan<'de, L, O>,
    object: usize,
    nested: Nested,
) -> Result<(), A::Error> {
    match nested {
        Nested::InPlace => map.next_value_seed(ObjectSeed {
            scan,
            object,
            nested,
        }),
        Nested::Raw => {
            let raw: &'de RawValue = map.next_value()?;
            let mut de = serde_json::Deserializer::from_str(raw.get());
            let seed = ObjectSeed {
                scan: &mut *scan,
                object,
                nested,
            };
            let read = de::Deserializer::deserialize_map(&mut de, seed).and_then(|()| de.end());
            if read.is_err() {
                if let Some(seen) = scan.objects.get_mut(object) {
                    *seen = Seen::NotObject;
                }
            }
            Ok(())
        }
    }
}

/// Reads an object key and says which known key it is, without allocating
/// for keys that need no unescaping.
struct KeySeed(fn(&str) -> Option<usize>);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Option<usize>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok((self.0)(key))
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

    /// The sample with its `amount` object's text replaced.
    fn with_amount(amount: &str) -> String {
        let sample = core::str::from_utf8(SAMPLE).unwrap_or_default();
        let object =
            r#"{"total_incl":1.21,"excl_vat":1,"vat":0.21,"vat_rate":21,"currency":"EUR"}"#;
        assert!(sample.contains(object));
        sample.replacen(object, amount, 1)
    }

    #[test]
    fn nested_objects_read_in_one_pass_or_raw() {
        // Values the in-place read refuses (past f64) fall back to the raw read;
        // the vectors pin the same answers in every language.
        for not_object in [
            "1e400",
            "-1E999",
            "[1e400,{\"a\":1}]",
            "\"x\"",
            "null",
            "true",
            "7",
        ] {
            assert_eq!(
                reason(&with_amount(not_object)),
                ("amount", PayloadReason::ExpectedObject),
                "{not_object}"
            );
        }
        // A syntax error is reported by the raw read, as before the single pass.
        assert_eq!(
            reason(r#"{"event":"x","amount":{"vat":1e400} "#).1,
            PayloadReason::Syntax {
                line: 1,
                column: 36
            }
        );
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

//! The typed event model: [`Event`], [`OrderPaid`] and its parts.
//!
//! Every type is `Serialize` and `Deserialize` with the wire's field names,
//! through any serde format: money as its exact decimal text, date-times as
//! their RFC 3339 text, an unknown event as its name and body text.

use alloc::string::String;

use serde::{Deserialize, Deserializer, Serialize};

use crate::datetime::DateTime;
use crate::money::Money;

/// The event name of a paid order.
pub const ORDER_PAID: &str = "order.paid";

/// A verified webhook event.
///
/// Event names this version does not model arrive as [`Event::Unknown`].
/// The enum is `#[non_exhaustive]`: when bookto adds a typed event (say
/// `order.refunded`), a new variant arrives in a minor release, so keep a
/// wildcard arm.
///
/// ```
/// use bookto_verify::{parse_event, Event};
/// match parse_event(br#"{"event":"order.refunded"}"#)? {
///     Event::OrderPaid(order) => println!("{}", order.order_id),
///     Event::Unknown(other) => assert_eq!(other.event, "order.refunded"),
///     _ => {}
/// }
/// # Ok::<(), bookto_verify::Error>(())
/// ```
// One event per request: boxing the large variant would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Event {
    /// `order.paid`: a customer paid.
    OrderPaid(OrderPaid),
    /// Any other event name: a new event type never breaks a receiver.
    Unknown(UnknownEvent),
}

impl Event {
    /// The wire `event` name.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::OrderPaid(order) => &order.event,
            Self::Unknown(other) => &other.event,
        }
    }
}

/// An event this version does not model, with its name and raw JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UnknownEvent {
    /// The wire `event` name (possibly empty).
    pub event: String,
    /// The whole body, as verified JSON text (a string in every serde
    /// format, so no format needs to embed raw JSON).
    pub data: String,
}

/// `order.paid`: sent once per paid order, to every webhook URL of the seller.
///
/// Field names are the wire names. Unknown fields are ignored. Compared
/// field by field, money and date-times by value.
///
/// It serializes to the wire's shape (money as exact text) and deserializes
/// back, so events can be stored and queued:
///
/// ```
/// use bookto_verify::OrderPaid;
/// let order = OrderPaid::sample();
/// let json = serde_json::to_string(&order)?;
/// assert!(json.contains(r#""total_incl":"1.21""#));
/// assert_eq!(serde_json::from_str::<OrderPaid>(&json)?, order);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrderPaid {
    /// Always `order.paid`.
    #[serde(deserialize_with = "order_paid_name")]
    pub event: String,
    /// Payment provider, e.g. `mollie`.
    pub payment_provider: String,
    /// bookto's order id.
    pub order_id: String,
    /// Human-readable order number, e.g. `ORD-1042`.
    pub order_number: String,
    /// Order status, e.g. `paid`.
    pub status: String,
    /// When the order was created (RFC 3339).
    pub created_at: DateTime,
    /// When it was paid (RFC 3339).
    pub paid_at: DateTime,
    /// What was paid, exactly.
    pub amount: Amount,
    /// VAT treatment, e.g. `standard`.
    pub vat_treatment: String,
    /// The product bought.
    pub product: Product,
    /// Who paid.
    pub buyer: Buyer,
    /// Who sold.
    pub seller: Seller,
    /// True for payments made in test mode.
    pub is_test_order: bool,
}

/// Amounts of an order, exact.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Amount {
    /// Total including VAT.
    pub total_incl: Money,
    /// Total excluding VAT.
    pub excl_vat: Money,
    /// VAT amount.
    pub vat: Money,
    /// VAT rate in percent (`21` for 21 %).
    pub vat_rate: Money,
    /// ISO 4217 currency code, e.g. `EUR`.
    pub currency: String,
}

/// The product of an order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Product {
    /// Product name.
    pub name: String,
}

/// The buyer of an order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Buyer {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// E-mail address.
    pub email: String,
    /// Company name, if any.
    #[serde(default)]
    pub company: Option<String>,
    /// Country code, e.g. `BE`.
    pub country: String,
}

/// The seller of an order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Seller {
    /// bookto's seller id.
    pub id: String,
    /// Legal entity, if any.
    #[serde(default)]
    pub entity: Option<String>,
}

impl OrderPaid {
    /// A valid test-mode order (`is_test_order: true`) with placeholder
    /// values, for building events in your own tests without JSON: every
    /// field is public, so change what the test needs.
    ///
    /// ```
    /// use bookto_verify::{Money, OrderPaid};
    /// let mut order = OrderPaid::sample();
    /// order.order_id = "ord_test_1".into();
    /// order.amount.total_incl = Money::new("99.95").unwrap();
    /// assert!(order.is_test_order);
    /// ```
    #[must_use]
    pub fn sample() -> Self {
        let text = |s: &str| String::from(s);
        let money = |s: &str| Money::from_json_number(text(s));
        let time = |s: &str| DateTime::parse(s).unwrap_or_else(DateTime::epoch);
        Self {
            event: text(ORDER_PAID),
            payment_provider: text("mollie"),
            order_id: text("00000000-0000-4000-8000-000000000000"),
            order_number: text("ORD-2025-11-004817"),
            status: text("paid"),
            created_at: time("2025-11-27T00:00:00Z"),
            paid_at: time("2025-11-27T00:00:00Z"),
            amount: Amount {
                total_incl: money("1.21"),
                excl_vat: money("1"),
                vat: money("0.21"),
                vat_rate: money("21"),
                currency: text("EUR"),
            },
            vat_treatment: text("standard"),
            product: Product {
                name: text("Test product"),
            },
            buyer: Buyer {
                first_name: text("Test"),
                last_name: text("Buyer"),
                email: text("buyer@example.com"),
                company: None,
                country: text("BE"),
            },
            seller: Seller {
                id: text("00000000-0000-4000-8000-000000000001"),
                entity: None,
            },
            is_test_order: true,
        }
    }
}

/// Deserializes `OrderPaid::event`, which must be `order.paid`: an unknown
/// event never passes for a paid order.
fn order_paid_name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let name = String::deserialize(d)?;
    if name == ORDER_PAID {
        Ok(name)
    } else {
        Err(serde::de::Error::invalid_value(
            serde::de::Unexpected::Str(&name),
            &ORDER_PAID,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::borrow::ToOwned;

    #[test]
    fn sample_is_a_valid_test_order() {
        let sample = OrderPaid::sample();
        // Its wire form (money back to JSON numbers) passes the parser.
        let mut wire = serde_json::to_value(&sample).unwrap_or_default();
        for field in ["total_incl", "excl_vat", "vat", "vat_rate"] {
            let text = wire["amount"][field]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            wire["amount"][field] = serde_json::from_str(&text).unwrap_or_default();
        }
        let body = serde_json::to_vec(&wire).unwrap_or_default();
        assert_eq!(
            crate::parse_event(&body),
            Ok(Event::OrderPaid(sample.clone()))
        );
        assert!(sample.is_test_order);
        assert_eq!(sample.created_at.as_str(), "2025-11-27T00:00:00Z");
    }

    #[test]
    fn serde_round_trips_without_floats() {
        let body = include_bytes!("../fixtures/events/order-paid.json");
        let Ok(event) = crate::parse_event(body) else {
            panic!("sample did not parse")
        };
        let json = serde_json::to_string(&event).unwrap_or_default();
        assert!(json.contains(r#""vat":"0.21""#), "{json}");
        assert!(!json.contains("exact"), "{json}");
        let back: Event = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
        assert_eq!(back, event);
        // Numbers are accepted too, exactly when they are integers.
        let numeric = json.replace(r#""vat_rate":"21""#, r#""vat_rate":21"#);
        let back: Event = serde_json::from_str(&numeric).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, event);
    }

    #[test]
    fn unknown_events_stay_unknown() {
        let event = crate::parse_event(br#"{"event":"order.refunded","x":1e400}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        let json = serde_json::to_string(&event).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"event":"order.refunded","data":"{\"event\":\"order.refunded\",\"x\":1e400}"}"#
        );
        assert_eq!(serde_json::from_str::<Event>(&json).ok(), Some(event));
        // A body shaped like order.paid but named otherwise is not one.
        let sample = serde_json::to_value(OrderPaid::sample()).unwrap_or_default();
        let mut renamed = sample.clone();
        renamed["event"] = "order.refunded".into();
        assert!(serde_json::from_value::<OrderPaid>(renamed).is_err());
        assert!(serde_json::from_value::<OrderPaid>(sample).is_ok());
    }
}

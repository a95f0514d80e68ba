//! [`Event`]: a typed event or an [`UnknownEvent`]. The typed events
//! themselves are generated from `src/schema.rs` (`src/order_paid.rs`).
//!
//! Every type is `Serialize` and `Deserialize` with the wire's field names,
//! through any serde format: money as its exact decimal text, date-times as
//! their RFC 3339 text, an unknown event as its name and body text.

use alloc::string::String;

use serde::{Deserialize, Serialize};

use crate::order_paid::OrderPaid;

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

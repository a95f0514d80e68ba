//! `serde::Serialize` for the event model and [`Event::to_json`]: the event
//! as JSON with wire names and exact money, which the JavaScript bindings hand
//! to `JSON.parse` (far cheaper than building objects through N-API or wasm).

use alloc::string::String;

use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::value::RawValue;

use crate::{Amount, Buyer, DateTime, Event, Money, OrderPaid, Product, Seller, UnknownEvent};

/// Borrows `text`, known to be valid JSON, as a raw value written verbatim.
fn raw<E: serde::ser::Error>(text: &str) -> Result<&RawValue, E> {
    serde_json::from_str(text).map_err(E::custom)
}

/// Serialized as the exact JSON number (verbatim with `serde_json`).
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        raw(self.as_str())?.serialize(s)
    }
}

/// Serialized as the original string.
impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The four money fields and the currency, plus `exact`: the money fields'
/// JSON text as strings (`{"total_incl":"1.21",…}`).
impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Exact<'a>(&'a Amount);
        impl Serialize for Exact<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut st = s.serialize_struct("Exact", 4)?;
                st.serialize_field("total_incl", self.0.total_incl.as_str())?;
                st.serialize_field("excl_vat", self.0.excl_vat.as_str())?;
                st.serialize_field("vat", self.0.vat.as_str())?;
                st.serialize_field("vat_rate", self.0.vat_rate.as_str())?;
                st.end()
            }
        }
        let mut st = s.serialize_struct("Amount", 6)?;
        st.serialize_field("total_incl", &self.total_incl)?;
        st.serialize_field("excl_vat", &self.excl_vat)?;
        st.serialize_field("vat", &self.vat)?;
        st.serialize_field("vat_rate", &self.vat_rate)?;
        st.serialize_field("currency", &self.currency)?;
        st.serialize_field("exact", &Exact(self))?;
        st.end()
    }
}

impl Serialize for Product {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Product", 1)?;
        st.serialize_field("name", &self.name)?;
        st.end()
    }
}

impl Serialize for Buyer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Buyer", 5)?;
        st.serialize_field("first_name", &self.first_name)?;
        st.serialize_field("last_name", &self.last_name)?;
        st.serialize_field("email", &self.email)?;
        st.serialize_field("company", &self.company)?;
        st.serialize_field("country", &self.country)?;
        st.end()
    }
}

impl Serialize for Seller {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Seller", 2)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("entity", &self.entity)?;
        st.end()
    }
}

impl Serialize for OrderPaid {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("OrderPaid", 13)?;
        st.serialize_field("event", &self.event)?;
        st.serialize_field("payment_provider", &self.payment_provider)?;
        st.serialize_field("order_id", &self.order_id)?;
        st.serialize_field("order_number", &self.order_number)?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("created_at", &self.created_at)?;
        st.serialize_field("paid_at", &self.paid_at)?;
        st.serialize_field("amount", &self.amount)?;
        st.serialize_field("vat_treatment", &self.vat_treatment)?;
        st.serialize_field("product", &self.product)?;
        st.serialize_field("buyer", &self.buyer)?;
        st.serialize_field("seller", &self.seller)?;
        st.serialize_field("is_test_order", &self.is_test_order)?;
        st.end()
    }
}

/// `{"event": <name>, "data": <the body's JSON, verbatim>}`.
impl Serialize for UnknownEvent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("UnknownEvent", 2)?;
        st.serialize_field("event", &self.event)?;
        st.serialize_field("data", raw::<S::Error>(&self.data)?)?;
        st.end()
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::OrderPaid(order) => order.serialize(s),
            Self::Unknown(other) => other.serialize(s),
        }
    }
}

impl Event {
    /// The event as compact JSON: wire field names, money as the exact JSON
    /// number plus `amount.exact` strings, `null` for absent optional fields;
    /// an unknown event as `{"event": …, "data": <body>}`.
    ///
    /// ```
    /// let event = bookto_verify::parse_event(br#"{"event":"ping","n":1e400}"#)?;
    /// assert_eq!(event.to_json(), r#"{"event":"ping","data":{"event":"ping","n":1e400}}"#);
    /// # Ok::<(), bookto_verify::Error>(())
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        // Every part is valid JSON already, so serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Names of the positions of the `order.paid` row that
/// [`parse_event_row`](crate::parse_event_row) and
/// [`Verifier::verify_row`](crate::Verifier::verify_row) write. Money comes
/// twice: first the JSON number verbatim, then its exact text.
pub const ORDER_PAID_ROW: [&str; 26] = [
    "event",
    "payment_provider",
    "order_id",
    "order_number",
    "status",
    "created_at",
    "paid_at",
    "amount.total_incl",
    "amount.excl_vat",
    "amount.vat",
    "amount.vat_rate",
    "amount.exact.total_incl",
    "amount.exact.excl_vat",
    "amount.exact.vat",
    "amount.exact.vat_rate",
    "amount.currency",
    "vat_treatment",
    "product.name",
    "buyer.first_name",
    "buyer.last_name",
    "buyer.email",
    "buyer.company",
    "buyer.country",
    "seller.id",
    "seller.entity",
    "is_test_order",
];

#[cfg(test)]
mod tests {
    #[test]
    fn order_paid_json_keeps_money_exact() {
        let body = include_bytes!("../fixtures/events/order-paid.json");
        let json = crate::parse_event(body)
            .map(|e| e.to_json())
            .unwrap_or_default();
        assert!(json.contains(r#""total_incl":1.21,"#), "{json}");
        assert!(
            json.contains(
                r#""exact":{"total_incl":"1.21","excl_vat":"1","vat":"0.21","vat_rate":"21"}"#
            ),
            "{json}"
        );
    }

    #[test]
    fn row_matches_the_typed_event() {
        for body in [
            &include_bytes!("../fixtures/events/order-paid.json")[..],
            include_bytes!("../fixtures/events/order-paid-unicode.json"),
            include_bytes!("../fixtures/events/order-paid-company-null.json"),
            br#"{"event":"order.paid","payment_provider":"m\u00f6llie","order_id":"1","order_number":"2","status":"paid","created_at":"2025-11-27T10:00:00Z","paid_at":"2025-11-27T10:00:00\u005a","amount":{"total_incl":1.210,"excl_vat":1E0,"vat":0.21,"vat_rate":21,"currency":"EUR"},"vat_treatment":"x","product":{"name":"\"q\""},"buyer":{"first_name":"a","last_name":"b","email":"c","country":"BE"},"seller":{"id":"s"},"is_test_order":true}"#,
        ] {
            let Ok(crate::Event::OrderPaid(o)) = crate::parse_event(body) else {
                panic!("sample did not parse")
            };
            let row = crate::parse_event_row(body).unwrap_or_default();
            let values: serde_json::Value = serde_json::from_str(&row).unwrap_or_default();
            let a = &o.amount;
            let n = |m: &crate::Money| serde_json::from_str::<serde_json::Value>(m.as_str()).unwrap_or_default();
            let expected = serde_json::json!([
                o.event, o.payment_provider, o.order_id, o.order_number, o.status,
                o.created_at.as_str(), o.paid_at.as_str(),
                n(&a.total_incl), n(&a.excl_vat), n(&a.vat), n(&a.vat_rate),
                a.total_incl.as_str(), a.excl_vat.as_str(), a.vat.as_str(), a.vat_rate.as_str(),
                a.currency, o.vat_treatment, o.product.name,
                o.buyer.first_name, o.buyer.last_name, o.buyer.email, o.buyer.company, o.buyer.country,
                o.seller.id, o.seller.entity, o.is_test_order,
            ]);
            assert_eq!(values, expected, "{row}");
            assert_eq!(values.as_array().map(|v| v.len()), Some(super::ORDER_PAID_ROW.len()));
        }
    }
}

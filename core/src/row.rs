//! [`parse_event_row`]: the event as the JSON row the JavaScript bindings
//! hand to `JSON.parse`, written from the body's own JSON text.

use alloc::string::String;

use crate::Error;
use crate::order_paid;
use crate::parse::{Result, Slot, event_name, read_top};

/// The body as the JSON row the JavaScript bindings read: `order.paid` as a
/// JSON array with one value per field in declaration order (`src/schema.rs`;
/// money twice: the number verbatim, then its text), any other event as
/// `{"event": <name>, "data": <body>}`. codegen writes the JavaScript decoder
/// of the array from the same declaration.
///
/// The same checks and errors as [`parse_event`](crate::parse_event), but
/// the row is written from the body's own JSON text: no string is decoded or
/// re-escaped, which makes it the cheapest way to hand an event to
/// `JSON.parse`.
///
/// ```
/// let body = include_bytes!("../fixtures/events/order-paid.json");
/// let row = bookto_verify::parse_event_row(body)?;
/// assert!(row.starts_with(r#"["order.paid","mollie","#));
/// assert_eq!(
///     bookto_verify::parse_event_row(br#"{"event":"ping","n":1e400}"#)?,
///     r#"{"event":"ping","data":{"event":"ping","n":1e400}}"#
/// );
/// # Ok::<(), bookto_verify::Error>(())
/// ```
///
/// # Errors
///
/// As [`parse_event`](crate::parse_event).
pub fn parse_event_row(body: &[u8]) -> Result<String, Error> {
    row(body).map_err(Error::InvalidPayload)
}

fn row(body: &[u8]) -> Result<String> {
    let (text, top) = read_top(body)?;
    let mut out = String::with_capacity(body.len().saturating_add(64));
    if let Some(event) = event_name(&top)? {
        for part in [
            r#"{"event":"#,
            event,
            r#","data":"#,
            text.trim_matches(JSON_WHITESPACE),
            "}",
        ] {
            out.push_str(part);
        }
        return Ok(out);
    }
    let literals = order_paid::literals(&top)?;
    out.push('[');
    for (i, (literal, slot)) in literals.iter().zip(order_paid::SLOTS).enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(literal);
        if slot == Slot::Money {
            for part in [",\"", literal, "\""] {
                out.push_str(part);
            }
        }
    }
    out.push(']');
    Ok(out)
}

const JSON_WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];

#[cfg(test)]
mod tests {
    use alloc::vec::Vec;

    use crate::schema::{Kind, Object};

    /// The row the declaration says, from the event's serde form: one value
    /// per leaf in order, money as the number then its text.
    fn slots(object: &Object, wire: &serde_json::Value, out: &mut Vec<serde_json::Value>) {
        for field in object.fields {
            let value = &wire[field.name];
            match field.kind {
                Kind::Object(inner) => slots(inner, value, out),
                Kind::Money => {
                    let text = value.as_str().unwrap_or_default();
                    out.push(serde_json::from_str(text).unwrap_or_default());
                    out.push(value.clone());
                }
                _ => out.push(value.clone()),
            }
        }
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
            let wire = serde_json::to_value(&o).unwrap_or_default();
            let mut expected = Vec::new();
            slots(&crate::schema::ORDER_PAID.object, &wire, &mut expected);
            let expected = serde_json::Value::Array(expected);
            assert_eq!(values, expected, "{row}");
        }
    }
}

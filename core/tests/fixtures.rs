//! Runs every vector of `fixtures/*.json` through the Rust front door.
#![allow(clippy::expect_used, clippy::unwrap_used)] // a malformed vector file should stop the test loudly

use std::path::PathBuf;

use base64::{Engine, engine::general_purpose::STANDARD};
use bookto_verify::{Event, ORDER_PAID_ROW, Verifier, parse_event, parse_event_row, sign};
use serde_json::{Value, json};

/// The body of a vector: `body` (UTF-8 text) or `body_base64`.
fn decode_body(test: &Value) -> Vec<u8> {
    match (test["body"].as_str(), test["body_base64"].as_str()) {
        (Some(text), None) => text.as_bytes().to_vec(),
        (None, Some(b64)) => STANDARD.decode(b64).expect("body_base64 is base64"),
        _ => panic!("a vector has exactly one of body, body_base64: {test}"),
    }
}

fn load(name: &str) -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file: Value = serde_json::from_str(&text).expect("vector file is JSON");
    let tests = file["tests"].as_array().expect("tests").clone();
    assert_eq!(
        file["numberOfTests"].as_u64(),
        Some(tests.len() as u64),
        "{name}: numberOfTests"
    );
    assert!(!tests.is_empty(), "{name}: no tests");
    tests
}

fn secrets(test: &Value) -> Vec<String> {
    test["secrets"]
        .as_array()
        .expect("secrets")
        .iter()
        .map(|s| s.as_str().expect("secret").to_owned())
        .collect()
}

/// Headers as (name, value) pairs; a list value becomes several pairs.
fn headers(test: &Value) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (name, value) in test["headers"].as_object().expect("headers") {
        match value {
            Value::String(v) => pairs.push((name.clone(), v.clone())),
            Value::Array(values) => {
                for v in values {
                    pairs.push((name.clone(), v.as_str().expect("header value").to_owned()));
                }
            }
            other => panic!("header value {other}"),
        }
    }
    pairs
}

/// The normalised form of an event, as the vectors spell it.
fn normalise(event: &Event) -> Value {
    match event {
        Event::OrderPaid(o) => json!({
            "kind": "order.paid",
            "event": o.event,
            "payment_provider": o.payment_provider,
            "order_id": o.order_id,
            "order_number": o.order_number,
            "status": o.status,
            "created_at": o.created_at.as_str(),
            "paid_at": o.paid_at.as_str(),
            "amount": {
                "total_incl": o.amount.total_incl.as_str(),
                "excl_vat": o.amount.excl_vat.as_str(),
                "vat": o.amount.vat.as_str(),
                "vat_rate": o.amount.vat_rate.as_str(),
                "currency": o.amount.currency,
            },
            "vat_treatment": o.vat_treatment,
            "product": { "name": o.product.name },
            "buyer": {
                "first_name": o.buyer.first_name,
                "last_name": o.buyer.last_name,
                "email": o.buyer.email,
                "company": o.buyer.company,
                "country": o.buyer.country,
            },
            "seller": { "id": o.seller.id, "entity": o.seller.entity },
            "is_test_order": o.is_test_order,
        }),
        Event::Unknown(u) => json!({ "kind": "unknown", "event": u.event }),
    }
}

/// Checks one outcome against `{"result": "valid", ...}` or
/// `{"result": "invalid", "error": code, "message_contains": [...]}`.
fn check<T>(
    id: &str,
    expected: &Value,
    got: Result<T, (&'static str, String)>,
    valid: impl FnOnce(T),
) {
    match (expected["result"].as_str(), got) {
        (Some("valid"), Ok(value)) => valid(value),
        (Some("invalid"), Err((code, message))) => {
            assert_eq!(
                Some(code),
                expected["error"].as_str(),
                "{id}: code ({message})"
            );
            for part in expected["message_contains"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let part = part.as_str().expect("message part");
                assert!(message.contains(part), "{id}: {message:?} lacks {part:?}");
            }
        }
        (Some("valid"), Err((code, message))) => {
            panic!("{id}: expected valid, got {code}: {message}")
        }
        (Some("invalid"), Ok(_)) => panic!("{id}: expected {}, got valid", expected["error"]),
        (other, _) => panic!("{id}: bad result {other:?}"),
    }
}

fn err<E: core::fmt::Display>(code: &'static str) -> impl Fn(E) -> (&'static str, String) {
    move |e| (code, e.to_string())
}

#[test]
fn verify_vectors() {
    for test in load("verify.json") {
        let id = format!("verify.json #{} ({})", test["id"], test["comment"]);
        let verifier =
            Verifier::with_secrets(secrets(&test)).unwrap_or_else(|e| panic!("{id}: {e}"));
        let verifier = match test["tolerance"].as_u64() {
            Some(t) => verifier.tolerance(t),
            None => verifier.no_tolerance(),
        };
        let now = test["now"].as_u64().expect("now");
        let (pairs, body) = (headers(&test), decode_body(&test));

        let got = verifier
            .verify_signature(&pairs, &body, now)
            .map_err(|e| (e.code(), e.to_string()));
        check(&id, &test["signature"], got, |index| {
            assert_eq!(
                Some(index as u64),
                test["signature"]["matched"].as_u64(),
                "{id}: matched index"
            );
        });

        let got = verifier
            .verify(&pairs, &body, now)
            .map_err(|e| (e.code(), e.to_string()));
        check(&id, &test["verify"], got, |event| {
            assert_eq!(normalise(&event), test["verify"]["event"], "{id}: event");
            if let Event::Unknown(u) = &event {
                // Rust keeps the verified body itself (it may hold numbers no float can).
                assert_eq!(u.data.as_bytes(), body.as_slice(), "{id}: unknown data");
            }
        });
    }
}

#[test]
fn parse_event_vectors() {
    for test in load("parse_event.json") {
        let id = format!("parse_event.json #{} ({})", test["id"], test["comment"]);
        let body = decode_body(&test);
        let got = parse_event(&body).map_err(|e| (e.code(), e.to_string()));
        check(&id, &test, got, |event| {
            assert_eq!(normalise(&event), test["event"], "{id}: event");
        });
        let row = parse_event_row(&body).map_err(|e| (e.code(), e.to_string()));
        check(&id, &test, row, |row| check_row(&id, &row, &test["event"]));
    }
}

/// The JS bindings' row form says what the normalised event says.
fn check_row(id: &str, row: &str, expected: &Value) {
    // Numbers beyond f64 (allowed in money and unknown fields) stop serde_json
    // here; the JS suites check those rows with JSON.parse.
    let Ok(row) = serde_json::from_str::<Value>(row) else {
        return;
    };
    if expected["kind"] == "unknown" {
        assert_eq!(row["event"], expected["event"], "{id}: row event");
        return;
    }
    let values = row.as_array().expect("order.paid row is an array");
    assert_eq!(values.len(), ORDER_PAID_ROW.len(), "{id}: row length");
    for (name, value) in ORDER_PAID_ROW.iter().zip(values) {
        let path = name.replace("amount.exact.", "amount.");
        let want = path.split('.').fold(expected, |v, key| &v[key]);
        if name.starts_with("amount.")
            && !name.starts_with("amount.exact.")
            && *name != "amount.currency"
        {
            let text = want.as_str().expect("money text");
            assert_eq!(
                Some(value),
                serde_json::from_str::<Value>(text).ok().as_ref(),
                "{id}: row {name}"
            );
        } else {
            assert_eq!(value, want, "{id}: row {name}");
        }
    }
}

#[test]
fn secrets_vectors() {
    for test in load("secrets.json") {
        let id = format!("secrets.json #{} ({})", test["id"], test["comment"]);
        let got = Verifier::with_secrets(secrets(&test)).map_err(err("invalid_secret"));
        check(&id, &test, got, |verifier| {
            let c = &test["check"];
            let index = verifier.no_tolerance().verify_parts_signature(
                c["timestamp"].as_str().expect("timestamp"),
                c["signature"].as_str().expect("signature"),
                c["body"].as_str().expect("body").as_bytes(),
                0,
            );
            assert!(index.is_ok(), "{id}: {index:?}");
        });
    }
}

#[test]
fn sign_vectors() {
    for test in load("sign.json") {
        let id = format!("sign.json #{} ({})", test["id"], test["comment"]);
        let secret = test["secret"].as_str().expect("secret");
        let timestamp = test["timestamp"].as_u64().expect("timestamp");
        assert_eq!(
            sign(secret, timestamp, &decode_body(&test)),
            test["signature"].as_str().expect("signature"),
            "{id}"
        );
    }
}

#[test]
fn sample_events_parse() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/events");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("events dir") {
        let path = entry.expect("entry").path();
        let body = std::fs::read(&path).expect("event file");
        let event = parse_event(&body).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let is_unknown = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("unknown"));
        assert_eq!(
            matches!(event, Event::Unknown(_)),
            is_unknown,
            "{}",
            path.display()
        );
        seen += 1;
    }
    assert!(seen >= 5, "expected the sample events");
}

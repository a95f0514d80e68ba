//! Runs every vector of `fixtures/*.json` through the Rust front door.
#![allow(clippy::expect_used, clippy::unwrap_used)] // a malformed vector file should stop the test loudly

use std::path::PathBuf;

use base64::{Engine, engine::general_purpose::STANDARD};
use bookto_verify::schema::{self, Kind, Object};
use bookto_verify::{Event, Verifier, parse_event, parse_event_row, sign};
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

/// The normalised form of an event, as the vectors spell it: the wire's
/// shape with money and date-times as their exact text, which is what the
/// events serialize to, plus its `kind`.
fn normalise(event: &Event) -> Value {
    match event {
        Event::OrderPaid(order) => {
            let mut value = serde_json::to_value(order).expect("an event serializes");
            value["kind"] = json!("order.paid");
            value
        }
        Event::Unknown(u) => json!({ "kind": "unknown", "event": u.event }),
        other => panic!("no vector kind for {other:?}"),
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
    let slots = row_slots(&schema::ORDER_PAID.object, "");
    assert_eq!(values.len(), slots.len(), "{id}: row length");
    for ((path, number), value) in slots.iter().zip(values) {
        let want = path.split('.').fold(expected, |v, key| &v[key]);
        if *number {
            let text = want.as_str().expect("money text");
            assert_eq!(
                Some(value),
                serde_json::from_str::<Value>(text).ok().as_ref(),
                "{id}: row {path} (number)"
            );
        } else {
            assert_eq!(value, want, "{id}: row {path}");
        }
    }
}

/// The row's slots from the declaration: each leaf's path, money twice (the
/// number, then its text).
fn row_slots(object: &Object, prefix: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for field in object.fields {
        let path = format!("{prefix}{}", field.name);
        match field.kind {
            Kind::Object(inner) => out.extend(row_slots(inner, &format!("{path}."))),
            Kind::Money => {
                out.push((path.clone(), true));
                out.push((path, false));
            }
            _ => out.push((path, false)),
        }
    }
    out
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
            sign(secret, timestamp, &decode_body(&test))
                .map(|s| s.signature().to_owned())
                .ok()
                .as_deref(),
            test["signature"].as_str(),
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

/// A `hosts.json` string: JSON text, or `{"wtf8": base64}` (a host string
/// holding lone surrogates), as bytes.
fn host_bytes(value: &Value) -> Vec<u8> {
    match value {
        Value::String(text) => text.as_bytes().to_vec(),
        Value::Object(o) if o.contains_key("wtf8") => STANDARD
            .decode(o["wtf8"].as_str().expect("wtf8 is base64"))
            .expect("wtf8 is base64"),
        other => panic!("no Rust form for {other} (the vector should be NoRustForm)"),
    }
}

/// The Rust form of a `hosts.json` secret: an unset one (null) is `""`, what
/// `std::env::var(..).unwrap_or_default()` gives.
fn host_secret(value: &Value) -> Vec<u8> {
    if value.is_null() {
        Vec::new()
    } else {
        host_bytes(value)
    }
}

/// The Rust form of `hosts.json` headers: null values and items left out.
fn host_headers(test: &Value) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (name, value) in test["headers"].as_object().expect("headers") {
        let items = value
            .as_array()
            .cloned()
            .unwrap_or_else(|| vec![value.clone()]);
        for item in items {
            match item {
                Value::Null => {}
                Value::String(v) => pairs.push((name.clone(), v)),
                other => panic!("no Rust form for header value {other}"),
            }
        }
    }
    pairs
}

fn host_body(test: &Value) -> Vec<u8> {
    if test.get("body_base64").is_some() {
        decode_body(test)
    } else {
        host_bytes(&test["body"])
    }
}

fn host_verifier(test: &Value) -> Result<Verifier, bookto_verify::ConfigError> {
    let verifier = match (test.get("secret"), test.get("secrets")) {
        (Some(one), None) => Verifier::new(host_secret(one)),
        (None, Some(list)) => Verifier::with_secrets(
            list.as_array()
                .expect("secrets")
                .iter()
                .map(host_secret)
                .collect::<Vec<_>>(),
        ),
        _ => panic!("a hosts vector has exactly one of secret, secrets: {test}"),
    }?;
    Ok(match test.get("tolerance") {
        None => verifier,
        Some(Value::Null) => verifier.no_tolerance(),
        Some(t) => verifier.tolerance(t.as_u64().expect("tolerance")),
    })
}

/// Every `hosts.json` vector whose inputs Rust can express, through the Rust
/// API; the others (flag `NoRustForm`: booleans as seconds, wrong types,
/// lone-surrogate secrets, inherited keys) are skipped and counted.
#[test]
fn hosts_vectors() {
    let tests = load("hosts.json");
    let (mut ran, mut skipped) = (0, 0);
    for test in &tests {
        let id = format!("hosts.json #{} ({})", test["id"], test["comment"]);
        let flags = test["flags"].as_array().expect("flags");
        if flags.iter().any(|f| f == "NoRustForm") {
            skipped += 1;
            continue;
        }
        let hide: Vec<String> = ["secret", "secrets"]
            .iter()
            .filter_map(|k| test.get(*k))
            .flat_map(|v| v.as_array().cloned().unwrap_or_else(|| vec![v.clone()]))
            .filter_map(|v| v.as_str().map(|s| s.trim().to_owned()))
            .filter(|s| s.len() >= 8)
            .collect();
        let no_secret = |message: &str| {
            for secret in &hide {
                assert!(
                    !message.contains(secret.as_str()),
                    "{id}: message holds a secret"
                );
            }
        };
        match test["call"].as_str().expect("call") {
            "webhook" => {
                let got = host_verifier(test).map_err(|e| {
                    no_secret(&e.to_string());
                    (e.code(), e.to_string())
                });
                check(&id, &test["result"], got, |_| {});
            }
            "verify" => {
                let verifier = host_verifier(test).unwrap_or_else(|e| panic!("{id}: {e}"));
                let now = test["now"].as_u64().unwrap_or_else(|| {
                    assert!(test["now"].is_null(), "{id}: now");
                    bookto_verify::now()
                });
                let (pairs, body) = (host_headers(test), host_body(test));
                let got = verifier.verify_signature(&pairs, &body, now).map_err(|e| {
                    no_secret(&e.to_string());
                    (e.code(), e.to_string())
                });
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
                });
            }
            "sign" => {
                let timestamp = test["timestamp"].as_u64().expect("timestamp");
                let signature = sign(host_secret(&test["secret"]), timestamp, &host_body(test))
                    .expect("timestamp in range")
                    .signature()
                    .to_owned();
                check(
                    &id,
                    &test["result"],
                    Ok::<_, (&str, String)>(signature),
                    |s| {
                        assert_eq!(
                            Some(s.as_str()),
                            test["result"]["signature"].as_str(),
                            "{id}"
                        );
                    },
                );
            }
            "parse_event" => {
                let got = parse_event(&host_body(test)).map_err(|e| (e.code(), e.to_string()));
                check(&id, &test["result"], got, |event| {
                    assert_eq!(normalise(&event), test["result"]["event"], "{id}: event");
                });
            }
            other => panic!("{id}: unknown call {other}"),
        }
        ran += 1;
    }
    assert_eq!(ran + skipped, tests.len());
    assert!(
        ran >= 20 && skipped >= 1,
        "hosts.json: ran {ran}, skipped {skipped}"
    );
    println!("hosts.json: {ran} run through Rust, {skipped} NoRustForm skipped");
}

//! Resource bounds: huge or hostile inputs give their error code quickly,
#![allow(clippy::expect_used, clippy::indexing_slicing)] // test setup should stop loudly
//! without unbounded work. (Timing is asserted loosely; this is a noisy
//! 2-core machine. Criterion has the real figures.)

use core::time::Duration;
use std::time::Instant;

use bookto_verify::{Verifier, parse_event};

/// The signature value bookto would send.
fn sign(secret: &str, timestamp: u64, body: &[u8]) -> String {
    bookto_verify::sign(secret, timestamp, body)
        .expect("timestamp in range")
        .signature()
        .to_owned()
}

const SECRET: &str = "whsec_bounds";
const LIMIT: Duration = Duration::from_secs(2);

fn verifier() -> Verifier {
    Verifier::new(SECRET).expect("secret").no_tolerance()
}

fn code_within(
    limit: Duration,
    f: impl FnOnce() -> Result<usize, bookto_verify::Error>,
) -> &'static str {
    let start = Instant::now();
    let code = f().map_or_else(|e| e.code(), |_| "ok");
    assert!(start.elapsed() < limit, "took {:?}", start.elapsed());
    code
}

#[test]
fn one_megabyte_signature_header() {
    let header = format!("sha256={}", "a".repeat(1 << 20));
    let code = code_within(LIMIT, || {
        verifier().verify_parts_signature("1", &header, b"{}", 0)
    });
    assert_eq!(code, "invalid_signature_header");
}

#[test]
fn hundred_thousand_entries() {
    let good = sign(SECRET, 1, b"{}");
    let header = ["v1=x,".repeat(100_000), good].concat();
    let code = code_within(LIMIT, || {
        verifier().verify_parts_signature("1", &header, b"{}", 0)
    });
    assert_eq!(code, "invalid_signature_header");
}

#[test]
fn ten_megabyte_header_map() {
    let mut headers: Vec<(String, String)> = (0..10_000)
        .map(|i| (format!("x-filler-{i}"), "v".repeat(1000)))
        .collect();
    headers.push(("x-bookto-timestamp".into(), "1".into()));
    headers.push(("x-bookto-signature".into(), sign(SECRET, 1, b"{}")));
    assert!(
        headers
            .iter()
            .map(|(n, v)| n.len() + v.len())
            .sum::<usize>()
            > 10_000_000
    );
    assert_eq!(
        code_within(LIMIT, || verifier().verify_signature(&headers, b"{}", 0)),
        "ok"
    );
}

#[test]
fn many_signature_values() {
    let values: Vec<(&str, &str)> = (0..100_000)
        .map(|_| ("x-bookto-signature", "v1=x"))
        .chain([("x-bookto-timestamp", "1")])
        .collect();
    assert_eq!(
        code_within(LIMIT, || verifier().verify_signature(&values, b"{}", 0)),
        "invalid_signature_header"
    );
}

#[test]
fn deeply_nested_json_is_refused_without_recursion() {
    for depth in [129, 100_000, 10_000_000] {
        let body = [
            "{\"event\":\"x\",\"a\":",
            &"[".repeat(depth),
            &"]".repeat(depth),
            "}",
        ]
        .concat();
        let start = Instant::now();
        assert_eq!(
            parse_event(body.as_bytes())
                .map(|_| ())
                .map_err(|e| e.code()),
            Err("invalid_payload")
        );
        assert!(
            start.elapsed() < LIMIT,
            "depth {depth}: {:?}",
            start.elapsed()
        );
    }
}

#[test]
fn hundred_megabyte_body() {
    let mut body = vec![b' '; 100 << 20];
    body[0] = b'{';
    body[(100 << 20) - 1] = b'}';
    let signature = sign(SECRET, 1, &body);
    let verifier = verifier();
    // Hashing 100 MB takes about 70 ms with SHA-NI; allow for a slow, loaded machine.
    assert_eq!(
        code_within(Duration::from_secs(10), || verifier
            .verify_parts_signature("1", &signature, &body, 0)),
        "ok"
    );
    body[50 << 20] = b'x';
    assert_eq!(
        code_within(Duration::from_secs(10), || verifier
            .verify_parts_signature("1", &signature, &body, 0)),
        "signature_mismatch"
    );
}

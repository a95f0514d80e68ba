//! Property tests: sign → verify round-trips, any single-bit change fails,
//! and no input panics.

use bookto_verify::{Verifier, parse_event, sign};
use proptest::prelude::*;

/// A usable secret: not empty after trimming, not an API key.
fn secret() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_+/=-]{1,64}".prop_filter("not an API key", |s| !s.starts_with("bk_"))
}

fn pairs(timestamp: &str, signature: &str) -> [(&'static str, String); 2] {
    [
        ("x-bookto-timestamp", timestamp.to_owned()),
        ("x-bookto-signature", signature.to_owned()),
    ]
}

proptest! {
    #[test]
    fn sign_then_verify_round_trips(secret in secret(), body in proptest::collection::vec(any::<u8>(), 0..2048), ts in 0u64..=9_999_999_999_999_999_999) {
        let verifier = Verifier::new(&secret).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let signature = sign(&secret, ts, &body).map_err(|e| TestCaseError::fail(e.to_string()))?.signature().to_owned();
        prop_assert_eq!(verifier.verify_signature(pairs(&ts.to_string(), &signature), &body, ts), Ok(0));
    }

    #[test]
    fn any_single_bit_change_fails(secret in secret(), body in proptest::collection::vec(any::<u8>(), 1..512), ts in 0u64..=4_000_000_000, which in 0usize..3, bit in any::<proptest::sample::Index>()) {
        let verifier = Verifier::new(&secret).map_err(|e| TestCaseError::fail(e.to_string()))?.no_tolerance();
        let (mut timestamp, mut signature, mut body) = (ts.to_string().into_bytes(), sign(&secret, ts, &body).map_err(|e| TestCaseError::fail(e.to_string()))?.signature().as_bytes().to_vec(), body);
        let target = match which { 0 => &mut timestamp, 1 => &mut signature, _ => &mut body };
        let i = bit.index(target.len() * 8);
        // Hex digits may be any case: flipping a letter's case bit keeps the same signature.
        prop_assume!(!(which == 1 && i >= 7 * 8 && target[i / 8].is_ascii_alphabetic() && 1 << (i % 8) == 0x20));
        target[i / 8] ^= 1 << (i % 8);
        let headers = [("x-bookto-timestamp", timestamp.as_slice()), ("x-bookto-signature", signature.as_slice())];
        prop_assert!(verifier.verify_signature(headers, &body, 0).is_err());
    }

    #[test]
    fn no_header_input_panics(headers in proptest::collection::vec(("(?i)x-bookto-(timestamp|signature)|content-length|[a-z-]{0,12}", proptest::collection::vec(any::<u8>(), 0..96)), 0..8), body in proptest::collection::vec(any::<u8>(), 0..256), now in any::<u64>(), tolerance in proptest::option::of(any::<u64>())) {
        let verifier = Verifier::with_secrets(["whsec_a", "whsec_b"]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let verifier = match tolerance { Some(t) => verifier.tolerance(t), None => verifier.no_tolerance() };
        if let Err(e) = verifier.verify(&headers, &body, now) {
            prop_assert!(!e.to_string().contains("whsec_"));
        }
    }

    #[test]
    fn no_body_panics(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_event(&body);
    }

    #[test]
    fn no_json_shaped_body_panics(body in r#"\{("[a-z_.]{0,12}":(-?[0-9]{1,3}(\.[0-9]{1,3})?|"[^"\\]{0,8}"|null|true|\{\}|\[\]),?){0,6}\}"#) {
        let _ = parse_event(body.as_bytes());
    }
}

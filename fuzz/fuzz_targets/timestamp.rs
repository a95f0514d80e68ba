//! The timestamp parser and replay window on arbitrary bytes and clocks:
//! never panics; an accepted timestamp is 1-19 digits inside the window.
#![no_main]

use arbitrary::Arbitrary;
use bookto_verify::{Verifier, sign};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    timestamp: &'a [u8],
    now: u64,
    tolerance: Option<u64>,
}

fuzz_target!(|input: Input<'_>| {
    let Ok(verifier) = Verifier::new("whsec_fuzz") else { return };
    let verifier = match input.tolerance {
        Some(t) => verifier.tolerance(t),
        None => verifier.no_tolerance(),
    };
    let text = String::from_utf8_lossy(input.timestamp);
    let digits = text.trim_matches([' ', '\t']);
    let valid = (1..=19).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    let value: Option<u64> = if valid { digits.parse().ok() } else { None };
    // `sign` writes the canonical digits; other spellings get a wrong signature.
    let signature = match value {
        Some(v) if v.to_string() == digits => sign("whsec_fuzz", v, b"{}").expect("19 digits at most").signature().to_owned(),
        _ => format!("sha256={}", "0".repeat(64)),
    };
    match (value, verifier.verify_parts_signature(input.timestamp, &signature, b"{}", input.now)) {
        (Some(ts), Ok(_)) => {
            if let Some(t) = input.tolerance {
                assert!(ts >= input.now.saturating_sub(t) && ts <= input.now.saturating_add(t));
            }
        }
        (None, Ok(_)) => panic!("accepted an invalid timestamp"),
        (None, Err(e)) if !input.timestamp.is_empty() => assert_eq!(e.code(), "invalid_timestamp"),
        _ => {}
    }
});

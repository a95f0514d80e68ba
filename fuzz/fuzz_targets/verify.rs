//! `verify` end to end with structured input (headers, secrets, body, now,
//! tolerance): never panics, never leaks a secret into a message, and a body
//! signed with one of the secrets always verifies.
#![no_main]

use arbitrary::Arbitrary;
use bookto_verify::{Verifier, sign};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    secrets: Vec<String>,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
    now: u64,
    tolerance: Option<u64>,
    sign_with: Option<u8>,
}

fuzz_target!(|input: Input| {
    let Ok(verifier) = Verifier::with_secrets(&input.secrets) else { return };
    let verifier = match input.tolerance {
        Some(t) => verifier.tolerance(t),
        None => verifier.no_tolerance(),
    };
    let mut headers = input.headers.clone();
    // Timestamps have at most 19 digits; a later `now` cannot be signed validly.
    let signer = input
        .sign_with
        .filter(|_| input.now <= 9_999_999_999_999_999_999)
        .map(|i| usize::from(i) % input.secrets.len());
    if let Some(i) = signer {
        headers.retain(|(name, _)| !name.eq_ignore_ascii_case("x-bookto-timestamp") && !name.eq_ignore_ascii_case("x-bookto-signature"));
        headers.push(("x-bookto-timestamp".into(), input.now.to_string().into_bytes()));
        headers.push(("x-bookto-signature".into(), sign(&input.secrets[i], input.now, &input.body).expect("now is at most 19 digits here").signature().as_bytes().to_vec()));
    }
    let signature = verifier.verify_signature(&headers, &input.body, input.now);
    if let Some(i) = signer {
        let matched = signature.unwrap_or_else(|e| panic!("own signature refused: {e}"));
        assert!(matched <= i, "matched a later secret than the signer");
    }
    // Messages and hints never depend on the secrets: the same request against
    // other secrets fails the same way (unless the original got past the HMAC).
    if let Err(e) = verifier.verify_signature(&headers, &input.body, input.now) {
        let others: Vec<String> = (0..input.secrets.len()).map(|i| format!("other-{i}")).collect();
        let Ok(other) = Verifier::with_secrets(&others) else { unreachable!() };
        let other = match input.tolerance {
            Some(t) => other.tolerance(t),
            None => other.no_tolerance(),
        };
        assert_eq!(other.verify_signature(&headers, &input.body, input.now), Err(e));
    }
    let _ = verifier.verify(&headers, &input.body, input.now);
    assert_eq!(
        format!("{verifier:?}"),
        format!("Verifier {{ secrets: [{} redacted], tolerance: {:?} }}", input.secrets.len(), input.tolerance)
    );
});

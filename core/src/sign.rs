//! [`sign`]: what bookto does when it sends a webhook, for tests and test senders.

use alloc::string::String;

use crate::key::HmacKey;

/// Signs `body` as bookto does and returns the `x-bookto-signature` value,
/// `sha256=<64 lowercase hex digits>` over `"<timestamp>.<body>"`.
///
/// The secret is trimmed like [`Verifier::new`](crate::Verifier::new) trims
/// it, so a pasted newline signs and verifies alike. For tests and local
/// senders; a receiver never needs it. A timestamp above
/// [`MAX_TIMESTAMP`](crate::MAX_TIMESTAMP) (20 digits) gives a header no
/// verifier accepts.
///
/// ```
/// let signature = bookto_verify::sign("whsec_test", 1_764_201_600, br#"{"event":"ping"}"#);
/// assert!(signature.starts_with("sha256="));
/// assert_eq!(signature.len(), 7 + 64);
/// ```
#[must_use]
pub fn sign(secret: impl AsRef<[u8]>, timestamp: u64, body: &[u8]) -> String {
    let key = HmacKey::new(secret.as_ref().trim_ascii());
    let tag = key.tag(&[alloc::format!("{timestamp}.").as_bytes(), body]);
    let mut out = String::with_capacity(71);
    out.push_str("sha256=");
    out.push_str(&hex::encode(tag));
    out
}

//! The names of the headers bookto sends: the one place they are spelled.

/// Name of the header carrying the Unix timestamp of the delivery.
pub const TIMESTAMP_HEADER: &str = "x-bookto-timestamp";
/// Name of the header carrying the `sha256=<hex>` signature.
pub const SIGNATURE_HEADER: &str = "x-bookto-signature";
/// Read only for the mismatch hint (a re-serialised body changes its length).
pub const CONTENT_LENGTH_HEADER: &str = "content-length";
/// Every header the verifier reads, in lower case; a binding may skip
/// converting any other (names are matched ASCII case-insensitively, so a
/// name of another length can never match).
///
/// ```
/// assert!(bookto_verify::HEADER_NAMES.contains(&"x-bookto-signature"));
/// ```
pub const HEADER_NAMES: [&str; 3] = [TIMESTAMP_HEADER, SIGNATURE_HEADER, CONTENT_LENGTH_HEADER];

/// True when the verifier reads a header of this name (ASCII
/// case-insensitive): a binding can tell a mistyped bookto header from an
/// unrelated one without knowing the names.
///
/// ```
/// assert!(bookto_verify::is_verification_header("X-Bookto-Signature"));
/// assert!(!bookto_verify::is_verification_header("x-forwarded-for"));
/// ```
#[must_use]
pub fn is_verification_header(name: &str) -> bool {
    HEADER_NAMES
        .iter()
        .any(|known| known.eq_ignore_ascii_case(name))
}

//! Case-insensitive lookup of bookto's headers in any collection of
//! (name, value) pairs, without allocating.

use crate::signature::{SignatureEntries, SignatureHeaderParser};
use crate::timestamp::{self, Timestamp};

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

/// One (name, value) header pair, by value or by reference.
///
/// Implemented for `(N, V)` and `&(N, V)` where `N: AsRef<str>` and
/// `V: AsRef<[u8]>`: `&[(&str, &str)]`, `Vec<(String, String)>`,
/// `&http::HeaderMap` (its items are `(&HeaderName, &HeaderValue)`) and the
/// like all work, with no dependency on `http`.
///
/// ```
/// use bookto_verify::HeaderPair;
/// let pair = ("X-Bookto-Timestamp", "1764201600");
/// assert_eq!(pair.name(), "X-Bookto-Timestamp");
/// assert_eq!(pair.value(), b"1764201600");
/// ```
pub trait HeaderPair {
    /// The header name, in any case.
    fn name(&self) -> &str;
    /// The header value's bytes.
    fn value(&self) -> &[u8];
}

impl<N: AsRef<str>, V: AsRef<[u8]>> HeaderPair for (N, V) {
    fn name(&self) -> &str {
        self.0.as_ref()
    }
    fn value(&self) -> &[u8] {
        self.1.as_ref()
    }
}

impl<T: HeaderPair + ?Sized> HeaderPair for &T {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn value(&self) -> &[u8] {
        (**self).value()
    }
}

/// What verification needs from the headers, gathered in one pass.
///
/// Several values of one name are combined as HTTP does (joined by `,`);
/// zero-length values count as absent.
#[derive(Default)]
pub(crate) struct Gathered {
    /// `None` when absent; the parse result of the (combined) value otherwise.
    pub timestamp: Option<Result<Timestamp, ()>>,
    pub signature: SignatureHeaderParser,
    pub content_length: Option<u64>,
}

impl Gathered {
    /// Feeds every header pair; ignores the ones bookto does not use.
    pub fn from_pairs<I>(headers: I) -> Self
    where
        I: IntoIterator,
        I::Item: HeaderPair,
    {
        let mut gathered = Self::default();
        for pair in headers {
            let (name, value) = (pair.name(), pair.value());
            if value.is_empty() {
                continue;
            }
            if name.eq_ignore_ascii_case(TIMESTAMP_HEADER) {
                gathered.timestamp = Some(match gathered.timestamp {
                    // Combined with another value it can no longer be digits only.
                    Some(_) => Err(()),
                    None => timestamp::parse(value),
                });
            } else if name.eq_ignore_ascii_case(SIGNATURE_HEADER) {
                gathered.signature.feed(value);
            } else if name.eq_ignore_ascii_case(CONTENT_LENGTH_HEADER) {
                let digits = crate::timestamp::trim_ows(value);
                gathered.content_length = core::str::from_utf8(digits)
                    .ok()
                    .filter(|v| v.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|v| v.parse().ok());
            }
        }
        gathered
    }

    /// The parsed signature entries, or the grammar error.
    pub fn signature_entries(&self) -> Option<Result<&SignatureEntries, crate::Error>> {
        self.signature.finish()
    }
}

//! Case-insensitive lookup of bookto's headers in any collection of
//! (name, value) pairs, without allocating.

use crate::header_names::{CONTENT_LENGTH_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use crate::ows::trim_ows;
use crate::signature::{SignatureEntries, SignatureHeaderParser, SignatureHeaderProblem};
use crate::timestamp::{self, Timestamp};

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
                let digits = trim_ows(value);
                gathered.content_length = core::str::from_utf8(digits)
                    .ok()
                    .filter(|v| v.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|v| v.parse().ok());
            }
        }
        gathered
    }

    /// The parsed signature entries, or the grammar problem.
    pub fn signature_entries(&self) -> Option<Result<&SignatureEntries, SignatureHeaderProblem>> {
        self.signature.finish()
    }
}

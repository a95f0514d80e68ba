//! What the two JavaScript backends share: the Node addon
//! (`bindings-node`, napi-rs) and the wasm module (`bindings-wasm`,
//! wasm-bindgen) call these functions with Rust values they have converted
//! from JS, and convert the results back. Both backends therefore behave the
//! same by construction, and the public JavaScript API (`js/api.mjs`) runs
//! over either.
//!
//! Headers cross as every pair the JS layer was given, in order ([`Headers`]:
//! it may skip a name whose length no header the core reads has; see
//! `mayBeRead` in `api.mjs`). The core matches the names.
//!
//! ```
//! use bookto_verify_js as js;
//! let verifier = js::verifier(&["whsec_test"])?;
//! let [timestamp, signature] = js::sign(b"whsec_test", 100, b"{}")?;
//! let joined = ["X-Bookto-Timestamp", &timestamp, "x-bookto-signature", &signature].join("\0");
//! assert_eq!(js::verify_signature(&verifier, b"{}", js::Headers::Joined(&joined), 100)?, 0);
//! # Ok::<(), js::Failure>(())
//! ```
#![no_std]
#![forbid(unsafe_code)]
// No panic path: a panic in wasm traps and kills the worker's module.
#![cfg_attr(
    not(test),
    deny(
        clippy::panic,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unreachable
    )
)]

extern crate alloc;

use alloc::string::{String, ToString};
use core::fmt;

use bookto_verify::{ConfigError, Error, SignError, Verifier};

/// A failure as JavaScript sees it: the stable `code` a backend puts on the
/// thrown `Error`, and its message. The message never holds a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// A core code (`signature_mismatch`, `invalid_secret`…), or
    /// `ERR_OUT_OF_RANGE` (Node's code for a `RangeError`) for an argument
    /// out of range.
    pub code: &'static str,
    /// The core's message.
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Self {
            code: error.code(),
            message: error.to_string(),
        }
    }
}

impl From<ConfigError> for Failure {
    fn from(error: ConfigError) -> Self {
        Self {
            code: error.code(),
            message: error.to_string(),
        }
    }
}

impl From<SignError> for Failure {
    fn from(error: SignError) -> Self {
        Self {
            code: OUT_OF_RANGE,
            message: error.to_string(),
        }
    }
}

/// The code of a failure the JS layer throws as a `RangeError`.
pub const OUT_OF_RANGE: &str = "ERR_OUT_OF_RANGE";

/// A verifier for one or more secrets (rotation), with the default window.
///
/// # Errors
///
/// `invalid_secret`: no secret, an empty one, or a `bk_` API key.
pub fn verifier<S: AsRef<[u8]>>(secrets: &[S]) -> Result<Verifier, Failure> {
    Ok(Verifier::with_secrets(secrets)?)
}

/// The request's header pairs as the JS layer sends them: one string,
/// `name\0value\0name\0value` (one conversion across the boundary, the
/// common case), or the list `[name, value, …]` when a name or a value
/// holds a NUL itself. An odd last item (never sent) is ignored.
#[derive(Clone, Copy, Debug)]
pub enum Headers<'a> {
    /// Names and values joined by NUL.
    Joined(&'a str),
    /// Names and values, alternating.
    List(&'a [String]),
}

impl<'a> Headers<'a> {
    /// The (name, value) pairs, in order.
    #[must_use]
    pub fn pairs(self) -> Pairs<'a> {
        match self {
            Self::Joined(text) => Pairs::Joined(text.split('\0')),
            Self::List(list) => Pairs::List(list.chunks_exact(2)),
        }
    }
}

/// The iterator of [`Headers::pairs`].
#[derive(Debug)]
pub enum Pairs<'a> {
    /// Over a NUL-joined string.
    Joined(core::str::Split<'a, char>),
    /// Over a list.
    List(core::slice::ChunksExact<'a, String>),
}

impl<'a> Iterator for Pairs<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Self::Joined(parts) => Some((parts.next()?, parts.next()?)),
            Self::List(chunks) => match chunks.next()? {
                [name, value] => Some((name.as_str(), value.as_str())),
                _ => None,
            },
        }
    }
}

/// Whole seconds from a JS `number` the JS layer checked to be a
/// non-negative safe integer; saturating, so nothing panics whatever
/// arrives (NaN gives 0).
#[must_use]
pub fn seconds(number: f64) -> u64 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let seconds = number as u64;
    seconds
}

/// A matched secret's index as a JS number (there are never 2^32 secrets).
fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Checks the headers, the window and the signature; the matched index.
///
/// # Errors
///
/// The core's verification error.
pub fn verify_signature(
    verifier: &Verifier,
    body: &[u8],
    headers: Headers<'_>,
    now: u64,
) -> Result<u32, Failure> {
    Ok(index(verifier.verify_signature(
        headers.pairs(),
        body,
        now,
    )?))
}

/// Verifies, then parses: the event as the JSON text the JS layer decodes
/// (the core's row: `order.paid` as an array, other events as
/// `{"event", "data"}`).
///
/// # Errors
///
/// The core's verification error.
pub fn verify(
    verifier: &Verifier,
    body: &[u8],
    headers: Headers<'_>,
    now: u64,
) -> Result<String, Failure> {
    Ok(verifier.verify_row(headers.pairs(), body, now)?)
}

/// Parses an already verified body, as [`verify`] returns it.
///
/// # Errors
///
/// `invalid_payload`.
pub fn parse_event(body: &[u8]) -> Result<String, Failure> {
    Ok(bookto_verify::parse_event_row(body)?)
}

/// The two header values bookto sends for `body` at `timestamp`:
/// `[x-bookto-timestamp, x-bookto-signature]`.
///
/// # Errors
///
/// `ERR_OUT_OF_RANGE` beyond 19 digits.
pub fn sign(secret: &[u8], timestamp: u64, body: &[u8]) -> Result<[String; 2], Failure> {
    let signed = bookto_verify::sign(secret, timestamp, body)?;
    Ok([
        signed.timestamp().to_string(),
        signed.signature().to_string(),
    ])
}

/// True when the core reads a header of this name (ASCII case-insensitive):
/// the JS layer asks only to decide whether a value of the wrong type is a
/// `TypeError` (a header verification reads) or ignorable (any other).
#[must_use]
pub fn reads_header(name: &str) -> bool {
    bookto_verify::is_verification_header(name)
}

/// The names of the two headers [`sign`] returns, in its order.
pub const SIGNED_HEADER_NAMES: [&str; 2] = [
    bookto_verify::TIMESTAMP_HEADER,
    bookto_verify::SIGNATURE_HEADER,
];

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::borrow::ToOwned;
    use alloc::vec;

    #[test]
    fn headers_are_matched_by_the_core() {
        let verifier = verifier(&["whsec_test"]).unwrap_or_else(|e| panic!("{e}"));
        let [timestamp, signature] =
            sign(b"whsec_test", 100, b"{}").unwrap_or_else(|e| panic!("{e}"));
        let flat = vec![
            "Content-Length".to_owned(),
            "2".to_owned(),
            "X-BOOKTO-TIMESTAMP".to_owned(),
            timestamp,
            "x-bookto-signature".to_owned(),
            signature.clone(),
            "x-bookto-signature".to_owned(),
            "v1=whatever".to_owned(),
        ];
        assert_eq!(
            verify_signature(&verifier, b"{}", Headers::List(&flat), 100),
            Ok(0)
        );
        let joined = flat.join("\0");
        assert_eq!(
            verify_signature(&verifier, b"{}", Headers::Joined(&joined), 100),
            Ok(0)
        );
        let missing = verify_signature(&verifier, b"{}", Headers::List(&flat[4..]), 100);
        assert_eq!(missing.map_err(|f| f.code), Err("missing_header"));
        let odd = [flat.concat()];
        assert_eq!(Headers::List(&odd).pairs().count(), 0);
        assert_eq!(Headers::Joined("").pairs().count(), 0);
        assert_eq!(Headers::Joined("a\0b\0c").pairs().count(), 1);
    }

    #[test]
    fn sign_refuses_twenty_digits() {
        let failure = sign(b"s", 10_000_000_000_000_000_000, b"");
        assert_eq!(failure.map_err(|f| f.code), Err(OUT_OF_RANGE));
        assert_eq!(seconds(f64::NAN), 0);
        assert_eq!(seconds(-1.0), 0);
        assert_eq!(seconds(9_007_199_254_740_991.0), 9_007_199_254_740_991);
    }

    #[test]
    fn config_failures_carry_the_code() {
        assert_eq!(
            verifier(&["bk_live_x"]).map(|_| ()).map_err(|f| f.code),
            Err("invalid_secret")
        );
        assert_eq!(
            verifier::<&str>(&[]).map(|_| ()).map_err(|f| f.code),
            Err("invalid_secret")
        );
    }
}

//! The native backend of the `@bookto/verify` npm package.
//!
//! A thin Node-API layer over the `bookto-verify` crate: it converts JS values
//! to Rust ones, calls the core and turns a core error into a JS `Error` whose
//! `code` is the core's stable code. Every rule about headers, timestamps,
//! signatures and payloads lives in `core/`. The public JavaScript API
//! (`js/api.mjs`) wraps this backend; the wasm build provides a backend of the
//! same shape, so both share that JavaScript.

use bookto_verify::{
    CONTENT_LENGTH_HEADER, ConfigError, Error, SIGNATURE_HEADER, TIMESTAMP_HEADER, Verifier,
};
use napi::bindgen_prelude::{BigInt, Either};
use napi_derive::napi;
use zeroize::Zeroizing;

/// The stable error code napi-rs puts on a thrown JS error as its `code`.
pub struct Code(&'static str);

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.0
    }
}

/// A result whose error reaches JS as an `Error` with a stable `code`.
pub type Result<T> = napi::Result<T, Code>;

/// The one place a core error becomes a JS error: its code and message.
fn verification_error(error: &Error) -> napi::Error<Code> {
    napi::Error::new(Code(error.code()), error.to_string())
}

fn config_error(error: &ConfigError) -> napi::Error<Code> {
    napi::Error::new(Code(error.code()), error.to_string())
}

/// Whole seconds as JS passes them: a `number` (a safe integer, checked by
/// the JS layer) or a `bigint`. Never panics, whatever arrives.
fn seconds(value: &Either<f64, BigInt>) -> u64 {
    match value {
        // Saturating, and exact for the safe integers the JS layer passes.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Either::A(number) => *number as u64,
        Either::B(big) => match big.words.as_slice() {
            [] => 0,
            _ if big.sign_bit => 0,
            [word] => *word,
            _ => u64::MAX,
        },
    }
}

fn now_or_clock(now: Option<&Either<f64, BigInt>>) -> u64 {
    now.map_or_else(bookto_verify::now, seconds)
}

/// The header pairs handed to the core: the three single values (`""` for
/// absent, which the core treats as missing), then `more`, a flat
/// `[name, value, name, value, …]` list the JS layer uses when a header has
/// several values.
fn header_pairs<'a>(
    timestamp: &'a str,
    signature: &'a str,
    content_length: &'a str,
    more: Option<&'a [String]>,
) -> impl Iterator<Item = (&'a str, &'a str)> {
    let singles = [
        (TIMESTAMP_HEADER, timestamp),
        (SIGNATURE_HEADER, signature),
        (CONTENT_LENGTH_HEADER, content_length),
    ];
    let more = more
        .unwrap_or_default()
        .chunks_exact(2)
        .filter_map(|pair| match pair {
            [name, value] => Some((name.as_str(), value.as_str())),
            _ => None,
        });
    singles.into_iter().chain(more)
}

/// Verifies bookto webhooks with one or more signing secrets. The secrets
/// stay inside this native object: nothing reads them back.
#[napi(js_name = "NativeVerifier")]
pub struct JsVerifier {
    inner: Verifier,
}

#[napi]
impl JsVerifier {
    /// Builds a verifier with the default 300 s window. Throws an error whose
    /// `code` is `invalid_secret` for an empty list, an empty secret or a
    /// `bk_` API key.
    #[napi(constructor)]
    pub fn new(secrets: Vec<String>) -> Result<Self> {
        let secrets = Zeroizing::new(secrets);
        let inner = Verifier::with_secrets(secrets.iter()).map_err(|e| config_error(&e))?;
        Ok(Self { inner })
    }

    /// Sets the replay window in seconds (`0`: exactly now).
    #[napi]
    pub fn set_tolerance(&mut self, seconds_: Either<f64, BigInt>) {
        self.inner = self.inner.clone().tolerance(seconds(&seconds_));
    }

    /// Turns the replay window off: only the signature is checked.
    #[napi]
    pub fn disable_tolerance(&mut self) {
        self.inner = self.inner.clone().no_tolerance();
    }

    /// Checks the headers, the replay window and the signature of `body`;
    /// returns the index of the secret that matched. Each header is its value,
    /// `""` when absent; `more` lists further `[name, value, …]` pairs when a
    /// header has several values. `now` (Unix seconds) defaults to the clock.
    /// Throws an error whose `code` is the stable verification code.
    #[napi]
    pub fn verify_signature(
        &self,
        body: &[u8],
        timestamp: String,
        signature: String,
        content_length: String,
        now: Option<Either<f64, BigInt>>,
        more: Option<Vec<String>>,
    ) -> Result<u32> {
        let headers = header_pairs(&timestamp, &signature, &content_length, more.as_deref());
        self.inner
            .verify_signature(headers, body, now_or_clock(now.as_ref()))
            .map(index)
            .map_err(|e| verification_error(&e))
    }

    /// Verifies like `verifySignature`, then parses `body`; returns the event
    /// as JSON text: `order.paid` as a positional array, any other event as
    /// `{"event": name, "data": body}`.
    #[napi]
    pub fn verify(
        &self,
        body: &[u8],
        timestamp: String,
        signature: String,
        content_length: String,
        now: Option<Either<f64, BigInt>>,
        more: Option<Vec<String>>,
    ) -> Result<String> {
        let headers = header_pairs(&timestamp, &signature, &content_length, more.as_deref());
        self.inner
            .verify_row(headers, body, now_or_clock(now.as_ref()))
            .map_err(|e| verification_error(&e))
    }
}

/// Matched secret index as a JS number (there are never 2^32 secrets).
fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Parses an already verified body; returns the event as JSON text (as
/// `verify` does). Throws an error whose `code` is `invalid_payload`.
#[napi]
pub fn parse_event(body: &[u8]) -> Result<String> {
    bookto_verify::parse_event_row(body).map_err(|e| verification_error(&e))
}

/// The `x-bookto-signature` value bookto sends for `body` at `timestamp`.
#[napi]
pub fn sign(secret: String, timestamp: Either<f64, BigInt>, body: &[u8]) -> String {
    let secret = Zeroizing::new(secret);
    bookto_verify::sign(secret.as_bytes(), seconds(&timestamp), body)
}

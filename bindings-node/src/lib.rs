//! The native backend of the `@bookto/verify` npm package.
//!
//! A thin Node-API layer over `bookto-verify-js` (`bindings-js/`, shared with
//! the wasm backend): it converts JS values to Rust ones and back, and a
//! failure into a JS `Error` whose `code` is the core's stable code. Every rule about headers, timestamps,
//! signatures and payloads lives in `core/`. The public JavaScript API
//! (`js/api.mjs`) wraps this backend; the wasm build provides a backend of the
//! same shape, so both share that JavaScript.

use bookto_verify_js as js;
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

/// The one place a shared failure becomes a JS error: its code and message.
fn thrown(failure: js::Failure) -> napi::Error<Code> {
    napi::Error::new(Code(failure.code), failure.message)
}

/// Whole seconds as JS passes them: a `number` (a safe integer, checked by
/// the JS layer) or a `bigint`. Never panics, whatever arrives.
fn seconds(value: &Either<f64, BigInt>) -> u64 {
    match value {
        Either::A(number) => js::seconds(*number),
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

/// The headers as `api.mjs` passes them: NUL-joined, or a list.
fn header_list(headers: &Either<String, Vec<String>>) -> js::Headers<'_> {
    match headers {
        Either::A(joined) => js::Headers::Joined(joined),
        Either::B(list) => js::Headers::List(list),
    }
}

/// Verifies bookto webhooks with one or more signing secrets. The secrets
/// stay inside this native object: nothing reads them back.
#[napi(js_name = "NativeVerifier")]
pub struct JsVerifier {
    inner: bookto_verify::Verifier,
}

#[napi]
impl JsVerifier {
    /// Builds a verifier with the default 300 s window. Throws an error whose
    /// `code` is `invalid_secret` for an empty list, an empty secret or a
    /// `bk_` API key.
    #[napi(constructor)]
    pub fn new(secrets: Vec<String>) -> Result<Self> {
        let secrets = Zeroizing::new(secrets);
        let inner = js::verifier(&secrets).map_err(thrown)?;
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
    /// returns the index of the secret that matched. `headers` is the
    /// request's header pairs, `name\0value\0…` (or a `[name, value, …]`
    /// list when one holds a NUL); `now` (Unix seconds)
    /// defaults to the clock. Throws an error whose `code` is the stable
    /// verification code.
    #[napi]
    pub fn verify_signature(
        &self,
        body: &[u8],
        headers: Either<String, Vec<String>>,
        now: Option<Either<f64, BigInt>>,
    ) -> Result<u32> {
        js::verify_signature(
            &self.inner,
            body,
            header_list(&headers),
            now_or_clock(now.as_ref()),
        )
        .map_err(thrown)
    }

    /// Verifies like `verifySignature`, then parses `body`; returns the event
    /// as JSON text: `order.paid` as a positional array, any other event as
    /// `{"event": name, "data": body}`.
    #[napi]
    pub fn verify(
        &self,
        body: &[u8],
        headers: Either<String, Vec<String>>,
        now: Option<Either<f64, BigInt>>,
    ) -> Result<String> {
        js::verify(
            &self.inner,
            body,
            header_list(&headers),
            now_or_clock(now.as_ref()),
        )
        .map_err(thrown)
    }
}

/// True when verification reads a header of this name (case-insensitive).
#[napi]
pub fn reads_header(name: String) -> bool {
    js::reads_header(&name)
}

/// Parses an already verified body; returns the event as JSON text (as
/// `verify` does). Throws an error whose `code` is `invalid_payload`.
#[napi]
pub fn parse_event(body: &[u8]) -> Result<String> {
    js::parse_event(body).map_err(thrown)
}

/// The two header values bookto sends for `body` at `timestamp`:
/// `[timestamp, signature]`. Throws `ERR_OUT_OF_RANGE` beyond 19 digits.
#[napi]
pub fn sign(secret: String, timestamp: Either<f64, BigInt>, body: &[u8]) -> Result<Vec<String>> {
    let secret = Zeroizing::new(secret);
    js::sign(secret.as_bytes(), seconds(&timestamp), body)
        .map(Vec::from)
        .map_err(thrown)
}

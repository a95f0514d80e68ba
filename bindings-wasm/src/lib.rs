//! The wasm backend of the `@bookto/verify-wasm` npm package.
//!
//! A thin `wasm-bindgen` layer over the `bookto-verify` crate, with the same
//! shape as the Node addon's backend (`bindings-node/src/lib.rs`), so the one
//! public JavaScript API (`bindings-node/js/api.mjs`, `createApi(backend)`)
//! runs over either. It converts JS values to Rust ones, calls the core and
//! turns a core error into a JS `Error` whose `code` is the core's stable
//! code. Every rule about headers, timestamps, signatures and payloads lives
//! in `core/`.
//!
//! Nothing here may panic: on `wasm32-unknown-unknown` a panic is a trap that
//! leaves the module unusable for the rest of the worker's life. Every failure
//! is a thrown JS error instead.
// No panic path, as in the core (see the note above).
#![cfg_attr(
    not(test),
    deny(
        clippy::panic,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

extern crate alloc;

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Display;

use bookto_verify::{CONTENT_LENGTH_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, Verifier};
use wasm_bindgen::prelude::{JsValue, wasm_bindgen};
use zeroize::Zeroizing;

/// A JS result: the error is the value thrown in JS.
type Result<T> = core::result::Result<T, JsValue>;

/// The one place a core error (verification or configuration) becomes a JS
/// error: an `Error` with the core's message and its stable code as `code`,
/// the shape `createApi` maps to its public error classes. Neither the code
/// nor the message ever contains a secret.
fn js_error(code: &str, message: &dyn Display) -> JsValue {
    let error = js_sys::Error::new(&message.to_string());
    // Setting a property on a fresh, extensible Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}

/// A JS value of the wrong type (a bug in the caller: `createApi` checks
/// types before calling the backend).
fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// A JS string as Rust text; anything else is a `TypeError`. (The arguments
/// of `verify`/`verifySignature` are typed parameters instead, the fast path
/// through wasm-bindgen's glue, which would trap on a non-string `&str`: so
/// `backend.js` checks their types before the call.)
fn text(value: &JsValue, what: &str) -> Result<String> {
    value
        .as_string()
        .ok_or_else(|| type_error(&alloc::format!("bookto-verify: {what} must be a string")))
}

/// Appends every item of a JS array of strings to `out`; anything else is a
/// `TypeError`. `out` is the caller's, so a `Zeroizing` one wipes whatever was
/// copied before a failure too.
fn push_texts(out: &mut Vec<String>, value: &JsValue, what: &str) -> Result<()> {
    if !value.is_array() {
        return Err(type_error(&alloc::format!(
            "bookto-verify: {what} must be an array of strings"
        )));
    }
    for item in js_sys::Array::from(value).iter() {
        out.push(text(&item, what)?);
    }
    Ok(())
}

/// The header pairs handed to the core, as the Node backend builds them: the
/// three single values (`""` for absent, which the core treats as missing),
/// then `more`, a flat `[name, value, name, value, …]` list (`undefined`
/// unless a header has several values). Every header rule is the core's.
fn header_pairs<'a>(
    timestamp: &'a str,
    signature: &'a str,
    content_length: &'a str,
    more: &'a [String],
) -> impl Iterator<Item = (&'a str, &'a str)> {
    let singles = [
        (TIMESTAMP_HEADER, timestamp),
        (SIGNATURE_HEADER, signature),
        (CONTENT_LENGTH_HEADER, content_length),
    ];
    let more = more.chunks_exact(2).filter_map(|pair| match pair {
        [name, value] => Some((name.as_str(), value.as_str())),
        _ => None,
    });
    singles.into_iter().chain(more)
}

/// Unix seconds or a window length: a non-negative safe integer `number` or a
/// `bigint` up to 2^64 - 1 (`createApi` has already rejected anything else).
/// Saturating like the Node backend, so it never panics either way.
fn seconds(value: &JsValue) -> Result<u64> {
    if let Some(number) = value.as_f64() {
        // `as` saturates (NaN to 0) and is exact for the safe integers passed.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        return Ok(number as u64);
    }
    if value.is_bigint() {
        return Ok(u64::try_from(value.clone()).unwrap_or_else(|_| {
            if value.lt(&JsValue::from(0)) {
                0
            } else {
                u64::MAX
            }
        }));
    }
    Err(type_error(
        "bookto-verify: seconds must be a number or a bigint",
    ))
}

/// `now` as `backend.js` splits it (a `number`, or a `bigint` for values
/// beyond 2^53), or the JS clock (`Date.now()`) when neither is given: the
/// core never reads a clock, and `std`'s clock does not exist on
/// `wasm32-unknown-unknown`. Two typed parameters rather than one `JsValue`
/// keep the hot path free of calls back into JS.
fn now_or_clock(number: Option<f64>, bigint: Option<u64>) -> u64 {
    // `as` saturates (NaN to 0) and is exact for the safe integers passed.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    match (bigint, number) {
        (Some(seconds), _) => seconds,
        (None, Some(seconds)) => seconds as u64,
        // Milliseconds since 1970 as a float; whole seconds.
        (None, None) => (js_sys::Date::now() / 1000.0) as u64,
    }
}

/// Matched secret index as a JS number (there are never 2^32 secrets).
fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Verifies bookto webhooks with one or more signing secrets. The secrets
/// stay inside the wasm module's memory, pre-keyed: nothing reads them back.
#[wasm_bindgen(js_name = "Verifier")]
pub struct WasmVerifier {
    inner: Verifier,
}

#[wasm_bindgen(js_class = "Verifier")]
impl WasmVerifier {
    /// Builds a verifier with the default 300 s window. Throws an `Error`
    /// with `code` `invalid_secret` for an empty list, an empty secret or a
    /// `bk_` API key.
    #[wasm_bindgen(constructor)]
    pub fn new(secrets: &JsValue) -> Result<Self> {
        // Wiped on drop, also when a later item is not a string.
        let mut texts = Zeroizing::new(Vec::new());
        push_texts(&mut texts, secrets, "the secrets")?;
        Verifier::with_secrets(texts.iter())
            .map(|inner| Self { inner })
            .map_err(|e| js_error(e.code(), &e))
    }

    /// Sets the replay window in seconds (`0`: exactly now).
    #[wasm_bindgen(js_name = "setTolerance")]
    pub fn set_tolerance(&mut self, seconds_: &JsValue) -> Result<()> {
        self.inner = self.inner.clone().tolerance(seconds(seconds_)?);
        Ok(())
    }

    /// Turns the replay window off: only the signature is checked.
    #[wasm_bindgen(js_name = "disableTolerance")]
    pub fn disable_tolerance(&mut self) {
        self.inner = self.inner.clone().no_tolerance();
    }

    /// Checks the headers, the replay window and the signature of `body`;
    /// returns the index of the secret that matched. Each header is its
    /// value, `""` when absent; `more` lists further `[name, value, …]` pairs
    /// when a header has several values. `now` (Unix seconds, a number, or
    /// `now_bigint` beyond 2^53) defaults to `Date.now()`. Throws an `Error`
    /// whose `code` is the stable verification code. Called through
    /// `backend.js`, which checks the argument types.
    #[wasm_bindgen(js_name = "verifySignature")]
    // One flat parameter list: the JS backend call, typed for the fast path.
    #[allow(clippy::too_many_arguments)]
    pub fn verify_signature(
        &self,
        body: &[u8],
        timestamp: &str,
        signature: &str,
        content_length: &str,
        now: Option<f64>,
        now_bigint: Option<u64>,
        more: Option<Vec<String>>,
    ) -> Result<u32> {
        let more = more.unwrap_or_default();
        let headers = header_pairs(timestamp, signature, content_length, &more);
        let now = now_or_clock(now, now_bigint);
        self.inner
            .verify_signature(headers, body, now)
            .map(index)
            .map_err(|e| js_error(e.code(), &e))
    }

    /// Verifies like `verifySignature`, then parses `body`; returns the event
    /// as JSON text for `JSON.parse` (the core's `parse_event_row`:
    /// `order.paid` as a positional array, other events as `{event, data}`).
    #[allow(clippy::too_many_arguments)]
    pub fn verify(
        &self,
        body: &[u8],
        timestamp: &str,
        signature: &str,
        content_length: &str,
        now: Option<f64>,
        now_bigint: Option<u64>,
        more: Option<Vec<String>>,
    ) -> Result<String> {
        let more = more.unwrap_or_default();
        let headers = header_pairs(timestamp, signature, content_length, &more);
        let now = now_or_clock(now, now_bigint);
        self.inner
            .verify_row(headers, body, now)
            .map_err(|e| js_error(e.code(), &e))
    }
}

/// Parses an already verified body; returns the event as JSON text (as
/// `verify` does). Throws an `Error` whose `code` is `invalid_payload`.
#[wasm_bindgen(js_name = "parseEvent")]
pub fn parse_event(body: &[u8]) -> Result<String> {
    bookto_verify::parse_event_row(body).map_err(|e| js_error(e.code(), &e))
}

/// The `x-bookto-signature` value bookto sends for `body` at `timestamp`.
#[wasm_bindgen]
pub fn sign(secret: &JsValue, timestamp: &JsValue, body: &[u8]) -> Result<String> {
    // Owned, so the copy of the secret in wasm memory is wiped on drop.
    let secret = Zeroizing::new(text(secret, "the secret")?);
    Ok(bookto_verify::sign(
        secret.as_bytes(),
        seconds(timestamp)?,
        body,
    ))
}

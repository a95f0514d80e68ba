//! The wasm backend of the `@bookto/verify-wasm` npm package.
//!
//! A thin `wasm-bindgen` layer over `bookto-verify-js` (`bindings-js/`, shared
//! with the Node addon), so the one public JavaScript API
//! (`bindings-node/js/api.mjs`, `createApi(backend)`) runs over either
//! backend. It converts JS values to Rust ones and back, and a failure into a
//! JS `Error` whose `code` is the core's stable code. Every rule about
//! headers, timestamps, signatures and payloads lives in `core/`.
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

use bookto_verify_js as js;
use wasm_bindgen::prelude::{JsValue, wasm_bindgen};
use zeroize::Zeroizing;

/// A JS result: the error is the value thrown in JS.
type Result<T> = core::result::Result<T, JsValue>;

/// The one place a shared failure becomes a JS error: an `Error` with the
/// core's message and its stable code as `code`, the shape `createApi` maps
/// to its public error classes. Neither ever contains a secret.
fn thrown(failure: js::Failure) -> JsValue {
    js_error(failure.code, &failure)
}

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
/// through wasm-bindgen's glue: `backend.js` checks their types first.)
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

/// Unix seconds or a window length: a non-negative safe integer `number` or a
/// `bigint` up to 2^64 - 1 (`createApi` has already rejected anything else).
/// Saturating like the Node backend, so it never panics either way.
fn seconds(value: &JsValue) -> Result<u64> {
    if let Some(number) = value.as_f64() {
        return Ok(js::seconds(number));
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
    match (bigint, number) {
        (Some(seconds), _) => seconds,
        (None, Some(seconds)) => js::seconds(seconds),
        // Milliseconds since 1970 as a float; whole seconds.
        (None, None) => js::seconds(js_sys::Date::now() / 1000.0),
    }
}

/// The headers as `backend.js` passes them: NUL-joined (`list` absent), or
/// a `[name, value, …]` list when one holds a NUL. Two typed parameters
/// rather than one `JsValue`, the fast path through the glue.
fn header_list<'a>(joined: &'a str, list: Option<&'a [String]>) -> js::Headers<'a> {
    list.map_or(js::Headers::Joined(joined), js::Headers::List)
}

/// Verifies bookto webhooks with one or more signing secrets. The secrets
/// stay inside the wasm module's memory, pre-keyed: nothing reads them back.
#[wasm_bindgen(js_name = "Verifier")]
pub struct WasmVerifier {
    inner: bookto_verify::Verifier,
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
        js::verifier(&texts)
            .map(|inner| Self { inner })
            .map_err(thrown)
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
    /// returns the index of the secret that matched. The headers are the
    /// request's pairs, `name\0value\0…` in `joined`, or in `list` when one
    /// holds a NUL; `now` (Unix
    /// seconds, a number, or `now_bigint` beyond 2^53) defaults to
    /// `Date.now()`. Throws an `Error` whose `code` is the stable
    /// verification code. Called through `backend.js`, which checks the
    /// argument types.
    #[wasm_bindgen(js_name = "verifySignature")]
    pub fn verify_signature(
        &self,
        body: &[u8],
        joined: &str,
        list: Option<Vec<String>>,
        now: Option<f64>,
        now_bigint: Option<u64>,
    ) -> Result<u32> {
        js::verify_signature(
            &self.inner,
            body,
            header_list(joined, list.as_deref()),
            now_or_clock(now, now_bigint),
        )
        .map_err(thrown)
    }

    /// Verifies like `verifySignature`, then parses `body`; returns the event
    /// as JSON text for `JSON.parse` (the core's row: `order.paid` as a
    /// positional array, other events as `{event, data}`).
    pub fn verify(
        &self,
        body: &[u8],
        joined: &str,
        list: Option<Vec<String>>,
        now: Option<f64>,
        now_bigint: Option<u64>,
    ) -> Result<String> {
        js::verify(
            &self.inner,
            body,
            header_list(joined, list.as_deref()),
            now_or_clock(now, now_bigint),
        )
        .map_err(thrown)
    }
}

/// True when verification reads a header of this name (case-insensitive).
#[wasm_bindgen(js_name = "readsHeader")]
pub fn reads_header(name: &str) -> bool {
    js::reads_header(name)
}

/// Parses an already verified body; returns the event as JSON text (as
/// `verify` does). Throws an `Error` whose `code` is `invalid_payload`.
#[wasm_bindgen(js_name = "parseEvent")]
pub fn parse_event(body: &[u8]) -> Result<String> {
    js::parse_event(body).map_err(thrown)
}

/// The two header values bookto sends for `body` at `timestamp`:
/// `[timestamp, signature]`. Throws `ERR_OUT_OF_RANGE` beyond 19 digits.
#[wasm_bindgen]
pub fn sign(secret: &JsValue, timestamp: &JsValue, body: &[u8]) -> Result<Vec<String>> {
    // Owned, so the copy of the secret in wasm memory is wiped on drop.
    let secret = Zeroizing::new(text(secret, "the secret")?);
    js::sign(secret.as_bytes(), seconds(timestamp)?, body)
        .map(Vec::from)
        .map_err(thrown)
}

//! `bookto_verify._native`: the Python binding of the `bookto-verify` core.
//!
//! Conversion only: Python values become the core's inputs
//! ([`convert`]), core results become Python objects ([`events`]) and core
//! errors become the exceptions defined in `bookto_verify/_errors.py`
//! ([`errors::to_py_err`]). Every rule of verification lives in the core.

extern crate alloc;

mod convert;
mod errors;
mod events;
mod from_dict;
mod order_paid;

use bookto_verify::{
    DEFAULT_TOLERANCE, Event, HeaderPair, SIGNATURE_HEADER, TIMESTAMP_HEADER, Verifier,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{Body, DETACH_THRESHOLD, Headers, Secrets, Tolerance, now_arg, whole_seconds};
use crate::errors::to_py_err;
use crate::events::{PyUnknownEvent, Raw, event_to_py};
use crate::order_paid::{PyAmount, PyBuyer, PyOrderPaid, PyProduct, PySeller};

/// Verifies bookto webhooks with one signing secret, or several during a
/// rotation.
///
/// Build it once at start-up and share it (it is thread-safe)::
///
///     webhook = Webhook(os.environ["BOOKTO_WEBHOOK_SECRET"])
///     event = webhook.verify(request_body, request_headers)
///
/// ``tolerance`` is the replay window in seconds (default 300); ``None``
/// turns the timestamp check off. A bad secret raises
/// ``WebhookConfigError`` here, not at verify time.
#[pyclass(frozen, name = "Webhook", module = "bookto_verify")]
pub struct PyWebhook {
    verifier: Verifier,
}

/// What to run on the converted inputs.
trait Check: Sync {
    type Output: Send;
    fn run<I>(
        &self,
        verifier: &Verifier,
        headers: I,
        body: &[u8],
        now: u64,
    ) -> Result<Self::Output, bookto_verify::Error>
    where
        I: IntoIterator,
        I::Item: HeaderPair;
}

/// `verify_signature`: the matched secret's index.
struct SignatureOnly;

impl Check for SignatureOnly {
    type Output = usize;
    fn run<I>(
        &self,
        verifier: &Verifier,
        headers: I,
        body: &[u8],
        now: u64,
    ) -> Result<usize, bookto_verify::Error>
    where
        I: IntoIterator,
        I::Item: HeaderPair,
    {
        verifier.verify_signature(headers, body, now)
    }
}

/// `verify`: the parsed event.
struct SignatureAndEvent;

impl Check for SignatureAndEvent {
    type Output = Event;
    fn run<I>(
        &self,
        verifier: &Verifier,
        headers: I,
        body: &[u8],
        now: u64,
    ) -> Result<Event, bookto_verify::Error>
    where
        I: IntoIterator,
        I::Item: HeaderPair,
    {
        verifier.verify(headers, body, now)
    }
}

impl PyWebhook {
    /// Converts the other inputs and runs `check` on `body`, with the GIL
    /// released for large bodies.
    fn run<'py, C: Check>(
        &self,
        py: Python<'py>,
        body: &Body<'py>,
        headers: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
        check: &C,
    ) -> PyResult<C::Output> {
        let headers = Headers::extract(headers)?;
        let now = now_arg(now)?;
        let bytes = body.as_bytes();
        let result = if bytes.len() > DETACH_THRESHOLD {
            // Plain slices only cross into the GIL-free section.
            let pairs: Vec<(&str, &[u8])> = headers.iter().collect();
            py.detach(|| check.run(&self.verifier, &pairs, bytes, now))
        } else {
            check.run(&self.verifier, headers.iter(), bytes, now)
        };
        result.map_err(|e| to_py_err(py, &e))
    }
}

#[pymethods]
impl PyWebhook {
    #[new]
    #[pyo3(
        signature = (secret, tolerance = Some(Tolerance(DEFAULT_TOLERANCE))),
        text_signature = "(secret, tolerance=300)"
    )]
    fn new(
        py: Python<'_>,
        secret: &Bound<'_, PyAny>,
        tolerance: Option<Tolerance>,
    ) -> PyResult<Self> {
        let verifier = match Secrets::extract(secret)? {
            Secrets::One(secret) => Verifier::new(secret),
            Secrets::Several(secrets) => Verifier::with_secrets(secrets),
        }
        .map_err(|e| to_py_err(py, &e))?;
        let verifier = match tolerance {
            Some(Tolerance(seconds)) => verifier.tolerance(seconds),
            None => verifier.no_tolerance(),
        };
        Ok(Self { verifier })
    }

    /// Verifies the signature and timestamp, then parses the body.
    ///
    /// ``body`` is the raw request body (``bytes``, ``bytearray``,
    /// ``memoryview`` or ``str``); ``headers`` the request's headers (any
    /// mapping, any key case). ``now`` (Unix seconds) defaults to the system
    /// clock; pass the delivery time when re-processing stored webhooks.
    ///
    /// Returns ``OrderPaid`` or ``UnknownEvent``; raises a
    /// ``WebhookVerificationError`` subclass.
    #[pyo3(signature = (body, headers, *, now = None))]
    fn verify<'py>(
        &self,
        py: Python<'py>,
        body: &Bound<'py, PyAny>,
        headers: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let body = Body::extract(body)?;
        let event = self.run(py, &body, headers, now, &SignatureAndEvent)?;
        // The event keeps the verified body (`raw`): the caller's bytes
        // object itself when there is one.
        event_to_py(py, event, Raw::from(body))
    }

    /// Verifies the signature and timestamp only, without parsing the body.
    ///
    /// Returns the index of the secret that matched (0 with one secret), so
    /// you can see when an old secret stops being used.
    #[pyo3(signature = (body, headers, *, now = None))]
    fn verify_signature<'py>(
        &self,
        py: Python<'py>,
        body: &Bound<'py, PyAny>,
        headers: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<usize> {
        let body = Body::extract(body)?;
        self.run(py, &body, headers, now, &SignatureOnly)
    }

    /// The replay window in seconds, or ``None`` when it is turned off.
    #[getter]
    fn tolerance(&self) -> Option<u64> {
        self.verifier.tolerance_secs()
    }

    /// How many secrets are configured.
    #[getter]
    fn secret_count(&self) -> usize {
        self.verifier.secret_count()
    }

    fn __repr__(&self) -> String {
        let tolerance = self
            .verifier
            .tolerance_secs()
            .map_or_else(|| "None".to_owned(), |t| t.to_string());
        format!(
            "Webhook(secrets=<{} redacted>, tolerance={tolerance})",
            self.verifier.secret_count()
        )
    }
}

/// Signs ``body`` as bookto does and returns both headers, for tests and
/// local senders::
///
///     headers = sign(secret, body)   # {"x-bookto-timestamp": ..., "x-bookto-signature": ...}
///
/// ``timestamp`` (Unix seconds) defaults to now. The secret is trimmed like
/// ``Webhook`` trims it; ``sign`` never fails on a secret.
#[pyfunction]
#[pyo3(signature = (secret, body, timestamp = None))]
fn sign<'py>(
    py: Python<'py>,
    secret: &Bound<'py, PyAny>,
    body: &Bound<'py, PyAny>,
    timestamp: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    if secret.is_none() {
        // sign has no configuration to check: None is a wrong type here
        // (DECISIONS A8), not an unset secret.
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "sign needs the signing secret as a str, not None",
        ));
    }
    let secret = match Secrets::extract(secret)? {
        Secrets::One(secret) => secret,
        Secrets::Several(_) => {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "sign takes one secret (a str), not a list",
            ));
        }
    };
    let body = Body::extract(body)?;
    let timestamp = match timestamp {
        Some(t) if !t.is_none() => whole_seconds(t, "timestamp")?,
        _ => bookto_verify::now(),
    };
    let bytes = body.as_bytes();
    let signed = if bytes.len() > DETACH_THRESHOLD {
        py.detach(|| bookto_verify::sign(&secret, timestamp, bytes))
    } else {
        bookto_verify::sign(&secret, timestamp, bytes)
    }
    .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    let headers = PyDict::new(py);
    for (name, value) in signed.headers() {
        headers.set_item(name, value)?;
    }
    Ok(headers)
}

/// Parses a body whose signature was already verified (for instance one
/// stored by a queue after ``Webhook.verify_signature``). Returns
/// ``OrderPaid`` or ``UnknownEvent``; raises ``InvalidPayload``. Unpickling
/// an event calls it on the event's ``raw`` body::
///
///     parse_event(event.raw) == event
#[pyfunction]
fn parse_event<'py>(py: Python<'py>, body: &Bound<'py, PyAny>) -> PyResult<Py<PyAny>> {
    let body = Body::extract(body)?;
    let bytes = body.as_bytes();
    let event = if bytes.len() > DETACH_THRESHOLD {
        py.detach(|| bookto_verify::parse_event(bytes))
    } else {
        bookto_verify::parse_event(bytes)
    };
    let event = event.map_err(|e| to_py_err(py, &e))?;
    event_to_py(py, event, Raw::from(body))
}

#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyWebhook>()?;
    module.add_class::<PyOrderPaid>()?;
    module.add_class::<PyAmount>()?;
    module.add_class::<PyProduct>()?;
    module.add_class::<PyBuyer>()?;
    module.add_class::<PySeller>()?;
    module.add_class::<PyUnknownEvent>()?;
    module.add_function(wrap_pyfunction!(sign, module)?)?;
    module.add_function(wrap_pyfunction!(parse_event, module)?)?;
    module.add("TIMESTAMP_HEADER", TIMESTAMP_HEADER)?;
    module.add("SIGNATURE_HEADER", SIGNATURE_HEADER)?;
    module.add("DEFAULT_TOLERANCE", DEFAULT_TOLERANCE)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

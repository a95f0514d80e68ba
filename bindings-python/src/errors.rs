//! The one place where core errors become Python exceptions.
//!
//! The exception classes are defined in Python (`bookto_verify/_errors.py`),
//! so users can subclass, pickle and document them like any Python class;
//! they are imported once and cached.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

const ERRORS_MODULE: &str = "bookto_verify._errors";

/// Code → Python class, for every verification code of the core.
const CLASSES: [(&str, &str); 8] = [
    ("missing_header", "MissingHeader"),
    ("invalid_timestamp", "InvalidTimestamp"),
    ("timestamp_too_old", "TimestampTooOld"),
    ("timestamp_too_new", "TimestampTooNew"),
    ("invalid_signature_header", "InvalidSignatureHeader"),
    ("signature_mismatch", "SignatureMismatch"),
    ("invalid_payload", "InvalidPayload"),
    ("invalid_secret", "WebhookConfigError"),
];

/// The base class, for a code a newer core might add.
const BASE_CLASS: &str = "WebhookVerificationError";

/// An error of the core: a stable code and a secret-free message.
pub(crate) trait CoreError: core::fmt::Display {
    /// The stable code.
    fn code(&self) -> &'static str;
}

impl CoreError for bookto_verify::Error {
    fn code(&self) -> &'static str {
        bookto_verify::Error::code(self)
    }
}

impl CoreError for bookto_verify::ConfigError {
    fn code(&self) -> &'static str {
        bookto_verify::ConfigError::code(self)
    }
}

static CLASS_CACHE: [PyOnceLock<Py<PyType>>; 9] = [const { PyOnceLock::new() }; 9];

/// Converts a core error into the Python exception of its code:
/// `SignatureMismatch("signature mismatch: ...")` with `.code ==
/// "signature_mismatch"`, `WebhookConfigError` for `invalid_secret`.
pub(crate) fn to_py_err(py: Python<'_>, error: &impl CoreError) -> PyErr {
    let code = error.code();
    let (slot, class_name) = CLASSES
        .iter()
        .position(|(c, _)| *c == code)
        .map_or((CLASSES.len(), BASE_CLASS), |i| {
            (i, CLASSES.get(i).map_or(BASE_CLASS, |(_, name)| name))
        });
    let built = CLASS_CACHE
        .get(slot)
        .ok_or_else(|| PyRuntimeError::new_err("bookto_verify: error class table"))
        .and_then(|cache| cache.import(py, ERRORS_MODULE, class_name))
        .and_then(|class| class.call1((error.to_string(),)))
        .and_then(|exception| {
            // Set on the instance too, so the base class carries a code a
            // newer core may add.
            exception.setattr("code", code)?;
            Ok(exception)
        });
    match built {
        Ok(exception) => PyErr::from_value(exception),
        Err(import_failure) => import_failure,
    }
}

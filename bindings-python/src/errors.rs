//! The one place where core errors become Python exceptions.
//!
//! The exception classes are defined in Python (`bookto_verify/_errors.py`,
//! generated from the core's `ErrorCode` by codegen), so users can subclass,
//! pickle and document them like any Python class; each is imported once, by
//! its `ErrorCode::class_name`, and cached.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use bookto_verify::ErrorCode;

const ERRORS_MODULE: &str = "bookto_verify._errors";

/// The base class, for a code without a class of its own.
const BASE_CLASS: &str = "WebhookVerificationError";

/// An error of the core: a stable code and a secret-free message.
pub(crate) trait CoreError: core::fmt::Display {
    /// The stable code (one of [`ErrorCode::ALL`]).
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

/// One imported class per code of [`ErrorCode::ALL`], then the base class.
/// `_errors.py` defines each as [`ErrorCode::class_name`] (both are
/// generated from the core by codegen).
static CLASS_CACHE: [PyOnceLock<Py<PyType>>; ErrorCode::ALL.len() + 1] =
    [const { PyOnceLock::new() }; ErrorCode::ALL.len() + 1];

/// Converts a core error into the Python exception of its code:
/// `SignatureMismatch("signature mismatch: ...")` with `.code ==
/// "signature_mismatch"`, `WebhookConfigError` for `invalid_secret`.
pub(crate) fn to_py_err(py: Python<'_>, error: &impl CoreError) -> PyErr {
    let code = error.code();
    let known = ErrorCode::ALL.iter().position(|c| c.as_str() == code);
    let class_name = known
        .and_then(|i| ErrorCode::ALL.get(i))
        .map_or(BASE_CLASS, |c| c.class_name());
    let slot = known.unwrap_or(ErrorCode::ALL.len());
    let built = CLASS_CACHE
        .get(slot)
        .ok_or_else(|| PyRuntimeError::new_err("bookto_verify: error class table"))
        .and_then(|cache| cache.import(py, ERRORS_MODULE, class_name))
        .and_then(|class| class.call1((error.to_string(),)))
        .and_then(|exception| {
            // Set on the instance too, so the base class would carry a code
            // without a class of its own.
            exception.setattr("code", code)?;
            Ok(exception)
        });
    match built {
        Ok(exception) => PyErr::from_value(exception),
        Err(import_failure) => import_failure,
    }
}

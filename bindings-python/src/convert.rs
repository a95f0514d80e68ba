//! Python values in, Rust values out: body, headers, `now`, secrets.
//!
//! Nothing here knows about signatures or payloads; header names are matched
//! by the core. The only shortcut is a length filter on header names, which
//! cannot change a result (see [`could_be_wanted`]).

use alloc::borrow::Cow;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyList, PyMemoryView, PyString, PyTuple};

use bookto_verify::{CONTENT_LENGTH_HEADER, HEADER_NAMES, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use zeroize::Zeroizing;

use crate::errors::{CoreError, to_py_err};

/// Bodies larger than this are hashed with the GIL released.
pub(crate) const DETACH_THRESHOLD: usize = 64 * 1024;

const RAW_BODY_HINT: &str = "pass the raw request body (bytes or str) exactly as \
     received, not parsed JSON: Flask `request.get_data()`, Django `request.body`, \
     FastAPI/Starlette `await request.body()`";

/// The body's bytes: borrowed from an immutable `bytes` object where one
/// exists, else owned.
pub(crate) enum Body<'py> {
    /// `bytes`, a full memoryview of `bytes`, or a str encoded once to UTF-8.
    Borrowed(Bound<'py, PyBytes>),
    /// A copy of a mutable buffer (`bytearray`): it could change while the
    /// GIL is released.
    Owned(Vec<u8>),
}

impl Body<'_> {
    /// The bytes to verify.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match self {
            Self::Borrowed(bytes) => bytes.as_bytes(),
            Self::Owned(bytes) => bytes,
        }
    }
}

impl<'py> Body<'py> {
    /// Reads a `bytes`, `bytearray`, `memoryview` or `str` (UTF-8) body.
    pub(crate) fn extract(body: &Bound<'py, PyAny>) -> PyResult<Self> {
        if let Ok(bytes) = body.cast::<PyBytes>() {
            return Ok(Self::Borrowed(bytes.clone()));
        }
        if let Ok(text) = body.cast::<PyString>() {
            // The limited API of Python 3.9 has no borrowed UTF-8 view of a
            // str: one encode is the minimum.
            return Ok(Self::Borrowed(match text.encode_utf8() {
                Ok(bytes) => bytes,
                Err(_) => wtf8(text)?,
            }));
        }
        if let Ok(array) = body.cast::<PyByteArray>() {
            return Ok(Self::Owned(array.to_vec()));
        }
        if let Ok(view) = body.cast::<PyMemoryView>() {
            return memoryview_bytes(view).map(Self::Borrowed);
        }
        if body.is_instance_of::<PyDict>() || body.is_instance_of::<PyList>() {
            return Err(PyTypeError::new_err(format!(
                "body is an already-parsed {}: {RAW_BODY_HINT}",
                type_name(body)
            )));
        }
        Err(PyTypeError::new_err(format!(
            "body must be bytes, bytearray, memoryview or str, not {}: {RAW_BODY_HINT}",
            type_name(body)
        )))
    }
}

/// A `str` that has no UTF-8 form (it holds a lone surrogate, as
/// `bytes.decode("utf-8", "surrogateescape")` makes) as its WTF-8 bytes: each
/// lone surrogate becomes its 3-byte form, which is not UTF-8 (DECISIONS A4).
/// So the text is never collapsed into another one's bytes (U+FFFD), the
/// core sees a body bookto cannot have signed and answers in its own order
/// (`signature_mismatch`, or `invalid_payload` once verified), and no
/// `UnicodeEncodeError` quotes the body.
fn wtf8<'py>(text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyBytes>> {
    let py = text.py();
    Ok(text
        .call_method1(intern!(py, "encode"), ("utf-8", "surrogatepass"))?
        .cast_into::<PyBytes>()?)
}

/// A memoryview's bytes: the underlying `bytes` object itself when the view
/// covers all of it (no copy), else `tobytes()`.
fn memoryview_bytes<'py>(view: &Bound<'py, PyMemoryView>) -> PyResult<Bound<'py, PyBytes>> {
    let py = view.py();
    let base = view.getattr(intern!(py, "obj"))?;
    if let Ok(base) = base.cast::<PyBytes>() {
        let nbytes: usize = view.getattr(intern!(py, "nbytes"))?.extract()?;
        let contiguous: bool = view.getattr(intern!(py, "c_contiguous"))?.extract()?;
        if contiguous && nbytes == base.as_bytes().len() {
            return Ok(base.clone());
        }
    }
    Ok(view
        .call_method0(intern!(py, "tobytes"))?
        .cast_into::<PyBytes>()?)
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |name| name.to_string())
}

/// Whether a header name of `len` characters could be one the core reads.
///
/// The core matches names with ASCII case-insensitivity, so a name it reads
/// has exactly as many characters as one of its three names; any other name
/// is skipped without being converted (most request headers, for speed).
fn could_be_wanted(len: usize) -> bool {
    HEADER_NAMES.iter().any(|name| name.len() == len)
}

/// A header name the core may read: one of its names, recognised without
/// encoding, or the UTF-8 of any other candidate.
enum Name<'py> {
    Known(&'static str),
    Other(Bound<'py, PyBytes>),
}

impl Name<'_> {
    /// The name as text; a `bytes` name that is not UTF-8 cannot be one of
    /// bookto's and reads as `None`.
    fn as_str(&self) -> Option<&str> {
        match self {
            Self::Known(name) => Some(name),
            Self::Other(bytes) => core::str::from_utf8(bytes.as_bytes()).ok(),
        }
    }
}

/// The header pairs the core may need, as UTF-8 kept alive by Python.
pub(crate) struct Headers<'py> {
    pairs: Vec<(Name<'py>, Bound<'py, PyBytes>)>,
}

impl<'py> Headers<'py> {
    /// Reads any mapping with an `items()` method (dict, Werkzeug `Headers`
    /// and `EnvironHeaders`, Django `request.headers`, Starlette `Headers`,
    /// `email.message.Message`) or a list/tuple of `(name, value)` pairs.
    ///
    /// A value may be `str`, `bytes` or a list/tuple of them (several values
    /// of one header); names are `str` or `bytes`, in any case.
    pub(crate) fn extract(headers: &Bound<'py, PyAny>) -> PyResult<Self> {
        let mut out = Self {
            pairs: Vec::with_capacity(4),
        };
        if let Ok(dict) = headers.cast::<PyDict>() {
            for (name, value) in dict.iter() {
                out.push(&name, &value)?;
            }
            return Ok(out);
        }
        let py = headers.py();
        let items = if headers.is_instance_of::<PyList>() || headers.is_instance_of::<PyTuple>() {
            headers.clone()
        } else if headers.hasattr(intern!(py, "items"))? {
            headers.call_method0(intern!(py, "items"))?
        } else {
            return Err(PyTypeError::new_err(format!(
                "headers must be a mapping (a dict or the framework's request.headers) \
                 or a list of (name, value) pairs, not {}",
                type_name(headers)
            )));
        };
        for item in items.try_iter()? {
            let item = item?;
            let (name, value): (Bound<'py, PyAny>, Bound<'py, PyAny>) =
                item.extract().map_err(|_| {
                    PyTypeError::new_err(format!(
                        "header items must be (name, value) pairs, not {}",
                        type_name(&item)
                    ))
                })?;
            out.push(&name, &value)?;
        }
        Ok(out)
    }

    /// Keeps one header if its name could be one the core reads. Runs no
    /// Python code (no `__len__`/`__iter__`/`__eq__` of subclasses), so a dict
    /// being iterated cannot change under it.
    fn push(&mut self, name: &Bound<'py, PyAny>, value: &Bound<'py, PyAny>) -> PyResult<()> {
        let name = if let Ok(text) = name.cast::<PyString>() {
            if !could_be_wanted(text.code_point_len()?) {
                return Ok(());
            }
            known_name(text).map_or_else(|| Name::Other(utf8(text)), Name::Known)
        } else if let Ok(bytes) = name.cast::<PyBytes>() {
            if !could_be_wanted(bytes.as_bytes().len()) {
                return Ok(());
            }
            Name::Other(bytes.clone())
        } else {
            return Err(PyTypeError::new_err(format!(
                "header names must be str or bytes, not {}",
                type_name(name)
            )));
        };
        if let Ok(list) = value.cast::<PyList>() {
            for one in list.iter() {
                if let Some(one) = header_value(&name, &one)? {
                    self.pairs.push((name.clone_ref(), one));
                }
            }
        } else if let Ok(tuple) = value.cast::<PyTuple>() {
            for one in tuple.iter() {
                if let Some(one) = header_value(&name, &one)? {
                    self.pairs.push((name.clone_ref(), one));
                }
            }
        } else {
            if let Some(value) = header_value(&name, value)? {
                self.pairs.push((name, value));
            }
        }
        Ok(())
    }

    /// The (name, value) pairs for the core.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.pairs
            .iter()
            .filter_map(|(name, value)| name.as_str().map(|name| (name, value.as_bytes())))
    }
}

impl Name<'_> {
    fn clone_ref(&self) -> Self {
        match self {
            Self::Known(name) => Self::Known(name),
            Self::Other(bytes) => Self::Other(bytes.clone()),
        }
    }
}

/// The core's own spelling of a header name, when the Python string is
/// exactly that (the usual case: lower-case keys from ASGI servers and most
/// dicts). Saves encoding the name; other spellings are encoded and matched
/// by the core.
fn known_name(text: &Bound<'_, PyString>) -> Option<&'static str> {
    // Only exact `str` objects: comparing a subclass could run its `__eq__`.
    if !text.is_exact_instance_of::<PyString>() {
        return None;
    }
    let py = text.py();
    let known = [
        (intern!(py, TIMESTAMP_HEADER), TIMESTAMP_HEADER),
        (intern!(py, SIGNATURE_HEADER), SIGNATURE_HEADER),
        (intern!(py, CONTENT_LENGTH_HEADER), CONTENT_LENGTH_HEADER),
    ];
    known
        .into_iter()
        .find(|(interned, _)| {
            text.is(*interned) || PyAnyMethods::eq(text.as_any(), *interned).unwrap_or(false)
        })
        .map(|(_, name)| name)
}

/// A header value as bytes: `str` as UTF-8, `bytes` as is, `None` absent
/// (DECISIONS A2: like a header that was never set).
fn header_value<'py>(
    name: &Name<'py>,
    value: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyBytes>>> {
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(Some(bytes.clone()));
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Some(utf8(text)));
    }
    match name.as_str() {
        // A bookto header of the wrong type is a mistake worth naming.
        Some(text) if bookto_verify::is_verification_header(text) => {
            Err(PyTypeError::new_err(format!(
                "header {text} must be str, bytes or a list of them, not {}",
                type_name(value)
            )))
        }
        // Any other header is not ours to judge.
        _ => Ok(None),
    }
}

/// A header name or value as UTF-8. A str that cannot be encoded (a lone
/// surrogate) keeps its other characters and gets U+FFFD, which no bookto
/// header contains, so the verdict is the same as for the original text.
fn utf8<'py>(text: &Bound<'py, PyString>) -> Bound<'py, PyBytes> {
    text.encode_utf8()
        .unwrap_or_else(|_| PyBytes::new(text.py(), text.to_string_lossy().as_bytes()))
}

/// `now=`: Unix seconds as an `int` >= 0, or `None` for the system clock.
pub(crate) fn now_arg(now: Option<&Bound<'_, PyAny>>) -> PyResult<u64> {
    match now {
        None => Ok(bookto_verify::now()),
        Some(now) if now.is_none() => Ok(bookto_verify::now()),
        Some(now) => whole_seconds(now, "now"),
    }
}

/// An `int` >= 0 that fits 64 bits, with a clear error otherwise. A `bool`
/// is an `int` in Python but never a number of seconds (`tolerance=True` is a
/// mistake, not a 1 s window): a `TypeError`, as in JS (DECISIONS A3).
pub(crate) fn whole_seconds(value: &Bound<'_, PyAny>, what: &str) -> PyResult<u64> {
    if !value.is_instance_of::<pyo3::types::PyInt>() || value.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an int (whole Unix seconds, e.g. int(time.time())), not {}",
            type_name(value)
        )));
    }
    value.extract::<u64>().map_err(|_| {
        PyValueError::new_err(format!(
            "{what} must be between 0 and 18446744073709551615 seconds"
        ))
    })
}

/// `tolerance=`: whole seconds (an `int` >= 0); `None` is handled by the
/// caller as "no window".
pub(crate) struct Tolerance(pub(crate) u64);

impl<'a, 'py> FromPyObject<'a, 'py> for Tolerance {
    type Error = PyErr;

    fn extract(value: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        whole_seconds(&value, "tolerance").map(Self)
    }
}

/// A `str` secret that cannot be encoded as UTF-8 (it holds a lone
/// surrogate): refused like the core refuses a bad secret, without echoing
/// any of it (Python's own `UnicodeEncodeError` would quote the character).
struct SecretNotText {
    index: usize,
}

impl core::fmt::Display for SecretNotText {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "invalid secret: secret #{} is not valid Unicode text (it holds a lone \
             surrogate); copy it again from the bookto dashboard, Integrations, Signing secret",
            self.index
        )
    }
}

impl CoreError for SecretNotText {
    fn code(&self) -> &'static str {
        "invalid_secret"
    }
}

/// One secret: `str` (UTF-8) or `bytes`; `None` (an unset environment
/// variable: `os.environ.get(...)`) is the empty secret, which the core
/// refuses with its "is the environment variable set?" hint (DECISIONS A1).
fn secret_bytes<'a>(secret: &'a Bound<'_, PyAny>, index: Option<usize>) -> PyResult<Cow<'a, [u8]>> {
    if secret.is_none() {
        return Ok(Cow::Borrowed(b""));
    }
    if let Ok(text) = secret.cast::<PyString>() {
        return match text.encode_utf8() {
            Ok(bytes) => Ok(Cow::Owned(bytes.as_bytes().to_vec())),
            Err(_) => Err(to_py_err(
                secret.py(),
                &SecretNotText {
                    index: index.unwrap_or(0),
                },
            )),
        };
    }
    if let Ok(bytes) = secret.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(bytes.as_bytes()));
    }
    let which = index.map_or_else(|| "the secret".to_owned(), |i| format!("secret #{i}"));
    Err(PyTypeError::new_err(format!(
        "{which} must be a str (the signing secret from the bookto dashboard), not {}",
        type_name(secret)
    )))
}

/// The secrets given to `Webhook(...)`: one `str`/`bytes`, or an iterable of
/// them (rotation). `None` for one secret, `Some(list)` for several.
pub(crate) enum Secrets<'a> {
    /// `Webhook("whsec_...")`.
    One(Cow<'a, [u8]>),
    /// `Webhook(["whsec_new", "whsec_old"])`: copies, wiped when dropped.
    Several(Vec<Zeroizing<Vec<u8>>>),
}

impl<'a> Secrets<'a> {
    /// Reads the `secret` argument (`None` is one unset secret).
    pub(crate) fn extract(secret: &'a Bound<'_, PyAny>) -> PyResult<Self> {
        if secret.is_none()
            || secret.is_instance_of::<PyString>()
            || secret.is_instance_of::<PyBytes>()
        {
            return secret_bytes(secret, None).map(Self::One);
        }
        let iter = secret.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "secret must be a str or a list of str, not {}",
                type_name(secret)
            ))
        })?;
        let mut all = Vec::new();
        for (index, item) in iter.enumerate() {
            let item = item?;
            all.push(Zeroizing::new(
                secret_bytes(&item, Some(index))?.into_owned(),
            ));
        }
        Ok(Self::Several(all))
    }
}

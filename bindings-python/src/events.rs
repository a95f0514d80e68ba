//! The typed events: immutable Python classes around the core's structs.
//! The classes of each typed event are written by codegen from the core's
//! declaration (`order_paid.rs`); this file holds the helpers they call, the
//! curated `repr` of each event, and `UnknownEvent`.
//!
//! Strings are converted when read; `Decimal`, `datetime`, the nested objects,
//! `extra` and `UnknownEvent.data` are built on first access and cached, so a
//! receiver that reads three fields pays for three.
//!
//! Every event keeps the body it was parsed from ([`Raw`]): `raw` gives it
//! back, `extra` reads the fields this version does not model from it, and
//! pickling re-parses it through the core, so a pickled event comes back
//! exactly as it was verified.

use core::hash::{Hash, Hasher};
use std::hash::DefaultHasher;

use bookto_verify::{DateTime, Event, Money, OrderPaid, UnknownEvent};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyString, PyTuple, PyType};

use crate::convert::Body;
use crate::errors::to_py_err;
use crate::from_dict::{Kind, event_json};
use crate::order_paid::{PyOrderPaid, amount_repr};

/// The body an event was parsed from, kept for `raw`, `extra` and pickling.
pub(crate) enum Raw {
    /// The caller's own `bytes` object (or the UTF-8 of a `str`, encoded once
    /// for verifying): kept by reference, no copy.
    Bytes(Py<PyBytes>),
    /// Bytes read from a mutable buffer (`bytearray`), or written by
    /// `from_dict`; the `bytes` object is made on first use.
    Owned(Vec<u8>, PyOnceLock<Py<PyBytes>>),
}

impl Raw {
    /// Bytes the event owns (a `bytes` object is made on first use).
    pub(crate) const fn owned(bytes: Vec<u8>) -> Self {
        Self::Owned(bytes, PyOnceLock::new())
    }

    /// The body as `bytes`: the same object on every call.
    pub(crate) fn bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        match self {
            Self::Bytes(bytes) => Ok(bytes.bind(py).clone()),
            Self::Owned(bytes, cell) => cached(py, cell, || Ok(PyBytes::new(py, bytes))),
        }
    }
}

impl From<Body<'_>> for Raw {
    /// The verified body, without copying it again.
    fn from(body: Body<'_>) -> Self {
        match body {
            Body::Borrowed(bytes) => Self::Bytes(bytes.unbind()),
            Body::Owned(bytes) => Self::owned(bytes),
        }
    }
}

/// Converts a verified core event into `OrderPaid` or `UnknownEvent`;
/// `raw` is the body it was parsed from.
pub(crate) fn event_to_py(py: Python<'_>, event: Event, raw: Raw) -> PyResult<Py<PyAny>> {
    match event {
        Event::OrderPaid(inner) => Ok(Py::new(py, PyOrderPaid::new(inner, raw))?.into_any()),
        Event::Unknown(inner) => Ok(Py::new(py, PyUnknownEvent::new(inner, raw))?.into_any()),
        // A typed event this binding does not know yet: a newer core than
        // the binding, which the workspace build never produces.
        other => Err(pyo3::exceptions::PyRuntimeError::new_err(format!(
            "bookto-verify: no Python class for event {:?}; upgrade bookto-verify",
            other.name()
        ))),
    }
}

/// Parses `raw` with the core and returns the event holding it.
fn reparse<'py>(py: Python<'py>, raw: Raw) -> PyResult<Bound<'py, PyAny>> {
    let event = match &raw {
        Raw::Bytes(bytes) => bookto_verify::parse_event(bytes.bind(py).as_bytes()),
        Raw::Owned(bytes, _) => bookto_verify::parse_event(bytes),
    }
    .map_err(|e| to_py_err(py, &e))?;
    Ok(event_to_py(py, event, raw)?.into_bound(py))
}

/// `from_dict`: writes `data` as JSON text and parses it with the core, so
/// a rebuilt event obeys the rules of a received one.
pub(crate) fn event_from_dict<'py>(data: &Bound<'py, PyAny>, kind: Kind) -> PyResult<(Event, Raw)> {
    let py = data.py();
    let text = event_json(data, kind)?;
    let event = bookto_verify::parse_event(text.as_bytes()).map_err(|e| to_py_err(py, &e))?;
    Ok((event, Raw::owned(text.into_bytes())))
}

/// The error of `OrderPaid.from_dict` given another event, or the reverse.
pub(crate) fn wrong_event(py: Python<'_>, class: &str, event: &Event) -> PyResult<PyErr> {
    let hint = if class == "OrderPaid" {
        "use UnknownEvent.from_dict"
    } else {
        "use OrderPaid.from_dict"
    };
    Ok(PyValueError::new_err(format!(
        "{class}.from_dict: the data's event is {}: {hint}, or bookto_verify.parse_event on the raw body",
        py_repr(py, event.name())?
    )))
}

/// Returns the cached value, or builds and caches it. Two threads may both
/// build it; one result is kept. Never blocks while holding the GIL.
pub(crate) fn cached<'py, T>(
    py: Python<'py>,
    cell: &PyOnceLock<Py<T>>,
    build: impl FnOnce() -> PyResult<Bound<'py, T>>,
) -> PyResult<Bound<'py, T>> {
    if let Some(value) = cell.get(py) {
        return Ok(value.bind(py).clone());
    }
    let value = build()?;
    match cell.set(py, value.clone().unbind()) {
        Ok(()) => Ok(value),
        Err(_) => Ok(cell.get(py).map_or(value, |kept| kept.bind(py).clone())),
    }
}

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static TIMEDELTA: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static TIMEZONE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static JSON_FROZEN: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static EXTRA: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static DATA_HASH: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static PYDANTIC_SCHEMA: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static PARSE_EVENT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static GETATTR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

const DATA_MODULE: &str = "bookto_verify._data";

/// `decimal.Decimal(text)`: exact, from the JSON number text.
pub(crate) fn decimal<'py>(py: Python<'py>, money: &Money) -> PyResult<Bound<'py, PyAny>> {
    DECIMAL
        .import(py, "decimal", "Decimal")?
        .call1((money.as_str(),))
}

/// A timezone-aware `datetime` from the core's parts, in the sent offset
/// (microseconds truncated). Not `fromisoformat`, which refuses `Z` before
/// Python 3.11.
pub(crate) fn datetime<'py>(py: Python<'py>, time: &DateTime) -> PyResult<Bound<'py, PyAny>> {
    let timezone = TIMEZONE.import(py, "datetime", "timezone")?;
    let tzinfo = if time.offset_minutes() == 0 {
        timezone.getattr(pyo3::intern!(py, "utc"))?
    } else {
        // timedelta(days=0, seconds=...)
        let seconds = i32::from(time.offset_minutes()) * 60;
        let offset = TIMEDELTA
            .import(py, "datetime", "timedelta")?
            .call1((0, seconds))?;
        timezone.call1((offset,))?
    };
    DATETIME.import(py, "datetime", "datetime")?.call1((
        time.year(),
        time.month(),
        time.day(),
        time.hour(),
        time.minute(),
        time.second(),
        time.nanosecond() / 1000,
        tzinfo,
    ))
}

/// The fields of `raw` (or of its object `part`) not in `known`: a deep
/// read-only mapping, numbers exact (`bookto_verify._data.extra`).
pub(crate) fn extra<'py>(
    py: Python<'py>,
    raw: &Raw,
    part: Option<&str>,
    known: &[&str],
) -> PyResult<Bound<'py, PyAny>> {
    EXTRA
        .import(py, DATA_MODULE, "extra")?
        .call1((raw.bytes(py)?, part, PyTuple::new(py, known)?))
}

/// `__get_pydantic_core_schema__` of every event class
/// (`bookto_verify._pydantic.core_schema`).
pub(crate) fn pydantic_schema<'py>(
    cls: &Bound<'py, PyType>,
    source: &Bound<'py, PyAny>,
    handler: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    PYDANTIC_SCHEMA
        .import(cls.py(), "bookto_verify._pydantic", "core_schema")?
        .call1((cls, source, handler))
}

/// `(parse_event, (raw,))`: unpickling re-parses the exact body with the core.
pub(crate) fn reduce_event<'py>(py: Python<'py>, raw: &Raw) -> PyResult<Bound<'py, PyTuple>> {
    let parse = PARSE_EVENT.import(py, "bookto_verify._native", "parse_event")?;
    PyTuple::new(
        py,
        [
            parse.clone(),
            PyTuple::new(py, [raw.bytes(py)?])?.into_any(),
        ],
    )
}

/// `(getattr, (event, part))`: a nested object is pickled as the event it
/// belongs to (re-parsed from its body) and the attribute to read.
pub(crate) fn reduce_part<'py>(
    py: Python<'py>,
    raw: &Py<PyBytes>,
    part: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    let getattr = GETATTR.import(py, "builtins", "getattr")?;
    let event = reparse(py, Raw::Bytes(raw.clone_ref(py)))?;
    PyTuple::new(
        py,
        [
            getattr.clone(),
            PyTuple::new(py, [event, PyString::new(py, part).into_any()])?.into_any(),
        ],
    )
}

/// Python's `repr` of a string.
pub(crate) fn py_repr(py: Python<'_>, text: &str) -> PyResult<String> {
    Ok(PyString::new(py, text).repr()?.to_string())
}

pub(crate) fn optional_repr(py: Python<'_>, text: Option<&str>) -> PyResult<String> {
    text.map_or_else(|| Ok("None".to_owned()), |text| py_repr(py, text))
}

/// The core's hash, which agrees with its `==` (money by value, times by
/// instant).
pub(crate) fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The wire names an object of `order.paid` models (the declaration in
/// `core/src/schema.rs`: the event itself, or its nested object `part`);
/// `extra` holds the others.
pub(crate) fn modelled(part: Option<&str>) -> Vec<&'static str> {
    use bookto_verify::schema::{Kind, ORDER_PAID};
    let top = &ORDER_PAID.object;
    let object = match part {
        None => Some(top),
        Some(name) => top.fields.iter().find_map(|field| match field.kind {
            Kind::Object(object) if field.name == name => Some(object),
            _ => None,
        }),
    };
    object.map_or_else(Vec::new, |object| {
        object.fields.iter().map(|f| f.name).collect()
    })
}

/// `extra` of a nested object: the unmodelled fields of `part` in the body.
pub(crate) fn part_extra<'py>(
    py: Python<'py>,
    cell: &PyOnceLock<Py<PyAny>>,
    raw: &Py<PyBytes>,
    part: &str,
    known: &[&str],
) -> PyResult<Bound<'py, PyAny>> {
    cached(py, cell, || {
        extra(py, &Raw::Bytes(raw.clone_ref(py)), Some(part), known)
    })
}

/// `repr` of ``OrderPaid``: the order's identity, amount and state; buyer
/// details are left out so that logging an event does not log personal data.
pub(crate) fn order_paid_summary(py: Python<'_>, o: &OrderPaid) -> PyResult<String> {
    Ok(format!(
        "OrderPaid(order_number={}, order_id={}, status={}, amount={}, paid_at={}, \
         is_test_order={}, ...)",
        py_repr(py, &o.order_number)?,
        py_repr(py, &o.order_id)?,
        py_repr(py, &o.status)?,
        amount_repr(py, &o.amount)?,
        py_repr(py, o.paid_at.as_str())?,
        if o.is_test_order { "True" } else { "False" },
    ))
}

/// An event this version does not model: its ``event`` name and ``data``,
/// the whole body as read-only data (objects are read-only mappings, arrays
/// tuples, non-integer numbers ``Decimal``). A new event type never breaks a
/// receiver::
///
///     if isinstance(event, UnknownEvent):
///         log.info("ignoring %s", event.event)
#[pyclass(frozen, name = "UnknownEvent", module = "bookto_verify")]
pub struct PyUnknownEvent {
    inner: UnknownEvent,
    raw: Raw,
    data: PyOnceLock<Py<PyAny>>,
}

impl PyUnknownEvent {
    const fn new(inner: UnknownEvent, raw: Raw) -> Self {
        Self {
            inner,
            raw,
            data: PyOnceLock::new(),
        }
    }
}

fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    JSON_LOADS.import(py, DATA_MODULE, "loads")?.call1((text,))
}

#[pymethods]
impl PyUnknownEvent {
    /// The wire ``event`` name (possibly empty).
    #[getter]
    fn event(&self) -> &str {
        &self.inner.event
    }
    /// The whole body, read-only: objects are ``types.MappingProxyType``,
    /// arrays tuples, integers ``int`` and other numbers ``Decimal`` (never
    /// ``float``). Parsed on first access, then cached.
    #[getter]
    fn data<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        cached(py, &self.data, || {
            JSON_FROZEN
                .import(py, DATA_MODULE, "frozen")?
                .call1((self.inner.data.as_str(),))
        })
    }
    /// The body this event was parsed from, byte for byte (``bytes``)::
    ///
    ///     parse_event(event.raw) == event
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        self.raw.bytes(py)
    }
    /// The body as a new, mutable ``dict`` (lists for arrays, ``Decimal``
    /// for non-integer numbers). ``UnknownEvent.from_dict`` rebuilds it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &self.inner.data)
    }
    /// Builds an ``UnknownEvent`` from ``to_dict()``-shaped data, checked by
    /// the same parser as a received body. Numbers may be ``int`` or
    /// ``Decimal``, never ``float``::
    ///
    ///     UnknownEvent.from_dict({"event": "order.refunded"}).event == "order.refunded"
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = data.py();
        match event_from_dict(data, Kind::Unknown)? {
            (Event::Unknown(inner), raw) => Ok(Self::new(inner, raw)),
            (other, _) => Err(wrong_event(py, "UnknownEvent", &other)?),
        }
    }
    #[classmethod]
    fn __get_pydantic_core_schema__<'py>(
        cls: &Bound<'py, PyType>,
        source: &Bound<'py, PyAny>,
        handler: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        pydantic_schema(cls, source, handler)
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        reduce_event(py, &self.raw)
    }
    fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }
    fn __deepcopy__<'py>(slf: Bound<'py, Self>, memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
        let _ = memo; // nothing to copy: immutable
        slf
    }
    /// Equal when the names and the data are: the same body, or bodies
    /// that differ only in layout (spacing, escapes, key order, number
    /// spelling), as one rebuilt by ``from_dict`` may.
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, Self>) -> PyResult<bool> {
        let other = other.get();
        if self.inner == other.inner {
            return Ok(true);
        }
        if self.inner.event != other.inner.event {
            return Ok(false);
        }
        self.data(py)?.eq(other.data(py)?)
    }
    /// Agrees with ``==``: the name and the top-level scalar values (a
    /// number hashes by value, as ``Decimal`` and ``int`` do).
    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        DATA_HASH
            .import(py, DATA_MODULE, "data_hash")?
            .call1((self.inner.event.as_str(), self.data(py)?))?
            .extract()
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "UnknownEvent(event={}, ...)",
            py_repr(py, &self.inner.event)?
        ))
    }
}

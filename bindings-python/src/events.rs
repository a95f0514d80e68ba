//! The typed events: immutable Python classes around the core's structs.
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

use bookto_verify::{
    Amount, Buyer, DateTime, Event, Money, OrderPaid, Product, Seller, UnknownEvent,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyString, PyTuple, PyType};

use crate::convert::Body;
use crate::errors::to_py_err;
use crate::from_dict::{Kind, event_json};

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
    fn bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
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
fn event_from_dict<'py>(data: &Bound<'py, PyAny>, kind: Kind) -> PyResult<(Event, Raw)> {
    let py = data.py();
    let text = event_json(data, kind)?;
    let event = bookto_verify::parse_event(text.as_bytes()).map_err(|e| to_py_err(py, &e))?;
    Ok((event, Raw::owned(text.into_bytes())))
}

/// The error of `OrderPaid.from_dict` given another event, or the reverse.
fn wrong_event(py: Python<'_>, class: &str, event: &Event) -> PyResult<PyErr> {
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
fn cached<'py, T>(
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
fn decimal<'py>(py: Python<'py>, money: &Money) -> PyResult<Bound<'py, PyAny>> {
    DECIMAL
        .import(py, "decimal", "Decimal")?
        .call1((money.as_str(),))
}

/// A timezone-aware `datetime` from the core's parts, in the sent offset
/// (microseconds truncated). Not `fromisoformat`, which refuses `Z` before
/// Python 3.11.
fn datetime<'py>(py: Python<'py>, time: &DateTime) -> PyResult<Bound<'py, PyAny>> {
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
fn extra<'py>(
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
fn pydantic_schema<'py>(
    cls: &Bound<'py, PyType>,
    source: &Bound<'py, PyAny>,
    handler: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    PYDANTIC_SCHEMA
        .import(cls.py(), "bookto_verify._pydantic", "core_schema")?
        .call1((cls, source, handler))
}

/// `(parse_event, (raw,))`: unpickling re-parses the exact body with the core.
fn reduce_event<'py>(py: Python<'py>, raw: &Raw) -> PyResult<Bound<'py, PyTuple>> {
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
fn reduce_part<'py>(
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
fn py_repr(py: Python<'_>, text: &str) -> PyResult<String> {
    Ok(PyString::new(py, text).repr()?.to_string())
}

fn optional_repr(py: Python<'_>, text: Option<&str>) -> PyResult<String> {
    text.map_or_else(|| Ok("None".to_owned()), |text| py_repr(py, text))
}

/// The core's hash, which agrees with its `==` (money by value, times by
/// instant).
fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The wire names an object of `order.paid` models (the declaration in
/// `core/src/schema.rs`: the event itself, or its nested object `part`);
/// `extra` holds the others.
fn modelled(part: Option<&str>) -> Vec<&'static str> {
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

/// A paid order (`event == "order.paid"`). Attributes are the wire names;
/// money is `decimal.Decimal`, times are timezone-aware `datetime`.
///
/// Immutable, compared by value, picklable (for Celery, RQ, caches)::
///
///     event = webhook.verify(body, headers)
///     event.amount.total_incl            # Decimal('1.21')
///     pickle.loads(pickle.dumps(event)) == event
///     OrderPaid.from_dict(event.to_dict()) == event
#[pyclass(frozen, name = "OrderPaid", module = "bookto_verify")]
pub struct PyOrderPaid {
    inner: OrderPaid,
    raw: Raw,
    created_at: PyOnceLock<Py<PyAny>>,
    paid_at: PyOnceLock<Py<PyAny>>,
    amount: PyOnceLock<Py<PyAmount>>,
    product: PyOnceLock<Py<PyProduct>>,
    buyer: PyOnceLock<Py<PyBuyer>>,
    seller: PyOnceLock<Py<PySeller>>,
    extra: PyOnceLock<Py<PyAny>>,
}

impl PyOrderPaid {
    const fn new(inner: OrderPaid, raw: Raw) -> Self {
        Self {
            inner,
            raw,
            created_at: PyOnceLock::new(),
            paid_at: PyOnceLock::new(),
            amount: PyOnceLock::new(),
            product: PyOnceLock::new(),
            buyer: PyOnceLock::new(),
            seller: PyOnceLock::new(),
            extra: PyOnceLock::new(),
        }
    }

    fn raw_ref(&self, py: Python<'_>) -> PyResult<Py<PyBytes>> {
        Ok(self.raw.bytes(py)?.unbind())
    }
}

#[pymethods]
impl PyOrderPaid {
    /// Always ``"order.paid"``.
    #[getter]
    fn event(&self) -> &str {
        &self.inner.event
    }
    /// Payment provider, e.g. ``"mollie"``.
    #[getter]
    fn payment_provider(&self) -> &str {
        &self.inner.payment_provider
    }
    /// bookto's order id.
    #[getter]
    fn order_id(&self) -> &str {
        &self.inner.order_id
    }
    /// Human-readable order number, e.g. ``"ORD-1042"``.
    #[getter]
    fn order_number(&self) -> &str {
        &self.inner.order_number
    }
    /// Order status, e.g. ``"paid"``.
    #[getter]
    fn status(&self) -> &str {
        &self.inner.status
    }
    /// When the order was created: a timezone-aware ``datetime``.
    #[getter]
    fn created_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        cached(py, &self.created_at, || {
            datetime(py, &self.inner.created_at)
        })
    }
    /// When it was paid: a timezone-aware ``datetime``.
    #[getter]
    fn paid_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        cached(py, &self.paid_at, || datetime(py, &self.inner.paid_at))
    }
    /// What was paid, exactly (``Amount``).
    #[getter]
    fn amount<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAmount>> {
        cached(py, &self.amount, || {
            Bound::new(
                py,
                PyAmount::new(self.inner.amount.clone(), self.raw_ref(py)?),
            )
        })
    }
    /// VAT treatment, e.g. ``"standard"``.
    #[getter]
    fn vat_treatment(&self) -> &str {
        &self.inner.vat_treatment
    }
    /// The product bought (``Product``).
    #[getter]
    fn product<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyProduct>> {
        cached(py, &self.product, || {
            Bound::new(
                py,
                PyProduct {
                    inner: self.inner.product.clone(),
                    raw: self.raw_ref(py)?,
                    extra: PyOnceLock::new(),
                },
            )
        })
    }
    /// Who paid (``Buyer``).
    #[getter]
    fn buyer<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBuyer>> {
        cached(py, &self.buyer, || {
            Bound::new(
                py,
                PyBuyer {
                    inner: self.inner.buyer.clone(),
                    raw: self.raw_ref(py)?,
                    extra: PyOnceLock::new(),
                },
            )
        })
    }
    /// Who sold (``Seller``).
    #[getter]
    fn seller<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PySeller>> {
        cached(py, &self.seller, || {
            Bound::new(
                py,
                PySeller {
                    inner: self.inner.seller.clone(),
                    raw: self.raw_ref(py)?,
                    extra: PyOnceLock::new(),
                },
            )
        })
    }
    /// ``True`` for payments made in test mode.
    #[getter]
    fn is_test_order(&self) -> bool {
        self.inner.is_test_order
    }

    /// The body this event was parsed from, byte for byte (``bytes``): the
    /// verified request body (the ``bytes`` passed to ``verify``, not a
    /// copy), or the JSON ``from_dict`` wrote::
    ///
    ///     stored = event.raw                 # e.g. into a queue or a JSON column
    ///     parse_event(stored) == event
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        self.raw.bytes(py)
    }

    /// Top-level fields this version does not model, read-only: objects
    /// are read-only mappings, arrays tuples, non-integer numbers
    /// ``Decimal``, never ``float``. Empty when there are none::
    ///
    ///     # body: {"event": "order.paid", ..., "coupon": {"pct": 12.5}}
    ///     event.extra["coupon"]["pct"]       # Decimal('12.5')
    #[getter]
    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        cached(py, &self.extra, || {
            extra(py, &self.raw, None, &modelled(None))
        })
    }

    /// The modelled fields as a new ``dict`` (``OrderPaidDict``): wire
    /// names, the attributes' types (money ``Decimal``, times ``datetime``,
    /// nested objects as dicts). ``OrderPaid.from_dict`` rebuilds the event::
    ///
    ///     data = event.to_dict()
    ///     data["amount"]["total_incl"]       # Decimal('1.21')
    ///     OrderPaid.from_dict(data) == event
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let o = &self.inner;
        let dict = PyDict::new(py);
        dict.set_item("event", &o.event)?;
        dict.set_item("payment_provider", &o.payment_provider)?;
        dict.set_item("order_id", &o.order_id)?;
        dict.set_item("order_number", &o.order_number)?;
        dict.set_item("status", &o.status)?;
        dict.set_item("created_at", self.created_at(py)?)?;
        dict.set_item("paid_at", self.paid_at(py)?)?;
        dict.set_item("amount", self.amount(py)?.get().to_dict(py)?)?;
        dict.set_item("vat_treatment", &o.vat_treatment)?;
        dict.set_item("product", product_dict(py, &o.product)?)?;
        dict.set_item("buyer", buyer_dict(py, &o.buyer)?)?;
        dict.set_item("seller", seller_dict(py, &o.seller)?)?;
        dict.set_item("is_test_order", o.is_test_order)?;
        Ok(dict)
    }

    /// Builds an ``OrderPaid`` from ``to_dict()``-shaped data, checked by
    /// the same parser as a received body (``InvalidPayload`` names the
    /// field). Money may be ``Decimal``, ``int`` or a ``str`` holding a JSON
    /// number (``"1.21"``), never ``float``; times a timezone-aware
    /// ``datetime`` or an RFC 3339 string::
    ///
    ///     OrderPaid.from_dict(event.to_dict()) == event
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = data.py();
        match event_from_dict(data, Kind::OrderPaid)? {
            (Event::OrderPaid(inner), raw) => Ok(Self::new(inner, raw)),
            (other, _) => Err(wrong_event(py, "OrderPaid", &other)?),
        }
    }

    /// The JSON form pydantic and FastAPI write: money as its exact text
    /// (``"1.21"``), times as sent.
    #[pyo3(name = "_json_dict")]
    fn json_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let o = &self.inner;
        let dict = PyDict::new(py);
        dict.set_item("event", &o.event)?;
        dict.set_item("payment_provider", &o.payment_provider)?;
        dict.set_item("order_id", &o.order_id)?;
        dict.set_item("order_number", &o.order_number)?;
        dict.set_item("status", &o.status)?;
        dict.set_item("created_at", o.created_at.as_str())?;
        dict.set_item("paid_at", o.paid_at.as_str())?;
        dict.set_item("amount", amount_json_dict(py, &o.amount)?)?;
        dict.set_item("vat_treatment", &o.vat_treatment)?;
        dict.set_item("product", product_dict(py, &o.product)?)?;
        dict.set_item("buyer", buyer_dict(py, &o.buyer)?)?;
        dict.set_item("seller", seller_dict(py, &o.seller)?)?;
        dict.set_item("is_test_order", o.is_test_order)?;
        Ok(dict)
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

    /// Immutable: a copy is the event itself.
    fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __deepcopy__<'py>(slf: Bound<'py, Self>, memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
        let _ = memo; // nothing to copy: immutable
        slf
    }

    fn __eq__(&self, other: &Bound<'_, Self>) -> bool {
        self.inner == other.get().inner
    }

    fn __hash__(&self) -> u64 {
        hash_of(&self.inner)
    }

    /// The order's identity, amount and state; buyer details are left out so
    /// that logging an event does not log personal data.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let o = &self.inner;
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
}

fn amount_json_dict<'py>(py: Python<'py>, a: &Amount) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("total_incl", a.total_incl.as_str())?;
    dict.set_item("excl_vat", a.excl_vat.as_str())?;
    dict.set_item("vat", a.vat.as_str())?;
    dict.set_item("vat_rate", a.vat_rate.as_str())?;
    dict.set_item("currency", &a.currency)?;
    Ok(dict)
}

fn product_dict<'py>(py: Python<'py>, p: &Product) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("name", &p.name)?;
    Ok(dict)
}

fn buyer_dict<'py>(py: Python<'py>, b: &Buyer) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("first_name", &b.first_name)?;
    dict.set_item("last_name", &b.last_name)?;
    dict.set_item("email", &b.email)?;
    dict.set_item("company", b.company.as_deref())?;
    dict.set_item("country", &b.country)?;
    Ok(dict)
}

fn seller_dict<'py>(py: Python<'py>, s: &Seller) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("id", &s.id)?;
    dict.set_item("entity", s.entity.as_deref())?;
    Ok(dict)
}

fn amount_repr(py: Python<'_>, a: &Amount) -> PyResult<String> {
    Ok(format!(
        "Amount(total_incl=Decimal('{}'), excl_vat=Decimal('{}'), vat=Decimal('{}'), \
         vat_rate=Decimal('{}'), currency={})",
        a.total_incl,
        a.excl_vat,
        a.vat,
        a.vat_rate,
        py_repr(py, &a.currency)?
    ))
}

/// The amounts of an order, exact: ``decimal.Decimal`` built from the JSON
/// number text (``1.21`` is ``Decimal("1.21")``, never a float)::
///
///     event.amount.excl_vat + event.amount.vat == event.amount.total_incl
#[pyclass(frozen, name = "Amount", module = "bookto_verify")]
pub struct PyAmount {
    inner: Amount,
    raw: Py<PyBytes>,
    total_incl: PyOnceLock<Py<PyAny>>,
    excl_vat: PyOnceLock<Py<PyAny>>,
    vat: PyOnceLock<Py<PyAny>>,
    vat_rate: PyOnceLock<Py<PyAny>>,
    extra: PyOnceLock<Py<PyAny>>,
}

impl PyAmount {
    const fn new(inner: Amount, raw: Py<PyBytes>) -> Self {
        Self {
            inner,
            raw,
            total_incl: PyOnceLock::new(),
            excl_vat: PyOnceLock::new(),
            vat: PyOnceLock::new(),
            vat_rate: PyOnceLock::new(),
            extra: PyOnceLock::new(),
        }
    }
}

/// `extra` of a nested object: the unmodelled fields of `part` in the body.
fn part_extra<'py>(
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

#[pymethods]
impl PyAmount {
    /// Total including VAT.
    #[getter]
    fn total_incl<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        cached(py, &self.total_incl, || decimal(py, &self.inner.total_incl))
    }
    /// Total excluding VAT.
    #[getter]
    fn excl_vat<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        cached(py, &self.excl_vat, || decimal(py, &self.inner.excl_vat))
    }
    /// VAT amount.
    #[getter]
    fn vat<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        cached(py, &self.vat, || decimal(py, &self.inner.vat))
    }
    /// VAT rate in percent (``Decimal("21")`` for 21 %).
    #[getter]
    fn vat_rate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        cached(py, &self.vat_rate, || decimal(py, &self.inner.vat_rate))
    }
    /// ISO 4217 currency code, e.g. ``"EUR"``.
    #[getter]
    fn currency(&self) -> &str {
        &self.inner.currency
    }
    /// Fields of ``amount`` this version does not model, read-only (see
    /// ``OrderPaid.extra``).
    #[getter]
    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        part_extra(
            py,
            &self.extra,
            &self.raw,
            "amount",
            &modelled(Some("amount")),
        )
    }
    /// A new ``dict`` (``AmountDict``), money as ``Decimal``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("total_incl", self.total_incl(py)?)?;
        dict.set_item("excl_vat", self.excl_vat(py)?)?;
        dict.set_item("vat", self.vat(py)?)?;
        dict.set_item("vat_rate", self.vat_rate(py)?)?;
        dict.set_item("currency", &self.inner.currency)?;
        Ok(dict)
    }
    /// The JSON form: money as its exact text.
    #[pyo3(name = "_json_dict")]
    fn json_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        amount_json_dict(py, &self.inner)
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
        reduce_part(py, &self.raw, "amount")
    }
    fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }
    fn __deepcopy__<'py>(slf: Bound<'py, Self>, memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
        let _ = memo; // nothing to copy: immutable
        slf
    }
    fn __eq__(&self, other: &Bound<'_, Self>) -> bool {
        self.inner == other.get().inner
    }
    fn __hash__(&self) -> u64 {
        hash_of(&self.inner)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        amount_repr(py, &self.inner)
    }
}

/// The product of an order: ``event.product.name``.
#[pyclass(frozen, name = "Product", module = "bookto_verify")]
pub struct PyProduct {
    inner: Product,
    raw: Py<PyBytes>,
    extra: PyOnceLock<Py<PyAny>>,
}

#[pymethods]
impl PyProduct {
    /// Product name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// Fields of ``product`` this version does not model, read-only (see
    /// ``OrderPaid.extra``).
    #[getter]
    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        part_extra(
            py,
            &self.extra,
            &self.raw,
            "product",
            &modelled(Some("product")),
        )
    }
    /// A new ``dict`` (``ProductDict``).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        product_dict(py, &self.inner)
    }
    /// The JSON form (the same as ``to_dict``).
    #[pyo3(name = "_json_dict")]
    fn json_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        product_dict(py, &self.inner)
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
        reduce_part(py, &self.raw, "product")
    }
    fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }
    fn __deepcopy__<'py>(slf: Bound<'py, Self>, memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
        let _ = memo; // nothing to copy: immutable
        slf
    }
    fn __eq__(&self, other: &Bound<'_, Self>) -> bool {
        self.inner == other.get().inner
    }
    fn __hash__(&self) -> u64 {
        hash_of(&self.inner)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("Product(name={})", py_repr(py, &self.inner.name)?))
    }
}

/// The buyer of an order: ``event.buyer.email``, ``event.buyer.company``
/// (may be ``None``).
#[pyclass(frozen, name = "Buyer", module = "bookto_verify")]
pub struct PyBuyer {
    inner: Buyer,
    raw: Py<PyBytes>,
    extra: PyOnceLock<Py<PyAny>>,
}

#[pymethods]
impl PyBuyer {
    /// First name.
    #[getter]
    fn first_name(&self) -> &str {
        &self.inner.first_name
    }
    /// Last name.
    #[getter]
    fn last_name(&self) -> &str {
        &self.inner.last_name
    }
    /// E-mail address.
    #[getter]
    fn email(&self) -> &str {
        &self.inner.email
    }
    /// Company name, or ``None``.
    #[getter]
    fn company(&self) -> Option<&str> {
        self.inner.company.as_deref()
    }
    /// Country code, e.g. ``"BE"``.
    #[getter]
    fn country(&self) -> &str {
        &self.inner.country
    }
    /// Fields of ``buyer`` this version does not model, read-only (see
    /// ``OrderPaid.extra``).
    #[getter]
    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        part_extra(
            py,
            &self.extra,
            &self.raw,
            "buyer",
            &modelled(Some("buyer")),
        )
    }
    /// A new ``dict`` (``BuyerDict``).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        buyer_dict(py, &self.inner)
    }
    /// The JSON form (the same as ``to_dict``).
    #[pyo3(name = "_json_dict")]
    fn json_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        buyer_dict(py, &self.inner)
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
        reduce_part(py, &self.raw, "buyer")
    }
    fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }
    fn __deepcopy__<'py>(slf: Bound<'py, Self>, memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
        let _ = memo; // nothing to copy: immutable
        slf
    }
    fn __eq__(&self, other: &Bound<'_, Self>) -> bool {
        self.inner == other.get().inner
    }
    fn __hash__(&self) -> u64 {
        hash_of(&self.inner)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let b = &self.inner;
        Ok(format!(
            "Buyer(first_name={}, last_name={}, email={}, company={}, country={})",
            py_repr(py, &b.first_name)?,
            py_repr(py, &b.last_name)?,
            py_repr(py, &b.email)?,
            optional_repr(py, b.company.as_deref())?,
            py_repr(py, &b.country)?,
        ))
    }
}

/// The seller of an order: ``event.seller.id``, ``event.seller.entity``
/// (may be ``None``).
#[pyclass(frozen, name = "Seller", module = "bookto_verify")]
pub struct PySeller {
    inner: Seller,
    raw: Py<PyBytes>,
    extra: PyOnceLock<Py<PyAny>>,
}

#[pymethods]
impl PySeller {
    /// bookto's seller id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// Legal entity, or ``None``.
    #[getter]
    fn entity(&self) -> Option<&str> {
        self.inner.entity.as_deref()
    }
    /// Fields of ``seller`` this version does not model, read-only (see
    /// ``OrderPaid.extra``).
    #[getter]
    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        part_extra(
            py,
            &self.extra,
            &self.raw,
            "seller",
            &modelled(Some("seller")),
        )
    }
    /// A new ``dict`` (``SellerDict``).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        seller_dict(py, &self.inner)
    }
    /// The JSON form (the same as ``to_dict``).
    #[pyo3(name = "_json_dict")]
    fn json_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        seller_dict(py, &self.inner)
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
        reduce_part(py, &self.raw, "seller")
    }
    fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }
    fn __deepcopy__<'py>(slf: Bound<'py, Self>, memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
        let _ = memo; // nothing to copy: immutable
        slf
    }
    fn __eq__(&self, other: &Bound<'_, Self>) -> bool {
        self.inner == other.get().inner
    }
    fn __hash__(&self) -> u64 {
        hash_of(&self.inner)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Seller(id={}, entity={})",
            py_repr(py, &self.inner.id)?,
            optional_repr(py, self.inner.entity.as_deref())?,
        ))
    }
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

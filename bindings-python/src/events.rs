//! The typed events: immutable Python classes around the core's structs.
//!
//! Strings are converted when read; `Decimal`, `datetime`, the nested objects
//! and `UnknownEvent.data` are built on first access and cached, so a
//! receiver that reads three fields pays for three.

use core::hash::{Hash, Hasher};
use std::hash::DefaultHasher;

use bookto_verify::{
    Amount, Buyer, DateTime, Event, Money, OrderPaid, Product, Seller, UnknownEvent,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyType};

/// Converts a verified core event into `OrderPaid` or `UnknownEvent`.
pub(crate) fn event_to_py(py: Python<'_>, event: Event) -> PyResult<Py<PyAny>> {
    match event {
        Event::OrderPaid(inner) => Ok(Py::new(py, PyOrderPaid::from(inner))?.into_any()),
        Event::Unknown(inner) => Ok(Py::new(
            py,
            PyUnknownEvent {
                inner,
                data: PyOnceLock::new(),
            },
        )?
        .into_any()),
    }
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

/// Python's `repr` of a string.
fn py_repr(py: Python<'_>, text: &str) -> PyResult<String> {
    Ok(PyString::new(py, text).repr()?.to_string())
}

fn optional_repr(py: Python<'_>, text: Option<&str>) -> PyResult<String> {
    text.map_or_else(|| Ok("None".to_owned()), |text| py_repr(py, text))
}

fn hash_of(parts: &[&str]) -> u64 {
    let mut hasher = DefaultHasher::new();
    parts.hash(&mut hasher);
    hasher.finish()
}

/// A paid order (`event == "order.paid"`). Attributes are the wire names;
/// money is `decimal.Decimal`, times are timezone-aware `datetime`.
#[pyclass(frozen, name = "OrderPaid", module = "bookto_verify")]
pub struct PyOrderPaid {
    inner: OrderPaid,
    created_at: PyOnceLock<Py<PyAny>>,
    paid_at: PyOnceLock<Py<PyAny>>,
    amount: PyOnceLock<Py<PyAmount>>,
    product: PyOnceLock<Py<PyProduct>>,
    buyer: PyOnceLock<Py<PyBuyer>>,
    seller: PyOnceLock<Py<PySeller>>,
}

impl From<OrderPaid> for PyOrderPaid {
    fn from(inner: OrderPaid) -> Self {
        Self {
            inner,
            created_at: PyOnceLock::new(),
            paid_at: PyOnceLock::new(),
            amount: PyOnceLock::new(),
            product: PyOnceLock::new(),
            buyer: PyOnceLock::new(),
            seller: PyOnceLock::new(),
        }
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
            Bound::new(py, PyAmount::from(self.inner.amount.clone()))
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
                },
            )
        })
    }
    /// ``True`` for payments made in test mode.
    #[getter]
    fn is_test_order(&self) -> bool {
        self.inner.is_test_order
    }

    /// The event as JSON-compatible data: wire names, money as its exact
    /// text (``"1.21"``), times as sent, absent optional fields as ``None``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let o = &self.inner;
        let dict = PyDict::new(py);
        dict.set_item("event", &o.event)?;
        dict.set_item("payment_provider", &o.payment_provider)?;
        dict.set_item("order_id", &o.order_id)?;
        dict.set_item("order_number", &o.order_number)?;
        dict.set_item("status", &o.status)?;
        dict.set_item("created_at", o.created_at.as_str())?;
        dict.set_item("paid_at", o.paid_at.as_str())?;
        dict.set_item("amount", amount_dict(py, &o.amount)?)?;
        dict.set_item("vat_treatment", &o.vat_treatment)?;
        dict.set_item("product", product_dict(py, &o.product)?)?;
        dict.set_item("buyer", buyer_dict(py, &o.buyer)?)?;
        dict.set_item("seller", seller_dict(py, &o.seller)?)?;
        dict.set_item("is_test_order", o.is_test_order)?;
        Ok(dict)
    }

    fn __eq__(&self, other: &Bound<'_, Self>) -> bool {
        self.inner == other.get().inner
    }

    fn __hash__(&self) -> u64 {
        let o = &self.inner;
        hash_of(&[&o.event, &o.order_id, &o.order_number, o.paid_at.as_str()])
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

fn amount_dict<'py>(py: Python<'py>, a: &Amount) -> PyResult<Bound<'py, PyDict>> {
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
/// number text (``1.21`` is ``Decimal("1.21")``, never a float).
#[pyclass(frozen, name = "Amount", module = "bookto_verify")]
pub struct PyAmount {
    inner: Amount,
    total_incl: PyOnceLock<Py<PyAny>>,
    excl_vat: PyOnceLock<Py<PyAny>>,
    vat: PyOnceLock<Py<PyAny>>,
    vat_rate: PyOnceLock<Py<PyAny>>,
}

impl From<Amount> for PyAmount {
    fn from(inner: Amount) -> Self {
        Self {
            inner,
            total_incl: PyOnceLock::new(),
            excl_vat: PyOnceLock::new(),
            vat: PyOnceLock::new(),
            vat_rate: PyOnceLock::new(),
        }
    }
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
    /// JSON-compatible data, money as its exact text.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        amount_dict(py, &self.inner)
    }
    fn __eq__(&self, other: &Bound<'_, Self>) -> bool {
        self.inner == other.get().inner
    }
    fn __hash__(&self) -> u64 {
        let a = &self.inner;
        hash_of(&[a.total_incl.as_str(), a.currency.as_str()])
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        amount_repr(py, &self.inner)
    }
}

/// The product of an order.
#[pyclass(frozen, name = "Product", module = "bookto_verify")]
pub struct PyProduct {
    inner: Product,
}

#[pymethods]
impl PyProduct {
    /// Product name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// JSON-compatible data.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        product_dict(py, &self.inner)
    }
    fn __eq__(&self, other: &Bound<'_, Self>) -> bool {
        self.inner == other.get().inner
    }
    fn __hash__(&self) -> u64 {
        hash_of(&[&self.inner.name])
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("Product(name={})", py_repr(py, &self.inner.name)?))
    }
}

/// The buyer of an order.
#[pyclass(frozen, name = "Buyer", module = "bookto_verify")]
pub struct PyBuyer {
    inner: Buyer,
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
    /// JSON-compatible data.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        buyer_dict(py, &self.inner)
    }
    fn __eq__(&self, other: &Bound<'_, Self>) -> bool {
        self.inner == other.get().inner
    }
    fn __hash__(&self) -> u64 {
        hash_of(&[&self.inner.email, &self.inner.last_name])
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

/// The seller of an order.
#[pyclass(frozen, name = "Seller", module = "bookto_verify")]
pub struct PySeller {
    inner: Seller,
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
    /// JSON-compatible data.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        seller_dict(py, &self.inner)
    }
    fn __eq__(&self, other: &Bound<'_, Self>) -> bool {
        self.inner == other.get().inner
    }
    fn __hash__(&self) -> u64 {
        hash_of(&[&self.inner.id])
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
/// the body parsed with ``json.loads`` (integers too long for ``int()`` come
/// back as ``Decimal``). A new event type never breaks a receiver.
#[pyclass(frozen, name = "UnknownEvent", module = "bookto_verify")]
pub struct PyUnknownEvent {
    inner: UnknownEvent,
    data: PyOnceLock<Py<PyAny>>,
}

fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    JSON_LOADS
        .import(py, "bookto_verify._data", "loads")?
        .call1((text,))
}

#[pymethods]
impl PyUnknownEvent {
    /// The wire ``event`` name (possibly empty).
    #[getter]
    fn event(&self) -> &str {
        &self.inner.event
    }
    /// The whole body parsed with ``json.loads`` (parsed on first access,
    /// then cached: the same dict every time).
    #[getter]
    fn data<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        cached(py, &self.data, || json_loads(py, &self.inner.data))
    }
    /// The body parsed afresh with ``json.loads``: a new dict each call.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &self.inner.data)
    }
    fn __eq__(&self, other: &Bound<'_, Self>) -> bool {
        self.inner == other.get().inner
    }
    fn __hash__(&self) -> u64 {
        hash_of(&[&self.inner.event, &self.inner.data])
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "UnknownEvent(event={}, ...)",
            py_repr(py, &self.inner.event)?
        ))
    }
}

//! `from_dict`: Python data written back as JSON text for the core's parser.
//!
//! Nothing here checks an event's shape: the text goes to
//! `bookto_verify::parse_event`, so an event rebuilt from a dict obeys
//! exactly the rules of one received (and fails with the same
//! `InvalidPayload` messages). This module only maps Python types to JSON:
//! `int` and `Decimal` to numbers (their exact text), `datetime` to an
//! RFC 3339 string, `str`, `bool`, `None`, mappings and lists/tuples as
//! usual. `float` is refused: it cannot hold money exactly.

use core::fmt::{self, Write as _};

use bookto_verify::Money;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType};

/// Which event `from_dict` builds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `OrderPaid.from_dict`: a `str` money field holding a JSON number
    /// (`"1.21"`, what JSON encoders make of a `Decimal`) is written as that
    /// number.
    OrderPaid,
    /// `UnknownEvent.from_dict`: strings are strings.
    Unknown,
}

/// Deeper data is refused before the core sees it: the core allows 128
/// levels, and a self-referencing dict must not recurse forever.
const MAX_NESTING: usize = 256;

const MONEY_FIELDS: [&str; 4] = ["total_incl", "excl_vat", "vat", "vat_rate"];

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The JSON text of `data`, a mapping (what `to_dict()` returns).
pub(crate) fn event_json(data: &Bound<'_, PyAny>, kind: Kind) -> PyResult<String> {
    let py = data.py();
    if !data.is_instance_of::<PyDict>() && data.cast::<PyMapping>().is_err() {
        return Err(PyTypeError::new_err(format!(
            "from_dict takes a dict (as to_dict() returns), not {}; \
             to parse a raw body use bookto_verify.parse_event",
            type_name(data)
        )));
    }
    let mut writer = Writer {
        out: String::new(),
        kind,
        decimal: DECIMAL.import(py, "decimal", "Decimal")?.clone(),
        datetime: DATETIME.import(py, "datetime", "datetime")?.clone(),
    };
    writer.value(data, &Path::ROOT, 0)?;
    Ok(writer.out)
}

/// Where a value sits, for messages (`amount.total_incl`, `items[2]`) and
/// for recognising money fields.
struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    const ROOT: Path<'static> = Path {
        parent: None,
        step: Step::Root,
    };

    const fn child(&'a self, step: Step<'a>) -> Self {
        Self {
            parent: Some(self),
            step,
        }
    }

    /// `amount.<money field>` at the top level.
    fn is_money(&self) -> bool {
        let (Step::Key(field), Some(parent)) = (self.step, self.parent) else {
            return false;
        };
        let (Step::Key("amount"), Some(root)) = (parent.step, parent.parent) else {
            return false;
        };
        MONEY_FIELDS.contains(&field) && matches!(root.step, Step::Root)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            write!(f, "{parent}")?;
        }
        match self.step {
            Step::Root => Ok(()),
            Step::Key(key) if matches!(self.parent.map(|p| p.step), Some(Step::Root)) => {
                f.write_str(key)
            }
            Step::Key(key) => write!(f, ".{key}"),
            Step::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// `path: ` before a message, or nothing at the root.
fn at(path: &Path<'_>) -> String {
    if matches!(path.step, Step::Root) {
        String::new()
    } else {
        format!("{path}: ")
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |name| name.to_string())
}

struct Writer<'py> {
    out: String,
    kind: Kind,
    decimal: Bound<'py, PyType>,
    datetime: Bound<'py, PyType>,
}

impl<'py> Writer<'py> {
    fn value(&mut self, value: &Bound<'py, PyAny>, path: &Path<'_>, depth: usize) -> PyResult<()> {
        let py = value.py();
        if depth > MAX_NESTING {
            return Err(PyValueError::new_err(format!(
                "{}nested more than {MAX_NESTING} levels",
                at(path)
            )));
        }
        if value.is_none() {
            self.out.push_str("null");
        } else if let Ok(flag) = value.cast::<PyBool>() {
            self.out
                .push_str(if flag.is_true() { "true" } else { "false" });
        } else if value.is_instance_of::<PyInt>() {
            // int(value): an IntEnum's str() is its name, not its digits.
            let int = if value.is_exact_instance_of::<PyInt>() {
                value.clone()
            } else {
                py.get_type::<PyInt>().call1((value,))?
            };
            self.out.push_str(&int.str()?.to_cow()?);
        } else if value.is_instance_of::<PyFloat>() {
            return Err(PyTypeError::new_err(format!(
                "{}a float cannot hold the number exactly: pass a decimal.Decimal \
                 (or an int), as to_dict() gives",
                at(path)
            )));
        } else if value.is_instance(&self.decimal)? {
            // A finite Decimal's str() is always a JSON number ("1.21",
            // "1E+2", "0E-7"); the core applies its own limits to it.
            let finite = value.call_method0(intern!(py, "is_finite"))?.is_truthy()?;
            let text = value.str()?;
            if !finite {
                return Err(PyValueError::new_err(format!(
                    "{}{} is not a finite number",
                    at(path),
                    text.to_cow()?
                )));
            }
            self.out.push_str(&text.to_cow()?);
        } else if let Ok(text) = value.cast::<PyString>() {
            let number = (self.kind == Kind::OrderPaid && path.is_money())
                .then(|| {
                    text.to_cow()
                        .ok()
                        .and_then(|t| Money::parse_json_number(&t))
                })
                .flatten();
            match number {
                Some(number) => self.out.push_str(number.as_str()),
                None => string(&mut self.out, text)?,
            }
        } else if value.is_instance(&self.datetime)? {
            let text = rfc3339(value)?;
            string(&mut self.out, &PyString::new(py, &text))?;
        } else if let Ok(dict) = value.cast::<PyDict>() {
            self.object(dict.iter(), path, depth)?;
        } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
            self.out.push('[');
            for (i, item) in value.try_iter()?.enumerate() {
                if i > 0 {
                    self.out.push(',');
                }
                self.value(&item?, &path.child(Step::Index(i)), depth + 1)?;
            }
            self.out.push(']');
        } else if let Ok(mapping) = value.cast::<PyMapping>() {
            // MappingProxyType (UnknownEvent.data, extra) and other mappings.
            let items = mapping.items()?;
            let pairs = items
                .iter()
                .map(|pair| pair.extract::<(Bound<'py, PyAny>, Bound<'py, PyAny>)>())
                .collect::<PyResult<Vec<_>>>()?;
            self.object(pairs.into_iter(), path, depth)?;
        } else {
            return Err(PyTypeError::new_err(format!(
                "{}cannot write a {} as JSON: expected str, int, Decimal, bool, None, \
                 datetime, dict or list",
                at(path),
                type_name(value)
            )));
        }
        Ok(())
    }

    fn object(
        &mut self,
        pairs: impl Iterator<Item = (Bound<'py, PyAny>, Bound<'py, PyAny>)>,
        path: &Path<'_>,
        depth: usize,
    ) -> PyResult<()> {
        self.out.push('{');
        for (i, (key, item)) in pairs.enumerate() {
            let Ok(key) = key.cast::<PyString>() else {
                return Err(PyTypeError::new_err(format!(
                    "{}keys must be str, not {}",
                    at(path),
                    type_name(&key)
                )));
            };
            if i > 0 {
                self.out.push(',');
            }
            string(&mut self.out, key)?;
            self.out.push(':');
            let name = key.to_cow()?;
            self.value(&item, &path.child(Step::Key(&name)), depth + 1)?;
        }
        self.out.push('}');
        Ok(())
    }
}

/// A JSON string literal. A lone surrogate (which `json.loads` makes of a
/// `"\ud800"` escape) is written as that escape again.
fn string(out: &mut String, text: &Bound<'_, PyString>) -> PyResult<()> {
    out.push('"');
    if let Ok(text) = text.to_cow() {
        escape(out, &text);
    } else {
        // No UTF-8 form: its WTF-8 bytes, where each lone surrogate is the
        // three bytes ED A0..BF 80..BF.
        let py = text.py();
        let wtf8 = text.call_method1(intern!(py, "encode"), ("utf-8", "surrogatepass"))?;
        let mut rest: &[u8] = wtf8.extract()?;
        while !rest.is_empty() {
            let valid = match core::str::from_utf8(rest) {
                Ok(all) => all,
                Err(e) => core::str::from_utf8(rest.get(..e.valid_up_to()).unwrap_or_default())
                    .unwrap_or_default(),
            };
            escape(out, valid);
            rest = rest.get(valid.len()..).unwrap_or_default();
            if let [0xED, b1, b2, tail @ ..] = rest {
                let unit = 0xD000 | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
                let _ = write!(out, "\\u{unit:04x}");
                rest = tail;
            } else if !rest.is_empty() {
                // Unreachable for Python's own encoder; never loop forever.
                return Err(PyValueError::new_err("a str that is not text"));
            }
        }
    }
    out.push('"');
    Ok(())
}

fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

/// A `datetime` as RFC 3339: `2025-11-26T23:59:48.907Z` (UTC as `Z`, the
/// fraction without trailing zeros, as bookto writes it), other offsets as
/// `+01:00`. A naive datetime gets no offset and an offset with seconds
/// keeps them, so the core refuses both (`InvalidPayload`).
fn rfc3339(value: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = value.py();
    let part = |name: &Bound<'_, PyString>| -> PyResult<i64> { value.getattr(name)?.extract() };
    let mut text = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        part(intern!(py, "year"))?,
        part(intern!(py, "month"))?,
        part(intern!(py, "day"))?,
        part(intern!(py, "hour"))?,
        part(intern!(py, "minute"))?,
        part(intern!(py, "second"))?,
    );
    let micro = part(intern!(py, "microsecond"))?;
    if micro != 0 {
        let fraction = format!("{micro:06}");
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    let offset = value.call_method0(intern!(py, "utcoffset"))?;
    if offset.is_none() {
        return Ok(text);
    }
    let days: i64 = offset.getattr(intern!(py, "days"))?.extract()?;
    let seconds: i64 = offset.getattr(intern!(py, "seconds"))?.extract()?;
    let micros: i64 = offset.getattr(intern!(py, "microseconds"))?.extract()?;
    // |utcoffset| < 1 day (datetime checks it): no overflow.
    let total = days * 86_400 + seconds;
    if total == 0 && micros == 0 {
        text.push('Z');
        return Ok(text);
    }
    let sign = if total < 0 { '-' } else { '+' };
    let total = total.abs();
    let _ = write!(text, "{sign}{:02}:{:02}", total / 3600, total % 3600 / 60);
    if total % 60 != 0 || micros != 0 {
        let _ = write!(text, ":{:02}", total % 60);
    }
    Ok(text)
}

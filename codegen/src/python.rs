//! The Python classes of each event (`bindings-python/src/order_paid.rs`):
//! PyO3 classes around the core's structs, one getter per field of the
//! declaration in `core/src/schema.rs`, with `to_dict`, the JSON form,
//! `extra`, pickling, equality and `repr`. The helpers they call live in the
//! hand-written `bindings-python/src/events.rs`.

use core::fmt::Write as _;

use bookto_verify::schema::{EVENTS, Event, Field, Kind, Object};

use crate::codes::py_string;
use crate::model::{doc_lines, objects, rustfmt};
use crate::output::GENERATED;

/// The Python binding's file of one event.
pub fn path(event: &Event) -> &'static str {
    match event.name {
        "order.paid" => "bindings-python/src/order_paid.rs",
        other => {
            panic!(
                "codegen: no Python output path for event {other:?}; add one in codegen/src/python.rs"
            )
        }
    }
}

/// `_model.py`: every event class's fields as data (name, kind, sentence),
/// from which `_pydantic.py` builds the schema of the JSON form.
pub fn model_py() -> String {
    let mut out = format!("# {GENERATED}\n");
    out.push_str(
        "\"\"\"The event model as data, from its declaration in ``core/src/schema.rs``.\n\n\
         ``FIELDS`` maps each event class to its fields in wire order, each\n\
         ``(name, kind, description)``; a kind is ``\"text\"``, ``\"optional_text\"``,\n\
         ``\"date_time\"``, ``\"money\"``, ``\"bool\"`` or the class name of a nested\n\
         object::\n\n    \
         from bookto_verify._model import FIELDS\n    \
         [name for name, _, _ in FIELDS[\"Amount\"]]   # ['total_incl', ...]\n\"\"\"\n\n\
         from __future__ import annotations\n\n\
         FIELDS: dict[str, tuple[tuple[str, str, str], ...]] = {\n",
    );
    for event in EVENTS {
        for object in objects(&event.object) {
            let _ = writeln!(out, "    {}: (", py_string(object.type_name));
            for field in object.fields {
                let kind = match field.kind {
                    Kind::EventName | Kind::Text => "text",
                    Kind::OptionalText => "optional_text",
                    Kind::DateTime => "date_time",
                    Kind::Money => "money",
                    Kind::Bool => "bool",
                    Kind::Object(inner) => inner.type_name,
                };
                let _ = writeln!(
                    out,
                    "        ({}, {}, {}),",
                    py_string(field.name),
                    py_string(kind),
                    py_string(&field.doc.replace('`', ""))
                );
            }
            out.push_str("    ),\n");
        }
    }
    out.push_str("}\n");
    out
}

/// `OrderPaid` → `order_paid`.
fn snake(type_name: &str) -> String {
    let mut out = String::new();
    for (i, c) in type_name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// A schema sentence as reStructuredText (double backticks).
fn rst(text: &str) -> String {
    text.replace('`', "``")
}

/// The getter's docstring: the field's sentence and its Python type.
fn getter_doc(field: &Field) -> String {
    let doc = rst(field.doc);
    match field.kind {
        Kind::Money => format!("{doc} A ``decimal.Decimal``, exact."),
        Kind::DateTime => format!("{doc} A timezone-aware ``datetime``."),
        Kind::OptionalText => format!("{doc} ``None`` when absent."),
        Kind::Object(inner) => format!("{doc} (``{}``)", inner.type_name),
        _ => doc,
    }
}

/// The Rust source of every Python class of `event`.
pub fn classes(event: &'static Event) -> String {
    let top = &event.object;
    let all = objects(top);
    let mut out = format!("// {GENERATED}\n");
    let _ = writeln!(
        out,
        "//! The Python classes of `{}`, written by codegen from its declaration in\n\
         //! `core/src/schema.rs`; the helpers they call are in `events.rs`.\n",
        event.name
    );
    let types: Vec<&str> = all.iter().map(|o| o.type_name).collect();
    let _ = writeln!(
        out,
        "use bookto_verify::{{Event, {}}};\n\
         use pyo3::prelude::*;\n\
         use pyo3::sync::PyOnceLock;\n\
         use pyo3::types::{{PyBytes, PyDict, PyTuple, PyType}};\n\n\
         use crate::events::{{\n    Raw, cached, datetime, decimal, event_from_dict, extra, hash_of, modelled, optional_repr,\n    part_extra, py_repr, pydantic_schema, reduce_event, reduce_part, {}_summary, wrong_event,\n}};\n\
         use crate::from_dict::Kind;\n",
        types.join(", "),
        snake(top.type_name),
    );
    for object in &all {
        let is_event = core::ptr::eq(*object, top);
        let part = if is_event {
            None
        } else {
            top.fields.iter().find_map(|f| match f.kind {
                Kind::Object(inner) if core::ptr::eq(inner, *object) => Some(f.name),
                _ => None,
            })
        };
        if !is_event && part.is_none() {
            panic!(
                "codegen: {} is nested deeper than one level, which the Python classes do not support yet",
                object.type_name
            );
        }
        class(&mut out, event, object, part);
        if !is_event {
            repr_fn(&mut out, object);
        }
    }
    rustfmt(&out)
}

fn class(out: &mut String, event: &Event, object: &Object, part: Option<&str>) {
    let ty = object.type_name;
    let py = format!("Py{ty}");
    let raw_type = if part.is_none() { "Raw" } else { "Py<PyBytes>" };
    // The class.
    doc_lines(out, &rst(object.doc), "");
    match part {
        None => {
            let _ = writeln!(
                out,
                "///\n/// Attributes are the wire names; money is ``decimal.Decimal``, times are\n\
                 /// timezone-aware ``datetime``. Immutable, compared by value, picklable\n\
                 /// (for Celery, RQ, caches)::\n///\n\
                 ///     event = webhook.verify(body, headers)\n\
                 ///     pickle.loads(pickle.dumps(event)) == event\n\
                 ///     {ty}.from_dict(event.to_dict()) == event"
            );
        }
        Some(part) => {
            let first = object.fields.first().map_or("", |f| f.name);
            let _ = writeln!(
                out,
                "///\n/// Part of ``{}``; attributes are the wire names::\n///\n///     event.{part}.{first}",
                event.object.type_name
            );
        }
    }
    let _ = writeln!(
        out,
        "#[pyclass(frozen, name = \"{ty}\", module = \"bookto_verify\")]\npub struct {py} {{\n    inner: {ty},\n    raw: {raw_type},"
    );
    for field in object.fields {
        match field.kind {
            Kind::Money | Kind::DateTime => {
                let _ = writeln!(out, "    {}: PyOnceLock<Py<PyAny>>,", field.name);
            }
            Kind::Object(inner) => {
                let _ = writeln!(
                    out,
                    "    {}: PyOnceLock<Py<Py{}>>,",
                    field.name, inner.type_name
                );
            }
            _ => {}
        }
    }
    out.push_str("    extra: PyOnceLock<Py<PyAny>>,\n}\n\n");

    // Its constructor.
    let _ = writeln!(
        out,
        "impl {py} {{\n    pub(crate) const fn new(inner: {ty}, raw: {raw_type}) -> Self {{\n        Self {{\n            inner,\n            raw,"
    );
    for field in object.fields {
        if matches!(field.kind, Kind::Money | Kind::DateTime | Kind::Object(_)) {
            let _ = writeln!(out, "            {}: PyOnceLock::new(),", field.name);
        }
    }
    out.push_str("            extra: PyOnceLock::new(),\n        }\n    }\n");
    if object
        .fields
        .iter()
        .any(|f| matches!(f.kind, Kind::Object(_)))
    {
        let body = if part.is_none() {
            "Ok(self.raw.bytes(py)?.unbind())"
        } else {
            "Ok(self.raw.clone_ref(py))"
        };
        let _ = writeln!(
            out,
            "\n    /// The body, for a nested object's `extra` and pickling.\n    \
             fn raw_ref(&self, py: Python<'_>) -> PyResult<Py<PyBytes>> {{\n        {body}\n    }}"
        );
    }
    out.push_str("}\n\n");

    // Its methods.
    let _ = writeln!(out, "#[pymethods]\nimpl {py} {{");
    for field in object.fields {
        doc_lines(out, &getter_doc(field), "    ");
        let name = field.name;
        let _ = writeln!(out, "    #[getter]");
        let _ = match field.kind {
            Kind::EventName | Kind::Text => writeln!(
                out,
                "    fn {name}(&self) -> &str {{\n        &self.inner.{name}\n    }}"
            ),
            Kind::OptionalText => writeln!(
                out,
                "    fn {name}(&self) -> Option<&str> {{\n        self.inner.{name}.as_deref()\n    }}"
            ),
            Kind::Bool => writeln!(
                out,
                "    fn {name}(&self) -> bool {{\n        self.inner.{name}\n    }}"
            ),
            Kind::Money | Kind::DateTime => {
                let convert = if field.kind == Kind::Money {
                    "decimal"
                } else {
                    "datetime"
                };
                writeln!(
                    out,
                    "    fn {name}<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {{\n        \
                     cached(py, &self.{name}, || {convert}(py, &self.inner.{name}))\n    }}"
                )
            }
            Kind::Object(inner) => writeln!(
                out,
                "    fn {name}<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, Py{0}>> {{\n        \
                 cached(py, &self.{name}, || {{\n            \
                 Bound::new(py, Py{0}::new(self.inner.{name}.clone(), self.raw_ref(py)?))\n        }})\n    }}",
                inner.type_name
            ),
        };
    }

    // raw and extra.
    match part {
        None => {
            out.push_str(
                "    /// The body this event was parsed from, byte for byte (``bytes``): the\n    \
                 /// verified request body (the ``bytes`` passed to ``verify``, not a\n    \
                 /// copy), or the JSON ``from_dict`` wrote::\n    ///\n    \
                 ///     stored = event.raw                 # e.g. into a queue or a JSON column\n    \
                 ///     parse_event(stored) == event\n    \
                 #[getter]\n    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {\n        \
                 self.raw.bytes(py)\n    }\n",
            );
            out.push_str(
                "    /// Top-level fields this version does not model, read-only: objects\n    \
                 /// are read-only mappings, arrays tuples, non-integer numbers\n    \
                 /// ``Decimal``, never ``float``. Empty when there are none::\n    ///\n    \
                 ///     # body: {..., \"coupon\": {\"pct\": 12.5}}\n    \
                 ///     event.extra[\"coupon\"][\"pct\"]       # Decimal('12.5')\n    \
                 #[getter]\n    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {\n        \
                 cached(py, &self.extra, || extra(py, &self.raw, None, &modelled(None)))\n    }\n",
            );
        }
        Some(part) => {
            let _ = writeln!(
                out,
                "    /// Fields of ``{part}`` this version does not model, read-only (see\n    \
                 /// ``{0}.extra``)::\n    ///\n    ///     event.{part}.extra.get(\"note\")\n    \
                 #[getter]\n    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {{\n        \
                 part_extra(py, &self.extra, &self.raw, \"{part}\", &modelled(Some(\"{part}\")))\n    }}",
                event.object.type_name
            );
        }
    }

    // to_dict and the JSON form.
    let (to_dict_doc, json_doc) = if part.is_none() {
        (
            format!(
                "    /// The modelled fields as a new ``dict`` (``{ty}Dict``): wire names, the\n    \
                 /// attributes' types (money ``Decimal``, times ``datetime``, nested objects\n    \
                 /// as dicts). ``{ty}.from_dict`` rebuilds the event::\n    ///\n    \
                 ///     {ty}.from_dict(event.to_dict()) == event\n"
            ),
            "    /// The JSON form pydantic and FastAPI write: money as its exact text\n    \
             /// (``\"1.21\"``), times as sent::\n    ///\n    ///     json.dumps(event._json_dict())\n"
                .to_owned(),
        )
    } else {
        (
            format!(
                "    /// The modelled fields as a new ``dict`` (``{ty}Dict``)::\n    ///\n    \
                 ///     event.{0}.to_dict()\n",
                part.unwrap_or_default()
            ),
            format!(
                "    /// The JSON form: money as its exact text::\n    ///\n    \
                 ///     event.{0}._json_dict()\n",
                part.unwrap_or_default()
            ),
        )
    };
    out.push_str(&to_dict_doc);
    dict_method(out, object, "fn to_dict", false);
    out.push_str(&json_doc);
    dict_method(
        out,
        object,
        "#[pyo3(name = \"_json_dict\")]\n    fn json_dict",
        true,
    );

    if part.is_none() {
        let _ = writeln!(
            out,
            "    /// Builds an ``{ty}`` from ``to_dict()``-shaped data, checked by the same\n    \
             /// parser as a received body (``InvalidPayload`` names the field). Money\n    \
             /// may be ``Decimal``, ``int`` or a ``str`` holding a JSON number\n    \
             /// (``\"1.21\"``), never ``float``; times a timezone-aware ``datetime`` or\n    \
             /// an RFC 3339 string::\n    ///\n    \
             ///     {ty}.from_dict(event.to_dict()) == event\n    \
             #[classmethod]\n    \
             fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {{\n        \
             let py = data.py();\n        \
             match event_from_dict(data, Kind::{ty})? {{\n            \
             (Event::{ty}(inner), raw) => Ok(Self::new(inner, raw)),\n            \
             (other, _) => Err(wrong_event(py, \"{ty}\", &other)?),\n        }}\n    }}"
        );
    }

    // The protocol methods every event class shares.
    let reduce = match part {
        None => "reduce_event(py, &self.raw)".to_owned(),
        Some(part) => format!("reduce_part(py, &self.raw, \"{part}\")"),
    };
    let repr = match part {
        None => format!("{}_summary(py, &self.inner)", snake(ty)),
        Some(_) => format!("{}_repr(py, &self.inner)", snake(ty)),
    };
    let _ = writeln!(
        out,
        "    #[classmethod]\n    \
         fn __get_pydantic_core_schema__<'py>(\n        cls: &Bound<'py, PyType>,\n        \
         source: &Bound<'py, PyAny>,\n        handler: &Bound<'py, PyAny>,\n    \
         ) -> PyResult<Bound<'py, PyAny>> {{\n        pydantic_schema(cls, source, handler)\n    }}\n    \
         fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {{\n        {reduce}\n    }}\n    \
         /// Immutable: a copy is the object itself.\n    \
         fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {{\n        slf\n    }}\n    \
         fn __deepcopy__<'py>(slf: Bound<'py, Self>, memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {{\n        \
         let _ = memo; // nothing to copy: immutable\n        slf\n    }}\n    \
         fn __eq__(&self, other: &Bound<'_, Self>) -> bool {{\n        self.inner == other.get().inner\n    }}\n    \
         fn __hash__(&self) -> u64 {{\n        hash_of(&self.inner)\n    }}\n    \
         fn __repr__(&self, py: Python<'_>) -> PyResult<String> {{\n        {repr}\n    }}\n}}\n"
    );
}

/// `to_dict` (the attributes' types) or, for `json`, `_json_dict` (money
/// and times as their exact text).
fn dict_method(out: &mut String, object: &Object, signature: &str, json: bool) {
    let _ = writeln!(
        out,
        "    {signature}<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {{"
    );
    let converted = |kind: Kind| matches!(kind, Kind::Money | Kind::DateTime) && !json;
    if object
        .fields
        .iter()
        .any(|f| !converted(f.kind) && !matches!(f.kind, Kind::Object(_)))
    {
        out.push_str("        let o = &self.inner;\n");
    }
    out.push_str("        let dict = PyDict::new(py);\n");
    for field in object.fields {
        let name = field.name;
        let value = match field.kind {
            Kind::EventName | Kind::Text => format!("&o.{name}"),
            Kind::OptionalText => format!("o.{name}.as_deref()"),
            Kind::Bool => format!("o.{name}"),
            Kind::Money | Kind::DateTime if json => format!("o.{name}.as_str()"),
            Kind::Money | Kind::DateTime => format!("self.{name}(py)?"),
            Kind::Object(_) if json => format!("self.{name}(py)?.get().json_dict(py)?"),
            Kind::Object(_) => format!("self.{name}(py)?.get().to_dict(py)?"),
        };
        let _ = writeln!(out, "        dict.set_item(\"{name}\", {value})?;");
    }
    out.push_str("        Ok(dict)\n    }\n");
}

/// `repr` of a nested object: every field.
fn repr_fn(out: &mut String, object: &Object) {
    let ty = object.type_name;
    let mut pattern = Vec::new();
    let mut args = Vec::new();
    for field in object.fields {
        let name = field.name;
        match field.kind {
            Kind::Money => {
                pattern.push(format!("{name}=Decimal('{{}}')"));
                args.push(format!("o.{name}.as_str()"));
            }
            Kind::EventName | Kind::Text => {
                pattern.push(format!("{name}={{}}"));
                args.push(format!("py_repr(py, &o.{name})?"));
            }
            Kind::DateTime => {
                pattern.push(format!("{name}={{}}"));
                args.push(format!("py_repr(py, o.{name}.as_str())?"));
            }
            Kind::OptionalText => {
                pattern.push(format!("{name}={{}}"));
                args.push(format!("optional_repr(py, o.{name}.as_deref())?"));
            }
            Kind::Bool => {
                pattern.push(format!("{name}={{}}"));
                args.push(format!("if o.{name} {{ \"True\" }} else {{ \"False\" }}"));
            }
            Kind::Object(inner) => {
                pattern.push(format!("{name}={{}}"));
                args.push(format!("{}_repr(py, &o.{name})?", snake(inner.type_name)));
            }
        }
    }
    let uses_py = object
        .fields
        .iter()
        .any(|f| !matches!(f.kind, Kind::Money | Kind::Bool));
    let py = if uses_py { "py" } else { "_py" };
    let _ = writeln!(
        out,
        "/// `repr` of ``{ty}``: every field.\npub(crate) fn {}_repr({py}: Python<'_>, o: &{ty}) -> PyResult<String> {{\n    \
         Ok(format!(\"{ty}({})\", {}))\n}}\n",
        snake(ty),
        pattern.join(", "),
        args.join(", ")
    );
}

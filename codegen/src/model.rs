//! Outputs of the event model declared in `core/src/schema.rs`: for each
//! event the core's Rust types, checks and sample (`core/src/order_paid.rs`),
//! the JavaScript row decoder and header names (`api.mjs`), the TypeScript
//! interfaces (`index.d.ts`), the Python stub classes (`_native.pyi`) and
//! `TypedDict`s (`_types.py`), the Python classes (`python.rs`), and SPEC.md's
//! table of fields.

use core::fmt::Write as _;

use bookto_verify::schema::{EVENTS, Event, Field, Kind, Object};

use crate::output::{Comment, GENERATED, Output, wrap};

/// Every output of the event model, and of the header names.
pub fn outputs() -> Vec<Output> {
    let mut out: Vec<Output> = EVENTS
        .iter()
        .map(|event| Output::Whole {
            path: rust_path(event),
            text: rustfmt(&rust(event)),
        })
        .collect();
    out.push(Output::Region {
        path: "bindings-node/js/api.mjs",
        name: "event decoders",
        comment: Comment::Slashes,
        text: EVENTS.iter().map(js_decoder).collect::<Vec<_>>().join("\n"),
    });
    out.push(Output::Region {
        path: "bindings-node/js/api.mjs",
        name: "header names",
        comment: Comment::Slashes,
        text: js_header_names(),
    });
    out.push(Output::Region {
        path: "bindings-python/python/bookto_verify/_native.pyi",
        name: "event classes",
        comment: Comment::Hash,
        text: EVENTS.iter().map(pyi).collect::<Vec<_>>().join(""),
    });
    out.extend(EVENTS.iter().map(|event| Output::Whole {
        path: crate::python::path(event),
        text: crate::python::classes(event),
    }));
    out.push(Output::Whole {
        path: "bindings-python/python/bookto_verify/_model.py",
        text: crate::python::model_py(),
    });
    out.push(Output::Whole {
        path: "bindings-python/python/bookto_verify/_types.py",
        text: py_types(),
    });
    out.push(Output::Region {
        path: "SPEC.md",
        name: "event fields",
        comment: Comment::Html,
        text: spec_table(),
    });
    out.push(Output::Region {
        path: "bindings-node/index.d.ts",
        name: "event types",
        comment: Comment::Slashes,
        text: EVENTS.iter().map(dts).collect::<Vec<_>>().join("\n"),
    });
    out
}

/// The names `sign` returns, and the lengths of every name the core reads:
/// the JS layer skips, unconverted, a header whose name has another length.
fn js_header_names() -> String {
    let mut lengths: Vec<usize> = bookto_verify::HEADER_NAMES
        .iter()
        .map(|n| n.len())
        .collect();
    lengths.sort_unstable();
    lengths.dedup();
    let test = lengths
        .iter()
        .map(|n| format!("length === {n}"))
        .collect::<Vec<_>>()
        .join(" || ");
    format!(
        "const TIMESTAMP = '{}';\nconst SIGNATURE = '{}';\n\
         /** False when no header the core reads ({}) has a name of this length. */\n\
         function mayBeRead(length) {{\n  return {test};\n}}\n",
        bookto_verify::TIMESTAMP_HEADER,
        bookto_verify::SIGNATURE_HEADER,
        bookto_verify::HEADER_NAMES.join(", "),
    )
}

/// `code` as rustfmt formats it (edition 2024, the workspace's
/// `rustfmt.toml` if any), so `cargo fmt --check` and `--check` agree.
pub fn rustfmt(code: &str) -> String {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout"])
        .current_dir(crate::root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("codegen: cannot run rustfmt: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(code.as_bytes())
            .unwrap_or_else(|e| panic!("codegen: rustfmt stdin: {e}"));
    }
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("codegen: rustfmt: {e}"));
    assert!(
        output.status.success(),
        "codegen: rustfmt refused the generated code:\n{code}"
    );
    String::from_utf8(output.stdout).unwrap_or_else(|e| panic!("codegen: rustfmt output: {e}"))
}

/// The core file of one event: `order.paid` → `core/src/order_paid.rs`.
fn rust_path(event: &Event) -> &'static str {
    match event.name {
        "order.paid" => "core/src/order_paid.rs",
        other => {
            panic!("codegen: no output path for event {other:?}; add one in codegen/src/model.rs")
        }
    }
}

/// A leaf of the model: a field that is not an object, with its dotted path
/// and the expression that reads it in Rust.
pub struct Leaf {
    /// Dotted wire path (`amount.total_incl`).
    pub path: String,
    /// What it holds.
    pub kind: Kind,
    /// Its place in declaration order (its literal's index).
    pub index: usize,
    /// The nested objects it sits in, outermost first, as indices of [`shape`].
    pub objects: Vec<usize>,
}

/// Every leaf in declaration order (which is the order of the checks).
pub fn leaves(object: &Object) -> Vec<Leaf> {
    fn walk(
        object: &Object,
        prefix: &str,
        objects: &[usize],
        next: &mut usize,
        out: &mut Vec<Leaf>,
    ) {
        for field in object.fields {
            let path = format!("{prefix}{}", field.name);
            match field.kind {
                Kind::Object(inner) => {
                    *next += 1;
                    let inside = [objects, &[*next]].concat();
                    walk(inner, &format!("{path}."), &inside, next, out);
                }
                kind => out.push(Leaf {
                    path,
                    kind,
                    index: out.len(),
                    objects: objects.to_vec(),
                }),
            }
        }
    }
    let mut out = Vec::new();
    walk(object, "", &[], &mut 0, &mut out);
    out
}

/// Where a key's value goes in the parser's scan.
enum ShapeTarget {
    Leaf(usize),
    Object(usize),
}

/// One object as the parser scans it: its dotted path, and per key its
/// name, its dotted path and its target.
struct ShapeObject {
    path: String,
    keys: Vec<(&'static str, String, ShapeTarget)>,
}

/// Every object, the top level first, then nested ones depth-first (the
/// numbering [`leaves`] uses).
fn shape(top: &Object) -> Vec<ShapeObject> {
    fn walk(object: &Object, path: &str, next_leaf: &mut usize, out: &mut Vec<ShapeObject>) {
        let me = out.len();
        out.push(ShapeObject {
            path: path.to_owned(),
            keys: Vec::new(),
        });
        for field in object.fields {
            let key_path = if path.is_empty() {
                field.name.to_owned()
            } else {
                format!("{path}.{}", field.name)
            };
            let target = match field.kind {
                Kind::Object(inner) => {
                    let index = out.len();
                    walk(inner, &key_path, next_leaf, out);
                    ShapeTarget::Object(index)
                }
                _ => {
                    *next_leaf += 1;
                    ShapeTarget::Leaf(*next_leaf - 1)
                }
            };
            out[me].keys.push((field.name, key_path, target));
        }
    }
    let mut out = Vec::new();
    walk(top, "", &mut 0, &mut out);
    out
}

/// Every object type, the top-level one first, then nested ones depth-first.
pub fn objects(object: &'static Object) -> Vec<&'static Object> {
    let mut out = vec![object];
    for field in object.fields {
        if let Kind::Object(inner) = field.kind {
            out.extend(objects(inner));
        }
    }
    out
}

pub fn doc_lines(out: &mut String, text: &str, indent: &str) {
    for line in wrap(text, 80, &format!("{indent}/// ")) {
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

fn rust_type(kind: Kind) -> String {
    match kind {
        Kind::EventName | Kind::Text => "String".to_owned(),
        Kind::OptionalText => "Option<String>".to_owned(),
        Kind::DateTime => "DateTime".to_owned(),
        Kind::Money => "Money".to_owned(),
        Kind::Bool => "bool".to_owned(),
        Kind::Object(object) => object.type_name.to_owned(),
    }
}

/// The check of one leaf: the function of `src/parse.rs` that reads it.
fn checker(kind: Kind) -> &'static str {
    match kind {
        Kind::EventName | Kind::Text => "string_literal",
        Kind::OptionalText => "optional_string_literal",
        Kind::DateTime => "datetime_literal",
        Kind::Money => "money_literal",
        Kind::Bool => "bool_literal",
        Kind::Object(_) => unreachable!("objects are not leaves"),
    }
}

/// The conversion of one checked literal: a function of `src/parse.rs`.
fn builder(kind: Kind, literal: &str, path: &str) -> String {
    match kind {
        Kind::EventName | Kind::Text => format!("text({literal})"),
        Kind::OptionalText => format!("optional_text({literal})"),
        Kind::DateTime => format!("datetime({literal}, \"{path}\")?"),
        Kind::Money => format!("money({literal})"),
        Kind::Bool => format!("boolean({literal})"),
        Kind::Object(_) => unreachable!("objects are not leaves"),
    }
}

/// A sample value as a Rust expression, from its JSON text.
fn sample(field: &Field) -> String {
    let json = field.sample;
    let string = || {
        json.strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .filter(|s| !s.contains(['\\', '"']))
            .unwrap_or_else(|| {
                panic!(
                    "codegen: sample of {} must be a plain JSON string",
                    field.name
                )
            })
    };
    match field.kind {
        Kind::EventName | Kind::Text => format!("text({:?})", string()),
        Kind::OptionalText if json == "null" => "None".to_owned(),
        Kind::OptionalText => format!("Some(text({:?}))", string()),
        Kind::DateTime => format!("time({:?})", string()),
        Kind::Money => format!("money({json:?})"),
        Kind::Bool => {
            assert!(
                json == "true" || json == "false",
                "codegen: sample of {} must be a boolean",
                field.name
            );
            json.to_owned()
        }
        Kind::Object(_) => unreachable!("objects are built field by field"),
    }
}

fn rust(event: &'static Event) -> String {
    let top = &event.object;
    assert!(
        top.fields.first().map(|f| f.kind) == Some(Kind::EventName)
            && top.fields[0].name == "event",
        "codegen: the first field of {} must be `event` of kind EventName",
        event.name
    );
    let leaves = leaves(top);
    let n = leaves.len();
    let mut out = String::new();
    let _ = writeln!(out, "// {GENERATED}");
    let _ = writeln!(
        out,
        "//! `{}`: its types, the order of its checks and its row layout, written by\n\
         //! codegen from its declaration in `src/schema.rs`.\n",
        event.name
    );
    out.push_str(
        "use alloc::string::String;\n\n\
         use serde::{Deserialize, Deserializer, Serialize};\n\n\
         use crate::datetime::DateTime;\n\
         use crate::money::Money;\n\
         use crate::parse::{\n    Key, ObjectShape, Result, Scan, Slot, Target, bool_literal, boolean, datetime, datetime_literal,\n    money, money_literal, optional_string_literal, optional_text, string_literal, text,\n};\n\n",
    );

    // Types.
    for object in objects(top) {
        let is_event = core::ptr::eq(object, top);
        doc_lines(&mut out, object.doc, "");
        out.push_str("///\n");
        if is_event {
            out.push_str(
                "/// Field names are the wire names; fields this version does not model\n\
                 /// are ignored. Money and date-times compare by value. It serializes to\n\
                 /// the wire's shape (money as exact text) and back, so events can be\n\
                 /// stored and queued; [`sample`](Self::sample) builds one for tests.\n\
                 ///\n\
                 /// ```\n",
            );
            let _ = writeln!(
                out,
                "/// let order = bookto_verify::{}::sample();\n\
                 /// let json = serde_json::to_string(&order)?;\n\
                 /// assert_eq!(serde_json::from_str::<bookto_verify::{}>(&json)?, order);\n\
                 /// # Ok::<(), serde_json::Error>(())\n\
                 /// ```",
                object.type_name, object.type_name
            );
        } else {
            let _ = writeln!(
                out,
                "/// Part of [`{}`]; field names are the wire names.",
                top.type_name
            );
        }
        out.push_str(
            "#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]\n#[non_exhaustive]\n",
        );
        let _ = writeln!(out, "pub struct {} {{", object.type_name);
        for field in object.fields {
            doc_lines(&mut out, field.doc, "    ");
            match field.kind {
                Kind::EventName => {
                    out.push_str("    #[serde(deserialize_with = \"event_name\")]\n")
                }
                Kind::OptionalText => out.push_str("    #[serde(default)]\n"),
                _ => {}
            }
            let _ = writeln!(out, "    pub {}: {},", field.name, rust_type(field.kind));
        }
        out.push_str("}\n\n");
    }

    // Sample.
    let _ = writeln!(
        out,
        "impl {} {{\n    /// A valid test-mode order with placeholder values, for building events\n    \
         /// in your own tests without JSON: every field is public, so change what\n    \
         /// the test needs.\n    ///\n    /// ```\n    /// let mut order = bookto_verify::{}::sample();\n    \
         /// order.order_id = \"ord_test_1\".into();\n    /// assert!(order.is_test_order);\n    /// ```\n    \
         #[must_use]\n    pub fn sample() -> Self {{\n        \
         let text = |s: &str| String::from(s);\n        \
         let money = |s: &str| Money::from_json_number(text(s));\n        \
         let time = |s: &str| DateTime::parse(s).unwrap_or_else(DateTime::epoch);",
        top.type_name, top.type_name
    );
    fn sample_object(out: &mut String, object: &Object, indent: &str) {
        let _ = writeln!(out, "{} {{", object.type_name);
        for field in object.fields {
            let _ = write!(out, "{indent}    {}: ", field.name);
            match field.kind {
                Kind::Object(inner) => {
                    sample_object(out, inner, &format!("{indent}    "));
                    out.push_str(",\n");
                }
                _ => {
                    let _ = writeln!(out, "{},", sample(field));
                }
            }
        }
        let _ = write!(out, "{indent}}}");
    }
    out.push_str("        ");
    sample_object(&mut out, top, "        ");
    out.push_str("\n    }\n}\n\n");

    // Event name check for serde.
    let _ = writeln!(
        out,
        "/// `{0}` and nothing else: an unknown event never deserializes as a\n\
         /// [`{1}`].\n\
         fn event_name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {{\n    \
         let name = String::deserialize(d)?;\n    \
         if name == \"{0}\" {{\n        Ok(name)\n    }} else {{\n        \
         Err(serde::de::Error::invalid_value(\n            serde::de::Unexpected::Str(&name),\n            &\"{0}\",\n        ))\n    }}\n}}\n",
        event.name, top.type_name
    );

    // Where each key of each object goes.
    let shape = shape(top);
    let _ = writeln!(
        out,
        "/// Where the parser puts each key: object 0 is the top level, then the\n\
         /// nested objects depth-first; a leaf's value is literal `n` of [`literals`].\n\
         pub(crate) const SHAPE: [ObjectShape; {}] = [",
        shape.len()
    );
    let key_fn = |path: &str| {
        if path.is_empty() {
            "top_key".to_owned()
        } else {
            format!("{}_key", path.replace('.', "_"))
        }
    };
    for ShapeObject { path, keys } in &shape {
        let _ = writeln!(
            out,
            "    ObjectShape {{\n        path: {path:?},\n        key: {},\n        keys: &[",
            key_fn(path)
        );
        for (_, key_path, target) in keys {
            let target = match target {
                ShapeTarget::Leaf(i) => format!("Target::Leaf({i})"),
                ShapeTarget::Object(i) => format!("Target::Object({i})"),
            };
            let _ = writeln!(
                out,
                "            Key {{\n                path: {key_path:?},\n                target: {target},\n            }},"
            );
        }
        out.push_str("        ],\n    },\n");
    }
    out.push_str("];\n\n");
    for ShapeObject { path, keys } in &shape {
        let what = if path.is_empty() {
            "top-level".to_owned()
        } else {
            format!("`{path}`")
        };
        let _ = writeln!(
            out,
            "/// Which key of the {what} object `name` is.\nfn {}(name: &str) -> Option<usize> {{\n    match name {{",
            key_fn(path)
        );
        for (i, (name, _, _)) in keys.iter().enumerate() {
            let _ = writeln!(out, "        {name:?} => Some({i}),");
        }
        out.push_str("        _ => None,\n    }\n}\n\n");
    }

    // Slots.
    let _ = writeln!(
        out,
        "/// What each literal of [`literals`] holds, for the JavaScript row."
    );
    let _ = writeln!(out, "pub(crate) const SLOTS: [Slot; {n}] = [");
    for leaf in &leaves {
        let slot = match leaf.kind {
            Kind::Money => "Slot::Money",
            _ => "Slot::Plain",
        };
        let _ = writeln!(out, "    {slot}, // {}", leaf.path);
    }
    out.push_str("];\n\n");

    // Checks.
    let _ = writeln!(
        out,
        "/// Checks every field in declaration order (so the first problem is the\n\
         /// one reported) and returns each one's JSON text: string literals (quotes\n\
         /// included), number texts, `null`, `true`/`false`. A nested object's own\n\
         /// error surfaces at its first field's turn.\n\
         pub(crate) fn literals<'a>(scan: &Scan<'a, {n}, {}>) -> Result<[&'a str; {n}]> {{\n    Ok([",
        shape.len()
    );
    for leaf in &leaves {
        let raw = if leaf.objects.is_empty() {
            format!("scan.get({})", leaf.index)
        } else {
            let objects: Vec<String> = leaf.objects.iter().map(ToString::to_string).collect();
            format!("scan.nested(&[{}], {})?", objects.join(", "), leaf.index)
        };
        let _ = writeln!(
            out,
            "        {}({raw}, \"{}\")?,",
            checker(leaf.kind),
            leaf.path
        );
    }
    out.push_str("    ])\n}\n\n");

    // Build.
    let _ = writeln!(
        out,
        "/// The typed event from the literals [`literals`] checked.\n\
         pub(crate) fn build(literals: [&str; {n}]) -> Result<{}> {{",
        top.type_name
    );
    let names: Vec<String> = (0..n).map(|i| format!("l{i}")).collect();
    let _ = writeln!(out, "    let [{}] = literals;", names.join(", "));
    fn build_object(
        out: &mut String,
        object: &Object,
        prefix: &str,
        next: &mut usize,
        indent: &str,
    ) {
        let _ = writeln!(out, "{} {{", object.type_name);
        for field in object.fields {
            let path = format!("{prefix}{}", field.name);
            let _ = write!(out, "{indent}    {}: ", field.name);
            match field.kind {
                Kind::Object(inner) => {
                    build_object(
                        out,
                        inner,
                        &format!("{path}."),
                        next,
                        &format!("{indent}    "),
                    );
                    out.push_str(",\n");
                }
                kind => {
                    let _ = writeln!(out, "{},", builder(kind, &format!("l{next}"), &path));
                    *next += 1;
                }
            }
        }
        let _ = write!(out, "{indent}}}");
    }
    out.push_str("    Ok(");
    let mut next = 0;
    build_object(&mut out, top, "", &mut next, "    ");
    out.push_str(")\n}\n");
    out
}

/// The JavaScript decoder of an event's row: the object with wire names,
/// money as numbers plus `exact` texts. The row holds one slot per leaf in
/// declaration order, two for money (the number, then its text), as the
/// core's `parse_event_row` writes it.
pub fn js_decoder(event: &Event) -> String {
    fn object(out: &mut String, object: &Object, next: &mut usize, indent: &str) {
        out.push_str("{\n");
        let mut exact = Vec::new();
        for field in object.fields {
            let _ = write!(out, "{indent}  {}: ", field.name);
            match field.kind {
                Kind::Object(inner) => object_into(out, inner, next, &format!("{indent}  ")),
                Kind::Money => {
                    let _ = write!(out, "r[{}]", *next);
                    exact.push((field.name, *next + 1));
                    *next += 2;
                }
                _ => {
                    let _ = write!(out, "r[{}]", *next);
                    *next += 1;
                }
            }
            out.push_str(",\n");
        }
        if !exact.is_empty() {
            let parts: Vec<String> = exact
                .iter()
                .map(|(name, i)| format!("{name}: r[{i}]"))
                .collect();
            let _ = writeln!(out, "{indent}  exact: {{ {} }},", parts.join(", "));
        }
        let _ = write!(out, "{indent}}}");
    }
    fn object_into(out: &mut String, inner: &Object, next: &mut usize, indent: &str) {
        object(out, inner, next, indent);
    }
    let mut out = String::new();
    let name = js_decoder_name(event);
    let _ = writeln!(
        out,
        "/** The wire fields of `{}` from the core's row (see parse_event_row). */\nfunction {name}(r) {{",
        event.name
    );
    out.push_str("  return ");
    let mut next = 0;
    object(&mut out, &event.object, &mut next, "  ");
    out.push_str(";\n}\n");
    out
}

/// `orderPaidFields` for `order.paid`.
pub fn js_decoder_name(event: &Event) -> String {
    let mut name = String::new();
    let mut upper_next = false;
    for c in event.name.chars() {
        if c == '.' || c == '_' {
            upper_next = true;
        } else if upper_next {
            name.push(c.to_ascii_uppercase());
            upper_next = false;
        } else {
            name.push(c);
        }
    }
    name.push_str("Fields");
    name
}

fn ts_type(kind: Kind, event: &Event) -> String {
    match kind {
        Kind::EventName => format!("'{}'", event.name),
        Kind::Text | Kind::DateTime => "string".to_owned(),
        Kind::OptionalText => "string | null".to_owned(),
        Kind::Money => "number".to_owned(),
        Kind::Bool => "boolean".to_owned(),
        Kind::Object(object) => object.type_name.to_owned(),
    }
}

/// What JavaScript adds to a field's documentation, by kind.
fn ts_doc(field: &Field) -> String {
    let doc = field.doc;
    match field.kind {
        Kind::DateTime => format!(
            "{doc} The RFC 3339 text as sent (`new Date({})` parses it).",
            field.name
        ),
        Kind::OptionalText => {
            format!("{doc} `null` when none was given (also when the field is absent).")
        }
        Kind::Money => format!(
            "{doc} A `number` as `JSON.parse` gives it; `exact.{}` is the exact text.",
            field.name
        ),
        _ => doc.to_owned(),
    }
}

fn ts_comment(out: &mut String, text: &str, indent: &str) {
    let one = format!("{indent}/** {text} */");
    if one.len() <= 100 {
        let _ = writeln!(out, "{one}");
        return;
    }
    let _ = writeln!(out, "{indent}/**");
    for line in wrap(text, 80, &format!("{indent} * ")) {
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(out, "{indent} */");
}

/// The TypeScript interfaces of an event and its nested objects. The event
/// interface extends `EventTypeTag<name>`, declared by hand in `index.d.ts`.
pub fn dts(event: &'static Event) -> String {
    let mut out = String::new();
    let all = objects(&event.object);
    for object in &all {
        let is_event = core::ptr::eq(*object, &event.object);
        if is_event {
            ts_comment(
                &mut out,
                &format!(
                    "{} Field names are the wire names; fields this version does not model are left out. \
                     Besides them, `eventType` is `'{}'` ({{@link BooktoEvent}}).",
                    object.doc, event.name
                ),
                "",
            );
            let _ = writeln!(
                out,
                "export interface {} extends EventTypeTag<'{}'> {{",
                object.type_name, event.name
            );
        } else {
            ts_comment(
                &mut out,
                &format!(
                    "{} Part of {{@link {}}}.",
                    object.doc, event.object.type_name
                ),
                "",
            );
            let _ = writeln!(out, "export interface {} {{", object.type_name);
        }
        let mut exact = Vec::new();
        for field in object.fields {
            ts_comment(&mut out, &ts_doc(field), "  ");
            let _ = writeln!(out, "  {}: {};", field.name, ts_type(field.kind, event));
            if field.kind == Kind::Money {
                exact.push(field.name);
            }
        }
        if !exact.is_empty() {
            ts_comment(
                &mut out,
                "The money fields as the exact text bookto sent (`\"1.21\"`), for decimal libraries \
                 and minor-unit arithmetic that must not go through a float.",
                "  ",
            );
            out.push_str("  exact: {\n");
            for name in exact {
                let _ = writeln!(out, "    {name}: DecimalString;");
            }
            out.push_str("  };\n");
        }
        out.push_str("}\n\n");
    }
    out.pop();
    out
}

fn py_type(kind: Kind, typed_dict: bool) -> String {
    match kind {
        Kind::EventName | Kind::Text => "str".to_owned(),
        Kind::OptionalText => "Optional[str]".to_owned(),
        Kind::DateTime => "datetime.datetime".to_owned(),
        Kind::Money => "decimal.Decimal".to_owned(),
        Kind::Bool => "bool".to_owned(),
        Kind::Object(object) if typed_dict => format!("{}Dict", object.type_name),
        Kind::Object(object) => object.type_name.to_owned(),
    }
}

/// The value type of `_json_dict()`: money and date-times as text.
fn py_json_dict(object: &Object) -> &'static str {
    let mut optional = false;
    for field in object.fields {
        match field.kind {
            Kind::EventName | Kind::Text | Kind::Money | Kind::DateTime => {}
            Kind::OptionalText => optional = true,
            Kind::Bool | Kind::Object(_) => return "dict[str, Any]",
        }
    }
    if optional {
        "dict[str, Optional[str]]"
    } else {
        "dict[str, str]"
    }
}

/// The classes of `_native.pyi` for an event and its nested objects.
pub fn pyi(event: &'static Event) -> String {
    let mut out = String::new();
    for object in objects(&event.object) {
        let is_event = core::ptr::eq(object, &event.object);
        let _ = writeln!(out, "@final\nclass {}:", object.type_name);
        for field in object.fields {
            let _ = writeln!(
                out,
                "    @property\n    def {}(self) -> {}: ...",
                field.name,
                py_type(field.kind, false)
            );
        }
        if is_event {
            out.push_str("    @property\n    def raw(self) -> bytes: ...\n");
        }
        let _ = writeln!(
            out,
            "    def to_dict(self) -> {}Dict: ...",
            object.type_name
        );
        if is_event {
            let _ = writeln!(
                out,
                "    @classmethod\n    def from_dict(cls, data: Mapping[str, Any]) -> {}: ...",
                object.type_name
            );
        }
        let _ = writeln!(
            out,
            "    def _json_dict(self) -> {}: ...",
            py_json_dict(object)
        );
        out.push_str(
            "    @property\n    def extra(self) -> Mapping[str, Any]: ...\n\
             \x20   @classmethod\n    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any: ...\n\
             \x20   def __reduce__(self) -> Tuple[Any, ...]: ...\n\
             \x20   def __copy__(self) -> Self: ...\n\
             \x20   def __deepcopy__(self, memo: Any, /) -> Self: ...\n\
             \x20   def __eq__(self, value: object, /) -> bool: ...\n\
             \x20   def __hash__(self) -> int: ...\n\n",
        );
    }
    out
}

/// `_types.py`: the `TypedDict`s of `to_dict()`, importable at runtime.
pub fn py_types() -> String {
    let mut out = format!("# {GENERATED}\n");
    out.push_str(
        "\"\"\"The shapes of ``to_dict()``, for type checkers (importable at runtime).\n\n::\n\n    \
         from bookto_verify import OrderPaidDict\n\n    def store(data: OrderPaidDict) -> None:\n        \
         total = data[\"amount\"][\"total_incl\"]   # Decimal\n\n\
         ``OrderPaid.from_dict`` takes the same shape back. The keys are the wire\n\
         names; fields this version does not model are not in it (they are in\n\
         ``event.extra`` and ``event.raw``).\n\"\"\"\n\n\
         from __future__ import annotations\n\nimport datetime\nimport decimal\n\
         from typing import Optional, TypedDict\n\n",
    );
    let mut names: Vec<String> = Vec::new();
    let mut classes = String::new();
    for event in EVENTS {
        // Nested objects first: a TypedDict names the ones it holds.
        for object in objects(&event.object).iter().rev() {
            names.push(format!("{}Dict", object.type_name));
            let _ = writeln!(classes, "\n\nclass {}Dict(TypedDict):", object.type_name);
            let _ = writeln!(
                classes,
                "    \"\"\"{} The shape of ``{}.to_dict()``.\"\"\"\n",
                object.doc.replace('`', "``"),
                object.type_name
            );
            for field in object.fields {
                let _ = writeln!(classes, "    {}: {}", field.name, py_type(field.kind, true));
            }
        }
    }
    names.sort();
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let _ = writeln!(out, "__all__ = [{}]", quoted.join(", "));
    out.push_str(&classes);
    out
}

/// What a kind of field is, for the specification's table.
fn spec_kind(kind: Kind, event: &Event) -> String {
    match kind {
        Kind::EventName => format!("string, always `{}`", event.name),
        Kind::Text => "string".to_owned(),
        Kind::OptionalText => "string or null (absent reads as null)".to_owned(),
        Kind::DateTime => "RFC 3339 date-time with an explicit offset (`Z` or `+hh:mm`); second 60 and year 0000 refused".to_owned(),
        Kind::Money => "exact money: a JSON number, kept as its exact text (Rust `Money`, Python `Decimal`, JS the number plus `exact.<field>` text)".to_owned(),
        Kind::Bool => "bool".to_owned(),
        Kind::Object(object) => format!("object (`{}`)", object.type_name),
    }
}

/// SPEC.md's table of every field of every typed event, in wire order.
pub fn spec_table() -> String {
    let mut out = String::new();
    for event in EVENTS {
        let _ = writeln!(
            out,
            "`{}` ({}):\n\n| field | kind | about |\n| --- | --- | --- |",
            event.name, event.object.type_name
        );
        fn rows(out: &mut String, object: &Object, prefix: &str, event: &Event) {
            for field in object.fields {
                let path = format!("{prefix}{}", field.name);
                let _ = writeln!(
                    out,
                    "| `{path}` | {} | {} |",
                    spec_kind(field.kind, event),
                    field.doc
                );
                if let Kind::Object(inner) = field.kind {
                    rows(out, inner, &format!("{path}."), event);
                }
            }
        }
        rows(&mut out, &event.object, "", event);
    }
    out
}

//! Outputs of [`ErrorCode`]: the JS codes table and class exports (also in
//! the ES module entries' re-export lists), the
//! TypeScript declarations, the Python exception classes, and the codes
//! tables of README.md, core/README.md and SPEC.md.

use core::fmt::Write as _;

use bookto_verify::ErrorCode;

use crate::output::{Comment, GENERATED, Output, wrap};

/// Every output of the error codes.
pub fn outputs() -> Vec<Output> {
    let mut out = vec![
        Output::Region {
            path: "bindings-node/js/api.mjs",
            name: "error codes",
            comment: Comment::Slashes,
            text: api_codes(),
        },
        Output::Region {
            path: "bindings-node/js/api.mjs",
            name: "error classes",
            comment: Comment::Slashes,
            text: api_exports(),
        },
        Output::Region {
            path: "bindings-node/index.d.ts",
            name: "error code type",
            comment: Comment::Slashes,
            text: dts_code_type(),
        },
        Output::Region {
            path: "bindings-node/index.d.ts",
            name: "error classes",
            comment: Comment::Slashes,
            text: dts_classes(),
        },
        Output::Whole {
            path: "bindings-python/python/bookto_verify/_errors.py",
            text: errors_py(),
        },
        Output::Region {
            path: "README.md",
            name: "error codes",
            comment: Comment::Html,
            text: markdown_table(false),
        },
        Output::Region {
            path: "core/README.md",
            name: "error codes",
            comment: Comment::Html,
            text: markdown_table(false),
        },
        Output::Region {
            path: "SPEC.md",
            name: "error codes",
            comment: Comment::Html,
            text: markdown_table(true),
        },
    ];
    // The ES module entries re-export the API's names one by one (static
    // exports); the error classes among them come from here.
    out.extend(ESM_ENTRIES.iter().map(|path| {
        Output::Region {
            path,
            name: "error classes",
            comment: Comment::Slashes,
            text: ErrorCode::VERIFICATION
                .iter()
                .map(|code| format!("  {},\n", code.class_name()))
                .collect(),
        }
    }));
    out
}

/// The ES module files that re-export the public API name by name.
const ESM_ENTRIES: [&str; 5] = [
    "bindings-node/index.mjs",
    "bindings-node/js/wasm-node.mjs",
    "bindings-node/js/wasm.mjs",
    "bindings-wasm/npm/index.node.mjs",
    "bindings-wasm/npm/wasm-api.js",
];

/// A JS string literal in single quotes.
fn js_string(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A Python string literal in double quotes.
pub fn py_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Markdown inline code to reStructuredText (``code``), for docstrings;
/// backslashes and quotes are escaped for a `"""` docstring.
fn rst(markdown: &str) -> String {
    markdown
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('`', "``")
}

/// A JSDoc comment `/** text */` at `indent`, wrapped at 100 columns.
fn jsdoc(text: &str, indent: &str) -> String {
    let one = format!("{indent}/** {text} */\n");
    if one.len() <= 100 {
        return one;
    }
    let mut out = format!("{indent}/**\n");
    for line in wrap(text, 100, &format!("{indent} * ")) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(indent);
    out.push_str(" */\n");
    out
}

fn api_codes() -> String {
    let mut out = String::from(
        "/** Every verification code, in the order of the checks: its class name and when it is raised. */\n\
         const VERIFICATION_CODES = [\n",
    );
    for code in ErrorCode::VERIFICATION {
        let _ = writeln!(
            out,
            "  {{\n    code: {},\n    className: {},\n    description: {},\n  }},",
            js_string(code.as_str()),
            js_string(code.class_name()),
            js_string(code.description()),
        );
    }
    let config = ErrorCode::InvalidSecret;
    let _ = writeln!(
        out,
        "];\n\
         /** The code of a secret that cannot be used (raised by `new Webhook(...)`). */\n\
         const CONFIG_CODE = {{\n  code: {},\n  className: {},\n  description: {},\n}};",
        js_string(config.as_str()),
        js_string(config.class_name()),
        js_string(config.description()),
    );
    out
}

fn api_exports() -> String {
    let mut out = String::new();
    for code in ErrorCode::VERIFICATION {
        out.push_str(&jsdoc(
            &format!("`{}`: {}.", code.as_str(), code.description()),
            "",
        ));
        let _ = writeln!(
            out,
            "export const {} = CODE_CLASSES.{};",
            code.class_name(),
            code.as_str()
        );
    }
    out
}

fn dts_code_type() -> String {
    let mut out = String::from(
        "/** A stable error code, identical in every bookto-verify language. */\n\
         export type VerificationErrorCode =\n",
    );
    let last = ErrorCode::VERIFICATION.len().saturating_sub(1);
    for (i, code) in ErrorCode::VERIFICATION.iter().enumerate() {
        let end = if i == last { ";" } else { "" };
        let _ = writeln!(out, "  | '{}'{end}", code.as_str());
    }
    out
}

fn dts_classes() -> String {
    let mut out = String::new();
    for code in ErrorCode::VERIFICATION {
        out.push_str(&jsdoc(
            &format!("`{}`: {}.", code.as_str(), code.description()),
            "",
        ));
        let _ = writeln!(
            out,
            "export declare class {name} extends WebhookVerificationError {{\n  \
             constructor(message: string);\n  \
             readonly code: '{code}';\n  \
             static readonly code: '{code}';\n}}",
            name = code.class_name(),
            code = code.as_str(),
        );
    }
    out
}

/// A class docstring at 4 spaces: one line when it fits in 100 columns.
fn docstring(paragraphs: &[String]) -> String {
    let indent = "    ";
    if let [only] = paragraphs {
        let one = format!("{indent}\"\"\"{only}\"\"\"\n");
        if one.len() <= 100 {
            return one;
        }
    }
    let mut out = format!("{indent}\"\"\"");
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, line) in wrap(paragraph, 96, indent).into_iter().enumerate() {
            if i == 0 && j == 0 {
                out.push_str(line.trim_start());
            } else {
                out.push_str(&line);
            }
            out.push('\n');
        }
    }
    out.push_str(indent);
    out.push_str("\"\"\"\n");
    out
}

fn errors_py() -> String {
    let mut names: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.class_name()).collect();
    names.push("WebhookVerificationError");
    names.sort_unstable();
    let mut out = format!(
        "# {GENERATED}\n\
         # The stable error codes (ErrorCode in core/src/code.rs), one class each;\n\
         # src/errors.rs raises them by the same table.\n\
         \"\"\"Exceptions raised by bookto_verify.\n\
         \n\
         Every verification failure is a :class:`WebhookVerificationError` (itself a\n\
         ``ValueError``) carrying a stable, machine-readable ``code``; each code has its\n\
         own subclass, so both styles work::\n\
         \n\
         \x20   try:\n\
         \x20       event = webhook.verify(body, headers)\n\
         \x20   except SignatureMismatch:\n\
         \x20       ...                      # one case\n\
         \x20   except WebhookVerificationError as error:\n\
         \x20       log.warning(\"bookto webhook refused: %s\", error.code)\n\
         \n\
         Messages say what went wrong and what to do. They never contain a secret.\n\
         \"\"\"\n\
         \n\
         from __future__ import annotations\n\
         \n\
         __all__ = [\n"
    );
    for name in names {
        let _ = writeln!(out, "    {},", py_string(name));
    }
    out.push_str(
        "]\n\n\n\
         class WebhookVerificationError(ValueError):\n\
         \x20   \"\"\"A webhook was refused. ``code`` is one of the stable codes below.\"\"\"\n\
         \n\
         \x20   code: str\n\
         \x20   \"\"\"The stable error code, identical in every bookto-verify language.\"\"\"\n",
    );
    for code in ErrorCode::VERIFICATION {
        let _ = write!(
            out,
            "\n\nclass {}(WebhookVerificationError):\n{}\n    code = {}\n",
            code.class_name(),
            docstring(&[format!(
                "``{}``: {}.",
                code.as_str(),
                rst(code.description())
            )]),
            py_string(code.as_str()),
        );
    }
    let config = ErrorCode::InvalidSecret;
    let _ = write!(
        out,
        "\n\nclass {}(ValueError):\n{}\n    code = {}\n    \"\"\"Always ``{}``.\"\"\"\n",
        config.class_name(),
        docstring(&[
            "A :class:`Webhook` could not be built from the given secret(s).".to_owned(),
            format!("``{}``: {}.", config.as_str(), rst(config.description())),
        ]),
        py_string(config.as_str()),
        py_string(config.as_str()),
    );
    out
}

/// The codes table: `code | when`, the verification codes; with `spec`,
/// `code | check | when` and `invalid_secret` too.
fn markdown_table(spec: bool) -> String {
    let mut out = String::new();
    if spec {
        out.push_str("| code | check | when |\n| --- | --- | --- |\n");
        for code in ErrorCode::ALL {
            let check = code.check().map_or_else(
                || "building a verifier (Secrets)".to_owned(),
                |n| n.to_string(),
            );
            let _ = writeln!(
                out,
                "| `{}` | {check} | {} |",
                code.as_str(),
                code.description()
            );
        }
    } else {
        out.push_str("| code | when |\n| --- | --- |\n");
        for code in ErrorCode::VERIFICATION {
            let _ = writeln!(out, "| `{}` | {} |", code.as_str(), code.description());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_in_every_output() {
        for output in outputs() {
            let (Output::Whole { path, text } | Output::Region { path, text, .. }) = output;
            let codes: &[ErrorCode] = if path == "bindings-node/index.d.ts" {
                &ErrorCode::VERIFICATION
            } else if text.contains("invalid_secret") {
                &ErrorCode::ALL
            } else {
                &ErrorCode::VERIFICATION
            };
            for code in codes {
                // The ES module entries list the classes only.
                let name = if ESM_ENTRIES.contains(&path) {
                    code.class_name()
                } else {
                    code.as_str()
                };
                assert!(text.contains(name), "{path}: {code:?}");
            }
        }
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(js_string("a'b\\c"), "'a\\'b\\\\c'");
        assert_eq!(py_string("a\"b"), "\"a\\\"b\"");
        assert_eq!(rst("`x` \"y\""), "``x`` \\\"y\\\"");
    }

    #[test]
    fn whole_files_start_with_the_generated_line() {
        for output in outputs() {
            if let Output::Whole { path, text } = output {
                let first = text.lines().next().unwrap_or_default();
                assert!(first.contains(GENERATED), "{path}");
            }
        }
    }
}

"""Every vector of fixtures/*.json through the Python front door."""

from __future__ import annotations

from typing import Any, Callable

import pytest
from starlette.datastructures import Headers as StarletteHeaders
from werkzeug.datastructures import Headers as WerkzeugHeaders
from vectors import (
    body_of,
    check_error,
    check_event,
    load,
    long_secrets,
    make_webhook,
    outcome,
    params,
    run_host_vector,
)

import bookto_verify
from bookto_verify import WebhookConfigError, parse_event, sign


def test_every_vector_file_is_run() -> None:
    """A new vector file must get a runner here."""
    ran = {"verify.json", "parse_event.json", "secrets.json", "sign.json", "hosts.json"}
    from vectors import FIXTURES

    assert {p.name for p in FIXTURES.glob("*.json")} == ran


# --- verify.json ------------------------------------------------------------


def _expect(
    result: tuple[str, Any],
    expected: dict[str, Any],
    vector: dict[str, Any],
    check_value: Callable[[Any], None],
) -> None:
    kind, value = result
    assert kind == expected["result"], (kind, value, expected)
    if kind == "valid":
        check_value(value)
    else:
        check_error(value, expected, vector["secrets"])


@pytest.mark.parametrize("vector", params("verify.json"))
def test_verify_vector(vector: dict[str, Any]) -> None:
    webhook = make_webhook(vector["secrets"], vector["tolerance"])
    body, headers, now = body_of(vector), vector["headers"], vector["now"]

    signature = vector["signature"]

    def check_matched(matched: Any) -> None:
        assert type(matched) is int
        assert matched == signature["matched"]

    _expect(
        outcome(lambda: webhook.verify_signature(body, headers, now=now)),
        signature,
        vector,
        check_matched,
    )
    _expect(
        outcome(lambda: webhook.verify(body, headers, now=now)),
        vector["verify"],
        vector,
        lambda event: check_event(event, vector["verify"]["event"], body),
    )
    for secret in long_secrets(vector["secrets"]):
        assert secret not in repr(webhook)


def _header_forms(headers: dict[str, Any]) -> dict[str, Any]:
    """The vector's headers as the other mappings the binding accepts."""
    pairs = [
        (name, value)
        for name, values in headers.items()
        for value in (values if isinstance(values, list) else [values])
    ]
    forms: dict[str, Any] = {
        "pairs": pairs,
        "tuple-of-bytes-pairs": tuple((n.encode(), v.encode()) for n, v in pairs),
        "bytes-values": {
            n: [x.encode() for x in v] if isinstance(v, list) else v.encode()
            for n, v in headers.items()
        },
        # What an ASGI server hands Starlette: raw bytes, decoded as latin-1.
        "starlette": StarletteHeaders(raw=[(n.lower().encode(), v.encode()) for n, v in pairs]),
    }
    try:
        werkzeug = WerkzeugHeaders()
        for name, value in pairs:
            werkzeug.add(name, value)
        forms["werkzeug"] = werkzeug
    except ValueError:
        pass  # Werkzeug refuses newlines in values: it cannot carry this vector
    return forms


def _body_forms(body: bytes) -> dict[str, Any]:
    forms: dict[str, Any] = {
        "bytearray": bytearray(body),
        "memoryview": memoryview(body),
        "memoryview-slice": memoryview(b"--" + body + b"--")[2:-2],
    }
    try:
        forms["str"] = body.decode("utf-8")
    except UnicodeDecodeError:
        pass  # not text: a str cannot carry it
    return forms


def _code(result: tuple[str, Any]) -> Any:
    kind, value = result
    return value.code if kind == "invalid" else value


@pytest.mark.parametrize("vector", params("verify.json"))
def test_verify_vector_through_other_inputs(vector: dict[str, Any]) -> None:
    """The same verdict whatever mapping carries the headers and whatever
    buffer carries the body."""
    webhook = make_webhook(vector["secrets"], vector["tolerance"])
    body, now = body_of(vector), vector["now"]
    expected = vector["signature"]
    want = expected["matched"] if expected["result"] == "valid" else expected["error"]
    for form, headers in _header_forms(vector["headers"]).items():
        got = _code(outcome(lambda: webhook.verify_signature(body, headers, now=now)))
        assert got == want, form
    for form, body_form in _body_forms(body).items():
        got = _code(outcome(lambda: webhook.verify_signature(body_form, vector["headers"], now=now)))
        assert got == want, form
        if vector["verify"]["result"] == "valid":
            event = webhook.verify(body_form, vector["headers"], now=now)
            check_event(event, vector["verify"]["event"], body)


# --- parse_event.json --------------------------------------------------------


@pytest.mark.parametrize("vector", params("parse_event.json"))
def test_parse_event_vector(vector: dict[str, Any]) -> None:
    body = body_of(vector)
    kind, value = outcome(lambda: parse_event(body))
    assert kind == vector["result"], (kind, value)
    if kind == "valid":
        check_event(value, vector["event"], body)
    else:
        check_error(value, vector, [])
    for form, body_form in _body_forms(body).items():
        kind2, value2 = outcome(lambda: parse_event(body_form))
        assert kind2 == kind, form
        if kind == "valid":
            assert value2 == value, form
        else:
            assert str(value2) == str(value), form


# --- secrets.json -------------------------------------------------------------


@pytest.mark.parametrize("vector", params("secrets.json"))
def test_secrets_vector(vector: dict[str, Any]) -> None:
    secrets = vector["secrets"]
    if vector["result"] == "invalid":
        with pytest.raises(WebhookConfigError) as info:
            make_webhook(secrets)
        check_error(info.value, vector, secrets)
        assert not isinstance(info.value, bookto_verify.WebhookVerificationError)
        return
    webhook = make_webhook(secrets)
    check = vector["check"]
    headers = {"x-bookto-timestamp": check["timestamp"], "x-bookto-signature": check["signature"]}
    matched = webhook.verify_signature(check["body"], headers, now=int(check["timestamp"]))
    assert matched == check["matched"]
    for secret in long_secrets(secrets):
        assert secret not in repr(webhook)
        assert secret not in str(webhook)


# --- sign.json ------------------------------------------------------------------


@pytest.mark.parametrize("vector", params("sign.json"))
def test_sign_vector(vector: dict[str, Any]) -> None:
    body = body_of(vector)
    expected = {
        "x-bookto-timestamp": str(vector["timestamp"]),
        "x-bookto-signature": vector["signature"],
    }
    assert sign(vector["secret"], body, timestamp=vector["timestamp"]) == expected
    assert sign(vector["secret"], body, vector["timestamp"]) == expected
    for form, body_form in _body_forms(body).items():
        assert sign(vector["secret"], body_form, timestamp=vector["timestamp"]) == expected, form



# --- hosts.json -------------------------------------------------------------------


@pytest.mark.parametrize("vector", params("hosts.json"))
def test_hosts_vector(vector: dict[str, Any]) -> None:
    """Host-level inputs (None, booleans, str with lone surrogates, wrong
    types); the JsOnly ones (inherited object keys) have no Python form."""
    if "JsOnly" in vector["flags"]:
        pytest.skip("JsOnly: inherited object keys have no Python form")
    run_host_vector(vector)


def test_hosts_python_skips_only_the_js_only_vectors() -> None:
    tests = load("hosts.json")["tests"]
    js_only = [t for t in tests if "JsOnly" in t["flags"]]
    assert 0 < len(js_only) < len(tests) // 4
    assert all("inherited_headers" in t for t in js_only)

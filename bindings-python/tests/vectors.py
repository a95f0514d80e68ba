"""Loading the shared vectors of fixtures/ and turning results into the
vectors' normalised form. Independent of the code under test: datetimes are
re-parsed here with a regex, money compared as Decimal built from the text.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable

import bookto_verify
from bookto_verify import (
    OrderPaid,
    UnknownEvent,
    WebhookConfigError,
    WebhookVerificationError,
)

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"
SAMPLE = FIXTURES / "events" / "order-paid.json"

CLASS_BY_CODE = {
    "missing_header": bookto_verify.MissingHeader,
    "invalid_timestamp": bookto_verify.InvalidTimestamp,
    "timestamp_too_old": bookto_verify.TimestampTooOld,
    "timestamp_too_new": bookto_verify.TimestampTooNew,
    "invalid_signature_header": bookto_verify.InvalidSignatureHeader,
    "signature_mismatch": bookto_verify.SignatureMismatch,
    "invalid_payload": bookto_verify.InvalidPayload,
    "invalid_secret": WebhookConfigError,
}


def load(name: str) -> dict[str, Any]:
    with open(FIXTURES / name, encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    assert data["schema"] == "bookto-verify-vectors/1"
    assert data["numberOfTests"] == len(data["tests"]) > 0
    return data


def params(name: str) -> list[Any]:
    """One pytest param per vector, named ``file-id`` so a failure names it."""
    import pytest  # here, so other_pythons.py runs with the standard library only

    stem = name.rsplit(".", 1)[0]
    return [pytest.param(t, id=f"{stem}-{t['id']}") for t in load(name)["tests"]]


def body_of(vector: dict[str, Any]) -> bytes:
    if "body_base64" in vector:
        return base64.b64decode(vector["body_base64"])
    body: str = vector["body"]
    return body.encode("utf-8")


def make_webhook(secrets: list[str], tolerance: Any = "default") -> bookto_verify.Webhook:
    """One secret: the single-secret constructor; otherwise the list form."""
    secret: Any = secrets[0] if len(secrets) == 1 else secrets
    if tolerance == "default":
        return bookto_verify.Webhook(secret)
    return bookto_verify.Webhook(secret, tolerance=tolerance)


def long_secrets(secrets: list[str]) -> list[str]:
    """Trimmed secrets long enough that finding one in a message is a leak,
    not a coincidence (``bk_`` alone is named in the API-key message)."""
    trimmed = (s.strip(" \t\n\r\x0c") for s in secrets)
    return [s for s in trimmed if len(s) >= 8]


def outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    """("valid", value) or ("invalid", exception)."""
    try:
        return ("valid", call())
    except (WebhookVerificationError, WebhookConfigError) as error:
        return ("invalid", error)


def check_error(error: BaseException, expected: dict[str, Any], secrets: list[str]) -> None:
    code = expected["error"]
    assert isinstance(error, (WebhookVerificationError, WebhookConfigError))
    assert type(error) is CLASS_BY_CODE[code], (type(error), code)
    assert error.code == code
    assert isinstance(error, ValueError)
    message = str(error)
    for part in expected.get("message_contains", []):
        assert part in message, (part, message)
    for secret in long_secrets(secrets):
        assert secret not in message
        assert secret not in repr(error)


_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))$"
)


def expected_datetime(text: str) -> dt.datetime:
    """The test's own RFC 3339 reading: microseconds truncated, offset kept."""
    m = _RFC3339.match(text)
    assert m, text
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    micro = int((m.group(7) or "").ljust(6, "0")[:6])
    if m.group(8):
        offset = dt.timedelta(0)
    else:
        sign = -1 if m.group(9) == "-" else 1
        offset = sign * dt.timedelta(hours=int(m.group(10)), minutes=int(m.group(11)))
    return dt.datetime(year, month, day, hour, minute, second, micro, dt.timezone(offset))


def check_decimal(value: Any, text: str) -> None:
    """Exactly Decimal(text): same value, digits and exponent (1.210 stays 1.210)."""
    assert type(value) is Decimal
    assert value.as_tuple() == Decimal(text).as_tuple(), (value, text)


def check_datetime(value: Any, text: str) -> None:
    expected = expected_datetime(text)
    assert type(value) is dt.datetime
    assert value.tzinfo is not None
    assert value.utcoffset() == expected.utcoffset()
    assert value.replace(tzinfo=None) == expected.replace(tzinfo=None)


def exact_json(body: bytes) -> Any:
    """The test's own exact reading of a body: integers ``int`` (``Decimal``
    past Python's 4300-digit guard), every other number ``Decimal``."""

    def parse_int(text: str) -> Any:
        return int(text) if len(text.lstrip("-")) <= 4000 else Decimal(text)

    return json.loads(body, parse_float=Decimal, parse_int=parse_int)


def thaw(value: Any) -> Any:
    """``UnknownEvent.data`` as plain dicts and lists, checking on the way
    that it is read-only all the way down and holds no float."""
    if isinstance(value, MappingProxyType):
        return {key: thaw(item) for key, item in value.items()}
    if type(value) is tuple:
        return [thaw(item) for item in value]
    assert type(value) in (str, int, bool, Decimal, type(None)), type(value)
    return value


def check_event(event: Any, expected: dict[str, Any], body: bytes) -> None:
    """Checks a returned event against a vector's normalised event, through
    the typed attributes and through ``to_dict()``."""
    assert event.raw == body
    if expected["kind"] == "unknown":
        assert type(event) is UnknownEvent
        assert event.event == expected["event"]
        assert thaw(event.data) == exact_json(body)
        assert event.to_dict() == exact_json(body)
        return
    assert expected["kind"] == "order.paid"
    assert type(event) is OrderPaid
    wire = {k: v for k, v in expected.items() if k != "kind"}
    # The JSON form: wire names, money and date-times as the text sent.
    assert event._json_dict() == wire
    check_typed(event.to_dict(), event, wire, "event")


def check_typed(value: Any, attribute: Any, wire: Any, where: str) -> None:
    """A ``to_dict()`` value and the matching attribute against the vector's
    text, by the type the binding gives: ``Decimal`` exactly the text's
    digits, ``datetime`` the text's instant and offset, anything else equal
    and of the JSON type. Walks nested objects, so no field is listed here."""
    if isinstance(wire, dict):
        assert type(value) is dict and set(value) == set(wire), where
        for key, item in wire.items():
            check_typed(value[key], getattr(attribute, key), item, f"{where}.{key}")
    elif isinstance(value, Decimal):
        check_decimal(value, wire)
        check_decimal(attribute, wire)
    elif isinstance(value, dt.datetime):
        check_datetime(value, wire)
        check_datetime(attribute, wire)
    else:
        assert type(value) is type(wire) and value == wire, where
        assert type(attribute) is type(wire) and attribute == wire, where


# --- hosts.json: host-level inputs ---------------------------------------------------


def host_value(value: Any) -> Any:
    """A hosts.json value as the Python value it stands for: ``{"wtf8": b64}``
    is a str holding lone surrogates, ``{"parsed": v}`` an already-parsed
    body, null is None."""
    if isinstance(value, dict) and set(value) == {"wtf8"}:
        return base64.b64decode(value["wtf8"]).decode("utf-8", "surrogatepass")
    if isinstance(value, dict) and set(value) == {"parsed"}:
        return value["parsed"]
    if isinstance(value, list):
        return [host_value(v) for v in value]
    if isinstance(value, dict):
        return {k: host_value(v) for k, v in value.items()}
    return value


def _host_body(vector: dict[str, Any]) -> Any:
    return body_of(vector) if "body_base64" in vector else host_value(vector["body"])


def _raw(body: Any) -> bytes:
    """The bytes a str body stands for (lone surrogates as their 3-byte form)."""
    return body.encode("utf-8", "surrogatepass") if isinstance(body, str) else bytes(body)


def _host_webhook(vector: dict[str, Any]) -> bookto_verify.Webhook:
    secret = host_value(vector["secret"] if "secret" in vector else vector["secrets"])
    if "tolerance" in vector:
        return bookto_verify.Webhook(secret, tolerance=vector["tolerance"])
    return bookto_verify.Webhook(secret)


def _host_expect(
    call: Callable[[], Any],
    expected: dict[str, Any],
    secrets: list[str],
    check_value: Callable[[Any], None],
    where: Any,
) -> None:
    if expected["result"] == "type_error":
        try:
            value = call()
        except TypeError as error:
            assert not isinstance(error, (WebhookVerificationError, WebhookConfigError)), where
            for secret in long_secrets(secrets):
                assert secret not in str(error), where
            return
        raise AssertionError(f"{where}: expected a TypeError, got {value!r}")
    kind, value = outcome(call)
    assert kind == expected["result"], (where, kind, value, expected)
    if kind == "valid":
        check_value(value)
    else:
        check_error(value, expected, secrets)


def run_host_vector(vector: dict[str, Any]) -> None:
    """Runs one hosts.json vector (not JsOnly) through the Python API."""
    assert "JsOnly" not in vector["flags"]
    where = ("hosts.json", vector["id"])
    given = vector["secrets"] if "secrets" in vector else [vector.get("secret")]
    secrets = [s for s in host_value(given) if isinstance(s, str)]
    call = vector["call"]
    if call == "webhook":
        _host_expect(lambda: _host_webhook(vector), vector["result"], secrets, lambda _: None, where)
    elif call == "verify":
        webhook = _host_webhook(vector)
        body, headers, now = _host_body(vector), host_value(vector["headers"]), vector["now"]
        signature, verified = vector["signature"], vector["verify"]

        def check_matched(matched: Any) -> None:
            assert type(matched) is int and matched == signature["matched"], where

        _host_expect(lambda: webhook.verify_signature(body, headers, now=now), signature, secrets, check_matched, where)
        _host_expect(lambda: webhook.verify(body, headers, now=now), verified, secrets,
                     lambda event: check_event(event, verified["event"], _raw(body)), where)
    elif call == "sign":
        expected = vector["result"]

        def check_signed(headers: Any) -> None:
            assert headers == {
                "x-bookto-timestamp": str(vector["timestamp"]),
                "x-bookto-signature": expected["signature"],
            }, where

        _host_expect(
            lambda: bookto_verify.sign(host_value(vector["secret"]), _host_body(vector), timestamp=vector["timestamp"]),
            expected, secrets, check_signed, where,
        )
    elif call == "parse_event":
        expected, body = vector["result"], _host_body(vector)
        _host_expect(lambda: bookto_verify.parse_event(body), expected, [],
                     lambda event: check_event(event, expected["event"], _raw(body)), where)
    else:
        raise AssertionError(where, call)

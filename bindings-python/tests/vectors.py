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

MONEY = ("total_incl", "excl_vat", "vat", "vat_rate")


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


def check_event(event: Any, expected: dict[str, Any], body: bytes) -> None:
    """Checks a returned event against a vector's normalised event, through
    the typed attributes and through ``to_dict()``."""
    if expected["kind"] == "unknown":
        assert type(event) is UnknownEvent
        assert event.event == expected["event"]
        assert event.data == json.loads(body)
        assert event.to_dict() == json.loads(body)
        return
    assert expected["kind"] == "order.paid"
    assert type(event) is OrderPaid
    wire = {k: v for k, v in expected.items() if k != "kind"}
    assert event.to_dict() == wire
    json.dumps(event.to_dict())  # JSON-compatible
    for field in ("event", "payment_provider", "order_id", "order_number", "status", "vat_treatment"):
        assert getattr(event, field) == wire[field], field
    check_datetime(event.created_at, wire["created_at"])
    check_datetime(event.paid_at, wire["paid_at"])
    for field in MONEY:
        check_decimal(getattr(event.amount, field), wire["amount"][field])
    assert event.amount.currency == wire["amount"]["currency"]
    assert event.product.name == wire["product"]["name"]
    for field in ("first_name", "last_name", "email", "company", "country"):
        assert getattr(event.buyer, field) == wire["buyer"][field], field
    assert event.seller.id == wire["seller"]["id"]
    assert event.seller.entity == wire["seller"]["entity"]
    assert event.is_test_order is wire["is_test_order"]

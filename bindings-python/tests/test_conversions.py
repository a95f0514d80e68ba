"""Python inputs in every shape the binding accepts, and the clear errors
for the shapes it refuses."""

from __future__ import annotations

import datetime as dt
import email.message
import json
from decimal import Decimal
from typing import Any

import pytest
from django.http.request import HttpHeaders
from starlette.datastructures import Headers as StarletteHeaders
from vectors import SAMPLE
from werkzeug.datastructures import EnvironHeaders
from werkzeug.datastructures import Headers as WerkzeugHeaders
from werkzeug.test import EnvironBuilder

import bookto_verify
from bookto_verify import (
    MissingHeader,
    OrderPaid,
    SignatureMismatch,
    Webhook,
    WebhookConfigError,
    parse_event,
    sign,
)

SECRET = "whsec_conversions_0123456789"
NOW = 1_764_201_600
BODY = SAMPLE.read_bytes()
SIGNED = sign(SECRET, BODY, timestamp=NOW)
WEBHOOK = Webhook(SECRET)


def test_sample_is_the_866_byte_body() -> None:
    assert len(BODY) == 866


# --- bodies -------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        BODY,
        bytearray(BODY),
        memoryview(BODY),
        memoryview(bytearray(BODY)),
        memoryview(b"xx" + BODY)[2:],
        memoryview(BODY).cast("c"),
        BODY.decode("utf-8"),
    ],
    ids=["bytes", "bytearray", "memoryview", "memoryview-bytearray", "memoryview-slice", "memoryview-cast", "str"],
)
def test_every_body_type_verifies(body: Any) -> None:
    assert WEBHOOK.verify_signature(body, SIGNED, now=NOW) == 0
    event = WEBHOOK.verify(body, SIGNED, now=NOW)
    assert isinstance(event, OrderPaid)
    assert event.order_number == "ORD-2025-11-004817"


def test_str_body_is_its_utf8_bytes() -> None:
    text = '{"event":"note","text":"Zoë 🎉 鍵"}'
    headers = sign(SECRET, text.encode("utf-8"), timestamp=NOW)
    assert WEBHOOK.verify_signature(text, headers, now=NOW) == 0
    # the same text signed as latin-1 or UTF-16 is a different body
    latin = sign(SECRET, text.encode("utf-16"), timestamp=NOW)
    with pytest.raises(SignatureMismatch):
        WEBHOOK.verify_signature(text, latin, now=NOW)


def test_bytearray_is_read_at_call_time() -> None:
    buffer = bytearray(BODY)
    assert WEBHOOK.verify_signature(buffer, SIGNED, now=NOW) == 0
    buffer[-2:-1] = b" "
    with pytest.raises(SignatureMismatch):
        WEBHOOK.verify_signature(buffer, SIGNED, now=NOW)


@pytest.mark.parametrize("parsed", [json.loads(BODY), [json.loads(BODY)]], ids=["dict", "list"])
def test_parsed_json_body_is_a_type_error_with_the_fix(parsed: Any) -> None:
    for call in (
        lambda: WEBHOOK.verify(parsed, SIGNED, now=NOW),
        lambda: WEBHOOK.verify_signature(parsed, SIGNED, now=NOW),
        lambda: parse_event(parsed),
        lambda: sign(SECRET, parsed),
    ):
        with pytest.raises(TypeError) as info:
            call()
        message = str(info.value)
        assert "raw request body" in message
        assert "request.get_data()" in message  # Flask
        assert "request.body" in message  # Django
        assert "await request.body()" in message  # FastAPI / Starlette


@pytest.mark.parametrize("body", [None, 42, 1.5, object()], ids=["None", "int", "float", "object"])
def test_other_body_types_are_type_errors(body: Any) -> None:
    with pytest.raises(TypeError, match="body must be bytes, bytearray, memoryview or str"):
        WEBHOOK.verify(body, SIGNED, now=NOW)


def test_str_body_with_lone_surrogate_is_a_coded_error_that_does_not_echo_it() -> None:
    # DECISIONS A4: its bytes are the WTF-8 form (not UTF-8): no
    # UnicodeEncodeError quoting the body, the core's own verdict instead.
    body = '{"event":"\ud800 private-marker"}'
    with pytest.raises(bookto_verify.SignatureMismatch) as info:
        WEBHOOK.verify_signature(body, SIGNED, now=NOW)
    with pytest.raises(bookto_verify.InvalidPayload) as parsed:
        bookto_verify.parse_event(body)
    for error in (info.value, parsed.value):
        assert "private-marker" not in str(error) and "\ud800" not in str(error)
        assert error.__cause__ is None and error.__context__ is None
    # Not collapsed into the U+FFFD body: only its own bytes verify.
    replaced = sign(SECRET, body.replace("\ud800", "\ufffd"), timestamp=int(TS))
    with pytest.raises(bookto_verify.SignatureMismatch):
        WEBHOOK.verify_signature(body, replaced, now=NOW)
    own = sign(SECRET, body, timestamp=int(TS))
    assert own == sign(SECRET, body.encode("utf-8", "surrogatepass"), timestamp=int(TS))
    assert WEBHOOK.verify_signature(body, own, now=NOW) == 0


def test_large_bodies_verify_with_the_gil_released() -> None:
    # Past 64 KB the hash runs without the GIL; the answer must not change.
    for size in (64 * 1024, 64 * 1024 + 1, 3 * 1024 * 1024):
        body = json.dumps({"event": "bulk", "pad": "x" * size}).encode()
        headers = sign(SECRET, body, timestamp=NOW)
        assert WEBHOOK.verify_signature(body, headers, now=NOW) == 0
        assert WEBHOOK.verify(memoryview(body), headers, now=NOW).event == "bulk"
        with pytest.raises(SignatureMismatch):
            WEBHOOK.verify_signature(body[:-1] + b" ", headers, now=NOW)


# --- headers ------------------------------------------------------------------

TS, SIG = SIGNED["x-bookto-timestamp"], SIGNED["x-bookto-signature"]
OTHER_HEADERS = {
    "Host": "shop.example",
    "User-Agent": "bookto-webhooks/1.0",
    "Content-Type": "application/json",
    "Content-Length": str(len(BODY)),
}


def _environ() -> dict[str, Any]:
    builder = EnvironBuilder(
        method="POST",
        data=BODY,
        headers={**OTHER_HEADERS, "X-Bookto-Timestamp": TS, "X-Bookto-Signature": SIG},
    )
    return builder.get_environ()


def _django_headers() -> HttpHeaders:
    meta = {
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(BODY)),
        "HTTP_HOST": "shop.example",
        "HTTP_X_BOOKTO_TIMESTAMP": TS,
        "HTTP_X_BOOKTO_SIGNATURE": SIG,
    }
    return HttpHeaders(meta)


def _message() -> email.message.Message:
    message = email.message.Message()
    message["X-Bookto-Timestamp"] = TS
    message["X-Bookto-Signature"] = SIG
    return message


HEADER_FORMS = {
    "dict-lower": lambda: {**OTHER_HEADERS, "x-bookto-timestamp": TS, "x-bookto-signature": SIG},
    "dict-title": lambda: {"X-Bookto-Timestamp": TS, "X-Bookto-Signature": SIG},
    "dict-upper": lambda: {"X-BOOKTO-TIMESTAMP": TS, "X-BOOKTO-SIGNATURE": SIG},
    "dict-bytes": lambda: {b"x-bookto-timestamp": TS.encode(), b"x-bookto-signature": SIG.encode()},
    "dict-list-values": lambda: {"x-bookto-timestamp": [TS], "x-bookto-signature": (SIG,)},
    "pairs": lambda: [("x-bookto-timestamp", TS), ("X-Bookto-Signature", SIG)],
    "asgi-scope-pairs": lambda: [(b"x-bookto-timestamp", TS.encode()), (b"x-bookto-signature", SIG.encode())],
    "werkzeug-Headers": lambda: WerkzeugHeaders({"X-Bookto-Timestamp": TS, "X-Bookto-Signature": SIG}),
    "werkzeug-EnvironHeaders": lambda: EnvironHeaders(_environ()),
    "django-HttpHeaders": _django_headers,
    "starlette-Headers": lambda: StarletteHeaders(
        raw=[(b"x-bookto-timestamp", TS.encode()), (b"x-bookto-signature", SIG.encode())]
    ),
    "starlette-Headers-dict": lambda: StarletteHeaders({"X-Bookto-Timestamp": TS, "X-Bookto-Signature": SIG}),
    "email-Message": _message,
}


@pytest.mark.parametrize("form", list(HEADER_FORMS))
def test_every_header_mapping_verifies(form: str) -> None:
    headers = HEADER_FORMS[form]()
    assert WEBHOOK.verify_signature(BODY, headers, now=NOW) == 0
    assert isinstance(WEBHOOK.verify(BODY, headers, now=NOW), OrderPaid)


@pytest.mark.parametrize("form", list(HEADER_FORMS))
def test_every_header_mapping_reports_a_missing_header(form: str) -> None:
    headers = HEADER_FORMS[form]()
    # the same mapping type without the signature header
    if isinstance(headers, (WerkzeugHeaders, email.message.Message)) and not isinstance(headers, EnvironHeaders):
        del headers["X-Bookto-Signature"]
    elif isinstance(headers, EnvironHeaders):
        environ = _environ()
        del environ["HTTP_X_BOOKTO_SIGNATURE"]
        headers = EnvironHeaders(environ)
    elif isinstance(headers, HttpHeaders):
        headers = HttpHeaders({"HTTP_X_BOOKTO_TIMESTAMP": TS})
    elif isinstance(headers, StarletteHeaders):
        headers = StarletteHeaders(raw=[(b"x-bookto-timestamp", TS.encode())])
    elif isinstance(headers, dict):
        headers = {k: v for k, v in headers.items() if "signature" not in str(k).lower()}
    else:
        headers = [(k, v) for k, v in headers if "signature" not in str(k).lower()]
    with pytest.raises(MissingHeader, match="x-bookto-signature"):
        WEBHOOK.verify_signature(BODY, headers, now=NOW)


def test_werkzeug_repeated_header_is_several_values() -> None:
    headers = WerkzeugHeaders()
    headers.add("X-Bookto-Timestamp", TS)
    headers.add("X-Bookto-Signature", "v1=abc")
    headers.add("X-Bookto-Signature", SIG)
    assert WEBHOOK.verify_signature(BODY, headers, now=NOW) == 0


def test_starlette_repeated_header_is_several_values() -> None:
    raw = [(b"x-bookto-timestamp", TS.encode()), (b"x-bookto-signature", b"v1=abc"), (b"x-bookto-signature", SIG.encode())]
    assert WEBHOOK.verify_signature(BODY, StarletteHeaders(raw=raw), now=NOW) == 0


def test_keys_differing_in_case_are_several_values() -> None:
    headers = {"x-bookto-timestamp": TS, "x-bookto-signature": "v1=abc", "X-Bookto-Signature": SIG}
    assert WEBHOOK.verify_signature(BODY, headers, now=NOW) == 0
    wrong = "sha256=" + "0" * 64
    headers = {"x-bookto-timestamp": TS, "x-bookto-signature": wrong, "X-BOOKTO-SIGNATURE": wrong}
    with pytest.raises(SignatureMismatch, match="several values"):
        WEBHOOK.verify_signature(BODY, headers, now=NOW)


def test_content_length_header_feeds_the_mismatch_hint() -> None:
    reserialised = json.dumps(json.loads(BODY)).encode()
    headers = {**SIGNED, "Content-Length": str(len(BODY))}
    with pytest.raises(SignatureMismatch, match="content-length"):
        WEBHOOK.verify_signature(reserialised, headers, now=NOW)


def test_irrelevant_headers_of_any_value_type_are_ignored() -> None:
    headers: dict[Any, Any] = {**SIGNED, "x-count": 3, "x-none": None, "x-list": [1, 2]}
    assert WEBHOOK.verify_signature(BODY, headers, now=NOW) == 0


@pytest.mark.parametrize(
    "headers, message",
    [
        (None, "headers must be a mapping"),
        ("x-bookto-timestamp: 1", "headers must be a mapping"),
        (42, "headers must be a mapping"),
        ([("x-bookto-timestamp",)], r"\(name, value\) pairs"),
        ({1: "x"}, "header names must be str or bytes"),
        ({"x-bookto-timestamp": 1764201600, "x-bookto-signature": SIG}, "header x-bookto-timestamp must be str, bytes"),
        ({"x-bookto-timestamp": TS, "x-bookto-signature": True}, "header x-bookto-signature must be str, bytes"),
        ({"x-bookto-timestamp": [TS, 1], "x-bookto-signature": SIG}, "header x-bookto-timestamp must be str, bytes"),
    ],
    ids=["None", "str", "int", "short-pair", "int-name", "int-value", "bool-value", "int-item"],
)
def test_bad_headers_are_type_errors(headers: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        WEBHOOK.verify_signature(BODY, headers, now=NOW)


def test_none_header_values_are_absent() -> None:
    # DECISIONS A2: None (or a None item) is a header that was not set.
    with pytest.raises(bookto_verify.MissingHeader, match="x-bookto-signature"):
        WEBHOOK.verify_signature(BODY, {"x-bookto-timestamp": TS, "x-bookto-signature": None}, now=NOW)
    assert WEBHOOK.verify_signature(BODY, {"x-bookto-timestamp": [None, TS], "x-bookto-signature": (SIG, None)}, now=NOW) == 0
    assert WEBHOOK.verify_signature(BODY, [("x-bookto-timestamp", TS), ("x-bookto-signature", SIG), ("content-length", None)], now=NOW) == 0


def test_header_value_with_lone_surrogate_is_just_invalid() -> None:
    headers = {"x-bookto-timestamp": TS + "\ud800", "x-bookto-signature": SIG}
    with pytest.raises(bookto_verify.InvalidTimestamp):
        WEBHOOK.verify_signature(BODY, headers, now=NOW)


def test_mapping_with_items_from_user_code() -> None:
    class Custom:
        def items(self) -> list[tuple[str, str]]:
            return [("X-Bookto-Timestamp", TS), ("X-Bookto-Signature", SIG)]

    assert WEBHOOK.verify_signature(BODY, Custom(), now=NOW) == 0


# --- now= and tolerance= ----------------------------------------------------------


def test_now_defaults_to_the_system_clock() -> None:
    with pytest.raises(bookto_verify.TimestampTooOld):
        WEBHOOK.verify_signature(BODY, SIGNED)  # signed in 2025
    assert WEBHOOK.verify_signature(BODY, sign(SECRET, BODY)) == 0
    assert WEBHOOK.verify_signature(BODY, sign(SECRET, BODY), now=None) == 0


@pytest.mark.parametrize(
    "now, error",
    [(-1, ValueError), (2**64, ValueError), (1.0 * NOW, TypeError), ("1764201600", TypeError), (True, TypeError), (False, TypeError)],
)
def test_bad_now_is_a_clear_error(now: Any, error: type) -> None:
    with pytest.raises(error, match="now"):
        WEBHOOK.verify_signature(BODY, SIGNED, now=now)


def test_now_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        WEBHOOK.verify_signature(BODY, SIGNED, NOW)  # type: ignore[misc]


def test_tolerance_boundaries() -> None:
    webhook = Webhook(SECRET, tolerance=10)
    assert webhook.tolerance == 10
    assert webhook.verify_signature(BODY, SIGNED, now=NOW + 10) == 0
    assert webhook.verify_signature(BODY, SIGNED, now=NOW - 10) == 0
    with pytest.raises(bookto_verify.TimestampTooOld):
        webhook.verify_signature(BODY, SIGNED, now=NOW + 11)
    with pytest.raises(bookto_verify.TimestampTooNew):
        webhook.verify_signature(BODY, SIGNED, now=NOW - 11)


def test_default_tolerance_and_none() -> None:
    assert Webhook(SECRET).tolerance == 300 == bookto_verify.DEFAULT_TOLERANCE
    off = Webhook(SECRET, tolerance=None)
    assert off.tolerance is None
    assert off.verify_signature(BODY, SIGNED, now=0) == 0
    assert off.verify_signature(BODY, SIGNED, now=2**64 - 1) == 0


@pytest.mark.parametrize(
    "tolerance, error",
    [(-1, ValueError), (2**64, ValueError), (1.5, TypeError), ("300", TypeError), (True, TypeError), (False, TypeError)],
)
def test_bad_tolerance_is_a_clear_error(tolerance: Any, error: type) -> None:
    with pytest.raises(error, match="tolerance"):
        Webhook(SECRET, tolerance=tolerance)


# --- secrets --------------------------------------------------------------------


def test_secret_forms() -> None:
    assert Webhook(SECRET.encode()).verify_signature(BODY, SIGNED, now=NOW) == 0
    assert Webhook(("whsec_other", SECRET)).verify_signature(BODY, SIGNED, now=NOW) == 1
    assert Webhook(iter([SECRET])).secret_count == 1
    assert Webhook([SECRET, "whsec_old"]).secret_count == 2


@pytest.mark.parametrize("secret", [42, True, [SECRET, 42]], ids=["int", "bool", "list-with-int"])
def test_bad_secret_types_are_type_errors(secret: Any) -> None:
    with pytest.raises(TypeError, match="secret"):
        Webhook(secret)


@pytest.mark.parametrize("secret, index", [(None, 0), ([SECRET, None], 1)], ids=["None", "None-in-list"])
def test_unset_secret_is_a_config_error_asking_for_the_variable(secret: Any, index: int) -> None:
    # DECISIONS A1: os.environ.get() of an unset variable.
    with pytest.raises(WebhookConfigError, match=f"#{index} is empty.*is the environment variable set"):
        Webhook(secret)
    with pytest.raises(TypeError, match="not None"):
        sign(None, BODY)  # type: ignore[arg-type]


def test_config_error_is_a_value_error_with_code() -> None:
    with pytest.raises(ValueError) as info:
        Webhook("   ")
    assert isinstance(info.value, WebhookConfigError)
    assert info.value.code == "invalid_secret"


# --- typed values -------------------------------------------------------------------


def test_money_is_exact_decimal() -> None:
    event = parse_event(BODY)
    assert isinstance(event, OrderPaid)
    assert event.amount.total_incl == Decimal("1.21")
    assert event.amount.excl_vat + event.amount.vat == event.amount.total_incl
    assert str(event.amount.vat) == "0.21"


@pytest.mark.parametrize("text", ["1.210", "1E2", "-0", "0.1", "12345678901234567890.123456789", "1e-7", "2.5E+3"])
def test_money_keeps_the_json_number_text(text: str) -> None:
    body = BODY.replace(b'"total_incl":1.21', b'"total_incl":' + text.encode())
    assert body != BODY
    event = parse_event(body)
    assert isinstance(event, OrderPaid)
    assert event.amount.total_incl.as_tuple() == Decimal(text).as_tuple()
    assert event.to_dict()["amount"]["total_incl"] is event.amount.total_incl
    assert b'"total_incl":' + text.encode() in event.raw


def test_datetimes_are_timezone_aware() -> None:
    event = parse_event(BODY)
    assert isinstance(event, OrderPaid)
    assert event.created_at == dt.datetime(2025, 11, 26, 23, 58, 41, 512000, tzinfo=dt.timezone.utc)
    assert event.paid_at.tzinfo is dt.timezone.utc
    assert event.paid_at - event.created_at == dt.timedelta(seconds=67, microseconds=395000)


def test_datetimes_keep_their_offset() -> None:
    body = BODY.replace(b"2025-11-26T23:59:48.907Z", b"2025-11-27T01:29:48.9079999+01:30")
    event = parse_event(body)
    assert isinstance(event, OrderPaid)
    assert event.paid_at.utcoffset() == dt.timedelta(hours=1, minutes=30)
    assert event.paid_at.microsecond == 907999  # truncated, not rounded
    assert event.paid_at == dt.datetime(2025, 11, 26, 23, 59, 48, 907999, tzinfo=dt.timezone.utc)
    assert event.to_dict()["paid_at"] is event.paid_at
    assert b'"2025-11-27T01:29:48.9079999+01:30"' in event.raw  # the text as sent

"""Property tests (Hypothesis) through the public API.

Whatever is thrown at ``Webhook(...)``, ``verify``, ``verify_signature``,
``parse_event`` and ``sign``, exactly these may come out:

- a result, or a ``WebhookVerificationError`` subclass that is the class of
  its ``.code``, when every argument has an accepted type and range.
  ``verify_signature`` never raises ``InvalidPayload``; ``parse_event`` raises
  nothing else; ``verify`` answers like ``verify_signature`` and then like
  ``parse_event``;
- ``WebhookConfigError`` (``invalid_secret``) from ``Webhook(...)`` exactly
  when DECISIONS K1/K2 refuse the secrets (or a ``str`` secret holds a lone
  surrogate), naming the position; from ``sign`` only for that lone
  surrogate (K3: sign never fails on a secret otherwise);
- ``TypeError`` for an argument of the wrong type, naming the argument;
  exactly ``ValueError`` (not a verification error) for an int outside
  0..2**64-1 in ``now=``, ``tolerance=``, ``timestamp=`` (a ``bool`` there is a
  ``TypeError``). A ``str`` body holding a lone surrogate is its WTF-8 bytes
  (DECISIONS A4), so it gets the core's verdict like any other body.

Anything else (``PanicException``, ``SystemError``, ``RuntimeError``,
``OverflowError``, a ``UnicodeError`` from a valid call, a verification error
for a programming error...) fails. Every event that comes back can be read
whole (attributes, ``to_dict``, ``repr``, ``hash``). ``sign`` ->
``verify_signature`` always round-trips, with the matched secret's index and
the replay window's verdict predicted from DECISIONS.

Three inputs that once broke these rules are pinned at the end as
regression tests (sign past 19 digits, unrelated headers of any type, events
whose attributes raised).
"""

from __future__ import annotations

import json
import pickle
import re
from typing import Any, Callable, Optional

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as label
from hypothesis import strategies as st
from strategies import (
    MAX_TIMESTAMP,
    MAX_U64,
    NOW,
    SAMPLE_BYTES,
    Arg,
    bad_seconds,
    body_args,
    body_forms,
    event_bodies,
    header_args,
    matched_index,
    now_args,
    sign_timestamp_args,
    one_in,
    one_secret,
    raw_bodies,
    secret_args,
    secret_error,
    signed_pairs,
    tolerance_args,
    usable_secrets,
    valid_secret_lists,
    valid_seconds,
    window_error,
)
from vectors import CLASS_BY_CODE

from bookto_verify import (
    InvalidPayload,
    OrderPaid,
    SignatureMismatch,
    UnknownEvent,
    Webhook,
    WebhookConfigError,
    WebhookVerificationError,
    parse_event,
    sign,
)

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome(call: Callable[[], Any]) -> tuple[Any, Optional[BaseException]]:
    """(result, None) or (None, the exception), catching BaseException so a
    PanicException (a BaseException) is seen, not fatal."""
    try:
        return call(), None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # noqa: BLE001 - the point of the test
        return None, error


def describe(error: Optional[BaseException]) -> str:
    return "no exception" if error is None else f"{type(error).__module__}.{type(error).__qualname__}: {error}"


def assert_refused(error: Optional[BaseException], expected: list[tuple[type[BaseException], str]]) -> None:
    """The call failed with one of the argument errors expected (exact type;
    a TypeError names its argument)."""
    assert error is not None, f"accepted; expected one of {expected}"
    assert any(type(error) is kind for kind, _ in expected), describe(error)
    if type(error) is TypeError:
        words = [word for kind, word in expected if kind is TypeError]
        assert any(word in str(error) for word in words), (words, describe(error))


def assert_verification_error(error: BaseException, *, payload: bool) -> None:
    """A coded WebhookVerificationError, of the class of its code."""
    assert isinstance(error, WebhookVerificationError), describe(error)
    assert error.code in CLASS_BY_CODE and error.code != "invalid_secret", describe(error)
    assert type(error) is CLASS_BY_CODE[error.code], describe(error)
    assert payload or error.code != "invalid_payload", describe(error)
    assert str(error)


def read_everything(event: Any) -> None:
    """Every public attribute of an event reads without raising."""
    assert type(event) in (OrderPaid, UnknownEvent)
    if isinstance(event, OrderPaid):
        for name in ("event", "payment_provider", "order_id", "order_number", "status", "created_at",
                     "paid_at", "vat_treatment", "is_test_order"):
            getattr(event, name)
        parts = {
            "amount": ("total_incl", "excl_vat", "vat", "vat_rate", "currency"),
            "product": ("name",),
            "buyer": ("first_name", "last_name", "email", "company", "country"),
            "seller": ("id", "entity"),
        }
        for part, fields in parts.items():
            value = getattr(event, part)
            for field in fields:
                getattr(value, field)
            value.to_dict()
            value.extra
            repr(value)
            hash(value)
        json.dumps(event.to_dict(), default=str)
        event.extra
        assert OrderPaid.from_dict(event.to_dict()).to_dict() == event.to_dict()
    else:
        assert isinstance(event.event, str)
        event.data
        event.to_dict()
        assert UnknownEvent.from_dict(event.to_dict()) == event
    assert pickle.loads(pickle.dumps(event)) == event
    repr(event)
    str(event)
    hash(event)
    assert event == event


# --- Webhook(...) ------------------------------------------------------------------


@PROPERTY
@given(secret=secret_args, tolerance=tolerance_args)
def test_webhook_constructor_raises_only_documented_errors(secret: Any, tolerance: Arg) -> None:
    webhook, error = outcome(lambda: Webhook(secret, tolerance=tolerance.value))
    secret_problem, index = secret_error(secret)
    expected: list[tuple[type[BaseException], str]] = []
    if tolerance.error is not None:
        expected.append((tolerance.error, "tolerance"))
    if secret_problem is not None:
        expected.append((secret_problem, "secret"))
    if expected:
        assert_refused(error, expected)
        if type(error) is WebhookConfigError:
            assert error.code == "invalid_secret"
            if index is not None:
                assert f"#{index}" in str(error), str(error)
        return
    assert error is None, describe(error)
    count = 1 if isinstance(secret, (str, bytes)) else len(secret)
    assert webhook.secret_count == count
    assert webhook.tolerance == tolerance.value
    assert repr(webhook) == f"Webhook(secrets=<{count} redacted>, tolerance={webhook.tolerance})"


# --- verify, verify_signature, parse_event ---------------------------------------------


@st.composite
def deliveries(draw: Any) -> tuple[list[Any], Optional[int], Arg, Arg, Arg]:
    """(secrets, tolerance, body, headers, now): either random headers, or a
    delivery signed with one of the secrets (or another) and then perhaps
    tampered with, so every check of the chain is reached."""
    secrets = draw(valid_secret_lists)
    tolerance = draw(st.one_of(st.none(), valid_seconds))
    if one_in(draw, 4):
        return secrets, tolerance, draw(body_args()), draw(header_args()), draw(now_args)
    data = draw(st.binary(max_size=2000)) if one_in(draw, 4) else draw(event_bodies())
    signer = draw(usable_secrets) if one_in(draw, 4) else draw(st.sampled_from(secrets))
    timestamp = draw(st.one_of(st.integers(min_value=0, max_value=MAX_TIMESTAMP), st.integers(min_value=NOW - 1000, max_value=NOW + 1000)))
    now = draw(st.sampled_from(["same", "same", "near", "any", "clock"]))
    if now == "same":
        now = timestamp
    elif now == "near":
        now = draw(st.integers(min_value=max(0, timestamp - 1000), max_value=min(MAX_U64, timestamp + 1000)))
    elif now == "any":
        now = draw(valid_seconds)
    else:
        now = None
    pairs = signed_pairs(draw, sign(signer, data, timestamp=timestamp))
    change = draw(st.sampled_from(["none"] * 4 + ["body", "signature", "more-values", "drop"]))
    if change == "body":
        data = data + draw(st.binary(min_size=1, max_size=3)) if draw(st.booleans()) or not data else data[:-1]
    elif change == "signature":
        pairs[1] = (pairs[1][0], draw(st.one_of(st.text(max_size=90), st.binary(max_size=90))))
    elif change == "more-values":
        pairs.append((draw(st.sampled_from(["x-bookto-timestamp", "X-Bookto-Signature", "content-length"])), draw(st.text(max_size=80))))
    elif change == "drop":
        del pairs[draw(st.integers(min_value=0, max_value=1))]
    return secrets, tolerance, Arg(draw(st.sampled_from(body_forms(data)))), draw(header_args(pairs)), Arg(now)


@PROPERTY
@given(delivery=deliveries())
def test_verify_raises_only_documented_errors(delivery: tuple[list[Any], Optional[int], Arg, Arg, Arg]) -> None:
    secrets, tolerance, body, headers, now = delivery
    webhook = Webhook(secrets if len(secrets) > 1 else secrets[0], tolerance=tolerance)
    signature_call = lambda: webhook.verify_signature(body.value, headers.value, now=now.value)  # noqa: E731
    verify_call = lambda: webhook.verify(body.value, headers.value, now=now.value)  # noqa: E731
    matched, error = outcome(signature_call)
    event, verify_error = outcome(verify_call)
    parsed, parse_error = outcome(lambda: parse_event(body.value))

    argument_errors = [(a.error, word) for a, word in ((body, "body"), (headers, "header"), (now, "now")) if a.error]
    if argument_errors:
        label("argument error")
        assert_refused(error, argument_errors)
        assert_refused(verify_error, argument_errors)
        if body.error is not None:
            assert_refused(parse_error, [(body.error, "body")])
        return

    label(f"verify_signature: {getattr(error, 'code', 'valid' if error is None else repr(error))}")
    label(f"verify: {getattr(verify_error, 'code', 'valid' if verify_error is None else repr(verify_error))}")
    # verify_signature: the matched index, or a coded error that is not about the payload
    if error is None:
        assert type(matched) is int and 0 <= matched < len(secrets), matched
    else:
        assert_verification_error(error, payload=False)
    # parse_event: an event, or InvalidPayload
    if parse_error is None:
        read_everything(parsed)
    else:
        assert type(parse_error) is InvalidPayload, describe(parse_error)
    # verify: verify_signature's error, else parse_event's answer
    if verify_error is not None:
        assert_verification_error(verify_error, payload=True)
    else:
        read_everything(event)
    if now.value is None:
        return  # the system clock may tick between the calls; the answers above suffice
    if error is not None:
        assert type(verify_error) is type(error) and str(verify_error) == str(error), (describe(error), describe(verify_error))
    elif parse_error is not None:
        assert type(verify_error) is InvalidPayload and str(verify_error) == str(parse_error), describe(verify_error)
    else:
        assert verify_error is None and type(event) is type(parsed) and event == parsed, describe(verify_error)


@PROPERTY
@given(body=body_args())
def test_parse_event_raises_only_documented_errors(body: Arg) -> None:
    parsed, error = outcome(lambda: parse_event(body.value))
    if body.error is not None:
        assert_refused(error, [(body.error, "body")])
    elif error is None:
        read_everything(parsed)
    else:
        assert type(error) is InvalidPayload, describe(error)
        assert error.code == "invalid_payload"


# --- sign -------------------------------------------------------------------------------

SIGNATURE = re.compile(r"sha256=[0-9a-f]{64}")


@PROPERTY
@given(
    secret=st.one_of(
        one_secret.map(Arg),
        st.text(max_size=20).map(lambda s: Arg(s + "\ud800", WebhookConfigError)),
        st.one_of(st.none(), st.integers(), st.floats(), st.lists(st.text(alphabet="abc", max_size=3), max_size=2)).map(lambda v: Arg(v, TypeError)),
    ),
    body=body_args(),
    timestamp=sign_timestamp_args,
)
def test_sign_raises_only_documented_errors(secret: Arg, body: Arg, timestamp: Arg) -> None:
    headers, error = outcome(lambda: sign(secret.value, body.value, timestamp=timestamp.value))
    expected = [(a.error, word) for a, word in ((secret, "secret"), (body, "body"), (timestamp, "timestamp")) if a.error]
    if expected:
        assert_refused(error, expected)
        if type(error) is WebhookConfigError:
            assert error.code == "invalid_secret"
        return
    assert error is None, describe(error)
    assert type(headers) is dict and list(headers) == ["x-bookto-timestamp", "x-bookto-signature"]
    if timestamp.value is not None:
        assert headers["x-bookto-timestamp"] == str(int(timestamp.value))
    assert re.fullmatch(r"[0-9]{1,19}", headers["x-bookto-timestamp"])
    assert SIGNATURE.fullmatch(headers["x-bookto-signature"]), headers


@PROPERTY
@given(data=st.data())
def test_sign_then_verify_round_trips(data: st.DataObject) -> None:
    draw = data.draw
    signer = draw(usable_secrets, label="signer")
    others = draw(st.lists(usable_secrets, max_size=3), label="other secrets")
    at = draw(st.integers(min_value=0, max_value=len(others)))
    secrets = others[:at] + [signer] + others[at:]
    expected_index = matched_index(secrets, signer)
    tolerance = draw(st.one_of(st.none(), valid_seconds), label="tolerance")
    body = draw(raw_bodies, label="body")
    timestamp = draw(st.one_of(st.integers(min_value=0, max_value=MAX_TIMESTAMP), st.integers(min_value=NOW - 1000, max_value=NOW + 1000)), label="timestamp")

    headers = sign(signer, body, timestamp=timestamp)
    assert headers["x-bookto-timestamp"] == str(timestamp)
    assert SIGNATURE.fullmatch(headers["x-bookto-signature"])
    for form in body_forms(body):  # every body type signs the same bytes
        assert sign(signer, form, timestamp=timestamp) == headers
    if isinstance(signer, str):  # a str secret is its UTF-8
        assert sign(signer.encode(), body, timestamp=timestamp) == headers

    webhook = Webhook(secrets if len(secrets) > 1 else signer, tolerance=tolerance)
    sent = draw(header_args(signed_pairs(draw, headers)), label="headers as sent")
    for form in body_forms(body):
        assert webhook.verify_signature(form, sent.value, now=timestamp) == expected_index

    # verify: parse_event's event, or its InvalidPayload
    event, error = outcome(lambda: webhook.verify(body, sent.value, now=timestamp))
    parsed, parse_error = outcome(lambda: parse_event(body))
    if parse_error is None:
        assert error is None and event == parsed, describe(error)
    else:
        assert type(error) is InvalidPayload and type(parse_error) is InvalidPayload, describe(error)

    # the replay window, predicted
    now = draw(st.one_of(
        st.integers(min_value=max(0, timestamp - 2000), max_value=min(MAX_U64, timestamp + 2000)),
        valid_seconds,
    ), label="now")
    code = window_error(timestamp, int(now), tolerance)
    matched, error = outcome(lambda: webhook.verify_signature(body, sent.value, now=now))
    if code is None:
        assert matched == expected_index, describe(error)
    else:
        assert error is not None and type(error) is CLASS_BY_CODE[code], describe(error)

    # one changed byte never verifies
    if body:
        position = draw(st.integers(min_value=0, max_value=len(body) - 1))
        bit = draw(st.integers(min_value=0, max_value=7))
        tampered = body[:position] + bytes([body[position] ^ (1 << bit)]) + body[position + 1:]
    else:
        tampered = b" "
    with pytest.raises(SignatureMismatch):
        webhook.verify_signature(tampered, sent.value, now=timestamp)


# --- regressions: bugs the properties found, now fixed ---------------------------------------


@pytest.mark.parametrize("timestamp", [10**19, MAX_U64])
def test_sign_and_verify_agree_past_19_digits(timestamp: int) -> None:
    # sign() takes any timestamp up to 2**64-1, but x-bookto-timestamp is read
    # as 1 to 19 digits: sign then refuses it (ValueError), or verify reads it.
    webhook = Webhook("whsec_round_trip_0123", tolerance=None)
    try:
        headers = sign("whsec_round_trip_0123", b"{}", timestamp=timestamp)
    except ValueError:
        return
    assert webhook.verify_signature(b"{}", headers, now=timestamp) == 0


@pytest.mark.parametrize(
    "name, value",
    [("x-forwarded-fo", 5), ("x-request-id-abcde", None), ("x-forwarded-for-ab", [1]), ("x-request-id-abcde", 3.5)],
)
def test_irrelevant_header_values_are_ignored_whatever_the_name_length(name: str, value: Any) -> None:
    # test_conversions pins that headers the verifier does not read may hold
    # values of any type; today that holds only for names whose length is not
    # that of x-bookto-timestamp/-signature (18) or content-length (14).
    headers = {**sign("whsec_headers_0123", b"{}", timestamp=NOW), name: value}
    assert Webhook("whsec_headers_0123").verify_signature(b"{}", headers, now=NOW) == 0


HUGE_INTEGER = b'{"event":"note","n":' + b"1" * 5000 + b"}"
HUGE_EXPONENT = SAMPLE_BYTES.replace(b'"total_incl":1.21', b'"total_incl":1e1000000000000000000')


@pytest.mark.parametrize("body", [HUGE_INTEGER, HUGE_EXPONENT], ids=["unknown-5000-digit-int", "money-exponent-1e18"])
def test_every_attribute_of_a_verified_event_reads(body: bytes) -> None:
    # verify() accepts both bodies, then reading event.data (json.loads hits
    # int_max_str_digits: ValueError) or event.amount.total_incl
    # (Decimal('1e1000000000000000000'): decimal.InvalidOperation, not even a
    # ValueError) raises. Either verify refuses them (InvalidPayload) or every
    # attribute reads.
    assert body != SAMPLE_BYTES
    webhook = Webhook("whsec_events_0123")
    headers = sign("whsec_events_0123", body, timestamp=NOW)
    try:
        event = webhook.verify(body, headers, now=NOW)
    except InvalidPayload:
        return
    read_everything(event)

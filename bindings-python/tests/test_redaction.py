"""A secret never shows: not in repr/str, messages, tracebacks or logs."""

from __future__ import annotations

import copy
import io
import json
import logging
import pickle
import string
import traceback
from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vectors import SAMPLE

from bookto_verify import Webhook, WebhookConfigError, WebhookVerificationError, sign

SECRET = "whsec_Sup3rS3cretValue_do_not_leak"
OLD = "whsec_0ld_Secret_also_private"
BODY = SAMPLE.read_bytes()
NOW = 1_764_201_600


def logged(error: BaseException) -> str:
    """What logging writes for ``logger.exception``-style records of ``error``."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("bookto-redaction-test")
    logger.addHandler(handler)
    try:
        logger.error("webhook refused: %s %r", error, error, exc_info=error)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def everything_shown(error: BaseException) -> str:
    """str, repr, args, attributes, the formatted traceback (with any
    __cause__/__context__ chain) and what logging writes."""
    return "\n".join(
        [
            str(error),
            repr(error),
            repr(error.args),
            repr(vars(error)),
            repr(error.__cause__),
            repr(error.__context__),
            repr(getattr(error, "__notes__", None)),
            "".join(traceback.format_exception(type(error), error, error.__traceback__)),
            logged(error),
        ]
    )


def test_webhook_repr_and_str_hide_secrets() -> None:
    for webhook in (Webhook(SECRET), Webhook([SECRET, OLD], tolerance=None), Webhook(SECRET.encode())):
        for text in (repr(webhook), str(webhook), f"{webhook!r} {webhook}"):
            assert SECRET not in text and OLD not in text
            assert "redacted" in text
    assert repr(Webhook([SECRET, OLD], tolerance=None)) == "Webhook(secrets=<2 redacted>, tolerance=None)"
    assert repr(Webhook(SECRET)) == "Webhook(secrets=<1 redacted>, tolerance=300)"


def test_webhook_cannot_be_pickled_or_copied() -> None:
    # A pickle (cache, task queue) would carry the keyed state out of the process.
    webhook = Webhook(SECRET)
    with pytest.raises(TypeError):
        pickle.dumps(webhook)
    with pytest.raises(TypeError):
        copy.deepcopy(webhook)


def test_webhook_exposes_no_secret_attribute() -> None:
    webhook = Webhook(SECRET)
    public = {name: getattr(webhook, name) for name in dir(webhook) if not name.startswith("__")}
    assert set(public) == {"verify", "verify_signature", "tolerance", "secret_count"}
    assert not hasattr(webhook, "__dict__")


@pytest.mark.parametrize(
    "headers, body, now",
    [
        ({}, BODY, NOW),
        ({"x-bookto-timestamp": "x", "x-bookto-signature": "y"}, BODY, NOW),
        (sign(SECRET, BODY, timestamp=NOW), BODY, NOW + 10_000),
        (sign(SECRET, BODY, timestamp=NOW), BODY + b"!", NOW),
        (sign(SECRET, BODY[:-1], timestamp=NOW), BODY[:-1], NOW),
        ({"x-bookto-timestamp": str(NOW), "x-bookto-signature": "sha256=" + SECRET}, BODY, NOW),
    ],
    ids=["missing", "syntax", "too-old", "mismatch", "payload", "secret-as-signature"],
)
def test_errors_tracebacks_and_logs_hide_secrets(headers: dict[str, str], body: bytes, now: int) -> None:
    webhook = Webhook([SECRET, OLD])
    with pytest.raises(WebhookVerificationError) as info:
        webhook.verify(body, headers, now=now)
    shown = everything_shown(info.value)
    assert SECRET not in shown and OLD not in shown


@pytest.mark.parametrize(
    "secrets",
    [
        "bk_live_Sup3rS3cretValue",
        b"bk_live_Sup3rS3cretValue",
        ["bk_live_Sup3rS3cretValue"],
        [SECRET, "bk_live_Sup3rS3cretValue"],
        [SECRET, " \n"],
        [SECRET.encode(), b"  bk_test_Sup3rS3cretValue\n"],
        [SECRET, OLD, ""],
    ],
    ids=["bk-str", "bk-bytes", "bk-list", "good-then-bk", "good-then-blank", "bytes-good-then-bk", "two-good-then-empty"],
)
def test_config_errors_hide_secrets(secrets: object) -> None:
    with pytest.raises(WebhookConfigError) as info:
        Webhook(secrets)  # type: ignore[arg-type]
    text = everything_shown(info.value)
    # neither the refused secret nor the good ones around it
    assert "Sup3rS3cretValue" not in text and SECRET not in text and OLD not in text
    assert "#" in str(info.value)  # names the position instead
    assert info.value.args == (str(info.value),)


def test_type_error_for_bad_secret_does_not_echo_it() -> None:
    with pytest.raises(TypeError) as info:
        Webhook([SECRET, 12345])  # type: ignore[list-item]
    assert SECRET not in str(info.value)
    assert "secret #1" in str(info.value)


@pytest.mark.parametrize("secrets", ["whsec_abc\ud800def", ["whsec_ok_secret", "whsec_abc\ud800def"]])
def test_secret_that_is_not_text_is_refused_without_echoing_it(secrets: object) -> None:
    with pytest.raises(WebhookConfigError) as info:
        Webhook(secrets)  # type: ignore[arg-type]
    assert info.value.code == "invalid_secret"
    text = str(info.value) + repr(info.value)
    assert "abc" not in text and "\\ud800" not in text and "\ud800" not in text
    assert "not valid Unicode text" in text
    with pytest.raises(WebhookConfigError):
        sign("whsec_abc\ud800def", b"{}", timestamp=1)


# --- random secrets, planted in every input -------------------------------------------

# Secrets made of characters no message template holds in a row, so finding
# one in an output is a leak, never a coincidence.
MARKS = st.text(alphabet=string.ascii_letters + string.digits, min_size=12, max_size=40)
PADDING = st.sampled_from(["", " ", "\n", "\t \r\n", "\x0c"])


def planted_deliveries(secret: str, other: str) -> list[tuple[bytes, dict[str, str], int]]:
    """Failing deliveries with ``secret`` planted in the headers and the body."""
    order = json.loads(BODY)
    order["amount"]["total_incl"] = secret  # a string where a number belongs
    bad_order = json.dumps(order).encode()
    note = json.dumps({"event": "note", "secret": secret}).encode()
    good = sign(secret, note, timestamp=NOW)
    sig = good["x-bookto-signature"]
    return [
        (note, {"x-bookto-timestamp": secret, "x-bookto-signature": sig}, NOW),
        (note, {"x-bookto-timestamp": str(NOW), "x-bookto-signature": secret}, NOW),
        (note, {"x-bookto-timestamp": str(NOW), "x-bookto-signature": "sha256=" + secret}, NOW),
        (note, {"x-bookto-timestamp": str(NOW), "x-bookto-signature": f"{sig},{secret}"}, NOW),
        (note, {"x-bookto-timestamp": str(NOW), "x-bookto-signature": f"v1={secret},sha256={'0' * 64}"}, NOW),
        (note + b" ", {**good, "content-length": secret}, NOW),
        (note, {**good, "x-bookto-signature": [sig[:-1] + "0", secret]}, NOW),  # type: ignore[dict-item]
        (note, sign(other, note, timestamp=NOW), NOW),
        (note, good, NOW + 100_000),
        (note, good, NOW - 100_000),
        (secret.encode(), sign(secret, secret.encode(), timestamp=NOW), NOW),
        (bad_order, sign(secret, bad_order, timestamp=NOW), NOW),
        (b"\xef\xbb\xbf" + note, good, NOW),
    ]


@settings(max_examples=150, deadline=None)
@given(marks=st.lists(MARKS, min_size=2, max_size=3, unique=True), pad=PADDING, tolerance=st.sampled_from([None, 0, 300]))
def test_no_output_shows_a_random_secret(marks: list[str], pad: str, tolerance: Optional[int]) -> None:
    secrets = ["whsec_" + mark for mark in marks]
    secret, other = secrets[0], secrets[1]
    webhook = Webhook([pad + s + pad for s in secrets[:1] + secrets[2:]], tolerance=300)
    shown = [repr(webhook), str(webhook), f"{webhook}"]
    for body, headers, now in planted_deliveries(secret, other):
        with pytest.raises(WebhookVerificationError) as info:
            webhook.verify(body, headers, now=now)
        shown.append(everything_shown(info.value))
    # configuration errors: a bk_ key, alone or after good secrets, as str or bytes
    for refused in (
        "bk_" + marks[0],
        (pad + "bk_live_" + marks[0]).encode(),
        [secret, pad + "bk_" + marks[1]],
        [secret, other, pad],
        [pad + secret + "\ud800"],
    ):
        with pytest.raises(WebhookConfigError) as config:
            Webhook(refused, tolerance=tolerance)  # type: ignore[arg-type]
        shown.append(everything_shown(config.value))
    with pytest.raises(WebhookConfigError) as config:
        sign(secret + "\ud800", b"{}", timestamp=NOW)
    shown.append(everything_shown(config.value))
    with pytest.raises(TypeError) as wrong_type:
        Webhook([secret, other, 42])  # type: ignore[list-item]
    shown.append(everything_shown(wrong_type.value))
    text = "\n".join(shown)
    for mark in marks:
        assert mark not in text

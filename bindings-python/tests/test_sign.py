"""sign() against the standard library's hmac, and verify against both."""

from __future__ import annotations

import hashlib
import hmac
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bookto_verify import SignatureMismatch, Webhook, sign

ASCII_WHITESPACE = " \t\n\r\x0c"  # what the verifier trims (DECISIONS K1)


def reference(secret: str, timestamp: int, body: bytes) -> str:
    key = secret.strip(ASCII_WHITESPACE).encode("utf-8")
    digest = hmac.new(key, str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return "sha256=" + digest


# Secrets are text: no lone surrogates (those are refused, see test_redaction).
secrets = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)
timestamps = st.integers(min_value=0, max_value=10**19 - 1)  # what x-bookto-timestamp holds
bodies = st.binary(max_size=3000)


@settings(max_examples=300, deadline=None)
@given(secret=secrets, timestamp=timestamps, body=bodies)
def test_sign_matches_hmac(secret: str, timestamp: int, body: bytes) -> None:
    headers = sign(secret, body, timestamp=timestamp)
    assert headers == {
        "x-bookto-timestamp": str(timestamp),
        "x-bookto-signature": reference(secret, timestamp, body),
    }


@settings(max_examples=200, deadline=None)
@given(
    secret=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=ASCII_WHITESPACE),
        min_size=1,
        max_size=40,
    ).filter(lambda s: not s.startswith("bk_")),
    body=bodies,
)
def test_verify_accepts_hmac_and_refuses_a_flipped_bit(secret: str, body: bytes) -> None:
    timestamp = 1_764_201_600
    signature = reference(secret, timestamp, body)
    headers = {"x-bookto-timestamp": str(timestamp), "x-bookto-signature": signature}
    webhook = Webhook(secret)
    assert webhook.verify_signature(body, headers, now=timestamp) == 0
    flipped = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    with pytest.raises(SignatureMismatch):
        webhook.verify_signature(body, {**headers, "x-bookto-signature": flipped}, now=timestamp)
    if body:
        tampered = bytes([body[0] ^ 1]) + body[1:]
        with pytest.raises(SignatureMismatch):
            webhook.verify_signature(tampered, headers, now=timestamp)


def test_sign_defaults_to_now() -> None:
    before = int(time.time())
    headers = sign("whsec_test", b"{}")
    after = int(time.time())
    assert before <= int(headers["x-bookto-timestamp"]) <= after
    timestamp = int(headers["x-bookto-timestamp"])
    assert headers["x-bookto-signature"] == reference("whsec_test", timestamp, b"{}")
    # and a default-tolerance verifier with the system clock accepts it
    assert Webhook("whsec_test").verify_signature(b"{}", headers) == 0


def test_sign_body_types_agree() -> None:
    text = '{"event":"ping","name":"Zoë"}'
    expected = sign("s3cret", text.encode(), timestamp=7)
    for body in (text, bytearray(text.encode()), memoryview(text.encode())):
        assert sign("s3cret", body, timestamp=7) == expected


def test_sign_accepts_bytes_secret() -> None:
    assert sign(b"s3cret", b"{}", timestamp=7) == sign("s3cret", b"{}", timestamp=7)


@pytest.mark.parametrize("timestamp", [-1, 2**64])
def test_sign_refuses_out_of_range_timestamps(timestamp: int) -> None:
    with pytest.raises(ValueError, match="timestamp"):
        sign("s", b"{}", timestamp=timestamp)


def test_sign_refuses_float_timestamp() -> None:
    with pytest.raises(TypeError, match="int"):
        sign("s", b"{}", timestamp=1.5)  # type: ignore[arg-type]


def test_sign_refuses_a_list_of_secrets() -> None:
    with pytest.raises(TypeError, match="one secret"):
        sign(["a", "b"], b"{}", timestamp=1)  # type: ignore[arg-type]

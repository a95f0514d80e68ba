"""The exception classes: one per code, all ValueErrors, both except styles."""

from __future__ import annotations

import pickle

import pytest
from vectors import CLASS_BY_CODE, SAMPLE

import bookto_verify
from bookto_verify import WebhookConfigError, WebhookVerificationError, sign

CODES = [
    "missing_header",
    "invalid_timestamp",
    "timestamp_too_old",
    "timestamp_too_new",
    "invalid_signature_header",
    "signature_mismatch",
    "invalid_payload",
]


def test_one_subclass_per_code() -> None:
    classes = [CLASS_BY_CODE[code] for code in CODES]
    assert len(set(classes)) == len(CODES)
    for code, cls in zip(CODES, classes):
        assert issubclass(cls, WebhookVerificationError)
        assert issubclass(cls, ValueError)
        assert cls.code == code
        assert cls.__module__ == "bookto_verify"
        assert cls.__name__ in bookto_verify.__all__
    assert issubclass(WebhookConfigError, ValueError)
    assert not issubclass(WebhookConfigError, WebhookVerificationError)
    assert WebhookConfigError.code == "invalid_secret"


SECRET = "whsec_errors_0123456789"
BODY = SAMPLE.read_bytes()
NOW = 1_764_201_600
GOOD = sign(SECRET, BODY, timestamp=NOW)

# One request per code, in the order of the checks.
FAILING = {
    "missing_header": ({}, BODY, NOW),
    "invalid_timestamp": ({**GOOD, "x-bookto-timestamp": "17642O1600"}, BODY, NOW),
    "timestamp_too_old": (GOOD, BODY, NOW + 301),
    "timestamp_too_new": (GOOD, BODY, NOW - 301),
    "invalid_signature_header": ({**GOOD, "x-bookto-signature": "sha256=abc"}, BODY, NOW),
    "signature_mismatch": (GOOD, BODY + b" ", NOW),
    "invalid_payload": (sign(SECRET, b"[]", timestamp=NOW), b"[]", NOW),
}


@pytest.mark.parametrize("code", CODES)
def test_each_code_is_raised_as_its_class(code: str) -> None:
    headers, body, now = FAILING[code]
    webhook = bookto_verify.Webhook(SECRET)
    with pytest.raises(CLASS_BY_CODE[code]) as specific:
        webhook.verify(body, headers, now=now)
    with pytest.raises(WebhookVerificationError) as general:
        webhook.verify(body, headers, now=now)
    assert type(general.value) is CLASS_BY_CODE[code]
    assert specific.value.code == general.value.code == code
    assert str(specific.value) and SECRET not in str(specific.value)
    # the same exception survives pickling (e.g. to a worker process)
    copy = pickle.loads(pickle.dumps(specific.value))
    assert type(copy) is type(specific.value) and str(copy) == str(specific.value)
    assert copy.code == code


def test_signature_only_never_raises_invalid_payload() -> None:
    headers, body, now = FAILING["invalid_payload"]
    assert bookto_verify.Webhook(SECRET).verify_signature(body, headers, now=now) == 0

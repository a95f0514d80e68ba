"""A secret never shows: not in repr/str, messages, tracebacks or logs."""

from __future__ import annotations

import copy
import logging
import pickle
import traceback

import pytest
from vectors import SAMPLE

from bookto_verify import Webhook, WebhookConfigError, WebhookVerificationError, sign

SECRET = "whsec_Sup3rS3cretValue_do_not_leak"
OLD = "whsec_0ld_Secret_also_private"
BODY = SAMPLE.read_bytes()
NOW = 1_764_201_600


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
def test_errors_tracebacks_and_logs_hide_secrets(
    headers: dict[str, str], body: bytes, now: int, caplog: pytest.LogCaptureFixture
) -> None:
    webhook = Webhook([SECRET, OLD])
    with pytest.raises(WebhookVerificationError) as info:
        webhook.verify(body, headers, now=now)
    logging.getLogger("receiver").exception("refused")
    shown = "\n".join(
        [str(info.value), repr(info.value), "".join(traceback.format_exception(type(info.value), info.value, info.value.__traceback__)), caplog.text]
    )
    assert SECRET not in shown and OLD not in shown


@pytest.mark.parametrize("secrets", [["bk_live_Sup3rS3cretValue"], [SECRET, "bk_live_Sup3rS3cretValue"], [SECRET, " \n"]])
def test_config_errors_hide_secrets(secrets: list[str]) -> None:
    with pytest.raises(WebhookConfigError) as info:
        Webhook(secrets)
    text = str(info.value) + repr(info.value)
    assert "Sup3rS3cretValue" not in text and SECRET not in text
    assert "#" in text  # names the position instead


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

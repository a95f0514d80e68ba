"""Exceptions raised by bookto_verify.

Every verification failure is a :class:`WebhookVerificationError` (itself a
``ValueError``) carrying a stable, machine-readable ``code``; each code has its
own subclass, so both styles work::

    try:
        event = webhook.verify(body, headers)
    except SignatureMismatch:
        ...                      # one case
    except WebhookVerificationError as error:
        log.warning("bookto webhook refused: %s", error.code)

Messages say what went wrong and what to do. They never contain a secret.
"""

from __future__ import annotations

__all__ = [
    "InvalidPayload",
    "InvalidSignatureHeader",
    "InvalidTimestamp",
    "MissingHeader",
    "SignatureMismatch",
    "TimestampTooNew",
    "TimestampTooOld",
    "WebhookConfigError",
    "WebhookVerificationError",
]


class WebhookVerificationError(ValueError):
    """A webhook was refused. ``code`` is one of the stable codes below."""

    code: str
    """The stable error code, identical in every bookto-verify language."""


class MissingHeader(WebhookVerificationError):
    """``x-bookto-timestamp`` or ``x-bookto-signature`` is absent or empty."""

    code = "missing_header"


class InvalidTimestamp(WebhookVerificationError):
    """``x-bookto-timestamp`` is not whole Unix seconds (1-19 ASCII digits)."""

    code = "invalid_timestamp"


class TimestampTooOld(WebhookVerificationError):
    """The timestamp is further in the past than the tolerance allows."""

    code = "timestamp_too_old"


class TimestampTooNew(WebhookVerificationError):
    """The timestamp is further in the future than the tolerance allows."""

    code = "timestamp_too_new"


class InvalidSignatureHeader(WebhookVerificationError):
    """``x-bookto-signature`` does not follow ``sha256=<64 hex>[, scheme=value]...``."""

    code = "invalid_signature_header"


class SignatureMismatch(WebhookVerificationError):
    """No ``sha256`` signature matches any configured signing secret."""

    code = "signature_mismatch"


class InvalidPayload(WebhookVerificationError):
    """The verified body is not a JSON object of the expected shape."""

    code = "invalid_payload"


class WebhookConfigError(ValueError):
    """A :class:`Webhook` could not be built from the given secret(s).

    Raised at construction, never at verify time.
    """

    code = "invalid_secret"
    """Always ``"invalid_secret"``."""

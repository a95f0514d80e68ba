"""Flask: verify bookto webhooks on the raw body (``request.get_data()``).

::

    from bookto_verify import Webhook
    from bookto_verify.flask import bookto_webhook

    webhook = Webhook(os.environ["BOOKTO_WEBHOOK_SECRET"])

    @app.post("/webhooks/bookto")
    @bookto_webhook(webhook)
    def receive(event):
        ...
        return "", 204

A request that fails verification never reaches the view: it gets HTTP 400
with ``{"error": "<code>", "message": "..."}``.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Optional, TypeVar, Union

from flask import Response, jsonify, request

from ._errors import WebhookVerificationError
from ._native import OrderPaid, UnknownEvent, Webhook

__all__ = ["bookto_webhook", "error_response", "verify_request"]

_View = TypeVar("_View", bound=Callable[..., Any])


def verify_request(webhook: Webhook, *, now: Optional[int] = None) -> Union[OrderPaid, UnknownEvent]:
    """Verifies the current Flask request and returns its event.

    Reads the raw body with ``request.get_data()`` (never ``request.json``:
    verification needs the bytes as sent). Raises a
    :class:`~bookto_verify.WebhookVerificationError` subclass on failure.
    """
    return webhook.verify(request.get_data(), request.headers, now=now)


def error_response(error: WebhookVerificationError) -> tuple[Response, int]:
    """The 400 answer for a refused webhook: ``{"error": code, "message": ...}``."""
    return jsonify(error=error.code, message=str(error)), 400


def bookto_webhook(webhook: Webhook) -> Callable[[_View], _View]:
    """Decorates a Flask view: the verified event is passed as its first
    argument; a refused request gets HTTP 400 with the error code."""

    def decorator(view: _View) -> _View:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                event = verify_request(webhook)
            except WebhookVerificationError as error:
                return error_response(error)
            return view(event, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator

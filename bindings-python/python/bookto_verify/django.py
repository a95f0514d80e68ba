"""Django: verify bookto webhooks on the raw body (``request.body``).

::

    from bookto_verify import Webhook
    from bookto_verify.django import bookto_webhook

    webhook = Webhook(os.environ["BOOKTO_WEBHOOK_SECRET"])

    @bookto_webhook(webhook)
    def receive(request, event):
        ...
        return HttpResponse(status=204)

The decorated view is CSRF-exempt (bookto cannot send a CSRF token; the
signature authenticates the request instead) and receives the verified event
after ``request``. A request that fails verification never reaches the view:
it gets HTTP 400 with ``{"error": "<code>", "message": "..."}``. Sync and
async views are both supported.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Optional, TypeVar, Union

from asgiref.sync import iscoroutinefunction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from ._errors import WebhookVerificationError
from ._native import OrderPaid, UnknownEvent, Webhook

__all__ = ["bookto_webhook", "error_response", "verify_request"]

_View = TypeVar("_View", bound=Callable[..., Any])


def verify_request(
    webhook: Webhook, request: HttpRequest, *, now: Optional[int] = None
) -> Union[OrderPaid, UnknownEvent]:
    """Verifies a Django request and returns its event.

    Reads the raw body with ``request.body`` (never a parsed form or JSON).
    Raises a :class:`~bookto_verify.WebhookVerificationError` subclass.
    """
    return webhook.verify(request.body, request.headers, now=now)


def error_response(error: WebhookVerificationError) -> JsonResponse:
    """The 400 answer for a refused webhook: ``{"error": code, "message": ...}``."""
    return JsonResponse({"error": error.code, "message": str(error)}, status=400)


def bookto_webhook(webhook: Webhook) -> Callable[[_View], _View]:
    """Decorates a Django view ``view(request, event, *args, **kwargs)``:
    CSRF-exempt, called only for a verified request, 400 otherwise."""

    def decorator(view: _View) -> _View:
        if iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                try:
                    event = verify_request(webhook, request)
                except WebhookVerificationError as error:
                    return error_response(error)
                return await view(request, event, *args, **kwargs)

            return csrf_exempt(async_wrapper)  # type: ignore[no-any-return]

        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            try:
                event = verify_request(webhook, request)
            except WebhookVerificationError as error:
                return error_response(error)
            return view(request, event, *args, **kwargs)

        return csrf_exempt(wrapper)  # type: ignore[no-any-return]

    return decorator

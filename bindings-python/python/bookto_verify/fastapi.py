"""FastAPI and Starlette: verify bookto webhooks on the raw body
(``await request.body()``).

::

    from typing import Annotated
    from fastapi import Depends, FastAPI
    from bookto_verify import Event, Webhook
    from bookto_verify.fastapi import verified_event

    webhook = Webhook(os.environ["BOOKTO_WEBHOOK_SECRET"])
    BooktoEvent = Annotated[Event, Depends(verified_event(webhook))]

    @app.post("/webhooks/bookto", status_code=204)
    async def receive(event: BooktoEvent) -> None:
        ...

A request that fails verification never reaches the endpoint: FastAPI answers
HTTP 400 with ``{"detail": {"error": "<code>", "message": "..."}}``. Plain
Starlette apps (no FastAPI installed) call :func:`verify_request` and answer
as they like.
"""

from __future__ import annotations

from typing import Awaitable, Callable, Optional, Union

from starlette.requests import Request

from ._errors import WebhookVerificationError
from ._native import OrderPaid, UnknownEvent, Webhook

__all__ = ["verified_event", "verify_request"]


async def verify_request(
    webhook: Webhook, request: Request, *, now: Optional[int] = None
) -> Union[OrderPaid, UnknownEvent]:
    """Verifies a Starlette/FastAPI request and returns its event.

    Reads the raw body with ``await request.body()`` (never
    ``await request.json()``). Raises a
    :class:`~bookto_verify.WebhookVerificationError` subclass.
    """
    return webhook.verify(await request.body(), request.headers, now=now)


def verified_event(
    webhook: Webhook,
) -> Callable[[Request], Awaitable[Union[OrderPaid, UnknownEvent]]]:
    """A FastAPI dependency giving the verified event, or answering 400
    ``{"detail": {"error": code, "message": ...}}``."""
    from fastapi import HTTPException  # only the dependency needs FastAPI itself

    async def dependency(request: Request) -> Union[OrderPaid, UnknownEvent]:
        try:
            return await verify_request(webhook, request)
        except WebhookVerificationError as error:
            detail = {"error": error.code, "message": str(error)}
            raise HTTPException(status_code=400, detail=detail) from error

    return dependency

"""Verify bookto webhooks.

Three lines::

    from bookto_verify import Webhook

    webhook = Webhook(os.environ["BOOKTO_WEBHOOK_SECRET"])   # once, at start-up
    event = webhook.verify(raw_body, request.headers)        # per request

``verify`` checks the ``x-bookto-signature`` HMAC (constant time), the
``x-bookto-timestamp`` replay window (300 s by default), then returns a typed
:class:`OrderPaid` (money as ``decimal.Decimal``, times as timezone-aware
``datetime``) or an :class:`UnknownEvent`. Every failure raises a
:class:`WebhookVerificationError` subclass with a stable ``code``.

Events are plain data you can store and queue: they pickle (Celery, RQ),
keep the verified body as ``event.raw``, give fields this version does not
model as ``event.extra``, and ``OrderPaid.from_dict(event.to_dict())``
rebuilds an equal event (``OrderPaidDict`` types that dict).

Framework helpers: :mod:`bookto_verify.flask`, :mod:`bookto_verify.django`,
:mod:`bookto_verify.fastapi`.
"""

from __future__ import annotations

from typing import Union

from ._errors import (
    InvalidPayload,
    InvalidSignatureHeader,
    InvalidTimestamp,
    MissingHeader,
    SignatureMismatch,
    TimestampTooNew,
    TimestampTooOld,
    WebhookConfigError,
    WebhookVerificationError,
)
from . import _native
from ._types import AmountDict, BuyerDict, OrderPaidDict, ProductDict, SellerDict
from ._native import (
    DEFAULT_TOLERANCE,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    Amount,
    Buyer,
    OrderPaid,
    Product,
    Seller,
    UnknownEvent,
    Webhook,
    parse_event,
    sign,
)

__version__: str = _native.__version__

Event = Union[OrderPaid, UnknownEvent]
"""What ``Webhook.verify`` and ``parse_event`` return."""

__all__ = [
    "DEFAULT_TOLERANCE",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "Amount",
    "AmountDict",
    "Buyer",
    "BuyerDict",
    "Event",
    "InvalidPayload",
    "InvalidSignatureHeader",
    "InvalidTimestamp",
    "MissingHeader",
    "OrderPaid",
    "OrderPaidDict",
    "Product",
    "ProductDict",
    "Seller",
    "SellerDict",
    "SignatureMismatch",
    "TimestampTooNew",
    "TimestampTooOld",
    "UnknownEvent",
    "Webhook",
    "WebhookConfigError",
    "WebhookVerificationError",
    "parse_event",
    "sign",
]

# Shown as bookto_verify.SignatureMismatch in tracebacks, and pickled by the
# public name.
for _cls in (
    InvalidPayload,
    InvalidSignatureHeader,
    InvalidTimestamp,
    MissingHeader,
    SignatureMismatch,
    TimestampTooNew,
    TimestampTooOld,
    WebhookConfigError,
    WebhookVerificationError,
):
    _cls.__module__ = __name__
del _cls

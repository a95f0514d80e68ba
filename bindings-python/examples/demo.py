"""Signs the sample order.paid delivery, verifies it, then shows the usual
mistakes failing with their codes. Run by bindings-python/demo.sh."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Callable, Union

from bookto_verify import OrderPaid, UnknownEvent, Webhook, WebhookVerificationError, sign

SECRET = "whsec_demo_4sKp9TzQ2mVx7Lr1NcB8eHw3GdY6uFj0"
SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "events" / "order-paid.json"


def attempt(title: str, call: Callable[[], Union[OrderPaid, UnknownEvent]]) -> bool:
    """Runs one verification and prints its outcome; True if it was refused."""
    try:
        event = call()
    except WebhookVerificationError as error:
        print(f"{title}\n  refused: {type(error).__name__} (code {error.code})\n  {error}\n")
        return True
    print(f"{title}\n  accepted: {event!r}\n")
    return False


def main() -> int:
    body = SAMPLE.read_bytes()
    webhook = Webhook(SECRET)
    print(f"{webhook!r}\nsample: {SAMPLE.name}, {len(body)} bytes\n")

    headers = sign(SECRET, body)
    print(f"signed as bookto does: {headers}\n")

    event = webhook.verify(body, headers)
    assert isinstance(event, OrderPaid)
    print("verified order.paid:")
    print(f"  order       {event.order_number} ({event.order_id}), {event.status} via {event.payment_provider}")
    print(f"  amount      {event.amount.total_incl!r} {event.amount.currency} "
          f"= {event.amount.excl_vat} + {event.amount.vat} VAT ({event.amount.vat_rate} %)")
    print(f"  paid_at     {event.paid_at!r}")
    print(f"  buyer       {event.buyer.first_name} {event.buyer.last_name}, {event.buyer.company}")
    print(f"  test order  {event.is_test_order}")
    print(f"  repr        {event!r}\n")

    tampered = body.replace(b'"total_incl":1.21', b'"total_incl":0.01')
    stale = sign(SECRET, body, timestamp=int(time.time()) - 3600)
    wrong = sign("whsec_some_other_secret", body)
    reserialised = json.dumps(json.loads(body)).encode()
    refused = [
        attempt("tampered body (total_incl 1.21 -> 0.01):", lambda: webhook.verify(tampered, headers)),
        attempt("stale timestamp (signed an hour ago):", lambda: webhook.verify(body, stale)),
        attempt("wrong secret:", lambda: webhook.verify(body, wrong)),
        attempt(
            "re-serialised body (json.loads + json.dumps), sent with its original content-length:",
            lambda: webhook.verify(reserialised, {**headers, "content-length": str(len(body))}),
        ),
    ]
    if not all(refused):
        print("a broken delivery was accepted", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

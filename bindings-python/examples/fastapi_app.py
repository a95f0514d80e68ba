"""A FastAPI receiver for bookto webhooks (served and driven by tests/test_fastapi_app.py)."""

import os
from typing import Annotated

from fastapi import Depends, FastAPI

from bookto_verify import Event, OrderPaid, Webhook
from bookto_verify.fastapi import verified_event

app = FastAPI()
webhook = Webhook(os.environ["BOOKTO_WEBHOOK_SECRET"])  # once, at start-up
BooktoEvent = Annotated[Event, Depends(verified_event(webhook))]  # 400 {"detail": {"error": ...}}


@app.post("/webhooks/bookto")
async def receive(event: BooktoEvent) -> dict:
    if isinstance(event, OrderPaid):
        # Fulfil the order: event.order_id, event.amount.total_incl (a Decimal), ...
        return {"received": event.event, "order_number": event.order_number,
                "total_incl": str(event.amount.total_incl)}
    return {"received": event.event}  # other events: acknowledge them

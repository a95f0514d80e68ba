"""A Flask receiver for bookto webhooks (served and driven by tests/test_flask_app.py)."""

import os

from flask import Flask

from bookto_verify import OrderPaid, Webhook
from bookto_verify.flask import bookto_webhook

app = Flask(__name__)
webhook = Webhook(os.environ["BOOKTO_WEBHOOK_SECRET"])  # once, at start-up


@app.post("/webhooks/bookto")
@bookto_webhook(webhook)  # refused requests get 400 {"error": "<code>", "message": ...}
def receive(event):
    if isinstance(event, OrderPaid):
        # Fulfil the order: event.order_id, event.amount.total_incl (a Decimal), ...
        return {"received": event.event, "order_number": event.order_number,
                "total_incl": str(event.amount.total_incl)}
    return {"received": event.event}  # other events: acknowledge them

"""Drives a real receiver over HTTP on 127.0.0.1 with signed, tampered and
malformed bookto deliveries; shared by the three framework tests."""

from __future__ import annotations

import http.client
import json
import os
import time
from typing import Any, Callable, Optional

from vectors import SAMPLE

from bookto_verify import sign

SECRET = "whsec_receiver_test_4sKp9TzQ2mVx7Lr1"
os.environ["BOOKTO_WEBHOOK_SECRET"] = SECRET  # read by the example apps at import

BODY = SAMPLE.read_bytes()
PATH = "/webhooks/bookto"


def post(
    port: int, body: bytes, headers: list[tuple[str, str]], method: str = "POST"
) -> tuple[int, Any]:
    """Sends one request (repeated header names allowed); returns status, JSON."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest(method, PATH)
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Content-Length", str(len(body)))
        for name, value in headers:
            conn.putheader(name, value)
        conn.endheaders(body)
        response = conn.getresponse()
        raw = response.read()
        return response.status, json.loads(raw) if raw else None
    finally:
        conn.close()


def signed(body: bytes, secret: str = SECRET, timestamp: Optional[int] = None) -> list[tuple[str, str]]:
    return list(sign(secret, body, timestamp=timestamp).items())


def run_scenarios(port: int, error_of: Callable[[Any], Any]) -> None:
    """Every scenario against a running receiver. ``error_of`` extracts
    ``{"error": code, "message": ...}`` from the framework's 400 body."""
    order = {"received": "order.paid", "order_number": "ORD-2025-11-004817", "total_incl": "1.21"}

    # A genuine delivery, header names in bookto's and other cases.
    assert post(port, BODY, signed(BODY)) == (200, order)
    upper = [(name.upper(), value) for name, value in signed(BODY)]
    assert post(port, BODY, upper) == (200, order)

    # Another event type is acknowledged, not refused.
    refund = b'{"event":"order.refunded","order_id":"7c1e9a4b"}'
    assert post(port, refund, signed(refund)) == (200, {"received": "order.refunded"})

    # The signature header sent twice (a proxy added one): still verified.
    ts, sig = signed(BODY)
    assert post(port, BODY, [ts, ("X-Bookto-Signature", "v1=abc"), sig]) == (200, order)

    def refused(body: bytes, headers: list[tuple[str, str]], code: str, *hints: str) -> None:
        status, payload = post(port, body, headers)
        assert status == 400, (status, payload)
        error = error_of(payload)
        assert error["error"] == code, error
        for hint in hints:
            assert hint in error["message"], (hint, error)
        assert SECRET not in json.dumps(payload)

    tampered = BODY.replace(b'"total_incl":1.21', b'"total_incl":0.01')
    refused(tampered, signed(BODY), "signature_mismatch", "signature mismatch")
    refused(BODY, signed(BODY, secret="whsec_wrong_secret"), "signature_mismatch")
    reserialised = json.dumps(json.loads(BODY)).encode()
    refused(reserialised, signed(BODY), "signature_mismatch")
    refused(BODY, signed(BODY, timestamp=int(time.time()) - 3600), "timestamp_too_old", "replay")
    refused(BODY, signed(BODY, timestamp=int(time.time()) + 3600), "timestamp_too_new")
    refused(BODY, [], "missing_header", "x-bookto-timestamp and x-bookto-signature")
    refused(BODY, [signed(BODY)[0]], "missing_header", "x-bookto-signature")
    refused(BODY, [signed(BODY)[0], ("X-Bookto-Signature", "sha256=abc")], "invalid_signature_header")
    not_json = b"event=order.paid"
    refused(not_json, signed(not_json), "invalid_payload")

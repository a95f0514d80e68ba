"""One Webhook shared by many threads gives every thread the right answer."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from vectors import SAMPLE

from bookto_verify import OrderPaid, SignatureMismatch, Webhook, sign

SECRET = "whsec_threads_0123456789"
NOW = 1_764_201_600


def test_shared_webhook_across_threads() -> None:
    webhook = Webhook([SECRET, "whsec_other_secret"])
    small = SAMPLE.read_bytes()
    large = json.dumps({"event": "bulk", "pad": "y" * (2 * 1024 * 1024)}).encode()  # GIL released

    def job(i: int) -> tuple[int, str]:
        body = large if i % 4 == 0 else small
        headers = sign(SECRET, body, timestamp=NOW + i)
        if i % 3 == 0:
            try:
                webhook.verify_signature(body + b" ", headers, now=NOW + i)
            except SignatureMismatch as error:
                return (i, error.code)
            return (i, "accepted a tampered body")
        event = webhook.verify(body, headers, now=NOW + i)
        matched = webhook.verify_signature(body, headers, now=NOW + i)
        kind = "order" if isinstance(event, OrderPaid) else event.event
        return (i, f"{kind}:{matched}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(pool.map(job, range(64)))
    for i, result in results.items():
        if i % 3 == 0:
            assert result == "signature_mismatch", i
        elif i % 4 == 0:
            assert result == "bulk:0", i
        else:
            assert result == "order:0", i

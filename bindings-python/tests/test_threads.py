"""One Webhook shared by many threads gives every thread the right answer:
a quick mix of small and large bodies, then 100k mixed valid/invalid
deliveries over 8 threads with exact counts per outcome (issue 7, item 7)."""

from __future__ import annotations

import json
import random
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from vectors import SAMPLE

from bookto_verify import OrderPaid, SignatureMismatch, Webhook, WebhookVerificationError, sign

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


# --- 100k mixed deliveries, one Webhook, 8 threads ---------------------------------------------

# What each kind of delivery must give: (verify_signature, verify).
EXPECTED = {
    "valid": ("0", "order"),
    "valid-old-secret": ("1", "order"),
    "valid-large": ("0", "bulk"),  # > 64 KB: hashed with the GIL released
    "tampered": ("signature_mismatch", "signature_mismatch"),
    "tampered-large": ("signature_mismatch", "signature_mismatch"),
    "wrong-secret": ("signature_mismatch", "signature_mismatch"),
    "stale": ("timestamp_too_old", "timestamp_too_old"),
    "future": ("timestamp_too_new", "timestamp_too_new"),
    "bad-signature-header": ("invalid_signature_header", "invalid_signature_header"),
    "missing-header": ("missing_header", "missing_header"),
    "not-an-event": ("0", "invalid_payload"),
}
KINDS = sorted(EXPECTED)
DELIVERIES = 100_000
THREADS = 8
OLD_SECRET = "whsec_threads_old_9876543210"
ORDER_TEMPLATE = SAMPLE.read_bytes()
LARGE = [json.dumps({"event": "bulk", "n": n, "pad": "z" * (70 * 1024)}).encode() for n in range(8)]


def delivery(i: int, kind: str) -> tuple[bytes, dict[str, str], int, str]:
    """Delivery i of the given kind: (body, headers, now, order number)."""
    number = f"ORD-{i:010d}"
    body = ORDER_TEMPLATE.replace(b"ORD-2025-11-004817", number.encode())
    now = NOW + i % 1000
    timestamp, secret = now, SECRET
    if kind == "valid-old-secret":
        secret = OLD_SECRET
    elif kind in ("valid-large", "tampered-large"):
        body = LARGE[i % len(LARGE)]
    elif kind == "wrong-secret":
        secret = "whsec_someone_else_000000"
    elif kind == "stale":
        timestamp = now - 301 - i % 50
    elif kind == "future":
        timestamp = now + 301 + i % 50
    elif kind == "not-an-event":
        body = f'["{number}"]'.encode()
    headers = sign(secret, body, timestamp=timestamp)
    if kind in ("tampered", "tampered-large"):
        body = body[:-1] + b" "
    elif kind == "bad-signature-header":
        headers["x-bookto-signature"] = headers["x-bookto-signature"][:-1]
    elif kind == "missing-header":
        del headers["x-bookto-timestamp"]
    return body, headers, now, number



def test_one_webhook_eight_threads_100k_mixed_deliveries(capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(20251127)  # a fixed, reproducible mix
    plan = [rng.choice(KINDS) for _ in range(DELIVERIES)]
    deliveries = [delivery(i, kind) for i, kind in enumerate(plan)]
    expected = Counter(EXPECTED[kind] for kind in plan)
    assert len(expected) == len(set(EXPECTED.values())) and all(expected[v] > 5000 for v in expected)

    webhook = Webhook([SECRET, OLD_SECRET])  # shared by every thread
    counts: list[Counter[tuple[str, str]]] = [Counter() for _ in range(THREADS)]
    wrong: list[list[str]] = [[] for _ in range(THREADS)]
    start = threading.Barrier(THREADS)

    def worker(t: int) -> None:
        start.wait()
        for i in range(t, DELIVERIES, THREADS):
            body, headers, now, number = deliveries[i]
            try:
                signature = str(webhook.verify_signature(body, headers, now=now))
            except WebhookVerificationError as error:
                signature = error.code
            try:
                event = webhook.verify(body, headers, now=now)
                if isinstance(event, OrderPaid):
                    result = "order" if event.order_number == number else f"order {event.order_number} for {number}"
                else:
                    result = event.event
            except WebhookVerificationError as error:
                result = error.code
            counts[t][(signature, result)] += 1
            if (signature, result) != EXPECTED[plan[i]]:
                wrong[t].append(f"#{i} {plan[i]}: {(signature, result)}")

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, to shake out races
    try:
        threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch)

    total: Counter[tuple[str, str]] = sum(counts, Counter())
    assert [w for ws in wrong for w in ws][:10] == []
    assert total == expected
    assert sum(total.values()) == DELIVERIES
    assert all(sum(c.values()) == DELIVERIES // THREADS for c in counts)
    with capsys.disabled():
        print(f"\nTHREADS python 8 threads, one Webhook, {DELIVERIES} deliveries: " + ", ".join(f"{k[0]}/{k[1]}={v}" for k, v in sorted(total.items())))

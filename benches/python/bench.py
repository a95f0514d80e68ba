"""bookto-verify (Python) against the standard library, in one run.

    python3 benches/python/bench.py [--quick]

On the 866-byte sample fixtures/events/order-paid.json:
  * verify_signature    vs hmac.new(secret, ts + b"." + body, sha256).hexdigest()
                           + hmac.compare_digest           (target <= 0.3x)
  * verify (typed)      vs that baseline + json.loads       (target <= 0.6x)
and on a 1 MB body:
  * verify_signature    vs hashlib.sha256(body).digest()    (target <= 1.10x)

Each case runs in alternating blocks (baseline, ours, baseline, ours, ...)
after a warm-up, so both see the same machine load; the reported ratio is the
median of the per-block ratios, next to the median time per call of each.

If bookto_verify is not importable, the wheel is built and installed into a
cached venv by bindings-python/build.sh and this script re-runs itself there.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "fixtures" / "events" / "order-paid.json"

try:
    import bookto_verify
except ImportError:
    if os.environ.get("BOOKTO_BENCH_REEXEC"):
        raise
    cache = Path(os.environ.get("BOOKTO_CACHE", Path.home() / ".cache" / "bookto-verify"))
    venv = cache / "python" / "venv-bench"
    subprocess.run([str(ROOT / "bindings-python" / "build.sh"), str(venv)], check=True, stdout=sys.stderr)
    python = str(venv / "bin" / "python")
    os.environ["BOOKTO_BENCH_REEXEC"] = "1"
    os.execv(python, [python, *sys.argv])

QUICK = "--quick" in sys.argv


def per_call(fn: Callable[[], Any], number: int) -> float:
    """Seconds per call over one block of ``number`` calls."""
    clock = time.perf_counter
    start = clock()
    for _ in range(number):
        fn()
    return (clock() - start) / number


def compare(name: str, baseline: Callable[[], Any], ours: Callable[[], Any], number: int, blocks: int) -> float:
    for _ in range(3):  # warm-up: caches, branch predictors, lazy imports
        per_call(baseline, number)
        per_call(ours, number)
    base_times, our_times, ratios = [], [], []
    for _ in range(blocks):
        b = per_call(baseline, number)
        o = per_call(ours, number)
        base_times.append(b)
        our_times.append(o)
        ratios.append(o / b)
    ratio = statistics.median(ratios)
    b, o = statistics.median(base_times), statistics.median(our_times)
    unit, scale = ("us", 1e6) if b < 1e-3 else ("ms", 1e3)
    print(
        f"{name:<48} baseline {b * scale:8.2f} {unit}   ours {o * scale:8.2f} {unit}   "
        f"ratio {ratio:5.2f}x (p25-p75 {statistics.quantiles(ratios, n=4)[0]:.2f}-"
        f"{statistics.quantiles(ratios, n=4)[2]:.2f})"
    )
    return ratio


def main() -> int:
    secret = "whsec_4sKp9TzQ2mVx7Lr1NcB8eHw3GdY6uFj0"
    body = SAMPLE.read_bytes()
    assert len(body) == 866, len(body)
    now = 1_764_201_600
    signed = bookto_verify.sign(secret, body, timestamp=now)
    webhook = bookto_verify.Webhook(secret)
    key = secret.encode()
    ts = signed["x-bookto-timestamp"].encode()
    expected = signed["x-bookto-signature"].removeprefix("sha256=")

    def baseline_signature() -> bool:
        digest = hmac.new(key, ts + b"." + body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(digest, expected)

    def baseline_verify() -> Any:
        if not baseline_signature():
            raise ValueError("mismatch")
        return json.loads(body)

    # As a receiver gets them: the two bookto headers, and a fuller request.
    headers = dict(signed)
    request_headers = {
        "host": "shop.example",
        "user-agent": "bookto-webhooks/1.0",
        "accept": "*/*",
        "accept-encoding": "gzip",
        "content-type": "application/json",
        "content-length": str(len(body)),
        "x-forwarded-for": "203.0.113.7",
        "x-request-id": "5d0c7e2-94a1",
        **signed,
    }
    assert baseline_signature() and webhook.verify_signature(body, headers, now=now) == 0
    assert webhook.verify(body, request_headers, now=now).amount.total_incl == bookto_verify.parse_event(body).amount.total_incl  # type: ignore[union-attr]

    blocks = 15 if QUICK else 201
    n_small = 300 if QUICK else 1000
    print(f"python {sys.version.split()[0]}, bookto_verify {bookto_verify.__version__}, "
          f"{blocks} blocks after warm-up, medians; sample {len(body)} bytes\n")

    r_sig = compare(
        "verify_signature (2 headers)",
        baseline_signature,
        lambda: webhook.verify_signature(body, headers, now=now),
        n_small,
        blocks,
    )
    compare(
        "verify_signature (10-header request dict)",
        baseline_signature,
        lambda: webhook.verify_signature(body, request_headers, now=now),
        n_small,
        blocks,
    )
    r_verify = compare(
        "verify, typed (2 headers)",
        baseline_verify,
        lambda: webhook.verify(body, headers, now=now),
        n_small,
        blocks,
    )
    compare(
        "verify + read 5 fields (Decimal, datetime)",
        lambda: (lambda d: (d["order_id"], d["amount"]["total_incl"], d["paid_at"], d["buyer"]["email"], d["is_test_order"]))(baseline_verify()),
        lambda: (lambda e: (e.order_id, e.amount.total_incl, e.paid_at, e.buyer.email, e.is_test_order))(webhook.verify(body, headers, now=now)),
        n_small,
        blocks,
    )

    big = json.dumps({"event": "bulk", "pad": "x" * (1024 * 1024 - 28)}).encode()
    assert len(big) == 1024 * 1024, len(big)
    big_headers = bookto_verify.sign(secret, big, timestamp=now)
    assert webhook.verify_signature(big, big_headers, now=now) == 0
    r_big = compare(
        "1 MB: verify_signature vs hashlib.sha256 alone",
        lambda: hashlib.sha256(big).digest(),
        lambda: webhook.verify_signature(big, big_headers, now=now),
        2 if QUICK else 5,
        blocks,
    )

    print()
    targets = [
        ("verify_signature", r_sig, 0.3),
        ("verify", r_verify, 0.6),
        ("1 MB verify_signature", r_big, 1.10),
    ]
    for name, ratio, target in targets:
        verdict = "meets" if ratio <= target else "MISSES"
        print(f"{name:<24} {ratio:5.2f}x  target <= {target:.2f}x  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

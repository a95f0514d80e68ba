"""Python runner of the comparison: bookto_verify against the stdlib and the
webhook libraries a Python user would otherwise pick. Prints JSON lines
(see compare.py); started by compare.py inside the comparison venv.

    python runner.py '<config json>'

Each contender verifies its own correctly signed message of the same body,
in its own scheme, from a plain dict of request headers.
"""

import gc
import hashlib
import hmac
import json
import sys
import time
from datetime import datetime, timezone
from importlib import metadata

import bookto_verify
import standardwebhooks
import stripe
from svix.webhooks import Webhook as SvixWebhook

SECRET = "whsec_MfKQ9r4gKGVJnjHM7aZ1bGnIyNCq0GNd"  # base64 after the prefix (standard webhooks)
KEY = SECRET.encode()
COMMON = {  # what a framework hands over besides the signature headers
    "host": "shop.example.com",
    "user-agent": "bookto-webhooks/1.0",
    "content-type": "application/json",
    "accept": "*/*",
    "accept-encoding": "gzip, br",
    "x-forwarded-for": "203.0.113.7",
    "x-forwarded-proto": "https",
    "connection": "keep-alive",
}


def headers(body, **signature):
    return {**COMMON, "content-length": str(len(body)), **signature}


def bookto_headers(body):
    """Signed with the stdlib, not with bookto_verify.sign: ours must accept it."""
    ts = str(int(time.time()))
    mac = hmac.new(KEY, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    return headers(body, **{"x-bookto-timestamp": ts, "x-bookto-signature": "sha256=" + mac})


# Each contender: (name, group, make) where make(body) -> fn(body) -> result.
# `make` signs `body` now (called again every round: timestamp windows);
# the returned function verifies whatever body it is given against that
# signature, so the self-check can hand it a tampered body.


def stdlib_signature(body):
    h = bookto_headers(body)

    def run(b):
        ts = h["x-bookto-timestamp"].encode()
        expected = "sha256=" + hmac.new(KEY, ts + b"." + b, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, h["x-bookto-signature"])

    return run


def stdlib_verify(body):
    check = stdlib_signature(body)

    def run(b):
        if not check(b):
            raise ValueError("signature mismatch")
        return json.loads(b)

    return run


WEBHOOK = bookto_verify.Webhook(SECRET)


def ours_signature(body):
    h = bookto_headers(body)
    return lambda b: WEBHOOK.verify_signature(b, h) == 0


def ours_verify(body):
    h = bookto_headers(body)
    return lambda b: WEBHOOK.verify(b, h)


STANDARD = standardwebhooks.Webhook(SECRET)
SVIX = SvixWebhook(SECRET)


def standard_headers(body, prefix):
    now = int(time.time())
    signature = STANDARD.sign("msg_2mP0", datetime.fromtimestamp(now, tz=timezone.utc), body.decode())
    return headers(body, **{f"{prefix}-id": "msg_2mP0", f"{prefix}-timestamp": str(now), f"{prefix}-signature": signature})


def standardwebhooks_verify(body):
    h = standard_headers(body, "webhook")
    return lambda b: STANDARD.verify(b, h)


def svix_verify(body):
    h = standard_headers(body, "svix")
    return lambda b: SVIX.verify(b, h) is None


def stripe_header(body):
    return stripe.WebhookSignature.generate_signature_header(body.decode(), SECRET)


def stripe_verify_header(body):
    sig = stripe_header(body)
    return lambda b: stripe.WebhookSignature.verify_header(b, sig, SECRET, tolerance=300)


def stripe_construct_event(body):
    sig = stripe_header(body)
    return lambda b: stripe.Webhook.construct_event(b, sig, SECRET)


def sha256_floor(body):
    return lambda b: hashlib.sha256(b).digest()


CONTENDERS = [
    ("stdlib hmac + compare_digest", "signature", stdlib_signature),
    ("ours verify_signature", "signature", ours_signature),
    ("svix Webhook.verify", "signature", svix_verify),
    ("stripe WebhookSignature.verify_header", "signature", stripe_verify_header),
    ("stdlib hmac + compare_digest + json.loads", "verify", stdlib_verify),
    ("ours verify (typed event)", "verify", ours_verify),
    ("standardwebhooks Webhook.verify", "verify", standardwebhooks_verify),
    ("stripe Webhook.construct_event", "verify", stripe_construct_event),
    ("hashlib.sha256 (floor)", "floor", sha256_floor),
]


# The stdlib baseline each group's ratios are reported against.
BASE = {"signature": CONTENDERS[0][0], "verify": CONTENDERS[4][0], "floor": CONTENDERS[0][0]}


def order_paid_of_size(sample, size):
    """As benches/src/lib.rs: the sample with an unknown `padding` field first, `size` bytes."""
    if size <= len(sample):
        return sample
    return b'{"padding":"' + b"x" * (size - len(sample) - 13) + b'",' + sample[1:]


def tamper(body):
    i = len(body) // 2
    return body[:i] + bytes([body[i] ^ 0x01]) + body[i + 1 :]


def accepts(fn, body):
    try:
        return fn(body) is not False
    except Exception:
        return False


def emit(**record):
    print(json.dumps(record), flush=True)


def timed(fn, body, n):
    start = time.perf_counter_ns()
    for _ in range(n):
        fn(body)
    return (time.perf_counter_ns() - start) / n


def main():
    cfg = json.loads(sys.argv[1])
    sample = open(cfg["sample"], "rb").read()
    versions = {p: metadata.version(p) for p in ["bookto-verify", "standardwebhooks", "svix", "stripe"]}
    emit(type="meta", runtime="python", version=sys.version.split()[0], packages=versions)

    for label, size in cfg["sizes"]:
        body = order_paid_of_size(sample, size)
        bad = tamper(body)
        fns = {name: make(body) for name, _, make in CONTENDERS}

        # Self-check: each verifier accepts its valid input and rejects the tampered body.
        for name, group, _ in CONTENDERS:
            fn = fns[name]
            if group == "floor":
                ok = fn(body) == hashlib.sha256(body).digest()
            else:
                ok = accepts(fn, body) and not accepts(fn, bad)
            if not ok:
                emit(type="error", runtime="python", size=label, contender=name,
                     message="self-check failed: valid input rejected or tampered input accepted")
                sys.exit(1)

        # Warm-up, and a batch size n per contender so one batch takes about batch_ms.
        batch = {}
        for name, fn in fns.items():
            n, deadline = 1, time.perf_counter() + cfg["warmup_ms"] / 1000
            while True:
                per_call = timed(fn, body, n)
                if time.perf_counter() >= deadline:
                    break
                n *= 2
            batch[name] = max(1, round(cfg["batch_ms"] * 1e6 / per_call))

        # Interleaved rounds: every contender once per round, rotating the order.
        samples = {name: [] for name in fns}
        names = list(fns)
        for r in range(cfg["rounds"]):
            fns = {name: make(body) for name, _, make in CONTENDERS}  # fresh timestamps
            gc.collect()
            k = r % len(names)
            for name in names[k:] + names[:k]:
                samples[name].append(timed(fns[name], body, batch[name]))
        for name, group, _ in CONTENDERS:
            emit(type="result", runtime="python", size=label, bytes=len(body), contender=name, group=group,
                 base=BASE[group], ours=name.startswith("ours"), batch=batch[name], samples_ns=samples[name])


if __name__ == "__main__":
    main()

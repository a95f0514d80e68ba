"""Measures the memory one call takes for a large body, in a process of its own.

    python memory_probe.py FORM SIZE_MB CALL

FORM is how the body is passed (bytes, memoryview, bytearray, str), CALL is
verify_signature, verify (an unknown event), verify-order (an order.paid
padded with an unknown field; needs the sample body's path as a 4th
argument), sign or tampered (verify_signature of a changed body). Prints one JSON object: the resident set before the call (with the
body already in memory), the peak resident set during the call (VmHWM, reset
through /proc/self/clear_refs just before the call), their difference, the
peak of Python's own allocator during a second call (tracemalloc: it sees
bytes/str objects the binding creates, not Rust's heap), and the call's time.
Run by test_resource_bounds.py.
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
import tracemalloc

from bookto_verify import SignatureMismatch, Webhook, sign

MB = 1024 * 1024
SECRET = "whsec_memory_probe_0123456789"
NOW = 1_764_201_600


def status_mb(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise LookupError(field)


def reset_peak() -> bool:
    """Resets VmHWM to the current resident set (Linux >= 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


def main() -> None:
    form, size_mb, call = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    baseline = status_mb("VmRSS")
    if call == "verify-order":  # an order.paid padded with an unknown field
        with open(sys.argv[4], "rb") as f:
            sample = f.read()
        head, tail = b'{"pad":"', b'",' + sample[1:]
    else:  # an unknown event
        head, tail = b'{"event":"bulk","pad":"', b'"}'
    raw = b"".join([head, b"x" * (size_mb * MB - len(head) - len(tail)), tail])
    assert len(raw) == size_mb * MB
    headers = sign(SECRET, raw, timestamp=NOW)
    webhook = Webhook(SECRET)
    if call == "tampered":
        raw = raw[:-2] + b'y}'  # same size, one byte changed
    body: object
    if form == "bytes":
        body = raw
    elif form == "memoryview":
        body = memoryview(raw)
    elif form == "bytearray":
        body = bytearray(raw)
        del raw
    elif form == "str":
        body = raw.decode("ascii")
        del raw
    else:
        raise SystemExit(f"unknown form {form}")

    def run() -> object:
        if call == "verify_signature":
            return webhook.verify_signature(body, headers, now=NOW)  # type: ignore[arg-type]
        if call in ("verify", "verify-order"):
            return type(webhook.verify(body, headers, now=NOW)).__name__  # type: ignore[arg-type]
        if call == "sign":
            return sign(SECRET, body, timestamp=NOW) == headers  # type: ignore[arg-type]
        if call == "tampered":
            try:
                webhook.verify_signature(body, headers, now=NOW)  # type: ignore[arg-type]
            except SignatureMismatch as error:
                return error.code
            return "accepted"
        raise SystemExit(f"unknown call {call}")

    gc.collect()
    reset = reset_peak()
    before = status_mb("VmRSS")
    maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    peak = status_mb("VmHWM")
    maxrss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if not reset:  # no clear_refs: the high-water mark before the call bounds it from below
        before = max(before, maxrss_before)
        peak = maxrss_after

    tracemalloc.start()
    tracemalloc.reset_peak()
    run()
    traced_peak = tracemalloc.get_traced_memory()[1] / MB
    tracemalloc.stop()

    print(json.dumps({
        "form": form,
        "call": call,
        "body_mb": size_mb,
        "result": result,
        "seconds": seconds,
        "baseline_rss_mb": baseline,
        "rss_before_mb": before,
        "peak_rss_mb": peak,
        "extra_mb": peak - before,
        "tracemalloc_peak_mb": traced_peak,
        "method": "VmHWM after clear_refs" if reset else "ru_maxrss",
    }))


if __name__ == "__main__":
    main()

"""Resource bounds through the Python binding (issue 7, item 6): hostile
sizes get their error code quickly, and a 100 MB body is verified in place.

Each case asserts the exact outcome and a time bound generous enough for a
noisy, shared 2-core machine (LIMIT). The measured figures are written to the
test output (``TIME python ...``, ``PEAK python ...`` lines) so they can be
quoted. Peak memory is measured in a fresh process (memory_probe.py): the
resident set's high-water mark during one call, minus the resident set just
before it (the body already in memory).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import pytest
from vectors import SAMPLE

from bookto_verify import (
    InvalidPayload,
    InvalidSignatureHeader,
    InvalidTimestamp,
    MissingHeader,
    SignatureMismatch,
    TimestampTooOld,
    UnknownEvent,
    Webhook,
    WebhookVerificationError,
    parse_event,
    sign,
)

LIMIT = 2.0  # seconds
MB = 1024 * 1024
SECRET = "whsec_bounds_0123456789"
NOW = 1_764_201_600
BODY = SAMPLE.read_bytes()
SIGNED = sign(SECRET, BODY, timestamp=NOW)
TS, SIG = SIGNED["x-bookto-timestamp"], SIGNED["x-bookto-signature"]
WEBHOOK = Webhook(SECRET)
PROBE = Path(__file__).resolve().parent / "memory_probe.py"


@pytest.fixture
def report(capsys: pytest.CaptureFixture[str]) -> Callable[[str], None]:
    """Writes a line to the test output, past pytest's capture."""

    def write(line: str) -> None:
        with capsys.disabled():
            print(f"\n{line}", end="")

    return write


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    """(result or the exception raised, seconds)."""
    start = time.perf_counter()
    try:
        result: Any = call()
    except WebhookVerificationError as error:
        result = error
    return result, time.perf_counter() - start


def check(report: Callable[[str], None], name: str, call: Callable[[], Any], expected: Any) -> None:
    """The call gives ``expected`` (an exception class, or a value) within LIMIT."""
    result, seconds = timed(call)
    report(f"TIME python {name}: {seconds * 1000:.1f} ms")
    if isinstance(expected, type) and issubclass(expected, BaseException):
        assert type(result) is expected, result
    else:
        assert result == expected
    assert seconds < LIMIT, f"{name} took {seconds:.2f} s"


# --- the signature header -------------------------------------------------------------

ONE_MB_SIGNATURES = {
    "zeros after sha256=": "sha256=" + "0" * MB,
    "valid entries, repeated": (SIG + ",") * (MB // (len(SIG) + 1)),
    "no comma, no equals": "x" * MB,
    "only commas": "," * MB,
    "only spaces": " " * MB,
    "one entry, then a 1 MB scheme value": SIG + ",v1=" + "a" * MB,
}


@pytest.mark.parametrize("name", list(ONE_MB_SIGNATURES))
def test_one_megabyte_signature_header(name: str, report: Callable[[str], None]) -> None:
    value = ONE_MB_SIGNATURES[name]
    assert len(value) >= MB - 100
    headers = {"x-bookto-timestamp": TS, "x-bookto-signature": value}
    expected = 0 if name == "one entry, then a 1 MB scheme value" else InvalidSignatureHeader
    check(report, f"1 MB signature header ({name})", lambda: WEBHOOK.verify_signature(BODY, headers, now=NOW), expected)
    check(report, f"1 MB signature header as bytes ({name})",
          lambda: WEBHOOK.verify_signature(BODY, {**headers, "x-bookto-signature": value.encode()}, now=NOW), expected)


def test_valid_signature_padded_with_a_megabyte_of_whitespace(report: Callable[[str], None]) -> None:
    # optional whitespace around an entry is allowed (DECISIONS S1), however much
    headers = {"x-bookto-timestamp": TS, "x-bookto-signature": " " * MB + SIG + "\t" * MB}
    check(report, "2 MB of whitespace around a valid signature", lambda: WEBHOOK.verify_signature(BODY, headers, now=NOW), 0)


def test_signature_header_with_100k_entries(report: Callable[[str], None]) -> None:
    entries = ["v1=a"] * 99_999 + [SIG]
    check(report, "signature header with 100k entries (one string)",
          lambda: WEBHOOK.verify_signature(BODY, {"x-bookto-timestamp": TS, "x-bookto-signature": ",".join(entries)}, now=NOW),
          InvalidSignatureHeader)
    check(report, "signature header with 100k values (a list)",
          lambda: WEBHOOK.verify_signature(BODY, {"x-bookto-timestamp": TS, "x-bookto-signature": entries}, now=NOW),
          InvalidSignatureHeader)
    pairs = [("x-bookto-timestamp", TS)] + [("X-Bookto-Signature", entry) for entry in entries]
    check(report, "100k x-bookto-signature pairs", lambda: WEBHOOK.verify_signature(BODY, pairs, now=NOW), InvalidSignatureHeader)
    check(report, "100k x-bookto-timestamp values",
          lambda: WEBHOOK.verify_signature(BODY, {"x-bookto-timestamp": [TS] * 100_000, "x-bookto-signature": SIG}, now=NOW),
          InvalidTimestamp)
    # 16 entries is the cap (signature.rs): 15 others and the real one still verify
    check(report, "16 entries, the last one valid",
          lambda: WEBHOOK.verify_signature(BODY, {"x-bookto-timestamp": TS, "x-bookto-signature": ",".join(["v1=a"] * 15 + [SIG])}, now=NOW), 0)


# --- the header map ---------------------------------------------------------------------------


def ten_megabyte_headers(name_length: int) -> dict[str, str]:
    """About 10 MB of headers that are not bookto's: 100k names of the given
    length (14 and 18 are the lengths of bookto's names, so the binding cannot
    skip them by length) with 100-byte values."""
    value = "v" * 100
    headers = {}
    for i in range(100_000):
        name = f"x-h-{i:06d}"
        headers[(name + "-" * name_length)[:name_length]] = value
    assert len(headers) == 100_000
    assert sum(len(k) + len(v) for k, v in headers.items()) >= 10_000_000
    return headers


@pytest.mark.parametrize("name_length", [12, 14, 18])
def test_ten_megabyte_header_map(name_length: int, report: Callable[[str], None]) -> None:
    junk = ten_megabyte_headers(name_length)
    check(report, f"10 MB header map, names of {name_length} chars, signed",
          lambda: WEBHOOK.verify_signature(BODY, {**junk, **SIGNED}, now=NOW), 0)
    check(report, f"10 MB header map, names of {name_length} chars, as pairs",
          lambda: WEBHOOK.verify_signature(BODY, list(junk.items()) + list(SIGNED.items()), now=NOW), 0)
    check(report, f"10 MB header map, names of {name_length} chars, no bookto header",
          lambda: WEBHOOK.verify_signature(BODY, junk, now=NOW), MissingHeader)


def test_ten_megabyte_header_values(report: Callable[[str], None]) -> None:
    big = "1" * (10 * MB)
    check(report, "10 MB x-bookto-timestamp", lambda: WEBHOOK.verify_signature(BODY, {**SIGNED, "x-bookto-timestamp": big}, now=NOW), InvalidTimestamp)
    check(report, "10 MB content-length on a tampered body",
          lambda: WEBHOOK.verify_signature(BODY + b" ", {**SIGNED, "content-length": big}, now=NOW), SignatureMismatch)
    check(report, "10 MB x-bookto-signature",
          lambda: WEBHOOK.verify_signature(BODY, {**SIGNED, "x-bookto-signature": "sha256=" + "a" * (10 * MB)}, now=NOW), InvalidSignatureHeader)


# --- deeply nested JSON, correctly signed -------------------------------------------------------


def nested(depth: int, kind: str) -> bytes:
    """An unknown event whose "d" field nests arrays or objects, so the
    whole body has depth + 1 levels (the top-level object is level 1)."""
    if kind == "arrays":
        inner = b"[" * depth + b"]" * depth
    else:
        inner = b'{"a":' * (depth - 1) + b"{}" + b"}" * (depth - 1)
    return b'{"event":"deep","d":' + inner + b"}"


@pytest.mark.parametrize("depth", [128, 129, 10_000, 1_000_000])
@pytest.mark.parametrize("kind", ["arrays", "objects"])
def test_deeply_nested_json_reaches_the_parser(depth: int, kind: str, report: Callable[[str], None]) -> None:
    body = nested(depth - 1, kind)  # depth levels in all
    headers = sign(SECRET, body, timestamp=NOW)
    check(report, f"signature of a body nested {depth} deep ({kind})", lambda: WEBHOOK.verify_signature(body, headers, now=NOW), 0)
    if depth <= 128:  # DECISIONS P3: 128 levels pass
        event = WEBHOOK.verify(body, headers, now=NOW)
        assert isinstance(event, UnknownEvent) and event.event == "deep"
        assert event.data["event"] == "deep"  # json.loads of 128 levels: no RecursionError
        return
    check(report, f"verify of a body nested {depth} deep ({kind})", lambda: WEBHOOK.verify(body, headers, now=NOW), InvalidPayload)
    check(report, f"parse_event of a body nested {depth} deep ({kind})", lambda: parse_event(body), InvalidPayload)
    with pytest.raises(InvalidPayload, match="nested too deeply"):
        WEBHOOK.verify(body, headers, now=NOW)


def test_nesting_inside_strings_does_not_count(report: Callable[[str], None]) -> None:
    body = b'{"event":"brackets","s":"' + b"[" * 1_000_000 + b'"}'
    headers = sign(SECRET, body, timestamp=NOW)
    check(report, "1 MB of [ inside a string", lambda: type(WEBHOOK.verify(body, headers, now=NOW)), UnknownEvent)


# --- a 100 MB body ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hundred_megabytes() -> tuple[bytes, dict[str, str]]:
    body = b'{"event":"bulk","pad":"' + b"x" * (100 * MB - 25) + b'"}'
    assert len(body) == 100 * MB
    return body, sign(SECRET, body, timestamp=NOW)


def test_hundred_megabyte_body_verifies_and_a_tampered_one_fails(
    hundred_megabytes: tuple[bytes, dict[str, str]], report: Callable[[str], None]
) -> None:
    body, headers = hundred_megabytes
    check(report, "sign 100 MB", lambda: sign(SECRET, body, timestamp=NOW) == headers, True)
    check(report, "verify_signature 100 MB", lambda: WEBHOOK.verify_signature(body, headers, now=NOW), 0)
    check(report, "verify_signature 100 MB (memoryview)", lambda: WEBHOOK.verify_signature(memoryview(body), headers, now=NOW), 0)
    check(report, "verify 100 MB (unknown event)", lambda: type(WEBHOOK.verify(body, headers, now=NOW)), UnknownEvent)
    tampered = bytearray(body)
    tampered[len(body) // 2] ^= 1
    check(report, "verify_signature 100 MB tampered (bytearray)", lambda: WEBHOOK.verify_signature(tampered, headers, now=NOW), SignatureMismatch)
    del tampered
    check(report, "verify_signature 100 MB less its first byte (memoryview slice)",
          lambda: WEBHOOK.verify_signature(memoryview(body)[1:], headers, now=NOW), SignatureMismatch)
    check(report, "verify_signature 100 MB, stale (no hashing)", lambda: WEBHOOK.verify_signature(body, headers, now=NOW + 301), TimestampTooOld)


def probe(form: str, call: str) -> dict[str, Any]:
    args = [sys.executable, str(PROBE), form, "100", call, str(SAMPLE)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


# (form, call, what the call may add to the resident set, what it returns).
# bytes and memoryviews of whole bytes are read in place; a bytearray is
# copied once (it could change while the GIL is released) and a str is
# encoded to UTF-8 once: those cost one body's size, by design (README). An
# unknown event's `data` is the body's text: verify() returns a copy of it.
PEAK_CASES = [
    ("bytes", "verify_signature", 10, 0),
    ("bytes", "tampered", 10, "signature_mismatch"),
    ("bytes", "sign", 10, True),
    ("bytes", "verify-order", 10, "OrderPaid"),
    ("memoryview", "verify_signature", 10, 0),
    ("bytes", "verify", 100 + 10, "UnknownEvent"),
    ("bytearray", "verify_signature", 100 + 10, 0),
    ("str", "verify_signature", 100 + 10, 0),
]


@pytest.mark.parametrize("form, call, allowed_mb, expected", PEAK_CASES, ids=[f"{f}-{c}" for f, c, _, _ in PEAK_CASES])
def test_peak_memory_for_a_hundred_megabyte_body(form: str, call: str, allowed_mb: int, expected: Any, report: Callable[[str], None]) -> None:
    figures = probe(form, call)
    report(
        f"PEAK python {form} 100MB {call}: +{figures['extra_mb']:.1f} MB "
        f"(rss {figures['rss_before_mb']:.1f} -> peak {figures['peak_rss_mb']:.1f} MB, "
        f"baseline before the body {figures['baseline_rss_mb']:.1f} MB; tracemalloc peak "
        f"{figures['tracemalloc_peak_mb']:.1f} MB; {figures['seconds'] * 1000:.0f} ms; {figures['method']})"
    )
    assert figures["result"] == expected
    assert figures["extra_mb"] <= allowed_mb, figures
    assert figures["seconds"] < LIMIT, figures
    # and in total: the body, the interpreter, and at most the allowance
    assert figures["peak_rss_mb"] - figures["baseline_rss_mb"] <= 100 + allowed_mb, figures

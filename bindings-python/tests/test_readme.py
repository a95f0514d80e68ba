"""The README shows exactly the code the tests run."""

from __future__ import annotations

import os
import re
from pathlib import Path

import bookto_verify
from bookto_verify import OrderPaid, sign

BINDING = Path(__file__).resolve().parents[1]
README = (BINDING / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)


def test_each_framework_example_is_in_the_readme_verbatim() -> None:
    for name in ("flask_app.py", "django_app.py", "fastapi_app.py"):
        source = (BINDING / "examples" / name).read_text(encoding="utf-8")
        assert source in BLOCKS, f"README's {name} block differs from examples/{name}"


def test_quick_start_runs() -> None:
    quick_start = BLOCKS[0]
    raw_body = (BINDING.parent / "fixtures" / "events" / "order-paid.json").read_bytes()
    secret = os.environ.setdefault("BOOKTO_WEBHOOK_SECRET", "whsec_readme_test_secret")
    namespace = {"raw_body": raw_body, "request_headers": sign(secret, raw_body)}
    exec(compile(quick_start, "README quick start", "exec"), namespace)
    assert isinstance(namespace["event"], OrderPaid)
    assert str(namespace["event"].amount.total_incl) == "1.21"


def test_every_code_in_the_readme_table() -> None:
    for name in ("MissingHeader", "InvalidTimestamp", "TimestampTooOld", "TimestampTooNew",
                 "InvalidSignatureHeader", "SignatureMismatch", "InvalidPayload"):
        cls = getattr(bookto_verify, name)
        assert f"| `{cls.code}` | `{name}` |" in README


def test_event_tour_runs_on_both_event_kinds() -> None:
    (tour,) = [block for block in BLOCKS if block.startswith("from bookto_verify import OrderPaid\n")]
    sample = (BINDING.parent / "fixtures" / "events" / "order-paid.json").read_bytes()
    for event in (bookto_verify.parse_event(sample), bookto_verify.parse_event(b'{"event":"ping"}')):
        exec(compile(tour, "README event tour", "exec"), {"event": event})

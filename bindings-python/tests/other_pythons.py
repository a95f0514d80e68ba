"""Every fixture vector through the front door, standard library only: run by
test.sh with each other CPython found (3.9, 3.10, 3.12, 3.13), to show the one
abi3 wheel answers alike everywhere (including Decimal and tz-aware datetime
on 3.9/3.10, whose fromisoformat refuses "Z").

    python tests/other_pythons.py   # exit status 1 on the first failure
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from vectors import (  # noqa: E402
    body_of,
    check_error,
    check_event,
    load,
    make_webhook,
    outcome,
    run_host_vector,
)

from bookto_verify import WebhookConfigError, parse_event, sign  # noqa: E402


def run() -> int:
    count = 0
    for vector in load("verify.json")["tests"]:
        webhook = make_webhook(vector["secrets"], vector["tolerance"])
        body, headers, now = body_of(vector), vector["headers"], vector["now"]
        for call, expected in (
            (lambda: webhook.verify_signature(body, headers, now=now), vector["signature"]),
            (lambda: webhook.verify(body, headers, now=now), vector["verify"]),
        ):
            kind, value = outcome(call)
            assert kind == expected["result"], ("verify.json", vector["id"], kind, value)
            if kind == "invalid":
                check_error(value, expected, vector["secrets"])
            elif "matched" in expected:
                assert value == expected["matched"], ("verify.json", vector["id"])
            else:
                check_event(value, expected["event"], body)
        count += 1
    for vector in load("parse_event.json")["tests"]:
        body = body_of(vector)
        kind, value = outcome(lambda: parse_event(body))
        assert kind == vector["result"], ("parse_event.json", vector["id"], kind, value)
        if kind == "valid":
            check_event(value, vector["event"], body)
        else:
            check_error(value, vector, [])
        count += 1
    for vector in load("secrets.json")["tests"]:
        kind, value = outcome(lambda: make_webhook(vector["secrets"]))
        assert kind == vector["result"], ("secrets.json", vector["id"], kind, value)
        if kind == "invalid":
            assert isinstance(value, WebhookConfigError)
            check_error(value, vector, vector["secrets"])
        else:
            check = vector["check"]
            headers = {"x-bookto-timestamp": check["timestamp"], "x-bookto-signature": check["signature"]}
            matched = value.verify_signature(check["body"], headers, now=int(check["timestamp"]))
            assert matched == check["matched"], ("secrets.json", vector["id"])
        count += 1
    for vector in load("sign.json")["tests"]:
        headers = sign(vector["secret"], body_of(vector), timestamp=vector["timestamp"])
        assert headers == {
            "x-bookto-timestamp": str(vector["timestamp"]),
            "x-bookto-signature": vector["signature"],
        }, ("sign.json", vector["id"])
        count += 1
    for vector in load("hosts.json")["tests"]:
        if "JsOnly" not in vector["flags"]:  # inherited object keys: JavaScript only
            run_host_vector(vector)
            count += 1
    version = ".".join(map(str, sys.version_info[:3]))
    print(f"python {version}: all {count} vectors pass")
    return 0


if __name__ == "__main__":
    sys.exit(run())

#!/usr/bin/env python3
"""Seeds each fuzz target's corpus from the shared vectors in fixtures/.

    python3 fuzz/seed.py    # writes fuzz/corpus/<target>/ (gitignored)
"""
import base64
import hashlib
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"


def body(test):
    if "body" in test:
        return test["body"].encode("utf-8")
    return base64.b64decode(test.get("body_base64", ""))


def header(test, name):
    values = [v for k, v in test.get("headers", {}).items() if k.lower() == name]
    flat = [x for v in values for x in (v if isinstance(v, list) else [v])]
    return ",".join(flat).encode("utf-8")


def main():
    seeds = {"signature_header": set(), "timestamp": set(), "parse_event": set(), "verify": set()}
    verify = json.loads((FIXTURES / "verify.json").read_text())["tests"]
    parse = json.loads((FIXTURES / "parse_event.json").read_text())["tests"]
    for test in verify:
        seeds["signature_header"].add(header(test, "x-bookto-signature"))
        seeds["timestamp"].add(header(test, "x-bookto-timestamp"))
        seeds["parse_event"].add(body(test))
        seeds["verify"].add(json.dumps(test["headers"]).encode() + body(test))
    for test in parse:
        seeds["parse_event"].add(body(test))
    for event in (FIXTURES / "events").glob("*.json"):
        seeds["parse_event"].add(event.read_bytes())
    for target, items in seeds.items():
        out = HERE / "corpus" / target
        out.mkdir(parents=True, exist_ok=True)
        for item in items:
            (out / hashlib.sha1(item).hexdigest()).write_bytes(item)
        print(f"{target}: {len(items)} seeds")


if __name__ == "__main__":
    main()

"""Prints how many fixture vectors a Python front door runs: every test of
the vector files in FIXTURES_DIR, less those flagged JsOnly (hosts.json:
inputs only JS can express). The release scripts compare it with the count
bindings-python/tests/other_pythons.py reports.

    python3 scripts/release/python_vectors.py FIXTURES_DIR
"""

import json
import sys
from pathlib import Path

FILES = ("verify.json", "parse_event.json", "secrets.json", "sign.json", "hosts.json")

fixtures = Path(sys.argv[1])
print(sum(
    1
    for name in FILES
    for test in json.loads((fixtures / name).read_text())["tests"]
    if "JsOnly" not in test.get("flags", [])
))

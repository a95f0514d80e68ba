"""Shared setup: where the repo's fixtures and examples are.

The tests import ``bookto_verify`` from the installed wheel: pytest runs with
``--import-mode=importlib`` from outside the repo, so ``python/`` is never on
``sys.path`` (``test_installed.py`` checks it). Only this directory (helpers)
and ``examples/`` (the framework apps the README shows) are added.
"""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
BINDING = TESTS.parent
for path in (TESTS, BINDING / "examples"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

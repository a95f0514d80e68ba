"""Checks every release artifact under DIST (scripts/release.sh writes it) and
prints one table: the wheels and the sdist (check_python), the npm tarballs
(check_npm), the crates (check_crate), and SHA256SUMS against the files.

    python3 check.py DIST [python|npm|crates ...]   # exits 1 on any problem

Each row: artifact, kind, platform, format (what `file` says), exports (the
module's init symbol), libc (highest glibc, musl, macOS minimum), licences,
size (bytes), problems (empty when fine). Run with the release venv's python
(LIEF and the wheel tools): ~/.cache/bookto-verify/release-venv/bin/python.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

COLUMNS = ["artifact", "kind", "platform", "format", "exports", "libc", "licences", "size", "problems"]


def print_table(rows: list[dict]) -> int:
    """Prints the rows as a table and a summary line; returns the exit status."""
    cells = [[str(r[c]) if c != "problems" else ("; ".join(r[c]) or "ok") for c in COLUMNS] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(COLUMNS)]
    line = lambda values: " | ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    print("\n".join([line(COLUMNS), "-+-".join("-" * w for w in widths)] + [line(r) for r in cells]))
    bad = [r for r in rows if r["problems"]]
    print(f"\n{len(rows)} artifacts, {len(bad)} with problems")
    return 1 if bad or not rows else 0


def check_sums(dist: Path) -> list[dict]:
    sums = dist / "SHA256SUMS"
    if not sums.exists():
        return []
    problems = []
    listed = 0
    for line in sums.read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        listed += 1
        path = dist / name.lstrip("*")
        if not path.exists():
            problems.append(f"{name}: missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{name}: digest differs")
    return [{"artifact": "SHA256SUMS", "kind": "sums", "platform": "-", "format": "-", "exports": "-",
             "libc": "-", "licences": "-", "size": listed, "problems": problems}]


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    dist = Path(argv[1])
    kinds = argv[2:] or ["python", "npm", "crates"]
    rows: list[dict] = []
    if "python" in kinds:
        import check_python

        rows += check_python.check(dist)
    if "npm" in kinds:
        import check_npm

        rows += check_npm.check(dist)
    if "crates" in kinds:
        import check_crate

        rows += check_crate.check(dist)
    rows += check_sums(dist)
    return print_table(rows)


if __name__ == "__main__":
    sys.exit(main(sys.argv))

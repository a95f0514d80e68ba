#!/usr/bin/env python3
"""Checks the `.crate` files in DIST/crates/ (written by scripts/release/crates.sh).

    python3 scripts/release/check_crate.py DIST_DIR   # prints a table, exit 1 on problems

`check(dist)` returns one row per crate for the release summary. A crate is
a gzipped tar whose entries all sit under `<name>-<version>/`. Problems:
- an entry that is not a regular file or directory (a symlink would unpack
  into nothing useful), or outside `<name>-<version>/`;
- `LICENSE-MIT` or `LICENSE-APACHE` missing or empty;
- no `Cargo.toml`, or one without `license = ...`;
- an `include_bytes!`/`include_str!` in the shipped sources whose file is not
  shipped (the unpacked crate would not compile), unless it is under the
  workspace-only cfg `bookto_workspace` (see core/build.rs);
- more than crates.io's 10 MiB.
Standard library only.
"""

from __future__ import annotations

import pathlib
import posixpath
import re
import sys
import tarfile

LICENCES = ("LICENSE-MIT", "LICENSE-APACHE")
MAX_SIZE = 10 * 1024 * 1024  # crates.io's upload limit
INCLUDE = re.compile(r'include_(?:bytes|str)!\(\s*"([^"]+)"\s*\)')
WORKSPACE_ONLY = "bookto_workspace"


def _problems(path: pathlib.Path) -> tuple[list[str], bool]:
    problems: list[str] = []
    prefix = path.name[: -len(".crate")] + "/"
    files: dict[str, bytes] = {}
    try:
        with tarfile.open(path, "r:gz") as tar:
            for member in tar.getmembers():
                if member.isdir() and member.name.rstrip("/") == prefix.rstrip("/"):
                    continue
                if not member.name.startswith(prefix):
                    problems.append(f"entry outside {prefix}: {member.name}")
                    continue
                if member.isdir():
                    continue
                if not member.isfile():
                    problems.append(f"not a regular file: {member.name}")
                    continue
                data = tar.extractfile(member)
                files[member.name[len(prefix) :]] = data.read() if data else b""
    except (OSError, tarfile.TarError) as e:
        return [f"unreadable: {e}"], False

    licences_ok = all(files.get(name) for name in LICENCES)
    for name in LICENCES:
        if not files.get(name):
            problems.append(f"{name} missing or empty")

    manifest = files.get("Cargo.toml", b"").decode("utf-8", "replace")
    if not manifest:
        problems.append("no Cargo.toml")
    elif not re.search(r"^license\s*=", manifest, re.M):
        problems.append("Cargo.toml has no license")

    for name, data in sorted(files.items()):
        if not name.endswith(".rs"):
            continue
        lines = data.decode("utf-8", "replace").splitlines()
        for i, line in enumerate(lines):
            for target in INCLUDE.findall(line):
                if any(WORKSPACE_ONLY in earlier for earlier in lines[max(0, i - 3) : i + 1]):
                    continue
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
                if resolved.startswith("../") or resolved not in files:
                    problems.append(f"{name}:{i + 1} includes {target}, not in the crate")

    if path.stat().st_size > MAX_SIZE:
        problems.append(f"larger than {MAX_SIZE} bytes")
    return problems, licences_ok


def check(dist: pathlib.Path) -> list[dict]:
    """One row per `dist/crates/*.crate`."""
    rows = []
    for path in sorted((dist / "crates").glob("*.crate")):
        problems, licences_ok = _problems(path)
        rows.append(
            {
                "artifact": path.name,
                "kind": "crate",
                "platform": "any",
                "format": "crate (tar.gz)",
                "exports": "-",
                "libc": "-",
                "licences": "ok" if licences_ok else "missing",
                "size": path.stat().st_size,
                "problems": problems,
            }
        )
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} DIST_DIR", file=sys.stderr)
        return 2
    rows = check(pathlib.Path(argv[1]))
    if not rows:
        print(f"no .crate in {argv[1]}/crates", file=sys.stderr)
        return 1
    from check import print_table

    return print_table(rows)


if __name__ == "__main__":
    sys.exit(main(sys.argv))

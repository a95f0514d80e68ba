"""Structural checks of the Python release artifacts in DIST/python/ (built
by scripts/release/python.sh): one row per wheel or sdist.

    ~/.cache/bookto-verify/release-venv/bin/python scripts/release/check_python.py DIST

prints a table and exits 1 if any artifact has a problem (or none is found).
From Python: ``check(Path("DIST")) -> list[dict]`` with the keys artifact,
kind, platform, format, exports, libc, licences, size, problems.

Which Python: the release venv ``$CACHE_DIR/release-venv`` (default
~/.cache/bookto-verify/release-venv) that scripts/release/python.sh creates
from bindings-python/requirements-release.txt. It holds lief (for binfmt.py,
imported from this folder), packaging, and the twine, abi3audit and
auditwheel commands, which are looked up next to ``sys.executable`` first and
then on PATH. Also needs `file` (apt) for binfmt.describe.

Checks, per wheel:
- the native module (bookto_verify/_native.abi3.so or _native.pyd) is there,
  and `file` says the format and architecture the platform tag names;
- it exports PyInit__native;
- Linux: `auditwheel show` agrees with the tag (its tag is the wheel's or a
  more compatible one); manylinux2014: no GLIBC symbol version above 2.17;
  musllinux: DT_NEEDED names libc.musl-<arch>.so.1 and no glibc library;
- macOS: the Mach-O minimum version is no newer than the tag's, only system
  dylibs are linked, and arm64 code carries a (linker's ad-hoc) signature;
- Windows: imports only python3.dll (the stable ABI, never python3X.dll) and
  system DLLs (no MinGW runtime DLL such as libgcc_s or libwinpthread);
- `abi3audit --strict` and `twine check --strict`;
- LICENSE-MIT and LICENSE-APACHE in .dist-info/licenses/, identical to the
  repo root's; the CycloneDX SBOM in .dist-info/sboms/.
Per sdist: `twine check --strict`; the licences (same content); every file of
fixtures/ at the sdist root (where bindings-python/tests/vectors.py looks for
them) with the repo's content; the core crate (core/Cargo.toml and every
core/src file), the workspace Cargo.toml and Cargo.lock, the binding crate,
the Python package and the tests.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import binfmt  # noqa: E402
from packaging.utils import parse_sdist_filename, parse_wheel_filename  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
LICENCES = ("LICENSE-MIT", "LICENSE-APACHE")
INIT = "PyInit__native"
# DLLs every Windows has (plus the CRT's API sets); anything else must ship.
WINDOWS_SYSTEM_DLL = re.compile(
    r"^(kernel32|ntdll|user32|advapi32|ws2_32|bcrypt|bcryptprimitives|userenv|"
    r"msvcrt|ucrtbase|vcruntime140|shell32|ole32|oleaut32|secur32|crypt32|"
    r"synchronization|api-ms-win-[a-z0-9-]+)\.dll$",
    re.I,
)


def tool(name: str) -> str:
    """A console script of the running venv, else from PATH."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (run with the release venv's python; see the docstring)")
    return found


def run(*cmd: str) -> tuple[int, str]:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    return proc.returncode, (proc.stdout + proc.stderr).strip()


def twine_check(path: Path) -> list[str]:
    rc, out = run(tool("twine"), "check", "--strict", str(path))
    return [] if rc == 0 else [f"twine check --strict: {' '.join(out.split())[-300:]}"]


def expected_binary(platform: str) -> tuple[str, str, str] | None:
    """(file-format prefix, arch, native file name) the platform tag implies."""
    arch = None
    for suffix, name in (("x86_64", "x86_64"), ("aarch64", "aarch64"), ("arm64", "aarch64"),
                         ("amd64", "x86_64")):
        if platform.endswith(suffix):
            arch = name
    if arch is None:
        return None
    if platform.startswith(("manylinux", "musllinux", "linux")):
        return ("ELF", arch, "_native.abi3.so")
    if platform.startswith("macosx"):
        return ("Mach-O", arch, "_native.abi3.so")
    if platform.startswith("win"):
        return ("PE32+", arch, "_native.pyd")
    return None


def linux_tag_ok(auditwheel_tag: str, platforms: set[str]) -> bool:
    """auditwheel's tag equals one of the wheel's, or is more compatible
    (an older glibc/musl of the same family and arch)."""
    m = re.fullmatch(r"(manylinux|musllinux)_(\d+)_(\d+)_(\w+)", auditwheel_tag)
    if not m:
        return False
    family, major, minor, arch = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
    for p in platforms:
        n = re.fullmatch(r"(manylinux|musllinux)_(\d+)_(\d+)_(\w+)", p)
        if n and n.group(1) == family and n.group(4) == arch and (major, minor) <= (int(n.group(2)), int(n.group(3))):
            return True
    return False


def licence_problems(names: dict[str, bytes]) -> list[str]:
    problems = []
    for licence in LICENCES:
        if licence not in names:
            problems.append(f"{licence} missing")
        elif names[licence] != (REPO / licence).read_bytes():
            problems.append(f"{licence} differs from the repo root's")
    return problems


def check_wheel(path: Path, work: Path) -> dict[str, Any]:
    _, _, _, tags = parse_wheel_filename(path.name)
    platforms = {t.platform for t in tags}
    platform = ".".join(sorted(platforms))
    row: dict[str, Any] = {
        "artifact": path.name, "kind": "wheel", "platform": platform, "format": "-",
        "exports": "-", "libc": "-", "licences": "-", "size": path.stat().st_size, "problems": [],
    }
    problems: list[str] = row["problems"]
    if {t.abi for t in tags} != {"abi3"} or {t.interpreter for t in tags} != {"cp39"}:
        problems.append(f"not a cp39-abi3 wheel: {sorted(str(t) for t in tags)}")

    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        licences = {n.rsplit("/", 1)[1]: zf.read(n) for n in names
                    if re.fullmatch(r"[^/]+\.dist-info/licenses/LICENSE-(MIT|APACHE)", n)}
        lic = licence_problems(licences)
        row["licences"] = "ok" if not lic else "; ".join(lic)
        problems.extend(f"licences: {p}" for p in lic)
        if not any(re.fullmatch(r"[^/]+\.dist-info/sboms/[^/]+\.cyclonedx\.json", n) for n in names):
            problems.append("no CycloneDX SBOM in .dist-info/sboms/")

        expected = expected_binary(sorted(platforms)[0])
        natives = [n for n in names if re.fullmatch(r"bookto_verify/_native[^/]*\.(so|pyd)", n)]
        if expected is None:
            problems.append(f"unknown platform tag {platform}")
            return row
        fmt, arch, native_name = expected
        if natives != [f"bookto_verify/{native_name}"]:
            problems.append(f"native module: expected bookto_verify/{native_name}, found {natives}")
            if not natives:
                return row
        native = work / path.name / natives[0]
        native.parent.mkdir(parents=True, exist_ok=True)
        native.write_bytes(zf.read(natives[0]))

    described = binfmt.describe(native)
    row["format"] = described
    if described != f"{fmt} {arch}":
        problems.append(f"file says {described!r}, the tag {platform} means {fmt} {arch}")

    exports = binfmt.exported_symbols(native)
    row["exports"] = "ok" if INIT in exports else f"{INIT} missing"
    if INIT not in exports:
        problems.append(f"{INIT} not exported (exports: {sorted(exports)[:5]})")

    deps = binfmt.needed(native)
    if platform.startswith(("manylinux", "musllinux")) or "manylinux" in platform or "musllinux" in platform:
        rc, out = run(tool("auditwheel"), "show", str(path))
        flat = " ".join(out.split())
        m = re.search(r'consistent with the following platform tag: "([^"]+)"', flat)
        if rc != 0 or not m:
            problems.append(f"auditwheel show: {flat[-300:]}")
        elif not linux_tag_ok(m.group(1), platforms):
            problems.append(f"auditwheel says {m.group(1)}, the wheel claims {platform}")
    if "manylinux" in platform:
        glibc = binfmt.max_glibc(native)
        row["libc"] = f"glibc {glibc}" if glibc else "glibc (none)"
        floors = [tuple(map(int, p.split("_")[1:3])) for p in platforms if re.match(r"manylinux_\d+_\d+_", p)]
        if "manylinux2014" in platform:
            floors.append((2, 17))
        floor = min(floors) if floors else (2, 17)
        if glibc and tuple(map(int, glibc.split(".")[:2])) > floor:
            problems.append(f"needs GLIBC_{glibc}, the tag promises {floor[0]}.{floor[1]}")
    elif "musllinux" in platform:
        musl = f"libc.musl-{arch}.so.1"
        row["libc"] = "musl" if musl in deps else "musl?"
        if musl not in deps:
            problems.append(f"NEEDED lacks {musl}: {deps}")
        glibc_libs = [d for d in deps if re.fullmatch(r"lib(c|pthread|dl|m|rt)\.so\.\d+|ld-linux.*", d)]
        if glibc_libs or binfmt.max_glibc(native):
            problems.append(f"musllinux wheel needs glibc: {glibc_libs or binfmt.max_glibc(native)}")
    elif platform.startswith("macosx"):
        minos = binfmt.macos_minos(native)
        row["libc"] = f"macOS {minos}"
        m = re.match(r"macosx_(\d+)_(\d+)_", platform)
        if minos is None:
            problems.append("no LC_BUILD_VERSION / LC_VERSION_MIN_MACOSX")
        elif m and tuple(map(int, minos.split(".")[:2])) > (int(m.group(1)), int(m.group(2))):
            problems.append(f"minos {minos} is newer than the tag's {m.group(1)}.{m.group(2)}")
        if any(not (d.startswith("/usr/lib/") or d.startswith("/System/")) for d in deps):
            problems.append(f"links non-system dylibs: {deps}")
        if arch == "aarch64" and not binfmt.macos_signed(native):
            problems.append("arm64 Mach-O without a code signature (macOS would refuse to load it)")
    elif platform.startswith("win"):
        extra = [d for d in deps if d.lower() != "python3.dll" and not WINDOWS_SYSTEM_DLL.match(d)]
        if extra:
            problems.append(f"imports non-system DLLs: {extra}")
        if "python3.dll" not in (d.lower() for d in deps):
            problems.append(f"does not import python3.dll (stable ABI): {deps}")

    rc, out = run(tool("abi3audit"), "--strict", str(path))
    if rc != 0:
        problems.append(f"abi3audit --strict: {' '.join(out.split())[-300:]}")
    problems.extend(twine_check(path))
    return row


def check_sdist(path: Path) -> dict[str, Any]:
    row: dict[str, Any] = {
        "artifact": path.name, "kind": "sdist", "platform": "source", "format": "-",
        "exports": "-", "libc": "-", "licences": "-", "size": path.stat().st_size, "problems": [],
    }
    problems: list[str] = row["problems"]
    name, version = parse_sdist_filename(path.name)
    top = f"{str(name).replace('-', '_')}-{version}"
    with tarfile.open(path) as tf:
        members = {m.name: m for m in tf.getmembers() if m.isfile()}

        def content(rel: str) -> bytes | None:
            m = members.get(f"{top}/{rel}")
            f = tf.extractfile(m) if m else None
            return f.read() if f else None

        lic = licence_problems({n: c for n in LICENCES if (c := content(n)) is not None})
        row["licences"] = "ok" if not lic else "; ".join(lic)
        problems.extend(f"licences: {p}" for p in lic)

        fixtures = [p for p in (REPO / "fixtures").rglob("*") if p.is_file()]
        for p in fixtures:
            rel = p.relative_to(REPO).as_posix()
            got = content(rel)
            if got is None:
                problems.append(f"missing {rel}")
            elif got != p.read_bytes():
                problems.append(f"{rel} differs from the repo's")
        core = ["core/Cargo.toml"] + [p.relative_to(REPO).as_posix()
                                      for p in (REPO / "core" / "src").rglob("*.rs")]
        required = core + [
            "Cargo.toml", "Cargo.lock", "pyproject.toml", "PKG-INFO",
            "bindings-python/Cargo.toml", "bindings-python/src/lib.rs",
            "python/bookto_verify/__init__.py", "python/bookto_verify/_native.pyi",
            "python/bookto_verify/py.typed",
            "bindings-python/tests/vectors.py", "bindings-python/tests/other_pythons.py",
            "bindings-python/tests/test_fixtures.py",
        ]
        for rel in required:
            if content(rel) is None:
                problems.append(f"missing {rel}")
        for rel in core:
            got = content(rel)
            if got is not None and rel.endswith(".rs") and got != (REPO / rel).read_bytes():
                problems.append(f"{rel} differs from the repo's")
        row["format"] = f"{len(fixtures)} fixtures, core"
    problems.extend(twine_check(path))
    return row


def check(dist: Path) -> list[dict[str, Any]]:
    """One row per artifact in DIST/python/ (wheels, then the sdist)."""
    folder = Path(dist) / "python"
    artifacts = sorted(folder.glob("*.whl")) + sorted(folder.glob("*.tar.gz"))
    others = sorted(p.name for p in folder.iterdir() if p.is_file() and p not in artifacts) if folder.is_dir() else []
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in artifacts:
            if path.name.endswith(".whl"):
                rows.append(check_wheel(path, Path(tmp)))
            else:
                rows.append(check_sdist(path))
    for name in others:
        rows.append({"artifact": name, "kind": "?", "platform": "-", "format": "-", "exports": "-",
                     "libc": "-", "licences": "-", "size": (folder / name).stat().st_size,
                     "problems": ["not a wheel or an sdist"]})
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: check_python.py DIST_DIR", file=sys.stderr)
        return 2
    rows = check(Path(argv[0]))
    if not rows:
        print(f"no artifacts in {argv[0]}/python", file=sys.stderr)
        return 1
    from check import print_table

    return print_table(rows)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

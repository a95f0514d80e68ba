"""Structural checks of the npm release artifacts in DIST/npm/ (written by
scripts/release/node.sh): the main @bookto/verify tarball, one tarball per
platform package, and @bookto/verify-wasm.

    check(dist) -> list[dict]   # one row per tarball (see check.py for the keys)
    python3 check_npm.py DIST   # prints the table, exits 1 on any problem

Run with the release venv's python (it has LIEF, which binfmt.py needs).
"""

from __future__ import annotations

import json
import sys
import tarfile
import tempfile
from pathlib import Path

import binfmt

LICENCES = {"LICENSE-MIT", "LICENSE-APACHE"}
# napi-rs platform name -> (binary format, architecture) `file` must report.
FORMATS = {"linux": "ELF", "darwin": "Mach-O", "win32": "PE32+"}
ARCHES = {"x64": "x86_64", "arm64": "aarch64"}
# The newest system each build may require.
GLIBC_FLOOR = (2, 17)
MACOS_FLOOR = {"x64": (10, 13), "arm64": (11, 0)}


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _members(tar: tarfile.TarFile) -> dict[str, tarfile.TarInfo]:
    return {m.name.removeprefix("package/"): m for m in tar.getmembers() if m.isfile()}


def _licences(names: set[str], problems: list[str], notices: bool) -> str:
    wanted = LICENCES | ({"THIRD-PARTY-NOTICES"} if notices else set())
    missing = sorted(wanted - names)
    if missing:
        problems.append(f"missing {', '.join(missing)}")
        return "missing"
    return "ok" + (" +notices" if notices else "")


def _row(path: Path, **fields) -> dict:
    row = {"artifact": path.name, "kind": "npm", "platform": "any", "format": "-", "exports": "-",
           "libc": "-", "licences": "-", "size": path.stat().st_size, "problems": []}
    row.update(fields)
    return row


def _check_main(path: Path, tar: tarfile.TarFile, manifest: dict, names: set[str]) -> dict:
    problems: list[str] = []
    version = manifest["version"]
    if manifest.get("dependencies") != {"@bookto/verify-wasm": version}:
        problems.append(f"dependencies {manifest.get('dependencies')}: want @bookto/verify-wasm {version}")
    optional = manifest.get("optionalDependencies", {})
    platforms = {name.removeprefix("@bookto/verify-") for name in optional}
    if set(optional.values()) != {version} or len(platforms) < 7:
        problems.append(f"optionalDependencies {optional}")
    if any(name.endswith(".node") for name in names):
        problems.append("ships a .node file (addons belong in the platform packages)")
    return _row(path, format="npm (JS)", exports=f"{len(platforms)} platforms",
                licences=_licences(names, problems, notices=False), problems=problems)


def _check_platform(path: Path, tar: tarfile.TarFile, manifest: dict, names: set[str]) -> dict:
    problems: list[str] = []
    platform = manifest["name"].removeprefix("@bookto/verify-")
    os_name, arch, *abi = platform.split("-")
    addon = f"bookto-verify.{platform}.node"
    if manifest.get("main") != addon or addon not in names:
        problems.append(f"main {manifest.get('main')!r}, files {sorted(names)}: want {addon}")
        return _row(path, platform=platform, problems=problems)
    if manifest.get("os") != [os_name] or manifest.get("cpu") != [arch]:
        problems.append(f"os/cpu {manifest.get('os')}/{manifest.get('cpu')}")
    if os_name == "linux" and manifest.get("libc") != [{"gnu": "glibc", "musl": "musl"}[abi[0]]]:
        problems.append(f"libc {manifest.get('libc')}")
    with tempfile.TemporaryDirectory() as tmp:
        member = _members(tar)[addon]
        binary = Path(tmp) / addon
        binary.write_bytes(tar.extractfile(member).read())
        fmt = binfmt.describe(binary)
        want = f"{FORMATS[os_name]} {ARCHES[arch]}"
        if fmt != want or binfmt.arch_of(binary) != [ARCHES[arch]]:
            problems.append(f"`file` says {fmt!r}, LIEF {binfmt.arch_of(binary)}: want {want}")
        exports = binfmt.exported_symbols(binary)
        if "napi_register_module_v1" not in exports:
            problems.append("napi_register_module_v1 is not exported")
        libc = "-"
        if os_name == "linux":
            glibc = binfmt.max_glibc(binary)
            needed = binfmt.needed(binary)
            if abi[0] == "gnu":
                libc = f"glibc {glibc}"
                if glibc is None or _version(glibc) > GLIBC_FLOOR:
                    problems.append(f"needs glibc {glibc}, above 2.17")
            else:
                libc = "musl"
                if glibc is not None or any("libc.so.6" in n for n in needed):
                    problems.append(f"a musl build that links glibc ({glibc}, {needed})")
        elif os_name == "darwin":
            minos = binfmt.macos_minos(binary)
            libc = f"macOS {minos}"
            if minos is None or _version(minos) > MACOS_FLOOR[arch]:
                problems.append(f"macOS minimum {minos}, above {MACOS_FLOOR[arch]}")
        else:
            needed = binfmt.needed(binary)
            libc = "Windows"
            if any(n.lower().startswith(("node", "libnode")) for n in needed):
                problems.append(f"imports {needed}: N-API must come from the host process")
    return _row(path, platform=platform, format=fmt, exports="napi_register_module_v1" if "napi_register_module_v1" in exports else "missing",
                libc=libc, licences=_licences(names, problems, notices=True), problems=problems)


def _check_wasm(path: Path, tar: tarfile.TarFile, manifest: dict, names: set[str]) -> dict:
    problems: list[str] = []
    module = "bookto_verify_wasm_bg.wasm"
    if module not in names:
        problems.append(f"no {module}")
    elif tar.extractfile(_members(tar)[module]).read(4) != b"\0asm":
        problems.append(f"{module} is not a WebAssembly module")
    for entry in ("index.js", "index.cjs", "backend.cjs", "api.cjs"):
        if entry not in names:
            problems.append(f"no {entry}")
    return _row(path, platform="wasm32", format="npm (wasm + JS)", exports=module,
                licences=_licences(names, problems, notices=True), problems=problems)


def check(dist: Path) -> list[dict]:
    rows = []
    tarballs = sorted((Path(dist) / "npm").glob("*.tgz"))
    if not tarballs:
        return [_row(Path(dist) / "npm", size=0, problems=["no npm tarballs"])]
    for path in tarballs:
        with tarfile.open(path) as tar:
            members = _members(tar)
            manifest = json.loads(tar.extractfile(members["package.json"]).read())
            names = set(members)
            name = manifest["name"]
            if name == "@bookto/verify":
                rows.append(_check_main(path, tar, manifest, names))
            elif name == "@bookto/verify-wasm":
                rows.append(_check_wasm(path, tar, manifest, names))
            elif name.startswith("@bookto/verify-"):
                rows.append(_check_platform(path, tar, manifest, names))
            else:
                rows.append(_row(path, problems=[f"unexpected package {name}"]))
    return rows


if __name__ == "__main__":
    from check import print_table

    sys.exit(print_table(check(Path(sys.argv[1]))))

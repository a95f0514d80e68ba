"""Inspect native binaries of any format: ELF (.so, Linux .node), Mach-O
(.so/.dylib bundles, macOS .node, universal binaries) and PE/COFF (.pyd, .dll,
Windows .node). Shared by the release checks of every binding.

    from binfmt import describe, exported_symbols, max_glibc, needed, macos_minos

    describe("x.so")          # "ELF x86_64"  (from `file -b`: format + arch)
    exported_symbols("x.pyd") # {"PyInit__native"}
    max_glibc("x.so")         # "2.17" (highest GLIBC_x.y required; ELF only)
    needed("x.node")          # ["libc.so.6", ...] / dylib paths / imported DLLs
    macos_minos("x.so")       # "11.0" (Mach-O only)
    macos_signed("x.so")      # True if LC_CODE_SIGNATURE (Mach-O only)

    python3 binfmt.py FILE...  # prints all of the above per file

Parsing is done by LIEF (`pip install lief`, pinned in
bindings-python/requirements-release.txt; scripts/release/python.sh installs
it into ~/.cache/bookto-verify/release-venv), `describe` by the `file` command
(apt `file`): two independent readers, so a check comparing the two is not
circular.

Conventions:
- Symbol names are the C names: Mach-O's leading underscore is removed
  (`_napi_register_module_v1` -> `napi_register_module_v1`), so one check
  works on every format.
- For a universal (fat) Mach-O, exported_symbols and needed are the union
  over the slices, macos_minos the lowest slice's, describe names every arch
  ("Mach-O universal x86_64+arm64").
- Architectures are normalised to x86_64, aarch64 (arm64), i386, arm.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Union

import lief

lief.logging.disable()

PathLike = Union[str, Path]

__all__ = [
    "arch_of",
    "describe",
    "exported_symbols",
    "file_b",
    "macos_minos",
    "macos_signed",
    "max_glibc",
    "needed",
]

# `file -b` architecture words -> normalised names.
_ARCH_WORDS = [
    (re.compile(r"\b(x86-64|x86_64|x64|AMD64)\b", re.I), "x86_64"),
    (re.compile(r"\b(ARM aarch64|aarch64|arm64|Aarch64)\b", re.I), "aarch64"),
    (re.compile(r"\b(Intel 80386|Intel i386|i386|80386)\b", re.I), "i386"),
    (re.compile(r"\bARM\b"), "arm"),
]


def file_b(path: PathLike) -> str:
    """The raw `file -b` description."""
    return subprocess.run(
        ["file", "-b", str(path)], check=True, capture_output=True, text=True
    ).stdout.strip()


def _arch_word(text: str) -> str:
    for pattern, name in _ARCH_WORDS:
        if pattern.search(text):
            return name
    return "unknown"


def describe(path: PathLike) -> str:
    """Short "<format> <arch>" from `file -b`: "ELF x86_64", "ELF aarch64",
    "Mach-O x86_64", "Mach-O aarch64", "Mach-O universal x86_64+aarch64",
    "PE32+ x86_64", "PE32 i386"; "unknown (<file -b>)" otherwise."""
    text = file_b(path)
    if text.startswith("ELF"):
        return f"ELF {_arch_word(text)}"
    if text.startswith("Mach-O universal"):
        # "Mach-O universal binary with 2 architectures: [x86_64:...] [arm64:...]"
        slices = re.findall(r"\[(\w+)", text)
        return "Mach-O universal " + "+".join(_arch_word(s) for s in slices)
    if text.startswith("Mach-O"):
        return f"Mach-O {_arch_word(text)}"
    m = re.match(r"(PE32\+?) ", text)
    if m:
        return f"{m.group(1)} {_arch_word(text)}"
    return f"unknown ({text})"


def _binaries(path: PathLike) -> list[Any]:
    """The parsed binary, or each slice of a fat Mach-O."""
    path = str(path)
    if lief.is_macho(path):
        fat = lief.MachO.parse(path)
        if fat is None:
            raise ValueError(f"{path}: LIEF cannot parse this Mach-O")
        return [fat.at(i) for i in range(fat.size)]
    binary = lief.parse(path)
    if binary is None:
        raise ValueError(f"{path}: not an ELF, Mach-O or PE file LIEF can parse")
    return [binary]


def arch_of(path: PathLike) -> list[str]:
    """The architectures according to LIEF (a second opinion to `describe`)."""
    names = []
    for b in _binaries(path):
        if isinstance(b, lief.ELF.Binary):
            raw = str(b.header.machine_type).split(".")[-1]
        elif isinstance(b, lief.MachO.Binary):
            raw = str(b.header.cpu_type).split(".")[-1]
        else:
            raw = str(b.header.machine).split(".")[-1]
        names.append(
            {"X86_64": "x86_64", "AMD64": "x86_64", "AARCH64": "aarch64", "ARM64": "aarch64",
             "X86": "i386", "I386": "i386", "ARM": "arm"}.get(raw.upper(), raw.lower())
        )
    return names


def exported_symbols(path: PathLike) -> set[str]:
    """Names the binary exports (dynamic symbol table / export trie / export
    directory), as C names."""
    names: set[str] = set()
    for b in _binaries(path):
        if isinstance(b, lief.ELF.Binary):
            names.update(s.name for s in b.exported_symbols if s.name)
        elif isinstance(b, lief.MachO.Binary):
            for s in b.exported_symbols:
                name = s.name
                names.add(name[1:] if name.startswith("_") else name)
        elif isinstance(b, lief.PE.Binary):
            if b.has_exports:
                names.update(e.name for e in b.get_export().entries if e.name)
        else:  # pragma: no cover - other formats LIEF knows (COFF objects, ...)
            names.update(s.name for s in b.exported_functions)
    return names


def _version_key(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split("."))


def max_glibc(path: PathLike) -> str | None:
    """The highest GLIBC_x.y[.z] symbol version the ELF file requires (its
    glibc floor); None for non-ELF files or when it needs no versioned glibc
    symbol (musl, static)."""
    versions: list[str] = []
    for b in _binaries(path):
        if not isinstance(b, lief.ELF.Binary):
            return None
        for req in b.symbols_version_requirement:
            for aux in req.get_auxiliary_symbols():
                m = re.fullmatch(r"GLIBC_(\d+(?:\.\d+)+)", aux.name)
                if m:
                    versions.append(m.group(1))
    return max(versions, key=_version_key) if versions else None


def needed(path: PathLike) -> list[str]:
    """Libraries loaded with the binary: ELF DT_NEEDED, Mach-O LC_LOAD_DYLIB
    (paths), PE imported and delay-loaded DLLs. In file order, no duplicates."""
    out: list[str] = []
    for b in _binaries(path):
        if isinstance(b, lief.ELF.Binary):
            names = list(b.libraries)
        elif isinstance(b, lief.MachO.Binary):
            # LC_LOAD_DYLIB and kin; not LC_ID_DYLIB (the library's own name).
            names = [lib.name for lib in b.libraries if not str(lib.command).endswith("ID_DYLIB")]
        elif isinstance(b, lief.PE.Binary):
            names = [imp.name for imp in b.imports]
            names += [imp.name for imp in b.delay_imports]
        else:  # pragma: no cover
            names = list(b.libraries)
        out.extend(n for n in names if n not in out)
    return out


def _fmt_version(parts: Any) -> str:
    major, minor, patch = (list(parts) + [0, 0, 0])[:3]
    return f"{major}.{minor}" + (f".{patch}" if patch else "")


def macos_minos(path: PathLike) -> str | None:
    """The minimum macOS version (LC_BUILD_VERSION minos, or the older
    LC_VERSION_MIN_MACOSX), e.g. "10.12", "11.0"; the lowest slice's for a
    universal binary; None for non-Mach-O files."""
    found: list[str] = []
    for b in _binaries(path):
        if not isinstance(b, lief.MachO.Binary):
            return None
        if b.has_build_version:
            found.append(_fmt_version(b.build_version.minos))
        elif b.has_version_min:
            found.append(_fmt_version(b.version_min.version))
    return min(found, key=_version_key) if found else None


def macos_signed(path: PathLike) -> bool | None:
    """Whether every slice carries an LC_CODE_SIGNATURE (arm64 macOS refuses
    to load unsigned code; the linker's ad-hoc signature suffices); None for
    non-Mach-O files."""
    slices = _binaries(path)
    if not all(isinstance(b, lief.MachO.Binary) for b in slices):
        return None
    return all(b.has_code_signature for b in slices)


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: binfmt.py FILE...", file=sys.stderr)
        return 2
    for path in argv:
        print(path)
        print(f"  describe:  {describe(path)}   (LIEF: {'+'.join(arch_of(path))})")
        print(f"  needed:    {', '.join(needed(path)) or '-'}")
        print(f"  max glibc: {max_glibc(path) or '-'}")
        signed = macos_signed(path)
        print(f"  macOS min: {macos_minos(path) or '-'}" + ("" if signed is None else f", signed: {signed}"))
        exports = sorted(exported_symbols(path))
        shown = ", ".join(exports[:8]) + (f" ... ({len(exports)} in all)" if len(exports) > 8 else "")
        print(f"  exports:   {shown or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

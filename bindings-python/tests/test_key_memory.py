"""No key-derived block stays in the process's memory after ``Webhook(secret)``.

HMAC-SHA256 keys two SHA-256 states from a 64-byte key block (the secret, or
SHA-256 of a secret over 64 bytes, zero-padded), xored with ipad (0x36) and
opad (0x5c). The verifier keeps the two states; the blocks, and the digest
of a long secret, must be wiped once the states are keyed.

A child process builds the verifiers and stops itself (SIGSTOP) right after
each call; this process (its parent, which alone knows the derived blocks, so
its own copies of them are never in the memory scanned) reads the child's
writable mappings (heap, stack, anonymous, .data) through ``/proc/<pid>/mem``
and searches them after ``Webhook(...)``, after ``sign(...)`` and after the
verifiers are dropped. The child's own ``str`` secrets are the caller's, so
only derived bytes are searched for. A control block the child derives
itself must be found, or the scan proves nothing. Against ``hmac``'s keying
(before this was fixed) the scan finds the key block xor opad on the stack.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc/<pid>/mem (Linux only)"
)

SHORT = "Zq8-pykeyscan-short-P0o9I8u7Y6t5"
LONG = "Zq8-pykeyscan-long-" + "Lk5Jh4Gf3Ds2" * 8  # 115 bytes: HMAC hashes it first
CANARY = "Zq8-pycanary-not-a-secret-M1n2B3v4"

# Each stage stops the child (SIGSTOP) on the same line as the call, so no
# Python code runs in between that could overwrite the stack the call used.
CHILD = r"""
import gc, os, signal, sys
from bookto_verify import Webhook, sign

short, long, canary = sys.argv[1:4]
kill, pid, stop = os.kill, os.getpid(), signal.SIGSTOP
# Control: derived in Python like key ^ opad; the scan must find it.
control = bytes(b ^ 0x5C for b in canary.encode().ljust(64, b"\0"))
webhooks = [Webhook(short), Webhook(long)]; kill(pid, stop)
webhooks.append(Webhook([long, short], tolerance=60)); kill(pid, stop)
headers = sign(long, b"{}", timestamp=1_764_201_600); kill(pid, stop)
assert webhooks[2].verify_signature(b"{}", headers, now=1_764_201_600) == 0
del webhooks
gc.collect(); kill(pid, stop)
"""
STAGES = ("Webhook(short), Webhook(long)", "Webhook([long, short])", "sign(long, ...)", "dropped")


def key_material(secret: str) -> list[tuple[str, bytes, int]]:
    """(name, bytes, how many leading bytes are key-derived) of each block."""
    key = secret.encode()
    found = []
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
        found.append(("SHA-256(secret)", key, 32))
    block = key.ljust(64, b"\0")
    ipad = bytes(b ^ 0x36 for b in block)
    opad = bytes(b ^ 0x5C for b in block)
    # These are the blocks HMAC uses, or the scan looks for the wrong thing.
    inner = hashlib.sha256(ipad + b"scan.check").digest()
    mac = hashlib.sha256(opad + inner).digest()
    assert mac == hmac.new(secret.encode(), b"scan.check", hashlib.sha256).digest()
    found += [
        ("key block", block, len(key)),
        ("key ^ ipad", ipad, len(key)),
        ("key ^ opad", opad, len(key)),
    ]
    # SHA-256 reads big-endian 32-bit words: a leftover message schedule
    # holds them byte-swapped on little-endian machines.
    for name, data, derived in list(found):
        swapped = b"".join(data[i : i + 4][::-1] for i in range(0, len(data), 4))
        found.append((name + " (32-bit words byte-swapped)", swapped, derived))
    # A short secret's key block starts with the secret itself, which the
    # child holds as its own str: not something the library left.
    return [m for m in found if m[0] != "key block" or len(secret.encode()) > 64]


def windows(data: bytes, derived: int) -> Iterator[tuple[int, bytes]]:
    """8-byte windows over the key-derived part: a partly overwritten copy counts."""
    starts = list(range(0, max(derived - 8, 0), 4)) + [max(derived, 8) - 8]
    for at in starts:
        yield at, data[at : at + 8]


def regions(pid: int) -> Iterator[tuple[str, bytes]]:
    """The readable and writable mappings of `pid` (heap, stacks, anonymous, .data)."""
    with open(f"/proc/{pid}/maps", encoding="ascii") as f:
        maps = f.read().splitlines()
    with open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            fields = line.split(maxsplit=5)
            span, perms = fields[0], fields[1]
            name = fields[5].strip() if len(fields) > 5 else "[anon]"
            if not perms.startswith("r") or "w" not in perms or name in ("[vvar]", "[vsyscall]"):
                continue
            start, end = (int(x, 16) for x in span.split("-"))
            mem.seek(start)
            try:
                yield name, mem.read(end - start)
            except OSError:
                continue


def leaks(pid: int, needles: list[tuple[str, bytes, int]]) -> tuple[list[str], set[str]]:
    hits: list[str] = []
    seen: set[str] = set()
    for region, data in regions(pid):
        seen.add(region)
        for name, needle, derived in needles:
            for at, window in windows(needle, derived):
                index = data.find(window)
                if index != -1:
                    hits.append(f"{name} [{at}..{at + 8}) in {region} at +{index:#x}")
                    break
    return hits, seen


def test_no_key_block_in_process_memory_after_keying_and_drop() -> None:
    needles = [m for secret in (SHORT, LONG) for m in key_material(secret)]
    control = [m for m in key_material(CANARY) if m[0] == "key ^ opad"]
    child = subprocess.Popen([sys.executable, "-c", CHILD, SHORT, LONG, CANARY])
    try:
        for stage in STAGES:
            _, status = os.waitpid(child.pid, os.WUNTRACED)
            assert os.WIFSTOPPED(status), f"{stage}: the child did not stop (status {status:#x})"
            found_control, seen = leaks(child.pid, control)
            assert found_control, f"{stage}: the scan must find the control block"
            assert "[heap]" in seen and "[stack]" in seen, seen
            hits, _ = leaks(child.pid, needles)
            assert hits == [], f"after {stage}: key material in memory: {hits}"
            os.kill(child.pid, signal.SIGCONT)
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

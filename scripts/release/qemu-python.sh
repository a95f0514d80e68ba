#!/usr/bin/env bash
# Runs EVERY fixture vector through the manylinux2014 aarch64 wheel in DIST_DIR
# with an arm64 CPython (Debian bookworm's 3.11) under qemu-user.
#
#   scripts/release/qemu-python.sh DIST_DIR
#
# The wheel is unpacked (as pip would install it) into a temp dir put on
# PYTHONPATH; bindings-python/tests/other_pythons.py (standard library only)
# runs verify.json, parse_event.json, secrets.json and sign.json and exits 1 on
# the first mismatch. The arm64 userland comes from arm64-rootfs.sh (cached).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/scripts/lib.sh"

[ $# -eq 1 ] || { echo "usage: $0 DIST_DIR" >&2; exit 2; }
shopt -s nullglob
wheels=("$1"/python/bookto_verify-*-cp39-abi3-*manylinux*_aarch64.whl)
[ ${#wheels[@]} -eq 1 ] || { echo "expected one manylinux aarch64 wheel in $1/python, found ${#wheels[@]}" >&2; exit 1; }
wheel="$(cd "$(dirname "${wheels[0]}")" && pwd)/$(basename "${wheels[0]}")"

rootfs="$("$here/arm64-rootfs.sh")"
python=("qemu-aarch64-static" -L "$rootfs" "$rootfs/usr/bin/python3.11")

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step "qemu-python: unpack $(basename "$wheel")"
python3 -m zipfile -e "$wheel" "$work/site"

step "qemu-python: the arm64 interpreter imports the wheel's aarch64 module"
PYTHONPATH="$work/site" "${python[@]}" -I -c '
import sys, platform
sys.path.insert(0, sys.argv[1])
import bookto_verify, bookto_verify._native as native
assert platform.machine() == "aarch64", platform.machine()
assert native.__file__.startswith(sys.argv[1]), native.__file__
print(f"CPython {platform.python_version()} on {platform.machine()}: {native.__file__}")
' "$work/site"

step "qemu-python: every fixture vector (bindings-python/tests/other_pythons.py)"
out="$work/vectors.log"
PYTHONPATH="$work/site" "${python[@]}" "$root/bindings-python/tests/other_pythons.py" | tee "$out"
# other_pythons.py prints "python X.Y.Z: all N vectors pass" only when all passed.
count=$(sed -n 's/.*: all \([0-9]\+\) vectors pass$/\1/p' "$out")
expected=$(python3 "$here/python_vectors.py" "$root/fixtures")
[ -n "$count" ] && [ "$count" -eq "$expected" ] || {
  echo "qemu-python: ran ${count:-0} vectors, the fixtures hold $expected" >&2
  exit 1
}
echo "qemu-python: $count/$expected vectors pass on aarch64 (qemu-user, $(basename "$wheel"))"

#!/usr/bin/env bash
# The manylinux2014 x86_64 wheel in DIST_DIR, run in the OLDEST Debian
# userland the reachable apt archive offers, by that userland's own python3
# (chroot: its glibc, its loader, its CPython; nothing of the host's).
#
#   scripts/release/oldglibc-python.sh DIST_DIR
#
# Suites tried, oldest first (override: OLDGLIBC_SUITES="buster bullseye"):
#   buster   glibc 2.28, python 3.7: too old for an abi3-py39 wheel; if it can be
#            fetched, its loader resolves the module's glibc symbols
#            (LD_BIND_NOW, every undefined symbol listed; only Py* may remain).
#   bullseye glibc 2.31, python 3.9: the wheel imports and runs every vector.
# On 2026-12-03 deb.debian.org no longer serves buster (404) and
# archive.debian.org is unreachable, so bullseye is the oldest here.
# Userlands are cached under $CACHE_DIR/oldglibc-<suite> (mmdebstrap, extract
# variant). Exits non-zero unless at least one userland ran every vector.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/lib.sh" # step, CACHE_DIR, ensure_apt

[ $# -eq 1 ] || { echo "usage: $0 DIST_DIR" >&2; exit 2; }
shopt -s nullglob
wheels=("$1"/python/bookto_verify-*-cp39-abi3-*manylinux*_x86_64.whl)
[ ${#wheels[@]} -eq 1 ] || { echo "expected one manylinux x86_64 wheel in $1/python, found ${#wheels[@]}" >&2; exit 1; }
wheel="$(cd "$(dirname "${wheels[0]}")" && pwd)/$(basename "${wheels[0]}")"
read -r -a suites <<<"${OLDGLIBC_SUITES:-buster bullseye}"

ensure_apt mmdebstrap mmdebstrap

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m zipfile -e "$wheel" "$work/site"
expected=$(python3 "$here/python_vectors.py" "$root/fixtures")

passed=()
for suite in "${suites[@]}"; do
  dir="$CACHE_DIR/oldglibc-$suite"
  step "oldglibc: Debian $suite userland ($dir)"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    if ! mmdebstrap --quiet --variant=extract --include=libc6,python3 "$suite" "$dir" 2>"$work/mmdebstrap.log"; then
      echo "  $suite: not obtainable from the apt archive here ($(tail -n 1 "$work/mmdebstrap.log"))"
      rm -rf "$dir"
      continue
    fi
    touch "$dir/.complete"
  fi
  glibc=$(chroot "$dir" /usr/bin/python3 -c 'import platform; print(platform.libc_ver()[1])' 2>/dev/null ||
    ls "$dir"/lib/x86_64-linux-gnu/ | sed -n 's/^libc-\([0-9.]*\)\.so$/\1/p')
  pyver=$(chroot "$dir" /usr/bin/python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  echo "  $suite: glibc $glibc, python $pyver"

  # The module's symbols against this glibc, by this loader, all bound now.
  rm -rf "$dir/tmp/bookto-verify" && mkdir -p "$dir/tmp/bookto-verify"
  cp "$work/site/bookto_verify/_native.abi3.so" "$dir/tmp/bookto-verify/"
  # (The extract variant has no coreutils: the userland's python sets the
  # environment and execs its loader.)
  trace=$(chroot "$dir" /usr/bin/python3 -c '
import os
os.execve("/lib64/ld-linux-x86-64.so.2", ["ld.so", "/tmp/bookto-verify/_native.abi3.so"],
          {"LD_TRACE_LOADED_OBJECTS": "1", "LD_WARN": "yes", "LD_BIND_NOW": "yes"})' 2>&1) || true
  unresolved=$(grep -E 'undefined symbol|not found|version `' <<<"$trace" | grep -vE 'undefined symbol: _?Py' || true)
  # Bound now: the interpreter's own symbols show up as undefined, proving the
  # loader processed every relocation; glibc's must all resolve.
  if [ -n "$unresolved" ] || ! grep -q 'libc.so.6 => ' <<<"$trace" ||
    ! grep -q 'undefined symbol: Py' <<<"$trace"; then
    echo "$trace" >&2
    echo "oldglibc: $suite's loader cannot resolve the module: $unresolved" >&2
    exit 1
  fi
  echo "  $suite: every glibc symbol of _native.abi3.so resolves (only Py* left for the interpreter)"

  if [ "$(printf '%s\n' "$pyver" 3.9 | sort -V | head -n 1)" != 3.9 ]; then
    echo "  $suite: python $pyver < 3.9, cannot import an abi3-py39 wheel (load check only)"
    continue
  fi
  rm -rf "$dir/tmp/bookto-verify"
  mkdir -p "$dir/tmp/bookto-verify/bindings-python"
  cp -r "$work/site" "$dir/tmp/bookto-verify/site"
  cp -r "$root/bindings-python/tests" "$dir/tmp/bookto-verify/bindings-python/tests"
  cp -r "$root/fixtures" "$dir/tmp/bookto-verify/fixtures"
  out=$(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin PYTHONPATH=/tmp/bookto-verify/site \
    chroot "$dir" /usr/bin/python3 -c '
import platform, runpy, sys
import bookto_verify._native as native
assert native.__file__.startswith("/tmp/bookto-verify/site/"), native.__file__
print("glibc", platform.libc_ver()[1], "python", platform.python_version(), native.__file__)
sys.argv = ["other_pythons.py"]
runpy.run_path("/tmp/bookto-verify/bindings-python/tests/other_pythons.py", run_name="__main__")
')
  echo "$out" | sed 's/^/  /'
  count=$(sed -n 's/.*: all \([0-9]\+\) vectors pass$/\1/p' <<<"$out")
  [ -n "$count" ] && [ "$count" -eq "$expected" ] || {
    echo "oldglibc: $suite ran ${count:-0} vectors, the fixtures hold $expected" >&2
    exit 1
  }
  rm -rf "$dir/tmp/bookto-verify"
  passed+=("$suite (glibc $glibc, python $pyver): $count/$expected vectors")
done

[ ${#passed[@]} -gt 0 ] || { echo "oldglibc: no userland ran the vectors" >&2; exit 1; }
echo "oldglibc: $(basename "$wheel") passes in ${passed[*]}"

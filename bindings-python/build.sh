#!/usr/bin/env bash
# Builds the bookto-verify wheel and installs it, with the pinned test
# dependencies, into a FRESH venv (default: $CACHE_DIR/python/venv), never
# into the repo. Used by test.sh and demo.sh.
#
#   bindings-python/build.sh [VENV_DIR]
#
# Cached under $CACHE_DIR/python (~/.cache/bookto-verify): the build tools'
# venv and a wheelhouse of the test dependencies, each keyed by its pins, so a
# warm run downloads nothing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
. "$root/scripts/lib.sh"

python="${PYTHON:-python3}"
py_cache="$CACHE_DIR/python"
venv="${1:-$py_cache/venv}"
mkdir -p "$py_cache"

# A cache key: the interpreter's version and the content of the given files.
key() { { "$python" -VV; cat "$@"; } | sha256sum | cut -c1-16; }
pip_quiet=(--quiet --disable-pip-version-check)

tools="$py_cache/tools-$(key "$here/requirements-build.txt")"
if [ ! -x "$tools/bin/maturin" ] || [ ! -f "$tools/.complete" ]; then
  step "python: build tools (maturin, zig, uv)"
  rm -rf "$tools"
  "$python" -m venv "$tools"
  "$tools/bin/pip" install "${pip_quiet[@]}" -r "$here/requirements-build.txt"
  touch "$tools/.complete"
fi

wheelhouse="$py_cache/wheelhouse-$(key "$here/requirements-test.txt")"
if [ ! -f "$wheelhouse/.complete" ]; then
  step "python: test dependencies (wheelhouse)"
  rm -rf "$wheelhouse"
  "$tools/bin/pip" wheel "${pip_quiet[@]}" --wheel-dir "$wheelhouse" -r "$here/requirements-test.txt"
  touch "$wheelhouse/.complete"
fi

step "python: maturin build --release (manylinux2014 via zig)"
wheels="$py_cache/wheels"
rm -rf "$wheels"
# maturin finds zig through `python -m ziglang` of the first python on PATH.
PATH="$tools/bin:$PATH" maturin build --release --locked \
  --zig --compatibility manylinux2014 \
  --manifest-path "$here/Cargo.toml" --out "$wheels"
wheel=$(ls "$wheels"/bookto_verify-*-cp39-abi3-*.whl)

step "python: fresh venv with the wheel ($venv)"
if [ -e "$venv" ]; then
  # Deleting a venv can take seconds on this filesystem: move it aside and
  # let it go in the background.
  old="$venv.old.$$"
  mv "$venv" "$old"
  rm -rf "$old" &
fi
export UV_CACHE_DIR="$py_cache/uv-cache" UV_PYTHON_DOWNLOADS=never
"$tools/bin/uv" venv --quiet --python "$python" "$venv"
"$tools/bin/uv" pip install --quiet --python "$venv/bin/python" --offline --no-index \
  --find-links "$wheelhouse" -r "$here/requirements-test.txt" "$wheel"

#!/usr/bin/env bash
# The Python package's tests, from a fresh machine: builds the wheel
# (build.sh), installs it into a fresh venv under ~/.cache/bookto-verify, and
# runs pytest against the INSTALLED package (from a temp dir, importlib mode:
# the source tree is never on sys.path), then every fixture vector through the
# same wheel under each other CPython found (3.9-3.13, via pyenv), mypy's
# stubtest and a strict mypy run over the installed package.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
. "$root/scripts/lib.sh"

venv="$CACHE_DIR/python/venv-test"
"$here/build.sh" "$venv"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

step "python: pytest (installed wheel)"
rc=0
"$venv/bin/pytest" -c "$here/pyproject.toml" --rootdir "$here" -q "$here/tests" || rc=$?
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
elif [ "$rc" -ne 0 ]; then
  exit "$rc"
fi

step "python: the same abi3 wheel under the other CPythons found (3.9, 3.10, 3.12, 3.13)"
wheel=$(ls "$CACHE_DIR"/python/wheels/bookto_verify-*-cp39-abi3-*.whl)
"$venv/bin/python" -m zipfile -e "$wheel" "$work/wheel"
ran=0
for version in 3.9 3.10 3.12 3.13; do
  other=""
  if command -v pyenv >/dev/null; then
    found=$(pyenv versions --bare 2>/dev/null | grep -E "^${version//./\\.}\.[0-9]+$" | tail -n 1 || true)
    [ -n "$found" ] && other="$(pyenv root)/versions/$found/bin/python$version"
  fi
  [ -x "$other" ] || other="$(command -v "/usr/bin/python$version" || true)"
  [ -n "$other" ] && [ -x "$other" ] || continue
  PYTHONPATH="$work/wheel" "$other" "$here/tests/other_pythons.py"
  ran=$((ran + 1))
done
[ "$ran" -gt 0 ] || echo "(no other CPython found: only $("$venv/bin/python" -V) was tested)"

step "python: stubtest (the .pyi matches the native module)"
mypy_cache=(--cache-dir "$CACHE_DIR/python/mypy-cache")
"$venv/bin/python" -m mypy.stubtest bookto_verify._native --mypy-config-file "$here/pyproject.toml"

step "python: mypy --strict (installed package and examples)"
"$venv/bin/python" -m mypy --config-file "$here/pyproject.toml" "${mypy_cache[@]}" --strict -p bookto_verify
"$venv/bin/python" -m mypy --config-file "$here/pyproject.toml" "${mypy_cache[@]}" --strict "$here/examples/demo.py"

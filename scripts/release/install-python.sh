#!/usr/bin/env bash
# Installs the release the way users will, from DIST_DIR/python only:
#  1. DIST_DIR/python served as a PEP 503 simple index on 127.0.0.1 (a free
#     port, python -m http.server), then `pip install bookto-verify
#     --index-url http://127.0.0.1:PORT/simple/` (no other index) in a fresh
#     venv, which must pick this machine's manylinux x86_64 wheel, and
#     bindings-python/examples/demo.py run with it;
#  2. the sdist alone, built from source (`--no-binary bookto-verify`, the Rust
#     toolchain compiles it; maturin comes from PyPI as its build requirement)
#     in another fresh venv, then every fixture vector run with the tests and
#     fixtures the sdist itself ships.
#
#   scripts/release/install-python.sh DIST_DIR
#
# The server is killed on exit (trap). The source build compiles from scratch
# in the temporary folder, as a user's would.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/scripts/lib.sh"

[ $# -eq 1 ] || { echo "usage: $0 DIST_DIR" >&2; exit 2; }
dist="$(cd "$1/python" && pwd)"
python="${PYTHON:-python3}"
shopt -s nullglob
sdists=("$dist"/bookto_verify-*.tar.gz)
[ ${#sdists[@]} -eq 1 ] || { echo "expected one sdist in $dist, found ${#sdists[@]}" >&2; exit 1; }
sdist="${sdists[0]}"

work="$(mktemp -d)"
server=""
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  [ -z "$server" ] || wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
pip_flags=(--quiet --disable-pip-version-check --no-cache-dir)

step "install: PEP 503 index of $dist on 127.0.0.1"
mkdir -p "$work/index/simple/bookto-verify"
links=""
for f in "$dist"/*.whl "$dist"/*.tar.gz; do
  name="$(basename "$f")"
  ln -s "$f" "$work/index/simple/bookto-verify/$name"
  sha=$(sha256sum "$f" | cut -d' ' -f1)
  links+="<a href=\"$name#sha256=$sha\" data-requires-python=\"&gt;=3.9\">$name</a><br>"$'\n'
done
printf '<!DOCTYPE html><html><body>\n%s</body></html>\n' "$links" >"$work/index/simple/bookto-verify/index.html"
printf '<!DOCTYPE html><html><body><a href="bookto-verify/">bookto-verify</a></body></html>\n' >"$work/index/simple/index.html"
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$python" -m http.server --bind 127.0.0.1 --directory "$work/index" "$port" >"$work/server.log" 2>&1 &
server=$!
"$python" - "http://127.0.0.1:$port/simple/bookto-verify/" <<'EOF_PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(sys.argv[1], timeout=1).read()
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit(f"the index server did not answer at {sys.argv[1]}")
EOF_PY
echo "  serving $(ls "$dist" | wc -l) files at http://127.0.0.1:$port/simple/"

step "install: pip install bookto-verify --index-url http://127.0.0.1:$port/simple/ (fresh venv)"
"$python" -m venv "$work/venv-index"
"$work/venv-index/bin/pip" install "${pip_flags[@]}" --index-url "http://127.0.0.1:$port/simple/" bookto-verify
installed=$("$work/venv-index/bin/python" -c '
import importlib.metadata as m
d = m.distribution("bookto-verify")
print(d.version, [l.split(": ", 1)[1] for l in d.read_text("WHEEL").splitlines() if l.startswith("Tag: ")])')
echo "  installed: bookto-verify $installed"
grep -q "manylinux" <<<"$installed" || { echo "install: pip did not pick a manylinux wheel: $installed" >&2; exit 1; }
grep -q '"GET /simple/bookto-verify/' "$work/server.log" || { echo "install: the local index was not used" >&2; exit 1; }

step "install: bindings-python/examples/demo.py with the installed wheel"
(cd "$work" && "$work/venv-index/bin/python" "$root/bindings-python/examples/demo.py")

step "install: from the sdist alone ($(basename "$sdist")), built from source"
"$python" -m venv "$work/venv-sdist"
# A fresh target dir: the sdist unpacks with its archive mtimes into a new
# folder each time, and cargo would take a cached build of older sources as fresh.
export CARGO_TARGET_DIR="$work/target"
"$work/venv-sdist/bin/pip" install "${pip_flags[@]}" --no-binary bookto-verify "$sdist"
"$work/venv-sdist/bin/python" -c '
import importlib.metadata as m, bookto_verify._native as n
d = m.distribution("bookto-verify")
print("  built here:", [l for l in d.read_text("WHEEL").splitlines() if l.startswith(("Generator", "Tag"))], n.__file__)'

step "install: every vector, with the sdist's own tests and fixtures"
mkdir -p "$work/src"
tar -xzf "$sdist" -C "$work/src"
src=$(echo "$work"/src/bookto_verify-*)
out=$(cd "$work" && "$work/venv-sdist/bin/python" "$src/bindings-python/tests/other_pythons.py")
echo "  $out"
count=$(sed -n 's/.*: all \([0-9]\+\) vectors pass$/\1/p' <<<"$out")
expected=$("$python" "$here/python_vectors.py" "$src/fixtures")
[ -n "$count" ] && [ "$count" -eq "$expected" ] && [ "$count" -gt 0 ] || {
  echo "install: the sdist build ran ${count:-0} vectors, its fixtures hold $expected" >&2
  exit 1
}
echo "install: index install + demo ok; sdist build passes $count/$expected vectors"

#!/usr/bin/env bash
# The cross-language benchmark report (issue 6), in one command:
#
#   bash benches/compare/run.sh [--quick] [--no-build] [--only python,node,deno,bun,workerd,rust]
#
# Installs the pinned alternatives (requirements.txt, package-lock.json) under
# ~/.cache/bookto-verify/compare, builds our packages with the bindings' own
# build scripts, runs every runtime in one go (compare.py) and writes
# benches/RESULTS.md and benches/results.svg.
#   --quick     few rounds: for development, noisy
#   --no-build  reuse the bindings' last build outputs instead of rebuilding
#   --only      a subset of the runtimes
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../../scripts/lib.sh
. "$root/scripts/lib.sh"

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) args+=("$arg") ;;
  esac
done

cache="$CACHE_DIR/compare"
mkdir -p "$cache"
python="${PYTHON:-python3}"
# A cache key: the given files' content (and the interpreter's version).
key() { { "$python" -VV; cat "$@"; } | sha256sum | cut -c1-16; }

# ------------------------------------------------------------ the alternatives
venv="$cache/venv-$(key "$here/requirements.txt")"
if [ ! -f "$venv/.complete" ]; then
  step "compare: Python alternatives (pinned, $venv)"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  touch "$venv/.complete"
fi

npm_dir="$cache/npm-$(key "$here/package.json" "$here/package-lock.json")"
if [ ! -f "$npm_dir/.complete" ]; then
  step "compare: npm alternatives (pinned, $npm_dir)"
  rm -rf "$npm_dir"
  mkdir -p "$npm_dir"
  cp "$here/package.json" "$here/package-lock.json" "$npm_dir/"
  (cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error)
  touch "$npm_dir/.complete"
fi
cp "$here/deps.mjs" "$npm_dir/"

# ------------------------------------------------------------ our packages
if [ "$build" = 1 ]; then
  # Its own venv argument: the default one ($CACHE_DIR/python/venv) is the tests'.
  bash "$root/bindings-python/build.sh" "$cache/python-build-venv"
  bash "$root/bindings-node/build.sh"
  step "compare: bindings-wasm/build.sh (the wasm rows are skipped if it fails)"
  bash "$root/bindings-wasm/build.sh" || echo "compare: the wasm build failed; Deno, Bun, workerd and the wasm rows will be skipped" >&2
fi

step "compare: install our packages into the comparison's folders"
wheel="$(ls "$CACHE_DIR"/python/wheels/bookto_verify-*-cp39-abi3-*.whl 2>/dev/null | head -n 1 || true)"
if [ -n "$wheel" ]; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"
elif ! "$venv/bin/python" -c "import bookto_verify" 2>/dev/null; then
  echo "compare: no bookto-verify wheel in $CACHE_DIR/python/wheels: run without --no-build" >&2
  exit 1
fi

# The Node package as users get it: packed as published (pack.sh: the main
# tarball and the host's platform package), unpacked where npm would put them.
ours_node="$cache/ours-node"
ls "$root"/bindings-node/*.node >/dev/null 2>&1 || { echo "compare: no native addon in bindings-node/: run without --no-build" >&2; exit 1; }
rm -rf "$ours_node"
mkdir -p "$ours_node/dist"
"$root/bindings-node/pack.sh" "$ours_node/dist" "$root/bindings-node" >/dev/null
for tarball in "$ours_node"/dist/*.tgz; do
  name="$(tar -xzOf "$tarball" package/package.json | node -p 'JSON.parse(require("fs").readFileSync(0)).name')"
  mkdir -p "$ours_node/node_modules/$name"
  tar -xzf "$tarball" -C "$ours_node/node_modules/$name" --strip-components=1
done
node -e 'const api = require(process.argv[1]); if (api.backend !== "native") throw new Error(`compare: @bookto/verify loaded ${api.backend}, not the native addon`);' \
  "$ours_node/node_modules/@bookto/verify/index.js"

# A copy of the wasm package, so a rebuild elsewhere cannot change it mid-run.
ours_wasm=""
pkg="$root/bindings-wasm/pkg"
if [ -f "$pkg/index.js" ] && [ -f "$pkg/wasm-inline.js" ] && [ -f "$pkg/bookto_verify_wasm_bg.wasm" ]; then
  ours_wasm="$cache/ours-wasm"
  rm -rf "$ours_wasm"
  cp -R "$pkg" "$ours_wasm"
fi

# deno, bun and workerd from npm: the wasm package's, else our own pinned copy.
bin="$root/bindings-wasm/node_modules/.bin"
if [ -n "$ours_wasm" ] && ! { [ -x "$bin/deno" ] && [ -x "$bin/bun" ] && [ -x "$bin/workerd" ]; }; then
  runtimes="$cache/runtimes"
  if [ ! -f "$runtimes/.complete" ]; then
    step "compare: deno, bun, workerd from npm ($runtimes)"
    rm -rf "$runtimes"
    mkdir -p "$runtimes"
    (cd "$runtimes" && echo '{ "private": true }' >package.json &&
      npm install --no-audit --no-fund --loglevel=error --save-exact deno@2.9.6 bun@1.4.5 workerd@1.20260426.1)
    touch "$runtimes/.complete"
  fi
  bin="$runtimes/node_modules/.bin"
fi

export BOOKTO_CMP_NATIVE="$ours_node/node_modules/@bookto/verify/index.js"
export BOOKTO_CMP_NPM="$npm_dir"
export BOOKTO_CMP_WASM_PKG="$ours_wasm"
export BOOKTO_CMP_BIN="$bin"
export BOOKTO_CMP_CACHE="$cache"
step "compare: run"
"$venv/bin/python" "$here/compare.py" "${args[@]}"

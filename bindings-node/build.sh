#!/usr/bin/env bash
# Builds the host's native addon (bookto-verify.<platform>.node) in release
# mode, its types (native.d.ts, committed) and the CommonJS build of the JS API
# (js/api.cjs, from js/api.mjs). Shared by test.sh, demo.sh and the release.
# Installs the npm dev dependencies first if missing.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x node_modules/.bin/napi ] || [ ! -x node_modules/.bin/esbuild ]; then
  npm ci --no-audit --no-fund
fi
# --no-js: native.cjs is our own loader (it falls back to wasm and stays out
# of bundlers' way); napi generates only the addon and its types.
npx napi build --platform --release --no-js --dts native.d.ts -- --locked
./build-js.sh

#!/usr/bin/env bash
# Builds the native addon (bookto-verify.<platform>.node) in release mode and
# regenerates its loader and types (native.cjs, native.d.ts). Shared by
# test.sh and demo.sh. Installs the npm dev dependencies first if missing.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x node_modules/.bin/napi ]; then
  npm ci --no-audit --no-fund
fi
npx napi build --platform --release --js native.cjs --dts native.d.ts -- --locked

#!/usr/bin/env bash
# Every test of the wasm package, from a fresh clone: builds pkg/ (build.sh
# installs the rustup target, the pinned npm dev dependencies and
# wasm-bindgen-cli), packs it with `npm pack`, installs the tarball into a fresh
# folder that mirrors the repository layout, and runs everything against THAT
# copy: the fixture vectors in Node, Deno, Bun and workerd (one shared runner,
# bindings-node/test/vectors.mjs), node --test checks, tsc on an edge usage
# file, and the README's edge examples (workerd, miniflare, Next.js middleware
# in workerd, Deno, Bun) answering real HTTP requests on 127.0.0.1.
# Caches only under $HOME (npm, cargo); the temporary folder is removed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
# shellcheck source=../scripts/lib.sh
. "$repo/scripts/lib.sh"
cd "$here"

step "wasm: npm ci"
npm ci --no-audit --no-fund --loglevel=error

step "wasm: build"
./build.sh

bin="$here/node_modules/.bin"
work="$(mktemp -d "${TMPDIR:-/tmp}/bookto-verify-wasm.XXXXXX")"
trap 'rm -rf "$work"' EXIT

step "wasm: npm pack"
tarball="$work/$(cd pkg && npm pack --silent --pack-destination "$work" | tail -n 1)"
ls -l "$tarball"

step "wasm: install the tarball and @bookto/verify into a fresh folder"
# The same relative layout as the repository, so the tests' imports of
# ../../fixtures and ../../bindings-node/test/vectors.mjs hold there too.
app="$work/app/bindings-wasm"
mkdir -p "$app" "$work/app/bindings-node/test" "$work/app/fixtures"
cp -R "$repo/fixtures/"*.json "$repo/fixtures/events" "$work/app/fixtures/"
cp "$repo/bindings-node/test/vectors.mjs" "$repo/bindings-node/test/properties.mjs" "$work/app/bindings-node/test/"
mkdir -p "$work/app/bindings-node/js"
cp "$repo/bindings-node/index.d.ts" "$work/app/bindings-node/"
cp "$repo/bindings-node/js/api.mjs" "$work/app/bindings-node/js/"
cp -R test examples README.md "$app/"
printf '{ "name": "bookto-verify-wasm-install-test", "private": true, "type": "module" }\n' >"$app/package.json"
# With @bookto/verify (no addon: its platform packages are not built here),
# as `npm i @bookto/verify` installs both: the edge examples import it.
"$repo/bindings-node/pack.sh" "$work/main" "$work/main" >/dev/null
(cd "$app" && npm install --no-audit --no-fund --prefer-offline --loglevel=error "$tarball" "$work"/main/bookto-verify-0*.tgz)

cd "$app"
step "wasm: vectors in Node"
node test/vectors.run.mjs

step "wasm: vectors in Deno (no permissions)"
"$bin/deno" run --no-prompt test/vectors.run.mjs

step "wasm: vectors in Bun"
"$bin/bun" test/vectors.run.mjs

step "wasm: fast-check properties (bindings-node/test/properties.mjs) in Node, Deno and Bun"
export FAST_CHECK="file://$here/node_modules/fast-check/lib/fast-check.js"
node test/properties.run.mjs
"$bin/deno" run --no-prompt --allow-read --allow-env=FAST_CHECK test/properties.run.mjs
"$bin/bun" test/properties.run.mjs

step "wasm: node --test (types drift, backend errors, no traps, no secrets, README examples)"
node --test test/node.test.mjs

step "wasm: tsc --noEmit on an edge usage file (web globals only)"
"$bin/tsc" -p test/types
echo "types ok"

step "wasm: vectors in workerd; the README's edge examples over HTTP (workerd, miniflare, Next.js middleware, Deno, Bun)"
BOOKTO_WASM_TOOLS="$here" node test/edge.run.mjs

step "wasm: npm i @bookto/verify in a browser (esbuild for the browser, headless Chromium)"
if ! command -v chromium >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
BOOKTO_WASM_TOOLS="$here" node test/browser.run.mjs

step "wasm: @bookto/verify routes edge runtimes to this build (packed as published, with the host's addon)"
"$repo/bindings-node/build.sh" >/dev/null
"$repo/bindings-node/pack.sh" "$work/node-dist" "$repo/bindings-node" >/dev/null
routing="$work/routing"
mkdir -p "$routing"
cp test/routing.mjs "$routing/"
printf '{ "name": "bookto-verify-routing-test", "private": true, "type": "module" }\n' >"$routing/package.json"
(cd "$routing" && npm install --no-audit --no-fund --prefer-offline --loglevel=error "$work"/node-dist/*.tgz "$tarball")
(cd "$routing" && node routing.mjs /index.mjs native && "$bin/bun" routing.mjs /index.mjs native &&
  "$bin/deno" run --no-prompt --allow-read routing.mjs /js/wasm.mjs wasm)

step "wasm: all tests passed"

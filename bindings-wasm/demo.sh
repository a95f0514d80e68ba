#!/usr/bin/env bash
# wasm demo: builds pkg/ (build.sh, as test.sh does), then signs and verifies
# fixtures/events/order-paid.json through the WebAssembly build in Node and
# shows four failures.
set -euo pipefail
cd "$(dirname "$0")"
./build.sh >&2
# The Node demo, run over this build: one demo for both.
node ../bindings-node/examples/demo.mjs "$PWD/pkg/index.js"

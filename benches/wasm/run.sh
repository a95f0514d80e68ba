#!/usr/bin/env bash
# The wasm benchmark (a benchmark script, not a timed test): builds
# bindings-wasm/pkg/, then in Node, Deno, Bun and workerd measures wasm
# verifySignature against the awaited WebCrypto HMAC verify on the 866-byte
# sample (same run, medians after warm-up) and 1 MiB throughput, and prints
# the figures against issue 5's targets. Exits 0 either way.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=../../scripts/lib.sh
. "$repo/scripts/lib.sh"
cd "$repo"

"$repo/bindings-wasm/build.sh"
bin="$repo/bindings-wasm/node_modules/.bin"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT

step "Node"
node benches/wasm/bench.mjs | tee -a "$results"
step "Deno"
"$bin/deno" run --allow-read benches/wasm/bench.mjs | tee -a "$results"
step "Bun"
"$bin/bun" benches/wasm/bench.mjs | tee -a "$results"
step "workerd"
node benches/wasm/workerd.mjs | tee -a "$results"

step "against the targets"
node benches/wasm/report.mjs "$results"

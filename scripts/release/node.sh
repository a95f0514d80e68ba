#!/usr/bin/env bash
# Builds the npm release artifacts into DIST_DIR/npm/: the native addon for
# every platform, cross-built on this Linux machine, one tarball per platform
# package, the main @bookto/verify tarball and @bookto/verify-wasm.
#
#   scripts/release/node.sh DIST_DIR [PLATFORM...]
#
# PLATFORMs (default: all; the names of the napi-rs layout):
#   linux-x64-gnu linux-arm64-gnu     cargo-zigbuild, glibc 2.17 floor
#   linux-x64-musl linux-arm64-musl   cargo-zigbuild, -crt-static (a shared object)
#   darwin-x64 darwin-arm64           cargo-zigbuild (macOS 10.13 / 11.0)
#   win32-x64-msvc                    mingw-w64 (x86_64-pc-windows-gnu) and
#   win32-arm64-msvc                  zig (aarch64-pc-windows-gnullvm), with napi's
#                                     dyn-symbols, published under the names
#                                     official Node asks for (MSVC cannot link here)
# The wasm package is always built (bindings-wasm/build.sh); PLATFORMs limit
# only the addons. Cargo builds into $CACHE_DIR/target-release.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/lib.sh"

all=(linux-x64-gnu linux-x64-musl linux-arm64-gnu linux-arm64-musl darwin-x64 darwin-arm64 win32-x64-msvc
  win32-arm64-msvc)
[ $# -ge 1 ] || { echo "usage: $0 DIST_DIR [PLATFORM...] (platforms: ${all[*]})" >&2; exit 2; }
mkdir -p "$1/npm"
out="$(cd "$1/npm" && pwd)"
shift
platforms=("$@")
[ ${#platforms[@]} -gt 0 ] || platforms=("${all[@]}")

release_venv
export CARGO_TARGET_DIR="$CACHE_DIR/target-release"
work="$(mktemp -d "${TMPDIR:-/tmp}/bookto-verify-node-release.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/addons" "$work/notices"

triple_of() {
  case "$1" in
    linux-x64-gnu) echo x86_64-unknown-linux-gnu ;;
    linux-arm64-gnu) echo aarch64-unknown-linux-gnu ;;
    linux-x64-musl) echo x86_64-unknown-linux-musl ;;
    linux-arm64-musl) echo aarch64-unknown-linux-musl ;;
    darwin-x64) echo x86_64-apple-darwin ;;
    darwin-arm64) echo aarch64-apple-darwin ;;
    win32-x64-msvc) echo x86_64-pc-windows-gnu ;;
    win32-arm64-msvc) echo aarch64-pc-windows-gnullvm ;;
    *) echo "unknown platform $1" >&2; return 1 ;;
  esac
}

build_addon() { # build_addon PLATFORM
  local platform=$1 triple lib
  triple=$(triple_of "$platform")
  ensure_rust_target "$triple"
  step "node release: $platform ($triple)"
  case "$platform" in
    linux-*-gnu)
      cargo zigbuild --release --locked -p bookto-verify-node --target "$triple.2.17"
      lib="$CARGO_TARGET_DIR/$triple/release/libbookto_verify_node.so" ;;
    linux-*-musl)
      # musl targets link the C runtime statically by default, which rules
      # out a shared object; the addon uses the musl libc of the Node it loads in.
      env "CARGO_TARGET_$(echo "$triple" | tr 'a-z-' 'A-Z_')_RUSTFLAGS=-C target-feature=-crt-static" \
        cargo zigbuild --release --locked -p bookto-verify-node --target "$triple"
      lib="$CARGO_TARGET_DIR/$triple/release/libbookto_verify_node.so" ;;
    darwin-*)
      if [ "$platform" = darwin-x64 ]; then export MACOSX_DEPLOYMENT_TARGET=10.13; else export MACOSX_DEPLOYMENT_TARGET=11.0; fi
      cargo zigbuild --release --locked -p bookto-verify-node --target "$triple"
      unset MACOSX_DEPLOYMENT_TARGET
      lib="$CARGO_TARGET_DIR/$triple/release/libbookto_verify_node.dylib" ;;
    win32-*)
      # napi-build links -lnode; with dyn-symbols (Cargo.toml, Windows only)
      # the addon looks N-API up in the host process at load time, so an
      # empty import library for node.exe is all the link needs.
      local libnode="$CACHE_DIR/libnode-stub/$triple"
      mkdir -p "$libnode"
      printf 'LIBRARY node.exe\nEXPORTS\n' >"$libnode/node.def"
      if [ "$platform" = win32-x64-msvc ]; then
        ensure_apt x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64-posix
        x86_64-w64-mingw32-dlltool -d "$libnode/node.def" -l "$libnode/libnode.dll.a"
        cp "$libnode/libnode.dll.a" "$libnode/libnode.dll"
        LIBNODE_PATH="$libnode" CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
          cargo build --release --locked -p bookto-verify-node --target "$triple"
      else
        python -m ziglang dlltool -m arm64 -d "$libnode/node.def" -l "$libnode/libnode.a"
        cp "$libnode/libnode.a" "$libnode/libnode.dll"
        # lld through zig; maturin's wrapper turns rustc's .def argument into
        # what zig's linker takes.
        printf '#!/bin/sh\nexec maturin zig cc -- -g -fno-sanitize=all -target aarch64-windows-gnu "$@"\n' >"$libnode/cc.sh"
        chmod +x "$libnode/cc.sh"
        LIBNODE_PATH="$libnode" CARGO_TARGET_AARCH64_PC_WINDOWS_GNULLVM_LINKER="$libnode/cc.sh" \
          cargo build --release --locked -p bookto-verify-node --target "$triple"
      fi
      lib="$CARGO_TARGET_DIR/$triple/release/bookto_verify_node.dll" ;;
  esac
  cp "$lib" "$work/addons/bookto-verify.$platform.node"
  mkdir -p "$work/notices/$platform"
  "$here/notices.sh" bookto-verify-node "$triple" "$work/notices/$platform/THIRD-PARTY-NOTICES" >/dev/null
}

(cd "$root/bindings-node" && { [ -x node_modules/.bin/napi ] || npm ci --no-audit --no-fund; } && ./build-js.sh)
for platform in "${platforms[@]}"; do build_addon "$platform"; done

step "node release: pack @bookto/verify and the platform packages"
rm -f "$out"/*.tgz
"$root/bindings-node/pack.sh" "$out" "$work/addons" "$work/notices"

step "node release: @bookto/verify-wasm"
"$root/bindings-wasm/build.sh"
"$here/notices.sh" bookto-verify-wasm wasm32-unknown-unknown "$root/bindings-wasm/pkg/THIRD-PARTY-NOTICES" >/dev/null
(cd "$root/bindings-wasm/pkg" && npm pack --silent --pack-destination "$out" >/dev/null)
ls -l "$out"

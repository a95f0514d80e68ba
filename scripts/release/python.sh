#!/usr/bin/env bash
# Builds the Python release artifacts into DIST_DIR/python/: abi3 wheels for
# every platform, cross-built on this Linux machine, and the sdist.
#
#   scripts/release/python.sh DIST_DIR [TARGET...]
#
# TARGETs (default: all of them):
#   manylinux2014-x86_64 manylinux2014-aarch64   maturin --zig, glibc 2.17 floor
#   musllinux-x86_64 musllinux-aarch64           maturin --zig, then NEEDED libc.so
#                                                -> libc.musl-<arch>.so.1 (patchelf)
#   macos-x86_64 macos-arm64                     maturin --zig (10.12 / 11.0)
#   windows-x64                                  mingw-w64 (windows-gnu)
#   windows-arm64                                aarch64-pc-windows-gnullvm, linked by
#                                                `maturin zig cc` (UCRT)
#   sdist                                        maturin sdist (fixtures included)
# Windows: `maturin --zig` hands the linker a .def exporting
# "PyInit_bookto_verify._native" (wrong), so it is not used there; x64 links
# with mingw-w64 from apt, arm64 with zig as a plain linker (no mingw arm64
# toolchain in Debian), maturin generating python3.dll's import library.
#
# The build tools and the checkers (maturin, ziglang, cargo-zigbuild, twine,
# abi3audit, auditwheel, lief, wheel: bindings-python/requirements-release.txt)
# live in the venv $CACHE_DIR/release-venv, rebuilt when the pins change; run
# scripts/release/check_python.py with its python:
#   ~/.cache/bookto-verify/release-venv/bin/python scripts/release/check_python.py DIST_DIR
# Cargo builds into $CACHE_DIR/target-release, away from the tests' target/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/lib.sh" # scripts/lib.sh (step, CACHE_DIR), release_venv, ensure_apt

all=(manylinux2014-x86_64 manylinux2014-aarch64 musllinux-x86_64 musllinux-aarch64
  macos-x86_64 macos-arm64 windows-x64 windows-arm64 sdist)
[ $# -ge 1 ] || { echo "usage: $0 DIST_DIR [TARGET...] (targets: ${all[*]})" >&2; exit 2; }
mkdir -p "$1/python"
out="$(cd "$1/python" && pwd)"
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
for target in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $target "* ]] || { echo "unknown target: $target (known: ${all[*]})" >&2; exit 2; }
done

binding="$root/bindings-python"
release_venv # $CACHE_DIR/release-venv, first on PATH
export CARGO_TARGET_DIR="$CACHE_DIR/target-release"

# maturin build into a scratch dir; echoes the wheel's path.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
build() { # build NAME RUST_TARGET MATURIN_ARGS...
  local name="$1" rust_target="$2"
  shift 2
  ensure_rust_target "$rust_target" >&2
  rm -rf "${scratch:?}/$name"
  maturin build --release --locked --manifest-path "$binding/Cargo.toml" \
    --target "$rust_target" --out "$scratch/$name" "$@" >&2
  ls "$scratch/$name"/bookto_verify-*.whl
}

# Replaces the wheels of one platform (GLOB) in $out with WHEEL.
publish() { # publish GLOB WHEEL
  rm -f "$out"/bookto_verify-*-$1.whl
  cp "$2" "$out/"
  echo "  -> $out/$(basename "$2") ($(stat -c %s "$2") bytes)"
}

# musllinux: zig links the module against `libc.so`; musl systems (and
# auditwheel) know the C library as libc.musl-<arch>.so.1.
musl_fix() { # musl_fix WHEEL ARCH
  local wheel="$1" arch="$2" dir="$scratch/unpacked-$2"
  rm -rf "$dir" && mkdir -p "$dir"
  wheel unpack --dest "$dir" "$wheel" >/dev/null
  local so
  so=$(find "$dir" -name '_native*.so')
  if patchelf --print-needed "$so" | grep -qx 'libc.so'; then
    patchelf --replace-needed libc.so "libc.musl-$arch.so.1" "$so"
  fi
  patchelf --print-needed "$so" | grep -qx "libc.musl-$arch.so.1" || {
    echo "musllinux-$arch: NEEDED lacks libc.musl-$arch.so.1: $(patchelf --print-needed "$so" | tr '\n' ' ')" >&2
    exit 1
  }
  rm -f "$wheel"
  wheel pack --dest-dir "$(dirname "$wheel")" "$dir"/bookto_verify-* >/dev/null
}

for target in "${targets[@]}"; do
  step "python release: $target"
  case "$target" in
    manylinux2014-x86_64 | manylinux2014-aarch64)
      arch="${target#manylinux2014-}"
      wheel=$(build "$target" "$arch-unknown-linux-gnu" --zig --compatibility manylinux2014)
      publish "manylinux*_$arch" "$wheel"
      ;;
    musllinux-x86_64 | musllinux-aarch64)
      arch="${target#musllinux-}"
      ensure_apt patchelf patchelf
      wheel=$(build "$target" "$arch-unknown-linux-musl" --zig --compatibility musllinux_1_2)
      musl_fix "$wheel" "$arch"
      publish "musllinux*_$arch" "$(ls "$scratch/$target"/bookto_verify-*.whl)"
      ;;
    macos-x86_64)
      wheel=$(MACOSX_DEPLOYMENT_TARGET=10.12 build "$target" x86_64-apple-darwin --zig)
      publish "macosx_*_x86_64" "$wheel"
      ;;
    macos-arm64)
      wheel=$(MACOSX_DEPLOYMENT_TARGET=11.0 build "$target" aarch64-apple-darwin --zig)
      publish "macosx_*_arm64" "$wheel"
      ;;
    windows-x64)
      ensure_apt x86_64-w64-mingw32-gcc-posix gcc-mingw-w64-x86-64-posix
      wheel=$(CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc-posix \
        build "$target" x86_64-pc-windows-gnu)
      publish "win_amd64" "$wheel"
      ;;
    windows-arm64)
      cat >"$scratch/zigcc-aarch64-windows.sh" <<'EOF_WRAPPER'
#!/bin/sh
exec maturin zig cc -- -g -fno-sanitize=all -target aarch64-windows-gnu "$@"
EOF_WRAPPER
      chmod +x "$scratch/zigcc-aarch64-windows.sh"
      wheel=$(CARGO_TARGET_AARCH64_PC_WINDOWS_GNULLVM_LINKER="$scratch/zigcc-aarch64-windows.sh" \
        build "$target" aarch64-pc-windows-gnullvm)
      publish "win_arm64" "$wheel"
      ;;
    sdist)
      rm -rf "$scratch/sdist"
      maturin sdist --manifest-path "$binding/Cargo.toml" --out "$scratch/sdist" >&2
      rm -f "$out"/bookto_verify-*.tar.gz
      sdist=$(ls "$scratch/sdist"/bookto_verify-*.tar.gz)
      cp "$sdist" "$out/"
      echo "  -> $out/$(basename "$sdist") ($(stat -c %s "$sdist") bytes)"
      ;;
    *)
      echo "unknown target: $target (known: ${all[*]})" >&2
      exit 2
      ;;
  esac
done
step "python release: $out"
ls -l "$out"

#!/usr/bin/env bash
# The whole release, from a fresh clone: every artifact into dist/, each
# checked structurally, then installed and run the way users will.
#
#   bash scripts/release.sh [--build-only]
#
# 1. Build (cross-built on this Linux machine; scripts/release/*.sh):
#    - Python: abi3 wheels for manylinux2014 x86_64/aarch64, musllinux_1_2
#      x86_64/aarch64, macOS x86_64/arm64, Windows x64/arm64, and the sdist;
#    - npm: @bookto/verify, its eight platform packages, @bookto/verify-wasm;
#    - crates: every publishable crate (`cargo package`, tested unpacked);
#    - dist/SHA256SUMS.
# 2. Check (scripts/release/check.py): format and architecture (`file`), the
#    module init export, auditwheel, the highest glibc symbol, macOS minimum,
#    twine and abi3audit, licences in every file list, sizes. One table; any
#    problem fails the release.
# 3. Install and run (skipped with --build-only): pip from a local index,
#    npm from a local registry (verdaccio) with --os/--cpu/--libc and the wasm
#    fallback, the arm64 wheel and addon under qemu-user, the x86_64 glibc
#    builds in the oldest Debian userland obtainable (bullseye).
# Takes longer than CI allows (about 20-30 minutes cold on 2 cores), so CI
# runs one cross-built artifact's check instead (scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/release/lib.sh

build_only=""
[ "${1:-}" != "--build-only" ] || build_only=1
dist="$PWD/dist"
rm -rf "$dist"
mkdir -p "$dist"

timings=()
timed() { # timed LABEL COMMAND...
  local label=$1 start=$SECONDS
  shift
  "$@"
  timings+=("$(printf '%-44s %5d s' "$label" $((SECONDS - start)))")
}
started=$SECONDS

timed "build: Python wheels and sdist" scripts/release/python.sh "$dist"
timed "build: npm packages (8 addons, wasm)" scripts/release/node.sh "$dist"
timed "build: crates (packaged, tested unpacked)" scripts/release/crates.sh "$dist"
(cd "$dist" && find . -type f ! -name SHA256SUMS -printf '%P\n' | sort | xargs sha256sum >SHA256SUMS)

release_venv
step "release: structural checks"
timed "check: every artifact" "$RELEASE_VENV/bin/python" scripts/release/check.py "$dist"

if [ -z "$build_only" ]; then
  timed "install: pip from a local index" scripts/release/install-python.sh "$dist"
  timed "install: npm from a local registry" scripts/release/install-node.sh "$dist"
  timed "run: arm64 wheel under qemu" scripts/release/qemu-python.sh "$dist"
  timed "run: arm64 addon under qemu" scripts/release/qemu-node.sh "$dist"
  timed "run: oldest glibc userland (wheel)" scripts/release/oldglibc-python.sh "$dist"
  timed "run: oldest glibc userland (addon)" scripts/release/oldglibc-node.sh "$dist"
fi

step "release: done in $((SECONDS - started)) s"
printf '%s\n' "${timings[@]}"

#!/usr/bin/env bash
# Packages every publishable crate of the workspace and proves each `.crate`
# stands on its own: unpacked outside the repository (no workspace, the
# Cargo.toml that cargo normalised), it must pass `cargo test`.
#
#   scripts/release/crates.sh DIST_DIR     # DIST_DIR/crates/<name>-<version>.crate, then the test
#   scripts/release/crates.sh --test-only  # the same into a temporary dir, removed afterwards
#
# Publishable = `publish` is not `[]` in `cargo metadata` (today only
# bookto-verify, from core/). `cargo package --no-verify`: the unpacked test
# below builds and tests more than cargo's own verify step would. The packages
# are made with --allow-dirty so the check runs on uncommitted work too; cargo
# records `"dirty": true` in .cargo_vcs_info.json then (`cargo publish` itself
# would still refuse a dirty tree).
#
# The unpacked crates go to $CACHE_DIR/crate-test/src (wiped first, file times
# reset so cargo never trusts a stale build), built in
# $CACHE_DIR/crate-test/target so dependencies stay compiled between runs; a
# lock serialises concurrent runs. Finally scripts/release/check_crate.py
# checks the tarballs (licence files, no symlinks, sizes).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/scripts/lib.sh"

usage() { echo "usage: $0 DIST_DIR | --test-only" >&2; exit 2; }
[ $# -eq 1 ] || usage
tmp_dist=""
cleanup() { [ -z "$tmp_dist" ] || rm -rf "$tmp_dist"; }
trap cleanup EXIT
if [ "$1" = "--test-only" ]; then
  tmp_dist="$(mktemp -d)"
  dist="$tmp_dist"
else
  case "$1" in -*) usage ;; esac
  mkdir -p "$1"
  dist="$(cd "$1" && pwd)"
fi
out="$dist/crates"
mkdir -p "$out"
cd "$root"

# name<TAB>version of every workspace member whose `publish` is not [].
mapfile -t crates < <(cargo metadata --format-version 1 --no-deps --locked |
  python3 -c '
import json, sys
for p in json.load(sys.stdin)["packages"]:
    if p["publish"] != []:
        print(p["name"] + "\t" + p["version"])')
[ ${#crates[@]} -gt 0 ] || { echo "no publishable crate found" >&2; exit 1; }

work="$CACHE_DIR/crate-test"
mkdir -p "$work"
exec 9>"$work/.lock"
flock 9

for entry in "${crates[@]}"; do
  name="${entry%%$'\t'*}"
  version="${entry#*$'\t'}"
  file="$name-$version.crate"

  step "crates: cargo package -p $name"
  cargo package -p "$name" --locked --no-verify --allow-dirty --quiet
  rm -f "$out/$file"
  cp "target/package/$file" "$out/$file"
  echo "$out/$file: $(stat -c %s "$out/$file") bytes"

  step "crates: cargo test in the unpacked $file (outside the repo)"
  src="$work/src"
  rm -rf "$src"
  mkdir -p "$src"
  # --touch: extracted files get the current time, so the shared target dir
  # never mistakes a different crate content for an up-to-date build.
  tar -xzf "$out/$file" -C "$src" --touch
  (
    cd "$src/$name-$version"
    # No workspace above it: cargo uses this Cargo.toml and Cargo.lock alone.
    CARGO_TARGET_DIR="$work/target" cargo test --locked --quiet
  )
done

step "crates: check the tarballs"
python3 "$here/check_crate.py" "$dist"

#!/usr/bin/env bash
# Constant time, measured deterministically: callgrind counts the instructions
# executed inside the signature comparison (SignatureEntries::contains) when
# the signature differs in its first byte, its last byte, or not at all.
# The three counts must be equal. Instruction counts do not depend on noise.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; }
cargo build --quiet --locked --profile profiling -p bookto-verify-benches --bin ct_probe
probe=target/profiling/ct_probe
out=$(mktemp -d)
declare -A counts
for case in first last none; do
  valgrind --tool=callgrind --callgrind-out-file="$out/$case.out" \
    --toggle-collect='*SignatureEntries*contains*' "$probe" "$case" >"$out/$case.log" 2>&1
  counts[$case]=$(callgrind_annotate "$out/$case.out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
  printf '%-5s %-22s comparison instructions: %s\n' "$case" "$(grep -E '^(first|last|none):' "$out/$case.log" | cut -d' ' -f2-)" "${counts[$case]}"
done
rm -rf "$out"
if [ -z "${counts[first]}" ] || [ "${counts[first]}" = 0 ]; then
  echo "constant time: the comparison was not found by callgrind" >&2; exit 1
fi
if [ "${counts[first]}" != "${counts[last]}" ] || [ "${counts[first]}" != "${counts[none]}" ]; then
  echo "constant time: instruction counts differ" >&2; exit 1
fi
echo "constant time: identical instruction counts (${counts[first]}) for first-byte, last-byte and no difference"

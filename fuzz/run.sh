#!/usr/bin/env bash
# Runs every fuzz target for a while (default 20 s each), seeded from fixtures/.
#   fuzz/run.sh            # 20 s per target (what the test command does)
#   fuzz/run.sh 600        # 10 minutes per target
#   fuzz/run.sh 600 verify # one target
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-20}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(signature_header timestamp parse_event verify)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
python3 seed.py >/dev/null
log=$(mktemp)
for target in "${targets[@]}"; do
  echo "fuzz: $target for ${seconds}s"
  if ! cargo +nightly fuzz run "$target" "corpus/$target" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "fuzz: $target failed; the input is in fuzz/artifacts/$target" >&2
    exit 1
  fi
  grep -E '^#[0-9]+.*DONE|^stat::(number_of_executed_units|peak_rss_mb)' "$log" || true
done
rm -f "$log"

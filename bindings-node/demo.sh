#!/usr/bin/env bash
# Node demo: builds the addon (build.sh, as test.sh does), then signs and
# verifies fixtures/events/order-paid.json and shows four failures.
set -euo pipefail
cd "$(dirname "$0")"
./build.sh >&2
node examples/demo.mjs

#!/usr/bin/env bash
# Builds and installs the wheel like test.sh (build.sh), then runs
# examples/demo.py with the installed package.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
. "$root/scripts/lib.sh"

venv="$CACHE_DIR/python/venv-demo"
"$here/build.sh" "$venv" >&2

step "python: examples/demo.py"
cd "$(mktemp -d)"
"$venv/bin/python" "$here/examples/demo.py"

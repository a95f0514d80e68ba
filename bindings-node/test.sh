#!/usr/bin/env bash
# Every test of the Node package, from a fresh clone: installs the pinned npm
# dev dependencies, builds the addon, packs it with `npm pack`, installs the
# tarball into a fresh folder and runs all tests against THAT copy (node --test,
# tsc --noEmit on the typed usage examples, the vectors under Bun).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
. "$repo/scripts/lib.sh"
cd "$here"

step "node: npm ci"
npm ci --no-audit --no-fund

step "node: build the addon (napi build --release)"
./build.sh

if git -C "$repo" ls-files --error-unmatch bindings-node/native.d.ts >/dev/null 2>&1; then
  step "node: the committed native.cjs/native.d.ts are what the build generates"
  git -C "$repo" diff --exit-code -- bindings-node/native.cjs bindings-node/native.d.ts \
    || { echo "regenerated native.cjs/native.d.ts differ from the committed ones: commit them" >&2; exit 1; }
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/bookto-verify-node.XXXXXX")"
trap 'rm -rf "$work"' EXIT

step "node: npm pack"
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -n 1)"
ls -l "$tarball"

step "node: install the tarball into a fresh folder"
app="$work/app"
mkdir -p "$app"
cp -R test examples "$app/"
# The consumer's other dependencies, at the versions pinned in package.json.
deps="$(node -p 'const d = require("./package.json").devDependencies;
  ["express", "fastify", "hono", "@types/node", "@types/express"].map((n) => `${n}@${d[n]}`).join(" ")')"
printf '{ "name": "bookto-verify-install-test", "private": true }\n' > "$app/package.json"
# shellcheck disable=SC2086
(cd "$app" && npm install --no-audit --no-fund --prefer-offline "$tarball" $deps)

step "node: node --test against the installed copy"
(cd "$app" && BOOKTO_FIXTURES="$repo/fixtures" BOOKTO_INSTALL_DIR="$app" node --test test/*.test.mjs)

step "node: tsc --noEmit on the typed usage examples"
"$here/node_modules/.bin/tsc" -p "$app/test/types"
echo "types ok"

step "node: the vectors under Bun (same .node)"
(cd "$app" && BOOKTO_FIXTURES="$repo/fixtures" "$here/node_modules/.bin/bun" test/bun.mjs)

step "node: all tests passed"

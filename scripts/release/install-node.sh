#!/usr/bin/env bash
# Installs the npm release the way users will: publishes DIST_DIR/npm/*.tgz to
# a local registry (verdaccio, from npm, on 127.0.0.1, no uplink), then in
# fresh folders:
#   - `npm i @bookto/verify` and the Node demo (the native addon loads);
#   - `npm i --os=X --cpu=Y [--libc=Z]` for darwin/arm64, win32/x64 and
#     linux/arm64 with musl: exactly that platform package plus the wasm one;
#   - the native addon made unavailable (`--omit=optional`, and a foreign-libc
#     addon under the host's name): every fixture vector passes through the
#     wasm fallback under require() and import.
#
#   scripts/release/install-node.sh DIST_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/lib.sh"

VERDACCIO_VERSION=6.8.0 # the last line that runs on Node 20
[ $# -eq 1 ] || { echo "usage: $0 DIST_DIR" >&2; exit 2; }
dist="$(cd "$1/npm" && pwd)"

tools="$CACHE_DIR/verdaccio-$VERDACCIO_VERSION"
if [ ! -x "$tools/node_modules/.bin/verdaccio" ]; then
  step "install: verdaccio $VERDACCIO_VERSION"
  npm install --prefix "$tools" --no-audit --no-fund --no-save --loglevel=error "verdaccio@$VERDACCIO_VERSION"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/bookto-verify-install.XXXXXX")"
pid=""
cleanup() {
  [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
registry="http://127.0.0.1:$port/"
cat >"$work/verdaccio.yaml" <<YAML
storage: $work/storage
auth:
  htpasswd:
    file: $work/htpasswd
uplinks: {}
packages:
  '**':
    access: \$all
    publish: \$authenticated
listen: 127.0.0.1:$port
log: { type: stdout, format: pretty, level: warn }
YAML
step "install: verdaccio on $registry"
"$tools/node_modules/.bin/verdaccio" --config "$work/verdaccio.yaml" >"$work/verdaccio.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "${registry}-/ping" >/dev/null && break; sleep 0.2; done
curl -sf "${registry}-/ping" >/dev/null || { cat "$work/verdaccio.log" >&2; exit 1; }

# A user for publishing (verdaccio's htpasswd adds it on first PUT).
token=$(curl -sf -X PUT -H 'content-type: application/json' \
  -d '{"name":"release","password":"release-test-only"}' "${registry}-/user/org.couchdb.user:release" |
  node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8")).token)')
export npm_config_userconfig="$work/npmrc"
printf '//127.0.0.1:%s/:_authToken=%s\nregistry=%s\n' "$port" "$token" "$registry" >"$npm_config_userconfig"
export npm_config_cache="$work/npm-cache" # nothing from earlier installs

step "install: npm publish $(ls "$dist" | wc -l) tarballs"
for tarball in "$dist"/*.tgz; do
  npm publish --loglevel=error --access public "$tarball" >/dev/null
  echo "published $(basename "$tarball")"
done

expect_installed() { # expect_installed DIR "verify verify-wasm ...": the @bookto packages npm put in DIR
  local got want
  got="$(cd "$1/node_modules/@bookto" && ls | sort | tr '\n' ' ')"
  want="$(tr ' ' '\n' <<<"$2" | sort | tr '\n' ' ')"
  [ "$got" = "$want" ] || { echo "in $1: installed [$got], expected [$want]" >&2; exit 1; }
  echo "ok: $got"
}

# The Node demo reads ../../fixtures from its own folder: keep that layout.
project() { # project NAME: a fresh npm project folder
  mkdir -p "$work/$1/bindings-node/examples" "$work/$1/bindings-node/test"
  cp -R "$root/fixtures" "$work/$1/"
  cp "$root/bindings-node/examples/demo.mjs" "$work/$1/bindings-node/examples/"
  cp "$root/bindings-node/test/"{vectors-run.mjs,vectors.mjs,fixtures.mjs} "$work/$1/bindings-node/test/"
  printf '{ "name": "bookto-install-%s", "private": true }\n' "$1" >"$work/$1/bindings-node/package.json"
  echo "$work/$1/bindings-node"
}

host=$(node -p 'process.platform + "-" + process.arch')
step "install: npm i @bookto/verify ($host), then the demo"
app=$(project host)
(cd "$app" && npm install --no-audit --no-fund --loglevel=error @bookto/verify)
expect_installed "$app" "verify verify-linux-x64-gnu verify-wasm"
(cd "$app" && node examples/demo.mjs | tee "$work/demo.txt")
grep -q '^@bookto/verify (native) in Node' "$work/demo.txt"
(cd "$app" && node test/vectors-run.mjs require && node test/vectors-run.mjs import)

for spec in "darwin arm64 - verify-darwin-arm64" "win32 x64 - verify-win32-x64-msvc" "win32 arm64 - verify-win32-arm64-msvc" \
  "linux arm64 musl verify-linux-arm64-musl" "darwin x64 - verify-darwin-x64" \
  "linux x64 musl verify-linux-x64-musl" "linux arm64 glibc verify-linux-arm64-gnu"; do
  read -r os cpu libc expected <<<"$spec"
  flags=(--os="$os" --cpu="$cpu")
  [ "$libc" = - ] || flags+=(--libc="$libc")
  step "install: npm i ${flags[*]} @bookto/verify"
  dir=$(project "$os-$cpu-$libc")
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "${flags[@]}" @bookto/verify)
  expect_installed "$dir" "verify $expected verify-wasm"
done

step "install: npm i --omit=optional @bookto/verify: every vector on the wasm fallback"
dir=$(project no-optional)
(cd "$dir" && npm install --no-audit --no-fund --loglevel=error --omit=optional @bookto/verify)
expect_installed "$dir" "verify verify-wasm"
(cd "$dir" && node test/vectors-run.mjs require | tee "$work/out.txt" && grep -q '^backend: wasm' "$work/out.txt")
(cd "$dir" && node test/vectors-run.mjs import | tee "$work/out.txt" && grep -q '^backend: wasm' "$work/out.txt")

step "install: a musl addon under the glibc package's name (libc mismatch): the fallback again"
musl="$work/linux-x64-musl/bindings-node/node_modules/@bookto/verify-linux-x64-musl/bookto-verify.linux-x64-musl.node"
cp "$musl" "$app/node_modules/@bookto/verify-linux-x64-gnu/bookto-verify.linux-x64-gnu.node"
(cd "$app" && BOOKTO_VERIFY_DEBUG=1 node test/vectors-run.mjs import 2>"$work/err.txt" | tee "$work/out.txt")
grep -q '^backend: wasm' "$work/out.txt"
cat "$work/err.txt"
grep -q 'using the wasm fallback; no native addon loaded for linux-x64-gnu' "$work/err.txt"

step "install: all npm install checks passed"

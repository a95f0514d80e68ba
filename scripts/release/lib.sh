# Shared helpers of the release scripts; sourced, not run.
# shellcheck source=../lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/scripts/lib.sh"

# release_venv: the release tools (bindings-python/requirements-release.txt:
# maturin, zig, cargo-zigbuild, twine, abi3audit, auditwheel, lief) in
# $CACHE_DIR/release-venv, rebuilt when the pins change, and put first on PATH
# (maturin and cargo-zigbuild find zig as `python -m ziglang`).
release_venv() {
  local binding python key
  binding="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../bindings-python" && pwd)"
  python="${PYTHON:-python3}"
  RELEASE_VENV="$CACHE_DIR/release-venv"
  key=$({ "$python" -VV; cat "$binding/requirements-release.txt" "$binding/requirements-build.txt"; } | sha256sum | cut -c1-16)
  if [ "$(cat "$RELEASE_VENV/.complete" 2>/dev/null)" != "$key" ]; then
    step "release tools venv ($RELEASE_VENV)"
    rm -rf "$RELEASE_VENV"
    "$python" -m venv "$RELEASE_VENV"
    "$RELEASE_VENV/bin/pip" install --quiet --disable-pip-version-check -r "$binding/requirements-release.txt"
    echo "$key" >"$RELEASE_VENV/.complete"
  fi
  export PATH="$RELEASE_VENV/bin:$PATH"
}

# ensure_apt COMMAND PACKAGE...: installs the Debian packages unless COMMAND exists.
ensure_apt() {
  command -v "$1" >/dev/null && return 0
  shift
  if [ -z "${RELEASE_APT_UPDATED:-}" ]; then apt-get update -qq; RELEASE_APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

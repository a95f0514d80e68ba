# Shared helpers for the scripts; sourced, not run.
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
CACHE_DIR="${BOOKTO_CACHE:-$HOME/.cache/bookto-verify}"
mkdir -p "$CACHE_DIR"

step() { printf '\n==> %s\n' "$*"; }

ensure_rust_target() {
  rustup target list --installed | grep -qx "$1" || rustup target add "$1"
}

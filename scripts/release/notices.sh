#!/usr/bin/env bash
# Writes the THIRD-PARTY-NOTICES file of a binary built from a workspace
# package: the name, version and licence of every crate statically linked into
# it for one target, and the full text of each licence (each distinct text once,
# followed by the crates it covers).
#
#   scripts/release/notices.sh PACKAGE TARGET_TRIPLE OUT_FILE
#   scripts/release/notices.sh bookto-verify-node x86_64-unknown-linux-gnu dist/node/THIRD-PARTY-NOTICES
#   scripts/release/notices.sh bookto-verify-wasm wasm32-unknown-unknown dist/wasm/THIRD-PARTY-NOTICES
#
# Linked crates = `cargo tree -p PACKAGE --target TARGET -e normal,no-proc-macro`
# (no dev or build dependencies, no proc-macros and what only they use),
# minus this workspace's own crates (bookto-verify's licence is LICENSE-MIT /
# LICENSE-APACHE, shipped beside the notices). Licences and texts come from
# cargo-about (pinned below, `cargo install --locked` into ~/.cargo/bin once)
# with scripts/release/about.toml, run offline: the texts are the crates' own
# licence files. The script fails when a linked crate has no accepted licence
# or no text. Default features of PACKAGE, as the release builds use.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/scripts/lib.sh"

ABOUT_VERSION=0.9.3
[ $# -eq 3 ] || { echo "usage: $0 PACKAGE TARGET_TRIPLE OUT_FILE" >&2; exit 2; }
package="$1"
target="$2"
mkdir -p "$(dirname "$3")"
out="$(cd "$(dirname "$3")" && pwd)/$(basename "$3")"
cd "$root"

if [ "$(cargo about --version 2>/dev/null)" != "cargo-about $ABOUT_VERSION" ]; then
  step "notices: cargo install cargo-about $ABOUT_VERSION"
  cargo install cargo-about --version "$ABOUT_VERSION" --locked --features cli
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cargo metadata --format-version 1 --no-deps --locked >"$tmp/workspace.json"
manifest="$(python3 -c '
import json, sys
for p in json.load(open(sys.argv[1]))["packages"]:
    if p["name"] == sys.argv[2]:
        print(p["manifest_path"])' "$tmp/workspace.json" "$package")"
[ -n "$manifest" ] || { echo "notices: $package is not a package of this workspace" >&2; exit 1; }

step "notices: $package for $target"
# cargo-about runs offline: every crate of the lock file must be downloaded.
cargo fetch --locked --quiet
cargo tree --locked --offline -p "$package" --target "$target" -e normal,no-proc-macro \
  --prefix none -f '{p}' >"$tmp/tree.txt"
cargo about generate --frozen --fail --format json -c "$here/about.toml" \
  -m "$manifest" --target "$target" -o "$tmp/about.json" 2>"$tmp/about.log" ||
  { cat "$tmp/about.log" >&2; exit 1; }

python3 - "$tmp/workspace.json" "$tmp/tree.txt" "$tmp/about.json" "$package" "$target" "$out" <<'EOF'
import json
import sys

workspace_json, tree_txt, about_json, package, target, out = sys.argv[1:]
workspace = {p["name"]: p for p in json.load(open(workspace_json))["packages"]}

linked = set()
for line in open(tree_txt):
    parts = line.split()
    if len(parts) >= 2 and parts[1].startswith("v") and parts[0] not in workspace:
        linked.add((parts[0], parts[1][1:]))
if not linked:
    sys.exit(f"notices: cargo tree found no dependency of {package}")

about = json.load(open(about_json))
chosen = {(c["package"]["name"], c["package"]["version"]): c for c in about["crates"]}
texts = []  # (licence id, name, text, [crates])
used_under = {}  # crate -> the licence ids cargo-about chose from its expression
for lic in about["licenses"]:
    users = sorted({(u["crate"]["name"], u["crate"]["version"]) for u in lic["used_by"]} & linked)
    if users:
        texts.append((lic["id"], lic["name"], lic["text"].strip("\n"), users))
        for user in users:
            used_under.setdefault(user, set()).add(lic["id"])

problems = []
for key in sorted(linked):
    entry = chosen.get(key)
    if entry is None:
        problems.append(f"{key[0]} {key[1]}: not in cargo-about's output")
    elif entry["license"] in ("Unknown", "Ignore"):
        problems.append(f"{key[0]} {key[1]}: licence {entry['license']}")
    elif key not in used_under:
        problems.append(f"{key[0]} {key[1]}: no licence text")
if problems:
    sys.exit("notices: " + "; ".join(problems))

own = workspace.get("bookto-verify", {})
lines = [
    f"THIRD-PARTY NOTICES for {package} {workspace[package]['version']} ({target})",
    "",
    "This binary contains bookto-verify's own code (licence "
    f"{own.get('license', 'MIT OR Apache-2.0')}: LICENSE-MIT, LICENSE-APACHE)",
    f"and these {len(linked)} crates, statically linked. Each is used under the licence",
    "named here (chosen from its licence expression); the full texts follow.",
    "",
]
width = max(len(f"{n} {v}") for n, v in linked)
for name, version in sorted(linked):
    entry = chosen[(name, version)]
    chosen_ids = " AND ".join(sorted(used_under[(name, version)]))
    lines.append(f"  {name + ' ' + version:<{width}}  {chosen_ids:<12}  (crate licence: {entry['license']})")
for lic_id, lic_name, text, users in texts:
    lines += ["", "=" * 78, f"{lic_name} ({lic_id})", "used by: " + ", ".join(f"{n} {v}" for n, v in users), "=" * 78, "", text]
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines[: 6 + len(linked)]))
print(f"\n{out}: {sum(len(l) + 1 for l in lines)} bytes, {len(texts)} licence texts")
EOF

#!/usr/bin/env python3
"""Runs the criterion benches of the core and `openssl speed -evp sha256` in
one go and prints medians against the targets of issue 2.

    python3 benches/rust/report.py [--quick]

Criterion's medians are read from target/criterion/*/new/estimates.json.
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
CRITERION = ROOT / "target" / "criterion"


def openssl_sha256_16k() -> float:
    """Bytes per second of `openssl speed -evp sha256` at 16 KB blocks."""
    out = subprocess.run(
        ["openssl", "speed", "-evp", "sha256", "-bytes", "16384", "-seconds", "3"],
        check=True, capture_output=True, text=True,
    ).stdout
    line = next(l for l in out.splitlines() if l.lower().startswith("sha256"))
    return float(re.findall(r"([\d.]+)k", line)[-1]) * 1000


def median_ns(group: str, bench: str) -> float:
    path = CRITERION / group / bench / "new" / "estimates.json"
    return json.loads(path.read_text())["median"]["point_estimate"]


def main() -> int:
    quick = "--quick" in sys.argv
    timing = ["--warm-up-time", "1", "--measurement-time", "2" if quick else "5"]
    openssl_before = openssl_sha256_16k()
    subprocess.run(
        ["cargo", "bench", "--locked", "-p", "bookto-verify-benches", "--bench", "verify", "--", *timing],
        check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
    )
    openssl_after = openssl_sha256_16k()
    openssl = (openssl_before + openssl_after) / 2

    sizes = {"866B": 866, "16KB": 16 * 1024, "1MB": 1024 * 1024}
    benches = ["verify_signature", "verify", "parse_event", "rotation_2_secrets", "mismatch"]
    print(f"{'body':<6} " + " ".join(f"{b:>20}" for b in benches))
    for group in sizes:
        cells = []
        for bench in benches:
            ns = median_ns(group, bench)
            cells.append(f"{ns / 1000:>17.2f} us" if ns < 1e6 else f"{ns / 1e6:>17.3f} ms")
        print(f"{group:<6} " + " ".join(cells))

    vs = median_ns("866B", "verify_signature") / 1000
    v = median_ns("866B", "verify") / 1000
    mb_per_s = sizes["1MB"] / (median_ns("1MB", "verify_signature") / 1e9)
    print()
    print(f"openssl speed -evp sha256, 16 KB blocks: {openssl / 1e6:.0f} MB/s (before {openssl_before / 1e6:.0f}, after {openssl_after / 1e6:.0f})")
    rows = [
        ("verify_signature 866 B", f"{vs:.2f} us", "<= 1.2 us", vs <= 1.2),
        ("verify 866 B (typed)", f"{v:.2f} us", "<= 3 us", v <= 3.0),
        ("verify_signature 1 MB", f"{mb_per_s / 1e6:.0f} MB/s = {mb_per_s / openssl:.2f}x openssl", ">= 0.95x", mb_per_s / openssl >= 0.95),
    ]
    for name, got, target, ok in rows:
        print(f"  {name:<24} {got:<32} target {target:<10} {'ok' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The driver of the cross-language comparison (issue 6). Started by run.sh,
which installs the pinned alternatives, builds our packages and passes their
paths in the environment:

    bash benches/compare/run.sh [--quick] [--only python,node,deno,bun,workerd,rust]
    bash benches/compare/run.sh --no-build --report-only   (outputs again from the last run's samples)

Runs one small runner per runtime (runner.py, runner.mjs for Node/Deno/Bun,
runner-workerd.mjs) that prints JSON lines, plus benches/rust/report.py for
the criterion figures, then prints the table and writes benches/RESULTS.md
and benches/results.svg.

Methodology: every runner self-checks each contender first (accepts its own
correctly signed message, rejects the body with one byte changed; a failure
aborts the run), warms it up and sizes a batch of calls, then runs rounds in
which every contender runs one batch, in an order rotated each round. Per
contender: median and IQR of the per-call times of the rounds. A ratio is the
median over rounds of (contender / reference) within the same round, so load
that changes between rounds cancels out.
"""

import datetime
import json
import os
import pathlib
import platform
import re
import statistics
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SIZES = [("866B", 866), ("16KB", 16 * 1024), ("1MB", 1024 * 1024)]
SIZE_LABEL = {"866B": "866 B", "16KB": "16 KB", "1MB": "1 MB"}
RUNTIMES = ["python", "node", "deno", "bun", "workerd", "rust"]
GROUPS = {"signature": "signature only", "verify": "signature + parsed event", "floor": "SHA-256 floor"}
WEBCRYPTO = "WebCrypto HMAC verify (awaited)"
BASELINE = {  # what the ratios of each runtime are against, for the chart
    "python": "stdlib hmac + compare_digest (+ json.loads)",
    "node": "node:crypto createHmac + timingSafeEqual (+ JSON.parse)",
    **dict.fromkeys(["deno", "bun", "workerd"], WEBCRYPTO),
}
THIRD_PARTY = ("standardwebhooks", "svix", "stripe", "@octokit")


def env(name):
    return os.environ.get(f"BOOKTO_CMP_{name}") or None


# ---------------------------------------------------------------- running


def run_runner(runtime, argv):
    """Runs one runner; returns (meta, result rows). A runner error aborts."""
    print(f"\n==> {runtime}: {' '.join(str(a) for a in argv[:3])} ...", file=sys.stderr, flush=True)
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    meta, rows = {}, []
    for line in proc.stdout:
        record = json.loads(line)
        if record["type"] == "meta":
            meta = record
        elif record["type"] == "result":
            rows.append(record)
            print(f"    {record['size']:>5} {record['contender']}", file=sys.stderr, flush=True)
        elif record["type"] == "error":
            proc.wait()
            where = " ".join(f"{k}={record[k]!r}" for k in ("size", "contender") if k in record)
            sys.exit(f"ABORT {runtime}: {record['message']} {where}")
    if proc.wait() != 0:
        sys.exit(f"ABORT {runtime}: runner exited with {proc.returncode}")
    return meta, rows


def runner_config(quick, **extra):
    timing = dict(rounds=9, batch_ms=3, warmup_ms=100) if quick else dict(rounds=41, batch_ms=10, warmup_ms=500)
    return json.dumps(dict(sample=str(ROOT / "fixtures/events/order-paid.json"), sizes=SIZES, **timing, **extra))


def npm_version(folder):
    return json.loads((pathlib.Path(folder) / "package.json").read_text())["version"]


def run_js(runtime, quick, skipped):
    wasm_pkg, bin_dir = env("WASM_PKG"), env("BIN")
    wasm = str(pathlib.Path(wasm_pkg) / "index.js") if wasm_pkg else None
    if runtime == "node":
        npm = pathlib.Path(env("NPM"))
        packages = {"@bookto/verify": npm_version(pathlib.Path(env("NATIVE")).parent)}
        if wasm_pkg:
            packages["@bookto/verify-wasm"] = npm_version(wasm_pkg)
        packages.update({p: npm_version(npm / "node_modules" / p) for p in ["standardwebhooks", "@octokit/webhooks-methods", "stripe"]})
        cfg = runner_config(quick, wasm=wasm, native=env("NATIVE"), deps=str(npm / "deps.mjs"), packages=packages)
        return run_runner(runtime, ["node", "--expose-gc", HERE / "runner.mjs", cfg])
    if not wasm:
        skipped[runtime] = "the wasm package is not built (bindings-wasm/build.sh failed or was not run)"
        return None
    binary = pathlib.Path(bin_dir or "") / runtime
    if not bin_dir or not binary.exists():
        skipped[runtime] = f"no {runtime} binary (npm package not installed)"
        return None
    if runtime == "workerd":
        cfg = runner_config(quick, pkg=wasm_pkg, workerd=str(binary))
        return run_runner(runtime, ["node", HERE / "runner-workerd.mjs", cfg])
    cfg = runner_config(quick, wasm=wasm)
    if runtime == "deno":
        return run_runner(runtime, [binary, "run", "--allow-read", "--v8-flags=--expose-gc", HERE / "runner.mjs", cfg])
    return run_runner(runtime, [binary, HERE / "runner.mjs", cfg])


def run_rust(quick, skipped):
    """benches/rust/report.py (criterion + openssl speed), then criterion's samples."""
    print("\n==> rust: benches/rust/report.py (cargo bench, openssl speed)", file=sys.stderr, flush=True)
    proc = subprocess.run([sys.executable, ROOT / "benches/rust/report.py", *(["--quick"] if quick else [])],
                          cwd=ROOT, capture_output=True, text=True)
    sys.stderr.write(proc.stdout)
    if proc.returncode != 0:
        skipped["rust"] = f"benches/rust/report.py failed: {proc.stderr.strip().splitlines()[-1:]}"
        return None
    openssl = float(re.search(r"openssl speed -evp sha256, 16 KB blocks: (\d+) MB/s", proc.stdout).group(1)) * 1e6
    rows, floor = [], "openssl speed -evp sha256 (floor, 16 KB blocks)"
    for label, _ in SIZES:
        for bench in ["verify_signature", "verify", "parse_event", "rotation_2_secrets", "mismatch"]:
            s = json.loads((ROOT / "target/criterion" / label / bench / "new/sample.json").read_text())
            per_iter = [t / n for t, n in zip(s["times"], s["iters"])]
            nbytes = json.loads((ROOT / "target/criterion" / label / bench / "new/benchmark.json").read_text())["throughput"]["Bytes"]
            rows.append(dict(runtime="rust", size=label, bytes=nbytes, contender=f"ours {bench}", ours=True, base=floor,
                             group="verify" if bench in ("verify", "parse_event") else "signature", samples_ns=per_iter))
    for label, _ in SIZES:
        nbytes = next(r["bytes"] for r in rows if r["size"] == label)
        rows.append(dict(runtime="rust", size=label, bytes=nbytes, contender=floor, ours=False, base=floor,
                         group="floor", samples_ns=[nbytes / openssl * 1e9]))
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.split()[1]
    openssl_version = " ".join(subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.split()[:2])
    criterion = re.search(r'name = "criterion"\nversion = "([^"]+)"', (ROOT / "Cargo.lock").read_text())
    return dict(version=rustc, packages={"criterion": criterion.group(1) if criterion else "?", "openssl": openssl_version}), rows


# ---------------------------------------------------------------- statistics


def quartiles(xs):
    if len(xs) == 1:
        return xs[0], xs[0], xs[0]
    q1, q2, q3 = statistics.quantiles(xs, n=4, method="inclusive")
    return q1, q2, q3


def find(rows, runtime, size, contender):
    return next((r for r in rows if (r["runtime"], r["size"], r["contender"]) == (runtime, size, contender)), None)


def ratio(rows, runtime, size, a, b):
    """Median over rounds of a / b (same run, same round); None if either is missing."""
    ra, rb = find(rows, runtime, size, a), find(rows, runtime, size, b)
    if not ra or not rb:
        return None
    if len(ra["samples_ns"]) != len(rb["samples_ns"]):  # not paired (rust vs openssl): ratio of medians
        return statistics.median(ra["samples_ns"]) / statistics.median(rb["samples_ns"])
    return statistics.median(x / y for x, y in zip(ra["samples_ns"], rb["samples_ns"]))


def third_party(name):
    return name.startswith(THIRD_PARTY)


def targets(rows, ran):
    """(target, measured, held or None when not measured)."""
    out = []

    def check(text, runtime, size, a, b, limit):
        r = ratio(rows, runtime, size, a, b) if runtime in ran else None
        out.append((text, "not measured" if r is None else f"{r:.3f}x", None if r is None else r <= limit))

    py_sig, py_ver = "stdlib hmac + compare_digest", "stdlib hmac + compare_digest + json.loads"
    nc, ncj, s = "node:crypto createHmac + timingSafeEqual", "node:crypto createHmac + timingSafeEqual + JSON.parse", " (string body)"
    check("Python verify_signature <= 0.3x stdlib (866 B)", "python", "866B", "ours verify_signature", py_sig, 0.3)
    check("Python verify <= 0.6x stdlib + json.loads (866 B)", "python", "866B", "ours verify (typed event)", py_ver, 0.6)
    check("Node verifySignature <= 0.3x node:crypto (866 B, Buffer body)", "node", "866B", "ours verifySignature", nc, 0.3)
    check("Node verifySignature <= 0.3x node:crypto (866 B, string body)", "node", "866B", "ours verifySignature" + s, nc + s, 0.3)
    check("Node verify <= 0.8x node:crypto + JSON.parse (866 B, Buffer body)", "node", "866B", "ours verify (typed event)", ncj, 0.8)
    check("Node verify <= 0.8x node:crypto + JSON.parse (866 B, string body)", "node", "866B", "ours verify (typed event)" + s, ncj + s, 0.8)
    for runtime in ["node", "deno", "bun"]:
        check(f"wasm verifySignature <= 0.15x awaited WebCrypto in {runtime} (866 B)", runtime, "866B", "ours wasm verifySignature", WEBCRYPTO, 0.15)
    check("wasm verifySignature <= 1x awaited WebCrypto in workerd (866 B)", "workerd", "866B", "ours wasm verifySignature", WEBCRYPTO, 1.0)
    check("Python native at 1 MB within 10% of hashlib.sha256", "python", "1MB", "ours verify_signature", "hashlib.sha256 (floor)", 1.1)
    check("Node native at 1 MB within 10% of createHash('sha256')", "node", "1MB", "ours verifySignature", "createHash('sha256') (floor)", 1.1)

    for runtime, ours in [("python", {"signature": "ours verify_signature", "verify": "ours verify (typed event)"}),
                          ("node", {"signature": "ours verifySignature", "verify": "ours verify (typed event)"})]:
        if runtime not in ran:
            out.append((f"{runtime}: ours faster than every third-party library in every row", "not measured", None))
            continue
        worst = max(((ratio(rows, runtime, r["size"], ours[r["group"]], r["contender"]), r["size"], r["contender"])
                     for r in rows if r["runtime"] == runtime and third_party(r["contender"])), key=lambda t: t[0])
        out.append((f"{runtime}: ours faster than every third-party library in every row",
                    f"closest: {worst[0]:.3f}x {worst[2]} at {SIZE_LABEL[worst[1]]}", worst[0] < 1))

    # Issue 5's throughput figure, for the record.
    r = find(rows, "node", "1MB", "ours wasm verifySignature")
    if r:
        mbs = r["bytes"] / statistics.median(r["samples_ns"]) * 1e3
        out.append(("(issue 5) wasm at 1 MB >= 250 MB/s in Node", f"{mbs:.0f} MB/s", mbs >= 250))
    return out


# ---------------------------------------------------------------- output


def fmt_ns(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    return f"{ns / 1e3:.2f} us"


def cell(rows, r):
    q1, med, q3 = quartiles(r["samples_ns"])
    spread = f"±{(q3 - q1) / 2 / med * 100:.0f}%" if len(r["samples_ns"]) > 1 else ""
    base = r["base"]
    rel = "base" if base == r["contender"] else f"{ratio(rows, r['runtime'], r['size'], r['contender'], base):.3f}x"
    return fmt_ns(med), spread, rel


def label(rows, runtime, name):
    """The contender's name, plus its reference when that is not the section's baseline."""
    base = find(rows, runtime, "866B", name).get("base")
    return f"{name} [x WebCrypto]" if runtime == "node" and base == WEBCRYPTO and base != name else name


def sections(rows, runtime):
    names = list(dict.fromkeys(r["contender"] for r in rows if r["runtime"] == runtime))
    for group in GROUPS:
        members = [n for n in names if next(r for r in rows if r["runtime"] == runtime and r["contender"] == n)["group"] == group]
        if members:
            yield group, members


def title(meta, runtime):
    name = {"python": "Python", "node": "Node", "deno": "Deno", "bun": "Bun", "workerd": "workerd", "rust": "Rust"}[runtime]
    pkgs = ", ".join(f"{k} {v}" for k, v in meta.get("packages", {}).items())
    return f"{name} {meta.get('version', '')}" + (f" ({pkgs})" if pkgs else "")


def terminal_table(rows, metas):
    lines = []
    for runtime in metas:
        lines.append("")
        lines.append(title(metas[runtime], runtime))
        ref = "x = ratio to the openssl floor" if runtime == "rust" else "x = ratio to the baseline of the section"
        lines.append(f"  {ref:<66}" + "".join(f"{SIZE_LABEL[s]:>25}" for s, _ in SIZES))
        for group, names in sections(rows, runtime):
            lines.append(f"  {GROUPS[group]}")
            for name in names:
                cells = []
                for size, _ in SIZES:
                    r = find(rows, runtime, size, name)
                    cells.append("{:>9} {:>5} {:>7}".format(*cell(rows, r)) if r else "-")
                lines.append(f"    {label(rows, runtime, name):<64}" + "".join(f"{c:>25}" for c in cells))
    return "\n".join(lines)


def markdown(rows, metas, skipped, goals, quick, only, load, date):
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    md = [
        "# Benchmark results: bookto-verify against the alternatives",
        "",
        "Generated by `bash benches/compare/run.sh" + (" --quick" if quick else "") + (f" --only {','.join(only)}" if only != RUNTIMES else "")
        + "` (issue 6); do not edit by hand.",
        "",
        f"- date: {date}" + (" (--quick: few rounds, noisy)" if quick else ""),
        f"- CPU: `{cpu}`, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"1-minute load average {load[0]:.1f} at the start, {load[1]:.1f} at the end (other work makes the figures noisy)",
        "- versions: " + "; ".join(title(metas[r], r) for r in metas),
        "- bodies: the 866-byte sample `order.paid`, and the same event with an unknown `padding` field first "
        "to 16384 and 1048576 bytes (as `benches/src/lib.rs::order_paid_of_size`)",
        "",
        "Each contender verifies its own correctly signed message (its own scheme and headers) of the same body, "
        "from the same realistic header set. Before timing, every contender must accept its valid input and reject "
        "the body with one byte changed, or the run aborts. Then warm-up, a batch size per contender, and interleaved "
        "rounds (every contender once per round, order rotated). Cells: median per call, ±half the IQR over rounds, "
        "and the ratio to the section's baseline: the median over rounds of the per-round ratio, all in the same run. "
        "workerd is timed from outside (its clocks stand still during CPU work): request time minus the median "
        "empty-request round trip, divided by the calls per request. Rust: criterion (`benches/rust/report.py`) "
        "against `openssl speed -evp sha256` at 16 KB blocks as the physical floor (its time for as many bytes). "
        "In Node the wasm rows are against WebCrypto (issue 5's reference), marked [x WebCrypto], and the "
        "string-body rows against the string-body baseline (issue 4 states its baseline with a string body).",
        "",
        "![ratio to the stdlib baseline](results.svg)",
        "",
        "## Targets",
        "",
        "| target | measured | |",
        "| --- | --- | --- |",
    ]
    for text, got, held in goals:
        md.append(f"| {text} | {got} | {'held' if held else 'not measured' if held is None else '**missed**'} |")
    for runtime, why in skipped.items():
        md.append(f"\nSkipped: **{runtime}**: {why}.")
    md += ["", "## Results"]
    for runtime in metas:
        md += ["", f"### {title(metas[runtime], runtime)}", ""]
        md.append("| check | contender | " + " | ".join(SIZE_LABEL[s] for s, _ in SIZES) + " |")
        md.append("| --- | --- | " + " | ".join("---:" for _ in SIZES) + " |")
        for group, names in sections(rows, runtime):
            for name in names:
                cells = []
                for size, _ in SIZES:
                    r = find(rows, runtime, size, name)
                    t, spread, rel = cell(rows, r)
                    cells.append(f"{t} {spread} · **{rel}**" if r["ours"] else f"{t} {spread} · {rel}")
                shown = label(rows, runtime, name)
                shown = f"**{shown}**" if name.startswith("ours") else shown
                md.append(f"| {GROUPS[group]} | {shown} | " + " | ".join(cells) + " |")
    return "\n".join(md) + "\n"


def chart(rows, metas, path):
    """Horizontal bars from 1 (the baseline): left is faster, right slower; log scale."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    matplotlib.rcParams.update({"svg.fonttype": "none", "font.size": 8, "svg.hashsalt": "bookto"})
    panels = []  # (title, [(runtime, contender, shown name)])
    for runtime in [r for r in ("python", "node") if r in metas]:
        items = [(runtime, n, label(rows, runtime, n)) for _, names in sections(rows, runtime) for n in names
                 if find(rows, runtime, "866B", n)["base"] != n]
        panels.append((f"{title(metas[runtime], runtime).split(' (')[0]}: ratio to {BASELINE[runtime]}", items))
    edge = [r for r in ("deno", "bun", "workerd") if r in metas]
    if edge:
        items = [(r, n, f"{title(metas[r], r).split(' (')[0]}: {n}") for r in edge for _, names in sections(rows, r)
                 for n in names if n != WEBCRYPTO]
        panels.append((f"Edge runtimes: ratio to that runtime's {WEBCRYPTO}", items))
    if "rust" in metas:
        items = [("rust", n, n) for _, names in sections(rows, "rust") for n in names if not n.startswith(("openssl", "ours parse"))]
        panels.append((f"Rust {metas['rust']['version']} (criterion): ratio to openssl speed -evp sha256, the physical floor", items))
    if not panels:
        pathlib.Path(path).unlink(missing_ok=True)
        return
    heights = [len(items) + 1.2 for _, items in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(9, 0.9 + 0.36 * sum(heights)), sharex=True,
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    colors = ["#4c72b0", "#dd8452", "#55a868"]
    for ax, (heading, items) in zip(axes[:, 0], panels):
        for k, (size, _) in enumerate(SIZES):
            ys = [i + (k - 1) * 0.27 for i in range(len(items))]
            values = [ratio(rows, rt, size, n, find(rows, rt, size, n)["base"]) for rt, n, _ in items]
            ax.barh(ys, [abs(v - 1) for v in values], left=[min(v, 1) for v in values], height=0.27,
                    color=colors[k], label=SIZE_LABEL[size])
            for y, v in zip(ys, values):
                ax.text(v * (0.93 if v < 1 else 1.07), y, f"{v:.2g}", va="center", ha="right" if v < 1 else "left", fontsize=5.5)
        ax.axvline(1, color="black", linewidth=0.8)
        ax.set_yticks(range(len(items)), [shown for _, _, shown in items])
        for text in ax.get_yticklabels():
            if "ours" in text.get_text():
                text.set_fontweight("bold")
        ax.set_ylim(len(items) - 0.5, -0.5)
        ax.set_title(heading, loc="left", fontsize=9)
        ax.grid(axis="x", which="major", alpha=0.3)
        ax.tick_params(labelbottom=True)
    ax = axes[-1, 0]
    ax.set_xscale("log")
    ax.set_xlim(0.004, 60)
    ax.xaxis.set_major_locator(FixedLocator([0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30]))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:g}x"))
    axes[0, 0].legend(loc="lower right", fontsize=7)
    ax.set_xlabel("time per verification / the baseline's, same runtime and run (log scale; left of 1x is faster)")
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})


# ---------------------------------------------------------------- main


def main():
    if "--report-only" in sys.argv:  # re-make the table, RESULTS.md and chart from the last run's samples
        last = json.loads((pathlib.Path(env("CACHE") or "/tmp") / "last-run.json").read_text())
        return report(**last)
    quick = "--quick" in sys.argv
    only = RUNTIMES
    if "--only" in sys.argv:
        only = sys.argv[sys.argv.index("--only") + 1].split(",")
    skipped, metas, rows = {}, {}, []
    commit = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
    load, date = [loadavg()], f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit `{commit}`"
    for runtime in [r for r in RUNTIMES if r in only]:
        if runtime == "python":
            out = run_runner("python", [sys.executable, HERE / "runner.py", runner_config(quick)])
        elif runtime == "rust":
            out = run_rust(quick, skipped)
        else:
            out = run_js(runtime, quick, skipped)
        if out:
            metas[runtime], new = out
            rows += [dict(r, runtime=runtime) for r in new]

    raw = pathlib.Path(env("CACHE") or "/tmp") / "last-run.json"
    load.append(loadavg())
    run = dict(rows=rows, metas=metas, skipped=skipped, quick=quick, only=only, load=load, date=date)
    raw.write_text(json.dumps(run))
    report(**run)
    print(f"(raw samples: {raw})")


def loadavg():
    """The 1-minute load average: other work on the machine makes the figures noisy."""
    return float(pathlib.Path("/proc/loadavg").read_text().split()[0])


def report(rows, metas, skipped, quick, only, load, date):
    goals = targets(rows, metas)
    print(terminal_table(rows, metas))
    print("\nTargets")
    for text, got, held in goals:
        print(f"  {'held  ' if held else '-     ' if held is None else 'MISSED'} {text}: {got}")
    for runtime, why in skipped.items():
        print(f"  skipped {runtime}: {why}")

    (ROOT / "benches/RESULTS.md").write_text(markdown(rows, metas, skipped, goals, quick, only, load, date))
    chart(rows, metas, ROOT / "benches/results.svg")
    print("\nwrote benches/RESULTS.md and benches/results.svg")


if __name__ == "__main__":
    main()

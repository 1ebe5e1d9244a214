#!/usr/bin/env python3
"""Opora's engine against PyVRP and OR-Tools on the 56 Solomon instances.

    python3 bench/scheduling/solomon.py                     # build, run ours and the peers
    python3 bench/scheduling/solomon.py --peers-csv bench/scheduling/out/peers-10s-2026-11-25.csv

Builds opora-solve in release (a throwaway package under out/ that links the repository's
Sources, so the build does not resolve the server's dependencies), runs it on every instance
with the same time limit and seed as the peers, single-threaded, one run at a time, checks each
solution with the shared kit's check_solution.py and prints, per family and overall, the mean
gap to the reference distances, feasible runs and vehicles, side by side. Writes RESULTS.md.

Peers: with --peers-csv, rows of that run_peers.py CSV are reused (it must be from the same
day, so the machine is the same); otherwise run_peers.py is run here after pip-installing
pyvrp==0.14.1, ortools and vrplib.
"""
import argparse
import csv
import datetime
import glob
import os
import platform
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
KIT = os.environ.get("OPORA_BENCH_KIT", os.path.join(os.path.dirname(REPO), "shared", "bench"))
sys.path.insert(0, KIT)
from check_solution import evaluate, read_instance, read_solution  # noqa: E402

PACKAGE = """// swift-tools-version: 6.1
import PackageDescription
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]
let package = Package(
    name: "opora-solve-bench",
    dependencies: [.package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0")],
    targets: [
        .target(name: "OporaScheduling", swiftSettings: strict),
        .executableTarget(name: "opora-solve", dependencies: [
            "OporaScheduling", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),
    ])
"""


# CPU time over wall time per run and solver: well below 1 means other load on the machine.
CPU_RATIOS = {}


def family(name):
    return re.match(r"(RC|R|C)[12]", name).group(0)


def cpu_model():
    with open("/proc/cpuinfo") as f:
        models = [l.split(":", 1)[1].strip() for l in f if l.startswith("model name")]
    return f"{models[0]} ({len(models)} logical CPUs)" if models else platform.processor()


def build(out):
    pkg = os.path.join(out, "pkg")
    os.makedirs(os.path.join(pkg, "Sources"), exist_ok=True)
    with open(os.path.join(pkg, "Package.swift"), "w") as f:
        f.write(PACKAGE)
    for target in ("OporaScheduling", "opora-solve"):
        link = os.path.join(pkg, "Sources", target)
        if not os.path.islink(link):
            os.symlink(os.path.join(REPO, "Sources", target), link)
    # Build output goes to stderr so that stdout carries only the summary.
    subprocess.run(["swift", "build", "-c", "release", "--product", "opora-solve", "-j", "1"], cwd=pkg, check=True,
                   stdout=sys.stderr)
    return os.path.join(pkg, ".build", "release", "opora-solve")


def run_ours(binary, paths, seconds, seed, ref, out):
    rows = []
    sols = os.path.join(out, "ours-solutions")
    os.makedirs(sols, exist_ok=True)
    for path in paths:
        inst = read_instance(path)
        sol = os.path.join(sols, inst.name + ".sol")
        start, cpu0 = time.perf_counter(), os.times()
        proc = subprocess.run([binary, "--solomon", path, "--seconds", str(seconds), "--seed", str(seed),
                               "--threads", "1", "--out", sol], capture_output=True, text=True)
        wall = time.perf_counter() - start
        cpu1 = os.times()
        cpu = (cpu1.children_user + cpu1.children_system) - (cpu0.children_user + cpu0.children_system)
        print(f"opora {inst.name}: wall {wall:.2f} s, cpu {cpu:.2f} s, {proc.stdout.strip().splitlines()[-1] if proc.stdout else proc.stderr.strip()}",
              file=sys.stderr)
        CPU_RATIOS.setdefault("opora", []).append(cpu / wall)
        if proc.returncode != 0 or not os.path.exists(sol):
            rows.append(dict(solver="opora", instance=inst.name, seconds=f"{wall:.2f}", vehicles="", distance="",
                             gap_percent_vs_reference="", feasible="False"))
            continue
        routes = read_solution(sol)
        distance, errors = evaluate(inst, routes)
        for e in errors:
            print(f"opora {inst.name}: VIOLATION: {e}", file=sys.stderr)
        gap = 100 * (distance / ref[inst.name] - 1) if not errors else None
        gap = 0.0 if gap is not None and abs(gap) < 5e-4 else gap
        rows.append(dict(solver="opora", instance=inst.name, seconds=f"{wall:.2f}",
                         vehicles=str(len([r for r in routes if r])), distance=f"{distance:.4f}",
                         gap_percent_vs_reference="" if gap is None else f"{gap:.3f}", feasible=str(not errors)))
    return rows


def run_peers(paths, seconds, seed, reference, out):
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pyvrp==0.14.1", "ortools", "vrplib"], check=True)
    day = datetime.date.today().isoformat()
    csv_path = os.path.join(out, f"peers-{seconds:g}s-{day}.csv")
    with open(csv_path, "w") as f, open(csv_path[:-4] + ".log", "w") as log:
        subprocess.run([sys.executable, os.path.join(KIT, "run_peers.py"), *paths, "--time", str(seconds),
                        "--seed", str(seed), "--reference", reference,
                        "--solutions", os.path.join(out, "peer-solutions")], stdout=f, stderr=log, check=True)
    return csv_path


def summary(rows, weak, seconds, seed, peers_csv):
    solvers = list(dict.fromkeys(r["solver"] for r in rows))
    fams = ["C1", "C2", "R1", "R2", "RC1", "RC2"]

    def cell(sel):
        feas = [r for r in sel if r["feasible"] == "True"]
        gaps = [float(r["gap_percent_vs_reference"]) for r in feas]
        veh = [int(r["vehicles"]) for r in feas]
        mean = f"{sum(gaps) / len(gaps):+.2f}" if gaps else "n/a"
        mv = f"{sum(veh) / len(veh):.2f}" if veh else "n/a"
        return f"{mean} ({len(feas)}/{len(sel)}, {mv} veh)"

    lines = ["| family | " + " | ".join(solvers) + " |", "|---" * (len(solvers) + 1) + "|"]
    for fam in fams + ["all"]:
        sel = [r for r in rows if fam == "all" or family(r["instance"]) == fam]
        lines.append(f"| {fam} | " + " | ".join(cell([r for r in sel if r["solver"] == s]) for s in solvers) + " |")
    strong = [r for r in rows if r["instance"] not in weak]
    lines.append("| all, loose refs excluded | " + " | ".join(cell([r for r in strong if r["solver"] == s]) for s in solvers) + " |")
    head = [
        f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- CPU: {cpu_model()}",
        f"- {seconds:g} s per instance, seed {seed}, single-threaded, one run at a time",
        f"- Peers: {os.path.basename(peers_csv)} (pyvrp 0.14.1, OR-Tools; run_peers.py of the shared kit)",
    ]
    log = peers_csv[:-4] + ".log"
    if os.path.exists(log):
        with open(log) as f:
            for solver, w, c in re.findall(r"^(\w+) \S+: wall ([\d.]+) s, cpu ([\d.]+) s", f.read(), re.M):
                CPU_RATIOS.setdefault(solver, []).append(float(c) / float(w))
    if CPU_RATIOS:
        head.append("- CPU time / wall time per run (min, mean): " + "; ".join(
            f"{s} {min(r):.2f}, {sum(r) / len(r):.2f}" for s, r in CPU_RATIOS.items()))
    return head, lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--instances", nargs="*", help="instance names (default: all 56)")
    ap.add_argument("--peers-csv", help="reuse this run_peers.py CSV from today instead of running the peers")
    ap.add_argument("--binary", help="use this opora-solve instead of building one")
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    ap.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)

    inst_dir = os.path.join(KIT, "instances", "solomon")
    reference = os.path.join(KIT, "instances", "reference.csv")
    paths = sorted(glob.glob(os.path.join(inst_dir, "*.txt")))
    if a.instances:
        paths = [p for p in paths if os.path.basename(p)[:-4] in set(a.instances)]
    with open(reference) as f:
        refrows = list(csv.DictReader(f))
    ref = {r["instance"]: float(r["best_distance"]) for r in refrows}
    weak = {r["instance"] for r in refrows
            if int(re.search(r"\((\d+) routes\)", r["source"]).group(1)) < int(r["vehicles"])}

    binary = a.binary or build(a.out)
    peers_csv = a.peers_csv
    if peers_csv:
        day = datetime.date.fromtimestamp(os.path.getmtime(peers_csv))
        if day != datetime.date.today():
            sys.exit(f"{peers_csv} is from {day}; peers must be measured on the same day and machine")
    else:
        peers_csv = run_peers(paths, a.seconds, a.seed, reference, a.out)
    names = {os.path.basename(p)[:-4] for p in paths}
    with open(peers_csv) as f:
        peers = [r for r in csv.DictReader(f) if r["instance"] in names]

    ours = run_ours(binary, paths, a.seconds, a.seed, ref, a.out)
    day = datetime.date.today().isoformat()
    with open(os.path.join(a.out, f"ours-{a.seconds:g}s-{day}.csv"), "w") as f:
        w = csv.DictWriter(f, fieldnames=list(ours[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(ours)

    rows = ours + peers
    head, table = summary(rows, weak, a.seconds, a.seed, peers_csv)
    print("\n".join(head + [""] + table))
    per = ["| instance | reference | " + " | ".join(s for s in dict.fromkeys(r["solver"] for r in rows)) + " |",
           "|---|---|" + "---|" * len(set(r["solver"] for r in rows))]
    for name in sorted(names):
        cells = []
        for s in dict.fromkeys(r["solver"] for r in rows):
            r = next((r for r in rows if r["solver"] == s and r["instance"] == name), None)
            cells.append("missing" if r is None else (f"{float(r['distance']):.2f} / {r['vehicles']}" if r["feasible"] == "True" else "infeasible"))
        per.append(f"| {name} | {ref[name]:.2f} | " + " | ".join(cells) + " |")
    # Keep the home-care section that homecare.py appends.
    tail = ""
    if os.path.exists(a.results):
        old = open(a.results).read()
        # Keep the sections that homberger.py and homecare.py write.
        starts = [old.index(m) for m in ("## Homberger", "## Home-care week") if m in old]
        if starts:
            tail = "\n" + old[min(starts):]
    with open(a.results, "w") as f:
        f.write("# Scheduling engine benchmarks\n\n## Solomon VRPTW instances\n\n")
        f.write("Written by `bench/scheduling/solomon.py`. Mean gap % to the kit's reference distances over feasible "
                "runs (feasible / runs, mean vehicles); negative = shorter than the reference. "
                "Loose references (R102, R105, R107, R108, R112, R211, RC105) use fewer vehicles than allowed.\n\n")
        f.write("\n".join(head) + "\n\n" + "\n".join(table) + "\n\n### Per instance (distance / vehicles)\n\n" + "\n".join(per) + "\n" + tail)


if __name__ == "__main__":
    main()

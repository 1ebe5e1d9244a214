#!/usr/bin/env python3
"""Opora's engine against PyVRP and OR-Tools on the 12 Homberger 400-customer instances.

    python3 bench/scheduling/homberger.py [--binary PATH] [--seconds 30] [--solvers opora,pyvrp,ortools]

One run: for each instance, opora-solve, then PyVRP, then OR-Tools (the shared kit's
run_peers.py on that instance alone), one after the other, single-threaded, with the same
time limit and seed, so that the three meet the same load on the machine. The fleet is the
file's VEHICLE NUMBER: the best known solution's vehicle count, which makes it tight. Every
solution is checked by the kit's check_solution.py. Writes the per-instance CSV under out/ and
the "Homberger 400" section of RESULTS.md (kept in place when solomon.py or homecare.py
rewrite theirs).
"""
import argparse
import csv
import datetime
import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from solomon import CPU_RATIOS, KIT, build, cpu_model, run_ours  # noqa: E402

SECTION = "## Homberger 400-customer instances"
FAMILIES = ["C1", "C2", "R1", "R2", "RC1", "RC2"]


def family(name):
    return re.match(r"(RC|R|C)[12]", name).group(0)


def run_peers_one(path, seconds, seed, reference, solvers, out, log):
    """Rows of run_peers.py for one instance; its stderr (wall and CPU per run) goes to log."""
    proc = subprocess.run([sys.executable, os.path.join(KIT, "run_peers.py"), path, "--time", str(seconds),
                           "--seed", str(seed), "--reference", reference, "--solvers", solvers,
                           "--solutions", os.path.join(out, "homberger-peer-solutions")],
                          capture_output=True, text=True, check=True)
    log.write(proc.stderr)
    log.flush()
    for solver, w, c in re.findall(r"^(\w+) \S+: wall ([\d.]+) s, cpu ([\d.]+) s", proc.stderr, re.M):
        CPU_RATIOS.setdefault(solver, []).append(float(c) / float(w))
    return list(csv.DictReader(proc.stdout.splitlines()))


def cell(sel):
    feas = [r for r in sel if r["feasible"] == "True"]
    gaps = [float(r["gap_percent_vs_reference"]) for r in feas]
    mean = f"{sum(gaps) / len(gaps):+.2f}" if gaps else "n/a"
    return f"{mean} ({len(feas)}/{len(sel)})"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--solvers", default="opora,pyvrp,ortools")
    ap.add_argument("--instances", nargs="*", help="instance names (default: all 12)")
    ap.add_argument("--binary", help="use this opora-solve instead of building one")
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    ap.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"),
                    help="RESULTS.md to update; 'none' to leave it alone")
    ap.add_argument("--note", default="", help="a line added to the section (e.g. the load on the machine)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)

    inst_dir = os.path.join(KIT, "instances", "homberger400")
    reference = os.path.join(inst_dir, "reference.csv")
    paths = sorted(glob.glob(os.path.join(inst_dir, "*.txt")))
    if a.instances:
        paths = [p for p in paths if os.path.basename(p)[:-4] in set(a.instances)]
    with open(reference) as f:
        ref = {r["instance"]: float(r["best_distance"]) for r in csv.DictReader(f)}
    solvers = a.solvers.split(",")
    peers = ",".join(s for s in solvers if s != "opora")
    binary = (a.binary or build(a.out)) if "opora" in solvers else None

    day = datetime.date.today().isoformat()
    stem = os.path.join(a.out, f"homberger-{a.seconds:g}s-{day}")
    rows = []
    with open(stem + ".log", "w") as log:
        for path in paths:
            if binary:
                rows += run_ours(binary, [path], a.seconds, a.seed, ref, a.out)
            if peers:
                rows += run_peers_one(path, a.seconds, a.seed, reference, peers, a.out, log)
            print(" ".join(f"{r['solver']} {r['instance']} {r['distance'] or '-'} {r['feasible']}"
                           for r in rows[-len(solvers):]), file=sys.stderr, flush=True)
    with open(stem + ".csv", "w") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)

    names = [os.path.basename(p)[:-4] for p in paths]
    order = [s for s in solvers if any(r["solver"] == s for r in rows)]
    table = ["| family | " + " | ".join(order) + " |", "|---" * (len(order) + 1) + "|"]
    for fam in FAMILIES + ["all"]:
        sel = [r for r in rows if fam == "all" or family(r["instance"]) == fam]
        table.append(f"| {fam} | " + " | ".join(cell([r for r in sel if r["solver"] == s]) for s in order) + " |")
    per = ["| instance | fleet | reference | " + " | ".join(order) + " |", "|---|---|---|" + "---|" * len(order)]
    with open(reference) as f:
        fleet = {r["instance"]: r["vehicles"] for r in csv.DictReader(f)}
    for name in names:
        cells = []
        for s in order:
            r = next((r for r in rows if r["solver"] == s and r["instance"] == name), None)
            cells.append("missing" if r is None else
                         (f"{float(r['distance']):.2f} ({float(r['gap_percent_vs_reference']):+.2f} %)"
                          if r["feasible"] == "True" else "infeasible"))
        per.append(f"| {name} | {fleet[name]} | {ref[name]:.2f} | " + " | ".join(cells) + " |")
    head = [
        f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; CPU: {cpu_model()}",
        f"- {a.seconds:g} s per instance, seed {a.seed}, single-threaded; per instance the solvers ran one "
        "after the other in one run; fleet fixed at the best known solution's vehicle count",
        "- CPU time / wall time per run (min, mean): " + "; ".join(
            f"{s} {min(r):.2f}, {sum(r) / len(r):.2f}" for s, r in CPU_RATIOS.items()),
    ]
    if a.note:
        head.append(f"- {a.note}")
    section = [SECTION, "", "Written by `bench/scheduling/homberger.py`. Mean gap % to the kit's reference "
               "distances over feasible runs (feasible / runs); every solution checked by `check_solution.py`.", "",
               *head, "", *table, "", *per, ""]
    print("\n".join(section))
    if a.results == "none":
        return
    text = open(a.results).read() if os.path.exists(a.results) else "# Scheduling engine benchmarks\n\n"
    if SECTION in text:
        start = text.index(SECTION)
        nxt = text.find("\n## ", start + len(SECTION))
        text = text[:start] + text[nxt + 1:] if nxt >= 0 else text[:start]
    # The section goes after Solomon, before the home-care sections.
    marker = "## Home-care week"
    at = text.find(marker)
    body = "\n".join(section) + "\n"
    text = (text[:at] + body + "\n" + text[at:]) if at >= 0 else (text.rstrip() + "\n\n" + body)
    with open(a.results, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()

"""Writes bench/homecare/RESULTS.md from the lines plan_week.py printed."""
import json
import sys

results = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
search, commit, load = sys.argv[2], sys.argv[3], sys.argv[4]


def share(f):
    return f"{f['travelShare'] * 100:.1f} %"


def row(label, value):
    return f"| {label} | " + " | ".join(value(r) for r in results) + " |"


out = [
    "# Home-care week, planned through the server",
    "",
    f"`bench/homecare/run.sh {search}`: release build, the Kyustendil demo seeded afresh, the coming week planned",
    f"over the API as the demo's coordinator ({search} s of search on 2 threads). Commit {commit}; load average",
    f"at the end {load} on this 2-core machine.",
    "",
    "| | " + " | ".join(r["name"] for r in results) + " |",
    "| --- | " + " | ".join("---:" for _ in results) + " |",
    row("seeding the demo, s", lambda r: f"{r['seedSeconds']:.1f}"),
    row("visits in the week / staff at work", lambda r: f"{r['visits']} / {r['staff']}"),
    row("answer to \"plan the week\" (demand, by-hand plan, queued), s", lambda r: f"{r['askSeconds']:.1f}"),
    row("request to stored plan, s", lambda r: f"{r['wallSeconds']:.1f}"),
    row("server's peak resident memory, MiB", lambda r: f"{r['peakMiB']:.0f}"),
    row("run's end state", lambda r: r["state"]),
    "",
    "The plan against the by-hand plan of the same demand (`HandPlanner`: each person's own worker first,",
    "visits in time order), in the same run:",
    "",
    "| figure | " + " | ".join(f"{r['name']}: engine | {r['name']}: by hand" for r in results) + " |",
    "| --- | " + " | ".join("---: | ---:" for _ in results) + " |",
]


def pair(label, value):
    cells = []
    for r in results:
        cells += [value(r["figures"]) if r["figures"] else "—", value(r["baseline"]) if r["baseline"] else "—"]
    return f"| {label} | " + " | ".join(cells) + " |"


out += [
    pair("visits planned", lambda f: f"{int(f['assigned'])} / {int(f['visits'])}"),
    pair("travel, share of paid time", share),
    pair("with the chosen assistant, of those whose assistant works that day", lambda f: f"{int(f['withChosen'])} / {int(f['chosenRequired'])}"),
    pair("with the substitute or another preferred worker", lambda f: str(int(f["withPreferred"]))),
    pair("distinct workers per person in the week", lambda f: f"{f['meanDistinctWorkers']:.2f}"),
    pair("overtime, h", lambda f: f"{f['overtimeMinutes'] / 60:.1f}"),
    pair("unassigned, personal assistance first", lambda f: " / ".join(f"p{k}: {v}" for k, v in sorted(f["unassignedByPriority"].items())) or "0"),
    "",
    "Latency of other routes as the coordinator, one request after another (ms), before the run and while",
    "it searches:",
    "",
    "| route | " + " | ".join(f"{r['name']}: idle p50 / p99 | {r['name']}: during p50 / p99" for r in results) + " |",
    "| --- | " + " | ".join("---: | ---:" for _ in results) + " |",
]
for key, label in (("me", "`GET /api/v1/me`"), ("week", "`GET /api/v1/home-care/weeks/{monday}` (the week's demand)")):
    cells = []
    for r in results:
        for phase in ("idle", "during"):
            m = r[phase].get(key)
            cells.append(f"{m['p50']:.0f} / {m['p99']:.0f}" if m else "—")
    out.append(f"| {label} | " + " | ".join(cells) + " |")
print("\n".join(out))

"""Writes bench/hours/RESULTS.md from the JSON lines of run.sh."""
import sys
import json

path, build, commit, load = sys.argv[1:5]
lines = [json.loads(line) for line in open(path) if line.strip()]
print("# Monthly hours report: 300 people, a year of recorded visits\n")
print(f"Commit {commit}, {build} build, load average {load} at the end, 2 shared cores.")
print("Target (issue 13): the monthly hours report under 200 ms on SQLite and PostgreSQL.\n")
print("| database | route | median ms | p95 ms | max ms | target ms |")
print("| --- | --- | ---: | ---: | ---: | ---: |")
for line in lines:
    for route, figures in line["routes"].items():
        target = "200" if route == "hours" else "—"
        print(f"| {line['database']} | {route} | {figures['median_ms']} | {figures['p95_ms']} | {figures['max_ms']} | {target} |")
print()
for line in lines:
    hours = line["routes"]["hours"]
    print(f"- {line['database']}: {line['generated']}; month {line['month']}: {hours['people']} people, "
          f"{hours['planned_visits']} planned visits; {line['routes']['timesheets']['workers']} timesheets.")

"""Asks a running demo server to plan the coming week as its coordinator; prints one JSON line.

usage: plan_week.py BASE SERVER_PID NAME SEED_SECONDS
"""
import datetime
import json
import statistics
import sys
import threading
import time
import urllib.request

base, pid, name, seeded = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
password = "opora-demo-2026"


def call(method, path, token=None, body=None):
    request = urllib.request.Request(base + "/api/v1" + path, method=method, headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(request, data=data, timeout=120) as response:
        return json.load(response)


def rss_kib():
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def latencies(token, seconds):
    """GET /api/v1/me and the week's demand (a heavy read) one after another for `seconds`."""
    found = {"me": [], "week": []}
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for key, path in (("me", "/me"), ("week", f"/home-care/weeks/{monday}")):
            start = time.monotonic()
            call("GET", path, token)
            found[key].append((time.monotonic() - start) * 1000)
    return {key: {"p50": statistics.median(v), "p99": sorted(v)[max(0, int(len(v) * 0.99) - 1)], "n": len(v)} for key, v in found.items()}


token = call("POST", "/auth/token", body={"username": "coordinator", "password": password, "name": "bench"})["token"]
today = datetime.date.today()
monday = (today + datetime.timedelta(days=7 - today.weekday())).isoformat()
idle = latencies(token, 5)

peak = rss_kib()
started = time.monotonic()
run = call("POST", f"/home-care/weeks/{monday}/runs", token, {})
asked = time.monotonic() - started
during = {}
sampler_stop = threading.Event()


def sample():
    global peak
    while not sampler_stop.is_set():
        peak = max(peak, rss_kib())
        time.sleep(0.2)


threading.Thread(target=sample, daemon=True).start()
busy = threading.Thread(target=lambda: during.update(latencies(token, 10)))
time.sleep(3)
busy.start()
while run["state"] in ("queued", "running"):
    time.sleep(0.5)
    run = call("GET", f"/home-care/runs/{run['id']}", token)
wall = time.monotonic() - started
busy.join()
sampler_stop.set()
week = call("GET", f"/home-care/weeks/{monday}", token)
print(json.dumps({
    "name": name, "seedSeconds": seeded, "visits": len([v for v in week["visits"] if not v["cancelled"]]),
    "staff": week["staffAtWork"], "askSeconds": asked, "wallSeconds": wall, "peakMiB": peak / 1024,
    "state": run["state"], "figures": run["figures"], "baseline": run["baseline"], "idle": idle, "during": during,
}))

"""Signs in as the demo's manager and times the month's hours routes; prints one JSON line."""
import datetime
import json
import os
import statistics
import sys
import time
import urllib.request

base, name, requests, generated = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
password = os.environ.get("OPORA_DEMO_PASSWORD", "opora-demo-2026")


def call(method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method)
    request.add_header("Accept", "application/json")
    if body is not None:
        request.add_header("Content-Type", "application/json")
        request.data = json.dumps(body).encode()
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        return response.status, response.read()


_, raw = call("POST", "/api/v1/auth/token", {"username": "manager", "password": password})
token = json.loads(raw)["token"]
# The last full month: every one of its weeks lies in the generated year.
first = datetime.date.today().replace(day=1) - datetime.timedelta(days=1)
month = first.strftime("%Y-%m")
routes = {
    "hours": f"/api/v1/home-care/hours/{month}",
    "timesheets": f"/api/v1/home-care/hours/{month}/timesheets",
    "indicators": f"/api/v1/home-care/indicators/{month}",
}
result = {"database": name, "month": month, "generated": generated.strip(), "routes": {}}
for route, path in routes.items():
    status, body = call("GET", path, token=token)  # warm-up, and the sizes
    payload = json.loads(body)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        call("GET", path, token=token)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    figures = {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "max_ms": round(times[-1], 1),
        "status": status,
    }
    if route == "hours":
        figures["people"] = len(payload["people"])
        figures["planned_visits"] = payload["total"]["plannedVisits"]
    if route == "timesheets":
        figures["workers"] = len(payload["timesheets"])
    result["routes"][route] = figures
print(json.dumps(result))

#!/usr/bin/env bash
# Throughput and latency of Opora's pages and API, each beside /healthz in the same run.
#
#   bench/http/run.sh [SECONDS]      (default 10 s per route; writes bench/http/RESULTS.md)
#
# Builds the release server (up to 20 minutes the first time), seeds the demo into a throwaway
# folder, serves it on 127.0.0.1:8097 and runs `wrk -t2 -c32` against each route in turn, signed
# in as the demo's case worker: the bare /healthz, the sign-in page, the people list, a person's
# file (each opening is audited, so this one writes too), GET /api/v1/me, the JSON people list,
# one write (a case note over the API), and the care worker's check-in (the API her phone's outbox
# sends to). Prints requests/s, p50 and p99 and each route's
# share of /healthz, and never fails on a figure. Traffic goes to 127.0.0.1 only.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
SECONDS_PER_ROUTE=${1:-10}
PORT=${OPORA_BENCH_PORT:-8097}
BASE="http://127.0.0.1:$PORT"
PASSWORD=${OPORA_DEMO_PASSWORD:-opora-demo-2026}
SCRATCH=${OPORA_BENCH_SCRATCH:-.build-release}

command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }; }
swift build -c release --product opora --scratch-path "$SCRATCH" >/dev/null
OPORA="$ROOT/$SCRATCH/release/opora"

work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export OPORA_DATA_DIR="$work/data" LOG_LEVEL=warning
"$OPORA" seed --demo >/dev/null
"$OPORA" serve --hostname 127.0.0.1 --port "$PORT" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.5; done

# A browser session (cookie) and an API token for the case worker, and a person and a case of hers.
eval "$(python3 - "$BASE" "$PASSWORD" <<'PY'
import http.cookiejar, json, re, sys, urllib.parse, urllib.request
base, password = sys.argv[1:]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = opener.open(base + "/sign-in").read().decode()
csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
opener.open(base + "/sign-in", urllib.parse.urlencode({"username": "caseworker", "password": password, "_csrf": csrf}).encode())
cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
request = urllib.request.Request(base + "/api/v1/auth/token", method="POST", headers={"Content-Type": "application/json"},
                                 data=json.dumps({"username": "caseworker", "password": password, "name": "bench"}).encode())
token = json.load(urllib.request.urlopen(request))["token"]
auth = {"Authorization": "Bearer " + token}
people = json.load(urllib.request.urlopen(urllib.request.Request(base + "/api/v1/people?perPage=1", headers=auth)))
person = people["items"][0]["id"]
dashboard = json.load(urllib.request.urlopen(urllib.request.Request(base + "/api/v1/dashboard", headers=auth)))
case = dashboard["myCases"][0]["caseId"]
request = urllib.request.Request(base + "/api/v1/auth/token", method="POST", headers={"Content-Type": "application/json"},
                                 data=json.dumps({"username": "careworker", "password": password, "name": "bench"}).encode())
worker = json.load(urllib.request.urlopen(request))["token"]
day = json.load(urllib.request.urlopen(urllib.request.Request(base + "/api/v1/home-care/my-day", headers={"Authorization": "Bearer " + worker})))
visits = " ".join(v["id"] for v in day)
print(f"COOKIE='{cookie}'; TOKEN='{token}'; PERSON='{person}'; CASE='{case}'; WORKER='{worker}'; VISITS='{visits}'")
PY
)"

cat >"$work/note.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"text":"Телефонен разговор: всичко е наред."}'
wrk.headers["Content-Type"] = "application/json"
LUA

run() { # NAME PATH [wrk options...]
    local name=$1 path=$2; shift 2
    wrk -t2 -c32 -d"${SECONDS_PER_ROUTE}s" --latency "$@" "$BASE$path" >"$work/$name.txt" 2>&1 || true
    python3 - "$name" "$path" "$work/$name.txt" >>"$work/rows.tsv" <<'PY'
import re, sys
name, path, file = sys.argv[1:]
text = open(file).read()
def latency(p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)", text, re.M)
    if not m: return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print("\t".join([name, path, rate.group(1) if rate else "0", f"{latency(50):.2f}", f"{latency(99):.2f}", errors.group(1) if errors else "0"]))
PY
}

: >"$work/rows.tsv"
load_before=$(cut -d" " -f1-3 /proc/loadavg)
run healthz /healthz
run sign-in /sign-in
run people /people -H "Cookie: $COOKIE"
run person "/people/$PERSON" -H "Cookie: $COOKIE"
run me /api/v1/me -H "Authorization: Bearer $TOKEN"
run people-json /api/v1/people -H "Authorization: Bearer $TOKEN"
run note "/api/v1/cases/$CASE/notes" -H "Authorization: Bearer $TOKEN" -s "$work/note.lua"
if [ -n "$VISITS" ]; then
    # Each request is a new record (a fresh client id) on one of the day's visits in turn: the first
    # on each visit is recorded (201), the rest refused as already checked in (409). Both take the
    # visit's lock and write one event row, as a phone's outbox does.
    cat >"$work/checkin.lua" <<LUA
local visits = {}
for id in string.gmatch("$VISITS", "%S+") do visits[#visits + 1] = id end
local n = 0
request = function()
    n = n + 1
    local body = string.format('{"clientId":"bench-%d-%d","kind":"checkIn"}', math.random(1, 1000000000), n)
    return wrk.format("POST", "/api/v1/home-care/visits/" .. visits[(n % #visits) + 1] .. "/events",
        {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $WORKER"}, body)
end
LUA
    run check-in "/api/v1/home-care/visits" -s "$work/checkin.lua"
fi

load_after=$(cut -d" " -f1-3 /proc/loadavg)

python3 - "$work/rows.tsv" "$SECONDS_PER_ROUTE" "$(git describe --always --dirty)" "$ROOT/bench/http/RESULTS.md" "$load_before" "$load_after" <<'PY'
import datetime, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
seconds, commit, out, load_before, load_after = sys.argv[2:7]
base = float(rows[0][2]) or 1.0
lines = [f"| route | path | requests/s | share of /healthz | p50 ms | p99 ms | non-2xx/3xx |", "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
for name, path, rate, p50, p99, errors in rows:
    lines.append(f"| {name} | `{path if len(path) < 30 else path[:27] + '…'}` | {float(rate):,.0f} | {100 * float(rate) / base:.1f} % | {p50} | {p99} | {errors} |")
table = "\n".join(lines)
print(table)
head = f"""# HTTP benchmark

`bench/http/run.sh {seconds}`: release build, demo on SQLite, `wrk -t2 -c32 -d{seconds}s` per route, one
route after another in one run, signed in as the demo's case worker. Commit {commit}, run
{datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on this 2-core machine (wrk shares the two cores with the server).
Load average (1, 5, 15 min) before the run {load_before}, after it {load_after}.

"""
open(out, "w").write(head + table + "\n")
PY

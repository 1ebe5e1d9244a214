#!/usr/bin/env bash
# Plans the demo's home-care week end to end through the server, on SQLite and on PostgreSQL 15.
#
#   bench/homecare/run.sh [SECONDS]    (default 60 s of search; writes bench/homecare/RESULTS.md)
#   OPORA_BIN=path/to/opora bench/homecare/run.sh 60   (a release binary already built)
#
# Builds the release server, seeds the Kyustendil demo into a throwaway folder (and a throwaway
# PostgreSQL cluster), serves it on 127.0.0.1, and as the demo's coordinator asks over the API
# for a planning of the coming week: demand generation, the queued run, the engine, storing the
# plan. Measures the wall time from the request to the stored plan, the server's peak resident
# memory, the plan's figures beside the by-hand plan of the same demand, and the latency of other
# routes before and during the run. Never fails on a figure. Traffic goes to 127.0.0.1 only.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
SEARCH=${1:-60}
SCRATCH=${OPORA_BENCH_SCRATCH:-.build-release}
# OPORA_BIN names a release binary built already (the bench then builds nothing).
if [ -z "${OPORA_BIN:-}" ]; then
    swift build -c release --product opora --scratch-path "$SCRATCH" >/dev/null
fi
OPORA=${OPORA_BIN:-"$ROOT/$SCRATCH/release/opora"}

BIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/opora-bench-homecare.XXXXXX)
chmod 755 "$WORK"
PG_STARTED=0
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    if [ "$PG_STARTED" = 1 ]; then runuser -u postgres -- $BIN/pg_ctl -D "$WORK/pg" -m fast -w stop >/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

free_port() {
    for p in $(seq "$1" "$2"); do
        if ! ss -ltn "( sport = :$p )" | grep -q ":$p"; then echo "$p"; return; fi
    done
}

# One database: seed, serve, plan, stop. Appends a line of JSON to $WORK/results.jsonl.
bench_one() { # NAME [DATABASE_URL]
    local name=$1 url=${2:-} port
    port=$(free_port 8100 8140)
    mkdir -p "$WORK/$name"
    export OPORA_DATA_DIR="$WORK/$name" LOG_LEVEL=warning OPORA_PLANNING_SECONDS="$SEARCH" OPORA_PLANNING_THREADS=2
    if [ -n "$url" ]; then export DATABASE_URL="$url"; else unset DATABASE_URL; fi
    local started
    started=$(date +%s.%N)
    "$OPORA" seed --demo >/dev/null
    local seeded
    seeded=$(python3 -c "import sys; print(round($(date +%s.%N) - $started, 1))")
    "$OPORA" serve --hostname 127.0.0.1 --port "$port" >"$WORK/$name/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
    python3 "$ROOT/bench/homecare/plan_week.py" "http://127.0.0.1:$port" "$server" "$name" "$seeded" >>"$WORK/results.jsonl" \
        || { tail -30 "$WORK/$name/server.log"; exit 1; }
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

echo "SQLite"
bench_one sqlite

if [ -x "$BIN/initdb" ]; then
    PG_PORT=$(free_port 55460 55498)
    echo "PostgreSQL 15 on 127.0.0.1:$PG_PORT"
    chown postgres "$WORK"
    runuser -u postgres -- $BIN/initdb -D "$WORK/pg" -U opora --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    runuser -u postgres -- $BIN/pg_ctl -D "$WORK/pg" -l "$WORK/pg.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $WORK" start >/dev/null
    PG_STARTED=1
    createdb -h 127.0.0.1 -p "$PG_PORT" -U opora opora_bench
    psql -q -h 127.0.0.1 -p "$PG_PORT" -U opora opora_bench -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" >/dev/null
    bench_one postgres "postgres://opora@127.0.0.1:$PG_PORT/opora_bench?sslmode=disable"
else
    echo "no PostgreSQL 15 binaries at $BIN: SQLite only"
fi

python3 "$ROOT/bench/homecare/report.py" "$WORK/results.jsonl" "$SEARCH" "$(git rev-parse --short HEAD)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" | tee bench/homecare/RESULTS.md

#!/usr/bin/env bash
# Times the monthly hours report of a centre with 300 people and a year of recorded visits, on
# SQLite and on PostgreSQL 15, beside the 200 ms target of issue 13.
#
#   bench/hours/run.sh [REQUESTS]          (default 30 per route; writes bench/hours/RESULTS.md)
#   OPORA_BIN=path/to/opora bench/hours/run.sh   (a binary built already; the bench builds nothing)
#
# Builds the release server, seeds the Kyustendil demo into a throwaway folder (and a throwaway
# PostgreSQL cluster), adds a year of published weeks and recorded visits with `opora
# bench-hours` (bulk SQL), serves it on 127.0.0.1 and, as the demo's manager over the API, asks
# for a month's hours, timesheets and indicators REQUESTS times each. Prints median, p95 and
# max per route. Never fails on a figure. Traffic goes to 127.0.0.1 only.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
REQUESTS=${1:-30}
SCRATCH=${OPORA_BENCH_SCRATCH:-.build-release}
if [ -z "${OPORA_BIN:-}" ]; then
    swift build -c release --product opora --scratch-path "$SCRATCH" >/dev/null
fi
OPORA=${OPORA_BIN:-"$ROOT/$SCRATCH/release/opora"}
BUILD=$(case "$OPORA" in *release*) echo release ;; *) echo debug ;; esac)

BIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/opora-bench-hours.XXXXXX)
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

bench_one() { # NAME [DATABASE_URL]
    local name=$1 url=${2:-} port
    port=$(free_port 8150 8190)
    mkdir -p "$WORK/$name"
    export OPORA_DATA_DIR="$WORK/$name" LOG_LEVEL=warning
    if [ -n "$url" ]; then export DATABASE_URL="$url"; else unset DATABASE_URL; fi
    "$OPORA" seed --demo >/dev/null
    local generated
    generated=$("$OPORA" bench-hours --weeks 52)
    "$OPORA" serve --hostname 127.0.0.1 --port "$port" >"$WORK/$name/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
    python3 "$ROOT/bench/hours/time_report.py" "http://127.0.0.1:$port" "$name" "$REQUESTS" "$generated" \
        >>"$WORK/results.jsonl" || { tail -30 "$WORK/$name/server.log"; exit 1; }
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

echo "SQLite"
bench_one sqlite

if [ -x "$BIN/initdb" ]; then
    PG_PORT=$(free_port 55500 55540)
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

python3 "$ROOT/bench/hours/report.py" "$WORK/results.jsonl" "$BUILD" "$(git rev-parse --short HEAD)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" | tee bench/hours/RESULTS.md

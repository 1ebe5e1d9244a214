#!/usr/bin/env bash
# People benchmark: 1,000,000 people (or --people N) on SQLite and PostgreSQL 15, the server's own SQL.
#   bench/people/run.sh [--people N] [--iterations K] [--warmup K] [--no-wait] [--max-wait S] [--system-sqlite]
# Migrates a fresh SQLite file and a throwaway PostgreSQL cluster with `opora migrate`, generates and
# loads the data, measures, prints the table and (at the default size) writes bench/people/RESULTS.md.
# Everything it creates lives in one temporary folder, removed at the end.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OPORA=${OPORA_BIN:-$ROOT/.build/debug/opora}
PEOPLE=1000000
SYSTEM_SQLITE=0
PASS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --people) PEOPLE=$2; shift 2 ;;
        --system-sqlite) SYSTEM_SQLITE=1; shift ;;
        *) PASS+=("$1"); shift ;;
    esac
done
[ -x "$OPORA" ] || { echo "no server binary at $OPORA (build it first: swift build --product opora)"; exit 2; }
python3 -c 'import psycopg' 2>/dev/null || python3 -m pip install -q 'psycopg[binary]'

BIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/opora-bench-people.XXXXXX)
chmod 755 "$WORK"; chown postgres "$WORK"
PG_STARTED=0
cleanup() {
    if [ "$PG_STARTED" = 1 ]; then runuser -u postgres -- $BIN/pg_ctl -D "$WORK/pg" -m fast -w stop >/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# The server links SQLiteNIO's bundled SQLite (its own version and compile options), not the system
# library Python uses: build that same amalgamation as libsqlite3.so.0 (symbols renamed back,
# the same -D options, optimised as a release build) and put it in front of Python's sqlite3.
# Only options Python's _sqlite3 needs are dropped (OMIT_LOAD_EXTENSION, OMIT_TRACE, OMIT_PROGRESS_CALLBACK,
# OMIT_DESERIALIZE, OMIT_COMPLETE, OMIT_DEPRECATED, OMIT_SHARED_CACHE); none changes query planning.
AMALGAMATION=$ROOT/.build/checkouts/sqlite-nio/Sources/VaporCSQLite/sqlite_nio_sqlite3.c
if [ "$SYSTEM_SQLITE" = 0 ] && [ -f "$AMALGAMATION" ]; then
    echo "compiling the server's SQLite amalgamation (about 90 s)"
    mkdir -p "$WORK/lib"
    sed 's/sqlite_nio_sqlite3/sqlite3/g' "$AMALGAMATION" > "$WORK/lib/sqlite3.c"
    gcc -O2 -fPIC -shared -o "$WORK/lib/libsqlite3.so.0" "$WORK/lib/sqlite3.c" \
        -DSQLITE_DEFAULT_MEMSTATUS=0 -DSQLITE_DISABLE_PAGECACHE_OVERFLOW_STATS -DSQLITE_DQS=0 \
        -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS \
        -DSQLITE_ENABLE_FTS3_TOKENIZER -DSQLITE_ENABLE_FTS4 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_NULL_TRIM \
        -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_STMTVTAB -DSQLITE_ENABLE_UNKNOWN_SQL_FUNCTION \
        -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_MAX_VARIABLE_NUMBER=250000 -DSQLITE_LIKE_DOESNT_MATCH_BLOBS \
        -DSQLITE_OMIT_GET_TABLE -DSQLITE_OMIT_TCL_VARIABLE -DSQLITE_SECURE_DELETE -DSQLITE_THREADSAFE=1 \
        -DSQLITE_UNTESTABLE -DSQLITE_USE_URI -lpthread -lm
    rm "$WORK/lib/sqlite3.c"
    export LD_LIBRARY_PATH="$WORK/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
else
    echo "using the system SQLite that Python links (not the server's bundled one)"
fi

# a free port (55499 may hold a developer's cluster: never used here)
PORT=""
for p in $(seq 55460 55498); do
    if ! ss -ltn "( sport = :$p )" | grep -q ":$p"; then PORT=$p; break; fi
done
[ -n "$PORT" ] || { echo "no free port in 55460-55498"; exit 2; }

echo "PostgreSQL 15 on 127.0.0.1:$PORT in $WORK/pg"
runuser -u postgres -- $BIN/initdb -D "$WORK/pg" -U opora --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- $BIN/pg_ctl -D "$WORK/pg" -l "$WORK/pg.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $WORK -c fsync=off" start >/dev/null
PG_STARTED=1
createdb -h 127.0.0.1 -p "$PORT" -U opora opora_bench
DSN=postgres://opora@127.0.0.1:$PORT/opora_bench

mkdir -p "$WORK/sqlite"
cd "$ROOT"   # the territory migration reads the bundled EKATTE data from Resources/
echo "migrating SQLite ($WORK/sqlite/opora.sqlite) and PostgreSQL with $OPORA migrate"
OPORA_DATA_DIR="$WORK/sqlite" LOG_LEVEL=warning "$OPORA" migrate >"$WORK/migrate-sqlite.log" 2>&1 || { cat "$WORK/migrate-sqlite.log"; exit 1; }
OPORA_DATA_DIR="$WORK/sqlite-pg" DATABASE_URL="$DSN" LOG_LEVEL=warning "$OPORA" migrate >"$WORK/migrate-pg.log" 2>&1 || { cat "$WORK/migrate-pg.log"; exit 1; }

RESULTS="$WORK/RESULTS.md"
[ "$PEOPLE" = 1000000 ] && RESULTS="$HERE/RESULTS.md"
python3 -u "$HERE/bench.py" --people "$PEOPLE" --sqlite "$WORK/sqlite/opora.sqlite" --pg "$DSN" --results "$RESULTS" "${PASS[@]+"${PASS[@]}"}"

#!/usr/bin/env bash
# Opora's whole test suite: the one command the README and CI run.
#
#   scripts/test.sh               everything
#   scripts/test.sh --no-postgres skip the second run of the server suites on PostgreSQL 15
#   scripts/test.sh --no-e2e      skip the browser tests and the API fuzzing
#
# Steps: install missing browser-test tools (Debian's chromium and chromedriver, selenium,
# axe-core from axe-playwright-python); swift build (debug); the strict format and lint check
# (scripts/format.sh --lint, the toolchain's swift-format and .swift-format); swift test on SQLite; if the
# PostgreSQL 15 binaries are present, swift test --filter OporaServerTests on a throwaway cluster
# on 127.0.0.1; then the browser tests in e2e/ against a freshly seeded server on
# 127.0.0.1:8089; then schemathesis fuzzes the API of that server against its OpenAPI document
# (scripts/api-fuzz.sh); last, three kills of the server under write load on SQLite
# (bench/reliability/kill9.py). A failing test step does not stop the later ones; the summary at the end lists
# every step and the script exits non-zero if any failed. A failed build stops at once.
# The PostgreSQL cluster, the server and their temporary folders are removed on every exit.
#
# Environment (all optional):
#   OPORA_PG_BIN           PostgreSQL binaries (default /usr/lib/postgresql/15/bin)
#   OPORA_TEST_PG_PORT     first port tried for the throwaway cluster (default 55432)
#   OPORA_E2E_PORT         port of the server under browser test (default 8089)
#   OPORA_DEMO_PASSWORD    demo password used by seeding and by the browser tests
set -euo pipefail

usage() {
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
}

run_postgres=1
run_e2e=1
for arg in "$@"; do
    case "$arg" in
        --no-postgres) run_postgres=0 ;;
        --no-e2e) run_e2e=0 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "scripts/test.sh: unknown option '$arg'" >&2; usage >&2; exit 2 ;;
    esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# The first run is on the embedded SQLite database whatever the caller's shell says.
unset DATABASE_URL OPORA_TEST_PG_ADMIN_URL

PG_BIN=${OPORA_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=${OPORA_TEST_PG_PORT:-55432}
E2E_PORT=${OPORA_E2E_PORT:-8089}
E2E_BASE_URL="http://127.0.0.1:${E2E_PORT}"
TMP_ROOT=${TMPDIR:-/tmp}

pg_dir=""
server_pid=""
e2e_dir=""
steps=()
failed=0

section() {
    printf '\n==================== %s ====================\n' "$*"
}

note() {
    printf '  -> %s\n' "$*"
}

# record NAME STATUS: STATUS is ok, FAILED or skipped.
record() {
    steps+=("$(printf '%-34s %s' "$1" "$2")")
    if [ "$2" = FAILED ]; then failed=1; fi
}

summary() {
    section "Summary"
    local line
    for line in "${steps[@]}"; do printf '  %s\n' "$line"; done
    if [ "$failed" -ne 0 ]; then
        printf '\nSome steps FAILED.\n'
    else
        printf '\nAll steps passed.\n'
    fi
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "need root to run: $*" >&2
        return 1
    fi
}

# Runs a PostgreSQL binary as the postgres user when we are root (initdb refuses root).
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd "$pg_dir" && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop_server() {
    if [ -n "$server_pid" ]; then
        if kill -0 "$server_pid" 2>/dev/null; then
            kill "$server_pid" 2>/dev/null || true
            local i
            for i in $(seq 1 50); do
                kill -0 "$server_pid" 2>/dev/null || break
                sleep 0.2
            done
            kill -9 "$server_pid" 2>/dev/null || true
        fi
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
    if [ -n "$e2e_dir" ]; then
        rm -rf "$e2e_dir"
        e2e_dir=""
    fi
}

stop_postgres() {
    if [ -n "$pg_dir" ]; then
        if [ -f "$pg_dir/data/postmaster.pid" ]; then
            as_pg "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$pg_dir"
        pg_dir=""
    fi
}

cleanup() {
    local rc=$?
    set +e
    stop_server
    stop_postgres
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
section "Tools"

if [ "$run_e2e" -eq 1 ]; then
    if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
        note "installing chromium, chromium-driver and fonts-dejavu-core from Debian"
        apt_log=$(mktemp "$TMP_ROOT/opora-apt.XXXXXX")
        if ! { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
                && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
                    chromium chromium-driver fonts-dejavu-core; } >"$apt_log" 2>&1; then
            cat "$apt_log" >&2
            rm -f "$apt_log"
            echo "could not install chromium" >&2
            exit 1
        fi
        rm -f "$apt_log"
    fi
    note "$(/usr/bin/chromium --version 2>/dev/null | head -n 1)"

    if ! python3 -c 'import selenium, axe_playwright_python, pytest, schemathesis' >/dev/null 2>&1; then
        note "installing selenium, axe-playwright-python, pytest and schemathesis from PyPI"
        if ! python3 -m pip --version >/dev/null 2>&1; then
            as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null
        fi
        # Debian's own python3 is "externally managed"; these variables are ignored by pips
        # that do not know them.
        PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1 \
            python3 -m pip install -q selenium axe-playwright-python pytest schemathesis
    fi
    note "selenium $(python3 -c 'import selenium; print(selenium.__version__)')"
else
    note "browser tests off (--no-e2e): nothing to install"
fi
note "$(swift --version 2>&1 | head -n 1)"

# ---------------------------------------------------------------------------------------------
section "Build (swift build, debug)"

if swift build; then
    record "build" ok
else
    record "build" FAILED
    summary
    exit 1
fi

# ---------------------------------------------------------------------------------------------
section "Format and lint (scripts/format.sh --lint)"

if scripts/format.sh --lint; then
    record "format and lint" ok
else
    record "format and lint" FAILED
fi

# ---------------------------------------------------------------------------------------------
section "Tests on SQLite (swift test)"

if swift test; then
    record "swift test (SQLite)" ok
else
    record "swift test (SQLite)" FAILED
fi

# ---------------------------------------------------------------------------------------------
section "Server tests on PostgreSQL 15"

start_postgres() {
    pg_dir=$(mktemp -d "$TMP_ROOT/opora-pg.XXXXXX")
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; fi
    local port=$PG_PORT
    while port_in_use "$port"; do
        port=$((port + 1))
        if [ "$port" -gt $((PG_PORT + 50)) ]; then
            echo "no free port from $PG_PORT to $port" >&2
            return 1
        fi
    done
    PG_PORT=$port
    note "initdb in $pg_dir, listening on 127.0.0.1:$PG_PORT"
    if ! as_pg "$PG_BIN/initdb" -D "$pg_dir/data" -U opora --auth=trust -E UTF8 --locale=C.UTF-8 \
            >"$pg_dir/initdb.log" 2>&1; then
        cat "$pg_dir/initdb.log" >&2
        return 1
    fi
    if ! as_pg "$PG_BIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/pg.log" -w \
            -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $pg_dir -c fsync=off -c max_connections=500" start >/dev/null; then
        cat "$pg_dir/pg.log" >&2 || true
        return 1
    fi
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U opora opora_test
}

if [ "$run_postgres" -eq 0 ]; then
    note "skipped (--no-postgres)"
    record "swift test (PostgreSQL 15)" skipped
elif [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
    note "skipped: no PostgreSQL binaries in $PG_BIN"
    record "swift test (PostgreSQL 15)" skipped
elif ! start_postgres; then
    echo "could not start the throwaway PostgreSQL cluster" >&2
    record "swift test (PostgreSQL 15)" FAILED
    stop_postgres
else
    note "DATABASE_URL=postgres://opora@127.0.0.1:$PG_PORT/opora_test"
    if DATABASE_URL="postgres://opora@127.0.0.1:$PG_PORT/opora_test" \
       OPORA_TEST_PG_ADMIN_URL="postgres://opora@127.0.0.1:$PG_PORT/postgres" \
       swift test --skip-build --filter OporaServerTests; then
        record "swift test (PostgreSQL 15)" ok
    else
        record "swift test (PostgreSQL 15)" FAILED
    fi
    note "stopping the cluster"
    stop_postgres
fi

# ---------------------------------------------------------------------------------------------
section "Browser tests (e2e/, chromium)"

run_browser_tests() {
    local opora="$ROOT/.build/debug/opora"
    if [ ! -x "$opora" ]; then
        echo "no server binary at $opora" >&2
        return 1
    fi
    if port_in_use "$E2E_PORT"; then
        echo "port $E2E_PORT is already in use; stop what listens there or set OPORA_E2E_PORT" >&2
        return 1
    fi
    e2e_dir=$(mktemp -d "$TMP_ROOT/opora-e2e.XXXXXX")
    mkdir -p "$e2e_dir/data"
    export OPORA_DATA_DIR="$e2e_dir/data"

    note "opora seed --demo (OPORA_DATA_DIR=$OPORA_DATA_DIR)"
    "$opora" seed --demo || return 1

    note "opora serve on $E2E_BASE_URL"
    # Planning a demo week searches for a few seconds only, so the browser test of home care is quick.
    OPORA_PLANNING_SECONDS=${OPORA_PLANNING_SECONDS:-5} \
        "$opora" serve --hostname 127.0.0.1 --port "$E2E_PORT" >"$e2e_dir/server.log" 2>&1 &
    server_pid=$!

    local ready=0 i
    for i in $(seq 1 240); do
        if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
        if python3 - "$E2E_BASE_URL/healthz" <<'EOF' >/dev/null 2>&1
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=2) as r:
    sys.exit(0 if r.status == 200 else 1)
EOF
        then
            ready=1
            break
        fi
        sleep 0.25
    done
    if [ "$ready" -ne 1 ]; then
        if kill -0 "$server_pid" 2>/dev/null; then
            echo "the server did not answer $E2E_BASE_URL/healthz within 60 s; its log:" >&2
        else
            echo "the server exited before answering $E2E_BASE_URL/healthz; its log:" >&2
        fi
        tail -n 60 "$e2e_dir/server.log" >&2 || true
        mkdir -p e2e/screenshots
        cp "$e2e_dir/server.log" e2e/screenshots/server.log 2>/dev/null || true
        return 1
    fi
    note "server ready (pid $server_pid)"

    local rc=0
    rm -rf e2e/screenshots
    E2E_BASE_URL="$E2E_BASE_URL" python3 -m pytest -q e2e || rc=$?
    if [ "$rc" -ne 0 ]; then
        mkdir -p e2e/screenshots
        cp "$e2e_dir/server.log" e2e/screenshots/server.log 2>/dev/null || true
        note "screenshots and the server log are in e2e/screenshots/"
    fi
    return "$rc"
}

if [ "$run_e2e" -eq 0 ]; then
    note "skipped (--no-e2e)"
    record "browser tests" skipped
elif run_browser_tests; then
    record "browser tests" ok
else
    record "browser tests" FAILED
fi

# ---------------------------------------------------------------------------------------------
section "API fuzzing (schemathesis, scripts/api-fuzz.sh)"

# After the browser tests, on the same throwaway server: the fuzzing writes whatever the
# document allows, so it comes last.
if [ "$run_e2e" -eq 0 ]; then
    note "skipped (--no-e2e)"
    record "API fuzzing" skipped
elif [ -z "$server_pid" ] || ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the server under test is not running" >&2
    record "API fuzzing" FAILED
elif scripts/api-fuzz.sh "$E2E_BASE_URL"; then
    record "API fuzzing" ok
else
    record "API fuzzing" FAILED
fi
stop_server

# ---------------------------------------------------------------------------------------------
section "Kill -9 under write load (bench/reliability/kill9.py, SQLite, 3 kills)"

# Writes over the API while the server is killed and restarted three times; every write that
# was answered 2xx must be there afterwards, with the database and the audit chain intact.
if ! python3 -c 'import requests' >/dev/null 2>&1; then
    PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1 \
        python3 -m pip install -q requests
fi
if bench/reliability/kill9.py --kills 3 --db sqlite; then
    record "kill -9 under write load" ok
else
    record "kill -9 under write load" FAILED
fi

summary
exit "$failed"

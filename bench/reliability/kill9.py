#!/usr/bin/env python3
"""Kill -9 under write load: nothing the server acknowledged is lost, on SQLite and PostgreSQL 15.

    bench/reliability/kill9.py [--kills 10] [--db both|sqlite|postgres] [--seed 2026]
                               [--results FILE] [--keep]

For each database: copy the built server, seed the demo into a fresh database, serve it on
127.0.0.1, write case notes, visit events and plan versions over the JSON API from a few clients
(load.py), SIGKILL the server at seeded random moments and restart it on the same data, then read
back every acknowledged write, check the database's integrity and the audit trail's hash chain.
Exits 1 if an acknowledged write is missing or a check fails, 2 if the run could not be set up.
"""
import argparse
import datetime
import os
import random
import re
import signal
import sys
import time
from collections import Counter
from pathlib import Path


from load import WRITES, Load, prepare, verify
from stand import BUILT, ROOT, loadavg, sh, staged_binary, stand, tail

AMCHECK = """
SELECT count(bt_index_check(index => c.oid, heapallindexed => true))
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
WHERE am.amname = 'btree' AND c.relpersistence <> 't' AND i.indisready AND i.indisvalid
"""


def sqlite_query(path):
    def query(sql):
        r = sh(["sqlite3", "-separator", "\t", str(path), sql])
        if r.returncode:
            raise RuntimeError(f"sqlite3: {r.stderr}")
        return [line.split("\t") for line in r.stdout.splitlines() if line]
    return query


def psql_query(url):
    def query(sql):
        r = sh(["psql", url, "-X", "-v", "ON_ERROR_STOP=1", "-At", "-F", "\t", "-c", sql])
        if r.returncode:
            raise RuntimeError(f"psql: {r.stderr}")
        return [line.split("\t") for line in r.stdout.splitlines() if line]
    return query


def run_database(name, args, staged, kill_waits):
    """Seed, load with kills, read back, check. Returns the figures of the table's column."""
    with stand(name, staged, args.port, args.pg_port, "opora-kill9", keep=args.keep) as (data, env, postgres, server):
        began = time.monotonic() - server.seed_seconds
        f = {"seed": server.seed_seconds}
        server.start()
        load = Load(server, args.seed, f"{name[:2]}{args.seed}", args.care_clients)
        note_cases, plan_cases = prepare(load)
        load.t0 = time.monotonic()
        threads = load.run_clients(note_cases, plan_cases)
        f["kills"] = []
        for number, wait in enumerate(kill_waits[:-1], start=1):
            time.sleep(wait)
            with load.lock:
                inflight, moment = load.inflight, load.now()
            server.kill9()
            f["kills"].append({"number": number, "at": moment, "inflight": inflight, "life": server.lives})
            print(f"  {name}: kill {number} at {moment:.1f} s ({inflight} writes in flight), ", end="", flush=True)
            server.start()
            print(f"up again in {server.start_seconds[-1]:.2f} s", flush=True)
        time.sleep(kill_waits[-1])
        load.stop.set()
        for t in threads:
            t.join(120)
        f["load"] = load.now()
        if any(t.is_alive() for t in threads):
            load.failures.append("a client did not finish within 120 s of the end of the load")
        query = sqlite_query(data / "data" / "opora.sqlite") if postgres is None else psql_query(postgres.url)
        f["found"], f["lost"], f["extra"], f["inconsistent"] = verify(load, query)
        server.stop()
        if postgres is None:
            r = sh(["sqlite3", str(data / "data" / "opora.sqlite"), "PRAGMA integrity_check"])
            f["integrity"] = ("integrity_check " + r.stdout.strip()[:200], r.returncode == 0 and r.stdout.strip() == "ok")
        else:
            try:
                query("CREATE EXTENSION IF NOT EXISTS amcheck")
                f["integrity"] = (f"amcheck ok ({query(AMCHECK)[0][0]} btree indexes)", True)
            except RuntimeError as error:
                f["integrity"] = (f"amcheck FAILED: {str(error).strip()[:300]}", False)
        r = server.command("audit", "verify", timeout=600)
        said = (r.stdout + r.stderr).strip().splitlines()
        entries = re.search(r"intact: (\d+) entries", r.stdout)
        ok = r.returncode == 0 and entries is not None
        f["audit"] = (f"intact ({int(entries.group(1)):,} entries)" if ok else "FAILED: " + (said[-1] if said else f"exit {r.returncode}"), ok)
        f["total"] = time.monotonic() - began
        f.update(ledger=load, starts=server.start_seconds, log=server_log(name, server))
        if f["lost"]:
            report_losses(name, f["lost"], f["kills"], server)
        return f



def server_log(name, server):
    """What the server logs said besides the request lines: errors and warnings, migrations on restart."""
    errors, migrations = [], 0
    for life in range(1, server.lives + 1):
        lines = open(server.log(life), errors="replace").read().splitlines()
        migrations += life > 1 and any("Migrator" in line for line in lines)
        errors += [f"life {life}: {line}" for line in lines if re.match(r"\[ (ERROR|CRITICAL|WARNING) \]", line)]
    for line in errors[:12]:
        print(f"  {name} server log: {line[:300]}")
    return {"errors": errors, "migrations": migrations}


def report_losses(name, lost, kills, server):
    print(f"\n  {name}: {len(lost)} ACKNOWLEDGED WRITES LOST")
    for w in lost:
        kill = next((k for k in kills if k["life"] == w["life"]), None)
        after = f", {kill['at'] - w['at']:.3f} s before kill {kill['number']} at {kill['at']} s" if kill else ", no kill after it"
        rest = {k: v for k, v in w.items() if k not in ("kind", "id", "why", "at", "life")}
        print(f"  - {w['kind']} {w['id']}: {w['why']} (acknowledged at {w['at']} s in server life {w['life']}{after}) {rest}")
    for life in sorted({w["life"] for w in lost}):
        print(f"\n  --- last lines of server life {life} ({server.log(life)}) ---\n{tail(server.log(life), 25)}")
        if life < server.lives:
            print(f"  --- start of server life {life + 1} ---\n" + "".join(open(server.log(life + 1), errors="replace").readlines()[:15]))


def table(results):
    names = list(results)
    label = {"sqlite": "SQLite", "postgres": "PostgreSQL 15"}

    def row(title, f):
        return f"| {title} | " + " | ".join(f(results[n]) for n in names) + " |"

    def acked(kind):
        return lambda r: f"{sum(w['kind'] == kind for w in r['ledger'].acked):,}"

    def status(kinds, pick):
        return lambda r: f"{sum(v for (k, s), v in r['ledger'].status.items() if k in kinds and pick(s)):,}"

    def fives(r):
        by = Counter({k: v for (k, s), v in r["ledger"].status.items() if isinstance(s, int) and s >= 500})
        return f"{sum(by.values())}" + (f" ({', '.join(f'{k} {v}' for k, v in sorted(by.items()))})" if by else "")

    def starts(r):
        again = r["starts"][1:]
        return f"{sum(again) / len(again):.2f} / {max(again):.2f} s" if again else "–"

    return "\n".join([
        "| | " + " | ".join(label[n] for n in names) + " |", "| --- |" + " ---: |" * len(names),
        row("kills (SIGKILL under load)", lambda r: str(len(r["kills"]))),
        row("writes in flight at the kills", lambda r: str(sum(k["inflight"] for k in r["kills"]))),
        row("acknowledged case notes", acked("note")),
        row("acknowledged visit events (check-in, progress, check-out)", acked("event")),
        row("acknowledged plan versions", acked("plan")),
        row("acknowledged writes found", lambda r: f"{sum(r['found'].values()):,}"),
        row("**acknowledged writes lost**", lambda r: f"**{len(r['lost'])}**"),
        row("cases whose plan number is not their last version", lambda r: str(len(r["inconsistent"]))),
        row("plan versions refused as stale (409)", status(("plan",), lambda s: s == 409)),
        row("visit events refused (409)", lambda r: f"{sum(r['ledger'].refusals.values()):,}"),
        row("write attempts without an answer (cut off, or sent while down)", status(WRITES, lambda s: s == "no answer")),
        row("unanswered notes and plans committed all the same", lambda r: str(sum(r["extra"].values()))),
        row("events resent after a kill and answered \"recorded before\"", lambda r: str(r["ledger"].replays)),
        row("5xx answers", fives),
        row("server log errors and warnings", lambda r: str(len(r["log"]["errors"]))),
        row("restarts running migrations", lambda r: str(r["log"]["migrations"])),
        row("restart to /healthz \"ok\", mean / max", starts),
        row("integrity check", lambda r: r["integrity"][0]),
        row("audit verify", lambda r: r["audit"][0]),
        row("seed --demo", lambda r: f"{r['seed']:.0f} s"),
        row("load with kills", lambda r: f"{r['load']:.0f} s"),
        row("whole run (seed to last check)", lambda r: f"{r['total']:.0f} s"),
    ])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10, help="SIGKILLs per database (default 10)")
    parser.add_argument("--db", choices=["both", "sqlite", "postgres"], default="both")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the kill moments and the clients' choices")
    parser.add_argument("--care-clients", type=int, default=3, help="phones recording visits at once (default 3)")
    parser.add_argument("--min-wait", type=float, default=2.0, help="shortest load between kills, seconds (default 2)")
    parser.add_argument("--max-wait", type=float, default=8.0, help="longest load between kills, seconds (default 8)")
    parser.add_argument("--port", type=int, default=55480, help="first port tried for the server (default 55480)")
    parser.add_argument("--pg-port", type=int, default=55470, help="port of the throwaway PostgreSQL (default 55470)")
    parser.add_argument("--results", help="also write the report as Markdown to this file")
    parser.add_argument("--keep", action="store_true", help="keep the databases and server logs, and print where")
    args = parser.parse_args()
    if not BUILT.exists():
        print(f"no server binary at {BUILT}: build it first (swift build --product opora)", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(130))   # so that the clean-up below runs
    rng = random.Random(args.seed)
    kill_waits = [round(rng.uniform(args.min_wait, args.max_wait), 3) for _ in range(args.kills + 1)]
    names = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    load_before = loadavg()
    started = datetime.datetime.now(datetime.timezone.utc)
    results = {}
    with staged_binary(BUILT, "opora-kill9") as (staged, built_at, digest):
        print(f"server {BUILT} (built {built_at:%Y-%m-%d %H:%M} UTC, sha256 {digest}), seed {args.seed}, load of "
              f"{', '.join(f'{w:.1f}' for w in kill_waits[:-1])} s before each kill, then {kill_waits[-1]:.1f} s")
        for name in names:
            print(f"{name}: seeding the demo")
            try:
                results[name] = run_database(name, args, staged, kill_waits)
            except RuntimeError as error:
                print(f"{name}: could not run: {error}", file=sys.stderr)
                return 2
    load_after = loadavg()
    report = table(results)
    print("\n" + report)
    failed = [f"{n}: {len(r['lost'])} acknowledged writes lost" for n, r in results.items() if r["lost"]]
    failed += [f"{n}: {line}" for n, r in results.items() for line in r["inconsistent"] + r["ledger"].failures]
    failed += [f"{n}: {r[c][0]}" for n, r in results.items() for c in ("integrity", "audit") if not r[c][1]]
    if args.results:
        head = sh(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]).stdout.strip()
        command = f"bench/reliability/kill9.py --kills {args.kills} --seed {args.seed}" + ("" if args.db == "both" else f" --db {args.db}")
        Path(args.results).write_text(
            f"# Kill -9 under write load\n\n`{command}`: run {started:%Y-%m-%d %H:%M} UTC on this {os.cpu_count()}-core "
            f"machine, the debug server built {built_at:%Y-%m-%d %H:%M} UTC (sha256 {digest}, checkout at {head}), "
            f"{args.care_clients + 3} clients writing at once. Load average (1, 5, 15 min) before the run {load_before}, "
            f"after it {load_after}.\n\n{report}\n\n"
            + ("Nothing acknowledged was lost and every check passed.\n" if not failed
               else "FAILED:\n\n" + "\n".join(f"- {line}" for line in failed) + "\n"))
    for line in failed:
        print("FAILED " + line, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

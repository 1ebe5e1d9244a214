#!/usr/bin/env python3
"""Backup and restore under write load, on SQLite and PostgreSQL 15.

    bench/reliability/backup.py [--db both|sqlite|postgres] [--before 4] [--after 4] [--results FILE]

For each database: copy the built server, seed the demo into a fresh database, serve it, and
write over the JSON API from a few clients (load.py's clients, no kills). After `--before`
seconds run `opora backup FILE` while the writes go on, then `--after` seconds more, then stop
the clients and the server. Restore the backup with `opora restore FILE` into a fresh
OPORA_DATA_DIR (SQLite) or a second database on the same cluster (PostgreSQL), and compare:

- row counts per table: the backup's manifest (read by the backup from its own snapshot)
  against the restored database;
- a content hash per table (the sorted rows): the snapshot itself (SQLite: the backup file, read
  directly; PostgreSQL: the COPY data inside the dump, read with `pg_restore --data-only`)
  against the restored database;
- the moment: the restored audit trail must be the first N entries of the source's trail, N the
  manifest's count, ending at the manifest's last hash; every note and visit event acknowledged
  before the backup began must be in the restore;
- `opora audit verify` on the restored copy.
It also counts the answers to the writes sent while the backup ran. Exits 1 if a check fails,
2 if the run could not be set up.
"""
import argparse
import datetime
import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

from stand import BUILT, PG_BIN, ROOT, loadavg, sh, staged_binary, stand
from load import Load, prepare


def digest(lines):
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:16]


def norm_id(value):
    return str(uuid.UUID(bytes=value)) if isinstance(value, bytes) and len(value) == 16 else str(value).lower()


class SQLiteSide:
    def __init__(self, path):
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def rows(self, sql):
        return self.db.execute(sql).fetchall()

    def tables(self):
        return [r[0] for r in self.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]

    def hashes(self, tables):
        out = {}
        for t in tables:
            try:
                out[t] = digest(repr(r) for r in self.rows(f'SELECT * FROM "{t}"'))
            except sqlite3.Error as error:
                out[t] = f"unreadable: {error}"
        return out

    def counts(self, tables):
        return {t: self.rows(f'SELECT count(*) FROM "{t}"')[0][0] for t in tables}


class PostgresSide:
    def __init__(self, url):
        self.url = url

    def rows(self, sql):
        r = sh(["psql", self.url, "-X", "-v", "ON_ERROR_STOP=1", "-At", "-F", "\t", "-c", sql])
        if r.returncode:
            raise RuntimeError(f"psql: {r.stderr}")
        return [tuple(line.split("\t")) for line in r.stdout.splitlines()]

    def tables(self):
        return [r[0] for r in self.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                        "current_schema() AND table_type = 'BASE TABLE'")]

    def hashes(self, tables):
        out = {}
        for t in tables:
            r = sh(["psql", self.url, "-X", "-v", "ON_ERROR_STOP=1", "-c", f'COPY public."{t}" TO STDOUT'])
            out[t] = digest(r.stdout.splitlines()) if r.returncode == 0 else f"unreadable: {r.stderr.strip()}"
        return out

    def counts(self, tables):
        return {t: int(self.rows(f'SELECT count(*) FROM "{t}"')[0][0]) for t in tables}


def dump_hashes(path):
    """Per table, the hash of the COPY rows inside a pg_dump custom-format file."""
    r = sh([f"{PG_BIN}/pg_restore", "--data-only", "-f", "-", str(path)])
    if r.returncode:
        raise RuntimeError(f"pg_restore --data-only: {r.stderr}")
    tables, current = {}, None
    for line in r.stdout.split("\n"):
        if current is None:
            m = re.match(r'COPY public\.("?)([^" (]+)\1 \(.*\) FROM stdin;$', line)
            if m:
                current = m.group(2)
                tables[current] = []
        elif line == "\\.":
            current = None
        else:
            tables[current].append(line)
    return {t: digest(lines) for t, lines in tables.items()}


def window(load, began_at, ended_at):
    """Answers to writes during the backup, and the longest gap between acknowledgments in it."""
    acks = sorted(w["at"] for w in load.acked if began_at <= w["at"] <= ended_at)
    marks = [began_at] + acks + [ended_at]
    return len(acks), max(b - a for a, b in zip(marks, marks[1:]))


def run_database(name, args, staged):
    f = {}
    with stand(name, staged, args.port, args.pg_port, "opora-backup", keep=args.keep) as (data, env, postgres, server):
        server.start()
        load = Load(server, args.seed, f"bk{name[:2]}{args.seed}", args.care_clients)
        note_cases, plan_cases = prepare(load)
        load.t0 = time.monotonic()
        threads = load.run_clients(note_cases, plan_cases)
        time.sleep(args.before)
        file = data / ("backup.sqlite" if name == "sqlite" else "backup.dump")
        with load.lock:
            before, began_at = Counter(load.status), load.now()
        r = server.command("backup", str(file))
        with load.lock:
            during, ended_at = load.status - before, load.now()
        f["backup"] = {"rc": r.returncode, "said": (r.stdout + r.stderr).strip().splitlines()[-1:] or [""],
                       "seconds": ended_at - began_at}
        if r.returncode:
            raise RuntimeError(f"opora backup failed ({r.returncode}):\n{(r.stdout + r.stderr)[-3000:]}")
        f["size"] = file.stat().st_size
        f["during"] = {k: v for k, v in during.items() if k[0] != "read"}
        f["acks_in_window"], f["longest_gap"] = window(load, began_at, ended_at)
        time.sleep(args.after)
        load.stop.set()
        for t in threads:
            t.join(120)
        f["failures"] = load.failures
        server.stop()
        manifest = json.loads(Path(str(file) + ".manifest.json").read_text())
        f["manifest"] = manifest

        # The restore, into a fresh folder (with the data key, which the backup does not hold).
        restored = data / "restored"
        restored.mkdir()
        shutil.copy2(data / "data" / "data.key", restored / "data.key")
        renv = dict(env, OPORA_DATA_DIR=str(restored), SWIFT_BACKTRACE="enable=no")   # a crash says why, briefly
        if postgres:
            r = sh(["createdb", "-h", "127.0.0.1", "-p", str(args.pg_port), "-U", "opora", "opora_restored"])
            if r.returncode:
                raise RuntimeError(f"createdb opora_restored: {r.stderr}")
            renv["DATABASE_URL"] = postgres.url.rsplit("/", 1)[0] + "/opora_restored"
        began = time.monotonic()
        r = sh([str(staged), "restore", str(file)], cwd=ROOT, env=renv, timeout=900)
        f["restore"] = {"rc": r.returncode, "seconds": time.monotonic() - began,
                        "said": [line for line in (r.stdout + r.stderr).splitlines()
                                 if re.search(r"Fatal error|\[ (ERROR|CRITICAL) \]|Restored|does not match", line)][:3]}
        (data / "logs" / "restore.log").write_text(r.stdout + r.stderr)

        # The comparison.
        if postgres:
            source, copy = PostgresSide(postgres.url), PostgresSide(renv["DATABASE_URL"])
            snapshot = dump_hashes(file)
        else:
            source, copy = SQLiteSide(data / "data" / "opora.sqlite"), SQLiteSide(restored / "opora.sqlite")
            snapshot = SQLiteSide(file).hashes(manifest["counts"])
        tables = sorted(set(manifest["counts"]) | set(copy.tables()))
        counts, hashes = copy.counts(tables), copy.hashes(tables)
        f["tables"] = len(tables)
        f["rows"] = sum(manifest["counts"].values())
        f["count_diffs"] = [f"{t}: manifest {manifest['counts'].get(t)}, restored {counts.get(t)}"
                            for t in tables if manifest["counts"].get(t) != counts.get(t)]
        f["hash_diffs"] = [f"{t}: snapshot {snapshot.get(t)}, restored {hashes.get(t)}"
                           for t in tables if snapshot.get(t) != hashes.get(t)]
        ours = {int(s): h for s, h in copy.rows("SELECT seq, hash FROM audit_events")}
        theirs = {int(s): h for s, h in source.rows("SELECT seq, hash FROM audit_events")}
        n = manifest["counts"]["audit_events"]
        f["audit_moment"] = {
            "restored": len(ours), "source": len(theirs), "manifest": n,
            "prefix": sorted(ours) == list(range(1, n + 1)) and all(theirs.get(s) == h for s, h in ours.items()),
            "last": ours.get(max(ours, default=0)) == manifest["lastAuditHash"]}
        notes = {norm_id(r[0]) for r in copy.rows("SELECT id FROM case_notes")}
        events = {r[0] for r in copy.rows("SELECT client_id FROM home_care_visit_events")}
        present = lambda w: (norm_id(w["id"]) in notes) if w["kind"] == "note" else (w["id"] in events)  # noqa: E731
        acked = [w for w in load.acked if w["kind"] in ("note", "event")]
        f["acked_before"] = [w for w in acked if w["at"] < began_at]
        f["missing_before"] = [w for w in f["acked_before"] if not present(w)]
        f["acked_after"] = [w for w in acked if w["at"] > ended_at]
        f["present_after"] = [w for w in f["acked_after"] if present(w)]
        f["acked_during"] = [w for w in acked if began_at <= w["at"] <= ended_at]
        f["present_during"] = [w for w in f["acked_during"] if present(w)]
        r = sh([str(staged), "audit", "verify"], cwd=ROOT, env=renv, timeout=600)
        entries = re.search(r"intact: (\d+) entries", r.stdout)
        f["audit"] = (f"intact ({int(entries.group(1)):,} entries)" if r.returncode == 0 and entries
                      else "FAILED: " + ((r.stdout + r.stderr).strip().splitlines() or [f"exit {r.returncode}"])[-1],
                      r.returncode == 0 and entries is not None)
        # The operator's case: the server stopped, the backup restored over the database it came from.
        if postgres:
            ienv, over = dict(env, SWIFT_BACKTRACE="enable=no"), PostgresSide(postgres.url)
        else:
            shutil.copytree(data / "data", data / "over")
            ienv, over = dict(renv, OPORA_DATA_DIR=str(data / "over")), None
        r = sh([str(staged), "restore", str(file)], cwd=ROOT, env=ienv, timeout=900)
        (data / "logs" / "restore-over.log").write_text(r.stdout + r.stderr)
        over = over or SQLiteSide(data / "over" / "opora.sqlite")
        on_disk = over.counts(sorted(manifest["counts"]))
        f["over"] = {"rc": r.returncode, "said": [line.strip() for line in (r.stdout + r.stderr).splitlines() if re.search(
            r"Fatal error|does not match|expected|Restored", line)][:4],
            "count_diffs": [t for t in on_disk if on_disk[t] != manifest["counts"][t]]}
        lines = open(server.log(1), errors="replace").read().splitlines()
        f["log_errors"] = [line for line in lines if re.match(r"\[ (ERROR|CRITICAL) \]", line)]
        return f



def checks(f):
    fives = sum(v for (k, s), v in f["during"].items() if isinstance(s, int) and s >= 500)
    return [
        ("restore command succeeded", f["restore"]["rc"] == 0),
        ("restore over the source succeeded", f["over"]["rc"] == 0 and not f["over"]["count_diffs"]),
        ("row counts per table equal the manifest", not f["count_diffs"]),
        ("content hash per table equals the snapshot", not f["hash_diffs"]),
        ("restored audit trail is the source's first N entries", f["audit_moment"]["prefix"] and f["audit_moment"]["last"]),
        ("writes acknowledged before the backup are restored", not f["missing_before"]),
        ("writes acknowledged after the backup are not restored", not f["present_after"]),
        ("audit verify on the restore", f["audit"][1]),
        ("no 5xx during the backup", fives == 0),
        ("clients ran without unexpected answers", not f["failures"]),
        ("no server log errors", not f["log_errors"]),
    ]


def table(results):
    names = list(results)
    label = {"sqlite": "SQLite", "postgres": "PostgreSQL 15"}

    def row(title, fn):
        return f"| {title} | " + " | ".join(fn(results[n]) for n in names) + " |"

    def during(pick):
        return lambda r: str(sum(v for (k, s), v in r["during"].items() if pick(s)))

    return "\n".join([
        "| | " + " | ".join(label[n] for n in names) + " |", "| --- |" + " ---: |" * len(names),
        row("backup duration (`opora backup`, process start to exit)", lambda r: f"{r['backup']['seconds']:.2f} s"),
        row("backup size", lambda r: f"{r['size'] / 1e6:.1f} MB"),
        row("tables / rows in the manifest", lambda r: f"{r['tables']} / {r['rows']:,}"),
        row("writes answered 2xx during the backup", during(lambda s: isinstance(s, int) and 200 <= s < 300)),
        row("writes answered 409 during the backup", during(lambda s: s == 409)),
        row("writes answered 5xx during the backup", during(lambda s: isinstance(s, int) and s >= 500)),
        row("writes without an answer during the backup", during(lambda s: s == "no answer")),
        row("longest gap between acknowledgments during the backup", lambda r: f"{r['longest_gap']:.2f} s"),
        row("restore duration (`opora restore`)", lambda r: f"{r['restore']['seconds']:.2f} s"),
        row("restore into a fresh folder / database: command", lambda r: "ok" if r["restore"]["rc"] == 0 else f"**FAILED ({r['restore']['rc']})**"),
        row("restore over the source database (server stopped): command", lambda r:
            "ok" if r["over"]["rc"] == 0 else f"**FAILED ({r['over']['rc']})**"),
        row("  … tables whose row count on disk then differs from the manifest", lambda r: str(len(r["over"]["count_diffs"]))),
        row("**tables whose row count differs from the manifest**", lambda r: f"**{len(r['count_diffs'])}**"),
        row("**tables whose content hash differs from the snapshot**", lambda r: f"**{len(r['hash_diffs'])}**"),
        row("audit entries restored / in the manifest / in the source at the end", lambda r:
            f"{r['audit_moment']['restored']} / {r['audit_moment']['manifest']} / {r['audit_moment']['source']}"),
        row("restored audit trail is a prefix of the source's, ending at the manifest's hash", lambda r:
            "yes" if r["audit_moment"]["prefix"] and r["audit_moment"]["last"] else "**NO**"),
        row("notes and events acknowledged before the backup: restored", lambda r: f"{len(r['acked_before']) - len(r['missing_before'])} of {len(r['acked_before'])}"),
        row("acknowledged during the backup: restored", lambda r: f"{len(r['present_during'])} of {len(r['acked_during'])}"),
        row("acknowledged after the backup: restored (goal 0)", lambda r: f"{len(r['present_after'])} of {len(r['acked_after'])}"),
        row("audit verify on the restore", lambda r: r["audit"][0]),
        row("server log errors", lambda r: str(len(r["log_errors"]))),
    ])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["both", "sqlite", "postgres"], default="both")
    parser.add_argument("--before", type=float, default=4.0, help="seconds of load before the backup (default 4)")
    parser.add_argument("--after", type=float, default=4.0, help="seconds of load after it (default 4)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--care-clients", type=int, default=3)
    parser.add_argument("--binary", default=str(BUILT), help="the server binary (default .build/debug/opora)")
    parser.add_argument("--port", type=int, default=55540)
    parser.add_argument("--pg-port", type=int, default=55472)
    parser.add_argument("--results", help="also write the report as Markdown to this file")
    parser.add_argument("--keep", action="store_true", help="keep the databases, the backup and the logs")
    args = parser.parse_args()
    if not Path(args.binary).exists():
        print(f"no server binary at {args.binary}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(130))
    load_before = loadavg()
    started = datetime.datetime.now(datetime.timezone.utc)
    results = {}
    with staged_binary(args.binary, "opora-backup") as (staged, built_at, _):
        for name in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
            print(f"{name}: seeding the demo, then backup under load and restore", flush=True)
            try:
                results[name] = run_database(name, args, staged)
            except RuntimeError as error:
                print(f"{name}: could not run: {error}", file=sys.stderr)
                return 2
    load_after = loadavg()
    report = table(results)
    failed = [f"{n}: {what}" for n, r in results.items() for what, ok in checks(r) if not ok]
    details = []
    for n, r in results.items():
        details += [f"{n}: restore said: {line}" for line in r["restore"]["said"]] if r["restore"]["rc"] else []
        details += [f"{n}: restore over the source said: {line}" for line in r["over"]["said"]] if r["over"]["rc"] else []
        details += [f"{n}: row count {line}" for line in r["count_diffs"]]
        details += [f"{n}: content {line}" for line in r["hash_diffs"]]
        details += [f"{n}: acknowledged before the backup, missing: {w}" for w in r["missing_before"][:10]]
        details += [f"{n}: acknowledged after the backup, restored: {w}" for w in r["present_after"][:10]]
        details += [f"{n}: {line}" for line in r["failures"] + r["log_errors"][:5]]
    print("\n" + report + ("\n\n" + "\n".join(details) if details else ""))
    if args.results:
        head = sh(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]).stdout.strip()
        Path(args.results).write_text(
            f"# Backup and restore under write load\n\n`bench/reliability/backup.py --before {args.before:g} --after "
            f"{args.after:g} --seed {args.seed}`: run {started:%Y-%m-%d %H:%M} UTC on this {os.cpu_count()}-core machine, "
            f"the debug server built {built_at:%Y-%m-%d %H:%M} UTC (checkout at {head}), {args.care_clients + 3} clients "
            f"writing. Load average (1, 5, 15 min) before the run {load_before}, after it {load_after}.\n\n{report}\n\n"
            + ("Every check passed.\n" if not failed else "FAILED:\n\n" + "\n".join(f"- {line}" for line in failed) + "\n")
            + ("\nDetails:\n\n" + "\n".join(f"- {line}" for line in details) + "\n" if details else ""))
    for line in failed:
        print("FAILED " + line, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

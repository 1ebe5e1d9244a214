#!/usr/bin/env python3
"""Sign-in attacks: the per-address limit, the per-account lockout and account enumeration,
on SQLite and PostgreSQL 15.

    bench/reliability/signin.py [--db both|sqlite|postgres] [--attempts 200] [--results FILE]

For each database: copy the built server, seed the demo into a fresh database, serve it on
127.0.0.1 (OPORA_TRUST_PROXY unset, so the client address is the TCP peer), then
(a) from one address: wrong usernames, then the demo's accounts with wrong passwords, counting
    401 and 429 answers; one forged X-Forwarded-For; the right password from that address;
(b) lockout: five wrong passwords for `caseworker` from one address, then the right one from
    it (must be refused) and from another address (must work: the lockout is per account and
    address, so a stranger cannot lock a colleague out);
(c) enumeration: N attempts with a known username and a wrong password against N with unknown
    usernames, interleaved, each from its own address (127.1.x.y: Linux answers the whole of
    127/8 on loopback) so that no limit kicks in; statuses and bodies compared (ids and tokens
    blanked), timing medians compared with the noise between the halves of each group.
Exits 1 if a check fails, 2 if the run could not be set up.
"""
import argparse
import datetime
import os
import re
import signal
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter

from stand import BUILT, ROOT, loadavg, sh, staged_binary, stand
from load import PASSWORD

DEMO_ACCOUNTS = ["caseworker", "careworker", "admin", "manager", "coordinator", "director", "planner", "inspector"] + \
    [f"staff{n:02d}" for n in range(1, 21)]


class FromAddress(HTTPAdapter):
    """Connections from a chosen loopback source address."""

    def __init__(self, address):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kw):
        kw["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kw)


def client(address):
    s = requests.Session()
    s.mount("http://", FromAddress(address))
    return s


def token(server, s, username, password, headers=None):
    began = time.perf_counter()
    r = s.post(server.base + "/api/v1/auth/token", json={"username": username, "password": password, "name": "bench"},
               headers=headers or {}, timeout=60)
    return r, time.perf_counter() - began


def page_sign_in(server, s, username, password):
    """The HTML form: GET it for its CSRF field and cookie, then POST it."""
    form = s.get(server.base + "/sign-in", timeout=30)
    csrf = re.search(r'name="_csrf" value="([^"]*)"', form.text)
    began = time.perf_counter()
    r = s.post(server.base + "/sign-in", data={"_csrf": csrf.group(1) if csrf else "", "username": username,
                                               "password": password}, allow_redirects=False, timeout=60)
    return r, time.perf_counter() - began


UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
TOKENISH = re.compile(r"[A-Za-z0-9_\-]{32,}")
VOLATILE = {"date", "set-cookie", "x-request-id", "content-length"}


def shape(r, username):
    """Status, headers that matter and body with the username, ids and tokens blanked."""
    body = r.text.replace(username, "<username>")
    body = TOKENISH.sub("<token>", UUID.sub("<id>", body))
    headers = tuple(sorted((k.lower(), v) for k, v in r.headers.items() if k.lower() not in VOLATILE))
    cookies = tuple(sorted(c.split("=", 1)[0] for c in r.headers.get("set-cookie", "").split(", ") if "=" in c))
    return (r.status_code, headers, cookies, body)


def mann_whitney_p(a, b):
    """Two-sided p of the Mann-Whitney U test, normal approximation (enough for 200 against 200)."""
    ranked = sorted([(v, 0) for v in a] + [(v, 1) for v in b])
    ranks, i = {}, 0
    while i < len(ranked):
        j = i
        while j + 1 < len(ranked) and ranked[j + 1][0] == ranked[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2 + 1
        i = j + 1
    u = sum(ranks[k] for k, (_, g) in enumerate(ranked) if g == 0) - len(a) * (len(a) + 1) / 2
    mean, sd = len(a) * len(b) / 2, (len(a) * len(b) * (len(a) + len(b) + 1) / 12) ** 0.5
    z = abs(u - mean) / sd
    return 2 * (1 - 0.5 * (1 + __import__("math").erf(z / 2 ** 0.5)))


def attack(server, args):
    f = {}
    # (a) many usernames from one address
    s, statuses = client("127.0.10.1"), []
    names = [f"nobody{n:03d}" for n in range(args.attempts)] + DEMO_ACCOUNTS
    for name in names:
        r, _ = token(server, s, name, "wrong-password")
        statuses.append(r.status_code)
    first429 = next((i for i, c in enumerate(statuses) if c == 429), None)
    f["a"] = {"attempts": len(names), "counts": Counter(statuses), "first429": first429,
              "after": Counter(statuses[first429:]) if first429 is not None else Counter()}
    f["a_forged"] = token(server, s, "nobody-x", "wrong", headers={"X-Forwarded-For": "203.0.113.7"})[0].status_code
    f["a_right"] = token(server, s, "caseworker", PASSWORD)[0].status_code
    # (b) lockout of a real account from one address
    s, other = client("127.0.11.1"), client("127.0.11.2")
    f["b_wrong"] = [token(server, s, "caseworker", "wrong-password")[0].status_code for _ in range(5)]
    f["b_locked"] = [token(server, s, "caseworker", PASSWORD)[0].status_code for _ in range(2)]
    f["b_page_locked"] = page_sign_in(server, client("127.0.11.1"), "caseworker", PASSWORD)[0].status_code
    f["b_other"] = token(server, other, "caseworker", PASSWORD)[0].status_code
    # (c) enumeration, each attempt from a fresh address
    known, unknown, shapes = [], [], {"known": Counter(), "unknown": Counter()}
    for i in range(args.attempts * 2):
        kind = "known" if i % 2 == 0 else "unknown"
        name = "caseworker" if kind == "known" else f"ghost{i:04d}"
        r, seconds = token(server, client(f"127.1.{i // 250}.{i % 250 + 1}"), name, "wrong-password")
        (known if kind == "known" else unknown).append(seconds)
        shapes[kind][shape(r, name)] += 1
    page = {"known": Counter(), "unknown": Counter()}
    for i in range(args.page_attempts * 2):
        kind = "known" if i % 2 == 0 else "unknown"
        name = "caseworker" if kind == "known" else f"phantom{i:04d}"
        r, _ = page_sign_in(server, client(f"127.2.{i // 250}.{i % 250 + 1}"), name, "wrong-password")
        page[kind][shape(r, name)] += 1
    f["c"] = {"known": known, "unknown": unknown, "shapes": shapes, "page": page}
    return f


def timing(c):
    k, u = c["known"], c["unknown"]
    diff = statistics.median(k) - statistics.median(u)
    half = len(k) // 2
    noise = max(abs(statistics.median(k[:half]) - statistics.median(k[half:])),
                abs(statistics.median(u[:half]) - statistics.median(u[half:])))
    return diff, noise, mann_whitney_p(k, u)


def run_database(name, args, staged):
    with stand(name, staged, args.port, args.pg_port, "opora-signin", keep=False) as (data, env, postgres, server):
        server.start()
        began = time.monotonic()
        f = attack(server, args)
        f["seconds"] = time.monotonic() - began
        lines = open(server.log(1), errors="replace").read().splitlines()
        f["log_errors"] = [line for line in lines if re.match(r"\[ (ERROR|CRITICAL) \]", line)]
        return f



def checks(f):
    """(description, passed) for one database."""
    a, c = f["a"], f["c"]
    diff, noise, p = timing(c)
    same_api = set(c["shapes"]["known"]) == set(c["shapes"]["unknown"]) and len(c["shapes"]["known"]) == 1
    same_page = set(c["page"]["known"]) == set(c["page"]["unknown"]) and len(c["page"]["known"]) == 1
    return [
        ("address limit kicks in (429 before the end)", a["first429"] is not None),
        ("every answer after the first 429 is 429", a["first429"] is not None and set(a["after"]) == {429}),
        ("forged X-Forwarded-For still 429", f["a_forged"] == 429),
        ("right password from the throttled address refused", f["a_right"] == 429),
        ("five wrong passwords answered 401", f["b_wrong"] == [401] * 5),
        ("right password refused while locked (API)", all(s == 401 for s in f["b_locked"])),
        ("right password refused while locked (page)", f["b_page_locked"] == 401),
        ("same account from another address signs in", f["b_other"] == 201),
        ("API answers identical for known and unknown usernames", same_api),
        ("page answers identical for known and unknown usernames", same_page),
        ("timing difference below noise", abs(diff) <= noise),
        ("no 5xx and no server log errors", not f["log_errors"] and not any(
            s >= 500 for s in list(a["counts"]) + [x[0] for x in c["shapes"]["known"] | c["shapes"]["unknown"]])),
    ]


def table(results):
    names = list(results)
    label = {"sqlite": "SQLite", "postgres": "PostgreSQL 15"}
    ms = lambda v: f"{v * 1000:.1f} ms"   # noqa: E731

    def row(title, fn):
        return f"| {title} | " + " | ".join(fn(results[n]) for n in names) + " |"

    def counts(c):
        return ", ".join(f"{k}: {v}" for k, v in sorted(c.items()))

    def variants(group, key):
        return lambda r: str(len(r["c"][key][group])) + " (" + ", ".join(f"{s[0]}×{n}" for s, n in r["c"][key][group].items()) + ")"

    lines = ["| | " + " | ".join(label[n] for n in names) + " |", "| --- |" + " ---: |" * len(names),
             row("(a) wrong sign-ins from one address", lambda r: str(r["a"]["attempts"])),
             row("(a) answers", lambda r: counts(r["a"]["counts"])),
             row("(a) first 429 at attempt", lambda r: str(r["a"]["first429"] + 1 if r["a"]["first429"] is not None else "never")),
             row("(a) answers after the first 429", lambda r: counts(r["a"]["after"])),
             row("(a) forged X-Forwarded-For, same address", lambda r: str(r["a_forged"])),
             row("(a) right password from that address", lambda r: str(r["a_right"])),
             row("(b) 5 wrong passwords for caseworker", lambda r: " ".join(map(str, r["b_wrong"]))),
             row("(b) right password, same address (API ×2, page)", lambda r: " ".join(map(str, r["b_locked"] + [r["b_page_locked"]]))),
             row("(b) right password, another address", lambda r: str(r["b_other"])),
             row("(c) API attempts known / unknown", lambda r: f"{len(r['c']['known'])} / {len(r['c']['unknown'])}"),
             row("(c) API answer variants, known", variants("known", "shapes")),
             row("(c) API answer variants, unknown", variants("unknown", "shapes")),
             row("(c) identical API answers", lambda r: "yes" if set(r["c"]["shapes"]["known"]) == set(r["c"]["shapes"]["unknown"]) else "**NO**"),
             row("(c) page answer variants known / unknown", lambda r: f"{len(r['c']['page']['known'])} / {len(r['c']['page']['unknown'])}"),
             row("(c) identical page answers", lambda r: "yes" if set(r["c"]["page"]["known"]) == set(r["c"]["page"]["unknown"]) else "**NO**"),
             row("(c) median known / unknown", lambda r: f"{ms(statistics.median(r['c']['known']))} / {ms(statistics.median(r['c']['unknown']))}"),
             row("(c) p10–p90 known", lambda r: f"{ms(statistics.quantiles(r['c']['known'], n=10)[0])}–{ms(statistics.quantiles(r['c']['known'], n=10)[-1])}"),
             row("(c) p10–p90 unknown", lambda r: f"{ms(statistics.quantiles(r['c']['unknown'], n=10)[0])}–{ms(statistics.quantiles(r['c']['unknown'], n=10)[-1])}"),
             row("(c) difference of medians (known − unknown)", lambda r: ms(timing(r["c"])[0])),
             row("(c) noise: largest half-to-half median shift", lambda r: ms(timing(r["c"])[1])),
             row("(c) verdict", lambda r: "below noise" if abs(timing(r["c"])[0]) <= timing(r["c"])[1] else "**ABOVE NOISE**"),
             row("(c) Mann–Whitney p (known vs unknown)", lambda r: f"{timing(r['c'])[2]:.3f}"),
             row("server log errors", lambda r: str(len(r["log_errors"]))),
             row("duration of the attacks", lambda r: f"{r['seconds']:.0f} s")]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["both", "sqlite", "postgres"], default="both")
    parser.add_argument("--attempts", type=int, default=200, help="wrong usernames in (a), attempts per group in (c)")
    parser.add_argument("--page-attempts", type=int, default=20, help="HTML sign-ins per group in (c) (default 20)")
    parser.add_argument("--binary", default=str(BUILT), help="the server binary (default .build/debug/opora)")
    parser.add_argument("--port", type=int, default=55520)
    parser.add_argument("--pg-port", type=int, default=55471)
    parser.add_argument("--results", help="also write the report as Markdown to this file")
    args = parser.parse_args()
    if not Path(args.binary).exists():
        print(f"no server binary at {args.binary}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(130))
    load_before = loadavg()
    started = datetime.datetime.now(datetime.timezone.utc)
    results = {}
    with staged_binary(args.binary, "opora-signin") as (staged, built_at, _):
        for name in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
            print(f"{name}: seeding the demo and attacking", flush=True)
            try:
                results[name] = run_database(name, args, staged)
            except RuntimeError as error:
                print(f"{name}: could not run: {error}", file=sys.stderr)
                return 2
    load_after = loadavg()
    report = table(results)
    failed = [f"{n}: {what}" for n, r in results.items() for what, ok in checks(r) if not ok]
    print("\n" + report)
    for n, r in results.items():
        for group in ("known", "unknown"):
            for s, count in r["c"]["shapes"][group].items():
                print(f"  {n} API {group} ×{count}: {s[0]} {s[3][:200]}")
        for line in r["log_errors"][:5]:
            print(f"  {n} server log: {line[:300]}")
    if args.results:
        head = sh(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]).stdout.strip()
        Path(args.results).write_text(
            f"# Sign-in attacks\n\n`bench/reliability/signin.py --attempts {args.attempts}`: run {started:%Y-%m-%d %H:%M} UTC "
            f"on this {os.cpu_count()}-core machine, the debug server built {built_at:%Y-%m-%d %H:%M} UTC (checkout at "
            f"{head}). Load average (1, 5, 15 min) before the run {load_before}, after it {load_after}.\n\n{report}\n\n"
            + ("Every check passed.\n" if not failed else "FAILED:\n\n" + "\n".join(f"- {line}" for line in failed) + "\n"))
    for line in failed:
        print("FAILED " + line, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""People benchmark: generate N people (default 1,000,000) with cases, plans, assessments and
referrals, load them into an SQLite and a PostgreSQL database already migrated by `opora migrate`,
and time the server's own SQL (queries.py). Prints figures; never fails on time.

Run through bench/people/run.sh, which prepares the databases and cleans up.
"""
import argparse
import base64
import bisect
import csv
import datetime as dt
import hashlib
import hmac
import io
import math
import os
import platform
import random
import re
import statistics
import subprocess
import sqlite3
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import names as N  # noqa: E402
import queries as Q  # noqa: E402

SETTLEMENTS = "/work/shared/data/settlements.csv"
DATA_KEY = bytes(range(32))  # any fixed 32-byte key: lookup hashes are HMAC-SHA256 under it
PROVIDER_KINDS = ["municipal", "ngo", "privateCompany"]
TODAY = dt.date.today()
NOW = time.time()


def log(*a):
    print(*a, flush=True)


def uid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper()


def blob_pool(rng, size, count=512):
    """Random base64 strings of a sealed value's length (AES-GCM combined box: 28 bytes + plaintext)."""
    return [base64.b64encode(rng.randbytes(size)).decode() for _ in range(count)]


def egn_hash(kind, value, provider):
    """DataKey.identifierHash: HMAC-SHA256 of "<provider uuid, lower case>:<type>:<value>"."""
    return hmac.new(DATA_KEY, f"{str(provider).lower()}:{kind}:{value}".encode(), hashlib.sha256).hexdigest()


# ------------------------------------------------------------------------------------------------
# generation
# ------------------------------------------------------------------------------------------------
def zipf_cum(n, s=0.9):
    w = [1.0 / (i + 1) ** s for i in range(n)]
    out, t = [], 0.0
    for x in w:
        t += x
        out.append(t)
    return out


def generate(n_people, seed):
    rng = random.Random(seed)
    t0 = time.perf_counter()
    with open(SETTLEMENTS, newline="", encoding="utf-8") as f:
        sett = [(r["ekatte"], r["municipality_code"], r["oblast_code"], max(int(r["population"] or 0), 1)) for r in csv.DictReader(f)]
    cum, t = [], 0
    for s in sett:
        t += s[3]
        cum.append(t)
    mun_pop = {}
    for e, m, o, p in sett:
        mun_pop.setdefault(m, [o, 0])[1] += p

    # providers: one per municipality at least, the rest in proportion to population
    n_prov = max(len(mun_pop), round(n_people / 500))
    total_pop = sum(v[1] for v in mun_pop.values())
    providers = []  # (id, municipality, oblast)
    by_mun = {}
    extra = n_prov - len(mun_pop)
    for m, (o, p) in sorted(mun_pop.items()):
        k = 1 + int(extra * p / total_pop)
        for _ in range(k):
            pid = uid(rng)
            providers.append((pid, m, o))
            by_mun.setdefault(m, []).append(len(providers) - 1)
    workers = [[uid(rng) for _ in range(3)] for _ in providers]  # 3 case workers per provider
    # provider rows: the ЕГН search of a municipality or an oblast asks for the ids of its providers first
    provider_rows = []
    for k, (pid, m, o) in enumerate(providers):
        created = NOW - rng.uniform(0, 5 * 365 * 86400)
        name = f"Доставчик {k + 1}"
        provider_rows.append((pid, created, created, 1, name, N.fold(name), rng.choice(PROVIDER_KINDS),
                              f"{100000000 + k:09d}", m, o, None, None, None))

    male_cum, female_cum, fam_cum = zipf_cum(len(N.MALE)), zipf_cum(len(N.FEMALE)), zipf_cum(len(N.FAMILY))
    sidx = rng.choices(range(len(sett)), cum_weights=cum, k=n_people)
    ident_pool, addr_pool, health_pool = blob_pool(rng, 38), blob_pool(rng, 90), blob_pool(rng, 120)
    # sealed like the address: a phone "+35988xxxxxxx" (13 bytes) and the target groups ("elderly" or "")
    phone_pool, elderly_pool, no_group_pool = blob_pool(rng, 28 + 13), blob_pool(rng, 28 + 7), blob_pool(rng, 28)
    people, person_prov, egns, seen = [], [], [], set()
    for i in range(n_people):
        female = rng.random() < 0.55
        given = N.FEMALE[bisect.bisect_left(female_cum, rng.random() * female_cum[-1])] if female else \
            N.MALE[bisect.bisect_left(male_cum, rng.random() * male_cum[-1])]
        father = N.MALE[bisect.bisect_left(male_cum, rng.random() * male_cum[-1])]
        fam = N.FAMILY[bisect.bisect_left(fam_cum, rng.random() * fam_cum[-1])]
        family = N.female_family(fam) if female else fam
        middle = N.patronymic(father, female)
        full = f"{given} {middle} {family}"
        r = rng.random()
        age = rng.randint(65, 101) if r < 0.6 else rng.randint(18, 64) if r < 0.85 else rng.randint(0, 17)
        year = TODAY.year - age
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        ekatte, mun, obl, _ = sett[sidx[i]]
        pi = rng.choice(by_mun[mun])
        if rng.random() < 0.02:  # not yet identified: no ЕГН
            itype, sealed, ihash, birth, sex = "none", None, None, None, None
        else:
            while True:
                serial = rng.randrange(500) * 2 + (1 if female else 0)
                e = N.egn(year, month, day, serial, rng)
                if e not in seen:
                    seen.add(e)
                    break
            itype, sealed, ihash = "egn", rng.choice(ident_pool), egn_hash("egn", e, providers[pi][0])
            birth, sex = f"{year:04d}-{month:02d}-{day:02d}", "female" if female else "male"
            egns.append((e, i))
        created = NOW - rng.uniform(0, 5 * 365 * 86400)
        people.append((
            uid(rng), created, created, 1, given, middle, family, N.latin(full), N.fold(full),
            N.sort_key(family, given, middle), itype, sealed, ihash, birth, sex, ekatte, mun, obl,
            rng.choice(addr_pool), rng.choice(phone_pool) if rng.random() < 0.7 else None,
            rng.choice(elderly_pool if age >= 65 else no_group_pool), rng.choice(health_pool) if rng.random() < 0.3 else None,
            providers[pi][0], 0))
        person_prov.append(pi)
    del seen
    t_people = time.perf_counter() - t0

    # cases, plans, assessments, referrals
    n_cases, n_assess, n_ref = round(0.3 * n_people), round(0.3 * n_people), round(0.05 * n_people)
    states = ["request", "assessment", "plan", "active", "review", "suspended", "closed"]
    state_w = [5, 10, 10, 45, 10, 5, 15]
    sources = ["self", "family", "generalPractitioner", "outreachTeam", "anotherProvider", "court", "childProtection"]
    bases = ["socialServicesAct", "personalAssistanceAct", "personsWithDisabilitiesAct", "explicitConsent"]
    req_pool, plan_pool, content_pool, shared_pool = blob_pool(rng, 150), blob_pool(rng, 600), blob_pool(rng, 900), blob_pool(rng, 200)
    case_people = rng.sample(range(n_people), min(n_people, round(n_cases * 0.9)))
    case_people += [rng.randrange(n_people) for _ in range(n_cases - len(case_people))]
    cases, plans, case_worker = [], [], []
    for pix in case_people:
        p = people[pix]
        pi = person_prov[pix]
        w = rng.choice(workers[pi])
        st = rng.choices(states, state_w)[0]
        opened = TODAY - dt.timedelta(days=rng.randint(0, 4 * 365))
        n_plan = 0 if st in ("request", "assessment") else rng.choice([1, 1, 1, 2, 2, 3])
        cid = uid(rng)
        created = NOW - (TODAY - opened).days * 86400
        cases.append((cid, created, created, 1, p[0], p[22], p[16], p[17], w, st, rng.choice(sources), rng.choice(bases),
                      rng.choice(req_pool), opened.isoformat(), n_plan))
        case_worker.append(w)
        for k in range(1, n_plan + 1):
            review = TODAY + dt.timedelta(days=rng.randint(-20, 300) - 180 * (n_plan - k))
            plans.append((uid(rng), cid, k, rng.choice(plan_pool), review.isoformat(), "Бенчмарк", created + k * 86400))
    assess = []
    open_cases = [i for i, c in enumerate(cases) if c[9] != "request"]
    for _ in range(n_assess):
        c = cases[rng.choice(open_cases)]
        signed = TODAY - dt.timedelta(days=rng.randint(0, 3 * 365))
        assess.append((uid(rng), c[0], c[4], rng.choice(content_pool),
                       rng.choice([None, 1, 2, 3, 4]), signed.isoformat(), "Бенчмарк", NOW - (TODAY - signed).days * 86400))
    refs = []
    for _ in range(n_ref):
        c = cases[rng.randrange(len(cases))]
        sent = NOW - rng.uniform(0, 365 * 86400)
        status = rng.choices(["sent", "accepted", "declined", "completed"], [30, 40, 10, 20])[0]
        decided = None if status == "sent" else sent + rng.uniform(3600, 20 * 86400)
        if rng.random() < 0.9:
            # mostly to a provider in the same municipality, as referrals are in practice
            tp = providers[rng.choice(by_mun[c[6]])] if rng.random() < 0.7 else providers[rng.randrange(len(providers))]
            to, tsvc, outside, tm, to_obl = tp[0], uid(rng), None, tp[1], tp[2]
        else:
            to, tsvc, outside, tm, to_obl = None, None, rng.choice(["личен лекар", "бюро по труда", "училище"]), None, None
        refs.append((uid(rng), 1, c[0], c[5], to, tsvc, outside, tm, to_obl, status,
                     "Няма капацитет" if status == "declined" else None, rng.choice(shared_pool), sent, decided))
    t_all = time.perf_counter() - t0
    log(f"generated {len(people):,} people in {t_people:.1f} s; {len(cases):,} cases, {len(plans):,} plan versions, "
        f"{len(assess):,} assessments, {len(refs):,} referrals, {len(providers):,} providers, "
        f"{sum(len(w) for w in workers):,} case workers; total {t_all:.1f} s")
    return dict(providers=providers, provider_rows=provider_rows, workers=workers, people=people, person_prov=person_prov,
                egns=egns, cases=cases, case_worker=case_worker, plans=plans, assessments=assess, referrals=refs,
                gen_seconds=t_all)


COLS = {
    "providers": ["id", "created_at", "updated_at", "version", "name", "sort_key", "kind", "eik", "municipality_code",
                  "oblast_code", "address", "phone", "email"],
    "people": ["id", "created_at", "updated_at", "version", "given_name", "middle_name", "family_name", "name_latin",
               "search_text", "sort_key", "identifier_type", "identifier_sealed", "identifier_hash", "birth_date", "sex",
               "settlement_ekatte", "municipality_code", "oblast_code", "address_sealed", "phone", "target_groups",
               "health_sealed", "provider_id", "anonymised"],
    "cases": ["id", "created_at", "updated_at", "version", "person_id", "provider_id", "municipality_code", "oblast_code",
              "case_worker_id", "state", "referral_source", "legal_basis", "request_sealed", "opened_on", "plan_number"],
    "support_plans": ["id", "case_id", "number", "plan_sealed", "review_date", "created_by", "created_at"],
    "assessments": ["id", "case_id", "person_id", "content_sealed", "dependence_degree", "signed_on", "signed_by", "created_at"],
    "referrals": ["id", "version", "case_id", "from_provider_id", "to_provider_id", "to_service_id", "outside_service",
                  "to_municipality_code", "to_oblast_code", "status", "decline_reason", "shared_sealed", "sent_at", "decided_at"],
}
TIME_COLS = {"created_at", "updated_at", "sent_at", "decided_at"}
BOOL_COLS = {"anonymised"}
DATA_KEYS = {"providers": "provider_rows", "people": "people", "cases": "cases", "support_plans": "plans",
             "assessments": "assessments", "referrals": "referrals"}


# ------------------------------------------------------------------------------------------------
# loading
# ------------------------------------------------------------------------------------------------
def load_sqlite(path, data):
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-262144")
    times = {}
    triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name='people'").fetchall()
    for name, _ in triggers:
        con.execute(f'DROP TRIGGER "{name}"')
    t0 = time.perf_counter()
    con.execute("BEGIN")
    for table, cols in COLS.items():
        t = time.perf_counter()
        sql = f'INSERT INTO "{table}" ({", ".join(cols)}) VALUES ({", ".join("?" * len(cols))})'
        con.executemany(sql, data[DATA_KEYS[table]])
        times[table] = time.perf_counter() - t
    con.execute("COMMIT")
    times["rows, with the server's b-tree indexes"] = time.perf_counter() - t0
    t = time.perf_counter()
    con.execute("INSERT INTO people_fts(people_fts) VALUES('rebuild')")
    times["FTS5 trigram rebuild"] = time.perf_counter() - t
    for _, sql in triggers:  # the migration's own trigger text, restored verbatim
        con.execute(sql)
    t = time.perf_counter()
    con.execute("ANALYZE")
    times["ANALYZE"] = time.perf_counter() - t
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    times["total"] = time.perf_counter() - t0
    times["file size MB"] = os.path.getsize(path) / 1e6
    return times


def _pg_text(v, col):
    if v is None:
        return r"\N"
    if col in TIME_COLS:
        return dt.datetime.fromtimestamp(v, dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f+00")
    if col in BOOL_COLS:
        return "t" if v else "f"
    return str(v)


def load_pg(dsn, data):
    import psycopg
    times = {}
    with psycopg.connect(dsn, autocommit=True) as con:
        trgm = con.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'people_search_trgm'").fetchone()[0]
        con.execute("DROP INDEX people_search_trgm")  # built once after COPY, from its own definition
        con.execute("SET session_replication_role = replica")  # user rows are not generated: skip FK triggers
        con.execute("SET maintenance_work_mem = '512MB'")
        t0 = time.perf_counter()
        with con.transaction():
            for table, cols in COLS.items():
                t = time.perf_counter()
                with con.cursor().copy(f'COPY "{table}" ({", ".join(cols)}) FROM STDIN') as cp:
                    buf = io.StringIO()
                    for k, row in enumerate(data[DATA_KEYS[table]]):
                        buf.write("\t".join(_pg_text(v, c) for v, c in zip(row, cols)))
                        buf.write("\n")
                        if k % 20000 == 19999:
                            cp.write(buf.getvalue())
                            buf = io.StringIO()
                    cp.write(buf.getvalue())
                times[table] = time.perf_counter() - t
        times["rows, with the server's b-tree indexes"] = time.perf_counter() - t0
        t = time.perf_counter()
        con.execute(trgm)
        times["GIN pg_trgm build"] = time.perf_counter() - t
        t = time.perf_counter()
        con.execute("VACUUM ANALYZE")
        times["VACUUM ANALYZE"] = time.perf_counter() - t
        times["total"] = time.perf_counter() - t0
        times["database size MB"] = con.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 1e6
        times["people_search_trgm MB"] = con.execute("SELECT pg_relation_size('people_search_trgm')").fetchone()[0] / 1e6
    return times


# ------------------------------------------------------------------------------------------------
# parameters: the same random draws for both databases
# ------------------------------------------------------------------------------------------------
MISSING = ["щфх", "qzx", "жжж", "xyq", "цкф"]


def make_params(data, iterations, seed):
    rng = random.Random(seed + 1)
    people, prov = data["people"], data["providers"]
    person_prov = data["person_prov"]
    egn_of = {i: e for e, i in data["egns"]}
    egn_set = set(egn_of.values())
    by_prov = {}
    for i, pi in enumerate(person_prov):
        by_prov.setdefault(pi, []).append(i)

    def fragment(pix):
        p = people[pix]
        r = rng.random()
        if r < 0.05:
            return N.fold(rng.choice(MISSING)), "missing"
        word = rng.choice([p[4], p[5], p[6]])
        ln = rng.randint(3, min(6, len(word)))
        st = rng.randint(0, len(word) - ln)
        frag = word[st:st + ln]
        if r < 0.8:  # typed in Cyrillic, folded as the server folds it
            return N.fold(frag), "cyrillic"
        return N.fold(frag), "latin"  # typed in Latin: the same letters

    in_region = {}  # the providers a municipality or oblast scope reaches (PeopleStore.providerIDs)
    for p, m, o in prov:
        in_region.setdefault(("municipality", m), []).append(p)
        in_region.setdefault(("oblast", o), []).append(p)
    out = {"name_provider": [], "name_municipality": [], "name_oblast": [], "egn": [], "open": [], "dashboard": []}
    for _ in range(iterations):
        pix = rng.randrange(len(people))  # a person-weighted provider: the case worker's
        pi = person_prov[pix]
        src = rng.choice(by_prov[pi]) if rng.random() < 0.5 else rng.randrange(len(people))
        frag, kind = fragment(src)
        out["name_provider"].append((prov[pi][0], frag, kind))
        mun = people[pix][16]
        frag2, kind2 = fragment(rng.randrange(len(people)))
        out["name_municipality"].append((mun, frag2, kind2))
        out["name_oblast"].append((mun[:3], frag2, kind2))
        r = rng.random()
        own = [i for i in by_prov[pi] if i in egn_of]
        if r < 0.5 and own:
            out["egn"].append((prov[pi][0], egn_of[rng.choice(own)], "found"))
        elif r < 0.75:
            out["egn"].append((prov[pi][0], rng.choice(data["egns"])[0], "other provider"))
        else:  # a valid ЕГН that nobody in the data has
            e = N.egn(rng.randint(1930, 2020), rng.randint(1, 12), rng.randint(1, 28), 999, rng)
            out["egn"].append((prov[pi][0], e if e not in egn_set else "0000000000", "missing"))
        r = rng.random()
        if r < 0.8:
            out["open"].append((prov[pi][0], people[rng.choice(by_prov[pi])][0], "found"))
        elif r < 0.9:
            out["open"].append((prov[pi][0], people[rng.randrange(len(people))][0], "other provider"))
        else:
            out["open"].append((prov[pi][0], uid(rng), "missing"))
        out["dashboard"].append((rng.choice(data["workers"][pi]), prov[pi][0]))
    # the ЕГН search binds an egn and an lnch hash of the typed 10 digits for every provider the scope
    # reaches (PeopleStore.search): the case worker's provider, or the providers of the director's
    # municipality and oblast, with the same ЕГН. The hashes are computed here, outside the timing.
    def hashes(e, providers):
        return [egn_hash(t, e, p) for p in providers for t in ("egn", "lnch")]

    egn = out.pop("egn")
    mun_of = {p: m for p, m, _ in prov}
    out["egn_provider"] = [(p, e, kind, hashes(e, [p])) for p, e, kind in egn]
    out["egn_municipality"] = [(mun_of[p], e, kind, hashes(e, in_region[("municipality", mun_of[p])])) for p, e, kind in egn]
    out["egn_oblast"] = [(mun_of[p][:3], e, kind, hashes(e, in_region[("oblast", mun_of[p][:3])])) for p, e, kind in egn]
    return out


# ------------------------------------------------------------------------------------------------
# measuring
# ------------------------------------------------------------------------------------------------
def pct(xs, q):
    s = sorted(xs)
    return s[max(0, math.ceil(q * len(s)) - 1)]


class Runner:
    def __init__(self, db, con):
        self.db, self.con = db, con
        if db == "pg":
            import psycopg
            self.cur = psycopg.RawCursor(con)  # $n placeholders, server-side binds like PostgresNIO

    def run(self, sql, binds):
        if self.db == "sqlite":
            return self.con.execute(sql, binds).fetchall()
        self.cur.execute(sql, binds, prepare=False)  # unnamed statements, as PostgresNIO sends them
        return self.cur.fetchall() if self.cur.description else []


def bind_uuid(db, s):
    return s if db == "sqlite" else uuid.UUID(s)


def requests_for(db, name, params, today):
    """-> list of (label, [(sql, binds)...]) for each iteration; and a row-count extractor."""
    F = False if db == "pg" else 0
    out = []
    if name.startswith("name_"):
        scope = name.split("_", 1)[1]
        for key, frag, kind in params[name]:
            k = bind_uuid(db, key) if scope == "provider" else key
            out.append((kind, lambda runner, k=k, frag=frag: server_name_search(runner, db, scope, k, frag)))
    elif name.startswith("baseline_"):
        scope = name.split("_", 1)[1]
        stmts = Q.trigram_subquery_search(db, scope)
        for key, frag, kind in params[f"name_{scope}"]:
            b3 = '"' + frag.replace('"', "") + '"' if db == "sqlite" else f"%{frag}%"
            k = bind_uuid(db, key) if scope == "provider" else key
            out.append((kind, [(stmts[0], (k, F, b3)), (stmts[1], (k, F, b3))]))
    elif name.startswith("egn_"):
        scope = name.split("_", 1)[1]
        for key, _, kind, hashes in params[name]:
            k = bind_uuid(db, key) if scope == "provider" else key
            out.append((kind, lambda runner, k=k, hashes=hashes: server_egn_search(runner, db, scope, k, hashes)))
    elif name == "open":
        sql = Q.open_person(db)
        for p, pid, kind in params["open"]:
            out.append((kind, [(sql, (bind_uuid(db, p), F, bind_uuid(db, pid)))]))
    elif name == "dashboard":
        for w, p in params["dashboard"]:
            out.append(("", lambda runner, w=bind_uuid(db, w), p=bind_uuid(db, p): server_dashboard(runner, db, w, p, today)))
    return out


def server_name_search(runner, db, scope, key, frag):
    """PeopleSearch as the server runs it for a one-word query: a provider or a municipality is searched
    by LIKE alone; across an oblast SQLite probes the FTS5 trigram table first and, when the fragment is
    rare (2,000 matches or fewer in the country), searches only those rows. -> (rows shown, matches counted)."""
    F = False if db == "pg" else 0
    like = f"%{frag}%"
    narrowed = []
    if scope == "oblast" and db == "sqlite" and len(frag) >= 3:
        found = [r[0] for r in runner.run(Q.PROBE_SQLITE, ('"' + frag.replace('"', "") + '"',))]
        if len(found) <= 2000:
            if not found:
                return 0, 0
            narrowed = [str(x) for x in sorted(found)]
    stmts = Q.name_search(db, scope, narrowed=narrowed)
    binds = (key, F, like)
    page, counted = (runner.run(sql, binds) for sql in stmts)
    return min(len(page), 50), len(counted)


def server_egn_search(runner, db, scope, key, hashes):
    """PeopleStore.search for 10 digits: a municipality or an oblast first asks for the ids of its providers
    (the hashes, one egn and one lnch per provider, were computed from the same providers beforehand);
    then PeopleSearch's page of 51 and count of up to 1,001 ids. -> (rows shown, matches counted)."""
    F = False if db == "pg" else 0
    if scope != "provider":
        sql = Q.PROVIDERS_IN_SCOPE[scope]
        found = runner.run(sql if db == "sqlite" else Q.to_pg(sql), (key,))
        assert 2 * len(found) == len(hashes), (scope, key, len(found), len(hashes))
    stmts = Q.egn_search(db, scope, providers=len(hashes) // 2)
    binds = (key, F, *hashes)
    page, counted = (runner.run(sql, binds) for sql in stmts)
    return min(len(page), 50), len(counted)


def server_dashboard(runner, db, worker, provider, today):
    """Dashboard.build: the worker's open cases in the case scope (the worker's provider); for the active ones,
    plan versions with a review due within 14 days and assessments of the last year; referrals waiting in the
    provider's scope. -> [cases, referrals]."""
    sql = Q.DASHBOARD_MY_CASES if db == "sqlite" else Q.to_pg(Q.DASHBOARD_MY_CASES)
    mine = runner.run(sql, (provider, worker))
    state, case_id, person_id = (Q.column(Q.DASHBOARD_MY_CASES, c) for c in ("cases_state", "cases_id", "cases_person_id"))
    active = [r for r in mine if r[state] in ("active", "review")]
    if active:
        due = (today + dt.timedelta(days=14)).isoformat()
        year_ago = (today - dt.timedelta(days=365)).isoformat()
        for statement, ids, bound in ((Q.dashboard_plans, [r[case_id] for r in active], due),
                                      (Q.dashboard_assessments, [r[person_id] for r in active], year_ago)):
            sql = statement(len(ids))
            runner.run(sql if db == "sqlite" else Q.to_pg(sql), tuple(ids) + (bound,))
    sql = Q.DASHBOARD_REFERRALS if db == "sqlite" else Q.to_pg(Q.DASHBOARD_REFERRALS)
    return len(mine), len(runner.run(sql, (provider, provider)))


def measure(runner, reqs, warmup, full_warm_pass=False):
    """Times reqs[warmup:]. full_warm_pass: first run every timed request once untimed-for-the-result (its
    median is kept as 'first pass'), so that the figures are for warm caches; otherwise reqs[:warmup] warm up."""
    def one_pass(items):
        times, rows, counts = [], [], []
        for kind, stmts in items:
            t = time.perf_counter()
            if callable(stmts):  # -> (rows shown, matches counted)
                shown, counted = stmts(runner)
                times.append((time.perf_counter() - t) * 1000)
                rows.append(shown)
                counts.append(counted)
                continue
            res = [runner.run(sql, b) for sql, b in stmts]
            times.append((time.perf_counter() - t) * 1000)
            rows.append(len(res[-1]))
            if len(stmts) == 2 and res[0] and len(res[0][0]) == 1:
                counts.append(res[0][0][0])
        return times, rows, counts

    first = None
    if full_warm_pass:
        first = statistics.median(one_pass(reqs[warmup:])[0])
    else:
        one_pass(reqs[:warmup])
    times, rows, counts = one_pass(reqs[warmup:])
    return {"median": statistics.median(times), "p99": pct(times, 0.99), "max": max(times), "n": len(times),
            "rows": statistics.median(rows), "rows_max": max(rows), "first": first,
            "total": statistics.median(counts) if counts else None, "total_max": max(counts) if counts else None}


def audit_open(db, con, params, warmup):
    """The write half of opening a file: the audit append transaction, as the server runs it."""
    times = []
    cur = con.cursor() if db == "sqlite" else None
    import json
    for i, (p, pid, kind) in enumerate(params["open"]):
        t = time.perf_counter()
        if db == "sqlite":
            con.execute("BEGIN")
            last = con.execute(Q.AUDIT_LAST).fetchall()
            seq = (last[0][1] if last else 0) + 1
            con.execute(Q.AUDIT_INSERT_SQLITE, (str(uuid.uuid4()).upper(), seq, time.time(), str(uuid.uuid4()).upper(), "caseworker",
                                                "person.opened", "person", pid, "{}", "127.0.0.1", "0" * 64, "1" * 64)).fetchall()
            con.execute("COMMIT")
        else:
            import psycopg
            rc = psycopg.RawCursor(con)
            with con.transaction():
                rc.execute(Q.AUDIT_LOCK_PG, prepare=False)
                rc.execute(Q.AUDIT_LAST, prepare=False)
                last = rc.fetchall()
                seq = (last[0][1] if last else 0) + 1
                rc.execute(Q.AUDIT_INSERT_PG, (uuid.uuid4(), seq, dt.datetime.now(dt.timezone.utc), uuid.uuid4(), "caseworker",
                                               "person.opened", "person", pid, "{}", "127.0.0.1", "0" * 64, "1" * 64), prepare=False)
        if i >= warmup:
            times.append((time.perf_counter() - t) * 1000)
    return {"median": statistics.median(times), "p99": pct(times, 0.99), "max": max(times), "n": len(times),
            "rows": 1, "rows_max": 1, "total": None, "total_max": None, "first": None}


QUERIES = [
    ("name_provider", "1. name fragment, case worker (provider scope): the server's search"),
    ("baseline_provider", "1b. baseline: the trigram match list as a subquery, exact COUNT (previous server path)"),
    ("name_municipality", "1m. name fragment, director (municipality scope): the server's search"),
    ("baseline_municipality", "1mb. baseline: as 1b in the municipality scope"),
    ("name_oblast", "1o. name fragment, oblast scope (the director's oblast; trigram probe first): the server's search"),
    ("baseline_oblast", "1ob. baseline: as 1b in the oblast scope"),
    ("egn_provider", "2. ЕГН (keyed hashes naming the provider), case worker (provider scope): 2 hashes"),
    ("egn_municipality", "2m. ЕГН, director (municipality scope): the providers' ids, then 2 hashes per provider"),
    ("egn_oblast", "2o. ЕГН, oblast scope (the director's oblast): the providers' ids, then 2 hashes per provider"),
    ("open", "3. open a person's file (SELECT)"),
    ("audit", "3w. open: audit append transaction (write)"),
    ("dashboard", "4. dashboard: the four statements of Dashboard.build (rows: open cases; matches: referrals waiting)"),
]


NO_STATS = [
    ("name_provider@nostats", "1s. as 1 on SQLite without ANALYZE statistics (the server never runs ANALYZE)"),
    ("name_municipality@nostats", "1ms. as 1m on SQLite without ANALYZE statistics"),
    ("egn_municipality@nostats", "2ms. as 2m on SQLite without ANALYZE statistics"),
    ("dashboard@nostats", "4s. as 4 on SQLite without ANALYZE statistics"),
]


def run_db(db, con, params, warmup, today):
    results = {}
    runner = Runner(db, con)
    for name, label in QUERIES:
        t = time.perf_counter()
        if name == "audit":
            results[name] = audit_open(db, con, params, warmup)
        else:
            # every row first runs all its requests once (kept as "first pass"), so that no row is timed on
            # pages another row has just brought into the cache while it met them cold
            results[name] = measure(runner, requests_for(db, name, params, today), warmup, full_warm_pass=True)
        r = results[name]
        log(f"  [{db}] {label}: median {r['median']:.2f} ms, p99 {r['p99']:.2f} ms, rows {r['rows']:.0f} "
            f"(total {r['total']}) [{time.perf_counter() - t:.0f} s]")
    return results


def plans(db, con, params, today):
    """Query plans for one parameter set per query (a common and a rare fragment for the name search)."""
    out = []
    common = ("ova", "common fragment 'ova'")
    rare = ("shtere", "rare fragment 'shtere'")
    prov = params["name_provider"][0][0]
    mun = "SOF46"
    F = 0 if db == "sqlite" else False

    def explain(title, sql, binds):
        if db == "sqlite":
            rows = con.execute("EXPLAIN QUERY PLAN " + sql, binds).fetchall()
            text = "\n".join(f"{r[0]:>3} {r[1]:>3} {r[3]}" for r in rows)
        else:
            import psycopg
            rc = psycopg.RawCursor(con)
            rc.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) " + sql, binds, prepare=False)
            text = "\n".join(short_lists(r[0]) for r in rc.fetchall())
        out.append((title, text))

    for frag, what in (common, rare):
        for scope, key in (("provider", prov), ("municipality", mun)):
            k = bind_uuid(db, key) if scope == "provider" else key
            explain(f"name search page, {scope} scope, {what}",
                    Q.name_search(db, scope)[0], (k, F, f"%{frag}%"))
    explain("name search count (up to 1,001), municipality scope, common fragment 'ova'", Q.name_search(db, "municipality")[1],
            ("SOF46", F, "%ova%"))
    for scope in ("provider", "municipality"):
        key, _, _, hashes = params[f"egn_{scope}"][0]
        k = bind_uuid(db, key) if scope == "provider" else key
        explain(f"ЕГН search page, {scope} scope ({len(hashes)} hashes)", Q.egn_search(db, scope, len(hashes) // 2)[0],
                (k, F, *hashes))
    p, pid, _ = params["open"][0]
    explain("open a person's file", Q.open_person(db), (bind_uuid(db, p), F, bind_uuid(db, pid)))
    w, p = (bind_uuid(db, x) for x in params["dashboard"][0])
    pg = (lambda sql: sql) if db == "sqlite" else Q.to_pg
    explain("dashboard: my open cases (case scope, then the worker)", pg(Q.DASHBOARD_MY_CASES), (p, w))
    mine = Runner(db, con).run(pg(Q.DASHBOARD_MY_CASES), (p, w))
    active = [r for r in mine if r[Q.column(Q.DASHBOARD_MY_CASES, "cases_state")] in ("active", "review")][:20]
    if active:
        explain(f"dashboard: plan reviews due ({len(active)} active cases)", pg(Q.dashboard_plans(len(active))),
                tuple(r[Q.column(Q.DASHBOARD_MY_CASES, "cases_id")] for r in active) + ((today + dt.timedelta(days=14)).isoformat(),))
        explain(f"dashboard: assessments of the last year ({len(active)} people)", pg(Q.dashboard_assessments(len(active))),
                tuple(r[Q.column(Q.DASHBOARD_MY_CASES, "cases_person_id")] for r in active) + ((today - dt.timedelta(days=365)).isoformat(),))
    explain("dashboard: referrals waiting in the scope", pg(Q.DASHBOARD_REFERRALS), (p, p))
    return out


def short_lists(line):
    """A bound list of many hashes in a plan line, shortened to its first two values and its length."""
    def cut(m):
        values = m.group(1).split(",")
        return m.group(0) if len(values) <= 8 else "'{" + ",".join(values[:2]) + f",… {len(values)} values}}'"
    return re.sub(r"'\{([^}]*)\}'", cut, line)


def wait_for_solver(enabled, max_wait):
    """A scheduling benchmark (or a build of it) would distort both: wait for it, up to max_wait seconds."""
    if not enabled:
        return "not checked (--no-wait)"
    waited = 0
    while True:
        found = subprocess.run(["pgrep", "-af", "opora-solve"], capture_output=True, text=True).stdout.strip()
        if not found:
            return f"waited {waited} s for opora-solve" if waited else "no opora-solve process running"
        if waited >= max_wait:
            return f"opora-solve still running after {waited} s of waiting; measured anyway: {found.splitlines()[0][:120]}"
        if waited % 60 == 0:
            log(f"opora-solve is running ({found.splitlines()[0][:100]}); waiting before measuring ({waited} s so far)")
        time.sleep(10)
        waited += 10


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def fmt(x):
    return f"{x:.2f}" if x is not None else "—"


def report(args, data, load, res, plan_texts, pg_version):
    lines = []
    w = lines.append
    ncpu = os.cpu_count()
    w(f"# People benchmark — {args.people:,} people\n")
    w(f"- date: {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
    w(f"- CPU: {cpu_name()} × {ncpu} (shared machine)")
    w(f"- SQLite {sqlite3.sqlite_version} (Python sqlite3; WAL, the server's migration schema); PostgreSQL {pg_version} "
      f"(throwaway cluster, fsync=off, default settings otherwise)")
    w(f"- data: {len(data['people']):,} people, {len(data['cases']):,} cases, {len(data['plans']):,} support-plan versions, "
      f"{len(data['assessments']):,} assessments, {len(data['referrals']):,} referrals; {len(data['providers']):,} providers, "
      f"{sum(len(x) for x in data['workers']):,} case workers; 5,256 settlements weighted by population")
    w(f"- {args.iterations} timed requests per row; a name search request is what `PeopleSearch` sends (across an oblast on SQLite "
      f"the trigram probe, then) the page of 51 rows and the count of up to 1,001 ids, and so is an ЕГН search (after, for a "
      f"municipality or an oblast, the ids of its providers; one egn and one lnch hash per provider); the baselines are "
      f"the COUNT and the page (LIMIT 50) of Fluent's `paginate`; all timed together, rows fetched. Every row: after one "
      f"full pass over the same parameters (its median is the 'first pass' column: the cost while those pages are not yet "
      f"cached)")
    w(f"- machine during the measurement: {args.conditions}")
    w(f"- reproduce: `bench/people/run.sh --people {args.people}`\n")
    w("## Figures (ms)\n")
    w("| query | SQLite median | SQLite p99 | PostgreSQL median | PostgreSQL p99 | rows on page (median / max) | matches (median / max) | first pass median SQLite / PG |")
    w("| --- | ---: | ---: | ---: | ---: | --- | --- | --- |")
    for name, label in QUERIES[:6] + NO_STATS + QUERIES[6:]:
        s, p = res["sqlite"].get(name), res["pg"].get(name)
        rows = f"{s['rows']:.0f} / {s['rows_max']}" if s else "—"
        tot = f"{s['total']:.0f} / {s['total_max']}" if s and s["total"] is not None else "—"
        if p and s and name not in ("audit",) and (p["rows"] != s["rows"] or p["total"] != s["total"]):
            rows += f" (pg {p['rows']:.0f} / {p['rows_max']})"
            tot += f" (pg {fmt(p['total'])})" if p["total"] is not None else ""
        first = f"{fmt(s and s.get('first'))} / {fmt(p and p.get('first'))}" if (s and s.get("first")) else "—"
        w(f"| {label} | {fmt(s and s['median'])} | {fmt(s and s['p99'])} | {fmt(p and p['median'])} | {fmt(p and p['p99'])} | {rows} | {tot} | {first} |")
    w("\nTarget (issue 3): under 50 ms median for each query on SQLite at 1,000,000 people.\n")
    w("## Load times (s)\n")
    w(f"- generation in Python: {data['gen_seconds']:.1f}")
    for db, t in load.items():
        w(f"- {db}: " + ", ".join(f"{k} {v:.1f}" for k, v in t.items()))
    w("")
    for db, items in plan_texts.items():
        w(f"## Plans — {db}\n")
        for title, text in items:
            w(f"**{title}**\n\n```\n{text}\n```\n")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=1_000_000)
    ap.add_argument("--sqlite", required=True)
    ap.add_argument("--pg", required=True)
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--results", default=None)
    ap.add_argument("--no-wait", action="store_true")
    ap.add_argument("--max-wait", type=int, default=1800)
    args = ap.parse_args()

    data = generate(args.people, args.seed)
    load = {}
    log("loading SQLite ...")
    load["SQLite"] = load_sqlite(args.sqlite, data)
    log("  " + ", ".join(f"{k} {v:.1f}" for k, v in load["SQLite"].items()))
    log("loading PostgreSQL ...")
    load["PostgreSQL"] = load_pg(args.pg, data)
    log("  " + ", ".join(f"{k} {v:.1f}" for k, v in load["PostgreSQL"].items()))

    params = make_params(data, args.iterations + args.warmup, args.seed)
    waited = wait_for_solver(not args.no_wait, args.max_wait)
    log(waited)
    args.conditions = f"{waited}; load average before measuring {loadavg()}"

    import psycopg
    res, plan_texts = {}, {}
    scon = sqlite3.connect(args.sqlite, isolation_level=None)
    scon.execute("PRAGMA foreign_keys=ON")
    log("measuring SQLite ...")
    res["sqlite"] = run_db("sqlite", scon, params, args.warmup, TODAY)
    plan_texts["SQLite (EXPLAIN QUERY PLAN)"] = plans("sqlite", scon, params, TODAY)
    # The server never runs ANALYZE: the same name searches with the statistics removed.
    scon.execute("DELETE FROM sqlite_stat1")
    scon.close()
    scon = sqlite3.connect(args.sqlite, isolation_level=None)
    log("measuring SQLite without ANALYZE statistics ...")
    runner = Runner("sqlite", scon)
    for name, label in NO_STATS:
        base = name.split("@")[0]
        r = res["sqlite"][name] = measure(runner, requests_for("sqlite", base, params, TODAY), args.warmup)
        log(f"  [sqlite] {label}: median {r['median']:.2f} ms, p99 {r['p99']:.2f} ms, rows {r['rows']:.0f} (total {r['total']})")
    frag_prov = params["name_provider"][0][0]

    def plan_text(sql, binds):
        return "\n".join(f"{r[0]:>3} {r[1]:>3} {r[3]}" for r in scon.execute("EXPLAIN QUERY PLAN " + sql, binds).fetchall())
    plan_texts["SQLite without ANALYZE statistics (EXPLAIN QUERY PLAN)"] = [
        (f"name search page, {scope} scope, common fragment 'ova'", plan_text(Q.name_search("sqlite", scope)[0], (key, 0, "%ova%")))
        for scope, key in (("provider", frag_prov), ("municipality", "SOF46"))]
    mun, _, _, hashes = params["egn_municipality"][0]
    plan_texts["SQLite without ANALYZE statistics (EXPLAIN QUERY PLAN)"] += [
        (f"ЕГН search page, municipality scope ({len(hashes)} hashes)",
         plan_text(Q.egn_search("sqlite", "municipality", len(hashes) // 2)[0], (mun, 0, *hashes))),
        ("dashboard: my open cases (case scope, then the worker)",
         plan_text(Q.DASHBOARD_MY_CASES, tuple(reversed(params["dashboard"][0]))))]
    scon.close()
    with psycopg.connect(args.pg, autocommit=True, prepare_threshold=None) as pcon:
        pg_version = pcon.execute("SHOW server_version").fetchone()[0]
        log("measuring PostgreSQL ...")
        res["pg"] = run_db("pg", pcon, params, args.warmup, TODAY)
        plan_texts["PostgreSQL (EXPLAIN ANALYZE, one run)"] = plans("pg", pcon, params, TODAY)

    args.conditions += f", after {loadavg()}"
    text = report(args, data, load, res, plan_texts, pg_version)
    table = text.split("## Figures (ms)\n", 1)[1].split("## Plans", 1)[0]
    print("\n" + table)
    if args.results:
        with open(args.results, "w", encoding="utf-8") as f:
            f.write(text)
        log(f"wrote {args.results}")


if __name__ == "__main__":
    main()

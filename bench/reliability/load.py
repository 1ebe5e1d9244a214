"""The clients of kill9.py and the ledger of their answers, and the read-back of what was acknowledged.

Three kinds of writes, from a few clients at once over the JSON API:
- case notes, as the demo's case worker, to any of her cases; identified by the id the answer gives;
- plan versions, two clients on the same three cases, each a new version on the latest one they
  read (so a 409 "stale" is a normal answer); identified by case and version number, with a goal
  that names the write;
- visit events from phones, one per care worker at a time: check-in, two progress records and
  check-out of each open visit of today; identified by the phone's client id. A record whose answer
  was cut off stays in the outbox and is sent again with the same id after the restart, as the
  phone page does, so it must be answered as recorded once.
"""
import datetime
import random
import threading
import time
from collections import Counter

import requests

PASSWORD = "opora-demo-2026"
WRITES = ("note", "event", "plan")
# The tasks a visit may record, by the visit's skill (OporaCore's VisitTask.tasks(for:)).
TASKS = {
    "personalCare": ["hygiene", "meals", "medication", "householdChores", "shopping", "accompaniment"],
    "socialWork": ["conversation", "paperwork"],
    "psychology": ["emotionalSupport", "conversation"],
    "kinesitherapy": ["exercises", "mobility"],
    "medicalCare": ["vitalSigns", "medication", "woundCare"],
    "mediation": ["mediationContact", "schoolOrClinicLink", "paperwork"],
    "transport": ["ride"],
}
# The demo's care workers, taken in this order; the drivers staff41 and staff42 have no visits.
CARE_WORKERS = ["careworker"] + [f"staff{n:02d}" for n in range(1, 41)]


class Load:
    """The clients and the ledger of every answer: acknowledged writes with what identifies them."""

    def __init__(self, server, seed, tag, care_clients):
        self.server, self.seed, self.tag, self.care_clients = server, seed, tag, care_clients
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.t0 = time.monotonic()
        self.acked, self.cut = [], []
        self.status = Counter()        # (kind, status code or "no answer")
        self.refusals = Counter()      # visit events refused, by problem code
        self.inflight = 0              # writes sent and not yet answered
        self.replays = 0               # events cut off, then answered "recorded before" on the retry
        self.workers = list(CARE_WORKERS)
        self.tokens = {}
        self.failures = []             # a client that stopped on an answer it did not expect

    def now(self):
        return round(time.monotonic() - self.t0, 3)

    def session(self, username):
        s = requests.Session()
        s.headers["Authorization"] = "Bearer " + self.tokens[username]
        return s

    def token(self, username):
        while username not in self.tokens:
            try:
                r = requests.post(self.server.base + "/api/v1/auth/token", timeout=30,
                                  json={"username": username, "password": PASSWORD, "name": "rel"})
                if r.status_code in (200, 201):
                    self.tokens[username] = r.json()["token"]
                    break
                if r.status_code < 500:
                    raise RuntimeError(f"sign-in of {username}: {r.status_code} {r.text[:200]}")
            except requests.RequestException:
                pass
            time.sleep(0.2)
        return self.tokens[username]

    def call(self, s, kind, method, path, **kw):
        """One request; None when the connection was refused or cut (the server is down or dying)."""
        write = kind in WRITES
        if write:
            with self.lock:
                self.inflight += 1
        try:
            r = s.request(method, self.server.base + path, timeout=(3, 60), **kw)
        except requests.RequestException:
            r = None
        finally:
            if write:
                with self.lock:
                    self.inflight -= 1
        with self.lock:
            self.status[(kind, r.status_code if r is not None else "no answer")] += 1
        return r

    def read(self, s, path):
        """A GET retried until the server answers (it may be restarting)."""
        while True:
            r = self.call(s, "read", "GET", path)
            if r is not None and r.status_code == 200:
                return r.json()
            if r is not None and r.status_code < 500:
                raise RuntimeError(f"GET {path}: {r.status_code} {r.text[:200]}")
            time.sleep(0.2)

    def ack(self, **write):
        with self.lock:
            self.acked.append(dict(write, at=self.now(), life=self.server.lives))

    # --- the clients -------------------------------------------------------------------------

    def notes(self, cases):
        rng, s, n = random.Random(f"{self.seed}-notes"), self.session("caseworker"), 0
        while not self.stop.is_set():
            case, n = rng.choice(cases), n + 1
            text = f"Телефонен разговор {self.tag}-{n}: всичко е наред."
            r = self.call(s, "note", "POST", f"/api/v1/cases/{case}/notes", json={"text": text})
            if r is not None and r.status_code == 201:
                self.ack(kind="note", id=r.json()["id"], case=case, text=text)
            elif r is None or r.status_code >= 500:
                with self.lock:
                    self.cut.append({"kind": "note", "case": case, "text": text, "at": self.now()})
                time.sleep(0.2)

    def plans(self, index, cases):
        rng, s, n = random.Random(f"{self.seed}-plans-{index}"), self.session("caseworker"), 0
        while not self.stop.is_set():
            case, n = rng.choice(cases), n + 1
            latest = self.read(s, f"/api/v1/cases/{case}/plans")[-1]
            marker = f"k9 {self.tag} {index}-{n}"
            plan = dict(latest["plan"], goals=[g for g in latest["plan"]["goals"] if not g.startswith("k9 ")] + [marker])
            r = self.call(s, "plan", "POST", f"/api/v1/cases/{case}/plans", json={"basedOn": latest["number"], "plan": plan})
            if r is not None and r.status_code == 201:
                self.ack(kind="plan", id=f"{case}#{r.json()['number']}", case=case, number=r.json()["number"], marker=marker)
            elif r is None or r.status_code >= 500:
                with self.lock:
                    self.cut.append({"kind": "plan", "case": case, "marker": marker, "at": self.now()})
                time.sleep(0.2)

    def next_worker(self):
        with self.lock:
            if not self.workers:
                return None
            return self.workers.pop(0)

    def care(self, index):
        """A phone: a worker's open visits of today in order, each checked in, two progress records
        and checked out; a record cut off by a kill stays in the outbox and is sent again, same id.
        Once every worker's day is done, it goes on recording progress on the visits it made."""
        rng, n, made = random.Random(f"{self.seed}-care-{index}"), 0, []

        def send(s, worker, visit, kind):
            nonlocal n
            n += 1
            body = {"clientId": f"k9-{self.tag}-{index}-{n:05d}", "kind": kind,
                    "at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")}
            if kind == "progress":
                offered = TASKS.get(visit["skill"], [])
                body["tasks"] = sorted(rng.sample(offered, rng.randint(1, len(offered)))) if offered else []
            return self.event(s, worker, visit, body)

        while not self.stop.is_set():
            worker = self.next_worker()
            if worker is None:
                break
            self.token(worker)
            s = self.session(worker)
            visits = [v for v in self.read(s, "/api/v1/home-care/my-day")
                      if v["state"] == "planned" and not v.get("checkInAt") and not v.get("missedReason")]
            for visit in visits:
                for kind in ("checkIn", "progress", "progress", "checkOut"):
                    if self.stop.is_set() or not send(s, worker, visit, kind):
                        break
                    if kind == "checkIn":
                        made.append((s, worker, visit))
        while made and not self.stop.is_set():
            send(*rng.choice(made), "progress")

    def event(self, s, worker, visit, body):
        cut = False
        while True:
            r = self.call(s, "event", "POST", f"/api/v1/home-care/visits/{visit['id']}/events", json=body)
            if r is not None and r.status_code < 500:
                break
            cut = True
            time.sleep(0.2)
        if r.status_code in (200, 201) and r.json()["outcome"] == "recorded":
            replayed = r.json()["replayed"]
            with self.lock:
                self.replays += cut and replayed
            self.ack(kind="event", id=body["clientId"], worker=worker, visit=visit["id"], day=visit["day"], event=body["kind"],
                     tasks=body.get("tasks"), replayed=replayed, cut=cut)
            return True
        with self.lock:
            self.refusals[r.json().get("problem") if r.status_code == 409 else f"HTTP {r.status_code}"] += 1
        return False

    def run_clients(self, note_cases, plan_cases):
        def guarded(client, *args):
            try:
                client(*args)
            except Exception as error:   # reported as a failure of the run, not lost in a thread
                with self.lock:
                    self.failures.append(f"{client.__name__} client: {error!r}")

        jobs = [(self.notes, note_cases)] + [(self.plans, i, plan_cases) for i in (1, 2)]
        jobs += [(self.care, i) for i in range(1, self.care_clients + 1)]
        threads = [threading.Thread(target=guarded, args=job, daemon=True) for job in jobs]
        for t in threads:
            t.start()
        return threads


def prepare(load):
    """Tokens, and the case worker's cases: notes go to any of them, plan versions to three, so the
    two plan clients meet each other's versions (409)."""
    load.token("caseworker")
    s = load.session("caseworker")
    cases = [c["caseId"] for c in load.read(s, "/api/v1/dashboard")["myCases"]]
    plan_cases = []
    for case in cases:
        versions = load.read(s, f"/api/v1/cases/{case}/plans")
        if versions and versions[-1]["plan"].get("agreement") and len(plan_cases) < 3:
            plan_cases.append(case)
    if len(cases) < 3 or len(plan_cases) < 3:
        raise RuntimeError(f"the demo gave {len(cases)} cases and {len(plan_cases)} agreed plans to the case worker")
    return cases, plan_cases


def verify(load, query_db):
    """Every acknowledged write read back: notes and plan versions through the API, visit events
    by their client id in the database (the API shows no event list) and their effect on the visit
    through the API. Returns what was found by kind, what was lost, the unanswered notes and plans
    that were committed all the same, and cases whose plan number is not their last version."""
    s = load.session("caseworker")
    lost, found, extra, inconsistent = [], Counter(), Counter(), []
    notes, plans, cases = {}, {}, {}
    for case in {w["case"] for w in load.acked + load.cut if w["kind"] in ("note", "plan")}:
        notes[case] = {n["id"]: n["text"] for n in load.read(s, f"/api/v1/cases/{case}/notes")}
        plans[case] = {p["number"]: p for p in load.read(s, f"/api/v1/cases/{case}/plans")}
        cases[case] = load.read(s, f"/api/v1/cases/{case}")
    visits = {}
    for worker, day in {(w["worker"], w["day"]) for w in load.acked if w["kind"] == "event"}:
        visits.update({v["id"]: v for v in load.read(load.session(worker), f"/api/v1/home-care/my-day?day={day}")})
    events = query_db("SELECT client_id, kind, outcome FROM home_care_visit_events WHERE client_id LIKE 'k9-%'")
    events = {row[0]: tuple(row[1:]) for row in events}
    last_progress = {}
    for w in load.acked:
        if w["kind"] == "event" and w["event"] == "progress":
            last_progress[w["visit"]] = w["id"]
    for w in load.acked:
        why = None
        if w["kind"] == "note":
            if notes[w["case"]].get(w["id"]) != w["text"]:
                why = "not in the case's notes" if w["id"] not in notes[w["case"]] else "text differs"
        elif w["kind"] == "plan":
            version = plans[w["case"]].get(w["number"])
            if version is None:
                why = f"version {w['number']} missing"
            elif w["marker"] not in version["plan"]["goals"]:
                why = f"version {w['number']} holds another plan"
        else:
            visit = visits.get(w["visit"], {})
            if events.get(w["id"]) != (w["event"], "recorded"):
                why = f"event row {events.get(w['id'])}"
            elif w["event"] == "checkIn" and not visit.get("checkInAt"):
                why = "visit shows no check-in"
            elif w["event"] == "checkOut" and not visit.get("checkOutAt"):
                why = "visit shows no check-out"
            elif last_progress.get(w["visit"]) == w["id"] and sorted(visit.get("tasksDone", [])) != w["tasks"]:
                why = f"visit's tasks {visit.get('tasksDone')} are not the last recorded {w['tasks']}"
        if why:
            lost.append(dict(w, why=why))
        else:
            found[w["kind"]] += 1
    for case, c in cases.items():   # the case's plan number and its versions are written together
        if plans[case] and c["planNumber"] != max(plans[case]):
            inconsistent.append(f"case {case} says plan {c['planNumber']}, its versions end at {max(plans[case])}")
    for w in load.cut:              # cut off before the answer: either outcome is correct
        texts = notes[w["case"]].values() if w["kind"] == "note" else \
            [g for p in plans[w["case"]].values() for g in p["plan"]["goals"]]
        extra[w["kind"]] += (w["text"] if w["kind"] == "note" else w["marker"]) in texts
    return found, lost, extra, inconsistent

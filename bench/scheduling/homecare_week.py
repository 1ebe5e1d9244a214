#!/usr/bin/env python3
"""Generate a home-care week in Kyustendil municipality in Opora's problem format.

    python3 bench/scheduling/homecare_week.py --visits 2500 --seed 1 > week.json

The 72 settlements of Kyustendil municipality (municipality_code KNL29 in the shared
settlements.csv) with their coordinates; people live around their settlement's centre
(within about 1.5 km in the town, 0.5 km in a village), more of them in villages than the
population share says, as home care is. Workers start from home or from the centre in
Kyustendil, work Monday to Friday 08:00-16:00 (some 08:00-12:00) with a 30-minute break
between 11:30 and 14:00 and 480 minutes a day at most.

The default --visits 2500 gives 40 workers and 300 people, who need about 2,300 visits;
other sizes scale staff and people alike.
Services and their weekly pattern:
  personal_assistance  1-2 visits a day on 5 days, 20-30 min (the assistant is the
                       person's chosen one, a hard choice, in 40 % of cases)
  home_help            2-3 a week (mostly 2), 30-45 min
  nursing_care         2-3 a week, 15-20 min, morning
  kinesitherapy        2 a week, 30 min
  psychological_support 1 a week, 45 min
  social_mediation     1 a week, 30 min
and 2 % of personal-assistance visits need two workers (a transfer with a hoist); a few
people go to the day centre and back in the accessible van (pick-up/drop-off pairs).
"""
import argparse
import csv
import json
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SETTLEMENTS = os.environ.get(
    "OPORA_SETTLEMENTS", os.path.join(os.path.dirname(os.path.dirname(HERE)), "..", "shared", "data", "settlements.csv"))

SKILLS = ["personal_assistance", "home_help", "kinesitherapy", "psychological_support",
          "nursing_care", "social_mediation", "accessible_driving"]
# Worker profiles and their share of the staff.
PROFILES = [
    (0.62, ["personal_assistance", "home_help"]),
    (0.14, ["home_help"]),
    (0.08, ["nursing_care", "personal_assistance"]),
    (0.05, ["kinesitherapy"]),
    (0.04, ["psychological_support", "social_mediation"]),
    (0.03, ["social_mediation", "home_help"]),
    (0.04, ["accessible_driving", "personal_assistance"]),
]
WINDOWS = {"morning": [480, 720], "midday": [690, 870], "afternoon": [780, 900], "any": [480, 900]}


def settlements(oblast=False):
    """Kyustendil municipality, or with oblast=True every municipality of oblast Kyustendil."""
    with open(SETTLEMENTS, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f)
                if (r["oblast_code"] == "KNL" if oblast else r["municipality_code"] == "KNL29")]
    return rows


def jitter(rng, lat, lon, km):
    r = km * math.sqrt(rng.random())
    a = rng.random() * 2 * math.pi
    return lat + r * math.cos(a) / 111.0, lon + r * math.sin(a) / (111.0 * math.cos(math.radians(lat)))


def generate(visits_target, seed, days=5, oblast=False):
    rng = random.Random(seed)
    towns = settlements(oblast)
    centre = max(towns, key=lambda r: int(r["population"] or 0))
    n_people = max(6, round(visits_target * 300 / 2500))
    n_workers = max(3, round(visits_target * 40 / 2500))
    places = [{"id": "centre", "latitude": float(centre["latitude"]), "longitude": float(centre["longitude"]), "kind": "city"}]
    weights = [math.sqrt(max(int(r["population"] or 1), 1)) * (0.35 if r is centre else 1) for r in towns]

    def home(prefix, i):
        t = rng.choices(towns, weights)[0]
        city = t["kind_latin"] == "town"
        lat, lon = jitter(rng, float(t["latitude"]), float(t["longitude"]), 1.5 if city else 0.5)
        places.append({"id": f"{prefix}{i}", "latitude": round(lat, 6), "longitude": round(lon, 6),
                       "kind": "city" if city else "village"})
        return f"{prefix}{i}", t["name_latin"]

    # Profiles by quota (largest remainder), so every skill is staffed at any size.
    quotas = [share * n_workers for share, _ in PROFILES]
    counts = [max(1, int(q)) for q in quotas]
    while sum(counts) < n_workers:
        k = max(range(len(PROFILES)), key=lambda i: quotas[i] - counts[i])
        counts[k] += 1
    while sum(counts) > n_workers:
        k = max(range(len(PROFILES)), key=lambda i: (counts[i] - quotas[i], counts[i]))
        counts[k] -= 1
    profile_of = [skills for (_, skills), c in zip(PROFILES, counts) for _ in range(c)]
    rng.shuffle(profile_of)
    workers = []
    for i in range(n_workers):
        skills = profile_of[i]
        # Workers mostly live in the town.
        if rng.random() < 0.6:
            t = centre
            lat, lon = jitter(rng, float(t["latitude"]), float(t["longitude"]), 1.5)
            places.append({"id": f"w{i}", "latitude": round(lat, 6), "longitude": round(lon, 6), "kind": "city"})
            hid = f"w{i}"
        else:
            hid, _ = home("w", i)
        base = hid if rng.random() < 0.6 else "centre"
        part_time = rng.random() < 0.1
        shifts = [{"day": d, "start": 480, "end": 720 if part_time else 960, "startPlace": base, "endPlace": base}
                  for d in range(days)]
        w = {"id": f"W{i:03d}", "skills": skills, "shifts": shifts, "maxMinutesPerDay": 480,
             "maxMinutesPerWeek": 2400, "regularMinutesPerDay": 480,
             "breakRule": {"minutes": 30, "windowStart": 690, "windowEnd": 840, "afterMinutes": 360}}
        if "accessible_driving" in skills:
            w["capacity"] = [4, 1]
        workers.append(w)
    by_skill = {s: [w["id"] for w in workers if s in w["skills"]] for s in SKILLS}
    # A chosen assistant works full days.
    full_time = {w["id"] for w in workers if w["shifts"][0]["end"] - w["shifts"][0]["start"] >= 480}
    by_skill["personal_assistance"] = [w for w in by_skill["personal_assistance"] if w in full_time]

    visits = []
    people = []
    for p in range(n_people):
        pid, _ = home("p", p)
        people.append(pid)
        needs = []
        r = rng.random()
        if r < 0.65:
            needs.append("personal_assistance")
        if rng.random() < 0.6 or not needs:
            needs.append("home_help")
        if rng.random() < 0.2:
            needs.append("nursing_care")
        if rng.random() < 0.15:
            needs.append("kinesitherapy")
        if rng.random() < 0.08:
            needs.append("psychological_support")
        if rng.random() < 0.06:
            needs.append("social_mediation")
        chosen = None
        prefs = None
        if "personal_assistance" in needs:
            if rng.random() < 0.4:
                chosen = rng.choice(by_skill["personal_assistance"])
            elif rng.random() < 0.5:
                prefs = [{"worker": w, "weight": wt} for w, wt in zip(rng.sample(by_skill["personal_assistance"], 2), [1.0, 0.6])]
        refused = [rng.choice(by_skill["home_help"])] if rng.random() < 0.03 else None
        priority = rng.choices([1, 2, 3, 4, 5], [10, 20, 40, 20, 10])[0]

        def add(skill, day, duration, window, **extra):
            v = {"id": f"V{len(visits):05d}", "person": pid, "place": pid, "day": day, "duration": duration,
                 "windows": [WINDOWS[window]], "skill": skill, "priority": priority}
            if refused and skill == "home_help":
                v["refusedWorkers"] = refused
            v.update(extra)
            visits.append(v)

        for need in needs:
            if need == "personal_assistance":
                per_day = 2 if rng.random() < 0.5 else 1
                extra = {"requiredWorker": chosen} if chosen else ({"preferredWorkers": prefs} if prefs else {})
                for d in range(days):
                    for k, win in enumerate(["morning", "midday"][:per_day]):
                        e = dict(extra)
                        if rng.random() < 0.02:
                            e = {"workers": 2}
                        add(need, d, rng.choice([20, 30]) if k == 0 else 20, win, **e)
            elif need == "home_help":
                for d in sorted(rng.sample(range(days), rng.choice([2, 2, 3]))):
                    add(need, d, rng.choice([30, 45]), rng.choice(["any", "any", "morning", "afternoon"]))
            elif need == "nursing_care":
                for d in sorted(rng.sample(range(days), rng.choice([2, 3]))):
                    add(need, d, rng.choice([15, 20]), "morning")
            elif need == "kinesitherapy":
                for d in sorted(rng.sample(range(days), 2)):
                    add(need, d, 30, "any")
            elif need == "psychological_support":
                add(need, rng.randrange(days), 45, "any")
            elif need == "social_mediation":
                add(need, rng.randrange(days), 30, "any")
        # A few people go to the day centre twice a week in the accessible van.
        if rng.random() < 0.04:
            for d in sorted(rng.sample(range(days), 2)):
                visits.append({"id": f"V{len(visits):05d}", "person": pid, "place": pid, "day": d, "duration": 10,
                               "windows": [[480, 540]], "skill": "accessible_driving", "priority": 2,
                               "load": [1, 1 if rng.random() < 0.5 else 0],
                               "dropOff": {"place": "centre", "duration": 5, "windows": [[510, 600]]}})
    return {"format": "opora-care-problem/1", "skills": SKILLS, "places": places,
            "workers": workers, "visits": visits}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--visits", type=int, default=2500, help="about this many visits (people and staff scale)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--days", type=int, default=5)
    ap.add_argument("--oblast", action="store_true",
                    help="people in every municipality of oblast Kyustendil, not only Kyustendil's")
    a = ap.parse_args()
    print(json.dumps(generate(a.visits, a.seed, a.days, a.oblast), ensure_ascii=False))


if __name__ == "__main__":
    main()

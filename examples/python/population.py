"""A seeded, vectorised generator of synthetic PE populations (for the
examples, the parity tests and the benchmark): participants, renewal
requests, dispensations and completions as DataFrames, plus the activities
and recognitions that let the single JSON path book the same completions.

    from population import make_population
    pop = make_population(100_000, seed=7)
    pop.participants, pop.completions, pop.dossier()
"""
from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

EVAL_DATE = dt.date(2025, 6, 1)
_EPOCH = np.datetime64("1970-01-01", "D")

# activity id, form, net minutes, points per completion
ACTIVITIES = [
    ("GEN-ARB", "e_learning", 90, "1.5"), ("GEN-CAO", "webinar", 60, "1"), ("GEN-WAB", "classroom", 120, "2"),
    ("GEN-DIS", "classroom", 180, "3"), ("GEN-ZIE", "workshop", 150, "2.5"), ("GEN-APP", "learning_app", 45, "0.75"),
    ("GEN-FIS", "classroom", 240, "4"), ("GEN-PEN", "e_learning", 75, "1.25"),
]


def _day(d: dt.date) -> int:
    return (d - dt.date(1970, 1, 1)).days


class Population(NamedTuple):
    """A generated population: frames for the batch path, and the
    catalogue needed to book its completions through the dossier path."""

    participants: pd.DataFrame   # seu_number, name, track, diploma_date, activation_date
    renewals: pd.DataFrame       # seu_number, requested
    dispensations: pd.DataFrame  # seu_number, requested, decided, granted
    completions: pd.DataFrame    # seu_number, activity_id, completed, points (what a booking would give)

    def dossier(self) -> dict[str, Any]:
        """The same population as a dossier document (for the JSON path)."""
        p = self.participants
        iso = lambda s: s.dt.strftime("%Y-%m-%d").where(s.notna(), None).tolist()  # noqa: E731
        people = [{"seu_number": s, "name": nm, "track": tr} for s, nm, tr in
                  zip(p.seu_number.tolist(), p.name.tolist(), p.track.tolist())]
        for person, dip, act in zip(people, iso(p.diploma_date), iso(p.activation_date)):
            if dip:
                person["diploma_date"] = dip
            if act:
                person["activation_date"] = act
        pos = {s: i for i, s in enumerate(p.seu_number.tolist())}
        for s, req in zip(self.renewals.seu_number.tolist(), iso(self.renewals.requested)):
            people[pos[s]].setdefault("renewal_requests", []).append(req)
        d = self.dispensations
        for s, req, dec, gr in zip(d.seu_number.tolist(), iso(d.requested), iso(d.decided), d.granted.tolist()):
            rec: dict[str, Any] = {"requested": req, "granted": bool(gr)}
            if dec:
                rec["decided"] = dec
            people[pos[s]].setdefault("dispensations", []).append(rec)
        c = self.completions
        comps = [{"seu_number": s, "activity_id": a, "completed": day} for s, a, day in
                 zip(c.seu_number.tolist(), c.activity_id.tolist(), iso(c.completed))]
        return {"schema_version": 1, "participants": people, "activities": activities(),
                "recognitions": recognitions(), "completions": comps}


def activities() -> list[dict[str, Any]]:
    """The generated activities (dossier records)."""
    return [{"id": a, "title": a, "form": form, "provider": {"kind": "commercial", "name": "Gen"},
             "net_minutes": mins, "test": {"questions": 10, "required_correct": 6}, "topics": ["cao"]}
            for a, form, mins, _ in ACTIVITIES]


def recognitions() -> list[dict[str, Any]]:
    """Recognitions decided every two years from 2016 on: each activity is
    recognised without a gap, so every completion can be booked when the
    participant is registered."""
    out = []
    for a, _, _, pts in ACTIVITIES:
        for year in range(2016, 2032, 2):
            out.append({"id": f"{a}-{year}", "activity_id": a, "decided": f"{year}-01-01", "points": pts})
    return out


def make_population(n: int, *, seed: int = 7, per: float = 6.0) -> Population:
    """`n` participants with about `per` completions each (numpy, no loop per row)."""
    rng = np.random.default_rng(seed)
    seu = np.char.add("P", np.char.zfill(np.arange(n).astype(str), 7)).astype(object)
    base = _day(dt.date(2020, 1, 1))
    diploma = base + rng.integers(0, _day(dt.date(2025, 5, 1)) - base, n)
    no_diploma = rng.random(n) < 0.03
    old = diploma < _day(dt.date(2023, 1, 1))
    activated = old & (rng.random(n) < 0.6) & ~no_diploma
    activation = np.where(activated, diploma + rng.integers(0, 400, n), -1)
    start = np.where(activated, activation, diploma)

    def dates(days: np.ndarray, missing: np.ndarray) -> np.ndarray:
        out = (_EPOCH + days.astype("timedelta64[D]")).astype("datetime64[ns]")
        out[missing] = np.datetime64("NaT")
        return out

    participants = pd.DataFrame({
        "seu_number": seu,
        "name": np.char.add("Person ", np.arange(n).astype(str)).astype(object),
        "track": np.where(rng.random(n) < 0.7, "uitzendprofessional", "backofficeprofessional").astype(object),
        "diploma_date": dates(diploma, no_diploma),
        "activation_date": dates(activation, ~activated),
    })
    eligible = ~no_diploma & (~old | activated)
    renew = eligible & (rng.random(n) < 0.35)
    renewals = pd.DataFrame({"seu_number": seu[renew],
                             "requested": dates(start[renew] + rng.integers(600, 725, renew.sum()), np.zeros(renew.sum(), bool))})
    disp = eligible & (rng.random(n) < 0.02)
    k = int(disp.sum())
    requested = start[disp] + rng.integers(700, 760, k)
    decided_set = rng.random(k) < 0.8
    dispensations = pd.DataFrame({"seu_number": seu[disp], "requested": dates(requested, np.zeros(k, bool)),
                                  "decided": dates(requested + rng.integers(5, 60, k), ~decided_set),
                                  "granted": decided_set & (rng.random(k) < 0.7)})
    count = rng.poisson(per, n) * (~no_diploma)
    owner = np.repeat(np.arange(n), count)
    m = owner.size
    act = rng.integers(0, len(ACTIVITIES), m)
    # mostly before the evaluation date, a few after it (refused by booking)
    span = np.maximum(_day(EVAL_DATE) + 30 - start[owner], 1)
    completed = start[owner] - 60 + (rng.random(m) * (span + 60)).astype(np.int64)
    points = np.array([float(a[3]) for a in ACTIVITIES])[act]
    completions = pd.DataFrame({"seu_number": seu[owner], "activity_id": np.array([a[0] for a in ACTIVITIES], dtype=object)[act],
                                "completed": dates(completed, np.zeros(m, bool)), "points": points})
    return Population(participants, renewals, dispensations, completions)


# --- Belgian paid educational leave ------------------------------------------

LEAVE_TYPES = ["professional", "general", "professional_general", "academic", "language", "language_professional"]
REGIONS = ["flanders", "brussels", "wallonia"]


class LeavePopulation(NamedTuple):
    """Workers with one training each and its weekly evening lessons in one
    school year: frames for Engine.leave_hours_frame and the same workers as
    a leave request for the JSON path."""

    workers: pd.DataFrame    # worker_id, region, contract_hours, full_time_hours
    trainings: pd.DataFrame  # worker_id, training_id, type, start, school_year
    lessons: pd.DataFrame    # worker_id, training_id, date, start, end

    def request(self) -> dict[str, Any]:
        """The same workers as a ``leave.entitlement`` request document."""
        w, t, ls = self.workers, self.trainings, self.lessons
        by_training: dict[str, list[dict[str, Any]]] = {}
        for wid, day, a, b in zip(ls.worker_id.tolist(), ls.date.dt.strftime("%Y-%m-%d").tolist(), ls.start.tolist(),
                                  ls.end.tolist()):
            by_training.setdefault(wid, []).append({"date": day, "start": a, "end": b})
        sy = dict(zip(t.worker_id.tolist(), t.school_year.tolist()))
        docs = []
        for wid, region, c, f in zip(w.worker_id.tolist(), w.region.tolist(), w.contract_hours.tolist(),
                                     w.full_time_hours.tolist()):
            docs.append({"id": wid, "school_year": sy[wid], "establishment_unit": {"region": region},
                         "jobs": [{"from": "2010-01-01", "contract_per_week_hours": str(c), "full_time_per_week_hours": str(f)}],
                         "trainings": []})
        pos = {d["id"]: d for d in docs}
        for wid, tid, typ, start in zip(t.worker_id.tolist(), t.training_id.tolist(), t.type.tolist(),
                                        t.start.dt.strftime("%Y-%m-%d").tolist()):
            pos[wid]["trainings"].append({"id": tid, "type": typ, "start": start, "coinciding_with_work": False,
                                          "lessons": by_training.get(wid, [])})
        return {"schema_version": 1, "kind": "leave.entitlement", "school_year": "2023-2024", "workers": docs}


def make_leave_population(n: int, *, seed: int = 7) -> LeavePopulation:
    """`n` workers, one training each, 0..40 weekly evening lessons in the school year."""
    rng = np.random.default_rng(seed)
    wid = np.char.add("W", np.char.zfill(np.arange(n).astype(str), 6)).astype(object)
    year = rng.choice([2022, 2023, 2024], n)
    workers = pd.DataFrame({"worker_id": wid, "region": np.array(REGIONS, dtype=object)[rng.integers(0, 3, n)],
                            "contract_hours": rng.choice([12, 19, 24, 30, 31, 38], n), "full_time_hours": 38})
    sep1 = (np.char.add(year.astype(str), "-09-01")).astype("datetime64[D]")
    start = np.datetime64("2017-09-01") + (rng.random(n) * ((sep1 + 30) - np.datetime64("2017-09-01")).astype(np.int64)).astype("timedelta64[D]")
    trainings = pd.DataFrame({"worker_id": wid, "training_id": np.char.add("T", np.arange(n).astype(str)).astype(object),
                              "type": np.array(LEAVE_TYPES, dtype=object)[rng.integers(0, len(LEAVE_TYPES), n)],
                              "start": start.astype("datetime64[ns]"),
                              "school_year": np.char.add(np.char.add(year.astype(str), "-"), (year + 1).astype(str)).astype(object)})
    count = rng.integers(0, 41, n)
    length = rng.choice([90, 120, 150, 180, 200], n)  # minutes
    owner = np.repeat(np.arange(n), count)
    week = np.arange(owner.size) - np.repeat(np.cumsum(count) - count, count)
    first = np.maximum(sep1, start.astype("datetime64[D]"))[owner]
    day = first + (7 * week).astype("timedelta64[D]")
    # the end of each lesson as "HH:MM", one text per lesson length
    lengths = np.array([90, 120, 150, 180, 200])
    ends = np.array([f"{(18 * 60 + m) // 60:02d}:{(18 * 60 + m) % 60:02d}" for m in lengths], dtype=object)
    lessons = pd.DataFrame({"worker_id": wid[owner], "training_id": trainings.training_id.to_numpy()[owner],
                            "date": day.astype("datetime64[ns]"), "start": "18:00",
                            "end": ends[np.searchsorted(lengths, length)][owner]})
    # only lessons inside the school year (a late start may push some past August)
    last = (np.char.add((year + 1).astype(str), "-08-31")).astype("datetime64[D]")[owner]
    lessons = lessons[day <= last].reset_index(drop=True)
    return LeavePopulation(workers, trainings, lessons)

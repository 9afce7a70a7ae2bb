"""A seeded population of PE participants for the cross-face parity test
(test_parity_pe.py): diplomas before and after 2023-01-01 (automatic
registration from then on, Stappenplan seed 001), activations, renewal
requests, dispensations pending, granted and refused (registration
regulation art. 10.1), and raw completions of recognised activities.

Everything is generated with numpy from one seed; the same facts come out as
a pe.status request (JSON path), as CSR columns (C batch) and as DataFrames
(Python frames)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

NO_DAY = -(2**31)
EPOCH = np.datetime64("1970-01-01", "D")

# activity id, form, net minutes, points per completion
PE_ACTIVITIES = [
    ("PAR-ARB", "e_learning", 90, "1.5"), ("PAR-CAO", "webinar", 60, "1"), ("PAR-WAB", "classroom", 120, "2"),
    ("PAR-DIS", "classroom", 180, "3"), ("PAR-ZIE", "workshop", 150, "2.5"), ("PAR-APP", "learning_app", 45, "0.75"),
    ("PAR-FIS", "classroom", 240, "4.25"),
]


def day(d: dt.date) -> int:
    return (d - dt.date(1970, 1, 1)).days


def iso(days: np.ndarray) -> list[str]:
    return (EPOCH + days.astype("timedelta64[D]")).astype(str).tolist()


@dataclass
class PePopulation:
    """Participants (row arrays) and their sub-records in CSR layout by participant."""
    seu: np.ndarray          # object, unique
    diploma: np.ndarray      # int32 epoch days, NO_DAY = none
    activation: np.ndarray   # int32, NO_DAY = not activated
    r_off: np.ndarray        # int64 [n + 1]
    r_day: np.ndarray        # int32
    d_off: np.ndarray        # int64 [n + 1]
    d_req: np.ndarray        # int32
    d_dec: np.ndarray        # int32, NO_DAY = pending
    d_gr: np.ndarray         # uint8
    c_owner: np.ndarray      # int64 participant row of each raw completion
    c_activity: np.ndarray   # object
    c_day: np.ndarray        # int32

    @property
    def n(self) -> int:
        return len(self.seu)

    def dossier(self) -> dict[str, Any]:
        """The population as a dossier document (the JSON path's input)."""
        dip, act = iso(self.diploma.astype(np.int64)), iso(self.activation.astype(np.int64))
        rdays, dreq, ddec = iso(self.r_day.astype(np.int64)), iso(self.d_req.astype(np.int64)), iso(self.d_dec.astype(np.int64))
        people = []
        for i, s in enumerate(self.seu.tolist()):
            p: dict[str, Any] = {"seu_number": s}
            if self.diploma[i] != NO_DAY:
                p["diploma_date"] = dip[i]
            if self.activation[i] != NO_DAY:
                p["activation_date"] = act[i]
            r0, r1 = int(self.r_off[i]), int(self.r_off[i + 1])
            if r1 > r0:
                p["renewal_requests"] = rdays[r0:r1]
            d0, d1 = int(self.d_off[i]), int(self.d_off[i + 1])
            if d1 > d0:
                p["dispensations"] = [
                    {"requested": dreq[k], **({"decided": ddec[k]} if self.d_dec[k] != NO_DAY else {}),
                     "granted": bool(self.d_gr[k])} for k in range(d0, d1)]
            people.append(p)
        cdays = iso(self.c_day.astype(np.int64))
        comps = [{"seu_number": s, "activity_id": a, "completed": d}
                 for s, a, d in zip(self.seu[self.c_owner].tolist(), self.c_activity.tolist(), cdays)]
        return {"schema_version": 1, "participants": people, "activities": pe_activities(),
                "recognitions": pe_recognitions(), "completions": comps}

    def participant_frame(self) -> pd.DataFrame:
        def dates(d: np.ndarray) -> np.ndarray:
            out = (EPOCH + np.where(d == NO_DAY, 0, d).astype("timedelta64[D]")).astype("datetime64[ns]")
            out[d == NO_DAY] = np.datetime64("NaT")
            return out
        return pd.DataFrame({"seu_number": self.seu, "diploma_date": dates(self.diploma),
                             "activation_date": dates(self.activation)})

    def renewal_frame(self) -> pd.DataFrame:
        owner = np.repeat(np.arange(self.n), np.diff(self.r_off))
        return pd.DataFrame({"seu_number": self.seu[owner],
                             "requested": (EPOCH + self.r_day.astype("timedelta64[D]")).astype("datetime64[ns]")})

    def dispensation_frame(self) -> pd.DataFrame:
        owner = np.repeat(np.arange(self.n), np.diff(self.d_off))
        decided = (EPOCH + np.where(self.d_dec == NO_DAY, 0, self.d_dec).astype("timedelta64[D]")).astype("datetime64[ns]")
        decided[self.d_dec == NO_DAY] = np.datetime64("NaT")
        return pd.DataFrame({"seu_number": self.seu[owner],
                             "requested": (EPOCH + self.d_req.astype("timedelta64[D]")).astype("datetime64[ns]"),
                             "decided": decided, "granted": self.d_gr.astype(bool)})


def pe_activities() -> list[dict[str, Any]]:
    return [{"id": a, "title": a, "form": form, "provider": {"kind": "commercial", "name": "Parity"},
             "net_minutes": mins, "test": {"questions": 10, "required_correct": 6}, "topics": ["cao"]}
            for a, form, mins, _ in PE_ACTIVITIES]


def pe_recognitions() -> list[dict[str, Any]]:
    """Each activity recognised without a gap from 2014 on (a recognition is
    valid 2 years, seed 000), so a completion is booked whenever its
    participant is registered on that day."""
    return [{"id": f"{a}-{y}", "activity_id": a, "decided": f"{y}-01-01", "points": pts}
            for a, _, _, pts in PE_ACTIVITIES for y in range(2014, 2032, 2)]


def csr(counts: np.ndarray) -> np.ndarray:
    off = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=off[1:])
    return off


def make_pe_population(n: int, *, seed: int, at: dt.date) -> PePopulation:
    rng = np.random.default_rng(seed)
    seu = np.char.add("PAR", np.char.zfill(np.arange(n).astype(str), 7)).astype(object)
    lo, hi = day(dt.date(2015, 1, 1)), day(at) + 30
    diploma = rng.integers(lo, hi, n)
    no_diploma = rng.random(n) < 0.04
    old = diploma < day(dt.date(2023, 1, 1))
    # most old diplomas are activated (some after the evaluation date); a few
    # new ones carry an activation too, which the rules ignore
    activated = ~no_diploma & ((old & (rng.random(n) < 0.7)) | (~old & (rng.random(n) < 0.05)))
    activation = np.where(activated, diploma + rng.integers(0, 1500, n), NO_DAY)
    start = np.where(old & activated, activation, diploma)
    period = 730  # about two years: to place requests near the ends of periods
    # renewal requests: 0 to 3, near the end of period 1, 2 or 3 (some late)
    r_count = np.where(no_diploma, 0, rng.choice([0, 1, 2, 3], n, p=[0.45, 0.3, 0.15, 0.1]))
    r_owner = np.repeat(np.arange(n), r_count)
    r_day = start[r_owner] + period * rng.integers(1, 4, r_owner.size) + rng.integers(-200, 40, r_owner.size)
    # dispensations: 0 to 2, requested near (or just after) the end of a period;
    # pending, granted or refused
    d_count = np.where(no_diploma, 0, rng.choice([0, 1, 2], n, p=[0.8, 0.15, 0.05]))
    d_owner = np.repeat(np.arange(n), d_count)
    k = d_owner.size
    d_req = start[d_owner] + period * rng.integers(1, 4, k) + rng.integers(-150, 90, k)
    kind = rng.choice([0, 1, 2], k, p=[0.25, 0.5, 0.25])  # pending, granted, refused
    d_dec = np.where(kind == 0, NO_DAY, d_req + rng.integers(0, 75, k))
    d_gr = (kind == 1).astype(np.uint8)
    # raw completions: about 8 per participant, from before the start to after the date
    c_count = np.where(no_diploma, rng.integers(0, 2, n), rng.poisson(8.0, n))
    c_owner = np.repeat(np.arange(n), c_count)
    m = c_owner.size
    span = np.maximum(hi - start[c_owner], 1)
    c_day = start[c_owner] - 90 + (rng.random(m) * (span + 90)).astype(np.int64)
    c_day = np.where(no_diploma[c_owner], lo + rng.integers(0, hi - lo, m), c_day)
    c_activity = np.array([a[0] for a in PE_ACTIVITIES], dtype=object)[rng.integers(0, len(PE_ACTIVITIES), m)]
    return PePopulation(
        seu=seu, diploma=np.where(no_diploma, NO_DAY, diploma).astype(np.int32), activation=activation.astype(np.int32),
        r_off=csr(r_count), r_day=r_day.astype(np.int32), d_off=csr(d_count), d_req=d_req.astype(np.int32),
        d_dec=d_dec.astype(np.int32), d_gr=d_gr, c_owner=c_owner, c_activity=c_activity, c_day=c_day.astype(np.int32))

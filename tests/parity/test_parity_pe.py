"""Cross-face parity for PE status (issue 11): one seeded population of
100,000 participants evaluated through the JSON request path (pe.status via
Engine.evaluate, which books the raw completions), the C batch
(edr_pe_status_batch_v2 through ctypes on libedurules_c) and the Python
frames (Engine.pe_status_frame). The two batch faces get the points the JSON
path booked; every participant must come out identical on every face, field
by field, and every face must return one row per participant in input order.

Legal rules exercised (see include/edurules/pe/registration.hpp): automatic
registration for diplomas from 2023-01-01 and activation before that
(Stappenplan, seed 001); 2-year periods renewed on request with 12 points,
lapse with fewer (SEU FAQ, seed 000); dispensations (registration regulation
art. 10.1)."""
from __future__ import annotations

import ctypes as ct
import datetime as dt
import os
import pathlib
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

import edurules
from pe_population import NO_DAY, day, make_pe_population

AT = dt.date(2025, 6, 1)
N = 100_000
FIELDS = ["state", "reason", "period_first", "period_last", "earned", "short_by", "days_left", "renewal_possible"]


# --- the C library through ctypes --------------------------------------------

class ColumnsV2(ct.Structure):
    _fields_ = [("version", ct.c_uint), ("rows", ct.c_size_t), ("diploma_day", ct.c_void_p),
                ("activation_day", ct.c_void_p), ("completion_offsets", ct.c_void_p), ("completions", ct.c_size_t),
                ("completion_day", ct.c_void_p), ("completion_points", ct.c_void_p),
                ("renewal_offsets", ct.c_void_p), ("renewals", ct.c_size_t), ("renewal_day", ct.c_void_p),
                ("dispensation_offsets", ct.c_void_p), ("dispensations", ct.c_size_t),
                ("dispensation_requested", ct.c_void_p), ("dispensation_decided", ct.c_void_p),
                ("dispensation_granted", ct.c_void_p)]


class Results(ct.Structure):
    _fields_ = [("version", ct.c_uint), ("state", ct.c_void_p), ("reason", ct.c_void_p),
                ("period_first", ct.c_void_p), ("period_last", ct.c_void_p), ("earned", ct.c_void_p),
                ("short_by", ct.c_void_p), ("days_left", ct.c_void_p), ("renewal_possible", ct.c_void_p),
                ("status", ct.c_void_p)]


def c_library() -> ct.CDLL:
    path = os.environ.get("EDURULES_C_LIBRARY") or str(
        pathlib.Path(os.environ.get("EDURULES_BUILD_DIR", "build")) / "src" / "capi" / "libedurules_c.so")
    if not pathlib.Path(path).exists():
        pytest.skip(f"the C library is not built ({path})")
    lib = ct.CDLL(path)
    lib.edr_engine_new.argtypes = [ct.POINTER(ct.c_void_p), ct.c_void_p]
    lib.edr_engine_free.argtypes = [ct.c_void_p]
    lib.edr_pe_status_batch_v2.argtypes = [ct.POINTER(Results), ct.POINTER(ct.c_size_t), ct.c_void_p, ct.c_int32,
                                           ct.POINTER(ColumnsV2), ct.c_void_p]
    for f in ("edr_pe_state_name", "edr_pe_reason_name", "edr_pe_row_error_name"):
        getattr(lib, f).restype = ct.c_char_p
        getattr(lib, f).argtypes = [ct.c_int]
    return lib


def ptr(a: np.ndarray) -> int:
    return a.ctypes.data if len(a) else 0


def c_batch(lib: ct.CDLL, at_day: int, cols: dict[str, np.ndarray]) -> tuple[dict[str, np.ndarray], int]:
    """edr_pe_status_batch_v2 over the columns; outputs as numpy arrays."""
    n = len(cols["diploma"])
    c = ColumnsV2(1, n, ptr(cols["diploma"]), ptr(cols["activation"]), ptr(cols["c_off"]), len(cols["c_day"]),
                  ptr(cols["c_day"]), ptr(cols["c_pts"]), ptr(cols["r_off"]), len(cols["r_day"]), ptr(cols["r_day"]),
                  ptr(cols["d_off"]), len(cols["d_req"]), ptr(cols["d_req"]), ptr(cols["d_dec"]), ptr(cols["d_gr"]))
    out = {"state": np.full(n, 77, np.uint8), "reason": np.zeros(n, np.uint8), "period_first": np.zeros(n, np.int32),
           "period_last": np.zeros(n, np.int32), "earned": np.zeros(n, np.int64), "short_by": np.zeros(n, np.int64),
           "days_left": np.zeros(n, np.int32), "renewal_possible": np.zeros(n, np.uint8),
           "status": np.full(n, -99, np.int32)}
    r = Results(1, *(ptr(out[k]) for k in ("state", "reason", "period_first", "period_last", "earned", "short_by",
                                           "days_left", "renewal_possible", "status")))
    engine = ct.c_void_p()
    assert lib.edr_engine_new(ct.byref(engine), None) == 0
    try:
        rejected = ct.c_size_t(99)
        assert lib.edr_pe_status_batch_v2(ct.byref(r), ct.byref(rejected), engine, at_day, ct.byref(c), None) == 0
    finally:
        lib.edr_engine_free(engine)
    return out, rejected.value


# --- each face's answer in one canonical shape --------------------------------

def canonical_json(parts: list[dict]) -> pd.DataFrame:
    def days(texts: list) -> np.ndarray:
        d = np.array([t if t is not None else "NaT" for t in texts], dtype="datetime64[D]")
        return np.where(np.isnat(d), NO_DAY, d.astype(np.int64))
    period = [p["period"] or {} for p in parts]
    return pd.DataFrame({
        "state": [p["state"] for p in parts],
        "reason": [p["not_registered_reason"] for p in parts],
        "period_first": days([q.get("start") for q in period]),
        "period_last": days([q.get("end") for q in period]),
        "earned": np.rint(pd.to_numeric(pd.Series([p["points_earned"] for p in parts])).to_numpy() * 100).astype(np.int64),
        "short_by": np.rint(pd.to_numeric(pd.Series([p["points_short"] for p in parts])).to_numpy() * 100).astype(np.int64),
        "days_left": np.array([-1 if p["days_left"] is None else p["days_left"] for p in parts], dtype=np.int64),
        "renewal_possible": np.array([p["renewal_possible"] for p in parts], dtype=bool),
    })


def canonical_c(lib: ct.CDLL, out: dict[str, np.ndarray]) -> pd.DataFrame:
    states = np.array([lib.edr_pe_state_name(k).decode() for k in range(4)], dtype=object)
    reasons = np.array([lib.edr_pe_reason_name(k).decode() for k in range(4)], dtype=object)
    state = states[out["state"]]
    return pd.DataFrame({
        "state": state, "reason": np.where(state == "not_registered", reasons[out["reason"]], None),
        "period_first": out["period_first"].astype(np.int64), "period_last": out["period_last"].astype(np.int64),
        "earned": out["earned"], "short_by": out["short_by"], "days_left": out["days_left"].astype(np.int64),
        "renewal_possible": out["renewal_possible"] == 1,
    })


def canonical_frame(f: pd.DataFrame) -> pd.DataFrame:
    def days(col: pd.Series) -> np.ndarray:
        v = col.to_numpy(dtype="datetime64[ns]")
        return np.where(np.isnat(v), NO_DAY, v.astype("datetime64[D]").astype(np.int64))
    reason = f.reason.astype(object).to_numpy()
    return pd.DataFrame({
        "state": f.state.astype(str).to_numpy(dtype=object),
        "reason": np.where(pd.isna(reason), None, reason),
        "period_first": days(f.period_start), "period_last": days(f.period_end),
        "earned": np.rint(f.points_earned.to_numpy() * 100).astype(np.int64),
        "short_by": np.rint(f.points_short.to_numpy() * 100).astype(np.int64),
        "days_left": f.days_left.fillna(-1).to_numpy(dtype=np.int64),
        "renewal_possible": f.renewal_possible.to_numpy(dtype=bool),
    })


def assert_same(name: str, got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert len(got) == len(want), f"{name}: {len(got)} rows out for {len(want)} in"
    for field in FIELDS:
        a, b = got[field].to_numpy(), want[field].to_numpy()
        bad = np.flatnonzero(a != b)
        assert not len(bad), (f"{name}: {field} differs on {len(bad)} participants, first row {bad[0]}: "
                              f"{a[bad[0]]!r} != {b[bad[0]]!r}")


# --- the test ------------------------------------------------------------------

def json_path(engine: edurules.Engine, doc: dict, parts: int) -> dict:
    """pe.status through Engine.evaluate, the population split by participant
    into `parts` requests evaluated in threads (the JSON path releases the GIL;
    participants never share a booking, so the split changes nothing)."""
    people, comps = doc["participants"], doc["completions"]
    cut = [len(people) * k // parts for k in range(parts + 1)]
    owner = pd.Series([c["seu_number"] for c in comps]).str.slice(3).astype(np.int64).to_numpy()
    which = np.searchsorted(np.array(cut[1:-1]), owner, side="right")
    docs = [dict(doc, participants=people[cut[k]:cut[k + 1]],
                 completions=[comps[i] for i in np.flatnonzero(which == k).tolist()]) for k in range(parts)]

    def run(d: dict) -> dict:
        return engine.evaluate({"kind": "pe.status", "date": AT.isoformat(), "dossier": d})["result"]
    with ThreadPoolExecutor(parts) as pool:
        results = list(pool.map(run, docs))
    return {"participants": [p for r in results for p in r["participants"]],
            "completions": [c for r in results for c in r["completions"]]}


def test_pe_faces_agree_on_100000_participants():
    engine = edurules.Engine()
    lib = c_library()
    pop = make_pe_population(N, seed=20261202, at=AT)
    res = json_path(engine, pop.dossier(), 4)
    parts = res["participants"]
    # rows in = rows out, in input order, on the JSON face
    assert [p["seu_number"] for p in parts] == pop.seu.tolist()
    want = canonical_json(parts)

    # the points the JSON path booked, as the batch faces take them
    booked = pd.DataFrame([c for c in res["completions"] if c["status"] == "booked"])
    assert len(booked) > 300_000
    owner = booked.seu_number.str.slice(3).astype(np.int64).to_numpy()
    order = np.argsort(owner, kind="stable")
    c_day = np.array(booked.completed.to_numpy()[order], dtype="datetime64[D]").astype(np.int64).astype(np.int32)
    c_pts = np.rint(pd.to_numeric(booked.points).to_numpy()[order] * 100).astype(np.int64)
    c_off = np.zeros(N + 1, np.int64)
    np.cumsum(np.bincount(owner, minlength=N), out=c_off[1:])

    # (b) the C batch, v2 columns
    cols = {"diploma": pop.diploma, "activation": pop.activation, "c_off": c_off, "c_day": c_day, "c_pts": c_pts,
            "r_off": pop.r_off, "r_day": pop.r_day, "d_off": pop.d_off, "d_req": pop.d_req, "d_dec": pop.d_dec,
            "d_gr": pop.d_gr}
    out, rejected = c_batch(lib, day(AT), cols)
    assert rejected == 0 and (out["status"] == 0).all()
    assert_same("C batch v2", canonical_c(lib, out), want)

    # (c) the Python frames
    comps = pd.DataFrame({"seu_number": booked.seu_number.to_numpy()[order],
                          "completed": (np.datetime64("1970-01-01", "D") + c_day.astype("timedelta64[D]")).astype("datetime64[ns]"),
                          "points": c_pts / 100.0})
    frame = engine.pe_status_frame(pop.participant_frame(), comps, AT, renewals=pop.renewal_frame(),
                                   dispensations=pop.dispensation_frame())
    assert frame.seu_number.tolist() == pop.seu.tolist() and frame.error.isna().all()
    assert_same("Python frames", canonical_frame(frame), want)

    # the population covers what the faces must agree on
    assert set(want.state) == set(edurules.PE_STATES)
    assert set(want.reason.dropna()) == {"no_diploma", "not_activated", "before_start"}
    old = (pop.diploma != NO_DAY) & (pop.diploma < day(dt.date(2023, 1, 1)))
    assert old.sum() > 10_000 and ((pop.diploma != NO_DAY) & ~old).sum() > 10_000
    assert sum(p["kept_by_dispensation"] for p in parts) > 500
    assert sum(p["dispensation_pending"] for p in parts) > 100
    assert sum(p["renewal_requested"] for p in parts) > 1_000
    # renewed twice or more (one granted dispensation keeps one period since 5 December 2026: about 180
    # participants of this population reach a third period, where one grant used to keep two)
    assert sum((p["period"] or {}).get("number", 0) >= 3 for p in parts) > 100


def test_pe_faces_refuse_contradictory_facts_in_place():
    """A participant whose facts contradict each other: the JSON path refuses
    the request naming the field; both batch faces reject that row in place
    (rows in = rows out) and decide the others."""
    engine = edurules.Engine()
    lib = c_library()
    dip = day(dt.date(2023, 3, 15))
    cols = {"diploma": np.array([dip, NO_DAY, dip, dip], np.int32),
            "activation": np.array([NO_DAY, dip, NO_DAY, NO_DAY], np.int32),
            "c_off": np.zeros(5, np.int64), "c_day": np.zeros(0, np.int32), "c_pts": np.zeros(0, np.int64),
            "r_off": np.zeros(5, np.int64), "r_day": np.zeros(0, np.int32),
            "d_off": np.array([0, 0, 0, 1, 2], np.int64), "d_req": np.array([dip + 700, dip + 700], np.int32),
            "d_dec": np.array([dip + 690, NO_DAY], np.int32), "d_gr": np.array([0, 1], np.uint8)}
    out, rejected = c_batch(lib, day(AT), cols)
    names = [lib.edr_pe_row_error_name(int(s)).decode() for s in out["status"]]
    assert rejected == 3
    assert names == ["none", "activation_without_diploma", "dispensation_decided_before_request",
                     "dispensation_granted_undecided"]
    assert out["state"].tolist()[1:] == [255, 255, 255]
    assert lib.edr_pe_state_name(255).decode() == "rejected" and lib.edr_pe_row_error_name(10) is None

    frames = pd.DataFrame({"seu_number": ["A", "B", "C", "D"],
                           "diploma_date": pd.to_datetime(["2023-03-15", None, "2023-03-15", "2023-03-15"]),
                           "activation_date": pd.to_datetime([None, "2023-03-15", None, None])})
    disp = pd.DataFrame({"seu_number": ["C", "D"], "requested": pd.to_datetime(["2025-02-12", "2025-02-12"]),
                         "decided": pd.to_datetime(["2025-02-02", None]), "granted": [False, True]})
    f = engine.pe_status_frame(frames, None, AT, dispensations=disp, errors="flag")
    assert len(f) == 4 and f.error.isna().tolist() == [True, False, False, False]
    assert f.error[1].startswith("participants row label 1 (position 1), column 'activation_date'")
    assert f.error[2].startswith("dispensations row label 0 (position 0), column 'decided'")
    assert f.error[3].startswith("dispensations row label 1 (position 1), column 'granted'")

    doc = {"schema_version": 1, "participants": [{"seu_number": "B", "activation_date": "2023-03-15"}]}
    with pytest.raises(edurules.InvalidInput) as e:
        engine.evaluate({"kind": "pe.status", "date": AT.isoformat(), "dossier": doc})
    assert e.value.field == "dossier.participants[0].activation_date"

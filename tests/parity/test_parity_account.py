"""Cross-face parity, account half (issue 16): a seeded population of at least
10,000 worker-years of the Belgian individual training right, decided through

  (a) the JSON path: one ``account.right`` request per worker via
      Engine.evaluate (the year's entry of its years list),
  (b) the C ABI batch, edr_account_right_batch, via ctypes on the built
      libedurules_c shared library,
  (c) the Python frame, edurules.account_right_frame,

must give every decision identically, field by field (size class, months,
credit in minutes, exact credit in days, reasons), rows in = decided +
rejected on every face, and the same rows refused on every face (a contract
above full time).

The population: years 2022 to 2031, employers of every size class declaring
0 to 4 quarters of their reference period (or only a fallback FTE, or
nothing), joint committees without an agreement and 116, 124 and 200 of the
rulebook, full-time, 4/5, half-time and odd regimes, jobs starting and ending
in the year, employers' own full-time weeks. Generated from one seed.
"""
from __future__ import annotations

import ctypes
import datetime as dt
import json
import os

import numpy as np
import pandas as pd
import pytest

import edurules

SEED = 20261216
ROWS = 10_000
NO_DAY = -(2**31)


def generate(n: int, seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    year = rng.integers(2022, 2032, n)
    period = 2022 + 2 * ((year - 2022) // 2)
    quarters = rng.integers(-1, 5, n)  # -1: nothing known, 0: fallback only
    ftes = rng.integers(30, 450, (n, 4))  # tenths of an FTE
    ftes[rng.random(n) < 0.1, :] = 200  # the boundary 20.0
    fte_sum = np.where(np.arange(4)[None, :] < np.maximum(quarters, 0)[:, None], ftes, 0).sum(axis=1)
    fallback = rng.integers(30, 450, n)
    reference = np.where(quarters > 0, fte_sum, np.where(quarters == 0, fallback, 0)) * 1000  # 1/10000 FTE
    start = pd.to_datetime(dict(year=year - rng.integers(0, 3, n), month=rng.integers(1, 13, n),
                                day=rng.integers(1, 29, n)))
    ends = rng.random(n) < 0.4
    end = start + pd.to_timedelta(rng.integers(0, 700, n), unit="D")
    full = np.where(rng.random(n) < 0.8, 2280, 2400)
    contract = np.select([rng.random(n) < 0.4, rng.random(n) < 0.5, rng.random(n) < 0.5],
                         [full, full * 4 // 5, full // 2], rng.integers(300, 2280, n))
    bad = rng.random(n) < 0.01
    contract = np.where(bad, full + 60, np.minimum(contract, full))
    return pd.DataFrame({
        "year": year.astype(np.int32), "period": period, "quarters_declared": quarters,
        **{f"q{i}": ftes[:, i] for i in range(4)}, "fallback": fallback,
        "reference_fte": reference / 10000.0, "reference_quarters": quarters.astype(np.int32),
        "from": start, "to": end.where(ends), "contract_minutes": contract.astype(np.int64),
        "full_time_minutes": full.astype(np.int64),
        "joint_committee": rng.choice(np.array([0, 0, 116, 124, 200, 999], np.int32), n),
        "employer_full_time_minutes": rng.choice(np.array([0, 2280, 2400], np.int64), n),
    })


def tenths(v: int) -> str:
    return f"{v // 10}.{v % 10}"


def request(r) -> str:
    p = int(r.period)
    names = [f"{p - 2}-Q4", f"{p - 1}-Q1", f"{p - 1}-Q2", f"{p - 1}-Q3"]
    emp: dict = {"quarters": [{"quarter": names[i], "fte": tenths(int(getattr(r, f"q{i}")))}
                              for i in range(max(int(r.quarters_declared), 0))]}
    if r.quarters_declared == 0:
        emp["fallback_fte"] = tenths(int(r.fallback))
    if r.joint_committee:
        emp["joint_committee"] = str(int(r.joint_committee))
    if r.employer_full_time_minutes:
        emp["full_time_per_week_minutes"] = int(r.employer_full_time_minutes)
    job = {"from": r.start.date().isoformat(), "contract_per_week_minutes": int(r.contract_minutes),
           "full_time_per_week_minutes": int(r.full_time_minutes)}
    if not pd.isna(r.to):
        job["to"] = r.to.date().isoformat()
    return json.dumps({"schema_version": 1, "kind": "account.right", "date": f"{int(r.year)}-12-31",
                       "explain": False, "employer": emp, "workers": [{"id": "w", "jobs": [job]}]})


def days_text(num: int, den: int) -> str:
    d, twos, fives = den, 0, 0
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    if d != 1:
        return f"{num}/{den}"
    scale = max(twos, fives)
    units = num * 10**scale // den
    if scale == 0:
        return str(units)
    s = str(units).rjust(scale + 1, "0")
    return s[:-scale] + "." + s[-scale:]


def json_face(engine: edurules.Engine, f: pd.DataFrame) -> pd.DataFrame:
    names = list(edurules.ACCOUNT_REASONS)
    rows = []
    for r in f.rename(columns={"from": "start"}).itertuples():
        try:
            res = engine.evaluate(request(r))
        except edurules.InvalidInput:
            rows.append((-3, "unknown", 0, 0, "0", 0))
            continue
        years = [y for y in res["result"]["workers"][0]["years"] if y["year"] == r.year]
        if not years:  # a year before the job or the first year of the right: no entry, nothing credited
            rows.append((0, None, None, None, None, None))
            continue
        y = years[0]
        bits = sum(1 << names.index(x) for x in y["reasons"])
        rows.append((0, y["size_class"], y["months"], y["credit"]["minutes"], y["credit"]["days"], bits))
    return pd.DataFrame(rows, columns=["status", "size_class", "months", "credit_minutes", "credit_days", "reasons"])


class Columns(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("rows", ctypes.c_size_t)] + [(n, ctypes.c_void_p) for n in (
        "year", "reference_fte", "reference_quarters", "from_day", "to_day", "contract_minutes", "full_time_minutes",
        "joint_committee", "employer_full_time_minutes", "worker")]


class Results(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint)] + [(n, ctypes.c_void_p) for n in (
        "status", "size_class", "months", "credit_minutes", "credit_days_num", "credit_days_den", "reasons")]


def days_since_epoch(col: pd.Series) -> np.ndarray:
    v = col.to_numpy(dtype="datetime64[D]")
    out = (v - np.datetime64("1970-01-01", "D")).astype(np.int64)
    out[np.isnat(v)] = NO_DAY
    return out.astype(np.int32)


def c_face(f: pd.DataFrame, worker: np.ndarray | None = None) -> tuple[pd.DataFrame, int]:
    path = os.environ.get("EDURULES_C_LIBRARY")
    if not path:
        pytest.skip("EDURULES_C_LIBRARY not set (run through ctest)")
    lib = ctypes.CDLL(path)
    lib.edr_engine_new.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p]
    engine = ctypes.c_void_p()
    assert lib.edr_engine_new(ctypes.byref(engine), None) == 0
    n = len(f)
    keep = {
        "year": f["year"].to_numpy(np.int32), "reference_fte": np.rint(f["reference_fte"].to_numpy() * 10000).astype(np.int64),
        "reference_quarters": f["reference_quarters"].to_numpy(np.int32), "from_day": days_since_epoch(f["from"]),
        "to_day": days_since_epoch(f["to"]), "contract_minutes": f["contract_minutes"].to_numpy(np.int64),
        "full_time_minutes": f["full_time_minutes"].to_numpy(np.int64),
        "joint_committee": f["joint_committee"].to_numpy(np.int32),
        "employer_full_time_minutes": f["employer_full_time_minutes"].to_numpy(np.int64)}
    if worker is not None:
        keep["worker"] = np.asarray(worker, np.int64)
    cols = Columns(2, n, *[keep[k].ctypes.data if k in keep else None for k, _ in Columns._fields_[2:]])
    out = {k: np.zeros(n, t) for k, t in (("status", np.int32), ("size_class", np.int32), ("months", np.int32),
                                          ("credit_minutes", np.int64), ("credit_days_num", np.int64),
                                          ("credit_days_den", np.int64), ("reasons", np.uint32))}
    res = Results(1, *[out[k].ctypes.data for k, _ in Results._fields_[1:]])
    rejected = ctypes.c_size_t(0)
    rc = lib.edr_account_right_batch(ctypes.byref(res), ctypes.byref(rejected), engine, ctypes.byref(cols))
    lib.edr_engine_free(engine)
    assert rc == 0
    return pd.DataFrame(out), rejected.value


def test_json_c_and_frame_agree_field_by_field():
    f = generate(ROWS)
    engine = edurules.Engine()
    j = json_face(engine, f)
    c, rejected = c_face(f)
    p = edurules.account_right_frame(engine, f.drop(columns=["period"]))
    classes = np.array(edurules.ACCOUNT_SIZE_CLASSES)
    assert len(j) == len(c) == len(p) == ROWS
    # rows in = decided + rejected, the same rows refused on every face
    assert rejected == int((c["status"] != 0).sum()) == int((p["status"] != 0).sum()) == int((j["status"] != 0).sum())
    assert (c["status"].to_numpy() == j["status"].to_numpy()).all()
    assert (p["status"].to_numpy() == c["status"].to_numpy()).all()
    for col in ("size_class", "months", "credit_minutes", "credit_days_num", "credit_days_den", "reasons"):
        assert (np.asarray(p[col]) == np.asarray(c[col] if col != "size_class" else classes[c[col]])).all(), col
    ok = (c["status"] == 0).to_numpy() & j["size_class"].notna().to_numpy()
    c_days = [days_text(a, b) for a, b in zip(c["credit_days_num"][ok], c["credit_days_den"][ok])]
    assert list(j["credit_days"][ok]) == c_days
    assert list(j["size_class"][ok]) == list(classes[c["size_class"][ok]])
    for col in ("months", "credit_minutes", "reasons"):
        assert (j[col][ok].astype(np.int64).to_numpy() == c[col][ok].astype(np.int64).to_numpy()).all(), col
    # where the JSON path lists no entry for the year, the batch credits nothing
    assert (c["credit_minutes"][~ok & (c["status"] == 0).to_numpy()] == 0).all()
    # the population reaches every class, sector and a thirds-valued credit
    assert set(classes[c["size_class"]]) == set(classes)
    assert any("/" in d for d in c_days) and (c["credit_minutes"] > 0).sum() > ROWS // 3


def test_one_worker_two_jobs_in_a_year_json_c_and_frame_agree():
    """Probe A5 (a change of regime on 16 June 2024 at an employer of 25 FTE):
    the JSON path counts June once, for the job holding it (credit.hpp
    month_holder: the one starting last; regiotalent: every started month a
    whole month, at the regime in force), 5 x (5 x 1 + 7 x 1/2) / 12 = 85/24
    days. The batch and the frame given the worker column decide the two rows
    as one worker-year and split the same credit: 25/12 + 35/24 (5 months full
    time, 7 half time); without it each row stands alone (documented) and June
    counts twice, 95/24."""
    engine = edurules.Engine()
    quarters = [{"quarter": q, "fte": "25"} for q in ("2022-Q4", "2023-Q1", "2023-Q2", "2023-Q3")]
    req = {"schema_version": 1, "kind": "account.right", "date": "2024-12-31", "explain": False,
           "employer": {"quarters": quarters, "full_time_per_week_hours": "38"},
           "workers": [{"id": "w", "jobs": [
               {"from": "2020-01-01", "to": "2024-06-15", "contract_per_week_hours": "38",
                "full_time_per_week_hours": "38"},
               {"from": "2024-06-16", "contract_per_week_hours": "19", "full_time_per_week_hours": "38"}]}]}
    y = [y for y in engine.evaluate(json.dumps(req))["result"]["workers"][0]["years"] if y["year"] == 2024][0]
    assert (y["months"], y["credit"]["days"], y["credit"]["minutes"]) == (12, "85/24", 1615)
    f = pd.DataFrame({"year": np.array([2024, 2024], np.int32), "reference_fte": ["100", "100"],
                      "reference_quarters": np.array([4, 4], np.int32),
                      "from": pd.to_datetime(["2020-01-01", "2024-06-16"]), "to": pd.to_datetime(["2024-06-15", None]),
                      "contract_minutes": np.array([2280, 1140], np.int64),
                      "full_time_minutes": np.array([2280, 2280], np.int64),
                      "joint_committee": np.array([0, 0], np.int32),
                      "employer_full_time_minutes": np.array([0, 0], np.int64)})
    c_in = f.assign(reference_fte=[100.0, 100.0])
    c, rejected = c_face(c_in, np.array([7, 7]))
    p = edurules.account_right_frame(engine, f.assign(worker=np.array([7, 7], np.int64)))
    from fractions import Fraction
    for face in (c, p):
        assert list(face["status"]) == [0, 0]
        assert list(face["months"]) == [5, 7] and sum(face["months"]) == y["months"]
        days = [Fraction(int(a), int(b)) for a, b in zip(face["credit_days_num"], face["credit_days_den"])]
        assert days == [Fraction(25, 12), Fraction(35, 24)] and sum(days) == Fraction(85, 24)
        assert int(face["credit_minutes"].sum()) == y["credit"]["minutes"]
        month_in_other_row = 1 << list(edurules.ACCOUNT_REASONS).index("month_in_other_row")
        assert [bool(int(r) & month_in_other_row) for r in face["reasons"]] == [True, False]
    assert rejected == 0
    # the rows in the other order are the same worker-year
    p2 = edurules.account_right_frame(engine, f.iloc[::-1].assign(worker=np.array([7, 7], np.int64)))
    assert list(p2["months"]) == [7, 5]
    # overlapping jobs of one worker are refused, as the JSON path refuses them (concurrent jobs not modelled)
    req["workers"][0]["jobs"][1]["from"] = "2024-06-10"
    with pytest.raises(edurules.InvalidInput):
        engine.evaluate(json.dumps(req))
    g = f.assign(**{"from": pd.to_datetime(["2020-01-01", "2024-06-10"]), "worker": np.array([7, 7], np.int64)})
    assert list(edurules.account_right_frame(engine, g)["status"]) == [-7, -7]
    c3, rejected3 = c_face(g.assign(reference_fte=[100.0, 100.0]), np.array([7, 7]))
    assert list(c3["status"]) == [-7, -7] and rejected3 == 2
    # without the worker column each row stands alone: June counts in both (documented in edurules.h)
    alone = edurules.account_right_frame(engine, f)
    assert sum(Fraction(int(a), int(b)) for a, b in zip(alone["credit_days_num"], alone["credit_days_den"])) == \
        Fraction(95, 24)

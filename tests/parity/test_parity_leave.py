"""Cross-face parity, leave half (issue 11): a seeded population of at least
100,000 leave trainings, decided through

  (a) the JSON path: ``leave.evaluate`` requests via Engine.evaluate (one
      per school year; a refused worker is taken out and the rest sent again),
  (b) the C ABI v2 batch, edr_leave_facts_batch, via ctypes on the built
      libedurules_c shared library,
  (c) the Python frames, Engine.leave_hours_frame,

must give every decision identically, field by field (regime, eligible,
reasons, the worker's cap, hours granted, taken, attended, suspended,
refused, reimbursement, suspensions), with rows in = rows out on every face
and the same workers refused on every face.

The population: 1 to 3 trainings per worker, every region and regime,
school years 2012-2013 to 2026-2027 (every year the rulebook covers; 2026-2027 with its gaps: no VOV rate and
no wage ceiling, so unknown amounts and totals), part-time, variable and ended jobs,
distance, coaching and cancelled lessons, absences over and under 10%
(holidays with and without the employer's declaration, unjustified),
trainings that cross school years (suspensions reaching later trainings and
years), VOV sanctions, employer-proposed trainings, BEV hours reimbursed
elsewhere, passed modules, and some overlapping lessons that every face must
refuse. Generated with vectorised numpy from one seed.
"""
from __future__ import annotations

import ctypes
import json
import os
import pathlib
import re
import time

import numpy as np
import pandas as pd
import pytest

import edurules

SEED = 20261202
MIN_TRAININGS = 100_000
REGIONS = ("flanders", "brussels", "wallonia")
TYPES = tuple(edurules.LEAVE_TRAINING_TYPES)
MODES = ("contact", "live_online", "distance", "internship", "thesis", "coaching")
RAISED = ("none", "shortage_occupation", "basic_education", "first_upper_secondary")
COUNTING = ("attended_hours", "credits", "planned_lesson_periods", "exams", "competences")
ASSESSMENT = ("not_yet", "taken", "missed_justified", "missed")
REASONS = ("illness", "holiday", "unjustified", "unjustified", "work_required", "teacher_absent")
NO_DAY = np.int32(-(2**31))
EPOCH = np.datetime64("1970-01-01", "D")


# ---- the population ------------------------------------------------------------------------------------------------

def offsets_of(counts: np.ndarray) -> np.ndarray:
    off = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=off[1:])
    return off


def owner_of(counts: np.ndarray) -> np.ndarray:
    return np.repeat(np.arange(len(counts)), counts)


def rank_in(counts: np.ndarray) -> np.ndarray:
    """0, 1, ... within each owner's items."""
    off = offsets_of(counts)
    return np.arange(off[-1]) - np.repeat(off[:-1], counts)


def day(year: np.ndarray, month: int, dd: int) -> np.ndarray:
    """Epoch days of year-month-dd."""
    return ((year.astype(np.int64) - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (month - 1)).astype(
        "datetime64[D]").astype(np.int64) + dd - 1


def generate(workers: int, seed: int = SEED) -> dict[str, np.ndarray]:
    """Every fact of `workers` workers as CSR columns (the v2 layout)."""
    g = np.random.default_rng(seed)
    W = workers
    chance = lambda n, pct: g.random(n) < pct / 100  # noqa: E731
    f: dict[str, np.ndarray] = {}
    sy = g.integers(2012, 2027, W).astype(np.int32)
    f["school_year"] = sy
    f["region"] = g.integers(1, 4, W).astype(np.uint8)
    f["sector"] = np.where(chance(W, 3), 1, 0).astype(np.int32)  # names: private, public
    f["at_most_upper_secondary"] = chance(W, 20).astype(np.uint8)
    f["vov_sanctioned"] = chance(W, 10).astype(np.uint8)
    f["bev_elsewhere"] = np.where(chance(W, 10), g.integers(0, 51, W) * 60, 0).astype(np.int64)
    f["wage"] = np.where(chance(W, 50), g.integers(1800, 5201, W) * 100, -1).astype(np.int64)
    f["new_job_on"] = np.where(chance(W, 10), day(sy, 1, 1) + g.integers(0, 201, W), NO_DAY).astype(np.int32)
    passed = np.where(chance(W, 10), 2, 0)
    f["passed_off"] = offsets_of(passed)
    f["passed"] = np.tile(np.array([1, 3], dtype=np.int32), int(passed.sum()) // 2)  # M1, M3 (codes 1, 3)
    # jobs: one, sometimes two; part-time, variable, some ended
    nj = np.where(chance(W, 80), 1, 2)
    f["job_off"] = offsets_of(nj)
    J = int(nj.sum())
    jw = owner_of(nj)
    f["job_from"] = (day(sy[jw] - 2, 1, 1) + g.integers(0, 901, J)).astype(np.int32)
    f["job_to"] = np.where(chance(J, 20), f["job_from"] + g.integers(30, 701, J), NO_DAY).astype(np.int32)
    f["job_full"] = np.where(chance(J, 80), 38 * 60, 40 * 60).astype(np.int64)
    f["job_contract"] = np.where(chance(J, 50), f["job_full"], g.integers(4, 77, J) * 30).astype(np.int64)
    f["job_variable"] = chance(J, 20).astype(np.uint8)
    # trainings: 1 to 3 per worker
    nt = g.integers(1, 4, W)
    f["training_off"] = offsets_of(nt)
    T = int(nt.sum())
    tw = owner_of(nt)
    f["training_worker"] = tw
    f["type"] = np.where(chance(T, 60), g.integers(0, 6, T), np.where(chance(T, 50), 0, g.integers(6, 8, T))).astype(np.uint8)
    f["coinciding"] = chance(T, 40).astype(np.uint8)
    f["raised"] = np.where(chance(T, 15), g.integers(1, 4, T), 0).astype(np.uint8)
    f["language_kind"] = np.where(chance(T, 20), g.integers(0, 2, T), -1).astype(np.int32)  # national, other
    f["organisation"] = chance(T, 30).astype(np.uint8)  # 1 = school_year
    f["lesson_periods"] = chance(T, 20).astype(np.uint8)
    first = day(sy[tw] - 1, 9, 1) + g.integers(0, 641, T)  # crossing school years
    f["module_code"] = np.where(chance(T, 10), g.integers(1, 5, T), -1).astype(np.int32)  # M1..M4
    f["recognised"] = (~chance(T, 3)).astype(np.uint8)
    f["counting"] = np.where(chance(T, 70), 0, g.integers(1, 5, T)).astype(np.uint8)
    f["credits"] = g.integers(0, 61, T).astype(np.int64)
    f["graduate"] = chance(T, 20).astype(np.uint8)
    f["exam_contract"] = chance(T, 5).astype(np.uint8)
    f["exams"] = g.integers(0, 4, T).astype(np.int64)
    f["competences"] = g.integers(0, 4, T).astype(np.int64)
    f["employer_proposed"] = chance(T, 25).astype(np.uint8)
    f["career_oriented"] = chance(T, 10).astype(np.uint8)
    f["career_attest"] = np.where((f["career_oriented"] == 1) & chance(T, 70), first - g.integers(0, 3001, T),
                                  NO_DAY).astype(np.int32)
    f["assessment"] = g.integers(0, 4, T).astype(np.uint8)
    f["enrolled_on"] = np.where(chance(T, 50), first + g.integers(-30, 61, T), NO_DAY).astype(np.int32)
    # lessons: weekly or fortnightly, 1 to 24; a few trainings without any
    nl = np.where(chance(T, 3), 0, g.integers(1, 25, T))
    f["lesson_off"] = offsets_of(nl)
    L = int(nl.sum())
    lt = owner_of(nl)
    every = g.integers(1, 3, T) * 7
    length, start = g.integers(2, 9, T) * 25, g.integers(32, 41, T) * 30
    lday = first[lt] + rank_in(nl) * every[lt]
    overlap = chance(T, 2) & (nl > 1)  # the second lesson on the first one's day: refused
    second = f["lesson_off"][:-1][overlap] + 1
    lday[second] = lday[second - 1]
    f["lesson_day"] = lday.astype(np.int32)
    f["lesson_start"] = start[lt].astype(np.int32)
    f["lesson_end"] = (start + length)[lt].astype(np.int32)
    f["lesson_mode"] = np.where(chance(L, 80), 0, g.integers(1, 6, L)).astype(np.uint8)
    f["lesson_cancelled"] = chance(L, 5).astype(np.uint8)
    f["lesson_coinciding"] = np.where(chance(L, 30), 1 - f["coinciding"][lt], f["coinciding"][lt]).astype(np.uint8)
    f["start"] = np.where(chance(T, 30) | (nl == 0), first - g.integers(0, 21, T), NO_DAY).astype(np.int32)
    # absences: some trainings over 10% unjustified, most under
    heavy = np.where(chance(T, 30), 3, 12)[lt]
    absent = (f["lesson_cancelled"] == 0) & (g.integers(0, 1 << 30, L) % heavy == 0)
    ai = np.flatnonzero(absent)
    A = len(ai)
    f["absence_off"] = offsets_of(np.bincount(lt[ai], minlength=T))
    f["absence_day"] = f["lesson_day"][ai]
    full = chance(A, 70)
    whole_day = full & chance(A, 30)
    lesson_len = (f["lesson_end"] - f["lesson_start"])[ai].astype(np.int64)
    f["absence_minutes"] = np.where(whole_day, -1, np.where(full, lesson_len, lesson_len // 2)).astype(np.int64)
    reason = g.integers(0, len(REASONS), A)
    f["absence_reason"] = reason.astype(np.int32)  # codes into REASONS (every absence names its reason)
    holiday = reason == 1
    f["holiday_from"] = np.where(holiday, f["absence_day"] - g.integers(0, 4, A), NO_DAY).astype(np.int32)
    f["holiday_to"] = np.where(holiday, f["absence_day"] + g.integers(3, 11, A), NO_DAY).astype(np.int32)
    f["declared_on"] = np.where(holiday & chance(A, 60), f["holiday_from"] - g.integers(-3, 21, A), NO_DAY).astype(np.int32)
    # leave taken on some lesson days
    took = (f["lesson_cancelled"] == 0) & chance(L, 15)
    ki = np.flatnonzero(took)
    f["taken_off"] = offsets_of(np.bincount(lt[ki], minlength=T))
    f["taken_day"] = f["lesson_day"][ki]
    f["taken_minutes"] = (g.integers(1, 9, len(ki)) * 60).astype(np.int64)
    f["W"], f["T"] = np.int64(W), np.int64(T)
    return f


NAMES = ["private", "public", "national", "other", "M1", "M2", "M3", "M4"] + [r for r in REASONS if r]


def text_codes(f: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The generator's text codes as codes into the one NAMES table."""
    reason_index = {i: NAMES.index(r) for i, r in enumerate(REASONS) if r}
    remap = np.array([reason_index.get(i, -1) for i in range(len(REASONS))], dtype=np.int32)
    return {
        "sector": f["sector"].astype(np.int32),
        "passed": (f["passed"] + 3).astype(np.int32),  # M1 -> 4, M3 -> 6
        "language_kind": np.where(f["language_kind"] < 0, -1, f["language_kind"] + 2).astype(np.int32),
        "module_code": np.where(f["module_code"] < 0, -1, f["module_code"] + 3).astype(np.int32),
        "absence_reason": np.where(f["absence_reason"] < 0, -1, remap[np.maximum(f["absence_reason"], 0)]).astype(np.int32),
    }


# ---- the decisions, one table per face ------------------------------------------------------------------------------

FIELDS = ("status", "regime", "reasons", "attended", "excluded", "granted", "taken", "refused", "money",
          "w_cap", "w_granted", "w_taken", "w_left", "w_money", "w_suspensions")


def empty(T: int) -> dict[str, np.ndarray]:
    return {k: np.zeros(T, dtype=np.int64) for k in FIELDS}


# ---- (a) the JSON path ----------------------------------------------------------------------------------------------

def iso(days: np.ndarray) -> np.ndarray:
    return np.datetime_as_string(EPOCH + days.astype("timedelta64[D]"), unit="D").astype(object)


def clock(minutes: np.ndarray) -> np.ndarray:
    h, m = np.divmod(minutes.astype(np.int64), 60)
    return (pd.Series(h).astype(str).str.zfill(2) + ":" + pd.Series(m).astype(str).str.zfill(2)).to_numpy(dtype=object)


def opt(key: str, values: np.ndarray, present: np.ndarray, quoted: bool = True) -> np.ndarray:
    q = '"' if quoted else ""
    text = np.empty(len(values), dtype=object)
    text[:] = ""
    if present.any():
        text[present] = f',"{key}":{q}' + values[present].astype(str).astype(object) + q
    return text


def joined(parts: np.ndarray, off: np.ndarray) -> np.ndarray:
    """The JSON objects of each owner's items, comma-separated."""
    owners = len(off) - 1
    out = np.full(owners, "", dtype=object)
    filled = np.diff(off) > 0
    if filled.any():  # items are grouped by owner: sum each owner's run of "item,"
        runs = np.add.reduceat((parts + ",").astype(object), off[:-1][filled])
        out[filled] = pd.Series(runs, dtype=object).str[:-1].to_numpy(dtype=object)
    return out


def worker_documents(f: dict[str, np.ndarray]) -> np.ndarray:
    """Each worker as a JSON object (text), built with array operations."""
    B = lambda x: np.where(x == 1, "true", "false").astype(object)  # noqa: E731
    L = len(f["lesson_day"])
    lessons = ('{"date":"' + iso(f["lesson_day"]) + '","start":"' + clock(f["lesson_start"]) + '","end":"'
               + clock(f["lesson_end"]) + '","mode":"' + np.array(MODES, dtype=object)[f["lesson_mode"]]
               + '","cancelled":' + B(f["lesson_cancelled"]) + ',"coinciding_with_work":'
               + B(f["lesson_coinciding"]) + "}") if L else np.zeros(0, dtype=object)
    a_reason = np.array(REASONS, dtype=object)[np.maximum(f["absence_reason"], 0)]
    hol = f["holiday_from"] != NO_DAY
    holiday = np.full(len(hol), "", dtype=object)
    if hol.any():
        holiday[hol] = (',"holiday":{"from":"' + iso(f["holiday_from"][hol]) + '","to":"' + iso(f["holiday_to"][hol])
                        + '"}')
    absences = ('{"date":"' + iso(f["absence_day"]) + '"'
                + opt("absent_minutes", f["absence_minutes"], f["absence_minutes"] >= 0, False)
                + opt("reason", a_reason, f["absence_reason"] >= 0)
                + opt("employer_declared_on", iso(f["declared_on"]), f["declared_on"] != NO_DAY) + holiday + "}")
    taken = '{"date":"' + iso(f["taken_day"]) + '","leave_minutes":' + f["taken_minutes"].astype(str).astype(object) + "}"
    T = len(f["type"])
    tid = "t" + rank_in(np.diff(f["training_off"])).astype(str).astype(object)
    vov = ('"vov":{"counting":"' + np.array(COUNTING, dtype=object)[f["counting"]] + '","credits":'
           + f["credits"].astype(str).astype(object) + ',"graduate":' + B(f["graduate"]) + ',"exam_contract":'
           + B(f["exam_contract"]) + ',"competences":' + f["competences"].astype(str).astype(object)
           + ',"employer_proposed":' + B(f["employer_proposed"]) + ',"career_oriented":' + B(f["career_oriented"])
           + opt("career_attest_date", iso(f["career_attest"]), f["career_attest"] != NO_DAY)
           + ',"final_assessment":"' + np.array(ASSESSMENT, dtype=object)[f["assessment"]] + '"}')
    names = np.array(NAMES, dtype=object)
    codes = text_codes(f)
    trainings = ('{"id":"' + tid + '","type":"' + np.array(TYPES, dtype=object)[f["type"]] + '","coinciding_with_work":'
                 + B(f["coinciding"]) + ',"raised_cap":"' + np.array(RAISED, dtype=object)[f["raised"]] + '"'
                 + opt("language_kind", names[np.maximum(codes["language_kind"], 0)], codes["language_kind"] >= 0)
                 + ',"organisation":"' + np.where(f["organisation"] == 1, "school_year", "modular").astype(object)
                 + '","unit":"' + np.where(f["lesson_periods"] == 1, "lesson_periods", "clock_hours").astype(object) + '"'
                 + opt("start", iso(f["start"]), f["start"] != NO_DAY)
                 + opt("module_code", names[np.maximum(codes["module_code"], 0)], codes["module_code"] >= 0)
                 + ',"recognised":' + B(f["recognised"]) + ',"exams":' + f["exams"].astype(str).astype(object)
                 + opt("enrolled_on", iso(f["enrolled_on"]), f["enrolled_on"] != NO_DAY) + "," + vov
                 + ',"lessons":[' + joined(lessons, f["lesson_off"]) + '],"absences":['
                 + joined(absences, f["absence_off"]) + '],"leave_taken":[' + joined(taken, f["taken_off"]) + "]}")
    assert len(trainings) == T
    jobs = ('{"from":"' + iso(f["job_from"]) + '"' + opt("to", iso(f["job_to"]), f["job_to"] != NO_DAY)
            + ',"contract_per_week_minutes":' + f["job_contract"].astype(str).astype(object)
            + ',"full_time_per_week_minutes":' + f["job_full"].astype(str).astype(object) + ',"schedule":"'
            + np.where(f["job_variable"] == 1, "variable", "fixed").astype(object) + '"}')
    W = len(f["region"])
    passed = '"' + names[codes["passed"]] + '"'
    wage = f["wage"]
    return ('{"id":"w' + np.arange(W).astype(str).astype(object) + '","establishment_unit":{"region":"'
            + np.array(REGIONS, dtype=object)[f["region"] - 1] + '"},"sector":"' + names[codes["sector"]]
            + '","jobs":[' + joined(jobs, f["job_off"]) + '],"passed_modules":[' + joined(passed, f["passed_off"])
            + '],"at_most_upper_secondary":' + B(f["at_most_upper_secondary"]) + ',"vov_sanctioned":'
            + B(f["vov_sanctioned"]) + ',"bev_reimbursed_elsewhere_minutes":' + f["bev_elsewhere"].astype(str).astype(object)
            + opt("monthly_wage", (wage // 100).astype(str).astype(object) + ".00", wage >= 0)
            + opt("new_job_on", iso(f["new_job_on"]), f["new_job_on"] != NO_DAY)
            + ',"trainings":[' + joined(trainings, f["training_off"]) + "]}")


WORKER_AT = re.compile(r"^workers\[(\d+)\]")
JSON_CHUNK = 16  # small: a refusal is decided by the document reader, which re-reads its whole request


def json_face(engine: edurules.Engine, f: dict[str, np.ndarray]) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Decisions through leave.evaluate requests, one per school year; a
    worker the JSON path refuses is taken out and the rest sent again."""
    docs = worker_documents(f)
    T = int(f["T"])
    out = empty(T)
    refused = np.zeros(len(docs), dtype=bool)
    toff = f["training_off"]
    codes = {c: i for i, c in enumerate(edurules.LEAVE_REASONS)}
    regimes = {r: i for i, r in enumerate(edurules.LEAVE_REGIMES)}
    minutes = lambda x: x["minutes"]  # noqa: E731
    cents = lambda text: -1 if text is None else int(round(float(text) * 100))  # noqa: E731  (None: no rate, as the batch's -1)
    chunks = []
    for year in np.unique(f["school_year"]).tolist():
        workers = np.flatnonzero(f["school_year"] == year)
        # requests of JSON_CHUNK workers: a refusal re-sends the rest of its chunk only
        chunks += [(year, workers[i:i + JSON_CHUNK]) for i in range(0, len(workers), JSON_CHUNK)]
    for year, pending in chunks:
        while len(pending):
            text = ('{"schema_version":1,"kind":"leave.evaluate","explain":false,"school_year":"%d-%d","workers":['
                    % (year, year + 1)) + ",".join(docs[pending]) + "]}"
            try:
                res = engine.evaluate(text)
            except edurules.InvalidInput as e:
                m = WORKER_AT.match(e.field)
                assert m, e.field
                bad = int(m.group(1))
                refused[pending[bad]] = True
                good, pending = pending[:bad], pending[bad + 1:]
                if len(good):  # the workers before the refused one were read: send them alone
                    res = engine.evaluate(text.split('"workers":[')[0] + '"workers":[' + ",".join(docs[good]) + "]}")
                    read(res, good, out, toff, codes, regimes, minutes, cents)
                continue
            read(res, pending, out, toff, codes, regimes, minutes, cents)
            pending = pending[:0]
    for w in np.flatnonzero(refused):
        out["status"][toff[w]:toff[w + 1]] = -8
    return out, refused


def read(res, workers, out, toff, codes, regimes, minutes, cents) -> None:
    """One response's decisions into the face's table (the harness reads JSON)."""
    for w, doc in zip(workers.tolist(), res["result"]["workers"]):
        t0 = toff[w]
        worker = (doc["cap"]["full_time"]["minutes"] if "cap" in doc else 0, minutes(doc["granted"]),
                  minutes(doc["taken"]), minutes(doc["left"]), cents(doc["reimbursement_total"]), len(doc["suspensions"]))
        for k, t in enumerate(doc["trainings"]):
            i = t0 + k
            h = t["hours"]
            out["status"][i] = 0 if t["eligible"] else 1
            out["regime"][i] = regimes[t["regime"]]
            out["reasons"][i] = sum(1 << codes[r["code"]] for r in t["reasons"])
            out["attended"][i] = minutes(h["attended"])
            out["excluded"][i] = minutes(h["excluded_in_suspension"])
            out["granted"][i] = minutes(h["granted"])
            out["taken"][i] = minutes(h["taken"])
            out["refused"][i] = minutes(h["taken_refused"])
            out["money"][i] = cents(t["reimbursement"]["amount"])
            (out["w_cap"][i], out["w_granted"][i], out["w_taken"][i], out["w_left"][i], out["w_money"][i],
             out["w_suspensions"][i]) = worker


# ---- (b) the C ABI v2 batch via ctypes --------------------------------------------------------------------------------

P = ctypes.c_void_p


class Text(ctypes.Structure):
    _fields_ = [("codes", P), ("names", P), ("name_count", ctypes.c_size_t)]


class Facts(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("workers", ctypes.c_size_t), ("region", P), ("school_year", P),
                ("sector", Text), ("at_most_upper_secondary", P), ("vov_sanctioned", P),
                ("bev_reimbursed_elsewhere_minutes", P), ("monthly_wage_cents", P), ("new_job_on", P),
                ("passed_offsets", P), ("passed", ctypes.c_size_t), ("passed_modules", Text),
                ("job_offsets", P), ("jobs", ctypes.c_size_t), ("job_from", P), ("job_to", P),
                ("job_contract_minutes", P), ("job_full_time_minutes", P), ("job_variable_schedule", P),
                ("training_offsets", P), ("trainings", ctypes.c_size_t), ("training_type", P), ("training_start", P),
                ("coinciding", P), ("raised", P), ("language_kind", Text), ("organisation", P), ("lesson_periods", P),
                ("module_code", Text), ("recognised", P), ("exams", P), ("counting", P), ("credits", P),
                ("graduate", P), ("exam_contract", P), ("competences", P), ("employer_proposed", P),
                ("career_oriented", P), ("career_attest_day", P), ("assessment", P), ("enrolled_on", P),
                ("lesson_offsets", P), ("lessons", ctypes.c_size_t), ("lesson_day", P), ("lesson_start", P),
                ("lesson_end", P), ("lesson_mode", P), ("lesson_cancelled", P), ("lesson_coinciding", P),
                ("absence_offsets", P), ("absences", ctypes.c_size_t), ("absence_day", P), ("absence_minutes", P),
                ("absence_reason", Text), ("absence_employer_declared_on", P), ("absence_holiday_from", P),
                ("absence_holiday_to", P), ("taken_offsets", P), ("taken", ctypes.c_size_t), ("taken_day", P),
                ("taken_minutes", P)]


class WorkerResults(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint)] + [(n, P) for n in (
        "status", "problem", "problem_training", "problem_item", "cap_minutes", "granted_minutes", "taken_minutes",
        "left_minutes", "reimbursement_cents", "suspensions")]


class TrainingResults(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint)] + [(n, P) for n in (
        "status", "regime", "reasons", "attended_minutes", "excluded_suspended_minutes", "granted_minutes",
        "taken_minutes", "taken_refused_minutes", "reimbursement_cents")]


def c_library() -> ctypes.CDLL:
    path = os.environ.get("EDURULES_C_LIBRARY")
    if not path:
        build = pathlib.Path(os.environ.get("EDURULES_BUILD_DIR", pathlib.Path(__file__).resolve().parents[2] / "build"))
        path = str(build / "src" / "capi" / "libedurules_c.so")
    if not pathlib.Path(path).exists():
        pytest.skip(f"no C library at {path}")
    lib = ctypes.CDLL(path)
    lib.edr_engine_new.argtypes = [ctypes.POINTER(P), P]
    lib.edr_engine_free.argtypes = [P]
    lib.edr_leave_facts_batch.argtypes = [P, P, P, P]
    lib.edr_error_last.restype = ctypes.POINTER(ctypes.c_int)
    lib.edr_leave_row_status_name.restype = ctypes.c_char_p
    return lib


def c_face(lib: ctypes.CDLL, f: dict[str, np.ndarray]) -> tuple[dict[str, np.ndarray], np.ndarray]:
    keep = []

    def ptr(a: np.ndarray, dtype) -> int:
        a = np.ascontiguousarray(a, dtype=dtype)
        keep.append(a)
        return a.ctypes.data

    names = (ctypes.c_char_p * len(NAMES))(*[n.encode() for n in NAMES])
    codes = text_codes(f)
    text = lambda c: Text(ptr(c, np.int32), ctypes.cast(names, P), len(NAMES))  # noqa: E731
    W, T = int(f["W"]), int(f["T"])
    x = Facts()
    x.version = 1
    x.workers = W
    x.region, x.school_year = ptr(f["region"], np.uint8), ptr(f["school_year"], np.int32)
    x.sector = text(codes["sector"])
    x.at_most_upper_secondary, x.vov_sanctioned = ptr(f["at_most_upper_secondary"], np.uint8), ptr(f["vov_sanctioned"], np.uint8)
    x.bev_reimbursed_elsewhere_minutes = ptr(f["bev_elsewhere"], np.int64)
    x.monthly_wage_cents, x.new_job_on = ptr(f["wage"], np.int64), ptr(f["new_job_on"], np.int32)
    x.passed_offsets, x.passed, x.passed_modules = ptr(f["passed_off"], np.int64), len(f["passed"]), text(codes["passed"])
    x.job_offsets, x.jobs = ptr(f["job_off"], np.int64), len(f["job_from"])
    x.job_from, x.job_to = ptr(f["job_from"], np.int32), ptr(f["job_to"], np.int32)
    x.job_contract_minutes, x.job_full_time_minutes = ptr(f["job_contract"], np.int64), ptr(f["job_full"], np.int64)
    x.job_variable_schedule = ptr(f["job_variable"], np.uint8)
    x.training_offsets, x.trainings = ptr(f["training_off"], np.int64), T
    x.training_type, x.training_start = ptr(f["type"], np.uint8), ptr(f["start"], np.int32)
    for n in ("coinciding", "raised", "organisation", "lesson_periods", "recognised", "counting", "graduate",
              "exam_contract", "employer_proposed", "career_oriented", "assessment"):
        setattr(x, n, ptr(f[n], np.uint8))
    x.language_kind, x.module_code = text(codes["language_kind"]), text(codes["module_code"])
    x.exams, x.credits, x.competences = ptr(f["exams"], np.int64), ptr(f["credits"], np.int64), ptr(f["competences"], np.int64)
    x.career_attest_day, x.enrolled_on = ptr(f["career_attest"], np.int32), ptr(f["enrolled_on"], np.int32)
    x.lesson_offsets, x.lessons = ptr(f["lesson_off"], np.int64), len(f["lesson_day"])
    x.lesson_day, x.lesson_start, x.lesson_end = (ptr(f["lesson_day"], np.int32), ptr(f["lesson_start"], np.int32),
                                                  ptr(f["lesson_end"], np.int32))
    x.lesson_mode, x.lesson_cancelled = ptr(f["lesson_mode"], np.uint8), ptr(f["lesson_cancelled"], np.uint8)
    x.lesson_coinciding = ptr(f["lesson_coinciding"], np.uint8)
    x.absence_offsets, x.absences = ptr(f["absence_off"], np.int64), len(f["absence_day"])
    x.absence_day, x.absence_minutes = ptr(f["absence_day"], np.int32), ptr(f["absence_minutes"], np.int64)
    x.absence_reason = text(codes["absence_reason"])
    x.absence_employer_declared_on = ptr(f["declared_on"], np.int32)
    x.absence_holiday_from, x.absence_holiday_to = ptr(f["holiday_from"], np.int32), ptr(f["holiday_to"], np.int32)
    x.taken_offsets, x.taken = ptr(f["taken_off"], np.int64), len(f["taken_day"])
    x.taken_day, x.taken_minutes = ptr(f["taken_day"], np.int32), ptr(f["taken_minutes"], np.int64)
    wo = {n: np.zeros(W, dtype=t) for n, t in (("status", np.int32), ("problem", np.uint8), ("problem_training", np.int32),
                                                ("problem_item", np.int32), ("cap_minutes", np.int64),
                                                ("granted_minutes", np.int64), ("taken_minutes", np.int64),
                                                ("left_minutes", np.int64), ("reimbursement_cents", np.int64),
                                                ("suspensions", np.int32))}
    to = {n: np.zeros(T, dtype=t) for n, t in (("status", np.int32), ("regime", np.uint8), ("reasons", np.uint32),
                                                ("attended_minutes", np.int64), ("excluded_suspended_minutes", np.int64),
                                                ("granted_minutes", np.int64), ("taken_minutes", np.int64),
                                                ("taken_refused_minutes", np.int64), ("reimbursement_cents", np.int64))}
    wr, tr = WorkerResults(1), TrainingResults(1)
    for n, a in wo.items():
        setattr(wr, n, a.ctypes.data)
    for n, a in to.items():
        setattr(tr, n, a.ctypes.data)
    engine = P()
    assert lib.edr_engine_new(ctypes.byref(engine), None) == 0
    try:
        rc = lib.edr_leave_facts_batch(ctypes.addressof(wr), ctypes.addressof(tr), engine, ctypes.addressof(x))
        assert rc == 0, rc
    finally:
        lib.edr_engine_free(engine)
    tw = f["training_worker"]
    out = {"status": to["status"], "regime": to["regime"], "reasons": to["reasons"], "attended": to["attended_minutes"],
           "excluded": to["excluded_suspended_minutes"], "granted": to["granted_minutes"], "taken": to["taken_minutes"],
           "refused": to["taken_refused_minutes"], "money": to["reimbursement_cents"],
           "w_cap": wo["cap_minutes"][tw], "w_granted": wo["granted_minutes"][tw], "w_taken": wo["taken_minutes"][tw],
           "w_left": wo["left_minutes"][tw], "w_money": wo["reimbursement_cents"][tw],
           "w_suspensions": wo["suspensions"][tw]}
    return {k: v.astype(np.int64) for k, v in out.items()}, wo["status"] < 0


# ---- (c) the Python frames -------------------------------------------------------------------------------------------

def frames(f: dict[str, np.ndarray]) -> dict[str, pd.DataFrame]:
    """The same facts as DataFrames: names as Categoricals or text, dates as
    datetime64, clock times as "HH:MM" text, as a user would hold them."""
    W, T = int(f["W"]), int(f["T"])
    wid = pd.Series("w" + np.arange(W).astype(str).astype(object))
    names = np.array(NAMES, dtype=object)
    codes = text_codes(f)
    dt = lambda d: np.where(d == NO_DAY, np.datetime64("NaT"), EPOCH + d.astype("timedelta64[D]")).astype("datetime64[ns]")  # noqa: E731
    cat = lambda v, cats: pd.Categorical.from_codes(v.astype(np.int64), categories=list(cats))  # noqa: E731
    txt = lambda c: np.where(c >= 0, names[np.maximum(c, 0)], None)  # noqa: E731
    passed = pd.Series([list(names[codes["passed"][a:b]]) for a, b in zip(f["passed_off"][:-1], f["passed_off"][1:])])
    workers = pd.DataFrame({
        "worker_id": wid, "region": cat(f["region"] - 1, REGIONS), "school_year": f["school_year"],
        "sector": txt(codes["sector"]), "at_most_upper_secondary": f["at_most_upper_secondary"].astype(bool),
        "vov_sanctioned": f["vov_sanctioned"].astype(bool), "bev_reimbursed_elsewhere_minutes": f["bev_elsewhere"],
        "monthly_wage": np.where(f["wage"] >= 0, f["wage"] / 100, np.nan), "new_job_on": dt(f["new_job_on"]),
        "passed_modules": passed})
    jw = owner_of(np.diff(f["job_off"]))
    jobs = pd.DataFrame({"worker_id": wid.to_numpy()[jw], "from": dt(f["job_from"]), "to": dt(f["job_to"]),
                         "contract_minutes": f["job_contract"], "full_time_minutes": f["job_full"],
                         "schedule": cat(f["job_variable"], ("fixed", "variable"))})
    tw = f["training_worker"]
    tid = "t" + rank_in(np.diff(f["training_off"])).astype(str).astype(object)
    trainings = pd.DataFrame({
        "worker_id": wid.to_numpy()[tw], "training_id": tid, "type": cat(f["type"], TYPES), "start": dt(f["start"]),
        "coinciding": f["coinciding"].astype(bool), "raised": cat(f["raised"], RAISED),
        "language_kind": txt(codes["language_kind"]),
        "organisation": cat(f["organisation"], ("modular", "school_year")),
        "unit": cat(f["lesson_periods"], ("clock_hours", "lesson_periods")), "module_code": txt(codes["module_code"]),
        "recognised": f["recognised"].astype(bool), "exams": f["exams"], "counting": cat(f["counting"], COUNTING),
        "credits": f["credits"], "graduate": f["graduate"].astype(bool), "exam_contract": f["exam_contract"].astype(bool),
        "competences": f["competences"], "employer_proposed": f["employer_proposed"].astype(bool),
        "career_oriented": f["career_oriented"].astype(bool), "career_attest_date": dt(f["career_attest"]),
        "final_assessment": cat(f["assessment"], ASSESSMENT), "enrolled_on": dt(f["enrolled_on"])},
        index=pd.RangeIndex(T) + 1_000_000)  # labels, not positions
    lt = owner_of(np.diff(f["lesson_off"]))
    lessons = pd.DataFrame({"worker_id": wid.to_numpy()[tw[lt]], "training_id": tid[lt], "date": dt(f["lesson_day"]),
                            "start": clock(f["lesson_start"]), "end": clock(f["lesson_end"]),
                            "mode": cat(f["lesson_mode"], MODES), "cancelled": f["lesson_cancelled"].astype(bool),
                            "coinciding": f["lesson_coinciding"].astype(bool)})
    at = owner_of(np.diff(f["absence_off"]))
    absences = pd.DataFrame({"worker_id": wid.to_numpy()[tw[at]], "training_id": tid[at], "date": dt(f["absence_day"]),
                             "absent_minutes": np.where(f["absence_minutes"] >= 0, f["absence_minutes"], np.nan),
                             "reason": txt(codes["absence_reason"]), "employer_declared_on": dt(f["declared_on"]),
                             "holiday_from": dt(f["holiday_from"]), "holiday_to": dt(f["holiday_to"])})
    kt = owner_of(np.diff(f["taken_off"]))
    taken = pd.DataFrame({"worker_id": wid.to_numpy()[tw[kt]], "training_id": tid[kt], "date": dt(f["taken_day"]),
                          "leave_minutes": f["taken_minutes"]})
    return {"workers": workers, "jobs": jobs, "trainings": trainings, "lessons": lessons, "absences": absences,
            "leave_taken": taken}


def frame_face(engine: edurules.Engine, fr: dict[str, pd.DataFrame]) -> tuple[dict[str, np.ndarray], pd.DataFrame]:
    out = engine.leave_hours_frame(fr["workers"], fr["trainings"], fr["lessons"], jobs=fr["jobs"],
                                   absences=fr["absences"], leave_taken=fr["leave_taken"], reasons="text")
    codes = {c: i for i, c in enumerate(edurules.LEAVE_REASONS)}
    words, inverse = np.unique(out.reasons.fillna("").to_numpy(dtype=str), return_inverse=True)
    bits = np.array([sum(1 << codes[c] for c in w.split(";") if c) for w in words], dtype=np.int64)
    refused = out.error.notna().to_numpy()
    status = np.where(refused, -8, np.where(out.status.astype(str) == "granted", 0, 1))
    table = {"status": status, "regime": np.where(refused, 0, out.regime.cat.codes.to_numpy()),
             "reasons": bits[inverse], "attended": out.attended_minutes, "excluded": out.excluded_suspended_minutes,
             "granted": out.granted_minutes.fillna(0), "taken": out.taken_minutes, "refused": out.taken_refused_minutes,
             "money": out.reimbursement_cents, "w_cap": out.worker_cap_minutes, "w_granted": out.worker_granted_minutes,
             "w_taken": out.worker_taken_minutes, "w_left": out.worker_left_minutes,
             "w_money": out.worker_reimbursement_cents, "w_suspensions": out.worker_suspensions}
    # a refused row's amounts are missing (pd.NA), as on the JSON path: compared on decided rows only
    return {k: np.asarray(pd.Series(v).fillna(0), dtype=np.int64) for k, v in table.items()}, out


# ---- the test --------------------------------------------------------------------------------------------------------

def differences(name: str, a: dict[str, np.ndarray], b: dict[str, np.ndarray], decided: np.ndarray) -> list[str]:
    found = []
    for k in FIELDS:
        diff = np.flatnonzero(decided & (a[k] != b[k]))
        if len(diff):
            i = int(diff[0])
            found.append(f"{name}: {k} differs on {len(diff)} trainings, e.g. training {i}: {a[k][i]} vs {b[k][i]}")
    return found


def test_every_face_decides_the_same(capsys):
    started = time.perf_counter()
    f = generate(52_000)
    T, W = int(f["T"]), int(f["W"])
    assert T >= MIN_TRAININGS
    engine = edurules.Engine()
    t0 = time.perf_counter()
    json_out, json_refused = json_face(engine, f)
    t1 = time.perf_counter()
    c_out, c_refused = c_face(c_library(), f)
    t2 = time.perf_counter()
    fr = frames(f)
    frame_out, frame = frame_face(engine, fr)
    t3 = time.perf_counter()
    # rows in = rows out on every face; the same workers refused everywhere
    assert len(frame) == len(fr["trainings"]) == T and (frame.index == fr["trainings"].index).all()
    assert len(c_out["status"]) == T and len(json_out["status"]) == T
    tw = f["training_worker"]
    frame_refused = np.zeros(W, dtype=bool)
    frame_refused[tw[frame.error.notna().to_numpy()]] = True
    refused_sets = {"json": json_refused, "c": c_refused, "frames": frame_refused}
    for name, r in refused_sets.items():
        assert (r == c_refused).all(), f"{name} refuses {int(r.sum())} workers, the C batch {int(c_refused.sum())}: " \
                                       f"e.g. worker {int(np.flatnonzero(r != c_refused)[0])}"
    assert (c_out["status"][c_refused[tw]] == -8).all()  # refused for contradictory facts (overlapping lessons)
    decided = ~c_refused[tw]
    problems = differences("json vs c", json_out, c_out, decided) + differences("frames vs c", frame_out, c_out, decided)
    with capsys.disabled():
        regimes = np.bincount(c_out["regime"][decided], minlength=6)
        print(f"\nleave parity: {W} workers, {T} trainings, {len(f['lesson_day'])} lessons, "
              f"{len(f['absence_day'])} absences, {len(f['taken_day'])} leave taken; "
              f"{int(c_refused.sum())} workers ({int((~decided).sum())} trainings) refused on every face; "
              f"regimes {dict(zip(edurules.LEAVE_REGIMES, regimes.tolist()))}; "
              f"json {t1 - t0:.1f}s, c {t2 - t1:.1f}s, frames {t3 - t2:.1f}s, total {time.perf_counter() - started:.1f}s")
    assert not problems, "\n".join(problems)
    # the population reaches what it claims to
    assert (regimes > 0).all()
    assert (c_out["status"][decided] == 1).any() and (c_out["status"][decided] == 0).any()
    assert (c_out["w_suspensions"] > 0).any() and (c_out["excluded"] > 0).any() and (c_out["refused"] > 0).any()
    bit = lambda name: 1 << list(edurules.LEAVE_REASONS).index(name)  # noqa: E731
    for reason in ("capped", "suspension_triggered", "suspended", "vov_sanction", "not_diligent", "not_private_sector"):
        assert (c_out["reasons"] & bit(reason)).any(), reason


# Found by the parity work: the JSON codec bounded counts at 2^20 while the
# facts check allowed 2^40; one bound (leave/facts.hpp max_count) now serves both.
def test_counts_between_the_two_bounds_are_refused_on_every_face():
    engine = edurules.Engine()
    workers = pd.DataFrame({"worker_id": ["a"], "region": ["flanders"], "contract_hours": [38],
                            "full_time_hours": [38], "school_year": [2023]})
    trainings = pd.DataFrame({"worker_id": ["a"], "training_id": ["t"], "type": ["academic"],
                              "counting": ["credits"], "credits": [2**21]})
    lessons = pd.DataFrame({"worker_id": ["a"], "training_id": ["t"], "date": pd.to_datetime(["2023-10-02"]),
                            "start": ["18:00"], "end": ["21:00"]})
    frame_error = engine.leave_hours_frame(workers, trainings, lessons, errors="flag").error[0]
    # refused by the frames' reader as the JSON reader refuses it, naming the column (errors="raise" raises)
    assert frame_error == "trainings row label 0 (position 0), column 'credits': too large: 2097152"
    frame_refused = frame_error is not None
    doc = {"kind": "leave.evaluate", "school_year": "2023-2024", "explain": False, "workers": [{
        "id": "a", "establishment_unit": {"region": "flanders"},
        "jobs": [{"from": "1900-01-01", "contract_per_week_hours": "38", "full_time_per_week_hours": "38"}],
        "trainings": [{"id": "t", "type": "academic", "vov": {"counting": "credits", "credits": 2**21},
                       "lessons": [{"date": "2023-10-02", "start": "18:00", "end": "21:00"}]}]}]}
    try:
        engine.evaluate(doc)
        json_refused = False
    except edurules.InvalidInput:
        json_refused = True
    assert json_refused and frame_refused

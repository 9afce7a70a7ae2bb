"""Belgian paid educational leave over DataFrames: workers, trainings and
lessons in, one row of leave hours per training out (the columnar
leave::leave_hours_batch, GIL released), and the JSON path's results as a
DataFrame."""
from __future__ import annotations

from typing import Any, Mapping, Optional

import numpy as np
import pandas as pd

from . import _columns as C
from . import _edurules
from ._errors import InvalidArgument, InvalidInput

LEAVE_REGIONS: tuple[str, ...] = tuple(_edurules.LEAVE_REGIONS)
"""Regions of the establishment unit (batch codes 1..3, in this order)."""
LEAVE_REGIMES: tuple[str, ...] = tuple(_edurules.LEAVE_REGIMES)
"""Leave regimes, by batch code (0 = none)."""
LEAVE_TRAINING_TYPES: tuple[str, ...] = tuple(_edurules.LEAVE_TRAINING_TYPES)
"""Training types, by batch code."""
LEAVE_REASONS: tuple[str, ...] = tuple(_edurules.LEAVE_REASONS)
"""Reason codes, by bit number of the batch's reason bits."""
LEAVE_HOURS_COLUMNS: tuple[str, ...] = ("worker_id", "training_id", "school_year", "regime", "status",
                                        "granted_minutes", "granted_hours", "attended_hours", "capped", "reasons",
                                        "error")
"""The columns of a leave hours frame, in order."""
_STATUS = dict(_edurules.LEAVE_BATCH_STATUS)


def _minutes(frame: pd.DataFrame, base: str, where: str, probs: C.Problems, *, required: bool,
             owner: Optional[np.ndarray] = None) -> Optional[np.ndarray]:
    """`<base>_minutes` (whole numbers) or `<base>_hours` (numbers) as int64 minutes."""
    for suffix, scale in (("minutes", 1), ("hours", 60)):
        col = f"{base}_{suffix}" if base else suffix
        if col in frame.columns:
            s = frame[col]
            if pd.api.types.is_bool_dtype(s.dtype) or not (pd.api.types.is_numeric_dtype(s.dtype)
                                                         or pd.api.types.is_object_dtype(s.dtype)):
                raise InvalidArgument(f"expected numbers, got dtype {s.dtype}", field=f"{where}.{col}")
            v = pd.to_numeric(s, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
            f = f"{where}.{col}"
            probs.add(np.isnan(v), f, lambda i: f"missing or not a number: {s.iloc[i]!r}", owner=owner)
            probs.add(np.isinf(v), f, lambda i: f"not a finite number: {v[i]}", owner=owner)
            ok = np.where(np.isfinite(v), v, 0.0) * scale
            probs.add(ok < 0, f, lambda i: f"cannot be negative: {v[i]}", owner=owner)
            r = np.rint(ok)
            probs.add(np.abs(ok - r) > 1e-6, f, lambda i: f"not a whole number of minutes: {v[i]}", owner=owner)
            return np.maximum(r, 0).astype(np.int64)
    if required:
        hours = f"{base}_hours" if base else "hours"
        raise InvalidArgument(f"missing column {hours} (or {hours[:-5]}minutes)", field=f"{where}.{hours}")
    return None


def _codes(column: pd.Series, names: tuple[str, ...], first: int, field: str, probs: C.Problems,
           owner: Optional[np.ndarray] = None) -> np.ndarray:
    """Names (or their integer codes) as uint8 codes; unknown names are bad cells."""
    if pd.api.types.is_integer_dtype(column.dtype):
        v = column.to_numpy(dtype=np.int64)
        bad = (v < first) | (v >= first + len(names))
        probs.add(bad, field, lambda i: f"unknown code {v[i]}", owner=owner)
        return np.where(bad, first, v).astype(np.uint8)
    values = column.astype(object).to_numpy(dtype=object)
    lookup = pd.Index(names)
    pos = lookup.get_indexer(pd.Index(values, dtype=object))
    probs.add(pos < 0, field, lambda i: f"unknown value {values[i]!r}; one of {', '.join(names)}", owner=owner)
    return (np.maximum(pos, 0) + first).astype(np.uint8)


def _flag(frame: pd.DataFrame, col: str, where: str, probs: C.Problems, default: bool = False,
          owner: Optional[np.ndarray] = None) -> np.ndarray:
    if col not in frame.columns:
        return np.full(len(frame), 1 if default else 0, dtype=np.uint8)
    return C.booleans(frame[col], f"{where}.{col}", probs, owner=owner)


def _school_years(values: Any, n: int, field: str, probs: C.Problems) -> np.ndarray:
    """School years as their start year: 2023, or text "2023-2024"."""
    if np.isscalar(values):  # one school year for every row: an argument, checked once
        try:
            return np.full(n, _school_years(pd.Series([values]), 1, field, C.Problems(1, "raise"))[0], dtype=np.int32)
        except InvalidInput as e:
            raise InvalidArgument(e.message, field=field) from None
    s = pd.Series(values)
    if pd.api.types.is_integer_dtype(s.dtype):
        return s.to_numpy(dtype=np.int64).astype(np.int32)
    shaped, cp = C.codepoints(s.to_numpy(dtype=object), 9)
    digits = cp.astype(np.int64) - 48
    first = digits[:, 0] * 1000 + digits[:, 1] * 100 + digits[:, 2] * 10 + digits[:, 3]
    second = digits[:, 5] * 1000 + digits[:, 6] * 100 + digits[:, 7] * 10 + digits[:, 8]
    ok = shaped & C.is_digit(cp[:, [0, 1, 2, 3, 5, 6, 7, 8]]).all(axis=1) & (cp[:, 4] == 45) & (second == first + 1)
    probs.add(~ok, field, lambda i: f"expected a school year like '2023-2024', got {s.iloc[i]!r}")
    return np.where(ok, first, 2000).astype(np.int32)


def _yyyymmdd(days: np.ndarray) -> np.ndarray:
    d = days.astype(np.int64).astype("datetime64[D]")
    y = d.astype("datetime64[Y]").astype(np.int64) + 1970
    m = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    dd = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    return (y * 10000 + m * 100 + dd).astype(np.int32)


def leave_hours_frame(core: Any, workers: pd.DataFrame, trainings: pd.DataFrame, lessons: Optional[pd.DataFrame],
                      school_year: Any, errors: str, threads: int) -> pd.DataFrame:
    """See Engine.leave_hours_frame."""
    W = C.require_frame(workers, "workers", ["worker_id", "region"])
    T = C.require_frame(trainings, "trainings", ["worker_id", "training_id", "type", "start"])
    n = len(T)
    wp = C.Problems(len(W), errors)
    probs = C.Problems(n, errors)
    # workers
    wid = C.keys(W["worker_id"], "workers.worker_id", wp)
    dup = pd.Index(wid, dtype=object).duplicated() & pd.notna(wid)
    wp.add(dup, "workers.worker_id", lambda i: f"duplicate worker id {wid[i]!r}")
    w_region = _codes(W["region"], LEAVE_REGIONS, 1, "workers.region", wp)
    w_contract = _minutes(W, "contract", "workers", wp, required=True)
    w_full = _minutes(W, "full_time", "workers", wp, required=True)
    if "schedule" in W.columns:
        w_var = (_codes(W["schedule"], ("fixed", "variable"), 0, "workers.schedule", wp) == 1).astype(np.uint8)
    else:
        w_var = _flag(W, "variable_schedule", "workers", wp)
    # trainings -> their worker
    tw = C.keys(T["worker_id"], "trainings.worker_id", probs)
    lookup = pd.Index(np.where(dup, None, wid), dtype=object)
    keep = np.flatnonzero(pd.notna(lookup))
    w_of = C.match(tw, pd.Index(lookup[keep], dtype=object), "trainings.worker_id", probs, "raise")
    w_of = np.where(w_of >= 0, keep[np.maximum(w_of, 0)], -1)
    tid = C.keys(T["training_id"], "trainings.training_id", probs)
    tkey = pd.MultiIndex.from_arrays([pd.Index(tw, dtype=object), pd.Index(tid, dtype=object)])
    tdup = tkey.duplicated() & pd.notna(tw) & pd.notna(tid)
    probs.add(tdup, "trainings.training_id", lambda i: f"duplicate training {tid[i]!r} of worker {tw[i]!r}")
    t_type = _codes(T["type"], LEAVE_TRAINING_TYPES, 0, "trainings.type", probs)
    start = C.days(T["start"], "trainings.start", probs, required=True)
    if "school_year" in T.columns:
        sy = _school_years(T["school_year"], n, "trainings.school_year", probs)
    elif school_year is not None:
        sy = _school_years(school_year, n, "school_year", C.Problems(n, "raise"))
    else:
        raise InvalidArgument("give school_year, or a school_year column in trainings", field="school_year")
    coinciding = _flag(T, "coinciding", "trainings", probs)
    raised = _flag(T, "raised", "trainings", probs)
    if "unit" in T.columns:
        periods = _codes(T["unit"], ("clock_hours", "lesson_periods"), 0, "trainings.unit", probs)
    else:
        periods = _flag(T, "lesson_periods", "trainings", probs)
    # hours: from lessons, or given on the trainings
    contact: Optional[np.ndarray] = None
    if lessons is not None:
        L = C.require_frame(lessons, "lessons", ["worker_id", "training_id"])
        nobody = np.full(len(L), -1, dtype=np.int64)
        lkey = pd.MultiIndex.from_arrays([pd.Index(C.keys(L["worker_id"], "lessons.worker_id", probs, owner=nobody), dtype=object),
                                          pd.Index(C.keys(L["training_id"], "lessons.training_id", probs, owner=nobody), dtype=object)])
        unique = np.flatnonzero(~tdup)
        l_of = tkey[unique].get_indexer(lkey)
        l_of = np.where(l_of >= 0, unique[np.maximum(l_of, 0)], -1)
        lost = l_of < 0
        if lost.any():
            i = int(np.flatnonzero(lost)[0])
            raise InvalidInput(f"no training {L['training_id'].iloc[i]!r} of worker {L['worker_id'].iloc[i]!r}",
                                 field=f"lessons.training_id[{i}]", record=i)
        if "start" in L.columns and "end" in L.columns and "minutes" not in L.columns and "hours" not in L.columns:
            def clock(col: str) -> np.ndarray:
                raw = L[col].to_numpy(dtype=object)
                four, cp4 = C.codepoints(raw, 4)   # H:MM
                five, cp5 = C.codepoints(raw, 5)   # HH:MM
                cp = np.where(four[:, None], np.concatenate([np.full((len(raw), 1), 48, np.uint32), cp4], axis=1), cp5)
                digits = cp.astype(np.int64) - 48
                hh, mm = digits[:, 0] * 10 + digits[:, 1], digits[:, 3] * 10 + digits[:, 4]
                ok = ((four | five) & C.is_digit(cp[:, [0, 1, 3, 4]]).all(axis=1) & (cp[:, 2] == 58)
                      & (hh <= 23) & (mm <= 59))
                probs.add(~ok, f"lessons.{col}", lambda i: f"not a clock time (HH:MM): {raw[i]!r}", owner=l_of)
                return np.where(ok, hh * 60 + mm, 0)
            length = clock("end") - clock("start")
            probs.add(length <= 0, "lessons.end", lambda i: "not after the lesson's start", owner=l_of)
            length = np.maximum(length, 0).astype(np.int64)
        else:
            length = _minutes(L, "", "lessons", probs, required=True, owner=l_of)  # "minutes" or "hours"
        cancelled = _flag(L, "cancelled", "lessons", probs, owner=l_of).astype(bool)
        attended = _flag(L, "attended", "lessons", probs, default=True, owner=l_of).astype(bool)
        unjust = _flag(L, "unjustified", "lessons", probs, owner=l_of).astype(bool)
        counts = ~cancelled
        if "date" in L.columns:  # only the lessons of the row's school year count
            day = C.days(L["date"], "lessons.date", probs, required=True, owner=l_of)
            years = (sy.astype(np.int64) - 1970).astype("datetime64[Y]")
            sep1 = (years.astype("datetime64[M]") + 8).astype("datetime64[D]").astype(np.int64)  # 1 September
            aug31 = (years.astype("datetime64[M]") + 20).astype("datetime64[D]").astype(np.int64) - 1  # 31 August next
            counts &= (day >= sep1[l_of]) & (day <= aug31[l_of])
        def total(mask: np.ndarray) -> np.ndarray:
            return np.rint(np.bincount(l_of, weights=np.where(mask, length, 0), minlength=n)).astype(np.int64)
        given = total(counts)
        att = total(counts & attended)
        unj = total(counts & ~attended & unjust)
    else:
        given = _minutes(T, "given", "trainings", probs, required=True)
        att = _minutes(T, "attended", "trainings", probs, required=True)
        unj = _minutes(T, "unjustified", "trainings", probs, required=False)
        contact = _minutes(T, "contact", "trainings", probs, required=False)
        probs.add(att > given, "trainings.attended_hours", lambda i: "more than the hours given")
        if unj is not None:
            probs.add(unj > given, "trainings.unjustified_hours", lambda i: "more than the hours given")
    empty64 = np.zeros(0, dtype=np.int64)
    # a bad worker row flags each of its trainings
    wmsg = wp.message[np.maximum(w_of, 0)]
    inherit = (w_of >= 0) & pd.notna(wmsg) & ~probs.flagged
    probs.message[inherit] = wmsg[inherit]
    flagged = probs.flagged
    wi = np.maximum(w_of, 0)
    ok_start = np.where(flagged | (start == C.NO_DAY), 0, start)  # flagged rows get harmless values
    res = core.leave_hours_columns(
        np.where(flagged, 1, w_region[wi]).astype(np.uint8), np.where(flagged, 2020, sy).astype(np.int32),
        _yyyymmdd(ok_start), np.where(flagged, 0, t_type).astype(np.uint8),
        np.where(flagged, 0, w_contract[wi]).astype(np.int64), np.where(flagged, 1, w_full[wi]).astype(np.int64),
        np.where(flagged, 0, given).astype(np.int64), np.where(flagged, 0, att).astype(np.int64),
        empty64 if unj is None else np.where(flagged, 0, unj).astype(np.int64),
        empty64 if contact is None else np.where(flagged, 0, contact).astype(np.int64),
        coinciding, raised, w_var[wi].astype(np.uint8), periods.astype(np.uint8), int(threads))
    status = res["status"]
    rejected = (status < 0) | flagged
    error = probs.message.copy()
    c_rej = (status < 0) & ~flagged
    if c_rej.any():
        error[c_rej] = pd.Series(status[c_rej]).map(_STATUS).fillna("rejected").to_numpy(dtype=object)
    reasons_bits = res["reasons"].astype(np.int64)
    masks, inverse = np.unique(reasons_bits, return_inverse=True)  # few distinct combinations
    words = np.array([";".join(nm for b, nm in enumerate(LEAVE_REASONS) if int(m) >> b & 1) for m in masks], dtype=object)
    text = words[inverse] if n else np.zeros(0, dtype=object)
    granted = pd.array(res["granted_minutes"], dtype="Int64")
    granted[rejected] = pd.NA
    capped_bit = 1 << LEAVE_REASONS.index("capped")
    return pd.DataFrame({
        "worker_id": T["worker_id"].to_numpy(),
        "training_id": T["training_id"].to_numpy(),
        "school_year": pd.Series(sy).astype(str).to_numpy(dtype=object) + "-" + pd.Series(sy + 1).astype(str).to_numpy(dtype=object),
        "regime": pd.Categorical.from_codes(np.where(rejected, -1, res["regime"].astype(np.int64)), categories=LEAVE_REGIMES),
        "status": pd.Categorical.from_codes(np.where(rejected, -1, status), categories=["granted", "not_eligible"]),
        "granted_minutes": granted,
        "granted_hours": np.where(rejected, np.nan, res["granted_minutes"] / 60.0),
        "attended_hours": att / 60.0,
        "capped": ~rejected & ((reasons_bits & capped_bit) != 0),
        "reasons": np.where(rejected, None, text),
        "error": error,
    }, index=T.index)


def leave_table(result: Mapping[str, Any]) -> pd.DataFrame:
    """A ``leave.evaluate`` / ``leave.entitlement`` result as a DataFrame, one
    row per worker and training: worker_id, training_id, school_year, region,
    regime, eligible, granted_minutes, granted_hours, attended_hours,
    cap_hours (the worker's full-time BEV cap), vov_maximum_hours (the
    worker's own VOV maximum), worker_granted_hours,
    worker_taken_hours, worker_left_hours, reasons (";"-joined codes)."""
    rows = []
    for w in result.get("workers", []):
        cap = w["cap"]["full_time"]["minutes"] if w.get("cap") else None
        # VOV: the worker's own maximum, given in (decimal) hours
        vov = round(float(w["vov_maximum"]["own_hours"]) * 60) if w.get("vov_maximum") else None
        for t in w.get("trainings", []):
            hours = t.get("hours", {})
            rows.append({
                "worker_id": w["id"], "training_id": t["id"], "school_year": w["school_year"], "region": w["region"],
                "regime": t["regime"], "eligible": t.get("eligible"),
                "granted_minutes": hours.get("granted", {}).get("minutes"),
                "attended_minutes": hours.get("attended", {}).get("minutes"),
                "cap_minutes": cap,
                "vov_maximum_minutes": vov,
                "worker_granted_minutes": w.get("granted", {}).get("minutes"),
                "worker_taken_minutes": w.get("taken", {}).get("minutes"),
                "worker_left_minutes": w.get("left", {}).get("minutes"),
                "reasons": ";".join(r["code"] for r in t.get("reasons", [])),
            })
    frame = pd.DataFrame(rows, columns=["worker_id", "training_id", "school_year", "region", "regime", "eligible",
                                        "granted_minutes", "attended_minutes", "cap_minutes", "vov_maximum_minutes",
                                        "worker_granted_minutes", "worker_taken_minutes", "worker_left_minutes", "reasons"])
    for c in ["granted_minutes", "attended_minutes", "cap_minutes", "vov_maximum_minutes", "worker_granted_minutes",
              "worker_taken_minutes", "worker_left_minutes"]:
        frame[c] = frame[c].astype("Int64")
        frame[c.replace("_minutes", "_hours")] = frame[c].astype("Float64") / 60
    frame["regime"] = pd.Categorical(frame["regime"], categories=LEAVE_REGIMES)
    return frame

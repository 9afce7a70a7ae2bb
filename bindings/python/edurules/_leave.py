"""Belgian paid educational leave over DataFrames: workers, trainings and
lessons in, one row of leave hours per training out (the columnar
leave::leave_hours_batch, GIL released), and the JSON path's results as a
DataFrame."""
from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

import numpy as np
import pandas as pd

from . import _columns as C
from . import _edurules
from ._errors import InvalidArgument, InvalidInput, row_text

LEAVE_REGIONS: tuple[str, ...] = tuple(_edurules.LEAVE_REGIONS)
"""Regions of the establishment unit (batch codes 1..3, in this order)."""
LEAVE_REGIMES: tuple[str, ...] = tuple(_edurules.LEAVE_REGIMES)
"""Leave regimes, by batch code (0 = none)."""
LEAVE_TRAINING_TYPES: tuple[str, ...] = tuple(_edurules.LEAVE_TRAINING_TYPES)
"""Training types, by batch code."""
LEAVE_REASONS: tuple[str, ...] = tuple(_edurules.LEAVE_REASONS)
"""Reason codes, by bit number of the batch's reason bits."""
LEAVE_HOURS_COLUMNS: tuple[str, ...] = (
    "worker_id", "training_id", "school_year", "regime", "status", "granted_minutes", "granted_hours", "attended_hours",
    "capped", "reasons", "error", "attended_minutes", "excluded_suspended_minutes", "taken_minutes",
    "taken_refused_minutes", "reimbursement_cents", "worker_cap_minutes", "worker_granted_minutes",
    "worker_taken_minutes", "worker_left_minutes", "worker_reimbursement_cents", "worker_suspensions")
"""The columns of a leave hours frame, in order."""
LEAVE_BATCH_STATUS: dict[int, str] = dict(_edurules.LEAVE_BATCH_STATUS)
"""Row status codes of the leave batches and their names (< 0: refused)."""
LEAVE_FACTS_PROBLEMS: tuple[str, ...] = tuple(_edurules.LEAVE_FACTS_PROBLEMS)
"""Why a worker's facts were refused, by code (0 = none)."""

# Which frame and column a facts problem points at (leave/facts.hpp).
_PROBLEM_CELL = {"lesson_times": ("lessons", "end"), "lesson_overlap": ("lessons", "start"),
                 "absence_no_lesson": ("absences", "date"), "absence_too_long": ("absences", "absent_minutes"),
                 "holiday_span": ("absences", "holiday_to"), "taken_too_long": ("leave_taken", "leave_minutes"),
                 "job_minutes": ("jobs", ""), "job_dates": ("jobs", "to"), "no_start": ("trainings", "start"),
                 "count_out_of_range": ("trainings", ""), "duration_too_large": ("workers", ""),
                 "unknown_absence_reason": ("absences", "reason"), "unknown_sector": ("workers", "sector"),
                 "unknown_language_kind": ("trainings", "language_kind"), "employment_too_fine": ("jobs", ""),
                 "job_above_full_time": ("jobs", "")}
# (which of several columns is wrong is not in the batch's output: the frame and label are)
# Frame columns handed to the engine as they are (converted in C++), by table.
_WORKER_COLUMNS = ("region", "school_year", "sector", "at_most_upper_secondary", "vov_sanctioned",
                   "bev_reimbursed_elsewhere_minutes", "bev_reimbursed_elsewhere_hours", "monthly_wage", "new_job_on")
_JOB_COLUMNS = ("from", "to", "contract_minutes", "contract_hours", "full_time_minutes", "full_time_hours", "schedule",
                "variable_schedule")
_TRAINING_COLUMNS = ("type", "start", "coinciding", "raised", "language_kind", "organisation", "unit", "lesson_periods",
                     "module_code", "provider", "recognised", "exams", "counting", "credits", "graduate", "exam_contract",
                     "competences", "employer_proposed", "career_oriented", "career_attest_date", "final_assessment",
                     "enrolled_on")
# The worker frame also carries its one job when no jobs frame is given, and its passed modules.
_WORKER_FRAME_COLUMNS = _WORKER_COLUMNS + _JOB_COLUMNS[2:] + ("passed_modules",)
_ITEM_COLUMNS = {
    "lessons": ("date", "start", "end", "mode", "cancelled", "coinciding"),
    "absences": ("date", "absent_minutes", "absent_hours", "reason", "employer_declared_on", "holiday_from", "holiday_to"),
    "leave_taken": ("date", "leave_minutes", "leave_hours"),
}

# The JSON members (src/io/leave_json.cpp) whose frame column is spelt otherwise,
# by frame: a column spelt as the JSON member is one no frame reads, and would be
# left out silently (coinciding_with_work: granted 3240 -> 0 min), so it is refused
# naming the frame's name (_require_frame).
_JOB_JSON_SPELLINGS = {"contract_per_week_minutes": "contract_minutes", "contract_per_week_hours": "contract_hours",
                       "full_time_per_week_minutes": "full_time_minutes", "full_time_per_week_hours": "full_time_hours"}
_JSON_SPELLINGS = {
    "workers": {"establishment_unit": "region", **_JOB_JSON_SPELLINGS},
    "jobs": _JOB_JSON_SPELLINGS,
    "trainings": {"coinciding_with_work": "coinciding", "raised_cap": "raised"},
    "lessons": {"coinciding_with_work": "coinciding"},
    "absences": {"holiday": "holiday_from' and 'holiday_to"},
}


def _require_frame(frame: Any, name: str, columns: list[str], optional: Sequence[str]) -> pd.DataFrame:
    """C.require_frame (the PE and leave frames' one column check), and a
    column named as the JSON request names it refused with the frame's name."""
    F = C.require_frame(frame, name, columns, optional)
    for spelt, column in _JSON_SPELLINGS.get(name, {}).items():
        if spelt in F.columns:
            raise InvalidArgument(f"column {spelt!r} is the JSON request's name; the {name} frame reads {column!r}",
                                  field=f"{name}.{spelt}")
    return F


# Identifier columns that may hold text or integer ids (missing = not given).
_ID_COLUMNS = ("provider", "module_code")


def _ids_as_text(series: pd.Series) -> pd.Series:
    """An integer id column (numpy or nullable Int) as a Categorical of decimal
    texts, so that provider 17 and provider "17" are the same provider; other
    columns unchanged. Vectorised: only the distinct ids are turned into text."""
    if not pd.api.types.is_integer_dtype(series.dtype):
        return series
    cat = pd.Categorical(series)
    return pd.Series(cat.rename_categories([str(int(x)) for x in cat.categories]), index=series.index)


def _column(series: pd.Series, order: Optional[np.ndarray]) -> Any:
    """A frame column for the engine: its numpy values (a view when `order`
    is None), a Categorical as (codes, categories)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        return (codes if order is None else codes[order], list(series.cat.categories))
    values = series.to_numpy()
    return values if order is None else values[order]


def _ordering(owner: np.ndarray, owners: int) -> tuple[Optional[np.ndarray], np.ndarray]:
    """CSR order of child rows by owner (None when already in order) and the offsets."""
    return C.grouped(owner, owners)


def _no_missing(missing: list[np.ndarray], frame: pd.DataFrame, name: str, cols: list[str]) -> None:
    for c, m in zip(cols, missing):
        if m.any():
            i = int(np.flatnonzero(m)[0])
            raise InvalidInput(f"missing {c}", field=f"{name}.{c}[{frame.index[i]}]", record=i, label=frame.index[i])


def _unreadable(frame: pd.DataFrame, name: str, cols: list[str]) -> None:
    """Raises for the first key cell without UTF-8 text (a lone surrogate), naming it."""
    for c in cols:
        bad = C.unreadable_key(frame[c])
        if bad is not None:
            i, what = bad
            raise InvalidInput(what, field=f"{name}.{c}[{frame.index[i]}]", record=i, label=frame.index[i])


def _key_table(frame: pd.DataFrame, name: str, cols: list[str], field: str) -> Any:
    """The unique keys of a frame (one or two columns, matched as text),
    hashed in C++; a missing or repeated key raises, naming its row."""
    try:
        table = _edurules.KeyTable([C.key_column(frame[c]) for c in cols])
    except UnicodeEncodeError:
        _unreadable(frame, name, cols)
        raise
    _no_missing(table.missing, frame, name, cols)
    dup = table.duplicate
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        parts = tuple(C.key_text(frame[c].iloc[i]) for c in cols)
        key = parts[0] if len(parts) == 1 else parts
        raise InvalidInput(f"duplicate {key!r}", field=f"{field}[{frame.index[i]}]", record=i, label=frame.index[i])
    return table


def _lookup(table: Any, frame: pd.DataFrame, name: str, cols: list[str]) -> np.ndarray:
    """The row of `table` holding each row's key (-1: none); a missing key part raises."""
    try:
        rows, missing = table.lookup([C.key_column(frame[c]) for c in cols])
    except UnicodeEncodeError:
        _unreadable(frame, name, cols)
        raise
    _no_missing(missing, frame, name, cols)
    return rows


class _Facts:
    """The frames as the engine's facts columns: keys matched, rows grouped
    per owner (CSR), columns handed over unconverted."""

    def __init__(self, workers: pd.DataFrame, trainings: pd.DataFrame, jobs: Optional[pd.DataFrame],
                 items: dict[str, Optional[pd.DataFrame]], school_year: Any, errors: str) -> None:
        self.W = _require_frame(workers, "workers", ["worker_id", "region"], _WORKER_FRAME_COLUMNS)
        self.T = _require_frame(trainings, "trainings", ["worker_id", "training_id", "type"], _TRAINING_COLUMNS + ("school_year",))
        self.cols: dict[str, Any] = {}
        self.frames: dict[str, pd.DataFrame] = {"workers": self.W, "trainings": self.T}
        self.orders: dict[str, Optional[np.ndarray]] = {"workers": None}
        wkeys = _key_table(self.W, "workers", ["worker_id"], "workers.worker_id")
        tkeys = _key_table(self.T, "trainings", ["worker_id", "training_id"], "trainings.training_id")
        t_owner = _lookup(wkeys, self.T, "trainings", ["worker_id"])
        self.lost = t_owner < 0  # trainings of no worker: flagged, never decided
        if self.lost.any() and errors == "raise":
            i = int(np.flatnonzero(self.lost)[0])
            raise InvalidInput(f"no worker {self.T.worker_id.iloc[i]!r} in workers",
                               field=f"trainings.worker_id[{self.T.index[i]}]", record=i, label=self.T.index[i])
        order_t, self.cols["trainings.offsets"] = _ordering(t_owner, len(self.W))
        self.orders["trainings"] = order_t
        self.t_csr = np.full(len(self.T), -1, dtype=np.int32)  # input row -> CSR row (key tables hold < 2^31 rows)
        self.t_csr[np.flatnonzero(~self.lost) if order_t is None else order_t] = np.arange(int((~self.lost).sum()))
        self._workers(school_year, order_t)
        self._jobs(jobs, wkeys)
        for c in _TRAINING_COLUMNS:
            if c in self.T.columns:
                self.cols[f"trainings.{c}"] = _column(_ids_as_text(self.T[c]) if c in _ID_COLUMNS else self.T[c], order_t if order_t is not None else
                                                      (np.flatnonzero(~self.lost) if self.lost.any() else None))
        for table, frame in items.items():
            self._items(table, frame, tkeys, wkeys)

    def _workers(self, school_year: Any, order_t: Optional[np.ndarray]) -> None:
        W, T = self.W, self.T
        for c in _WORKER_COLUMNS:
            if c in W.columns:
                self.cols[f"workers.{c}"] = _column(W[c], None)
        self.year_argument = False
        self.first_training: Optional[np.ndarray] = None
        if "passed_modules" in W.columns:  # a list of module codes per worker
            each = W["passed_modules"].reset_index(drop=True).explode()
            each = each[each.notna()]
            owner = each.index.to_numpy(dtype=np.int64)
            self.cols["passed.offsets"] = C.group(owner, len(W))[1]  # explode keeps the workers' order
            self.cols["passed.module_code"] = each.to_numpy(dtype=object)
            self.frames["passed"] = W.iloc[owner] if len(owner) else W.iloc[:0]
            self.orders["passed"] = None
        if "school_year" in W.columns:
            return
        if "school_year" in T.columns:  # the worker's school year, given on its trainings
            offsets = self.cols["trainings.offsets"]
            rows = np.flatnonzero(~self.lost) if order_t is None else order_t
            raw = T["school_year"].to_numpy(dtype=object)[rows]
            years = T[["school_year"]]
            same = _edurules.KeyTable([C.key_column(years["school_year"])])
            values = same.lookup([C.key_column(years["school_year"])])[0][rows]  # one code per distinct year text
            counts = np.diff(offsets)
            first = np.repeat(offsets[:-1], counts)
            differ = values != values[first]
            if differ.any():
                i = int(rows[np.flatnonzero(differ)[0]])
                raise InvalidInput("differs from the school year of the worker's other trainings",
                                   field=f"trainings.school_year[{T.index[i]}]", record=i, label=T.index[i])
            self.first_training = np.full(len(W), -1, dtype=np.int64)  # where a worker's year was read
            self.first_training[counts > 0] = rows[offsets[:-1][counts > 0]]
            per_worker = np.full(len(W), None, dtype=object)
            has = counts > 0
            per_worker[has] = raw[offsets[:-1][has]]
            # a worker without trainings gives no row and needs no school year (the engine leaves it missing
            # unseen): never another worker's, so that it is read the same whether or not others have trainings
            per_worker[~has] = school_year
            self.cols["workers.school_year"] = per_worker
        elif school_year is not None:
            self.cols["workers.school_year"] = np.full(len(W), school_year, dtype=object)
            self.year_argument = True
        else:
            raise InvalidArgument("give school_year, or a school_year column in workers or trainings",
                                  field="school_year")

    def _jobs(self, jobs: Optional[pd.DataFrame], wkeys: Any) -> None:
        W = self.W
        self.legacy_jobs = jobs is None
        if jobs is None:  # one open-ended job per worker, from its own columns
            for base in ("contract", "full_time"):
                if f"{base}_hours" not in W.columns and f"{base}_minutes" not in W.columns:
                    raise InvalidArgument(f"missing column {base}_hours (or {base}_minutes), or give a jobs frame",
                                          field=f"workers.{base}_hours")
            self.cols["jobs.offsets"] = np.arange(len(W) + 1, dtype=np.int64)
            self.cols["jobs.from"] = np.full(len(W), C.MIN_DAY, dtype=np.int32)
            for c in ("contract_minutes", "contract_hours", "full_time_minutes", "full_time_hours", "schedule",
                      "variable_schedule"):
                if c in W.columns:
                    self.cols[f"jobs.{c}"] = _column(W[c], None)
            self.frames["jobs"] = W
            self.orders["jobs"] = None
            return
        J = _require_frame(jobs, "jobs", ["worker_id", "from"], _JOB_COLUMNS)
        owner = _lookup(wkeys, J, "jobs", ["worker_id"])
        self._known(owner, J, "jobs.worker_id", "workers")
        order, self.cols["jobs.offsets"] = _ordering(owner, len(W))
        for c in _JOB_COLUMNS:
            if c in J.columns:
                self.cols[f"jobs.{c}"] = _column(J[c], order)
        self.frames["jobs"], self.orders["jobs"] = J, order

    @staticmethod
    def _known(owner: np.ndarray, frame: pd.DataFrame, field: str, where: str) -> None:
        if (owner < 0).any():
            i = int(np.flatnonzero(owner < 0)[0])
            raise InvalidInput(f"no such key in {where}", field=f"{field}[{frame.index[i]}]", record=i,
                               label=frame.index[i])

    def _items(self, table: str, frame: Optional[pd.DataFrame], tkeys: Any, wkeys: Any) -> None:
        if frame is None:
            return
        F = _require_frame(frame, table, ["worker_id", "training_id", "date"], _ITEM_COLUMNS[table])
        t = _lookup(tkeys, F, table, ["worker_id", "training_id"])
        if (t < 0).any():  # the first row without its training: of a worker not in workers, or a training not in trainings
            i = int(np.flatnonzero(t < 0)[0])
            row = F.iloc[i:i + 1]
            if _lookup(wkeys, row, table, ["worker_id"])[0] < 0:
                raise InvalidInput(f"no worker {row.worker_id.iloc[0]!r} in workers",
                                   field=f"{table}.worker_id[{F.index[i]}]", record=i, label=F.index[i])
            raise InvalidInput(f"no training {row.training_id.iloc[0]!r} of worker {row.worker_id.iloc[0]!r} in "
                               "trainings", field=f"{table}.training_id[{F.index[i]}]", record=i, label=F.index[i])
        owner = self.t_csr[t]
        order, self.cols[f"{table}.offsets"] = _ordering(owner, int((~self.lost).sum()))
        for c in _ITEM_COLUMNS[table]:
            if c in F.columns:
                self.cols[f"{table}.{c}"] = _column(F[c], order)
        self.frames[table], self.orders[table] = F, order

    def shown(self, column: str) -> str:
        """A column's name as the caller wrote it (the worker frame holds its one job)."""
        return "workers." + column[5:] if self.legacy_jobs and column.startswith("jobs.") else column

    def cell(self, column: str, row: int) -> tuple[str, Any, int]:
        """A cell the engine could not read: its field (`frame.column[label]`),
        its row's index label and its position in the caller's frame."""
        if column == "workers.school_year" and self.first_training is not None and self.first_training[row] >= 0:
            i = int(self.first_training[row])  # the year came from the worker's trainings
            return f"trainings.school_year[{self.T.index[i]}]", self.T.index[i], i
        table = column.split(".")[0]
        pos = self.position(table, row)
        label = self.frames[table].index[pos]
        return f"{self.shown(column)}[{label}]", label, pos

    def position(self, table: str, row: int) -> int:
        """The position in the caller's `table` of CSR row `row`."""
        order = self.orders.get(table)
        if table == "trainings" and order is None and self.lost.any():
            order = np.flatnonzero(~self.lost)
        return row if order is None else int(order[row])

    def label(self, table: str, row: int) -> Any:
        """The index label of CSR row `row` of `table`."""
        return self.frames[table].index[self.position(table, row)]


def _worker_errors(f: _Facts, res: dict[str, Any]) -> np.ndarray:
    """Why each refused worker was refused, naming frame, column and label."""
    status = res["worker_status"]
    message = np.full(len(status), None, dtype=object)
    for column, row, what, w in res["bad"]:  # the cells found bad (few)
        if message[w] is None:
            field, label, pos = f.cell(column, row)
            message[w] = f"{row_text(field, label, pos)}: {what}"
    offsets = f.cols["trainings.offsets"]
    for w in np.flatnonzero((status < 0) & pd.isna(message)).tolist():  # refused workers only
        name = LEAVE_BATCH_STATUS.get(int(status[w]), "refused")
        if name != "bad_facts":  # no_rule with the rulebook's words (the parameter, the date) where the engine gave them
            said = res.get("worker_rule_error", {}).get(w) if name == "no_rule" else None
            message[w] = f"{name}: {said}" if said else name
            continue
        problem = LEAVE_FACTS_PROBLEMS[int(res["worker_problem"][w])]
        table, column = _PROBLEM_CELL.get(problem, ("workers", ""))
        t, item = int(res["worker_problem_training"][w]), int(res["worker_problem_item"][w])
        if table in ("lessons", "absences", "leave_taken") and table in f.frames:
            row = int(f.cols[f"{table}.offsets"][int(offsets[w]) + t]) + item
        elif table == "jobs":  # the worker frame holds its one job when there is no jobs frame
            row = int(f.cols["jobs.offsets"][w]) + max(item, 0)  # no item (employment_too_fine): the first job
            table = "workers" if f.legacy_jobs else "jobs"
        elif table == "trainings" and t >= 0:
            row = int(offsets[w]) + t
        else:
            table, row = "workers", w
        frame = "jobs" if problem.startswith("job") else table
        label, pos = f.label(frame, row), f.position(frame, row)
        message[w] = f"{row_text(f'{table}.{column}' if column else table, label, pos)}: {problem}"
    return message


def _refuse_old_shapes(trainings: Any, lessons: Any) -> None:
    """Hours summed by the caller are not facts the rules can judge."""
    if isinstance(trainings, pd.DataFrame) and lessons is None:
        for c in ("given_hours", "given_minutes", "attended_hours", "attended_minutes"):
            if c in trainings.columns:
                raise InvalidArgument("hours per training are no longer accepted: give the lessons (date, start, end) "
                                      "and the absences, so that the engine counts them", field=f"trainings.{c}")
    if isinstance(lessons, pd.DataFrame):
        for c in ("hours", "minutes", "attended", "unjustified"):
            if c in lessons.columns:
                raise InvalidArgument("give each lesson's date, start and end; absences go in the absences frame",
                                      field=f"lessons.{c}")


def leave_hours_frame(core: Any, workers: pd.DataFrame, trainings: pd.DataFrame, lessons: Optional[pd.DataFrame],
                      school_year: Any, errors: str, threads: int, jobs: Optional[pd.DataFrame] = None,
                      absences: Optional[pd.DataFrame] = None,
                      leave_taken: Optional[pd.DataFrame] = None, reasons: str = "list") -> pd.DataFrame:
    """See Engine.leave_hours_frame."""
    if errors not in ("raise", "flag"):
        raise InvalidArgument(f"expected 'raise' or 'flag', got {errors!r}", field="errors")
    if reasons not in ("list", "text"):
        raise InvalidArgument(f"expected 'list' or 'text', got {reasons!r}", field="reasons")
    threads = C.int_arg(threads, "threads", 0, C.MAX_THREADS)  # before any work
    school_year = C.school_year_arg(school_year)
    _refuse_old_shapes(trainings, lessons)
    if lessons is None:  # no lessons at all: an empty frame (every training then lacks contact time)
        lessons = pd.DataFrame({"worker_id": pd.Series([], dtype=object), "training_id": pd.Series([], dtype=object),
                                "date": pd.Series([], dtype="datetime64[ns]"), "start": pd.Series([], dtype=object),
                                "end": pd.Series([], dtype=object)})
    f = _Facts(workers, trainings, jobs, {"lessons": lessons, "absences": absences, "leave_taken": leave_taken},
               school_year, errors)
    try:
        res = core.leave_facts_frames(f.cols, len(f.W), errors == "raise", threads)
    except InvalidArgument as e:  # a column refused whole (e.g. bool hours): named as the caller wrote it
        if f.legacy_jobs and e.field.startswith("jobs."):
            raise InvalidArgument(e.message, field=f.shown(e.field)) from None
        raise
    bad = res["bad"]
    if bad and (errors == "raise" or f.year_argument):
        column, row, what, _ = bad[0]
        if f.year_argument and column == "workers.school_year":
            raise InvalidArgument(what, field="school_year")
        if errors == "raise":
            field, label, pos = f.cell(column, row)
            raise InvalidInput(what, field=field, record=pos, label=label)
    return _frame(f, res, reasons)


def _reason_column(bits: np.ndarray, form: str) -> np.ndarray:
    """The reason bits of each row as a tuple of codes (form "list") or as
    ";"-joined text (form "text"). One object per distinct combination, shared
    by the rows that have it (tuples are immutable): no work per row."""
    inverse, masks = pd.factorize(bits)  # few distinct combinations (hashed, not sorted)
    each = [tuple(nm for b, nm in enumerate(LEAVE_REASONS) if int(m) >> b & 1) for m in masks]
    words = np.empty(len(each), dtype=object)
    words[:] = [";".join(t) for t in each] if form == "text" else each
    return words[inverse] if len(bits) else np.zeros(0, dtype=object)


def _frame(f: _Facts, res: dict[str, Any], reasons: str = "list") -> pd.DataFrame:
    """The batch's columns, one row per training in input order."""
    T = f.T
    n = len(T)
    kept = ~f.lost
    csr = f.t_csr[kept]

    def back(values: np.ndarray, fill: Any) -> np.ndarray:
        out = np.full(n, fill, dtype=values.dtype)
        out[kept] = values[csr]
        return out

    offsets = f.cols["trainings.offsets"]
    w_of_csr = np.repeat(np.arange(len(f.W)), np.diff(offsets))
    w_of = np.full(n, -1, dtype=np.int64)
    w_of[kept] = w_of_csr[csr]
    wmsg = _worker_errors(f, res)
    error = np.full(n, None, dtype=object)
    error[kept] = wmsg[w_of[kept]]
    if f.lost.any():
        error[f.lost] = "trainings.worker_id: no such worker"  # the row itself: no other label to give
    status = back(res["status"].astype(np.int32), -1)
    rejected = status < 0
    reasons_bits = back(res["reasons"].astype(np.int64), 0)
    text = _reason_column(reasons_bits, reasons)
    granted_raw = back(res["granted_minutes"], 0)
    granted = pd.arrays.IntegerArray(granted_raw.astype(np.int64, copy=False), rejected.copy())
    attended = back(res["attended_minutes"], 0)
    years = res["worker_school_year"]
    names = res["school_year_names"]
    year_pos, distinct = pd.factorize(years)
    year_text = np.array([names.get(int(y)) for y in distinct], dtype=object)  # one per school year
    sy = np.full(n, None, dtype=object)
    sy[kept] = year_text[year_pos[w_of[kept]]] if len(years) else None
    capped_bit = 1 << LEAVE_REASONS.index("capped")

    def amount(values: np.ndarray) -> Any:
        """An amount of a decided row; missing (pd.NA) on a refused row, never 0."""
        return pd.arrays.IntegerArray(values, rejected.copy())

    def worker_col(key: str) -> Any:
        out = np.zeros(n, dtype=res[key].dtype)
        out[kept] = res[key][w_of[kept]]
        return amount(out)

    return C.frame({
        "worker_id": T["worker_id"].to_numpy(), "training_id": T["training_id"].to_numpy(), "school_year": sy,
        "regime": pd.Categorical.from_codes(np.where(rejected, -1, back(res["regime"].astype(np.int64), 0)),
                                            categories=LEAVE_REGIMES),
        "status": pd.Categorical.from_codes(np.where(rejected, -1, status), categories=["granted", "not_eligible"]),
        "granted_minutes": granted,
        "granted_hours": np.where(rejected, np.nan, granted_raw / 60.0),
        "attended_hours": np.where(rejected, np.nan, attended / 60.0),
        "capped": ~rejected & ((reasons_bits & capped_bit) != 0),
        "reasons": np.where(rejected, None, text),
        "error": error,
        "attended_minutes": amount(attended),
        "excluded_suspended_minutes": amount(back(res["excluded_suspended_minutes"], 0)),
        "taken_minutes": amount(back(res["taken_minutes"], 0)),
        "taken_refused_minutes": amount(back(res["taken_refused_minutes"], 0)),
        "reimbursement_cents": amount(back(res["reimbursement_cents"], 0)),
        "worker_cap_minutes": worker_col("worker_cap_minutes"),
        "worker_granted_minutes": worker_col("worker_granted_minutes"),
        "worker_taken_minutes": worker_col("worker_taken_minutes"),
        "worker_left_minutes": worker_col("worker_left_minutes"),
        "worker_reimbursement_cents": worker_col("worker_reimbursement_cents"),
        "worker_suspensions": worker_col("worker_suspensions"),
    }, T.index)  # in the order of LEAVE_HOURS_COLUMNS


def leave_table(result: Mapping[str, Any]) -> pd.DataFrame:
    """A ``leave.evaluate`` / ``leave.entitlement`` result as a DataFrame, one
    row per worker and training: worker_id, training_id, school_year, region,
    regime, eligible, granted_minutes, granted_hours, attended_hours,
    cap_hours (the worker's full-time BEV cap), vov_maximum_hours (the
    worker's own VOV maximum), worker_granted_hours,
    worker_taken_hours, worker_left_hours, reasons (a tuple of codes, as
    Engine.leave_hours_frame gives them)."""
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
                "reasons": tuple(r["code"] for r in t.get("reasons", [])),
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

"""The individual training right (BE, law of 3 October 2022) over a DataFrame:
one row per job of a worker-year, decided by the same rules as an ``account.right``
JSON request (include/edurules/account/credit.hpp) through the columnar
batch; every conversion is vectorised or done in C++ (no Python loop per row)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import _columns as C
from . import _edurules
from ._errors import InvalidArgument

ACCOUNT_REASONS: list[str] = list(_edurules.ACCOUNT_REASONS)
"""Names of the bits of the account ``reasons`` column, bit 0 first."""

ACCOUNT_SIZE_CLASSES = ("unknown", "lt10", "10_19", "ge20")
"""The size classes, by the code of the batch's size_class column."""

ACCOUNT_RIGHT_COLUMNS = ["status", "size_class", "months", "credit_minutes", "credit_days_num", "credit_days_den",
                         "reasons"]
"""The columns of an account right frame, in order."""

_NO_DAY = np.int32(-(2**31))

_REQUIRED_COLUMNS = ["year", "reference_fte", "reference_quarters", "from", "contract_minutes", "full_time_minutes"]
_OPTIONAL_COLUMNS = ["to", "joint_committee", "employer_full_time_minutes", "worker"]

# reference_fte in ten-thousandths (account::fte_units), as the JSON path reads "fte" (at most 4 decimals); the
# bound only keeps the conversion exact (the batch refuses more than 1e8 FTE as a row, status bad_fte)
_FTE = C.Quantity(4, 10**11, True, "FTE", "19.5", "more than 4 decimals", "FTE too large")


def _days(frame: pd.DataFrame, name: str, optional: bool) -> np.ndarray:
    """A date column as int32 epoch days, by the package's one date converter
    (C++ ``epoch_days``: 1900-01-01 .. 9999-12-31, as the JSON path reads a
    request's dates; the result holds no date, so no datetime64[ns] bound
    applies: text, date objects and datetime64 of days may reach 9999); a bad
    or missing cell raises InvalidInput naming frame, row and column."""
    probs = C.Problems(len(frame), "raise")
    probs.labels["frame"] = frame.index
    return C.days(frame[name], f"frame.{name}", probs, required=not optional, last=C.MAX_INPUT_DAY)


# the engine's type of each whole-number column (the batch's columns)
_WHOLE = {"year": np.int32, "reference_quarters": np.int32, "contract_minutes": np.int64,
          "full_time_minutes": np.int64, "joint_committee": np.int32, "employer_full_time_minutes": np.int64,
          "worker": np.int64}


# optional columns whose missing cell is the member an account.right JSON request leaves out: no joint
# committee, the rulebook's day (0 in the batch); a missing cell of any other column is refused
_ABSENT_IS_ZERO = ("joint_committee", "employer_full_time_minutes")


def _whole(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A whole-number column as the batch reads it: numpy or pandas nullable
    integers (Int64, UInt16, ...); booleans and other kinds refused
    (InvalidArgument naming the column); a missing cell read as the JSON
    path reads the member left out (_ABSENT_IS_ZERO) or refused naming its
    row; a value the engine's type cannot hold (a uint64 above 2**63 - 1, a
    year past 2**31) refused naming its row, never wrapped by the cast."""
    column = frame[name]
    dtype = column.dtype
    if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_integer_dtype(dtype):
        raise InvalidArgument(f"expected whole numbers, got dtype {dtype}", field=f"frame.{name}")
    probs = C.Problems(len(frame), "raise")
    probs.labels["frame"] = frame.index
    if isinstance(dtype, np.dtype):
        values = column.to_numpy()
    else:  # a nullable integer column: its numpy dtype, missing cells 0 once judged
        if name not in _ABSENT_IS_ZERO:
            probs.add(column.isna().to_numpy(), f"frame.{name}", lambda i: "missing")
        values = column.to_numpy(dtype=dtype.numpy_dtype, na_value=0)
    limits = np.iinfo(_WHOLE[name])
    if values.dtype.kind == "u":
        bad = values > np.uint64(limits.max)
    else:
        bad = (values < limits.min) | (values > limits.max)
    probs.add(bad, f"frame.{name}", lambda i: f"{values[i]} is too large for the engine ({limits.min}..{limits.max})")
    return values


def account_right_frame(engine, frame: pd.DataFrame) -> pd.DataFrame:
    """The yearly credit of each worker-year of ``frame``.

    Columns of ``frame``: ``year``; ``reference_fte`` (the sum of the FTE the
    employer declared in the reference period of the year's two-year period,
    or the fallback FTE when ``reference_quarters`` is 0; at most 4 decimals);
    ``reference_quarters`` (quarters summed, 0 = fallback, -1 = unknown);
    ``from`` and optional ``to`` (the job's dates); ``contract_minutes`` and
    ``full_time_minutes`` (per week); optional ``joint_committee`` (number,
    0 or missing = none) and ``employer_full_time_minutes`` (0 or missing =
    the rulebook's day, as the JSON members left out); optional ``worker``
    (whole-number id, 0 = the row stands alone): the rows
    of one worker and year are decided together as the JSON path decides the
    worker's jobs, a month counted once for the job holding it (the one
    starting last among those covering a day of it), each row getting its
    share; overlapping jobs of one worker-year are refused (status -7
    overlapping_jobs), as the JSON path refuses concurrent jobs. Without
    ``worker`` each row stands alone and a month two rows' jobs share counts
    in both. Whole-number columns may be numpy or pandas nullable integers
    (a missing cell of another column than the two above is refused).
    A column nearly spelling one of these (``joint_comittee``, ``To``) is
    refused naming it (InvalidArgument), as the PE and leave frames refuse it.

    Returns one row per input row, same index: ``status`` (0 decided, < 0 the
    EDR_ACCOUNT_ROW_* code of a rejected row), ``size_class`` (categorical),
    ``months``, ``credit_minutes`` (rounded once), ``credit_days_num`` /
    ``credit_days_den`` (the exact days) and ``reasons`` (bits, names in
    ``edurules.ACCOUNT_REASONS``)."""
    # the PE and leave frames' check: a column nearly spelling an optional one
    # (joint_comittee, too, To) is refused, never left out silently
    C.require_frame(frame, "frame", _REQUIRED_COLUMNS, _OPTIONAL_COLUMNS)
    probs = C.Problems(len(frame), "raise")  # the first bad cell, named by its row (label and position)
    probs.labels["frame"] = frame.index
    # the package's one decimal converter (as PE points): text exactly, a float only as the 4-decimal value it
    # is within 4 ulps of; a negative FTE is the batch's to refuse (row status bad_fte)
    fte = C.decimal_units(frame["reference_fte"], "frame.reference_fte", probs, _FTE)
    cols = {
        "year": _whole(frame, "year"),
        "reference_fte": fte,
        "reference_quarters": _whole(frame, "reference_quarters"),
        "from_day": _days(frame, "from", False),
        "to_day": _days(frame, "to", True) if "to" in frame.columns else np.full(len(frame), _NO_DAY, np.int32),
        "contract_minutes": _whole(frame, "contract_minutes"),
        "full_time_minutes": _whole(frame, "full_time_minutes"),
    }
    for c in ("joint_committee", "employer_full_time_minutes", "worker"):
        if c in frame.columns:
            cols[c] = _whole(frame, c)
    res = engine._core._account_right_columns(cols, len(frame))
    out = pd.DataFrame({c: res[c] for c in ACCOUNT_RIGHT_COLUMNS}, index=frame.index)
    out["size_class"] = pd.Categorical.from_codes(res["size_class"], categories=list(ACCOUNT_SIZE_CLASSES))
    return out

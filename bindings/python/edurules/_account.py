"""The individual training right (BE, law of 3 October 2022) over a DataFrame:
one row per worker-year, decided by the same rules as an ``account.right``
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


def _days(col: pd.Series, name: str, optional: bool) -> np.ndarray:
    """A date column as int32 epoch days, by the package's one date converter
    (C++ ``epoch_days``: 1900-01-01 .. 9999-12-31, as the JSON path); a bad
    or missing cell raises InvalidInput naming its row."""
    probs = C.Problems(len(col), "raise")
    probs.labels[name] = col.index
    return C.days(col, name, probs, required=not optional)


def account_right_frame(engine, frame: pd.DataFrame) -> pd.DataFrame:
    """The yearly credit of each worker-year of ``frame``.

    Columns of ``frame``: ``year``; ``reference_fte`` (the sum of the FTE the
    employer declared in the reference period of the year's two-year period,
    or the fallback FTE when ``reference_quarters`` is 0; at most 4 decimals);
    ``reference_quarters`` (quarters summed, 0 = fallback, -1 = unknown);
    ``from`` and optional ``to`` (the job's dates); ``contract_minutes`` and
    ``full_time_minutes`` (per week); optional ``joint_committee`` (number,
    0 = none) and ``employer_full_time_minutes`` (0 = the rulebook's day).

    Returns one row per input row, same index: ``status`` (0 decided, < 0 the
    EDR_ACCOUNT_ROW_* code of a rejected row), ``size_class`` (categorical),
    ``months``, ``credit_minutes`` (rounded once), ``credit_days_num`` /
    ``credit_days_den`` (the exact days) and ``reasons`` (bits, names in
    ``edurules.ACCOUNT_REASONS``)."""
    if not isinstance(frame, pd.DataFrame):
        raise InvalidArgument("frame: expected a pandas DataFrame")
    for c in ("year", "reference_fte", "reference_quarters", "from", "contract_minutes", "full_time_minutes"):
        if c not in frame.columns:
            raise InvalidArgument(f"{c}: missing column")
    fte = frame["reference_fte"].to_numpy(dtype="float64") * 10000.0
    units = np.rint(fte)
    if (np.abs(fte - units) > 1e-6).any() or np.isnan(fte).any():
        raise InvalidArgument("reference_fte: at most 4 decimals, no missing values")
    cols = {
        "year": frame["year"].to_numpy(),
        "reference_fte": units.astype(np.int64),
        "reference_quarters": frame["reference_quarters"].to_numpy(),
        "from_day": _days(frame["from"], "from", False),
        "to_day": _days(frame["to"], "to", True) if "to" in frame.columns else np.full(len(frame), _NO_DAY, np.int32),
        "contract_minutes": frame["contract_minutes"].to_numpy(),
        "full_time_minutes": frame["full_time_minutes"].to_numpy(),
    }
    for c in ("joint_committee", "employer_full_time_minutes"):
        if c in frame.columns:
            cols[c] = frame[c].to_numpy()
    res = engine._core._account_right_columns(cols, len(frame))
    out = pd.DataFrame({c: res[c] for c in ACCOUNT_RIGHT_COLUMNS}, index=frame.index)
    out["size_class"] = pd.Categorical.from_codes(res["size_class"], categories=list(ACCOUNT_SIZE_CLASSES))
    return out

"""Vectorised conversion of pandas/numpy columns into the engine's column types.

Dates become int32 days since 1970-01-01 (``NO_DAY`` when missing), points
become int64 hundredths; every check is a numpy/pandas array operation, never
a Python loop over rows (only the rows found bad are looked at one by one, to
word their messages). Problems name the frame, the row by index label and
0-based position, and the column:
``participants row label 'w17' (position 3), column 'diploma_date': not a date: '2023-02-30'``.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, NamedTuple, Optional, Sequence

import numpy as np
import pandas as pd

from . import _edurules
from ._errors import Error, InvalidArgument, InvalidInput, row_text

NO_DAY = np.int32(-(2**31))
_EPOCH = _dt.date(1970, 1, 1)
# pandas (1.x) holds datetime64[ns] only up to 2262-04-11; dates accepted in
# frames whose results hold dates (PE, leave) stay well inside it so that
# every result date fits a DataFrame too.
MIN_DAY = (_dt.date(1900, 1, 1) - _EPOCH).days
MAX_DAY = (_dt.date(2200, 12, 31) - _EPOCH).days
# The last date a JSON request may give (json_util.hpp's as_date: 1900-01-01
# .. 9999-12-31), for frames whose results hold no date (account): read as
# text, date objects or datetime64 of days, never through nanoseconds.
MAX_INPUT_DAY = (_dt.date(9999, 12, 31) - _EPOCH).days
NS_PER_DAY = 86_400_000_000_000  # datetime64[ns] units a day
_RANGE_TEXT = "outside the supported range 1900-01-01..2200-12-31"


class Problems:
    """Bad cells of one evaluation: raised at once (``errors="raise"``) or
    collected per output row (``errors="flag"``)."""

    def __init__(self, rows: int, mode: str) -> None:
        if mode not in ("raise", "flag"):
            raise InvalidArgument(f"expected 'raise' or 'flag', got {mode!r}", field="errors")
        self.mode = mode
        self.message = np.full(rows, None, dtype=object)
        self._flagged = np.zeros(rows, dtype=bool)
        self.labels: dict[str, pd.Index] = {}  # frame name -> its index, to name rows by label

    def label_of(self, field: str, position: int) -> Any:
        """The index label of row `position` of the frame `field` names (the position if unknown)."""
        index = self.labels.get(field.split(".", 1)[0].split("[", 1)[0])
        return index[position] if index is not None and 0 <= position < len(index) else position

    def fail(self, cls: type, field: str, position: int, message: str) -> None:
        """Raises `cls` for one cell, naming its row by label and position."""
        label = self.label_of(field, position)
        raise cls(message, field=f"{field}[{label}]", record=position, label=label)

    def add(self, bad: np.ndarray, field: str, describe: Callable[[int], str], *,
            owner: Optional[np.ndarray] = None, row_of: Optional[np.ndarray] = None, cls: type = InvalidInput) -> None:
        """Reports the rows where `bad` is true. `owner` maps them to output
        rows (completions to their participant; -1: no output row); `row_of`
        to the row number shown (for values exploded from list columns)."""
        if not bad.any():
            return
        rows = np.flatnonzero(bad)
        shown = rows if row_of is None else row_of[rows]
        if self.mode == "raise":
            self.fail(cls, field, int(shown[0]), describe(int(rows[0])))
        targets = rows if owner is None else owner[rows]
        for i, r, t in zip(rows.tolist(), shown.tolist(), targets.tolist()):  # bad rows only
            if t >= 0 and self.message[t] is None:
                self.message[t] = f"{row_text(field, self.label_of(field, r), r)}: {describe(i)}"
                self._flagged[t] = True

    def put(self, rows: np.ndarray, texts: Sequence[str]) -> None:
        """Flags the rows of the mask `rows` with their own `texts`."""
        self.message[rows] = texts
        self._flagged |= rows

    @property
    def flagged(self) -> np.ndarray:
        return self._flagged.copy()


def misspelt_column(columns: Any, known: Sequence[str]) -> Optional[tuple[str, str]]:
    """The first column that is not one of `known` but nearly spells one the
    frame lacks (the nearest name as the JSON readers find it, in C++), with
    that name; None when there is none. Other columns are the caller's own
    (and so is a near name next to the one it resembles)."""
    present = {c for c in columns if isinstance(c, str)}
    absent = [k for k in known if k not in present]
    if not absent:
        return None
    for col in columns:
        if isinstance(col, str) and col not in known:
            near = _edurules.nearest_name(col, absent)
            if near:
                return col, near
    return None


def require_frame(frame: Any, name: str, columns: Sequence[str],
                  optional: Optional[Sequence[str]] = None) -> pd.DataFrame:
    """Checks that `frame` is a DataFrame holding `columns`. With `optional`
    (every other column the frame is read for), a column that nearly spells
    one of them is refused with that name: a misspelt optional column would
    otherwise be left out silently. Columns unlike any are left alone (a
    frame may carry the caller's own columns)."""
    if not isinstance(frame, pd.DataFrame):
        raise InvalidArgument(f"expected a pandas DataFrame, got {type(frame).__name__}", field=name)
    read = [*columns, *(optional or ())]
    twice = frame.columns[frame.columns.duplicated()]
    for c in twice:  # which of the two holds the values would be a guess
        if c in read:
            raise InvalidArgument(f"column {c!r} appears more than once", field=f"{name}.{c}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InvalidArgument(f"missing column(s) {', '.join(missing)}; it has {', '.join(map(str, frame.columns))}",
                              field=f"{name}.{missing[0]}")
    if optional is not None:
        known = list(dict.fromkeys([*columns, *optional]))
        near = misspelt_column(frame.columns, known)
        if near:
            raise InvalidArgument(f"column {near[0]!r} is not one this frame is read for (did you mean {near[1]!r}?); "
                                  f"it reads {', '.join(known)}", field=f"{name}.{near[0]}")
    return frame


def codepoints(text: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Strings as a (rows x width) matrix of code points, and which rows have
    exactly `width` characters: fixed-width text checked with array
    operations instead of a regular expression per row. (A fixed-width numpy
    copy one character wider shows longer strings; its zero padding gives
    the lengths.)"""
    n = len(text)
    wide = np.asarray(text, dtype=object).astype(f"U{width + 1}") if n else np.zeros(0, dtype=f"U{width + 1}")
    cp = wide.view(np.uint32).reshape(n, width + 1)
    ok = (cp != 0).sum(axis=1) == width
    return ok, np.ascontiguousarray(cp[:, :width])


def is_digit(cp: np.ndarray) -> np.ndarray:
    return (cp >= 48) & (cp <= 57)


def iso_shape(text: np.ndarray) -> np.ndarray:
    """Which strings have the shape YYYY-MM-DD."""
    ok, cp = codepoints(text, 10)
    return ok & is_digit(cp[:, [0, 1, 2, 3, 5, 6, 8, 9]]).all(axis=1) & (cp[:, 4] == 45) & (cp[:, 7] == 45)


def _show(v: Any) -> str:
    text = repr(v)
    return text if len(text) <= 60 else text[:57] + "..."


def _show_number(v: Any) -> str:
    """A cell for a message; a float32 as it prints (np.float32(1.1) as 1.1,
    not the 1.100000023841858 it widens to), as it is judged."""
    return str(v) if isinstance(v, np.float32) else _show(v)


def _day_text(day: int) -> str:
    try:
        return (_EPOCH + _dt.timedelta(days=day)).isoformat()
    except OverflowError:
        return str(np.int64(day).astype("datetime64[D]"))


# The engine's bound on one completion's points (pe::max_points_per_completion,
# as the JSON path and the C batch refuse above it): a plausibility check,
# not a legal number; it also keeps the scaling to hundredths exact.
MAX_POINTS = int(_edurules.MAX_POINTS_PER_COMPLETION)
# More worker threads than this is a mistake, not a machine (0 = automatic).
MAX_THREADS = 4096


def int_arg(value: Any, field: str, low: int, high: int) -> int:
    """A whole-number argument checked against [low, high] before any
    arithmetic: no wrapping, no raw TypeError or OverflowError."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise InvalidArgument(f"expected a whole number, got {_show(value)}", field=field)
    v = int(value)
    if not low <= v <= high:
        raise InvalidArgument(f"{v} is outside {low}..{high}", field=field)
    return v


def school_year_arg(value: Any) -> Any:
    """A school year argument: text ('2023-2024', checked by the engine) or its
    first year as a whole number, range-checked here before it can wrap."""
    if value is None or isinstance(value, str):
        return value
    return int_arg(value, "school_year", 1900, 9998)


def day_arg(value: Any, field: str = "date") -> tuple[int, str]:
    """One date argument (date, datetime, Timestamp, datetime64 or ISO text)
    as (epoch day, ISO text)."""
    if value is pd.NaT or (isinstance(value, np.datetime64) and np.isnat(value)):
        raise InvalidArgument("missing date (NaT)", field=field)
    try:
        if isinstance(value, str):
            if not iso_shape(np.array([value], dtype=object))[0]:
                raise ValueError
            d = _dt.date.fromisoformat(value)
        elif isinstance(value, _dt.datetime):
            d = value.date()
        elif isinstance(value, _dt.date):
            d = value
        elif isinstance(value, np.datetime64) and not np.isnat(value):
            d = _EPOCH + _dt.timedelta(days=int(value.astype("datetime64[D]").astype(np.int64)))
        else:
            raise TypeError
    except (ValueError, TypeError, OverflowError):
        raise InvalidArgument(f"not a date: {_show(value)} (expected a date or 'YYYY-MM-DD')", field=field) from None
    day = (d - _EPOCH).days
    if not MIN_DAY <= day <= MAX_DAY:
        raise InvalidArgument(f"{d.isoformat()} is {_RANGE_TEXT}", field=field)
    return day, d.isoformat()


def days(column: pd.Series, field: str, problems: Problems, *, required: bool,
         owner: Optional[np.ndarray] = None, row_of: Optional[np.ndarray] = None, first: int = MIN_DAY,
         last: int = MAX_DAY) -> np.ndarray:
    """A date column as int32 epoch days (NO_DAY where missing and allowed),
    converted in C++ (``_edurules.epoch_days``): datetime64 of any unit read
    in place, object cells (ISO text, dates, Timestamps, numpy datetime64)
    one by one; a date outside [first, last] (epoch days) is a bad cell."""
    n = len(column)
    dtype = column.dtype
    values: Optional[np.ndarray] = None
    if pd.api.types.is_datetime64_any_dtype(dtype):
        if getattr(dtype, "tz", None) is not None:
            column = column.dt.tz_localize(None)
        r = _edurules.epoch_days(column.to_numpy(), first, last)
    elif (pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)
          or isinstance(dtype, pd.CategoricalDtype)):
        # Each cell is read on its own: ISO text, date objects and numpy datetime64 mixed are dates all the same;
        # any other cell (a number, bytes) is a bad cell named by its row below (status 2), flagged with
        # errors="flag".
        values = column.to_numpy(dtype=object)
        r = _edurules.epoch_days(values, first, last)
    elif pd.api.types.is_float_dtype(dtype) and column.isna().all():
        return np.full(n, NO_DAY, dtype=np.int32)  # an all-NaN column: no dates at all
    else:
        raise InvalidArgument(f"expected dates (datetime64, datetime.date or 'YYYY-MM-DD' text), got dtype {dtype}",
                              field=field)
    status = r["status"]
    if not status.any():  # every cell a date in range: nothing to report
        return r["days"]
    if values is not None:
        problems.add(status == 2, field, lambda i: f"not a date: {_show(values[i])} (expected YYYY-MM-DD)",
                     owner=owner, row_of=row_of)
    if required:
        problems.add(status == 1, field, lambda i: "missing date", owner=owner, row_of=row_of)
    out_of_range = status == 3
    if out_of_range.any():
        raw = dict(zip(np.flatnonzero(out_of_range).tolist(), r["raw_bad"].tolist()))  # bad rows only
        outside = f"outside the supported range {_day_text(first)}..{_day_text(last)}"
        problems.add(out_of_range, field, lambda i: f"{_day_text(raw[i])} is {outside}", owner=owner,
                     row_of=row_of)
    return r["days"]


class Quantity(NamedTuple):
    """How a decimal column is read and its bad cells worded: ``digits``
    decimals at most, ``most`` whole units in magnitude, whether a negative
    value is kept (for a batch that decides what it means), and the words."""
    digits: int
    most: int
    negative_ok: bool
    noun: str  # "points"
    example: str  # a decimal as the column holds them, "1.25"
    decimals: str  # "points have at most two decimals"
    too_many: str  # "too many points"


POINTS = Quantity(2, MAX_POINTS, False, "points", "1.25", "points have at most two decimals", "too many points")


def decimal_units(column: pd.Series, field: str, problems: Problems, quantity: Quantity, *,
                  owner: Optional[np.ndarray] = None, row_of: Optional[np.ndarray] = None) -> np.ndarray:
    """A decimal column (numbers, or decimal text such as '1.50') as int64
    units of 10**-digits. Text is read exactly, as the JSON path reads it; a
    float stands for the decimal it is within 4 ulps of, and a nonzero float
    is never read as 0; a float32 for the shortest decimal that reads back as
    it (C++ number_cells.hpp, the rule of every frame); a boolean column or
    cell is refused."""
    noun = quantity.noun
    dtype = column.dtype
    if pd.api.types.is_bool_dtype(dtype):
        raise InvalidArgument(f"expected {noun} (numbers), got dtype bool", field=field)
    if pd.api.types.is_complex_dtype(dtype):  # numeric to pandas, but the imaginary part would be dropped
        raise InvalidArgument(f"expected {noun} (real numbers), got dtype {dtype}", field=field)
    most, scale = quantity.most, 10**quantity.digits
    if pd.api.types.is_integer_dtype(dtype) and not column.isna().any():
        # compared in the column's own dtype: uint64 above INT64_MAX is too many, never negative
        whole = column.to_numpy(dtype=np.uint64 if pd.api.types.is_unsigned_integer_dtype(dtype) else np.int64)
        huge = whole > most  # before scaling: x 10**digits would wrap
        if quantity.negative_ok:
            huge |= whole < -most
            negative = np.zeros(len(whole), dtype=bool)
        else:
            negative = whole < 0
        problems.add(huge, field, lambda i: f"{quantity.too_many}: {whole[i]} (at most {most})", owner=owner,
                     row_of=row_of)
        problems.add(negative, field, lambda i: f"negative {noun}: {whole[i]}", owner=owner, row_of=row_of)
        return np.where(huge | negative, 0, whole).astype(np.int64) * scale
    if pd.api.types.is_numeric_dtype(dtype):
        # float32 (numpy or pandas Float32) stays float32: judged at its own precision in C++ (np.float32(1.1) is
        # 1.1, not the 1.100000023841858 it widens to); numpy's own float64 and float32 are read in place (NaN is
        # missing already)
        narrow = np.float32 if getattr(dtype, "numpy_dtype", dtype) == np.float32 else np.float64
        in_place = isinstance(dtype, np.dtype) and dtype == narrow
        values = column.to_numpy() if in_place else column.to_numpy(dtype=narrow, na_value=np.nan)
        # C++: one pass, a status per value
        out, status = _edurules.decimal_units(values, quantity.digits, most, quantity.negative_ok)
    elif pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype):
        # C++, one pass: text read exactly as a decimal (as the JSON path reads it, never through a float),
        # numbers as numbers, a boolean refused
        values = column.to_numpy(dtype=object)
        out, status = _edurules.decimal_units_of_objects(values, quantity.digits, most, quantity.negative_ok)
    else:
        raise InvalidArgument(f"expected {noun} (numbers), got dtype {dtype}", field=field)
    if status.any():
        def add(code: int, describe: Callable[[int], str]) -> None:
            problems.add(status == code, field, describe, owner=owner, row_of=row_of)
        add(1, lambda i: f"missing {noun} (NaN)")
        add(2, lambda i: f"not a finite number: {values[i]}")
        add(3, lambda i: f"negative {noun}: {_show_number(values[i])}")
        add(4, lambda i: f"{quantity.decimals}: {_show_number(values[i])}")
        add(5, lambda i: f"{quantity.too_many}: {_show_number(values[i])} (at most {most})")
        add(6, lambda i: f"not a number: {_show(values[i])} (expected a decimal such as '{quantity.example}')")
        add(7, lambda i: f"expected {noun} (numbers), got {_show(values[i])}")
    return out


def hundredths(column: pd.Series, field: str, problems: Problems, *, owner: Optional[np.ndarray] = None,
               row_of: Optional[np.ndarray] = None) -> np.ndarray:
    """A points column (numbers, or decimal text such as '1.50') as int64 hundredths."""
    return decimal_units(column, field, problems, POINTS, owner=owner, row_of=row_of)


def keys(column: pd.Series, field: str, problems: Problems, *, owner: Optional[np.ndarray] = None,
         row_of: Optional[np.ndarray] = None, what: str = "SEU number") -> np.ndarray:
    """An id column (SEU numbers) as text, for matching between frames."""
    values = column.to_numpy(dtype=object)
    missing = np.asarray(pd.isna(values), dtype=bool)
    problems.add(missing, field, lambda i: f"missing {what}", owner=owner, row_of=row_of)
    if pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
        text = values.copy()  # already text: no conversion
    else:
        text = column.astype(str).to_numpy(dtype=object)
    text[missing] = None
    return text


def booleans(column: pd.Series, field: str, problems: Problems, *, owner: Optional[np.ndarray] = None,
             row_of: Optional[np.ndarray] = None) -> np.ndarray:
    """A yes/no column as uint8 (missing = no)."""
    if pd.api.types.is_bool_dtype(column.dtype):
        return column.fillna(False).to_numpy(dtype=bool).astype(np.uint8)
    values = column.to_numpy(dtype=object)
    missing = np.asarray(pd.isna(values), dtype=bool)
    is_true = np.asarray(values == True, dtype=bool)  # noqa: E712 (elementwise)
    is_false = np.asarray(values == False, dtype=bool)  # noqa: E712
    problems.add(~(missing | is_true | is_false), field, lambda i: f"expected true or false, got {_show(values[i])}",
                 owner=owner, row_of=row_of)
    return is_true.astype(np.uint8)


def key_column(values: Any) -> Any:
    """A key column as the engine's KeyTable reads it: numpy values (object
    cells or whole numbers; any other dtype as objects), a Categorical as
    (codes, categories)."""
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), np.asarray(values.cat.categories, dtype=object)
    arr = values.to_numpy() if isinstance(values, pd.Series) else np.asarray(values)
    return arr if arr.dtype.kind in "Oiu" else arr.astype(object)


def key_text(value: Any) -> Any:
    """A key cell as the text it is matched by (``str`` of a non-text value)."""
    return value if isinstance(value, str) else str(value)


def unreadable_key(column: Any) -> Optional[tuple[int, str]]:
    """The first key cell that is a str without UTF-8 text (a lone surrogate,
    'S1\\ud800': the key tables read text as UTF-8), with the refusal's words;
    None when there is none. Looked for only after a key table failed on one."""
    for i, v in enumerate(np.asarray(column, dtype=object) if not isinstance(column, pd.Series)
                          else column.to_numpy(dtype=object)):
        if isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError:
                return i, f"not UTF-8 text (a lone surrogate): {_show(v)}"
    return None


def key_table(column: pd.Series, field: str, problems: Problems, what: str = "SEU number", *,
              duplicate: Optional[np.ndarray] = None) -> Any:
    """The keys of a frame (SEU numbers), hashed in C++: missing and
    duplicate keys are reported (`duplicate` marks more rows as repeating a
    key held elsewhere); other frames' keys are matched with :func:`lookup`."""
    try:
        table = _edurules.KeyTable([key_column(column)])
    except UnicodeEncodeError:  # a key that is no text: refused naming its row (with either errors=)
        bad = unreadable_key(column)
        if bad is None:
            raise
        problems.fail(InvalidInput, field, *bad)
    problems.add(table.missing[0], field, lambda i: f"missing {what}")
    repeated = table.duplicate if duplicate is None else table.duplicate | np.asarray(duplicate, dtype=bool)
    problems.add(repeated, field, lambda i: f"duplicate {what} {key_text(column.iloc[i])!r}")
    return table


def lookup(table: Any, column: pd.Series, field: str, problems: Problems, unknown: str, *,
           report_missing: bool = True) -> np.ndarray:
    """Positions in `table` (participants) of each key of `column`; -1 for
    missing and unknown keys (an unknown key is an error unless unknown == 'ignore')."""
    if unknown not in ("raise", "ignore"):
        raise InvalidArgument(f"expected 'raise' or 'ignore', got {unknown!r}", field="unknown")
    try:
        codes, (missing,) = table.lookup([key_column(column)])
    except UnicodeEncodeError:
        bad = unreadable_key(column)
        if bad is None:
            raise
        problems.fail(InvalidInput, field, *bad)
    if report_missing and missing.any():  # a row without SEU number has no participant row to carry a flag:
        i = int(np.flatnonzero(missing)[0])  # raised with either errors= (never dropped silently)
        problems.fail(InvalidInput, field, i, "missing SEU number")
    if unknown == "raise" and (codes < 0).any():
        lost = (codes < 0) & ~missing
        if lost.any():
            i = int(np.flatnonzero(lost)[0])
            value = column.iloc[i] if isinstance(column, pd.Series) else column[i]
            problems.fail(InvalidInput, field, i, f"unknown SEU number {_show(key_text(value))} (not in participants)")
    return codes


def grouped_rows(table: Any, keys: pd.Series, when: pd.Series, points: pd.Series) -> Optional[tuple[np.ndarray, ...]]:
    """(offsets, days, hundredths) of child rows (completions) whose keys come
    in the order of the sorted `table`, with datetime64[ns] dates and float64
    points, converted and grouped in C++ in one pass; None when the columns
    are of other kinds or a row needs :func:`lookup`, :func:`days` and
    :func:`hundredths` (which word what is wrong with it)."""
    if not (keys.dtype == object and when.dtype == np.dtype("datetime64[ns]") and points.dtype == np.float64):
        return None
    return table.grouped_rows(keys.to_numpy(), when.to_numpy().view(np.int64), NS_PER_DAY,
                              points.to_numpy(), MIN_DAY, MAX_DAY, MAX_POINTS)


def _owner_codes(codes: np.ndarray) -> np.ndarray:
    """Owner codes for group_rows: int32 or int64 as they are (no copy when
    contiguous), anything else as int64."""
    codes = np.asarray(codes)
    return np.ascontiguousarray(codes if codes.dtype in (np.int32, np.int64) else codes.astype(np.int64))


def group(codes: np.ndarray, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """CSR layout of child rows by owner (a stable counting sort in C++):
    (order of the kept child rows, offsets of length rows + 1). Children with
    code -1 are left out."""
    return _edurules.group_rows(_owner_codes(codes), rows)[:2]


def grouped(codes: np.ndarray, rows: int) -> tuple[Optional[np.ndarray], np.ndarray]:
    """As :func:`group`, with None for the order when the child rows are
    already grouped (nothing to reorder)."""
    order, offsets, in_order = _edurules.group_rows(_owner_codes(codes), rows, False)
    return (None if in_order else order), offsets


def take(values: np.ndarray, order: Optional[np.ndarray]) -> np.ndarray:
    """`values` in `order` (as they are when order is None)."""
    return values if order is None else values[order]


def dates_out(day_values: np.ndarray) -> np.ndarray:
    """int32 epoch days (NO_DAY = missing) as datetime64[ns] with NaT, in C++ (one pass)."""
    return _edurules.datetime64_of_days(day_values)


def frame(columns: dict[str, Any], index: pd.Index) -> pd.DataFrame:
    """A DataFrame over result columns without copying them: one block per
    column (no consolidation, no type inference over object columns), as
    ``pd.DataFrame(columns, index=index)`` would give it otherwise."""
    try:
        from pandas.core.internals import BlockManager, make_block
        blocks = []
        for k, values in enumerate(columns.values()):
            if isinstance(values, np.ndarray):
                values = values.reshape(1, -1)
            blocks.append(make_block(values, placement=slice(k, k + 1), ndim=2))
        out = pd.DataFrame(BlockManager(blocks, [pd.Index(list(columns)), index]))
        if out.shape == (len(index), len(columns)):
            return out
    except (ImportError, TypeError, ValueError, AssertionError):  # another pandas: its own constructor
        pass
    return pd.DataFrame(columns, index=index)


__all__ = ["Problems", "Error", "NO_DAY", "MAX_POINTS", "MAX_THREADS", "int_arg", "school_year_arg", "day_arg", "days", "Quantity", "POINTS", "decimal_units", "hundredths", "keys", "booleans", "key_table", "lookup", "grouped_rows", "group", "grouped", "take",
           "dates_out", "require_frame", "frame"]

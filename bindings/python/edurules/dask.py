"""The frame functions over Dask DataFrames: ``dd.read_csv(...)`` in, a lazy
Dask DataFrame out, with ``meta`` built here (never from Dask's dummy rows,
which repeat one value and would trip the duplicate-key check) and the
related frames moved to the partitions of their owners.

    import dask.dataframe as dd
    import edurules, edurules.dask as edd
    people = dd.read_csv("participants.csv")
    points = dd.read_csv("completions.csv")
    status = edd.pe_status(people, points, "2025-06-01").compute()

How: the primary frame (participants, workers) keeps its partitions, order
and index. Each related frame (completions, renewals, dispensations;
trainings, lessons, jobs, absences, leave_taken) is joined on its key to the
number of its owner's partition and repartitioned so that partition k holds
exactly the rows of the owners in partition k; then every partition runs the
ordinary frame function (Engine.pe_status_frame, Engine.leave_hours_frame) in
the worker. Rows naming an unknown owner go to partition 0, where the frame
function reports them as it would in one process (``unknown=``). Related
frames may be Dask or pandas DataFrames. The engine pickles as its rulebook,
so a custom rulebook reaches every worker.

A key held by more than one row of the primary frame is found over the whole
frame first (its keys counted: one pass, computed when the function is
called), so a key repeated in two partitions is refused as in one process:
the later rows are the duplicates (pe_status: ``duplicate SEU number``,
raised, or flagged with ``errors="flag"``; leave_hours: ``duplicate``,
raised with either ``errors``), and the key's child rows go to its first
row only, never copied. Positions in messages count within the partition
(for a related frame: among its rows moved to that partition); index labels
are the caller's own, related frames' included (each row carries its label
through the move).

The results equal the single-process ones row for row: pe_status has the
participants' index and order; leave_hours has one row per training, grouped
by the workers' partitions (the trainings' index labels are kept).
"""
from __future__ import annotations

from typing import Any, Callable, Optional

import numpy as np
import pandas as pd

from . import _columns as C
from ._engine import DateLike, Engine
from ._errors import InvalidArgument, InvalidInput

__all__ = ["pe_status", "leave_hours"]


def _dd() -> Any:
    try:
        import dask.dataframe as dd
    except ImportError as e:  # pragma: no cover - Debian: python3-dask
        raise InvalidArgument(f"edurules.dask needs dask[dataframe]: {e}", field="dask") from None
    return dd


def _key_texts(df: pd.DataFrame, key: str) -> np.ndarray:
    """A partition's keys as the text they are matched by (None where missing)."""
    text = df[key].astype(str).to_numpy(dtype=object)
    text[np.asarray(pd.isna(df[key]), dtype=bool)] = None
    return text


def _owner_parts(primary: Any, key: str) -> Any:
    """Each owner key with the number of the partition that holds it."""
    def tag(df: pd.DataFrame, partition_info: Optional[dict[str, Any]] = None) -> pd.DataFrame:
        number = partition_info["number"] if partition_info else 0
        return pd.DataFrame({key: _key_texts(df, key), "_edr_part": np.full(len(df), number, dtype=np.int64)})
    meta = pd.DataFrame({key: pd.Series([], dtype=object), "_edr_part": pd.Series([], dtype=np.int64)})
    return primary.map_partitions(tag, meta=meta)


def _repeated_keys(tagged: Any, key: str) -> dict[str, int]:
    """The keys more than one row of the whole primary frame holds, each with
    the first partition holding it: computed now (a count of the keys, then
    the partitions of the few repeated ones), before any partition's work, so
    that a key repeated in two partitions is caught as in one process."""
    counts = tagged[key].value_counts().compute()  # missing keys are not counted
    repeated = counts.index[counts.to_numpy() > 1].tolist()
    if not repeated:
        return {}
    rows = tagged[tagged[key].isin(repeated)]
    return {k: int(v) for k, v in rows.groupby(key)["_edr_part"].min().compute().items()}


def _unique_owners(tagged: Any, key: str, first: dict[str, int]) -> Any:
    """Each present owner key once, with the partition of its first row (the
    row the single-process path gives its child rows to): a key repeated
    would copy its child rows in the merge."""
    def keep(df: pd.DataFrame) -> pd.DataFrame:
        df = df[df[key].notna()]  # a missing key owns nothing (and pandas merges missing with missing)
        if first:
            at = df[key].map(first)
            df = df[at.isna() | (at == df["_edr_part"])]
        return df.drop_duplicates(subset=key)
    return tagged.map_partitions(keep, meta=tagged._meta)


def _mark_repeated(primary: Any, key: str, first: dict[str, int]) -> Any:
    """`primary` with a column _edr_dup: whether a row's key is one an earlier
    partition holds (repeats within a partition are the frame function's own)."""
    def mark(df: pd.DataFrame, partition_info: Optional[dict[str, Any]] = None) -> pd.DataFrame:
        number = partition_info["number"] if partition_info else 0
        at = pd.Series(_key_texts(df, key), dtype=object).map(first).to_numpy(dtype=np.float64)
        return df.assign(_edr_dup=at < number)  # NaN (a key not repeated) compares false
    return primary.map_partitions(mark, meta=primary._meta.assign(_edr_dup=pd.Series([], dtype=bool)))


def _aligned(child: Any, key: str, owners: Any, parts: int) -> Any:
    """`child` repartitioned so that partition k holds the rows whose owner is in partition k."""
    dd = _dd()
    if child is None:
        return None
    if isinstance(child, pd.DataFrame):
        child = dd.from_pandas(child, npartitions=1, sort=False)
    if key not in child.columns:
        raise InvalidArgument(f"missing column {key}", field=key)
    # The merge and set_index below renumber the rows: each row's own index label rides along as a
    # column (one vectorised assign per partition) and _strip gives it back, so that messages name
    # the label the row has in the caller's frame.
    def keep_label(df: pd.DataFrame) -> pd.DataFrame:
        return df.assign(_edr_key=df[key].astype(str), _edr_label=df.index.to_numpy())
    keyed = child.map_partitions(keep_label, meta=keep_label(child._meta))
    joined = keyed.merge(owners.rename(columns={key: "_edr_key"}), on="_edr_key", how="left")
    joined = joined.assign(_edr_part=joined["_edr_part"].fillna(0).astype(np.int64))
    divisions = list(range(parts)) + [parts - 1]
    return joined.set_index("_edr_part", divisions=divisions).drop(columns="_edr_key")


def _strip(frame: Optional[pd.DataFrame], name: Any = None) -> Optional[pd.DataFrame]:
    """A partition of an aligned frame as the frame function takes it: indexed
    by the labels its rows have in the caller's frame (index name `name`)."""
    if frame is None:
        return None
    out = frame.set_index("_edr_label")
    out.index.name = name
    return out


def _run(primary: Any, key: str, related: dict[str, Any], call: Callable[..., pd.DataFrame]) -> Any:
    """Maps `call(primary_partition, duplicate, **related_partitions)` over the
    aligned partitions; `duplicate` marks the rows whose key an earlier
    partition holds (the key's child rows go to that partition only)."""
    dd = _dd()
    if not isinstance(primary, dd.DataFrame):
        primary = dd.from_pandas(primary, npartitions=1, sort=False)
    if key not in primary.columns:
        raise InvalidArgument(f"missing column {key}", field=key)
    tagged = _owner_parts(primary, key)
    first = _repeated_keys(tagged, key) if primary.npartitions > 1 else {}
    owners = _unique_owners(tagged, key, first)
    names = [n for n, f in related.items() if f is not None]
    aligned = [_aligned(related[n], key, owners, primary.npartitions) for n in names]
    index_names = [related[n].index.name for n in names]
    metas = {n: _strip(a._meta, i) for n, a, i in zip(names, aligned, index_names)}
    meta = call(primary._meta, np.zeros(0, dtype=bool), **metas)  # the function itself on empty frames: the right dtypes
    marked = _mark_repeated(primary, key, first)

    def one(p: pd.DataFrame, *parts: pd.DataFrame) -> pd.DataFrame:
        duplicate = p["_edr_dup"].to_numpy(dtype=bool)
        return call(p.drop(columns="_edr_dup"), duplicate,
                    **{n: _strip(x, i) for n, x, i in zip(names, parts, index_names)})
    return dd.map_partitions(one, marked, *aligned, meta=meta, align_dataframes=False,
                             enforce_metadata=False, transform_divisions=False)


def pe_status(participants: Any, completions: Any = None, date: DateLike = None, *,
              engine: Optional[Engine] = None, renewals: Any = None, dispensations: Any = None,
              errors: str = "raise", unknown: str = "raise", exact: bool = False) -> Any:
    """:meth:`Engine.pe_status_frame` over a Dask DataFrame of participants.

    Args:
        participants: a Dask (or pandas) DataFrame, as for pe_status_frame.
        completions, renewals, dispensations: Dask or pandas DataFrames with
            ``seu_number``; moved to their participants' partitions.
        date: the evaluation date.
        engine: the engine (default: the built-in rulebook).
        errors, unknown, exact: as for :meth:`Engine.pe_status_frame`.

    Returns:
        A lazy Dask DataFrame with the participants' partitions and index and
        the columns of pe_status_frame; ``.compute()`` gives the frame a single
        process gives.
    """
    if date is None:
        raise InvalidArgument("missing date", field="date")
    eng = engine or Engine()
    eng.pe_status_frame(pd.DataFrame({"seu_number": [], "diploma_date": []}), None, date)  # checks the date now

    def call(p: pd.DataFrame, duplicate: np.ndarray, completions: Optional[pd.DataFrame] = None,
             renewals: Optional[pd.DataFrame] = None, dispensations: Optional[pd.DataFrame] = None) -> pd.DataFrame:
        return eng._pe_status_frame(p, completions, date, renewals=renewals, dispensations=dispensations,
                                    errors=errors, unknown=unknown, threads=1, exact=exact,
                                    duplicate=duplicate if duplicate.any() else None)
    return _run(participants, "seu_number",
                {"completions": completions, "renewals": renewals, "dispensations": dispensations}, call)


def leave_hours(workers: Any, trainings: Any, lessons: Any = None, *, engine: Optional[Engine] = None,
                school_year: Any = None, errors: str = "raise", jobs: Any = None, absences: Any = None,
                leave_taken: Any = None, reasons: str = "list") -> Any:
    """:meth:`Engine.leave_hours_frame` over a Dask DataFrame of workers.

    Args:
        workers: a Dask (or pandas) DataFrame, as for leave_hours_frame.
        trainings, lessons, jobs, absences, leave_taken: Dask or pandas
            DataFrames with ``worker_id``; moved to their workers' partitions.
        engine, school_year, errors, reasons: as for :meth:`Engine.leave_hours_frame`.

    Returns:
        A lazy Dask DataFrame, one row per training (the trainings' index
        labels), grouped by the workers' partitions; ``.compute()`` holds the
        rows a single process gives (sort both to compare).
    """
    eng = engine or Engine()

    def call(w: pd.DataFrame, duplicate: np.ndarray, trainings: Optional[pd.DataFrame] = None,
             lessons: Optional[pd.DataFrame] = None, jobs: Optional[pd.DataFrame] = None,
             absences: Optional[pd.DataFrame] = None, leave_taken: Optional[pd.DataFrame] = None) -> pd.DataFrame:
        if duplicate.any():  # a worker id an earlier partition holds: refused as in one process (any errors=)
            i = int(np.flatnonzero(duplicate)[0])
            label = w.index[i]
            raise InvalidInput(f"duplicate {C.key_text(w['worker_id'].iloc[i])!r}", field=f"workers.worker_id[{label}]",
                               record=i, label=label)
        return eng.leave_hours_frame(w, trainings, lessons, school_year=school_year, errors=errors, threads=1,
                                     jobs=jobs, absences=absences, leave_taken=leave_taken, reasons=reasons)
    return _run(workers, "worker_id", {"trainings": trainings, "lessons": lessons, "jobs": jobs,
                                       "absences": absences, "leave_taken": leave_taken}, call)

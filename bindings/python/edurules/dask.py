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

The results equal the single-process ones row for row: pe_status has the
participants' index and order; leave_hours has one row per training, grouped
by the workers' partitions (the trainings' index labels are kept).
"""
from __future__ import annotations

from typing import Any, Callable, Optional

import numpy as np
import pandas as pd

from ._engine import DateLike, Engine
from ._errors import InvalidArgument

__all__ = ["pe_status", "leave_hours"]


def _dd() -> Any:
    try:
        import dask.dataframe as dd
    except ImportError as e:  # pragma: no cover - Debian: python3-dask
        raise InvalidArgument(f"edurules.dask needs dask[dataframe]: {e}", field="dask") from None
    return dd


def _owner_parts(primary: Any, key: str) -> Any:
    """Each owner key with the number of the partition that holds it."""
    def tag(df: pd.DataFrame, partition_info: Optional[dict[str, Any]] = None) -> pd.DataFrame:
        number = partition_info["number"] if partition_info else 0
        return pd.DataFrame({key: df[key].astype(str).to_numpy(dtype=object),
                             "_edr_part": np.full(len(df), number, dtype=np.int64)})
    meta = pd.DataFrame({key: pd.Series([], dtype=object), "_edr_part": pd.Series([], dtype=np.int64)})
    return primary.map_partitions(tag, meta=meta)


def _aligned(child: Any, key: str, owners: Any, parts: int) -> Any:
    """`child` repartitioned so that partition k holds the rows whose owner is in partition k."""
    dd = _dd()
    if child is None:
        return None
    if isinstance(child, pd.DataFrame):
        child = dd.from_pandas(child, npartitions=1, sort=False)
    if key not in child.columns:
        raise InvalidArgument(f"missing column {key}", field=key)
    keyed = child.assign(**{"_edr_key": child[key].astype(str)})
    joined = keyed.merge(owners.rename(columns={key: "_edr_key"}), on="_edr_key", how="left")
    joined = joined.assign(_edr_part=joined["_edr_part"].fillna(0).astype(np.int64))
    divisions = list(range(parts)) + [parts - 1]
    return joined.set_index("_edr_part", divisions=divisions).drop(columns="_edr_key")


def _strip(frame: Optional[pd.DataFrame]) -> Optional[pd.DataFrame]:
    """A partition of an aligned frame as the frame function takes it."""
    return None if frame is None else frame.reset_index(drop=True)


def _run(primary: Any, key: str, related: dict[str, Any], call: Callable[..., pd.DataFrame]) -> Any:
    """Maps `call(primary_partition, **related_partitions)` over the aligned partitions."""
    dd = _dd()
    if not isinstance(primary, dd.DataFrame):
        primary = dd.from_pandas(primary, npartitions=1, sort=False)
    if key not in primary.columns:
        raise InvalidArgument(f"missing column {key}", field=key)
    owners = _owner_parts(primary, key)
    names = [n for n, f in related.items() if f is not None]
    aligned = [_aligned(related[n], key, owners, primary.npartitions) for n in names]
    metas = {n: _strip(a._meta) for n, a in zip(names, aligned)}
    meta = call(primary._meta, **metas)  # the function itself on empty frames: the right dtypes

    def one(p: pd.DataFrame, *parts: pd.DataFrame) -> pd.DataFrame:
        return call(p, **{n: _strip(x) for n, x in zip(names, parts)})
    return dd.map_partitions(one, primary, *aligned, meta=meta, align_dataframes=False,
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

    def call(p: pd.DataFrame, completions: Optional[pd.DataFrame] = None, renewals: Optional[pd.DataFrame] = None,
             dispensations: Optional[pd.DataFrame] = None) -> pd.DataFrame:
        return eng.pe_status_frame(p, completions, date, renewals=renewals, dispensations=dispensations,
                                   errors=errors, unknown=unknown, threads=1, exact=exact)
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

    def call(w: pd.DataFrame, trainings: Optional[pd.DataFrame] = None, lessons: Optional[pd.DataFrame] = None,
             jobs: Optional[pd.DataFrame] = None, absences: Optional[pd.DataFrame] = None,
             leave_taken: Optional[pd.DataFrame] = None) -> pd.DataFrame:
        return eng.leave_hours_frame(w, trainings, lessons, school_year=school_year, errors=errors, threads=1,
                                     jobs=jobs, absences=absences, leave_taken=leave_taken, reasons=reasons)
    return _run(workers, "worker_id", {"trainings": trainings, "lessons": lessons, "jobs": jobs,
                                       "absences": absences, "leave_taken": leave_taken}, call)

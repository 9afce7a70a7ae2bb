#!/usr/bin/env python3
"""PE status with Dask, the way an analyst starts: ``dd.read_csv`` of the
sample data, then ``edurules.dask.pe_status`` (which builds ``meta`` and moves
each participant's completions, renewal requests and dispensations to its
partition), computed on a distributed cluster.

    /usr/bin/python3 examples/python/dask_read_csv.py                   # LocalCluster, 2 worker processes
    /usr/bin/python3 examples/python/dask_read_csv.py --scheduler tcp://host:8786
    /usr/bin/python3 examples/python/dask_read_csv.py --check --json    # compare with one process

The CSV files in examples/data (pe_participants.csv, pe_completions.csv,
pe_renewals.csv, pe_dispensations.csv) are dossier.json as tables, with each
completion's booked points; ``--write-sample`` regenerates them.
"""
from __future__ import annotations

import argparse
import json
import logging
import pathlib
import warnings
from typing import Any, Optional

import pandas as pd

import edurules

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
DATE = "2025-06-01"
# Dates stay text (the engine reads ISO dates); points are numbers; granted is yes/no.
DTYPES = {"participants": {"seu_number": str, "name": str, "track": str, "diploma_date": str, "activation_date": str},
          "completions": {"seu_number": str, "completed": str, "points": "float64"},
          "renewals": {"seu_number": str, "requested": str},
          "dispensations": {"seu_number": str, "requested": str, "decided": str, "granted": bool}}


def write_sample(data: pathlib.Path = DATA, date: str = DATE) -> None:
    """dossier.json as the four CSV files (completions with their booked points on `date`)."""
    dossier = edurules.load_dossier(data / "dossier.json")
    engine = edurules.Engine()
    people = pd.DataFrame(dossier["participants"])
    people[list(DTYPES["participants"])].to_csv(data / "pe_participants.csv", index=False)
    booked = edurules.booked_completions(engine.pe_status(dossier, date, explain=False))
    booked.assign(completed=booked["completed"].dt.strftime("%Y-%m-%d")).to_csv(data / "pe_completions.csv", index=False)
    ren = people[["seu_number", "renewal_requests"]].explode("renewal_requests").dropna()
    ren.rename(columns={"renewal_requests": "requested"}).to_csv(data / "pe_renewals.csv", index=False)
    disp = people[["seu_number", "dispensations"]].explode("dispensations").dropna()
    cols = pd.DataFrame(disp["dispensations"].tolist(), columns=["requested", "decided", "granted"])
    cols["granted"] = cols["granted"].fillna(False).astype(bool)
    pd.concat([disp[["seu_number"]].reset_index(drop=True), cols], axis=1).to_csv(data / "pe_dispensations.csv",
                                                                                  index=False)


def read_single(data: pathlib.Path = DATA) -> dict[str, pd.DataFrame]:
    """The four tables in one process (pandas)."""
    return {n: pd.read_csv(data / f"pe_{n}.csv", dtype=DTYPES[n]) for n in DTYPES}


def status_single(date: str = DATE, data: pathlib.Path = DATA) -> pd.DataFrame:
    t = read_single(data)
    return edurules.Engine().pe_status_frame(t["participants"], t["completions"], date, renewals=t["renewals"],
                                             dispensations=t["dispensations"])


def status_dask(date: str = DATE, data: pathlib.Path = DATA, partitions: int = 3) -> Any:
    """The lazy Dask frame: read_csv, then edurules.dask.pe_status."""
    import dask.dataframe as dd

    import edurules.dask as edd
    t = {n: dd.read_csv(data / f"pe_{n}.csv", dtype=DTYPES[n]) for n in DTYPES}
    people = t["participants"].repartition(npartitions=partitions)  # a small file reads as one partition
    return edd.pe_status(people, t["completions"], date, renewals=t["renewals"], dispensations=t["dispensations"])


def run(date: str = DATE, *, scheduler: Optional[str] = None, workers: int = 2, processes: bool = True,
        partitions: int = 3) -> pd.DataFrame:
    """Computes the status on a cluster (a LocalCluster unless `scheduler`) and returns it as pandas."""
    # Debian 12's distributed (2022.12) calls tornado APIs that newer tornado deprecates: their noise, not ours.
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"(tornado|distributed)(\.|$)")
    warnings.filterwarnings("ignore", "make_current is deprecated", DeprecationWarning)
    from dask.distributed import Client, LocalCluster
    # The scheduler always serves HTTP; dashboard_address=None still means port 8787, taken when another
    # cluster runs (in parallel tests too), and the moved port's warning is an error under -W error.
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                                  dashboard_address="127.0.0.1:0")
    client = Client(scheduler or cluster)
    try:
        return status_dask(date, partitions=partitions).compute()
    finally:
        logging.getLogger("distributed").setLevel(logging.CRITICAL)  # heartbeats racing the shutdown
        client.close()
        if cluster is not None:
            cluster.close()


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler (default: a LocalCluster)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-processes", dest="processes", action="store_false", help="LocalCluster workers as threads")
    ap.add_argument("--partitions", type=int, default=3)
    ap.add_argument("--date", default=DATE)
    ap.add_argument("--check", action="store_true", help="compare with the single-process frame")
    ap.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    ap.add_argument("--write-sample", action="store_true", help="regenerate the CSV files from dossier.json")
    a = ap.parse_args(argv)
    if a.write_sample:
        write_sample(date=a.date)
        return 0
    status = run(a.date, scheduler=a.scheduler, workers=a.workers, processes=a.processes, partitions=a.partitions)
    summary: dict[str, Any] = {"participants": len(status),
                               "states": status["state"].astype(str).value_counts().sort_index().to_dict()}
    if a.check:
        single = status_single(a.date)
        pd.testing.assert_frame_equal(status.reset_index(drop=True), single.reset_index(drop=True))
        summary["same"] = True
    print(status[["seu_number", "state", "points_earned", "points_short", "days_left"]].to_string(max_rows=12))
    if a.json:
        print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

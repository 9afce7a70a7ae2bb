#!/usr/bin/env python3
"""The PE status batch over a Dask distributed cluster, for populations larger
than one machine: participants are partitioned by a hash of their SEU number,
each partition travels with its own completions, renewal requests and
dispensations, and every worker runs the same columnar batch
(Engine.pe_status_frame). The engine pickles as its rulebook, so custom
rulebooks reach the workers too.

    /usr/bin/python3 examples/python/dask_batch.py                # LocalCluster, 200,000 participants
    /usr/bin/python3 examples/python/dask_batch.py --scheduler tcp://host:8786 --participants 5000000
    /usr/bin/python3 examples/python/dask_batch.py --check        # also run in one process and compare totals

Workers need the edurules package (scripts/install-python.sh on each machine).
"""
from __future__ import annotations

import argparse
import json
import logging
import pathlib
import sys
import time
import warnings
from typing import Any, Optional

import numpy as np
import pandas as pd

import edurules

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import population  # noqa: E402  (the synthetic population generator next to this script)


def partition_ids(seu: pd.Series, parts: int) -> np.ndarray:
    """Partition of each row by SEU number: the same for a participant and all its records."""
    return (pd.util.hash_array(seu.astype(str).to_numpy(dtype=object)) % np.uint64(parts)).astype(np.int64)


def split(pop: population.Population, parts: int) -> list[dict[str, pd.DataFrame]]:
    """The population cut into `parts` self-contained partitions (vectorised group-by)."""
    frames = {"participants": pop.participants.assign(_row=np.arange(len(pop.participants))),
              "completions": pop.completions, "renewals": pop.renewals, "dispensations": pop.dispensations}
    out: list[dict[str, pd.DataFrame]] = [{} for _ in range(parts)]
    for name, frame in frames.items():
        ids = partition_ids(frame["seu_number"], parts)
        groups = dict(tuple(frame.groupby(ids, sort=False)))
        for k in range(parts):
            out[k][name] = groups.get(k, frame.iloc[:0])
    return out


def evaluate_partition(engine: edurules.Engine, part: dict[str, pd.DataFrame], date: str) -> pd.DataFrame:
    """Runs on a worker: one partition's status frame, keeping the input row number."""
    p = part["participants"]
    status = engine.pe_status_frame(p, part["completions"], date, renewals=part["renewals"],
                                    dispensations=part["dispensations"], threads=1)
    status["_row"] = p["_row"].to_numpy()
    return status


def totals(status: pd.DataFrame) -> dict[str, Any]:
    """What must agree between runs: counts per state and point sums (exact, in hundredths)."""
    counts = status["state"].astype(str).value_counts()
    return {
        "participants": int(len(status)),
        "states": {s: int(counts.get(s, 0)) for s in edurules.PE_STATES},
        "errors": int(status["error"].notna().sum()),
        "points_earned_hundredths": int(np.rint(status["points_earned"].fillna(0) * 100).sum()),
        "points_short_hundredths": int(np.rint(status["points_short"].fillna(0) * 100).sum()),
        "renewal_possible": int(status["renewal_possible"].sum()),
    }


def run_single(engine: edurules.Engine, pop: population.Population, date: str) -> pd.DataFrame:
    """The same evaluation in this process, for comparison."""
    return engine.pe_status_frame(pop.participants, pop.completions, date, renewals=pop.renewals,
                                  dispensations=pop.dispensations)


def run_dask(engine: edurules.Engine, pop: population.Population, date: str, *, parts: int,
             scheduler: Optional[str] = None, workers: int = 2, threads_per_worker: int = 1,
             processes: bool = True) -> pd.DataFrame:
    """Evaluates the population on a Dask cluster and returns the status frame in input order."""
    # Debian 12's distributed (2022.12) calls tornado APIs that newer tornado
    # deprecates; that noise is theirs, not ours.
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"(tornado|distributed)(\.|$)")
    warnings.filterwarnings("ignore", "make_current is deprecated", DeprecationWarning)
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        # The scheduler always serves HTTP; dashboard_address=None still means port 8787, taken when another
        # cluster runs (in parallel tests too), and the moved port's warning is an error under -W error.
        cluster = LocalCluster(n_workers=workers, threads_per_worker=threads_per_worker, processes=processes,
                               dashboard_address="127.0.0.1:0")
        client = Client(cluster)
    try:
        engine_f = client.scatter(engine, broadcast=True)
        futures = [client.submit(evaluate_partition, engine_f, part, date, pure=False) for part in
                   client.scatter(split(pop, parts))]
        pieces = client.gather(futures)
    finally:
        # workers' heartbeats racing the shutdown are logged as errors: not ours to show
        logging.getLogger("distributed").setLevel(logging.CRITICAL)
        client.close()
        if cluster is not None:
            cluster.close()
    status = pd.concat(pieces, ignore_index=True).sort_values("_row", kind="stable")
    return status.drop(columns="_row").set_index(pop.participants.index)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scheduler", metavar="ADDRESS", help="address of a running Dask scheduler (default: a LocalCluster)")
    ap.add_argument("--participants", type=int, default=200_000)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster workers")
    ap.add_argument("--threads-per-worker", type=int, default=1)
    ap.add_argument("--no-processes", dest="processes", action="store_false", help="LocalCluster workers as threads")
    ap.add_argument("--date", default="2025-06-01")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--check", action="store_true", help="also evaluate in one process and compare totals")
    ap.add_argument("--json", action="store_true", help="print the totals as one JSON line")
    ap.add_argument("--out", type=pathlib.Path, help="write the status frame to this CSV file")
    args = ap.parse_args(argv)

    engine = edurules.Engine()
    pop = population.make_population(args.participants, seed=args.seed)
    t0 = time.perf_counter()
    status = run_dask(engine, pop, args.date, parts=args.partitions, scheduler=args.scheduler, workers=args.workers,
                      threads_per_worker=args.threads_per_worker, processes=args.processes)
    elapsed = time.perf_counter() - t0
    result = {"dask": totals(status), "seconds": round(elapsed, 3)}
    ok = True
    if args.check:
        single = run_single(engine, pop, args.date)
        result["single"] = totals(single)
        ok = result["single"] == result["dask"] and single.equals(status)
        result["same"] = ok
    if args.out:
        status.to_csv(args.out, index=False, date_format="%Y-%m-%d")
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{args.participants} participants in {args.partitions} partitions: {elapsed:.2f} s on Dask")
        print(json.dumps(result["dask"], indent=2))
        if args.check:
            print("same totals as the single-process run" if ok else "DIFFERENT from the single-process run")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Python batch throughput next to the C++ batch path, on the same data.

For each population size it times, best of --repeat runs:

  python frame   Engine.pe_status_frame on DataFrames: vectorised conversion
                 (dates, points, SEU matching, CSR grouping) + the C++ batch
  c++ batch      pe::status_batch alone over the very same converted columns
                 (the compiled module's entry point, no conversion)
  json single    the single JSON path (pe.status) on a sample, per participant

and the same for leave hours (Engine.leave_hours_frame vs the C++ facts
batch, leave::leave_facts_batch, over the same columns: there the conversion
of the frame columns is part of the C++ call). Not a timed test: it prints a table.

    PYTHONPATH=build/bindings/python /usr/bin/python3 bench/python/bench_batch.py [--sizes 100000 1000000] [--threads 1 2]
"""
from __future__ import annotations

import argparse
import os
import pathlib
import sys
import time
from typing import Any, Callable

import edurules

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "examples" / "python"))
import population  # noqa: E402


class Recorder:
    """Stands in for the compiled engine to capture the converted columns
    the package hands to the C++ batch, so they can be timed alone."""

    def __init__(self, core: Any) -> None:
        self.core = core
        self.calls: dict[str, tuple[Any, ...]] = {}

    def __getattr__(self, name: str) -> Any:
        fn = getattr(self.core, name)

        def call(*args: Any) -> Any:
            self.calls[name] = args
            return fn(*args)
        return call


def best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def row(table: list[tuple[str, ...]], what: str, rows: int, threads: str, seconds: float, base: float) -> None:
    table.append((what, f"{rows:,}", threads, f"{seconds * 1e3:,.1f}", f"{rows / seconds:,.0f}",
                  f"{seconds / rows * 1e9:,.0f}", f"{seconds / base:.2f}x"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json-sample", type=int, default=5_000, help="participants for the single JSON path")
    args = ap.parse_args()
    date = "2025-06-01"
    engine = edurules.Engine()
    probe = edurules.Engine()
    rec = Recorder(probe._core)
    probe._core = rec
    table: list[tuple[str, ...]] = []
    for n in args.sizes:
        pop = population.make_population(n, seed=7)
        kw = dict(renewals=pop.renewals, dispensations=pop.dispensations)
        probe.pe_status_frame(pop.participants, pop.completions, date, **kw)
        cols = rec.calls["pe_status_columns"][:-1]
        base = None
        for t in args.threads:
            cxx = best(lambda: engine._core.pe_status_columns(*cols, t), args.repeat)
            base = base or cxx
            row(table, "pe  c++ batch", n, str(t), cxx, base)
            py = best(lambda: engine.pe_status_frame(pop.participants, pop.completions, date, threads=t, **kw), args.repeat)
            row(table, "pe  python frame", n, str(t), py, base)
        if args.json_sample:
            m = min(n, args.json_sample)
            sample = population.make_population(m, seed=7).dossier()
            js = best(lambda: engine.pe_status(sample, date, explain=False), 1)
            row(table, "pe  json single", m, "1", js, base / n * m)
        lp = population.make_leave_population(max(1, n // 10), seed=7)
        probe.leave_hours_frame(lp.workers, lp.trainings, lp.lessons)
        lcols = rec.calls["leave_facts_frames"][:-1]
        rows = len(lp.trainings)
        lbase = None
        for t in args.threads:
            cxx = best(lambda: engine._core.leave_facts_frames(*lcols, t), args.repeat)
            lbase = lbase or cxx
            row(table, "leave c++ batch", rows, str(t), cxx, lbase)
            py = best(lambda: engine.leave_hours_frame(lp.workers, lp.trainings, lp.lessons, threads=t), args.repeat)
            row(table, "leave python frame", rows, str(t), py, lbase)
    head = ("path", "rows", "threads", "ms", "rows/s", "ns/row", "vs c++ 1 thread")
    widths = [max(len(r[i]) for r in table + [head]) for i in range(len(head))]
    print(f"edurules {edurules.__version__}, {os.cpu_count()} CPUs; pe: ~6 completions per participant, "
          f"leave: one training per row with its lessons (rows = sizes / 10)")
    for r in [head] + table:
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

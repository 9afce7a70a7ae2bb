#!/usr/bin/env python3
"""Python batch throughput next to the C++ batch path, on the same rows.

For each population size it times, best of --repeat runs:

  python frame   Engine.pe_status_frame on DataFrames: the participants'
                 keys, dates, renewals and dispensations handed to C++, the
                 completions' keys matched in order and their datetime64 and
                 float64 columns converted a block of participants at a time
                 inside the C++ batch (no converted completion column) + the
                 result DataFrame
  c++ batch      pe::status_batch alone over the same rows as engine columns
                 (converted beforehand by the package's general path, which
                 the probe engine is told to take; the compiled module's
                 pe_status_columns: its plain output columns, no conversion
                 either way)
  json single    the single JSON path (pe.status) on a sample, per participant

and the same for leave hours, one row per training (Engine.leave_hours_frame
against leave::leave_facts_batch over the same rows: "c++ batch" is the
batch alone, timed inside the module; "c++ convert+batch" adds the C++
conversion of the frame columns, the module's whole call).

Times are CPU seconds of the process (steady on a loaded machine) for one
thread, wall-clock seconds for more; "speed vs c++" is the C++ batch's time
over the path's time at the same thread count (1.00x = as fast; the target
is 0.5x or more). Not a timed test: it prints a table.

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


def best(fn: Callable[[], Any], repeat: int, threads: int) -> float:
    """The best time of `repeat` runs: CPU time for one thread, wall-clock for more."""
    clock = time.process_time if threads == 1 else time.perf_counter
    times = []
    for _ in range(repeat):
        t = clock()
        fn()
        times.append(clock() - t)
    return min(times)


def row(table: list[tuple[str, ...]], what: str, rows: int, threads: str, seconds: float, base: float) -> None:
    table.append((what, f"{rows:,}", threads, f"{seconds * 1e3:,.1f}", f"{rows / seconds:,.0f}",
                  f"{seconds / rows * 1e9:,.0f}", f"{base / seconds:.2f}x"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json-sample", type=int, default=5_000, help="participants for the single JSON path")
    ap.add_argument("--leave-divisor", type=int, default=1, help="leave trainings = size / this")
    args = ap.parse_args()
    date = "2025-06-01"
    engine = edurules.Engine()
    probe = edurules.Engine()
    probe._fused_frames = False  # the general path: it hands the batch its converted engine columns
    rec = Recorder(probe._core)
    probe._core = rec
    table: list[tuple[str, ...]] = []
    for n in args.sizes:
        pop = population.make_population(n, seed=7)
        kw = dict(renewals=pop.renewals, dispensations=pop.dispensations)
        probe.pe_status_frame(pop.participants, pop.completions, date, **kw)
        cols = rec.calls["pe_status_frame_columns"][:-3]  # the batch's input columns (not flagged, exact, threads)
        first_base = 0.0
        for t in args.threads:
            base = best(lambda: engine._core.pe_status_columns(*cols, t), args.repeat, t)
            first_base = first_base or base
            row(table, "pe  c++ batch", n, str(t), base, base)
            py = best(lambda: engine.pe_status_frame(pop.participants, pop.completions, date, threads=t, **kw),
                      args.repeat, t)
            row(table, "pe  python frame", n, str(t), py, base)
        if args.json_sample:
            m = min(n, args.json_sample)
            sample = population.make_population(m, seed=7).dossier()
            js = best(lambda: engine.pe_status(sample, date, explain=False), 1, 1)
            row(table, "pe  json single", m, "1", js, first_base / n * m)
        del pop, cols
        rec.calls.clear()
        lp = population.make_leave_population(max(1, n // args.leave_divisor), seed=7)
        probe.leave_hours_frame(lp.workers, lp.trainings, lp.lessons)
        lcols = rec.calls["leave_facts_frames"][:-1]
        rows = len(lp.trainings)
        for t in args.threads:
            whole = best(lambda: engine._core.leave_facts_frames(*lcols, t), args.repeat, t)
            lbase = whole
            if t == 1:  # the batch alone, as the module times it on its thread
                lbase = min(engine._core.leave_facts_frames(*lcols, t)["cpu_ns"]["batch"]
                            for _ in range(args.repeat)) / 1e9
                row(table, "leave c++ batch", rows, str(t), lbase, lbase)
            row(table, "leave c++ convert+batch", rows, str(t), whole, lbase)
            py = best(lambda: engine.leave_hours_frame(lp.workers, lp.trainings, lp.lessons, threads=t),
                      args.repeat, t)
            row(table, "leave python frame", rows, str(t), py, lbase)
        del lp, lcols
        rec.calls.clear()
    head = ("path", "rows", "threads", "ms", "rows/s", "ns/row", "speed vs c++")
    widths = [max(len(r[i]) for r in table + [head]) for i in range(len(head))]
    print(f"edurules {edurules.__version__}, {os.cpu_count()} CPUs, load average "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}; ms: CPU time with 1 thread, wall-clock with more; "
          f"pe: ~6 completions per participant; leave: one training per row with ~20 lessons "
          f"(rows = sizes / {args.leave_divisor}); speed vs c++: the C++ batch's time / the path's "
          f"(leave with 2 threads: against the whole C++ call)")
    for r in [head] + table:
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

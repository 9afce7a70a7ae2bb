"""The Python examples run as an analyst would run them: the analysis script
writes its CSV and PNG, and the Dask script gives the same totals on a
LocalCluster as the single-process run."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd

import edurules
from conftest import EXAMPLES, SAMPLE_DATE


def run(args, timeout):
    env = dict(os.environ, MPLBACKEND="Agg")
    # Every warning is an error, in the script and in the Dask worker processes
    # it spawns (they inherit -W), except distributed's note that creating a
    # worker's scratch directory took over a second: a loaded machine (a CI
    # build beside this test) says nothing about the example.
    quiet = "ignore:Creating scratch directories is taking a surprisingly long time:UserWarning"
    proc = subprocess.run([sys.executable, "-W", "error", "-W", quiet, *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def test_analysis_writes_csv_and_png(tmp_path, engine, dossier, sample_status):
    out = run([EXAMPLES / "analysis.py", "--out", tmp_path, "--date", SAMPLE_DATE], timeout=120)
    assert "wrote" in out
    csv = pd.read_csv(tmp_path / "pe_status.csv")
    assert len(csv) == len(dossier["participants"])
    assert list(csv.columns[:3]) == ["seu_number", "name", "track"]
    single = edurules.pe_status_table(sample_status)
    assert csv["state"].tolist() == single["state"].astype(str).tolist()
    assert csv["points_earned"].tolist() == single["points_earned"].tolist()
    for name in ["pe_points_vs_days_left.png", "leave_hours_vs_cap.png"]:
        png = (tmp_path / name).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    leave = pd.read_csv(tmp_path / "leave_hours.csv")
    assert len(leave) > 0 and {"worker_id", "granted_hours", "cap_hours"} <= set(leave.columns)


def single_totals(n, seed=7):
    import dask_batch
    import population
    pop = population.make_population(n, seed=seed)
    return dask_batch.totals(dask_batch.run_single(edurules.Engine(), pop, SAMPLE_DATE))


def test_dask_threads_local_cluster_same_totals():
    out = run([EXAMPLES / "dask_batch.py", "--participants", 3000, "--partitions", 5, "--workers", 2, "--no-processes",
               "--check", "--json"], timeout=180)
    result = json.loads(out.strip().splitlines()[-1])
    assert result["same"] is True
    assert result["dask"] == result["single"] == single_totals(3000)
    assert result["dask"]["participants"] == 3000


def test_dask_process_workers_same_totals(tmp_path):
    out = run([EXAMPLES / "dask_batch.py", "--participants", 2000, "--partitions", 3, "--workers", 2, "--seed", 3,
               "--check", "--json", "--out", tmp_path / "status.csv"], timeout=180)
    result = json.loads(out.strip().splitlines()[-1])
    assert result["same"] is True and result["dask"] == single_totals(2000, seed=3)
    assert len(pd.read_csv(tmp_path / "status.csv")) == 2000

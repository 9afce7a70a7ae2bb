"""edurules.dask: the frame functions over Dask DataFrames. The example's flow
(dd.read_csv of the sample data, edurules.dask.pe_status) on a distributed
LocalCluster gives the single-process frame; meta is built without Dask's
dummy rows; leave hours over partitioned workers give the single-process rows."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings

import pandas as pd
import pytest

import edurules
from conftest import EXAMPLES, SAMPLE_DATE

dd = pytest.importorskip("dask.dataframe")
import edurules.dask as edd  # noqa: E402

import dask_read_csv as example  # noqa: E402  (examples/python on sys.path: conftest)


def test_example_flow_on_a_local_cluster_equals_one_process(engine, sample_status):
    # worker processes: in-process (thread) workers of Debian's distributed 2022.12 fail on
    # read_csv tasks (dask's shuffle_group gets a serialised tuple), edurules or not
    got = example.run(SAMPLE_DATE, workers=2, processes=True, partitions=3)
    single = example.status_single(SAMPLE_DATE)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), single.reset_index(drop=True))
    # and the CSV tables are the dossier: the JSON path's states and points
    table = edurules.pe_status_table(sample_status)
    assert got["state"].astype(str).tolist() == table["state"].astype(str).tolist()
    assert got["points_earned"].tolist() == table["points_earned"].tolist()


def test_example_script_with_worker_processes():
    env = dict(os.environ, MPLBACKEND="Agg")
    proc = subprocess.run([sys.executable, str(EXAMPLES / "dask_read_csv.py"), "--workers", "2", "--partitions", "4", "--check",
                           "--json"],
                          capture_output=True, text=True, timeout=240, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["same"] is True and result["participants"] == 44


def test_meta_is_the_frame_functions_own():
    lazy = example.status_dask(SAMPLE_DATE)
    single = example.status_single(SAMPLE_DATE)
    assert list(lazy.columns) == list(single.columns)
    assert lazy.dtypes.astype(str).tolist() == single.dtypes.astype(str).tolist()
    assert lazy.npartitions == 3


def test_exact_points_through_dask():
    from decimal import Decimal
    t = example.read_single()
    kw = dict(renewals=t["renewals"], dispensations=t["dispensations"], exact=True)
    got = edd.pe_status(dd.from_pandas(t["participants"], npartitions=4), t["completions"], SAMPLE_DATE,
                        **kw).compute(scheduler="sync")
    single = edurules.Engine().pe_status_frame(t["participants"], t["completions"], SAMPLE_DATE, **kw)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), single.reset_index(drop=True))
    assert all(isinstance(v, Decimal) and v.as_tuple().exponent == -2 for v in got["points_earned"])
    floats = example.status_single(SAMPLE_DATE)
    assert [float(v) for v in got["points_short"]] == floats["points_short"].tolist()


def test_unknown_participant_raises_on_compute():
    t = example.read_single()
    stray = pd.concat([t["completions"], pd.DataFrame({"seu_number": ["SEU-999999"], "completed": ["2025-01-01"],
                                                        "points": [1.0]})], ignore_index=True)
    lazy = edd.pe_status(dd.from_pandas(t["participants"], npartitions=3), stray, SAMPLE_DATE)
    with pytest.raises(edurules.InvalidInput, match="SEU-999999"):
        lazy.compute(scheduler="sync")
    ok = edd.pe_status(dd.from_pandas(t["participants"], npartitions=3), stray, SAMPLE_DATE, unknown="ignore")
    assert len(ok.compute(scheduler="sync")) == len(t["participants"])


def test_leave_hours_over_partitioned_workers(engine):
    import population
    pop = population.make_leave_population(600, seed=11)
    single = engine.leave_hours_frame(pop.workers, pop.trainings, pop.lessons)
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"(tornado|distributed)(\.|$)")
    lazy = edd.leave_hours(dd.from_pandas(pop.workers, npartitions=4), dd.from_pandas(pop.trainings, npartitions=3),
                           dd.from_pandas(pop.lessons, npartitions=5), engine=engine)
    got = lazy.compute(scheduler="threads")
    key = ["worker_id", "training_id"]
    a = got.sort_values(key).reset_index(drop=True)
    b = single.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    assert isinstance(b.reasons.iloc[0], tuple)


def test_a_key_repeated_in_two_partitions_is_caught_and_child_rows_are_not_copied(engine):
    """The left merge that moves child rows to their owner's partition copied a
    child row per owner row: S1 in two partitions gave both S1 rows, each with
    S1's completion (counted twice), and no error; W1 twice turned two
    trainings into three rows. Repeated keys are now found over the whole
    frame first and refused or flagged as in one process."""
    import numpy as np
    people = pd.DataFrame({"seu_number": ["S1", "S2", "S3", "S1"],
                           "diploma_date": ["2023-03-01", "2023-04-01", "2023-05-01", "2023-06-01"]})
    points = pd.DataFrame({"seu_number": ["S1", "S2", "S3"], "completed": ["2024-02-01"] * 3,
                           "points": [1.5, 2.25, 3.0]})
    lazy = edd.pe_status(dd.from_pandas(people, npartitions=2, sort=False), dd.from_pandas(points, npartitions=1),
                         SAMPLE_DATE)
    with pytest.raises(edurules.InvalidInput, match="duplicate SEU number 'S1'") as e:
        lazy.compute(scheduler="sync")
    assert e.value.field == "participants.seu_number[3]"
    single = engine.pe_status_frame(people, points, SAMPLE_DATE, errors="flag")
    got = edd.pe_status(dd.from_pandas(people, npartitions=2, sort=False), points, SAMPLE_DATE,
                        errors="flag").compute(scheduler="sync")
    pd.testing.assert_frame_equal(got.drop(columns="error"), single.drop(columns="error"))
    assert got.error.isna().tolist() == [True, True, True, False]
    assert got.error[3].endswith("column 'seu_number': duplicate SEU number 'S1'")
    assert got.points_earned.tolist()[:3] == [1.5, 2.25, 3.0] and np.isnan(got.points_earned[3])
    workers = pd.DataFrame({"worker_id": ["W1", "W2", "W1"], "region": ["flanders"] * 3, "contract_hours": [38] * 3,
                            "full_time_hours": [38] * 3})
    trainings = pd.DataFrame({"worker_id": ["W1", "W2"], "training_id": ["T1", "T1"], "type": ["professional"] * 2,
                              "start": ["2023-09-04"] * 2})
    lessons = pd.DataFrame({"worker_id": ["W1", "W2"], "training_id": ["T1"] * 2, "date": ["2023-10-02"] * 2,
                            "start": "18:00", "end": "21:00"})
    for errors in ("raise", "flag"):  # one process refuses a repeated worker id in either mode
        lazy = edd.leave_hours(dd.from_pandas(workers, npartitions=2, sort=False), trainings, lessons,
                               school_year="2023-2024", errors=errors)
        with pytest.raises(edurules.InvalidInput, match="duplicate 'W1'") as e:
            lazy.compute(scheduler="sync")
        assert e.value.field == "workers.worker_id[2]"
    # unique keys over several partitions: every training once, as in one process
    ok = edd.leave_hours(dd.from_pandas(workers.iloc[:2], npartitions=2, sort=False), trainings, lessons,
                         school_year="2023-2024").compute(scheduler="sync")
    assert sorted(ok.worker_id) == ["W1", "W2"]


def test_a_bad_related_row_is_named_by_its_own_label(engine):
    """The merge and set_index that move completions to their participants'
    partitions renumbered the rows: a bad completion at label 183 was reported
    as 'completions row label 45', another, valid row of the caller's frame.
    Each row now carries its own label through the move (labels of any kind),
    so the message names the row the caller gave."""
    t = example.read_single()
    people, points = t["participants"], t["completions"].copy()
    bad = points.index[points.seu_number == people.seu_number[42]][0]
    points.loc[bad, "completed"] = "2024-02-30"
    for labels in (points.index, "c" + points.index.astype(str)):
        given = points.set_axis(labels, axis=0)
        label = given.index[points.index.get_loc(bad)]
        got = edd.pe_status(dd.from_pandas(people, npartitions=3, sort=False), given, SAMPLE_DATE,
                            errors="flag").compute(scheduler="sync")
        errors = got.error.dropna().tolist()
        assert len(errors) == 1, errors
        assert f"completions row label {label!r}" in errors[0] or f"completions row label {label} " in errors[0], errors
        single = engine.pe_status_frame(people, given, SAMPLE_DATE, errors="flag")
        assert f"row label {label!r}" in single.error.dropna().iloc[0] or \
            f"row label {label} " in single.error.dropna().iloc[0]
        with pytest.raises(edurules.InvalidInput) as e:
            edd.pe_status(dd.from_pandas(people, npartitions=3, sort=False), given, SAMPLE_DATE).compute(scheduler="sync")
        assert e.value.label == label

"""Leave hours over DataFrames: parity with the JSON single path on a
generated population, every input shape, and bad inputs naming column and row."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import edurules
from conftest import SOURCE

LEAVE_JSON = SOURCE / "examples" / "data" / "leave.json"


@pytest.fixture(scope="module")
def pop():
    import population
    return population.make_leave_population(20_000, seed=2)


def test_names():
    assert edurules.LEAVE_REGIONS == ("flanders", "brussels", "wallonia")
    assert edurules.LEAVE_REGIMES[0] == "none" and "vov" in edurules.LEAVE_REGIMES
    assert "language" in edurules.LEAVE_TRAINING_TYPES and "capped" in edurules.LEAVE_REASONS


def test_leave_evaluate_and_table(engine):
    res = engine.leave_evaluate(LEAVE_JSON)
    assert res["workers"] and res["workers"][0]["trainings"][0]["explanation"]
    table = edurules.leave_table(res)
    assert len(table) == sum(len(w["trainings"]) for w in res["workers"])
    assert {"granted_hours", "cap_hours", "regime", "eligible"} <= set(table.columns)
    only = engine.leave_evaluate(LEAVE_JSON, kind="leave.regime", explain=False)
    assert "hours" not in only["workers"][0]["trainings"][0]
    doc = edurules.load_dossier(LEAVE_JSON)
    again = engine.leave_evaluate(doc["workers"], doc["school_year"], explain=False)
    assert edurules.leave_table(again).equals(edurules.leave_table(engine.leave_evaluate(LEAVE_JSON, explain=False)))
    with pytest.raises(edurules.InvalidInput) as info:
        engine.leave_evaluate(doc["workers"], "2023/2024")
    assert info.value.field == "school_year"


def test_parity_with_the_json_path(engine, pop):
    frame = engine.leave_hours_frame(pop.workers, pop.trainings, pop.lessons)
    single = edurules.leave_table(engine.leave_evaluate(pop.request(), kind="leave.entitlement", explain=False))
    assert len(frame) == len(single) == 20_000
    assert frame.error.isna().all()
    assert frame.worker_id.tolist() == single.worker_id.tolist()
    assert frame.school_year.tolist() == single.school_year.tolist()
    assert frame.regime.astype(str).tolist() == single.regime.astype(str).tolist()
    assert (frame.status == "granted").tolist() == single.eligible.astype(bool).tolist()
    assert frame.granted_minutes.tolist() == single.granted_minutes.tolist()
    # attended_hours is the input; the JSON path reports what counted (0 without a right)
    counted = (frame.granted_minutes > 0).to_numpy(dtype=bool)
    assert np.allclose(frame.attended_hours[counted], single.attended_hours.astype(float)[counted])
    # reasons agree wherever lessons were given (the batch has no "no lessons" reason)
    given = pop.lessons.groupby("worker_id").size().reindex(pop.workers.worker_id, fill_value=0).to_numpy() > 0
    assert frame.reasons[given].tolist() == single.reasons[given].tolist()
    # the population covers every regime and both outcomes
    assert set(frame.regime.astype(str)) >= {"vov", "brussels_bev", "brussels_reformed", "wallonia_bev"}
    assert frame.capped.any() and (frame.status == "not_eligible").any()


def test_hours_on_trainings_equal_lessons_and_threads(engine, pop):
    a = engine.leave_hours_frame(pop.workers, pop.trainings, pop.lessons, threads=1)
    minutes = pop.lessons.assign(m=pd.to_datetime(pop.lessons.end, format="%H:%M").dt.hour * 60
                                 + pd.to_datetime(pop.lessons.end, format="%H:%M").dt.minute - 18 * 60)
    total = minutes.groupby("training_id")["m"].sum().reindex(pop.trainings.training_id, fill_value=0).to_numpy()
    t = pop.trainings.assign(given_minutes=total, attended_hours=total / 60)
    b = engine.leave_hours_frame(pop.workers, t, threads=4)
    pd.testing.assert_frame_equal(a, b)
    w = pop.workers.assign(contract_minutes=pop.workers.contract_hours * 60).drop(columns="contract_hours")
    c = engine.leave_hours_frame(w, t.drop(columns="school_year"), school_year="2023-2024")
    assert (c.school_year == "2023-2024").all()


def small():
    workers = pd.DataFrame({"worker_id": ["a", "b"], "region": ["wallonia", "flanders"], "contract_hours": [38, 24],
                            "full_time_hours": [38, 40]})
    trainings = pd.DataFrame({"worker_id": ["a", "b", "a"], "training_id": ["t1", "t2", "t3"],
                              "type": ["professional", "professional", "general"],
                              "start": pd.to_datetime(["2020-09-07", "2020-09-14", "2020-09-07"]),
                              "school_year": ["2020-2021"] * 3, "given_hours": [100, 120, 60],
                              "attended_hours": [100, 120, 60.5]})
    return workers, trainings


def test_small_known_answers(engine):
    w, t = small()
    t.loc[2, "attended_hours"] = 60
    out = engine.leave_hours_frame(w, t)
    assert list(out.columns) == list(edurules.LEAVE_HOURS_COLUMNS)
    assert out.granted_hours.tolist()[:2] == [100.0, 75.0]  # Walloon full time; VOV 60% -> 75 h (rules.md 2.3)
    assert out.regime.astype(str).tolist()[:2] == ["wallonia_bev", "vov"]
    assert out.capped.tolist()[1] and out.error.isna().all()


def raises(cls, field, fn):
    with pytest.raises(cls) as info:
        fn()
    assert info.value.field == field, str(info.value)
    return info.value


def test_bad_inputs(engine):
    w, t = small()
    raises(edurules.InvalidInput, "trainings.attended_hours[2]", lambda: engine.leave_hours_frame(w, t))
    t.loc[2, "attended_hours"] = 60
    raises(edurules.InvalidArgument, "workers.region", lambda: engine.leave_hours_frame(w.drop(columns="region"), t))
    raises(edurules.InvalidArgument, "trainings.given_hours", lambda: engine.leave_hours_frame(w, t.drop(columns="given_hours")))
    raises(edurules.InvalidInput, "workers.region[1]", lambda: engine.leave_hours_frame(w.assign(region=["wallonia", "mars"]), t))
    raises(edurules.InvalidInput, "trainings.type[0]", lambda: engine.leave_hours_frame(w, t.assign(type=["x", "general", "general"])))
    raises(edurules.InvalidInput, "trainings.given_hours[1]",
           lambda: engine.leave_hours_frame(w, t.assign(given_hours=[100, np.nan, 60])))
    raises(edurules.InvalidInput, "trainings.given_hours[0]",
           lambda: engine.leave_hours_frame(w, t.assign(given_hours=[-1, 100, 60])))
    raises(edurules.InvalidInput, "trainings.given_hours[2]",
           lambda: engine.leave_hours_frame(w, t.assign(given_hours=[100, 120, 60.001])))
    raises(edurules.InvalidArgument, "trainings.given_hours",
           lambda: engine.leave_hours_frame(w, t.assign(given_hours=[True, False, True])))
    raises(edurules.InvalidInput, "trainings.start[1]",
           lambda: engine.leave_hours_frame(w, t.assign(start=["2020-09-07", "2020-02-30", "2020-09-07"])))
    raises(edurules.InvalidInput, "trainings.school_year[0]",
           lambda: engine.leave_hours_frame(w, t.assign(school_year=["2020-2022", "2020-2021", "2020-2021"])))
    raises(edurules.InvalidInput, "trainings.worker_id[1]",
           lambda: engine.leave_hours_frame(w, t.assign(worker_id=["a", "zz", "a"])))
    raises(edurules.InvalidInput, "workers.worker_id[1]", lambda: engine.leave_hours_frame(w.assign(worker_id=["a", "a"]), t))
    raises(edurules.InvalidInput, "trainings.training_id[2]",
           lambda: engine.leave_hours_frame(w, t.assign(training_id=["t1", "t2", "t1"])))
    raises(edurules.InvalidArgument, "school_year", lambda: engine.leave_hours_frame(w, t.drop(columns="school_year")))
    lessons = pd.DataFrame({"worker_id": ["a", "a", "b"], "training_id": ["t1", "t1", "t2"],
                            "start": ["18:00", "18:00", "19:00"], "end": ["21:00", "25:00", "20:30"]})
    raises(edurules.InvalidInput, "lessons.end[1]", lambda: engine.leave_hours_frame(w, t, lessons))
    lessons.loc[1, "end"] = "17:00"
    raises(edurules.InvalidInput, "lessons.end[1]", lambda: engine.leave_hours_frame(w, t, lessons))
    lessons.loc[1, "training_id"] = "nope"
    raises(edurules.InvalidInput, "lessons.training_id[1]", lambda: engine.leave_hours_frame(w, t, lessons))


def test_flag_mode_and_engine_rejections(engine):
    w, t = small()
    t.loc[2, "attended_hours"] = 60
    w2 = w.assign(region=["wallonia", "mars"])
    out = engine.leave_hours_frame(w2, t, errors="flag")
    assert out.error.tolist()[1].startswith("workers.region[1]: unknown value")
    assert out.error.isna().tolist() == [True, False, True] and out.granted_hours.notna().tolist() == [True, False, True]
    # the engine's own row checks: a zero full-time week
    w3 = w.assign(full_time_hours=[0, 40])
    out = engine.leave_hours_frame(w3, t)
    assert out.error.tolist() == ["bad_full_time", None, "bad_full_time"]
    assert out.status.isna().tolist() == [True, False, True]


def test_lessons_with_attendance(engine):
    w, t = small()
    t = t.drop(columns=["given_hours", "attended_hours"])
    lessons = pd.DataFrame({"worker_id": ["a"] * 10, "training_id": ["t1"] * 10,
                            "date": pd.date_range("2020-09-07", periods=10, freq="7D"), "hours": [4] * 10,
                            "attended": [True] * 8 + [False] * 2, "unjustified": [False] * 9 + [True],
                            "cancelled": [False] * 10})
    lessons.loc[0, "date"] = pd.Timestamp("2020-08-31")  # before the school year: not counted
    out = engine.leave_hours_frame(w, t, lessons)
    assert out.attended_hours.tolist() == [28.0, 0.0, 0.0]
    assert "suspension_triggered" in out.reasons[0]  # 4 h unjustified of 36 h given: more than 10%


def test_empty_and_school_year_argument(engine):
    w, t = small()
    empty = engine.leave_hours_frame(w.iloc[:0], t.iloc[:0].drop(columns="school_year"), school_year="2023-2024")
    assert empty.shape == (0, len(edurules.LEAVE_HOURS_COLUMNS))
    raises(edurules.InvalidArgument, "school_year",
           lambda: engine.leave_hours_frame(w, t.drop(columns="school_year"), school_year="2023"))
    by_int = engine.leave_hours_frame(w, t.assign(attended_hours=[100, 120, 60]).drop(columns="school_year"), school_year=2020)
    assert (by_int.school_year == "2020-2021").all()

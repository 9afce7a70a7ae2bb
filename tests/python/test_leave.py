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
    # one evaluation: what counted, the reasons and the cap are the JSON path's, every row
    assert frame.attended_minutes.tolist() == single.attended_minutes.tolist()
    assert frame.reasons.tolist() == single.reasons.tolist()
    assert frame.worker_cap_minutes.tolist() == single.cap_minutes.fillna(0).tolist()
    # the population covers every regime and both outcomes
    assert set(frame.regime.astype(str)) >= {"vov", "brussels_bev", "brussels_reformed", "wallonia_bev"}
    assert frame.capped.any() and (frame.status == "not_eligible").any()


def test_threads_jobs_frame_and_school_year_argument(engine, pop):
    a = engine.leave_hours_frame(pop.workers, pop.trainings, pop.lessons, threads=1)
    b = engine.leave_hours_frame(pop.workers, pop.trainings, pop.lessons, threads=4)
    pd.testing.assert_frame_equal(a, b)
    # the same jobs as a frame of their own (minutes instead of hours)
    jobs = pd.DataFrame({"worker_id": pop.workers.worker_id, "from": pd.Timestamp("1900-01-01"),
                         "contract_minutes": pop.workers.contract_hours * 60, "full_time_minutes": 38 * 60})
    c = engine.leave_hours_frame(pop.workers.drop(columns=["contract_hours", "full_time_hours"]), pop.trainings,
                                 pop.lessons, jobs=jobs)
    pd.testing.assert_frame_equal(a, c)
    # the school year as an argument: lessons outside it give no hours
    d = engine.leave_hours_frame(pop.workers, pop.trainings.drop(columns="school_year"), pop.lessons,
                                 school_year="2023-2024")
    assert (d.school_year == "2023-2024").all()
    same = (pop.trainings.school_year == "2023-2024").to_numpy()
    assert d.granted_minutes[same].tolist() == a.granted_minutes[same].tolist()


def weekly(worker, training, first, count, start="18:00", end="22:00"):
    """`count` weekly lessons from `first`."""
    return pd.DataFrame({"worker_id": worker, "training_id": training,
                         "date": pd.date_range(first, periods=count, freq="7D"), "start": start, "end": end})


def small():
    workers = pd.DataFrame({"worker_id": ["a", "b"], "region": ["wallonia", "flanders"], "contract_hours": [38, 24],
                            "full_time_hours": [38, 40]})
    trainings = pd.DataFrame({"worker_id": ["a", "b", "a"], "training_id": ["t1", "t2", "t3"],
                              "type": ["professional", "professional", "general"],
                              "start": pd.to_datetime(["2020-09-07", "2020-09-14", "2020-09-08"]),
                              "school_year": ["2020-2021"] * 3})
    lessons = pd.concat([weekly("a", "t1", "2020-09-07", 25), weekly("b", "t2", "2020-09-14", 30),
                         weekly("a", "t3", "2020-09-08", 15)], ignore_index=True)
    return workers, trainings, lessons


def test_small_known_answers(engine):
    w, t, ls = small()
    out = engine.leave_hours_frame(w, t, ls)
    assert list(out.columns) == list(edurules.LEAVE_HOURS_COLUMNS)
    assert out.attended_hours.tolist() == [100.0, 120.0, 60.0]
    # worker b: VOV at 24/40 = 60% of the 125 h maximum -> 75 h (docs/rules.md 2.3)
    assert out.regime.astype(str).tolist() == ["wallonia_bev", "vov", "wallonia_bev"]
    assert out.granted_hours[1] == 75.0 and out.capped[1]
    # worker a: a professional and a general training share one cap (docs/rules.md 2.2:
    # a combination takes its own row); the row batch used to give each its own cap
    assert out.worker_cap_minutes[0] == out.worker_cap_minutes[2] > 0
    assert out.granted_minutes[0] + out.granted_minutes[2] == out.worker_granted_minutes[0] <= out.worker_cap_minutes[0]
    assert out.error.isna().all()


def test_alternating_full_and_part_time_weighs_each_period(engine):
    """wal.cep.faq: « Pour les travailleurs qui, durant l'année scolaire concernée, travaillent alternativement à temps
    plein et à temps partiel, le quota des heures ... est calculé proportionnellement à leur occupation effective »
    (leave.bev.alternating_employment, lesson_days). 30 weekly 2 h lessons from 2017-09-07: 34 h in 2017, 26 h after.
    WAL-down (full-time, then half-time on a variable schedule): 34 + 26/2 = 47 h (was 60 h); WAL-up (half-time on a
    fixed schedule, no right for a professional training outside working hours, then full-time): 26 h (was 0 h)."""
    workers = pd.DataFrame({"worker_id": ["down", "up"], "region": ["wallonia", "wallonia"]})
    jobs = pd.DataFrame({"worker_id": ["down", "down", "up", "up"],
                         "from": pd.to_datetime(["2010-01-01", "2018-01-01", "2010-01-01", "2018-01-01"]),
                         "to": pd.to_datetime(["2017-12-31", None, "2017-12-31", None]),
                         "contract_hours": [38, 19, 19, 38], "full_time_hours": 38,
                         "schedule": ["fixed", "variable", "fixed", "fixed"]})
    trainings = pd.DataFrame({"worker_id": ["down", "up"], "training_id": ["t", "t"],
                              "type": "professional", "school_year": "2017-2018"})
    lessons = pd.concat([weekly(w, "t", "2017-09-07", 30, "18:00", "20:00") for w in ("down", "up")],
                        ignore_index=True)
    out = engine.leave_hours_frame(workers, trainings, lessons, jobs=jobs)
    assert out.granted_hours.tolist() == [47.0, 26.0]
    assert out.error.isna().all()


def raises(cls, field, fn):
    with pytest.raises(cls) as info:
        fn()
    assert info.value.field == field, str(info.value)
    return info.value


def test_bad_inputs(engine):
    w, t, ls = small()
    hf = engine.leave_hours_frame
    raises(edurules.InvalidArgument, "workers.region", lambda: hf(w.drop(columns="region"), t, ls))
    raises(edurules.InvalidArgument, "workers.contract_hours", lambda: hf(w.drop(columns="contract_hours"), t, ls))
    # hours summed per training are not facts: the lessons are
    raises(edurules.InvalidArgument, "trainings.given_hours", lambda: hf(w, t.assign(given_hours=1)))
    raises(edurules.InvalidArgument, "lessons.attended", lambda: hf(w, t, ls.assign(attended=True)))
    raises(edurules.InvalidInput, "workers.region[1]", lambda: hf(w.assign(region=["wallonia", "mars"]), t, ls))
    raises(edurules.InvalidInput, "trainings.type[0]", lambda: hf(w, t.assign(type=["x", "general", "general"]), ls))
    raises(edurules.InvalidInput, "trainings.start[1]",
           lambda: hf(w, t.assign(start=["2020-09-07", "2020-02-30", "2020-09-07"]), ls))
    raises(edurules.InvalidInput, "trainings.school_year[0]",
           lambda: hf(w, t.assign(school_year=["2020-2022", "2020-2021", "2020-2022"]), ls))
    raises(edurules.InvalidInput, "trainings.school_year[2]",
           lambda: hf(w, t.assign(school_year=["2020-2021", "2020-2021", "2021-2022"]), ls))
    raises(edurules.InvalidInput, "trainings.worker_id[1]", lambda: hf(w, t.assign(worker_id=["a", "zz", "a"]), ls))
    raises(edurules.InvalidInput, "workers.worker_id[1]", lambda: hf(w.assign(worker_id=["a", "a"]), t, ls))
    raises(edurules.InvalidInput, "trainings.training_id[2]",
           lambda: hf(w, t.assign(training_id=["t1", "t2", "t1"]), ls))
    raises(edurules.InvalidArgument, "school_year", lambda: hf(w, t.drop(columns="school_year"), ls))
    # labels, not positions: a frame indexed by text
    lab = ls.set_axis([f"L{i}" for i in range(len(ls))])
    lab.loc["L1", "end"] = "25:00"
    raises(edurules.InvalidInput, "lessons.end[L1]", lambda: hf(w, t, lab))
    lab.loc["L1", "end"] = "22:00"
    lab.loc["L3", "date"] = pd.NaT
    raises(edurules.InvalidInput, "lessons.date[L3]", lambda: hf(w, t, lab))
    lab.loc["L3", "date"] = pd.Timestamp("2020-09-28")
    lab.loc["L2", "training_id"] = "nope"
    raises(edurules.InvalidInput, "lessons.training_id[L2]", lambda: hf(w, t, lab))


def test_refused_facts_and_flag_mode(engine):
    w, t, ls = small()
    # a lesson ending before it starts, or overlapping another: the worker is
    # refused as the JSON path refuses it (leave/facts.hpp), naming the lesson
    ls.loc[1, "end"] = "17:00"
    out = engine.leave_hours_frame(w, t, ls)
    assert out.error.tolist() == ["lessons row label 1 (position 1), column 'end': lesson_times", None, "lessons row label 1 (position 1), column 'end': lesson_times"]
    assert out.status.isna().tolist() == [True, False, True] and out.granted_minutes.isna().tolist() == [True, False, True]
    ls.loc[1, ["date", "end"]] = [ls.date[0], "22:00"]
    out = engine.leave_hours_frame(w, t, ls)
    assert out.error[0] == "lessons row label 1 (position 1), column 'start': lesson_overlap"
    # flag mode: an unreadable cell refuses its worker only
    w2 = w.assign(region=["wallonia", "mars"])
    out = engine.leave_hours_frame(w2, t, small()[2], errors="flag")
    assert out.error.tolist()[1].startswith("workers row label 1 (position 1), column 'region': unknown value")
    # a misspelt code names the nearest valid one (principle 5), as the JSON reader does
    out = engine.leave_hours_frame(w.assign(region=["wallonia", "walonia"]), t, small()[2], errors="flag")
    assert out.error.tolist()[1] == ("workers row label 1 (position 1), column 'region': unknown value 'walonia' "
                                     "(did you mean \"wallonia\"?); one of flanders, brussels, wallonia"), out.error.tolist()[1]
    assert out.error.isna().tolist() == [True, False, True] and out.granted_hours.notna().tolist() == [True, False, True]
    # a zero full-time week is refused as the JSON reader refuses it, naming the column (it was a bare job_minutes)
    out = engine.leave_hours_frame(w.assign(full_time_hours=[0, 40]), t, small()[2], errors="flag")
    zero = "workers row label 0 (position 0), column 'full_time_hours': must be more than 0"
    assert out.error.tolist() == [zero, None, zero]
    raises(edurules.InvalidInput, "workers.full_time_hours[0]",
           lambda: engine.leave_hours_frame(w.assign(full_time_hours=[0, 40]), t, small()[2]))


def test_absences_and_leave_taken(engine):
    w, t, ls = small()
    first = ls[ls.training_id == "t1"].date
    # 4 unjustified absences of 4 h in the first 3-month certificate period
    # (docs/rules.md 2.2: more than 10% unjustified suspends the right for 6 months)
    absences = pd.DataFrame({"worker_id": "a", "training_id": "t1", "date": first.iloc[1:5].to_numpy(),
                             "reason": "unjustified"})
    taken = pd.DataFrame({"worker_id": "a", "training_id": "t1", "date": first.iloc[[0]].to_numpy(), "leave_hours": [4]})
    out = engine.leave_hours_frame(w, t, ls, absences=absences, leave_taken=taken)
    assert "suspension_triggered" in out.reasons[0]
    assert out.worker_suspensions[0] >= 1 and out.taken_minutes[0] == 240
    assert out.attended_minutes[0] < 100 * 60
    # an absence on a day without a lesson is refused, naming the absence row
    bad = absences.assign(date=pd.Timestamp("2020-09-09"))
    out = engine.leave_hours_frame(w, t, ls, absences=bad)
    assert out.error[0] == "absences row label 0 (position 0), column 'date': absence_no_lesson" and out.error.isna()[1]


def test_empty_and_school_year_argument(engine):
    w, t, ls = small()
    empty = engine.leave_hours_frame(w.iloc[:0], t.iloc[:0].drop(columns="school_year"), ls.iloc[:0],
                                     school_year="2023-2024")
    assert empty.shape == (0, len(edurules.LEAVE_HOURS_COLUMNS))
    raises(edurules.InvalidArgument, "school_year",
           lambda: engine.leave_hours_frame(w, t.drop(columns="school_year"), ls, school_year="2023"))
    by_int = engine.leave_hours_frame(w, t.drop(columns="school_year"), ls, school_year=2020)
    assert (by_int.school_year == "2020-2021").all()
    categorical = engine.leave_hours_frame(w.assign(region=w.region.astype("category")),
                                           t.assign(type=t.type.astype("category")), ls)
    pd.testing.assert_frame_equal(categorical, engine.leave_hours_frame(w, t, ls))


def test_errors_name_the_index_label_and_the_position(engine):
    w, t, ls = small()
    w = w.set_axis([f"w-{i}" for i in range(len(w))])
    w.loc["w-1", "region"] = "mars"
    with pytest.raises(edurules.InvalidInput) as info:
        engine.leave_hours_frame(w, t, ls)
    assert str(info.value).startswith("workers row label 'w-1' (position 1), column 'region': ")
    assert (info.value.label, info.value.record) == ("w-1", 1)
    out = engine.leave_hours_frame(w, t, ls, errors="flag")
    assert out.error[1].startswith("workers row label 'w-1' (position 1), column 'region': unknown value")


def test_reasons_are_a_list_of_codes_per_row(engine):
    w, t, ls = small()
    out = engine.leave_hours_frame(w, t, ls)
    assert all(isinstance(r, tuple) and set(r) <= set(edurules.LEAVE_REASONS) for r in out.reasons)
    assert "capped" in out.reasons[1]
    text = engine.leave_hours_frame(w, t, ls, reasons="text")
    assert text.reasons.tolist() == [";".join(r) for r in out.reasons]
    assert out.reasons.explode().notna().any()  # the list column explodes to one code per row
    with pytest.raises(edurules.InvalidArgument):
        engine.leave_hours_frame(w, t, ls, reasons="bits")


@pytest.mark.parametrize("providers", [["P1", "P2"], [17, 18], pd.array([17, 18], dtype="Int64")])
def test_module_combination_provider_text_or_integer_ids(engine, providers):
    # Issue 12: VOV 2022-2023 lets modules of different providers reach the 32-hour minimum
    # together (rulebook leave.vov.module_combination.mode, source securex.2023); 20 h + 16 h.
    workers = pd.DataFrame({"worker_id": ["w"], "region": ["flanders"], "contract_hours": [38],
                            "full_time_hours": [38]})
    trainings = pd.DataFrame({"worker_id": ["w", "w"], "training_id": ["a", "b"],
                              "type": ["professional", "professional"], "school_year": ["2022-2023"] * 2,
                              "provider": providers, "module_code": ["M1", "M2"]})
    lessons = pd.concat([weekly("w", "a", "2022-09-12", 10, "18:00", "20:00"),
                         weekly("w", "b", "2022-10-04", 8, "18:00", "20:00")], ignore_index=True)
    out = engine.leave_hours_frame(workers, trainings, lessons)
    assert out.status.astype(str).tolist() == ["granted", "granted"]
    assert out.granted_hours.tolist() == [20.0, 16.0]
    # the same module code is never combined with itself; a missing provider is "not given"
    trainings["module_code"] = ["M1", "M1"]
    out = engine.leave_hours_frame(workers, trainings, lessons)
    assert out.status.astype(str).tolist() == ["not_eligible", "not_eligible"]
    trainings["module_code"] = ["M1", "M2"]
    trainings["provider"] = [None, None]
    out = engine.leave_hours_frame(workers, trainings, lessons)
    assert out.status.astype(str).tolist() == ["granted", "granted"]  # any provider in 2022-2023


def test_lessons_frame_is_optional(engine):
    """`lessons` defaults to None (hostile-input review: it raised on a
    missing column); with no lessons a training is refused with its reason."""
    w = pd.DataFrame({"worker_id": ["W1"], "region": ["wallonia"], "contract_hours": [38], "full_time_hours": [38]})
    t = pd.DataFrame({"worker_id": ["W1"], "training_id": ["T1"], "type": ["professional"],
                      "start": pd.to_datetime(["2023-09-10"])})
    r = engine.leave_hours_frame(w, t, None, school_year="2023-2024")
    assert len(r) == 1 and r.status.iloc[0] == "not_eligible" and r.error.iloc[0] is None
    assert "no_lessons_in_school_year" in r.reasons.iloc[0]


def _two_workers(**columns):
    """Two full-time workers with one professional training of 30 evening lessons each."""
    days = pd.date_range("2023-09-11", periods=30, freq="7D")
    w = pd.DataFrame({"worker_id": ["W1", "W2"], "region": ["flanders"] * 2, "contract_hours": [38, 38],
                      "full_time_hours": [38, 38], **columns})
    t = pd.DataFrame({"worker_id": ["W1", "W2"], "training_id": ["T1", "T1"], "type": ["professional"] * 2,
                      "start": ["2023-09-04"] * 2})
    ls = pd.DataFrame({"worker_id": ["W1"] * 30 + ["W2"] * 30, "training_id": ["T1"] * 60, "date": list(days) * 2,
                       "start": "18:00", "end": "21:00"})
    return w, t, ls


def test_hours_that_do_not_fit_64_bits_are_refused_not_wrapped(engine):
    """Hours x 60 used to wrap silently (2**62 + 38 hours came back as 38:
    5400 minutes granted; 2**62 hours as 0 minutes), uint64 above INT64_MAX
    wrapped to negative numbers and an object cell of 2**70 raised a raw
    RuntimeError. Each is now refused as the JSON path refuses it ("number of
    hours too large"), naming the cell, or flagged with errors="flag"."""
    big = 2**62 + 38
    hf = engine.leave_hours_frame
    w, t, ls = _two_workers(contract_hours=[big, 38], full_time_hours=[big, 38])
    e = raises(edurules.InvalidInput, "workers.contract_hours[0]", lambda: hf(w, t, ls, school_year="2023-2024"))
    assert "number of hours too large" in e.message
    out = hf(w, t, ls, school_year="2023-2024", errors="flag")
    assert out.granted_minutes.isna().tolist() == [True, False] and out.granted_minutes[1] == 5400
    assert "column 'contract_hours': number of hours too large: 4611686018427387942" in out.error[0]
    for cells in (pd.Series([2**70, 38], dtype=object), np.array([2**64 - 1, 38], dtype=np.uint64)):
        out = hf(*_two_workers(contract_hours=cells), school_year="2023-2024", errors="flag")
        assert "column 'contract_hours': number of hours too large" in out.error[0] and out.error[1] is None
    out = hf(*_two_workers(bev_reimbursed_elsewhere_hours=[2**62, 0]), school_year="2023-2024", errors="flag")
    assert "column 'bev_reimbursed_elsewhere_hours': number of hours too large" in out.error[0]
    w, t, ls = _two_workers()
    for table, frame in (("absences", {"absent_hours": [2**62], "reason": ["illness"]}),
                         ("leave_taken", {"leave_hours": [2**62]}),
                         ("leave_taken", {"leave_minutes": np.array([2**64 - 1], dtype=np.uint64)})):
        items = pd.DataFrame({"worker_id": ["W1"], "training_id": ["T1"], "date": ["2023-09-11"], **frame})
        out = hf(w, t, ls, school_year="2023-2024", errors="flag", **{table: items})
        assert out.error[0].startswith(f"{table} row label 0 (position 0)") and "too large" in out.error[0]
        assert out.error[1] is None and out.granted_minutes[1] == 5400
    # a uint64 date of 2**64 - 1 is not 1969-12-31
    out = hf(*_two_workers(new_job_on=np.array([2**64 - 1] * 2, dtype=np.uint64)), school_year="2023-2024",
             errors="flag")
    assert out.error.str.contains("column 'new_job_on': outside the supported range").all()


def test_boolean_hours_are_refused(engine):
    """True is not one hour: a bool column is the wrong dtype (named as the
    caller wrote it), a bool cell in an object column a bad cell."""
    hf = engine.leave_hours_frame
    e = raises(edurules.InvalidArgument, "workers.contract_hours",
               lambda: hf(*_two_workers(contract_hours=[True, True]), school_year="2023-2024", errors="flag"))
    assert "dtype bool" in e.message
    out = hf(*_two_workers(contract_hours=pd.Series([True, 38], dtype=object)), school_year="2023-2024",
             errors="flag")
    assert out.error[0].endswith("column 'contract_hours': expected a number, got True") and out.error[1] is None


def test_bev_hours_reimbursed_in_another_region_reduce_the_cap_on_every_face(engine):
    """A worker moving from a Walloon to a Brussels establishment unit on
    2023-01-01 is entered in Brussels with the 51 h reimbursed in Wallonia
    (bev_reimbursed_elsewhere_hours). bru.transfert,
    https://economy-employment.brussels/node/2200: « Au maximum, le nombre
    d'heures signalé à la Région B est le solde d'heures à la date de transfert
    du travailleur »: 100 - 51 = 49 h (was 81 h: the field was read only by
    VOV). The JSON request and the frames (the C facts batch underneath) say
    the same."""
    days = pd.date_range("2023-01-03", periods=27, freq="7D")
    w = pd.DataFrame({"worker_id": ["B"], "region": ["brussels"], "bev_reimbursed_elsewhere_hours": ["51"]})
    jobs = pd.DataFrame({"worker_id": ["B"], "from": ["2023-01-01"], "contract_hours": [38], "full_time_hours": [38]})
    t = pd.DataFrame({"worker_id": ["B"], "training_id": ["T"], "type": ["professional"], "start": ["2022-09-06"]})
    ls = pd.DataFrame({"worker_id": ["B"] * 27, "training_id": ["T"] * 27, "date": days, "start": "18:00",
                       "end": "21:00"})
    frame = engine.leave_hours_frame(w, t, ls, jobs=jobs, school_year="2022-2023")
    assert frame.granted_minutes.tolist() == [49 * 60] and "capped" in frame.reasons[0]
    worker = {"id": "B", "establishment_unit": {"region": "brussels"}, "bev_reimbursed_elsewhere_hours": "51",
              "jobs": [{"from": "2023-01-01", "contract_per_week_hours": "38", "full_time_per_week_hours": "38"}],
              "trainings": [{"id": "T", "type": "professional", "start": "2022-09-06",
                             "lessons": [{"date": str(d.date()), "start": "18:00", "end": "21:00"} for d in days]}]}
    single = engine.leave_evaluate([worker], "2022-2023", explain=True)["workers"][0]
    assert single["granted"]["hours"] == "49"
    assert single["trainings"][0]["reimbursement"]["amount"] == "1081.43"  # 49 h x 22.07
    steps = [s for s in single["explanation"] if s["rule"] == "leave.hours.bev_reimbursed_elsewhere"]
    assert steps and steps[0]["parameters"][0]["name"] == "leave.bev.cap_less_hours_reimbursed_elsewhere"


def test_float_hours_are_whole_minutes_only_as_the_value_they_stand_for(engine):
    """Float hours within 1e-6 minutes of a whole minute were rounded
    (19.50000000005 h read as 1170 minutes, 1e-300 h as 0) while the JSON path
    refuses "19.50000000005": a float is now a whole number of minutes (cents,
    whole units) only within 4 ulps of that value's double, and 0 only when
    it is 0, the one rule of the PE and account frames (probe41 f1, f4)."""
    hf = engine.leave_hours_frame
    for bad in (19.50000000005, 1e-300, 38.0000001):
        out = hf(*_two_workers(contract_hours=[bad, 38.0]), school_year="2023-2024", errors="flag")
        assert "column 'contract_hours': hours must be a whole number of minutes" in out.error[0], (bad, out.error[0])
        assert out.error[1] is None
    out = hf(*_two_workers(contract_hours=[0.1 + 0.2 + 37.7, 1 / 3 + 37 + 2 / 3]), school_year="2023-2024",
             errors="flag")
    assert out.error.isna().all() and out.granted_minutes.tolist() == [5400, 5400]
    e = raises(edurules.InvalidInput, "workers.contract_hours[0]",
               lambda: hf(*_two_workers(contract_hours=[19.50000000005, 38.0]), school_year="2023-2024"))
    assert "19.50000000005" in e.message


def test_leave_evaluate_follows_the_documents_explain_unless_told(engine):
    """One rule for every face: the caller's explain=True/False wins, else the
    document's own "explain" member (its kind's default without one), as the
    request path (edurules request, the C ABI) reads it. leave_evaluate gave
    28 explanations for a document saying "explain": false."""
    import json

    def count(result):
        return json.dumps(result).count('"explanation"')

    doc = json.loads(LEAVE_JSON.read_text())
    silent = dict(doc, explain=False)
    via_request = engine.evaluate(dict(silent, kind="leave.evaluate"))["result"]
    assert count(via_request) == 0
    assert count(engine.leave_evaluate(silent)) == 0
    assert count(engine.leave_evaluate(silent, explain=True)) > 0
    loud = dict(doc, explain=True)
    assert count(engine.leave_evaluate(loud)) == count(engine.evaluate(dict(loud, kind="leave.evaluate"))["result"]) > 0
    assert count(engine.leave_evaluate(loud, explain=False)) == 0
    bare = {k: v for k, v in doc.items() if k != "explain"}
    assert count(engine.leave_evaluate(bare)) == count(engine.evaluate(dict(bare, kind="leave.evaluate"))["result"]) > 0

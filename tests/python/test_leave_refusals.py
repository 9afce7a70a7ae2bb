"""Leave hours frames refuse what the JSON reader refuses, naming frame, row and
column, and never read a missing or invalid cell as a default (parity probe
findings: a missing training type decided as "professional", absent_minutes
-1 read as the C ABI's "whole day" marker, refusals without a column, decimal
text refused where JSON takes it, refused rows counted as 0 in sums)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import edurules

DAYS = pd.date_range("2023-09-11", periods=12, freq="7D")


def frames():
    """One full-time Flemish worker with one professional training of 12 evening lessons."""
    w = pd.DataFrame({"worker_id": ["w1", "w2"], "region": ["flanders"] * 2, "school_year": ["2023-2024"] * 2})
    j = pd.DataFrame({"worker_id": ["w1", "w2"], "from": pd.to_datetime(["2015-01-01"] * 2),
                      "contract_minutes": [2280, 2280], "full_time_minutes": [2280, 2280]})
    t = pd.DataFrame({"worker_id": ["w1", "w2"], "training_id": ["t1", "t1"], "type": ["professional"] * 2})
    ls = pd.concat([pd.DataFrame({"worker_id": w, "training_id": "t1", "date": DAYS, "start": "18:00", "end": "21:00"})
                    for w in ("w1", "w2")], ignore_index=True)
    return w, j, t, ls


def doc(job=None, worker=None, training=None, absences=None, school_year="2023-2024"):
    """The same facts (worker w1) as a leave.evaluate request."""
    return {"kind": "leave.evaluate", "school_year": school_year, "workers": [{
        "id": "w1", "establishment_unit": {"region": "flanders"}, **(worker or {}),
        "jobs": [job or {"from": "2015-01-01", "contract_per_week_minutes": 2280, "full_time_per_week_minutes": 2280}],
        "trainings": [{"id": "t1", "type": "professional", "absences": absences or [], **(training or {}),
                       "lessons": [{"date": str(d.date()), "start": "18:00", "end": "21:00"} for d in DAYS]}]}]}


def json_refusal(engine, request):
    """The JSON reader's message for `request` (after the field)."""
    with pytest.raises(edurules.InvalidInput) as info:
        engine.evaluate(request)
    return info.value.message


def flagged(engine, **kw):
    """Worker w1's error with errors="flag"; w2 (the same facts, all good) must be decided."""
    w, j, t, ls = frames()
    out = engine.leave_hours_frame(kw.pop("workers", w), kw.pop("trainings", t), ls, jobs=kw.pop("jobs", j),
                                   errors="flag", **kw)
    assert out.error[1] is None and out.granted_minutes[1] > 0, out.error[1]
    assert pd.isna(out.granted_minutes[0]) and out.error[0] is not None
    return out.error[0]


def raised(engine, **kw):
    w, j, t, ls = frames()
    with pytest.raises(edurules.InvalidInput) as info:
        engine.leave_hours_frame(kw.pop("workers", w), kw.pop("trainings", t), ls, jobs=kw.pop("jobs", j), **kw)
    return info.value


@pytest.mark.parametrize("missing", [None, np.nan, "categorical"])
def test_a_missing_training_type_is_refused_as_json_refuses_it_never_read_as_professional(engine, missing):
    w, j, t, ls = frames()
    t = t.astype({"type": object})
    t.loc[0, "type"] = None if missing == "categorical" else missing
    if missing == "categorical":
        t["type"] = pd.Categorical(t["type"], categories=edurules.LEAVE_TRAINING_TYPES)
    assert json_refusal(engine, {**doc(), "workers": [{**doc()["workers"][0], "trainings": [
        {**doc()["workers"][0]["trainings"][0], "type": None}]}]}) == "missing"
    e = raised(engine, trainings=t)
    assert (e.field, e.message) == ("trainings.type[0]", "missing")  # same refusal as the JSON reader
    assert flagged(engine, trainings=t) == "trainings row label 0 (position 0), column 'type': missing"


@pytest.mark.parametrize("table,column,value", [
    ("workers", "region", None), ("workers", "school_year", None), ("workers", "school_year", np.nan),
    ("jobs", "contract_minutes", np.nan), ("jobs", "from", pd.NaT)])
def test_missing_cells_of_required_columns_are_refused_naming_the_column(engine, table, column, value):
    w, j, t, ls = frames()
    frame = (w if table == "workers" else j).astype({column: object})
    frame.loc[0, column] = value
    error = flagged(engine, **{table: frame})
    assert error.startswith(f"{table} row label 0 (position 0), column '{column}': missing"), error


def test_a_missing_lesson_time_is_named_missing(engine):
    w, j, t, ls = frames()
    ls = ls.astype({"start": object})
    ls.loc[3, "start"] = None
    out = engine.leave_hours_frame(w, t, ls, jobs=j, errors="flag")
    assert out.error[0] == "lessons row label 3 (position 3), column 'start': missing" and out.error[1] is None


@pytest.mark.parametrize("minutes", [-1, -5])
def test_negative_absent_minutes_are_refused_as_json_refuses_them_not_read_as_the_whole_day(engine, minutes):
    w, j, t, ls = frames()
    absences = pd.DataFrame({"worker_id": ["w1"], "training_id": ["t1"], "date": DAYS[:1], "reason": ["unjustified"],
                             "absent_minutes": [minutes]})
    want = json_refusal(engine, doc(absences=[{"date": "2023-09-11", "reason": "unjustified",
                                              "absent_minutes": minutes}]))
    assert want == f"a duration cannot be negative: {minutes}"
    e = raised(engine, absences=absences)
    assert (e.field, e.message) == ("absences.absent_minutes[0]", want)  # same refusal as the JSON reader
    assert flagged(engine, absences=absences) == f"absences row label 0 (position 0), column 'absent_minutes': {want}"
    # a missing length is the whole day, as an absent member is in JSON
    whole = engine.leave_hours_frame(w, t, ls, jobs=j, absences=absences.assign(absent_minutes=[np.nan]))
    assert whole.error.isna().all() and whole.attended_minutes[0] == whole.attended_minutes[1] - 180


@pytest.mark.parametrize("reason", [None, "holiday_abroad"])
def test_a_missing_or_unknown_absence_reason_names_the_reason_column(engine, reason):
    absences = pd.DataFrame({"worker_id": ["w1"], "training_id": ["t1"], "date": DAYS[:1], "reason": [reason],
                             "absent_minutes": [60]})
    message = flagged(engine, absences=absences)
    assert message.startswith("absences row label 0 (position 0), column 'reason'"), message


@pytest.mark.parametrize("table,column,value,meant,json_doc", [
    ("workers", "sector", "privat", "private", {"worker": {"sector": "privat"}}),
    ("trainings", "language_kind", "nationl", "national", {"training": {"type": "language", "language_kind": "nationl"}}),
])
def test_a_misspelt_sector_or_language_kind_is_refused_with_the_nearest_word_as_json_refuses_it(
        engine, table, column, value, meant, json_doc):
    """Principle 5: closed words (the rulebook's allowed sectors and language kinds) are refused, never decided as
    another word ("privat": no right, 0 h; "nationl": the ordinary cap of reformed Brussels)."""
    w, j, t, ls = frames()
    frame = (w if table == "workers" else t).copy()
    frame[column] = [value, meant]
    want = json_refusal(engine, doc(**json_doc))
    assert want.startswith(f'unknown value "{value}" (did you mean "{meant}"?); one of '), want
    assert flagged(engine, **{table: frame}) == f"{table} row label 0 (position 0), column '{column}': {want}"
    e = raised(engine, **{table: frame})
    assert (e.field, e.message) == (f"{table}.{column}[0]", want)
    categorical = frame.assign(**{column: pd.Categorical(frame[column])})  # the same words as categories
    assert flagged(engine, **{table: categorical}) == f"{table} row label 0 (position 0), column '{column}': {want}"


@pytest.mark.parametrize("value", ['priv"ate', "a\\b", "x\ny"])
def test_a_refused_word_is_quoted_as_json_text_on_both_faces(engine, value):
    """One text for the refusal (leave::unknown_word_message): the value quoted as JSON text, so that a quote,
    a backslash or a line break in it reads unambiguously (the frame quoted it raw: "priv"ate")."""
    w, j, t, ls = frames()
    want = json_refusal(engine, doc(worker={"sector": value}))
    assert want.startswith("unknown value " + __import__("json").dumps(value)), want
    assert flagged(engine, workers=w.assign(sector=[value, "private"])) == (
        f"workers row label 0 (position 0), column 'sector': {want}")


def test_an_empty_language_kind_is_not_given_on_both_faces(engine):
    """check_language_kinds reads an empty language kind as not given (JSON: the training's cap as without it);
    the frame refused it as an unknown word (a probe's finding)."""
    w, j, t, ls = frames()
    t = t.assign(type="language", language_kind=["", ""])
    out = engine.leave_hours_frame(w, t, ls, jobs=j)
    assert out.error.isna().all(), out.error.tolist()
    single = engine.evaluate(doc(training={"type": "language", "language_kind": ""}))
    granted = single["result"]["workers"][0]["trainings"][0]["hours"]["granted"]["minutes"]
    assert out.granted_minutes[0] == granted > 0


def test_the_known_sector_public_is_decided_without_a_right_not_refused(engine):
    w, j, t, ls = frames()
    out = engine.leave_hours_frame(w.assign(sector=["public", "private"]), t, ls, jobs=j)
    assert out.error.isna().all()
    assert out.regime.tolist() == ["none", "vov"] and out.granted_minutes[0] == 0


@pytest.mark.parametrize("table,column,value,json_doc,json_field", [
    ("workers", "monthly_wage", -1.0, {"worker": {"monthly_wage": "-1"}}, "monthly_wage"),
    ("jobs", "contract_minutes", -60, {"job": {"from": "2015-01-01", "contract_per_week_minutes": -60,
                                               "full_time_per_week_minutes": 2280}}, "contract_per_week_minutes"),
    ("jobs", "full_time_minutes", 0, {"job": {"from": "2015-01-01", "contract_per_week_minutes": 2280,
                                              "full_time_per_week_minutes": 0}}, "full_time_per_week_minutes"),
    ("jobs", "contract_minutes", 10081, {"job": {"from": "2015-01-01", "contract_per_week_minutes": 10081,
                                                 "full_time_per_week_minutes": 2280}}, "contract_per_week_minutes"),
])
def test_refusals_name_the_column_and_say_what_json_says(engine, table, column, value, json_doc, json_field):
    w, j, t, ls = frames()
    frame = (w if table == "workers" else j).copy()
    frame[column] = [value, frame[column][1] if column in frame else np.nan]
    want = json_refusal(engine, doc(**json_doc))
    error = flagged(engine, **{table: frame})
    prefix = f"{table} row label 0 (position 0), column '{column}': "
    assert error.startswith(prefix + want), (error, want)  # the JSON reader's words (the frame adds the value)
    e = raised(engine, **{table: frame})
    assert e.field == f"{table}.{column}[0]"


def test_a_school_year_the_rulebook_does_not_cover_is_named_as_json_names_it(engine):
    w, j, t, ls = frames()
    want = json_refusal(engine, doc(school_year="2011-2012"))
    assert "before the first the rulebook covers" in want
    for year in (2011, "2011-2012"):
        error = flagged(engine, workers=w.assign(school_year=[year, "2023-2024"]))
        assert error == f"workers row label 0 (position 0), column 'school_year': {want}"  # not a bare bad_date
        e = raised(engine, workers=w.assign(school_year=[year, "2023-2024"]))
        assert (e.field, e.message) == ("workers.school_year[0]", want)
    with pytest.raises(edurules.InvalidArgument) as info:  # the argument: named as the argument
        engine.leave_hours_frame(w.drop(columns="school_year"), t, ls, jobs=j, school_year="2011-2012")
    assert (info.value.field, info.value.message) == ("school_year", want)


def test_refused_rows_carry_missing_amounts_not_zero(engine):
    w, j, t, ls = frames()
    out = engine.leave_hours_frame(w.assign(monthly_wage=[-1.0, 3000.0]), t, ls, jobs=j, errors="flag")
    assert out.error[0] is not None and out.error[1] is None
    amounts = [c for c in edurules.LEAVE_HOURS_COLUMNS if c.endswith(("_minutes", "_cents")) or c.startswith("worker_")
               and c != "worker_id"]
    for c in amounts:
        assert pd.isna(out[c][0]), c  # missing, as the JSON path's null: not 0
        assert not pd.isna(out[c][1]), c
    assert out.reimbursement_cents.sum() == out.reimbursement_cents[1] > 0
    assert pd.isna(out.reimbursement_cents.sum(skipna=False))


@pytest.mark.parametrize("text,number", [("38", 38), ("19.5", 19.5), ("0.25", 0.25)])
def test_decimal_text_hours_are_read_as_json_reads_them(engine, text, number):
    w, j, t, ls = frames()
    j = j.drop(columns=["contract_minutes", "full_time_minutes"]).assign(full_time_hours=[38, 38])
    by_text = engine.leave_hours_frame(w, t, ls, jobs=j.assign(contract_hours=[text, text]))
    by_number = engine.leave_hours_frame(w, t, ls, jobs=j.assign(contract_hours=[number, number]))
    pd.testing.assert_frame_equal(by_text, by_number)
    assert by_text.error.isna().all()


def test_decimal_text_wage_is_read_as_json_reads_it_and_money_is_worded_as_money(engine):
    w, j, t, ls = frames()
    by_text = engine.leave_hours_frame(w.assign(monthly_wage=["3000.50", "3000.50"]), t, ls, jobs=j)
    by_number = engine.leave_hours_frame(w.assign(monthly_wage=[3000.5, 3000.5]), t, ls, jobs=j)
    pd.testing.assert_frame_equal(by_text, by_number)
    want = json_refusal(engine, doc(worker={"monthly_wage": "3000.005"}))
    for wage in (3000.005, "3000.005"):
        error = flagged(engine, workers=w.assign(monthly_wage=[wage, 3000]))
        assert error.startswith(f"workers row label 0 (position 0), column 'monthly_wage': {want}"), error
        assert "minutes" not in error
    # hours: the JSON reader's words for a value that is not whole minutes
    jh = j.drop(columns=["contract_minutes", "full_time_minutes"]).assign(full_time_hours=[38, 38])
    want = json_refusal(engine, doc(job={"from": "2015-01-01", "contract_per_week_hours": "19.501",
                                         "full_time_per_week_hours": "38"}))
    error = flagged(engine, jobs=jh.assign(contract_hours=["19.501", "19.5"]))
    assert error == f"jobs row label 0 (position 0), column 'contract_hours': {want.replace(chr(34), chr(39))}"


def test_text_minutes_are_refused_as_json_refuses_them(engine):
    w, j, t, ls = frames()
    want = json_refusal(engine, doc(job={"from": "2015-01-01", "contract_per_week_minutes": "2280",
                                         "full_time_per_week_minutes": 2280}))
    assert want == 'expected a whole number, got "2280"'
    error = flagged(engine, jobs=j.assign(contract_minutes=["2280", 2280]))
    assert error == "jobs row label 0 (position 0), column 'contract_minutes': expected a whole number, got '2280'"


def test_categorical_columns_are_read_as_their_values_and_missing_ones_refused(engine):
    """A Categorical school year, date or clock time (read_csv(dtype="category")) was refused whole
    ("expected a one-dimensional column"); it reads as its values, and a missing one is named."""
    w, j, t, ls = frames()
    plain = engine.leave_hours_frame(w, t, ls, jobs=j)
    as_categories = engine.leave_hours_frame(w.astype({"school_year": "category"}), t,
                                             ls.astype({"start": "category", "end": "category"}), jobs=j)
    pd.testing.assert_frame_equal(plain, as_categories)
    error = flagged(engine, workers=w.assign(school_year=pd.Categorical([None, "2023-2024"])))
    assert error == "workers row label 0 (position 0), column 'school_year': missing"


def test_a_school_year_after_the_rulebook_is_refused_as_json_refuses_it(engine):
    """2027-2028 was answered at the last known rates (leave.coverage.last_day,
    2027-08-31, ends the covered years); the frames name the cell with the
    JSON reader's words, as for 2011-2012."""
    w, j, t, ls = frames()
    want = json_refusal(engine, doc(school_year="2027-2028"))
    assert "after the last the rulebook covers, 2026-2027" in want and "2012-2013 to 2026-2027" in want
    for year in (2027, "2027-2028"):
        error = flagged(engine, workers=w.assign(school_year=[year, "2023-2024"]))
        assert error == f"workers row label 0 (position 0), column 'school_year': {want}"


@pytest.mark.parametrize("table, spelt, column, value", [
    ("trainings", "coinciding_with_work", "coinciding", True),
    ("trainings", "raised_cap", "raised", "shortage_occupation"),
    ("lessons", "coinciding_with_work", "coinciding", True),
    ("jobs", "contract_per_week_minutes", "contract_minutes", 2280),
    ("workers", "establishment_unit", "region", "flanders"),
])
def test_a_column_named_as_the_json_member_is_refused_naming_the_frame_column(engine, table, spelt, column, value):
    """A frame column spelt as the JSON request spells the member
    (coinciding_with_work for coinciding, raised_cap for raised) was left out
    silently and the answer changed (hostile-input probe: granted 3240 -> 0
    min): it is refused naming the frame's column."""
    w, j, t, ls = frames()
    frames_by = {"workers": w, "jobs": j, "trainings": t, "lessons": ls}
    frames_by[table] = frames_by[table].assign(**{spelt: value})
    with pytest.raises(edurules.InvalidArgument, match=f"reads '{column}'") as e:
        engine.leave_hours_frame(frames_by["workers"], frames_by["trainings"], frames_by["lessons"],
                                 jobs=frames_by["jobs"])
    assert e.value.field == f"{table}.{spelt}"


def test_a_lesson_without_its_training_names_the_key_part_at_fault(engine=None):
    """A lesson of a worker the workers frame lacks is refused on its
    worker_id; one of a known worker naming a training that worker lacks, on
    its training_id (both were 'training_id: no such key in trainings')."""
    engine = engine or edurules.Engine()
    w, j, t, ls = frames()
    stray = ls.copy()
    stray.loc[3, "worker_id"] = "w9"
    with pytest.raises(edurules.InvalidInput) as info:
        engine.leave_hours_frame(w, t, stray, jobs=j)
    assert info.value.field == "lessons.worker_id[3]" and "no worker 'w9' in workers" in str(info.value)
    stray = ls.copy()
    stray.loc[5, "training_id"] = "t7"
    with pytest.raises(edurules.InvalidInput) as info:
        engine.leave_hours_frame(w, t, stray, jobs=j)
    assert info.value.field == "lessons.training_id[5]"
    assert "no training 't7' of worker 'w1' in trainings" in str(info.value)


def test_a_contract_above_full_time_is_refused_on_both_faces(engine):
    """A job of 39 h a week against a 38 h full time (an employment share above
    1, which a probe saw granted the full cap as 102.63%) is refused by the JSON
    reader naming the contract, and the frame flags the worker's job row with
    the facts problem job_above_full_time (leave/facts.hpp check_facts)."""
    words = json_refusal(engine, doc(job={"from": "2015-01-01", "contract_per_week_hours": "39",
                                          "full_time_per_week_hours": "38"}))
    assert "more than full time" in words
    with pytest.raises(edurules.InvalidInput) as info:
        engine.evaluate(doc(job={"from": "2015-01-01", "contract_per_week_hours": "39",
                                 "full_time_per_week_hours": "38"}))
    assert info.value.field == "workers[0].jobs[0].contract_per_week_hours"
    w, j, t, ls = frames()
    j.loc[0, "contract_minutes"] = 2340
    assert "job_above_full_time" in flagged(engine, jobs=j)


def test_a_wage_too_large_is_said_too_large_and_a_flag_shows_its_value_as_written(engine):
    """A probe: a monthly wage of 2^53 (two decimals, not negative) was refused as
    "expected a non-negative amount with at most 2 decimals", and an integer flag
    column value 2 was shown as "2.000000"."""
    assert json_refusal(engine, doc(worker={"monthly_wage": "9007199254740992"})).startswith("too large: at most ")
    assert "at most 2 decimals" in json_refusal(engine, doc(worker={"monthly_wage": "1.005"}))
    w, j, t, ls = frames()
    error = flagged(engine, trainings=t.assign(recognised=[2, 1]))
    assert error.endswith("column 'recognised': expected true or false, got 2"), error


def test_a_worker_the_rulebook_cannot_decide_is_refused_naming_the_parameter_as_json_names_it():
    """A value in its own range can leave another parameter without a value on
    the day a rule reads it (a probe: leave.brussels.reference_month = 1 makes
    the Brussels reform's min_fraction be read on 2023-01-01, before its first
    value). JSON fails the request naming that parameter; the frame's row said
    only "no_rule" and now carries the same words."""
    engine = edurules.Engine(overrides={"leave.brussels.reference_month": 1})
    request = doc()
    request["workers"][0]["establishment_unit"]["region"] = "brussels"
    with pytest.raises(edurules.Error) as info:
        engine.evaluate(request)
    said = str(info.value)
    assert "leave.brussels.min_fraction" in said, said
    w, j, t, ls = frames()
    out = engine.leave_hours_frame(w.assign(region="brussels"), t, ls, jobs=j, errors="flag")
    assert out.error[0].startswith("no_rule: ") and "leave.brussels.min_fraction" in out.error[0], out.error[0]

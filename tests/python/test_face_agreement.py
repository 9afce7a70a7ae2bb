"""The Python faces agree with the JSON path (an independent tester's
findings): the same input through a frame and through a JSON request gives
the same answer or the same refusal, and a frame's refusal names frame, row
(label and position) and column."""
from __future__ import annotations

import copy
import datetime as dt
import decimal

import numpy as np
import pandas as pd
import pytest

import edurules
from conftest import SAMPLE_DATE

# --- the account frame: dates the JSON path reads (to 9999-12-31) -------------


def _account(rows=1, **columns):
    """Rows of a full-timer's job from 2024 at an employer of 25 FTE (fallback), with `columns` in their place."""
    base = {"year": [2025] * rows, "reference_fte": ["25"] * rows, "reference_quarters": [0] * rows,
            "from": ["2024-01-01"] * rows, "contract_minutes": [2280] * rows, "full_time_minutes": [2280] * rows}
    base.update(columns)
    return pd.DataFrame(base)


def _account_json(engine, job):
    """The 2025 year of one worker with `job`, by an account.right JSON request (fallback FTE 25)."""
    req = {"kind": "account.right", "date": "2025-12-31", "explain": False, "employer": {"fallback_fte": "25"},
           "workers": [{"id": "A", "jobs": [dict(job, contract_per_week_minutes=2280,
                                                 full_time_per_week_minutes=2280)]}]}
    return next((y for y in engine.evaluate(req)["result"]["workers"][0]["years"] if y["year"] == 2025), None)


@pytest.mark.parametrize("to", ["9999-12-31", dt.date(9999, 12, 31), np.datetime64("9999-12-31"),
                                np.datetime64("9999-12-31T12:00:00")])
def test_account_frame_reads_dates_to_9999_as_the_json_path(engine, to):
    """"to": "9999-12-31" (the usual open end) is read by the JSON path; the
    frame refused it (outside 1900-01-01..2200-12-31, a bound for results in
    datetime64[ns], which the account frame has none of; then the batch's
    day 2900000). Text, date objects and numpy datetime64 cells of any unit
    are read without going through nanoseconds (which stop at 2262)."""
    json = _account_json(engine, {"from": "2024-01-01", "to": "9999-12-31"})
    out = edurules.account_right_frame(engine, _account(to=pd.Series([to], dtype=object)))
    assert out.status.tolist() == [0]
    assert out.months.tolist() == [json["months"]] == [12]
    assert out.credit_minutes.tolist() == [json["credit"]["minutes"]]
    assert out.size_class.astype(str).tolist() == [json["size_class"]]
    # a job starting on the calendar's last day, as the JSON path reads it: no month of 2025
    late = edurules.account_right_frame(engine, _account(**{"from": ["9999-12-31"]}))
    assert late.status.tolist() == [0] and late.months.tolist() == [0] and late.credit_minutes.tolist() == [0]
    assert _account_json(engine, {"from": "9999-12-31"}) is None


def test_account_frame_reads_datetime64_columns_of_days(engine):
    """A datetime64 column of a unit coarser than ns (pandas 2) is read in
    its own unit; pandas 1 keeps only ns, and 9999 then stays text."""
    try:
        to = pd.Series(np.array(["9999-12-31"], dtype="datetime64[s]"))
    except (pd.errors.OutOfBoundsDatetime, ValueError):
        pytest.skip("this pandas holds datetime64 only in ns")
    if to.dtype != np.dtype("datetime64[s]"):
        pytest.skip("this pandas holds datetime64 only in ns")
    assert edurules.account_right_frame(engine, _account(to=to)).months.tolist() == [12]


def test_account_frame_dates_outside_the_json_range_are_refused_naming_frame_row_and_column(engine):
    """Dates before 1900-01-01 are refused, as the JSON path refuses them;
    the words name frame, row and column as every other column's do (they
    read "to row label 0 (position 0): ...")."""
    with pytest.raises(edurules.InvalidInput) as e:
        edurules.account_right_frame(engine, _account(**{"from": ["1899-12-31"]}).set_axis(["w1"]))
    assert e.value.field == "frame.from[w1]" and e.value.record == 0 and e.value.label == "w1"
    assert str(e.value) == ("frame row label 'w1' (position 0), column 'from': 1899-12-31 is outside the supported "
                            "range 1900-01-01..9999-12-31")
    with pytest.raises(edurules.InvalidInput) as e:
        edurules.account_right_frame(engine, _account(to=["2024-13-01"]))
    assert e.value.field == "frame.to[0]"
    assert str(e.value).startswith("frame row label 0 (position 0), column 'to': not a date: '2024-13-01'")
    with pytest.raises(edurules.InvalidInput) as e:
        edurules.account_right_frame(engine, _account(**{"from": [None]}))
    assert str(e.value) == "frame row label 0 (position 0), column 'from': missing date"
    with pytest.raises(edurules.InvalidArgument) as e:
        edurules.account_right_frame(engine, _account(to=[1.5]))
    assert e.value.field == "frame.to"


# --- the account frame: pandas nullable integers ----------------------------------


def test_account_frame_reads_nullable_integer_columns(engine):
    """A nullable Int64 column was refused ("expected whole numbers, got
    dtype object") although the PE and leave frames read it."""
    plain = edurules.account_right_frame(engine, _account(joint_committee=[200], worker=[7]))
    nullable = _account(joint_committee=[200], worker=[7]).astype(
        {"year": "Int64", "reference_quarters": "Int32", "contract_minutes": "Int64", "full_time_minutes": "UInt16",
         "joint_committee": "Int64", "worker": "Int64"})
    pd.testing.assert_frame_equal(edurules.account_right_frame(engine, nullable), plain)


def test_account_frame_missing_nullable_cells_are_read_as_the_json_path_reads_an_absent_member(engine):
    """A missing joint committee or employer week is the member left out of
    the JSON request (no committee, the rulebook's day: 0 in the batch); a
    missing cell of a required column (or of the worker id) is refused
    naming frame, row and column."""
    two = _account(2).set_axis(["a", "b"])
    none = edurules.account_right_frame(engine, two)
    given = two.assign(joint_committee=pd.array([None, 200], dtype="Int64"),
                       employer_full_time_minutes=pd.array([None, pd.NA], dtype="Int64"))
    out = edurules.account_right_frame(engine, given)
    pd.testing.assert_frame_equal(out.iloc[:1], none.iloc[:1])
    assert out.status.tolist() == [0, 0]
    for column in ("year", "reference_quarters", "contract_minutes", "full_time_minutes", "worker"):
        bad = two.assign(**{column: pd.array([1, None], dtype="Int64")})
        with pytest.raises(edurules.InvalidInput) as e:
            edurules.account_right_frame(engine, bad)
        assert e.value.field == f"frame.{column}[b]" and e.value.record == 1
        assert str(e.value) == f"frame row label 'b' (position 1), column '{column}': missing"


# --- float32 cells read at float32 precision -----------------------------------------


def test_float32_points_are_read_as_the_decimal_they_print_as(engine):
    """np.float32(1.1) was widened to 1.100000023841858 and refused ("points
    have at most two decimals"); float64 1.1 and JSON 1.1 are 1.10 points."""
    people = pd.DataFrame({"seu_number": ["S0", "S1"], "diploma_date": pd.to_datetime(["2024-03-15"] * 2)})
    comps = pd.DataFrame({"seu_number": ["S0", "S1", "S1"],
                          "completed": pd.to_datetime(["2024-04-01", "2024-05-01", "2024-06-01"]),
                          "points": [1.1, 2.35, 0.7]})
    wide = engine.pe_status_frame(people, comps, SAMPLE_DATE)
    narrow = engine.pe_status_frame(people, comps.astype({"points": np.float32}), SAMPLE_DATE)
    pd.testing.assert_frame_equal(narrow, wide)
    assert narrow.points_earned.tolist() == [1.1, 3.05]
    # a float32 that is no two-decimal value is refused, never rounded, shown as it prints
    with pytest.raises(edurules.InvalidInput) as e:
        engine.pe_status_frame(people, comps.assign(points=np.array([1.1, 2.355, 0.7], dtype=np.float32)),
                               SAMPLE_DATE)
    assert e.value.field == "completions.points[1]" and str(e.value).endswith("at most two decimals: 2.355")
    with pytest.raises(edurules.InvalidInput, match="missing points"):
        engine.pe_status_frame(people, comps.assign(points=np.array([1.1, np.nan, 0.7], dtype=np.float32)),
                               SAMPLE_DATE)


def test_float32_fte_is_read_as_the_decimal_it_prints_as(engine):
    """reference_fte np.float32(25.1) was refused ("more than 4 decimals:
    25.100000381469727"); "25.1" and 25.1 are read as 25.1000 FTE."""
    text = edurules.account_right_frame(engine, _account(3, reference_fte=["25.1", "19.9999", "0.0001"]))
    narrow = edurules.account_right_frame(engine, _account(3, reference_fte=np.array([25.1, 19.9999, 0.0001],
                                                                                    dtype=np.float32)))
    pd.testing.assert_frame_equal(narrow, text)
    assert narrow.size_class.astype(str).tolist() == ["ge20", "10_19", "lt10"]
    with pytest.raises(edurules.InvalidInput, match=r"column 'reference_fte': more than 4 decimals: 25\.00001"):
        edurules.account_right_frame(engine, _account(reference_fte=np.array([25.00001], dtype=np.float32)))


def _leave_frames():
    workers = pd.DataFrame({"worker_id": ["W1", "W2"], "region": ["flanders"] * 2, "contract_hours": [24.1, 38.0],
                            "full_time_hours": [38.0, 38.0]})
    trainings = pd.DataFrame({"worker_id": ["W1"], "training_id": ["T1"], "type": ["professional"],
                              "school_year": ["2023-2024"]})
    lessons = pd.DataFrame({"worker_id": ["W1"] * 3, "training_id": ["T1"] * 3,
                            "date": ["2023-10-02", "2023-10-09", "2023-10-16"], "start": ["18:00"] * 3,
                            "end": ["22:00"] * 3})
    return workers, trainings, lessons


def test_float32_hours_are_read_as_the_decimal_they_print_as(engine):
    """contract_hours np.float32(24.1) was refused ("hours must be a whole
    number of minutes: 24.100000381469727"); 24.1 hours is 1446 minutes."""
    workers, trainings, lessons = _leave_frames()
    wide = engine.leave_hours_frame(workers, trainings, lessons)
    narrow = engine.leave_hours_frame(workers.astype({"contract_hours": np.float32, "full_time_hours": np.float32}),
                                      trainings, lessons)
    pd.testing.assert_frame_equal(narrow, wide)
    minutes = engine.leave_hours_frame(workers.drop(columns="contract_hours").assign(contract_minutes=[1446, 2280]),
                                       trainings, lessons)
    pd.testing.assert_frame_equal(narrow, minutes)
    with pytest.raises(edurules.InvalidInput) as e:
        engine.leave_hours_frame(workers.assign(contract_hours=np.array([24.1, 24.01], dtype=np.float32)),
                                 trainings, lessons)
    assert e.value.field == "workers.contract_hours[1]"
    assert str(e.value).endswith("hours must be a whole number of minutes: 24.01")


# --- a leave frame call whose workers have no training ---------------------------------


def test_workers_without_trainings_need_no_school_year_whether_or_not_others_have_trainings(engine):
    """leave_hours_frame(workers, trainings.iloc[:0], lessons.iloc[:0])
    raised "workers ... school_year: missing" although the same worker
    without trainings passed when another worker had trainings (it took that
    worker's year). The JSON path evaluates a worker without trainings
    without a word: no row, no refusal, either way."""
    workers, trainings, lessons = _leave_frames()
    none = engine.leave_hours_frame(workers, trainings.iloc[:0], lessons.iloc[:0])
    assert len(none) == 0 and list(none.columns) == list(edurules.LEAVE_HOURS_COLUMNS)
    some = engine.leave_hours_frame(workers, trainings, lessons)
    assert some.worker_id.tolist() == ["W1"] and some.error.isna().all()
    doc = {"kind": "leave.entitlement", "school_year": "2023-2024", "explain": False,
           "workers": [{"id": "W2", "establishment_unit": {"region": "flanders"},
                        "jobs": [{"from": "1900-01-01", "contract_per_week_hours": 38,
                                  "full_time_per_week_hours": 38}], "trainings": []}]}
    assert engine.evaluate(doc)["result"]["workers"][0]["trainings"] == []
    # a bad cell of a worker without trainings is refused either way, in the same words
    bad = workers.assign(contract_hours=[24.1, -1.0])
    for t, l in ((trainings.iloc[:0], lessons.iloc[:0]), (trainings, lessons)):
        with pytest.raises(edurules.InvalidInput) as e:
            engine.leave_hours_frame(bad, t, l)
        assert e.value.field == "workers.contract_hours[1]" and "negative" in str(e.value)


def test_a_school_year_the_rulebook_does_not_cover_is_not_pinned_on_a_worker_without_trainings(engine):
    """The worker without trainings took the first training's school year:
    a year the rulebook does not cover was then refused as its own (a
    workers.school_year cell the workers frame does not have)."""
    workers, trainings, lessons = _leave_frames()
    with pytest.raises(edurules.InvalidInput) as e:
        engine.leave_hours_frame(workers.iloc[::-1], trainings.assign(school_year="1950-1951"), lessons)
    assert e.value.field == "trainings.school_year[0]"


# --- Decimal values in a JSON request --------------------------------------------------


def test_an_integral_decimal_is_sent_as_a_json_number(engine, dossier):
    """Decimal('240') was sent as the text "240", which a whole-number member
    (net_minutes) refuses; it is sent as the number 240, and a non-integral
    Decimal as its exact decimal text (which every member taking decimals
    reads exactly, never through a double)."""
    plain = engine.pe_status(dossier, SAMPLE_DATE, explain=False)
    doc = copy.deepcopy(dossier)
    for a in doc["activities"]:
        a["net_minutes"] = decimal.Decimal(a["net_minutes"])
    doc["activities"][0]["net_minutes"] = decimal.Decimal(f"{doc['activities'][0]['net_minutes']}.00")  # integral
    for r in doc["recognitions"]:  # decimal members (points) as Decimals: their exact text, as before
        for k, v in r.items():
            if k == "points" or k.endswith("_points"):
                r[k] = decimal.Decimal(str(v))
    assert engine.pe_status(doc, SAMPLE_DATE, explain=False) == plain
    doc["activities"][1]["net_minutes"] = decimal.Decimal("90.5")
    with pytest.raises(edurules.InvalidInput) as e:
        engine.pe_status(doc, SAMPLE_DATE, explain=False)
    assert e.value.field == "dossier.activities[1].net_minutes" and "whole number" in str(e.value)
    for value in (decimal.Decimal("NaN"), decimal.Decimal("-Infinity")):
        doc["activities"][1]["net_minutes"] = value
        with pytest.raises(edurules.InvalidArgument, match="not a JSON number") as e:
            engine.pe_status(doc, SAMPLE_DATE, explain=False)
    assert edurules._engine._dumps({"a": decimal.Decimal("1E+2"), "b": decimal.Decimal("-0"),
                                    "c": decimal.Decimal("1.50"), "d": decimal.Decimal("1E-7")}, "request") == \
        '{"a": 100, "b": 0, "c": "1.50", "d": "0.0000001"}'

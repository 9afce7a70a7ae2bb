"""The columnar PE path from DataFrames: shapes, order, threads, and bad
inputs raising the right edurules.Error naming the column and row (or
flagged on the row with errors="flag")."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import edurules
from conftest import SAMPLE_DATE


def people(n=5):
    return pd.DataFrame({
        "seu_number": [f"S{i}" for i in range(n)],
        "diploma_date": pd.to_datetime(["2024-03-15"] * n),
    })


def comps():
    return pd.DataFrame({"seu_number": ["S1", "S0", "S1"], "completed": pd.to_datetime(["2024-04-01", "2024-05-01", "2024-06-01"]),
                         "points": [5.0, 2.5, 7.25]})


def test_shape_order_and_index(engine):
    p = people().set_axis([10, 20, 30, 40, 50])
    out = engine.pe_status_frame(p, comps(), SAMPLE_DATE)
    assert list(out.columns) == list(edurules.PE_STATUS_COLUMNS)
    assert list(out.index) == [10, 20, 30, 40, 50]
    assert out.seu_number.tolist() == p.seu_number.tolist()
    assert out.points_earned.tolist() == [2.5, 12.25, 0, 0, 0]
    assert out.points_short.tolist() == [9.5, 0, 12, 12, 12]
    assert out.state.astype(str).tolist() == ["registered"] * 5
    assert out.renewal_possible.tolist() == [False, True, False, False, False]
    assert (out.period_start == pd.Timestamp("2024-03-15")).all() and (out.period_end == pd.Timestamp("2026-03-14")).all()
    assert out.days_left.tolist() == [286] * 5  # 2025-06-01 .. 2026-03-14
    assert out.days_left.dtype == "Int32" and out.error.isna().all()


def test_no_completions_and_input_kinds(engine):
    a = engine.pe_status_frame(people(), None, SAMPLE_DATE)
    # dates as text, datetime.date objects, strings for points: same answer
    p = people()
    p["diploma_date"] = ["2024-03-15"] * 5
    b = engine.pe_status_frame(p, None, dt.date(2025, 6, 1))
    p["diploma_date"] = [dt.date(2024, 3, 15)] * 5
    c = engine.pe_status_frame(p, None, np.datetime64("2025-06-01"))
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, c)
    c1 = comps()
    c2 = c1.assign(points=["5", "2.50", "7.25"])
    pd.testing.assert_frame_equal(engine.pe_status_frame(people(), c1, SAMPLE_DATE),
                                  engine.pe_status_frame(people(), c2, SAMPLE_DATE))
    c3 = c1.assign(points=[5, 2, 7])  # whole points as integers
    assert engine.pe_status_frame(people(), c3, SAMPLE_DATE).points_earned.tolist()[:2] == [2, 12]


def test_not_registered_reasons(engine):
    p = pd.DataFrame({"seu_number": ["a", "b", "c", "d"],
                      "diploma_date": pd.to_datetime([None, "2020-05-05", "2020-05-05", "2024-01-01"]),
                      "activation_date": pd.to_datetime([None, None, "2025-07-01", None])})
    out = engine.pe_status_frame(p, None, "2023-06-01")
    assert out.state.astype(str).tolist() == ["not_registered"] * 4
    assert out.reason.astype(str).tolist() == ["no_diploma", "not_activated", "before_start", "before_start"]
    assert out.days_left.isna().all() and out.period_start.isna().all()


def test_renewals_and_dispensations_frames_equal_list_columns(engine):
    p = pd.DataFrame({"seu_number": ["a", "b"], "diploma_date": pd.to_datetime(["2023-01-10", "2023-01-10"])})
    c = pd.DataFrame({"seu_number": ["a"] * 3, "completed": pd.to_datetime(["2023-05-01", "2024-01-01", "2024-06-01"]),
                      "points": [4, 4, 4]})
    r = pd.DataFrame({"seu_number": ["a"], "requested": pd.to_datetime(["2024-12-01"])})
    d = pd.DataFrame({"seu_number": ["b"], "requested": pd.to_datetime(["2025-01-20"]),
                      "decided": pd.to_datetime(["2025-02-01"]), "granted": [True]})
    a = engine.pe_status_frame(p, c, SAMPLE_DATE, renewals=r, dispensations=d)
    assert a.state.astype(str).tolist() == ["registered", "registered"]  # renewed; kept by dispensation
    assert a.period_start.tolist() == [pd.Timestamp("2025-01-10")] * 2
    p2 = p.assign(renewal_requests=[["2024-12-01"], []],
                  dispensations=[[], [{"requested": "2025-01-20", "decided": "2025-02-01", "granted": True}]])
    pd.testing.assert_frame_equal(a, engine.pe_status_frame(p2, c, SAMPLE_DATE))
    none = engine.pe_status_frame(p, c, SAMPLE_DATE)
    assert none.state.astype(str).tolist() == ["ended", "lapsed"]


def test_threads_give_the_same_answer(engine):
    import population
    pop = population.make_population(40_000, seed=3)
    kw = dict(renewals=pop.renewals, dispensations=pop.dispensations)
    one = engine.pe_status_frame(pop.participants, pop.completions, SAMPLE_DATE, threads=1, **kw)
    four = engine.pe_status_frame(pop.participants, pop.completions, SAMPLE_DATE, threads=4, **kw)
    auto = engine.pe_status_frame(pop.participants, pop.completions, SAMPLE_DATE, **kw)
    pd.testing.assert_frame_equal(one, four)
    pd.testing.assert_frame_equal(one, auto)


def test_shuffled_completions_give_the_same_answer(engine):
    import population
    pop = population.make_population(5_000, seed=5)
    a = engine.pe_status_frame(pop.participants, pop.completions, SAMPLE_DATE)
    b = engine.pe_status_frame(pop.participants, pop.completions.sample(frac=1, random_state=1), SAMPLE_DATE)
    pd.testing.assert_frame_equal(a, b)


# --- bad inputs: the right error, the column and the row ---------------------

def raises(cls, field, fn):
    with pytest.raises(cls) as info:
        fn()
    assert info.value.field == field, str(info.value)
    if info.value.label is None:
        assert str(info.value).startswith(field)
    else:  # a cell: its frame, row label, position and column in words
        assert str(info.value).startswith(edurules._errors.row_text(field, info.value.label, info.value.record))
    return info.value


def test_missing_frames_and_columns(engine):
    raises(edurules.InvalidArgument, "participants", lambda: engine.pe_status_frame([1, 2], None, SAMPLE_DATE))
    raises(edurules.InvalidArgument, "participants.diploma_date",
           lambda: engine.pe_status_frame(people().drop(columns="diploma_date"), None, SAMPLE_DATE))
    raises(edurules.InvalidArgument, "completions.points",
           lambda: engine.pe_status_frame(people(), comps().drop(columns="points"), SAMPLE_DATE))
    raises(edurules.InvalidArgument, "renewals.requested",
           lambda: engine.pe_status_frame(people(), None, SAMPLE_DATE, renewals=pd.DataFrame({"seu_number": ["S1"]})))
    raises(edurules.InvalidArgument, "date", lambda: engine.pe_status_frame(people(), None, "yesterday"))
    raises(edurules.InvalidArgument, "errors", lambda: engine.pe_status_frame(people(), None, SAMPLE_DATE, errors="x"))


def test_wrong_dtypes(engine):
    p = people().assign(diploma_date=np.arange(5))
    e = raises(edurules.InvalidArgument, "participants.diploma_date", lambda: engine.pe_status_frame(p, None, SAMPLE_DATE))
    assert "int64" in str(e)
    c = comps().assign(points=[True, False, True])
    raises(edurules.InvalidArgument, "completions.points", lambda: engine.pe_status_frame(people(), c, SAMPLE_DATE))
    c = comps().assign(completed=[1.5, 2.5, 3.5])
    raises(edurules.InvalidArgument, "completions.completed", lambda: engine.pe_status_frame(people(), c, SAMPLE_DATE))


def test_impossible_dates_name_the_row(engine):
    p = pd.DataFrame({"seu_number": [f"S{i}" for i in range(20)], "diploma_date": ["2023-03-15"] * 20})
    p.loc[17, "diploma_date"] = "2023-02-30"
    e = raises(edurules.InvalidInput, "participants.diploma_date[17]", lambda: engine.pe_status_frame(p, None, SAMPLE_DATE))
    assert "not a date" in str(e) and "2023-02-30" in str(e) and e.record == 17
    p.loc[17, "diploma_date"] = "15-03-2023"
    raises(edurules.InvalidInput, "participants.diploma_date[17]", lambda: engine.pe_status_frame(p, None, SAMPLE_DATE))
    p.loc[17, "diploma_date"] = "1850-01-01"
    e = raises(edurules.InvalidInput, "participants.diploma_date[17]", lambda: engine.pe_status_frame(p, None, SAMPLE_DATE))
    assert "range" in str(e)


def test_nan_and_negative_points_name_the_row(engine):
    c = comps()
    c.loc[2, "points"] = np.nan
    e = raises(edurules.InvalidInput, "completions.points[2]", lambda: engine.pe_status_frame(people(), c, SAMPLE_DATE))
    assert "NaN" in str(e)
    c.loc[2, "points"] = -1.5
    e = raises(edurules.InvalidInput, "completions.points[2]", lambda: engine.pe_status_frame(people(), c, SAMPLE_DATE))
    assert "negative" in str(e)
    c.loc[2, "points"] = 1.234
    raises(edurules.InvalidInput, "completions.points[2]", lambda: engine.pe_status_frame(people(), c, SAMPLE_DATE))
    c = comps().assign(points=["1", "x", "2"])
    raises(edurules.InvalidInput, "completions.points[1]", lambda: engine.pe_status_frame(people(), c, SAMPLE_DATE))
    c = comps()
    c.loc[1, "completed"] = pd.NaT
    raises(edurules.InvalidInput, "completions.completed[1]", lambda: engine.pe_status_frame(people(), c, SAMPLE_DATE))


def test_keys(engine):
    p = people()
    p.loc[3, "seu_number"] = "S1"
    e = raises(edurules.InvalidInput, "participants.seu_number[3]", lambda: engine.pe_status_frame(p, None, SAMPLE_DATE))
    assert "duplicate" in str(e)
    p.loc[3, "seu_number"] = None
    raises(edurules.InvalidInput, "participants.seu_number[3]", lambda: engine.pe_status_frame(p, None, SAMPLE_DATE))
    c = comps()
    c.loc[1, "seu_number"] = "NOBODY"
    e = raises(edurules.InvalidInput, "completions.seu_number[1]", lambda: engine.pe_status_frame(people(), c, SAMPLE_DATE))
    assert "unknown" in str(e)
    out = engine.pe_status_frame(people(), c, SAMPLE_DATE, unknown="ignore")
    assert out.points_earned.tolist()[:2] == [0, 12.25]


def test_activation_and_dispensation_consistency(engine):
    p = people().assign(activation_date=pd.to_datetime([None, "2024-01-01", None, None, None]))
    e = raises(edurules.InvalidInput, "participants.activation_date[1]", lambda: engine.pe_status_frame(p, None, SAMPLE_DATE))
    assert "before the diploma_date" in str(e)
    p2 = people().assign(dispensations=[[], [], [{"requested": "2025-01-10", "granted": True}], [], []])
    raises(edurules.InvalidInput, "participants.dispensations.granted[2]",
           lambda: engine.pe_status_frame(p2, None, SAMPLE_DATE))
    p3 = people().assign(renewal_requests=[[], [], [], ["2024-13-01"], []])
    raises(edurules.InvalidInput, "participants.renewal_requests[3]", lambda: engine.pe_status_frame(p3, None, SAMPLE_DATE))


def test_flag_mode_keeps_every_row(engine):
    p = people(6)
    p["diploma_date"] = ["2024-03-15", "2023-02-30", "2024-03-15", "2024-03-15", "2024-03-15", "2024-03-15"]
    p.loc[4, "seu_number"] = "S0"  # duplicate
    c = comps()
    c.loc[0, "points"] = -3  # belongs to S1 (already flagged)
    c.loc[1, "points"] = np.nan  # belongs to S0
    c = pd.concat([c, pd.DataFrame({"seu_number": ["S2"], "completed": pd.to_datetime(["2024-05-05"]), "points": [3.0]})],
                  ignore_index=True)
    out = engine.pe_status_frame(p, c, SAMPLE_DATE, errors="flag")
    assert len(out) == 6 and out.seu_number.tolist() == p.seu_number.tolist()
    assert out.error.notna().tolist() == [True, True, False, False, True, False]
    assert out.error[0].startswith("completions row label 1 (position 1), column 'points': missing points")
    assert out.error[1].startswith("participants row label 1 (position 1), column 'diploma_date': not a date")
    assert out.error[4].startswith("participants row label 4 (position 4), column 'seu_number': duplicate")
    assert out.state.isna().tolist() == out.error.notna().tolist()
    assert out.points_earned[2] == 3.0 and out.state[2] == "registered"


def test_engine_rejections_are_flagged_in_place(engine):
    # contradictory facts are judged by the engine (pe::check_facts) and come
    # back flagged in place, worded by the column that holds them
    p = people(4).assign(activation_date=pd.to_datetime([None, None, "2024-01-01", None]))
    d = pd.DataFrame({"seu_number": ["S3", "S3"], "requested": ["2025-01-10", "2025-01-12"],
                      "decided": ["2025-01-20", "2025-01-11"], "granted": [True, False]})
    c = pd.DataFrame({"seu_number": ["S1"], "completed": [dt.date(2024, 5, 1)], "points": [1.0]})
    many = pd.DataFrame({"seu_number": ["S0"] * 65, "requested": pd.date_range("2024-04-01", periods=65)})
    out = engine.pe_status_frame(p, c, SAMPLE_DATE, renewals=many, dispensations=d, errors="flag")
    assert out.error.tolist() == [None, None, "participants row label 2 (position 2), column 'activation_date': is before the diploma_date",
                                  "dispensations row label 1 (position 1), column 'decided': is before the request date"]
    assert pd.isna(out.state[2]) and pd.isna(out.state[3]) and out.state[1] == "registered"
    # no limit on renewal requests per participant (65 here)
    assert out.state[0] == "registered"


# --- booking raw completions from frames ---------------------------------------

def catalogue(dossier):
    f = edurules.pe_frames(dossier)
    return f.activities, f.recognitions


def test_dossier_frames_inputs_and_errors(engine, dossier):
    acts, recs = catalogue(dossier)
    p = people(3)
    c = pd.DataFrame({"seu_number": ["S0", "S1", "NOBODY", "S2"], "activity_id": ["ACT-CAO-02", "ACT-NONE", "ACT-CAO-02", "ACT-CAO-02"],
                      "completed": ["2024-05-01", "2024-05-01", "2024-05-01", "2024-05-01"]})
    status, bookings = engine.pe_dossier_frames(p, c, acts, recs, SAMPLE_DATE)
    assert bookings.reason.astype(str).tolist() == ["booked", "unknown_activity", "unknown_seu_number", "booked"]
    assert status.points_earned.tolist() == [1.0, 0.0, 1.0]
    assert bookings.points.isna().tolist() == [False, True, True, False]
    # the catalogue as lists of dicts gives the same
    s2, b2 = engine.pe_dossier_frames(p, c, dossier["activities"], dossier["recognitions"], SAMPLE_DATE)
    pd.testing.assert_frame_equal(status, s2)
    pd.testing.assert_frame_equal(bookings, b2)
    raises(edurules.InvalidArgument, "completions.activity_id",
           lambda: engine.pe_dossier_frames(p, c.drop(columns="activity_id"), acts, recs, SAMPLE_DATE))
    c_bad = c.assign(completed=["2024-05-01", "2024-13-01", "2024-05-01", "2024-05-01"])
    raises(edurules.InvalidInput, "completions.completed[1]",
           lambda: engine.pe_dossier_frames(p, c_bad, acts, recs, SAMPLE_DATE))
    broken = acts.copy()
    broken.loc[0, "form"] = None
    raises(edurules.InvalidInput, "activities[0].form",
           lambda: engine.pe_dossier_frames(p, c, broken, recs, SAMPLE_DATE))
    raises(edurules.InvalidArgument, "recognitions",
           lambda: engine.pe_dossier_frames(p, c, acts, 42, SAMPLE_DATE))
    # flag mode: the bad completion and the flagged participant's completions are invalid rows
    p_bad = p.assign(diploma_date=["2024-03-15", "2024-03-15", "not a date"])
    s3, b3 = engine.pe_dossier_frames(p_bad, c_bad, acts, recs, SAMPLE_DATE, errors="flag")
    assert b3.reason.astype(str).tolist() == ["booked", "invalid_row", "unknown_seu_number", "invalid_row"]
    assert b3.message[1].startswith("completions row label 1 (position 1), column 'completed': not a date")
    assert b3.message[3].startswith(
        "participant row label 2 (position 2) not evaluated: participants row label 2 (position 2), column 'diploma_date'")
    assert s3.error.notna().tolist() == [False, False, True]


def test_empty_frames_and_kept_key_values(engine):
    p = pd.DataFrame({"seu_number": pd.Series([], dtype=object), "diploma_date": pd.Series([], dtype="datetime64[ns]")})
    out = engine.pe_status_frame(p, None, SAMPLE_DATE)
    assert out.shape == (0, len(edurules.PE_STATUS_COLUMNS))
    status, bookings = engine.pe_dossier_frames(p, pd.DataFrame({"seu_number": [], "activity_id": [], "completed": []}),
                                                [], [], SAMPLE_DATE)
    assert len(status) == len(bookings) == 0
    # integer SEU numbers match across frames and come back as given
    p = pd.DataFrame({"seu_number": [101, 102], "diploma_date": ["2024-01-01", None]})
    c = pd.DataFrame({"seu_number": [101], "completed": ["2024-02-02"], "points": [3]})
    out = engine.pe_status_frame(p, c, SAMPLE_DATE)
    assert out.seu_number.tolist() == [101, 102] and out.points_earned.tolist() == [3.0, 0.0]
    assert out.reason.astype(str).tolist() == ["nan", "no_diploma"]


def test_errors_name_the_index_label_and_the_position(engine):
    p = people()
    p.index = [f"w{i}" for i in range(10, 10 + len(p))]
    bad = p.assign(diploma_date=["2023-01-01", "2023-01-02", "2023-01-03", "2023-02-30", "2023-01-05"])
    with pytest.raises(edurules.InvalidInput) as info:
        engine.pe_status_frame(bad, None, SAMPLE_DATE)
    e = info.value
    assert str(e).startswith("participants row label 'w13' (position 3), column 'diploma_date': not a date")
    assert (e.label, e.record, e.field) == ("w13", 3, "participants.diploma_date[w13]")
    flagged = engine.pe_status_frame(bad, None, SAMPLE_DATE, errors="flag")
    assert flagged.error["w13"].startswith("participants row label 'w13' (position 3), column 'diploma_date'")
    c = comps()
    c.index = c.index + 100
    c = c.assign(points=c.points.astype(object))
    c.iloc[1, c.columns.get_loc("points")] = "lots"
    with pytest.raises(edurules.InvalidInput, match=r"completions row label 101 \(position 1\), column 'points'"):
        engine.pe_status_frame(people(), c, SAMPLE_DATE)


def test_exact_points_are_decimals(engine):
    from decimal import Decimal
    a = engine.pe_status_frame(people(), comps(), SAMPLE_DATE)
    b = engine.pe_status_frame(people(), comps(), SAMPLE_DATE, exact=True)
    assert b.points_earned.dtype == object
    for f, d in zip(a.points_earned.tolist() + a.points_short.tolist(), b.points_earned.tolist() + b.points_short.tolist()):
        assert (d is None and np.isnan(f)) or (isinstance(d, Decimal) and d == Decimal(repr(f)).quantize(Decimal("0.01")))


# --- the column kernels: keys, dates and points converted in C++ ----------------

def test_key_table_matches_keys_as_text():
    from edurules import _edurules
    long_key = "SEU-" + "9" * 20  # longer than the 8 bytes a slot holds
    keys = np.array(["a", "bb", long_key, None, "a", 17, np.nan], dtype=object)
    t = _edurules.KeyTable([keys])
    assert t.missing[0].tolist() == [False, False, False, True, False, False, True]
    assert t.duplicate.tolist() == [False, False, False, False, True, False, False]
    same_long = "".join(["SEU-", "9" * 20])  # equal text, another object
    query = np.array(["bb", "bb", same_long, "17", None, "zz", "a"], dtype=object)
    rows, (missing,) = t.lookup([query])
    assert rows.tolist() == [1, 1, 2, 5, -1, -1, 0] and missing.tolist() == [False] * 4 + [True, False, False]
    # integers and Categoricals are matched by their text too
    assert t.lookup([np.array([17, 5])])[0].tolist() == [5, -1]
    cat = pd.Categorical(["a", None, long_key])
    assert t.lookup([(cat.codes, np.asarray(cat.categories, dtype=object))])[0].tolist() == [0, -1, 2]
    # two-part keys (worker, training)
    two = _edurules.KeyTable([np.array(["w1", "w1", "w2"], dtype=object), np.array(["t1", "t2", "t1"], dtype=object)])
    assert two.lookup([np.array(["w2", "w1"], dtype=object), np.array(["t1", "t2"], dtype=object)])[0].tolist() == [2, 1]
    # rows of a sorted child frame: repeated objects, equal texts in other
    # objects, a missing part, non-text cells and a key change in one part only
    w1b, t2b = "".join(["w", "1"]), "".join(["t", "2"])
    ws = np.array(["w1", "w1", w1b, w1b, None, None, "w2", "w2", 7, 7, "w1"], dtype=object)
    ts = np.array(["t1", "t1", "t2", t2b, "t1", "t1", None, "t1", "t1", "t1", "t9"], dtype=object)
    rows, (mw, mt) = two.lookup([ws, ts])
    assert rows.tolist() == [0, 0, 1, 1, -1, -1, -1, 2, -1, -1, -1]
    assert mw.tolist() == [False] * 4 + [True, True] + [False] * 5
    assert mt.tolist() == [False] * 6 + [True] + [False] * 4
    seven = _edurules.KeyTable([np.array([7, "8"], dtype=object), np.array(["t1", "t1"], dtype=object)])
    assert seven.lookup([np.array([7, 7, 8, "7"], dtype=object),
                         np.array(["t1", "t1", "t1", "t1"], dtype=object)])[0].tolist() == [0, 0, 1, 0]


def test_key_lookup_in_the_tables_order_answers_as_a_hash_lookup():
    """Child rows in the table's own order are matched by comparing with the
    row after the last one found; gaps (rows without children), a duplicate
    or missing key where the guess lands, shuffled stretches and every key
    column kind must still give the first row with the key, as a dict does."""
    from edurules import _edurules
    rng = np.random.default_rng(5)
    n = 3000
    keys = np.array([f"K{i:05d}" for i in range(n)], dtype=object)
    keys[100] = keys[99]  # duplicates: of the row before, and of an earlier row right where the guess lands
    keys[102] = keys[50]
    keys[200] = None      # a missing key in the table
    keys[300] = 300       # a non-text key, matched by its text
    first = {}
    for i, k in enumerate(keys):
        if k is not None:
            first.setdefault(str(k), i)
    t = _edurules.KeyTable([keys])
    owner = np.repeat(np.arange(n), rng.poisson(2.0, n))  # in order, with gaps
    shuffled = owner.copy()
    rng.shuffle(shuffled[len(shuffled) // 2:])           # the second half out of order
    for rows in (owner, shuffled):
        query = np.array([keys[r] if keys[r] is not None else "absent" for r in rows], dtype=object)
        query[::97] = "unknown"                            # keys the table lacks, here and there
        want = [first.get(str(k), -1) for k in query]
        got, _ = t.lookup([query])
        assert got.tolist() == want
        as_text = query.astype(str)                        # the same keys as a numpy text column
        assert t.lookup([as_text])[0].tolist() == want
    # two parts: (worker, training) in order, with a worker whose second training has no rows
    ws = np.array(["w1", "w1", "w2", "w2", "w3"], dtype=object)
    ts = np.array(["t1", "t2", "t1", "t2", "t1"], dtype=object)
    two = _edurules.KeyTable([ws, ts])
    qw = np.array(["w1", "w1", "w2", "w3", "w3", "w1"], dtype=object)
    qt = np.array(["t1", "t2", "t1", "t1", "t2", "t2"], dtype=object)
    assert two.lookup([qw, qt])[0].tolist() == [0, 1, 2, 4, -1, 1]


def test_key_lookup_in_a_sorted_table_answers_as_a_hash_lookup():
    """A table whose keys ascend (an export sorted by its id) is merged, not
    hashed: keys sharing their first eight bytes, non-ASCII and non-text
    keys, keys before the first row, after the last and between rows, dense
    and sparse child rows, and child rows in no order (which make the table
    hash itself) must all give the row a dict gives."""
    from edurules import _edurules
    rng = np.random.default_rng(11)
    base = sorted({f"SEU-0000{i:06d}" for i in range(0, 40000, 3)} | {"A", "Zoë", "Zoé", "zz", "é", "SEU-0000"})
    keys = np.array(base, dtype=object)
    assert all(a.encode() < b.encode() for a, b in zip(base, base[1:]))
    first = {k: i for i, k in enumerate(base)}
    t = _edurules.KeyTable([keys])
    assert not t.duplicate.any() and not t.missing[0].any()
    absent = np.array(["", "0", "SEU-00000000001", "SEU-0000013333", "SEU-99", "Zoe", "zzz", "ü"], dtype=object)
    dense = keys[np.repeat(np.arange(len(keys)), rng.poisson(3.0, len(keys)))]
    sparse = keys[np.sort(rng.choice(len(keys), 200, replace=False))]
    mixed = np.sort(np.concatenate([sparse, absent]))
    shuffled = dense.copy()
    rng.shuffle(shuffled)
    for query in (dense, sparse, mixed, absent, shuffled, dense):  # dense again: now on the hash built for shuffled
        want = [first.get(k, -1) for k in query]
        assert t.lookup([query])[0].tolist() == want
        assert _edurules.KeyTable([keys]).lookup([query.astype(str)])[0].tolist() == want  # numpy text
    # whole numbers in order of their text, as a key column of ints
    ints = _edurules.KeyTable([np.array([10, 11, 12, 7, 8], dtype=np.int64)])  # "10" < "11" < "12" < "7" < "8"
    assert ints.lookup([np.array([7, 12, 99, 10], dtype=object)])[0].tolist() == [3, 2, -1, 0]
    # two parts, ascending by the first and then the second
    two = _edurules.KeyTable([np.array(["w1", "w1", "w2", "w3"], dtype=object),
                              np.array(["t1", "t2", "t1", "t0"], dtype=object)])
    qw = np.array(["w1", "w1", "w1", "w2", "w2", "w3", "w0"], dtype=object)
    qt = np.array(["t0", "t2", "t2", "t1", "t9", "t0", "t1"], dtype=object)
    assert two.lookup([qw, qt])[0].tolist() == [-1, 1, 1, 2, -1, 3, -1]
    assert two.lookup([qw.astype(str), qt.astype(str)])[0].tolist() == [-1, 1, 1, 2, -1, 3, -1]


def test_short_keys_that_differ_only_by_trailing_nul_bytes_are_told_apart():
    """A sorted table compares keys of up to eight bytes by their first eight
    bytes (zero-padded) and their lengths, without reading their text: keys
    that are equal but for trailing NUL bytes must still be different keys,
    the shorter first, as a dict tells them apart."""
    from edurules import _edurules
    base = ["a", "a\x00", "a\x00\x00", "a\x00\x00\x00\x00\x00\x00\x00", "abcdefg", "abcdefg\x00", "abcdefgh"]
    assert all(a.encode() < b.encode() for a, b in zip(base, base[1:]))
    t = _edurules.KeyTable([np.array(base, dtype=object)])
    assert not t.duplicate.any()
    query = ["a\x00\x00", "a\x00\x00\x00", "abcdefg\x00", "a", "abcdefgh", "a\x00\x00\x00\x00\x00\x00\x00",
             "abcdefgh\x00", "a\x00"]
    want = [{k: i for i, k in enumerate(base)}.get(k, -1) for k in query]
    assert want == [2, -1, 5, 0, 6, 3, -1, 1]
    for q in (sorted(query, key=str.encode), query):  # merged in order, then hashed
        assert t.lookup([np.array(q, dtype=object)])[0].tolist() == [want[query.index(k)] for k in q]


def test_completions_in_the_participants_order_take_one_pass_and_answer_as_the_general_path(engine):
    """Participants sorted by SEU number and completions in their order (an
    export) are converted and grouped in one C++ pass (grouped_rows); any
    row the general path would word, and any other order, leaves it to the
    general path. Both must give the same frame."""
    import population
    from edurules import _columns as C
    from edurules import _edurules
    pop = population.make_population(3000, seed=3)
    P, Cf = pop.participants, pop.completions
    kw = dict(renewals=pop.renewals, dispensations=pop.dispensations)
    table = _edurules.KeyTable([P.seu_number.to_numpy()])
    fast = C.grouped_rows(table, Cf.seu_number, Cf.completed, Cf.points)
    assert fast is not None
    off, day, pts = fast
    probs = C.Problems(len(P), "raise")
    owner = C.lookup(table, Cf.seu_number, "c", probs, "raise")
    assert off.tolist() == C.grouped(owner, len(P))[1].tolist()
    assert day.tolist() == C.days(Cf.completed, "c", probs, required=True).tolist()
    assert pts.tolist() == C.hundredths(Cf.points, "c", probs).tolist()
    want = engine.pe_status_frame(P, Cf, SAMPLE_DATE, **kw)
    shuffled = Cf.sample(frac=1.0, random_state=1)
    assert C.grouped_rows(table, shuffled.seu_number, shuffled.completed, shuffled.points) is None
    pd.testing.assert_frame_equal(want, engine.pe_status_frame(P, shuffled, SAMPLE_DATE, **kw))
    backwards = P.iloc[::-1]
    assert C.grouped_rows(_edurules.KeyTable([backwards.seu_number.to_numpy()]), Cf.seu_number, Cf.completed,
                          Cf.points) is None
    pd.testing.assert_frame_equal(want.iloc[::-1], engine.pe_status_frame(backwards, Cf, SAMPLE_DATE, **kw))
    at = Cf.index[7]
    for column, value, message in [("seu_number", "P9999999", "unknown SEU number"),
                                   ("seu_number", None, "missing SEU number"),
                                   ("completed", pd.NaT, "missing date"),
                                   ("completed", pd.Timestamp("1850-01-01"), "is outside"),
                                   ("points", 0.125, "two decimals"), ("points", -1.0, "negative points"),
                                   ("points", np.nan, "missing points"), ("points", 2e6, "too many points")]:
        bad = Cf.copy()
        bad[column] = bad[column].astype(object) if value is None else bad[column]
        bad.loc[at, column] = value
        assert C.grouped_rows(table, bad.seu_number, bad.completed, bad.points) is None, (column, value)
        with pytest.raises(edurules.InvalidInput, match=message):
            engine.pe_status_frame(P, bad, SAMPLE_DATE, **kw)
    # the days written out: NaT for none and past pandas' nanosecond range
    days = np.array([C.NO_DAY, 0, -25567, 106751, 106752, 2932896], dtype=np.int32)
    assert _edurules.datetime64_of_days(days).tolist() == [
        None, 0, -25567 * 86_400 * 10**9, 106751 * 86_400 * 10**9, None, None]
    assert _edurules.float_points(np.array([150, 0, 7], dtype=np.int64), np.array([False, False, True])).tolist()[:2] == [1.5, 0.0]


def test_group_rows_is_a_stable_counting_sort():

    from edurules import _edurules
    order, offsets, in_order = _edurules.group_rows(np.array([2, 0, -1, 2, 0], dtype=np.int64), 3)
    assert order.tolist() == [1, 4, 0, 3] and offsets.tolist() == [0, 2, 2, 4] and not in_order
    order, offsets, in_order = _edurules.group_rows(np.array([0, 0, 1, 2], dtype=np.int64), 4)
    assert in_order and offsets.tolist() == [0, 2, 3, 4, 4]
    order, offsets, in_order = _edurules.group_rows(np.array([0, 0, 1, 2], dtype=np.int64), 4, False)
    assert in_order and order.tolist() == [] and offsets.tolist() == [0, 2, 3, 4, 4]
    order, offsets, in_order = _edurules.group_rows(np.array([1, 0], dtype=np.int64), 2, False)
    assert not in_order and order.tolist() == [1, 0] and offsets.tolist() == [0, 1, 2]


def test_key_and_date_columns_of_any_kind_give_the_same_answer(engine):
    a = engine.pe_status_frame(people(), comps(), SAMPLE_DATE)
    p = people().assign(seu_number=lambda f: f.seu_number.astype("category"))
    c = comps().assign(seu_number=lambda f: f.seu_number.astype("string"),
                       completed=lambda f: f.completed.dt.strftime("%Y-%m-%d").astype("category"))
    b = engine.pe_status_frame(p, c, SAMPLE_DATE)
    pd.testing.assert_frame_equal(a.drop(columns="seu_number"), b.drop(columns="seu_number"))
    c = comps().assign(completed=comps().completed.to_numpy().astype("datetime64[s]"))  # another unit
    pd.testing.assert_frame_equal(a, engine.pe_status_frame(people(), c, SAMPLE_DATE))
    mixed = comps().assign(completed=["2024-04-01", dt.date(2024, 5, 1), "2024-06-01"])  # text and dates mixed:
    pd.testing.assert_frame_equal(a, engine.pe_status_frame(people(), mixed, SAMPLE_DATE))  # each cell a date


def test_points_above_the_engines_bound_are_refused_as_on_the_json_path(engine):
    """More than 1,000,000 points for one completion: the JSON path refuses it
    (pe_json.cpp), so the frame does too, naming the cell (hostile-input
    review: 9e16 points were summed to a saturated total)."""
    assert edurules._edurules.MAX_POINTS_PER_COMPLETION == 1_000_000
    c = comps()
    c.loc[2, "points"] = 9e16
    e = raises(edurules.InvalidInput, "completions.points[2]", lambda: engine.pe_status_frame(people(), c, SAMPLE_DATE))
    assert "too many points" in str(e)
    c.loc[2, "points"] = 1_000_000.0  # the bound itself counts
    engine.pe_status_frame(people(), c, SAMPLE_DATE)


def test_a_misspelt_dispensation_key_is_refused_with_the_nearest_name(engine):
    """{"grantd": True} was read as not granted, silently; the JSON path
    refuses the unknown member (did you mean "granted"?), and so does the frame."""
    p = people(3).assign(dispensations=[[{"requested": "2024-12-01", "decided": "2024-12-02", "grantd": True}], [], []])
    e = raises(edurules.InvalidInput, "participants.dispensations[0]",
               lambda: engine.pe_status_frame(p, None, SAMPLE_DATE))
    assert "unknown key 'grantd'" in e.message and "did you mean 'granted'?" in e.message
    out = engine.pe_status_frame(p, None, SAMPLE_DATE, errors="flag")
    assert out.error.isna().tolist() == [False, True, True] and out.state.isna().tolist() == [True, False, False]
    assert "did you mean 'granted'?" in out.error[0]
    good = p.assign(dispensations=[[{"requested": "2024-12-01", "decided": "2024-12-02", "granted": True}], [], []])
    assert engine.pe_status_frame(good, None, SAMPLE_DATE).error.isna().all()


def test_points_are_read_exactly_as_the_json_path_reads_them(engine):
    """More than two decimals within 1e-6 of a hundredth were rounded
    (1.2500009 gave 1.25, -0.000001 gave 0.00) and text went through a float
    ("1.2500000000000000001" and "1e1" were taken). Text is now parsed as a
    decimal with the JSON path's grammar; a float is taken only within a few
    ulps of a two-decimal value; a boolean cell is refused."""
    p = people(3)

    def errors(points, **kw):
        c = pd.DataFrame({"seu_number": ["S0", "S1", "S2"], "completed": ["2024-04-01"] * 3, "points": points})
        return engine.pe_status_frame(p, c, SAMPLE_DATE, errors="flag", **kw).error.tolist()

    for points in (["1.2500009", "2.0000001", "-0.000001"], [1.2500009, 2.0000001, -0.000001]):
        for exact in (False, True):
            got = errors(points, exact=exact)
            assert "at most two decimals" in got[0] and "at most two decimals" in got[1], got
            assert "negative points" in got[2], got
    got = errors(["1.2500000000000000001", "1e1", "1.250"])
    assert "at most two decimals: '1.2500000000000000001'" in got[0] and "not a number: '1e1'" in got[1] and got[2] is None
    assert errors([0.1 + 0.2, 1.15 * 3, -0.0]) == [None, None, None]  # float arithmetic: the two-decimal value meant
    got = errors(pd.Series([True, 1.5, "2"], dtype=object))
    assert got[0].endswith("expected points (numbers), got True") and got[1:] == [None, None]
    c = pd.DataFrame({"seu_number": ["S0"], "completed": ["2024-04-01"], "points": ["1.2500009"]})
    with pytest.raises(edurules.InvalidInput, match="at most two decimals"):
        engine.pe_status_frame(p, c, SAMPLE_DATE)


def test_float_points_read_in_one_pass_agree_with_the_general_path(engine):
    """Keys in the participants' order, datetime64 dates and float64 points
    take the one-pass conversion (KeyTable.grouped_rows); it must take and
    refuse exactly the floats the general path does (the points rule of
    test_points_are_read_exactly_as_the_json_path_reads_them: two decimals
    within a few ulps, none negative, none missing or infinite, at most
    MAX_POINTS), or hand the frame to the general path."""
    cases = [0.1 + 0.2, 1.15 * 3, -0.0, 7.25,  # taken
             5e-324, 1.2500009, -0.000001, float("nan"), float("inf"), float("-inf"), 2e6, 1e300]  # refused
    n = len(cases)
    keys = [f"S{i:02d}" for i in range(n)]  # strictly ascending: a sorted table
    p = people(n).assign(seu_number=keys)
    fast = pd.DataFrame({"seu_number": keys, "completed": pd.to_datetime(["2024-04-01"] * n), "points": cases})
    from edurules import _columns as C
    table = C.key_table(p["seu_number"], "participants.seu_number", C.Problems(n, "flag"))
    good = fast.iloc[:4]
    got = C.grouped_rows(table, good["seu_number"], good["completed"], good["points"])
    assert got is not None and got[2].tolist() == [30, 345, 0, 725]  # every row good: taken in one pass
    for i in range(4, n):  # one bad row: the general path words it
        one = fast.iloc[[0, i]]
        assert C.grouped_rows(table, one["seu_number"], one["completed"], one["points"]) is None, cases[i]
    general = fast.assign(points=pd.Series(cases, dtype=object))  # object points: the general path for every row
    for exact in (False, True):
        a = engine.pe_status_frame(p, fast, SAMPLE_DATE, errors="flag", exact=exact)
        b = engine.pe_status_frame(p, general, SAMPLE_DATE, errors="flag", exact=exact)
        pd.testing.assert_frame_equal(a, b)
        assert a.error.isna().tolist() == [True] * 4 + [False] * (n - 4)


def test_a_nonzero_float_far_below_a_hundredth_is_not_read_as_zero_points(engine):
    """Float points 1e-300 and 1e-20 were booked as 0.00 while 1e-16 was
    refused (probe41 f4): the tolerance was 4 ulps of 1.0 (8.9e-16) near 0,
    not 4 ulps of the two-decimal value. A float is now taken for a
    two-decimal value only within 4 ulps of that value's double, and for
    0.00 only when it is 0 (the JSON path refuses 1e-300 too); on every path
    (float column, one-pass table, object column)."""
    tiny = [1e-300, 1e-20, 1e-16, 5e-324, 4e-3]
    n = len(tiny)
    keys = [f"S{i}" for i in range(n)]
    p = people(n).assign(seu_number=keys)
    for points in (tiny, pd.Series(tiny, dtype=object)):
        for completed in (["2025-01-01"] * n, pd.to_datetime(["2025-01-01"] * n)):
            c = pd.DataFrame({"seu_number": keys, "completed": completed, "points": points})
            out = engine.pe_status_frame(p, c, "2025-06-01", errors="flag", exact=True)
            assert all("at most two decimals" in e for e in out.error), out.error.tolist()
            with pytest.raises(edurules.InvalidInput, match="at most two decimals"):
                engine.pe_status_frame(p, c, "2025-06-01", exact=True)
    ok = pd.DataFrame({"seu_number": keys[:3], "completed": ["2025-01-01"] * 3, "points": [0.0, -0.0, 0.07]})
    out = engine.pe_status_frame(p.iloc[:3], ok, "2025-06-01", errors="flag", exact=True)
    assert out.error.isna().all() and [str(v) for v in out.points_earned] == ["0.00", "0.00", "0.07"]


def test_too_many_points_and_uint64_points_are_flagged_not_raised_or_wrapped(engine):
    """errors="flag" raised on too many points; uint64 2**64 - 1 points were
    reported as "negative points: -1"."""
    p = people(3)
    for points in ([2e6, 1.0, 2.0], np.array([2**64 - 1, 1, 2], dtype=np.uint64), pd.Series([2**80, 1, 2], dtype=object)):
        c = pd.DataFrame({"seu_number": ["S0", "S1", "S2"], "completed": ["2024-04-01"] * 3, "points": points})
        out = engine.pe_status_frame(p, c, SAMPLE_DATE, errors="flag")
        assert "too many points" in out.error[0] and out.error[1:].isna().all(), out.error.tolist()
        assert out.points_earned.tolist()[1:] == [1.0, 2.0]


def test_a_stray_cell_in_a_date_column_is_named_and_flagged(engine):
    """A number or bytes among ISO texts refused the whole frame ("got
    mixed-integer values") naming no row, even with errors="flag"."""
    for stray in (5, b"2023-01-01", 5.5):
        p = people(3).assign(diploma_date=pd.Series(["2023-03-01", stray, None], dtype=object))
        e = raises(edurules.InvalidInput, "participants.diploma_date[1]",
                   lambda: engine.pe_status_frame(p, None, SAMPLE_DATE))
        assert e.message.startswith(f"not a date: {stray!r}")
        out = engine.pe_status_frame(p, None, SAMPLE_DATE, errors="flag")
        assert out.error.isna().tolist() == [True, False, True] and out.state.notna().tolist() == [True, False, True]


def test_a_completion_without_seu_number_is_never_dropped_silently(engine):
    """errors="flag" dropped a completion whose seu_number was missing (it has
    no participant row to flag): it now raises with either errors=."""
    c = comps().astype({"seu_number": object})
    c.loc[1, "seu_number"] = None
    for errors in ("raise", "flag"):
        e = raises(edurules.InvalidInput, "completions.seu_number[1]",
                   lambda: engine.pe_status_frame(people(), c, SAMPLE_DATE, errors=errors))
        assert e.message == "missing SEU number"


def test_two_part_integer_keys_find_their_own_rows():
    """Two key columns of whole numbers (worker_id, training_id as int64)
    are matched by their texts, which the table owns: each lookup must give
    the first row with that very key, as a dict does. (The cross-face probe
    of issue 14 found 122 of 1,352 such lookups answering another key's row
    and 392 none: the texts of the first column were freed when the table's
    column list grew, so lessons reached another worker's training.)"""
    from edurules import _edurules
    rng = np.random.default_rng(3)
    for _ in range(200):
        keys = sorted({(int(a), int(b)) for a, b in rng.integers(0, 40, size=(int(rng.integers(1, 30)), 2))})
        if rng.random() < 0.5:
            rng.shuffle(keys)
        first = {}
        for i, k in enumerate(keys):
            first.setdefault(k, i)
        a = np.array([k[0] for k in keys], dtype=np.int64)
        b = np.array([k[1] for k in keys], dtype=np.int64)
        t = _edurules.KeyTable([a, b])
        query = [keys[int(i)] for i in rng.integers(0, len(keys), size=int(rng.integers(1, 40)))] + [(99, 99)]
        qa = np.array([k[0] for k in query], dtype=np.int64)
        qb = np.array([k[1] for k in query], dtype=np.int64)
        assert t.lookup([qa, qb])[0].tolist() == [first.get(k, -1) for k in query]


def test_leave_frames_with_integer_ids_answer_as_with_text_ids():
    """worker_id and training_id as integers are the same keys as their
    texts: lessons find their training (the probe's case raised 'no such key
    in trainings' for a key that is there)."""
    import edurules
    e = edurules.Engine()
    W = pd.DataFrame({"worker_id": [0, 4], "region": ["wallonia", "wallonia"], "school_year": ["2023-2024"] * 2,
                      "contract_hours": [38, 38], "full_time_hours": [38, 38]})
    T = pd.DataFrame({"worker_id": [0, 4], "training_id": [1, 1], "type": ["professional", "professional"]})
    L = pd.DataFrame({"worker_id": [4] * 20 + [0] * 12, "training_id": [1] * 32,
                      "date": [f"2023-10-{d:02d}" for d in range(1, 21)] + [f"2023-11-{d:02d}" for d in range(1, 13)],
                      "start": "18:00", "end": "21:00"})
    as_text = e.leave_hours_frame(W.astype({"worker_id": str}), T.astype({"worker_id": str, "training_id": str}),
                                  L.astype({"worker_id": str, "training_id": str}))
    as_int = e.leave_hours_frame(W, T, L)
    cols = ["status", "attended_minutes", "granted_minutes"]
    assert as_int[cols].values.tolist() == as_text[cols].values.tolist()
    assert as_text["attended_minutes"].tolist() == [36 * 60, 60 * 60]


def _fused_and_general(engine, *args, **kw):
    """pe_status_frame by the fused path (completions converted a block at a
    time inside the batch) and by the general path (converted columns)."""
    general = edurules.Engine()
    general._fused_frames = False
    return engine.pe_status_frame(*args, **kw), general.pe_status_frame(*args, **kw)


@pytest.mark.parametrize("exact", [False, True])
def test_fused_frame_path_answers_as_the_general_path(engine, exact):
    # 20,000 participants (more than one block of 4,096, several threads), renewals,
    # dispensations, and flagged rows: one diploma date missing its required value is not
    # a flag, so a participant with a bad activation text and one with a duplicate
    # SEU number are flagged instead; every other row is decided the same way
    import population
    pop = population.make_population(20_000, seed=11)
    P = pop.participants.copy()
    P["activation_date"] = P["activation_date"].astype(object)
    P.loc[P.index[7], "activation_date"] = "2024-02-30"
    for threads in (1, 3):
        fused, general = _fused_and_general(engine, P, pop.completions, SAMPLE_DATE, renewals=pop.renewals,
                                            dispensations=pop.dispensations, errors="flag", exact=exact,
                                            threads=threads)
        pd.testing.assert_frame_equal(fused, general)
        assert fused.error.notna().sum() == 1 and "2024-02-30" in fused.error.iloc[7]
        assert (fused.state.astype(str) == "registered").sum() > 1000


def test_fused_frame_path_falls_back_on_a_bad_or_unordered_completion(engine):
    p = people()
    c = comps().sort_values("seu_number", kind="stable").reset_index(drop=True)  # S0, S1, S1: the participants' order
    fused, general = _fused_and_general(engine, p, c, SAMPLE_DATE)
    pd.testing.assert_frame_equal(fused, general)
    assert fused.points_earned.tolist() == [2.5, 12.25, 0, 0, 0]
    for bad in (np.nan, -1.0, 2.505, np.inf):  # each refused by the general path, naming the cell
        c2 = c.copy()
        c2.loc[1, "points"] = bad
        with pytest.raises(edurules.InvalidInput, match="completions"):
            engine.pe_status_frame(p, c2, SAMPLE_DATE)
        fused, general = _fused_and_general(engine, p, c2, SAMPLE_DATE, errors="flag")
        pd.testing.assert_frame_equal(fused, general)
        assert fused.error.notna().tolist() == [False, True, False, False, False]


def test_completion_points_read_by_the_one_rule_on_the_fused_path():
    # the fused and grouped paths read float points by hundredths_fast, which must take
    # exactly what near_units (number_cells.hpp, the general path's decimal_units) takes:
    # decimals of two places and floats a few ulps off them, never 1e-300 as 0.00
    from edurules import _edurules as E
    rng = np.random.default_rng(5)
    base = np.concatenate([rng.integers(0, 100_000_000, 20_000) / 100, np.arange(0, 2000) / 100,
                           [0.1 + 0.2, 79.99999999995, 1e-300, 1e-20, 1e-16, 0.005, 1e6, 1e6 + 0.01]])
    ulp = np.spacing(base)  # the edge of the rule: 4 ulps off is taken, 5 ulps off is not
    values = np.concatenate([base + k * ulp for k in (-8, -5, -4, -3, -1, 0, 1, 3, 4, 5, 8)])
    want, status = E.decimal_units(values, 2, 1_000_000)
    keys = np.array(["K"] * len(values), dtype=object)
    table = E.KeyTable([np.array(["K"], dtype=object)])
    days = np.zeros(len(values), dtype=np.int64)
    good = status == 0
    got = table.grouped_rows(keys[good], days[good], 1, values[good], -25567, 2932896, 1_000_000)
    assert got is not None and got[2].tolist() == want[good].tolist()
    for v in values[~good][:300]:  # each refused value alone sends the rows to the general path
        assert table.grouped_rows(keys[:1], days[:1], 1, np.array([v]), -25567, 2932896, 1_000_000) is None, v
    assert (~good).sum() > 50_000 and good.sum() > 100_000

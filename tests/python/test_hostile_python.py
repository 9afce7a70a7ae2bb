"""The hostile catalogue's Python entries (tests/hostile/catalogue.tsv, entry
`python`): each case by id, raising exactly the edurules.Error subclass in the
code column, naming the argument or field in the field column (issue 13)."""
from __future__ import annotations

import copy
import os
import tempfile

import numpy as np
import pandas as pd
import pytest

import edurules
from conftest import SAMPLE_DATE, SOURCE

CATALOGUE = SOURCE / "tests" / "hostile" / "catalogue.tsv"


def _entries():
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        col = line.split("\t")
        if col[1] == "python" and not col[0].endswith("!"):
            yield col[0], col[3], col[4]


def _people():
    return pd.DataFrame({"seu_number": ["S1"], "diploma_date": ["2023-03-01"]})


def _completions(points):
    return pd.DataFrame({"seu_number": ["S1"], "completed": ["2024-02-01"], "points": points})


def _leave_frames():
    workers = pd.DataFrame({"worker_id": ["W1"], "region": ["flanders"]})
    trainings = pd.DataFrame({"worker_id": ["W1"], "training_id": ["T1"], "type": ["professional"]})
    return workers, trainings


CASES = {
    "py-points-wrap": lambda e, d: e.pe_status_frame(_people(), _completions(np.array([184467440737095517])),
                                                      SAMPLE_DATE),
    "py-points-float-huge": lambda e, d: e.pe_status_frame(_people(), _completions([1e300]), SAMPLE_DATE),
    "py-school-year-wrap": lambda e, d: e.leave_hours_frame(*_leave_frames(), None, school_year=2**32 + 2023),
    "py-school-year-wrap-json": lambda e, d: e.leave_evaluate([{"id": "W1"}], 2**32 + 2023),
    "py-threads-huge": lambda e, d: e.pe_status_frame(_people(), None, SAMPLE_DATE, threads=2**70),
    "py-threads-negative": lambda e, d: e.pe_status_frame(_people(), None, SAMPLE_DATE, threads=-1),
    "py-threads-text": lambda e, d: e.leave_hours_frame(*_leave_frames(), None, school_year="2023-2024",
                                                        threads="4"),
    "py-date-nat": lambda e, d: e.pe_status(d, pd.NaT),
    "py-date-nat-frame": lambda e, d: e.pe_status_frame(_people(), None, pd.NaT),
    "py-leave-lesson-9999": lambda e, d: e.leave_evaluate(SOURCE / "tests" / "hostile" / "inputs" /
                                                          "leave-lesson-9999.json"),
    "py-overrides-zero": lambda e, d: edurules.Engine(overrides={"pe.points.minutes_per_point": 0}),
    "py-renewal-request": lambda e, d: e.pe_status(_misspelt(d), SAMPLE_DATE),
    "py-dossier-directory": lambda e, d: e.pe_status(tempfile.gettempdir(), SAMPLE_DATE),
    "py-dossier-fifo": lambda e, d: e.pe_status(_fifo(), SAMPLE_DATE),
    "py-dossier-dev-zero": lambda e, d: e.pe_status("/dev/zero", SAMPLE_DATE),
    "py-frame-misspelt-column": lambda e, d: e.pe_status_frame(_people().assign(activaton_date=["2023-06-01"]),
                                                               None, SAMPLE_DATE),
    "py-frame-misspelt-lesson-column": lambda e, d: e.leave_hours_frame(
        _leave_frames()[0].assign(contract_hours=[38], full_time_hours=[38]), _leave_frames()[1], pd.DataFrame({"worker_id": ["W1"], "training_id": ["T1"], "date": ["2023-10-02"],
                                        "start": ["18:00"], "ends": ["21:00"]}), school_year="2023-2024"),
    "py-points-complex": lambda e, d: e.pe_status_frame(_people(), _completions(np.array([1 + 2j])), SAMPLE_DATE),
    "py-points-complex-object": lambda e, d: e.pe_status_frame(
        pd.DataFrame({"seu_number": ["S1", "S2"], "diploma_date": ["2023-03-01"] * 2}),
        pd.DataFrame({"seu_number": ["S1", "S2"], "completed": ["2024-02-01"] * 2,
                      "points": pd.Series(["3", 1 + 2j], dtype=object)}), SAMPLE_DATE),
    "py-frame-duplicate-column": lambda e, d: e.pe_status_frame(
        pd.concat([_people(), _people()[["diploma_date"]]], axis=1), None, SAMPLE_DATE),
    "py-leave-duplicate-column": lambda e, d: e.leave_hours_frame(
        pd.concat([_leave_frames()[0], _leave_frames()[0][["region"]]], axis=1), _leave_frames()[1], None,
        school_year="2023-2024"),
    "py-request-nan": lambda e, d: e.evaluate(_request(d, name=float("nan"))),
    "py-request-surrogate": lambda e, d: e.evaluate(_request(d, seu_number="SEU-\ud800")),
    "py-request-surrogate-text": lambda e, d: e.evaluate('{"kind": "pe.status", "date": "2025-01-01", "x": "\ud800"}'),
    "py-request-deep": lambda e, d: e.pe_status(_deep(5000), SAMPLE_DATE),
    "py-dossier-too-large": lambda e, d: _with_limit("1K", lambda: e.pe_status(SOURCE / "examples" / "data" /
                                                                               "dossier.json", SAMPLE_DATE)),
}


def _request(dossier, **first):
    d = copy.deepcopy(dossier)
    d["participants"][0].update(first)
    return {"kind": "pe.status", "date": SAMPLE_DATE, "dossier": d}


def _deep(levels):
    top = cur = {}
    for _ in range(levels):
        cur["participants"] = {}
        cur = cur["participants"]
    return top


def _fifo():
    path = os.path.join(tempfile.mkdtemp(), "fifo")
    os.mkfifo(path)
    return path


def _with_limit(limit, call):
    old = os.environ.get("EDURULES_MAX_INPUT_BYTES")
    os.environ["EDURULES_MAX_INPUT_BYTES"] = limit
    try:
        return call()
    finally:
        if old is None:
            del os.environ["EDURULES_MAX_INPUT_BYTES"]
        else:
            os.environ["EDURULES_MAX_INPUT_BYTES"] = old


def _misspelt(dossier):
    d = copy.deepcopy(dossier)
    d["participants"][0]["renewal_request"] = ["2024-12-01"]
    return d


def test_every_python_entry_has_a_case():
    assert {i for i, _, _ in _entries()} == set(CASES)


@pytest.mark.parametrize("case, cls, field", list(_entries()))
def test_hostile_python(engine, dossier, case, cls, field):
    with pytest.raises(edurules.Error) as info:
        CASES[case](engine, dossier)
    assert type(info.value).__name__ == cls, f"{case}: {type(info.value).__name__}: {info.value}"
    assert field in info.value.field, f"{case}: field {info.value.field!r}: {info.value}"


def test_account_frame_dates_out_of_range_are_refused_naming_the_row(engine):
    """A date pandas cannot hold (after 2262-04-11) raised pandas'
    OutOfBoundsDatetime (hostile-input review); the account frame now reads
    dates with the package's one converter, like the PE and leave frames, in
    the JSON path's range (9999-12-31 is read: test_face_agreement.py)."""
    f = pd.DataFrame({"year": [2025, 2025], "reference_fte": ["25", "25"], "reference_quarters": [0, 0],
                      "from": ["2024-01-01", "1899-12-31"], "contract_minutes": [2280, 2280],
                      "full_time_minutes": [2280, 2280]})
    with pytest.raises(edurules.InvalidInput) as e:
        edurules.account_right_frame(engine, f)
    assert e.value.record == 1 and "outside the supported range 1900-01-01..9999-12-31" in str(e.value)
    f.loc[1, "from"] = None
    with pytest.raises(edurules.InvalidInput, match="missing date"):
        edurules.account_right_frame(engine, f)
    f.loc[1, "from"] = "2024-01-01"
    assert len(edurules.account_right_frame(engine, f)) == 2


def test_account_frame_bad_cells_name_their_row_and_column(engine):
    """reference_fte errors named no field and no row ('reference_fte: at most
    4 decimals, no missing values', field ''), and a non-numeric year said
    'year: year:' (hostile-input probe): the first bad cell is named by frame,
    row label and column, as the PE and leave frames name theirs."""
    f = pd.DataFrame({"year": [2025, 2025], "reference_fte": [5, 5.12345], "reference_quarters": [4, 4],
                      "from": ["2020-01-01"] * 2, "contract_minutes": [2280] * 2, "full_time_minutes": [2280] * 2},
                     index=["a", "b"])
    with pytest.raises(edurules.InvalidInput) as e:
        edurules.account_right_frame(engine, f)
    assert e.value.field == "frame.reference_fte[b]" and e.value.record == 1 and "more than 4 decimals" in str(e.value)
    with pytest.raises(edurules.InvalidInput) as e:
        edurules.account_right_frame(engine, f.assign(reference_fte=[None, 1]))
    assert e.value.field == "frame.reference_fte[a]" and "missing" in str(e.value)
    with pytest.raises(edurules.InvalidArgument) as e:
        edurules.account_right_frame(engine, f.assign(reference_fte=[5, 6], year=["x", "y"]))
    assert e.value.field == "frame.year" and str(e.value).count("year") == 1


def test_account_frame_whole_numbers_that_do_not_fit_are_refused_not_wrapped(engine):
    """A uint64 above 2**63 - 1 or a year past 2**31 was cast by the engine's
    column reader and wrapped (2**32 + 2025 read as 2025); booleans were read
    as 0/1 (hostile-input review): refused naming the row, or the column."""
    base = {"year": [2025, 2025], "reference_fte": ["25", "25"], "reference_quarters": [0, 0],
            "from": ["2024-01-01", "2024-01-01"], "contract_minutes": [2280, 2280],
            "full_time_minutes": [2280, 2280]}
    f = pd.DataFrame(dict(base, year=np.array([2025, 2**32 + 2025], dtype=np.int64)), index=["a", "b"])
    with pytest.raises(edurules.InvalidInput) as e:
        edurules.account_right_frame(engine, f)
    assert e.value.record == 1 and e.value.label == "b" and "year" in e.value.field
    f = pd.DataFrame(dict(base, contract_minutes=np.array([2280, 2**64 - 1], dtype=np.uint64)))
    with pytest.raises(edurules.InvalidInput, match="too large") as e:
        edurules.account_right_frame(engine, f)
    assert e.value.record == 1 and "contract_minutes" in e.value.field
    f = pd.DataFrame(dict(base, full_time_minutes=[True, True]))
    with pytest.raises(edurules.InvalidArgument, match="full_time_minutes"):
        edurules.account_right_frame(engine, f)
    f = pd.DataFrame(dict(base, reference_fte=[1e300, 25.0]))
    with pytest.raises(edurules.InvalidInput, match="reference_fte"):
        edurules.account_right_frame(engine, f)
    ok = edurules.account_right_frame(engine, pd.DataFrame(dict(base, contract_minutes=np.array([2280, 2280],
                                                                                                 dtype=np.uint64))))
    assert list(ok["status"]) == [0, 0]


def test_lone_surrogates_in_keys_and_dates_are_refused_naming_the_cell(engine):
    """'S1\\ud800' has no UTF-8 text: keys and dates holding it raised a raw
    UnicodeEncodeError; now InvalidInput naming the cell (a date cell is
    flagged with errors="flag"; a key, which the rows are matched by, raises)."""
    people = pd.DataFrame({"seu_number": ["S1", "S2\ud800"], "diploma_date": ["2023-03-01", "2023-04-01"]})
    for errors in ("raise", "flag"):
        with pytest.raises(edurules.InvalidInput, match="lone surrogate") as e:
            engine.pe_status_frame(people, None, SAMPLE_DATE, errors=errors)
        assert e.value.field == "participants.seu_number[1]"
    dates = people.assign(seu_number=["S1", "S2"], diploma_date=["2023-03-01", "2023-04-0\ud800"])
    out = engine.pe_status_frame(dates, None, SAMPLE_DATE, errors="flag")
    assert out.error.isna().tolist() == [True, False] and "not a date" in out.error[1]
    workers = pd.DataFrame({"worker_id": ["W1", "W2\ud800"], "region": ["flanders"] * 2, "contract_hours": [38] * 2,
                            "full_time_hours": [38] * 2})
    trainings = pd.DataFrame({"worker_id": ["W1"], "training_id": ["T1"], "type": ["professional"]})
    with pytest.raises(edurules.InvalidInput, match="lone surrogate") as e:
        engine.leave_hours_frame(workers, trainings, None, school_year="2023-2024", errors="flag")
    assert e.value.field == "workers.worker_id[1]"
    out = engine.leave_hours_frame(workers.assign(worker_id=["W1", "W2"], sector=["a\ud800", "b"]), trainings, None,
                                   school_year="2023-2024", errors="flag")
    assert "column 'sector': not UTF-8 text (a lone surrogate)" in out.error[0]


@pytest.mark.parametrize("misspelt, meant", [("joint_comittee", "joint_committee"), ("too", "to"), ("To", "to"),
                                             ("employer_full_time_minute", "employer_full_time_minutes")])
def test_account_frame_refuses_a_misspelt_optional_column(engine, misspelt, meant):
    """A column nearly spelling one the account frame reads was ignored and
    the answers changed (hostile-input probe: joint_comittee, too, To): it is
    refused naming the nearest column, as the PE and leave frames refuse it."""
    base = {"year": [2025], "reference_fte": ["25"], "reference_quarters": [0], "from": ["2024-01-01"],
            "contract_minutes": [2280], "full_time_minutes": [2280]}
    value = "2024-06-30" if meant == "to" else 200 if meant == "joint_committee" else 2280
    with pytest.raises(edurules.InvalidArgument, match=f"did you mean '{meant}'") as e:
        edurules.account_right_frame(engine, pd.DataFrame(dict(base, **{misspelt: [value]})))
    assert e.value.field == f"frame.{misspelt}"
    ok = edurules.account_right_frame(engine, pd.DataFrame(dict(base, **{meant: [value], "note": ["mine"]})))
    assert list(ok["status"]) == [0]


def _fte_frame(*ftes):
    n = len(ftes)
    return pd.DataFrame({"year": [2025] * n, "reference_fte": list(ftes), "reference_quarters": [4] * n,
                         "from": ["2020-01-01"] * n, "contract_minutes": [2280] * n, "full_time_minutes": [2280] * n})


@pytest.mark.parametrize("fte", ["79.99999999995", 79.99999999995, 79.9999000001, 1e-300, "19.99999"])
def test_account_frame_refuses_an_fte_of_more_than_4_decimals_never_rounds_it(engine, fte):
    """reference_fte 79.99999999995 (text or float) was read as 80.0000 (a
    check |fte x 10000 - rint| > 1e-6): size class ge20 and 5 days instead of
    10_19 and 1 day (probe41 f1), while the JSON path refuses "fte":
    "19.99999999995". Text is now read by the JSON path's decimal parser, a
    float only as the 4-decimal value it is within 4 ulps of (the PE points'
    rule, one C++ helper); else InvalidInput naming column, row and value."""
    with pytest.raises(edurules.InvalidInput, match="more than 4 decimals") as e:
        edurules.account_right_frame(engine, _fte_frame(25, fte).set_axis(["a", "b"]))
    assert e.value.field == "frame.reference_fte[b]" and e.value.record == 1 and str(fte) in str(e.value)


def test_account_frame_reads_fte_text_and_floats_as_their_4_decimal_value(engine):
    r = edurules.account_right_frame(engine, _fte_frame("79.9999", 79.9999, 0.1 + 0.2, "80", 80.0, -0.0))
    assert list(r.size_class) == ["10_19", "10_19", "lt10", "ge20", "ge20", "lt10"]
    assert list(r.status) == [0] * 6
    bad = edurules.account_right_frame(engine, _fte_frame("-1", -1.5))  # the batch's rule: a row status, as before
    assert (bad.status < 0).all()


@pytest.mark.parametrize("fte, words", [("24,5", "not a number: '24,5'"), ("abc", "not a number: 'abc'"),
                                        (True, "expected FTE (numbers), got True"), ("", "not a number: ''")])
def test_account_frame_bad_fte_cells_raise_edurules_errors_naming_the_cell(engine, fte, words):
    """'24,5' and 'abc' raised a bare ValueError from numpy's float cast and
    True (a bool cell) was read as 1 FTE (probe41 f2): each is now
    InvalidInput naming column, row and value."""
    with pytest.raises(edurules.InvalidInput) as e:
        edurules.account_right_frame(engine, _fte_frame(25, fte))
    assert e.value.field == "frame.reference_fte[1]" and e.value.record == 1 and words in str(e.value)


def test_account_frame_refuses_a_bool_fte_column(engine):
    """A bool reference_fte column was read as 1 FTE per True (probe41 f2);
    the docs refuse bool columns: InvalidArgument naming the column."""
    with pytest.raises(edurules.InvalidArgument, match="dtype bool") as e:
        edurules.account_right_frame(engine, _fte_frame(True, False))
    assert e.value.field == "frame.reference_fte"


@pytest.mark.parametrize("limit", ["99999999999999999999", str(2**64 - 1), "0", "17179869184G", "1T", " 1K"])
def test_max_input_bytes_is_read_as_the_c_abi_reads_it(limit):
    """EDURULES_MAX_INPUT_BYTES=99999999999999999999 (or 2**64 - 1) was refused
    by the C ABI and the tool but taken by Python's own reader (probe41 f6):
    Python now calls the C ABI's reader (io::max_input_bytes), so every face
    refuses the same values, as InvalidArgument naming the variable."""
    book = SOURCE / "examples" / "data" / "dossier.json"
    with pytest.raises(edurules.InvalidArgument) as e:
        _with_limit(limit, lambda: edurules.Engine(rulebook=book))
    assert e.value.field == "EDURULES_MAX_INPUT_BYTES" and limit in str(e.value)
    assert _with_limit("4G", lambda: edurules.load_dossier(book)) is not None


@pytest.mark.parametrize("entry", ["evaluate", "overlay", "overrides", "leave"])
def test_a_request_that_holds_itself_is_refused_naming_the_member(engine, entry):
    """A dict or list that contains itself is refused at once, naming where it
    loops back (json.dumps detects it; the walk that names the member used to
    follow the loop for ever, memory growing without bound)."""
    doc = {"schema_version": 1, "kind": "rulebook.describe"}
    doc["self"] = doc
    loop: list = [1]
    loop.append(loop)
    calls = {
        "evaluate": lambda: engine.evaluate(doc),
        "overlay": lambda: edurules.Engine(overlay=doc),
        "overrides": lambda: edurules.Engine(overrides={"pe.period.years": loop}),
        "leave": lambda: engine.evaluate({"kind": "leave.evaluate", "workers": [loop]}),
    }
    with pytest.raises(edurules.InvalidArgument, match="circular reference") as e:
        calls[entry]()
    assert e.value.field in ("self.self", "overlay[0].self", "overrides['pe.period.years'][1]", "workers[0][1]")


def test_a_shared_member_is_not_a_circular_reference(engine):
    """The same dict used twice is written twice (json.dumps accepts it): only
    the engine's own judgement of the member follows."""
    shared = {"id": "S1"}
    with pytest.raises(edurules.InvalidInput, match="unknown member"):
        engine.evaluate({"kind": "rulebook.describe", "p": shared, "q": shared})

"""The Engine's single-decision API, rulebooks, pickling and the error hierarchy."""
from __future__ import annotations

import copy
import json
import pickle

import pytest

import edurules
from conftest import DOSSIER, SAMPLE_DATE, SOURCE


def test_version_and_names():
    assert edurules.__version__.count(".") == 2
    assert edurules.PE_STATES == ("not_registered", "registered", "lapsed", "ended")
    assert "no_diploma" in edurules.PE_REASONS
    assert edurules.PE_BATCH_ERRORS[0] == "none"


def test_builtin_engine_and_rulebook(engine):
    assert engine.rulebook_name and engine.rulebook_version
    book = engine.rulebook()
    assert "pe.points.required" in book["parameters"]
    assert repr(engine).startswith("<edurules.Engine")


def test_evaluate_rulebook_describe(engine):
    resp = engine.evaluate({"kind": "rulebook.describe"})
    assert resp["schema_version"] == 1 and resp["kind"] == "rulebook.describe"
    assert resp["result"]["parameters"] == engine.rulebook()["parameters"]


def test_evaluate_accepts_json_text_and_dates(engine, dossier):
    import datetime as dt
    a = engine.evaluate({"kind": "pe.status", "date": dt.date(2025, 6, 1), "dossier": dossier})
    b = engine.evaluate(json.dumps({"schema_version": 1, "kind": "pe.status", "date": "2025-06-01", "dossier": dossier}))
    assert a == b


def test_pe_status_explains(engine, dossier):
    res = engine.pe_status(dossier, SAMPLE_DATE)
    assert res["date"] == SAMPLE_DATE
    assert len(res["participants"]) == len(dossier["participants"])
    first = res["participants"][0]
    assert first["explanation"] and first["explanation"][0]["rule"].startswith("pe.")
    assert {"state", "points_earned", "days_left", "renewal_possible"} <= set(first)
    # a path works as well as a dict
    assert engine.pe_status(DOSSIER, SAMPLE_DATE) == res


def test_pe_status_table_matches_result(engine, dossier, sample_status):
    table = engine.pe_status_table(dossier, SAMPLE_DATE)
    assert list(table.columns[:10]) == list(edurules.PE_STATUS_COLUMNS)
    assert table.state.tolist() == [p["state"] for p in sample_status["participants"]]
    assert edurules.pe_status_table(sample_status).equals(table)


def test_pe_reminders(engine, dossier):
    res = engine.pe_reminders(dossier, SAMPLE_DATE)
    assert res["date"] == SAMPLE_DATE and isinstance(res["reminders_due"], list)


def test_pe_book_rows_and_csv(engine, dossier):
    rows = [{"seu_number": dossier["participants"][0]["seu_number"], "activity_id": "ACT-CAO-02", "completed": "2025-05-02"},
            {"seu_number": "SEU-404", "activity_id": "ACT-CAO-02", "completed": "2025-05-02"}]
    res = engine.pe_book(dossier, SAMPLE_DATE, rows=rows)
    assert res["rows_in"] == 2 == res["booked"] + res["rejected"]
    assert res["rows"][1]["reason"] == "unknown_seu_number"
    csv = (SOURCE / "examples" / "data" / "upload.csv").read_text(encoding="utf-8")
    res = engine.pe_book(dossier, SAMPLE_DATE, csv=csv)
    assert res["rows_in"] == res["booked"] + res["rejected"] > 0
    with pytest.raises(edurules.InvalidArgument):
        engine.pe_book(dossier, SAMPLE_DATE)
    # a request giving both is refused naming both (the rows were dropped silently)
    both = {"kind": "pe.book", "date": SAMPLE_DATE, "dossier": dossier, "rows": rows, "csv": csv}
    with pytest.raises(edurules.InvalidInput, match='given with "rows"') as e:
        engine.evaluate(both)
    assert e.value.field == "csv"


def test_pe_activity_and_recognition(engine, dossier):
    act = dossier["activities"][0]
    res = engine.pe_activity(act, SAMPLE_DATE)
    assert res["id"] == act["id"] and isinstance(res["meets_criteria"], bool) and res["explanation"]
    rec = next(r for r in dossier["recognitions"] if r["activity_id"] == act["id"])
    res = engine.pe_recognition(act, rec, SAMPLE_DATE)
    assert res["id"] == rec["id"] and "valid_until" in res and "valid_on_date" in res
    assert "valid_on_date" not in engine.pe_recognition(act, rec)


def test_pe_collective(engine, dossier):
    seus = [p["seu_number"] for p in dossier["participants"][:12]]
    res = engine.pe_collective(dossier, seus, SAMPLE_DATE)
    assert len(res["members"]) == 12 and isinstance(res["accepted"], bool)


def test_overrides_change_decisions(engine, sample_status):
    strict = edurules.Engine(overrides={"pe.points.required": "16"})
    assert strict.rulebook()["parameters"]["pe.points.required"]["values"][-1]["value"] == "16"
    res = strict.pe_status(DOSSIER, SAMPLE_DATE, explain=False)
    before = {p["seu_number"]: p for p in sample_status["participants"]}
    changed = [p for p in res["participants"] if p["points_short"] != before[p["seu_number"]]["points_short"]]
    assert changed
    # a dated override: only from 2030 on, so nothing changes today
    later = edurules.Engine(overrides={"pe.points.required": ("16", "2030-01-01")})
    assert later.pe_status(DOSSIER, SAMPLE_DATE, explain=False)["participants"] == sample_status["participants"]


def test_overrides_of_a_wrong_shape_raise_edurules_errors_and_a_list_is_a_list_value():
    """overrides=[(name, value)] raised a bare AttributeError ('list' object
    has no attribute 'items'), and a list value for a list parameter
    ({"pe.reminders.months_before_end": [12, 6]}) was read as (value, from)
    and failed "from: not a date: 6" (probe41 f2). A non-mapping is now
    InvalidArgument saying the shape expected; a tuple is (value, from[, to])
    and a list is the value of a list parameter."""
    with pytest.raises(edurules.InvalidArgument, match="expected a mapping of parameter name to value") as e:
        edurules.Engine(overrides=[("pe.points.required", "16")])
    assert e.value.field == "overrides" and "got list" in str(e.value)
    months = "pe.reminders.months_before_end"
    e = edurules.Engine(overrides={months: [12, 6]})
    assert e.rulebook()["parameters"][months]["values"][-1]["value"] == [12, 6]
    later = edurules.Engine(overrides={months: ([9, 3], "2030-01-01")})
    assert later.rulebook()["parameters"][months]["values"][-1]["value"] == [9, 3]
    assert later.rulebook()["parameters"][months]["values"][-1]["from"] == "2030-01-01"
    with pytest.raises(edurules.RulebookError, match=months):
        edurules.Engine(overrides={months: [12, "six"]})
    with pytest.raises(edurules.InvalidArgument, match="a tuple"):
        edurules.Engine(overrides={"pe.points.required": ("16", "2030-01-01", None, None)})


def test_custom_rulebook_and_overlay(engine, tmp_path, sample_status):
    book = engine.rulebook()
    path = tmp_path / "book.json"
    path.write_text(json.dumps(book), encoding="utf-8")
    same = edurules.Engine(rulebook=path)
    assert same.rulebook() == book
    assert edurules.Engine(rulebook=book).rulebook() == book
    layer = {"schema_version": 1, "name": "local", "sources": book["sources"],
             "parameters": {"pe.points.required": copy.deepcopy(book["parameters"]["pe.points.required"])}}
    layer["parameters"]["pe.points.required"]["values"][0]["value"] = "13"
    over = edurules.Engine(overlay=layer)
    assert over.rulebook()["parameters"]["pe.points.required"]["values"][0]["value"] == "13"
    res = over.pe_status(DOSSIER, SAMPLE_DATE, explain=False)
    assert res["participants"] != sample_status["participants"]


def test_pickle_round_trip(engine, sample_status):
    strict = edurules.Engine(overrides={"pe.points.required": "16"})
    back = pickle.loads(pickle.dumps(strict))
    assert back.rulebook() == strict.rulebook()
    assert back.pe_status(DOSSIER, SAMPLE_DATE, explain=False) == strict.pe_status(DOSSIER, SAMPLE_DATE, explain=False)


# --- the error hierarchy ----------------------------------------------------

def test_hierarchy():
    for cls in (edurules.InvalidArgument, edurules.ParseError, edurules.InvalidInput, edurules.RulebookError,
                edurules.FileError, edurules.InternalError):
        assert issubclass(cls, edurules.Error) and cls.__doc__
    assert issubclass(edurules.InvalidInput, ValueError)
    assert issubclass(edurules.FileError, OSError)
    e = edurules.InvalidInput("not a date", field="x[3]", record=3)
    assert str(e) == "x[3]: not a date" and e.field == "x[3]" and e.record == 3 and e.offset is None


def test_invalid_input_names_the_field(engine, dossier):
    bad = copy.deepcopy(dossier)
    bad["participants"][1]["diploma_date"] = "2023-02-30"
    with pytest.raises(edurules.InvalidInput) as info:
        engine.pe_status(bad, SAMPLE_DATE)
    assert info.value.field == "dossier.participants[1].diploma_date"
    assert info.value.record == 1
    assert "2023-02-30" in str(info.value)


def test_parse_error_has_offset(engine):
    with pytest.raises(edurules.ParseError) as info:
        engine.evaluate('{"schema_version": 1, "kind": ')
    assert info.value.offset is not None and info.value.offset > 0


def test_unknown_kind_and_bad_date_argument(engine):
    with pytest.raises(edurules.InvalidInput) as info:
        engine.evaluate({"kind": "pe.nothing"})
    assert info.value.field == "kind"
    with pytest.raises(edurules.InvalidArgument) as info:
        engine.pe_reminders(DOSSIER, "2025-02-30")
    assert info.value.field == "date"
    with pytest.raises(edurules.InvalidArgument):
        engine.evaluate(42)  # type: ignore[arg-type]


def test_rulebook_errors(tmp_path):
    with pytest.raises(edurules.FileError) as info:
        edurules.Engine(rulebook=tmp_path / "missing.json")
    assert "missing.json" in str(info.value)
    (tmp_path / "broken.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(edurules.ParseError):
        edurules.Engine(rulebook=tmp_path / "broken.json")
    with pytest.raises(edurules.RulebookError):
        edurules.Engine(overrides={"pe.no.such.parameter": "1"})
    with pytest.raises(edurules.RulebookError, match=r'did you mean "pe.points.required"\?'):
        edurules.Engine(overrides={"pe.points.requird": "16"})
    with pytest.raises(edurules.RulebookError, match="runs from 2025-02-01 to 2024-01-01, which ends before it starts"):
        edurules.Engine(overrides={"pe.points.required": ("1", "2025-02-01", "2024-01-01")})
    with pytest.raises(edurules.Error):
        edurules.Engine(overrides={"pe.points.required": "twelve"})
    with pytest.raises(edurules.RulebookError):
        edurules.Engine(rulebook={"schema_version": 1, "name": "empty", "sources": {}, "parameters": {}})


def test_load_dossier_errors(tmp_path):
    with pytest.raises(edurules.FileError):
        edurules.load_dossier(tmp_path / "nope.json")
    (tmp_path / "bad.json").write_text("[1, 2", encoding="utf-8")
    with pytest.raises(edurules.ParseError):
        edurules.load_dossier(tmp_path / "bad.json")


def longest_pause_while(fn):
    """(longest stretch this thread could not run, total time) while `fn`
    runs in another thread. A call holding the GIL stops this thread for
    its whole length; a call releasing it only for scheduling slices."""
    import threading
    import time
    done = threading.Event()
    worker = threading.Thread(target=lambda: (fn(), done.set()))
    start = last = time.perf_counter()
    longest = 0.0
    worker.start()
    while not done.is_set():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    worker.join()
    return longest, time.perf_counter() - start


def released_most_of_the_time(fn, tries: int = 3):
    """Whether this thread ran through most of `fn` in another thread, in
    one of `tries` runs (a busy shared host can stall this thread once; a
    call that keeps the GIL stalls it every time). The run must last long
    enough (0.2 s) for the scheduler's slices not to matter."""
    seen = []
    for _ in range(tries):
        pause, total = longest_pause_while(fn)
        seen.append((round(pause, 3), round(total, 3)))
        if total > 0.2 and pause < total / 2:
            return True, seen
    return False, seen


def test_gil_released_during_evaluation(engine):
    import json as _json
    import population
    pop = population.make_population(20_000, seed=4)
    text = json.dumps({"schema_version": 1, "kind": "pe.status", "date": SAMPLE_DATE, "dossier": pop.dossier()})
    ok, seen = released_most_of_the_time(lambda: engine._core.evaluate_json(text))
    assert ok, seen
    comps = pop.completions.drop(columns="points")
    ok, seen = released_most_of_the_time(lambda: engine.pe_dossier_frames(
        pop.participants, comps, population.activities(), population.recognitions(), SAMPLE_DATE))
    assert ok, seen
    # and the check does tell: a C call that keeps the GIL stops this thread throughout
    big = json.dumps([list(range(50))] * 100_000)
    pause, total = longest_pause_while(lambda: _json.loads(big))
    assert pause > total / 2, (pause, total)


def test_threads_share_one_engine(engine, dossier):
    # several threads evaluating at once give the same answers
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: engine.pe_status(dossier, SAMPLE_DATE, explain=False), range(8)))
    assert all(r == results[0] for r in results)

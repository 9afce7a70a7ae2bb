"""Parity: the Python batch path gives exactly what the C++ single (JSON)
path gives, on the sample dossier and on a generated population of 100,000
participants (renewals, dispensations, activations, no diploma, completions
booked by the JSON path and fed to the batch as booked points)."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

import edurules
from conftest import SAMPLE_DATE

COLS = list(edurules.PE_STATUS_COLUMNS)


def exact_points(result):
    """Points of the JSON result in hundredths (exact, from the decimal text)."""
    from decimal import Decimal
    return [int(Decimal(p["points_earned"]) * 100) for p in result["participants"]]


def test_sample_dossier(engine, dossier, sample_status):
    frames = edurules.pe_frames(dossier)
    booked = edurules.booked_completions(sample_status)
    batch = engine.pe_status_frame(frames.participants, booked, SAMPLE_DATE)
    single = edurules.pe_status_table(sample_status)
    pd.testing.assert_frame_equal(batch[COLS], single[COLS])
    assert (np.rint(batch.points_earned * 100).astype(int).tolist()) == exact_points(sample_status)
    # the sample covers every state, renewals and a dispensation
    assert set(batch.state.astype(str)) >= {"registered", "lapsed", "not_registered", "ended"}
    assert frames.participants.dispensations.map(len).sum() > 0


def bookings_equal(bookings, result):
    """The batch bookings against the JSON path's completions, field by field."""
    j = pd.DataFrame(result["completions"])
    assert len(bookings) == len(j)
    assert bookings.status.astype(str).tolist() == j.status.tolist()
    assert bookings.reason.astype(str).tolist() == j.reason.tolist()
    assert bookings.message.tolist() == j.message.tolist()
    assert bookings.recognition_id.tolist() == j.recognition_id.where(j.recognition_id.notna(), None).tolist()
    booked = j.status == "booked"
    assert np.rint(bookings.points[booked.to_numpy()] * 100).astype(int).tolist() == \
        [int(round(float(p) * 100)) for p in j.points[booked]]


def test_sample_dossier_booked_from_raw_completions(engine, dossier, sample_status):
    f = edurules.pe_frames(dossier)
    status, bookings = engine.pe_dossier_frames(f.participants, f.completions, f.activities, f.recognitions, SAMPLE_DATE)
    pd.testing.assert_frame_equal(status[COLS], edurules.pe_status_table(sample_status)[COLS])
    bookings_equal(bookings, sample_status)
    assert set(bookings.reason.astype(str)) >= {"booked", "not_recognised", "not_registered"}


def test_sample_dossier_on_many_dates(engine, dossier):
    frames = edurules.pe_frames(dossier)
    for day in ["2023-01-01", "2024-02-29", "2024-12-31", "2025-03-01", "2026-06-01"]:
        res = engine.pe_status(dossier, day, explain=False)
        batch = engine.pe_status_frame(frames.participants, edurules.booked_completions(res), day)
        pd.testing.assert_frame_equal(batch[COLS], edurules.pe_status_table(res)[COLS], obj=day)


def single_path_in_parts(engine, doc, parts):
    """pe.status of a dossier evaluated as `parts` dossiers split by participant
    (each with its own completions), in threads: the JSON path releases the
    GIL, and participants never share a booking, so the result is the same."""
    people = doc["participants"]
    cut = [len(people) * k // parts for k in range(parts + 1)]
    part_of = {p["seu_number"]: k for k in range(parts) for p in people[cut[k]:cut[k + 1]]}
    comps = [[] for _ in range(parts)]
    for c in doc["completions"]:
        comps[part_of[c["seu_number"]]].append(c)
    docs = [dict(doc, participants=people[cut[k]:cut[k + 1]], completions=comps[k]) for k in range(parts)]
    with ThreadPoolExecutor(parts) as pool:
        results = list(pool.map(lambda d: engine.pe_status(d, SAMPLE_DATE, explain=False), docs))
    return {"participants": [p for r in results for p in r["participants"]],
            "completions": [c for r in results for c in r["completions"]]}


def test_generated_population_of_100000(engine):
    import population
    pop = population.make_population(100_000, seed=11, per=4.0)
    res = single_path_in_parts(engine, pop.dossier(), 4)  # the C++ single path, every row
    booked = edurules.booked_completions(res)
    assert len(booked) > 50_000
    batch = engine.pe_status_frame(pop.participants, booked, SAMPLE_DATE, renewals=pop.renewals,
                                   dispensations=pop.dispensations)
    single = edurules.pe_status_table(res)
    assert len(batch) == len(single) == 100_000
    pd.testing.assert_frame_equal(batch[COLS], single[COLS])
    assert np.rint(batch.points_earned * 100).astype(np.int64).tolist() == exact_points(res)
    # every state occurs, and the invariants hold on all rows
    counts = batch.state.value_counts()
    assert (counts[list(edurules.PE_STATES)] > 0).all()
    reg = batch.state == "registered"
    assert (batch.days_left.notna() == reg).all()
    assert ((batch.points_short == 0) | ~batch.renewal_possible | ~reg).all()
    assert (batch.period_start.notna() == (batch.state != "not_registered")).all()
    # the raw completions booked by the dossier path from frames: same statuses, same bookings
    status, bookings = engine.pe_dossier_frames(pop.participants, pop.completions.drop(columns="points"),
                                                population.activities(), population.recognitions(), SAMPLE_DATE,
                                                renewals=pop.renewals, dispensations=pop.dispensations)
    pd.testing.assert_frame_equal(status[COLS], single[COLS])
    bookings_equal(bookings, res)

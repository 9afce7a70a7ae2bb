"""The Python batch path (Engine.pe_status_frame) on a generated population
with bad rows injected at known places: one output row per participant, in
input order with the input's index, each bad row flagged with its field and
no status, every other row exactly what it is without the bad rows; and the
same frame on 1 thread and on several."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import edurules

DATE = "2025-06-01"
N = 3000


def population(seed: int = 8):
    rnd = np.random.default_rng(seed)
    diploma = pd.Timestamp("2019-01-01") + pd.to_timedelta(rnd.integers(0, 2200, N), unit="D")
    people = pd.DataFrame({"seu_number": [f"S{i:05d}" for i in range(N)], "diploma_date": diploma},
                          index=pd.RangeIndex(1000, 1000 + N, name="row"))
    m = 5 * N
    comps = pd.DataFrame({"seu_number": people.seu_number.to_numpy()[rnd.integers(0, N, m)],
                          "completed": pd.Timestamp("2020-01-01") + pd.to_timedelta(rnd.integers(0, 1900, m), unit="D"),
                          "points": (rnd.integers(25, 400, m) / 100).round(2)})
    return people, comps


def inject(people: pd.DataFrame) -> tuple[pd.DataFrame, dict[int, str]]:
    """Bad cells at known rows: first, last and every 97th; the column named in the error."""
    p = people.copy()
    p["diploma_date"] = p["diploma_date"].dt.strftime("%Y-%m-%d").astype(object)
    bad = {}
    for k, i in enumerate([0, N - 1] + list(range(13, N - 1, 97))):
        what = k % 3
        if what == 0:
            p.iloc[i, p.columns.get_loc("diploma_date")] = "2023-02-29"
            bad[i] = "participants.diploma_date"
        elif what == 1:
            p.iloc[i, p.columns.get_loc("diploma_date")] = "1899-12-31"
            bad[i] = "participants.diploma_date"
        else:
            p.iloc[i, p.columns.get_loc("seu_number")] = p.iloc[i - 1, p.columns.get_loc("seu_number")]
            bad[i] = "participants.seu_number"
    return p, bad


@pytest.fixture(scope="module")
def engine():
    return edurules.Engine()


def test_one_row_per_participant_in_order_with_bad_rows_flagged(engine):
    people, comps = population()
    hostile, bad = inject(people)
    out = engine.pe_status_frame(hostile, comps, DATE, errors="flag", unknown="ignore")
    assert len(out) == len(hostile)
    assert out.index.equals(hostile.index)
    assert out.seu_number.tolist() == hostile.seu_number.tolist()
    flagged = out.error.notna().to_numpy()
    assert set(np.flatnonzero(flagged)) == set(bad), "exactly the injected rows are flagged"
    for i, field in bad.items():
        frame, column = field.split(".", 1)  # named in words: the frame, the row's label and position, the column
        label = hostile.index[i]
        assert out.error.iloc[i].startswith(f"{frame} row label {label!r} (position {i}), column {column!r}"), \
            (i, out.error.iloc[i])
        assert pd.isna(out.period_start.iloc[i])
    # Every other row is exactly what it is in the clean population.
    clean = engine.pe_status_frame(people, comps, DATE)
    good = ~flagged
    # A duplicated SEU number also takes the first holder's completions away
    # from nobody: completions go to the first of the duplicates, which is
    # not flagged, so the comparison holds for every unflagged row.
    pd.testing.assert_frame_equal(out[good].drop(columns="error"), clean[good].drop(columns="error"))


def test_same_frame_on_one_and_several_threads(engine):
    people, comps = population(seed=9)
    one = engine.pe_status_frame(people, comps, DATE, threads=1)
    many = engine.pe_status_frame(people, comps, DATE, threads=4)
    pd.testing.assert_frame_equal(one, many)
    assert one.error.isna().all()

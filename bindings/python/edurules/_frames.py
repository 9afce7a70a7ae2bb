"""Dossier documents as DataFrames, the shape the batch functions take."""
from __future__ import annotations

import json as _json
import os
from typing import Any, Mapping, NamedTuple, Union

import pandas as pd

from ._engine import _document
from ._errors import InvalidArgument, ParseError


def load_dossier(path: Union[str, "os.PathLike[str]"]) -> dict[str, Any]:
    """Reads a PE dossier JSON file (``examples/data/dossier.json`` shape).

    Raises:
        FileError: the file cannot be read.
        ParseError: it is not JSON.
    """
    text, origin = _document(os.fspath(path) if isinstance(path, os.PathLike) else path, "dossier")
    try:
        doc = _json.loads(text)
    except ValueError as e:
        raise ParseError(f"malformed JSON in {origin}: {e}", field="dossier", offset=getattr(e, "pos", None)) from None
    if not isinstance(doc, dict):
        raise ParseError(f"{origin} does not hold a JSON object", field="dossier")
    return doc


class PeFrames(NamedTuple):
    """A PE dossier as DataFrames.

    participants: seu_number, name, track, diploma_date, activation_date
    (datetime64, NaT when absent), renewal_requests (lists of dates),
    dispensations (lists of dicts); completions: seu_number, activity_id,
    completed (raw, not yet booked); activities and recognitions: one row per
    record, as in the document.
    """

    participants: pd.DataFrame
    completions: pd.DataFrame
    activities: pd.DataFrame
    recognitions: pd.DataFrame


def _dates(frame: pd.DataFrame, *columns: str) -> None:
    for c in columns:
        frame[c] = pd.to_datetime(frame[c] if c in frame else pd.Series([None] * len(frame), dtype=object),
                                  format="%Y-%m-%d")


def pe_frames(dossier: Mapping[str, Any]) -> PeFrames:
    """Splits a dossier document into DataFrames (see :class:`PeFrames`)."""
    if not isinstance(dossier, Mapping):
        raise InvalidArgument(f"expected a dossier dict, got {type(dossier).__name__}", field="dossier")
    p = pd.DataFrame(list(dossier.get("participants", [])),
                     columns=["seu_number", "name", "track", "diploma_date", "activation_date", "renewal_requests",
                              "dispensations"])
    _dates(p, "diploma_date", "activation_date")
    p["renewal_requests"] = p["renewal_requests"].apply(lambda v: v if isinstance(v, list) else [])
    p["dispensations"] = p["dispensations"].apply(lambda v: v if isinstance(v, list) else [])
    c = pd.DataFrame(list(dossier.get("completions", [])), columns=["seu_number", "activity_id", "completed"])
    _dates(c, "completed")
    return PeFrames(p, c, pd.DataFrame(list(dossier.get("activities", []))),
                    pd.DataFrame(list(dossier.get("recognitions", []))))


def booked_completions(status_result: Mapping[str, Any]) -> pd.DataFrame:
    """The completions a ``pe.status`` result booked, as the ``completions``
    frame :meth:`Engine.pe_status_frame` takes: seu_number, completed, points."""
    rows = [c for c in status_result.get("completions", []) if c.get("status") == "booked"]
    frame = pd.DataFrame({"seu_number": [c["seu_number"] for c in rows],
                          "completed": pd.to_datetime([c["completed"] for c in rows], format="%Y-%m-%d"),
                          "points": [c["points"] for c in rows]})
    frame["points"] = pd.to_numeric(frame["points"]).astype(float)
    return frame

"""The Engine: one immutable rulebook and its rules, shared freely across
threads; single decisions as plain Python data, whole populations as DataFrames."""
from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import json as _json
import os
import stat
from types import SimpleNamespace
from typing import Any, Mapping, Optional, Sequence, Union

import numpy as np
import pandas as pd

from . import _columns as C
from . import _edurules
from . import _leave
from ._errors import FileError, InvalidArgument, ParseError

PathOrText = Union[str, "os.PathLike[str]", Mapping[str, Any]]
DateLike = Union[_dt.date, str, np.datetime64, pd.Timestamp]

PE_STATES: tuple[str, ...] = tuple(_edurules.PE_STATES)
"""The PE registration states, in the engine's order."""
PE_REASONS: tuple[str, ...] = tuple(_edurules.PE_REASONS)
"""Why a participant is not registered (state ``not_registered``)."""
_STATE_DTYPE = pd.CategoricalDtype(PE_STATES)  # made once: from_codes checks the categories of each new one
_REASON_DTYPE = pd.CategoricalDtype(PE_REASONS)
PE_BATCH_ERRORS: tuple[str, ...] = tuple(_edurules.PE_BATCH_ERRORS)
"""Codes of rows the columnar PE path rejects (index 0 = none)."""
PE_BOOKING_REASONS: tuple[str, ...] = tuple(_edurules.PE_BOOKING_REASONS)
"""Why a completion was booked or rejected (index 0 = booked)."""

PE_STATUS_COLUMNS: tuple[str, ...] = ("seu_number", "state", "reason", "period_start", "period_end", "points_earned",
                                      "points_short", "days_left", "renewal_possible", "error")
"""The columns of a PE status frame, in order."""


def _decimal_json(value: _decimal.Decimal) -> Union[int, str]:
    """A Decimal as the request member it stands for: an integral one as the
    JSON number (Decimal('240') is 240, which a whole-number member such as
    net_minutes reads, and the text "240" is not); any other as its exact
    digits in decimal text ('1.50', '0.0000001', never an exponent), which
    every member taking decimals reads exactly (json_util.cpp's as_decimal),
    where a JSON number literal would be read through a double and rounded
    past 15 digits. NaN and the infinities are refused (ValueError), as a
    float's are."""
    if not value.is_finite():
        raise ValueError(f"{value} is not a JSON number")
    if value == value.to_integral_value():
        return int(value)
    return format(value, "f")


def _jsonable(value: Any) -> Any:
    """json.dumps fallback: dates as ISO text, Decimals as numbers or exact
    decimal text (_decimal_json), numpy scalars as numbers."""
    if isinstance(value, (_dt.date, pd.Timestamp)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, np.datetime64):
        return str(value.astype("datetime64[D]"))
    if isinstance(value, _decimal.Decimal):
        return _decimal_json(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _bad_value(value: Any) -> Optional[str]:
    """What makes one value unfit for a JSON request (None: nothing)."""
    if (isinstance(value, (float, np.floating)) and not np.isfinite(value)) or \
            (isinstance(value, _decimal.Decimal) and not value.is_finite()):
        return f"{value} is not a JSON number (give None for a missing value)"
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as e:
            return f"has a lone surrogate at character {e.start}, which UTF-8 cannot hold"
    return None


def _first_bad(doc: Any, field: str) -> tuple[str, str]:
    """The path and problem of the first value json.dumps or UTF-8 refuses
    (walked only once dumping failed; no recursion, so any depth)."""
    def named(path: str) -> str:  # a request's members as the engine names them: dossier.participants[3].name
        return (path.lstrip(".") or field) if field == "request" else field + path

    def inside(anc: Any, key: int) -> bool:  # whether container `key` encloses the value (a chain of ids)
        while anc is not None:
            if anc[0] == key:
                return True
            anc = anc[1]
        return False

    # Each entry carries the ids of the containers that enclose it: a container met inside
    # itself is a circular reference (json.dumps refuses it); one met again elsewhere is
    # shared, its values already walked.
    stack: list[tuple[str, Any, Any]] = [("", doc, None)]
    walked: set[int] = set()
    while stack:
        path, value, anc = stack.pop()
        if isinstance(value, (Mapping, list, tuple)):
            if inside(anc, id(value)):
                return named(path), "refers back to a member that holds it (a circular reference)"
            if id(value) in walked:
                continue
            walked.add(id(value))
            anc = (id(value), anc)
        if isinstance(value, Mapping):
            items = list(value.items())
            for key, _ in items:
                if isinstance(key, str) and (problem := _bad_value(key)):
                    return named(f"{path}.{key!r}"), f"the member name {problem}"
            stack.extend((f"{path}.{k}", v, anc) for k, v in reversed(items))
        elif isinstance(value, (list, tuple)):
            stack.extend((f"{path}[{i}]", v, anc) for i, v in reversed(list(enumerate(value))))
        elif problem := _bad_value(value):
            return named(path), problem
        elif value is not None and not isinstance(value, (str, int, float, bool)):
            try:
                _jsonable(value)
            except TypeError as e:
                return named(path), str(e)
    return field, "cannot be written as JSON"


_MAX_DEPTH = 64  # the JSON readers' nesting limit (detail::max_json_depth, src/core/json_guard.hpp): a guard


def _depth(value: Any) -> int:
    """Levels of lists and dicts in `value` (no recursion: any depth), counted
    up to one past _MAX_DEPTH (so a structure that holds itself ends too)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        if d > _MAX_DEPTH + 1:
            return d
        if isinstance(v, Mapping):
            stack.extend((x, d + 1) for x in v.values())
        elif isinstance(v, (list, tuple)):
            stack.extend((x, d + 1) for x in v)
        else:
            continue
        deepest = max(deepest, d)
    return deepest


def _dumps(doc: Any, field: str) -> str:
    """JSON text of a request document, or InvalidArgument naming the member
    that cannot be one (NaN or infinity, a lone surrogate, an unknown type,
    nesting deeper than Python's recursion limit)."""
    try:
        text = _json.dumps(doc, default=_jsonable, ensure_ascii=False, allow_nan=False)
    except RecursionError:
        where = field
        if isinstance(doc, Mapping):  # the member that holds the depth
            deep = [k for k, v in doc.items() if _depth(v) > _MAX_DEPTH]
            if deep and field == "request":
                where = str(deep[0])
            elif deep:
                where = f"{field}.{deep[0]}"
        raise InvalidArgument(f"is nested too deeply for a request (at most {_MAX_DEPTH} levels are read)",
                              field=where) from None
    except (TypeError, ValueError):
        where, problem = _first_bad(doc, field)
        raise InvalidArgument(problem, field=where) from None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        where, problem = _first_bad(doc, field)
        raise InvalidArgument(problem, field=where) from None
    return text


# The optional columns the PE frames are read for (a column nearly spelling one is refused: require_frame).
_PARTICIPANT_COLUMNS = ("activation_date", "renewal_requests", "dispensations", "track")
_COMPLETION_COLUMNS = ("seu_number", "activity_id", "completed", "points")


def _max_input_bytes() -> int:
    """EDURULES_MAX_INPUT_BYTES (bytes, optional K/M/G suffix), read by the C ABI's own reader
    (io::max_input_bytes): a value the C ABI and the tool refuse is refused here too, as InvalidArgument."""
    return int(_edurules.max_input_bytes())


def _read_text(path: Union[str, "os.PathLike[str]"], field: str) -> str:
    """A regular file within the input limit: a directory, FIFO or device is a
    FileError naming the path (never opened, so a FIFO cannot block)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            what = ("a directory" if stat.S_ISDIR(st.st_mode) else "a FIFO" if stat.S_ISFIFO(st.st_mode)
                    else "a device or socket")
            raise FileError(f"{os.fspath(path)!r} is {what}, not a regular file", field=field)
        limit = _max_input_bytes()
        if st.st_size > limit:
            raise FileError(f"{os.fspath(path)!r} is {st.st_size} bytes, more than the input limit of {limit} bytes "
                            "(EDURULES_MAX_INPUT_BYTES)", field=field)
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileError:
        raise
    except OSError as e:
        raise FileError(f"cannot read {os.fspath(path)!r}: {e.strerror or e}", field=field) from None
    except UnicodeDecodeError as e:
        raise ParseError(f"{os.fspath(path)!r} is not UTF-8 text: {e.reason}", field=field, offset=e.start) from None


def _document(value: PathOrText, field: str) -> tuple[str, str]:
    """(JSON text, origin) from a mapping, JSON text or a file path."""
    if isinstance(value, Mapping):
        return _dumps(value, field), field
    if isinstance(value, str) and value.lstrip().startswith("{"):
        return value, field
    if isinstance(value, (str, os.PathLike)):
        return _read_text(value, field), os.fspath(value)
    raise InvalidArgument(f"expected a dict, JSON text or a file path, got {type(value).__name__}", field=field)


def _load_document(value: PathOrText, field: str = "dossier") -> Any:
    """A JSON document given as a dict, JSON text or a file path."""
    if isinstance(value, Mapping):
        return value
    text, origin = _document(value, field)
    try:
        return _json.loads(text)
    except ValueError as e:
        raise ParseError(f"malformed JSON in {origin}: {e}", field=field, offset=getattr(e, "pos", None)) from None


def _from_rulebook_json(text: str) -> "Engine":
    """Unpickling: an engine from its whole rulebook document."""
    return Engine(rulebook=text)


class Engine:
    """The edurules engine: a rulebook (the built-in one by default) and the
    PE and leave rules resolved from it.

    Immutable and thread-safe: build one and share it. It pickles as its
    rulebook document, so it travels to Dask or multiprocessing workers.

    Args:
        rulebook: a whole rulebook replacing the built-in one: a dict, JSON
            text, or the path of a JSON file.
        overlay: one or more rulebook documents laid over it, each replacing
            the parameters of the same name over the dates its values span
            (earlier and later values stay; like the CLI's ``--rulebook``).
        overrides: a mapping of parameter name to single value,
            ``{"pe.points.required": "16"}``; a value may be the tuple
            ``(value, from_date)`` or ``(value, from_date, to_date)`` to set
            it over a date range only (like the CLI's ``--set``). A list is
            the value of a list parameter:
            ``{"pe.reminders.months_before_end": [12, 6]}`` (``([12, 6],
            "2026-01-01")`` from a date).

    Raises:
        RulebookError: the rulebook is malformed or lacks a parameter.
        ParseError: a rulebook document is not JSON.
        FileError: a rulebook file cannot be read.
    """

    # pe_status_frame decides completions given as datetime64[ns] and float64
    # columns in the participants' order without building converted
    # completion columns (_pe_status_fused); False takes the general path
    # always (the benchmark records its engine columns this way).
    _fused_frames = True

    def __init__(self, rulebook: Optional[PathOrText] = None, *,
                 overlay: Union[PathOrText, Sequence[PathOrText], None] = None,
                 overrides: Optional[Mapping[str, Any]] = None) -> None:
        base = _document(rulebook, "rulebook") if rulebook is not None else None
        if overlay is None:
            layers: list[Any] = []
        elif isinstance(overlay, (Mapping, str, os.PathLike)):
            layers = [overlay]
        else:
            layers = list(overlay)
        overlays = [_document(o, f"overlay[{i}]") for i, o in enumerate(layers)]
        sets = []
        if overrides is not None and not isinstance(overrides, Mapping):
            raise InvalidArgument("expected a mapping of parameter name to value, value being a value, "
                                  "(value, from) or (value, from, to), such as {'pe.points.required': '16'}, "
                                  f"got {type(overrides).__name__}", field="overrides")
        for name, v in (overrides or {}).items():
            # a tuple is a value over a range; a list is the value of a list parameter ([12, 6])
            rng: tuple[Any, ...] = v if isinstance(v, tuple) else (v,)
            if not 1 <= len(rng) <= 3:
                raise InvalidArgument("expected value, (value, from) or (value, from, to), a tuple "
                                      f"(a list is the value of a list parameter), got {len(rng)} items",
                                      field=f"overrides[{name!r}]")
            value = rng[0]
            text = (str(value).lower() if isinstance(value, bool)
                    else _dumps(value, f"overrides[{name!r}]") if isinstance(value, list) else str(value))
            frm = C.day_arg(rng[1], f"overrides[{name!r}].from")[0] if len(rng) > 1 and rng[1] is not None else None
            to = C.day_arg(rng[2], f"overrides[{name!r}].to")[0] if len(rng) > 2 and rng[2] is not None else None
            sets.append((str(name), text, frm, to))
        self._core = _edurules.Engine(base[0] if base else None, base[1] if base else "rulebook", overlays, sets)

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return _from_rulebook_json, (self._core.rulebook_json(),)

    def __repr__(self) -> str:
        return f"<edurules.Engine rulebook={self.rulebook_name!r} version={self.rulebook_version!r}>"

    @property
    def rulebook_name(self) -> str:
        """The rulebook's name."""
        return str(self._core.rulebook_name)

    @property
    def rulebook_version(self) -> str:
        """The rulebook's version."""
        return str(self._core.rulebook_version)

    def rulebook(self) -> dict[str, Any]:
        """The rulebook in force, as its JSON document (parameters with their
        dated values, sources and confidence)."""
        return _json.loads(self._core.rulebook_json())

    # --- the JSON request path: every decision ----------------------------

    def evaluate(self, request: Union[Mapping[str, Any], str]) -> dict[str, Any]:
        """Evaluates one request document and returns the response document.

        ``request`` is a dict (or JSON text) such as ``{"kind": "pe.status",
        "date": "2025-06-01", "dossier": {...}}``; ``schema_version`` defaults
        to 1; dates may be ``datetime.date`` objects, numbers
        ``decimal.Decimal`` (an integral one sent as the JSON number, any
        other as its exact decimal text, which members taking decimals read
        exactly). Kinds: ``pe.status``,
        ``pe.reminders``, ``pe.book``, ``pe.activity``, ``pe.recognition``,
        ``pe.collective``, ``rulebook.describe`` (and ``leave.*`` where built).
        Evaluation runs with the GIL released.

        Raises:
            InvalidInput: a field is missing or invalid (``.field`` names it,
                e.g. ``dossier.participants[3].diploma_date``).
            ParseError: ``request`` is JSON text that is not well-formed.
        """
        if isinstance(request, Mapping):
            doc = dict(request)
            doc.setdefault("schema_version", 1)
            text = _dumps(doc, "request")
        elif isinstance(request, str):
            text = request
            if problem := _bad_value(text):
                raise InvalidArgument(f"the JSON text {problem}", field="request")
        else:
            raise InvalidArgument(f"expected a dict or JSON text, got {type(request).__name__}", field="request")
        return _json.loads(self._core.evaluate_json(text))

    def _result(self, kind: str, date: Optional[DateLike] = None, **members: Any) -> dict[str, Any]:
        req: dict[str, Any] = {"kind": kind}
        if date is not None:
            req["date"] = C.day_arg(date)[1]
        req.update({k: v for k, v in members.items() if v is not None})
        return self.evaluate(req)["result"]

    def pe_status(self, dossier: PathOrText, date: DateLike, *, explain: bool = True) -> dict[str, Any]:
        """PE status of every participant of a dossier on ``date`` (its
        completions booked first), with explanations: the ``result`` of a
        ``pe.status`` request (``participants``, ``completions``, ...).
        ``dossier`` is a dict or the path of a dossier JSON file."""
        return self._result("pe.status", date, dossier=_load_document(dossier), explain=explain)

    def pe_reminders(self, dossier: PathOrText, date: DateLike) -> dict[str, Any]:
        """The PE reminders due on ``date`` (``reminders_due``)."""
        return self._result("pe.reminders", date, dossier=_load_document(dossier))

    def pe_book(self, dossier: PathOrText, date: DateLike, *, rows: Optional[Sequence[Mapping[str, Any]]] = None,
                csv: Optional[str] = None, explain: bool = False) -> dict[str, Any]:
        """Books a provider's upload against a dossier on ``date``: ``rows``
        (dicts with seu_number, activity_id, completed) or ``csv`` text. Every
        row comes back booked or rejected with its reason."""
        if (rows is None) == (csv is None):
            raise InvalidArgument("give exactly one of rows and csv", field="rows")
        return self._result("pe.book", date, dossier=_load_document(dossier), rows=rows, csv=csv, explain=explain)

    def pe_activity(self, activity: Mapping[str, Any], date: DateLike) -> dict[str, Any]:
        """Whether a learning activity meets the PE criteria on ``date``, with its defects and explanation."""
        return self._result("pe.activity", date, activity=activity)

    def pe_recognition(self, activity: Mapping[str, Any], recognition: Mapping[str, Any],
                       date: Optional[DateLike] = None) -> dict[str, Any]:
        """A recognition's validity period (and whether it holds on ``date``), with its explanation."""
        return self._result("pe.recognition", date, activity=activity, recognition=recognition)

    def pe_collective(self, dossier: PathOrText, seu_numbers: Sequence[str], date: DateLike) -> dict[str, Any]:
        """A collective registration of ``seu_numbers`` on ``date``: accepted or not, member by member."""
        return self._result("pe.collective", date, dossier=_load_document(dossier), seu_numbers=list(seu_numbers))

    def pe_status_table(self, dossier: PathOrText, date: DateLike) -> pd.DataFrame:
        """The single (JSON) path's PE status of a dossier as a DataFrame with
        the columns of :meth:`pe_status_frame` (plus name and track)."""
        return pe_status_table(self.pe_status(dossier, date, explain=False))

    def leave_evaluate(self, workers: Union[Sequence[Mapping[str, Any]], PathOrText], school_year: Any = None, *,
                       kind: str = "leave.evaluate", explain: Optional[bool] = None) -> dict[str, Any]:
        """Belgian paid educational leave for workers in a school year (the
        JSON path): regime, eligibility, hours, absences, reimbursement and
        deadlines per training, with explanations.

        ``workers`` is a list of worker documents, or a whole ``leave.*``
        request (dict or file path, e.g. ``examples/data/leave.json``), whose
        school year is used unless ``school_year`` ("2023-2024") is given.
        ``kind`` narrows the answer: leave.regime, leave.eligibility,
        leave.entitlement, leave.absence, leave.reimbursement, leave.deadlines.
        ``explain``: True or False decides whether the result carries the
        explanations; None (default) lets the document decide (its own
        ``"explain"`` member, true when it has none), as ``edurules request``
        and the C ABI do.
        """
        if isinstance(workers, (Mapping, str, os.PathLike)):
            doc = dict(_load_document(workers, "workers"))
        else:
            doc = {"workers": list(workers)}
        school_year = C.school_year_arg(school_year)
        if school_year is not None:
            doc["school_year"] = str(school_year)
        doc["kind"] = kind
        if explain is not None:  # the caller's choice wins; None: the document's "explain" (it was overridden)
            doc["explain"] = explain
        return self.evaluate(doc)["result"]

    # --- the columnar path: whole populations -------------------------------

    def pe_status_frame(self, participants: pd.DataFrame, completions: Optional[pd.DataFrame], date: DateLike, *,
                        renewals: Optional[pd.DataFrame] = None, dispensations: Optional[pd.DataFrame] = None,
                        errors: str = "raise", unknown: str = "raise", threads: int = 0,
                        exact: bool = False) -> pd.DataFrame:
        """PE status of a whole population on ``date``, one row per participant, in input order.

        Args:
            participants: columns ``seu_number`` (unique) and ``diploma_date``
                (missing = no diploma); optional ``activation_date``, and
                optional list-valued ``renewal_requests`` (dates) and
                ``dispensations`` (dicts with requested, decided, granted), as
                ``pd.DataFrame(dossier["participants"])`` gives them.
            completions: the points that count (already booked): columns
                ``seu_number``, ``completed`` (date) and ``points`` (numbers
                or decimal text, at most two decimals). None = no completions.
            date: the evaluation date.
            renewals: optional frame ``seu_number``, ``requested``: renewal
                requests (in addition to a ``renewal_requests`` column).
            dispensations: optional frame ``seu_number``, ``requested``,
                ``decided`` (missing = not decided), ``granted`` (bool).
            errors: ``"raise"`` (default): the first bad cell raises
                :class:`InvalidInput` naming the frame, the row by index label
                and position, and the column, e.g. ``participants row label
                'w17' (position 3), column 'diploma_date': not a date:
                '2023-02-30'`` (``.label``, ``.record`` and ``.field`` =
                ``participants.diploma_date[w17]`` say it as data);
                ``"flag"``: the participant's row comes back with ``error``
                set to that text and no status; other rows are evaluated
                (a bad completion, renewal or dispensation flags its
                participant). A completion, renewal or dispensation row
                without an SEU number belongs to no participant row that
                could carry the flag: it raises :class:`InvalidInput` naming
                it with either value, never dropped silently (as does an
                unknown SEU number with ``unknown="raise"``).
            unknown: completions/renewals naming an SEU number that is not in
                ``participants``: ``"raise"`` (default) or ``"ignore"``.
            threads: worker threads for the evaluation (0 = automatic).
            exact: ``False`` (default): points as float64, a convenience (two
                decimals print right, but sums of floats may not be exact);
                ``True``: points as ``decimal.Decimal`` with two decimals
                (object columns, None where missing), exactly the engine's
                hundredths.

        Returns:
            A DataFrame with the index of ``participants`` and columns
            seu_number, state, reason (why not registered), period_start,
            period_end, points_earned, points_short, days_left (registered
            only), renewal_possible, error (None, or why the row could not be
            evaluated: the row is never dropped).

        Dates are datetime64 columns, ``datetime.date`` objects or ISO text;
        all conversion is vectorised (numpy/pandas), and the rules run in C++
        with the GIL released, over several threads for large populations.

        Raises:
            InvalidArgument: a frame or column is missing or of the wrong dtype.
            InvalidInput: a bad cell (with ``errors="raise"``), a duplicate
                SEU number, or an unknown one (with ``unknown="raise"``).
        """
        return self._pe_status_frame(participants, completions, date, renewals=renewals,
                                     dispensations=dispensations, errors=errors, unknown=unknown, threads=threads,
                                     exact=exact)

    def _pe_status_frame(self, participants: pd.DataFrame, completions: Optional[pd.DataFrame], date: DateLike, *,
                         renewals: Optional[pd.DataFrame], dispensations: Optional[pd.DataFrame], errors: str,
                         unknown: str, threads: int, exact: bool,
                         duplicate: Optional[np.ndarray] = None) -> pd.DataFrame:
        """pe_status_frame; `duplicate` marks more rows as repeating an SEU
        number (edurules.dask: a key an earlier partition holds)."""
        at_day, _ = C.day_arg(date)
        threads = C.int_arg(threads, "threads", 0, C.MAX_THREADS)
        P = C.require_frame(participants, "participants", ["seu_number", "diploma_date"], _PARTICIPANT_COLUMNS)
        probs = C.Problems(len(P), errors)
        probs.labels["participants"] = P.index
        if completions is not None:
            probs.labels["completions"] = getattr(completions, "index", None)
        x = _participant_inputs(P, renewals, dispensations, probs, unknown, duplicate)
        Cf = (None if completions is None else
              C.require_frame(completions, "completions", ["seu_number", "completed", "points"], _COMPLETION_COLUMNS))
        res = self._pe_status_fused(at_day, x, Cf, probs, exact, threads) if self._fused_frames else None
        if res is None:
            res = self._pe_status_columns(at_day, x, Cf, probs, exact, threads)
        refused, codes = res["refused_rows"], res["refused_codes"]
        _engine_problems(refused, codes, res["refused_items"], x, probs)
        error = _name_refusals(probs.message, refused, codes)
        blank = res["state"] < 0
        return C.frame({
            "seu_number": P["seu_number"].to_numpy(),
            "state": pd.Categorical.from_codes(res["state"], dtype=_STATE_DTYPE),
            "reason": pd.Categorical.from_codes(res["reason"], dtype=_REASON_DTYPE),
            "period_start": res["period_start"],
            "period_end": res["period_end"],
            "points_earned": _points_out(res["earned"], blank) if exact else res["earned"],
            "points_short": _points_out(res["short_by"], blank) if exact else res["short_by"],
            "days_left": pd.arrays.IntegerArray(res["days_left"], res["days_left_missing"]),
            "renewal_possible": res["renewal_possible"],
            "error": error,
        }, P.index)

    def _pe_status_columns(self, at_day: int, x: SimpleNamespace, Cf: Optional[pd.DataFrame], probs: C.Problems,
                           exact: bool, threads: int) -> dict[str, np.ndarray]:
        """The status frame's columns by the general path: completions
        converted and grouped into engine columns (naming a bad cell), then
        decided by pe_status_frame_columns."""
        n, owners = x.n, x.owners
        fast = None if Cf is None else C.grouped_rows(x.table, Cf["seu_number"], Cf["completed"], Cf["points"])
        if fast is not None:  # every row good and in the participants' order: converted and grouped in one pass
            c_off, c_day, c_pts = fast
            c_order = None
        else:
            if Cf is None:
                c_owner = np.zeros(0, dtype=np.int64)
                c_day = np.zeros(0, dtype=np.int32)
                c_pts = np.zeros(0, dtype=np.int64)
            else:
                c_owner = owners(Cf["seu_number"], "completions.seu_number")
                c_day = C.days(Cf["completed"], "completions.completed", probs, required=True, owner=c_owner)
                c_pts = C.hundredths(Cf["points"], "completions.points", probs, owner=c_owner)
            c_order, c_off = C.grouped(c_owner, n)

        flagged = probs.flagged
        diploma, activation, r_day, d_req = _harmless(x, flagged)
        if len(c_pts) and flagged.any():
            c_day = np.where(c_day == C.NO_DAY, 0, c_day).astype(np.int32)

        return self._core.pe_status_frame_columns(
            at_day, np.ascontiguousarray(diploma, dtype=np.int32), np.ascontiguousarray(activation, dtype=np.int32),
            c_off, np.ascontiguousarray(C.take(c_day, c_order), dtype=np.int32),
            np.ascontiguousarray(C.take(c_pts, c_order), dtype=np.int64), x.r_off, r_day, x.d_off, d_req,
            np.ascontiguousarray(x.d_dec, dtype=np.int32), np.ascontiguousarray(x.d_gr, dtype=np.uint8), flagged, exact,
            threads)

    def _pe_status_fused(self, at_day: int, x: SimpleNamespace, Cf: Optional[pd.DataFrame], probs: C.Problems,
                         exact: bool, threads: int) -> Optional[dict[str, np.ndarray]]:
        """The status frame's columns with the completions' own datetime64[ns]
        and float64 columns converted a block of participants at a time
        inside the batch (no converted completion column is built); None when
        the completions are of other kinds, not in the participants' order,
        or a cell needs the general path's words."""
        if Cf is None:
            return None
        keys, when, points = Cf["seu_number"], Cf["completed"], Cf["points"]
        if not (keys.dtype == object and when.dtype == np.dtype("datetime64[ns]") and points.dtype == np.float64):
            return None
        c_off = x.table.completion_offsets(keys.to_numpy())
        if c_off is None:
            return None
        flagged = probs.flagged
        diploma, activation, r_day, d_req = _harmless(x, flagged)
        return self._core.pe_status_frame_fused(
            at_day, diploma, activation, c_off, when.to_numpy().view(np.int64), C.NS_PER_DAY,
            np.ascontiguousarray(points.to_numpy()), C.MIN_DAY, C.MAX_DAY, C.MAX_POINTS, x.r_off, r_day, x.d_off,
            d_req, np.ascontiguousarray(x.d_dec, dtype=np.int32), np.ascontiguousarray(x.d_gr, dtype=np.uint8),
            flagged, exact, threads)

    def pe_dossier_frames(self, participants: pd.DataFrame, completions: pd.DataFrame,
                          activities: Union[pd.DataFrame, Sequence[Mapping[str, Any]]],
                          recognitions: Union[pd.DataFrame, Sequence[Mapping[str, Any]]], date: DateLike, *,
                          renewals: Optional[pd.DataFrame] = None, dispensations: Optional[pd.DataFrame] = None,
                          errors: str = "raise", unknown: str = "raise",
                          exact: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
        """PE status with booking: raw completions (not yet booked) are booked
        against the activities and their recognitions, then the status of
        every participant is computed, exactly as :meth:`pe_status` does for a
        dossier, but from DataFrames and without JSON.

        Args:
            participants: as for :meth:`pe_status_frame` (plus an optional
                ``track``: uitzendprofessional or backofficeprofessional).
            completions: ``seu_number``, ``activity_id``, ``completed`` (date).
                A completion naming an unknown SEU number or activity is not
                an error: it comes back rejected with that reason.
            activities, recognitions: the catalogue, as DataFrames or lists
                of dicts in the dossier format (``pe_frames(dossier)`` gives
                them); errors name the record, e.g. ``activities[3].form``.
            date: the evaluation (and booking) date.
            renewals, dispensations, errors, unknown, exact: as for
                :meth:`pe_status_frame` (exact also for the bookings' points).

        Returns:
            ``(status, bookings)``: the status frame (columns of
            :meth:`pe_status_frame`, one row per participant) and one row per
            completion, in input order: seu_number, activity_id, completed,
            status (booked, rejected), reason, points, recognition_id, message.
        """
        at_day, _ = C.day_arg(date)
        P = C.require_frame(participants, "participants", ["seu_number", "diploma_date"], _PARTICIPANT_COLUMNS)
        Cf = C.require_frame(completions, "completions", ["seu_number", "activity_id", "completed"], _COMPLETION_COLUMNS)
        probs = C.Problems(len(P), errors)
        probs.labels["participants"] = P.index
        x = _participant_inputs(P, renewals, dispensations, probs, unknown)
        n, m = x.n, len(Cf)
        if "track" in P.columns:
            tracks = pd.Index(["uitzendprofessional", "backofficeprofessional"])
            values = P["track"].to_numpy(dtype=object)
            code = tracks.get_indexer(pd.Index(values, dtype=object))
            probs.add((code < 0) & pd.notna(values), "participants.track",
                      lambda i: f"expected uitzendprofessional or backofficeprofessional, got {values[i]!r}")
            track = np.maximum(code, 0).astype(np.uint8)
        else:
            track = np.zeros(n, dtype=np.uint8)
        cprobs = C.Problems(m, errors)
        cprobs.labels["completions"] = Cf.index
        c_seu = C.keys(Cf["seu_number"], "completions.seu_number", cprobs)
        c_act = C.keys(Cf["activity_id"], "completions.activity_id", cprobs, what="activity id")
        c_day = C.days(Cf["completed"], "completions.completed", cprobs, required=True)
        c_owner = x.owners(c_seu, "completions.seu_number", "ignore", False)  # unknown: the booking rejects it
        # a dossier document without people (they come as columns): its
        # participants list is required, and empty here
        catalogue = _dumps({"schema_version": 1, "participants": [], "activities": _records(activities, "activities"),
                            "recognitions": _records(recognitions, "recognitions")}, "catalogue")
        flagged = probs.flagged
        # completions of a flagged participant are not booked either
        of_flagged = (c_owner >= 0) & flagged[np.maximum(c_owner, 0)] & ~cprobs.flagged
        cprobs.put(of_flagged, [f"participant row label {P.index[o]!r} (position {o}) not evaluated: "
                                f"{probs.message[o]}" for o in c_owner[of_flagged].tolist()])  # flagged rows only
        keep = ~cprobs.flagged
        # flagged participants go in with placeholder keys and no facts
        seu = C.keys(P["seu_number"], "participants.seu_number", C.Problems(n, "flag"))  # reported above
        seu_in = np.where(flagged | pd.isna(seu), np.char.add("\x00row", np.arange(n).astype(str)).astype(object), seu)
        no = np.int32(C.NO_DAY)
        r_off = x.r_off if len(x.r_off) else np.zeros(n + 1, dtype=np.int64)
        d_off = x.d_off if len(x.d_off) else np.zeros(n + 1, dtype=np.int64)
        res = self._core.pe_dossier_columns(
            at_day, catalogue, seu_in.tolist(), track, np.where(flagged, no, x.diploma).astype(np.int32),
            np.where(flagged, no, x.activation).astype(np.int32), r_off,
            np.where(x.r_day == no, 0, x.r_day).astype(np.int32), d_off,
            np.where(x.d_req == no, 0, x.d_req).astype(np.int32), np.ascontiguousarray(x.d_dec, dtype=np.int32),
            np.ascontiguousarray(x.d_gr, dtype=np.uint8), c_seu[keep].tolist(), c_act[keep].tolist(),
            np.ascontiguousarray(c_day[keep], dtype=np.int32))
        refused = np.flatnonzero(res["error"])
        _engine_problems(refused, res["error"][refused], res["error_item"][refused], x, probs)
        status = _status_frame(P.index, P["seu_number"].to_numpy(), res, probs.message, exact)
        reason = np.full(m, PE_BOOKING_REASONS.index("invalid_row"), dtype=np.int64)
        reason[keep] = res["booking_reason"]
        points = np.full(m, np.nan)
        points[keep] = np.where(res["booking_reason"] == 0, res["booking_points"] / 100.0, np.nan)
        rec_ids = np.array([r.get("id") for r in _json.loads(catalogue)["recognitions"]] + [None], dtype=object)
        recognition = np.full(m, None, dtype=object)
        recognition[keep] = rec_ids[res["booking_recognition"]]  # -1 picks the trailing None
        message = cprobs.message.copy()
        message[keep] = np.array(res["booking_message"], dtype=object)
        # completions of a participant the engine refused are not booked either
        refused = (np.asarray(res["error"]) != 0) & ~flagged
        of_refused = keep & (c_owner >= 0) & refused[np.maximum(c_owner, 0)]
        if of_refused.any():
            reason[of_refused] = PE_BOOKING_REASONS.index("invalid_row")
            points[of_refused] = np.nan
            recognition[of_refused] = None
            message[of_refused] = [f"participant row label {P.index[o]!r} (position {o}) not evaluated: "
                                   f"{probs.message[o]}" for o in c_owner[of_refused].tolist()]  # refused rows only
        bookings = pd.DataFrame({
            "seu_number": Cf["seu_number"].to_numpy(), "activity_id": Cf["activity_id"].to_numpy(),
            "completed": C.dates_out(c_day),
            "status": pd.Categorical(np.where(reason == 0, "booked", "rejected"), categories=["booked", "rejected"]),
            "reason": pd.Categorical.from_codes(reason, categories=PE_BOOKING_REASONS),
            "points": _points_out(np.nan_to_num(points * 100).round().astype(np.int64), np.isnan(points))
            if exact else points, "recognition_id": recognition, "message": message,
        }, index=Cf.index)
        return status, bookings

    def leave_hours_frame(self, workers: pd.DataFrame, trainings: pd.DataFrame,
                          lessons: Optional[pd.DataFrame] = None, *, school_year: Any = None,
                          errors: str = "raise", threads: int = 0, jobs: Optional[pd.DataFrame] = None,
                          absences: Optional[pd.DataFrame] = None,
                          leave_taken: Optional[pd.DataFrame] = None, reasons: str = "list") -> pd.DataFrame:
        """Belgian paid educational leave of many workers at once, decided by
        the same evaluation as :meth:`leave_evaluate` (the v2 facts batch):
        a worker's trainings share one cap, suspensions reach later
        trainings, VOV sanctions, employer-proposed hours and BEV hours
        reimbursed elsewhere apply, and contradictory facts (overlapping
        lessons, ...) refuse the worker. One row per training, in input order.

        The frames are handed to the engine column by column; every
        conversion (dates, clock times, names of codes, hours to minutes) is
        done in C++ and the batch runs without the GIL.

        Args:
            workers: ``worker_id`` (unique), ``region`` (flanders, brussels,
                wallonia: the establishment unit's), optional ``school_year``
                ("2023-2024" or 2023), ``sector`` (private, public; default private),
                ``at_most_upper_secondary``, ``vov_sanctioned``,
                ``bev_reimbursed_elsewhere_hours`` (or ``_minutes``),
                ``monthly_wage`` (euros), ``new_job_on``, ``passed_modules``
                (a list of module codes per worker). Without ``jobs``:
                ``contract_hours`` and ``full_time_hours`` per week (or
                ``*_minutes``) and optional ``schedule`` (fixed, variable) or
                ``variable_schedule``: one open-ended job.
            trainings: ``worker_id``, ``training_id``, ``type`` (professional,
                general, professional_general, academic, language,
                language_professional, exam_board, competence_exam), optional
                ``school_year`` (the worker's, when workers has none),
                ``start``, ``coinciding``, ``raised`` (none,
                shortage_occupation, basic_education, first_upper_secondary),
                ``language_kind`` (national, sign, job_related, other),
                ``organisation`` (modular, school_year),
                ``unit`` (clock_hours, lesson_periods), ``module_code`` and
                ``provider`` (text or integer ids; missing = not given),
                ``recognised``, ``exams``, ``counting`` (attended_hours,
                credits, planned_lesson_periods, exams, competences),
                ``credits``, ``graduate``, ``exam_contract``, ``competences``,
                ``employer_proposed``, ``career_oriented``,
                ``career_attest_date``, ``final_assessment`` (not_yet, taken,
                missed_justified, missed), ``enrolled_on``.
            lessons: ``worker_id``, ``training_id``, ``date``, ``start`` and
                ``end`` ("18:30", or minutes after midnight), optional
                ``mode`` (contact, live_online, distance, internship, thesis,
                coaching), ``cancelled``, ``coinciding`` (default: the
                training's).
            school_year: the school year of workers without their own. A
                worker without trainings gives no row and needs none (it is
                read the same whether or not other workers have trainings,
                as the JSON path reads a worker with an empty list).
            errors: ``"raise"`` (the first unreadable cell raises, naming
                frame, column and index label) or ``"flag"`` (its worker is
                refused and its rows say why in ``error``).
            threads: worker threads (0 = automatic).
            jobs: optional, ``worker_id``, ``from``, ``to``,
                ``contract_hours``/``full_time_hours`` (or ``*_minutes``),
                ``schedule`` or ``variable_schedule``.
            absences: optional, ``worker_id``, ``training_id``, ``date``,
                ``absent_hours`` (or ``_minutes``; missing = the whole day),
                ``reason``, ``employer_declared_on``, ``holiday_from``,
                ``holiday_to``.
            leave_taken: optional, ``worker_id``, ``training_id``, ``date``,
                ``leave_hours`` (or ``leave_minutes``).
            reasons: ``"list"`` (default): the ``reasons`` column holds a
                tuple of reason codes per row (see :data:`LEAVE_REASONS`);
                ``"text"``: the older ";"-joined string.

        Returns:
            A DataFrame (index of ``trainings``, columns
            :data:`LEAVE_HOURS_COLUMNS`): worker_id, training_id,
            school_year, regime, status (granted, not_eligible; missing when
            refused), granted minutes and hours, attended hours, capped,
            reasons (a tuple of codes), error (None, or why the worker was
            refused: rows are never dropped), the training's attended,
            suspended, taken, refused and reimbursed amounts, and the
            worker's cap, totals and number of suspensions. The amount
            columns (``*_minutes``, ``*_cents``, ``worker_*``) are nullable
            integers (``Int64``; ``worker_suspensions`` ``Int32``): on a
            refused row (``error`` set) every one is missing (``pd.NA``, as
            ``granted_minutes`` and the null of the JSON path), never 0, so
            sums leave refused rows out (``sum(skipna=False)`` is NA when
            any row was refused). An unknown amount of a decided row (reason
            no_rate_for_date) is -1 in ``reimbursement_cents`` and in the
            worker's ``worker_reimbursement_cents``.

            Missing cells of required columns (``type``, ``region``,
            ``school_year``, dates, hours, clock times) are refused naming
            the cell (raised, or flagged with ``errors="flag"``), never read
            as a default. Durations and amounts are refused as the JSON path
            refuses them: negative (``absent_minutes=-1`` is not "the whole
            day": leave the cell missing for that), not a whole number of
            minutes (hours) or cents (``monthly_wage``, in EUR), beyond the
            engine's bounds, or (jobs) more than a week per week or a full
            time of 0. Hours and ``monthly_wage`` may be given as exact
            decimal text ("19.5", "3000.50"), read as the JSON path reads
            it; ``*_minutes`` and counts are whole numbers (text refused, as
            in JSON).
        """
        return _leave.leave_hours_frame(self._core, workers, trainings, lessons, school_year, errors, threads, jobs,
                                        absences, leave_taken, reasons)


def _records(table: Union[pd.DataFrame, Sequence[Mapping[str, Any]]], name: str) -> list[dict[str, Any]]:
    """Catalogue rows (a few hundred at most) as dossier records, leaving out missing cells."""
    if isinstance(table, pd.DataFrame):
        rows = table.to_dict("records")
    elif isinstance(table, Sequence) and not isinstance(table, str):
        rows = [dict(r) for r in table]
    else:
        raise InvalidArgument(f"expected a DataFrame or a list of dicts, got {type(table).__name__}", field=name)

    def missing(v: Any) -> bool:
        return v is None or v is pd.NaT or (isinstance(v, float) and np.isnan(v))
    return [{k: v for k, v in r.items() if not missing(v)} for r in rows]


def _harmless(x: SimpleNamespace, flagged: np.ndarray) -> tuple[np.ndarray, ...]:
    """The participants' diploma and activation days, renewal days and
    dispensation request days as engine columns, with harmless values where
    a row is flagged (a bad cell: the row is not evaluated, so a missing
    required date stands as a plain day)."""
    diploma, activation, r_day, d_req = x.diploma, x.activation, x.r_day, x.d_req
    if flagged.any():
        diploma = np.where(flagged, C.NO_DAY, diploma)
        activation = np.where(flagged, C.NO_DAY, activation)
        if len(r_day):
            r_day = np.where(r_day == C.NO_DAY, 0, r_day)
        if len(d_req):
            d_req = np.where(d_req == C.NO_DAY, 0, d_req)
    return tuple(np.ascontiguousarray(a, dtype=np.int32) for a in (diploma, activation, r_day, d_req))


def _participant_inputs(P: pd.DataFrame, renewals: Optional[pd.DataFrame], dispensations: Optional[pd.DataFrame],
                        probs: C.Problems, unknown: str, duplicate: Optional[np.ndarray] = None) -> SimpleNamespace:
    """Participants, their renewal requests and dispensations as engine
    columns (CSR by participant), and `owners` mapping SEU numbers of other
    frames to participant rows."""
    n = len(P)
    table = C.key_table(P["seu_number"], "participants.seu_number", probs, duplicate=duplicate)

    def owners(column: Any, field: str, if_unknown: str = unknown, report_missing: bool = True) -> np.ndarray:
        return C.lookup(table, column, field, probs, if_unknown, report_missing=report_missing)

    diploma = C.days(P["diploma_date"], "participants.diploma_date", probs, required=False)
    activation = (C.days(P["activation_date"], "participants.activation_date", probs, required=False)
                  if "activation_date" in P.columns else np.full(n, C.NO_DAY, dtype=np.int32))

    # renewal requests: a list column and/or a frame
    r_owner_l: list[np.ndarray] = []
    r_days: list[np.ndarray] = []
    if "renewal_requests" in P.columns:
        ex = _explode(P["renewal_requests"])
        at = ex.index.to_numpy(dtype=np.int64)
        r_owner_l.append(at)
        r_days.append(C.days(ex.reset_index(drop=True), "participants.renewal_requests", probs, required=True,
                             owner=at, row_of=at))
    if renewals is not None:
        R = C.require_frame(renewals, "renewals", ["seu_number", "requested"], [])
        probs.labels["renewals"] = R.index
        ro = owners(R["seu_number"], "renewals.seu_number")
        r_owner_l.append(ro)
        r_days.append(C.days(R["requested"], "renewals.requested", probs, required=True, owner=ro))
    if r_owner_l:
        r_order, r_off = C.group(np.concatenate(r_owner_l), n)
        r_day = np.concatenate(r_days)[r_order]
    else:
        r_off, r_day = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)

    # dispensations: a list column of dicts and/or a frame
    d_parts: list[tuple[np.ndarray, Optional[np.ndarray], pd.DataFrame, str]] = []
    if "dispensations" in P.columns:
        ex = _explode(P["dispensations"])
        if len(ex):
            at = ex.index.to_numpy(dtype=np.int64)
            items = ex.to_numpy()
            bad = np.array([not isinstance(v, Mapping) for v in items], dtype=bool)
            probs.add(bad, "participants.dispensations", lambda i: "expected a dict with requested, decided, granted",
                      owner=at, row_of=at, cls=InvalidArgument)
            # a misspelt key (say "grantd") would leave its value out silently: refused as the JSON path does
            stray = [next((k for k in v if k not in _DISPENSATION_KEYS), None) if isinstance(v, Mapping) else None
                     for v in items]  # one per dispensation item (few), like the check above
            probs.add(np.array([k is not None for k in stray], dtype=bool), "participants.dispensations",
                      lambda i: _unknown_key(stray[i], _DISPENSATION_KEYS), owner=at, row_of=at)
            bad |= np.array([k is not None for k in stray], dtype=bool)
            recs = pd.DataFrame([v if isinstance(v, Mapping) else {} for v in ex.to_numpy()],
                                columns=["requested", "decided", "granted"])
            d_parts.append((np.where(bad, -1, at), at, recs, "participants.dispensations"))
    if dispensations is not None:
        D = C.require_frame(dispensations, "dispensations", ["seu_number", "requested"], ["decided", "granted"])
        probs.labels["dispensations"] = D.index
        recs = pd.DataFrame({"requested": D["requested"].to_numpy(),
                             "decided": D["decided"].to_numpy() if "decided" in D else None,
                             "granted": D["granted"].to_numpy() if "granted" in D else False})
        d_parts.append((owners(D["seu_number"], "dispensations.seu_number"), None, recs, "dispensations"))
    if d_parts:
        req_l, dec_l, gr_l = [], [], []
        for o, shown, recs, name in d_parts:
            req = C.days(recs["requested"], f"{name}.requested", probs, required=True, owner=o, row_of=shown)
            dec = C.days(recs["decided"], f"{name}.decided", probs, required=False, owner=o, row_of=shown)
            gr = C.booleans(recs["granted"], f"{name}.granted", probs, owner=o, row_of=shown)
            req_l.append(req)
            dec_l.append(dec)
            gr_l.append(gr)
        d_order, d_off = C.group(np.concatenate([o for o, _, _, _ in d_parts]), n)
        d_req = np.concatenate(req_l)[d_order]
        d_dec = np.concatenate(dec_l)[d_order]
        d_gr = np.concatenate(gr_l)[d_order]
        # where each grouped dispensation came from, to name it in messages
        d_source = np.concatenate([np.full(len(o), k) for k, (o, _, _, _) in enumerate(d_parts)])[d_order]
        d_shown = np.concatenate([np.arange(len(o)) if sh is None else sh for o, sh, _, _ in d_parts])[d_order]
        d_names = [name for _, _, _, name in d_parts]
    else:
        d_off = np.zeros(0, dtype=np.int64)
        d_req = d_dec = np.zeros(0, dtype=np.int32)
        d_gr = np.zeros(0, dtype=np.uint8)
        d_source = d_shown = np.zeros(0, dtype=np.int64)
        d_names = []
    return SimpleNamespace(n=n, table=table, owners=owners, diploma=diploma, activation=activation, r_off=r_off,
                           r_day=r_day, d_off=d_off, d_req=d_req, d_dec=d_dec, d_gr=d_gr, d_source=d_source,
                           d_shown=d_shown, d_names=d_names)


_DISPENSATION_KEYS = ("requested", "decided", "granted")


def _unknown_key(key: Any, known: Sequence[str]) -> str:
    """A dict key that is none of `known`, worded as the JSON path words an unknown member."""
    near = _edurules.nearest_name(key, list(known)) if isinstance(key, str) else ""
    hint = f" (did you mean {near!r}?)" if near else f"; expected one of {', '.join(known)}"
    return f"unknown key {key!r} in a dispensation{hint}"


# Rows the engine refuses for contradictory facts (pe::check_facts): the
# field and message each code is reported with, as the JSON path words them.
_FACT_ERRORS = {
    "activation_without_diploma": ("participants.activation_date", "an activation needs a diploma_date"),
    "activation_before_diploma": ("participants.activation_date", "is before the diploma_date"),
    "dispensation_decided_before_request": ("decided", "is before the request date"),
    "dispensation_granted_undecided": ("granted", "a granted dispensation needs a decided date"),
}


def _engine_problems(refused: np.ndarray, code: np.ndarray, item: np.ndarray, x: SimpleNamespace,
                     probs: C.Problems) -> None:
    """Reports the rows the engine rejected for contradictory facts under the
    column (and row) that holds the fact at fault; the decision is the
    engine's, this only words it. `refused`: those rows, with their
    pe::batch_row_error `code` and the sub-record at fault (`item`)."""
    if not len(refused):
        return
    for name, (field, text) in _FACT_ERRORS.items():
        hit = code == PE_BATCH_ERRORS.index(name)
        if not hit.any():
            continue
        rows = refused[hit]
        if field.startswith("participants."):
            probs.add(hit[hit], field, lambda i, t=text: t, owner=rows, row_of=rows)
            continue
        at = item[hit]  # grouped dispensation positions
        for k, source in enumerate(x.d_names):  # one message field per source frame
            mine = x.d_source[at] == k
            probs.add(mine, f"{source}.{field}", lambda i, t=text: t, owner=rows, row_of=x.d_shown[at])


def pe_status_table(status_result: Mapping[str, Any]) -> pd.DataFrame:
    """A ``pe.status`` result (see :meth:`Engine.pe_status`) as a DataFrame
    with the columns of :meth:`Engine.pe_status_frame`, plus name and track."""
    parts = status_result["participants"]
    n = len(parts)

    def col(get: Any) -> list[Any]:
        return [get(p) for p in parts]

    frame = pd.DataFrame({
        "seu_number": col(lambda p: p["seu_number"]),
        "state": pd.Categorical(col(lambda p: p["state"]), categories=PE_STATES),
        "reason": pd.Categorical(col(lambda p: p["not_registered_reason"]), categories=PE_REASONS),
        "period_start": pd.to_datetime(col(lambda p: p["period"]["start"] if p["period"] else None)),
        "period_end": pd.to_datetime(col(lambda p: p["period"]["end"] if p["period"] else None)),
        "points_earned": np.array(col(lambda p: float(p["points_earned"])), dtype=np.float64),
        "points_short": np.array(col(lambda p: float(p["points_short"])), dtype=np.float64),
        "days_left": pd.array(col(lambda p: p["days_left"]), dtype="Int32"),
        "renewal_possible": np.array(col(lambda p: p["renewal_possible"]), dtype=bool),
        "error": np.full(n, None, dtype=object),
        "name": col(lambda p: p["name"]),
        "track": col(lambda p: p["track"]),
    })
    return frame


def _explode(column: pd.Series) -> pd.Series:
    """A list-valued column as one value per item, indexed by row position."""
    ex = column.reset_index(drop=True).explode()
    return ex[ex.notna()]


def _points_out(hundredths: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """Hundredths as decimal.Decimal objects (None where missing): one object
    per distinct value, shared by the rows that have it (Decimals are
    immutable), so no work per row."""
    values, inverse = np.unique(np.where(missing, 0, hundredths), return_inverse=True)
    each = np.empty(len(values), dtype=object)
    each[:] = [_decimal.Decimal(int(v)).scaleb(-2) for v in values]
    out = each[inverse] if len(hundredths) else np.zeros(0, dtype=object)
    out[missing] = None
    return out


def _name_refusals(messages: np.ndarray, refused: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """The error column: the package's words for rows with a message, the
    engine's pe::batch_row_error name for the other `refused` rows."""
    if len(refused):
        own = pd.isna(messages[refused])
        messages[refused[own]] = np.array(PE_BATCH_ERRORS, dtype=object)[codes[own]]
    return messages


def _status_frame(index: pd.Index, seu: np.ndarray, res: Mapping[str, np.ndarray], messages: np.ndarray,
                  exact: bool = False) -> pd.DataFrame:
    """The PE status DataFrame from the engine's output columns (the dossier
    path's). The engine writes a rejected row as state 255, no period, no
    points and no renewal; only rows with a message here (a bad cell) are
    blanked again. `messages` becomes the error column."""
    err_code = res["error"]
    flagged = pd.notna(messages)
    any_flagged = bool(flagged.any())
    c_rej = err_code != 0
    rejected = c_rej | flagged if any_flagged else c_rej
    state_codes = res["state"].view(np.int8)  # 255 (rejected) reads as -1: no category
    if any_flagged:
        state_codes = np.where(flagged, np.int8(-1), state_codes)
    reason_codes = np.where(state_codes == PE_STATES.index("not_registered"), res["reason"].view(np.int8),
                            np.int8(-1))
    refused = np.flatnonzero(c_rej)
    error = _name_refusals(messages, refused, err_code[refused])
    first, last = res["period_first"], res["period_last"]
    if any_flagged:
        first = np.where(flagged, C.NO_DAY, first).astype(np.int32)
        last = np.where(flagged, C.NO_DAY, last).astype(np.int32)
    left = res["days_left"]
    days_left = pd.arrays.IntegerArray(left.astype(np.int32, copy=False), (left < 0) | rejected)

    def points(hundredths: np.ndarray) -> np.ndarray:
        if exact:
            return _points_out(hundredths, rejected)
        return _edurules.float_points(hundredths, rejected)
    renewal = res["renewal_possible"].view(bool)  # 0 or 1, 0 on a rejected row
    return C.frame({
        "seu_number": seu,
        "state": pd.Categorical.from_codes(state_codes, dtype=_STATE_DTYPE),
        "reason": pd.Categorical.from_codes(reason_codes, dtype=_REASON_DTYPE),
        "period_start": C.dates_out(first),
        "period_end": C.dates_out(last),
        "points_earned": points(res["earned"]),
        "points_short": points(res["short_by"]),
        "days_left": days_left,
        "renewal_possible": renewal & ~flagged if any_flagged else renewal,
        "error": error,
    }, index)

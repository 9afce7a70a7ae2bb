"""edurules: the Dutch SEU permanent-education (PE) and Belgian paid
educational leave rules engine, for analysts.

Single decisions come back as plain Python data with their explanations;
whole populations go in and come out as pandas DataFrames, evaluated in C++
with the GIL released::

    import edurules
    engine = edurules.Engine()                       # the built-in rulebook
    status = engine.pe_status_frame(participants, completions, "2025-06-01")

Every error is an :class:`edurules.Error` (see its subclasses), naming the
field and row at fault (in frames: the row's index label and position).
Dask DataFrames go through :mod:`edurules.dask` (imported on its own).
"""
from __future__ import annotations

from ._errors import Error, FileError, InternalError, InvalidArgument, InvalidInput, ParseError, RulebookError
from . import _edurules
from ._engine import PE_BATCH_ERRORS, PE_BOOKING_REASONS, PE_REASONS, PE_STATES, PE_STATUS_COLUMNS, Engine, pe_status_table
from ._leave import LEAVE_HOURS_COLUMNS, LEAVE_REASONS, LEAVE_REGIMES, LEAVE_REGIONS, LEAVE_TRAINING_TYPES, leave_table
from ._frames import PeFrames, booked_completions, load_dossier, pe_frames
from ._account import ACCOUNT_REASONS, ACCOUNT_RIGHT_COLUMNS, ACCOUNT_SIZE_CLASSES, account_right_frame

__version__: str = _edurules.__version__
"""The edurules version (the C++ library's)."""

__all__ = [
    "Engine", "Error", "InvalidArgument", "ParseError", "InvalidInput", "RulebookError", "FileError",
    "InternalError", "PE_STATES", "PE_REASONS", "PE_BATCH_ERRORS", "PE_BOOKING_REASONS", "PE_STATUS_COLUMNS", "PeFrames", "pe_frames",
    "booked_completions", "load_dossier", "pe_status_table", "LEAVE_REGIONS", "LEAVE_REGIMES", "LEAVE_TRAINING_TYPES",
    "LEAVE_REASONS", "LEAVE_HOURS_COLUMNS", "leave_table", "ACCOUNT_REASONS", "ACCOUNT_RIGHT_COLUMNS",
    "ACCOUNT_SIZE_CLASSES", "account_right_frame", "__version__",
]

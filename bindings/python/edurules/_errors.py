"""The one exception hierarchy of edurules, mapped from the engine's error codes.

Every error the engine or the package raises is an :class:`Error`; the
subclass says what kind of problem it is (the engine's pinned ``errc`` codes),
and ``field``, ``record`` and ``offset`` say where.
"""
from __future__ import annotations

from typing import Any, Optional

__all__ = ["Error", "InvalidArgument", "ParseError", "InvalidInput", "RulebookError", "FileError", "InternalError"]


_NO_LABEL: Any = object()


def row_text(field: str, label: Any, position: Optional[int]) -> str:
    """Where a DataFrame cell is, in words, from its field (``frame.column[...]``
    or ``frame[...]``), its row's index label and its position:
    ``participants row label 'w17' (position 3), column 'diploma_date'``."""
    frame, _, column = field.split("[", 1)[0].partition(".")
    if hasattr(label, "item") and not isinstance(label, (str, bytes)):
        label = label.item()  # a numpy scalar label reads as the plain value
    text = f"{frame} row label {label!r} (position {position})"
    return f"{text}, column {column!r}" if column else text


class Error(Exception):
    """Base class of every edurules error.

    Attributes:
        code: the engine's error code name (``"invalid_input"``, ...).
        field: where the problem is, e.g. ``"participants.diploma_date[17]"``
            or ``"participants[3].diploma_date"`` ("" if not applicable).
        message: what is wrong, without the field.
        record: 0-based row or record index, or None.
        offset: byte offset in the input text (JSON syntax errors), or None.
        label: for a cell of a DataFrame, the index label of its row (and
            ``record`` its 0-based position); None otherwise.

    ``str(error)`` is ``"<field>: <message>"``; for a DataFrame cell it names
    the frame, the row by index label and position, and the column:
    ``"participants row label 'w17' (position 3), column 'diploma_date': not a date: '2023-02-30'"``
    (``field`` is then ``"participants.diploma_date[w17]"``).
    """

    code = "error"

    def __init__(self, message: str, *, field: str = "", record: Optional[int] = None,
                 offset: Optional[int] = None, label: Any = _NO_LABEL) -> None:
        located = label is not _NO_LABEL and record is not None
        super().__init__(f"{row_text(field, label, record)}: {message}" if located
                         else f"{field}: {message}" if field else message)
        self.field = field
        self.message = message
        self.record = record
        self.offset = offset
        self.label = label if located else None


class InvalidArgument(Error, ValueError):
    """A call broke the API's contract: a missing column, a column of the wrong
    dtype, an argument of the wrong type or range (engine code invalid_argument)."""

    code = "invalid_argument"


class ParseError(Error, ValueError):
    """Input that is not well-formed: JSON syntax, CSV shape (engine code parse)."""

    code = "parse"


class InvalidInput(Error, ValueError):
    """Well-formed input with an invalid value: an impossible date, NaN or
    negative points, an unknown or duplicate id (engine code invalid_input)."""

    code = "invalid_input"


class RulebookError(Error):
    """The rulebook is malformed or lacks a parameter for a date (engine code rulebook)."""

    code = "rulebook"


class FileError(Error, OSError):
    """A file could not be read or written (engine code io)."""

    code = "io"


class InternalError(Error):
    """A bug in edurules (engine code internal): please report it."""

    code = "internal"


# errc values are pinned in include/edurules/core/error.hpp.
_BY_CODE = {1: InvalidArgument, 2: ParseError, 3: InvalidInput, 4: RulebookError, 5: FileError, 6: InternalError}


def _from_engine(code: int, field: str, message: str, record: int, offset: int) -> Error:
    """Builds the exception for an engine error (called by the compiled module)."""
    cls = _BY_CODE.get(code, InternalError)
    return cls(message, field=field, record=None if record < 0 else record, offset=None if offset < 0 else offset)

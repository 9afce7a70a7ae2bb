"""The one exception hierarchy of edurules, mapped from the engine's error codes.

Every error the engine or the package raises is an :class:`Error`; the
subclass says what kind of problem it is (the engine's pinned ``errc`` codes),
and ``field``, ``record`` and ``offset`` say where.
"""
from __future__ import annotations

from typing import Optional

__all__ = ["Error", "InvalidArgument", "ParseError", "InvalidInput", "RulebookError", "FileError", "InternalError"]


class Error(Exception):
    """Base class of every edurules error.

    Attributes:
        code: the engine's error code name (``"invalid_input"``, ...).
        field: where the problem is, e.g. ``"participants.diploma_date[17]"``
            or ``"participants[3].diploma_date"`` ("" if not applicable).
        message: what is wrong, without the field.
        record: 0-based row or record index, or None.
        offset: byte offset in the input text (JSON syntax errors), or None.

    ``str(error)`` is ``"<field>: <message>"``.
    """

    code = "error"

    def __init__(self, message: str, *, field: str = "", record: Optional[int] = None,
                 offset: Optional[int] = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message
        self.record = record
        self.offset = offset


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

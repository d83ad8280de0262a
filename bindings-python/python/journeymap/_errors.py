"""The exception family of journeymap.

Every failure of the library is a :class:`JourneyMapError` carrying the stable
code of the core error (``DUPLICATE_ID``, ``JSON_SYNTAX``...), its location and
the list of individual violations. Subclasses group the codes by what the
caller can do about them:

===========================  ======================================================
class                        codes
===========================  ======================================================
``ParseError``               JSON_SYNTAX, JSON_TYPE, UNKNOWN_FIELD, MISSING_FIELD,
                             UNSUPPORTED_FORMAT_VERSION, LIMIT_EXCEEDED,
                             MERMAID_SYNTAX (also a ``ValueError``)
``InvalidMapError``          INVALID_ID, EMPTY_NAME, DUPLICATE_ID,
                             DANGLING_REFERENCE, EMOTION_OUT_OF_RANGE, NO_STAGES,
                             SELF_TRANSITION, DUPLICATE_TRANSITION, INVALID_VALUE,
                             and INVALID_MAP when the violations are of mixed kinds
                             (also a ``ValueError``: a bad option value is one)
``NotFoundError``            NOT_FOUND (also a ``KeyError``)
``ReferenceInUseError``      IN_USE, STAGE_NOT_EMPTY
``JourneyMapIOError``        IO (also an ``OSError``; a missing file is also a
                             ``FileNotFoundError``, a refused one a
                             ``PermissionError``, a directory an
                             ``IsADirectoryError``, with ``errno`` set)
``EventLogError``            a refused event-log row or column: BAD_TIMESTAMP,
                             BAD_NUMBER, EMPTY_CUSTOMER, UNKNOWN_TOUCHPOINT,
                             MISSING_EVENT, MISSING_COLUMN, BAD_TYPE... (with
                             ``row`` and ``field``)
===========================  ======================================================

Several violations reported at once (code ``INVALID_MAP``) raise the class
they all share, else ``InvalidMapError``. A code this version does not know
raises the root class.
"""

from __future__ import annotations

import errno as _errno
import os as _os
from typing import Any, Optional

__all__ = [
    "JourneyMapError",
    "ParseError",
    "InvalidMapError",
    "NotFoundError",
    "ReferenceInUseError",
    "JourneyMapIOError",
    "EventLogError",
]


class JourneyMapError(Exception):
    """Root of every journeymap error.

    Attributes:
        message: what went wrong, for a person.
        code: stable code (``"DUPLICATE_ID"``); ``"INVALID_MAP"`` when
            several violations are reported at once.
        path: JSON Pointer into the document (``"/touchpoints/3/stage"``),
            of the first violation; ``None`` when the error has no place in
            the document.
        id: id of the offending entity, if any.
        line, column: 1-based position in the JSON text the caller gave, for
            parse errors (``None`` for documents given as dicts); for an
            event-log row, ``line`` is its line in the file.
        row: 1-based data row of a refused event-log row (0 for a problem
            with a whole column, such as a missing one); ``None`` otherwise.
        field: the event-log column concerned (``"timestamp"``), or ``None``.
        errors: every violation as a dict ``{code, message, path, id, line,
            column}``; one element for a single error.

    >>> try:
    ...     JourneyMap.from_json('{"name": "x", "stages": [{"id": "s", "name": ""}]}')
    ... except JourneyMapError as e:
    ...     print(e.code, e.path)
    EMPTY_NAME /stages/0/name
    """

    message: str
    code: str
    path: Optional[str]
    id: Optional[str]
    line: Optional[int]
    column: Optional[int]
    errors: list[dict[str, Any]]
    row: Optional[int]
    field: Optional[str]

    def __init__(
        self,
        message: str,
        *,
        code: str = "ERROR",
        path: Optional[str] = None,
        id: Optional[str] = None,  # noqa: A002 - the document's own word
        line: Optional[int] = None,
        column: Optional[int] = None,
        errors: Optional[list[dict[str, Any]]] = None,
        filename: Optional[str] = None,
        row: Optional[int] = None,
        field: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.row = row
        self.field = field
        self.message = message
        self.code = code
        self.path = path
        self.id = id
        self.line = line
        self.column = column
        if errors is None:
            errors = [
                {
                    "code": code,
                    "message": message,
                    "path": path,
                    "id": id,
                    "line": line,
                    "column": column,
                }
            ]
        self.errors = errors
        if filename is not None:
            # OSError's own attribute, for JourneyMapIOError.
            self.filename = filename

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        where = f", path={self.path!r}" if self.path is not None else ""
        return f"{type(self).__name__}({self.message!r}, code={self.code!r}{where})"

    def __reduce__(self) -> tuple[Any, ...]:
        kwargs = {
            "code": self.code,
            "path": self.path,
            "id": self.id,
            "line": self.line,
            "column": self.column,
            "errors": self.errors,
        }
        filename = getattr(self, "filename", None)
        if filename is not None:
            kwargs["filename"] = filename
        if self.row is not None:
            kwargs["row"] = self.row
        if self.field is not None:
            kwargs["field"] = self.field
        return (_rebuild, (type(self), self.message, kwargs))


def _rebuild(cls: type, message: str, kwargs: dict[str, Any]) -> JourneyMapError:
    return cls(message, **kwargs)


class ParseError(JourneyMapError, ValueError):
    """The text or dict is not a readable document: malformed JSON, a value of
    the wrong type, an unknown or missing field, a newer ``format_version``,
    or a size limit exceeded.

    >>> try:
    ...     JourneyMap.from_json('{"name": "x", "stages": oops}')
    ... except ParseError as e:
    ...     print(e.code, e.line, e.column)
    JSON_SYNTAX 1 25
    """


class InvalidMapError(JourneyMapError, ValueError):
    """The document is readable but breaks an invariant of a journey map
    (duplicate id, dangling reference, emotion out of range, no stage...).
    A refused mutation raises it and leaves the map unchanged.

    >>> m = JourneyMap.from_dict({"name": "x", "stages": [{"id": "s", "name": "S"}]})
    >>> try:
    ...     m.add_stage({"id": "s", "name": "Again"})
    ... except InvalidMapError as e:
    ...     print(e.code, e.id, len(m.stages))
    DUPLICATE_ID s 1
    """


class NotFoundError(JourneyMapError, KeyError):
    """A query or mutation names an entity that does not exist. Also a
    ``KeyError``, like a missing key of a dict.

    >>> m = JourneyMap.from_dict({"name": "x", "stages": [{"id": "s", "name": "S"}]})
    >>> try:
    ...     m.remove_stage("nope")
    ... except KeyError as e:
    ...     print(type(e).__name__, e.code)
    NotFoundError NOT_FOUND
    """


class ReferenceInUseError(JourneyMapError):
    """Removing an entity that is still referred to (``IN_USE``), or a stage
    that still has touchpoints without ``cascade=True``
    (``STAGE_NOT_EMPTY``).

    >>> shop = JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> try:
    ...     shop.remove_stage("buy")
    ... except ReferenceInUseError as e:
    ...     print(e.code)
    STAGE_NOT_EMPTY
    >>> shop.remove_stage("buy", cascade=True)["id"], [t["id"] for t in shop.touchpoints]
    ('buy', ['home'])
    """


class JourneyMapIOError(JourneyMapError, OSError):
    """A file could not be read (code ``IO``). Also an ``OSError``;
    ``filename`` is the file. A missing file is also a
    ``FileNotFoundError``, a file that may not be read a
    ``PermissionError``, a directory an ``IsADirectoryError`` (each with
    its ``errno``), so ``except FileNotFoundError`` works.

    >>> try:
    ...     JourneyMap.from_path("no/such/map.json")
    ... except FileNotFoundError as e:
    ...     print(isinstance(e, JourneyMapIOError), e.code, e.filename)
    True IO no/such/map.json
    """

    _errno_number: Optional[int] = None

    def __init__(self, message: str, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        if self._errno_number is not None:
            # OSError's own attributes, for the built-in subclasses below.
            self.errno = self._errno_number
            self.strerror = _os.strerror(self._errno_number)

    def __repr__(self) -> str:
        return f"JourneyMapIOError({self.message!r}, code={self.code!r}, filename={self.filename!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # By errno, not by class: the subclasses below are shown under this
        # class's name, which pickle could not find them by.
        _, (_, message, kwargs) = super().__reduce__()
        return (_rebuild_io, (self._errno_number, message, kwargs))


class _FileNotFound(JourneyMapIOError, FileNotFoundError):
    _errno_number = _errno.ENOENT


class _PermissionDenied(JourneyMapIOError, PermissionError):
    _errno_number = _errno.EACCES


class _IsADirectory(JourneyMapIOError, IsADirectoryError):
    _errno_number = _errno.EISDIR


_IO_ERRORS: dict[Optional[int], type] = {
    cls._errno_number: cls for cls in (_FileNotFound, _PermissionDenied, _IsADirectory)
}
for _cls in _IO_ERRORS.values():
    # Tracebacks and type(e).__name__ say `journeymap.JourneyMapIOError`.
    _cls.__module__ = "journeymap"
    _cls.__name__ = _cls.__qualname__ = "JourneyMapIOError"


def _rebuild_io(number: Optional[int], message: str, kwargs: dict[str, Any]) -> JourneyMapError:
    cls = _IO_ERRORS.get(number, JourneyMapIOError)
    return cls(message, **kwargs)  # type: ignore[no-any-return]


class EventLogError(JourneyMapError):
    """An event log that cannot be read as given: a bad row (``row`` = its
    1-based data row, ``field`` = the column, ``line`` = its line in a
    file), or a problem with a whole column (``row`` 0: a missing column,
    a column of an unsupported type). ``code`` is the row error's:
    ``BAD_TIMESTAMP``, ``BAD_NUMBER``, ``EMPTY_CUSTOMER``,
    ``UNKNOWN_TOUCHPOINT``, ``MISSING_EVENT``, ``FIELD_COUNT``,
    ``MISSING_COLUMN``, ``DUPLICATE_COLUMN``, ``BAD_TYPE``...

    >>> shop = JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> bad = [{"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"},
    ...        {"customer_id": "c1", "timestamp": "yesterday", "touchpoint": "pay"}]
    >>> try:
    ...     analyze(shop, bad)
    ... except EventLogError as e:
    ...     print(e.code, e.row, e.field)
    BAD_TIMESTAMP 2 timestamp
    >>> analyze(shop, bad, on_bad_row="skip").ingest.skipped
    {'BAD_TIMESTAMP': 1}
    """


# Shown and pickled as members of the public package.
for _cls in (
    JourneyMapError,
    ParseError,
    InvalidMapError,
    NotFoundError,
    ReferenceInUseError,
    JourneyMapIOError,
    EventLogError,
):
    _cls.__module__ = "journeymap"
del _cls

"""The base of the report's read-only records (``report.totals``...), whose
classes ``_report_model.py`` generates from the report's JSON Schema."""

from __future__ import annotations

import copy
import datetime
from typing import Any, Optional

#: A table's columns: (name, kind, JSON path in a row). Kinds: "str",
#: "int" (never null), "int?" (nullable), "float", "bool", "list" (of
#: str), "duration" (milliseconds in the JSON, ``datetime.timedelta`` in
#: the table).
Columns = tuple[tuple[str, str, tuple[str, ...]], ...]


def timedelta_of(ms: Optional[float]) -> Optional[datetime.timedelta]:
    """Milliseconds (an int, or a float mean) as a ``timedelta``; None stays None."""
    return None if ms is None else datetime.timedelta(milliseconds=ms)


def _short(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, (list, dict)):
        return "[...]" if isinstance(value, list) else "{...}"
    return repr(value)


class Data:
    """What records and tables share: the JSON they show (a slot, so that a
    section can be both a table and a record)."""

    __slots__ = ("_data",)

    _data: Any


class Record(Data):
    """A read-only section of a report: its fields as attributes, its JSON
    form (the report's, durations in ``_ms`` integers) by :meth:`to_dict`
    and by key (``record["field"]``). Records compare equal to each other
    and to dicts by that JSON, and pickle. A report's sections are records;
    one is also made from its JSON (a report read back from a file).

    >>> t = journeymap.Totals({"customers": 3, "converted_customers": 1})
    >>> t.customers, t["converted_customers"], t.to_dict() == {"customers": 3, "converted_customers": 1}
    (3, 1, True)
    """

    __slots__ = ()

    _data: dict[str, Any]
    _FIELDS: tuple[str, ...] = ()

    def __init__(self, data: dict[str, Any]) -> None:
        object.__setattr__(self, "_data", data)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def _get(self, key: str) -> Any:
        value = self._data.get(key)
        return copy.deepcopy(value) if isinstance(value, (list, dict)) else value

    def __getitem__(self, key: str) -> Any:
        """The field ``key`` as the report's JSON has it (a fresh copy)."""
        return copy.deepcopy(self._data[key])

    def to_dict(self) -> dict[str, Any]:
        """The section as the report's JSON has it (a fresh copy)."""
        return copy.deepcopy(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Record):
            return type(self) is type(other) and self._data == other._data
        if isinstance(other, dict):
            return self._data == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._data,))

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={_short(self._data.get(k))}" for k in self._FIELDS)
        return f"{type(self).__name__}({shown})"

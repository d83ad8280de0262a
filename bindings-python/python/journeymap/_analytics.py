"""Event-log analytics: ``journeymap.analyze``."""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    from . import JourneyMap

# The native module has no stub of its own: typed through the package's.
_native: Any = importlib.import_module("journeymap._native")


def analyze(
    map: "JourneyMap",
    events: Union[str, "os.PathLike[str]"],
    *,
    on_bad_row: str = "fail",
    **options: Any,
) -> dict[str, Any]:
    """The journey report of an event log file (``.csv`` or ``.jsonl``)
    read against ``map``, as a dict.

    The log has columns ``customer_id``, ``timestamp`` and ``touchpoint``
    (plus optional ones, see the core reader). ``on_bad_row`` is ``"fail"``
    (raise the first bad row's error, with its row) or ``"skip"`` (count
    skipped rows in the report). Other keyword arguments are report
    options (``half_life_ms``, ...) as the report schema names them.
    """
    if not isinstance(map, _native.JourneyMap):
        raise TypeError(f"map must be a JourneyMap, not {type(map).__name__}")
    if on_bad_row not in ("fail", "skip"):
        raise ValueError(f"on_bad_row must be 'fail' or 'skip', not {on_bad_row!r}")
    columns = _columns(events)
    if columns is not None:
        report: dict[str, Any] = _native._analyze_bytes(
            map, _csv_bytes(columns), "csv", json.dumps({"on_error": on_bad_row}), json.dumps(options)
        )
        return report
    if not isinstance(events, (str, os.PathLike)):
        raise TypeError(
            "events must be a path to a .csv or .jsonl file, a pandas DataFrame or a "
            f"pyarrow Table, not {type(events).__name__}"
        )
    path = Path(events)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl"):
        raise ValueError(f"cannot tell the event log format of {str(path)!r}: use .csv or .jsonl")
    data = path.read_bytes()
    report = _native._analyze_bytes(
        map, data, suffix[1:], json.dumps({"on_error": on_bad_row}), json.dumps(options)
    )
    return report


def _columns(events: Any) -> "dict[str, list[Any]] | None":
    """Whole columns of a pandas DataFrame or pyarrow Table (by duck type),
    or None for anything else."""
    cls = type(events)
    module = cls.__module__.split(".")[0]
    if module == "pandas" and cls.__name__ == "DataFrame":
        return {str(c): events[c].to_list() for c in events.columns}
    if module == "pyarrow" and cls.__name__ == "Table":
        return {str(c): events.column(c).to_pylist() for c in events.column_names}
    return None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN: a missing cell
        return ""
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return str(isoformat())
    return str(value)


def _csv_bytes(columns: "dict[str, list[Any]]") -> bytes:
    """The columns as CSV text for core's CSV reader (same column names,
    same bad-row handling, rows numbered from 1 after the header)."""
    import csv
    import io

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    names = list(columns)
    w.writerow(names)
    rows = len(columns[names[0]]) if names else 0
    for i in range(rows):
        w.writerow([_cell(columns[n][i]) for n in names])
    return out.getvalue().encode("utf-8")

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
    if not isinstance(events, (str, os.PathLike)):
        raise TypeError(
            f"events must be a path to a .csv or .jsonl file, not {type(events).__name__}"
        )
    if on_bad_row not in ("fail", "skip"):
        raise ValueError(f"on_bad_row must be 'fail' or 'skip', not {on_bad_row!r}")
    path = Path(events)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl"):
        raise ValueError(f"cannot tell the event log format of {str(path)!r}: use .csv or .jsonl")
    data = path.read_bytes()
    report: dict[str, Any] = _native._analyze_bytes(
        map, data, suffix[1:], json.dumps({"on_error": on_bad_row}), json.dumps(options)
    )
    return report

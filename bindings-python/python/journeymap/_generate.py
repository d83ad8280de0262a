"""Synthetic event logs: :func:`generate`."""

from __future__ import annotations

import importlib
from typing import Any, Optional

_native: Any = importlib.import_module("journeymap._native")


class _ArrowStream:
    """An Arrow C stream (a PyCapsule), offered through the Arrow PyCapsule
    interface so that ``pyarrow.table`` imports it without a copy."""

    __slots__ = ("_capsule",)

    def __init__(self, capsule: object) -> None:
        self._capsule = capsule

    def __arrow_c_stream__(self, requested_schema: object = None) -> object:
        return self._capsule


def _check_int(name: str, value: object) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")


def generate(
    map: Any,
    events: Optional[int] = None,
    *,
    customers: Optional[int] = None,
    seed: int = 42,
    deviation_rate: float = 0.05,
    unknown_rate: float = 0.03,
    repeat_rate: float = 0.1,
) -> Any:
    """A synthetic event log for ``map``, as a ``pyarrow.Table``: the same
    events as the CLI's ``journeymap generate`` with the same options.

    Customers walk the map's transitions from its entry touchpoints;
    ``deviation_rate`` of the steps leave the map, ``unknown_rate`` add an
    event no touchpoint matches, ``repeat_rate`` repeat the step at once.
    ``events`` stops after that many events (then ``customers`` defaults to
    as many as it takes); without it, ``customers`` (default 1000) journeys
    are written. The same ``seed`` gives the same log.

    Columns: ``customer_id``, ``timestamp`` (``timestamp[ms, tz=UTC]``),
    ``touchpoint``, ``event``, ``channel``, ``value``, ``score``,
    ``segment``, then one text column per raw attribute the map's ``match``
    rules look at. A rate outside 0 to 1, or a map without touchpoints,
    raises :class:`InvalidMapError` (``INVALID_VALUE``, ``path`` the
    option). Needs pyarrow.

    >>> import journeymap
    >>> shop = journeymap.JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> log = journeymap.generate(shop, events=500, seed=7)
    >>> log.num_rows, log.column_names[:3]
    (500, ['customer_id', 'timestamp', 'touchpoint'])
    >>> journeymap.analyze(shop, log).totals.events
    500
    """
    if not isinstance(map, _native.JourneyMap):
        raise TypeError(f"map must be a JourneyMap, not {type(map).__name__}")
    for name, value in (("events", events), ("customers", customers), ("seed", seed)):
        _check_int(name, value)
    rates = {"deviation_rate": deviation_rate, "unknown_rate": unknown_rate, "repeat_rate": repeat_rate}
    for name, rate in rates.items():
        if not isinstance(rate, (int, float)) or isinstance(rate, bool):
            raise TypeError(f"{name} must be a float, not {type(rate).__name__}")
    try:
        pyarrow = importlib.import_module("pyarrow")
    except ImportError:
        raise ImportError("journeymap.generate returns a pyarrow Table: pip install pyarrow") from None
    capsule = _native._generate(
        map, customers, events, seed, float(deviation_rate), float(unknown_rate), float(repeat_rate)
    )
    return pyarrow.table(_ArrowStream(capsule))

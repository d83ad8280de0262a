"""Event-log analytics: :func:`journeymap.analyze` and the :class:`Report`.

The events are read in Rust: a file is streamed by the core CSV / JSON Lines
readers, and a table (anything with ``__arrow_c_stream__``: pyarrow,
polars, pandas >= 2.2, DuckDB) is handed over as Arrow record batches,
column by column, never row by row through Python.
"""

from __future__ import annotations

import copy
import datetime
import html
import importlib
import json
import math
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, TypedDict, Union, overload

from . import _report_model as _model
from ._errors import InvalidMapError
from ._record import Columns, Data, Record
from ._report_model import Conformance, Durations, PositionWeights, ReportOptions, Totals

if TYPE_CHECKING:
    from . import JourneyMap

# The native module has no stub of its own: typed through the package's.
_native: Any = importlib.import_module("journeymap._native")

__all__ = [
    "analyze",
    "partial",
    "finish",
    "Report",
    "Table",
    "Funnel",
    "Segments",
    "Conformance",
    "Attribution",
    "UnknownEvents",
    "Ingest",
    "Variants",
    "Totals",
    "Durations",
    "Conformance",
    "ReportOptions",
    "PositionWeights",
    "Record",
]


def _invalid(option: str, message: str) -> InvalidMapError:
    return InvalidMapError(f"{option}: {message}", code="INVALID_VALUE", path=f"/{option}")


def _type_name(value: object) -> str:
    return type(value).__name__


def _millis(option: str, value: object) -> int:
    """A duration option (``timedelta`` or ``"30d"``) in milliseconds."""
    if isinstance(value, datetime.timedelta):
        # Whole milliseconds; the range is the core's to check.
        return int(value // datetime.timedelta(milliseconds=1))
    if isinstance(value, str):
        return int(_native._parse_duration(option, value))
    raise TypeError(
        f"{option} must be a datetime.timedelta or a string like '30d', '12h', '90m', "
        f"not {_type_name(value)}"
    )


def _column(option: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{option} must be a column name (str), not {_type_name(value)}")
    return value


def _bool(option: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{option} must be a bool, not {_type_name(value)}")
    return value


def _number(option: str, value: object) -> Union[float, str]:
    """A number for the options' JSON. JSON has no NaN or infinity: those
    go as their name ("nan", "inf"), which the core refuses, naming it,
    where a number belongs."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{option} must hold numbers, not {_type_name(value)}")
    f = float(value)
    return f if math.isfinite(f) else str(f)


def _report_options(
    conversion_window: object,
    lookback_window: object,
    conversions: object,
    top_k: object,
    half_life: object,
    position_weights: object,
    score_scale: object,
    collapse_repeats: object,
    include_customers: object,
) -> dict[str, Any]:
    """The core ``ReportOptions`` JSON of the keyword options."""
    out: dict[str, Any] = {}
    if conversion_window is not None:
        out["conversion_window_ms"] = _millis("conversion_window", conversion_window)
    if lookback_window is not None:
        out["lookback_window_ms"] = _millis("lookback_window", lookback_window)
    if conversions is not None:
        if isinstance(conversions, (str, bytes)) or not isinstance(conversions, Sequence):
            raise TypeError(
                f"conversions must be a list of touchpoint ids, not {_type_name(conversions)}"
            )
        ids = list(conversions)
        for i in ids:
            if not isinstance(i, str):
                raise TypeError(f"conversions must hold touchpoint ids (str), not {_type_name(i)}")
        out["conversions"] = ids
    if top_k is not None:
        if isinstance(top_k, bool) or not isinstance(top_k, int):
            raise TypeError(f"top_k must be an int, not {_type_name(top_k)}")
        out["top_k"] = top_k
    if half_life is not None:
        out["half_life_ms"] = _millis("half_life", half_life)
    if position_weights is not None:
        if not isinstance(position_weights, (tuple, list)) or len(position_weights) != 2:
            raise TypeError(
                "position_weights must be a (first, last) pair of shares, "
                f"not {_type_name(position_weights)}"
            )
        first, last = (_number("position_weights", w) for w in position_weights)
        out["position_weights"] = {"first": first, "last": last}
    if score_scale is not None:
        if isinstance(score_scale, str):
            # A name or "MIN..MAX", read by the core.
            out["score_scale"] = score_scale
        elif isinstance(score_scale, (tuple, list)) and len(score_scale) == 2:
            lo, hi = (_number("score_scale", v) for v in score_scale)
            out["score_scale"] = {"range": {"min": lo, "max": hi}}
        else:
            raise TypeError(
                "score_scale must be a scale name (str) or a (min, max) pair, "
                f"not {_type_name(score_scale)}"
            )
    if collapse_repeats is not None:
        out["collapse_repeats"] = _bool("collapse_repeats", collapse_repeats)
    if include_customers is not None:
        out["include_customers"] = _bool("include_customers", include_customers)
    return out


def _events_source(events: object) -> tuple[str, Any]:
    """How to read ``events``: ``("file", Path)``, ``("records", list)``
    or ``("arrow", obj)`` where ``obj`` exports an Arrow C stream."""
    if isinstance(events, (str, os.PathLike)):
        return "file", Path(events)
    if isinstance(events, (list, tuple)):
        return "records", events
    if callable(getattr(events, "__arrow_c_stream__", None)):
        return "arrow", events
    cls = type(events)
    module = cls.__module__.split(".")[0]
    if module == "pandas" and cls.__name__ == "DataFrame":
        # pandas before 2.2 has no Arrow export of its own.
        try:
            pyarrow = importlib.import_module("pyarrow")
        except ImportError:
            raise TypeError(
                "reading a pandas DataFrame needs pandas >= 2.2 or pyarrow "
                "(pip install pyarrow)"
            ) from None
        return "arrow", pyarrow.Table.from_pandas(events, preserve_index=False)
    if callable(getattr(events, "__arrow_c_array__", None)):
        # A single record batch (Arrow PyCapsule array export).
        try:
            pyarrow = importlib.import_module("pyarrow")
        except ImportError:
            raise TypeError(
                f"{cls.__name__} exports one Arrow array, not a stream; pass a table "
                "(or install pyarrow to convert it)"
            ) from None
        return "arrow", pyarrow.table(events)
    if module == "polars" and cls.__name__ == "LazyFrame":
        raise TypeError("events is a polars LazyFrame: pass events.collect()")
    if module == "dask":
        raise TypeError(
            f"events is a dask {cls.__name__}: pass events.compute() (a pandas DataFrame) "
            "to analyse it on this machine"
        )
    if module == "pyspark":
        raise TypeError(
            f"events is a Spark {cls.__name__}: pass events.toArrow() (Spark 4) or "
            "events.toPandas() to analyse it on this machine"
        )
    raise TypeError(
        "events must be a path to a .csv, .tsv or .jsonl file, a list of event dicts, "
        "or a table exporting Arrow data (pandas or polars DataFrame, pyarrow Table or "
        f"RecordBatchReader, DuckDB relation), not {cls.__name__}"
    )


def analyze(
    map: "JourneyMap",
    events: Any,
    *,
    on_bad_row: str = "fail",
    conversion_window: Union[datetime.timedelta, str, None] = None,
    lookback_window: Union[datetime.timedelta, str, None] = None,
    conversions: Optional[Sequence[str]] = None,
    top_k: Optional[int] = None,
    half_life: Union[datetime.timedelta, str, None] = None,
    position_weights: Optional[tuple[float, float]] = None,
    score_scale: Union[str, tuple[float, float], None] = None,
    collapse_repeats: Optional[bool] = None,
    include_customers: Optional[bool] = None,
    segment_by: Optional[str] = None,
    customer_column: Optional[str] = None,
    timestamp_column: Optional[str] = None,
    touchpoint_column: Optional[str] = None,
    event_column: Optional[str] = None,
    channel_column: Optional[str] = None,
    value_column: Optional[str] = None,
    score_column: Optional[str] = None,
    timestamp_format: str = "auto",
    timestamp_unit: Optional[str] = None,
    timezone: str = "UTC",
    input_format: Optional[str] = None,
) -> "Report":
    """The journey report of an event log read against ``map``.

    ``events`` is a path (``.csv``, ``.tsv``/``.tab``, ``.jsonl``/``.ndjson``, or
    any name with ``input_format``) or a table: anything exporting Arrow
    data through ``__arrow_c_stream__`` (pyarrow ``Table`` and
    ``RecordBatchReader``, polars ``DataFrame``, pandas >= 2.2
    ``DataFrame``, DuckDB relations), and older pandas through pyarrow.
    Tables are read in Rust from Arrow record batches, never row by row.
    ``events`` may also be a list (or tuple) of event dicts, each read as
    the JSON Lines line ``json.dumps`` would write for it (same fields,
    rules and errors as a ``.jsonl`` file; no JSON text is written): values
    are ``str``, ``int``, ``float``, ``bool``, ``None``, ``datetime``
    (written in ISO 8601; naive ones are UTC) and ``date`` (midnight UTC),
    and a field (``attributes``) may hold a dict or list of those. Another
    value raises ``TypeError`` (an int beyond 64 bits ``ValueError``)
    located as ``events[i]['key']``; an item that is not a dict is a
    ``BAD_JSON`` row, a float NaN or infinity a ``BAD_NUMBER`` row (use
    ``None`` for a missing value).

    Columns (names changed with the ``*_column`` options): ``customer_id``
    and ``timestamp`` are required, and ``touchpoint`` or raw ``event`` /
    ``channel`` resolved through the map's ``match`` rules; ``value``,
    ``score`` and ``segment`` (``segment_by``) are optional; other columns
    are attributes for the ``match`` rules. In a table, text columns may be
    strings, large or view strings or categoricals; customer ids may be
    integers, or whole-number floats (pandas makes an integer column with
    a missing value float64; NaN is a missing id); timestamps may be Arrow
    timestamps of any unit (time-zone aware ones are instants; naive ones
    are taken as UTC), dates, integers of epoch time (see
    ``timestamp_unit``) or date-time text; ``value`` and ``score`` any integer or float (or
    numeric text). Nulls are missing cells. A column of another type is an
    :class:`EventLogError` (``BAD_TYPE``) naming it.

    A bad row (``BAD_TIMESTAMP``, ``EMPTY_CUSTOMER``, ``UNKNOWN_TOUCHPOINT``,
    ...) raises :class:`EventLogError` with its ``row`` (1-based) and
    ``field`` when ``on_bad_row="fail"`` (the default); with ``"skip"`` it
    is counted in ``report.ingest``. A missing column always raises; so
    does a ``segment_by`` field that the events do not have (no such
    column, or no event with a value in it), code ``MISSING_COLUMN``.

    Report options: ``conversion_window`` (cut each journey this long after
    the customer's first event) and ``lookback_window`` (attribution
    credits only touches this long before the conversion) and
    ``half_life`` (time-decay model, default 7 days) take a
    ``datetime.timedelta`` or a string like the CLI's ``--window``:
    ``"30d"``, ``"12h"``, ``"90m"``, ``"45s"``, ``"500ms"``, ``"2w"``.
    ``conversions`` (touchpoint ids counting as conversions; default the
    map's), ``top_k`` (variants and unknown names listed, default 10),
    ``position_weights=(first, last)`` (default ``(0.4, 0.4)``),
    ``score_scale`` (``"native"`` -2..2, ``"one_to_five"``,
    ``"zero_to_ten"`` or a ``(min, max)`` range), ``collapse_repeats``
    (default True), ``include_customers`` (per-customer conformance,
    default False).

    Timestamps: ``timestamp_format`` is ``"auto"`` (ISO 8601 date-times:
    ``2026-03-01T09:30:00Z``, a space for the ``T``, offsets ``+01:00``,
    ``+0100`` or ``+01``, or none; or integers of epoch time),
    ``"rfc3339"`` (date-times only), ``"epoch_millis"``,
    ``"epoch_seconds"``, or a strftime-style pattern such as
    ``"%d/%m/%Y %H:%M"`` (``%Y %m %b %d %H %M %S %f %z %%``).
    ``timestamp_unit`` (``"s"``, ``"ms"``, ``"us"``, ``"ns"``) is the unit
    of integer timestamps; without it an integer is read as milliseconds
    only if that falls between 1980 and 2099, and otherwise refused
    (``BAD_TIMESTAMP``) with the likely unit named, so epoch seconds are
    never read as milliseconds of January 1970. ``timezone`` (default
    ``"UTC"``, a fixed offset such as ``"+01:00"``, or a zone such as
    ``"Europe/Berlin"``, which follows daylight saving time) is the zone of
    date-times written without an offset.

    Options of the wrong type raise ``TypeError``; bad values raise
    :class:`InvalidMapError` (code ``INVALID_VALUE``, ``path`` = the
    option, e.g. ``"/conversion_window"``), an unknown conversion
    touchpoint :class:`NotFoundError`.

    >>> import journeymap
    >>> shop = journeymap.JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> events = [
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"},
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:05:00Z", "touchpoint": "pay", "value": 30},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:00:00Z", "touchpoint": "home", "segment": "b2b"},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:01:00Z", "event": "chat"}]
    >>> r = journeymap.analyze(shop, events, conversion_window="30d")
    >>> r.totals.converted_customers, r.funnel.to_pandas().shape
    (1, (2, 16))
    """
    options = {k: v for k, v in locals().items() if k not in ("map", "events")}
    return Report._from_dict(_run(map, events, False, **options), map.to_json(indent=None))


def _run(
    map: "JourneyMap",
    events: Any,
    want_partial: bool,
    *,
    on_bad_row: str = "fail",
    conversion_window: Union[datetime.timedelta, str, None] = None,
    lookback_window: Union[datetime.timedelta, str, None] = None,
    conversions: Optional[Sequence[str]] = None,
    top_k: Optional[int] = None,
    half_life: Union[datetime.timedelta, str, None] = None,
    position_weights: Optional[tuple[float, float]] = None,
    score_scale: Union[str, tuple[float, float], None] = None,
    collapse_repeats: Optional[bool] = None,
    include_customers: Optional[bool] = None,
    segment_by: Optional[str] = None,
    customer_column: Optional[str] = None,
    timestamp_column: Optional[str] = None,
    touchpoint_column: Optional[str] = None,
    event_column: Optional[str] = None,
    channel_column: Optional[str] = None,
    value_column: Optional[str] = None,
    score_column: Optional[str] = None,
    timestamp_format: str = "auto",
    timestamp_unit: Optional[str] = None,
    timezone: str = "UTC",
    input_format: Optional[str] = None,
) -> Any:
    """The report (a dict) or, with ``want_partial``, the partial result of
    ``events``: :func:`analyze` and :func:`partial`, whose keywords these are."""
    if not isinstance(map, _native.JourneyMap):
        raise TypeError(f"map must be a JourneyMap, not {_type_name(map)}")
    if not isinstance(on_bad_row, str):
        raise TypeError(f"on_bad_row must be a str, not {_type_name(on_bad_row)}")
    for name, given in (("timestamp_format", timestamp_format), ("timezone", timezone)):
        if not isinstance(given, str):
            raise TypeError(f"{name} must be a str, not {_type_name(given)}")
    if timestamp_unit is not None and not isinstance(timestamp_unit, str):
        raise TypeError(f"timestamp_unit must be a str, not {_type_name(timestamp_unit)}")
    options = _report_options(
        conversion_window,
        lookback_window,
        conversions,
        top_k,
        half_life,
        position_weights,
        score_scale,
        collapse_repeats,
        include_customers,
    )
    fields: dict[str, Any] = {}
    for key, option, value in (
        ("customer", "customer_column", customer_column),
        ("timestamp", "timestamp_column", timestamp_column),
        ("touchpoint", "touchpoint_column", touchpoint_column),
        ("event", "event_column", event_column),
        ("channel", "channel_column", channel_column),
        ("value", "value_column", value_column),
        ("score", "score_column", score_column),
        ("segment", "segment_by", segment_by),
    ):
        if value is not None:
            fields[key] = _column(option, value)
    if segment_by is not None and not want_partial:
        # A field named to segment by must be in the events; a part of a
        # log (a partial) may have no customer with a segment.
        fields["require_segment"] = True
    # The values are read (and refused, with the option as path) by core.
    reader: dict[str, Any] = {
        "fields": fields,
        "timestamp_format": timestamp_format,
        "timestamp_unit": timestamp_unit,
        "timezone": timezone,
        "on_bad_row": on_bad_row,
    }
    if input_format is not None and not isinstance(input_format, str):
        raise TypeError(f"input_format must be a str, not {_type_name(input_format)}")
    kind, source = _events_source(events)
    report_json = json.dumps(options)
    if kind == "arrow":
        if input_format is not None:
            raise _invalid("input_format", "only applies to files, not to tables")
        return _native._analyze_arrow(map, source, json.dumps(reader), report_json, want_partial)
    elif kind == "records":
        if input_format is not None:
            raise _invalid("input_format", "only applies to files, not to lists of events")
        return _native._analyze_records(map, source, json.dumps(reader), report_json, want_partial)
    else:
        # Without input_format, the core's table of file extensions says.
        return _native._analyze_file(
            map, str(source), input_format, json.dumps(reader), report_json, want_partial
        )


def partial(map: "JourneyMap", events: Any, **options: Any) -> Any:
    """The partial result of the customers of ``events`` (a part of a log:
    every customer's events in one part), to merge with the other parts'
    and finish into the report of the whole: ``events`` and ``options`` as
    :func:`analyze` takes them (a part without any ``segment_by`` value is
    not an error: other parts may have them). Partials add (``a.merge(b)``, ``a + b``),
    travel as bytes (``bytes(p)``, ``Partial.from_bytes``) and pickle, so
    that workers (processes, Dask, Spark) can compute them;
    :func:`finish` makes the report, identical to analysing all the events
    at once.

    >>> import journeymap
    >>> shop = journeymap.JourneyMap.from_dict({
    ...     "name": "Shop", "stages": [{"id": "visit", "name": "Visit"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [{"id": "home", "name": "Home", "stage": "visit", "channel": "web"}]})
    >>> a = journeymap.partial(shop, [{"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"}])
    >>> b = journeymap.partial(shop, [{"customer_id": "c2", "timestamp": "2026-03-01T10:00:00Z", "touchpoint": "home"}])
    >>> (a + b).customers, journeymap.finish(shop, [a, b]).totals.customers
    (2, 2)
    """
    return _run(map, events, True, **options)


def finish(map: "JourneyMap", partials: Any, *, top_k: Optional[int] = None) -> "Report":
    """The report of ``partials`` (an iterable of :class:`Partial` of
    disjoint customers, computed against ``map`` with the same options):
    merged, then finished with their options (``top_k`` replaced when
    given). Partials of another map or other options raise
    ``InvalidMapError`` (``INVALID_VALUE``).

    >>> import journeymap
    >>> shop = journeymap.JourneyMap.from_dict({
    ...     "name": "Shop", "stages": [{"id": "visit", "name": "Visit"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [{"id": "home", "name": "Home", "stage": "visit", "channel": "web"}]})
    >>> events = [{"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"}]
    >>> journeymap.finish(shop, [journeymap.partial(shop, events)]) == journeymap.analyze(shop, events)
    True
    """
    if not isinstance(map, _native.JourneyMap):
        raise TypeError(f"map must be a JourneyMap, not {_type_name(map)}")
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int)):
        raise TypeError(f"top_k must be an int, not {_type_name(top_k)}")
    if isinstance(partials, (str, bytes)) or not hasattr(partials, "__iter__"):
        raise TypeError(f"partials must be an iterable of journeymap.Partial, not {_type_name(partials)}")
    data = _native._finish(map, list(partials), top_k)
    return Report._from_dict(data, map.to_json(indent=None))


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------
#
# The columns of each kind of row, and the record classes of the sections,
# are generated from the report's JSON Schema (_report_model.py).


def _at(row: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = row
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _flat_row(row: Mapping[str, Any], columns: Columns) -> dict[str, Any]:
    """One flat row: nested objects' fields joined with ``_``
    (``time_in_stage.median_ms`` -> ``time_in_stage_median``, a
    ``timedelta``)."""
    out: dict[str, Any] = {}
    for name, kind, path in columns:
        value = _at(row, path)
        if kind == "duration":
            value = None if value is None else datetime.timedelta(milliseconds=value)
        elif kind == "list" and value is not None:
            value = list(value)
        out[name] = value
    return out


_PANDAS_DTYPES = {
    "str": "object",
    "int": "int64",
    "int?": "Int64",
    "float": "float64",
    "bool": "bool",
    "list": "object",
    "duration": "timedelta64[ns]",
}


class Table(Data):
    """A tabular section of a :class:`Report`: one row (a flat dict) per
    entity, in the report's order.

    Nested objects of the report are flattened into columns joined with
    ``_``: a stage's ``time_in_stage.median_ms`` is the column
    ``time_in_stage_median``, an attribution row's
    ``first_touch.conversions`` is ``first_touch_conversions``. Durations
    are ``datetime.timedelta`` values (``timedelta64`` / ``Duration``
    columns in pandas, polars and Arrow; the report's ``_ms`` integers are
    in :meth:`Report.to_dict`). Lists (a variant's ``path``) stay lists.
    The column set is fixed for each section, so an empty table still has
    its columns.

    ``len(t)``, iteration (row dicts, fresh copies), ``t[i]`` (a row),
    ``t["column"]`` (a column), :attr:`shape`, :meth:`to_dicts`,
    :meth:`to_pandas`, :meth:`to_polars` and :meth:`to_arrow`.

    >>> shop = JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> events = [
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"},
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:05:00Z", "touchpoint": "pay", "value": 30},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:00:00Z", "touchpoint": "home", "segment": "b2b"},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:01:00Z", "event": "chat"}]
    >>> r = analyze(shop, events)
    >>> t = r.touchpoints
    >>> int(t.to_pandas().set_index("touchpoint")["reach"]["home"])
    2
    >>> r.funnel["time_to_conversion_median"]
    [datetime.timedelta(seconds=300), datetime.timedelta(0)]
    """

    __slots__ = ("_name", "_rows", "_columns")

    _name: str
    _rows: list[dict[str, Any]]
    _columns: Columns

    def __init__(self, name: str, rows: Sequence[Mapping[str, Any]], columns: Columns) -> None:
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_rows", [_flat_row(r, columns) for r in rows])
        object.__setattr__(self, "_columns", columns)
        object.__setattr__(self, "_data", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __reduce__(self) -> tuple[Any, ...]:
        raise TypeError(f"{type(self).__name__} does not pickle: pickle the Report")

    @property
    def name(self) -> str:
        """The section this table shows (``"touchpoints"``, ``"funnel"``...)."""
        return self._name

    @property
    def columns(self) -> list[str]:
        """Column names, in order."""
        return [name for name, _, _ in self._columns]

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self._rows:
            yield copy.deepcopy(row)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: str) -> list[Any]: ...
    def __getitem__(self, index: Union[int, str]) -> Union[dict[str, Any], list[Any]]:
        """``table[i]`` is row ``i`` (a dict); ``table["name"]`` a column."""
        if isinstance(index, str):
            return self.column(index)
        if not isinstance(index, int) or isinstance(index, bool):
            raise TypeError(f"{type(self).__name__} indices must be int or str, not {_type_name(index)}")
        return copy.deepcopy(self._rows[index])

    def to_dicts(self) -> list[dict[str, Any]]:
        """The rows as a list of flat dicts (fresh copies)."""
        return copy.deepcopy(self._rows)

    @property
    def shape(self) -> tuple[int, int]:
        """``(rows, columns)``, as a DataFrame's."""
        return (len(self._rows), len(self._columns))

    def column(self, name: str) -> list[Any]:
        """The values of one column, in row order (a fresh list);
        ``table["name"]`` is the same."""
        if not isinstance(name, str):
            raise TypeError(f"column names are str, not {_type_name(name)}")
        if name not in self.columns:
            raise KeyError(f"{name!r} is not a column of {self._name!r}; columns: {', '.join(self.columns)}")
        return [copy.deepcopy(row[name]) for row in self._rows]

    def to_arrow(self) -> Any:
        """The rows as a pyarrow Table, with the types of :meth:`to_pandas`
        (``int64`` with nulls where absent, ``float64``, ``bool``,
        ``string``, ``list<string>``, ``duration[us]``)."""
        try:
            pa = importlib.import_module("pyarrow")
        except ImportError:
            raise ImportError(
                "to_arrow() needs pyarrow: pip install pyarrow (or use to_dicts())"
            ) from None
        types = {
            "str": pa.string(),
            "int": pa.int64(),
            "int?": pa.int64(),
            "float": pa.float64(),
            "bool": pa.bool_(),
            "list": pa.list_(pa.string()),
            "duration": pa.duration("us"),
        }
        schema = pa.schema([(name, types[kind]) for name, kind, _ in self._columns])
        return pa.Table.from_pydict(
            {name: [row[name] for row in self._rows] for name, _, _ in self._columns}, schema=schema
        )

    def _repr_html_(self) -> str:
        """The first rows as an HTML table, as a notebook shows a
        DataFrame (all text escaped)."""
        shown = 20
        cols = self.columns
        head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_cell(row[c]))}</td>" for c in cols) + "</tr>"
            for row in self._rows[:shown]
        )
        more = f"<p>… {len(self) - shown} more rows</p>" if len(self) > shown else ""
        title = html.escape(f"{type(self).__name__} {self._name!r}: {len(self)} rows x {len(cols)} columns")
        return (
            f"<div><p><b>{title}</b></p><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>{more}</div>"
        )

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame, one column per :attr:`columns`.

        Counts are ``int64`` (``Int64``, nullable, for counts that may be
        absent), shares and values ``float64`` (NaN when absent), durations
        ``timedelta64[ns]`` (NaT when absent), flags ``bool``, ids
        ``object`` (str), a variant's ``path`` a list per cell.
        """
        try:
            pd = importlib.import_module("pandas")
        except ImportError:
            raise ImportError(
                "to_pandas() needs pandas: pip install pandas (or use to_dicts())"
            ) from None
        data = {}
        for name, kind, _ in self._columns:
            values = [row[name] for row in self._rows]
            if kind == "float":
                values = [math.nan if v is None else v for v in values]
            elif kind == "duration":
                values = [pd.NaT if v is None else v for v in values]
            data[name] = pd.Series(values, dtype=_PANDAS_DTYPES[kind])
        return pd.DataFrame(data, columns=self.columns)

    def to_polars(self) -> Any:
        """The rows as a polars DataFrame, with the dtypes of
        :meth:`to_pandas` (``Int64`` with nulls, ``Float64``, ``Boolean``,
        ``String``, ``List(String)``, ``Duration("us")``)."""
        try:
            pl = importlib.import_module("polars")
        except ImportError:
            raise ImportError(
                "to_polars() needs polars: pip install polars (or use to_dicts())"
            ) from None
        types = {
            "str": pl.String,
            "int": pl.Int64,
            "int?": pl.Int64,
            "float": pl.Float64,
            "bool": pl.Boolean,
            "list": pl.List(pl.String),
            "duration": pl.Duration("us"),
        }
        schema = {name: types[kind] for name, kind, _ in self._columns}
        return pl.DataFrame(
            {name: [row[name] for row in self._rows] for name, _, _ in self._columns},
            schema=schema,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Table):
            return NotImplemented
        return (self._name, self._columns, self._rows) == (other._name, other._columns, other._rows)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = 8
        cols = self.columns
        head = [[_cell(row[c]) for c in cols] for row in self._rows[:shown]]
        widths = [max([len(c), *(len(r[i]) for r in head)]) for i, c in enumerate(cols)]
        lines = [
            f"<{type(self).__name__} {self._name!r}: {len(self)} row{'s' if len(self) != 1 else ''}"
            f" x {len(cols)} columns>"
        ]
        lines.append("  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip())
        for r in head:
            lines.append("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip())
        if len(self) > shown:
            lines.append(f"... {len(self) - shown} more")
        return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list):
        return ">".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= 24 else text[:23] + "…"


class Funnel(Table, _model._Funnel):
    """A stage funnel: one row per stage in journey order (see
    :class:`Table` for the columns), plus the group's totals as
    attributes: ``customers``, ``customers_with_touchpoints``,
    ``converted``, ``conversion_rate``, ``conversion_value`` and
    ``time_to_conversion`` (a :class:`Durations`: ``count``, ``median``,
    ``p90``, ``mean`` as ``timedelta``, ``median_ms``...).
    :meth:`to_dict` gives the funnel as the report's JSON has it.

    >>> shop = JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> events = [
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"},
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:05:00Z", "touchpoint": "pay", "value": 30},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:00:00Z", "touchpoint": "home", "segment": "b2b"},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:01:00Z", "event": "chat"}]
    >>> r = analyze(shop, events)
    >>> f = r.funnel
    >>> f.customers, f.converted, f.time_to_conversion.median
    (2, 1, datetime.timedelta(seconds=300))
    >>> [(row["stage"], row["customers"], row["continued"]) for row in f]
    [('visit', 2, 1), ('buy', 1, 0)]
    """

    __slots__ = ()

    def __init__(self, name: str, funnel: dict[str, Any]) -> None:
        Table.__init__(self, name, funnel.get("stages", []), _model.STAGE_STATS)
        object.__setattr__(self, "_data", funnel)

    to_dict = Record.to_dict


class Segments(Table):
    """The funnel of each segment, in long format: one row per (segment,
    stage), with the columns of :class:`Funnel` after ``segment``.
    ``segments.names`` lists the segments, ``segments.funnel(name)`` gives
    one as a :class:`Funnel`, and ``segments.summary`` is a table of one
    row per segment (its totals).

    >>> shop = JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> events = [
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"},
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:05:00Z", "touchpoint": "pay", "value": 30},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:00:00Z", "touchpoint": "home", "segment": "b2b"},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:01:00Z", "event": "chat"}]
    >>> r = analyze(shop, events)
    >>> r.segments.names, r.segments.funnel("b2b").customers
    (['b2b'], 1)
    >>> r.segments.summary.to_dicts()[0]["converted"]
    0
    """

    __slots__ = ()

    def __init__(self, segments: list[dict[str, Any]]) -> None:
        rows = [
            {"segment": s["segment"], **stage}
            for s in segments
            for stage in s["funnel"].get("stages", [])
        ]
        super().__init__("segments", rows, (("segment", "str", ("segment",)), *_model.STAGE_STATS))
        object.__setattr__(self, "_data", segments)

    @property
    def names(self) -> list[str]:
        """Segment names, in the report's order."""
        return [s["segment"] for s in self._data]

    def funnel(self, segment: str) -> Funnel:
        """The funnel of one segment; ``KeyError`` for an unknown one."""
        for s in self._data:
            if s["segment"] == segment:
                return Funnel(f"segments[{segment!r}]", s["funnel"])
        raise KeyError(segment)

    @property
    def summary(self) -> Table:
        """One row per segment: ``segment``, ``customers``,
        ``customers_with_touchpoints``, ``converted``,
        ``conversion_rate``, ``conversion_value``,
        ``time_to_conversion_*``."""
        rows = [{"segment": s["segment"], **s["funnel"]} for s in self._data]
        return Table("segments.summary", rows, (("segment", "str", ("segment",)), *_model.FUNNEL))

    def to_dict(self) -> list[dict[str, Any]]:  # type: ignore[override]
        """The segments as the report's JSON has them."""
        return copy.deepcopy(self._data)  # type: ignore[no-any-return]


class Attribution(_model._Attribution):
    """Attribution of conversions and value: the scalar fields of the
    report's ``attribution`` as attributes (``conversions``, ``value``,
    ``attributable_conversions``, ``unattributed_value``,
    ``markov_conversion_probability``...), and the ``touchpoints`` and
    ``channels`` tables: one row per touchpoint / channel in document
    order, column ``id`` then ``<model>_conversions`` and ``<model>_value``
    for each model (``first_touch``, ``last_touch``, ``linear``,
    ``time_decay``, ``position_based``, ``markov``) and
    ``removal_effect``.

    >>> shop = JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> events = [
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"},
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:05:00Z", "touchpoint": "pay", "value": 30},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:00:00Z", "touchpoint": "home", "segment": "b2b"},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:01:00Z", "event": "chat"}]
    >>> r = analyze(shop, events)
    >>> a = r.attribution
    >>> a.conversions, a.value, a.unattributed_conversions
    (1, 30.0, 0)
    >>> home = a.touchpoints[0]
    >>> home["id"], home["first_touch_conversions"], home["first_touch_value"], home["linear_value"]
    ('home', 1.0, 30.0, 30.0)
    """

    __slots__ = ()

    @property
    def touchpoints(self) -> Table:
        """Credit per touchpoint."""
        return Table("attribution.touchpoints", self._data["touchpoints"], _model.ATTRIBUTION_ROW)

    @property
    def channels(self) -> Table:
        """Credit per channel."""
        return Table("attribution.channels", self._data["channels"], _model.ATTRIBUTION_ROW)


class UnknownEvents(Table, _model._UnknownEvents):
    """Events that matched no touchpoint: the ``top_k`` most frequent names
    as rows (``name``, ``events``), and the counts ``events``,
    ``customers``, ``distinct`` and ``customers_without_segment`` as
    attributes.

    >>> shop = JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> events = [
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"},
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:05:00Z", "touchpoint": "pay", "value": 30},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:00:00Z", "touchpoint": "home", "segment": "b2b"},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:01:00Z", "event": "chat"}]
    >>> r = analyze(shop, events)
    >>> u = r.unknown_events
    >>> u.events, u.distinct, u.to_dicts()
    (1, 1, [{'name': 'chat', 'events': 1}])
    """

    __slots__ = ()

    def __init__(self, data: dict[str, Any]) -> None:
        Table.__init__(self, "unknown_events", data.get("top", []), _model.UNKNOWN_EVENT_NAME)
        object.__setattr__(self, "_data", data)

    to_dict = Record.to_dict


class Variants(Table, _model._Variants):
    """The most frequent path variants as rows (``path``, a list of
    touchpoint ids; ``customers``, ``conversions``, ``conversion_rate``):
    at most ``top_k`` of them; ``distinct`` counts every variant seen.

    >>> shop = JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> events = [
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"},
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:05:00Z", "touchpoint": "pay", "value": 30},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:00:00Z", "touchpoint": "home", "segment": "b2b"},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:01:00Z", "event": "chat"}]
    >>> r = analyze(shop, events)
    >>> v = r.variants
    >>> v.distinct, v[0]["path"], v[0]["customers"]
    (2, ['home'], 1)
    """

    __slots__ = ()

    def __init__(self, data: dict[str, Any]) -> None:
        Table.__init__(self, "variants", data.get("top", []), _model.VARIANT)
        object.__setattr__(self, "_data", data)

    to_dict = Record.to_dict


class Ingest(Table, _model._IngestStats):
    """Rows read and skipped: the first skipped rows as rows (``code``,
    ``row``, ``line``, ``column``, ``message``), ``rows`` (data rows read),
    ``skipped`` (counts by code) and ``rows_skipped`` as attributes.

    >>> shop = JourneyMap.from_dict({
    ...     "name": "Shop", "stages": [{"id": "visit", "name": "Visit"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [{"id": "home", "name": "Home", "stage": "visit", "channel": "web"}]})
    >>> events = [
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"},
    ...     {"customer_id": "", "timestamp": "2026-03-01T09:05:00Z", "touchpoint": "home"}]
    >>> i = analyze(shop, events, on_bad_row="skip").ingest
    >>> i.rows, i.skipped, i[0]["code"], i[0]["row"]
    (2, {'EMPTY_CUSTOMER': 1}, 'EMPTY_CUSTOMER', 2)
    """

    __slots__ = ()

    def __init__(self, data: dict[str, Any]) -> None:
        Table.__init__(self, "ingest", data.get("examples", []), _model.ROW_ERROR)
        object.__setattr__(self, "_data", data)

    @property
    def rows_skipped(self) -> int:
        """Total rows skipped."""
        return sum(self._data["skipped"].values())

    to_dict = Record.to_dict


class Report(Mapping[str, Any]):
    """A journey report: what :func:`analyze` returns. Read-only.

    Sections as attributes: :attr:`totals` (a dict), :attr:`funnel`,
    :attr:`touchpoints`, :attr:`transitions`, :attr:`variants`,
    :attr:`segments`, :attr:`unknown_events`, :attr:`ingest`
    (:class:`Table` and its kinds: ``.to_pandas()``, ``.to_polars()``,
    ``.to_dicts()``), :attr:`conformance` and :attr:`attribution` (scalar
    attributes and tables), :attr:`options` (the options used, as the
    report's JSON names them), :attr:`conversion_touchpoints`.

    A report is also a read-only mapping over the top-level keys of its
    JSON form (``report["funnel"]`` is a fresh dict); :meth:`to_dict`
    gives the whole JSON-shaped dict (schema
    ``schema/journey-report.schema.json``), :meth:`to_json` its text.
    Reports compare equal to each other (and to dicts) by that content;
    they pickle.

    >>> import journeymap
    >>> shop = journeymap.JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> events = [
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"},
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:05:00Z", "touchpoint": "pay", "value": 30},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:00:00Z", "touchpoint": "home", "segment": "b2b"},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:01:00Z", "event": "chat"}]
    >>> r = journeymap.analyze(shop, events)
    >>> r.funnel.to_pandas()[["stage", "customers", "dropped"]]
       stage  customers  dropped
    0  visit          2        1
    1    buy          1        1
    >>> r.attribution.channels.to_dicts()[0]["markov_conversions"]
    1.0
    >>> r["totals"]["conversion_rate"]
    0.5
    """

    __slots__ = ("_data", "_map_json")

    _data: dict[str, Any]
    _map_json: Optional[str]

    def __init__(self) -> None:
        raise TypeError("Report objects are made by journeymap.analyze()")

    @classmethod
    def _from_dict(cls, data: dict[str, Any], map_json: Optional[str] = None) -> "Report":
        self = object.__new__(cls)
        object.__setattr__(self, "_data", data)
        # The map as analysed, for the text report (its channel names).
        object.__setattr__(self, "_map_json", map_json)
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Report is read-only")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_report_from_dict, (self._data, self._map_json))

    # Mapping
    def __getitem__(self, key: str) -> Any:
        return copy.deepcopy(self._data[key])

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._data))

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Report):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def to_dict(self) -> dict[str, Any]:
        """The whole report as a JSON-shaped dict (a fresh copy)."""
        return copy.deepcopy(self._data)

    def to_json(self, indent: Optional[int] = None) -> str:
        """The report as JSON text (compact, or indented by ``indent``)."""
        return json.dumps(self._data, indent=indent, ensure_ascii=False)

    def to_text(self, top: int = 10) -> str:
        """The report as readable text: totals, funnel, segments,
        touchpoints, the ``top`` transitions, variants, conformance and
        attribution in aligned tables; the same text as the CLI's
        ``journeymap analyze --format text`` and JS ``report.toText()``
        (the core library's ``Report::to_text``). ``str(report)`` is this
        text with the defaults."""
        if not isinstance(top, int) or isinstance(top, bool):
            raise TypeError(f"top must be an int, not {_type_name(top)}")
        if self._map_json is None:
            raise ValueError("this report carries no map to write its text with")
        the_map = _native.JourneyMap.from_json(self._map_json)
        return _native._report_text(the_map, json.dumps(self._data), max(top, 0))

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        """The text summary and the journey canvas with the report's
        figures, as a notebook shows the report (all text escaped; the SVG
        escapes its own)."""
        text = f"<pre>{html.escape(self.to_text())}</pre>"
        if self._map_json is None:
            return f"<div>{text}</div>"
        svg = _native.JourneyMap.from_json(self._map_json).to_svg(report=self)
        return f"<div>{text}<div style=\"overflow-x: auto\">{svg}</div></div>"

    # Sections
    @property
    def report_version(self) -> int:
        """Version of the report format."""
        return int(self._data["report_version"])

    @property
    def map_name(self) -> str:
        """Name of the map."""
        return str(self._data["map"])

    @property
    def options(self) -> ReportOptions:
        """The options the report was computed with (``conversion_window``,
        ``half_life``... as ``timedelta``; ``options["half_life_ms"]`` and
        :meth:`~Record.to_dict` as the report's JSON names them)."""
        return ReportOptions(self._data["options"])

    @property
    def conversion_touchpoints(self) -> list[str]:
        """Touchpoints counting as conversions."""
        return list(self._data["conversion_touchpoints"])

    @property
    def totals(self) -> Totals:
        """Overall counts: ``customers``, ``customers_with_touchpoints``,
        ``events``, ``events_outside_window``, ``unknown_events``,
        ``converted_customers``, ``conversion_rate``, ``value``,
        ``conversion_value``."""
        return Totals(self._data["totals"])

    @property
    def ingest(self) -> Ingest:
        """Rows read and skipped."""
        return Ingest(self._data["ingest"])

    @property
    def funnel(self) -> Funnel:
        """The stage funnel over all customers."""
        return Funnel("funnel", self._data["funnel"])

    @property
    def touchpoints(self) -> Table:
        """One row per touchpoint, in document order (``score`` flattened
        into ``score_count``, ``score_mean``, ``score_planned``...)."""
        return Table("touchpoints", self._data["touchpoints"], _model.TOUCHPOINT_STATS)

    @property
    def transitions(self) -> Table:
        """Observed directly-follows transitions and planned ones never taken."""
        return Table("transitions", self._data["transitions"], _model.TRANSITION_STATS)

    @property
    def variants(self) -> Variants:
        """The most frequent path variants (``path`` is a list of
        touchpoint ids); ``len(report.variants)`` <= ``top_k``; the number
        of distinct variants is ``report.variants.distinct``."""
        return Variants(self._data["variants"])

    @property
    def conformance(self) -> Conformance:
        """How well journeys follow the map (per customer:
        :attr:`customers`)."""
        return Conformance(self._data["conformance"])

    @property
    def customers(self) -> Optional[Table]:
        """Per-customer conformance, sorted by customer id
        (``include_customers=True``), else None."""
        rows = self._data.get("customers")
        return None if rows is None else Table("customers", rows, _model.CUSTOMER_CONFORMANCE)

    @property
    def attribution(self) -> Attribution:
        """Attribution of conversions and value to touchpoints and channels."""
        return Attribution(self._data["attribution"])

    @property
    def segments(self) -> Segments:
        """One funnel per segment."""
        return Segments(self._data["segments"])

    @property
    def unknown_events(self) -> UnknownEvents:
        """Events that matched no touchpoint."""
        return UnknownEvents(self._data["unknown_events"])

    def __repr__(self) -> str:
        t = self._data["totals"]
        rate = t.get("conversion_rate")
        shown = "-" if rate is None else f"{rate:.1%}"
        return (
            f"<Report {self._data['map']!r}: {t['customers']} customers, {t['events']} events, "
            f"{t['converted_customers']} converted ({shown})>"
        )


def _report_from_dict(data: dict[str, Any], map_json: Optional[str] = None) -> Report:
    return Report._from_dict(data, map_json)


for _cls in (Report, Table, Funnel, Segments, Attribution, UnknownEvents, Variants, Ingest, Record):
    _cls.__module__ = "journeymap"
del _cls

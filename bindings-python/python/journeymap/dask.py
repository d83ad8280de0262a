"""Journey reports of Dask DataFrames: the same report as
:func:`journeymap.analyze` on one machine, byte for byte, computed where the
data lives.

``journeymap.dask.analyze(map, ddf, **options)`` shuffles the events by
customer (every customer's events in one partition, whatever the input's
partitioning), computes each partition's :class:`journeymap.Partial` on the
workers, merges them by tree reduction (bytes travel, not events), and
finishes the report on the client. It works with Dask's default scheduler
and with ``dask.distributed`` (``Client(LocalCluster(...))`` or a real
cluster, whose workers need journeymap installed).

Importing ``journeymap`` does not import this module or Dask; install the
extra with ``pip install "journeymap[dask]"``.
"""

from __future__ import annotations

from typing import Any

import journeymap

__all__ = ["analyze", "partial"]


# The column carrying each event's place in the input through the shuffle:
# events at the same time keep their input order, as on one machine.
ORDER = "__journeymap_order"


def _numbered(frame: Any, partition_info: Any = None) -> Any:
    """The partition with each row's place in the whole DataFrame (the
    partition's number in the high bits, the row's position in the low)."""
    import numpy as np

    number = partition_info["number"] if partition_info else 0
    return frame.assign(**{ORDER: (number << 40) + np.arange(len(frame), dtype="int64")})


def _partition_bytes(map_json: str, frame: Any, options: dict[str, Any]) -> bytes:
    """One partition's partial result, as bytes (runs on a worker): its
    events back in input order, without the order column."""
    frame = frame.sort_values(ORDER, kind="stable").drop(columns=[ORDER])
    the_map = journeymap.JourneyMap.from_json(map_json)
    return bytes(journeymap.partial(the_map, frame, **options))


def _merge_bytes(a: bytes, b: bytes) -> bytes:
    """Two partial results merged, as bytes (runs on a worker)."""
    return bytes(journeymap.Partial.from_bytes(a) + journeymap.Partial.from_bytes(b))


def partial(map: journeymap.JourneyMap, ddf: Any, **options: Any) -> journeymap.Partial:
    """The partial result of every event of the Dask DataFrame ``ddf``:
    shuffled by customer, one partial per partition on the workers, merged
    by tree reduction. ``options`` are :func:`journeymap.analyze`'s (the
    customer column, ``customer_column``, is the one shuffled on).

    >>> import pandas as pd, dask.dataframe as dd, journeymap, journeymap.dask
    >>> shop = journeymap.JourneyMap.from_dict({
    ...     "name": "Shop", "stages": [{"id": "visit", "name": "Visit"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [{"id": "home", "name": "Home", "stage": "visit", "channel": "web"}]})
    >>> events = pd.DataFrame({"customer_id": ["c1", "c2", "c1"], "touchpoint": ["home"] * 3,
    ...     "timestamp": pd.to_datetime(["2026-03-01T09:00Z", "2026-03-01T10:00Z", "2026-03-02T09:00Z"])})
    >>> journeymap.dask.partial(shop, dd.from_pandas(events, npartitions=2)).customers
    2
    """
    import dask
    import dask.dataframe as dd

    if not isinstance(map, journeymap.JourneyMap):
        raise TypeError(f"map must be a JourneyMap, not {type(map).__name__}")
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(
            f"ddf must be a dask DataFrame, not {type(ddf).__name__} "
            "(journeymap.analyze reads pandas and other tables on this machine)"
        )
    # The options and the columns are checked here, by the core, on the
    # frame's empty schema, before any worker runs.
    journeymap.partial(map, ddf._meta, **options)
    customer = options.get("customer_column") or "customer_id"
    map_json = map.to_json(indent=None)
    # Every customer's events in one partition, each event numbered first:
    # the shuffle does not keep the order of the input.
    numbered = ddf.map_partitions(_numbered, meta=_numbered(ddf._meta))
    shuffled = numbered.shuffle(on=customer)
    parts = [
        dask.delayed(_partition_bytes)(map_json, part, options)
        for part in shuffled.to_delayed()
    ]
    if not parts:
        return journeymap.partial(map, [], **options)
    # Tree reduction: pairs merged level by level, on the workers.
    while len(parts) > 1:
        paired = [
            dask.delayed(_merge_bytes)(parts[i], parts[i + 1])
            for i in range(0, len(parts) - 1, 2)
        ]
        if len(parts) % 2:
            paired.append(parts[-1])
        parts = paired
    (data,) = dask.compute(parts[0])
    return journeymap.Partial.from_bytes(data)


def analyze(map: journeymap.JourneyMap, ddf: Any, **options: Any) -> journeymap.Report:
    """The journey report of the Dask DataFrame ``ddf``: equal, byte for
    byte in JSON, to ``journeymap.analyze(map, ddf.compute(), **options)``,
    computed on the workers (see :func:`partial`).

    >>> import pandas as pd, dask.dataframe as dd, journeymap, journeymap.dask
    >>> shop = journeymap.JourneyMap.from_dict({
    ...     "name": "Shop", "stages": [{"id": "visit", "name": "Visit"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [{"id": "home", "name": "Home", "stage": "visit", "channel": "web"}]})
    >>> events = pd.DataFrame({"customer_id": ["c1", "c2", "c1"], "touchpoint": ["home"] * 3,
    ...     "timestamp": pd.to_datetime(["2026-03-01T09:00Z", "2026-03-01T10:00Z", "2026-03-02T09:00Z"])})
    >>> report = journeymap.dask.analyze(shop, dd.from_pandas(events, npartitions=2))
    >>> report.to_json() == journeymap.analyze(shop, events).to_json()
    True
    """
    # As for journeymap.analyze, a segment_by column must exist (a part of
    # a log need not have one): checked by the core on the empty schema.
    import dask.dataframe as dd

    if isinstance(map, journeymap.JourneyMap) and isinstance(ddf, dd.DataFrame):
        journeymap.analyze(map, ddf._meta, **options)
    top_k = options.get("top_k")
    return journeymap.finish(map, [partial(map, ddf, **options)], top_k=top_k)

"""Journey reports of PySpark DataFrames: the same report as
:func:`journeymap.analyze` on one machine, byte for byte, computed on the
executors.

``journeymap.spark.analyze(map, df, **options)`` repartitions the events by
a hash of the customer column (every customer's events in one partition,
whatever the input's partitioning), computes each partition's
:class:`journeymap.Partial` on the executors with ``mapInArrow`` (Arrow
record batches in, the partial's bytes out), merges them with
``treeReduce`` and finishes the report on the driver. Spark timestamp
columns (read in the session's time zone, as Spark stores instants),
ISO 8601 strings and integer epoch columns all work, with the same options
as :func:`journeymap.analyze` (``timestamp_unit`` for integers).

The executors need journeymap installed: ship a virtualenv with
``spark-submit --archives env.tar.gz#env`` and
``PYSPARK_PYTHON=./env/bin/python`` (see docs/analytics.md). Importing
``journeymap`` does not import this module or PySpark; install the extra
with ``pip install "journeymap[spark]"``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import journeymap

__all__ = ["analyze", "partial"]


# The column carrying each event's place in the input through the shuffle
# (monotonically_increasing_id: the partition's number in the high bits, the
# row's position in the low): events at the same time keep their input
# order, as on one machine.
ORDER = "__journeymap_order"


def _partials(map_json: str, options: dict[str, Any]) -> Any:
    """The function mapInArrow runs on each partition: its record batches
    in, one row holding the partition's partial (bytes) out."""

    def compute(batches: Iterator[Any]) -> Iterator[Any]:
        pa = importlib.import_module("pyarrow")

        received = list(batches)
        if not received or all(b.num_rows == 0 for b in received):
            return
        # Back in input order (the shuffle does not keep it), without the
        # order column.
        table = pa.Table.from_batches(received).sort_by(ORDER).drop_columns([ORDER])
        the_map = journeymap.JourneyMap.from_json(map_json)
        data = bytes(journeymap.partial(the_map, table, **options))
        yield pa.RecordBatch.from_pydict({"partial": [data]}, schema=pa.schema([("partial", pa.binary())]))

    return compute


def _merge(a: bytes, b: bytes) -> bytes:
    return bytes(journeymap.Partial.from_bytes(a) + journeymap.Partial.from_bytes(b))


def partial(map: journeymap.JourneyMap, df: Any, **options: Any) -> journeymap.Partial:
    """The partial result of every event of the Spark DataFrame ``df``:
    repartitioned by customer, one partial per partition on the executors,
    merged by ``treeReduce``. ``options`` are :func:`journeymap.analyze`'s
    (``customer_column`` is the column partitioned on).

    >>> import journeymap, journeymap.spark
    >>> from pyspark.sql import SparkSession
    >>> spark = SparkSession.builder.master("local[2]").getOrCreate()
    >>> shop = journeymap.JourneyMap.from_dict({
    ...     "name": "Shop", "stages": [{"id": "visit", "name": "Visit"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [{"id": "home", "name": "Home", "stage": "visit", "channel": "web"}]})
    >>> df = spark.createDataFrame([("c1", "2026-03-01T09:00:00Z", "home"), ("c2", "2026-03-01T10:00:00Z", "home")],
    ...     ["customer_id", "timestamp", "touchpoint"])
    >>> journeymap.spark.partial(shop, df).customers
    2
    """
    from pyspark.sql import DataFrame

    if not isinstance(map, journeymap.JourneyMap):
        raise TypeError(f"map must be a JourneyMap, not {type(map).__name__}")
    if not isinstance(df, DataFrame):
        raise TypeError(
            f"df must be a PySpark DataFrame, not {type(df).__name__} "
            "(journeymap.analyze reads pandas and other tables on this machine)"
        )
    # The options and the columns are checked here, by the core, on the
    # frame's empty schema, before any executor runs.
    journeymap.partial(map, df.limit(0).toArrow(), **options)
    customer = options.get("customer_column") or "customer_id"
    from pyspark.sql.functions import monotonically_increasing_id

    numbered = df.withColumn(ORDER, monotonically_increasing_id())
    # As many partitions as any Spark shuffle (spark.sql.shuffle.partitions),
    # so that a partition's events fit an executor's Python worker.
    by_customer = numbered.repartition(customer)
    parts = by_customer.mapInArrow(_partials(map.to_json(indent=None), options), "partial binary")
    rdd = parts.rdd.map(lambda row: bytes(row.partial))
    if rdd.isEmpty():
        return journeymap.partial(map, df.limit(0).toArrow(), **options)
    return journeymap.Partial.from_bytes(rdd.treeReduce(_merge))


def analyze(map: journeymap.JourneyMap, df: Any, **options: Any) -> journeymap.Report:
    """The journey report of the Spark DataFrame ``df``: equal, byte for
    byte in JSON, to analysing all its rows on one machine with the same
    options, computed on the executors (see :func:`partial`).

    >>> import journeymap, journeymap.spark
    >>> from pyspark.sql import SparkSession
    >>> spark = SparkSession.builder.master("local[2]").getOrCreate()
    >>> shop = journeymap.JourneyMap.from_dict({
    ...     "name": "Shop", "stages": [{"id": "visit", "name": "Visit"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [{"id": "home", "name": "Home", "stage": "visit", "channel": "web"}]})
    >>> rows = [("c1", "2026-03-01T09:00:00Z", "home"), ("c2", "2026-03-01T10:00:00Z", "home")]
    >>> df = spark.createDataFrame(rows, ["customer_id", "timestamp", "touchpoint"])
    >>> report = journeymap.spark.analyze(shop, df)
    >>> report.to_json() == journeymap.analyze(shop, [dict(zip(df.columns, r)) for r in rows]).to_json()
    True
    """
    # As for journeymap.analyze, a segment_by column must exist (a part of
    # a log need not have one): checked by the core on the empty schema.
    from pyspark.sql import DataFrame

    if isinstance(map, journeymap.JourneyMap) and isinstance(df, DataFrame):
        journeymap.analyze(map, df.limit(0).toArrow(), **options)
    top_k = options.get("top_k")
    return journeymap.finish(map, [partial(map, df, **options)], top_k=top_k)

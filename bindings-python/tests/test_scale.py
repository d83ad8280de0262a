"""Scale-out: journeymap.dask and journeymap.spark give the report of one
machine, byte for byte in JSON, on the bundled example log, a generated
1M-event log and a log partitioned as badly as can be (every customer's
events spread over every partition, in shuffled order), with segments, a
conversion window, a lookback and every attribution model.

Dask runs with its default scheduler and with a LocalCluster of two worker
processes; Spark in local[2] mode (Java from the system, as tests/run
installs it). Both are optional extras: without them these tests are
skipped, and tests/run installs them.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

import journeymap

REPO = Path(__file__).resolve().parents[2]
MAP = REPO / "schema/examples/coffee-maker.json"
LOG = REPO / "schema/examples/coffee-maker-events.csv"
OPTIONS: dict[str, Any] = {
    "segment_by": "segment",
    "conversion_window": "30d",
    "lookback_window": "14d",
    "half_life": "2d",
    "position_weights": (0.3, 0.3),
    "include_customers": True,
}

# tests/run sets JOURNEYMAP_REQUIRE_SCALE: there, a missing piece fails.
REQUIRED = os.environ.get("JOURNEYMAP_REQUIRE_SCALE") == "1"


def need(module: str, reason: str) -> Any:
    if REQUIRED:
        return __import__(module, fromlist=["_"])
    return pytest.importorskip(module, reason=reason)


pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def coffee() -> journeymap.JourneyMap:
    return journeymap.JourneyMap.from_path(MAP)


@pytest.fixture(scope="module")
def example() -> Any:
    frame = pd.read_csv(LOG)
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True)
    return frame


@pytest.fixture(scope="module")
def scrambled(example: Any) -> Any:
    """The example log in shuffled order: partitioned in row order, every
    customer's events land in several partitions."""
    return example.sample(frac=1.0, random_state=7).reset_index(drop=True)


@pytest.fixture(scope="module")
def tied(scrambled: Any) -> Any:
    """The scrambled log with timestamps cut to the day: most customers have
    events at the same instant, which keep their input order (the order a
    shuffle does not keep)."""
    frame = scrambled.copy()
    frame["timestamp"] = frame["timestamp"].dt.floor("D")
    return frame


@pytest.fixture(scope="module")
def million(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """A generated log of 1M events, as a pyarrow Table and a Parquet file
    of 8 row groups."""
    table = journeymap.generate(coffee(), events=1_000_000, seed=42)
    path = tmp_path_factory.mktemp("scale") / "million.parquet"
    pq.write_table(table, path, row_group_size=125_000)
    return table, path


def expected(events: Any) -> str:
    return journeymap.analyze(coffee(), events, **OPTIONS).to_json()


# ---------------------------------------------------------------------------
# Dask


dd = need("dask.dataframe", "dask is an optional extra (pip install 'journeymap[dask]')")
import dask  # noqa: E402

import journeymap.dask  # noqa: E402
import journeymap.spark  # noqa: E402


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    distributed = need("distributed", "dask.distributed is part of the dask extra")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        with distributed.Client(c) as client:
            yield client


def test_dask_default_scheduler_on_the_example_and_a_scrambled_log(example: Any, scrambled: Any) -> None:
    want = expected(example)
    for frame, parts in ((example, 4), (scrambled, 5)):
        ddf = dd.from_pandas(frame, npartitions=parts, sort=False)
        with dask.config.set(scheduler="threads"):
            assert journeymap.dask.analyze(coffee(), ddf, **OPTIONS).to_json() == want


def test_dask_keeps_the_input_order_of_events_at_the_same_time(tied: Any) -> None:
    want = expected(tied)
    for scheduler in ("threads", "sync"):
        for parts in (2, 5, 9):
            ddf = dd.from_pandas(tied, npartitions=parts, sort=False)
            with dask.config.set(scheduler=scheduler):
                got = journeymap.dask.analyze(coffee(), ddf, **OPTIONS).to_json()
            assert got == want, (scheduler, parts)


def test_dask_examples_run() -> None:
    import doctest

    out: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    # Before the cluster starts: the examples use the default scheduler.
    for test in doctest.DocTestFinder().find(journeymap.dask):
        runner.run(test, out=out.append)
    assert runner.tries > 0 and runner.failures == 0, "".join(out)


def test_dask_local_cluster_on_every_log(cluster: Any, example: Any, scrambled: Any, million: tuple[Any, Path]) -> None:
    for frame in (example, scrambled):
        ddf = dd.from_pandas(frame, npartitions=4, sort=False)
        assert journeymap.dask.analyze(coffee(), ddf, **OPTIONS).to_json() == expected(example)
    table, path = million
    got = journeymap.dask.analyze(coffee(), dd.read_parquet(path), **OPTIONS).to_json()
    assert got == expected(table)


def test_dask_refuses_what_analyze_refuses(example: Any) -> None:
    ddf = dd.from_pandas(example.drop(columns=["customer_id"]), npartitions=2)
    with pytest.raises(journeymap.EventLogError) as info:
        journeymap.dask.analyze(coffee(), ddf)
    assert info.value.code == "MISSING_COLUMN"
    with pytest.raises(journeymap.InvalidMapError) as bad:
        journeymap.dask.analyze(coffee(), dd.from_pandas(example, npartitions=2), half_life="0s")
    assert bad.value.path == "/half_life"
    with pytest.raises(TypeError, match="dask DataFrame"):
        journeymap.dask.analyze(coffee(), example)


# ---------------------------------------------------------------------------
# Spark


def test_importing_journeymap_imports_neither_engine() -> None:
    import subprocess

    code = "import sys, journeymap; print(sorted(m for m in ('dask', 'pyspark', 'distributed') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _java() -> bool:
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    need("pyspark", "pyspark is an optional extra (pip install 'journeymap[spark]')")
    if not _java():
        if REQUIRED:
            pytest.fail("Spark needs Java, and tests/run did not find it")
        pytest.skip("Spark needs Java (tests/run installs openjdk-17-jre-headless)")
    from pyspark.sql import SparkSession

    # The executors' Python is this one (with journeymap installed).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("journeymap-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "Europe/Berlin")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_on_the_example_with_strings_and_inferred_timestamps(spark: Any, example: Any) -> None:
    want = expected(example)
    # Text columns, timestamps as ISO 8601 strings.
    text = spark.read.csv(str(LOG), header=True)
    assert journeymap.spark.analyze(coffee(), text, **OPTIONS).to_json() == want
    # Spark's own timestamp type, in a session time zone that is not UTC.
    typed = spark.read.csv(str(LOG), header=True, inferSchema=True)
    assert dict(typed.dtypes)["timestamp"] == "timestamp"
    assert journeymap.spark.analyze(coffee(), typed, **OPTIONS).to_json() == want


def test_spark_on_a_scrambled_log_and_integer_epochs(spark: Any, example: Any, scrambled: Any) -> None:
    frame = scrambled.copy()
    frame["timestamp"] = (frame["timestamp"] - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1)
    # Round-robin partitions: every customer's events on every partition.
    df = spark.createDataFrame(frame).repartition(3)
    got = journeymap.spark.analyze(coffee(), df, timestamp_unit="s", **OPTIONS).to_json()
    seconds = example.copy()
    seconds["timestamp"] = seconds["timestamp"].dt.floor("s")
    assert got == expected(seconds)


def test_spark_keeps_the_input_order_of_events_at_the_same_time(spark: Any, tied: Any) -> None:
    # Spark's local shuffle reads map outputs in order, so here the order
    # column is not what keeps the order; on a cluster, fetches arrive in any
    # order (Dask's shuffle reorders even locally: see the Dask test).
    df = spark.createDataFrame(tied)
    assert df.rdd.getNumPartitions() > 1
    assert journeymap.spark.analyze(coffee(), df, **OPTIONS).to_json() == expected(tied)


def test_spark_on_a_million_events(spark: Any, million: tuple[Any, Path]) -> None:
    table, path = million
    df = spark.read.parquet(str(path))
    assert journeymap.spark.analyze(coffee(), df, **OPTIONS).to_json() == expected(table)


def test_spark_examples_run(spark: Any) -> None:
    import doctest

    out: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder().find(journeymap.spark):
        runner.run(test, out=out.append)
    assert runner.tries > 0 and runner.failures == 0, "".join(out)


def test_spark_refuses_what_analyze_refuses(spark: Any) -> None:
    df = spark.read.csv(str(LOG), header=True).drop("customer_id")
    with pytest.raises(journeymap.EventLogError) as info:
        journeymap.spark.analyze(coffee(), df)
    assert info.value.code == "MISSING_COLUMN"
    with pytest.raises(TypeError, match="PySpark DataFrame"):
        journeymap.spark.analyze(coffee(), [])



def test_dask_refuses_a_missing_segment_column_as_analyze_does(example: Any) -> None:
    ddf = dd.from_pandas(example.drop(columns=["segment"]), npartitions=2)
    with pytest.raises(journeymap.EventLogError) as info:
        journeymap.dask.analyze(coffee(), ddf, segment_by="segment")
    assert info.value.code == "MISSING_COLUMN"
    # A partial is a part of a log: it may have no segments.
    assert journeymap.dask.partial(coffee(), ddf, segment_by="segment").customers > 0


def test_spark_refuses_a_missing_segment_column_as_analyze_does(spark: Any) -> None:
    df = spark.read.csv(str(LOG), header=True).drop("segment")
    with pytest.raises(journeymap.EventLogError) as info:
        journeymap.spark.analyze(coffee(), df, segment_by="segment")
    assert info.value.code == "MISSING_COLUMN"

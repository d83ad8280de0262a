"""Event-log analytics: the shared vectors of tests/expected/analytics read
from files and from tables (pandas, polars, pyarrow Table and
RecordBatchReader; timestamps as text and as parsed columns), bad rows,
bad input, the keyword options and the Report object."""

from __future__ import annotations

import datetime
import json
import math
import pickle
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable

import pytest

import journeymap
from journeymap import EventLogError, InvalidMapError, JourneyMap, JourneyMapError

# 2026-03-01T09:00:00Z in epoch milliseconds: integer timestamps without a
# stated unit are read as milliseconds only between 1980 and 2099.
T0 = 1_772_355_600_000

REPO = Path(__file__).resolve().parents[2]
SPECS = sorted((REPO / "tests" / "expected" / "analytics").glob("*.json"))
SHOP_MAP = REPO / "tests/fixtures/events/shop.json"
SHOP_CSV = REPO / "tests/fixtures/events/shop.csv"
BAD_CSV = REPO / "tests/fixtures/events/bad.csv"


def check(path: str, expected: object, actual: object) -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        for k, v in expected.items():
            assert k in actual, f"{path}/{k} missing"
            check(f"{path}/{k}", v, actual[k])
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), path
        for i, (e, a) in enumerate(zip(expected, actual)):
            check(f"{path}/{i}", e, a)
    elif isinstance(expected, float) or isinstance(actual, float):
        assert actual == pytest.approx(expected, abs=1e-9), path
    else:
        assert actual == expected, path


def kwargs(options: dict[str, Any]) -> dict[str, Any]:
    """The vector's options (core names) as analyze's keywords."""
    out: dict[str, Any] = {}
    for k, v in options.items():
        if k == "half_life_ms":
            out["half_life"] = datetime.timedelta(milliseconds=v)
        elif k in ("conversion_window_ms", "lookback_window_ms"):
            out[k[: -len("_ms")]] = datetime.timedelta(milliseconds=v)
        else:
            out[k] = v
    return out


def shop_map() -> JourneyMap:
    return JourneyMap.from_path(str(SHOP_MAP))


def spec(name: str) -> dict[str, Any]:
    return json.loads((REPO / "tests/expected/analytics" / name).read_text(encoding="utf-8"))


REPORT_CASES = [
    (s, log) for s in SPECS for log in json.loads(s.read_text(encoding="utf-8")).get("logs", [])
]
CSV_SPECS = sorted({s.name for s, log in REPORT_CASES if log.endswith(".csv")})


@pytest.mark.parametrize("spec_path,log", REPORT_CASES, ids=lambda x: getattr(x, "name", str(x)))
def test_report_vectors_through_a_path(spec_path: Path, log: str) -> None:
    s = json.loads(spec_path.read_text(encoding="utf-8"))
    m = JourneyMap.from_path(str(REPO / s["map"]))
    report = journeymap.analyze(m, REPO / log, **kwargs(s["options"]))
    check("", s["report"], report.to_dict())
    # A str path too.
    assert journeymap.analyze(m, str(REPO / log), **kwargs(s["options"])) == report


def test_there_are_report_vectors() -> None:
    assert len(REPORT_CASES) >= 4 and len(CSV_SPECS) >= 3


# ---------------------------------------------------------------------------
# Tables built from shop.csv
# ---------------------------------------------------------------------------


def epoch_ms(text: str) -> int:
    """The instant of a shop.csv timestamp (RFC 3339 or epoch ms)."""
    if text.isdigit():
        return int(text)
    return int(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def pyarrow_text() -> Any:
    pa_csv = pytest.importorskip("pyarrow.csv")
    table = pa_csv.read_csv(SHOP_CSV)
    # Inferred types: mixed timestamps stay text; value and score numbers.
    assert str(table.schema.field("timestamp").type) == "string"
    assert str(table.schema.field("value").type) in ("int64", "double")
    return table


def with_parsed_timestamps(table: Any, unit: str = "ms", tz: str | None = "UTC") -> Any:
    pa = pytest.importorskip("pyarrow")
    ms = [epoch_ms(t) for t in table.column("timestamp").to_pylist()]
    per_ms = {"s": None, "ms": 1, "us": 1000, "ns": 1_000_000}[unit]
    assert per_ms is not None
    column = pa.array([v * per_ms for v in ms], pa.timestamp(unit, tz=tz))
    i = table.schema.get_field_index("timestamp")
    return table.set_column(i, "timestamp", column)


def pandas_text() -> Any:
    pd = pytest.importorskip("pandas")
    return pd.read_csv(SHOP_CSV, dtype=str, keep_default_na=False)


def pandas_parsed() -> Any:
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(SHOP_CSV)  # value and score as floats with NaN
    df["timestamp"] = pd.to_datetime([epoch_ms(t) for t in df["timestamp"]], unit="ms", utc=True)
    return df


def polars_text() -> Any:
    pl = pytest.importorskip("polars")
    return pl.read_csv(SHOP_CSV, infer_schema_length=0)  # every column a string


def polars_parsed() -> Any:
    pl = pytest.importorskip("polars")
    df = pl.read_csv(SHOP_CSV, infer_schema_length=0)
    ms = pl.Series("timestamp", [epoch_ms(t) for t in df["timestamp"]])
    return df.with_columns(
        pl.from_epoch(ms, time_unit="ms").dt.replace_time_zone("UTC").alias("timestamp"),
        pl.col("customer_id").cast(pl.Categorical),
        pl.col("value").cast(pl.Float64),
        pl.col("score").cast(pl.Int32),
    )


def record_batch_reader() -> Any:
    pa = pytest.importorskip("pyarrow")
    table = pyarrow_text()
    # Several batches: the columns are read across them.
    return pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=4))


def int_epoch_ms() -> Any:
    pa = pytest.importorskip("pyarrow")
    table = pyarrow_text()
    ms = pa.array([epoch_ms(t) for t in table.column("timestamp").to_pylist()], pa.int64())
    return table.set_column(table.schema.get_field_index("timestamp"), "timestamp", ms)


def dictionary_columns() -> Any:
    table = pyarrow_text()
    for name in ("customer_id", "event", "segment", "path"):
        i = table.schema.get_field_index(name)
        table = table.set_column(i, name, table.column(name).dictionary_encode())
    return table


def string_views() -> Any:
    pa = pytest.importorskip("pyarrow")
    table = with_parsed_timestamps(pyarrow_text(), "ns", None)  # naive: taken as UTC
    for name in ("customer_id", "touchpoint", "event", "channel", "path", "segment"):
        i = table.schema.get_field_index(name)
        table = table.set_column(i, name, table.column(name).cast(pa.string_view()))
    return table


def large_strings_seconds() -> Any:
    pa = pytest.importorskip("pyarrow")
    table = with_parsed_timestamps(pyarrow_text(), "us", "Europe/Paris")
    for name in ("customer_id", "touchpoint", "event"):
        i = table.schema.get_field_index(name)
        table = table.set_column(i, name, table.column(name).cast(pa.large_string()))
    return table


TABLES: dict[str, Callable[[], Any]] = {
    "pandas-text": pandas_text,
    "pandas-parsed": pandas_parsed,
    "polars-text": polars_text,
    "polars-parsed": polars_parsed,
    "pyarrow-text": pyarrow_text,
    "pyarrow-parsed": lambda: with_parsed_timestamps(pyarrow_text()),
    "record-batch-reader": record_batch_reader,
    "int-epoch-ms": int_epoch_ms,
    "dictionary": dictionary_columns,
    "string-view-naive-ns": string_views,
    "large-string-tz-us": large_strings_seconds,
}


@pytest.mark.parametrize("table", list(TABLES))
@pytest.mark.parametrize("spec_name", CSV_SPECS)
def test_report_vectors_through_tables(table: str, spec_name: str) -> None:
    s = spec(spec_name)
    m = JourneyMap.from_path(str(REPO / s["map"]))
    events = TABLES[table]()
    report = journeymap.analyze(m, events, **kwargs(s["options"]))
    check("", s["report"], report.to_dict())
    assert report == journeymap.analyze(m, SHOP_CSV, **kwargs(s["options"]))


def test_pandas_without_its_own_arrow_export_goes_through_pyarrow() -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")

    class OldFrame(pd.DataFrame):  # type: ignore[misc]
        """A DataFrame as pandas < 2.2 has it: no __arrow_c_stream__."""

        __arrow_c_stream__ = None

    df = OldFrame(pandas_text())
    df.__class__.__module__ = "pandas.core.frame"
    df.__class__.__name__ = "DataFrame"
    s = spec("shop_default.json")
    report = journeymap.analyze(shop_map(), df, **kwargs(s["options"]))
    check("", s["report"], report.to_dict())


def test_duckdb_relations() -> None:
    duckdb = pytest.importorskip("duckdb")
    s = spec("shop_window.json")
    for sql in (
        f"select * from read_csv('{SHOP_CSV}', all_varchar=true)",
        f"select * from read_csv('{SHOP_CSV}')",  # typed: BIGINT value and score
    ):
        report = journeymap.analyze(shop_map(), duckdb.sql(sql), **kwargs(s["options"]))
        check("", s["report"], report.to_dict())


def test_old_pandas_without_pyarrow_is_a_clear_type_error(monkeypatch: pytest.MonkeyPatch) -> None:
    pd = pytest.importorskip("pandas")
    import sys

    class OldFrame(pd.DataFrame):  # type: ignore[misc]
        __arrow_c_stream__ = None

    df = OldFrame(pandas_text())
    df.__class__.__module__ = "pandas.core.frame"
    df.__class__.__name__ = "DataFrame"
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(TypeError, match="pandas >= 2.2 or pyarrow"):
        journeymap.analyze(shop_map(), df)


def test_integer_customer_ids_are_decimal_text() -> None:
    pa = pytest.importorskip("pyarrow")
    table = pyarrow_text()
    ids = [int(c[1:]) * 1000 for c in table.column("customer_id").to_pylist()]
    for ty in (pa.int64(), pa.uint32(), pa.int16()):
        t = table.set_column(0, "customer_id", pa.array(ids, ty))
        report = journeymap.analyze(shop_map(), t, include_customers=True)
        assert report.totals["customers"] == 6
        assert report.customers is not None
        assert [r["customer"] for r in report.customers] == [
            "1000", "2000", "3000", "4000", "5000", "6000",
        ]


def test_epoch_seconds_integers_and_text() -> None:
    pa = pytest.importorskip("pyarrow")
    table = pyarrow_text()
    seconds = [epoch_ms(t) // 1000 for t in table.column("timestamp").to_pylist()]
    ints = table.set_column(1, "timestamp", pa.array(seconds, pa.int64()))
    text = table.set_column(1, "timestamp", pa.array([str(s) for s in seconds]))
    expected = journeymap.analyze(shop_map(), SHOP_CSV)
    for t in (ints, text):
        assert journeymap.analyze(shop_map(), t, timestamp_format="epoch_seconds") == expected
    # rfc3339 reads date-times only: numbers and epoch text are bad rows.
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), ints, timestamp_format="rfc3339")
    assert (info.value.code, info.value.row, info.value.field) == ("BAD_TIMESTAMP", 1, "timestamp")
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), text, timestamp_format="rfc3339")
    assert (info.value.code, info.value.row) == ("BAD_TIMESTAMP", 1)


def test_dates_are_midnight_utc() -> None:
    pa = pytest.importorskip("pyarrow")
    table = pa.table(
        {
            "customer_id": ["a", "a"],
            "timestamp": pa.array([datetime.date(2026, 3, 2), datetime.date(2026, 3, 1)]),
            "touchpoint": ["checkout", "ad"],
        }
    )
    r = journeymap.analyze(shop_map(), table)
    assert r.funnel.time_to_conversion["median_ms"] == 86_400_000


def test_renamed_columns_and_segment_by() -> None:
    pa = pytest.importorskip("pyarrow")
    table = pyarrow_text().rename_columns(
        ["who", "when", "tp", "ev", "ch", "path", "amount", "stars", "cohort"]
    )
    report = journeymap.analyze(
        shop_map(),
        table,
        customer_column="who",
        timestamp_column="when",
        touchpoint_column="tp",
        event_column="ev",
        channel_column="ch",
        value_column="amount",
        score_column="stars",
        segment_by="cohort",
    )
    assert report == journeymap.analyze(shop_map(), SHOP_CSV)
    assert report.segments.names == ["new", "returning"]
    # Row errors name the columns as the table does.
    bad = table.set_column(1, "when", pa.array(["soon"] * table.num_rows))
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), bad, customer_column="who", timestamp_column="when",
                           touchpoint_column="tp", event_column="ev", channel_column="ch")
    assert (info.value.code, info.value.row, info.value.field) == ("BAD_TIMESTAMP", 1, "when")


@pytest.mark.parametrize("policy", ["fail", "skip"])
def test_segment_by_a_field_the_events_lack_raises(policy: str) -> None:
    pa = pytest.importorskip("pyarrow")
    table = pyarrow_text()
    for events in (table, SHOP_CSV, REPO / "tests/fixtures/events/shop.jsonl"):
        with pytest.raises(EventLogError) as info:
            journeymap.analyze(shop_map(), events, segment_by="cohort", on_bad_row=policy)
        assert (info.value.code, info.value.row, info.value.field) == ("MISSING_COLUMN", 0, "cohort")
    # A column without any value is no segmentation either.
    empty = table.append_column("cohort", pa.array([None] * table.num_rows, pa.string()))
    with pytest.raises(EventLogError, match="no event has a `cohort` value"):
        journeymap.analyze(shop_map(), empty, segment_by="cohort", on_bad_row=policy)
    # The default `segment` column stays optional.
    assert journeymap.analyze(shop_map(), table.drop_columns(["segment"])).segments.names == []


# ---------------------------------------------------------------------------
# Bad rows and bad input
# ---------------------------------------------------------------------------


def bad_frames() -> dict[str, Any]:
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(BAD_CSV, dtype=str, keep_default_na=False)
    frames: dict[str, Any] = {"pandas": df}
    try:
        import pyarrow as pa

        frames["pyarrow"] = pa.Table.from_pandas(df, preserve_index=False)
    except ImportError:
        pass
    try:
        import polars as pl

        frames["polars"] = pl.from_pandas(df)
    except ImportError:
        pass
    return frames


@pytest.mark.parametrize("kind", ["pandas", "pyarrow", "polars"])
def test_bad_rows_vector_from_tables(kind: str) -> None:
    """bad.csv as a table: the same codes, rows and columns as the file,
    without line numbers. The file's short row (FIELD_COUNT) cannot
    exist in a table: read into one, its missing cells are empty and the
    row is a good one."""
    frames = bad_frames()
    if kind not in frames:
        pytest.skip(f"{kind} is not installed")
    events = frames[kind]
    s = spec("bad_rows_csv.json")
    m = shop_map()
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(m, events)
    e = info.value
    want = s["fail"]["row"]
    assert (e.code, e.row, e.field, e.line) == (want["code"], want["row"], want["column"], None)
    assert isinstance(e, JourneyMapError)
    assert e.errors == [
        {"code": want["code"], "message": e.message, "path": None, "id": None, "line": None,
         "column": None, "row": want["row"], "field": want["column"]}
    ]

    report = journeymap.analyze(m, events, on_bad_row="skip")
    ingest = s["skip"]["ingest"]
    skipped = {k: v for k, v in ingest["skipped"].items() if k != "FIELD_COUNT"}
    assert report.ingest.rows == ingest["rows"]
    assert report.ingest.skipped == skipped
    examples = [
        {k: v for k, v in x.items() if k != "line"}
        for x in ingest["examples"]
        if x["code"] != "FIELD_COUNT"
    ]
    got = [{k: r[k] for k in ("code", "row", "column") if r[k] is not None} for r in report.ingest]
    assert got == examples
    assert all(r["line"] is None for r in report.ingest)
    assert report.totals["events"] == s["skip"]["totals"]["events"] + 1  # the short row


def test_bad_rows_vector_from_the_file() -> None:
    s = spec("bad_rows_csv.json")
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), BAD_CSV)
    want = s["fail"]["row"]
    assert (info.value.code, info.value.row, info.value.line, info.value.field) == (
        want["code"], want["row"], want["line"], want["column"],
    )
    report = journeymap.analyze(shop_map(), BAD_CSV, on_bad_row="skip")
    check("", s["skip"], report.to_dict())
    assert report.ingest.rows_skipped == 7


@pytest.mark.parametrize("on_bad_row", ["fail", "skip"])
def test_missing_column_vector(on_bad_row: str) -> None:
    pd = pytest.importorskip("pandas")
    s = spec("missing_column.json")
    path = REPO / s["bad_rows_log"]
    for events in (path, pd.read_csv(path, dtype=str, keep_default_na=False)):
        with pytest.raises(EventLogError) as info:
            journeymap.analyze(shop_map(), events, on_bad_row=on_bad_row)
        assert (info.value.code, info.value.row, info.value.field) == ("MISSING_COLUMN", 0, "timestamp")


def test_null_cells_are_missing_values() -> None:
    pa = pytest.importorskip("pyarrow")
    table = pa.table(
        {
            "customer_id": ["a", None, "b", "c"],
            "timestamp": pa.array([0, 1, None, 3], pa.timestamp("ms")),
            "touchpoint": ["ad", "ad", "ad", None],
            "value": [None, 1.0, 2.0, None],
        }
    )
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), table)
    assert (info.value.code, info.value.row, info.value.field) == ("EMPTY_CUSTOMER", 2, "customer_id")
    r = journeymap.analyze(shop_map(), table, on_bad_row="skip")
    assert r.ingest.skipped == {"EMPTY_CUSTOMER": 1, "BAD_TIMESTAMP": 1, "MISSING_EVENT": 1}
    assert r.totals["events"] == 1


def test_nan_value_is_a_bad_number() -> None:
    pa = pytest.importorskip("pyarrow")
    table = pa.table({"customer_id": ["a", "a"], "timestamp": [T0 + 0, T0 + 1], "touchpoint": ["ad", "cart"],
                      "value": pa.array([1.0, math.nan])})
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), table)
    assert (info.value.code, info.value.row, info.value.field) == ("BAD_NUMBER", 2, "value")


def test_numbers_written_as_text_are_parsed_and_unreadable_ones_quoted(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    table = pa.table({"customer_id": ["a", "a", "b"], "timestamp": [T0 + 0, T0 + 1, T0 + 2],
                      "touchpoint": ["ad", "checkout", "checkout"],
                      "value": [None, " 12.5 ", "12x"], "score": ["1", "", None]})
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), table)
    assert (info.value.code, info.value.row, info.value.field) == ("BAD_NUMBER", 3, "value")
    assert '"12x" is not a number' in str(info.value)
    r = journeymap.analyze(shop_map(), table, on_bad_row="skip")
    assert r.ingest.skipped == {"BAD_NUMBER": 1}
    assert r.totals["conversion_value"] == 12.5
    # As the CSV reader says it.
    path = tmp_path / "events.csv"
    path.write_text(f"customer_id,timestamp,touchpoint,value\na,{T0},ad,\na,{T0 + 1},checkout, 12.5 \nb,{T0 + 2},checkout,12x\n")
    with pytest.raises(EventLogError) as from_csv:
        journeymap.analyze(shop_map(), path)
    assert (from_csv.value.code, from_csv.value.row, from_csv.value.field) == ("BAD_NUMBER", 3, "value")
    assert '"12x" is not a number' in str(from_csv.value)


def test_all_empty_columns_of_any_type_are_missing_cells() -> None:
    """pandas reads a column with no value at all as float64: the bundled
    log's `touchpoint` column (every event is raw) must still be read."""
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    m = journeymap.JourneyMap.from_path(REPO / "schema" / "examples" / "coffee-maker.json")
    log = REPO / "schema" / "examples" / "coffee-maker-events.csv"
    frame = pd.read_csv(log)
    assert str(frame["touchpoint"].dtype) == "float64" and frame["touchpoint"].isna().all()
    from_path = journeymap.analyze(m, log, score_scale="one_to_five")
    assert journeymap.analyze(m, frame, score_scale="one_to_five") == from_path
    # A float column with a value in it is still refused by name.
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(m, pa.table({"customer_id": ["a", "b"], "timestamp": [T0 + 0, T0 + 1],
                                        "touchpoint": pa.array([None, 1.0])}))
    assert (info.value.code, info.value.field) == ("BAD_TYPE", "touchpoint")


def test_integer_ids_that_pandas_made_floats_are_read_as_integers() -> None:
    """An integer id column with a missing value is float64 in pandas: its
    whole numbers are the ids, the missing one an empty customer."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"customer_id": [7, 7, 8, None], "timestamp": [T0 + 0, T0 + 60_000, T0 + 0, T0 + 0],
                          "touchpoint": ["ad", "cart", "ad", "ad"]})
    assert str(frame["customer_id"].dtype) == "float64"
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), frame)
    assert (info.value.code, info.value.row, info.value.field) == ("EMPTY_CUSTOMER", 4, "customer_id")
    report = journeymap.analyze(shop_map(), frame, on_bad_row="skip", include_customers=True)
    assert [c["customer"] for c in report["customers"]] == ["7", "8"]
    assert report["ingest"]["skipped"] == {"EMPTY_CUSTOMER": 1}
    as_text = frame.dropna().astype({"customer_id": "int64"}).astype({"customer_id": "str"})
    text_report = journeymap.analyze(shop_map(), as_text, include_customers=True)
    assert report["funnel"] == text_report["funnel"]
    # Polars keeps NaN in a float column: missing as well.
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame({"customer_id": [7.0, float("nan")], "timestamp": [T0 + 0, T0 + 0],
                          "touchpoint": ["ad", "ad"]})
    assert journeymap.analyze(shop_map(), frame, on_bad_row="skip")["totals"]["customers"] == 1


@pytest.mark.parametrize(
    "column,values",
    [
        ("customer_id", [1.5, 2.5]),
        ("timestamp", [1.5, 2.5]),
        ("touchpoint", [1, 2]),
        ("value", [[1], [2]]),
        ("segment", [True, False]),
        ("event", [{"a": 1}, {"a": 2}]),
    ],
)
def test_columns_of_unsupported_types_are_named(column: str, values: list[Any]) -> None:
    pa = pytest.importorskip("pyarrow")
    data: dict[str, Any] = {"customer_id": ["a", "b"], "timestamp": [T0 + 0, T0 + 1], "touchpoint": ["ad", "ad"]}
    data[column] = values
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), pa.table(data), on_bad_row="skip")
    assert (info.value.code, info.value.row, info.value.field) == ("BAD_TYPE", 0, column)
    assert column in str(info.value)


def test_duplicate_and_missing_columns() -> None:
    pa = pytest.importorskip("pyarrow")
    dup = pa.Table.from_arrays(
        [pa.array(["a"]), pa.array([0]), pa.array(["ad"]), pa.array(["ad"])],
        names=["customer_id", "timestamp", "touchpoint", "touchpoint"],
    )
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), dup)
    assert (info.value.code, info.value.field) == ("DUPLICATE_COLUMN", "touchpoint")
    nothing = pa.table({"customer_id": ["a"], "timestamp": [T0 + 0], "page": ["/"]})
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), nothing)
    assert (info.value.code, info.value.field) == ("MISSING_COLUMN", "touchpoint")
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), pa.table({"timestamp": [T0 + 0], "touchpoint": ["ad"]}))
    assert (info.value.code, info.value.field) == ("MISSING_COLUMN", "customer_id")


def test_empty_tables_give_an_empty_report() -> None:
    pa = pytest.importorskip("pyarrow")
    empty = pa.table({"customer_id": pa.array([], pa.string()), "timestamp": pa.array([], pa.int64()),
                      "touchpoint": pa.array([], pa.string())})
    r = journeymap.analyze(shop_map(), empty)
    assert r.totals["customers"] == 0 and len(r.variants) == 0
    assert list(r.variants.to_pandas().columns) == r.variants.columns


class _Stream:
    def __init__(self, result: Any) -> None:
        self.result = result

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        if isinstance(self.result, BaseException):
            raise self.result
        return self.result


@pytest.mark.parametrize(
    "events,error",
    [
        (3, TypeError),
        (None, TypeError),
        (b"x.csv", TypeError),
        ({"customer_id": ["a"]}, TypeError),
        ({frozenset({"customer_id"})}, TypeError),
        (_Stream(42), TypeError),
        (_Stream(RuntimeError("boom")), RuntimeError),
    ],
)
def test_events_that_are_not_tables(events: object, error: type[BaseException]) -> None:
    with pytest.raises(error):
        journeymap.analyze(shop_map(), events)


def test_a_capsule_of_another_kind_is_refused() -> None:
    pa = pytest.importorskip("pyarrow")
    capsule = pa.array([1]).__arrow_c_array__()[0]  # an arrow_schema capsule
    with pytest.raises((ValueError, TypeError)):
        journeymap.analyze(shop_map(), _Stream(capsule))


def test_polars_lazy_frame_asks_for_collect() -> None:
    pl = pytest.importorskip("polars")
    with pytest.raises(TypeError, match="collect"):
        journeymap.analyze(shop_map(), polars_text().lazy())


def test_files() -> None:
    m = shop_map()
    with pytest.raises(journeymap.JourneyMapIOError):
        journeymap.analyze(m, REPO / "no-such-file.csv")
    with pytest.raises(InvalidMapError) as info:
        journeymap.analyze(m, REPO / "README.md")
    assert info.value.path == "/input_format"
    # A name without a known extension, with input_format; TSV by extension.
    tsv = SHOP_CSV.read_text().replace(",", "\t")
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "events.txt").write_text(SHOP_CSV.read_text())
        (Path(d) / "events.tsv").write_text(tsv)
        (Path(d) / "events.TAB").write_text(tsv)
        expected = journeymap.analyze(m, SHOP_CSV)
        assert journeymap.analyze(m, Path(d) / "events.txt", input_format="csv") == expected
        assert journeymap.analyze(m, Path(d) / "events.tsv") == expected
        # The core's table of extensions, as the CLI reads them.
        assert journeymap.analyze(m, Path(d) / "events.TAB") == expected
        with pytest.raises(InvalidMapError) as info:
            journeymap.analyze(m, Path(d) / "events.txt")
        assert info.value.path == "/input_format"
        assert ".csv, .tsv, .tab, .jsonl or .ndjson" in str(info.value)
    with pytest.raises(InvalidMapError):
        journeymap.analyze(m, pyarrow_text(), input_format="csv")


# ---------------------------------------------------------------------------
# Options
# ---------------------------------------------------------------------------


def test_durations_as_strings_or_timedeltas() -> None:
    m = shop_map()
    a = journeymap.analyze(m, SHOP_CSV, conversion_window="60m", lookback_window="10m", half_life="5m")
    b = journeymap.analyze(
        m,
        SHOP_CSV,
        conversion_window=datetime.timedelta(hours=1),
        lookback_window=datetime.timedelta(minutes=10),
        half_life=datetime.timedelta(seconds=300),
    )
    assert a == b
    assert a.options["conversion_window_ms"] == 3_600_000
    assert a.options["lookback_window_ms"] == 600_000
    assert a.options["half_life_ms"] == 300_000
    check("", spec("shop_window.json")["report"], a.to_dict())
    for text, ms in [("1h", 3_600_000), ("2w", 14 * 86_400_000), ("500ms", 500), (" 30d ", 30 * 86_400_000),
                     ("90min", 5_400_000), ("45s", 45_000)]:
        assert journeymap.analyze(m, SHOP_CSV, conversion_window=text).options["conversion_window_ms"] == ms


def test_report_options_by_name() -> None:
    m = shop_map()
    r = journeymap.analyze(
        m,
        SHOP_CSV,
        conversions=["cart"],
        top_k=2,
        position_weights=(0.5, 0.3),
        score_scale=(1, 5),
        collapse_repeats=False,
        include_customers=True,
    )
    assert r.conversion_touchpoints == ["cart"]
    assert len(r.variants) == 2 and r["variants"]["distinct"] > 2
    assert r.options["position_weights"] == {"first": 0.5, "last": 0.3}
    assert r.options["score_scale"] == {"range": {"min": 1.0, "max": 5.0}}
    assert r.options["collapse_repeats"] is False and r.options["include_customers"] is True
    assert r.customers is not None and len(r.customers) == 6
    assert journeymap.analyze(m, SHOP_CSV, score_scale="zero_to_ten").options["score_scale"] == "zero_to_ten"


OPTION_CASES = json.loads((REPO / "tests/fixtures/options/cases.json").read_text())


def _option_kwargs(options: dict[str, Any]) -> dict[str, Any]:
    # Pairs are tuples in Python.
    pairs = ("score_scale", "position_weights")
    return {k: tuple(v) if k in pairs and isinstance(v, list) else v for k, v in options.items()}


@pytest.mark.parametrize("case", OPTION_CASES["cases"], ids=lambda c: c["name"])
def test_shared_option_cases(case: dict[str, Any]) -> None:
    m = JourneyMap.from_json((REPO / OPTION_CASES["map"]).read_text())
    events = REPO / OPTION_CASES["events"]
    kwargs = _option_kwargs(case["options"])
    if "error" in case:
        with pytest.raises(JourneyMapError) as info:
            journeymap.analyze(m, events, **kwargs)
        assert (info.value.code, info.value.path) == (case["error"]["code"], case["error"]["path"])
        if info.value.path is not None:
            # A bad value is a ValueError; the core's own checks name the option.
            assert isinstance(info.value, ValueError)
            if info.value.code == "INVALID_VALUE":
                assert info.value.path.rsplit("/", 1)[-1] in str(info.value)
    else:
        report = journeymap.analyze(m, events, **kwargs)
        for key, value in case["report_options"].items():
            assert report.options[key] == value, key


@pytest.mark.parametrize(
    "options,path",
    [
        ({"conversion_window": datetime.timedelta(days=-1)}, "/conversion_window"),
        ({"score_scale": "1..1"}, "/score_scale"),
    ],
)
def test_bad_option_values(options: dict[str, Any], path: str) -> None:
    with pytest.raises(InvalidMapError) as info:
        journeymap.analyze(shop_map(), SHOP_CSV, **options)
    assert isinstance(info.value, ValueError)
    assert info.value.code == "INVALID_VALUE"
    assert info.value.path == path
    assert path.rsplit("/", 1)[-1] in str(info.value)


def test_a_number_json_cannot_hold_is_refused_by_the_core() -> None:
    # NaN and infinity travel by name; the core refuses them where a number belongs.
    for options, path in (
        ({"position_weights": (math.nan, 0.1)}, "/position_weights/first"),
        ({"score_scale": (0, math.inf)}, "/score_scale/range/max"),
    ):
        with pytest.raises(journeymap.ParseError) as info:
            journeymap.analyze(shop_map(), SHOP_CSV, **options)
        assert (info.value.code, info.value.path) == ("JSON_TYPE", path)
        assert "nan" in str(info.value) or "inf" in str(info.value)


def test_an_empty_column_name_is_a_column_the_log_lacks() -> None:
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), SHOP_CSV, customer_column="")
    assert info.value.code == "MISSING_COLUMN"


def test_a_negative_count_is_refused_by_the_core() -> None:
    # top_k is a count: the core reads it as one and refuses -1 at its name.
    with pytest.raises(journeymap.ParseError) as info:
        journeymap.analyze(shop_map(), SHOP_CSV, top_k=-1)
    assert (info.value.code, info.value.path) == ("JSON_TYPE", "/top_k")


def test_unknown_conversion_touchpoint() -> None:
    with pytest.raises(journeymap.NotFoundError):
        journeymap.analyze(shop_map(), SHOP_CSV, conversions=["nowhere"])


@pytest.mark.parametrize(
    "options",
    [
        {"conversion_window": 30},
        {"lookback_window": 1.5},
        {"half_life": None, "top_k": "3"},
        {"top_k": True},
        {"conversions": "checkout"},
        {"conversions": [1]},
        {"position_weights": 0.4},
        {"position_weights": ("a", "b")},
        {"score_scale": 5},
        {"collapse_repeats": 1},
        {"include_customers": "yes"},
        {"on_bad_row": None},
        {"segment_by": 3},
        {"timestamp_format": 1},
        {"half_life_ms": 300000},
        {"no_such_option": 1},
    ],
)
def test_bad_option_types(options: dict[str, Any]) -> None:
    with pytest.raises(TypeError):
        journeymap.analyze(shop_map(), SHOP_CSV, **options)


def test_map_and_options_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        journeymap.analyze({"name": "x"}, SHOP_CSV)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        journeymap.analyze(shop_map(), SHOP_CSV, "skip")  # type: ignore[misc]


# ---------------------------------------------------------------------------
# The Report
# ---------------------------------------------------------------------------


def flat(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A report row as a table's row: nested objects joined with ``_``,
    milliseconds as ``timedelta`` under the name without ``_ms``."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        if isinstance(v, dict):
            out.update(flat(v, f"{prefix}{k}_"))
        elif k.endswith("_ms"):
            out[f"{prefix}{k[:-3]}"] = None if v is None else datetime.timedelta(milliseconds=v)
        else:
            out[f"{prefix}{k}"] = v
    return out


def same(expected: Any, actual: Any) -> bool:
    if expected is None:
        return actual is None or (isinstance(actual, float) and math.isnan(actual)) or str(actual) in ("<NA>", "NaT")
    if isinstance(expected, float) or isinstance(actual, float):
        return bool(actual == pytest.approx(expected, abs=1e-9))
    if isinstance(expected, list):
        return list(actual) == expected
    return bool(actual == expected)


def frame_matches(df: Any, expected_rows: list[dict[str, Any]], where: str) -> None:
    records = df.to_dicts() if hasattr(df, "to_dicts") else df.to_dict("records")
    assert len(records) == len(expected_rows), where
    for i, (want, got) in enumerate(zip(expected_rows, records)):
        for k, v in flat(want).items():
            assert k in got, f"{where}/{i}/{k} missing"
            assert same(v, got[k]), f"{where}/{i}/{k}: {got[k]!r} != {v!r}"


SECTIONS: list[tuple[str, Callable[[journeymap.Report], journeymap.Table], Callable[[dict[str, Any]], list[dict[str, Any]]]]] = [
    ("funnel", lambda r: r.funnel, lambda e: e["funnel"]["stages"]),
    ("touchpoints", lambda r: r.touchpoints, lambda e: e["touchpoints"]),
    ("transitions", lambda r: r.transitions, lambda e: e["transitions"]),
    ("variants", lambda r: r.variants, lambda e: e["variants"]["top"]),
    ("attribution.touchpoints", lambda r: r.attribution.touchpoints, lambda e: e["attribution"]["touchpoints"]),
    ("attribution.channels", lambda r: r.attribution.channels, lambda e: e["attribution"]["channels"]),
    ("unknown_events", lambda r: r.unknown_events, lambda e: e["unknown_events"]["top"]),
]


@pytest.mark.parametrize("section", [s[0] for s in SECTIONS])
@pytest.mark.parametrize("spec_name", CSV_SPECS)
def test_sections_to_pandas_and_polars(section: str, spec_name: str) -> None:
    s = spec(spec_name)
    report = journeymap.analyze(shop_map(), SHOP_CSV, **kwargs(s["options"]))
    full = report.to_dict()
    _, table_of, rows_of = next(x for x in SECTIONS if x[0] == section)
    table = table_of(report)
    actual_rows = rows_of(full)
    assert len(table) == len(actual_rows)
    assert table.to_dicts() == [flat(r) for r in actual_rows] or section == "variants"
    assert list(table) == table.to_dicts()
    try:
        expected_rows = rows_of(s["report"])
    except KeyError:
        expected_rows = actual_rows
    pd = pytest.importorskip("pandas")
    df = table.to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert df.shape == (len(actual_rows), len(table.columns))
    assert list(df.columns) == table.columns
    frame_matches(df, expected_rows, f"{spec_name}:{section}:pandas")
    frame_matches(df, actual_rows, f"{spec_name}:{section}:pandas-all")
    pl = pytest.importorskip("polars")
    pf = table.to_polars()
    assert isinstance(pf, pl.DataFrame) and pf.shape == df.shape
    frame_matches(pf, actual_rows, f"{spec_name}:{section}:polars")


def test_pandas_dtypes() -> None:
    pytest.importorskip("pandas")
    r = journeymap.analyze(shop_map(), SHOP_CSV, half_life="5m")
    funnel = r.funnel.to_pandas()
    assert str(funnel["customers"].dtype) == "int64"
    assert str(funnel["time_in_stage_median"].dtype) == "timedelta64[ns]"
    assert funnel["time_in_stage_median"].isna().tolist() == [False, False, False, True]
    assert funnel["time_in_stage_median"].iloc[0] == datetime.timedelta(
        milliseconds=r.funnel.to_dict()["stages"][0]["time_in_stage"]["median_ms"]
    )
    assert str(funnel["conversion_to_next"].dtype) == "float64"
    assert math.isnan(funnel["conversion_to_next"].iloc[3])
    tp = r.touchpoints.to_pandas().set_index("touchpoint")
    assert tp.loc["ad", "reach"] == 3 and tp.loc["checkout", "score_difference"] == 1.0
    assert str(r.transitions.to_pandas()["planned"].dtype) == "bool"
    assert r.variants.to_pandas()["path"].iloc[0] == ["ad", "product"]
    att = r.attribution.touchpoints.to_pandas().set_index("id")
    assert att.loc["product", "linear_conversions"] == pytest.approx(1.583333333, abs=1e-9)
    assert att.loc["cart", "markov_conversions"] == pytest.approx(0.917091726, abs=1e-9)


def test_segments_and_conformance() -> None:
    s = spec("shop_default.json")
    r = journeymap.analyze(shop_map(), SHOP_CSV, include_customers=True, half_life="5m")
    segs = r.segments
    assert segs.names == [x["segment"] for x in r["segments"]]
    assert len(segs) == sum(len(x["funnel"]["stages"]) for x in r["segments"])
    new = segs.funnel("new")
    assert new.customers == 3 and new.to_dict() == r["segments"][0]["funnel"]
    assert segs.summary.to_dicts()[0]["segment"] == "new"
    with pytest.raises(KeyError):
        segs.funnel("nobody")
    pytest.importorskip("pandas")
    df = segs.to_pandas()
    assert list(df.columns[:2]) == ["segment", "stage"] and len(df) == len(segs)
    c = r.conformance
    want = s["report"]["conformance"]
    assert c.fitness == pytest.approx(want["fitness"]) and c.transitions == want["transitions"]
    assert c.fitness_histogram == want["fitness_histogram"]
    assert c.to_dict() == r["conformance"]
    # As in the report's JSON: conformance.customers counts, report.customers lists.
    assert c.customers == want["customers"]
    assert r.customers is not None and len(r.customers) == 6
    assert r.customers.to_pandas().set_index("customer").loc["c5", "fitness"] == 0.0
    assert journeymap.analyze(shop_map(), SHOP_CSV).customers is None
    a = r.attribution
    assert a.conversions == 3 and a.unattributed_conversions == 0
    f = r.funnel
    assert (f.customers, f.converted, f.conversion_rate) == (6, 3, 0.6)
    assert f.to_dict() == r["funnel"]
    u = r.unknown_events
    assert (u.events, u.customers, u.distinct, u.customers_without_segment) == (2, 2, 1, 1)
    assert u.to_dicts() == [{"name": "chat_open", "events": 2}]


def test_report_is_a_read_only_mapping() -> None:
    r = journeymap.analyze(shop_map(), SHOP_CSV)
    d = r.to_dict()
    assert isinstance(r, Mapping)
    assert list(r) == list(d) and len(r) == len(d) and "funnel" in r
    assert r["funnel"] == d["funnel"] and dict(r.items()) == d
    assert r == d and r == journeymap.analyze(shop_map(), SHOP_CSV)
    r["funnel"]["customers"] = -1
    r.to_dict()["totals"]["customers"] = -1
    with pytest.raises(TypeError):
        r.totals["customers"] = -1  # type: ignore[index]
    with pytest.raises(AttributeError):
        r.totals.customers = -1  # type: ignore[misc]
    r.options.to_dict()["top_k"] = 0
    r.funnel.time_to_conversion.to_dict()["count"] = -1
    assert r["funnel"]["customers"] == 6 and r.totals["customers"] == 6 == r.totals.customers
    assert r.options.top_k == 10 and r.funnel.time_to_conversion.count >= 0
    with pytest.raises(AttributeError):
        r.totals = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        r["x"] = 1  # type: ignore[index]
    with pytest.raises(AttributeError):
        r.touchpoints._rows = []  # type: ignore[misc]
    with pytest.raises(TypeError):
        journeymap.Report()
    assert json.loads(r.to_json()) == d and json.loads(r.to_json(indent=2)) == d
    assert pickle.loads(pickle.dumps(r)) == r
    assert r.map_name == shop_map().name and r.report_version == 1
    assert repr(r).startswith(f"<Report {shop_map().name!r}: 6 customers, 21 events, 3 converted")
    text = repr(r.touchpoints)
    assert text.startswith("<Table 'touchpoints': 7 rows x 16 columns>") and "checkout" in text
    assert r.touchpoints[0]["touchpoint"] == "ad" and r.touchpoints[-1]["touchpoint"] == "support"
    with pytest.raises(KeyError):
        r.touchpoints["ad"]  # a column name, and there is no column "ad"
    with pytest.raises(TypeError):
        r.touchpoints[1.5]  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        hash(r)


def test_event_log_error_pickles_with_its_row() -> None:
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), BAD_CSV)
    e = pickle.loads(pickle.dumps(info.value))
    assert type(e) is EventLogError
    assert (e.code, e.row, e.line, e.field) == ("BAD_TIMESTAMP", 2, 3, "timestamp")
    assert (e.errors[0]["row"], e.errors[0]["line"], e.errors[0]["field"]) == (2, 3, "timestamp")


def test_table_to_pandas_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    r = journeymap.analyze(shop_map(), SHOP_CSV)
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        r.funnel.to_pandas()
    with pytest.raises(ImportError, match="pip install polars"):
        r.funnel.to_polars()
    assert r.funnel.to_dicts()[0]["stage"] == "discover"


def arrow_types() -> list[Any]:
    pa = pytest.importorskip("pyarrow")
    return [
        pa.binary(), pa.bool_(), pa.float16(), pa.decimal128(10, 2), pa.time32("s"),
        pa.duration("ms"), pa.list_(pa.string()), pa.struct([("a", pa.int64())]),
        pa.dictionary(pa.int8(), pa.int64()), pa.dictionary(pa.int32(), pa.string()), pa.null(),
        pa.uint64(), pa.date64(),
        pa.timestamp("s", tz="America/New_York"), pa.large_binary(), pa.month_day_nano_interval(),
    ]


@pytest.mark.parametrize("column", ["customer_id", "timestamp", "touchpoint", "event", "value", "segment", "path"])
def test_every_arrow_type_in_every_column_is_read_or_refused(column: str) -> None:
    """Each column of every type: a report or an EventLogError, never a
    panic; refusals name the column."""
    pa = pytest.importorskip("pyarrow")
    base = {"customer_id": ["a", "b"], "timestamp": [T0 + 0, T0 + 60_000], "touchpoint": ["ad", "cart"],
            "event": ["page_view", "purchase"], "value": [1.0, 2.0], "segment": ["x", "y"],
            "path": ["/product/1", "/"]}
    for ty in arrow_types():
        data = dict(base)
        try:
            data[column] = pa.array([None, None], pa.null()).cast(ty)
        except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
            continue
        table = pa.table(data)
        for policy in ("fail", "skip"):
            try:
                r = journeymap.analyze(shop_map(), table, on_bad_row=policy)
            except EventLogError as e:
                assert e.field == column or e.row != 0, (ty, e)
            else:
                assert isinstance(r, journeymap.Report)


def test_empty_batches_and_all_null_dictionaries_are_read() -> None:
    pa = pytest.importorskip("pyarrow")
    table = pyarrow_text()
    whole = journeymap.analyze(shop_map(), table)
    empty = table.slice(0, 0)
    reader = pa.RecordBatchReader.from_batches(
        table.schema, [*empty.to_batches(max_chunksize=1), *table.to_batches(), *empty.to_batches()]
    )
    assert journeymap.analyze(shop_map(), reader) == whole
    # A categorical column with no category at all (every cell missing).
    nothing = pa.array([None] * table.num_rows, pa.dictionary(pa.int32(), pa.string()))
    segmentless = table.set_column(table.schema.get_field_index("segment"), "segment", nothing)
    r = journeymap.analyze(shop_map(), segmentless)
    assert r.totals == whole.totals and len(r.segments) == 0


def test_a_stream_failing_midway_raises_a_library_error() -> None:
    pa = pytest.importorskip("pyarrow")
    table = pyarrow_text()

    def batches() -> Any:
        yield table.to_batches()[0]
        raise RuntimeError("the source went away")

    reader = pa.RecordBatchReader.from_batches(table.schema, batches())
    with pytest.raises((JourneyMapError, RuntimeError)) as info:
        journeymap.analyze(shop_map(), reader)
    assert "went away" in str(info.value)


# ---------------------------------------------------------------------------
# Lists of event dicts
# ---------------------------------------------------------------------------

EVENTS_DIR = REPO / "tests/fixtures/events"
_OK = {"customer_id": "ok", "timestamp": T0 + 0, "touchpoint": "ad"}

DICT_CASES: dict[str, list[Any]] = {
    "integers and floats as json.dumps writes them": [
        _OK,
        {"customer_id": 5, "timestamp": 1772355600000, "touchpoint": "ad", "value": 5},
        {"customer_id": -3, "timestamp": 9 * 10**15, "touchpoint": "ad", "value": -0.0},
        {"customer_id": 2**63, "timestamp": T0 + 1, "touchpoint": "ad", "score": 1e-7},
        {"customer_id": -(2**63), "timestamp": T0 + 2, "touchpoint": "ad", "path": 1e21},
        {"customer_id": 2**64 - 1, "timestamp": T0 + 3, "touchpoint": "ad"},
        {"customer_id": 5.0, "timestamp": T0 + 4, "touchpoint": "ad"},
        {"customer_id": "c", "timestamp": T0 + 5.0, "touchpoint": "ad"},
        {"customer_id": "c", "timestamp": 1772355600000.5, "touchpoint": "ad"},
    ],
    "text beyond ASCII, in keys and values": [
        _OK,
        {"customer_id": "café ☕", "timestamp": "2026-03-01T09:00:00Z", "event": "page_view", "path": "/"},
        {"customer_id": "😀", "timestamp": T0 + 5, "event": "page_view", "pâge": "/ü", "path": "/product/😀"},
        {"customer_id": "日本", "timestamp": T0 + 6, "touchpoint": "ad", "segment": "ß", "value": "12.5"},
        {"customer_id": "", "timestamp": T0 + 7, "touchpoint": "ad"},
    ],
    "None, booleans, dicts and lists": [
        _OK,
        {"customer_id": "c", "timestamp": T0 + 1, "event": "page_view", "attributes": {"path": "/", "n": 2, "f": True, "x": None}},
        {"customer_id": "c", "timestamp": T0 + 2, "event": "page_view", "attributes": {"path": "/"}, "path": "/cart"},
        {"customer_id": "c", "timestamp": T0 + 3, "event": "page_view", "path": "/cart", "attributes": {"path": "/"}},
        {"customer_id": "c", "timestamp": T0 + 4, "event": "page_view", "path": True, "tags": ["a", 1, None]},
        {"customer_id": "c", "timestamp": T0 + 5, "event": False, "attributes": None},
        {"customer_id": None, "timestamp": T0 + 6, "touchpoint": "ad"},
        {"customer_id": "c", "timestamp": T0 + 7, "touchpoint": ["ad"]},
        {},
    ],
    "items that are not dicts, and the first bad field in key order": [
        _OK,
        5,
        "c,0,ad",
        [1, 2],
        None,
        {"customer_id": "c", "timestamp": T0 + 0, "value": "12x", "touchpoint": "nowhere"},
        {"touchpoint": "nowhere", "customer_id": "c", "timestamp": T0 + 0, "value": "12x"},
        {"customer_id": "c", "timestamp": T0 + 0, "event": "x", "attributes": "page"},
    ],
}


def _as_jsonl_file(events: list[Any], tmp_path: Path) -> Path:
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8")
    return path


def _outcome(run: Callable[[], Any]) -> Any:
    try:
        report = run().to_dict()
    except EventLogError as e:
        return ("error", e.code, e.row, e.field, str(e).split(": ", 1)[-1])
    for example in report["ingest"]["examples"]:
        example["line"] = None
    return report


@pytest.mark.parametrize("name", list(DICT_CASES))
@pytest.mark.parametrize(
    "options",
    [{}, {"on_bad_row": "skip"}, {"on_bad_row": "skip", "include_customers": True}],
    ids=["fail", "skip", "customers"],
)
def test_event_dicts_read_as_their_json_lines(name: str, options: dict[str, Any], tmp_path: Path) -> None:
    events = DICT_CASES[name]
    m = shop_map()
    path = _as_jsonl_file(events, tmp_path)
    got = _outcome(lambda: journeymap.analyze(m, events, **options))
    want = _outcome(lambda: journeymap.analyze(m, path, **options))
    assert got == want
    # A tuple reads as the list.
    assert _outcome(lambda: journeymap.analyze(m, tuple(events), **options)) == got


@pytest.mark.parametrize("name", ["shop.jsonl", "bad.jsonl"])
def test_fixture_lines_as_dicts(name: str, tmp_path: Path) -> None:
    events: list[Any] = []
    for line in (EVENTS_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                events.append(json.loads(line))
            except json.JSONDecodeError:
                events.append(line)  # the line as the string it is
    m = shop_map()
    path = _as_jsonl_file(events, tmp_path)
    for options in ({"on_bad_row": "skip"}, {"on_bad_row": "skip", "include_customers": True}):
        got = journeymap.analyze(m, events, **options)
        assert _outcome(lambda: got) == _outcome(lambda: journeymap.analyze(m, path, **options))
        assert got.totals["events"] > 0
        assert all(example["line"] is None for example in got.ingest)


def test_event_dict_errors_name_row_and_field() -> None:
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), [_OK, {"customer_id": "c", "timestamp": "noon", "touchpoint": "ad"}])
    assert (info.value.code, info.value.row, info.value.field, info.value.line) == (
        "BAD_TIMESTAMP", 2, "timestamp", None,
    )


def test_datetimes_and_dates_are_their_iso_text() -> None:
    m = shop_map()
    aware = datetime.datetime(2026, 3, 1, 10, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    naive = datetime.datetime(2026, 3, 1, 9, 30, 0, 250000)
    day = datetime.date(2026, 3, 2)
    given = [
        {"customer_id": "a", "timestamp": aware, "touchpoint": "ad"},
        {"customer_id": "a", "timestamp": naive, "touchpoint": "ad", "when": day},
        {"customer_id": "b", "timestamp": day, "touchpoint": "ad"},
    ]
    written = [
        {"customer_id": "a", "timestamp": "2026-03-01T09:30:00Z", "touchpoint": "ad"},
        {"customer_id": "a", "timestamp": "2026-03-01T09:30:00.250Z", "touchpoint": "ad", "when": "2026-03-02T00:00:00Z"},
        {"customer_id": "b", "timestamp": "2026-03-02T00:00:00Z", "touchpoint": "ad"},
    ]
    got = journeymap.analyze(m, given, include_customers=True)
    assert got == journeymap.analyze(m, written, include_customers=True)
    assert got.totals["events"] == 3


def test_nan_in_an_event_dict_is_a_bad_number() -> None:
    events = [_OK, {"customer_id": "c", "timestamp": T0 + 0, "touchpoint": "ad", "value": math.nan}]
    with pytest.raises(EventLogError) as info:
        journeymap.analyze(shop_map(), events)
    assert (info.value.code, info.value.row, info.value.field) == ("BAD_NUMBER", 2, "value")
    report = journeymap.analyze(shop_map(), events, on_bad_row="skip")
    assert report.ingest.skipped == {"BAD_NUMBER": 1}


@pytest.mark.parametrize(
    "bad,error,where",
    [
        ({"customer_id": "c", "timestamp": T0 + 0, "touchpoint": "ad", "x": {1, 2}}, TypeError, "events[1]['x']"),
        ({"customer_id": "c", "timestamp": T0 + 0, "attributes": {"a": {"b": 1}}}, TypeError, "events[1]['attributes']['a']"),
        ({"customer_id": "c", "timestamp": T0 + 0, "tags": [[1]]}, TypeError, "events[1]['tags'][0]"),
        ({"customer_id": "c", "timestamp": T0 + 0, 3: "x"}, TypeError, "events[1]"),
        ({"customer_id": 2**64, "timestamp": T0 + 0}, ValueError, "events[1]['customer_id']"),
        ({"customer_id": "c", "timestamp": datetime.timedelta(1)}, TypeError, "events[1]['timestamp']"),
        (object(), TypeError, "events[1]"),
    ],
    ids=["set", "deep dict", "deep list", "int key", "huge int", "timedelta", "object"],
)
def test_values_that_are_not_event_values_raise_located(bad: Any, error: type, where: str) -> None:
    for policy in ("fail", "skip"):
        with pytest.raises(error) as info:
            journeymap.analyze(shop_map(), [_OK, bad], on_bad_row=policy)
        assert str(info.value).startswith(where + ":"), str(info.value)


def test_the_text_report_is_the_shared_expected_text() -> None:
    """tests/expected/analytics/shop_default.txt: the CLI's text, and JS
    report.toText(), from core's Report::to_text."""
    events = REPO / "tests" / "fixtures" / "events"
    want = (REPO / "tests" / "expected" / "analytics" / "shop_default.txt").read_text()
    shop = JourneyMap.from_path(events / "shop.json")
    report = journeymap.analyze(shop, events / "shop.csv")
    assert str(report) == want
    assert report.to_text() == want
    assert pickle.loads(pickle.dumps(report)).to_text(top=1) == report.to_text(top=1) != want
    with pytest.raises(TypeError):
        report.to_text(top="3")  # type: ignore[arg-type]


def test_things_that_are_not_tables_are_type_errors_saying_what_is_accepted() -> None:
    pd = pytest.importorskip("pandas")
    shop = shop_map()
    series = pd.Series([1, 2], name="timestamp")
    with pytest.raises(TypeError, match="events must be a table") as info:
        journeymap.analyze(shop, series)
    assert "C Data" not in str(info.value)
    for thing in (5, object(), {"customer_id": ["c1"]}):
        with pytest.raises(TypeError, match="events must be a path"):
            journeymap.analyze(shop, thing)  # type: ignore[arg-type]
    Fake = type("DataFrame", (), {"__module__": "dask.dataframe.core"})
    with pytest.raises(TypeError, match=r"events.compute\(\)"):
        journeymap.analyze(shop, Fake())  # type: ignore[arg-type]
    Spark = type("DataFrame", (), {"__module__": "pyspark.sql.dataframe"})
    with pytest.raises(TypeError, match=r"events.toArrow\(\)"):
        journeymap.analyze(shop, Spark())  # type: ignore[arg-type]


def test_tables_look_like_data_in_a_notebook() -> None:
    pa = pytest.importorskip("pyarrow")
    doc = json.loads((REPO / "tests" / "fixtures" / "events" / "shop.json").read_text())
    doc["stages"][0]["name"] = "<b>Discover & learn</b>"
    shop = JourneyMap.from_dict(doc)
    report = journeymap.analyze(shop, REPO / "tests" / "fixtures" / "events" / "shop.csv")
    funnel = report.funnel
    assert funnel.shape == (len(funnel), len(funnel.columns))
    assert funnel["stage"] == [row["stage"] for row in funnel] == funnel.column("stage")
    with pytest.raises(KeyError, match="columns:"):
        funnel["nope"]
    table = funnel.to_arrow()
    assert table.column_names == funnel.columns
    assert table.to_pylist() == funnel.to_dicts()
    assert pa.types.is_list(report.variants.to_arrow().schema.field("path").type)
    assert funnel["name"][0] == "<b>Discover & learn</b>"
    page = funnel._repr_html_()
    assert page.count("<tr>") == len(funnel) + 1
    assert "&lt;b&gt;Discover &amp; learn&lt;/b&gt;" in page and "<b>Discover" not in page
    whole = report._repr_html_()
    assert whole.startswith("<div><pre>") and "<svg" in whole
    assert "&lt;b&gt;Discover &amp; learn&lt;/b&gt;" in whole
    assert "<b>Discover" not in whole and "&amp;amp;" not in whole


FORMAT_CASES = json.loads((REPO / "tests/fixtures/formats/cases.json").read_text())["cases"]


@pytest.mark.parametrize("case", FORMAT_CASES, ids=lambda c: c["name"])
def test_shared_file_name_cases(case: dict[str, Any], tmp_path: Path) -> None:
    events = REPO / "tests/fixtures/events"
    m = JourneyMap.from_path(events / "shop.json")
    csv = (events / "shop.csv").read_text()
    text = {"tsv": csv.replace(",", "\t"), "jsonl": (events / "shop.jsonl").read_text()}.get(
        case.get("format", "csv"), csv
    )
    path = tmp_path / case["name"]
    path.write_text(text)
    if "error" in case:
        with pytest.raises(InvalidMapError) as info:
            journeymap.analyze(m, path)
        assert (info.value.code, info.value.path) == (case["error"]["code"], case["error"]["path"])
    else:
        assert journeymap.analyze(m, path).totals == journeymap.analyze(m, events / "shop.csv").totals


LINE_CASES = json.loads((REPO / "tests/fixtures/csv-lines/cases.json").read_text())


@pytest.mark.parametrize("case", LINE_CASES["cases"], ids=lambda c: c["name"])
def test_shared_csv_line_cases(case: dict[str, Any], tmp_path: Path) -> None:
    """LF, CRLF and lone-CR line breaks, blank lines, quoted line breaks and
    a byte order mark: the bad row is refused at its row and line, or
    skipped and counted (tests/fixtures/csv-lines/cases.json)."""
    m = JourneyMap.from_dict(LINE_CASES["map"])
    path = tmp_path / "events.csv"
    path.write_bytes(case["csv"].encode())
    with pytest.raises(journeymap.EventLogError) as info:
        journeymap.analyze(m, path)
    e = info.value
    assert (e.code, e.row, e.line) == ("UNKNOWN_TOUCHPOINT", case["row"], case["line"])
    report = journeymap.analyze(m, path, on_bad_row="skip")
    assert report.totals.events == 1
    assert report.ingest.skipped == {"UNKNOWN_TOUCHPOINT": 1}

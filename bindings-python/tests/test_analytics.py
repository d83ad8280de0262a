"""Event-log analytics through a file path: the shared vectors of
tests/expected/analytics and the bad-row policies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import journeymap
from journeymap import JourneyMap, JourneyMapError

REPO = Path(__file__).resolve().parents[2]
SPECS = sorted((REPO / "tests" / "expected" / "analytics").glob("*.json"))


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


REPORT_CASES = [
    (spec, log)
    for spec in SPECS
    for log in json.loads(spec.read_text(encoding="utf-8")).get("logs", [])
]


@pytest.mark.parametrize("spec,log", REPORT_CASES, ids=lambda x: getattr(x, "name", str(x)))
def test_report_vectors_through_a_path(spec: Path, log: str) -> None:
    s = json.loads(spec.read_text(encoding="utf-8"))
    m = JourneyMap.from_path(str(REPO / s["map"]))
    report = journeymap.analyze(m, REPO / log, **s["options"])
    check("", s["report"], report)


def test_there_are_report_vectors() -> None:
    assert len(REPORT_CASES) >= 4


def test_bad_rows_fail_by_default_and_can_be_skipped() -> None:
    m = JourneyMap.from_path(str(REPO / "tests/fixtures/events/shop.json"))
    bad = REPO / "tests/fixtures/events/bad.csv"
    with pytest.raises(JourneyMapError):
        journeymap.analyze(m, bad)
    report = journeymap.analyze(m, bad, on_bad_row="skip")
    assert isinstance(report, dict)


@pytest.mark.parametrize("events", [3, None, b"x.csv"])
def test_events_of_the_wrong_type(events: object) -> None:
    m = JourneyMap.from_path(str(REPO / "tests/fixtures/events/shop.json"))
    with pytest.raises(TypeError):
        journeymap.analyze(m, events)  # type: ignore[arg-type]


def test_unknown_report_option_is_a_journeymap_error() -> None:
    m = JourneyMap.from_path(str(REPO / "tests/fixtures/events/shop.json"))
    with pytest.raises(JourneyMapError):
        journeymap.analyze(m, REPO / "tests/fixtures/events/shop.csv", no_such_option=1)


@pytest.mark.parametrize("kind", ["pandas", "pyarrow"])
@pytest.mark.parametrize("spec,log", [c for c in REPORT_CASES if c[1].endswith(".csv")], ids=str)
def test_report_vectors_through_dataframes(kind: str, spec: Path, log: str) -> None:
    pd = pytest.importorskip("pandas")
    s = json.loads(spec.read_text(encoding="utf-8"))
    m = JourneyMap.from_path(str(REPO / s["map"]))
    df = pd.read_csv(REPO / log, dtype=str, keep_default_na=False)
    if kind == "pyarrow":
        pa = pytest.importorskip("pyarrow")
        events = pa.Table.from_pandas(df, preserve_index=False)
    else:
        events = df
    report = journeymap.analyze(m, events, **s["options"])
    check("", s["report"], report)
    assert report == journeymap.analyze(m, REPO / log, **s["options"])


def test_dataframe_with_a_bad_timestamp_fails_or_is_skipped() -> None:
    pd = pytest.importorskip("pandas")
    m = JourneyMap.from_path(str(REPO / "tests/fixtures/events/shop.json"))
    df = pd.read_csv(REPO / "tests/fixtures/events/shop.csv", dtype=str, keep_default_na=False)
    df.loc[0, "timestamp"] = "yesterday"
    with pytest.raises(JourneyMapError) as info:
        journeymap.analyze(m, df)
    assert info.value.code == "BAD_TIMESTAMP"
    assert isinstance(journeymap.analyze(m, df, on_bad_row="skip"), dict)

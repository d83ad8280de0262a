"""The shared timestamp fixture (tests/fixtures/timestamps/cases.json), as
the Rust and JavaScript suites assert it: every form and option read
exactly (seen through the report's time to conversion), or refused with
its code, path and the likely unit named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import journeymap
from journeymap import JourneyMapError

FIXTURE = json.loads(
    (Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "timestamps" / "cases.json").read_text()
)
MAP = journeymap.JourneyMap.from_dict(FIXTURE["map"])
# 2026-03-01T10:30:00Z, where every case's conversion event is.
CONVERSION_MS = 1_772_361_000_000


def _events(case: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"customer_id": "c1", "timestamp": case["timestamp"], "touchpoint": "home"},
        {"customer_id": "c1", "timestamp": case.get("conversion_at", FIXTURE["conversion_at"]), "touchpoint": "pay"},
    ]


@pytest.mark.parametrize("case", FIXTURE["cases"], ids=lambda c: c["name"])
def test_shared_timestamp_case(case: dict[str, Any]) -> None:
    if "expect_ms" in case:
        report = journeymap.analyze(MAP, _events(case), **case["options"])
        conversion = case.get("conversion_ms", CONVERSION_MS)
        assert report.funnel.time_to_conversion.median_ms == conversion - case["expect_ms"]
        return
    want = case["expect_error"]
    with pytest.raises(JourneyMapError) as info:
        journeymap.analyze(MAP, _events(case), **case["options"])
    assert info.value.code == want["code"], str(info.value)
    if "path" in want:
        assert info.value.path == want["path"]
    if "message_contains" in want:
        assert want["message_contains"] in str(info.value)


def test_epoch_seconds_in_a_dataframe_are_never_read_as_milliseconds() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "customer_id": ["c1", "c1"],
            "timestamp": [1_772_357_400, 1_772_361_000],
            "touchpoint": ["home", "pay"],
        }
    )
    with pytest.raises(JourneyMapError) as info:
        journeymap.analyze(MAP, frame)
    assert info.value.code == "BAD_TIMESTAMP"
    assert 'set timestamp_unit to "s"' in str(info.value)
    report = journeymap.analyze(MAP, frame, timestamp_unit="s")
    assert report.funnel.time_to_conversion["median_ms"] == 3_600_000

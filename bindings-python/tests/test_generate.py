"""journeymap.generate: the CLI's synthetic log, as a pyarrow Table."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import journeymap
from journeymap import InvalidMapError, JourneyMap

pa = pytest.importorskip("pyarrow")

REPO = Path(__file__).resolve().parents[2]
COFFEE = REPO / "schema" / "examples" / "coffee-maker.json"


def test_a_generated_log_is_a_typed_table_read_back_whole() -> None:
    shop = JourneyMap.from_path(COFFEE)
    log = journeymap.generate(shop, events=3000, seed=3)
    assert log.num_rows == 3000
    assert log.column_names[:8] == [
        "customer_id", "timestamp", "touchpoint", "event", "channel", "value", "score", "segment",
    ]
    assert log.schema.field("timestamp").type == pa.timestamp("ms", tz="UTC")
    assert log.schema.field("value").type == pa.float64()
    report = journeymap.analyze(shop, log)
    assert report.totals["events"] == 3000
    assert report.totals["converted_customers"] > 0


def test_the_same_seed_gives_the_same_log_and_another_seed_another() -> None:
    shop = JourneyMap.from_path(COFFEE)
    one = journeymap.generate(shop, events=500, seed=9)
    assert one.equals(journeymap.generate(shop, events=500, seed=9))
    assert not one.equals(journeymap.generate(shop, events=500, seed=10))
    few = journeymap.generate(shop, customers=5)
    assert len(set(few.column("customer_id").to_pylist())) == 5


def test_the_log_is_the_command_line_one(tmp_path: Path) -> None:
    binary = next((p for p in (REPO / "target" / d / "journeymap" for d in ("release", "debug")) if p.exists()), None)
    if binary is None:
        pytest.skip("the journeymap command-line tool is not built")
    out = tmp_path / "log.csv"
    subprocess.run([str(binary), "generate", str(COFFEE), "--events", "800", "--seed", "5", "-o", str(out)], check=True)
    shop = JourneyMap.from_path(COFFEE)
    assert journeymap.analyze(shop, journeymap.generate(shop, events=800, seed=5)) == journeymap.analyze(shop, out)


def test_bad_options_are_refused_by_the_core() -> None:
    shop = JourneyMap.from_path(COFFEE)
    with pytest.raises(InvalidMapError) as info:
        journeymap.generate(shop, events=10, repeat_rate=1.5)
    assert (info.value.code, info.value.path) == ("INVALID_VALUE", "/repeat_rate")
    empty = JourneyMap.from_dict({"name": "Empty", "stages": [{"id": "s", "name": "S"}]})
    with pytest.raises(InvalidMapError) as info:
        journeymap.generate(empty, events=10)
    assert info.value.path == "/touchpoints"
    for bad in ({"events": "10"}, {"events": 1.5}, {"seed": None}, {"repeat_rate": "0.1"}):
        with pytest.raises(TypeError):
            journeymap.generate(shop, **bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        journeymap.generate("map.json", events=10)  # type: ignore[arg-type]

"""Partial results: journeymap.partial, Partial (merge, +, sum, bytes,
pickle) and journeymap.finish give the report of the whole log, byte for
byte, from parts split by customer; mismatches and bad bytes are refused."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import journeymap
from journeymap import InvalidMapError, JourneyMap, ParseError, Partial

REPO = Path(__file__).resolve().parents[2]
EVENTS = REPO / "tests/fixtures/events"
OPTIONS = {"conversion_window": "30d", "lookback_window": "14d", "include_customers": True, "segment_by": "segment"}


def shop() -> JourneyMap:
    return JourneyMap.from_path(EVENTS / "shop.json")


def parts_of(rows: list[dict], n: int) -> list[list[dict]]:
    """Rows split into n parts by customer, each part keeping every event of its customers."""
    parts: list[list[dict]] = [[] for _ in range(n)]
    for row in rows:
        parts[sum(map(ord, row["customer_id"])) % n].append(row)
    return parts


def rows() -> list[dict]:
    return [json.loads(line) for line in (EVENTS / "shop.jsonl").read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_parts_finish_into_the_whole_logs_report(n: int) -> None:
    m = shop()
    whole = journeymap.analyze(m, rows(), **OPTIONS)
    partials = [journeymap.partial(m, part, **OPTIONS) for part in parts_of(rows(), n)]
    assert journeymap.finish(m, partials).to_json() == whole.to_json()
    assert journeymap.finish(m, reversed(partials)).to_json() == whole.to_json()
    assert sum(partials).customers == whole.totals.customers
    merged = partials[0]
    for p in partials[1:]:
        merged = merged.merge(p)
    assert journeymap.finish(m, [merged]).to_json() == whole.to_json()


def test_every_input_form_gives_a_partial() -> None:
    pa = pytest.importorskip("pyarrow")
    m = shop()
    expected = journeymap.analyze(m, EVENTS / "shop.csv")
    for events in (EVENTS / "shop.csv", EVENTS / "shop.jsonl", pa.csv.read_csv(EVENTS / "shop.csv") if hasattr(pa, "csv") else None):
        if events is None:
            continue
        p = journeymap.partial(m, events)
        assert isinstance(p, Partial)
        assert journeymap.finish(m, [p]).to_json() == expected.to_json()


def test_partials_travel_as_bytes_and_pickles() -> None:
    m = shop()
    p = journeymap.partial(m, EVENTS / "shop.csv", include_customers=True)
    data = bytes(p)
    assert data[:4] == b"JMP\x00"
    for back in (Partial.from_bytes(data), pickle.loads(pickle.dumps(p))):
        assert journeymap.finish(m, [back]).to_json() == journeymap.finish(m, [p]).to_json()
    assert repr(p) == f"<journeymap.Partial: {p.customers} customers>"


def test_mismatches_and_bad_bytes_are_refused() -> None:
    m = shop()
    plain = journeymap.partial(m, EVENTS / "shop.csv")
    with pytest.raises(InvalidMapError) as info:
        plain.merge(journeymap.partial(m, EVENTS / "shop.csv", conversion_window="1d"))
    assert info.value.code == "INVALID_VALUE"
    # Only top_k differs: merged, and finish may choose another.
    plain + journeymap.partial(m, EVENTS / "shop.csv", top_k=3)
    assert len(journeymap.finish(m, [plain], top_k=1).variants) == 1
    other = JourneyMap.from_dict({**m.to_dict(), "name": "Another shop"})
    with pytest.raises(InvalidMapError):
        journeymap.finish(other, [plain])
    with pytest.raises(InvalidMapError) as info:
        Partial.from_bytes(b"customer_id,timestamp\n")
    assert "not a journeymap partial" in str(info.value)
    newer = bytearray(bytes(plain))
    newer[4] = 9
    with pytest.raises(ParseError) as perr:
        Partial.from_bytes(bytes(newer))
    assert perr.value.code == "UNSUPPORTED_FORMAT_VERSION"
    with pytest.raises(InvalidMapError):
        Partial.from_bytes(bytes(plain)[:-3])
    with pytest.raises(InvalidMapError) as info:
        journeymap.finish(m, [])
    assert info.value.path == "/partials"
    with pytest.raises(TypeError, match="partials\\[1\\]"):
        journeymap.finish(m, [plain, "x"])
    with pytest.raises(TypeError, match="merge expects a journeymap.Partial"):
        plain.merge(3)
    with pytest.raises(TypeError):
        plain + 3  # type: ignore[operator]
    with pytest.raises(TypeError, match="unexpected keyword"):
        journeymap.partial(m, EVENTS / "shop.csv", window="30d")

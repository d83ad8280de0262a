"""Queries on the bundled examples (schema/examples/*.json), checked against
an independent reading of the same document as plain dicts."""

from __future__ import annotations

import json

import pytest

import journeymap
from journeymap import JourneyMap
from conftest import EXAMPLES, ids

COFFEE = EXAMPLES / "coffee-maker.json"
VALID_EXAMPLES = sorted(EXAMPLES.glob("*.json")) if EXAMPLES.is_dir() else []


@pytest.fixture(scope="module")
def coffee_doc() -> dict:
    if not COFFEE.is_file():
        pytest.skip(f"{COFFEE} is not in this checkout")
    return json.loads(COFFEE.read_text(encoding="utf-8"))


@pytest.fixture
def coffee(coffee_doc) -> JourneyMap:
    return JourneyMap.from_path(COFFEE)


def applies(item: dict, persona: str) -> bool:
    return not item.get("personas") or persona in item["personas"]


@pytest.mark.parametrize("path", VALID_EXAMPLES, ids=[p.name for p in VALID_EXAMPLES])
def test_examples_load_and_round_trip(path):
    m = JourneyMap.from_path(path)
    assert journeymap.validate(path.read_text(encoding="utf-8")) == []
    assert m.validate() == []
    assert JourneyMap.from_dict(m.to_dict()) == m
    assert JourneyMap.from_json(m.to_json()) == m
    assert JourneyMap.from_dict(json.loads(path.read_text(encoding="utf-8"))) == m


def test_invalid_examples_are_refused():
    invalid = sorted((EXAMPLES / "invalid").glob("*.json")) if (EXAMPLES / "invalid").is_dir() else []
    if not invalid:
        pytest.skip("no invalid examples in this checkout")
    for path in invalid:
        found = journeymap.validate(path.read_text(encoding="utf-8"))
        assert found, path.name
        with pytest.raises(journeymap.JourneyMapError) as info:
            JourneyMap.from_path(path)
        assert [(e["code"], e["path"]) for e in info.value.errors] == [(e["code"], e["path"]) for e in found]


def test_sections_match_the_file(coffee, coffee_doc):
    assert coffee.name == coffee_doc["name"]
    canonical = coffee.to_dict()
    for section in ("stages", "personas", "channels", "teams", "touchpoints", "transitions", "objectives"):
        got = getattr(coffee, section)
        assert got, f"the example has {section}"
        assert got == canonical[section]
        assert len(got) == len(coffee_doc.get(section, []))
    assert ids(coffee.stages) == ids(coffee_doc["stages"])
    assert ids(coffee.touchpoints) == ids(coffee_doc["touchpoints"])


def test_lookups(coffee, coffee_doc):
    canonical = coffee.to_dict()
    for section, lookup in (("touchpoints", coffee.touchpoint), ("stages", coffee.stage),
                            ("personas", coffee.persona), ("channels", coffee.channel),
                            ("teams", coffee.team), ("objectives", coffee.objective)):
        for i, item in enumerate(coffee_doc.get(section, [])):
            assert lookup(item["id"]) == canonical[section][i]
    for t in coffee_doc["transitions"]:
        assert coffee.transition(t["from"], t["to"])["to"] == t["to"]
    for i, s in enumerate(coffee_doc["stages"]):
        assert coffee.stage_position(s["id"]) == i


def test_touchpoints_in_stage(coffee, coffee_doc):
    for s in coffee_doc["stages"]:
        want = [t["id"] for t in coffee_doc["touchpoints"] if t["stage"] == s["id"]]
        assert ids(coffee.touchpoints_in_stage(s["id"])) == want
    assert sum(len(coffee.touchpoints_in_stage(s["id"])) for s in coffee_doc["stages"]) == len(
        coffee_doc["touchpoints"]
    )


def test_touchpoints_for_persona(coffee, coffee_doc):
    assert len(coffee_doc["personas"]) >= 2
    for p in coffee_doc["personas"]:
        want = [t["id"] for t in coffee_doc["touchpoints"] if applies(t, p["id"])]
        assert ids(coffee.touchpoints_for_persona(p["id"])) == want


def test_successors_and_predecessors(coffee, coffee_doc):
    transitions = coffee_doc["transitions"]
    for t in coffee_doc["touchpoints"]:
        tid = t["id"]
        assert ids(coffee.successors(tid)) == [x["to"] for x in transitions if x["from"] == tid]
        assert ids(coffee.predecessors(tid)) == [x["from"] for x in transitions if x["to"] == tid]


def test_entries(coffee, coffee_doc):
    entered = {x["to"] for x in coffee_doc["transitions"] if not x.get("loop")}
    want = [t["id"] for t in coffee_doc["touchpoints"] if t["id"] not in entered]
    assert ids(coffee.entries()) == want
    assert want, "the example has entry touchpoints"


def test_conversions(coffee, coffee_doc):
    targets = [o.get("conversion", {}) for o in coffee_doc.get("objectives", [])]
    want = [
        t["id"]
        for t in coffee_doc["touchpoints"]
        if t.get("kind") == "conversion"
        or any(c.get("touchpoint") == t["id"] or c.get("stage") == t["stage"] for c in targets)
    ]
    assert ids(coffee.conversions()) == want
    assert want, "the example has conversions"


def test_persona_journeys(coffee, coffee_doc):
    for p in coffee_doc["personas"]:
        sub = coffee.persona_journey(p["id"])
        kept = [t["id"] for t in coffee_doc["touchpoints"] if applies(t, p["id"])]
        assert ids(sub.touchpoints) == kept
        want = [
            (x["from"], x["to"])
            for x in coffee_doc["transitions"]
            if applies(x, p["id"]) and x["from"] in kept and x["to"] in kept
        ]
        assert [(x["from"], x["to"]) for x in sub.transitions] == want
        assert sub.stages == coffee.stages
        assert sub.validate() == []
        assert JourneyMap.from_json(sub.to_json()) == sub
    journeys = [ids(coffee.persona_journey(p["id"]).touchpoints) for p in coffee_doc["personas"]]
    assert journeys[0] != journeys[1], "the example's personas take different routes"


def test_summary(coffee, coffee_doc):
    text = coffee.summary()
    assert text.splitlines()[0] == coffee_doc["name"]
    for s in coffee_doc["stages"]:
        assert s["name"] in text

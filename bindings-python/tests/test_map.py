"""Reading, writing and querying a map."""

from __future__ import annotations

import copy
import json
import pickle

import pytest

import journeymap
from journeymap import JourneyMap
from conftest import SMALL, ids


# Reading and writing ------------------------------------------------------


def test_to_dict_gives_the_document_back(small):
    assert small.to_dict() == SMALL


def test_round_trips(small):
    assert JourneyMap.from_dict(small.to_dict()) == small
    assert JourneyMap.from_json(small.to_json()) == small
    assert JourneyMap.from_json(small.to_json(indent=None)) == small
    assert JourneyMap.from_json(small.to_json(indent=0)) == small
    assert JourneyMap.from_json(small.to_json().encode("utf-8")) == small
    assert json.loads(small.to_json()) == SMALL


def test_to_dict_keeps_document_field_order(small):
    assert list(small.to_dict())[:4] == ["format_version", "name", "description", "personas"]
    assert list(small.touchpoints[0]) == ["id", "name", "stage", "channel", "owner", "emotion"]


def test_to_json_indentation(small):
    two = small.to_json()
    assert two.startswith('{\n  "format_version": 1,\n  "name": "Tiny shop"')
    assert small.to_json(2) == two
    four = small.to_json(indent=4)
    assert four.startswith('{\n    "format_version": 1,')
    compact = small.to_json(indent=None)
    assert "\n" not in compact
    # Same text, field order included, as the dict: to_dict() keeps the order.
    assert compact == json.dumps(small.to_dict(), separators=(",", ":"), ensure_ascii=False)
    for bad in (-1, 33, 10**6):
        with pytest.raises(ValueError):
            small.to_json(indent=bad)
    with pytest.raises(TypeError):
        small.to_json(indent="  ")


def test_unicode_survives(small_doc):
    small_doc["name"] = "Café — 顧客の旅 \U0001f600"
    small_doc["metadata"]["extra"]["note"] = 'quote " backslash \\ newline \n'
    m = JourneyMap.from_dict(small_doc)
    assert m.name == small_doc["name"]
    assert JourneyMap.from_json(m.to_json()).to_dict() == small_doc


def test_from_path_accepts_str_and_pathlike(small, tmp_path):
    f = tmp_path / "map.json"
    f.write_text(small.to_json(), encoding="utf-8")
    assert JourneyMap.from_path(f) == small
    assert JourneyMap.from_path(str(f)) == small


def test_format_version_defaults_to_1(small_doc):
    del small_doc["format_version"]
    m = JourneyMap.from_dict(small_doc)
    assert m.format_version == 1
    assert m.to_dict()["format_version"] == 1


def test_large_integers_and_floats_in_free_values(small_doc):
    extra = small_doc["metadata"]["extra"]
    extra.update({"big": 2**64 - 1, "small": -(2**63), "pi": 3.141592653589793, "tiny": 5e-324})
    m = JourneyMap.from_dict(small_doc)
    got = m.metadata["extra"]
    assert got["big"] == 2**64 - 1 and isinstance(got["big"], int)
    assert got["small"] == -(2**63)
    assert got["pi"] == 3.141592653589793
    assert got["tiny"] == 5e-324


def test_tuples_read_as_lists(small_doc):
    small_doc["metadata"]["tags"] = ("retail", "pilot")
    m = JourneyMap.from_dict(small_doc)
    assert m.metadata["tags"] == ["retail", "pilot"]


# Sections -----------------------------------------------------------------


def test_sections(small):
    assert small.name == "Tiny shop"
    assert small.description == SMALL["description"]
    assert small.stages == SMALL["stages"]
    assert small.touchpoints == SMALL["touchpoints"]
    assert small.personas == SMALL["personas"]
    assert small.channels == SMALL["channels"]
    assert small.teams == SMALL["teams"]
    assert small.transitions == SMALL["transitions"]
    assert small.objectives == SMALL["objectives"]
    assert small.metadata == SMALL["metadata"]


def test_sections_are_copies(small):
    stages = small.stages
    stages[0]["name"] = "changed"
    stages.append({"id": "x", "name": "X"})
    small.metadata["tags"].append("changed")
    assert small.stages == SMALL["stages"]
    assert small.metadata == SMALL["metadata"]


def test_empty_sections():
    m = JourneyMap.from_json('{"name": "x", "stages": [{"id": "s", "name": "S"}]}')
    assert m.personas == [] and m.touchpoints == [] and m.transitions == []
    assert m.metadata == {}
    assert m.description is None
    assert m.to_dict() == {"format_version": 1, "name": "x", "stages": [{"id": "s", "name": "S"}]}


# Queries ------------------------------------------------------------------


def test_lookup_by_id(small):
    assert small.touchpoint("cart") == SMALL["touchpoints"][2]
    assert small.stage("buy") == SMALL["stages"][1]
    assert small.persona("p-loyal") == SMALL["personas"][1]
    assert small.channel("shop") == SMALL["channels"][1]
    assert small.team("sales") == SMALL["teams"][1]
    assert small.objective("obj-cart") == SMALL["objectives"][0]
    assert small.transition("cart", "pay") == SMALL["transitions"][2]
    for lookup in (small.touchpoint, small.stage, small.persona, small.channel, small.team, small.objective):
        assert lookup("nope") is None
    assert small.transition("pay", "cart") is None
    assert small.stage_position("return") == 2
    assert small.stage_position("nope") is None


def test_touchpoints_in_stage(small):
    assert ids(small.touchpoints_in_stage("visit")) == ["home", "store"]
    assert ids(small.touchpoints_in_stage("buy")) == ["cart", "pay"]
    with pytest.raises(journeymap.NotFoundError) as info:
        small.touchpoints_in_stage("nope")
    assert info.value.code == "NOT_FOUND" and info.value.id == "nope"


def test_touchpoints_for_persona(small):
    # A touchpoint listing no persona applies to every persona.
    assert ids(small.touchpoints_for_persona("p-new")) == ["home", "cart", "pay"]
    assert ids(small.touchpoints_for_persona("p-loyal")) == ["home", "store", "cart", "pay", "again"]
    with pytest.raises(journeymap.NotFoundError):
        small.touchpoints_for_persona("nope")


def test_successors_and_predecessors(small):
    assert ids(small.successors("home")) == ["cart"]
    assert ids(small.successors("pay")) == ["again"]
    assert ids(small.successors("again")) == ["home"]
    assert ids(small.predecessors("pay")) == ["store", "cart"]
    assert ids(small.predecessors("store")) == []
    with pytest.raises(journeymap.NotFoundError):
        small.successors("nope")
    with pytest.raises(KeyError):
        small.predecessors("nope")


def test_entries_and_conversions(small):
    # again -> home is a loop, so home is still an entry.
    assert ids(small.entries()) == ["home", "store"]
    assert ids(small.conversions()) == ["pay"]


def test_persona_journey(small):
    sub = small.persona_journey("p-new")
    assert isinstance(sub, JourneyMap)
    assert ids(sub.touchpoints) == ["home", "cart", "pay"]
    assert [(t["from"], t["to"]) for t in sub.transitions] == [("home", "cart"), ("cart", "pay")]
    assert sub.stages == small.stages
    assert ids(sub.objectives) == ["obj-cart"]
    assert sub.validate() == []
    loyal = small.persona_journey("p-loyal")
    assert len(loyal.touchpoints) == 5 and len(loyal.transitions) == 5
    with pytest.raises(journeymap.NotFoundError):
        small.persona_journey("nope")


def test_summary(small):
    text = small.summary()
    assert text.splitlines()[0] == "Tiny shop"
    assert "Visit" in text and "Buy" in text and "Return" in text
    assert str(small) == text


def test_validate_on_a_map_is_empty(small):
    assert small.validate() == []


# Python protocols -----------------------------------------------------------


def test_equality(small, small_doc):
    other = JourneyMap.from_dict(small_doc)
    assert small == other and not (small != other)
    other.set_name("Another")
    assert small != other
    assert small != SMALL  # a dict is not a map
    assert (small == 1) is False


def test_not_hashable(small):
    with pytest.raises(TypeError):
        hash(small)


def test_repr(small):
    assert repr(small) == '<JourneyMap "Tiny shop": 3 stages, 5 touchpoints, 5 transitions>'
    one = JourneyMap.from_json('{"name": "x", "stages": [{"id": "s", "name": "S"}]}')
    assert repr(one) == '<JourneyMap "x": 1 stage, 0 touchpoints, 0 transitions>'


def test_copies_are_independent(small):
    for c in (small.copy(), copy.copy(small), copy.deepcopy(small)):
        assert c == small and c is not small
        c.remove_transition("again", "home")
        assert c != small
    assert len(small.transitions) == 5


def test_pickle(small):
    again = pickle.loads(pickle.dumps(small))
    assert type(again) is JourneyMap
    assert again == small


def test_no_plain_constructor():
    with pytest.raises(TypeError):
        JourneyMap()


def test_module_metadata():
    assert isinstance(journeymap.__version__, str) and journeymap.__version__.count(".") == 2
    assert JourneyMap.__module__ == "journeymap"
    assert journeymap.JourneyMapError.__module__ == "journeymap"
    assert set(journeymap.__all__) <= set(dir(journeymap))


def test_schema():
    s = journeymap.schema()
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert s["title"] == "Journey map"
    assert {"name", "stages"} <= set(s["required"])
    assert s is not journeymap.schema()


def test_schema_matches_the_checked_in_copy():
    from conftest import REPO

    checked_in = REPO / "schema" / "journey-map.schema.json"
    assert journeymap.schema() == json.loads(checked_in.read_text(encoding="utf-8"))

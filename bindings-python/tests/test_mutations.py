"""Mutations: accepted ones change the map and keep it valid; refused ones
raise a typed error and leave the map exactly as it was."""

from __future__ import annotations

import pytest

import journeymap
from journeymap import JourneyMap
from conftest import ids


def refused(m: JourneyMap, exc: type, code: str, call, *args, path=None, **kwargs):
    """Calls a mutation that must be refused; checks the error and that the map is unchanged."""
    before = m.to_dict()
    with pytest.raises(exc) as info:
        call(*args, **kwargs)
    assert info.value.code == code, info.value
    if path is not None:
        assert info.value.path == path
    assert m.to_dict() == before
    assert m.validate() == []
    return info.value


# Accepted -------------------------------------------------------------------


def test_add_update_remove_persona(small):
    small.add_persona({"id": "p-pro", "name": "Professional buyer", "goals": ["Restock fast"]})
    assert small.persona("p-pro")["goals"] == ["Restock fast"]
    assert ids(small.personas)[-1] == "p-pro"
    small.update_persona({"id": "p-pro", "name": "Pro buyer"})
    assert small.persona("p-pro") == {"id": "p-pro", "name": "Pro buyer"}
    assert small.remove_persona("p-pro") == {"id": "p-pro", "name": "Pro buyer"}
    assert small.persona("p-pro") is None


def test_add_update_remove_stage(small):
    small.add_stage({"id": "advocate", "name": "Advocate", "kind": "advocacy"})
    assert ids(small.stages) == ["visit", "buy", "return", "advocate"]
    small.update_stage({"id": "advocate", "name": "Recommend", "goal": "Tell a friend"})
    assert small.stage("advocate") == {"id": "advocate", "name": "Recommend", "goal": "Tell a friend"}
    assert small.remove_stage("advocate")["name"] == "Recommend"
    assert ids(small.stages) == ["visit", "buy", "return"]


def test_insert_stage_has_list_insert_semantics(small):
    small.insert_stage(0, {"id": "s0", "name": "First"})
    small.insert_stage(-1, {"id": "s-1", "name": "Before last"})
    small.insert_stage(100, {"id": "s100", "name": "Last"})
    small.insert_stage(-100, {"id": "s-100", "name": "Very first"})
    assert ids(small.stages) == ["s-100", "s0", "visit", "buy", "s-1", "return", "s100"]
    reference = ["s-100", "s0", "visit", "buy", "s-1", "return", "s100"]
    expected = ["visit", "buy", "return"]
    for position, sid in ((0, "s0"), (-1, "s-1"), (100, "s100"), (-100, "s-100")):
        expected.insert(position, sid)
    assert expected == reference


def test_reorder_stages(small):
    small.reorder_stages(["return", "visit", "buy"])
    assert ids(small.stages) == ["return", "visit", "buy"]
    small.reorder_stages(("visit", "buy", "return"))
    assert ids(small.stages) == ["visit", "buy", "return"]


def test_remove_stage_with_cascade(small):
    small.remove_objective("obj-cart")
    removed = small.remove_stage("buy", cascade=True)
    assert removed == {"id": "buy", "name": "Buy", "kind": "purchase"}
    assert ids(small.touchpoints) == ["home", "store", "again"]
    assert [(t["from"], t["to"]) for t in small.transitions] == [("again", "home")]


def test_add_update_remove_channel_and_team(small):
    small.add_channel({"id": "phone", "name": "Phone", "kind": "human"})
    small.update_channel({"id": "phone", "name": "Call centre", "kind": "human"})
    assert small.channel("phone")["name"] == "Call centre"
    assert small.remove_channel("phone")["id"] == "phone"
    small.add_team({"id": "support", "name": "Support"})
    small.update_team({"id": "support", "name": "Customer care", "description": "24/7"})
    assert small.team("support")["description"] == "24/7"
    assert small.remove_team("support")["name"] == "Customer care"
    assert small.channel("phone") is None and small.team("support") is None


def test_add_update_remove_touchpoint(small):
    small.add_touchpoint({"id": "review", "name": "Review", "stage": "return", "channel": "web"})
    small.add_transition({"from": "again", "to": "review", "label": "asks for a review"})
    assert ids(small.successors("again")) == ["home", "review"]
    small.update_touchpoint(
        {"id": "review", "name": "Review", "stage": "return", "channel": "web", "emotion": {"score": 2}}
    )
    assert small.touchpoint("review")["emotion"] == {"score": 2}
    removed = small.remove_touchpoint("review")
    assert removed["emotion"] == {"score": 2}
    # Its transitions went with it.
    assert small.transition("again", "review") is None


def test_add_update_remove_objective(small):
    small.add_objective({"id": "obj-return", "name": "More repeat orders", "conversion": {"stage": "return"}})
    assert ids(small.conversions()) == ["pay", "again"]
    small.update_objective({"id": "obj-return", "name": "More repeat orders"})
    assert ids(small.conversions()) == ["pay"]
    assert small.remove_objective("obj-return") == {"id": "obj-return", "name": "More repeat orders"}


def test_add_update_remove_transition(small):
    small.add_transition({"from": "home", "to": "pay"})
    small.update_transition({"from": "home", "to": "pay", "expected_rate": 0.1})
    assert small.transition("home", "pay") == {"from": "home", "to": "pay", "expected_rate": 0.1}
    assert small.remove_transition("home", "pay") == {"from": "home", "to": "pay", "expected_rate": 0.1}
    assert small.remove_transition(from_="cart", to="pay")["expected_rate"] == 0.4


def test_set_name_and_metadata(small):
    small.set_name("Renamed")
    assert small.name == "Renamed"
    small.name = "Again"
    assert small.name == "Again"
    small.set_metadata({"last_reviewed": "2026-06-30", "lint": {"disable": ["JM-L011"]}})
    assert small.metadata == {"last_reviewed": "2026-06-30", "lint": {"disable": ["JM-L011"]}}
    small.metadata = {}
    assert small.metadata == {}
    assert small.to_dict().get("metadata") is None


def test_mutations_keep_queries_consistent(small):
    small.add_touchpoint({"id": "t-new", "name": "New", "stage": "visit", "channel": "web"})
    assert "t-new" in ids(small.entries())
    small.add_transition({"from": "t-new", "to": "cart"})
    assert "t-new" not in ids(small.successors("t-new"))
    assert ids(small.predecessors("cart")) == ["home", "t-new"]
    assert "t-new" in ids(small.entries())


# Refused --------------------------------------------------------------------


def test_refused_duplicate_id(small):
    refused(small, journeymap.InvalidMapError, "DUPLICATE_ID", small.add_persona,
            {"id": "p-new", "name": "Twin"}, path="/personas/2/id")
    refused(small, journeymap.InvalidMapError, "DUPLICATE_ID", small.add_stage,
            {"id": "visit", "name": "Again"}, path="/stages/3/id")


def test_refused_dangling_reference(small):
    err = refused(small, journeymap.InvalidMapError, "DANGLING_REFERENCE", small.add_touchpoint,
                  {"id": "t", "name": "T", "stage": "nope", "channel": "web"},
                  path="/touchpoints/5/stage")
    assert err.id == "nope"
    refused(small, journeymap.InvalidMapError, "DANGLING_REFERENCE", small.add_transition,
            {"from": "home", "to": "nope"})


def test_refused_with_several_violations_lists_them_all(small):
    err = refused(small, journeymap.InvalidMapError, "INVALID_MAP", small.add_touchpoint,
                  {"id": "t", "name": "", "stage": "nope", "channel": "nope", "emotion": {"score": 7}})
    codes = [e["code"] for e in err.errors]
    assert {"EMPTY_NAME", "DANGLING_REFERENCE", "EMOTION_OUT_OF_RANGE"} <= set(codes)
    assert all(e["path"].startswith("/touchpoints/5/") for e in err.errors)
    assert err.path == err.errors[0]["path"]


def test_refused_self_and_duplicate_transition(small):
    refused(small, journeymap.InvalidMapError, "SELF_TRANSITION", small.add_transition,
            {"from": "home", "to": "home"})
    refused(small, journeymap.InvalidMapError, "DUPLICATE_TRANSITION", small.add_transition,
            {"from": "home", "to": "cart"})


def test_refused_parse_errors_are_located_in_the_document(small):
    err = refused(small, journeymap.ParseError, "UNKNOWN_FIELD", small.add_stage,
                  {"id": "s", "name": "S", "colour": "red"}, path="/stages/3/colour")
    assert err.line is None and err.column is None
    assert "colour" in err.message and "line" not in err.message
    refused(small, journeymap.ParseError, "MISSING_FIELD", small.add_channel,
            {"id": "c", "name": "C"}, path="/channels/2/kind")
    refused(small, journeymap.ParseError, "JSON_TYPE", small.add_touchpoint,
            {"id": "t", "name": "T", "stage": "visit", "channel": "web", "emotion": {"score": "high"}},
            path="/touchpoints/5/emotion/score")
    refused(small, journeymap.ParseError, "JSON_TYPE", small.add_channel,
            {"id": "c", "name": "C", "kind": "telepathy"}, path="/channels/2/kind")
    refused(small, journeymap.ParseError, "UNKNOWN_FIELD", small.update_touchpoint,
            {"id": "cart", "name": "Cart", "stage": "buy", "channel": "web", "colour": 1},
            path="/touchpoints/2/colour")
    refused(small, journeymap.ParseError, "UNKNOWN_FIELD", small.update_transition,
            {"from": "cart", "to": "pay", "weight": 1}, path="/transitions/2/weight")
    refused(small, journeymap.ParseError, "UNKNOWN_FIELD", small.set_metadata,
            {"owner": "me"}, path="/metadata/owner")
    refused(small, journeymap.ParseError, "UNKNOWN_FIELD", small.insert_stage, 1,
            {"id": "s", "name": "S", "x": 1}, path="/stages/1/x")


def test_refused_update_of_unknown_entity(small):
    for call, item in (
        (small.update_persona, {"id": "nope", "name": "N"}),
        (small.update_stage, {"id": "nope", "name": "N"}),
        (small.update_channel, {"id": "nope", "name": "N", "kind": "digital"}),
        (small.update_team, {"id": "nope", "name": "N"}),
        (small.update_touchpoint, {"id": "nope", "name": "N", "stage": "visit", "channel": "web"}),
        (small.update_objective, {"id": "nope", "name": "N"}),
        (small.update_transition, {"from": "home", "to": "pay"}),
    ):
        refused(small, journeymap.NotFoundError, "NOT_FOUND", call, item)


def test_refused_remove_of_unknown_entity(small):
    for call in (small.remove_persona, small.remove_stage, small.remove_channel, small.remove_team,
                 small.remove_touchpoint, small.remove_objective):
        err = refused(small, journeymap.NotFoundError, "NOT_FOUND", call, "nope")
        assert err.id == "nope"
        assert isinstance(err, KeyError)
    refused(small, journeymap.NotFoundError, "NOT_FOUND", small.remove_transition, "home", "pay")


def test_refused_remove_in_use(small):
    err = refused(small, journeymap.ReferenceInUseError, "IN_USE", small.remove_persona, "p-loyal")
    assert err.path == "/touchpoints/1/personas/0" and err.id == "p-loyal"
    refused(small, journeymap.ReferenceInUseError, "IN_USE", small.remove_channel, "shop",
            path="/touchpoints/1/channel")
    refused(small, journeymap.ReferenceInUseError, "IN_USE", small.remove_team, "sales",
            path="/touchpoints/2/owner")
    refused(small, journeymap.ReferenceInUseError, "IN_USE", small.remove_touchpoint, "pay")
    refused(small, journeymap.ReferenceInUseError, "IN_USE", small.remove_stage, "buy", cascade=True)


def test_refused_remove_stage_not_empty_and_last_stage(small):
    err = refused(small, journeymap.ReferenceInUseError, "STAGE_NOT_EMPTY", small.remove_stage, "visit")
    assert err.id == "visit"
    one = JourneyMap.from_json('{"name": "x", "stages": [{"id": "s", "name": "S"}]}')
    refused(one, journeymap.InvalidMapError, "NO_STAGES", one.remove_stage, "s")


def test_refused_reorder_and_rename(small):
    for order in (["visit", "buy"], ["visit", "buy", "return", "return"], ["visit", "buy", "nope"], []):
        refused(small, journeymap.InvalidMapError, "INVALID_VALUE", small.reorder_stages, order,
                path="/stages")
    refused(small, journeymap.InvalidMapError, "EMPTY_NAME", small.set_name, "", path="/name")
    with pytest.raises(journeymap.InvalidMapError):
        small.name = " "
    assert small.name == "Tiny shop"


def test_refused_bad_metadata(small):
    refused(small, journeymap.InvalidMapError, "INVALID_VALUE", small.set_metadata,
            {"created": "2026-02-30"})
    refused(small, journeymap.ParseError, "JSON_TYPE", small.set_metadata, {"tags": "retail"},
            path="/metadata/tags")


def test_refused_non_dict_entities(small):
    before = small.to_dict()
    for call in (small.add_persona, small.add_stage, small.add_touchpoint, small.update_team,
                 small.add_transition, small.set_metadata):
        for bad in (None, "persona", ["id", "x"], 3, b"{}"):
            with pytest.raises(TypeError):
                call(bad)
    assert small.to_dict() == before

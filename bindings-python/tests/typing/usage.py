"""Typed use of the journeymap API; checked with `mypy --strict` by test_stubs.py."""

from __future__ import annotations

import journeymap
from journeymap import ErrorInfo, JourneyMap, Touchpoint, Transition


def build() -> JourneyMap:
    m = JourneyMap.from_dict({"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]})
    m.add_channel({"id": "web", "name": "Website", "kind": "digital"})
    tp: Touchpoint = {"id": "home", "name": "Home", "stage": "visit", "channel": "web",
                      "emotion": {"score": 1}}
    m.add_touchpoint(tp)
    t: Transition = {"from": "home", "to": "home", "loop": True}
    try:
        m.add_transition(t)
    except journeymap.InvalidMapError as e:
        first: ErrorInfo = e.errors[0]
        print(e.code, first["path"], e.line)
    return m


def names(m: JourneyMap) -> list[str]:
    return [t["name"] for t in m.touchpoints_in_stage("visit")]


def checked(text: str | bytes) -> list[str]:
    return [e["code"] for e in journeymap.validate(text)]


def roundtrip(m: JourneyMap) -> bool:
    return JourneyMap.from_json(m.to_json(indent=None)) == m and m.to_dict()["name"] == m.name
